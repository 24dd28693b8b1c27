/**
 * `fleetlens license …`: licence-server verbs, declared here (arguments, help); the
 * implementations are in license.impl.ts, loaded only when a verb runs. `watch` is the seed's
 * inotify + `ss` capture done properly: it follows the debug log across rotation and, for each new
 * line, appends the date, the socket snapshot for the licence port and the line to a logwatch file.
 */
import { defineCommand } from "../framework.js";
import { formatOption, statsOption, timeOptions } from "./common.js";

const watchCommand = defineCommand({
  name: "watch",
  summary: "Follow a licence debug log and record who was connected at each line (the seed's logwatch).",
  description:
    "Follows the debug log (across rotation and truncation, like tail -F) and, for each new line, appends to --out: a `date` line, the `ss -n -t` lines of sockets on the licence port, and the log line. `license attribute` reads the result. Runs until interrupted, or for --duration seconds.",
  options: {
    log: { type: "string", valueName: "FILE", description: "The vendor daemon's debug log to follow." },
    port: { type: "string", valueName: "PORT", description: "The vendor daemon's TCP port." },
    out: { type: "string", valueName: "FILE", description: "The logwatch file to append to." },
    source: {
      type: "string",
      choices: ["ss", "proc"],
      default: "ss",
      description: "Where snapshots come from: the ss command, or /proc/net/tcp directly.",
    },
    "from-start": { type: "boolean", description: "Also record the lines already in the log." },
    duration: { type: "string", valueName: "SECONDS", description: "Stop after this long." },
    interval: { type: "string", valueName: "MS", default: "200", description: "Polling interval." },
  },
  examples: [
    "fleetlens license watch --log /usr/local/flexlm/orglabdebug.log --port 60213 --out /var/lib/fleetlens/logwatch",
  ],
  run: (args, io) => import("./license.impl.js").then((m) => m.watch(args, io)),
});

const issuedOptions = {
  lmstat: {
    type: "string",
    variadic: true,
    valueName: "FILE",
    description: "lmstat -a output: issued counts.",
  },
  "license-file": {
    type: "string",
    variadic: true,
    valueName: "FILE",
    description: "Licence files: issued counts (first FEATURE plus INCREMENTs) when lmstat is not given.",
  },
} as const;

const usageCommand = defineCommand({
  name: "usage",
  summary: "Sessions, per-user time, peak concurrency and denials from FlexLM debug logs.",
  description:
    "Pairs OUT and IN per feature and user@host (handle when known), closes sessions at server restarts, and reports per feature: issued, peak in use and when, sessions, denials; per user@host: the exact sum of session time (seconds), the union (overlaps once) and the seed's first-OUT-to-last-IN span. Issued counts come from --lmstat or --license-file. --format csv writes the per-user table.",
  positionals: [
    {
      name: "FILE",
      description: "Debug logs (or logwatch files), in time order.",
      required: true,
      variadic: true,
    },
  ],
  options: {
    ...issuedOptions,
    at: {
      type: "string",
      valueName: "TIME",
      description: "Count open sessions up to this time (default: the last event).",
    },
    ...timeOptions,
    ...formatOption,
    ...statsOption,
  },
  examples: [
    "fleetlens license usage /usr/local/flexlm/orglabdebug.log --lmstat lmstat.txt --format table",
    "fleetlens license usage debug.log.1 debug.log --format json > usage.json",
  ],
  run: (args, io) => import("./license.impl.js").then((m) => m.usage(args, io)),
});

const attributeCommand = defineCommand({
  name: "attribute",
  summary:
    "Which client address each licence user's host had, enriched with MAC, switch port, outlet and inventory.",
  description:
    "Reads logwatch files (see `license watch`): each snapshot lists the clients connected to the licence port when a debug-log line was written. A single new address appearing with a host's checkout is unique; several are candidates; constraints are intersected per client host and addresses certain for one host are eliminated from the others, to a fixpoint. Then IP -> MAC (dhcpd.conf or leases) -> switch and port (MAC tables; the switch is named by a prompt line or the file name) -> outlet description -> inventory.",
  positionals: [
    { name: "FILE", description: "logwatch files, in time order.", required: true, variadic: true },
  ],
  options: {
    dhcp: {
      type: "string",
      variadic: true,
      valueName: "FILE",
      description: "dhcpd.conf files (one per VLAN) or dhcpd.leases.",
    },
    "mac-table": {
      type: "string",
      variadic: true,
      valueName: "FILE",
      description: "`show mac address-table` or `show interfaces description` outputs, one file per switch.",
    },
    inventory: {
      type: "string",
      variadic: true,
      valueName: "FILE",
      description: "Inventory: CSV, ODS or XLSX.",
    },
    port: {
      type: "string",
      valueName: "PORT",
      description: "The licence port (default: inferred from the snapshots).",
    },
    ...timeOptions,
    ...formatOption,
    ...statsOption,
  },
  examples: [
    "fleetlens license attribute logwatch --dhcp dhcpd-5*.conf --mac-table sw-*.txt --inventory inventory.ods --format table",
  ],
  run: (args, io) => import("./license.impl.js").then((m) => m.attribute(args, io)),
});

export const licenseCommand = defineCommand({
  name: "license",
  summary: "Licence-server usage, attribution and capture (FlexLM/FlexNet).",
  subCommands: { usage: usageCommand, attribute: attributeCommand, watch: watchCommand },
});
