/**
 * The SNMP metric math of the thesis (seed 002, table 3.3), as written, and the correct versions
 * next to them (FORMATS.md §7). Pure functions, no I/O.
 *
 * As written (`thesis*`): `cpu_percent = 100 − ssCpuIdle`, `mem_used = memTotalReal −
 * (memAvailReal + memBuffer + memCached)`, `mem_percent = mem_used / memTotalReal × 100`,
 * `disk_total = dskAvail + dskUsed`, `disk_percent = dskUsed / (dskAvail + dskUsed) × 100`,
 * `bits = octets × 8`. Their units are the agent's (kB for memory and disk, although the thesis
 * labels them bytes), and `bits` applied to a counter is a counter, not a rate.
 *
 * Corrected:
 * - **CPU** from two polls of the raw tick counters ({@link cpuUsage}), wrap-corrected, instead
 *   of the deprecated one-minute `ssCpuIdle` (absent during an agent's first minute).
 * - **Rates** from counter deltas ({@link counterRate}, {@link interfaceBitRate}): one wrap of a
 *   32- or 64-bit counter is corrected; a reset (sysUpTime went back or grew less than the wall
 *   clock, `ifCounterDiscontinuityTime` changed) or an implausible delta (above the interface
 *   speed after a wrap, or above an absolute ceiling) gives no rate but a {@link Rejection}.
 * - **Units**: UCD-SNMP-MIB's kB are KiB (the agent copies /proc/meminfo and statfs in 1024-byte
 *   units): {@link kbToBytes}. Disk totals come from `dskTotal` (reserved blocks included) or the
 *   High/Low pairs above 2 TB, not from `avail + used`.
 * - **Counter64** values arrive from net-snmp as the BER content bytes (a Buffer of 1 to 9
 *   bytes): {@link counter64ToBigInt} makes an exact bigint; Number is never used on the way.
 *
 * @since 0.1.0
 * @module
 */

// ---------------------------------------------------------------------------------------------
// Counter64
// ---------------------------------------------------------------------------------------------

/** 2^64 − 1, the largest Counter64. */
const MAX_U64 = (1n << 64n) - 1n;

/**
 * Exact value of a Counter64 (or any unsigned BER integer up to 64 bits) from its big-endian
 * content bytes, as net-snmp hands them over (`Buffer`; a leading 0x00 sign byte makes 9 bytes).
 * Throws a RangeError when empty or above 2^64 − 1 (a malformed varbind).
 *
 * @example
 * counter64ToBigInt(Buffer.from([0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])) // 18446744073709551615n
 *
 * @since 0.1.0
 * @category conversions
 */
export const counter64ToBigInt = (bytes: Uint8Array): bigint => {
  if (bytes.length === 0) throw new RangeError("Counter64: no content bytes");
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  if (v > MAX_U64) throw new RangeError(`Counter64: ${v} exceeds 2^64 - 1`);
  return v;
};

/**
 * The minimal BER content bytes of an unsigned integer (what an agent sends for a Counter64):
 * big-endian, with a leading 0x00 when the top bit is set. The inverse of
 * {@link counter64ToBigInt}; throws a RangeError outside 0 … 2^64 − 1.
 *
 * @since 0.1.0
 * @category conversions
 */
export const bigIntToCounter64 = (value: bigint): Uint8Array => {
  if (value < 0n || value > MAX_U64) throw new RangeError(`Counter64: ${value} out of range`);
  const out: number[] = [];
  let v = value;
  do {
    out.unshift(Number(v & 0xffn));
    v >>= 8n;
  } while (v > 0n);
  if ((out[0] as number) & 0x80) out.unshift(0);
  return Uint8Array.from(out);
};

// ---------------------------------------------------------------------------------------------
// The thesis's formulas, as written
// ---------------------------------------------------------------------------------------------

/**
 * The four memory scalars of UCD-SNMP-MIB the thesis reads, in the agent's kB.
 *
 * @since 0.1.0
 * @category models
 */
export interface ThesisMemory {
  readonly memTotalReal: number;
  readonly memAvailReal: number;
  readonly memBuffer: number;
  readonly memCached: number;
}

/**
 * Thesis: `cpu_percent = 100 − ssCpuIdle` (ssCpuIdle: the agent's one-minute idle percentage).
 *
 * @since 0.1.0
 * @category thesis
 */
export const thesisCpuPercent = (ssCpuIdle: number): number => 100 - ssCpuIdle;

