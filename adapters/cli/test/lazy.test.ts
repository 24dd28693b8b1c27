/**
 * Start-up: the verbs' declarations load at start, each verb's implementation only when it runs.
 * The lists the declarations keep so that help loads nothing heavy must match their sources.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { CheckFailed, ConfigError, exitCodeOf, InputError, UsageError } from "@fleetlens/core";
import { KINDS as PARSER_KINDS } from "@fleetlens/parsers";
import { probers } from "@fleetlens/probes";
import { describe, expect, it } from "vitest";
import { KINDS } from "../src/commands/parse.js";
import { PROBE_KINDS } from "../src/commands/probe.js";
import { ArgvError } from "../src/framework.js";
import { EXIT_CODES } from "../src/main.js";
import { BIN, cli } from "./helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "fleetlens-lazy-"));

/** Run the bundled command; return the files of dist it loaded (names) and their total size. */
const loaded = (argv: string[]): { files: string[]; bytes: number; code: number | null } => {
  const out = join(tmp, `loaded-${argv.join("-").replace(/[^a-z0-9-]/gi, "_")}.json`);
  const script = `
    const { statSync, writeFileSync } = require("node:fs");
    process.argv = [process.argv[0], ${JSON.stringify(BIN)}, ...process.argv.slice(1)];
    process.on("exit", () => {
      const files = Object.keys(require.cache).filter((f) => f.includes("/dist/"));
      const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
      writeFileSync(${JSON.stringify(out)}, JSON.stringify({ files, bytes }));
    });
    require(${JSON.stringify(BIN)});`;
  const r = spawnSync(process.execPath, ["-e", script, "--", ...argv], { encoding: "utf8" });
  const { files, bytes } = JSON.parse(readFileSync(out, "utf8")) as { files: string[]; bytes: number };
  return { files: files.map((f) => basename(f)), bytes, code: r.status };
};

const demo = join(__dirname, "..", "..", "..", "demo");

describe("start-up (declarations eager, implementations lazy)", () => {
  it("help, unknown verbs and bad options load only the declarations, no verb's code", () => {
    for (const argv of [
      ["--help"],
      ["license", "usage", "--help"],
      ["frobnicate"],
      ["parse", "wtmp", "--bogus"],
    ]) {
      const r = loaded(argv);
      expect(r.code, argv.join(" ")).toBe(argv.includes("--help") ? 0 : 2);
      expect(
        r.files.filter((f) => f.includes(".impl-")),
        argv.join(" "),
      ).toEqual([]);
      // The declarations, the framework and output: tens of KB (effect alone is hundreds).
      expect(r.bytes, argv.join(" ")).toBeLessThan(100 * 1024);
    }
  });

  it("a verb loads its own implementation and not the other verbs'", () => {
    const impls = (files: string[]) =>
      files.filter((f) => f.includes(".impl-")).map((f) => f.replace(/-[^-]+$/, ""));
    const p = loaded(["parse", "wtmp", join(demo, "fleet", "old03.wtmp")]);
    expect(p.code).toBe(0);
    expect(impls(p.files)).toEqual(["parse.impl"]);
    expect(p.files.some((f) => f.startsWith("mysql-") || f.startsWith("sqlite-"))).toBe(false);
    const l = loaded(["license", "usage", join(demo, "licence", "orglabdebug.log")]);
    expect(l.code).toBe(0);
    expect(impls(l.files)).toContain("license.impl");
    for (const other of ["idle.impl", "peers.impl", "collect.impl", "openstack.impl", "probe.impl"])
      expect(impls(l.files)).not.toContain(other);
  });

  it("the kinds help lists are the parsers' and the probes'", () => {
    expect(KINDS).toEqual(PARSER_KINDS);
    expect([...PROBE_KINDS].sort()).toEqual(Object.keys(probers).sort());
  });

  it("exit codes by tag agree with core's exitCodeOf; an argument error is a usage error", async () => {
    const errors = [
      new InputError({ file: "f", reason: "r" }),
      new ConfigError({ path: "p", expected: "e" }),
      new UsageError({ reason: "r" }),
      new CheckFailed({ reason: "r" }),
    ];
    expect(Object.keys(EXIT_CODES).sort()).toEqual(errors.map((e) => e._tag).sort());
    for (const e of errors) expect(EXIT_CODES[e._tag], e._tag).toBe(exitCodeOf(e));
    expect(exitCodeOf(new ArgvError({ reason: "r" }))).toBe(2);
    const r = await cli(["parse"]);
    expect(r).toMatchObject({ code: 2, stderr: "fleetlens: fleetlens parse: missing argument kind\n" });
  });
});
