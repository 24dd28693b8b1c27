/**
 * The dashboard (`GET /`) and the licence read API (`GET /api/licence`). The page is one
 * self-contained HTML document: inline CSS and one inline script, allowed by their SHA-256 hashes
 * in a strict Content-Security-Policy (nothing else inline, no external resource). The tables are
 * rendered on the server, so the page reads without JavaScript; the script refreshes them from
 * `/api/hosts` and `/api/licence` every `dashboard.refreshSeconds`, draws a sparkline per host
 * from `/api/hosts/:host/history` and sends the probe form to `/probe?debug=true`. Every value
 * from an agent or a log goes in as text: escaped on the server, `textContent` in the script.
 *
 * @since 0.1.0
 * @module
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { Sample } from "@fleetlens/core/lite";
import { moduleNames } from "@fleetlens/probes";
import type { Express, NextFunction, Request, Response } from "express";
import type { ExporterConfig } from "./Config.js";
import type { Ingest, StoredSample } from "./Ingest.js";
import type { LicenceSources } from "./LicenceSource.js";

/**
 * One feature of a licence app as `/api/licence` gives it: licences in use now, issued (null when
 * unknown), the peak in use, sessions and denials seen, and who holds them now.
 *
 * @since 0.1.0
 * @category models
 */
export interface LicenceFeatureView {
  readonly feature: string;
  readonly inUse: number;
  readonly issued: number | null;
  readonly peak: number | null;
  readonly sessions: number | null;
  readonly denials: number | null;
  readonly users: ReadonlyArray<{
    readonly user: string;
    readonly host: string;
    readonly count: number;
    /** Unix seconds of the earliest checkout held, null when unknown. */
    readonly since: number | null;
  }>;
}

/**
 * One licence app: whether all its files could be read at the last refresh, how often its usage
 * restarted (truncated or rotated logs), and its features by name.
 *
 * @since 0.1.0
 * @category models
 */
export interface LicenceAppView {
  readonly app: string;
  readonly up: boolean;
  readonly resets: number;
  readonly features: ReadonlyArray<LicenceFeatureView>;
}

