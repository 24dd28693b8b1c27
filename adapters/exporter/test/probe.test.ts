/**
 * /probe, /healthz and the rest over real HTTP on 127.0.0.1: blackbox_exporter's contract (400 for
 * a missing target or an unknown module, 200 with probe_success 0 for a failed probe), the time
 * budget from X-Prometheus-Scrape-Timeout-Seconds, and the concurrency bound.
 */
import { spawnSync } from "node:child_process";
import type { ProbeResult } from "@fleetlens/core/lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Prober, Serving } from "../src/index.js";
import {
  freeTcpPort,
  httpPeer,
  type Peer,
  sampleValue,
  silentTcp,
  startExporter,
} from "./support/servers.js";

const promtool = spawnSync("sh", ["-c", "command -v promtool"], { encoding: "utf8" }).stdout.trim();

let exporter: Serving;
let tcp: Peer;
let http: Peer;

beforeAll(async () => {
  exporter = await startExporter({
    modules: { banner_fast: { prober: "tcp", timeout: "5s", tcp: { query_response: [{ expect: "^OK" }] } } },
  });
  tcp = await silentTcp();
  http = await httpPeer();
});

afterAll(async () => {
  await exporter.close();
  await tcp.close();
  await http.close();
});

const get = async (path: string, headers: Record<string, string> = {}) => {
  const r = await fetch(`${exporter.url}${path}`, { headers });
  return { status: r.status, type: r.headers.get("content-type"), body: await r.text() };
};

const probe = (target: string, module: string, headers: Record<string, string> = {}) =>
  get(`/probe?target=${encodeURIComponent(target)}&module=${module}`, headers);

