/**
 * Streaming parser for oslo.log service logs (nova-api, nova-compute, glance-api, neutron-server,
 * …): one {@link OsLogRecord} per log record, tracebacks attached, API access lines and
 * nova-compute lifecycle events read out of the message.
 *
 * @since 0.1.0
 * @module
 */
import type { HttpRequest, OsLogRecord } from "@fleetlens/core/lite";
import {
  type Emit,
  Lines,
  lineParser,
  type ParseOptions,
  type ParseResult,
  type ParserFactory,
  parseAll,
  type StreamParser,
  UTC,
  type Zone,
} from "@fleetlens/core/lite";

/**
 * Options of the `openstack` parser. Uses `zone` (the services' wall clock; oslo.log prints local
 * time without an offset; default UTC).
 *
 * @since 0.1.0
 * @category models
 */
export interface OsLogOptions extends ParseOptions {
  /** Continuation lines kept per record; the rest are counted in `tracebackOmitted`. Default {@link MAX_TRACEBACK_LINES}. */
  readonly maxTracebackLines?: number;
  /** Characters of continuation lines kept per record. Default {@link MAX_TRACEBACK_CHARS}. */
  readonly maxTracebackChars?: number;
  /**
   * A cheap test on a record's raw line (one that starts with its timestamp). Lines it rejects are
   * ignored as "not relevant" without being parsed, ending any pending record first. Callers that
   * need only some records (access lines, instance lines) use it to skip the rest quickly.
   */
  readonly relevant?: (line: string) => boolean;
  /**
   * The same test on a record line's bytes, before it is decoded (faster still); lines it rejects
   * are ignored as "not relevant".
   */
  readonly relevantBytes?: (bytes: Uint8Array, start: number, end: number) => boolean;
}

/** Default bound on the continuation lines kept with one record. @since 0.1.0 @category constants */
export const MAX_TRACEBACK_LINES = 200;
/** Default bound on the characters of continuation lines kept with one record (64 KiB). @since 0.1.0 @category constants */
export const MAX_TRACEBACK_CHARS = 65536;

/**
 * The ignore reason of a continuation line (a traceback line or a further line of a multi-line
 * message), kept in the record's `traceback`.
 *
 * @since 0.1.0
 * @category constants
 */
export const TRACEBACK = "traceback";

type MutableRecord = { -readonly [K in keyof OsLogRecord]: OsLogRecord[K] };

// ---------------------------------------------------------------------------------------------
// Scanner state. Parsing one line is synchronous, so module-level scratch is safe and keeps the
// hot path free of allocations for it.

let hTs: number | null = null;
let hPid: number | null = null;
let hLevel = "";
let hLoggerS = 0;
let hLoggerE = 0;
/** Index after the logger and its separating space (or the line's end). */
let hAfter = 0;
let hSourceE = -1;

// minute cache: "YYYY-MM-DD HH:MM" key -> epoch ms of that minute in the zone
let cacheZone: Zone | undefined;
let cacheKey = -1;
let cacheEpoch = 0;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Whether `t` holds `dddd-dd-dd d` at `p`. */
const isDateAt = (t: string, p: number): boolean =>
  isDigit(t.charCodeAt(p)) &&
  isDigit(t.charCodeAt(p + 1)) &&
  isDigit(t.charCodeAt(p + 2)) &&
  isDigit(t.charCodeAt(p + 3)) &&
  t.charCodeAt(p + 4) === 45 &&
  isDigit(t.charCodeAt(p + 5)) &&
  isDigit(t.charCodeAt(p + 6)) &&
  t.charCodeAt(p + 7) === 45 &&
  isDigit(t.charCodeAt(p + 8)) &&
  isDigit(t.charCodeAt(p + 9)) &&
  t.charCodeAt(p + 10) === 32 &&
  isDigit(t.charCodeAt(p + 11));

