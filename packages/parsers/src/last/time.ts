/**
 * Character-level recognisers for the timestamps `last` prints (ctime short/full, ISO) and the
 * LENGTH column, shared by the parser, the renderer and `sniff`.
 *
 * @since 0.1.0
 * @module
 */
import { Time, type Zone } from "@fleetlens/core/lite";

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const d2 = (s: string, i: number): number => (s.charCodeAt(i) - 48) * 10 + (s.charCodeAt(i + 1) - 48);
const isAllDigits = (s: string): boolean => {
  if (s.length === 0 || s.length > 9) return false;
  for (let k = 0; k < s.length; k++) if (!isDigit(s.charCodeAt(k))) return false;
  return true;
};
const digitsAt = (s: string, i: number, n: number): boolean => {
  for (let k = 0; k < n; k++) if (!isDigit(s.charCodeAt(i + k))) return false;
  return true;
};

/**
 * A ctime reading at `i`: `Fri Mar  1 09:15` (16 characters) or, when `full`, `Fri Mar  1
 * 09:15:00 2024` (24).
 *
 * @since 0.1.0
 * @category parsing
 */
export interface CtimeAt {
  weekday: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** NaN in the short form. */
  year: number;
  length: 16 | 24;
}

/**
 * Read a ctime timestamp at `i` (full form preferred when present), or undefined.
 *
 * @since 0.1.0
 * @category parsing
 */
export const ctimeAt = (s: string, i: number): CtimeAt | undefined => {
  if (i + 16 > s.length) return undefined;
  if (s.charCodeAt(i + 3) !== 32 || s.charCodeAt(i + 7) !== 32 || s.charCodeAt(i + 10) !== 32)
    return undefined;
  if (s.charCodeAt(i + 13) !== 58 || !digitsAt(s, i + 11, 2) || !digitsAt(s, i + 14, 2)) return undefined;
  const weekday = Time.weekdayOf(s.slice(i, i + 3));
  if (weekday < 0) return undefined;
  const month = Time.monthOf(s.slice(i + 4, i + 7));
  if (month < 0) return undefined;
  const c8 = s.charCodeAt(i + 8);
  if (!isDigit(s.charCodeAt(i + 9)) || !(c8 === 32 || isDigit(c8))) return undefined;
  const day = c8 === 32 ? s.charCodeAt(i + 9) - 48 : d2(s, i + 8);
  const hour = d2(s, i + 11);
  const minute = d2(s, i + 14);
  if (day < 1 || day > 31 || hour > 23 || minute > 59) return undefined;
  if (
    i + 24 <= s.length &&
    s.charCodeAt(i + 16) === 58 &&
    digitsAt(s, i + 17, 2) &&
    s.charCodeAt(i + 19) === 32 &&
    digitsAt(s, i + 20, 4) &&
    (i + 24 === s.length || s.charCodeAt(i + 24) === 32)
  ) {
    const second = d2(s, i + 17);
    const year = d2(s, i + 20) * 100 + d2(s, i + 22);
    if (second <= 60) return { weekday, month, day, hour, minute, second, year, length: 24 };
  }
  if (i + 16 < s.length && s.charCodeAt(i + 16) !== 32) return undefined;
  return { weekday, month, day, hour, minute, second: 0, year: Number.NaN, length: 16 };
};

/**
 * Length of an ISO timestamp as `last --time-format iso` prints it at `i`
 * (`2024-03-01T09:15:00+00:00`, 25 characters; `Z` and a fraction are accepted too), or 0.
 *
 * @since 0.1.0
 * @category parsing
 */
export const isoLengthAt = (s: string, i: number): number => {
  if (i + 20 > s.length) return 0;
  if (
    !digitsAt(s, i, 4) ||
    s.charCodeAt(i + 4) !== 45 ||
    !digitsAt(s, i + 5, 2) ||
    s.charCodeAt(i + 7) !== 45 ||
    !digitsAt(s, i + 8, 2) ||
    s.charCodeAt(i + 10) !== 84 ||
    !digitsAt(s, i + 11, 2) ||
    s.charCodeAt(i + 13) !== 58 ||
    !digitsAt(s, i + 14, 2) ||
    s.charCodeAt(i + 16) !== 58 ||
    !digitsAt(s, i + 17, 2)
  ) {
    return 0;
  }
  let j = i + 19;
  const c = s.charCodeAt(j);
  if (c === 44 || c === 46) {
    j++;
    while (isDigit(s.charCodeAt(j))) j++;
  }
  const o = s.charCodeAt(j);
  if (o === 90) return j + 1 - i;
  if ((o === 43 || o === 45) && digitsAt(s, j + 1, 2)) {
    if (s.charCodeAt(j + 3) === 58 && digitsAt(s, j + 4, 2)) return j + 6 - i;
    if (digitsAt(s, j + 3, 2)) return j + 5 - i;
  }
  return 0;
};

/**
 * The LENGTH column at `i` (`(01:32)`, `(2+01:30)`, `(-00:01)`, `(-1+02:03)`) in signed minutes,
 * with the index after `)`; undefined when there is none.
 *
 * @since 0.1.0
 * @category parsing
 */
export const lengthAt = (s: string, i: number): { minutes: number; end: number } | undefined => {
  if (s.charCodeAt(i) !== 40) return undefined;
  const close = s.indexOf(")", i);
  if (close < 0 || close - i > 24) return undefined;
  let body = s.slice(i + 1, close);
  let neg = false;
  if (body.startsWith("-")) {
    neg = true;
    body = body.slice(1);
  }
  let days = 0;
  const plus = body.indexOf("+");
  if (plus >= 0) {
    const ds = body.slice(0, plus);
    if (!isAllDigits(ds)) return undefined;
    days = Number(ds);
    body = body.slice(plus + 1);
  }
  const colon = body.indexOf(":");
  if (colon < 0) return undefined;
  const hs = body.slice(0, colon);
  const ms = body.slice(colon + 1);
  if (!isAllDigits(hs) || !isAllDigits(ms)) return undefined;
  const total = days * 1440 + Number(hs) * 60 + Number(ms);
  if (!Number.isFinite(total)) return undefined;
  return { minutes: neg ? -total : total, end: close + 1 };
};

/** Wall-clock fields of an instant in a zone. @since 0.1.0 @category formatting */
export const wall = (ms: number, z: Zone): Date => new Date(ms + z.offsetAt(ms) * 60_000);

const p2 = (n: number): string => (n < 10 ? "0" : "") + n;

/** `ctime`-style `Fri Mar  1 09:15:00 2024` of an instant in a zone. @since 0.1.0 @category formatting */
export const ctime = (ms: number, z: Zone): string => {
  const d = wall(Math.floor(ms / 1000) * 1000, z);
  return `${Time.WEEKDAYS[d.getUTCDay()]} ${Time.MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
};

/** `2024-03-01T09:15:00+00:00` of an instant in a zone, as `last --time-format iso` prints it. @since 0.1.0 @category formatting */
export const isoLocal = (ms: number, z: Zone): string => {
  const whole = Math.floor(ms / 1000) * 1000;
  const off = z.offsetAt(whole);
  const d = new Date(whole + off * 60_000);
  const a = Math.abs(off);
  return `${String(d.getUTCFullYear()).padStart(4, "0")}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}T${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}${off < 0 ? "-" : "+"}${p2(Math.floor(a / 60))}:${p2(a % 60)}`;
};

/** `HH:MM` of an instant in a zone. @since 0.1.0 @category formatting */
export const hhmm = (ms: number, z: Zone): string => {
  const d = wall(Math.floor(ms / 1000) * 1000, z);
  return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
};
