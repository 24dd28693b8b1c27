/**
 * Streaming parser for Linux procfs text files: /proc/stat, /proc/meminfo, /proc/loadavg,
 * /proc/net/dev, /proc/diskstats and /proc/uptime. Each line is recognised by its own shape, so
 * one input may hold one file or several concatenated (`cat /proc/stat /proc/meminfo`).
 *
 * @since 0.1.0
 * @module
 */
import {
  type Emit,
  lineParser,
  type ParseOptions,
  type ParseResult,
  type ParserFactory,
  type ProcfsSample,
  parseAll,
} from "@fleetlens/core/lite";

/**
 * Options of the `procfs` parser (none of its own).
 *
 * @since 0.1.0
 * @category models
 */
export interface ProcfsOptions extends ParseOptions {}

/** A /proc/stat `cpu` line. @since 0.1.0 @category models */
export type ProcfsCpu = Extract<ProcfsSample, { type: "cpu" }>;
/** A /proc/stat one-number line (`ctxt`, `btime`, …). @since 0.1.0 @category models */
export type ProcfsStatValue = Extract<ProcfsSample, { type: "value" }>;
/** A /proc/stat `intr` or `softirq` line. @since 0.1.0 @category models */
export type ProcfsStatCounts = Extract<ProcfsSample, { type: "counts" }>;
/** A /proc/meminfo line. @since 0.1.0 @category models */
export type ProcfsMeminfo = Extract<ProcfsSample, { file: "meminfo" }>;
/** The /proc/loadavg line. @since 0.1.0 @category models */
export type ProcfsLoadavg = Extract<ProcfsSample, { file: "loadavg" }>;
/** A /proc/net/dev interface line. @since 0.1.0 @category models */
export type ProcfsNetDev = Extract<ProcfsSample, { file: "net-dev" }>;
/** A /proc/diskstats line. @since 0.1.0 @category models */
export type ProcfsDiskstats = Extract<ProcfsSample, { file: "diskstats" }>;
/** The /proc/uptime line. @since 0.1.0 @category models */
export type ProcfsUptime = Extract<ProcfsSample, { file: "uptime" }>;

/**
 * Bytes per diskstats sector: the kernel always counts 512-byte sectors there, whatever the
 * device's own sector size.
 *
 * @since 0.1.0
 * @category constants
 */
export const SECTOR_BYTES = 512;

/**
 * The /proc/stat keys read as one number (`type: "value"`); other lowercase keys with one number
 * are read the same way.
 *
 * @since 0.1.0
 * @category constants
 */
export const STAT_VALUE_KEYS: readonly string[] = [
  "ctxt",
  "btime",
  "processes",
  "procs_running",
  "procs_blocked",
];

/** The cpu columns, in the kernel's order. @since 0.1.0 @category constants */
export const CPU_FIELDS = [
  "user",
  "nice",
  "system",
  "idle",
  "iowait",
  "irq",
  "softirq",
  "steal",
  "guest",
  "guestNice",
] as const;

/** The /proc/net/dev columns after `name:`, in the kernel's order. @since 0.1.0 @category constants */
export const NET_FIELDS = [
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
  "txCompressed",
] as const;

/** The /proc/diskstats columns after the device name (kernel ≥ 5.5 prints all 17). @since 0.1.0 @category constants */
export const DISK_FIELDS = [
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
  "flushMs",
] as const;
const SECTOR_FIELDS = new Set<string>(["readBytes", "writeBytes", "discardBytes"]);

