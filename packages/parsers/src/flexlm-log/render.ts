/**
 * Renders {@link LicenceEvent} records as a FlexLM debug log (for round-trip properties, generated
 * histories and benchmarks).
 *
 * @since 0.1.0
 * @module
 */
import { type LicenceEvent, UTC, type Zone } from "@fleetlens/core/lite";

/**
 * Options of {@link renderFlexlmLog}.
 *
 * @since 0.1.0
 * @category models
 */
export interface RenderFlexlmLogOptions {
  /** Daemon named on TIMESTAMP lines. Default `lmgrd`. */
  readonly daemon?: string;
  /**
   * How dates are written: `anchors` (default) a `TIMESTAMP M/D/YYYY` line before the first event
   * and at every day change; `first` only before the first event (later days must be read from
   * midnight rollovers, so consecutive events must be less than a day apart); `none` no dates;
   * `leading-date` `YYYY-MM-DD hh:mm:ss` on every line; `datestamp` ISO with offset on every line.
   */
  readonly timestamps?: "anchors" | "first" | "none" | "leading-date" | "datestamp";
  /** Zone of the written wall clock. Default UTC. */
  readonly zone?: Zone;
}

const p2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * The message text of an event as a debug log prints it (after `(daemon) `).
 *
 * @since 0.1.0
 * @category renderers
 */
export const eventMessage = (e: LicenceEvent): string => {
  if (e.message !== undefined) return e.message;
  switch (e.event) {
    case "OUT":
    case "IN":
    case "DENIED":
    case "QUEUED":
    case "DEQUEUED":
    case "UNSUPPORTED": {
      let m = `${e.event}: "${e.feature ?? ""}" ${e.user ?? ""}@${e.host ?? ""}`;
      if (e.count !== 1) m += `  (${e.count} licenses)`;
      if (e.reason !== null) {
        if (e.event === "IN" || e.event === "OUT") m += `  (${e.reason})`;
        else m += `  (${e.reason}${e.code ? ` (${e.code})` : ""})`;
      } else if (e.code) m += `  ((${e.code}))`;
      return m;
    }
    case "EXPIRED":
      return `EXPIRED: ${e.feature ?? ""}`;
    default:
      return e.reason ?? "";
  }
};

/**
 * Renders events as debug-log lines, `HH:MM:SS (daemon) MESSAGE` with the hour space-padded, in
 * the order given, writing dates as `options.timestamps` says. Events with null `ts` print
 * ` 0:00:00`. Usage messages print as FNP ≥ 9 does: quoted feature, two spaces before
 * `(N licenses)` (only when N ≠ 1) and before `(reason (code))`; SERVER/OTHER print `reason`; an
 * event carrying `message` prints it verbatim.
 *
 * @example
 * ```ts
 * renderFlexlmLog([{ ts: Date.UTC(2017, 5, 23, 21, 6, 15), daemon: "ansyslmd", event: "OUT",
 *   feature: "hfsshpc", user: "mani", host: "nyx7005", count: 20, reason: null }]);
 * // "21:06:15 (lmgrd) TIMESTAMP 6/23/2017\n21:06:15 (ansyslmd) OUT: \"hfsshpc\" mani@nyx7005  (20 licenses)\n"
 * ```
 * @since 0.1.0
 * @category renderers
 */
export const renderFlexlmLog = (
  events: Iterable<LicenceEvent>,
  options: RenderFlexlmLogOptions = {},
): string => {
  const daemon = options.daemon ?? "lmgrd";
  const mode = options.timestamps ?? "anchors";
  const zone = options.zone ?? UTC;
  const out: string[] = [];
  let lastDay = "";
  for (const e of events) {
    let time = " 0:00:00";
    let prefix = "";
    if (e.ts !== null) {
      const off = zone.offsetAt(e.ts);
      const d = new Date(Math.floor(e.ts / 1000) * 1000 + off * 60_000);
      const h = d.getUTCHours();
      const hms = `${p2(h)}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
      time = `${h < 10 ? " " : ""}${h}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
      const y = d.getUTCFullYear();
      const mo = d.getUTCMonth() + 1;
      const dd = d.getUTCDate();
      const ymd = `${String(y).padStart(4, "0")}-${p2(mo)}-${p2(dd)}`;
      if (mode === "leading-date") prefix = `${ymd} ${hms}`;
      else if (mode === "datestamp") {
        const a = Math.abs(off);
        prefix = `${ymd}T${hms}${off < 0 ? "-" : "+"}${p2(Math.floor(a / 60))}:${p2(a % 60)}`;
      } else if ((mode === "anchors" && ymd !== lastDay) || (mode === "first" && lastDay === "")) {
        out.push(`${time} (${daemon}) TIMESTAMP ${mo}/${dd}/${y}`);
      }
      lastDay = ymd;
    }
    out.push(`${prefix || time} (${e.daemon}) ${eventMessage(e)}`);
  }
  return out.length === 0 ? "" : `${out.join("\n")}\n`;
};
