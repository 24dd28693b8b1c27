/**
 * `fleetlens parse <kind> FILE...`: the declaration (arguments, help). The implementation is in
 * parse.impl.ts, loaded only when the verb runs.
 */
import { KINDS } from "@fleetlens/parsers/kinds";
import { defineCommand } from "../framework.js";
import { formatOption, statsOption, timeOptions } from "./common.js";

export const parseCommand = defineCommand({
  name: "parse",
  summary: "Parse files of one kind into records.",
  description:
    "Parse files of one kind into records. Every input line (or binary record) becomes a record, a counted skip with its line and reason, or an ignored line (blank, banner, header) counted by reason; --stats json shows the counts. Kinds: " +
    `${KINDS.join(", ")}, and auto (sniffs each file).`,
  positionals: [
    { name: "kind", description: `One of: ${KINDS.join(", ")}, auto.`, required: true },
    { name: "FILE", description: "Input files; - reads stdin.", required: true, variadic: true },
  ],
  options: {
    ...formatOption,
    ...statsOption,
    ...timeOptions,
    strict: { type: "boolean", description: "Exit 3 when any line was skipped." },
    failed: {
      type: "boolean",
      description: "wtmp/last: the input is btmp or lastb output (failed logins, each its own record).",
    },
  },
  examples: [
    "fleetlens parse wtmp /var/log/btmp --failed",
    "fleetlens parse wtmp /var/log/wtmp --format table",
    "fleetlens parse last vm1-LAST --year 2024 --tz Asia/Tokyo",
    "tcpdump -nn -q -r cap.pcap | fleetlens parse tcpdump - --stats json > packets.ndjson",
    "fleetlens parse auto vm1.pcap vm1.wtmp",
  ],
  run: (args, io) => import("./parse.impl.js").then((m) => m.run(args, io)),
});
