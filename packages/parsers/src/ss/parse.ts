/**
 * Streaming parser for `ss` (iproute2) socket tables.
 *
 * @since 0.1.0
 * @module
 */
import {
  type Emit,
  lineParser,
  Net,
  type ParseOptions,
  type ParseResult,
  type ParserFactory,
  parseAll,
  type Socket,
  type SocketProcess,
} from "@fleetlens/core/lite";
import { decimal, nextToken, tok } from "../scan.js";

/**
 * Options of the `ss` parser.
 *
 * @since 0.1.0
 * @category models
 */
export interface SsOptions extends ParseOptions {
  /**
   * State to give sockets of a table without a State column (`ss -tn state established` prints
   * none). Default `"UNKNOWN"`; the parser reports the fallback through `infer("state", …)`.
   */
  readonly state?: string;
}

/**
 * The state names `ss` prints (iproute2 `sstate_name`), the same names the proc-net-tcp parser
 * maps the kernel's hex states to.
 *
 * @since 0.1.0
 * @category constants
 */
export const SS_STATES: readonly string[] = [
  "UNKNOWN",
  "ESTAB",
  "SYN-SENT",
  "SYN-RECV",
  "FIN-WAIT-1",
  "FIN-WAIT-2",
  "TIME-WAIT",
  "UNCONN",
  "CLOSE-WAIT",
  "LAST-ACK",
  "LISTEN",
  "CLOSING",
  "CLOSE",
];
const STATE_SET = new Map<string, string>(SS_STATES.map((s) => [s, s]));

/**
 * Well-known service names `ss` prints without `-n` (from `/etc/services`), mapped back to port
 * numbers. A name not in this table gives a null port (and an `infer("service", …)` note).
 *
 * @since 0.1.0
 * @category constants
 */
export const SERVICE_PORTS: ReadonlyMap<string, number> = new Map<string, number>([
  ["tcpmux", 1],
  ["echo", 7],
  ["discard", 9],
  ["daytime", 13],
  ["chargen", 19],
  ["ftp-data", 20],
  ["ftp", 21],
  ["ssh", 22],
  ["telnet", 23],
  ["smtp", 25],
  ["time", 37],
  ["whois", 43],
  ["tacacs", 49],
  ["domain", 53],
  ["bootps", 67],
  ["bootpc", 68],
  ["tftp", 69],
  ["finger", 79],
  ["http", 80],
  ["www", 80],
  ["kerberos", 88],
  ["pop3", 110],
  ["sunrpc", 111],
  ["auth", 113],
  ["nntp", 119],
  ["ntp", 123],
  ["epmap", 135],
  ["netbios-ns", 137],
  ["netbios-dgm", 138],
  ["netbios-ssn", 139],
  ["imap2", 143],
  ["imap", 143],
  ["snmp", 161],
  ["snmp-trap", 162],
  ["bgp", 179],
  ["ldap", 389],
  ["https", 443],
  ["microsoft-ds", 445],
  ["submissions", 465],
  ["isakmp", 500],
  ["exec", 512],
  ["login", 513],
  ["shell", 514],
  ["printer", 515],
  ["submission", 587],
  ["ipp", 631],
  ["ldaps", 636],
  ["rsync", 873],
  ["ftps", 990],
  ["imaps", 993],
  ["pop3s", 995],
  ["socks", 1080],
  ["openvpn", 1194],
  ["ms-sql-s", 1433],
  ["radius", 1812],
  ["nfs", 2049],
  ["mysql", 3306],
  ["ms-wbt-server", 3389],
  ["svn", 3690],
  ["sip", 5060],
  ["xmpp-client", 5222],
  ["mdns", 5353],
  ["postgresql", 5432],
  ["amqp", 5672],
  ["x11", 6000],
  ["redis", 6379],
  ["ircd", 6667],
  ["http-alt", 8080],
  ["webcache", 8080],
  ["git", 9418],
  ["zabbix-agent", 10050],
]);

/** Netids of sockets that have no inet address:port (unix, netlink, packet, vsock, tipc, xdp). */
const isNonInetNetid = (t: string): boolean =>
  t.startsWith("u_") || t.startsWith("p_") || t.startsWith("v_") || t === "nl" || t === "tipc" || t === "xdp";

type MutableSocket = { -readonly [K in keyof Socket]: Socket[K] };
/** Ignore reason of unix/netlink/packet sockets (a Netid column without address:port). */
const NON_INET = "non-inet socket";

