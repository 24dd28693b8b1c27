/**
 * Streaming parser for Cisco `show mac address-table` (IOS, CatOS-style IOS, NX-OS).
 *
 * @since 0.1.0
 * @module
 */
import {
  type Emit,
  lineParser,
  type MacTableEntry,
  type ParseOptions,
  type ParseResult,
  type ParserFactory,
  parseAll,
} from "@fleetlens/core/lite";
import { hexValue } from "../dhcpd-conf/lexer.js";
import { nextToken, tok } from "../scan.js";

/**
 * Options of the Cisco parsers (`cisco-mac-table`, `cisco-int-desc`).
 *
 * @since 0.1.0
 * @category models
 */
export interface CiscoOptions extends ParseOptions {
  /** The switch the output comes from; without it, a prompt line (`sw-1#show …`) gives it. */
  readonly switch?: string;
}

/**
 * Table layouts, set by the header (or guessed from a row's shape when there is none): how many
 * columns stand between Type and Ports.
 * - `ios`: `Vlan Mac Address Type Ports` (Catalyst 2960/3560/3750/9k)
 * - `cat6k`: `vlan mac address type learn age ports` (Catalyst 6500/4500; wrapped port lists)
 * - `catos`: `vlan mac address type protocols port` (Catalyst 4000)
 * - `nxos`: `VLAN MAC Address Type age Secure NTFY Ports`
 * - `xl`: `Destination Address Address Type VLAN Destination Port` (2900XL)
 *
 * @since 0.1.0
 * @category models
 */
export type MacTableLayout = "ios" | "cat6k" | "catos" | "nxos" | "xl";

const EXTRA_COLUMNS: Record<MacTableLayout, number> = { ios: 0, cat6k: 2, catos: 1, nxos: 3, xl: 0 };

/**
 * Canonical MAC (`00:50:56:89:12:34`) from Cisco's dotted form `0050.5689.1234` (any case), or
 * undefined.
 *
 * @since 0.1.0
 * @category parsers
 */
export const ciscoMac = (t: string, s = 0, e = t.length): string | undefined => {
  if (e - s !== 14 || t.charCodeAt(s + 4) !== 46 || t.charCodeAt(s + 9) !== 46) return undefined;
  let upper = false;
  for (let i = s; i < e; i++) {
    if (i === s + 4 || i === s + 9) continue;
    const c = t.charCodeAt(i);
    if (hexValue(c) < 0) return undefined;
    if (c <= 70 && c >= 65) upper = true;
  }
  const m = `${t.slice(s, s + 2)}:${t.slice(s + 2, s + 4)}:${t.slice(s + 5, s + 7)}:${t.slice(s + 7, s + 9)}:${t.slice(s + 10, s + 12)}:${t.slice(s + 12, s + 14)}`;
  return upper ? m.toLowerCase() : m;
};

/**
 * The host name of a Cisco prompt line (`sw-1#show mac address-table`, `sw-1>show …`), or
 * undefined.
 *
 * @since 0.1.0
 * @category parsers
 */
export const promptSwitch = (t: string): string | undefined => {
  const m = /^([A-Za-z0-9][A-Za-z0-9_.\-/:()]*)[#>]\s*(?:sh(?:ow?)?\s|term|$)/.exec(t);
  return m ? m[1] : undefined;
};

const headerLayout = (lower: string): MacTableLayout | undefined => {
  if (lower.includes("destination address") && lower.includes("destination port")) return "xl";
  if (!lower.includes("mac address") || !lower.includes("type")) return undefined;
  if (lower.includes("secure") && lower.includes("ntfy")) return "nxos";
  if (lower.includes("learn")) return "cat6k";
  if (lower.includes("protocols")) return "catos";
  if (lower.includes("age") && lower.includes("ports")) return "nxos";
  if (lower.includes("vlan") && (lower.includes("ports") || lower.includes("port"))) return "ios";
  return undefined;
};

const isSeparator = (t: string): boolean => {
  let dash = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 45) dash = true;
    else if (c !== 43 && c !== 32 && c !== 9) return false;
  }
  return dash;
};

