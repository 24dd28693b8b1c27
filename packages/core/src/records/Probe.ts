/**
 * Probe results (DESIGN.md §4): what `fleetlens probe` prints and the exporter's /probe serves.
 *
 * @since 0.1.0
 * @module
 */
import { Schema } from "effect";

/**
 * One metric sample: a Prometheus name (`probe_success`, `probe_http_status_code`,
 * `fleetlens_snmp_cpu_ratio`, …), its labels, and a value (base units: bytes, seconds, ratios).
 *
 * @since 0.1.0
 * @category schemas
 */
export const MetricSample = Schema.Struct({
  name: Schema.String,
  labels: Schema.Record(Schema.String, Schema.String),
  value: Schema.Number,
});
/** @since 0.1.0 @category models */
export type MetricSample = typeof MetricSample.Type;

/**
 * Why a probe failed, as a short machine-readable word: timeout, refused, dns, tls, status,
 * regex, banner, snmp, unreachable, reset, config, error.
 *
 * @since 0.1.0
 * @category schemas
 */
export const FailureReason = Schema.Literals([
  "timeout",
  "refused",
  "dns",
  "tls",
  "status",
  "regex",
  "banner",
  "snmp",
  "unreachable",
  "reset",
  "config",
  "error",
]);
/** @since 0.1.0 @category models */
export type FailureReason = typeof FailureReason.Type;

/**
 * Fields:
 * - `module`: icmp | tcp | http | snmp | host (or a configured module name)
 * - `target`: what was probed (`127.0.0.1`, `127.0.0.1:8080`, `https://…`)
 * - `success`, `durationSeconds`
 * - `failureReason`: null on success
 * - `message` (optional): a human sentence about the failure
 * - `metrics`: samples with blackbox names for `probe_*` and `fleetlens_snmp_*` /
 *   `fleetlens_host_*` for ours
 *
 * @since 0.1.0
 * @category schemas
 */
export const ProbeResult = Schema.Struct({
  module: Schema.String,
  target: Schema.String,
  success: Schema.Boolean,
  durationSeconds: Schema.Finite,
  failureReason: Schema.NullOr(FailureReason),
  message: Schema.optionalKey(Schema.NullOr(Schema.String)),
  metrics: Schema.Array(MetricSample),
});
/** @since 0.1.0 @category models */
export type ProbeResult = typeof ProbeResult.Type;