// Scanner state (module level: the parse of one line is synchronous, so sharing is safe and the
// hot loop allocates nothing for it).
let epAddr = "";
let epPort: number | null = null;
let epScope = "";
let epService = "";
let usersEnd = 0;

const V6_CACHE_MAX = 4096;
const v6Cache = new Map<string, string>();
/** Canonical IPv6 text, cached: snapshots repeat a few addresses many times. */
const canonicalV6 = (a: string): string => {
  let c = v6Cache.get(a);
  if (c === undefined) {
    c = Net.canonicalIp(a);
    if (v6Cache.size >= V6_CACHE_MAX) v6Cache.clear();
    v6Cache.set(a, c);
  }
  return c;
};

/** A service name: letters, digits, `-`, `_`, `.`. */
const isServiceName = (t: string, s: number, e: number): boolean => {
  for (let i = s; i < e; i++) {
    const c = t.charCodeAt(i);
    const ok =
      (c >= 97 && c <= 122) ||
      (c >= 65 && c <= 90) ||
      (c >= 48 && c <= 57) ||
      c === 45 ||
      c === 95 ||
      c === 46;
    if (!ok) return false;
  }
  return true;
};

/**
 * Parses `addr:port` in [s, e) in every form ss prints: `1.2.3.4:80`, `[::1]:22`,
 * `[fe80::1]%eth0:9090`, `127.0.0.53%lo:53`, `*:*`, old `:::22` / `::1:25`, resolved
 * `host:ssh`. Sets epAddr/epPort/epScope/epService; returns an error reason or "".
 */
const endpoint = (t: string, s: number, e: number): string => {
  let addrS = s;
  let addrE: number;
  let scopeS = -1;
  let colon: number;
  if (t.charCodeAt(s) === 91 /* [ */) {
    const rb = t.indexOf("]", s + 1);
    if (rb < 0 || rb >= e) return "unbalanced [ in address";
    addrS = s + 1;
    addrE = rb;
    colon = rb + 1;
    if (t.charCodeAt(colon) === 37 /* % */) {
      scopeS = colon + 1;
      colon = t.lastIndexOf(":", e - 1);
      if (colon < scopeS) return "missing :port";
    }
    if (colon >= e || t.charCodeAt(colon) !== 58) return "missing :port";
  } else {
    colon = t.lastIndexOf(":", e - 1);
    if (colon < s) return "missing :port";
    addrE = colon;
    const pct = t.indexOf("%", s);
    if (pct >= 0 && pct < colon) {
      addrE = pct;
      scopeS = pct + 1;
    }
  }
  if (addrE <= addrS) return "empty address";
  epScope = scopeS >= 0 ? t.slice(scopeS, colon) : "";
  if (scopeS >= 0 && epScope.length === 0) return "empty scope after %";
  const ps = colon + 1;
  if (ps >= e) return "empty port";
  epService = "";
  if (e - ps === 1 && t.charCodeAt(ps) === 42 /* * */) epPort = null;
  else {
    const p = decimal(t, ps, e);
    if (p >= 0) {
      if (p > 65535) return "port out of range";
      epPort = p;
    } else if (isServiceName(t, ps, e)) {
      epService = t.slice(ps, e);
      epPort = SERVICE_PORTS.get(epService) ?? null;
    } else return "bad port";
  }
  if (addrE - addrS === 1 && t.charCodeAt(addrS) === 42) epAddr = "*";
  else {
    const a = t.slice(addrS, addrE);
    epAddr = a.indexOf(":") >= 0 ? canonicalV6(a) : a;
  }
  return "";
};

/**
 * Parses `users:(("name",pid=1,fd=3),("n2",pid=2,fd=4))` (also the old `("name",1,3)` form and a
 * missing fd) starting at `s` (the `u`). Names may hold spaces, quotes and parentheses: a name
 * ends at the `",` followed by `pid=` or a digit. Returns the processes (usersEnd = index after the
 * closing `)`), or undefined when malformed.
 */