const d2 = (t: string, p: number): number => {
  const a = t.charCodeAt(p) - 48;
  const b = t.charCodeAt(p + 1) - 48;
  if (a < 0 || a > 9 || b < 0 || b > 9) return -1;
  return a * 10 + b;
};

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Reads `YYYY-MM-DD HH:MM:SS[.fff…]` at `p` (isDateAt already true). Sets hTs; returns the index
 * after it, or -1 when the fields are out of range or malformed.
 */
const readTs = (t: string, p: number, z: Zone): number => {
  const y =
    (t.charCodeAt(p) - 48) * 1000 +
    (t.charCodeAt(p + 1) - 48) * 100 +
    (t.charCodeAt(p + 2) - 48) * 10 +
    (t.charCodeAt(p + 3) - 48);
  const mo = d2(t, p + 5);
  const d = d2(t, p + 8);
  const h = d2(t, p + 11);
  if (t.charCodeAt(p + 13) !== 58) return -1;
  const mi = d2(t, p + 14);
  if (t.charCodeAt(p + 16) !== 58) return -1;
  const s = d2(t, p + 17);
  if (h < 0 || mi < 0 || s < 0 || s > 59) return -1;
  const key = ((y * 100 + mo) * 100 + d) * 10000 + h * 100 + mi;
  if (key !== cacheKey || z !== cacheZone) {
    if (mo < 1 || mo > 12 || d < 1 || d > DAYS[mo - 1]! || h > 23 || mi > 59) return -1;
    if (mo === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return -1;
    cacheEpoch = z.toEpoch(y, mo - 1, d, h, mi, 0);
    cacheKey = key;
    cacheZone = z;
  }
  let q = p + 19;
  let frac = 0;
  const c = t.charCodeAt(q);
  if (c === 46 || c === 44) {
    q++;
    let digits = 0;
    let n = 0;
    while (q < t.length) {
      const k = t.charCodeAt(q) - 48;
      if (k < 0 || k > 9) break;
      if (digits < 9) {
        n = n * 10 + k;
        digits++;
      }
      q++;
    }
    if (digits === 0) return -1;
    frac = digits === 3 ? n : (n * 1000) / 10 ** digits;
  }
  hTs = cacheEpoch + s * 1000 + frac;
  return q;
};

/** The level's constant string when it is a common one (saves a copy per line). */
const levelAt = (t: string, s: number, e: number): string => {
  let l: string;
  switch (t.charCodeAt(s)) {
    case 73:
      l = "INFO";
      break;
    case 68:
      l = "DEBUG";
      break;
    case 87:
      l = "WARNING";
      break;
    case 69:
      l = "ERROR";
      break;
    case 67:
      l = "CRITICAL";
      break;
    case 84:
      l = "TRACE";
      break;
    case 65:
      l = "AUDIT";
      break;
    default:
      return t.slice(s, e);
  }
  return l.length === e - s && t.startsWith(l, s) ? l : t.slice(s, e);
};

/**
 * Reads the line's head: `[source ]date time[.ms] [pid ]LEVEL logger`. Returns "" or the reason
 * the line is not an oslo.log line.
 */
const header = (t: string, z: Zone): string => {
  const n = t.length;
  let p = 0;
  hSourceE = -1;
  hTs = null;
  hPid = null;
  let dated = isDateAt(t, 0);
  if (!dated) {
    const sp = t.indexOf(" ");
    if (sp > 0 && isDateAt(t, sp + 1)) {
      hSourceE = sp;
      p = sp + 1;
      dated = true;
    }
  }
  if (dated) {
    const q = readTs(t, p, z);
    if (q < 0) return "bad timestamp";
    if (t.charCodeAt(q) !== 32) return "bad timestamp";
    p = q + 1;
  }
  // pid
  let q = p;
  let pid = 0;
  while (q < n) {
    const k = t.charCodeAt(q) - 48;
    if (k < 0 || k > 9) break;
    pid = pid * 10 + k;
    q++;
  }
  if (q > p) {
    if (t.charCodeAt(q) !== 32 || q - p > 10) return "bad process id";
    hPid = pid;
    p = q + 1;
  }
  // level: upper-case letters
  q = p;
  while (q < n) {
    const c = t.charCodeAt(q);
    if (c < 65 || c > 90) break;
    q++;
  }
  if (q > p && q === n) return "missing logger";
  if (q === p || t.charCodeAt(q) !== 32) return hTs === null ? "not an oslo.log line" : "missing level";
  hLevel = levelAt(t, p, q);
  p = q + 1;
  // logger
  q = t.indexOf(" ", p);
  if (q < 0) q = n;
  if (q === p) return "missing logger";
  hLoggerS = p;
  hLoggerE = q;
  hAfter = q < n ? q + 1 : n;
  return "";
};

// request-context token bounds (at most 8 tokens are looked at)
const ctxS = new Int32Array(8);
const ctxE = new Int32Array(8);

const isReq = (t: string, i: number): boolean => t.startsWith("req-", ctxS[i]!);
/** A context token, `-` and `None` as null. */
const ctxValue = (t: string, i: number): string | null => {
  const s = ctxS[i]!;
  const e = ctxE[i]!;
  const len = e - s;
  if (len === 1 && t.charCodeAt(s) === 45) return null;
  if (len === 4 && t.startsWith("None", s)) return null;
  return t.slice(s, e);
};

const INSTANCE = "[instance: ";

// ---------------------------------------------------------------------------------------------
// Message readers

let numEnd = 0;
/** Unsigned decimal (`0.2477829`, `8`) at p: the value, numEnd after it; NaN when none. */
const decimalAt = (t: string, p: number): number => {
  const n = t.length;
  let q = p;
  let v = 0;
  let digits = 0;
  while (q < n) {
    const k = t.charCodeAt(q) - 48;
    if (k < 0 || k > 9) break;
    v = v * 10 + k;
    digits++;
    q++;
  }
  if (digits === 0 || digits > 15) return Number.NaN;
  if (t.charCodeAt(q) === 46) {
    q++;
    let f = 0;
    let fd = 0;
    while (q < n) {
      const k = t.charCodeAt(q) - 48;
      if (k < 0 || k > 9) break;
      f = f * 10 + k;
      fd++;
      q++;
    }
    if (fd === 0 || digits + fd > 15) return Number.NaN;
    // an exact integer over an exact power of ten: the correctly rounded value, as parseFloat
    v = (v * 10 ** fd + f) / 10 ** fd;
  }
  numEnd = q;
  return v;
};

const skipSpaces = (t: string, p: number): number => {
  let q = p;
  while (t.charCodeAt(q) === 32) q++;
  return q;
};

const HTTP11 = "HTTP/1.1";
const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];
/** The method's constant string when it is a common one. */
const methodAt = (t: string, s: number, e: number): string => {
  for (let i = 0; i < METHODS.length; i++) {
    const m = METHODS[i]!;
    if (m.length === e - s && t.startsWith(m, s)) return m;
  }
  return t.slice(s, e);
};

