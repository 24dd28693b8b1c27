/**
 * `openstack actions` run after run on growing logs (as from cron): requests whose compute
 * evidence comes in a later run are carried to it instead of being written early. Oracles: one run
 * over the whole logs, and the generator's truth.
 */
import { spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import type { OpenStackAction as Action, OsLogRecord } from "@fleetlens/core";
import { OpenStack } from "@fleetlens/core/lite";
import { openstack } from "@fleetlens/parsers";
import { open } from "@fleetlens/store";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { accessRecord, generateCloud } from "../../../packages/core/test/support/openstack-gen.js";
import { BIN, cli } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "fleetlens-carry-"));
let n = 0;
const fresh = (name: string) => {
  const k = n++;
  return {
    api: join(dir, `${name}-${k}-nova-api.log`),
    compute: join(dir, `${name}-${k}-nova-compute.log`),
    db: join(dir, `${name}-${k}.db`),
  };
};
const line = (r: OsLogRecord): string => openstack.renderOsLog([r], {});
const argv = (f: { api: string; compute: string; db: string }, ...more: string[]) => [
  "openstack",
  "actions",
  "--api",
  f.api,
  "--compute",
  f.compute,
  "--sink",
  `sqlite:${f.db}`,
  "--include-delete",
  ...more,
];
const rowsOf = async (db: string): Promise<Action[]> => {
  const s = await open(`sqlite:${db}`, { kind: "vm" });
  try {
    return [...(await s.rows())].sort(OpenStack.compareActions);
  } finally {
    await s.close();
  }
};
const carriedOf = async (db: string) => {
  const s = await open(`sqlite:${db}`, { kind: "vm" });
  try {
    return await s.carried();
  } finally {
    await s.close();
  }
};
const pendingIn = (items: ReadonlyArray<{ kind: string; body: string }>): number =>
  items.filter((i) => i.kind === "request" && (JSON.parse(i.body) as { pending: boolean }).pending).length;
const statsOf = (stderr: string) =>
  JSON.parse(stderr.trim().split("\n").pop()!) as { carry: { resumed: number; carried: number } };

const P = "3c0ffee0d15ea5e0b0a710ad5eed0001";
const U = "9a8b7c6d5e4f30211203f4e5d6c7b8a9";
const VM = "5b0c7e2a-91d4-4c3e-8f11-2a6b9c0d7e31";

/** An /action request logged at `ts`, and the compute manager's message for it with the same request id. */
const pauseAt = (ts: number, requestId: string) => ({
  api: accessRecord(ts, "POST", `/v2.1/${P}/servers/${VM}/action`, 202, {
    requestId,
    userId: U,
    projectId: P,
    logger: "nova.osapi_compute.wsgi.server",
  }),
  compute: {
    ts: ts + 2000,
    pid: 7301,
    level: "INFO",
    logger: "nova.compute.manager",
    requestId,
    globalRequestId: null,
    userId: U,
    projectId: P,
    instance: VM,
    message: "Pausing",
  } satisfies OsLogRecord,
});

