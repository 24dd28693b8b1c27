/**
 * Host metrics, the seed's psutil list read straight from procfs: CPU use (from two /proc/stat
 * samples), memory and swap, load averages, network and disk I/O rates, filesystem usage per
 * mount, logged-in users, the top processes by CPU and by memory, OS and kernel. Every file is
 * read under a `root` (default `/`), so tests can point the collector at a fake tree.
 *
 * @since 0.1.0
 * @module
 */
import { readdir, readFile, statfs } from "node:fs/promises";
import * as os from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { MetricSample, ProbeResult } from "@fleetlens/core/lite";
import { procfs, wtmp } from "@fleetlens/parsers";
import type { Prober } from "./types.js";

type Cpu = procfs.ProcfsCpu;
type NetDev = procfs.ProcfsNetDev;
type Disk = procfs.ProcfsDiskstats;

/**
 * Options of {@link collectHost}.
 *
 * @since 0.1.0
 * @category models
 */
export interface HostOptions {
  /** Filesystem root the files are read under (`<root>/proc/stat`, `<root>/etc/os-release`). Default `/`. */
  readonly root?: string;
  /** Time between the two samples that rates and CPU use come from, in ms. Default 1000. */
  readonly intervalMs?: number;
  /** How many processes to list by CPU and by memory. Default 5. */
  readonly topN?: number;
  /** Bytes per memory page for /proc/[pid]/statm. Default: read from `<root>/proc/self/smaps`, else 4096. */
  readonly pageSize?: number;
  /** Stops the collection (the result then fails with `timeout`). */
  readonly signal?: AbortSignal;
  /** The result's `target`. Default the host name. */
  readonly target?: string;
}

/**
 * One process as read from /proc/[pid]/stat and statm.
 *
 * @since 0.1.0
 * @category models
 */
export interface ProcessSample {
  readonly pid: number;
  /** `comm` (the name between the parentheses, up to 15 bytes). */
  readonly name: string;
  /** State letter (R, S, D, Z, …). */
  readonly state: string;
  /** utime + stime, in USER_HZ ticks. */
  readonly ticks: number;
  /** Resident pages (statm's second field). */
  readonly residentPages: number;
}

/**
 * Everything read from procfs at one instant: the raw material of a {@link HostSnapshot}.
 *
 * @since 0.1.0
 * @category models
 */
export interface HostSample {
  /** When the sample was read (ms, monotonic: `performance.now()`). */
  readonly at: number;
  /** The aggregate `cpu` line first, then one per CPU. */
  readonly cpus: readonly Cpu[];
  /** /proc/stat one-number lines (`ctxt`, `btime`, `processes`, `procs_running`, `procs_blocked`). */
  readonly stat: Readonly<Record<string, number>>;
  /** /proc/meminfo, values in bytes (or counts for unit-less keys). */
  readonly meminfo: Readonly<Record<string, number>>;
  readonly loadavg: procfs.ProcfsLoadavg | null;
  readonly uptime: procfs.ProcfsUptime | null;
  readonly net: readonly NetDev[];
  readonly disks: readonly Disk[];
  readonly processes: readonly ProcessSample[];
}

/** @since 0.1.0 @category models */
export interface CpuUse {
  /** `all` or the CPU number. */
  readonly cpu: string;
  /** Busy share of the interval, 0..1 (user + nice + system + irq + softirq + steal over the total). */
  readonly busyRatio: number;
  /** Share of the interval per mode (user, nice, system, idle, iowait, irq, softirq, steal), 0..1. */
  readonly modes: Readonly<Record<string, number>>;
}

/** @since 0.1.0 @category models */
export interface NetworkUse {
  readonly interface: string;
  readonly rxBytes: number;
  readonly txBytes: number;
  readonly rxPackets: number;
  readonly txPackets: number;
  readonly rxErrs: number;
  readonly txErrs: number;
  readonly rxDrop: number;
  readonly txDrop: number;
  /** Rates over the interval; null when a counter went backwards (interface reset or re-created). */
  readonly rxBytesPerSecond: number | null;
  readonly txBytesPerSecond: number | null;
  readonly rxPacketsPerSecond: number | null;
  readonly txPacketsPerSecond: number | null;
}

