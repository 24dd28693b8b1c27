// pcap or tcpdump text -> packet records -> per-peer totals.
import { HostTraffic } from "@fleetlens/core/lite";
import { report, run } from "./common.mjs";

const [kind, path] = process.argv.slice(2);
const t = new HostTraffic("bench", {});
const { stats } = await run(kind, path, { date: "2026-10-31" }, (b) => {
  for (const p of b) t.add(p);
});
const s = t.summary();
report({ records: stats.records, skipped: stats.skipped, peers: s.peers.length, bytes: s.bytes });
