/**
 * Child-process entry: `node child.mjs URL TABLE BATCH FILE...`. Prints `begin N` / `done N` per
 * batch and `end` when finished; the tests kill it with SIGKILL in the middle.
 */
import { open } from "../../src/index.js";
import { ingest, tracing } from "./ingest.js";

const [url, table, batch, ...files] = process.argv.slice(2);
const store = await open(url!, { table: table! });
// FLEETLENS_GATED=1: each batch waits for a "go" line on stdin, so a test can hold the child
// exactly where it wants it (deterministic, whatever the machine's load).
const gated = process.env.FLEETLENS_GATED === "1";
let tokens = 0;
let wake: (() => void) | undefined;
if (gated)
  process.stdin.setEncoding("utf8").on("data", (d: string) => {
    tokens += d.split("\n").filter((l) => l.trim() === "go").length;
    wake?.();
  });
const gate = async (): Promise<void> => {
  if (!gated) return;
  while (tokens === 0) await new Promise<void>((r) => (wake = r));
  tokens--;
};
const traced = tracing(store, (e) => process.stdout.write(`${e}\n`), gate);
await ingest(traced, files, { batchSize: Number(batch), chunkSize: 4096 });
await store.close();
process.stdout.write("end\n");
if (gated) process.stdin.destroy();
