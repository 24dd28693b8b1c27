/**
 * The snmp prober (net-snmp): SNMP v2c (community) or v3 (USM user, MD5/SHA authentication,
 * DES/AES privacy) against one agent, polling in three requests at most, all at once:
 *
 * - one GET of the scalars: sysUpTime.0; UCD-SNMP-MIB ssCpuIdle, ssCpuNumCpus and the raw CPU
 *   tick counters (.11.50–.56, .61, .64–.66); memTotalReal, memAvailReal, memBuffer, memCached,
 *   memSysAvail (.4.5, .6, .14, .15, .27)
 * - a GETBULK walk of dskTable (path, device, total/avail/used and their High/Low halves,
 *   dskPercent)
 * - a GETBULK walk of IF-MIB ifName, ifHCInOctets, ifHCOutOctets, ifHighSpeed (ifXTable) and
 *   ifDescr, ifSpeed, ifOperStatus (ifTable)
 *
 * Several columns share each GETBULK (one cursor per column), so a host with a few disks and
 * interfaces costs three round trips. Counter64 values arrive as Buffers and become exact
 * bigints ({@link counter64ToBigInt}). {@link pollSnmp} returns the typed poll;
 * {@link snmpSamples} turns a poll (and the previous poll of the same target, for CPU
 * percentages and interface bit rates from deltas) into `fleetlens_snmp_*` samples in base units;
 * {@link makeSnmpProbe} remembers the previous poll per target and module.
 *
 * Failure reasons: `config` (bad target or module), `dns` (the name does not resolve),
 * `timeout` (no answer within the budget: also what a wrong v2c community gives, since agents
 * drop such requests silently), `snmp` (an error status, a v3 report such as an unknown user or a
 * wrong digest, a malformed answer), `error` (anything else).
 *
 * @since 0.1.0
 * @module
 */
import { createCipheriv } from "node:crypto";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import type { FailureReason, MetricSample, ProbeResult } from "@fleetlens/core/lite";
import * as snmp from "net-snmp";
import {
  type CpuTicks,
  counter64ToBigInt,
  cpuUsage,
  type DiskKb,
  diskUsage,
  interfaceBitRate,
  type MemoryKb,
  memoryUsage,
  thesisCpuPercent,
} from "./SnmpMath.js";
import type { ProbeContext, ProbeFn, Prober } from "./types.js";

// ---------------------------------------------------------------------------------------------
// Module settings
// ---------------------------------------------------------------------------------------------

/**
 * An SNMPv3 USM user. `level` defaults from the keys given (both: authPriv, auth only:
 * authNoPriv, none: noAuthNoPriv); `authProtocol` defaults to sha, `privProtocol` to aes.
 *
 * @since 0.1.0
 * @category models
 */
export interface SnmpUser {
  readonly name: string;
  readonly level?: "noAuthNoPriv" | "authNoPriv" | "authPriv" | undefined;
  readonly authProtocol?: "md5" | "sha" | "sha224" | "sha256" | "sha384" | "sha512" | undefined;
  readonly authKey?: string | undefined;
  readonly privProtocol?: "des" | "aes" | "aes256b" | "aes256r" | undefined;
  readonly privKey?: string | undefined;
}

/**
 * What a poll collects: cpu (ssCpuIdle, ssCpuNumCpus, raw counters), memory, disk (dskTable),
 * interfaces (IF-MIB).
 *
 * @since 0.1.0
 * @category models
 */
export type SnmpGroup = "cpu" | "memory" | "disk" | "interfaces";

/**
 * Settings of an snmp module. `port` applies when the target has none; `retries` are per
 * request (the time budget is shared between the tries); `maxRepetitions` is GETBULK's.
 *
 * @since 0.1.0
 * @category models
 */
export interface SnmpModule {
  readonly version: "2c" | "3";
  /** v2c community. */
  readonly community: string;
  /** v3 user (required for version "3"). */
  readonly user: SnmpUser | null;
  readonly port: number;
  readonly retries: number;
  readonly maxRepetitions: number;
  readonly groups: ReadonlyArray<SnmpGroup>;
}

/**
 * Defaults: v2c, community `public`, port 161, one retry, 25 repetitions, every group.
 *
 * @since 0.1.0
 * @category constants
 */
export const snmpDefaults: SnmpModule = {
  version: "2c",
  community: "public",
  user: null,
  port: 161,
  retries: 1,
  maxRepetitions: 25,
  groups: ["cpu", "memory", "disk", "interfaces"],
};

// ---------------------------------------------------------------------------------------------
// OIDs
// ---------------------------------------------------------------------------------------------

const SS = "1.3.6.1.4.1.2021.11";
const MEM = "1.3.6.1.4.1.2021.4";
const DSK = "1.3.6.1.4.1.2021.9.1";
const IFX = "1.3.6.1.2.1.31.1.1.1";
const IF = "1.3.6.1.2.1.2.2.1";