describe("openstack actions across runs", () => {
  it("pins the help text", async () => {
    expect((await cli(["openstack", "actions", "--help"])).stdout).toMatchSnapshot();
  });

  it("an /action logged in run 1 whose compute line (same request id) comes in run 2 is written once, as the true action", async () => {
    const f = fresh("two-runs");
    // Now-ish times: the run takes the logs to be live (they are younger than --log-lag-sec).
    const t = Math.floor(Date.now() / 1000) * 1000 - 30_000;
    const p = pauseAt(t, "req-0d6b8d1e-5d55-4f9e-9a43-0c2d3b4a5f61");
    writeFileSync(f.api, line(p.api));
    writeFileSync(f.compute, "");
    const r1 = await cli([...argv(f), "--stats", "json"]);
    expect(r1.code, r1.stderr).toBe(0);
    expect(r1.stderr).toContain(" 1 request(s) carried to the next run");
    expect(statsOf(r1.stderr).carry).toMatchObject({ resumed: 0, carried: 1 });
    expect(await rowsOf(f.db)).toEqual([]);
    expect(pendingIn(await carriedOf(f.db))).toBe(1);
    appendFileSync(f.compute, line(p.compute));
    const r2 = await cli([...argv(f), "--stats", "json"]);
    expect(r2.code, r2.stderr).toBe(0);
    expect(statsOf(r2.stderr).carry).toMatchObject({ resumed: 1, carried: 0 });
    const rows = await rowsOf(f.db);
    expect(rows.map((a) => [a.instance, a.action, a.derivation, a.ts, a.requestId])).toEqual([
      [VM, "pause", "request-id", t, p.api.requestId],
    ]);
    expect(pendingIn(await carriedOf(f.db))).toBe(0);
    // a third run has nothing to add
    const r3 = await cli(argv(f));
    expect(r3.stderr).toMatch(
      / 0 action\(s\) derived, 0 inserted, 0 already present, 0 request\(s\) carried/,
    );
    expect(await rowsOf(f.db)).toEqual(rows);
  });

  it("nothing is held for ever: requests carried are written once their time is --log-lag-sec past (here the logs are a month old)", async () => {
    const f = fresh("lag");
    const cloud = generateCloud({ seed: 31, instances: 4, start: Date.parse("2026-10-06T08:00:00Z") });
    writeFileSync(f.api, openstack.renderOsLog(cloud.api, {}));
    writeFileSync(f.compute, openstack.renderOsLog(cloud.compute, {}));
    // As if the logs were still being written: the tail waits for lines after it.
    const r1 = await cli([...argv(f, "--log-lag-sec", "1e9"), "--stats", "json"]);
    expect(r1.code, r1.stderr).toBe(0);
    const carried = statsOf(r1.stderr).carry.carried;
    expect(carried).toBeGreaterThan(0);
    expect((await rowsOf(f.db)).length).toBe(cloud.truth.length - carried);
    // No new line, but the clock says none can come before them any more.
    const r2 = await cli([...argv(f), "--stats", "json"]);
    expect(statsOf(r2.stderr).carry).toMatchObject({ resumed: carried, carried: 0 });
    expect(await rowsOf(f.db)).toEqual([...cloud.truth].sort(OpenStack.compareActions));
  });

  it("--replace reads from the start and drops the carried requests with the table", async () => {
    const f = fresh("replace");
    const a = generateCloud({ seed: 41, instances: 4, start: Date.parse("2026-10-07T08:00:00Z") });
    const b = generateCloud({ seed: 42, instances: 3, start: Date.parse("2026-10-08T08:00:00Z") });
    writeFileSync(f.api, openstack.renderOsLog(a.api, {}));
    writeFileSync(f.compute, openstack.renderOsLog(a.compute, {}));
    const r1 = await cli([...argv(f, "--log-lag-sec", "1e9"), "--stats", "json"]);
    expect(statsOf(r1.stderr).carry.carried).toBeGreaterThan(0);
    // other logs under the same names (the seed's way: everything again, into an emptied table)
    writeFileSync(f.api, openstack.renderOsLog(b.api, {}));
    writeFileSync(f.compute, openstack.renderOsLog(b.compute, {}));
    const r2 = await cli([...argv(f, "--replace"), "--stats", "json"]);
    expect(r2.code, r2.stderr).toBe(0);
    expect(statsOf(r2.stderr).carry).toMatchObject({ resumed: 0, carried: 0 });
    expect(await rowsOf(f.db)).toEqual([...b.truth].sort(OpenStack.compareActions));
  });

  it("a log's last line says how far it was read: quiet logs (a GET, a periodic task) do not hold a request", async () => {
    const f = fresh("quiet");
    const t = Date.parse("2026-10-06T09:00:00Z");
    const p = pauseAt(t, "req-1d6b8d1e-5d55-4f9e-9a43-0c2d3b4a5f62");
    const noise = (ts: number, message: string, instance: string | null = null): OsLogRecord => ({
      ...p.compute,
      ts,
      requestId: null,
      instance,
      message,
      ...(message.startsWith("VM ") ? { lifecycle: "Paused" } : {}),
    });
    const get = accessRecord(t + 400_000, "GET", `/v2.1/${P}/servers/detail`, 200, { requestId: null });
    // the pause is named by time (its compute line has no request id), so it waits for both logs
    writeFileSync(f.api, line(p.api) + line(get));
    writeFileSync(
      f.compute,
      line(noise(t + 2000, "VM Paused (Lifecycle Event)", VM)) +
        line(noise(t + 400_000, "Running periodic task ComputeManager._sync_power_states")),
    );
    const r = await cli([...argv(f, "--log-lag-sec", "1e9"), "--stats", "json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(statsOf(r.stderr).carry.carried).toBe(0);
    expect((await rowsOf(f.db)).map((a) => [a.action, a.derivation])).toEqual([["pause", "time-window"]]);
  });

  /** Each log's lines with their times, and where each line ends in the rendered text. */
  const layout = (recs: readonly OsLogRecord[]) => {
    const lines = recs.map(line);
    const ends: number[] = [];
    let at = 0;
    for (const l of lines) {
      at += Buffer.byteLength(l);
      ends.push(at);
    }
    return { text: lines.join(""), ts: recs.map((r) => r.ts!), ends };
  };
  /** Byte offset after the last line at or before `t`, plus part of the next line when `partial`. */
  const cutAt = (l: ReturnType<typeof layout>, t: number, partial: boolean): number => {
    let k = 0;
    while (k < l.ts.length && l.ts[k]! <= t) k++;
    const end = k === 0 ? 0 : l.ends[k - 1]!;
    return partial && k < l.ends.length ? end + Math.floor((l.ends[k]! - end) / 2) : end;
  };

  test.prop(
    [
      fc.record({
        seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        instances: fc.integer({ min: 1, max: 6 }),
        reqIdOnCompute: fc.constantFrom(0, 0.5, 1),
        jitterSec: fc.integer({ min: 0, max: 5 }),
      }),
      fc.array(
        fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: -20, max: 20 }), fc.boolean()),
        {
          minLength: 1,
          maxLength: 5,
        },
      ),
    ],
    { numRuns: 25 },
  )(
    "runs after each append, the logs cut at any times, leave the table one run leaves; flushed, the truth",
    async (g, cuts) => {
      const cloud = generateCloud({ ...g, start: Date.parse("2026-10-09T08:00:00Z") });
      const api = layout(cloud.api);
      const compute = layout(cloud.compute);
      const t0 = Math.min(api.ts[0]!, compute.ts[0] ?? Number.POSITIVE_INFINITY) - 1000;
      const t1 = Math.max(api.ts.at(-1)!, compute.ts.at(-1) ?? 0);
      // Where each run stops reading each log: a time for both, the compute log a few seconds off.
      const apiTimes = cuts.map(([x]) => t0 + x * (t1 - t0)).sort((a, b) => a - b);
      const computeTimes = cuts.map(([x, d]) => t0 + x * (t1 - t0) + d * 1000).sort((a, b) => a - b);
      const split = fresh("split");
      writeFileSync(split.api, "");
      writeFileSync(split.compute, "");
      let ai = 0;
      let ci = 0;
      const live = ["--log-lag-sec", "1e9", "--batch-size", "7"];
      for (let k = 0; k < cuts.length; k++) {
        const partial = cuts[k]![2];
        const a = Math.max(ai, cutAt(api, apiTimes[k]!, partial));
        const c = Math.max(ci, cutAt(compute, computeTimes[k]!, partial));
        appendFileSync(split.api, api.text.slice(ai, a));
        appendFileSync(split.compute, compute.text.slice(ci, c));
        ai = a;
        ci = c;
        const r = await cli(argv(split, ...live));
        expect(r.code, r.stderr).toBe(0);
      }
      appendFileSync(split.api, api.text.slice(ai));
      appendFileSync(split.compute, compute.text.slice(ci));
      expect((await cli(argv(split, ...live))).code).toBe(0);
      const once = fresh("once");
      writeFileSync(once.api, api.text);
      writeFileSync(once.compute, compute.text);
      expect((await cli(argv(once, ...live))).code).toBe(0);
      expect(await rowsOf(split.db)).toEqual(await rowsOf(once.db));
      expect(pendingIn(await carriedOf(split.db))).toBe(pendingIn(await carriedOf(once.db)));
      // The logs are old: a run with the default lag decides what was carried.
      expect((await cli(argv(split))).code).toBe(0);
      expect(await rowsOf(split.db)).toEqual([...cloud.truth].sort(OpenStack.compareActions));
    },
    60_000,
  );
});

