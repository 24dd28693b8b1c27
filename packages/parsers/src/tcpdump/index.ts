/**
 * The `tcpdump` parser: tcpdump text output → {@link Packet} records.
 *
 * @since 0.1.0
 * @module
 */
import type { Packet } from "@fleetlens/core/lite";
import type { Parser } from "../types.js";
import { info, sniff } from "./info.js";
import { type TcpdumpOptions, tcpdumpParser } from "./parse.js";

export { info, sniff } from "./info.js";
export { parseTcpdump, SERVICES, type TcpdumpOptions, tcpdumpParser } from "./parse.js";
export { renderTcpdump, renderTcpdumpLine, renderTs, type TcpdumpRenderOptions } from "./render.js";

/**
 * Registry entry for `tcpdump`.
 *
 * @since 0.1.0
 * @category registry
 */
export const parser = { info, create: tcpdumpParser, sniff } satisfies Parser<Packet, TcpdumpOptions>;
