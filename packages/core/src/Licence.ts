/**
 * Licence usage from a FlexLM debug log. {@link LicenceUsage} is an incremental accumulator: feed
 * it the log's {@link LicenceEvent}s in order and read {@link LicenceUsage.result} at any time.
 * Memory is the open sessions plus one small record per feature, per user@host and per denied
 * (feature, user@host); the session and denial lists are kept only when asked (default yes).
 *
 * Decisions (documented here once):
 * - **Pairing.** An OUT opens a session under the key (feature, user, host). An IN closes one
 *   open session of its key: the one with the same `handle` when both carry one (verbose logs),
 *   else the oldest one with the same licence `count`, else the oldest one (FIFO). An IN with no
 *   open session of its key (checked out before the log began, or a lost OUT line) is counted
 *   (`unmatchedIn`, per user too) and changes nothing else.
 * - **Counts.** A session holds `count` licences (`(N licenses)`, default 1): in-use totals and
 *   peaks count licences; session counts and connection times count sessions.
 * - **Server restarts** end the sessions the restarted daemon held, at the restart's time
 *   (`endReason: "server"`), see {@link restartScope}: lmgrd's start banner, `EXITING` or
 *   `Lost quorum` end every session; a vendor daemon's `Server started on`, `EXITING`,
 *   `Lost connection`, `Shutting down`, and lmgrd's `Started <vendor>` / `Shutting down <vendor>`
 *   end that vendor's sessions (forked daemon suffixes `_N` and case are ignored). lmgrd's own
 *   `Lost connection to <host>` (a redundant peer) ends nothing.
 * - **Open sessions** at the end are reported with `open: true`, `end`/`durationSeconds` null;
 *   for per-user times they count up to the report instant (the last event's time unless given).
 * - **Per-user connection time**, per user@host, three ways: `spanSeconds` is the seed's
 *   first-OUT to last-IN span (to the report instant when a session is still open); `seconds` is
 *   the exact sum of session durations (overlapping checkouts count twice: two features held for
 *   an hour are 2 h); `unionSeconds` is the length of the union of the session intervals (time
 *   holding at least one licence: overlaps count once). Always `unionSeconds <= seconds` and
 *   `unionSeconds <= spanSeconds`; the sum may exceed the span.
 * - **Peak** per feature is the largest number of licences in use after any event, with the time
 *   it was first reached. At equal timestamps the log's order is kept, so the peak is never below
 *   the use at any instant (sessions as half-open intervals `[start, end)`).
 * - **Denials** are DENIED events, per feature and per (feature, user@host) with their reasons;
 *   UNSUPPORTED and QUEUED are counted per feature apart.
 * - **Issued counts** come from `lmstat` feature records ({@link issuedFromLmstat}) or the licence
 *   file ({@link issuedFromLicenceFile}); `null` means uncounted (unlimited); a feature absent
 *   from both has `issued: null` and `utilisation: null`.
 * - Events without a time (`ts` null) cannot be placed: counted in `untimed` and skipped. Times
 *   going backwards are kept in order; durations are clamped at 0 and counted in `outOfOrder`.
 *
 * @since 0.1.0
 * @module
 */
import type { LicenceEvent, LicenceFileLine, LicenceSession, LmstatRecord } from "./records/Licence.js";

/**
 * Issued licence counts per feature: a number, or `null` for uncounted (unlimited).
 *
 * @since 0.1.0
 * @category models
 */
export type IssuedCounts = ReadonlyMap<string, number | null>;

/**
 * Options of {@link LicenceUsage}.
 *
 * @since 0.1.0
 * @category models
 */
export interface UsageOptions {
  /** Issued counts per feature (see {@link issuedFromLmstat}, {@link issuedFromLicenceFile}, {@link mergeIssued}). */
  readonly issued?: IssuedCounts | Readonly<Record<string, number | null>> | undefined;
  /** End sessions on server restarts ({@link restartScope}). Default true. */
  readonly closeOnRestart?: boolean | undefined;
  /** Keep the closed sessions for {@link UsageReport.sessions}. Default true (false bounds memory). */
  readonly keepSessions?: boolean | undefined;
  /** Keep the DENIED events for {@link UsageReport.denials}. Default true (false bounds memory). */
  readonly keepDenials?: boolean | undefined;
  /** Called with every session as it closes (by an IN or a restart). */
  readonly onSession?: ((s: UsageSession) => void) | undefined;
}

