/**
 * The `inventory` parser: the site's inventory sheet (CSV, ODS, XLSX) as {@link InventoryRow}
 * records.
 *
 * @since 0.1.0
 * @module
 */
import type { InventoryRow } from "@fleetlens/core/lite";
import type { Parser } from "../types.js";
import { info, sniff } from "./info.js";
import { type InventoryOptions, inventoryParser } from "./parse.js";

export { info, sniff } from "./info.js";
export {
  HEADER_SYNONYMS,
  type InventoryOptions,
  inventoryParser,
  normaliseHeader,
  parseInventory,
} from "./parse.js";
export { renderInventoryCsv } from "./render.js";

/**
 * The registry entry of the `inventory` kind.
 *
 * @since 0.1.0
 * @category registry
 */
export const parser = { info, create: inventoryParser, sniff } satisfies Parser<
  InventoryRow,
  InventoryOptions
>;
