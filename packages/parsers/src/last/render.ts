/**
 * Print {@link Login} records exactly as util-linux 2.38 `last` lays them out (FORMATS §1.4).
 *
 * @since 0.1.0
 * @module
 */
import type { Login, Zone } from "@fleetlens/core/lite";
import { UTC } from "@fleetlens/core/lite";
import { ctime, hhmm, isoLocal } from "./time.js";

/**
 * Layout choices, named after `last`'s flags.
 *
 * @since 0.1.0
 * @category models
 */
export interface RenderLastOptions {
  /** `--time-format` (`-F` is `full`); default `short`. */
  readonly format?: "short" | "full" | "iso" | "notime";
  /** `-w`: user up to 32 and host up to 255 characters, columns no longer aligned. */
  readonly wide?: boolean;
  /** `-a`: host in the last column. */
  readonly hostLast?: boolean;
  /** `-R`: no host column. */
  readonly noHost?: boolean;
  /** Zone of the printed times (`last`'s `TZ`); default UTC. */
  readonly zone?: Zone;
  /** The `<file> begins <time>` trailer: file name (default `wtmp`) and time (default the earliest start); `false` for none. */
  readonly trailer?: { readonly file?: string; readonly begins?: number } | false;
}

const FORMATS = {
  notime: { inLen: 0, outLen: 0, level: 0 },
  short: { inLen: 16, outLen: 7, level: 1 },
  full: { inLen: 24, outLen: 26, level: 2 },
  iso: { inLen: 25, outLen: 27, level: 3 },
} as const;

/** C's `%-W.Ps`. */
const col = (s: string, width: number, precision: number): string => {
  const t = s.length > precision ? s.slice(0, precision) : s;
  return t.length < width ? t.padEnd(width) : t;
};

/** C's `%02d`. */
const d02 = (n: number): string => (n < 0 ? `-${Math.abs(n)}` : n < 10 ? `0${n}` : String(n));

/**
 * LENGTH as `last` prints it for a session of `secs` whole seconds.
 *
 * @since 0.1.0
 * @category rendering
 */
export const lastLength = (secs: number): string => {
  const mins = Math.trunc(secs / 60) % 60;
  const hours = Math.trunc(secs / 3600) % 24;
  const days = Math.trunc(secs / 86400);
  if (days !== 0) return `(${days}+${d02(Math.abs(hours))}:${d02(Math.abs(mins))})`;
  if (hours !== 0) return ` (${d02(hours)}:${d02(Math.abs(mins))})`;
  if (secs >= 0) return ` (${d02(hours)}:${d02(mins)})`;
  return ` (-00:${d02(Math.abs(mins))})`;
};

/**
 * One row of `last` output for a record (trailing spaces trimmed, no newline).
 *
 * @since 0.1.0
 * @category rendering
 */
export const renderLastRow = (r: Login, options: RenderLastOptions = {}): string => {
  const format = options.format ?? "short";
  const f = FORMATS[format];
  const z = options.zone ?? UTC;
  const stamp = (ms: number): string =>
    format === "iso" ? isoLocal(ms, z) : format === "notime" ? "" : ctime(ms, z);
  const login = stamp(r.start);
  let logout = "";
  let length = "";
  const secs = r.end === null ? 0 : Math.floor(r.end / 1000) - Math.floor(r.start / 1000);
  const open = r.end === null;
  const reason =
    open && (r.endReason === "logout" || r.endReason === "crash" || r.endReason === "down")
      ? r.kind === "user"
        ? "still-logged-in"
        : "running"
      : r.endReason;
  switch (reason) {
    case "crash":
      logout = "- crash";
      length = lastLength(secs);
      break;
    case "down":
      logout = "- down ";
      length = lastLength(secs);
      break;
    case "still-logged-in":
      if (f.level > 1) logout = "  still logged in";
      else [logout, length] = ["  still", "logged in"];
      break;
    case "running":
      if (f.level > 1) logout = "  still running";
      else [logout, length] = ["  still", "running"];
      break;
    case "gone":
      if (f.level > 1) logout = "  gone - no logout";
      else if (f.level === 1) [logout, length] = ["   gone", "- no logout"];
      else length = "no logout";
      break;
    default:
      logout = `- ${format === "short" ? hhmm(r.end ?? r.start, z) : stamp(r.end ?? r.start)}`;
      length = lastLength(secs);
  }
  const user = col(r.user, 8, options.wide ? 32 : 8);
  const line = col(r.line, 12, 12);
  const inCol = col(login, f.inLen, f.inLen);
  const outCol = col(logout, f.outLen, f.outLen);
  let row: string;
  if (options.noHost) row = `${user} ${line} ${inCol} ${outCol} ${length}`;
  else if (options.hostLast)
    row = `${user} ${line} ${inCol} ${outCol} ${col(length, 12, 12)} ${r.host.slice(0, 255)}`;
  else row = `${user} ${line} ${col(r.host, 16, options.wide ? 255 : 16)} ${inCol} ${outCol} ${length}`;
  return row.trimEnd();
};

/**
 * The whole output of `last` for `records`: rows newest first (by start; ties keep their order),
 * then a blank line and the `<file> begins <time>` trailer (none for `notime`).
 *
 * @example
 * ```ts
 * renderLast([{ kind: "user", user: "alice", line: "pts/0", host: "192.168.1.50",
 *   start: Date.UTC(2024, 2, 1, 9, 15), end: Date.UTC(2024, 2, 1, 10, 47, 30),
 *   endReason: "logout", durationSeconds: 5550 }])
 * // "alice    pts/0        192.168.1.50     Fri Mar  1 09:15 - 10:47  (01:32)\n\nwtmp begins Fri Mar  1 09:15:00 2024\n"
 * ```
 * @since 0.1.0
 * @category rendering
 */
export const renderLast = (records: Iterable<Login>, options: RenderLastOptions = {}): string => {
  const list = [...records].map((r, i) => ({ r, i }));
  list.sort((a, b) => b.r.start - a.r.start || a.i - b.i);
  let out = "";
  for (const { r } of list) out += `${renderLastRow(r, options)}\n`;
  const format = options.format ?? "short";
  if (options.trailer !== false && format !== "notime") {
    const t = options.trailer ?? {};
    let begins = t.begins;
    if (begins === undefined) begins = list.length > 0 ? list[list.length - 1]!.r.start : 0;
    const z = options.zone ?? UTC;
    out += `\n${t.file ?? "wtmp"} begins ${format === "iso" ? isoLocal(begins, z) : ctime(begins, z)}\n`;
  }
  return out;
};
