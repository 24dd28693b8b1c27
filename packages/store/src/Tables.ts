/**
 * Table layout shared by the SQL backends: the action table (one per mode, name configurable),
 * the checkpoint table `fleetlens_checkpoints`, the carry table `fleetlens_carry`, and the
 * conversion of an {@link OpenStackAction} to a row and back.
 *
 * Decisions:
 * - **One row per (instance, action, ts).** The seed's unique key; re-runs insert nothing twice.
 * - **Times** are UTC text `YYYY-MM-DD HH:MM:SS.ffffff` (MySQL `DATETIME(6)`, SQLite TEXT, which
 *   sorts and compares like the DATETIME), years 1000–9999, rounded to the microsecond (exact for
 *   1830–2109, where a double holds epoch milliseconds to better than half a microsecond).
 * - **A row that cannot be stored faithfully is rejected, not truncated**: a field longer than its
 *   column, a time outside the DATETIME range, a non-integer status. {@link toRow} says why;
 *   writers count rejections instead of failing the batch.
 *
 * @since 0.1.0
 * @module
 */
import type { OpenStackAction } from "@fleetlens/core/lite";
import type { Checkpoint } from "./Checkpoint.js";
import { StoreError } from "./errors.js";

/**
 * What a table holds: Nova server actions (`vm`), Glance image actions, Neutron resource actions.
 *
 * @since 0.1.0
 * @category models
 */
export type ActionKind = "vm" | "glance" | "neutron";

/**
 * Default table per kind; `vm` keeps the seed's `nova_compute_action_log`.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultTables: Readonly<Record<ActionKind, string>> = {
  vm: "nova_compute_action_log",
  glance: "glance_image_action_log",
  neutron: "neutron_action_log",
};

/**
 * The checkpoint table's name.
 *
 * @since 0.1.0
 * @category constants
 */
export const checkpointTable = "fleetlens_checkpoints";

/**
 * The table of state carried from one run to the next (requests still undecided at the end of a
 * run, and what they need; see `ActionDeriver.suspend` in @fleetlens/core), keyed by target table.
 *
 * @since 0.2.0
 * @category constants
 */
export const carryTable = "fleetlens_carry";

/**
 * One item of carried state: `body` is what the deriver reads back; `kind`, `ts` (epoch ms),
 * `instance` and `requestId` are stored in their own columns for people looking at the table
 * (NULL there when too long for the column or, for `ts`, outside the DATETIME range).
 *
 * @since 0.2.0
 * @category models
 */
export interface CarryItem {
  readonly kind: string;
  readonly ts: number | null;
  readonly instance: string | null;
  readonly requestId: string | null;
  readonly body: string;
}

/**
 * Column widths (characters). A value that does not fit rejects its row.
 *
 * @since 0.1.0
 * @category constants
 */
export const widths = {
  instance: 255,
  action: 64,
  requestId: 255,
  userId: 255,
  projectId: 255,
  derivation: 16,
  resource: 32,
  candidates: 16_000,
} as const;

/**
 * Checks a table name: a plain identifier (`[A-Za-z_][A-Za-z0-9_]*`, at most 64 characters, not
 * the checkpoint or carry table). Returns the name, or a {@link StoreError} with reason `BadTable`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const validateTable = (sink: string, table: string): string | StoreError => {
  const detail = !/^[A-Za-z_][A-Za-z0-9_]*$/.test(table)
    ? "letters, digits and _ only, not starting with a digit"
    : table.length > 64
      ? "at most 64 characters"
      : table.toLowerCase() === checkpointTable || table.toLowerCase() === carryTable
        ? "reserved for checkpoints and carried state"
        : null;
  return detail === null ? table : new StoreError({ sink, reason: { _tag: "BadTable", table, detail } });
};

/**
 * One action as stored: column values in {@link columns} order.
 *
 * @since 0.1.0
 * @category models
 */
