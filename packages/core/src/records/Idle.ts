/**
 * Idle-VM analysis results: verdicts, peer reports and the utilisation samples they may use.
 *
 * @since 0.1.0
 * @module
 */
import { Schema } from "effect";
import { IsoTime } from "./IsoTime.js";

/** @since 0.1.0 @category schemas */
export const Verdict = Schema.Literals(["active", "idle", "insufficient-data"]);
/** @since 0.1.0 @category models */
export type Verdict = typeof Verdict.Type;

/**
 * Fields:
 * - `host`
 * - `verdict`: active | idle | insufficient-data
 * - `score`: 0..1, 1 = surely idle
 * - `lastLogin`: the last user login in or before the window, or null
 * - `loginDays`: days of the window with a user login
 * - `uncommonPeers`: peers not common to the fleet and not allow-listed
 * - `reasons`: human-readable, each naming its evidence
 * - `window` (optional): the window judged
 * - `coverage` (optional): fraction of the window covered by evidence, per source
 *
 * @since 0.1.0
 * @category schemas
 */
export const IdleVerdict = Schema.Struct({
  host: Schema.String,
  verdict: Verdict,
  score: Schema.Finite,
  lastLogin: Schema.NullOr(IsoTime),
  loginDays: Schema.Finite,
  uncommonPeers: Schema.Array(Schema.String),
  reasons: Schema.Array(Schema.String),
  window: Schema.optionalKey(Schema.Struct({ start: IsoTime, end: IsoTime })),
  coverage: Schema.optionalKey(
    Schema.Struct({
      logins: Schema.Finite,
      traffic: Schema.Finite,
      utilisation: Schema.NullOr(Schema.Finite),
    }),
  ),
});
/** @since 0.1.0 @category models */
export type IdleVerdict = typeof IdleVerdict.Type;
/** @since 0.1.0 @category models */
export type IdleVerdictJson = typeof IdleVerdict.Encoded;

/** `peers uncommon` output row (the seed's diff-ip-vm). @since 0.1.0 @category schemas */
export const PeerReport = Schema.Struct({
  host: Schema.String,
  uncommonPeers: Schema.Array(Schema.String),
  commonPeers: Schema.Finite,
});
/** @since 0.1.0 @category models */
export type PeerReport = typeof PeerReport.Type;

/**
 * One utilisation sample for a host, averaged over `intervalSeconds` ending at `ts`: CPU used in
 * vCPUs (`cpuVcpus` 0.5 = half of one vCPU, as Google's idle rule counts it) and network rates
 * in bytes per second. Any of the three may be absent.
 *
 * @since 0.1.0
 * @category schemas
 */
export const UtilSample = Schema.Struct({
  host: Schema.String,
  ts: IsoTime,
  intervalSeconds: Schema.Finite.check(Schema.isGreaterThan(0)),
  cpuVcpus: Schema.optionalKey(Schema.NullOr(Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0)))),
  rxBytesPerSecond: Schema.optionalKey(Schema.NullOr(Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0)))),
  txBytesPerSecond: Schema.optionalKey(Schema.NullOr(Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0)))),
});
/** @since 0.1.0 @category models */
export type UtilSample = typeof UtilSample.Type;
