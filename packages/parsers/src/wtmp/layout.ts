/**
 * Binary layouts of glibc's `struct utmp` (utmp, wtmp, btmp), the byte access shared by the parser,
 * the renderer and `sniff`, and layout detection from the first records.
 *
 * @since 0.1.0
 * @module
 */

/**
 * The layouts understood:
 * - `glibc-le-384`: x86_64 / aarch64 / i386 / arm: 384-byte records, little-endian, `int32`
 *   `ut_session` and `ut_tv` (the common case);
 * - `glibc-be-384`: the same fields byte-swapped (s390x, ppc64 big-endian);
 * - `glibc-le-400` / `glibc-be-400`: 64-bit ABIs without the 32-bit-time compatibility
 *   (`long ut_session`, 64-bit `struct timeval`), 400 bytes per record.
 *
 * @since 0.1.0
 * @category models
 */
export type UtmpLayoutName = "glibc-le-384" | "glibc-be-384" | "glibc-le-400" | "glibc-be-400";

/**
 * Field offsets of one layout.
 *
 * @since 0.1.0
 * @category models
 */
export interface UtmpLayout {
  readonly name: UtmpLayoutName;
  readonly size: number;
  readonly little: boolean;
  /** Width in bytes of `ut_session`, `tv_sec` and `tv_usec` (4 or 8). */
  readonly wide: 4 | 8;
  readonly session: number;
  readonly tvSec: number;
  readonly tvUsec: number;
  readonly addr: number;
  readonly description: string;
}

/** Offsets common to all layouts. @since 0.1.0 @category constants */
export const UT = {
  type: 0,
  pid: 4,
  line: 8,
  lineSize: 32,
  id: 40,
  idSize: 4,
  user: 44,
  userSize: 32,
  host: 76,
  hostSize: 256,
  exitTermination: 332,
  exitExit: 334,
} as const;

/** The known layouts by name. @since 0.1.0 @category constants */
export const LAYOUTS: Readonly<Record<UtmpLayoutName, UtmpLayout>> = {
  "glibc-le-384": {
    name: "glibc-le-384",
    size: 384,
    little: true,
    wide: 4,
    session: 336,
    tvSec: 340,
    tvUsec: 344,
    addr: 348,
    description: "glibc 384-byte records, little-endian, 32-bit time (x86_64, aarch64, i386)",
  },
  "glibc-be-384": {
    name: "glibc-be-384",
    size: 384,
    little: false,
    wide: 4,
    session: 336,
    tvSec: 340,
    tvUsec: 344,
    addr: 348,
    description: "glibc 384-byte records, big-endian, 32-bit time (s390x, ppc64)",
  },
  "glibc-le-400": {
    name: "glibc-le-400",
    size: 400,
    little: true,
    wide: 8,
    session: 336,
    tvSec: 344,
    tvUsec: 352,
    addr: 360,
    description: "glibc 400-byte records, little-endian, 64-bit time",
  },
  "glibc-be-400": {
    name: "glibc-be-400",
    size: 400,
    little: false,
    wide: 8,
    session: 336,
    tvSec: 344,
    tvUsec: 352,
    addr: 360,
    description: "glibc 400-byte records, big-endian, 64-bit time",
  },
};

const ORDER: readonly UtmpLayout[] = [
  LAYOUTS["glibc-le-384"],
  LAYOUTS["glibc-be-384"],
  LAYOUTS["glibc-le-400"],
  LAYOUTS["glibc-be-400"],
];

/** Read an unsigned 16-bit value. @since 0.1.0 @category decoding */
export const u16 = (b: Uint8Array, o: number, little: boolean): number =>
  little ? b[o]! | (b[o + 1]! << 8) : (b[o]! << 8) | b[o + 1]!;

/** Read a signed 16-bit value. @since 0.1.0 @category decoding */
export const i16 = (b: Uint8Array, o: number, little: boolean): number => (u16(b, o, little) << 16) >> 16;

