/**
 * Renders {@link DhcpHost} records as a dhcpd.conf (for round-trip properties, the `dhcpd -t`
 * oracle and generated histories).
 *
 * @since 0.1.0
 * @module
 */
import type { DhcpHost } from "@fleetlens/core/lite";
import { SCOPE_SEPARATOR } from "./parse.js";

/**
 * Options of {@link renderDhcpdConf}.
 *
 * @since 0.1.0
 * @category models
 */
export interface RenderDhcpdConfOptions {
  /** Lines printed first (e.g. `authoritative;`, subnet declarations). Default none. */
  readonly preamble?: readonly string[];
  /** Put each host on one line (`host a { hardware ethernet …; fixed-address …; }`). Default false. */
  readonly oneLine?: boolean;
}

/** Statements whose value dhcpd reads as a string, so the renderer quotes it. */
const STRING_KEYS = new Set([
  "option host-name",
  "option domain-name",
  "option domain-search",
  "option root-path",
  "option tftp-server-name",
  "option bootfile-name",
  "option vendor-class-identifier",
  "option uap-servers",
  "ddns-hostname",
  "ddns-domainname",
  "filename",
  "server-name",
]);

/**
 * A dhcpd string literal: `"…"` with `"` and `\` escaped and non-printable characters as
 * three-digit octal escapes (as dhcpd writes them).
 *
 * @since 0.1.0
 * @category renderers
 */
export const quoteDhcpd = (s: string): string => {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 || c === 92) out += `\\${s[i]}`;
    else if (c < 32 || c === 127 || (c > 127 && c < 256)) out += `\\${c.toString(8).padStart(3, "0")}`;
    else out += s[i];
  }
  return `${out}"`;
};

const needsQuotes = (v: string): boolean => {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c <= 32 || c === 34 || c === 35 || c === 59 || c === 123 || c === 125 || c === 61 || c >= 127)
      return !(c === 32 && v.charCodeAt(i - 1) === 44);
  }
  return false;
};

const statementText = (key: string, value: string): string => {
  if (value === "") return `${key};`;
  if (STRING_KEYS.has(key) || needsQuotes(value)) return `${key} ${quoteDhcpd(value)};`;
  return `${key} ${value};`;
};

/**
 * The block header of a scope label: `subnet 10.5.0.0/24` → `subnet 10.5.0.0 netmask
 * 255.255.255.0`, others as written.
 *
 * @since 0.1.0
 * @category renderers
 */
export const scopeHeader = (label: string): string => {
  const m = /^subnet (\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(label);
  if (m) {
    const p = Number(m[2]);
    const v = p === 0 ? 0 : (0xffffffff << (32 - p)) >>> 0;
    const mask = [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join(".");
    return `subnet ${m[1]} netmask ${mask}`;
  }
  return label;
};

/** The statements of one host, in dhcpd's usual order. */
const hostStatements = (h: DhcpHost): string[] => {
  const out: string[] = [];
  const o = h.options;
  if (h.mac !== null) out.push(`hardware ${o.hardware ?? "ethernet"} ${h.mac};`);
  const v6 = o["fixed-address6"];
  const fixed = o["fixed-address"] ?? (h.ip !== null && h.ip !== v6 ? h.ip : undefined);
  if (fixed !== undefined) out.push(`fixed-address ${fixed};`);
  for (const [k, v] of Object.entries(o)) {
    if (k === "hardware" || k === "fixed-address" || k === "vlan") continue;
    for (const part of v.split("; ")) out.push(statementText(k, part));
  }
  return out;
};

/**
 * Renders hosts as dhcpd.conf text: consecutive hosts of one scope share its blocks
 * (`shared-network`, `subnet A netmask M`, `group`, `pool`, …, opened and closed as the scope
 * path changes), each host as `host NAME { hardware …; fixed-address …; statements }` with string
 * options quoted. `options.vlan` is not a dhcpd statement and is not printed.
 *
 * @example
 * ```ts
 * renderDhcpdConf([{ name: "pc1", mac: "00:1a:2b:3c:4d:5e", ip: "10.0.0.5", scope: "group", options: {} }]);
 * // group {
 * //   host pc1 {
 * //     hardware ethernet 00:1a:2b:3c:4d:5e;
 * //     fixed-address 10.0.0.5;
 * //   }
 * // }
 * ```
 * @since 0.1.0
 * @category renderers
 */
export const renderDhcpdConf = (hosts: readonly DhcpHost[], options: RenderDhcpdConfOptions = {}): string => {
  let out = "";
  for (const l of options.preamble ?? []) out += `${l}\n`;
  let open: string[] = [];
  for (const h of hosts) {
    const path = h.scope === "" ? [] : h.scope.split(SCOPE_SEPARATOR);
    let same = 0;
    while (same < open.length && same < path.length && open[same] === path[same]) same++;
    for (let d = open.length - 1; d >= same; d--) out += `${"  ".repeat(d)}}\n`;
    for (let d = same; d < path.length; d++) out += `${"  ".repeat(d)}${scopeHeader(path[d]!)} {\n`;
    open = path;
    const ind = "  ".repeat(path.length);
    const sts = hostStatements(h);
    if (options.oneLine) out += `${ind}host ${h.name} { ${sts.join(" ")} }\n`;
    else {
      out += `${ind}host ${h.name} {\n`;
      for (const s of sts) out += `${ind}  ${s}\n`;
      out += `${ind}}\n`;
    }
  }
  for (let d = open.length - 1; d >= 0; d--) out += `${"  ".repeat(d)}}\n`;
  return out;
};
