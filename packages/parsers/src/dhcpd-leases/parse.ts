/**
 * Streaming parser for ISC dhcpd.leases (the server's lease database).
 *
 * @since 0.1.0
 * @module
 */
import {
  type DhcpLease,
  type Emit,
  lineParser,
  Net,
  type ParseOptions,
  type ParseResult,
  type ParserFactory,
  parseAll,
} from "@fleetlens/core/lite";
import {
  hexValue,
  LBRACE,
  Lexer,
  LineAccount,
  RBRACE,
  SEMI,
  STRING,
  type Token,
  WORD,
} from "../dhcpd-conf/lexer.js";
import { decimal } from "../scan.js";

/**
 * Options of the `dhcpd-leases` parser (none of its own).
 *
 * @since 0.1.0
 * @category models
 */
export interface DhcpdLeasesOptions extends ParseOptions {}

const MAX_TOKENS = 4096;
const MAX_DEPTH = 64;

/** Ignore reasons of the lines of top-level blocks other than `lease`. */
const BLOCK_REASON: Record<string, string> = {
  failover: "failover",
  ia_na: "dhcpv6",
  ia_ta: "dhcpv6",
  ia_pd: "dhcpv6",
  host: "host",
  class: "class",
  subclass: "class",
};

/**
 * A dhcpd lease time `W YYYY/MM/DD HH:MM:SS` (UTC; the weekday is optional and not checked),
 * `epoch N` or `never`, from the tokens after the keyword: epoch ms, null for never, or
 * undefined when malformed.
 *
 * @since 0.1.0
 * @category parsers
 */
export const leaseTime = (ts: readonly Token[], from: number): number | null | undefined => {
  let i = from;
  const a = ts[i];
  if (a === undefined || a.type !== WORD) return undefined;
  if (a.value === "never") return ts.length === i + 1 ? null : undefined;
  if (a.value === "epoch") {
    const e = ts[i + 1];
    if (e === undefined || ts.length !== i + 2) return undefined;
    const s = decimal(e.value, 0, e.value.length);
    return s < 0 ? undefined : s * 1000;
  }
  if (a.value.length === 1) i++;
  const d = ts[i]?.value;
  const t = ts[i + 1]?.value;
  if (d === undefined || t === undefined || ts.length !== i + 2) return undefined;
  // YYYY/MM/DD HH:MM:SS
  const s1 = d.indexOf("/");
  const s2 = d.indexOf("/", s1 + 1);
  if (s1 < 1 || s2 < 0) return undefined;
  const y = decimal(d, 0, s1);
  const mo = decimal(d, s1 + 1, s2);
  const day = decimal(d, s2 + 1, d.length);
  if (t.length !== 8 || t.charCodeAt(2) !== 58 || t.charCodeAt(5) !== 58) return undefined;
  const h = decimal(t, 0, 2);
  const mi = decimal(t, 3, 5);
  const se = decimal(t, 6, 8);
  if (y < 1970 || mo < 1 || mo > 12 || day < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60)
    return undefined;
  const ms = Date.UTC(y, mo - 1, day, h, mi, se);
  if (new Date(ms).getUTCDate() !== day) return undefined;
  return ms;
};

const hex2 = (v: number): string => (v < 16 ? `0${v.toString(16)}` : v.toString(16));

/**
 * A client identifier as lower-case colon-separated hex: from a dhcpd string (each character a
 * byte; characters above 255 as their UTF-8 bytes) or a hex list (`1:52:54:…`).
 *
 * @since 0.1.0
 * @category parsers
 */
export const uidHex = (t: Token): string | undefined => {
  const parts: string[] = [];
  if (t.type === STRING) {
    const s = t.value;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 256) parts.push(hex2(c));
      else for (const b of new TextEncoder().encode(s[i])) parts.push(hex2(b));
    }
    return parts.join(":");
  }
  for (const p of t.value.split(":")) {
    if (p.length < 1 || p.length > 2) return undefined;
    let v = 0;
    for (let i = 0; i < p.length; i++) {
      const d = hexValue(p.charCodeAt(i));
      if (d < 0) return undefined;
      v = v * 16 + d;
    }
    parts.push(hex2(v));
  }
  return parts.join(":");
};

const utf8 = new TextDecoder("utf-8");
/** A dhcpd string's text: bytes (octal escapes) read as UTF-8 when any is above 127. */
const stringText = (s: string): string => {
  let high = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 255) return s;
    if (c > 127) high = true;
  }
  if (!high) return s;
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return utf8.decode(b);
};

