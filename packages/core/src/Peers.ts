/**
 * Who a host talks to. {@link HostTraffic} accumulates a capture packet by packet (bounded memory:
 * one small record per distinct address, never the packets) into per-peer totals; {@link analyse}
 * and {@link uncommonPeers} compare the peers of a fleet and report, per host, the peers that are
 * not common to the fleet: the inactive-VM checker's `diff-ip-vm`, generalised.
 *
 * Decisions (documented here once):
 * - **Own addresses are never peers.** They are given (`self`, the seed's first line of
 *   `{host}-TCPDUMP`, a `--self` flag) and, for an address family with none given, inferred: an
 *   address that is an endpoint of at least `selfShare` (default 90%) of the IPv4 (or IPv6)
 *   packets of a capture of at least `selfMinPackets` (default 20) such packets. When two
 *   addresses qualify (a capture holding one conversation only) the inference is ambiguous: no
 *   address is taken as own and {@link TrafficSummary.selfAmbiguous} lists the candidates.
 *   Multicast, broadcast and unspecified addresses are never inferred as own.
 * - **ARP is not traffic with a peer.** ARP packets (whose addresses are the ARP protocol
 *   addresses) only resolve neighbours; a gateway or a scanner would make every host "talk" to
 *   them. They are counted (`arpPackets`) and otherwise ignored unless `includeArp` is set.
 * - **Bytes** are `wireLength` when the record has it (pcap), else `length` (tcpdump's payload
 *   length).
 * - **Special addresses** (unspecified `0.0.0.0/8` and `::`, loopback, link-local `169.254/16` and
 *   `fe80::/10`, multicast `224/4` and `ff00::/8`, broadcast `255.255.255.255`) say nothing about
 *   use: with `excludeSpecial` (default on) the baseline drops them (neither common nor uncommon).
 *   A subnet's directed broadcast (`192.168.1.255`) cannot be recognised without the netmask:
 *   allow-list it.
 *
 * @since 0.1.0
 * @module
 */
import { type Cidr, canonicalIp, cidrContains, parseCidr, parseIpv4, parseIpv6 } from "./Net.js";
import type { PeerReport } from "./records/Idle.js";
import type { Packet } from "./records/Packet.js";

/**
 * Totals for one address seen in a capture. `bytesFrom` counts packets the address sent,
 * `bytesTo` packets it received. `first`/`last` are null when no packet had a time.
 *
 * @since 0.1.0
 * @category models
 */
export interface PeerStats {
  readonly ip: string;
  readonly packets: number;
  readonly bytes: number;
  readonly bytesFrom: number;
  readonly bytesTo: number;
  readonly first: number | null;
  readonly last: number | null;
}

/**
 * Options of {@link HostTraffic}.
 *
 * @since 0.1.0
 * @category models
 */
export interface TrafficOptions {
  /** The host's own addresses (any text form; canonicalised). Default none. */
  readonly self?: Iterable<string> | undefined;
  /** Infer an own address for each family (IPv4, IPv6) with none given. Default true. */
  readonly inferSelf?: boolean | undefined;
  /** Share of a family's packets an own address must be an endpoint of. Default 0.9. */
  readonly selfShare?: number | undefined;
  /** Fewest packets of a family before inferring. Default 20. */
  readonly selfMinPackets?: number | undefined;
  /** Count ARP protocol addresses as peers. Default false. */
  readonly includeArp?: boolean | undefined;
  /** Most distinct addresses tracked; packets of further addresses are counted in `untracked`. Default 1,000,000. */
  readonly maxAddresses?: number | undefined;
}

/**
 * What {@link HostTraffic.summary} reports. `peers` are sorted by address ({@link compareIp}) and
 * exclude `self`. `rxBytes`/`txBytes` are bytes to/from own addresses, null when no own address
 * is known. `spanMs` is `last - first` (0 when untimed).
 *
 * @since 0.1.0
 * @category models
 */
export interface TrafficSummary {
  readonly host: string;
  readonly self: ReadonlyArray<string>;
  readonly selfInferred: ReadonlyArray<string>;
  readonly selfAmbiguous: ReadonlyArray<string>;
  readonly peers: ReadonlyArray<PeerStats>;
  readonly packets: number;
  readonly bytes: number;
  readonly arpPackets: number;
  readonly untimedPackets: number;
  readonly untracked: number;
  readonly nonIpAddresses: number;
  readonly rxBytes: number | null;
  readonly txBytes: number | null;
  readonly first: number | null;
  readonly last: number | null;
  readonly spanMs: number;
}

