/**
 * POST /alerts over real HTTP on 127.0.0.1 with an injected executor (the sshd end-to-end test is
 * alerts.integration.test.ts): tokens (401/403), the body limit (413), bad payloads (400 naming the
 * path), 202 then the work after the answer (polled on /api/alerts), re-sends acknowledged but not
 * planned twice, remedy's cool-down across a new start, the queue bound (503 + Retry-After), a
 * legacy Grafana payload, the read token on /api/alerts, the config section and promtool on
 * /metrics.
 */
import { spawnSync } from "node:child_process";
import type { ExecResult, Executor } from "@fleetlens/remedy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeExporterConfig, type HandledAlert, type Serving } from "../src/index.js";
import { startExporter } from "./support/servers.js";

const promtool = spawnSync("sh", ["-c", "command -v promtool"], { encoding: "utf8" }).stdout.trim();

const TOKEN = "alert-token-0123456789";
const OTHER = "grafana-token-0123456789";
const READ = "read-token-0123456789ab";

/** Every command run, and a gate that holds them while set. */
const calls: string[][] = [];
let gate: Promise<void> | null = null;
let open: () => void = () => {};
const hold = () => {
  gate = new Promise<void>((r) => {
    open = () => {
      gate = null;
      r();
    };
  });
};

const result = (exitCode: number): ExecResult => ({
  exitCode,
  signal: null,
  stdout: "",
  stderr: "",
  timedOut: false,
  truncated: false,
  durationMs: 1,
});

const fakeExecutor = (): Executor => ({
  exec: async (_host, argv) => {
    calls.push([...argv]);
    if (gate !== null) await gate;
    // the diagnosis fails (something to repair), the act and the verification pass
    return result(argv[0] === "check" ? 1 : 0);
  },
  close: async () => {},
});

const logLines: string[] = [];
let exporter: Serving;

beforeAll(async () => {
  exporter = await startExporter(
    {
      ingest: { readToken: READ },
      alerts: {
        tokens: [
          { name: "alertmanager", token: TOKEN },
          { name: "grafana", token: OTHER },
        ],
        maxBodyBytes: 2048,
        dedupeWindow: "10m",
        queue: { maxPending: 2, concurrency: 1 },
        remedy: {
          ssh: { privateKey: "/nonexistent" },
          rules: [{ class: "test-class", labels: { alertname: "TestDown" }, target: ["thing"] }],
          actions: { "test-class": { restart: true } },
          cooldownSeconds: 600,
          trees: {
            "test-class": {
              target: "container",
              steps: [
                { id: "diagnose", kind: "diagnose", argv: ["check", "{target}"] },
                { id: "restart", kind: "act", action: "restart", argv: ["fix", "{target}"] },
                { id: "verify", kind: "verify", argv: ["verify", "{target}"] },
              ],
            },
          },
          notify: { log: true },
        },
      },
    },
    {
      processMetrics: false,
      alerts: { executor: fakeExecutor, log: { write: (t: string) => logLines.push(t) } },
    },
  );
});

afterAll(async () => {
  open();
  await exporter?.close();
});

const post = async (token: string | null, body: string) => {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const r = await fetch(`${exporter.url}/alerts`, { method: "POST", headers, body });
  return { status: r.status, headers: r.headers, text: await r.text() };
};

const am = (thing: string, startsAt = "2026-11-20T12:00:00Z", status = "firing") =>
  JSON.stringify({
    version: "4",
    status,
    receiver: "fleetlens",
    alerts: [
      {
        status,
        labels: { alertname: "TestDown", instance: "web1:9100", thing },
        startsAt,
        fingerprint: `fp-${thing}`,
      },
    ],
  });

const recent = async (): Promise<HandledAlert[]> => {
  const r = await fetch(`${exporter.url}/api/alerts`, { headers: { authorization: `Bearer ${READ}` } });
  expect(r.status).toBe(200);
  return ((await r.json()) as { alerts: HandledAlert[] }).alerts;
};

const waitFor = async <T>(f: () => Promise<T | undefined>, ms = 5000): Promise<T> => {
  const until = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
};

const done = (fingerprint: string, startsAt?: string) =>
  waitFor(async () =>
    (await recent()).find(
      (a) =>
        a.fingerprint === fingerprint &&
        a.state === "done" &&
        (startsAt === undefined || a.startsAt === startsAt),
    ),
  );

const metrics = async () => (await fetch(`${exporter.url}/metrics`)).text();

