/**
 * Synthesises captures from {@link Packet} records: valid link, IPv4/IPv6 and TCP/UDP/ICMP/ARP
 * headers whose lengths make `tcpdump` print the record's `length` again. Used by round-trip
 * properties, oracle tests and benchmarks (the chunk generators write gigabyte files with bounded
 * memory).
 *
 * @since 0.1.0
 * @module
 */
import type { Packet } from "@fleetlens/core/lite";
import { Net } from "@fleetlens/core/lite";

/**
 * How to write a capture.
 *
 * @since 0.1.0
 * @category models
 */
export interface PcapRenderOptions {
  /** Link type (default 1, Ethernet): 0, 1, 12, 14, 101, 108, 113, 228, 229, 276. */
  readonly linktype?: number;
  /** Nanosecond timestamps (libpcap ns magic; pcapng `if_tsresol` 9). */
  readonly nanos?: boolean;
  /** Write big-endian headers (default little-endian). */
  readonly bigEndian?: boolean;
  /** Snapshot length (default 262144): longer frames are cut, keeping the original length. */
  readonly snaplen?: number;
  /** Ethernet VLAN tags, outermost first (802.1Q; with two or more the outer ones use 0x88a8). */
  readonly vlan?: readonly number[];
  /** Size of the chunks the generators yield (default 1 MiB). */
  readonly chunkSize?: number;
}

const linkLen = (lt: number, vlans: number): number => {
  switch (lt) {
    case 1:
      return 14 + 4 * vlans;
    case 113:
      return 16;
    case 276:
      return 20;
    case 0:
    case 108:
      return 4;
    case 12:
    case 14:
    case 101:
    case 228:
    case 229:
      return 0;
    default:
      throw new RangeError(`renderPcap: unsupported link type ${lt}`);
  }
};

const isV6 = (p: Packet): boolean => p.src.includes(":");
const isFragment = (p: Packet): boolean => (p.proto === "tcp" || p.proto === "udp") && p.sport === null;

/** Bytes after the IP header (or the ARP packet) for a record. */
const l4Len = (p: Packet): number => {
  if (isFragment(p)) return Math.max(8, p.length - (p.length % 8));
  switch (p.proto) {
    case "tcp":
      return 20 + p.length;
    case "udp":
      return 8 + p.length;
    case "arp":
      return Math.max(28, p.length);
    default:
      return p.length;
  }
};

/** Frame length (link header included) of a record. @since 0.1.0 @category rendering */
export const frameLength = (p: Packet, linktype = 1, vlans = 0): number => {
  const l3 = p.proto === "arp" ? 0 : isV6(p) ? (isFragment(p) ? 48 : 40) : 20;
  return linkLen(linktype, vlans) + l3 + l4Len(p);
};

const MAC_A = [0x52, 0x54, 0x00, 0x12, 0x34, 0x56];
const MAC_B = [0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e];

const put16 = (b: Uint8Array, o: number, v: number): void => {
  b[o] = (v >>> 8) & 255;
  b[o + 1] = v & 255;
};
const put32 = (b: Uint8Array, o: number, v: number): void => {
  b[o] = (v >>> 24) & 255;
  b[o + 1] = (v >>> 16) & 255;
  b[o + 2] = (v >>> 8) & 255;
  b[o + 3] = v & 255;
};

const putV4 = (b: Uint8Array, o: number, s: string): void => {
  const n = Net.parseIpv4(s);
  if (n < 0) throw new RangeError(`renderPcap: not an IPv4 address: ${s}`);
  put32(b, o, n);
};
const putV6 = (b: Uint8Array, o: number, s: string): void => {
  const a = Net.parseIpv6(s);
  if (!a) throw new RangeError(`renderPcap: not an IPv6 address: ${s}`);
  b.set(a, o);
};

const IPPROTO: Record<string, number> = { tcp: 6, udp: 17, icmp: 1, icmp6: 58, other: 253 };

/**
 * Write the frame of `p` at `o` (the bytes must be zero) and return its length.
 *
 * @since 0.1.0
 * @category rendering
 */
