/**
 * Parser for the site inventory (the seed's `Ordinateurs.ods`: hostname, MAC, VLAN, notes) from
 * CSV (streaming) or a spreadsheet (ODS, XLSX, XLS: read whole at the end).
 *
 * @since 0.1.0
 * @module
 */
import { createRequire } from "node:module";
import {
  type Emit,
  type InventoryRow,
  lineParser,
  Net,
  type ParseOptions,
  type ParseResult,
  type ParserFactory,
  parseAll,
  type StreamParser,
} from "@fleetlens/core/lite";

/**
 * Options of the `inventory` parser.
 *
 * @since 0.1.0
 * @category models
 */
export interface InventoryOptions extends ParseOptions {
  /** CSV field separator; default sniffed from the first line (`;`, `,` or TAB, outside quotes). */
  readonly separator?: string;
  /** Spreadsheet sheet to read, by name or 0-based index. Default the first. */
  readonly sheet?: string | number;
  /** Bound on a spreadsheet's size in bytes (the whole workbook is buffered). Default 50 MB. */
  readonly maxBytes?: number;
}

/** The fields a column can feed. */
type Field = "hostname" | "mac" | "vlan" | "department" | "notes";

/**
 * Header names (case, accents and punctuation ignored) and the field each one feeds.
 *
 * @since 0.1.0
 * @category constants
 */
export const HEADER_SYNONYMS: ReadonlyMap<string, Field> = new Map<string, Field>([
  ...([
    "host",
    "hostname",
    "host name",
    "name",
    "nom",
    "machine",
    "computer",
    "ordinateur",
    "nom machine",
  ].map((k) => [k, "hostname"] as const) as [string, Field][]),
  ...([
    "mac",
    "mac address",
    "macaddress",
    "adresse mac",
    "mac adresse",
    "hardware",
    "hardware address",
    "hardware ethernet",
    "ethernet",
  ].map((k) => [k, "mac"] as const) as [string, Field][]),
  ...(["vlan", "vlan id", "vlanid"].map((k) => [k, "vlan"] as const) as [string, Field][]),
  ...(["department", "departement", "dept", "service", "team", "equipe", "group", "groupe"].map(
    (k) => [k, "department"] as const,
  ) as [string, Field][]),
  ...([
    "notes",
    "note",
    "comment",
    "comments",
    "commentaire",
    "commentaires",
    "remarks",
    "info",
    "infos",
    "informations",
    "relative informations",
    "informations relatives",
    "description",
  ].map((k) => [k, "notes"] as const) as [string, Field][]),
]);

/**
 * A header cell in the form {@link HEADER_SYNONYMS} keys use: lower case, accents dropped,
 * runs of other characters as one space (`Adresse MAC_@` → `adresse mac`).
 *
 * @since 0.1.0
 * @category parsers
 */
export const normaliseHeader = (s: string): string =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

const HEX = /^[0-9A-Fa-f]{2}$/;
/** Canonical MAC: the common `aa:bb:…` / `AA-BB-…` spellings directly, others through Net.canonicalMac. */
const macOf = (v: string): string | undefined => {
  if (v.length === 17) {
    const sep = v.charCodeAt(2);
    if (sep === 58 || sep === 45) {
      let ok = true;
      for (let i = 2; i < 17 && ok; i += 3) if (v.charCodeAt(i) !== sep) ok = false;
      for (let i = 0; i < 17 && ok; i += 3) if (!HEX.test(v.slice(i, i + 2))) ok = false;
      if (ok) return (sep === 45 ? v.replaceAll("-", ":") : v).toLowerCase();
    }
  }
  return Net.canonicalMac(v);
};

/** Columns of the seed's sheet when it has no header row: Hostname | MAC | Vlan | informations. */
const SEED_ORDER: Field[] = ["hostname", "mac", "vlan", "notes"];

/**
 * Turns cell rows into records: the first non-blank row is the header when a cell names a field
 * (and none holds a MAC); otherwise the seed's order applies. Shared by CSV and spreadsheets.
 */
class Rows {
  private columns: (Field | string)[] | undefined;
  private badMacs = 0;
  private firstBad = "";
  constructor(private readonly emit: Emit<InventoryRow>) {}

