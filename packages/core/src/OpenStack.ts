/**
 * Who did what to which OpenStack resource: {@link ActionDeriver} turns oslo.log records (the
 * API services' access lines, and in Nova mode the nova-compute lines) into
 * {@link OpenStackAction}s, named with Nova's own instance-action names.
 *
 * Decisions (documented here once):
 * - **Only mutating API requests are actions.** `GET`, `HEAD` and `OPTIONS` lines, and URLs that
 *   name no action (lists, metadata service, external events), are not. Failed requests (HTTP
 *   status >= 400) are still actions, carrying their `status`; a failed request never takes
 *   compute-side evidence by time (nothing ran), only by request id.
 * - **The URL names most actions** (`derivation: "request"`): Nova `POST /servers` is `create`,
 *   `DELETE /servers/{id}` is `delete` (emitted only with `includeDelete`, the seed's
 *   `--include-delete`, though it always competes for evidence), `POST /servers/{id}/remote-consoles`
 *   is `console`, interface, volume and live-migration sub-resources are `attach_interface`,
 *   `detach_interface`, `attach_volume`, `detach_volume`, `swap_volume`,
 *   `live_migration_force_complete`, `live_migration_cancel`; `PUT /servers/{id}` is `update`.
 *   Glance and Neutron actions come from the URL alone (see {@link routeGlance}, {@link routeNeutron}).
 * - **`POST /servers/{id}/action` does not log its body.** Its name comes from nova-compute
 *   evidence ({@link classifyMessage}, {@link LIFECYCLE_ACTIONS}): first the compute records that
 *   carry the same request id (`derivation: "request-id"`), else the compute events for the same
 *   instance within `[ts - clockJitterSec, ts + deriveWindowSec + clockJitterSec]` that are nearer
 *   to this request than to any other request on the instance (`"time-window"`). Messages
 *   (`Pausing`, `Rebooting instance`, …) outrank lifecycle events; when several messages apply their
 *   candidate sets are intersected in time order (an event that would empty the intersection is
 *   passed over, so `Shelving` then `Shelve offloading` is `shelve`). Lifecycle-only evidence is
 *   read as a pattern: `Paused` then `Stopped` is `suspend` (libvirt's managed save), else the first
 *   state names it (`Paused` pause, `Resumed` unpause, `Stopped` stop, `Started` start,
 *   `Suspended` suspend). Several candidates left, or no evidence at all, give
 *   `action: "unknown"` with `candidates` rather than a guess (with no evidence: every action a
 *   `POST …/action` can carry, {@link SERVER_ACTIONS}).
 * - **Lifecycle noise.** A lifecycle event during a build (from the build's first marker, or the
 *   create request, to `Instance spawned successfully.`) or a migration (from `Migrating` or
 *   `pre_live_migration` to `Instance running successfully.` or `VM Migration completed`), or next
 *   to a `During sync_power_state the instance has a pending task (spawning|migrating|…)` line, is
 *   not a user action (the seed's note: `VM Paused` there is automatic).
 * - **Events are used once.** An event taken by one request (by request id or by time) is not
 *   evidence for another; an event carrying the request id of another known request is never
 *   evidence by time.
 * - **Look-back.** A decision looks at most `2 × horizon + window` (less twice the jitter) back
 *   from its request or event: older requests no longer own their request ids, older build and
 *   migration markers and create claims no longer make spans. That is what the deriver keeps in
 *   memory, so a decision never depends on when memory was swept.
 * - **A create's instance** is not in its URL: it is every instance whose compute records carry
 *   the create's request id (a multi-create gives one action per instance), else the first
 *   not-yet-claimed instance first seen in the window with a build marker (`Attempting claim`,
 *   `Claim successful`, `Took N seconds to spawn/build`, `Instance spawned successfully.`), else
 *   `""`. Glance and Neutron creates have `instance: ""` (the new id is only in the response).
 * - **Streaming and memory.** Feed API records to {@link ActionDeriver.api} and compute records to
 *   {@link ActionDeriver.compute} in any interleaving; a request is decided once both streams have
 *   passed its time by `2 × (window + jitter) + jitter` (a later request could still be nearer to
 *   one of its events), so memory holds the records of that horizon of the slower stream (plus one
 *   entry per instance seen in `seenRetentionSec`). Feed the two streams merged by time (as
 *   {@link deriveActions} does) to keep it small; `maxPending` bounds it regardless by deciding the
 *   oldest request early. Output is in `(ts, requestId, instance, action)` order; a request more
 *   than the jitter allowance older than one already decided is still emitted, late (counted).
 * - **Time.** Records without a time are not placed (counted as `untimed`). Any timed record moves
 *   its stream's time forward, whether or not it is a request or evidence (a `GET` line, a periodic
 *   task's line): that is how a caller says how far a log has been read.
 * - **New instances** (for creates) are those whose compute record is their first in
 *   `seenRetentionSec` (default a day) of compute time; older sightings are forgotten, so memory
 *   holds one small entry per instance seen in that time.
 * - **Across runs** ({@link ActionDeriver.suspend}, for a command run from cron on growing logs).
 *   A run that will be continued does not decide what later lines could still change: `suspend`
 *   decides what is settled and returns the rest of the deriver's state as
 *   {@link CarriedItem}s, which the next run passes to the constructor before feeding the lines
 *   that follow. The state is the whole of what the deriver holds after a sweep: the undecided
 *   requests, the requests they compete with, the compute events of the last
 *   `2 × horizon + window` (which may still be evidence, noise spans or create sightings for
 *   undecided or future requests, claimed flags included), the instances seen in
 *   `seenRetentionSec` and both streams' times. So a run that resumes is the run that stopped,
 *   and since decisions do not depend on how the two streams interleave (each still in its own
 *   time order) nor on when memory is swept, a sequence of runs over successive appends derives
 *   exactly what one run over the whole logs derives (`maxPending` and the bounds below aside). (Carrying only
 *   the undecided requests with their candidate evidence would not be: a request read in the next
 *   run can need an event read in this one, the compute clock being behind, or a build span
 *   begun in it; and an undecided request's evidence can still be taken by a nearer request not
 *   yet read.) Options other than the mode may change between runs (the state is data, not
 *   decisions). At `suspend`, settled means: due by both streams' times as during a run; named by
 *   the URL (its row cannot change); or a `POST …/action` whose compute messages with its request
 *   id already name exactly one action (later messages can only be passed over, and events with
 *   its request id are evidence for no other request). Everything else is carried, with two
 *   bounds so nothing is held forever: each stream counts as having reached `now - lagMs`, lines
 *   being taken to reach the logs at most `lagMs` late (so a request waits at most `lagMs` plus
 *   the horizon after its time, on this machine's clock, and the answer is still exact when lines
 *   are that timely); and at most `maxCarried` requests are carried, the oldest beyond that being
 *   decided with what is known (counted as `overflow`). Carried requests are counted as `carried`,
 *   restored ones as `resumed`.
 *
 * @since 0.1.0
 * @module
 */
import type { OpenStackAction, OsLogRecord } from "./records/OpenStack.js";

/**
 * Which service's logs: Nova (servers; API plus compute), Glance (images) or Neutron (networks).
 *
 * @since 0.1.0
 * @category models
 */
export type Mode = "vm" | "glance" | "neutron";

/**
 * Options of {@link ActionDeriver} and {@link deriveActions}.
 *
 * @since 0.1.0
 * @category models
 */