/** An unsigned decimal token as a number (exact up to 2^53), or -1. */
const uint = (s: string): number => {
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

const FLOAT = /^\d+(?:\.\d+)?$/;
const LOADAVG = /^(\d+\.\d+) (\d+\.\d+) (\d+\.\d+) (\d+)\/(\d+) (\d+)$/;
const STAT_KEY = /^[a-z_]+$/;
const CPU_KEY = /^cpu(\d*)$/;
const WS = /[ \t]+/;

type Outcome = ProcfsSample | { readonly ignore: string } | { readonly skip: string };

/** Numbers of `toks` from index `from`, or the index of the first bad one (as a string). */
const numbers = (toks: readonly string[], from: number): number[] | string => {
  const out: number[] = [];
  for (let i = from; i < toks.length; i++) {
    const v = uint(toks[i]!);
    if (v < 0) return `bad number "${toks[i]!.slice(0, 24)}"`;
    out.push(v);
  }
  return out;
};

const cpuLine = (key: string, digits: string, toks: readonly string[]): Outcome => {
  const v = numbers(toks, 1);
  if (typeof v === "string") return { skip: `stat ${key}: ${v}` };
  if (v.length < 4) return { skip: `stat ${key}: ${v.length} columns (expected 4 to 10)` };
  const r: Record<string, unknown> = {
    file: "stat",
    type: "cpu",
    cpu: digits === "" ? null : Number(digits),
  };
  for (let i = 0; i < CPU_FIELDS.length; i++) r[CPU_FIELDS[i]!] = v[i] ?? null;
  return r as ProcfsCpu;
};

const statLine = (toks: readonly string[]): Outcome => {
  const key = toks[0]!;
  const cpu = CPU_KEY.exec(key);
  if (cpu) return cpuLine(key, cpu[1]!, toks);
  if (!STAT_KEY.test(key)) return { skip: "unrecognised line" };
  if (key === "page" || key === "swap") return { ignore: "kernel 2.4 stat line" };
  const v = numbers(toks, 1);
  if (typeof v === "string") return { skip: `stat ${key}: ${v}` };
  if (key === "intr" || key === "softirq") {
    if (v.length === 0) return { skip: `stat ${key}: no total` };
    return { file: "stat", type: "counts", key, total: v[0]!, counts: v.slice(1) };
  }
  if (v.length !== 1) return { skip: `stat ${key}: ${v.length} numbers (expected 1)` };
  return { file: "stat", type: "value", key, value: v[0]! };
};

const colonLine = (t: string, colon: number): Outcome => {
  const key = t.slice(0, colon).trim();
  if (key.length === 0 || WS.test(key)) return { skip: "unrecognised line" };
  const rest = t.slice(colon + 1).trim();
  const toks = rest.length === 0 ? [] : rest.split(WS);
  if (toks.length === NET_FIELDS.length) {
    const v = numbers(toks, 0);
    if (typeof v === "string") return { skip: `net-dev ${key}: ${v}` };
    const r: Record<string, unknown> = { file: "net-dev", interface: key };
    for (let i = 0; i < NET_FIELDS.length; i++) r[NET_FIELDS[i]!] = v[i]!;
    return r as ProcfsNetDev;
  }
  if (toks.length === 1 || (toks.length === 2 && toks[1] === "kB")) {
    const v = uint(toks[0]!);
    if (v < 0) return { skip: `meminfo ${key}: bad number "${toks[0]!.slice(0, 24)}"` };
    return toks.length === 2
      ? { file: "meminfo", key, value: v * 1024, unit: "bytes" }
      : { file: "meminfo", key, value: v, unit: "count" };
  }
  // Linux 2.4: the meminfo summary table (`total: used: …`, `Mem: …`, `Swap: …`), stat `disk_io:`
  if (key === "total" || key === "Mem" || key === "Swap" || key === "disk_io")
    return { ignore: "kernel 2.4 summary" };
  return { skip: `unrecognised line: ${toks.length} values after "${key.slice(0, 24)}:"` };
};

const numericLine = (t: string): Outcome => {
  const load = LOADAVG.exec(t);
  if (load) {
    return {
      file: "loadavg",
      load1: Number(load[1]),
      load5: Number(load[2]),
      load15: Number(load[3]),
      running: Number(load[4]),
      total: Number(load[5]),
      lastPid: Number(load[6]),
    };
  }
  const toks = t.split(WS);
  if (toks.length === 2 && FLOAT.test(toks[0]!) && FLOAT.test(toks[1]!))
    return { file: "uptime", uptimeSeconds: Number(toks[0]), idleSeconds: Number(toks[1]) };
  if (toks.length < 3) return { skip: "unrecognised line" };
  const major = uint(toks[0]!);
  const minor = uint(toks[1]!);
  const device = toks[2]!;
  if (major < 0 || minor < 0 || uint(device) >= 0) return { skip: "unrecognised line" };
  const v = numbers(toks, 3);
  if (typeof v === "string") return { skip: `diskstats ${device}: ${v}` };
  const r: Record<string, unknown> = { file: "diskstats", major, minor, device };
  if (v.length === 4) {
    // Linux < 2.6.25 partitions: reads, sectors read, writes, sectors written
    for (const f of DISK_FIELDS) r[f] = null;
    r.reads = v[0]!;
    r.readBytes = v[1]! * SECTOR_BYTES;
    r.writes = v[2]!;
    r.writeBytes = v[3]! * SECTOR_BYTES;
    return r as ProcfsDiskstats;
  }
  if (v.length < 11) return { skip: `diskstats ${device}: ${v.length} fields (expected 4, 11, 15 or 17)` };
  for (let i = 0; i < DISK_FIELDS.length; i++) {
    const f = DISK_FIELDS[i]!;
    const x = v[i];
    r[f] = x === undefined ? null : SECTOR_FIELDS.has(f) ? x * SECTOR_BYTES : x;
  }
  return r as ProcfsDiskstats;
};

/**
 * Reads one procfs line (already stripped of its end of line) into a record, or says why it
 * carries none (`ignore`) or could not be read (`skip`).
 *
 * @since 0.1.0
 * @category parsers
 */
export const procfsLine = (line: string): Outcome => {
  const t = line.trim();
  if (t.length === 0) return { ignore: "blank" };
  if (t.startsWith("Inter-|") || /^face\s*\|/.test(t)) return { ignore: "header" };
  const c = t.charCodeAt(0);
  const colon = t.indexOf(":");
  if (c >= 48 && c <= 57 && colon < 0) return numericLine(t);
  if (colon > 0) return colonLine(t, colon);
  return statLine(t.split(WS));
};

/**
 * The streaming `procfs` parser (a {@link ParserFactory}). See {@link parseProcfs}.
 *
 * @since 0.1.0
 * @category parsers
 */
export const procfsParser: ParserFactory<ProcfsSample, ProcfsOptions> = lineParser<
  ProcfsSample,
  ProcfsOptions
>((emit: Emit<ProcfsSample>) => {
  const files: string[] = [];
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
    },
  };
});

