import { fc, test } from "@fast-check/vitest";
import { OpenStackAction, type OsLogRecord } from "@fleetlens/core";
import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import {
  ActionDeriver,
  type CarriedItem,
  classifyMessage,
  compareActions,
  type DeriveOptions,
  deriveActions,
  mergeByTime,
  routeGlance,
  routeNeutron,
  routeNova,
  SERVER_ACTIONS,
} from "../src/OpenStack.js";
import { accessRecord, generateCloud, prng } from "./support/openstack-gen.js";

const T0 = Date.UTC(2030, 6, 14, 8, 0, 0);
const S = 1000;
const P = "3c0ffee0d15ea5e0b0a710ad5eed0001";
const U = "9a8b7c6d5e4f30211203f4e5d6c7b8a9";
const VM = "5b0c7e2a-91d4-4c3e-8f11-2a6b9c0d7e31";
const VM2 = "e4a1f9d2-0b37-4e55-a6c8-7d1f2e3b4c5a";

let reqN = 0;
const rid = (): string => `req-0000aaaa-bbbb-4ccc-8ddd-${(++reqN).toString(16).padStart(12, "0")}`;

const api = (
  ts: number,
  method: string,
  path: string,
  status = 202,
  requestId: string | null = rid(),
): OsLogRecord =>
  accessRecord(ts, method, path, status, {
    requestId,
    userId: U,
    projectId: P,
    logger: "nova.osapi_compute.wsgi.server",
  });

const cmp = (
  ts: number,
  message: string,
  requestId: string | null = null,
  instance: string | null = VM,
  lifecycle?: string,
): OsLogRecord => ({
  ts,
  pid: 7301,
  level: "INFO",
  logger: "nova.compute.manager",
  requestId,
  globalRequestId: null,
  userId: null,
  projectId: null,
  instance,
  message,
  ...(lifecycle === undefined ? {} : { lifecycle }),
});
const life = (ts: number, state: string, instance = VM): OsLogRecord =>
  cmp(ts, `VM ${state} (Lifecycle Event)`, null, instance, state);

const action = (ts: number, requestId: string | null = rid(), status = 202, instance = VM): OsLogRecord =>
  api(ts, "POST", `/v2.1/${P}/servers/${instance}/action`, status, requestId);

const run = (a: OsLogRecord[], c: OsLogRecord[] = [], o: DeriveOptions = {}) =>
  deriveActions(
    [...a].sort((x, y) => x.ts! - y.ts!),
    [...c].sort((x, y) => x.ts! - y.ts!),
    o,
  );
const names = (xs: ReadonlyArray<{ action: string }>) => xs.map((x) => x.action);

