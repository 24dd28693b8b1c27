/**
 * What the `inventory` parser is, and how to recognise its input.
 *
 * @since 0.1.0
 * @module
 */
import type { ParserInfo } from "../types.js";

/**
 * The `inventory` parser's self-description.
 *
 * @since 0.1.0
 * @category info
 */
export const info: ParserInfo = {
  kind: "inventory",
  description:
    "The site inventory (hostname, MAC, VLAN, department, notes) from CSV, ODS or XLSX as InventoryRow records",
  record: "InventoryRow",
  binary: true,
  variants: [
    "CSV (RFC 4180 quoting, quoted fields spanning lines), separator ; , or TAB sniffed",
    "ODS, XLSX, XLS through SheetJS (@e965/xlsx): first sheet or options.sheet; bounded by options.maxBytes",
    "header names matched without case or accents, with synonyms (Hostname/Nom, Adresse MAC/MAC_@, VLAN, Service/Département, Notes/Commentaire)",
    "no header row: the seed's Ordinateurs.ods order hostname, MAC, VLAN, notes",
  ],
  options: ["file"],
};

const decoder = new TextDecoder("utf-8");
const latin1 = new TextDecoder("latin1");

/**
 * Confidence that `head` is an inventory: 0.9 for an ODS or XLSX zip (by its member names), 0.5
 * for an XLS compound file, 0.85 for CSV whose first line names a host and a MAC column, 0.4 for
 * separated lines holding MACs.
 *
 * @since 0.1.0
 * @category info
 */
export const sniff = (head: Uint8Array): number => {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    const s = latin1.decode(head.subarray(0, 65536));
    if (s.includes("opendocument.spreadsheet") || s.includes("xl/workbook") || s.includes("xl/_rels"))
      return 0.9;
    return s.includes("[Content_Types].xml") ? 0.5 : 0;
  }
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 0.5;
  const text = decoder.decode(head.subarray(0, 8192));
  const first = (text.split("\n", 1)[0] ?? "").toLowerCase();
  if (/[;,\t]/.test(first) && /mac/.test(first) && /host|name|nom|machine/.test(first)) return 0.85;
  const lines = text.split("\n", 20).filter((l) => l.trim() !== "");
  const macs = lines.filter(
    (l) =>
      /(?:^|[;,\t"])\s*(?:[0-9a-f]{2}[:-]){5}[0-9a-f]{2}|[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}\s*(?:[;,\t"]|$)/i.test(
        l,
      ) && /[;,\t]/.test(l),
  );
  return lines.length > 0 && macs.length >= Math.max(1, lines.length / 2) ? 0.4 : 0;
};
