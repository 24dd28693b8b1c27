// wtmp -> login sessions (last -x semantics).
import { report, run } from "./common.mjs";

let sessions = 0;
const { stats } = await run("wtmp", process.argv[2], {}, (b) => {
  sessions += b.length;
});
report({ records: stats.records, sessions, lines: stats.lines, skipped: stats.skipped });
