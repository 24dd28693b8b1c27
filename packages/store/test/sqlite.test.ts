import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { open, StoreError } from "../src/index.js";
import { startChild } from "./support/child.js";
import {
  expectConsistentAfterKill,
  expectedRows,
  genLines,
  linesOf,
  normalise,
  storeContract,
  tmp,
} from "./support/contract.js";
import { ingest } from "./support/ingest.js";

let n = 0;
describe("SQLite store (real better-sqlite3)", () => {
  storeContract(() => ({
    fresh: async () => ({ url: `sqlite:${join(tmp(), `s${n++}.db`)}`, table: `actions_${n}` }),
    runs: 40,
  }));

  it("an unusable database path is a StoreError naming the file problem, and nothing is created", async () => {
    const dir = tmp();
    const path = join(dir, "no", "such", "dir", "a.db");
    const e = await open(`sqlite:${path}`).then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(StoreError);
    expect((e as StoreError).reason._tag).toBe("Io");
    expect((e as StoreError).retryable).toBe(false);
    expect((e as StoreError).message).toMatch(/^sqlite:.*a\.db: cannot use the database file: /);
    expect(existsSync(path)).toBe(false);
    // a file that is not a database
    const junk = join(dir, "junk.db");
    writeFileSync(
      junk,
      "this is not a database file, just text that is long enough to have a header".repeat(20),
    );
    const e2 = await open(`sqlite:${junk}`).then(
      async (s) => s.ensureSchema().finally(() => s.close()),
      (x: unknown) => x,
    );
    expect((e2 as StoreError).reason?._tag).toBe("Io");
  });

  it("a run killed mid-batch (SIGKILL) and re-run gives exactly the rows of one clean run", async () => {
    const dir = tmp();
    const files = [join(dir, "api.log"), join(dir, "compute.log")];
    const a = genLines(60_000, 21);
    const b = genLines(40_000, 22);
    writeFileSync(files[0]!, a.text);
    // the second file repeats part of the first (duplicates across files) and ends mid-line
    writeFileSync(files[1]!, b.text + a.text.slice(0, 200_000));
    const url = `sqlite:${join(dir, "kill.db")}`;
    let killedInBatch = 0;
    for (const [i, killAt] of [1, 3, 5].entries()) {
      const table = `killed_${i}`;
      const child = await startChild([url, table, "20000", ...files]);
      await child.waitFor((ev) => ev.filter((e) => e.startsWith("begin")).length >= killAt);
      await new Promise((r) => setTimeout(r, i * 5));
      child.proc.kill("SIGKILL");
      const { signal } = await child.exited;
      expect(signal).toBe("SIGKILL");
      if (child.events.at(-1)?.startsWith("begin")) killedInBatch++;
      const s = await open(url, { table });
      try {
        await expectConsistentAfterKill(s, files);
        // the re-run completes to exactly one clean run's rows
        await ingest(s, files, { batchSize: 20000 });
        expect(normalise(await s.rows())).toEqual(expectedRows(linesOf(files)));
      } finally {
        await s.close();
      }
    }
    expect(killedInBatch).toBeGreaterThan(0);
  }, 120_000);
});
