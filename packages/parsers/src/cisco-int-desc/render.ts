/**
 * Renders {@link InterfaceDescription} records as `show interfaces description` output.
 *
 * @since 0.1.0
 * @module
 */
import type { InterfaceDescription } from "@fleetlens/core/lite";

/**
 * Renders rows in IOS's fixed columns (Interface 31, Status 15, Protocol 9, Description), with
 * the header unless `header` is false; trailing spaces trimmed. An interface name of 31
 * characters or more pushes the columns (as IOS output does), which the parser reads by words.
 *
 * @example
 * ```ts
 * renderInterfaceDescriptions([{ port: "Vl1", status: "admin down", protocol: "down", description: "", switch: null }]);
 * // Interface                      Status         Protocol Description
 * // Vl1                            admin down     down
 * ```
 * @since 0.1.0
 * @category renderers
 */
export const renderInterfaceDescriptions = (
  rows: readonly InterfaceDescription[],
  options: { readonly header?: boolean } = {},
): string => {
  let out =
    options.header === false ? "" : "Interface                      Status         Protocol Description\n";
  for (const r of rows) {
    const port = r.port.length >= 31 ? `${r.port} ` : r.port.padEnd(31);
    out += `${port}${r.status.padEnd(14)} ${r.protocol.padEnd(8)} ${r.description}`.trimEnd() + "\n";
  }
  return out;
};
