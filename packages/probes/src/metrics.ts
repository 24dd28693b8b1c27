/**
 * What every prober shares: building metric samples, the result with `probe_success` and
 * `probe_duration_seconds` (blackbox_exporter's handler gauges), mapping Node's socket and
 * resolver errors to a {@link FailureReason}, the probe's own deadline (the context's signal
 * plus its `timeoutMs`), and a lookup with the `ip_protocol` / `preferred_ip_protocol` choice.
 *
 * @since 0.1.0
 * @module
 */
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import type { FailureReason, MetricSample, ProbeResult } from "@fleetlens/core/lite";
import type { ProbeContext } from "./types.js";

/**
 * One sample; labels default to none.
 *
 * @since 0.1.0
 * @category constructors
 */
export const sample = (name: string, value: number, labels: Record<string, string> = {}): MetricSample => ({
  name,
  labels,
  value,
});

/**
 * Seconds since `start` (a `performance.now()` reading).
 *
 * @since 0.1.0
 * @category utils
 */
export const secondsSince = (start: number): number => (performance.now() - start) / 1000;

/**
 * A failure on its way out of a probe: the reason, a sentence, and the metrics gathered so far.
 *
 * @since 0.1.0
 * @category models
 */
export class ProbeFailure extends Error {
  constructor(
    readonly reason: FailureReason,
    message: string,
  ) {
    super(message);
    this.name = "ProbeFailure";
  }
}

/**
 * Builds the result: `probe_success` and `probe_duration_seconds` first, then the probe's samples,
 * and on failure `fleetlens_probe_failure_reason{reason}` 1 (the failure as a metric).
 *
 * @since 0.1.0
 * @category constructors
 */
export const finish = (
  module: string,
  target: string,
  start: number,
  metrics: ReadonlyArray<MetricSample>,
  failure: { readonly reason: FailureReason; readonly message: string } | null,
): ProbeResult => {
  const durationSeconds = secondsSince(start);
  const head = [
    sample("probe_success", failure === null ? 1 : 0),
    sample("probe_duration_seconds", durationSeconds),
  ];
  const out = head.concat(
    metrics.filter((m) => m.name !== "probe_success" && m.name !== "probe_duration_seconds"),
  );
  if (failure !== null) out.push(sample("fleetlens_probe_failure_reason", 1, { reason: failure.reason }));
  return failure === null
    ? { module, target, success: true, durationSeconds, failureReason: null, metrics: out }
    : {
        module,
        target,
        success: false,
        durationSeconds,
        failureReason: failure.reason,
        message: failure.message,
        metrics: out,
      };
};

/**
 * The result of a probe that threw instead of returning one: failure reason `error`, the error
 * described. What makes a probe function never reject.
 *
 * @since 0.1.0
 * @category results
 */
export const finishWithError = (module: string, target: string, start: number, e: unknown): ProbeResult =>
  finish(module, target, start, [], { reason: "error", message: describeError(e) });

const CODES: Record<string, FailureReason> = {
  ECONNREFUSED: "refused",
  ENOTFOUND: "dns",
  EAI_AGAIN: "dns",
  EAI_FAIL: "dns",
  EAI_NONAME: "dns",
  EAI_NODATA: "dns",
  ENODATA: "dns",
  ECONNRESET: "reset",
  EPIPE: "reset",
  ECONNABORTED: "reset",
  EHOSTUNREACH: "unreachable",
  ENETUNREACH: "unreachable",
  EHOSTDOWN: "unreachable",
  ENETDOWN: "unreachable",
  EADDRNOTAVAIL: "unreachable",
  ETIMEDOUT: "timeout",
  ABORT_ERR: "timeout",
  ERR_INVALID_URL: "config",
  ERR_INVALID_ARG_TYPE: "config",
  ERR_INVALID_ARG_VALUE: "config",
  ERR_INVALID_HTTP_TOKEN: "config",
  ERR_INVALID_CHAR: "config",
  ERR_UNESCAPED_CHARACTERS: "config",
  HPE_INVALID_CONSTANT: "error",
  ERR_TLS_CERT_ALTNAME_INVALID: "tls",
  ERR_SSL_WRONG_VERSION_NUMBER: "tls",
};

const TLS_CODES = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_GET_ISSUER_CERT",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "HOSTNAME_MISMATCH",
]);

/**
 * The failure reason of an error from Node's net/tls/http/dns (by `code`), a {@link ProbeFailure}
 * (its own reason), or an abort (`timeout`); anything else is `error`.
 *
 * @since 0.1.0
 * @category utils
 */
export const classifyError = (e: unknown): FailureReason => {
  if (e instanceof ProbeFailure) return e.reason;
  if (e instanceof Error && (e.name === "AbortError" || e.name === "TimeoutError")) return "timeout";
  const code =
    typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "";
  const known = CODES[code];
  if (known !== undefined) return known;
  if (TLS_CODES.has(code) || code.startsWith("ERR_SSL_") || code.startsWith("ERR_TLS_")) return "tls";
  return "error";
};

/**
 * A sentence for an error: its message, with the code when the message lacks it.
 *
 * @since 0.1.0
 * @category utils
 */
