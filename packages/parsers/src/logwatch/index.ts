/**
 * The `logwatch` parser: the seed's logwatch capture file as {@link LicenceSnapshot} records.
 *
 * @since 0.1.0
 * @module
 */
import type { LicenceSnapshot } from "@fleetlens/core/lite";
import type { Parser } from "../types.js";
import { info, sniff } from "./info.js";
import { type LogwatchOptions, logwatchParser } from "./parse.js";

export { info, sniff } from "./info.js";
export {
  type LogwatchOptions,
  logwatchParser,
  parseLogwatch,
  readDateLine,
  ZONE_ABBREVIATIONS,
} from "./parse.js";
export { type RenderLogwatchOptions, renderLogwatch } from "./render.js";

/**
 * The registry entry of the `logwatch` kind.
 *
 * @since 0.1.0
 * @category registry
 */
export const parser = { info, create: logwatchParser, sniff } satisfies Parser<
  LicenceSnapshot,
  LogwatchOptions
>;
