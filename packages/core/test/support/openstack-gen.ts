/**
 * A synthetic OpenStack cloud for tests and benchmarks: random nova-api and nova-compute
 * {@link OsLogRecord}s (plus glance and neutron API records) together with the TRUE actions a
 * user performed. Everything is derived from a seed (a small PRNG), so a failing property names
 * its seed.
 *
 * What is modelled (facts from Nova's compute manager and libvirt driver; ids, hosts, addresses
 * and times are made up):
 * - instances created (or existing before the log starts), then a random valid walk: pause /
 *   unpause, suspend / resume, reboot, stop / start, live and cold migration, shelve (sometimes
 *   offloaded) / unshelve, rescue / unrescue, console (remote-consoles or the older
 *   `os-getVNCConsole` action), delete; instances interleave;
 * - compute evidence per action: the manager's message (`Pausing`, `Rebooting instance`, …) with
 *   the request id or without (a coin per action), lifecycle events with their own request ids,
 *   build noise (`VM Started/Paused/Resumed` while spawning), migration noise (`VM Paused` at the
 *   switch-over), DEBUG lines when `debug`;
 * - failed requests (409/404/400/500) that leave no compute trace;
 * - one clock offset between the API and compute hosts, up to `jitterSec`.
 *
 * The truth is what a deriver can know: a cold migration logs `Migrating` for migrate and resize
 * alike, so its truth is `unknown` with candidates `[migrate, resize]`; a failed `POST …/action`
 * is `unknown` with every server action as candidate. Actions on one instance are spaced so that
 * each request's evidence is nearer to it than to its neighbours, even after the clock offset.
 */

import { SERVER_ACTIONS } from "../../src/OpenStack.js";
import type { OpenStackAction, OsLogRecord } from "../../src/records/OpenStack.js";

/** Options of {@link generateCloud}. */
export interface GenOptions {
  readonly seed: number;
  /** Instances (default 4). */
  readonly instances?: number;
  /** Most actions per instance after its create (default 6). */
  readonly actionsPerInstance?: number;
  /** Largest |compute clock - API clock| in seconds (default 3). */
  readonly jitterSec?: number;
  /** Chance that an action's compute messages carry its request id (default 0.5). */
  readonly reqIdOnCompute?: number;
  /** Chance that a request fails (default 0.1). */
  readonly failureRate?: number;
  /** Chance that an instance exists before the log starts (default 0.3). */
  readonly preexisting?: number;
  /** Emit nova-compute DEBUG lines (default true). */
  readonly debug?: boolean;
  /** First instant (epoch ms). */
  readonly start?: number;
  /** Most seconds between two actions of one instance beyond the minimum gap (default 90). */
  readonly spreadSec?: number;
}

/** What {@link generateCloud} returns. `truth` includes deletes (filter them for `includeDelete: false`). */
export interface GenResult {
  readonly api: OsLogRecord[];
  readonly compute: OsLogRecord[];
  readonly truth: OpenStackAction[];
  /** The compute clock's offset from the API clock, ms. */
  readonly offsetMs: number;
}

/** A small deterministic PRNG (mulberry32). */
export const prng = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const hex = (rnd: () => number, n: number): string => {
  let s = "";
  for (let i = 0; i < n; i++) s += Math.floor(rnd() * 16).toString(16);
  return s;
};

/** A random version-4 UUID text. */
export const uuid = (rnd: () => number): string =>
  `${hex(rnd, 8)}-${hex(rnd, 4)}-4${hex(rnd, 3)}-${"89ab"[Math.floor(rnd() * 4)]}${hex(rnd, 3)}-${hex(rnd, 12)}`;

const pick = <T>(rnd: () => number, xs: ReadonlyArray<T>): T => xs[Math.floor(rnd() * xs.length)]!;

type State = "active" | "paused" | "suspended" | "stopped" | "shelved" | "rescued" | "gone";

type Op =
  | "pause"
  | "unpause"
  | "suspend"
  | "resume"
  | "reboot"
  | "stop"
  | "start"
  | "live-migration"
  | "migrate"
  | "shelve"
  | "unshelve"
  | "rescue"
  | "unrescue"
  | "console"
  | "legacy-console"
  | "delete";

const NEXT: Record<Exclude<State, "gone">, ReadonlyArray<Op>> = {
  active: [
    "pause",
    "suspend",
    "reboot",
    "stop",
    "live-migration",
    "migrate",
    "shelve",
    "rescue",
    "console",
    "legacy-console",
    "delete",
  ],
  paused: ["unpause", "unpause", "delete"],
  suspended: ["resume", "resume", "delete"],
  stopped: ["start", "start", "delete"],
  shelved: ["unshelve", "unshelve", "delete"],
  rescued: ["unrescue"],
};

