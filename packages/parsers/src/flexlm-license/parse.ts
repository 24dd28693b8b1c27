/**
 * Streaming parser for FlexLM / FlexNet Publisher licence files.
 *
 * @since 0.1.0
 * @module
 */
import {
  type Emit,
  type LicenceFileLine,
  lineParser,
  type ParseOptions,
  type ParseResult,
  type ParserFactory,
  parseAll,
} from "@fleetlens/core/lite";

/**
 * Options of the `flexlm-license` parser (none beyond the common ones).
 *
 * @since 0.1.0
 * @category models
 */
export interface FlexlmLicenseOptions extends ParseOptions {}

/**
 * Keywords dropped from `keywords`: signatures carry no meaning for reports and are long.
 *
 * @since 0.1.0
 * @category constants
 */
export const DROPPED_KEYWORDS: ReadonlySet<string> = new Set(["SIGN", "SIGN2", "AUTH"]);

/** Bound on one logical (joined) line, in characters. */
const MAX_LOGICAL = 1 << 20;

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/**
 * An expiry date as `YYYY-MM-DD`, null for `permanent` / year 0, undefined when not a date.
 *
 * @example
 * ```ts
 * licenceExpiry("31-dec-2025") // "2025-12-31"
 * licenceExpiry("1-jan-0")     // null
 * ```
 * @since 0.1.0
 * @category parsing
 */
