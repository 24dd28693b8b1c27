/**
 * Network enrichment of licence users: IP → MAC → switch and port → outlet description →
 * inventory (hostname, department, VLAN). Builds the seed's history records
 * ({@link LicenceHistory}). Every link may be missing; a missing link is null and `missing` holds
 * one reason per missing field. Nothing here throws on incomplete data.
 *
 * Decisions (documented here once):
 * - **IP → MAC**: a dhcpd `host` with that `fixed-address` (the first such host in input order)
 *   wins; else a dhcpd lease of the address whose `[start, end)` contains the session time (any
 *   binding state: a released lease's block keeps the interval it was bound), the latest start
 *   winning (ties: the later in input order, as dhcpd.leases is appended to). Without a session
 *   time, the latest `active` lease, else the latest lease of the address.
 * - **MAC → switch and port**: among the MAC-table rows of the MAC, edge ports win: rows on
 *   `CPU`, `Router`, `Drop`, `Switch`, `Sup*`, VLAN interfaces (`Vl…`) or port channels
 *   (`Po…`) are trunk-like and used only when nothing else is; then the port on which that switch
 *   learned the fewest distinct MACs (an uplink carries many, an access port few); then input
 *   order.
 * - **Port names** compare normalised ({@link portKey}): `Gi1/0/1`, `Gig1/0/1`, `GE1/0/1` and
 *   `GigabitEthernet1/0/1` are one port (likewise Fa, Te, Tw, Twe, Fo, Hu, Po, Vl, Eth, Lo, Tu).
 *   A description row matches the same switch, or has no switch (a single switch's output).
 * - **Inventory** by MAC, else by hostname (case-insensitive, quotes and domain dropped).
 * - **hostname** is DHCP's (the host declaration's name, else the lease's client-hostname), else
 *   the inventory's; **vlan** the inventory's, else the MAC table's; **department** the
 *   inventory's.
 *
 * @since 0.1.0
 * @module
 */
import { canonicalIp, canonicalMac } from "./Net.js";
import type { Attribution, LicenceHistory } from "./records/Licence.js";
import type {
  DhcpHost,
  DhcpLease,
  InterfaceDescription,
  InventoryRow,
  MacTableEntry,
} from "./records/Network.js";

/**
 * The network data to enrich with; every part is optional.
 *
 * @since 0.1.0
 * @category models
 */
export interface NetworkSources {
  readonly dhcpHosts?: Iterable<DhcpHost> | undefined;
  readonly leases?: Iterable<DhcpLease> | undefined;
  readonly macTable?: Iterable<MacTableEntry> | undefined;
  readonly interfaces?: Iterable<InterfaceDescription> | undefined;
  readonly inventory?: Iterable<InventoryRow> | undefined;
}

/**
 * What {@link Enricher.resolve} finds for one address. `source` tells where the MAC came from.
 *
 * @since 0.1.0
 * @category models
 */
export interface Resolution {
  readonly ip: string | null;
  readonly mac: string | null;
  readonly macSource: "dhcpd-host" | "dhcpd-lease" | null;
  readonly hostname: string | null;
  readonly department: string | null;
  readonly vlan: string | null;
  readonly switch: string | null;
  readonly port: string | null;
  readonly description: string | null;
  readonly missing: ReadonlyArray<string>;
}

const PREFIXES: ReadonlyArray<readonly [string, string]> = [
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
  ["tu", "tu"],
];

/**
 * A port name's comparison key: the interface type's short form (lower case) and the numbers,
 * e.g. `GigabitEthernet1/0/1`, `Gi1/0/1` and `gi 1/0/1` → `gi1/0/1`. Unknown types keep their
 * lower-cased letters.
 *
 * @since 0.1.0
 * @category utils
 */
export const portKey = (port: string): string => {
  const p = port.trim().toLowerCase().replace(/\s+/g, "");
  let i = 0;
  while (i < p.length) {
    const c = p.charCodeAt(i);
    if ((c >= 97 && c <= 122) || c === 45) i++;
    else break;
  }
  const letters = p.slice(0, i);
  const rest = p.slice(i);
  for (const [long, short] of PREFIXES) if (letters === long) return short + rest;
  return p;
};

const TRUNK_LIKE = /^(cpu|router|drop|switch|sup|vl|po)/;