interface Acc {
  packets: number;
  bytes: number;
  bytesFrom: number;
  bytesTo: number;
  first: number;
  last: number;
}

const SPECIAL = [
  "0.0.0.0/8",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "224.0.0.0/4",
  "255.255.255.255/32",
  "::/128",
  "::1/128",
  "fe80::/10",
  "ff00::/8",
].map((t) => parseCidr(t)!);
const NEVER_SELF = ["0.0.0.0/8", "224.0.0.0/4", "255.255.255.255/32", "::/128", "ff00::/8"].map(
  (t) => parseCidr(t)!,
);

/**
 * True for addresses that say nothing about use: unspecified, loopback, link-local, multicast and
 * the limited broadcast.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isSpecial = (ip: string): boolean => SPECIAL.some((c) => cidrContains(c, ip));

/**
 * Total order on addresses: IPv4 numerically, then IPv6 by bytes, then anything else as text.
 *
 * @since 0.1.0
 * @category ordering
 */
export const compareIp = (a: string, b: string): number => {
  const a4 = parseIpv4(a);
  const b4 = parseIpv4(b);
  if (a4 >= 0 || b4 >= 0) {
    if (a4 >= 0 && b4 >= 0) return a4 - b4;
    return a4 >= 0 ? -1 : 1;
  }
  const a6 = parseIpv6(a);
  const b6 = parseIpv6(b);
  if (a6 && b6) {
    for (let i = 0; i < 16; i++) if (a6[i] !== b6[i]) return a6[i]! - b6[i]!;
    return 0;
  }
  if (a6 || b6) return a6 ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
};

const hasColon = (s: string): boolean => s.indexOf(":") >= 0;

/**
 * An incremental per-host traffic accumulator. Feed it every packet of one host's capture(s)
 * with {@link HostTraffic.add} (or {@link HostTraffic.addFlow}), then read
 * {@link HostTraffic.summary}. Memory is one small record per distinct address.
 *
 * @example
 * ```ts
 * const t = new HostTraffic("vm1", { self: ["192.168.100.207"] });
 * for (const p of packets) t.add(p);
 * t.summary().peers; // [{ ip: "192.168.100.101", packets: 3, bytes: 1200, ... }]
 * ```
 * @since 0.1.0
 * @category accumulators
 */
export class HostTraffic {
  /** The host the capture belongs to. */
  readonly host: string;
  private readonly addrs = new Map<string, Acc>();
  private readonly explicitSelf: ReadonlyArray<string>;
  private readonly inferSelf: boolean;
  private readonly selfShare: number;
  private readonly selfMinPackets: number;
  private readonly includeArp: boolean;
  private readonly maxAddresses: number;
  private packets = 0;
  private bytes = 0;
  private v4Packets = 0;
  private v6Packets = 0;
  private arpPackets = 0;
  private untimed = 0;
  private untracked = 0;
  private first = Number.POSITIVE_INFINITY;
  private last = Number.NEGATIVE_INFINITY;

  constructor(host: string, options: TrafficOptions = {}) {
    this.host = host;
    this.explicitSelf = [...new Set([...(options.self ?? [])].map((s) => canonicalIp(s.trim())))].filter(
      (s) => s !== "",
    );
    this.inferSelf = options.inferSelf ?? true;
    this.selfShare = options.selfShare ?? 0.9;
    this.selfMinPackets = options.selfMinPackets ?? 20;
    this.includeArp = options.includeArp ?? false;
    this.maxAddresses = options.maxAddresses ?? 1_000_000;
  }

  /** Add one packet record. @since 0.1.0 */
  add(p: Packet): void {
    this.addFlow(p.src, p.dst, p.wireLength ?? p.length, p.ts, p.proto === "arp");
  }

