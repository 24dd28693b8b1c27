import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ProbeResult } from "@fleetlens/core";
import { BUILTIN_MODULE_NAMES } from "@fleetlens/probes/kinds";
import { Schema } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Peer, startTcp } from "../../../packages/probes/test/support/servers.js";
import { cli } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "fleetlens-probe-"));
let server: Server;
let url = "";
let ssh: Peer;
let garbage: Peer;
let silent: Peer;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/missing") {
      res.statusCode = 404;
      res.end("no");
      return;
    }
    if (req.url === "/error") {
      res.statusCode = 500;
      res.end("broken");
      return;
    }
    if (req.method === "POST") res.statusCode = 201;
    res.setHeader("content-type", "text/plain");
    res.end("all good\n");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  ssh = await startTcp((s: Socket) => s.end("SSH-2.0-test\r\n"));
  garbage = await startTcp((s: Socket) => s.end("HELLO stranger\r\nnot ssh\r\n"));
  silent = await startTcp(() => {});
});
afterAll(async () => {
  server.close();
  await Promise.all([ssh.close(), garbage.close(), silent.close()]);
});

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

describe("fleetlens probe --module", () => {
  it("pins the probe help text, which lists the built-in modules", async () => {
    const r = await cli(["probe", "--help"]);
    expect(r.code).toBe(0);
    for (const name of BUILTIN_MODULE_NAMES) expect(r.stdout).toContain(name);
    expect(r.stdout).toMatchSnapshot();
  });

  it("http_2xx passes on 200 and fails on 500 (exit 3); the result names the module", async () => {
    const r = await cli(["probe", `${url}/`, "--module", "http_2xx", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(decode(JSON.parse(r.stdout))).toMatchObject({ module: "http_2xx", success: true });
    const f = await cli(["probe", `${url}/error`, "--module", "http_2xx", "--format", "json"]);
    expect(f.code).toBe(3);
    const p = decode(JSON.parse(f.stdout));
    expect(p).toMatchObject({ module: "http_2xx", success: false, failureReason: "status" });
    expect(metric(p, "probe_http_status_code")).toBe(500);
    expect(f.stderr).toContain("http_2xx");
    const post = await cli(["probe", "http", `${url}/`, "--module", "http_post_2xx", "--format", "json"]);
    expect(post.code, post.stderr).toBe(0);
    expect(metric(decode(JSON.parse(post.stdout)), "probe_http_status_code")).toBe(201);
  });

  it("ssh_banner passes on an SSH version line and fails with the banner reason on anything else", async () => {
    const r = await cli(["probe", ssh.hostPort, "--module", "ssh_banner", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(decode(JSON.parse(r.stdout))).toMatchObject({ module: "ssh_banner", success: true });
    const g = await cli(["probe", "tcp", garbage.hostPort, "--module", "ssh_banner", "--format", "json"]);
    expect(g.code).toBe(3);
    const p = decode(JSON.parse(g.stdout));
    expect(p).toMatchObject({ module: "ssh_banner", success: false, failureReason: "banner" });
    expect(p.message).toContain("/^SSH-2.0-/");
    expect(metric(p, "probe_failed_due_to_regex")).toBe(1);
    expect(g.stderr).toContain("ssh_banner");
    expect(g.stderr).toContain("(banner)");
  });

  it("KIND must be the module's prober; an unknown module is one line naming the known ones (exit 2)", async () => {
    const m = await cli(["probe", "tcp", `${url}/`, "--module", "http_2xx"]);
    expect(m.code).toBe(2);
    expect(m.stderr).toBe('fleetlens: probe: module "http_2xx" uses the http prober, not tcp\n');
    const u = await cli(["probe", `${url}/`, "--module", "http_3xx"]);
    expect(u.code).toBe(2);
    expect(u.stderr).toBe(
      `fleetlens: probe: unknown module "http_3xx" (known: ${BUILTIN_MODULE_NAMES.join(", ")})\n`,
    );
    const n = await cli(["probe", `${url}/`]);
    expect(n.code).toBe(2);
    expect(n.stderr).toContain("KIND TARGET, TARGET --module M");
  });

  it("--set overrides single settings on top of the module, checked by key and value", async () => {
    const r = await cli([
      "probe",
      `${url}/missing`,
      "--module",
      "http_2xx",
      "--set",
      "validStatusCodes=[404]",
      "--format",
      "json",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(decode(JSON.parse(r.stdout))).toMatchObject({ module: "http_2xx", success: true });
    const v = await cli(["probe", "icmp", "127.0.0.1", "--set", "count=0"]);
    expect(v.code).toBe(2);
    expect(v.stderr).toBe("fleetlens: --set count: expected a value between 1 and 10000\n");
    const k = await cli(["probe", ssh.hostPort, "--module", "ssh_banner", "--set", "expect=x"]);
    expect(k.code).toBe(2);
    expect(k.stderr).toContain("--set expect: not a tcp setting (known: ");
    expect(k.stderr).toContain("queryResponse");
    // Settings the old --set could not reach (nested ones) are settable now.
    const t = await cli(["probe", "http", `${url}/`, "--set", 'tlsConfig={"insecureSkipVerify":true}']);
    expect(t.code, t.stderr).toBe(0);
  });

  it("--config: a user module overrides the built-in of its name, for targets and for --module", async () => {
    const file = join(dir, "modules.yaml");
    writeFileSync(
      file,
      [
        "timeout: 5s",
        "modules:",
        "  http_2xx:            # blackbox's shape and keys: 500 is what this module wants",
        "    prober: http",
        "    timeout: 3s",
        "    http:",
        "      valid_status_codes: [500]",
        "  ssh_quick:",
        "    prober: tcp",
        "    timeout: 300ms",
        "    tcp: { query_response: [{ expect: '^SSH-2.0-' }] }",
        "targets:",
        `  - { module: http_2xx, target: "${url}/error" }`,
        `  - { module: tcp_connect, target: "${ssh.hostPort}" }`,
        `  - { kind: tcp, module: ssh_quick, target: "${ssh.hostPort}" }`,
        `  - { kind: http, module: { validStatusCodes: [404] }, target: "${url}/missing" }`,
        "",
      ].join("\n"),
    );
    const r = await cli(["probe", "--config", file, "--format", "ndjson"]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => decode(JSON.parse(l)));
    expect(lines.map((p) => [p.module, p.success])).toEqual([
      ["http_2xx", true],
      ["tcp_connect", true],
      ["ssh_quick", true],
      ["http", true],
    ]);
    // One target with the file's modules: the user's http_2xx, not the built-in.
    const one = await cli([
      "probe",
      "--config",
      file,
      "--module",
      "http_2xx",
      `${url}/error`,
      "--format",
      "json",
    ]);
    expect(one.code, one.stderr).toBe(0);
    expect(decode(JSON.parse(one.stdout))).toMatchObject({ module: "http_2xx", success: true });
    const builtin = await cli(["probe", "--module", "http_2xx", `${url}/error`, "--format", "json"]);
    expect(builtin.code).toBe(3);
    // The module's timeout (300ms) applies when --timeout is not given.
    const t0 = performance.now();
    const slow = await cli([
      "probe",
      "--config",
      file,
      "--module",
      "ssh_quick",
      silent.hostPort,
      "--format",
      "json",
    ]);
    expect(slow.code).toBe(3);
    expect(decode(JSON.parse(slow.stdout)).failureReason).toBe("timeout");
    expect(performance.now() - t0).toBeLessThan(2500);
    // Unknown names list the file's modules too.
    const u = await cli(["probe", "--config", file, "--module", "nope", `${url}/`]);
    expect(u.code).toBe(2);
    expect(u.stderr).toContain('unknown module "nope" (known: http_2xx, ssh_quick, http_post_2xx, ');
  });

  it("--config errors name the path: an unknown setting, an unknown module, a kind that does not match", async () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      [
        "modules:\n  http_2xx:\n    prober: http\n    http: { bogus: 1 }\ntargets: []\n",
        "modules.http_2xx.http.bogus: expected one of the http settings: ipProtocol, ",
      ],
      [
        "modules:\n  m: { prober: tcp, http: {} }\ntargets: []\n",
        "modules.m.http: expected no http settings (the prober is tcp; its settings go under tcp)",
      ],
      [
        `targets:\n  - { module: http_3xx, target: "${url}/" }\n`,
        "targets[0].module: expected a module name (known: http_2xx, ",
      ],
      [
        `targets:\n  - { kind: icmp, module: http_2xx, target: "${url}/" }\n`,
        "targets[0].kind: expected http (module http_2xx uses the http prober)",
      ],
      [
        `targets:\n  - { target: "${url}/" }\n`,
        "targets[0].kind: expected a probe kind (icmp, tcp, http, snmp, host) or module: NAME",
      ],
      [
        `targets:\n  - { kind: icmp, module: { count: 0 }, target: 127.0.0.1 }\n`,
        "targets[0].module.count: expected a value between 1 and 10000",
      ],
      ["modules: {}\n", "targets: expected a list of targets"],
    ];
    for (const [i, [yaml, message]] of cases.entries()) {
      const file = join(dir, `invalid-${i}.yaml`);
      writeFileSync(file, yaml);
      const r = await cli(["probe", "--config", file]);
      expect(r.code, yaml).toBe(2);
      expect(r.stderr.startsWith(`fleetlens: ${file}: ${message}`), r.stderr).toBe(true);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  });
});