/** @since 0.1.0 @category models */
export interface DiskUse {
  readonly device: string;
  readonly reads: number;
  readonly writes: number;
  readonly readBytes: number;
  readonly writeBytes: number;
  /** Rates over the interval; null when a counter went backwards. */
  readonly readBytesPerSecond: number | null;
  readonly writeBytesPerSecond: number | null;
  readonly readsPerSecond: number | null;
  readonly writesPerSecond: number | null;
  /** Share of the interval the device was busy (Δ io ms), 0..1; null when unknown. */
  readonly busyRatio: number | null;
}

/** @since 0.1.0 @category models */
export interface FilesystemUse {
  readonly mountpoint: string;
  readonly device: string;
  readonly fstype: string;
  /** Size, free (to root), available (to users) and used bytes (`df`'s columns). */
  readonly sizeBytes: number;
  readonly freeBytes: number;
  readonly availBytes: number;
  readonly usedBytes: number;
  /** used / (used + avail): `df`'s Use%, as a ratio 0..1. */
  readonly usedRatio: number;
}

/** @since 0.1.0 @category models */
export interface UserSession {
  readonly user: string;
  readonly line: string;
  readonly host: string;
  readonly pid: number;
  /** Login time, ISO-8601 UTC. */
  readonly started: string;
}

/** @since 0.1.0 @category models */
export interface ProcessUse {
  readonly pid: number;
  readonly name: string;
  /** CPU over the interval in cores (1 = one CPU fully busy; psutil's percent / 100); null when new. */
  readonly cpuRatio: number | null;
  readonly residentBytes: number;
  /** Resident bytes over MemTotal, 0..1. */
  readonly memoryRatio: number;
}

/**
 * The collector's structured answer (the seed's psutil list). Bytes, seconds and ratios 0..1.
 *
 * @since 0.1.0
 * @category models
 */
export interface HostSnapshot {
  readonly hostname: string;
  readonly os: {
    readonly name: string | null;
    readonly version: string | null;
    readonly id: string | null;
    readonly prettyName: string | null;
    readonly kernel: string;
    readonly arch: string;
  };
  /** Epoch seconds (`btime`), null when /proc/stat has none. */
  readonly bootTime: number | null;
  readonly uptimeSeconds: number | null;
  readonly intervalSeconds: number;
  /** `all` first, then one per CPU; empty when no ticks passed between the samples. */
  readonly cpu: readonly CpuUse[];
  readonly cpuCount: number;
  readonly memory: {
    readonly totalBytes: number;
    readonly availableBytes: number;
    readonly usedBytes: number;
    readonly freeBytes: number;
    readonly buffersBytes: number;
    readonly cachedBytes: number;
    /** used / total (used = total − available, as procps-ng 4's `free`). */
    readonly usedRatio: number | null;
  };
  readonly swap: {
    readonly totalBytes: number;
    readonly freeBytes: number;
    readonly usedBytes: number;
    readonly usedRatio: number | null;
  };
  readonly load: { readonly load1: number; readonly load5: number; readonly load15: number } | null;
  readonly network: readonly NetworkUse[];
  readonly disks: readonly DiskUse[];
  readonly filesystems: readonly FilesystemUse[];
  readonly users: readonly UserSession[];
  readonly processes: {
    readonly count: number;
    readonly running: number | null;
    readonly blocked: number | null;
    readonly topCpu: readonly ProcessUse[];
    readonly topMemory: readonly ProcessUse[];
  };
}

/**
 * What {@link collectHost} returns: the probe result (module `host`, `fleetlens_host_*` metrics)
 * and the snapshot they were made from (null when the collection failed).
 *
 * @since 0.1.0
 * @category models
 */
export interface HostCollection {
  readonly result: ProbeResult;
  readonly snapshot: HostSnapshot | null;
}

/**
 * Filesystem types with no storage of their own (kernel interfaces, pseudo terminals, control
 * groups, automount points): skipped when listing filesystem usage.
 *
 * @since 0.1.0
 * @category constants
 */