export const describeError = (e: unknown): string => {
  if (!(e instanceof Error)) return String(e);
  const code = "code" in e ? String((e as { code: unknown }).code) : "";
  return code !== "" && code !== "undefined" && !e.message.includes(code)
    ? `${code}: ${e.message}`
    : e.message;
};

/**
 * The probe's own deadline: aborted by the context's signal or after `timeoutMs`, whichever is
 * first. `dispose()` clears the timer.
 *
 * @since 0.1.0
 * @category utils
 */
export const deadline = (ctx: ProbeContext): { readonly signal: AbortSignal; dispose(): void } => {
  const ac = new AbortController();
  const onAbort = () => ac.abort(timeoutError(ctx.timeoutMs));
  if (ctx.signal.aborted) onAbort();
  else ctx.signal.addEventListener("abort", onAbort, { once: true });
  const ms = Number.isFinite(ctx.timeoutMs) && ctx.timeoutMs > 0 ? ctx.timeoutMs : 0;
  const t = ac.signal.aborted ? undefined : setTimeout(onAbort, ms);
  return {
    signal: ac.signal,
    dispose: () => {
      if (t !== undefined) clearTimeout(t);
      ctx.signal.removeEventListener("abort", onAbort);
    },
  };
};

/**
 * The error a timed-out probe reports.
 *
 * @since 0.1.0
 * @category constructors
 */
export const timeoutError = (ms: number): ProbeFailure =>
  new ProbeFailure("timeout", `timed out after ${ms} ms`);

/**
 * Rejects with the signal's reason (a timeout {@link ProbeFailure}) once it aborts; resolves
 * with `p` otherwise. `p`'s own later rejection is swallowed.
 *
 * @since 0.1.0
 * @category utils
 */
export const abortable = <A>(p: Promise<A>, signal: AbortSignal): Promise<A> =>
  new Promise<A>((resolve, reject) => {
    const onAbort = () => reject(signal.reason ?? new ProbeFailure("timeout", "aborted"));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(
      (a) => {
        signal.removeEventListener("abort", onAbort);
        resolve(a);
      },
      (e: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });

/**
 * Which address family to use: `ip4`/`ip6` only, or `auto` with a preference and a fallback to
 * the other family (blackbox's `ip_protocol_fallback`).
 *
 * @since 0.1.0
 * @category models
 */
export interface IpChoice {
  /** Default `auto`. */
  readonly ipProtocol?: "ip4" | "ip6" | "auto" | undefined;
  /** With `auto`: the family tried first. Default `ip4` (blackbox's default is ip6; loopback-heavy fleets differ). */
  readonly preferredIpProtocol?: "ip4" | "ip6" | undefined;
}

/**
 * Resolves a host name (an address literal is returned as is), timing the lookup. Rejects with
 * a `dns` {@link ProbeFailure} when the name has no address of an allowed family.
 *
 * @since 0.1.0
 * @category utils
 */
export const resolveHost = async (
  host: string,
  choice: IpChoice,
  signal: AbortSignal,
): Promise<{ readonly address: string; readonly family: 4 | 6; readonly seconds: number }> => {
  const start = performance.now();
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  const literal = isIP(bare);
  const want = choice.ipProtocol ?? "auto";
  if (literal !== 0) {
    if ((want === "ip4" && literal === 6) || (want === "ip6" && literal === 4))
      throw new ProbeFailure("config", `${bare} is not an ${want} address`);
    return { address: bare, family: literal === 6 ? 6 : 4, seconds: 0 };
  }
  if (bare === "") throw new ProbeFailure("config", "empty host");
  let all: ReadonlyArray<{ address: string; family: number }>;
  try {
    all = await abortable(lookup(bare, { all: true, verbatim: true }), signal);
  } catch (e) {
    if (e instanceof ProbeFailure) throw e;
    const reason = classifyError(e);
    throw new ProbeFailure(reason === "error" ? "dns" : reason, `resolving ${bare}: ${describeError(e)}`);
  }
  const seconds = secondsSince(start);
  const preferred = want === "auto" ? (choice.preferredIpProtocol ?? "ip4") : want;
  const first = preferred === "ip6" ? 6 : 4;
  const hit = all.find((a) => a.family === first) ?? (want === "auto" ? all[0] : undefined);
  if (hit === undefined) throw new ProbeFailure("dns", `${bare} has no ${want} address`);
  return { address: hit.address, family: hit.family === 6 ? 6 : 4, seconds };
};

/**
 * Splits `host:port` / `[v6]:port`; rejects with `config` when the port is missing or invalid.
 *
 * @since 0.1.0
 * @category utils
 */
export const splitHostPort = (target: string): { readonly host: string; readonly port: number } => {
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(target) ?? /^([^:[\]]+):(\d+)$/.exec(target);
  if (m === null) throw new ProbeFailure("config", `target ${JSON.stringify(target)} is not host:port`);
  const port = Number(m[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new ProbeFailure("config", `port ${m[2]} out of range 1..65535`);
  return { host: m[1]!, port };
};
