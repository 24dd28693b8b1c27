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
  /**
   * How client identifiers (v4 `uid`, v6 IA identifiers) are written, as dhcpd's
   * `lease-id-format`: `octal` (default: a quoted string with octal escapes) or `hex` (a colon
   * hex list).
   */
  readonly idFormat?: "octal" | "hex";
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

/** An identifier's bytes as dhcpd writes them: a quoted octal-escaped string, or a hex list. */
const idText = (bytes: readonly number[], hex: boolean): string =>
  hex
    ? bytes.map((b) => b.toString(16).padStart(2, "0")).join(":")
    : quoteDhcpd(String.fromCharCode(...bytes));

/** A colon hex string's bytes. */
const hexBytes = (h: string): number[] => (h === "" ? [] : h.split(":").map((x) => Number.parseInt(x, 16)));

/** A uid as dhcpd writes it. */
const uidText = (uid: string, hex: boolean): string => idText(hexBytes(uid), hex);

/**
 * A DHCPv6 IA identifier as dhcpd (on a little-endian machine) writes it: the IAID's 4 bytes
 * little-endian, then the DUID.
 */
const iaKeyText = (iaid: string, duid: string, hex: boolean): string => {
  const v = Number.parseInt(iaid, 16) >>> 0;
  return idText([v & 255, (v >>> 8) & 255, (v >>> 16) & 255, v >>> 24, ...hexBytes(duid)], hex);
};

/** The IA a DHCPv6 record belongs to, as a grouping key; undefined for a v4 lease. */
const iaOf = (l: DhcpLease): string | undefined =>
  l.ia === undefined ? undefined : `${l.ia} ${l.iaid ?? ""} ${l.duid ?? ""} ${l.start}`;

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
 * DHCPv6 records (with `ia`) are written as `dhcpd -6` writes them: consecutive records of the
 * same IA (type, IAID, DUID) and start share one `ia-na` / `ia-ta` / `ia-pd` block with `cltt` (=
 * start, when known), each an `iaaddr` (or `iaprefix` for `pd`) with `binding state`,
 * `preferred-life`, `max-life` and `ends`. The MAC is not written (it is part of the DUID).
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
  const hex = options.idFormat === "hex";
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
  let ia: string | undefined;
  const closeIa = () => {
    if (ia !== undefined) out += "}\n";
    ia = undefined;
  };
  for (const l of leases) {
    const key = iaOf(l);
    if (key !== undefined) {
      if (key !== ia) {
        closeIa();
        out += `ia-${l.ia} ${iaKeyText(l.iaid ?? "0", l.duid ?? "", hex)} {\n`;
        if (l.start !== null) out += time("cltt", l.start);
        ia = key;
      }
      out += `  ${l.ia === "pd" ? "iaprefix" : "iaaddr"} ${l.ip} {\n`;
      if (l.state !== null) out += `    binding state ${l.state};\n`;
      out += "    preferred-life 604800;\n    max-life 2592000;\n";
      out += `  ${time("ends", l.end)}`;
      out += "  }\n";
      continue;
    }
    closeIa();
    out += `lease ${l.ip} {\n`;
    if (l.start !== null) out += time("starts", l.start);
    out += time("ends", l.end);
    if (l.start !== null) out += time("cltt", l.start);
    if (l.state !== null) out += `  binding state ${l.state};\n`;
    if (l.mac !== null) out += `  hardware ethernet ${l.mac};\n`;
    if (l.uid !== undefined && l.uid !== null) out += `  uid ${uidText(l.uid, hex)};\n`;
    if (l.hostname !== null) out += `  client-hostname ${hostText(l.hostname)};\n`;
    out += "}\n";
  }
  closeIa();
  return out;
};