export const writeFrame = (
  b: Uint8Array,
  o: number,
  p: Packet,
  linktype = 1,
  vlan: readonly number[] = [],
): number => {
  const total = frameLength(p, linktype, vlan.length);
  const v6 = p.proto !== "arp" && isV6(p);
  const ethertype = p.proto === "arp" ? 0x0806 : v6 ? 0x86dd : 0x0800;
  let q = o;
  switch (linktype) {
    case 1: {
      b.set(MAC_B, q);
      b.set(MAC_A, q + 6);
      q += 12;
      for (let i = 0; i < vlan.length; i++) {
        put16(b, q, vlan.length > 1 && i < vlan.length - 1 ? 0x88a8 : 0x8100);
        put16(b, q + 2, vlan[i]! & 0xfff);
        q += 4;
      }
      put16(b, q, ethertype);
      q += 2;
      break;
    }
    case 113:
      put16(b, q, 0); // to us
      put16(b, q + 2, 1); // ARPHRD_ETHER
      put16(b, q + 4, 6);
      b.set(MAC_A, q + 6);
      put16(b, q + 14, ethertype);
      q += 16;
      break;
    case 276: {
      put16(b, q, ethertype);
      const idx = p.iface !== undefined && /^\d+$/.test(p.iface) ? Number(p.iface) : 1;
      put32(b, q + 4, idx);
      put16(b, q + 8, 1);
      b[q + 10] = 0;
      b[q + 11] = 6;
      b.set(MAC_A, q + 12);
      q += 20;
      break;
    }
    case 0:
      b[q] = v6 ? 24 : 2; // little-endian host order; AF_INET6 as the BSDs number it
      q += 4;
      break;
    case 108:
      put32(b, q, v6 ? 24 : 2);
      q += 4;
      break;
    default:
      break;
  }
  if (p.proto === "arp") {
    if (linktype !== 1 && linktype !== 113 && linktype !== 276)
      throw new RangeError(`renderPcap: ARP cannot be carried by link type ${linktype}`);
    put16(b, q, 1);
    put16(b, q + 2, 0x0800);
    b[q + 4] = 6;
    b[q + 5] = 4;
    put16(b, q + 6, 1);
    b.set(MAC_A, q + 8);
    putV4(b, q + 14, p.src);
    putV4(b, q + 24, p.dst);
    return total;
  }
  if ((linktype === 228 && v6) || (linktype === 229 && !v6))
    throw new RangeError(`renderPcap: link type ${linktype} cannot carry ${v6 ? "IPv6" : "IPv4"}`);
  const l4 = l4Len(p);
  const frag = isFragment(p);
  const prot = IPPROTO[p.proto] ?? 253;
  if (v6) {
    if (p.proto === "icmp") throw new RangeError("renderPcap: ICMP (v4) over IPv6");
    b[q] = 0x60;
    put16(b, q + 4, l4 + (frag ? 8 : 0));
    b[q + 6] = frag ? 44 : prot;
    b[q + 7] = 64;
    putV6(b, q + 8, p.src);
    putV6(b, q + 24, p.dst);
    q += 40;
    if (frag) {
      b[q] = prot;
      put16(b, q + 2, 185 * 8);
      put32(b, q + 4, 7);
      q += 8;
    }
  } else {
    if (p.proto === "icmp6") throw new RangeError("renderPcap: ICMPv6 over IPv4");
    if (20 + l4 > 65535) throw new RangeError("renderPcap: packet too long for IPv4");
    b[q] = 0x45;
    put16(b, q + 2, 20 + l4);
    put16(b, q + 4, 1);
    if (frag) put16(b, q + 6, 185);
    b[q + 8] = 64;
    b[q + 9] = prot;
    putV4(b, q + 12, p.src);
    putV4(b, q + 16, p.dst);
    let sum = 0;
    for (let i = 0; i < 20; i += 2) sum += (b[q + i]! << 8) | b[q + i + 1]!;
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    put16(b, q + 10, ~sum & 0xffff);
    q += 20;
  }
  if (frag) return total;
  switch (p.proto) {
    case "tcp":
      put16(b, q, p.sport ?? 0);
      put16(b, q + 2, p.dport ?? 0);
      put32(b, q + 4, 1000);
      put32(b, q + 8, 2000);
      b[q + 12] = 0x50;
      b[q + 13] = p.length > 0 ? 0x18 : 0x10;
      put16(b, q + 14, 502);
      break;
    case "udp":
      put16(b, q, p.sport ?? 0);
      put16(b, q + 2, p.dport ?? 0);
      put16(b, q + 4, 8 + p.length);
      break;
    case "icmp":
    case "icmp6":
      if (l4 >= 8) {
        b[q] = p.proto === "icmp" ? 8 : 128;
        put16(b, q + 4, 7);
        put16(b, q + 6, 1);
      }
      break;
    default:
      break;
  }
  return total;
};