const users = (t: string, s: number): SocketProcess[] | undefined => {
  const n = t.length;
  let p = s + 7; // after "users:("
  const out: SocketProcess[] = [];
  for (;;) {
    if (t.charCodeAt(p) !== 40 || t.charCodeAt(p + 1) !== 34) return undefined; // ("
    const nameS = p + 2;
    let q = nameS;
    let nameE = -1;
    let numS = -1;
    while (q < n) {
      const k = t.indexOf('",', q);
      if (k < 0) return undefined;
      if (t.startsWith("pid=", k + 2)) {
        nameE = k;
        numS = k + 6;
        break;
      }
      const c = t.charCodeAt(k + 2);
      if (c >= 48 && c <= 57) {
        nameE = k;
        numS = k + 2;
        break;
      }
      q = k + 1;
    }
    if (nameE < 0) return undefined;
    let r = numS;
    while (r < n && t.charCodeAt(r) >= 48 && t.charCodeAt(r) <= 57) r++;
    const pid = decimal(t, numS, r);
    if (pid < 0) return undefined;
    let fd: number | null = null;
    if (t.charCodeAt(r) === 44 /* , */) {
      let fs = r + 1;
      if (t.startsWith("fd=", fs)) fs += 3;
      r = fs;
      while (r < n && t.charCodeAt(r) >= 48 && t.charCodeAt(r) <= 57) r++;
      fd = decimal(t, fs, r);
      if (fd < 0) return undefined;
    }
    if (t.charCodeAt(r) !== 41 /* ) */) return undefined;
    out.push({ name: t.slice(nameS, nameE), pid, fd });
    r++;
    const c = t.charCodeAt(r);
    if (c === 41) {
      usersEnd = r + 1;
      return out;
    }
    if (c !== 44) return undefined;
    p = r + 1;
  }
};

const isHeader = (t: string): boolean =>
  (t.startsWith("State") || t.startsWith("Netid") || t.startsWith("Recv-Q")) && t.indexOf("Address") > 0;

/**
 * The streaming `ss` parser (a {@link ParserFactory}). See {@link parseSs} for the fields.
 *
 * @since 0.1.0
 * @category parsers
 */
export const ssParser: ParserFactory<Socket, SsOptions> = lineParser<Socket, SsOptions>(
  (emit: Emit<Socket>, options: SsOptions) => {
    const fallbackState = options.state ?? "UNKNOWN";
    let saidState = false;
    let summary = false;
    const unresolved = new Set<string>();

    const socketLine = (t: string): Socket | string => {
      if (!nextToken(t, 0)) return "empty";
      let netid: string | undefined;
      let c = t.charCodeAt(tok.s);
      if (c >= 97 && c <= 122) {
        netid = t.slice(tok.s, tok.e);
        if (isNonInetNetid(netid)) return NON_INET;
        if (!nextToken(t, tok.e)) return "missing columns after Netid";
        c = t.charCodeAt(tok.s);
      }
      let state: string;
      if (c >= 48 && c <= 57) {
        state = fallbackState;
        if (!saidState) {
          saidState = true;
          emit.infer(
            "state",
            `${fallbackState}: no State column (ss run with a state filter); ${options.state === undefined ? "default" : "from options.state"}`,
          );
        }
      } else {
        const st = STATE_SET.get(t.slice(tok.s, tok.e));
        if (st === undefined) return `unknown state "${t.slice(tok.s, tok.e)}"`;
        state = st;
        if (!nextToken(t, tok.e)) return "missing Recv-Q";
      }
      const recvQ = decimal(t, tok.s, tok.e);
      if (recvQ < 0) return "bad Recv-Q";
      if (!nextToken(t, tok.e)) return "missing Send-Q";
      const sendQ = decimal(t, tok.s, tok.e);
      if (sendQ < 0) return "bad Send-Q";
      if (!nextToken(t, tok.e)) return "missing local address";
      let err = endpoint(t, tok.s, tok.e);
      if (err) return `local address: ${err}`;
      const local = epAddr;
      const lport = epPort;
      const localScope = epScope;
      if (epService && epPort === null) unresolved.add(epService);
      if (!nextToken(t, tok.e)) return "missing peer address";
      err = endpoint(t, tok.s, tok.e);
      if (err) return `peer address: ${err}`;
      if (epService && epPort === null) unresolved.add(epService);
      const w: MutableSocket = {
        state,
        local,
        lport,
        peer: epAddr,
        pport: epPort,
        recvQ,
        sendQ,
        process: null,
      };
      if (localScope) w.localScope = localScope;
      if (netid !== undefined) w.netid = netid;
      let sawIno = false;
      let uid = -1;
      let i = tok.e;
      while (nextToken(t, i)) {
        i = tok.e;
        const s = tok.s;
        const c0 = t.charCodeAt(s);
        if (c0 === 117 /* u */ && t.startsWith("users:(", s)) {
          const ps = users(t, s);
          if (ps === undefined) return "bad users:(...) field";
          w.process = ps[0] ?? null;
          if (ps.length > 1) w.processes = ps;
          i = usersEnd;
        } else if (c0 === 117 && t.startsWith("uid:", s)) {
          uid = decimal(t, s + 4, tok.e);
        } else if (c0 === 105 /* i */ && t.startsWith("ino:", s)) {
          const ino = decimal(t, s + 4, tok.e);
          if (ino >= 0) {
            w.inode = ino;
            sawIno = true;
          }
        }
      }
      // ss -e prints uid: only when it is not 0; ino: tells that -e was given.
      if (uid >= 0) w.uid = uid;
      else if (sawIno) w.uid = 0;
      return w;
    };

    return {
      line(t, no) {
        if (t.length === 0) return emit.ignore(no, "blank");
        const c = t.charCodeAt(0);
        // -i / -m details follow their socket on lines opening with a TAB (possibly empty ones)
        if (c === 9) return emit.ignore(no, "continuation");
        if (c === 32) return emit.ignore(no, nextToken(t, 0) ? "continuation" : "blank");
        if (isHeader(t)) {
          summary = false;
          return emit.ignore(no, "header");
        }
        const r = socketLine(t);
        if (typeof r !== "string") {
          summary = false;
          return emit.record(r);
        }
        if (r === NON_INET) return emit.ignore(no, r);
        if (t.startsWith("Total:")) {
          summary = true;
          return emit.ignore(no, "summary");
        }
        if (summary || t.startsWith("Transport Total")) return emit.ignore(no, "summary");
        emit.skip(no, r);
      },
      end() {
        if (unresolved.size > 0)
          emit.infer(
            "service",
            `port null for service names not in the built-in table: ${[...unresolved].join(", ")}`,
          );
      },
    };
  },
);