const AFTER: Partial<Record<Op, State>> = {
  pause: "paused",
  unpause: "active",
  suspend: "suspended",
  resume: "active",
  stop: "stopped",
  start: "active",
  shelve: "shelved",
  unshelve: "active",
  rescue: "rescued",
  unrescue: "active",
  delete: "gone",
};

/** Largest lag of an action's compute evidence after its request, seconds. */
export const MAX_LAG_SEC = 5;

/**
 * Generate a cloud. Deterministic in `options`.
 */
export const generateCloud = (options: GenOptions): GenResult => {
  const rnd = prng(options.seed);
  const nInst = options.instances ?? 4;
  const perInst = options.actionsPerInstance ?? 6;
  const jitter = options.jitterSec ?? 3;
  const pReq = options.reqIdOnCompute ?? 0.5;
  const pFail = options.failureRate ?? 0.1;
  const pPre = options.preexisting ?? 0.3;
  const debug = options.debug ?? true;
  const spread = options.spreadSec ?? 90;
  const t0 = options.start ?? Date.UTC(2031, 2, 3, 9, 0, 0);
  const offsetMs = Math.round((rnd() * 2 - 1) * jitter * 1000);
  const minGapMs = (2 * (jitter + MAX_LAG_SEC) + 2) * 1000;
  const projects = [hex(rnd, 32), hex(rnd, 32)];
  const users = [hex(rnd, 32), hex(rnd, 32), hex(rnd, 32)];
  const api: OsLogRecord[] = [];
  const compute: OsLogRecord[] = [];
  const truth: OpenStackAction[] = [];
  const apiPid = 4100 + Math.floor(rnd() * 900);
  const cmpPid = 7100 + Math.floor(rnd() * 900);

  const access = (
    ts: number,
    req: string,
    user: string,
    project: string,
    method: string,
    path: string,
    status: number,
  ): void => {
    const client = `192.0.2.${10 + Math.floor(rnd() * 200)}`;
    const length = 200 + Math.floor(rnd() * 2000);
    const seconds = Math.round((0.01 + rnd() * 0.8) * 1e7) / 1e7;
    api.push({
      ts,
      pid: apiPid,
      level: "INFO",
      logger: "nova.osapi_compute.wsgi.server",
      requestId: req,
      globalRequestId: null,
      userId: user,
      projectId: project,
      instance: null,
      message: `${client} "${method} ${path} HTTP/1.1" status: ${status} len: ${length} time: ${seconds.toFixed(7)}`,
      http: { client, method, path, version: "HTTP/1.1", status, length, seconds },
    });
  };
  const line = (
    ts: number,
    instance: string,
    message: string,
    req: string | null,
    level = "INFO",
    logger = "nova.compute.manager",
    user: string | null = null,
    project: string | null = null,
  ): void => {
    compute.push({
      ts: ts + offsetMs,
      pid: cmpPid,
      level,
      logger,
      requestId: req,
      globalRequestId: null,
      userId: req === null ? null : user,
      projectId: req === null ? null : project,
      instance,
      message,
    });
  };
  const lifecycle = (ts: number, instance: string, state: string): void => {
    compute.push({
      ts: ts + offsetMs,
      pid: cmpPid,
      level: "INFO",
      logger: "nova.compute.manager",
      requestId: rnd() < 0.5 ? `req-${uuid(rnd)}` : null,
      globalRequestId: null,
      userId: null,
      projectId: null,
      instance,
      message: `VM ${state} (Lifecycle Event)`,
      lifecycle: state,
    });
  };
  const noiseApi = (ts: number, project: string, user: string, instance: string | null): void => {
    const path =
      instance === null ? `/v2.1/${project}/servers/detail` : `/v2.1/${project}/servers/${instance}`;
    access(ts, `req-${uuid(rnd)}`, user, project, "GET", path, 200);
  };

  let createAt = t0;
  for (let k = 0; k < nInst; k++) {
    const project = pick(rnd, projects);
    const user = pick(rnd, users);
    const base = `/v2.1/${project}/servers`;
    const pre = rnd() < pPre;
    const instance = uuid(rnd);
    let state: State = "active";
    let t: number;
    const truthOf = (
      ts: number,
      req: string,
      action: string,
      status: number,
      derivation: OpenStackAction["derivation"],
      candidates?: ReadonlyArray<string>,
      inst = instance,
    ): void => {
      const a: { -readonly [K in keyof OpenStackAction]: OpenStackAction[K] } = {
        instance: inst,
        action,
        ts,
        requestId: req,
        userId: user,
        projectId: project,
        status,
        derivation,
        resource: "server",
      };
      if (candidates !== undefined) a.candidates = [...candidates];
      truth.push(a);
    };
    if (pre) {
      t = t0 + Math.floor(rnd() * 600_000);
    } else {
      // Creates of different instances are at least 2 s apart and in order.
      createAt += 2000 + Math.floor(rnd() * 40_000);
      t = createAt;
      const req = `req-${uuid(rnd)}`;
      if (rnd() < pFail) {
        const status = pick(rnd, [400, 403, 500]);
        access(t, req, user, project, "POST", base, status);
        truthOf(t, req, "create", status, "request", undefined, "");
        continue;
      }
      access(t, req, user, project, "POST", base, 202);
      truthOf(t, req, "create", 202, "request");
      const withId = rnd() < pReq ? req : null;
      let c = t + 300 + Math.floor(rnd() * 400);
      line(
        c,
        instance,
        "Attempting claim on node cmp-1: memory 2048 MB, disk 20 GB, vcpus 1 CPU",
        withId,
        "INFO",
        "nova.compute.claims",
        user,
        project,
      );
      c += 50;
      line(
        c,
        instance,
        "Claim successful on node cmp-1",
        withId,
        "INFO",
        "nova.compute.claims",
        user,
        project,
      );
      c += 1200 + Math.floor(rnd() * 800);
      lifecycle(c, instance, "Started");
      c += 100;
      lifecycle(c, instance, "Paused");
      if (rnd() < 0.5)
        line(
          c + 20,
          instance,
          "During sync_power_state the instance has a pending task (spawning). Skip.",
          null,
        );
      c += 700;
      lifecycle(c, instance, "Resumed");
      c += 300;
      line(c, instance, "Instance spawned successfully.", null, "INFO", "nova.virt.libvirt.driver");
      c += 20;
      line(
        c,
        instance,
        `Took ${((c - t) / 1000 - 0.5).toFixed(2)} seconds to spawn the instance on the hypervisor.`,
        withId,
        "INFO",
        "nova.compute.manager",
        user,
        project,
      );
      c += 30;
      line(
        c,
        instance,
        `Took ${((c - t) / 1000).toFixed(2)} seconds to build instance.`,
        withId,
        "INFO",
        "nova.compute.manager",
        user,
        project,
      );
    }
    const n = 1 + Math.floor(rnd() * perInst);
    for (let j = 0; j < n && state !== "gone"; j++) {
      t += minGapMs + Math.floor(rnd() * spread * 1000);
      if (rnd() < 0.5)
        noiseApi(t - 1000 - Math.floor(rnd() * 3000), project, user, rnd() < 0.5 ? instance : null);
      const op: Op = pick(rnd, NEXT[state as Exclude<State, "gone">]);
      const req = `req-${uuid(rnd)}`;
      const fail = rnd() < pFail;
      const withId = rnd() < pReq ? req : null;
      let c = t + 150 + Math.floor(rnd() * 400);
      const msg = (message: string, level = "INFO"): void => {
        line(c, instance, message, withId, level, "nova.compute.manager", user, project);
        c += 100 + Math.floor(rnd() * 300);
      };
      const life = (s: string): void => {
        lifecycle(c, instance, s);
        c += 300 + Math.floor(rnd() * 700);
      };
      if (op === "delete") {
        const status = fail ? 404 : 204;
        access(t, req, user, project, "DELETE", `${base}/${instance}`, status);
        truthOf(t, req, "delete", status, "request");
        if (fail) continue;
        msg("Terminating instance");
        life("Stopped");
        line(c, instance, "Instance destroyed successfully.", null, "INFO", "nova.virt.libvirt.driver");
        state = "gone";
        continue;
      }
      if (op === "console") {
        const status = fail ? 409 : 200;
        access(t, req, user, project, "POST", `${base}/${instance}/remote-consoles`, status);
        truthOf(t, req, "console", status, "request");
        if (!fail && debug) msg("Getting vnc console", "DEBUG");
        continue;
      }
      if (op === "legacy-console" && !debug) continue;
      // POST /servers/{id}/action
      if (fail) {
        const status = pick(rnd, [409, 409, 404, 500]);
        access(t, req, user, project, "POST", `${base}/${instance}/action`, status);
        truthOf(t, req, "unknown", status, "time-window", SERVER_ACTIONS);
        continue;
      }
      access(t, req, user, project, "POST", `${base}/${instance}/action`, 202);
      // Which evidence names it: the request id when messages carry it, else the time window.
      const byMessage = (action: string, candidates?: ReadonlyArray<string>): void =>
        truthOf(t, req, action, 202, withId !== null ? "request-id" : "time-window", candidates);
      switch (op) {
        case "pause":
          msg("Pausing");
          life("Paused");
          byMessage("pause");
          break;
        case "unpause":
          msg("Unpausing");
          life("Resumed");
          byMessage("unpause");
          break;
        case "suspend":
          // No INFO message: libvirt's managed save shows Paused then Stopped.
          life("Paused");
          life("Stopped");
          truthOf(t, req, "suspend", 202, "time-window");
          break;
        case "resume":
          msg("Resuming");
          life("Started");
          byMessage("resume");
          break;
        case "reboot":
          msg("Rebooting instance");
          life("Stopped");
          life("Started");
          byMessage("reboot");
          break;
        case "stop":
          if (debug) {
            msg(
              "Stopping instance; current vm_state: active, current task_state: powering-off, current DB power_state: 1, current VM power_state: 1",
              "DEBUG",
            );
            life("Stopped");
            byMessage("stop");
          } else {
            life("Stopped");
            truthOf(t, req, "stop", 202, "time-window");
          }
          break;
        case "start":
          life("Started");
          truthOf(t, req, "start", 202, "time-window");
          break;
        case "live-migration":
          msg(
            `Took ${(0.5 + rnd() * 2).toFixed(2)} seconds for pre_live_migration on destination host cmp-2.`,
          );
          life("Paused");
          if (rnd() < 0.5) life("Migration completed");
          byMessage("live-migration");
          break;
        case "migrate":
          msg("Migrating");
          life("Stopped");
          line(c, instance, "Instance running successfully.", null, "INFO", "nova.virt.libvirt.driver");
          c += 200;
          life("Started");
          byMessage("unknown", ["migrate", "resize"]);
          break;
        case "shelve":
          msg("Shelving");
          life("Stopped");
          if (rnd() < 0.5) msg("Shelve offloading");
          byMessage("shelve");
          break;
        case "unshelve":
          msg("Unshelving");
          life("Started");
          life("Paused");
          life("Resumed");
          line(c, instance, "Instance spawned successfully.", null, "INFO", "nova.virt.libvirt.driver");
          byMessage("unshelve");
          break;
        case "rescue":
          msg("Rescuing");
          life("Stopped");
          life("Started");
          byMessage("rescue");
          break;
        case "unrescue":
          msg("Unrescuing");
          life("Stopped");
          life("Started");
          byMessage("unrescue");
          break;
        case "legacy-console":
          msg("Getting vnc console", "DEBUG");
          byMessage("console");
          break;
      }
      if (c - t > MAX_LAG_SEC * 1000)
        throw new Error(`generator: evidence lag ${c - t} ms exceeds MAX_LAG_SEC`);
      state = AFTER[op] ?? state;
    }
  }
  // Each log is in its own clock's order (stable for equal times).
  api.sort((a, b) => a.ts! - b.ts!);
  compute.sort((a, b) => a.ts! - b.ts!);
  return { api, compute, truth, offsetMs };
};

/** A glance-api or neutron-server access record (eventlet/WSGI access line as parsed). */
export const accessRecord = (
  ts: number,
  method: string,
  path: string,
  status: number,
  ctx: { requestId?: string | null; userId?: string | null; projectId?: string | null; logger?: string } = {},
): OsLogRecord => ({
  ts,
  pid: 2210,
  level: "INFO",
  logger: ctx.logger ?? "eventlet.wsgi.server",
  requestId: ctx.requestId === undefined ? "req-7f3c2a10-1111-4222-8333-944455556666" : ctx.requestId,
  globalRequestId: null,
  userId: ctx.userId === undefined ? "0a1b2c3d4e5f60718293a4b5c6d7e8f9" : ctx.userId,
  projectId: ctx.projectId === undefined ? "f9e8d7c6b5a49382716f5e4d3c2b1a09" : ctx.projectId,
  instance: null,
  message: `198.51.100.7 "${method} ${path} HTTP/1.1" status: ${status} len: 512 time: 0.1000000`,
  http: { client: "198.51.100.7", method, path, version: "HTTP/1.1", status, length: 512, seconds: 0.1 },
});
