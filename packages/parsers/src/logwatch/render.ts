/**
 * Renders {@link LicenceSnapshot} records as a logwatch file (for generated histories and the
 * round-trip property).
 *
 * @since 0.1.0
 * @module
 */
import { type LicenceSnapshot, type Socket, Time } from "@fleetlens/core/lite";
import { renderFlexlmLog } from "../flexlm-log/render.js";
import { renderSs } from "../ss/render.js";
import { ZONE_ABBREVIATIONS } from "./parse.js";

/**
 * Options of {@link renderLogwatch}.
 *
 * @since 0.1.0
 * @category models
 */
export interface RenderLogwatchOptions {
  /** The licence port (local port of the socket lines). Default 27001. */
  readonly port?: number;
  /** The server's address in the socket lines. Default `10.0.0.1`. */
  readonly server?: string;
  /** Zone abbreviation of the `date` lines (a key of {@link ZONE_ABBREVIATIONS}). Default `UTC`. */
  readonly zone?: string;
  /** `date` (default, C locale), `rfc` (`date -R`) or `iso` (`date -Iseconds`). */
  readonly dateFormat?: "date" | "rfc" | "iso";
}

const p2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

const dateLine = (ts: number, abbr: string, offset: number, format: string): string => {
  const w = new Date(Math.floor(ts / 1000) * 1000 + offset * 60_000);
  const hms = `${p2(w.getUTCHours())}:${p2(w.getUTCMinutes())}:${p2(w.getUTCSeconds())}`;
  const a = Math.abs(offset);
  const sign = offset < 0 ? "-" : "+";
  if (format === "rfc")
    return `${Time.WEEKDAYS[w.getUTCDay()]}, ${p2(w.getUTCDate())} ${Time.MONTHS[w.getUTCMonth()]} ${w.getUTCFullYear()} ${hms} ${sign}${p2(Math.floor(a / 60))}${p2(a % 60)}`;
  if (format === "iso")
    return `${w.getUTCFullYear()}-${p2(w.getUTCMonth() + 1)}-${p2(w.getUTCDate())}T${hms}${sign}${p2(Math.floor(a / 60))}:${p2(a % 60)}`;
  return `${Time.WEEKDAYS[w.getUTCDay()]} ${Time.MONTHS[w.getUTCMonth()]} ${String(w.getUTCDate()).padStart(2, " ")} ${hms} ${abbr} ${w.getUTCFullYear()}`;
};

/**
 * Renders snapshots as the seed's script writes them: the `date` line, `ss -n -t` lines without a
 * header (one ESTAB socket per client on the licence port; when `sockets` exceeds the clients, the
 * extra lines are further connections of the first client, or CLOSE-WAIT sockets from
 * `192.0.2.1` when there is none), then the debug-log line (`line`, else the event rendered).
 *
 * @example
 * ```ts
 * renderLogwatch([{ ts: Date.UTC(2021, 10, 22, 9, 1, 2), clients: ["10.14.18.145"], sockets: 1, event: null, line: null }], { zone: "CET", port: 60213 });
 * // "Mon Nov 22 10:01:02 CET 2021\nESTAB 0      0      10.0.0.1:60213 10.14.18.145:40000\n"
 * ```
 * @since 0.1.0
 * @category renderers
 */
export const renderLogwatch = (
  snapshots: Iterable<LicenceSnapshot>,
  options: RenderLogwatchOptions = {},
): string => {
  const port = options.port ?? 27001;
  const server = options.server ?? "10.0.0.1";
  const abbr = options.zone ?? "UTC";
  const offset = ZONE_ABBREVIATIONS.get(abbr) ?? 0;
  const format = options.dateFormat ?? "date";
  let out = "";
  for (const s of snapshots) {
    out += `${s.ts === null ? "" : dateLine(s.ts, abbr, offset, format)}\n`;
    const socks: Socket[] = [];
    const sock = (state: string, peer: string, i: number): Socket => ({
      state,
      local: server,
      lport: port,
      peer,
      pport: 40000 + i,
      recvQ: 0,
      sendQ: 0,
      process: null,
    });
    s.clients.forEach((c, i) => {
      socks.push(sock("ESTAB", c, i));
    });
    for (let i = socks.length; i < s.sockets; i++) {
      const first = s.clients[0];
      socks.push(first === undefined ? sock("CLOSE-WAIT", "192.0.2.1", i) : sock("ESTAB", first, i));
    }
    if (socks.length > 0) out += renderSs(socks, { header: false, process: false });
    if (s.line !== null) out += `${s.line}\n`;
    else if (s.event !== null)
      out += renderFlexlmLog([s.event], {
        timestamps: "none",
        zone: { name: abbr, offsetAt: () => offset, toEpoch: () => 0 },
      });
  }
  return out;
};
