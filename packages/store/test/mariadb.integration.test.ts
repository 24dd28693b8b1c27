/**
 * The store contract against a real MariaDB (mariadbd started by the test on 127.0.0.1 with a
 * throw-away data directory), plus what only a server has: connection errors, and a run killed
 * while its transaction is provably open (blocked on a row lock the test holds).
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import type mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
import { type MariaDb, startMariaDb } from "./support/mariadb.js";

let db: MariaDb;
let n = 0;

beforeAll(async () => {
  db = await startMariaDb();
}, 120_000);
afterAll(async () => {
  await db?.stop();
}, 60_000);

const tablesIn = async (database: string): Promise<string[]> => {
  const c = await db.root();
  try {
    const [rows] = await c.query(
      "SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?",
      [database],
    );
    return (rows as Array<{ t: string }>).map((r) => r.t).sort();
  } finally {
    await c.end();
  }
};

const failure = (p: Promise<unknown>): Promise<StoreError> =>
  p.then(
    () => {
      throw new Error("expected a StoreError");
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(StoreError);
      return e as StoreError;
    },
  );

describe("MariaDB store (real mariadbd)", () => {
  storeContract(() => ({ fresh: async () => ({ url: db.url, table: `actions_${n++}` }), runs: 15 }));

  it("the seed's DSN form works and the schema is the documented one (unique instance, action, ts)", async () => {
    const url = db.url.replace("mysql://", "mysql+asyncmy://") + "?charset=utf8mb4";
    const s = await open(url);
    try {
      await s.ensureSchema();
      expect(s.table).toBe("nova_compute_action_log");
      const c = await db.root();
      const [rows] = await c.query(
        "SELECT INDEX_NAME AS i, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) AS cols FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'nova_compute_action_log' AND NON_UNIQUE = 0 GROUP BY INDEX_NAME",
        [db.database],
      );
      const [types] = await c.query(
        "SELECT COLUMN_TYPE AS t FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'nova_compute_action_log' AND COLUMN_NAME = 'ts'",
        [db.database],
      );
      await c.end();
      expect(rows).toContainEqual({ i: "uq_instance_action_ts", cols: "instance,action,ts" });
      expect(types).toEqual([{ t: "datetime(6)" }]);
    } finally {
      await s.close();
    }
  });

  it("db/schema.sql loads with the real mariadb client and the store writes into those tables", async () => {
    const url = await db.createDatabase("fleetlens_schema");
    const sql = readFileSync(new URL("../db/schema.sql", import.meta.url), "utf8");
    const r = spawnSync(
      "mariadb",
      ["-h", "127.0.0.1", "-P", String(db.port), "-u", db.user, `-p${db.password}`, "fleetlens_schema"],
      { input: sql, encoding: "utf8" },
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(await tablesIn("fleetlens_schema")).toEqual([
      "fleetlens_carry",
      "fleetlens_checkpoints",
      "glance_image_action_log",
      "neutron_action_log",
      "nova_compute_action_log",
    ]);
    for (const kind of ["vm", "glance", "neutron"] as const) {
      const s = await open(url, { kind });
      try {
        const rows = genLines(5, 40).actions;
        expect((await s.writeBatch(rows)).inserted).toBe(5);
        expect((await s.writeBatch(rows)).inserted).toBe(0);
        expect(normalise(await s.rows())).toEqual(expectedRows(rows));
      } finally {
        await s.close();
      }
    }
  });

  it("a wrong password is AccessDenied, not retryable, with no password in the message, and nothing is written", async () => {
    const database = "fleetlens_wrongpw";
    const good = await db.createDatabase(database);
    const url = good.replace(encodeURIComponent(db.password), "Not-The-Pw-123");
    const e = await failure(open(url));
    expect(e.reason._tag).toBe("AccessDenied");
    expect(e.retryable).toBe(false);
    expect(e.message).toMatch(
      /^mysql:\/\/fleetlens:\*\*\*@127\.0\.0\.1:\d+\/fleetlens_wrongpw: access denied for user "fleetlens"/,
    );
    expect(e.message).not.toContain("Not-The-Pw-123");
    expect(e.message).not.toContain(db.password);
    expect(JSON.stringify(e)).not.toContain("Not-The-Pw-123");
    expect(await tablesIn(database)).toEqual([]);
  });

  it("an unreachable port is Unreachable and retryable (after the retries), and nothing is written", async () => {
    const port = await new Promise<number>((res) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => res(p));
      });
    });
    const url = `mysql://${db.user}:${encodeURIComponent(db.password)}@127.0.0.1:${port}/${db.database}`;
    const before = await tablesIn(db.database);
    const t0 = Date.now();
    const e = await failure(open(url, { retries: 2 }));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(200 + 400 - 50); // two backoffs happened
    expect(e.reason).toMatchObject({ _tag: "Unreachable", host: "127.0.0.1", port });
    expect(e.retryable).toBe(true);
    expect(e.message).toBe(
      `mysql://fleetlens:***@127.0.0.1:${port}/fleetlens_test: cannot reach 127.0.0.1:${port}: ECONNREFUSED`,
    );
    expect(await tablesIn(db.database)).toEqual(before);
  });

  it("an unknown database and a bad DSN are clear one-line errors", async () => {
    const e = await failure(open(db.url.replace(/\/fleetlens_test$/, "/fleetlens_nope")));
    expect(e.reason).toEqual({ _tag: "UnknownDatabase", database: "fleetlens_nope" });
    expect(e.message).toMatch(/: unknown database "fleetlens_nope"$/);
    const b = await failure(open(`mysql://${db.user}:${encodeURIComponent(db.password)}@127.0.0.1:99999/x`));
    expect(b.reason._tag).toBe("BadUrl");
    expect(b.message).not.toContain(db.password);
    expect(b.message).not.toContain("\n");
  });

  it("a run killed while its batch transaction is open (rows inserted, blocked on a lock) leaves only committed batches; a re-run gives one clean run", async () => {
    const dir = tmp();
    const files = [join(dir, "api.log"), join(dir, "compute.log")];
    const a = genLines(30_000, 31);
    const b = genLines(20_000, 32);
    writeFileSync(files[0]!, a.text);
    writeFileSync(files[1]!, b.text + a.text.slice(0, 20_000));
    const table = `killed_${n++}`;
    const child = await startChild([db.url, table, "1000", ...files], { gated: true });
    // let two batches commit (the second writes a checkpoint row that already exists)
    child.go(2);
    await child.waitFor((ev) => ev.filter((e) => e.startsWith("done")).length >= 2);
    const lock: mysql.Connection = await db.root();
    let sawWait = false;
    try {
      await lock.query(`USE \`${db.database}\``);
      await lock.beginTransaction();
      await lock.query("SELECT * FROM fleetlens_checkpoints FOR UPDATE");
      // only now may the third batch start: it inserts its rows, then waits for our lock
      child.go(1);
      // wait until the child's transaction has inserted its rows and waits for our lock on the
      // checkpoint upsert (writeBatch inserts rows first, then checkpoints, then commits). The
      // processlist shows the blocked statement; INNODB_TRX does not always list the waiter.
      for (let i = 0; i < 300 && !sawWait; i++) {
        const [pl] = await lock.query(
          "SELECT COUNT(*) AS k FROM information_schema.PROCESSLIST WHERE INFO LIKE 'INSERT INTO `fleetlens_checkpoints`%'",
        );
        sawWait = Number((pl as Array<{ k: unknown }>)[0]!.k) > 0;
        if (!sawWait) await new Promise((r) => setTimeout(r, 20));
      }
      child.proc.kill("SIGKILL");
      expect((await child.exited).signal).toBe("SIGKILL");
    } finally {
      await lock.rollback();
      await lock.end();
    }
    expect(sawWait).toBe(true);
    expect(child.events.at(-1)).toMatch(/^begin/);
    const s = await open(db.url, { table });
    try {
      // the server rolls back the dead connection's transaction (wait for it to notice)
      let rows = -1;
      for (let i = 0; i < 100; i++) {
        const c = await db.root();
        const [trx] = await c.query("SELECT COUNT(*) AS k FROM information_schema.INNODB_TRX");
        await c.end();
        if (Number((trx as Array<{ k: number }>)[0]!.k) === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      rows = await s.count();
      expect(rows % 1000).toBe(0); // whole batches only
      await expectConsistentAfterKill(s, files);
      await ingest(s, files, { batchSize: 1000 });
      expect(normalise(await s.rows())).toEqual(expectedRows(linesOf(files)));
    } finally {
      await s.close();
    }
  }, 120_000);
});