const tsParts = (ms: number | null, nanos: boolean): [number, number] => {
  if (ms === null) return [0, 0];
  // A double of epoch ms carries microseconds, not nanoseconds: round to µs, then scale.
  let sec = Math.floor(ms / 1000);
  let us = Math.round((ms - sec * 1000) * 1000);
  if (us >= 1e6) {
    sec += 1;
    us -= 1e6;
  }
  return [sec, nanos ? us * 1000 : us];
};

/** A growing-then-flushed output buffer for the chunk generators. */
class Out {
  buf: Uint8Array;
  dv: DataView;
  n = 0;
  constructor(readonly size: number) {
    this.buf = new Uint8Array(size);
    this.dv = new DataView(this.buf.buffer);
  }
  /** Make room for `k` bytes; returns a full chunk to yield, or undefined. */
  room(k: number): Uint8Array | undefined {
    if (this.n + k <= this.buf.length) return undefined;
    const full = this.buf.subarray(0, this.n);
    this.buf = new Uint8Array(Math.max(this.size, k));
    this.dv = new DataView(this.buf.buffer);
    this.n = 0;
    return full.length > 0 ? full : undefined;
  }
}

/**
 * libpcap file as a sequence of chunks (bounded memory; each chunk is a fresh buffer).
 *
 * @since 0.1.0
 * @category rendering
 */
export function* pcapChunks(packets: Iterable<Packet>, opts: PcapRenderOptions = {}): Generator<Uint8Array> {
  const lt = opts.linktype ?? 1;
  const le = !opts.bigEndian;
  const nanos = opts.nanos ?? false;
  const snap = opts.snaplen ?? 262144;
  const vlan = opts.vlan ?? [];
  const out = new Out(opts.chunkSize ?? 1 << 20);
  out.room(24);
  const dv = out.dv;
  dv.setUint32(0, nanos ? 0xa1b23c4d : 0xa1b2c3d4, le);
  dv.setUint16(4, 2, le);
  dv.setUint16(6, 4, le);
  dv.setUint32(16, snap, le);
  dv.setUint32(20, lt, le);
  out.n = 24;
  for (const p of packets) {
    const len = frameLength(p, lt, vlan.length);
    const cap = Math.min(len, snap);
    const full = out.room(16 + len);
    if (full) yield full;
    const [sec, frac] = tsParts(p.ts, nanos);
    const o = out.n;
    out.dv.setUint32(o, sec, le);
    out.dv.setUint32(o + 4, frac, le);
    out.dv.setUint32(o + 8, cap, le);
    out.dv.setUint32(o + 12, len, le);
    writeFrame(out.buf, o + 16, p, lt, vlan);
    if (cap < len) out.buf.fill(0, o + 16 + cap, o + 16 + len);
    out.n = o + 16 + cap;
  }
  if (out.n > 0) yield out.buf.subarray(0, out.n);
}

const concat = (chunks: Iterable<Uint8Array>): Uint8Array => {
  const parts = [...chunks];
  const all = new Uint8Array(parts.reduce((a, c) => a + c.length, 0));
  let o = 0;
  for (const c of parts) {
    all.set(c, o);
    o += c.length;
  }
  return all;
};

/**
 * A whole libpcap file.
 *
 * @example
 * ```ts
 * const bytes = renderPcap([{ ts: 1795293828099.948, proto: "udp", src: "10.0.0.5", sport: 5000,
 *   dst: "192.0.2.10", dport: 6000, length: 100 }], { linktype: 1 });
 * ```
 * @since 0.1.0
 * @category rendering
 */
export const renderPcap = (packets: Iterable<Packet>, opts: PcapRenderOptions = {}): Uint8Array =>
  concat(pcapChunks(packets, opts));