/**
 * Thesis: `mem_used = memTotalReal − (memAvailReal + memBuffer + memCached)`, in kB.
 *
 * @since 0.1.0
 * @category thesis
 */
export const thesisMemUsed = (m: ThesisMemory): number =>
  m.memTotalReal - (m.memAvailReal + m.memBuffer + m.memCached);

/**
 * Thesis: `mem_percent = (mem_used / memTotalReal) × 100`; null where the thesis's code raised
 * ZeroDivisionError (memTotalReal = 0) and so emitted nothing.
 *
 * @since 0.1.0
 * @category thesis
 */
export const thesisMemPercent = (m: ThesisMemory): number | null =>
  m.memTotalReal === 0 ? null : (thesisMemUsed(m) / m.memTotalReal) * 100;

/**
 * Thesis: `disk_total = dskAvail + dskUsed`, in kB (misses the reserved blocks: see
 * {@link diskUsage}).
 *
 * @since 0.1.0
 * @category thesis
 */
export const thesisDiskTotal = (dskAvail: number, dskUsed: number): number => dskAvail + dskUsed;

/**
 * Thesis: `disk_percent = dskUsed / (dskAvail + dskUsed) × 100`; null on a zero denominator.
 *
 * @since 0.1.0
 * @category thesis
 */
export const thesisDiskPercent = (dskAvail: number, dskUsed: number): number | null =>
  dskAvail + dskUsed === 0 ? null : (dskUsed / (dskAvail + dskUsed)) * 100;

/**
 * Thesis: `bits_received = ifHCInOctets × 8` (and `bits_sent`): a counter of bits, exact.
 *
 * @since 0.1.0
 * @category thesis
 */
export const thesisBits = (octets: bigint): bigint => octets * 8n;

// ---------------------------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------------------------

/**
 * Bytes in one UCD-SNMP-MIB "kB" (a KiB).
 *
 * @since 0.1.0
 * @category constants
 */
export const KB = 1024;

/**
 * UCD-SNMP-MIB kB to bytes (exact for numbers below 2^43 kB and for any bigint).
 *
 * @since 0.1.0
 * @category conversions
 */
export function kbToBytes(kb: number): number;
export function kbToBytes(kb: bigint): bigint;
export function kbToBytes(kb: number | bigint): number | bigint {
  return typeof kb === "bigint" ? kb * 1024n : kb * KB;
}

/**
 * A 64-bit quantity split into two Unsigned32 halves (dskTotalHigh/dskTotalLow …):
 * `high × 2^32 + low`, exact.
 *
 * @since 0.1.0
 * @category conversions
 */
export const highLow = (high: number, low: number): bigint =>
  (BigInt(Math.trunc(high)) << 32n) + BigInt(Math.trunc(low));

// ---------------------------------------------------------------------------------------------
// Results that can be refused
// ---------------------------------------------------------------------------------------------

/**
 * Why a delta-based value was not computed:
 * - `reset`: the agent restarted between the polls (sysUpTime went back, or grew less than the
 *   wall clock did), so counters may have restarted from 0
 * - `discontinuity`: `ifCounterDiscontinuityTime` changed
 * - `implausible`: the corrected delta is more than the hardware could have produced (more than
 *   one wrap, or an unnoticed reset)
 * - `no-time`: no usable time between the polls
 * - `no-change`: the counters did not move (polls inside the agent's cache period)
 * - `missing`: a value needed is absent in one of the polls
 *
 * @since 0.1.0
 * @category models
 */
export type RejectReason = "reset" | "discontinuity" | "implausible" | "no-time" | "no-change" | "missing";

/**
 * A refused computation: no value, the reason and a sentence.
 *
 * @since 0.1.0
 * @category models
 */
export interface Rejection {
  readonly value: null;
  readonly reason: RejectReason;
  readonly message: string;
}

/**
 * A value, or a {@link Rejection}.
 *
 * @since 0.1.0
 * @category models
 */
export type Measured<A> = { readonly value: A; readonly reason: null } | Rejection;

const reject = (reason: RejectReason, message: string): Rejection => ({ value: null, reason, message });
const ok = <A>(value: A): Measured<A> => ({ value, reason: null });

// ---------------------------------------------------------------------------------------------
// Time between polls
// ---------------------------------------------------------------------------------------------

/**
 * When a poll was taken: the agent's sysUpTime.0 (TimeTicks, centiseconds) and/or the local
 * wall clock in ms. Either may be absent (null/undefined).
 *
 * @since 0.1.0
 * @category models
 */
