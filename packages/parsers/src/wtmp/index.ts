/**
 * The `wtmp` parser: binary utmp/wtmp/btmp to {@link Login} sessions, plus the raw entry layer and
 * renderers.
 *
 * @since 0.1.0
 * @module
 */
import type { Login } from "@fleetlens/core/lite";
import type { Parser } from "../types.js";
import { info, sniff } from "./info.js";
import { type WtmpOptions, wtmpParser } from "./parse.js";

export { info, sniff } from "./info.js";
export {
  corruption,
  DETECT_BYTES,
  detectLayout,
  LAYOUTS,
  type UtmpLayout,
  type UtmpLayoutName,
  UtType,
} from "./layout.js";
export {
  addrText,
  createWtmpParser,
  cString,
  decodeUtmpEntry,
  parseUtmpEntries,
  parseWtmp,
  type UtmpEntry,
  utmpEntriesParser,
  type WtmpOptions,
  wtmpParser,
} from "./parse.js";
export { encodeUtmpEntry, renderUtmp, renderUtmpdump } from "./render.js";

/**
 * The registry entry for `wtmp`.
 *
 * @since 0.1.0
 * @category parsers
 */
export const parser = { info, create: wtmpParser, sniff } satisfies Parser<Login, WtmpOptions>;
