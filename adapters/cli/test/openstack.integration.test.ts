/**
 * `openstack actions` into a real MariaDB that the test starts itself on 127.0.0.1 (throw-away
 * data directory), with the seed's DSN spelling.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OpenStack } from "@fleetlens/core/lite";
import { openstack } from "@fleetlens/parsers";
import { open } from "@fleetlens/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCloud } from "../../../packages/core/test/support/openstack-gen.js";
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