describe("routes", () => {
  it("Nova: create, delete, action, consoles, interfaces, volumes, live-migration controls", () => {
    const id = VM;
    const table: Array<[string, string, string | undefined, string?]> = [
      ["POST", `/v2/${P}/servers`, "create"],
      ["POST", "/v2.1/servers", "create"],
      ["POST", "/compute/v2.1/servers?reservation_id=r-1", "create"],
      ["POST", `/v2/${P}/os-volumes_boot`, "create"],
      ["DELETE", `/v2/${P}/servers/${id}`, "delete", id],
      ["PUT", `/v2.1/servers/${id}`, "update", id],
      ["POST", `/v2.1/${P}/servers/${id}/action`, "", id],
      ["POST", `/v2.1/servers/${id}/remote-consoles`, "console", id],
      ["POST", `/v2.1/servers/${id}/os-interface`, "attach_interface", id],
      ["DELETE", `/v2.1/servers/${id}/os-interface/${VM2}`, "detach_interface", id],
      ["POST", `/v2.1/servers/${id}/os-volume_attachments`, "attach_volume", id],
      ["DELETE", `/v2.1/servers/${id}/os-volume_attachments/${VM2}`, "detach_volume", id],
      ["PUT", `/v2.1/servers/${id}/os-volume_attachments/${VM2}`, "swap_volume", id],
      ["POST", `/v2.1/servers/${id}/migrations/7/action`, "live_migration_force_complete", id],
      ["DELETE", `/v2.1/servers/${id}/migrations/7`, "live_migration_cancel", id],
      ["GET", `/v2/${P}/servers/detail`, undefined],
      ["GET", `/v2.1/servers/${id}`, undefined],
      ["HEAD", "/v2.1/servers", undefined],
      ["POST", `/v2.1/servers/${id}/metadata`, undefined],
      ["DELETE", "/v2.1/servers", undefined],
      ["POST", "/v2.1/os-server-external-events", undefined],
      ["GET", "/openstack/2013-10-17/meta_data.json", undefined],
    ];
    for (const [method, path, want, inst] of table) {
      const r = routeNova(method, path);
      expect(r?.action, `${method} ${path}`).toBe(want);
      if (r !== undefined) expect(r.instance).toBe(inst ?? "");
    }
    expect(routeNova("POST", `/v2.1/servers/${id}/action`)?.kind).toBe("action");
  });

  it("Glance: create, upload, import, update (patch, tags, members), delete, deactivate, reactivate", () => {
    const id = VM2;
    const table: Array<[string, string, string | undefined]> = [
      ["POST", "/v2/images", "create"],
      ["POST", "/v1/images", "create"],
      ["PUT", `/v2/images/${id}/file`, "upload"],
      ["PUT", `/v2/images/${id}/stage`, "upload"],
      ["POST", `/v2/images/${id}/import`, "import"],
      ["PATCH", `/v2/images/${id}`, "update"],
      ["PUT", `/v1/images/${id}`, "update"],
      ["PUT", `/v2/images/${id}/tags/gold`, "update"],
      ["DELETE", `/v2/images/${id}/tags/gold`, "update"],
      ["POST", `/v2/images/${id}/members`, "update"],
      ["PUT", `/v2/images/${id}/members/${P}`, "update"],
      ["DELETE", `/v2/images/${id}`, "delete"],
      ["POST", `/v2/images/${id}/actions/deactivate`, "deactivate"],
      ["POST", `/v2/images/${id}/actions/reactivate`, "reactivate"],
      ["POST", `/v2/images/${id}/actions/explode`, undefined],
      ["GET", `/v2/images/${id}/file`, undefined],
      ["GET", "/v2/schemas/image", undefined],
    ];
    for (const [method, path, want] of table)
      expect(routeGlance(method, path)?.action, `${method} ${path}`).toBe(want);
    expect(routeGlance("PATCH", `/v2/images/${id}`)).toEqual({
      kind: "named",
      action: "update",
      instance: id,
      resource: "image",
    });
  });

  it("Neutron: every resource's create/update/delete, router interfaces, .json suffixes", () => {
    const resources: Array<[string, string]> = [
      ["networks", "network"],
      ["subnets", "subnet"],
      ["ports", "port"],
      ["routers", "router"],
      ["floatingips", "floatingip"],
      ["security-groups", "security-group"],
      ["security-group-rules", "security-group-rule"],
    ];
    for (const [plural, resource] of resources) {
      expect(routeNeutron("POST", `/v2.0/${plural}`)).toEqual({
        kind: "create",
        action: "create",
        instance: "",
        resource,
      });
      expect(routeNeutron("POST", `/v2.0/${plural}.json`)?.action).toBe("create");
      expect(routeNeutron("PUT", `/v2.0/${plural}/${VM}`)).toEqual({
        kind: "named",
        action: "update",
        instance: VM,
        resource,
      });
      expect(routeNeutron("DELETE", `/v2.0/${plural}/${VM}.json`)).toEqual({
        kind: "named",
        action: "delete",
        instance: VM,
        resource,
      });
      expect(routeNeutron("GET", `/v2.0/${plural}/${VM}`)).toBeUndefined();
    }
    expect(routeNeutron("PUT", `/v2.0/routers/${VM}/add_router_interface`)?.action).toBe("update");
    expect(routeNeutron("PUT", `/v2.0/routers/${VM}/remove_router_interface.json`)?.action).toBe("update");
    expect(routeNeutron("PUT", `/v2.0/ports/${VM}/bindings`)).toBeUndefined();
    expect(routeNeutron("GET", "/v2.0/extensions")).toBeUndefined();
  });
});

describe("classifyMessage", () => {
  it("maps Nova compute manager messages to instance actions and marks", () => {
    const table: Array<[string, ReadonlyArray<string> | null, string | null]> = [
      ["Pausing", ["pause"], null],
      ["Unpausing", ["unpause"], null],
      ["Resuming", ["resume"], null],
      ["Rebooting instance", ["reboot"], null],
      ["Rescuing", ["rescue"], null],
      ["Unrescuing", ["unrescue"], null],
      ["Shelving", ["shelve"], null],
      ["Shelve offloading", ["shelveOffload"], null],
      ["Unshelving", ["unshelve"], null],
      ["Rebuilding instance", ["rebuild"], null],
      ["Evacuating instance", ["evacuate"], null],
      ["Terminating instance", ["delete"], null],
      ["instance snapshotting", ["createBackup", "createImage"], null],
      ["Found 3 images (rotation: 2)", ["createBackup"], null],
      ["Migrating", ["migrate", "resize"], "migration-start"],
      [
        "Took 1.07 seconds for pre_live_migration on destination host cmp-9.",
        ["live-migration"],
        "migration-start",
      ],
      ["Took 9.10 seconds to spawn the instance on the hypervisor.", null, "build-end"],
      ["Took 12.00 seconds to build instance.", null, "build-end"],
      ["Instance spawned successfully.", null, "build-end"],
      ["Instance running successfully.", null, "migration-end"],
      ["Attempting claim on node n1: memory 512 MB, disk 1 GB, vcpus 1 CPU", null, "build-start"],
      ["Claim successful on node n1", null, "build-start"],
      ["Admin password set", ["changePassword"], null],
      ["Updating instance to original state: 'active'", ["revertResize"], null],
      ["Going to confirm migration 12", ["confirmResize"], null],
      ["Stopping instance; current vm_state: active, current task_state: powering-off", ["stop"], null],
      ["Getting vnc console", ["console"], null],
      ["Getting spice console", ["console"], null],
      ["Get console output", ["getConsoleOutput"], null],
      ["During sync_power_state the instance has a pending task (spawning). Skip.", null, "busy"],
    ];
    for (const [msg, actions, mark] of table) expect(classifyMessage(msg), msg).toEqual({ actions, mark });
    for (const msg of [
      "",
      "Pausing instance now",
      "During sync_power_state the instance has a pending task (pausing). Skip.",
      "Took 1.00 seconds to destroy the instance on the hypervisor.",
      "Getting vnc consoles",
      "Auditing locally available compute resources for node cmp-1",
    ])
      expect(classifyMessage(msg), msg).toBeUndefined();
  });
});

