/**
 * Streaming parser for FlexLM / FlexNet Publisher debug logs (lmgrd and vendor daemons).
 *
 * @since 0.1.0
 * @module
 */
import {
  type Emit,
  type LicenceEvent,
  type LicenceEventKind,
  lineParser,
  type ParseOptions,
  type ParseResult,
  type ParserFactory,
  parseAll,
  Time,
  UTC,
  type Zone,
} from "@fleetlens/core/lite";

/**
 * Options of the `flexlm-log` parser. Uses `zone` (of the log's wall clock, default UTC), `date`
 * (`YYYY-MM-DD` of lines before the first date anchor) and `reference` (epoch ms whose calendar day
 * is used for such lines when no anchor follows within {@link PENDING_MAX} lines), `year` (for the
 * old `mm/dd hh:mm` form before any dated line).
 *
 * @since 0.1.0
 * @category models
 */
export interface FlexlmLogOptions extends ParseOptions {}

/**
 * How far (seconds) the clock may step backwards between two lines without being read as a
 * midnight rollover: lmgrd and its vendor daemons write the same file, so lines can be out of order
 * by a moment.
 *
 * @since 0.1.0
 * @category constants
 */
export const BACKWARDS_TOLERANCE_SECONDS = 300;

/**
 * How many records before the first date anchor are held back to be dated by it (then the
 * `date`/`reference` options, else ts null).
 *
 * @since 0.1.0
 * @category constants
 */
export const PENDING_MAX = 10_000;

/** Message prefixes classified as SERVER events (start, stop, connection of servers). */
const SERVER_PREFIXES: readonly string[] = [
  "FlexNet Licensing (",
  "FLEXnet Licensing (",
  "FLEXlm (",
  "FLEXlm version",
  "Server started on ",
  "Started ",
  "Starting vendor daemons",
  "Restarted ",
  "Lost connection to ",
  "Lost quorum",
  "Lost lmgrd heartbeat",
  "EXITING",
  "Exiting",
  "lmgrd exiting",
  "SERVER shutdown requested",
  "Shutdown requested",
  "Shutting down ",
  "Connected to ",
  "CONNECTED, master is ",
];

/**
 * A debug-log line read on its own, without date context (see {@link readFlexlmLine}).
 *
 * @since 0.1.0
 * @category models
 */
export interface FlexlmLine {
  /** Seconds since midnight of the line's wall-clock time, or -1 when it has none. */
  readonly seconds: number;
  /** A date printed on the line itself (`YYYY-MM-DD …` or old `mm/dd hh:mm`; month 0-based, year -1 when unknown). */
  readonly date: { readonly year: number; readonly month0: number; readonly day: number } | null;
  /** Epoch ms when the line carries a full date-time with an offset (`lmgrd -datestamp`). */
  readonly epoch: number | null;
  /** A date this line announces for the lines that follow (TIMESTAMP, start banner, system date). */
  readonly anchor: { readonly year: number; readonly month0: number; readonly day: number } | null;
  /** The event (ts null), or null when the line carries none. */
  readonly event: LicenceEvent | null;
  /** Why the line carries no event (`timestamp`, `slog`, `blank`, `continuation`), or null. */
  readonly ignore: string | null;
}

// ---------------------------------------------------------------------------------------------
// Line scanner. Module-level scratch (one line is read synchronously; nothing allocated for it).

let L_sec = -1;
let L_dy = -1;
let L_dm = -1;
let L_dd = -1;
let L_epoch = Number.NaN;
let L_ay = -1;
let L_am = -1;
let L_ad = -1;
let L_ignore = "";
let L_skip = "";

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

let numEnd = 0;
/** Reads digits from `i`; returns the value (-1 if none) and sets numEnd. */
const digitsAt = (t: string, i: number): number => {
  let p = i;
  let v = 0;
  while (p < t.length) {
    const c = t.charCodeAt(p);
    if (c < 48 || c > 57) break;
    v = v * 10 + (c - 48);
    p++;
  }
  numEnd = p;
  return p === i || p - i > 9 ? -1 : v;
};