/**
 * The OIDs polled (numeric, without a leading dot). Scalars end in `.0`; table columns have no
 * instance (they are walked).
 *
 * @since 0.1.0
 * @category constants
 */
export const SNMP_OIDS = {
  sysUpTime: "1.3.6.1.2.1.1.3.0",
  ssCpuIdle: `${SS}.11.0`,
  ssCpuNumCpus: `${SS}.67.0`,
  ssCpuRawUser: `${SS}.50.0`,
  ssCpuRawNice: `${SS}.51.0`,
  ssCpuRawSystem: `${SS}.52.0`,
  ssCpuRawIdle: `${SS}.53.0`,
  ssCpuRawWait: `${SS}.54.0`,
  ssCpuRawKernel: `${SS}.55.0`,
  ssCpuRawInterrupt: `${SS}.56.0`,
  ssCpuRawSoftIRQ: `${SS}.61.0`,
  ssCpuRawSteal: `${SS}.64.0`,
  ssCpuRawGuest: `${SS}.65.0`,
  ssCpuRawGuestNice: `${SS}.66.0`,
  memTotalReal: `${MEM}.5.0`,
  memAvailReal: `${MEM}.6.0`,
  memBuffer: `${MEM}.14.0`,
  memCached: `${MEM}.15.0`,
  memSysAvail: `${MEM}.27.0`,
  dskPath: `${DSK}.2`,
  dskDevice: `${DSK}.3`,
  dskTotal: `${DSK}.6`,
  dskAvail: `${DSK}.7`,
  dskUsed: `${DSK}.8`,
  dskPercent: `${DSK}.9`,
  dskTotalLow: `${DSK}.11`,
  dskTotalHigh: `${DSK}.12`,
  dskAvailLow: `${DSK}.13`,
  dskAvailHigh: `${DSK}.14`,
  dskUsedLow: `${DSK}.15`,
  dskUsedHigh: `${DSK}.16`,
  ifName: `${IFX}.1`,
  ifHCInOctets: `${IFX}.6`,
  ifHCOutOctets: `${IFX}.10`,
  ifHighSpeed: `${IFX}.15`,
  ifDescr: `${IF}.2`,
  ifSpeed: `${IF}.5`,
  ifOperStatus: `${IF}.8`,
} as const;

/**
 * The OIDs of the thesis's table 3.2 as its code reads them: eight GETs (ssCpuIdle.0,
 * ssCpuNumCpus.0, memAvailReal.0, memTotalReal.0, memBuffer.0, memCached.0, dskAvail.1,
 * dskUsed.1) and three walks (ifHCInOctets, ifHCOutOctets, ifName).
 *
 * @since 0.1.0
 * @category constants
 */
export const THESIS_OIDS = {
  get: [
    SNMP_OIDS.ssCpuIdle,
    SNMP_OIDS.ssCpuNumCpus,
    SNMP_OIDS.memAvailReal,
    SNMP_OIDS.memTotalReal,
    SNMP_OIDS.memBuffer,
    SNMP_OIDS.memCached,
    `${SNMP_OIDS.dskAvail}.1`,
    `${SNMP_OIDS.dskUsed}.1`,
  ],
  walk: [SNMP_OIDS.ifHCInOctets, SNMP_OIDS.ifHCOutOctets, SNMP_OIDS.ifName],
} as const;

const CPU_OIDS: ReadonlyArray<readonly [keyof CpuTicks, string]> = [
  ["user", SNMP_OIDS.ssCpuRawUser],
  ["nice", SNMP_OIDS.ssCpuRawNice],
  ["system", SNMP_OIDS.ssCpuRawSystem],
  ["idle", SNMP_OIDS.ssCpuRawIdle],
  ["wait", SNMP_OIDS.ssCpuRawWait],
  ["kernel", SNMP_OIDS.ssCpuRawKernel],
  ["interrupt", SNMP_OIDS.ssCpuRawInterrupt],
  ["softirq", SNMP_OIDS.ssCpuRawSoftIRQ],
  ["steal", SNMP_OIDS.ssCpuRawSteal],
  ["guest", SNMP_OIDS.ssCpuRawGuest],
  ["guestNice", SNMP_OIDS.ssCpuRawGuestNice],
];

const DISK_COLUMNS = [
  SNMP_OIDS.dskPath,
  SNMP_OIDS.dskDevice,
  SNMP_OIDS.dskTotal,
  SNMP_OIDS.dskAvail,
  SNMP_OIDS.dskUsed,
  SNMP_OIDS.dskPercent,
  SNMP_OIDS.dskTotalLow,
  SNMP_OIDS.dskTotalHigh,
  SNMP_OIDS.dskAvailLow,
  SNMP_OIDS.dskAvailHigh,
  SNMP_OIDS.dskUsedLow,
  SNMP_OIDS.dskUsedHigh,
] as const;

