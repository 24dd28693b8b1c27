/**
 * The ISC dhcpd lexer shared by the `dhcpd-conf` and `dhcpd-leases` parsers: words, quoted
 * strings (with dhcpd's escapes, possibly spanning lines), `{ } ; , =`, and `#` comments, read
 * line by line with character codes; plus the per-line accounting both parsers use (a block's
 * record belongs to the line of its closing brace).
 *
 * @since 0.1.0
 * @module
 */
import type { Emit } from "@fleetlens/core/lite";

/** A word (unquoted text: names, numbers, addresses, MACs). @since 0.1.0 @category lexer */
export const WORD = 0;
/** A quoted string (`value` holds the unescaped text). @since 0.1.0 @category lexer */
export const STRING = 1;
/** `{` @since 0.1.0 @category lexer */
export const LBRACE = 2;
/** `}` @since 0.1.0 @category lexer */
export const RBRACE = 3;
/** `;` @since 0.1.0 @category lexer */
export const SEMI = 4;
/** `,` @since 0.1.0 @category lexer */
export const COMMA = 5;
/** `=` @since 0.1.0 @category lexer */
export const EQUALS = 6;

/**
 * A token: its kind and text (for a string, the unescaped content; octal escapes give characters
 * with those codes, so a string holds bytes as char codes 0-255 when it was escaped).
 *
 * @since 0.1.0
 * @category lexer
 */
export interface Token {
  readonly type: number;
  readonly value: string;
}

const isPunct = (c: number): boolean =>
  c === 123 || c === 125 || c === 59 || c === 44 || c === 61 || c === 34 || c === 35;

/**
 * A line-by-line dhcpd lexer. `line(text, onToken)` reads one line and reports tokens; a string
 * left open at the end of a line continues on the next (with a newline in its value). Returns
 * what the line held: 0 nothing, 1 only a comment, 2 at least one token (or string text).
 *
 * @since 0.1.0
 * @category lexer
 */
export class Lexer {
  /** Inside a quoted string that began on an earlier line. */
  inString = false;
  private str = "";
  /** Bound on a string's length (longer: truncated, `truncated` set). */
  constructor(private readonly maxString = 1 << 16) {}
  truncated = false;

  line(t: string, onToken: (type: number, value: string) => void): number {
    const n = t.length;
    let i = 0;
    let held = 0;
    if (this.inString) {
      held = 2;
      this.addStr("\n");
      i = this.stringBody(t, 0, onToken);
    }
    while (i < n) {
      const c = t.charCodeAt(i);
      if (c === 32 || c === 9 || c === 13 || c === 12 || c === 11) {
        i++;
        continue;
      }
      if (c === 35 /* # */) {
        if (held === 0) held = 1;
        break;
      }
      held = 2;
      if (c === 34 /* " */) {
        this.inString = true;
        this.str = "";
        i = this.stringBody(t, i + 1, onToken);
        continue;
      }
      if (c === 123) onToken(LBRACE, "{");
      else if (c === 125) onToken(RBRACE, "}");
      else if (c === 59) onToken(SEMI, ";");
      else if (c === 44) onToken(COMMA, ",");
      else if (c === 61) onToken(EQUALS, "=");
      else {
        let j = i + 1;
        while (j < n) {
          const d = t.charCodeAt(j);
          if (d === 32 || d === 9 || d === 13 || isPunct(d)) break;
          j++;
        }
        onToken(WORD, t.slice(i, j));
        i = j;
        continue;
      }
      i++;
    }
    return held;
  }

  private addStr(s: string): void {
    if (this.str.length + s.length > this.maxString) {
      this.truncated = true;
      return;
    }
    this.str += s;
  }

  /** Reads string text from `i` to the closing quote (or the end of the line); returns the index after. */
  private stringBody(t: string, i: number, onToken: (type: number, value: string) => void): number {
    const n = t.length;
    let run = i;
    while (i < n) {
      const c = t.charCodeAt(i);
      if (c === 34) {
        this.addStr(t.slice(run, i));
        this.inString = false;
        onToken(STRING, this.str);
        this.str = "";
        return i + 1;
      }
      if (c === 92 /* \ */) {
        this.addStr(t.slice(run, i));
        i++;
        if (i >= n) {
          run = i;
          break;
        }
        const e = t.charCodeAt(i);
        if (e >= 48 && e <= 55) {
          let v = 0;
          let k = 0;
          while (k < 3 && i < n) {
            const d = t.charCodeAt(i) - 48;
            if (d < 0 || d > 7) break;
            v = v * 8 + d;
            i++;
            k++;
          }
          this.addStr(String.fromCharCode(v & 255));
        } else if (e === 120 /* x */) {
          let v = 0;
          let k = 0;
          i++;
          while (k < 2 && i < n) {
            const d = hexValue(t.charCodeAt(i));
            if (d < 0) break;
            v = v * 16 + d;
            i++;
            k++;
          }
          this.addStr(k === 0 ? "x" : String.fromCharCode(v));
        } else {
          this.addStr(e === 116 ? "\t" : e === 110 ? "\n" : e === 114 ? "\r" : e === 98 ? "\b" : t[i]!);
          i++;
        }
        run = i;
        continue;
      }
      i++;
    }
    this.addStr(t.slice(run, n));
    return n;
  }
}

