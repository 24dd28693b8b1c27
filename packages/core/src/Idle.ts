/**
 * The idle-VM verdict. The inactive-VM checker judged a VM unused from its login history alone,
 * which calls a busy web server nobody logs into "inactive". fleetlens combines four kinds of
 * evidence about a window (default the 14 days ending at `at`):
 *
 * | evidence | busy (→ active) when | quiet evidence covers |
 * |---|---|---|
 * | logins ({@link activity}) | a user session touches the window | the window ∩ the history's span |
 * | uncommon peers ({@link analyse}) | at least one | (with the capture) |
 * | capture volume ({@link TrafficSummary}) | mean received ≥ `rxBytesPerSecond` or sent ≥ `txBytesPerSecond` over a capture of at least `minCaptureMs` (own address unknown: total ≥ their sum) | the window ∩ the capture's span (weak) |
 * | utilisation ({@link UtilSample}) | Google's idle rule broken: CPU under `cpuVcpus` for less than `cpuShare` of the sampled time, or received under `rxBytesPerSecond` / sent under `txBytesPerSecond` for less than `netShare` of it | the window ∩ the union of the CPU samples' intervals |
 *
 * **Verdict**: `active` when any evidence is busy; otherwise `idle` when the quiet login history
 * or the quiet CPU samples cover at least `minCoverage` of the window (a capture alone never
 * proves idleness); otherwise `insufficient-data`.
 *
 * **Score** (1 = surely idle), monotone: adding busy evidence never raises it.
 * `score = quiet × fLogin × fPeers × fUtil × fCapture`, where
 * `quiet = 1 − (1 − 0.7·cL)(1 − 0.9·cU)(1 − 0.3·cT)` with `cL`, `cU`, `cT` the coverage of
 * quiet login, utilisation and capture evidence (0 for a source that is busy), and the busy
 * factors `fLogin = 0.3·0.8^(loginDays−1)` with sessions (else 1), `fPeers = 0.4·0.8^(n−1)` with
 * n ≥ 1 uncommon peers, `fUtil = 0.3` when the utilisation rule is broken and `fCapture = 0.5`
 * for heavy capture traffic. So `active` scores at most 0.5, and with the defaults `idle` at least
 * 0.63 (login history alone covering 90%).
 *
 * @since 0.1.0
 * @module
 */
import { activity, type LoginActivity, overlapFraction, type Window } from "./Logins.js";
import { analyse, type BaselineOptions, type TrafficSummary } from "./Peers.js";
import type { IdleVerdict, PeerReport, UtilSample } from "./records/Idle.js";
import type { Login } from "./records/Login.js";
import { dayKey, UTC, type Zone } from "./Time.js";

const DAY = 86_400_000;

/**
 * Every threshold of the idle verdict.
 *
 * @since 0.1.0
 * @category models
 */
export interface IdleOptions {
  /** End of the window (epoch ms), usually "now" or the collection time. */
  readonly at: number;
  /** Window length in ms. */
  readonly windowMs: number;
  /** CPU (vCPUs) under which a sample is quiet. */
  readonly cpuVcpus: number;
  /** Share of the sampled time CPU must be quiet. */
  readonly cpuShare: number;
  /** Received bytes/s under which a sample (or a capture's mean) is quiet. */
  readonly rxBytesPerSecond: number;
  /** Sent bytes/s under which a sample (or a capture's mean) is quiet. */
  readonly txBytesPerSecond: number;
  /** Share of the sampled time the network must be quiet (received and sent, each). */
  readonly netShare: number;
  /** Fraction of the window quiet login or utilisation evidence must cover for `idle`. */
  readonly minCoverage: number;
  /** Shortest capture whose mean rate is judged, in ms. */
  readonly minCaptureMs: number;
  /** Zone of calendar days in reasons and `loginDays`. */
  readonly zone: Zone;
  /** Accounts whose logins are not use (see `Logins.ActivityOptions`). */
  readonly serviceAccounts: ReadonlyArray<string | RegExp>;
  /** Most addresses listed in a reason. */
  readonly maxListed: number;
}

/**
 * The defaults, after Google's idle-VM recommender: CPU under 0.03 vCPU for 97% of a 14-day
 * window, and under 2000 B/s received and 1000 B/s sent for 95% of it.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaults: Omit<IdleOptions, "at"> = {
  windowMs: 14 * DAY,
  cpuVcpus: 0.03,
  cpuShare: 0.97,
  rxBytesPerSecond: 2000,
  txBytesPerSecond: 1000,
  netShare: 0.95,
  minCoverage: 0.9,
  minCaptureMs: 60_000,
  zone: UTC,
  serviceAccounts: [],
  maxListed: 5,
};

/**
 * Options as passed: `at` and any overrides of {@link defaults}.
 *
 * @since 0.1.0
 * @category models
 */