/**
 * A {@link LicenceSession} with why it ended: `in` (its IN), `server` (a restart ended it), or
 * absent while open.
 *
 * @since 0.1.0
 * @category models
 */
export type UsageSession = LicenceSession & { readonly endReason?: "in" | "server" };

/**
 * Per-feature usage (`license usage` `features[]`). `issued` null when unknown or uncounted
 * (`uncounted` tells which); `peak` in licences, `peakAt` epoch ms (null when never used);
 * `sessions` checkouts seen; `denials` DENIED events; `inUse` licences held at the end;
 * `licenceSeconds` the sum of count × duration (open sessions to the report instant);
 * `utilisation` peak / issued (null without a positive issued count).
 *
 * @since 0.1.0
 * @category models
 */
export interface FeatureUsage {
  readonly feature: string;
  readonly issued: number | null;
  readonly uncounted: boolean;
  readonly peak: number;
  readonly peakAt: number | null;
  readonly sessions: number;
  readonly openSessions: number;
  readonly denials: number;
  readonly unsupported: number;
  readonly queued: number;
  readonly inUse: number;
  readonly licenceSeconds: number;
  readonly utilisation: number | null;
}

/**
 * Per user@host usage (`license usage` `users[]`). `seconds` is the exact sum of session
 * durations, `unionSeconds` the time holding at least one licence, `spanSeconds` the seed's
 * first-OUT to last-IN span (null without an OUT); open sessions count to the report instant.
 * `firstOut`/`lastIn` epoch ms or null.
 *
 * @since 0.1.0
 * @category models
 */
export interface UserUsage {
  readonly user: string;
  readonly host: string;
  readonly seconds: number;
  readonly sessions: number;
  readonly openSessions: number;
  readonly unionSeconds: number;
  readonly spanSeconds: number | null;
  readonly firstOut: number | null;
  readonly lastIn: number | null;
  readonly denials: number;
  readonly unmatchedIn: number;
}

/**
 * Denials of one feature to one user@host, with how often each reason was given.
 *
 * @since 0.1.0
 * @category models
 */
export interface DenialSummary {
  readonly feature: string;
  readonly user: string;
  readonly host: string;
  readonly count: number;
  readonly reasons: ReadonlyArray<{ readonly reason: string; readonly count: number }>;
}

/**
 * Counters about the input: `events` fed, `untimed` (no `ts`, skipped), `unmatchedIn`,
 * `restarts` (events that ended sessions or could have), `closedByRestart`, `outOfOrder` (times
 * going backwards), `countMismatch` (an IN whose count differs from the session it closed).
 *
 * @since 0.1.0
 * @category models
 */
export interface UsageStats {
  readonly events: number;
  readonly untimed: number;
  readonly unmatchedIn: number;
  readonly restarts: number;
  readonly closedByRestart: number;
  readonly outOfOrder: number;
  readonly countMismatch: number;
}

/**
 * The `license usage` result: DESIGN.md §3's `{features, users, sessions, denials}` plus
 * `denialsByUser`, `stats`, and the time range `from`/`to` (epoch ms, null when no timed event).
 * Sessions are sorted by start (ties keep log order); features by name; users by user then host.
 *
 * @since 0.1.0
 * @category models
 */
export interface UsageReport {
  readonly features: ReadonlyArray<FeatureUsage>;
  readonly users: ReadonlyArray<UserUsage>;
  readonly sessions: ReadonlyArray<UsageSession>;
  readonly denials: ReadonlyArray<LicenceEvent>;
  readonly denialsByUser: ReadonlyArray<DenialSummary>;
  readonly stats: UsageStats;
  readonly from: number | null;
  readonly to: number | null;
}

