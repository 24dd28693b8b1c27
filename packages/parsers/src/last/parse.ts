/**
 * The text of util-linux `last` / `lastb` (any `--time-format`, `-w`, `-x`, `-a`, `-R`, `-i`)
 * and the old sysvinit layout, to {@link Login} records.
 *
 * @since 0.1.0
 * @module
 */
import type { Emit, Login, ParseOptions, ParseResult, ParserFactory, Zone } from "@fleetlens/core/lite";
import { formatIso, lineParser, Net, parseAll, parseIso, Time, UTC } from "@fleetlens/core/lite";
import { ctimeAt, isoLengthAt, lengthAt, wall } from "./time.js";

/**
 * Options of the `last` parser. Times are read in `zone` (default UTC): the zone `last` ran in
 * (its `TZ`). For the year-less default format, the year comes from the `… begins` trailer, else
 * `year` (the newest row's year), else `reference` (latest year not after it), else today.
 *
 * @since 0.1.0
 * @category models
 */
export interface LastOptions extends ParseOptions {
  /** The text is `lastb` output (btmp): records get `failed: true`. */
  readonly failed?: boolean;
}

/** A row read, its times possibly waiting for a year. */
interface Row {
  no: number;
  kind: Login["kind"];
  user: string;
  line: string;
  host: string;
  /** Exact start (full/ISO) or NaN while the year is unknown. */
  start: number;
  /** The start came with a year (full/ISO). */
  dated: boolean;
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
  /** 0 exact `endMs`; 1 `HH:MM` (with length); 2 start + length; 3 open. */
  endKind: 0 | 1 | 2 | 3;
  endMs: number;
  endHour: number;
  endMinute: number;
  lenMin: number;
  reason: Login["endReason"];
}

const kindOfLine = (line: string): Login["kind"] =>
  line === "system boot"
    ? "reboot"
    : line === "system down"
      ? "shutdown"
      : line.startsWith("(to lvl")
        ? "runlevel"
        : "user";

const skipSpaces = (s: string, i: number): number => {
  while (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9) i++;
  return i;
};

/** Where the login time starts: the first ctime or ISO timestamp preceded by a space. */
const findLogin = (s: string): number => {
  for (let i = 1; i + 16 <= s.length; i++) {
    if (s.charCodeAt(i - 1) !== 32) continue;
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (isoLengthAt(s, i) > 0) return i;
    } else if (c >= 65 && c <= 90 && ctimeAt(s, i) !== undefined) return i;
  }
  return -1;
};

/** user / line / host left of the login time at `i` (columns, with a token fallback). */
const splitLeft = (s: string, i: number): { user: string; line: string; host: string } => {
  const sp = s.indexOf(" ");
  const uf = sp <= 0 ? 8 : Math.max(8, sp);
  if (i >= uf + 14 && s.charCodeAt(uf) === 32 && s.charCodeAt(uf + 13) === 32) {
    return {
      user: s.slice(0, uf).trim(),
      line: s.slice(uf + 1, uf + 13).trimEnd(),
      host: s.slice(uf + 14, i).trim(),
    };
  }
  const toks = s.slice(0, i).trim().split(/\s+/);
  const user = toks[0] ?? "";
  let k = 1;
  let line = toks[1] ?? "";
  if ((line === "system" && (toks[2] === "boot" || toks[2] === "down")) || line === "(to") {
    line = toks.slice(1, line === "(to" ? 4 : 3).join(" ");
    k = line.startsWith("(to") ? 4 : 3;
  } else k = 2;
  return { user, line, host: toks.slice(k).join(" ") };
};

const NOTIME_TAIL = /(\(-?\d+(\+\d+)?:\d+\)|no logout|logged in|running)$/;

