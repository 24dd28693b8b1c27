/**
 * The MySQL/MariaDB backend (mysql2, one connection, operations serialised). Each batch is one
 * transaction: `INSERT IGNORE` in multi-row statements of up to 500 rows, then the checkpoints
 * (`INSERT … ON DUPLICATE KEY UPDATE`), then the carried state (deleted and written anew in
 * multi-row statements), then COMMIT; any failure rolls the whole batch back.
 *
 * @since 0.1.0
 * @module
 */
import type { OpenStackAction } from "@fleetlens/core/lite";
import { Effect, Schedule } from "effect";
import mysql from "mysql2/promise";
import type { Checkpoint } from "./Checkpoint.js";
import { pathKey } from "./Checkpoint.js";
import { StoreError, type StoreErrorReason } from "./errors.js";
import type { Store, WriteOptions, WriteResult } from "./Store.js";
import {
  type ActionKind,
  carryOf,
  carryRow,
  carryTable,
  checkpointOf,
  checkpointTable,
  columns,
  cutoffText,
  defaultTables,
  fromRow,
  mysqlActionTable,
  mysqlCarryTable,
  mysqlCheckpointTable,
  type Row,
  toRow,
  validateTable,
} from "./Tables.js";
import type { SinkUrl } from "./Url.js";

type MysqlUrl = Extract<SinkUrl, { kind: "mysql" }>;

const unreachableCodes = new Set([
  "ECONNREFUSED",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "EADDRNOTAVAIL",
]);
const lostCodes = new Set(["PROTOCOL_CONNECTION_LOST", "ECONNRESET", "EPIPE", "ER_SERVER_SHUTDOWN"]);

const CHUNK = 500;

/** @internal Maps a driver error to a reason; the password never appears in `detail`. */
export const reasonOf = (e: unknown, url: MysqlUrl, connecting: boolean): StoreErrorReason => {
  const code = String((e as { code?: unknown })?.code ?? "");
  let detail = (e instanceof Error ? e.message : String(e)) || code || "unknown error";
  if (url.password.length > 0) detail = detail.split(url.password).join("***");
  if (unreachableCodes.has(code) || (connecting && code === "ECONNRESET")) {
    return {
      _tag: "Unreachable",
      host: url.host,
      port: url.port,
      detail: code === "ETIMEDOUT" ? "connect timed out" : code,
    };
  }
  if (
    code === "ER_ACCESS_DENIED_ERROR" ||
    code === "ER_DBACCESS_DENIED_ERROR" ||
    code === "ER_TABLEACCESS_DENIED_ERROR"
  ) {
    return {
      _tag: "AccessDenied",
      user: url.user,
      detail: code === "ER_ACCESS_DENIED_ERROR" ? `wrong password or unknown user (${detail})` : detail,
    };
  }
  if (code === "ER_BAD_DB_ERROR") return { _tag: "UnknownDatabase", database: url.database };
  if (code === "ER_LOCK_DEADLOCK" || code === "ER_LOCK_WAIT_TIMEOUT") return { _tag: "Busy", detail };
  if (lostCodes.has(code)) return { _tag: "ConnectionLost", detail };
  return { _tag: "Failed", detail };
};

