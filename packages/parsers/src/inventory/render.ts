/**
 * Renders {@link InventoryRow} records as CSV (for round-trip properties and generated
 * histories).
 *
 * @since 0.1.0
 * @module
 */
import type { InventoryRow } from "@fleetlens/core/lite";

const quote = (v: string, sep: string): string =>
  v.includes(sep) || v.includes('"') || v.includes("\n") || v.includes("\r") || v !== v.trim()
    ? `"${v.replaceAll('"', '""')}"`
    : v;

/**
 * Renders rows as RFC 4180 CSV with a header `Hostname, MAC, VLAN, Department, Notes` and one
 * column per `extra` key met (in first-seen order); fields quoted when they hold the separator, a
 * quote, a line break or edge spaces. Null is an empty field.
 *
 * @example
 * ```ts
 * renderInventoryCsv([{ hostname: "pc-1", mac: "90:b1:1c:a3:35:75", vlan: "513", department: null, notes: "a;b", extra: {} }], ";");
 * // Hostname;MAC;VLAN;Department;Notes
 * // pc-1;90:b1:1c:a3:35:75;513;;"a;b"
 * ```
 * @since 0.1.0
 * @category renderers
 */
export const renderInventoryCsv = (rows: readonly InventoryRow[], sep = ","): string => {
  const extras: string[] = [];
  for (const r of rows) for (const k of Object.keys(r.extra)) if (!extras.includes(k)) extras.push(k);
  let out = `${["Hostname", "MAC", "VLAN", "Department", "Notes", ...extras].map((h) => quote(h, sep)).join(sep)}\n`;
  for (const r of rows) {
    const cells = [
      r.hostname,
      r.mac,
      r.vlan,
      r.department,
      r.notes,
      ...extras.map((k) => r.extra[k] ?? null),
    ];
    out += `${cells.map((c) => (c === null ? "" : quote(c, sep))).join(sep)}\n`;
  }
  return out;
};
