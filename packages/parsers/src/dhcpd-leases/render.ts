/**
 * Renders {@link DhcpLease} records as a dhcpd.leases file (for round-trip properties, the
 * `dhcpd -T` oracle and generated histories).
 *
 * @since 0.1.0
 * @module
 */
import type { DhcpLease } from "@fleetlens/core/lite";
import { quoteDhcpd } from "../dhcpd-conf/render.js";

/**
 * Options of {@link renderDhcpdLeases}.
 *
 * @since 0.1.0
 * @category models
 */
export interface RenderDhcpdLeasesOptions {
  /** Times as `epoch N; # <date>` (dhcpd's `db-time-format local;`) instead of `W YYYY/MM/DD HH:MM:SS`. */
  readonly epoch?: boolean;
  /** Print dhcpd's header comment and `authoring-byte-order` line. Default true. */
  readonly header?: boolean;
}

const p2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * A lease time as dhcpd writes it: `W YYYY/MM/DD HH:MM:SS` (UTC, W = weekday 0-6 from Sunday),
 * `epoch N; # …` with `epoch`, or `never` for null. Milliseconds are dropped.
 *
 * @since 0.1.0
 * @category renderers
 */
export const leaseTimeText = (ms: number | null, epoch = false): string => {
  if (ms === null) return "never";
  const d = new Date(ms);
  const wall = `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  if (epoch) return `epoch ${Math.floor(ms / 1000)}`;
  return `${d.getUTCDay()} ${wall}`;
};

/** A uid as dhcpd writes it by default: a quoted string of its bytes, octal-escaped. */
const uidText = (uid: string): string => {
  const bytes = uid.split(":").map((h) => Number.parseInt(h, 16));
  return quoteDhcpd(String.fromCharCode(...bytes));
};

/** A hostname as a dhcpd string: UTF-8 bytes, octal escapes above 127. */
const hostText = (s: string): string => {
  const b = new TextEncoder().encode(s);
  return quoteDhcpd(String.fromCharCode(...b));
};

/**
 * Renders leases in dhcpd's layout (4.4): a `lease IP {` block per record with `starts`, `ends`,
 * `cltt` (= starts), `binding state`, `hardware ethernet`, `uid`, `client-hostname`, each
 * printed only when known. A null `start` prints no `starts` line; a null `end` prints `ends
 * never;`.
 *
 * @example
 * ```ts
 * renderDhcpdLeases([{ ip: "10.0.0.5", mac: "00:1a:2b:3c:4d:5e", start: 0, end: null, state: "active", hostname: "pc" }], { header: false });
 * // lease 10.0.0.5 {
 * //   starts 4 1970/01/01 00:00:00;
 * //   ends never;
 * //   cltt 4 1970/01/01 00:00:00;
 * //   binding state active;
 * //   hardware ethernet 00:1a:2b:3c:4d:5e;
 * //   client-hostname "pc";
 * // }
 * ```
 * @since 0.1.0
 * @category renderers
 */
export const renderDhcpdLeases = (
  leases: readonly DhcpLease[],
  options: RenderDhcpdLeasesOptions = {},
): string => {
  const epoch = options.epoch ?? false;
  let out = "";
  if (options.header ?? true) {
    out += "# The format of this file is documented in the dhcpd.leases(5) manual page.\n";
    out += "# This lease file was written by isc-dhcp-4.4.3-P1\n\n";
    out += "# authoring-byte-order entry is generated, DO NOT DELETE\n";
    out += "authoring-byte-order little-endian;\n\n";
    if (epoch) out += "db-time-format local;\n\n";
  }
  const time = (kw: string, ms: number | null) => {
    const t = leaseTimeText(ms, epoch);
    return epoch && ms !== null ? `  ${kw} ${t}; # ${leaseTimeText(ms).slice(2)}\n` : `  ${kw} ${t};\n`;
  };
  for (const l of leases) {
    out += `lease ${l.ip} {\n`;
    if (l.start !== null) out += time("starts", l.start);
    out += time("ends", l.end);
    if (l.start !== null) out += time("cltt", l.start);
    if (l.state !== null) out += `  binding state ${l.state};\n`;
    if (l.mac !== null) out += `  hardware ethernet ${l.mac};\n`;
    if (l.uid !== undefined && l.uid !== null) out += `  uid ${uidText(l.uid)};\n`;
    if (l.hostname !== null) out += `  client-hostname ${hostText(l.hostname)};\n`;
    out += "}\n";
  }
  return out;
};
