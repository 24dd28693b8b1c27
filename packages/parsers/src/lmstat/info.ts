/**
 * What the `lmstat` parser is, and how to recognise its input.
 *
 * @since 0.1.0
 * @module
 */
import type { ParserInfo } from "../types.js";

/**
 * The `lmstat` parser's self-description.
 *
 * @since 0.1.0
 * @category info
 */
export const info: ParserInfo = {
  kind: "lmstat",
  description: "`lmutil lmstat -a` / `-i` output (FlexLM) as LmstatRecord records",
  record: "LmstatRecord",
  binary: false,
  variants: [
    "lmstat -a (FNP 9-11.19): server and vendor status, Users of (singular/plural, Uncounted, Error, Cannot get users, None)",
    "checkout lines with display, (vVER), (server/port handle), start, N licenses, linger, borrow-return, PID",
    "queued lines, TAB-indented RESERVATIONs, server down (Cannot connect / Error getting status)",
    "lmstat -i table (Expires/Vendor in either order)",
  ],
  options: ["zone", "year", "reference"],
};

const decoder = new TextDecoder("utf-8");

/**
 * Confidence that `head` is lmstat output: 0.95 with the `status on` header or `Users of X:  (Total
 * of` lines, 0.8 with `License server status:`, 0.7 with the `-i` table header.
 *
 * @since 0.1.0
 * @category info
 */
export const sniff = (head: Uint8Array): number => {
  const text = decoder.decode(head.subarray(0, 16384));
  if (/^Flexible License Manager status on /m.test(text)) return 0.95;
  if (/^Users of [^\n:]+: {1,2}\((?:Total of|Uncounted|Error)/m.test(text)) return 0.95;
  if (/^License server status: \d+@/m.test(text)) return 0.8;
  if (/^Feature\s+Version\s+#licenses\s+(?:Expires|Vendor)/m.test(text)) return 0.7;
  return 0;
};
