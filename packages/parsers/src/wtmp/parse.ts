/**
 * Binary utmp / wtmp / btmp: the raw entries (one per record) and the sessions `last -x` would
 * print, built forwards in one pass with bounded state.
 *
 * @since 0.1.0
 * @module
 */
import type {
  Emit,
  Login,
  ParseOptions,
  ParseResult,
  ParserFactory,
  StreamParser,
} from "@fleetlens/core/lite";
import { formatIso, Net, parseAll } from "@fleetlens/core/lite";
import {
  corruption,
  DETECT_BYTES,
  detectLayout,
  i16,
  i32,
  int,
  LAYOUTS,
  UT,
  type UtmpLayout,
  type UtmpLayoutName,
  UtType,
} from "./layout.js";

/**
 * Options of the wtmp parsers.
 *
 * @since 0.1.0
 * @category models
 */
export interface WtmpOptions extends ParseOptions {
  /** btmp / `lastb` mode: every record is its own zero-length session with `failed: true`. */
  readonly failed?: boolean;
  /** Force a layout instead of detecting it from the first records (default `auto`). */
  readonly layout?: UtmpLayoutName | "auto";
}

/**
 * One raw utmp record, decoded without interpretation.
 *
 * @since 0.1.0
 * @category models
 */
export interface UtmpEntry {
  /** `ut_type` (0..9, 254 for `last`'s SHUTDOWN_TIME). */
  readonly type: number;
  readonly pid: number;
  /** `ut_line`, the tty without `/dev/` (`pts/0`, `~`). */
  readonly line: string;
  /** `ut_id` (up to 4 characters). */
  readonly id: string;
  readonly user: string;
  readonly host: string;
  /** `ut_addr_v6` as text (dotted IPv4 when words 1..3 are zero, as `utmpdump` does), null when all zero. */
  readonly addr: string | null;
  readonly session: number;
  readonly exit: { readonly termination: number; readonly exit: number };
  /** `ut_tv` as epoch milliseconds (microseconds in the fraction). */
  readonly tv: number;
}

const utf8 = new TextDecoder("utf-8");

/**
 * A NUL-terminated (or field-filling) string of at most `max` bytes at `o`: ASCII fast path, UTF-8
 * otherwise.
 *
 * @since 0.1.0
 * @category decoding
 */
export const cString = (b: Uint8Array, o: number, max: number): string => {
  const lim = o + max;
  let end = o;
  let ascii = true;
  while (end < lim) {
    const c = b[end]!;
    if (c === 0) break;
    if (c > 127) ascii = false;
    end++;
  }
  if (end === o) return "";
  if (!ascii) return utf8.decode(b.subarray(o, end));
  if (end - o <= 16) {
    let s = "";
    for (let i = o; i < end; i++) s += String.fromCharCode(b[i]!);
    return s;
  }
  return String.fromCharCode.apply(null, b.subarray(o, end) as unknown as number[]);
};

/**
 * `ut_addr_v6` at `o` as text: null when all zero, dotted IPv4 when only the first word is set,
 * IPv6 (inet_ntop style) otherwise.
 *
 * @since 0.1.0
 * @category decoding
 */
export const addrText = (b: Uint8Array, o: number): string | null => {
  let rest = 0;
  for (let i = 4; i < 16; i++) rest |= b[o + i]!;
  if (rest === 0) {
    if ((b[o]! | b[o + 1]! | b[o + 2]! | b[o + 3]!) === 0) return null;
    return Net.ipv4FromBytes(b, o);
  }
  return Net.ipv6FromBytes(b, o);
};

/**
 * Decode the record at byte `o` of `b` (no validation; see {@link corruption}).
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeUtmpEntry = (
  b: Uint8Array,
  o = 0,
  layout: UtmpLayout = LAYOUTS["glibc-le-384"],
): UtmpEntry => {
  const le = layout.little;
  const sec = int(b, o + layout.tvSec, le, layout.wide);
  const usec = int(b, o + layout.tvUsec, le, layout.wide);
  return {
    type: i16(b, o, le),
    pid: i32(b, o + UT.pid, le),
    line: cString(b, o + UT.line, UT.lineSize),
    id: cString(b, o + UT.id, UT.idSize),
    user: cString(b, o + UT.user, UT.userSize),
    host: cString(b, o + UT.host, UT.hostSize),
    addr: addrText(b, o + layout.addr),
    session: int(b, o + layout.session, le, layout.wide),
    exit: { termination: i16(b, o + UT.exitTermination, le), exit: i16(b, o + UT.exitExit, le) },
    tv: sec * 1000 + usec / 1000,
  };
};

type OnRecord = (b: Uint8Array, o: number, no: number, offset: number) => void;

const encoder = new TextEncoder();

/**
 * Cuts a byte stream into records: buffers the first {@link DETECT_BYTES} to pick the layout, then
 * hands out whole records straight from each chunk, carrying only a record that straddles chunks.
 * A trailing partial record is a skip with its offset.
 */