/**
 * Reads a WSGI access line in `t` from `m` to the end: nova/neutron `client "METHOD path HTTP/1.1"
 * status: N len: N time: S` (any spaces between fields) or eventlet's `client - - [date]
 * "METHOD path HTTP/1.1" status len seconds`. Null when the text is not one.
 */
const httpAt = (t: string, m: number): HttpRequest | null => {
  const n = t.length;
  const sp = t.indexOf(" ", m);
  if (sp <= m) return null;
  let q: number;
  if (t.charCodeAt(sp + 1) === 34) q = sp + 1;
  else if (t.startsWith(" - - [", sp)) {
    const rb = t.indexOf('] "', sp + 6);
    if (rb < 0) return null;
    q = rb + 2;
  } else return null;
  for (let i = m; i < sp; i++) if (t.charCodeAt(i) === 34) return null;
  // "METHOD path HTTP/x"
  let p = q + 1;
  while (p < n) {
    const c = t.charCodeAt(p);
    if (c < 65 || c > 90) break;
    p++;
  }
  if (p === q + 1 || t.charCodeAt(p) !== 32) return null;
  const methodE = p;
  const close = t.indexOf('" ', p + 1);
  if (close < 0) return null;
  let pathE = close;
  let version: string | null = null;
  const lastSp = t.lastIndexOf(" ", close - 1);
  if (lastSp > methodE && t.startsWith("HTTP/", lastSp + 1)) {
    pathE = lastSp;
    version = close - lastSp === 9 && t.startsWith(HTTP11, lastSp + 1) ? HTTP11 : t.slice(lastSp + 1, close);
  }
  if (pathE <= methodE + 1) return null;
  // status, length, seconds
  p = skipSpaces(t, close + 1);
  let status: number;
  let length: number | null;
  let seconds: number;
  if (t.startsWith("status:", p)) {
    status = decimalAt(t, skipSpaces(t, p + 7));
    if (!Number.isInteger(status)) return null;
    p = skipSpaces(t, numEnd);
    if (!t.startsWith("len:", p)) return null;
    p = skipSpaces(t, p + 4);
    if (t.charCodeAt(p) === 45) {
      length = null;
      p++;
    } else {
      length = decimalAt(t, p);
      if (!Number.isInteger(length)) return null;
      p = numEnd;
    }
    p = skipSpaces(t, p);
    if (!t.startsWith("time:", p)) return null;
    seconds = decimalAt(t, skipSpaces(t, p + 5));
    if (Number.isNaN(seconds)) return null;
    p = numEnd;
  } else {
    status = decimalAt(t, p);
    if (!Number.isInteger(status)) return null;
    p = numEnd;
    if (t.charCodeAt(p) !== 32) return null;
    p = skipSpaces(t, p);
    if (t.charCodeAt(p) === 45) {
      length = null;
      p++;
    } else {
      length = decimalAt(t, p);
      if (!Number.isInteger(length)) return null;
      p = numEnd;
    }
    if (t.charCodeAt(p) !== 32) return null;
    seconds = decimalAt(t, skipSpaces(t, p));
    if (Number.isNaN(seconds)) return null;
    p = numEnd;
  }
  if (skipSpaces(t, p) !== n) return null;
  if (status < 100 || status > 999) return null;
  return {
    client: t.slice(m, sp),
    method: methodAt(t, q + 1, methodE),
    path: t.slice(methodE + 1, pathE),
    version,
    status,
    length,
    seconds,
  };
};

