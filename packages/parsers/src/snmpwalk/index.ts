/**
 * The `snmpwalk` parser: net-snmp `snmpwalk` / `snmpbulkwalk` / `snmpget` output as
 * {@link SnmpVarbind} records.
 *
 * @since 0.1.0
 * @module
 */
import type { SnmpVarbind } from "@fleetlens/core/lite";
import type { Parser } from "../types.js";
import { info, sniff } from "./info.js";
import { type SnmpwalkOptions, snmpwalkParser } from "./parse.js";

export { info, sniff } from "./info.js";
export { isNumericOid, knownNames, knownOid, numericOid } from "./names.js";
export {
  EXCEPTIONS,
  MAX_VALUE_CHARS,
  parseSnmpwalk,
  type SnmpwalkOptions,
  snmpwalkParser,
  TYPE_WORDS,
} from "./parse.js";
export { type RenderSnmpwalkOptions, renderSnmpwalk, timeticksText } from "./render.js";

/**
 * The registry entry of the `snmpwalk` kind.
 *
 * @since 0.1.0
 * @category registry
 */
export const parser = { info, create: snmpwalkParser, sniff } satisfies Parser<SnmpVarbind, SnmpwalkOptions>;