interface LeaseBuilder {
  ip: string;
  bad: string;
  line: number;
  mac: string | null;
  start: number | null;
  end: number | null;
  state: string | null;
  hostname: string | null;
  uid: string | undefined;
}

/**
 * The streaming `dhcpd-leases` parser (a {@link ParserFactory}). See {@link parseDhcpdLeases}.
 *
 * @since 0.1.0
 * @category parsers
 */
export const dhcpdLeasesParser: ParserFactory<DhcpLease, DhcpdLeasesOptions> = lineParser<
  DhcpLease,
  DhcpdLeasesOptions
>((emit: Emit<DhcpLease>) => {
  const acct = new LineAccount<DhcpLease>(emit);
  const lexer = new Lexer();
  // stack of open blocks: the lease builder for a lease block, else null (with its reason)
  const stack: { lease: LeaseBuilder | null; reason: string }[] = [];
  let stmt: Token[] = [];
  let dropping = false;
  let lineNo = 0;
  let v6 = false;

  const leaseStatement = (l: LeaseBuilder, ts: Token[]): void => {
    const k = ts[0]!;
    if (k.type !== WORD) return;
    const kw = k.value;
    if (kw === "starts" || kw === "ends") {
      const t = leaseTime(ts, 1);
      if (t === undefined) {
        if (l.bad === "") l.bad = `bad ${kw} time`;
        return;
      }
      if (kw === "starts") l.start = t;
      else l.end = t;
      return;
    }
    if (kw === "binding" && ts[1]?.value === "state" && ts.length === 3) {
      l.state = ts[2]!.value;
      return;
    }
    if (kw === "hardware" && ts.length === 3) {
      const m = Net.canonicalMac(ts[2]!.value);
      if (m === undefined) {
        if (l.bad === "") l.bad = `bad hardware address "${ts[2]!.value}"`;
        return;
      }
      l.mac = m;
      return;
    }
    if (kw === "uid" && ts.length === 2) {
      const u = uidHex(ts[1]!);
      if (u === undefined) {
        if (l.bad === "") l.bad = `bad uid "${ts[1]!.value}"`;
        return;
      }
      l.uid = u;
      return;
    }
    if (kw === "client-hostname" && ts.length === 2) l.hostname = stringText(ts[1]!.value);
  };

  const open = (ts: Token[]): void => {
    if (stack.length >= MAX_DEPTH) {
      acct.error(`blocks nested deeper than ${MAX_DEPTH}`);
      stack.push({ lease: null, reason: "declaration" });
      return;
    }
    const top = stack[stack.length - 1];
    if (top !== undefined) {
      stack.push({ lease: null, reason: top.reason });
      return;
    }
    const h0 = ts[0]?.type === WORD ? ts[0].value : "";
    if (h0 === "lease") {
      const a = ts[1];
      let bad = "";
      let ip = "";
      if (a === undefined || a.type !== WORD) bad = "lease without an address";
      else if (ts.length > 2) bad = `unexpected "${ts[2]!.value}" after the lease address`;
      else if (!Net.isIp(a.value)) bad = `bad lease address "${a.value}"`;
      else ip = Net.canonicalIp(a.value);
      stack.push({
        lease: {
          ip,
          bad,
          line: lineNo,
          mac: null,
          start: null,
          end: null,
          state: null,
          hostname: null,
          uid: undefined,
        },
        reason: "declaration",
      });
      return;
    }
    const reason = BLOCK_REASON[h0] ?? "declaration";
    if (reason === "dhcpv6") v6 = true;
    acct.reason(reason);
    stack.push({ lease: null, reason });
  };

  const close = (): void => {
    const b = stack.pop();
    if (b === undefined) {
      acct.error("unbalanced }");
      return;
    }
    const l = b.lease;
    if (l === null) return;
    if (l.bad !== "") {
      acct.error(`lease ${l.ip || "?"}: ${l.bad}`);
      return;
    }
    const r: { -readonly [K in keyof DhcpLease]: DhcpLease[K] } = {
      ip: l.ip,
      mac: l.mac,
      start: l.start,
      end: l.end,
      state: l.state,
      hostname: l.hostname,
    };
    if (l.uid !== undefined) r.uid = l.uid;
    acct.record(r);
  };

  const statement = (ts: Token[]): void => {
    const top = stack[stack.length - 1];
    if (top?.lease) leaseStatement(top.lease, ts);
  };

  const onToken = (type: number, value: string): void => {
    const top = stack[stack.length - 1];
    if (top !== undefined) acct.reason(stack[0]!.reason);
    if (type === SEMI) {
      if (!dropping && stmt.length > 0) statement(stmt);
      stmt = [];
      dropping = false;
      return;
    }
    if (type === LBRACE) {
      open(dropping ? [] : stmt);
      stmt = [];
      dropping = false;
      return;
    }
    if (type === RBRACE) {
      if (!dropping && stmt.length > 0) statement(stmt);
      stmt = [];
      dropping = false;
      close();
      return;
    }
    if (dropping) return;
    if (stmt.length >= MAX_TOKENS) {
      acct.error(`statement longer than ${MAX_TOKENS} tokens`);
      dropping = true;
      stmt = [];
      return;
    }
    stmt.push({ type, value });
  };

  return {
    line(t, no) {
      lineNo = no;
      const held = lexer.line(t, onToken);
      if (lexer.truncated) {
        lexer.truncated = false;
        acct.error("string longer than 65536 characters (truncated)");
      }
      acct.close(no, held === 0 ? "blank" : held === 1 ? "comment" : "declaration");
    },
    end() {
      let err = "";
      const open = stack.find((b) => b.lease !== null)?.lease;
      if (lexer.inString) err = "end of input inside a quoted string";
      else if (open) err = `end of input inside lease ${open.ip || "?"} (opened on line ${open.line})`;
      else if (stack.length > 0) err = "end of input inside a block (missing })";
      else if (stmt.length > 0 && !dropping) err = "end of input inside a statement (missing ;)";
      acct.finish(err);
      if (v6) emit.infer("dhcpv6", "DHCPv6 ia_na/ia_ta/ia_pd blocks ignored (no MAC in them)");
      if (acct.overflow > 0)
        emit.infer(
          "overflow",
          `${acct.overflow} lease(s) closed on a line that already closed one: counted as extra lines`,
        );
    },
  };
});

