import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  escapeData,
  escapeProperty,
  expandGlobs,
  globRegex,
  InputProblem,
  MAX_ANNOTATIONS_PER_FILE,
  readInputs,
  run,
} from "../src/check.js";

const ROOT = join(__dirname, "..", "..", "..");
const DIST = join(__dirname, "..", "dist", "index.cjs");

const tree = (files: Record<string, string | Uint8Array>): string => {
  const dir = mkdtempSync(join(tmpdir(), "fleetlens-action-"));
  for (const [name, body] of Object.entries(files)) {
    const p = join(dir, name);
    mkdirSync(join(p, ".."), { recursive: true });
    writeFileSync(p, body);
  }
  return dir;
};

const SS_OK = "ESTAB 0 0 127.0.0.1:22 127.0.0.1:5000\nESTAB 0 0 127.0.0.1:5000 127.0.0.1:22\n";
const SS_BAD = "ESTAB 0 0 127.0.0.1:22 127.0.0.1:5000\nthis is not a socket line\nnor, this: one\n";

/** What run() printed and wrote, for a workspace and inputs. */
const runIn = async (cwd: string, inputs: Record<string, string>) => {
  const out = join(cwd, "github-output");
  const summary = join(cwd, "github-summary");
  const env: Record<string, string> = { GITHUB_OUTPUT: out, GITHUB_STEP_SUMMARY: summary };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  let text = "";
  const code = await run({ env, cwd, write: (s) => (text += s) });
  const read = (f: string) => (existsSync(f) ? readFileSync(f, "utf8") : "");
  return { code, text, output: read(out), summary: read(summary) };
};

describe("inputs", () => {
  it("reads GitHub's INPUT_ variables (hyphens kept) and checks each", () => {
    expect(
      readInputs({
        INPUT_FILES: " a.log\n b/*.txt ",
        INPUT_KIND: "ss",
        "INPUT_MAX-SKIPPED": "3",
        INPUT_YEAR: "2024",
      }),
    ).toMatchObject({ patterns: ["a.log", "b/*.txt"], kind: "ss", maxSkipped: 3, options: { year: 2024 } });
    expect(readInputs({ INPUT_FILES: "x" })).toMatchObject({ kind: "auto", maxSkipped: 0, options: {} });
    const bad: Array<[Record<string, string>, RegExp]> = [
      [{}, /input files/],
      [{ INPUT_FILES: "x", INPUT_KIND: "nope" }, /input kind: "nope" is not one of wtmp/],
      [{ INPUT_FILES: "x", "INPUT_MAX-SKIPPED": "-1" }, /input max-skipped/],
      [{ INPUT_FILES: "x", INPUT_YEAR: "24" }, /input year/],
      [{ INPUT_FILES: "x", INPUT_DATE: "2024-13-45" }, /input date/],
      [{ INPUT_FILES: "x", INPUT_TZ: "Mars/Olympus" }, /input tz/],
    ];
    for (const [env, msg] of bad) {
      expect(() => readInputs(env)).toThrow(InputProblem);
      expect(() => readInputs(env)).toThrow(msg);
    }
  });
});

describe("globs", () => {
  it("match *, ** and ? on path segments", () => {
    expect(globRegex("*.log").test("a.log")).toBe(true);
    expect(globRegex("*.log").test("d/a.log")).toBe(false);
    expect(globRegex("**/*.log").test("a.log")).toBe(true);
    expect(globRegex("**/*.log").test("d/e/a.log")).toBe(true);
    expect(globRegex("vm?.wtmp").test("vm1.wtmp")).toBe(true);
    expect(globRegex("vm?.wtmp").test("vm10.wtmp")).toBe(false);
    expect(globRegex("a+b.log").test("a+b.log")).toBe(true);
    expect(globRegex("a+b.log").test("aab.log")).toBe(false);
  });

  it("expand to sorted workspace-relative files, each once; a missing file or an empty glob is an error", async () => {
    const dir = tree({ "logs/b.log": "", "logs/a.log": "", "logs/deep/c.log": "", "other.txt": "" });
    expect(await expandGlobs(["logs/*.log", "logs/a.log"], dir)).toEqual(["logs/a.log", "logs/b.log"]);
    expect(await expandGlobs(["logs/**/*.log"], dir)).toEqual([
      "logs/a.log",
      "logs/b.log",
      "logs/deep/c.log",
    ]);
    expect(await expandGlobs(["**/*.txt"], dir)).toEqual(["other.txt"]);
    await expect(expandGlobs(["logs/none.log"], dir)).rejects.toThrow("logs/none.log: no such file");
    await expect(expandGlobs(["logs/*.gz"], dir)).rejects.toThrow("logs/*.gz: matched no file");
  });
});

describe("workflow command escaping", () => {
  const unescapeCommand = (s: string) =>
    s
      .replace(/%0D/g, "\r")
      .replace(/%0A/g, "\n")
      .replace(/%3A/g, ":")
      .replace(/%2C/g, ",")
      .replace(/%25/g, "%");

  test.prop([fc.string({ unit: "binary" })])("messages and properties unescape to the original", (s) => {
    expect(unescapeCommand(escapeData(s))).toBe(s);
    expect(unescapeCommand(escapeProperty(s))).toBe(s);
    expect(escapeData(s)).not.toMatch(/[\r\n]/);
    expect(escapeProperty(s)).not.toMatch(/[\r\n:,]/);
  });
});