interface MutableFeature {
  feature: string;
  inUse: number;
  issued: number | null;
  peak: number | null;
  sessions: number | null;
  denials: number | null;
  users: Array<{ user: string; host: string; count: number; since: number | null }>;
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The licence apps as data, from the samples `/metrics` exposes for them (the same
 * {@link LicenceSources.collect}: logs are read once, incrementally, whichever route asks):
 * `flexlm_feature_used` / `_issued` / `_used_users`, `fleetlens_licence_peak_in_use`,
 * `_sessions_total`, `_denials_total`, `fleetlens_exporter_licence_up` and `_resets_total`.
 *
 * @since 0.1.0
 * @category views
 */
export const licenceView = (
  apps: ReadonlyArray<string>,
  samples: ReadonlyArray<Sample>,
): LicenceAppView[] => {
  const out = new Map<string, { up: boolean; resets: number; features: Map<string, MutableFeature> }>();
  for (const app of apps) out.set(app, { up: false, resets: 0, features: new Map() });
  const feature = (app: string, name: string): MutableFeature | null => {
    const a = out.get(app);
    if (a === undefined) return null;
    let f = a.features.get(name);
    if (f === undefined) {
      f = { feature: name, inUse: 0, issued: null, peak: null, sessions: null, denials: null, users: [] };
      a.features.set(name, f);
    }
    return f;
  };
  for (const s of samples) {
    const app = s.labels.app ?? "";
    const a = out.get(app);
    if (a === undefined) continue;
    const name = s.labels.name ?? s.labels.feature ?? "";
    switch (s.name) {
      case "fleetlens_exporter_licence_up":
        a.up = s.value === 1;
        break;
      case "fleetlens_exporter_licence_resets_total":
        a.resets = s.value;
        break;
      case "flexlm_feature_used": {
        const f = feature(app, name);
        if (f !== null) f.inUse = s.value;
        break;
      }
      case "flexlm_feature_issued": {
        const f = feature(app, name);
        if (f !== null) f.issued = s.value;
        break;
      }
      case "fleetlens_licence_peak_in_use": {
        const f = feature(app, name);
        if (f !== null) f.peak = s.value;
        break;
      }
      case "fleetlens_licence_sessions_total": {
        const f = feature(app, name);
        if (f !== null) f.sessions = s.value;
        break;
      }
      case "fleetlens_licence_denials_total": {
        const f = feature(app, name);
        if (f !== null) f.denials = s.value;
        break;
      }
      case "flexlm_feature_used_users": {
        const f = feature(app, name);
        const since = s.labels.since === undefined || s.labels.since === "" ? null : Number(s.labels.since);
        if (f !== null)
          f.users.push({
            user: s.labels.user ?? "",
            host: s.labels.host ?? "",
            count: s.value,
            since: since !== null && Number.isFinite(since) ? since : null,
          });
        break;
      }
      default:
        break;
    }
  }
  return [...out].map(([app, a]) => ({
    app,
    up: a.up,
    resets: a.resets,
    features: [...a.features.values()]
      .sort((x, y) => byName(x.feature, y.feature))
      .map((f) => ({
        ...f,
        users: f.users.sort((x, y) => byName(x.user, y.user) || byName(x.host, y.host)),
      })),
  }));
};

/**
 * What the hosts table shows of one host's latest push: CPU busy (all CPUs), memory used, the
 * used ratio of `/` (else the fullest file system) and its mount point, the 1-minute load, the
 * logged-in users.
 *
 * @since 0.1.0
 * @category models
 */
export interface HostSummary {
  readonly cpuBusy: number | null;
  readonly memoryUsed: number | null;
  readonly diskUsed: number | null;
  readonly diskMount: string | null;
  readonly load1: number | null;
  readonly users: ReadonlyArray<string>;
}

/**
 * The hosts table's columns from a push's samples (`fleetlens_host_*` names; the script in the
 * page computes the same from `/api/hosts`).
 *
 * @since 0.1.0
 * @category views
 */
export const hostSummary = (samples: ReadonlyArray<StoredSample>): HostSummary => {
  let cpuBusy: number | null = null;
  let memoryUsed: number | null = null;
  let load1: number | null = null;
  let root: number | null = null;
  let fullest: { ratio: number; mount: string } | null = null;
  const users: string[] = [];
  for (const s of samples) {
    if (s.name === "fleetlens_host_cpu_busy_ratio") {
      if (s.labels.cpu === "all" || cpuBusy === null) cpuBusy = s.value;
    } else if (s.name === "fleetlens_host_memory_used_ratio") memoryUsed = s.value;
    else if (s.name === "fleetlens_host_load1") load1 = s.value;
    else if (s.name === "fleetlens_host_filesystem_used_ratio") {
      const mount = s.labels.mountpoint ?? "";
      if (mount === "/") root = s.value;
      if (fullest === null || s.value > fullest.ratio) fullest = { ratio: s.value, mount };
    } else if (s.name === "fleetlens_host_user_sessions" && s.labels.user !== undefined)
      users.push(s.labels.user);
  }
  const f = fullest as { ratio: number; mount: string } | null;
  return {
    cpuBusy,
    memoryUsed,
    diskUsed: root ?? f?.ratio ?? null,
    diskMount: root !== null ? "/" : (f?.mount ?? null),
    load1,
    users: users.sort(byName),
  };
};

/**
 * Text for HTML: `& < > " '` as character references, so a value is text in an element or a
 * quoted attribute, never markup.
 *
 * @since 0.1.0
 * @category formatting
 */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const pct = (r: number | null): string => (r === null ? "–" : `${(r * 100).toFixed(1)} %`);
const num = (n: number | null): string => (n === null ? "–" : String(Math.round(n * 100) / 100));

/**
 * An age in seconds as a short text: `42 s`, `5 min`, `3 h`, `2 d`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatAge = (seconds: number): string => {
  const s = Math.max(0, Math.round(seconds));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} d`;
};

/** The sparkline's metric choices: name → label. The first is the default. */
const SPARK_METRICS: ReadonlyArray<readonly [string, string]> = [
  ["fleetlens_host_cpu_busy_ratio", "CPU busy"],
  ["fleetlens_host_memory_used_ratio", "Memory used"],
  ["fleetlens_host_load1", "Load 1m"],
  ["fleetlens_host_filesystem_used_ratio", "Disk used"],
];

const CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:1rem 2rem;color:#1d2330;background:#f7f8fa}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.1rem;margin:1.4rem 0 .4rem}
table{border-collapse:collapse;background:#fff;min-width:40rem}
th,td{border:1px solid #d5d9e0;padding:.25rem .5rem;text-align:left;vertical-align:middle}
th{background:#eceff4}td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.stale td.age{background:#fde2e1;color:#a11;font-weight:600}
tr.fresh td.age{background:#e3f6e8;color:#17612c}
tr.down td{color:#a11}
.muted{color:#6b7280}.spark{width:120px;height:24px}
.spark path{fill:none;stroke:#2563eb;stroke-width:1.5}
pre{background:#fff;border:1px solid #d5d9e0;padding:.5rem;max-width:60rem;overflow:auto;white-space:pre-wrap}
form{display:flex;gap:.5rem;align-items:center}input[name=target]{width:24rem}
`;

const SCRIPT = `
(() => {
  "use strict";
  const body = document.body;
  const refreshMs = Math.max(1, Number(body.dataset.refresh) || 30) * 1000;
  const serverT0 = Number(body.dataset.now) || Date.now();
  const t0 = Date.now();
  const serverNow = () => serverT0 + (Date.now() - t0);
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = String(text);
    return e;
  };
  const pct = (r) => (r === null || r === undefined ? "\\u2013" : (r * 100).toFixed(1) + " %");
  const num = (n) => (n === null || n === undefined ? "\\u2013" : String(Math.round(n * 100) / 100));
  const age = (sec) => {
    const s = Math.max(0, Math.round(sec));
    if (s < 120) return s + " s";
    if (s < 7200) return Math.round(s / 60) + " min";
    if (s < 172800) return Math.round(s / 3600) + " h";
    return Math.round(s / 86400) + " d";
  };
  const summary = (samples) => {
    const out = { cpuBusy: null, memoryUsed: null, diskUsed: null, diskMount: null, load1: null, users: [] };
    let fullest = null;
    let root = null;
    for (const s of samples) {
      const l = s.labels || {};
      if (s.name === "fleetlens_host_cpu_busy_ratio") {
        if (l.cpu === "all" || out.cpuBusy === null) out.cpuBusy = s.value;
      } else if (s.name === "fleetlens_host_memory_used_ratio") out.memoryUsed = s.value;
      else if (s.name === "fleetlens_host_load1") out.load1 = s.value;
      else if (s.name === "fleetlens_host_filesystem_used_ratio") {
        if (l.mountpoint === "/") root = s.value;
        if (fullest === null || s.value > fullest.ratio) fullest = { ratio: s.value, mount: l.mountpoint || "" };
      } else if (s.name === "fleetlens_host_user_sessions" && typeof l.user === "string") out.users.push(l.user);
    }
    out.diskUsed = root !== null ? root : fullest ? fullest.ratio : null;
    out.diskMount = root !== null ? "/" : fullest ? fullest.mount : null;
    out.users.sort();
    return out;
  };
  const getJson = async (url) => {
    const r = await fetch(url, { headers: { accept: "application/json" }, credentials: "same-origin" });
    if (!r.ok) throw new Error(url + ": " + r.status);
    return r.json();
  };
  const status = document.getElementById("updated");
  const sparkSelect = document.getElementById("spark-metric");
  const SVG = "http://www.w3.org/2000/svg";
  const drawSpark = (td, series) => {
    td.replaceChildren();
    const pick =
      series.find((s) => s.labels && (s.labels.cpu === "all" || s.labels.mountpoint === "/")) || series[0];
    const pts = pick ? pick.points : [];
    if (pts.length === 0) {
      td.append(el("span", "muted", "no data"));
      return;
    }
    const W = 120;
    const H = 24;
    const t1 = pts[0][0];
    const t2 = pts[pts.length - 1][0];
    let lo = Math.min(...pts.map((p) => p[1]));
    let hi = Math.max(...pts.map((p) => p[1]));
    if (hi === lo) {
      hi += 1;
      lo -= 1;
    }
    const x = (t) => (t2 === t1 ? 0 : ((t - t1) / (t2 - t1)) * W);
    const y = (v) => H - 2 - ((v - lo) / (hi - lo)) * (H - 4);
    let d = pts.map((p, i) => (i === 0 ? "M" : "L") + x(p[0]).toFixed(1) + " " + y(p[1]).toFixed(1)).join(" ");
    if (pts.length === 1) d += " L" + W + " " + y(pts[0][1]).toFixed(1);
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "spark");
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    svg.setAttribute("role", "img");
    const title = document.createElementNS(SVG, "title");
    title.textContent = pts.length + " points, last " + num(pts[pts.length - 1][1]);
    const path = document.createElementNS(SVG, "path");
    path.setAttribute("d", d);
    svg.append(title, path);
    td.append(svg);
  };
  const sparks = async (rows) => {
    const metric = sparkSelect ? sparkSelect.value : "fleetlens_host_cpu_busy_ratio";
    await Promise.all(
      rows.map(async ([host, td]) => {
        try {
          const h = await getJson(
            "/api/hosts/" + encodeURIComponent(host) + "/history?since=1h&name=" + encodeURIComponent(metric),
          );
          drawSpark(td, h.series || []);
        } catch (e) {
          td.replaceChildren(el("span", "muted", "unavailable"));
        }
      }),
    );
  };
  const renderHosts = async () => {
    const tbody = document.getElementById("hosts-body");
    if (!tbody || body.dataset.ingest !== "1") return;
    const data = await getJson("/api/hosts");
    const now = serverNow() / 1000;
    const rows = [];
    const trs = data.hosts.map((h) => {
      const s = summary(h.samples || []);
      const tr = el("tr", "host " + (h.stale ? "stale" : "fresh"));
      tr.dataset.host = h.host;
      const ageTd = el("td", "age", age(now - h.lastPushSeconds));
      ageTd.title = h.lastPush;
      const disk = el("td", "n", pct(s.diskUsed));
      if (s.diskMount !== null) disk.title = s.diskMount;
      const spark = el("td", "sparkcell");
      tr.append(
        el("td", "name", h.host),
        ageTd,
        el("td", "n", pct(s.cpuBusy)),
        el("td", "n", pct(s.memoryUsed)),
        disk,
        el("td", "n", num(s.load1)),
        el("td", "users", s.users.join(", ")),
        spark,
      );
      rows.push([h.host, spark]);
      return tr;
    });
    if (trs.length === 0) {
      const tr = el("tr");
      const td = el("td", "muted", "No host has pushed yet.");
      td.colSpan = 8;
      tr.append(td);
      trs.push(tr);
    }
    tbody.replaceChildren(...trs);
    tbody.dataset.rendered = "js";
    await sparks(rows);
  };
  const renderLicence = async () => {
    const tbody = document.getElementById("licence-body");
    if (!tbody) return;
    const data = await getJson("/api/licence");
    const trs = [];
    for (const a of data.apps) {
      if (a.features.length === 0) {
        const tr = el("tr", a.up ? "" : "down");
        const td = el("td", "muted", a.up ? "no feature seen yet" : "files missing or unreadable");
        td.colSpan = 6;
        tr.append(el("td", "app", a.app), td);
        trs.push(tr);
      }
      for (const f of a.features) {
        const tr = el("tr", a.up ? "" : "down");
        tr.append(
          el("td", "app", a.app),
          el("td", "feature", f.feature),
          el("td", "n", f.inUse + " / " + (f.issued === null ? "?" : f.issued)),
          el("td", "n", num(f.peak)),
          el("td", "n", num(f.denials)),
          el("td", "n", num(f.sessions)),
          el("td", "users", f.users.map((u) => u.user + "@" + u.host + (u.count > 1 ? " \\u00d7" + u.count : "")).join(", ")),
        );
        trs.push(tr);
      }
    }
    tbody.replaceChildren(...trs);
    tbody.dataset.rendered = "js";
  };
  const tick = async () => {
    const results = await Promise.allSettled([renderHosts(), renderLicence()]);
    const failed = results.filter((r) => r.status === "rejected");
    if (status)
      status.textContent =
        (failed.length === 0 ? "Updated " : "Update failed (" + failed.map((f) => String(f.reason && f.reason.message)).join("; ") + ") ") +
        new Date(serverNow()).toISOString().replace("T", " ").slice(0, 19) +
        " UTC, every " + refreshMs / 1000 + " s";
    body.dataset.ticks = String((Number(body.dataset.ticks) || 0) + 1);
    setTimeout(tick, refreshMs);
  };
  if (sparkSelect) sparkSelect.addEventListener("change", () => { renderHosts().catch(() => {}); });
  const form = document.getElementById("probe-form");
  const report = document.getElementById("probe-report");
  if (form && report) {
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const params = new URLSearchParams(new FormData(form));
      params.set("debug", "true");
      report.textContent = "Probing " + params.get("target") + " with " + params.get("module") + "\\u2026";
      try {
        const r = await fetch("/probe?" + params.toString(), { credentials: "same-origin" });
        report.textContent = r.status === 200 ? await r.text() : r.status + ": " + (await r.text());
        report.dataset.status = String(r.status);
      } catch (e) {
        report.textContent = "The probe request failed: " + e.message;
        report.dataset.status = "error";
      }
    });
  }
  tick();
})();
`;

const sha256 = (s: string): string => `'sha256-${createHash("sha256").update(s, "utf8").digest("base64")}'`;

/**
 * The page's Content-Security-Policy: nothing by default; the one inline script and stylesheet by
 * their hashes; `fetch` and the probe form to this origin only; no framing, no `<base>`.
 *
 * @since 0.1.0
 * @category constants
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  `script-src ${sha256(SCRIPT)}`,
  `style-src ${sha256(CSS)}`,
  "connect-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** What the page is rendered from. */
interface PageData {
  readonly nowMs: number;
  readonly refreshSeconds: number;
  readonly hosts: ReadonlyArray<{
    readonly host: string;
    readonly ageSeconds: number;
    readonly lastPush: string;
    readonly stale: boolean;
    readonly summary: HostSummary;
  }> | null;
  readonly apps: ReadonlyArray<LicenceAppView>;
  readonly modules: ReadonlyArray<string>;
  readonly maxTargetLength: number;
}

const hostRows = (hosts: NonNullable<PageData["hosts"]>): string =>
  hosts.length === 0
    ? '<tr><td class="muted" colspan="8">No host has pushed yet.</td></tr>'
    : hosts
        .map(
          (h) =>
            `<tr class="host ${h.stale ? "stale" : "fresh"}" data-host="${escapeHtml(h.host)}">` +
            `<td class="name">${escapeHtml(h.host)}</td>` +
            `<td class="age" title="${escapeHtml(h.lastPush)}">${formatAge(h.ageSeconds)}</td>` +
            `<td class="n">${pct(h.summary.cpuBusy)}</td><td class="n">${pct(h.summary.memoryUsed)}</td>` +
            `<td class="n"${h.summary.diskMount === null ? "" : ` title="${escapeHtml(h.summary.diskMount)}"`}>${pct(h.summary.diskUsed)}</td>` +
            `<td class="n">${num(h.summary.load1)}</td>` +
            `<td class="users">${escapeHtml(h.summary.users.join(", "))}</td>` +
            `<td class="sparkcell"></td></tr>`,
        )
        .join("\n");

const licenceRows = (apps: ReadonlyArray<LicenceAppView>): string =>
  apps
    .flatMap((a) => {
      const cls = a.up ? "" : ' class="down"';
      if (a.features.length === 0)
        return [
          `<tr${cls}><td class="app">${escapeHtml(a.app)}</td><td class="muted" colspan="6">${a.up ? "no feature seen yet" : "files missing or unreadable"}</td></tr>`,
        ];
      return a.features.map(
        (f) =>
          `<tr${cls}><td class="app">${escapeHtml(a.app)}</td><td class="feature">${escapeHtml(f.feature)}</td>` +
          `<td class="n">${f.inUse} / ${f.issued === null ? "?" : f.issued}</td>` +
          `<td class="n">${num(f.peak)}</td><td class="n">${num(f.denials)}</td><td class="n">${num(f.sessions)}</td>` +
          `<td class="users">${escapeHtml(f.users.map((u) => `${u.user}@${u.host}${u.count > 1 ? ` ×${u.count}` : ""}`).join(", "))}</td></tr>`,
      );
    })
    .join("\n");

/**
 * The whole page as HTML. Every text from agents, logs or the configuration is escaped with
 * escapeHtml; the inline CSS and script are the ones DASHBOARD_CSP hashes.
 */
const renderPage = (d: PageData): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>fleetlens exporter</title>
<style>${CSS}</style>
</head>
<body data-refresh="${d.refreshSeconds}" data-now="${d.nowMs}" data-ingest="${d.hosts === null ? "0" : "1"}">
<header><h1>fleetlens exporter</h1>
<p id="updated" class="muted">Rendered ${new Date(d.nowMs).toISOString().replace("T", " ").slice(0, 19)} UTC; refreshed every ${d.refreshSeconds} s with JavaScript. <a href="/metrics">/metrics</a></p></header>
<section id="hosts"><h2>Hosts</h2>
${
  d.hosts === null
    ? '<p class="muted">No agents are configured (ingest.agents), so no host pushes.</p>'
    : `<p><label>Last hour of <select id="spark-metric">${SPARK_METRICS.map(([v, l]) => `<option value="${v}">${l}</option>`).join("")}</select></label></p>
<table><thead><tr><th>Host</th><th>Last push</th><th>CPU busy</th><th>Memory used</th><th>Disk used</th><th>Load 1m</th><th>Users</th><th>Last hour</th></tr></thead>
<tbody id="hosts-body" data-rendered="server">
${hostRows(d.hosts)}
</tbody></table>`
}
</section>
<section id="licence"><h2>Licences</h2>
${
  d.apps.length === 0
    ? '<p class="muted">No licence app is configured (licence:).</p>'
    : `<table><thead><tr><th>App</th><th>Feature</th><th>In use / issued</th><th>Peak</th><th>Denials</th><th>Sessions</th><th>Held by</th></tr></thead>
<tbody id="licence-body" data-rendered="server">
${licenceRows(d.apps)}
</tbody></table>`
}
</section>
<section id="probe"><h2>Probe</h2>
<form id="probe-form" method="get" action="/probe">
<input type="hidden" name="debug" value="true">
<label>Target <input name="target" required maxlength="${d.maxTargetLength}" placeholder="https://example.org/ or 127.0.0.1:22"></label>
<label>Module <select name="module">${d.modules.map((m) => `<option value="${escapeHtml(m)}">${escapeHtml(m)}</option>`).join("")}</select></label>
<button type="submit">Probe</button>
</form>
<pre id="probe-report" class="muted">The report of /probe?debug=true shows here.</pre>
</section>
<script>${SCRIPT}</script>
</body>
</html>
`;

const digest = (s: string): Buffer => createHash("sha256").update(s, "utf8").digest();

/**
 * The read rule of `/api/*` (exporter README): with `ingest.readToken` set, `Authorization:
 * Bearer <read token>` is required (compared in constant time); otherwise open, as `/metrics`.
 */
const readable =
  (readToken: string | null) =>
  (req: Request, res: Response, next: NextFunction): void => {
    if (readToken === null) {
      next();
      return;
    }
    const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(req.get("authorization") ?? "");
    if (m === null) {
      res.set("WWW-Authenticate", 'Bearer realm="fleetlens"');
      res
        .status(401)
        .type("text/plain; charset=utf-8")
        .send("Authorization: Bearer <read token> is required (ingest.readToken)\n");
      return;
    }
    if (!timingSafeEqual(digest(m[1]!), digest(readToken))) {
      res
        .status(403)
        .type("text/plain; charset=utf-8")
        .send("the token is not the read token (ingest.readToken)\n");
      return;
    }
    next();
  };

/**
 * What {@link mountDashboard} reads: the configuration, the licence sources `/metrics` uses, the
 * ingest side (null without agents) and the wall clock in ms.
 *
 * @since 0.1.0
 * @category models
 */
export interface DashboardDeps {
  readonly config: ExporterConfig;
  readonly licence: LicenceSources;
  readonly ingest: Ingest | null;
  readonly clock: () => number;
}

/**
 * Mounts `GET /api/licence` (always) and, when `dashboard.enabled`, `GET /` (else `/` stays 404).
 * Both follow `/api/*`'s read rule: `ingest.readToken`, when set, is required as a bearer token.
 *
 * @since 0.1.0
 * @category constructors
 */
export const mountDashboard = (app: Express, deps: DashboardDeps): void => {
  const { config, licence, ingest, clock } = deps;
  const guard = readable(config.ingest.readToken);
  const appNames = config.licence.map((a) => a.app);
  const staleMs = config.ingest.intervalMs * config.ingest.staleAfterIntervals;

  app.get("/api/licence", guard, async (_req: Request, res: Response) => {
    const apps = licenceView(appNames, await licence.collect());
    res.status(200).set("Cache-Control", "no-store").json({ apps });
  });

  if (!config.dashboard.enabled) return;
  app.get("/", guard, async (_req: Request, res: Response) => {
    const nowMs = clock();
    const hosts =
      ingest === null
        ? null
        : ingest.store.hosts().map((h) => ({
            host: h.host,
            ageSeconds: (nowMs - h.tsMs) / 1000,
            lastPush: new Date(h.tsMs).toISOString(),
            stale: nowMs - h.tsMs > staleMs,
            summary: hostSummary(ingest.store.samples(h.host, h.tsMs)),
          }));
    const apps = licenceView(appNames, await licence.collect());
    res
      .status(200)
      .set({
        "Content-Security-Policy": DASHBOARD_CSP,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
      })
      .type("text/html; charset=utf-8")
      .send(
        renderPage({
          nowMs,
          refreshSeconds: config.dashboard.refreshSeconds,
          hosts,
          apps,
          modules: moduleNames(config.modules),
          maxTargetLength: config.limits.maxTargetLength,
        }),
      );
  });
};
