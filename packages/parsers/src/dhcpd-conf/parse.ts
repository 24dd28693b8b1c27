/**
 * Streaming parser for ISC dhcpd.conf `host` declarations.
 *
 * @since 0.1.0
 * @module
 */
import {
  type DhcpHost,
  type Emit,
  lineParser,
  Net,
  type ParseOptions,
  type ParseResult,
  type ParserFactory,
  parseAll,
} from "@fleetlens/core/lite";
import {
  COMMA,
  dhcpdMac,
  joinTokens,
  LBRACE,
  Lexer,
  LineAccount,
  RBRACE,
  SEMI,
  type Token,
  WORD,
} from "./lexer.js";

/**
 * Options of the `dhcpd-conf` parser.
 *
 * @since 0.1.0
 * @category models
 */
export interface DhcpdConfOptions extends ParseOptions {
  /**
   * The VLAN this file serves (the seed keeps one dhcpd file per VLAN), put in every host's
   * `options.vlan`. Without it, a file name such as `dhcpd-513.conf` or `dhcpd-vlan_513.conf`
   * gives it (reported with `infer("vlan", …)`).
   */
  readonly vlan?: string;
}

/** Separator of the scope path (`shared-network lab > subnet 10.5.0.0/24 > group`). @since 0.1.0 @category constants */
export const SCOPE_SEPARATOR = " > ";

/** Bound on the tokens of one statement and on block nesting. */
const MAX_TOKENS = 4096;
const MAX_DEPTH = 64;

/**
 * The VLAN a file name names: `dhcpd-513.conf`, `dhcpd-vlan_513.conf`, `vlan513.conf`; or
 * undefined.
 *
 * @since 0.1.0
 * @category parsers
 */