describe("the exporter's routes", () => {
  it("binds 127.0.0.1 by default", () => {
    expect(exporter.address.address).toBe("127.0.0.1");
    expect(exporter.url).toBe(`http://127.0.0.1:${exporter.address.port}`);
  });

  it("/healthz answers ok; unknown paths 404", async () => {
    expect(await get("/healthz")).toMatchObject({ status: 200, body: "ok\n" });
    expect((await get("/nope")).status).toBe(404);
    expect((await get("/probe/extra")).status).toBe(404);
  });

  it("tcp_connect: success 1 against a listener, 0 against a closed port (still 200)", async () => {
    const up = await probe(`127.0.0.1:${tcp.port}`, "tcp_connect");
    expect(up.status).toBe(200);
    expect(up.type).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(sampleValue(up.body, "probe_success")).toBe(1);
    expect(sampleValue(up.body, "probe_duration_seconds")).toBeGreaterThan(0);
    const closed = await probe(`127.0.0.1:${await freeTcpPort()}`, "tcp_connect");
    expect(closed.status).toBe(200);
    expect(sampleValue(closed.body, "probe_success")).toBe(0);
    expect(closed.body).toContain('fleetlens_probe_failure_reason{reason="refused"} 1');
  });

  it("http_2xx: 200 is a success with its status code, 500 a failure", async () => {
    const ok = await probe(`http://127.0.0.1:${http.port}/`, "http_2xx");
    expect(sampleValue(ok.body, "probe_success")).toBe(1);
    expect(sampleValue(ok.body, "probe_http_status_code")).toBe(200);
    const bad = await probe(`http://127.0.0.1:${http.port}/status/500`, "http_2xx");
    expect(bad.status).toBe(200);
    expect(sampleValue(bad.body, "probe_success")).toBe(0);
    expect(sampleValue(bad.body, "probe_http_status_code")).toBe(500);
  });

  it("400 for a missing target and for an unknown module, naming the known ones", async () => {
    const missing = await get("/probe?module=tcp_connect");
    expect(missing).toMatchObject({ status: 400, body: "Target parameter is missing\n" });
    const unknown = await probe("127.0.0.1:1", "http_3xx");
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('unknown module "http_3xx"');
    expect(unknown.body).toContain("known: banner_fast, http_2xx, http_post_2xx, tcp_connect");
    const header = await probe("127.0.0.1:1", "tcp_connect", {
      "X-Prometheus-Scrape-Timeout-Seconds": "soon",
    });
    expect(header.status).toBe(400);
    const long = await get(`/probe?module=tcp_connect&target=${"a".repeat(3000)}`);
    expect(long.status).toBe(400);
    expect(long.body).toContain("limits.maxTargetLength");
  });

  it("a hanging target: the budget is the scrape timeout less the offset, not the module's 5 s", async () => {
    const t0 = performance.now();
    const r = await probe(`127.0.0.1:${tcp.port}`, "banner_fast", {
      "X-Prometheus-Scrape-Timeout-Seconds": "1.5",
    });
    const elapsed = (performance.now() - t0) / 1000;
    expect(r.status).toBe(200);
    expect(sampleValue(r.body, "probe_success")).toBe(0);
    expect(r.body).toContain('fleetlens_probe_failure_reason{reason="timeout"} 1');
    expect(sampleValue(r.body, "probe_duration_seconds")).toBeLessThanOrEqual(1.5);
    expect(sampleValue(r.body, "probe_duration_seconds")).toBeGreaterThanOrEqual(0.9);
    expect(elapsed).toBeLessThan(3);
  });

  it("debug=true returns the failure reason and message as text", async () => {
    const r = await get(`/probe?target=127.0.0.1:${await freeTcpPort()}&module=tcp_connect&debug=true`);
    expect(r.status).toBe(200);
    expect(r.type).toBe("text/plain; charset=utf-8");
    expect(r.body).toContain("Result: failure, reason refused");
    expect(r.body).toMatch(/Message: .*ECONNREFUSED/);
    expect(r.body).toContain("Metrics that would have been returned:\n# HELP probe_success");
  });

  it("/metrics counts the probes by module and result", async () => {
    const r = await get("/metrics");
    expect(r.type).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(
      sampleValue(r.body, 'fleetlens_exporter_probes_total{module="tcp_connect",result="success"}'),
    ).toBe(1);
    expect(
      sampleValue(r.body, 'fleetlens_exporter_probes_total{module="tcp_connect",result="failure"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(r.body).toContain("# TYPE fleetlens_exporter_probe_duration_seconds histogram");
    expect(r.body).toMatch(/^process_cpu_user_seconds_total /m);
    expect(r.body).toMatch(/^nodejs_heap_size_total_bytes /m);
  });

  it.skipIf(promtool === "")("promtool check metrics accepts /probe and /metrics", async () => {
    const bodies = [
      (await probe(`http://127.0.0.1:${http.port}/`, "http_2xx")).body,
      (await probe(`127.0.0.1:${await freeTcpPort()}`, "tcp_connect")).body,
      // this machine's own metrics (/proc, statfs, utmp): every fleetlens_host_* name
      (await probe("/", "host")).body,
      (await get("/metrics")).body,
    ];
    for (const body of bodies) {
      const r = spawnSync(promtool, ["check", "metrics"], { input: body, encoding: "utf8" });
      expect(`${r.status} ${r.stdout}${r.stderr}`).toBe("0 ");
    }
  });
});

describe("the concurrency bound", () => {
  it("runs maxConcurrency probes, queues maxQueue more, and answers 503 past that", async () => {
    const gates: Array<() => void> = [];
    const prober: Prober = (module, target) =>
      new Promise<ProbeResult>((resolve) =>
        gates.push(() =>
          resolve({
            module: module.name,
            target,
            success: true,
            durationSeconds: 0.01,
            failureReason: null,
            metrics: [
              { name: "probe_success", labels: {}, value: 1 },
              { name: "probe_duration_seconds", labels: {}, value: 0.01 },
            ],
          }),
        ),
      );
    const s = await startExporter(
      { probe: { maxConcurrency: 1, maxQueue: 1 } },
      { prober, processMetrics: false },
    );
    try {
      const url = (t: string) => `${s.url}/probe?module=tcp_connect&target=${t}`;
      const first = fetch(url("a"));
      const second = fetch(url("b"));
      const until = async (ok: () => boolean) => {
        for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
      };
      await until(() => s.exporter.limiter.running === 1 && s.exporter.limiter.queued === 1);
      expect([s.exporter.limiter.running, s.exporter.limiter.queued]).toEqual([1, 1]);
      const third = await fetch(url("c"));
      expect(third.status).toBe(503);
      expect(await third.text()).toContain("probe.maxConcurrency");
      expect(gates.length).toBe(1);
      gates[0]!();
      const r1 = await first;
      expect(r1.status).toBe(200);
      await until(() => gates.length === 2);
      gates[1]!();
      const r2 = await second;
      expect(sampleValue(await r2.text(), "probe_success")).toBe(1);
      expect([s.exporter.limiter.running, s.exporter.limiter.queued]).toEqual([0, 0]);
      const m = await (await fetch(`${s.url}/metrics`)).text();
      expect(sampleValue(m, "fleetlens_exporter_probes_rejected_total")).toBe(1);
    } finally {
      await s.close();
    }
  });

  it("a client that goes away leaves the queue and aborts its probe", async () => {
    const aborted: string[] = [];
    const prober: Prober = (_module, target, options) =>
      new Promise<ProbeResult>((_resolve, reject) => {
        options.signal?.addEventListener("abort", () => {
          aborted.push(target);
          reject(new Error("aborted"));
        });
      });
    const s = await startExporter(
      { probe: { maxConcurrency: 1, maxQueue: 4 } },
      { prober, processMetrics: false },
    );
    try {
      const ac = new AbortController();
      const a = fetch(`${s.url}/probe?module=tcp_connect&target=a`, { signal: ac.signal }).catch(() => null);
      const b = fetch(`${s.url}/probe?module=tcp_connect&target=b`, { signal: ac.signal }).catch(() => null);
      for (let i = 0; i < 200 && s.exporter.limiter.queued < 1; i++)
        await new Promise((r) => setTimeout(r, 10));
      ac.abort();
      await Promise.all([a, b]);
      for (let i = 0; i < 200 && s.exporter.limiter.running > 0; i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(aborted).toEqual(["a"]);
      expect([s.exporter.limiter.running, s.exporter.limiter.queued]).toEqual([0, 0]);
    } finally {
      await s.close();
    }
  });
});