/** Row-shape guess when no header told the layout: what follows the Type column. */
const guessLayout = (rest: readonly string[]): MacTableLayout => {
  if (rest.length >= 3 && (rest[0] === "Yes" || rest[0] === "No")) return "cat6k";
  if (rest.length >= 4 && /^[TF~]$/.test(rest[1]!) && /^[TF~]$/.test(rest[2]!)) return "nxos";
  if (rest.length === 2 && /^[a-z]+(?:,[a-z]+)*$/.test(rest[0]!)) return "catos";
  return "ios";
};

const BANNERS = [
  "mac address table",
  "unicast entries",
  "multicast entries",
  "displaying entries from",
  "load for ",
  "time source is",
  "non-static address table",
  "static address table",
  "number of ",
  "dynamic address count",
];

/**
 * The streaming `cisco-mac-table` parser (a {@link ParserFactory}). See {@link parseMacTable}.
 *
 * @since 0.1.0
 * @category parsers
 */
export const macTableParser: ParserFactory<MacTableEntry, CiscoOptions> = lineParser<
  MacTableEntry,
  CiscoOptions
>((emit: Emit<MacTableEntry>, options: CiscoOptions) => {
  let sw: string | null = options.switch ?? null;
  let layout: MacTableLayout | undefined;
  let legend = false;
  // one-row lookahead: a cat6k port list may wrap onto following indented lines
  let pending: MacTableEntry | null = null;
  let pendingWrap = false;
  const flush = () => {
    if (pending !== null) emit.record(pending);
    pending = null;
  };
  const words: string[] = [];

  const row = (t: string, no: number): boolean => {
    words.length = 0;
    let i = 0;
    let macAt = -1;
    let mac: string | undefined;
    while (nextToken(t, i)) {
      i = tok.e;
      if (macAt < 0) {
        mac = ciscoMac(t, tok.s, tok.e);
        if (mac !== undefined) macAt = words.length;
      }
      words.push(t.slice(tok.s, tok.e));
      if (words.length > 64) break;
    }
    if (macAt < 0 || mac === undefined) return false;
    let vlan: string | null;
    let type: string | null;
    let port: string;
    const lay = layout;
    if (lay === "xl" || (lay === undefined && macAt === 0)) {
      // 0010.0de0.e289  Dynamic  1  FastEthernet0/1
      if (words.length < 4) {
        flush();
        emit.skip(no, "row without a port");
        return true;
      }
      type = words[1]!;
      vlan = words[2]!;
      port = words.slice(3).join(" ");
    } else {
      if (macAt === 0 || words.length < macAt + 3) {
        flush();
        emit.skip(no, macAt === 0 ? "row without a VLAN" : "row without a port");
        return true;
      }
      vlan = words[macAt - 1]!;
      type = words[macAt + 1]!;
      const from = macAt + 2;
      const extra = EXTRA_COLUMNS[lay ?? guessLayout(words.slice(from))];
      if (words.length - from <= extra) {
        flush();
        emit.skip(no, "row without a port");
        return true;
      }
      port = words.length === from + extra + 1 ? words[from + extra]! : words.slice(from + extra).join(" ");
    }
    if (vlan === "-" || vlan === "---" || vlan === "N/A") vlan = null;
    flush();
    pending = { vlan, mac, type, port, switch: sw };
    pendingWrap = port.endsWith(",");
    return true;
  };

  return {
    line(t, no) {
      const c0 = t.charCodeAt(0);
      if (!nextToken(t, 0)) {
        flush();
        return emit.ignore(no, "blank");
      }
      // a cat6k port list wrapped onto an indented line: "   Gi1/1,Gi1/2" after a row
      if (pending !== null && (c0 === 32 || c0 === 9) && tok.s >= 20 && (pendingWrap || t.indexOf(",") > 0)) {
        const more = t.trim();
        if (ciscoMac(more.split(/\s+/)[0] ?? "") === undefined && !more.includes(" ")) {
          const p = pending as MacTableEntry;
          pending = { ...p, port: pendingWrap ? `${p.port}${more}` : `${p.port},${more}` };
          pendingWrap = more.endsWith(",");
          return emit.ignore(no, "continuation");
        }
      }
      if (row(t, no)) {
        legend = false;
        return;
      }
      flush();
      const lower = t.toLowerCase().trim();
      const lay = headerLayout(lower);
      if (lay !== undefined) {
        layout = lay;
        legend = false;
        return emit.ignore(no, "header");
      }
      if (isSeparator(t)) return emit.ignore(no, "separator");
      if (lower.startsWith("total mac address") || lower.startsWith("total mac addresses")) {
        return emit.ignore(no, "total");
      }
      if (lower.startsWith("legend") || lower.startsWith("codes:")) {
        legend = true;
        return emit.ignore(no, "legend");
      }
      if (legend && (c0 === 32 || c0 === 9 || lower.includes(" - "))) return emit.ignore(no, "legend");
      const p = promptSwitch(t.trim());
      if (p !== undefined) {
        if (options.switch === undefined && sw !== p) {
          sw = p;
          emit.infer("switch", `${p} from the prompt line`);
        }
        return emit.ignore(no, "prompt");
      }
      for (const b of BANNERS) if (lower.startsWith(b)) return emit.ignore(no, "banner");
      emit.skip(no, "not a MAC table row");
    },
    end() {
      flush();
    },
  };
});

