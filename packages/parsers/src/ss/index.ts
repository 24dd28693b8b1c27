/**
 * The `ss` parser: iproute2 socket tables as {@link Socket} records.
 *
 * @since 0.1.0
 * @module
 */
import type { Socket } from "@fleetlens/core/lite";
import type { Parser } from "../types.js";
import { info, sniff } from "./info.js";
import { type SsOptions, ssParser } from "./parse.js";

export { info, sniff } from "./info.js";
export { parseSs, SERVICE_PORTS, SS_STATES, type SsOptions, ssParser } from "./parse.js";
export { type RenderSsOptions, renderSs } from "./render.js";

/**
 * The registry entry of the `ss` kind.
 *
 * @since 0.1.0
 * @category registry
 */
export const parser = { info, create: ssParser, sniff } satisfies Parser<Socket, SsOptions>;
