import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OpenStackAction } from "@fleetlens/core";
import { BatchWriter, open } from "@fleetlens/store";

// Two actions derived from nova-api lines (synthetic ids); the second run finds both stored.
const actions: OpenStackAction[] = [
  {
    instance: "5e0c7b1a-3f2d-4c6b-9a8e-1d2c3b4a5f60",
    action: "create",
    ts: Date.UTC(2024, 2, 1, 9, 15, 2, 417),
    requestId: "req-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
    userId: "f3a9c2e1d4b54c7f8a6e2d1c0b9a8f7e",
    projectId: "0c1d2e3f4a5b4c6d8e7f9a0b1c2d3e4f",
    status: 202,
    derivation: "request",
  },
  {
    instance: "5e0c7b1a-3f2d-4c6b-9a8e-1d2c3b4a5f60",
    action: "pause",
    ts: Date.UTC(2024, 2, 1, 9, 40, 11, 5),
    requestId: "req-7d6c5b4a-3e2f-4b1a-9c8d-7e6f5a4b3c2d",
    userId: "f3a9c2e1d4b54c7f8a6e2d1c0b9a8f7e",
    projectId: "0c1d2e3f4a5b4c6d8e7f9a0b1c2d3e4f",
    status: 202,
    derivation: "request-id",
  },
];

const url = `sqlite:${join(mkdtempSync(join(tmpdir(), "fleetlens-example-")), "actions.db")}`;
const store = await open(url, { kind: "vm" });
for (const run of [1, 2]) {
  const writer = new BatchWriter(store, { batchSize: 500 });
  await writer.add(actions);
  const t = await writer.end();
  console.log(`run ${run}: inserted ${t.inserted}, duplicates ${t.duplicates}`);
}
console.log(store.table, await store.count());
await store.close();