export type Row = readonly [
  instance: string,
  action: string,
  ts: string,
  requestId: string | null,
  userId: string | null,
  projectId: string | null,
  status: number | null,
  derivation: string,
  candidates: string | null,
  resource: string | null,
];

/**
 * The action table's data columns, in {@link Row} order.
 *
 * @since 0.1.0
 * @category constants
 */
export const columns = [
  "instance",
  "action",
  "ts",
  "request_id",
  "user_id",
  "project_id",
  "status",
  "derivation",
  "candidates",
  "resource",
] as const;

const MIN_MS = Date.UTC(1000, 0, 1);
const MAX_MS = Date.UTC(10000, 0, 1);

const pad = (n: number, w: number): string => String(n).padStart(w, "0");

/**
 * Formats epoch milliseconds as `YYYY-MM-DD HH:MM:SS.ffffff` UTC (rounded to the microsecond), or
 * null outside years 1000–9999.
 *
 * @since 0.1.0
 * @category conversions
 */
export const formatDateTime = (ms: number): string | null => {
  if (!Number.isFinite(ms)) return null;
  let whole = Math.floor(ms);
  let micro = Math.round((ms - whole) * 1000);
  if (micro === 1000) {
    whole += 1;
    micro = 0;
  }
  if (whole < MIN_MS || whole >= MAX_MS) return null;
  const d = new Date(whole);
  const frac = d.getUTCMilliseconds() * 1000 + micro;
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)} ` +
    `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(frac, 6)}`
  );
};

/**
 * Parses `YYYY-MM-DD HH:MM:SS[.ffffff]` (UTC) to epoch milliseconds; NaN when malformed.
 *
 * @since 0.1.0
 * @category conversions
 */
export const parseDateTime = (s: string): number => {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(s);
  if (m === null) return Number.NaN;
  const base = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  // Date.UTC maps years 0-99 to 1900-1999; the stored range starts at 1000 so that cannot happen.
  const micros = m[7] === undefined ? 0 : Number(m[7].padEnd(6, "0"));
  return base + micros / 1000;
};

// A lone surrogate cannot be encoded as UTF-8: both drivers would store U+FFFD instead.
const fits = (s: string | null | undefined, width: number): boolean =>
  s == null || (s.length <= width && !/\p{Surrogate}/u.test(s));

/**
 * An action as a {@link Row}, or the reason it cannot be stored faithfully.
 *
 * @since 0.1.0
 * @category conversions
 */
export const toRow = (a: OpenStackAction): { readonly row: Row } | { readonly reject: string } => {
  const ts = formatDateTime(a.ts);
  if (ts === null) return { reject: `time ${a.ts} outside years 1000-9999` };
  // An empty instance is legitimate: a failed create, or a glance/neutron create, whose new id is
  // only in the response body the logs do not show. It still has a unique (instance, action, ts).
  if (!fits(a.instance, widths.instance)) return { reject: "instance too long" };
  if (a.action === "" || !fits(a.action, widths.action)) return { reject: "action empty or too long" };
  if (!fits(a.requestId, widths.requestId)) return { reject: "requestId too long" };
  if (!fits(a.userId, widths.userId)) return { reject: "userId too long" };
  if (!fits(a.projectId, widths.projectId)) return { reject: "projectId too long" };
  if (!fits(a.derivation, widths.derivation)) return { reject: "derivation too long" };
  if (!fits(a.resource, widths.resource)) return { reject: "resource too long" };
  if (a.status !== null && !(Number.isInteger(a.status) && a.status >= 0 && a.status <= 65535)) {
    return { reject: `status ${a.status} is not an HTTP status` };
  }
  const candidates = a.candidates === undefined ? null : JSON.stringify(a.candidates);
  if (!fits(candidates, widths.candidates)) return { reject: "candidates too long" };
  return {
    row: [
      a.instance,
      a.action,
      ts,
      a.requestId,
      a.userId,
      a.projectId,
      a.status,
      a.derivation,
      candidates,
      a.resource ?? null,
    ],
  };
};

/**
 * A stored row (as the drivers return it) back to an action. `ts` comes back to the microsecond.
 *
 * @since 0.1.0
 * @category conversions
 */
export const fromRow = (r: Record<string, unknown>): OpenStackAction => {
  const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
  const out: {
    -readonly [K in keyof OpenStackAction]: OpenStackAction[K];
  } = {
    instance: String(r.instance),
    action: String(r.action),
    ts: parseDateTime(String(r.ts)),
    requestId: str(r.request_id),
    userId: str(r.user_id),
    projectId: str(r.project_id),
    status: r.status === null || r.status === undefined ? null : Number(r.status),
    derivation: String(r.derivation) as OpenStackAction["derivation"],
  };
  if (r.candidates !== null && r.candidates !== undefined) out.candidates = JSON.parse(String(r.candidates));
  if (r.resource !== null && r.resource !== undefined) out.resource = String(r.resource);
  return out;
};

/**
 * MySQL/MariaDB DDL for an action table (InnoDB, utf8mb4, unique `(instance, action, ts)`). The
 * collation should be a binary NO PAD one (`utf8mb4_nopad_bin` on MariaDB, `utf8mb4_0900_bin` on
 * MySQL 8) so that keys compare exactly as SQLite's do (`a` and `a ` differ).
 *
 * @since 0.1.0
 * @category sql
 */
export const mysqlActionTable = (
  table: string,
  collation = "utf8mb4_bin",
): string => `CREATE TABLE IF NOT EXISTS \`${table}\` (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  instance VARCHAR(${widths.instance}) NOT NULL,
  action VARCHAR(${widths.action}) NOT NULL,
  ts DATETIME(6) NOT NULL COMMENT 'UTC',
  request_id VARCHAR(${widths.requestId}) NULL,
  user_id VARCHAR(${widths.userId}) NULL,
  project_id VARCHAR(${widths.projectId}) NULL,
  status INT NULL COMMENT 'HTTP status; 4xx/5xx = failed',
  derivation VARCHAR(${widths.derivation}) NOT NULL COMMENT 'request | request-id | time-window',
  candidates TEXT NULL COMMENT 'JSON array, for unknown actions',
  resource VARCHAR(${widths.resource}) NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  UNIQUE KEY uq_instance_action_ts (instance, action, ts),
  KEY ix_ts (ts)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${collation}`;