/**
 * Whether a message opening with this character may be an access line: an address (digits, `:`,
 * lower-case hex as Python prints IPv6, `[`) or a lower-case host name. Messages opening with a
 * capital (`Instance …`, `VM …`, `Took …`) are not looked at.
 */
const mayBeClient = (c: number): boolean => (c >= 48 && c <= 58) || (c >= 97 && c <= 122) || c === 91;

const LIFECYCLE_TAIL = " (Lifecycle Event)";
/** `VM <State> (Lifecycle Event)` from `m` to the end: the state, or null. */
const lifecycleAt = (t: string, m: number): string | null => {
  if (t.charCodeAt(m) !== 86 || t.charCodeAt(m + 1) !== 77 || t.charCodeAt(m + 2) !== 32) return null;
  const e = t.length - LIFECYCLE_TAIL.length;
  if (e <= m + 3 || !t.endsWith(LIFECYCLE_TAIL)) return null;
  return t.slice(m + 3, e);
};

/**
 * Reads an API access-log message (see {@link OsLogRecord}'s `http`): nova's and neutron's
 * `client "METHOD path HTTP/1.1" status: N len: N time: S` and eventlet's
 * `client - - [DD/Mon/YYYY HH:MM:SS] "METHOD path HTTP/1.1" status len seconds`. The client is
 * kept as printed (`client,proxy` when a proxy forwarded it). Null when the message is not one.
 *
 * @example
 * ```ts
 * parseHttpMessage('192.0.2.7 "GET /v2.1/servers HTTP/1.1" status: 200 len: 512 time: 0.1250000')
 * // { client: "192.0.2.7", method: "GET", path: "/v2.1/servers", version: "HTTP/1.1",
 * //   status: 200, length: 512, seconds: 0.125 }
 * ```
 * @since 0.1.0
 * @category parsers
 */
