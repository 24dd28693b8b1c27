/**
 * Which client address each licence user's host had: the seed's "Cantor difference" done right.
 * The input is the seed's logwatch capture as ordered {@link LicenceSnapshot}s: after each
 * debug-log line, the set of client addresses connected to the licence port.
 *
 * The model (what the answers rely on, documented here once):
 * - A client host (the part after `@`) is connected to the licence port exactly while it holds
 *   at least one licence, with one address; distinct hosts have distinct addresses. Every user of
 *   a host shares its address, so the unit of inference is the host.
 * - Snapshot `j` is taken after event `j` and before event `j + 1`. Addresses of other clients
 *   (lmstat queries, monitoring, non-licence tools) may come and go at any time: noise.
 *
 * Constraints on a host's address `ip`, each a fact under the model:
 * - **holding**: after event `j`, every host holding a licence is connected: `ip ∈ S_j`.
 * - **new connection**: an OUT at `j` by a host that held nothing before it opened the
 *   connection: `ip ∈ S_j \ S_{j-1}` (one address there is the seed's unique answer).
 * - **drop**: an IN at `j` after which the host holds nothing closed it: `ip ∈ S_{j-1} \ S_j`
 *   ("an IN means the address was in the snapshot before it").
 * What a host holds is known from the events: OUT/IN paired per feature and user@host, a first
 * pass counting the INs of checkouts made before the capture began (so hosts holding at the start
 * are known), and server restarts ({@link restartScope}) ending what the daemon held. A checkout
 * held from before the capture to after it shows in no event: by default the capture is assumed
 * to have none (a host found connected with no new address is then a conflict, not an answer).
 * With `silentHolders: true` such hosts are allowed for: their address is in every snapshot
 * before the first restart, so those addresses (`always`) join the new-connection and drop sets
 * (before the first restart of lmgrd). Sound then too, but an address connected all along (the
 * server's own socket, a host holding a licence all day) stays a candidate of every host unless
 * elimination removes it.
 * The constraints of all a host's snapshots are intersected. Then **elimination** runs to a
 * fixpoint: an address that is certainly one host's (a single candidate) is removed from every
 * other host's candidates; a host left with one is `eliminated`.
 *
 * Answers: `unique` (its own evidence leaves one address, confidence 1), `eliminated` (one left
 * after removing addresses of other certain hosts; confidence the least of theirs, 1 in the
 * model), `ambiguous` (several left: confidence 1/|candidates|), `unknown` (no usable evidence:
 * confidence 0; or **conflicting evidence**: a snapshot contradicted the others, which the model
 * cannot produce (a NAT, a client that stays connected after its IN, a missed log line); then
 * `reason` says so, `candidates` are those agreeing with the other snapshots and confidence is
 * `0.5 × agreeing share / |candidates|`). Two hosts left certain of the same address keep their
 * status with confidence 0.5 and a reason. `evidence` is the number of snapshots that constrained
 * the host. With `assumeNewConnection: false` only the holding constraints are used: sound even
 * when clients keep their connection after their last IN, but weaker.
 *
 * Under the model a `unique` or `eliminated` answer is never wrong (tested as a property on
 * generated histories), and without noise every host with an OUT or a last IN is found.
 *
 * @since 0.1.0
 * @module
 */
import { daemonKey, restartScope } from "./Licence.js";
import { canonicalIp } from "./Net.js";
import { compareIp } from "./Peers.js";
import type { Attribution, AttributionStatus, LicenceSnapshot } from "./records/Licence.js";

/**
 * Options of {@link analyse}.
 *
 * @since 0.1.0
 * @category models
 */
export interface AttributionOptions {
  /** Use the new-connection and drop constraints (see the module documentation). Default true. */
  readonly assumeNewConnection?: boolean | undefined;
  /** Server restarts end what the daemon held. Default true. */
  readonly closeOnRestart?: boolean | undefined;
  /**
   * Allow for hosts holding a licence from before the capture to after it, which no event shows
   * (see the module documentation). Default false: the capture is assumed to show, by an OUT or
   * an IN, every checkout held during it.
   */
  readonly silentHolders?: boolean | undefined;
}