export const PSEUDO_FILESYSTEMS: ReadonlySet<string> = new Set([
  "autofs",
  "binfmt_misc",
  "bpf",
  "cgroup",
  "cgroup2",
  "configfs",
  "debugfs",
  "devpts",
  "devtmpfs",
  "efivarfs",
  "fusectl",
  "hugetlbfs",
  "mqueue",
  "nfsd",
  "nsfs",
  "proc",
  "pstore",
  "rpc_pipefs",
  "securityfs",
  "selinuxfs",
  "sysfs",
  "tracefs",
]);

/**
 * Whether a filesystem type is a pseudo one (see {@link PSEUDO_FILESYSTEMS}).
 *
 * @since 0.1.0
 * @category filesystems
 */
export const isPseudoFilesystem = (fstype: string): boolean => PSEUDO_FILESYSTEMS.has(fstype);

// ---------------------------------------------------------------------------------------------
// Reading

const readText = async (path: string): Promise<string | null> => {
  try {
    return await readFile(path, "utf8");
  } catch {
    return null;
  }
};

/** /proc/[pid]/stat: `pid (comm) state ppid …`; comm may hold spaces and parentheses. */
const processStat = (text: string): { name: string; state: string; ticks: number } | null => {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < open) return null;
  const f = text.slice(close + 2).split(" ");
  // after the comm: state(3) ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime(14) stime(15)
  const utime = Number(f[11]);
  const stime = Number(f[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime) || f[0] === undefined) return null;
  return { name: text.slice(open + 1, close), state: f[0], ticks: utime + stime };
};

const readProcesses = async (root: string): Promise<ProcessSample[]> => {
  let names: string[];
  try {
    names = (await readdir(join(root, "proc"))).filter((n) => /^\d+$/.test(n));
  } catch {
    return [];
  }
  const out: ProcessSample[] = [];
  const one = async (n: string): Promise<void> => {
    const [stat, statm] = await Promise.all([
      readText(join(root, "proc", n, "stat")),
      readText(join(root, "proc", n, "statm")),
    ]);
    if (stat === null || statm === null) return; // gone meanwhile
    const s = processStat(stat);
    const resident = Number(statm.trim().split(/\s+/)[1]);
    if (s === null || !Number.isFinite(resident)) return;
    out.push({ pid: Number(n), name: s.name, state: s.state, ticks: s.ticks, residentPages: resident });
  };
  // a bounded number of files open at once
  for (let i = 0; i < names.length; i += 64) await Promise.all(names.slice(i, i + 64).map(one));
  return out.sort((a, b) => a.pid - b.pid);
};

/**
 * Reads one {@link HostSample} under `root`. Rejects only when `<root>/proc/stat` is unreadable;
 * other missing files give empty parts.
 *
 * @since 0.1.0
 * @category reading
 */
export const readHostSample = async (
  root = "/",
  options: { processes?: boolean } = {},
): Promise<HostSample> => {
  const p = (f: string) => join(root, "proc", f);
  const [stat, meminfo, loadavg, uptime, netdev, diskstats, processes] = await Promise.all([
    readFile(p("stat")),
    readText(p("meminfo")),
    readText(p("loadavg")),
    readText(p("uptime")),
    readText(p("net/dev")),
    readText(p("diskstats")),
    options.processes === false ? Promise.resolve([]) : readProcesses(root),
  ]);
  const at = performance.now();
  const cpus: Cpu[] = [];
  const statValues: Record<string, number> = {};
  for (const r of procfs.parseProcfs(stat).records) {
    if (r.file !== "stat") continue;
    if (r.type === "cpu") cpus.push(r);
    else if (r.type === "value") statValues[r.key] = r.value;
  }
  cpus.sort((a, b) => (a.cpu ?? -1) - (b.cpu ?? -1));
  const mem: Record<string, number> = {};
  for (const r of procfs.parseProcfs(meminfo ?? "").records) if (r.file === "meminfo") mem[r.key] = r.value;
  const first = <F extends string>(text: string | null, file: F) =>
    procfs.parseProcfs(text ?? "").records.find((r) => r.file === file) ?? null;
  return {
    at,
    cpus,
    stat: statValues,
    meminfo: mem,
    loadavg: first(loadavg, "loadavg") as procfs.ProcfsLoadavg | null,
    uptime: first(uptime, "uptime") as procfs.ProcfsUptime | null,
    net: procfs.parseProcfs(netdev ?? "").records.filter((r): r is NetDev => r.file === "net-dev"),
    disks: procfs.parseProcfs(diskstats ?? "").records.filter((r): r is Disk => r.file === "diskstats"),
    processes,
  };
};