export const parseHttpMessage = (message: string): HttpRequest | null => httpAt(message, 0);

/**
 * The state of a nova-compute lifecycle message `VM <State> (Lifecycle Event)` (`Started`,
 * `Stopped`, `Paused`, `Resumed`, `Suspended`, `Postcopy started`, `Migration completed`,
 * `Unknown`), or null.
 *
 * @since 0.1.0
 * @category parsers
 */
export const parseLifecycleMessage = (message: string): string | null => lifecycleAt(message, 0);

const DEBUG_SUFFIX = /^(.*) (\S+) (\S+\.py):(\d+)$/s;
const DEVSTACK_SUFFIX = /^(.*) \{\{\(pid=\d+\) (\S+) (\S+\.py):(\d+)\}\}$/s;

/**
 * Splits oslo.log's DEBUG suffix ` funcName path:lineno` (`logging_debug_format_suffix`; devstack's
 * `{{(pid=N) funcName path:lineno}}` too) off a message. The parser keeps it in `message` (the
 * suffix is configurable, a message may end in something that looks like one, and Loghub's
 * structured CSV keeps it in Content); call this where the bare text matters. Undefined when the
 * message does not end in such a suffix.
 *
 * @example
 * ```ts
 * splitDebugSuffix("Lock acquired inner /usr/lib/python3/dist-packages/oslo_concurrency/lockutils.py:404")
 * // { message: "Lock acquired", func: "inner", path: "/usr/lib/…/lockutils.py", line: 404 }
 * ```
 * @since 0.1.0
 * @category parsers
 */
export const splitDebugSuffix = (
  message: string,
): { message: string; func: string; path: string; line: number } | undefined => {
  const m = DEVSTACK_SUFFIX.exec(message) ?? DEBUG_SUFFIX.exec(message);
  if (!m) return undefined;
  return { message: m[1]!, func: m[2]!, path: m[3]!, line: Number(m[4]) };
};

/**
 * Whether a line without an oslo.log head continues the record before it: a traceback line or a
 * line of a multi-line message (oslo.log writes those as they are: XML dumps, SQL errors, …).
 * A line opening with a digit is taken for a broken head rather than a continuation.
 */
const isBareContinuation = (t: string): boolean => {
  const c = t.charCodeAt(0);
  return c < 48 || c > 57;
};

/**
 * The streaming `openstack` parser (a {@link ParserFactory}). See {@link parseOsLog} for the
 * fields and rules.
 *
 * @since 0.1.0
 * @category parsers
 */
