/**
 * The store contract, run against each real backend (SQLite in sqlite.test.ts, MariaDB in
 * mariadb.integration.test.ts). Oracles are independent of the store: a Map keyed by
 * (instance, action, microsecond) for idempotency, the generator's own lines for checkpoints.
 */
import { appendFileSync, mkdtempSync, readFileSync, renameSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OpenStackAction } from "@fleetlens/core";
import fc from "fast-check";
import { expect, it } from "vitest";
import {
  BatchWriter,
  type CarryItem,
  deleteOlderThan,
  isStoreError,
  open,
  resume,
  type Store,
  StoreError,
} from "../../src/index.js";
import { actionOf, ingest, lineOf } from "./ingest.js";

export interface Backend {
  /** A sink URL and a table name nobody else uses. */
  fresh(): Promise<{ url: string; table: string }>;
  /** Property runs (MariaDB round trips are slower). */
  readonly runs: number;
}

const Y1990 = Date.UTC(1990, 0, 1);
const Y2100 = Date.UTC(2100, 0, 1);

/** Actions with microsecond times in 1990–2100 and a small key space, so duplicates are common. */
export const actionArb: fc.Arbitrary<OpenStackAction> = fc
  .record({
    instance: fc.oneof(
      fc.constantFrom(
        "0b4f6e1c-1111-4a8e-9d0e-000000000001",
        "0b4f6e1c-1111-4a8e-9d0e-000000000002",
        "a",
        "a ",
      ),
      fc.string({ unit: "binary", minLength: 1, maxLength: 40 }),
    ),
    action: fc.constantFrom("create", "delete", "pause", "unpause", "reboot", "console", "unknown"),
    ts: fc.oneof(
      fc.constantFrom(Y1990, Y1990 + 0.001, Y1990 + 1, Y2100 - 0.001),
      fc
        .tuple(fc.integer({ min: Y1990, max: Y2100 - 1 }), fc.integer({ min: 0, max: 999 }))
        .map(([ms, us]) => ms + us / 1000),
    ),
    requestId: fc.option(
      fc.uuid().map((u) => `req-${u}`),
      { nil: null },
    ),
    userId: fc.option(
      fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 32, maxLength: 32 }),
      { nil: null },
    ),
    projectId: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
    status: fc.option(fc.constantFrom(200, 202, 204, 400, 404, 409, 500), { nil: null }),
    derivation: fc.constantFrom("request", "request-id", "time-window"),
    candidates: fc.option(fc.array(fc.constantFrom("pause", "suspend", "stop"), { maxLength: 3 }), {
      nil: undefined,
    }),
    resource: fc.option(fc.constantFrom("server", "image", "port"), { nil: undefined }),
  })
  .map((a) => {
    const out: Record<string, unknown> = { ...a };
    if (a.candidates === undefined) delete out.candidates;
    if (a.resource === undefined) delete out.resource;
    return out as OpenStackAction;
  });

const micro = (ts: number): number => Math.round(ts * 1000);
const keyOf = (a: OpenStackAction): string => JSON.stringify([a.instance, a.action, micro(a.ts)]);

/** One clean run's rows: the first action of each key, sorted like the store sorts. */
export const expectedRows = (actions: ReadonlyArray<OpenStackAction>): OpenStackAction[] => {
  const m = new Map<string, OpenStackAction>();
  for (const a of actions) if (!m.has(keyOf(a))) m.set(keyOf(a), a);
  return normalise([...m.values()]);
};

const cmp = (a: string, b: string): number => {
  // UTF-8 byte order (what SQLite's BINARY and MariaDB's nopad_bin collations sort by).
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return Buffer.compare(x, y);
};

/** Comparable form: microsecond times, sorted by (ts, instance, action). */
export const normalise = (rows: ReadonlyArray<OpenStackAction>): OpenStackAction[] =>
  rows
    .map((r) => ({ ...r, ts: micro(r.ts) }))
    .sort((a, b) => a.ts - b.ts || cmp(a.instance, b.instance) || cmp(a.action, b.action));

export const tmp = (): string => mkdtempSync(join(tmpdir(), "fleetlens-store-"));

const withStore = async <A>(url: string, table: string, f: (s: Store) => Promise<A>): Promise<A> => {
  const s = await open(url, { table });
  try {
    return await f(s);
  } finally {
    await s.close();
  }
};