describe("naming POST /servers/{id}/action", () => {
  it("by request id: the compute message with the same request id names it", () => {
    const r = rid();
    const out = run([action(T0, r)], [cmp(T0 + 400, "Pausing", r), life(T0 + 900, "Paused")]);
    expect(out).toEqual([
      {
        instance: VM,
        action: "pause",
        ts: T0,
        requestId: r,
        userId: U,
        projectId: P,
        status: 202,
        derivation: "request-id",
        resource: "server",
      },
    ]);
    expect(() => Schema.encodeUnknownSync(OpenStackAction)(out[0])).not.toThrow();
  });

  it("by request id beats a nearer event by time", () => {
    const r = rid();
    const out = run([action(T0, r)], [cmp(T0 + 100, "Unpausing"), cmp(T0 + 3 * S, "Rebooting instance", r)]);
    expect(out.map((a) => [a.action, a.derivation])).toEqual([["reboot", "request-id"]]);
  });

  it("intersects several messages in time order, passing over one that would empty it", () => {
    const a = rid();
    const b = rid();
    const c = rid();
    const out = run(
      [action(T0, a), action(T0 + 100 * S, b), action(T0 + 200 * S, c)],
      [
        cmp(T0 + 300, "Shelving", a),
        cmp(T0 + 900, "Shelve offloading", a),
        cmp(T0 + 100 * S + 300, "instance snapshotting", b),
        cmp(T0 + 100 * S + 900, "Found 2 images (rotation: 1)", b),
        cmp(T0 + 200 * S + 300, "instance snapshotting", c),
      ],
    );
    expect(out.map((x) => [x.action, x.candidates])).toEqual([
      ["shelve", undefined],
      ["createBackup", undefined],
      ["unknown", ["createBackup", "createImage"]],
    ]);
  });

  it("ambiguous evidence gives unknown with candidates (Migrating: migrate or resize)", () => {
    const r = rid();
    const out = run([action(T0, r)], [cmp(T0 + 500, "Migrating", r)]);
    expect(out[0]).toMatchObject({
      action: "unknown",
      candidates: ["migrate", "resize"],
      derivation: "request-id",
    });
  });

  it("by time: the nearest event, messages outranking lifecycle events", () => {
    const out = run([action(T0)], [life(T0 + 200, "Paused"), cmp(T0 + 2 * S, "Rebooting instance")]);
    expect(out.map((a) => [a.action, a.derivation])).toEqual([["reboot", "time-window"]]);
  });

  it("by time: lifecycle patterns (Paused then Stopped is suspend; else the first state)", () => {
    const cases: Array<[string[], string]> = [
      [["Paused", "Stopped"], "suspend"],
      [["Paused"], "pause"],
      [["Resumed"], "unpause"],
      [["Stopped"], "stop"],
      [["Started"], "start"],
      [["Suspended"], "suspend"],
      [["Stopped", "Paused"], "stop"],
    ];
    for (const [states, want] of cases) {
      const out = run(
        [action(T0)],
        states.map((s, i) => life(T0 + (i + 1) * 300, s)),
      );
      expect(
        out.map((a) => a.action),
        states.join(","),
      ).toEqual([want]);
    }
  });

  it("no evidence: unknown with every server action as candidate", () => {
    const out = run([action(T0)], [cmp(T0 + 500, "Pausing", null, VM2)]);
    expect(out[0]).toMatchObject({ action: "unknown", derivation: "time-window" });
    expect(out[0]!.candidates).toEqual(SERVER_ACTIONS);
    expect([...SERVER_ACTIONS].sort()).toEqual(SERVER_ACTIONS);
  });

  it("window edges: [ts - jitter, ts + window + jitter] inclusive", () => {
    const o = { deriveWindowSec: 60, clockJitterSec: 5 };
    const at = (dt: number) => run([action(T0)], [cmp(T0 + dt, "Pausing")], o)[0]!.action;
    expect(at(-5 * S)).toBe("pause");
    expect(at(-5 * S - 1)).toBe("unknown");
    expect(at(65 * S)).toBe("pause");
    expect(at(65 * S + 1)).toBe("unknown");
    expect(run([action(T0)], [cmp(T0 + 100 * S, "Pausing")], { deriveWindowSec: 120 })[0]!.action).toBe(
      "pause",
    );
  });

  it("clock jitter: a compute clock 4 s behind needs clockJitterSec >= 4", () => {
    const c = [cmp(T0 - 4 * S + 300, "Pausing")];
    expect(run([action(T0)], c, { clockJitterSec: 5 })[0]!.action).toBe("pause");
    expect(run([action(T0)], c, { clockJitterSec: 0 })[0]!.action).toBe("unknown");
  });

  it("each event goes to the request nearest to it, and is used once", () => {
    // Two requests 20 s apart, one event 2 s after the second: the first gets nothing.
    const out = run([action(T0), action(T0 + 20 * S)], [cmp(T0 + 22 * S, "Pausing")]);
    expect(names(out)).toEqual(["unknown", "pause"]);
    // An event claimed by request id is not evidence by time for another request.
    const r = rid();
    const out2 = run([action(T0), action(T0 + 30 * S, r)], [cmp(T0 + 29 * S, "Unpausing", r)]);
    expect(names(out2)).toEqual(["unknown", "unpause"]);
  });

  it("an event carrying another known request's id is never evidence by time", () => {
    const other = rid();
    const out = run(
      [action(T0), api(T0 + 100 * S, "DELETE", `/v2.1/servers/${VM}`, 204, other)],
      [cmp(T0 + 500, "Terminating instance", other)],
      { includeDelete: true },
    );
    expect(names(out)).toEqual(["unknown", "delete"]);
  });

  it("failed requests keep their status and take no evidence by time", () => {
    const r = rid();
    const out = run([action(T0, r, 409)], [cmp(T0 + 300, "Pausing")]);
    expect(out[0]).toMatchObject({ action: "unknown", status: 409, requestId: r });
    const r2 = rid();
    expect(run([action(T0, r2, 500)], [cmp(T0 + 300, "Pausing", r2)])[0]).toMatchObject({
      action: "pause",
      status: 500,
      derivation: "request-id",
    });
  });
});