const makeOsLog = (emit: Emit<OsLogRecord>, options: OsLogOptions) => {
  const z = options.zone ?? UTC;
  const maxLines = options.maxTracebackLines ?? MAX_TRACEBACK_LINES;
  const maxChars = options.maxTracebackChars ?? MAX_TRACEBACK_CHARS;
  let pending: MutableRecord | null = null;
  let tb: string[] = [];
  let tbChars = 0;
  let omitted = 0;
  let lastSource: string | null = null;
  let lastLogger = "";

  const flush = (): void => {
    if (pending === null) return;
    const r = pending;
    pending = null;
    if (tb.length > 0) {
      r.traceback = tb;
      tb = [];
    }
    if (omitted > 0) r.tracebackOmitted = omitted;
    tbChars = 0;
    omitted = 0;
    emit.record(r);
  };

  const attach = (text: string, no: number): void => {
    emit.ignore(no, TRACEBACK);
    if (tb.length < maxLines && tbChars + text.length <= maxChars) {
      tb.push(text);
      tbChars += text.length;
    } else omitted++;
  };

  const relevant = options.relevant;
  const line = (t: string, no: number) => {
    const n = t.length;
    if (n === 0) return emit.ignore(no, "blank");
    const c0 = t.charCodeAt(0);
    if (relevant !== undefined && c0 >= 48 && c0 <= 57 && !relevant(t)) {
      flush();
      return emit.ignore(no, "not relevant");
    }
    if (c0 === 32 || c0 === 9) {
      let i = 1;
      while (i < n && (t.charCodeAt(i) === 32 || t.charCodeAt(i) === 9)) i++;
      if (i === n) return emit.ignore(no, "blank");
      if (pending !== null) return attach(t, no);
      return emit.skip(no, "continuation line without a record");
    }
    const why = header(t, z);
    if (why !== "") {
      if (pending !== null && isBareContinuation(t)) return attach(t, no);
      return emit.skip(no, why);
    }
    // after the logger: a request context, or (exception-prefix lines, custom formats) none
    let p = hAfter;
    const hasCtx = t.charCodeAt(p) === 91 && !t.startsWith(INSTANCE, p);
    if (!hasCtx) {
      if (
        pending !== null &&
        (hLevel === "ERROR" || hLevel === "TRACE") &&
        pending.ts === hTs &&
        pending.pid === hPid &&
        pending.logger.length === hLoggerE - hLoggerS &&
        t.startsWith(pending.logger, hLoggerS)
      ) {
        if (t.startsWith(INSTANCE, p)) {
          const rb = t.indexOf("]", p + INSTANCE.length);
          if (rb > 0) p = t.charCodeAt(rb + 1) === 32 ? rb + 2 : rb + 1;
        }
        return attach(t.slice(p), no);
      }
      if (hTs === null) {
        if (pending !== null && isBareContinuation(t)) return attach(t, no);
        return emit.skip(no, "no timestamp and no request context");
      }
    }
    let requestId: string | null = null;
    let globalRequestId: string | null = null;
    let userId: string | null = null;
    let projectId: string | null = null;
    if (hasCtx) {
      const close = t.indexOf("]", p + 1);
      if (close < 0) return emit.skip(no, "unterminated request context");
      let k = 0;
      let i = p + 1;
      while (i < close && k < 8) {
        while (i < close && t.charCodeAt(i) === 32) i++;
        if (i >= close) break;
        ctxS[k] = i;
        const sp = t.indexOf(" ", i);
        i = sp < 0 || sp > close ? close : sp;
        ctxE[k++] = i;
      }
      if (k > 0) {
        let ri = 0;
        if (k >= 2 && isReq(t, 1)) {
          ri = 1;
          globalRequestId = ctxValue(t, 0);
        }
        requestId = ctxValue(t, ri);
        const ids = k - ri - 1;
        if (ri === 1 && ids === 2) {
          // devstack: [global request project_name user_name]
          projectId = ctxValue(t, 2);
          userId = ctxValue(t, 3);
        } else {
          if (ids >= 1) userId = ctxValue(t, ri + 1);
          if (ids >= 2) projectId = ctxValue(t, ri + 2);
        }
      }
      p = t.charCodeAt(close + 1) === 32 ? close + 2 : close + 1;
    }
    let instance: string | null = null;
    if (t.startsWith(INSTANCE, p)) {
      const rb = t.indexOf("]", p + INSTANCE.length);
      if (rb > 0) {
        instance = t.slice(p + INSTANCE.length, rb);
        p = t.charCodeAt(rb + 1) === 32 ? rb + 2 : rb + 1;
      }
    }
    flush();
    let source: string | null = null;
    if (hSourceE > 0) {
      if (
        lastSource !== null &&
        lastSource.length === hSourceE &&
        t.charCodeAt(hSourceE - 1) === lastSource.charCodeAt(hSourceE - 1) &&
        t.startsWith(lastSource)
      )
        source = lastSource;
      else source = lastSource = t.slice(0, hSourceE);
    }
    let logger: string;
    if (lastLogger.length === hLoggerE - hLoggerS && t.startsWith(lastLogger, hLoggerS)) logger = lastLogger;
    else logger = lastLogger = t.slice(hLoggerS, hLoggerE);
    const c = t.charCodeAt(p);
    pending = {
      ts: hTs,
      pid: hPid,
      level: hLevel,
      logger,
      requestId,
      globalRequestId,
      userId,
      projectId,
      instance,
      message: p >= n ? "" : t.slice(p),
      source,
      http: mayBeClient(c) ? httpAt(t, p) : null,
      lifecycle: c === 86 ? lifecycleAt(t, p) : null,
    };
  };

  return {
    line,
    /** A line the caller's byte-level filter rejected: ends any pending record, counted. */
    irrelevant(no: number) {
      flush();
      emit.ignore(no, "not relevant");
    },
    end() {
      flush();
    },
  };
};