class RecordReader {
  layout: UtmpLayout | undefined;
  private head: Uint8Array[] = [];
  private headLen = 0;
  private carry = new Uint8Array(400);
  private carryLen = 0;
  private no = 0;
  private offset = 0;

  constructor(
    private readonly emit: Emit<unknown>,
    private readonly forced: UtmpLayout | undefined,
    private readonly onLayout: (l: UtmpLayout) => void,
    private onRecord: OnRecord,
  ) {}

  setHandler(h: OnRecord): void {
    this.onRecord = h;
  }

  push(chunk: string | Uint8Array): void {
    const bytes = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
    if (bytes.length === 0) return;
    if (this.layout !== undefined) {
      this.feed(bytes);
      return;
    }
    this.head.push(bytes);
    this.headLen += bytes.length;
    if (this.headLen >= DETECT_BYTES) this.decide();
  }

  private decide(): void {
    const all = new Uint8Array(this.headLen);
    let p = 0;
    for (const c of this.head) {
      all.set(c, p);
      p += c.length;
    }
    this.head = [];
    this.headLen = 0;
    if (this.forced) {
      this.layout = this.forced;
      this.emit.infer("layout", `${this.forced.name}: ${this.forced.description} (given)`);
    } else {
      const d = detectLayout(all);
      this.layout = d.layout;
      const how =
        d.examined === 0
          ? "default: input shorter than one record"
          : `detected: score ${d.score.toFixed(2)} over ${d.examined} leading records`;
      this.emit.infer("layout", `${d.layout.name}: ${d.layout.description} (${how})`);
    }
    this.onLayout(this.layout);
    this.feed(all);
  }

  private feed(b: Uint8Array): void {
    const size = this.layout!.size;
    let pos = 0;
    const n = b.length;
    if (this.carryLen > 0) {
      const take = Math.min(size - this.carryLen, n);
      this.carry.set(b.subarray(0, take), this.carryLen);
      this.carryLen += take;
      pos = take;
      if (this.carryLen < size) return;
      this.carryLen = 0;
      this.no++;
      this.onRecord(this.carry, 0, this.no, this.offset);
      this.offset += size;
    }
    const h = this.onRecord;
    while (pos + size <= n) {
      this.no++;
      h(b, pos, this.no, this.offset);
      this.offset += size;
      pos += size;
    }
    if (pos < n) {
      this.carry.set(b.subarray(pos), 0);
      this.carryLen = n - pos;
    }
  }

  end(): void {
    if (this.layout === undefined) this.decide();
    if (this.carryLen > 0) {
      this.emit.skip(
        this.no + 1,
        `truncated record: ${this.carryLen} of ${this.layout!.size} bytes at end of input`,
        this.offset,
      );
      this.carryLen = 0;
    }
  }
}

const forcedLayout = (o: WtmpOptions): UtmpLayout | undefined =>
  o.layout === undefined || o.layout === "auto" ? undefined : LAYOUTS[o.layout];

/**
 * Streaming parser of raw entries: every plausible record becomes one {@link UtmpEntry}, a corrupt
 * one (type out of range, impossible time) or a truncated tail is a skip with its byte offset.
 *
 * @since 0.1.0
 * @category parsers
 */
export const utmpEntriesParser: ParserFactory<UtmpEntry, WtmpOptions> = (emit, options) => {
  let layout = LAYOUTS["glibc-le-384"];
  const reader = new RecordReader(
    emit,
    forcedLayout(options),
    (l) => {
      layout = l;
    },
    (b, o, no, offset) => {
      const bad = corruption(b, o, layout);
      if (bad !== undefined) emit.skip(no, bad, offset);
      else emit.record(decodeUtmpEntry(b, o, layout));
    },
  );
  return { push: (c) => reader.push(c), end: () => reader.end() };
};