/** Read one row, or say why it is not one. */
const readRow = (s: string, no: number, zone: Zone): Row | string => {
  const i = findLogin(s);
  if (i < 0) {
    return NOTIME_TAIL.test(s)
      ? "no timestamps (--time-format notime): the session cannot be placed in time"
      : "not a last row: no login time found";
  }
  const { user, line, host: hostLeft } = splitLeft(s, i);
  const kind = kindOfLine(line);
  const r: Row = {
    no,
    kind,
    user,
    line,
    host: hostLeft,
    start: Number.NaN,
    dated: false,
    month: 0,
    day: 0,
    weekday: 0,
    hour: 0,
    minute: 0,
    endKind: 3,
    endMs: Number.NaN,
    endHour: 0,
    endMinute: 0,
    lenMin: 0,
    reason: "still-logged-in",
  };
  let p: number;
  const isoLen = isoLengthAt(s, i);
  if (isoLen > 0) {
    r.start = parseIso(s.slice(i, i + isoLen), zone);
    r.dated = true;
    p = i + isoLen;
  } else {
    const c = ctimeAt(s, i)!;
    r.month = c.month;
    r.day = c.day;
    r.weekday = c.weekday;
    r.hour = c.hour;
    r.minute = c.minute;
    if (c.length === 24) {
      if (c.day > Time.daysInMonth(c.year, c.month)) return `impossible date in "${s.slice(i, i + 24)}"`;
      r.start = zone.toEpoch(c.year, c.month, c.day, c.hour, c.minute, c.second);
      r.dated = true;
    }
    p = i + c.length;
  }
  if (Number.isNaN(r.start) && isoLen > 0) return `invalid ISO time "${s.slice(i, i + isoLen)}"`;

  // LOGOUT and LENGTH.
  p = skipSpaces(s, p);
  let needLength = false;
  if (s.startsWith("- ", p)) {
    p = skipSpaces(s, p + 2);
    if (s.startsWith("crash", p)) {
      r.reason = "crash";
      r.endKind = 2;
      needLength = true;
      p += 5;
    } else if (s.startsWith("down", p)) {
      r.reason = "down";
      r.endKind = 2;
      needLength = true;
      p += 4;
    } else {
      r.reason = "logout";
      const il = isoLengthAt(s, p);
      const ct = il > 0 ? undefined : ctimeAt(s, p);
      if (il > 0) {
        r.endKind = 0;
        r.endMs = parseIso(s.slice(p, p + il), zone);
        p += il;
      } else if (ct !== undefined && ct.length === 24) {
        r.endKind = 0;
        r.endMs = zone.toEpoch(ct.year, ct.month, ct.day, ct.hour, ct.minute, ct.second);
        p += 24;
      } else if (/^\d\d:\d\d(?!\d)/.test(s.slice(p, p + 6))) {
        r.endKind = 1;
        r.endHour = Number(s.slice(p, p + 2));
        r.endMinute = Number(s.slice(p + 3, p + 5));
        if (r.endHour > 23 || r.endMinute > 59) return `invalid logout time "${s.slice(p, p + 5)}"`;
        needLength = true;
        p += 5;
      } else return `unrecognised logout column "${s.slice(p, p + 26).trimEnd()}"`;
      if (r.endKind === 0 && Number.isNaN(r.endMs)) return "invalid logout time";
    }
    p = skipSpaces(s, p);
    const len = lengthAt(s, p);
    if (len !== undefined) {
      r.lenMin = len.minutes;
      p = len.end;
    } else if (needLength) return "missing LENGTH column";
  } else if (s.startsWith("still", p)) {
    const q = skipSpaces(s, p + 5);
    if (s.startsWith("logged in", q)) {
      r.reason = "still-logged-in";
      p = q + 9;
    } else if (s.startsWith("running", q)) {
      r.reason = "running";
      p = q + 7;
    } else return `unrecognised logout column "${s.slice(p).trimEnd()}"`;
  } else if (s.startsWith("gone", p)) {
    const q = skipSpaces(s, p + 4);
    if (!s.startsWith("- no logout", q)) return `unrecognised logout column "${s.slice(p).trimEnd()}"`;
    r.reason = "gone";
    p = q + 11;
  } else if (s.charCodeAt(p) === 40) {
    // Old sysvinit layout: no LOGOUT column, only the length.
    const len = lengthAt(s, p);
    if (len === undefined) return `unrecognised LENGTH column "${s.slice(p).trimEnd()}"`;
    r.reason = "logout";
    r.endKind = 2;
    r.lenMin = len.minutes;
    p = len.end;
  } else if (line === "new time" || line === "old time") {
    return "clock change";
  } else return "missing LOGOUT column";

  // `-a` puts the host last.
  const rest = s.slice(p).trim();
  if (rest.length > 0) {
    if (r.host.length > 0) return `unexpected text after the LENGTH column: "${rest.slice(0, 40)}"`;
    r.host = rest;
  }
  return r;
};

