/**
 * Turn raw utmp entries back into binary records or `utmpdump` text (for tests, oracles and the
 * benchmark inputs).
 *
 * @since 0.1.0
 * @module
 */
import { formatIso, Net } from "@fleetlens/core/lite";
import { LAYOUTS, UT, type UtmpLayout, type UtmpLayoutName } from "./layout.js";
import type { UtmpEntry } from "./parse.js";

const encoder = new TextEncoder();

const putInt = (v: DataView, o: number, value: number, little: boolean, width: 2 | 4 | 8): void => {
  if (width === 2) v.setInt16(o, value, little);
  else if (width === 4) v.setInt32(o, value | 0, little);
  else v.setBigInt64(o, BigInt(Math.trunc(value)), little);
};

const putString = (b: Uint8Array, o: number, max: number, s: string): void => {
  const bytes = encoder.encode(s);
  b.set(bytes.length > max ? bytes.subarray(0, max) : bytes, o);
};

const putAddr = (b: Uint8Array, o: number, addr: string | null): void => {
  if (addr === null || addr === "") return;
  if (addr.includes(":")) {
    const v6 = Net.parseIpv6(addr.replace(/%.*$/, ""));
    if (v6) b.set(v6, o);
    return;
  }
  const v4 = Net.parseIpv4(addr);
  if (v4 < 0) return;
  b[o] = v4 >>> 24;
  b[o + 1] = (v4 >>> 16) & 255;
  b[o + 2] = (v4 >>> 8) & 255;
  b[o + 3] = v4 & 255;
};

const splitTv = (tv: number): [number, number] => {
  let sec = Math.floor(tv / 1000);
  let usec = Math.round((tv - sec * 1000) * 1000);
  if (usec >= 1_000_000) {
    sec += 1;
    usec -= 1_000_000;
  }
  return [sec, usec];
};

/**
 * Write one entry at byte `o` of `b` (which must be zeroed) in `layout`.
 *
 * @since 0.1.0
 * @category rendering
 */
export const encodeUtmpEntry = (
  b: Uint8Array,
  o: number,
  e: UtmpEntry,
  layout: UtmpLayout = LAYOUTS["glibc-le-384"],
  view?: DataView,
): void => {
  const v = view ?? new DataView(b.buffer, b.byteOffset, b.byteLength);
  const le = layout.little;
  putInt(v, o, e.type, le, 2);
  putInt(v, o + UT.pid, e.pid, le, 4);
  putString(b, o + UT.line, UT.lineSize, e.line);
  putString(b, o + UT.id, UT.idSize, e.id);
  putString(b, o + UT.user, UT.userSize, e.user);
  putString(b, o + UT.host, UT.hostSize, e.host);
  putInt(v, o + UT.exitTermination, e.exit.termination, le, 2);
  putInt(v, o + UT.exitExit, e.exit.exit, le, 2);
  putInt(v, o + layout.session, e.session, le, layout.wide);
  const [sec, usec] = splitTv(e.tv);
  putInt(v, o + layout.tvSec, sec, le, layout.wide);
  putInt(v, o + layout.tvUsec, usec, le, layout.wide);
  putAddr(b, o + layout.addr, e.addr);
};

/**
 * Binary utmp/wtmp records for `entries` (384-byte little-endian glibc records unless a layout is
 * given). Strings longer than their field are cut; times keep microseconds.
 *
 * @example
 * ```ts
 * renderUtmp([{ type: 2, pid: 0, line: "~", id: "~~", user: "reboot", host: "6.1.0-18-amd64",
 *   addr: null, session: 0, exit: { termination: 0, exit: 0 }, tv: Date.UTC(2024, 2, 1, 8) }]).length // 384
 * ```
 * @since 0.1.0
 * @category rendering
 */
export const renderUtmp = (
  entries: Iterable<UtmpEntry>,
  options: { readonly layout?: UtmpLayoutName } = {},
): Uint8Array => {
  const layout = LAYOUTS[options.layout ?? "glibc-le-384"];
  const list = Array.isArray(entries) ? (entries as UtmpEntry[]) : [...entries];
  const b = new Uint8Array(list.length * layout.size);
  const v = new DataView(b.buffer);
  for (let i = 0; i < list.length; i++) encodeUtmpEntry(b, i * layout.size, list[i]!, layout, v);
  return b;
};

const safe = (s: string): string => s.replace(/[^\x20-\x7e]|[[\]]/g, "?");
const field = (s: string, min: number, max: number): string => {
  const t = safe(s).slice(0, max);
  return t.length < min ? t.padEnd(min) : t;
};

/**
 * `utmpdump` text for `entries` (util-linux ≥ 2.29 format, times in UTC with microseconds), one
 * line each. `utmpdump -r` turns it back into binary records (it cuts strings at the first
 * space, so the entries should not contain spaces).
 *
 * @example
 * ```ts
 * renderUtmpdump([{ type: 7, pid: 1234, line: "pts/0", id: "ts/0", user: "alice", host: "192.168.1.50",
 *   addr: "192.168.1.50", session: 0, exit: { termination: 0, exit: 0 }, tv: Date.UTC(2024, 2, 1, 9, 15) }])
 * // "[7] [01234] [ts/0] [alice   ] [pts/0       ] [192.168.1.50        ] [192.168.1.50   ] [2024-03-01T09:15:00,000000+00:00]\n"
 * ```
 * @since 0.1.0
 * @category rendering
 */
export const renderUtmpdump = (entries: Iterable<UtmpEntry>): string => {
  let out = "";
  for (const e of entries) {
    const [sec, usec] = splitTv(e.tv);
    const time = `${formatIso(sec * 1000).slice(0, 19)},${String(usec).padStart(6, "0")}+00:00`;
    const pid = e.pid < 0 ? `-${String(-e.pid).padStart(4, "0")}` : String(e.pid).padStart(5, "0");
    out +=
      `[${e.type}] [${pid}] [${field(e.id, 4, 4)}] [${field(e.user, 8, 32)}] [${field(e.line, 12, 32)}] ` +
      `[${field(e.host, 20, 256)}] [${(e.addr ?? "0.0.0.0").padEnd(15)}] [${time}]\n`;
  }
  return out;
};
