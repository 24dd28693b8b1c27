/**
 * The `lmstat` parser: `lmutil lmstat -a` / `-i` output as {@link LmstatRecord} records.
 *
 * @since 0.1.0
 * @module
 */
import type { LmstatRecord } from "@fleetlens/core/lite";
import type { Parser } from "../types.js";
import { info, sniff } from "./info.js";
import { type LmstatOptions, lmstatParser } from "./parse.js";

export { info, sniff } from "./info.js";
export { type LmstatOptions, lmstatParser, parseLmstat } from "./parse.js";
export { type RenderLmstatOptions, renderLmstat } from "./render.js";

/**
 * The registry entry of the `lmstat` kind.
 *
 * @since 0.1.0
 * @category registry
 */
export const parser = { info, create: lmstatParser, sniff } satisfies Parser<LmstatRecord, LmstatOptions>;
