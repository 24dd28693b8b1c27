import { fc, test } from "@fast-check/vitest";
import { ProbeResult as ProbeResultSchema } from "@fleetlens/core";
import type { ProbeResult } from "@fleetlens/core/lite";
import { Schema } from "effect";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { isProbeKind, probers, runProbe } from "../src/registry.js";
import { type RunFn, type RunnerResult, spreadOffset, startRunner, sweep, targetId } from "../src/runner.js";
import { closedPort, metric, type Peer, startHttp, startTcp } from "./support/servers.js";

const fakeResult = (target: string, success = true): ProbeResult => ({
  module: "tcp",
  target,
  success,
  durationSeconds: 0,
  failureReason: success ? null : "refused",
  metrics: [],
});

/** A probe that takes `ms(target)` of (fake) time, or until aborted. */
const fakeRun =
  (ms: (target: string) => number, log: Array<{ target: string; at: number }> = []): RunFn =>
  (_kind, target, _m, o) =>
    new Promise((resolve) => {
      log.push({ target, at: Date.now() });
      const onAbort = () => {
        clearTimeout(t);
        resolve(fakeResult(target, false));
      };
      const t = setTimeout(() => {
        o.signal?.removeEventListener("abort", onAbort);
        resolve(fakeResult(target));
      }, ms(target));
      o.signal?.addEventListener("abort", onAbort, { once: true });
    });

describe("startRunner (fake clock)", () => {
  beforeAll(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it("runs on a fixed grid and skips (and counts) ticks whose previous run is still going", async () => {
    const results: RunnerResult[] = [];
    const skips: Array<[string, number]> = [];
    const t0 = Date.now();
    const runner = startRunner(
      [
        { kind: "tcp", target: "slow", intervalMs: 1000 },
        { kind: "tcp", target: "fast", intervalMs: 1000 },
      ],
      {
        onResult: (r) => results.push(r),
        onSkip: (id, at) => skips.push([id, at - t0]),
        run: fakeRun((t) => (t === "slow" ? 2500 : 300)),
      },
    );
    await vi.advanceTimersByTimeAsync(9_999);
    const s = runner.stats();
    // slow: runs at 0, 3000, 6000, 9000 (the last still running); skipped at 1000, 2000, 4000, 5000, 7000, 8000
    expect(results.filter((r) => r.id === "tcp/tcp/slow").map((r) => r.dueAt - t0)).toEqual([0, 3000, 6000]);
    expect(skips).toEqual([1000, 2000, 4000, 5000, 7000, 8000].map((at) => ["tcp/tcp/slow", at]));
    // fast: every second, on the grid, finished 300 ms later
    const fast = results.filter((r) => r.id === "tcp/tcp/fast");
    expect(fast.map((r) => r.dueAt - t0)).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000]);
    expect(fast.every((r) => r.finishedAt - r.startedAt === 300)).toBe(true);
    expect(s).toMatchObject({ started: 14, completed: 13, skipped: 6, running: 1, queued: 0 });
    expect(s.skippedBy).toEqual({ "tcp/tcp/slow": 6 });
    await runner.stop();
  });

  it("never runs more than `concurrency` at once; the rest wait in order", async () => {
    const log: Array<{ target: string; at: number }> = [];
    const results: RunnerResult[] = [];
    let running = 0;
    let peak = 0;
    const base = fakeRun(() => 500, log);
    const run: RunFn = async (...a) => {
      running++;
      peak = Math.max(peak, running);
      try {
        return await base(...a);
      } finally {
        running--;
      }
    };
    const t0 = Date.now();
    const targets = ["a", "b", "c", "d", "e"].map((target) => ({ kind: "tcp", target, intervalMs: 60_000 }));
    const runner = startRunner(targets, { concurrency: 2, onResult: (r) => results.push(r), run });
    await vi.advanceTimersByTimeAsync(1_600);
    expect(peak).toBe(2);
    expect(log.map((l) => [l.target, l.at - t0])).toEqual([
      ["a", 0],
      ["b", 0],
      ["c", 500],
      ["d", 500],
      ["e", 1000],
    ]);
    expect(results.map((r) => r.id)).toEqual(["a", "b", "c", "d", "e"].map((t) => `tcp/tcp/${t}`));
    expect(results.every((r) => r.dueAt === t0)).toBe(true);
    await runner.stop();
  });

  it("stop() aborts running probes, drops queued ones, and delivers nothing after", async () => {
    const results: RunnerResult[] = [];
    const runner = startRunner(
      ["a", "b", "c"].map((target) => ({ kind: "tcp", target, intervalMs: 1000 })),
      { concurrency: 1, onResult: (r) => results.push(r), run: fakeRun(() => 10_000) },
    );
    await vi.advanceTimersByTimeAsync(100);
    expect(runner.stats()).toMatchObject({ running: 1, queued: 2 });
    await runner.stop();
    expect(runner.stats()).toMatchObject({ running: 0, queued: 0, completed: 0 });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(results).toEqual([]);
  });

  it("a throwing callback goes to onError and the runner goes on", async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const runner = startRunner([{ kind: "tcp", target: "x", intervalMs: 100 }], {
      onResult: () => {
        calls++;
        throw new Error("consumer broke");
      },
      onError: (e) => errors.push(e),
      run: fakeRun(() => 10),
    });
    await vi.advanceTimersByTimeAsync(350);
    expect(calls).toBe(4);
    expect(errors).toHaveLength(4);
    await runner.stop();
  });

  it("rejects duplicate ids, bad intervals and bad concurrency before running anything", () => {
    const onResult = () => {};
    expect(() =>
      startRunner(
        [
          { kind: "tcp", target: "a", intervalMs: 1 },
          { kind: "tcp", target: "a", intervalMs: 2 },
        ],
        { onResult },
      ),
    ).toThrow(/duplicate id/);
    expect(() => startRunner([{ kind: "tcp", target: "a" }], { onResult })).toThrow(/intervalMs/);
    expect(() => startRunner([{ kind: "tcp", target: "a", intervalMs: 0 }], { onResult })).toThrow(
      /intervalMs/,
    );
    expect(() => startRunner([], { onResult, concurrency: 0 })).toThrow(/concurrency/);
  });

  test.prop([fc.string(), fc.integer({ min: 1, max: 10_000_000 })])(
    "spreadOffset stays in [0, interval)",
    (id, iv) => {
      const o = spreadOffset(id, iv);
      expect(o).toBeGreaterThanOrEqual(0);
      expect(o).toBeLessThan(iv);
      expect(spreadOffset(id, iv)).toBe(o);
    },
  );
});

