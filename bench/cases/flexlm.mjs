// FlexLM debug log -> events -> sessions, per-user totals and peaks (sessions not kept: bounded).
import { LicenceUsage } from "@fleetlens/core/lite";
import { report, run } from "./common.mjs";

const u = new LicenceUsage({ keepSessions: false, keepDenials: false });
const { stats } = await run("flexlm-log", process.argv[2], {}, (b) => {
  for (const e of b) u.add(e);
});
const r = u.result();
report({
  records: stats.records,
  skipped: stats.skipped,
  features: r.features.length,
  peak: Math.max(...r.features.map((f) => f.peak)),
});
