/**
 * The one signature every prober has (the registry is built from it), as blackbox_exporter's
 * `ProbeFn`, except that a probe returns its failure reason as a value and never throws.
 *
 * @since 0.1.0
 * @module
 */
import type { ProbeResult } from "@fleetlens/core/lite";

/**
 * What every probe gets besides its target and module settings.
 *
 * @since 0.1.0
 * @category models
 */
export interface ProbeContext {
  /** Aborted when the probe must stop (timeout, shutdown). */
  readonly signal: AbortSignal;
  /** The time budget in ms (a probe should finish, successfully or not, within it). */
  readonly timeoutMs: number;
}

/**
 * A probe: resolves to a result (success or a failure with its reason); never rejects.
 *
 * @since 0.1.0
 * @category models
 */
export type ProbeFn<M> = (target: string, module: M, ctx: ProbeContext) => Promise<ProbeResult>;

/**
 * A registry entry: the kind, the module settings' defaults, and the probe.
 *
 * @since 0.1.0
 * @category models
 */
export interface Prober<M> {
  readonly kind: "icmp" | "tcp" | "http" | "snmp" | "host";
  readonly description: string;
  readonly defaults: M;
  readonly probe: ProbeFn<M>;
}