/** A log of `n` generated lines (distinct keys unless `repeat`), for the checkpoint tests. */
export const genLines = (n: number, seed: number): { text: string; actions: OpenStackAction[] } => {
  const actions: OpenStackAction[] = [];
  for (let i = 0; i < n; i++) {
    const k = seed * 1_000_000 + i;
    actions.push({
      instance: `9c1d${String(k % 7).padStart(4, "0")}-2222-4b5c-8d9e-${String(k).padStart(12, "0")}`,
      action: ["create", "pause", "unpause", "delete"][k % 4]!,
      ts: Date.UTC(2024, 2, 1) + k * 1000 + (k % 997),
      requestId: `req-${String(k).padStart(8, "0")}-aaaa-4bbb-8ccc-dddddddddddd`,
      userId: null,
      projectId: null,
      status: k % 11 === 0 ? 409 : 202,
      derivation: "request",
    });
  }
  return { text: actions.map((a) => lineOf(a) + "\n").join(""), actions };
};

const actionsOfText = (text: string): OpenStackAction[] =>
  text
    .split("\n")
    .map(actionOf)
    .filter((x): x is OpenStackAction => x !== null);

/** Every action of the complete lines of `files`, in processing order (one clean run reads these). */
export const linesOf = (files: ReadonlyArray<string>): OpenStackAction[] =>
  files.flatMap((f) => {
    const text = readFileSync(f, "utf8");
    return actionsOfText(text.slice(0, text.lastIndexOf("\n") + 1));
  });

/**
 * After a kill: the committed rows are the rows of a prefix of the run (in processing order), and
 * that prefix covers everything the stored checkpoints claim (a checkpoint never runs ahead of
 * its rows; rows past the last checkpoint are allowed: a re-run reads them again as duplicates).
 */
export const expectConsistentAfterKill = async (s: Store, files: ReadonlyArray<string>): Promise<void> => {
  const seq = linesOf(files);
  const rows = normalise(await s.rows());
  let covered = 0;
  for (const f of files) {
    const cp = await s.checkpoint(f);
    const text = readFileSync(f, "utf8");
    covered += actionsOfText(text.slice(0, cp?.offset ?? 0)).length;
    if (cp === null || cp.offset < text.length) break; // later files were not reached
  }
  const seen = new Set<string>();
  let k = 0;
  while (k < seq.length && seen.size < rows.length) seen.add(keyOf(seq[k++]!));
  expect(rows).toEqual(expectedRows(seq.slice(0, k)));
  expect(k).toBeGreaterThanOrEqual(covered);
  expect(rows.length).toBeLessThan(expectedRows(seq).length);
};