const validDate = (y: number, m0: number, d: number): boolean =>
  y >= 0 && m0 >= 0 && m0 < 12 && d >= 1 && d <= new Date(Date.UTC(y, m0 + 1, 0)).getUTCDate();

/** `M/D/YYYY` at [s, e) into the anchor scratch; false if it is not one. */
const mdy = (t: string, s: number, e: number): boolean => {
  const m = digitsAt(t, s);
  if (m < 0 || t.charCodeAt(numEnd) !== 47) return false;
  const d = digitsAt(t, numEnd + 1);
  if (d < 0 || t.charCodeAt(numEnd) !== 47) return false;
  const y = digitsAt(t, numEnd + 1);
  if (y < 0 || numEnd !== e || numEnd - s < 8) return false;
  if (!validDate(y, m - 1, d)) return false;
  L_ay = y;
  L_am = m - 1;
  L_ad = d;
  return true;
};

/** `Dow Mon D YYYY …` (system date, SLOG Start-Date) from `s` into the anchor scratch. */
const dowMonDY = (t: string, s: number): boolean => {
  const parts = t.slice(s).trim().split(/\s+/);
  const m = Time.monthOf(parts[1] ?? "");
  const d = Number(parts[2]);
  const y = Number(parts[3]);
  if (m < 0 || !Number.isInteger(d) || !Number.isInteger(y) || !validDate(y, m, d)) return false;
  L_ay = y;
  L_am = m;
  L_ad = d;
  return true;
};

/** The `(N licenses)` / `(1 license)` group at [s, e) (inside the parentheses): N, or -1. */
const licences = (t: string, s: number, e: number): number => {
  const n = digitsAt(t, s);
  if (n < 0 || !t.startsWith(" license", numEnd)) return -1;
  const r = numEnd + 8;
  if (r === e || (r + 1 === e && t.charCodeAt(r) === 115)) return n;
  return -1;
};

/** Index of the `)` closing the `(` at `s` (nesting counted), or -1. */
const closing = (t: string, s: number, e: number): number => {
  let depth = 0;
  for (let i = s; i < e; i++) {
    const c = t.charCodeAt(i);
    if (c === 40) depth++;
    else if (c === 41 && --depth === 0) return i;
  }
  return -1;
};

let R_reason: string | null = null;
let R_code: string | null = null;
/** `reason text (-4,342:10054 )` at [s, e): splits the error-code group off. */
const reasonCode = (t: string, s: number, e: number): void => {
  let i = t.indexOf("(", s);
  while (i >= 0 && i < e) {
    let p = i + 1;
    if (t.charCodeAt(p) === 45) p++;
    const a = digitsAt(t, p);
    if (a >= 0 && t.charCodeAt(numEnd) === 44 /* , */ && t.charCodeAt(e - 1) === 41) {
      R_reason = t.slice(s, i).trim();
      R_code = t.slice(i + 1, e - 1).trim();
      return;
    }
    i = t.indexOf("(", i + 1);
  }
  R_reason = t.slice(s, e).trim();
  R_code = null;
};

type MutableEvent = { -readonly [K in keyof LicenceEvent]: LicenceEvent[K] };

const isIpLike = (s: string): boolean => {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!(isDigit(c) || c === 46 || c === 58 || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return false;
  }
  return true;
};

/**
 * The verbose `^^^ ver user ip pid handle in_use out_of project flex_ver flex_rev date time dup ^^^`
 * fields at [s, e) into `ev`.
 */
const verbose = (ev: MutableEvent, t: string, s: number, e: number): void => {
  const f = t.slice(s, e).trim().split(/\s+/);
  if (f.length < 5) return;
  ev.version = f[0] ?? null;
  if (ev.user === null || ev.user === "") ev.user = f[1] ?? null;
  ev.ip = isIpLike(f[2] ?? "") ? (f[2] as string) : null;
  const pid = Number(f[3]);
  ev.pid = Number.isInteger(pid) && pid >= 0 ? pid : null;
  ev.handle = f[4] ?? null;
};

/**
 * OUT/IN/DENIED/QUEUED/DEQUEUED/UNSUPPORTED message body from `p` (after `KIND: `) to `e`.
 * Returns the event or sets L_skip.
 */