/** /proc/self/mounts fields escape space, tab, newline and backslash as octal (`\040`). */
const unescapeMount = (s: string): string =>
  s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8)));

const readFilesystems = async (root: string): Promise<FilesystemUse[]> => {
  const text =
    (await readText(join(root, "proc", "self", "mounts"))) ?? (await readText(join(root, "proc", "mounts")));
  if (text === null) return [];
  const byMount = new Map<string, { device: string; fstype: string }>();
  for (const line of text.split("\n")) {
    const f = line.split(" ");
    if (f.length < 3) continue;
    const fstype = f[2]!;
    if (isPseudoFilesystem(fstype)) continue;
    const mountpoint = unescapeMount(f[1]!);
    // a later mount on the same point hides the earlier one
    byMount.delete(mountpoint);
    byMount.set(mountpoint, { device: unescapeMount(f[0]!), fstype });
  }
  const out: FilesystemUse[] = [];
  await Promise.all(
    [...byMount].map(async ([mountpoint, m]) => {
      try {
        const s = await statfs(join(root, mountpoint));
        if (s.blocks === 0) return;
        const sizeBytes = s.blocks * s.bsize;
        const freeBytes = s.bfree * s.bsize;
        const availBytes = s.bavail * s.bsize;
        const usedBytes = sizeBytes - freeBytes;
        const denom = usedBytes + availBytes;
        out.push({
          mountpoint,
          device: m.device,
          fstype: m.fstype,
          sizeBytes,
          freeBytes,
          availBytes,
          usedBytes,
          usedRatio: denom > 0 ? usedBytes / denom : 0,
        });
      } catch {
        // unreachable mount (permissions, a stale network filesystem): left out
      }
    }),
  );
  return out.sort((a, b) => (a.mountpoint < b.mountpoint ? -1 : a.mountpoint > b.mountpoint ? 1 : 0));
};

const USER_PROCESS = 7;

const readUsers = async (root: string): Promise<UserSession[]> => {
  let bytes: Uint8Array | null = null;
  for (const f of ["var/run/utmp", "run/utmp"]) {
    try {
      bytes = await readFile(join(root, f));
      break;
    } catch {
      // try the next place
    }
  }
  if (bytes === null) return [];
  return wtmp
    .parseUtmpEntries(bytes)
    .records.filter((e) => e.type === USER_PROCESS && e.user.length > 0)
    .map((e) => ({
      user: e.user,
      line: e.line,
      host: e.host,
      pid: e.pid,
      started: new Date(e.tv).toISOString(),
    }));
};