const IF_COLUMNS = [
  SNMP_OIDS.ifName,
  SNMP_OIDS.ifHCInOctets,
  SNMP_OIDS.ifHCOutOctets,
  SNMP_OIDS.ifHighSpeed,
  SNMP_OIDS.ifDescr,
  SNMP_OIDS.ifSpeed,
  SNMP_OIDS.ifOperStatus,
] as const;

// ---------------------------------------------------------------------------------------------
// The poll
// ---------------------------------------------------------------------------------------------

/**
 * One dskTable row: its index, path, device, the kB columns and the agent's own dskPercent.
 *
 * @since 0.1.0
 * @category models
 */
export interface SnmpDisk {
  readonly index: string;
  readonly path: string | null;
  readonly device: string | null;
  readonly kb: DiskKb;
  readonly agentPercent: number | null;
}

/**
 * One interface: ifIndex, ifName, ifDescr, ifOperStatus (1 up … 7 lowerLayerDown), the 64-bit
 * octet counters (exact), and the speed in bit/s (ifHighSpeed × 10^6 when set, else ifSpeed).
 *
 * @since 0.1.0
 * @category models
 */
export interface SnmpInterface {
  readonly index: string;
  readonly name: string | null;
  readonly descr: string | null;
  readonly operStatus: number | null;
  readonly inOctets: bigint | null;
  readonly outOctets: bigint | null;
  readonly speedBitsPerSecond: number | null;
}

/**
 * A poll of one agent. `atMs` is the local time of the scalar GET's answer; `uptimeTicks` is
 * sysUpTime.0 (centiseconds). A group not asked for, or whose objects the agent lacks, is null
 * (cpu, memory) or empty (disks, interfaces).
 *
 * @since 0.1.0
 * @category models
 */
export interface SnmpPoll {
  readonly target: string;
  readonly atMs: number;
  readonly uptimeTicks: number | null;
  readonly cpu: {
    readonly idlePercent: number | null;
    readonly count: number | null;
    readonly ticks: CpuTicks;
  } | null;
  readonly memory: MemoryKb | null;
  readonly disks: ReadonlyArray<SnmpDisk>;
  readonly interfaces: ReadonlyArray<SnmpInterface>;
}

/**
 * Why {@link pollSnmp} failed: a probe failure reason and a sentence.
 *
 * @since 0.1.0
 * @category errors
 */
export class SnmpPollError extends Error {
  override readonly name = "SnmpPollError";
  constructor(
    readonly reason: FailureReason,
    message: string,
  ) {
    super(message);
  }
}

interface Endpoint {
  readonly host: string;
  readonly port: number;
}

const parsePort = (s: string): number | null => {
  if (!/^\d{1,5}$/.test(s)) return null;
  const n = Number(s);
  return n >= 1 && n <= 65535 ? n : null;
};

/**
 * `host`, `host:port`, `[v6]`, `[v6]:port` or a bare IPv6 address; null when malformed.
 */
const parseTarget = (target: string, defaultPort: number): Endpoint | null => {
  const t = target.trim();
  if (t === "" || /\s/.test(t)) return null;
  if (t.startsWith("[")) {
    const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(t);
    if (m === null || isIP(m[1] as string) !== 6) return null;
    const port = m[2] === undefined ? defaultPort : parsePort(m[2]);
    return port === null ? null : { host: m[1] as string, port };
  }
  if (isIP(t) === 6) return { host: t, port: defaultPort };
  const i = t.lastIndexOf(":");
  if (i < 0) return { host: t, port: defaultPort };
  const host = t.slice(0, i);
  const port = parsePort(t.slice(i + 1));
  return host === "" || host.includes(":") || port === null ? null : { host, port };
};

const AUTH = {
  md5: snmp.AuthProtocols.md5,
  sha: snmp.AuthProtocols.sha,
  sha224: snmp.AuthProtocols.sha224,
  sha256: snmp.AuthProtocols.sha256,
  sha384: snmp.AuthProtocols.sha384,
  sha512: snmp.AuthProtocols.sha512,
} as const;
const PRIV = {
  des: snmp.PrivProtocols.des,
  aes: snmp.PrivProtocols.aes,
  aes256b: snmp.PrivProtocols.aes256b,
  aes256r: snmp.PrivProtocols.aes256r,
} as const;