export interface PollTime {
  readonly uptimeTicks?: number | null | undefined;
  readonly atMs?: number | null | undefined;
}

const TICKS_WRAP = 2 ** 32;

/**
 * Seconds between two polls, preferring the agent's own clock (sysUpTime, which wraps at 2^32
 * centiseconds ≈ 497 days). Refuses with `reset` when sysUpTime went back and the wall clock
 * does not confirm a wrap, or when sysUpTime grew clearly less than the wall clock (the agent
 * restarted in between and has been up for a shorter time than the interval); with `no-time`
 * when neither clock is there or no time passed.
 *
 * @since 0.1.0
 * @category rates
 */
export const elapsedSeconds = (prev: PollTime, cur: PollTime): Measured<number> => {
  const wall =
    prev.atMs != null && cur.atMs != null && Number.isFinite(prev.atMs) && Number.isFinite(cur.atMs)
      ? (cur.atMs - prev.atMs) / 1000
      : null;
  const u0 = prev.uptimeTicks;
  const u1 = cur.uptimeTicks;
  if (u0 != null && u1 != null) {
    // Allowed disagreement between the agent's clock and ours: 2 s or 10 %.
    const agrees = (s: number) => wall === null || Math.abs(s - wall) <= Math.max(2, 0.1 * wall);
    if (u1 < u0) {
      const wrapped = (u1 + TICKS_WRAP - u0) / 100;
      if (wall !== null && agrees(wrapped) && wrapped > 0) return ok(wrapped);
      return reject("reset", `sysUpTime went back from ${u0} to ${u1} ticks: the agent restarted`);
    }
    const s = (u1 - u0) / 100;
    if (wall !== null && s < wall - Math.max(2, 0.1 * wall))
      return reject(
        "reset",
        `sysUpTime grew ${s} s while ${wall} s passed: the agent restarted between the polls`,
      );
    if (s <= 0) return reject("no-time", "no time passed between the polls");
    return ok(s);
  }
  if (wall === null) return reject("no-time", "neither sysUpTime nor the poll times are known");
  if (wall <= 0) return reject("no-time", "no time passed between the polls");
  return ok(wall);
};

// ---------------------------------------------------------------------------------------------
// Counters and rates
// ---------------------------------------------------------------------------------------------

/**
 * The increase of a CounterN between two reads, assuming at most one wrap (RFC 2578):
 * `cur − prev` when `cur ≥ prev`, else `cur + 2^N − prev`. Values are taken modulo 2^N.
 *
 * @since 0.1.0
 * @category rates
 */
export const counterDelta = (prev: bigint, cur: bigint, bits: 32 | 64): bigint => {
  const mod = 1n << BigInt(bits);
  const p = ((prev % mod) + mod) % mod;
  const c = ((cur % mod) + mod) % mod;
  return c >= p ? c - p : c + mod - p;
};

/**
 * One read of a counter: its value and when it was read; `discontinuity` is the interface's
 * `ifCounterDiscontinuityTime` when known.
 *
 * @since 0.1.0
 * @category models
 */
export interface CounterSample extends PollTime {
  readonly value: bigint;
  readonly discontinuity?: number | null | undefined;
}

/**
 * Options of {@link counterRate}: the counter's width; `maxPerSecond` bounds the rate a wrapped
 * delta may imply (the interface speed, in counter units per second); `ceilingPerSecond` bounds
 * every rate (default {@link DEFAULT_CEILING_OCTETS_PER_SECOND}).
 *
 * @since 0.1.0
 * @category models
 */
export interface RateOptions {
  readonly bits: 32 | 64;
  readonly maxPerSecond?: number | null | undefined;
  readonly ceilingPerSecond?: number | undefined;
}

/**
 * The absolute ceiling of a rate when none is given: 400 Gb/s in octets per second.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_CEILING_OCTETS_PER_SECOND = 400e9 / 8;

/**
 * A counter's rate between two reads.
 *
 * @since 0.1.0
 * @category models
 */
export interface Rate {
  /** Units per second (never negative). */
  readonly perSecond: number;
  /** The exact increase. */
  readonly delta: bigint;
  readonly seconds: number;
  /** The counter wrapped once between the reads. */
  readonly wrapped: boolean;
}

/**
 * The rate of a counter between two reads, or why not: `discontinuity` when the discontinuity
 * time changed; `reset` / `no-time` from {@link elapsedSeconds}; `implausible` when a wrapped
 * delta implies more than `maxPerSecond` (a reset or several wraps), or any delta more than the
 * ceiling. A wrap is allowed only when the delta it implies is plausible, so a counter that
 * restarted from 0 is never read as a huge rate.
 *
 * @since 0.1.0
 * @category rates
 */