/**
 * Decode every entry of a whole utmp/wtmp/btmp input.
 *
 * @since 0.1.0
 * @category parsers
 */
export const parseUtmpEntries = (
  input: Uint8Array | string,
  options: WtmpOptions = {},
): ParseResult<UtmpEntry> => parseAll(utmpEntriesParser, input, options);

/** Session being built: a {@link Login} whose end is filled in when it closes. */
interface Open {
  kind: Login["kind"];
  user: string;
  line: string;
  host: string;
  start: number;
  end: number | null;
  endReason: Login["endReason"];
  durationSeconds: number | null;
  addr: string | null;
  failed?: boolean;
}

/** More boots than this waiting for a shutdown (a long run of crashes) are emitted open. */
const MAX_PENDING_BOOTS = 65_536;

const bytesOf = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
const SHUTDOWN = bytesOf("shutdown");
const REBOOT = bytesOf("reboot");
const RUNLEVEL = bytesOf("runlevel");
const LOGIN = bytesOf("LOGIN");
const DATE = bytesOf("date");

const hasPrefix = (b: Uint8Array, o: number, p: number[]): boolean => {
  for (let i = 0; i < p.length; i++) if (b[o + i] !== p[i]) return false;
  return true;
};

const seconds = (from: number, to: number): number => Math.round((to - from) * 1000) / 1_000_000;

/**
 * Streaming wtmp parser producing sessions with util-linux 2.38 `last -x` semantics (FORMATS §1.3),
 * processed forwards: a login ends at the next logout or login on its tty, or at the next boot
 * (`crash`) or shutdown / runlevel 0 or 6 (`down`); a boot ends at the next shutdown / runlevel 0
 * or 6 (so, as in `last`, a boot followed by a crash runs until a later shutdown); a shutdown at
 * the next boot, shutdown or runlevel 0/6; a runlevel change at the next runlevel change or
 * shutdown. Whatever is still open at the end has `end: null` (`still-logged-in` for users,
 * `running` for pseudo-records). State is the open login per tty plus the pending pseudo-records.
 *
 * Each record is one of: a session record (the login, boot, shutdown or runlevel entry that starts
 * it, emitted when the session closes), an ignore (`logout paired`, `logout unpaired`, `empty`,
 * `init process`, `login process`, `accounting`, `clock change`, `dead process without line`),
 * or a skip (corrupt, truncated).
 *
 * @since 0.1.0
 * @category parsers
 */