const metric = (text: string, line: string): number => {
  const m = text.split("\n").find((l) => l.startsWith(`${line} `));
  return m === undefined ? 0 : Number(m.slice(line.length + 1));
};

describe("POST /alerts", () => {
  it("requires a bearer token: 401 without, 403 with a wrong one", async () => {
    const none = await post(null, am("a"));
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/Bearer/);
    const wrong = await post("not-the-token-0123456789", am("a"));
    expect(wrong.status).toBe(403);
    expect(wrong.text).not.toContain(TOKEN);
  });

  it("refuses a body over alerts.maxBodyBytes with 413", async () => {
    const r = await post(TOKEN, JSON.stringify({ alerts: [], pad: "x".repeat(4096) }));
    expect(r.status).toBe(413);
    expect(r.text).toMatch(/alerts\.maxBodyBytes/);
  });

  it("answers 400 naming the field of a bad payload, and 400 for no JSON", async () => {
    const bad = await post(TOKEN, JSON.stringify({ alerts: [{ status: "on fire", labels: {} }] }));
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/^alerts\[0\]\.status: expected/);
    const notJson = await post(TOKEN, "{");
    expect(notJson.status).toBe(400);
    const neither = await post(TOKEN, JSON.stringify({ hello: 1 }));
    expect(neither.status).toBe(400);
    expect(neither.text).toMatch(/^\(root\): expected/);
  });

  it("answers 202 at once and plans, runs and notifies after the answer", async () => {
    hold();
    const r = await post(TOKEN, am("app1"));
    expect(r.status).toBe(202);
    expect(JSON.parse(r.text)).toEqual({ accepted: 1, duplicates: 0 });
    // the answer came while the diagnosis is still held
    const running = await waitFor(async () => (await recent()).find((a) => a.state === "running"));
    expect(running.fingerprint).toBe("fp-app1");
    open();
    const handled = await done("fp-app1");
    expect(handled).toMatchObject({
      class: "test-class",
      outcome: "recovered",
      host: "web1",
      token: "alertmanager",
      source: "alertmanager",
    });
    expect(handled.steps.map((s) => [s.id, s.status])).toEqual([
      ["diagnose", "failed"],
      ["restart", "passed"],
      ["verify", "passed"],
    ]);
    expect(calls).toEqual([
      ["check", "app1"],
      ["fix", "app1"],
      ["verify", "app1"],
    ]);
    expect(exporter.exporter.alerts?.cooldown()["fp-app1"]).toBeDefined();
    // the log notifier wrote the outcome
    expect(logLines.join("")).toMatch(/"outcome":"recovered"/);
  });

  it("acknowledges a re-send without planning it again; the cool-down holds a new start", async () => {
    const before = metric(
      await metrics(),
      'fleetlens_exporter_remedy_plans_total{class="test-class",outcome="recovered"}',
    );
    expect(before).toBe(1);
    const again = await post(TOKEN, am("app1"));
    expect(again.status).toBe(202);
    expect(JSON.parse(again.text)).toEqual({ accepted: 0, duplicates: 1 });
    await exporter.exporter.alerts?.idle();
    const m = await metrics();
    expect(metric(m, 'fleetlens_exporter_remedy_plans_total{class="test-class",outcome="recovered"}')).toBe(
      1,
    );
    expect(metric(m, "fleetlens_exporter_alerts_duplicates_total")).toBe(1);
    expect(metric(m, 'fleetlens_exporter_alerts_received_total{source="alertmanager",status="firing"}')).toBe(
      2,
    );
    expect((await recent()).filter((a) => a.fingerprint === "fp-app1")).toHaveLength(1);
    expect(calls).toHaveLength(3);
    // the same fingerprint with a new start is planned, but remedy's cool-down makes it notify-only
    const later = await post(TOKEN, am("app1", "2026-11-20T12:05:00Z"));
    expect(JSON.parse(later.text)).toEqual({ accepted: 1, duplicates: 0 });
    const second = await done("fp-app1", "2026-11-20T12:05:00.000Z");
    expect(second.notifyOnly).toBe(true);
    expect(second.outcome).toBe("notify");
    expect(second.reason).toMatch(/cool-down/);
    expect(calls).toHaveLength(3);
  });

  it("answers 503 with Retry-After when alerts.queue.maxPending alerts wait", async () => {
    hold();
    expect((await post(TOKEN, am("q1"))).status).toBe(202); // running (concurrency 1), held
    await waitFor(async () =>
      (await recent()).find((a) => a.fingerprint === "fp-q1")?.state === "running" ? true : undefined,
    );
    expect((await post(TOKEN, am("q2"))).status).toBe(202);
    expect((await post(TOKEN, am("q3"))).status).toBe(202);
    expect(metric(await metrics(), "fleetlens_exporter_alerts_queue_length")).toBe(2);
    const full = await post(TOKEN, am("q4"));
    expect(full.status).toBe(503);
    expect(full.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(full.text).toMatch(/alerts\.queue\.maxPending/);
    open();
    await exporter.exporter.alerts?.idle();
    const all = await recent();
    expect(all.find((a) => a.fingerprint === "fp-q4")).toBeUndefined();
    for (const f of ["fp-q1", "fp-q2", "fp-q3"])
      expect(all.find((a) => a.fingerprint === f)).toMatchObject({ state: "done", outcome: "recovered" });
    // refused, so not remembered as seen: a later re-send is taken
    expect(JSON.parse((await post(TOKEN, am("q4"))).text)).toEqual({ accepted: 1, duplicates: 0 });
    await done("fp-q4");
  });

  it("takes a legacy Grafana payload with the second token: notify-only for an unknown class", async () => {
    const r = await post(
      OTHER,
      JSON.stringify({
        ruleId: 7,
        ruleName: "High CPU",
        state: "alerting",
        message: "CPU above 90%",
        evalMatches: [{ value: 97.5, metric: "cpu", tags: { host: "db1" } }],
      }),
    );
    expect(r.status).toBe(202);
    expect(JSON.parse(r.text)).toEqual({ accepted: 1, duplicates: 0 });
    await exporter.exporter.alerts?.idle();
    const a = (await recent()).find((x) => x.source === "grafana-legacy");
    expect(a).toMatchObject({ name: "High CPU", host: "db1", token: "grafana", state: "done" });
    expect(
      metric(
        await metrics(),
        'fleetlens_exporter_alerts_received_total{source="grafana-legacy",status="firing"}',
      ),
    ).toBe(1);
  });

  it("protects /api/alerts with ingest.readToken", async () => {
    expect((await fetch(`${exporter.url}/api/alerts`)).status).toBe(401);
    const wrong = await fetch(`${exporter.url}/api/alerts`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(wrong.status).toBe(403);
  });

  it.skipIf(promtool === "")("promtool check metrics accepts /metrics after alerts", async () => {
    const body = await metrics();
    expect(body).toMatch(/fleetlens_exporter_alerts_queue_length 0/);
    const r = spawnSync(promtool, ["check", "metrics"], { input: body, encoding: "utf8" });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});

describe("shutdown", () => {
  const start = (lines: string[]) =>
    startExporter(
      {
        alerts: {
          token: TOKEN,
          queue: { maxPending: 5, concurrency: 1 },
          remedy: {
            ssh: { privateKey: "/nonexistent" },
            rules: [{ class: "test-class", labels: { alertname: "TestDown" }, target: ["thing"] }],
            trees: {
              "test-class": {
                target: "container",
                steps: [{ id: "diagnose", kind: "diagnose", argv: ["check"], onFail: "escalate" }],
              },
            },
            notify: { log: true },
          },
        },
      },
      {
        processMetrics: false,
        alerts: {
          executor: fakeExecutor,
          log: { write: (t: string) => lines.push(t) },
          shutdownTimeoutMs: 300,
        },
      },
    );
  const send = (s: Serving, thing: string) =>
    fetch(`${s.url}/alerts`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}` },
      body: am(thing),
    }).then((r) => r.status);

  it("drops queued alerts with a log line and waits for a running plan up to its bound", async () => {
    const lines: string[] = [];
    const s = await start(lines);
    hold();
    try {
      for (const t of ["s1", "s2", "s3"]) expect(await send(s, t)).toBe(202);
      expect(s.exporter.alerts?.running()).toBe(1);
      expect(s.exporter.alerts?.pending()).toBe(2);
      const t0 = performance.now();
      await s.close();
      const took = performance.now() - t0;
      expect(took).toBeGreaterThanOrEqual(250);
      expect(took).toBeLessThan(3000);
      const log = lines.join("");
      expect(log).toContain("dropped 2 queued alert(s)");
      expect(log).toMatch(/1 running plan\(s\) did not end within 300 ms/);
      const states = s.exporter.alerts?.recent().map((a) => [a.fingerprint, a.state]);
      expect(states).toEqual([
        ["fp-s3", "dropped"],
        ["fp-s2", "dropped"],
        ["fp-s1", "running"],
      ]);
    } finally {
      open();
    }
  });

  it("a plan that ends within the bound is waited for", async () => {
    const lines: string[] = [];
    const s = await start(lines);
    hold();
    expect(await send(s, "w1")).toBe(202);
    setTimeout(open, 100);
    await s.close();
    expect(s.exporter.alerts?.recent()[0]).toMatchObject({
      fingerprint: "fp-w1",
      state: "done",
      outcome: "escalate",
    });
    expect(lines.join("")).not.toMatch(/did not end/);
  });
});

describe("without alerts:", () => {
  it("POST /alerts and /api/alerts answer 404", async () => {
    const s = await startExporter({}, { processMetrics: false });
    try {
      expect((await fetch(`${s.url}/alerts`, { method: "POST", body: "{}" })).status).toBe(404);
      expect((await fetch(`${s.url}/api/alerts`)).status).toBe(404);
    } finally {
      await s.close();
    }
  });
});

describe("the alerts: section", () => {
  const decode = (alerts: unknown) => () => decodeExporterConfig({ alerts });

  it("fills in the defaults and takes one token as `default`", () => {
    const c = decodeExporterConfig({ alerts: { token: TOKEN } }).alerts;
    expect(c).toMatchObject({
      tokens: [{ name: "default", token: TOKEN }],
      remedy: {},
      dedupeWindowMs: 600_000,
      dedupeMax: 10_000,
      maxPending: 100,
      concurrency: 2,
    });
    expect(decodeExporterConfig({}).alerts).toBeNull();
  });

  it("bounds what it remembers for de-duplication: alerts.dedupeMax, oldest forgotten first", async () => {
    expect(decode({ token: TOKEN, dedupeMax: 0 })).toThrow(/alerts\.dedupeMax/);
    const small = await startExporter(
      {
        alerts: {
          token: TOKEN,
          dedupeMax: 2,
          remedy: { ssh: { privateKey: "/nonexistent" }, notify: { log: true } },
        },
      },
      { processMetrics: false, alerts: { executor: fakeExecutor, log: { write: () => {} } } },
    );
    try {
      const send = async (thing: string) => {
        const r = await fetch(`${small.url}/alerts`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
          body: am(thing),
        });
        return JSON.parse(await r.text()) as { accepted: number; duplicates: number };
      };
      expect(await send("a")).toEqual({ accepted: 1, duplicates: 0 });
      expect(await send("a")).toEqual({ accepted: 0, duplicates: 1 });
      expect(await send("b")).toEqual({ accepted: 1, duplicates: 0 });
      expect(await send("c")).toEqual({ accepted: 1, duplicates: 0 });
      // "a" was the oldest of three: forgotten, so taken again; "c" is still remembered
      expect(await send("a")).toEqual({ accepted: 1, duplicates: 0 });
      expect(await send("c")).toEqual({ accepted: 0, duplicates: 1 });
      await small.exporter.alerts?.idle();
    } finally {
      await small.close();
    }
  });

  it("names the path of a problem and never shows a token", () => {
    expect(decode({ token: "short" })).toThrow(/alerts\.token: expected a token of at least 16/);
    expect(decode({})).toThrow(/alerts\.tokens: expected at least one token/);
    expect(
      decode({
        tokens: [
          { name: "a", token: TOKEN },
          { name: "b", token: TOKEN },
        ],
      }),
    ).toThrow(/alerts\.tokens\[1\]\.token: expected a token not used/);
    expect(decode({ token: TOKEN, tokenz: 1 })).toThrow(/alerts\.tokenz: expected one of the keys/);
    expect(decode({ token: TOKEN, queue: { maxPending: 0 } })).toThrow(/alerts\.queue\.maxPending/);
    expect(decode({ token: TOKEN, dedupeWindow: "soon" })).toThrow(/alerts\.dedupeWindow/);
    // remedy's own decoder, its paths under alerts.remedy
    expect(decode({ token: TOKEN, remedy: { ssh: { privateKey: "k", port: 0 } } })).toThrow(
      /alerts\.remedy\.ssh\.port: expected/,
    );
    try {
      decodeExporterConfig({ alerts: { token: "0123456789abcdef", tokens: [] } });
    } catch (e) {
      expect(String(e)).not.toContain("0123456789abcdef");
    }
  });
});