/**
 * An {@link Attribution} with a human-readable `reason` (null when nothing needs saying).
 *
 * @since 0.1.0
 * @category models
 */
export type AttributionRow = Attribution & { readonly reason: string | null };

/**
 * The result for one client host; {@link AttributionRow}s repeat it for each user of the host.
 *
 * @since 0.1.0
 * @category models
 */
export interface HostAttribution {
  readonly host: string;
  readonly users: ReadonlyArray<string>;
  readonly ip: string | null;
  readonly status: AttributionStatus;
  readonly confidence: number;
  readonly candidates: ReadonlyArray<string>;
  readonly evidence: number;
  readonly reason: string | null;
}

/**
 * What {@link analyse} returns: one row per user@host (first appearance order), one per host,
 * and counters: `snapshots`, `untimed` (kept: order is what matters), `preHeld` (checkouts made
 * before the capture, found by their INs), `restarts`, `conflicts` (hosts with conflicting
 * evidence).
 *
 * @since 0.1.0
 * @category models
 */
export interface AttributionReport {
  readonly attributions: ReadonlyArray<AttributionRow>;
  readonly hosts: ReadonlyArray<HostAttribution>;
  readonly stats: {
    readonly snapshots: number;
    readonly preHeld: number;
    readonly restarts: number;
    readonly conflicts: number;
  };
}

interface HostState {
  readonly host: string;
  readonly users: string[];
  held: number;
  /** Candidates agreeing with every applied constraint; null before the first. */
  cand: Set<string> | null;
  constraints: number;
  rejected: number;
  evidence: number;
  /** First snapshot of the current holding interval, or -1. */
  holdStart: number;
  status: AttributionStatus;
  confidence: number;
  reason: string | null;
}

const SEP = "\u0000";

/** Per daemon, per (feature, user, host) key: sessions held. */
class Holdings {
  readonly byDaemon = new Map<string, Map<string, number>>();
  get(d: string, k: string): number {
    return this.byDaemon.get(d)?.get(k) ?? 0;
  }
  set(d: string, k: string, n: number): void {
    let m = this.byDaemon.get(d);
    if (m === undefined) {
      m = new Map();
      this.byDaemon.set(d, m);
    }
    if (n === 0) m.delete(k);
    else m.set(k, n);
  }
  /** Remove what the scope held; calls `ended(key, n)` for each. */
  clear(scope: string, ended: (key: string, n: number) => void): void {
    for (const [d, m] of this.byDaemon) {
      if (scope !== "*" && d !== scope) continue;
      for (const [k, n] of m) ended(k, n);
      m.clear();
    }
  }
}

const hostOfKey = (k: string): string => k.slice(k.lastIndexOf(SEP) + 1);

/**
 * Attribute client addresses to licence hosts and users from ordered logwatch snapshots. See the
 * module documentation for the model, the constraints and what each status means.
 *
 * @example
 * ```ts
 * const r = analyse(snapshots);
 * r.attributions; // [{ user: "alice", host: "pc1", ip: "10.0.0.5", status: "unique", confidence: 1, candidates: ["10.0.0.5"], evidence: 4, reason: null }, ...]
 * ```
 * @since 0.1.0
 * @category analyses
 */