  row(cells: readonly string[], no: number): void {
    let blank = true;
    for (const c of cells)
      if (c.trim() !== "") {
        blank = false;
        break;
      }
    if (blank) {
      this.emit.ignore(no, "blank");
      return;
    }
    if (this.columns === undefined) {
      const fields = cells.map((c) => HEADER_SYNONYMS.get(normaliseHeader(c)));
      const hasMac = cells.some((c) => Net.canonicalMac(c) !== undefined);
      if (!hasMac && fields.some((f) => f !== undefined)) {
        const used = new Set<Field>();
        this.columns = cells.map((c, i) => {
          const f = fields[i];
          if (f !== undefined && !used.has(f)) {
            used.add(f);
            return f;
          }
          return c.trim() === "" ? `column ${i + 1}` : c.trim();
        });
        this.emit.infer(
          "columns",
          `from the header: ${this.columns.map((c, i) => `${cells[i]!.trim() || i + 1} → ${c}`).join(", ")}`,
        );
        this.emit.ignore(no, "header");
        return;
      }
      this.columns = SEED_ORDER;
      this.emit.infer("columns", "no header row: the seed's order hostname, MAC, VLAN, notes");
    }
    const r: { -readonly [K in keyof InventoryRow]: InventoryRow[K] } = {
      hostname: null,
      mac: null,
      vlan: null,
      department: null,
      notes: null,
      extra: {},
    };
    const extra: Record<string, string> = {};
    const cols = this.columns;
    for (let i = 0; i < cells.length; i++) {
      const v = cells[i]!.trim();
      if (v === "") continue;
      const col = cols[i] ?? `column ${i + 1}`;
      if (col === "mac") {
        const m = macOf(v);
        if (m === undefined) {
          extra.mac = v;
          if (this.badMacs++ === 0) this.firstBad = `row ${no}: "${v}"`;
        } else r.mac = m;
      } else if (col === "hostname" || col === "vlan" || col === "department" || col === "notes") r[col] = v;
      else extra[col] = v;
    }
    r.extra = extra;
    this.emit.record(r);
  }

  end(): void {
    if (this.badMacs > 0)
      this.emit.infer(
        "mac",
        `${this.badMacs} row(s) with an unreadable MAC kept with mac null and the text in extra.mac (first: ${this.firstBad})`,
      );
  }
}

/** Bound on the lines one quoted CSV field may span, and on a record's characters. */
const MAX_RECORD_LINES = 10_000;
const MAX_RECORD_CHARS = 1 << 20;

/**
 * The CSV side: RFC 4180 fields (quotes doubled inside quoted fields, quoted fields spanning
 * lines), separator sniffed from the first non-blank line.
 */
const csvParser = lineParser<InventoryRow, InventoryOptions>((emit, options) => {
  const rows = new Rows(emit);
  let sep = options.separator === undefined ? -1 : options.separator.charCodeAt(0);
  let cells: string[] = [];
  let field = "";
  let quoted = false; // inside a quoted field that continues on the next line
  let startNo = 0; // first line of a record spanning lines
  let size = 0;

  const sniffSep = (t: string): number => {
    let inq = false;
    let semi = 0;
    let comma = 0;
    let tab = 0;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 34) inq = !inq;
      else if (!inq) {
        if (c === 59) semi++;
        else if (c === 44) comma++;
        else if (c === 9) tab++;
      }
    }
    const s = tab > semi && tab > comma ? 9 : semi > comma ? 59 : 44;
    emit.infer("separator", `${s === 9 ? "TAB" : String.fromCharCode(s)} (sniffed from the first line)`);
    return s;
  };

  /** Reads `t` from the state left by the previous line; true when the record is complete. */
  const scan = (t: string): boolean => {
    const n = t.length;
    let i = 0;
    if (quoted) field += "\n";
    for (;;) {
      if (quoted) {
        // inside quotes: up to a quote not doubled
        for (;;) {
          const q = t.indexOf('"', i);
          if (q < 0) {
            field += t.slice(i);
            return false;
          }
          field += t.slice(i, q);
          if (t.charCodeAt(q + 1) === 34) {
            field += '"';
            i = q + 2;
            continue;
          }
          quoted = false;
          i = q + 1;
          break;
        }
        // text after the closing quote up to the separator is kept (lenient)
        while (i < n && t.charCodeAt(i) !== sep) field += t[i++];
      } else {
        // at a field start
        let j = i;
        while (j < n && (t.charCodeAt(j) === 32 || t.charCodeAt(j) === 9) && t.charCodeAt(j) !== sep) j++;
        if (j < n && t.charCodeAt(j) === 34) {
          quoted = true;
          i = j + 1;
          continue;
        }
        const e = t.indexOf(String.fromCharCode(sep), i);
        field += e < 0 ? t.slice(i) : t.slice(i, e);
        i = e < 0 ? n : e;
      }
      cells.push(field);
      field = "";
      if (i >= n) return true;
      i++; // the separator
      if (i >= n) {
        cells.push("");
        return true;
      }
    }
  };

  return {
    line(t, no) {
      if (!quoted) {
        if (t.trim() === "") return emit.ignore(no, "blank");
        if (sep < 0) sep = sniffSep(t);
        startNo = no;
        size = 0;
      }
      size += t.length;
      if (scan(t)) {
        for (let k = startNo; k < no; k++) emit.ignore(k, "continuation");
        const c = cells;
        cells = [];
        rows.row(c, no);
        return;
      }
      if (no - startNo + 1 > MAX_RECORD_LINES || size > MAX_RECORD_CHARS) {
        for (let k = startNo; k < no; k++) emit.ignore(k, "continuation");
        emit.skip(no, "quoted field too long (unbalanced quote?)");
        quoted = false;
        cells = [];
        field = "";
      }
    },
    end(last) {
      if (quoted) {
        emit.skip(startNo, "unterminated quoted field");
        for (let k = startNo + 1; k <= last; k++) emit.ignore(k, "continuation");
      }
      rows.end();
    },
  };
});

