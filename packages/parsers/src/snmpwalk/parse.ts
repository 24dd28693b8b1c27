/**
 * Streaming parser for the text the net-snmp tools print: `snmpwalk`, `snmpbulkwalk`, `snmpget`.
 *
 * @since 0.1.0
 * @module
 */
import {
  type Emit,
  lineParser,
  type ParseOptions,
  type ParseResult,
  type ParserFactory,
  parseAll,
  SNMP_VALUE_TYPES,
  type SnmpType,
  type SnmpVarbind,
} from "@fleetlens/core/lite";
import { isNumericOid, numericOid } from "./names.js";

/**
 * Options of the `snmpwalk` parser.
 *
 * @since 0.1.0
 * @category models
 */
export interface SnmpwalkOptions extends ParseOptions {
  /**
   * Bound on one value spread over several lines, in characters (default
   * {@link MAX_VALUE_CHARS}). A runaway value is cut there with a skip and the lines after it are
   * read afresh (a quoted string still open at the bound is first read again as hinted text).
   */
  readonly maxValueLength?: number;
}

/**
 * Default bound on one multi-line value (256 Ki characters: an SNMP OCTET STRING holds at most
 * 65535 bytes, which net-snmp prints in at most ~197 000 characters as Hex-STRING).
 *
 * @since 0.1.0
 * @category constants
 */
export const MAX_VALUE_CHARS = 1 << 18;

/**
 * The type words net-snmp prints before `: value`.
 *
 * @since 0.1.0
 * @category constants
 */
export const TYPE_WORDS: readonly SnmpType[] = SNMP_VALUE_TYPES;
const TYPE_SET = new Map<string, SnmpType>(TYPE_WORDS.map((t) => [t, t]));

/**
 * The three exception texts and their types.
 *
 * @since 0.1.0
 * @category constants
 */
export const EXCEPTIONS: readonly (readonly [SnmpType, string])[] = [
  ["NoSuchObject", "No Such Object available on this agent at this OID"],
  ["NoSuchInstance", "No Such Instance currently exists at this OID"],
  ["EndOfMibView", "No more variables left in this MIB View (It is past the end of the MIB tree)"],
];

type MutableVarbind = { -readonly [K in keyof SnmpVarbind]: SnmpVarbind[K] };

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const hexVal = (c: number): number => {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
};
const HEX = "0123456789abcdef";

/** Characters net-snmp prints in an OID outside quotes and brackets. */
const isOidChar = (c: number): boolean =>
  (c >= 65 && c <= 90) ||
  (c >= 97 && c <= 122) ||
  isDigit(c) ||
  c === 46 /* . */ ||
  c === 45 /* - */ ||
  c === 95 /* _ */ ||
  c === 58; /* : */

// Where the last scanned OID ends (parsing is synchronous; the hot loop allocates nothing for it).
let oidEnd = 0;

/**
 * Scans an OID at the start of `t` (quoted index strings and `-OX` brackets may hold anything);
 * sets `oidEnd`. Returns 1 when ` = ` follows, 2 when something else follows a space (`-Oq`),
 * 0 when the line does not start with an OID.
 */
const scanOid = (t: string): number => {
  const n = t.length;
  const c0 = t.charCodeAt(0);
  if (!(c0 === 46 || isDigit(c0) || (c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122))) return 0;
  let structured = false;
  let i = 0;
  while (i < n) {
    const c = t.charCodeAt(i);
    if (c === 32) break;
    if (c === 34 || c === 39) {
      let k = i + 1;
      while (k < n && t.charCodeAt(k) !== c) k += t.charCodeAt(k) === 92 ? 2 : 1;
      if (k >= n) return 0;
      i = k + 1;
      structured = true;
    } else if (c === 91) {
      const k = t.indexOf("]", i);
      if (k < 0) return 0;
      i = k + 1;
      structured = true;
    } else if (isOidChar(c)) {
      if (c === 46 || (c === 58 && t.charCodeAt(i + 1) === 58)) structured = true;
      i++;
    } else return 0;
  }
  if (!structured || i >= n) return 0;
  oidEnd = i;
  return t.charCodeAt(i + 1) === 61 /* = */ && (i + 2 === n || t.charCodeAt(i + 2) === 32) ? 1 : 2;
};