  /**
   * Add one packet given by its parts: addresses as text, a byte count, a time (epoch ms, or null)
   * and whether it is ARP.
   *
   * @since 0.1.0
   */
  addFlow(src: string, dst: string, length: number, ts: number | null, arp = false): void {
    this.packets++;
    const len = Number.isFinite(length) && length > 0 ? length : 0;
    this.bytes += len;
    if (ts === null || Number.isNaN(ts)) this.untimed++;
    else {
      if (ts < this.first) this.first = ts;
      if (ts > this.last) this.last = ts;
    }
    if (arp) {
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

  private touch(ip: string, len: number, from: boolean, ts: number): void {
    let a = this.addrs.get(ip);
    if (a === undefined) {
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
        last: Number.NEGATIVE_INFINITY,
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
  summary(): TrafficSummary {
    // Merge spellings of the same address (IPv6 text forms) once per distinct address.
    const merged = new Map<string, Acc>();
    let nonIp = 0;
    for (const [raw, a] of this.addrs) {
      const ip = canonicalIp(raw);
      if (parseIpv4(ip) < 0 && parseIpv6(ip) === undefined) {
        nonIp++;
        continue;
      }
      const m = merged.get(ip);
      if (m === undefined) merged.set(ip, { ...a });
      else {
        m.packets += a.packets;
        m.bytes += a.bytes;
        m.bytesFrom += a.bytesFrom;
        m.bytesTo += a.bytesTo;
        if (a.first < m.first) m.first = a.first;
        if (a.last > m.last) m.last = a.last;
      }
    }
    const inferred: string[] = [];
    const ambiguous: string[] = [];
    if (this.inferSelf) {
      for (const v6 of [false, true]) {
        // A family with a given own address is not inferred; the other family still is.
        if (this.explicitSelf.some((ip) => hasColon(ip) === v6)) continue;
        const total = v6 ? this.v6Packets : this.v4Packets;
        if (total < this.selfMinPackets || total === 0) continue;
        const cands: string[] = [];
        for (const [ip, a] of merged) {
          if (hasColon(ip) !== v6) continue;
          if (a.packets >= this.selfShare * total && !NEVER_SELF.some((c) => cidrContains(c, ip)))
            cands.push(ip);
        }
        if (cands.length === 1) inferred.push(cands[0]!);
        else if (cands.length > 1) ambiguous.push(...cands);
      }
    }
    const self = [...new Set([...this.explicitSelf, ...inferred])].sort(compareIp);
    const selfSet = new Set(self);
    let rx = 0;
    let tx = 0;
    const peers: PeerStats[] = [];
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
        last: a.last === Number.NEGATIVE_INFINITY ? null : a.last,
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
      spanMs: timed ? this.last - this.first : 0,
    };
  }
}

/**
 * Summarise one host's packets in one call (see {@link HostTraffic}).
 *
 * @since 0.1.0
 * @category constructors
 */
export const summarise = (
  host: string,
  packets: Iterable<Packet>,
  options?: TrafficOptions,
): TrafficSummary => {
  const t = new HostTraffic(host, options);
  for (const p of packets) t.add(p);
  return t.summary();
};

/**
 * A host and the addresses it talked to, the input of {@link analyse}. A {@link TrafficSummary}
 * is one. Peers may be plain address texts; `self` (when present) is removed from them.
 *
 * @since 0.1.0
 * @category models
 */
export interface HostPeers {
  readonly host: string;
  readonly peers: ReadonlyArray<string | { readonly ip: string }>;
  readonly self?: ReadonlyArray<string> | undefined;
}

/**
 * Options of the peer baseline.
 *
 * @since 0.1.0
 * @category models
 */
export interface BaselineOptions {
  /**
   * Fraction of hosts (0..1) that must have seen a peer for it to be common. Default 1: seen by
   * every host, the seed's rule. Values outside 0..1 are clamped.
   */
  readonly quorum?: number | undefined;
  /** Allow-listed blocks (`10.0.0.53/32`, `fd00::/8`): never uncommon. Invalid text throws a `RangeError`. */
  readonly allow?: ReadonlyArray<string | Cidr> | undefined;
  /** Drop special addresses (see {@link isSpecial}) from the comparison. Default true. */
  readonly excludeSpecial?: boolean | undefined;
}

/**
 * The result of {@link analyse}: one {@link PeerReport} per distinct host (input order), the
 * addresses that met the quorum, how many hosts that took, and notes on weak baselines.
 *
 * @since 0.1.0
 * @category models
 */
export interface PeerAnalysis {
  readonly reports: ReadonlyArray<PeerReport>;
  readonly hostCount: number;
  readonly quorum: number;
  /** Hosts that must have seen a peer for it to be common: `max(1, ceil(quorum × hostCount))`. */
  readonly needed: number;
  readonly common: ReadonlyArray<string>;
  readonly notes: ReadonlyArray<string>;
}

/**
 * Compile an allow-list. Throws a `RangeError` naming the first invalid block (a usage error).
 *
 * @since 0.1.0
 * @category constructors
 */
export const allowList = (allow: ReadonlyArray<string | Cidr>): ReadonlyArray<Cidr> =>
  allow.map((a) => {
    if (typeof a !== "string") return a;
    const c = parseCidr(a);
    if (c === undefined) throw new RangeError(`invalid CIDR block "${a}" in the allow-list`);
    return c;
  });

/**
 * Compare the peers of several hosts. A peer is **common** when at least `needed =
 * max(1, ceil(quorum × hosts))` distinct hosts saw it; a host's **uncommon** peers are those that
 * are neither common, nor allow-listed, nor (with `excludeSpecial`) special, nor its own. A
 * host's `commonPeers` counts its peers that are common or allow-listed. Hosts named twice are
 * merged. When `needed` is 1 (a single host, or a low quorum) every peer is common; a note says so.
 *
 * @example
 * ```ts
 * analyse([{ host: "a", peers: ["10.0.0.53", "10.0.0.9"] }, { host: "b", peers: ["10.0.0.53"] }])
 * // reports: [{ host: "a", uncommonPeers: ["10.0.0.9"], commonPeers: 1 },
 * //           { host: "b", uncommonPeers: [], commonPeers: 1 }]
 * ```
 * @since 0.1.0
 * @category analyses
 */
export const analyse = (hosts: ReadonlyArray<HostPeers>, options: BaselineOptions = {}): PeerAnalysis => {
  const q = Math.min(1, Math.max(0, options.quorum ?? 1));
  const allow = allowList(options.allow ?? []);
  const excludeSpecial = options.excludeSpecial ?? true;
  const canon = new Map<string, string>();
  const canonical = (s: string): string => {
    let c = canon.get(s);
    if (c === undefined) {
      c = canonicalIp(s.trim());
      canon.set(s, c);
    }
    return c;
  };
  const order: string[] = [];
  const perHost = new Map<string, Set<string>>();
  const selfOf = new Map<string, Set<string>>();
  for (const h of hosts) {
    let set = perHost.get(h.host);
    if (set === undefined) {
      set = new Set();
      perHost.set(h.host, set);
      selfOf.set(h.host, new Set());
      order.push(h.host);
    }
    const own = selfOf.get(h.host)!;
    for (const s of h.self ?? []) own.add(canonical(s));
    for (const p of h.peers) set.add(canonical(typeof p === "string" ? p : p.ip));
  }
  const seenBy = new Map<string, number>();
  const skip = new Map<string, boolean>();
  const excluded = (ip: string): boolean => {
    let v = skip.get(ip);
    if (v === undefined) {
      v = ip === "" || (excludeSpecial && isSpecial(ip));
      skip.set(ip, v);
    }
    return v;
  };
  for (const host of order) {
    const own = selfOf.get(host)!;
    const set = perHost.get(host)!;
    for (const ip of own) set.delete(ip);
    for (const ip of set) if (!excluded(ip)) seenBy.set(ip, (seenBy.get(ip) ?? 0) + 1);
  }
  const hostCount = order.length;
  const needed = Math.max(1, Math.ceil(q * hostCount - 1e-9));
  const common: string[] = [];
  for (const [ip, n] of seenBy) if (n >= needed) common.push(ip);
  common.sort(compareIp);
  const commonSet = new Set(common);
  const allowed = (ip: string): boolean => allow.some((c) => cidrContains(c, ip));
  const reports: PeerReport[] = order.map((host) => {
    const uncommon: string[] = [];
    let nCommon = 0;
    for (const ip of perHost.get(host)!) {
      if (excluded(ip)) continue;
      if (commonSet.has(ip) || allowed(ip)) nCommon++;
      else uncommon.push(ip);
    }
    uncommon.sort(compareIp);
    return { host, uncommonPeers: uncommon, commonPeers: nCommon };
  });
  const notes: string[] = [];
  if (hostCount > 0 && needed <= 1) {
    notes.push(
      hostCount === 1
        ? `peer baseline from a single host: with quorum ${q} every peer it sees counts as common, so peers cannot show use`
        : `quorum ${q} of ${hostCount} hosts needs only 1 host: every peer counts as common, so peers cannot show use`,
    );
  }
  return { reports, hostCount, quorum: q, needed, common, notes };
};

/**
 * The `peers uncommon` rows: {@link analyse}'s reports.
 *
 * @since 0.1.0
 * @category analyses
 */
export const uncommonPeers = (
  hosts: ReadonlyArray<HostPeers>,
  options: BaselineOptions = {},
): ReadonlyArray<PeerReport> => analyse(hosts, options).reports;

/**
 * The seed's `diff-ip-vm` file: the hosts that talk to at least one uncommon peer, one per line
 * (each line ends with a newline; empty when none), in report order.
 *
 * @since 0.1.0
 * @category formatting
 */
export const seedDiffIpVm = (reports: ReadonlyArray<PeerReport>): string => {
  let out = "";
  for (const r of reports) if (r.uncommonPeers.length > 0) out += `${r.host}\n`;
  return out;
};