/** The module's problems, or null when it is usable. */
const checkModule = (m: SnmpModule): string | null => {
  if (m.version !== "2c" && m.version !== "3") return `version must be "2c" or "3", got ${String(m.version)}`;
  if (!Number.isInteger(m.port) || m.port < 1 || m.port > 65535) return `port must be 1-65535, got ${m.port}`;
  if (!Number.isInteger(m.retries) || m.retries < 0 || m.retries > 10) return "retries must be 0-10";
  if (!Number.isInteger(m.maxRepetitions) || m.maxRepetitions < 1 || m.maxRepetitions > 200)
    return "maxRepetitions must be 1-200";
  for (const g of m.groups)
    if (!["cpu", "memory", "disk", "interfaces"].includes(g)) return `unknown group ${String(g)}`;
  if (m.version === "2c")
    return typeof m.community === "string" && m.community !== "" ? null : "community is empty";
  const u = m.user;
  if (u === null || typeof u.name !== "string" || u.name === "") return "version 3 needs a user with a name";
  const level = userLevel(u);
  if (u.authProtocol !== undefined && !(u.authProtocol in AUTH))
    return `unknown authProtocol ${u.authProtocol}`;
  if (u.privProtocol !== undefined && !(u.privProtocol in PRIV))
    return `unknown privProtocol ${u.privProtocol}`;
  if (level !== "noAuthNoPriv" && !u.authKey) return `security level ${level} needs authKey`;
  if (level === "authPriv" && !u.privKey) return "security level authPriv needs privKey";
  if (level === "authPriv" && u.privProtocol === "des" && !desAvailable())
    return "DES privacy needs OpenSSL's legacy provider (run node with --openssl-legacy-provider) or use AES";
  return null;
};

let desChecked: boolean | null = null;
/** Whether this Node's OpenSSL still has DES-CBC (OpenSSL 3 keeps it in the legacy provider). */
const desAvailable = (): boolean => {
  if (desChecked === null) {
    try {
      createCipheriv("des-cbc", Buffer.alloc(8), Buffer.alloc(8));
      desChecked = true;
    } catch {
      desChecked = false;
    }
  }
  return desChecked;
};

const userLevel = (u: SnmpUser) =>
  u.level ?? (u.authKey && u.privKey ? "authPriv" : u.authKey ? "authNoPriv" : "noAuthNoPriv");

const toNetSnmpUser = (u: SnmpUser): snmp.User => {
  const level = userLevel(u);
  const user: snmp.User = { name: u.name, level: snmp.SecurityLevel[level] };
  if (level !== "noAuthNoPriv") {
    user.authProtocol = AUTH[u.authProtocol ?? "sha"];
    user.authKey = u.authKey as string;
  }
  if (level === "authPriv") {
    user.privProtocol = PRIV[u.privProtocol ?? "aes"];
    user.privKey = u.privKey as string;
  }
  return user;
};

/** Maps a net-snmp (or socket) error to a probe failure. */
const classify = (e: unknown): SnmpPollError => {
  if (e instanceof SnmpPollError) return e;
  const err = e instanceof Error ? e : new Error(String(e));
  const code = (err as { code?: unknown }).code;
  if (err.name === "RequestTimedOutError")
    return new SnmpPollError("timeout", "the agent did not answer in time");
  if (err.name === "RequestFailedError" || err.name === "ResponseInvalidError")
    return new SnmpPollError("snmp", `SNMP error: ${err.message}`);
  if (code === "ECONNREFUSED")
    return new SnmpPollError("refused", "ICMP port unreachable: no agent at that port");
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") return new SnmpPollError("unreachable", err.message);
  if (/report|usmStats|authentic|decrypt|engine/i.test(err.message))
    return new SnmpPollError("snmp", `SNMP error: ${err.message}`);
  return new SnmpPollError("error", err.message);
};

type Vb = snmp.Varbind;

const isMissing = (vb: Vb | undefined): boolean => vb === undefined || snmp.isVarbindError(vb);

const num = (vb: Vb | undefined): number | null => {
  if (vb === undefined || isMissing(vb)) return null;
  const v = vb.value;
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (vb.type === snmp.ObjectType.Counter64 && v instanceof Uint8Array) return Number(counter64ToBigInt(v));
  return null;
};

const big = (vb: Vb | undefined): bigint | null => {
  if (vb === undefined || isMissing(vb)) return null;
  const v = vb.value;
  if (typeof v === "bigint") return v;
  if (typeof v === "number" && Number.isInteger(v)) return BigInt(v);
  if (v instanceof Uint8Array) return counter64ToBigInt(v);
  return null;
};

const str = (vb: Vb | undefined): string | null => {
  if (vb === undefined || isMissing(vb)) return null;
  const v = vb.value;
  if (typeof v === "string") return v;
  if (v instanceof Uint8Array) return Buffer.from(v).toString("utf8");
  return null;
};

/** Resolves to the answer of a net-snmp request, or rejects with a classified error. */
const request = <A>(start: (cb: (error: Error | null, result?: A) => void) => void): Promise<A> =>
  new Promise<A>((resolve, reject) => {
    try {
      start((error, result) => (error ? reject(classify(error)) : resolve(result as A)));
    } catch (e) {
      reject(classify(e));
    }
  });