export const vlanFromFileName = (file: string): string | undefined => {
  const base = file.slice(Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\")) + 1);
  const m = /^(?:dhcpd[-_.]?)?(?:vlan[-_.]?)?(\d{1,4})\.conf$/i.exec(base);
  if (!m || !/dhcpd|vlan/i.test(base)) return undefined;
  const v = Number(m[1]);
  return v >= 1 && v <= 4094 ? String(v) : undefined;
};

/** Prefix length of a contiguous IPv4 netmask, or -1. */
const maskPrefix = (mask: string): number => {
  const v = Net.parseIpv4(mask);
  if (v < 0) return -1;
  const inv = ~v >>> 0;
  if ((inv & (inv + 1)) !== 0) return -1;
  return 32 - Math.log2(inv + 1);
};

/**
 * The scope label of a block header: `subnet 10.5.0.0/24` (from `subnet A netmask M`),
 * `shared-network lab`, `group`, `pool`, `subnet6 2001:db8::/64`, `class "x"` as `class x`, ….
 *
 * @since 0.1.0
 * @category parsers
 */
export const scopeLabel = (header: readonly Token[]): string => {
  const h0 = header[0];
  if (
    h0 !== undefined &&
    h0.type === WORD &&
    h0.value === "subnet" &&
    header.length === 4 &&
    header[2]!.value === "netmask"
  ) {
    const p = maskPrefix(header[3]!.value);
    if (p >= 0) return `subnet ${header[1]!.value}/${p}`;
  }
  return joinTokens(header, 0);
};

interface HostBuilder {
  name: string;
  bad: string;
  line: number;
  mac: string | null;
  v4: string[];
  v6: string | null;
  options: Record<string, string>;
}

interface Block {
  label: string;
  host: HostBuilder | null;
}

const setOption = (o: Record<string, string>, k: string, v: string): void => {
  const prev = o[k];
  o[k] = prev === undefined ? v : `${prev}; ${v}`;
};

/**
 * The streaming `dhcpd-conf` parser (a {@link ParserFactory}). See {@link parseDhcpdConf}.
 *
 * @since 0.1.0
 * @category parsers
 */
export const dhcpdConfParser: ParserFactory<DhcpHost, DhcpdConfOptions> = lineParser<
  DhcpHost,
  DhcpdConfOptions
>((emit: Emit<DhcpHost>, options: DhcpdConfOptions) => {
  let vlan = options.vlan;
  if (vlan === undefined && options.file !== undefined) {
    vlan = vlanFromFileName(options.file);
    if (vlan !== undefined) emit.infer("vlan", `${vlan} from the file name ${options.file}`);
  }
  const acct = new LineAccount<DhcpHost>(emit);
  const lexer = new Lexer();
  const stack: Block[] = [];
  let stmt: Token[] = [];
  let dropping = false;
  let lineNo = 0;
  const includes: string[] = [];
  let hostsIn = 0;

  const scopeOf = (): string => {
    let s = "";
    for (const b of stack) {
      if (b.host !== null) break;
      s = s === "" ? b.label : `${s}${SCOPE_SEPARATOR}${b.label}`;
    }
    return s;
  };

  const hostStatement = (h: HostBuilder, ts: Token[]): void => {
    const k = ts[0]!;
    const kw = k.value;
    if (k.type === WORD && kw === "hardware") {
      const type = ts[1]?.value ?? "";
      const addr = ts[2];
      const mac = addr && ts.length === 3 ? dhcpdMac(addr.value) : undefined;
      if (mac === undefined) {
        if (h.bad === "") h.bad = `bad hardware address "${joinTokens(ts, 2)}"`;
        return;
      }
      h.mac = mac;
      if (type !== "ethernet") h.options.hardware = type;
      return;
    }
    if (k.type === WORD && kw === "fixed-address") {
      for (let i = 1; i < ts.length; i++) {
        const t = ts[i]!;
        if (t.type === COMMA) continue;
        h.v4.push(Net.isIp(t.value) ? Net.canonicalIp(t.value) : t.value);
      }
      if (h.v4.length > 1) h.options["fixed-address"] = h.v4.join(", ");
      return;
    }
    if (k.type === WORD && kw === "fixed-address6") {
      const a = ts[1]?.value ?? "";
      h.v6 = Net.isIp(a) ? Net.canonicalIp(a) : a;
      setOption(h.options, "fixed-address6", h.v6);
      return;
    }
    if (k.type === WORD && kw === "option" && ts.length >= 2) {
      setOption(h.options, `option ${ts[1]!.value}`, joinTokens(ts, 2));
      return;
    }
    setOption(h.options, kw, joinTokens(ts, 1));
  };

  const statement = (ts: Token[]): void => {
    const top = stack[stack.length - 1];
    if (top?.host) {
      hostStatement(top.host, ts);
      return;
    }
    if (ts[0]!.type === WORD && ts[0]!.value === "include") {
      acct.reason("include");
      const f = ts[1]?.value ?? "";
      if (includes.length < 100) includes.push(f);
      emit.infer("include", `not followed (no file I/O): ${includes.join(", ")}`);
    }
  };

  const open = (ts: Token[]): void => {
    if (stack.length >= MAX_DEPTH) {
      acct.error(`blocks nested deeper than ${MAX_DEPTH}`);
      stack.push({ label: "", host: null });
      return;
    }
    const h0 = ts[0];
    const inHost = stack.some((b) => b.host !== null);
    if (h0 !== undefined && h0.type === WORD && h0.value === "host" && !inHost) {
      const n = ts[1];
      let bad = "";
      if (n === undefined) bad = "host declaration without a name";
      else if (n.type !== WORD) bad = `quoted host name "${n.value}" (dhcpd expects a name)`;
      else if (ts.length > 2) bad = `unexpected "${ts[2]!.value}" after the host name`;
      hostsIn++;
      stack.push({
        label: "host",
        host: {
          name: n?.value ?? "",
          bad,
          line: lineNo,
          mac: null,
          v4: [],
          v6: null,
          options: {},
        },
      });
      return;
    }
    stack.push({ label: ts.length === 0 ? "{}" : scopeLabel(ts), host: null });
  };

  const close = (): void => {
    const b = stack.pop();
    if (b === undefined) {
      acct.error("unbalanced }");
      return;
    }
    const h = b.host;
    if (h === null) return;
    hostsIn--;
    if (h.bad !== "") {
      acct.error(`host ${h.name}: ${h.bad}`);
      return;
    }
    const opts = h.options;
    if (vlan !== undefined && opts.vlan === undefined) opts.vlan = vlan;
    acct.record({
      name: h.name,
      mac: h.mac,
      ip: h.v4[0] ?? h.v6,
      scope: scopeOf(),
      options: opts,
    });
  };

  const onToken = (type: number, value: string): void => {
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
      // dhcpd wants `;` before `}`; a last statement without it is read all the same
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
      if (lexer.inString) err = "end of input inside a quoted string";
      else if (hostsIn > 0) {
        const h = stack.find((b) => b.host !== null)!.host!;
        err = `end of input inside host ${h.name} (opened on line ${h.line})`;
      } else if (stack.length > 0) err = `end of input inside ${stack[stack.length - 1]!.label} (missing })`;
      else if (stmt.length > 0 && !dropping) err = "end of input inside a statement (missing ;)";
      acct.finish(err);
      if (acct.overflow > 0)
        emit.infer(
          "overflow",
          `${acct.overflow} host(s) closed on a line that already closed one: counted as extra lines`,
        );
    },
  };
});

