/**
 * Streaming reader for libpcap (`.pcap`, both byte orders, µs and ns) and pcapng captures.
 *
 * @since 0.1.0
 * @module
 */
import type {
  Emit,
  Packet,
  ParseOptions,
  ParseResult,
  ParserFactory,
  StreamParser,
} from "@fleetlens/core/lite";
import { parseAll } from "@fleetlens/core/lite";
import { decodeFrame, NON_IP } from "./decode.js";

/**
 * Options of the pcap parser: none beyond {@link ParseOptions} (captures carry absolute UTC
 * times).
 *
 * @since 0.1.0
 * @category models
 */
export interface PcapOptions extends ParseOptions {}

/** Largest captured length accepted in one record or pcapng block (bounds the carry buffer). */
const MAX_UNIT = 16 << 20;

enum S {
  Start,
  PcapHeader,
  PcapRecord,
  PcapResync,
  NgBlock,
  NgResync,
  Dead,
}

interface Iface {
  linktype: number;
  snaplen: number;
  /** Timestamp units per second. */
  res: number;
  /** 2^32 mod res, and floor(2^32 / res), for exact splitting of 64-bit stamps. */
  hiRem: number;
  hiQuot: number;
  offset: number;
  name: string | undefined;
}

const u32le = (b: Uint8Array, o: number): number =>
  (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
const u32be = (b: Uint8Array, o: number): number =>
  ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
const u16le = (b: Uint8Array, o: number): number => b[o]! | (b[o + 1]! << 8);
const u16be = (b: Uint8Array, o: number): number => (b[o]! << 8) | b[o + 1]!;

/** Milliseconds from seconds and a fraction in units of `res` per second (same formula everywhere). */
export const msOf = (sec: number, frac: number, res: number): number =>
  sec * 1000 + (res >= 1000 ? frac / (res / 1000) : frac * (1000 / res));

const hex = (n: number): string => `0x${n.toString(16).padStart(8, "0")}`;

const makeIface = (linktype: number, snaplen: number, res: number, offset: number, name?: string): Iface => ({
  linktype,
  snaplen,
  res,
  hiRem: 4294967296 % res,
  hiQuot: Math.floor(4294967296 / res),
  offset,
  name,
});

class PcapReader implements StreamParser {
  private state = S.Start;
  private rest = new Uint8Array(256);
  private restLen = 0;
  /** Absolute offset of the first byte not yet consumed. */
  private pos = 0;
  private unit = 0;
  // libpcap
  private le = true;
  private nanos = false;
  private snaplen = 0;
  private linktype = 0;
  private capBound = 262144;
  private lastSec = -1;
  // pcapng
  private ifaces: Iface[] = [];
  // resync
  private badAt = 0;
  private badWhy = "";
  private garbage = 0;

  constructor(private readonly emit: Emit<Packet>) {}

  push(chunk: string | Uint8Array): void {
    const c = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
    const n = c.length;
    let i = 0;
    // Complete a unit that straddles the previous chunk boundary, copying only that unit.
    while (this.restLen > 0) {
      const w = this.want(this.rest, 0, this.restLen);
      if (w > this.restLen) {
        const take = Math.min(w - this.restLen, n - i);
        this.ensure(this.restLen + take);
        this.rest.set(c.subarray(i, i + take), this.restLen);
        this.restLen += take;
        i += take;
        if (this.restLen < w) return;
        continue; // the header is complete now: the unit may need more
      }
      const used = this.step(this.rest, 0, this.restLen);
      this.pos += used;
      if (used >= this.restLen) this.restLen = 0;
      else {
        this.rest.copyWithin(0, used, this.restLen);
        this.restLen -= used;
      }
    }
    while (i < n) {
      const avail = n - i;
      const w = this.want(c, i, avail);
      if (w > avail) {
        this.ensure(avail);
        this.rest.set(c.subarray(i), 0);
        this.restLen = avail;
        return;
      }
      const used = this.step(c, i, avail);
      i += used;
      this.pos += used;
    }
  }

  end(): void {
    // Drain what can still be decided with the bytes held (resync scanning needs no more input).
    while (this.restLen > 0) {
      const w = this.want(this.rest, 0, this.restLen);
      if (w > this.restLen) break;
      const used = this.step(this.rest, 0, this.restLen);
      this.pos += used;
      this.rest.copyWithin(0, used, this.restLen);
      this.restLen -= used;
    }
    const left = this.restLen;
    if (this.state === S.PcapResync || this.state === S.NgResync) {
      this.emit.skip(
        ++this.unit,
        `${this.badWhy}; no valid ${this.state === S.PcapResync ? "record" : "section"} in the remaining ${this.garbage + left} bytes`,
        this.badAt,
      );
    } else if (left > 0 && this.state !== S.Dead) {
      const what =
        this.state === S.Start || this.state === S.PcapHeader
          ? "truncated file header"
          : this.state === S.PcapRecord
            ? "truncated record"
            : "truncated block";
      this.emit.skip(++this.unit, `${what}: only ${left} bytes at end of input`, this.pos);
    }
    this.restLen = 0;
  }

  private ensure(size: number): void {
    if (size <= this.rest.length) return;
    const next = new Uint8Array(Math.max(size, this.rest.length * 2));
    next.set(this.rest.subarray(0, this.restLen));
    this.rest = next;
  }

  /** Bytes the next unit needs (it must be called again when more are known). */
  private want(b: Uint8Array, o: number, avail: number): number {
    switch (this.state) {
      case S.Start:
        return 4;
      case S.PcapHeader:
        return 24;
      case S.PcapRecord: {
        if (avail < 16) return 16;
        const cap = this.le ? u32le(b, o + 8) : u32be(b, o + 8);
        return cap > this.capBound ? 16 : 16 + cap;
      }
      case S.PcapResync:
        return 16;
      case S.NgBlock: {
        if (avail < 12) return 12;
        const type = u32le(b, o);
        let le = this.le;
        if (type === 0x0a0d0d0a) {
          const bom = u32le(b, o + 8);
          if (bom === 0x1a2b3c4d) le = true;
          else if (bom === 0x4d3c2b1a) le = false;
          else return 12;
        }
        const len = le ? u32le(b, o + 4) : u32be(b, o + 4);
        return len < 12 || len % 4 !== 0 || len > MAX_UNIT ? 12 : len;
      }
      case S.NgResync:
        return 12;
      default:
        return 1;
    }
  }

  /** Consume one unit (or, while resynchronising, one byte); returns bytes consumed. */
  private step(b: Uint8Array, o: number, avail: number): number {
    switch (this.state) {
      case S.Start: {
        const m = u32le(b, o);
        if (m === 0x0a0d0d0a) this.state = S.NgBlock;
        else if (m === 0xa1b2c3d4 || m === 0xa1b23c4d || m === 0xd4c3b2a1 || m === 0x4d3cb2a1)
          this.state = S.PcapHeader;
        else {
          this.emit.skip(++this.unit, `not a pcap or pcapng file (magic ${hex(m)})`, 0);
          this.state = S.Dead;
        }
        return 0;
      }
      case S.PcapHeader:
        return this.pcapHeader(b, o);
      case S.PcapRecord:
        return this.pcapRecord(b, o);
      case S.PcapResync:
        return this.pcapResync(b, o);
      case S.NgBlock:
        return this.ngBlock(b, o, avail);
      case S.NgResync:
        return this.ngResync(b, o);
      default:
        return avail;
    }
  }

  private pcapHeader(b: Uint8Array, o: number): number {
    const m = u32le(b, o);
    this.le = m === 0xa1b2c3d4 || m === 0xa1b23c4d;
    this.nanos = m === 0xa1b23c4d || m === 0x4d3cb2a1;
    const rd = this.le ? u32le : u32be;
    const major = this.le ? u16le(b, o + 4) : u16be(b, o + 4);
    this.snaplen = rd(b, o + 16);
    this.linktype = rd(b, o + 20) & 0xffff;
    this.capBound = Math.min(MAX_UNIT, Math.max(this.snaplen, 262144));
    if (major !== 2) {
      this.emit.skip(++this.unit, `unsupported pcap version ${major}`, this.pos);
      this.state = S.Dead;
      return 24;
    }
    this.emit.ignore(++this.unit, "file header");
    this.state = S.PcapRecord;
    return 24;
  }

  private pcapRecord(b: Uint8Array, o: number): number {
    const le = this.le;
    const cap = le ? u32le(b, o + 8) : u32be(b, o + 8);
    if (cap > this.capBound) {
      this.startResync(S.PcapResync, `corrupt record header (captured length ${cap} > ${this.capBound})`);
      return 1;
    }
    const sec = le ? u32le(b, o) : u32be(b, o);
    const frac = le ? u32le(b, o + 4) : u32be(b, o + 4);
    const wire = le ? u32le(b, o + 12) : u32be(b, o + 12);
    this.lastSec = sec;
    const ts = msOf(sec, frac, this.nanos ? 1e9 : 1e6);
    const r = decodeFrame(b, o + 16, o + 16 + cap, wire, this.linktype, ts, undefined);
    this.out(r, this.pos);
    return 16 + cap;
  }

  private out(r: Packet | string, at: number): void {
    const n = ++this.unit;
    if (typeof r !== "string") this.emit.record(r);
    else if (r === NON_IP) this.emit.ignore(n, NON_IP);
    else this.emit.skip(n, r, at);
  }

  private startResync(state: S, why: string): void {
    this.badAt = this.pos;
    this.badWhy = why;
    this.garbage = 1;
    this.state = state;
  }

  private endResync(next: S): void {
    this.emit.skip(++this.unit, `${this.badWhy}; skipped ${this.garbage} bytes to resynchronise`, this.badAt);
    this.state = next;
  }

  /** A record header that looks real: sane lengths, fraction and (when known) time. */
  private pcapResync(b: Uint8Array, o: number): number {
    const rd = this.le ? u32le : u32be;
    const sec = rd(b, o);
    const frac = rd(b, o + 4);
    const cap = rd(b, o + 8);
    const wire = rd(b, o + 12);
    const ok =
      frac < (this.nanos ? 1e9 : 1e6) &&
      cap <= this.capBound &&
      cap <= wire &&
      wire <= 262144 &&
      (this.lastSec < 0 || Math.abs(sec - this.lastSec) <= 86400);
    if (ok) {
      this.endResync(S.PcapRecord);
      return 0;
    }
    this.garbage++;
    return 1;
  }

  private ngResync(b: Uint8Array, o: number): number {
    if (u32le(b, o) === 0x0a0d0d0a) {
      const bom = u32le(b, o + 8);
      if (bom === 0x1a2b3c4d || bom === 0x4d3c2b1a) {
        this.endResync(S.NgBlock);
        return 0;
      }
    }
    this.garbage++;
    return 1;
  }

  private ngBlock(b: Uint8Array, o: number, avail: number): number {
    const type = u32le(b, o);
    if (type === 0x0a0d0d0a) {
      const bom = u32le(b, o + 8);
      if (bom === 0x1a2b3c4d) this.le = true;
      else if (bom === 0x4d3c2b1a) this.le = false;
      else {
        this.startResync(S.NgResync, `corrupt section header (byte-order magic ${hex(bom)})`);
        return 1;
      }
    }
    const le = this.le;
    const rd = le ? u32le : u32be;
    const btype = rd(b, o);
    const len = rd(b, o + 4);
    if (len < 12 || len % 4 !== 0 || len > MAX_UNIT || len > avail) {
      this.startResync(S.NgResync, `corrupt block header (type ${hex(btype)}, length ${len})`);
      return 1;
    }
    const at = this.pos;
    if (rd(b, o + len - 4) !== len) {
      this.emit.skip(++this.unit, `corrupt block (type ${hex(btype)}): trailing length differs`, at);
      return len;
    }
    const body = o + 8;
    const bodyEnd = o + len - 4;
    const rd16 = le ? u16le : u16be;
    switch (btype) {
      case 0x0a0d0d0a: {
        if (len < 28) {
          this.emit.skip(++this.unit, "section header block too short", at);
          return len;
        }
        const major = rd16(b, body + 4);
        this.ifaces = [];
        if (major !== 1) {
          this.startResync(S.NgResync, `unsupported pcapng version ${major}`);
          return 1;
        }
        this.emit.ignore(++this.unit, "section header");
        return len;
      }
      case 1: {
        if (len < 20) {
          this.emit.skip(++this.unit, "interface description block too short", at);
          this.ifaces.push(makeIface(-1, 0, 1e6, 0));
          return len;
        }
        const lt = rd16(b, body);
        const snap = rd(b, body + 4);
        let res = 1e6;
        let offset = 0;
        let name: string | undefined;
        let q = body + 8;
        while (q + 4 <= bodyEnd) {
          const code = rd16(b, q);
          const olen = rd16(b, q + 2);
          const v = q + 4;
          if (code === 0 || v + olen > bodyEnd) break;
          if (code === 2 && olen > 0) {
            let e = v + olen;
            while (e > v && b[e - 1] === 0) e--;
            name = new TextDecoder().decode(b.subarray(v, e));
          } else if (code === 9 && olen >= 1) {
            const t = b[v]!;
            res = t & 0x80 ? 2 ** (t & 0x7f) : 10 ** t;
          } else if (code === 14 && olen >= 8) {
            const lo = rd(b, le ? v : v + 4);
            const hi = rd(b, le ? v + 4 : v);
            offset = (hi | 0) * 4294967296 + lo;
          }
          q = v + ((olen + 3) & ~3);
        }
        this.ifaces.push(makeIface(lt, snap, res, offset, name));
        this.emit.ignore(++this.unit, "interface description");
        return len;
      }
      case 6:
      case 2: {
        if (len < 32) {
          this.emit.skip(++this.unit, "packet block too short", at);
          return len;
        }
        const id = btype === 6 ? rd(b, body) : rd16(b, body);
        const iface = this.ifaces[id];
        if (iface === undefined) {
          this.emit.skip(++this.unit, `packet for undeclared interface ${id}`, at);
          return len;
        }
        const hi = rd(b, body + 4);
        const lo = rd(b, body + 8);
        const cap = rd(b, body + 12);
        const wire = rd(b, body + 16);
        const room = bodyEnd - (body + 20);
        if (cap > room) {
          this.emit.skip(++this.unit, `captured length ${cap} exceeds the block`, at);
          return len;
        }
        const ts = this.stamp(iface, hi, lo);
        const r = decodeFrame(b, body + 20, body + 20 + cap, wire, iface.linktype, ts, iface.name);
        this.out(r, at);
        return len;
      }
      case 3: {
        const iface = this.ifaces[0];
        if (iface === undefined || len < 16) {
          this.emit.skip(
            ++this.unit,
            iface ? "simple packet block too short" : "packet before any interface",
            at,
          );
          return len;
        }
        const wire = rd(b, body);
        let cap = Math.min(wire, bodyEnd - (body + 4));
        if (iface.snaplen > 0 && cap > iface.snaplen) cap = iface.snaplen;
        const r = decodeFrame(b, body + 4, body + 4 + cap, wire, iface.linktype, null, iface.name);
        this.out(r, at);
        return len;
      }
      case 5:
        this.emit.ignore(++this.unit, "interface statistics");
        return len;
      case 4:
        this.emit.ignore(++this.unit, "name resolution");
        return len;
      default:
        this.emit.ignore(++this.unit, "other block");
        return len;
    }
  }

  /** Epoch ms of a 64-bit pcapng stamp, exact for µs and (via BigInt when needed) ns. */
  private stamp(f: Iface, hi: number, lo: number): number {
    const res = f.res;
    const low = hi * f.hiRem + lo;
    if (low <= Number.MAX_SAFE_INTEGER && Number.isInteger(res)) {
      const carry = Math.floor(low / res);
      return msOf(hi * f.hiQuot + carry + f.offset, low - carry * res, res);
    }
    if (Number.isInteger(res) && res <= Number.MAX_SAFE_INTEGER) {
      const units = (BigInt(hi) << 32n) | BigInt(lo);
      const r = BigInt(res);
      return msOf(Number(units / r) + f.offset, Number(units % r), res);
    }
    return ((hi * 4294967296 + lo) / res + f.offset) * 1000;
  }
}

/**
 * The pcap/pcapng parser factory: a push-based state machine over arbitrary chunk boundaries. It
 * keeps only the bytes of one unit that straddles two chunks, so captures larger than memory
 * stream through. Each unit (file header, record, pcapng block) is reported once: packets as
 * records, headers/IDB/ISB/NRB/other blocks and non-IP frames as ignored, damaged units as skips
 * with their byte offset. A corrupt libpcap record header starts a byte-wise search for the next
 * plausible header; a corrupt pcapng block a search for the next section header. String chunks
 * are taken as UTF-8 bytes (binary input should be bytes).
 *
 * @since 0.1.0
 * @category parsers
 */
export const pcapParser: ParserFactory<Packet, PcapOptions> = (emit) => new PcapReader(emit);

/**
 * Parse a whole capture (libpcap or pcapng) into {@link Packet} records.
 *
 * Fields (jc style):
 * - `ts`: capture time (epoch ms, µs kept; ns files keep ns as far as a double allows); null for pcapng SPB
 * - `proto`: `tcp` | `udp` | `icmp` | `icmp6` | `arp` | `other`
 * - `src` / `dst`: IPv4 dotted or IPv6 as `inet_ntop` prints; ARP sender / target protocol address
 * - `sport` / `dport`: TCP/UDP ports; null for other protocols, non-first fragments and cut headers
 * - `length`: what `tcpdump` prints as `length` (TCP/UDP payload, ICMP message, ARP bytes after the
 *   link header); 0 where tcpdump prints none (`[|tcp]`, `ip-proto-17` fragments)
 * - `iface`: pcapng `if_name`, else the Linux cooked v2 ifindex
 * - `wireLength`: original length on the wire
 *
 * @example
 * ```ts
 * import { parsePcap } from "@fleetlens/parsers";
 * const { records, stats } = parsePcap(fs.readFileSync("lo.pcap"));
 * // records[0] → { ts: 1795293828099.948, proto: "tcp", src: "10.0.0.5", sport: 51514,
 * //                dst: "93.184.216.34", dport: 443, length: 88, wireLength: 142 }
 * // stats.ignoredBy → { "file header": 1 }
 * ```
 * @since 0.1.0
 * @category parsers
 */
export const parsePcap = (input: Uint8Array, options: PcapOptions = {}): ParseResult<Packet> =>
  parseAll(pcapParser, input, options);