interface Open {
  readonly feature: string;
  readonly user: string;
  readonly host: string;
  readonly start: number;
  readonly count: number;
  readonly daemon: string;
  readonly handle: string | null;
  readonly seq: number;
  readonly userAcc: UserAcc;
  readonly featAcc: FeatAcc;
}

interface FeatAcc {
  feature: string;
  inUse: number;
  peak: number;
  peakAt: number | null;
  sessions: number;
  open: number;
  denials: number;
  unsupported: number;
  queued: number;
  /** Closed sessions' count × ms. */
  licenceMs: number;
  /** Open sessions: Σ count, Σ count × start (for the open part at any instant). */
  openCountStart: number;
}

interface UserAcc {
  user: string;
  host: string;
  sessions: number;
  open: number;
  closedMs: number;
  openStartSum: number;
  unionMs: number;
  coverStart: number;
  /** Σ durations of the sessions closed in the current cover (bounds the union when times go backwards). */
  coverSumMs: number;
  firstOut: number | null;
  lastIn: number | null;
  denials: number;
  unmatchedIn: number;
  /** This user@host's open sessions by feature (oldest first; emptied queues are kept). */
  openBy: Map<string, Open[]>;
  /** This user@host's denials by feature. */
  deniedBy: Map<string, DenialAcc> | null;
}

interface DenialAcc {
  feature: string;
  user: string;
  host: string;
  count: number;
  reasons: Map<string, number>;
}

/**
 * Normalise a daemon name for comparing: forked-daemon suffix `_N` dropped, lower case.
 *
 * @since 0.1.0
 * @category utils
 */
export const daemonKey = (daemon: string): string => daemon.replace(/_\d+$/, "").toLowerCase();

const LMGRD = "lmgrd";

/**
 * Which sessions a SERVER/OTHER event ends: `"*"` for all (lmgrd started, exiting or lost its
 * quorum), a daemon key ({@link daemonKey}) for one vendor daemon, or null for none. The rules
 * are in the module documentation.
 *
 * @example
 * ```ts
 * restartScope({ daemon: "lmgrd", event: "SERVER", message: "FlexNet Licensing (v11.14.1.2 build 208719 x64_lsb) started on srv (linux) (7/17/2019)", ... }) // "*"
 * restartScope({ daemon: "MLM", event: "OTHER", message: "Lost connection to srv", ... }) // "mlm"
 * ```
 * @since 0.1.0
 * @category predicates
 */
export const restartScope = (e: LicenceEvent): string | null => {
  if (e.event !== "SERVER" && e.event !== "OTHER") return null;
  const text = e.message ?? e.reason ?? "";
  if (text === "") return null;
  const d = daemonKey(e.daemon);
  if (d === LMGRD) {
    const m = /^(?:Started|Shutting down|REStarted)\s+([A-Za-z0-9_.-]+)/.exec(text.trim());
    if (m !== null) return daemonKey(m[1]!);
    if (/\bstarted on\b/i.test(text) || /\bEXITING\b/.test(text) || /\bLost quorum\b/i.test(text)) return "*";
    return null;
  }
  if (
    /\bstarted on\b/i.test(text) ||
    /\bEXITING\b/.test(text) ||
    /\bLost connection\b/i.test(text) ||
    /\bShutting down\b/i.test(text) ||
    /\bLost quorum\b/i.test(text)
  )
    return d;
  return null;
};

const toMap = (
  issued: IssuedCounts | Readonly<Record<string, number | null>> | undefined,
): Map<string, number | null> => {
  if (issued === undefined) return new Map();
  if (issued instanceof Map) return new Map(issued as IssuedCounts);
  return new Map(Object.entries(issued as Record<string, number | null>));
};

/**
 * An incremental licence-usage accumulator over one FlexLM debug log (or several logs of one
 * server, merged in time order). See the module documentation for the rules.
 *
 * @example
 * ```ts
 * const u = new LicenceUsage({ issued: { MATLAB: 10 } });
 * for (const e of events) u.add(e);
 * u.result().features; // [{ feature: "MATLAB", issued: 10, peak: 3, peakAt: ..., ... }]
 * ```
 * @since 0.1.0
 * @category accumulators
 */