/**
 * Parses dhcpd.leases into {@link DhcpLease} records, one per `lease IP { … }` block, in file
 * order. The file is a log: dhcpd appends a full block at every change, so the same address
 * appears several times and the last block wins; this parser keeps every block (the analyses
 * pick the last). Times are UTC (`starts 6 2026/11/21 20:52:03;`) or `epoch N` (with
 * `db-time-format local;`); `ends never;` gives null.
 *
 * Accounting: the line of a lease's closing `}` is its record line; other lease lines and
 * top-level statements (`server-duid`, `authoring-byte-order`, …) are ignored as `declaration`,
 * comments as `comment`; the lines of `failover peer` blocks as `failover`, of DHCPv6 `ia_na` /
 * `ia_ta` / `ia_pd` blocks as `dhcpv6`, of OMAPI `host` blocks as `host`, of `class` /
 * `subclass` blocks as `class`. A lease with a bad address, time or MAC is a skip on its closing
 * line; a block left open at the end of the input makes the last line a skip.
 *
 * Fields (jc-style):
 * - `ip` (string): the leased address (canonical)
 * - `mac` (string|null): `hardware ethernet`, lower-case colon form
 * - `start`, `end` (epoch ms|null): `starts`, `ends` (null: `never` or absent)
 * - `state` (string|null): `binding state` (active, free, backup, expired, released, abandoned, …)
 * - `hostname` (string|null): `client-hostname` (escapes decoded, UTF-8)
 * - `uid` (string, optional): the client identifier as lower-case colon hex (`01:52:54:00:12:34:56`),
 *   from the quoted octal form or the hex list; absent when the lease has none
 *
 * @example
 * ```ts
 * const { records } = parseDhcpdLeases(
 *   "lease 10.77.0.100 {\n  starts 6 2026/11/21 20:52:03;\n  ends never;\n  binding state active;\n" +
 *   "  hardware ethernet 72:26:ff:eb:12:5a;\n  client-hostname \"desktop-01\";\n}\n",
 * );
 * // records[0] = { ip: "10.77.0.100", mac: "72:26:ff:eb:12:5a", start: 1795294323000, end: null,
 * //   state: "active", hostname: "desktop-01" }
 * ```
 * @since 0.1.0
 * @category parsers
 */
export const parseDhcpdLeases = (
  input: string | Uint8Array,
  options: DhcpdLeasesOptions = {},
): ParseResult<DhcpLease> => parseAll(dhcpdLeasesParser, input, options);
