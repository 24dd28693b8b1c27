import { parseAll } from "@fleetlens/core";
import { registry } from "@fleetlens/parsers";

// The text of `last` as the original checker collected it: no year on the rows, so the year
// comes from the "wtmp begins" trailer.
const text = `c0a22100 pts/0        192.168.100.37   Tue Nov 19 08:46 - 10:02  (01:15)
reboot   system boot  6.8.0-49-generic Tue Nov 19 04:42   still running

wtmp begins Tue Nov 19 04:42:50 2024
`;

export const result = parseAll(registry.last.create, text, {});

for (const r of result.records) console.log(r.kind, r.user, new Date(r.start).toISOString(), r.endReason);
console.log(
  result.stats.lines,
  "lines:",
  result.stats.records,
  "records,",
  result.stats.ignored,
  "ignored;",
  result.stats.inferred.year,
);