const usage = (
  kind: LicenceEventKind,
  daemon: string,
  t: string,
  ms: number,
  p0: number,
  e: number,
): MutableEvent | null => {
  let p = p0;
  while (p < e && t.charCodeAt(p) === 32) p++;
  let feature: string;
  if (t.charCodeAt(p) === 34 /* " */) {
    const q = t.indexOf('"', p + 1);
    if (q < 0 || q >= e) {
      L_skip = "unterminated feature quote";
      return null;
    }
    feature = t.slice(p + 1, q);
    p = q + 1;
  } else {
    let q = p;
    while (q < e && t.charCodeAt(q) !== 32) q++;
    feature = t.slice(p, q);
    p = q;
  }
  if (feature.length === 0) {
    L_skip = "missing feature";
    return null;
  }
  while (p < e && t.charCodeAt(p) === 32) p++;
  let lossy = false;
  if (kind === "UNSUPPORTED" && t.charCodeAt(p) === 40) {
    // how the feature was requested: (PORT_AT_HOST_PLUS )
    const c = closing(t, p, e);
    if (c > 0) {
      p = c + 1;
      lossy = true;
      while (p < e && t.charCodeAt(p) === 32) p++;
    }
  }
  // user@host ends before " [", " (", " ^^^" or the end of the message
  let q = p;
  while (q < e) {
    if (t.charCodeAt(q) === 32) {
      const n = t.charCodeAt(q + 1);
      if (n === 91 || n === 40 || n === 94) break;
    }
    q++;
  }
  let ue = q;
  while (ue > p && t.charCodeAt(ue - 1) === 32) ue--;
  const at = t.lastIndexOf("@", ue - 1);
  let user: string | null;
  let host: string | null;
  if (at >= p) {
    user = t.slice(p, at);
    host = t.slice(at + 1, ue);
  } else {
    user = ue > p ? t.slice(p, ue) : null;
    host = null;
    lossy = true;
  }
  const ev: MutableEvent = {
    ts: null,
    daemon,
    event: kind,
    feature,
    user,
    host,
    count: 1,
    reason: null,
  };
  const denial = kind === "DENIED" || kind === "UNSUPPORTED";
  if (denial) ev.code = null;
  p = q;
  while (p < e) {
    const c = t.charCodeAt(p);
    if (c === 32) {
      p++;
      continue;
    }
    if (c === 91 /* [ */) {
      const r = t.indexOf("]", p);
      if (r < 0 || r >= e) {
        lossy = true;
        break;
      }
      lossy = true; // the [cdstring] / project is kept in `message`
      p = r + 1;
    } else if (c === 40 /* ( */) {
      const r = closing(t, p, e);
      if (r < 0) {
        lossy = true;
        break;
      }
      const n = licences(t, p + 1, r);
      if (n >= 0) ev.count = n;
      else if (denial || kind === "QUEUED" || kind === "DEQUEUED") {
        reasonCode(t, p + 1, r);
        if (ev.reason === null) {
          ev.reason = R_reason;
          if (R_code !== null) ev.code = R_code;
        } else lossy = true;
      } else if (ev.reason === null) ev.reason = t.slice(p + 1, r).trim();
      else lossy = true;
      p = r + 1;
    } else if (c === 94 /* ^ */ && t.startsWith("^^^", p)) {
      const r = t.indexOf("^^^", p + 3);
      const end = r < 0 || r >= e ? e : r;
      verbose(ev, t, p + 3, end);
      lossy = true;
      p = end + 3;
    } else {
      lossy = true;
      break;
    }
  }
  if (lossy) ev.message = t.slice(ms, e);
  return ev;
};

const other = (kind: LicenceEventKind, daemon: string, text: string): MutableEvent => ({
  ts: null,
  daemon,
  event: kind,
  feature: null,
  user: null,
  host: null,
  count: 0,
  reason: text,
});

/**
 * Reads one line: time prefix, daemon, message. Returns the event (ts null), or null with L_ignore
 * or L_skip set. Sets L_sec, the line's own date (L_d*), epoch (L_epoch) and anchor (L_a*).
 */
