/**
 * Renders {@link OsLogRecord} records as oslo.log lines (round trips, generated logs for tests and
 * benchmarks), the message texts of API access lines and lifecycle events, and compares parsed
 * records with a Loghub structured CSV.
 *
 * @since 0.1.0
 * @module
 */
import type { HttpRequest, OsLogRecord } from "@fleetlens/core/lite";
import { Time, UTC, type Zone } from "@fleetlens/core/lite";

/**
 * How the request context is written:
 * - `classic` (default): `[req-ID user project - - -]`, oslo.log < 4.8 (OpenStack ≤ Yoga, Loghub)
 * - `global`: `[GLOBAL req-ID user project - - - -]`, oslo.log ≥ 4.8 (Zed and later), `None`
 *   without a global id
 * - `short`: `[req-ID user project]`, early releases
 * - `devstack`: `[GLOBAL req-ID project user]`, devstack's names format, `None` for missing values
 *
 * A record without a request id is written `[-]` in every style.
 *
 * @since 0.1.0
 * @category models
 */
export type OsContextStyle = "classic" | "global" | "short" | "devstack";

/**
 * Options of {@link renderOsLog}.
 *
 * @since 0.1.0
 * @category models
 */
export interface RenderOsLogOptions {
  /** Zone of the written wall clock. Default UTC. */
  readonly zone?: Zone;
  /** Request-context style. Default `classic`. */
  readonly context?: OsContextStyle;
  /**
   * Leading source-file name (Loghub style): `true` (default) writes a record's `source` when it
   * has one, a string writes that name on every line, `false` none. Only lines with a timestamp
   * carry it (the parser finds a source by the date that follows it).
   */
  readonly source?: boolean | string;
  /**
   * How `traceback` lines are written: `prefixed` (default) with oslo.log's exception prefix
   * `ts pid ERROR logger [instance: X] `, `trace` with the old `TRACE` level instead, `bare` as they
   * are (as Python prints a traceback to a stream).
   */
  readonly traceback?: "prefixed" | "trace" | "bare";
}

const p2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const p3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n));

/** A Date whose UTC fields are the wall clock of `ms` in `z`. */
const wall = (ms: number, z: Zone): Date => new Date(Math.floor(ms) + z.offsetAt(ms) * 60_000);

/**
 * `YYYY-MM-DD HH:MM:SS.mmm`, oslo.log's `%(asctime)s.%(msecs)03d`, of an instant in a zone.
 *
 * @since 0.1.0
 * @category renderers
 */
export const osTimestamp = (ms: number, z: Zone = UTC): string => {
  const d = wall(ms, z);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(
    d.getUTCMinutes(),
  )}:${p2(d.getUTCSeconds())}.${p3(d.getUTCMilliseconds())}`;
};

/**
 * The message of an API access line, as each server writes it:
 * - `nova`: `client "request" status: N len: N time: S.sssssss`
 * - `neutron`: the same with two spaces before `len:`
 * - `eventlet` (glance, old neutron): `client - - [DD/Mon/YYYY HH:MM:SS] "request" status len
 *   S.ssssss`, the bracketed date from `ts` in `zone`
 *
 * A null length prints `-`, a null version none, null seconds `0`.
 *
 * @example
 * ```ts
 * httpMessage({ client: "192.0.2.7", method: "DELETE", path: "/v2.1/servers/abc", version: "HTTP/1.1",
 *   status: 204, length: 0, seconds: 0.25 }, "nova")
 * // '192.0.2.7 "DELETE /v2.1/servers/abc HTTP/1.1" status: 204 len: 0 time: 0.2500000'
 * ```
 * @since 0.1.0
 * @category renderers
 */
export const httpMessage = (
  h: HttpRequest,
  style: "nova" | "neutron" | "eventlet" = "nova",
  ts: number | null = null,
  z: Zone = UTC,
): string => {
  const req = `"${h.method} ${h.path}${h.version === null ? "" : ` ${h.version}`}"`;
  const len = h.length === null ? "-" : String(h.length);
  const secs = h.seconds ?? 0;
  if (style === "eventlet") {
    const d = wall(ts ?? 0, z);
    const date = `${p2(d.getUTCDate())}/${Time.MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()} ${p2(
      d.getUTCHours(),
    )}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
    return `${h.client} - - [${date}] ${req} ${h.status} ${len} ${secs.toFixed(6)}`;
  }
  const gap = style === "neutron" ? "  " : " ";
  return `${h.client} ${req} status: ${h.status}${gap}len: ${len} time: ${secs.toFixed(7)}`;
};

/**
 * nova-compute's lifecycle message `VM <State> (Lifecycle Event)`.
 *
 * @since 0.1.0
 * @category renderers
 */
export const lifecycleMessage = (state: string): string => `VM ${state} (Lifecycle Event)`;

