/**
 * Child-process entry: `node child.mjs URL TABLE BATCH FILE...`. Prints `begin N` / `done N` per
 * batch and `end` when finished; the tests kill it with SIGKILL in the middle.
 */
import { open } from "../../src/index.js";
import { ingest, tracing } from "./ingest.js";

const [url, table, batch, ...files] = process.argv.slice(2);
const store = await open(url!, { table: table! });
const traced = tracing(store, (e) => process.stdout.write(`${e}\n`));
await ingest(traced, files, { batchSize: Number(batch), chunkSize: 4096 });
await store.close();
process.stdout.write("end\n");
