import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ProbeResult } from "@fleetlens/core";
import { Schema } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "fleetlens-probe-"));
let server: Server;
let url = "";
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/missing") {
      res.statusCode = 404;
      res.end("no");
      return;
    }
    res.setHeader("content-type", "text/plain");
    res.end("all good\n");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => server.close());

const decode = Schema.decodeUnknownSync(ProbeResult);
const metric = (r: ProbeResult, name: string) => r.metrics.find((m) => m.name === name)?.value;

describe("fleetlens probe", () => {
  it("http: success with blackbox metrics, exit 0", async () => {
    const r = await cli(["probe", "http", `${url}/`, "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const p = decode(JSON.parse(r.stdout));
    expect(p).toMatchObject({ module: "http", success: true, failureReason: null });
    expect(metric(p, "probe_success")).toBe(1);
    expect(metric(p, "probe_http_status_code")).toBe(200);
  });

  it("a failed probe prints its result and exits 3 with the reason", async () => {
    const r = await cli(["probe", "http", `${url}/missing`, "--format", "json"]);
    expect(r.code).toBe(3);
    expect(decode(JSON.parse(r.stdout))).toMatchObject({ success: false, failureReason: "status" });
    expect(r.stderr).toContain("(status)");
    const t = await cli(["probe", "tcp", "127.0.0.1:1", "--format", "json"]);
    expect(t.code).toBe(3);
    expect(decode(JSON.parse(t.stdout)).failureReason).toBe("refused");
  });

  it("icmp to 127.0.0.1 with a packet count", async () => {
    const r = await cli(["probe", "icmp", "127.0.0.1", "--set", "count=2", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const p = decode(JSON.parse(r.stdout));
    expect(metric(p, "fleetlens_icmp_packets_received")).toBe(2);
    expect(metric(p, "fleetlens_icmp_loss_ratio")).toBe(0);
  });

  it("module settings are checked: an unknown key exits 2 listing the known ones", async () => {
    const r = await cli(["probe", "icmp", "127.0.0.1", "--set", "packets=2"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--set packets: not a icmp setting \(known: .*count/);
    const k = await cli(["probe", "gopher", "127.0.0.1"]);
    expect(k.code).toBe(2);
    expect(k.stderr).toContain("icmp, tcp, http, snmp, host");
  });

  it("--config probes every target once, in order, and names a bad field", async () => {
    const good = join(dir, "targets.yaml");
    writeFileSync(
      good,
      `timeout: 5s\ntargets:\n  - { kind: http, target: "${url}/" }\n  - { kind: tcp, target: "127.0.0.1:1" }\n`,
    );
    const r = await cli(["probe", "--config", good, "--format", "ndjson"]);
    expect(r.code).toBe(3);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => decode(JSON.parse(l)));
    expect(lines.map((p) => [p.module, p.success])).toEqual([
      ["http", true],
      ["tcp", false],
    ]);
    const bad = join(dir, "bad.yaml");
    writeFileSync(
      bad,
      `targets:\n  - { kind: http, target: "${url}/" }\n  - { kind: tcp, target: "x", timeout: soon }\n`,
    );
    const b = await cli(["probe", "--config", bad]);
    expect(b.code).toBe(2);
    expect(b.stderr).toBe(`fleetlens: ${bad}: targets[1].timeout: expected a duration like 5s or 1500ms\n`);
  });
});