const dash = (v: string | null): string => v ?? "-";
const none = (v: string | null): string => v ?? "None";

/**
 * The request context of a record (with brackets) in a style.
 *
 * @since 0.1.0
 * @category renderers
 */
export const osContext = (r: OsLogRecord, style: OsContextStyle = "classic"): string => {
  if (r.requestId === null) return "[-]";
  switch (style) {
    case "global":
      return `[${none(r.globalRequestId)} ${r.requestId} ${dash(r.userId)} ${dash(r.projectId)} - - - -]`;
    case "short":
      return `[${r.requestId} ${dash(r.userId)} ${dash(r.projectId)}]`;
    case "devstack":
      return `[${none(r.globalRequestId)} ${r.requestId} ${none(r.projectId)} ${none(r.userId)}]`;
    default:
      return `[${r.requestId} ${dash(r.userId)} ${dash(r.projectId)} - - -]`;
  }
};

/**
 * Renders records as oslo.log lines: `[source ]ts pid LEVEL logger [CONTEXT] [instance: X]
 * message`, each `traceback` line after its record (see {@link RenderOsLogOptions}). A null `ts`
 * or `pid` is left out. Messages are written as they are (`http` and `lifecycle` are read from
 * them, not written: build messages with {@link httpMessage} and {@link lifecycleMessage}); a
 * message holding a line break reads back as a message plus continuation lines, as oslo.log's
 * own multi-line messages do. `tracebackOmitted` lines are not written (they were not kept).
 *
 * @example
 * ```ts
 * renderOsLog([{ ts: Date.UTC(2031, 1, 3, 4, 5, 6, 789), pid: 4242, level: "INFO",
 *   logger: "nova.compute.manager", requestId: null, globalRequestId: null, userId: null,
 *   projectId: null, instance: null, message: "Compute node record updated", source: null }])
 * // "2031-02-03 04:05:06.789 4242 INFO nova.compute.manager [-] Compute node record updated\n"
 * ```
 * @since 0.1.0
 * @category renderers
 */
export const renderOsLog = (records: Iterable<OsLogRecord>, options: RenderOsLogOptions = {}): string => {
  const z = options.zone ?? UTC;
  const style = options.context ?? "classic";
  const src = options.source ?? true;
  const tbStyle = options.traceback ?? "prefixed";
  const parts: string[] = [];
  for (const r of records) {
    let head = "";
    if (r.ts !== null) {
      const s = typeof src === "string" ? src : src && r.source ? r.source : "";
      if (s) head = `${s} `;
      head += `${osTimestamp(r.ts, z)} `;
    }
    if (r.pid !== null) head += `${r.pid} `;
    const inst = r.instance === null ? "" : `[instance: ${r.instance}] `;
    parts.push(`${head}${r.level} ${r.logger} ${osContext(r, style)} ${inst}${r.message}\n`);
    if (r.traceback) {
      const prefix =
        tbStyle === "bare" ? "" : `${head}${tbStyle === "trace" ? "TRACE" : "ERROR"} ${r.logger} ${inst}`;
      for (const l of r.traceback) parts.push(`${prefix}${l}\n`);
    }
  }
  return parts.join("");
};

// ---------------------------------------------------------------------------------------------
// Loghub structured CSV

/**
 * Reads RFC 4180 CSV (as pandas writes it: quoted fields with doubled quotes and embedded line
 * breaks, CRLF or LF).
 *
 * @since 0.1.0
 * @category parsers
 */
export const readCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  const n = text.length;
  let quoted = false;
  let any = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      const q = text.indexOf('"', i);
      const e = q < 0 ? n : q;
      field += text.slice(i, e);
      i = e;
      continue;
    }
    if (c === 34) {
      quoted = true;
      any = true;
      i++;
    } else if (c === 44) {
      row.push(field);
      field = "";
      any = true;
      i++;
    } else if (c === 10 || c === 13) {
      if (any || field.length > 0) {
        row.push(field);
        rows.push(row);
      }
      row = [];
      field = "";
      any = false;
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    } else {
      let e = i;
      while (e < n) {
        const k = text.charCodeAt(e);
        if (k === 44 || k === 10 || k === 13 || k === 34) break;
        e++;
      }
      field += text.slice(i, e);
      any = true;
      i = e;
    }
  }
  if (any || field.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
};

/**
 * One disagreement between a parsed record and its Loghub CSV row.
 *
 * @since 0.1.0
 * @category models
 */
export interface LoghubMismatch {
  /** 1-based data row (the CSV's LineId when it has one). */
  readonly row: number;
  readonly column: string;
  readonly csv: string;
  readonly parsed: string;
}

/**
 * The result of {@link compareLoghubCsv}.
 *
 * @since 0.1.0
 * @category models
 */