describe("openstack actions killed mid-run (SIGKILL) with carried state", () => {
  it("leaves committed rows that are final and the previous run's checkpoints and carried state; the re-run ends as a clean run", async () => {
    const cloud = generateCloud({ seed: 61, instances: 300, start: Date.parse("2026-10-12T08:00:00Z") });
    const half = (recs: readonly OsLogRecord[]) => {
      const t = cloud.api[Math.floor(cloud.api.length / 2)]!.ts!;
      return [recs.filter((r) => r.ts! <= t), recs.filter((r) => r.ts! > t)] as const;
    };
    const [api1, api2] = half(cloud.api);
    const [cmp1, cmp2] = half(cloud.compute);
    const clean = fresh("clean");
    const killed = fresh("killed");
    for (const f of [clean, killed]) {
      writeFileSync(f.api, openstack.renderOsLog(api1, {}));
      writeFileSync(f.compute, openstack.renderOsLog(cmp1, {}));
    }
    // Run 1 carries requests; then the logs grow. Batches of one row: many transactions in run 2.
    const live = ["--log-lag-sec", "1e9", "--batch-size", "1"];
    for (const f of [clean, killed]) {
      expect((await cli(argv(f, ...live))).code).toBe(0);
      appendFileSync(f.api, openstack.renderOsLog(api2, {}));
      appendFileSync(f.compute, openstack.renderOsLog(cmp2, {}));
    }
    expect(pendingIn(await carriedOf(killed.db))).toBeGreaterThan(0);
    const before = { rows: await rowsOf(killed.db), carried: await carriedOf(killed.db) };
    const s0 = await open(`sqlite:${killed.db}`, { kind: "vm" });
    const checkpointsBefore = [await s0.checkpoint(killed.api), await s0.checkpoint(killed.compute)];
    await s0.close();
    expect((await cli(argv(clean, ...live))).code).toBe(0);
    const want = { rows: await rowsOf(clean.db), carried: await carriedOf(clean.db) };
    expect(want.rows.length - before.rows.length).toBeGreaterThan(300);

    // Not the test runner's environment: vitest sets MODE, one of the seed's variables.
    const child = spawn(process.execPath, [BIN, ...argv(killed, ...live)], {
      stdio: ["ignore", "ignore", "pipe"],
      env: { PATH: process.env.PATH ?? "" },
    });
    let stderr = "";
    child.stderr!.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    const exited = new Promise<string | null>((res) => child.once("exit", (_code, signal) => res(signal)));
    const db = new Database(killed.db);
    db.pragma("busy_timeout = 10000");
    try {
      // Wait for run 2 to commit some batches, then hold the write lock: the child waits at its next
      // batch (its busy timeout is 5 s), and is killed there.
      const count = db.prepare("SELECT COUNT(*) AS n FROM nova_compute_action_log");
      const rows = () => (count.get() as { n: number }).n;
      // The whole wait is a synchronous spin from the spawn: the child writes a row every fraction
      // of a millisecond, so one late timer tick would let it finish.
      const deadline = Date.now() + 30_000;
      while (rows() < before.rows.length + 3 && Date.now() < deadline) {
        // spin
      }
      db.exec("BEGIN IMMEDIATE");
      child.kill("SIGKILL");
      expect(await exited, stderr).toBe("SIGKILL");
      db.exec("ROLLBACK");
    } finally {
      db.close();
    }
    const mid = await rowsOf(killed.db);
    expect(mid.length).toBeGreaterThan(before.rows.length);
    expect(mid.length).toBeLessThan(want.rows.length);
    // every committed row is one of the clean run's rows (nothing decided too early)
    const key = (a: Action) => JSON.stringify(a);
    const wanted = new Set(want.rows.map(key));
    expect(mid.filter((a) => !wanted.has(key(a)))).toEqual([]);
    // the checkpoints and the carried state are the previous run's (they go in the last transaction)
    const s1 = await open(`sqlite:${killed.db}`, { kind: "vm" });
    expect([await s1.checkpoint(killed.api), await s1.checkpoint(killed.compute)]).toEqual(checkpointsBefore);
    await s1.close();
    expect(await carriedOf(killed.db)).toEqual(before.carried);
    // the re-run reads the same lines from there and ends where the clean run ended
    const r = await cli(argv(killed, ...live));
    expect(r.code, r.stderr).toBe(0);
    expect(await rowsOf(killed.db)).toEqual(want.rows);
    expect(await carriedOf(killed.db)).toEqual(want.carried);
  }, 60_000);
});
