/**
 * Character-code scanning shared by the line parsers' hot paths: whitespace tokens and decimal /
 * hexadecimal fields read in place, without regular expressions or substrings.
 *
 * @since 0.1.0
 * @module
 */

/**
 * Bounds of the last token found by {@link nextToken}: `[tok.s, tok.e)`. Read them right after
 * the call (parsing is synchronous, so no other parser runs in between).
 *
 * @since 0.1.0
 * @category scanning
 */
export const tok = { s: 0, e: 0 };

/**
 * Next token delimited by spaces or tabs at or after `i`; sets {@link tok}; false at end of line.
 *
 * @since 0.1.0
 * @category scanning
 */
export const nextToken = (t: string, i: number): boolean => {
  const n = t.length;
  let p = i;
  while (p < n) {
    const c = t.charCodeAt(p);
    if (c !== 32 && c !== 9) break;
    p++;
  }
  if (p >= n) return false;
  tok.s = p;
  while (p < n) {
    const c = t.charCodeAt(p);
    if (c === 32 || c === 9) break;
    p++;
  }
  tok.e = p;
  return true;
};

/**
 * Decimal digits in `[s, e)` (at most 15) as a number, or -1.
 *
 * @since 0.1.0
 * @category scanning
 */
export const decimal = (t: string, s: number, e: number): number => {
  if (e <= s || e - s > 15) return -1;
  let v = 0;
  for (let i = s; i < e; i++) {
    const d = t.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
};