describe("lifecycle noise", () => {
  it("Paused during a build is not a user pause; after the build it is", () => {
    const c = rid();
    const apiRecs = [
      api(T0, "POST", `/v2.1/${P}/servers`, 202, c),
      action(T0 + 25 * S),
      action(T0 + 300 * S),
    ];
    const computeRecs = [
      cmp(T0 + 500, "Attempting claim on node n1: memory 512 MB, disk 1 GB, vcpus 1 CPU"),
      life(T0 + 20 * S, "Started"),
      life(T0 + 24 * S, "Paused"),
      life(T0 + 27 * S, "Resumed"),
      cmp(T0 + 30 * S, "Instance spawned successfully."),
      life(T0 + 301 * S, "Paused"),
    ];
    expect(run(apiRecs, computeRecs).map((a) => [a.action, a.instance])).toEqual([
      ["create", VM],
      ["unknown", VM],
      ["pause", VM],
    ]);
    // Without the build markers (and the create unmatched) the same Paused is taken as a pause.
    expect(names(run(apiRecs, [computeRecs[2]!, computeRecs[5]!]))).toEqual(["create", "pause", "pause"]);
  });

  it("Paused during a live migration is not a user pause (closed by Migration completed, or open for a window)", () => {
    const m = rid();
    const apiRecs = [action(T0 - S, m), action(T0 + 3 * S)];
    const closed = [
      cmp(T0, "Took 1.10 seconds for pre_live_migration on destination host c2.", m),
      life(T0 + 2 * S, "Paused"),
      life(T0 + 4 * S, "Migration completed"),
    ];
    expect(names(run(apiRecs, closed))).toEqual(["live-migration", "unknown"]);
    expect(names(run(apiRecs, closed.slice(0, 2)))).toEqual(["live-migration", "unknown"]);
    // Without the migration marker the Paused is taken as a pause.
    expect(names(run(apiRecs, closed.slice(1)))).toEqual(["unknown", "pause"]);
    // A later pause, after the span closed, is a pause.
    const later = [action(T0 - S, m), action(T0 + 40 * S)];
    expect(names(run(later, [...closed, life(T0 + 41 * S, "Paused")]))).toEqual(["live-migration", "pause"]);
  });

  it("a lifecycle event next to a 'pending task (spawning)' line is noise", () => {
    const out = run(
      [action(T0)],
      [
        life(T0 + 500, "Paused"),
        cmp(T0 + 600, "During sync_power_state the instance has a pending task (spawning). Skip."),
      ],
    );
    expect(names(out)).toEqual(["unknown"]);
  });
});

