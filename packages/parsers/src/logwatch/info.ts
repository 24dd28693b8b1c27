/**
 * What the `logwatch` parser is, and how to recognise its input.
 *
 * @since 0.1.0
 * @module
 */
import type { ParserInfo } from "../types.js";

/**
 * The `logwatch` parser's self-description.
 *
 * @since 0.1.0
 * @category info
 */
export const info: ParserInfo = {
  kind: "logwatch",
  description:
    "The seed's logwatch capture (date line, `ss -n -t` lines for the licence port, one debug-log line; repeated) as LicenceSnapshot records",
  record: "LicenceSnapshot",
  binary: false,
  variants: [
    "`date` (C locale, zone abbreviation or numeric), `date -R`, `date -Iseconds` / `--rfc-3339=seconds`",
    "socket lines of any `ss` generation (no header; header lines tolerated)",
    "debug-log line in any flexlm-log form",
  ],
  options: ["zone"],
};

const decoder = new TextDecoder("utf-8");
const DATE =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2} (?:\S+ )?\d{4}|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}|(?:dim|lun|mar|mer|jeu|ven|sam)\. \d{1,2} \S+ \d{4} \d{2}:\d{2}:\d{2}(?: \S+)?)$/m;
const SOCKET =
  /^(?:ESTAB|CLOSE-WAIT|FIN-WAIT-[12]|SYN-SENT|LAST-ACK|CLOSING)\s+\d+\s+\d+\s+\S+:\d+\s+\S+:\d+/m;
const LOG = /^ ?\d{1,2}:\d{2}:\d{2} \([^)\s]+\) /m;

/**
 * Confidence that `head` is a logwatch file: 0.9 when `date` lines, socket lines and debug-log
 * lines are all present, 0.6 with date and debug-log lines only.
 *
 * @since 0.1.0
 * @category info
 */
export const sniff = (head: Uint8Array): number => {
  const text = decoder.decode(head.subarray(0, 16384));
  if (!DATE.test(text) || !LOG.test(text)) return 0;
  return SOCKET.test(text) ? 0.9 : 0.6;
};
