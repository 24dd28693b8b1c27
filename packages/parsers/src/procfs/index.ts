/**
 * The `procfs` parser: Linux /proc/stat, meminfo, loadavg, net/dev, diskstats and uptime as
 * {@link ProcfsSample} records.
 *
 * @since 0.1.0
 * @module
 */
import type { ProcfsSample } from "@fleetlens/core/lite";
import type { Parser } from "../types.js";
import { info, sniff } from "./info.js";
import { type ProcfsOptions, procfsParser } from "./parse.js";

export { info, sniff } from "./info.js";
export {
  CPU_FIELDS,
  DISK_FIELDS,
  NET_FIELDS,
  type ProcfsCpu,
  type ProcfsDiskstats,
  type ProcfsLoadavg,
  type ProcfsMeminfo,
  type ProcfsNetDev,
  type ProcfsOptions,
  type ProcfsStatCounts,
  type ProcfsStatValue,
  type ProcfsUptime,
  parseProcfs,
  procfsLine,
  procfsParser,
  SECTOR_BYTES,
  STAT_VALUE_KEYS,
} from "./parse.js";
export { NET_DEV_HEADER, renderProcfs } from "./render.js";

/**
 * The registry entry of the `procfs` kind.
 *
 * @since 0.1.0
 * @category registry
 */
export const parser = { info, create: procfsParser, sniff } satisfies Parser<ProcfsSample, ProcfsOptions>;
