/**
 * Option declarations shared by several verbs. Declarations only: every verb's declaration loads
 * this at start, so it imports nothing heavy.
 */
import { FORMATS } from "../output.js";

/** For verbs that read year-less or zone-less inputs; common.impl.ts turns them into ParseOptions. */
export const timeOptions = {
  year: {
    type: "string",
    valueName: "YYYY",
    description:
      "Year for inputs that print none (plain `last`); otherwise inferred and reported in --stats.",
  },
  date: {
    type: "string",
    valueName: "YYYY-MM-DD",
    description: "Date for inputs that print only a time of day (tcpdump without -tttt).",
  },
  tz: {
    type: "string",
    valueName: "ZONE",
    description: "Zone of wall-clock times in the input: UTC, +09:00 or an IANA name.",
    default: "UTC",
  },
} as const;

export const formatOption = {
  format: {
    type: "string",
    choices: FORMATS,
    description: "Output format (default: table on a terminal, ndjson otherwise).",
  },
} as const;

export const statsOption = {
  stats: {
    type: "string",
    choices: ["json"],
    description: "Write one JSON line of counts (lines, records, skipped, ignored, first errors) to stderr.",
  },
} as const;

export const peerOptions = {
  quorum: {
    type: "string",
    valueName: "Q",
    default: "1",
    description:
      "A peer is common when seen by at least this fraction of hosts (1 = every host, the seed's rule).",
  },
  allow: {
    type: "string",
    multiple: true,
    valueName: "CIDR",
    description: "Peers never counted as uncommon (DNS, NTP, monitoring), e.g. 10.0.0.53/32.",
  },
  self: {
    type: "string",
    multiple: true,
    valueName: "HOST=IP[,IP]",
    description:
      "A host's own addresses (also read from {host}.addrs beside a capture, or the seed's first line).",
  },
  host: {
    type: "string",
    valueName: "NAME",
    description: "Host name for every file (when the file names do not carry it).",
  },
} as const;