/**
 * Parses Linux procfs files into {@link ProcfsSample} records, one per line, tagged by `file`.
 *
 * Understood (the kernel's documented formats, Documentation/filesystems/proc.rst and
 * admin-guide/iostats.rst):
 * - /proc/stat: `cpu`/`cpuN` (4 to 10 columns, by kernel age), `intr`, `softirq`, `ctxt`, `btime`,
 *   `processes`, `procs_running`, `procs_blocked`; kernel 2.4 `page`/`swap` lines are ignored
 * - /proc/meminfo: `Key: N kB` (to bytes) and `Key: N` (counts)
 * - /proc/loadavg, /proc/uptime
 * - /proc/net/dev: the two header lines are ignored; `name: 16 counters` (also without the space
 *   after the colon, as 2.6 kernels print long names)
 * - /proc/diskstats: 4 (old partitions), 11, 15 (4.18+) or 17 (5.5+) fields; sectors to bytes
 *
 * Blank lines are ignored; anything else is a skip with its reason.
 *
 * @example
 * ```ts
 * const { records } = parseProcfs("MemTotal:       16318504 kB\nHugePages_Total:       0\n");
 * // [{ file: "meminfo", key: "MemTotal", value: 16710148096, unit: "bytes" },
 * //  { file: "meminfo", key: "HugePages_Total", value: 0, unit: "count" }]
 * ```
 * @since 0.1.0
 * @category parsers
 */
export const parseProcfs = (
  input: string | Uint8Array,
  options: ProcfsOptions = {},
): ParseResult<ProcfsSample> => parseAll(procfsParser, input, options);