export const wtmpParser: ParserFactory<Login, WtmpOptions> = (emit, options): StreamParser => {
  let L: UtmpLayout = LAYOUTS["glibc-le-384"];
  const failedMode = options.failed === true;
  const open = new Map<string, Open>();
  let boots: Open[] = [];
  let shutdown: Open | undefined;
  let runlevel: Open | undefined;

  const out = (r: Open): void => emit.record(r as unknown as Login);
  const close = (r: Open, end: number, reason: Login["endReason"]): void => {
    r.end = end;
    r.endReason = reason;
    r.durationSeconds = seconds(r.start, end);
    out(r);
  };
  const closeLogins = (t: number, reason: Login["endReason"]): void => {
    if (open.size === 0) return;
    for (const r of open.values()) close(r, t, reason);
    open.clear();
  };
  const closeBoots = (t: number): void => {
    if (boots.length === 0) return;
    for (const r of boots) close(r, t, "logout");
    boots = [];
  };
  const pseudo = (kind: Login["kind"], line: string, b: Uint8Array, o: number, t: number): Open => ({
    kind,
    user: cString(b, o + UT.user, UT.userSize),
    line,
    host: cString(b, o + UT.host, UT.hostSize),
    start: t,
    end: null,
    endReason: "running",
    durationSeconds: null,
    addr: addrText(b, o + L.addr),
  });

  let begun = false;
  const handle = (b: Uint8Array, o: number, no: number, offset: number): void => {
    const le = L.little;
    let type = le ? ((b[o]! | (b[o + 1]! << 8)) << 16) >> 16 : (((b[o]! << 8) | b[o + 1]!) << 16) >> 16;
    let sec: number;
    let usec: number;
    if (L.wide === 4) {
      const s = o + L.tvSec;
      const u = o + L.tvUsec;
      sec = le
        ? b[s]! | (b[s + 1]! << 8) | (b[s + 2]! << 16) | (b[s + 3]! << 24)
        : (b[s]! << 24) | (b[s + 1]! << 16) | (b[s + 2]! << 8) | b[s + 3]!;
      usec = le
        ? b[u]! | (b[u + 1]! << 8) | (b[u + 2]! << 16) | (b[u + 3]! << 24)
        : (b[u]! << 24) | (b[u + 1]! << 16) | (b[u + 2]! << 8) | b[u + 3]!;
    } else {
      sec = int(b, o + L.tvSec, le, 8);
      usec = int(b, o + L.tvUsec, le, 8);
    }
    if ((type < 0 || type > 9) && type !== 254) {
      emit.skip(no, `ut_type ${type} out of range`, offset);
      return;
    }
    if (usec < 0 || usec > 999_999) {
      emit.skip(no, `tv_usec ${usec} out of range`, offset);
      return;
    }
    if (sec < 0 || sec >= 4294967296) {
      emit.skip(no, `tv_sec ${sec} is not a plausible time`, offset);
      return;
    }
    const t = sec * 1000 + usec / 1000;
    // Where the history begins (what `last` prints as "wtmp begins"): the first valid record.
    if (!begun && sec > 0) {
      begun = true;
      emit.infer("begins", formatIso(t));
    }
    const lineO = o + UT.line;
    const userO = o + UT.user;

    if (failedMode) {
      emit.record({
        kind: "user",
        user: cString(b, userO, UT.userSize),
        line: cString(b, lineO, UT.lineSize),
        host: cString(b, o + UT.host, UT.hostSize),
        start: t,
        end: t,
        endReason: "logout",
        durationSeconds: 0,
        addr: addrText(b, o + L.addr),
        failed: true,
      });
      return;
    }

    // Re-type as last.c does: pseudo-records by user name, sloppy writers by content.
    const line0 = b[lineO]!;
    const user0 = b[userO]!;
    if (line0 === 0x7e /* ~ */) {
      if (hasPrefix(b, userO, SHUTDOWN)) type = UtType.SHUTDOWN_TIME;
      else if (hasPrefix(b, userO, REBOOT)) type = UtType.BOOT_TIME;
      else if (hasPrefix(b, userO, RUNLEVEL)) type = UtType.RUN_LVL;
    } else {
      if (type !== UtType.DEAD_PROCESS && user0 !== 0 && line0 !== 0 && !hasPrefix(b, userO, LOGIN)) {
        type = UtType.USER_PROCESS;
      }
      if (user0 === 0) type = UtType.DEAD_PROCESS;
      if (hasPrefix(b, userO, DATE)) {
        if (line0 === 0x7c /* | */) type = UtType.OLD_TIME;
        if (line0 === 0x7b /* { */) type = UtType.NEW_TIME;
      }
    }

    switch (type) {
      case UtType.USER_PROCESS: {
        const line = cString(b, lineO, UT.lineSize);
        const prev = open.get(line);
        if (prev !== undefined) close(prev, t, "logout");
        open.set(line, {
          kind: "user",
          user: cString(b, userO, UT.userSize),
          line,
          host: cString(b, o + UT.host, UT.hostSize),
          start: t,
          end: null,
          endReason: "still-logged-in",
          durationSeconds: null,
          addr: addrText(b, o + L.addr),
        });
        return;
      }
      case UtType.DEAD_PROCESS: {
        if (line0 === 0) {
          emit.ignore(no, "dead process without line");
          return;
        }
        const line = cString(b, lineO, UT.lineSize);
        const prev = open.get(line);
        if (prev === undefined) {
          emit.ignore(no, "logout unpaired");
          return;
        }
        open.delete(line);
        close(prev, t, "logout");
        emit.ignore(no, "logout paired");
        return;
      }
      case UtType.BOOT_TIME: {
        if (shutdown !== undefined) close(shutdown, t, "logout");
        shutdown = undefined;
        closeLogins(t, "crash");
        if (boots.length >= MAX_PENDING_BOOTS) out(boots.shift()!);
        boots.push(pseudo("reboot", "system boot", b, o, t));
        return;
      }
      case UtType.SHUTDOWN_TIME: {
        if (shutdown !== undefined) close(shutdown, t, "logout");
        closeBoots(t);
        if (runlevel !== undefined) close(runlevel, t, "logout");
        runlevel = undefined;
        closeLogins(t, "down");
        shutdown = pseudo("shutdown", "system down", b, o, t);
        return;
      }
      case UtType.RUN_LVL: {
        const x = (le ? b[o + UT.pid]! : b[o + UT.pid + 3]!) & 255;
        if (runlevel !== undefined) close(runlevel, t, "logout");
        if (x === 0x30 || x === 0x36) {
          if (shutdown !== undefined) close(shutdown, t, "logout");
          shutdown = undefined;
          closeBoots(t);
          closeLogins(t, "down");
        }
        runlevel = pseudo("runlevel", x === 0 ? "(to lvl " : `(to lvl ${String.fromCharCode(x)})`, b, o, t);
        return;
      }
      case UtType.EMPTY:
        emit.ignore(no, "empty");
        return;
      case UtType.INIT_PROCESS:
        emit.ignore(no, "init process");
        return;
      case UtType.LOGIN_PROCESS:
        emit.ignore(no, "login process");
        return;
      case UtType.ACCOUNTING:
        emit.ignore(no, "accounting");
        return;
      case UtType.NEW_TIME:
      case UtType.OLD_TIME:
        emit.ignore(no, "clock change");
        return;
      default:
        emit.skip(no, `ut_type ${type} out of range`, offset);
    }
  };

  const reader = new RecordReader(
    emit,
    forcedLayout(options),
    (l) => {
      L = l;
    },
    handle,
  );
  return {
    push: (c) => reader.push(c),
    end: () => {
      reader.end();
      for (const r of boots) out(r);
      boots = [];
      if (shutdown !== undefined) out(shutdown);
      shutdown = undefined;
      if (runlevel !== undefined) out(runlevel);
      runlevel = undefined;
      for (const r of open.values()) out(r);
      open.clear();
    },
  };
};

