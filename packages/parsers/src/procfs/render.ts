/**
 * Renders {@link ProcfsSample} records back into the kernel's procfs text (for round-trip
 * properties, fake /proc trees in tests, and benchmarks).
 *
 * @since 0.1.0
 * @module
 */
import type { ProcfsSample } from "@fleetlens/core/lite";
import { CPU_FIELDS, DISK_FIELDS, SECTOR_BYTES } from "./parse.js";

/**
 * The two header lines the kernel prints atop /proc/net/dev.
 *
 * @since 0.1.0
 * @category constants
 */
export const NET_DEV_HEADER =
  "Inter-|   Receive                                                |  Transmit\n" +
  " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n";

const fixed2 = (x: number): string => x.toFixed(2);
const pad = (x: number, w: number): string => String(x).padStart(w);

const line = (r: ProcfsSample): string => {
  switch (r.file) {
    case "stat":
      if (r.type === "cpu") {
        const cols: number[] = [];
        for (const f of CPU_FIELDS) {
          const v = r[f];
          if (v === null) break;
          cols.push(v);
        }
        return `${r.cpu === null ? "cpu " : `cpu${r.cpu}`} ${cols.join(" ")}`;
      }
      if (r.type === "counts") return [r.key, r.total, ...r.counts].join(" ");
      return `${r.key} ${r.value}`;
    case "meminfo":
      return r.unit === "bytes"
        ? `${`${r.key}:`.padEnd(16)}${pad(Math.floor(r.value / 1024), 8)} kB`
        : `${`${r.key}:`.padEnd(16)}${pad(r.value, 8)}`;
    case "loadavg":
      return `${fixed2(r.load1)} ${fixed2(r.load5)} ${fixed2(r.load15)} ${r.running}/${r.total} ${r.lastPid}`;
    case "uptime":
      return `${fixed2(r.uptimeSeconds)} ${fixed2(r.idleSeconds)}`;
    case "net-dev":
      return (
        `${r.interface.padStart(6)}: ${pad(r.rxBytes, 7)} ${pad(r.rxPackets, 7)} ${pad(r.rxErrs, 4)} ` +
        `${pad(r.rxDrop, 4)} ${pad(r.rxFifo, 4)} ${pad(r.rxFrame, 5)} ${pad(r.rxCompressed, 10)} ` +
        `${pad(r.rxMulticast, 9)} ${pad(r.txBytes, 8)} ${pad(r.txPackets, 7)} ${pad(r.txErrs, 4)} ` +
        `${pad(r.txDrop, 4)} ${pad(r.txFifo, 4)} ${pad(r.txColls, 5)} ${pad(r.txCarrier, 7)} ${pad(r.txCompressed, 10)}`
      );
    case "diskstats": {
      const old = r.readsMerged === null;
      const cols: number[] = [];
      const order = old ? (["reads", "readBytes", "writes", "writeBytes"] as const) : DISK_FIELDS;
      for (const f of order) {
        const v = r[f];
        if (v === null) break;
        cols.push(f.endsWith("Bytes") ? Math.floor(v / SECTOR_BYTES) : v);
      }
      return `${pad(r.major, 4)} ${pad(r.minor, 7)} ${r.device} ${cols.join(" ")}`;
    }
  }
};

/**
 * Renders records as the kernel prints their files: `cpu  …` (two spaces on the aggregate line),
 * meminfo keys padded to 16 columns with `kB` values (bytes / 1024), loadavg and uptime with two
 * decimals, /proc/net/dev with its two header lines before each run of interface lines, diskstats
 * with the device numbers right-aligned and bytes as 512-byte sectors. Null trailing columns (older
 * kernels) are left out.
 *
 * @example
 * ```ts
 * renderProcfs([{ file: "uptime", uptimeSeconds: 4872.98, idleSeconds: 5187.99 }]);
 * // "4872.98 5187.99\n"
 * ```
 * @since 0.1.0
 * @category renderers
 */
export const renderProcfs = (records: readonly ProcfsSample[]): string => {
  let out = "";
  let prev: string | undefined;
  for (const r of records) {
    if (r.file === "net-dev" && prev !== "net-dev") out += NET_DEV_HEADER;
    out += `${line(r)}\n`;
    prev = r.file;
  }
  return out;
};