/**
 * Parses `show mac address-table` (and the older `show mac-address-table`) into
 * {@link MacTableEntry} records: Catalyst 2960/3560/3750/9k (`Vlan Mac Address Type Ports`),
 * 6500/4500 (flags `*`, `R`, learn and age columns, port lists wrapped onto indented lines),
 * CatIOS 4000 (protocols column), 2900XL (`Destination Address Address Type VLAN Destination
 * Port`) and NX-OS (`* 10 0050.5689.1234 dynamic 0 F F Eth1/1`, `vPC Peer-Link`). The header
 * tells the layout; without one the shape of each row does. CRLF and trailing spaces are fine.
 *
 * Accounting: one record per row; ignored: `header`, `separator` (`----`), `legend`, `total`
 * (`Total Mac Addresses …`), `banner` (`Mac Address Table`, `Unicast Entries`, …), `prompt`
 * (`sw#show …`: gives the switch when options name none), `continuation` (wrapped port list),
 * `blank`. Other lines are skips.
 *
 * Fields (jc-style):
 * - `vlan` (string|null): as printed (`1`, `2000`, `All`); null for `-` / `N/A`
 * - `mac` (string): canonical colon form (`0050.5689.1234` → `00:50:56:89:12:34`)
 * - `type` (string|null): as printed (`DYNAMIC`, `static`, `dynamic`, `SECURE…`)
 * - `port` (string): as printed (`Gi1/0/7`, `Po1`, `CPU`, `Router`, `vPC Peer-Link`); a port list
 *   as `Gi1/1,Gi1/2`
 * - `switch` (string|null): options.switch, else the prompt's host name, else null
 *
 * @example
 * ```ts
 * const { records } = parseMacTable(
 *   "Vlan    Mac Address       Type        Ports\n----    -----------       --------    -----\n" +
 *   "   2    c869.cd54.1f71    DYNAMIC     Gi1/0/7\n",
 *   { switch: "Balard-PAC-2" },
 * );
 * // records[0] = { vlan: "2", mac: "c8:69:cd:54:1f:71", type: "DYNAMIC", port: "Gi1/0/7", switch: "Balard-PAC-2" }
 * ```
 * @since 0.1.0
 * @category parsers
 */
export const parseMacTable = (
  input: string | Uint8Array,
  options: CiscoOptions = {},
): ParseResult<MacTableEntry> => parseAll(macTableParser, input, options);
