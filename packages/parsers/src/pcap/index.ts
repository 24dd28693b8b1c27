/**
 * The `pcap` parser: libpcap and pcapng captures → {@link Packet} records.
 *
 * @since 0.1.0
 * @module
 */
import type { Packet } from "@fleetlens/core/lite";
import type { Parser } from "../types.js";
import { info, sniff } from "./info.js";
import { type PcapOptions, pcapParser } from "./parse.js";

export { decodeFrame, LinkType, NON_IP, protoOf } from "./decode.js";
export { info, sniff } from "./info.js";
export { msOf, type PcapOptions, parsePcap, pcapParser } from "./parse.js";
export {
  frameLength,
  type PcapRenderOptions,
  pcapChunks,
  pcapngChunks,
  renderPcap,
  renderPcapng,
  writeFrame,
} from "./render.js";

/**
 * Registry entry for `pcap`.
 *
 * @since 0.1.0
 * @category registry
 */
export const parser = { info, create: pcapParser, sniff } satisfies Parser<Packet, PcapOptions>;
