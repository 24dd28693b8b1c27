/**
 * Streaming parser for `tcpdump` text output (all timestamp flags, `-n`/`-nn`/names, `-q`, `-e`,
 * `-v`, `-#`, Linux cooked v2 interface prefixes, banners).
 *
 * @since 0.1.0
 * @module
 */
import type { Emit, Packet, ParseOptions, ParseResult, ParserFactory, Proto } from "@fleetlens/core/lite";
import { Lines, Net, parseAll, UTC } from "@fleetlens/core/lite";

const DEFAULT_MAX_LINE = Lines.DEFAULT_MAX_LINE;

/**
 * Options of the tcpdump parser. Plain `HH:MM:SS.ffffff` times need a day: `date`
 * (`YYYY-MM-DD`), else the day of `reference` in `zone`, else 1970-01-01 (said in
 * `stats.inferred.date`). `zone` (default UTC) reads local times (default and `-tttt` output).
 *
 * @since 0.1.0
 * @category models
 */
export interface TcpdumpOptions extends ParseOptions {}

/**
 * Service names tcpdump prints for ports without `-nn` (Debian `/etc/services`), mapped back to
 * numbers. A name not in this table gives a null port (the host text is kept).
 *
 * @since 0.1.0
 * @category constants
 */
export const SERVICES: Readonly<Record<string, number>> = {
  ftp: 21,
  "ftp-data": 20,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  domain: 53,
  bootps: 67,
  bootpc: 68,
  tftp: 69,
  http: 80,
  kerberos: 88,
  pop3: 110,
  sunrpc: 111,
  ntp: 123,
  "netbios-ns": 137,
  "netbios-dgm": 138,
  "netbios-ssn": 139,
  imap2: 143,
  snmp: 161,
  "snmp-trap": 162,
  ldap: 389,
  https: 443,
  "microsoft-ds": 445,
  isakmp: 500,
  syslog: 514,
  submission: 587,
  ipp: 631,
  ldaps: 636,
  rsync: 873,
  imaps: 993,
  pop3s: 995,
  openvpn: 1194,
  nfs: 2049,
  mysql: 3306,
  "ms-wbt-server": 3389,
  mdns: 5353,
  postgresql: 5432,
  x11: 6000,
  "http-alt": 8080,
};

const PROTO_NUM: Record<number, Proto> = { 1: "icmp", 6: "tcp", 17: "udp", 58: "icmp6" };

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Two decimal digits at `k`, or -1. */
const dd = (s: string, k: number): number => {
  const a = s.charCodeAt(k) - 48;
  const b = s.charCodeAt(k + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
};

/** Index of `needle` at or after `from`, or -1 (plain indexOf; named for readability). */
const find = (s: string, needle: string, from: number): number => s.indexOf(needle, from);

/** Unsigned decimal at `i`; returns -1 when no digit there. Sets `numEnd`. */
let numEnd = 0;
const readNum = (s: string, i: number): number => {
  let v = 0;
  let j = i;
  const n = s.length;
  while (j < n) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) break;
    v = v * 10 + (c - 48);
    j++;
  }
  numEnd = j;
  return j === i ? -1 : v;
};

/** The number after the first `key` at/after `from`, or -1. */
const numAfter = (s: string, key: string, from: number): number => {
  const k = s.indexOf(key, from);
  return k < 0 ? -1 : readNum(s, k + key.length);
};

const BANNER =
  /^(?:tcpdump: |listening on |reading from file |Warning: |dropped privs|\d+ packets? (?:captured|received by filter|dropped by kernel|dropped by interface))/;

/**
 * Split `host.port` on the last dot. Numeric IPv4 has a port iff it has four dots, IPv6 iff the
 * part after its last colon has one or four dots (`::ffff:1.2.3.4` has three); names only when
 * the protocol carries ports (`hasPorts`).
 */
let hostOut = "";
let portOut: number | null = null;
const splitHost = (tok: string, hasPorts: boolean): void => {
  let dots = 0;
  let last = -1;
  let colon = false;
  let numeric = true;
  for (let k = 0; k < tok.length; k++) {
    const c = tok.charCodeAt(k);
    if (c === 46) {
      dots++;
      last = k;
    } else if (c === 58) {
      colon = true;
      dots = 0;
    } else if (!isDigit(c) && !(colon && ((c >= 97 && c <= 102) || (c >= 65 && c <= 70)))) numeric = false;
  }
  let split: boolean;
  if (numeric && !colon) split = dots === 4;
  else if (numeric && colon) split = dots === 1 || dots === 4;
  else split = hasPorts && last > 0;
  if (!split || last < 0) {
    hostOut = tok;
    portOut = null;
    return;
  }
  hostOut = tok.slice(0, last);
  if (isDigit(tok.charCodeAt(last + 1))) {
    const v = readNum(tok, last + 1);
    portOut = numEnd === tok.length && v <= 65535 ? v : null;
  } else portOut = SERVICES[tok.slice(last + 1)] ?? null;
};

/** Body kinds after the timestamp / interface prefix. */
enum L3 {
  V4,
  V6,
  Arp,
}

