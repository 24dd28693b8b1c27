import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bin, cli } from "./helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "fleetlens-cli-"));

describe("fleetlens (exit codes and errors)", () => {
  it("prints help for the root and every verb, exit 0", async () => {
    for (const argv of [
      ["--help"],
      ["parse", "--help"],
      ["idle", "--help"],
      ["peers", "--help"],
      ["peers", "uncommon", "--help"],
      ["collect", "--help"],
    ]) {
      const r = await cli(argv);
      expect(r.code, argv.join(" ")).toBe(0);
      expect(r.stdout).toMatch(/^Usage: fleetlens/);
      expect(r.stdout).toContain("--help");
    }
  });

  it("pins the parse help text", async () => {
    expect((await cli(["parse", "--help"])).stdout).toMatchSnapshot();
  });

  it("an unknown verb exits 2 listing the verbs", async () => {
    const r = await cli(["frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /unknown command "frobnicate" \(known: parse, idle, peers, collect, license, openstack, probe, serve, (?:remedy, )?push(?:, remedy)?\)/,
    );
  });

  it("an unknown kind exits 2 listing the kinds", async () => {
    const r = await cli(["parse", "nope", "x"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown kind "nope"');
    for (const k of ["wtmp", "last", "tcpdump", "pcap", "ss", "proc-net-tcp", "auto"])
      expect(r.stderr).toContain(k);
  });

  it("an unknown option exits 2 naming it", async () => {
    const r = await cli(["parse", "last", "--bogus", "x"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--bogus");
  });

  it("a bad option value exits 2 naming the option", async () => {
    const r = await cli(["parse", "last", "--format", "xml", "x"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--format must be one of table, json, ndjson, csv");
    const t = await cli(["parse", "last", "--tz", "Mars/Olympus", "x"]);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain("--tz");
  });

  it("an unreadable file exits 1 naming it, one line, no stack", async () => {
    const missing = join(tmp, "does-not-exist.wtmp");
    const r = await cli(["parse", "wtmp", missing]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`fleetlens: ${missing}: cannot open: no such file\n`);
    const d = await cli(["parse", "last", tmp]);
    expect(d.code).toBe(1);
    expect(d.stderr).toContain("is a directory");
  });

  it("--strict exits 3 when a line was skipped, after writing the good records", async () => {
    const f = join(tmp, "mixed-ss.txt");
    writeFileSync(
      f,
      "State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\nESTAB 0 0 127.0.0.1:22 127.0.0.1:5000\nthis is not a socket line at all\n",
    );
    const r = await cli(["parse", "ss", f, "--strict", "--stats", "json"]);
    expect(r.code).toBe(3);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    const stats = JSON.parse(r.stderr.split("\n")[0]!);
    expect(stats).toMatchObject({ kind: "ss", files: 1, lines: 3, records: 1, skipped: 1, ignored: 1 });
    expect(stats.errors[0]).toMatchObject({ file: f, line: 3 });
    expect(r.stderr).toMatch(/1 line\(s\) skipped; first: .*:3:/);
  });

  it("without --stats or --strict, skipped lines are named in one warning on stderr (exit 0)", async () => {
    const f = join(tmp, "mixed-ss-2.txt");
    writeFileSync(f, "ESTAB 0 0 127.0.0.1:22 127.0.0.1:5000\nnot a socket line\nnor this\n");
    const r = await cli(["parse", "ss", f]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `^fleetlens: warning: 2 input line\\(s\\) skipped; first: ${f.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:2: [^\\n]+\\(--stats json lists them, --strict fails on them\\)\\n$`,
      ),
    );
    const clean = await cli(["parse", "ss", f, "--stats", "json"]);
    expect(clean.stderr.split("\n").filter(Boolean)).toHaveLength(1);
    expect(JSON.parse(clean.stderr).skipped).toBe(2);
  });

  it("the bundled binary runs and maps errors to exit codes", () => {
    expect(bin(["--version"]).stdout).toMatch(/^fleetlens \d+\.\d+\.\d+/);
    const r = bin(["parse", "nope", "x"]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain("    at ");
  });
});
