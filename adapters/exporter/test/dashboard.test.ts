/**
 * GET / (the dashboard) and GET /api/licence over real HTTP on 127.0.0.1: the security headers
 * (a CSP whose script and style hashes match the inline ones, nosniff), hostile host-metric and
 * licence user names escaped in the server-rendered tables, the stale class from the injected
 * clock, /api/licence following FlexLM lines appended between calls, 404 when disabled, the read
 * token, and the probe form's request answered by /probe?debug=true.
 */
import { createHash } from "node:crypto";
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeExporterConfig, type LicenceAppView, type Serving } from "../src/index.js";
import { type Peer, silentTcp, startExporter } from "./support/servers.js";

const WEB1 = "web1-token-0123456789";
const WEB2 = "web2-token-0123456789";
const READ = "read-token-0123456789";
const HOSTILE_USER = "<img src=x onerror=alert(1)>";
const HOSTILE_LICENCE_USER = "<img/src=x/onerror=alert(2)>";
const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);

let dir: string;
let log: string;
let now = T0;
let exporter: Serving;
let tcp: Peer;

const push = async (token: string, host: string, samples: unknown[]) => {
  const r = await fetch(`${exporter.url}/ingest`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ host, ts: now / 1000, samples }),
  });
  expect(r.status).toBe(202);
};

const hostSamples = (cpu: number) => [
  { name: "fleetlens_host_cpu_busy_ratio", labels: { cpu: "all" }, value: cpu },
  { name: "fleetlens_host_cpu_busy_ratio", labels: { cpu: "0" }, value: 0.99 },
  { name: "fleetlens_host_memory_used_ratio", labels: {}, value: 0.5 },
  {
    name: "fleetlens_host_filesystem_used_ratio",
    labels: { mountpoint: "/", device: "/dev/sda1", fstype: "ext4" },
    value: 0.25,
  },
  {
    name: "fleetlens_host_filesystem_used_ratio",
    labels: { mountpoint: "/data", device: "/dev/sdb1", fstype: "ext4" },
    value: 0.9,
  },
  { name: "fleetlens_host_load1", labels: {}, value: 1.5 },
  { name: "fleetlens_host_user_sessions", labels: { user: HOSTILE_USER }, value: 1 },
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "fleetlens-dashboard-"));
  log = join(dir, "matlab.log");
  writeFileSync(
    log,
    " 9:00:00 (lmgrd) TIMESTAMP 11/20/2026\n" +
      ` 9:01:00 (MLM) OUT: "MATLAB" ${HOSTILE_LICENCE_USER}@pc1\n` +
      ' 9:02:00 (MLM) OUT: "MATLAB" bob@pc2\n',
  );
  tcp = await silentTcp();
  exporter = await startExporter(
    {
      modules: { tcp_fast: { prober: "tcp", timeout: "2s" } },
      licence: [
        { app: "matlab", logs: [log] },
        { app: "gone", logs: [join(dir, "missing.log")] },
      ],
      ingest: {
        agents: [
          { name: "web1", token: WEB1 },
          { name: "web2", token: WEB2 },
        ],
        db: join(dir, "ingest.db"),
        interval: "60s",
        staleAfterIntervals: 3,
      },
      dashboard: { refreshSeconds: 7 },
    },
    { clock: () => now, processMetrics: false },
  );
  await push(WEB2, "web2", hostSamples(0.1));
  now += 10 * 60_000; // web2 is now 10 minutes old: stale (3 × 60 s)
  await push(WEB1, "web1", hostSamples(0.42));
});