export type IdleOptionsInput = Partial<IdleOptions> & { readonly at: number };

/**
 * The evidence about one host. Every part is optional; missing parts are said in the reasons.
 * - `logins`: its login history (wtmp / `last` records, several files concatenated)
 * - `loginsBegin`: the `wtmp begins` time when known; `loginsCollectedAt`: when the history was
 *   read (file mtime): without it the history only reaches its latest record
 * - `traffic`: its capture summary; `peers`: its row of the fleet's peer comparison;
 *   `peerNotes`: the comparison's notes (weak baselines)
 * - `util`: utilisation samples (samples of other hosts are ignored)
 *
 * @since 0.1.0
 * @category models
 */
export interface IdleInput {
  readonly host: string;
  readonly logins?: ReadonlyArray<Login> | undefined;
  readonly loginsBegin?: number | null | undefined;
  readonly loginsCollectedAt?: number | null | undefined;
  readonly traffic?: TrafficSummary | undefined;
  readonly peers?: PeerReport | undefined;
  readonly peerNotes?: ReadonlyArray<string> | undefined;
  readonly util?: ReadonlyArray<UtilSample> | undefined;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const round = (x: number): string => (x >= 100 ? String(Math.round(x)) : String(Math.round(x * 10) / 10));
const duration = (ms: number): string => {
  if (ms >= DAY) {
    const d = Math.floor(ms / DAY);
    const h = Math.floor((ms - d * DAY) / 3_600_000);
    return h > 0 ? `${d} d ${h} h` : `${d} d`;
  }
  if (ms >= 3_600_000) return `${round(ms / 3_600_000)} h`;
  if (ms >= 60_000) return `${round(ms / 60_000)} min`;
  return `${round(ms / 1000)} s`;
};
const listed = (xs: ReadonlyArray<string>, max: number): string =>
  xs.length <= max ? xs.join(", ") : `${xs.slice(0, max).join(", ")} and ${xs.length - max} more`;

interface UtilResult {
  readonly coverage: number;
  readonly busy: boolean;
  readonly reasons: string[];
}

const judgeUtil = (
  host: string,
  samples: ReadonlyArray<UtilSample>,
  w: Window,
  o: Omit<IdleOptions, "at">,
): UtilResult => {
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
  const spans: [number, number][] = [];
  for (const s of samples) {
    if (s.host !== host) {
      foreign++;
      continue;
    }
    const a = Math.max(s.ts - s.intervalSeconds * 1000, w.start);
    const b = Math.min(s.ts, w.end);
    const d = b - a;
    if (!(d > 0)) continue;
    const cpu = s.cpuVcpus;
    if (cpu !== undefined && cpu !== null) {
      cpuT += d;
      cpuN++;
      if (cpu < o.cpuVcpus) cpuQ += d;
      spans.push([a, b]);
    }
    const rx = s.rxBytesPerSecond;
    if (rx !== undefined && rx !== null) {
      rxT += d;
      rxN++;
      if (rx < o.rxBytesPerSecond) rxQ += d;
    }
    const tx = s.txBytesPerSecond;
    if (tx !== undefined && tx !== null) {
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
  const reasons: string[] = [];
  let busy = false;
  const rule = (name: string, t: number, q: number, n: number, need: number): void => {
    if (n === 0) {
      reasons.push(`no ${name.split(" ")[0]} samples in the window`);
      return;
    }
    const share = q / t;
    const broken = share < need;
    if (broken) busy = true;
    reasons.push(
      `${name} for ${pct(share)} of the sampled time (${plural(n, "sample")}; rule: ${pct(need)})${broken ? ": busy" : ""}`,
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

/**
 * Judge whether one host is idle in the window `[at − windowMs, at)`. Pure and total (never
 * throws on odd data). See the module documentation for the rules and the score.
 *
 * Output fields: `host`, `verdict` (active | idle | insufficient-data), `score` (0..1, 1 = surely
 * idle), `lastLogin`, `loginDays`, `uncommonPeers`, `reasons` (the verdict first, then one
 * sentence per piece of evidence), `window`, `coverage` ({logins, traffic, utilisation}:
 * fractions of the window; utilisation null without samples).
 *
 * @example
 * ```ts
 * judgeIdle({ host: "vm1", logins, loginsCollectedAt: at }, { at })
 * // { host: "vm1", verdict: "idle", score: 0.7, lastLogin: …, loginDays: 0, uncommonPeers: [],
 * //   reasons: ["idle: no busy evidence; quiet evidence covers 100.0% of the window (need 90.0%)",
 * //             "no user login since 2024-11-19 (16 days); login history covers 2024-11-01..2024-12-05", …] }
 * ```
 * @since 0.1.0
 * @category analyses
 */
export const judgeIdle = (input: IdleInput, options: IdleOptionsInput): IdleVerdict => {
  const o: IdleOptions = { ...defaults, ...options };
  const w: Window = { start: o.at - o.windowMs, end: o.at };
  const day = (ms: number): string => dayKey(ms, o.zone);
  const reasons: string[] = [];
  const busy: string[] = [];

  // Logins.
  let la: LoginActivity | undefined;
  let cL = 0;
  let fLogin = 1;
  if (input.logins === undefined) reasons.push("no login history given");
  else {
    la = activity(input.logins, {
      window: w,
      zone: o.zone,
      serviceAccounts: o.serviceAccounts,
      begins: input.loginsBegin,
      collectedAt: input.loginsCollectedAt,
    });
    const cov = la.coverage;
    const covText =
      cov.start === null || cov.end === null
        ? "the login history is empty (give when it begins and when it was read)"
        : `login history covers ${day(cov.start)}..${day(cov.end)} (${pct(cov.fraction)} of the window)`;
    if (la.sessions > 0) {
      busy.push("user logins in the window");
      fLogin = 0.3 * 0.8 ** Math.max(0, la.loginDays - 1);
      reasons.push(
        `${plural(la.sessions, "user session")} on ${plural(la.loginDays, "day")} in the window (${listed(la.users, o.maxListed)}); last login ${la.lastLogin === null ? "before the history" : day(la.lastLogin)}`,
      );
    } else {
      cL = cov.fraction;
      reasons.push(
        la.lastLogin === null
          ? `no user login in the login history; ${covText}`
          : `no user login since ${day(la.lastLogin)} (${plural(Math.floor((o.at - la.lastLogin) / DAY), "day")}); ${covText}`,
      );
      if (cov.fraction < o.minCoverage)
        reasons.push(
          `login history covers only ${pct(cov.fraction)} of the window (need ${pct(o.minCoverage)})`,
        );
    }
    const ex = la.excluded;
    if (ex.service > 0)
      reasons.push(
        `ignored ${plural(ex.service, "service-account login")} (${listed(ex.serviceUsers, o.maxListed)})`,
      );
    if (ex.failed > 0) reasons.push(`ignored ${plural(ex.failed, "failed login attempt")}`);
  }

  // Peers.
  const uncommon = input.peers?.uncommonPeers ?? [];
  let fPeers = 1;
  if (input.peers !== undefined) {
    if (uncommon.length > 0) {
      busy.push(`${plural(uncommon.length, "uncommon peer")}`);
      fPeers = 0.4 * 0.8 ** (uncommon.length - 1);
      reasons.push(`talks to ${plural(uncommon.length, "uncommon peer")}: ${listed(uncommon, o.maxListed)}`);
    } else
      reasons.push(
        input.peers.commonPeers > 0
          ? `all ${plural(input.peers.commonPeers, "peer")} are common to the fleet or allow-listed`
          : "no peers other than special or own addresses",
      );
    for (const n of input.peerNotes ?? []) reasons.push(n);
  } else if (input.traffic !== undefined) reasons.push("peers not compared with a fleet baseline");

  // Capture volume.
  const t = input.traffic;
  let cT = 0;
  let fCapture = 1;
  if (t !== undefined) {
    if (t.selfAmbiguous.length > 0)
      reasons.push(
        `own address unknown: ${listed(t.selfAmbiguous, o.maxListed)} each take part in nearly every packet; give the host's address`,
      );
    if (t.first === null || t.last === null || t.spanMs < o.minCaptureMs) {
      reasons.push(
        t.first === null
          ? `capture has no timestamps (${plural(t.packets, "packet")}): traffic volume not judged`
          : `capture spans ${duration(t.spanMs)} (${plural(t.packets, "packet")}), too short to judge traffic volume (need ${duration(o.minCaptureMs)})`,
      );
    } else {
      const secs = t.spanMs / 1000;
      const where = `capture ${day(t.first)}..${day(t.last)} (${duration(t.spanMs)}, ${plural(t.packets, "packet")})`;
      let heavy: boolean;
      if (t.rxBytes !== null && t.txBytes !== null) {
        const rx = t.rxBytes / secs;
        const tx = t.txBytes / secs;
        heavy = rx >= o.rxBytesPerSecond || tx >= o.txBytesPerSecond;
        reasons.push(
          `${heavy ? "heavy traffic: " : ""}${where}: ${round(rx)} B/s received, ${round(tx)} B/s sent (rule: under ${o.rxBytesPerSecond} and ${o.txBytesPerSecond} B/s)`,
        );
      } else {
        const total = t.bytes / secs;
        const limit = o.rxBytesPerSecond + o.txBytesPerSecond;
        heavy = total >= limit;
        reasons.push(
          `${heavy ? "heavy traffic: " : ""}${where}: ${round(total)} B/s in total, own address unknown (rule: under ${limit} B/s)`,
        );
      }
      if (heavy) {
        busy.push("heavy capture traffic");
        fCapture = 0.5;
      } else if (uncommon.length === 0) cT = overlapFraction(w, t.first, t.last);
    }
  }

  // Utilisation.
  let cU = 0;
  let utilCoverage: number | null = null;
  let fUtil = 1;
  if (input.util !== undefined) {
    const u = judgeUtil(input.host, input.util, w, o);
    utilCoverage = u.coverage;
    reasons.push(...u.reasons);
    if (u.busy) {
      busy.push("utilisation above the idle rule");
      fUtil = 0.3;
    } else cU = u.coverage;
  }

  const quiet = 1 - (1 - 0.7 * cL) * (1 - 0.9 * cU) * (1 - 0.3 * cT);
  const raw = quiet * fLogin * fPeers * fUtil * fCapture;
  const score = Math.round(Math.min(1, Math.max(0, raw)) * 10_000) / 10_000;
  const best = Math.max(cL, cU);
  let verdict: IdleVerdict["verdict"];
  if (busy.length > 0) {
    verdict = "active";
    reasons.unshift(`active: ${busy.join(", ")}`);
  } else if (best >= o.minCoverage) {
    verdict = "idle";
    reasons.unshift(
      `idle: no busy evidence; quiet ${cL >= cU ? "login history" : "utilisation"} covers ${pct(best)} of the window (need ${pct(o.minCoverage)})`,
    );
  } else {
    verdict = "insufficient-data";
    reasons.unshift(
      `insufficient data: no busy evidence, but quiet logins cover ${pct(cL)} and utilisation ${pct(cU)} of the window (need ${pct(o.minCoverage)})`,
    );
  }
  return {
    host: input.host,
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
      utilisation: utilCoverage,
    },
  };
};

/**
 * Options of {@link judgeFleet}: the idle options plus the peer baseline's.
 *
 * @since 0.1.0
 * @category models
 */
export type FleetOptions = IdleOptionsInput & { readonly peers?: BaselineOptions | undefined };

/**
 * Judge a fleet: compare the peers of every host with a capture ({@link analyse}, hosts
 * named by `input.host`), then {@link judgeIdle} each host with its row and the baseline's notes.
 * An input's own `peers` row is used when the host has no capture. Verdicts in input order.
 *
 * @since 0.1.0
 * @category analyses
 */
export const judgeFleet = (
  inputs: ReadonlyArray<IdleInput>,
  options: FleetOptions,
): ReadonlyArray<IdleVerdict> => {
  const withTraffic = inputs.filter((i) => i.traffic !== undefined);
  const analysis = analyse(
    withTraffic.map((i) => ({ host: i.host, peers: i.traffic!.peers, self: i.traffic!.self })),
    options.peers,
  );
  const rows = new Map(analysis.reports.map((r) => [r.host, r]));
  return inputs.map((i) =>
    judgeIdle(
      i.traffic !== undefined
        ? { ...i, peers: rows.get(i.host), peerNotes: [...(i.peerNotes ?? []), ...analysis.notes] }
        : i,
      options,
    ),
  );
};

/**
 * The seed's `inactive-vm-prediction` file: the hosts judged `idle`, one per line (each line ends
 * with a newline; empty when none), in input order.
 *
 * @since 0.1.0
 * @category formatting
 */
export const seedInactivePrediction = (verdicts: ReadonlyArray<IdleVerdict>): string => {
  let out = "";
  for (const v of verdicts) if (v.verdict === "idle") out += `${v.host}\n`;
  return out;
};
