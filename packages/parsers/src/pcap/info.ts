/**
 * What the `pcap` parser understands, and how to recognise its input.
 *
 * @since 0.1.0
 * @module
 */
import type { ParserInfo } from "../types.js";

/**
 * The `pcap` parser's description (jc-style `info`).
 *
 * @since 0.1.0
 * @category info
 */
export const info: ParserInfo = {
  kind: "pcap",
  description:
    "libpcap and pcapng capture files → one packet record per frame (5-tuple, tcpdump's length, wire length, interface)",
  record: "Packet",
  binary: true,
  variants: [
    "libpcap 2.4, little- and big-endian, µs and ns magic",
    "pcapng 1.0: SHB (per-section byte order, several sections), IDB (if_name, if_tsresol, if_tsoffset), EPB, SPB, obsolete PB; other blocks skipped by length",
    "link types: Ethernet (802.1Q / QinQ), Linux cooked v1 (113) and v2 (276), RAW (101, 12, 14), NULL (0), LOOP (108), IPV4 (228), IPV6 (229)",
    "IPv4 (fragments), IPv6 (extension headers, fragments), TCP, UDP, ICMP, ICMPv6, ARP",
  ],
  options: [],
};

/**
 * Confidence that `head` starts a capture: 1 for a libpcap magic (either byte order, µs or ns)
 * followed by version 2, or a pcapng section header with a valid byte-order magic; else 0.
 *
 * @since 0.1.0
 * @category info
 */
export const sniff = (head: Uint8Array): number => {
  if (head.length < 4) return 0;
  const m = (head[0]! | (head[1]! << 8) | (head[2]! << 16) | (head[3]! << 24)) >>> 0;
  if (m === 0x0a0d0d0a) {
    if (head.length < 12) return 0.5;
    const bom = (head[8]! | (head[9]! << 8) | (head[10]! << 16) | (head[11]! << 24)) >>> 0;
    return bom === 0x1a2b3c4d || bom === 0x4d3c2b1a ? 1 : 0;
  }
  const le = m === 0xa1b2c3d4 || m === 0xa1b23c4d;
  const be = m === 0xd4c3b2a1 || m === 0x4d3cb2a1;
  if (!le && !be) return 0;
  if (head.length < 6) return 0.8;
  const major = le ? head[4]! | (head[5]! << 8) : (head[4]! << 8) | head[5]!;
  return major === 2 ? 1 : 0.3;
};
