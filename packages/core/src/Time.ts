/**
 * Time helpers. Records hold times as epoch milliseconds (a float: sub-millisecond digits carry
 * microseconds); output renders them as ISO-8601 with an offset. Inputs without a year or zone
 * (plain `last`, tcpdump without `-tttt`, FlexLM `HH:MM:SS`) are resolved here, with the zone given
 * by name (`UTC`, `Europe/Berlin`, `+09:00`).
 *
 * @since 0.1.0
 * @module
 */

/** Month abbreviations as C's `ctime` prints them. @since 0.1.0 @category constants */
export const MONTHS = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
] as const;
/** Weekday abbreviations as C's `ctime` prints them, Sunday first. @since 0.1.0 @category constants */
export const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;

const monthIndex = new Map<string, number>(MONTHS.map((m, i) => [m, i]));
const weekdayIndex = new Map<string, number>(WEEKDAYS.map((d, i) => [d, i]));

/** 0-based month of a `Jan`..`Dec` abbreviation, or -1. @since 0.1.0 @category parsing */
export const monthOf = (abbr: string): number => monthIndex.get(abbr) ?? -1;
/** 0-based weekday (Sunday = 0) of a `Sun`..`Sat` abbreviation, or -1. @since 0.1.0 @category parsing */
export const weekdayOf = (abbr: string): number => weekdayIndex.get(abbr) ?? -1;

const pad2 = (n: number): string => (n < 10 ? "0" : "") + n;
const pad = (n: number, w: number): string => String(n).padStart(w, "0");

/**
 * Render epoch milliseconds as ISO-8601. Whole seconds print without a fraction; otherwise six
 * fractional digits (microseconds). `offsetMinutes` shifts the wall clock and prints the offset;
 * 0 prints `Z`.
 *
 * @example
 * ```ts
 * formatIso(Date.UTC(2024, 2, 1, 9, 15)) // "2024-03-01T09:15:00Z"
 * formatIso(1795293828099.948)           // "2026-11-21T20:43:48.099948Z"
 * ```
 * @since 0.1.0
 * @category formatting
 */
