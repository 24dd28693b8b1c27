import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Login, Packet, Socket } from "@fleetlens/core";
import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import { bin, cli } from "./helpers.js";

const fleet = join(__dirname, "..", "..", "..", "demo", "fleet");
const tmp = mkdtempSync(join(tmpdir(), "fleetlens-parse-"));

const ndjson = (s: string) =>
  s
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));

describe("fleetlens parse", () => {
  it("auto sniffs each file's kind and every record decodes with its schema", async () => {
    const files = ["old03.wtmp", "lab05-LAST", "old03.pcap", "lab05-TCPDUMP"].map((f) => join(fleet, f));
    const r = await cli(["parse", "auto", ...files, "--stats", "json", "--date", "2026-10-31"]);
    expect(r.code).toBe(0);
    const stats = JSON.parse(r.stderr.trim());
    expect(stats.kind).toBe("wtmp,last,pcap,tcpdump");
    expect(stats.files).toBe(4);
    expect(stats.skipped).toBe(0);
    expect(stats.lines).toBe(stats.records + stats.skipped + stats.ignored);
    const recs = ndjson(r.stdout);
    expect(recs).toHaveLength(stats.records);
    const logins = recs.filter((x) => "user" in x);
    const packets = recs.filter((x) => "proto" in x);
    expect(logins.length + packets.length).toBe(recs.length);
    for (const l of logins) Schema.decodeUnknownSync(Login)(l);
    for (const p of packets) Schema.decodeUnknownSync(Packet)(p);
    expect(logins.find((l) => l.user === "kenji" && l.line === "pts/1")).toMatchObject({
      start: "2026-09-02T14:00:00Z",
      end: "2026-09-02T14:30:00Z",
      endReason: "logout",
      durationSeconds: 1800,
    });
  });

  it("reads stdin with -, and json, csv and table formats carry the same records", async () => {
    const text = readFileSync(join(fleet, "lab05-LAST"));
    const json = JSON.parse((await cli(["parse", "last", "-", "--format", "json"], { stdin: text })).stdout);
    expect(json).toHaveLength(4);
    for (const l of json) Schema.decodeUnknownSync(Login)(l);
    const csv = (await cli(["parse", "last", "-", "--format", "csv"], { stdin: text })).stdout
      .trim()
      .split("\n");
    // every field of the record type, optional ones (failed: btmp only) included
    expect(csv[0]).toBe("kind,user,line,host,start,end,endReason,durationSeconds,addr,failed");
    expect(csv).toHaveLength(5);
    const table = (await cli(["parse", "last", "-"], { stdin: text, tty: true, env: { NO_COLOR: "1" } }))
      .stdout;
    expect(table.split("\n")[0]).toMatch(/^kind\s+user\s+line\s+host\s+start/);
    expect(table).toContain("c0a22100");
  });

  it("parses socket tables", async () => {
    const f = join(tmp, "ss.txt");
    writeFileSync(
      f,
      [
        "State Recv-Q Send-Q             Local Address:Port          Peer Address:Port Process",
        'ESTAB 1000   0                      127.0.0.1:8080             127.0.0.1:56992 users:(("python3",pid=12838,fd=8))',
        "ESTAB 0      0                          [::1]:47158                [::1]:8443",
        "",
      ].join("\n"),
    );
    const r = await cli(["parse", "ss", f, "--format", "json"]);
    const socks = (JSON.parse(r.stdout) as unknown[]).map((s) => Schema.decodeUnknownSync(Socket)(s));
    expect(socks[0]).toMatchObject({ state: "ESTAB", local: "127.0.0.1", lport: 8080, recvQ: 1000 });
    expect(socks[0]!.process).toEqual({ name: "python3", pid: 12838, fd: 8 });
    expect(socks[1]).toMatchObject({ local: "::1", lport: 47158, peer: "::1", pport: 8443, process: null });
  });

  it("csv columns are the record type's fields, so an optional field absent at first is not lost", async () => {
    const f = join(tmp, "walk.txt");
    writeFileSync(
      f,
      [
        '.1.3.6.1.2.1.1.5.0 = STRING: "lab05"',
        ".1.3.6.1.4.1.2021.4.5.0 = INTEGER: 2048000 kB",
        ".1.3.6.1.2.1.2.2.1.8.2 = INTEGER: up(1)",
        "",
      ].join("\n"),
    );
    const r = await cli(["parse", "snmpwalk", f, "--format", "csv"]);
    expect(r.code).toBe(0);
    const [head, ...rows] = r.stdout.trim().split("\n");
    const cols = head!.split(",");
    expect(cols).toEqual(expect.arrayContaining(["oid", "type", "value", "unit", "label"]));
    expect(rows[1]!.split(",")[cols.indexOf("unit")]).toBe("kB");
    expect(rows[2]!.split(",")[cols.indexOf("label")]).toBe("up");
  });

  it("a file of no known kind exits 1 under auto", async () => {
    const f = join(tmp, "poem.txt");
    writeFileSync(f, "The quick brown fox\njumps over the lazy dog\n");
    const r = await cli(["parse", "auto", f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${f}: cannot tell its kind`);
  });

  it("the bundle streams a pcap to ndjson through a pipe", () => {
    const r = bin(["parse", "pcap", join(fleet, "web01.pcap"), "--stats", "json"]);
    expect(r.code).toBe(0);
    const stats = JSON.parse(r.stderr.trim());
    expect(stats).toMatchObject({ kind: "pcap", records: 12240, skipped: 0 });
    expect(r.stdout.trim().split("\n")).toHaveLength(12240);
  });
});

describe("fleetlens parse --failed", () => {
  it("reads btmp records as failed attempts", async () => {
    const { execFileSync } = await import("node:child_process");
    const text =
      "[6] [01234] [    ] [mallory ] [ssh:notty   ] [203.0.113.66        ] [203.0.113.66   ] [2024-03-01T09:15:00,000000+00:00]\n";
    const f = join(tmp, "btmp");
    writeFileSync(f, execFileSync("utmpdump", ["-r"], { input: text, stdio: ["pipe", "pipe", "ignore"] }));
    const r = await cli(["parse", "wtmp", f, "--failed", "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      expect.objectContaining({ user: "mallory", line: "ssh:notty", host: "203.0.113.66", failed: true }),
    ]);
  });
});
