import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { IdleVerdict, PeerReport } from "@fleetlens/core";
import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import { hostFromFile } from "../src/evidence.js";
import { cli } from "./helpers.js";

const fleet = join(__dirname, "..", "..", "..", "demo", "fleet");
const files = readdirSync(fleet).sort();
const pick = (re: RegExp) => files.filter((f) => re.test(f)).map((f) => join(fleet, f));
const logins = pick(/\.wtmp$|-LAST$/);
const traffic = pick(/\.pcap$|-TCPDUMP$/);
const when = [
  "--at",
  "2026-11-01T00:00:00Z",
  "--collected-at",
  "2026-11-01T00:00:00Z",
  "--date",
  "2026-10-31",
];
const tmp = mkdtempSync(join(tmpdir(), "fleetlens-idle-"));

const decodeVerdicts = Schema.decodeUnknownSync(Schema.Array(IdleVerdict));

describe("fleetlens idle on the demo fleet (known truth: scripts/make-demo.mjs)", () => {
  it("judges each VM as its story says, with reasons naming evidence", async () => {
    const out = join(tmp, "seed");
    const r = await cli([
      "idle",
      "--logins",
      ...logins,
      "--traffic",
      ...traffic,
      ...when,
      "--format",
      "json",
      "--seed-files",
      out,
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const verdicts = decodeVerdicts(JSON.parse(r.stdout));
    const by = Object.fromEntries(verdicts.map((v) => [v.host, v]));
    expect(Object.keys(by).sort()).toEqual(["dev02", "lab05", "new04", "old03", "web01"]);
    expect(by.web01!.verdict).toBe("active"); // no logins, but busy: the seed would have called it inactive
    expect(by.web01!.uncommonPeers).toHaveLength(40);
    expect(by.web01!.reasons.join(" ")).toMatch(/heavy traffic/);
    expect(by.dev02!.verdict).toBe("active");
    expect(by.dev02!.uncommonPeers).toEqual(["192.168.100.37"]);
    expect(by.dev02!.loginDays).toBeGreaterThanOrEqual(9);
    expect(by.old03!.verdict).toBe("idle");
    expect(by.old03!.lastLogin).toBe(Date.parse("2026-09-02T14:00:00Z"));
    expect(by.new04!.verdict).toBe("insufficient-data");
    expect(by.lab05!.verdict).toBe("idle"); // seed formats: year from the trailer, own IP from line 1
    expect(by.lab05!.lastLogin).toBe(Date.parse("2026-10-10T13:05:00Z"));
    for (const v of verdicts) {
      expect(v.score).toBeGreaterThanOrEqual(0);
      expect(v.score).toBeLessThanOrEqual(1);
      expect(v.reasons.length).toBeGreaterThan(0);
    }
    expect(readFileSync(join(out, "diff-ip-vm"), "utf8").trim().split("\n").sort()).toEqual([
      "dev02",
      "web01",
    ]);
    expect(readFileSync(join(out, "inactive-vm-prediction"), "utf8").trim().split("\n").sort()).toEqual([
      "lab05",
      "old03",
    ]);
  });

  it("writes ndjson when stdout is not a terminal and a table when it is", async () => {
    const nd = await cli(["idle", "--logins", ...logins, "--traffic", ...traffic, ...when]);
    expect(nd.stdout.trim().split("\n")).toHaveLength(5);
    const tbl = await cli(["idle", "--logins", ...logins, "--traffic", ...traffic, ...when], {
      tty: true,
      env: { NO_COLOR: "1" },
    });
    expect(tbl.stdout).toMatch(/^HOST\s+VERDICT\s+SCORE/);
    expect(tbl.stdout).not.toContain("\x1b[");
  });

  it("utilisation samples make a login-less host active or idle by Google's rule", async () => {
    const metrics = join(tmp, "util.ndjson");
    const lines: string[] = [];
    for (let h = 0; h < 14 * 24; h++) {
      const ts = new Date(Date.parse("2026-10-18T01:00:00Z") + h * 3_600_000).toISOString();
      lines.push(
        JSON.stringify({ host: "old03", ts, intervalSeconds: 3600, cpuVcpus: 0.9, rxBytesPerSecond: 10 }),
      );
    }
    writeFileSync(metrics, `${lines.join("\n")}\n`);
    const r = await cli([
      "idle",
      "--logins",
      join(fleet, "old03.wtmp"),
      "--metrics",
      metrics,
      ...when,
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    const [v] = decodeVerdicts(JSON.parse(r.stdout));
    expect(v!.verdict).toBe("active");
    expect(v!.reasons.join(" ")).toMatch(/CPU/);
  });

  it("a bad metrics line exits 1 naming file, line and field", async () => {
    const metrics = join(tmp, "bad.ndjson");
    writeFileSync(
      metrics,
      `${JSON.stringify({ host: "a", ts: "2026-10-20T00:00:00Z", intervalSeconds: 60 })}\n${JSON.stringify({ host: "a", ts: "2026-10-20T00:01:00Z", intervalSeconds: -5 })}\n`,
    );
    const r = await cli(["idle", "--metrics", metrics, ...when]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(`${metrics}:2: field intervalSeconds`);
    expect(r.stdout).toBe("");
  });

  it("--fail-on idle exits 3 naming the idle hosts", async () => {
    const r = await cli([
      "idle",
      "--logins",
      ...logins,
      "--traffic",
      ...traffic,
      ...when,
      "--fail-on",
      "idle",
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("2 host(s) idle: lab05, old03");
  });

  it("refuses a file of the wrong kind with exit 1 naming it", async () => {
    const r = await cli(["idle", "--logins", join(fleet, "web01.pcap"), ...when]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("web01.pcap: not a login file");
  });

  it("bad option values exit 2", async () => {
    for (const argv of [
      ["--window", "forever"],
      ["--at", "tuesday"],
      ["--quorum", "1.5"],
      ["--allow", "10.0.0.0/99"],
    ]) {
      const r = await cli(["idle", "--traffic", ...traffic, "--date", "2026-10-31", ...argv]);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stderr).toContain(argv[0]!.startsWith("--allow") ? "10.0.0.0/99" : argv[0]!);
    }
  });
});

describe("fleetlens peers uncommon", () => {
  it("lists uncommon peers per host; a quorum below 1 makes more peers common", async () => {
    const strict = await cli([
      "peers",
      "uncommon",
      "--traffic",
      ...traffic,
      "--date",
      "2026-10-31",
      "--format",
      "json",
    ]);
    expect(strict.code).toBe(0);
    const rows = Schema.decodeUnknownSync(Schema.Array(PeerReport))(JSON.parse(strict.stdout));
    expect(rows.find((r) => r.host === "dev02")!.uncommonPeers).toEqual(["192.168.100.37"]);
    expect(rows.find((r) => r.host === "old03")!.uncommonPeers).toEqual([]);
    const allowed = await cli([
      "peers",
      "uncommon",
      "--traffic",
      ...traffic,
      "--date",
      "2026-10-31",
      "--allow",
      "192.168.100.0/24",
      "--format",
      "json",
    ]);
    const rows2 = JSON.parse(allowed.stdout) as { host: string; uncommonPeers: string[] }[];
    expect(rows2.find((r) => r.host === "dev02")!.uncommonPeers).toEqual([]);
  });
});

describe("host names from file names", () => {
  it("strips the seed's and fleetlens's suffixes", () => {
    expect(hostFromFile("/x/c0a22100-LAST")).toBe("c0a22100");
    expect(hostFromFile("c0a22100-TCPDUMP")).toBe("c0a22100");
    expect(hostFromFile("vm1-VM-TCPDUMP")).toBe("vm1");
    expect(hostFromFile("evidence/web01.wtmp")).toBe("web01");
    expect(hostFromFile("web01.pcapng")).toBe("web01");
    expect(hostFromFile("db.example.org.pcap")).toBe("db.example.org");
  });
});