/** An integer as a number when safe, else as the decimal string; null when not an integer. */
const integer = (s: string): number | string | null => {
  const n = s.length;
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  if (i >= n) return null;
  for (; i < n; i++) if (!isDigit(s.charCodeAt(i))) return null;
  const v = Number(s);
  return Number.isSafeInteger(v) ? v : s;
};

// Hex scanning state: bytes read by the last hexPairs call and where it stopped.
let hexCount = 0;
let hexStop = 0;

/**
 * Reads `XX XX …` pairs (upper or lower case, each followed by a space or the end) from `s` at
 * `i`; returns them as lower-case hex and sets hexCount / hexStop (the index after the last pair's
 * space). Stops at the first token that is not a pair.
 */
const hexPairs = (s: string, i: number): string => {
  const n = s.length;
  let out = "";
  hexCount = 0;
  let p = i;
  while (p + 1 < n) {
    const a = hexVal(s.charCodeAt(p));
    const b = hexVal(s.charCodeAt(p + 1));
    if (a < 0 || b < 0) break;
    if (p + 2 < n && s.charCodeAt(p + 2) !== 32) break;
    out += HEX[a]! + HEX[b]!;
    hexCount++;
    p += p + 2 < n ? 3 : 2;
  }
  hexStop = p;
  return out;
};

/** True when `t` holds only hex pairs (a Hex-STRING continuation line). */
const isHexLine = (t: string): boolean => {
  if (t.length < 2) return false;
  hexPairs(t, 0);
  if (hexCount === 0) return false;
  for (let k = hexStop; k < t.length; k++) if (t.charCodeAt(k) !== 32) return false;
  return true;
};

/** Splits `value unit` at the first space: sets the record's value (via `conv`) and unit. */
const numberWithUnit = (
  r: MutableVarbind,
  v: string,
  conv: (s: string) => number | string | null,
  label: boolean,
): string => {
  const sp = v.indexOf(" ");
  const head = sp < 0 ? v : v.slice(0, sp);
  if (head.length === 0) return `empty ${r.type} value`;
  if (label && head.charCodeAt(head.length - 1) === 41 /* ) */) {
    const lp = head.indexOf("(");
    const n = lp > 0 ? integer(head.slice(lp + 1, -1)) : null;
    if (n !== null) {
      r.value = n;
      r.label = head.slice(0, lp);
      return "";
    }
  }
  const n = conv(head);
  if (n === null) {
    if (r.type !== "INTEGER") return `bad ${r.type} value "${head}"`;
    // an INTEGER printed through a DISPLAY-HINT (`d-2` gives 12.34): kept as printed
    r.value = head;
  } else r.value = n;
  if (sp >= 0) {
    const unit = v.slice(sp + 1).trim();
    if (unit.length > 0) r.unit = unit;
  }
  return "";
};

const counter64 = (s: string): string | null => {
  if (s.length === 0) return null;
  for (let i = 0; i < s.length; i++) if (!isDigit(s.charCodeAt(i))) return null;
  return s;
};

const unsigned = (s: string): number | string | null => (s.charCodeAt(0) === 45 ? null : integer(s));

// What a pending value needs after its first line.
/** Nothing pending. */
const NONE = 0;
/** A quoted string not closed on its first line. */
const QUOTED = 1;
/** A display-hinted (unquoted) string: following lines that start no varbind belong to it. */
const UNQUOTED = 2;
/** A Hex-STRING line of 16 bytes: the next line may carry more. */
const HEX_MORE = 3;

// Quoted-string scanning state (carried across lines).
let qEsc = false;
let qText = "";
/** Scans a quoted string's text from `i` (after the opening quote, or a line start); returns the index of the closing quote or -1, appending the unescaped text to qText. */
const scanQuoted = (t: string, i: number): number => {
  const n = t.length;
  let s = i;
  let p = i;
  if (qEsc && p < n) {
    qText += t[p];
    qEsc = false;
    p++;
    s = p;
  }
  while (p < n) {
    const c = t.charCodeAt(p);
    if (c === 92) {
      qText += t.slice(s, p);
      if (p + 1 >= n) {
        qEsc = true;
        return -1;
      }
      qText += t[p + 1];
      p += 2;
      s = p;
    } else if (c === 34) {
      qText += t.slice(s, p);
      return p;
    } else p++;
  }
  qText += t.slice(s, n);
  return -1;
};

