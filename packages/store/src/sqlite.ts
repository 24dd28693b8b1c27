/**
 * The SQLite backend (better-sqlite3, synchronous, WAL journal). Each batch is one
 * `BEGIN IMMEDIATE … COMMIT`; rows go in with `INSERT … ON CONFLICT DO NOTHING`, then the
 * checkpoints, then the carried state (deleted and written anew).
 *
 * @since 0.1.0
 * @module
 */
import type { OpenStackAction } from "@fleetlens/core/lite";
import Database from "better-sqlite3";
import type { Checkpoint } from "./Checkpoint.js";
import { pathKey } from "./Checkpoint.js";
import { StoreError, type StoreErrorReason } from "./errors.js";
import type { Store, WriteOptions, WriteResult } from "./Store.js";
import {
  type ActionKind,
  type CarryItem,
  carryOf,
  carryRow,
  carryTable,
  checkpointOf,
  checkpointTable,
  columns,
  cutoffText,
  defaultTables,
  fromRow,
  type Row,
  sqliteActionTable,
  sqliteCarryTable,
  sqliteCheckpointTable,
  toRow,
  validateTable,
} from "./Tables.js";

const reasonOf = (e: unknown): StoreErrorReason => {
  const code = String((e as { code?: unknown })?.code ?? "");
  const detail = e instanceof Error ? e.message : String(e);
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return { _tag: "Busy", detail };
  if (
    code.startsWith("SQLITE_CANTOPEN") ||
    code.startsWith("SQLITE_READONLY") ||
    code.startsWith("SQLITE_FULL") ||
    code.startsWith("SQLITE_IOERR") ||
    code.startsWith("SQLITE_PERM") ||
    code.startsWith("SQLITE_NOTADB") ||
    code.startsWith("SQLITE_CORRUPT")
  ) {
    return { _tag: "Io", detail };
  }
  return { _tag: "Failed", detail };
};

/** @internal */
export const openSqlite = async (
  sink: string,
  path: string,
  kind: ActionKind,
  table: string | undefined,
): Promise<Store> => {
  const fail = (e: unknown): StoreError =>
    e instanceof StoreError ? e : new StoreError({ sink, reason: reasonOf(e) });
  const guard = <A>(f: () => A): Promise<A> => {
    try {
      return Promise.resolve(f());
    } catch (e) {
      return Promise.reject(fail(e));
    }
  };
  let db: Database.Database;
  try {
    db = new Database(path);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("busy_timeout = 5000");
  } catch (e) {
    // Opening fails only on the file: a missing directory, no permission, not a database.
    throw new StoreError({
      sink,
      reason: { _tag: "Io", detail: e instanceof Error ? e.message : String(e) },
    });
  }
  let target = table ?? defaultTables[kind];
  let ready = false;
  let insert: Database.Statement | null = null;

  const ensure = (name: string): void => {
    const checked = validateTable(sink, name);
    if (checked instanceof StoreError) throw checked;
    db.exec(sqliteActionTable(checked));
    db.exec(sqliteCheckpointTable);
    db.exec(sqliteCarryTable);
    target = checked;
    insert = db.prepare(
      `INSERT INTO "${checked}" (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")}) ON CONFLICT DO NOTHING`,
    );
    ready = true;
  };
  const ready_ = (): void => {
    if (!ready) ensure(target);
  };

  const write = db.transaction(
    (
      rows: ReadonlyArray<Row>,
      cps: ReadonlyArray<Checkpoint>,
      replace: boolean,
      carry: ReadonlyArray<CarryItem> | undefined,
    ): number => {
      if (replace) {
        db.prepare(`DELETE FROM "${target}"`).run();
        db.prepare(`DELETE FROM ${checkpointTable} WHERE target = ?`).run(target);
        db.prepare(`DELETE FROM ${carryTable} WHERE target = ?`).run(target);
      }
      let inserted = 0;
      for (const r of rows) inserted += insert!.run(...r).changes;
      const upsert = db.prepare(
        `INSERT INTO ${checkpointTable} (target, path_hash, path, dev, ino, byte_offset, head_length, head_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (target, path_hash) DO UPDATE SET path = excluded.path, dev = excluded.dev, ino = excluded.ino,
           byte_offset = excluded.byte_offset, head_length = excluded.head_length, head_hash = excluded.head_hash,
           updated_at = strftime('%Y-%m-%d %H:%M:%f', 'now')`,
      );
      for (const c of cps) {
        upsert.run(target, pathKey(c.path), c.path, c.dev, c.ino, c.offset, c.headLength, c.headHash);
      }
      if (carry !== undefined) {
        db.prepare(`DELETE FROM ${carryTable} WHERE target = ?`).run(target);
        const put = db.prepare(
          `INSERT INTO ${carryTable} (target, seq, kind, ts, instance, request_id, body) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        );
        carry.forEach((c, i) => {
          put.run(target, i, ...carryRow(c));
        });
      }
      return inserted;
    },
  );

  return {
    sink,
    backend: "sqlite",
    get table() {
      return target;
    },
    ensureSchema: (name?: string, k?: ActionKind) => guard(() => ensure(name ?? defaultTables[k ?? kind])),
    writeBatch: (
      actions: ReadonlyArray<OpenStackAction>,
      checkpoints: ReadonlyArray<Checkpoint> = [],
      options: WriteOptions = {},
    ): Promise<WriteResult> =>
      guard(() => {
        ready_();
        const rows: Row[] = [];
        const rejections: string[] = [];
        let rejected = 0;
        for (const a of actions) {
          const r = toRow(a);
          if ("row" in r) rows.push(r.row);
          else if (++rejected <= 10) rejections.push(r.reject);
        }
        const inserted = write.immediate(rows, checkpoints, options.replace === true, options.carry);
        return { inserted, duplicates: rows.length - inserted, rejected, rejections };
      }),
    checkpoint: (path: string) =>
      guard(() => {
        ready_();
        const r = db
          .prepare(`SELECT * FROM ${checkpointTable} WHERE target = ? AND path_hash = ?`)
          .get(target, pathKey(path)) as Record<string, unknown> | undefined;
        return r === undefined ? null : checkpointOf(r);
      }),
    carried: () =>
      guard(() => {
        ready_();
        return (
          db
            .prepare(
              `SELECT kind, ts, instance, request_id, body FROM ${carryTable} WHERE target = ? ORDER BY seq`,
            )
            .all(target) as Record<string, unknown>[]
        ).map(carryOf);
      }),
    count: () =>
      guard(() => {
        ready_();
        return Number((db.prepare(`SELECT COUNT(*) AS n FROM "${target}"`).get() as { n: number }).n);
      }),
    rows: () =>
      guard(() => {
        ready_();
        return (
          db
            .prepare(`SELECT ${columns.join(", ")} FROM "${target}" ORDER BY ts, instance, action`)
            .all() as Record<string, unknown>[]
        ).map(fromRow);
      }),
    deleteBefore: (cutoffMs: number) =>
      guard(() => {
        ready_();
        const cutoff = cutoffText(cutoffMs);
        return db.prepare(`DELETE FROM "${target}" WHERE ts < ?`).run(cutoff).changes;
      }),
    close: () => guard(() => void db.close()),
  };
};