export const counterRate = (
  prev: CounterSample,
  cur: CounterSample,
  options: RateOptions,
): Measured<Rate> => {
  if (prev.discontinuity != null && cur.discontinuity != null && prev.discontinuity !== cur.discontinuity)
    return reject("discontinuity", "ifCounterDiscontinuityTime changed between the polls");
  const t = elapsedSeconds(prev, cur);
  if (t.reason !== null) return t;
  const seconds = t.value;
  const mod = 1n << BigInt(options.bits);
  const wrapped = ((cur.value % mod) + mod) % mod < ((prev.value % mod) + mod) % mod;
  const delta = counterDelta(prev.value, cur.value, options.bits);
  const perSecond = Number(delta) / seconds;
  const ceiling = options.ceilingPerSecond ?? DEFAULT_CEILING_OCTETS_PER_SECOND;
  const max = options.maxPerSecond != null && options.maxPerSecond > 0 ? options.maxPerSecond : null;
  if (wrapped && max !== null && perSecond > max)
    return reject(
      "implausible",
      `the counter went back from ${prev.value} to ${cur.value}; one wrap would mean ${perSecond.toPrecision(4)}/s, above the ${max}/s the interface can do: a reset or several wraps`,
    );
  if (perSecond > ceiling)
    return reject(
      "implausible",
      `${wrapped ? "after a wrap, " : ""}the delta ${delta} in ${seconds} s means ${perSecond.toPrecision(4)}/s, above the ceiling ${ceiling}/s: a counter reset`,
    );
  return ok({ perSecond, delta, seconds, wrapped });
};

/**
 * One interface's octet counter read, with the interface's speed when known (ifHighSpeed × 10^6
 * or ifSpeed, bit/s; 0 or null when unknown).
 *
 * @since 0.1.0
 * @category models
 */
export interface OctetSample extends CounterSample {
  readonly speedBitsPerSecond?: number | null | undefined;
}

/**
 * An interface's bit rate (bit/s) from two reads of ifHCInOctets/ifHCOutOctets (`bits` 64) or
 * ifInOctets/ifOutOctets (`bits` 32): {@link counterRate} on octets, × 8. A wrapped delta must
 * fit the interface speed (+10 %); the ceiling (default 400 Gb/s) holds for every delta.
 *
 * @since 0.1.0
 * @category rates
 */
export const interfaceBitRate = (
  prev: OctetSample,
  cur: OctetSample,
  bits: 32 | 64,
  ceilingBitsPerSecond = 400e9,
): Measured<number> => {
  const speed = cur.speedBitsPerSecond ?? prev.speedBitsPerSecond ?? null;
  const r = counterRate(prev, cur, {
    bits,
    maxPerSecond: speed != null && speed > 0 ? (speed * 1.1) / 8 : null,
    ceilingPerSecond: ceilingBitsPerSecond / 8,
  });
  return r.reason === null ? ok(r.value.perSecond * 8) : r;
};

// ---------------------------------------------------------------------------------------------
// CPU
// ---------------------------------------------------------------------------------------------

/**
 * The raw CPU tick counters of UCD-SNMP-MIB systemStats (Counter32, USER_HZ ticks summed over
 * all CPUs): ssCpuRawUser .50, Nice .51, System .52, Idle .53, Wait .54, Kernel .55,
 * Interrupt .56, SoftIRQ .61, Steal .64, Guest .65, GuestNice .66. Absent ones are null.
 *
 * @since 0.1.0
 * @category models
 */
export interface CpuTicks {
  readonly user: number | null;
  readonly nice: number | null;
  readonly system: number | null;
  readonly idle: number | null;
  readonly wait: number | null;
  readonly kernel: number | null;
  readonly interrupt: number | null;
  readonly softirq: number | null;
  readonly steal: number | null;
  readonly guest: number | null;
  readonly guestNice: number | null;
}

/**
 * The modes that make up the total in {@link cpuUsage} (kernel is inside system on BSD; guest
 * and guest_nice are inside user and nice on Linux: neither is added).
 *
 * @since 0.1.0
 * @category constants
 */
export const CPU_MODES = ["user", "nice", "system", "idle", "wait", "interrupt", "softirq", "steal"] as const;

/**
 * One of {@link CPU_MODES}.
 *
 * @since 0.1.0
 * @category models
 */