/**
 * Alias of {@link wtmpParser} under the `createXParser` naming.
 *
 * @since 0.1.0
 * @category parsers
 */
export const createWtmpParser: ParserFactory<Login, WtmpOptions> = wtmpParser;

/**
 * Parse a whole utmp / wtmp / btmp input into the sessions `last -x -F` prints.
 *
 * Fields of each {@link Login} record:
 * - `kind`: `user`, or `reboot` / `shutdown` / `runlevel` for the pseudo-records
 * - `user`: `ut_user` (`reboot`, `shutdown`, `runlevel` for pseudo-records)
 * - `line`: `ut_line` (`pts/0`); `system boot`, `system down`, `(to lvl 5)` for pseudo-records
 * - `host`: `ut_host` (the kernel release for pseudo-records)
 * - `start`: `ut_tv` of the entry that starts the session (µs kept)
 * - `end`, `endReason`, `durationSeconds`: see {@link wtmpParser}; null while open
 * - `addr`: `ut_addr_v6` as text, null when zero
 * - `failed`: true in `failed` (btmp) mode
 *
 * @example
 * ```ts
 * import { wtmp } from "@fleetlens/parsers";
 * const bin = wtmp.renderUtmp([
 *   { type: 7, pid: 1234, line: "pts/0", id: "ts/0", user: "alice", host: "192.168.1.50",
 *     addr: "192.168.1.50", session: 0, exit: { termination: 0, exit: 0 }, tv: Date.UTC(2024, 2, 1, 9, 15) },
 *   { type: 8, pid: 1234, line: "pts/0", id: "ts/0", user: "", host: "",
 *     addr: null, session: 0, exit: { termination: 0, exit: 0 }, tv: Date.UTC(2024, 2, 1, 10, 47, 30) },
 * ]);
 * wtmp.parseWtmp(bin).records[0];
 * // { kind: "user", user: "alice", line: "pts/0", host: "192.168.1.50", start: 1709284500000,
 * //   end: 1709290050000, endReason: "logout", durationSeconds: 5550, addr: "192.168.1.50" }
 * ```
 * @since 0.1.0
 * @category parsers
 */
export const parseWtmp = (input: Uint8Array | string, options: WtmpOptions = {}): ParseResult<Login> =>
  parseAll(wtmpParser, input, options);
