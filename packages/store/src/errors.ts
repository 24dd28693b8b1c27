/**
 * The one error a store raises. Like effect's `SqlError`, a {@link StoreError} carries a `reason`:
 * a tagged union whose members say what went wrong and whether trying again can help
 * ({@link isRetryable}). Messages are one line and never contain a password: `sink` is always the
 * redacted URL ({@link redactUrl}).
 *
 * @since 0.1.0
 * @module
 */
import { Schema } from "effect";

/**
 * Why a store operation failed:
 * - `BadUrl`: the sink URL cannot be used (unknown scheme, missing database, bad port). Not retryable.
 * - `BadTable`: a table name that is not a plain identifier. Not retryable.
 * - `Unreachable`: nothing answers at host:port (refused, timed out, unknown host). Retryable.
 * - `AccessDenied`: the server refused the user or password, or a privilege is missing. Not retryable.
 * - `UnknownDatabase`: the database does not exist. Not retryable.
 * - `Busy`: a lock wait, a deadlock, `SQLITE_BUSY`. Retryable.
 * - `ConnectionLost`: the connection closed during the operation. Retryable.
 * - `Io`: the embedded database's file cannot be opened or written (permissions, full disk). Not retryable.
 * - `Failed`: anything else the server or driver reported. Not retryable.
 *
 * @since 0.1.0
 * @category errors
 */
export const StoreErrorReason = Schema.Union([
  Schema.TaggedStruct("BadUrl", { detail: Schema.String }),
  Schema.TaggedStruct("BadTable", { table: Schema.String, detail: Schema.String }),
  Schema.TaggedStruct("Unreachable", { host: Schema.String, port: Schema.Finite, detail: Schema.String }),
  Schema.TaggedStruct("AccessDenied", { user: Schema.String, detail: Schema.String }),
  Schema.TaggedStruct("UnknownDatabase", { database: Schema.String }),
  Schema.TaggedStruct("Busy", { detail: Schema.String }),
  Schema.TaggedStruct("ConnectionLost", { detail: Schema.String }),
  Schema.TaggedStruct("Io", { detail: Schema.String }),
  Schema.TaggedStruct("Failed", { detail: Schema.String }),
]);
/** @since 0.1.0 @category errors */
export type StoreErrorReason = typeof StoreErrorReason.Type;

const retryableTags: ReadonlySet<StoreErrorReason["_tag"]> = new Set([
  "Unreachable",
  "Busy",
  "ConnectionLost",
]);

/**
 * Whether trying the same operation again can succeed (the server may come up, the lock may clear).
 *
 * @since 0.1.0
 * @category errors
 */
export const isRetryable = (reason: StoreErrorReason): boolean => retryableTags.has(reason._tag);

const describe = (r: StoreErrorReason): string => {
  switch (r._tag) {
    case "BadUrl":
      return `bad sink URL: ${r.detail}`;
    case "BadTable":
      return `bad table name ${JSON.stringify(r.table)}: ${r.detail}`;
    case "Unreachable":
      return `cannot reach ${r.host}:${r.port}: ${r.detail}`;
    case "AccessDenied":
      return `access denied for user ${JSON.stringify(r.user)}: ${r.detail}`;
    case "UnknownDatabase":
      return `unknown database ${JSON.stringify(r.database)}`;
    case "Busy":
      return `database busy: ${r.detail}`;
    case "ConnectionLost":
      return `connection lost: ${r.detail}`;
    case "Io":
      return `cannot use the database file: ${r.detail}`;
    case "Failed":
      return r.detail;
  }
};

/**
 * A store failure. `sink` is the redacted sink URL (no password), `reason` says what happened and
 * whether a retry can help; `message` is one line: `mysql://ops:***@db:3306/ops: access denied for
 * user "ops": wrong password or no privilege`.
 *
 * @since 0.1.0
 * @category errors
 */
export class StoreError extends Schema.TaggedError<StoreError>()("StoreError", {
  sink: Schema.String,
  reason: StoreErrorReason,
}) {
  /** Whether trying again can help. @since 0.1.0 */
  get retryable(): boolean {
    return isRetryable(this.reason);
  }
  override get message(): string {
    return `${this.sink}: ${describe(this.reason)}`.replace(/\s+/g, " ");
  }
}

/**
 * Whether a value is a {@link StoreError}.
 *
 * @since 0.1.0
 * @category errors
 */
export const isStoreError = (u: unknown): u is StoreError => u instanceof StoreError;