/** The per-line reader and its state (timestamps, pending `-v` header). */
const makeHandler = (emit: Emit<Packet>, options: TcpdumpOptions) => {
  {
    const zone = options.zone ?? UTC;
    // Day of plain HH:MM:SS times, resolved lazily.
    let dayY = -1;
    let dayM = 0;
    let dayD = 0;
    let dayBase = 0; // epoch ms of local midnight (fixed-offset zones)
    let dayFixed = true;
    let prevTod = -1;
    let rolled = 0;
    let dateSource = "";
    // Hour cache for -tttt and zones with DST.
    let hourKey = -1;
    let hourBase = 0;
    // Pending `-v` IPv4 header line waiting for its continuation.
    let pendLine = 0;
    let pendTs: number | null = null;
    let pendIface: string | undefined;
    let pendProto: Proto | undefined;
    let pendWire = -1;
    // Output of the timestamp reader, kept in a typed array so storing it allocates nothing.
    const tsBuf = new Float64Array(1);
    let tsNull = true;

    const setDay = (y: number, m0: number, d: number): void => {
      const u = new Date(Date.UTC(y, m0, d));
      dayY = u.getUTCFullYear();
      dayM = u.getUTCMonth();
      dayD = u.getUTCDate();
      dayBase = zone.toEpoch(dayY, dayM, dayD, 0, 0, 0);
      // A zone whose offset is the same across the day can add seconds to midnight.
      dayFixed = zone.offsetAt(dayBase) === zone.offsetAt(dayBase + 86_399_000);
      hourKey = -1;
    };
    const initDay = (): void => {
      const m = options.date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(options.date) : null;
      if (m) {
        setDay(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
        dateSource = "options.date";
      } else if (options.reference !== undefined && Number.isFinite(options.reference)) {
        const off = zone.offsetAt(options.reference);
        const d = new Date(options.reference + off * 60_000);
        setDay(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
        dateSource = "the reference time";
      } else {
        setDay(1970, 0, 1);
        dateSource = "nothing (no date or reference given)";
      }
      emit.infer("date", `${isoDay()} from ${dateSource}`);
    };
    const isoDay = (): string =>
      `${String(dayY).padStart(4, "0")}-${String(dayM + 1).padStart(2, "0")}-${String(dayD).padStart(2, "0")}`;

    const wall = (y: number, m0: number, d: number, h: number, mi: number, s: number): number => {
      const key = ((y * 16 + m0) * 32 + d) * 24 + h;
      if (key !== hourKey) {
        hourKey = key;
        hourBase = zone.toEpoch(y, m0, d, h, 0, 0);
      }
      return hourBase + (mi * 60 + s) * 1000;
    };

    /** Fraction digits at `j`: adds them to integer ms `base`; returns index after, or -1. */
    const frac = (s: string, j: number, base: number): number => {
      let v = 0;
      let k = j;
      const n = s.length;
      while (k < n) {
        const c = s.charCodeAt(k);
        if (c < 48 || c > 57) break;
        v = v * 10 + (c - 48);
        k++;
      }
      const digits = k - j;
      if (digits === 0 || digits > 9) return -1;
      tsBuf[0] = digits >= 3 ? base + v / POW10[digits - 3]! : base + v * POW10[3 - digits]!;
      tsNull = false;
      return k;
    };

    /** Integer epoch ms of a plain time of day on the current day (moving to the next day when the clock goes back over an hour). */
    const todBase = (h: number, mi: number, se: number): number => {
      if (dayY < 0) initDay();
      const tod = h * 3600 + mi * 60 + se;
      if (prevTod >= 0 && tod < prevTod - 3600) {
        setDay(dayY, dayM, dayD + 1);
        rolled++;
        emit.infer("date", `${isoDay()} from ${dateSource}, after ${rolled} day rollover(s)`);
      }
      prevTod = tod;
      return dayFixed ? dayBase + tod * 1000 : wall(dayY, dayM, dayD, h, mi, se);
    };

    /**
     * Read a timestamp at `i` (any tcpdump -t… form). Returns the index after it and its space,
     * i when there is none, or -1 when the text looks like a timestamp but is not one.
     */
    const readTs = (s: string, i: number): number => {
      tsNull = true;
      const c = s.charCodeAt(i);
      if ((c === 32 || c === 45) && isDigit(s.charCodeAt(i + 1)) && s.charCodeAt(i + 3) === 58) {
        // -ttt / -ttttt delta: sign, then HH:MM:SS.frac (hours may be wider)
        let k = i + 1;
        while (k < s.length && s.charCodeAt(k) !== 32) k++;
        return s.charCodeAt(k) === 32 ? k + 1 : -1;
      }
      if (!isDigit(c)) return i;
      let k = i;
      let v = 0;
      while (k < s.length) {
        const d = s.charCodeAt(k);
        if (d < 48 || d > 57) break;
        v = v * 10 + (d - 48);
        k++;
      }
      const nd = k - i;
      const t = s.charCodeAt(k);
      if (t === 58 && nd === 2) {
        // HH:MM:SS.frac
        if (s.charCodeAt(k + 3) !== 58 || s.charCodeAt(k + 6) !== 46) return -1;
        const h = v;
        const mi = dd(s, k + 1);
        const se = dd(s, k + 4);
        if (h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60) return -1;
        const e = frac(s, k + 7, todBase(h, mi, se));
        return e > 0 && s.charCodeAt(e) === 32 ? e + 1 : -1;
      }
      if (t === 45 && nd === 4) {
        // YYYY-MM-DD HH:MM:SS.frac
        if (s.charCodeAt(k + 3) !== 45 || s.charCodeAt(k + 6) !== 32) return -1;
        const mo = dd(s, k + 1);
        const d = dd(s, k + 4);
        const q = k + 7;
        if (s.charCodeAt(q + 2) !== 58 || s.charCodeAt(q + 5) !== 58 || s.charCodeAt(q + 8) !== 46) return -1;
        const h = dd(s, q);
        const mi = dd(s, q + 3);
        const se = dd(s, q + 6);
        if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h >= 0 && h <= 23 && mi >= 0 && mi <= 59))
          return -1;
        if (!(se >= 0 && se <= 60)) return -1;
        const e = frac(s, q + 9, wall(v, mo - 1, d, h, mi, se));
        return e > 0 && s.charCodeAt(e) === 32 ? e + 1 : -1;
      }
      if (t === 46 && nd <= 12) {
        // -tt epoch seconds
        const e = frac(s, k + 1, v * 1000);
        return e > 0 && s.charCodeAt(e) === 32 ? e + 1 : -1;
      }
      return -1;
    };

    const record = (
      ts: number | null,
      proto: Proto,
      src: string,
      sport: number | null,
      dst: string,
      dport: number | null,
      length: number,
      iface: string | undefined,
      wire: number,
    ): void => {
      const r: Packet =
        iface === undefined
          ? wire < 0
            ? { ts, proto, src, sport, dst, dport, length }
            : { ts, proto, src, sport, dst, dport, length, wireLength: wire }
          : wire < 0
            ? { ts, proto, src, sport, dst, dport, length, iface }
            : { ts, proto, src, sport, dst, dport, length, iface, wireLength: wire };
      emit.record(r);
    };

    /**
     * Parse `src > dst: tail` at `i` (IPv4/IPv6 body without the `IP ` keyword). Emits the record
     * or returns a skip reason.
     */
    const ipBody = (
      s: string,
      i: number,
      ts: number | null,
      iface: string | undefined,
      wire: number,
      hint: Proto | undefined,
      v6len: number,
    ): string | undefined => {
      const gt = find(s, " > ", i);
      if (gt < 0) return "no ' > ' between addresses";
      const srcTok = s.slice(i, gt);
      // dst ends at the first ':' followed by a space or the end of the line
      let k = gt + 3;
      const n = s.length;
      while (k < n) {
        if (s.charCodeAt(k) === 58) {
          const nx = s.charCodeAt(k + 1);
          if (k + 1 === n || nx === 32) break;
        } else if (s.charCodeAt(k) === 32) return "unexpected space in destination address";
        k++;
      }
      if (k >= n || k === gt + 3 || srcTok.length === 0) return "no ':' after destination address";
      const dstTok = s.slice(gt + 3, k);
      let t = k + 2;
      // Tail: first recognise the protocol and length.
      let proto: Proto;
      let length = 0;
      let ports = true;
      let innerS: number | null = null;
      let innerD: number | null = null;
      while (s.charCodeAt(t) === 32) t++;
      let c = s.charCodeAt(t);
      // IPv6 extension headers / fragments print before the transport: `HBH DSTOPT 5000 > 6000: `
      if (c === 102 && s.startsWith("frag (", t)) {
        const close = find(s, ")", t);
        const bar = find(s, "|", t);
        if (close < 0 || bar < 0 || bar > close) return "bad IPv6 fragment";
        let z = bar - 1;
        while (z > t && isDigit(s.charCodeAt(z))) z--;
        const off = readNum(s, z + 1);
        if (off !== 0) {
          const fl = readNum(s, bar + 1);
          record(ts, "other", srcTok, null, dstTok, null, Math.max(fl, 0), iface, wire);
          return undefined;
        }
        t = close + 1;
        while (s.charCodeAt(t) === 32) t++;
        c = s.charCodeAt(t);
      }
      if (v6len !== -1 && c !== 70 && c !== 116 && c !== 85 && c !== 73 && c !== 105 && c !== 91) {
        // a transport after IPv6 extension headers: `… 5000 > 6000: `
        const g2 = find(s, " > ", t);
        if (g2 > 0 && isDigit(s.charCodeAt(g2 - 1)) && isDigit(s.charCodeAt(g2 + 3))) {
          let a = g2 - 1;
          while (a > t && isDigit(s.charCodeAt(a - 1))) a--;
          const sp = readNum(s, a);
          const dp = readNum(s, g2 + 3);
          if (s.charCodeAt(numEnd) === 58 && (a === t || s.charCodeAt(a - 1) === 32)) {
            innerS = sp;
            innerD = dp;
            t = numEnd + 1;
            while (s.charCodeAt(t) === 32) t++;
            c = s.charCodeAt(t);
          }
        }
      }
      // `[bad udp cksum …] ` (-v) before the transport
      if (c === 91 && s.charCodeAt(t + 1) !== 124) {
        const close = find(s, "] ", t);
        if (close > 0) {
          t = close + 2;
          c = s.charCodeAt(t);
        }
      }
      if (c === 70 && s.startsWith("Flags [", t)) {
        proto = "tcp";
        length = numAfter(s, ", length ", t);
        if (length < 0) length = 0;
      } else if (c === 116 && s.startsWith("tcp ", t)) {
        proto = "tcp";
        length = readNum(s, t + 4);
        if (length < 0) return "bad tcp length";
      } else if (c === 85 && s.startsWith("UDP", t)) {
        proto = "udp";
        length = numAfter(s, "length ", t);
        if (length < 0) length = 0;
      } else if (c === 73 && s.startsWith("ICMP6", t)) {
        proto = "icmp6";
        ports = false;
        length = numAfter(s, ", length ", t);
        if (length < 0) length = Math.max(v6len, 0);
      } else if (c === 73 && s.startsWith("ICMP ", t)) {
        proto = "icmp";
        ports = false;
        length = numAfter(s, ", length ", t);
        if (length < 0) length = 0;
      } else if (c === 105 && s.startsWith("ip-proto-", t)) {
        const num = readNum(s, t + 9);
        proto = PROTO_NUM[num] ?? "other";
        ports = false;
        length = s.charCodeAt(numEnd) === 32 ? readNum(s, numEnd + 1) : 0;
        if (length < 0) length = 0;
      } else if (c === 91 && s.startsWith("[|", t)) {
        // cut by the snapshot length: `[|tcp]`; one space before it means no ports were printed
        const e = find(s, "]", t);
        const name = s.slice(t + 2, e < 0 ? s.length : e);
        proto =
          name === "tcp" || name === "udp" || name === "icmp" || name === "icmp6"
            ? name
            : name === "icmp6" || name === "ip6"
              ? "icmp6"
              : (hint ?? "other");
        ports = s.charCodeAt(k + 2) === 32;
        length = 0;
      } else if (hint !== undefined && hint !== "udp" && hint !== "tcp") {
        proto = hint;
        ports = false;
        length = numAfter(s, "length ", t);
        if (length < 0) length = 0;
      } else {
        // An application decoder (DNS `43981+ A? example.com. (29)`, NTP `…, length 48`) on a
        // port: UDP (decoded TCP always prints `Flags` first). Without ports: another protocol.
        splitHost(srcTok, true);
        const sp0 = portOut;
        splitHost(dstTok, true);
        const hasPorts = innerS !== null || sp0 !== null || portOut !== null;
        proto = hasPorts ? (hint ?? "udp") : (hint ?? "other");
        ports = hasPorts;
        length = -1;
        const end = s.length - 1;
        if (s.charCodeAt(end) === 41) {
          let z = end - 1;
          while (z > t && isDigit(s.charCodeAt(z))) z--;
          if (s.charCodeAt(z) === 40 && z < end - 1) length = readNum(s, z + 1);
        }
        if (length < 0) {
          const li = s.lastIndexOf("length ");
          if (li >= t) length = readNum(s, li + 7);
        }
        if (length < 0) length = 0;
      }
      if (innerS !== null) {
        record(ts, proto, srcTok, innerS, dstTok, innerD, length, iface, wire);
        return undefined;
      }
      splitHost(srcTok, ports);
      const src = hostOut;
      const sport = portOut;
      splitHost(dstTok, ports);
      record(ts, proto, src, sport, hostOut, portOut, length, iface, wire);
      return undefined;
    };

    const arpBody = (s: string, i: number, ts: number | null, iface: string | undefined, wire: number) => {
      let length = numAfter(s, ", length ", i);
      if (length < 0) length = 0;
      const wh = find(s, "who-has ", i);
      if (wh >= 0) {
        let e = wh + 8;
        while (e < s.length && s.charCodeAt(e) !== 32 && s.charCodeAt(e) !== 44) e++;
        const tpa = s.slice(wh + 8, e);
        const tl = find(s, " tell ", e);
        if (tl < 0) return "ARP request without 'tell'";
        let f = tl + 6;
        while (f < s.length && s.charCodeAt(f) !== 32 && s.charCodeAt(f) !== 44) f++;
        record(ts, "arp", s.slice(tl + 6, f), null, tpa, null, length, iface, wire);
        return undefined;
      }
      for (const key of ["Reply ", "Announcement "]) {
        const r = find(s, key, i);
        if (r >= 0) {
          let e = r + key.length;
          while (e < s.length && s.charCodeAt(e) !== 32 && s.charCodeAt(e) !== 44) e++;
          const spa = s.slice(r + key.length, e);
          // tcpdump does not print the target of a reply: dst is "" then.
          record(ts, "arp", spa, null, key === "Reply " ? "" : spa, null, length, iface, wire);
          return undefined;
        }
      }
      return "unrecognised ARP line";
    };

    /** The body after timestamp and interface prefix: `IP …`, `IP6 …`, `ARP, …`, or `-e` link headers. */
    const body = (
      s: string,
      lineNo: number,
      i: number,
      ts: number | null,
      iface: string | undefined,
    ): void => {
      const c = s.charCodeAt(i);
      let why: string | undefined;
      if (c === 73 && s.charCodeAt(i + 1) === 80 && s.charCodeAt(i + 2) !== 118) {
        const c2 = s.charCodeAt(i + 2);
        if (c2 === 32) why = ipv4Line(s, lineNo, i + 3, ts, iface, -1);
        else if (c2 === 54 && s.charCodeAt(i + 3) === 32) why = ipv6Line(s, i + 4, ts, iface, -1);
        else why = "unrecognised packet line";
      } else if (c === 65 && s.startsWith("ARP, ", i)) why = arpBody(s, i + 5, ts, iface, -1);
      else if (c === 105 && s.startsWith("ip: ", i)) {
        // -e on raw IP link types: `ip: src > dst: …`
        const gt = find(s, " > ", i);
        const v6 = gt > 0 && s.lastIndexOf(":", gt) > i + 3;
        why = v6 ? ipv6Line(s, i + 4, ts, iface, -1) : ipv4Line(s, lineNo, i + 4, ts, iface, -1);
      } else if (
        (c === 65 && s.startsWith("AF ", i)) ||
        s.startsWith("IPv4, length ", i) ||
        s.startsWith("IPv6, length ", i)
      ) {
        // -e on NULL / LOOP: `AF IPv4 (2), length 84: body`; with -q `IPv4, length 84: body`
        const li = find(s, ", length ", i);
        const wire = li < 0 ? -1 : readNum(s, li + 9);
        const name = c === 65 ? s.slice(i + 3, find(s, " (", i)) : s.slice(i, i + 4);
        if (wire < 0 || s.charCodeAt(numEnd) !== 58) why = "link header without length";
        else if (name === "IPv4") why = ipv4Line(s, lineNo, numEnd + 2, ts, iface, wire);
        else if (name === "IPv6") why = ipv6Line(s, numEnd + 2, ts, iface, wire);
        else {
          emit.ignore(lineNo, "non-IP frame");
          return;
        }
      } else if (c === 32 && s.startsWith(" [|", i)) {
        why = `truncated ${s.slice(i + 3, find(s, "]", i) < 0 ? i + 3 : find(s, "]", i))} header`;
      } else {
        const et = find(s, "ethertype ", i);
        if (et >= 0) {
          linkLine(s, lineNo, et, ts, iface);
          return;
        }
        if (quietLink(s, lineNo, i, ts, iface)) return;
        if (/^[A-Za-z0-9][\w./-]*(?: [\w./-]+)*, /.test(s.slice(i, i + 64)) && s.includes("length ", i)) {
          emit.ignore(lineNo, "non-IP frame");
          return;
        }
        why = "unrecognised packet line";
      }
      if (why !== undefined) emit.skip(lineNo, why);
    };

    /** `-e` output: `MAC > MAC, ethertype IPv4 (0x0800), length 66: body` (VLAN tags repeat the ethertype). */
    const linkLine = (
      s: string,
      lineNo: number,
      et: number,
      ts: number | null,
      iface: string | undefined,
    ): void => {
      const li = find(s, ", length ", et);
      const wire = li < 0 ? -1 : readNum(s, li + 9);
      if (wire < 0 || s.charCodeAt(numEnd) !== 58) {
        emit.skip(lineNo, "link header without length");
        return;
      }
      let i = numEnd + 2;
      let name = s.slice(et + 10, find(s, " (", et));
      while (s.startsWith("vlan ", i)) {
        const e2 = find(s, "ethertype ", i);
        const cl = e2 < 0 ? -1 : find(s, "), ", e2);
        if (cl < 0) {
          emit.skip(lineNo, "VLAN tag without inner ethertype");
          return;
        }
        name = s.slice(e2 + 10, find(s, " (", e2));
        i = cl + 3;
      }
      let why: string | undefined;
      if (name === "IPv4") why = ipv4Line(s, lineNo, i, ts, iface, wire);
      else if (name === "IPv6") why = ipv6Line(s, i, ts, iface, wire);
      else if (name === "ARP") why = arpBody(s, i, ts, iface, wire);
      else {
        emit.ignore(lineNo, "non-IP frame");
        return;
      }
      if (why !== undefined) emit.skip(lineNo, why);
    };

    /** A hex MAC address at `k`: index after it, or -1. */
    const mac = (s: string, k: number): number => {
      let j = k;
      for (let g = 0; g < 6; g++) {
        const c1 = s.charCodeAt(j);
        const c2 = s.charCodeAt(j + 1);
        const hex = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
        if (!hex(c1) || !hex(c2)) return -1;
        j += 2;
        if (g < 5) {
          if (s.charCodeAt(j) !== 58) return -1;
          j++;
        }
      }
      return j;
    };

    /** A body with no link-layer keyword: ARP words or `src > dst: …` (IPv6 when the source has a colon). */
    const bareBody = (
      s: string,
      i: number,
      ts: number | null,
      iface: string | undefined,
      wire: number,
      lineNo: number,
    ) => {
      if (s.startsWith("Request ", i) || s.startsWith("Reply ", i) || s.startsWith("Announcement ", i))
        return arpBody(s, i, ts, iface, wire);
      const gt = find(s, " > ", i);
      const v6 = gt > 0 && s.slice(i, gt).includes(":");
      return v6 ? ipv6Line(s, i, ts, iface, wire) : ipv4Line(s, lineNo, i, ts, iface, wire);
    };

    /**
     * `-e` link headers without the word `ethertype` (`-q -e`, Linux cooked): `MAC > MAC, IPv4,
     * length 74: …` (VLAN: `802.1Q, length 146: vlan 100, p 0, IPv4, …`), `  In MAC …`,
     * `ifindex 1 MAC …`. Returns false when the line is none of these.
     */
    const quietLink = (
      s: string,
      lineNo: number,
      i0: number,
      ts: number | null,
      iface: string | undefined,
    ) => {
      let k = i0;
      while (s.charCodeAt(k) === 32) k++;
      if (s.startsWith("ifindex ", k)) {
        readNum(s, k + 8);
        k = numEnd + 1;
      } else {
        let e = k;
        while (e < s.length && s.charCodeAt(e) !== 32) e++;
        const dir = s.slice(k, e);
        if (dir === "In" || dir === "Out" || dir === "B" || dir === "M" || dir === "P" || dir === "?")
          k = e + 1;
      }
      const m = mac(s, k);
      if (m < 0) return false;
      let why: string | undefined;
      if (s.startsWith(" > ", m)) {
        const m2 = mac(s, m + 3);
        if (m2 < 0 || !s.startsWith(", ", m2)) return false;
        const c = find(s, ", ", m2 + 2);
        if (c < 0 || !s.startsWith("length ", c + 2)) return false;
        let name = s.slice(m2 + 2, c);
        const wire = readNum(s, c + 9);
        if (wire < 0 || !s.startsWith(": ", numEnd)) return false;
        let b = numEnd + 2;
        while (s.startsWith("vlan ", b)) {
          const pc = find(s, ", p ", b);
          const n1 = pc < 0 ? -1 : find(s, ", ", pc + 4);
          const n2 = n1 < 0 ? -1 : find(s, ", ", n1 + 2);
          if (n2 < 0) return false;
          name = s.slice(n1 + 2, n2);
          b = n2 + 2;
        }
        if (name === "IPv4") why = ipv4Line(s, lineNo, b, ts, iface, wire);
        else if (name === "IPv6") why = ipv6Line(s, b, ts, iface, wire);
        else if (name === "ARP") why = arpBody(s, b, ts, iface, wire);
        else {
          emit.ignore(lineNo, "non-IP frame");
          return true;
        }
      } else if (s.charCodeAt(m) === 32) why = bareBody(s, m + 1, ts, iface, -1, lineNo);
      else return false;
      if (why !== undefined) emit.skip(lineNo, why);
      return true;
    };

    const protoWord = (s: string, from: number): Proto | undefined => {
      const p = find(s, "proto ", from);
      if (p < 0) return undefined;
      const open = find(s, "(", p);
      const num = open < 0 ? -1 : readNum(s, open + 1);
      return num < 0 ? undefined : (PROTO_NUM[num] ?? "other");
    };

    const ipv4Line = (
      s: string,
      lineNo: number,
      i0: number,
      ts: number | null,
      iface: string | undefined,
      wire: number,
    ): string | undefined => {
      let i = i0;
      if (s.startsWith("truncated-ip", i)) {
        const m = find(s, "! ", i);
        if (m < 0) return "bad truncated-ip line";
        i = m + 2;
      }
      const c = s.charCodeAt(i);
      if (c === 40) {
        // -v: `(tos 0x0, ttl 64, …, proto TCP (6), length 60)` then maybe the body on the next line
        const hint = protoWord(s, i);
        let depth = 0;
        let k = i;
        for (; k < s.length; k++) {
          const d = s.charCodeAt(k);
          if (d === 40) depth++;
          else if (d === 41 && --depth === 0) break;
        }
        if (k >= s.length) return "unbalanced IP header";
        if (k + 1 >= s.length) {
          flushPending();
          pendLine = lineNo;
          pendTs = ts;
          pendIface = iface;
          pendProto = hint;
          pendWire = wire;
          return undefined;
        }
        return ipBody(s, k + 2, ts, iface, wire, hint, -1);
      }
      if (c === 32 || c === 91) return "truncated IP header";
      if (!isDigit(c) && !s.startsWith("bad-", i)) {
        // host names without -n
        return ipBody(s, i, ts, iface, wire, undefined, -1);
      }
      if (!isDigit(c)) return `bad IP header (${s.slice(i, i + 24)})`;
      return ipBody(s, i, ts, iface, wire, undefined, -1);
    };

    const ipv6Line = (
      s: string,
      i: number,
      ts: number | null,
      iface: string | undefined,
      wire: number,
    ): string | undefined => {
      if (s.charCodeAt(i) === 40) {
        // -v: `(flowlabel 0xa378c, hlim 64, next-header TCP (6) payload length: 40) src > dst: …`
        const pl = numAfter(s, "payload length: ", i);
        const hint = protoWord(s.replace("next-header ", "proto "), i);
        let depth = 0;
        let k = i;
        for (; k < s.length; k++) {
          const d = s.charCodeAt(k);
          if (d === 40) depth++;
          else if (d === 41 && --depth === 0) break;
        }
        if (k + 2 >= s.length) return "IPv6 header without addresses";
        return ipBody(s, k + 2, ts, iface, wire, hint === "other" ? undefined : hint, Math.max(pl, 0));
      }
      if (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 91) return "truncated IPv6 header";
      return ipBody(s, i, ts, iface, wire, undefined, -2);
    };

    const flushPending = (): void => {
      if (pendLine > 0) {
        emit.skip(pendLine, "verbose IP header without its continuation line");
        pendLine = 0;
      }
    };

    const SLL2_DIRS = new Set(["In", "Out", "B", "M", "P", "?"]);

    const line = (s: string, lineNo: number): void => {
      const n = s.length;
      if (n === 0) {
        flushPending();
        emit.ignore(lineNo, "blank");
        return;
      }
      let i = 0;
      const c0 = s.charCodeAt(0);
      if (c0 === 32 || c0 === 9) {
        let j = 0;
        while (j < n && s.charCodeAt(j) === 32) j++;
        let numbered = false;
        if (c0 === 32 && isDigit(s.charCodeAt(j))) {
          let k = j;
          while (k < n && isDigit(s.charCodeAt(k))) k++;
          if (s.charCodeAt(k) === 32 && s.charCodeAt(k + 1) === 32 && !(j === 1 && s.charCodeAt(3) === 58)) {
            numbered = true; // `-#`: "%5u  "
            i = k + 2;
          }
        }
        if (!numbered && !(j === 1 && isDigit(s.charCodeAt(1)) && s.charCodeAt(3) === 58)) {
          // continuation (-v transport line, -X/-A hex, decoder detail)
          if (pendLine > 0) {
            const hl = pendLine;
            pendLine = 0;
            const why = ipBody(s, j, pendTs, pendIface, pendWire, pendProto, -1);
            emit.ignore(hl, "verbose header");
            if (why !== undefined) emit.skip(lineNo, why);
            return;
          }
          if (s.trim().length === 0) emit.ignore(lineNo, "blank");
          else emit.ignore(lineNo, "continuation");
          return;
        }
      }
      flushPending();
      let after = readTs(s, i);
      if (after < 0 || (after === i && !isBodyStart(s, i))) {
        if (BANNER.test(s)) {
          emit.ignore(lineNo, "banner");
          return;
        }
        const t = s.trim();
        if (t.length > 0 && t.length <= 45 && Net.isIp(t)) {
          emit.ignore(lineNo, "own address");
          emit.infer("self", t);
          return;
        }
        if (s.includes("ethertype ", i) || /^[\w.-]+ +(?:In|Out|B|M|P|\?) /.test(s.slice(i, i + 40))) {
          // -t with -e link headers or a Linux cooked v2 prefix
          after = i;
          tsNull = true;
        } else {
          emit.skip(lineNo, after < 0 ? "bad timestamp" : "unrecognised line");
          return;
        }
      }
      const ts = tsNull ? null : tsBuf[0]!;
      i = after;
      let iface: string | undefined;
      if (!isBodyStart(s, i)) {
        // Linux cooked v2: "%-5s %-3s " interface and direction
        let k = i;
        while (k < n && s.charCodeAt(k) !== 32) k++;
        let d = k;
        while (d < n && s.charCodeAt(d) === 32) d++;
        let e = d;
        while (e < n && s.charCodeAt(e) !== 32) e++;
        if (k > i && e > d && SLL2_DIRS.has(s.slice(d, e))) {
          iface = s.slice(i, k);
          i = e;
          while (i < n && s.charCodeAt(i) === 32) i++;
        }
      }
      body(s, lineNo, i, ts, iface);
    };

    const isBodyStart = (s: string, i: number): boolean => {
      const c = s.charCodeAt(i);
      if (c === 73)
        return s.charCodeAt(i + 1) === 80 && (s.charCodeAt(i + 2) === 32 || s.startsWith("6 ", i + 2));
      if (c === 65) return s.startsWith("ARP, ", i);
      return false;
    };

    /**
     * Fast path for the common layouts (`[HH:MM:SS.f |S.f ]IP a.b.c.d.p > e.f.g.h.q: ` then
     * `tcp N`, `UDP, length N` or `Flags […], …, length N`) read straight from the bytes
     * `b[i, end)`. Returns false (having emitted nothing) when the line needs the general reader.
     */
    const fast = (b: Uint8Array, i0: number, end: number): boolean => {
      let i = i0;
      let ts: number | null = null;
      let c = b[i]!;
      if (c >= 48 && c <= 57) {
        let base: number;
        if (b[i + 2] === 58) {
          if (i + 16 > end || b[i + 5] !== 58 || b[i + 8] !== 46) return false;
          const h = (c - 48) * 10 + (b[i + 1]! - 48);
          const mi = (b[i + 3]! - 48) * 10 + (b[i + 4]! - 48);
          const se = (b[i + 6]! - 48) * 10 + (b[i + 7]! - 48);
          if (
            !(h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && se >= 0 && se <= 60) ||
            b[i + 1]! < 48 ||
            b[i + 1]! > 57 ||
            b[i + 4]! < 48 ||
            b[i + 4]! > 57 ||
            b[i + 7]! < 48 ||
            b[i + 7]! > 57
          )
            return false;
          base = todBase(h, mi, se);
          i += 9;
        } else {
          let sec = 0;
          let k = i;
          for (; k < end; k++) {
            c = b[k]!;
            if (c < 48 || c > 57) break;
            sec = sec * 10 + (c - 48);
          }
          if (c !== 46 || k - i > 12) return false;
          base = sec * 1000;
          i = k + 1;
        }
        let v = 0;
        const f0 = i;
        for (; i < end; i++) {
          c = b[i]!;
          if (c < 48 || c > 57) break;
          v = v * 10 + (c - 48);
        }
        const digits = i - f0;
        if (c !== 32 || digits < 3 || digits > 9) return false;
        ts = base + v / POW10[digits - 3]!;
        i++;
      }
      if (b[i] !== 73 || b[i + 1] !== 80 || b[i + 2] !== 32) return false;
      i += 3;
      // source a.b.c.d.port
      let key = 0;
      let v = 0;
      let dots = 0;
      let j = i;
      c = 0;
      for (; j < end; j++) {
        c = b[j]!;
        if (c >= 48 && c <= 57) v = v * 10 + (c - 48);
        else if (c === 46 && dots < 4 && v <= 255 && j > i && b[j - 1] !== 46) {
          key = key * 256 + v;
          v = 0;
          dots++;
        } else break;
      }
      if (c !== 32 || dots !== 4 || v > 65535 || b[j - 1] === 46 || b[j + 1] !== 62 || b[j + 2] !== 32)
        return false;
      const sKey = key;
      const sport = v;
      key = 0;
      v = 0;
      dots = 0;
      j += 3;
      const d0 = j;
      for (; j < end; j++) {
        c = b[j]!;
        if (c >= 48 && c <= 57) v = v * 10 + (c - 48);
        else if (c === 46 && dots < 4 && v <= 255 && j > d0 && b[j - 1] !== 46) {
          key = key * 256 + v;
          v = 0;
          dots++;
        } else break;
      }
      if (c !== 58 || dots !== 4 || v > 65535 || b[j - 1] === 46 || b[j + 1] !== 32) return false;
      const dKey = key;
      const dport = v;
      const t = j + 2;
      const tc = b[t];
      let proto: Proto;
      let k: number;
      let colonOk = false;
      if (tc === 116 && b[t + 1] === 99 && b[t + 2] === 112 && b[t + 3] === 32) {
        proto = "tcp";
        k = t + 4;
      } else if (
        tc === 85 &&
        b[t + 1] === 68 &&
        b[t + 2] === 80 &&
        b[t + 3] === 44 &&
        b[t + 4] === 32 &&
        b[t + 5] === 108 &&
        b[t + 11] === 32
      ) {
        proto = "udp";
        k = t + 12;
      } else if (tc === 70 && b[t + 1] === 108 && b[t + 5] === 32 && b[t + 6] === 91) {
        proto = "tcp";
        colonOk = true;
        k = -1;
        // ", length " after the flags
        for (let q = t + 7; q + 9 <= end; q++) {
          if (
            b[q] === 44 &&
            b[q + 1] === 32 &&
            b[q + 2] === 108 &&
            b[q + 3] === 101 &&
            b[q + 4] === 110 &&
            b[q + 5] === 103 &&
            b[q + 6] === 116 &&
            b[q + 7] === 104 &&
            b[q + 8] === 32
          ) {
            k = q + 9;
            break;
          }
        }
        if (k < 0) return false;
      } else return false;
      let len = 0;
      const k0 = k;
      for (; k < end; k++) {
        c = b[k]!;
        if (c < 48 || c > 57) break;
        len = len * 10 + (c - 48);
      }
      if (k === k0 || (k !== end && !(colonOk && c === 58))) return false;
      if (pendLine > 0) flushPending();
      emit.record({ ts, proto, src: v4name(sKey), sport, dst: v4name(dKey), dport, length: len });
      return true;
    };

    return {
      line,
      fast,
      end: () => flushPending(),
    };
  }
};

