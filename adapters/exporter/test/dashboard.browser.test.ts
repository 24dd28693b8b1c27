/**
 * The dashboard in a real headless Chromium (Debian's `chromium`, installed by
 * scripts/ensure-tools.mjs): hosts pushed with real POST /ingest, the page loaded from the
 * exporter on 127.0.0.1 under its own CSP, and the DOM dumped after the script ran
 * (`--dump-dom` after a virtual-time budget). The script must have re-rendered the tables from
 * /api/hosts and /api/licence, kept the stale class, drawn a sparkline path from the history API,
 * and inserted the hostile names as text (no injected element). Skips only without chromium.
 */
import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Serving } from "../src/index.js";
import { startExporter } from "./support/servers.js";

const chromium = spawnSync("sh", ["-c", "command -v chromium || command -v chromium-browser"], {
  encoding: "utf8",
}).stdout.trim();

const WEB1 = "web1-token-0123456789";
const RELAY = "relay-token-0123456789";
const HOSTILE_USER = '<img src=x onerror="document.title=1">';
const HOSTILE_LICENCE_USER = "<img/src=x/onerror=alert(2)>";
const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);

let dir: string;
let profile: string;
let now = T0;
let exporter: Serving;

const push = async (token: string, host: string, cpu: number) => {
  const r = await fetch(`${exporter.url}/ingest`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({
      host,
      ts: now / 1000,
      samples: [
        { name: "fleetlens_host_cpu_busy_ratio", labels: { cpu: "all" }, value: cpu },
        { name: "fleetlens_host_memory_used_ratio", labels: {}, value: 0.5 },
        { name: "fleetlens_host_load1", labels: {}, value: 0.75 },
        {
          name: "fleetlens_host_filesystem_used_ratio",
          labels: { mountpoint: "/", device: "/dev/vda1", fstype: "ext4" },
          value: 0.3,
        },
        { name: "fleetlens_host_user_sessions", labels: { user: HOSTILE_USER }, value: 1 },
      ],
    }),
  });
  expect(r.status).toBe(202);
};

/** The DOM after the page's script ran (Chromium's --dump-dom after a virtual-time budget). */
const dumpDom = (url: string): Promise<string> =>
  new Promise((resolve, reject) => {
    execFile(
      chromium,
      [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        `--user-data-dir=${profile}`,
        "--virtual-time-budget=5000",
        "--dump-dom",
        url,
      ],
      { timeout: 60_000, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
    );
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "fleetlens-dashboard-browser-"));
  profile = join(dir, "profile");
  const log = join(dir, "matlab.log");
  writeFileSync(
    log,
    " 9:00:00 (lmgrd) TIMESTAMP 11/20/2026\n" +
      ` 9:01:00 (MLM) OUT: "MATLAB" ${HOSTILE_LICENCE_USER}@pc1\n` +
      ' 9:02:00 (MLM) OUT: "MATLAB" bob@pc2\n',
  );
  exporter = await startExporter(
    {
      licence: [{ app: "matlab", logs: [log] }],
      ingest: {
        agents: [
          { name: "web1", token: WEB1 },
          { name: "relay", token: RELAY, hosts: ["db1"] },
        ],
        db: join(dir, "ingest.db"),
        interval: "60s",
        staleAfterIntervals: 3,
      },
    },
    { clock: () => now, processMetrics: false },
  );
  // db1 pushes once; web1 every 5 minutes for half an hour (seven points in the last hour).
  await push(RELAY, "db1", 0.2);
  for (let i = 0; i <= 6; i++) {
    await push(WEB1, "web1", [0.1, 0.4, 0.2, 0.9, 0.5, 0.3, 0.6][i]!);
    if (i < 6) now += 5 * 60_000;
  }
});

afterAll(async () => {
  await exporter?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(chromium === "")("the dashboard in headless Chromium", () => {
  it("re-renders hosts and licences from the API, stale in colour, sparklines drawn, hostile names as text", async () => {
    const html = await dumpDom(`${exporter.url}/`);
    // The script ran (under the page's CSP: a blocked script would leave the server's rendering).
    expect(html).toMatch(/<tbody id="hosts-body" data-rendered="js">/);
    expect(html).toMatch(/<tbody id="licence-body" data-rendered="js">/);
    expect(html).toMatch(/<body [^>]*data-ticks="1"/);
    expect(html).toMatch(/<p id="updated"[^>]*>Updated 2026-11-20 12:30:\d\d UTC, every 30 s<\/p>/);

    const rows = [...html.matchAll(/<tr class="host (\w+)" data-host="([^"]+)">([\s\S]*?)<\/tr>/g)];
    expect(rows.map((m) => [m[2], m[1]])).toEqual([
      ["db1", "stale"],
      ["web1", "fresh"],
    ]);
    const web1 = rows[1]![3];
    const db1 = rows[0]![3];
    expect(db1).toMatch(/<td class="age"[^>]*>30 min<\/td>/);
    expect(web1).toMatch(/<td class="age"[^>]*>0 s<\/td>/);
    expect(web1).toContain(
      '<td class="n">60.0 %</td><td class="n">50.0 %</td><td class="n" title="/">30.0 %</td>',
    );
    // The sparkline: an SVG path with one point per push in the last hour (7 for web1, 1 for db1).
    const path = /<svg class="spark"[^>]*>.*?<path d="([^"]+)"/.exec(web1 ?? "");
    expect(path?.[1]?.match(/[ML]/g)).toHaveLength(7);
    expect(path?.[1]).toMatch(/^M0\.0 /);
    expect(web1).toContain("<title>7 points, last 0.6</title>");
    expect(db1).toMatch(/<svg class="spark"[^>]*>.*?<path d="M0\.0 [\d.]+ L120 [\d.]+"/);
    // Hostile names: text in the DOM, never an element (and its onerror never ran).
    expect(web1).toContain('<td class="users">&lt;img src=x onerror="document.title=1"&gt;</td>');
    expect(html).toContain("&lt;img/src=x/onerror=alert(2)&gt;@pc1, bob@pc2");
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain("<title>fleetlens exporter</title>");
  }, 90_000);
});