/**
 * A text-line driver that looks at each line's bytes first: lines starting with a digit (a
 * record's timestamp) that `relevantBytes` rejects are counted as ignored without being decoded;
 * the others are decoded and parsed as usual. Chunks may split lines anywhere; CR-LF and the
 * line-length bound behave as in {@link lineParser}.
 */
const byteFiltered = (
  emit: Emit<OsLogRecord>,
  options: OsLogOptions,
  relevantBytes: (bytes: Uint8Array, start: number, end: number) => boolean,
): StreamParser => {
  const h = makeOsLog(emit, options);
  const max = options.maxLineLength ?? Lines.DEFAULT_MAX_LINE;
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let carry: Uint8Array | null = null;
  let tooLong = false;
  let no = 0;
  /** The line in `b` from `s` to `e` (exclusive, without its newline). */
  const one = (b: Uint8Array, s: number, end: number): void => {
    no++;
    let e = end;
    if (e > s && b[e - 1] === 13) e--;
    if (tooLong || e - s > max) {
      tooLong = false;
      emit.skip(no, `line longer than ${max} characters`);
      return;
    }
    const c0 = e > s ? b[s]! : 0;
    if (c0 >= 48 && c0 <= 57 && !relevantBytes(b, s, e)) h.irrelevant(no);
    else h.line(decoder.decode(b.subarray(s, e)), no);
  };
  return {
    push(chunk: string | Uint8Array) {
      const b = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
      let i = 0;
      for (;;) {
        const nl = b.indexOf(10, i);
        if (nl < 0) break;
        if (carry !== null) {
          const joined = new Uint8Array(carry.length + nl - i);
          joined.set(carry, 0);
          joined.set(b.subarray(i, nl), carry.length);
          carry = null;
          one(joined, 0, joined.length);
        } else one(b, i, nl);
        i = nl + 1;
      }
      if (i < b.length) {
        const rest = b.subarray(i);
        let next: Uint8Array;
        if (carry === null) next = rest.slice();
        else if (carry.length + rest.length > max + 1) next = new Uint8Array(max + 2);
        else {
          next = new Uint8Array(carry.length + rest.length);
          next.set(carry, 0);
          next.set(rest, carry.length);
        }
        // Over the bound: keep nothing but remember, so the line becomes one skip at its end.
        if (next.length > max + 1) {
          tooLong = true;
          next = new Uint8Array(0);
        }
        carry = next;
      }
    },
    end() {
      if (carry !== null && (carry.length > 0 || tooLong)) one(carry, 0, carry.length);
      carry = null;
      h.end();
    },
  };
};

const textParser = lineParser<OsLogRecord, OsLogOptions>(makeOsLog);