type XlsxModule = typeof import("@e965/xlsx");
let xlsxModule: XlsxModule | undefined;
/** Loads the spreadsheet library on first use (CSV inputs never load it). */
const loadXlsx = (): XlsxModule => {
  if (xlsxModule === undefined) {
    // ESM: import.meta.url; a CommonJS build (where bundlers empty import.meta): __filename
    const req = createRequire(import.meta.url ?? __filename);
    xlsxModule = req("@e965/xlsx") as XlsxModule;
  }
  return xlsxModule;
};

/** Zip (XLSX, ODS) or OLE2 compound file (XLS) magic. */
const isWorkbook = (b: Uint8Array): boolean =>
  (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) ||
  (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0);

const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/** Reads a buffered workbook and emits its rows (line numbers = sheet row numbers). */
const readWorkbook = (
  data: Uint8Array,
  emit: Emit<InventoryRow>,
  options: InventoryOptions,
  tooBig: boolean,
): void => {
  const limit = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (tooBig) {
    emit.skip(1, `workbook larger than ${limit} bytes (options.maxBytes)`, 0);
    return;
  }
  let X: XlsxModule;
  let wb: ReturnType<XlsxModule["read"]>;
  try {
    X = loadXlsx();
    wb = X.read(data, { type: "array", cellFormula: false, cellHTML: false, cellStyles: false });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    emit.skip(
      1,
      err.code === "MODULE_NOT_FOUND" && xlsxModule === undefined
        ? "spreadsheet support needs the @e965/xlsx package next to fleetlens (npm install @e965/xlsx), or save the sheet as CSV"
        : `unreadable workbook: ${(err.message ?? String(e)).split("\n")[0]}`,
      0,
    );
    return;
  }
  const names = wb.SheetNames;
  const want = options.sheet ?? 0;
  const name = typeof want === "number" ? names[want] : names.find((n) => n === want);
  const ws = name === undefined ? undefined : wb.Sheets[name];
  if (name === undefined || ws === undefined) {
    emit.skip(1, `no sheet ${JSON.stringify(want)} (sheets: ${names.join(", ")})`, 0);
    return;
  }
  emit.infer("sheet", `${name}${names.length > 1 ? ` (of ${names.length}: ${names.join(", ")})` : ""}`);
  const ref = ws["!ref"];
  if (ref === undefined) {
    emit.ignore(1, "empty sheet");
    return;
  }
  const range = X.utils.decode_range(ref);
  const rows = X.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: false, defval: "", blankrows: true });
  const r = new Rows(emit);
  for (let i = 0; i < rows.length; i++) {
    const cells = (rows[i] ?? []).map((c) => (c === null || c === undefined ? "" : String(c)));
    r.row(cells, range.s.r + i + 1);
  }
  r.end();
};

/**
 * The `inventory` parser (a {@link ParserFactory}). See {@link parseInventory}.
 *
 * @since 0.1.0
 * @category parsers
 */