/**
 * Walks several table columns with shared GETBULK requests: one cursor per column, each
 * advancing until its answers leave the column. Returns per column the instance suffix → varbind.
 */
const bulkColumns = async (
  session: snmp.Session,
  columns: ReadonlyArray<string>,
  maxRepetitions: number,
): Promise<Map<string, Map<string, Vb>>> => {
  const out = new Map<string, Map<string, Vb>>(columns.map((c) => [c, new Map()]));
  let cursors = columns.map((base) => ({ base, next: base }));
  // A bound on requests: a broken agent answering in circles must not loop forever.
  for (let round = 0; cursors.length > 0 && round < 10_000; round++) {
    const answer = await request<Array<Vb | Vb[]>>((cb) =>
      session.getBulk(
        cursors.map((c) => c.next),
        0,
        maxRepetitions,
        cb,
      ),
    );
    const still: typeof cursors = [];
    cursors.forEach((c, i) => {
      const raw = answer[i];
      const rows = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
      const col = out.get(c.base) as Map<string, Vb>;
      let done = rows.length === 0;
      let next = c.next;
      for (const vb of rows) {
        if (isMissing(vb) || !vb.oid.startsWith(`${c.base}.`)) {
          done = true;
          break;
        }
        col.set(vb.oid.slice(c.base.length + 1), vb);
        next = vb.oid;
      }
      if (!done && next !== c.next) still.push({ base: c.base, next });
    });
    cursors = still;
  }
  return out;
};

const instances = (cols: Map<string, Map<string, Vb>>): string[] => {
  const keys = new Set<string>();
  for (const m of cols.values()) for (const k of m.keys()) keys.add(k);
  return [...keys].sort((a, b) => {
    const pa = a.split(".").map(Number);
    const pb = b.split(".").map(Number);
    for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
      const d = (pa[i] as number) - (pb[i] as number);
      if (d !== 0) return d;
    }
    return pa.length - pb.length;
  });
};

const at = (cols: Map<string, Map<string, Vb>>, column: string, index: string) =>
  cols.get(column)?.get(index);

/**
 * Polls one agent (see the module description). Resolves to the typed poll; rejects with an
 * {@link SnmpPollError} carrying the failure reason. The whole poll honours `ctx.timeoutMs` and
 * `ctx.signal`; the socket is closed in every case.
 *
 * @since 0.1.0
 * @category probes
 */