// IPv4 text by value (a /24 map of 256-slot rows, small-integer keys): the same peers recur, and
// fresh flat strings keep no chunk text alive.
const v4rows = new Map<number, (string | undefined)[]>();
const v4name = (key: number): string => {
  const hi = Math.floor(key / 256);
  let row = v4rows.get(hi);
  if (row === undefined) {
    if (v4rows.size >= 4096) v4rows.clear();
    row = new Array(256);
    v4rows.set(hi, row);
  }
  const lo = key & 255;
  let s = row[lo];
  if (s === undefined) {
    s = `${Math.floor(hi / 65536)}.${Math.floor(hi / 256) & 255}.${hi & 255}.${lo}`;
    row[lo] = s;
  }
  return s;
};

/**
 * The tcpdump text parser factory. Lines are cut from the input bytes in place (string chunks are
 * taken as UTF-8; CRLF, a missing final newline and over-long lines are handled as core's
 * `lineParser` does, the bound counted in bytes); the common numeric IPv4 layouts are read
 * straight from the bytes, everything else is decoded and read by the general line reader.
 *
 * @since 0.1.0
 * @category parsers
 */
export const tcpdumpParser: ParserFactory<Packet, TcpdumpOptions> = (emit, options) => {
  const h = makeHandler(emit, options);
  const max = options.maxLineLength ?? DEFAULT_MAX_LINE;
  const decoder = new TextDecoder("utf-8");
  const encoder = new TextEncoder();
  let carry = new Uint8Array(256);
  let carryLen = 0;
  let overflow = false;
  let lineNo = 0;
  let highSurrogate = "";
  const append = (b: Uint8Array, a: number, e: number): void => {
    if (overflow) return;
    const k = e - a;
    if (carryLen + k > max + 1) {
      overflow = true;
      return;
    }
    if (carryLen + k > carry.length) {
      const next = new Uint8Array(Math.max(carryLen + k, carry.length * 2));
      next.set(carry.subarray(0, carryLen));
      carry = next;
    }
    carry.set(b.subarray(a, e), carryLen);
    carryLen += k;
  };
  const deliver = (b: Uint8Array, a: number, bEnd: number): void => {
    lineNo++;
    let e = bEnd;
    if (e > a && b[e - 1] === 13) e--;
    if (overflow || e - a > max) {
      overflow = false;
      emit.skip(lineNo, `line longer than ${max} bytes`);
      return;
    }
    if (!h.fast(b, a, e)) h.line(decoder.decode(b.subarray(a, e)), lineNo);
  };
  const feed = (b: Uint8Array): void => {
    let start = 0;
    const n = b.length;
    if (carryLen > 0 || overflow) {
      const nl = b.indexOf(10);
      if (nl < 0) {
        append(b, 0, n);
        return;
      }
      append(b, 0, nl);
      const len = carryLen;
      carryLen = 0;
      deliver(carry, 0, len);
      start = nl + 1;
    }
    while (start < n) {
      const nl = b.indexOf(10, start);
      if (nl < 0) {
        append(b, start, n);
        return;
      }
      deliver(b, start, nl);
      start = nl + 1;
    }
  };
  return {
    push(chunk) {
      if (typeof chunk !== "string") {
        feed(chunk);
        return;
      }
      // Strings are taken as UTF-8; keep a trailing high surrogate for the next chunk.
      let text = highSurrogate + chunk;
      highSurrogate = "";
      const last = text.charCodeAt(text.length - 1);
      if (last >= 0xd800 && last <= 0xdbff) {
        highSurrogate = text.slice(-1);
        text = text.slice(0, -1);
      }
      feed(encoder.encode(text));
    },
    end() {
      if (highSurrogate) {
        feed(encoder.encode(highSurrogate));
        highSurrogate = "";
      }
      if (carryLen > 0 || overflow) {
        const len = carryLen;
        carryLen = 0;
        deliver(carry, 0, len);
      }
      h.end();
    },
  };
};

