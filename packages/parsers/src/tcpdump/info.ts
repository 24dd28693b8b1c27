/**
 * What the `tcpdump` parser understands, and how to recognise its input.
 *
 * @since 0.1.0
 * @module
 */
import type { ParserInfo } from "../types.js";

/**
 * The `tcpdump` parser's description (jc-style `info`).
 *
 * @since 0.1.0
 * @category info
 */
export const info: ParserInfo = {
  kind: "tcpdump",
  description: "tcpdump text output → one packet record per printed packet",
  record: "Packet",
  binary: false,
  variants: [
    "tcpdump 4.9–4.99 default, -n, -nn, names (service names mapped for well-known ports)",
    "-q, -e (Ethernet, 802.1Q/QinQ, Linux cooked v1/v2), -v (two-line IPv4), -X/-A (continuations), -#",
    "timestamps: default, -t, -tt, -ttt, -tttt, -ttttt, --time-stamp-precision=nano",
    "IP, IP6 (extension headers, fragments), TCP, UDP, ICMP, ICMP6, ARP; Linux cooked v2 interface prefix",
    "banners (listening on, reading from file, N packets captured) and a leading own-address line",
  ],
  options: ["date", "zone", "reference"],
};

const TS =
  /^(?:\s*\d+ {2})?(?:\d{2}:\d{2}:\d{2}\.\d{6,9}|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6,9}|\d{9,11}\.\d{6,9}|[ -]\d{2}:\d{2}:\d{2}\.\d{6,9})? ?(?:\S+ +(?:In|Out|B|M|P) +)?(?:IP6? |ARP, )/;

/**
 * Confidence that `head` is tcpdump text: the share of its first lines (banners and own-address
 * lines aside) that look like packet lines, 0 for binary input.
 *
 * @since 0.1.0
 * @category info
 */
export const sniff = (head: Uint8Array): number => {
  const n = Math.min(head.length, 8192);
  for (let i = 0; i < n; i++) if (head[i] === 0) return 0;
  const text = new TextDecoder("utf-8", { fatal: false }).decode(head.subarray(0, n));
  const lines = text.split("\n").slice(0, 40);
  if (lines.length > 1 && n === 8192) lines.pop();
  let packets = 0;
  let other = 0;
  for (const l of lines) {
    if (l.trim() === "" || /^\s/.test(l)) continue;
    if (/^(?:tcpdump: |listening on |reading from file |\d+ packets )/.test(l)) continue;
    if (/^[\d.:a-fA-F]+\s*$/.test(l)) continue;
    if (TS.test(l)) packets++;
    else other++;
  }
  if (packets === 0) return 0;
  return Math.min(1, packets / (packets + other)) * 0.95;
};
