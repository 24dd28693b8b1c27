/**
 * @fleetlens/store: idempotent, batched, checkpointed sinks for OpenStack actions: SQLite (the
 * embedded default), MySQL/MariaDB, and JSONL/CSV streams for dry runs.
 *
 * @since 0.1.0
 * @module
 */
export { type BatchOptions, BatchWriter, type WriteTotals } from "./BatchWriter.js";
export {
  type Checkpoint,
  type FileCursor,
  HEAD_BYTES,
  identify,
  pathKey,
  type ResumeReason,
  readComplete,
  resume,
} from "./Checkpoint.js";
export { isRetryable, isStoreError, StoreError, StoreErrorReason } from "./errors.js";
export { deleteOlderThan } from "./Retention.js";
export { type OpenOptions, open, type Store, type WriteOptions, type WriteResult } from "./Store.js";
export { csvHeader, toCsvLine, toJsonLine } from "./stream.js";
export {
  type ActionKind,
  type CarryItem,
  carryOf,
  carryRow,
  carryTable,
  checkpointTable,
  columns,
  defaultTables,
  formatDateTime,
  fromRow,
  mysqlActionTable,
  mysqlCarryTable,
  mysqlCheckpointTable,
  parseDateTime,
  type Row,
  sqliteActionTable,
  sqliteCarryTable,
  sqliteCheckpointTable,
  toRow,
  validateTable,
  widths,
} from "./Tables.js";
export { defaultSinkUrl, parseSinkUrl, redactUrl, type SinkUrl } from "./Url.js";