/** Turn a row with a known start into a record. */
const finish = (r: Row, zone: Zone, failed: boolean): Login => {
  let end: number | null = null;
  let reason = r.reason;
  const start = r.start;
  if (r.endKind === 0) end = r.endMs;
  else if (r.endKind === 2) end = start + r.lenMin * 60_000;
  else if (r.endKind === 1) {
    // The logout HH:MM has no date: take the day that puts it nearest login + LENGTH.
    const approx = start + r.lenMin * 60_000;
    const w = wall(approx, zone);
    let best = Number.NaN;
    for (let dd = -1; dd <= 1; dd++) {
      const c = zone.toEpoch(
        w.getUTCFullYear(),
        w.getUTCMonth(),
        w.getUTCDate() + dd,
        r.endHour,
        r.endMinute,
        0,
      );
      if (Number.isNaN(best) || Math.abs(c - approx) < Math.abs(best - approx)) best = c;
    }
    end = best;
  }
  // `last` prints a shutdown with no later boot as ending at the epoch (its `lastboot` is 0).
  if (r.kind === "shutdown" && end !== null && end < 86_400_000) {
    end = null;
    reason = "running";
  }
  const host = r.host;
  const rec: {
    kind: Login["kind"];
    user: string;
    line: string;
    host: string;
    start: number;
    end: number | null;
    endReason: Login["endReason"];
    durationSeconds: number | null;
    addr?: string | null;
    failed?: boolean;
  } = {
    kind: r.kind,
    user: r.user,
    line: r.line,
    host,
    start,
    end,
    endReason: reason,
    durationSeconds: end === null ? null : Math.round(end - start) / 1000,
  };
  if (host.length > 0 && Net.isIp(host)) {
    const canon = Net.canonicalIp(host);
    rec.addr = canon === "0.0.0.0" || canon === "::" ? null : canon;
  }
  if (failed) rec.failed = true;
  return rec;
};

interface Wall {
  y: number;
  key: number;
}
const keyOf = (month: number, day: number, hour: number, minute: number): number =>
  ((month * 32 + day) * 24 + hour) * 60 + minute;
const wallOf = (ms: number, zone: Zone): Wall => {
  const d = wall(ms, zone);
  return {
    y: d.getUTCFullYear(),
    key: keyOf(d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()),
  };
};
const weekdayFits = (r: Row, y: number): boolean =>
  r.day <= Time.daysInMonth(y, r.month) && Time.weekdayOfDate(y, r.month, r.day) === r.weekday;

/**
 * Give years to year-less rows (newest first). `up`: walk from the oldest row upward starting at
 * `ref` (the trailer: the first record of the file); otherwise walk down from `ref` (the newest
 * possible time). A row older (newer) than its neighbour moves to the next year; the weekday is
 * then checked and the nearest weekday-consistent year in the walking direction preferred.
 * Returns [min year, max year, weekday adjustments, unresolved weekday mismatches].
 */
const assignYears = (rows: Row[], ref: Wall, up: boolean, zone: Zone): [number, number, number, number] => {
  let y = ref.y;
  let prev = ref.key;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let adjusted = 0;
  let mismatched = 0;
  const step = up ? 1 : -1;
  for (let n = 0; n < rows.length; n++) {
    const r = rows[up ? rows.length - 1 - n : n]!;
    if (r.dated) continue;
    const k = keyOf(r.month, r.day, r.hour, r.minute);
    const cand = (up ? k < prev : k > prev) ? y + step : y;
    let chosen = cand;
    if (!weekdayFits(r, cand)) {
      if (cand !== y && weekdayFits(r, y)) chosen = y;
      else {
        let found = Number.NaN;
        for (let c = cand + step, m = 0; m < 28; m++, c += step) {
          if (weekdayFits(r, c)) {
            found = c;
            break;
          }
        }
        if (Number.isNaN(found)) mismatched++;
        else chosen = found;
      }
      if (chosen !== cand) adjusted++;
    }
    y = chosen;
    prev = k;
    lo = Math.min(lo, y);
    hi = Math.max(hi, y);
    const day = Math.min(r.day, Time.daysInMonth(y, r.month));
    r.start = zone.toEpoch(y, r.month, day, r.hour, r.minute, 0);
  }
  return [lo, hi, adjusted, mismatched];
};

const TRAILER = " begins ";

/**
 * Streaming parser of `last` / `lastb` text. Rows are found by their login timestamp (ctime short
 * or full, or ISO), so column widths (`-w`) and host placement (`-a`, `-R`) do not matter. Rows
 * in the year-less default format are held until the `… begins` trailer (or the end) supplies the
 * year; this buffering is bounded only by the input, which is acceptable because `last` output is
 * small (one line per session) — full and ISO rows are emitted at once. Blank lines and the
 * trailer are ignored; notime rows, foreign lines and malformed rows are skips.
 *
 * @since 0.1.0
 * @category parsers
 */