export type CpuMode = (typeof CPU_MODES)[number];

/**
 * A poll of the CPU counters: the ticks, when, and how many CPUs (ssCpuNumCpus) when known.
 *
 * @since 0.1.0
 * @category models
 */
export interface CpuSample extends PollTime {
  readonly ticks: CpuTicks;
  readonly cpus?: number | null | undefined;
}

/**
 * CPU use between two polls, in percent of all CPU time: `busyPercent` (every mode but idle and
 * wait), and each mode's share.
 *
 * @since 0.1.0
 * @category models
 */
export interface CpuUsage {
  readonly busyPercent: number;
  readonly modes: Readonly<Record<CpuMode, number>>;
  /** Ticks in the interval over all modes. */
  readonly totalTicks: number;
  readonly seconds: number | null;
}

/**
 * Options of {@link cpuUsage}: ticks per second per CPU (USER_HZ, default 100) and the slack
 * allowed over `seconds × hz × cpus` (default 1.5: the agent refreshes its counters every few
 * seconds, so a delta can cover more time than the polls are apart).
 *
 * @since 0.1.0
 * @category models
 */
export interface CpuOptions {
  readonly hz?: number | undefined;
  readonly slack?: number | undefined;
}

/**
 * CPU percentages from two polls of the raw counters (FORMATS.md §7.1): each counter's
 * wrap-corrected delta; `total = user + nice + system + idle + wait + interrupt + softirq +
 * steal` over the modes both polls have; `busy = total − idle − wait`. Refuses with `missing`
 * when user/system/idle are absent or all counters read 0 (an agent in its first seconds),
 * `no-change` when nothing moved, `reset` from the clocks, and `implausible` when the total is
 * more ticks than the CPUs could have spent in the interval (a reboot read as a wrap). Every
 * percentage is in [0, 100].
 *
 * @since 0.1.0
 * @category cpu
 */
export const cpuUsage = (prev: CpuSample, cur: CpuSample, options: CpuOptions = {}): Measured<CpuUsage> => {
  for (const s of [prev, cur]) {
    if (s.ticks.user === null || s.ticks.system === null || s.ticks.idle === null)
      return reject("missing", "ssCpuRawUser, ssCpuRawSystem or ssCpuRawIdle is absent");
    if (CPU_MODES.every((m) => !s.ticks[m]))
      return reject("missing", "every raw CPU counter reads 0: the agent has not sampled /proc/stat yet");
  }
  const hasTime =
    (prev.uptimeTicks != null && cur.uptimeTicks != null) || (prev.atMs != null && cur.atMs != null);
  const t = hasTime ? elapsedSeconds(prev, cur) : null;
  if (t !== null && t.reason !== null && t.reason !== "no-time") return t;
  const seconds = t !== null && t.reason === null ? t.value : null;
  const d = {} as Record<CpuMode, number>;
  let total = 0;
  for (const m of CPU_MODES) {
    const a = prev.ticks[m];
    const b = cur.ticks[m];
    d[m] = a === null || b === null ? 0 : Number(counterDelta(BigInt(a), BigInt(b), 32));
    total += d[m];
  }
  if (total === 0)
    return reject("no-change", "no CPU ticks between the polls (inside the agent's cache period)");
  const cpus = cur.cpus ?? prev.cpus ?? null;
  if (seconds !== null && cpus !== null && cpus > 0) {
    const max =
      seconds * (options.hz ?? 100) * cpus * (options.slack ?? 1.5) + (options.hz ?? 100) * cpus * 5;
    if (total > max)
      return reject(
        "implausible",
        `${total} ticks in ${seconds} s on ${cpus} CPUs (at most ${Math.round(max)}): the counters restarted`,
      );
  }
  const modes = {} as Record<CpuMode, number>;
  for (const m of CPU_MODES) modes[m] = (100 * d[m]) / total;
  const busy = total - d.idle - d.wait;
  return ok({ busyPercent: (100 * busy) / total, modes, totalTicks: total, seconds });
};

// ---------------------------------------------------------------------------------------------
// Memory and disk
// ---------------------------------------------------------------------------------------------

/**
 * Memory scalars of UCD-SNMP-MIB in the agent's kB: memTotalReal .5, memAvailReal .6 (free),
 * memBuffer .14, memCached .15, memSysAvail .27 (MemAvailable; null on older agents).
 *
 * @since 0.1.0
 * @category models
 */
