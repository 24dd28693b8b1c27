/**
 * Renders {@link InterfaceDescription} records as `show interfaces description` output (IOS) or
 * `show interface description` output (NX-OS).
 *
 * @since 0.1.0
 * @module
 */
import type { InterfaceDescription } from "@fleetlens/core/lite";

/**
 * Options of {@link renderInterfaceDescriptions}.
 *
 * @since 0.1.0
 * @category models
 */
export interface RenderInterfaceDescriptionsOptions {
  /** Print IOS's header line (default true). NX-OS sections always have their headers. */
  readonly header?: boolean;
  /** `ios` (default): IOS's fixed columns. `nxos`: NX-OS's sections. */
  readonly layout?: "ios" | "nxos";
}

const DASHES = "-".repeat(79);
/** NX-OS pads this header with spaces to 80 columns. */
const NXOS_INTERFACE_HEADER = "Interface                Description".padEnd(80);
const NXOS_PORT_HEADER = "Port          Type   Speed   Description";

/** `s` padded to `width`, or followed by one space when it is as wide or wider. */
const cell = (s: string, width: number): string => (s.length >= width ? `${s} ` : s.padEnd(width));

const renderNxos = (rows: readonly InterfaceDescription[]): string => {
  let out = "";
  let open: "interface" | "port" | null = null;
  for (const r of rows) {
    const section = r.type !== undefined || r.speed !== undefined ? "port" : "interface";
    if (section !== open) {
      const head = section === "port" ? NXOS_PORT_HEADER : NXOS_INTERFACE_HEADER;
      out += `\n${DASHES}\n${head}\n${DASHES}\n`;
      open = section;
    }
    const description = r.description === "" ? "--" : r.description;
    if (section === "port")
      out += `${cell(r.port, 14)}${cell(r.type ?? "--", 7)}${cell(r.speed ?? "--", 8)}${description}\n`;
    else out += `${cell(r.port, 25)}${description}\n`;
  }
  return out;
};

/**
 * Renders rows in IOS's fixed columns (Interface 31, Status 15, Protocol 9, Description), with
 * the header unless `header` is false; trailing spaces trimmed. An interface name of 31
 * characters or more pushes the columns (as IOS output does), which the parser reads by words.
 * A null status or protocol prints as nothing.
 *
 * With `layout: "nxos"`, rows as NX-OS prints them: a blank line, then each run of rows under its
 * section header between lines of dashes: rows with a `type` or `speed` key under `Port Type
 * Speed Description` (Port 14, Type 7, Speed 8 wide), the others under `Interface Description`
 * (Interface 25 wide); `--` for an empty description and a null type or speed.
 *
 * @example
 * ```ts
 * renderInterfaceDescriptions([{ port: "Vl1", status: "admin down", protocol: "down", description: "", switch: null }]);
 * // Interface                      Status         Protocol Description
 * // Vl1                            admin down     down
 * ```
 *
 * @example
 * ```ts
 * renderInterfaceDescriptions(
 *   [{ port: "Eth1/1", status: null, protocol: null, description: "", switch: null, type: "eth", speed: "10G" }],
 *   { layout: "nxos" },
 * );
 * //
 * // -------------------------------------------------------------------------------
 * // Port          Type   Speed   Description
 * // -------------------------------------------------------------------------------
 * // Eth1/1        eth    10G     --
 * ```
 * @since 0.1.0
 * @category renderers
 */
export const renderInterfaceDescriptions = (
  rows: readonly InterfaceDescription[],
  options: RenderInterfaceDescriptionsOptions = {},
): string => {
  if (options.layout === "nxos") return renderNxos(rows);
  let out =
    options.header === false ? "" : "Interface                      Status         Protocol Description\n";
  for (const r of rows) {
    const port = r.port.length >= 31 ? `${r.port} ` : r.port.padEnd(31);
    out +=
      `${port}${(r.status ?? "").padEnd(14)} ${(r.protocol ?? "").padEnd(8)} ${r.description}`.trimEnd() +
      "\n";
  }
  return out;
};
