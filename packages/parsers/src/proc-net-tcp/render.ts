/**
 * Renders {@link Socket} records as /proc/net/tcp{,6} (or udp{,6}) text, for round-trip
 * properties, tests and benchmarks.
 *
 * @since 0.1.0
 * @module
 */
import { Net, type Socket } from "@fleetlens/core/lite";
import { PROC_STATES } from "./parse.js";

/**
 * Options of {@link renderProcNetTcp}.
 *
 * @since 0.1.0
 * @category models
 */
export interface RenderProcNetTcpOptions {
  /** Render the tcp6/udp6 layout (IPv4 addresses become v4-mapped). Default false. */
  readonly v6?: boolean;
  /** Render /proc/net/udp{,6} (header ends `ref pointer drops`). Default false. */
  readonly udp?: boolean;
  /** Addresses as a big-endian kernel prints them (not byte-reversed). Default false. */
  readonly bigEndian?: boolean;
  /** Print the header line. Default true. */
  readonly header?: boolean;
}

const H4 = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";
const H6 =
  "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";

const hex = (v: number, width: number): string => v.toString(16).toUpperCase().padStart(width, "0");

const word = (b: Uint8Array, o: number, be: boolean): string =>
  be
    ? hex(((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0, 8)
    : hex(((b[o + 3]! << 24) | (b[o + 2]! << 16) | (b[o + 1]! << 8) | b[o]!) >>> 0, 8);

const addrHex = (a: string, v6: boolean, be: boolean): string => {
  const wildcard = a === "*" || a === "";
  if (!v6) {
    if (wildcard) return "00000000";
    const v = Net.parseIpv4(a);
    if (v < 0) throw new RangeError(`not an IPv4 address: ${a}`);
    const b = new Uint8Array([v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255]);
    return word(b, 0, be);
  }
  let b: Uint8Array | undefined;
  if (wildcard) b = new Uint8Array(16);
  else {
    const v4 = Net.parseIpv4(a);
    b = v4 >= 0 ? Net.parseIpv6(`::ffff:${a}`) : Net.parseIpv6(a);
  }
  if (!b) throw new RangeError(`not an IP address: ${a}`);
  return word(b, 0, be) + word(b, 4, be) + word(b, 8, be) + word(b, 12, be);
};

const stateHex = (s: string): string => {
  const i = PROC_STATES.indexOf(s);
  return hex(Math.max(i, 0), 2);
};

/**
 * Renders sockets in the kernel's layout (`get_tcp4_sock` / `get_tcp6_sock` / udp): byte-reversed
 * hex addresses (little-endian), host-order hex ports (null = 0000), hex state, `tx:rx` queues,
 * decimal uid and inode (0 when absent); TIME-WAIT lines stop after `refcnt pointer` as the
 * kernel's do; IPv4 tcp lines are right-padded to 149 characters, udp to 127.
 * Throws a RangeError for an address that is not an IP (a hostname) or an IPv6 address in the
 * IPv4 layout.
 *
 * @example
 * ```ts
 * renderProcNetTcp([{ state: "LISTEN", local: "127.0.0.1", lport: 8080, peer: "0.0.0.0", pport: null, recvQ: 0, sendQ: 0, process: null }]);
 * // header, then "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 0 1 …"
 * ```
 * @since 0.1.0
 * @category renderers
 */
export const renderProcNetTcp = (
  sockets: readonly Socket[],
  options: RenderProcNetTcpOptions = {},
): string => {
  const v6 = options.v6 ?? false;
  const udp = options.udp ?? false;
  const be = options.bigEndian ?? false;
  const lines: string[] = [];
  if (options.header ?? true) {
    let h = v6 ? H6 : H4;
    if (udp) h = v6 ? `${h} ref pointer drops` : ` ${h} ref pointer drops`;
    lines.push(v6 ? h : h.padEnd(udp ? 127 : 149));
  }
  sockets.forEach((s, i) => {
    const sl = String(i).padStart(udp ? 5 : 4);
    const la = `${addrHex(s.local, v6, be)}:${hex(s.lport ?? 0, 4)}`;
    const pa = `${addrHex(s.peer, v6, be)}:${hex(s.pport ?? 0, 4)}`;
    const q = `${hex(s.sendQ, 8)}:${hex(s.recvQ, 8)}`;
    const uid = String(s.uid ?? 0).padStart(5);
    const inode = s.inode ?? 0;
    let l: string;
    if (s.state === "TIME-WAIT" && !udp)
      l = `${sl}: ${la} ${pa} ${stateHex(s.state)} ${q} 03:00000BB8 00000000 ${uid}        0 ${inode} 3 0000000000000000`;
    else if (udp)
      l = `${sl}: ${la} ${pa} ${stateHex(s.state)} ${q} 00:00000000 00000000 ${uid}        0 ${inode} 2 0000000000000000 0`;
    else
      l = `${sl}: ${la} ${pa} ${stateHex(s.state)} ${q} 00:00000000 00000000 ${uid}        0 ${inode} 1 0000000000000000 20 4 30 10 -1`;
    lines.push(v6 ? l : l.padEnd(udp ? 127 : 149));
  });
  return lines.length ? `${lines.join("\n")}\n` : "";
};