export interface LoghubComparison {
  /** Data rows in the CSV. */
  readonly rows: number;
  /** Records given. */
  readonly records: number;
  /** Columns compared (those of Logrecord, Date, Time, Pid, Level, Component, ADDR, Content present). */
  readonly columns: readonly string[];
  /** Number of disagreeing cells (plus one when the counts differ). */
  readonly mismatchCount: number;
  /** The first disagreements (up to `maxMismatches`). */
  readonly mismatches: readonly LoghubMismatch[];
}

/**
 * The Loghub columns of a record, as its log line reads them with Loghub's OpenStack format
 * `<Logrecord> <Date> <Time> <Pid> <Level> <Component> [<ADDR>] <Content>`.
 *
 * @since 0.1.0
 * @category renderers
 */
export const loghubColumns = (r: OsLogRecord, z: Zone = UTC): Record<string, string> => {
  const ts = r.ts === null ? "" : osTimestamp(r.ts, z);
  const ctx = osContext(r, "classic");
  return {
    Logrecord: r.source ?? "",
    Date: ts.slice(0, 10),
    Time: ts.slice(11),
    Pid: r.pid === null ? "" : String(r.pid),
    Level: r.level,
    Component: r.logger,
    ADDR: ctx.slice(1, -1),
    Content: `${r.instance === null ? "" : `[instance: ${r.instance}] `}${r.message}`.trim(),
  };
};

/** The request id, user and project an ADDR cell names (the parser's context rules). */
const addrKey = (addr: string): string => {
  const t = addr.trim().split(/\s+/);
  if (t.length === 0 || (t.length === 1 && (t[0] === "-" || t[0] === ""))) return "- - -";
  const ri = t.length >= 2 && t[1]!.startsWith("req-") ? 1 : 0;
  const v = (s: string | undefined) => (s === undefined || s === "-" || s === "None" ? "-" : s);
  const ids = t.length - ri - 1;
  if (ri === 1 && ids === 2) return `${v(t[1])} ${v(t[3])} ${v(t[2])}`;
  return `${v(t[ri])} ${v(t[ri + 1])} ${v(t[ri + 2])}`;
};

const COLUMNS = ["Logrecord", "Date", "Time", "Pid", "Level", "Component", "ADDR", "Content"] as const;
const REQUIRED = ["Date", "Time", "Pid", "Level", "Component", "Content"];

/**
 * Compares parsed records with a Loghub structured CSV (`<dataset>.log_structured.csv`: LineId,
 * Logrecord, Date, Time, Pid, Level, Component, ADDR, Content, EventId, EventTemplate), row by
 * row in order: every column of Logrecord, Date, Time, Pid, Level, Component, ADDR (request id,
 * user and project) and Content (instance prefix and message, trimmed as Loghub trims) that the
 * CSV has. Date, Time, Pid, Level, Component and Content must be present. Expects one record per
 * row (Loghub's samples have no multi-line records); a count difference is one more mismatch.
 *
 * @since 0.1.0
 * @category comparisons
 */
export const compareLoghubCsv = (
  records: readonly OsLogRecord[],
  csvText: string,
  options: { readonly zone?: Zone; readonly maxMismatches?: number } = {},
): LoghubComparison => {
  const z = options.zone ?? UTC;
  const max = options.maxMismatches ?? 50;
  const table = readCsv(csvText.charCodeAt(0) === 0xfeff ? csvText.slice(1) : csvText);
  const head = table[0] ?? [];
  const mismatches: LoghubMismatch[] = [];
  let count = 0;
  const miss = (m: LoghubMismatch) => {
    count++;
    if (mismatches.length < max) mismatches.push(m);
  };
  const missing = REQUIRED.filter((c) => !head.includes(c));
  for (const c of missing) miss({ row: 0, column: c, csv: "(no such column)", parsed: "" });
  const columns = COLUMNS.filter((c) => head.includes(c));
  const idx = new Map(columns.map((c) => [c, head.indexOf(c)]));
  const lineId = head.indexOf("LineId");
  const rows = table.slice(1);
  if (rows.length !== records.length)
    miss({ row: 0, column: "(rows)", csv: String(rows.length), parsed: String(records.length) });
  const m = Math.min(rows.length, records.length);
  for (let i = 0; i < m; i++) {
    const row = rows[i]!;
    const want = loghubColumns(records[i]!, z);
    const rowNo = lineId >= 0 && /^\d+$/.test(row[lineId] ?? "") ? Number(row[lineId]) : i + 1;
    for (const c of columns) {
      let csv = row[idx.get(c)!] ?? "";
      let parsed = want[c]!;
      if (c === "ADDR") {
        csv = addrKey(csv);
        parsed = addrKey(parsed);
      } else if (c === "Content") csv = csv.trim();
      if (csv !== parsed) miss({ row: rowNo, column: c, csv, parsed });
    }
  }
  return { rows: rows.length, records: records.length, columns, mismatchCount: count, mismatches };
};
