/**
 * Notifiers (I/O): a generic webhook (POST JSON, bearer token, timeout, retries with backoff; the
 * token never appears in a message) and a log notifier (one JSON line to a stream). LINE Notify,
 * the thesis's channel, was shut down in 2025; chat bridges take the webhook.
 *
 * @since 0.1.0
 * @module
 */
import type { WebhookConfig } from "./Config.js";

/**
 * What a notification says: the alert, the class, the outcome, and the steps with their results.
 *
 * @since 0.1.0
 * @category models
 */
export interface Notification {
  readonly kind: "fleetlens.remedy";
  readonly outcome: string;
  readonly summary: string;
  readonly alert: {
    readonly fingerprint: string;
    readonly name: string;
    readonly status: string;
    readonly host: string | null;
    readonly severity: string | null;
    readonly source: string;
  };
  readonly class: string;
  readonly target: string | null;
  readonly steps: ReadonlyArray<{
    readonly id: string;
    readonly kind: string;
    readonly argv: readonly string[];
    readonly status: string;
    readonly exitCode: number | null;
    readonly output: string;
  }>;
}

/**
 * Sends a notification; rejects with an Error whose message names the notifier and the reason.
 *
 * @since 0.1.0
 * @category models
 */
export interface Notifier {
  readonly name: string;
  send(n: Notification): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The webhook notifier. Retries on network errors, timeouts, 429 and 5xx, with backoff
 * (0.5 s, 1 s, 2 s, …); other statuses fail at once.
 *
 * @since 0.1.0
 * @category notifiers
 */
export const webhookNotifier = (config: WebhookConfig, options: { backoffMs?: number } = {}): Notifier => {
  const redact = (text: string) =>
    config.token === undefined || config.token === "" ? text : text.replaceAll(config.token, "***");
  const where = redact(new URL(config.url).origin);
  return {
    name: `webhook ${where}`,
    send: async (n) => {
      const retries = config.retries ?? 3;
      let last = "";
      for (let attempt = 0; attempt <= retries; attempt++) {
        if (attempt > 0) await sleep((options.backoffMs ?? 500) * 2 ** (attempt - 1));
        try {
          const res = await fetch(config.url, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              ...(config.token === undefined ? {} : { authorization: `Bearer ${config.token}` }),
            },
            body: JSON.stringify(n),
            signal: AbortSignal.timeout(Math.round((config.timeoutSeconds ?? 10) * 1000)),
          });
          await res.arrayBuffer().catch(() => undefined);
          if (res.ok) return;
          last = `HTTP ${res.status}`;
          if (res.status !== 429 && res.status < 500) break;
        } catch (e) {
          const err = e as Error & { cause?: { code?: string } };
          last = err.name === "TimeoutError" ? "timed out" : (err.cause?.code ?? err.message);
        }
      }
      throw new Error(redact(`webhook ${where}: ${last}`));
    },
  };
};

/**
 * The log notifier: one JSON line per notification on `out`.
 *
 * @since 0.1.0
 * @category notifiers
 */
export const logNotifier = (out: { write(text: string): unknown }): Notifier => ({
  name: "log",
  send: async (n) => {
    out.write(`${JSON.stringify(n)}\n`);
  },
});