/**
 * MySQL/MariaDB DDL for the checkpoint table.
 *
 * @since 0.1.0
 * @category sql
 */
export const mysqlCheckpointTable = (
  collation = "utf8mb4_bin",
): string => `CREATE TABLE IF NOT EXISTS \`${checkpointTable}\` (
  target VARCHAR(64) NOT NULL COMMENT 'the action table the rows went to',
  path_hash CHAR(64) NOT NULL COMMENT 'sha256 of path',
  path TEXT NOT NULL,
  dev VARCHAR(24) NOT NULL,
  ino VARCHAR(24) NOT NULL,
  byte_offset BIGINT UNSIGNED NOT NULL COMMENT 'end of the last fully processed line',
  head_length INT UNSIGNED NOT NULL,
  head_hash CHAR(64) NOT NULL COMMENT 'sha256 of the first head_length bytes',
  updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (target, path_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${collation}`;

/**
 * MySQL/MariaDB DDL for the carry table.
 *
 * @since 0.2.0
 * @category sql
 */
export const mysqlCarryTable = (
  collation = "utf8mb4_bin",
): string => `CREATE TABLE IF NOT EXISTS \`${carryTable}\` (
  target VARCHAR(64) NOT NULL COMMENT 'the action table whose run carried this',
  seq INT UNSIGNED NOT NULL COMMENT 'order of the items',
  kind VARCHAR(16) NOT NULL COMMENT 'request (undecided if body.pending) | event | instance | byid | seen | fresh | state',
  ts DATETIME(6) NULL COMMENT 'UTC',
  instance VARCHAR(${widths.instance}) NULL,
  request_id VARCHAR(${widths.requestId}) NULL,
  body MEDIUMTEXT NOT NULL COMMENT 'JSON read back by the next run',
  PRIMARY KEY (target, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${collation}`;

