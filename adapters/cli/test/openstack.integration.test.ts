/**
 * `openstack actions` into a real MariaDB that the test starts itself on 127.0.0.1 (throw-away
 * data directory), with the seed's DSN spelling.
 */
import { appendFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OpenStack } from "@fleetlens/core/lite";
import { openstack } from "@fleetlens/parsers";
import { open } from "@fleetlens/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessRecord, generateCloud } from "../../../packages/core/test/support/openstack-gen.js";
import { type MariaDb, startMariaDb } from "../../../packages/store/test/support/mariadb.js";
import { cli } from "./helpers.js";

let db: MariaDb;
beforeAll(async () => {
  db = await startMariaDb();
}, 120_000);
afterAll(async () => {
  await db?.stop();
}, 60_000);

const dir = mkdtempSync(join(tmpdir(), "fleetlens-os-maria-"));
const cloud = generateCloud({ seed: 21, instances: 5, start: Date.parse("2026-10-05T08:00:00Z") });
const api = join(dir, "nova-api.log");
const compute = join(dir, "nova-compute.log");
writeFileSync(api, openstack.renderOsLog(cloud.api, {}));
writeFileSync(compute, openstack.renderOsLog(cloud.compute, {}));
const key = (a: { instance: string; action: string; ts: number; status: number | null }) =>
  `${a.instance} ${a.action} ${a.ts} ${a.status}`;

describe("fleetlens openstack actions into MariaDB", () => {
  it("two runs give the true rows once (seed-style mysql+asyncmy DSN)", async () => {
    const dsn = db.url.replace(/^mysql:/, "mysql+asyncmy:") + "?charset=utf8mb4";
    const argv = [
      "openstack",
      "actions",
      "--api",
      api,
      "--compute",
      compute,
      "--sink",
      dsn,
      "--include-delete",
    ];
    const r1 = await cli(argv);
    expect(r1.code, r1.stderr).toBe(0);
    expect(r1.stderr).not.toContain(db.password);
    const r2 = await cli(argv);
    expect(r2.code).toBe(0);
    expect(r2.stderr).toMatch(/ 0 inserted/);
    const s = await open(db.url, { kind: "vm" });
    try {
      const rows = [...(await s.rows())].sort(OpenStack.compareActions).map(key);
      expect(rows).toEqual([...cloud.truth].sort(OpenStack.compareActions).map(key));
    } finally {
      await s.close();
    }
  });

  it("an /action logged in run 1 whose compute line (same request id) comes in run 2 is written once, as the true action", async () => {
    const url = await db.createDatabase("fleetlens_carry_two_runs");
    const t = Math.floor(Date.now() / 1000) * 1000 - 30_000;
    const requestId = "req-2e7c9e2f-6e66-4a0f-8b54-1d3e4c5b6a72";
    const vm = "5b0c7e2a-91d4-4c3e-8f11-2a6b9c0d7e31";
    const project = "3c0ffee0d15ea5e0b0a710ad5eed0001";
    const a = join(dir, "two-runs-nova-api.log");
    const c = join(dir, "two-runs-nova-compute.log");
    writeFileSync(
      a,
      openstack.renderOsLog(
        [
          accessRecord(t, "POST", `/v2.1/${project}/servers/${vm}/action`, 202, {
            requestId,
            projectId: project,
            logger: "nova.osapi_compute.wsgi.server",
          }),
        ],
        {},
      ),
    );
    writeFileSync(c, "");
    const argv = ["openstack", "actions", "--api", a, "--compute", c, "--sink", url];
    const r1 = await cli(argv);
    expect(r1.code, r1.stderr).toBe(0);
    expect(r1.stderr).toContain(" 0 inserted, 0 already present, 1 request(s) carried to the next run");
    appendFileSync(
      c,
      openstack.renderOsLog(
        [
          {
            ts: t + 2000,
            pid: 7301,
            level: "INFO",
            logger: "nova.compute.manager",
            requestId,
            globalRequestId: null,
            userId: null,
            projectId: null,
            instance: vm,
            message: "Pausing",
          },
        ],
        {},
      ),
    );
    const r2 = await cli(argv);
    expect(r2.code, r2.stderr).toBe(0);
    expect(r2.stderr).toContain(" 1 inserted, 0 already present, 0 request(s) carried to the next run");
    const s = await open(url, { kind: "vm" });
    try {
      expect((await s.rows()).map((x) => [x.instance, x.action, x.derivation, x.ts, x.requestId])).toEqual([
        [vm, "pause", "request-id", t, requestId],
      ]);
      // the request is still carried, decided (a later request may compete with it), not pending
      const carried = (await s.carried()).filter((i) => i.kind === "request");
      expect(carried.map((i) => [i.requestId, (JSON.parse(i.body) as { pending: boolean }).pending])).toEqual(
        [[requestId, false]],
      );
    } finally {
      await s.close();
    }
  });

  it("a wrong password exits 1 with a clear message, the password hidden, and creates nothing", async () => {
    const url = await db.createDatabase("fleetlens_wrongpw");
    const bad = url.replace(`:${encodeURIComponent(db.password)}@`, ":not-the-password@");
    const r = await cli(["openstack", "actions", "--api", api, "--sink", bad, "--table", "should_not_exist"]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/access denied/i);
    expect(r.stderr).not.toContain("not-the-password");
    const c = await db.root();
    try {
      const [t] = await c.query(
        "SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'fleetlens_wrongpw'",
      );
      expect(Number((t as { n: unknown }[])[0]!.n)).toBe(0);
    } finally {
      await c.end();
    }
  });
});