/**
 * The streaming `openstack` parser (a {@link ParserFactory}). With `relevantBytes`, rejected
 * lines are skipped before decoding (the fast path `openstack actions` uses).
 *
 * @since 0.1.0
 * @category parsers
 */
export const osLogParser: ParserFactory<OsLogRecord, OsLogOptions> = (emit, options) =>
  options.relevantBytes === undefined
    ? textParser(emit, options)
    : byteFiltered(emit, options, options.relevantBytes);

/**
 * Parses oslo.log service logs (any OpenStack service: nova-api, nova-compute, glance-api,
 * neutron-server, …) into {@link OsLogRecord} records.
 *
 * Line: `[source ]YYYY-MM-DD HH:MM:SS.mmm PID LEVEL logger [CONTEXT] [instance: UUID] message`.
 * - `source` (Loghub's datasets start each line with the log file's name) is optional; so are the
 *   pid and, for lines that carry a request context, the timestamp (custom formats).
 * - CONTEXT variants: `[-]` (no request), `[req-ID user project domain user_domain
 *   project_domain]` (5 identity tokens, oslo.log < 4.8), `[global req-ID user project domain
 *   system_scope user_domain project_domain]` (6 tokens, Zed and later; `None` when there is no
 *   global id), the old `[req-ID user project]`, devstack's `[global req-ID project_name
 *   user_name]`. `-` and `None` are null. A request id is the token starting with `req-` (second
 *   if there are both a global and a local one).
 * - The DEBUG suffix ` funcName path:lineno` stays in `message` (see {@link splitDebugSuffix}).
 * - Continuation lines are attached to the record before them as `traceback` (each counted as
 *   ignored `traceback`): oslo.log's exception lines (`ts pid ERROR logger [instance: X] text`
 *   with the record's timestamp, pid and logger and no context; `TRACE` in old releases; the
 *   text after that prefix is kept) and bare lines without an oslo.log head (Python's own
 *   traceback print, the further lines of a multi-line message; a line opening with a digit is a
 *   broken head and skipped). At most `maxTracebackLines` / `maxTracebackChars` are kept; the rest are counted in
 *   `tracebackOmitted`. A record is emitted when the next one starts, or at the end; blank
 *   and skipped lines in between do not end its continuation.
 * - Skipped with a reason: lines that are not oslo.log lines, impossible dates, an unterminated
 *   context, continuation lines before any record. Blank lines are ignored.
 *
 * Fields (jc-style):
 * - `ts` (epoch ms|null): the wall clock read in `options.zone` (default UTC)
 * - `pid` (number|null), `level` (`INFO`, `ERROR`, …), `logger` (`nova.compute.manager`)
 * - `requestId`, `globalRequestId`, `userId`, `projectId` (string|null)
 * - `instance` (string|null): from the `[instance: UUID] ` prefix
 * - `message` (string): the rest of the line
 * - `source` (string|null): the leading file name, null when absent
 * - `http` (object|null): `{client, method, path, version, status, length, seconds}` of an API
 *   access line (see {@link parseHttpMessage})
 * - `lifecycle` (string|null): the state of `VM <State> (Lifecycle Event)`
 * - `traceback` (string[], optional), `tracebackOmitted` (number, optional)
 *
 * @example
 * ```ts
 * const { records } = parseOsLog(
 *   "2031-02-03 04:05:06.789 4242 INFO nova.compute.manager [req-0b6c1f2e-8a55-4d1e-9c3b-6f0e2a7d9b14 - - - - -] " +
 *     "[instance: 5f2d9c1a-7e3b-4a6d-8c0f-1b2e3d4c5a6b] VM Paused (Lifecycle Event)\n",
 * );
 * // records[0].lifecycle === "Paused", records[0].instance === "5f2d9c1a-…", records[0].userId === null
 * ```
 * @since 0.1.0
 * @category parsers
 */
export const parseOsLog = (
  input: string | Uint8Array,
  options: OsLogOptions = {},
): ParseResult<OsLogRecord> => parseAll(osLogParser, input, options);