/**
 * Parses dhcpd.conf text into {@link DhcpHost} records, one per `host NAME { … }` declaration,
 * wherever it is nested (shared-network, subnet, group, pool, class, conditionals). The file is
 * read by a lexer (words, quoted strings with dhcpd's escapes, `#` comments, statements spanning
 * lines) and a block state machine, streaming: a host is emitted when its closing `}` is read.
 * `include "file";` is not followed (no file I/O): ignored and reported by `infer("include")`.
 *
 * Accounting: the line holding a host's closing `}` is its record line; other lines are ignored
 * as `declaration` (any token), `comment` (only a comment), `blank`, or `include`. A host that
 * dhcpd would reject (quoted name, MAC not in colon form) is a skip on its closing line; a block,
 * string or statement left open at the end of the input makes the last line a skip. Hosts closing
 * on a line that already closed one are still emitted (reported by `infer("overflow")`).
 *
 * Fields (jc-style):
 * - `name` (string): the host name
 * - `mac` (string|null): `hardware <type> MAC`, lower-case two-digit colon form
 *   (`0:1a:…` → `00:1a:…`); a type other than ethernet is kept in `options.hardware`
 * - `ip` (string|null): the first `fixed-address` (canonical when an address, else the DNS name
 *   as written); without one, `fixed-address6`; all addresses in `options["fixed-address"]`
 *   when several
 * - `scope` (string): enclosing blocks joined by ` > `: `shared-network lab > subnet
 *   10.5.0.0/24 > group`; `""` at top level
 * - `options` (record): every other statement of the host, keyed by its keyword (`option NAME` for
 *   options: `"option host-name": "printer-01"`), the rest as text (strings unquoted, `a, b`
 *   lists); repeated keys joined with `; `; `vlan` from options or the file name
 *
 * @example
 * ```ts
 * const { records } = parseDhcpdConf(
 *   "group {\n  host ap1 { hardware ethernet AA:BB:CC:00:11:22; fixed-address 10.0.0.9; }\n}\n",
 * );
 * // records[0] = { name: "ap1", mac: "aa:bb:cc:00:11:22", ip: "10.0.0.9", scope: "group", options: {} }
 * ```
 * @since 0.1.0
 * @category parsers
 */
export const parseDhcpdConf = (
  input: string | Uint8Array,
  options: DhcpdConfOptions = {},
): ParseResult<DhcpHost> => parseAll(dhcpdConfParser, input, options);
