/**
 * What the `flexlm-license` parser is, and how to recognise its input.
 *
 * @since 0.1.0
 * @module
 */
import type { ParserInfo } from "../types.js";

/**
 * The `flexlm-license` parser's self-description.
 *
 * @since 0.1.0
 * @category info
 */
export const info: ParserInfo = {
  kind: "flexlm-license",
  description: "FlexLM / FlexNet licence files as LicenceFileLine records (one per logical line)",
  record: "LicenceFileLine",
  binary: false,
  variants: [
    "SERVER (1 or 3), VENDOR / DAEMON, USE_SERVER, FEATURE / INCREMENT / UPGRADE, PACKAGE",
    'backslash continuations (also inside quoted values and `"\\`)',
    "SIGN= / AUTH= and legacy 12-20 hex keys dropped; keyword names case-insensitive",
    "expiry d-mmm-yyyy, permanent, year 0; counts uncounted / 0",
  ],
  options: [],
};

const decoder = new TextDecoder("utf-8");
const LINE = /^(?:SERVER|VENDOR|DAEMON|USE_SERVER|FEATURE|INCREMENT|UPGRADE|PACKAGE)(?:\s|$)/i;
const STRONG =
  /^(?:FEATURE|INCREMENT)\s+\S+\s+\S+\s+\S+\s+(?:\d{1,2}-[a-z]{3}-\d+|permanent)\s+(?:\d+|uncounted)/im;

/**
 * Confidence that `head` is a licence file: 0.95 with a FEATURE/INCREMENT line of the documented
 * shape, else up to 0.8 by the share of licence keywords among non-comment, non-continuation lines.
 *
 * @since 0.1.0
 * @category info
 */
export const sniff = (head: Uint8Array): number => {
  const text = decoder.decode(head.subarray(0, 16384));
  if (STRONG.test(text)) return 0.95;
  const lines = text.split("\n", 60).filter((l) => l.trim().length > 0 && !/^\s*#/.test(l) && !/^\s/.test(l));
  if (lines.length === 0) return 0;
  const hits = lines.filter((l) => LINE.test(l)).length;
  return hits === 0 ? 0 : 0.8 * (hits / lines.length);
};
