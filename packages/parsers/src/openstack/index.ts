/**
 * The `openstack` parser: oslo.log service logs (nova, glance, neutron, …) as
 * {@link OsLogRecord} records.
 *
 * @since 0.1.0
 * @module
 */
import type { OsLogRecord } from "@fleetlens/core/lite";
import type { Parser } from "../types.js";
import { info, sniff } from "./info.js";
import { type OsLogOptions, osLogParser } from "./parse.js";

export { info, sniff } from "./info.js";
export {
  MAX_TRACEBACK_CHARS,
  MAX_TRACEBACK_LINES,
  type OsLogOptions,
  osLogParser,
  parseHttpMessage,
  parseLifecycleMessage,
  parseOsLog,
  splitDebugSuffix,
  TRACEBACK,
} from "./parse.js";
export {
  compareLoghubCsv,
  httpMessage,
  type LoghubComparison,
  type LoghubMismatch,
  lifecycleMessage,
  loghubColumns,
  type OsContextStyle,
  osContext,
  osTimestamp,
  type RenderOsLogOptions,
  readCsv,
  renderOsLog,
} from "./render.js";

/**
 * The registry entry of the `openstack` kind.
 *
 * @since 0.1.0
 * @category registry
 */
export const parser = { info, create: osLogParser, sniff } satisfies Parser<OsLogRecord, OsLogOptions>;