describe("create, delete, console", () => {
  it("a create's instances come from compute records with its request id (multi-create: one action each)", () => {
    const r = rid();
    const out = run(
      [api(T0, "POST", `/v2/${P}/servers`, 202, r)],
      [cmp(T0 + 400, "Attempting claim on node a", r, VM2), cmp(T0 + 450, "some line", r, VM)],
    );
    expect(out.map((a) => [a.action, a.instance, a.derivation])).toEqual([
      ["create", VM, "request"],
      ["create", VM2, "request"],
    ]);
  });

  it("without request ids, creates take freshly built instances first come, first served", () => {
    const out = run(
      [
        api(T0, "POST", "/v2.1/servers"),
        api(T0 + 3 * S, "POST", "/v2.1/servers"),
        api(T0 + 6 * S, "POST", "/v2.1/servers", 403),
      ],
      [
        cmp(T0 - 1 * S, "Pausing", null, "0e0e0e0e-0000-4000-8000-000000000001"),
        cmp(T0 + 700, "Attempting claim on node a", null, VM2),
        cmp(T0 + 3 * S + 700, "Instance spawned successfully.", null, VM),
      ],
    );
    expect(out.map((a) => [a.instance, a.status])).toEqual([
      [VM2, 202],
      [VM, 202],
      ["", 403],
    ]);
  });

  it("an instance seen before its first build marker is not a new instance", () => {
    const out = run(
      [api(T0, "POST", "/v2.1/servers")],
      [cmp(T0 + 100, "Unshelving"), cmp(T0 + 3 * S, "Instance spawned successfully.")],
    );
    expect(out.map((a) => a.instance)).toEqual([""]);
  });

  it("deletes only with includeDelete (failed ones too); consoles by URL", () => {
    const recs = [
      api(T0, "DELETE", `/v2/${P}/servers/${VM}`, 204),
      api(T0 + S, "DELETE", `/v2/${P}/servers/${VM2}`, 404),
      api(T0 + 2 * S, "POST", `/v2.1/servers/${VM}/remote-consoles`, 200),
    ];
    expect(names(run(recs))).toEqual(["console"]);
    expect(run(recs, [], { includeDelete: true }).map((a) => [a.action, a.status, a.derivation])).toEqual([
      ["delete", 204, "request"],
      ["delete", 404, "request"],
      ["console", 200, "request"],
    ]);
    const d = new ActionDeriver({}, () => {});
    for (const r of recs) d.api(r);
    d.end();
    expect(d.stats()).toMatchObject({ withheldDeletes: 2, actions: 1, requests: 3 });
  });

  it("a delete still competes for evidence when withheld", () => {
    const out = run(
      [action(T0), api(T0 + 30 * S, "DELETE", `/v2.1/servers/${VM}`, 204, null)],
      [cmp(T0 + 31 * S, "Terminating instance")],
    );
    expect(names(out)).toEqual(["unknown"]);
  });

  it("user and project from the request context; the project from the URL when the context has none", () => {
    const rec = {
      ...api(T0, "POST", `/v2/${P}/servers/${VM}/remote-consoles`, 200),
      userId: null,
      projectId: null,
    };
    expect(run([rec])[0]).toMatchObject({ userId: null, projectId: P });
    expect(run([api(T0, "POST", `/v2.1/servers/${VM}/remote-consoles`, 200)])[0]).toMatchObject({
      userId: U,
      projectId: P,
    });
  });
});

describe("glance and neutron modes", () => {
  it("glance: image actions from the URL, compute input ignored", () => {
    const img = VM2;
    const recs = [
      accessRecord(T0, "POST", "/v2/images", 201),
      accessRecord(T0 + S, "PUT", `/v2/images/${img}/file`, 204),
      accessRecord(T0 + 2 * S, "GET", `/v2/images/${img}`, 200),
      accessRecord(T0 + 3 * S, "PATCH", `/v2/images/${img}`, 200),
      accessRecord(T0 + 4 * S, "POST", `/v2/images/${img}/actions/deactivate`, 204),
      accessRecord(T0 + 5 * S, "POST", `/v2/images/${img}/actions/reactivate`, 403),
      accessRecord(T0 + 6 * S, "DELETE", `/v2/images/${img}`, 204),
    ];
    const out = run(recs, [cmp(T0, "Pausing")], { mode: "glance" });
    expect(out.map((a) => [a.action, a.instance, a.status, a.resource])).toEqual([
      ["create", "", 201, "image"],
      ["upload", img, 204, "image"],
      ["update", img, 200, "image"],
      ["deactivate", img, 204, "image"],
      ["reactivate", img, 403, "image"],
      ["delete", img, 204, "image"],
    ]);
    expect(out.every((a) => a.derivation === "request")).toBe(true);
  });

  it("neutron: resources and create/update/delete", () => {
    const recs = [
      accessRecord(T0, "POST", "/v2.0/networks", 201, { logger: "neutron.wsgi" }),
      accessRecord(T0 + S, "PUT", `/v2.0/routers/${VM}/add_router_interface`, 200, {
        logger: "neutron.wsgi",
      }),
      accessRecord(T0 + 2 * S, "DELETE", `/v2.0/floatingips/${VM2}`, 204, { logger: "neutron.wsgi" }),
      accessRecord(T0 + 3 * S, "GET", "/v2.0/ports", 200, { logger: "neutron.wsgi" }),
    ];
    expect(run(recs, [], { mode: "neutron" }).map((a) => [a.action, a.resource, a.instance])).toEqual([
      ["create", "network", ""],
      ["update", "router", VM],
      ["delete", "floatingip", VM2],
    ]);
  });
});