export class LicenceUsage {
  private readonly issued: Map<string, number | null>;
  private readonly closeOnRestart: boolean;
  private readonly keepSessions: boolean;
  private readonly keepDenials: boolean;
  private readonly onSession: ((s: UsageSession) => void) | undefined;
  private readonly features = new Map<string, FeatAcc>();
  /** user -> host -> accumulator (two levels: no joined key to build per event). */
  private readonly users = new Map<string, Map<string, UserAcc>>();
  /** In first-seen order, for the report. */
  private readonly userList: UserAcc[] = [];
  private openTotal = 0;
  private readonly closed: Array<UsageSession & { readonly seq: number }> = [];
  private readonly denied: LicenceEvent[] = [];
  private seq = 0;
  private events = 0;
  private untimed = 0;
  private unmatchedIn = 0;
  private restarts = 0;
  private closedByRestart = 0;
  private outOfOrder = 0;
  private countMismatch = 0;
  private first: number | null = null;
  /** Sums of start times are kept relative to the first timed event, so they stay exact. */
  private base: number | null = null;
  private last: number | null = null;

  constructor(options: UsageOptions = {}) {
    this.issued = toMap(options.issued);
    this.closeOnRestart = options.closeOnRestart ?? true;
    this.keepSessions = options.keepSessions ?? true;
    this.keepDenials = options.keepDenials ?? true;
    this.onSession = options.onSession;
  }

  /** Set or replace issued counts (e.g. once lmstat output is read). @since 0.1.0 */
  setIssued(issued: IssuedCounts | Readonly<Record<string, number | null>>): void {
    for (const [k, v] of toMap(issued)) this.issued.set(k, v);
  }