/**
 * The streaming `snmpwalk` parser (a {@link ParserFactory}). See {@link parseSnmpwalk}.
 *
 * @since 0.1.0
 * @category parsers
 */
export const snmpwalkParser: ParserFactory<SnmpVarbind, SnmpwalkOptions> = lineParser<
  SnmpVarbind,
  SnmpwalkOptions
>((emit: Emit<SnmpVarbind>, options: SnmpwalkOptions) => {
  const max = options.maxValueLength ?? MAX_VALUE_CHARS;
  let more: number = NONE;
  /** The record whose value continues on the next lines. */
  let pend: MutableVarbind | null = null;
  let pendLine = 0;
  /** UNQUOTED: the value's lines; HEX_MORE: its hex per line. */
  let parts: string[] = [];
  let size = 0;
  /** UNQUOTED: blank lines seen since the last text line (theirs only if text follows). */
  let blanks: number[] = [];
  /** QUOTED: the first line's value from the opening quote, and the lines read since. */
  let qFirst = "";
  let qLines: string[] = [];
  let qNos: number[] = [];
  /** QUOTED: a typeless string (`-OQ`), skipped once read. */
  let qTypeless = false;
  /** The input has shown `-OQ` output (typeless values): bare numbers are not Timeticks. */
  let typeless = false;
  let saidTicks = false;

  const reset = () => {
    more = NONE;
    pend = null;
    parts = [];
    size = 0;
    blanks = [];
    qFirst = "";
    qLines = [];
    qNos = [];
    qTypeless = false;
    qText = "";
    qEsc = false;
  };

  const TYPELESS = "value without a type word (-OQ output is not supported)";

  /** Emits the pending record (UNQUOTED, HEX_MORE) with its joined value. */
  const finish = () => {
    const r = pend;
    if (r === null) return;
    if (more === HEX_MORE) r.value = parts.join("");
    else if (more === UNQUOTED) r.value = parts.join("\n");
    for (const b of blanks) emit.ignore(b, "blank");
    reset();
    emit.record(r);
  };

  const cut = () => {
    emit.skip(pendLine, `value longer than ${max} characters`);
    reset();
  };

  /** Starts a display-hinted (unquoted) string whose first line's value is `v`. */
  const unquoted = (r: MutableVarbind, v: string, no: number) => {
    pend = r;
    pendLine = no;
    parts = [v];
    size = v.length;
    more = UNQUOTED;
    if (size > max) cut();
  };

  /**
   * The quoted reading failed (a quote followed by more text, no closing quote before the end or
   * within the bound): the value is display-hinted text that opens with a quote. Read it, and the
   * lines held since, again that way (a typeless one is skipped and its lines read afresh).
   */
  const unquote = () => {
    const r = pend!;
    const first = pendLine;
    const v = qFirst;
    const lines = qLines;
    const nos = qNos;
    const wasTypeless = qTypeless;
    reset();
    if (wasTypeless) emit.skip(first, TYPELESS);
    else unquoted(r, v, first);
    for (let k = 0; k < lines.length; k++) step(lines[k]!, nos[k]!);
  };

  /** The closing quote is at `q` of line `t` (the first line, or the last held one). */
  const closeQuoted = (t: string, q: number) => {
    for (let k = q + 1; k < t.length; k++) if (t.charCodeAt(k) !== 32) return unquote();
    const r = pend!;
    const first = pendLine;
    const nos = qNos;
    const value = qText;
    const wasTypeless = qTypeless;
    reset();
    for (const no of nos) emit.ignore(no, "continuation");
    if (wasTypeless) return emit.skip(first, TYPELESS);
    r.value = value;
    emit.record(r);
  };

  /** Starts a quoted string whose opening quote is at `i` of line `t`. */
  const quoted = (r: MutableVarbind, t: string, i: number, no: number, typeless_: boolean) => {
    pend = r;
    pendLine = no;
    more = QUOTED;
    qTypeless = typeless_;
    qFirst = t.slice(i);
    qText = "";
    qEsc = false;
    const q = scanQuoted(t, i + 1);
    if (q >= 0) return closeQuoted(t, q);
    qText += "\n";
    size = qFirst.length;
    if (size > max) unquote();
  };

  /** Parses the value part of a varbind line; emits, or leaves the record pending. */
  const varbind = (t: string, no: number) => {
    const printed = t.slice(0, oidEnd);
    const numeric = isNumericOid(printed);
    const r: MutableVarbind = {
      oid: numeric ? (printed.charCodeAt(0) === 46 ? printed : `.${printed}`) : numericOid(printed),
      name: numeric ? null : printed,
      type: "",
      value: null,
    };
    let i = oidEnd + 3;
    const n = t.length;
    if (i >= n) return emit.skip(no, "no value after ` = `");
    const c = t.charCodeAt(i);
    if (c === 34 /* " */) {
      // `= ""`: the empty string as printed without MIBs; any other typeless string is -OQ output
      if (i + 2 === n && t.charCodeAt(i + 1) === 34) {
        r.value = "";
        return emit.record(r);
      }
      typeless = true;
      return quoted(r, t, i, no, true);
    }
    if (c === 78 /* N */) {
      if (i + 4 === n && t.startsWith("NULL", i)) {
        r.type = "NULL";
        return emit.record(r);
      }
      for (const [type, text] of EXCEPTIONS)
        if (t.startsWith(text.slice(0, 20), i)) {
          r.type = type;
          return emit.record(r);
        }
    }
    if (c === 87 /* W */ && t.startsWith("Wrong Type (should be ", i)) {
      const k = t.indexOf("): ", i);
      if (k < 0) return emit.skip(no, "bad `Wrong Type` value");
      i = k + 3;
    }
    let colon = t.indexOf(": ", i);
    // `STRING:` with the trailing space trimmed
    if (colon < 0 && t.charCodeAt(n - 1) === 58) colon = n - 1;
    const type = colon > i ? TYPE_SET.get(t.slice(i, colon)) : undefined;
    if (type === undefined) {
      const v = t.slice(i);
      const ticks = v.charCodeAt(0) === 45 ? null : integer(v);
      if (ticks !== null && !typeless) {
        // `-Ot` prints Timeticks as the bare tick count
        r.type = "Timeticks";
        r.value = ticks;
        if (!saidTicks) {
          saidTicks = true;
          emit.infer("Timeticks", "values printed as a bare number (-Ot) read as Timeticks");
        }
        return emit.record(r);
      }
      if (colon > i && colon < n - 1) return emit.skip(no, `unknown type "${t.slice(i, colon)}"`);
      typeless = true;
      return emit.skip(no, TYPELESS);
    }
    r.type = type;
    const vs = Math.min(colon + 2, n);
    const v = t.slice(vs);
    let err = "";
    switch (type) {
      case "STRING":
        if (v.charCodeAt(0) === 34) return quoted(r, t, vs, no, false);
        // a DISPLAY-HINT string (MIBs loaded) prints without quotes and may span lines
        return unquoted(r, v, no);
      case "Hex-STRING": {
        const hex = hexPairs(v, 0);
        for (let k = hexStop; k < v.length; k++)
          if (v.charCodeAt(k) !== 32) return emit.skip(no, "bad Hex-STRING value");
        if (hexCount === 16) {
          pend = r;
          pendLine = no;
          parts = [hex];
          size = hex.length;
          more = HEX_MORE;
          return;
        }
        r.value = hex;
        return emit.record(r);
      }
      case "INTEGER":
        err = numberWithUnit(r, v, integer, true);
        break;
      case "Counter32":
      case "Gauge32":
      case "UInteger32":
        err = numberWithUnit(r, v, unsigned, false);
        break;
      case "Counter64":
        err = numberWithUnit(r, v, counter64, false);
        break;
      case "Timeticks": {
        let s = v;
        if (v.charCodeAt(0) === 40 /* ( */) {
          const k = v.indexOf(")");
          s = k > 0 ? v.slice(1, k) : "";
        }
        const ticks = unsigned(s);
        if (ticks === null) err = `bad Timeticks value "${v}"`;
        else r.value = ticks;
        break;
      }
      case "Opaque": {
        const k = v.indexOf(": ");
        const sub = k > 0 ? v.slice(0, k) : "";
        const x = v.slice(k + 2);
        if ((sub === "Float" || sub === "Double") && x.length > 0 && Number.isFinite(Number(x)))
          r.value = Number(x);
        else if (/^(?:U?Int64|[IU]64)$/.test(sub) && integer(x) !== null) r.value = integer(x);
        else r.value = v;
        break;
      }
      case "BITS": {
        r.value = hexPairs(v, 0);
        const rest = v.slice(hexStop).trim();
        if (rest.length > 0) r.label = rest;
        break;
      }
      default:
        // OID, IpAddress, Network Address: as printed
        r.value = v.trimEnd();
    }
    if (err) return emit.skip(no, err);
    emit.record(r);
  };

  const isSummary = (t: string): boolean =>
    t.startsWith("Variables found: ") || t.startsWith("Total traversal time = ") || t === "End of MIB";

  /** A line outside any multi-line value. */
  const single = (t: string, no: number) => {
    if (t.length === 0 || t.trim().length === 0) return emit.ignore(no, "blank");
    const o = scanOid(t);
    if (o === 1) return varbind(t, no);
    if (isSummary(t)) return emit.ignore(no, "summary");
    const colon = t.indexOf(": ");
    if (
      (colon > 0 && TYPE_SET.has(t.slice(0, colon))) ||
      t.charCodeAt(0) === 34 ||
      integer(t) !== null ||
      EXCEPTIONS.some(([, text]) => t === text)
    )
      return emit.skip(no, "a value without its OID (-Ov / -Oqv output cannot be attributed)");
    if (o === 2) return emit.skip(no, "no ` = ` after the OID (-Oq output is not supported)");
    emit.skip(no, "not an `OID = value` line");
  };

  /** One physical line, in whatever state the previous lines left. */
  const step = (t: string, no: number) => {
    switch (more) {
      case QUOTED: {
        qLines.push(t);
        qNos.push(no);
        size += t.length + 1;
        const q = scanQuoted(t, 0);
        if (q >= 0) return closeQuoted(t, q);
        if (size > max) return unquote();
        qText += "\n";
        return;
      }
      case UNQUOTED: {
        const blank = t.trim().length === 0;
        if (!blank && (scanOid(t) === 1 || isSummary(t))) {
          finish();
          return single(t, no);
        }
        if (blank) {
          blanks.push(no);
          return;
        }
        for (const b of blanks) {
          emit.ignore(b, "continuation");
          parts.push("");
        }
        blanks = [];
        emit.ignore(no, "continuation");
        parts.push(t);
        size += t.length + 1;
        if (size > max) cut();
        return;
      }
      case HEX_MORE: {
        if (!isHexLine(t)) {
          finish();
          return single(t, no);
        }
        emit.ignore(no, "continuation");
        const hex = hexPairs(t, 0);
        parts.push(hex);
        size += hex.length;
        if (size > max) return cut();
        if (hexCount < 16) finish();
        return;
      }
      default:
        return single(t, no);
    }
  };

  return {
    line: step,
    end() {
      // a quoted string still open at the end was display-hinted text (or is cut short): read
      // it that way; its lines may open another one
      while (more === QUOTED) unquote();
      finish();
    },
  };
});

