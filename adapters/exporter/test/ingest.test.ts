/**
 * POST /ingest, /metrics and /api over real HTTP on 127.0.0.1, with the wall clock injected:
 * tokens (401/403), host ownership, the body limit (413), bad bodies (400 naming the path), clock
 * skew, idempotent re-sends, the latest samples per host on /metrics (promtool-clean), stale
 * hosts, retention on its timer, and the read API.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentOfToken, decodeExporterConfig, loadExporterConfig, type Serving } from "../src/index.js";
import { startExporter } from "./support/servers.js";

const promtool = spawnSync("sh", ["-c", "command -v promtool"], { encoding: "utf8" }).stdout.trim();

const WEB1 = "web1-token-0123456789";
const WEB2 = "web2-token-0123456789";
const RELAY = "relay-token-0123456789";
const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);

let dir: string;
let now = T0;
let exporter: Serving;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "fleetlens-ingest-"));
  exporter = await startExporter(
    {
      ingest: {
        agents: [
          { name: "web1", token: WEB1 },
          { name: "web2", token: WEB2 },
          { name: "relay", token: RELAY, hosts: ["db1", "db2"] },
        ],
        db: join(dir, "ingest.db"),
        maxBodyBytes: 4096,
        maxSamplesPerPush: 20,
        maxClockSkewSeconds: 120,
        interval: "60s",
        staleAfterIntervals: 3,
        pruneInterval: "50ms",
        retentionDays: 10,
        maxHistoryRows: 5,
      },
    },
    { clock: () => now, processMetrics: false },
  );
});

afterAll(async () => {
  await exporter.close();
  rmSync(dir, { recursive: true, force: true });
});

const push = async (token: string | null, body: unknown, raw?: string) => {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const r = await fetch(`${exporter.url}/ingest`, {
    method: "POST",
    headers,
    body: raw ?? JSON.stringify(body),
  });
  return { status: r.status, body: await r.text() };
};

const get = async (path: string, headers: Record<string, string> = {}) => {
  const r = await fetch(`${exporter.url}${path}`, { headers });
  return { status: r.status, body: await r.text() };
};

const payload = (host: string, tsMs: number, load: number) => ({
  host,
  ts: tsMs / 1000,
  samples: [
    { name: "fleetlens_host_load1", labels: {}, value: load },
    { name: "fleetlens_host_network_receive_bytes_total", labels: { device: "eth0" }, value: 1000 + load },
    { name: "fleetlens_host_info", labels: { hostname: host, os: "Debian" }, value: 1 },
    { name: "fleetlens_host_cpu_count", labels: {}, value: 2 },
  ],
});

describe("POST /ingest", () => {
  it("401 without a token, 403 with a wrong one, 202 with an agent's, never echoing it", async () => {
    const none = await push(null, payload("web1", now, 1));
    expect(none.status).toBe(401);
    const wrong = await push("not-a-token-at-all-xx", payload("web1", now, 1));
    expect(wrong.status).toBe(403);
    expect(wrong.body).not.toContain("not-a-token");
    const ok = await push(WEB1, payload("web1", now, 1.5));
    expect(ok.status).toBe(202);
    expect(JSON.parse(ok.body)).toEqual({ host: "web1", ts: now / 1000, samples: 4, duplicate: false });
  });

  it("an agent pushes only for its own host unless configured with hosts:", async () => {
    const other = await push(WEB2, payload("web1", now, 9));
    expect(other.status).toBe(403);
    expect(other.body).toContain("agent web2 may not push for host web1");
    expect((await push(RELAY, payload("db1", now, 2))).status).toBe(202);
    expect((await push(RELAY, payload("relay", now, 2))).status).toBe(403);
  });

  it("413 past maxBodyBytes or maxSamplesPerPush", async () => {
    const big = await push(WEB1, null, JSON.stringify({ pad: "x".repeat(5000) }));
    expect(big.status).toBe(413);
    expect(big.body).toContain("ingest.maxBodyBytes");
    const many = {
      host: "web1",
      ts: now / 1000,
      samples: Array.from({ length: 21 }, (_, i) => ({ name: `m${i}`, labels: {}, value: i })),
    };
    const r = await push(WEB1, many);
    expect(r.status).toBe(413);
    expect(r.body).toContain("ingest.maxSamplesPerPush");
  });

  it("400 naming the field path for a bad body", async () => {
    expect(await push(WEB1, null, "{not json")).toMatchObject({
      status: 400,
      body: "(body): expected JSON\n",
    });
    const badValue = await push(WEB1, {
      host: "web1",
      ts: now / 1000,
      samples: [{ name: "a", labels: {}, value: "high" }],
    });
    expect(badValue.status).toBe(400);
    expect(badValue.body).toMatch(/^samples\[0\]\.value: expected /);
    const noHost = await push(WEB1, { ts: now / 1000, samples: [] });
    expect(noHost.body).toMatch(/^host: expected /);
    const badName = await push(WEB1, {
      host: "web1",
      ts: now / 1000,
      samples: [{ name: "a-b", labels: {}, value: 1 }],
    });
    expect(badName).toMatchObject({
      status: 400,
      body: "samples[0].name: expected a Prometheus metric name\n",
    });
    const hostLabel = await push(WEB1, {
      host: "web1",
      ts: now / 1000,
      samples: [{ name: "a", labels: { host: "x" }, value: 1 }],
    });
    expect(hostLabel.body).toMatch(/^samples\[0\]\.labels\.host: expected no host label/);
    const own = await push(WEB1, {
      host: "web1",
      ts: now / 1000,
      samples: [{ name: "process_x", labels: {}, value: 1 }],
    });
    expect(own.body).toMatch(/^samples\[0\]\.name: expected a name outside process_/);
  });

  it("400 when ts is further from the exporter's clock than maxClockSkewSeconds", async () => {
    const r = await push(WEB1, payload("web1", now - 121_000, 1));
    expect(r.status).toBe(400);
    expect(r.body).toMatch(/^ts: expected within 120 s .*off by 121 s/);
    expect((await push(WEB1, payload("web1", now + 121_000, 1))).status).toBe(400);
  });

  it("a re-sent push (same host and ts) is stored once", async () => {
    now += 60_000;
    const first = await push(WEB2, payload("web2", now, 3));
    expect(JSON.parse(first.body).duplicate).toBe(false);
    const again = await push(WEB2, payload("web2", now, 99));
    expect(again.status).toBe(202);
    expect(JSON.parse(again.body).duplicate).toBe(true);
    const hosts = JSON.parse((await get("/api/hosts")).body) as {
      hosts: Array<{ host: string; samples: Array<{ name: string; value: number }> }>;
    };
    const web2 = hosts.hosts.find((h) => h.host === "web2")!;
    expect(web2.samples.find((s) => s.name === "fleetlens_host_load1")!.value).toBe(3);
  });

  it("compares tokens in constant time and finds each agent's", () => {
    const agents = [
      { name: "a", token: "aaaaaaaaaaaaaaaa", hosts: ["a"] },
      { name: "b", token: "bbbbbbbbbbbbbbbb", hosts: ["b"] },
    ];
    expect(agentOfToken(agents, "bbbbbbbbbbbbbbbb")?.name).toBe("b");
    expect(agentOfToken(agents, "bbbbbbbbbbbbbbb")).toBeNull();
    expect(agentOfToken(agents, "")).toBeNull();
  });
});

describe("/metrics and /api", () => {
  it("/metrics has each host's latest samples with a host label, and the push counters", async () => {
    now += 60_000;
    expect((await push(WEB1, payload("web1", now, 4.25))).status).toBe(202);
    const m = (await get("/metrics")).body;
    expect(m).toContain('fleetlens_host_load1{host="web1"} 4.25');
    expect(m).not.toContain('fleetlens_host_load1{host="web1"} 1.5');
    expect(m).toContain('fleetlens_host_load1{host="web2"} 3');
    expect(m).toContain('fleetlens_host_network_receive_bytes_total{device="eth0",host="web1"} 1004.25');
    expect(m).toContain("# TYPE fleetlens_host_network_receive_bytes_total counter");
    // promtool rejects a gauge named _count: pushed ones are untyped.
    expect(m).toContain("# TYPE fleetlens_host_cpu_count untyped");
    expect(m).toContain("# TYPE fleetlens_host_load1 gauge");
    expect(m).toContain(`fleetlens_exporter_ingest_last_push_timestamp_seconds{host="web1"} ${now / 1000}`);
    expect(m).toMatch(/^fleetlens_exporter_ingest_pushes_total\{agent="web1",result="accepted"\} 2$/m);
    expect(m).toMatch(/^fleetlens_exporter_ingest_pushes_total\{agent="-",result="unauthorized"\} 1$/m);
    expect(m).toMatch(/^fleetlens_exporter_ingest_pushes_total\{agent="web2",result="duplicate"\} 1$/m);
    expect(m).toMatch(/^fleetlens_exporter_ingest_pushes_total\{agent="web1",result="skew"\} 2$/m);
  });

  it.skipIf(promtool === "")("promtool check metrics accepts /metrics", async () => {
    const file = join(dir, "metrics.txt");
    writeFileSync(file, (await get("/metrics")).body);
    const r = spawnSync("sh", ["-c", `promtool check metrics < ${file}`], { encoding: "utf8" });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("a stale host keeps its last-push timestamp but drops its samples", async () => {
    // web1 pushed at `now`; db1 and web2 earlier. Three intervals later web1 is still fresh.
    now += 3 * 60_000;
    let m = (await get("/metrics")).body;
    expect(m).toContain('fleetlens_host_load1{host="web1"} 4.25');
    expect(m).not.toContain('fleetlens_host_load1{host="db1"}');
    expect(m).toContain('fleetlens_exporter_ingest_host_stale{host="db1"} 1');
    expect(m).toContain('fleetlens_exporter_ingest_last_push_timestamp_seconds{host="db1"}');
    now += 1;
    m = (await get("/metrics")).body;
    expect(m).not.toContain('fleetlens_host_load1{host="web1"}');
    expect(m).toContain('fleetlens_exporter_ingest_host_stale{host="web1"} 1');
    const api = JSON.parse((await get("/api/hosts")).body) as {
      hosts: Array<{ host: string; stale: boolean }>;
    };
    expect(api.hosts.map((h) => [h.host, h.stale])).toEqual([
      ["db1", true],
      ["web1", true],
      ["web2", true],
    ]);
  });

  it("history: a time series per label set, bounded by maxHistoryRows with a next page", async () => {
    const h = await get("/api/hosts/web1/history?name=fleetlens_host_load1&since=0");
    expect(h.status).toBe(200);
    const body = JSON.parse(h.body) as {
      series: Array<{ labels: object; points: number[][] }>;
      truncated: boolean;
    };
    expect(body.truncated).toBe(false);
    expect(body.series).toEqual([
      {
        labels: {},
        points: [
          [T0 / 1000, 1.5],
          [(T0 + 120_000) / 1000, 4.25],
        ],
      },
    ]);
    // Six more pushes: 8 points, 5 rows a page.
    for (let i = 1; i <= 6; i++) {
      now += 10_000;
      expect((await push(WEB1, payload("web1", now, 10 + i))).status).toBe(202);
    }
    const page = JSON.parse(
      (await get("/api/hosts/web1/history?name=fleetlens_host_load1&since=0")).body,
    ) as {
      series: Array<{ points: number[][] }>;
      truncated: boolean;
      next: number;
    };
    expect(page.truncated).toBe(true);
    expect(page.series[0]!.points.length).toBe(5);
    const rest = JSON.parse(
      (await get(`/api/hosts/web1/history?name=fleetlens_host_load1&since=${page.next}`)).body,
    ) as { series: Array<{ points: number[][] }>; truncated: boolean };
    expect(rest.truncated).toBe(false);
    expect(rest.series[0]!.points.map((p) => p[1])).toEqual([14, 15, 16]);
    expect((await get("/api/hosts/nobody/history?name=x")).status).toBe(404);
    expect((await get("/api/hosts/web1/history")).status).toBe(400);
    expect((await get("/api/hosts/web1/history?name=x&since=soon")).status).toBe(400);
  });

  it("retention: the timer deletes rows older than retentionDays", async () => {
    const store = exporter.exporter.ingest!.store;
    const before = store.count();
    expect(before).toBeGreaterThan(0);
    // Ten days after the first push, plus a minute: the first pushes (T0) go, the later ones stay.
    now = T0 + 10 * 86_400_000 + 60_000;
    const deadline = Date.now() + 5000;
    while (store.count() === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const left = store.count();
    expect(left).toBeLessThan(before);
    expect(left).toBeGreaterThan(0);
    const h = JSON.parse((await get("/api/hosts/web1/history?name=fleetlens_host_load1&since=0")).body) as {
      series: Array<{ points: number[][] }>;
    };
    expect(h.series[0]!.points[0]![0]).toBeGreaterThan(T0 / 1000);
    // Everything past retention: the hosts themselves go.
    now = T0 + 11 * 86_400_000;
    expect(exporter.exporter.ingest!.prune()).toBeGreaterThan(0);
    expect(store.count()).toBe(0);
    expect(JSON.parse((await get("/api/hosts")).body)).toEqual({ hosts: [] });
  });
});

describe("ingest configuration and access", () => {
  it("/ingest and /api answer 404 when no agents are configured", async () => {
    const plain = await startExporter({}, { processMetrics: false });
    try {
      const r = await fetch(`${plain.url}/ingest`, { method: "POST", body: "{}" });
      expect(r.status).toBe(404);
      expect((await fetch(`${plain.url}/api/hosts`)).status).toBe(404);
      expect(plain.exporter.ingest).toBeNull();
    } finally {
      await plain.close();
    }
  });

  it("a read token guards /api when configured (agent tokens do not read)", async () => {
    const guarded = await startExporter(
      {
        ingest: {
          agents: [{ name: "a", token: WEB1 }],
          db: ":memory:",
          readToken: "read-token-0123456789",
        },
      },
      { processMetrics: false },
    );
    try {
      expect((await fetch(`${guarded.url}/api/hosts`)).status).toBe(401);
      const agent = await fetch(`${guarded.url}/api/hosts`, { headers: { authorization: `Bearer ${WEB1}` } });
      expect(agent.status).toBe(403);
      const ok = await fetch(`${guarded.url}/api/hosts`, {
        headers: { authorization: "Bearer read-token-0123456789" },
      });
      expect(ok.status).toBe(200);
      expect((await fetch(`${guarded.url}/metrics`)).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });

  it("tokens from environment references; short or shared tokens are errors that never show the token", async () => {
    const file = join(dir, "exporter.yaml");
    writeFileSync(file, `ingest:\n  agents:\n    - { name: web1, token: "${"$"}{WEB1_TOKEN}" }\n`);
    const c = await loadExporterConfig(file, { WEB1_TOKEN: WEB1 });
    expect(c.ingest.agents).toEqual([{ name: "web1", token: WEB1, hosts: ["web1"] }]);
    expect(c.ingest.db).toBe(join(dir, "fleetlens-ingest.db"));
    expect(c.ingest.retentionDays).toBe(10);
    expect(c.ingest.maxBodyBytes).toBe(256 * 1024);
    const errorOf = (input: unknown) => {
      try {
        decodeExporterConfig(input, "x.yaml");
      } catch (e) {
        return (e as Error).message;
      }
      return "(no error)";
    };
    const short = errorOf({ ingest: { agents: [{ name: "a", token: "secret-short" }] } });
    expect(short).toBe("x.yaml: ingest.agents[0].token: expected a token of at least 16 characters");
    const shared = errorOf({
      ingest: {
        agents: [
          { name: "a", token: WEB1 },
          { name: "b", token: WEB1 },
        ],
      },
    });
    expect(shared).toBe("x.yaml: ingest.agents[1].token: expected a token not used by another agent");
    expect(shared).not.toContain(WEB1);
    expect(errorOf({ ingest: { agents: [{ name: "a", token: 12345 }] } })).toMatch(
      /^x\.yaml: ingest\.agents\[0\]\.token: expected /,
    );
    expect(errorOf({ ingest: { agnets: [] } })).toMatch(/^x\.yaml: ingest\.agnets: expected one of the keys/);
    expect(errorOf({ ingest: { agents: [{ name: "a", token: WEB1, host: ["x"] }] } })).toMatch(
      /^x\.yaml: ingest\.agents\[0\]\.host: expected one of the keys name, token, hosts/,
    );
  });
});