const pad4 = (n: number): number => (n + 3) & ~3;

/**
 * pcapng section (SHB, one IDB per distinct `iface`, EPB per packet or SPB when `ts` is null) as
 * chunks. Concatenate several outputs for a multi-section file.
 *
 * @since 0.1.0
 * @category rendering
 */
export function* pcapngChunks(
  packets: Iterable<Packet>,
  opts: PcapRenderOptions = {},
): Generator<Uint8Array> {
  const lt = opts.linktype ?? 1;
  const le = !opts.bigEndian;
  const nanos = opts.nanos ?? false;
  const snap = opts.snaplen ?? 262144;
  const vlan = opts.vlan ?? [];
  const out = new Out(opts.chunkSize ?? 1 << 20);
  const enc = new TextEncoder();
  out.room(28);
  out.dv.setUint32(0, 0x0a0d0d0a, le);
  out.dv.setUint32(4, 28, le);
  out.dv.setUint32(8, 0x1a2b3c4d, le);
  out.dv.setUint16(12, 1, le);
  out.dv.setUint16(14, 0, le);
  out.dv.setInt32(16, -1, le);
  out.dv.setInt32(20, -1, le);
  out.dv.setUint32(24, 28, le);
  out.n = 28;
  const ids = new Map<string | undefined, number>();
  for (const p of packets) {
    let id = ids.get(p.iface);
    if (id === undefined) {
      id = ids.size;
      ids.set(p.iface, id);
      const name = p.iface === undefined ? undefined : enc.encode(p.iface);
      const optLen = (name ? 4 + pad4(name.length) : 0) + (nanos ? 8 : 0) + 4;
      const blen = 20 + optLen;
      const full = out.room(blen);
      if (full) yield full;
      const o = out.n;
      const dv = out.dv;
      dv.setUint32(o, 1, le);
      dv.setUint32(o + 4, blen, le);
      dv.setUint16(o + 8, lt, le);
      dv.setUint32(o + 12, snap, le);
      let q = o + 16;
      if (name) {
        dv.setUint16(q, 2, le);
        dv.setUint16(q + 2, name.length, le);
        out.buf.set(name, q + 4);
        q += 4 + pad4(name.length);
      }
      if (nanos) {
        dv.setUint16(q, 9, le);
        dv.setUint16(q + 2, 1, le);
        out.buf[q + 4] = 9;
        q += 8;
      }
      q += 4; // opt_endofopt
      dv.setUint32(q, blen, le);
      out.n = o + blen;
    }
    const len = frameLength(p, lt, vlan.length);
    const cap = Math.min(len, snap);
    const simple = p.ts === null;
    const blen = (simple ? 16 : 32) + pad4(cap);
    const full = out.room(blen + pad4(len));
    if (full) yield full;
    const o = out.n;
    const dv = out.dv;
    dv.setUint32(o, simple ? 3 : 6, le);
    dv.setUint32(o + 4, blen, le);
    let data: number;
    if (simple) {
      dv.setUint32(o + 8, len, le);
      data = o + 12;
    } else {
      const [sec, frac] = tsParts(p.ts, nanos);
      const units = BigInt(sec) * (nanos ? 1_000_000_000n : 1_000_000n) + BigInt(frac);
      dv.setUint32(o + 8, id, le);
      dv.setUint32(o + 12, Number(units >> 32n), le);
      dv.setUint32(o + 16, Number(units & 0xffffffffn), le);
      dv.setUint32(o + 20, cap, le);
      dv.setUint32(o + 24, len, le);
      data = o + 28;
    }
    writeFrame(out.buf, data, p, lt, vlan);
    out.buf.fill(0, data + cap, data + pad4(len));
    dv.setUint32(o + blen - 4, blen, le);
    out.n = o + blen;
  }
  if (out.n > 0) yield out.buf.subarray(0, out.n);
}

/**
 * A whole pcapng file (one section).
 *
 * @since 0.1.0
 * @category rendering
 */
export const renderPcapng = (packets: Iterable<Packet>, opts: PcapRenderOptions = {}): Uint8Array =>
  concat(pcapngChunks(packets, opts));