export const licenceExpiry = (s: string): string | null | undefined => {
  if (s.toLowerCase() === "permanent") return null;
  const m = /^(\d{1,2})-([A-Za-z]{3})-(\d{1,4})$/.exec(s);
  if (!m) return undefined;
  const mo = MONTHS[(m[2] as string).toLowerCase()];
  const y = Number(m[3]);
  const d = Number(m[1]);
  if (mo === undefined) return undefined;
  if (y === 0) return null;
  if ((m[3] as string).length !== 4 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate())
    return undefined;
  return `${m[3]}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
};

/** Tokens of a logical line; a `"` opens a quoted run (spaces kept) anywhere in a token. */
const tokenize = (t: string): string[] | string => {
  const out: string[] = [];
  const n = t.length;
  let i = 0;
  while (i < n) {
    let c = t.charCodeAt(i);
    if (c === 32 || c === 9) {
      i++;
      continue;
    }
    const s = i;
    while (i < n) {
      c = t.charCodeAt(i);
      if (c === 32 || c === 9) break;
      if (c === 34) {
        const q = t.indexOf('"', i + 1);
        if (q < 0) return "unterminated quote";
        i = q + 1;
      } else i++;
    }
    out.push(t.slice(s, i));
  }
  return out;
};

const unquote = (v: string): string =>
  v.length >= 2 && v.charCodeAt(0) === 34 && v.charCodeAt(v.length - 1) === 34 ? v.slice(1, -1) : v;

const isLegacyKey = (s: string): boolean => /^[0-9A-Fa-f]{12,20}$/.test(s);

/** Splits tokens into positionals (until the first KEY=value) and keywords. */
const split = (toks: string[], from: number): { pos: string[]; kw: Record<string, string> } => {
  const pos: string[] = [];
  const kw: Record<string, string> = {};
  let inKeywords = false;
  for (let i = from; i < toks.length; i++) {
    const tok = toks[i] as string;
    const eq = tok.indexOf("=");
    if (eq > 0 && tok.charCodeAt(0) !== 34) {
      inKeywords = true;
      const k = tok.slice(0, eq).toUpperCase();
      if (!DROPPED_KEYWORDS.has(k)) kw[k] = unquote(tok.slice(eq + 1));
    } else if (!inKeywords) pos.push(unquote(tok));
    else kw[tok.toUpperCase()] = "";
  }
  return { pos, kw };
};

const intOrNull = (s: string | undefined): number | null =>
  s !== undefined && /^\d+$/.test(s) ? Number(s) : null;

/** One logical line to a record, or a skip reason. */
const logical = (t: string): LicenceFileLine | string => {
  const toks = tokenize(t);
  if (typeof toks === "string") return toks;
  const kind = (toks[0] ?? "").toUpperCase();
  switch (kind) {
    case "SERVER": {
      const { pos, kw } = split(toks, 1);
      if (pos.length < 1) return "SERVER without host";
      let port = intOrNull(pos[2]);
      const flags = pos.slice(port === null ? 2 : 3);
      for (const f of flags) kw[f.toUpperCase()] = "";
      if (port === null && kw.PORT !== undefined) port = intOrNull(kw.PORT);
      return { type: "server", host: pos[0] as string, hostid: pos[1] ?? null, port, keywords: kw };
    }
    case "VENDOR":
    case "DAEMON": {
      const { pos, kw } = split(toks, 1);
      if (pos.length < 1) return `${kind} without vendor name`;
      let path: string | null = null;
      let opts: string | null = kw.OPTIONS ?? null;
      let port: number | null = intOrNull(kw.PORT);
      for (const p of pos.slice(1)) {
        if (/^\d+$/.test(p) && port === null) port = Number(p);
        else if (path === null) path = p;
        else if (opts === null) opts = p;
      }
      delete kw.OPTIONS;
      delete kw.PORT;
      return { type: "vendor", vendor: pos[0] as string, path, options: opts, port, keywords: kw };
    }
    case "USE_SERVER":
      return { type: "use-server" };
    case "FEATURE":
    case "INCREMENT":
    case "UPGRADE": {
      const { pos, kw } = split(toks, 1);
      const up = kind === "UPGRADE";
      const need = up ? 6 : 5;
      if (pos.length < need) return `${kind} needs ${need} fields (feature vendor version expiry count)`;
      const version = pos[up ? 3 : 2] as string;
      const expires = licenceExpiry(pos[up ? 4 : 3] as string);
      if (expires === undefined) return `bad expiry date "${pos[up ? 4 : 3]}"`;
      const c = (pos[up ? 5 : 4] as string).toLowerCase();
      let count: number | null;
      if (c === "uncounted" || c === "0") count = null;
      else if (/^\d+$/.test(c)) count = Number(c);
      else return `bad licence count "${pos[up ? 5 : 4]}"`;
      if (up) kw.FROM_VERSION = pos[2] as string;
      for (const extra of pos.slice(need)) if (!isLegacyKey(extra)) kw[extra.toUpperCase()] = "";
      return {
        type: "feature",
        kind: kind as "FEATURE" | "INCREMENT" | "UPGRADE",
        feature: pos[0] as string,
        vendor: pos[1] as string,
        version,
        expires,
        count,
        keywords: kw,
      };
    }
    case "PACKAGE": {
      const { pos, kw } = split(toks, 1);
      if (pos.length < 2) return "PACKAGE needs a name and a vendor";
      const components = (kw.COMPONENTS ?? "").split(/\s+/).filter((x) => x.length > 0);
      delete kw.COMPONENTS;
      for (const extra of pos.slice(3)) if (!isLegacyKey(extra)) kw[extra.toUpperCase()] = "";
      const v = pos[2];
      return {
        type: "package",
        package: pos[0] as string,
        vendor: pos[1] as string,
        version: v === undefined || isLegacyKey(v) ? null : v,
        components,
        keywords: kw,
      };
    }
    default:
      return `unknown licence line "${toks[0] ?? ""}"`;
  }
};

/** Index after the last non-blank char, and whether that char is a backslash. */
const continued = (t: string): number => {
  let e = t.length;
  while (e > 0) {
    const c = t.charCodeAt(e - 1);
    if (c !== 32 && c !== 9) break;
    e--;
  }
  return e > 0 && t.charCodeAt(e - 1) === 92 ? e - 1 : -1;
};

/**
 * The streaming `flexlm-license` parser (a {@link ParserFactory}). See {@link parseFlexlmLicense}.
 *
 * @since 0.1.0
 * @category parsers
 */
export const flexlmLicenseParser: ParserFactory<LicenceFileLine, FlexlmLicenseOptions> = lineParser<
  LicenceFileLine,
  FlexlmLicenseOptions
>((emit: Emit<LicenceFileLine>) => {
  let buf: string | null = null;
  let first = 0;
  let tooLong = false;

  const finish = (): void => {
    if (buf === null) return;
    const text = buf;
    buf = null;
    if (tooLong) {
      tooLong = false;
      emit.skip(first, `logical line longer than ${MAX_LOGICAL} characters`);
      return;
    }
    const r = logical(text);
    if (typeof r === "string") emit.skip(first, r);
    else emit.record(r);
  };

  const add = (piece: string): void => {
    if (buf === null) return;
    if (buf.length + piece.length > MAX_LOGICAL) tooLong = true;
    else buf = buf.length === 0 ? piece : `${buf} ${piece}`;
  };

  return {
    line(t, no) {
      if (buf !== null) {
        // a continuation of the logical line opened at `first`
        emit.ignore(no, "continuation");
        const bs = continued(t);
        add((bs >= 0 ? t.slice(0, bs) : t).trim());
        if (bs < 0) finish();
        return;
      }
      const s = t.trimStart();
      if (s.length === 0) return emit.ignore(no, "blank");
      if (s.charCodeAt(0) === 35 /* # */) return emit.ignore(no, "comment");
      const bs = continued(t);
      first = no;
      buf = "";
      add((bs >= 0 ? t.slice(0, bs) : t).trim());
      if (bs < 0) finish();
    },
    end() {
      finish();
    },
  };
});

/**
 * Parses a FlexLM licence file into {@link LicenceFileLine} records, one per logical line.
 *
 * Physical lines ending in `\` (last non-blank character; also inside a quoted value, and `"\`
 * with no space) are joined with one space; the record counts for the first physical line and the
 * others are ignored as `continuation`. `#` comments and blank lines are ignored. Keyword names are
 * upper-cased; values lose their quotes; bare flags (`TS_OK`, `SUPERSEDE`) map to `""`; `SIGN`,
 * `SIGN2`, `AUTH` and a legacy 12-20 hex licence key are dropped.
 *
 * Fields by `type` (jc-style):
 * - `server`: `host`, `hostid` (null when absent), `port` (third field or `PORT=`), `keywords`
 * - `vendor` (`VENDOR` and the old `DAEMON`): `vendor`, `path`, `options` (positional or
 *   `OPTIONS=`), `port` (numeric positional or `PORT=`), `keywords`
 * - `use-server`
 * - `feature` (`FEATURE`, `INCREMENT`, `UPGRADE`): `kind`, `feature`, `vendor`, `version`
 *   (UPGRADE: the to-version; the from-version in `keywords.FROM_VERSION`), `expires`
 *   (`YYYY-MM-DD`, null for `permanent` or year 0), `count` (null for `uncounted` or 0), `keywords`
 * - `package`: `package`, `vendor`, `version` (null when absent), `components` (from
 *   `COMPONENTS="f1[:ver[:count]] …"`, as written), `keywords`
 *
 * @example
 * ```ts
 * parseFlexlmLicense("SERVER my_server 17007ea8 21987\nINCREMENT f v 1.0 31-dec-2025 5 SIGN=\"AB CD\" ISSUER=x\n").records;
 * // [{ type: "server", host: "my_server", hostid: "17007ea8", port: 21987, keywords: {} },
 * //  { type: "feature", kind: "INCREMENT", feature: "f", vendor: "v", version: "1.0",
 * //    expires: "2025-12-31", count: 5, keywords: { ISSUER: "x" } }]
 * ```
 * @since 0.1.0
 * @category parsers
 */
export const parseFlexlmLicense = (
  input: string | Uint8Array,
  options: FlexlmLicenseOptions = {},
): ParseResult<LicenceFileLine> => parseAll(flexlmLicenseParser, input, options);
