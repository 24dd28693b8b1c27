/**
 * What the `snmpwalk` parser is, and how to recognise its input.
 *
 * @since 0.1.0
 * @module
 */
import { parseAll } from "@fleetlens/core/lite";
import type { ParserInfo } from "../types.js";
import { snmpwalkParser } from "./parse.js";

/**
 * The `snmpwalk` parser's self-description.
 *
 * @since 0.1.0
 * @category info
 */
export const info: ParserInfo = {
  kind: "snmpwalk",
  description: "net-snmp snmpwalk / snmpbulkwalk / snmpget output as SnmpVarbind records",
  record: "SnmpVarbind",
  binary: false,
  variants: [
    "net-snmp 5.x `OID = TYPE: value` lines from snmpwalk, snmpbulkwalk, snmpget",
    "OIDs: default with MIBs (`IF-MIB::ifDescr.1`), without MIBs (`iso.3.6.1…`), -On, -Of, -OS, -Os, -Ob, -OX",
    "values: default, -Ot (bare Timeticks), -Oe (enums as numbers), -OU (no units), -Ox (strings as Hex-STRING), -Oa",
    "multi-line values: quoted STRING with newlines, Hex-STRING wrapped at 16 bytes, display-hinted STRING (unquoted)",
    '`= ""` empty strings, NULL, No Such Object / No Such Instance / No more variables (end of MIB view)',
    "-Cp `Variables found:`, -Ct `Total traversal time`, SNMPv1 `End of MIB` (ignored)",
    "-Ov / -Oqv value-only lines and -Oq lines (skipped: no OID, or no ` = `)",
  ],
  options: [],
};

const decoder = new TextDecoder("utf-8");

/** A varbind line with an explicit type word, an exception, `""` or NULL (not just `x.y = 1`). */
const TYPED =
  /^(?:[^\s["]|\[[^\]]*\]|"[^"]*")+ = (?:(?:INTEGER|STRING|Hex-STRING|OID|IpAddress|Counter32|Counter64|Gauge32|UInteger32|Timeticks|Opaque|BITS|Network Address): |""|NULL$|No Such (?:Object|Instance) |No more variables )/;

/**
 * Confidence that `head` is net-snmp tool output: 0 unless the first non-blank line is a typed
 * varbind line; then 0.95 times the share of records among the records and skips of the head
 * (parsed up to its last complete line).
 *
 * @since 0.1.0
 * @category info
 */
export const sniff = (head: Uint8Array): number => {
  let text = decoder.decode(head.subarray(0, 16384));
  const first = /^[ \t]*\S.*$/m.exec(text);
  if (first === null || !TYPED.test(first[0])) return 0;
  const nl = text.lastIndexOf("\n");
  if (nl > 0 && head.length >= 16384) text = text.slice(0, nl + 1);
  const { stats } = parseAll(snmpwalkParser, text, {});
  // a head cut inside a multi-line string ends in one `unterminated` skip: not held against it
  const skipped = Math.max(
    0,
    stats.skipped - (stats.errors.at(-1)?.reason.startsWith("unterminated") ? 1 : 0),
  );
  if (stats.records === 0) return 0;
  return 0.95 * (stats.records / (stats.records + skipped));
};