  private feature(name: string): FeatAcc {
    let f = this.features.get(name);
    if (f === undefined) {
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
        openCountStart: 0,
      };
      this.features.set(name, f);
    }
    return f;
  }

  private userAcc(user: string, host: string): UserAcc {
    let byHost = this.users.get(user);
    if (byHost === undefined) {
      byHost = new Map();
      this.users.set(user, byHost);
    }
    let u = byHost.get(host);
    if (u === undefined) {
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
        openBy: new Map(),
        deniedBy: null,
      };
      byHost.set(host, u);
      this.userList.push(u);
    }
    return u;
  }

  /** Add one event (in log order). Never throws. @since 0.1.0 */
  add(e: LicenceEvent): void {
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

  private out(e: LicenceEvent, ts: number, feature: string, user: string, host: string): void {
    const count = e.count > 0 ? e.count : 1;
    const f = this.feature(feature);
    const u = this.userAcc(user, host);
    const s: Open = {
      feature,
      user,
      host,
      start: ts,
      count,
      daemon: e.daemon,
      handle: e.handle ?? null,
      seq: this.seq++,
      userAcc: u,
      featAcc: f,
    };
    const q = u.openBy.get(feature);
    if (q === undefined) u.openBy.set(feature, [s]);
    else q.push(s);
    this.openTotal++;
    f.sessions++;
    f.open++;
    f.inUse += count;
    f.openCountStart += count * (ts - this.base!);
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
    u.openStartSum += ts - this.base!;
    if (u.firstOut === null || ts < u.firstOut) u.firstOut = ts;
  }

  private in(e: LicenceEvent, ts: number, feature: string, user: string, host: string): void {
    const u = this.userAcc(user, host);
    const q = u.openBy.get(feature);
    if (q === undefined || q.length === 0) {
      this.unmatchedIn++;
      u.unmatchedIn++;
      this.feature(feature);
      return;
    }
    let idx = -1;
    const h = e.handle ?? null;
    if (h !== null) for (let i = 0; i < q.length && idx < 0; i++) if (q[i]!.handle === h) idx = i;
    if (idx < 0) {
      const c = e.count > 0 ? e.count : 1;
      for (let i = 0; i < q.length && idx < 0; i++) if (q[i]!.count === c) idx = i;
    }
    if (idx < 0) {
      idx = 0;
      this.countMismatch++;
    }
    const s = idx === 0 ? q.shift()! : q.splice(idx, 1)[0]!;
    // An emptied queue stays in the map: deleting and re-adding the key on every session would
    // churn the small map's table (garbage in old space, measured: +20 MB peak RSS on 1M lines).
    this.close(s, ts, "in");
  }

  private close(s: Open, ts: number, why: "in" | "server"): void {
    const f = s.featAcc;
    const u = s.userAcc;
    const end = Math.max(ts, s.start);
    const ms = end - s.start;
    f.open--;
    f.inUse -= s.count;
    f.openCountStart -= s.count * (s.start - this.base!);
    f.licenceMs += s.count * ms;
    u.open--;
    u.openStartSum -= s.start - this.base!;
    u.closedMs += ms;
    u.coverSumMs += ms;
    if (u.open === 0) u.unionMs += Math.min(Math.max(0, end - u.coverStart), u.coverSumMs);
    if (u.lastIn === null || end > u.lastIn) u.lastIn = end;
    this.openTotal--;
    if (!this.keepSessions && this.onSession === undefined) return;
    const session: UsageSession = {
      feature: s.feature,
      user: s.user,
      host: s.host,
      start: s.start,
      end,
      durationSeconds: ms / 1000,
      open: false,
      count: s.count,
      daemon: s.daemon,
      handle: s.handle,
      endReason: why,
    };
    if (this.keepSessions) this.closed.push({ ...session, seq: s.seq });
    this.onSession?.(session);
  }

  private restart(scope: string, ts: number): void {
    const ended: Open[] = [];
    if (this.openTotal === 0) return;
    for (const u of this.userList) {
      if (u.open === 0) continue;
      for (const [k, q] of u.openBy) {
        const keep: Open[] = [];
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

  private deny(e: LicenceEvent): void {
    if (this.keepDenials) this.denied.push(e);
    if (e.feature === null) return;
    this.feature(e.feature).denials++;
    if (e.user === null || e.host === null) return;
    const u = this.userAcc(e.user, e.host);
    u.denials++;
    if (u.deniedBy === null) u.deniedBy = new Map();
    let d = u.deniedBy.get(e.feature);
    if (d === undefined) {
      d = { feature: e.feature, user: e.user, host: e.host, count: 0, reasons: new Map() };
      u.deniedBy.set(e.feature, d);
    }
    d.count++;
    const r = e.reason ?? "";
    d.reasons.set(r, (d.reasons.get(r) ?? 0) + 1);
  }

  /** Sessions open now. @since 0.1.0 */
  get openSessions(): number {
    return this.openTotal;
  }

  /**
   * The report so far; does not change the accumulator (call it any time). Open sessions and
   * per-user times are measured up to `at` (epoch ms; default the latest event time).
   *
   * @since 0.1.0
   */
  result(at?: number): UsageReport {
    const now = at ?? this.last ?? 0;
    const rel = now - (this.base ?? 0);
    const features: FeatureUsage[] = [];
    const names = new Set<string>([...this.features.keys(), ...this.issued.keys()]);
    for (const name of [...names].sort(cmp)) {
      const f = this.features.get(name);
      const has = this.issued.has(name);
      const issued = has ? (this.issued.get(name) ?? null) : null;
      const peak = f?.peak ?? 0;
      const openMs = f === undefined ? 0 : Math.max(0, f.inUse * rel - f.openCountStart);
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
        licenceSeconds: ((f?.licenceMs ?? 0) + openMs) / 1000,
        utilisation: issued !== null && issued > 0 ? peak / issued : null,
      });
    }
    const users: UserUsage[] = [];
    for (const u of this.userList) {
      const openMs = Math.max(0, u.open * rel - u.openStartSum);
      const unionMs =
        u.unionMs + (u.open > 0 ? Math.min(Math.max(0, now - u.coverStart), u.coverSumMs + openMs) : 0);
      const lastEnd = u.open > 0 ? Math.max(now, u.lastIn ?? now) : u.lastIn;
      users.push({
        user: u.user,
        host: u.host,
        seconds: (u.closedMs + openMs) / 1000,
        sessions: u.sessions,
        openSessions: u.open,
        unionSeconds: unionMs / 1000,
        spanSeconds:
          u.firstOut === null || lastEnd === null ? null : Math.max(0, lastEnd - u.firstOut) / 1000,
        firstOut: u.firstOut,
        lastIn: u.lastIn,
        denials: u.denials,
        unmatchedIn: u.unmatchedIn,
      });
    }
    users.sort((a, b) => cmp(a.user, b.user) || cmp(a.host, b.host));
    const opened: Array<UsageSession & { seq: number }> = [];
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
            seq: s.seq,
          });
    const all = [...this.closed, ...opened];
    all.sort((a, b) => a.start - b.start || a.seq - b.seq);
    const sessions: UsageSession[] = all.map(({ seq: _seq, ...s }) => s);
    const denialAccs: DenialAcc[] = [];
    for (const u of this.userList) if (u.deniedBy !== null) denialAccs.push(...u.deniedBy.values());
    const denialsByUser: DenialSummary[] = denialAccs
      .map((d) => ({
        feature: d.feature,
        user: d.user,
        host: d.host,
        count: d.count,
        reasons: [...d.reasons]
          .map(([reason, count]) => ({ reason, count }))
          .sort((a, b) => b.count - a.count || cmp(a.reason, b.reason)),
      }))
      .sort((a, b) => cmp(a.feature, b.feature) || cmp(a.user, b.user) || cmp(a.host, b.host));
    return {
      features,
      users,
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
        countMismatch: this.countMismatch,
      },
      from: this.first,
      to: this.last,
    };
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Usage of a whole event sequence in one call (see {@link LicenceUsage}).
 *
 * @since 0.1.0
 * @category analyses
 */
