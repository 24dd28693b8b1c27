/**
 * What the `last` parser is, and how to recognise its input.
 *
 * @since 0.1.0
 * @module
 */
import type { ParserInfo } from "../types.js";
import { ctimeAt, isoLengthAt } from "./time.js";

/**
 * @since 0.1.0
 * @category info
 */
export const info: ParserInfo = {
  kind: "last",
  description:
    "Text output of util-linux `last` / `lastb` as login sessions (year inferred for the default format).",
  record: "Login",
  binary: false,
  variants: [
    "util-linux 2.38 default (year-less short times)",
    "-F / --time-format full",
    "--time-format iso",
    "--time-format notime (rows counted as skips: no times)",
    "-w, -x, -a, -R, -i",
    "lastb (failed: true)",
    "old sysvinit boot rows without a logout column",
    "the `<file> begins <time>` trailer",
  ],
  options: ["year", "zone", "reference"],
};

const looksLikeRow = (s: string): boolean => {
  for (let i = 1; i + 16 <= s.length; i++) {
    if (s.charCodeAt(i - 1) !== 32) continue;
    if (ctimeAt(s, i) !== undefined || isoLengthAt(s, i) > 0) {
      const rest = s.slice(i);
      return /( - |still|gone|\()/.test(rest);
    }
  }
  return false;
};

/**
 * Confidence that `head` is `last` output: the share of its first non-blank lines that look like
 * rows (a login timestamp followed by a logout/length column) or the `begins` trailer.
 *
 * @since 0.1.0
 * @category info
 */
export const sniff = (head: Uint8Array): number => {
  let text = "";
  const n = Math.min(head.length, 16384);
  for (let i = 0; i < n; i++) {
    const c = head[i]!;
    if (c === 0) return 0;
    text += String.fromCharCode(c);
  }
  const lines = text.split("\n");
  if (!text.endsWith("\n") && lines.length > 2) lines.pop(); // a cut-off last line
  let seen = 0;
  let good = 0;
  let trailer = false;
  for (const raw of lines.slice(0, 60)) {
    const s = raw.replace(/\r$/, "").trimEnd();
    if (s.length === 0) continue;
    seen++;
    if (/^\S+ begins /.test(s)) {
      trailer = true;
      good++;
    } else if (looksLikeRow(s)) good++;
  }
  if (seen === 0) return 0;
  const share = good / seen;
  return Math.min(1, share * (trailer ? 1 : 0.9) * (seen >= 2 ? 1 : 0.8));
};