describe("run", () => {
  it("passes on clean files: outputs, summary, no annotation", async () => {
    const dir = tree({ "fx/a-ss.txt": SS_OK, "fx/b-ss.txt": SS_OK });
    const r = await runIn(dir, { files: "fx/*.txt", kind: "ss" });
    expect(r.code).toBe(0);
    expect(r.text).toBe("fleetlens check passed: 2 file(s), 4 record(s), 0 line(s) skipped (allowed 0)\n");
    expect(r.output).toBe("files=2\nrecords=4\nskipped=0\n");
    expect(r.summary).toContain("| fx/a-ss.txt | ss | 2 | 2 | 0 | 0 |");
  });

  it("annotates each skipped line on its file and line, and fails unless allowed", async () => {
    const dir = tree({ "fx/bad.txt": SS_BAD });
    const r = await runIn(dir, { files: "fx/bad.txt", kind: "ss" });
    expect(r.code).toBe(1);
    const annotations = r.text.split("\n").filter((l) => l.startsWith("::error file="));
    expect(annotations.map((l) => l.slice(0, l.indexOf("::", 2)))).toEqual([
      "::error file=fx/bad.txt,line=2,title=fleetlens%3A line skipped",
      "::error file=fx/bad.txt,line=3,title=fleetlens%3A line skipped",
    ]);
    expect(r.text).toContain(
      "::error title=fleetlens check::fleetlens check failed: 2 line(s) skipped (allowed 0)",
    );
    expect(r.output).toBe("files=1\nrecords=1\nskipped=2\n");
    const allowed = await runIn(dir, { files: "fx/bad.txt", kind: "ss", "max-skipped": "2" });
    expect(allowed.code).toBe(0);
  });

  it("sniffs kinds under auto; a file of no known kind fails the check", async () => {
    const wtmp = execFileSync("utmpdump", ["-r"], {
      input:
        "[7] [01234] [ts/0] [alice   ] [pts/0       ] [10.0.0.9            ] [10.0.0.9       ] [2024-03-01T09:15:00,000000+00:00]\n",
      stdio: ["pipe", "pipe", "ignore"],
    });
    const dir = tree({ "vm1.wtmp": wtmp, "poem.txt": "The quick brown fox\njumps over the lazy dog\n" });
    const ok = await runIn(dir, { files: "vm1.wtmp" });
    expect(ok.code).toBe(0);
    expect(ok.summary).toContain("| vm1.wtmp | wtmp |");
    const bad = await runIn(dir, { files: "*.txt *.wtmp" });
    expect(bad.code).toBe(1);
    expect(bad.text).toContain("::error file=poem.txt,title=fleetlens check::cannot tell its kind");
  });

  it("annotates at most MAX_ANNOTATIONS_PER_FILE lines per file and says how many more", async () => {
    const dir = tree({ "many.txt": `${"garbage line\n".repeat(MAX_ANNOTATIONS_PER_FILE + 7)}` });
    const r = await runIn(dir, { files: "many.txt", kind: "ss" });
    expect(r.text.split("\n").filter((l) => l.startsWith("::error file=many.txt,line="))).toHaveLength(
      MAX_ANNOTATIONS_PER_FILE,
    );
    expect(r.text).toContain(
      "::warning file=many.txt,title=fleetlens check::7 more skipped lines not annotated",
    );
    expect(r.output).toContain(`skipped=${MAX_ANNOTATIONS_PER_FILE + 7}`);
  });

  it("a bad input is one error line and a failed step", async () => {
    const r = await runIn(tree({}), { files: "nothing/*.log" });
    expect(r).toMatchObject({
      code: 1,
      text: "::error title=fleetlens check::input files: nothing/*.log: matched no file\n",
    });
  });
});

describe("the committed bundle (what GitHub runs)", () => {
  it("runs as GitHub runs it: INPUT_ variables, GITHUB_WORKSPACE, exit code", () => {
    const dir = tree({ "fx/bad.txt": SS_BAD, "fx/good.txt": SS_OK });
    const env = { PATH: process.env.PATH ?? "", GITHUB_WORKSPACE: dir, INPUT_KIND: "ss" };
    const good = spawnSync(process.execPath, [DIST], {
      env: { ...env, INPUT_FILES: "fx/good.txt" },
      encoding: "utf8",
    });
    expect(good.status).toBe(0);
    const bad = spawnSync(process.execPath, [DIST], {
      env: { ...env, INPUT_FILES: "fx/*.txt" },
      encoding: "utf8",
    });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain("::error file=fx/bad.txt,line=2,");
  });

  it("is the build of the current sources (run after npm run build)", () => {
    // GitHub runs dist/index.cjs from the repository, so it is committed; npm test builds first,
    // and a stale committed bundle shows as a change here.
    const git = spawnSync("git", ["status", "--porcelain", "--", "adapters/action/dist"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    if (git.status !== 0) return; // not a git checkout (a published tarball): nothing to compare
    expect(git.stdout, "adapters/action/dist differs from a fresh build: commit the rebuilt bundle").toBe("");
  });
});