/**
 * The value of a hex digit's character code, or -1.
 *
 * @since 0.1.0
 * @category lexer
 */
export const hexValue = (c: number): number =>
  c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;

/**
 * Joins a statement's tokens as text: words and strings (unquoted) separated by one space,
 * `a, b` for commas, `a = b` for equals signs.
 *
 * @since 0.1.0
 * @category lexer
 */
export const joinTokens = (ts: readonly Token[], from: number): string => {
  let s = "";
  for (let k = from; k < ts.length; k++) {
    const tk = ts[k]!;
    if (tk.type === COMMA) s += ",";
    else s += s.length === 0 ? tk.value : ` ${tk.value}`;
  }
  return s;
};

/**
 * Colon-separated MAC with 1-2 hex digits per octet, as dhcpd accepts it (`0:1a:2b:3c:4d:5e`),
 * in canonical lower-case two-digit form; undefined otherwise (dashes and Cisco dots are
 * rejected, as dhcpd rejects them).
 *
 * @since 0.1.0
 * @category lexer
 */
export const dhcpdMac = (s: string): string | undefined => {
  const n = s.length;
  if (n < 11 || n > 17) return undefined;
  let out = "";
  let digits = 0;
  let v = "";
  let parts = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? s.charCodeAt(i) : 58;
    if (c === 58) {
      if (digits === 0) return undefined;
      out += parts === 0 ? "" : ":";
      out += digits === 1 ? `0${v}` : v;
      parts++;
      digits = 0;
      v = "";
      continue;
    }
    if (hexValue(c) < 0 || digits === 2) return undefined;
    v += String.fromCharCode(c >= 65 && c <= 70 ? c + 32 : c);
    digits++;
  }
  return parts === 6 ? out : undefined;
};

/**
 * Per-line accounting for block-structured text: each line ends as one record (a block closed on
 * it), one skip (an error met on it) or one ignore (its reason). The last line is held back so
 * that the end of the input can turn it into a skip (a block or string left open). When several
 * blocks close on one line, the first is that line's record and the others are still emitted
 * (records are never dropped); `overflow` counts them and the parser reports it with
 * `infer("overflow", …)`.
 *
 * @since 0.1.0
 * @category accounting
 */
export class LineAccount<R> {
  private recs: R[] = [];
  private err = "";
  private why = "";
  private held = false;
  private heldNo = 0;
  private heldRecs: R[] = [];
  private heldErr = "";
  private heldWhy = "";
  /** Records emitted beyond one per line. */
  overflow = 0;
  constructor(private readonly emit: Emit<R>) {}

  record(r: R): void {
    this.recs.push(r);
  }
  /** The line's first error wins. */
  error(reason: string): void {
    if (this.err === "") this.err = reason;
  }
  /** The line's ignore reason: the first one set wins. */
  reason(why: string): void {
    if (this.why === "") this.why = why;
  }
  /** Closes the current line (number `no`): emits the previous one and holds this one. */
  close(no: number, fallback: string): void {
    this.flushHeld();
    this.held = true;
    this.heldNo = no;
    this.heldRecs = this.recs;
    this.heldErr = this.err;
    this.heldWhy = this.why === "" ? fallback : this.why;
    this.recs = [];
    this.err = "";
    this.why = "";
  }
  /** Emits the held line; with `endError`, a line without a record becomes that skip. */
  finish(endError: string): void {
    if (endError !== "" && this.held && this.heldRecs.length === 0 && this.heldErr === "")
      this.heldErr = endError;
    this.flushHeld();
  }
  private flushHeld(): void {
    if (!this.held) return;
    this.held = false;
    const rs = this.heldRecs;
    if (rs.length > 0) {
      for (const r of rs) this.emit.record(r);
      this.overflow += rs.length - 1;
    } else if (this.heldErr !== "") this.emit.skip(this.heldNo, this.heldErr);
    else this.emit.ignore(this.heldNo, this.heldWhy);
    this.heldRecs = [];
  }
}
