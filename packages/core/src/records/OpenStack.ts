/**
 * OpenStack records: one oslo.log line (any service: nova-api, nova-compute, glance-api,
 * neutron-server, …) and the actions derived from them.
 *
 * @since 0.1.0
 * @module
 */
import { Schema } from "effect";
import { IsoTime } from "./IsoTime.js";

/**
 * An API access line's request (WSGI `client "METHOD path HTTP/x" status: N len: N time: S`, or
 * eventlet's `client - - [date] "request" status len seconds`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const HttpRequest = Schema.Struct({
  client: Schema.String,
  method: Schema.String,
  path: Schema.String,
  version: Schema.NullOr(Schema.String),
  status: Schema.Finite,
  length: Schema.NullOr(Schema.Finite),
  seconds: Schema.NullOr(Schema.Finite),
});
/** @since 0.1.0 @category models */
export type HttpRequest = typeof HttpRequest.Type;

/**
 * One oslo.log record. Fields:
 * - `ts`: the line's `YYYY-MM-DD HH:MM:SS.mmm` in the service's zone (options), null if absent
 * - `pid`, `level` (INFO, ERROR, …), `logger` (`nova.compute.manager`)
 * - `requestId` (`req-…`), `globalRequestId`, `userId`, `projectId`: from the request context
 *   (`-` and `None` become null)
 * - `instance`: the `[instance: UUID]` prefix, or null
 * - `message`: the text after context and instance prefix
 * - `source` (optional): a leading log-file name (Loghub's lines start with it)
 * - `traceback` (optional): continuation lines of a multi-line record (tracebacks)
 * - `tracebackOmitted` (optional): continuation lines beyond the parser's bound, counted not kept
 * - `http` (optional): the parsed access line, when the message is one
 * - `lifecycle` (optional): `Started`, `Paused`, `Resumed`, `Stopped`, … from
 *   `VM <State> (Lifecycle Event)`
 *
 * @since 0.1.0
 * @category schemas
 */
export const OsLogRecord = Schema.Struct({
  ts: Schema.NullOr(IsoTime),
  pid: Schema.NullOr(Schema.Finite),
  level: Schema.String,
  logger: Schema.String,
  requestId: Schema.NullOr(Schema.String),
  globalRequestId: Schema.NullOr(Schema.String),
  userId: Schema.NullOr(Schema.String),
  projectId: Schema.NullOr(Schema.String),
  instance: Schema.NullOr(Schema.String),
  message: Schema.String,
  source: Schema.optionalKey(Schema.NullOr(Schema.String)),
  traceback: Schema.optionalKey(Schema.Array(Schema.String)),
  tracebackOmitted: Schema.optionalKey(Schema.Finite),
  http: Schema.optionalKey(Schema.NullOr(HttpRequest)),
  lifecycle: Schema.optionalKey(Schema.NullOr(Schema.String)),
});
/** @since 0.1.0 @category models */
export type OsLogRecord = typeof OsLogRecord.Type;

/** How an action was named. @since 0.1.0 @category schemas */
export const Derivation = Schema.Literals(["request", "request-id", "time-window"]);
/** @since 0.1.0 @category models */
export type Derivation = typeof Derivation.Type;

/**
 * One action on one resource. Fields:
 * - `instance`: the server uuid (image id in glance mode, network/port/… id in neutron mode)
 * - `action`: Nova's instance-action names (create, delete, pause, unpause, suspend, resume,
 *   reboot, start, stop, rebuild, resize, confirmResize, revertResize, migrate, live-migration,
 *   shelve, unshelve, lock, unlock, rescue, unrescue, createImage, console, …); `unknown` when a
 *   `POST …/action` could not be named (see `candidates`); glance/neutron: create, update,
 *   delete, upload, deactivate, reactivate, …
 * - `ts`, `requestId`, `userId`, `projectId`, `status` (HTTP status; 4xx/5xx = failed)
 * - `derivation`: `request` (the URL says it), `request-id` (a compute event with the same
 *   request id), `time-window` (the nearest event for the instance within the window)
 * - `candidates` (optional): for `unknown`, the actions it could have been
 * - `resource` (optional): server, image, network, subnet, port, router, floatingip,
 *   security-group, security-group-rule
 *
 * @since 0.1.0
 * @category schemas
 */
export const OpenStackAction = Schema.Struct({
  instance: Schema.String,
  action: Schema.String,
  ts: IsoTime,
  requestId: Schema.NullOr(Schema.String),
  userId: Schema.NullOr(Schema.String),
  projectId: Schema.NullOr(Schema.String),
  status: Schema.NullOr(Schema.Finite),
  derivation: Derivation,
  candidates: Schema.optionalKey(Schema.Array(Schema.String)),
  resource: Schema.optionalKey(Schema.String),
});
/** @since 0.1.0 @category models */
export type OpenStackAction = typeof OpenStackAction.Type;
