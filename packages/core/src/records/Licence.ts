/**
 * Licence-server records: FlexLM debug-log events, sessions built from them, `lmstat` output,
 * licence-file lines, the seed's logwatch snapshots, and attributions of licence users to client
 * addresses.
 *
 * @since 0.1.0
 * @module
 */
import { Schema } from "effect";
import { IsoTime } from "./IsoTime.js";

/** @since 0.1.0 @category schemas */
export const LicenceEventKind = Schema.Literals([
  "OUT",
  "IN",
  "DENIED",
  "QUEUED",
  "DEQUEUED",
  "UNSUPPORTED",
  "EXPIRED",
  "SERVER",
  "OTHER",
]);
/** @since 0.1.0 @category models */
export type LicenceEventKind = typeof LicenceEventKind.Type;

/**
 * One line of a FlexLM (FlexNet Publisher) debug log, lmgrd's or a vendor daemon's.
 *
 * Fields:
 * - `ts`: instant (the log's `HH:MM:SS` on the date from TIMESTAMP lines / start banners), null
 *   when no date could be established
 * - `daemon`: `lmgrd` or the vendor daemon (`MLM`, `adskflex`, …)
 * - `event`: OUT | IN | DENIED | QUEUED | DEQUEUED | UNSUPPORTED | EXPIRED | SERVER | OTHER
 * - `feature`, `user`, `host`: null where the message has none
 * - `count`: licences in the message (`(N licenses)`, default 1; 0 for non-usage events)
 * - `reason`: DENIED/UNSUPPORTED reason text, IN's `(INACTIVE)`, SERVER/OTHER message; else null
 * - `code` (optional): FlexNet error code `-4,342` (with `:errno` when given)
 * - `message` (optional): the message text after `(daemon) `
 * - `version`, `ip`, `pid`, `handle` (optional): from the verbose `^^^` form
 *
 * @since 0.1.0
 * @category schemas
 */
export const LicenceEvent = Schema.Struct({
  ts: Schema.NullOr(IsoTime),
  daemon: Schema.String,
  event: LicenceEventKind,
  feature: Schema.NullOr(Schema.String),
  user: Schema.NullOr(Schema.String),
  host: Schema.NullOr(Schema.String),
  count: Schema.Finite,
  reason: Schema.NullOr(Schema.String),
  code: Schema.optionalKey(Schema.NullOr(Schema.String)),
  message: Schema.optionalKey(Schema.String),
  version: Schema.optionalKey(Schema.NullOr(Schema.String)),
  ip: Schema.optionalKey(Schema.NullOr(Schema.String)),
  pid: Schema.optionalKey(Schema.NullOr(Schema.Finite)),
  handle: Schema.optionalKey(Schema.NullOr(Schema.String)),
});
/** @since 0.1.0 @category models */
export type LicenceEvent = typeof LicenceEvent.Type;

/**
 * A checkout: an OUT paired with its IN (per feature and user@host, and handle when known).
 * `end`/`durationSeconds` null and `open` true when the log ends first.
 *
 * @since 0.1.0
 * @category schemas
 */
export const LicenceSession = Schema.Struct({
  feature: Schema.String,
  user: Schema.String,
  host: Schema.String,
  start: IsoTime,
  end: Schema.NullOr(IsoTime),
  durationSeconds: Schema.NullOr(Schema.Finite),
  open: Schema.Boolean,
  count: Schema.optionalKey(Schema.Finite),
  daemon: Schema.optionalKey(Schema.String),
  handle: Schema.optionalKey(Schema.NullOr(Schema.String)),
});
/** @since 0.1.0 @category models */
export type LicenceSession = typeof LicenceSession.Type;