export interface MemoryKb {
  readonly memTotalReal: number;
  readonly memAvailReal: number;
  readonly memBuffer: number | null;
  readonly memCached: number | null;
  readonly memSysAvail: number | null;
}

/**
 * Memory in bytes. `availableBytes` is memSysAvail (the kernel's MemAvailable) when present,
 * else free + buffers + cached (free(1)'s older estimate); `usedBytes = total − available`
 * clamped to [0, total]; `usedPercent` is null when the total is 0.
 *
 * @since 0.1.0
 * @category models
 */
export interface MemoryUsage {
  readonly totalBytes: number;
  readonly freeBytes: number;
  readonly buffersBytes: number | null;
  readonly cachedBytes: number | null;
  readonly availableBytes: number;
  readonly usedBytes: number;
  readonly usedPercent: number | null;
  readonly method: "memSysAvail" | "free+buffers+cached";
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * Memory use in bytes (see {@link MemoryUsage}); the thesis's formula is the fallback method,
 * converted from kB and kept inside [0, total].
 *
 * @since 0.1.0
 * @category memory
 */
export const memoryUsage = (m: MemoryKb): MemoryUsage => {
  const total = Math.max(0, kbToBytes(m.memTotalReal));
  const free = Math.max(0, kbToBytes(m.memAvailReal));
  const buffers = m.memBuffer === null ? null : Math.max(0, kbToBytes(m.memBuffer));
  const cached = m.memCached === null ? null : Math.max(0, kbToBytes(m.memCached));
  const method = m.memSysAvail !== null ? "memSysAvail" : "free+buffers+cached";
  const available = clamp(
    m.memSysAvail !== null ? kbToBytes(m.memSysAvail) : free + (buffers ?? 0) + (cached ?? 0),
    0,
    total,
  );
  const used = total - available;
  return {
    totalBytes: total,
    freeBytes: free,
    buffersBytes: buffers,
    cachedBytes: cached,
    availableBytes: available,
    usedBytes: used,
    usedPercent: total === 0 ? null : clamp((100 * used) / total, 0, 100),
    method,
  };
};

/**
 * One dskTable row in the agent's kB: dskTotal .6, dskAvail .7, dskUsed .8 (Integer32, latched
 * at 2147483647 above 2 TB) and the Unsigned32 halves .11–.16 (null when absent).
 *
 * @since 0.1.0
 * @category models
 */
export interface DiskKb {
  readonly dskTotal: number;
  readonly dskAvail: number;
  readonly dskUsed: number;
  readonly dskTotalLow?: number | null | undefined;
  readonly dskTotalHigh?: number | null | undefined;
  readonly dskAvailLow?: number | null | undefined;
  readonly dskAvailHigh?: number | null | undefined;
  readonly dskUsedLow?: number | null | undefined;
  readonly dskUsedHigh?: number | null | undefined;
}

/**
 * Disk use in bytes. `totalBytes` is the filesystem size (reserved blocks included);
 * `usedPercent` is df's `used / (used + available)` (what a non-root user can still fill);
 * `reservedBytes = total − used − available` (≥ 0); `usedPercent` is null when used + available
 * is 0.
 *
 * @since 0.1.0
 * @category models
 */
export interface DiskUsage {
  readonly totalBytes: number;
  readonly availableBytes: number;
  readonly usedBytes: number;
  readonly reservedBytes: number;
  readonly usedPercent: number | null;
}

const pick64 = (plain: number, high: number | null | undefined, low: number | null | undefined): number =>
  high != null && low != null ? Number(highLow(high, low)) : plain;

/**
 * Disk use of one dskTable row in bytes (see {@link DiskUsage}), from the High/Low halves when
 * the agent has them (exact above 2 TB), else from the Integer32 columns.
 *
 * @since 0.1.0
 * @category disk
 */
export const diskUsage = (d: DiskKb): DiskUsage => {
  const total = Math.max(0, kbToBytes(pick64(d.dskTotal, d.dskTotalHigh, d.dskTotalLow)));
  const avail = Math.max(0, kbToBytes(pick64(d.dskAvail, d.dskAvailHigh, d.dskAvailLow)));
  const used = Math.max(0, kbToBytes(pick64(d.dskUsed, d.dskUsedHigh, d.dskUsedLow)));
  const denominator = used + avail;
  return {
    totalBytes: total,
    availableBytes: avail,
    usedBytes: used,
    reservedBytes: Math.max(0, total - used - avail),
    usedPercent: denominator === 0 ? null : clamp((100 * used) / denominator, 0, 100),
  };
};
