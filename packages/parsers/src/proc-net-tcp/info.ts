/**
 * What the proc-net-tcp parser is, and how to recognise its input.
 *
 * @since 0.1.0
 * @module
 */
import type { ParserInfo } from "../types.js";

/**
 * The proc-net-tcp parser's self-description.
 *
 * @since 0.1.0
 * @category info
 */
export const info: ParserInfo = {
  kind: "proc-net-tcp",
  description: "Linux /proc/net/tcp, tcp6, udp, udp6 socket tables as Socket records",
  record: "Socket",
  binary: false,
  variants: [
    "/proc/net/tcp and /proc/net/tcp6 (Linux 2.6 … 6.x), TIME_WAIT lines with fewer fields",
    "/proc/net/udp and /proc/net/udp6 (07 = UNCONN)",
    "little-endian hosts (byte-reversed address words); big-endian with option bigEndian",
  ],
  options: [],
};

const decoder = new TextDecoder("utf-8");
const HEADER = /^\s*sl\s+local_address\s+rem(?:ote)?_address\s+st\s+tx_queue\s+rx_queue/;
const ROW =
  /^\s*\d+: [0-9A-Fa-f]{8}(?:[0-9A-Fa-f]{24})?:[0-9A-Fa-f]{4} [0-9A-Fa-f]{8}(?:[0-9A-Fa-f]{24})?:[0-9A-Fa-f]{4} [0-9A-Fa-f]{2} /;

/**
 * Confidence that `head` is a /proc/net/{tcp,udp}{,6} table: 0.99 with the kernel's header,
 * else up to 0.85 for the share of socket rows among the first lines.
 *
 * @since 0.1.0
 * @category info
 */
export const sniff = (head: Uint8Array): number => {
  const text = decoder.decode(head.subarray(0, 8192));
  if (HEADER.test(text)) return 0.99;
  const lines = text.split("\n", 20).filter((l) => l.trim().length > 0);
  if (lines.length === 0) return 0;
  const rows = lines.filter((l) => ROW.test(l)).length;
  return 0.85 * (rows / lines.length);
};
