// Insert throughput of the store: N actions in batched transactions, then the same again (all duplicates).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BatchWriter, open } from "@fleetlens/store";

const [url0, n0, batch0] = process.argv.slice(2);
const url =
  url0 === "sqlite" ? `sqlite:${join(mkdtempSync(join(tmpdir(), "fleetlens-bench-")), "b.db")}` : url0;
const n = Number(n0 ?? 200000);
const batchSize = Number(batch0 ?? 1000);
const rows = Array.from({ length: n }, (_, i) => ({
  instance: `00000000-0000-4000-8000-${String(i % 5000).padStart(12, "0")}`,
  action: ["create", "pause", "unpause", "reboot", "delete"][i % 5],
  ts: Date.parse("2026-01-01T00:00:00Z") + i * 1000 + 0.123,
  requestId: `req-${i}`,
  userId: "u",
  projectId: "p",
  status: 202,
  derivation: "request",
}));
const store = await open(url, { table: `bench_${process.pid}`, kind: "vm" });
const time = async () => {
  const t0 = performance.now();
  const w = new BatchWriter(store, { batchSize });
  for (let i = 0; i < rows.length; i += batchSize) await w.add(rows.slice(i, i + batchSize));
  const t = await w.end();
  return { seconds: (performance.now() - t0) / 1000, inserted: t.inserted };
};
const first = await time();
const again = await time();
await store.close();
process.stdout.write(
  `${JSON.stringify({ backend: url.split(":")[0], records: n, seconds: first.seconds, rowsPerSecond: Math.round(n / first.seconds), rerunRowsPerSecond: Math.round(n / again.seconds), inserted: first.inserted, reinserted: again.inserted, maxRssKb: process.resourceUsage().maxRSS })}\n`,
);
