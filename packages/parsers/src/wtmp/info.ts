/**
 * What the wtmp parser is, and how to recognise its input.
 *
 * @since 0.1.0
 * @module
 */
import type { ParserInfo } from "../types.js";
import { detectLayout, evidence } from "./layout.js";

/**
 * @since 0.1.0
 * @category info
 */
export const info: ParserInfo = {
  kind: "wtmp",
  description:
    "Binary utmp/wtmp/btmp (glibc struct utmp) as login sessions with util-linux `last -x` semantics; `failed` mode for btmp (`lastb`).",
  record: "Login",
  binary: true,
  variants: [
    "glibc-le-384 (x86_64, aarch64, i386)",
    "glibc-be-384 (s390x, ppc64)",
    "glibc-le-400 / glibc-be-400 (64-bit time)",
    "wtmp, utmp, btmp (failed: true)",
    "util-linux 2.38 last -x session rules",
  ],
  options: [],
};

/**
 * Confidence that `head` starts a utmp-family file: the share of the leading records that look
 * valid under the best layout, lowered when every record is empty or there are few records.
 *
 * @since 0.1.0
 * @category info
 */
export const sniff = (head: Uint8Array): number => {
  const { layout, score, examined } = detectLayout(head);
  if (examined === 0 || score === 0) return 0;
  let live = 0;
  for (let i = 0; i < examined; i++) if (evidence(head, i * layout.size, layout) === 1) live++;
  if (live === 0) return 0.1 * score;
  return Math.min(1, score) * (examined >= 3 ? 0.95 : 0.8);
};