export const pollSnmp = async (target: string, module: SnmpModule, ctx: ProbeContext): Promise<SnmpPoll> => {
  const problem = checkModule(module);
  if (problem !== null) throw new SnmpPollError("config", problem);
  const ep = parseTarget(target, module.port);
  if (ep === null) throw new SnmpPollError("config", `malformed target ${JSON.stringify(target)}`);
  if (ctx.signal.aborted) throw new SnmpPollError("timeout", "aborted before the poll started");
  const deadline = Date.now() + ctx.timeoutMs;

  let onAbort: (() => void) | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = new Promise<never>((_, reject) => {
    onAbort = () => reject(new SnmpPollError("timeout", "the probe was aborted"));
    ctx.signal.addEventListener("abort", onAbort, { once: true });
    timer = setTimeout(
      () => reject(new SnmpPollError("timeout", `no complete answer within ${ctx.timeoutMs} ms`)),
      Math.max(0, ctx.timeoutMs),
    );
  });
  stop.catch(() => {});
  let session: snmp.Session | null = null;
  try {
    let address = ep.host;
    if (isIP(ep.host) === 0) {
      address = await Promise.race([
        lookup(ep.host).then(
          (r) => r.address,
          (e: NodeJS.ErrnoException) => {
            throw new SnmpPollError("dns", `cannot resolve ${ep.host}: ${e.code ?? e.message}`);
          },
        ),
        stop,
      ]);
    }
    const family = isIP(address);
    const remaining = Math.max(50, deadline - Date.now());
    const options = {
      port: ep.port,
      retries: module.retries,
      timeout: Math.max(50, Math.floor(remaining / (module.retries + 1))),
      backoff: 1,
      transport: family === 6 ? ("udp6" as const) : ("udp4" as const),
      idBitsSize: 32,
    };
    const s =
      module.version === "3"
        ? snmp.createV3Session(address, toNetSnmpUser(module.user as SnmpUser), { ...options, version: 3 })
        : snmp.createSession(address, module.community, { ...options, version: snmp.Version2c });
    session = s;
    // net-snmp emits "error" for undecodable datagrams: without a listener that would throw.
    let socketError: Error | null = null;
    s.on("error", (e: Error) => {
      socketError = e;
    });
    const groups = new Set(module.groups);
    const scalarOids: string[] = [SNMP_OIDS.sysUpTime];
    if (groups.has("cpu"))
      scalarOids.push(SNMP_OIDS.ssCpuIdle, SNMP_OIDS.ssCpuNumCpus, ...CPU_OIDS.map(([, oid]) => oid));
    if (groups.has("memory"))
      scalarOids.push(
        SNMP_OIDS.memTotalReal,
        SNMP_OIDS.memAvailReal,
        SNMP_OIDS.memBuffer,
        SNMP_OIDS.memCached,
        SNMP_OIDS.memSysAvail,
      );
    const scalars = request<Vb[]>((cb) => s.get(scalarOids, cb)).then((vbs) => ({ vbs, atMs: Date.now() }));
    const disks = groups.has("disk") ? bulkColumns(s, DISK_COLUMNS, module.maxRepetitions) : null;
    const ifs = groups.has("interfaces") ? bulkColumns(s, IF_COLUMNS, module.maxRepetitions) : null;
    const [sc, dk, it] = await Promise.race([Promise.all([scalars, disks, ifs]), stop]);
    if (socketError !== null && sc.vbs.length === 0) throw classify(socketError);

    const byOid = new Map(sc.vbs.map((vb) => [vb.oid, vb]));
    const g = (oid: string) => byOid.get(oid);
    let cpu: SnmpPoll["cpu"] = null;
    if (groups.has("cpu")) {
      const ticks = Object.fromEntries(CPU_OIDS.map(([k, oid]) => [k, num(g(oid))])) as unknown as CpuTicks;
      const idlePercent = num(g(SNMP_OIDS.ssCpuIdle));
      const count = num(g(SNMP_OIDS.ssCpuNumCpus));
      if (idlePercent !== null || count !== null || Object.values(ticks).some((v) => v !== null))
        cpu = { idlePercent, count, ticks };
    }
    let memory: MemoryKb | null = null;
    if (groups.has("memory")) {
      const total = num(g(SNMP_OIDS.memTotalReal));
      const avail = num(g(SNMP_OIDS.memAvailReal));
      if (total !== null && avail !== null)
        memory = {
          memTotalReal: total,
          memAvailReal: avail,
          memBuffer: num(g(SNMP_OIDS.memBuffer)),
          memCached: num(g(SNMP_OIDS.memCached)),
          memSysAvail: num(g(SNMP_OIDS.memSysAvail)),
        };
    }
    const diskRows: SnmpDisk[] = [];
    if (dk !== null)
      for (const i of instances(dk)) {
        const total = num(at(dk, SNMP_OIDS.dskTotal, i));
        const avail = num(at(dk, SNMP_OIDS.dskAvail, i));
        const used = num(at(dk, SNMP_OIDS.dskUsed, i));
        if (total === null || avail === null || used === null) continue;
        diskRows.push({
          index: i,
          path: str(at(dk, SNMP_OIDS.dskPath, i)),
          device: str(at(dk, SNMP_OIDS.dskDevice, i)),
          agentPercent: num(at(dk, SNMP_OIDS.dskPercent, i)),
          kb: {
            dskTotal: total,
            dskAvail: avail,
            dskUsed: used,
            dskTotalLow: num(at(dk, SNMP_OIDS.dskTotalLow, i)),
            dskTotalHigh: num(at(dk, SNMP_OIDS.dskTotalHigh, i)),
            dskAvailLow: num(at(dk, SNMP_OIDS.dskAvailLow, i)),
            dskAvailHigh: num(at(dk, SNMP_OIDS.dskAvailHigh, i)),
            dskUsedLow: num(at(dk, SNMP_OIDS.dskUsedLow, i)),
            dskUsedHigh: num(at(dk, SNMP_OIDS.dskUsedHigh, i)),
          },
        });
      }
    const interfaces: SnmpInterface[] = [];
    if (it !== null)
      for (const i of instances(it)) {
        const high = num(at(it, SNMP_OIDS.ifHighSpeed, i));
        const low = num(at(it, SNMP_OIDS.ifSpeed, i));
        interfaces.push({
          index: i,
          name: str(at(it, SNMP_OIDS.ifName, i)),
          descr: str(at(it, SNMP_OIDS.ifDescr, i)),
          operStatus: num(at(it, SNMP_OIDS.ifOperStatus, i)),
          inOctets: big(at(it, SNMP_OIDS.ifHCInOctets, i)),
          outOctets: big(at(it, SNMP_OIDS.ifHCOutOctets, i)),
          speedBitsPerSecond: high !== null && high > 0 ? high * 1e6 : low !== null && low > 0 ? low : null,
        });
      }
    return {
      target,
      atMs: sc.atMs,
      uptimeTicks: num(g(SNMP_OIDS.sysUpTime)),
      cpu,
      memory,
      disks: diskRows,
      interfaces,
    };
  } catch (e) {
    throw classify(e);
  } finally {
    clearTimeout(timer);
    if (onAbort !== null) ctx.signal.removeEventListener("abort", onAbort);
    if (session !== null) {
      try {
        session.close();
      } catch {
        // already closed
      }
    }
  }
};

