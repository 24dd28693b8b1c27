/**
 * What the `cisco-int-desc` parser is, and how to recognise its input.
 *
 * @since 0.1.0
 * @module
 */
import type { ParserInfo } from "../types.js";

/**
 * The `cisco-int-desc` parser's self-description.
 *
 * @since 0.1.0
 * @category info
 */
export const info: ParserInfo = {
  kind: "cisco-int-desc",
  description:
    "Cisco IOS `show interfaces description` and NX-OS `show interface description` rows as InterfaceDescription records",
  record: "InterfaceDescription",
  binary: false,
  variants: [
    "IOS / IOS-XE: Interface Status Protocol Description in fixed columns from the header",
    "status `admin down` (with a space), deleted, reset, `(…)` suffixes; descriptions with spaces or empty",
    "rows pushed out of the columns by long interface names (read by words)",
    "exec-timestamp banners (Load for …, Time source is …), prompt lines give the switch name",
    "NX-OS: `Interface Description` and `Port Type Speed Description` sections between dash lines; no status/protocol (null), `--` for none",
  ],
  options: [],
};

const decoder = new TextDecoder("utf-8");

/**
 * Confidence that `head` is `show interfaces description`: 0.95 with IOS's header or NX-OS's
 * `Port Type Speed Description` header, 0.9 with NX-OS's `Interface Description` header under a
 * line of dashes, 0.6 with rows of `IFACE up|down|admin down up|down` only.
 *
 * @since 0.1.0
 * @category info
 */
export const sniff = (head: Uint8Array): number => {
  const text = decoder.decode(head.subarray(0, 16384));
  if (/^Interface\s+Status\s+Protocol\s+Description/m.test(text)) return 0.95;
  if (/^Port[ \t]+Type[ \t]+Speed[ \t]+Description[ \t]*\r?$/m.test(text)) return 0.95;
  if (/^-{20,}[ \t]*\r?\nInterface[ \t]+Description[ \t]*\r?$/m.test(text)) return 0.9;
  const rows = text.match(/^[A-Z][A-Za-z-]*\d\S*\s+(?:up|down|admin down|deleted|reset)\s+(?:up|down)\b/gm);
  return rows !== null && rows.length >= 2 ? 0.6 : 0;
};