/**
 * One record of `lmutil lmstat -a` (or `-i`) output, tagged by `type`:
 * - `server`: `{host, port, status: "UP"|"DOWN", role (MASTER|…|null), version, error}`
 * - `vendor`: `{vendor, status: "UP"|"DOWN", version, error}`
 * - `feature`: `{feature, issued (null when uncounted), inUse, error}`
 * - `checkout`: `{feature, user, host, display, version, server, port, handle, start, count, linger}`
 * - `queued`: `{feature, user, host, display, version, server, port, handle, count}`
 * - `reservation`: `{feature, count, kind (USER|HOST|…), name, server, port}`
 * - `expiry` (`-i`): `{feature, version, count, expires, vendor}`
 *
 * @since 0.1.0
 * @category schemas
 */
export const LmstatRecord = Schema.Union([
  Schema.Struct({
    type: Schema.Literal("server"),
    host: Schema.String,
    port: Schema.NullOr(Schema.Finite),
    status: Schema.Literals(["UP", "DOWN"]),
    role: Schema.NullOr(Schema.String),
    version: Schema.NullOr(Schema.String),
    error: Schema.NullOr(Schema.String),
  }),
  Schema.Struct({
    type: Schema.Literal("vendor"),
    vendor: Schema.String,
    status: Schema.Literals(["UP", "DOWN"]),
    version: Schema.NullOr(Schema.String),
    error: Schema.NullOr(Schema.String),
  }),
  Schema.Struct({
    type: Schema.Literal("feature"),
    feature: Schema.String,
    issued: Schema.NullOr(Schema.Finite),
    inUse: Schema.NullOr(Schema.Finite),
    error: Schema.NullOr(Schema.String),
  }),
  Schema.Struct({
    type: Schema.Literal("checkout"),
    feature: Schema.String,
    user: Schema.String,
    host: Schema.String,
    display: Schema.NullOr(Schema.String),
    version: Schema.NullOr(Schema.String),
    server: Schema.NullOr(Schema.String),
    port: Schema.NullOr(Schema.Finite),
    handle: Schema.NullOr(Schema.String),
    start: Schema.NullOr(IsoTime),
    count: Schema.Finite,
    linger: Schema.NullOr(Schema.Finite),
  }),
  Schema.Struct({
    type: Schema.Literal("queued"),
    feature: Schema.String,
    user: Schema.String,
    host: Schema.String,
    display: Schema.NullOr(Schema.String),
    version: Schema.NullOr(Schema.String),
    server: Schema.NullOr(Schema.String),
    port: Schema.NullOr(Schema.Finite),
    handle: Schema.NullOr(Schema.String),
    count: Schema.Finite,
  }),
  Schema.Struct({
    type: Schema.Literal("reservation"),
    feature: Schema.String,
    count: Schema.Finite,
    kind: Schema.String,
    name: Schema.String,
    server: Schema.NullOr(Schema.String),
    port: Schema.NullOr(Schema.Finite),
  }),
  Schema.Struct({
    type: Schema.Literal("expiry"),
    feature: Schema.String,
    version: Schema.NullOr(Schema.String),
    count: Schema.NullOr(Schema.Finite),
    expires: Schema.NullOr(Schema.String),
    vendor: Schema.NullOr(Schema.String),
  }),
]);
/** @since 0.1.0 @category models */
export type LmstatRecord = typeof LmstatRecord.Type;

/**
 * One logical line of a FlexLM licence file (continuations joined), tagged by `type`:
 * - `server`: `{host, hostid, port, keywords}`
 * - `vendor`: `{vendor, path, options, port, keywords}` (`DAEMON` is the old name)
 * - `use-server`: `{}`
 * - `feature`: `{kind: FEATURE|INCREMENT|UPGRADE, feature, vendor, version, expires (`YYYY-MM-DD`
 *   or null for permanent), count (null for uncounted), keywords}`
 * - `package`: `{package, vendor, version, components, keywords}`
 * `keywords` holds `KEY=value` pairs (names upper-cased; SIGN and license keys are dropped).
 *
 * @since 0.1.0
 * @category schemas
 */