export const storeContract = (backend: () => Backend): void => {
  it("two runs give the same rows: duplicates are inserted once, a re-run inserts nothing", async () => {
    const b = backend();
    await fc.assert(
      fc.asyncProperty(
        fc.array(actionArb, { maxLength: 60 }),
        fc.integer({ min: 1, max: 25 }),
        async (actions, batchSize) => {
          const { url, table } = await b.fresh();
          await withStore(url, table, async (s) => {
            const want = expectedRows(actions);
            const w1 = new BatchWriter(s, { batchSize });
            await w1.add(actions);
            const t1 = await w1.end();
            expect(t1.inserted).toBe(want.length);
            expect(t1.inserted + t1.duplicates + t1.rejected).toBe(actions.length);
            expect(normalise(await s.rows())).toEqual(want);
            const w2 = new BatchWriter(s, { batchSize });
            await w2.add(actions);
            const t2 = await w2.end();
            expect(t2.inserted).toBe(0);
            expect(await s.count()).toBe(want.length);
            expect(normalise(await s.rows())).toEqual(want);
          });
        },
      ),
      { numRuns: b.runs },
    );
  });

  it("replace empties the table and its checkpoints first, in the first transaction", async () => {
    const { url, table } = await backend().fresh();
    const dir = tmp();
    const f = join(dir, "a.log");
    const a = genLines(30, 1);
    writeFileSync(f, a.text);
    await withStore(url, table, async (s) => {
      await ingest(s, [f]);
      expect(await s.count()).toBe(30);
      const b = genLines(5, 2);
      const w = new BatchWriter(s, { replace: true, batchSize: 2 });
      await w.add(b.actions);
      await w.end();
      expect(normalise(await s.rows())).toEqual(expectedRows(b.actions));
      expect(await s.checkpoint(f)).toBeNull();
      // replace with nothing to write still empties
      const w2 = new BatchWriter(s, { replace: true });
      expect((await w2.end()).batches).toBe(1);
      expect(await s.count()).toBe(0);
    });
  });

  it("a failing batch writes neither its rows nor its checkpoints", async () => {
    const { url, table } = await backend().fresh();
    const dir = tmp();
    const f = join(dir, "a.log");
    writeFileSync(f, genLines(10, 3).text);
    await withStore(url, table, async (s) => {
      const cur = await resume(f, null);
      const first = genLines(4, 4).actions;
      await s.writeBatch(first, [cur.at(100)]);
      const before = await s.checkpoint(f);
      expect(before?.offset).toBe(100);
      // a checkpoint the database refuses (NOT NULL column) fails the whole batch
      const broken = { ...cur.at(200), dev: null as unknown as string };
      const err = await s.writeBatch(genLines(6, 5).actions, [broken]).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isStoreError(err)).toBe(true);
      expect(await s.count()).toBe(4);
      expect(await s.checkpoint(f)).toEqual(before);
      expect(normalise(await s.rows())).toEqual(expectedRows(first));
    });
  });

  it("checkpoints: a re-run reads only new lines; rotation, truncation and in-place replacement start over", async () => {
    const { url, table } = await backend().fresh();
    const dir = tmp();
    const f = join(dir, "nova-api.log");
    const g = join(dir, "nova-compute.log");
    const p1 = genLines(50, 10);
    const q1 = genLines(20, 11);
    writeFileSync(f, p1.text);
    writeFileSync(g, q1.text + "2024-03-01T00:00:00.000Z partial-line-without-newline");
    await withStore(url, table, async (s) => {
      const r1 = await ingest(s, [f, g], { batchSize: 7, chunkSize: 256 });
      expect(r1.files.map((x) => [x.reason, x.start, x.lines])).toEqual([
        ["new", 0, 50],
        ["new", 0, 20],
      ]);
      expect(r1.inserted).toBe(70);
      expect((await s.checkpoint(g))?.offset).toBe(Buffer.byteLength(q1.text));

      // growth: only the appended lines are read (no duplicates seen)
      const p2 = genLines(13, 12);
      appendFileSync(f, p2.text);
      const r2 = await ingest(s, [f, g], { batchSize: 7, chunkSize: 256 });
      expect(r2.files.map((x) => [x.reason, x.start, x.lines])).toEqual([
        ["resume", Buffer.byteLength(p1.text), 13],
        ["resume", Buffer.byteLength(q1.text), 0],
      ]);
      expect([r2.inserted, r2.duplicates]).toEqual([13, 0]);

      // nothing new: nothing read
      const r3 = await ingest(s, [f], { chunkSize: 256 });
      expect([r3.files[0]!.lines, r3.inserted, r3.duplicates]).toEqual([0, 0, 0]);

      // rotation: the old file moves away, a new file (new inode) appears at the path
      renameSync(f, `${f}.1`);
      const p3 = genLines(9, 13);
      writeFileSync(f, p3.text);
      const r4 = await ingest(s, [f], { chunkSize: 256 });
      expect([r4.files[0]!.reason, r4.files[0]!.start, r4.inserted]).toEqual(["rotated", 0, 9]);

      // truncation (same inode, shorter than the offset)
      const p4 = genLines(3, 14);
      truncateSync(f, 0);
      appendFileSync(f, p4.text);
      const r5 = await ingest(s, [f], { chunkSize: 256 });
      expect([r5.files[0]!.reason, r5.inserted]).toEqual(["truncated", 3]);

      // copytruncate, then the new file grew past the old offset: the head differs
      const p5 = genLines(40, 15);
      truncateSync(f, 0);
      appendFileSync(f, p5.text);
      const r6 = await ingest(s, [f], { chunkSize: 256 });
      expect([r6.files[0]!.reason, r6.files[0]!.start, r6.inserted]).toEqual(["replaced", 0, 40]);

      const all = [p1, q1, p2, p3, p4, p5].flatMap((x) => x.actions);
      expect(normalise(await s.rows())).toEqual(expectedRows(all));
    });
  });

  it("carried state: replaced in the batch's transaction, read back in order per target, cleared by replace, kept by a failing batch", async () => {
    const { url, table } = await backend().fresh();
    const other = `${table}_other`;
    const dir = tmp();
    const f = join(dir, "a.log");
    writeFileSync(f, genLines(3, 6).text);
    const item = (i: number, extra: Partial<CarryItem> = {}): CarryItem => ({
      kind: i === 0 ? "state" : "request",
      ts: Date.UTC(2026, 10, 21, 12, 0, i, 250) + 0.5,
      instance: `0b4f6e1c-1111-4a8e-9d0e-00000000000${i}`,
      requestId: i % 2 === 0 ? null : `req-${i}`,
      body: JSON.stringify({ i, text: "ünïcode \u2028 'quote' \"dq\"" }),
      ...extra,
    });
    const many = Array.from({ length: 1203 }, (_, i) => item(i));
    await withStore(url, table, async (s) => {
      expect(await s.carried()).toEqual([]);
      const cur = await resume(f, null);
      await s.writeBatch(genLines(2, 7).actions, [cur.at(10)], { carry: many });
      expect(await s.carried()).toEqual(many);
      // rows and checkpoints without `carry` leave it alone
      await s.writeBatch(genLines(1, 8).actions, [cur.at(20)]);
      expect((await s.carried()).length).toBe(many.length);
      // a long instance and an out-of-range time are NULL in their columns; the body is kept
      const odd = [item(1, { instance: "x".repeat(300), ts: Date.UTC(50000, 0, 1) })];
      await s.writeBatch([], [], { carry: odd });
      expect(await s.carried()).toEqual([{ ...odd[0]!, instance: null, ts: null }]);
      // a failing batch writes neither its checkpoints nor its carried state
      const broken = { ...cur.at(30), dev: null as unknown as string };
      await s.writeBatch([], [broken], { carry: many }).catch(() => undefined);
      expect((await s.carried()).length).toBe(1);
      expect((await s.checkpoint(f))?.offset).toBe(20);
    });
    // another target has its own carried state
    await withStore(url, other, async (s) => {
      await s.writeBatch([], [], { carry: [item(2)] });
      expect(await s.carried()).toEqual([item(2)]);
    });
    await withStore(url, table, async (s) => {
      expect((await s.carried()).length).toBe(1);
      await s.writeBatch([], [], { replace: true });
      expect(await s.carried()).toEqual([]);
      expect(await s.checkpoint(f)).toBeNull();
      await s.writeBatch([], [], { carry: [] });
      expect(await s.carried()).toEqual([]);
    });
    await withStore(url, other, async (s) => expect((await s.carried()).length).toBe(1));
  });

  it("retention deletes exactly the rows older than N days", async () => {
    const b = backend();
    await fc.assert(
      fc.asyncProperty(
        fc.array(actionArb, { maxLength: 40 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: Y1990, max: Y2100 }),
        async (actions, days, now) => {
          const { url, table } = await b.fresh();
          await withStore(url, table, async (s) => {
            await s.writeBatch(actions);
            const deleted = await deleteOlderThan(s, days, now);
            const cutoff = micro(now - days * 86_400_000);
            const want = expectedRows(actions).filter((r) => r.ts >= cutoff);
            expect(normalise(await s.rows())).toEqual(want);
            expect(deleted).toBe(expectedRows(actions).length - want.length);
          });
        },
      ),
      { numRuns: Math.max(5, Math.floor(b.runs / 2)) },
    );
  });

  it("rejects a table name that is not an identifier, before touching the database", async () => {
    const { url } = await backend().fresh();
    for (const bad of [
      "x; DROP TABLE y",
      "1abc",
      "a-b",
      "fleetlens_checkpoints",
      "fleetlens_carry",
      "a".repeat(65),
      "",
    ]) {
      const s = await open(url, { table: bad });
      try {
        const e = await s.ensureSchema(bad).then(
          () => null,
          (x: unknown) => x,
        );
        expect(e).toBeInstanceOf(StoreError);
        expect((e as StoreError).reason._tag).toBe("BadTable");
        const w = await s.writeBatch([]).then(
          () => null,
          (x: unknown) => x,
        );
        expect((w as StoreError).reason._tag).toBe("BadTable");
      } finally {
        await s.close();
      }
    }
  });
};
