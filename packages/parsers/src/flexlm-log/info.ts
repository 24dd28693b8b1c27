/**
 * What the `flexlm-log` parser is, and how to recognise its input.
 *
 * @since 0.1.0
 * @module
 */
import type { ParserInfo } from "../types.js";

/**
 * The `flexlm-log` parser's self-description.
 *
 * @since 0.1.0
 * @category info
 */
export const info: ParserInfo = {
  kind: "flexlm-log",
  description: "FlexLM / FlexNet Publisher debug logs (lmgrd and vendor daemons) as LicenceEvent records",
  record: "LicenceEvent",
  binary: false,
  variants: [
    "FNP 9-11.x `HH:MM:SS (daemon) MESSAGE` with TIMESTAMP anchors, start banners, midnight rollover",
    "OUT / IN / DENIED / QUEUED / DEQUEUED / UNSUPPORTED / EXPIRED, (N licenses), (INACTIVE), [cdstring], error codes",
    "quoted and unquoted features, Windows user names with spaces",
    "verbose `^^^ ver user ip pid handle … ^^^` form",
    "leading `YYYY-MM-DD hh:mm:ss`, `lmgrd -datestamp` ISO with offset, old FLEXlm `mm/dd hh:mm` and `hh:mm`",
    "SLOG blocks and TAB continuation lines (ignored)",
  ],
  options: ["zone", "date", "reference", "year"],
};

const decoder = new TextDecoder("utf-8");
const LINE = /^ ?\d{1,2}:\d{2}(?::\d{2})? \([^)\s]+\) /;
const DATED =
  /^(?:\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}\S*|\d{1,2}\/\d{1,2} \d{1,2}:\d{2}(?::\d{2})?) \([^)\s]+\) /;
const USAGE = /\) (?:OUT|IN|DENIED|QUEUED|DEQUEUED|UNSUPPORTED|TIMESTAMP)[: ]/;

/**
 * Confidence that `head` is a FlexLM debug log: the share of `time (daemon) ` lines among the
 * first non-blank lines, up to 0.9, plus 0.05 when a usage or TIMESTAMP message is among them.
 *
 * @since 0.1.0
 * @category info
 */
export const sniff = (head: Uint8Array): number => {
  const text = decoder.decode(head.subarray(0, 16384));
  const lines = text.split("\n", 40).filter((l) => l.trim().length > 0);
  if (lines.length === 0) return 0;
  let hits = 0;
  let usage = false;
  for (const l of lines) {
    if (LINE.test(l) || DATED.test(l)) {
      hits++;
      if (USAGE.test(l)) usage = true;
    }
  }
  if (hits === 0) return 0;
  return Math.min(0.95, 0.9 * (hits / lines.length) + (usage ? 0.05 : 0));
};