afterAll(async () => {
  await exporter.close();
  await tcp.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = async (url: string, headers: Record<string, string> = {}) => {
  const r = await fetch(url, { headers });
  return { status: r.status, headers: r.headers, body: await r.text() };
};

const hash = (s: string) => `'sha256-${createHash("sha256").update(s, "utf8").digest("base64")}'`;

describe("GET /", () => {
  it("is one HTML page with a strict CSP naming its inline script and style by hash, and nosniff", async () => {
    const r = await get(`${exporter.url}/`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    const csp = r.headers.get("content-security-policy") ?? "";
    const directives = new Map(
      csp.split(";").map((d) => {
        const [k, ...v] = d.trim().split(/\s+/);
        return [k!, v.join(" ")] as const;
      }),
    );
    expect(directives.get("default-src")).toBe("'none'");
    expect(directives.get("connect-src")).toBe("'self'");
    expect(directives.get("form-action")).toBe("'self'");
    const scripts = [...r.body.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    const styles = [...r.body.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    expect(styles).toHaveLength(1);
    expect(directives.get("script-src")).toBe(hash(scripts[0]!));
    expect(directives.get("style-src")).toBe(hash(styles[0]!));
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    // No external resource: no src= or href= to another origin, no <link>.
    expect(r.body).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(r.body).not.toContain("<link");
    expect(r.body).toContain('data-refresh="7"');
  });

  it("renders the hosts on the server, stale in colour, hostile names as text", async () => {
    const { body } = await get(`${exporter.url}/`);
    const row = (host: string) =>
      new RegExp(`<tr class="host (\\w+)" data-host="${host}">([\\s\\S]*?)</tr>`).exec(body);
    const web1 = row("web1");
    const web2 = row("web2");
    expect(web1?.[1]).toBe("fresh");
    expect(web2?.[1]).toBe("stale");
    expect(web2?.[2]).toContain('<td class="age" title="2026-11-20T12:00:00.000Z">10 min</td>');
    // CPU busy is the "all" series (not cpu 0), disk is / (not the fuller /data)
    expect(web1?.[2]).toContain('<td class="n">42.0 %</td><td class="n">50.0 %</td>');
    expect(web1?.[2]).toContain('<td class="n" title="/">25.0 %</td><td class="n">1.5</td>');
    expect(web1?.[2]).toContain('<td class="users">&#60;img src=x onerror=alert(1)&#62;</td>');
    expect(body).toContain("&#60;img/src=x/onerror=alert(2)&#62;@pc1");
    // The only tags in the page are the page's own: no <img> from an agent or a log.
    expect(body).not.toMatch(/<img/i);
    const tags = new Set([...body.matchAll(/<([a-z][a-z0-9]*)/g)].map((m) => m[1]));
    expect([...tags].sort()).toEqual(
      [
        "a",
        "body",
        "button",
        "form",
        "h1",
        "h2",
        "head",
        "header",
        "html",
        "input",
        "label",
        "meta",
        "option",
        "p",
        "pre",
        "script",
        "section",
        "select",
        "style",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "title",
        "tr",
      ].sort(),
    );
  });

  it("has the probe form: /probe with debug=true, the configured modules then the built-ins", async () => {
    const { body } = await get(`${exporter.url}/`);
    expect(body).toContain('<form id="probe-form" method="get" action="/probe">');
    expect(body).toContain('<input type="hidden" name="debug" value="true">');
    const modules = [...body.matchAll(/<option value="([^"]+)">/g)].map((m) => m[1]);
    expect(modules).toContain("tcp_fast");
    expect(modules).toContain("http_2xx");
    expect(modules).toContain("icmp");
    expect(modules.indexOf("tcp_fast")).toBeLessThan(modules.indexOf("http_2xx"));
    // What the form sends (with or without the script): a debug report for a person.
    const r = await get(`${exporter.url}/probe?debug=true&target=127.0.0.1:${tcp.port}&module=tcp_fast`);
    expect(r.status).toBe(200);
    expect(r.body).toContain("tcp_fast");
    expect(r.body).toMatch(/success/i);
  });

  it("answers 404 when dashboard.enabled is false; /api/licence stays", async () => {
    const off = await startExporter({
      dashboard: { enabled: false },
      licence: [{ app: "matlab", logs: [log] }],
    });
    try {
      expect((await get(`${off.url}/`)).status).toBe(404);
      expect((await get(`${off.url}/api/licence`)).status).toBe(200);
    } finally {
      await off.close();
    }
  });

  it("follows ingest.readToken, as /api/* does", async () => {
    const guarded = await startExporter({
      ingest: { agents: [{ name: "web1", token: WEB1 }], readToken: READ, db: ":memory:" },
    });
    try {
      for (const path of ["/", "/api/licence"]) {
        expect((await get(`${guarded.url}${path}`)).status).toBe(401);
        expect((await get(`${guarded.url}${path}`, { authorization: `Bearer ${WEB1}` })).status).toBe(403);
        expect((await get(`${guarded.url}${path}`, { authorization: `Bearer ${READ}` })).status).toBe(200);
      }
    } finally {
      await guarded.close();
    }
  });

  it("says so when no agent or licence app is configured", async () => {
    const bare = await startExporter({});
    try {
      const { status, body } = await get(`${bare.url}/`);
      expect(status).toBe(200);
      expect(body).toContain('data-ingest="0"');
      expect(body).toContain("No agents are configured");
      expect(body).toContain("No licence app is configured");
    } finally {
      await bare.close();
    }
  });
});

describe("GET /api/licence", () => {
  it("gives per app and feature in use / issued, peak and holders, following appended lines", async () => {
    const first = JSON.parse((await get(`${exporter.url}/api/licence`)).body) as { apps: LicenceAppView[] };
    expect(first.apps.map((a) => [a.app, a.up])).toEqual([
      ["matlab", true],
      ["gone", false],
    ]);
    const matlab = first.apps[0]!.features.find((f) => f.feature === "MATLAB");
    expect(matlab).toMatchObject({ inUse: 2, issued: null, peak: 2, sessions: 2, denials: 0 });
    expect(matlab?.users.map((u) => `${u.user}@${u.host}`)).toEqual([
      `${HOSTILE_LICENCE_USER}@pc1`,
      "bob@pc2",
    ]);

    appendFileSync(
      log,
      ` 9:10:00 (MLM) IN: "MATLAB" ${HOSTILE_LICENCE_USER}@pc1\n` +
        ' 9:11:00 (MLM) OUT: "MATLAB" carol@pc3\n 9:12:00 (MLM) OUT: "MATLAB" dave@pc4\n' +
        ' 9:13:00 (MLM) DENIED: "MATLAB" erin@pc5  (Licensed number of users already reached. (-4,342))\n',
    );
    const second = JSON.parse((await get(`${exporter.url}/api/licence`)).body) as { apps: LicenceAppView[] };
    const after = second.apps[0]!.features.find((f) => f.feature === "MATLAB");
    expect(after).toMatchObject({ inUse: 3, peak: 3, sessions: 4, denials: 1 });
    expect(after?.users.map((u) => u.user)).toEqual(["bob", "carol", "dave"]);
    // /metrics reads the same state (no second parse of the log): the same counts.
    const metrics = await (await fetch(`${exporter.url}/metrics`)).text();
    expect(metrics).toContain('flexlm_feature_used{app="matlab",name="MATLAB"} 3');
  });
});

describe("dashboard config", () => {
  it("defaults to enabled with a 30 s refresh; unknown keys and bad values name the path", () => {
    expect(decodeExporterConfig({}).dashboard).toEqual({ enabled: true, refreshSeconds: 30 });
    expect(() => decodeExporterConfig({ dashboard: { refresh: 5 } })).toThrow(/dashboard\.refresh/);
    expect(() => decodeExporterConfig({ dashboard: { refreshSeconds: 0 } })).toThrow(
      /dashboard\.refreshSeconds/,
    );
  });
});