export const usage = (events: Iterable<LicenceEvent>, options?: UsageOptions, at?: number): UsageReport => {
  const u = new LicenceUsage(options);
  for (const e of events) u.add(e);
  return u.result(at);
};

/**
 * Issued counts from `lmstat -a` feature records: `Total of N licenses issued` per feature
 * (`null` when uncounted). A feature listed more than once (several servers) takes the largest.
 *
 * @since 0.1.0
 * @category constructors
 */
export const issuedFromLmstat = (records: Iterable<LmstatRecord>): Map<string, number | null> => {
  const out = new Map<string, number | null>();
  for (const r of records) {
    if (r.type !== "feature") continue;
    const prev = out.get(r.feature);
    if (!out.has(r.feature) || r.issued === null) out.set(r.feature, r.issued);
    else if (prev !== null && prev !== undefined && r.issued > prev) out.set(r.feature, r.issued);
  }
  return out;
};

/**
 * Issued counts from licence-file lines: per feature, the first FEATURE line's count plus the
 * count of every INCREMENT line ("first FEATURE line wins, INCREMENT lines add"); a later FEATURE
 * line of the same feature is ignored. An uncounted line (`count` null) makes the feature
 * uncounted (`null`). UPGRADE lines change no count. With `at` (epoch ms), lines expired before
 * it (`expires` `YYYY-MM-DD` earlier than `at`'s UTC date) do not count.
 *
 * @since 0.1.0
 * @category constructors
 */
export const issuedFromLicenceFile = (
  lines: Iterable<LicenceFileLine>,
  at?: number,
): Map<string, number | null> => {
  const out = new Map<string, number | null>();
  const seenFeature = new Set<string>();
  const day = at === undefined ? null : new Date(at).toISOString().slice(0, 10);
  for (const l of lines) {
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

/**
 * Merge issued counts: for each feature the first source that has it wins (pass lmstat's first:
 * it is what the server serves).
 *
 * @since 0.1.0
 * @category combinators
 */
export const mergeIssued = (...sources: ReadonlyArray<IssuedCounts>): Map<string, number | null> => {
  const out = new Map<string, number | null>();
  for (const s of sources) for (const [k, v] of s) if (!out.has(k)) out.set(k, v);
  return out;
};
