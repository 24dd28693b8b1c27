/**
 * Frame decoding for captures: link layer → IPv4/IPv6/ARP → TCP/UDP/ICMP/ICMPv6, reading header
 * fields straight from the capture bytes (no copies), bounded by the captured length. The
 * `length` rule is tcpdump's: TCP/UDP payload bytes, ICMP/ICMPv6 message length, ARP bytes after
 * the link header, other IP protocols their payload length; **0 where tcpdump prints no length**
 * (transport header cut by the snapshot length `[|tcp]`, IPv4 non-first fragments `ip-proto-17`).
 *
 * @since 0.1.0
 * @module
 */
import type { Packet, Proto } from "@fleetlens/core/lite";
import { Net } from "@fleetlens/core/lite";

/** Link types understood (LINKTYPE_* values). @since 0.1.0 @category constants */
export const LinkType = {
  NULL: 0,
  EN10MB: 1,
  RAW_OLD12: 12,
  RAW_OLD14: 14,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

/** Reason returned for frames that carry no IP/ARP packet (LLDP, STP, …): ignored, not skipped. @since 0.1.0 @category constants */
export const NON_IP = "non-IP frame";

const PROTO_BY_NUMBER: Record<number, Proto> = { 1: "icmp", 6: "tcp", 17: "udp", 58: "icmp6" };

/** Packet proto for an IP protocol number. @since 0.1.0 @category decoding */
export const protoOf = (n: number): Proto => PROTO_BY_NUMBER[n] ?? "other";

// IPv4 address text cache: the same few peers recur in nearly every capture.
const v4cache = new Map<number, string>();
const v4 = (b: Uint8Array, o: number): string => {
  const key = ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
  let s = v4cache.get(key);
  if (s === undefined) {
    if (v4cache.size >= 65536) v4cache.clear();
    s = `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;
    v4cache.set(key, s);
  }
  return s;
};

const mk = (
  ts: number | null,
  proto: Proto,
  src: string,
  sport: number | null,
  dst: string,
  dport: number | null,
  length: number,
  iface: string | undefined,
  wire: number,
): Packet =>
  iface === undefined
    ? { ts, proto, src, sport, dst, dport, length, wireLength: wire }
    : { ts, proto, src, sport, dst, dport, length, iface, wireLength: wire };

/**
 * Decode one captured frame. `o`..`end` are the captured bytes, `wire` the original length.
 * Returns the packet, or a reason string (then {@link NON_IP} means "ignore", anything else
 * "skip").
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeFrame = (
  b: Uint8Array,
  o: number,
  end: number,
  wire: number,
  linktype: number,
  ts: number | null,
  ifaceIn: string | undefined,
): Packet | string => {
  let iface = ifaceIn;
  let et = 0; // ethertype; 4 / 6 = "by IP version nibble"
  let p = o;
  switch (linktype) {
    case 1: {
      if (end - p < 14) return "truncated Ethernet header";
      et = (b[p + 12]! << 8) | b[p + 13]!;
      p += 14;
      while (et === 0x8100 || et === 0x88a8 || et === 0x9100) {
        if (end - p < 4) return "truncated VLAN tag";
        et = (b[p + 2]! << 8) | b[p + 3]!;
        p += 4;
      }
      break;
    }
    case 113:
      if (end - p < 16) return "truncated Linux cooked header";
      et = (b[p + 14]! << 8) | b[p + 15]!;
      p += 16;
      break;
    case 276:
      if (end - p < 20) return "truncated Linux cooked v2 header";
      et = (b[p]! << 8) | b[p + 1]!;
      if (iface === undefined)
        iface = String(((b[p + 4]! << 24) | (b[p + 5]! << 16) | (b[p + 6]! << 8) | b[p + 7]!) >>> 0);
      p += 20;
      break;
    case 101:
    case 12:
    case 14:
      et = 1;
      break;
    case 228:
      et = 0x0800;
      break;
    case 229:
      et = 0x86dd;
      break;
    case 0:
    case 108: {
      if (end - p < 4) return "truncated loopback header";
      // Host byte order of the writer (NULL) or big-endian (LOOP): the AF is small, so its
      // non-zero byte tells the order.
      const af = b[p]! !== 0 || b[p + 1]! !== 0 ? b[p]! | (b[p + 1]! << 8) : (b[p + 2]! << 8) | b[p + 3]!;
      p += 4;
      if (af === 2) et = 0x0800;
      else if (af === 24 || af === 28 || af === 30)
        et = 0x86dd; // the BSDs' AF_INET6 values
      else return NON_IP;
      break;
    }
    default:
      return `unsupported link type ${linktype}`;
  }
  if (et === 1) {
    if (end - p < 1) return "truncated IP header";
    const ver = b[p]! >> 4;
    et = ver === 4 ? 0x0800 : ver === 6 ? 0x86dd : 0;
    if (et === 0) return `bad IP version ${ver}`;
  }
  if (et === 0x0800) return ipv4(b, p, end, wire, ts, iface);
  if (et === 0x86dd) return ipv6(b, p, end, wire, ts, iface);
  if (et === 0x0806) return arp(b, p, end, wire - (p - o), wire, ts, iface);
  return NON_IP;
};

const ipv4 = (
  b: Uint8Array,
  p: number,
  end: number,
  wire: number,
  ts: number | null,
  iface: string | undefined,
): Packet | string => {
  if (end - p < 20) return "truncated IPv4 header";
  const vh = b[p]!;
  if (vh >> 4 !== 4) return `bad IP version ${vh >> 4}`;
  const ihl = (vh & 15) * 4;
  if (ihl < 20) return `bad IPv4 header length ${ihl}`;
  if (end - p < ihl) return "truncated IPv4 options";
  const total = (b[p + 2]! << 8) | b[p + 3]!;
  if (total < ihl) return `bad IPv4 total length ${total}`;
  const prot = b[p + 9]!;
  const src = v4(b, p + 12);
  const dst = v4(b, p + 16);
  const proto = PROTO_BY_NUMBER[prot] ?? "other";
  if (((b[p + 6]! << 8) | b[p + 7]!) & 0x1fff) return mk(ts, proto, src, null, dst, null, 0, iface, wire);
  return l4(b, p + ihl, end, total - ihl, proto, src, dst, wire, ts, iface);
};

const ipv6 = (
  b: Uint8Array,
  p: number,
  end: number,
  wire: number,
  ts: number | null,
  iface: string | undefined,
): Packet | string => {
  if (end - p < 40) return "truncated IPv6 header";
  if (b[p]! >> 4 !== 6) return `bad IP version ${b[p]! >> 4}`;
  let len = (b[p + 4]! << 8) | b[p + 5]!;
  let nh = b[p + 6]!;
  const src = Net.ipv6FromBytes(b, p + 8);
  const dst = Net.ipv6FromBytes(b, p + 24);
  let q = p + 40;
  for (let guard = 0; guard < 16; guard++) {
    if (nh === 0 || nh === 43 || nh === 60 || nh === 51) {
      if (end - q < 2) return mk(ts, "other", src, null, dst, null, 0, iface, wire);
      const hl = nh === 51 ? (b[q + 1]! + 2) * 4 : (b[q + 1]! + 1) * 8;
      nh = b[q]!;
      q += hl;
      len -= hl;
    } else if (nh === 44) {
      if (end - q < 8) return mk(ts, "other", src, null, dst, null, 0, iface, wire);
      const off = ((b[q + 2]! << 8) | b[q + 3]!) & 0xfff8;
      nh = b[q]!;
      q += 8;
      len -= 8;
      // tcpdump prints `frag (off|len)` and no transport for a non-first fragment.
      if (off !== 0) return mk(ts, "other", src, null, dst, null, Math.max(len, 0), iface, wire);
    } else break;
  }
  if (len < 0) return "bad IPv6 extension header length";
  return l4(b, q, end, len, protoOf(nh), src, dst, wire, ts, iface);
};

const l4 = (
  b: Uint8Array,
  q: number,
  end: number,
  len: number,
  proto: Proto,
  src: string,
  dst: string,
  wire: number,
  ts: number | null,
  iface: string | undefined,
): Packet | string => {
  const avail = end - q;
  if (proto === "tcp") {
    if (avail < 4) return mk(ts, proto, src, null, dst, null, 0, iface, wire);
    const sport = (b[q]! << 8) | b[q + 1]!;
    const dport = (b[q + 2]! << 8) | b[q + 3]!;
    if (avail < 20) return mk(ts, proto, src, sport, dst, dport, 0, iface, wire);
    const pay = len - (b[q + 12]! >> 4) * 4;
    return mk(ts, proto, src, sport, dst, dport, Math.max(pay, 0), iface, wire);
  }
  if (proto === "udp") {
    if (avail < 4) return mk(ts, proto, src, null, dst, null, 0, iface, wire);
    const sport = (b[q]! << 8) | b[q + 1]!;
    const dport = (b[q + 2]! << 8) | b[q + 3]!;
    if (avail < 8) return mk(ts, proto, src, sport, dst, dport, 0, iface, wire);
    const ul = ((b[q + 4]! << 8) | b[q + 5]!) - 8;
    return mk(ts, proto, src, sport, dst, dport, Math.max(ul, 0), iface, wire);
  }
  // ICMP / ICMPv6 need type, code, checksum and the echo id/seq before tcpdump prints a length
  if ((proto === "icmp" || proto === "icmp6") && avail < 8)
    return mk(ts, proto, src, null, dst, null, 0, iface, wire);
  return mk(ts, proto, src, null, dst, null, len, iface, wire);
};

const arp = (
  b: Uint8Array,
  p: number,
  end: number,
  len: number,
  wire: number,
  ts: number | null,
  iface: string | undefined,
): Packet | string => {
  if (end - p < 8) return "truncated ARP header";
  const ptype = (b[p + 2]! << 8) | b[p + 3]!;
  const hlen = b[p + 4]!;
  const plen = b[p + 5]!;
  if (ptype !== 0x0800 || plen !== 4) return NON_IP;
  const spa = p + 8 + hlen;
  const tpa = spa + 4 + hlen;
  if (end < tpa + 4) return "truncated ARP addresses";
  return mk(ts, "arp", v4(b, spa), null, v4(b, tpa), null, len, iface, wire);
};