describe("robustness", () => {
  it("records without a time or without an access line are counted, never fatal", () => {
    const d = new ActionDeriver({ expectCompute: false }, () => {});
    d.api({ ...action(T0), ts: null });
    d.api({ ...action(T0), http: null });
    d.api({ ...action(T0), http: { ...action(T0).http!, path: "" } });
    d.compute({ ...cmp(T0, "Pausing"), ts: null });
    d.compute(cmp(T0, "Pausing", null, null));
    d.end();
    expect(d.stats()).toMatchObject({
      apiRecords: 3,
      computeRecords: 2,
      untimed: 2,
      requests: 0,
      actions: 0,
    });
  });

  it("rejects invalid options with a RangeError", () => {
    expect(() => new ActionDeriver({ deriveWindowSec: -1 }, () => {})).toThrow(RangeError);
    expect(() => new ActionDeriver({ clockJitterSec: Number.NaN }, () => {})).toThrow(RangeError);
  });

  it("maxPending decides the oldest requests early when the compute stream lags", () => {
    const d = new ActionDeriver({ maxPending: 10 }, () => {});
    for (let i = 0; i < 50; i++) d.api(action(T0 + i * S));
    expect(d.stats().pending).toBeLessThanOrEqual(11);
    expect(d.stats().forced).toBeGreaterThan(0);
  });

  it("close() releases requests held for a finished stream", () => {
    const out: string[] = [];
    const d = new ActionDeriver({}, (a) => out.push(a.action));
    d.api(action(T0));
    d.api(action(T0 + 1000 * S));
    expect(out).toEqual([]);
    d.close("compute");
    expect(out).toEqual(["unknown"]);
  });
});

const arbGen = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  instances: fc.integer({ min: 1, max: 12 }),
  actionsPerInstance: fc.integer({ min: 1, max: 10 }),
  jitterSec: fc.integer({ min: 0, max: 5 }),
  reqIdOnCompute: fc.constantFrom(0, 0.5, 1),
  failureRate: fc.constantFrom(0, 0.15),
  preexisting: fc.constantFrom(0, 0.3, 1),
  debug: fc.boolean(),
  spreadSec: fc.constantFrom(0, 10, 90),
});

describe("generated clouds", () => {
  test.prop([arbGen, fc.boolean()], { numRuns: 300 })(
    "derivation recovers the generator's truth exactly",
    (g, includeDelete) => {
      const cloud = generateCloud(g);
      const want = cloud.truth.filter((a) => includeDelete || a.action !== "delete").sort(compareActions);
      const got = deriveActions(cloud.api, cloud.compute, { includeDelete, clockJitterSec: g.jitterSec });
      expect(got).toEqual(want);
      // Every action encodes with the record Schema.
      for (const a of got) expect(() => Schema.encodeUnknownSync(OpenStackAction)(a)).not.toThrow();
    },
  );

  test.prop([arbGen, fc.integer()], { numRuns: 150 })(
    "any interleaving of the two streams gives the same actions",
    (g, shuffleSeed) => {
      const cloud = generateCloud(g);
      const want = deriveActions(cloud.api, cloud.compute, {
        includeDelete: true,
        clockJitterSec: g.jitterSec,
      });
      const rnd = prng(shuffleSeed);
      const got: OpenStackAction[] = [];
      const d = new ActionDeriver({ includeDelete: true, clockJitterSec: g.jitterSec }, (a) => got.push(a));
      let i = 0;
      let j = 0;
      // Runs of random length from either stream, each stream kept in its own order.
      while (i < cloud.api.length || j < cloud.compute.length) {
        const burst = 1 + Math.floor(rnd() * 200);
        if (j >= cloud.compute.length || (i < cloud.api.length && rnd() < 0.5))
          for (let k = 0; k < burst && i < cloud.api.length; k++) d.api(cloud.api[i++]!);
        else for (let k = 0; k < burst && j < cloud.compute.length; k++) d.compute(cloud.compute[j++]!);
      }
      d.end();
      expect(got.sort(compareActions)).toEqual(want);
    },
  );

  test.prop([arbGen], { numRuns: 100 })("fed merged by time, the deriver emits in order, none late", (g) => {
    const cloud = generateCloud(g);
    const got: OpenStackAction[] = [];
    const d = new ActionDeriver({ includeDelete: true, clockJitterSec: g.jitterSec }, (a) => got.push(a));
    for (const x of mergeByTime(cloud.api, cloud.compute))
      x.side === 0 ? d.api(x.record) : d.compute(x.record);
    d.end();
    expect(d.stats().late).toBe(0);
    for (let k = 1; k < got.length; k++) expect(compareActions(got[k - 1]!, got[k]!)).toBeLessThanOrEqual(0);
  });

  it("the truth exercises every rule: request-id and time-window names, unknowns, failures, creates", () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 40; seed++)
      for (const a of generateCloud({ seed, instances: 8, reqIdOnCompute: 0.5 }).truth)
        seen.add(`${a.action}/${a.derivation}/${a.status! >= 400 ? "failed" : "ok"}`);
    for (const k of [
      "create/request/ok",
      "create/request/failed",
      "pause/request-id/ok",
      "pause/time-window/ok",
      "suspend/time-window/ok",
      "unknown/request-id/ok",
      "unknown/time-window/failed",
      "delete/request/ok",
      "console/request/ok",
      "live-migration/time-window/ok",
    ])
      expect(seen, k).toContain(k);
  });

  it("memory stays bounded over a long run (held events do not grow with input)", () => {
    const d = new ActionDeriver({ includeDelete: true, clockJitterSec: 3 }, () => {});
    let fed = 0;
    let biggestBlock = 0;
    let maxHeld = 0;
    let maxSeen = 0;
    const instances = new Set<string>();
    for (let block = 0; block < 80; block++) {
      // Each block is a fresh cloud two hours after the previous one.
      const cloud = generateCloud({ seed: block + 1, instances: 10, start: T0 + block * 7200 * S });
      biggestBlock = Math.max(biggestBlock, cloud.api.length + cloud.compute.length);
      for (const x of mergeByTime(cloud.api, cloud.compute)) {
        x.side === 0 ? d.api(x.record) : d.compute(x.record);
        if (x.side === 1 && x.record.instance !== null) instances.add(x.record.instance);
        fed++;
        maxHeld = Math.max(maxHeld, d.stats().heldEvents);
        maxSeen = Math.max(maxSeen, d.stats().seenInstances);
      }
    }
    d.end();
    expect(fed).toBeGreaterThan(10 * biggestBlock);
    // Never more than about two blocks' worth, however long the input.
    expect(maxHeld).toBeLessThan(2 * biggestBlock);
    expect(d.stats().heldInstances).toBeLessThan(40);
    // Sightings are kept for a day of compute time (12 blocks of 10 instances), not for ever.
    expect(instances.size).toBeGreaterThan(700);
    expect(maxSeen).toBeLessThan(14 * 10);
  });
});

