"use strict";

// ../../node_modules/tsup/assets/cjs_shims.js
var getImportMetaUrl = () => typeof document === "undefined" ? new URL(`file:${__filename}`).href : document.currentScript && document.currentScript.tagName.toUpperCase() === "SCRIPT" ? document.currentScript.src : new URL("main.js", document.baseURI).href;
var importMetaUrl = /* @__PURE__ */ getImportMetaUrl();

// src/check.ts
var import_node_fs = require("fs");
var import_promises = require("fs/promises");
var import_node_path = require("path");

// ../../packages/core/dist/chunk-YZFNOZKO.js
var __defProp = Object.defineProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var Attribution_exports = {};
__export(Attribution_exports, {
  analyse: () => analyse2,
  attribute: () => attribute
});
var Licence_exports = {};
__export(Licence_exports, {
  LicenceUsage: () => LicenceUsage,
  daemonKey: () => daemonKey,
  issuedFromLicenceFile: () => issuedFromLicenceFile,
  issuedFromLmstat: () => issuedFromLmstat,
  mergeIssued: () => mergeIssued,
  restartScope: () => restartScope,
  usage: () => usage
});
var daemonKey = (daemon) => daemon.replace(/_\d+$/, "").toLowerCase();
var LMGRD = "lmgrd";
var restartScope = (e) => {
  if (e.event !== "SERVER" && e.event !== "OTHER") return null;
  const text = e.message ?? e.reason ?? "";
  if (text === "") return null;
  const d = daemonKey(e.daemon);
  if (d === LMGRD) {
    const m2 = /^(?:Started|Shutting down|REStarted)\s+([A-Za-z0-9_.-]+)/.exec(text.trim());
    if (m2 !== null) return daemonKey(m2[1]);
    if (/\bstarted on\b/i.test(text) || /\bEXITING\b/.test(text) || /\bLost quorum\b/i.test(text)) return "*";
    return null;
  }
  if (/\bstarted on\b/i.test(text) || /\bEXITING\b/.test(text) || /\bLost connection\b/i.test(text) || /\bShutting down\b/i.test(text) || /\bLost quorum\b/i.test(text))
    return d;
  return null;
};
var toMap = (issued) => {
  if (issued === void 0) return /* @__PURE__ */ new Map();
  if (issued instanceof Map) return new Map(issued);
  return new Map(Object.entries(issued));
};
var LicenceUsage = class {
  issued;
  closeOnRestart;
  keepSessions;
  keepDenials;
  onSession;
  features = /* @__PURE__ */ new Map();
  /** user -> host -> accumulator (two levels: no joined key to build per event). */
  users = /* @__PURE__ */ new Map();
  /** In first-seen order, for the report. */
  userList = [];
  openTotal = 0;
  closed = [];
  denied = [];
  seq = 0;
  events = 0;
  untimed = 0;
  unmatchedIn = 0;
  restarts = 0;
  closedByRestart = 0;
  outOfOrder = 0;
  countMismatch = 0;
  first = null;
  /** Sums of start times are kept relative to the first timed event, so they stay exact. */
  base = null;
  last = null;
  constructor(options = {}) {
    this.issued = toMap(options.issued);
    this.closeOnRestart = options.closeOnRestart ?? true;
    this.keepSessions = options.keepSessions ?? true;
    this.keepDenials = options.keepDenials ?? true;
    this.onSession = options.onSession;
  }
  /** Set or replace issued counts (e.g. once lmstat output is read). @since 0.1.0 */
  setIssued(issued) {
    for (const [k, v] of toMap(issued)) this.issued.set(k, v);
  }
  feature(name) {
    let f = this.features.get(name);
    if (f === void 0) {
      f = {
        feature: name,
        inUse: 0,
        peak: 0,
        peakAt: null,
        sessions: 0,
        open: 0,
        denials: 0,
        unsupported: 0,
        queued: 0,
        licenceMs: 0,
        openCountStart: 0
      };
      this.features.set(name, f);
    }
    return f;
  }
  userAcc(user, host) {
    let byHost = this.users.get(user);
    if (byHost === void 0) {
      byHost = /* @__PURE__ */ new Map();
      this.users.set(user, byHost);
    }
    let u = byHost.get(host);
    if (u === void 0) {
      u = {
        user,
        host,
        sessions: 0,
        open: 0,
        closedMs: 0,
        openStartSum: 0,
        unionMs: 0,
        coverStart: 0,
        coverSumMs: 0,
        firstOut: null,
        lastIn: null,
        denials: 0,
        unmatchedIn: 0,
        openBy: /* @__PURE__ */ new Map(),
        deniedBy: null
      };
      byHost.set(host, u);
      this.userList.push(u);
    }
    return u;
  }
  /** Add one event (in log order). Never throws. @since 0.1.0 */
  add(e) {
    this.events++;
    const ts = e.ts;
    if (ts === null || !Number.isFinite(ts)) {
      this.untimed++;
      return;
    }
    if (this.base === null) this.base = ts;
    if (this.last !== null && ts < this.last) this.outOfOrder++;
    if (this.first === null || ts < this.first) this.first = ts;
    if (this.last === null || ts > this.last) this.last = ts;
    switch (e.event) {
      case "OUT":
        if (e.feature !== null && e.user !== null && e.host !== null)
          this.out(e, ts, e.feature, e.user, e.host);
        return;
      case "IN":
        if (e.feature !== null && e.user !== null && e.host !== null)
          this.in(e, ts, e.feature, e.user, e.host);
        return;
      case "DENIED":
        this.deny(e);
        return;
      case "UNSUPPORTED":
        if (e.feature !== null) this.feature(e.feature).unsupported++;
        return;
      case "QUEUED":
        if (e.feature !== null) this.feature(e.feature).queued++;
        return;
      case "SERVER":
      case "OTHER": {
        const scope = restartScope(e);
        if (scope !== null) {
          this.restarts++;
          if (this.closeOnRestart) this.restart(scope, ts);
        }
        return;
      }
      default:
        return;
    }
  }
  out(e, ts, feature, user, host) {
    const count = e.count > 0 ? e.count : 1;
    const f = this.feature(feature);
    const u = this.userAcc(user, host);
    const s = {
      feature,
      user,
      host,
      start: ts,
      count,
      daemon: e.daemon,
      handle: e.handle ?? null,
      seq: this.seq++,
      userAcc: u,
      featAcc: f
    };
    const q = u.openBy.get(feature);
    if (q === void 0) u.openBy.set(feature, [s]);
    else q.push(s);
    this.openTotal++;
    f.sessions++;
    f.open++;
    f.inUse += count;
    f.openCountStart += count * (ts - this.base);
    if (f.inUse > f.peak) {
      f.peak = f.inUse;
      f.peakAt = ts;
    }
    u.sessions++;
    if (u.open === 0) {
      u.coverStart = ts;
      u.coverSumMs = 0;
    }
    u.open++;
    u.openStartSum += ts - this.base;
    if (u.firstOut === null || ts < u.firstOut) u.firstOut = ts;
  }
  in(e, ts, feature, user, host) {
    const u = this.userAcc(user, host);
    const q = u.openBy.get(feature);
    if (q === void 0 || q.length === 0) {
      this.unmatchedIn++;
      u.unmatchedIn++;
      this.feature(feature);
      return;
    }
    let idx = -1;
    const h = e.handle ?? null;
    if (h !== null) {
      for (let i = 0; i < q.length && idx < 0; i++) if (q[i].handle === h) idx = i;
    }
    if (idx < 0) {
      const c = e.count > 0 ? e.count : 1;
      for (let i = 0; i < q.length && idx < 0; i++) if (q[i].count === c) idx = i;
    }
    if (idx < 0) {
      idx = 0;
      this.countMismatch++;
    }
    const s = idx === 0 ? q.shift() : q.splice(idx, 1)[0];
    this.close(s, ts, "in");
  }
  close(s, ts, why) {
    const f = s.featAcc;
    const u = s.userAcc;
    const end = Math.max(ts, s.start);
    const ms = end - s.start;
    f.open--;
    f.inUse -= s.count;
    f.openCountStart -= s.count * (s.start - this.base);
    f.licenceMs += s.count * ms;
    u.open--;
    u.openStartSum -= s.start - this.base;
    u.closedMs += ms;
    u.coverSumMs += ms;
    if (u.open === 0) u.unionMs += Math.min(Math.max(0, end - u.coverStart), u.coverSumMs);
    if (u.lastIn === null || end > u.lastIn) u.lastIn = end;
    this.openTotal--;
    if (!this.keepSessions && this.onSession === void 0) return;
    const session = {
      feature: s.feature,
      user: s.user,
      host: s.host,
      start: s.start,
      end,
      durationSeconds: ms / 1e3,
      open: false,
      count: s.count,
      daemon: s.daemon,
      handle: s.handle,
      endReason: why
    };
    if (this.keepSessions) this.closed.push({ ...session, seq: s.seq });
    this.onSession?.(session);
  }
  restart(scope, ts) {
    const ended = [];
    if (this.openTotal === 0) return;
    for (const u of this.userList) {
      if (u.open === 0) continue;
      for (const [k, q] of u.openBy) {
        const keep = [];
        for (const s of q) {
          if (scope === "*" || daemonKey(s.daemon) === scope) ended.push(s);
          else keep.push(s);
        }
        if (keep.length !== q.length) u.openBy.set(k, keep);
      }
    }
    ended.sort((a, b) => a.seq - b.seq);
    for (const s of ended) {
      this.closedByRestart++;
      this.close(s, ts, "server");
    }
  }
  deny(e) {
    if (this.keepDenials) this.denied.push(e);
    if (e.feature === null) return;
    this.feature(e.feature).denials++;
    if (e.user === null || e.host === null) return;
    const u = this.userAcc(e.user, e.host);
    u.denials++;
    if (u.deniedBy === null) u.deniedBy = /* @__PURE__ */ new Map();
    let d = u.deniedBy.get(e.feature);
    if (d === void 0) {
      d = { feature: e.feature, user: e.user, host: e.host, count: 0, reasons: /* @__PURE__ */ new Map() };
      u.deniedBy.set(e.feature, d);
    }
    d.count++;
    const r = e.reason ?? "";
    d.reasons.set(r, (d.reasons.get(r) ?? 0) + 1);
  }
  /** Sessions open now. @since 0.1.0 */
  get openSessions() {
    return this.openTotal;
  }
  /**
   * The report so far; does not change the accumulator (call it any time). Open sessions and
   * per-user times are measured up to `at` (epoch ms; default the latest event time).
   *
   * @since 0.1.0
   */
  result(at) {
    const now = at ?? this.last ?? 0;
    const rel = now - (this.base ?? 0);
    const features = [];
    const names = /* @__PURE__ */ new Set([...this.features.keys(), ...this.issued.keys()]);
    for (const name of [...names].sort(cmp)) {
      const f = this.features.get(name);
      const has = this.issued.has(name);
      const issued = has ? this.issued.get(name) ?? null : null;
      const peak = f?.peak ?? 0;
      const openMs = f === void 0 ? 0 : Math.max(0, f.inUse * rel - f.openCountStart);
      features.push({
        feature: name,
        issued,
        uncounted: has && issued === null,
        peak,
        peakAt: f?.peakAt ?? null,
        sessions: f?.sessions ?? 0,
        openSessions: f?.open ?? 0,
        denials: f?.denials ?? 0,
        unsupported: f?.unsupported ?? 0,
        queued: f?.queued ?? 0,
        inUse: f?.inUse ?? 0,
        licenceSeconds: ((f?.licenceMs ?? 0) + openMs) / 1e3,
        utilisation: issued !== null && issued > 0 ? peak / issued : null
      });
    }
    const users2 = [];
    for (const u of this.userList) {
      const openMs = Math.max(0, u.open * rel - u.openStartSum);
      const unionMs = u.unionMs + (u.open > 0 ? Math.min(Math.max(0, now - u.coverStart), u.coverSumMs + openMs) : 0);
      const lastEnd = u.open > 0 ? Math.max(now, u.lastIn ?? now) : u.lastIn;
      users2.push({
        user: u.user,
        host: u.host,
        seconds: (u.closedMs + openMs) / 1e3,
        sessions: u.sessions,
        openSessions: u.open,
        unionSeconds: unionMs / 1e3,
        spanSeconds: u.firstOut === null || lastEnd === null ? null : Math.max(0, lastEnd - u.firstOut) / 1e3,
        firstOut: u.firstOut,
        lastIn: u.lastIn,
        denials: u.denials,
        unmatchedIn: u.unmatchedIn
      });
    }
    users2.sort((a, b) => cmp(a.user, b.user) || cmp(a.host, b.host));
    const opened = [];
    for (const u of this.userList)
      for (const q of u.openBy.values())
        for (const s of q)
          opened.push({
            feature: s.feature,
            user: s.user,
            host: s.host,
            start: s.start,
            end: null,
            durationSeconds: null,
            open: true,
            count: s.count,
            daemon: s.daemon,
            handle: s.handle,
            seq: s.seq
          });
    const all = [...this.closed, ...opened];
    all.sort((a, b) => a.start - b.start || a.seq - b.seq);
    const sessions = all.map(({ seq: _seq, ...s }) => s);
    const denialAccs = [];
    for (const u of this.userList) if (u.deniedBy !== null) denialAccs.push(...u.deniedBy.values());
    const denialsByUser = denialAccs.map((d) => ({
      feature: d.feature,
      user: d.user,
      host: d.host,
      count: d.count,
      reasons: [...d.reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || cmp(a.reason, b.reason))
    })).sort((a, b) => cmp(a.feature, b.feature) || cmp(a.user, b.user) || cmp(a.host, b.host));
    return {
      features,
      users: users2,
      sessions,
      denials: [...this.denied],
      denialsByUser,
      stats: {
        events: this.events,
        untimed: this.untimed,
        unmatchedIn: this.unmatchedIn,
        restarts: this.restarts,
        closedByRestart: this.closedByRestart,
        outOfOrder: this.outOfOrder,
        countMismatch: this.countMismatch
      },
      from: this.first,
      to: this.last
    };
  }
};
var cmp = (a, b) => a < b ? -1 : a > b ? 1 : 0;
var usage = (events, options, at) => {
  const u = new LicenceUsage(options);
  for (const e of events) u.add(e);
  return u.result(at);
};
var issuedFromLmstat = (records) => {
  const out = /* @__PURE__ */ new Map();
  for (const r of records) {
    if (r.type !== "feature") continue;
    const prev = out.get(r.feature);
    if (!out.has(r.feature) || r.issued === null) out.set(r.feature, r.issued);
    else if (prev !== null && prev !== void 0 && r.issued > prev) out.set(r.feature, r.issued);
  }
  return out;
};
var issuedFromLicenceFile = (lines2, at) => {
  const out = /* @__PURE__ */ new Map();
  const seenFeature = /* @__PURE__ */ new Set();
  const day = at === void 0 ? null : new Date(at).toISOString().slice(0, 10);
  for (const l of lines2) {
    if (l.type !== "feature" || l.kind === "UPGRADE") continue;
    if (day !== null && l.expires !== null && l.expires < day) continue;
    if (l.kind === "FEATURE") {
      if (seenFeature.has(l.feature)) continue;
      seenFeature.add(l.feature);
    }
    const prev = out.get(l.feature);
    if (l.count === null || prev === null) out.set(l.feature, null);
    else out.set(l.feature, (prev ?? 0) + l.count);
  }
  return out;
};
var mergeIssued = (...sources) => {
  const out = /* @__PURE__ */ new Map();
  for (const s of sources) for (const [k, v] of s) if (!out.has(k)) out.set(k, v);
  return out;
};
var Net_exports = {};
__export(Net_exports, {
  canonicalIp: () => canonicalIp,
  canonicalMac: () => canonicalMac,
  cidrContains: () => cidrContains,
  ipv4FromBytes: () => ipv4FromBytes,
  ipv6FromBytes: () => ipv6FromBytes,
  isIp: () => isIp,
  parseCidr: () => parseCidr,
  parseIpv4: () => parseIpv4,
  parseIpv6: () => parseIpv6
});
var ipv4FromBytes = (b, o = 0) => `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;
var ipv6FromBytes = (b, o = 0) => {
  const g = new Array(8);
  for (let i = 0; i < 8; i++) g[i] = b[o + 2 * i] << 8 | b[o + 2 * i + 1];
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 65535) {
    return `::ffff:${b[o + 12]}.${b[o + 13]}.${b[o + 14]}.${b[o + 15]}`;
  }
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen < 2) return g.map((x) => x.toString(16)).join(":");
  const head = g.slice(0, bestStart).map((x) => x.toString(16)).join(":");
  const tail = g.slice(bestStart + bestLen).map((x) => x.toString(16)).join(":");
  return `${head}::${tail}`;
};
var parseIpv4 = (s) => {
  const parts = s.split(".");
  if (parts.length !== 4) return -1;
  let v = 0;
  for (const p of parts) {
    if (p.length === 0 || p.length > 3 || !/^\d+$/.test(p)) return -1;
    const n = Number(p);
    if (n > 255) return -1;
    v = v * 256 + n;
  }
  return v;
};
var parseIpv6 = (input2) => {
  let s = input2;
  const pct2 = s.indexOf("%");
  if (pct2 >= 0) s = s.slice(0, pct2);
  if (s.length < 2 || !/^[0-9a-fA-F:.]+$/.test(s)) return void 0;
  const out = new Uint8Array(16);
  let tailV4;
  const lastColon = s.lastIndexOf(":");
  if (s.indexOf(".") >= 0) {
    const v42 = parseIpv4(s.slice(lastColon + 1));
    if (v42 < 0) return void 0;
    tailV4 = [v42 >>> 24 & 255, v42 >>> 16 & 255, v42 >>> 8 & 255, v42 & 255];
    s = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const dbl = s.indexOf("::");
  if (dbl !== s.lastIndexOf("::")) return void 0;
  const toGroups = (part) => {
    if (part === "") return [];
    const gs = part.split(":");
    const r = [];
    for (const x of gs) {
      if (x.length === 0 || x.length > 4) return void 0;
      r.push(Number.parseInt(x, 16));
    }
    return r;
  };
  let groups;
  if (dbl >= 0) {
    const a = toGroups(s.slice(0, dbl));
    const b = toGroups(s.slice(dbl + 2));
    if (!a || !b || a.length + b.length > 7) return void 0;
    groups = [...a, ...new Array(8 - a.length - b.length).fill(0), ...b];
  } else {
    const a = toGroups(s);
    if (!a || a.length !== 8) return void 0;
    groups = a;
  }
  for (let i = 0; i < 8; i++) {
    out[2 * i] = groups[i] >> 8 & 255;
    out[2 * i + 1] = groups[i] & 255;
  }
  if (tailV4) out.set(tailV4, 12);
  return out;
};
var isIp = (s) => parseIpv4(s) >= 0 || parseIpv6(s) !== void 0;
var canonicalIp = (s) => {
  if (parseIpv4(s) >= 0) return s;
  const b = parseIpv6(s);
  return b ? ipv6FromBytes(b) : s;
};
var parseCidr = (text) => {
  const [addr, pfx] = text.trim().split("/");
  if (addr === void 0) return void 0;
  const v42 = parseIpv4(addr);
  if (v42 >= 0) {
    const prefix2 = pfx === void 0 ? 32 : Number(pfx);
    if (!Number.isInteger(prefix2) || prefix2 < 0 || prefix2 > 32 || pfx !== void 0 && !/^\d+$/.test(pfx))
      return void 0;
    return {
      text,
      v6: false,
      bytes: new Uint8Array([v42 >>> 24 & 255, v42 >>> 16 & 255, v42 >>> 8 & 255, v42 & 255]),
      prefix: prefix2
    };
  }
  const b6 = parseIpv6(addr);
  if (!b6) return void 0;
  const prefix = pfx === void 0 ? 128 : Number(pfx);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 128 || pfx !== void 0 && !/^\d+$/.test(pfx))
    return void 0;
  return { text, v6: true, bytes: b6, prefix };
};
var prefixMatch = (a, b, prefix) => {
  const full = prefix >> 3;
  for (let i = 0; i < full; i++) if (a[i] !== b[i]) return false;
  const rem = prefix & 7;
  if (rem === 0) return true;
  const mask = 255 << 8 - rem & 255;
  return (a[full] & mask) === (b[full] & mask);
};
var cidrContains = (block, ip) => {
  const v42 = parseIpv4(ip);
  if (v42 >= 0) {
    if (block.v6) return false;
    return prefixMatch(
      block.bytes,
      new Uint8Array([v42 >>> 24 & 255, v42 >>> 16 & 255, v42 >>> 8 & 255, v42 & 255]),
      block.prefix
    );
  }
  const b6 = parseIpv6(ip);
  if (!b6) return false;
  if (!block.v6) {
    const mapped = b6.slice(0, 12).every((x, i) => i < 10 ? x === 0 : x === 255);
    return mapped && prefixMatch(block.bytes, b6.slice(12), block.prefix);
  }
  return prefixMatch(block.bytes, b6, block.prefix);
};
var canonicalMac = (text) => {
  const s = text.trim().toLowerCase();
  let hex5;
  if (/^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/.test(s)) hex5 = s.replaceAll(".", "");
  else if (/^[0-9a-f]{12}$/.test(s)) hex5 = s;
  else {
    const parts = s.split(/[:-]/);
    if (parts.length !== 6 || parts.some((p) => !/^[0-9a-f]{1,2}$/.test(p))) return void 0;
    hex5 = parts.map((p) => p.padStart(2, "0")).join("");
  }
  return hex5.match(/../g).join(":");
};
var Peers_exports = {};
__export(Peers_exports, {
  HostTraffic: () => HostTraffic,
  allowList: () => allowList,
  analyse: () => analyse,
  compareIp: () => compareIp,
  isSpecial: () => isSpecial,
  seedDiffIpVm: () => seedDiffIpVm,
  summarise: () => summarise,
  uncommonPeers: () => uncommonPeers
});
var SPECIAL = [
  "0.0.0.0/8",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "224.0.0.0/4",
  "255.255.255.255/32",
  "::/128",
  "::1/128",
  "fe80::/10",
  "ff00::/8"
].map((t) => parseCidr(t));
var NEVER_SELF = ["0.0.0.0/8", "224.0.0.0/4", "255.255.255.255/32", "::/128", "ff00::/8"].map(
  (t) => parseCidr(t)
);
var isSpecial = (ip) => SPECIAL.some((c) => cidrContains(c, ip));
var compareIp = (a, b) => {
  const a4 = parseIpv4(a);
  const b4 = parseIpv4(b);
  if (a4 >= 0 || b4 >= 0) {
    if (a4 >= 0 && b4 >= 0) return a4 - b4;
    return a4 >= 0 ? -1 : 1;
  }
  const a6 = parseIpv6(a);
  const b6 = parseIpv6(b);
  if (a6 && b6) {
    for (let i = 0; i < 16; i++) if (a6[i] !== b6[i]) return a6[i] - b6[i];
    return 0;
  }
  if (a6 || b6) return a6 ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
};
var hasColon = (s) => s.indexOf(":") >= 0;
var HostTraffic = class {
  /** The host the capture belongs to. */
  host;
  addrs = /* @__PURE__ */ new Map();
  explicitSelf;
  inferSelf;
  selfShare;
  selfMinPackets;
  includeArp;
  maxAddresses;
  packets = 0;
  bytes = 0;
  v4Packets = 0;
  v6Packets = 0;
  arpPackets = 0;
  untimed = 0;
  untracked = 0;
  first = Number.POSITIVE_INFINITY;
  last = Number.NEGATIVE_INFINITY;
  constructor(host, options = {}) {
    this.host = host;
    this.explicitSelf = [...new Set([...options.self ?? []].map((s) => canonicalIp(s.trim())))].filter(
      (s) => s !== ""
    );
    this.inferSelf = options.inferSelf ?? true;
    this.selfShare = options.selfShare ?? 0.9;
    this.selfMinPackets = options.selfMinPackets ?? 20;
    this.includeArp = options.includeArp ?? false;
    this.maxAddresses = options.maxAddresses ?? 1e6;
  }
  /** Add one packet record. @since 0.1.0 */
  add(p) {
    this.addFlow(p.src, p.dst, p.wireLength ?? p.length, p.ts, p.proto === "arp");
  }
  /**
   * Add one packet given by its parts: addresses as text, a byte count, a time (epoch ms, or null)
   * and whether it is ARP.
   *
   * @since 0.1.0
   */
  addFlow(src, dst, length, ts, arp2 = false) {
    this.packets++;
    const len = Number.isFinite(length) && length > 0 ? length : 0;
    this.bytes += len;
    if (ts === null || Number.isNaN(ts)) this.untimed++;
    else {
      if (ts < this.first) this.first = ts;
      if (ts > this.last) this.last = ts;
    }
    if (arp2) {
      this.arpPackets++;
      if (!this.includeArp) return;
    }
    if (src === "" && dst === "") return;
    if (hasColon(src !== "" ? src : dst)) this.v6Packets++;
    else this.v4Packets++;
    const t = ts === null ? Number.NaN : ts;
    if (src !== "") this.touch(src, len, true, t);
    if (dst !== "" && dst !== src) this.touch(dst, len, false, t);
  }
  touch(ip, len, from, ts) {
    let a = this.addrs.get(ip);
    if (a === void 0) {
      if (this.addrs.size >= this.maxAddresses) {
        this.untracked++;
        return;
      }
      a = {
        packets: 0,
        bytes: 0,
        bytesFrom: 0,
        bytesTo: 0,
        first: Number.POSITIVE_INFINITY,
        last: Number.NEGATIVE_INFINITY
      };
      this.addrs.set(ip, a);
    }
    a.packets++;
    a.bytes += len;
    if (from) a.bytesFrom += len;
    else a.bytesTo += len;
    if (ts < a.first) a.first = ts;
    if (ts > a.last) a.last = ts;
  }
  /**
   * The totals so far: own addresses (given and inferred), peers sorted by address, received and
   * sent bytes, the capture's time span. Cheap to call repeatedly (work is per distinct address).
   *
   * @since 0.1.0
   */
  summary() {
    const merged = /* @__PURE__ */ new Map();
    let nonIp = 0;
    for (const [raw, a] of this.addrs) {
      const ip = canonicalIp(raw);
      if (parseIpv4(ip) < 0 && parseIpv6(ip) === void 0) {
        nonIp++;
        continue;
      }
      const m2 = merged.get(ip);
      if (m2 === void 0) merged.set(ip, { ...a });
      else {
        m2.packets += a.packets;
        m2.bytes += a.bytes;
        m2.bytesFrom += a.bytesFrom;
        m2.bytesTo += a.bytesTo;
        if (a.first < m2.first) m2.first = a.first;
        if (a.last > m2.last) m2.last = a.last;
      }
    }
    const inferred = [];
    const ambiguous = [];
    if (this.inferSelf) {
      for (const v6 of [false, true]) {
        if (this.explicitSelf.some((ip) => hasColon(ip) === v6)) continue;
        const total = v6 ? this.v6Packets : this.v4Packets;
        if (total < this.selfMinPackets || total === 0) continue;
        const cands = [];
        for (const [ip, a] of merged) {
          if (hasColon(ip) !== v6) continue;
          if (a.packets >= this.selfShare * total && !NEVER_SELF.some((c) => cidrContains(c, ip)))
            cands.push(ip);
        }
        if (cands.length === 1) inferred.push(cands[0]);
        else if (cands.length > 1) ambiguous.push(...cands);
      }
    }
    const self = [.../* @__PURE__ */ new Set([...this.explicitSelf, ...inferred])].sort(compareIp);
    const selfSet = new Set(self);
    let rx = 0;
    let tx = 0;
    const peers = [];
    for (const [ip, a] of merged) {
      if (selfSet.has(ip)) {
        rx += a.bytesTo;
        tx += a.bytesFrom;
        continue;
      }
      peers.push({
        ip,
        packets: a.packets,
        bytes: a.bytes,
        bytesFrom: a.bytesFrom,
        bytesTo: a.bytesTo,
        first: a.first === Number.POSITIVE_INFINITY ? null : a.first,
        last: a.last === Number.NEGATIVE_INFINITY ? null : a.last
      });
    }
    peers.sort((x, y) => compareIp(x.ip, y.ip));
    const timed = this.first !== Number.POSITIVE_INFINITY;
    return {
      host: this.host,
      self,
      selfInferred: inferred.sort(compareIp),
      selfAmbiguous: ambiguous.sort(compareIp),
      peers,
      packets: this.packets,
      bytes: this.bytes,
      arpPackets: this.arpPackets,
      untimedPackets: this.untimed,
      untracked: this.untracked,
      nonIpAddresses: nonIp,
      rxBytes: self.length > 0 ? rx : null,
      txBytes: self.length > 0 ? tx : null,
      first: timed ? this.first : null,
      last: timed ? this.last : null,
      spanMs: timed ? this.last - this.first : 0
    };
  }
};
var summarise = (host, packets, options) => {
  const t = new HostTraffic(host, options);
  for (const p of packets) t.add(p);
  return t.summary();
};
var allowList = (allow) => allow.map((a) => {
  if (typeof a !== "string") return a;
  const c = parseCidr(a);
  if (c === void 0) throw new RangeError(`invalid CIDR block "${a}" in the allow-list`);
  return c;
});
var analyse = (hosts, options = {}) => {
  const q = Math.min(1, Math.max(0, options.quorum ?? 1));
  const allow = allowList(options.allow ?? []);
  const excludeSpecial = options.excludeSpecial ?? true;
  const canon = /* @__PURE__ */ new Map();
  const canonical = (s) => {
    let c = canon.get(s);
    if (c === void 0) {
      c = canonicalIp(s.trim());
      canon.set(s, c);
    }
    return c;
  };
  const order = [];
  const perHost = /* @__PURE__ */ new Map();
  const selfOf = /* @__PURE__ */ new Map();
  for (const h of hosts) {
    let set = perHost.get(h.host);
    if (set === void 0) {
      set = /* @__PURE__ */ new Set();
      perHost.set(h.host, set);
      selfOf.set(h.host, /* @__PURE__ */ new Set());
      order.push(h.host);
    }
    const own2 = selfOf.get(h.host);
    for (const s of h.self ?? []) own2.add(canonical(s));
    for (const p of h.peers) set.add(canonical(typeof p === "string" ? p : p.ip));
  }
  const seenBy = /* @__PURE__ */ new Map();
  const skip = /* @__PURE__ */ new Map();
  const excluded = (ip) => {
    let v = skip.get(ip);
    if (v === void 0) {
      v = ip === "" || excludeSpecial && isSpecial(ip);
      skip.set(ip, v);
    }
    return v;
  };
  for (const host of order) {
    const own2 = selfOf.get(host);
    const set = perHost.get(host);
    for (const ip of own2) set.delete(ip);
    for (const ip of set) if (!excluded(ip)) seenBy.set(ip, (seenBy.get(ip) ?? 0) + 1);
  }
  const hostCount = order.length;
  const needed = Math.max(1, Math.ceil(q * hostCount - 1e-9));
  const common = [];
  for (const [ip, n] of seenBy) if (n >= needed) common.push(ip);
  common.sort(compareIp);
  const commonSet = new Set(common);
  const allowed = (ip) => allow.some((c) => cidrContains(c, ip));
  const reports = order.map((host) => {
    const uncommon = [];
    let nCommon = 0;
    for (const ip of perHost.get(host)) {
      if (excluded(ip)) continue;
      if (commonSet.has(ip) || allowed(ip)) nCommon++;
      else uncommon.push(ip);
    }
    uncommon.sort(compareIp);
    return { host, uncommonPeers: uncommon, commonPeers: nCommon };
  });
  const notes = [];
  if (hostCount > 0 && needed <= 1) {
    notes.push(
      hostCount === 1 ? `peer baseline from a single host: with quorum ${q} every peer it sees counts as common, so peers cannot show use` : `quorum ${q} of ${hostCount} hosts needs only 1 host: every peer counts as common, so peers cannot show use`
    );
  }
  return { reports, hostCount, quorum: q, needed, common, notes };
};
var uncommonPeers = (hosts, options = {}) => analyse(hosts, options).reports;
var seedDiffIpVm = (reports) => {
  let out = "";
  for (const r of reports) if (r.uncommonPeers.length > 0) out += `${r.host}
`;
  return out;
};
var SEP = "\0";
var Holdings = class {
  byDaemon = /* @__PURE__ */ new Map();
  get(d, k) {
    return this.byDaemon.get(d)?.get(k) ?? 0;
  }
  set(d, k, n) {
    let m2 = this.byDaemon.get(d);
    if (m2 === void 0) {
      m2 = /* @__PURE__ */ new Map();
      this.byDaemon.set(d, m2);
    }
    if (n === 0) m2.delete(k);
    else m2.set(k, n);
  }
  /** Remove what the scope held; calls `ended(key, n)` for each. */
  clear(scope, ended) {
    for (const [d, m2] of this.byDaemon) {
      if (scope !== "*" && d !== scope) continue;
      for (const [k, n] of m2) ended(k, n);
      m2.clear();
    }
  }
};
var hostOfKey = (k) => k.slice(k.lastIndexOf(SEP) + 1);
var analyse2 = (snapshots, options = {}) => {
  const useNew = options.assumeNewConnection ?? true;
  const closeOnRestart = options.closeOnRestart ?? true;
  const canon = /* @__PURE__ */ new Map();
  const canonical = (ip) => {
    let c = canon.get(ip);
    if (c === void 0) {
      c = canonicalIp(ip.trim());
      canon.set(ip, c);
    }
    return c;
  };
  let always = null;
  let silentUntil = Number.POSITIVE_INFINITY;
  const pre = new Holdings();
  const preHeld = /* @__PURE__ */ new Map();
  {
    const h = new Holdings();
    const restarted = /* @__PURE__ */ new Set();
    for (let j = 0; j < snapshots.length; j++) {
      const s = snapshots[j];
      const e = s.event;
      const usage22 = e !== null && (e.event === "OUT" || e.event === "IN");
      const scope = e !== null && !usage22 && closeOnRestart ? restartScope(e) : null;
      if (scope !== null) {
        restarted.add(scope);
        if (scope === "*" && silentUntil > j) silentUntil = j;
        h.clear(scope, () => {
        });
      }
      if (restarted.size === 0) {
        if (always === null) always = new Set(s.clients.map(canonical));
        else if (always.size > 0) {
          const cur = new Set(s.clients.map(canonical));
          for (const ip of always) if (!cur.has(ip)) always.delete(ip);
        }
      }
      if (!usage22 || e.feature === null || e.user === null || e.host === null) continue;
      const d = daemonKey(e.daemon);
      const k = e.feature + SEP + e.user + SEP + e.host;
      const n = h.get(d, k);
      if (e.event === "OUT") h.set(d, k, n + 1);
      else if (n > 0) h.set(d, k, n - 1);
      else if (!restarted.has(d) && !restarted.has("*")) {
        const p = preHeld.get(d + SEP + k);
        if (p === void 0) preHeld.set(d + SEP + k, { d, n: 1 });
        else p.n++;
      }
    }
  }
  const hosts = /* @__PURE__ */ new Map();
  const userOrder = [];
  const seenUser = /* @__PURE__ */ new Set();
  const hostState = (host) => {
    let st = hosts.get(host);
    if (st === void 0) {
      st = {
        host,
        users: [],
        held: 0,
        cand: null,
        constraints: 0,
        rejected: 0,
        evidence: 0,
        holdStart: -1,
        status: "unknown",
        confidence: 0,
        reason: null
      };
      hosts.set(host, st);
    }
    return st;
  };
  const noteUser = (user, st) => {
    const k = user + SEP + st.host;
    if (seenUser.has(k)) return;
    seenUser.add(k);
    st.users.push(user);
    userOrder.push({ user, host: st });
  };
  const holding = /* @__PURE__ */ new Set();
  let preTotal = 0;
  for (const [dk, p] of preHeld) {
    const d = p.d;
    const k = dk.slice(d.length + 1);
    pre.set(d, k, p.n);
    const st = hostState(hostOfKey(k));
    st.held += p.n;
    preTotal += p.n;
    st.holdStart = 0;
    holding.add(st);
  }
  const held = pre;
  const silent = options.silentHolders ? [...always ?? []] : [];
  const constrain = (st, has) => {
    st.constraints++;
    if (st.cand === null) {
      if (has.size === 0) st.rejected++;
      else st.cand = new Set(has);
      return;
    }
    let keep = 0;
    for (const ip of st.cand) if (has.has(ip)) keep++;
    if (keep === 0) {
      st.rejected++;
      return;
    }
    if (keep < st.cand.size) {
      for (const ip of [...st.cand]) if (!has.has(ip)) st.cand.delete(ip);
    }
  };
  const since = /* @__PURE__ */ new Map();
  const flush = (st, last) => {
    const first = st.holdStart;
    st.holdStart = -1;
    if (first < 0 || last < first) return;
    st.evidence += last - first + 1;
    const ok = /* @__PURE__ */ new Set();
    if (st.cand === null) {
      for (const [ip, from] of since) if (from <= first) ok.add(ip);
    } else for (const ip of st.cand) if ((since.get(ip) ?? Number.POSITIVE_INFINITY) <= first) ok.add(ip);
    if (st.cand === null || ok.size > 0) constrain(st, ok);
    else {
      st.constraints++;
      st.rejected++;
    }
  };
  let prev = /* @__PURE__ */ new Set();
  let restarts = 0;
  for (let j = 0; j < snapshots.length; j++) {
    const snap = snapshots[j];
    const cur = /* @__PURE__ */ new Set();
    for (const ip of snap.clients) cur.add(canonical(ip));
    const e = snap.event;
    if (e !== null) {
      if ((e.event === "OUT" || e.event === "IN") && e.feature !== null && e.user !== null && e.host !== null) {
        const st = hostState(e.host);
        noteUser(e.user, st);
        const d = daemonKey(e.daemon);
        const k = e.feature + SEP + e.user + SEP + e.host;
        const n = held.get(d, k);
        if (e.event === "OUT") {
          held.set(d, k, n + 1);
          if (st.held++ === 0) {
            st.holdStart = j;
            holding.add(st);
            if (useNew && j > 0) {
              const fresh = new Set(j < silentUntil ? silent : []);
              for (const ip of cur) if (!prev.has(ip)) fresh.add(ip);
              constrain(st, fresh);
            }
          }
        } else if (n > 0) {
          held.set(d, k, n - 1);
          if (--st.held === 0) {
            holding.delete(st);
            flush(st, j - 1);
            if (useNew && j > 0) {
              const gone = new Set(j < silentUntil ? silent : []);
              for (const ip of prev) if (!cur.has(ip)) gone.add(ip);
              st.evidence++;
              constrain(st, gone);
            }
          }
        }
      } else if ((e.event === "DENIED" || e.event === "QUEUED") && e.user !== null && e.host !== null) {
        noteUser(e.user, hostState(e.host));
      } else if (closeOnRestart) {
        const scope = restartScope(e);
        if (scope !== null) {
          restarts++;
          held.clear(scope, (k, n) => {
            const st = hosts.get(hostOfKey(k));
            if (st === void 0 || st.held === 0) return;
            st.held -= n;
            if (st.held <= 0) {
              st.held = 0;
              holding.delete(st);
              flush(st, j - 1);
            }
          });
        }
      }
    }
    for (const ip of prev) if (!cur.has(ip)) since.delete(ip);
    for (const ip of cur) if (!since.has(ip)) since.set(ip, j);
    prev = cur;
  }
  for (const st of holding) flush(st, snapshots.length - 1);
  let conflicts = 0;
  for (const st of hosts.values()) {
    const n = st.cand?.size ?? 0;
    if (st.rejected > 0) {
      conflicts++;
      st.status = "unknown";
      const agree = st.constraints - st.rejected;
      st.confidence = n > 0 && st.constraints > 0 ? 0.5 * agree / st.constraints / n : 0;
      st.reason = `conflicting evidence: ${st.rejected} of ${st.constraints} constraints (a new address, a holding interval, a drop) disagree with the others`;
    } else if (n === 0) {
      st.status = "unknown";
      st.confidence = 0;
      st.reason = "no usable evidence: no snapshot constrained this host";
    } else if (n === 1) {
      st.status = "unique";
      st.confidence = 1;
    } else {
      st.status = "ambiguous";
      st.confidence = 1 / n;
    }
  }
  const owners = /* @__PURE__ */ new Map();
  const holders = /* @__PURE__ */ new Map();
  const queue = [];
  const own2 = (ip, st) => {
    const o = owners.get(ip);
    if (o === void 0) {
      owners.set(ip, [st]);
      queue.push(ip);
    } else o.push(st);
  };
  for (const st of hosts.values()) {
    if (st.status === "unique") own2([...st.cand][0], st);
    else if (st.status === "ambiguous")
      for (const ip of st.cand) {
        const h = holders.get(ip);
        if (h === void 0) holders.set(ip, [st]);
        else h.push(st);
      }
  }
  const minConf = /* @__PURE__ */ new Map();
  while (queue.length > 0) {
    const ip = queue.shift();
    const o = owners.get(ip);
    const conf = Math.min(...o.map((s) => s.confidence));
    for (const st of holders.get(ip) ?? []) {
      if (st.status !== "ambiguous" || !st.cand.has(ip)) continue;
      st.cand.delete(ip);
      minConf.set(st, Math.min(minConf.get(st) ?? 1, conf));
      if (st.cand.size === 1) {
        st.status = "eliminated";
        st.confidence = minConf.get(st);
        st.reason = null;
        own2([...st.cand][0], st);
      } else if (st.cand.size === 0) {
        st.status = "unknown";
        st.confidence = 0;
        st.reason = "conflicting evidence: every candidate is certainly another host's address";
        conflicts++;
      } else st.confidence = 1 / st.cand.size;
    }
  }
  for (const [ip, o] of owners) {
    if (o.length < 2) continue;
    for (const st of o) {
      st.confidence = Math.min(st.confidence, 0.5);
      const others = o.filter((x) => x !== st).map((x) => x.host);
      st.reason = `address ${ip} is also the certain address of ${others.join(", ")} (shared address or NAT?)`;
    }
  }
  const hostRows = [];
  const byHost = /* @__PURE__ */ new Map();
  for (const st of hosts.values()) {
    const candidates = st.cand === null ? [] : [...st.cand].sort(compareIp);
    const certain = st.status === "unique" || st.status === "eliminated";
    const row = {
      host: st.host,
      users: [...st.users],
      ip: certain ? candidates[0] : null,
      status: st.status,
      confidence: st.confidence,
      candidates,
      evidence: st.evidence,
      reason: st.reason
    };
    hostRows.push(row);
    byHost.set(st, row);
  }
  const attributions = userOrder.map(({ user, host }) => {
    const h = byHost.get(host);
    return {
      user,
      host: h.host,
      ip: h.ip,
      status: h.status,
      confidence: h.confidence,
      candidates: h.candidates,
      evidence: h.evidence,
      reason: h.reason
    };
  });
  return {
    attributions,
    hosts: hostRows,
    stats: { snapshots: snapshots.length, preHeld: preTotal, restarts, conflicts }
  };
};
var attribute = (snapshots, options) => analyse2(snapshots, options).attributions;
var Enrich_exports = {};
__export(Enrich_exports, {
  Enricher: () => Enricher,
  enrich: () => enrich,
  history: () => history,
  isTrunkLike: () => isTrunkLike,
  portKey: () => portKey
});
var PREFIXES = [
  ["twentyfivegigabitethernet", "twe"],
  ["twentyfivegige", "twe"],
  ["twe", "twe"],
  ["twogigabitethernet", "tw"],
  ["tw", "tw"],
  ["tengigabitethernet", "te"],
  ["tengige", "te"],
  ["ten", "te"],
  ["te", "te"],
  ["fortygigabitethernet", "fo"],
  ["fortygige", "fo"],
  ["fo", "fo"],
  ["hundredgigabitethernet", "hu"],
  ["hundredgige", "hu"],
  ["hu", "hu"],
  ["gigabitethernet", "gi"],
  ["gig", "gi"],
  ["gi", "gi"],
  ["ge", "gi"],
  ["fastethernet", "fa"],
  ["fa", "fa"],
  ["port-channel", "po"],
  ["portchannel", "po"],
  ["po", "po"],
  ["vlan", "vl"],
  ["vl", "vl"],
  ["ethernet", "eth"],
  ["eth", "eth"],
  ["et", "eth"],
  ["loopback", "lo"],
  ["lo", "lo"],
  ["tunnel", "tu"],
  ["tu", "tu"]
];
var portKey = (port) => {
  const p = port.trim().toLowerCase().replace(/\s+/g, "");
  let i = 0;
  while (i < p.length) {
    const c = p.charCodeAt(i);
    if (c >= 97 && c <= 122 || c === 45) i++;
    else break;
  }
  const letters = p.slice(0, i);
  const rest = p.slice(i);
  for (const [long, short] of PREFIXES) if (letters === long) return short + rest;
  return p;
};
var TRUNK_LIKE = /^(cpu|router|drop|switch|sup|vl|po)/;
var isTrunkLike = (port) => TRUNK_LIKE.test(portKey(port));
var hostKey = (name) => {
  const n = name.trim().replace(/^["']+|["']+$/g, "").toLowerCase();
  const dot = n.indexOf(".");
  return dot > 0 ? n.slice(0, dot) : n;
};
var macOf = (m2) => m2 === null || m2 === void 0 ? null : canonicalMac(m2) ?? null;
var ipKey = (ip) => canonicalIp(ip.trim());
var Enricher = class {
  fixed = /* @__PURE__ */ new Map();
  leases = /* @__PURE__ */ new Map();
  macs = /* @__PURE__ */ new Map();
  macsOnPort = /* @__PURE__ */ new Map();
  descriptions = /* @__PURE__ */ new Map();
  invByMac = /* @__PURE__ */ new Map();
  invByName = /* @__PURE__ */ new Map();
  has;
  constructor(sources) {
    const dhcpHosts = [...sources.dhcpHosts ?? []];
    const leases = [...sources.leases ?? []];
    const macTable = [...sources.macTable ?? []];
    const interfaces = [...sources.interfaces ?? []];
    const inventory = [...sources.inventory ?? []];
    this.has = {
      dhcpHosts: dhcpHosts.length > 0,
      leases: leases.length > 0,
      macTable: macTable.length > 0,
      interfaces: interfaces.length > 0,
      inventory: inventory.length > 0
    };
    for (const h of dhcpHosts) {
      if (h.ip === null || macOf(h.mac) === null) continue;
      const k = ipKey(h.ip);
      if (!this.fixed.has(k)) this.fixed.set(k, h);
    }
    leases.forEach((lease, order) => {
      if (macOf(lease.mac) === null) return;
      const k = ipKey(lease.ip);
      const l = this.leases.get(k);
      if (l === void 0) this.leases.set(k, [{ lease, order }]);
      else l.push({ lease, order });
    });
    macTable.forEach((entry, order) => {
      const m2 = macOf(entry.mac);
      if (m2 === null) return;
      const l = this.macs.get(m2);
      if (l === void 0) this.macs.set(m2, [{ entry, order }]);
      else l.push({ entry, order });
      const pk = `${entry.switch ?? ""}\0${portKey(entry.port)}`;
      let s = this.macsOnPort.get(pk);
      if (s === void 0) {
        s = /* @__PURE__ */ new Set();
        this.macsOnPort.set(pk, s);
      }
      s.add(m2);
    });
    for (const d of interfaces) {
      const k = `${d.switch ?? ""}\0${portKey(d.port)}`;
      if (!this.descriptions.has(k)) this.descriptions.set(k, d);
    }
    for (const r of inventory) {
      const m2 = macOf(r.mac);
      if (m2 !== null && !this.invByMac.has(m2)) this.invByMac.set(m2, r);
      if (r.hostname !== null && r.hostname.trim() !== "") {
        const k = hostKey(r.hostname);
        if (!this.invByName.has(k)) this.invByName.set(k, r);
      }
    }
  }
  lease(ip, at) {
    const l = this.leases.get(ip);
    if (l === void 0) return null;
    let best = null;
    const later = (a, b) => {
      const sa = a.lease.start ?? Number.NEGATIVE_INFINITY;
      const sb = b.lease.start ?? Number.NEGATIVE_INFINITY;
      return sa > sb || sa === sb && a.order > b.order;
    };
    if (at !== null) {
      for (const c of l) {
        const s = c.lease.start ?? Number.NEGATIVE_INFINITY;
        const e = c.lease.end ?? Number.POSITIVE_INFINITY;
        if (s <= at && at < e && (best === null || later(c, best))) best = c;
      }
      return best?.lease ?? null;
    }
    for (const c of l) if (c.lease.state === "active" && (best === null || later(c, best))) best = c;
    if (best === null) {
      for (const c of l) if (best === null || later(c, best)) best = c;
    }
    return best?.lease ?? null;
  }
  port(mac) {
    const rows = this.macs.get(mac);
    if (rows === void 0) return null;
    let best = null;
    let bestScore = Number.POSITIVE_INFINITY;
    for (const r of rows) {
      const learned = this.macsOnPort.get(`${r.entry.switch ?? ""}\0${portKey(r.entry.port)}`)?.size ?? 1;
      const score = (isTrunkLike(r.entry.port) ? 1e9 : 0) + learned;
      if (score < bestScore) {
        best = r;
        bestScore = score;
      }
    }
    return best?.entry ?? null;
  }
  /**
   * Follow the chain for one address at one instant (epoch ms, or null when unknown). Never
   * throws; each missing link adds one reason (`"mac: …"`, `"switch: …"`, …).
   *
   * @since 0.1.0
   */
  resolve(ipText, at = null) {
    const missing = [];
    const ip = ipText === null || ipText.trim() === "" ? null : ipKey(ipText);
    let mac = null;
    let macSource = null;
    let dhcpName = null;
    if (ip === null) missing.push("ip: the licence host's address is not known (attribution gave none)");
    else {
      const h = this.fixed.get(ip);
      if (h !== void 0) {
        mac = macOf(h.mac);
        macSource = "dhcpd-host";
        dhcpName = h.name;
      } else {
        const l = this.lease(ip, at);
        if (l !== null) {
          mac = macOf(l.mac);
          macSource = "dhcpd-lease";
          dhcpName = l.hostname;
        } else if (!this.has.dhcpHosts && !this.has.leases)
          missing.push("mac: no dhcpd configuration or leases given");
        else
          missing.push(
            at === null ? `mac: no dhcpd host with fixed-address ${ip} and no lease of it` : `mac: no dhcpd host with fixed-address ${ip} and no lease of it active at ${new Date(at).toISOString()}`
          );
      }
    }
    let sw = null;
    let port = null;
    let macVlan = null;
    let description = null;
    if (mac !== null) {
      const e = this.port(mac);
      if (e !== null) {
        sw = e.switch;
        port = e.port;
        macVlan = e.vlan;
      } else
        missing.push(
          this.has.macTable ? `port: ${mac} is in no MAC address table given` : "port: no MAC address table given"
        );
    } else missing.push("port: no MAC address to look up");
    if (sw === null)
      missing.push(port === null ? "switch: no switch port found" : "switch: the MAC table names no switch");
    if (port !== null) {
      const k = portKey(port);
      const d = this.descriptions.get(`${sw ?? ""}\0${k}`) ?? this.descriptions.get(`\0${k}`);
      if (d !== void 0 && d.description.trim() !== "") description = d.description;
      else if (d !== void 0) missing.push(`description: port ${port} has an empty description`);
      else
        missing.push(
          this.has.interfaces ? `description: no interface description for ${sw === null ? "" : `${sw} `}${port}` : "description: no interface descriptions given"
        );
    } else missing.push("description: no switch port to describe");
    let inv;
    if (mac !== null) inv = this.invByMac.get(mac);
    if (inv === void 0 && dhcpName !== null && dhcpName.trim() !== "")
      inv = this.invByName.get(hostKey(dhcpName));
    const hostname = dhcpName !== null && dhcpName.trim() !== "" ? dhcpName.trim() : inv?.hostname ?? null;
    if (hostname === null) missing.push("hostname: neither dhcpd nor the inventory names this host");
    const invReason = !this.has.inventory ? "no inventory given" : mac === null && dhcpName === null ? "no MAC or hostname to look up in the inventory" : "not in the inventory (by MAC or hostname)";
    const department = inv?.department ?? null;
    if (department === null)
      missing.push(`department: ${inv === void 0 ? invReason : "the inventory row has no department"}`);
    const vlan = inv?.vlan ?? macVlan ?? null;
    if (vlan === null)
      missing.push(
        `vlan: ${inv === void 0 ? invReason : "the inventory row has none"} and no MAC-table VLAN`
      );
    return { ip, mac, macSource, hostname, department, vlan, switch: sw, port, description, missing };
  }
};
var enrich = (rows, sources) => {
  const en = sources instanceof Enricher ? sources : new Enricher(sources);
  const out = [];
  for (const r of rows) {
    const x = en.resolve(r.ip, r.at ?? null);
    out.push({
      user: r.user,
      host: r.host,
      ip: x.ip,
      mac: x.mac,
      hostname: x.hostname,
      department: x.department,
      vlan: x.vlan,
      switch: x.switch,
      port: x.port,
      description: x.description,
      connectionSeconds: Number.isFinite(r.connectionSeconds) ? r.connectionSeconds : 0,
      missing: x.missing
    });
  }
  return out;
};
var history = (attributions, users2, sources) => {
  const byUser = /* @__PURE__ */ new Map();
  for (const u of users2)
    byUser.set(`${u.user}\0${u.host}`, { seconds: u.seconds, firstOut: u.firstOut ?? null });
  const rows = [];
  for (const a of attributions) {
    const u = byUser.get(`${a.user}\0${a.host}`);
    rows.push({
      user: a.user,
      host: a.host,
      ip: a.ip,
      at: u?.firstOut ?? null,
      connectionSeconds: u?.seconds ?? 0
    });
  }
  return enrich(rows, sources);
};
var Idle_exports = {};
__export(Idle_exports, {
  defaults: () => defaults,
  judgeFleet: () => judgeFleet,
  judgeIdle: () => judgeIdle,
  seedInactivePrediction: () => seedInactivePrediction
});
var Logins_exports = {};
__export(Logins_exports, {
  PSEUDO_USERS: () => PSEUDO_USERS,
  activity: () => activity,
  overlapFraction: () => overlapFraction,
  serviceAccountMatcher: () => serviceAccountMatcher
});
var Time_exports = {};
__export(Time_exports, {
  MONTHS: () => MONTHS,
  UTC: () => UTC,
  WEEKDAYS: () => WEEKDAYS,
  dayKey: () => dayKey,
  daysInMonth: () => daysInMonth,
  formatIso: () => formatIso,
  localZone: () => localZone,
  monthOf: () => monthOf,
  parseDuration: () => parseDuration,
  parseIso: () => parseIso,
  weekdayOf: () => weekdayOf,
  weekdayOfDate: () => weekdayOfDate,
  yearForWeekday: () => yearForWeekday,
  zone: () => zone
});
var MONTHS = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec"
];
var WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
var monthIndex = new Map(MONTHS.map((m2, i) => [m2, i]));
var weekdayIndex = new Map(WEEKDAYS.map((d, i) => [d, i]));
var monthOf = (abbr) => monthIndex.get(abbr) ?? -1;
var weekdayOf = (abbr) => weekdayIndex.get(abbr) ?? -1;
var pad2 = (n) => (n < 10 ? "0" : "") + n;
var pad = (n, w) => String(n).padStart(w, "0");
var formatIso = (ms, offsetMinutes = 0) => {
  let whole = Math.floor(ms / 1e3);
  let micros = Math.round((ms - whole * 1e3) * 1e3);
  if (micros >= 1e6) {
    whole += 1;
    micros -= 1e6;
  }
  const d = new Date((whole + offsetMinutes * 60) * 1e3);
  const y = d.getUTCFullYear();
  const base = `${y < 0 || y > 9999 ? String(y) : pad(y, 4)}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  const frac = micros === 0 ? "" : `.${pad(micros, 6)}`;
  if (offsetMinutes === 0) return `${base}${frac}Z`;
  const sign = offsetMinutes < 0 ? "-" : "+";
  const a = Math.abs(offsetMinutes);
  return `${base}${frac}${sign}${pad2(Math.floor(a / 60))}:${pad2(a % 60)}`;
};
var ISO_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;
var parseIso = (text, zone2 = UTC) => {
  const m2 = ISO_RE.exec(text.trim());
  if (!m2) return Number.NaN;
  const [, ys, mos, ds, hs, mis, ss, fs, off] = m2;
  const fracMs = fs ? Number(`0.${fs}`) * 1e3 : 0;
  const y = Number(ys);
  const mo = Number(mos) - 1;
  const d = Number(ds);
  const h = Number(hs);
  const mi = Number(mis);
  const s = ss ? Number(ss) : 0;
  if (mo > 11 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 60) return Number.NaN;
  if (off === void 0) return zone2.toEpoch(y, mo, d, h, mi, s) + fracMs;
  let offMin = 0;
  if (off !== "Z") {
    const sign = off[0] === "-" ? -1 : 1;
    const digits = off.slice(1).replace(":", "");
    offMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  }
  return Date.UTC(y, mo, d, h, mi, s) - offMin * 6e4 + fracMs;
};
var daysInMonth = (year, month0) => new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
var weekdayOfDate = (year, month0, day) => new Date(Date.UTC(year, month0, day)).getUTCDay();
var fixedZone = (name, offsetMin) => ({
  name,
  toEpoch: (y, mo, d, h, mi, s) => Date.UTC(y, mo, d, h, mi, s) - offsetMin * 6e4,
  offsetAt: () => offsetMin
});
var UTC = fixedZone("UTC", 0);
var OFFSET_RE = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/;
var ianaZone = (name) => {
  const fmt = new Intl.DateTimeFormat("en-US", {
    timeZone: name,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric"
  });
  const cache = /* @__PURE__ */ new Map();
  const offsetAt = (ms) => {
    const hourKey = Math.floor(ms / 36e5);
    const hit = cache.get(hourKey);
    if (hit !== void 0) return hit;
    const parts = fmt.formatToParts(new Date(hourKey * 36e5));
    const get = (t) => Number(parts.find((p) => p.type === t)?.value);
    const asUtc = Date.UTC(
      get("year"),
      get("month") - 1,
      get("day"),
      get("hour"),
      get("minute"),
      get("second")
    );
    const off = Math.round((asUtc - hourKey * 36e5) / 6e4);
    if (cache.size > 1e4) cache.clear();
    cache.set(hourKey, off);
    return off;
  };
  return {
    name,
    offsetAt,
    toEpoch: (y, mo, d, h, mi, s) => {
      const wall4 = Date.UTC(y, mo, d, h, mi, s);
      const o1 = offsetAt(wall4 - 864e5 / 2);
      const o2 = offsetAt(wall4 + 864e5 / 2);
      const c1 = wall4 - o1 * 6e4;
      const c2 = wall4 - o2 * 6e4;
      const ok1 = c1 + offsetAt(c1) * 6e4 === wall4;
      const ok2 = c2 + offsetAt(c2) * 6e4 === wall4;
      if (ok1 && ok2) return Math.min(c1, c2);
      if (ok1) return c1;
      if (ok2) return c2;
      return Math.max(c1, c2);
    }
  };
};
var zone = (name) => {
  const n = name.trim();
  if (n === "" || n === "UTC" || n === "Z" || n === "GMT" || n === "Etc/UTC") return UTC;
  const m2 = OFFSET_RE.exec(n);
  if (m2) {
    const sign = m2[1] === "-" ? -1 : 1;
    const h = Number(m2[2]);
    const mi = m2[3] ? Number(m2[3]) : 0;
    if (h > 14 || mi > 59) throw new RangeError(`invalid UTC offset "${name}"`);
    return fixedZone(n, sign * (h * 60 + mi));
  }
  try {
    return ianaZone(n);
  } catch {
    throw new RangeError(`unknown time zone "${name}" (use UTC, an offset like +09:00, or an IANA name)`);
  }
};
var localZone = () => zone(Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC");
var yearForWeekday = (month0, day, weekday, maxYear, span = 28) => {
  for (let y = maxYear; y > maxYear - span; y--) {
    if (day > daysInMonth(y, month0)) continue;
    if (weekdayOfDate(y, month0, day) === weekday) return y;
  }
  return void 0;
};
var parseDuration = (text) => {
  const m2 = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?$/.exec(text.trim());
  if (!m2) return Number.NaN;
  const n = Number(m2[1]);
  const unit = m2[2] ?? "s";
  const mult = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5 }[unit] ?? Number.NaN;
  return n * mult;
};
var dayKey = (ms, z = UTC) => formatIso(ms, z.offsetAt(ms)).slice(0, 10);
var PSEUDO_USERS = [
  "",
  "LOGIN",
  "reboot",
  "shutdown",
  "runlevel",
  "(unknown)"
];
var globToRegExp = (g) => {
  let src = "";
  for (const ch of g) {
    if (ch === "*") src += ".*";
    else if (ch === "?") src += ".";
    else src += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${src}$`);
};
var serviceAccountMatcher = (patterns) => {
  const exact = /* @__PURE__ */ new Set();
  const res = [];
  for (const p of patterns) {
    if (typeof p !== "string") res.push(p);
    else if (p.includes("*") || p.includes("?")) res.push(globToRegExp(p));
    else exact.add(p);
  }
  return (user) => exact.has(user) || res.some((r) => r.test(user));
};
var overlapFraction = (w, start, end) => {
  if (start === null || end === null || !(w.end > w.start)) return 0;
  const o = Math.min(end, w.end) - Math.max(start, w.start);
  return o > 0 ? Math.min(1, o / (w.end - w.start)) : 0;
};
var activity = (logins, options) => {
  const w = options.window;
  const z = options.zone ?? UTC;
  const isService = serviceAccountMatcher(options.serviceAccounts ?? []);
  const pseudo = new Set(PSEUDO_USERS);
  let earliest = Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  let nPseudo = 0;
  let nFailed = 0;
  let nService = 0;
  const serviceUsers = /* @__PURE__ */ new Set();
  const open = [];
  const closed = [];
  let lastLogin = Number.NEGATIVE_INFINITY;
  let lastUser = null;
  for (const r of logins) {
    if (r.start < earliest) earliest = r.start;
    if (r.start > latest) latest = r.start;
    if (r.end !== null && r.end > latest) latest = r.end;
    if (r.failed === true) {
      nFailed++;
      continue;
    }
    if (r.kind !== "user" || pseudo.has(r.user)) {
      nPseudo++;
      continue;
    }
    if (isService(r.user)) {
      nService++;
      serviceUsers.add(r.user);
      continue;
    }
    if (r.start < w.end && (r.start > lastLogin || r.start === lastLogin && lastUser !== null && r.user < lastUser)) {
      lastLogin = r.start;
      lastUser = r.user;
    }
    (r.end === null ? open : closed).push(r);
  }
  const first = earliest === Number.POSITIVE_INFINITY ? null : earliest;
  const begins = options.begins ?? null;
  const covStart = begins === null ? first : first === null ? begins : Math.min(begins, first);
  const last = latest === Number.NEGATIVE_INFINITY ? null : latest;
  const read = options.collectedAt ?? null;
  const covEnd = read === null ? last : last === null ? read : Math.max(read, last);
  const days = /* @__PURE__ */ new Set();
  const users2 = /* @__PURE__ */ new Set();
  let sessions = 0;
  const consider = (r, end) => {
    if (!(r.start < w.end && end > w.start) && !(r.start >= w.start && r.start < w.end)) return;
    sessions++;
    users2.add(r.user);
    days.add(dayKey(Math.max(r.start, w.start), z));
  };
  for (const r of closed) consider(r, r.end);
  for (const r of open) consider(r, Math.max(r.start, covEnd ?? r.start));
  const daysSorted = [...days].sort();
  return {
    window: w,
    sessions,
    loginDays: daysSorted.length,
    days: daysSorted,
    lastLogin: lastLogin === Number.NEGATIVE_INFINITY ? null : lastLogin,
    lastUser,
    users: [...users2].sort(),
    excluded: { service: nService, pseudo: nPseudo, failed: nFailed, serviceUsers: [...serviceUsers].sort() },
    coverage: { start: covStart, end: covEnd, fraction: overlapFraction(w, covStart, covEnd) }
  };
};
var DAY = 864e5;
var defaults = {
  windowMs: 14 * DAY,
  cpuVcpus: 0.03,
  cpuShare: 0.97,
  rxBytesPerSecond: 2e3,
  txBytesPerSecond: 1e3,
  netShare: 0.95,
  minCoverage: 0.9,
  minCaptureMs: 6e4,
  zone: UTC,
  serviceAccounts: [],
  maxListed: 5
};
var pct = (x) => `${(x * 100).toFixed(1)}%`;
var plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
var round = (x) => x >= 100 ? String(Math.round(x)) : String(Math.round(x * 10) / 10);
var duration = (ms) => {
  if (ms >= DAY) {
    const d = Math.floor(ms / DAY);
    const h = Math.floor((ms - d * DAY) / 36e5);
    return h > 0 ? `${d} d ${h} h` : `${d} d`;
  }
  if (ms >= 36e5) return `${round(ms / 36e5)} h`;
  if (ms >= 6e4) return `${round(ms / 6e4)} min`;
  return `${round(ms / 1e3)} s`;
};
var listed = (xs, max) => xs.length <= max ? xs.join(", ") : `${xs.slice(0, max).join(", ")} and ${xs.length - max} more`;
var judgeUtil = (host, samples, w, o) => {
  let cpuT = 0;
  let cpuQ = 0;
  let cpuN = 0;
  let rxT = 0;
  let rxQ = 0;
  let rxN = 0;
  let txT = 0;
  let txQ = 0;
  let txN = 0;
  let foreign = 0;
  const spans = [];
  for (const s of samples) {
    if (s.host !== host) {
      foreign++;
      continue;
    }
    const a = Math.max(s.ts - s.intervalSeconds * 1e3, w.start);
    const b = Math.min(s.ts, w.end);
    const d = b - a;
    if (!(d > 0)) continue;
    const cpu = s.cpuVcpus;
    if (cpu !== void 0 && cpu !== null) {
      cpuT += d;
      cpuN++;
      if (cpu < o.cpuVcpus) cpuQ += d;
      spans.push([a, b]);
    }
    const rx = s.rxBytesPerSecond;
    if (rx !== void 0 && rx !== null) {
      rxT += d;
      rxN++;
      if (rx < o.rxBytesPerSecond) rxQ += d;
    }
    const tx = s.txBytesPerSecond;
    if (tx !== void 0 && tx !== null) {
      txT += d;
      txN++;
      if (tx < o.txBytesPerSecond) txQ += d;
    }
  }
  spans.sort((x, y) => x[0] - y[0]);
  let covered = 0;
  let curA = Number.NaN;
  let curB = Number.NaN;
  for (const [a, b] of spans) {
    if (!Number.isNaN(curB) && a <= curB) {
      if (b > curB) curB = b;
    } else {
      if (!Number.isNaN(curB)) covered += curB - curA;
      curA = a;
      curB = b;
    }
  }
  if (!Number.isNaN(curB)) covered += curB - curA;
  const coverage = w.end > w.start ? Math.min(1, covered / (w.end - w.start)) : 0;
  const reasons = [];
  let busy = false;
  const rule = (name, t, q, n, need) => {
    if (n === 0) {
      reasons.push(`no ${name.split(" ")[0]} samples in the window`);
      return;
    }
    const share = q / t;
    const broken = share < need;
    if (broken) busy = true;
    reasons.push(
      `${name} for ${pct(share)} of the sampled time (${plural(n, "sample")}; rule: ${pct(need)})${broken ? ": busy" : ""}`
    );
  };
  rule(`CPU under ${o.cpuVcpus} vCPU`, cpuT, cpuQ, cpuN, o.cpuShare);
  if (rxN > 0 || txN > 0) {
    rule(`received under ${o.rxBytesPerSecond} B/s`, rxT, rxQ, rxN, o.netShare);
    rule(`sent under ${o.txBytesPerSecond} B/s`, txT, txQ, txN, o.netShare);
  } else reasons.push("no network samples in the window");
  reasons.push(`utilisation samples cover ${pct(coverage)} of the window`);
  if (foreign > 0) reasons.push(`ignored ${plural(foreign, "utilisation sample")} of other hosts`);
  return { coverage, busy, reasons };
};
var judgeIdle = (input2, options) => {
  const o = { ...defaults, ...options };
  const w = { start: o.at - o.windowMs, end: o.at };
  const day = (ms) => dayKey(ms, o.zone);
  const reasons = [];
  const busy = [];
  let la;
  let cL = 0;
  let fLogin = 1;
  if (input2.logins === void 0) reasons.push("no login history given");
  else {
    la = activity(input2.logins, {
      window: w,
      zone: o.zone,
      serviceAccounts: o.serviceAccounts,
      begins: input2.loginsBegin,
      collectedAt: input2.loginsCollectedAt
    });
    const cov = la.coverage;
    const covText = cov.start === null || cov.end === null ? "the login history is empty (give when it begins and when it was read)" : `login history covers ${day(cov.start)}..${day(cov.end)} (${pct(cov.fraction)} of the window)`;
    if (la.sessions > 0) {
      busy.push("user logins in the window");
      fLogin = 0.3 * 0.8 ** Math.max(0, la.loginDays - 1);
      reasons.push(
        `${plural(la.sessions, "user session")} on ${plural(la.loginDays, "day")} in the window (${listed(la.users, o.maxListed)}); last login ${la.lastLogin === null ? "before the history" : day(la.lastLogin)}`
      );
    } else {
      cL = cov.fraction;
      reasons.push(
        la.lastLogin === null ? `no user login in the login history; ${covText}` : `no user login since ${day(la.lastLogin)} (${plural(Math.floor((o.at - la.lastLogin) / DAY), "day")}); ${covText}`
      );
      if (cov.fraction < o.minCoverage)
        reasons.push(
          `login history covers only ${pct(cov.fraction)} of the window (need ${pct(o.minCoverage)})`
        );
    }
    const ex = la.excluded;
    if (ex.service > 0)
      reasons.push(
        `ignored ${plural(ex.service, "service-account login")} (${listed(ex.serviceUsers, o.maxListed)})`
      );
    if (ex.failed > 0) reasons.push(`ignored ${plural(ex.failed, "failed login attempt")}`);
  }
  const uncommon = input2.peers?.uncommonPeers ?? [];
  let fPeers = 1;
  if (input2.peers !== void 0) {
    if (uncommon.length > 0) {
      busy.push(`${plural(uncommon.length, "uncommon peer")}`);
      fPeers = 0.4 * 0.8 ** (uncommon.length - 1);
      reasons.push(`talks to ${plural(uncommon.length, "uncommon peer")}: ${listed(uncommon, o.maxListed)}`);
    } else
      reasons.push(
        input2.peers.commonPeers > 0 ? `all ${plural(input2.peers.commonPeers, "peer")} are common to the fleet or allow-listed` : "no peers other than special or own addresses"
      );
    for (const n of input2.peerNotes ?? []) reasons.push(n);
  } else if (input2.traffic !== void 0) reasons.push("peers not compared with a fleet baseline");
  const t = input2.traffic;
  let cT = 0;
  let fCapture = 1;
  if (t !== void 0) {
    if (t.selfAmbiguous.length > 0)
      reasons.push(
        `own address unknown: ${listed(t.selfAmbiguous, o.maxListed)} each take part in nearly every packet; give the host's address`
      );
    if (t.first === null || t.last === null || t.spanMs < o.minCaptureMs) {
      reasons.push(
        t.first === null ? `capture has no timestamps (${plural(t.packets, "packet")}): traffic volume not judged` : `capture spans ${duration(t.spanMs)} (${plural(t.packets, "packet")}), too short to judge traffic volume (need ${duration(o.minCaptureMs)})`
      );
    } else {
      const secs = t.spanMs / 1e3;
      const where = `capture ${day(t.first)}..${day(t.last)} (${duration(t.spanMs)}, ${plural(t.packets, "packet")})`;
      let heavy;
      if (t.rxBytes !== null && t.txBytes !== null) {
        const rx = t.rxBytes / secs;
        const tx = t.txBytes / secs;
        heavy = rx >= o.rxBytesPerSecond || tx >= o.txBytesPerSecond;
        reasons.push(
          `${heavy ? "heavy traffic: " : ""}${where}: ${round(rx)} B/s received, ${round(tx)} B/s sent (rule: under ${o.rxBytesPerSecond} and ${o.txBytesPerSecond} B/s)`
        );
      } else {
        const total = t.bytes / secs;
        const limit = o.rxBytesPerSecond + o.txBytesPerSecond;
        heavy = total >= limit;
        reasons.push(
          `${heavy ? "heavy traffic: " : ""}${where}: ${round(total)} B/s in total, own address unknown (rule: under ${limit} B/s)`
        );
      }
      if (heavy) {
        busy.push("heavy capture traffic");
        fCapture = 0.5;
      } else if (uncommon.length === 0) cT = overlapFraction(w, t.first, t.last);
    }
  }
  let cU = 0;
  let utilCoverage = null;
  let fUtil = 1;
  if (input2.util !== void 0) {
    const u = judgeUtil(input2.host, input2.util, w, o);
    utilCoverage = u.coverage;
    reasons.push(...u.reasons);
    if (u.busy) {
      busy.push("utilisation above the idle rule");
      fUtil = 0.3;
    } else cU = u.coverage;
  }
  const quiet = 1 - (1 - 0.7 * cL) * (1 - 0.9 * cU) * (1 - 0.3 * cT);
  const raw = quiet * fLogin * fPeers * fUtil * fCapture;
  const score = Math.round(Math.min(1, Math.max(0, raw)) * 1e4) / 1e4;
  const best = Math.max(cL, cU);
  let verdict;
  if (busy.length > 0) {
    verdict = "active";
    reasons.unshift(`active: ${busy.join(", ")}`);
  } else if (best >= o.minCoverage) {
    verdict = "idle";
    reasons.unshift(
      `idle: no busy evidence; quiet ${cL >= cU ? "login history" : "utilisation"} covers ${pct(best)} of the window (need ${pct(o.minCoverage)})`
    );
  } else {
    verdict = "insufficient-data";
    reasons.unshift(
      `insufficient data: no busy evidence, but quiet logins cover ${pct(cL)} and utilisation ${pct(cU)} of the window (need ${pct(o.minCoverage)})`
    );
  }
  return {
    host: input2.host,
    verdict,
    score,
    lastLogin: la?.lastLogin ?? null,
    loginDays: la?.loginDays ?? 0,
    uncommonPeers: [...uncommon],
    reasons,
    window: { start: w.start, end: w.end },
    coverage: {
      logins: la?.coverage.fraction ?? 0,
      traffic: overlapFraction(w, t?.first ?? null, t?.last ?? null),
      utilisation: utilCoverage
    }
  };
};
var judgeFleet = (inputs, options) => {
  const withTraffic = inputs.filter((i) => i.traffic !== void 0);
  const analysis = analyse(
    withTraffic.map((i) => ({ host: i.host, peers: i.traffic.peers, self: i.traffic.self })),
    options.peers
  );
  const rows = new Map(analysis.reports.map((r) => [r.host, r]));
  return inputs.map(
    (i) => judgeIdle(
      i.traffic !== void 0 ? { ...i, peers: rows.get(i.host), peerNotes: [...i.peerNotes ?? [], ...analysis.notes] } : i,
      options
    )
  );
};
var seedInactivePrediction = (verdicts) => {
  let out = "";
  for (const v of verdicts) if (v.verdict === "idle") out += `${v.host}
`;
  return out;
};
var Lines_exports = {};
__export(Lines_exports, {
  DEFAULT_MAX_LINE: () => DEFAULT_MAX_LINE,
  LineSplitter: () => LineSplitter,
  lines: () => lines,
  splitLines: () => splitLines
});
var DEFAULT_MAX_LINE = 1 << 20;
var LineSplitter = class {
  constructor(onLine, maxLine = DEFAULT_MAX_LINE) {
    this.onLine = onLine;
    this.maxLine = maxLine;
  }
  onLine;
  maxLine;
  partial = "";
  overflow = false;
  decoder;
  /** Lines delivered so far. */
  lineNo = 0;
  push(chunk) {
    let text;
    if (typeof chunk === "string") text = chunk;
    else {
      this.decoder ??= new TextDecoder("utf-8");
      text = this.decoder.decode(chunk, { stream: true });
    }
    this.feed(text);
  }
  feed(text) {
    let start = 0;
    const n = text.length;
    while (start < n) {
      const nl = text.indexOf("\n", start);
      if (nl === -1) {
        this.append(text.slice(start));
        return;
      }
      let line2;
      if (this.partial.length === 0 && !this.overflow) line2 = text.slice(start, nl);
      else {
        this.append(text.slice(start, nl));
        line2 = this.partial;
        this.partial = "";
      }
      start = nl + 1;
      this.deliver(line2);
    }
  }
  append(piece) {
    if (this.overflow) return;
    if (this.partial.length + piece.length > this.maxLine + 1) {
      this.partial = (this.partial + piece).slice(0, this.maxLine + 1);
      this.overflow = true;
      return;
    }
    this.partial += piece;
  }
  deliver(raw) {
    let line2 = raw;
    if (line2.length > 0 && line2.charCodeAt(line2.length - 1) === 13) line2 = line2.slice(0, -1);
    const tooLong = this.overflow || line2.length > this.maxLine;
    this.overflow = false;
    this.lineNo++;
    this.onLine(tooLong ? line2.slice(0, this.maxLine) : line2, this.lineNo, tooLong);
  }
  /** Flush the last line when the input did not end with a newline. */
  end() {
    if (this.decoder) {
      const rest = this.decoder.decode();
      if (rest) this.feed(rest);
    }
    if (this.partial.length > 0 || this.overflow) {
      const line2 = this.partial;
      this.partial = "";
      this.deliver(line2);
    }
  }
};
async function* lines(input2, maxLine = DEFAULT_MAX_LINE) {
  let buf = [];
  const s = new LineSplitter((text, lineNo, tooLong) => buf.push({ text, lineNo, tooLong }), maxLine);
  for await (const chunk of input2) {
    s.push(chunk);
    if (buf.length) {
      const out = buf;
      buf = [];
      yield* out;
    }
  }
  s.end();
  yield* buf;
}
var splitLines = (text) => {
  const out = [];
  const s = new LineSplitter((l) => out.push(l));
  s.push(text);
  s.end();
  return out;
};
var Metrics_exports = {};
__export(Metrics_exports, {
  exposition: () => exposition,
  formatValue: () => formatValue,
  lmstatSamples: () => lmstatSamples,
  usageSamples: () => usageSamples
});
var H = {
  issued: "License feature issued labeled by app and feature name of the license.",
  used: "License feature used labeled by app and feature name of the license.",
  usedUsers: "License feature used by user labeled by app, feature name, username and host of the license, since (unix seconds of the earliest checkout held).",
  server: "License server status labeled by app, fqdn, master, port and version of the license.",
  vendor: "License vendor status labeled by app, name and version of the license.",
  peak: "Most licences of a feature in use at once in the analysed log.",
  peakAt: "When the peak was first reached (unix seconds).",
  denials: "DENIED checkout requests of a feature in the analysed log.",
  userDenials: "DENIED checkout requests of a feature by one user@host in the analysed log.",
  sessions: "Checkouts of a feature in the analysed log.",
  utilisation: "Peak licences in use divided by licences issued.",
  userSeconds: "Sum of a user@host's checkout durations in the analysed log (open checkouts to the end of the log)."
};
var usageSamples = (report, options = {}) => {
  const app = options.app ?? "default";
  const out = [];
  const per = (name, type, help, rows) => {
    for (const [labels, value2] of rows) out.push({ name, labels, value: value2, help, type });
  };
  const fs = report.features;
  per(
    "flexlm_feature_issued",
    "gauge",
    H.issued,
    fs.filter((f) => f.issued !== null).map((f) => [{ app, name: f.feature }, f.issued])
  );
  per(
    "flexlm_feature_used",
    "gauge",
    H.used,
    fs.map((f) => [{ app, name: f.feature }, f.inUse])
  );
  const held = /* @__PURE__ */ new Map();
  for (const s of report.sessions) {
    if (!s.open) continue;
    const k = `${s.feature}\0${s.user}\0${s.host}`;
    const h = held.get(k);
    const n = s.count ?? 1;
    if (h === void 0) held.set(k, { feature: s.feature, user: s.user, host: s.host, n, since: s.start });
    else {
      h.n += n;
      if (s.start < h.since) h.since = s.start;
    }
  }
  per(
    "flexlm_feature_used_users",
    "gauge",
    H.usedUsers,
    [...held.values()].map((h) => [
      { app, name: h.feature, user: h.user, host: h.host, since: String(Math.floor(h.since / 1e3)) },
      h.n
    ])
  );
  per(
    "fleetlens_licence_peak_in_use",
    "gauge",
    H.peak,
    fs.map((f) => [{ app, feature: f.feature }, f.peak])
  );
  per(
    "fleetlens_licence_peak_timestamp_seconds",
    "gauge",
    H.peakAt,
    fs.filter((f) => f.peakAt !== null).map((f) => [{ app, feature: f.feature }, f.peakAt / 1e3])
  );
  per(
    "fleetlens_licence_denials_total",
    "counter",
    H.denials,
    fs.map((f) => [{ app, feature: f.feature }, f.denials])
  );
  if (options.perUserDenials)
    per(
      "fleetlens_licence_user_denials_total",
      "counter",
      H.userDenials,
      report.denialsByUser.map((d) => [{ app, feature: d.feature, user: d.user, host: d.host }, d.count])
    );
  per(
    "fleetlens_licence_sessions_total",
    "counter",
    H.sessions,
    fs.map((f) => [{ app, feature: f.feature }, f.sessions])
  );
  per(
    "fleetlens_licence_utilisation_ratio",
    "gauge",
    H.utilisation,
    fs.filter((f) => f.utilisation !== null).map((f) => [{ app, feature: f.feature }, f.utilisation])
  );
  per(
    "fleetlens_licence_user_seconds_total",
    "counter",
    H.userSeconds,
    report.users.map((u) => [{ app, user: u.user, host: u.host }, u.seconds])
  );
  return out;
};
var lmstatSamples = (records, options = {}) => {
  const app = options.app ?? "default";
  const servers = [];
  const vendors = [];
  const issued = [];
  const used = [];
  const users2 = /* @__PURE__ */ new Map();
  for (const r of records) {
    switch (r.type) {
      case "server":
        servers.push({
          name: "flexlm_server_status",
          labels: {
            app,
            fqdn: r.host,
            master: String(r.role === "MASTER"),
            port: r.port === null ? "" : String(r.port),
            version: r.version ?? ""
          },
          value: r.status === "UP" ? 1 : 0,
          help: H.server,
          type: "gauge"
        });
        break;
      case "vendor":
        vendors.push({
          name: "flexlm_vendor_status",
          labels: { app, name: r.vendor, version: r.version ?? "" },
          value: r.status === "UP" ? 1 : 0,
          help: H.vendor,
          type: "gauge"
        });
        break;
      case "feature":
        if (r.issued !== null)
          issued.push({
            name: "flexlm_feature_issued",
            labels: { app, name: r.feature },
            value: r.issued,
            help: H.issued,
            type: "gauge"
          });
        if (r.inUse !== null)
          used.push({
            name: "flexlm_feature_used",
            labels: { app, name: r.feature },
            value: r.inUse,
            help: H.used,
            type: "gauge"
          });
        break;
      case "checkout": {
        const k = `${r.feature}\0${r.user}\0${r.host}`;
        const u = users2.get(k);
        if (u === void 0)
          users2.set(k, {
            labels: { app, name: r.feature, user: r.user, host: r.host },
            n: r.count,
            since: r.start
          });
        else {
          u.n += r.count;
          if (r.start !== null && (u.since === null || r.start < u.since)) u.since = r.start;
        }
        break;
      }
      default:
        break;
    }
  }
  const usedUsers = [...users2.values()].map((u) => ({
    name: "flexlm_feature_used_users",
    labels: { ...u.labels, since: u.since === null ? "" : String(Math.floor(u.since / 1e3)) },
    value: u.n,
    help: H.usedUsers,
    type: "gauge"
  }));
  return [...servers, ...vendors, ...issued, ...used, ...usedUsers];
};
var escapeLabel = (v) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
var escapeHelp = (v) => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
var formatValue = (v) => Number.isNaN(v) ? "NaN" : v === Number.POSITIVE_INFINITY ? "+Inf" : v === Number.NEGATIVE_INFINITY ? "-Inf" : String(v);
var NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
var LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
var exposition = (samples) => {
  const groups = /* @__PURE__ */ new Map();
  for (const s of samples) {
    if (!NAME.test(s.name)) throw new RangeError(`invalid metric name "${s.name}"`);
    const g = groups.get(s.name);
    if (g === void 0) groups.set(s.name, [s]);
    else g.push(s);
  }
  let out = "";
  for (const [name, g] of groups) {
    const first = g[0];
    out += `# HELP ${name} ${escapeHelp(first.help)}
# TYPE ${name} ${first.type}
`;
    for (const s of g) {
      const keys = Object.keys(s.labels);
      let labels = "";
      for (const k of keys) {
        if (!LABEL.test(k) || k.startsWith("__"))
          throw new RangeError(`invalid label name "${k}" on ${name}`);
        labels += `${labels === "" ? "" : ","}${k}="${escapeLabel(s.labels[k])}"`;
      }
      out += `${name}${labels === "" ? "" : `{${labels}}`} ${formatValue(s.value)}
`;
    }
  }
  return out;
};
var OpenStack_exports = {};
__export(OpenStack_exports, {
  ActionDeriver: () => ActionDeriver,
  LIFECYCLE_ACTIONS: () => LIFECYCLE_ACTIONS,
  SERVER_ACTIONS: () => SERVER_ACTIONS,
  classifyMessage: () => classifyMessage,
  compareActions: () => compareActions,
  deriveActions: () => deriveActions,
  mergeByTime: () => mergeByTime,
  routeGlance: () => routeGlance,
  routeNeutron: () => routeNeutron,
  routeNova: () => routeNova
});
var SERVER_ACTIONS = [
  "addFixedIp",
  "addFloatingIp",
  "addSecurityGroup",
  "changePassword",
  "confirmResize",
  "console",
  "createBackup",
  "createImage",
  "delete",
  "evacuate",
  "getConsoleOutput",
  "injectNetworkInfo",
  "live-migration",
  "lock",
  "migrate",
  "pause",
  "reboot",
  "rebuild",
  "removeFixedIp",
  "removeFloatingIp",
  "removeSecurityGroup",
  "rescue",
  "resetNetwork",
  "resetState",
  "resize",
  "restore",
  "resume",
  "revertResize",
  "shelve",
  "shelveOffload",
  "start",
  "stop",
  "suspend",
  "trigger_crash_dump",
  "unlock",
  "unpause",
  "unrescue",
  "unshelve"
];
var m = (actions, mark = null) => ({
  actions,
  mark
});
var EXACT = /* @__PURE__ */ new Map([
  ["Rebooting instance", m(["reboot"])],
  ["Pausing", m(["pause"])],
  ["Unpausing", m(["unpause"])],
  ["Resuming", m(["resume"])],
  ["Rescuing", m(["rescue"])],
  ["Unrescuing", m(["unrescue"])],
  ["Shelving", m(["shelve"])],
  ["Shelve offloading", m(["shelveOffload"])],
  ["Unshelving", m(["unshelve"])],
  ["Rebuilding instance", m(["rebuild"])],
  ["Evacuating instance", m(["evacuate"])],
  ["Terminating instance", m(["delete"])],
  ["instance snapshotting", m(["createBackup", "createImage"])],
  ["Migrating", m(["migrate", "resize"], "migration-start")],
  ["Admin password set", m(["changePassword"])],
  ["Get console output", m(["getConsoleOutput"])],
  ["Live migration failed.", m(["live-migration"], "migration-end")],
  ["Instance is already powered off in the hypervisor when stop is called.", m(["stop"])],
  ["Instance spawned successfully.", m(null, "build-end")],
  ["Instance running successfully.", m(null, "migration-end")]
]);
var BUSY_TASKS = /^During sync_power_state the instance has a pending task \(([a-z_]+)\)/;
var NOISY_TASKS = /* @__PURE__ */ new Set([
  "spawning",
  "scheduling",
  "networking",
  "block_device_mapping",
  "migrating",
  "resize_prep",
  "resize_migrating",
  "resize_migrated",
  "resize_finish",
  "rebuild_spawning",
  "rebuilding",
  "unshelving"
]);
var BUSY = m(null, "busy");
var TOOK = /^Took [0-9.]+ seconds (to spawn the instance|to build instance|for pre_live_migration)/;
var CONSOLE = /^Getting (vnc|spice|RDP|MKS|serial) console$/;
var classifyMessage = (message) => {
  const exact = EXACT.get(message);
  if (exact !== void 0) return exact;
  switch (message.charCodeAt(0)) {
    case 65:
      if (message.startsWith("Attempting claim")) return m(null, "build-start");
      if (message.startsWith("Attaching volume ")) return m(["attach_volume"]);
      return void 0;
    case 67:
      return message.startsWith("Claim successful") ? m(null, "build-start") : void 0;
    case 68: {
      const busy = BUSY_TASKS.exec(message);
      return busy !== null && NOISY_TASKS.has(busy[1]) ? BUSY : void 0;
    }
    case 70:
      return /^Found \d+ images \(rotation/.test(message) ? m(["createBackup"]) : void 0;
    case 71:
      if (message.startsWith("Going to confirm migration")) return m(["confirmResize"]);
      return CONSOLE.test(message) ? m(["console"]) : void 0;
    case 83:
      return message.startsWith("Stopping instance; current vm_state") ? m(["stop"]) : void 0;
    case 84: {
      const took = TOOK.exec(message);
      if (took === null) return void 0;
      return took[1] === "for pre_live_migration" ? m(["live-migration"], "migration-start") : m(null, "build-end");
    }
    case 85:
      return message.startsWith("Updating instance to original state") ? m(["revertResize"]) : void 0;
    default:
      return void 0;
  }
};
var LIFECYCLE_ACTIONS = /* @__PURE__ */ new Map([
  ["Paused", "pause"],
  ["Resumed", "unpause"],
  ["Suspended", "suspend"],
  ["Stopped", "stop"],
  ["Started", "start"],
  ["Postcopy started", "live-migration"],
  ["Migration completed", "live-migration"]
]);
var segmentsOf = (path) => {
  let end = path.indexOf("?");
  if (end < 0) end = path.length;
  const out = [];
  let i = 0;
  while (i < end) {
    if (path.charCodeAt(i) === 47) {
      i++;
      continue;
    }
    let j = path.indexOf("/", i);
    if (j < 0 || j > end) j = end;
    out.push(
      path.charCodeAt(j - 5) === 46 && path.startsWith(".json", j - 5) ? path.slice(i, j - 5) : path.slice(i, j)
    );
    i = j;
  }
  return out;
};
var isRead = (method) => method === "GET" || method === "HEAD" || method === "OPTIONS";
var routeNova = (method, path) => {
  if (isRead(method)) return void 0;
  const segs = segmentsOf(path);
  let i = segs.indexOf("servers");
  if (i < 0) i = segs.indexOf("os-volumes_boot");
  if (i < 0) return void 0;
  const n = segs.length - i - 1;
  if (n === 0)
    return method === "POST" ? { kind: "create", action: "create", instance: "", resource: "server" } : void 0;
  const id = segs[i + 1];
  const named = (action) => ({ kind: "named", action, instance: id, resource: "server" });
  if (n === 1) {
    if (method === "DELETE") return named("delete");
    if (method === "PUT") return named("update");
    return void 0;
  }
  const sub = segs[i + 2];
  switch (sub) {
    case "action":
      return n === 2 && method === "POST" ? { kind: "action", action: "", instance: id, resource: "server" } : void 0;
    case "remote-consoles":
      return n === 2 && method === "POST" ? named("console") : void 0;
    case "os-interface":
      if (n === 2 && method === "POST") return named("attach_interface");
      return n === 3 && method === "DELETE" ? named("detach_interface") : void 0;
    case "os-volume_attachments":
      if (n === 2 && method === "POST") return named("attach_volume");
      if (n === 3 && method === "DELETE") return named("detach_volume");
      return n === 3 && method === "PUT" ? named("swap_volume") : void 0;
    case "migrations":
      if (n === 4 && method === "POST" && segs[i + 4] === "action")
        return named("live_migration_force_complete");
      return n === 3 && method === "DELETE" ? named("live_migration_cancel") : void 0;
    default:
      return void 0;
  }
};
var routeGlance = (method, path) => {
  if (isRead(method)) return void 0;
  const segs = segmentsOf(path);
  const i = segs.indexOf("images");
  if (i < 0) return void 0;
  const n = segs.length - i - 1;
  if (n === 0)
    return method === "POST" ? { kind: "create", action: "create", instance: "", resource: "image" } : void 0;
  const id = segs[i + 1];
  const named = (action) => ({ kind: "named", action, instance: id, resource: "image" });
  if (n === 1) {
    if (method === "PATCH" || method === "PUT") return named("update");
    return method === "DELETE" ? named("delete") : void 0;
  }
  const sub = segs[i + 2];
  switch (sub) {
    case "file":
    case "stage":
      return n === 2 && method === "PUT" ? named("upload") : void 0;
    case "import":
      return n === 2 && method === "POST" ? named("import") : void 0;
    case "actions": {
      const what = segs[i + 3];
      return n === 3 && method === "POST" && (what === "deactivate" || what === "reactivate") ? named(what) : void 0;
    }
    case "tags":
      return n === 3 && (method === "PUT" || method === "DELETE") ? named("update") : void 0;
    case "members":
      if (n === 2) return method === "POST" ? named("update") : void 0;
      return n === 3 && (method === "PUT" || method === "DELETE") ? named("update") : void 0;
    default:
      return void 0;
  }
};
var NEUTRON = /* @__PURE__ */ new Map([
  ["networks", "network"],
  ["subnets", "subnet"],
  ["ports", "port"],
  ["routers", "router"],
  ["floatingips", "floatingip"],
  ["security-groups", "security-group"],
  ["security-group-rules", "security-group-rule"]
]);
var routeNeutron = (method, path) => {
  if (isRead(method)) return void 0;
  const segs = segmentsOf(path);
  let i = -1;
  let resource = "";
  for (let k = 0; k < segs.length; k++) {
    const r = NEUTRON.get(segs[k]);
    if (r !== void 0) {
      i = k;
      resource = r;
      break;
    }
  }
  if (i < 0) return void 0;
  const n = segs.length - i - 1;
  if (n === 0)
    return method === "POST" ? { kind: "create", action: "create", instance: "", resource } : void 0;
  const id = segs[i + 1];
  if (n === 1) {
    if (method === "PUT") return { kind: "named", action: "update", instance: id, resource };
    return method === "DELETE" ? { kind: "named", action: "delete", instance: id, resource } : void 0;
  }
  const sub = segs[i + 2];
  if (n === 2 && method === "PUT" && resource === "router" && (sub === "add_router_interface" || sub === "remove_router_interface"))
    return { kind: "named", action: "update", instance: id, resource };
  return void 0;
};
var own = (s) => s === null ? null : JSON.parse(JSON.stringify(s));
var informs = (e) => e.actions !== null || e.state !== null && LIFECYCLE_ACTIONS.has(e.state);
var byTime = (a, b) => a.ts - b.ts;
var compareReq = (a, b) => {
  if (a.ts !== b.ts) return a.ts - b.ts;
  const ra = a.requestId ?? "";
  const rb = b.requestId ?? "";
  if (ra !== rb) return ra < rb ? -1 : 1;
  return a.seq - b.seq;
};
var compareActions = (a, b) => {
  if (a.ts !== b.ts) return a.ts - b.ts;
  const ra = a.requestId ?? "";
  const rb = b.requestId ?? "";
  if (ra !== rb) return ra < rb ? -1 : 1;
  if (a.instance !== b.instance) return a.instance < b.instance ? -1 : 1;
  return a.action < b.action ? -1 : a.action > b.action ? 1 : 0;
};
var intersect = (evs) => {
  let set = null;
  for (const e of evs) {
    if (e.actions === null || e.state !== null) continue;
    if (set === null) set = e.actions;
    else {
      const next = set.filter((a) => e.actions.includes(a));
      if (next.length > 0) set = next;
    }
  }
  return set;
};
var lifecyclePattern = (evs) => {
  let first = null;
  let paused = false;
  for (const e of evs) {
    if (e.state === null) continue;
    const a = LIFECYCLE_ACTIONS.get(e.state);
    if (a === void 0) continue;
    if (paused && e.state === "Stopped") return ["suspend"];
    if (e.state === "Paused") paused = true;
    if (first === null) first = a;
  }
  return first === null ? null : [first];
};
var CARRY_VERSION = 1;
var MARKS = /* @__PURE__ */ new Set(["build-start", "build-end", "migration-start", "migration-end", "busy"]);
var finite = (x) => Number.isFinite(x) ? x : null;
var bad = (why) => {
  throw new RangeError(`carried state: ${why}`);
};
var num = (o, k) => {
  const v = o[k];
  return typeof v === "number" && Number.isFinite(v) ? v : bad(`${k} is not a number`);
};
var numOr = (o, k, dflt) => o[k] === null ? dflt : num(o, k);
var str = (o, k) => {
  const v = o[k];
  return typeof v === "string" ? v : bad(`${k} is not a string`);
};
var strOrNull = (o, k) => o[k] === null ? null : str(o, k);
var list = (o, k) => {
  const v = o[k];
  return Array.isArray(v) ? v : bad(`${k} is not a list`);
};
var strs = (o, k) => list(o, k).map((x) => typeof x === "string" ? x : bad(`${k} holds a non-string`));
var positive = (name, v, dflt) => {
  if (v === void 0) return dflt;
  if (!Number.isFinite(v) || v < 0) throw new RangeError(`${name} must be a finite number >= 0, got ${v}`);
  return v;
};
var ActionDeriver = class {
  emit;
  mode;
  includeDelete;
  windowMs;
  jitterMs;
  slackMs;
  expectCompute;
  maxPending;
  horizonMs;
  /** How far back of the oldest undecided request a sweep keeps everything: 2 × horizon + window. */
  keepMs;
  route;
  pending = [];
  insts = /* @__PURE__ */ new Map();
  byReqId = /* @__PURE__ */ new Map();
  reqIndex = /* @__PURE__ */ new Map();
  seenRetentionMs;
  /** Each instance's last sighting on compute (a box, so a sighting costs one lookup). */
  seen = /* @__PURE__ */ new Map();
  lastSeenSweep = Number.NEGATIVE_INFINITY;
  fresh = [];
  apiWm = Number.NEGATIVE_INFINITY;
  computeWm = Number.NEGATIVE_INFINITY;
  lastEmitted = null;
  seq = 0;
  sinceSweep = 0;
  lastSweepWm = Number.NEGATIVE_INFINITY;
  n = {
    apiRecords: 0,
    computeRecords: 0,
    requests: 0,
    evidence: 0,
    actions: 0,
    withheldDeletes: 0,
    untimed: 0,
    forced: 0,
    late: 0,
    resumed: 0,
    carried: 0,
    overflow: 0
  };
  /**
   * @param carried the state a previous run's {@link ActionDeriver.suspend} returned (in its
   *   order), to continue where it stopped; throws a RangeError when it is not one.
   */
  constructor(options, emit, carried = []) {
    this.emit = emit;
    this.mode = options.mode ?? "vm";
    this.includeDelete = options.includeDelete ?? false;
    this.windowMs = positive("deriveWindowSec", options.deriveWindowSec, 60) * 1e3;
    this.jitterMs = positive("clockJitterSec", options.clockJitterSec, 5) * 1e3;
    this.slackMs = positive("spanSlackSec", options.spanSlackSec, 2) * 1e3;
    this.maxPending = Math.max(1, positive("maxPending", options.maxPending, 1e5));
    this.seenRetentionMs = positive("seenRetentionSec", options.seenRetentionSec, 86400) * 1e3;
    this.expectCompute = this.mode === "vm" && (options.expectCompute ?? true);
    const h = this.windowMs + this.jitterMs;
    this.horizonMs = this.mode === "vm" ? 2 * h + this.jitterMs : this.jitterMs;
    this.keepMs = 2 * this.horizonMs + this.windowMs;
    this.route = this.mode === "vm" ? routeNova : this.mode === "glance" ? routeGlance : routeNeutron;
    if (carried.length > 0) this.restore(carried);
  }
  /** Feed one API service record (access lines become requests; others are ignored). @since 0.1.0 */
  api(r) {
    this.n.apiRecords++;
    const http = r.http;
    if (r.ts === null) {
      if (http !== void 0 && http !== null) this.n.untimed++;
      return;
    }
    if (http === void 0 || http === null) {
      this.advanceApi(r.ts);
      return;
    }
    const route = this.route(http.method, http.path);
    if (route === void 0) {
      this.advanceApi(r.ts);
      return;
    }
    this.n.requests++;
    const req = {
      ts: r.ts,
      seq: this.seq++,
      route: { ...route, instance: own(route.instance) },
      requestId: own(r.requestId),
      userId: own(r.userId),
      projectId: own(r.projectId ?? (this.mode === "vm" ? projectFromPath(http.path) : null)),
      status: http.status,
      failed: http.status >= 400
    };
    this.insertPending(req);
    if (req.requestId !== null) this.reqIndex.set(req.requestId, req);
    if (!req.failed && route.kind !== "create" && this.mode === "vm")
      this.inst(route.instance).reqs.push(req);
    this.advanceApi(r.ts);
  }
  /** Feed one nova-compute record (Nova mode; ignored in the other modes). @since 0.1.0 */
  compute(r) {
    this.n.computeRecords++;
    if (this.mode !== "vm") return;
    if (r.ts === null) {
      this.n.untimed++;
      return;
    }
    const instance = r.instance;
    if (instance !== null) {
      const state = r.lifecycle ?? null;
      const meaning = state === null ? classifyMessage(r.message) : void 0;
      const seen = this.seen.get(instance);
      const firstSight = seen === void 0 || seen.t < r.ts - this.seenRetentionMs;
      if (seen === void 0) this.seen.set(own(instance), { t: r.ts });
      else if (r.ts > seen.t) seen.t = r.ts;
      const informative = state !== null || meaning !== void 0;
      if (informative || r.requestId !== null) {
        const ev = {
          ts: r.ts,
          instance: own(instance),
          reqId: own(r.requestId),
          actions: meaning?.actions ?? null,
          state,
          mark: state === "Migration completed" ? "migration-end" : meaning?.mark ?? null,
          claimed: false
        };
        const st = this.inst(instance);
        if (informative) st.events.push(ev);
        if (r.ts > st.lastTs) st.lastTs = r.ts;
        if (r.requestId !== null) {
          const list2 = this.byReqId.get(r.requestId);
          if (list2 === void 0) this.byReqId.set(r.requestId, [ev]);
          else if (informative || list2[list2.length - 1].instance !== instance) list2.push(ev);
        }
        this.n.evidence++;
        if (firstSight && (ev.mark === "build-start" || ev.mark === "build-end"))
          this.fresh.push({ instance: ev.instance, ts: r.ts, reqId: ev.reqId });
      }
    }
    if (r.ts > this.computeWm) {
      this.computeWm = r.ts;
      this.drain(false);
    }
    this.maybeSweep();
  }
  /**
   * Say that a stream has ended (its time no longer holds decisions back), e.g. when one log file
   * is shorter than the other. @since 0.1.0
   */
  close(stream) {
    if (stream === "api") this.apiWm = Number.POSITIVE_INFINITY;
    else this.computeWm = Number.POSITIVE_INFINITY;
    this.drain(false);
  }
  /** Decide every request still waiting and emit it. @since 0.1.0 */
  end() {
    this.drain(true);
  }
  /**
   * End a run that a later run will continue (see the module notes, "Across runs"): decide and emit
   * every request that is settled or beyond the bounds, and return the rest of the state, for the
   * next run's constructor. The deriver can still be fed afterwards.
   *
   * @example
   * ```ts
   * const d = new ActionDeriver(options, emit, await loadCarried());
   * // … feed this run's new lines …
   * await saveCarried(d.suspend({ now: Date.now(), lagMs: 300_000 }));
   * ```
   * @since 0.2.0
   */
  suspend(options = {}) {
    const lag = positive("lagMs", options.lagMs, 3e5);
    const maxCarried = Math.floor(positive("maxCarried", options.maxCarried, 1e4));
    const now = options.now;
    if (now !== void 0 && Number.isFinite(now)) {
      const floor = now - lag;
      if (floor > this.apiWm) this.apiWm = floor;
      if (floor > this.computeWm) this.computeWm = floor;
    }
    this.drain(false);
    const p = this.pending;
    const keep = [];
    for (const req of p) {
      if (this.settled(req)) this.decide(req);
      else keep.push(req);
    }
    let k = 0;
    while (keep.length - k > maxCarried) {
      this.n.overflow++;
      this.decide(keep[k++]);
    }
    p.length = 0;
    for (let i = k; i < keep.length; i++) p.push(keep[i]);
    this.n.carried = p.length;
    this.sweep();
    return this.snapshot();
  }
  /** Counters so far. @since 0.1.0 */
  stats() {
    let heldEvents = 0;
    for (const st of this.insts.values()) heldEvents += st.events.length;
    return {
      ...this.n,
      pending: this.pending.length,
      heldEvents,
      heldInstances: this.insts.size,
      seenInstances: this.seen.size
    };
  }
  /**
   * Whether a request's row can no longer change (so `suspend` need not carry it): named by the
   * URL; nothing to wait for (no compute stream, or not Nova); or a `POST …/action` whose
   * compute messages carrying its request id already name one action.
   */
  settled(req) {
    const route = req.route;
    if (route.kind === "named" || this.mode !== "vm" || !this.expectCompute) return true;
    if (route.kind === "create" || req.requestId === null) return false;
    const byId = this.byReqId.get(req.requestId);
    if (byId === void 0) return false;
    const messages = byId.filter(
      (e) => e.instance === route.instance && e.state === null && e.actions !== null && this.inWindow(req, e.ts) && !e.claimed
    );
    if (messages.length === 0) return false;
    messages.sort(byTime);
    return intersect(messages)?.length === 1;
  }
  /** The state as {@link CarriedItem}s: requests and events once each, referred to by number. */
  snapshot() {
    const items = [];
    const wm = this.watermark();
    items.push({
      kind: "state",
      ts: finite(wm),
      instance: null,
      requestId: null,
      body: JSON.stringify({
        v: CARRY_VERSION,
        mode: this.mode,
        api: finite(this.apiWm),
        compute: finite(this.computeWm),
        seq: this.seq
      })
    });
    const flags = /* @__PURE__ */ new Map();
    const flag = (q) => {
      let f = flags.get(q);
      if (f === void 0) {
        f = { pending: false, indexed: false };
        flags.set(q, f);
      }
      return f;
    };
    for (const q of this.pending) flag(q).pending = true;
    for (const st of this.insts.values()) for (const q of st.reqs) flag(q);
    for (const q of this.reqIndex.values()) flag(q).indexed = true;
    for (const [q, f] of [...flags].sort((a, b) => a[0].seq - b[0].seq))
      items.push({
        kind: "request",
        ts: q.ts,
        instance: q.route.instance === "" ? null : q.route.instance,
        requestId: q.requestId,
        body: JSON.stringify({
          seq: q.seq,
          ts: q.ts,
          kind: q.route.kind,
          action: q.route.action,
          instance: q.route.instance,
          resource: q.route.resource,
          requestId: q.requestId,
          userId: q.userId,
          projectId: q.projectId,
          status: q.status,
          pending: f.pending,
          indexed: f.indexed
        })
      });
    const index = /* @__PURE__ */ new Map();
    const evs = [];
    const at = (e) => {
      let i = index.get(e);
      if (i === void 0) {
        i = evs.length;
        index.set(e, i);
        evs.push(e);
      }
      return i;
    };
    const rest = [];
    for (const [id, st] of this.insts)
      rest.push({
        kind: "instance",
        ts: finite(st.lastTs),
        instance: id,
        requestId: null,
        body: JSON.stringify({
          instance: id,
          created: finite(st.created),
          createClaimed: st.createClaimed,
          lastTs: finite(st.lastTs),
          events: st.events.map(at),
          reqs: st.reqs.map((q) => q.seq)
        })
      });
    for (const [rid, list2] of this.byReqId)
      rest.push({
        kind: "byid",
        ts: list2[list2.length - 1].ts,
        instance: null,
        requestId: rid,
        body: JSON.stringify({ requestId: rid, events: list2.map(at) })
      });
    for (let i = 0; i < evs.length; i++) {
      const e = evs[i];
      items.push({
        kind: "event",
        ts: e.ts,
        instance: e.instance,
        requestId: e.reqId,
        body: JSON.stringify({
          i,
          ts: e.ts,
          instance: e.instance,
          reqId: e.reqId,
          actions: e.actions,
          state: e.state,
          mark: e.mark,
          claimed: e.claimed
        })
      });
    }
    for (const x of rest) items.push(x);
    const forgotten = wm - this.seenRetentionMs;
    for (const [id, x] of this.seen)
      if (!(x.t < forgotten))
        items.push({
          kind: "seen",
          ts: x.t,
          instance: id,
          requestId: null,
          body: JSON.stringify({ instance: id, t: x.t })
        });
    for (const f of this.fresh)
      items.push({
        kind: "fresh",
        ts: f.ts,
        instance: f.instance,
        requestId: f.reqId,
        body: JSON.stringify({ instance: f.instance, ts: f.ts, reqId: f.reqId })
      });
    return items;
  }
  /** Rebuild the state {@link ActionDeriver.snapshot} wrote (constructor only). */
  restore(items) {
    const byKind = /* @__PURE__ */ new Map();
    for (const it of items) {
      let body;
      try {
        body = JSON.parse(it.body);
      } catch {
        bad(`a ${it.kind} item is not JSON`);
      }
      if (typeof body !== "object" || body === null || Array.isArray(body))
        bad(`a ${it.kind} item is not an object`);
      const list2 = byKind.get(it.kind);
      if (list2 === void 0) byKind.set(it.kind, [body]);
      else list2.push(body);
    }
    const states = byKind.get("state") ?? [];
    if (states.length !== 1) bad(`expected one state item, found ${states.length}`);
    const st0 = states[0];
    if (st0.v !== CARRY_VERSION) bad(`version ${String(st0.v)} (this fleetlens reads ${CARRY_VERSION})`);
    if (st0.mode !== this.mode) bad(`it was derived in mode ${String(st0.mode)}, not ${this.mode}`);
    this.apiWm = numOr(st0, "api", Number.NEGATIVE_INFINITY);
    this.computeWm = numOr(st0, "compute", Number.NEGATIVE_INFINITY);
    let seq = num(st0, "seq");
    const reqs = /* @__PURE__ */ new Map();
    const pending = [];
    for (const o of byKind.get("request") ?? []) {
      const kind = o.kind === "create" || o.kind === "action" || o.kind === "named" ? o.kind : bad("a request of unknown kind");
      const status = num(o, "status");
      const req2 = {
        ts: num(o, "ts"),
        seq: num(o, "seq"),
        route: { kind, action: str(o, "action"), instance: str(o, "instance"), resource: str(o, "resource") },
        requestId: strOrNull(o, "requestId"),
        userId: strOrNull(o, "userId"),
        projectId: strOrNull(o, "projectId"),
        status,
        failed: status >= 400
      };
      reqs.set(req2.seq, req2);
      if (req2.seq >= seq) seq = req2.seq + 1;
      if (o.pending === true) pending.push(req2);
      if (o.indexed === true && req2.requestId !== null) this.reqIndex.set(req2.requestId, req2);
    }
    this.seq = seq;
    pending.sort(compareReq);
    for (const q of pending) this.pending.push(q);
    this.n.resumed = pending.length;
    const evs = [];
    for (const o of byKind.get("event") ?? []) {
      const mark = o.mark ?? null;
      if (mark !== null && !MARKS.has(mark)) bad("an event with an unknown mark");
      evs[num(o, "i")] = {
        ts: num(o, "ts"),
        instance: str(o, "instance"),
        reqId: strOrNull(o, "reqId"),
        actions: o.actions === null ? null : strs(o, "actions"),
        state: strOrNull(o, "state"),
        mark,
        claimed: o.claimed === true
      };
    }
    const ev = (i) => typeof i === "number" && evs[i] !== void 0 ? evs[i] : bad("a missing event");
    const req = (q) => {
      const r = typeof q === "number" ? reqs.get(q) : void 0;
      return r ?? bad("a missing request");
    };
    for (const o of byKind.get("instance") ?? []) {
      this.insts.set(str(o, "instance"), {
        events: list(o, "events").map(ev),
        reqs: list(o, "reqs").map(req),
        created: numOr(o, "created", Number.NaN),
        createClaimed: o.createClaimed === true,
        lastTs: numOr(o, "lastTs", Number.NEGATIVE_INFINITY)
      });
    }
    for (const o of byKind.get("byid") ?? [])
      this.byReqId.set(str(o, "requestId"), list(o, "events").map(ev));
    for (const o of byKind.get("seen") ?? []) this.seen.set(str(o, "instance"), { t: num(o, "t") });
    for (const o of byKind.get("fresh") ?? [])
      this.fresh.push({ instance: str(o, "instance"), ts: num(o, "ts"), reqId: strOrNull(o, "reqId") });
  }
  advanceApi(ts) {
    if (ts > this.apiWm) {
      this.apiWm = ts;
      this.drain(false);
    } else if (this.pending.length > this.maxPending) this.drain(false);
    this.maybeSweep();
  }
  inst(instance) {
    let st = this.insts.get(instance);
    if (st === void 0) {
      st = {
        events: [],
        reqs: [],
        created: Number.NaN,
        createClaimed: false,
        lastTs: Number.NEGATIVE_INFINITY
      };
      this.insts.set(instance, st);
    }
    return st;
  }
  insertPending(req) {
    const p = this.pending;
    let i = p.length;
    while (i > 0 && compareReq(p[i - 1], req) > 0) i--;
    if (i === p.length) p.push(req);
    else p.splice(i, 0, req);
  }
  watermark() {
    return this.expectCompute ? Math.min(this.apiWm, this.computeWm) : this.apiWm;
  }
  drain(all) {
    const p = this.pending;
    if (p.length === 0) return;
    const wm = this.watermark();
    let k = 0;
    while (k < p.length) {
      const req = p[k];
      const due = all || req.ts + this.horizonMs <= wm;
      const forced = !due && p.length - k > this.maxPending;
      if (!due && !forced) break;
      if (forced) this.n.forced++;
      this.decide(req);
      k++;
    }
    if (k > 0) p.splice(0, k);
  }
  out(a) {
    if (this.lastEmitted !== null && compareActions(a, this.lastEmitted) < 0) this.n.late++;
    else this.lastEmitted = a;
    this.n.actions++;
    this.emit(a);
  }
  action(req, instance, action, derivation, candidates) {
    const a = {
      instance,
      action,
      ts: req.ts,
      requestId: req.requestId,
      userId: req.userId,
      projectId: req.projectId,
      status: req.status,
      derivation,
      resource: req.route.resource
    };
    if (candidates !== void 0) a.candidates = [...candidates];
    return a;
  }
  inWindow(req, ts) {
    return ts >= req.ts - this.jitterMs && ts <= req.ts + this.windowMs + this.jitterMs;
  }
  decide(req) {
    const route = req.route;
    if (route.kind === "named") {
      if (route.action === "delete" && this.mode === "vm" && !this.includeDelete) {
        this.n.withheldDeletes++;
        return;
      }
      this.out(this.action(req, route.instance, route.action, "request"));
      return;
    }
    if (route.kind === "create") {
      if (this.mode !== "vm") {
        this.out(this.action(req, "", "create", "request"));
        return;
      }
      const found = this.createInstances(req);
      if (found.length === 0) this.out(this.action(req, "", "create", "request"));
      for (const i of found) this.out(this.action(req, i, "create", "request"));
      return;
    }
    const instance = route.instance;
    const byId = req.requestId === null ? void 0 : this.byReqId.get(req.requestId);
    if (byId !== void 0) {
      const evs = byId.filter(
        (e) => e.instance === instance && informs(e) && this.inWindow(req, e.ts) && !e.claimed
      );
      evs.sort(byTime);
      const messages = evs.filter((e) => e.state === null);
      const named = messages.length > 0 ? intersect(messages) : lifecyclePattern(evs);
      if (named !== null) {
        for (const e of evs) e.claimed = true;
        this.name(req, instance, named, "request-id");
        return;
      }
    }
    if (!req.failed) {
      const evs = this.windowEvidence(req, instance);
      const messages = evs.filter((e) => e.state === null);
      const named = messages.length > 0 ? intersect(messages) : lifecyclePattern(evs);
      if (named !== null) {
        for (const e of evs) e.claimed = true;
        this.name(req, instance, named, "time-window");
        return;
      }
    }
    this.out(this.action(req, instance, "unknown", "time-window", SERVER_ACTIONS));
  }
  name(req, instance, actions, d) {
    if (actions.length === 1) this.out(this.action(req, instance, actions[0], d));
    else this.out(this.action(req, instance, "unknown", d, [...actions].sort()));
  }
  windowEvidence(req, instance) {
    const st = this.insts.get(instance);
    if (st === void 0) return [];
    const evs = [];
    const sorted = st.events.slice().sort(byTime);
    for (const e of sorted) {
      if (e.claimed || !this.inWindow(req, e.ts)) continue;
      if (!informs(e)) continue;
      if (e.reqId !== null) {
        const owner = this.reqIndex.get(e.reqId);
        if (owner !== void 0 && owner !== req && this.recent(owner.ts, req.ts)) continue;
      }
      if (e.state !== null && this.isNoise(st, sorted, e)) continue;
      const d = Math.abs(e.ts - req.ts);
      let nearer = false;
      for (const q of st.reqs) {
        if (q === req) continue;
        const dq = Math.abs(e.ts - q.ts);
        if (dq < d || dq === d && compareReq(q, req) < 0) {
          nearer = true;
          break;
        }
      }
      if (!nearer) evs.push(e);
    }
    return evs;
  }
  /**
   * Whether something at `ts` may be looked at by a decision about a request at `ref` (or an event
   * at `ref`): within what a sweep always keeps while that request is undecided (see sweep), so
   * that when sweeps happen never changes a decision (nor, so, where one run stopped and the next
   * began).
   */
  recent(ts, ref) {
    return ts >= ref - this.keepMs + 2 * this.jitterMs;
  }
  /**
   * A lifecycle event inside a build or migration span of its instance (events sorted). Spans that
   * began more than the sweep's look-back before the event are not looked at (see recent()).
   */
  isNoise(st, sorted, e) {
    const t = e.ts;
    const slack = this.slackMs;
    if (!Number.isNaN(st.created) && this.recent(st.created, t) && t >= st.created - this.jitterMs) {
      let end = st.created + this.windowMs + this.jitterMs;
      for (const x of sorted)
        if (x.mark === "build-end" && x.ts >= st.created - this.jitterMs) {
          end = x.ts;
          break;
        }
      if (t <= end + slack) return true;
    }
    let start = null;
    let cap = 0;
    for (const x of sorted) {
      const mark = x.mark;
      if (mark === null || !this.recent(x.ts, t)) continue;
      if (mark === "busy") {
        if (Math.abs(x.ts - t) <= slack) return true;
        continue;
      }
      if (start !== null && x.ts > cap + slack) {
        if (t >= start - slack && t <= cap) return true;
        start = null;
      }
      if (mark === "build-start" || mark === "migration-start") {
        if (start === null) {
          start = x.ts;
          cap = this.openSpanEnd(st, start);
        }
      } else if (start !== null) {
        if (t >= start - slack && t <= x.ts + slack) return true;
        start = null;
      }
    }
    return start !== null && t >= start - slack && t <= cap;
  }
  /** Where a span whose end is not logged stops: a window, or the instance's next request. */
  openSpanEnd(st, start) {
    let end = start + this.windowMs;
    for (const q of st.reqs)
      if (q.ts > start + this.jitterMs) {
        end = Math.min(end, q.ts - this.jitterMs);
        break;
      }
    return end;
  }
  createInstances(req) {
    const found = [];
    if (req.requestId !== null) {
      const evs = this.byReqId.get(req.requestId);
      if (evs !== void 0) {
        for (const e of evs)
          if (this.inWindow(req, e.ts) && !found.includes(e.instance)) {
            const st = this.inst(e.instance);
            if (st.createClaimed && this.recent(st.created, req.ts)) continue;
            found.push(e.instance);
          }
      }
    }
    if (found.length === 0 && !req.failed) {
      let best = null;
      for (const f of this.fresh) {
        if (!this.inWindow(req, f.ts)) continue;
        const claimed = this.insts.get(f.instance);
        if (claimed?.createClaimed && this.recent(claimed.created, req.ts)) continue;
        if (f.reqId !== null) {
          const owner = this.reqIndex.get(f.reqId);
          if (owner !== void 0 && owner !== req && this.recent(owner.ts, req.ts)) continue;
        }
        if (best === null || f.ts < best.ts || f.ts === best.ts && f.instance < best.instance) best = f;
      }
      if (best !== null) found.push(best.instance);
    }
    found.sort();
    for (const i of found) {
      const st = this.inst(i);
      st.createClaimed = true;
      st.created = req.ts;
    }
    return found;
  }
  maybeSweep() {
    if (++this.sinceSweep < 4096) {
      if ((this.sinceSweep & 63) !== 0) return;
      const wm = this.watermark();
      if (!(wm - this.lastSweepWm > this.horizonMs)) return;
    }
    this.sinceSweep = 0;
    this.sweep();
  }
  /** Forget what no undecided or future request can use. */
  sweep() {
    const wm = this.watermark();
    this.lastSweepWm = wm;
    const oldestPending = this.pending.length > 0 ? this.pending[0].ts : wm;
    const base = Math.min(wm, oldestPending);
    if (!Number.isFinite(base)) return;
    if (wm - this.lastSeenSweep >= this.seenRetentionMs / 16) {
      this.lastSeenSweep = wm;
      const forgotten = wm - this.seenRetentionMs;
      for (const [id, x] of this.seen) if (x.t < forgotten) this.seen.delete(id);
    }
    const cutoff = base - this.keepMs;
    for (const [id, st] of this.insts) {
      if (st.lastTs < cutoff && (st.reqs.length === 0 || st.reqs[st.reqs.length - 1].ts < cutoff)) {
        this.insts.delete(id);
        continue;
      }
      if (st.events.length > 0 && st.events[0].ts < cutoff)
        st.events = st.events.filter((e) => e.ts >= cutoff);
      if (st.reqs.length > 0 && st.reqs[0].ts < cutoff) st.reqs = st.reqs.filter((q) => q.ts >= cutoff);
    }
    for (const [id, evs] of this.byReqId) if (evs[evs.length - 1].ts < cutoff) this.byReqId.delete(id);
    for (const [id, q] of this.reqIndex) if (q.ts < cutoff) this.reqIndex.delete(id);
    if (this.fresh.length > 0 && this.fresh[0].ts < cutoff)
      this.fresh = this.fresh.filter((f) => f.ts >= cutoff);
  }
};
var projectFromPath = (path) => {
  const segs = segmentsOf(path);
  const i = segs.indexOf("servers");
  if (i < 2) return null;
  const v = segs[i - 2];
  const p = segs[i - 1];
  return /^v2(\.\d+)?$/.test(v) ? p : null;
};
function* mergeByTime(a, b) {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  let ra = ia.next();
  let rb = ib.next();
  while (!ra.done || !rb.done) {
    const takeA = !ra.done && (rb.done || (ra.value.ts ?? Number.NEGATIVE_INFINITY) <= (rb.value.ts ?? Number.NEGATIVE_INFINITY));
    if (takeA) {
      yield { side: 0, record: ra.value };
      ra = ia.next();
    } else {
      yield { side: 1, record: rb.value };
      rb = ib.next();
    }
  }
}
var deriveActions = (apiRecords, computeRecords = [], options = {}) => {
  const out = [];
  const d = new ActionDeriver(options, (a) => out.push(a));
  for (const x of mergeByTime(apiRecords, computeRecords)) {
    if (x.side === 0) d.api(x.record);
    else d.compute(x.record);
  }
  d.end();
  return out.sort(compareActions);
};
var Parse_exports = {};
__export(Parse_exports, {
  MAX_ERRORS: () => MAX_ERRORS,
  addStats: () => addStats,
  countingEmit: () => countingEmit,
  emptyStats: () => emptyStats,
  lineParser: () => lineParser,
  parseAll: () => parseAll,
  parseStream: () => parseStream,
  parseStreamAll: () => parseStreamAll
});
var MAX_ERRORS = 20;
var emptyStats = () => ({
  lines: 0,
  records: 0,
  skipped: 0,
  ignored: 0,
  ignoredBy: {},
  inferred: {},
  errors: []
});
var countingEmit = (stats, onRecord, onSkip) => ({
  record(r) {
    stats.lines++;
    stats.records++;
    onRecord(r);
  },
  skip(line2, reason, offset) {
    stats.lines++;
    stats.skipped++;
    const s = offset === void 0 ? { line: line2, reason } : { line: line2, offset, reason };
    if (stats.errors.length < MAX_ERRORS) stats.errors.push(s);
    onSkip?.(s);
  },
  ignore(_line, why) {
    stats.lines++;
    stats.ignored++;
    stats.ignoredBy[why] = (stats.ignoredBy[why] ?? 0) + 1;
  },
  infer(key, value2) {
    stats.inferred[key] = value2;
  }
});
var addStats = (a, b) => {
  const ignoredBy = { ...a.ignoredBy };
  for (const [k, v] of Object.entries(b.ignoredBy)) ignoredBy[k] = (ignoredBy[k] ?? 0) + v;
  return {
    lines: a.lines + b.lines,
    records: a.records + b.records,
    skipped: a.skipped + b.skipped,
    ignored: a.ignored + b.ignored,
    ignoredBy,
    inferred: { ...a.inferred, ...b.inferred },
    errors: [...a.errors, ...b.errors].slice(0, MAX_ERRORS)
  };
};
var lineParser = (make) => {
  return (emit, options) => {
    const handler = make(emit, options);
    const max = options.maxLineLength ?? DEFAULT_MAX_LINE;
    const splitter = new LineSplitter((text, no, tooLong) => {
      if (tooLong) emit.skip(no, `line longer than ${max} characters`);
      else handler.line(text, no);
    }, max);
    return {
      push: (chunk) => splitter.push(chunk),
      end: () => {
        splitter.end();
        handler.end?.(splitter.lineNo);
      }
    };
  };
};
var parseAll = (factory, input2, options) => {
  const records = [];
  const skips = [];
  const stats = emptyStats();
  const p = factory(
    countingEmit(
      stats,
      (r) => records.push(r),
      (s) => skips.push(s)
    ),
    options
  );
  p.push(input2);
  p.end();
  return { records, skips, stats };
};
async function* parseStream(factory, input2, options, stats = emptyStats(), onSkip) {
  let batch = [];
  const p = factory(
    countingEmit(stats, (r) => batch.push(r), onSkip),
    options
  );
  for await (const chunk of input2) {
    p.push(chunk);
    if (batch.length > 0) {
      const out = batch;
      batch = [];
      yield out;
    }
  }
  p.end();
  if (batch.length > 0) yield batch;
}
var parseStreamAll = async (factory, input2, options) => {
  const records = [];
  const skips = [];
  const stats = emptyStats();
  for await (const batch of parseStream(factory, input2, options, stats, (s) => skips.push(s))) {
    for (const r of batch) records.push(r);
  }
  return { records, skips, stats };
};

// ../../packages/parsers/dist/chunk-CPSKS525.js
var __defProp2 = Object.defineProperty;
var __export2 = (target, all) => {
  for (var name in all)
    __defProp2(target, name, { get: all[name], enumerable: true });
};
var KINDS = [
  "wtmp",
  "last",
  "tcpdump",
  "pcap",
  "ss",
  "proc-net-tcp",
  "flexlm-log",
  "lmstat",
  "flexlm-license",
  "logwatch",
  "dhcpd-conf",
  "dhcpd-leases",
  "cisco-mac-table",
  "cisco-int-desc",
  "inventory",
  "openstack",
  "snmpwalk",
  "procfs"
];
var isKind = (k) => KINDS.includes(k);

// ../../packages/parsers/dist/index.js
var import_module = require("module");
var cisco_int_desc_exports = {};
__export2(cisco_int_desc_exports, {
  info: () => info,
  interfaceDescriptionParser: () => interfaceDescriptionParser,
  parseInterfaceDescriptions: () => parseInterfaceDescriptions,
  parser: () => parser,
  renderInterfaceDescriptions: () => renderInterfaceDescriptions,
  sniff: () => sniff
});
var info = {
  kind: "cisco-int-desc",
  description: "Cisco IOS `show interfaces description` and NX-OS `show interface description` rows as InterfaceDescription records",
  record: "InterfaceDescription",
  binary: false,
  variants: [
    "IOS / IOS-XE: Interface Status Protocol Description in fixed columns from the header",
    "status `admin down` (with a space), deleted, reset, `(\u2026)` suffixes; descriptions with spaces or empty",
    "rows pushed out of the columns by long interface names (read by words)",
    "exec-timestamp banners (Load for \u2026, Time source is \u2026), prompt lines give the switch name",
    "NX-OS: `Interface Description` and `Port Type Speed Description` sections between dash lines; no status/protocol (null), `--` for none"
  ],
  options: []
};
var decoder = new TextDecoder("utf-8");
var sniff = (head) => {
  const text = decoder.decode(head.subarray(0, 16384));
  if (/^Interface\s+Status\s+Protocol\s+Description/m.test(text)) return 0.95;
  if (/^Port[ \t]+Type[ \t]+Speed[ \t]+Description[ \t]*\r?$/m.test(text)) return 0.95;
  if (/^-{20,}[ \t]*\r?\nInterface[ \t]+Description[ \t]*\r?$/m.test(text)) return 0.9;
  const rows = text.match(/^[A-Z][A-Za-z-]*\d\S*\s+(?:up|down|admin down|deleted|reset)\s+(?:up|down)\b/gm);
  return rows !== null && rows.length >= 2 ? 0.6 : 0;
};
var WORD = 0;
var STRING = 1;
var LBRACE = 2;
var RBRACE = 3;
var SEMI = 4;
var COMMA = 5;
var EQUALS = 6;
var isPunct = (c) => c === 123 || c === 125 || c === 59 || c === 44 || c === 61 || c === 34 || c === 35;
var Lexer = class {
  /** Bound on a string's length (longer: truncated, `truncated` set). */
  constructor(maxString = 1 << 16) {
    this.maxString = maxString;
  }
  maxString;
  /** Inside a quoted string that began on an earlier line. */
  inString = false;
  str = "";
  truncated = false;
  line(t, onToken) {
    const n = t.length;
    let i = 0;
    let held = 0;
    if (this.inString) {
      held = 2;
      this.addStr("\n");
      i = this.stringBody(t, 0, onToken);
    }
    while (i < n) {
      const c = t.charCodeAt(i);
      if (c === 32 || c === 9 || c === 13 || c === 12 || c === 11) {
        i++;
        continue;
      }
      if (c === 35) {
        if (held === 0) held = 1;
        break;
      }
      held = 2;
      if (c === 34) {
        this.inString = true;
        this.str = "";
        i = this.stringBody(t, i + 1, onToken);
        continue;
      }
      if (c === 123) onToken(LBRACE, "{");
      else if (c === 125) onToken(RBRACE, "}");
      else if (c === 59) onToken(SEMI, ";");
      else if (c === 44) onToken(COMMA, ",");
      else if (c === 61) onToken(EQUALS, "=");
      else {
        let j = i + 1;
        while (j < n) {
          const d = t.charCodeAt(j);
          if (d === 32 || d === 9 || d === 13 || isPunct(d)) break;
          j++;
        }
        onToken(WORD, t.slice(i, j));
        i = j;
        continue;
      }
      i++;
    }
    return held;
  }
  addStr(s) {
    if (this.str.length + s.length > this.maxString) {
      this.truncated = true;
      return;
    }
    this.str += s;
  }
  /** Reads string text from `i` to the closing quote (or the end of the line); returns the index after. */
  stringBody(t, i, onToken) {
    const n = t.length;
    let run2 = i;
    while (i < n) {
      const c = t.charCodeAt(i);
      if (c === 34) {
        this.addStr(t.slice(run2, i));
        this.inString = false;
        onToken(STRING, this.str);
        this.str = "";
        return i + 1;
      }
      if (c === 92) {
        this.addStr(t.slice(run2, i));
        i++;
        if (i >= n) {
          run2 = i;
          break;
        }
        const e = t.charCodeAt(i);
        if (e >= 48 && e <= 55) {
          let v = 0;
          let k = 0;
          while (k < 3 && i < n) {
            const d = t.charCodeAt(i) - 48;
            if (d < 0 || d > 7) break;
            v = v * 8 + d;
            i++;
            k++;
          }
          this.addStr(String.fromCharCode(v & 255));
        } else if (e === 120) {
          let v = 0;
          let k = 0;
          i++;
          while (k < 2 && i < n) {
            const d = hexValue(t.charCodeAt(i));
            if (d < 0) break;
            v = v * 16 + d;
            i++;
            k++;
          }
          this.addStr(k === 0 ? "x" : String.fromCharCode(v));
        } else {
          this.addStr(e === 116 ? "	" : e === 110 ? "\n" : e === 114 ? "\r" : e === 98 ? "\b" : t[i]);
          i++;
        }
        run2 = i;
        continue;
      }
      i++;
    }
    this.addStr(t.slice(run2, n));
    return n;
  }
};
var hexValue = (c) => c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
var joinTokens = (ts, from) => {
  let s = "";
  for (let k = from; k < ts.length; k++) {
    const tk = ts[k];
    if (tk.type === COMMA) s += ",";
    else s += s.length === 0 ? tk.value : ` ${tk.value}`;
  }
  return s;
};
var dhcpdMac = (s) => {
  const n = s.length;
  if (n < 11 || n > 17) return void 0;
  let out = "";
  let digits = 0;
  let v = "";
  let parts = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? s.charCodeAt(i) : 58;
    if (c === 58) {
      if (digits === 0) return void 0;
      out += parts === 0 ? "" : ":";
      out += digits === 1 ? `0${v}` : v;
      parts++;
      digits = 0;
      v = "";
      continue;
    }
    if (hexValue(c) < 0 || digits === 2) return void 0;
    v += String.fromCharCode(c >= 65 && c <= 70 ? c + 32 : c);
    digits++;
  }
  return parts === 6 ? out : void 0;
};
var LineAccount = class {
  constructor(emit) {
    this.emit = emit;
  }
  emit;
  recs = [];
  err = "";
  why = "";
  held = false;
  heldNo = 0;
  heldRecs = [];
  heldErr = "";
  heldWhy = "";
  /** Records emitted beyond one per line. */
  overflow = 0;
  record(r) {
    this.recs.push(r);
  }
  /** The line's first error wins. */
  error(reason) {
    if (this.err === "") this.err = reason;
  }
  /** The line's ignore reason: the first one set wins. */
  reason(why) {
    if (this.why === "") this.why = why;
  }
  /** Closes the current line (number `no`): emits the previous one and holds this one. */
  close(no, fallback) {
    this.flushHeld();
    this.held = true;
    this.heldNo = no;
    this.heldRecs = this.recs;
    this.heldErr = this.err;
    this.heldWhy = this.why === "" ? fallback : this.why;
    this.recs = [];
    this.err = "";
    this.why = "";
  }
  /** Emits the held line; with `endError`, a line without a record becomes that skip. */
  finish(endError) {
    if (endError !== "" && this.held && this.heldRecs.length === 0 && this.heldErr === "")
      this.heldErr = endError;
    this.flushHeld();
  }
  flushHeld() {
    if (!this.held) return;
    this.held = false;
    const rs = this.heldRecs;
    if (rs.length > 0) {
      for (const r of rs) this.emit.record(r);
      this.overflow += rs.length - 1;
    } else if (this.heldErr !== "") this.emit.skip(this.heldNo, this.heldErr);
    else this.emit.ignore(this.heldNo, this.heldWhy);
    this.heldRecs = [];
  }
};
var tok = { s: 0, e: 0 };
var nextToken = (t, i) => {
  const n = t.length;
  let p = i;
  while (p < n) {
    const c = t.charCodeAt(p);
    if (c !== 32 && c !== 9) break;
    p++;
  }
  if (p >= n) return false;
  tok.s = p;
  while (p < n) {
    const c = t.charCodeAt(p);
    if (c === 32 || c === 9) break;
    p++;
  }
  tok.e = p;
  return true;
};
var decimal = (t, s, e) => {
  if (e <= s || e - s > 15) return -1;
  let v = 0;
  for (let i = s; i < e; i++) {
    const d = t.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
};
var EXTRA_COLUMNS = { ios: 0, cat6k: 2, catos: 1, nxos: 3, xl: 0 };
var ciscoMac = (t, s = 0, e = t.length) => {
  if (e - s !== 14 || t.charCodeAt(s + 4) !== 46 || t.charCodeAt(s + 9) !== 46) return void 0;
  let upper = false;
  for (let i = s; i < e; i++) {
    if (i === s + 4 || i === s + 9) continue;
    const c = t.charCodeAt(i);
    if (hexValue(c) < 0) return void 0;
    if (c <= 70 && c >= 65) upper = true;
  }
  const m2 = `${t.slice(s, s + 2)}:${t.slice(s + 2, s + 4)}:${t.slice(s + 5, s + 7)}:${t.slice(s + 7, s + 9)}:${t.slice(s + 10, s + 12)}:${t.slice(s + 12, s + 14)}`;
  return upper ? m2.toLowerCase() : m2;
};
var promptSwitch = (t) => {
  const m2 = /^([A-Za-z0-9][A-Za-z0-9_.\-/:()]*)[#>]\s*(?:sh(?:ow?)?\s|term|$)/.exec(t);
  return m2 ? m2[1] : void 0;
};
var headerLayout = (lower) => {
  if (lower.includes("destination address") && lower.includes("destination port")) return "xl";
  if (!lower.includes("mac address") || !lower.includes("type")) return void 0;
  if (lower.includes("secure") && lower.includes("ntfy")) return "nxos";
  if (lower.includes("learn")) return "cat6k";
  if (lower.includes("protocols")) return "catos";
  if (lower.includes("age") && lower.includes("ports")) return "nxos";
  if (lower.includes("vlan") && (lower.includes("ports") || lower.includes("port"))) return "ios";
  return void 0;
};
var isSeparator = (t) => {
  let dash2 = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 45) dash2 = true;
    else if (c !== 43 && c !== 32 && c !== 9) return false;
  }
  return dash2;
};
var guessLayout = (rest) => {
  if (rest.length >= 3 && (rest[0] === "Yes" || rest[0] === "No")) return "cat6k";
  if (rest.length >= 4 && /^[TF~]$/.test(rest[1]) && /^[TF~]$/.test(rest[2])) return "nxos";
  if (rest.length === 2 && /^[a-z]+(?:,[a-z]+)*$/.test(rest[0])) return "catos";
  return "ios";
};
var BANNERS = [
  "mac address table",
  "unicast entries",
  "multicast entries",
  "displaying entries from",
  "load for ",
  "time source is",
  "non-static address table",
  "static address table",
  "number of ",
  "dynamic address count"
];
var macTableParser = lineParser((emit, options) => {
  let sw = options.switch ?? null;
  let layout;
  let legend = false;
  let pending = null;
  let pendingWrap = false;
  const flush = () => {
    if (pending !== null) emit.record(pending);
    pending = null;
  };
  const words = [];
  const row = (t, no) => {
    words.length = 0;
    let i = 0;
    let macAt = -1;
    let mac;
    while (nextToken(t, i)) {
      i = tok.e;
      if (macAt < 0) {
        mac = ciscoMac(t, tok.s, tok.e);
        if (mac !== void 0) macAt = words.length;
      }
      words.push(t.slice(tok.s, tok.e));
      if (words.length > 64) break;
    }
    if (macAt < 0 || mac === void 0) return false;
    let vlan;
    let type;
    let port;
    const lay = layout;
    if (lay === "xl" || lay === void 0 && macAt === 0) {
      if (words.length < 4) {
        flush();
        emit.skip(no, "row without a port");
        return true;
      }
      type = words[1];
      vlan = words[2];
      port = words.slice(3).join(" ");
    } else {
      if (macAt === 0 || words.length < macAt + 3) {
        flush();
        emit.skip(no, macAt === 0 ? "row without a VLAN" : "row without a port");
        return true;
      }
      vlan = words[macAt - 1];
      type = words[macAt + 1];
      const from = macAt + 2;
      const extra = EXTRA_COLUMNS[lay ?? guessLayout(words.slice(from))];
      if (words.length - from <= extra) {
        flush();
        emit.skip(no, "row without a port");
        return true;
      }
      port = words.length === from + extra + 1 ? words[from + extra] : words.slice(from + extra).join(" ");
    }
    if (vlan === "-" || vlan === "---" || vlan === "N/A") vlan = null;
    flush();
    pending = { vlan, mac, type, port, switch: sw };
    pendingWrap = port.endsWith(",");
    return true;
  };
  return {
    line(t, no) {
      const c0 = t.charCodeAt(0);
      if (!nextToken(t, 0)) {
        flush();
        return emit.ignore(no, "blank");
      }
      if (pending !== null && (c0 === 32 || c0 === 9) && tok.s >= 20 && (pendingWrap || t.indexOf(",") > 0)) {
        const more = t.trim();
        if (ciscoMac(more.split(/\s+/)[0] ?? "") === void 0 && !more.includes(" ")) {
          const p4 = pending;
          pending = { ...p4, port: pendingWrap ? `${p4.port}${more}` : `${p4.port},${more}` };
          pendingWrap = more.endsWith(",");
          return emit.ignore(no, "continuation");
        }
      }
      if (row(t, no)) {
        legend = false;
        return;
      }
      flush();
      const lower = t.toLowerCase().trim();
      const lay = headerLayout(lower);
      if (lay !== void 0) {
        layout = lay;
        legend = false;
        return emit.ignore(no, "header");
      }
      if (isSeparator(t)) return emit.ignore(no, "separator");
      if (lower.startsWith("total mac address") || lower.startsWith("total mac addresses")) {
        return emit.ignore(no, "total");
      }
      if (lower.startsWith("legend") || lower.startsWith("codes:")) {
        legend = true;
        return emit.ignore(no, "legend");
      }
      if (legend && (c0 === 32 || c0 === 9 || lower.includes(" - "))) return emit.ignore(no, "legend");
      const p = promptSwitch(t.trim());
      if (p !== void 0) {
        if (options.switch === void 0 && sw !== p) {
          sw = p;
          emit.infer("switch", `${p} from the prompt line`);
        }
        return emit.ignore(no, "prompt");
      }
      for (const b of BANNERS) if (lower.startsWith(b)) return emit.ignore(no, "banner");
      emit.skip(no, "not a MAC table row");
    },
    end() {
      flush();
    }
  };
});
var parseMacTable = (input2, options = {}) => parseAll(macTableParser, input2, options);
var DEFAULT_COLUMNS = [31, 46, 55];
var NXOS_PORT_COLUMNS = [14, 21, 29];
var isDashes = (t) => {
  let dashes = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 45) dashes++;
    else if (c !== 32 && c !== 9) return false;
  }
  return dashes >= 3;
};
var oneWord = (s) => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9) return false;
  }
  return true;
};
var nxField = (s) => s === "" || s === "--" ? null : s;
var nxDescription = (s) => s === "--" ? "" : s;
var STATUS_WORDS = /* @__PURE__ */ new Set(["up", "down", "admin", "deleted", "reset", "testing", "dormant", "notPresent"]);
var PROTOCOL_WORDS = /* @__PURE__ */ new Set([
  "up",
  "down",
  "testing",
  "dormant",
  "notPresent",
  "unknown",
  "lowerLayerDown"
]);
var parenSuffix = (t, i) => {
  if (!nextToken(t, i) || t.charCodeAt(tok.s) !== 40) return -1;
  const close = t.indexOf(")", tok.s);
  return close < 0 ? -1 : close + 1;
};
var byTokens = (t) => {
  if (!nextToken(t, 0)) return void 0;
  const port = t.slice(tok.s, tok.e);
  if (!nextToken(t, tok.e)) return void 0;
  let w = t.slice(tok.s, tok.e);
  if (!STATUS_WORDS.has(w)) return void 0;
  const sS = tok.s;
  let sE = tok.e;
  if (w === "admin") {
    if (!nextToken(t, tok.e) || t.slice(tok.s, tok.e) !== "down") return void 0;
    sE = tok.e;
  }
  const ps = parenSuffix(t, sE);
  if (ps > 0) sE = ps;
  const status = t.slice(sS, sE);
  if (!nextToken(t, sE)) return void 0;
  w = t.slice(tok.s, tok.e);
  if (!PROTOCOL_WORDS.has(w)) return void 0;
  sE = tok.e;
  const protocol = w;
  const description = nextToken(t, sE) ? t.slice(tok.s).trimEnd() : "";
  return { port, status, protocol, description };
};
var interfaceDescriptionParser = lineParser((emit, options) => {
  let sw = options.switch ?? null;
  let cols = DEFAULT_COLUMNS;
  let section = "ios";
  let nxCols = NXOS_PORT_COLUMNS;
  const byColumns = (t) => {
    const [cs, cp, cd] = cols;
    if (t.length <= cs) return void 0;
    const before = t.charCodeAt(cs - 1);
    const at = t.charCodeAt(cs);
    if (before !== 32 && before !== 9 || at === 32) return void 0;
    const port = t.slice(0, cs).trim();
    const status = t.slice(cs, cp).trim();
    if (port === "" || port.includes(" ") || !STATUS_WORDS.has(status.split(" ")[0])) return void 0;
    if (t.length > cp && t.charCodeAt(cp - 1) !== 32) return void 0;
    const protocol = t.slice(cp, cd).trim();
    if (!PROTOCOL_WORDS.has(protocol.split(" ")[0])) return void 0;
    if (t.length > cd && t.charCodeAt(cd - 1) !== 32) return void 0;
    const description = t.length > cd ? t.slice(cd).trim() : "";
    return { port, status, protocol, description, switch: sw };
  };
  const nxInterface = (t) => {
    if (!nextToken(t, 0)) return void 0;
    const port = t.slice(tok.s, tok.e);
    const description = nextToken(t, tok.e) ? nxDescription(t.slice(tok.s).trimEnd()) : "";
    return { port, status: null, protocol: null, description, switch: sw };
  };
  const nxPort = (t) => {
    const [ct, cs, cd] = nxCols;
    const gap = (at) => {
      if (t.length <= at) return true;
      const c = t.charCodeAt(at - 1);
      return c === 32 || c === 9;
    };
    if (t.length > ct && gap(ct) && gap(cs) && gap(cd)) {
      const port2 = t.slice(0, ct).trim();
      const type2 = t.slice(ct, cs).trim();
      const speed2 = t.slice(cs, cd).trim();
      if (port2 !== "" && oneWord(port2) && oneWord(type2) && oneWord(speed2) && (type2 !== "" || speed2 !== "")) {
        return nxRow(port2, type2, speed2, t.length > cd ? nxDescription(t.slice(cd).trim()) : "");
      }
    }
    if (!nextToken(t, 0)) return void 0;
    const port = t.slice(tok.s, tok.e);
    if (!nextToken(t, tok.e)) return void 0;
    const type = t.slice(tok.s, tok.e);
    if (!nextToken(t, tok.e)) return void 0;
    const speed = t.slice(tok.s, tok.e);
    return nxRow(port, type, speed, nextToken(t, tok.e) ? nxDescription(t.slice(tok.s).trimEnd()) : "");
  };
  const nxRow = (port, type, speed, description) => ({
    port,
    status: null,
    protocol: null,
    description,
    switch: sw,
    type: nxField(type),
    speed: nxField(speed)
  });
  const header2 = (t) => {
    const c0 = t.charCodeAt(0);
    if (c0 !== 73 && c0 !== 80) return false;
    if (t.startsWith("Interface") && t.includes("Status") && t.includes("Protocol")) {
      const cs = t.indexOf("Status");
      const cp = t.indexOf("Protocol", cs);
      const cd = t.indexOf("Description", cp);
      if (cs > 0 && cp > cs) cols = [cs, cp, cd > cp ? cd : Math.max(cp + 9, t.length + 1)];
      section = "ios";
      return true;
    }
    if (/^Interface[ \t]+Description\s*$/.test(t)) {
      section = "nxos-interface";
      return true;
    }
    if (/^Port[ \t]+Type[ \t]+Speed[ \t]+Description\s*$/.test(t)) {
      nxCols = [t.indexOf("Type"), t.indexOf("Speed"), t.indexOf("Description")];
      section = "nxos-port";
      return true;
    }
    return false;
  };
  const bannerOrPrompt = (t, no) => {
    const trimmed = t.trim();
    const lower = trimmed.toLowerCase();
    if (lower.startsWith("load for ") || lower.startsWith("time source is")) {
      emit.ignore(no, "banner");
      return true;
    }
    const p = promptSwitch(trimmed);
    if (p === void 0) return false;
    if (options.switch === void 0 && sw !== p) {
      sw = p;
      emit.infer("switch", `${p} from the prompt line`);
    }
    emit.ignore(no, "prompt");
    return true;
  };
  return {
    line(t, no) {
      if (!nextToken(t, 0)) return emit.ignore(no, "blank");
      if (header2(t)) return emit.ignore(no, "header");
      if (isDashes(t)) return emit.ignore(no, "separator");
      if (section !== "ios") {
        if (bannerOrPrompt(t, no)) return;
        const n = section === "nxos-port" ? nxPort(t) : nxInterface(t);
        if (n !== void 0) return emit.record(n);
        return emit.skip(no, "not an NX-OS interface row (port, type, speed, description)");
      }
      const r = byColumns(t);
      if (r !== void 0) return emit.record(r);
      const k = byTokens(t);
      if (k !== void 0) return emit.record({ ...k, switch: sw });
      if (bannerOrPrompt(t, no)) return;
      emit.skip(no, "not an interface row");
    }
  };
});
var parseInterfaceDescriptions = (input2, options = {}) => parseAll(interfaceDescriptionParser, input2, options);
var DASHES = "-".repeat(79);
var NXOS_INTERFACE_HEADER = "Interface                Description".padEnd(80);
var NXOS_PORT_HEADER = "Port          Type   Speed   Description";
var cell = (s, width) => s.length >= width ? `${s} ` : s.padEnd(width);
var renderNxos = (rows) => {
  let out = "";
  let open = null;
  for (const r of rows) {
    const section = r.type !== void 0 || r.speed !== void 0 ? "port" : "interface";
    if (section !== open) {
      const head = section === "port" ? NXOS_PORT_HEADER : NXOS_INTERFACE_HEADER;
      out += `
${DASHES}
${head}
${DASHES}
`;
      open = section;
    }
    const description = r.description === "" ? "--" : r.description;
    if (section === "port")
      out += `${cell(r.port, 14)}${cell(r.type ?? "--", 7)}${cell(r.speed ?? "--", 8)}${description}
`;
    else out += `${cell(r.port, 25)}${description}
`;
  }
  return out;
};
var renderInterfaceDescriptions = (rows, options = {}) => {
  if (options.layout === "nxos") return renderNxos(rows);
  let out = options.header === false ? "" : "Interface                      Status         Protocol Description\n";
  for (const r of rows) {
    const port = r.port.length >= 31 ? `${r.port} ` : r.port.padEnd(31);
    out += `${port}${(r.status ?? "").padEnd(14)} ${(r.protocol ?? "").padEnd(8)} ${r.description}`.trimEnd() + "\n";
  }
  return out;
};
var parser = {
  info,
  create: interfaceDescriptionParser,
  sniff
};
var cisco_mac_table_exports = {};
__export2(cisco_mac_table_exports, {
  ciscoMac: () => ciscoMac,
  dottedMac: () => dottedMac,
  info: () => info2,
  macTableParser: () => macTableParser,
  parseMacTable: () => parseMacTable,
  parser: () => parser2,
  promptSwitch: () => promptSwitch,
  renderMacTable: () => renderMacTable,
  sniff: () => sniff2
});
var info2 = {
  kind: "cisco-mac-table",
  description: "Cisco `show mac address-table` (IOS, NX-OS) rows as MacTableEntry records",
  record: "MacTableEntry",
  binary: false,
  variants: [
    "Catalyst 2960/3560/3750/9k: Vlan Mac Address Type Ports (All for CPU entries, CRLF, trailing spaces)",
    "Catalyst 6500/4500: flags, learn and age columns, port lists wrapped onto indented lines",
    "Catalyst 4000 CatIOS: protocols column, Unicast/Multicast Entries sections",
    "2900XL show mac-address-table: Destination Address Address Type VLAN Destination Port",
    "NX-OS: legend, * / G / + flags, age Secure NTFY columns, vPC Peer-Link",
    "prompt lines give the switch name"
  ],
  options: []
};
var decoder2 = new TextDecoder("utf-8");
var ROW = /^[\s*RSDG+]*(?:\d{1,4}|All|-)\s+[0-9a-fA-F]{4}\.[0-9a-fA-F]{4}\.[0-9a-fA-F]{4}\s+\S+/m;
var sniff2 = (head) => {
  const text = decoder2.decode(head.subarray(0, 16384));
  const hdr = /mac address\s+type|destination address\s+address type/i.test(text);
  const row = ROW.test(text) || /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}\s+\w+\s+\d+\s+\S/im.test(text);
  if (hdr && row) return 0.95;
  if (row) return 0.7;
  return hdr ? 0.5 : 0;
};
var dottedMac = (mac) => {
  const h = mac.replaceAll(":", "");
  return `${h.slice(0, 4)}.${h.slice(4, 8)}.${h.slice(8, 12)}`;
};
var renderMacTable = (entries, options = {}) => {
  const header2 = options.header ?? true;
  let out = "";
  if ((options.layout ?? "ios") === "nxos") {
    if (header2) {
      out += "Legend: \n";
      out += "        * - primary entry, G - Gateway MAC, (R) - Routed MAC, O - Overlay MAC\n";
      out += "        age - seconds since last seen,+ - primary entry using vPC Peer-Link,\n";
      out += "        (T) - True, (F) - False, C - ControlPlane MAC, ~ - vsan\n";
      out += "   VLAN     MAC Address      Type      age     Secure NTFY Ports\n";
      out += "---------+-----------------+--------+---------+------+----+------------------\n";
    }
    for (const e of entries) {
      out += `*${(e.vlan ?? "-").padStart(5)}     ${dottedMac(e.mac)}   ${(e.type ?? "-").padEnd(8)} ${"0".padEnd(9)} F      F    ${e.port}
`;
    }
    return out;
  }
  if (header2) {
    out += "          Mac Address Table\n-------------------------------------------\n\n";
    out += "Vlan    Mac Address       Type        Ports\n----    -----------       --------    -----\n";
  }
  for (const e of entries) {
    out += `${(e.vlan ?? "-").padStart(4)}    ${dottedMac(e.mac)}    ${(e.type ?? "-").padEnd(11)} ${e.port}
`;
  }
  if (header2) out += `Total Mac Addresses for this criterion: ${entries.length}
`;
  return out;
};
var parser2 = { info: info2, create: macTableParser, sniff: sniff2 };
var dhcpd_conf_exports = {};
__export2(dhcpd_conf_exports, {
  Lexer: () => Lexer,
  LineAccount: () => LineAccount,
  SCOPE_SEPARATOR: () => SCOPE_SEPARATOR,
  dhcpdConfParser: () => dhcpdConfParser,
  dhcpdMac: () => dhcpdMac,
  info: () => info3,
  parseDhcpdConf: () => parseDhcpdConf,
  parser: () => parser3,
  quoteDhcpd: () => quoteDhcpd,
  renderDhcpdConf: () => renderDhcpdConf,
  scopeHeader: () => scopeHeader,
  scopeLabel: () => scopeLabel,
  sniff: () => sniff3,
  vlanFromFileName: () => vlanFromFileName
});
var info3 = {
  kind: "dhcpd-conf",
  description: "ISC dhcpd.conf host declarations (hardware ethernet, fixed-address, options) as DhcpHost records",
  record: "DhcpHost",
  binary: false,
  variants: [
    "isc-dhcp 4.x dhcpd.conf(5): host blocks at top level or nested in shared-network / subnet / subnet6 / group / pool / class / if blocks",
    "one file per VLAN (dhcpd-513.conf): the VLAN from options or the file name",
    "statements spanning lines, several on a line, # comments, quoted strings with escapes, braces and semicolons",
    "fixed-address lists and DNS names, fixed-address6, hardware token-ring / fddi",
    "include lines (not followed: reported)"
  ],
  options: ["file"]
};
var decoder3 = new TextDecoder("utf-8");
var HOST = /(?:^|[\s;{}])host\s+[A-Za-z0-9_.-]+\s*\{/;
var HARDWARE = /hardware\s+ethernet\s+[0-9a-fA-F]{1,2}(?::[0-9a-fA-F]{1,2}){5}\s*;/;
var SCOPE = /^\s*(?:subnet\s+\d+\.\d+\.\d+\.\d+\s+netmask|shared-network\s|option\s+domain-name|ddns-update-style|authoritative;|default-lease-time)/m;
var sniff3 = (head) => {
  const text = decoder3.decode(head.subarray(0, 16384));
  if (/^\s*lease\s+[0-9a-fA-F.:]+\s*\{/m.test(text)) return 0;
  if (HOST.test(text) && HARDWARE.test(text)) return 0.9;
  if (SCOPE.test(text)) return 0.6;
  return 0;
};
var SCOPE_SEPARATOR = " > ";
var MAX_TOKENS = 4096;
var MAX_DEPTH = 64;
var vlanFromFileName = (file) => {
  const base = file.slice(Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\")) + 1);
  const m2 = /^(?:dhcpd[-_.]?)?(?:vlan[-_.]?)?(\d{1,4})\.conf$/i.exec(base);
  if (!m2 || !/dhcpd|vlan/i.test(base)) return void 0;
  const v = Number(m2[1]);
  return v >= 1 && v <= 4094 ? String(v) : void 0;
};
var maskPrefix = (mask) => {
  const v = Net_exports.parseIpv4(mask);
  if (v < 0) return -1;
  const inv = ~v >>> 0;
  if ((inv & inv + 1) !== 0) return -1;
  return 32 - Math.log2(inv + 1);
};
var scopeLabel = (header2) => {
  const h0 = header2[0];
  if (h0 !== void 0 && h0.type === WORD && h0.value === "subnet" && header2.length === 4 && header2[2].value === "netmask") {
    const p = maskPrefix(header2[3].value);
    if (p >= 0) return `subnet ${header2[1].value}/${p}`;
  }
  return joinTokens(header2, 0);
};
var setOption = (o, k, v) => {
  const prev = o[k];
  o[k] = prev === void 0 ? v : `${prev}; ${v}`;
};
var dhcpdConfParser = lineParser((emit, options) => {
  let vlan = options.vlan;
  if (vlan === void 0 && options.file !== void 0) {
    vlan = vlanFromFileName(options.file);
    if (vlan !== void 0) emit.infer("vlan", `${vlan} from the file name ${options.file}`);
  }
  const acct = new LineAccount(emit);
  const lexer = new Lexer();
  const stack = [];
  let stmt = [];
  let dropping = false;
  let lineNo = 0;
  const includes = [];
  let hostsIn = 0;
  const scopeOf = () => {
    let s = "";
    for (const b of stack) {
      if (b.host !== null) break;
      s = s === "" ? b.label : `${s}${SCOPE_SEPARATOR}${b.label}`;
    }
    return s;
  };
  const hostStatement = (h, ts) => {
    const k = ts[0];
    const kw = k.value;
    if (k.type === WORD && kw === "hardware") {
      const type = ts[1]?.value ?? "";
      const addr = ts[2];
      const mac = addr && ts.length === 3 ? dhcpdMac(addr.value) : void 0;
      if (mac === void 0) {
        if (h.bad === "") h.bad = `bad hardware address "${joinTokens(ts, 2)}"`;
        return;
      }
      h.mac = mac;
      if (type !== "ethernet") h.options.hardware = type;
      return;
    }
    if (k.type === WORD && kw === "fixed-address") {
      for (let i = 1; i < ts.length; i++) {
        const t = ts[i];
        if (t.type === COMMA) continue;
        h.v4.push(Net_exports.isIp(t.value) ? Net_exports.canonicalIp(t.value) : t.value);
      }
      if (h.v4.length > 1) h.options["fixed-address"] = h.v4.join(", ");
      return;
    }
    if (k.type === WORD && kw === "fixed-address6") {
      const a = ts[1]?.value ?? "";
      h.v6 = Net_exports.isIp(a) ? Net_exports.canonicalIp(a) : a;
      setOption(h.options, "fixed-address6", h.v6);
      return;
    }
    if (k.type === WORD && kw === "option" && ts.length >= 2) {
      setOption(h.options, `option ${ts[1].value}`, joinTokens(ts, 2));
      return;
    }
    setOption(h.options, kw, joinTokens(ts, 1));
  };
  const statement = (ts) => {
    const top = stack[stack.length - 1];
    if (top?.host) {
      hostStatement(top.host, ts);
      return;
    }
    if (ts[0].type === WORD && ts[0].value === "include") {
      acct.reason("include");
      const f = ts[1]?.value ?? "";
      if (includes.length < 100) includes.push(f);
      emit.infer("include", `not followed (no file I/O): ${includes.join(", ")}`);
    }
  };
  const open = (ts) => {
    if (stack.length >= MAX_DEPTH) {
      acct.error(`blocks nested deeper than ${MAX_DEPTH}`);
      stack.push({ label: "", host: null });
      return;
    }
    const h0 = ts[0];
    const inHost = stack.some((b) => b.host !== null);
    if (h0 !== void 0 && h0.type === WORD && h0.value === "host" && !inHost) {
      const n = ts[1];
      let bad22 = "";
      if (n === void 0) bad22 = "host declaration without a name";
      else if (n.type !== WORD) bad22 = `quoted host name "${n.value}" (dhcpd expects a name)`;
      else if (ts.length > 2) bad22 = `unexpected "${ts[2].value}" after the host name`;
      hostsIn++;
      stack.push({
        label: "host",
        host: {
          name: n?.value ?? "",
          bad: bad22,
          line: lineNo,
          mac: null,
          v4: [],
          v6: null,
          options: {}
        }
      });
      return;
    }
    stack.push({ label: ts.length === 0 ? "{}" : scopeLabel(ts), host: null });
  };
  const close = () => {
    const b = stack.pop();
    if (b === void 0) {
      acct.error("unbalanced }");
      return;
    }
    const h = b.host;
    if (h === null) return;
    hostsIn--;
    if (h.bad !== "") {
      acct.error(`host ${h.name}: ${h.bad}`);
      return;
    }
    const opts = h.options;
    if (vlan !== void 0 && opts.vlan === void 0) opts.vlan = vlan;
    acct.record({
      name: h.name,
      mac: h.mac,
      ip: h.v4[0] ?? h.v6,
      scope: scopeOf(),
      options: opts
    });
  };
  const onToken = (type, value2) => {
    if (type === SEMI) {
      if (!dropping && stmt.length > 0) statement(stmt);
      stmt = [];
      dropping = false;
      return;
    }
    if (type === LBRACE) {
      open(dropping ? [] : stmt);
      stmt = [];
      dropping = false;
      return;
    }
    if (type === RBRACE) {
      if (!dropping && stmt.length > 0) statement(stmt);
      stmt = [];
      dropping = false;
      close();
      return;
    }
    if (dropping) return;
    if (stmt.length >= MAX_TOKENS) {
      acct.error(`statement longer than ${MAX_TOKENS} tokens`);
      dropping = true;
      stmt = [];
      return;
    }
    stmt.push({ type, value: value2 });
  };
  return {
    line(t, no) {
      lineNo = no;
      const held = lexer.line(t, onToken);
      if (lexer.truncated) {
        lexer.truncated = false;
        acct.error("string longer than 65536 characters (truncated)");
      }
      acct.close(no, held === 0 ? "blank" : held === 1 ? "comment" : "declaration");
    },
    end() {
      let err = "";
      if (lexer.inString) err = "end of input inside a quoted string";
      else if (hostsIn > 0) {
        const h = stack.find((b) => b.host !== null).host;
        err = `end of input inside host ${h.name} (opened on line ${h.line})`;
      } else if (stack.length > 0) err = `end of input inside ${stack[stack.length - 1].label} (missing })`;
      else if (stmt.length > 0 && !dropping) err = "end of input inside a statement (missing ;)";
      acct.finish(err);
      if (acct.overflow > 0)
        emit.infer(
          "overflow",
          `${acct.overflow} host(s) closed on a line that already closed one: counted as extra lines`
        );
    }
  };
});
var parseDhcpdConf = (input2, options = {}) => parseAll(dhcpdConfParser, input2, options);
var STRING_KEYS = /* @__PURE__ */ new Set([
  "option host-name",
  "option domain-name",
  "option domain-search",
  "option root-path",
  "option tftp-server-name",
  "option bootfile-name",
  "option vendor-class-identifier",
  "option uap-servers",
  "ddns-hostname",
  "ddns-domainname",
  "filename",
  "server-name"
]);
var quoteDhcpd = (s) => {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 || c === 92) out += `\\${s[i]}`;
    else if (c < 32 || c === 127 || c > 127 && c < 256) out += `\\${c.toString(8).padStart(3, "0")}`;
    else out += s[i];
  }
  return `${out}"`;
};
var needsQuotes = (v) => {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c <= 32 || c === 34 || c === 35 || c === 59 || c === 123 || c === 125 || c === 61 || c >= 127)
      return !(c === 32 && v.charCodeAt(i - 1) === 44);
  }
  return false;
};
var statementText = (key, value2) => {
  if (value2 === "") return `${key};`;
  if (STRING_KEYS.has(key) || needsQuotes(value2)) return `${key} ${quoteDhcpd(value2)};`;
  return `${key} ${value2};`;
};
var scopeHeader = (label) => {
  const m2 = /^subnet (\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(label);
  if (m2) {
    const p = Number(m2[2]);
    const v = p === 0 ? 0 : 4294967295 << 32 - p >>> 0;
    const mask = [v >>> 24, v >>> 16 & 255, v >>> 8 & 255, v & 255].join(".");
    return `subnet ${m2[1]} netmask ${mask}`;
  }
  return label;
};
var hostStatements = (h) => {
  const out = [];
  const o = h.options;
  if (h.mac !== null) out.push(`hardware ${o.hardware ?? "ethernet"} ${h.mac};`);
  const v6 = o["fixed-address6"];
  const fixed = o["fixed-address"] ?? (h.ip !== null && h.ip !== v6 ? h.ip : void 0);
  if (fixed !== void 0) out.push(`fixed-address ${fixed};`);
  for (const [k, v] of Object.entries(o)) {
    if (k === "hardware" || k === "fixed-address" || k === "vlan") continue;
    for (const part of v.split("; ")) out.push(statementText(k, part));
  }
  return out;
};
var renderDhcpdConf = (hosts, options = {}) => {
  let out = "";
  for (const l of options.preamble ?? []) out += `${l}
`;
  let open = [];
  for (const h of hosts) {
    const path = h.scope === "" ? [] : h.scope.split(SCOPE_SEPARATOR);
    let same = 0;
    while (same < open.length && same < path.length && open[same] === path[same]) same++;
    for (let d = open.length - 1; d >= same; d--) out += `${"  ".repeat(d)}}
`;
    for (let d = same; d < path.length; d++) out += `${"  ".repeat(d)}${scopeHeader(path[d])} {
`;
    open = path;
    const ind = "  ".repeat(path.length);
    const sts = hostStatements(h);
    if (options.oneLine) out += `${ind}host ${h.name} { ${sts.join(" ")} }
`;
    else {
      out += `${ind}host ${h.name} {
`;
      for (const s of sts) out += `${ind}  ${s}
`;
      out += `${ind}}
`;
    }
  }
  for (let d = open.length - 1; d >= 0; d--) out += `${"  ".repeat(d)}}
`;
  return out;
};
var parser3 = { info: info3, create: dhcpdConfParser, sniff: sniff3 };
var dhcpd_leases_exports = {};
__export2(dhcpd_leases_exports, {
  dhcpdLeasesParser: () => dhcpdLeasesParser,
  iaIdentifier: () => iaIdentifier,
  info: () => info4,
  leaseTime: () => leaseTime,
  leaseTimeText: () => leaseTimeText,
  parseDhcpdLeases: () => parseDhcpdLeases,
  parser: () => parser4,
  renderDhcpdLeases: () => renderDhcpdLeases,
  sniff: () => sniff4,
  uidHex: () => uidHex
});
var info4 = {
  kind: "dhcpd-leases",
  description: "ISC dhcpd.leases lease blocks (address, MAC, times, binding state, client hostname) and DHCPv6 IA addresses and prefixes as DhcpLease records",
  record: "DhcpLease",
  binary: false,
  variants: [
    "isc-dhcp 4.x dhcpd.leases(5): lease blocks appended at every change (all kept, in order)",
    "times `W YYYY/MM/DD HH:MM:SS` (UTC), `epoch N; # \u2026` (db-time-format local), `never`",
    "uid as a quoted octal-escaped string or a hex list",
    "dhcpd -6: ia-na / ia-ta / ia-pd blocks, one record per iaaddr / iaprefix (start = the IA's cltt), IAID and DUID decoded (octal string or hex list, authoring-byte-order), MAC from a DUID-LLT / DUID-LL",
    "server-duid, authoring-byte-order, failover peer state blocks, OMAPI host blocks (ignored with reasons)"
  ],
  options: []
};
var decoder4 = new TextDecoder("utf-8");
var sniff4 = (head) => {
  const text = decoder4.decode(head.subarray(0, 16384));
  const lease = /^\s*lease\s+[0-9a-fA-F.:]+\s*\{/m.test(text);
  if (lease && /^\s*(?:starts|binding state|ends)\s/m.test(text)) return 0.95;
  if (lease) return 0.7;
  if (/^\s*ia[-_](?:na|ta|pd)\s+(?:"|[0-9a-fA-F]{1,2}:)/m.test(text) && /^\s*(?:iaaddr|iaprefix)\s/m.test(text))
    return 0.95;
  if (/dhcpd\.leases\(5\)|^authoring-byte-order\s|^server-duid\s/m.test(text)) return 0.7;
  return 0;
};
var MAX_TOKENS2 = 4096;
var MAX_DEPTH2 = 64;
var BLOCK_REASON = {
  failover: "failover",
  host: "host",
  class: "class",
  subclass: "class"
};
var leaseTime = (ts, from) => {
  let i = from;
  const a = ts[i];
  if (a === void 0 || a.type !== WORD) return void 0;
  if (a.value === "never") return ts.length === i + 1 ? null : void 0;
  if (a.value === "epoch") {
    const e = ts[i + 1];
    if (e === void 0 || ts.length !== i + 2) return void 0;
    const s = decimal(e.value, 0, e.value.length);
    return s < 0 ? void 0 : s * 1e3;
  }
  if (a.value.length === 1) i++;
  const d = ts[i]?.value;
  const t = ts[i + 1]?.value;
  if (d === void 0 || t === void 0 || ts.length !== i + 2) return void 0;
  const s1 = d.indexOf("/");
  const s2 = d.indexOf("/", s1 + 1);
  if (s1 < 1 || s2 < 0) return void 0;
  const y = decimal(d, 0, s1);
  const mo = decimal(d, s1 + 1, s2);
  const day = decimal(d, s2 + 1, d.length);
  if (t.length !== 8 || t.charCodeAt(2) !== 58 || t.charCodeAt(5) !== 58) return void 0;
  const h = decimal(t, 0, 2);
  const mi = decimal(t, 3, 5);
  const se = decimal(t, 6, 8);
  if (y < 1970 || mo < 1 || mo > 12 || day < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60)
    return void 0;
  const ms = Date.UTC(y, mo - 1, day, h, mi, se);
  if (new Date(ms).getUTCDate() !== day) return void 0;
  return ms;
};
var hex2 = (v) => v < 16 ? `0${v.toString(16)}` : v.toString(16);
var uidHex = (t) => {
  const parts = [];
  if (t.type === STRING) {
    const s = t.value;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 256) parts.push(hex2(c));
      else for (const b of new TextEncoder().encode(s[i])) parts.push(hex2(b));
    }
    return parts.join(":");
  }
  for (const p of t.value.split(":")) {
    if (p.length < 1 || p.length > 2) return void 0;
    let v = 0;
    for (let i = 0; i < p.length; i++) {
      const d = hexValue(p.charCodeAt(i));
      if (d < 0) return void 0;
      v = v * 16 + d;
    }
    parts.push(hex2(v));
  }
  return parts.join(":");
};
var IA_KIND = {
  "ia-na": "na",
  "ia-ta": "ta",
  "ia-pd": "pd",
  ia_na: "na",
  ia_ta: "ta",
  ia_pd: "pd"
};
var idBytes = (t) => {
  const h = uidHex(t);
  if (h === void 0) return void 0;
  if (h === "") return [];
  const out = [];
  for (const p of h.split(":")) out.push(hexValue(p.charCodeAt(0)) << 4 | hexValue(p.charCodeAt(1)));
  return out;
};
var iaIdentifier = (bytes, bigEndian = false) => {
  if (bytes.length < 5) return void 0;
  const [b0, b1, b2, b3] = bytes;
  const v = bigEndian ? (b0 << 24 | b1 << 16 | b2 << 8 | b3) >>> 0 : (b3 << 24 | b2 << 16 | b1 << 8 | b0) >>> 0;
  const iaid = v.toString(16).padStart(8, "0");
  const d = bytes.slice(4);
  const duid = d.map(hex2).join(":");
  let mac = null;
  const type = d.length >= 2 ? d[0] << 8 | d[1] : -1;
  const hw = d.length >= 4 ? d[2] << 8 | d[3] : -1;
  const ll = type === 1 ? 8 : type === 3 ? 4 : -1;
  if (ll > 0 && hw === 1 && d.length === ll + 6) mac = d.slice(ll).map(hex2).join(":");
  return { iaid, duid, mac };
};
var utf8 = new TextDecoder("utf-8");
var stringText = (s) => {
  let high = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 255) return s;
    if (c > 127) high = true;
  }
  if (!high) return s;
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return utf8.decode(b);
};
var dhcpdLeasesParser = lineParser((emit) => {
  const acct = new LineAccount(emit);
  const lexer = new Lexer();
  const stack = [];
  let stmt = [];
  let dropping = false;
  let lineNo = 0;
  let bigEndian = false;
  const leaseStatement = (l, ts) => {
    const k = ts[0];
    if (k.type !== WORD) return;
    const kw = k.value;
    if (kw === "starts" || kw === "ends") {
      const t = leaseTime(ts, 1);
      if (t === void 0) {
        if (l.bad === "") l.bad = `bad ${kw} time`;
        return;
      }
      if (kw === "starts") l.start = t;
      else l.end = t;
      return;
    }
    if (kw === "binding" && ts[1]?.value === "state" && ts.length === 3) {
      l.state = ts[2].value;
      return;
    }
    if (kw === "hardware" && ts.length === 3) {
      const m2 = Net_exports.canonicalMac(ts[2].value);
      if (m2 === void 0) {
        if (l.bad === "") l.bad = `bad hardware address "${ts[2].value}"`;
        return;
      }
      l.mac = m2;
      return;
    }
    if (kw === "uid" && ts.length === 2) {
      const u = uidHex(ts[1]);
      if (u === void 0) {
        if (l.bad === "") l.bad = `bad uid "${ts[1].value}"`;
        return;
      }
      l.uid = u;
      return;
    }
    if (kw === "client-hostname" && ts.length === 2) l.hostname = stringText(ts[1].value);
  };
  const newLease = (what, ip, bad22, ia) => ({
    ip,
    bad: bad22,
    line: lineNo,
    ia,
    what,
    mac: null,
    start: null,
    end: null,
    state: null,
    hostname: null,
    uid: void 0
  });
  const openIaLease = (ia, ts, prefix) => {
    const a = ts[1];
    let bad22 = "";
    let ip = "";
    const what = prefix ? "iaprefix" : "iaaddr";
    if (a === void 0 || a.type !== WORD) bad22 = `${what} without an address`;
    else if (ts.length > 2) bad22 = `unexpected "${ts[2].value}" after the ${what} address`;
    else if (prefix) {
      const slash = a.value.indexOf("/");
      const len = slash < 0 ? -1 : decimal(a.value, slash + 1, a.value.length);
      const addr = slash < 0 ? void 0 : Net_exports.parseIpv6(a.value.slice(0, slash));
      if (addr === void 0 || len < 0 || len > 128) bad22 = `bad iaprefix "${a.value}"`;
      else ip = `${Net_exports.ipv6FromBytes(addr)}/${len}`;
    } else {
      const addr = Net_exports.parseIpv6(a.value);
      if (addr === void 0) bad22 = `bad iaaddr address "${a.value}"`;
      else ip = Net_exports.ipv6FromBytes(addr);
    }
    stack.push({ lease: newLease(what, ip, bad22, ia), ia: null, reason: "declaration" });
  };
  const openIa = (kind, ts) => {
    const k = ts[1];
    const ia = { kind, iaid: "", duid: "", mac: null, bad: "", cltt: null, line: lineNo };
    const bytes = k === void 0 || ts.length > 2 ? void 0 : idBytes(k);
    const id = bytes === void 0 ? void 0 : iaIdentifier(bytes, bigEndian);
    if (k === void 0) ia.bad = `ia-${kind} without an identifier`;
    else if (ts.length > 2) ia.bad = `unexpected "${ts[2].value}" after the ia-${kind} identifier`;
    else if (bytes === void 0) ia.bad = `bad ia-${kind} identifier "${k.value}"`;
    else if (id === void 0)
      ia.bad = `ia-${kind} identifier of ${bytes.length} bytes (IAID and DUID need at least 5)`;
    else {
      ia.iaid = id.iaid;
      ia.duid = id.duid;
      ia.mac = id.mac;
    }
    stack.push({ lease: null, ia, reason: "declaration" });
  };
  const open = (ts) => {
    if (stack.length >= MAX_DEPTH2) {
      acct.error(`blocks nested deeper than ${MAX_DEPTH2}`);
      stack.push({ lease: null, ia: null, reason: "declaration" });
      return;
    }
    const h0 = ts[0]?.type === WORD ? ts[0].value : "";
    const top = stack[stack.length - 1];
    if (top !== void 0) {
      if (top.ia !== null && (h0 === "iaaddr" || h0 === "iaprefix"))
        openIaLease(top.ia, ts, h0 === "iaprefix");
      else stack.push({ lease: null, ia: null, reason: top.reason });
      return;
    }
    const kind = IA_KIND[h0];
    if (kind !== void 0) {
      openIa(kind, ts);
      return;
    }
    if (h0 === "lease") {
      const a = ts[1];
      let bad22 = "";
      let ip = "";
      if (a === void 0 || a.type !== WORD) bad22 = "lease without an address";
      else if (ts.length > 2) bad22 = `unexpected "${ts[2].value}" after the lease address`;
      else if (!Net_exports.isIp(a.value)) bad22 = `bad lease address "${a.value}"`;
      else ip = Net_exports.canonicalIp(a.value);
      stack.push({ lease: newLease("lease", ip, bad22, null), ia: null, reason: "declaration" });
      return;
    }
    const reason = BLOCK_REASON[h0] ?? "declaration";
    acct.reason(reason);
    stack.push({ lease: null, ia: null, reason });
  };
  const close = () => {
    const b = stack.pop();
    if (b === void 0) {
      acct.error("unbalanced }");
      return;
    }
    const l = b.lease;
    if (l === null) return;
    const ia = l.ia;
    if (ia === null) {
      if (l.bad !== "") {
        acct.error(`lease ${l.ip || "?"}: ${l.bad}`);
        return;
      }
      const r = {
        ip: l.ip,
        mac: l.mac,
        start: l.start,
        end: l.end,
        state: l.state,
        hostname: l.hostname
      };
      if (l.uid !== void 0) r.uid = l.uid;
      acct.record(r);
      return;
    }
    const bad22 = ia.bad !== "" ? ia.bad : l.bad;
    if (bad22 !== "") {
      acct.error(`ia-${ia.kind} ${l.ip || "?"}: ${bad22}`);
      return;
    }
    acct.record({
      ip: l.ip,
      mac: ia.mac,
      start: l.start ?? ia.cltt,
      end: l.end,
      state: l.state,
      hostname: l.hostname,
      ia: ia.kind,
      iaid: ia.iaid,
      duid: ia.duid
    });
  };
  const statement = (ts) => {
    const top = stack[stack.length - 1];
    if (top === void 0) {
      if (ts.length === 2 && ts[0].value === "authoring-byte-order") {
        const order = ts[1].value;
        if (order === "big-endian" && !bigEndian)
          emit.infer("byte-order", "IAIDs read big-endian (authoring-byte-order)");
        if (order === "big-endian" || order === "little-endian") bigEndian = order === "big-endian";
      }
      return;
    }
    if (top.lease) leaseStatement(top.lease, ts);
    else if (top.ia !== null && ts[0].type === WORD && ts[0].value === "cltt") {
      const t = leaseTime(ts, 1);
      if (t === void 0) {
        if (top.ia.bad === "") top.ia.bad = "bad cltt time";
      } else top.ia.cltt = t;
    }
  };
  const onToken = (type, value2) => {
    const top = stack[stack.length - 1];
    if (top !== void 0) acct.reason(stack[0].reason);
    if (type === SEMI) {
      if (!dropping && stmt.length > 0) statement(stmt);
      stmt = [];
      dropping = false;
      return;
    }
    if (type === LBRACE) {
      open(dropping ? [] : stmt);
      stmt = [];
      dropping = false;
      return;
    }
    if (type === RBRACE) {
      if (!dropping && stmt.length > 0) statement(stmt);
      stmt = [];
      dropping = false;
      close();
      return;
    }
    if (dropping) return;
    if (stmt.length >= MAX_TOKENS2) {
      acct.error(`statement longer than ${MAX_TOKENS2} tokens`);
      dropping = true;
      stmt = [];
      return;
    }
    stmt.push({ type, value: value2 });
  };
  return {
    line(t, no) {
      lineNo = no;
      const held = lexer.line(t, onToken);
      if (lexer.truncated) {
        lexer.truncated = false;
        acct.error("string longer than 65536 characters (truncated)");
      }
      acct.close(no, held === 0 ? "blank" : held === 1 ? "comment" : "declaration");
    },
    end() {
      let err = "";
      const open2 = stack.find((b) => b.lease !== null)?.lease;
      const ia = stack.find((b) => b.ia !== null)?.ia;
      if (lexer.inString) err = "end of input inside a quoted string";
      else if (open2) err = `end of input inside ${open2.what} ${open2.ip || "?"} (opened on line ${open2.line})`;
      else if (ia) err = `end of input inside ia-${ia.kind} (opened on line ${ia.line})`;
      else if (stack.length > 0) err = "end of input inside a block (missing })";
      else if (stmt.length > 0 && !dropping) err = "end of input inside a statement (missing ;)";
      acct.finish(err);
      if (acct.overflow > 0)
        emit.infer(
          "overflow",
          `${acct.overflow} lease(s) closed on a line that already closed one: counted as extra lines`
        );
    }
  };
});
var parseDhcpdLeases = (input2, options = {}) => parseAll(dhcpdLeasesParser, input2, options);
var p2 = (n) => n < 10 ? `0${n}` : String(n);
var leaseTimeText = (ms, epoch = false) => {
  if (ms === null) return "never";
  const d = new Date(ms);
  const wall4 = `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  if (epoch) return `epoch ${Math.floor(ms / 1e3)}`;
  return `${d.getUTCDay()} ${wall4}`;
};
var idText = (bytes, hex5) => hex5 ? bytes.map((b) => b.toString(16).padStart(2, "0")).join(":") : quoteDhcpd(String.fromCharCode(...bytes));
var hexBytes = (h) => h === "" ? [] : h.split(":").map((x) => Number.parseInt(x, 16));
var uidText = (uid, hex5) => idText(hexBytes(uid), hex5);
var iaKeyText = (iaid, duid, hex5) => {
  const v = Number.parseInt(iaid, 16) >>> 0;
  return idText([v & 255, v >>> 8 & 255, v >>> 16 & 255, v >>> 24, ...hexBytes(duid)], hex5);
};
var iaOf = (l) => l.ia === void 0 ? void 0 : `${l.ia} ${l.iaid ?? ""} ${l.duid ?? ""} ${l.start}`;
var hostText = (s) => {
  const b = new TextEncoder().encode(s);
  return quoteDhcpd(String.fromCharCode(...b));
};
var renderDhcpdLeases = (leases, options = {}) => {
  const epoch = options.epoch ?? false;
  const hex5 = options.idFormat === "hex";
  let out = "";
  if (options.header ?? true) {
    out += "# The format of this file is documented in the dhcpd.leases(5) manual page.\n";
    out += "# This lease file was written by isc-dhcp-4.4.3-P1\n\n";
    out += "# authoring-byte-order entry is generated, DO NOT DELETE\n";
    out += "authoring-byte-order little-endian;\n\n";
    if (epoch) out += "db-time-format local;\n\n";
  }
  const time = (kw, ms) => {
    const t = leaseTimeText(ms, epoch);
    return epoch && ms !== null ? `  ${kw} ${t}; # ${leaseTimeText(ms).slice(2)}
` : `  ${kw} ${t};
`;
  };
  let ia;
  const closeIa = () => {
    if (ia !== void 0) out += "}\n";
    ia = void 0;
  };
  for (const l of leases) {
    const key = iaOf(l);
    if (key !== void 0) {
      if (key !== ia) {
        closeIa();
        out += `ia-${l.ia} ${iaKeyText(l.iaid ?? "0", l.duid ?? "", hex5)} {
`;
        if (l.start !== null) out += time("cltt", l.start);
        ia = key;
      }
      out += `  ${l.ia === "pd" ? "iaprefix" : "iaaddr"} ${l.ip} {
`;
      if (l.state !== null) out += `    binding state ${l.state};
`;
      out += "    preferred-life 604800;\n    max-life 2592000;\n";
      out += `  ${time("ends", l.end)}`;
      out += "  }\n";
      continue;
    }
    closeIa();
    out += `lease ${l.ip} {
`;
    if (l.start !== null) out += time("starts", l.start);
    out += time("ends", l.end);
    if (l.start !== null) out += time("cltt", l.start);
    if (l.state !== null) out += `  binding state ${l.state};
`;
    if (l.mac !== null) out += `  hardware ethernet ${l.mac};
`;
    if (l.uid !== void 0 && l.uid !== null) out += `  uid ${uidText(l.uid, hex5)};
`;
    if (l.hostname !== null) out += `  client-hostname ${hostText(l.hostname)};
`;
    out += "}\n";
  }
  closeIa();
  return out;
};
var parser4 = { info: info4, create: dhcpdLeasesParser, sniff: sniff4 };
var flexlm_license_exports = {};
__export2(flexlm_license_exports, {
  DROPPED_KEYWORDS: () => DROPPED_KEYWORDS,
  flexlmLicenseParser: () => flexlmLicenseParser,
  info: () => info5,
  licenceExpiry: () => licenceExpiry,
  parseFlexlmLicense: () => parseFlexlmLicense,
  parser: () => parser5,
  renderFlexlmLicense: () => renderFlexlmLicense,
  sniff: () => sniff5
});
var info5 = {
  kind: "flexlm-license",
  description: "FlexLM / FlexNet licence files as LicenceFileLine records (one per logical line)",
  record: "LicenceFileLine",
  binary: false,
  variants: [
    "SERVER (1 or 3), VENDOR / DAEMON, USE_SERVER, FEATURE / INCREMENT / UPGRADE, PACKAGE",
    'backslash continuations (also inside quoted values and `"\\`)',
    "SIGN= / AUTH= and legacy 12-20 hex keys dropped; keyword names case-insensitive",
    "expiry d-mmm-yyyy, permanent, year 0; counts uncounted / 0"
  ],
  options: []
};
var decoder5 = new TextDecoder("utf-8");
var LINE = /^(?:SERVER|VENDOR|DAEMON|USE_SERVER|FEATURE|INCREMENT|UPGRADE|PACKAGE)(?:\s|$)/i;
var STRONG = /^(?:FEATURE|INCREMENT)\s+\S+\s+\S+\s+\S+\s+(?:\d{1,2}-[a-z]{3}-\d+|permanent)\s+(?:\d+|uncounted)/im;
var sniff5 = (head) => {
  const text = decoder5.decode(head.subarray(0, 16384));
  if (STRONG.test(text)) return 0.95;
  const lines2 = text.split("\n", 60).filter((l) => l.trim().length > 0 && !/^\s*#/.test(l) && !/^\s/.test(l));
  if (lines2.length === 0) return 0;
  const hits = lines2.filter((l) => LINE.test(l)).length;
  return hits === 0 ? 0 : 0.8 * (hits / lines2.length);
};
var DROPPED_KEYWORDS = /* @__PURE__ */ new Set(["SIGN", "SIGN2", "AUTH"]);
var MAX_LOGICAL = 1 << 20;
var MONTHS2 = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12
};
var licenceExpiry = (s) => {
  if (s.toLowerCase() === "permanent") return null;
  const m2 = /^(\d{1,2})-([A-Za-z]{3})-(\d{1,4})$/.exec(s);
  if (!m2) return void 0;
  const mo = MONTHS2[m2[2].toLowerCase()];
  const y = Number(m2[3]);
  const d = Number(m2[1]);
  if (mo === void 0) return void 0;
  if (y === 0) return null;
  if (m2[3].length !== 4 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate())
    return void 0;
  return `${m2[3]}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
};
var tokenize = (t) => {
  const out = [];
  const n = t.length;
  let i = 0;
  while (i < n) {
    let c = t.charCodeAt(i);
    if (c === 32 || c === 9) {
      i++;
      continue;
    }
    const s = i;
    while (i < n) {
      c = t.charCodeAt(i);
      if (c === 32 || c === 9) break;
      if (c === 34) {
        const q = t.indexOf('"', i + 1);
        if (q < 0) return "unterminated quote";
        i = q + 1;
      } else i++;
    }
    out.push(t.slice(s, i));
  }
  return out;
};
var unquote = (v) => v.length >= 2 && v.charCodeAt(0) === 34 && v.charCodeAt(v.length - 1) === 34 ? v.slice(1, -1) : v;
var isLegacyKey = (s) => /^[0-9A-Fa-f]{12,20}$/.test(s);
var split = (toks, from) => {
  const pos = [];
  const kw = {};
  let inKeywords = false;
  for (let i = from; i < toks.length; i++) {
    const tok2 = toks[i];
    const eq = tok2.indexOf("=");
    if (eq > 0 && tok2.charCodeAt(0) !== 34) {
      inKeywords = true;
      const k = tok2.slice(0, eq).toUpperCase();
      if (!DROPPED_KEYWORDS.has(k)) kw[k] = unquote(tok2.slice(eq + 1));
    } else if (!inKeywords) pos.push(unquote(tok2));
    else kw[tok2.toUpperCase()] = "";
  }
  return { pos, kw };
};
var intOrNull = (s) => s !== void 0 && /^\d+$/.test(s) ? Number(s) : null;
var logical = (t) => {
  const toks = tokenize(t);
  if (typeof toks === "string") return toks;
  const kind = (toks[0] ?? "").toUpperCase();
  switch (kind) {
    case "SERVER": {
      const { pos, kw } = split(toks, 1);
      if (pos.length < 1) return "SERVER without host";
      let port = intOrNull(pos[2]);
      const flags = pos.slice(port === null ? 2 : 3);
      for (const f of flags) kw[f.toUpperCase()] = "";
      if (port === null && kw.PORT !== void 0) port = intOrNull(kw.PORT);
      return { type: "server", host: pos[0], hostid: pos[1] ?? null, port, keywords: kw };
    }
    case "VENDOR":
    case "DAEMON": {
      const { pos, kw } = split(toks, 1);
      if (pos.length < 1) return `${kind} without vendor name`;
      let path = null;
      let opts = kw.OPTIONS ?? null;
      let port = intOrNull(kw.PORT);
      for (const p of pos.slice(1)) {
        if (/^\d+$/.test(p) && port === null) port = Number(p);
        else if (path === null) path = p;
        else if (opts === null) opts = p;
      }
      delete kw.OPTIONS;
      delete kw.PORT;
      return { type: "vendor", vendor: pos[0], path, options: opts, port, keywords: kw };
    }
    case "USE_SERVER":
      return { type: "use-server" };
    case "FEATURE":
    case "INCREMENT":
    case "UPGRADE": {
      const { pos, kw } = split(toks, 1);
      const up = kind === "UPGRADE";
      const need = up ? 6 : 5;
      if (pos.length < need) return `${kind} needs ${need} fields (feature vendor version expiry count)`;
      const version = pos[up ? 3 : 2];
      const expires = licenceExpiry(pos[up ? 4 : 3]);
      if (expires === void 0) return `bad expiry date "${pos[up ? 4 : 3]}"`;
      const c = pos[up ? 5 : 4].toLowerCase();
      let count;
      if (c === "uncounted" || c === "0") count = null;
      else if (/^\d+$/.test(c)) count = Number(c);
      else return `bad licence count "${pos[up ? 5 : 4]}"`;
      if (up) kw.FROM_VERSION = pos[2];
      for (const extra of pos.slice(need)) if (!isLegacyKey(extra)) kw[extra.toUpperCase()] = "";
      return {
        type: "feature",
        kind,
        feature: pos[0],
        vendor: pos[1],
        version,
        expires,
        count,
        keywords: kw
      };
    }
    case "PACKAGE": {
      const { pos, kw } = split(toks, 1);
      if (pos.length < 2) return "PACKAGE needs a name and a vendor";
      const components = (kw.COMPONENTS ?? "").split(/\s+/).filter((x) => x.length > 0);
      delete kw.COMPONENTS;
      for (const extra of pos.slice(3)) if (!isLegacyKey(extra)) kw[extra.toUpperCase()] = "";
      const v = pos[2];
      return {
        type: "package",
        package: pos[0],
        vendor: pos[1],
        version: v === void 0 || isLegacyKey(v) ? null : v,
        components,
        keywords: kw
      };
    }
    default:
      return `unknown licence line "${toks[0] ?? ""}"`;
  }
};
var continued = (t) => {
  let e = t.length;
  while (e > 0) {
    const c = t.charCodeAt(e - 1);
    if (c !== 32 && c !== 9) break;
    e--;
  }
  return e > 0 && t.charCodeAt(e - 1) === 92 ? e - 1 : -1;
};
var flexlmLicenseParser = lineParser((emit) => {
  let buf = null;
  let first = 0;
  let tooLong = false;
  const finish2 = () => {
    if (buf === null) return;
    const text = buf;
    buf = null;
    if (tooLong) {
      tooLong = false;
      emit.skip(first, `logical line longer than ${MAX_LOGICAL} characters`);
      return;
    }
    const r = logical(text);
    if (typeof r === "string") emit.skip(first, r);
    else emit.record(r);
  };
  const add = (piece) => {
    if (buf === null) return;
    if (buf.length + piece.length > MAX_LOGICAL) tooLong = true;
    else buf = buf.length === 0 ? piece : `${buf} ${piece}`;
  };
  return {
    line(t, no) {
      if (buf !== null) {
        emit.ignore(no, "continuation");
        const bs2 = continued(t);
        add((bs2 >= 0 ? t.slice(0, bs2) : t).trim());
        if (bs2 < 0) finish2();
        return;
      }
      const s = t.trimStart();
      if (s.length === 0) return emit.ignore(no, "blank");
      if (s.charCodeAt(0) === 35) return emit.ignore(no, "comment");
      const bs = continued(t);
      first = no;
      buf = "";
      add((bs >= 0 ? t.slice(0, bs) : t).trim());
      if (bs < 0) finish2();
    },
    end() {
      finish2();
    }
  };
});
var parseFlexlmLicense = (input2, options = {}) => parseAll(flexlmLicenseParser, input2, options);
var MON = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
var expiry = (e) => {
  if (e === null) return "permanent";
  const [y, m2, d] = e.split("-");
  return `${Number(d)}-${MON[Number(m2) - 1]}-${y}`;
};
var value = (v) => v === "" || /[\s"=]/.test(v) ? `"${v}"` : v;
var keywords = (kw) => Object.entries(kw).map(([k, v]) => v === "" ? k : `${k}=${value(v)}`);
var tokens = (r) => {
  switch (r.type) {
    case "server":
      return [
        "SERVER",
        r.host,
        ...r.hostid === null ? [] : [r.hostid],
        ...r.port === null ? [] : [String(r.port)],
        ...keywords(r.keywords)
      ];
    case "vendor": {
      const t = ["VENDOR", r.vendor];
      if (r.path !== null) t.push(r.path);
      if (r.options !== null) t.push(`OPTIONS=${value(r.options)}`);
      if (r.port !== null) t.push(`PORT=${r.port}`);
      return [...t, ...keywords(r.keywords)];
    }
    case "use-server":
      return ["USE_SERVER"];
    case "feature": {
      const { FROM_VERSION, ...kw } = r.keywords;
      return [
        r.kind,
        r.feature,
        r.vendor,
        ...r.kind === "UPGRADE" ? [FROM_VERSION ?? "0"] : [],
        r.version,
        expiry(r.expires),
        r.count === null ? "uncounted" : String(r.count),
        ...keywords(kw),
        'SIGN="0000 0000 0000 0000"'
      ];
    }
    case "package":
      return [
        "PACKAGE",
        r.package,
        r.vendor,
        ...r.version === null ? [] : [r.version],
        `COMPONENTS="${r.components.join(" ")}"`,
        ...keywords(r.keywords),
        'SIGN="0000 0000"'
      ];
  }
};
var renderFlexlmLicense = (records, options = {}) => {
  const width = options.width ?? 80;
  const out = [];
  for (const r of records) {
    const toks = tokens(r);
    if (width <= 0) {
      out.push(toks.join(" "));
      continue;
    }
    let line2 = "";
    for (const tok2 of toks) {
      if (line2.length > 0 && line2.length + 1 + tok2.length > width) {
        const q = tok2.indexOf('"');
        const sp = q >= 0 ? tok2.indexOf(" ", q) : -1;
        if (sp > 0 && sp < tok2.length - 1) {
          out.push(`${line2} ${tok2.slice(0, sp)} \\`);
          line2 = `	${tok2.slice(sp + 1)}`;
          continue;
        }
        out.push(`${line2} \\`);
        line2 = `	${tok2}`;
      } else line2 = line2.length > 0 ? `${line2} ${tok2}` : tok2;
    }
    out.push(line2);
  }
  return out.length === 0 ? "" : `${out.join("\n")}
`;
};
var parser5 = { info: info5, create: flexlmLicenseParser, sniff: sniff5 };
var flexlm_log_exports = {};
__export2(flexlm_log_exports, {
  BACKWARDS_TOLERANCE_SECONDS: () => BACKWARDS_TOLERANCE_SECONDS,
  PENDING_MAX: () => PENDING_MAX,
  eventMessage: () => eventMessage,
  flexlmLogParser: () => flexlmLogParser,
  info: () => info6,
  parseFlexlmLog: () => parseFlexlmLog,
  parser: () => parser6,
  readFlexlmLine: () => readFlexlmLine,
  renderFlexlmLog: () => renderFlexlmLog,
  sniff: () => sniff6
});
var info6 = {
  kind: "flexlm-log",
  description: "FlexLM / FlexNet Publisher debug logs (lmgrd and vendor daemons) as LicenceEvent records",
  record: "LicenceEvent",
  binary: false,
  variants: [
    "FNP 9-11.x `HH:MM:SS (daemon) MESSAGE` with TIMESTAMP anchors, start banners, midnight rollover",
    "OUT / IN / DENIED / QUEUED / DEQUEUED / UNSUPPORTED / EXPIRED, (N licenses), (INACTIVE), [cdstring], error codes",
    "quoted and unquoted features, Windows user names with spaces",
    "verbose `^^^ ver user ip pid handle \u2026 ^^^` form",
    "leading `YYYY-MM-DD hh:mm:ss`, `lmgrd -datestamp` ISO with offset, old FLEXlm `mm/dd hh:mm` and `hh:mm`",
    "SLOG blocks and TAB continuation lines (ignored)"
  ],
  options: ["zone", "date", "reference", "year"]
};
var decoder6 = new TextDecoder("utf-8");
var LINE2 = /^ ?\d{1,2}:\d{2}(?::\d{2})? \([^)\s]+\) /;
var DATED = /^(?:\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}\S*|\d{1,2}\/\d{1,2} \d{1,2}:\d{2}(?::\d{2})?) \([^)\s]+\) /;
var USAGE = /\) (?:OUT|IN|DENIED|QUEUED|DEQUEUED|UNSUPPORTED|TIMESTAMP)[: ]/;
var sniff6 = (head) => {
  const text = decoder6.decode(head.subarray(0, 16384));
  const lines2 = text.split("\n", 40).filter((l) => l.trim().length > 0);
  if (lines2.length === 0) return 0;
  let hits = 0;
  let usage22 = false;
  for (const l of lines2) {
    if (LINE2.test(l) || DATED.test(l)) {
      hits++;
      if (USAGE.test(l)) usage22 = true;
    }
  }
  if (hits === 0) return 0;
  return Math.min(0.95, 0.9 * (hits / lines2.length) + (usage22 ? 0.05 : 0));
};
var BACKWARDS_TOLERANCE_SECONDS = 300;
var PENDING_MAX = 1e4;
var SERVER_PREFIXES = [
  "FlexNet Licensing (",
  "FLEXnet Licensing (",
  "FLEXlm (",
  "FLEXlm version",
  "Server started on ",
  "Started ",
  "Starting vendor daemons",
  "Restarted ",
  "Lost connection to ",
  "Lost quorum",
  "Lost lmgrd heartbeat",
  "EXITING",
  "Exiting",
  "lmgrd exiting",
  "SERVER shutdown requested",
  "Shutdown requested",
  "Shutting down ",
  "Connected to ",
  "CONNECTED, master is "
];
var L_sec = -1;
var L_dy = -1;
var L_dm = -1;
var L_dd = -1;
var L_epoch = Number.NaN;
var L_ay = -1;
var L_am = -1;
var L_ad = -1;
var L_ignore = "";
var L_skip = "";
var isDigit = (c) => c >= 48 && c <= 57;
var numEnd = 0;
var digitsAt = (t, i) => {
  let p = i;
  let v = 0;
  while (p < t.length) {
    const c = t.charCodeAt(p);
    if (c < 48 || c > 57) break;
    v = v * 10 + (c - 48);
    p++;
  }
  numEnd = p;
  return p === i || p - i > 9 ? -1 : v;
};
var validDate = (y, m0, d) => y >= 0 && m0 >= 0 && m0 < 12 && d >= 1 && d <= new Date(Date.UTC(y, m0 + 1, 0)).getUTCDate();
var mdy = (t, s, e) => {
  const m2 = digitsAt(t, s);
  if (m2 < 0 || t.charCodeAt(numEnd) !== 47) return false;
  const d = digitsAt(t, numEnd + 1);
  if (d < 0 || t.charCodeAt(numEnd) !== 47) return false;
  const y = digitsAt(t, numEnd + 1);
  if (y < 0 || numEnd !== e || numEnd - s < 8) return false;
  if (!validDate(y, m2 - 1, d)) return false;
  L_ay = y;
  L_am = m2 - 1;
  L_ad = d;
  return true;
};
var MON2 = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11
};
var dowMonDY = (t, s) => {
  const parts = t.slice(s).trim().split(/\s+/);
  const m2 = MON2[parts[1] ?? ""];
  const d = Number(parts[2]);
  const y = Number(parts[3]);
  if (m2 === void 0 || !Number.isInteger(d) || !Number.isInteger(y) || !validDate(y, m2, d)) return false;
  L_ay = y;
  L_am = m2;
  L_ad = d;
  return true;
};
var licences = (t, s, e) => {
  const n = digitsAt(t, s);
  if (n < 0 || !t.startsWith(" license", numEnd)) return -1;
  const r = numEnd + 8;
  if (r === e || r + 1 === e && t.charCodeAt(r) === 115) return n;
  return -1;
};
var closing = (t, s, e) => {
  let depth = 0;
  for (let i = s; i < e; i++) {
    const c = t.charCodeAt(i);
    if (c === 40) depth++;
    else if (c === 41 && --depth === 0) return i;
  }
  return -1;
};
var R_reason = null;
var R_code = null;
var reasonCode = (t, s, e) => {
  let i = t.indexOf("(", s);
  while (i >= 0 && i < e) {
    let p = i + 1;
    if (t.charCodeAt(p) === 45) p++;
    const a = digitsAt(t, p);
    if (a >= 0 && t.charCodeAt(numEnd) === 44 && t.charCodeAt(e - 1) === 41) {
      R_reason = t.slice(s, i).trim();
      R_code = t.slice(i + 1, e - 1).trim();
      return;
    }
    i = t.indexOf("(", i + 1);
  }
  R_reason = t.slice(s, e).trim();
  R_code = null;
};
var isIpLike = (s) => {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!(isDigit(c) || c === 46 || c === 58 || c >= 97 && c <= 102 || c >= 65 && c <= 70)) return false;
  }
  return true;
};
var verbose = (ev, t, s, e) => {
  const f = t.slice(s, e).trim().split(/\s+/);
  if (f.length < 5) return;
  ev.version = f[0] ?? null;
  if (ev.user === null || ev.user === "") ev.user = f[1] ?? null;
  ev.ip = isIpLike(f[2] ?? "") ? f[2] : null;
  const pid = Number(f[3]);
  ev.pid = Number.isInteger(pid) && pid >= 0 ? pid : null;
  ev.handle = f[4] ?? null;
};
var usage2 = (kind, daemon, t, ms, p0, e) => {
  let p = p0;
  while (p < e && t.charCodeAt(p) === 32) p++;
  let feature;
  if (t.charCodeAt(p) === 34) {
    const q2 = t.indexOf('"', p + 1);
    if (q2 < 0 || q2 >= e) {
      L_skip = "unterminated feature quote";
      return null;
    }
    feature = t.slice(p + 1, q2);
    p = q2 + 1;
  } else {
    let q2 = p;
    while (q2 < e && t.charCodeAt(q2) !== 32) q2++;
    feature = t.slice(p, q2);
    p = q2;
  }
  if (feature.length === 0) {
    L_skip = "missing feature";
    return null;
  }
  while (p < e && t.charCodeAt(p) === 32) p++;
  let lossy = false;
  if (kind === "UNSUPPORTED" && t.charCodeAt(p) === 40) {
    const c = closing(t, p, e);
    if (c > 0) {
      p = c + 1;
      lossy = true;
      while (p < e && t.charCodeAt(p) === 32) p++;
    }
  }
  let q = p;
  while (q < e) {
    if (t.charCodeAt(q) === 32) {
      const n = t.charCodeAt(q + 1);
      if (n === 91 || n === 40 || n === 94) break;
    }
    q++;
  }
  let ue = q;
  while (ue > p && t.charCodeAt(ue - 1) === 32) ue--;
  const at = t.lastIndexOf("@", ue - 1);
  let user;
  let host;
  if (at >= p) {
    user = t.slice(p, at);
    host = t.slice(at + 1, ue);
  } else {
    user = ue > p ? t.slice(p, ue) : null;
    host = null;
    lossy = true;
  }
  const ev = {
    ts: null,
    daemon,
    event: kind,
    feature,
    user,
    host,
    count: 1,
    reason: null
  };
  const denial = kind === "DENIED" || kind === "UNSUPPORTED";
  if (denial) ev.code = null;
  p = q;
  while (p < e) {
    const c = t.charCodeAt(p);
    if (c === 32) {
      p++;
      continue;
    }
    if (c === 91) {
      const r = t.indexOf("]", p);
      if (r < 0 || r >= e) {
        lossy = true;
        break;
      }
      lossy = true;
      p = r + 1;
    } else if (c === 40) {
      const r = closing(t, p, e);
      if (r < 0) {
        lossy = true;
        break;
      }
      const n = licences(t, p + 1, r);
      if (n >= 0) ev.count = n;
      else if (denial || kind === "QUEUED" || kind === "DEQUEUED") {
        reasonCode(t, p + 1, r);
        if (ev.reason === null) {
          ev.reason = R_reason;
          if (R_code !== null) ev.code = R_code;
        } else lossy = true;
      } else if (ev.reason === null) ev.reason = t.slice(p + 1, r).trim();
      else lossy = true;
      p = r + 1;
    } else if (c === 94 && t.startsWith("^^^", p)) {
      const r = t.indexOf("^^^", p + 3);
      const end = r < 0 || r >= e ? e : r;
      verbose(ev, t, p + 3, end);
      lossy = true;
      p = end + 3;
    } else {
      lossy = true;
      break;
    }
  }
  if (lossy) ev.message = t.slice(ms, e);
  return ev;
};
var other = (kind, daemon, text) => ({
  ts: null,
  daemon,
  event: kind,
  feature: null,
  user: null,
  host: null,
  count: 0,
  reason: text
});
var scan = (t) => {
  L_sec = -1;
  L_dy = -1;
  L_dm = -1;
  L_dd = -1;
  L_epoch = Number.NaN;
  L_ay = -1;
  L_am = -1;
  L_ad = -1;
  L_ignore = "";
  L_skip = "";
  let n = t.length;
  while (n > 0) {
    const c2 = t.charCodeAt(n - 1);
    if (c2 !== 32 && c2 !== 9 && c2 !== 13) break;
    n--;
  }
  let p = 0;
  while (p < n && t.charCodeAt(p) === 32) p++;
  if (p >= n) {
    L_ignore = "blank";
    return null;
  }
  const a = digitsAt(t, p);
  if (a < 0) {
    L_ignore = "";
    if (p > 0 || t.charCodeAt(0) === 9) L_ignore = "continuation";
    else L_skip = "no time prefix";
    return null;
  }
  let c = t.charCodeAt(numEnd);
  if (c === 58) {
    const h = a;
    const mi = digitsAt(t, numEnd + 1);
    let s = 0;
    if (mi < 0) return bad2("bad time");
    if (t.charCodeAt(numEnd) === 58) {
      s = digitsAt(t, numEnd + 1);
      if (s < 0) return bad2("bad time");
    }
    if (h > 23 || mi > 59 || s > 60) return bad2("time out of range");
    L_sec = h * 3600 + mi * 60 + s;
    p = numEnd;
  } else if (c === 47) {
    const mo = a;
    const d = digitsAt(t, numEnd + 1);
    if (d < 0 || t.charCodeAt(numEnd) !== 32) return bad2("bad date");
    const h = digitsAt(t, numEnd + 1);
    if (h < 0 || t.charCodeAt(numEnd) !== 58) return bad2("bad time");
    const mi = digitsAt(t, numEnd + 1);
    let s = 0;
    if (mi < 0) return bad2("bad time");
    if (t.charCodeAt(numEnd) === 58) {
      s = digitsAt(t, numEnd + 1);
      if (s < 0) return bad2("bad time");
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return bad2("date out of range");
    L_dm = mo - 1;
    L_dd = d;
    L_sec = h * 3600 + mi * 60 + s;
    p = numEnd;
  } else if (c === 45 && numEnd - p === 4) {
    const y = a;
    const mo = digitsAt(t, numEnd + 1);
    if (mo < 0 || t.charCodeAt(numEnd) !== 45) return bad2("bad date");
    const d = digitsAt(t, numEnd + 1);
    c = t.charCodeAt(numEnd);
    if (d < 0 || c !== 84 && c !== 32) return bad2("bad date");
    const h = digitsAt(t, numEnd + 1);
    if (h < 0 || t.charCodeAt(numEnd) !== 58) return bad2("bad time");
    const mi = digitsAt(t, numEnd + 1);
    if (mi < 0 || t.charCodeAt(numEnd) !== 58) return bad2("bad time");
    const s = digitsAt(t, numEnd + 1);
    if (s < 0) return bad2("bad time");
    if (!validDate(y, mo - 1, d) || h > 23 || mi > 59 || s > 60) return bad2("date out of range");
    p = numEnd;
    let frac = 0;
    if (t.charCodeAt(p) === 46 || t.charCodeAt(p) === 44) {
      const fs = p + 1;
      digitsAt(t, fs);
      if (numEnd > fs) frac = Number(`0.${t.slice(fs, numEnd)}`) * 1e3;
      p = numEnd;
    }
    c = t.charCodeAt(p);
    if (c === 90) {
      L_epoch = Date.UTC(y, mo - 1, d, h, mi, s) + frac;
      p++;
    } else if (c === 43 || c === 45) {
      const sign = c === 45 ? -1 : 1;
      const oh = digitsAt(t, p + 1);
      let off;
      if (oh < 0) return bad2("bad offset");
      if (numEnd - (p + 1) === 4) off = Math.floor(oh / 100) * 60 + oh % 100;
      else if (t.charCodeAt(numEnd) === 58) {
        const om = digitsAt(t, numEnd + 1);
        if (om < 0) return bad2("bad offset");
        off = oh * 60 + om;
      } else off = oh * 60;
      L_epoch = Date.UTC(y, mo - 1, d, h, mi, s) - sign * off * 6e4 + frac;
      p = numEnd;
    }
    L_dy = y;
    L_dm = mo - 1;
    L_dd = d;
    L_sec = h * 3600 + mi * 60 + s;
  } else return bad2("no time prefix");
  if (t.charCodeAt(p) !== 32 || t.charCodeAt(p + 1) !== 40) return bad2("missing (daemon)");
  const ds = p + 2;
  const de = t.indexOf(")", ds);
  if (de < 0 || de >= n) return bad2("missing (daemon)");
  const daemon = t.slice(ds, de);
  let ms = de + 1;
  if (ms < n && t.charCodeAt(ms) === 32) ms++;
  if (ms >= n) {
    L_ignore = "blank";
    return null;
  }
  if (t.charCodeAt(ds) === 64 && daemon.endsWith("-SLOG@")) {
    const sd = t.indexOf("Start-Date: ", ms);
    if (sd >= 0) dowMonDY(t, sd + 12);
    L_ignore = "slog";
    return null;
  }
  c = t.charCodeAt(ms);
  if (c === 9) {
    L_ignore = "continuation";
    return null;
  }
  switch (c) {
    case 79:
      if (t.startsWith("OUT: ", ms)) return usage2("OUT", daemon, t, ms, ms + 5, n);
      break;
    case 73:
      if (t.startsWith("IN: ", ms)) return usage2("IN", daemon, t, ms, ms + 4, n);
      break;
    case 68:
      if (t.startsWith("DENIED: ", ms)) return usage2("DENIED", daemon, t, ms, ms + 8, n);
      if (t.startsWith("DEQUEUED: ", ms)) return usage2("DEQUEUED", daemon, t, ms, ms + 10, n);
      break;
    case 81:
      if (t.startsWith("QUEUED: ", ms)) return usage2("QUEUED", daemon, t, ms, ms + 8, n);
      break;
    case 85:
      if (t.startsWith("UNSUPPORTED: ", ms)) return usage2("UNSUPPORTED", daemon, t, ms, ms + 13, n);
      break;
    case 84:
      if (t.startsWith("TIMESTAMP ", ms)) {
        let s = ms + 10;
        while (s < n && t.charCodeAt(s) === 32) s++;
        if (mdy(t, s, n)) {
          L_ignore = "timestamp";
          return null;
        }
        return bad2("bad TIMESTAMP date");
      }
      break;
    case 69:
      if (t.startsWith("EXPIRED: ", ms)) {
        let f = t.slice(ms + 9, n).trim();
        if (f.length >= 2 && f.charCodeAt(0) === 34 && f.charCodeAt(f.length - 1) === 34) f = f.slice(1, -1);
        const ev = other("EXPIRED", daemon, t.slice(ms, n));
        ev.feature = f;
        ev.reason = null;
        return ev;
      }
      break;
    case 82:
      if (t.startsWith("REMOVING ", ms)) {
        const body = t.slice(ms + 9, n);
        const fr = body.lastIndexOf(" from ");
        const ev = other("OTHER", daemon, t.slice(ms, n));
        if (fr > 0) {
          const uh = body.slice(0, fr);
          const at = uh.lastIndexOf("@");
          ev.user = at >= 0 ? uh.slice(0, at) : uh;
          ev.host = at >= 0 ? uh.slice(at + 1) : null;
          ev.feature = body.slice(fr + 6).trim();
        }
        return ev;
      }
      break;
    case 83:
      if (t.startsWith("Server's System Date and Time: ", ms)) {
        dowMonDY(t, ms + 31);
        return other("OTHER", daemon, t.slice(ms, n));
      }
      break;
  }
  const text = t.slice(ms, n);
  for (const pre of SERVER_PREFIXES) {
    if (text.startsWith(pre)) {
      const ev = other("SERVER", daemon, text);
      if (text.charCodeAt(text.length - 1) === 41 && text.indexOf(" started on ") > 0) {
        const o = text.lastIndexOf("(");
        if (o > 0) mdy(text, o + 1, text.length - 1);
      }
      return ev;
    }
  }
  if (text.startsWith("SLOG: ")) {
    L_ignore = "slog";
    return null;
  }
  return other("OTHER", daemon, text);
};
var bad2 = (why) => {
  L_skip = why;
  return null;
};
var readFlexlmLine = (text) => {
  const ev = scan(text);
  if (ev === null && L_skip) return L_skip;
  return {
    seconds: L_sec,
    date: L_dm >= 0 ? { year: L_dy, month0: L_dm, day: L_dd } : null,
    epoch: Number.isNaN(L_epoch) ? null : L_epoch,
    anchor: L_ay >= 0 ? { year: L_ay, month0: L_am, day: L_ad } : null,
    event: ev,
    ignore: ev === null ? L_ignore : null
  };
};
var DayClock = class {
  constructor(zone2) {
    this.zone = zone2;
  }
  zone;
  y = -1;
  m0 = -1;
  d = -1;
  wall = 0;
  off = 0;
  fixed = true;
  get set() {
    return this.y >= 0;
  }
  setDay(y, m0, d) {
    if (y === this.y && m0 === this.m0 && d === this.d) return;
    this.wall = Date.UTC(y, m0, d);
    const dt = new Date(this.wall);
    this.y = dt.getUTCFullYear();
    this.m0 = dt.getUTCMonth();
    this.d = dt.getUTCDate();
    const o1 = this.zone.offsetAt(this.wall - 14 * 36e5);
    const o2 = this.zone.offsetAt(this.wall + 38 * 36e5);
    this.off = o1;
    this.fixed = o1 === o2;
  }
  addDays(n) {
    this.setDay(this.y, this.m0, this.d + n);
  }
  at(sec) {
    if (this.fixed) return this.wall + sec * 1e3 - this.off * 6e4;
    const h = Math.floor(sec / 3600);
    const mi = Math.floor(sec % 3600 / 60);
    return this.zone.toEpoch(this.y, this.m0, this.d, h, mi, sec % 60);
  }
};
var fmtMdy = (y, m0, d) => `${m0 + 1}/${d}/${y}`;
var flexlmLogParser = lineParser((emit, options) => {
  const zone2 = options.zone ?? UTC;
  const clock = new DayClock(zone2);
  let lastSec = -1;
  let rollovers = 0;
  let anchored = false;
  let nullTs = 0;
  let pending = [];
  if (options.date !== void 0) {
    const m2 = /^(\d{4})-(\d{2})-(\d{2})$/.exec(options.date);
    if (m2 && validDate(Number(m2[1]), Number(m2[2]) - 1, Number(m2[3]))) {
      clock.setDay(Number(m2[1]), Number(m2[2]) - 1, Number(m2[3]));
      pending = null;
      emit.infer("date", `${options.date} from options.date until the first date in the log`);
    } else emit.infer("date", `options.date "${options.date}" is not YYYY-MM-DD: ignored`);
  }
  const flushForward = () => {
    if (pending === null) return;
    const held = pending;
    pending = null;
    let prev = -1;
    for (const h of held) {
      if (clock.set && h.sec >= 0) {
        if (prev >= 0 && h.sec < prev - BACKWARDS_TOLERANCE_SECONDS) {
          clock.addDays(1);
          rollovers++;
        }
        prev = h.sec;
        h.ev.ts = clock.at(h.sec);
      } else nullTs++;
      emit.record(h.ev);
    }
    lastSec = prev;
  };
  const flushBack = (sec) => {
    if (pending === null) return;
    const held = pending;
    pending = null;
    const y = clock.y;
    const m0 = clock.m0;
    const d = clock.d;
    let next = sec;
    let back = 0;
    for (let i = held.length - 1; i >= 0; i--) {
      const h = held[i];
      if (h.sec < 0) continue;
      if (next >= 0 && h.sec > next + BACKWARDS_TOLERANCE_SECONDS) back++;
      next = h.sec;
      clock.setDay(y, m0, d - back);
      h.ev.ts = clock.at(h.sec);
    }
    clock.setDay(y, m0, d);
    for (const h of held) {
      if (h.ev.ts === null) nullTs++;
      emit.record(h.ev);
    }
    if (held.length > 0) emit.infer("backdated", `${held.length} records before the first date anchor`);
  };
  const fallbackDay = () => {
    if (clock.set || options.reference === void 0) return;
    const r = options.reference;
    const local = new Date(r + zone2.offsetAt(r) * 6e4);
    clock.setDay(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
    emit.infer(
      "date",
      `${local.toISOString().slice(0, 10)} from options.reference for lines before the first date in the log`
    );
  };
  return {
    line(text, no) {
      const ev = scan(text);
      const sec = L_sec;
      if (L_dm >= 0) {
        let y = L_dy;
        if (y < 0) {
          if (clock.set) y = L_dm < clock.m0 && clock.m0 - L_dm > 6 ? clock.y + 1 : clock.y;
          else if (options.year !== void 0) y = options.year;
          else if (options.reference !== void 0) y = new Date(options.reference).getUTCFullYear();
        }
        if (y >= 0 && validDate(y, L_dm, L_dd)) {
          clock.setDay(y, L_dm, L_dd);
          lastSec = sec;
          if (!anchored) {
            anchored = true;
            emit.infer("date", `from the date on each line (line ${no})`);
          }
          if (pending !== null) flushBack(sec);
        }
      }
      if (L_ay >= 0) {
        clock.setDay(L_ay, L_am, L_ad);
        if (!anchored) {
          anchored = true;
          emit.infer(
            "date",
            `${fmtMdy(L_ay, L_am, L_ad)} from line ${no} (${ev === null ? L_ignore : ev.event})`
          );
        }
        if (pending !== null) flushBack(sec);
        lastSec = sec;
      }
      if (ev === null) {
        if (L_skip) emit.skip(no, L_skip);
        else emit.ignore(no, L_ignore);
        return;
      }
      if (!Number.isNaN(L_epoch)) {
        ev.ts = L_epoch;
        emit.record(ev);
        return;
      }
      if (pending !== null) {
        if (!clock.set) {
          pending.push({ ev, sec });
          if (pending.length >= PENDING_MAX) {
            fallbackDay();
            flushForward();
          }
          return;
        }
        pending = null;
      }
      if (clock.set && sec >= 0) {
        if (lastSec >= 0 && sec < lastSec - BACKWARDS_TOLERANCE_SECONDS) {
          clock.addDays(1);
          rollovers++;
        }
        lastSec = sec;
        ev.ts = clock.at(sec);
      } else nullTs++;
      emit.record(ev);
    },
    end() {
      if (pending !== null) {
        fallbackDay();
        flushForward();
      }
      if (rollovers > 0)
        emit.infer(
          "rollover",
          `${rollovers} midnight rollover${rollovers === 1 ? "" : "s"} inferred (the clock went backwards without a new date)`
        );
      if (nullTs > 0)
        emit.infer(
          "ts",
          `null for ${nullTs} record${nullTs === 1 ? "" : "s"}: no date in the log before them (give options.date or options.reference)`
        );
    }
  };
});
var parseFlexlmLog = (input2, options = {}) => parseAll(flexlmLogParser, input2, options);
var p22 = (n) => n < 10 ? `0${n}` : String(n);
var eventMessage = (e) => {
  if (e.message !== void 0) return e.message;
  switch (e.event) {
    case "OUT":
    case "IN":
    case "DENIED":
    case "QUEUED":
    case "DEQUEUED":
    case "UNSUPPORTED": {
      let m2 = `${e.event}: "${e.feature ?? ""}" ${e.user ?? ""}@${e.host ?? ""}`;
      if (e.count !== 1) m2 += `  (${e.count} licenses)`;
      if (e.reason !== null) {
        if (e.event === "IN" || e.event === "OUT") m2 += `  (${e.reason})`;
        else m2 += `  (${e.reason}${e.code ? ` (${e.code})` : ""})`;
      } else if (e.code) m2 += `  ((${e.code}))`;
      return m2;
    }
    case "EXPIRED":
      return `EXPIRED: ${e.feature ?? ""}`;
    default:
      return e.reason ?? "";
  }
};
var renderFlexlmLog = (events, options = {}) => {
  const daemon = options.daemon ?? "lmgrd";
  const mode = options.timestamps ?? "anchors";
  const zone2 = options.zone ?? UTC;
  const out = [];
  let lastDay = "";
  for (const e of events) {
    let time = " 0:00:00";
    let prefix = "";
    if (e.ts !== null) {
      const off = zone2.offsetAt(e.ts);
      const d = new Date(Math.floor(e.ts / 1e3) * 1e3 + off * 6e4);
      const h = d.getUTCHours();
      const hms = `${p22(h)}:${p22(d.getUTCMinutes())}:${p22(d.getUTCSeconds())}`;
      time = `${h < 10 ? " " : ""}${h}:${p22(d.getUTCMinutes())}:${p22(d.getUTCSeconds())}`;
      const y = d.getUTCFullYear();
      const mo = d.getUTCMonth() + 1;
      const dd2 = d.getUTCDate();
      const ymd = `${String(y).padStart(4, "0")}-${p22(mo)}-${p22(dd2)}`;
      if (mode === "leading-date") prefix = `${ymd} ${hms}`;
      else if (mode === "datestamp") {
        const a = Math.abs(off);
        prefix = `${ymd}T${hms}${off < 0 ? "-" : "+"}${p22(Math.floor(a / 60))}:${p22(a % 60)}`;
      } else if (mode === "anchors" && ymd !== lastDay || mode === "first" && lastDay === "") {
        out.push(`${time} (${daemon}) TIMESTAMP ${mo}/${dd2}/${y}`);
      }
      lastDay = ymd;
    }
    out.push(`${prefix || time} (${e.daemon}) ${eventMessage(e)}`);
  }
  return out.length === 0 ? "" : `${out.join("\n")}
`;
};
var parser6 = { info: info6, create: flexlmLogParser, sniff: sniff6 };
var inventory_exports = {};
__export2(inventory_exports, {
  HEADER_SYNONYMS: () => HEADER_SYNONYMS,
  info: () => info7,
  inventoryParser: () => inventoryParser,
  normaliseHeader: () => normaliseHeader,
  parseInventory: () => parseInventory,
  parser: () => parser7,
  renderInventoryCsv: () => renderInventoryCsv,
  sniff: () => sniff7
});
var info7 = {
  kind: "inventory",
  description: "The site inventory (hostname, MAC, VLAN, department, notes) from CSV, ODS or XLSX as InventoryRow records",
  record: "InventoryRow",
  binary: true,
  variants: [
    "CSV (RFC 4180 quoting, quoted fields spanning lines), separator ; , or TAB sniffed",
    "ODS, XLSX, XLS through SheetJS (@e965/xlsx): first sheet or options.sheet; bounded by options.maxBytes",
    "header names matched without case or accents, with synonyms (Hostname/Nom, Adresse MAC/MAC_@, VLAN, Service/D\xE9partement, Notes/Commentaire)",
    "no header row: the seed's Ordinateurs.ods order hostname, MAC, VLAN, notes"
  ],
  options: ["file"]
};
var decoder7 = new TextDecoder("utf-8");
var latin1 = new TextDecoder("latin1");
var sniff7 = (head) => {
  if (head[0] === 80 && head[1] === 75 && head[2] === 3 && head[3] === 4) {
    const s = latin1.decode(head.subarray(0, 65536));
    if (s.includes("opendocument.spreadsheet") || s.includes("xl/workbook") || s.includes("xl/_rels"))
      return 0.9;
    return s.includes("[Content_Types].xml") ? 0.5 : 0;
  }
  if (head[0] === 208 && head[1] === 207 && head[2] === 17 && head[3] === 224) return 0.5;
  const text = decoder7.decode(head.subarray(0, 8192));
  const first = (text.split("\n", 1)[0] ?? "").toLowerCase();
  if (/[;,\t]/.test(first) && /mac/.test(first) && /host|name|nom|machine/.test(first)) return 0.85;
  const lines2 = text.split("\n", 20).filter((l) => l.trim() !== "");
  const macs = lines2.filter(
    (l) => /(?:^|[;,\t"])\s*(?:[0-9a-f]{2}[:-]){5}[0-9a-f]{2}|[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}\s*(?:[;,\t"]|$)/i.test(
      l
    ) && /[;,\t]/.test(l)
  );
  return lines2.length > 0 && macs.length >= Math.max(1, lines2.length / 2) ? 0.4 : 0;
};
var HEADER_SYNONYMS = new Map([
  ...[
    "host",
    "hostname",
    "host name",
    "name",
    "nom",
    "machine",
    "computer",
    "ordinateur",
    "nom machine"
  ].map((k) => [k, "hostname"]),
  ...[
    "mac",
    "mac address",
    "macaddress",
    "adresse mac",
    "mac adresse",
    "hardware",
    "hardware address",
    "hardware ethernet",
    "ethernet"
  ].map((k) => [k, "mac"]),
  ...["vlan", "vlan id", "vlanid"].map((k) => [k, "vlan"]),
  ...["department", "departement", "dept", "service", "team", "equipe", "group", "groupe"].map(
    (k) => [k, "department"]
  ),
  ...[
    "notes",
    "note",
    "comment",
    "comments",
    "commentaire",
    "commentaires",
    "remarks",
    "info",
    "infos",
    "informations",
    "relative informations",
    "informations relatives",
    "description"
  ].map((k) => [k, "notes"])
]);
var normaliseHeader = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
var HEX = /^[0-9A-Fa-f]{2}$/;
var macOf2 = (v) => {
  if (v.length === 17) {
    const sep2 = v.charCodeAt(2);
    if (sep2 === 58 || sep2 === 45) {
      let ok = true;
      for (let i = 2; i < 17 && ok; i += 3) if (v.charCodeAt(i) !== sep2) ok = false;
      for (let i = 0; i < 17 && ok; i += 3) if (!HEX.test(v.slice(i, i + 2))) ok = false;
      if (ok) return (sep2 === 45 ? v.replaceAll("-", ":") : v).toLowerCase();
    }
  }
  return Net_exports.canonicalMac(v);
};
var SEED_ORDER = ["hostname", "mac", "vlan", "notes"];
var Rows = class {
  constructor(emit) {
    this.emit = emit;
  }
  emit;
  columns;
  badMacs = 0;
  firstBad = "";
  row(cells, no) {
    let blank = true;
    for (const c of cells)
      if (c.trim() !== "") {
        blank = false;
        break;
      }
    if (blank) {
      this.emit.ignore(no, "blank");
      return;
    }
    if (this.columns === void 0) {
      const fields = cells.map((c) => HEADER_SYNONYMS.get(normaliseHeader(c)));
      const hasMac = cells.some((c) => Net_exports.canonicalMac(c) !== void 0);
      if (!hasMac && fields.some((f) => f !== void 0)) {
        const used = /* @__PURE__ */ new Set();
        this.columns = cells.map((c, i) => {
          const f = fields[i];
          if (f !== void 0 && !used.has(f)) {
            used.add(f);
            return f;
          }
          return c.trim() === "" ? `column ${i + 1}` : c.trim();
        });
        this.emit.infer(
          "columns",
          `from the header: ${this.columns.map((c, i) => `${cells[i].trim() || i + 1} \u2192 ${c}`).join(", ")}`
        );
        this.emit.ignore(no, "header");
        return;
      }
      this.columns = SEED_ORDER;
      this.emit.infer("columns", "no header row: the seed's order hostname, MAC, VLAN, notes");
    }
    const r = {
      hostname: null,
      mac: null,
      vlan: null,
      department: null,
      notes: null,
      extra: {}
    };
    const extra = {};
    const cols = this.columns;
    for (let i = 0; i < cells.length; i++) {
      const v = cells[i].trim();
      if (v === "") continue;
      const col2 = cols[i] ?? `column ${i + 1}`;
      if (col2 === "mac") {
        const m2 = macOf2(v);
        if (m2 === void 0) {
          extra.mac = v;
          if (this.badMacs++ === 0) this.firstBad = `row ${no}: "${v}"`;
        } else r.mac = m2;
      } else if (col2 === "hostname" || col2 === "vlan" || col2 === "department" || col2 === "notes") r[col2] = v;
      else extra[col2] = v;
    }
    r.extra = extra;
    this.emit.record(r);
  }
  end() {
    if (this.badMacs > 0)
      this.emit.infer(
        "mac",
        `${this.badMacs} row(s) with an unreadable MAC kept with mac null and the text in extra.mac (first: ${this.firstBad})`
      );
  }
};
var MAX_RECORD_LINES = 1e4;
var MAX_RECORD_CHARS = 1 << 20;
var csvParser = lineParser((emit, options) => {
  const rows = new Rows(emit);
  let sep2 = options.separator === void 0 ? -1 : options.separator.charCodeAt(0);
  let cells = [];
  let field2 = "";
  let quoted = false;
  let startNo = 0;
  let size = 0;
  const sniffSep = (t) => {
    let inq = false;
    let semi = 0;
    let comma = 0;
    let tab = 0;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 34) inq = !inq;
      else if (!inq) {
        if (c === 59) semi++;
        else if (c === 44) comma++;
        else if (c === 9) tab++;
      }
    }
    const s = tab > semi && tab > comma ? 9 : semi > comma ? 59 : 44;
    emit.infer("separator", `${s === 9 ? "TAB" : String.fromCharCode(s)} (sniffed from the first line)`);
    return s;
  };
  const scan2 = (t) => {
    const n = t.length;
    let i = 0;
    if (quoted) field2 += "\n";
    for (; ; ) {
      if (quoted) {
        for (; ; ) {
          const q = t.indexOf('"', i);
          if (q < 0) {
            field2 += t.slice(i);
            return false;
          }
          field2 += t.slice(i, q);
          if (t.charCodeAt(q + 1) === 34) {
            field2 += '"';
            i = q + 2;
            continue;
          }
          quoted = false;
          i = q + 1;
          break;
        }
        while (i < n && t.charCodeAt(i) !== sep2) field2 += t[i++];
      } else {
        let j = i;
        while (j < n && (t.charCodeAt(j) === 32 || t.charCodeAt(j) === 9) && t.charCodeAt(j) !== sep2) j++;
        if (j < n && t.charCodeAt(j) === 34) {
          quoted = true;
          i = j + 1;
          continue;
        }
        const e = t.indexOf(String.fromCharCode(sep2), i);
        field2 += e < 0 ? t.slice(i) : t.slice(i, e);
        i = e < 0 ? n : e;
      }
      cells.push(field2);
      field2 = "";
      if (i >= n) return true;
      i++;
      if (i >= n) {
        cells.push("");
        return true;
      }
    }
  };
  return {
    line(t, no) {
      if (!quoted) {
        if (t.trim() === "") return emit.ignore(no, "blank");
        if (sep2 < 0) sep2 = sniffSep(t);
        startNo = no;
        size = 0;
      }
      size += t.length;
      if (scan2(t)) {
        for (let k = startNo; k < no; k++) emit.ignore(k, "continuation");
        const c = cells;
        cells = [];
        rows.row(c, no);
        return;
      }
      if (no - startNo + 1 > MAX_RECORD_LINES || size > MAX_RECORD_CHARS) {
        for (let k = startNo; k < no; k++) emit.ignore(k, "continuation");
        emit.skip(no, "quoted field too long (unbalanced quote?)");
        quoted = false;
        cells = [];
        field2 = "";
      }
    },
    end(last) {
      if (quoted) {
        emit.skip(startNo, "unterminated quoted field");
        for (let k = startNo + 1; k <= last; k++) emit.ignore(k, "continuation");
      }
      rows.end();
    }
  };
});
var xlsxModule;
var loadXlsx = () => {
  if (xlsxModule === void 0) {
    const req = (0, import_module.createRequire)(importMetaUrl ?? __filename);
    xlsxModule = req("@e965/xlsx");
  }
  return xlsxModule;
};
var isWorkbook = (b) => b[0] === 80 && b[1] === 75 && b[2] === 3 && b[3] === 4 || b[0] === 208 && b[1] === 207 && b[2] === 17 && b[3] === 224;
var DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
var readWorkbook = (data, emit, options, tooBig) => {
  const limit = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (tooBig) {
    emit.skip(1, `workbook larger than ${limit} bytes (options.maxBytes)`, 0);
    return;
  }
  let X;
  let wb;
  try {
    X = loadXlsx();
    wb = X.read(data, { type: "array", cellFormula: false, cellHTML: false, cellStyles: false });
  } catch (e) {
    const err = e;
    emit.skip(
      1,
      err.code === "MODULE_NOT_FOUND" && xlsxModule === void 0 ? "spreadsheet support needs the @e965/xlsx package next to fleetlens (npm install @e965/xlsx), or save the sheet as CSV" : `unreadable workbook: ${(err.message ?? String(e)).split("\n")[0]}`,
      0
    );
    return;
  }
  const names = wb.SheetNames;
  const want = options.sheet ?? 0;
  const name = typeof want === "number" ? names[want] : names.find((n) => n === want);
  const ws = name === void 0 ? void 0 : wb.Sheets[name];
  if (name === void 0 || ws === void 0) {
    emit.skip(1, `no sheet ${JSON.stringify(want)} (sheets: ${names.join(", ")})`, 0);
    return;
  }
  emit.infer("sheet", `${name}${names.length > 1 ? ` (of ${names.length}: ${names.join(", ")})` : ""}`);
  const ref = ws["!ref"];
  if (ref === void 0) {
    emit.ignore(1, "empty sheet");
    return;
  }
  const range = X.utils.decode_range(ref);
  const rows = X.utils.sheet_to_json(ws, { header: 1, raw: false, defval: "", blankrows: true });
  const r = new Rows(emit);
  for (let i = 0; i < rows.length; i++) {
    const cells = (rows[i] ?? []).map((c) => c === null || c === void 0 ? "" : String(c));
    r.row(cells, range.s.r + i + 1);
  }
  r.end();
};
var inventoryParser = (emit, options) => {
  let mode = "head";
  let csv;
  let head = new Uint8Array(0);
  const parts = [];
  let size = 0;
  let tooBig = false;
  const limit = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const toBook = (b) => {
    size += b.length;
    if (size > limit) {
      tooBig = true;
      parts.length = 0;
    } else parts.push(b);
  };
  const decide = (final) => {
    if (head.length < 4 && !final) return;
    if (isWorkbook(head)) {
      mode = "book";
      toBook(head);
    } else {
      mode = "csv";
      csv = csvParser(emit, options);
      if (head.length > 0) csv.push(head);
    }
    head = new Uint8Array(0);
  };
  return {
    push(chunk) {
      if (mode === "csv") return csv.push(chunk);
      if (mode === "book") {
        if (typeof chunk === "string") return toBook(new TextEncoder().encode(chunk));
        if (!tooBig) toBook(chunk);
        return;
      }
      if (typeof chunk === "string") {
        mode = "csv";
        csv = csvParser(emit, options);
        if (head.length > 0) csv.push(head);
        head = new Uint8Array(0);
        return csv.push(chunk);
      }
      const h = new Uint8Array(head.length + chunk.length);
      h.set(head);
      h.set(chunk, head.length);
      head = h;
      decide(false);
    },
    end() {
      if (mode === "head") decide(true);
      if (mode === "csv") return csv.end();
      let data;
      if (parts.length === 1) data = parts[0];
      else {
        data = new Uint8Array(tooBig ? 0 : size);
        let o = 0;
        for (const p of parts) {
          data.set(p, o);
          o += p.length;
        }
      }
      parts.length = 0;
      readWorkbook(data, emit, options, tooBig);
    }
  };
};
var parseInventory = (input2, options = {}) => parseAll(inventoryParser, input2, options);
var quote = (v, sep2) => v.includes(sep2) || v.includes('"') || v.includes("\n") || v.includes("\r") || v !== v.trim() ? `"${v.replaceAll('"', '""')}"` : v;
var renderInventoryCsv = (rows, sep2 = ",") => {
  const extras2 = [];
  for (const r of rows) for (const k of Object.keys(r.extra)) if (!extras2.includes(k)) extras2.push(k);
  let out = `${["Hostname", "MAC", "VLAN", "Department", "Notes", ...extras2].map((h) => quote(h, sep2)).join(sep2)}
`;
  for (const r of rows) {
    const cells = [
      r.hostname,
      r.mac,
      r.vlan,
      r.department,
      r.notes,
      ...extras2.map((k) => r.extra[k] ?? null)
    ];
    out += `${cells.map((c) => c === null ? "" : quote(c, sep2)).join(sep2)}
`;
  }
  return out;
};
var parser7 = { info: info7, create: inventoryParser, sniff: sniff7 };
var last_exports = {};
__export2(last_exports, {
  createLastParser: () => createLastParser,
  info: () => info8,
  lastLength: () => lastLength,
  lastParser: () => lastParser,
  parseLast: () => parseLast,
  parser: () => parser8,
  renderLast: () => renderLast,
  renderLastRow: () => renderLastRow,
  sniff: () => sniff8
});
var isDigit2 = (c) => c >= 48 && c <= 57;
var d2 = (s, i) => (s.charCodeAt(i) - 48) * 10 + (s.charCodeAt(i + 1) - 48);
var isAllDigits = (s) => {
  if (s.length === 0 || s.length > 9) return false;
  for (let k = 0; k < s.length; k++) if (!isDigit2(s.charCodeAt(k))) return false;
  return true;
};
var digitsAt2 = (s, i, n) => {
  for (let k = 0; k < n; k++) if (!isDigit2(s.charCodeAt(i + k))) return false;
  return true;
};
var ctimeAt = (s, i) => {
  if (i + 16 > s.length) return void 0;
  if (s.charCodeAt(i + 3) !== 32 || s.charCodeAt(i + 7) !== 32 || s.charCodeAt(i + 10) !== 32)
    return void 0;
  if (s.charCodeAt(i + 13) !== 58 || !digitsAt2(s, i + 11, 2) || !digitsAt2(s, i + 14, 2)) return void 0;
  const weekday = Time_exports.weekdayOf(s.slice(i, i + 3));
  if (weekday < 0) return void 0;
  const month = Time_exports.monthOf(s.slice(i + 4, i + 7));
  if (month < 0) return void 0;
  const c8 = s.charCodeAt(i + 8);
  if (!isDigit2(s.charCodeAt(i + 9)) || !(c8 === 32 || isDigit2(c8))) return void 0;
  const day = c8 === 32 ? s.charCodeAt(i + 9) - 48 : d2(s, i + 8);
  const hour = d2(s, i + 11);
  const minute = d2(s, i + 14);
  if (day < 1 || day > 31 || hour > 23 || minute > 59) return void 0;
  if (i + 24 <= s.length && s.charCodeAt(i + 16) === 58 && digitsAt2(s, i + 17, 2) && s.charCodeAt(i + 19) === 32 && digitsAt2(s, i + 20, 4) && (i + 24 === s.length || s.charCodeAt(i + 24) === 32)) {
    const second = d2(s, i + 17);
    const year = d2(s, i + 20) * 100 + d2(s, i + 22);
    if (second <= 60) return { weekday, month, day, hour, minute, second, year, length: 24 };
  }
  if (i + 16 < s.length && s.charCodeAt(i + 16) !== 32) return void 0;
  return { weekday, month, day, hour, minute, second: 0, year: Number.NaN, length: 16 };
};
var isoLengthAt = (s, i) => {
  if (i + 20 > s.length) return 0;
  if (!digitsAt2(s, i, 4) || s.charCodeAt(i + 4) !== 45 || !digitsAt2(s, i + 5, 2) || s.charCodeAt(i + 7) !== 45 || !digitsAt2(s, i + 8, 2) || s.charCodeAt(i + 10) !== 84 || !digitsAt2(s, i + 11, 2) || s.charCodeAt(i + 13) !== 58 || !digitsAt2(s, i + 14, 2) || s.charCodeAt(i + 16) !== 58 || !digitsAt2(s, i + 17, 2)) {
    return 0;
  }
  let j = i + 19;
  const c = s.charCodeAt(j);
  if (c === 44 || c === 46) {
    j++;
    while (isDigit2(s.charCodeAt(j))) j++;
  }
  const o = s.charCodeAt(j);
  if (o === 90) return j + 1 - i;
  if ((o === 43 || o === 45) && digitsAt2(s, j + 1, 2)) {
    if (s.charCodeAt(j + 3) === 58 && digitsAt2(s, j + 4, 2)) return j + 6 - i;
    if (digitsAt2(s, j + 3, 2)) return j + 5 - i;
  }
  return 0;
};
var lengthAt = (s, i) => {
  if (s.charCodeAt(i) !== 40) return void 0;
  const close = s.indexOf(")", i);
  if (close < 0 || close - i > 24) return void 0;
  let body = s.slice(i + 1, close);
  let neg = false;
  if (body.startsWith("-")) {
    neg = true;
    body = body.slice(1);
  }
  let days = 0;
  const plus = body.indexOf("+");
  if (plus >= 0) {
    const ds = body.slice(0, plus);
    if (!isAllDigits(ds)) return void 0;
    days = Number(ds);
    body = body.slice(plus + 1);
  }
  const colon = body.indexOf(":");
  if (colon < 0) return void 0;
  const hs = body.slice(0, colon);
  const ms = body.slice(colon + 1);
  if (!isAllDigits(hs) || !isAllDigits(ms)) return void 0;
  const total = days * 1440 + Number(hs) * 60 + Number(ms);
  if (!Number.isFinite(total)) return void 0;
  return { minutes: neg ? -total : total, end: close + 1 };
};
var wall = (ms, z) => new Date(ms + z.offsetAt(ms) * 6e4);
var p23 = (n) => (n < 10 ? "0" : "") + n;
var ctime = (ms, z) => {
  const d = wall(Math.floor(ms / 1e3) * 1e3, z);
  return `${Time_exports.WEEKDAYS[d.getUTCDay()]} ${Time_exports.MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ${p23(d.getUTCHours())}:${p23(d.getUTCMinutes())}:${p23(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
};
var isoLocal = (ms, z) => {
  const whole = Math.floor(ms / 1e3) * 1e3;
  const off = z.offsetAt(whole);
  const d = new Date(whole + off * 6e4);
  const a = Math.abs(off);
  return `${String(d.getUTCFullYear()).padStart(4, "0")}-${p23(d.getUTCMonth() + 1)}-${p23(d.getUTCDate())}T${p23(d.getUTCHours())}:${p23(d.getUTCMinutes())}:${p23(d.getUTCSeconds())}${off < 0 ? "-" : "+"}${p23(Math.floor(a / 60))}:${p23(a % 60)}`;
};
var hhmm = (ms, z) => {
  const d = wall(Math.floor(ms / 1e3) * 1e3, z);
  return `${p23(d.getUTCHours())}:${p23(d.getUTCMinutes())}`;
};
var info8 = {
  kind: "last",
  description: "Text output of util-linux `last` / `lastb` as login sessions (year inferred for the default format).",
  record: "Login",
  binary: false,
  variants: [
    "util-linux 2.38 default (year-less short times)",
    "-F / --time-format full",
    "--time-format iso",
    "--time-format notime (rows counted as skips: no times)",
    "-w, -x, -a, -R, -i",
    "lastb (failed: true)",
    "old sysvinit boot rows without a logout column",
    "the `<file> begins <time>` trailer"
  ],
  options: ["year", "zone", "reference"]
};
var looksLikeRow = (s) => {
  for (let i = 1; i + 16 <= s.length; i++) {
    if (s.charCodeAt(i - 1) !== 32) continue;
    if (ctimeAt(s, i) !== void 0 || isoLengthAt(s, i) > 0) {
      const rest = s.slice(i);
      return /( - |still|gone|\()/.test(rest);
    }
  }
  return false;
};
var sniff8 = (head) => {
  let text = "";
  const n = Math.min(head.length, 16384);
  for (let i = 0; i < n; i++) {
    const c = head[i];
    if (c === 0) return 0;
    text += String.fromCharCode(c);
  }
  const lines2 = text.split("\n");
  if (!text.endsWith("\n") && lines2.length > 2) lines2.pop();
  let seen = 0;
  let good = 0;
  let trailer = false;
  for (const raw of lines2.slice(0, 60)) {
    const s = raw.replace(/\r$/, "").trimEnd();
    if (s.length === 0) continue;
    seen++;
    if (/^\S+ begins /.test(s)) {
      trailer = true;
      good++;
    } else if (looksLikeRow(s)) good++;
  }
  if (seen === 0) return 0;
  const share = good / seen;
  return Math.min(1, share * (trailer ? 1 : 0.9) * (seen >= 2 ? 1 : 0.8));
};
var kindOfLine = (line2) => line2 === "system boot" ? "reboot" : line2 === "system down" ? "shutdown" : line2.startsWith("(to lvl") ? "runlevel" : "user";
var skipSpaces = (s, i) => {
  while (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9) i++;
  return i;
};
var findLogin = (s) => {
  for (let i = 1; i + 16 <= s.length; i++) {
    if (s.charCodeAt(i - 1) !== 32) continue;
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (isoLengthAt(s, i) > 0) return i;
    } else if (c >= 65 && c <= 90 && ctimeAt(s, i) !== void 0) return i;
  }
  return -1;
};
var splitLeft = (s, i) => {
  const sp = s.indexOf(" ");
  const uf = sp <= 0 ? 8 : Math.max(8, sp);
  if (i >= uf + 14 && s.charCodeAt(uf) === 32 && s.charCodeAt(uf + 13) === 32) {
    return {
      user: s.slice(0, uf).trim(),
      line: s.slice(uf + 1, uf + 13).trimEnd(),
      host: s.slice(uf + 14, i).trim()
    };
  }
  const toks = s.slice(0, i).trim().split(/\s+/);
  const user = toks[0] ?? "";
  let k = 1;
  let line2 = toks[1] ?? "";
  if (line2 === "system" && (toks[2] === "boot" || toks[2] === "down") || line2 === "(to") {
    line2 = toks.slice(1, line2 === "(to" ? 4 : 3).join(" ");
    k = line2.startsWith("(to") ? 4 : 3;
  } else k = 2;
  return { user, line: line2, host: toks.slice(k).join(" ") };
};
var NOTIME_TAIL = /(\(-?\d+(\+\d+)?:\d+\)|no logout|logged in|running)$/;
var readRow = (s, no, zone2) => {
  const i = findLogin(s);
  if (i < 0) {
    return NOTIME_TAIL.test(s) ? "no timestamps (--time-format notime): the session cannot be placed in time" : "not a last row: no login time found";
  }
  const { user, line: line2, host: hostLeft } = splitLeft(s, i);
  const kind = kindOfLine(line2);
  const r = {
    no,
    kind,
    user,
    line: line2,
    host: hostLeft,
    start: Number.NaN,
    dated: false,
    month: 0,
    day: 0,
    weekday: 0,
    hour: 0,
    minute: 0,
    endKind: 3,
    endMs: Number.NaN,
    endHour: 0,
    endMinute: 0,
    lenMin: 0,
    reason: "still-logged-in"
  };
  let p;
  const isoLen = isoLengthAt(s, i);
  if (isoLen > 0) {
    r.start = parseIso(s.slice(i, i + isoLen), zone2);
    r.dated = true;
    p = i + isoLen;
  } else {
    const c = ctimeAt(s, i);
    r.month = c.month;
    r.day = c.day;
    r.weekday = c.weekday;
    r.hour = c.hour;
    r.minute = c.minute;
    if (c.length === 24) {
      if (c.day > Time_exports.daysInMonth(c.year, c.month)) return `impossible date in "${s.slice(i, i + 24)}"`;
      r.start = zone2.toEpoch(c.year, c.month, c.day, c.hour, c.minute, c.second);
      r.dated = true;
    }
    p = i + c.length;
  }
  if (Number.isNaN(r.start) && isoLen > 0) return `invalid ISO time "${s.slice(i, i + isoLen)}"`;
  p = skipSpaces(s, p);
  let needLength = false;
  if (s.startsWith("- ", p)) {
    p = skipSpaces(s, p + 2);
    if (s.startsWith("crash", p)) {
      r.reason = "crash";
      r.endKind = 2;
      needLength = true;
      p += 5;
    } else if (s.startsWith("down", p)) {
      r.reason = "down";
      r.endKind = 2;
      needLength = true;
      p += 4;
    } else {
      r.reason = "logout";
      const il = isoLengthAt(s, p);
      const ct = il > 0 ? void 0 : ctimeAt(s, p);
      if (il > 0) {
        r.endKind = 0;
        r.endMs = parseIso(s.slice(p, p + il), zone2);
        p += il;
      } else if (ct !== void 0 && ct.length === 24) {
        r.endKind = 0;
        r.endMs = zone2.toEpoch(ct.year, ct.month, ct.day, ct.hour, ct.minute, ct.second);
        p += 24;
      } else if (/^\d\d:\d\d(?!\d)/.test(s.slice(p, p + 6))) {
        r.endKind = 1;
        r.endHour = Number(s.slice(p, p + 2));
        r.endMinute = Number(s.slice(p + 3, p + 5));
        if (r.endHour > 23 || r.endMinute > 59) return `invalid logout time "${s.slice(p, p + 5)}"`;
        needLength = true;
        p += 5;
      } else return `unrecognised logout column "${s.slice(p, p + 26).trimEnd()}"`;
      if (r.endKind === 0 && Number.isNaN(r.endMs)) return "invalid logout time";
    }
    p = skipSpaces(s, p);
    const len = lengthAt(s, p);
    if (len !== void 0) {
      r.lenMin = len.minutes;
      p = len.end;
    } else if (needLength) return "missing LENGTH column";
  } else if (s.startsWith("still", p)) {
    const q = skipSpaces(s, p + 5);
    if (s.startsWith("logged in", q)) {
      r.reason = "still-logged-in";
      p = q + 9;
    } else if (s.startsWith("running", q)) {
      r.reason = "running";
      p = q + 7;
    } else return `unrecognised logout column "${s.slice(p).trimEnd()}"`;
  } else if (s.startsWith("gone", p)) {
    const q = skipSpaces(s, p + 4);
    if (!s.startsWith("- no logout", q)) return `unrecognised logout column "${s.slice(p).trimEnd()}"`;
    r.reason = "gone";
    p = q + 11;
  } else if (s.charCodeAt(p) === 40) {
    const len = lengthAt(s, p);
    if (len === void 0) return `unrecognised LENGTH column "${s.slice(p).trimEnd()}"`;
    r.reason = "logout";
    r.endKind = 2;
    r.lenMin = len.minutes;
    p = len.end;
  } else if (line2 === "new time" || line2 === "old time") {
    return "clock change";
  } else return "missing LOGOUT column";
  const rest = s.slice(p).trim();
  if (rest.length > 0) {
    if (r.host.length > 0) return `unexpected text after the LENGTH column: "${rest.slice(0, 40)}"`;
    r.host = rest;
  }
  return r;
};
var finish = (r, zone2, failed) => {
  let end = null;
  let reason = r.reason;
  const start = r.start;
  if (r.endKind === 0) end = r.endMs;
  else if (r.endKind === 2) end = start + r.lenMin * 6e4;
  else if (r.endKind === 1) {
    const approx = start + r.lenMin * 6e4;
    const w = wall(approx, zone2);
    let best = Number.NaN;
    for (let dd2 = -1; dd2 <= 1; dd2++) {
      const c = zone2.toEpoch(
        w.getUTCFullYear(),
        w.getUTCMonth(),
        w.getUTCDate() + dd2,
        r.endHour,
        r.endMinute,
        0
      );
      if (Number.isNaN(best) || Math.abs(c - approx) < Math.abs(best - approx)) best = c;
    }
    end = best;
  }
  if (r.kind === "shutdown" && end !== null && end < 864e5) {
    end = null;
    reason = "running";
  }
  const host = r.host;
  const rec = {
    kind: r.kind,
    user: r.user,
    line: r.line,
    host,
    start,
    end,
    endReason: reason,
    durationSeconds: end === null ? null : Math.round(end - start) / 1e3
  };
  if (host.length > 0 && Net_exports.isIp(host)) {
    const canon = Net_exports.canonicalIp(host);
    rec.addr = canon === "0.0.0.0" || canon === "::" ? null : canon;
  }
  if (failed) rec.failed = true;
  return rec;
};
var keyOf = (month, day, hour, minute) => ((month * 32 + day) * 24 + hour) * 60 + minute;
var wallOf = (ms, zone2) => {
  const d = wall(ms, zone2);
  return {
    y: d.getUTCFullYear(),
    key: keyOf(d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes())
  };
};
var weekdayFits = (r, y) => r.day <= Time_exports.daysInMonth(y, r.month) && Time_exports.weekdayOfDate(y, r.month, r.day) === r.weekday;
var assignYears = (rows, ref, up, zone2) => {
  let y = ref.y;
  let prev = ref.key;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let adjusted = 0;
  let mismatched = 0;
  const step = up ? 1 : -1;
  for (let n = 0; n < rows.length; n++) {
    const r = rows[up ? rows.length - 1 - n : n];
    if (r.dated) continue;
    const k = keyOf(r.month, r.day, r.hour, r.minute);
    const cand = (up ? k < prev : k > prev) ? y + step : y;
    let chosen = cand;
    if (!weekdayFits(r, cand)) {
      if (cand !== y && weekdayFits(r, y)) chosen = y;
      else {
        let found = Number.NaN;
        for (let c = cand + step, m2 = 0; m2 < 28; m2++, c += step) {
          if (weekdayFits(r, c)) {
            found = c;
            break;
          }
        }
        if (Number.isNaN(found)) mismatched++;
        else chosen = found;
      }
      if (chosen !== cand) adjusted++;
    }
    y = chosen;
    prev = k;
    lo = Math.min(lo, y);
    hi = Math.max(hi, y);
    const day = Math.min(r.day, Time_exports.daysInMonth(y, r.month));
    r.start = zone2.toEpoch(y, r.month, day, r.hour, r.minute, 0);
  }
  return [lo, hi, adjusted, mismatched];
};
var TRAILER = " begins ";
var lastParser = lineParser(
  (emit, options) => {
    const zone2 = options.zone ?? UTC;
    const failed = options.failed === true;
    let pending = [];
    let trailers = 0;
    const flush = (ref, up, how) => {
      if (pending.length === 0) return;
      if (pending.every((r) => r.dated)) {
        for (const r of pending) emit.record(finish(r, zone2, failed));
        pending = [];
        return;
      }
      const [lo, hi, adjusted, mismatched] = assignYears(pending, ref, up, zone2);
      let text = `${lo === hi ? lo : `${lo}..${hi}`} ${how}`;
      if (adjusted > 0) text += `; ${adjusted} row(s) moved to the year their weekday fits`;
      if (mismatched > 0) text += `; ${mismatched} row(s) match no year by weekday`;
      emit.infer("year", text);
      for (const r of pending) emit.record(finish(r, zone2, failed));
      pending = [];
    };
    return {
      line(text, no) {
        const s = text.trimEnd();
        if (s.length === 0) {
          emit.ignore(no, "blank");
          return;
        }
        const b = s.indexOf(TRAILER);
        if (b > 0 && !s.slice(0, b).includes(" ")) {
          const t = s.slice(b + TRAILER.length);
          const il = isoLengthAt(t, 0);
          let ms = Number.NaN;
          if (il > 0 && il === t.length) ms = parseIso(t, zone2);
          else {
            const c = ctimeAt(t, 0);
            if (c !== void 0 && c.length === 24 && t.length === 24)
              ms = zone2.toEpoch(c.year, c.month, c.day, c.hour, c.minute, c.second);
          }
          if (!Number.isNaN(ms)) {
            trailers++;
            emit.ignore(no, "trailer");
            emit.infer("begins", formatIso(ms));
            if (ms > 864e5) flush(wallOf(ms, zone2), true, `from the "${s.slice(0, b)} begins" trailer`);
            return;
          }
        }
        const r = readRow(s, no, zone2);
        if (typeof r === "string") {
          if (r === "clock change") emit.ignore(no, r);
          else emit.skip(no, r);
          return;
        }
        if (Number.isNaN(r.start) || pending.length > 0) pending.push(r);
        else emit.record(finish(r, zone2, failed));
      },
      end() {
        if (pending.length === 0) return;
        if (options.year !== void 0) {
          flush({ y: options.year, key: keyOf(11, 31, 23, 59) }, false, `from options.year (newest row)`);
        } else if (options.reference !== void 0) {
          flush(wallOf(options.reference, zone2), false, "from options.reference (latest year not after it)");
        } else {
          flush(
            wallOf(Date.now(), zone2),
            false,
            `from today's date (no trailer${trailers > 0 ? " after these rows" : ""}, year or reference given)`
          );
        }
      }
    };
  }
);
var createLastParser = lastParser;
var parseLast = (input2, options = {}) => parseAll(lastParser, input2, options);
var FORMATS = {
  notime: { inLen: 0, outLen: 0, level: 0 },
  short: { inLen: 16, outLen: 7, level: 1 },
  full: { inLen: 24, outLen: 26, level: 2 },
  iso: { inLen: 25, outLen: 27, level: 3 }
};
var col = (s, width, precision) => {
  const t = s.length > precision ? s.slice(0, precision) : s;
  return t.length < width ? t.padEnd(width) : t;
};
var d02 = (n) => n < 0 ? `-${Math.abs(n)}` : n < 10 ? `0${n}` : String(n);
var lastLength = (secs) => {
  const mins = Math.trunc(secs / 60) % 60;
  const hours = Math.trunc(secs / 3600) % 24;
  const days = Math.trunc(secs / 86400);
  if (days !== 0) return `(${days}+${d02(Math.abs(hours))}:${d02(Math.abs(mins))})`;
  if (hours !== 0) return ` (${d02(hours)}:${d02(Math.abs(mins))})`;
  if (secs >= 0) return ` (${d02(hours)}:${d02(mins)})`;
  return ` (-00:${d02(Math.abs(mins))})`;
};
var renderLastRow = (r, options = {}) => {
  const format = options.format ?? "short";
  const f = FORMATS[format];
  const z = options.zone ?? UTC;
  const stamp = (ms) => format === "iso" ? isoLocal(ms, z) : format === "notime" ? "" : ctime(ms, z);
  const login = stamp(r.start);
  let logout = "";
  let length = "";
  const secs = r.end === null ? 0 : Math.floor(r.end / 1e3) - Math.floor(r.start / 1e3);
  const open = r.end === null;
  const reason = open && (r.endReason === "logout" || r.endReason === "crash" || r.endReason === "down") ? r.kind === "user" ? "still-logged-in" : "running" : r.endReason;
  switch (reason) {
    case "crash":
      logout = "- crash";
      length = lastLength(secs);
      break;
    case "down":
      logout = "- down ";
      length = lastLength(secs);
      break;
    case "still-logged-in":
      if (f.level > 1) logout = "  still logged in";
      else [logout, length] = ["  still", "logged in"];
      break;
    case "running":
      if (f.level > 1) logout = "  still running";
      else [logout, length] = ["  still", "running"];
      break;
    case "gone":
      if (f.level > 1) logout = "  gone - no logout";
      else if (f.level === 1) [logout, length] = ["   gone", "- no logout"];
      else length = "no logout";
      break;
    default:
      logout = `- ${format === "short" ? hhmm(r.end ?? r.start, z) : stamp(r.end ?? r.start)}`;
      length = lastLength(secs);
  }
  const user = col(r.user, 8, options.wide ? 32 : 8);
  const line2 = col(r.line, 12, 12);
  const inCol = col(login, f.inLen, f.inLen);
  const outCol = col(logout, f.outLen, f.outLen);
  let row;
  if (options.noHost) row = `${user} ${line2} ${inCol} ${outCol} ${length}`;
  else if (options.hostLast)
    row = `${user} ${line2} ${inCol} ${outCol} ${col(length, 12, 12)} ${r.host.slice(0, 255)}`;
  else row = `${user} ${line2} ${col(r.host, 16, options.wide ? 255 : 16)} ${inCol} ${outCol} ${length}`;
  return row.trimEnd();
};
var renderLast = (records, options = {}) => {
  const list2 = [...records].map((r, i) => ({ r, i }));
  list2.sort((a, b) => b.r.start - a.r.start || a.i - b.i);
  let out = "";
  for (const { r } of list2) out += `${renderLastRow(r, options)}
`;
  const format = options.format ?? "short";
  if (options.trailer !== false && format !== "notime") {
    const t = options.trailer ?? {};
    let begins = t.begins;
    if (begins === void 0) begins = list2.length > 0 ? list2[list2.length - 1].r.start : 0;
    const z = options.zone ?? UTC;
    out += `
${t.file ?? "wtmp"} begins ${format === "iso" ? isoLocal(begins, z) : ctime(begins, z)}
`;
  }
  return out;
};
var parser8 = { info: info8, create: lastParser, sniff: sniff8 };
var lmstat_exports = {};
__export2(lmstat_exports, {
  info: () => info9,
  lmstatParser: () => lmstatParser,
  parseLmstat: () => parseLmstat,
  parser: () => parser9,
  renderLmstat: () => renderLmstat,
  sniff: () => sniff9
});
var info9 = {
  kind: "lmstat",
  description: "`lmutil lmstat -a` / `-i` output (FlexLM) as LmstatRecord records",
  record: "LmstatRecord",
  binary: false,
  variants: [
    "lmstat -a (FNP 9-11.19): server and vendor status, Users of (singular/plural, Uncounted, Error, Cannot get users, None)",
    "checkout lines with display, (vVER), (server/port handle), start, N licenses, linger, borrow-return, PID",
    "queued lines, TAB-indented RESERVATIONs, server down (Cannot connect / Error getting status)",
    "lmstat -i table (Expires/Vendor in either order)"
  ],
  options: ["zone", "year", "reference"]
};
var decoder8 = new TextDecoder("utf-8");
var sniff9 = (head) => {
  const text = decoder8.decode(head.subarray(0, 16384));
  if (/^Flexible License Manager status on /m.test(text)) return 0.95;
  if (/^Users of [^\n:]+: {1,2}\((?:Total of|Uncounted|Error)/m.test(text)) return 0.95;
  if (/^License server status: \d+@/m.test(text)) return 0.8;
  if (/^Feature\s+Version\s+#licenses\s+(?:Expires|Vendor)/m.test(text)) return 0.7;
  return 0;
};
var WS = /\s+/;
var serverGroup = (s) => {
  if (!s.endsWith(")")) return void 0;
  const o = s.lastIndexOf("(");
  if (o < 0) return void 0;
  const inner = s.slice(o + 1, -1).trim();
  const sl = inner.indexOf("/");
  if (sl <= 0) return void 0;
  const server = inner.slice(0, sl);
  const rest = inner.slice(sl + 1).split(WS);
  const port = /^\d+$/.test(rest[0] ?? "") ? Number(rest[0]) : null;
  return [server, port, rest[1] ?? null, o];
};
var MDY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
var HM = /^(\d{1,2}):(\d{2})$/;
var lmstatParser = lineParser((emit, options) => {
  const zone2 = options.zone ?? UTC;
  let section = "top";
  let status;
  let saidYear = false;
  let saidWeekday = false;
  let feature = "";
  const ports = /* @__PURE__ */ new Map();
  let firstServer = "";
  let tableExpiresFirst = false;
  const portOf = (host) => {
    const h = host.toLowerCase();
    return ports.get(h) ?? ports.get(h.split(".")[0] ?? h) ?? null;
  };
  const startOf = (dow, md, hm) => {
    const a = /^(\d{1,2})\/(\d{1,2})$/.exec(md);
    const b = HM.exec(hm);
    if (!a || !b) return null;
    const m0 = Number(a[1]) - 1;
    const d = Number(a[2]);
    let y;
    if (status !== void 0) {
      y = status.y;
      if (m0 > status.m0 || m0 === status.m0 && d > status.d) y--;
    } else if (options.year !== void 0) y = options.year;
    else if (options.reference !== void 0) y = new Date(options.reference).getUTCFullYear();
    else {
      if (!saidYear) {
        saidYear = true;
        emit.infer("year", "no `status on` header and no options.year/reference: start times null");
      }
      return null;
    }
    if (m0 < 0 || m0 > 11 || d < 1 || d > 31) return null;
    const wd = Time_exports.weekdayOf(dow);
    if (wd >= 0 && d <= Time_exports.daysInMonth(y, m0) && Time_exports.weekdayOfDate(y, m0, d) !== wd) {
      const wy = Time_exports.yearForWeekday(m0, d, wd, y - 1, 6);
      if (wy !== void 0) {
        y = wy;
        if (!saidWeekday) {
          saidWeekday = true;
          emit.infer("weekday", `a start's weekday put it in an earlier year than the header's (${wy})`);
        }
      }
    }
    if (d > Time_exports.daysInMonth(y, m0)) return null;
    return zone2.toEpoch(y, m0, d, Number(b[1]), Number(b[2]), 0);
  };
  const userLine = (t) => {
    let head;
    let tail = "";
    let queuedFor = -1;
    const q = / queued for (\d+) licenses?$/.exec(t);
    const st = t.lastIndexOf(", start ");
    if (q) {
      head = t.slice(0, q.index).trimEnd();
      queuedFor = Number(q[1]);
    } else if (st > 0) {
      head = t.slice(0, st);
      tail = t.slice(st + 8);
    } else return "user line without start or queued";
    const sg = serverGroup(head);
    let server = null;
    let port = null;
    let handle = null;
    if (sg) {
      [server, port, handle] = sg;
      head = head.slice(0, sg[3]).trimEnd();
    }
    let version = null;
    const vm = /\(v([^()\s]*)\)$/.exec(head);
    if (vm) {
      version = vm[1] ?? "";
      head = head.slice(0, vm.index).trimEnd();
    }
    const toks = head.split(WS);
    if (toks.length < 2) return "user line without host";
    const user = toks[0];
    const host = toks[1];
    const display = toks.length > 2 ? toks.slice(2).join(" ") : null;
    if (queuedFor >= 0) {
      const r2 = {
        type: "queued",
        feature,
        user,
        host,
        display,
        version,
        server,
        port,
        handle,
        count: queuedFor
      };
      return r2;
    }
    const tt = tail.split(WS);
    const start = startOf(tt[0] ?? "", tt[1] ?? "", (tt[2] ?? "").replace(/,$/, ""));
    const cm = /, (\d+) licenses?/.exec(tail);
    const lm = /\(linger: (\d+)/.exec(tail);
    const r = {
      type: "checkout",
      feature,
      user,
      host,
      display,
      version,
      server,
      port,
      handle,
      start,
      count: cm ? Number(cm[1]) : 1,
      linger: lm ? Number(lm[1]) : null
    };
    return r;
  };
  const usersOf = (t) => {
    const colon = t.indexOf(": ", 9);
    const c2 = colon < 0 && t.endsWith(":") ? t.length - 1 : colon;
    if (c2 < 0) return "Users of line without ':'";
    feature = t.slice(9, c2);
    const rest = t.slice(c2 + 1).trim();
    const r = { type: "feature", feature, issued: null, inUse: null, error: null };
    const m2 = /^\(Total of (\d+) licenses? issued;\s+Total of (\d+) licenses? in use\)$/.exec(rest);
    if (m2) {
      r.issued = Number(m2[1]);
      r.inUse = Number(m2[2]);
    } else if (rest.startsWith("(Uncounted")) {
      r.error = null;
    } else if (rest === "None") r.inUse = 0;
    else if (rest.startsWith("(Error: ") && rest.endsWith(")")) r.error = rest.slice(8, -1);
    else if (rest.length > 0) r.error = rest.replace(/^\((.*)\)$/, "$1");
    return r;
  };
  const line2 = (raw, no) => {
    const t = raw.trim();
    if (t.length === 0) return emit.ignore(no, "blank");
    const lead = raw.charCodeAt(0);
    if (t.startsWith("lmutil - ") || t.startsWith("lmstat - ") || t.startsWith("[Detecting"))
      return emit.ignore(no, "banner");
    if (t.startsWith("Flexible License Manager status on ")) {
      const p = t.slice(35).split(WS);
      const m2 = MDY.exec(p[1] ?? "");
      if (m2) {
        status = { y: Number(m2[3]), m0: Number(m2[1]) - 1, d: Number(m2[2]) };
        emit.infer(
          "year",
          `${m2[3]} from the "status on" header (line ${no}); a start later in the year is the year before`
        );
      }
      section = "top";
      return emit.ignore(no, "header");
    }
    if (t.startsWith("License server status: ")) {
      for (const pa of t.slice(23).split(",")) {
        const at = pa.indexOf("@");
        if (at > 0) {
          const h = pa.slice(at + 1).trim().toLowerCase();
          const port = Number(pa.slice(0, at));
          if (Number.isInteger(port)) {
            ports.set(h, port);
            ports.set(h.split(".")[0] ?? h, port);
            if (!firstServer) firstServer = pa.slice(at + 1).trim();
          }
        }
      }
      section = "server";
      return emit.ignore(no, "header");
    }
    if (t.startsWith("License file(s) on ")) return emit.ignore(no, "license file");
    if (t.startsWith("Vendor daemon status")) {
      section = "vendor";
      return emit.ignore(no, "header");
    }
    if (t === "Feature usage info:") {
      section = "features";
      return emit.ignore(no, "header");
    }
    if (t.startsWith("Error getting status: ")) {
      const r = {
        type: "server",
        host: firstServer,
        port: portOf(firstServer),
        status: "DOWN",
        role: null,
        version: null,
        error: t.slice(22)
      };
      return emit.record(r);
    }
    if (t.startsWith("Users of ")) {
      section = "features";
      const r = usersOf(t);
      return typeof r === "string" ? emit.skip(no, r) : emit.record(r);
    }
    if (/^Feature\s+Version\s+#licenses\s+/.test(t)) {
      tableExpiresFirst = t.indexOf("Expires") < t.indexOf("Vendor");
      section = "table";
      return emit.ignore(no, "header");
    }
    if (/^_+(?:\s+_+)*$/.test(t)) return emit.ignore(no, "header");
    if (section === "table") {
      const f = t.split(WS);
      if (f.length < 5) return emit.skip(no, "short -i table row");
      const [feat, ver, cnt, a, b] = f;
      const r = {
        type: "expiry",
        feature: feat,
        version: ver,
        count: /^\d+$/.test(cnt) ? Number(cnt) : null,
        expires: (tableExpiresFirst ? a : b) || null,
        vendor: (tableExpiresFirst ? b : a) || null
      };
      return emit.record(r);
    }
    if (lead === 9 && /^\d+ RESERVATIONs? for /.test(t)) {
      const m2 = /^(\d+) RESERVATIONs? for (\S+) (.*?)(?: \(([^()/]+)\/(\d+)\))?$/.exec(t);
      if (!m2) return emit.skip(no, "bad reservation line");
      const r = {
        type: "reservation",
        feature,
        count: Number(m2[1]),
        kind: m2[2],
        name: m2[3],
        server: m2[4] ?? null,
        port: m2[5] === void 0 ? null : Number(m2[5])
      };
      return emit.record(r);
    }
    if (t.charCodeAt(0) === 34) {
      const q = t.indexOf('"', 1);
      if (q > 0) {
        const rest = t.slice(q + 1);
        const v = /^ v([^,\s]*)/.exec(rest);
        const vd = /vendor: ([^,\s]+)/.exec(rest);
        const ex = /expiry: (\S+)/.exec(rest);
        const r = {
          type: "expiry",
          feature: t.slice(1, q),
          version: v ? v[1] ?? null : null,
          count: null,
          expires: ex ? ex[1] ?? null : null,
          vendor: vd ? vd[1] ?? null : null
        };
        return emit.record(r);
      }
    }
    if (section === "features" && (lead === 32 || lead === 9)) {
      if (/ queued for \d+ licenses?$/.test(t) || t.lastIndexOf(", start ") > 0) {
        const r = userLine(t);
        return typeof r === "string" ? emit.skip(no, r) : emit.record(r);
      }
      return emit.ignore(no, "feature detail");
    }
    const colon = t.indexOf(": ");
    if ((section === "server" || section === "top") && colon > 0) {
      const host = t.slice(0, colon);
      const rest = t.slice(colon + 2);
      const m2 = /^license server (UP|DOWN)(?: \(([^)]*)\))?(?: v(\S+))?$/.exec(rest);
      const r = m2 ? {
        type: "server",
        host,
        port: portOf(host),
        status: m2[1],
        role: m2[2] ?? null,
        version: m2[3] ?? null,
        error: null
      } : {
        type: "server",
        host,
        port: portOf(host),
        status: "DOWN",
        role: null,
        version: null,
        error: rest
      };
      section = "server";
      return emit.record(r);
    }
    if (section === "vendor" && colon > 0) {
      const vendor = t.slice(0, colon);
      const rest = t.slice(colon + 2);
      const m2 = /^(UP|DOWN)(?: v(\S+))?$/.exec(rest);
      const r = m2 ? { type: "vendor", vendor, status: m2[1], version: m2[2] ?? null, error: null } : { type: "vendor", vendor, status: "DOWN", version: null, error: rest };
      return emit.record(r);
    }
    if (section === "features") return emit.ignore(no, "feature detail");
    emit.skip(no, "unrecognised lmstat line");
  };
  return { line: line2 };
});
var parseLmstat = (input2, options = {}) => parseAll(lmstatParser, input2, options);
var DOW = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
var p24 = (n) => n < 10 ? `0${n}` : String(n);
var wall2 = (ms, zone2) => new Date(ms + zone2.offsetAt(ms) * 6e4);
var lic = (n) => `${n} license${n === 1 ? "" : "s"}`;
var userHead = (r) => {
  let s = `    ${r.user} ${r.host}`;
  if (r.display !== null) s += ` ${r.display}`;
  if (r.version !== null) s += ` (v${r.version})`;
  if (r.server !== null) s += ` (${r.server}/${r.port ?? ""}${r.handle === null ? "" : ` ${r.handle}`})`;
  return s;
};
var renderLmstat = (records, options = {}) => {
  const zone2 = options.zone ?? UTC;
  let at = options.at;
  if (at === void 0) {
    for (const r of records)
      if (r.type === "checkout" && r.start !== null) at = Math.max(at ?? r.start, r.start);
    at ??= Date.UTC(2025, 0, 1);
  }
  const h = wall2(at, zone2);
  const out = [
    "lmutil - Copyright (c) 1989-2024 Flexera. All Rights Reserved.",
    `Flexible License Manager status on ${DOW[h.getUTCDay()]} ${h.getUTCMonth() + 1}/${h.getUTCDate()}/${h.getUTCFullYear()} ${p24(h.getUTCHours())}:${p24(h.getUTCMinutes())}`,
    ""
  ];
  const servers = records.filter((r) => r.type === "server");
  if (servers.length > 0) {
    out.push(`License server status: ${servers.map((s) => `${s.port ?? 27e3}@${s.host}`).join(",")}`);
    out.push(`    License file(s) on ${servers[0]?.host}: /opt/flexlm/license.dat:`, "");
  }
  let section = "";
  const table = [];
  for (const r of records) {
    switch (r.type) {
      case "server":
        out.push(
          r.status === "UP" && r.error === null ? `${r.host}: license server UP${r.role === null ? "" : ` (${r.role})`}${r.version === null ? "" : ` v${r.version}`}` : `${r.host}: ${r.error ?? "license server DOWN"}`
        );
        break;
      case "vendor":
        if (section !== "vendor") {
          out.push("", `Vendor daemon status (on ${servers[0]?.host ?? "localhost"}):`, "");
          section = "vendor";
        }
        out.push(
          r.status === "UP" && r.error === null ? `${r.vendor.padStart(10)}: UP${r.version === null ? "" : ` v${r.version}`}` : `${r.vendor.padStart(10)}: ${r.error ?? "DOWN"}`
        );
        break;
      case "expiry":
        if (r.count !== null) {
          table.push(
            `${r.feature.padEnd(32)}${(r.version ?? "").padEnd(12)}${String(r.count).padEnd(13)}${(r.expires ?? "").padEnd(13)}${r.vendor ?? ""}`
          );
          break;
        }
        out.push(
          `  "${r.feature}"${r.version === null ? "" : ` v${r.version}`}${r.vendor === null ? "" : `, vendor: ${r.vendor}`}${r.expires === null ? "" : `, expiry: ${r.expires}`}`,
          "  floating license",
          ""
        );
        break;
      default:
        if (section !== "features") {
          out.push("", "Feature usage info:", "");
          section = "features";
        }
        if (r.type === "feature") {
          let s = `Users of ${r.feature}:`;
          if (r.issued !== null && r.inUse !== null)
            s += `  (Total of ${lic(r.issued)} issued;  Total of ${lic(r.inUse)} in use)`;
          else if (r.error !== null) s += `  (Error: ${r.error})`;
          else if (r.inUse === 0) s += " None";
          else s += "  (Uncounted, node-locked)";
          out.push("", s, "");
        } else if (r.type === "checkout") {
          let s = userHead(r);
          if (r.start !== null) {
            const d = wall2(r.start, zone2);
            s += `, start ${DOW[d.getUTCDay()]} ${d.getUTCMonth() + 1}/${d.getUTCDate()} ${d.getUTCHours()}:${p24(d.getUTCMinutes())}`;
          } else s += ", start ? ?/? ?:??";
          if (r.count !== 1) s += `, ${r.count} licenses`;
          if (r.linger !== null) s += ` (linger: ${r.linger})`;
          out.push(s);
        } else if (r.type === "queued") out.push(`${userHead(r)} queued for ${lic(r.count)}`);
        else
          out.push(
            `	${r.count} RESERVATION${r.count === 1 ? "" : "s"} for ${r.kind} ${r.name}${r.server === null ? "" : ` (${r.server}/${r.port ?? ""})`}`
          );
    }
  }
  if (table.length > 0) {
    out.push(
      "",
      "Feature                         Version     #licenses    Expires      Vendor",
      "_______                         _______     _________    _______      ______",
      ...table
    );
  }
  return `${out.join("\n")}
`;
};
var parser9 = { info: info9, create: lmstatParser, sniff: sniff9 };
var logwatch_exports = {};
__export2(logwatch_exports, {
  ZONE_ABBREVIATIONS: () => ZONE_ABBREVIATIONS,
  info: () => info10,
  logwatchParser: () => logwatchParser,
  parseLogwatch: () => parseLogwatch,
  parser: () => parser10,
  readDateLine: () => readDateLine,
  renderLogwatch: () => renderLogwatch,
  sniff: () => sniff10
});
var info10 = {
  kind: "logwatch",
  description: "The seed's logwatch capture (date line, `ss -n -t` lines for the licence port, one debug-log line; repeated) as LicenceSnapshot records",
  record: "LicenceSnapshot",
  binary: false,
  variants: [
    "`date` (C locale, zone abbreviation or numeric), `date -R`, `date -Iseconds` / `--rfc-3339=seconds`",
    "socket lines of any `ss` generation (no header; header lines tolerated)",
    "debug-log line in any flexlm-log form"
  ],
  options: ["zone"]
};
var decoder9 = new TextDecoder("utf-8");
var DATE = /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2} (?:\S+ )?\d{4}|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}|(?:dim|lun|mar|mer|jeu|ven|sam)\. \d{1,2} \S+ \d{4} \d{2}:\d{2}:\d{2}(?: \S+)?)$/m;
var SOCKET = /^(?:ESTAB|CLOSE-WAIT|FIN-WAIT-[12]|SYN-SENT|LAST-ACK|CLOSING)\s+\d+\s+\d+\s+\S+:\d+\s+\S+:\d+/m;
var LOG = /^ ?\d{1,2}:\d{2}:\d{2} \([^)\s]+\) /m;
var sniff10 = (head) => {
  const text = decoder9.decode(head.subarray(0, 16384));
  if (!DATE.test(text) || !LOG.test(text)) return 0;
  return SOCKET.test(text) ? 0.9 : 0.6;
};
var SS_STATES = [
  "UNKNOWN",
  "ESTAB",
  "SYN-SENT",
  "SYN-RECV",
  "FIN-WAIT-1",
  "FIN-WAIT-2",
  "TIME-WAIT",
  "UNCONN",
  "CLOSE-WAIT",
  "LAST-ACK",
  "LISTEN",
  "CLOSING",
  "CLOSE"
];
var STATE_SET = new Map(SS_STATES.map((s) => [s, s]));
var SERVICE_PORTS = /* @__PURE__ */ new Map([
  ["tcpmux", 1],
  ["echo", 7],
  ["discard", 9],
  ["daytime", 13],
  ["chargen", 19],
  ["ftp-data", 20],
  ["ftp", 21],
  ["ssh", 22],
  ["telnet", 23],
  ["smtp", 25],
  ["time", 37],
  ["whois", 43],
  ["tacacs", 49],
  ["domain", 53],
  ["bootps", 67],
  ["bootpc", 68],
  ["tftp", 69],
  ["finger", 79],
  ["http", 80],
  ["www", 80],
  ["kerberos", 88],
  ["pop3", 110],
  ["sunrpc", 111],
  ["auth", 113],
  ["nntp", 119],
  ["ntp", 123],
  ["epmap", 135],
  ["netbios-ns", 137],
  ["netbios-dgm", 138],
  ["netbios-ssn", 139],
  ["imap2", 143],
  ["imap", 143],
  ["snmp", 161],
  ["snmp-trap", 162],
  ["bgp", 179],
  ["ldap", 389],
  ["https", 443],
  ["microsoft-ds", 445],
  ["submissions", 465],
  ["isakmp", 500],
  ["exec", 512],
  ["login", 513],
  ["shell", 514],
  ["printer", 515],
  ["submission", 587],
  ["ipp", 631],
  ["ldaps", 636],
  ["rsync", 873],
  ["ftps", 990],
  ["imaps", 993],
  ["pop3s", 995],
  ["socks", 1080],
  ["openvpn", 1194],
  ["ms-sql-s", 1433],
  ["radius", 1812],
  ["nfs", 2049],
  ["mysql", 3306],
  ["ms-wbt-server", 3389],
  ["svn", 3690],
  ["sip", 5060],
  ["xmpp-client", 5222],
  ["mdns", 5353],
  ["postgresql", 5432],
  ["amqp", 5672],
  ["x11", 6e3],
  ["redis", 6379],
  ["ircd", 6667],
  ["http-alt", 8080],
  ["webcache", 8080],
  ["git", 9418],
  ["zabbix-agent", 10050]
]);
var isNonInetNetid = (t) => t.startsWith("u_") || t.startsWith("p_") || t.startsWith("v_") || t === "nl" || t === "tipc" || t === "xdp";
var NON_INET = "non-inet socket";
var epAddr = "";
var epPort = null;
var epScope = "";
var epService = "";
var usersEnd = 0;
var V6_CACHE_MAX = 4096;
var v6Cache = /* @__PURE__ */ new Map();
var canonicalV6 = (a) => {
  let c = v6Cache.get(a);
  if (c === void 0) {
    c = Net_exports.canonicalIp(a);
    if (v6Cache.size >= V6_CACHE_MAX) v6Cache.clear();
    v6Cache.set(a, c);
  }
  return c;
};
var isServiceName = (t, s, e) => {
  for (let i = s; i < e; i++) {
    const c = t.charCodeAt(i);
    const ok = c >= 97 && c <= 122 || c >= 65 && c <= 90 || c >= 48 && c <= 57 || c === 45 || c === 95 || c === 46;
    if (!ok) return false;
  }
  return true;
};
var endpoint = (t, s, e) => {
  let addrS = s;
  let addrE;
  let scopeS = -1;
  let colon;
  if (t.charCodeAt(s) === 91) {
    const rb = t.indexOf("]", s + 1);
    if (rb < 0 || rb >= e) return "unbalanced [ in address";
    addrS = s + 1;
    addrE = rb;
    colon = rb + 1;
    if (t.charCodeAt(colon) === 37) {
      scopeS = colon + 1;
      colon = t.lastIndexOf(":", e - 1);
      if (colon < scopeS) return "missing :port";
    }
    if (colon >= e || t.charCodeAt(colon) !== 58) return "missing :port";
  } else {
    colon = t.lastIndexOf(":", e - 1);
    if (colon < s) return "missing :port";
    addrE = colon;
    const pct2 = t.indexOf("%", s);
    if (pct2 >= 0 && pct2 < colon) {
      addrE = pct2;
      scopeS = pct2 + 1;
    }
  }
  if (addrE <= addrS) return "empty address";
  epScope = scopeS >= 0 ? t.slice(scopeS, colon) : "";
  if (scopeS >= 0 && epScope.length === 0) return "empty scope after %";
  const ps = colon + 1;
  if (ps >= e) return "empty port";
  epService = "";
  if (e - ps === 1 && t.charCodeAt(ps) === 42) epPort = null;
  else {
    const p = decimal(t, ps, e);
    if (p >= 0) {
      if (p > 65535) return "port out of range";
      epPort = p;
    } else if (isServiceName(t, ps, e)) {
      epService = t.slice(ps, e);
      epPort = SERVICE_PORTS.get(epService) ?? null;
    } else return "bad port";
  }
  if (addrE - addrS === 1 && t.charCodeAt(addrS) === 42) epAddr = "*";
  else {
    const a = t.slice(addrS, addrE);
    epAddr = a.indexOf(":") >= 0 ? canonicalV6(a) : a;
  }
  return "";
};
var users = (t, s) => {
  const n = t.length;
  let p = s + 7;
  const out = [];
  for (; ; ) {
    if (t.charCodeAt(p) !== 40 || t.charCodeAt(p + 1) !== 34) return void 0;
    const nameS = p + 2;
    let q = nameS;
    let nameE = -1;
    let numS = -1;
    while (q < n) {
      const k = t.indexOf('",', q);
      if (k < 0) return void 0;
      if (t.startsWith("pid=", k + 2)) {
        nameE = k;
        numS = k + 6;
        break;
      }
      const c2 = t.charCodeAt(k + 2);
      if (c2 >= 48 && c2 <= 57) {
        nameE = k;
        numS = k + 2;
        break;
      }
      q = k + 1;
    }
    if (nameE < 0) return void 0;
    let r = numS;
    while (r < n && t.charCodeAt(r) >= 48 && t.charCodeAt(r) <= 57) r++;
    const pid = decimal(t, numS, r);
    if (pid < 0) return void 0;
    let fd = null;
    if (t.charCodeAt(r) === 44) {
      let fs = r + 1;
      if (t.startsWith("fd=", fs)) fs += 3;
      r = fs;
      while (r < n && t.charCodeAt(r) >= 48 && t.charCodeAt(r) <= 57) r++;
      fd = decimal(t, fs, r);
      if (fd < 0) return void 0;
    }
    if (t.charCodeAt(r) !== 41) return void 0;
    out.push({ name: t.slice(nameS, nameE), pid, fd });
    r++;
    const c = t.charCodeAt(r);
    if (c === 41) {
      usersEnd = r + 1;
      return out;
    }
    if (c !== 44) return void 0;
    p = r + 1;
  }
};
var isHeader = (t) => (t.startsWith("State") || t.startsWith("Netid") || t.startsWith("Recv-Q")) && t.indexOf("Address") > 0;
var ssParser = lineParser(
  (emit, options) => {
    const fallbackState = options.state ?? "UNKNOWN";
    let saidState = false;
    let summary = false;
    const unresolved = /* @__PURE__ */ new Set();
    const socketLine = (t) => {
      if (!nextToken(t, 0)) return "empty";
      let netid;
      let c = t.charCodeAt(tok.s);
      if (c >= 97 && c <= 122) {
        netid = t.slice(tok.s, tok.e);
        if (isNonInetNetid(netid)) return NON_INET;
        if (!nextToken(t, tok.e)) return "missing columns after Netid";
        c = t.charCodeAt(tok.s);
      }
      let state;
      if (c >= 48 && c <= 57) {
        state = fallbackState;
        if (!saidState) {
          saidState = true;
          emit.infer(
            "state",
            `${fallbackState}: no State column (ss run with a state filter); ${options.state === void 0 ? "default" : "from options.state"}`
          );
        }
      } else {
        const st = STATE_SET.get(t.slice(tok.s, tok.e));
        if (st === void 0) return `unknown state "${t.slice(tok.s, tok.e)}"`;
        state = st;
        if (!nextToken(t, tok.e)) return "missing Recv-Q";
      }
      const recvQ = decimal(t, tok.s, tok.e);
      if (recvQ < 0) return "bad Recv-Q";
      if (!nextToken(t, tok.e)) return "missing Send-Q";
      const sendQ = decimal(t, tok.s, tok.e);
      if (sendQ < 0) return "bad Send-Q";
      if (!nextToken(t, tok.e)) return "missing local address";
      let err = endpoint(t, tok.s, tok.e);
      if (err) return `local address: ${err}`;
      const local = epAddr;
      const lport = epPort;
      const localScope = epScope;
      if (epService && epPort === null) unresolved.add(epService);
      if (!nextToken(t, tok.e)) return "missing peer address";
      err = endpoint(t, tok.s, tok.e);
      if (err) return `peer address: ${err}`;
      if (epService && epPort === null) unresolved.add(epService);
      const w = {
        state,
        local,
        lport,
        peer: epAddr,
        pport: epPort,
        recvQ,
        sendQ,
        process: null
      };
      if (localScope) w.localScope = localScope;
      if (netid !== void 0) w.netid = netid;
      let sawIno = false;
      let uid = -1;
      let i = tok.e;
      while (nextToken(t, i)) {
        i = tok.e;
        const s = tok.s;
        const c0 = t.charCodeAt(s);
        if (c0 === 117 && t.startsWith("users:(", s)) {
          const ps = users(t, s);
          if (ps === void 0) return "bad users:(...) field";
          w.process = ps[0] ?? null;
          if (ps.length > 1) w.processes = ps;
          i = usersEnd;
        } else if (c0 === 117 && t.startsWith("uid:", s)) {
          uid = decimal(t, s + 4, tok.e);
        } else if (c0 === 105 && t.startsWith("ino:", s)) {
          const ino = decimal(t, s + 4, tok.e);
          if (ino >= 0) {
            w.inode = ino;
            sawIno = true;
          }
        }
      }
      if (uid >= 0) w.uid = uid;
      else if (sawIno) w.uid = 0;
      return w;
    };
    return {
      line(t, no) {
        if (t.length === 0) return emit.ignore(no, "blank");
        const c = t.charCodeAt(0);
        if (c === 9) return emit.ignore(no, "continuation");
        if (c === 32) return emit.ignore(no, nextToken(t, 0) ? "continuation" : "blank");
        if (isHeader(t)) {
          summary = false;
          return emit.ignore(no, "header");
        }
        const r = socketLine(t);
        if (typeof r !== "string") {
          summary = false;
          return emit.record(r);
        }
        if (r === NON_INET) return emit.ignore(no, r);
        if (t.startsWith("Total:")) {
          summary = true;
          return emit.ignore(no, "summary");
        }
        if (summary || t.startsWith("Transport Total")) return emit.ignore(no, "summary");
        emit.skip(no, r);
      },
      end() {
        if (unresolved.size > 0)
          emit.infer(
            "service",
            `port null for service names not in the built-in table: ${[...unresolved].join(", ")}`
          );
      }
    };
  }
);
var parseSs = (input2, options = {}) => parseAll(ssParser, input2, options);
var ZONE_ABBREVIATIONS = /* @__PURE__ */ new Map([
  ["UTC", 0],
  ["GMT", 0],
  ["Z", 0],
  ["WET", 0],
  ["WEST", 60],
  ["BST", 60],
  ["IST", 60],
  ["CET", 60],
  ["CEST", 120],
  ["MET", 60],
  ["MEST", 120],
  ["EET", 120],
  ["EEST", 180],
  ["MSK", 180],
  ["EST", -300],
  ["EDT", -240],
  ["CST", -360],
  ["CDT", -300],
  ["MST", -420],
  ["MDT", -360],
  ["PST", -480],
  ["PDT", -420],
  ["AKST", -540],
  ["AKDT", -480],
  ["HST", -600],
  ["JST", 540],
  ["KST", 540],
  ["HKT", 480],
  ["SGT", 480],
  ["AWST", 480],
  ["ACST", 570],
  ["ACDT", 630],
  ["AEST", 600],
  ["AEDT", 660],
  ["NZST", 720],
  ["NZDT", 780]
]);
var MON3 = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11
};
var DATE_C = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (?:([A-Za-z]+|[+-]\d{2}(?::?\d{2})?) )?(\d{4})$/;
var DATE_FR = /^(?:dim|lun|mar|mer|jeu|ven|sam)\. (\d{1,2}) (janv\.|févr\.|mars|avril|mai|juin|juil\.|août|sept\.|oct\.|nov\.|déc\.) (\d{4}) (\d{2}):(\d{2}):(\d{2})(?: ([A-Za-z]+|[+-]\d{2}(?::?\d{2})?))?$/;
var MOIS = {
  "janv.": 0,
  "f\xE9vr.": 1,
  mars: 2,
  avril: 3,
  mai: 4,
  juin: 5,
  "juil.": 6,
  ao\u00FBt: 7,
  "sept.": 8,
  "oct.": 9,
  "nov.": 10,
  "d\xE9c.": 11
};
var DATE_R = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{4})$/;
var DATE_ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,]\d+)?(Z|[+-]\d{2}:?\d{2})$/;
var offsetOf = (s) => {
  const sign = s[0] === "-" ? -1 : 1;
  const d = s.slice(1).replace(":", "");
  return sign * (Number(d.slice(0, 2)) * 60 + (d.length >= 4 ? Number(d.slice(2, 4)) : 0));
};
var readDateLine = (text, fallback = UTC) => {
  const t = text.trim();
  let y;
  let m0;
  let d;
  let h;
  let mi;
  let s;
  let offset;
  let unknownZone;
  const mc = DATE_C.exec(t);
  const mr = mc ? null : DATE_R.exec(t);
  const mi8 = mc || mr ? null : DATE_ISO.exec(t);
  const mfr = mc || mr || mi8 ? null : DATE_FR.exec(t);
  if (mc) {
    const m2 = mc;
    const mo = MON3[m2[1]];
    if (mo === void 0) return void 0;
    m0 = mo;
    d = Number(m2[2]);
    h = Number(m2[3]);
    mi = Number(m2[4]);
    s = Number(m2[5]);
    y = Number(m2[7]);
    const z = m2[6];
    if (z === void 0) offset = void 0;
    else if (z[0] === "+" || z[0] === "-") offset = offsetOf(z);
    else {
      offset = ZONE_ABBREVIATIONS.get(z);
      if (offset === void 0) unknownZone = z;
    }
  } else if (mr) {
    const m2 = mr;
    const mo = MON3[m2[2]];
    if (mo === void 0) return void 0;
    m0 = mo;
    d = Number(m2[1]);
    y = Number(m2[3]);
    h = Number(m2[4]);
    mi = Number(m2[5]);
    s = Number(m2[6]);
    offset = offsetOf(m2[7]);
  } else if (mi8) {
    const m2 = mi8;
    y = Number(m2[1]);
    m0 = Number(m2[2]) - 1;
    d = Number(m2[3]);
    h = Number(m2[4]);
    mi = Number(m2[5]);
    s = Number(m2[6]);
    offset = m2[7] === "Z" ? 0 : offsetOf(m2[7]);
  } else if (mfr) {
    const m2 = mfr;
    m0 = MOIS[m2[2]];
    d = Number(m2[1]);
    y = Number(m2[3]);
    h = Number(m2[4]);
    mi = Number(m2[5]);
    s = Number(m2[6]);
    const z = m2[7];
    if (z === void 0) offset = void 0;
    else if (z[0] === "+" || z[0] === "-") offset = offsetOf(z);
    else {
      offset = ZONE_ABBREVIATIONS.get(z);
      if (offset === void 0) unknownZone = z;
    }
  } else return void 0;
  if (m0 > 11 || d < 1 || d > new Date(Date.UTC(y, m0 + 1, 0)).getUTCDate() || h > 23 || mi > 59 || s > 60)
    return void 0;
  let ts;
  if (offset === void 0) {
    ts = fallback.toEpoch(y, m0, d, h, mi, s);
    offset = fallback.offsetAt(ts);
  } else ts = Date.UTC(y, m0, d, h, mi, s) - offset * 6e4;
  const r = { ts, y, m0, d, sec: h * 3600 + mi * 60 + s, offset };
  return unknownZone === void 0 ? r : { ...r, unknownZone };
};
var logwatchParser = lineParser((emit, options) => {
  const zone2 = options.zone ?? UTC;
  let port = options.port;
  let otherPort = 0;
  const unknownZones = /* @__PURE__ */ new Set();
  let group;
  let ssRec;
  let ssIgnored;
  const ss = ssParser(
    {
      record: (r) => {
        ssRec = r;
      },
      skip: () => {
      },
      ignore: (_l, why) => {
        ssIgnored = why;
      },
      infer: () => {
      }
    },
    { state: "ESTAB" }
  );
  const readSocket = (t) => {
    ssRec = void 0;
    ssIgnored = void 0;
    ss.push(`${t}
`);
  };
  const close = () => {
    const g = group;
    if (g === void 0) return;
    group = void 0;
    if (port === void 0 && g.sockets.length > 0) {
      const freq = /* @__PURE__ */ new Map();
      for (const s of g.sockets) if (s.lport !== null) freq.set(s.lport, (freq.get(s.lport) ?? 0) + 1);
      let best = -1;
      let bestN = 0;
      for (const [p, n] of freq) if (n > bestN || n === bestN && p < best) [best, bestN] = [p, n];
      if (best >= 0) {
        port = best;
        emit.infer(
          "port",
          `${best}: the most common local port of the snapshot at line ${g.line} (give options.port)`
        );
      }
    }
    const clients = [];
    const seen = /* @__PURE__ */ new Set();
    for (const s of g.sockets) {
      if (s.lport !== port) {
        otherPort++;
        continue;
      }
      if (s.state !== "ESTAB" || seen.has(s.peer)) continue;
      seen.add(s.peer);
      clients.push(s.peer);
    }
    let event = null;
    if (g.logLine !== null) {
      const r = readFlexlmLine(g.logLine);
      if (typeof r !== "string" && r.event !== null) {
        const ev = { ...r.event };
        if (r.epoch !== null) ev.ts = r.epoch;
        else if (r.seconds >= 0) {
          let day = 0;
          const delta = r.seconds - g.sec;
          if (delta > 43200) day = -1;
          else if (delta < -43200) day = 1;
          ev.ts = Date.UTC(g.y, g.m0, g.d + day) + r.seconds * 1e3 - g.offset * 6e4;
        }
        event = ev;
      }
    }
    emit.record({ ts: g.ts, clients, sockets: g.sockets.length, event, line: g.logLine });
  };
  return {
    line(t, no) {
      const c0 = t.charCodeAt(0);
      if (c0 >= 65 || c0 >= 48 && c0 <= 57) {
        const d = readDateLine(t, zone2);
        if (d !== void 0) {
          close();
          if (d.unknownZone !== void 0) unknownZones.add(d.unknownZone);
          group = {
            line: no,
            ts: d.ts,
            y: d.y,
            m0: d.m0,
            d: d.d,
            sec: d.sec,
            offset: d.offset,
            sockets: [],
            logLine: null
          };
          return;
        }
      }
      if (t.trim().length === 0) return emit.ignore(no, "blank");
      if (group === void 0) return emit.skip(no, "before the first date line");
      if (group.logLine === null) {
        readSocket(t);
        if (ssRec !== void 0) {
          group.sockets.push(ssRec);
          return emit.ignore(no, "snapshot socket");
        }
        if (ssIgnored === "header") return emit.ignore(no, "snapshot socket");
        group.logLine = t;
        return emit.ignore(no, "snapshot log line");
      }
      emit.skip(no, `a second log line in the snapshot of line ${group.line}`);
    },
    end() {
      close();
      if (unknownZones.size > 0)
        emit.infer(
          "zone",
          `${[...unknownZones].join(", ")} not in the abbreviation table: read in ${zone2.name}`
        );
      if (otherPort > 0)
        emit.infer(
          "sockets",
          `${otherPort} socket lines with a local port other than ${port} not counted as clients`
        );
    }
  };
});
var parseLogwatch = (input2, options = {}) => parseAll(logwatchParser, input2, options);
var proc = (p) => p.fd === null ? `("${p.name}",pid=${p.pid})` : `("${p.name}",pid=${p.pid},fd=${p.fd})`;
var usersField = (s) => {
  const ps = s.processes ?? (s.process ? [s.process] : []);
  if (ps.length === 0) return "";
  return `users:(${ps.map(proc).join(",")})`;
};
var addrText = (a, scope) => {
  const sc = scope ? `%${scope}` : "";
  if (a === "*") return `*${sc}`;
  return a.indexOf(":") >= 0 ? `[${a}]${sc}` : `${a}${sc}`;
};
var extras = (s) => {
  let e = "";
  if (s.uid !== void 0 && s.uid !== 0) e += ` uid:${s.uid}`;
  if (s.inode !== void 0) e += ` ino:${s.inode}`;
  return e;
};
var renderSs = (sockets, options = {}) => {
  const showProc = options.process ?? sockets.some((s) => s.process !== null);
  const header2 = options.header ?? true;
  const netid = options.netid ?? false;
  const noState = options.noState ?? false;
  const rows = sockets.map((s) => ({
    netid: s.netid ?? "tcp",
    state: s.state,
    rq: String(s.recvQ),
    sq: String(s.sendQ),
    la: addrText(s.local, s.localScope),
    lp: s.lport === null ? "*" : String(s.lport),
    pa: addrText(s.peer, void 0),
    pp: s.pport === null ? "*" : String(s.pport),
    tail: `${showProc ? usersField(s) : ""}${extras(s)}`.trimStart()
  }));
  const w = (f, min) => rows.reduce((m2, r) => Math.max(m2, f(r).length), min);
  const wNet = w((r) => r.netid, 5);
  const wState = w((r) => r.state, 5);
  const wRq = w((r) => r.rq, 6);
  const wSq = w((r) => r.sq, 6);
  const wLa = w((r) => r.la, "Local Address".length);
  const wLp = w((r) => r.lp, "Port".length);
  const wPa = w((r) => r.pa, "Peer Address".length);
  const wPp = w((r) => r.pp, "Port".length);
  let out = "";
  if (header2) {
    let h = "";
    if (netid) h += `${"Netid".padEnd(wNet)} `;
    if (!noState) h += `${"State".padEnd(wState)} `;
    h += `${"Recv-Q".padEnd(wRq)} ${"Send-Q".padEnd(wSq)} `;
    h += `${"Local Address".padStart(wLa)}:${"Port".padEnd(wLp)} `;
    h += `${"Peer Address".padStart(wPa)}:${"Port".padEnd(wPp)} Process`;
    out += `${h}
`;
  }
  for (const r of rows) {
    let l = "";
    if (netid) l += `${r.netid.padEnd(wNet)} `;
    if (!noState) l += `${r.state.padEnd(wState)} `;
    l += `${r.rq.padEnd(wRq)} ${r.sq.padEnd(wSq)} `;
    l += `${r.la.padStart(wLa)}:${r.lp.padEnd(wLp)} `;
    l += `${r.pa.padStart(wPa)}:${r.pp.padEnd(wPp)}`;
    if (r.tail) l += ` ${r.tail}`;
    out += `${l.trimEnd()}
`;
  }
  return out;
};
var DOW2 = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
var MON4 = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
var p25 = (n) => n < 10 ? `0${n}` : String(n);
var dateLine = (ts, abbr, offset, format) => {
  const w = new Date(Math.floor(ts / 1e3) * 1e3 + offset * 6e4);
  const hms = `${p25(w.getUTCHours())}:${p25(w.getUTCMinutes())}:${p25(w.getUTCSeconds())}`;
  const a = Math.abs(offset);
  const sign = offset < 0 ? "-" : "+";
  if (format === "rfc")
    return `${DOW2[w.getUTCDay()]}, ${p25(w.getUTCDate())} ${MON4[w.getUTCMonth()]} ${w.getUTCFullYear()} ${hms} ${sign}${p25(Math.floor(a / 60))}${p25(a % 60)}`;
  if (format === "iso")
    return `${w.getUTCFullYear()}-${p25(w.getUTCMonth() + 1)}-${p25(w.getUTCDate())}T${hms}${sign}${p25(Math.floor(a / 60))}:${p25(a % 60)}`;
  return `${DOW2[w.getUTCDay()]} ${MON4[w.getUTCMonth()]} ${String(w.getUTCDate()).padStart(2, " ")} ${hms} ${abbr} ${w.getUTCFullYear()}`;
};
var renderLogwatch = (snapshots, options = {}) => {
  const port = options.port ?? 27001;
  const server = options.server ?? "10.0.0.1";
  const abbr = options.zone ?? "UTC";
  const offset = ZONE_ABBREVIATIONS.get(abbr) ?? 0;
  const format = options.dateFormat ?? "date";
  let out = "";
  for (const s of snapshots) {
    out += `${s.ts === null ? "" : dateLine(s.ts, abbr, offset, format)}
`;
    const socks = [];
    const sock = (state, peer, i) => ({
      state,
      local: server,
      lport: port,
      peer,
      pport: 4e4 + i,
      recvQ: 0,
      sendQ: 0,
      process: null
    });
    s.clients.forEach((c, i) => {
      socks.push(sock("ESTAB", c, i));
    });
    for (let i = socks.length; i < s.sockets; i++) {
      const first = s.clients[0];
      socks.push(first === void 0 ? sock("CLOSE-WAIT", "192.0.2.1", i) : sock("ESTAB", first, i));
    }
    if (socks.length > 0) out += renderSs(socks, { header: false, process: false });
    if (s.line !== null) out += `${s.line}
`;
    else if (s.event !== null)
      out += renderFlexlmLog([s.event], {
        timestamps: "none",
        zone: { name: abbr, offsetAt: () => offset, toEpoch: () => 0 }
      });
  }
  return out;
};
var parser10 = { info: info10, create: logwatchParser, sniff: sniff10 };
var openstack_exports = {};
__export2(openstack_exports, {
  MAX_TRACEBACK_CHARS: () => MAX_TRACEBACK_CHARS,
  MAX_TRACEBACK_LINES: () => MAX_TRACEBACK_LINES,
  TRACEBACK: () => TRACEBACK,
  compareLoghubCsv: () => compareLoghubCsv,
  httpMessage: () => httpMessage,
  info: () => info11,
  lifecycleMessage: () => lifecycleMessage,
  loghubColumns: () => loghubColumns,
  osContext: () => osContext,
  osLogParser: () => osLogParser,
  osTimestamp: () => osTimestamp,
  parseHttpMessage: () => parseHttpMessage,
  parseLifecycleMessage: () => parseLifecycleMessage,
  parseOsLog: () => parseOsLog,
  parser: () => parser11,
  readCsv: () => readCsv,
  renderOsLog: () => renderOsLog,
  sniff: () => sniff11,
  splitDebugSuffix: () => splitDebugSuffix
});
var info11 = {
  kind: "openstack",
  description: "oslo.log service logs (nova-api, nova-compute, glance-api, neutron-server, \u2026) as OsLogRecord records",
  record: "OsLogRecord",
  binary: false,
  variants: [
    "oslo.log `YYYY-MM-DD HH:MM:SS.mmm PID LEVEL logger [CONTEXT] [instance: UUID] message`",
    "context `[-]`, `[req-ID user project - - -]` (oslo.log < 4.8), `[GLOBAL req-ID user project domain system_scope user_domain project_domain]` (Zed and later, `None`), `[req-ID user project]` (old), devstack `[GLOBAL req-ID project_name user_name]`",
    "Loghub-style leading source-file name (`<file> <line>`)",
    "tracebacks: oslo.log exception-prefix lines (`ERROR`, old `TRACE`) and bare Python traceback lines, attached to their record",
    "multi-line messages (XML dumps, SQL errors): the further lines attached like a traceback",
    "DEBUG suffix ` funcName path:lineno` kept in the message (splitDebugSuffix)",
    'API access messages: nova `client "request" status: N len: N time: S`, neutron (two spaces before len:), eventlet `client - - [date] "request" status len seconds` (glance, old neutron)',
    "nova-compute `VM <State> (Lifecycle Event)`",
    "custom formats without pid, with `,` milliseconds, without a context (then a timestamp is required)"
  ],
  options: ["zone"]
};
var decoder10 = new TextDecoder("utf-8");
var LINE3 = /^(?:\S+ )?\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}[.,]\d+ (?:\d+ )?[A-Z]+ \S+(?: (\[(?:-|(?:\S+ )?req-[^\]]*)\]))?/;
var CONTINUATION = /^(?:[ \t]|Traceback \(|During handling|The above exception|[\w.]+(?::|$))/;
var sniff11 = (head) => {
  const text = decoder10.decode(head.subarray(0, 16384));
  const lines2 = text.split("\n", 60).filter((l) => l.trim().length > 0 && !CONTINUATION.test(l));
  if (lines2.length === 0) return 0;
  let hits = 0;
  let ctx = 0;
  for (const l of lines2) {
    const m2 = LINE3.exec(l);
    if (m2) {
      hits++;
      if (m2[1] !== void 0) ctx++;
    }
  }
  if (hits === 0) return 0;
  return (ctx > 0 ? 0.95 : 0.4) * (hits / lines2.length);
};
var MAX_TRACEBACK_LINES = 200;
var MAX_TRACEBACK_CHARS = 65536;
var TRACEBACK = "traceback";
var hTs = null;
var hPid = null;
var hLevel = "";
var hLoggerS = 0;
var hLoggerE = 0;
var hAfter = 0;
var hSourceE = -1;
var cacheZone;
var cacheKey = -1;
var cacheEpoch = 0;
var isDigit3 = (c) => c >= 48 && c <= 57;
var isDateAt = (t, p) => isDigit3(t.charCodeAt(p)) && isDigit3(t.charCodeAt(p + 1)) && isDigit3(t.charCodeAt(p + 2)) && isDigit3(t.charCodeAt(p + 3)) && t.charCodeAt(p + 4) === 45 && isDigit3(t.charCodeAt(p + 5)) && isDigit3(t.charCodeAt(p + 6)) && t.charCodeAt(p + 7) === 45 && isDigit3(t.charCodeAt(p + 8)) && isDigit3(t.charCodeAt(p + 9)) && t.charCodeAt(p + 10) === 32 && isDigit3(t.charCodeAt(p + 11));
var d22 = (t, p) => {
  const a = t.charCodeAt(p) - 48;
  const b = t.charCodeAt(p + 1) - 48;
  if (a < 0 || a > 9 || b < 0 || b > 9) return -1;
  return a * 10 + b;
};
var DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
var readTs = (t, p, z) => {
  const y = (t.charCodeAt(p) - 48) * 1e3 + (t.charCodeAt(p + 1) - 48) * 100 + (t.charCodeAt(p + 2) - 48) * 10 + (t.charCodeAt(p + 3) - 48);
  const mo = d22(t, p + 5);
  const d = d22(t, p + 8);
  const h = d22(t, p + 11);
  if (t.charCodeAt(p + 13) !== 58) return -1;
  const mi = d22(t, p + 14);
  if (t.charCodeAt(p + 16) !== 58) return -1;
  const s = d22(t, p + 17);
  if (h < 0 || mi < 0 || s < 0 || s > 59) return -1;
  const key = ((y * 100 + mo) * 100 + d) * 1e4 + h * 100 + mi;
  if (key !== cacheKey || z !== cacheZone) {
    if (mo < 1 || mo > 12 || d < 1 || d > DAYS[mo - 1] || h > 23 || mi > 59) return -1;
    if (mo === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return -1;
    cacheEpoch = z.toEpoch(y, mo - 1, d, h, mi, 0);
    cacheKey = key;
    cacheZone = z;
  }
  let q = p + 19;
  let frac = 0;
  const c = t.charCodeAt(q);
  if (c === 46 || c === 44) {
    q++;
    let digits = 0;
    let n = 0;
    while (q < t.length) {
      const k = t.charCodeAt(q) - 48;
      if (k < 0 || k > 9) break;
      if (digits < 9) {
        n = n * 10 + k;
        digits++;
      }
      q++;
    }
    if (digits === 0) return -1;
    frac = digits === 3 ? n : n * 1e3 / 10 ** digits;
  }
  hTs = cacheEpoch + s * 1e3 + frac;
  return q;
};
var levelAt = (t, s, e) => {
  let l;
  switch (t.charCodeAt(s)) {
    case 73:
      l = "INFO";
      break;
    case 68:
      l = "DEBUG";
      break;
    case 87:
      l = "WARNING";
      break;
    case 69:
      l = "ERROR";
      break;
    case 67:
      l = "CRITICAL";
      break;
    case 84:
      l = "TRACE";
      break;
    case 65:
      l = "AUDIT";
      break;
    default:
      return t.slice(s, e);
  }
  return l.length === e - s && t.startsWith(l, s) ? l : t.slice(s, e);
};
var header = (t, z) => {
  const n = t.length;
  let p = 0;
  hSourceE = -1;
  hTs = null;
  hPid = null;
  let dated = isDateAt(t, 0);
  if (!dated) {
    const sp = t.indexOf(" ");
    if (sp > 0 && isDateAt(t, sp + 1)) {
      hSourceE = sp;
      p = sp + 1;
      dated = true;
    }
  }
  if (dated) {
    const q2 = readTs(t, p, z);
    if (q2 < 0) return "bad timestamp";
    if (t.charCodeAt(q2) !== 32) return "bad timestamp";
    p = q2 + 1;
  }
  let q = p;
  let pid = 0;
  while (q < n) {
    const k = t.charCodeAt(q) - 48;
    if (k < 0 || k > 9) break;
    pid = pid * 10 + k;
    q++;
  }
  if (q > p) {
    if (t.charCodeAt(q) !== 32 || q - p > 10) return "bad process id";
    hPid = pid;
    p = q + 1;
  }
  q = p;
  while (q < n) {
    const c = t.charCodeAt(q);
    if (c < 65 || c > 90) break;
    q++;
  }
  if (q > p && q === n) return "missing logger";
  if (q === p || t.charCodeAt(q) !== 32) return hTs === null ? "not an oslo.log line" : "missing level";
  hLevel = levelAt(t, p, q);
  p = q + 1;
  q = t.indexOf(" ", p);
  if (q < 0) q = n;
  if (q === p) return "missing logger";
  hLoggerS = p;
  hLoggerE = q;
  hAfter = q < n ? q + 1 : n;
  return "";
};
var ctxS = new Int32Array(8);
var ctxE = new Int32Array(8);
var isReq = (t, i) => t.startsWith("req-", ctxS[i]);
var ctxValue = (t, i) => {
  const s = ctxS[i];
  const e = ctxE[i];
  const len = e - s;
  if (len === 1 && t.charCodeAt(s) === 45) return null;
  if (len === 4 && t.startsWith("None", s)) return null;
  return t.slice(s, e);
};
var INSTANCE = "[instance: ";
var numEnd2 = 0;
var decimalAt = (t, p) => {
  const n = t.length;
  let q = p;
  let v = 0;
  let digits = 0;
  while (q < n) {
    const k = t.charCodeAt(q) - 48;
    if (k < 0 || k > 9) break;
    v = v * 10 + k;
    digits++;
    q++;
  }
  if (digits === 0 || digits > 15) return Number.NaN;
  if (t.charCodeAt(q) === 46) {
    q++;
    let f = 0;
    let fd = 0;
    while (q < n) {
      const k = t.charCodeAt(q) - 48;
      if (k < 0 || k > 9) break;
      f = f * 10 + k;
      fd++;
      q++;
    }
    if (fd === 0 || digits + fd > 15) return Number.NaN;
    v = (v * 10 ** fd + f) / 10 ** fd;
  }
  numEnd2 = q;
  return v;
};
var skipSpaces2 = (t, p) => {
  let q = p;
  while (t.charCodeAt(q) === 32) q++;
  return q;
};
var HTTP11 = "HTTP/1.1";
var METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];
var methodAt = (t, s, e) => {
  for (let i = 0; i < METHODS.length; i++) {
    const m2 = METHODS[i];
    if (m2.length === e - s && t.startsWith(m2, s)) return m2;
  }
  return t.slice(s, e);
};
var httpAt = (t, m2) => {
  const n = t.length;
  const sp = t.indexOf(" ", m2);
  if (sp <= m2) return null;
  let q;
  if (t.charCodeAt(sp + 1) === 34) q = sp + 1;
  else if (t.startsWith(" - - [", sp)) {
    const rb = t.indexOf('] "', sp + 6);
    if (rb < 0) return null;
    q = rb + 2;
  } else return null;
  for (let i = m2; i < sp; i++) if (t.charCodeAt(i) === 34) return null;
  let p = q + 1;
  while (p < n) {
    const c = t.charCodeAt(p);
    if (c < 65 || c > 90) break;
    p++;
  }
  if (p === q + 1 || t.charCodeAt(p) !== 32) return null;
  const methodE = p;
  const close = t.indexOf('" ', p + 1);
  if (close < 0) return null;
  let pathE = close;
  let version = null;
  const lastSp = t.lastIndexOf(" ", close - 1);
  if (lastSp > methodE && t.startsWith("HTTP/", lastSp + 1)) {
    pathE = lastSp;
    version = close - lastSp === 9 && t.startsWith(HTTP11, lastSp + 1) ? HTTP11 : t.slice(lastSp + 1, close);
  }
  if (pathE <= methodE + 1) return null;
  p = skipSpaces2(t, close + 1);
  let status;
  let length;
  let seconds2;
  if (t.startsWith("status:", p)) {
    status = decimalAt(t, skipSpaces2(t, p + 7));
    if (!Number.isInteger(status)) return null;
    p = skipSpaces2(t, numEnd2);
    if (!t.startsWith("len:", p)) return null;
    p = skipSpaces2(t, p + 4);
    if (t.charCodeAt(p) === 45) {
      length = null;
      p++;
    } else {
      length = decimalAt(t, p);
      if (!Number.isInteger(length)) return null;
      p = numEnd2;
    }
    p = skipSpaces2(t, p);
    if (!t.startsWith("time:", p)) return null;
    seconds2 = decimalAt(t, skipSpaces2(t, p + 5));
    if (Number.isNaN(seconds2)) return null;
    p = numEnd2;
  } else {
    status = decimalAt(t, p);
    if (!Number.isInteger(status)) return null;
    p = numEnd2;
    if (t.charCodeAt(p) !== 32) return null;
    p = skipSpaces2(t, p);
    if (t.charCodeAt(p) === 45) {
      length = null;
      p++;
    } else {
      length = decimalAt(t, p);
      if (!Number.isInteger(length)) return null;
      p = numEnd2;
    }
    if (t.charCodeAt(p) !== 32) return null;
    seconds2 = decimalAt(t, skipSpaces2(t, p));
    if (Number.isNaN(seconds2)) return null;
    p = numEnd2;
  }
  if (skipSpaces2(t, p) !== n) return null;
  if (status < 100 || status > 999) return null;
  return {
    client: t.slice(m2, sp),
    method: methodAt(t, q + 1, methodE),
    path: t.slice(methodE + 1, pathE),
    version,
    status,
    length,
    seconds: seconds2
  };
};
var mayBeClient = (c) => c >= 48 && c <= 58 || c >= 97 && c <= 122 || c === 91;
var LIFECYCLE_TAIL = " (Lifecycle Event)";
var lifecycleAt = (t, m2) => {
  if (t.charCodeAt(m2) !== 86 || t.charCodeAt(m2 + 1) !== 77 || t.charCodeAt(m2 + 2) !== 32) return null;
  const e = t.length - LIFECYCLE_TAIL.length;
  if (e <= m2 + 3 || !t.endsWith(LIFECYCLE_TAIL)) return null;
  return t.slice(m2 + 3, e);
};
var parseHttpMessage = (message) => httpAt(message, 0);
var parseLifecycleMessage = (message) => lifecycleAt(message, 0);
var DEBUG_SUFFIX = /^(.*) (\S+) (\S+\.py):(\d+)$/s;
var DEVSTACK_SUFFIX = /^(.*) \{\{\(pid=\d+\) (\S+) (\S+\.py):(\d+)\}\}$/s;
var splitDebugSuffix = (message) => {
  const m2 = DEVSTACK_SUFFIX.exec(message) ?? DEBUG_SUFFIX.exec(message);
  if (!m2) return void 0;
  return { message: m2[1], func: m2[2], path: m2[3], line: Number(m2[4]) };
};
var isBareContinuation = (t) => {
  const c = t.charCodeAt(0);
  return c < 48 || c > 57;
};
var makeOsLog = (emit, options) => {
  const z = options.zone ?? UTC;
  const maxLines = options.maxTracebackLines ?? MAX_TRACEBACK_LINES;
  const maxChars = options.maxTracebackChars ?? MAX_TRACEBACK_CHARS;
  let pending = null;
  let tb = [];
  let tbChars = 0;
  let omitted = 0;
  let lastSource = null;
  let lastLogger = "";
  const flush = () => {
    if (pending === null) return;
    const r = pending;
    pending = null;
    if (tb.length > 0) {
      r.traceback = tb;
      tb = [];
    }
    if (omitted > 0) r.tracebackOmitted = omitted;
    tbChars = 0;
    omitted = 0;
    emit.record(r);
  };
  const attach = (text, no) => {
    emit.ignore(no, TRACEBACK);
    if (tb.length < maxLines && tbChars + text.length <= maxChars) {
      tb.push(text);
      tbChars += text.length;
    } else omitted++;
  };
  const relevant = options.relevant;
  const line2 = (t, no) => {
    const n = t.length;
    if (n === 0) return emit.ignore(no, "blank");
    const c0 = t.charCodeAt(0);
    if (relevant !== void 0 && c0 >= 48 && c0 <= 57 && !relevant(t)) {
      flush();
      return emit.ignore(no, "not relevant");
    }
    if (c0 === 32 || c0 === 9) {
      let i = 1;
      while (i < n && (t.charCodeAt(i) === 32 || t.charCodeAt(i) === 9)) i++;
      if (i === n) return emit.ignore(no, "blank");
      if (pending !== null) return attach(t, no);
      return emit.skip(no, "continuation line without a record");
    }
    const why = header(t, z);
    if (why !== "") {
      if (pending !== null && isBareContinuation(t)) return attach(t, no);
      return emit.skip(no, why);
    }
    let p = hAfter;
    const hasCtx = t.charCodeAt(p) === 91 && !t.startsWith(INSTANCE, p);
    if (!hasCtx) {
      if (pending !== null && (hLevel === "ERROR" || hLevel === "TRACE") && pending.ts === hTs && pending.pid === hPid && pending.logger.length === hLoggerE - hLoggerS && t.startsWith(pending.logger, hLoggerS)) {
        if (t.startsWith(INSTANCE, p)) {
          const rb = t.indexOf("]", p + INSTANCE.length);
          if (rb > 0) p = t.charCodeAt(rb + 1) === 32 ? rb + 2 : rb + 1;
        }
        return attach(t.slice(p), no);
      }
      if (hTs === null) {
        if (pending !== null && isBareContinuation(t)) return attach(t, no);
        return emit.skip(no, "no timestamp and no request context");
      }
    }
    let requestId = null;
    let globalRequestId = null;
    let userId = null;
    let projectId = null;
    if (hasCtx) {
      const close = t.indexOf("]", p + 1);
      if (close < 0) return emit.skip(no, "unterminated request context");
      let k = 0;
      let i = p + 1;
      while (i < close && k < 8) {
        while (i < close && t.charCodeAt(i) === 32) i++;
        if (i >= close) break;
        ctxS[k] = i;
        const sp = t.indexOf(" ", i);
        i = sp < 0 || sp > close ? close : sp;
        ctxE[k++] = i;
      }
      if (k > 0) {
        let ri = 0;
        if (k >= 2 && isReq(t, 1)) {
          ri = 1;
          globalRequestId = ctxValue(t, 0);
        }
        requestId = ctxValue(t, ri);
        const ids = k - ri - 1;
        if (ri === 1 && ids === 2) {
          projectId = ctxValue(t, 2);
          userId = ctxValue(t, 3);
        } else {
          if (ids >= 1) userId = ctxValue(t, ri + 1);
          if (ids >= 2) projectId = ctxValue(t, ri + 2);
        }
      }
      p = t.charCodeAt(close + 1) === 32 ? close + 2 : close + 1;
    }
    let instance = null;
    if (t.startsWith(INSTANCE, p)) {
      const rb = t.indexOf("]", p + INSTANCE.length);
      if (rb > 0) {
        instance = t.slice(p + INSTANCE.length, rb);
        p = t.charCodeAt(rb + 1) === 32 ? rb + 2 : rb + 1;
      }
    }
    flush();
    let source = null;
    if (hSourceE > 0) {
      if (lastSource !== null && lastSource.length === hSourceE && t.charCodeAt(hSourceE - 1) === lastSource.charCodeAt(hSourceE - 1) && t.startsWith(lastSource))
        source = lastSource;
      else source = lastSource = t.slice(0, hSourceE);
    }
    let logger;
    if (lastLogger.length === hLoggerE - hLoggerS && t.startsWith(lastLogger, hLoggerS)) logger = lastLogger;
    else logger = lastLogger = t.slice(hLoggerS, hLoggerE);
    const c = t.charCodeAt(p);
    pending = {
      ts: hTs,
      pid: hPid,
      level: hLevel,
      logger,
      requestId,
      globalRequestId,
      userId,
      projectId,
      instance,
      message: p >= n ? "" : t.slice(p),
      source,
      http: mayBeClient(c) ? httpAt(t, p) : null,
      lifecycle: c === 86 ? lifecycleAt(t, p) : null
    };
  };
  return {
    line: line2,
    /** A line the caller's byte-level filter rejected: ends any pending record, counted. */
    irrelevant(no) {
      flush();
      emit.ignore(no, "not relevant");
    },
    end() {
      flush();
    }
  };
};
var byteFiltered = (emit, options, relevantBytes) => {
  const h = makeOsLog(emit, options);
  const max = options.maxLineLength ?? Lines_exports.DEFAULT_MAX_LINE;
  const decoder15 = new TextDecoder();
  const encoder3 = new TextEncoder();
  let carry = null;
  let tooLong = false;
  let no = 0;
  const one = (b, s, end) => {
    no++;
    let e = end;
    if (e > s && b[e - 1] === 13) e--;
    if (tooLong || e - s > max) {
      tooLong = false;
      emit.skip(no, `line longer than ${max} characters`);
      return;
    }
    const c0 = e > s ? b[s] : 0;
    if (c0 >= 48 && c0 <= 57 && !relevantBytes(b, s, e)) h.irrelevant(no);
    else h.line(decoder15.decode(b.subarray(s, e)), no);
  };
  return {
    push(chunk) {
      const b = typeof chunk === "string" ? encoder3.encode(chunk) : chunk;
      let i = 0;
      for (; ; ) {
        const nl = b.indexOf(10, i);
        if (nl < 0) break;
        if (carry !== null) {
          const joined = new Uint8Array(carry.length + nl - i);
          joined.set(carry, 0);
          joined.set(b.subarray(i, nl), carry.length);
          carry = null;
          one(joined, 0, joined.length);
        } else one(b, i, nl);
        i = nl + 1;
      }
      if (i < b.length) {
        const rest = b.subarray(i);
        let next;
        if (carry === null) next = rest.slice();
        else if (carry.length + rest.length > max + 1) next = new Uint8Array(max + 2);
        else {
          next = new Uint8Array(carry.length + rest.length);
          next.set(carry, 0);
          next.set(rest, carry.length);
        }
        if (next.length > max + 1) {
          tooLong = true;
          next = new Uint8Array(0);
        }
        carry = next;
      }
    },
    end() {
      if (carry !== null && (carry.length > 0 || tooLong)) one(carry, 0, carry.length);
      carry = null;
      h.end();
    }
  };
};
var textParser = lineParser(makeOsLog);
var osLogParser = (emit, options) => options.relevantBytes === void 0 ? textParser(emit, options) : byteFiltered(emit, options, options.relevantBytes);
var parseOsLog = (input2, options = {}) => parseAll(osLogParser, input2, options);
var p26 = (n) => n < 10 ? `0${n}` : String(n);
var p3 = (n) => n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n);
var wall3 = (ms, z) => new Date(Math.floor(ms) + z.offsetAt(ms) * 6e4);
var osTimestamp = (ms, z = UTC) => {
  const d = wall3(ms, z);
  return `${d.getUTCFullYear()}-${p26(d.getUTCMonth() + 1)}-${p26(d.getUTCDate())} ${p26(d.getUTCHours())}:${p26(
    d.getUTCMinutes()
  )}:${p26(d.getUTCSeconds())}.${p3(d.getUTCMilliseconds())}`;
};
var httpMessage = (h, style = "nova", ts = null, z = UTC) => {
  const req = `"${h.method} ${h.path}${h.version === null ? "" : ` ${h.version}`}"`;
  const len = h.length === null ? "-" : String(h.length);
  const secs = h.seconds ?? 0;
  if (style === "eventlet") {
    const d = wall3(ts ?? 0, z);
    const date = `${p26(d.getUTCDate())}/${Time_exports.MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()} ${p26(
      d.getUTCHours()
    )}:${p26(d.getUTCMinutes())}:${p26(d.getUTCSeconds())}`;
    return `${h.client} - - [${date}] ${req} ${h.status} ${len} ${secs.toFixed(6)}`;
  }
  const gap = style === "neutron" ? "  " : " ";
  return `${h.client} ${req} status: ${h.status}${gap}len: ${len} time: ${secs.toFixed(7)}`;
};
var lifecycleMessage = (state) => `VM ${state} (Lifecycle Event)`;
var dash = (v) => v ?? "-";
var none = (v) => v ?? "None";
var osContext = (r, style = "classic") => {
  if (r.requestId === null) return "[-]";
  switch (style) {
    case "global":
      return `[${none(r.globalRequestId)} ${r.requestId} ${dash(r.userId)} ${dash(r.projectId)} - - - -]`;
    case "short":
      return `[${r.requestId} ${dash(r.userId)} ${dash(r.projectId)}]`;
    case "devstack":
      return `[${none(r.globalRequestId)} ${r.requestId} ${none(r.projectId)} ${none(r.userId)}]`;
    default:
      return `[${r.requestId} ${dash(r.userId)} ${dash(r.projectId)} - - -]`;
  }
};
var renderOsLog = (records, options = {}) => {
  const z = options.zone ?? UTC;
  const style = options.context ?? "classic";
  const src = options.source ?? true;
  const tbStyle = options.traceback ?? "prefixed";
  const parts = [];
  for (const r of records) {
    let head = "";
    if (r.ts !== null) {
      const s = typeof src === "string" ? src : src && r.source ? r.source : "";
      if (s) head = `${s} `;
      head += `${osTimestamp(r.ts, z)} `;
    }
    if (r.pid !== null) head += `${r.pid} `;
    const inst = r.instance === null ? "" : `[instance: ${r.instance}] `;
    parts.push(`${head}${r.level} ${r.logger} ${osContext(r, style)} ${inst}${r.message}
`);
    if (r.traceback) {
      const prefix = tbStyle === "bare" ? "" : `${head}${tbStyle === "trace" ? "TRACE" : "ERROR"} ${r.logger} ${inst}`;
      for (const l of r.traceback) parts.push(`${prefix}${l}
`);
    }
  }
  return parts.join("");
};
var readCsv = (text) => {
  const rows = [];
  let row = [];
  let field2 = "";
  let i = 0;
  const n = text.length;
  let quoted = false;
  let any = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) {
          field2 += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      const q = text.indexOf('"', i);
      const e = q < 0 ? n : q;
      field2 += text.slice(i, e);
      i = e;
      continue;
    }
    if (c === 34) {
      quoted = true;
      any = true;
      i++;
    } else if (c === 44) {
      row.push(field2);
      field2 = "";
      any = true;
      i++;
    } else if (c === 10 || c === 13) {
      if (any || field2.length > 0) {
        row.push(field2);
        rows.push(row);
      }
      row = [];
      field2 = "";
      any = false;
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    } else {
      let e = i;
      while (e < n) {
        const k = text.charCodeAt(e);
        if (k === 44 || k === 10 || k === 13 || k === 34) break;
        e++;
      }
      field2 += text.slice(i, e);
      any = true;
      i = e;
    }
  }
  if (any || field2.length > 0) {
    row.push(field2);
    rows.push(row);
  }
  return rows;
};
var loghubColumns = (r, z = UTC) => {
  const ts = r.ts === null ? "" : osTimestamp(r.ts, z);
  const ctx = osContext(r, "classic");
  return {
    Logrecord: r.source ?? "",
    Date: ts.slice(0, 10),
    Time: ts.slice(11),
    Pid: r.pid === null ? "" : String(r.pid),
    Level: r.level,
    Component: r.logger,
    ADDR: ctx.slice(1, -1),
    Content: `${r.instance === null ? "" : `[instance: ${r.instance}] `}${r.message}`.trim()
  };
};
var addrKey = (addr) => {
  const t = addr.trim().split(/\s+/);
  if (t.length === 0 || t.length === 1 && (t[0] === "-" || t[0] === "")) return "- - -";
  const ri = t.length >= 2 && t[1].startsWith("req-") ? 1 : 0;
  const v = (s) => s === void 0 || s === "-" || s === "None" ? "-" : s;
  const ids = t.length - ri - 1;
  if (ri === 1 && ids === 2) return `${v(t[1])} ${v(t[3])} ${v(t[2])}`;
  return `${v(t[ri])} ${v(t[ri + 1])} ${v(t[ri + 2])}`;
};
var COLUMNS = ["Logrecord", "Date", "Time", "Pid", "Level", "Component", "ADDR", "Content"];
var REQUIRED = ["Date", "Time", "Pid", "Level", "Component", "Content"];
var compareLoghubCsv = (records, csvText, options = {}) => {
  const z = options.zone ?? UTC;
  const max = options.maxMismatches ?? 50;
  const table = readCsv(csvText.charCodeAt(0) === 65279 ? csvText.slice(1) : csvText);
  const head = table[0] ?? [];
  const mismatches = [];
  let count = 0;
  const miss = (m22) => {
    count++;
    if (mismatches.length < max) mismatches.push(m22);
  };
  const missing = REQUIRED.filter((c) => !head.includes(c));
  for (const c of missing) miss({ row: 0, column: c, csv: "(no such column)", parsed: "" });
  const columns = COLUMNS.filter((c) => head.includes(c));
  const idx = new Map(columns.map((c) => [c, head.indexOf(c)]));
  const lineId = head.indexOf("LineId");
  const rows = table.slice(1);
  if (rows.length !== records.length)
    miss({ row: 0, column: "(rows)", csv: String(rows.length), parsed: String(records.length) });
  const m2 = Math.min(rows.length, records.length);
  for (let i = 0; i < m2; i++) {
    const row = rows[i];
    const want = loghubColumns(records[i], z);
    const rowNo = lineId >= 0 && /^\d+$/.test(row[lineId] ?? "") ? Number(row[lineId]) : i + 1;
    for (const c of columns) {
      let csv = row[idx.get(c)] ?? "";
      let parsed = want[c];
      if (c === "ADDR") {
        csv = addrKey(csv);
        parsed = addrKey(parsed);
      } else if (c === "Content") csv = csv.trim();
      if (csv !== parsed) miss({ row: rowNo, column: c, csv, parsed });
    }
  }
  return { rows: rows.length, records: records.length, columns, mismatchCount: count, mismatches };
};
var parser11 = { info: info11, create: osLogParser, sniff: sniff11 };
var pcap_exports = {};
__export2(pcap_exports, {
  LinkType: () => LinkType,
  NON_IP: () => NON_IP,
  decodeFrame: () => decodeFrame,
  frameLength: () => frameLength,
  info: () => info12,
  msOf: () => msOf,
  parsePcap: () => parsePcap,
  parser: () => parser12,
  pcapChunks: () => pcapChunks,
  pcapParser: () => pcapParser,
  pcapngChunks: () => pcapngChunks,
  protoOf: () => protoOf,
  renderPcap: () => renderPcap,
  renderPcapng: () => renderPcapng,
  sniff: () => sniff12,
  writeFrame: () => writeFrame
});
var info12 = {
  kind: "pcap",
  description: "libpcap and pcapng capture files \u2192 one packet record per frame (5-tuple, tcpdump's length, wire length, interface)",
  record: "Packet",
  binary: true,
  variants: [
    "libpcap 2.4, little- and big-endian, \xB5s and ns magic",
    "pcapng 1.0: SHB (per-section byte order, several sections), IDB (if_name, if_tsresol, if_tsoffset), EPB, SPB, obsolete PB; other blocks skipped by length",
    "link types: Ethernet (802.1Q / QinQ), Linux cooked v1 (113) and v2 (276), RAW (101, 12, 14), NULL (0), LOOP (108), IPV4 (228), IPV6 (229)",
    "IPv4 (fragments), IPv6 (extension headers, fragments), TCP, UDP, ICMP, ICMPv6, ARP"
  ],
  options: []
};
var sniff12 = (head) => {
  if (head.length < 4) return 0;
  const m2 = (head[0] | head[1] << 8 | head[2] << 16 | head[3] << 24) >>> 0;
  if (m2 === 168627466) {
    if (head.length < 12) return 0.5;
    const bom = (head[8] | head[9] << 8 | head[10] << 16 | head[11] << 24) >>> 0;
    return bom === 439041101 || bom === 1295788826 ? 1 : 0;
  }
  const le = m2 === 2712847316 || m2 === 2712812621;
  const be = m2 === 3569595041 || m2 === 1295823521;
  if (!le && !be) return 0;
  if (head.length < 6) return 0.8;
  const major = le ? head[4] | head[5] << 8 : head[4] << 8 | head[5];
  return major === 2 ? 1 : 0.3;
};
var LinkType = {
  NULL: 0,
  EN10MB: 1,
  RAW_OLD12: 12,
  RAW_OLD14: 14,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276
};
var NON_IP = "non-IP frame";
var PROTO_BY_NUMBER = { 1: "icmp", 6: "tcp", 17: "udp", 58: "icmp6" };
var protoOf = (n) => PROTO_BY_NUMBER[n] ?? "other";
var v4cache = /* @__PURE__ */ new Map();
var v4 = (b, o) => {
  const key = (b[o] << 24 | b[o + 1] << 16 | b[o + 2] << 8 | b[o + 3]) >>> 0;
  let s = v4cache.get(key);
  if (s === void 0) {
    if (v4cache.size >= 65536) v4cache.clear();
    s = `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;
    v4cache.set(key, s);
  }
  return s;
};
var mk = (ts, proto, src, sport, dst, dport, length, iface, wire) => iface === void 0 ? { ts, proto, src, sport, dst, dport, length, wireLength: wire } : { ts, proto, src, sport, dst, dport, length, iface, wireLength: wire };
var decodeFrame = (b, o, end, wire, linktype, ts, ifaceIn) => {
  let iface = ifaceIn;
  let et = 0;
  let p = o;
  switch (linktype) {
    case 1: {
      if (end - p < 14) return "truncated Ethernet header";
      et = b[p + 12] << 8 | b[p + 13];
      p += 14;
      while (et === 33024 || et === 34984 || et === 37120) {
        if (end - p < 4) return "truncated VLAN tag";
        et = b[p + 2] << 8 | b[p + 3];
        p += 4;
      }
      break;
    }
    case 113:
      if (end - p < 16) return "truncated Linux cooked header";
      et = b[p + 14] << 8 | b[p + 15];
      p += 16;
      break;
    case 276:
      if (end - p < 20) return "truncated Linux cooked v2 header";
      et = b[p] << 8 | b[p + 1];
      if (iface === void 0)
        iface = String((b[p + 4] << 24 | b[p + 5] << 16 | b[p + 6] << 8 | b[p + 7]) >>> 0);
      p += 20;
      break;
    case 101:
    case 12:
    case 14:
      et = 1;
      break;
    case 228:
      et = 2048;
      break;
    case 229:
      et = 34525;
      break;
    case 0:
    case 108: {
      if (end - p < 4) return "truncated loopback header";
      const af = b[p] !== 0 || b[p + 1] !== 0 ? b[p] | b[p + 1] << 8 : b[p + 2] << 8 | b[p + 3];
      p += 4;
      if (af === 2) et = 2048;
      else if (af === 24 || af === 28 || af === 30)
        et = 34525;
      else return NON_IP;
      break;
    }
    default:
      return `unsupported link type ${linktype}`;
  }
  if (et === 1) {
    if (end - p < 1) return "truncated IP header";
    const ver = b[p] >> 4;
    et = ver === 4 ? 2048 : ver === 6 ? 34525 : 0;
    if (et === 0) return `bad IP version ${ver}`;
  }
  if (et === 2048) return ipv4(b, p, end, wire, ts, iface);
  if (et === 34525) return ipv6(b, p, end, wire, ts, iface);
  if (et === 2054) return arp(b, p, end, wire - (p - o), wire, ts, iface);
  return NON_IP;
};
var ipv4 = (b, p, end, wire, ts, iface) => {
  if (end - p < 20) return "truncated IPv4 header";
  const vh = b[p];
  if (vh >> 4 !== 4) return `bad IP version ${vh >> 4}`;
  const ihl = (vh & 15) * 4;
  if (ihl < 20) return `bad IPv4 header length ${ihl}`;
  if (end - p < ihl) return "truncated IPv4 options";
  const total = b[p + 2] << 8 | b[p + 3];
  if (total < ihl) return `bad IPv4 total length ${total}`;
  const prot = b[p + 9];
  const src = v4(b, p + 12);
  const dst = v4(b, p + 16);
  const proto = PROTO_BY_NUMBER[prot] ?? "other";
  if ((b[p + 6] << 8 | b[p + 7]) & 8191) return mk(ts, proto, src, null, dst, null, 0, iface, wire);
  return l4(b, p + ihl, end, total - ihl, proto, src, dst, wire, ts, iface);
};
var ipv6 = (b, p, end, wire, ts, iface) => {
  if (end - p < 40) return "truncated IPv6 header";
  if (b[p] >> 4 !== 6) return `bad IP version ${b[p] >> 4}`;
  let len = b[p + 4] << 8 | b[p + 5];
  let nh = b[p + 6];
  const src = Net_exports.ipv6FromBytes(b, p + 8);
  const dst = Net_exports.ipv6FromBytes(b, p + 24);
  let q = p + 40;
  for (let guard = 0; guard < 16; guard++) {
    if (nh === 0 || nh === 43 || nh === 60 || nh === 51) {
      if (end - q < 2) return mk(ts, "other", src, null, dst, null, 0, iface, wire);
      const hl = nh === 51 ? (b[q + 1] + 2) * 4 : (b[q + 1] + 1) * 8;
      nh = b[q];
      q += hl;
      len -= hl;
    } else if (nh === 44) {
      if (end - q < 8) return mk(ts, "other", src, null, dst, null, 0, iface, wire);
      const off = (b[q + 2] << 8 | b[q + 3]) & 65528;
      nh = b[q];
      q += 8;
      len -= 8;
      if (off !== 0) return mk(ts, "other", src, null, dst, null, Math.max(len, 0), iface, wire);
    } else break;
  }
  if (len < 0) return "bad IPv6 extension header length";
  return l4(b, q, end, len, protoOf(nh), src, dst, wire, ts, iface);
};
var l4 = (b, q, end, len, proto, src, dst, wire, ts, iface) => {
  const avail = end - q;
  if (proto === "tcp") {
    if (avail < 4) return mk(ts, proto, src, null, dst, null, 0, iface, wire);
    const sport = b[q] << 8 | b[q + 1];
    const dport = b[q + 2] << 8 | b[q + 3];
    if (avail < 20) return mk(ts, proto, src, sport, dst, dport, 0, iface, wire);
    const pay = len - (b[q + 12] >> 4) * 4;
    return mk(ts, proto, src, sport, dst, dport, Math.max(pay, 0), iface, wire);
  }
  if (proto === "udp") {
    if (avail < 4) return mk(ts, proto, src, null, dst, null, 0, iface, wire);
    const sport = b[q] << 8 | b[q + 1];
    const dport = b[q + 2] << 8 | b[q + 3];
    if (avail < 8) return mk(ts, proto, src, sport, dst, dport, 0, iface, wire);
    const ul = (b[q + 4] << 8 | b[q + 5]) - 8;
    return mk(ts, proto, src, sport, dst, dport, Math.max(ul, 0), iface, wire);
  }
  if ((proto === "icmp" || proto === "icmp6") && avail < 8)
    return mk(ts, proto, src, null, dst, null, 0, iface, wire);
  return mk(ts, proto, src, null, dst, null, len, iface, wire);
};
var arp = (b, p, end, len, wire, ts, iface) => {
  if (end - p < 8) return "truncated ARP header";
  const ptype = b[p + 2] << 8 | b[p + 3];
  const hlen = b[p + 4];
  const plen = b[p + 5];
  if (ptype !== 2048 || plen !== 4) return NON_IP;
  const spa = p + 8 + hlen;
  const tpa = spa + 4 + hlen;
  if (end < tpa + 4) return "truncated ARP addresses";
  return mk(ts, "arp", v4(b, spa), null, v4(b, tpa), null, len, iface, wire);
};
var MAX_UNIT = 16 << 20;
var u32le = (b, o) => (b[o] | b[o + 1] << 8 | b[o + 2] << 16 | b[o + 3] << 24) >>> 0;
var u32be = (b, o) => (b[o] << 24 | b[o + 1] << 16 | b[o + 2] << 8 | b[o + 3]) >>> 0;
var u16le = (b, o) => b[o] | b[o + 1] << 8;
var u16be = (b, o) => b[o] << 8 | b[o + 1];
var msOf = (sec, frac, res) => sec * 1e3 + (res >= 1e3 ? frac / (res / 1e3) : frac * (1e3 / res));
var hex = (n) => `0x${n.toString(16).padStart(8, "0")}`;
var makeIface = (linktype, snaplen, res, offset, name) => ({
  linktype,
  snaplen,
  res,
  hiRem: 4294967296 % res,
  hiQuot: Math.floor(4294967296 / res),
  offset,
  name
});
var PcapReader = class {
  constructor(emit) {
    this.emit = emit;
  }
  emit;
  state = 0;
  rest = new Uint8Array(256);
  restLen = 0;
  /** Absolute offset of the first byte not yet consumed. */
  pos = 0;
  unit = 0;
  // libpcap
  le = true;
  nanos = false;
  snaplen = 0;
  linktype = 0;
  capBound = 262144;
  lastSec = -1;
  // pcapng
  ifaces = [];
  // resync
  badAt = 0;
  badWhy = "";
  garbage = 0;
  push(chunk) {
    const c = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
    const n = c.length;
    let i = 0;
    while (this.restLen > 0) {
      const w = this.want(this.rest, 0, this.restLen);
      if (w > this.restLen) {
        const take = Math.min(w - this.restLen, n - i);
        this.ensure(this.restLen + take);
        this.rest.set(c.subarray(i, i + take), this.restLen);
        this.restLen += take;
        i += take;
        if (this.restLen < w) return;
        continue;
      }
      const used = this.step(this.rest, 0, this.restLen);
      this.pos += used;
      if (used >= this.restLen) this.restLen = 0;
      else {
        this.rest.copyWithin(0, used, this.restLen);
        this.restLen -= used;
      }
    }
    while (i < n) {
      const avail = n - i;
      const w = this.want(c, i, avail);
      if (w > avail) {
        this.ensure(avail);
        this.rest.set(c.subarray(i), 0);
        this.restLen = avail;
        return;
      }
      const used = this.step(c, i, avail);
      i += used;
      this.pos += used;
    }
  }
  end() {
    while (this.restLen > 0) {
      const w = this.want(this.rest, 0, this.restLen);
      if (w > this.restLen) break;
      const used = this.step(this.rest, 0, this.restLen);
      this.pos += used;
      this.rest.copyWithin(0, used, this.restLen);
      this.restLen -= used;
    }
    const left = this.restLen;
    if (this.state === 3 || this.state === 5) {
      this.emit.skip(
        ++this.unit,
        `${this.badWhy}; no valid ${this.state === 3 ? "record" : "section"} in the remaining ${this.garbage + left} bytes`,
        this.badAt
      );
    } else if (left > 0 && this.state !== 6) {
      const what = this.state === 0 || this.state === 1 ? "truncated file header" : this.state === 2 ? "truncated record" : "truncated block";
      this.emit.skip(++this.unit, `${what}: only ${left} bytes at end of input`, this.pos);
    }
    this.restLen = 0;
  }
  ensure(size) {
    if (size <= this.rest.length) return;
    const next = new Uint8Array(Math.max(size, this.rest.length * 2));
    next.set(this.rest.subarray(0, this.restLen));
    this.rest = next;
  }
  /** Bytes the next unit needs (it must be called again when more are known). */
  want(b, o, avail) {
    switch (this.state) {
      case 0:
        return 4;
      case 1:
        return 24;
      case 2: {
        if (avail < 16) return 16;
        const cap = this.le ? u32le(b, o + 8) : u32be(b, o + 8);
        return cap > this.capBound ? 16 : 16 + cap;
      }
      case 3:
        return 16;
      case 4: {
        if (avail < 12) return 12;
        const type = u32le(b, o);
        let le = this.le;
        if (type === 168627466) {
          const bom = u32le(b, o + 8);
          if (bom === 439041101) le = true;
          else if (bom === 1295788826) le = false;
          else return 12;
        }
        const len = le ? u32le(b, o + 4) : u32be(b, o + 4);
        return len < 12 || len % 4 !== 0 || len > MAX_UNIT ? 12 : len;
      }
      case 5:
        return 12;
      default:
        return 1;
    }
  }
  /** Consume one unit (or, while resynchronising, one byte); returns bytes consumed. */
  step(b, o, avail) {
    switch (this.state) {
      case 0: {
        const m2 = u32le(b, o);
        if (m2 === 168627466) this.state = 4;
        else if (m2 === 2712847316 || m2 === 2712812621 || m2 === 3569595041 || m2 === 1295823521)
          this.state = 1;
        else {
          this.emit.skip(++this.unit, `not a pcap or pcapng file (magic ${hex(m2)})`, 0);
          this.state = 6;
        }
        return 0;
      }
      case 1:
        return this.pcapHeader(b, o);
      case 2:
        return this.pcapRecord(b, o);
      case 3:
        return this.pcapResync(b, o);
      case 4:
        return this.ngBlock(b, o, avail);
      case 5:
        return this.ngResync(b, o);
      default:
        return avail;
    }
  }
  pcapHeader(b, o) {
    const m2 = u32le(b, o);
    this.le = m2 === 2712847316 || m2 === 2712812621;
    this.nanos = m2 === 2712812621 || m2 === 1295823521;
    const rd = this.le ? u32le : u32be;
    const major = this.le ? u16le(b, o + 4) : u16be(b, o + 4);
    this.snaplen = rd(b, o + 16);
    this.linktype = rd(b, o + 20) & 65535;
    this.capBound = Math.min(MAX_UNIT, Math.max(this.snaplen, 262144));
    if (major !== 2) {
      this.emit.skip(++this.unit, `unsupported pcap version ${major}`, this.pos);
      this.state = 6;
      return 24;
    }
    this.emit.ignore(++this.unit, "file header");
    this.state = 2;
    return 24;
  }
  pcapRecord(b, o) {
    const le = this.le;
    const cap = le ? u32le(b, o + 8) : u32be(b, o + 8);
    if (cap > this.capBound) {
      this.startResync(3, `corrupt record header (captured length ${cap} > ${this.capBound})`);
      return 1;
    }
    const sec = le ? u32le(b, o) : u32be(b, o);
    const frac = le ? u32le(b, o + 4) : u32be(b, o + 4);
    const wire = le ? u32le(b, o + 12) : u32be(b, o + 12);
    this.lastSec = sec;
    const ts = msOf(sec, frac, this.nanos ? 1e9 : 1e6);
    const r = decodeFrame(b, o + 16, o + 16 + cap, wire, this.linktype, ts, void 0);
    this.out(r, this.pos);
    return 16 + cap;
  }
  out(r, at) {
    const n = ++this.unit;
    if (typeof r !== "string") this.emit.record(r);
    else if (r === NON_IP) this.emit.ignore(n, NON_IP);
    else this.emit.skip(n, r, at);
  }
  startResync(state, why) {
    this.badAt = this.pos;
    this.badWhy = why;
    this.garbage = 1;
    this.state = state;
  }
  endResync(next) {
    this.emit.skip(++this.unit, `${this.badWhy}; skipped ${this.garbage} bytes to resynchronise`, this.badAt);
    this.state = next;
  }
  /** A record header that looks real: sane lengths, fraction and (when known) time. */
  pcapResync(b, o) {
    const rd = this.le ? u32le : u32be;
    const sec = rd(b, o);
    const frac = rd(b, o + 4);
    const cap = rd(b, o + 8);
    const wire = rd(b, o + 12);
    const ok = frac < (this.nanos ? 1e9 : 1e6) && cap <= this.capBound && cap <= wire && wire <= 262144 && (this.lastSec < 0 || Math.abs(sec - this.lastSec) <= 86400);
    if (ok) {
      this.endResync(
        2
        /* PcapRecord */
      );
      return 0;
    }
    this.garbage++;
    return 1;
  }
  ngResync(b, o) {
    if (u32le(b, o) === 168627466) {
      const bom = u32le(b, o + 8);
      if (bom === 439041101 || bom === 1295788826) {
        this.endResync(
          4
          /* NgBlock */
        );
        return 0;
      }
    }
    this.garbage++;
    return 1;
  }
  ngBlock(b, o, avail) {
    const type = u32le(b, o);
    if (type === 168627466) {
      const bom = u32le(b, o + 8);
      if (bom === 439041101) this.le = true;
      else if (bom === 1295788826) this.le = false;
      else {
        this.startResync(5, `corrupt section header (byte-order magic ${hex(bom)})`);
        return 1;
      }
    }
    const le = this.le;
    const rd = le ? u32le : u32be;
    const btype = rd(b, o);
    const len = rd(b, o + 4);
    if (len < 12 || len % 4 !== 0 || len > MAX_UNIT || len > avail) {
      this.startResync(5, `corrupt block header (type ${hex(btype)}, length ${len})`);
      return 1;
    }
    const at = this.pos;
    if (rd(b, o + len - 4) !== len) {
      this.emit.skip(++this.unit, `corrupt block (type ${hex(btype)}): trailing length differs`, at);
      return len;
    }
    const body = o + 8;
    const bodyEnd = o + len - 4;
    const rd16 = le ? u16le : u16be;
    switch (btype) {
      case 168627466: {
        if (len < 28) {
          this.emit.skip(++this.unit, "section header block too short", at);
          return len;
        }
        const major = rd16(b, body + 4);
        this.ifaces = [];
        if (major !== 1) {
          this.startResync(5, `unsupported pcapng version ${major}`);
          return 1;
        }
        this.emit.ignore(++this.unit, "section header");
        return len;
      }
      case 1: {
        if (len < 20) {
          this.emit.skip(++this.unit, "interface description block too short", at);
          this.ifaces.push(makeIface(-1, 0, 1e6, 0));
          return len;
        }
        const lt = rd16(b, body);
        const snap = rd(b, body + 4);
        let res = 1e6;
        let offset = 0;
        let name;
        let q = body + 8;
        while (q + 4 <= bodyEnd) {
          const code = rd16(b, q);
          const olen = rd16(b, q + 2);
          const v = q + 4;
          if (code === 0 || v + olen > bodyEnd) break;
          if (code === 2 && olen > 0) {
            let e = v + olen;
            while (e > v && b[e - 1] === 0) e--;
            name = new TextDecoder().decode(b.subarray(v, e));
          } else if (code === 9 && olen >= 1) {
            const t = b[v];
            res = t & 128 ? 2 ** (t & 127) : 10 ** t;
          } else if (code === 14 && olen >= 8) {
            const lo = rd(b, le ? v : v + 4);
            const hi = rd(b, le ? v + 4 : v);
            offset = (hi | 0) * 4294967296 + lo;
          }
          q = v + (olen + 3 & ~3);
        }
        this.ifaces.push(makeIface(lt, snap, res, offset, name));
        this.emit.ignore(++this.unit, "interface description");
        return len;
      }
      case 6:
      case 2: {
        if (len < 32) {
          this.emit.skip(++this.unit, "packet block too short", at);
          return len;
        }
        const id = btype === 6 ? rd(b, body) : rd16(b, body);
        const iface = this.ifaces[id];
        if (iface === void 0) {
          this.emit.skip(++this.unit, `packet for undeclared interface ${id}`, at);
          return len;
        }
        const hi = rd(b, body + 4);
        const lo = rd(b, body + 8);
        const cap = rd(b, body + 12);
        const wire = rd(b, body + 16);
        const room = bodyEnd - (body + 20);
        if (cap > room) {
          this.emit.skip(++this.unit, `captured length ${cap} exceeds the block`, at);
          return len;
        }
        const ts = this.stamp(iface, hi, lo);
        const r = decodeFrame(b, body + 20, body + 20 + cap, wire, iface.linktype, ts, iface.name);
        this.out(r, at);
        return len;
      }
      case 3: {
        const iface = this.ifaces[0];
        if (iface === void 0 || len < 16) {
          this.emit.skip(
            ++this.unit,
            iface ? "simple packet block too short" : "packet before any interface",
            at
          );
          return len;
        }
        const wire = rd(b, body);
        let cap = Math.min(wire, bodyEnd - (body + 4));
        if (iface.snaplen > 0 && cap > iface.snaplen) cap = iface.snaplen;
        const r = decodeFrame(b, body + 4, body + 4 + cap, wire, iface.linktype, null, iface.name);
        this.out(r, at);
        return len;
      }
      case 5:
        this.emit.ignore(++this.unit, "interface statistics");
        return len;
      case 4:
        this.emit.ignore(++this.unit, "name resolution");
        return len;
      default:
        this.emit.ignore(++this.unit, "other block");
        return len;
    }
  }
  /** Epoch ms of a 64-bit pcapng stamp, exact for µs and (via BigInt when needed) ns. */
  stamp(f, hi, lo) {
    const res = f.res;
    const low = hi * f.hiRem + lo;
    if (low <= Number.MAX_SAFE_INTEGER && Number.isInteger(res)) {
      const carry = Math.floor(low / res);
      return msOf(hi * f.hiQuot + carry + f.offset, low - carry * res, res);
    }
    if (Number.isInteger(res) && res <= Number.MAX_SAFE_INTEGER) {
      const units = BigInt(hi) << 32n | BigInt(lo);
      const r = BigInt(res);
      return msOf(Number(units / r) + f.offset, Number(units % r), res);
    }
    return ((hi * 4294967296 + lo) / res + f.offset) * 1e3;
  }
};
var pcapParser = (emit) => new PcapReader(emit);
var parsePcap = (input2, options = {}) => parseAll(pcapParser, input2, options);
var linkLen = (lt, vlans) => {
  switch (lt) {
    case 1:
      return 14 + 4 * vlans;
    case 113:
      return 16;
    case 276:
      return 20;
    case 0:
    case 108:
      return 4;
    case 12:
    case 14:
    case 101:
    case 228:
    case 229:
      return 0;
    default:
      throw new RangeError(`renderPcap: unsupported link type ${lt}`);
  }
};
var isV6 = (p) => p.src.includes(":");
var isFragment = (p) => (p.proto === "tcp" || p.proto === "udp") && p.sport === null;
var l4Len = (p) => {
  if (isFragment(p)) return Math.max(8, p.length - p.length % 8);
  switch (p.proto) {
    case "tcp":
      return 20 + p.length;
    case "udp":
      return 8 + p.length;
    case "arp":
      return Math.max(28, p.length);
    default:
      return p.length;
  }
};
var frameLength = (p, linktype = 1, vlans = 0) => {
  const l3 = p.proto === "arp" ? 0 : isV6(p) ? isFragment(p) ? 48 : 40 : 20;
  return linkLen(linktype, vlans) + l3 + l4Len(p);
};
var MAC_A = [82, 84, 0, 18, 52, 86];
var MAC_B = [0, 26, 43, 60, 77, 94];
var put16 = (b, o, v) => {
  b[o] = v >>> 8 & 255;
  b[o + 1] = v & 255;
};
var put32 = (b, o, v) => {
  b[o] = v >>> 24 & 255;
  b[o + 1] = v >>> 16 & 255;
  b[o + 2] = v >>> 8 & 255;
  b[o + 3] = v & 255;
};
var putV4 = (b, o, s) => {
  const n = Net_exports.parseIpv4(s);
  if (n < 0) throw new RangeError(`renderPcap: not an IPv4 address: ${s}`);
  put32(b, o, n);
};
var putV6 = (b, o, s) => {
  const a = Net_exports.parseIpv6(s);
  if (!a) throw new RangeError(`renderPcap: not an IPv6 address: ${s}`);
  b.set(a, o);
};
var IPPROTO = { tcp: 6, udp: 17, icmp: 1, icmp6: 58, other: 253 };
var writeFrame = (b, o, p, linktype = 1, vlan = []) => {
  const total = frameLength(p, linktype, vlan.length);
  const v6 = p.proto !== "arp" && isV6(p);
  const ethertype = p.proto === "arp" ? 2054 : v6 ? 34525 : 2048;
  let q = o;
  switch (linktype) {
    case 1: {
      b.set(MAC_B, q);
      b.set(MAC_A, q + 6);
      q += 12;
      for (let i = 0; i < vlan.length; i++) {
        put16(b, q, vlan.length > 1 && i < vlan.length - 1 ? 34984 : 33024);
        put16(b, q + 2, vlan[i] & 4095);
        q += 4;
      }
      put16(b, q, ethertype);
      q += 2;
      break;
    }
    case 113:
      put16(b, q, 0);
      put16(b, q + 2, 1);
      put16(b, q + 4, 6);
      b.set(MAC_A, q + 6);
      put16(b, q + 14, ethertype);
      q += 16;
      break;
    case 276: {
      put16(b, q, ethertype);
      const idx = p.iface !== void 0 && /^\d+$/.test(p.iface) ? Number(p.iface) : 1;
      put32(b, q + 4, idx);
      put16(b, q + 8, 1);
      b[q + 10] = 0;
      b[q + 11] = 6;
      b.set(MAC_A, q + 12);
      q += 20;
      break;
    }
    case 0:
      b[q] = v6 ? 24 : 2;
      q += 4;
      break;
    case 108:
      put32(b, q, v6 ? 24 : 2);
      q += 4;
      break;
    default:
      break;
  }
  if (p.proto === "arp") {
    if (linktype !== 1 && linktype !== 113 && linktype !== 276)
      throw new RangeError(`renderPcap: ARP cannot be carried by link type ${linktype}`);
    put16(b, q, 1);
    put16(b, q + 2, 2048);
    b[q + 4] = 6;
    b[q + 5] = 4;
    put16(b, q + 6, 1);
    b.set(MAC_A, q + 8);
    putV4(b, q + 14, p.src);
    putV4(b, q + 24, p.dst);
    return total;
  }
  if (linktype === 228 && v6 || linktype === 229 && !v6)
    throw new RangeError(`renderPcap: link type ${linktype} cannot carry ${v6 ? "IPv6" : "IPv4"}`);
  const l42 = l4Len(p);
  const frag = isFragment(p);
  const prot = IPPROTO[p.proto] ?? 253;
  if (v6) {
    if (p.proto === "icmp") throw new RangeError("renderPcap: ICMP (v4) over IPv6");
    b[q] = 96;
    put16(b, q + 4, l42 + (frag ? 8 : 0));
    b[q + 6] = frag ? 44 : prot;
    b[q + 7] = 64;
    putV6(b, q + 8, p.src);
    putV6(b, q + 24, p.dst);
    q += 40;
    if (frag) {
      b[q] = prot;
      put16(b, q + 2, 185 * 8);
      put32(b, q + 4, 7);
      q += 8;
    }
  } else {
    if (p.proto === "icmp6") throw new RangeError("renderPcap: ICMPv6 over IPv4");
    if (20 + l42 > 65535) throw new RangeError("renderPcap: packet too long for IPv4");
    b[q] = 69;
    put16(b, q + 2, 20 + l42);
    put16(b, q + 4, 1);
    if (frag) put16(b, q + 6, 185);
    b[q + 8] = 64;
    b[q + 9] = prot;
    putV4(b, q + 12, p.src);
    putV4(b, q + 16, p.dst);
    let sum = 0;
    for (let i = 0; i < 20; i += 2) sum += b[q + i] << 8 | b[q + i + 1];
    while (sum > 65535) sum = (sum & 65535) + (sum >>> 16);
    put16(b, q + 10, ~sum & 65535);
    q += 20;
  }
  if (frag) return total;
  switch (p.proto) {
    case "tcp":
      put16(b, q, p.sport ?? 0);
      put16(b, q + 2, p.dport ?? 0);
      put32(b, q + 4, 1e3);
      put32(b, q + 8, 2e3);
      b[q + 12] = 80;
      b[q + 13] = p.length > 0 ? 24 : 16;
      put16(b, q + 14, 502);
      break;
    case "udp":
      put16(b, q, p.sport ?? 0);
      put16(b, q + 2, p.dport ?? 0);
      put16(b, q + 4, 8 + p.length);
      break;
    case "icmp":
    case "icmp6":
      if (l42 >= 8) {
        b[q] = p.proto === "icmp" ? 8 : 128;
        put16(b, q + 4, 7);
        put16(b, q + 6, 1);
      }
      break;
    default:
      break;
  }
  return total;
};
var tsParts = (ms, nanos) => {
  if (ms === null) return [0, 0];
  let sec = Math.floor(ms / 1e3);
  let us = Math.round((ms - sec * 1e3) * 1e3);
  if (us >= 1e6) {
    sec += 1;
    us -= 1e6;
  }
  return [sec, nanos ? us * 1e3 : us];
};
var Out = class {
  constructor(size) {
    this.size = size;
    this.buf = new Uint8Array(size);
    this.dv = new DataView(this.buf.buffer);
  }
  size;
  buf;
  dv;
  n = 0;
  /** Make room for `k` bytes; returns a full chunk to yield, or undefined. */
  room(k) {
    if (this.n + k <= this.buf.length) return void 0;
    const full = this.buf.subarray(0, this.n);
    this.buf = new Uint8Array(Math.max(this.size, k));
    this.dv = new DataView(this.buf.buffer);
    this.n = 0;
    return full.length > 0 ? full : void 0;
  }
};
function* pcapChunks(packets, opts = {}) {
  const lt = opts.linktype ?? 1;
  const le = !opts.bigEndian;
  const nanos = opts.nanos ?? false;
  const snap = opts.snaplen ?? 262144;
  const vlan = opts.vlan ?? [];
  const out = new Out(opts.chunkSize ?? 1 << 20);
  out.room(24);
  const dv = out.dv;
  dv.setUint32(0, nanos ? 2712812621 : 2712847316, le);
  dv.setUint16(4, 2, le);
  dv.setUint16(6, 4, le);
  dv.setUint32(16, snap, le);
  dv.setUint32(20, lt, le);
  out.n = 24;
  for (const p of packets) {
    const len = frameLength(p, lt, vlan.length);
    const cap = Math.min(len, snap);
    const full = out.room(16 + len);
    if (full) yield full;
    const [sec, frac] = tsParts(p.ts, nanos);
    const o = out.n;
    out.dv.setUint32(o, sec, le);
    out.dv.setUint32(o + 4, frac, le);
    out.dv.setUint32(o + 8, cap, le);
    out.dv.setUint32(o + 12, len, le);
    writeFrame(out.buf, o + 16, p, lt, vlan);
    if (cap < len) out.buf.fill(0, o + 16 + cap, o + 16 + len);
    out.n = o + 16 + cap;
  }
  if (out.n > 0) yield out.buf.subarray(0, out.n);
}
var concat = (chunks) => {
  const parts = [...chunks];
  const all = new Uint8Array(parts.reduce((a, c) => a + c.length, 0));
  let o = 0;
  for (const c of parts) {
    all.set(c, o);
    o += c.length;
  }
  return all;
};
var renderPcap = (packets, opts = {}) => concat(pcapChunks(packets, opts));
var pad4 = (n) => n + 3 & ~3;
function* pcapngChunks(packets, opts = {}) {
  const lt = opts.linktype ?? 1;
  const le = !opts.bigEndian;
  const nanos = opts.nanos ?? false;
  const snap = opts.snaplen ?? 262144;
  const vlan = opts.vlan ?? [];
  const out = new Out(opts.chunkSize ?? 1 << 20);
  const enc = new TextEncoder();
  out.room(28);
  out.dv.setUint32(0, 168627466, le);
  out.dv.setUint32(4, 28, le);
  out.dv.setUint32(8, 439041101, le);
  out.dv.setUint16(12, 1, le);
  out.dv.setUint16(14, 0, le);
  out.dv.setInt32(16, -1, le);
  out.dv.setInt32(20, -1, le);
  out.dv.setUint32(24, 28, le);
  out.n = 28;
  const ids = /* @__PURE__ */ new Map();
  for (const p of packets) {
    let id = ids.get(p.iface);
    if (id === void 0) {
      id = ids.size;
      ids.set(p.iface, id);
      const name = p.iface === void 0 ? void 0 : enc.encode(p.iface);
      const optLen = (name ? 4 + pad4(name.length) : 0) + (nanos ? 8 : 0) + 4;
      const blen2 = 20 + optLen;
      const full2 = out.room(blen2);
      if (full2) yield full2;
      const o2 = out.n;
      const dv2 = out.dv;
      dv2.setUint32(o2, 1, le);
      dv2.setUint32(o2 + 4, blen2, le);
      dv2.setUint16(o2 + 8, lt, le);
      dv2.setUint32(o2 + 12, snap, le);
      let q = o2 + 16;
      if (name) {
        dv2.setUint16(q, 2, le);
        dv2.setUint16(q + 2, name.length, le);
        out.buf.set(name, q + 4);
        q += 4 + pad4(name.length);
      }
      if (nanos) {
        dv2.setUint16(q, 9, le);
        dv2.setUint16(q + 2, 1, le);
        out.buf[q + 4] = 9;
        q += 8;
      }
      q += 4;
      dv2.setUint32(q, blen2, le);
      out.n = o2 + blen2;
    }
    const len = frameLength(p, lt, vlan.length);
    const cap = Math.min(len, snap);
    const simple = p.ts === null;
    const blen = (simple ? 16 : 32) + pad4(cap);
    const full = out.room(blen + pad4(len));
    if (full) yield full;
    const o = out.n;
    const dv = out.dv;
    dv.setUint32(o, simple ? 3 : 6, le);
    dv.setUint32(o + 4, blen, le);
    let data;
    if (simple) {
      dv.setUint32(o + 8, len, le);
      data = o + 12;
    } else {
      const [sec, frac] = tsParts(p.ts, nanos);
      const units = BigInt(sec) * (nanos ? 1000000000n : 1000000n) + BigInt(frac);
      dv.setUint32(o + 8, id, le);
      dv.setUint32(o + 12, Number(units >> 32n), le);
      dv.setUint32(o + 16, Number(units & 0xffffffffn), le);
      dv.setUint32(o + 20, cap, le);
      dv.setUint32(o + 24, len, le);
      data = o + 28;
    }
    writeFrame(out.buf, data, p, lt, vlan);
    out.buf.fill(0, data + cap, data + pad4(len));
    dv.setUint32(o + blen - 4, blen, le);
    out.n = o + blen;
  }
  if (out.n > 0) yield out.buf.subarray(0, out.n);
}
var renderPcapng = (packets, opts = {}) => concat(pcapngChunks(packets, opts));
var parser12 = { info: info12, create: pcapParser, sniff: sniff12 };
var proc_net_tcp_exports = {};
__export2(proc_net_tcp_exports, {
  PROC_STATES: () => PROC_STATES,
  info: () => info13,
  parseProcNetTcp: () => parseProcNetTcp,
  parser: () => parser13,
  procNetTcpParser: () => procNetTcpParser,
  renderProcNetTcp: () => renderProcNetTcp,
  sniff: () => sniff13
});
var info13 = {
  kind: "proc-net-tcp",
  description: "Linux /proc/net/tcp, tcp6, udp, udp6 socket tables as Socket records",
  record: "Socket",
  binary: false,
  variants: [
    "/proc/net/tcp and /proc/net/tcp6 (Linux 2.6 \u2026 6.x), TIME_WAIT lines with fewer fields",
    "/proc/net/udp and /proc/net/udp6 (07 = UNCONN)",
    "little-endian hosts (byte-reversed address words); big-endian with option bigEndian"
  ],
  options: []
};
var decoder11 = new TextDecoder("utf-8");
var HEADER = /^\s*sl\s+local_address\s+rem(?:ote)?_address\s+st\s+tx_queue\s+rx_queue/;
var ROW2 = /^\s*\d+: [0-9A-Fa-f]{8}(?:[0-9A-Fa-f]{24})?:[0-9A-Fa-f]{4} [0-9A-Fa-f]{8}(?:[0-9A-Fa-f]{24})?:[0-9A-Fa-f]{4} [0-9A-Fa-f]{2} /;
var sniff13 = (head) => {
  const text = decoder11.decode(head.subarray(0, 8192));
  if (HEADER.test(text)) return 0.99;
  const lines2 = text.split("\n", 20).filter((l) => l.trim().length > 0);
  if (lines2.length === 0) return 0;
  const rows = lines2.filter((l) => ROW2.test(l)).length;
  return 0.85 * (rows / lines2.length);
};
var PROC_STATES = [
  "UNKNOWN",
  "ESTAB",
  "SYN-SENT",
  "SYN-RECV",
  "FIN-WAIT-1",
  "FIN-WAIT-2",
  "TIME-WAIT",
  "UNCONN",
  "CLOSE-WAIT",
  "LAST-ACK",
  "LISTEN",
  "CLOSING",
  "SYN-RECV"
];
var hex3 = (t, s, e) => {
  if (e <= s || e - s > 8) return -1;
  let v = 0;
  for (let i = s; i < e; i++) {
    const c = t.charCodeAt(i);
    let d;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 65 && c <= 70) d = c - 55;
    else if (c >= 97 && c <= 102) d = c - 87;
    else return -1;
    v = v * 16 + d;
  }
  return v;
};
var V6_CACHE_MAX2 = 4096;
var procNetTcpParser = lineParser((emit, options) => {
  const be = options.bigEndian ?? false;
  let netid = options.protocol;
  const buf = new Uint8Array(16);
  const v6Cache2 = /* @__PURE__ */ new Map();
  let addrOut = "";
  let portOut2 = null;
  const endpoint2 = (t, s, e) => {
    const len = e - s;
    if (t.charCodeAt(e - 5) !== 58 || len !== 13 && len !== 37) return 0;
    const port = hex3(t, e - 4, e);
    if (port < 0) return 0;
    portOut2 = port === 0 ? null : port;
    if (len === 13) {
      const v = hex3(t, s, s + 8);
      if (v < 0) return 0;
      addrOut = be ? `${v >>> 24}.${v >>> 16 & 255}.${v >>> 8 & 255}.${v & 255}` : `${v & 255}.${v >>> 8 & 255}.${v >>> 16 & 255}.${v >>> 24}`;
      return 4;
    }
    const key = t.slice(s, s + 32);
    const hit = v6Cache2.get(key);
    if (hit !== void 0) {
      addrOut = hit;
      return 6;
    }
    for (let w = 0; w < 4; w++) {
      const v = hex3(t, s + 8 * w, s + 8 * w + 8);
      if (v < 0) return 0;
      const o = 4 * w;
      if (be) {
        buf[o] = v >>> 24;
        buf[o + 1] = v >>> 16 & 255;
        buf[o + 2] = v >>> 8 & 255;
        buf[o + 3] = v & 255;
      } else {
        buf[o] = v & 255;
        buf[o + 1] = v >>> 8 & 255;
        buf[o + 2] = v >>> 16 & 255;
        buf[o + 3] = v >>> 24;
      }
    }
    addrOut = Net_exports.ipv6FromBytes(buf);
    if (v6Cache2.size >= V6_CACHE_MAX2) v6Cache2.clear();
    v6Cache2.set(key, addrOut);
    return 6;
  };
  const socketLine = (t) => {
    if (!nextToken(t, 0)) return "empty";
    if (t.charCodeAt(tok.e - 1) !== 58 || decimal(t, tok.s, tok.e - 1) < 0) return "bad sl field";
    if (!nextToken(t, tok.e)) return "missing local_address";
    const fam = endpoint2(t, tok.s, tok.e);
    if (fam === 0) return "bad local_address";
    const local = addrOut;
    const lport = portOut2;
    if (!nextToken(t, tok.e)) return "missing rem_address";
    if (endpoint2(t, tok.s, tok.e) !== fam) return "bad rem_address";
    if (!nextToken(t, tok.e)) return "missing st";
    const st = tok.e - tok.s === 2 ? hex3(t, tok.s, tok.e) : -1;
    if (st < 0) return "bad st";
    const state = PROC_STATES[st] ?? "UNKNOWN";
    if (!nextToken(t, tok.e)) return "missing tx_queue:rx_queue";
    if (tok.e - tok.s !== 17 || t.charCodeAt(tok.s + 8) !== 58) return "bad tx_queue:rx_queue";
    const sendQ = hex3(t, tok.s, tok.s + 8);
    const recvQ = hex3(t, tok.s + 9, tok.e);
    if (sendQ < 0 || recvQ < 0) return "bad tx_queue:rx_queue";
    if (!nextToken(t, tok.e)) return "missing tr:tm->when";
    if (!nextToken(t, tok.e)) return "missing retrnsmt";
    if (!nextToken(t, tok.e)) return "missing uid";
    const uid = decimal(t, tok.s, tok.e);
    if (uid < 0) return "bad uid";
    if (!nextToken(t, tok.e)) return "missing timeout";
    if (!nextToken(t, tok.e)) return "missing inode";
    const inode = decimal(t, tok.s, tok.e);
    if (inode < 0) return "bad inode";
    const r = {
      state,
      local,
      lport,
      peer: addrOut,
      pport: portOut2,
      recvQ,
      sendQ,
      process: null,
      uid,
      inode
    };
    if (netid !== void 0) r.netid = netid;
    return r;
  };
  return {
    line(t, no) {
      if (!nextToken(t, 0)) return emit.ignore(no, "blank");
      if (tok.e - tok.s === 2 && t.charCodeAt(tok.s) === 115 && t.charCodeAt(tok.s + 1) === 108) {
        if (options.protocol === void 0) netid = t.indexOf(" drops") > 0 ? "udp" : "tcp";
        return emit.ignore(no, "header");
      }
      const r = socketLine(t);
      if (typeof r === "string") emit.skip(no, r);
      else emit.record(r);
    }
  };
});
var parseProcNetTcp = (input2, options = {}) => parseAll(procNetTcpParser, input2, options);
var H4 = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";
var H6 = "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";
var hex4 = (v, width) => v.toString(16).toUpperCase().padStart(width, "0");
var word = (b, o, be) => be ? hex4((b[o] << 24 | b[o + 1] << 16 | b[o + 2] << 8 | b[o + 3]) >>> 0, 8) : hex4((b[o + 3] << 24 | b[o + 2] << 16 | b[o + 1] << 8 | b[o]) >>> 0, 8);
var addrHex = (a, v6, be) => {
  const wildcard = a === "*" || a === "";
  if (!v6) {
    if (wildcard) return "00000000";
    const v = Net_exports.parseIpv4(a);
    if (v < 0) throw new RangeError(`not an IPv4 address: ${a}`);
    const b2 = new Uint8Array([v >>> 24, v >>> 16 & 255, v >>> 8 & 255, v & 255]);
    return word(b2, 0, be);
  }
  let b;
  if (wildcard) b = new Uint8Array(16);
  else {
    const v42 = Net_exports.parseIpv4(a);
    b = v42 >= 0 ? Net_exports.parseIpv6(`::ffff:${a}`) : Net_exports.parseIpv6(a);
  }
  if (!b) throw new RangeError(`not an IP address: ${a}`);
  return word(b, 0, be) + word(b, 4, be) + word(b, 8, be) + word(b, 12, be);
};
var stateHex = (s) => {
  const i = PROC_STATES.indexOf(s);
  return hex4(Math.max(i, 0), 2);
};
var renderProcNetTcp = (sockets, options = {}) => {
  const v6 = options.v6 ?? false;
  const udp = options.udp ?? false;
  const be = options.bigEndian ?? false;
  const lines2 = [];
  if (options.header ?? true) {
    let h = v6 ? H6 : H4;
    if (udp) h = v6 ? `${h} ref pointer drops` : ` ${h} ref pointer drops`;
    lines2.push(v6 ? h : h.padEnd(udp ? 127 : 149));
  }
  sockets.forEach((s, i) => {
    const sl = String(i).padStart(udp ? 5 : 4);
    const la = `${addrHex(s.local, v6, be)}:${hex4(s.lport ?? 0, 4)}`;
    const pa = `${addrHex(s.peer, v6, be)}:${hex4(s.pport ?? 0, 4)}`;
    const q = `${hex4(s.sendQ, 8)}:${hex4(s.recvQ, 8)}`;
    const uid = String(s.uid ?? 0).padStart(5);
    const inode = s.inode ?? 0;
    let l;
    if (s.state === "TIME-WAIT" && !udp)
      l = `${sl}: ${la} ${pa} ${stateHex(s.state)} ${q} 03:00000BB8 00000000 ${uid}        0 ${inode} 3 0000000000000000`;
    else if (udp)
      l = `${sl}: ${la} ${pa} ${stateHex(s.state)} ${q} 00:00000000 00000000 ${uid}        0 ${inode} 2 0000000000000000 0`;
    else
      l = `${sl}: ${la} ${pa} ${stateHex(s.state)} ${q} 00:00000000 00000000 ${uid}        0 ${inode} 1 0000000000000000 20 4 30 10 -1`;
    lines2.push(v6 ? l : l.padEnd(udp ? 127 : 149));
  });
  return lines2.length ? `${lines2.join("\n")}
` : "";
};
var parser13 = { info: info13, create: procNetTcpParser, sniff: sniff13 };
var procfs_exports = {};
__export2(procfs_exports, {
  CPU_FIELDS: () => CPU_FIELDS,
  DISK_FIELDS: () => DISK_FIELDS,
  NET_DEV_HEADER: () => NET_DEV_HEADER,
  SECTOR_BYTES: () => SECTOR_BYTES,
  STAT_VALUE_KEYS: () => STAT_VALUE_KEYS,
  info: () => info14,
  parseProcfs: () => parseProcfs,
  parser: () => parser14,
  procfsLine: () => procfsLine,
  procfsParser: () => procfsParser,
  renderProcfs: () => renderProcfs,
  sniff: () => sniff14
});
var SECTOR_BYTES = 512;
var STAT_VALUE_KEYS = [
  "ctxt",
  "btime",
  "processes",
  "procs_running",
  "procs_blocked"
];
var CPU_FIELDS = [
  "user",
  "nice",
  "system",
  "idle",
  "iowait",
  "irq",
  "softirq",
  "steal",
  "guest",
  "guestNice"
];
var NET_FIELDS = [
  "rxBytes",
  "rxPackets",
  "rxErrs",
  "rxDrop",
  "rxFifo",
  "rxFrame",
  "rxCompressed",
  "rxMulticast",
  "txBytes",
  "txPackets",
  "txErrs",
  "txDrop",
  "txFifo",
  "txColls",
  "txCarrier",
  "txCompressed"
];
var DISK_FIELDS = [
  "reads",
  "readsMerged",
  "readBytes",
  "readMs",
  "writes",
  "writesMerged",
  "writeBytes",
  "writeMs",
  "inFlight",
  "ioMs",
  "weightedIoMs",
  "discards",
  "discardsMerged",
  "discardBytes",
  "discardMs",
  "flushes",
  "flushMs"
];
var SECTOR_FIELDS = /* @__PURE__ */ new Set(["readBytes", "writeBytes", "discardBytes"]);
var uint = (s) => {
  const n = s.length;
  if (n === 0 || n > 20) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return n > 15 ? Number(s) : v;
};
var FLOAT = /^\d+(?:\.\d+)?$/;
var LOADAVG = /^(\d+\.\d+) (\d+\.\d+) (\d+\.\d+) (\d+)\/(\d+) (\d+)$/;
var STAT_KEY = /^[a-z_]+$/;
var CPU_KEY = /^cpu(\d*)$/;
var WS2 = /[ \t]+/;
var numbers = (toks, from) => {
  const out = [];
  for (let i = from; i < toks.length; i++) {
    const v = uint(toks[i]);
    if (v < 0) return `bad number "${toks[i].slice(0, 24)}"`;
    out.push(v);
  }
  return out;
};
var cpuLine = (key, digits, toks) => {
  const v = numbers(toks, 1);
  if (typeof v === "string") return { skip: `stat ${key}: ${v}` };
  if (v.length < 4) return { skip: `stat ${key}: ${v.length} columns (expected 4 to 10)` };
  const r = {
    file: "stat",
    type: "cpu",
    cpu: digits === "" ? null : Number(digits)
  };
  for (let i = 0; i < CPU_FIELDS.length; i++) r[CPU_FIELDS[i]] = v[i] ?? null;
  return r;
};
var statLine = (toks) => {
  const key = toks[0];
  const cpu = CPU_KEY.exec(key);
  if (cpu) return cpuLine(key, cpu[1], toks);
  if (!STAT_KEY.test(key)) return { skip: "unrecognised line" };
  if (key === "page" || key === "swap") return { ignore: "kernel 2.4 stat line" };
  const v = numbers(toks, 1);
  if (typeof v === "string") return { skip: `stat ${key}: ${v}` };
  if (key === "intr" || key === "softirq") {
    if (v.length === 0) return { skip: `stat ${key}: no total` };
    return { file: "stat", type: "counts", key, total: v[0], counts: v.slice(1) };
  }
  if (v.length !== 1) return { skip: `stat ${key}: ${v.length} numbers (expected 1)` };
  return { file: "stat", type: "value", key, value: v[0] };
};
var colonLine = (t, colon) => {
  const key = t.slice(0, colon).trim();
  if (key.length === 0 || WS2.test(key)) return { skip: "unrecognised line" };
  const rest = t.slice(colon + 1).trim();
  const toks = rest.length === 0 ? [] : rest.split(WS2);
  if (toks.length === NET_FIELDS.length) {
    const v = numbers(toks, 0);
    if (typeof v === "string") return { skip: `net-dev ${key}: ${v}` };
    const r = { file: "net-dev", interface: key };
    for (let i = 0; i < NET_FIELDS.length; i++) r[NET_FIELDS[i]] = v[i];
    return r;
  }
  if (toks.length === 1 || toks.length === 2 && toks[1] === "kB") {
    const v = uint(toks[0]);
    if (v < 0) return { skip: `meminfo ${key}: bad number "${toks[0].slice(0, 24)}"` };
    return toks.length === 2 ? { file: "meminfo", key, value: v * 1024, unit: "bytes" } : { file: "meminfo", key, value: v, unit: "count" };
  }
  if (key === "total" || key === "Mem" || key === "Swap" || key === "disk_io")
    return { ignore: "kernel 2.4 summary" };
  return { skip: `unrecognised line: ${toks.length} values after "${key.slice(0, 24)}:"` };
};
var numericLine = (t) => {
  const load2 = LOADAVG.exec(t);
  if (load2) {
    return {
      file: "loadavg",
      load1: Number(load2[1]),
      load5: Number(load2[2]),
      load15: Number(load2[3]),
      running: Number(load2[4]),
      total: Number(load2[5]),
      lastPid: Number(load2[6])
    };
  }
  const toks = t.split(WS2);
  if (toks.length === 2 && FLOAT.test(toks[0]) && FLOAT.test(toks[1]))
    return { file: "uptime", uptimeSeconds: Number(toks[0]), idleSeconds: Number(toks[1]) };
  if (toks.length < 3) return { skip: "unrecognised line" };
  const major = uint(toks[0]);
  const minor = uint(toks[1]);
  const device = toks[2];
  if (major < 0 || minor < 0 || uint(device) >= 0) return { skip: "unrecognised line" };
  const v = numbers(toks, 3);
  if (typeof v === "string") return { skip: `diskstats ${device}: ${v}` };
  const r = { file: "diskstats", major, minor, device };
  if (v.length === 4) {
    for (const f of DISK_FIELDS) r[f] = null;
    r.reads = v[0];
    r.readBytes = v[1] * SECTOR_BYTES;
    r.writes = v[2];
    r.writeBytes = v[3] * SECTOR_BYTES;
    return r;
  }
  if (v.length < 11) return { skip: `diskstats ${device}: ${v.length} fields (expected 4, 11, 15 or 17)` };
  for (let i = 0; i < DISK_FIELDS.length; i++) {
    const f = DISK_FIELDS[i];
    const x = v[i];
    r[f] = x === void 0 ? null : SECTOR_FIELDS.has(f) ? x * SECTOR_BYTES : x;
  }
  return r;
};
var procfsLine = (line2) => {
  const t = line2.trim();
  if (t.length === 0) return { ignore: "blank" };
  if (t.startsWith("Inter-|") || /^face\s*\|/.test(t)) return { ignore: "header" };
  const c = t.charCodeAt(0);
  const colon = t.indexOf(":");
  if (c >= 48 && c <= 57 && colon < 0) return numericLine(t);
  if (colon > 0) return colonLine(t, colon);
  return statLine(t.split(WS2));
};
var procfsParser = lineParser((emit) => {
  const files = [];
  return {
    line(t, no) {
      const r = procfsLine(t);
      if ("skip" in r) return emit.skip(no, r.skip);
      if ("ignore" in r) return emit.ignore(no, r.ignore);
      if (files[files.length - 1] !== r.file) files.push(r.file);
      emit.record(r);
    },
    end() {
      if (files.length > 0) emit.infer("file", `${[...new Set(files)].join(", ")} (from the lines' shapes)`);
    }
  };
});
var parseProcfs = (input2, options = {}) => parseAll(procfsParser, input2, options);
var info14 = {
  kind: "procfs",
  description: "Linux /proc/stat, meminfo, loadavg, net/dev, diskstats and uptime as ProcfsSample records",
  record: "ProcfsSample",
  binary: false,
  variants: [
    "/proc/stat: cpu lines with 4 (2.4), 7 (2.6.0), 8 (2.6.11), 9 (2.6.24) or 10 (2.6.33+) columns; intr, softirq, ctxt, btime, processes, procs_running, procs_blocked",
    "/proc/meminfo: `Key: N kB` to bytes, unit-less HugePages_* counts; 2.4 summary table ignored",
    "/proc/loadavg, /proc/uptime",
    "/proc/net/dev: two header lines, `%6s: ` interface lines (and 2.6's `name:123` without a space)",
    "/proc/diskstats: 4-field partitions (< 2.6.25), 11 fields, 15 (4.18+ discards), 17 (5.5+ flushes)",
    "several files concatenated in one input (each line is recognised by its shape)"
  ],
  options: []
};
var decoder12 = new TextDecoder("utf-8");
var firstLineConfidence = (line2) => {
  const t = line2.trim();
  if (t.startsWith("Inter-|")) return 0.95;
  if (/^cpu +\d+( \d+){3,9}$/.test(t)) return 0.95;
  if (/^MemTotal: +\d+ kB$/.test(t)) return 0.95;
  const r = procfsLine(line2);
  if ("skip" in r || "ignore" in r) return 0;
  switch (r.file) {
    case "loadavg":
      return 0.9;
    case "diskstats":
      return 0.7;
    case "uptime":
      return 0.6;
    default:
      return 0.5;
  }
};
var sniff14 = (head) => {
  const text = decoder12.decode(head.subarray(0, 8192));
  const lines2 = text.split("\n", 21).slice(0, 20);
  if (lines2.length === 20 || !text.endsWith("\n")) lines2.pop();
  const body = lines2.filter((l) => l.trim().length > 0);
  if (body.length === 0) return 0;
  const first = firstLineConfidence(body[0]);
  if (first === 0) return 0;
  const ok = body.filter((l) => {
    const r = procfsLine(l);
    return !("skip" in r);
  }).length;
  return first * (ok / body.length);
};
var NET_DEV_HEADER = "Inter-|   Receive                                                |  Transmit\n face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n";
var fixed2 = (x) => x.toFixed(2);
var pad3 = (x, w) => String(x).padStart(w);
var line = (r) => {
  switch (r.file) {
    case "stat":
      if (r.type === "cpu") {
        const cols = [];
        for (const f of CPU_FIELDS) {
          const v = r[f];
          if (v === null) break;
          cols.push(v);
        }
        return `${r.cpu === null ? "cpu " : `cpu${r.cpu}`} ${cols.join(" ")}`;
      }
      if (r.type === "counts") return [r.key, r.total, ...r.counts].join(" ");
      return `${r.key} ${r.value}`;
    case "meminfo":
      return r.unit === "bytes" ? `${`${r.key}:`.padEnd(16)}${pad3(Math.floor(r.value / 1024), 8)} kB` : `${`${r.key}:`.padEnd(16)}${pad3(r.value, 8)}`;
    case "loadavg":
      return `${fixed2(r.load1)} ${fixed2(r.load5)} ${fixed2(r.load15)} ${r.running}/${r.total} ${r.lastPid}`;
    case "uptime":
      return `${fixed2(r.uptimeSeconds)} ${fixed2(r.idleSeconds)}`;
    case "net-dev":
      return `${r.interface.padStart(6)}: ${pad3(r.rxBytes, 7)} ${pad3(r.rxPackets, 7)} ${pad3(r.rxErrs, 4)} ${pad3(r.rxDrop, 4)} ${pad3(r.rxFifo, 4)} ${pad3(r.rxFrame, 5)} ${pad3(r.rxCompressed, 10)} ${pad3(r.rxMulticast, 9)} ${pad3(r.txBytes, 8)} ${pad3(r.txPackets, 7)} ${pad3(r.txErrs, 4)} ${pad3(r.txDrop, 4)} ${pad3(r.txFifo, 4)} ${pad3(r.txColls, 5)} ${pad3(r.txCarrier, 7)} ${pad3(r.txCompressed, 10)}`;
    case "diskstats": {
      const old = r.readsMerged === null;
      const cols = [];
      const order = old ? ["reads", "readBytes", "writes", "writeBytes"] : DISK_FIELDS;
      for (const f of order) {
        const v = r[f];
        if (v === null) break;
        cols.push(f.endsWith("Bytes") ? Math.floor(v / SECTOR_BYTES) : v);
      }
      return `${pad3(r.major, 4)} ${pad3(r.minor, 7)} ${r.device} ${cols.join(" ")}`;
    }
  }
};
var renderProcfs = (records) => {
  let out = "";
  let prev;
  for (const r of records) {
    if (r.file === "net-dev" && prev !== "net-dev") out += NET_DEV_HEADER;
    out += `${line(r)}
`;
    prev = r.file;
  }
  return out;
};
var parser14 = { info: info14, create: procfsParser, sniff: sniff14 };
var snmpwalk_exports = {};
__export2(snmpwalk_exports, {
  EXCEPTIONS: () => EXCEPTIONS,
  MAX_VALUE_CHARS: () => MAX_VALUE_CHARS,
  TYPE_WORDS: () => TYPE_WORDS,
  info: () => info15,
  isNumericOid: () => isNumericOid,
  knownNames: () => knownNames,
  knownOid: () => knownOid,
  numericOid: () => numericOid,
  parseSnmpwalk: () => parseSnmpwalk,
  parser: () => parser15,
  renderSnmpwalk: () => renderSnmpwalk,
  sniff: () => sniff15,
  snmpwalkParser: () => snmpwalkParser,
  timeticksText: () => timeticksText
});
var TABLE = `
@SNMPv2-SMI
iso: org 3
org: dod 6
dod: internet 1
internet: directory 1, mgmt 2
mgmt: mib-2 1
mib-2: transmission 10
internet: experimental 3, private 4
private: enterprises 1
internet: security 5, snmpV2 6
snmpV2: snmpDomains 1, snmpProxys 2, snmpModules 3
@SNMPv2-MIB
mib-2: system 1
system: sysDescr 1, sysObjectID 2, sysUpTime 3, sysContact 4, sysName 5, sysLocation 6, sysServices 7
system: sysORLastChange 8, sysORTable 9
sysORTable: sysOREntry 1
sysOREntry: sysORIndex 1, sysORID 2, sysORDescr 3, sysORUpTime 4
mib-2: snmp 11
snmp: snmpInPkts 1, snmpOutPkts 2, snmpInBadVersions 3, snmpInBadCommunityNames 4
snmp: snmpInBadCommunityUses 5, snmpInASNParseErrs 6, snmpInTooBigs 8, snmpInNoSuchNames 9
snmp: snmpInBadValues 10, snmpInReadOnlys 11, snmpInGenErrs 12, snmpInTotalReqVars 13
snmp: snmpInTotalSetVars 14, snmpInGetRequests 15, snmpInGetNexts 16, snmpInSetRequests 17
snmp: snmpInGetResponses 18, snmpInTraps 19, snmpOutTooBigs 20, snmpOutNoSuchNames 21
snmp: snmpOutBadValues 22, snmpOutGenErrs 24, snmpOutGetRequests 25, snmpOutGetNexts 26
snmp: snmpOutSetRequests 27, snmpOutGetResponses 28, snmpOutTraps 29, snmpEnableAuthenTraps 30
snmp: snmpSilentDrops 31, snmpProxyDrops 32
@IF-MIB
mib-2: interfaces 2
interfaces: ifNumber 1, ifTable 2
ifTable: ifEntry 1
ifEntry: ifIndex 1, ifDescr 2, ifType 3, ifMtu 4, ifSpeed 5, ifPhysAddress 6, ifAdminStatus 7
ifEntry: ifOperStatus 8, ifLastChange 9, ifInOctets 10, ifInUcastPkts 11, ifInNUcastPkts 12
ifEntry: ifInDiscards 13, ifInErrors 14, ifInUnknownProtos 15, ifOutOctets 16, ifOutUcastPkts 17
ifEntry: ifOutNUcastPkts 18, ifOutDiscards 19, ifOutErrors 20, ifOutQLen 21, ifSpecific 22
mib-2: ifMIB 31
ifMIB: ifMIBObjects 1
ifMIBObjects: ifXTable 1
ifXTable: ifXEntry 1
ifXEntry: ifName 1, ifInMulticastPkts 2, ifInBroadcastPkts 3, ifOutMulticastPkts 4, ifOutBroadcastPkts 5
ifXEntry: ifHCInOctets 6, ifHCInUcastPkts 7, ifHCInMulticastPkts 8, ifHCInBroadcastPkts 9
ifXEntry: ifHCOutOctets 10, ifHCOutUcastPkts 11, ifHCOutMulticastPkts 12, ifHCOutBroadcastPkts 13
ifXEntry: ifLinkUpDownTrapEnable 14, ifHighSpeed 15, ifPromiscuousMode 16, ifConnectorPresent 17
ifXEntry: ifAlias 18, ifCounterDiscontinuityTime 19
ifMIBObjects: ifTableLastChange 5, ifStackLastChange 6
@UCD-SNMP-MIB
enterprises: ucdavis 2021
ucdavis: ucdInternal 12, ucdExperimental 13, ucdSnmpAgent 250, prTable 2
prTable: prEntry 1
prEntry: prIndex 1, prNames 2, prMin 3, prMax 4, prCount 5, prErrorFlag 100, prErrMessage 101
prEntry: prErrFix 102, prErrFixCmd 103
ucdavis: extTable 8
extTable: extEntry 1
extEntry: extIndex 1, extNames 2, extCommand 3, extResult 100, extOutput 101, extErrFix 102
extEntry: extErrFixCmd 103
ucdavis: memory 4
memory: memIndex 1, memErrorName 2, memTotalSwap 3, memAvailSwap 4, memTotalReal 5, memAvailReal 6
memory: memTotalSwapTXT 7, memAvailSwapTXT 8, memTotalRealTXT 9, memAvailRealTXT 10, memTotalFree 11
memory: memMinimumSwap 12, memShared 13, memBuffer 14, memCached 15, memUsedSwapTXT 16
memory: memUsedRealTXT 17, memTotalSwapX 18, memAvailSwapX 19, memTotalRealX 20, memAvailRealX 21
memory: memTotalFreeX 22, memMinimumSwapX 23, memSharedX 24, memBufferX 25, memCachedX 26
memory: memSysAvail 27, memSwapError 100, memSwapErrorMsg 101
ucdavis: dskTable 9
dskTable: dskEntry 1
dskEntry: dskIndex 1, dskPath 2, dskDevice 3, dskMinimum 4, dskMinPercent 5, dskTotal 6, dskAvail 7
dskEntry: dskUsed 8, dskPercent 9, dskPercentNode 10, dskTotalLow 11, dskTotalHigh 12, dskAvailLow 13
dskEntry: dskAvailHigh 14, dskUsedLow 15, dskUsedHigh 16, dskErrorFlag 100, dskErrorMsg 101
ucdavis: laTable 10
laTable: laEntry 1
laEntry: laIndex 1, laNames 2, laLoad 3, laConfig 4, laLoadInt 5, laLoadFloat 6, laErrorFlag 100
laEntry: laErrMessage 101
ucdavis: version 100
version: versionIndex 1, versionTag 2, versionDate 3, versionCDate 4, versionIdent 5
version: versionConfigureOptions 6, versionClearCache 10, versionUpdateConfig 11, versionRestartAgent 12
version: versionSavePersistentData 13, versionDoDebugging 20
ucdavis: snmperrs 101
snmperrs: snmperrIndex 1, snmperrNames 2, snmperrErrorFlag 100, snmperrErrMessage 101
ucdavis: mrTable 102
mrTable: mrEntry 1
mrEntry: mrIndex 1, mrModuleName 2
ucdavis: systemStats 11
systemStats: ssIndex 1, ssErrorName 2, ssSwapIn 3, ssSwapOut 4, ssIOSent 5, ssIOReceive 6
systemStats: ssSysInterrupts 7, ssSysContext 8, ssCpuUser 9, ssCpuSystem 10, ssCpuIdle 11
systemStats: ssCpuRawUser 50, ssCpuRawNice 51, ssCpuRawSystem 52, ssCpuRawIdle 53, ssCpuRawWait 54
systemStats: ssCpuRawKernel 55, ssCpuRawInterrupt 56, ssIORawSent 57, ssIORawReceived 58
systemStats: ssRawInterrupts 59, ssRawContexts 60, ssCpuRawSoftIRQ 61, ssRawSwapIn 62, ssRawSwapOut 63
systemStats: ssCpuRawSteal 64, ssCpuRawGuest 65, ssCpuRawGuestNice 66, ssCpuNumCpus 67
ucdavis: ucdTraps 251, fileTable 15
fileTable: fileEntry 1
fileEntry: fileIndex 1, fileName 2, fileSize 3, fileMax 4, fileErrorFlag 100, fileErrorMsg 101
ucdavis: logMatch 16
logMatch: logMatchMaxEntries 1, logMatchTable 2
logMatchTable: logMatchEntry 1
logMatchEntry: logMatchIndex 1, logMatchName 2, logMatchFilename 3, logMatchRegEx 4
logMatchEntry: logMatchGlobalCounter 5, logMatchGlobalCount 6, logMatchCurrentCounter 7
logMatchEntry: logMatchCurrentCount 8, logMatchCounter 9, logMatchCount 10, logMatchCycle 11
logMatchEntry: logMatchErrorFlag 100, logMatchRegExCompilation 101
@NET-SNMP-MIB
enterprises: netSnmp 8072
netSnmp: netSnmpObjects 1, netSnmpEnumerations 3
netSnmpEnumerations: netSnmpModuleIDs 1, netSnmpAgentOIDs 2, netSnmpDomains 3
@NET-SNMP-AGENT-MIB
netSnmpObjects: nsExtensions 3
@NET-SNMP-EXTEND-MIB
nsExtensions: nsExtendObjects 2
nsExtendObjects: nsExtendNumEntries 1, nsExtendConfigTable 2
nsExtendConfigTable: nsExtendConfigEntry 1
nsExtendConfigEntry: nsExtendToken 1, nsExtendCommand 2, nsExtendArgs 3, nsExtendInput 4
nsExtendConfigEntry: nsExtendCacheTime 5, nsExtendExecType 6, nsExtendRunType 7, nsExtendStorage 20
nsExtendConfigEntry: nsExtendStatus 21
nsExtendObjects: nsExtendOutput1Table 3
nsExtendOutput1Table: nsExtendOutput1Entry 1
nsExtendOutput1Entry: nsExtendOutput1Line 1, nsExtendOutputFull 2, nsExtendOutNumLines 3
nsExtendOutput1Entry: nsExtendResult 4
nsExtendObjects: nsExtendOutput2Table 4
nsExtendOutput2Table: nsExtendOutput2Entry 1
nsExtendOutput2Entry: nsExtendLineIndex 1, nsExtendOutLine 2
`;
var ROOTS = { ccitt: ".0", iso: ".1", "joint-iso-ccitt": ".2" };
var ALIASES = {
  "SNMPv2-SMI": ["RFC1155-SMI", "RFC1213-MIB"],
  "SNMPv2-MIB": ["RFC1213-MIB"],
  "IF-MIB": ["RFC1213-MIB"]
};
var known;
var load = () => {
  const m2 = /* @__PURE__ */ new Map();
  let mod = "";
  for (const line2 of TABLE.split("\n")) {
    if (line2.length === 0) continue;
    if (line2.charCodeAt(0) === 64) {
      mod = line2.slice(1);
      continue;
    }
    const colon = line2.indexOf(": ");
    const parent = line2.slice(0, colon);
    const base = ROOTS[parent] ?? m2.get(parent)?.oid;
    if (base === void 0) continue;
    for (const item of line2.slice(colon + 2).split(", ")) {
      const sp = item.indexOf(" ");
      m2.set(item.slice(0, sp), {
        oid: `${base}.${item.slice(sp + 1)}`,
        modules: [mod, ...ALIASES[mod] ?? []]
      });
    }
  }
  return m2;
};
var knownOid = (name, module2) => {
  const root = ROOTS[name];
  if (root !== void 0) return module2 === void 0 ? root : void 0;
  known ??= load();
  const k = known.get(name);
  if (k === void 0) return void 0;
  if (module2 !== void 0 && !k.modules.includes(module2)) return void 0;
  return k.oid;
};
var knownNames = () => {
  known ??= load();
  return new Map([...known].map(([n, k]) => [n, k.oid]));
};
var isDigit4 = (c) => c >= 48 && c <= 57;
var isLetter = (c) => c >= 65 && c <= 90 || c >= 97 && c <= 122;
var isNameChar = (c) => isLetter(c) || isDigit4(c) || c === 45 || c === 95;
var isNumericOid = (p) => {
  const n = p.length;
  let i = p.charCodeAt(0) === 46 ? 1 : 0;
  if (i >= n) return false;
  let digits = 0;
  for (; i < n; i++) {
    const c = p.charCodeAt(i);
    if (isDigit4(c)) digits++;
    else if (c === 46 && digits > 0) digits = 0;
    else return false;
  }
  return digits > 0;
};
var stringArcs = (s, implied) => {
  let out = implied ? "" : `.${s.length}`;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c > 255) return null;
    out += `.${c}`;
  }
  return out;
};
var numericOid = (p) => {
  const n = p.length;
  if (n === 0) return null;
  let i = 0;
  let module2;
  const dc = p.indexOf("::");
  if (dc > 0) {
    for (let k = 0; k < dc; k++) if (!isNameChar(p.charCodeAt(k))) return null;
    module2 = p.slice(0, dc);
    i = dc + 2;
  } else if (p.charCodeAt(0) === 46) i = 1;
  let base = "";
  let arcs = "";
  let first = true;
  while (i < n) {
    const c = p.charCodeAt(i);
    if (isDigit4(c)) {
      const s = i;
      while (i < n && isDigit4(p.charCodeAt(i))) i++;
      arcs += `.${p.slice(s, i)}`;
    } else if (isLetter(c)) {
      const s = i;
      while (i < n && isNameChar(p.charCodeAt(i))) i++;
      const oid = knownOid(p.slice(s, i), first ? module2 : void 0);
      if (oid === void 0) {
        base = "?";
      } else base = oid;
      arcs = "";
    } else if (c === 34 || c === 39) {
      let s = "";
      let k = i + 1;
      while (k < n && p.charCodeAt(k) !== c) {
        if (p.charCodeAt(k) === 92 && k + 1 < n) k++;
        s += p[k];
        k++;
      }
      if (k >= n) return null;
      const a = stringArcs(s, c === 39);
      if (a === null) return null;
      arcs += a;
      i = k + 1;
    } else if (c === 91) {
      const k = p.indexOf("]", i);
      if (k < 0 || !isNumericOid(p.slice(i + 1, k))) return null;
      const inner = p.slice(i + 1, k);
      arcs += inner.charCodeAt(0) === 46 ? inner : `.${inner}`;
      i = k + 1;
      first = false;
      continue;
    } else return null;
    first = false;
    if (i < n) {
      const d = p.charCodeAt(i);
      if (d === 46) {
        i++;
        if (i >= n) return null;
      } else if (d !== 91) return null;
    }
  }
  if (base === "?") return null;
  const out = base + arcs;
  return out.length > 0 ? out : null;
};
var MAX_VALUE_CHARS = 1 << 18;
var TYPE_WORDS = [
  "INTEGER",
  "STRING",
  "Hex-STRING",
  "OID",
  "IpAddress",
  "Counter32",
  "Counter64",
  "Gauge32",
  "UInteger32",
  "Timeticks",
  "Opaque",
  "BITS",
  "Network Address"
];
var TYPE_SET = new Map(TYPE_WORDS.map((t) => [t, t]));
var EXCEPTIONS = [
  ["NoSuchObject", "No Such Object available on this agent at this OID"],
  ["NoSuchInstance", "No Such Instance currently exists at this OID"],
  ["EndOfMibView", "No more variables left in this MIB View (It is past the end of the MIB tree)"]
];
var isDigit5 = (c) => c >= 48 && c <= 57;
var hexVal = (c) => {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
};
var HEX2 = "0123456789abcdef";
var isOidChar = (c) => c >= 65 && c <= 90 || c >= 97 && c <= 122 || isDigit5(c) || c === 46 || c === 45 || c === 95 || c === 58;
var oidEnd = 0;
var scanOid = (t) => {
  const n = t.length;
  const c0 = t.charCodeAt(0);
  if (!(c0 === 46 || isDigit5(c0) || c0 >= 65 && c0 <= 90 || c0 >= 97 && c0 <= 122)) return 0;
  let structured = false;
  let i = 0;
  while (i < n) {
    const c = t.charCodeAt(i);
    if (c === 32) break;
    if (c === 34 || c === 39) {
      let k = i + 1;
      while (k < n && t.charCodeAt(k) !== c) k += t.charCodeAt(k) === 92 ? 2 : 1;
      if (k >= n) return 0;
      i = k + 1;
      structured = true;
    } else if (c === 91) {
      const k = t.indexOf("]", i);
      if (k < 0) return 0;
      i = k + 1;
      structured = true;
    } else if (isOidChar(c)) {
      if (c === 46 || c === 58 && t.charCodeAt(i + 1) === 58) structured = true;
      i++;
    } else return 0;
  }
  if (!structured || i >= n) return 0;
  oidEnd = i;
  return t.charCodeAt(i + 1) === 61 && (i + 2 === n || t.charCodeAt(i + 2) === 32) ? 1 : 2;
};
var integer = (s) => {
  const n = s.length;
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  if (i >= n) return null;
  for (; i < n; i++) if (!isDigit5(s.charCodeAt(i))) return null;
  const v = Number(s);
  return Number.isSafeInteger(v) ? v : s;
};
var hexCount = 0;
var hexStop = 0;
var hexPairs = (s, i) => {
  const n = s.length;
  let out = "";
  hexCount = 0;
  let p = i;
  while (p + 1 < n) {
    const a = hexVal(s.charCodeAt(p));
    const b = hexVal(s.charCodeAt(p + 1));
    if (a < 0 || b < 0) break;
    if (p + 2 < n && s.charCodeAt(p + 2) !== 32) break;
    out += HEX2[a] + HEX2[b];
    hexCount++;
    p += p + 2 < n ? 3 : 2;
  }
  hexStop = p;
  return out;
};
var isHexLine = (t) => {
  if (t.length < 2) return false;
  hexPairs(t, 0);
  if (hexCount === 0) return false;
  for (let k = hexStop; k < t.length; k++) if (t.charCodeAt(k) !== 32) return false;
  return true;
};
var numberWithUnit = (r, v, conv, label) => {
  const sp = v.indexOf(" ");
  const head = sp < 0 ? v : v.slice(0, sp);
  if (head.length === 0) return `empty ${r.type} value`;
  if (label && head.charCodeAt(head.length - 1) === 41) {
    const lp = head.indexOf("(");
    const n2 = lp > 0 ? integer(head.slice(lp + 1, -1)) : null;
    if (n2 !== null) {
      r.value = n2;
      r.label = head.slice(0, lp);
      return "";
    }
  }
  const n = conv(head);
  if (n === null) {
    if (r.type !== "INTEGER") return `bad ${r.type} value "${head}"`;
    r.value = head;
  } else r.value = n;
  if (sp >= 0) {
    const unit = v.slice(sp + 1).trim();
    if (unit.length > 0) r.unit = unit;
  }
  return "";
};
var counter64 = (s) => {
  if (s.length === 0) return null;
  for (let i = 0; i < s.length; i++) if (!isDigit5(s.charCodeAt(i))) return null;
  return s;
};
var unsigned = (s) => s.charCodeAt(0) === 45 ? null : integer(s);
var NONE = 0;
var QUOTED = 1;
var UNQUOTED = 2;
var HEX_MORE = 3;
var qEsc = false;
var qText = "";
var scanQuoted = (t, i) => {
  const n = t.length;
  let s = i;
  let p = i;
  if (qEsc && p < n) {
    qText += t[p];
    qEsc = false;
    p++;
    s = p;
  }
  while (p < n) {
    const c = t.charCodeAt(p);
    if (c === 92) {
      qText += t.slice(s, p);
      if (p + 1 >= n) {
        qEsc = true;
        return -1;
      }
      qText += t[p + 1];
      p += 2;
      s = p;
    } else if (c === 34) {
      qText += t.slice(s, p);
      return p;
    } else p++;
  }
  qText += t.slice(s, n);
  return -1;
};
var snmpwalkParser = lineParser((emit, options) => {
  const max = options.maxValueLength ?? MAX_VALUE_CHARS;
  let more = NONE;
  let pend = null;
  let pendLine = 0;
  let parts = [];
  let size = 0;
  let blanks = [];
  let qFirst = "";
  let qLines = [];
  let qNos = [];
  let qTypeless = false;
  let typeless = false;
  let saidTicks = false;
  const reset = () => {
    more = NONE;
    pend = null;
    parts = [];
    size = 0;
    blanks = [];
    qFirst = "";
    qLines = [];
    qNos = [];
    qTypeless = false;
    qText = "";
    qEsc = false;
  };
  const TYPELESS = "value without a type word (-OQ output is not supported)";
  const finish2 = () => {
    const r = pend;
    if (r === null) return;
    if (more === HEX_MORE) r.value = parts.join("");
    else if (more === UNQUOTED) r.value = parts.join("\n");
    for (const b of blanks) emit.ignore(b, "blank");
    reset();
    emit.record(r);
  };
  const cut = () => {
    emit.skip(pendLine, `value longer than ${max} characters`);
    reset();
  };
  const unquoted = (r, v, no) => {
    pend = r;
    pendLine = no;
    parts = [v];
    size = v.length;
    more = UNQUOTED;
    if (size > max) cut();
  };
  const unquote2 = () => {
    const r = pend;
    const first = pendLine;
    const v = qFirst;
    const lines2 = qLines;
    const nos = qNos;
    const wasTypeless = qTypeless;
    reset();
    if (wasTypeless) emit.skip(first, TYPELESS);
    else unquoted(r, v, first);
    for (let k = 0; k < lines2.length; k++) step(lines2[k], nos[k]);
  };
  const closeQuoted = (t, q) => {
    for (let k = q + 1; k < t.length; k++) if (t.charCodeAt(k) !== 32) return unquote2();
    const r = pend;
    const first = pendLine;
    const nos = qNos;
    const value2 = qText;
    const wasTypeless = qTypeless;
    reset();
    for (const no of nos) emit.ignore(no, "continuation");
    if (wasTypeless) return emit.skip(first, TYPELESS);
    r.value = value2;
    emit.record(r);
  };
  const quoted = (r, t, i, no, typeless_) => {
    pend = r;
    pendLine = no;
    more = QUOTED;
    qTypeless = typeless_;
    qFirst = t.slice(i);
    qText = "";
    qEsc = false;
    const q = scanQuoted(t, i + 1);
    if (q >= 0) return closeQuoted(t, q);
    qText += "\n";
    size = qFirst.length;
    if (size > max) unquote2();
  };
  const varbind = (t, no) => {
    const printed = t.slice(0, oidEnd);
    const numeric = isNumericOid(printed);
    const r = {
      oid: numeric ? printed.charCodeAt(0) === 46 ? printed : `.${printed}` : numericOid(printed),
      name: numeric ? null : printed,
      type: "",
      value: null
    };
    let i = oidEnd + 3;
    const n = t.length;
    if (i >= n) return emit.skip(no, "no value after ` = `");
    const c = t.charCodeAt(i);
    if (c === 34) {
      if (i + 2 === n && t.charCodeAt(i + 1) === 34) {
        r.value = "";
        return emit.record(r);
      }
      typeless = true;
      return quoted(r, t, i, no, true);
    }
    if (c === 78) {
      if (i + 4 === n && t.startsWith("NULL", i)) {
        r.type = "NULL";
        return emit.record(r);
      }
      for (const [type2, text] of EXCEPTIONS)
        if (t.startsWith(text.slice(0, 20), i)) {
          r.type = type2;
          return emit.record(r);
        }
    }
    if (c === 87 && t.startsWith("Wrong Type (should be ", i)) {
      const k = t.indexOf("): ", i);
      if (k < 0) return emit.skip(no, "bad `Wrong Type` value");
      i = k + 3;
    }
    let colon = t.indexOf(": ", i);
    if (colon < 0 && t.charCodeAt(n - 1) === 58) colon = n - 1;
    const type = colon > i ? TYPE_SET.get(t.slice(i, colon)) : void 0;
    if (type === void 0) {
      const v2 = t.slice(i);
      const ticks = v2.charCodeAt(0) === 45 ? null : integer(v2);
      if (ticks !== null && !typeless) {
        r.type = "Timeticks";
        r.value = ticks;
        if (!saidTicks) {
          saidTicks = true;
          emit.infer("Timeticks", "values printed as a bare number (-Ot) read as Timeticks");
        }
        return emit.record(r);
      }
      if (colon > i && colon < n - 1) return emit.skip(no, `unknown type "${t.slice(i, colon)}"`);
      typeless = true;
      return emit.skip(no, TYPELESS);
    }
    r.type = type;
    const vs = Math.min(colon + 2, n);
    const v = t.slice(vs);
    let err = "";
    switch (type) {
      case "STRING":
        if (v.charCodeAt(0) === 34) return quoted(r, t, vs, no, false);
        return unquoted(r, v, no);
      case "Hex-STRING": {
        const hex5 = hexPairs(v, 0);
        for (let k = hexStop; k < v.length; k++)
          if (v.charCodeAt(k) !== 32) return emit.skip(no, "bad Hex-STRING value");
        if (hexCount === 16) {
          pend = r;
          pendLine = no;
          parts = [hex5];
          size = hex5.length;
          more = HEX_MORE;
          return;
        }
        r.value = hex5;
        return emit.record(r);
      }
      case "INTEGER":
        err = numberWithUnit(r, v, integer, true);
        break;
      case "Counter32":
      case "Gauge32":
      case "UInteger32":
        err = numberWithUnit(r, v, unsigned, false);
        break;
      case "Counter64":
        err = numberWithUnit(r, v, counter64, false);
        break;
      case "Timeticks": {
        let s = v;
        if (v.charCodeAt(0) === 40) {
          const k = v.indexOf(")");
          s = k > 0 ? v.slice(1, k) : "";
        }
        const ticks = unsigned(s);
        if (ticks === null) err = `bad Timeticks value "${v}"`;
        else r.value = ticks;
        break;
      }
      case "Opaque": {
        const k = v.indexOf(": ");
        const sub = k > 0 ? v.slice(0, k) : "";
        const x = v.slice(k + 2);
        if ((sub === "Float" || sub === "Double") && x.length > 0 && Number.isFinite(Number(x)))
          r.value = Number(x);
        else if (/^(?:U?Int64|[IU]64)$/.test(sub) && integer(x) !== null) r.value = integer(x);
        else r.value = v;
        break;
      }
      case "BITS": {
        r.value = hexPairs(v, 0);
        const rest = v.slice(hexStop).trim();
        if (rest.length > 0) r.label = rest;
        break;
      }
      default:
        r.value = v.trimEnd();
    }
    if (err) return emit.skip(no, err);
    emit.record(r);
  };
  const isSummary = (t) => t.startsWith("Variables found: ") || t.startsWith("Total traversal time = ") || t === "End of MIB";
  const single = (t, no) => {
    if (t.length === 0 || t.trim().length === 0) return emit.ignore(no, "blank");
    const o = scanOid(t);
    if (o === 1) return varbind(t, no);
    if (isSummary(t)) return emit.ignore(no, "summary");
    const colon = t.indexOf(": ");
    if (colon > 0 && TYPE_SET.has(t.slice(0, colon)) || t.charCodeAt(0) === 34 || integer(t) !== null || EXCEPTIONS.some(([, text]) => t === text))
      return emit.skip(no, "a value without its OID (-Ov / -Oqv output cannot be attributed)");
    if (o === 2) return emit.skip(no, "no ` = ` after the OID (-Oq output is not supported)");
    emit.skip(no, "not an `OID = value` line");
  };
  const step = (t, no) => {
    switch (more) {
      case QUOTED: {
        qLines.push(t);
        qNos.push(no);
        size += t.length + 1;
        const q = scanQuoted(t, 0);
        if (q >= 0) return closeQuoted(t, q);
        if (size > max) return unquote2();
        qText += "\n";
        return;
      }
      case UNQUOTED: {
        const blank = t.trim().length === 0;
        if (!blank && (scanOid(t) === 1 || isSummary(t))) {
          finish2();
          return single(t, no);
        }
        if (blank) {
          blanks.push(no);
          return;
        }
        for (const b of blanks) {
          emit.ignore(b, "continuation");
          parts.push("");
        }
        blanks = [];
        emit.ignore(no, "continuation");
        parts.push(t);
        size += t.length + 1;
        if (size > max) cut();
        return;
      }
      case HEX_MORE: {
        if (!isHexLine(t)) {
          finish2();
          return single(t, no);
        }
        emit.ignore(no, "continuation");
        const hex5 = hexPairs(t, 0);
        parts.push(hex5);
        size += hex5.length;
        if (size > max) return cut();
        if (hexCount < 16) finish2();
        return;
      }
      default:
        return single(t, no);
    }
  };
  return {
    line: step,
    end() {
      while (more === QUOTED) unquote2();
      finish2();
    }
  };
});
var parseSnmpwalk = (input2, options = {}) => parseAll(snmpwalkParser, input2, options);
var info15 = {
  kind: "snmpwalk",
  description: "net-snmp snmpwalk / snmpbulkwalk / snmpget output as SnmpVarbind records",
  record: "SnmpVarbind",
  binary: false,
  variants: [
    "net-snmp 5.x `OID = TYPE: value` lines from snmpwalk, snmpbulkwalk, snmpget",
    "OIDs: default with MIBs (`IF-MIB::ifDescr.1`), without MIBs (`iso.3.6.1\u2026`), -On, -Of, -OS, -Os, -Ob, -OX",
    "values: default, -Ot (bare Timeticks), -Oe (enums as numbers), -OU (no units), -Ox (strings as Hex-STRING), -Oa",
    "multi-line values: quoted STRING with newlines, Hex-STRING wrapped at 16 bytes, display-hinted STRING (unquoted)",
    '`= ""` empty strings, NULL, No Such Object / No Such Instance / No more variables (end of MIB view)',
    "-Cp `Variables found:`, -Ct `Total traversal time`, SNMPv1 `End of MIB` (ignored)",
    "-Ov / -Oqv value-only lines and -Oq lines (skipped: no OID, or no ` = `)"
  ],
  options: []
};
var decoder13 = new TextDecoder("utf-8");
var TYPED = /^(?:[^\s["]|\[[^\]]*\]|"[^"]*")+ = (?:(?:INTEGER|STRING|Hex-STRING|OID|IpAddress|Counter32|Counter64|Gauge32|UInteger32|Timeticks|Opaque|BITS|Network Address): |""|NULL$|No Such (?:Object|Instance) |No more variables )/;
var sniff15 = (head) => {
  let text = decoder13.decode(head.subarray(0, 16384));
  const first = /^[ \t]*\S.*$/m.exec(text);
  if (first === null || !TYPED.test(first[0])) return 0;
  const nl = text.lastIndexOf("\n");
  if (nl > 0 && head.length >= 16384) text = text.slice(0, nl + 1);
  const { stats } = parseAll(snmpwalkParser, text, {});
  const skipped = Math.max(
    0,
    stats.skipped - (stats.errors.at(-1)?.reason.startsWith("unterminated") ? 1 : 0)
  );
  if (stats.records === 0) return 0;
  return 0.95 * (stats.records / (stats.records + skipped));
};
var pad22 = (n) => n < 10 ? `0${n}` : String(n);
var timeticksText = (ticks) => {
  const cs = ticks % 100;
  const s = Math.floor(ticks / 100);
  const days = Math.floor(s / 86400);
  const h = Math.floor(s % 86400 / 3600);
  const m2 = Math.floor(s % 3600 / 60);
  const clock = `${h}:${pad22(m2)}:${pad22(s % 60)}.${pad22(cs)}`;
  const d = days === 0 ? "" : days === 1 ? "1 day, " : `${days} days, `;
  return `(${ticks}) ${d}${clock}`;
};
var quote2 = (s) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
var hexText = (hex5) => {
  let out = "";
  for (let i = 0; i < hex5.length; i += 2) {
    if (i > 0 && i % 32 === 0) out += "\n";
    out += `${hex5.slice(i, i + 2).toUpperCase()} `;
  }
  return out;
};
var withUnit = (v, unit) => unit ? `${v} ${unit}` : v;
var valueText = (r, o) => {
  const v = r.value;
  const exception = EXCEPTIONS.find(([t]) => t === r.type);
  if (exception) return exception[1];
  switch (r.type) {
    case "NULL":
      return "NULL";
    case "":
      return quote2(String(v ?? ""));
    case "STRING":
      return `STRING: ${quote2(String(v ?? ""))}`;
    case "Hex-STRING":
      return `Hex-STRING: ${hexText(String(v ?? ""))}`;
    case "BITS":
      return `BITS: ${hexText(String(v ?? ""))}${r.label ?? ""}`;
    case "Timeticks":
      return o.rawTimeticks ? String(v) : `Timeticks: ${timeticksText(Number(v))}`;
    case "INTEGER":
      return `INTEGER: ${r.label === void 0 ? withUnit(String(v), r.unit) : `${r.label}(${v})`}`;
    case "Opaque":
      return typeof v === "number" ? `Opaque: Float: ${v}` : `Opaque: ${v}`;
    case "Counter32":
    case "Counter64":
    case "Gauge32":
    case "UInteger32":
      return `${r.type}: ${withUnit(String(v), r.unit)}`;
    default:
      return `${r.type}: ${v}`;
  }
};
var renderSnmpwalk = (records, options = {}) => {
  let out = "";
  for (const r of records) {
    const oid = options.numeric || r.name === null ? r.oid ?? r.name ?? "" : r.name;
    out += `${oid} = ${valueText(r, options)}
`;
  }
  return out;
};
var parser15 = { info: info15, create: snmpwalkParser, sniff: sniff15 };
var ss_exports = {};
__export2(ss_exports, {
  SERVICE_PORTS: () => SERVICE_PORTS,
  SS_STATES: () => SS_STATES,
  info: () => info16,
  parseSs: () => parseSs,
  parser: () => parser16,
  renderSs: () => renderSs,
  sniff: () => sniff16,
  ssParser: () => ssParser
});
var info16 = {
  kind: "ss",
  description: "iproute2 `ss` socket tables (TCP/UDP/inet) as Socket records",
  record: "Socket",
  binary: false,
  variants: [
    "iproute2 6.x: ss -tn, -tan, -tanp, -tunap (Netid), -H, -e (uid:, ino:), -o (timer:), -i (continuation lines)",
    "ss -tn state X (no State column: state from options.state, default UNKNOWN)",
    "narrow-column header glitch `Peer Address:PortProcess`",
    "IPv6 brackets, v4-mapped, `*` dual-stack wildcard, scoped `[fe80::1]%eth0:9090`, `127.0.0.53%lo:53`",
    'iproute2 3.x/4.x: `:::22`, `::1:25`, `*:22`, users:(("sshd",1197,4)) and users:(("sshd",pid=7411,fd=4))',
    "resolved ports without -n (`:ssh`, `:http`) through a built-in service table",
    "ss -s summary (ignored)"
  ],
  options: []
};
var decoder14 = new TextDecoder("utf-8");
var HEADER2 = /^(?:Netid\s+)?(?:State\s+)?Recv-Q\s+Send-Q\s+Local Address:Port\s+Peer Address:Port/m;
var ROW3 = /^(?:[a-z_0-9]+\s+)?(?:ESTAB|LISTEN|TIME-WAIT|SYN-SENT|SYN-RECV|FIN-WAIT-[12]|CLOSE-WAIT|LAST-ACK|CLOSING|UNCONN|CLOSE)\s+\d+\s+\d+\s+\S+:(?:\d+|\*|[a-z][\w.-]*)\s+\S+:(?:\d+|\*|[a-z][\w.-]*)(?:\s|$)/;
var sniff16 = (head) => {
  const text = decoder14.decode(head.subarray(0, 8192));
  if (HEADER2.test(text)) return 0.95;
  const lines2 = text.split("\n", 20).filter((l) => l.trim().length > 0 && !/^\s/.test(l));
  if (lines2.length > 0) {
    const rows = lines2.filter((l) => ROW3.test(l)).length;
    if (rows > 0) return 0.8 * (rows / lines2.length);
  }
  if (/^Total: \d+/.test(text) && /^Transport Total/m.test(text)) return 0.5;
  return 0;
};
var parser16 = { info: info16, create: ssParser, sniff: sniff16 };
var tcpdump_exports = {};
__export2(tcpdump_exports, {
  SERVICES: () => SERVICES,
  info: () => info17,
  parseTcpdump: () => parseTcpdump,
  parser: () => parser17,
  renderTcpdump: () => renderTcpdump,
  renderTcpdumpLine: () => renderTcpdumpLine,
  renderTs: () => renderTs,
  sniff: () => sniff17,
  tcpdumpParser: () => tcpdumpParser
});
var info17 = {
  kind: "tcpdump",
  description: "tcpdump text output \u2192 one packet record per printed packet",
  record: "Packet",
  binary: false,
  variants: [
    "tcpdump 4.9\u20134.99 default, -n, -nn, names (service names mapped for well-known ports)",
    "-q, -e (Ethernet, 802.1Q/QinQ, Linux cooked v1/v2), -v (two-line IPv4), -X/-A (continuations), -#",
    "timestamps: default, -t, -tt, -ttt, -tttt, -ttttt, --time-stamp-precision=nano",
    "IP, IP6 (extension headers, fragments), TCP, UDP, ICMP, ICMP6, ARP; Linux cooked v2 interface prefix",
    "banners (listening on, reading from file, N packets captured) and a leading own-address line"
  ],
  options: ["date", "zone", "reference"]
};
var TS = /^(?:\s*\d+ {2})?(?:\d{2}:\d{2}:\d{2}\.\d{6,9}|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6,9}|\d{9,11}\.\d{6,9}|[ -]\d{2}:\d{2}:\d{2}\.\d{6,9})? ?(?:\S+ +(?:In|Out|B|M|P) +)?(?:IP6? |ARP, )/;
var sniff17 = (head) => {
  const n = Math.min(head.length, 8192);
  for (let i = 0; i < n; i++) if (head[i] === 0) return 0;
  const text = new TextDecoder("utf-8", { fatal: false }).decode(head.subarray(0, n));
  const lines2 = text.split("\n").slice(0, 40);
  if (lines2.length > 1 && n === 8192) lines2.pop();
  let packets = 0;
  let other2 = 0;
  for (const l of lines2) {
    if (l.trim() === "" || /^\s/.test(l)) continue;
    if (/^(?:tcpdump: |listening on |reading from file |\d+ packets )/.test(l)) continue;
    if (/^[\d.:a-fA-F]+\s*$/.test(l)) continue;
    if (TS.test(l)) packets++;
    else other2++;
  }
  if (packets === 0) return 0;
  return Math.min(1, packets / (packets + other2)) * 0.95;
};
var DEFAULT_MAX_LINE2 = Lines_exports.DEFAULT_MAX_LINE;
var SERVICES = {
  ftp: 21,
  "ftp-data": 20,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  domain: 53,
  bootps: 67,
  bootpc: 68,
  tftp: 69,
  http: 80,
  kerberos: 88,
  pop3: 110,
  sunrpc: 111,
  ntp: 123,
  "netbios-ns": 137,
  "netbios-dgm": 138,
  "netbios-ssn": 139,
  imap2: 143,
  snmp: 161,
  "snmp-trap": 162,
  ldap: 389,
  https: 443,
  "microsoft-ds": 445,
  isakmp: 500,
  syslog: 514,
  submission: 587,
  ipp: 631,
  ldaps: 636,
  rsync: 873,
  imaps: 993,
  pop3s: 995,
  openvpn: 1194,
  nfs: 2049,
  mysql: 3306,
  "ms-wbt-server": 3389,
  mdns: 5353,
  postgresql: 5432,
  x11: 6e3,
  "http-alt": 8080
};
var PROTO_NUM = { 1: "icmp", 6: "tcp", 17: "udp", 58: "icmp6" };
var POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
var isDigit6 = (c) => c >= 48 && c <= 57;
var dd = (s, k) => {
  const a = s.charCodeAt(k) - 48;
  const b = s.charCodeAt(k + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
};
var find = (s, needle, from) => s.indexOf(needle, from);
var numEnd3 = 0;
var readNum = (s, i) => {
  let v = 0;
  let j = i;
  const n = s.length;
  while (j < n) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) break;
    v = v * 10 + (c - 48);
    j++;
  }
  numEnd3 = j;
  return j === i ? -1 : v;
};
var numAfter = (s, key, from) => {
  const k = s.indexOf(key, from);
  return k < 0 ? -1 : readNum(s, k + key.length);
};
var BANNER = /^(?:tcpdump: |listening on |reading from file |Warning: |dropped privs|\d+ packets? (?:captured|received by filter|dropped by kernel|dropped by interface))/;
var hostOut = "";
var portOut = null;
var splitHost = (tok2, hasPorts) => {
  let dots = 0;
  let last = -1;
  let colon = false;
  let numeric = true;
  for (let k = 0; k < tok2.length; k++) {
    const c = tok2.charCodeAt(k);
    if (c === 46) {
      dots++;
      last = k;
    } else if (c === 58) {
      colon = true;
      dots = 0;
    } else if (!isDigit6(c) && !(colon && (c >= 97 && c <= 102 || c >= 65 && c <= 70))) numeric = false;
  }
  let split2;
  if (numeric && !colon) split2 = dots === 4;
  else if (numeric && colon) split2 = dots === 1 || dots === 4;
  else split2 = hasPorts && last > 0;
  if (!split2 || last < 0) {
    hostOut = tok2;
    portOut = null;
    return;
  }
  hostOut = tok2.slice(0, last);
  if (isDigit6(tok2.charCodeAt(last + 1))) {
    const v = readNum(tok2, last + 1);
    portOut = numEnd3 === tok2.length && v <= 65535 ? v : null;
  } else portOut = SERVICES[tok2.slice(last + 1)] ?? null;
};
var makeHandler = (emit, options) => {
  {
    const zone2 = options.zone ?? UTC;
    let dayY = -1;
    let dayM = 0;
    let dayD = 0;
    let dayBase = 0;
    let dayFixed = true;
    let prevTod = -1;
    let rolled = 0;
    let dateSource = "";
    let hourKey = -1;
    let hourBase = 0;
    let pendLine = 0;
    let pendTs = null;
    let pendIface;
    let pendProto;
    let pendWire = -1;
    const tsBuf = new Float64Array(1);
    let tsNull = true;
    const setDay = (y, m0, d) => {
      const u = new Date(Date.UTC(y, m0, d));
      dayY = u.getUTCFullYear();
      dayM = u.getUTCMonth();
      dayD = u.getUTCDate();
      dayBase = zone2.toEpoch(dayY, dayM, dayD, 0, 0, 0);
      dayFixed = zone2.offsetAt(dayBase) === zone2.offsetAt(dayBase + 86399e3);
      hourKey = -1;
    };
    const initDay = () => {
      const m2 = options.date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(options.date) : null;
      if (m2) {
        setDay(Number(m2[1]), Number(m2[2]) - 1, Number(m2[3]));
        dateSource = "options.date";
      } else if (options.reference !== void 0 && Number.isFinite(options.reference)) {
        const off = zone2.offsetAt(options.reference);
        const d = new Date(options.reference + off * 6e4);
        setDay(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
        dateSource = "the reference time";
      } else {
        setDay(1970, 0, 1);
        dateSource = "nothing (no date or reference given)";
      }
      emit.infer("date", `${isoDay()} from ${dateSource}`);
    };
    const isoDay = () => `${String(dayY).padStart(4, "0")}-${String(dayM + 1).padStart(2, "0")}-${String(dayD).padStart(2, "0")}`;
    const wall4 = (y, m0, d, h, mi, s) => {
      const key = ((y * 16 + m0) * 32 + d) * 24 + h;
      if (key !== hourKey) {
        hourKey = key;
        hourBase = zone2.toEpoch(y, m0, d, h, 0, 0);
      }
      return hourBase + (mi * 60 + s) * 1e3;
    };
    const frac = (s, j, base) => {
      let v = 0;
      let k = j;
      const n = s.length;
      while (k < n) {
        const c = s.charCodeAt(k);
        if (c < 48 || c > 57) break;
        v = v * 10 + (c - 48);
        k++;
      }
      const digits = k - j;
      if (digits === 0 || digits > 9) return -1;
      tsBuf[0] = digits >= 3 ? base + v / POW10[digits - 3] : base + v * POW10[3 - digits];
      tsNull = false;
      return k;
    };
    const todBase = (h, mi, se) => {
      if (dayY < 0) initDay();
      const tod = h * 3600 + mi * 60 + se;
      if (prevTod >= 0 && tod < prevTod - 3600) {
        setDay(dayY, dayM, dayD + 1);
        rolled++;
        emit.infer("date", `${isoDay()} from ${dateSource}, after ${rolled} day rollover(s)`);
      }
      prevTod = tod;
      return dayFixed ? dayBase + tod * 1e3 : wall4(dayY, dayM, dayD, h, mi, se);
    };
    const readTs2 = (s, i) => {
      tsNull = true;
      const c = s.charCodeAt(i);
      if ((c === 32 || c === 45) && isDigit6(s.charCodeAt(i + 1)) && s.charCodeAt(i + 3) === 58) {
        let k2 = i + 1;
        while (k2 < s.length && s.charCodeAt(k2) !== 32) k2++;
        return s.charCodeAt(k2) === 32 ? k2 + 1 : -1;
      }
      if (!isDigit6(c)) return i;
      let k = i;
      let v = 0;
      while (k < s.length) {
        const d = s.charCodeAt(k);
        if (d < 48 || d > 57) break;
        v = v * 10 + (d - 48);
        k++;
      }
      const nd = k - i;
      const t = s.charCodeAt(k);
      if (t === 58 && nd === 2) {
        if (s.charCodeAt(k + 3) !== 58 || s.charCodeAt(k + 6) !== 46) return -1;
        const h = v;
        const mi = dd(s, k + 1);
        const se = dd(s, k + 4);
        if (h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60) return -1;
        const e = frac(s, k + 7, todBase(h, mi, se));
        return e > 0 && s.charCodeAt(e) === 32 ? e + 1 : -1;
      }
      if (t === 45 && nd === 4) {
        if (s.charCodeAt(k + 3) !== 45 || s.charCodeAt(k + 6) !== 32) return -1;
        const mo = dd(s, k + 1);
        const d = dd(s, k + 4);
        const q = k + 7;
        if (s.charCodeAt(q + 2) !== 58 || s.charCodeAt(q + 5) !== 58 || s.charCodeAt(q + 8) !== 46) return -1;
        const h = dd(s, q);
        const mi = dd(s, q + 3);
        const se = dd(s, q + 6);
        if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h >= 0 && h <= 23 && mi >= 0 && mi <= 59))
          return -1;
        if (!(se >= 0 && se <= 60)) return -1;
        const e = frac(s, q + 9, wall4(v, mo - 1, d, h, mi, se));
        return e > 0 && s.charCodeAt(e) === 32 ? e + 1 : -1;
      }
      if (t === 46 && nd <= 12) {
        const e = frac(s, k + 1, v * 1e3);
        return e > 0 && s.charCodeAt(e) === 32 ? e + 1 : -1;
      }
      return -1;
    };
    const record = (ts, proto, src, sport, dst, dport, length, iface, wire) => {
      const r = iface === void 0 ? wire < 0 ? { ts, proto, src, sport, dst, dport, length } : { ts, proto, src, sport, dst, dport, length, wireLength: wire } : wire < 0 ? { ts, proto, src, sport, dst, dport, length, iface } : { ts, proto, src, sport, dst, dport, length, iface, wireLength: wire };
      emit.record(r);
    };
    const ipBody = (s, i, ts, iface, wire, hint, v6len) => {
      const gt = find(s, " > ", i);
      if (gt < 0) return "no ' > ' between addresses";
      const srcTok = s.slice(i, gt);
      let k = gt + 3;
      const n = s.length;
      while (k < n) {
        if (s.charCodeAt(k) === 58) {
          const nx = s.charCodeAt(k + 1);
          if (k + 1 === n || nx === 32) break;
        } else if (s.charCodeAt(k) === 32) return "unexpected space in destination address";
        k++;
      }
      if (k >= n || k === gt + 3 || srcTok.length === 0) return "no ':' after destination address";
      const dstTok = s.slice(gt + 3, k);
      let t = k + 2;
      let proto;
      let length = 0;
      let ports = true;
      let innerS = null;
      let innerD = null;
      while (s.charCodeAt(t) === 32) t++;
      let c = s.charCodeAt(t);
      if (c === 102 && s.startsWith("frag (", t)) {
        const close = find(s, ")", t);
        const bar = find(s, "|", t);
        if (close < 0 || bar < 0 || bar > close) return "bad IPv6 fragment";
        let z = bar - 1;
        while (z > t && isDigit6(s.charCodeAt(z))) z--;
        const off = readNum(s, z + 1);
        if (off !== 0) {
          const fl = readNum(s, bar + 1);
          record(ts, "other", srcTok, null, dstTok, null, Math.max(fl, 0), iface, wire);
          return void 0;
        }
        t = close + 1;
        while (s.charCodeAt(t) === 32) t++;
        c = s.charCodeAt(t);
      }
      if (v6len !== -1 && c !== 70 && c !== 116 && c !== 85 && c !== 73 && c !== 105 && c !== 91) {
        const g2 = find(s, " > ", t);
        if (g2 > 0 && isDigit6(s.charCodeAt(g2 - 1)) && isDigit6(s.charCodeAt(g2 + 3))) {
          let a = g2 - 1;
          while (a > t && isDigit6(s.charCodeAt(a - 1))) a--;
          const sp = readNum(s, a);
          const dp = readNum(s, g2 + 3);
          if (s.charCodeAt(numEnd3) === 58 && (a === t || s.charCodeAt(a - 1) === 32)) {
            innerS = sp;
            innerD = dp;
            t = numEnd3 + 1;
            while (s.charCodeAt(t) === 32) t++;
            c = s.charCodeAt(t);
          }
        }
      }
      if (c === 91 && s.charCodeAt(t + 1) !== 124) {
        const close = find(s, "] ", t);
        if (close > 0) {
          t = close + 2;
          c = s.charCodeAt(t);
        }
      }
      if (c === 70 && s.startsWith("Flags [", t)) {
        proto = "tcp";
        length = numAfter(s, ", length ", t);
        if (length < 0) length = 0;
      } else if (c === 116 && s.startsWith("tcp ", t)) {
        proto = "tcp";
        length = readNum(s, t + 4);
        if (length < 0) return "bad tcp length";
      } else if (c === 85 && s.startsWith("UDP", t)) {
        proto = "udp";
        length = numAfter(s, "length ", t);
        if (length < 0) length = 0;
      } else if (c === 73 && s.startsWith("ICMP6", t)) {
        proto = "icmp6";
        ports = false;
        length = numAfter(s, ", length ", t);
        if (length < 0) length = Math.max(v6len, 0);
      } else if (c === 73 && s.startsWith("ICMP ", t)) {
        proto = "icmp";
        ports = false;
        length = numAfter(s, ", length ", t);
        if (length < 0) length = 0;
      } else if (c === 105 && s.startsWith("ip-proto-", t)) {
        const num2 = readNum(s, t + 9);
        proto = PROTO_NUM[num2] ?? "other";
        ports = false;
        length = s.charCodeAt(numEnd3) === 32 ? readNum(s, numEnd3 + 1) : 0;
        if (length < 0) length = 0;
      } else if (c === 91 && s.startsWith("[|", t)) {
        const e = find(s, "]", t);
        const name = s.slice(t + 2, e < 0 ? s.length : e);
        proto = name === "tcp" || name === "udp" || name === "icmp" || name === "icmp6" ? name : name === "icmp6" || name === "ip6" ? "icmp6" : hint ?? "other";
        ports = s.charCodeAt(k + 2) === 32;
        length = 0;
      } else if (hint !== void 0 && hint !== "udp" && hint !== "tcp") {
        proto = hint;
        ports = false;
        length = numAfter(s, "length ", t);
        if (length < 0) length = 0;
      } else {
        splitHost(srcTok, true);
        const sp0 = portOut;
        splitHost(dstTok, true);
        const hasPorts = innerS !== null || sp0 !== null || portOut !== null;
        proto = hasPorts ? hint ?? "udp" : hint ?? "other";
        ports = hasPorts;
        length = -1;
        const end = s.length - 1;
        if (s.charCodeAt(end) === 41) {
          let z = end - 1;
          while (z > t && isDigit6(s.charCodeAt(z))) z--;
          if (s.charCodeAt(z) === 40 && z < end - 1) length = readNum(s, z + 1);
        }
        if (length < 0) {
          const li = s.lastIndexOf("length ");
          if (li >= t) length = readNum(s, li + 7);
        }
        if (length < 0) length = 0;
      }
      if (innerS !== null) {
        record(ts, proto, srcTok, innerS, dstTok, innerD, length, iface, wire);
        return void 0;
      }
      splitHost(srcTok, ports);
      const src = hostOut;
      const sport = portOut;
      splitHost(dstTok, ports);
      record(ts, proto, src, sport, hostOut, portOut, length, iface, wire);
      return void 0;
    };
    const arpBody = (s, i, ts, iface, wire) => {
      let length = numAfter(s, ", length ", i);
      if (length < 0) length = 0;
      const wh = find(s, "who-has ", i);
      if (wh >= 0) {
        let e = wh + 8;
        while (e < s.length && s.charCodeAt(e) !== 32 && s.charCodeAt(e) !== 44) e++;
        const tpa = s.slice(wh + 8, e);
        const tl = find(s, " tell ", e);
        if (tl < 0) return "ARP request without 'tell'";
        let f = tl + 6;
        while (f < s.length && s.charCodeAt(f) !== 32 && s.charCodeAt(f) !== 44) f++;
        record(ts, "arp", s.slice(tl + 6, f), null, tpa, null, length, iface, wire);
        return void 0;
      }
      for (const key of ["Reply ", "Announcement "]) {
        const r = find(s, key, i);
        if (r >= 0) {
          let e = r + key.length;
          while (e < s.length && s.charCodeAt(e) !== 32 && s.charCodeAt(e) !== 44) e++;
          const spa = s.slice(r + key.length, e);
          record(ts, "arp", spa, null, key === "Reply " ? "" : spa, null, length, iface, wire);
          return void 0;
        }
      }
      return "unrecognised ARP line";
    };
    const body = (s, lineNo, i, ts, iface) => {
      const c = s.charCodeAt(i);
      let why;
      if (c === 73 && s.charCodeAt(i + 1) === 80 && s.charCodeAt(i + 2) !== 118) {
        const c2 = s.charCodeAt(i + 2);
        if (c2 === 32) why = ipv4Line(s, lineNo, i + 3, ts, iface, -1);
        else if (c2 === 54 && s.charCodeAt(i + 3) === 32) why = ipv6Line(s, i + 4, ts, iface, -1);
        else why = "unrecognised packet line";
      } else if (c === 65 && s.startsWith("ARP, ", i)) why = arpBody(s, i + 5, ts, iface, -1);
      else if (c === 105 && s.startsWith("ip: ", i)) {
        const gt = find(s, " > ", i);
        const v6 = gt > 0 && s.lastIndexOf(":", gt) > i + 3;
        why = v6 ? ipv6Line(s, i + 4, ts, iface, -1) : ipv4Line(s, lineNo, i + 4, ts, iface, -1);
      } else if (c === 65 && s.startsWith("AF ", i) || s.startsWith("IPv4, length ", i) || s.startsWith("IPv6, length ", i)) {
        const li = find(s, ", length ", i);
        const wire = li < 0 ? -1 : readNum(s, li + 9);
        const name = c === 65 ? s.slice(i + 3, find(s, " (", i)) : s.slice(i, i + 4);
        if (wire < 0 || s.charCodeAt(numEnd3) !== 58) why = "link header without length";
        else if (name === "IPv4") why = ipv4Line(s, lineNo, numEnd3 + 2, ts, iface, wire);
        else if (name === "IPv6") why = ipv6Line(s, numEnd3 + 2, ts, iface, wire);
        else {
          emit.ignore(lineNo, "non-IP frame");
          return;
        }
      } else if (c === 32 && s.startsWith(" [|", i)) {
        why = `truncated ${s.slice(i + 3, find(s, "]", i) < 0 ? i + 3 : find(s, "]", i))} header`;
      } else {
        const et = find(s, "ethertype ", i);
        if (et >= 0) {
          linkLine(s, lineNo, et, ts, iface);
          return;
        }
        if (quietLink(s, lineNo, i, ts, iface)) return;
        if (/^[A-Za-z0-9][\w./-]*(?: [\w./-]+)*, /.test(s.slice(i, i + 64)) && s.includes("length ", i)) {
          emit.ignore(lineNo, "non-IP frame");
          return;
        }
        why = "unrecognised packet line";
      }
      if (why !== void 0) emit.skip(lineNo, why);
    };
    const linkLine = (s, lineNo, et, ts, iface) => {
      const li = find(s, ", length ", et);
      const wire = li < 0 ? -1 : readNum(s, li + 9);
      if (wire < 0 || s.charCodeAt(numEnd3) !== 58) {
        emit.skip(lineNo, "link header without length");
        return;
      }
      let i = numEnd3 + 2;
      let name = s.slice(et + 10, find(s, " (", et));
      while (s.startsWith("vlan ", i)) {
        const e2 = find(s, "ethertype ", i);
        const cl = e2 < 0 ? -1 : find(s, "), ", e2);
        if (cl < 0) {
          emit.skip(lineNo, "VLAN tag without inner ethertype");
          return;
        }
        name = s.slice(e2 + 10, find(s, " (", e2));
        i = cl + 3;
      }
      let why;
      if (name === "IPv4") why = ipv4Line(s, lineNo, i, ts, iface, wire);
      else if (name === "IPv6") why = ipv6Line(s, i, ts, iface, wire);
      else if (name === "ARP") why = arpBody(s, i, ts, iface, wire);
      else {
        emit.ignore(lineNo, "non-IP frame");
        return;
      }
      if (why !== void 0) emit.skip(lineNo, why);
    };
    const mac = (s, k) => {
      let j = k;
      for (let g = 0; g < 6; g++) {
        const c1 = s.charCodeAt(j);
        const c2 = s.charCodeAt(j + 1);
        const hex5 = (c) => c >= 48 && c <= 57 || c >= 97 && c <= 102 || c >= 65 && c <= 70;
        if (!hex5(c1) || !hex5(c2)) return -1;
        j += 2;
        if (g < 5) {
          if (s.charCodeAt(j) !== 58) return -1;
          j++;
        }
      }
      return j;
    };
    const bareBody = (s, i, ts, iface, wire, lineNo) => {
      if (s.startsWith("Request ", i) || s.startsWith("Reply ", i) || s.startsWith("Announcement ", i))
        return arpBody(s, i, ts, iface, wire);
      const gt = find(s, " > ", i);
      const v6 = gt > 0 && s.slice(i, gt).includes(":");
      return v6 ? ipv6Line(s, i, ts, iface, wire) : ipv4Line(s, lineNo, i, ts, iface, wire);
    };
    const quietLink = (s, lineNo, i0, ts, iface) => {
      let k = i0;
      while (s.charCodeAt(k) === 32) k++;
      if (s.startsWith("ifindex ", k)) {
        readNum(s, k + 8);
        k = numEnd3 + 1;
      } else {
        let e = k;
        while (e < s.length && s.charCodeAt(e) !== 32) e++;
        const dir = s.slice(k, e);
        if (dir === "In" || dir === "Out" || dir === "B" || dir === "M" || dir === "P" || dir === "?")
          k = e + 1;
      }
      const m2 = mac(s, k);
      if (m2 < 0) return false;
      let why;
      if (s.startsWith(" > ", m2)) {
        const m22 = mac(s, m2 + 3);
        if (m22 < 0 || !s.startsWith(", ", m22)) return false;
        const c = find(s, ", ", m22 + 2);
        if (c < 0 || !s.startsWith("length ", c + 2)) return false;
        let name = s.slice(m22 + 2, c);
        const wire = readNum(s, c + 9);
        if (wire < 0 || !s.startsWith(": ", numEnd3)) return false;
        let b = numEnd3 + 2;
        while (s.startsWith("vlan ", b)) {
          const pc = find(s, ", p ", b);
          const n1 = pc < 0 ? -1 : find(s, ", ", pc + 4);
          const n2 = n1 < 0 ? -1 : find(s, ", ", n1 + 2);
          if (n2 < 0) return false;
          name = s.slice(n1 + 2, n2);
          b = n2 + 2;
        }
        if (name === "IPv4") why = ipv4Line(s, lineNo, b, ts, iface, wire);
        else if (name === "IPv6") why = ipv6Line(s, b, ts, iface, wire);
        else if (name === "ARP") why = arpBody(s, b, ts, iface, wire);
        else {
          emit.ignore(lineNo, "non-IP frame");
          return true;
        }
      } else if (s.charCodeAt(m2) === 32) why = bareBody(s, m2 + 1, ts, iface, -1, lineNo);
      else return false;
      if (why !== void 0) emit.skip(lineNo, why);
      return true;
    };
    const protoWord = (s, from) => {
      const p = find(s, "proto ", from);
      if (p < 0) return void 0;
      const open = find(s, "(", p);
      const num2 = open < 0 ? -1 : readNum(s, open + 1);
      return num2 < 0 ? void 0 : PROTO_NUM[num2] ?? "other";
    };
    const ipv4Line = (s, lineNo, i0, ts, iface, wire) => {
      let i = i0;
      if (s.startsWith("truncated-ip", i)) {
        const m2 = find(s, "! ", i);
        if (m2 < 0) return "bad truncated-ip line";
        i = m2 + 2;
      }
      const c = s.charCodeAt(i);
      if (c === 40) {
        const hint = protoWord(s, i);
        let depth = 0;
        let k = i;
        for (; k < s.length; k++) {
          const d = s.charCodeAt(k);
          if (d === 40) depth++;
          else if (d === 41 && --depth === 0) break;
        }
        if (k >= s.length) return "unbalanced IP header";
        if (k + 1 >= s.length) {
          flushPending();
          pendLine = lineNo;
          pendTs = ts;
          pendIface = iface;
          pendProto = hint;
          pendWire = wire;
          return void 0;
        }
        return ipBody(s, k + 2, ts, iface, wire, hint, -1);
      }
      if (c === 32 || c === 91) return "truncated IP header";
      if (!isDigit6(c) && !s.startsWith("bad-", i)) {
        return ipBody(s, i, ts, iface, wire, void 0, -1);
      }
      if (!isDigit6(c)) return `bad IP header (${s.slice(i, i + 24)})`;
      return ipBody(s, i, ts, iface, wire, void 0, -1);
    };
    const ipv6Line = (s, i, ts, iface, wire) => {
      if (s.charCodeAt(i) === 40) {
        const pl = numAfter(s, "payload length: ", i);
        const hint = protoWord(s.replace("next-header ", "proto "), i);
        let depth = 0;
        let k = i;
        for (; k < s.length; k++) {
          const d = s.charCodeAt(k);
          if (d === 40) depth++;
          else if (d === 41 && --depth === 0) break;
        }
        if (k + 2 >= s.length) return "IPv6 header without addresses";
        return ipBody(s, k + 2, ts, iface, wire, hint === "other" ? void 0 : hint, Math.max(pl, 0));
      }
      if (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 91) return "truncated IPv6 header";
      return ipBody(s, i, ts, iface, wire, void 0, -2);
    };
    const flushPending = () => {
      if (pendLine > 0) {
        emit.skip(pendLine, "verbose IP header without its continuation line");
        pendLine = 0;
      }
    };
    const SLL2_DIRS = /* @__PURE__ */ new Set(["In", "Out", "B", "M", "P", "?"]);
    const line2 = (s, lineNo) => {
      const n = s.length;
      if (n === 0) {
        flushPending();
        emit.ignore(lineNo, "blank");
        return;
      }
      let i = 0;
      const c0 = s.charCodeAt(0);
      if (c0 === 32 || c0 === 9) {
        let j = 0;
        while (j < n && s.charCodeAt(j) === 32) j++;
        let numbered = false;
        if (c0 === 32 && isDigit6(s.charCodeAt(j))) {
          let k = j;
          while (k < n && isDigit6(s.charCodeAt(k))) k++;
          if (s.charCodeAt(k) === 32 && s.charCodeAt(k + 1) === 32 && !(j === 1 && s.charCodeAt(3) === 58)) {
            numbered = true;
            i = k + 2;
          }
        }
        if (!numbered && !(j === 1 && isDigit6(s.charCodeAt(1)) && s.charCodeAt(3) === 58)) {
          if (pendLine > 0) {
            const hl = pendLine;
            pendLine = 0;
            const why = ipBody(s, j, pendTs, pendIface, pendWire, pendProto, -1);
            emit.ignore(hl, "verbose header");
            if (why !== void 0) emit.skip(lineNo, why);
            return;
          }
          if (s.trim().length === 0) emit.ignore(lineNo, "blank");
          else emit.ignore(lineNo, "continuation");
          return;
        }
      }
      flushPending();
      let after = readTs2(s, i);
      if (after < 0 || after === i && !isBodyStart(s, i)) {
        if (BANNER.test(s)) {
          emit.ignore(lineNo, "banner");
          return;
        }
        const t = s.trim();
        if (t.length > 0 && t.length <= 45 && Net_exports.isIp(t)) {
          emit.ignore(lineNo, "own address");
          emit.infer("self", t);
          return;
        }
        if (s.includes("ethertype ", i) || /^[\w.-]+ +(?:In|Out|B|M|P|\?) /.test(s.slice(i, i + 40))) {
          after = i;
          tsNull = true;
        } else {
          emit.skip(lineNo, after < 0 ? "bad timestamp" : "unrecognised line");
          return;
        }
      }
      const ts = tsNull ? null : tsBuf[0];
      i = after;
      let iface;
      if (!isBodyStart(s, i)) {
        let k = i;
        while (k < n && s.charCodeAt(k) !== 32) k++;
        let d = k;
        while (d < n && s.charCodeAt(d) === 32) d++;
        let e = d;
        while (e < n && s.charCodeAt(e) !== 32) e++;
        if (k > i && e > d && SLL2_DIRS.has(s.slice(d, e))) {
          iface = s.slice(i, k);
          i = e;
          while (i < n && s.charCodeAt(i) === 32) i++;
        }
      }
      body(s, lineNo, i, ts, iface);
    };
    const isBodyStart = (s, i) => {
      const c = s.charCodeAt(i);
      if (c === 73)
        return s.charCodeAt(i + 1) === 80 && (s.charCodeAt(i + 2) === 32 || s.startsWith("6 ", i + 2));
      if (c === 65) return s.startsWith("ARP, ", i);
      return false;
    };
    const fast = (b, i0, end) => {
      let i = i0;
      let ts = null;
      let c = b[i];
      if (c >= 48 && c <= 57) {
        let base;
        if (b[i + 2] === 58) {
          if (i + 16 > end || b[i + 5] !== 58 || b[i + 8] !== 46) return false;
          const h = (c - 48) * 10 + (b[i + 1] - 48);
          const mi = (b[i + 3] - 48) * 10 + (b[i + 4] - 48);
          const se = (b[i + 6] - 48) * 10 + (b[i + 7] - 48);
          if (!(h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && se >= 0 && se <= 60) || b[i + 1] < 48 || b[i + 1] > 57 || b[i + 4] < 48 || b[i + 4] > 57 || b[i + 7] < 48 || b[i + 7] > 57)
            return false;
          base = todBase(h, mi, se);
          i += 9;
        } else {
          let sec = 0;
          let k2 = i;
          for (; k2 < end; k2++) {
            c = b[k2];
            if (c < 48 || c > 57) break;
            sec = sec * 10 + (c - 48);
          }
          if (c !== 46 || k2 - i > 12) return false;
          base = sec * 1e3;
          i = k2 + 1;
        }
        let v2 = 0;
        const f0 = i;
        for (; i < end; i++) {
          c = b[i];
          if (c < 48 || c > 57) break;
          v2 = v2 * 10 + (c - 48);
        }
        const digits = i - f0;
        if (c !== 32 || digits < 3 || digits > 9) return false;
        ts = base + v2 / POW10[digits - 3];
        i++;
      }
      if (b[i] !== 73 || b[i + 1] !== 80 || b[i + 2] !== 32) return false;
      i += 3;
      let key = 0;
      let v = 0;
      let dots = 0;
      let j = i;
      c = 0;
      for (; j < end; j++) {
        c = b[j];
        if (c >= 48 && c <= 57) v = v * 10 + (c - 48);
        else if (c === 46 && dots < 4 && v <= 255 && j > i && b[j - 1] !== 46) {
          key = key * 256 + v;
          v = 0;
          dots++;
        } else break;
      }
      if (c !== 32 || dots !== 4 || v > 65535 || b[j - 1] === 46 || b[j + 1] !== 62 || b[j + 2] !== 32)
        return false;
      const sKey = key;
      const sport = v;
      key = 0;
      v = 0;
      dots = 0;
      j += 3;
      const d0 = j;
      for (; j < end; j++) {
        c = b[j];
        if (c >= 48 && c <= 57) v = v * 10 + (c - 48);
        else if (c === 46 && dots < 4 && v <= 255 && j > d0 && b[j - 1] !== 46) {
          key = key * 256 + v;
          v = 0;
          dots++;
        } else break;
      }
      if (c !== 58 || dots !== 4 || v > 65535 || b[j - 1] === 46 || b[j + 1] !== 32) return false;
      const dKey = key;
      const dport = v;
      const t = j + 2;
      const tc = b[t];
      let proto;
      let k;
      let colonOk = false;
      if (tc === 116 && b[t + 1] === 99 && b[t + 2] === 112 && b[t + 3] === 32) {
        proto = "tcp";
        k = t + 4;
      } else if (tc === 85 && b[t + 1] === 68 && b[t + 2] === 80 && b[t + 3] === 44 && b[t + 4] === 32 && b[t + 5] === 108 && b[t + 11] === 32) {
        proto = "udp";
        k = t + 12;
      } else if (tc === 70 && b[t + 1] === 108 && b[t + 5] === 32 && b[t + 6] === 91) {
        proto = "tcp";
        colonOk = true;
        k = -1;
        for (let q = t + 7; q + 9 <= end; q++) {
          if (b[q] === 44 && b[q + 1] === 32 && b[q + 2] === 108 && b[q + 3] === 101 && b[q + 4] === 110 && b[q + 5] === 103 && b[q + 6] === 116 && b[q + 7] === 104 && b[q + 8] === 32) {
            k = q + 9;
            break;
          }
        }
        if (k < 0) return false;
      } else return false;
      let len = 0;
      const k0 = k;
      for (; k < end; k++) {
        c = b[k];
        if (c < 48 || c > 57) break;
        len = len * 10 + (c - 48);
      }
      if (k === k0 || k !== end && !(colonOk && c === 58)) return false;
      if (pendLine > 0) flushPending();
      emit.record({ ts, proto, src: v4name(sKey), sport, dst: v4name(dKey), dport, length: len });
      return true;
    };
    return {
      line: line2,
      fast,
      end: () => flushPending()
    };
  }
};
var v4rows = /* @__PURE__ */ new Map();
var v4name = (key) => {
  const hi = Math.floor(key / 256);
  let row = v4rows.get(hi);
  if (row === void 0) {
    if (v4rows.size >= 4096) v4rows.clear();
    row = new Array(256);
    v4rows.set(hi, row);
  }
  const lo = key & 255;
  let s = row[lo];
  if (s === void 0) {
    s = `${Math.floor(hi / 65536)}.${Math.floor(hi / 256) & 255}.${hi & 255}.${lo}`;
    row[lo] = s;
  }
  return s;
};
var tcpdumpParser = (emit, options) => {
  const h = makeHandler(emit, options);
  const max = options.maxLineLength ?? DEFAULT_MAX_LINE2;
  const decoder15 = new TextDecoder("utf-8");
  const encoder3 = new TextEncoder();
  let carry = new Uint8Array(256);
  let carryLen = 0;
  let overflow = false;
  let lineNo = 0;
  let highSurrogate = "";
  const append = (b, a, e) => {
    if (overflow) return;
    const k = e - a;
    if (carryLen + k > max + 1) {
      overflow = true;
      return;
    }
    if (carryLen + k > carry.length) {
      const next = new Uint8Array(Math.max(carryLen + k, carry.length * 2));
      next.set(carry.subarray(0, carryLen));
      carry = next;
    }
    carry.set(b.subarray(a, e), carryLen);
    carryLen += k;
  };
  const deliver = (b, a, bEnd) => {
    lineNo++;
    let e = bEnd;
    if (e > a && b[e - 1] === 13) e--;
    if (overflow || e - a > max) {
      overflow = false;
      emit.skip(lineNo, `line longer than ${max} bytes`);
      return;
    }
    if (!h.fast(b, a, e)) h.line(decoder15.decode(b.subarray(a, e)), lineNo);
  };
  const feed = (b) => {
    let start = 0;
    const n = b.length;
    if (carryLen > 0 || overflow) {
      const nl = b.indexOf(10);
      if (nl < 0) {
        append(b, 0, n);
        return;
      }
      append(b, 0, nl);
      const len = carryLen;
      carryLen = 0;
      deliver(carry, 0, len);
      start = nl + 1;
    }
    while (start < n) {
      const nl = b.indexOf(10, start);
      if (nl < 0) {
        append(b, start, n);
        return;
      }
      deliver(b, start, nl);
      start = nl + 1;
    }
  };
  return {
    push(chunk) {
      if (typeof chunk !== "string") {
        feed(chunk);
        return;
      }
      let text = highSurrogate + chunk;
      highSurrogate = "";
      const last = text.charCodeAt(text.length - 1);
      if (last >= 55296 && last <= 56319) {
        highSurrogate = text.slice(-1);
        text = text.slice(0, -1);
      }
      feed(encoder3.encode(text));
    },
    end() {
      if (highSurrogate) {
        feed(encoder3.encode(highSurrogate));
        highSurrogate = "";
      }
      if (carryLen > 0 || overflow) {
        const len = carryLen;
        carryLen = 0;
        deliver(carry, 0, len);
      }
      h.end();
    }
  };
};
var parseTcpdump = (input2, options = {}) => parseAll(tcpdumpParser, input2, options);
var p27 = (n) => n < 10 ? `0${n}` : String(n);
var renderTs = (ms, mode, zone2 = UTC, nanos = false) => {
  let sec = Math.floor(ms / 1e3);
  let us = Math.round((ms - sec * 1e3) * 1e3);
  if (us >= 1e6) {
    sec += 1;
    us -= 1e6;
  }
  const f = nanos ? `${String(us).padStart(6, "0")}000` : String(us).padStart(6, "0");
  if (mode === "tt") return `${sec}.${f}`;
  const d = new Date((sec + zone2.offsetAt(sec * 1e3) * 60) * 1e3);
  const hms = `${p27(d.getUTCHours())}:${p27(d.getUTCMinutes())}:${p27(d.getUTCSeconds())}.${f}`;
  if (mode === "default") return hms;
  return `${String(d.getUTCFullYear()).padStart(4, "0")}-${p27(d.getUTCMonth() + 1)}-${p27(d.getUTCDate())} ${hms}`;
};
var renderTcpdumpLine = (p, opts = {}) => {
  const mode = opts.timestamps ?? "default";
  const ts = mode === "none" || p.ts === null ? "" : `${renderTs(p.ts, mode, opts.zone, opts.nanos)} `;
  const pre = p.iface === void 0 ? "" : `${p.iface.padEnd(5)} ${"In".padEnd(3)} `;
  const v6 = p.src.includes(":");
  const ip = v6 ? "IP6" : "IP";
  const L = p.length;
  let body;
  switch (p.proto) {
    case "arp":
      body = `ARP, Request who-has ${p.dst} tell ${p.src}, length ${L}`;
      break;
    case "tcp":
    case "udp": {
      if (p.sport === null || p.dport === null) {
        body = v6 ? `${ip} ${p.src} > ${p.dst}: frag (1480|${L})` : `${ip} ${p.src} > ${p.dst}: ip-proto-${p.proto === "tcp" ? 6 : 17}`;
        break;
      }
      const ends = `${ip} ${p.src}.${p.sport} > ${p.dst}.${p.dport}: `;
      if (p.proto === "udp") body = `${ends}UDP, length ${L}`;
      else if (opts.q) body = `${ends}tcp ${L}`;
      else if (L > 0) body = `${ends}Flags [P.], seq 1:${1 + L}, ack 1, win 502, length ${L}`;
      else body = `${ends}Flags [.], ack 1, win 502, length 0`;
      break;
    }
    case "icmp":
      body = `${ip} ${p.src} > ${p.dst}: ICMP echo request, id 7, seq 1, length ${L}`;
      break;
    case "icmp6":
      body = `${ip} ${p.src} > ${p.dst}: ICMP6, echo request, id 7, seq 1, length ${L}`;
      break;
    default:
      body = `${ip} ${p.src} > ${p.dst}:  ip-proto-253 ${L}`;
  }
  return ts + pre + body;
};
var renderTcpdump = (packets, opts = {}) => {
  const out = [];
  for (const p of packets) out.push(renderTcpdumpLine(p, opts));
  return out.length === 0 ? "" : `${out.join("\n")}
`;
};
var parser17 = { info: info17, create: tcpdumpParser, sniff: sniff17 };
var wtmp_exports = {};
__export2(wtmp_exports, {
  DETECT_BYTES: () => DETECT_BYTES,
  LAYOUTS: () => LAYOUTS,
  UtType: () => UtType,
  addrText: () => addrText2,
  cString: () => cString,
  corruption: () => corruption,
  createWtmpParser: () => createWtmpParser,
  decodeUtmpEntry: () => decodeUtmpEntry,
  detectLayout: () => detectLayout,
  encodeUtmpEntry: () => encodeUtmpEntry,
  info: () => info18,
  parseUtmpEntries: () => parseUtmpEntries,
  parseWtmp: () => parseWtmp,
  parser: () => parser18,
  renderUtmp: () => renderUtmp,
  renderUtmpdump: () => renderUtmpdump,
  sniff: () => sniff18,
  utmpEntriesParser: () => utmpEntriesParser,
  wtmpParser: () => wtmpParser
});
var UT = {
  type: 0,
  pid: 4,
  line: 8,
  lineSize: 32,
  id: 40,
  idSize: 4,
  user: 44,
  userSize: 32,
  host: 76,
  hostSize: 256,
  exitTermination: 332,
  exitExit: 334
};
var LAYOUTS = {
  "glibc-le-384": {
    name: "glibc-le-384",
    size: 384,
    little: true,
    wide: 4,
    session: 336,
    tvSec: 340,
    tvUsec: 344,
    addr: 348,
    description: "glibc 384-byte records, little-endian, 32-bit time (x86_64, aarch64, i386)"
  },
  "glibc-be-384": {
    name: "glibc-be-384",
    size: 384,
    little: false,
    wide: 4,
    session: 336,
    tvSec: 340,
    tvUsec: 344,
    addr: 348,
    description: "glibc 384-byte records, big-endian, 32-bit time (s390x, ppc64)"
  },
  "glibc-le-400": {
    name: "glibc-le-400",
    size: 400,
    little: true,
    wide: 8,
    session: 336,
    tvSec: 344,
    tvUsec: 352,
    addr: 360,
    description: "glibc 400-byte records, little-endian, 64-bit time"
  },
  "glibc-be-400": {
    name: "glibc-be-400",
    size: 400,
    little: false,
    wide: 8,
    session: 336,
    tvSec: 344,
    tvUsec: 352,
    addr: 360,
    description: "glibc 400-byte records, big-endian, 64-bit time"
  }
};
var ORDER = [
  LAYOUTS["glibc-le-384"],
  LAYOUTS["glibc-be-384"],
  LAYOUTS["glibc-le-400"],
  LAYOUTS["glibc-be-400"]
];
var u16 = (b, o, little) => little ? b[o] | b[o + 1] << 8 : b[o] << 8 | b[o + 1];
var i16 = (b, o, little) => u16(b, o, little) << 16 >> 16;
var i32 = (b, o, little) => little ? b[o] | b[o + 1] << 8 | b[o + 2] << 16 | b[o + 3] << 24 : b[o] << 24 | b[o + 1] << 16 | b[o + 2] << 8 | b[o + 3];
var int = (b, o, little, width) => {
  if (width === 4) return i32(b, o, little);
  const lo = little ? i32(b, o, true) >>> 0 : i32(b, o + 4, false) >>> 0;
  const hi = little ? i32(b, o + 4, true) : i32(b, o, false);
  return hi * 4294967296 + lo;
};
var UtType = {
  EMPTY: 0,
  RUN_LVL: 1,
  BOOT_TIME: 2,
  NEW_TIME: 3,
  OLD_TIME: 4,
  INIT_PROCESS: 5,
  LOGIN_PROCESS: 6,
  USER_PROCESS: 7,
  DEAD_PROCESS: 8,
  ACCOUNTING: 9,
  SHUTDOWN_TIME: 254
};
var corruption = (b, o, l) => {
  const type = i16(b, o, l.little);
  if ((type < 0 || type > 9) && type !== 254) return `ut_type ${type} out of range`;
  const usec = int(b, o + l.tvUsec, l.little, l.wide);
  if (usec < 0 || usec > 999999) return `tv_usec ${usec} out of range`;
  const sec = int(b, o + l.tvSec, l.little, l.wide);
  if (sec < 0 || sec >= 4294967296) return `tv_sec ${sec} is not a plausible time`;
  return void 0;
};
var textish = (b, o, size) => {
  for (let i = 0; i < size; i++) {
    const c = b[o + i];
    if (c === 0) return true;
    if (c < 32 || c === 127) return false;
  }
  return true;
};
var evidence = (b, o, l) => {
  if (corruption(b, o, l) !== void 0) return 0;
  if (!textish(b, o + UT.line, UT.lineSize) || !textish(b, o + UT.user, UT.userSize) || !textish(b, o + UT.host, 64))
    return 0;
  if (i16(b, o, l.little) === 0) return 0.5;
  return int(b, o + l.tvSec, l.little, l.wide) > 0 ? 1 : 0;
};
var DETECT_BYTES = 9600;
var detectLayout = (head) => {
  let best = ORDER[0];
  let bestScore = -1;
  let bestN = 0;
  for (const l of ORDER) {
    const n = Math.floor(Math.min(head.length, DETECT_BYTES) / l.size);
    if (n === 0) continue;
    let ok = 0;
    for (let i = 0; i < n; i++) ok += evidence(head, i * l.size, l);
    let score = ok / n;
    if (head.length < DETECT_BYTES && head.length % l.size !== 0) score -= 0.5;
    if (score > bestScore) {
      best = l;
      bestScore = score;
      bestN = n;
    }
  }
  return { layout: best, score: Math.max(bestScore, 0), examined: bestN };
};
var info18 = {
  kind: "wtmp",
  description: "Binary utmp/wtmp/btmp (glibc struct utmp) as login sessions with util-linux `last -x` semantics; `failed` mode for btmp (`lastb`).",
  record: "Login",
  binary: true,
  variants: [
    "glibc-le-384 (x86_64, aarch64, i386)",
    "glibc-be-384 (s390x, ppc64)",
    "glibc-le-400 / glibc-be-400 (64-bit time)",
    "wtmp, utmp, btmp (failed: true)",
    "util-linux 2.38 last -x session rules"
  ],
  options: []
};
var sniff18 = (head) => {
  const { layout, score, examined } = detectLayout(head);
  if (examined === 0 || score === 0) return 0;
  let live = 0;
  for (let i = 0; i < examined; i++) if (evidence(head, i * layout.size, layout) === 1) live++;
  if (live === 0) return 0.1 * score;
  return Math.min(1, score) * (examined >= 3 ? 0.95 : 0.8);
};
var utf82 = new TextDecoder("utf-8");
var cString = (b, o, max) => {
  const lim = o + max;
  let end = o;
  let ascii = true;
  while (end < lim) {
    const c = b[end];
    if (c === 0) break;
    if (c > 127) ascii = false;
    end++;
  }
  if (end === o) return "";
  if (!ascii) return utf82.decode(b.subarray(o, end));
  if (end - o <= 16) {
    let s = "";
    for (let i = o; i < end; i++) s += String.fromCharCode(b[i]);
    return s;
  }
  return String.fromCharCode.apply(null, b.subarray(o, end));
};
var addrText2 = (b, o) => {
  let rest = 0;
  for (let i = 4; i < 16; i++) rest |= b[o + i];
  if (rest === 0) {
    if ((b[o] | b[o + 1] | b[o + 2] | b[o + 3]) === 0) return null;
    return Net_exports.ipv4FromBytes(b, o);
  }
  return Net_exports.ipv6FromBytes(b, o);
};
var decodeUtmpEntry = (b, o = 0, layout = LAYOUTS["glibc-le-384"]) => {
  const le = layout.little;
  const sec = int(b, o + layout.tvSec, le, layout.wide);
  const usec = int(b, o + layout.tvUsec, le, layout.wide);
  return {
    type: i16(b, o, le),
    pid: i32(b, o + UT.pid, le),
    line: cString(b, o + UT.line, UT.lineSize),
    id: cString(b, o + UT.id, UT.idSize),
    user: cString(b, o + UT.user, UT.userSize),
    host: cString(b, o + UT.host, UT.hostSize),
    addr: addrText2(b, o + layout.addr),
    session: int(b, o + layout.session, le, layout.wide),
    exit: { termination: i16(b, o + UT.exitTermination, le), exit: i16(b, o + UT.exitExit, le) },
    tv: sec * 1e3 + usec / 1e3
  };
};
var encoder = new TextEncoder();
var RecordReader = class {
  constructor(emit, forced, onLayout, onRecord) {
    this.emit = emit;
    this.forced = forced;
    this.onLayout = onLayout;
    this.onRecord = onRecord;
  }
  emit;
  forced;
  onLayout;
  onRecord;
  layout;
  head = [];
  headLen = 0;
  carry = new Uint8Array(400);
  carryLen = 0;
  no = 0;
  offset = 0;
  setHandler(h) {
    this.onRecord = h;
  }
  push(chunk) {
    const bytes = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
    if (bytes.length === 0) return;
    if (this.layout !== void 0) {
      this.feed(bytes);
      return;
    }
    this.head.push(bytes);
    this.headLen += bytes.length;
    if (this.headLen >= DETECT_BYTES) this.decide();
  }
  decide() {
    const all = new Uint8Array(this.headLen);
    let p = 0;
    for (const c of this.head) {
      all.set(c, p);
      p += c.length;
    }
    this.head = [];
    this.headLen = 0;
    if (this.forced) {
      this.layout = this.forced;
      this.emit.infer("layout", `${this.forced.name}: ${this.forced.description} (given)`);
    } else {
      const d = detectLayout(all);
      this.layout = d.layout;
      const how = d.examined === 0 ? "default: input shorter than one record" : `detected: score ${d.score.toFixed(2)} over ${d.examined} leading records`;
      this.emit.infer("layout", `${d.layout.name}: ${d.layout.description} (${how})`);
    }
    this.onLayout(this.layout);
    this.feed(all);
  }
  feed(b) {
    const size = this.layout.size;
    let pos = 0;
    const n = b.length;
    if (this.carryLen > 0) {
      const take = Math.min(size - this.carryLen, n);
      this.carry.set(b.subarray(0, take), this.carryLen);
      this.carryLen += take;
      pos = take;
      if (this.carryLen < size) return;
      this.carryLen = 0;
      this.no++;
      this.onRecord(this.carry, 0, this.no, this.offset);
      this.offset += size;
    }
    const h = this.onRecord;
    while (pos + size <= n) {
      this.no++;
      h(b, pos, this.no, this.offset);
      this.offset += size;
      pos += size;
    }
    if (pos < n) {
      this.carry.set(b.subarray(pos), 0);
      this.carryLen = n - pos;
    }
  }
  end() {
    if (this.layout === void 0) this.decide();
    if (this.carryLen > 0) {
      this.emit.skip(
        this.no + 1,
        `truncated record: ${this.carryLen} of ${this.layout.size} bytes at end of input`,
        this.offset
      );
      this.carryLen = 0;
    }
  }
};
var forcedLayout = (o) => o.layout === void 0 || o.layout === "auto" ? void 0 : LAYOUTS[o.layout];
var utmpEntriesParser = (emit, options) => {
  let layout = LAYOUTS["glibc-le-384"];
  const reader = new RecordReader(
    emit,
    forcedLayout(options),
    (l) => {
      layout = l;
    },
    (b, o, no, offset) => {
      const bad22 = corruption(b, o, layout);
      if (bad22 !== void 0) emit.skip(no, bad22, offset);
      else emit.record(decodeUtmpEntry(b, o, layout));
    }
  );
  return { push: (c) => reader.push(c), end: () => reader.end() };
};
var parseUtmpEntries = (input2, options = {}) => parseAll(utmpEntriesParser, input2, options);
var MAX_PENDING_BOOTS = 65536;
var bytesOf = (s) => Array.from(s, (c) => c.charCodeAt(0));
var SHUTDOWN = bytesOf("shutdown");
var REBOOT = bytesOf("reboot");
var RUNLEVEL = bytesOf("runlevel");
var LOGIN = bytesOf("LOGIN");
var DATE2 = bytesOf("date");
var hasPrefix = (b, o, p) => {
  for (let i = 0; i < p.length; i++) if (b[o + i] !== p[i]) return false;
  return true;
};
var seconds = (from, to) => Math.round((to - from) * 1e3) / 1e6;
var wtmpParser = (emit, options) => {
  let L = LAYOUTS["glibc-le-384"];
  const failedMode = options.failed === true;
  const open = /* @__PURE__ */ new Map();
  let boots = [];
  let shutdown;
  let runlevel;
  const out = (r) => emit.record(r);
  const close = (r, end, reason) => {
    r.end = end;
    r.endReason = reason;
    r.durationSeconds = seconds(r.start, end);
    out(r);
  };
  const closeLogins = (t, reason) => {
    if (open.size === 0) return;
    for (const r of open.values()) close(r, t, reason);
    open.clear();
  };
  const closeBoots = (t) => {
    if (boots.length === 0) return;
    for (const r of boots) close(r, t, "logout");
    boots = [];
  };
  const pseudo = (kind, line2, b, o, t) => ({
    kind,
    user: cString(b, o + UT.user, UT.userSize),
    line: line2,
    host: cString(b, o + UT.host, UT.hostSize),
    start: t,
    end: null,
    endReason: "running",
    durationSeconds: null,
    addr: addrText2(b, o + L.addr)
  });
  let begun = false;
  const handle = (b, o, no, offset) => {
    const le = L.little;
    let type = le ? (b[o] | b[o + 1] << 8) << 16 >> 16 : (b[o] << 8 | b[o + 1]) << 16 >> 16;
    let sec;
    let usec;
    if (L.wide === 4) {
      const s = o + L.tvSec;
      const u = o + L.tvUsec;
      sec = le ? b[s] | b[s + 1] << 8 | b[s + 2] << 16 | b[s + 3] << 24 : b[s] << 24 | b[s + 1] << 16 | b[s + 2] << 8 | b[s + 3];
      usec = le ? b[u] | b[u + 1] << 8 | b[u + 2] << 16 | b[u + 3] << 24 : b[u] << 24 | b[u + 1] << 16 | b[u + 2] << 8 | b[u + 3];
    } else {
      sec = int(b, o + L.tvSec, le, 8);
      usec = int(b, o + L.tvUsec, le, 8);
    }
    if ((type < 0 || type > 9) && type !== 254) {
      emit.skip(no, `ut_type ${type} out of range`, offset);
      return;
    }
    if (usec < 0 || usec > 999999) {
      emit.skip(no, `tv_usec ${usec} out of range`, offset);
      return;
    }
    if (sec < 0 || sec >= 4294967296) {
      emit.skip(no, `tv_sec ${sec} is not a plausible time`, offset);
      return;
    }
    const t = sec * 1e3 + usec / 1e3;
    if (!begun && sec > 0) {
      begun = true;
      emit.infer("begins", formatIso(t));
    }
    const lineO = o + UT.line;
    const userO = o + UT.user;
    if (failedMode) {
      emit.record({
        kind: "user",
        user: cString(b, userO, UT.userSize),
        line: cString(b, lineO, UT.lineSize),
        host: cString(b, o + UT.host, UT.hostSize),
        start: t,
        end: t,
        endReason: "logout",
        durationSeconds: 0,
        addr: addrText2(b, o + L.addr),
        failed: true
      });
      return;
    }
    const line0 = b[lineO];
    const user0 = b[userO];
    if (line0 === 126) {
      if (hasPrefix(b, userO, SHUTDOWN)) type = UtType.SHUTDOWN_TIME;
      else if (hasPrefix(b, userO, REBOOT)) type = UtType.BOOT_TIME;
      else if (hasPrefix(b, userO, RUNLEVEL)) type = UtType.RUN_LVL;
    } else {
      if (type !== UtType.DEAD_PROCESS && user0 !== 0 && line0 !== 0 && !hasPrefix(b, userO, LOGIN)) {
        type = UtType.USER_PROCESS;
      }
      if (user0 === 0) type = UtType.DEAD_PROCESS;
      if (hasPrefix(b, userO, DATE2)) {
        if (line0 === 124) type = UtType.OLD_TIME;
        if (line0 === 123) type = UtType.NEW_TIME;
      }
    }
    switch (type) {
      case UtType.USER_PROCESS: {
        const line2 = cString(b, lineO, UT.lineSize);
        const prev = open.get(line2);
        if (prev !== void 0) close(prev, t, "logout");
        open.set(line2, {
          kind: "user",
          user: cString(b, userO, UT.userSize),
          line: line2,
          host: cString(b, o + UT.host, UT.hostSize),
          start: t,
          end: null,
          endReason: "still-logged-in",
          durationSeconds: null,
          addr: addrText2(b, o + L.addr)
        });
        return;
      }
      case UtType.DEAD_PROCESS: {
        if (line0 === 0) {
          emit.ignore(no, "dead process without line");
          return;
        }
        const line2 = cString(b, lineO, UT.lineSize);
        const prev = open.get(line2);
        if (prev === void 0) {
          emit.ignore(no, "logout unpaired");
          return;
        }
        open.delete(line2);
        close(prev, t, "logout");
        emit.ignore(no, "logout paired");
        return;
      }
      case UtType.BOOT_TIME: {
        if (shutdown !== void 0) close(shutdown, t, "logout");
        shutdown = void 0;
        closeLogins(t, "crash");
        if (boots.length >= MAX_PENDING_BOOTS) out(boots.shift());
        boots.push(pseudo("reboot", "system boot", b, o, t));
        return;
      }
      case UtType.SHUTDOWN_TIME: {
        if (shutdown !== void 0) close(shutdown, t, "logout");
        closeBoots(t);
        if (runlevel !== void 0) close(runlevel, t, "logout");
        runlevel = void 0;
        closeLogins(t, "down");
        shutdown = pseudo("shutdown", "system down", b, o, t);
        return;
      }
      case UtType.RUN_LVL: {
        const x = (le ? b[o + UT.pid] : b[o + UT.pid + 3]) & 255;
        if (runlevel !== void 0) close(runlevel, t, "logout");
        if (x === 48 || x === 54) {
          if (shutdown !== void 0) close(shutdown, t, "logout");
          shutdown = void 0;
          closeBoots(t);
          closeLogins(t, "down");
        }
        runlevel = pseudo("runlevel", x === 0 ? "(to lvl " : `(to lvl ${String.fromCharCode(x)})`, b, o, t);
        return;
      }
      case UtType.EMPTY:
        emit.ignore(no, "empty");
        return;
      case UtType.INIT_PROCESS:
        emit.ignore(no, "init process");
        return;
      case UtType.LOGIN_PROCESS:
        emit.ignore(no, "login process");
        return;
      case UtType.ACCOUNTING:
        emit.ignore(no, "accounting");
        return;
      case UtType.NEW_TIME:
      case UtType.OLD_TIME:
        emit.ignore(no, "clock change");
        return;
      default:
        emit.skip(no, `ut_type ${type} out of range`, offset);
    }
  };
  const reader = new RecordReader(
    emit,
    forcedLayout(options),
    (l) => {
      L = l;
    },
    handle
  );
  return {
    push: (c) => reader.push(c),
    end: () => {
      reader.end();
      for (const r of boots) out(r);
      boots = [];
      if (shutdown !== void 0) out(shutdown);
      shutdown = void 0;
      if (runlevel !== void 0) out(runlevel);
      runlevel = void 0;
      for (const r of open.values()) out(r);
      open.clear();
    }
  };
};
var createWtmpParser = wtmpParser;
var parseWtmp = (input2, options = {}) => parseAll(wtmpParser, input2, options);
var encoder2 = new TextEncoder();
var putInt = (v, o, value2, little, width) => {
  if (width === 2) v.setInt16(o, value2, little);
  else if (width === 4) v.setInt32(o, value2 | 0, little);
  else v.setBigInt64(o, BigInt(Math.trunc(value2)), little);
};
var putString = (b, o, max, s) => {
  const bytes = encoder2.encode(s);
  b.set(bytes.length > max ? bytes.subarray(0, max) : bytes, o);
};
var putAddr = (b, o, addr) => {
  if (addr === null || addr === "") return;
  if (addr.includes(":")) {
    const v6 = Net_exports.parseIpv6(addr.replace(/%.*$/, ""));
    if (v6) b.set(v6, o);
    return;
  }
  const v42 = Net_exports.parseIpv4(addr);
  if (v42 < 0) return;
  b[o] = v42 >>> 24;
  b[o + 1] = v42 >>> 16 & 255;
  b[o + 2] = v42 >>> 8 & 255;
  b[o + 3] = v42 & 255;
};
var splitTv = (tv) => {
  let sec = Math.floor(tv / 1e3);
  let usec = Math.round((tv - sec * 1e3) * 1e3);
  if (usec >= 1e6) {
    sec += 1;
    usec -= 1e6;
  }
  return [sec, usec];
};
var encodeUtmpEntry = (b, o, e, layout = LAYOUTS["glibc-le-384"], view) => {
  const v = view ?? new DataView(b.buffer, b.byteOffset, b.byteLength);
  const le = layout.little;
  putInt(v, o, e.type, le, 2);
  putInt(v, o + UT.pid, e.pid, le, 4);
  putString(b, o + UT.line, UT.lineSize, e.line);
  putString(b, o + UT.id, UT.idSize, e.id);
  putString(b, o + UT.user, UT.userSize, e.user);
  putString(b, o + UT.host, UT.hostSize, e.host);
  putInt(v, o + UT.exitTermination, e.exit.termination, le, 2);
  putInt(v, o + UT.exitExit, e.exit.exit, le, 2);
  putInt(v, o + layout.session, e.session, le, layout.wide);
  const [sec, usec] = splitTv(e.tv);
  putInt(v, o + layout.tvSec, sec, le, layout.wide);
  putInt(v, o + layout.tvUsec, usec, le, layout.wide);
  putAddr(b, o + layout.addr, e.addr);
};
var renderUtmp = (entries, options = {}) => {
  const layout = LAYOUTS[options.layout ?? "glibc-le-384"];
  const list2 = Array.isArray(entries) ? entries : [...entries];
  const b = new Uint8Array(list2.length * layout.size);
  const v = new DataView(b.buffer);
  for (let i = 0; i < list2.length; i++) encodeUtmpEntry(b, i * layout.size, list2[i], layout, v);
  return b;
};
var safe = (s) => s.replace(/[^\x20-\x7e]|[[\]]/g, "?");
var field = (s, min, max) => {
  const t = safe(s).slice(0, max);
  return t.length < min ? t.padEnd(min) : t;
};
var renderUtmpdump = (entries) => {
  let out = "";
  for (const e of entries) {
    const [sec, usec] = splitTv(e.tv);
    const time = `${formatIso(sec * 1e3).slice(0, 19)},${String(usec).padStart(6, "0")}+00:00`;
    const pid = e.pid < 0 ? `-${String(-e.pid).padStart(4, "0")}` : String(e.pid).padStart(5, "0");
    out += `[${e.type}] [${pid}] [${field(e.id, 4, 4)}] [${field(e.user, 8, 32)}] [${field(e.line, 12, 32)}] [${field(e.host, 20, 256)}] [${(e.addr ?? "0.0.0.0").padEnd(15)}] [${time}]
`;
  }
  return out;
};
var parser18 = { info: info18, create: wtmpParser, sniff: sniff18 };
var registry = {
  wtmp: parser18,
  last: parser8,
  tcpdump: parser17,
  pcap: parser12,
  ss: parser16,
  "proc-net-tcp": parser13,
  "flexlm-log": parser6,
  lmstat: parser9,
  "flexlm-license": parser5,
  logwatch: parser10,
  "dhcpd-conf": parser3,
  "dhcpd-leases": parser4,
  "cisco-mac-table": parser2,
  "cisco-int-desc": parser,
  inventory: parser7,
  openstack: parser11,
  snmpwalk: parser15,
  procfs: parser14
};
var sniffKinds = (head) => KINDS.map((kind) => {
  let confidence = 0;
  try {
    confidence = registry[kind].sniff(head);
  } catch {
    confidence = 0;
  }
  return { kind, confidence };
}).sort((a, b) => b.confidence - a.confidence);

// src/check.ts
var MAX_ANNOTATIONS_PER_FILE = 20;
var InputProblem = class extends Error {
};
var input = (env, name) => (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();
var readInputs = (env) => {
  const patterns = input(env, "files").split(/\s+/).filter((p) => p !== "");
  if (patterns.length === 0) throw new InputProblem("input files: give at least one file or glob");
  const kindText = input(env, "kind") || "auto";
  if (kindText !== "auto" && !isKind(kindText))
    throw new InputProblem(`input kind: "${kindText}" is not one of ${KINDS.join(", ")}, auto`);
  const maxText = input(env, "max-skipped") || "0";
  if (!/^\d+$/.test(maxText)) throw new InputProblem(`input max-skipped: "${maxText}" is not a whole number`);
  const options = {};
  const year = input(env, "year");
  if (year !== "") {
    if (!/^\d{4}$/.test(year)) throw new InputProblem(`input year: "${year}" is not a four-digit year`);
    options.year = Number(year);
  }
  const date = input(env, "date");
  if (date !== "") {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))
      throw new InputProblem(`input date: "${date}" is not YYYY-MM-DD`);
    options.date = date;
  }
  const tz = input(env, "tz");
  if (tz !== "") {
    try {
      options.zone = zone(tz);
    } catch (e) {
      throw new InputProblem(`input tz: ${e.message}`);
    }
  }
  return { patterns, kind: kindText, maxSkipped: Number(maxText), options };
};
var escapeRegex = (s) => s.replace(/[.+^${}()|[\]\\]/g, "\\$&");
var globRegex = (glob) => {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*") {
      if (glob[i + 1] === "*") {
        const slash = glob[i + 2] === "/";
        out += slash ? "(?:[^/]*/)*" : ".*";
        i += slash ? 2 : 1;
      } else out += "[^/]*";
    } else if (c === "?") out += "[^/]";
    else out += escapeRegex(c);
  }
  return new RegExp(`^${out}$`);
};
var walk = async (dir, out) => {
  let entries;
  try {
    entries = await (0, import_promises.readdir)(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.name === ".git" || e.name === "node_modules") continue;
    const p = (0, import_node_path.join)(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile()) out.push(p);
  }
};
var expandGlobs = async (patterns, cwd) => {
  const found = /* @__PURE__ */ new Set();
  for (const pattern of patterns) {
    if (!/[*?]/.test(pattern)) {
      const s = await (0, import_promises.stat)((0, import_node_path.resolve)(cwd, pattern)).catch(() => null);
      if (s === null || !s.isFile()) throw new InputProblem(`input files: ${pattern}: no such file`);
      found.add((0, import_node_path.relative)(cwd, (0, import_node_path.resolve)(cwd, pattern)).split(import_node_path.sep).join("/"));
      continue;
    }
    const parts = pattern.split("/");
    const fixed = [];
    while (parts.length > 1 && !/[*?]/.test(parts[0])) fixed.push(parts.shift());
    const base = (0, import_node_path.resolve)(cwd, fixed.join("/") || ".");
    const re = globRegex(parts.join("/"));
    const files = [];
    await walk(base, files);
    let n = 0;
    for (const f of files) {
      if (!re.test((0, import_node_path.relative)(base, f).split(import_node_path.sep).join("/"))) continue;
      found.add((0, import_node_path.relative)(cwd, f).split(import_node_path.sep).join("/"));
      n++;
    }
    if (n === 0) throw new InputProblem(`input files: ${pattern}: matched no file`);
  }
  return [...found].sort();
};
var escapeData = (s) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
var escapeProperty = (s) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
var HEAD = 65536;
var headOf = async (path) => {
  const chunks = [];
  let n = 0;
  for await (const c of (0, import_node_fs.createReadStream)(path, { end: HEAD - 1 })) {
    chunks.push(c);
    n += c.length;
  }
  return Buffer.concat(chunks, n);
};
var checkFile = async (file, cwd, kindInput, options, onSkip) => {
  const path = (0, import_node_path.resolve)(cwd, file);
  let kind;
  if (kindInput === "auto") {
    const [best] = sniffKinds(await headOf(path));
    if (best === void 0 || best.confidence < 0.3)
      return { file, error: "cannot tell its kind: name it with the kind input" };
    kind = best.kind;
  } else kind = kindInput;
  const stats = emptyStats();
  const chunks = (0, import_node_fs.createReadStream)(path, { highWaterMark: 1 << 16 });
  for await (const _batch of parseStream(registry[kind].create, chunks, options, stats, onSkip)) {
  }
  return { file, kind, stats };
};
var run = async (io) => {
  let inputs;
  let files;
  try {
    inputs = readInputs(io.env);
    files = await expandGlobs(inputs.patterns, io.cwd);
  } catch (e) {
    io.write(`::error title=fleetlens check::${escapeData(e.message)}
`);
    return 1;
  }
  const rows = [];
  let records = 0;
  let skipped = 0;
  let broken = 0;
  for (const file of files) {
    let shown = 0;
    const r = await checkFile(file, io.cwd, inputs.kind, inputs.options, (s) => {
      if (shown++ >= MAX_ANNOTATIONS_PER_FILE) return;
      const at = s.offset === void 0 ? "" : ` (byte ${s.offset})`;
      io.write(
        `::error file=${escapeProperty(file)},line=${s.line},title=${escapeProperty("fleetlens: line skipped")}::${escapeData(`${s.reason}${at}`)}
`
      );
    });
    if ("error" in r) {
      broken++;
      io.write(`::error file=${escapeProperty(file)},title=fleetlens check::${escapeData(r.error)}
`);
      rows.push(`| ${file} | unknown | - | - | - | - |`);
      continue;
    }
    records += r.stats.records;
    skipped += r.stats.skipped;
    if (shown > MAX_ANNOTATIONS_PER_FILE)
      io.write(
        `::warning file=${escapeProperty(file)},title=fleetlens check::${shown - MAX_ANNOTATIONS_PER_FILE} more skipped lines not annotated
`
      );
    rows.push(
      `| ${file} | ${r.kind} | ${r.stats.lines} | ${r.stats.records} | ${r.stats.skipped} | ${r.stats.ignored} |`
    );
  }
  const passed = broken === 0 && skipped <= inputs.maxSkipped;
  const verdict = passed ? `fleetlens check passed: ${files.length} file(s), ${records} record(s), ${skipped} line(s) skipped (allowed ${inputs.maxSkipped})` : `fleetlens check failed: ${skipped} line(s) skipped (allowed ${inputs.maxSkipped})${broken > 0 ? `, ${broken} file(s) of unknown kind` : ""}`;
  io.write(passed ? `${verdict}
` : `::error title=fleetlens check::${escapeData(verdict)}
`);
  const outputFile = io.env.GITHUB_OUTPUT;
  if (outputFile)
    await (0, import_promises.appendFile)(outputFile, `files=${files.length}
records=${records}
skipped=${skipped}
`);
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (summaryFile)
    await (0, import_promises.appendFile)(
      summaryFile,
      [
        `### ${verdict}`,
        "",
        "| file | kind | lines | records | skipped | ignored |",
        "|---|---|---|---|---|---|",
        ...rows,
        ""
      ].join("\n")
    );
  return passed ? 0 : 1;
};

// src/main.ts
run({
  env: process.env,
  cwd: process.env.GITHUB_WORKSPACE ?? process.cwd(),
  write: (s) => process.stdout.write(s)
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stdout.write(
      `::error title=fleetlens check::internal error: ${String(e?.message ?? e)}
`
    );
    process.exitCode = 1;
  }
);
