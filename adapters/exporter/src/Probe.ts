/**
 * What `/probe` needs besides the probes package: the time budget (blackbox_exporter's rule for
 * `X-Prometheus-Scrape-Timeout-Seconds`), a bounded concurrency limiter, and the probe result as
 * text exposition. The probing itself is `@fleetlens/probes`' `resolveModule` and `runModule`,
 * the same the `fleetlens probe` command uses.
 *
 * @since 0.1.0
 * @module
 */
import { exposition, type ProbeResult, type Sample } from "@fleetlens/core/lite";

/**
 * The probe's time budget in ms, as blackbox_exporter computes it: the scrape timeout (header,
 * seconds) less `offsetSeconds`, or the module's own timeout when that is shorter; without the
 * header, the module's timeout. When the offset would leave nothing, the whole scrape timeout (or
 * the module's, if shorter), so the answer still comes before Prometheus gives up.
 * `moduleTimeoutMs` is the module's timeout, else the configured default.
 *
 * @example
 * ```ts
 * probeBudgetMs(10_000, 1.5, 0.5); // 1000
 * probeBudgetMs(2_000, 15, 0.5);   // 2000
 * probeBudgetMs(2_000, null, 0.5); // 2000
 * probeBudgetMs(10_000, 0.4, 0.5);  // 400
 * ```
 *
 * @since 0.1.0
 * @category budget
 */
export const probeBudgetMs = (
  moduleTimeoutMs: number,
  scrapeTimeoutSeconds: number | null,
  offsetSeconds: number,
): number => {
  if (scrapeTimeoutSeconds === null) return moduleTimeoutMs;
  const max = (scrapeTimeoutSeconds - offsetSeconds) * 1000;
  return max <= 0 ? Math.min(moduleTimeoutMs, scrapeTimeoutSeconds * 1000) : Math.min(moduleTimeoutMs, max);
};

/**
 * Reads `X-Prometheus-Scrape-Timeout-Seconds`: null when absent, a positive number, or an
 * `Error` saying what is wrong (the handler answers 400 with it, as blackbox does).
 *
 * @since 0.1.0
 * @category budget
 */
export const scrapeTimeoutSeconds = (header: string | undefined): number | null | Error => {
  if (header === undefined || header.trim() === "") return null;
  const v = Number(header.trim());
  if (!Number.isFinite(v) || v <= 0)
    return new Error(
      `Failed to parse timeout from Prometheus header: X-Prometheus-Scrape-Timeout-Seconds ${JSON.stringify(header)} is not a positive number`,
    );
  return v;
};

/**
 * Frees a slot taken from a {@link Limiter}; calling it again does nothing.
 *
 * @since 0.1.0
 * @category concurrency
 */
export type Release = () => void;

/**
 * At most `max` holders at once; up to `maxQueue` more wait in order, and past that
 * {@link Limiter.acquire} answers null at once (the handler's 503). A waiter whose signal aborts
 * (the client went away) leaves the queue.
 *
 * @since 0.1.0
 * @category concurrency
 */
export class Limiter {
  private active = 0;
  private readonly waiting: Array<{ readonly grant: () => void }> = [];

  constructor(
    readonly max: number,
    readonly maxQueue: number,
  ) {}

  /** Holders now. @since 0.1.0 */
  get running(): number {
    return this.active;
  }

  /** Waiters now. @since 0.1.0 */
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * A slot now, a promise of one once a holder releases, or null when the queue is full. The
   * promise rejects with the signal's reason if it aborts first.
   *
   * @since 0.1.0
   */
  acquire(signal?: AbortSignal): Promise<Release> | null {
    if (this.active < this.max) {
      this.active++;
      return Promise.resolve(this.releaser());
    }
    if (this.waiting.length >= this.maxQueue) return null;
    return new Promise<Release>((resolve, reject) => {
      const entry = {
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve(this.releaser());
        },
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(entry);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal?.reason);
      };
      if (signal?.aborted) return reject(signal.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  private releaser(): Release {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiting.shift();
      // The slot passes to the next waiter as it is: `active` stays the same.
      if (next !== undefined) next.grant();
      else this.active--;
    };
  }
}

const HELP: Readonly<Record<string, string>> = {
  probe_success: "Displays whether or not the probe was a success",
  probe_duration_seconds: "Returns how long the probe took to complete in seconds",
  probe_dns_lookup_time_seconds: "Returns the time taken for probe dns lookup in seconds",
  probe_ip_protocol: "Specifies whether probe ip protocol is IP4 or IP6",
  probe_http_status_code: "Response HTTP status code",
  probe_http_duration_seconds: "Duration of http request by phase, summed over all redirects",
  probe_http_content_length: "Length of http content response",
  probe_http_uncompressed_body_length: "Length of uncompressed response body",
  probe_http_redirects: "The number of redirects",
  probe_http_ssl: "Indicates if SSL was used for the final redirect",
  probe_http_version: "Returns the version of HTTP of the probe response",
  probe_http_last_modified_timestamp_seconds: "Returns the Last-Modified HTTP response header in unixtime",
  probe_failed_due_to_regex: "Indicates if probe failed due to regex",
  probe_ssl_earliest_cert_expiry: "Returns last SSL chain expiry in unixtime",
  probe_ssl_last_chain_expiry_timestamp_seconds: "Returns last SSL chain expiry in timestamp",
  probe_tls_version_info: "Returns the TLS version used or NaN when unknown",
  probe_tls_cipher_info: "Returns the TLS cipher negotiated during handshake",
  probe_icmp_duration_seconds: "Duration of icmp request by phase",
  probe_icmp_reply_hop_limit: "Replied packet hop limit (TTL for ipv4)",
};

/**
 * A probe result's metrics as exposition samples: help from blackbox_exporter where the name is
 * its, `counter` for names ending in `_total`, `gauge` otherwise.
 *
 * @since 0.1.0
 * @category exposition
 */
export const probeSamples = (result: ProbeResult): Sample[] =>
  result.metrics.map((m) => ({
    name: m.name,
    labels: m.labels,
    value: m.value,
    help: HELP[m.name] ?? `${m.name.replace(/_/g, " ")} (fleetlens probe metric).`,
    type: m.name.endsWith("_total") ? "counter" : "gauge",
  }));

/**
 * The `/probe` body: the result's metrics in the text exposition format.
 *
 * @since 0.1.0
 * @category exposition
 */
export const probeExposition = (result: ProbeResult): string => exposition(probeSamples(result));

/**
 * The `/probe?debug=true` body (plain text, as blackbox's debug output): the result with its
 * failure reason and message, the budget, the metrics that would have been returned, and the
 * module's settings.
 *
 * @since 0.1.0
 * @category exposition
 */
export const probeDebugText = (
  result: ProbeResult,
  module: { readonly name: string; readonly prober: string; readonly settings: unknown },
  budgetMs: number,
): string =>
  [
    `Probe of ${JSON.stringify(result.target)} with module ${JSON.stringify(module.name)} (${module.prober} prober), budget ${(budgetMs / 1000).toFixed(3)} s`,
    `Result: ${result.success ? "success" : `failure, reason ${result.failureReason ?? "unknown"}`}`,
    `Message: ${result.message ?? "(none)"}`,
    `Duration: ${result.durationSeconds.toFixed(6)} s`,
    "",
    "Metrics that would have been returned:",
    probeExposition(result).trimEnd(),
    "",
    "Module configuration:",
    JSON.stringify({ prober: module.prober, [module.prober]: module.settings }, null, 2),
    "",
  ].join("\n");
