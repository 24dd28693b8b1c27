/**
 * The corpus tier's check against ntc-templates expectations: ntc-templates ships each `.raw`
 * sample of a Cisco command with a `.yml` beside it whose `parsed_sample:` list is what its TextFSM
 * template extracts. fleetlens must agree with that list on the fields both have, after
 * normalising spellings (MACs to the canonical colon form; interfaces compared as printed).
 *
 * Field names differ between template versions, so each of our fields accepts every name ntc has
 * used for it:
 * - `cisco-mac-table`: `destination_address` / `mac_address` / `mac` -> mac; `vlan_id` / `vlan`
 *   -> vlan; `destination_port` (a list in newer versions) / `ports` / `port` -> port (a list
 *   joined with `,`, as the parser writes a port list); `type`
 * - `cisco-int-desc`: `interface` / `port` -> port; `status`; `protocol`; `description` /
 *   `descrip` -> description (NX-OS's `--` is no description); `type`, `speed` (NX-OS)
 *
 * A field ntc does not give (NX-OS has no status or protocol) or gives empty where we have
 * nothing (NX-OS `type`/`speed` of an `Interface Description` row) is not compared.
 */
import { existsSync, readFileSync } from "node:fs";
import type { InterfaceDescription, MacTableEntry } from "@fleetlens/core";
import { Net } from "@fleetlens/core";
import { parse as parseYaml } from "yaml";

/** The kinds ntc-templates has expectations for. */
export type NtcKind = "cisco-mac-table" | "cisco-int-desc";

/** The outcome of one comparison: row and record counts and what differed (empty when they agree). */
export interface NtcComparison {
  readonly rows: number;
  readonly records: number;
  readonly mismatches: string[];
}

/** The `<sample>.yml` (or `.yaml`) beside a sample, when there is one. */
export const ntcSibling = (sample: string): string | undefined => {
  const base = sample.replace(/\.[^./\\]+$/, "");
  for (const ext of [".yml", ".yaml"]) {
    const f = `${base}${ext}`;
    if (f !== sample && existsSync(f)) return f;
  }
  return undefined;
};

/** The `parsed_sample:` rows of an ntc-templates `.yml`, or a reason when there are none. */
export const ntcRows = (yamlText: string): Record<string, unknown>[] | string => {
  let doc: unknown;
  try {
    doc = parseYaml(yamlText);
  } catch (e) {
    return `not YAML: ${(e as Error).message}`;
  }
  const rows = (doc as { parsed_sample?: unknown } | null)?.parsed_sample;
  if (!Array.isArray(rows)) return "no parsed_sample list";
  if (!rows.every((r) => typeof r === "object" && r !== null && !Array.isArray(r)))
    return "parsed_sample holds something other than mappings";
  return rows as Record<string, unknown>[];
};

/** The first of `names` the row has, as text (lists joined with `,`), or undefined. */
const field = (row: Record<string, unknown>, ...names: string[]): string | undefined => {
  for (const n of names) {
    const v = row[n];
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) return v.map((x) => String(x).trim()).join(",");
    return String(v).trim();
  }
  return undefined;
};

/** VLAN text, with the spellings of "no VLAN" as null (the parser's null). */
const vlanOf = (v: string | null | undefined): string | null =>
  v === undefined || v === null || v === "" || v === "-" || v === "---" || v === "N/A" ? null : v;

/** Inner runs of spaces as one (`admin  down` and `admin down` are the same status). */
const words = (s: string): string => s.trim().replace(/\s+/g, " ");

const macRow = (ours: MacTableEntry, theirs: Record<string, unknown>): [string, unknown, unknown][] => {
  const out: [string, unknown, unknown][] = [];
  const mac = field(theirs, "destination_address", "mac_address", "mac");
  const theirMac = mac === undefined ? undefined : (Net.canonicalMac(mac) ?? mac);
  out.push(["mac", ours.mac, theirMac]);
  const vlan = field(theirs, "vlan_id", "vlan");
  if (vlan !== undefined) out.push(["vlan", vlanOf(ours.vlan), vlanOf(vlan)]);
  const port = field(theirs, "destination_port", "ports", "port");
  if (port !== undefined)
    out.push(["port", ours.port.replace(/\s*,\s*/g, ","), port.replace(/\s*,\s*/g, ",")]);
  const type = field(theirs, "type");
  if (type !== undefined && type !== "")
    out.push(["type", ours.type?.toLowerCase() ?? null, type.toLowerCase()]);
  return out;
};

const descRow = (
  ours: InterfaceDescription,
  theirs: Record<string, unknown>,
): [string, unknown, unknown][] => {
  const out: [string, unknown, unknown][] = [];
  out.push(["port", ours.port, field(theirs, "interface", "port")]);
  const status = field(theirs, "status");
  if (status !== undefined)
    out.push(["status", ours.status === null ? null : words(ours.status), words(status)]);
  const protocol = field(theirs, "protocol");
  if (protocol !== undefined)
    out.push(["protocol", ours.protocol === null ? null : words(ours.protocol), words(protocol)]);
  const description = field(theirs, "description", "descrip");
  if (description !== undefined)
    out.push(["description", ours.description.trim(), description === "--" ? "" : description]);
  for (const k of ["type", "speed"] as const) {
    const v = field(theirs, k);
    if (v !== undefined && v !== "") out.push([k, ours[k] ?? null, v === "--" ? null : v]);
  }
  return out;
};

/**
 * Compares parsed records with the `parsed_sample:` of an ntc-templates `.yml`, row by row in
 * order. Every difference is one line: `row N field: ours X, ntc Y` (and a count mismatch).
 */
export const compareNtc = (
  kind: NtcKind,
  records: readonly (MacTableEntry | InterfaceDescription)[],
  yamlText: string,
): NtcComparison => {
  const rows = ntcRows(yamlText);
  if (typeof rows === "string") return { rows: 0, records: records.length, mismatches: [rows] };
  const mismatches: string[] = [];
  if (rows.length !== records.length)
    mismatches.push(`${records.length} records, ntc expects ${rows.length} rows`);
  const n = Math.min(rows.length, records.length);
  for (let i = 0; i < n; i++) {
    const pairs =
      kind === "cisco-mac-table"
        ? macRow(records[i] as MacTableEntry, rows[i]!)
        : descRow(records[i] as InterfaceDescription, rows[i]!);
    for (const [name, ours, theirs] of pairs)
      if (ours !== theirs)
        mismatches.push(`row ${i + 1} ${name}: ours ${JSON.stringify(ours)}, ntc ${JSON.stringify(theirs)}`);
  }
  return { rows: rows.length, records: records.length, mismatches };
};

/**
 * The ntc-templates check of one corpus sample: undefined when the sample has no `.yml` beside it
 * or is not of a kind ntc has expectations for, else the comparison.
 */
export const checkNtcSample = (
  kind: string,
  file: string,
  records: readonly unknown[],
): NtcComparison | undefined => {
  if (kind !== "cisco-mac-table" && kind !== "cisco-int-desc") return undefined;
  const yml = ntcSibling(file);
  if (yml === undefined) return undefined;
  return compareNtc(kind, records as (MacTableEntry | InterfaceDescription)[], readFileSync(yml, "utf8"));
};
