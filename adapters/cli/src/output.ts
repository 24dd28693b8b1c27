/**
 * Output formats (DESIGN.md §2): table on a TTY, ndjson otherwise; json and csv on request.
 * Writes respect back-pressure and stream: memory is bounded by one batch, not the output.
 * The verbs' declarations load this at start (FORMATS): it imports nothing heavy, types only.
 */
import type { ParseStats } from "@fleetlens/core";
import type { Io } from "./framework.js";

export const FORMATS = ["table", "json", "ndjson", "csv"] as const;
export type Format = (typeof FORMATS)[number];

export const resolveFormat = (requested: string | undefined, io: Io): Format =>
  (requested as Format | undefined) ?? (io.stdout.isTTY ? "table" : "ndjson");

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const cell = (v: unknown, forTable: boolean): string => {
  if (v === null || v === undefined) return forTable ? "-" : "";
  if (Array.isArray(v)) {
    if (!forTable) return v.map((x) => cell(x, false)).join(" ");
    if (v.length === 0) return "-";
    let text = "";
    for (let i = 0; i < v.length; i++) {
      const next = text ? `${text},${cell(v[i], true)}` : cell(v[i], true);
      if (next.length > 48 && i > 0) return `${text} +${v.length - i} more`;
      text = next;
    }
    return text;
  }
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.name === "string" && typeof o.pid === "number") return `${o.name}(${o.pid})`;
    return JSON.stringify(v);
  }
  return String(v);
};

const csvQuote = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

const TABLE_SAMPLE = 500;

/** A record writer for one output stream. `write` buffers; `flush` drains to the stream. */
export class RecordWriter {
  private buf: string[] = [];
  private bufLen = 0;
  private count = 0;
  private columns: string[] | undefined;
  private widths: number[] | undefined;
  private pending: Record<string, unknown>[] = [];
  private readonly color: boolean;

  constructor(
    private readonly io: Io,
    private readonly format: Format,
    columns?: readonly string[],
  ) {
    this.columns = columns ? [...columns] : undefined;
    this.color = format === "table" && io.stdout.isTTY === true && !io.env.NO_COLOR;
    if (format === "json") this.push("[");
  }

  private push(s: string): void {
    this.buf.push(s);
    this.bufLen += s.length;
  }

  write(rec: Record<string, unknown>): void {
    const f = this.format;
    if (f === "ndjson") this.push(`${JSON.stringify(rec)}\n`);
    else if (f === "json") this.push(`${this.count === 0 ? "\n" : ",\n"}  ${JSON.stringify(rec)}`);
    else if (f === "csv") {
      if (!this.columns) this.columns = Object.keys(rec);
      if (this.count === 0) this.push(`${this.columns.join(",")}\n`);
      this.push(`${this.columns.map((c) => csvQuote(cell(rec[c], false))).join(",")}\n`);
    } else {
      if (!this.columns) this.columns = Object.keys(rec);
      if (!this.widths) {
        this.pending.push(rec);
        if (this.pending.length >= TABLE_SAMPLE) this.layoutTable();
      } else this.tableRow(rec);
    }
    this.count++;
  }

  private layoutTable(): void {
    const cols = this.columns ?? [];
    this.widths = cols.map((c) => c.length);
    for (const r of this.pending)
      cols.forEach((c, i) => {
        this.widths![i] = Math.min(60, Math.max(this.widths![i]!, cell(r[c], true).length));
      });
    const head = cols
      .map((c, i) => c.padEnd(this.widths![i]!))
      .join("  ")
      .trimEnd();
    this.push(`${this.color ? `\x1b[1m${head}\x1b[0m` : head}\n`);
    for (const r of this.pending) this.tableRow(r);
    this.pending = [];
  }

  private tableRow(rec: Record<string, unknown>): void {
    const cols = this.columns ?? [];
    this.push(
      `${cols
        .map((c, i) => cell(rec[c], true).padEnd(this.widths![i]!))
        .join("  ")
        .trimEnd()}\n`,
    );
  }

  /** Write buffered output, waiting for the stream to drain when it asks. */
  async flush(): Promise<void> {
    if (this.buf.length === 0) return;
    const text = this.buf.join("");
    this.buf = [];
    this.bufLen = 0;
    const out = this.io.stdout;
    if (!out.write(text)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }

  /** Flush when the buffer is large (call after each batch). */
  async maybeFlush(): Promise<void> {
    if (this.bufLen > 1 << 16) await this.flush();
  }

  async end(): Promise<void> {
    if (this.format === "table" && !this.widths && (this.pending.length > 0 || this.count === 0)) {
      if (this.count === 0) this.push(this.io.stdout.isTTY ? "(no records)\n" : "");
      else this.layoutTable();
    }
    if (this.format === "json") this.push(this.count === 0 ? "]\n" : "\n]\n");
    await this.flush();
  }
}

/** Write a whole value as the chosen format (for analysis verbs whose JSON is an object). */
export const writeValue = async (io: Io, format: Format, value: Json | object): Promise<void> => {
  const text = format === "json" ? `${JSON.stringify(value, null, 2)}\n` : `${JSON.stringify(value)}\n`;
  const out = io.stdout;
  if (!out.write(text)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
};

/** The `--stats json` line (DESIGN.md §2). */
export const statsLine = (
  kind: string,
  files: number,
  stats: ParseStats,
  errorsWithFile: { file: string; line: number; offset?: number; reason: string }[],
): string =>
  `${JSON.stringify({
    kind,
    files,
    lines: stats.lines,
    records: stats.records,
    skipped: stats.skipped,
    ignored: stats.ignored,
    ignoredBy: stats.ignoredBy,
    inferred: stats.inferred,
    errors: errorsWithFile.slice(0, 20),
  })}\n`;

/**
 * The end-of-run account of the inputs: with `--stats json`, the stats line; otherwise, when lines
 * were skipped, one warning line naming the first (so nothing is lost without a word on stderr).
 */
export const reportStats = (
  io: Io,
  statsFlag: string | undefined,
  kind: string,
  files: number,
  stats: ParseStats,
  errorsWithFile: { file: string; line: number; offset?: number; reason: string }[],
): void => {
  if (statsFlag === "json") {
    io.stderr.write(statsLine(kind, files, stats, errorsWithFile));
    return;
  }
  if (stats.skipped === 0) return;
  const first = errorsWithFile[0];
  const where =
    first === undefined ? "" : `; first: ${first.file}:${first.line}: ${first.reason.split("\n")[0]}`;
  io.stderr.write(
    `fleetlens: warning: ${stats.skipped} input line(s) skipped${where} (--stats json lists them, --strict fails on them)\n`,
  );
};
