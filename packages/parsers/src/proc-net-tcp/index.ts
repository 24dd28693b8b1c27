/**
 * The proc-net-tcp parser: /proc/net/tcp{,6} and udp{,6} as {@link Socket} records.
 *
 * @since 0.1.0
 * @module
 */
import type { Socket } from "@fleetlens/core/lite";
import type { Parser } from "../types.js";
import { info, sniff } from "./info.js";
import { type ProcNetTcpOptions, procNetTcpParser } from "./parse.js";

export { info, sniff } from "./info.js";
export { PROC_STATES, type ProcNetTcpOptions, parseProcNetTcp, procNetTcpParser } from "./parse.js";
export { type RenderProcNetTcpOptions, renderProcNetTcp } from "./render.js";

/**
 * The registry entry of the `proc-net-tcp` kind.
 *
 * @since 0.1.0
 * @category registry
 */
export const parser = { info, create: procNetTcpParser, sniff } satisfies Parser<Socket, ProcNetTcpOptions>;
