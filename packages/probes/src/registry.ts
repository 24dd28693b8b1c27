/**
 * The probe registry (blackbox_exporter's `Probers` map) and {@link runProbe}, the one way the
 * CLI, the exporter's `/probe` and the {@link runner} run a probe: it looks the kind up, lays the
 * given module settings over the prober's defaults, and wraps the run in the same deadline,
 * `probe_success` and `probe_duration_seconds` (blackbox's handler), so no caller special-cases
 * a prober. It never rejects: an unknown kind is a `config` failure, a probe that throws is an
 * `error` failure, and a probe that ignores its signal is cut off shortly after the deadline.
 *
 * @since 0.1.0
 * @module
 */
import type { ProbeResult } from "@fleetlens/core/lite";
import { Effect } from "effect";
import { hostProber } from "./host.js";
import { type HttpModule, httpProber } from "./http.js";
import { type IcmpModule, icmpProber } from "./icmp.js";
import type { PROBE_KINDS } from "./kinds.js";
import { finish, finishWithError, ProbeFailure, sample } from "./metrics.js";
import { snmpProber } from "./snmp.js";
import { type TcpModule, tcpProber } from "./tcp.js";
import type { ProbeContext, Prober } from "./types.js";

/**
 * Every prober kind the signature allows.
 *
 * @since 0.1.0
 * @category models
 */
export type ProbeKind = Prober<unknown>["kind"];

/**
 * Any prober, whatever its module type (the registry's value type).
 *
 * @since 0.1.0
 * @category models
 */
export interface AnyProber {
  readonly kind: ProbeKind;
  readonly description: string;
  readonly defaults: unknown;
  readonly probe: (target: string, module: never, ctx: ProbeContext) => Promise<ProbeResult>;
}

/**
 * The registry: kind → prober. Each entry's `kind` must equal its key (checked by `satisfies`).
 *
 * @since 0.1.0
 * @category registry
 */
export const probers = {
  icmp: icmpProber,
  tcp: tcpProber,
  http: httpProber,
  snmp: snmpProber,
  host: hostProber,
} satisfies { readonly [K in ProbeKind]: AnyProber & { readonly kind: K } };

// PROBE_KINDS (./kinds.ts, loaded without the probers) lists exactly the registry's kinds.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _kindsMatch: Same<(typeof PROBE_KINDS)[number], ProbeKind> = true;
void _kindsMatch;

/**
 * The kinds in the registry.
 *
 * @since 0.1.0
 * @category registry
 */
export type RegisteredKind = keyof typeof probers;

/**
 * The module settings of a registered kind.
 *
 * @since 0.1.0
 * @category models
 */
export type ModuleOf<K extends RegisteredKind> = (typeof probers)[K]["defaults"];

/** Module settings per kind, for callers that know the kind statically. */
export type { HttpModule, IcmpModule, TcpModule };

/**
 * Is `kind` a registered prober kind?
 *
 * @since 0.1.0
 * @category registry
 */
export const isProbeKind = (kind: string): kind is RegisteredKind => Object.hasOwn(probers, kind);

/**
 * The default probe timeout: 10 s (a Prometheus scrape's default timeout).
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Options of {@link runProbe}.
 *
 * @since 0.1.0
 * @category models
 */
export interface RunProbeOptions {
  /** Time budget in ms. Default {@link DEFAULT_TIMEOUT_MS}. */
  readonly timeoutMs?: number | undefined;
  /** Stops the probe early (shutdown); the result is then a `timeout` failure. */
  readonly signal?: AbortSignal | undefined;
  /** The name the result carries in `module` (a configured module such as `http_2xx`). Default the kind. */
  readonly moduleName?: string | undefined;
  /** Extra ms a probe that ignores its signal gets before it is cut off. Default 1,000. */
  readonly graceMs?: number | undefined;
}

/**
 * Runs one probe of `kind` against `target` with `module` over the prober's defaults (a shallow
 * merge), within `timeoutMs`. Resolves to the result with `probe_success` and
 * `probe_duration_seconds` measured here; never rejects.
 *
 * @example
 * ```ts
 * const r = await runProbe("tcp", "127.0.0.1:22", {}, { timeoutMs: 2000 });
 * r.success; // false with failureReason "refused" when nothing listens
 * ```
 *
 * @since 0.1.0
 * @category running
 */
export function runProbe<K extends RegisteredKind>(
  kind: K,
  target: string,
  module?: Partial<ModuleOf<K>>,
  options?: RunProbeOptions,
): Promise<ProbeResult>;
export function runProbe(
  kind: string,
  target: string,
  module?: Readonly<Record<string, unknown>>,
  options?: RunProbeOptions,
): Promise<ProbeResult>;
export async function runProbe(
  kind: string,
  target: string,
  module: object = {},
  options: RunProbeOptions = {},
): Promise<ProbeResult> {
  const start = performance.now();
  const name = options.moduleName ?? kind;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!isProbeKind(kind))
    return finish(name, target, start, [], {
      reason: "config",
      message: `unknown probe kind ${JSON.stringify(kind)} (known: ${Object.keys(probers).join(", ")})`,
    });
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0))
    return finish(name, target, start, [], {
      reason: "config",
      message: `timeoutMs ${timeoutMs} must be > 0`,
    });
  const prober = probers[kind] as unknown as AnyProber;
  const ac = new AbortController();
  const outer = options.signal;
  const onOuter = () => ac.abort(new ProbeFailure("timeout", "probe cancelled"));
  if (outer?.aborted) onOuter();
  else outer?.addEventListener("abort", onOuter, { once: true });
  const timer = setTimeout(
    () => ac.abort(new ProbeFailure("timeout", `timed out after ${timeoutMs} ms`)),
    timeoutMs,
  );
  let hard: ReturnType<typeof setTimeout> | undefined;
  const cutOff = new Promise<ProbeResult>((resolve) => {
    hard = setTimeout(
      () =>
        resolve(
          finish(name, target, start, [], { reason: "timeout", message: `no result within ${timeoutMs} ms` }),
        ),
      timeoutMs + (options.graceMs ?? 1000),
    );
  });
  const merged = { ...(prober.defaults as object), ...module } as never;
  try {
    const r = await Promise.race([
      prober
        .probe(target, merged, { signal: ac.signal, timeoutMs })
        .catch((e: unknown) => finishWithError(name, target, start, e)),
      cutOff,
    ]);
    const durationSeconds = (performance.now() - start) / 1000;
    const metrics = [
      sample("probe_success", r.success ? 1 : 0),
      sample("probe_duration_seconds", durationSeconds),
      ...r.metrics.filter((m) => m.name !== "probe_success" && m.name !== "probe_duration_seconds"),
    ];
    return { ...r, module: name, target, durationSeconds, metrics };
  } finally {
    clearTimeout(timer);
    clearTimeout(hard);
    outer?.removeEventListener("abort", onOuter);
  }
}

/**
 * {@link runProbe} as an Effect: never fails; interrupting it aborts the probe's sockets and
 * processes (the result is then discarded).
 *
 * @since 0.1.0
 * @category running
 */
export const probeEffect = (
  kind: string,
  target: string,
  module?: Readonly<Record<string, unknown>>,
  options?: Omit<RunProbeOptions, "signal">,
): Effect.Effect<ProbeResult> =>
  Effect.promise((signal) => runProbe(kind, target, module, { ...options, signal }));
