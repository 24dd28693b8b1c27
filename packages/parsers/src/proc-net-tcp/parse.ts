/**
 * Streaming parser for /proc/net/tcp, tcp6, udp and udp6.
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
} from "@fleetlens/core/lite";
import { decimal, nextToken, tok } from "../scan.js";

/**
 * Options of the proc-net-tcp parser.
 *
 * @since 0.1.0
 * @category models
 */
export interface ProcNetTcpOptions extends ParseOptions {
  /** The table came from a big-endian kernel (addresses are then not byte-reversed). Default false. */
  readonly bigEndian?: boolean;
  /** `tcp` or `udp`, for `netid`; default: from the header (`… ref pointer drops` = udp), else none. */
  readonly protocol?: "tcp" | "udp";
}

/**
 * Kernel socket states (`st`, hex) to the names `ss` prints. 07 (TCP_CLOSE, also an unconnected
 * UDP socket) is `UNCONN`, as ss prints it; 0C (NEW_SYN_RECV) is `SYN-RECV`.
 *
 * @since 0.1.0
 * @category constants
 */
export const PROC_STATES: readonly string[] = [
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
  "SYN-RECV",
];

type MutableSocket = { -readonly [K in keyof Socket]: Socket[K] };

/** Hex digits in [s, e) (at most 8) as an unsigned number, or -1. */
const hex = (t: string, s: number, e: number): number => {
  if (e <= s || e - s > 8) return -1;
  let v = 0;
  for (let i = s; i < e; i++) {
    const c = t.charCodeAt(i);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 65 && c <= 70) d = c - 55;
    else if (c >= 97 && c <= 102) d = c - 87;
    else return -1;
    v = v * 16 + d;
  }
  return v;
};

const V6_CACHE_MAX = 4096;

/**
 * The streaming proc-net-tcp parser (a {@link ParserFactory}). See {@link parseProcNetTcp}.
 *
 * @since 0.1.0
 * @category parsers
 */
export const procNetTcpParser: ParserFactory<Socket, ProcNetTcpOptions> = lineParser<
  Socket,
  ProcNetTcpOptions
>((emit: Emit<Socket>, options: ProcNetTcpOptions) => {
  const be = options.bigEndian ?? false;
  let netid: string | undefined = options.protocol;
  const buf = new Uint8Array(16);
  const v6Cache = new Map<string, string>();
  let addrOut = "";
  let portOut: number | null = null;

  /** Decodes `HEX:PORT` in [s, e); sets addrOut/portOut; returns 4 or 6, or 0 when malformed. */
  const endpoint = (t: string, s: number, e: number): number => {
    const len = e - s;
    if (t.charCodeAt(e - 5) !== 58 /* : */ || (len !== 13 && len !== 37)) return 0;
    const port = hex(t, e - 4, e);
    if (port < 0) return 0;
    portOut = port === 0 ? null : port;
    if (len === 13) {
      const v = hex(t, s, s + 8);
      if (v < 0) return 0;
      addrOut = be
        ? `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`
        : `${v & 255}.${(v >>> 8) & 255}.${(v >>> 16) & 255}.${v >>> 24}`;
      return 4;
    }
    const key = t.slice(s, s + 32);
    const hit = v6Cache.get(key);
    if (hit !== undefined) {
      addrOut = hit;
      return 6;
    }
    for (let w = 0; w < 4; w++) {
      const v = hex(t, s + 8 * w, s + 8 * w + 8);
      if (v < 0) return 0;
      const o = 4 * w;
      if (be) {
        buf[o] = v >>> 24;
        buf[o + 1] = (v >>> 16) & 255;
        buf[o + 2] = (v >>> 8) & 255;
        buf[o + 3] = v & 255;
      } else {
        buf[o] = v & 255;
        buf[o + 1] = (v >>> 8) & 255;
        buf[o + 2] = (v >>> 16) & 255;
        buf[o + 3] = v >>> 24;
      }
    }
    addrOut = Net.ipv6FromBytes(buf);
    if (v6Cache.size >= V6_CACHE_MAX) v6Cache.clear();
    v6Cache.set(key, addrOut);
    return 6;
  };

  const socketLine = (t: string): Socket | string => {
    // sl: "N:"
    if (!nextToken(t, 0)) return "empty";
    if (t.charCodeAt(tok.e - 1) !== 58 || decimal(t, tok.s, tok.e - 1) < 0) return "bad sl field";
    if (!nextToken(t, tok.e)) return "missing local_address";
    const fam = endpoint(t, tok.s, tok.e);
    if (fam === 0) return "bad local_address";
    const local = addrOut;
    const lport = portOut;
    if (!nextToken(t, tok.e)) return "missing rem_address";
    if (endpoint(t, tok.s, tok.e) !== fam) return "bad rem_address";
    if (!nextToken(t, tok.e)) return "missing st";
    const st = tok.e - tok.s === 2 ? hex(t, tok.s, tok.e) : -1;
    if (st < 0) return "bad st";
    const state = PROC_STATES[st] ?? "UNKNOWN";
    if (!nextToken(t, tok.e)) return "missing tx_queue:rx_queue";
    if (tok.e - tok.s !== 17 || t.charCodeAt(tok.s + 8) !== 58) return "bad tx_queue:rx_queue";
    const sendQ = hex(t, tok.s, tok.s + 8);
    const recvQ = hex(t, tok.s + 9, tok.e);
    if (sendQ < 0 || recvQ < 0) return "bad tx_queue:rx_queue";
    if (!nextToken(t, tok.e)) return "missing tr:tm->when";
    if (!nextToken(t, tok.e)) return "missing retrnsmt";
    if (!nextToken(t, tok.e)) return "missing uid";
    const uid = decimal(t, tok.s, tok.e);
    if (uid < 0) return "bad uid";
    if (!nextToken(t, tok.e)) return "missing timeout";
    if (!nextToken(t, tok.e)) return "missing inode";
    const inode = decimal(t, tok.s, tok.e);
    if (inode < 0) return "bad inode";
    const r: MutableSocket = {
      state,
      local,
      lport,
      peer: addrOut,
      pport: portOut,
      recvQ,
      sendQ,
      process: null,
      uid,
      inode,
    };
    if (netid !== undefined) r.netid = netid;
    return r;
  };

  return {
    line(t, no) {
      if (!nextToken(t, 0)) return emit.ignore(no, "blank");
      if (tok.e - tok.s === 2 && t.charCodeAt(tok.s) === 115 && t.charCodeAt(tok.s + 1) === 108 /* sl */) {
        if (options.protocol === undefined) netid = t.indexOf(" drops") > 0 ? "udp" : "tcp";
        return emit.ignore(no, "header");
      }
      const r = socketLine(t);
      if (typeof r === "string") emit.skip(no, r);
      else emit.record(r);
    },
  };
});