/** @internal */
export const openMysql = async (
  sink: string,
  url: MysqlUrl,
  kind: ActionKind,
  table: string | undefined,
  retries: number,
): Promise<Store> => {
  const connect = Effect.tryPromise({
    try: () =>
      mysql.createConnection({
        host: url.host,
        port: url.port,
        user: url.user,
        password: url.password,
        database: url.database,
        charset: "utf8mb4",
        dateStrings: true,
        timezone: "Z",
        connectTimeout: url.connectTimeoutMs,
        supportBigNumbers: true,
        bigNumberStrings: true,
      }),
    catch: (e) => new StoreError({ sink, reason: reasonOf(e, url, true) }),
  }).pipe(
    Effect.retry({
      while: (e: StoreError) => e.retryable,
      times: Math.max(0, retries),
      schedule: Schedule.exponential("200 millis"),
    }),
  );
  const exit = await Effect.runPromiseExit(connect);
  if (exit._tag === "Failure") {
    const err = exit.cause.reasons.find((r) => r._tag === "Fail");
    throw err?._tag === "Fail"
      ? err.error
      : new StoreError({ sink, reason: { _tag: "Failed", detail: "connect failed" } });
  }
  const conn = exit.value;
  // The connection object may emit errors after a server restart; they surface on the next query.
  conn.on("error", () => {});
  const fail = (e: unknown): StoreError =>
    e instanceof StoreError ? e : new StoreError({ sink, reason: reasonOf(e, url, false) });

  let queue: Promise<unknown> = Promise.resolve();
  const serial = <A>(f: () => Promise<A>): Promise<A> => {
    const next = queue.then(f, f);
    queue = next.catch(() => undefined);
    return next.catch((e) => {
      throw fail(e);
    });
  };

  let target = table ?? defaultTables[kind];
  let ready = false;
  let collation: string | null = null;

  const ensure = async (name: string): Promise<void> => {
    const checked = validateTable(sink, name);
    if (checked instanceof StoreError) throw checked;
    await conn.query("SET time_zone = '+00:00'");
    if (collation === null) {
      const [rows] = await conn.query(
        "SELECT COLLATION_NAME AS c FROM information_schema.COLLATIONS WHERE COLLATION_NAME IN ('utf8mb4_nopad_bin', 'utf8mb4_0900_bin')",
      );
      const names = (rows as Array<{ c: string }>).map((r) => r.c);
      collation = names.includes("utf8mb4_nopad_bin")
        ? "utf8mb4_nopad_bin"
        : names.includes("utf8mb4_0900_bin")
          ? "utf8mb4_0900_bin"
          : "utf8mb4_bin";
    }
    await conn.query(mysqlActionTable(checked, collation));
    await conn.query(mysqlCheckpointTable(collation));
    await conn.query(mysqlCarryTable(collation));
    target = checked;
    ready = true;
  };
  const ready_ = async (): Promise<void> => {
    if (!ready) await ensure(target);
  };

  const insertSql = (n: number): string =>
    `INSERT IGNORE INTO \`${target}\` (${columns.join(", ")}) VALUES ${Array.from(
      { length: n },
      () => `(${columns.map(() => "?").join(", ")})`,
    ).join(", ")}`;

  const writeBatch = async (
    actions: ReadonlyArray<OpenStackAction>,
    checkpoints: ReadonlyArray<Checkpoint>,
    options: WriteOptions,
  ): Promise<WriteResult> => {
    await ready_();
    const rows: Row[] = [];
    const rejections: string[] = [];
    let rejected = 0;
    for (const a of actions) {
      const r = toRow(a);
      if ("row" in r) rows.push(r.row);
      else if (++rejected <= 10) rejections.push(r.reject);
    }
    let inserted = 0;
    await conn.beginTransaction();
    try {
      if (options.replace === true) {
        await conn.query(`DELETE FROM \`${target}\``);
        await conn.query(`DELETE FROM \`${checkpointTable}\` WHERE target = ?`, [target]);
        await conn.query(`DELETE FROM \`${carryTable}\` WHERE target = ?`, [target]);
      }
      for (let i = 0; i < rows.length; i += CHUNK) {
        const part = rows.slice(i, i + CHUNK);
        const [res] = await conn.query(insertSql(part.length), part.flat());
        inserted += (res as mysql.ResultSetHeader).affectedRows;
      }
      for (const c of checkpoints) {
        await conn.query(
          `INSERT INTO \`${checkpointTable}\` (target, path_hash, path, dev, ino, byte_offset, head_length, head_hash)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON DUPLICATE KEY UPDATE path = VALUES(path), dev = VALUES(dev), ino = VALUES(ino),
             byte_offset = VALUES(byte_offset), head_length = VALUES(head_length), head_hash = VALUES(head_hash)`,
          [target, pathKey(c.path), c.path, c.dev, c.ino, c.offset, c.headLength, c.headHash],
        );
      }
      const carry = options.carry;
      if (carry !== undefined) {
        await conn.query(`DELETE FROM \`${carryTable}\` WHERE target = ?`, [target]);
        for (let i = 0; i < carry.length; i += CHUNK) {
          const part = carry.slice(i, i + CHUNK);
          await conn.query(
            `INSERT INTO \`${carryTable}\` (target, seq, kind, ts, instance, request_id, body) VALUES ${part
              .map(() => "(?, ?, ?, ?, ?, ?, ?)")
              .join(", ")}`,
            part.flatMap((c, k) => [target, i + k, ...carryRow(c)]),
          );
        }
      }
      await conn.commit();
    } catch (e) {
      await conn.rollback().catch(() => undefined);
      throw e;
    }
    return { inserted, duplicates: rows.length - inserted, rejected, rejections };
  };

  return {
    sink,
    backend: "mysql",
    get table() {
      return target;
    },
    ensureSchema: (name?: string, k?: ActionKind) => serial(() => ensure(name ?? defaultTables[k ?? kind])),
    writeBatch: (actions, checkpoints = [], options = {}) =>
      serial(() => writeBatch(actions, checkpoints, options)),
    checkpoint: (path: string) =>
      serial(async () => {
        await ready_();
        const [rows] = await conn.query(
          `SELECT * FROM \`${checkpointTable}\` WHERE target = ? AND path_hash = ?`,
          [target, pathKey(path)],
        );
        const r = (rows as Record<string, unknown>[])[0];
        return r === undefined ? null : checkpointOf(r);
      }),
    carried: () =>
      serial(async () => {
        await ready_();
        const [rows] = await conn.query(
          `SELECT kind, ts, instance, request_id, body FROM \`${carryTable}\` WHERE target = ? ORDER BY seq`,
          [target],
        );
        return (rows as Record<string, unknown>[]).map(carryOf);
      }),
    count: () =>
      serial(async () => {
        await ready_();
        const [rows] = await conn.query(`SELECT COUNT(*) AS n FROM \`${target}\``);
        return Number((rows as Array<{ n: unknown }>)[0]!.n);
      }),
    rows: () =>
      serial(async () => {
        await ready_();
        const [rows] = await conn.query(
          `SELECT ${columns.join(", ")} FROM \`${target}\` ORDER BY ts, instance, action`,
        );
        return (rows as Record<string, unknown>[]).map(fromRow);
      }),
    deleteBefore: (cutoffMs: number) =>
      serial(async () => {
        await ready_();
        const [res] = await conn.query(`DELETE FROM \`${target}\` WHERE ts < ?`, [cutoffText(cutoffMs)]);
        return (res as mysql.ResultSetHeader).affectedRows;
      }),
    close: () => serial(() => conn.end()),
  };
};
