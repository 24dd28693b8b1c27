/**
 * Renders {@link LmstatRecord} records as `lmutil lmstat -a` output (for round-trip properties and
 * generated tests).
 *
 * @since 0.1.0
 * @module
 */
import { type LmstatRecord, UTC, type Zone } from "@fleetlens/core/lite";

/**
 * Options of {@link renderLmstat}.
 *
 * @since 0.1.0
 * @category models
 */
export interface RenderLmstatOptions {
  /** The instant of the `status on` header (epoch ms). Default: the latest checkout start, else 2025-01-01. */
  readonly at?: number;
  /** Zone of the printed times. Default UTC. */
  readonly zone?: Zone;
}

const DOW = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const p2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const wall = (ms: number, zone: Zone): Date => new Date(ms + zone.offsetAt(ms) * 60_000);
const lic = (n: number): string => `${n} license${n === 1 ? "" : "s"}`;

const userHead = (r: Extract<LmstatRecord, { type: "checkout" | "queued" }>): string => {
  let s = `    ${r.user} ${r.host}`;
  if (r.display !== null) s += ` ${r.display}`;
  if (r.version !== null) s += ` (v${r.version})`;
  if (r.server !== null) s += ` (${r.server}/${r.port ?? ""}${r.handle === null ? "" : ` ${r.handle}`})`;
  return s;
};

/**
 * Renders records in lmstat's layout: the copyright banner and `status on` header, `License server
 * status:` with every server's `port@host`, server lines, `Vendor daemon status`, `Feature usage
 * info:`, then features, their detail (`expiry` records with null count), checkout, queued and
 * reservation lines in the order given; `expiry` records with a count go to a trailing `-i` table.
 * Start times print as `start Dow M/D H:MM` in `options.zone` (their year is implied by the header).
 *
 * @example
 * ```ts
 * renderLmstat([{ type: "feature", feature: "MATLAB", issued: 10, inUse: 0, error: null }], { at: Date.UTC(2025, 1, 10, 11, 26) });
 * // includes "Users of MATLAB:  (Total of 10 licenses issued;  Total of 0 licenses in use)"
 * ```
 * @since 0.1.0
 * @category renderers
 */
export const renderLmstat = (records: readonly LmstatRecord[], options: RenderLmstatOptions = {}): string => {
  const zone = options.zone ?? UTC;
  let at = options.at;
  if (at === undefined) {
    for (const r of records)
      if (r.type === "checkout" && r.start !== null) at = Math.max(at ?? r.start, r.start);
    at ??= Date.UTC(2025, 0, 1);
  }
  const h = wall(at, zone);
  const out: string[] = [
    "lmutil - Copyright (c) 1989-2024 Flexera. All Rights Reserved.",
    `Flexible License Manager status on ${DOW[h.getUTCDay()]} ${h.getUTCMonth() + 1}/${h.getUTCDate()}/${h.getUTCFullYear()} ${p2(h.getUTCHours())}:${p2(h.getUTCMinutes())}`,
    "",
  ];
  const servers = records.filter((r) => r.type === "server");
  if (servers.length > 0) {
    out.push(`License server status: ${servers.map((s) => `${s.port ?? 27000}@${s.host}`).join(",")}`);
    out.push(`    License file(s) on ${servers[0]?.host}: /opt/flexlm/license.dat:`, "");
  }
  let section = "";
  const table: string[] = [];
  for (const r of records) {
    switch (r.type) {
      case "server":
        out.push(
          r.status === "UP" && r.error === null
            ? `${r.host}: license server UP${r.role === null ? "" : ` (${r.role})`}${r.version === null ? "" : ` v${r.version}`}`
            : `${r.host}: ${r.error ?? "license server DOWN"}`,
        );
        break;
      case "vendor":
        if (section !== "vendor") {
          out.push("", `Vendor daemon status (on ${servers[0]?.host ?? "localhost"}):`, "");
          section = "vendor";
        }
        out.push(
          r.status === "UP" && r.error === null
            ? `${r.vendor.padStart(10)}: UP${r.version === null ? "" : ` v${r.version}`}`
            : `${r.vendor.padStart(10)}: ${r.error ?? "DOWN"}`,
        );
        break;
      case "expiry":
        if (r.count !== null) {
          table.push(
            `${r.feature.padEnd(32)}${(r.version ?? "").padEnd(12)}${String(r.count).padEnd(13)}${(r.expires ?? "").padEnd(13)}${r.vendor ?? ""}`,
          );
          break;
        }
        out.push(
          `  "${r.feature}"${r.version === null ? "" : ` v${r.version}`}${r.vendor === null ? "" : `, vendor: ${r.vendor}`}${r.expires === null ? "" : `, expiry: ${r.expires}`}`,
          "  floating license",
          "",
        );
        break;
      default:
        if (section !== "features") {
          out.push("", "Feature usage info:", "");
          section = "features";
        }
        if (r.type === "feature") {
          let s = `Users of ${r.feature}:`;
          if (r.issued !== null && r.inUse !== null)
            s += `  (Total of ${lic(r.issued)} issued;  Total of ${lic(r.inUse)} in use)`;
          else if (r.error !== null) s += `  (Error: ${r.error})`;
          else if (r.inUse === 0) s += " None";
          else s += "  (Uncounted, node-locked)";
          out.push("", s, "");
        } else if (r.type === "checkout") {
          let s = userHead(r);
          if (r.start !== null) {
            const d = wall(r.start, zone);
            s += `, start ${DOW[d.getUTCDay()]} ${d.getUTCMonth() + 1}/${d.getUTCDate()} ${d.getUTCHours()}:${p2(d.getUTCMinutes())}`;
          } else s += ", start ? ?/? ?:??";
          if (r.count !== 1) s += `, ${r.count} licenses`;
          if (r.linger !== null) s += ` (linger: ${r.linger})`;
          out.push(s);
        } else if (r.type === "queued") out.push(`${userHead(r)} queued for ${lic(r.count)}`);
        else
          out.push(
            `\t${r.count} RESERVATION${r.count === 1 ? "" : "s"} for ${r.kind} ${r.name}${r.server === null ? "" : ` (${r.server}/${r.port ?? ""})`}`,
          );
    }
  }
  if (table.length > 0) {
    out.push(
      "",
      "Feature                         Version     #licenses    Expires      Vendor",
      "_______                         _______     _________    _______      ______",
      ...table,
    );
  }
  return `${out.join("\n")}\n`;
};