export const lastParser: ParserFactory<Login, LastOptions> = lineParser<Login, LastOptions>(
  (emit: Emit<Login>, options: LastOptions) => {
    const zone = options.zone ?? UTC;
    const failed = options.failed === true;
    let pending: Row[] = [];
    let trailers = 0;

    const flush = (ref: Wall, up: boolean, how: string): void => {
      if (pending.length === 0) return;
      if (pending.every((r) => r.dated)) {
        for (const r of pending) emit.record(finish(r, zone, failed));
        pending = [];
        return;
      }
      const [lo, hi, adjusted, mismatched] = assignYears(pending, ref, up, zone);
      let text = `${lo === hi ? lo : `${lo}..${hi}`} ${how}`;
      if (adjusted > 0) text += `; ${adjusted} row(s) moved to the year their weekday fits`;
      if (mismatched > 0) text += `; ${mismatched} row(s) match no year by weekday`;
      emit.infer("year", text);
      for (const r of pending) emit.record(finish(r, zone, failed));
      pending = [];
    };

    return {
      line(text, no) {
        const s = text.trimEnd();
        if (s.length === 0) {
          emit.ignore(no, "blank");
          return;
        }
        const b = s.indexOf(TRAILER);
        if (b > 0 && !s.slice(0, b).includes(" ")) {
          const t = s.slice(b + TRAILER.length);
          const il = isoLengthAt(t, 0);
          let ms = Number.NaN;
          if (il > 0 && il === t.length) ms = parseIso(t, zone);
          else {
            const c = ctimeAt(t, 0);
            if (c !== undefined && c.length === 24 && t.length === 24)
              ms = zone.toEpoch(c.year, c.month, c.day, c.hour, c.minute, c.second);
          }
          if (!Number.isNaN(ms)) {
            trailers++;
            emit.ignore(no, "trailer");
            emit.infer("begins", formatIso(ms));
            // A first record with a zero time (an empty slot) says nothing about the year.
            if (ms > 86_400_000) flush(wallOf(ms, zone), true, `from the "${s.slice(0, b)} begins" trailer`);
            return;
          }
        }
        const r = readRow(s, no, zone);
        if (typeof r === "string") {
          if (r === "clock change") emit.ignore(no, r);
          else emit.skip(no, r);
          return;
        }
        // Dated rows wait behind year-less ones so records keep the input order.
        if (Number.isNaN(r.start) || pending.length > 0) pending.push(r);
        else emit.record(finish(r, zone, failed));
      },
      end() {
        if (pending.length === 0) return;
        if (options.year !== undefined) {
          flush({ y: options.year, key: keyOf(11, 31, 23, 59) }, false, `from options.year (newest row)`);
        } else if (options.reference !== undefined) {
          flush(wallOf(options.reference, zone), false, "from options.reference (latest year not after it)");
        } else {
          flush(
            wallOf(Date.now(), zone),
            false,
            `from today's date (no trailer${trailers > 0 ? " after these rows" : ""}, year or reference given)`,
          );
        }
      },
    };
  },
);

/**
 * Alias of {@link lastParser} under the `createXParser` naming.
 *
 * @since 0.1.0
 * @category parsers
 */
export const createLastParser: ParserFactory<Login, LastOptions> = lastParser;

/**
 * Parse the whole text of `last` / `lastb` into {@link Login} records.
 *
 * Fields:
 * - `kind`: `user`, or `reboot` / `shutdown` / `runlevel` for `system boot` / `system down` /
 *   `(to lvl N)` rows
 * - `user`, `line`, `host`: the columns as printed (cut to 8/12/16 characters unless `-w`)
 * - `start`: the login time in `options.zone`; minute precision in the default format
 * - `end`: the printed logout time (a bare `HH:MM` is dated by login + LENGTH); for `crash` and
 *   `down`, login + LENGTH (minute precision); null for `still logged in`, `gone - no logout`,
 *   `still running`
 * - `endReason`: logout | crash | down | still-logged-in | gone | running
 * - `durationSeconds`: `end - start`, null while open
 * - `addr`: present when the host column is an IP address (`-i`), null for `0.0.0.0`
 * - `failed`: true with `options.failed` (`lastb`)
 *
 * @example
 * ```ts
 * import { last } from "@fleetlens/parsers";
 * const { records, stats } = last.parseLast(
 *   "alice    pts/0        192.168.1.50     Fri Mar  1 09:15 - 10:47  (01:32)\n\nwtmp begins Fri Mar  1 08:00:00 2024\n",
 * );
 * // records[0]: { kind: "user", user: "alice", line: "pts/0", host: "192.168.1.50",
 * //   start: Date.UTC(2024, 2, 1, 9, 15), end: Date.UTC(2024, 2, 1, 10, 47), endReason: "logout",
 * //   durationSeconds: 5520, addr: "192.168.1.50" }
 * // stats.inferred.year: '2024 from the "wtmp begins" trailer'
 * ```
 * @since 0.1.0
 * @category parsers
 */
export const parseLast = (input: string | Uint8Array, options: LastOptions = {}): ParseResult<Login> =>
  parseAll(lastParser, input, options);