describe("runProbe (registry)", () => {
  let web: Peer;
  let hanging: Peer;
  beforeAll(async () => {
    web = await startHttp((_q, r) => r.end("ok"));
    hanging = await startTcp(() => {});
  });
  afterAll(async () => {
    await web.close();
    await hanging.close();
  });

  it("holds icmp, tcp and http, each under its own kind", () => {
    for (const [k, p] of Object.entries(probers)) expect(p.kind).toBe(k);
    expect(isProbeKind("http")).toBe(true);
    expect(isProbeKind("toString")).toBe(false);
  });

  it("runs a prober with its defaults and returns a result the core schema accepts", async () => {
    const r = await runProbe(
      "http",
      `http://${web.hostPort}/`,
      {},
      { timeoutMs: 2000, moduleName: "http_2xx" },
    );
    expect(r).toMatchObject({ module: "http_2xx", success: true });
    expect(r.metrics.slice(0, 2).map((m) => m.name)).toEqual(["probe_success", "probe_duration_seconds"]);
    expect(metric(r, "probe_duration_seconds")).toBe(r.durationSeconds);
    expect(r.metrics.filter((m) => m.name === "probe_success")).toHaveLength(1);
    expect(Schema.decodeUnknownSync(ProbeResultSchema)(r)).toEqual(r);
  });

  it("unknown kinds, bad timeouts, timeouts and cancellation are failed results, not exceptions", async () => {
    const unknown = await runProbe("gopher", "x");
    expect(unknown).toMatchObject({ success: false, failureReason: "config" });
    expect(unknown.message).toMatch(/icmp, tcp, http/);
    expect((await runProbe("tcp", hanging.hostPort, {}, { timeoutMs: -1 })).failureReason).toBe("config");
    const slow = await runProbe(
      "tcp",
      hanging.hostPort,
      { queryResponse: [{ expect: "^never" }] },
      { timeoutMs: 200 },
    );
    expect(slow).toMatchObject({ success: false, failureReason: "timeout" });
    expect(slow.durationSeconds).toBeGreaterThanOrEqual(0.19);
    const ac = new AbortController();
    const p = runProbe(
      "tcp",
      hanging.hostPort,
      { queryResponse: [{ expect: "^never" }] },
      { signal: ac.signal },
    );
    setTimeout(() => ac.abort(), 30);
    expect((await p).failureReason).toBe("timeout");
  });
});

describe("runner and sweep on loopback (real probes)", () => {
  let web: Peer;
  let active = 0;
  let peak = 0;
  beforeAll(async () => {
    web = await startHttp((_q, r) => {
      active++;
      peak = Math.max(peak, active);
      setTimeout(() => {
        active--;
        r.end("ok");
      }, 20);
    });
  });
  afterAll(async () => {
    await web.close();
  });
  afterEach(() => {
    peak = 0;
  });

  it("probes each target every interval until stopped", async () => {
    const results: RunnerResult[] = [];
    const closed = await closedPort();
    const runner = startRunner(
      [
        { kind: "http", target: `http://${web.hostPort}/`, intervalMs: 100, timeoutMs: 1000 },
        { kind: "tcp", target: `127.0.0.1:${closed}`, intervalMs: 100, timeoutMs: 1000 },
      ],
      { onResult: (r) => results.push(r) },
    );
    await new Promise((r) => setTimeout(r, 450));
    await runner.stop();
    const n = results.length;
    const http = results.filter((r) => r.result.module === "http");
    const tcp = results.filter((r) => r.result.module === "tcp");
    expect(http.length).toBeGreaterThanOrEqual(2);
    expect(tcp.length).toBeGreaterThanOrEqual(2);
    expect(http.every((r) => r.result.success)).toBe(true);
    expect(tcp.every((r) => r.result.failureReason === "refused")).toBe(true);
    await new Promise((r) => setTimeout(r, 250));
    expect(results.length).toBe(n);
  });

  it("sweep probes every target once, in order, with bounded concurrency", async () => {
    const closed = await closedPort();
    const targets = Array.from({ length: 40 }, (_, i) =>
      i % 5 === 4
        ? { kind: "tcp", target: `127.0.0.1:${closed}`, id: `t${i}` }
        : { kind: "http", target: `http://${web.hostPort}/?i=${i}`, id: `t${i}` },
    );
    let seen = 0;
    const rs = await sweep(targets, { concurrency: 6, onResult: () => seen++ });
    expect(rs.map((r) => r.target)).toEqual(targets.map((t) => t.target));
    expect(rs.map((r) => r.success)).toEqual(targets.map((t) => t.kind === "http"));
    expect(seen).toBe(40);
    expect(peak).toBeLessThanOrEqual(6);
    expect(peak).toBeGreaterThan(1);
    expect(targetId(targets[0]!)).toBe("t0");
  });
});