const readOsRelease = async (root: string): Promise<Record<string, string>> => {
  const text =
    (await readText(join(root, "etc", "os-release"))) ??
    (await readText(join(root, "usr", "lib", "os-release")));
  const out: Record<string, string> = {};
  for (const line of (text ?? "").split("\n")) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!m) continue;
    let v = m[2]!;
    if (/^(["']).*\1$/.test(v)) v = v.slice(1, -1).replace(/\\(["'$`\\])/g, "$1");
    out[m[1]!] = v;
  }
  return out;
};

const readPageSize = async (root: string): Promise<number> => {
  const smaps = await readText(join(root, "proc", "self", "smaps"));
  const m = smaps === null ? null : /^KernelPageSize:\s+(\d+) kB$/m.exec(smaps.slice(0, 4096));
  return m ? Number(m[1]) * 1024 : 4096;
};

// ---------------------------------------------------------------------------------------------
// Pure arithmetic on two samples

const BUSY = ["user", "nice", "system", "irq", "softirq", "steal"] as const;
const MODES = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"] as const;

/** Ticks of a cpu line (guest and guest_nice are already inside user and nice). */
const cpuTotal = (c: Cpu): number => MODES.reduce((s, m) => s + (c[m] ?? 0), 0);

/**
 * CPU use between two cpu lines of the same CPU: busy share and per-mode shares, all 0..1. Null
 * when no tick passed or a counter went backwards (CPU hot-unplugged, counters reset).
 *
 * @since 0.1.0
 * @category arithmetic
 */
export const cpuUse = (a: Cpu, b: Cpu): CpuUse | null => {
  const modes: Record<string, number> = {};
  let total = 0;
  const deltas: Record<string, number> = {};
  for (const m of MODES) {
    const d = (b[m] ?? 0) - (a[m] ?? 0);
    if (d < 0) return null;
    deltas[m] = d;
    total += d;
  }
  if (total <= 0) return null;
  let busy = 0;
  for (const m of BUSY) busy += deltas[m]!;
  for (const m of MODES) modes[m] = deltas[m]! / total;
  return { cpu: b.cpu === null ? "all" : String(b.cpu), busyRatio: busy / total, modes };
};

/** Per-second rate of a counter; null when it went backwards or no time passed. */
const rate = (a: number, b: number, seconds: number): number | null =>
  b < a || seconds <= 0 ? null : (b - a) / seconds;

/**
 * Static parts of a snapshot, read once (not differenced).
 *
 * @since 0.1.0
 * @category models
 */
export interface HostStatics {
  readonly hostname: string;
  readonly osRelease: Readonly<Record<string, string>>;
  readonly kernel: string;
  readonly arch: string;
  readonly filesystems: readonly FilesystemUse[];
  readonly users: readonly UserSession[];
  readonly pageSize: number;
  readonly topN: number;
}

/**
 * Builds a {@link HostSnapshot} from two samples (`a` before `b`) and the static parts: CPU from
 * tick deltas, rates from counter deltas over `b.at − a.at`, gauges (memory, load, uptime) from
 * `b`. Never gives a negative rate or a ratio outside 0..1 (CPU, memory, swap, disk busy).
 *
 * @since 0.1.0
 * @category arithmetic
 */
export const hostSnapshot = (a: HostSample, b: HostSample, s: HostStatics): HostSnapshot => {
  const seconds = (b.at - a.at) / 1000;
  const cpu: CpuUse[] = [];
  for (const cb of b.cpus) {
    const ca = a.cpus.find((x) => x.cpu === cb.cpu);
    const u = ca ? cpuUse(ca, cb) : null;
    if (u) cpu.push(u);
  }
  const m = b.meminfo;
  const total = m.MemTotal ?? 0;
  const free = m.MemFree ?? 0;
  const buffers = m.Buffers ?? 0;
  const cached = (m.Cached ?? 0) + (m.SReclaimable ?? 0);
  const available = Math.min(total, m.MemAvailable ?? free + buffers + cached);
  const used = Math.max(0, total - available);
  const swapTotal = m.SwapTotal ?? 0;
  const swapFree = Math.min(swapTotal, m.SwapFree ?? 0);
  const swapUsed = swapTotal - swapFree;

  const network: NetworkUse[] = b.net.map((nb) => {
    const na = a.net.find((x) => x.interface === nb.interface);
    return {
      interface: nb.interface,
      rxBytes: nb.rxBytes,
      txBytes: nb.txBytes,
      rxPackets: nb.rxPackets,
      txPackets: nb.txPackets,
      rxErrs: nb.rxErrs,
      txErrs: nb.txErrs,
      rxDrop: nb.rxDrop,
      txDrop: nb.txDrop,
      rxBytesPerSecond: na ? rate(na.rxBytes, nb.rxBytes, seconds) : null,
      txBytesPerSecond: na ? rate(na.txBytes, nb.txBytes, seconds) : null,
      rxPacketsPerSecond: na ? rate(na.rxPackets, nb.rxPackets, seconds) : null,
      txPacketsPerSecond: na ? rate(na.txPackets, nb.txPackets, seconds) : null,
    };
  });

  const disks: DiskUse[] = b.disks
    .filter((d) => d.reads + d.writes > 0)
    .map((db) => {
      const da = a.disks.find((x) => x.device === db.device);
      const io = da && da.ioMs !== null && db.ioMs !== null ? rate(da.ioMs, db.ioMs, seconds) : null;
      return {
        device: db.device,
        reads: db.reads,
        writes: db.writes,
        readBytes: db.readBytes,
        writeBytes: db.writeBytes,
        readBytesPerSecond: da ? rate(da.readBytes, db.readBytes, seconds) : null,
        writeBytesPerSecond: da ? rate(da.writeBytes, db.writeBytes, seconds) : null,
        readsPerSecond: da ? rate(da.reads, db.reads, seconds) : null,
        writesPerSecond: da ? rate(da.writes, db.writes, seconds) : null,
        busyRatio: io === null ? null : Math.min(1, io / 1000),
      };
    });

  const allA = a.cpus.find((c) => c.cpu === null);
  const allB = b.cpus.find((c) => c.cpu === null);
  const cpuCount = b.cpus.filter((c) => c.cpu !== null).length || os.availableParallelism();
  const ticks = allA && allB ? cpuTotal(allB) - cpuTotal(allA) : 0;
  const before = new Map(a.processes.map((p) => [p.pid, p]));
  const procs: ProcessUse[] = b.processes.map((p) => {
    const q = before.get(p.pid);
    const d = q && q.name === p.name ? p.ticks - q.ticks : -1;
    const residentBytes = p.residentPages * s.pageSize;
    return {
      pid: p.pid,
      name: p.name,
      // ticks of one CPU in the interval = all CPUs' ticks / CPU count
      cpuRatio: d >= 0 && ticks > 0 ? (d * cpuCount) / ticks : null,
      residentBytes,
      memoryRatio: total > 0 ? Math.min(1, residentBytes / total) : 0,
    };
  });
  const topCpu = procs
    .filter((p) => p.cpuRatio !== null)
    .sort((x, y) => y.cpuRatio! - x.cpuRatio! || x.pid - y.pid)
    .slice(0, s.topN);
  const topMemory = [...procs]
    .sort((x, y) => y.residentBytes - x.residentBytes || x.pid - y.pid)
    .slice(0, s.topN);

  return {
    hostname: s.hostname,
    os: {
      name: s.osRelease.NAME ?? null,
      version: s.osRelease.VERSION_ID ?? null,
      id: s.osRelease.ID ?? null,
      prettyName: s.osRelease.PRETTY_NAME ?? null,
      kernel: s.kernel,
      arch: s.arch,
    },
    bootTime: b.stat.btime ?? null,
    uptimeSeconds: b.uptime?.uptimeSeconds ?? null,
    intervalSeconds: seconds,
    cpu,
    cpuCount,
    memory: {
      totalBytes: total,
      availableBytes: available,
      usedBytes: used,
      freeBytes: free,
      buffersBytes: buffers,
      cachedBytes: cached,
      usedRatio: total > 0 ? used / total : null,
    },
    swap: {
      totalBytes: swapTotal,
      freeBytes: swapFree,
      usedBytes: swapUsed,
      usedRatio: swapTotal > 0 ? swapUsed / swapTotal : null,
    },
    load: b.loadavg ? { load1: b.loadavg.load1, load5: b.loadavg.load5, load15: b.loadavg.load15 } : null,
    network,
    disks,
    filesystems: s.filesystems,
    users: s.users,
    processes: {
      count: b.processes.length,
      running: b.stat.procs_running ?? null,
      blocked: b.stat.procs_blocked ?? null,
      topCpu,
      topMemory,
    },
  };
};

/**
 * The `fleetlens_host_*` samples of a snapshot, in base units (bytes, seconds, ratios 0..1):
 * `fleetlens_host_info`, `_boot_time_seconds`, `_uptime_seconds`, `_cpus`,
 * `_cpu_busy_ratio{cpu}`, `_cpu_mode_ratio{cpu,mode}`, `_memory_{total,available,used,free,
 * buffers,cached}_bytes`, `_memory_used_ratio`, `_swap_{total,free,used}_bytes`,
 * `_swap_used_ratio`, `_load1/5/15`, `_network_{receive,transmit}_bytes_total{device}`,
 * `_network_{receive,transmit}_{bytes,packets}_per_second{device}`,
 * `_network_{receive,transmit}_{errors,drop}_total{device}`,
 * `_disk_{read,written}_bytes_total{device}`, `_disk_{read,write}_bytes_per_second{device}`,
 * `_disk_{reads,writes}_per_second{device}`, `_disk_busy_ratio{device}`,
 * `_filesystem_{size,free,avail,used}_bytes{mountpoint,device,fstype}`,
 * `_filesystem_used_ratio{…}`, `_users` (sessions), `_user_sessions{user}`, `_processes`,
 * `_procs_running`, `_procs_blocked`, `_process_cpu_ratio{pid,name}` (top by CPU; 1 = one core),
 * `_process_resident_bytes{pid,name}` (top by memory). Null values are left out.
 *
 * @since 0.1.0
 * @category metrics
 */
export const hostMetrics = (h: HostSnapshot): MetricSample[] => {
  const out: MetricSample[] = [];
  const add = (name: string, value: number | null | undefined, labels: Record<string, string> = {}) => {
    if (value !== null && value !== undefined && Number.isFinite(value))
      out.push({ name: `fleetlens_host_${name}`, labels, value });
  };
  add("info", 1, {
    hostname: h.hostname,
    os: h.os.prettyName ?? h.os.name ?? "",
    os_id: h.os.id ?? "",
    os_version: h.os.version ?? "",
    kernel: h.os.kernel,
    arch: h.os.arch,
  });
  add("boot_time_seconds", h.bootTime);
  add("uptime_seconds", h.uptimeSeconds);
  add("cpus", h.cpuCount);
  for (const c of h.cpu) {
    add("cpu_busy_ratio", c.busyRatio, { cpu: c.cpu });
    for (const [mode, v] of Object.entries(c.modes)) add("cpu_mode_ratio", v, { cpu: c.cpu, mode });
  }
  const m = h.memory;
  add("memory_total_bytes", m.totalBytes);
  add("memory_available_bytes", m.availableBytes);
  add("memory_used_bytes", m.usedBytes);
  add("memory_free_bytes", m.freeBytes);
  add("memory_buffers_bytes", m.buffersBytes);
  add("memory_cached_bytes", m.cachedBytes);
  add("memory_used_ratio", m.usedRatio);
  add("swap_total_bytes", h.swap.totalBytes);
  add("swap_free_bytes", h.swap.freeBytes);
  add("swap_used_bytes", h.swap.usedBytes);
  add("swap_used_ratio", h.swap.usedRatio);
  if (h.load) {
    add("load1", h.load.load1);
    add("load5", h.load.load5);
    add("load15", h.load.load15);
  }
  for (const n of h.network) {
    const l = { device: n.interface };
    add("network_receive_bytes_total", n.rxBytes, l);
    add("network_transmit_bytes_total", n.txBytes, l);
    add("network_receive_packets_total", n.rxPackets, l);
    add("network_transmit_packets_total", n.txPackets, l);
    add("network_receive_errors_total", n.rxErrs, l);
    add("network_transmit_errors_total", n.txErrs, l);
    add("network_receive_drop_total", n.rxDrop, l);
    add("network_transmit_drop_total", n.txDrop, l);
    add("network_receive_bytes_per_second", n.rxBytesPerSecond, l);
    add("network_transmit_bytes_per_second", n.txBytesPerSecond, l);
    add("network_receive_packets_per_second", n.rxPacketsPerSecond, l);
    add("network_transmit_packets_per_second", n.txPacketsPerSecond, l);
  }
  for (const d of h.disks) {
    const l = { device: d.device };
    add("disk_read_bytes_total", d.readBytes, l);
    add("disk_written_bytes_total", d.writeBytes, l);
    add("disk_reads_completed_total", d.reads, l);
    add("disk_writes_completed_total", d.writes, l);
    add("disk_read_bytes_per_second", d.readBytesPerSecond, l);
    add("disk_write_bytes_per_second", d.writeBytesPerSecond, l);
    add("disk_reads_per_second", d.readsPerSecond, l);
    add("disk_writes_per_second", d.writesPerSecond, l);
    add("disk_busy_ratio", d.busyRatio, l);
  }
  for (const f of h.filesystems) {
    const l = { mountpoint: f.mountpoint, device: f.device, fstype: f.fstype };
    add("filesystem_size_bytes", f.sizeBytes, l);
    add("filesystem_free_bytes", f.freeBytes, l);
    add("filesystem_avail_bytes", f.availBytes, l);
    add("filesystem_used_bytes", f.usedBytes, l);
    add("filesystem_used_ratio", f.usedRatio, l);
  }
  add("users", h.users.length);
  const perUser = new Map<string, number>();
  for (const u of h.users) perUser.set(u.user, (perUser.get(u.user) ?? 0) + 1);
  for (const [user, count] of perUser) add("user_sessions", count, { user });
  add("processes", h.processes.count);
  add("procs_running", h.processes.running);
  add("procs_blocked", h.processes.blocked);
  for (const p of h.processes.topCpu)
    add("process_cpu_ratio", p.cpuRatio, { pid: String(p.pid), name: p.name });
  for (const p of h.processes.topMemory)
    add("process_resident_bytes", p.residentBytes, { pid: String(p.pid), name: p.name });
  return out;
};

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Collects the host's metrics: one sample, a pause of `intervalMs`, a second sample, then the
 * snapshot and its `fleetlens_host_*` metrics. Never rejects: an unreadable `<root>/proc/stat`
 * gives a failed result (`error`), an abort a failed result (`timeout`).
 *
 * @example
 * ```ts
 * const { result, snapshot } = await collectHost({ intervalMs: 500, topN: 3 });
 * // result.metrics: [{ name: "fleetlens_host_cpu_busy_ratio", labels: { cpu: "all" }, value: 0.07 }, …]
 * // snapshot.memory.usedRatio, snapshot.filesystems[0].mountpoint, snapshot.processes.topCpu …
 * ```
 * @since 0.1.0
 * @category collectors
 */
export const collectHost = async (options: HostOptions = {}): Promise<HostCollection> => {
  const root = options.root ?? "/";
  const t0 = performance.now();
  const hostname =
    (await readText(join(root, "proc", "sys", "kernel", "hostname")))?.trim() ||
    (root === "/" ? os.hostname() : "");
  const target = options.target ?? hostname;
  const fail = (failureReason: "error" | "timeout", msg: string): HostCollection => ({
    result: {
      module: "host",
      target,
      success: false,
      durationSeconds: (performance.now() - t0) / 1000,
      failureReason,
      message: msg,
      metrics: [],
    },
    snapshot: null,
  });
  try {
    options.signal?.throwIfAborted();
    const a = await readHostSample(root);
    await sleep(
      Math.max(0, options.intervalMs ?? 1000),
      undefined,
      options.signal ? { signal: options.signal } : {},
    );
    const [b, filesystems, users, osRelease, pageSize, kernel] = await Promise.all([
      readHostSample(root),
      readFilesystems(root),
      readUsers(root),
      readOsRelease(root),
      options.pageSize ?? readPageSize(root),
      readText(join(root, "proc", "sys", "kernel", "osrelease")),
    ]);
    const snapshot = hostSnapshot(a, b, {
      hostname,
      osRelease,
      kernel: kernel?.trim() || os.release(),
      arch: os.arch(),
      filesystems,
      users,
      pageSize,
      topN: options.topN ?? 5,
    });
    return {
      result: {
        module: "host",
        target,
        success: true,
        durationSeconds: (performance.now() - t0) / 1000,
        failureReason: null,
        metrics: hostMetrics(snapshot),
      },
      snapshot,
    };
  } catch (e) {
    if (options.signal?.aborted)
      return fail("timeout", `host collection stopped: ${message(options.signal.reason ?? e)}`);
    return fail("error", `cannot read host metrics under ${root}: ${message(e)}`);
  }
};

/**
 * Module settings of the `host` prober.
 *
 * @since 0.1.0
 * @category models
 */
export interface HostModule {
  readonly root: string;
  readonly intervalMs: number;
  readonly topN: number;
}

/**
 * The `host` prober: {@link collectHost} behind the one probe signature. The interval is capped
 * at half the time budget so the probe finishes inside it.
 *
 * @since 0.1.0
 * @category probers
 */
export const hostProber: Prober<HostModule> & { readonly kind: "host" } = {
  kind: "host",
  description:
    "host metrics from procfs: CPU, memory, swap, load, network and disk rates, filesystems, users, top processes",
  defaults: { root: "/", intervalMs: 1000, topN: 5 },
  probe: async (target, module, ctx) =>
    (
      await collectHost({
        root: module.root,
        intervalMs: Math.min(module.intervalMs, Math.max(0, ctx.timeoutMs / 2)),
        topN: module.topN,
        signal: ctx.signal,
        target,
      })
    ).result,
};