/**
 * Parses `ss` socket tables (iproute2, all generations) into {@link Socket} records.
 *
 * Understood: `ss -t[a][n][p][e][o][i][H]`, `-tunap` (Netid column), `-tn state X` (no State
 * column: the state comes from `options.state`, default `"UNKNOWN"`, reported via `infer`),
 * brackets and scopes, old iproute2 forms (`:::22`, `*:22`, `users:(("sshd",1197,4))`), resolved
 * ports (`:ssh`, mapped through {@link SERVICE_PORTS}; unknown names give null). Ignored with a
 * reason: headers (incl. the `Peer Address:PortProcess` glitch), blank lines, `-i` continuation
 * lines (leading whitespace), `ss -s` summaries, non-inet sockets (unix, netlink, packet).
 *
 * Fields (jc-style):
 * - `state` (string): ESTAB, LISTEN, TIME-WAIT, … as printed
 * - `local`, `peer` (string): address without brackets or scope, IPv6 canonical, `*` as printed
 *   (dual-stack wildcard), `0.0.0.0` / `::` kept as printed
 * - `lport`, `pport` (number|null): null for `*` (and for an unknown service name)
 * - `recvQ`, `sendQ` (number)
 * - `process` ({name, pid, fd}|null) and `processes` (when several share the socket), from `-p`
 * - `localScope` (string, optional): `eth0` of `[fe80::1]%eth0:9090`, `lo` of `127.0.0.53%lo:53`
 * - `netid` (string, optional): from a Netid column
 * - `uid`, `inode` (number, optional): from `-e` (`uid:` absent but `ino:` present means uid 0)
 *
 * @example
 * ```ts
 * const { records } = parseSs(
 *   "State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n" +
 *   'ESTAB 1000 0 127.0.0.1:8080 127.0.0.1:56992 users:(("python3",pid=12838,fd=8))\n',
 * );
 * // records[0] = { state: "ESTAB", local: "127.0.0.1", lport: 8080, peer: "127.0.0.1",
 * //   pport: 56992, recvQ: 1000, sendQ: 0, process: { name: "python3", pid: 12838, fd: 8 } }
 * ```
 * @since 0.1.0
 * @category parsers
 */
export const parseSs = (input: string | Uint8Array, options: SsOptions = {}): ParseResult<Socket> =>
  parseAll(ssParser, input, options);