export interface DeriveOptions {
  /** Default `vm`. */
  readonly mode?: Mode | undefined;
  /** Emit Nova `delete` actions (the seed's `--include-delete`). Default false. */
  readonly includeDelete?: boolean | undefined;
  /** Seconds after a request in which compute evidence is looked for. Default 60. */
  readonly deriveWindowSec?: number | undefined;
  /** Largest clock difference between API and compute hosts, in seconds. Default 5. */
  readonly clockJitterSec?: number | undefined;
  /** Slack around build and migration spans on the compute host's own clock, seconds. Default 2. */
  readonly spanSlackSec?: number | undefined;
  /**
   * Wait for the compute stream before deciding (Nova mode). Default true; set false when no
   * compute log is given, so requests are decided on the API stream's time alone.
   */
  readonly expectCompute?: boolean | undefined;
  /** Most undecided requests held; beyond it the oldest is decided early. Default 100,000. */
  readonly maxPending?: number | undefined;
  /**
   * Compute time after which an instance's last sighting is forgotten: its next record counts as a
   * first sighting (a new instance, for creates). Default 86,400 (a day).
   */
  readonly seenRetentionSec?: number | undefined;
}

/**
 * One item of the state an {@link ActionDeriver} carries from one run to the next (see
 * {@link ActionDeriver.suspend}). `body` is JSON that only the deriver reads; `kind`, `ts`,
 * `instance` and `requestId` say what it is to people reading a stored copy (`ts` in epoch ms,
 * null when the item has no time).
 *
 * @since 0.2.0
 * @category models
 */
export interface CarriedItem {
  /** `state`, `request`, `event`, `instance`, `byid`, `seen` or `fresh`. */
  readonly kind: string;
  readonly ts: number | null;
  readonly instance: string | null;
  readonly requestId: string | null;
  readonly body: string;
}

/**
 * Options of {@link ActionDeriver.suspend}.
 *
 * @since 0.2.0
 * @category models
 */
export interface SuspendOptions {
  /** This machine's time, epoch ms. Without it the streams' times are used as they are. */
  readonly now?: number | undefined;
  /** How late a line may reach the logs, ms: each stream counts as having reached `now - lagMs`. Default 300,000. */
  readonly lagMs?: number | undefined;
  /** Most requests carried; the oldest beyond it are decided with what is known. Default 10,000. */
  readonly maxCarried?: number | undefined;
}

/**
 * Counters of a {@link ActionDeriver}.
 *
 * @since 0.1.0
 * @category models
 */
export interface DeriveStats {
  /** API records fed. */
  readonly apiRecords: number;
  /** Compute records fed. */
  readonly computeRecords: number;
  /** API records that were access lines of mutating requests naming an action. */
  readonly requests: number;
  /** Compute records kept as evidence (an instance and a meaning or a request id). */
  readonly evidence: number;
  /** Actions emitted. */
  readonly actions: number;
  /** Delete actions withheld (no `includeDelete`). */
  readonly withheldDeletes: number;
  /** Records without a time. */
  readonly untimed: number;
  /** Requests decided early because `maxPending` was reached. */
  readonly forced: number;
  /** Actions emitted after a later one (a request older than the jitter allowance, fed late). */
  readonly late: number;
  /** Undecided requests now. */
  readonly pending: number;
  /** Compute events held now (the memory bound). */
  readonly heldEvents: number;
  /** Instances with held state now. */
  readonly heldInstances: number;
  /** Instances seen on compute within the retention (one small entry each). */
  readonly seenInstances: number;
  /** Undecided requests restored from a previous run's carried state. */
  readonly resumed: number;
  /** Undecided requests carried to the next run by the last {@link ActionDeriver.suspend}. */
  readonly carried: number;
  /** Requests {@link ActionDeriver.suspend} decided with what is known because more than `maxCarried` were undecided. */
  readonly overflow: number;
}

/**
 * Every action a `POST /servers/{id}/action` body can name (Nova's instance-action names; body
 * keys without an instance action keep the key without its `os-` prefix), sorted: the
 * `candidates` of an `unknown` action with no evidence.
 *
 * @since 0.1.0
 * @category constants
 */
export const SERVER_ACTIONS: ReadonlyArray<string> = [
  "addFixedIp",
  "addFloatingIp",
  "addSecurityGroup",
  "changePassword",
  "confirmResize",
  "console",
  "createBackup",
  "createImage",
  "delete",
  "evacuate",
  "getConsoleOutput",
  "injectNetworkInfo",
  "live-migration",
  "lock",
  "migrate",
  "pause",
  "reboot",
  "rebuild",
  "removeFixedIp",
  "removeFloatingIp",
  "removeSecurityGroup",
  "rescue",
  "resetNetwork",
  "resetState",
  "resize",
  "restore",
  "resume",
  "revertResize",
  "shelve",
  "shelveOffload",
  "start",
  "stop",
  "suspend",
  "trigger_crash_dump",
  "unlock",
  "unpause",
  "unrescue",
  "unshelve",
];

/**
 * What one nova-compute message says. `actions`: the instance actions it can belong to (null:
 * none); `mark`: a build or migration boundary (for lifecycle noise and create matching).
 *
 * @since 0.1.0
 * @category models
 */
export interface MessageMeaning {
  readonly actions: ReadonlyArray<string> | null;
  readonly mark: "build-start" | "build-end" | "migration-start" | "migration-end" | "busy" | null;
}

const m = (actions: ReadonlyArray<string> | null, mark: MessageMeaning["mark"] = null): MessageMeaning => ({
  actions,
  mark,
});

// Messages of nova/compute/manager.py (and the libvirt driver) printed verbatim.
const EXACT = new Map<string, MessageMeaning>([
  ["Rebooting instance", m(["reboot"])],
  ["Pausing", m(["pause"])],
  ["Unpausing", m(["unpause"])],
  ["Resuming", m(["resume"])],
  ["Rescuing", m(["rescue"])],
  ["Unrescuing", m(["unrescue"])],
  ["Shelving", m(["shelve"])],
  ["Shelve offloading", m(["shelveOffload"])],
  ["Unshelving", m(["unshelve"])],
  ["Rebuilding instance", m(["rebuild"])],
  ["Evacuating instance", m(["evacuate"])],
  ["Terminating instance", m(["delete"])],
  ["instance snapshotting", m(["createBackup", "createImage"])],
  ["Migrating", m(["migrate", "resize"], "migration-start")],
  ["Admin password set", m(["changePassword"])],
  ["Get console output", m(["getConsoleOutput"])],
  ["Live migration failed.", m(["live-migration"], "migration-end")],
  ["Instance is already powered off in the hypervisor when stop is called.", m(["stop"])],
  ["Instance spawned successfully.", m(null, "build-end")],
  ["Instance running successfully.", m(null, "migration-end")],
]);

const BUSY_TASKS = /^During sync_power_state the instance has a pending task \(([a-z_]+)\)/;
const NOISY_TASKS = new Set([
  "spawning",
  "scheduling",
  "networking",
  "block_device_mapping",
  "migrating",
  "resize_prep",
  "resize_migrating",
  "resize_migrated",
  "resize_finish",
  "rebuild_spawning",
  "rebuilding",
  "unshelving",
]);
const BUSY = m(null, "busy");
const TOOK = /^Took [0-9.]+ seconds (to spawn the instance|to build instance|for pre_live_migration)/;
const CONSOLE = /^Getting (vnc|spice|RDP|MKS|serial) console$/;