/**
 * Parses the output of net-snmp's `snmpwalk`, `snmpbulkwalk` and `snmpget` into
 * {@link SnmpVarbind} records, one per `OID = TYPE: value`.
 *
 * Understood (net-snmp 5.x): OIDs as printed by default with MIBs (`IF-MIB::ifDescr.1`), without
 * MIBs (`iso.3.6.1.2.1.2.2.1.2.1`), `-On` (`.1.3.6…`), `-Of` (`.iso.org.dod…`), `-OS`/`-Os`,
 * `-Ob`, `-OX` (`ifDescr[1]`); values as printed by default, `-Ot` (bare Timeticks), `-Oe`
 * (enums as numbers), `-OU` (no units), `-Ox` (strings as Hex-STRING), `-Oa`. Symbolic names
 * are turned into numbers through a built-in table ({@link knownNames}: SMI roots, SNMPv2-MIB,
 * IF-MIB, UCD-SNMP-MIB, NET-SNMP-EXTEND-MIB); others give `oid: null` with `name` kept.
 *
 * Multi-line values are joined and count for their first line; the other lines are ignored as
 * `continuation`: a quoted STRING continues until its closing quote (`\"` and `\\` unescaped), a
 * Hex-STRING line of 16 bytes continues on following lines of hex pairs, and a display-hinted
 * STRING (MIBs loaded: printed without quotes) continues on every following line that does not
 * start a varbind (blank lines just before the next varbind or the end are not part of it). Since
 * hinted strings are not quoted, a line inside one that looks like `OID = …` ends it there, and
 * one that opens with `"` is read as quoted only while that reading holds: when the quote closes
 * before more text, or never closes (before the end, or within `maxValueLength` characters), the
 * value is read again as hinted text. A hinted value longer than `maxValueLength` is skipped and
 * the lines after it are read afresh. `-On` and no-MIB output quote every string: those are
 * never ambiguous.
 *
 * Ignored: blank lines, `-Cp`/`-Ct` summaries and SNMPv1 `End of MIB`. Skipped with a reason:
 * value-only lines (`-Ov`, `-Oqv`: no OID to attribute them to), `-Oq` lines (no ` = `), values
 * without a type word (`-OQ`; a bare number is read as the `-Ot` Timeticks form until the input
 * has shown a typeless string), unknown types, malformed values, anything else.
 *
 * Fields (jc-style):
 * - `oid` (string|null): numeric with a leading dot; null for a name not in the built-in table
 * - `name` (string|null): the OID as printed when symbolic
 * - `type` (string): INTEGER, STRING, Hex-STRING, OID, IpAddress, Counter32, Counter64, Gauge32,
 *   UInteger32, Timeticks, Opaque, BITS, Network Address, NULL, `""` (the empty string as printed
 *   without MIBs, `= ""`), NoSuchObject, NoSuchInstance, EndOfMibView
 * - `value` (number|string|null): integers as numbers; **Counter64 always, and any integer past
 *   2^53, as a decimal string**; Timeticks as the tick count (1/100 s); STRING unescaped;
 *   Hex-STRING and BITS as lower-case hex without spaces; OID, IpAddress, Network Address as
 *   printed; Opaque Float/Double as a number, other Opaque as printed; an INTEGER printed through
 *   a display hint (`12.34`) as printed; null for NULL and the exceptions
 * - `label` (string, optional): `up` of `INTEGER: up(1)`; the named bits of a BITS value
 * - `unit` (string, optional): `kB` of `INTEGER: 24684096 kB` (the MIB's UNITS; absent with `-OU`)
 *
 * @example
 * ```ts
 * const { records } = parseSnmpwalk(
 *   ".1.3.6.1.2.1.1.3.0 = Timeticks: (12345) 0:02:03.45\n" +
 *   "IF-MIB::ifOperStatus.2 = INTEGER: up(1)\n" +
 *   "UCD-SNMP-MIB::memTotalReal.0 = INTEGER: 24684096 kB\n" +
 *   'iso.3.6.1.2.1.1.1.0 = STRING: "two\nlines"\n',
 * );
 * // records[0] = { oid: ".1.3.6.1.2.1.1.3.0", name: null, type: "Timeticks", value: 12345 }
 * // records[1] = { oid: ".1.3.6.1.2.1.2.2.1.8.2", name: "IF-MIB::ifOperStatus.2", type: "INTEGER",
 * //   value: 1, label: "up" }
 * // records[2] = { oid: ".1.3.6.1.4.1.2021.4.5.0", name: "UCD-SNMP-MIB::memTotalReal.0",
 * //   type: "INTEGER", value: 24684096, unit: "kB" }
 * // records[3] = { oid: ".1.3.6.1.2.1.1.1.0", name: "iso.3.6.1.2.1.1.1.0", type: "STRING",
 * //   value: "two\nlines" }
 * ```
 * @since 0.1.0
 * @category parsers
 */
export const parseSnmpwalk = (
  input: string | Uint8Array,
  options: SnmpwalkOptions = {},
): ParseResult<SnmpVarbind> => parseAll(snmpwalkParser, input, options);