const scan = (t: string): MutableEvent | null => {
  L_sec = -1;
  L_dy = -1;
  L_dm = -1;
  L_dd = -1;
  L_epoch = Number.NaN;
  L_ay = -1;
  L_am = -1;
  L_ad = -1;
  L_ignore = "";
  L_skip = "";
  let n = t.length;
  while (n > 0) {
    const c = t.charCodeAt(n - 1);
    if (c !== 32 && c !== 9 && c !== 13) break;
    n--;
  }
  let p = 0;
  while (p < n && t.charCodeAt(p) === 32) p++;
  if (p >= n) {
    L_ignore = "blank";
    return null;
  }
  // ---- time prefix
  const a = digitsAt(t, p);
  if (a < 0) {
    L_ignore = "";
    if (p > 0 || t.charCodeAt(0) === 9) L_ignore = "continuation";
    else L_skip = "no time prefix";
    return null;
  }
  let c = t.charCodeAt(numEnd);
  if (c === 58 /* : */) {
    const h = a;
    const mi = digitsAt(t, numEnd + 1);
    let s = 0;
    if (mi < 0) return bad("bad time");
    if (t.charCodeAt(numEnd) === 58) {
      s = digitsAt(t, numEnd + 1);
      if (s < 0) return bad("bad time");
    }
    if (h > 23 || mi > 59 || s > 60) return bad("time out of range");
    L_sec = h * 3600 + mi * 60 + s;
    p = numEnd;
  } else if (c === 47 /* / */) {
    // old FLEXlm: mm/dd hh:mm
    const mo = a;
    const d = digitsAt(t, numEnd + 1);
    if (d < 0 || t.charCodeAt(numEnd) !== 32) return bad("bad date");
    const h = digitsAt(t, numEnd + 1);
    if (h < 0 || t.charCodeAt(numEnd) !== 58) return bad("bad time");
    const mi = digitsAt(t, numEnd + 1);
    let s = 0;
    if (mi < 0) return bad("bad time");
    if (t.charCodeAt(numEnd) === 58) {
      s = digitsAt(t, numEnd + 1);
      if (s < 0) return bad("bad time");
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return bad("date out of range");
    L_dm = mo - 1;
    L_dd = d;
    L_sec = h * 3600 + mi * 60 + s;
    p = numEnd;
  } else if (c === 45 /* - */ && numEnd - p === 4) {
    // YYYY-MM-DD[T ]hh:mm:ss[.frac][offset]
    const y = a;
    const mo = digitsAt(t, numEnd + 1);
    if (mo < 0 || t.charCodeAt(numEnd) !== 45) return bad("bad date");
    const d = digitsAt(t, numEnd + 1);
    c = t.charCodeAt(numEnd);
    if (d < 0 || (c !== 84 && c !== 32)) return bad("bad date");
    const h = digitsAt(t, numEnd + 1);
    if (h < 0 || t.charCodeAt(numEnd) !== 58) return bad("bad time");
    const mi = digitsAt(t, numEnd + 1);
    if (mi < 0 || t.charCodeAt(numEnd) !== 58) return bad("bad time");
    const s = digitsAt(t, numEnd + 1);
    if (s < 0) return bad("bad time");
    if (!validDate(y, mo - 1, d) || h > 23 || mi > 59 || s > 60) return bad("date out of range");
    p = numEnd;
    let frac = 0;
    if (t.charCodeAt(p) === 46 || t.charCodeAt(p) === 44) {
      const fs = p + 1;
      digitsAt(t, fs);
      if (numEnd > fs) frac = Number(`0.${t.slice(fs, numEnd)}`) * 1000;
      p = numEnd;
    }
    c = t.charCodeAt(p);
    if (c === 90 /* Z */) {
      L_epoch = Date.UTC(y, mo - 1, d, h, mi, s) + frac;
      p++;
    } else if (c === 43 || c === 45) {
      const sign = c === 45 ? -1 : 1;
      const oh = digitsAt(t, p + 1);
      let off: number;
      if (oh < 0) return bad("bad offset");
      if (numEnd - (p + 1) === 4) off = Math.floor(oh / 100) * 60 + (oh % 100);
      else if (t.charCodeAt(numEnd) === 58) {
        const om = digitsAt(t, numEnd + 1);
        if (om < 0) return bad("bad offset");
        off = oh * 60 + om;
      } else off = oh * 60;
      L_epoch = Date.UTC(y, mo - 1, d, h, mi, s) - sign * off * 60_000 + frac;
      p = numEnd;
    }
    L_dy = y;
    L_dm = mo - 1;
    L_dd = d;
    L_sec = h * 3600 + mi * 60 + s;
  } else return bad("no time prefix");
  // ---- " (daemon) "
  if (t.charCodeAt(p) !== 32 || t.charCodeAt(p + 1) !== 40) return bad("missing (daemon)");
  const ds = p + 2;
  const de = t.indexOf(")", ds);
  if (de < 0 || de >= n) return bad("missing (daemon)");
  const daemon = t.slice(ds, de);
  let ms = de + 1;
  if (ms < n && t.charCodeAt(ms) === 32) ms++;
  if (ms >= n) {
    L_ignore = "blank";
    return null;
  }
  if (t.charCodeAt(ds) === 64 /* @ */ && daemon.endsWith("-SLOG@")) {
    const sd = t.indexOf("Start-Date: ", ms);
    if (sd >= 0) dowMonDY(t, sd + 12);
    L_ignore = "slog";
    return null;
  }
  c = t.charCodeAt(ms);
  if (c === 9) {
    L_ignore = "continuation";
    return null;
  }
  // ---- message
  switch (c) {
    case 79: // O
      if (t.startsWith("OUT: ", ms)) return usage("OUT", daemon, t, ms, ms + 5, n);
      break;
    case 73: // I
      if (t.startsWith("IN: ", ms)) return usage("IN", daemon, t, ms, ms + 4, n);
      break;
    case 68: // D
      if (t.startsWith("DENIED: ", ms)) return usage("DENIED", daemon, t, ms, ms + 8, n);
      if (t.startsWith("DEQUEUED: ", ms)) return usage("DEQUEUED", daemon, t, ms, ms + 10, n);
      break;
    case 81: // Q
      if (t.startsWith("QUEUED: ", ms)) return usage("QUEUED", daemon, t, ms, ms + 8, n);
      break;
    case 85: // U
      if (t.startsWith("UNSUPPORTED: ", ms)) return usage("UNSUPPORTED", daemon, t, ms, ms + 13, n);
      break;
    case 84: // T
      if (t.startsWith("TIMESTAMP ", ms)) {
        let s = ms + 10;
        while (s < n && t.charCodeAt(s) === 32) s++;
        if (mdy(t, s, n)) {
          L_ignore = "timestamp";
          return null;
        }
        return bad("bad TIMESTAMP date");
      }
      break;
    case 69: // E
      if (t.startsWith("EXPIRED: ", ms)) {
        let f = t.slice(ms + 9, n).trim();
        if (f.length >= 2 && f.charCodeAt(0) === 34 && f.charCodeAt(f.length - 1) === 34) f = f.slice(1, -1);
        const ev = other("EXPIRED", daemon, t.slice(ms, n));
        ev.feature = f;
        ev.reason = null;
        return ev;
      }
      break;
    case 82: // R
      if (t.startsWith("REMOVING ", ms)) {
        // lmremove: REMOVING user@host from feature
        const body = t.slice(ms + 9, n);
        const fr = body.lastIndexOf(" from ");
        const ev = other("OTHER", daemon, t.slice(ms, n));
        if (fr > 0) {
          const uh = body.slice(0, fr);
          const at = uh.lastIndexOf("@");
          ev.user = at >= 0 ? uh.slice(0, at) : uh;
          ev.host = at >= 0 ? uh.slice(at + 1) : null;
          ev.feature = body.slice(fr + 6).trim();
        }
        return ev;
      }
      break;
    case 83: // S
      if (t.startsWith("Server's System Date and Time: ", ms)) {
        dowMonDY(t, ms + 31);
        return other("OTHER", daemon, t.slice(ms, n));
      }
      break;
  }
  const text = t.slice(ms, n);
  for (const pre of SERVER_PREFIXES) {
    if (text.startsWith(pre)) {
      const ev = other("SERVER", daemon, text);
      if (text.charCodeAt(text.length - 1) === 41 && text.indexOf(" started on ") > 0) {
        // start banner: ... started on host (linux) (7/17/2019)
        const o = text.lastIndexOf("(");
        if (o > 0) mdy(text, o + 1, text.length - 1);
      }
      return ev;
    }
  }
  if (text.startsWith("SLOG: ")) {
    L_ignore = "slog";
    return null;
  }
  return other("OTHER", daemon, text);
};

const bad = (why: string): null => {
  L_skip = why;
  return null;
};

/**
 * Reads one debug-log line on its own (no date context): its time of day, any date printed on it,
 * any date it announces, and the event with `ts` null. Returns a reason string for a line that is
 * not a debug-log line. Used by the logwatch parser; the streaming parser adds dates.
 *
 * @example
 * ```ts
 * readFlexlmLine('21:06:15 (ansyslmd) OUT: "hfsshpc" mani@nyx7005  (20 licenses)');
 * // { seconds: 75975, date: null, epoch: null, anchor: null, ignore: null,
 * //   event: { ts: null, daemon: "ansyslmd", event: "OUT", feature: "hfsshpc", user: "mani",
 * //            host: "nyx7005", count: 20, reason: null } }
 * ```
 * @since 0.1.0
 * @category parsers
 */
export const readFlexlmLine = (text: string): FlexlmLine | string => {
  const ev = scan(text);
  if (ev === null && L_skip) return L_skip;
  return {
    seconds: L_sec,
    date: L_dm >= 0 ? { year: L_dy, month0: L_dm, day: L_dd } : null,
    epoch: Number.isNaN(L_epoch) ? null : L_epoch,
    anchor: L_ay >= 0 ? { year: L_ay, month0: L_am, day: L_ad } : null,
    event: ev,
    ignore: ev === null ? L_ignore : null,
  };
};

// ---------------------------------------------------------------------------------------------
// Dates across lines.

/** Turns (day, seconds) into epoch ms in a zone, with a per-day fast path for days without a DST change. */
class DayClock {
  y = -1;
  m0 = -1;
  d = -1;
  private wall = 0;
  private off = 0;
  private fixed = true;
  constructor(private readonly zone: Zone) {}
  get set(): boolean {
    return this.y >= 0;
  }
  setDay(y: number, m0: number, d: number): void {
    if (y === this.y && m0 === this.m0 && d === this.d) return;
    this.wall = Date.UTC(y, m0, d);
    const dt = new Date(this.wall);
    this.y = dt.getUTCFullYear();
    this.m0 = dt.getUTCMonth();
    this.d = dt.getUTCDate();
    const o1 = this.zone.offsetAt(this.wall - 14 * 3_600_000);
    const o2 = this.zone.offsetAt(this.wall + 38 * 3_600_000);
    this.off = o1;
    this.fixed = o1 === o2;
  }
  addDays(n: number): void {
    this.setDay(this.y, this.m0, this.d + n);
  }
  at(sec: number): number {
    if (this.fixed) return this.wall + sec * 1000 - this.off * 60_000;
    const h = Math.floor(sec / 3600);
    const mi = Math.floor((sec % 3600) / 60);
    return this.zone.toEpoch(this.y, this.m0, this.d, h, mi, sec % 60);
  }
}

const fmtMdy = (y: number, m0: number, d: number): string => `${m0 + 1}/${d}/${y}`;

/**
 * The streaming `flexlm-log` parser (a {@link ParserFactory}). See {@link parseFlexlmLog}.
 *
 * @since 0.1.0
 * @category parsers
 */
export const flexlmLogParser: ParserFactory<LicenceEvent, FlexlmLogOptions> = lineParser<
  LicenceEvent,
  FlexlmLogOptions
>((emit: Emit<LicenceEvent>, options: FlexlmLogOptions) => {
  const zone = options.zone ?? UTC;
  const clock = new DayClock(zone);
  let lastSec = -1;
  let rollovers = 0;
  let anchored = false;
  let nullTs = 0;
  // records before the first date anchor, held to be dated by it
  let pending: { ev: MutableEvent; sec: number }[] | null = [];
  if (options.date !== undefined) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(options.date);
    if (m && validDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) {
      clock.setDay(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
      pending = null;
      emit.infer("date", `${options.date} from options.date until the first date in the log`);
    } else emit.infer("date", `options.date "${options.date}" is not YYYY-MM-DD: ignored`);
  }

  /** Dates held records forwards from the clock's day (used when no anchor came). */
  const flushForward = (): void => {
    if (pending === null) return;
    const held = pending;
    pending = null;
    let prev = -1;
    for (const h of held) {
      if (clock.set && h.sec >= 0) {
        if (prev >= 0 && h.sec < prev - BACKWARDS_TOLERANCE_SECONDS) {
          clock.addDays(1);
          rollovers++;
        }
        prev = h.sec;
        h.ev.ts = clock.at(h.sec);
      } else nullTs++;
      emit.record(h.ev);
    }
    lastSec = prev;
  };

  /** Dates held records backwards from the first anchor (day of the anchor line at `sec`). */
  const flushBack = (sec: number): void => {
    if (pending === null) return;
    const held = pending;
    pending = null;
    const y = clock.y;
    const m0 = clock.m0;
    const d = clock.d;
    let next = sec;
    let back = 0;
    for (let i = held.length - 1; i >= 0; i--) {
      const h = held[i] as { ev: MutableEvent; sec: number };
      if (h.sec < 0) continue;
      if (next >= 0 && h.sec > next + BACKWARDS_TOLERANCE_SECONDS) back++;
      next = h.sec;
      clock.setDay(y, m0, d - back);
      h.ev.ts = clock.at(h.sec);
    }
    clock.setDay(y, m0, d);
    for (const h of held) {
      if (h.ev.ts === null) nullTs++;
      emit.record(h.ev);
    }
    if (held.length > 0) emit.infer("backdated", `${held.length} records before the first date anchor`);
  };

  const fallbackDay = (): void => {
    if (clock.set || options.reference === undefined) return;
    const r = options.reference;
    const local = new Date(r + zone.offsetAt(r) * 60_000);
    clock.setDay(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
    emit.infer(
      "date",
      `${local.toISOString().slice(0, 10)} from options.reference for lines before the first date in the log`,
    );
  };

  return {
    line(text, no) {
      const ev = scan(text);
      const sec = L_sec;
      // dates printed on the line, anchors announced by it
      if (L_dm >= 0) {
        let y = L_dy;
        if (y < 0) {
          // old mm/dd form: the year of the running date (a Dec -> Jan step starts the next), else options
          if (clock.set) y = L_dm < clock.m0 && clock.m0 - L_dm > 6 ? clock.y + 1 : clock.y;
          else if (options.year !== undefined) y = options.year;
          else if (options.reference !== undefined) y = new Date(options.reference).getUTCFullYear();
        }
        if (y >= 0 && validDate(y, L_dm, L_dd)) {
          clock.setDay(y, L_dm, L_dd);
          lastSec = sec;
          if (!anchored) {
            anchored = true;
            emit.infer("date", `from the date on each line (line ${no})`);
          }
          if (pending !== null) flushBack(sec);
        }
      }
      if (L_ay >= 0) {
        clock.setDay(L_ay, L_am, L_ad);
        if (!anchored) {
          anchored = true;
          emit.infer(
            "date",
            `${fmtMdy(L_ay, L_am, L_ad)} from line ${no} (${ev === null ? L_ignore : ev.event})`,
          );
        }
        if (pending !== null) flushBack(sec);
        lastSec = sec;
      }
      if (ev === null) {
        if (L_skip) emit.skip(no, L_skip);
        else emit.ignore(no, L_ignore);
        return;
      }
      if (!Number.isNaN(L_epoch)) {
        ev.ts = L_epoch;
        emit.record(ev);
        return;
      }
      if (pending !== null) {
        if (!clock.set) {
          pending.push({ ev, sec });
          if (pending.length >= PENDING_MAX) {
            fallbackDay();
            flushForward();
          }
          return;
        }
        // options.date given: no holding back
        pending = null;
      }
      if (clock.set && sec >= 0) {
        if (lastSec >= 0 && sec < lastSec - BACKWARDS_TOLERANCE_SECONDS) {
          clock.addDays(1);
          rollovers++;
        }
        lastSec = sec;
        ev.ts = clock.at(sec);
      } else nullTs++;
      emit.record(ev);
    },
    end() {
      if (pending !== null) {
        fallbackDay();
        flushForward();
      }
      if (rollovers > 0)
        emit.infer(
          "rollover",
          `${rollovers} midnight rollover${rollovers === 1 ? "" : "s"} inferred (the clock went backwards without a new date)`,
        );
      if (nullTs > 0)
        emit.infer(
          "ts",
          `null for ${nullTs} record${nullTs === 1 ? "" : "s"}: no date in the log before them (give options.date or options.reference)`,
        );
    },
  };
});

/**
 * Parses FlexLM / FlexNet Publisher debug logs (lmgrd and vendor daemons) into
 * {@link LicenceEvent} records.
 *
 * Lines are `HH:MM:SS (daemon) MESSAGE` (hour space-padded), or with a leading date
 * (`YYYY-MM-DD hh:mm:ss`, `lmgrd -datestamp` ISO with offset, old `mm/dd hh:mm`), or old `hh:mm`.
 * Dates come from `TIMESTAMP M/D/YYYY` lines (ignored as `timestamp`), the lmgrd start banner
 * `(M/D/YYYY)`, `Server's System Date and Time: …`, SLOG `Start-Date: …` and dated lines; when the
 * clock steps backwards by more than {@link BACKWARDS_TOLERANCE_SECONDS} without a new date, the
 * day rolls over (counted in `infer("rollover")`). Records before the first date are held (up to
 * {@link PENDING_MAX}) and dated backwards from it; without any date, `options.date`, then the day
 * of `options.reference`, else ts null (said in `infer("ts")`). Times are read in `options.zone`.
 * Ignored: blank lines and messages, TIMESTAMP lines, SLOG blocks, TAB continuation lines.
 *
 * Fields (jc-style):
 * - `ts` (number|null): epoch ms
 * - `daemon` (string): `lmgrd`, the vendor daemon (`MLM`, `adskflex`, …)
 * - `event`: OUT | IN | DENIED | QUEUED | DEQUEUED | UNSUPPORTED | EXPIRED | SERVER | OTHER
 *   (SERVER: start banners, `Started`, `Server started on`, `Lost connection to`, `EXITING`,
 *   shutdown and connect lines; OTHER: everything else, including lmremove's `REMOVING u@h from f`
 *   with user, host and feature set)
 * - `feature` (string|null): quoted or unquoted
 * - `user`, `host` (string|null): `user@host` split at the last `@`; users may hold spaces
 * - `count` (number): `(N licenses)`, default 1 for usage events, 0 for others
 * - `reason` (string|null): DENIED/UNSUPPORTED/QUEUED reason text, IN's `INACTIVE`, SERVER/OTHER
 *   message text
 * - `code` (string|null, DENIED/UNSUPPORTED only): `-4,342:10054`, as printed in the inner parentheses
 * - `message` (string, optional): the full message when fields above do not hold all of it
 *   (`[cdstring]`, UNSUPPORTED's request form, verbose fields, unknown trailers)
 * - `version`, `ip`, `pid`, `handle` (optional): from the verbose `^^^ … ^^^` form
 *
 * @example
 * ```ts
 * const { records } = parseFlexlmLog(
 *   " 9:49:41 (lmgrd) TIMESTAMP 6/23/2017\n" +
 *   '21:06:15 (ansyslmd) OUT: "hfsshpc" mani@nyx7005  (20 licenses)\n',
 * );
 * // records[0] = { ts: Date.UTC(2017, 5, 23, 21, 6, 15), daemon: "ansyslmd", event: "OUT",
 * //   feature: "hfsshpc", user: "mani", host: "nyx7005", count: 20, reason: null }
 * ```
 * @since 0.1.0
 * @category parsers
 */
export const parseFlexlmLog = (
  input: string | Uint8Array,
  options: FlexlmLogOptions = {},
): ParseResult<LicenceEvent> => parseAll(flexlmLogParser, input, options);