// ---------------------------------------------------------------------------------------------
// Samples
// ---------------------------------------------------------------------------------------------

const ifLabels = (i: SnmpInterface) => ({ interface: i.name ?? i.descr ?? i.index, ifindex: i.index });

/**
 * The samples of a poll, in base units (names and units):
 * - `fleetlens_snmp_uptime_seconds` (sysUpTime)
 * - `fleetlens_snmp_cpus`; `fleetlens_snmp_cpu_idle_percent` (ssCpuIdle, the agent's
 *   one-minute average) and `fleetlens_snmp_cpu_percent` (the thesis's 100 − ssCpuIdle);
 *   `fleetlens_snmp_cpu_ticks_total{mode}` (raw counters, USER_HZ ticks over all CPUs)
 * - with a previous poll: `fleetlens_snmp_cpu_busy_percent` and
 *   `fleetlens_snmp_cpu_mode_percent{mode}` from the counter deltas
 * - `fleetlens_snmp_memory_{total,free,buffers,cached,available,used}_bytes`,
 *   `fleetlens_snmp_memory_used_percent` ({@link memoryUsage})
 * - per disk `{path,device}`: `fleetlens_snmp_disk_{total,available,used}_bytes`,
 *   `fleetlens_snmp_disk_used_percent` ({@link diskUsage}, df's used / (used + available))
 * - per interface `{interface,ifindex}`: `fleetlens_snmp_interface_oper_status`,
 *   `fleetlens_snmp_interface_speed_bits_per_second`,
 *   `fleetlens_snmp_interface_{receive,transmit}_bytes_total` (ifHC*Octets; a sample value is
 *   a float, exact below 2^53 bytes), and with a previous poll
 *   `fleetlens_snmp_interface_{receive,transmit}_bits_per_second` (matched by ifName)
 * - `fleetlens_snmp_delta_rejected{metric,reason[,interface]}` = 1 for each delta refused (a
 *   reset is reported, never turned into a rate)
 *
 * @since 0.1.0
 * @category metrics
 */
export const snmpSamples = (poll: SnmpPoll, previous?: SnmpPoll | null): MetricSample[] => {
  const out: MetricSample[] = [];
  const add = (name: string, value: number | null | undefined, labels: Record<string, string> = {}) => {
    if (value !== null && value !== undefined && Number.isFinite(value)) out.push({ name, labels, value });
  };
  add("fleetlens_snmp_uptime_seconds", poll.uptimeTicks === null ? null : poll.uptimeTicks / 100);
  const cpu = poll.cpu;
  if (cpu !== null) {
    add("fleetlens_snmp_cpus", cpu.count);
    add("fleetlens_snmp_cpu_idle_percent", cpu.idlePercent);
    add("fleetlens_snmp_cpu_percent", cpu.idlePercent === null ? null : thesisCpuPercent(cpu.idlePercent));
    const modeName = (k: string) => (k === "guestNice" ? "guest_nice" : k);
    for (const [k, v] of Object.entries(cpu.ticks))
      add("fleetlens_snmp_cpu_ticks_total", v, { mode: modeName(k) });
    const prev = previous?.cpu;
    if (previous && prev) {
      const u = cpuUsage(
        { ticks: prev.ticks, cpus: prev.count, uptimeTicks: previous.uptimeTicks, atMs: previous.atMs },
        { ticks: cpu.ticks, cpus: cpu.count, uptimeTicks: poll.uptimeTicks, atMs: poll.atMs },
      );
      if (u.reason === null) {
        add("fleetlens_snmp_cpu_busy_percent", u.value.busyPercent);
        for (const [m, v] of Object.entries(u.value.modes))
          add("fleetlens_snmp_cpu_mode_percent", v, { mode: m });
      } else if (u.reason !== "no-change" && u.reason !== "missing")
        add("fleetlens_snmp_delta_rejected", 1, { metric: "cpu", reason: u.reason });
    }
  }
  if (poll.memory !== null) {
    const m = memoryUsage(poll.memory);
    add("fleetlens_snmp_memory_total_bytes", m.totalBytes);
    add("fleetlens_snmp_memory_free_bytes", m.freeBytes);
    add("fleetlens_snmp_memory_buffers_bytes", m.buffersBytes);
    add("fleetlens_snmp_memory_cached_bytes", m.cachedBytes);
    add("fleetlens_snmp_memory_available_bytes", m.availableBytes);
    add("fleetlens_snmp_memory_used_bytes", m.usedBytes);
    add("fleetlens_snmp_memory_used_percent", m.usedPercent);
  }
  for (const d of poll.disks) {
    const u = diskUsage(d.kb);
    const labels = { path: d.path ?? d.index, device: d.device ?? "" };
    add("fleetlens_snmp_disk_total_bytes", u.totalBytes, labels);
    add("fleetlens_snmp_disk_available_bytes", u.availableBytes, labels);
    add("fleetlens_snmp_disk_used_bytes", u.usedBytes, labels);
    add("fleetlens_snmp_disk_used_percent", u.usedPercent, labels);
  }
  const before = new Map<string, SnmpInterface>();
  for (const i of previous?.interfaces ?? []) before.set(i.name ?? `#${i.index}`, i);
  for (const i of poll.interfaces) {
    const labels = ifLabels(i);
    add("fleetlens_snmp_interface_oper_status", i.operStatus, labels);
    add("fleetlens_snmp_interface_speed_bits_per_second", i.speedBitsPerSecond, labels);
    add(
      "fleetlens_snmp_interface_receive_bytes_total",
      i.inOctets === null ? null : Number(i.inOctets),
      labels,
    );
    add(
      "fleetlens_snmp_interface_transmit_bytes_total",
      i.outOctets === null ? null : Number(i.outOctets),
      labels,
    );
    const p = previous ? before.get(i.name ?? `#${i.index}`) : undefined;
    if (previous && p) {
      for (const [dir, a, b] of [
        ["receive", p.inOctets, i.inOctets],
        ["transmit", p.outOctets, i.outOctets],
      ] as const) {
        if (a === null || b === null) continue;
        const r = interfaceBitRate(
          {
            value: a,
            uptimeTicks: previous.uptimeTicks,
            atMs: previous.atMs,
            speedBitsPerSecond: p.speedBitsPerSecond,
          },
          {
            value: b,
            uptimeTicks: poll.uptimeTicks,
            atMs: poll.atMs,
            speedBitsPerSecond: i.speedBitsPerSecond,
          },
          64,
        );
        if (r.reason === null) add(`fleetlens_snmp_interface_${dir}_bits_per_second`, r.value, labels);
        else
          add("fleetlens_snmp_delta_rejected", 1, {
            metric: `interface_${dir}`,
            reason: r.reason,
            ...labels,
          });
      }
    }
  }
  return out;
};