/**
 * Parses /proc/net/tcp, /proc/net/tcp6 (and udp, udp6: same layout) into {@link Socket} records.
 *
 * Addresses are the kernel's `__be32` words printed as native integers, so on little-endian hosts
 * each 4-byte group is byte-reversed (`0100007F` = 127.0.0.1; option `bigEndian` for the other
 * case); ports are host-order hex. TIME_WAIT lines (fewer fields) are read up to `inode`.
 *
 * Fields (jc-style):
 * - `state` (string): the name ss prints: 01 ESTAB, 02 SYN-SENT, 03 SYN-RECV, 04 FIN-WAIT-1,
 *   05 FIN-WAIT-2, 06 TIME-WAIT, 07 UNCONN, 08 CLOSE-WAIT, 09 LAST-ACK, 0A LISTEN, 0B CLOSING
 * - `local`, `peer` (string): dotted IPv4, canonical IPv6 (`::ffff:a.b.c.d` for v4-mapped);
 *   wildcards print as `0.0.0.0` / `::` (ss would say `*` for a dual-stack `::`)
 * - `lport`, `pport` (number|null): null for port 0 (ss's `*`)
 * - `sendQ` (tx_queue), `recvQ` (rx_queue; for LISTEN the accept backlog)
 * - `process`: always null (the table has no pid; map `inode` via /proc/PID/fd)
 * - `uid`, `inode` (number)
 * - `netid` (`tcp`|`udp`, optional): from `options.protocol` or the header
 *
 * @example
 * ```ts
 * const { records } = parseProcNetTcp(
 *   "   8: 0100007F:1F90 0100007F:DEA0 01 00000000:000003E8 00:00000000 00000000     0        0 22550 1 0000000000000000 20 4 32 10 -1\n",
 * );
 * // records[0] = { state: "ESTAB", local: "127.0.0.1", lport: 8080, peer: "127.0.0.1", pport: 56992,
 * //   recvQ: 1000, sendQ: 0, process: null, uid: 0, inode: 22550 }
 * ```
 * @since 0.1.0
 * @category parsers
 */
export const parseProcNetTcp = (
  input: string | Uint8Array,
  options: ProcNetTcpOptions = {},
): ParseResult<Socket> => parseAll(procNetTcpParser, input, options);
