/**
 * Renders {@link SnmpVarbind} records as net-snmp prints them (for round-trip properties, tests
 * and benchmarks).
 *
 * @since 0.1.0
 * @module
 */
import type { SnmpVarbind } from "@fleetlens/core/lite";
import { EXCEPTIONS } from "./parse.js";

/**
 * Options of {@link renderSnmpwalk}.
 *
 * @since 0.1.0
 * @category models
 */
export interface RenderSnmpwalkOptions {
  /** Print the numeric OID even when the record has a name (`-On`). Default false. */
  readonly numeric?: boolean;
  /** Print Timeticks as the bare tick count (`-Ot`). Default false. */
  readonly rawTimeticks?: boolean;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * Timeticks as net-snmp prints them: `(12345) 0:02:03.45`, `(8640000) 1 day, 0:00:00.00`.
 *
 * @since 0.1.0
 * @category renderers
 */
export const timeticksText = (ticks: number): string => {
  const cs = ticks % 100;
  const s = Math.floor(ticks / 100);
  const days = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const clock = `${h}:${pad2(m)}:${pad2(s % 60)}.${pad2(cs)}`;
  const d = days === 0 ? "" : days === 1 ? "1 day, " : `${days} days, `;
  return `(${ticks}) ${d}${clock}`;
};

/** `"…"` with `\` and `"` escaped, as net-snmp quotes strings. */
const quote = (s: string): string => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/** Lower-case hex as net-snmp's Hex-STRING: upper case pairs, 16 a line, each followed by a space. */
const hexText = (hex: string): string => {
  let out = "";
  for (let i = 0; i < hex.length; i += 2) {
    if (i > 0 && i % 32 === 0) out += "\n";
    out += `${hex.slice(i, i + 2).toUpperCase()} `;
  }
  return out;
};

const withUnit = (v: string, unit: string | undefined): string => (unit ? `${v} ${unit}` : v);

const valueText = (r: SnmpVarbind, o: RenderSnmpwalkOptions): string => {
  const v = r.value;
  const exception = EXCEPTIONS.find(([t]) => t === r.type);
  if (exception) return exception[1];
  switch (r.type) {
    case "NULL":
      return "NULL";
    case "":
      return quote(String(v ?? ""));
    case "STRING":
      return `STRING: ${quote(String(v ?? ""))}`;
    case "Hex-STRING":
      return `Hex-STRING: ${hexText(String(v ?? ""))}`;
    case "BITS":
      return `BITS: ${hexText(String(v ?? ""))}${r.label ?? ""}`;
    case "Timeticks":
      return o.rawTimeticks ? String(v) : `Timeticks: ${timeticksText(Number(v))}`;
    case "INTEGER":
      return `INTEGER: ${r.label === undefined ? withUnit(String(v), r.unit) : `${r.label}(${v})`}`;
    case "Opaque":
      return typeof v === "number" ? `Opaque: Float: ${v}` : `Opaque: ${v}`;
    case "Counter32":
    case "Counter64":
    case "Gauge32":
    case "UInteger32":
      return `${r.type}: ${withUnit(String(v), r.unit)}`;
    default:
      return `${r.type}: ${v}`;
  }
};

/**
 * Renders varbinds one per `OID = TYPE: value` line, as `snmpwalk` prints them: the name when the
 * record has one (else the numeric OID; `numeric` forces it), strings quoted with `\"` and `\\`
 * escaped (a newline stays a newline), Hex-STRING in upper-case pairs, 16 to a line, Timeticks as
 * `(ticks) d:hh:mm:ss.cc`, enum labels as `label(n)`, units after the number.
 *
 * @example
 * ```ts
 * renderSnmpwalk([{ oid: ".1.3.6.1.2.1.1.3.0", name: null, type: "Timeticks", value: 12345 }]);
 * // .1.3.6.1.2.1.1.3.0 = Timeticks: (12345) 0:02:03.45
 * ```
 * @since 0.1.0
 * @category renderers
 */
export const renderSnmpwalk = (
  records: readonly SnmpVarbind[],
  options: RenderSnmpwalkOptions = {},
): string => {
  let out = "";
  for (const r of records) {
    const oid = options.numeric || r.name === null ? (r.oid ?? r.name ?? "") : r.name;
    out += `${oid} = ${valueText(r, options)}\n`;
  }
  return out;
};