/**
 * SQLite DDL for the carry table.
 *
 * @since 0.2.0
 * @category sql
 */
export const sqliteCarryTable = `CREATE TABLE IF NOT EXISTS ${carryTable} (
  target TEXT NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  ts TEXT,
  instance TEXT,
  request_id TEXT,
  body TEXT NOT NULL,
  PRIMARY KEY (target, seq)
)`;

/**
 * A carry item as column values: `[kind, ts, instance, request_id, body]`.
 *
 * @since 0.2.0
 * @category conversions
 */
export const carryRow = (
  c: CarryItem,
): readonly [string, string | null, string | null, string | null, string] => [
  c.kind,
  c.ts === null ? null : formatDateTime(c.ts),
  fits(c.instance, widths.instance) ? c.instance : null,
  fits(c.requestId, widths.requestId) ? c.requestId : null,
  c.body,
];

/**
 * A carry table row back to an item.
 *
 * @since 0.2.0
 * @category conversions
 */
export const carryOf = (r: Record<string, unknown>): CarryItem => ({
  kind: String(r.kind),
  ts: r.ts === null || r.ts === undefined ? null : parseDateTime(String(r.ts)),
  instance: r.instance === null || r.instance === undefined ? null : String(r.instance),
  requestId: r.request_id === null || r.request_id === undefined ? null : String(r.request_id),
  body: String(r.body),
});

/**
 * SQLite DDL for an action table (same columns; times as TEXT).
 *
 * @since 0.1.0
 * @category sql
 */
export const sqliteActionTable = (table: string): string => `CREATE TABLE IF NOT EXISTS "${table}" (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  instance TEXT NOT NULL,
  action TEXT NOT NULL,
  ts TEXT NOT NULL,
  request_id TEXT,
  user_id TEXT,
  project_id TEXT,
  status INTEGER,
  derivation TEXT NOT NULL,
  candidates TEXT,
  resource TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
  UNIQUE (instance, action, ts)
);
CREATE INDEX IF NOT EXISTS "ix_${table}_ts" ON "${table}" (ts)`;

/**
 * SQLite DDL for the checkpoint table.
 *
 * @since 0.1.0
 * @category sql
 */
export const sqliteCheckpointTable = `CREATE TABLE IF NOT EXISTS ${checkpointTable} (
  target TEXT NOT NULL,
  path_hash TEXT NOT NULL,
  path TEXT NOT NULL,
  dev TEXT NOT NULL,
  ino TEXT NOT NULL,
  byte_offset INTEGER NOT NULL,
  head_length INTEGER NOT NULL,
  head_hash TEXT NOT NULL,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
  PRIMARY KEY (target, path_hash)
)`;

/**
 * A checkpoint table row back to a Checkpoint.
 *
 * @since 0.1.0
 * @category conversions
 */
export const checkpointOf = (r: Record<string, unknown>): Checkpoint => ({
  path: String(r.path),
  dev: String(r.dev),
  ino: String(r.ino),
  offset: Number(r.byte_offset),
  headLength: Number(r.head_length),
  headHash: String(r.head_hash),
});

/**
 * A retention cutoff as stored text, clamped into the DATETIME range.
 *
 * @since 0.1.0
 * @category conversions
 */
export const cutoffText = (ms: number): string => {
  const lo = Date.UTC(1000, 0, 1);
  const hi = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
  return formatDateTime(Math.min(hi, Math.max(lo, Number.isNaN(ms) ? lo : ms)))!;
};
