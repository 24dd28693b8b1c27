/**
 * What the `cisco-mac-table` parser is, and how to recognise its input.
 *
 * @since 0.1.0
 * @module
 */
import type { ParserInfo } from "../types.js";

/**
 * The `cisco-mac-table` parser's self-description.
 *
 * @since 0.1.0
 * @category info
 */
export const info: ParserInfo = {
  kind: "cisco-mac-table",
  description: "Cisco `show mac address-table` (IOS, NX-OS) rows as MacTableEntry records",
  record: "MacTableEntry",
  binary: false,
  variants: [
    "Catalyst 2960/3560/3750/9k: Vlan Mac Address Type Ports (All for CPU entries, CRLF, trailing spaces)",
    "Catalyst 6500/4500: flags, learn and age columns, port lists wrapped onto indented lines",
    "Catalyst 4000 CatIOS: protocols column, Unicast/Multicast Entries sections",
    "2900XL show mac-address-table: Destination Address Address Type VLAN Destination Port",
    "NX-OS: legend, * / G / + flags, age Secure NTFY columns, vPC Peer-Link",
    "prompt lines give the switch name",
  ],
  options: [],
};

const decoder = new TextDecoder("utf-8");
const ROW = /^[\s*RSDG+]*(?:\d{1,4}|All|-)\s+[0-9a-fA-F]{4}\.[0-9a-fA-F]{4}\.[0-9a-fA-F]{4}\s+\S+/m;

/**
 * Confidence that `head` is a Cisco MAC table: 0.95 with a header and a row, 0.7 with rows of
 * `VLAN xxxx.xxxx.xxxx TYPE` only, 0.5 with a header only.
 *
 * @since 0.1.0
 * @category info
 */
export const sniff = (head: Uint8Array): number => {
  const text = decoder.decode(head.subarray(0, 16384));
  const hdr = /mac address\s+type|destination address\s+address type/i.test(text);
  const row = ROW.test(text) || /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}\s+\w+\s+\d+\s+\S/im.test(text);
  if (hdr && row) return 0.95;
  if (row) return 0.7;
  return hdr ? 0.5 : 0;
};