export const inventoryParser: ParserFactory<InventoryRow, InventoryOptions> = (
  emit: Emit<InventoryRow>,
  options: InventoryOptions,
): StreamParser => {
  let mode: "head" | "csv" | "book" = "head";
  let csv: StreamParser | undefined;
  let head = new Uint8Array(0);
  const parts: Uint8Array[] = [];
  let size = 0;
  let tooBig = false;
  const limit = options.maxBytes ?? DEFAULT_MAX_BYTES;

  const toBook = (b: Uint8Array) => {
    size += b.length;
    if (size > limit) {
      tooBig = true;
      parts.length = 0;
    } else parts.push(b);
  };
  const decide = (final: boolean): void => {
    if (head.length < 4 && !final) return;
    if (isWorkbook(head)) {
      mode = "book";
      toBook(head);
    } else {
      mode = "csv";
      csv = csvParser(emit, options);
      if (head.length > 0) csv.push(head);
    }
    head = new Uint8Array(0);
  };

  return {
    push(chunk) {
      if (mode === "csv") return csv!.push(chunk);
      if (mode === "book") {
        if (typeof chunk === "string") return toBook(new TextEncoder().encode(chunk));
        if (!tooBig) toBook(chunk);
        return;
      }
      if (typeof chunk === "string") {
        // text input: CSV (bytes held so far come first)
        mode = "csv";
        csv = csvParser(emit, options);
        if (head.length > 0) csv.push(head);
        head = new Uint8Array(0);
        return csv.push(chunk);
      }
      const h = new Uint8Array(head.length + chunk.length);
      h.set(head);
      h.set(chunk, head.length);
      head = h;
      decide(false);
    },
    end() {
      if (mode === "head") decide(true);
      if (mode === "csv") return csv!.end();
      let data: Uint8Array;
      if (parts.length === 1) data = parts[0]!;
      else {
        data = new Uint8Array(tooBig ? 0 : size);
        let o = 0;
        for (const p of parts) {
          data.set(p, o);
          o += p.length;
        }
      }
      parts.length = 0;
      readWorkbook(data, emit, options, tooBig);
    },
  };
};

/**
 * Parses the site inventory into {@link InventoryRow} records: a CSV (RFC 4180 quoting, fields
 * spanning lines, `;` `,` or TAB sniffed; streaming) or a spreadsheet (ODS, XLSX, XLS, recognised
 * by their magic bytes, buffered up to `maxBytes` and read at the end with SheetJS, first sheet
 * unless `sheet` names one). The header row is matched case- and accent-insensitively through
 * {@link HEADER_SYNONYMS} (`Hostname`/`Nom`, `Adresse MAC`/`MAC_@`/`hardware`, `VLAN`,
 * `Service`/`Département`/`dept`, `Notes`/`Commentaire`/`Relative informations`); without a header
 * (first row holds a MAC or names no field), the seed's column order applies: hostname, MAC,
 * VLAN, notes.
 *
 * Accounting: CSV lines or sheet rows (line = sheet row number). The header is ignored as
 * `header`, empty rows as `blank`, the earlier lines of a record spanning lines as
 * `continuation`. Skips: an unterminated quoted field; for a workbook, one skip when it is too
 * big, unreadable or lacks the sheet.
 *
 * Fields (jc-style):
 * - `hostname`, `vlan`, `department`, `notes` (string|null): trimmed cell text, null when empty;
 *   a line break inside a quoted CSV field reads as `\n` (CRLF too)
 * - `mac` (string|null): canonical colon form from any spelling (`90b1.1ca3.3575`, `90-B1-…`);
 *   null when empty or unreadable (the text then goes to `extra.mac`, reported by `infer`)
 * - `extra` (record): other non-empty cells by their header text (`column N` without one)
 *
 * @example
 * ```ts
 * const { records } = parseInventory("Hostname;Adresse MAC;VLAN;Service\npc-1;90b1.1ca3.3575;513;DPT4\n");
 * // records[0] = { hostname: "pc-1", mac: "90:b1:1c:a3:35:75", vlan: "513", department: "DPT4", notes: null, extra: {} }
 * ```
 * @since 0.1.0
 * @category parsers
 */
export const parseInventory = (
  input: string | Uint8Array,
  options: InventoryOptions = {},
): ParseResult<InventoryRow> => parseAll(inventoryParser, input, options);