// ---------------------------------------------------------------------------------------------
// The probe
// ---------------------------------------------------------------------------------------------

/**
 * The previous poll of each target and module (for deltas), bounded in size.
 *
 * @since 0.1.0
 * @category models
 */
export interface SnmpHistory {
  get(key: string): SnmpPoll | undefined;
  set(key: string, poll: SnmpPoll): void;
}

/**
 * A history keeping the last poll of at most `max` targets (oldest dropped first).
 *
 * @since 0.1.0
 * @category constructors
 */
export const snmpHistory = (max = 10_000): SnmpHistory => {
  const map = new Map<string, SnmpPoll>();
  return {
    get: (k) => map.get(k),
    set: (k, p) => {
      map.delete(k);
      map.set(k, p);
      if (map.size > max) map.delete(map.keys().next().value as string);
    },
  };
};

const historyKey = (target: string, m: SnmpModule) =>
  `${target}\u0000${m.version}\u0000${m.version === "3" ? (m.user?.name ?? "") : m.community}\u0000${m.port}`;

/**
 * An snmp probe remembering the previous poll of each target (in `history`), so from the second
 * poll on it adds CPU percentages and interface bit rates from deltas. Never rejects.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeSnmpProbe =
  (history: SnmpHistory = snmpHistory()): ProbeFn<SnmpModule> =>
  async (target, module, ctx): Promise<ProbeResult> => {
    const t0 = performance.now();
    const seconds = () => (performance.now() - t0) / 1000;
    try {
      const poll = await pollSnmp(target, module, ctx);
      const key = historyKey(target, module);
      const previous = history.get(key);
      history.set(key, poll);
      return {
        module: "snmp",
        target,
        success: true,
        durationSeconds: seconds(),
        failureReason: null,
        metrics: snmpSamples(poll, previous),
      };
    } catch (e) {
      const err = classify(e);
      return {
        module: "snmp",
        target,
        success: false,
        durationSeconds: seconds(),
        failureReason: err.reason,
        message: err.message,
        metrics: [],
      };
    }
  };

/**
 * The snmp probe with its own history (see {@link makeSnmpProbe}).
 *
 * @since 0.1.0
 * @category probes
 */
export const probeSnmp: ProbeFn<SnmpModule> = makeSnmpProbe();

/**
 * The registry entry of the snmp prober.
 *
 * @since 0.1.0
 * @category probes
 */
export const snmpProber: Prober<SnmpModule> & { readonly kind: "snmp" } = {
  kind: "snmp",
  description:
    "SNMP v2c/v3 poll of UCD-SNMP-MIB (CPU, memory, dskTable) and IF-MIB (interfaces) with net-snmp",
  defaults: snmpDefaults,
  probe: probeSnmp,
};