/**
 * True for MAC-table ports that are not edge ports: CPU, Router, Drop, Switch, supervisor ports,
 * VLAN interfaces and port channels.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isTrunkLike = (port: string): boolean => TRUNK_LIKE.test(portKey(port));

const hostKey = (name: string): string => {
  const n = name
    .trim()
    .replace(/^["']+|["']+$/g, "")
    .toLowerCase();
  const dot = n.indexOf(".");
  return dot > 0 ? n.slice(0, dot) : n;
};

const macOf = (m: string | null | undefined): string | null =>
  m === null || m === undefined ? null : (canonicalMac(m) ?? null);

const ipKey = (ip: string): string => canonicalIp(ip.trim());

interface MacRow {
  readonly entry: MacTableEntry;
  readonly order: number;
}

/**
 * Indexes the network data once; {@link Enricher.resolve} then follows the chain for one address.
 *
 * @since 0.1.0
 * @category constructors
 */
export class Enricher {
  private readonly fixed = new Map<string, DhcpHost>();
  private readonly leases = new Map<string, Array<{ lease: DhcpLease; order: number }>>();
  private readonly macs = new Map<string, MacRow[]>();
  private readonly macsOnPort = new Map<string, Set<string>>();
  private readonly descriptions = new Map<string, InterfaceDescription>();
  private readonly invByMac = new Map<string, InventoryRow>();
  private readonly invByName = new Map<string, InventoryRow>();
  private readonly has: Record<keyof NetworkSources, boolean>;

