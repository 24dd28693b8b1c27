/**
 * Address helpers: IPv4/IPv6 text from bytes (RFC 5952 compression, as `inet_ntop` prints),
 * parsing, and CIDR membership for allow-lists.
 *
 * @since 0.1.0
 * @module
 */

/** Dotted IPv4 from four bytes at `o`. @since 0.1.0 @category formatting */
export const ipv4FromBytes = (b: Uint8Array, o = 0): string => `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;

/**
 * IPv6 text from sixteen bytes at `o`, as glibc's `inet_ntop` prints it: lower-case hex, the
 * longest run of two or more zero groups as `::` (the first on a tie), and `::ffff:a.b.c.d` for
 * IPv4-mapped addresses.
 *
 * @since 0.1.0
 * @category formatting
 */
export const ipv6FromBytes = (b: Uint8Array, o = 0): string => {
  const g: number[] = new Array(8);
  for (let i = 0; i < 8; i++) g[i] = (b[o + 2 * i]! << 8) | b[o + 2 * i + 1]!;
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) {
    return `::ffff:${b[o + 12]}.${b[o + 13]}.${b[o + 14]}.${b[o + 15]}`;
  }
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen < 2) return g.map((x) => x.toString(16)).join(":");
  const head = g
    .slice(0, bestStart)
    .map((x) => x.toString(16))
    .join(":");
  const tail = g
    .slice(bestStart + bestLen)
    .map((x) => x.toString(16))
    .join(":");
  return `${head}::${tail}`;
};

/** Parse dotted IPv4 to a 32-bit unsigned number, or -1. @since 0.1.0 @category parsing */
export const parseIpv4 = (s: string): number => {
  const parts = s.split(".");
  if (parts.length !== 4) return -1;
  let v = 0;
  for (const p of parts) {
    if (p.length === 0 || p.length > 3 || !/^\d+$/.test(p)) return -1;
    const n = Number(p);
    if (n > 255) return -1;
    v = v * 256 + n;
  }
  return v;
};

/**
 * Parse IPv6 text (with `::`, an embedded IPv4 tail, and an optional `%scope`, which is dropped)
 * to 16 bytes, or undefined.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseIpv6 = (input: string): Uint8Array | undefined => {
  let s = input;
  const pct = s.indexOf("%");
  if (pct >= 0) s = s.slice(0, pct);
  if (s.length < 2 || !/^[0-9a-fA-F:.]+$/.test(s)) return undefined;
  const out = new Uint8Array(16);
  let tailV4: number[] | undefined;
  const lastColon = s.lastIndexOf(":");
  if (s.indexOf(".") >= 0) {
    const v4 = parseIpv4(s.slice(lastColon + 1));
    if (v4 < 0) return undefined;
    tailV4 = [(v4 >>> 24) & 255, (v4 >>> 16) & 255, (v4 >>> 8) & 255, v4 & 255];
    s = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const dbl = s.indexOf("::");
  if (dbl !== s.lastIndexOf("::")) return undefined;
  const toGroups = (part: string): number[] | undefined => {
    if (part === "") return [];
    const gs = part.split(":");
    const r: number[] = [];
    for (const x of gs) {
      if (x.length === 0 || x.length > 4) return undefined;
      r.push(Number.parseInt(x, 16));
    }
    return r;
  };
  let groups: number[];
  if (dbl >= 0) {
    const a = toGroups(s.slice(0, dbl));
    const b = toGroups(s.slice(dbl + 2));
    if (!a || !b || a.length + b.length > 7) return undefined;
    groups = [...a, ...new Array(8 - a.length - b.length).fill(0), ...b];
  } else {
    const a = toGroups(s);
    if (!a || a.length !== 8) return undefined;
    groups = a;
  }
  for (let i = 0; i < 8; i++) {
    out[2 * i] = (groups[i]! >> 8) & 255;
    out[2 * i + 1] = groups[i]! & 255;
  }
  if (tailV4) out.set(tailV4, 12);
  return out;
};

/** True when the text is an IPv4 or IPv6 address. @since 0.1.0 @category predicates */
export const isIp = (s: string): boolean => parseIpv4(s) >= 0 || parseIpv6(s) !== undefined;

/**
 * The canonical text of an address (IPv6 compressed the way `inet_ntop` does), or the input
 * unchanged when it is not an address.
 *
 * @since 0.1.0
 * @category formatting
 */
export const canonicalIp = (s: string): string => {
  if (parseIpv4(s) >= 0) return s;
  const b = parseIpv6(s);
  return b ? ipv6FromBytes(b) : s;
};

/**
 * A CIDR block (`10.0.0.0/8`, `fd00::/8`, or a single address) for allow-lists.
 *
 * @since 0.1.0
 * @category models
 */
export interface Cidr {
  readonly text: string;
  readonly v6: boolean;
  readonly bytes: Uint8Array;
  readonly prefix: number;
}

/** Parse a CIDR block, or undefined when malformed. @since 0.1.0 @category parsing */
export const parseCidr = (text: string): Cidr | undefined => {
  const [addr, pfx] = text.trim().split("/");
  if (addr === undefined) return undefined;
  const v4 = parseIpv4(addr);
  if (v4 >= 0) {
    const prefix = pfx === undefined ? 32 : Number(pfx);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32 || (pfx !== undefined && !/^\d+$/.test(pfx)))
      return undefined;
    return {
      text,
      v6: false,
      bytes: new Uint8Array([(v4 >>> 24) & 255, (v4 >>> 16) & 255, (v4 >>> 8) & 255, v4 & 255]),
      prefix,
    };
  }
  const b6 = parseIpv6(addr);
  if (!b6) return undefined;
  const prefix = pfx === undefined ? 128 : Number(pfx);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 128 || (pfx !== undefined && !/^\d+$/.test(pfx)))
    return undefined;
  return { text, v6: true, bytes: b6, prefix };
};

const prefixMatch = (a: Uint8Array, b: Uint8Array, prefix: number): boolean => {
  const full = prefix >> 3;
  for (let i = 0; i < full; i++) if (a[i] !== b[i]) return false;
  const rem = prefix & 7;
  if (rem === 0) return true;
  const mask = (0xff << (8 - rem)) & 0xff;
  return (a[full]! & mask) === (b[full]! & mask);
};

/**
 * Whether an address (text) lies in a block. IPv4-mapped IPv6 addresses match IPv4 blocks.
 *
 * @since 0.1.0
 * @category predicates
 */
export const cidrContains = (block: Cidr, ip: string): boolean => {
  const v4 = parseIpv4(ip);
  if (v4 >= 0) {
    if (block.v6) return false;
    return prefixMatch(
      block.bytes,
      new Uint8Array([(v4 >>> 24) & 255, (v4 >>> 16) & 255, (v4 >>> 8) & 255, v4 & 255]),
      block.prefix,
    );
  }
  const b6 = parseIpv6(ip);
  if (!b6) return false;
  if (!block.v6) {
    const mapped = b6.slice(0, 12).every((x, i) => (i < 10 ? x === 0 : x === 0xff));
    return mapped && prefixMatch(block.bytes, b6.slice(12), block.prefix);
  }
  return prefixMatch(block.bytes, b6, block.prefix);
};

/**
 * Canonical MAC text, lower-case and colon-separated (`00:1a:2b:3c:4d:5e`), from any common
 * spelling: Cisco dotted (`001a.2b3c.4d5e`), dashes (`00-1A-2B-3C-4D-5E`), colons with or without
 * leading zeros (`0:1a:2b:3c:4d:5e`, as dhcpd may print), or 12 bare hex digits. Undefined when the
 * text is not a 48-bit MAC.
 *
 * @since 0.1.0
 * @category formatting
 */
export const canonicalMac = (text: string): string | undefined => {
  const s = text.trim().toLowerCase();
  let hex: string;
  if (/^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/.test(s)) hex = s.replaceAll(".", "");
  else if (/^[0-9a-f]{12}$/.test(s)) hex = s;
  else {
    const parts = s.split(/[:-]/);
    if (parts.length !== 6 || parts.some((p) => !/^[0-9a-f]{1,2}$/.test(p))) return undefined;
    hex = parts.map((p) => p.padStart(2, "0")).join("");
  }
  return hex.match(/../g)!.join(":");
};
