/**
 * Renders {@link MacTableEntry} records as `show mac address-table` output (for round-trip
 * properties and generated histories).
 *
 * @since 0.1.0
 * @module
 */
import type { MacTableEntry } from "@fleetlens/core/lite";

/**
 * Options of {@link renderMacTable}.
 *
 * @since 0.1.0
 * @category models
 */
export interface RenderMacTableOptions {
  /** `ios` (Catalyst 2960/3750/9k, default) or `nxos`. */
  readonly layout?: "ios" | "nxos";
  /** Print the banner, header, separator (and the IOS total line). Default true. */
  readonly header?: boolean;
}

/**
 * A MAC in Cisco's dotted form: `00:50:56:89:12:34` → `0050.5689.1234`.
 *
 * @since 0.1.0
 * @category renderers
 */
export const dottedMac = (mac: string): string => {
  const h = mac.replaceAll(":", "");
  return `${h.slice(0, 4)}.${h.slice(4, 8)}.${h.slice(8, 12)}`;
};

/**
 * Renders entries as a Catalyst (`ios`) or NX-OS (`nxos`) MAC table: IOS with the VLAN
 * right-aligned in 4 columns, `Total Mac Addresses for this criterion: N`; NX-OS with its
 * legend, `*` flags, age 0 and F/F Secure/NTFY columns. A null VLAN prints `-`, a null type
 * `-`.
 *
 * @example
 * ```ts
 * renderMacTable([{ vlan: "2", mac: "c8:69:cd:54:1f:71", type: "DYNAMIC", port: "Gi1/0/7", switch: null }]);
 * //           Mac Address Table
 * // -------------------------------------------
 * //
 * // Vlan    Mac Address       Type        Ports
 * // ----    -----------       --------    -----
 * //    2    c869.cd54.1f71    DYNAMIC     Gi1/0/7
 * // Total Mac Addresses for this criterion: 1
 * ```
 * @since 0.1.0
 * @category renderers
 */
export const renderMacTable = (
  entries: readonly MacTableEntry[],
  options: RenderMacTableOptions = {},
): string => {
  const header = options.header ?? true;
  let out = "";
  if ((options.layout ?? "ios") === "nxos") {
    if (header) {
      out += "Legend: \n";
      out += "        * - primary entry, G - Gateway MAC, (R) - Routed MAC, O - Overlay MAC\n";
      out += "        age - seconds since last seen,+ - primary entry using vPC Peer-Link,\n";
      out += "        (T) - True, (F) - False, C - ControlPlane MAC, ~ - vsan\n";
      out += "   VLAN     MAC Address      Type      age     Secure NTFY Ports\n";
      out += "---------+-----------------+--------+---------+------+----+------------------\n";
    }
    for (const e of entries) {
      out += `*${(e.vlan ?? "-").padStart(5)}     ${dottedMac(e.mac)}   ${(e.type ?? "-").padEnd(8)} ${"0".padEnd(9)} F      F    ${e.port}\n`;
    }
    return out;
  }
  if (header) {
    out += "          Mac Address Table\n-------------------------------------------\n\n";
    out += "Vlan    Mac Address       Type        Ports\n----    -----------       --------    -----\n";
  }
  for (const e of entries) {
    out += `${(e.vlan ?? "-").padStart(4)}    ${dottedMac(e.mac)}    ${(e.type ?? "-").padEnd(11)} ${e.port}\n`;
  }
  if (header) out += `Total Mac Addresses for this criterion: ${entries.length}\n`;
  return out;
};