/**
 * Parse a whole `tcpdump` text output into {@link Packet} records.
 *
 * Fields (jc style):
 * - `ts`: instant; null for `-t`, `-ttt`, `-ttttt`. Plain `HH:MM:SS` is placed on `options.date` (or the
 *   reference's day) in `options.zone`, moving to the next day when the clock goes back over an hour
 * - `proto`: `tcp` | `udp` | `icmp` | `icmp6` | `arp` | `other`
 * - `src` / `dst`: address or, without `-n`, host name as printed (split from the port on the last dot);
 *   ARP: sender / target protocol address (`dst` is "" for a reply: tcpdump does not print it)
 * - `sport` / `dport`: numbers; a service name (`http-alt`) through {@link SERVICES}, else null
 * - `length`: the `length` tcpdump prints (`tcp N` under `-q`); a decoded UDP payload's trailing
 *   `(N)` (DNS) or its last `length N` (NTP); 0 when none is printed (`[|tcp]`, `ip-proto-17`)
 * - `iface`: the Linux cooked v2 interface prefix (`lo    In  `)
 * - `wireLength`: the frame length under `-e`
 *
 * Banners are ignored as "banner", `-v`/`-X` detail lines as "continuation", a leading line holding
 * only an IP as "own address" (inferred as `self`).
 *
 * @example
 * ```ts
 * import { parseTcpdump } from "@fleetlens/parsers";
 * const { records, stats } = parseTcpdump(
 *   "192.168.100.207 \n16:30:00.265545 IP 192.168.100.207.60752 > 192.168.100.101.22: tcp 88\n",
 *   { date: "2026-11-21" });
 * // records[0] → { ts: <2026-11-21T16:30:00.265545Z>, proto: "tcp", src: "192.168.100.207",
 * //                sport: 60752, dst: "192.168.100.101", dport: 22, length: 88 }
 * // stats.inferred → { self: "192.168.100.207", date: "2026-11-21 from options.date" }
 * ```
 * @since 0.1.0
 * @category parsers
 */
export const parseTcpdump = (input: string | Uint8Array, options: TcpdumpOptions = {}): ParseResult<Packet> =>
  parseAll(tcpdumpParser, input, options);
