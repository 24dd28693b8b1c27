/**
 * The `last` parser: text of util-linux `last` / `lastb` to {@link Login} records, and its renderer.
 *
 * @since 0.1.0
 * @module
 */
import type { Login } from "@fleetlens/core/lite";
import type { Parser } from "../types.js";
import { info, sniff } from "./info.js";
import { type LastOptions, lastParser } from "./parse.js";

export { info, sniff } from "./info.js";
export { createLastParser, type LastOptions, lastParser, parseLast } from "./parse.js";
export { lastLength, type RenderLastOptions, renderLast, renderLastRow } from "./render.js";

/**
 * The registry entry for `last`.
 *
 * @since 0.1.0
 * @category parsers
 */
export const parser = { info, create: lastParser, sniff } satisfies Parser<Login, LastOptions>;