/**
 * What a nova-compute message says about instance actions, or undefined when nothing. The table
 * is built from the messages Nova's compute manager logs (INFO, and a few DEBUG ones): `Pausing`,
 * `Unpausing`, `Resuming`, `Rescuing`, `Unrescuing`, `Shelving`, `Shelve offloading`,
 * `Unshelving`, `Rebooting instance`, `Rebuilding instance`, `Evacuating instance`, `Terminating
 * instance`, `instance snapshotting` (createImage or createBackup; `Found N images (rotation…` says
 * createBackup), `Migrating` (migrate or resize), `Took N seconds for pre_live_migration…`
 * (live-migration), `Admin password set`, `Updating instance to original state` (revertResize),
 * `Going to confirm migration` (confirmResize), `Stopping instance; current vm_state` (stop),
 * `Getting vnc console` and siblings (the older console actions), plus build and migration
 * boundaries.
 *
 * @since 0.1.0
 * @category classification
 */
export const classifyMessage = (message: string): MessageMeaning | undefined => {
  const exact = EXACT.get(message);
  if (exact !== undefined) return exact;
  switch (message.charCodeAt(0)) {
    case 65: // A
      if (message.startsWith("Attempting claim")) return m(null, "build-start");
      if (message.startsWith("Attaching volume ")) return m(["attach_volume"]);
      return undefined;
    case 67: // C
      return message.startsWith("Claim successful") ? m(null, "build-start") : undefined;
    case 68: {
      // D
      const busy = BUSY_TASKS.exec(message);
      return busy !== null && NOISY_TASKS.has(busy[1]!) ? BUSY : undefined;
    }
    case 70: // F
      return /^Found \d+ images \(rotation/.test(message) ? m(["createBackup"]) : undefined;
    case 71: // G
      if (message.startsWith("Going to confirm migration")) return m(["confirmResize"]);
      return CONSOLE.test(message) ? m(["console"]) : undefined;
    case 83: // S
      return message.startsWith("Stopping instance; current vm_state") ? m(["stop"]) : undefined;
    case 84: {
      // T
      const took = TOOK.exec(message);
      if (took === null) return undefined;
      return took[1] === "for pre_live_migration"
        ? m(["live-migration"], "migration-start")
        : m(null, "build-end");
    }
    case 85: // U
      return message.startsWith("Updating instance to original state") ? m(["revertResize"]) : undefined;
    default:
      return undefined;
  }
};

/**
 * The action a lifecycle state alone suggests (`VM <State> (Lifecycle Event)`), or undefined.
 * `Postcopy started` and `Migration completed` are live-migration events.
 *
 * @since 0.1.0
 * @category classification
 */
export const LIFECYCLE_ACTIONS: ReadonlyMap<string, string> = new Map([
  ["Paused", "pause"],
  ["Resumed", "unpause"],
  ["Suspended", "suspend"],
  ["Stopped", "stop"],
  ["Started", "start"],
  ["Postcopy started", "live-migration"],
  ["Migration completed", "live-migration"],
]);

/**
 * A request's route: what the URL says. `kind` is `create` (instance unknown from the URL),
 * `action` (`POST /servers/{id}/action`: named from evidence) or `named`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Route {
  readonly kind: "create" | "action" | "named";
  readonly action: string;
  readonly instance: string;
  readonly resource: string;
}

const segmentsOf = (path: string): string[] => {
  let end = path.indexOf("?");
  if (end < 0) end = path.length;
  const out: string[] = [];
  let i = 0;
  while (i < end) {
    if (path.charCodeAt(i) === 47) {
      i++;
      continue;
    }
    let j = path.indexOf("/", i);
    if (j < 0 || j > end) j = end;
    // 46 is ".": only a segment ending in ".json" loses its suffix.
    out.push(
      path.charCodeAt(j - 5) === 46 && path.startsWith(".json", j - 5)
        ? path.slice(i, j - 5)
        : path.slice(i, j),
    );
    i = j;
  }
  return out;
};

const isRead = (method: string): boolean => method === "GET" || method === "HEAD" || method === "OPTIONS";

/**
 * The Nova route of a request (`/v2/{project}/servers…`, `/v2.1/servers…`, any prefix such as
 * `/compute`), or undefined when it names no action.
 *
 * @since 0.1.0
 * @category routing
 */
export const routeNova = (method: string, path: string): Route | undefined => {
  if (isRead(method)) return undefined;
  const segs = segmentsOf(path);
  let i = segs.indexOf("servers");
  if (i < 0) i = segs.indexOf("os-volumes_boot");
  if (i < 0) return undefined;
  const n = segs.length - i - 1;
  if (n === 0)
    return method === "POST"
      ? { kind: "create", action: "create", instance: "", resource: "server" }
      : undefined;
  const id = segs[i + 1]!;
  const named = (action: string): Route => ({ kind: "named", action, instance: id, resource: "server" });
  if (n === 1) {
    if (method === "DELETE") return named("delete");
    if (method === "PUT") return named("update");
    return undefined;
  }
  const sub = segs[i + 2]!;
  switch (sub) {
    case "action":
      return n === 2 && method === "POST"
        ? { kind: "action", action: "", instance: id, resource: "server" }
        : undefined;
    case "remote-consoles":
      return n === 2 && method === "POST" ? named("console") : undefined;
    case "os-interface":
      if (n === 2 && method === "POST") return named("attach_interface");
      return n === 3 && method === "DELETE" ? named("detach_interface") : undefined;
    case "os-volume_attachments":
      if (n === 2 && method === "POST") return named("attach_volume");
      if (n === 3 && method === "DELETE") return named("detach_volume");
      return n === 3 && method === "PUT" ? named("swap_volume") : undefined;
    case "migrations":
      if (n === 4 && method === "POST" && segs[i + 4] === "action")
        return named("live_migration_force_complete");
      return n === 3 && method === "DELETE" ? named("live_migration_cancel") : undefined;
    default:
      return undefined;
  }
};

/**
 * The Glance route (`/v2/images…`, `/v1/images…`): create, upload (`PUT …/file` and `…/stage`),
 * import, update (`PATCH`, v1 `PUT`, tags, members), delete, deactivate, reactivate.
 *
 * @since 0.1.0
 * @category routing
 */
export const routeGlance = (method: string, path: string): Route | undefined => {
  if (isRead(method)) return undefined;
  const segs = segmentsOf(path);
  const i = segs.indexOf("images");
  if (i < 0) return undefined;
  const n = segs.length - i - 1;
  if (n === 0)
    return method === "POST"
      ? { kind: "create", action: "create", instance: "", resource: "image" }
      : undefined;
  const id = segs[i + 1]!;
  const named = (action: string): Route => ({ kind: "named", action, instance: id, resource: "image" });
  if (n === 1) {
    if (method === "PATCH" || method === "PUT") return named("update");
    return method === "DELETE" ? named("delete") : undefined;
  }
  const sub = segs[i + 2]!;
  switch (sub) {
    case "file":
    case "stage":
      return n === 2 && method === "PUT" ? named("upload") : undefined;
    case "import":
      return n === 2 && method === "POST" ? named("import") : undefined;
    case "actions": {
      const what = segs[i + 3];
      return n === 3 && method === "POST" && (what === "deactivate" || what === "reactivate")
        ? named(what)
        : undefined;
    }
    case "tags":
      return n === 3 && (method === "PUT" || method === "DELETE") ? named("update") : undefined;
    case "members":
      if (n === 2) return method === "POST" ? named("update") : undefined;
      return n === 3 && (method === "PUT" || method === "DELETE") ? named("update") : undefined;
    default:
      return undefined;
  }
};

const NEUTRON = new Map([
  ["networks", "network"],
  ["subnets", "subnet"],
  ["ports", "port"],
  ["routers", "router"],
  ["floatingips", "floatingip"],
  ["security-groups", "security-group"],
  ["security-group-rules", "security-group-rule"],
]);

/**
 * The Neutron route (`/v2.0/<resources>[.json][/{id}]`): create (`POST`), update (`PUT`, and a
 * router's `add_router_interface`/`remove_router_interface`), delete (`DELETE`); `resource` is
 * network, subnet, port, router, floatingip, security-group or security-group-rule.
 *
 * @since 0.1.0
 * @category routing
 */
export const routeNeutron = (method: string, path: string): Route | undefined => {
  if (isRead(method)) return undefined;
  const segs = segmentsOf(path);
  let i = -1;
  let resource = "";
  for (let k = 0; k < segs.length; k++) {
    const r = NEUTRON.get(segs[k]!);
    if (r !== undefined) {
      i = k;
      resource = r;
      break;
    }
  }
  if (i < 0) return undefined;
  const n = segs.length - i - 1;
  if (n === 0)
    return method === "POST" ? { kind: "create", action: "create", instance: "", resource } : undefined;
  const id = segs[i + 1]!;
  if (n === 1) {
    if (method === "PUT") return { kind: "named", action: "update", instance: id, resource };
    return method === "DELETE" ? { kind: "named", action: "delete", instance: id, resource } : undefined;
  }
  const sub = segs[i + 2];
  if (
    n === 2 &&
    method === "PUT" &&
    resource === "router" &&
    (sub === "add_router_interface" || sub === "remove_router_interface")
  )
    return { kind: "named", action: "update", instance: id, resource };
  return undefined;
};

interface Ev {
  readonly ts: number;
  readonly instance: string;
  readonly reqId: string | null;
  /** Candidate actions (null: none, a sighting or a mark only). */
  readonly actions: ReadonlyArray<string> | null;
  /** Lifecycle state, or null for a message. */
  readonly state: string | null;
  readonly mark: MessageMeaning["mark"];
  claimed: boolean;
}

/**
 * A copy of a string that owns its characters. Parsers hand out substrings of the chunk they read,
 * and V8 keeps the whole chunk alive for as long as a substring lives; what the deriver holds for a
 * window must not pin the input it came from.
 */
const own = (s: string | null): string | null =>
  s === null ? null : (JSON.parse(JSON.stringify(s)) as string);

interface Req {
  readonly ts: number;
  readonly seq: number;
  readonly route: Route;
  readonly requestId: string | null;
  readonly userId: string | null;
  readonly projectId: string | null;
  readonly status: number;
  readonly failed: boolean;
}

interface Inst {
  events: Ev[];
  reqs: Req[];
  /** Create request time matched to this instance (a build span start), or NaN. */
  created: number;
  createClaimed: boolean;
  lastTs: number;
}

interface Fresh {
  readonly instance: string;
  readonly ts: number;
  readonly reqId: string | null;
}

/** An event that can name an action (a message with candidates, or a known lifecycle state). */
const informs = (e: Ev): boolean =>
  e.actions !== null || (e.state !== null && LIFECYCLE_ACTIONS.has(e.state));

const byTime = (a: { ts: number }, b: { ts: number }): number => a.ts - b.ts;

const compareReq = (a: Req, b: Req): number => {
  if (a.ts !== b.ts) return a.ts - b.ts;
  const ra = a.requestId ?? "";
  const rb = b.requestId ?? "";
  if (ra !== rb) return ra < rb ? -1 : 1;
  return a.seq - b.seq;
};

/**
 * Total order of actions: time, then request id (null first), instance, action.
 *
 * @since 0.1.0
 * @category ordering
 */
export const compareActions = (a: OpenStackAction, b: OpenStackAction): number => {
  if (a.ts !== b.ts) return a.ts - b.ts;
  const ra = a.requestId ?? "";
  const rb = b.requestId ?? "";
  if (ra !== rb) return ra < rb ? -1 : 1;
  if (a.instance !== b.instance) return a.instance < b.instance ? -1 : 1;
  return a.action < b.action ? -1 : a.action > b.action ? 1 : 0;
};

const intersect = (evs: ReadonlyArray<Ev>): ReadonlyArray<string> | null => {
  let set: ReadonlyArray<string> | null = null;
  for (const e of evs) {
    if (e.actions === null || e.state !== null) continue;
    if (set === null) set = e.actions;
    else {
      const next: ReadonlyArray<string> = set.filter((a) => e.actions!.includes(a));
      if (next.length > 0) set = next;
    }
  }
  return set;
};

/** Lifecycle-only evidence read as a pattern (events sorted by time). */
const lifecyclePattern = (evs: ReadonlyArray<Ev>): ReadonlyArray<string> | null => {
  let first: string | null = null;
  let paused = false;
  for (const e of evs) {
    if (e.state === null) continue;
    const a = LIFECYCLE_ACTIONS.get(e.state);
    if (a === undefined) continue;
    if (paused && e.state === "Stopped") return ["suspend"];
    if (e.state === "Paused") paused = true;
    if (first === null) first = a;
  }
  return first === null ? null : [first];
};

const CARRY_VERSION = 1;
const MARKS = new Set(["build-start", "build-end", "migration-start", "migration-end", "busy"]);
type Json = Record<string, unknown>;
const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
const bad = (why: string): never => {
  throw new RangeError(`carried state: ${why}`);
};
const num = (o: Json, k: string): number => {
  const v = o[k];
  return typeof v === "number" && Number.isFinite(v) ? v : bad(`${k} is not a number`);
};
const numOr = (o: Json, k: string, dflt: number): number => (o[k] === null ? dflt : num(o, k));
const str = (o: Json, k: string): string => {
  const v = o[k];
  return typeof v === "string" ? v : bad(`${k} is not a string`);
};
const strOrNull = (o: Json, k: string): string | null => (o[k] === null ? null : str(o, k));
const list = (o: Json, k: string): unknown[] => {
  const v = o[k];
  return Array.isArray(v) ? v : bad(`${k} is not a list`);
};
const strs = (o: Json, k: string): string[] =>
  list(o, k).map((x) => (typeof x === "string" ? x : bad(`${k} holds a non-string`)));

const positive = (name: string, v: number | undefined, dflt: number): number => {
  if (v === undefined) return dflt;
  if (!Number.isFinite(v) || v < 0) throw new RangeError(`${name} must be a finite number >= 0, got ${v}`);
  return v;
};

/**
 * The incremental deriver (see the module notes for the rules). Feed records with
 * {@link ActionDeriver.api} and {@link ActionDeriver.compute}, then call
 * {@link ActionDeriver.end}; actions go to `emit` in order.
 *
 * @example
 * ```ts
 * const out: OpenStackAction[] = [];
 * const d = new ActionDeriver({ includeDelete: true }, (a) => out.push(a));
 * for (const r of merged) (r.http ? d.api(r) : d.compute(r));
 * d.end();
 * ```
 * @since 0.1.0
 * @category accumulators
 */
export class ActionDeriver {
  private readonly emit: (a: OpenStackAction) => void;
  private readonly mode: Mode;
  private readonly includeDelete: boolean;
  private readonly windowMs: number;
  private readonly jitterMs: number;
  private readonly slackMs: number;
  private readonly expectCompute: boolean;
  private readonly maxPending: number;
  private readonly horizonMs: number;
  /** How far back of the oldest undecided request a sweep keeps everything: 2 × horizon + window. */
  private readonly keepMs: number;
  private readonly route: (method: string, path: string) => Route | undefined;
  private readonly pending: Req[] = [];
  private readonly insts = new Map<string, Inst>();
  private readonly byReqId = new Map<string, Ev[]>();
  private readonly reqIndex = new Map<string, Req>();
  private readonly seenRetentionMs: number;
  /** Each instance's last sighting on compute (a box, so a sighting costs one lookup). */
  private readonly seen = new Map<string, { t: number }>();
  private lastSeenSweep = Number.NEGATIVE_INFINITY;
  private fresh: Fresh[] = [];
  private apiWm = Number.NEGATIVE_INFINITY;
  private computeWm = Number.NEGATIVE_INFINITY;
  private lastEmitted: OpenStackAction | null = null;
  private seq = 0;
  private sinceSweep = 0;
  private lastSweepWm = Number.NEGATIVE_INFINITY;
  private n = {
    apiRecords: 0,
    computeRecords: 0,
    requests: 0,
    evidence: 0,
    actions: 0,
    withheldDeletes: 0,
    untimed: 0,
    forced: 0,
    late: 0,
    resumed: 0,
    carried: 0,
    overflow: 0,
  };

  /**
   * @param carried the state a previous run's {@link ActionDeriver.suspend} returned (in its
   *   order), to continue where it stopped; throws a RangeError when it is not one.
   */
  constructor(
    options: DeriveOptions,
    emit: (a: OpenStackAction) => void,
    carried: ReadonlyArray<CarriedItem> = [],
  ) {
    this.emit = emit;
    this.mode = options.mode ?? "vm";
    this.includeDelete = options.includeDelete ?? false;
    this.windowMs = positive("deriveWindowSec", options.deriveWindowSec, 60) * 1000;
    this.jitterMs = positive("clockJitterSec", options.clockJitterSec, 5) * 1000;
    this.slackMs = positive("spanSlackSec", options.spanSlackSec, 2) * 1000;
    this.maxPending = Math.max(1, positive("maxPending", options.maxPending, 100_000));
    this.seenRetentionMs = positive("seenRetentionSec", options.seenRetentionSec, 86_400) * 1000;
    this.expectCompute = this.mode === "vm" && (options.expectCompute ?? true);
    const h = this.windowMs + this.jitterMs;
    this.horizonMs = this.mode === "vm" ? 2 * h + this.jitterMs : this.jitterMs;
    this.keepMs = 2 * this.horizonMs + this.windowMs;
    this.route = this.mode === "vm" ? routeNova : this.mode === "glance" ? routeGlance : routeNeutron;
    if (carried.length > 0) this.restore(carried);
  }

  /** Feed one API service record (access lines become requests; others are ignored). @since 0.1.0 */
  api(r: OsLogRecord): void {
    this.n.apiRecords++;
    const http = r.http;
    if (r.ts === null) {
      if (http !== undefined && http !== null) this.n.untimed++;
      return;
    }
    if (http === undefined || http === null) {
      this.advanceApi(r.ts);
      return;
    }
    const route = this.route(http.method, http.path);
    if (route === undefined) {
      this.advanceApi(r.ts);
      return;
    }
    this.n.requests++;
    const req: Req = {
      ts: r.ts,
      seq: this.seq++,
      route: { ...route, instance: own(route.instance)! },
      requestId: own(r.requestId),
      userId: own(r.userId),
      projectId: own(r.projectId ?? (this.mode === "vm" ? projectFromPath(http.path) : null)),
      status: http.status,
      failed: http.status >= 400,
    };
    this.insertPending(req);
    if (req.requestId !== null) this.reqIndex.set(req.requestId, req);
    if (!req.failed && route.kind !== "create" && this.mode === "vm")
      this.inst(route.instance).reqs.push(req);
    this.advanceApi(r.ts);
  }

  /** Feed one nova-compute record (Nova mode; ignored in the other modes). @since 0.1.0 */
  compute(r: OsLogRecord): void {
    this.n.computeRecords++;
    if (this.mode !== "vm") return;
    if (r.ts === null) {
      this.n.untimed++;
      return;
    }
    const instance = r.instance;
    if (instance !== null) {
      const state = r.lifecycle ?? null;
      const meaning = state === null ? classifyMessage(r.message) : undefined;
      const seen = this.seen.get(instance);
      const firstSight = seen === undefined || seen.t < r.ts - this.seenRetentionMs;
      if (seen === undefined) this.seen.set(own(instance)!, { t: r.ts });
      else if (r.ts > seen.t) seen.t = r.ts;
      const informative = state !== null || meaning !== undefined;
      if (informative || r.requestId !== null) {
        const ev: Ev = {
          ts: r.ts,
          instance: own(instance)!,
          reqId: own(r.requestId),
          actions: meaning?.actions ?? null,
          state,
          mark: state === "Migration completed" ? "migration-end" : (meaning?.mark ?? null),
          claimed: false,
        };
        const st = this.inst(instance);
        if (informative) st.events.push(ev);
        if (r.ts > st.lastTs) st.lastTs = r.ts;
        if (r.requestId !== null) {
          const list = this.byReqId.get(r.requestId);
          if (list === undefined) this.byReqId.set(r.requestId, [ev]);
          // A sighting (for a create's instances) once per instance is enough.
          else if (informative || list[list.length - 1]!.instance !== instance) list.push(ev);
        }
        this.n.evidence++;
        if (firstSight && (ev.mark === "build-start" || ev.mark === "build-end"))
          this.fresh.push({ instance: ev.instance, ts: r.ts, reqId: ev.reqId });
      }
    }
    if (r.ts > this.computeWm) {
      this.computeWm = r.ts;
      this.drain(false);
    }
    this.maybeSweep();
  }

  /**
   * Say that a stream has ended (its time no longer holds decisions back), e.g. when one log file
   * is shorter than the other. @since 0.1.0
   */
  close(stream: "api" | "compute"): void {
    if (stream === "api") this.apiWm = Number.POSITIVE_INFINITY;
    else this.computeWm = Number.POSITIVE_INFINITY;
    this.drain(false);
  }

  /** Decide every request still waiting and emit it. @since 0.1.0 */
  end(): void {
    this.drain(true);
  }

  /**
   * End a run that a later run will continue (see the module notes, "Across runs"): decide and emit
   * every request that is settled or beyond the bounds, and return the rest of the state, for the
   * next run's constructor. The deriver can still be fed afterwards.
   *
   * @example
   * ```ts
   * const d = new ActionDeriver(options, emit, await loadCarried());
   * // … feed this run's new lines …
   * await saveCarried(d.suspend({ now: Date.now(), lagMs: 300_000 }));
   * ```
   * @since 0.2.0
   */
  suspend(options: SuspendOptions = {}): CarriedItem[] {
    const lag = positive("lagMs", options.lagMs, 300_000);
    const maxCarried = Math.floor(positive("maxCarried", options.maxCarried, 10_000));
    const now = options.now;
    if (now !== undefined && Number.isFinite(now)) {
      // Lines reach the logs at most `lag` late: each stream has reached now - lag.
      const floor = now - lag;
      if (floor > this.apiWm) this.apiWm = floor;
      if (floor > this.computeWm) this.computeWm = floor;
    }
    this.drain(false);
    const p = this.pending;
    const keep: Req[] = [];
    for (const req of p) {
      if (this.settled(req)) this.decide(req);
      else keep.push(req);
    }
    // Beyond the bound, the oldest are decided in order, as at the end of a run that is not continued.
    let k = 0;
    while (keep.length - k > maxCarried) {
      this.n.overflow++;
      this.decide(keep[k++]!);
    }
    p.length = 0;
    for (let i = k; i < keep.length; i++) p.push(keep[i]!);
    this.n.carried = p.length;
    this.sweep();
    return this.snapshot();
  }

  /** Counters so far. @since 0.1.0 */
  stats(): DeriveStats {
    let heldEvents = 0;
    for (const st of this.insts.values()) heldEvents += st.events.length;
    return {
      ...this.n,
      pending: this.pending.length,
      heldEvents,
      heldInstances: this.insts.size,
      seenInstances: this.seen.size,
    };
  }

  /**
   * Whether a request's row can no longer change (so `suspend` need not carry it): named by the
   * URL; nothing to wait for (no compute stream, or not Nova); or a `POST …/action` whose
   * compute messages carrying its request id already name one action.
   */
  private settled(req: Req): boolean {
    const route = req.route;
    if (route.kind === "named" || this.mode !== "vm" || !this.expectCompute) return true;
    if (route.kind === "create" || req.requestId === null) return false;
    const byId = this.byReqId.get(req.requestId);
    if (byId === undefined) return false;
    const messages = byId.filter(
      (e) =>
        e.instance === route.instance &&
        e.state === null &&
        e.actions !== null &&
        this.inWindow(req, e.ts) &&
        !e.claimed,
    );
    if (messages.length === 0) return false;
    messages.sort(byTime);
    return intersect(messages)?.length === 1;
  }

  /** The state as {@link CarriedItem}s: requests and events once each, referred to by number. */
  private snapshot(): CarriedItem[] {
    const items: CarriedItem[] = [];
    const wm = this.watermark();
    items.push({
      kind: "state",
      ts: finite(wm),
      instance: null,
      requestId: null,
      body: JSON.stringify({
        v: CARRY_VERSION,
        mode: this.mode,
        api: finite(this.apiWm),
        compute: finite(this.computeWm),
        seq: this.seq,
      }),
    });
    const flags = new Map<Req, { pending: boolean; indexed: boolean }>();
    const flag = (q: Req): { pending: boolean; indexed: boolean } => {
      let f = flags.get(q);
      if (f === undefined) {
        f = { pending: false, indexed: false };
        flags.set(q, f);
      }
      return f;
    };
    for (const q of this.pending) flag(q).pending = true;
    for (const st of this.insts.values()) for (const q of st.reqs) flag(q);
    for (const q of this.reqIndex.values()) flag(q).indexed = true;
    for (const [q, f] of [...flags].sort((a, b) => a[0].seq - b[0].seq))
      items.push({
        kind: "request",
        ts: q.ts,
        instance: q.route.instance === "" ? null : q.route.instance,
        requestId: q.requestId,
        body: JSON.stringify({
          seq: q.seq,
          ts: q.ts,
          kind: q.route.kind,
          action: q.route.action,
          instance: q.route.instance,
          resource: q.route.resource,
          requestId: q.requestId,
          userId: q.userId,
          projectId: q.projectId,
          status: q.status,
          pending: f.pending,
          indexed: f.indexed,
        }),
      });
    const index = new Map<Ev, number>();
    const evs: Ev[] = [];
    const at = (e: Ev): number => {
      let i = index.get(e);
      if (i === undefined) {
        i = evs.length;
        index.set(e, i);
        evs.push(e);
      }
      return i;
    };
    const rest: CarriedItem[] = [];
    for (const [id, st] of this.insts)
      rest.push({
        kind: "instance",
        ts: finite(st.lastTs),
        instance: id,
        requestId: null,
        body: JSON.stringify({
          instance: id,
          created: finite(st.created),
          createClaimed: st.createClaimed,
          lastTs: finite(st.lastTs),
          events: st.events.map(at),
          reqs: st.reqs.map((q) => q.seq),
        }),
      });
    for (const [rid, list] of this.byReqId)
      rest.push({
        kind: "byid",
        ts: list[list.length - 1]!.ts,
        instance: null,
        requestId: rid,
        body: JSON.stringify({ requestId: rid, events: list.map(at) }),
      });
    for (let i = 0; i < evs.length; i++) {
      const e = evs[i]!;
      items.push({
        kind: "event",
        ts: e.ts,
        instance: e.instance,
        requestId: e.reqId,
        body: JSON.stringify({
          i,
          ts: e.ts,
          instance: e.instance,
          reqId: e.reqId,
          actions: e.actions,
          state: e.state,
          mark: e.mark,
          claimed: e.claimed,
        }),
      });
    }
    for (const x of rest) items.push(x);
    // An older sighting already counts as none (see compute()).
    const forgotten = wm - this.seenRetentionMs;
    for (const [id, x] of this.seen)
      if (!(x.t < forgotten))
        items.push({
          kind: "seen",
          ts: x.t,
          instance: id,
          requestId: null,
          body: JSON.stringify({ instance: id, t: x.t }),
        });
    for (const f of this.fresh)
      items.push({
        kind: "fresh",
        ts: f.ts,
        instance: f.instance,
        requestId: f.reqId,
        body: JSON.stringify({ instance: f.instance, ts: f.ts, reqId: f.reqId }),
      });
    return items;
  }

  /** Rebuild the state {@link ActionDeriver.snapshot} wrote (constructor only). */
  private restore(items: ReadonlyArray<CarriedItem>): void {
    const byKind = new Map<string, Json[]>();
    for (const it of items) {
      let body: unknown;
      try {
        body = JSON.parse(it.body);
      } catch {
        bad(`a ${it.kind} item is not JSON`);
      }
      if (typeof body !== "object" || body === null || Array.isArray(body))
        bad(`a ${it.kind} item is not an object`);
      const list = byKind.get(it.kind);
      if (list === undefined) byKind.set(it.kind, [body as Json]);
      else list.push(body as Json);
    }
    const states = byKind.get("state") ?? [];
    if (states.length !== 1) bad(`expected one state item, found ${states.length}`);
    const st0 = states[0]!;
    if (st0.v !== CARRY_VERSION) bad(`version ${String(st0.v)} (this fleetlens reads ${CARRY_VERSION})`);
    if (st0.mode !== this.mode) bad(`it was derived in mode ${String(st0.mode)}, not ${this.mode}`);
    this.apiWm = numOr(st0, "api", Number.NEGATIVE_INFINITY);
    this.computeWm = numOr(st0, "compute", Number.NEGATIVE_INFINITY);
    let seq = num(st0, "seq");
    const reqs = new Map<number, Req>();
    const pending: Req[] = [];
    for (const o of byKind.get("request") ?? []) {
      const kind =
        o.kind === "create" || o.kind === "action" || o.kind === "named"
          ? o.kind
          : bad("a request of unknown kind");
      const status = num(o, "status");
      const req: Req = {
        ts: num(o, "ts"),
        seq: num(o, "seq"),
        route: { kind, action: str(o, "action"), instance: str(o, "instance"), resource: str(o, "resource") },
        requestId: strOrNull(o, "requestId"),
        userId: strOrNull(o, "userId"),
        projectId: strOrNull(o, "projectId"),
        status,
        failed: status >= 400,
      };
      reqs.set(req.seq, req);
      if (req.seq >= seq) seq = req.seq + 1;
      if (o.pending === true) pending.push(req);
      if (o.indexed === true && req.requestId !== null) this.reqIndex.set(req.requestId, req);
    }
    this.seq = seq;
    pending.sort(compareReq);
    for (const q of pending) this.pending.push(q);
    this.n.resumed = pending.length;
    const evs: Ev[] = [];
    for (const o of byKind.get("event") ?? []) {
      const mark = o.mark ?? null;
      if (mark !== null && !MARKS.has(mark as string)) bad("an event with an unknown mark");
      evs[num(o, "i")] = {
        ts: num(o, "ts"),
        instance: str(o, "instance"),
        reqId: strOrNull(o, "reqId"),
        actions: o.actions === null ? null : strs(o, "actions"),
        state: strOrNull(o, "state"),
        mark: mark as MessageMeaning["mark"],
        claimed: o.claimed === true,
      };
    }
    const ev = (i: unknown): Ev =>
      typeof i === "number" && evs[i] !== undefined ? evs[i]! : bad("a missing event");
    const req = (q: unknown): Req => {
      const r = typeof q === "number" ? reqs.get(q) : undefined;
      return r ?? bad("a missing request");
    };
    for (const o of byKind.get("instance") ?? []) {
      this.insts.set(str(o, "instance"), {
        events: list(o, "events").map(ev),
        reqs: list(o, "reqs").map(req),
        created: numOr(o, "created", Number.NaN),
        createClaimed: o.createClaimed === true,
        lastTs: numOr(o, "lastTs", Number.NEGATIVE_INFINITY),
      });
    }
    for (const o of byKind.get("byid") ?? [])
      this.byReqId.set(str(o, "requestId"), list(o, "events").map(ev));
    for (const o of byKind.get("seen") ?? []) this.seen.set(str(o, "instance"), { t: num(o, "t") });
    for (const o of byKind.get("fresh") ?? [])
      this.fresh.push({ instance: str(o, "instance"), ts: num(o, "ts"), reqId: strOrNull(o, "reqId") });
  }

  private advanceApi(ts: number): void {
    if (ts > this.apiWm) {
      this.apiWm = ts;
      this.drain(false);
    } else if (this.pending.length > this.maxPending) this.drain(false);
    this.maybeSweep();
  }

  private inst(instance: string): Inst {
    let st = this.insts.get(instance);
    if (st === undefined) {
      st = {
        events: [],
        reqs: [],
        created: Number.NaN,
        createClaimed: false,
        lastTs: Number.NEGATIVE_INFINITY,
      };
      this.insts.set(instance, st);
    }
    return st;
  }

  private insertPending(req: Req): void {
    const p = this.pending;
    let i = p.length;
    while (i > 0 && compareReq(p[i - 1]!, req) > 0) i--;
    if (i === p.length) p.push(req);
    else p.splice(i, 0, req);
  }

  private watermark(): number {
    return this.expectCompute ? Math.min(this.apiWm, this.computeWm) : this.apiWm;
  }

  private drain(all: boolean): void {
    const p = this.pending;
    if (p.length === 0) return;
    const wm = this.watermark();
    let k = 0;
    while (k < p.length) {
      const req = p[k]!;
      const due = all || req.ts + this.horizonMs <= wm;
      const forced = !due && p.length - k > this.maxPending;
      if (!due && !forced) break;
      if (forced) this.n.forced++;
      this.decide(req);
      k++;
    }
    if (k > 0) p.splice(0, k);
  }

  private out(a: OpenStackAction): void {
    if (this.lastEmitted !== null && compareActions(a, this.lastEmitted) < 0) this.n.late++;
    else this.lastEmitted = a;
    this.n.actions++;
    this.emit(a);
  }

  private action(
    req: Req,
    instance: string,
    action: string,
    derivation: OpenStackAction["derivation"],
    candidates?: ReadonlyArray<string>,
  ): OpenStackAction {
    const a: {
      -readonly [K in keyof OpenStackAction]: OpenStackAction[K];
    } = {
      instance,
      action,
      ts: req.ts,
      requestId: req.requestId,
      userId: req.userId,
      projectId: req.projectId,
      status: req.status,
      derivation,
      resource: req.route.resource,
    };
    if (candidates !== undefined) a.candidates = [...candidates];
    return a;
  }

  private inWindow(req: Req, ts: number): boolean {
    return ts >= req.ts - this.jitterMs && ts <= req.ts + this.windowMs + this.jitterMs;
  }

  private decide(req: Req): void {
    const route = req.route;
    if (route.kind === "named") {
      if (route.action === "delete" && this.mode === "vm" && !this.includeDelete) {
        this.n.withheldDeletes++;
        return;
      }
      this.out(this.action(req, route.instance, route.action, "request"));
      return;
    }
    if (route.kind === "create") {
      if (this.mode !== "vm") {
        this.out(this.action(req, "", "create", "request"));
        return;
      }
      const found = this.createInstances(req);
      if (found.length === 0) this.out(this.action(req, "", "create", "request"));
      for (const i of found) this.out(this.action(req, i, "create", "request"));
      return;
    }
    // POST /servers/{id}/action
    const instance = route.instance;
    const byId = req.requestId === null ? undefined : this.byReqId.get(req.requestId);
    if (byId !== undefined) {
      const evs = byId.filter(
        (e) => e.instance === instance && informs(e) && this.inWindow(req, e.ts) && !e.claimed,
      );
      evs.sort(byTime);
      const messages = evs.filter((e) => e.state === null);
      const named = messages.length > 0 ? intersect(messages) : lifecyclePattern(evs);
      if (named !== null) {
        for (const e of evs) e.claimed = true;
        this.name(req, instance, named, "request-id");
        return;
      }
    }
    if (!req.failed) {
      const evs = this.windowEvidence(req, instance);
      const messages = evs.filter((e) => e.state === null);
      const named = messages.length > 0 ? intersect(messages) : lifecyclePattern(evs);
      if (named !== null) {
        for (const e of evs) e.claimed = true;
        this.name(req, instance, named, "time-window");
        return;
      }
    }
    this.out(this.action(req, instance, "unknown", "time-window", SERVER_ACTIONS));
  }

  private name(
    req: Req,
    instance: string,
    actions: ReadonlyArray<string>,
    d: OpenStackAction["derivation"],
  ): void {
    if (actions.length === 1) this.out(this.action(req, instance, actions[0]!, d));
    else this.out(this.action(req, instance, "unknown", d, [...actions].sort()));
  }

  private windowEvidence(req: Req, instance: string): Ev[] {
    const st = this.insts.get(instance);
    if (st === undefined) return [];
    const evs: Ev[] = [];
    const sorted = st.events.slice().sort(byTime);
    for (const e of sorted) {
      if (e.claimed || !this.inWindow(req, e.ts)) continue;
      if (!informs(e)) continue;
      if (e.reqId !== null) {
        const owner = this.reqIndex.get(e.reqId);
        if (owner !== undefined && owner !== req && this.recent(owner.ts, req.ts)) continue;
      }
      if (e.state !== null && this.isNoise(st, sorted, e)) continue;
      const d = Math.abs(e.ts - req.ts);
      let nearer = false;
      for (const q of st.reqs) {
        if (q === req) continue;
        const dq = Math.abs(e.ts - q.ts);
        if (dq < d || (dq === d && compareReq(q, req) < 0)) {
          nearer = true;
          break;
        }
      }
      if (!nearer) evs.push(e);
    }
    return evs;
  }

  /**
   * Whether something at `ts` may be looked at by a decision about a request at `ref` (or an event
   * at `ref`): within what a sweep always keeps while that request is undecided (see sweep), so
   * that when sweeps happen never changes a decision (nor, so, where one run stopped and the next
   * began).
   */
  private recent(ts: number, ref: number): boolean {
    return ts >= ref - this.keepMs + 2 * this.jitterMs;
  }

  /**
   * A lifecycle event inside a build or migration span of its instance (events sorted). Spans that
   * began more than the sweep's look-back before the event are not looked at (see recent()).
   */
  private isNoise(st: Inst, sorted: ReadonlyArray<Ev>, e: Ev): boolean {
    const t = e.ts;
    const slack = this.slackMs;
    if (!Number.isNaN(st.created) && this.recent(st.created, t) && t >= st.created - this.jitterMs) {
      // From the create request (API clock) to the first build end after it.
      let end = st.created + this.windowMs + this.jitterMs;
      for (const x of sorted)
        if (x.mark === "build-end" && x.ts >= st.created - this.jitterMs) {
          end = x.ts;
          break;
        }
      if (t <= end + slack) return true;
    }
    let start: number | null = null;
    let cap = 0;
    for (const x of sorted) {
      const mark = x.mark;
      if (mark === null || !this.recent(x.ts, t)) continue;
      if (mark === "busy") {
        if (Math.abs(x.ts - t) <= slack) return true;
        continue;
      }
      if (start !== null && x.ts > cap + slack) {
        // The open span expired before this marker.
        if (t >= start - slack && t <= cap) return true;
        start = null;
      }
      if (mark === "build-start" || mark === "migration-start") {
        if (start === null) {
          start = x.ts;
          cap = this.openSpanEnd(st, start);
        }
      } else if (start !== null) {
        if (t >= start - slack && t <= x.ts + slack) return true;
        start = null;
      }
    }
    return start !== null && t >= start - slack && t <= cap;
  }

  /** Where a span whose end is not logged stops: a window, or the instance's next request. */
  private openSpanEnd(st: Inst, start: number): number {
    let end = start + this.windowMs;
    for (const q of st.reqs)
      if (q.ts > start + this.jitterMs) {
        end = Math.min(end, q.ts - this.jitterMs);
        break;
      }
    return end;
  }

  private createInstances(req: Req): string[] {
    const found: string[] = [];
    if (req.requestId !== null) {
      const evs = this.byReqId.get(req.requestId);
      if (evs !== undefined)
        for (const e of evs)
          if (this.inWindow(req, e.ts) && !found.includes(e.instance)) {
            const st = this.inst(e.instance);
            if (st.createClaimed && this.recent(st.created, req.ts)) continue;
            found.push(e.instance);
          }
    }
    if (found.length === 0 && !req.failed) {
      let best: Fresh | null = null;
      for (const f of this.fresh) {
        if (!this.inWindow(req, f.ts)) continue;
        const claimed = this.insts.get(f.instance);
        if (claimed?.createClaimed && this.recent(claimed.created, req.ts)) continue;
        if (f.reqId !== null) {
          const owner = this.reqIndex.get(f.reqId);
          if (owner !== undefined && owner !== req && this.recent(owner.ts, req.ts)) continue;
        }
        if (best === null || f.ts < best.ts || (f.ts === best.ts && f.instance < best.instance)) best = f;
      }
      if (best !== null) found.push(best.instance);
    }
    found.sort();
    for (const i of found) {
      const st = this.inst(i);
      st.createClaimed = true;
      st.created = req.ts;
    }
    return found;
  }

  private maybeSweep(): void {
    if (++this.sinceSweep < 4096) {
      // Also when time jumps by more than the horizon (a quiet night, the next log file).
      if ((this.sinceSweep & 63) !== 0) return;
      const wm = this.watermark();
      if (!(wm - this.lastSweepWm > this.horizonMs)) return;
    }
    this.sinceSweep = 0;
    this.sweep();
  }

  /** Forget what no undecided or future request can use. */
  private sweep(): void {
    const wm = this.watermark();
    this.lastSweepWm = wm;
    const oldestPending = this.pending.length > 0 ? this.pending[0]!.ts : wm;
    const base = Math.min(wm, oldestPending);
    if (!Number.isFinite(base)) return;
    // Sightings older than the retention count as none already; forgetting them is only memory.
    if (wm - this.lastSeenSweep >= this.seenRetentionMs / 16) {
      this.lastSeenSweep = wm;
      const forgotten = wm - this.seenRetentionMs;
      for (const [id, x] of this.seen) if (x.t < forgotten) this.seen.delete(id);
    }
    // Requests may compete for events up to 2 × (window + jitter) from each other; spans need a window more.
    const cutoff = base - this.keepMs;
    for (const [id, st] of this.insts) {
      if (st.lastTs < cutoff && (st.reqs.length === 0 || st.reqs[st.reqs.length - 1]!.ts < cutoff)) {
        this.insts.delete(id);
        continue;
      }
      if (st.events.length > 0 && st.events[0]!.ts < cutoff)
        st.events = st.events.filter((e) => e.ts >= cutoff);
      if (st.reqs.length > 0 && st.reqs[0]!.ts < cutoff) st.reqs = st.reqs.filter((q) => q.ts >= cutoff);
    }
    for (const [id, evs] of this.byReqId) if (evs[evs.length - 1]!.ts < cutoff) this.byReqId.delete(id);
    for (const [id, q] of this.reqIndex) if (q.ts < cutoff) this.reqIndex.delete(id);
    if (this.fresh.length > 0 && this.fresh[0]!.ts < cutoff)
      this.fresh = this.fresh.filter((f) => f.ts >= cutoff);
  }
}

const projectFromPath = (path: string): string | null => {
  const segs = segmentsOf(path);
  const i = segs.indexOf("servers");
  if (i < 2) return null;
  const v = segs[i - 2]!;
  const p = segs[i - 1]!;
  return /^v2(\.\d+)?$/.test(v) ? p : null;
};

/**
 * Merge two time-ordered record streams by time (records without a time go first); ties take
 * the first stream's record. Lazy: holds one record of each.
 *
 * @since 0.1.0
 * @category combinators
 */
export function* mergeByTime<
  A extends { readonly ts: number | null },
  B extends { readonly ts: number | null },
>(
  a: Iterable<A>,
  b: Iterable<B>,
): Generator<{ readonly side: 0; readonly record: A } | { readonly side: 1; readonly record: B }> {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  let ra = ia.next();
  let rb = ib.next();
  while (!ra.done || !rb.done) {
    const takeA =
      !ra.done &&
      (rb.done || (ra.value.ts ?? Number.NEGATIVE_INFINITY) <= (rb.value.ts ?? Number.NEGATIVE_INFINITY));
    if (takeA) {
      yield { side: 0, record: ra.value as A };
      ra = ia.next();
    } else {
      yield { side: 1, record: rb.value as B };
      rb = ib.next();
    }
  }
}

/**
 * Derive every action of whole inputs: API records and (Nova mode) compute records, each in time
 * order, merged by time and fed to an {@link ActionDeriver}; the result is sorted by
 * {@link compareActions}.
 *
 * @example
 * ```ts
 * deriveActions(apiRecords, computeRecords, { includeDelete: true, deriveWindowSec: 120 });
 * // [{ instance: "…", action: "create", derivation: "request", … }, { action: "pause", derivation: "request-id", … }]
 * ```
 * @since 0.1.0
 * @category analyses
 */
export const deriveActions = (
  apiRecords: Iterable<OsLogRecord>,
  computeRecords: Iterable<OsLogRecord> = [],
  options: DeriveOptions = {},
): OpenStackAction[] => {
  const out: OpenStackAction[] = [];
  const d = new ActionDeriver(options, (a) => out.push(a));
  for (const x of mergeByTime(apiRecords, computeRecords)) {
    if (x.side === 0) d.api(x.record);
    else d.compute(x.record);
  }
  d.end();
  return out.sort(compareActions);
};