/** Items as a store gives them back: each body through JSON text, nothing shared with the deriver. */
const stored = (items: ReadonlyArray<CarriedItem>): CarriedItem[] =>
  JSON.parse(JSON.stringify(items)) as CarriedItem[];

describe("across runs (suspend, then a new deriver from the carried state)", () => {
  const WINDOW = 60;
  const HORIZON_MS = (2 * (WINDOW + 5) + 5) * S;

  it("an /action read before its compute evidence is carried, then named once by the evidence read next run", () => {
    const out: OpenStackAction[] = [];
    const r = rid();
    const d1 = new ActionDeriver({}, (a) => out.push(a));
    d1.api(action(T0, r));
    d1.compute(cmp(T0 - 3 * S, "Unrelated", null, VM2));
    const carried = stored(d1.suspend({ now: T0 + 1 * S }));
    expect(out).toEqual([]);
    expect(d1.stats()).toMatchObject({ carried: 1, overflow: 0 });
    const d2 = new ActionDeriver({}, (a) => out.push(a), carried);
    expect(d2.stats()).toMatchObject({ resumed: 1, pending: 1 });
    d2.compute(cmp(T0 + 2 * S, "Pausing", r));
    d2.compute(life(T0 + 3 * S, "Paused"));
    d2.suspend({ now: T0 + 60 * S });
    expect(out.map((a) => [a.action, a.derivation, a.requestId])).toEqual([["pause", "request-id", r]]);
    expect(d2.stats().carried).toBe(0);
  });

  it("settled at suspend: URL-named requests and one-action request-id messages; not lifecycle-only or several candidates", () => {
    const out: OpenStackAction[] = [];
    const d = new ActionDeriver({ includeDelete: true }, (a) => out.push(a));
    const [rPause, rLife, rMigrate, rNone] = [rid(), rid(), rid(), rid()];
    d.api(api(T0, "DELETE", `/v2.1/${P}/servers/${VM2}`));
    d.api(action(T0 + 1 * S, rPause));
    d.api(action(T0 + 1 * S, rLife, 202, VM2));
    d.api(action(T0 + 2 * S, rMigrate, 202, "0e0e0e0e-0000-4000-8000-000000000003"));
    d.api(action(T0 + 3 * S, rNone, 202, "0e0e0e0e-0000-4000-8000-000000000004"));
    d.compute(cmp(T0 + 2 * S, "Pausing", rPause));
    d.compute(cmp(T0 + 2 * S, "VM Paused (Lifecycle Event)", rLife, VM2, "Paused"));
    d.compute(cmp(T0 + 3 * S, "Migrating", rMigrate, "0e0e0e0e-0000-4000-8000-000000000003"));
    const carried = d.suspend({ now: T0 + 4 * S });
    expect(out.map((a) => a.action).sort()).toEqual(["delete", "pause"]);
    expect(d.stats().carried).toBe(3);
    expect(carried.filter((i) => i.kind === "request" && JSON.parse(i.body).pending).length).toBe(3);
  });

  it("nothing waits for ever: each log counts as having reached now - lag; beyond maxCarried the oldest are decided", () => {
    const out: OpenStackAction[] = [];
    const d = new ActionDeriver({}, (a) => out.push(a));
    for (let i = 0; i < 5; i++) d.api(action(T0 + i * S));
    // Not yet: the horizon has not passed now - lag for any of them.
    d.suspend({ now: T0 + HORIZON_MS + 300 * S - 1, lagMs: 300 * S });
    expect(out).toEqual([]);
    // Now the first has waited its horizon plus the lag.
    d.suspend({ now: T0 + HORIZON_MS + 300 * S, lagMs: 300 * S });
    expect(out.map((a) => a.ts)).toEqual([T0]);
    expect(d.stats().carried).toBe(4);
    d.suspend({ maxCarried: 1 });
    expect(out.map((a) => a.ts)).toEqual([T0, T0 + S, T0 + 2 * S, T0 + 3 * S]);
    expect(d.stats()).toMatchObject({ carried: 1, overflow: 3 });
    expect(out.every((a) => a.action === "unknown")).toBe(true);
  });

  it("a state from another mode, another version or a damaged one is refused with a RangeError", () => {
    const d = new ActionDeriver({}, () => {});
    d.api(action(T0));
    const items = stored(d.suspend({}));
    expect(() => new ActionDeriver({ mode: "glance" }, () => {}, items)).toThrow(/mode vm/);
    const v2 = items.map((i) => (i.kind === "state" ? { ...i, body: i.body.replace('"v":1', '"v":2') } : i));
    expect(() => new ActionDeriver({}, () => {}, v2)).toThrow(/version 2/);
    const cut = items.map((i) => (i.kind === "request" ? { ...i, body: "{" } : i));
    expect(() => new ActionDeriver({}, () => {}, cut)).toThrow(RangeError);
    expect(() => new ActionDeriver({}, () => {}, items.slice(1))).toThrow(/state item/);
  });

  it("an instance last seen longer ago than seenRetentionSec counts as new again", () => {
    const create = (seenAgoSec: number) =>
      run(
        [api(T0, "POST", "/v2.1/servers")],
        [cmp(T0 - seenAgoSec * S, "Unshelving"), cmp(T0 + 3 * S, "Instance spawned successfully.")],
        { seenRetentionSec: 3600 },
      ).map((a) => a.instance);
    expect(create(3000)).toEqual([""]);
    expect(create(3700)).toEqual([VM]);
  });

  it("when memory is swept changes no decision (an event carrying an old request's id)", () => {
    const rA = rid();
    const recs = {
      api: [action(T0, rA), api(T0 + 600 * S, "GET", `/v2.1/${P}/servers/detail`), action(T0 + 1200 * S)],
      compute: [
        cmp(T0 + 2 * S, "Pausing", rA),
        cmp(T0 + 600 * S, "Running periodic task", null, null),
        cmp(T0 + 1201 * S, "VM Migration completed (Lifecycle Event)", rA, VM, "Migration completed"),
      ],
    };
    // One deriver throughout (too few records for a sweep) …
    const once = run(recs.api, recs.compute);
    // … and two runs, the first ending (and sweeping) after A is decided, before B is read.
    const twice: OpenStackAction[] = [];
    const d1 = new ActionDeriver({}, (a) => twice.push(a));
    for (const x of mergeByTime(recs.api.slice(0, 2), recs.compute.slice(0, 2)))
      x.side === 0 ? d1.api(x.record) : d1.compute(x.record);
    const d2 = new ActionDeriver({}, (a) => twice.push(a), stored(d1.suspend({})));
    for (const x of mergeByTime(recs.api.slice(2), recs.compute.slice(2)))
      x.side === 0 ? d2.api(x.record) : d2.compute(x.record);
    d2.end();
    expect(names(once)).toEqual(["pause", "live-migration"]);
    expect(twice.sort(compareActions)).toEqual(once);
  });

  const arbSplits = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 });

  test.prop([arbGen, arbSplits, arbSplits, fc.boolean()], { numRuns: 150 })(
    "runs over successive appends (each log cut anywhere) derive what one run derives; flushed, the truth",
    (g, apiCuts, computeCuts, includeDelete) => {
      const cloud = generateCloud(g);
      const options: DeriveOptions = { includeDelete, clockJitterSec: g.jitterSec };
      const cutsOf = (n: number, cuts: number[]) =>
        [...cuts.map((c) => Math.floor(c * n)), n].sort((a, b) => a - b);
      const ac = cutsOf(cloud.api.length, apiCuts);
      const cc = cutsOf(cloud.compute.length, computeCuts);
      const runs = Math.max(ac.length, cc.length);
      const split: OpenStackAction[] = [];
      let carried: CarriedItem[] = [];
      let d: ActionDeriver | undefined;
      let ai = 0;
      let ci = 0;
      for (let k = 0; k < runs; k++) {
        d = new ActionDeriver(options, (a) => split.push(a), carried);
        const aEnd = ac[Math.min(k, ac.length - 1)]!;
        const cEnd = cc[Math.min(k, cc.length - 1)]!;
        for (const x of mergeByTime(cloud.api.slice(ai, aEnd), cloud.compute.slice(ci, cEnd)))
          x.side === 0 ? d.api(x.record) : d.compute(x.record);
        ai = aEnd;
        ci = cEnd;
        carried = stored(d.suspend({ maxCarried: 1e9 }));
      }
      const one: OpenStackAction[] = [];
      const single = new ActionDeriver(options, (a) => one.push(a));
      for (const x of mergeByTime(cloud.api, cloud.compute))
        x.side === 0 ? single.api(x.record) : single.compute(x.record);
      single.suspend({ maxCarried: 1e9 });
      expect([...split].sort(compareActions)).toEqual([...one].sort(compareActions));
      expect(d!.stats().carried).toBe(single.stats().carried);
      // The last run's carried state, flushed, completes it to the single deriver's whole answer.
      const last = new ActionDeriver(options, (a) => split.push(a), carried);
      last.end();
      expect(split.sort(compareActions)).toEqual(deriveActions(cloud.api, cloud.compute, options));
    },
  );
});
