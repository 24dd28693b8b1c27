/**
 * `fleetlens push` (declared in push.ts): the host prober's samples to an exporter's `POST
 * /ingest`. One push is `{host, ts, samples}` (the probe result's metrics shape, only the
 * `fleetlens_host_*` ones); a 5xx answer or a network error is retried with backoff, the same
 * body each time (the exporter keeps a re-sent push once). The token is read from a file and
 * appears in no message.
 */
import { readFile } from "node:fs/promises";
import { hostname } from "node:os";
import { Time, UsageError } from "@fleetlens/core";
import { resolveModule, runModule } from "@fleetlens/probes";
import { Result } from "effect";
import { flag, type Io, type Parsed, str } from "../framework.js";

/** How one push ended. */
type Outcome =
  | { readonly kind: "ok"; readonly samples: number; readonly duplicate: boolean }
  | { readonly kind: "auth"; readonly status: number; readonly message: string }
  | { readonly kind: "rejected"; readonly status: number; readonly message: string }
  | { readonly kind: "unreachable"; readonly message: string };

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(() => {
      signal.removeEventListener("abort", done);
      resolve();
    }, ms);
    const done = () => {
      clearTimeout(t);
      resolve();
    };
    signal.addEventListener("abort", done, { once: true });
  });

/** `URL` as given when it ends in /ingest, else with /ingest added. */
const ingestUrl = (text: string): URL => {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new UsageError({
      reason: `push: --url must be an http(s) URL, e.g. http://127.0.0.1:9464 (got "${text}")`,
    });
  }
  if (u.protocol !== "http:" && u.protocol !== "https:")
    throw new UsageError({ reason: `push: --url must be an http(s) URL (got "${text}")` });
  if (!u.pathname.replace(/\/+$/, "").endsWith("/ingest"))
    u.pathname = `${u.pathname.replace(/\/+$/, "")}/ingest`;
  return u;
};

/** The host prober's samples, as one push body. */
const measure = async (host: string, timeoutMs: number) => {
  const module = resolveModule("host", {});
  if (Result.isFailure(module)) throw new Error(module.failure.message);
  const result = await runModule(module.success, "/", { timeoutMs });
  return {
    host,
    ts: Date.now() / 1000,
    samples: result.metrics.filter((m) => m.name.startsWith("fleetlens_host_")),
  };
};

/** One POST; the exporter's first answer line (never the token) on failure. */
const post = async (url: URL, token: string, body: string): Promise<Outcome> => {
  let r: Response;
  try {
    r = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body,
      signal: AbortSignal.timeout(30_000),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    return { kind: "unreachable", message: cause?.code ?? cause?.message ?? (e as Error).message };
  }
  const text = (await r.text().catch(() => "")).split("\n")[0]!.slice(0, 300).replaceAll(token, "***");
  if (r.status === 202 || r.status === 200 || r.status === 204) {
    let duplicate = false;
    let samples = 0;
    try {
      const j = JSON.parse(text) as { duplicate?: boolean; samples?: number };
      duplicate = j.duplicate === true;
      samples = j.samples ?? 0;
    } catch {
      // 204 or a body we do not read: accepted all the same.
    }
    return { kind: "ok", samples, duplicate };
  }
  if (r.status === 401 || r.status === 403) return { kind: "auth", status: r.status, message: text };
  if (r.status >= 500) return { kind: "unreachable", message: `HTTP ${r.status} ${text}`.trim() };
  return { kind: "rejected", status: r.status, message: text };
};

/** `fleetlens push` (declared in push.ts). */
export const run = async (args: Parsed, io: Io): Promise<number> => {
  const urlText = str(args, "url");
  if (urlText === undefined) throw new UsageError({ reason: "push: --url URL is required" });
  const tokenFile = str(args, "token-file");
  if (tokenFile === undefined) throw new UsageError({ reason: "push: --token-file FILE is required" });
  const url = ingestUrl(urlText);
  const intervalText = str(args, "interval") ?? "60s";
  const intervalMs = Time.parseDuration(intervalText);
  if (!(Number.isFinite(intervalMs) && intervalMs >= 1000))
    throw new UsageError({
      reason: `push: --interval must be a duration of at least 1s (got "${intervalText}")`,
    });
  const retriesText = str(args, "retries") ?? "3";
  const retries = Number(retriesText);
  if (!(Number.isInteger(retries) && retries >= 0 && retries <= 100))
    throw new UsageError({
      reason: `push: --retries must be a whole number from 0 to 100 (got "${retriesText}")`,
    });
  const host = str(args, "host") ?? hostname();
  const once = flag(args, "once");
  let token: string;
  try {
    token = (await readFile(tokenFile, "utf8")).trim();
  } catch (e) {
    io.stderr.write(
      `fleetlens: push: cannot read the token file ${tokenFile}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`,
    );
    return 2;
  }
  if (token === "" || /\s/.test(token)) {
    io.stderr.write(`fleetlens: push: the token file ${tokenFile} must hold one token\n`);
    return 2;
  }
  const where = `${url.origin}${url.pathname}`;
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  if (!once) {
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  }

  /** One push with its retries: the outcome of the last try. */
  const pushOnce = async (): Promise<Outcome> => {
    const body = JSON.stringify(await measure(host, Math.min(10_000, intervalMs)));
    let outcome = await post(url, token, body);
    for (let i = 0; i < retries && outcome.kind === "unreachable" && !stop.signal.aborted; i++) {
      await sleep(Math.min(30_000, 1000 * 2 ** i), stop.signal);
      if (stop.signal.aborted) break;
      outcome = await post(url, token, body);
    }
    return outcome;
  };

  try {
    for (;;) {
      const started = Date.now();
      const outcome = await pushOnce();
      switch (outcome.kind) {
        case "ok":
          if (once) return 0;
          break;
        case "auth":
          io.stderr.write(
            `fleetlens: push: ${where} answered ${outcome.status} for host ${host}: ${outcome.message} (check the token file and the exporter's ingest.agents)\n`,
          );
          return 2;
        case "rejected":
          io.stderr.write(`fleetlens: push: ${where} answered ${outcome.status}: ${outcome.message}\n`);
          if (once) return 1;
          break;
        case "unreachable":
          io.stderr.write(`fleetlens: push: cannot reach ${where}: ${outcome.message}\n`);
          if (once) return 1;
          break;
      }
      if (stop.signal.aborted) return 0;
      await sleep(Math.max(0, intervalMs - (Date.now() - started)), stop.signal);
      if (stop.signal.aborted) return 0;
    }
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
};
