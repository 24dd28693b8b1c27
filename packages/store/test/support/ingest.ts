/**
 * A small ingestion driver over the store's public API, used by the tests (in process and as a
 * child process that gets killed): reads each file from its checkpoint, turns each complete line
 * `ISO-TIME INSTANCE ACTION REQUEST-ID STATUS` into an action, writes through a BatchWriter and
 * marks a checkpoint after every chunk. Lines of any other shape produce no action.
 */
import type { OpenStackAction } from "@fleetlens/core";
import { BatchWriter, type ResumeReason, readComplete, resume, type Store } from "../../src/index.js";

export const lineOf = (a: OpenStackAction): string =>
  `${new Date(a.ts).toISOString()} ${a.instance} ${a.action} ${a.requestId ?? "-"} ${a.status ?? "-"}`;

export const actionOf = (line: string): OpenStackAction | null => {
  const f = line.split(" ");
  if (f.length !== 5) return null;
  const ts = Date.parse(f[0]!);
  if (!Number.isFinite(ts)) return null;
  return {
    instance: f[1]!,
    action: f[2]!,
    ts,
    requestId: f[3] === "-" ? null : f[3]!,
    userId: null,
    projectId: null,
    status: f[4] === "-" ? null : Number(f[4]),
    derivation: "request",
  };
};

export interface IngestReport {
  readonly files: ReadonlyArray<{ path: string; start: number; reason: ResumeReason; lines: number }>;
  readonly inserted: number;
  readonly duplicates: number;
  readonly batches: number;
}

export const ingest = async (
  store: Store,
  files: ReadonlyArray<string>,
  options: { batchSize?: number; replace?: boolean; chunkSize?: number } = {},
): Promise<IngestReport> => {
  const w = new BatchWriter(store, { batchSize: options.batchSize ?? 100, replace: options.replace });
  const report: Array<{ path: string; start: number; reason: ResumeReason; lines: number }> = [];
  for (const f of files) {
    const cur = await resume(f, await store.checkpoint(f));
    let lines = 0;
    for await (const { chunk, end } of readComplete(f, cur.start, options.chunkSize ?? 4096)) {
      const acts: OpenStackAction[] = [];
      for (const line of chunk.toString("utf8").split("\n")) {
        if (line === "") continue;
        lines++;
        const a = actionOf(line);
        if (a !== null) acts.push(a);
      }
      await w.add(acts);
      w.mark(cur.at(end));
    }
    report.push({ path: f, start: cur.start, reason: cur.reason, lines });
  }
  const t = await w.end();
  return { files: report, inserted: t.inserted, duplicates: t.duplicates, batches: t.batches };
};

/** A store that reports each batch's start and end through `log` (the child prints them). */
export const tracing = (
  store: Store,
  log: (event: string) => void,
  gate: () => Promise<void> = async () => undefined,
): Store => ({
  get sink() {
    return store.sink;
  },
  get backend() {
    return store.backend;
  },
  get table() {
    return store.table;
  },
  ensureSchema: (t, k) => store.ensureSchema(t, k),
  writeBatch: async (rows, cps, o) => {
    await gate();
    log(`begin ${rows.length}`);
    const r = await store.writeBatch(rows, cps, o);
    log(`done ${r.inserted}`);
    return r;
  },
  checkpoint: (p) => store.checkpoint(p),
  carried: () => store.carried(),
  count: () => store.count(),
  rows: () => store.rows(),
  deleteBefore: (ms) => store.deleteBefore(ms),
  close: () => store.close(),
});