export const analyse = (
  snapshots: ReadonlyArray<LicenceSnapshot>,
  options: AttributionOptions = {},
): AttributionReport => {
  const useNew = options.assumeNewConnection ?? true;
  const closeOnRestart = options.closeOnRestart ?? true;

  const canon = new Map<string, string>();
  const canonical = (ip: string): string => {
    let c = canon.get(ip);
    if (c === undefined) {
      c = canonicalIp(ip.trim());
      canon.set(ip, c);
    }
    return c;
  };

  // Pass 1: checkouts held before the capture began, per key (their IN has no OUT before it);
  // the addresses present in every snapshot before the first restart (`always`): where a host
  // holding a licence from before the capture to its end (no event tells) must be; and the first
  // restart of every daemon, after which no such silent holding remains.
  let always: Set<string> | null = null;
  let silentUntil = Number.POSITIVE_INFINITY;
  const pre = new Holdings();
  const preHeld = new Map<string, { d: string; n: number }>();
  {
    const h = new Holdings();
    const restarted = new Set<string>();
    for (let j = 0; j < snapshots.length; j++) {
      const s = snapshots[j]!;
      const e = s.event;
      const usage = e !== null && (e.event === "OUT" || e.event === "IN");
      const scope = e !== null && !usage && closeOnRestart ? restartScope(e) : null;
      if (scope !== null) {
        restarted.add(scope);
        if (scope === "*" && silentUntil > j) silentUntil = j;
        h.clear(scope, () => {});
      }
      // Snapshot j follows event j: a restart's own snapshot is already after it.
      if (restarted.size === 0) {
        if (always === null) always = new Set(s.clients.map(canonical));
        else if (always.size > 0) {
          const cur = new Set(s.clients.map(canonical));
          for (const ip of always) if (!cur.has(ip)) always.delete(ip);
        }
      }
      if (!usage || e.feature === null || e.user === null || e.host === null) continue;
      const d = daemonKey(e.daemon);
      const k = e.feature + SEP + e.user + SEP + e.host;
      const n = h.get(d, k);
      if (e.event === "OUT") h.set(d, k, n + 1);
      else if (n > 0) h.set(d, k, n - 1);
      else if (!restarted.has(d) && !restarted.has("*")) {
        const p = preHeld.get(d + SEP + k);
        if (p === undefined) preHeld.set(d + SEP + k, { d, n: 1 });
        else p.n++;
      }
    }
  }

  const hosts = new Map<string, HostState>();
  const userOrder: Array<{ user: string; host: HostState }> = [];
  const seenUser = new Set<string>();
  const hostState = (host: string): HostState => {
    let st = hosts.get(host);
    if (st === undefined) {
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
        reason: null,
      };
      hosts.set(host, st);
    }
    return st;
  };
  const noteUser = (user: string, st: HostState): void => {
    const k = user + SEP + st.host;
    if (seenUser.has(k)) return;
    seenUser.add(k);
    st.users.push(user);
    userOrder.push({ user, host: st });
  };

  const holding = new Set<HostState>();
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

  const silent: ReadonlyArray<string> = options.silentHolders ? [...(always ?? [])] : [];

  /** Intersect a host's candidates with `set`, one constraint. */
  const constrain = (st: HostState, has: ReadonlySet<string>): void => {
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
    if (keep < st.cand.size) for (const ip of [...st.cand]) if (!has.has(ip)) st.cand.delete(ip);
  };

  // The holding rule, applied once per holding interval: the addresses present in every snapshot
  // of [holdStart, last] are those whose current presence run (`since`) began by holdStart. This
  // keeps the work per snapshot independent of how many hosts hold a licence.
  const since = new Map<string, number>();
  const flush = (st: HostState, last: number): void => {
    const first = st.holdStart;
    st.holdStart = -1;
    if (first < 0 || last < first) return;
    st.evidence += last - first + 1;
    const ok = new Set<string>();
    if (st.cand === null) {
      for (const [ip, from] of since) if (from <= first) ok.add(ip);
    } else for (const ip of st.cand) if ((since.get(ip) ?? Number.POSITIVE_INFINITY) <= first) ok.add(ip);
    if (st.cand === null || ok.size > 0) constrain(st, ok);
    else {
      st.constraints++;
      st.rejected++;
    }
  };

  let prev: Set<string> = new Set();
  let restarts = 0;
  for (let j = 0; j < snapshots.length; j++) {
    const snap = snapshots[j]!;
    const cur = new Set<string>();
    for (const ip of snap.clients) cur.add(canonical(ip));
    const e = snap.event;
    if (e !== null) {
      if (
        (e.event === "OUT" || e.event === "IN") &&
        e.feature !== null &&
        e.user !== null &&
        e.host !== null
      ) {
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
              const fresh = new Set<string>(j < silentUntil ? silent : []);
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
              const gone = new Set<string>(j < silentUntil ? silent : []);
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
            if (st === undefined || st.held === 0) return;
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
    // Presence runs as of snapshot j.
    for (const ip of prev) if (!cur.has(ip)) since.delete(ip);
    for (const ip of cur) if (!since.has(ip)) since.set(ip, j);
    prev = cur;
  }
  for (const st of holding) flush(st, snapshots.length - 1);

  // Statuses from each host's own evidence.
  let conflicts = 0;
  for (const st of hosts.values()) {
    const n = st.cand?.size ?? 0;
    if (st.rejected > 0) {
      conflicts++;
      st.status = "unknown";
      const agree = st.constraints - st.rejected;
      st.confidence = n > 0 && st.constraints > 0 ? (0.5 * agree) / st.constraints / n : 0;
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

  // Elimination to a fixpoint: addresses certainly owned by one host leave the others' candidates.
  const owners = new Map<string, HostState[]>();
  const holders = new Map<string, HostState[]>();
  const queue: string[] = [];
  const own = (ip: string, st: HostState): void => {
    const o = owners.get(ip);
    if (o === undefined) {
      owners.set(ip, [st]);
      queue.push(ip);
    } else o.push(st);
  };
  for (const st of hosts.values()) {
    if (st.status === "unique") own([...st.cand!][0]!, st);
    else if (st.status === "ambiguous")
      for (const ip of st.cand!) {
        const h = holders.get(ip);
        if (h === undefined) holders.set(ip, [st]);
        else h.push(st);
      }
  }
  const minConf = new Map<HostState, number>();
  while (queue.length > 0) {
    const ip = queue.shift()!;
    const o = owners.get(ip)!;
    const conf = Math.min(...o.map((s) => s.confidence));
    for (const st of holders.get(ip) ?? []) {
      if (st.status !== "ambiguous" || !st.cand!.has(ip)) continue;
      st.cand!.delete(ip);
      minConf.set(st, Math.min(minConf.get(st) ?? 1, conf));
      if (st.cand!.size === 1) {
        st.status = "eliminated";
        st.confidence = minConf.get(st)!;
        st.reason = null;
        own([...st.cand!][0]!, st);
      } else if (st.cand!.size === 0) {
        st.status = "unknown";
        st.confidence = 0;
        st.reason = "conflicting evidence: every candidate is certainly another host's address";
        conflicts++;
      } else st.confidence = 1 / st.cand!.size;
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

  const hostRows: HostAttribution[] = [];
  const byHost = new Map<HostState, HostAttribution>();
  for (const st of hosts.values()) {
    const candidates = st.cand === null ? [] : [...st.cand].sort(compareIp);
    const certain = st.status === "unique" || st.status === "eliminated";
    const row: HostAttribution = {
      host: st.host,
      users: [...st.users],
      ip: certain ? candidates[0]! : null,
      status: st.status,
      confidence: st.confidence,
      candidates,
      evidence: st.evidence,
      reason: st.reason,
    };
    hostRows.push(row);
    byHost.set(st, row);
  }
  const attributions: AttributionRow[] = userOrder.map(({ user, host }) => {
    const h = byHost.get(host)!;
    return {
      user,
      host: h.host,
      ip: h.ip,
      status: h.status,
      confidence: h.confidence,
      candidates: h.candidates,
      evidence: h.evidence,
      reason: h.reason,
    };
  });
  return {
    attributions,
    hosts: hostRows,
    stats: { snapshots: snapshots.length, preHeld: preTotal, restarts, conflicts },
  };
};

/**
 * The `license attribute` rows: {@link analyse}'s attributions.
 *
 * @since 0.1.0
 * @category analyses
 */
export const attribute = (
  snapshots: ReadonlyArray<LicenceSnapshot>,
  options?: AttributionOptions,
): ReadonlyArray<AttributionRow> => analyse(snapshots, options).attributions;
