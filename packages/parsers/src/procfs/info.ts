/**
 * What the `procfs` parser is, and how to recognise its input.
 *
 * @since 0.1.0
 * @module
 */
import type { ParserInfo } from "../types.js";
import { procfsLine } from "./parse.js";

/**
 * The `procfs` parser's self-description.
 *
 * @since 0.1.0
 * @category info
 */
export const info: ParserInfo = {
  kind: "procfs",
  description: "Linux /proc/stat, meminfo, loadavg, net/dev, diskstats and uptime as ProcfsSample records",
  record: "ProcfsSample",
  binary: false,
  variants: [
    "/proc/stat: cpu lines with 4 (2.4), 7 (2.6.0), 8 (2.6.11), 9 (2.6.24) or 10 (2.6.33+) columns; intr, softirq, ctxt, btime, processes, procs_running, procs_blocked",
    "/proc/meminfo: `Key: N kB` to bytes, unit-less HugePages_* counts; 2.4 summary table ignored",
    "/proc/loadavg, /proc/uptime",
    "/proc/net/dev: two header lines, `%6s: ` interface lines (and 2.6's `name:123` without a space)",
    "/proc/diskstats: 4-field partitions (< 2.6.25), 11 fields, 15 (4.18+ discards), 17 (5.5+ flushes)",
    "several files concatenated in one input (each line is recognised by its shape)",
  ],
  options: [],
};

const decoder = new TextDecoder("utf-8");

/** How sure one first line makes us of each file (strong openings score higher). */
const firstLineConfidence = (line: string): number => {
  const t = line.trim();
  if (t.startsWith("Inter-|")) return 0.95;
  if (/^cpu +\d+( \d+){3,9}$/.test(t)) return 0.95;
  if (/^MemTotal: +\d+ kB$/.test(t)) return 0.95;
  const r = procfsLine(line);
  if ("skip" in r || "ignore" in r) return 0;
  switch (r.file) {
    case "loadavg":
      return 0.9;
    case "diskstats":
      return 0.7;
    case "uptime":
      return 0.6;
    default:
      return 0.5;
  }
};

/**
 * Confidence that `head` is a procfs file: the first non-blank line's shape (0.95 for `cpu  `,
 * `MemTotal:` and `Inter-|` openings, 0.9 for a loadavg line, 0.7 for diskstats, 0.6 for an
 * uptime line, 0.5 for other recognised lines), scaled by the share of the next lines that are
 * procfs lines too.
 *
 * @since 0.1.0
 * @category info
 */
export const sniff = (head: Uint8Array): number => {
  const text = decoder.decode(head.subarray(0, 8192));
  const lines = text.split("\n", 21).slice(0, 20);
  // the last line of a cut head may be partial
  if (lines.length === 20 || !text.endsWith("\n")) lines.pop();
  const body = lines.filter((l) => l.trim().length > 0);
  if (body.length === 0) return 0;
  const first = firstLineConfidence(body[0]!);
  if (first === 0) return 0;
  const ok = body.filter((l) => {
    const r = procfsLine(l);
    return !("skip" in r);
  }).length;
  return first * (ok / body.length);
};