  constructor(sources: NetworkSources) {
    const dhcpHosts = [...(sources.dhcpHosts ?? [])];
    const leases = [...(sources.leases ?? [])];
    const macTable = [...(sources.macTable ?? [])];
    const interfaces = [...(sources.interfaces ?? [])];
    const inventory = [...(sources.inventory ?? [])];
    this.has = {
      dhcpHosts: dhcpHosts.length > 0,
      leases: leases.length > 0,
      macTable: macTable.length > 0,
      interfaces: interfaces.length > 0,
      inventory: inventory.length > 0,
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
      if (l === undefined) this.leases.set(k, [{ lease, order }]);
      else l.push({ lease, order });
    });
    macTable.forEach((entry, order) => {
      const m = macOf(entry.mac);
      if (m === null) return;
      const l = this.macs.get(m);
      if (l === undefined) this.macs.set(m, [{ entry, order }]);
      else l.push({ entry, order });
      const pk = `${entry.switch ?? ""}\u0000${portKey(entry.port)}`;
      let s = this.macsOnPort.get(pk);
      if (s === undefined) {
        s = new Set();
        this.macsOnPort.set(pk, s);
      }
      s.add(m);
    });
    for (const d of interfaces) {
      const k = `${d.switch ?? ""}\u0000${portKey(d.port)}`;
      if (!this.descriptions.has(k)) this.descriptions.set(k, d);
    }
    for (const r of inventory) {
      const m = macOf(r.mac);
      if (m !== null && !this.invByMac.has(m)) this.invByMac.set(m, r);
      if (r.hostname !== null && r.hostname.trim() !== "") {
        const k = hostKey(r.hostname);
        if (!this.invByName.has(k)) this.invByName.set(k, r);
      }
    }
  }

  private lease(ip: string, at: number | null): DhcpLease | null {
    const l = this.leases.get(ip);
    if (l === undefined) return null;
    let best: { lease: DhcpLease; order: number } | null = null;
    const later = (
      a: { lease: DhcpLease; order: number },
      b: { lease: DhcpLease; order: number },
    ): boolean => {
      const sa = a.lease.start ?? Number.NEGATIVE_INFINITY;
      const sb = b.lease.start ?? Number.NEGATIVE_INFINITY;
      return sa > sb || (sa === sb && a.order > b.order);
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
    if (best === null) for (const c of l) if (best === null || later(c, best)) best = c;
    return best?.lease ?? null;
  }

  private port(mac: string): MacTableEntry | null {
    const rows = this.macs.get(mac);
    if (rows === undefined) return null;
    let best: MacRow | null = null;
    let bestScore = Number.POSITIVE_INFINITY;
    for (const r of rows) {
      const learned = this.macsOnPort.get(`${r.entry.switch ?? ""}\u0000${portKey(r.entry.port)}`)?.size ?? 1;
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
  resolve(ipText: string | null, at: number | null = null): Resolution {
    const missing: string[] = [];
    const ip = ipText === null || ipText.trim() === "" ? null : ipKey(ipText);
    let mac: string | null = null;
    let macSource: Resolution["macSource"] = null;
    let dhcpName: string | null = null;
    if (ip === null) missing.push("ip: the licence host's address is not known (attribution gave none)");
    else {
      const h = this.fixed.get(ip);
      if (h !== undefined) {
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
            at === null
              ? `mac: no dhcpd host with fixed-address ${ip} and no lease of it`
              : `mac: no dhcpd host with fixed-address ${ip} and no lease of it active at ${new Date(at).toISOString()}`,
          );
      }
    }
    let sw: string | null = null;
    let port: string | null = null;
    let macVlan: string | null = null;
    let description: string | null = null;
    if (mac !== null) {
      const e = this.port(mac);
      if (e !== null) {
        sw = e.switch;
        port = e.port;
        macVlan = e.vlan;
      } else
        missing.push(
          this.has.macTable
            ? `port: ${mac} is in no MAC address table given`
            : "port: no MAC address table given",
        );
    } else missing.push("port: no MAC address to look up");
    if (sw === null)
      missing.push(port === null ? "switch: no switch port found" : "switch: the MAC table names no switch");
    if (port !== null) {
      const k = portKey(port);
      const d = this.descriptions.get(`${sw ?? ""}\u0000${k}`) ?? this.descriptions.get(`\u0000${k}`);
      if (d !== undefined && d.description.trim() !== "") description = d.description;
      else if (d !== undefined) missing.push(`description: port ${port} has an empty description`);
      else
        missing.push(
          this.has.interfaces
            ? `description: no interface description for ${sw === null ? "" : `${sw} `}${port}`
            : "description: no interface descriptions given",
        );
    } else missing.push("description: no switch port to describe");
    let inv: InventoryRow | undefined;
    if (mac !== null) inv = this.invByMac.get(mac);
    if (inv === undefined && dhcpName !== null && dhcpName.trim() !== "")
      inv = this.invByName.get(hostKey(dhcpName));
    const hostname = dhcpName !== null && dhcpName.trim() !== "" ? dhcpName.trim() : (inv?.hostname ?? null);
    if (hostname === null) missing.push("hostname: neither dhcpd nor the inventory names this host");
    const invReason = !this.has.inventory
      ? "no inventory given"
      : mac === null && dhcpName === null
        ? "no MAC or hostname to look up in the inventory"
        : "not in the inventory (by MAC or hostname)";
    const department = inv?.department ?? null;
    if (department === null)
      missing.push(`department: ${inv === undefined ? invReason : "the inventory row has no department"}`);
    const vlan = inv?.vlan ?? macVlan ?? null;
    if (vlan === null)
      missing.push(
        `vlan: ${inv === undefined ? invReason : "the inventory row has none"} and no MAC-table VLAN`,
      );
    return { ip, mac, macSource, hostname, department, vlan, switch: sw, port, description, missing };
  }
}

/**
 * One licence user to enrich: who, the attributed address, when (for lease lookup) and the
 * connection time in seconds.
 *
 * @since 0.1.0
 * @category models
 */
export interface EnrichRow {
  readonly user: string;
  readonly host: string;
  readonly ip: string | null;
  readonly at?: number | null | undefined;
  readonly connectionSeconds: number;
}

/**
 * Enrich rows into the seed's history records (one per row, same order). `missing` is always
 * present (empty when every link was found).
 *
 * @since 0.1.0
 * @category analyses
 */
export const enrich = (rows: Iterable<EnrichRow>, sources: NetworkSources | Enricher): LicenceHistory[] => {
  const en = sources instanceof Enricher ? sources : new Enricher(sources);
  const out: LicenceHistory[] = [];
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
      missing: x.missing,
    });
  }
  return out;
};

/**
 * The `license attribute` history: each attribution joined with its user's usage (connection
 * seconds, first checkout for the lease lookup; 0 and no time when the user has none) and
 * enriched. Pass `users` from the usage report (`Licence.usage(...).users`).
 *
 * @since 0.1.0
 * @category analyses
 */
export const history = (
  attributions: Iterable<Attribution>,
  users: Iterable<{
    readonly user: string;
    readonly host: string;
    readonly seconds: number;
    readonly firstOut?: number | null;
  }>,
  sources: NetworkSources | Enricher,
): LicenceHistory[] => {
  const byUser = new Map<string, { seconds: number; firstOut: number | null }>();
  for (const u of users)
    byUser.set(`${u.user}\u0000${u.host}`, { seconds: u.seconds, firstOut: u.firstOut ?? null });
  const rows: EnrichRow[] = [];
  for (const a of attributions) {
    const u = byUser.get(`${a.user}\u0000${a.host}`);
    rows.push({
      user: a.user,
      host: a.host,
      ip: a.ip,
      at: u?.firstOut ?? null,
      connectionSeconds: u?.seconds ?? 0,
    });
  }
  return enrich(rows, sources);
};
