/**
 * The `cisco-mac-table` parser: Cisco `show mac address-table` as {@link MacTableEntry} records.
 *
 * @since 0.1.0
 * @module
 */
import type { MacTableEntry } from "@fleetlens/core/lite";
import type { Parser } from "../types.js";
import { info, sniff } from "./info.js";
import { type CiscoOptions, macTableParser } from "./parse.js";

export { info, sniff } from "./info.js";
export {
  type CiscoOptions,
  ciscoMac,
  type MacTableLayout,
  macTableParser,
  parseMacTable,
  promptSwitch,
} from "./parse.js";
export { dottedMac, type RenderMacTableOptions, renderMacTable } from "./render.js";

/**
 * The registry entry of the `cisco-mac-table` kind.
 *
 * @since 0.1.0
 * @category registry
 */
export const parser = { info, create: macTableParser, sniff } satisfies Parser<MacTableEntry, CiscoOptions>;
