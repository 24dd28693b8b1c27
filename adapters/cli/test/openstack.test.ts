import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type OpenStackAction as Action, OpenStackAction } from "@fleetlens/core";
import { OpenStack } from "@fleetlens/core/lite";
import { openstack } from "@fleetlens/parsers";
import { open } from "@fleetlens/store";
import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import { generateCloud } from "../../../packages/core/test/support/openstack-gen.js";
import { cli } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "fleetlens-openstack-"));
const sorted = (xs: readonly Action[]) => [...xs].sort(OpenStack.compareActions);
const key = (a: Action) => `${a.instance} ${a.action} ${a.ts} ${a.status} ${a.requestId}`;

/** Two clouds one after the other: the second is "what the logs grew by" for the checkpoint test. */
const first = generateCloud({ seed: 11, instances: 6, start: Date.parse("2026-10-01T08:00:00Z") });
const second = generateCloud({ seed: 12, instances: 4, start: Date.parse("2026-10-02T08:00:00Z") });
const render = (recs: Parameters<typeof openstack.renderOsLog>[0]) => openstack.renderOsLog(recs, {});

const truth = (c: typeof first, includeDelete: boolean) =>
  c.truth.filter((a) => includeDelete || a.action !== "delete");

describe("fleetlens openstack actions (generated nova-api + nova-compute logs, known truth)", () => {
  it("writes exactly the true actions to SQLite; a re-run inserts nothing; growth is read incrementally", async () => {
    const api = join(dir, "nova-api.log");
    const compute = join(dir, "nova-compute.log");
    writeFileSync(api, render(first.api));
    writeFileSync(compute, render(first.compute));
    const db = join(dir, "actions.db");
    const argv = [
      "openstack",
      "actions",
      "--api",
      api,
      "--compute",
      compute,
      "--sink",
      `sqlite:${db}`,
      "--include-delete",
    ];
    const r1 = await cli([...argv, "--stats", "json"]);
    expect(r1.stderr).toMatch(/inserted/);
    expect(r1.code).toBe(0);
    const want1 = truth(first, true);
    const s = await open(`sqlite:${db}`, { kind: "vm" });
    try {
      expect(sorted(await s.rows()).map(key)).toEqual(sorted(want1).map(key));
      expect(s.table).toBe("nova_compute_action_log");
    } finally {
      await s.close();
    }
    const r2 = await cli([...argv, "--stats", "json"]);
    expect(r2.code).toBe(0);
    const stats2 = JSON.parse(r2.stderr.trim().split("\n").pop()!);
    expect(stats2.lines).toBe(0); // nothing new to read
    // the logs grow: only the new lines are read and only their actions added
    appendFileSync(api, render(second.api));
    appendFileSync(compute, render(second.compute));
    const r3 = await cli([...argv, "--stats", "json"]);
    expect(r3.code).toBe(0);
    const stats3 = JSON.parse(r3.stderr.trim().split("\n").pop()!);
    expect(stats3.lines).toBe(
      render(second.api).split("\n").length - 1 + render(second.compute).split("\n").length - 1,
    );
    const s2 = await open(`sqlite:${db}`, { kind: "vm" });
    try {
      expect(sorted(await s2.rows()).map(key)).toEqual(sorted([...want1, ...truth(second, true)]).map(key));
    } finally {
      await s2.close();
    }
  });

  it("--dry-run prints the actions (no deletes without --include-delete) and writes nothing", async () => {
    const api = join(dir, "dry-api.log");
    const compute = join(dir, "dry-compute.log");
    writeFileSync(api, render(first.api));
    writeFileSync(compute, render(first.compute));
    const r = await cli(
      ["openstack", "actions", "--api", api, "--compute", compute, "--dry-run", "--format", "json"],
      {
        env: {},
      },
    );
    expect(r.code).toBe(0);
    const got = (JSON.parse(r.stdout) as unknown[]).map((x) => Schema.decodeUnknownSync(OpenStackAction)(x));
    expect(sorted(got).map(key)).toEqual(sorted(truth(first, false)).map(key));
    expect(existsSync(join(process.cwd(), "fleetlens.db"))).toBe(false);
  });

  it("takes the seed's environment variables", async () => {
    const api = join(dir, "env-api.log");
    const compute = join(dir, "env-compute.log");
    writeFileSync(api, render(first.api));
    writeFileSync(compute, render(first.compute));
    const db = join(dir, "env.db");
    const r = await cli(["openstack", "actions"], {
      env: {
        MODE: "vm",
        DSN: `sqlite:${db}`,
        TABLE: "my_actions",
        API_LOG_PATTERN: join(dir, "env-api*.log"),
        COMPUTE_LOG_PATTERN: join(dir, "env-compute*.log"),
        INCLUDE_DELETE: "1",
        DERIVE_WINDOW_SEC: "60",
      },
    });
    expect(r.code).toBe(0);
    const s = await open(`sqlite:${db}`, { table: "my_actions", kind: "vm" });
    try {
      expect(await s.count()).toBe(truth(first, true).length);
    } finally {
      await s.close();
    }
  });

  it("a bad YAML setting exits 2 naming the file and field; a bad env value names the variable", async () => {
    const cfg = join(dir, "bad.yaml");
    writeFileSync(cfg, "mode: vm\nderiveWindowSec: -5\npatterns:\n  api: ['x.log']\n");
    const r = await cli(["openstack", "actions", "--config", cfg]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`fleetlens: ${cfg}: deriveWindowSec: expected a value greater than 0\n`);
    const t = await cli(["openstack", "actions", "--api", "x.log"], { env: { TABLE: "drop table;" } });
    expect(t.code).toBe(2);
    expect(t.stderr).toContain("table");
    const e = await cli(["openstack", "actions", "--api", "x.log"], { env: { INCLUDE_DELETE: "maybe" } });
    expect(e.code).toBe(2);
    expect(e.stderr).toContain("INCLUDE_DELETE");
  });

  it("an unreachable MySQL exits 1 with the password hidden and nothing written", async () => {
    const api = join(dir, "u-api.log");
    writeFileSync(api, render(first.api));
    const r = await cli([
      "openstack",
      "actions",
      "--api",
      api,
      "--sink",
      "mysql://ops:hunter2@127.0.0.1:9/ops",
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain("hunter2");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(readFileSync(api, "utf8").length).toBeGreaterThan(0);
  });
});

describe("fleetlens openstack actions, unreadable input", () => {
  it("a log it cannot read exits 1 naming the file; a pattern matching nothing exits 2", async () => {
    const missing = join(dir, "no-such-nova-api.log");
    const r = await cli([
      "openstack",
      "actions",
      "--api",
      missing,
      "--sink",
      `sqlite:${join(dir, "unread.db")}`,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`fleetlens: ${missing}: cannot read: ENOENT\n`);
    const g = await cli(["openstack", "actions", "--api", join(dir, "*.nothing"), "--dry-run"]);
    expect(g.code).toBe(2);
    expect(g.stderr).toContain("no API log matches");
  });
});