export const LicenceFileLine = Schema.Union([
  Schema.Struct({
    type: Schema.Literal("server"),
    host: Schema.String,
    hostid: Schema.NullOr(Schema.String),
    port: Schema.NullOr(Schema.Finite),
    keywords: Schema.Record(Schema.String, Schema.String),
  }),
  Schema.Struct({
    type: Schema.Literal("vendor"),
    vendor: Schema.String,
    path: Schema.NullOr(Schema.String),
    options: Schema.NullOr(Schema.String),
    port: Schema.NullOr(Schema.Finite),
    keywords: Schema.Record(Schema.String, Schema.String),
  }),
  Schema.Struct({ type: Schema.Literal("use-server") }),
  Schema.Struct({
    type: Schema.Literal("feature"),
    kind: Schema.Literals(["FEATURE", "INCREMENT", "UPGRADE"]),
    feature: Schema.String,
    vendor: Schema.String,
    version: Schema.String,
    expires: Schema.NullOr(Schema.String),
    count: Schema.NullOr(Schema.Finite),
    keywords: Schema.Record(Schema.String, Schema.String),
  }),
  Schema.Struct({
    type: Schema.Literal("package"),
    package: Schema.String,
    vendor: Schema.String,
    version: Schema.NullOr(Schema.String),
    components: Schema.Array(Schema.String),
    keywords: Schema.Record(Schema.String, Schema.String),
  }),
]);
/** @since 0.1.0 @category models */
export type LicenceFileLine = typeof LicenceFileLine.Type;

/**
 * One snapshot of the seed's logwatch file: the `date` line, the clients connected to the
 * licence port at that moment (from the `ss -n -t` lines), and the debug-log line that triggered
 * it.
 *
 * Fields: `ts` (from the `date` line), `clients` ([ip], distinct, peers of ESTAB sockets on the
 * licence port), `sockets` (how many socket lines), `event` (the debug-log line parsed, or null),
 * `line` (that line's text).
 *
 * @since 0.1.0
 * @category schemas
 */
export const LicenceSnapshot = Schema.Struct({
  ts: Schema.NullOr(IsoTime),
  clients: Schema.Array(Schema.String),
  sockets: Schema.Finite,
  event: Schema.NullOr(LicenceEvent),
  line: Schema.NullOr(Schema.String),
});
/** @since 0.1.0 @category models */
export type LicenceSnapshot = typeof LicenceSnapshot.Type;

/** @since 0.1.0 @category schemas */
export const AttributionStatus = Schema.Literals(["unique", "eliminated", "ambiguous", "unknown"]);
/** @since 0.1.0 @category models */
export type AttributionStatus = typeof AttributionStatus.Type;

/**
 * Which client address a licence user's host had: `unique` (one new address appeared with its
 * checkout), `eliminated` (the others were owned for certain by other hosts), `ambiguous` (several
 * remain), `unknown` (no usable evidence). `confidence` 0..1; `candidates` the addresses still
 * possible; `evidence` the number of snapshots used.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Attribution = Schema.Struct({
  user: Schema.String,
  host: Schema.String,
  ip: Schema.NullOr(Schema.String),
  status: AttributionStatus,
  confidence: Schema.Finite,
  candidates: Schema.Array(Schema.String),
  evidence: Schema.Finite,
});
/** @since 0.1.0 @category models */
export type Attribution = typeof Attribution.Type;

/**
 * The seed's history record: a licence user's connection, enriched along IP -> MAC -> switch
 * port -> outlet -> inventory. Missing links are null, and `missing` says why.
 *
 * @since 0.1.0
 * @category schemas
 */
export const LicenceHistory = Schema.Struct({
  user: Schema.String,
  host: Schema.String,
  ip: Schema.NullOr(Schema.String),
  mac: Schema.NullOr(Schema.String),
  hostname: Schema.NullOr(Schema.String),
  department: Schema.NullOr(Schema.String),
  vlan: Schema.NullOr(Schema.String),
  switch: Schema.NullOr(Schema.String),
  port: Schema.NullOr(Schema.String),
  description: Schema.NullOr(Schema.String),
  connectionSeconds: Schema.Finite,
  missing: Schema.optionalKey(Schema.Array(Schema.String)),
});
/** @since 0.1.0 @category models */
export type LicenceHistory = typeof LicenceHistory.Type;
