/**
 * The store: where OpenStack actions go. {@link open} takes a sink URL (see `Url.ts`) and gives a
 * {@link Store} with the same contract on every backend:
 * - `ensureSchema(table, kind)` creates the action table, the checkpoint table and the carry table
 *   if missing and makes `table` the target (done on first write with the kind's default table
 *   otherwise);
 * - `writeBatch(rows, checkpoints, { replace, carry })` writes one batch in ONE transaction: the
 *   rows (duplicates of `(instance, action, ts)` ignored), then the checkpoints, then, when `carry`
 *   is given, the target's carried state replaced by it; with `replace`, the table, its
 *   checkpoints and its carried state are emptied first in the same transaction. A batch is all or
 *   nothing, so a run killed mid-batch leaves the previous batch's rows, checkpoints and carried
 *   state;
 * - `checkpoint(path)` the stored checkpoint for an input file of the target table, or null;
 * - `carried()` the target's carried state (what the last run that wrote one left undecided), in
 *   order;
 * - `count()`, `rows()` read back; `deleteBefore(ms)` drops old rows (retention);
 * - `close()` releases the connection. All failures reject with a {@link StoreError}.
 *
 * The stream sink (`stdout:jsonl`, `stdout:csv`) writes rows and keeps nothing: no checkpoints,
 * `count()` is the number of rows written, `rows()` fails.
 *
 * @since 0.1.0
 * @module
 */
import type { OpenStackAction } from "@fleetlens/core/lite";
import type { Checkpoint } from "./Checkpoint.js";
import { StoreError } from "./errors.js";
import type { ActionKind, CarryItem } from "./Tables.js";
import { parseSinkUrl, redactUrl } from "./Url.js";

/**
 * What one batch did. `inserted + duplicates + rejected` = rows given.
 *
 * @since 0.1.0
 * @category models
 */
export interface WriteResult {
  /** New rows. */
  readonly inserted: number;
  /** Rows whose `(instance, action, ts)` was already stored (or repeated within the batch). */
  readonly duplicates: number;
  /** Rows that cannot be stored faithfully (see `toRow`), with the first few reasons. */
  readonly rejected: number;
  readonly rejections: ReadonlyArray<string>;
}

/**
 * Options of {@link Store.writeBatch}.
 *
 * @since 0.1.0
 * @category models
 */
export interface WriteOptions {
  /** Empty the target table, its checkpoints and its carried state first, in the same transaction. Default false. */
  readonly replace?: boolean | undefined;
  /** Replace the target's carried state with these items (an empty list clears it). Default: leave it. */
  readonly carry?: ReadonlyArray<CarryItem> | undefined;
}

/**
 * A sink for actions. See the module documentation for the contract.
 *
 * @since 0.1.0
 * @category models
 */
export interface Store {
  /** The sink URL without password. */
  readonly sink: string;
  readonly backend: "sqlite" | "mysql" | "stream";
  /** The current target table. */
  readonly table: string;
  ensureSchema(table?: string, kind?: ActionKind): Promise<void>;
  writeBatch(
    rows: ReadonlyArray<OpenStackAction>,
    checkpoints?: ReadonlyArray<Checkpoint>,
    options?: WriteOptions,
  ): Promise<WriteResult>;
  checkpoint(path: string): Promise<Checkpoint | null>;
  /** The target's carried state, in the order it was written (empty when none; always for a stream). */
  carried(): Promise<ReadonlyArray<CarryItem>>;
  count(): Promise<number>;
  /** Every stored row of the target table, ordered by ts, instance, action. */
  rows(): Promise<ReadonlyArray<OpenStackAction>>;
  /** Deletes rows with `ts` before `cutoffMs`; returns how many. */
  deleteBefore(cutoffMs: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * Options of {@link open}.
 *
 * @since 0.1.0
 * @category models
 */
export interface OpenOptions {
  /** Target table. Default: the kind's default table. */
  readonly table?: string | undefined;
  /** Default `vm`. */
  readonly kind?: ActionKind | undefined;
  /** Where a stream sink writes. Default process.stdout. */
  readonly out?: NodeJS.WritableStream | undefined;
  /** Connection attempts after the first when the server is unreachable or busy. Default 0. */
  readonly retries?: number | undefined;
}

/**
 * Opens a sink. For MySQL it connects (and so fails here, writing nothing, on an unreachable host,
 * a wrong password or an unknown database); for SQLite it opens or creates the file. The schema
 * is created by {@link Store.ensureSchema} or on first write.
 *
 * @since 0.1.0
 * @category constructors
 */
export const open = async (url: string, options: OpenOptions = {}): Promise<Store> => {
  const parsed = parseSinkUrl(url);
  if (parsed instanceof StoreError) throw parsed;
  const sink = redactUrl(url.trim());
  const kind = options.kind ?? "vm";
  switch (parsed.kind) {
    case "sqlite": {
      const { openSqlite } = await import("./sqlite.js");
      return openSqlite(sink, parsed.path, kind, options.table);
    }
    case "mysql": {
      const { openMysql } = await import("./mysql.js");
      return openMysql(sink, parsed, kind, options.table, options.retries ?? 0);
    }
    case "stream": {
      const { openStream } = await import("./stream.js");
      return openStream(sink, parsed.format, options.out ?? process.stdout, kind, options.table);
    }
  }
};
