/**
 * Samples of Linux procfs files (/proc/stat, /proc/meminfo, /proc/loadavg, /proc/net/dev,
 * /proc/diskstats, /proc/uptime): one record per line, tagged by the file it came from.
 *
 * @since 0.1.0
 * @module
 */
import { Schema } from "effect";

/**
 * The procfs files understood: `stat`, `meminfo`, `loadavg`, `net-dev` (/proc/net/dev),
 * `diskstats`, `uptime`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ProcfsFile = Schema.Literals(["stat", "meminfo", "loadavg", "net-dev", "diskstats", "uptime"]);
/** @since 0.1.0 @category models */
export type ProcfsFile = typeof ProcfsFile.Type;

const N = Schema.Finite;
const NN = Schema.NullOr(Schema.Finite);

/**
 * One line of a procfs file, tagged by `file` (and, for /proc/stat, by `type`):
 * - `stat` / `cpu`: `{cpu (null for the aggregate `cpu` line, else the CPU number), user, nice,
 *   system, idle, iowait, irq, softirq, steal, guest, guestNice}` in USER_HZ ticks (jiffies);
 *   columns the kernel did not print (older kernels) are null
 * - `stat` / `value`: `{key, value}` for one-number lines: `ctxt`, `btime` (epoch seconds),
 *   `processes` (forks since boot), `procs_running`, `procs_blocked`
 * - `stat` / `counts`: `{key, total, counts}` for `intr` and `softirq` (the first number is the
 *   total, the rest per interrupt / per softirq)
 * - `meminfo`: `{key, value, unit}`: `kB` values converted to bytes (`unit: "bytes"`), unit-less
 *   ones (`HugePages_Total`) kept as counts (`unit: "count"`)
 * - `loadavg`: `{load1, load5, load15, running, total, lastPid}`
 * - `net-dev`: `{interface, rxBytes, rxPackets, rxErrs, rxDrop, rxFifo, rxFrame, rxCompressed,
 *   rxMulticast, txBytes, txPackets, txErrs, txDrop, txFifo, txColls, txCarrier, txCompressed}`
 * - `diskstats`: `{major, minor, device, reads, readsMerged, readBytes, readMs, writes,
 *   writesMerged, writeBytes, writeMs, inFlight, ioMs, weightedIoMs, discards, discardsMerged,
 *   discardBytes, discardMs, flushes, flushMs}`: sectors converted to bytes (512 each), times in
 *   ms; columns the kernel did not print are null (old 4-field partition lines have only reads,
 *   readBytes, writes, writeBytes)
 * - `uptime`: `{uptimeSeconds, idleSeconds}` (idle is summed over CPUs)
 *
 * Counters are JavaScript numbers: exact up to 2^53.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ProcfsSample = Schema.Union([
  Schema.Struct({
    file: Schema.Literal("stat"),
    type: Schema.Literal("cpu"),
    cpu: NN,
    user: N,
    nice: N,
    system: N,
    idle: N,
    iowait: NN,
    irq: NN,
    softirq: NN,
    steal: NN,
    guest: NN,
    guestNice: NN,
  }),
  Schema.Struct({
    file: Schema.Literal("stat"),
    type: Schema.Literal("value"),
    key: Schema.String,
    value: N,
  }),
  Schema.Struct({
    file: Schema.Literal("stat"),
    type: Schema.Literal("counts"),
    key: Schema.String,
    total: N,
    counts: Schema.Array(N),
  }),
  Schema.Struct({
    file: Schema.Literal("meminfo"),
    key: Schema.String,
    value: N,
    unit: Schema.Literals(["bytes", "count"]),
  }),
  Schema.Struct({
    file: Schema.Literal("loadavg"),
    load1: N,
    load5: N,
    load15: N,
    running: N,
    total: N,
    lastPid: N,
  }),
  Schema.Struct({
    file: Schema.Literal("net-dev"),
    interface: Schema.String,
    rxBytes: N,
    rxPackets: N,
    rxErrs: N,
    rxDrop: N,
    rxFifo: N,
    rxFrame: N,
    rxCompressed: N,
    rxMulticast: N,
    txBytes: N,
    txPackets: N,
    txErrs: N,
    txDrop: N,
    txFifo: N,
    txColls: N,
    txCarrier: N,
    txCompressed: N,
  }),
  Schema.Struct({
    file: Schema.Literal("diskstats"),
    major: N,
    minor: N,
    device: Schema.String,
    reads: N,
    readsMerged: NN,
    readBytes: N,
    readMs: NN,
    writes: N,
    writesMerged: NN,
    writeBytes: N,
    writeMs: NN,
    inFlight: NN,
    ioMs: NN,
    weightedIoMs: NN,
    discards: NN,
    discardsMerged: NN,
    discardBytes: NN,
    discardMs: NN,
    flushes: NN,
    flushMs: NN,
  }),
  Schema.Struct({
    file: Schema.Literal("uptime"),
    uptimeSeconds: N,
    idleSeconds: N,
  }),
]);
/** @since 0.1.0 @category models */
export type ProcfsSample = typeof ProcfsSample.Type;