/** Read a signed 32-bit value. @since 0.1.0 @category decoding */
export const i32 = (b: Uint8Array, o: number, little: boolean): number =>
  little
    ? b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)
    : (b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!;

/** Read a signed 4- or 8-byte integer as a number (exact up to 2^53). @since 0.1.0 @category decoding */
export const int = (b: Uint8Array, o: number, little: boolean, width: 4 | 8): number => {
  if (width === 4) return i32(b, o, little);
  const lo = little ? i32(b, o, true) >>> 0 : i32(b, o + 4, false) >>> 0;
  const hi = little ? i32(b, o + 4, true) : i32(b, o, false);
  return hi * 4294967296 + lo;
};

/** `ut_type` values of glibc, plus `last`'s SHUTDOWN_TIME. @since 0.1.0 @category constants */
export const UtType = {
  EMPTY: 0,
  RUN_LVL: 1,
  BOOT_TIME: 2,
  NEW_TIME: 3,
  OLD_TIME: 4,
  INIT_PROCESS: 5,
  LOGIN_PROCESS: 6,
  USER_PROCESS: 7,
  DEAD_PROCESS: 8,
  ACCOUNTING: 9,
  SHUTDOWN_TIME: 254,
} as const;

/**
 * Why the record at `o` is corrupt (a `ut_type` outside 0..9 and 254, `tv_usec` outside
 * 0..999999, a negative or absurd `tv_sec`), or undefined when it is plausible.
 *
 * @since 0.1.0
 * @category validation
 */
export const corruption = (b: Uint8Array, o: number, l: UtmpLayout): string | undefined => {
  const type = i16(b, o, l.little);
  if ((type < 0 || type > 9) && type !== 254) return `ut_type ${type} out of range`;
  const usec = int(b, o + l.tvUsec, l.little, l.wide);
  if (usec < 0 || usec > 999_999) return `tv_usec ${usec} out of range`;
  const sec = int(b, o + l.tvSec, l.little, l.wide);
  if (sec < 0 || sec >= 4294967296) return `tv_sec ${sec} is not a plausible time`;
  return undefined;
};

const textish = (b: Uint8Array, o: number, size: number): boolean => {
  for (let i = 0; i < size; i++) {
    const c = b[o + i]!;
    if (c === 0) return true;
    if (c < 0x20 || c === 0x7f) return false;
  }
  return true;
};

/**
 * How much the record at `o` supports layout `l`: 1 for a plausible non-empty record with a
 * non-zero time, 0.5 for an empty record, 0 otherwise (zero-filled records prove nothing; a
 * mis-aligned layout mostly reads zeros or garbage).
 *
 * @since 0.1.0
 * @category validation
 */
export const evidence = (b: Uint8Array, o: number, l: UtmpLayout): number => {
  if (corruption(b, o, l) !== undefined) return 0;
  if (
    !textish(b, o + UT.line, UT.lineSize) ||
    !textish(b, o + UT.user, UT.userSize) ||
    !textish(b, o + UT.host, 64)
  )
    return 0;
  if (i16(b, o, l.little) === 0) return 0.5;
  return int(b, o + l.tvSec, l.little, l.wide) > 0 ? 1 : 0;
};

/** How many bytes of the head detection looks at (24 records of 400 = 25 of 384). @since 0.1.0 @category constants */
export const DETECT_BYTES = 9600;

/**
 * Pick the layout under which the first records of `head` look most plausible; ties go to the
 * common little-endian 384-byte layout. Returns the layout, the share of plausible records and how
 * many records were examined.
 *
 * @since 0.1.0
 * @category detection
 */
export const detectLayout = (head: Uint8Array): { layout: UtmpLayout; score: number; examined: number } => {
  let best = ORDER[0]!;
  let bestScore = -1;
  let bestN = 0;
  for (const l of ORDER) {
    const n = Math.floor(Math.min(head.length, DETECT_BYTES) / l.size);
    if (n === 0) continue;
    let ok = 0;
    for (let i = 0; i < n; i++) ok += evidence(head, i * l.size, l);
    let score = ok / n;
    // A head shorter than DETECT_BYTES is the whole input, and a wtmp file is a whole number of
    // records: a layout that leaves bytes over is unlikely (a few records cannot outvote that).
    if (head.length < DETECT_BYTES && head.length % l.size !== 0) score -= 0.5;
    if (score > bestScore) {
      best = l;
      bestScore = score;
      bestN = n;
    }
  }
  return { layout: best, score: Math.max(bestScore, 0), examined: bestN };
};