export const formatIso = (ms: number, offsetMinutes = 0): string => {
  let whole = Math.floor(ms / 1000);
  let micros = Math.round((ms - whole * 1000) * 1000);
  if (micros >= 1_000_000) {
    whole += 1;
    micros -= 1_000_000;
  }
  const d = new Date((whole + offsetMinutes * 60) * 1000);
  const y = d.getUTCFullYear();
  const base = `${y < 0 || y > 9999 ? String(y) : pad(y, 4)}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  const frac = micros === 0 ? "" : `.${pad(micros, 6)}`;
  if (offsetMinutes === 0) return `${base}${frac}Z`;
  const sign = offsetMinutes < 0 ? "-" : "+";
  const a = Math.abs(offsetMinutes);
  return `${base}${frac}${sign}${pad2(Math.floor(a / 60))}:${pad2(a % 60)}`;
};

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parse an ISO-8601 date-time (`2024-03-01T09:15:00+02:00`, `…Z`, comma or dot fraction up to
 * nanoseconds). A value without an offset is read in `zone` (default UTC). Returns NaN when the
 * text is not such a date-time.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseIso = (text: string, zone: Zone = UTC): number => {
  const m = ISO_RE.exec(text.trim());
  if (!m) return Number.NaN;
  const [, ys, mos, ds, hs, mis, ss, fs, off] = m;
  const fracMs = fs ? Number(`0.${fs}`) * 1000 : 0;
  const y = Number(ys);
  const mo = Number(mos) - 1;
  const d = Number(ds);
  const h = Number(hs);
  const mi = Number(mis);
  const s = ss ? Number(ss) : 0;
  if (mo > 11 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 60) return Number.NaN;
  if (off === undefined) return zone.toEpoch(y, mo, d, h, mi, s) + fracMs;
  let offMin = 0;
  if (off !== "Z") {
    const sign = off[0] === "-" ? -1 : 1;
    const digits = off.slice(1).replace(":", "");
    offMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  }
  return Date.UTC(y, mo, d, h, mi, s) - offMin * 60_000 + fracMs;
};

/** Days in a 0-based month. @since 0.1.0 @category calendar */
export const daysInMonth = (year: number, month0: number): number =>
  new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();

/** Weekday (Sunday = 0) of a calendar date. @since 0.1.0 @category calendar */
export const weekdayOfDate = (year: number, month0: number, day: number): number =>
  new Date(Date.UTC(year, month0, day)).getUTCDay();

/**
 * A time zone: turns a wall-clock reading into epoch milliseconds and back. Built by
 * {@link zone} from `UTC`, a fixed offset (`+09:00`, `-0500`) or an IANA name.
 *
 * @since 0.1.0
 * @category zones
 */
export interface Zone {
  readonly name: string;
  /** Epoch ms of a local wall-clock time (month 0-based). Non-existent times move forward; ambiguous ones take the earlier instant. */
  toEpoch(year: number, month0: number, day: number, hour: number, minute: number, second: number): number;
  /** Offset from UTC in minutes at an instant. */
  offsetAt(ms: number): number;
}

const fixedZone = (name: string, offsetMin: number): Zone => ({
  name,
  toEpoch: (y, mo, d, h, mi, s) => Date.UTC(y, mo, d, h, mi, s) - offsetMin * 60_000,
  offsetAt: () => offsetMin,
});

/** The UTC zone. @since 0.1.0 @category zones */
export const UTC: Zone = fixedZone("UTC", 0);

const OFFSET_RE = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/;

const ianaZone = (name: string): Zone => {
  const fmt = new Intl.DateTimeFormat("en-US", {
    timeZone: name,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  });
  // Offsets change at most a few times a year: cache them per UTC hour.
  const cache = new Map<number, number>();
  const offsetAt = (ms: number): number => {
    const hourKey = Math.floor(ms / 3_600_000);
    const hit = cache.get(hourKey);
    if (hit !== undefined) return hit;
    const parts = fmt.formatToParts(new Date(hourKey * 3_600_000));
    const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value);
    const asUtc = Date.UTC(
      get("year"),
      get("month") - 1,
      get("day"),
      get("hour"),
      get("minute"),
      get("second"),
    );
    const off = Math.round((asUtc - hourKey * 3_600_000) / 60_000);
    if (cache.size > 10_000) cache.clear();
    cache.set(hourKey, off);
    return off;
  };
  return {
    name,
    offsetAt,
    toEpoch: (y, mo, d, h, mi, s) => {
      const wall = Date.UTC(y, mo, d, h, mi, s);
      // Two candidates around the wall time; take the earlier one that maps back exactly.
      const o1 = offsetAt(wall - 86_400_000 / 2);
      const o2 = offsetAt(wall + 86_400_000 / 2);
      const c1 = wall - o1 * 60_000;
      const c2 = wall - o2 * 60_000;
      const ok1 = c1 + offsetAt(c1) * 60_000 === wall;
      const ok2 = c2 + offsetAt(c2) * 60_000 === wall;
      if (ok1 && ok2) return Math.min(c1, c2);
      if (ok1) return c1;
      if (ok2) return c2;
      return Math.max(c1, c2); // in a gap: the wall time does not exist; move forward
    },
  };
};

/**
 * Build a {@link Zone} from a name. Throws a `RangeError` naming the value when it is neither an
 * offset nor a zone this runtime knows (the CLI turns it into a usage error).
 *
 * @example
 * ```ts
 * zone("UTC"); zone("+09:00"); zone("Asia/Tokyo")
 * ```
 * @since 0.1.0
 * @category zones
 */
export const zone = (name: string): Zone => {
  const n = name.trim();
  if (n === "" || n === "UTC" || n === "Z" || n === "GMT" || n === "Etc/UTC") return UTC;
  const m = OFFSET_RE.exec(n);
  if (m) {
    const sign = m[1] === "-" ? -1 : 1;
    const h = Number(m[2]);
    const mi = m[3] ? Number(m[3]) : 0;
    if (h > 14 || mi > 59) throw new RangeError(`invalid UTC offset "${name}"`);
    return fixedZone(n, sign * (h * 60 + mi));
  }
  try {
    return ianaZone(n);
  } catch {
    throw new RangeError(`unknown time zone "${name}" (use UTC, an offset like +09:00, or an IANA name)`);
  }
};

/** The zone of this process (`TZ` or the system's). @since 0.1.0 @category zones */
export const localZone = (): Zone => zone(Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC");

/**
 * The year in which `month0`/`day` falls on `weekday`, searching backwards from `maxYear` for at
 * most `span` years. Used for `last`'s year-less `Fri Mar  1 09:15`. Returns undefined when none.
 *
 * @since 0.1.0
 * @category calendar
 */
export const yearForWeekday = (
  month0: number,
  day: number,
  weekday: number,
  maxYear: number,
  span = 28,
): number | undefined => {
  for (let y = maxYear; y > maxYear - span; y--) {
    if (day > daysInMonth(y, month0)) continue;
    if (weekdayOfDate(y, month0, day) === weekday) return y;
  }
  return undefined;
};

/**
 * Parse a human duration: `90s`, `15m`, `36h`, `14d`, `2w`, or a bare number of seconds. Returns
 * milliseconds, or NaN when the text is not a duration.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseDuration = (text: string): number => {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?$/.exec(text.trim());
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  const unit = m[2] ?? "s";
  const mult = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[unit] ?? Number.NaN;
  return n * mult;
};

/** Start (epoch ms) of the calendar day containing `ms` in `zone`, as `YYYY-MM-DD`. @since 0.1.0 @category calendar */
export const dayKey = (ms: number, z: Zone = UTC): string => formatIso(ms, z.offsetAt(ms)).slice(0, 10);
