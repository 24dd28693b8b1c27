/**
 * The Express app and its server: `/probe` (blackbox_exporter's contract), `/metrics` (the
 * exporter's own metrics, Node's process metrics and the licence usage of the configured apps)
 * and `/healthz`. Routes only wire: modules come from `@fleetlens/probes`, licence samples from
 * `@fleetlens/core`, the budget and limiter from ./Probe.ts.
 *
 * @since 0.1.0
 * @module
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ProbeResult } from "@fleetlens/core/lite";
import { exposition } from "@fleetlens/core/lite";
import { type ResolvedModule, type RunProbeOptions, resolveModule, runModule } from "@fleetlens/probes";
import { Result } from "effect";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";
import { type Alerts, type AlertsDeps, mountAlerts } from "./Alerts.js";
import type { ExporterConfig } from "./Config.js";
import { mountDashboard } from "./Dashboard.js";
import { type Ingest, mountIngest } from "./Ingest.js";
import { LicenceSources } from "./LicenceSource.js";
import { Limiter, probeBudgetMs, probeDebugText, probeExposition, scrapeTimeoutSeconds } from "./Probe.js";

/**
 * The text exposition content type (format 0.0.4), for `/probe` and `/metrics`.
 *
 * @since 0.1.0
 * @category constants
 */
export const EXPOSITION_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

/**
 * Runs one probe; the default is `@fleetlens/probes`' `runModule`. Tests may inject another.
 *
 * @since 0.1.0
 * @category models
 */
export type Prober = (
  module: ResolvedModule,
  target: string,
  options: Omit<RunProbeOptions, "moduleName">,
) => Promise<ProbeResult>;

/**
 * What {@link createApp} can be given besides the configuration.
 *
 * @since 0.1.0
 * @category models
 */
export interface AppDeps {
  /** Runs a probe (default `runModule`). */
  readonly prober?: Prober | undefined;
  /** A monotonic clock in ms (default `performance.now`). */
  readonly now?: (() => number) | undefined;
  /** Collect Node's default process metrics (`process_*`, `nodejs_*`). Default true. */
  readonly processMetrics?: boolean | undefined;
  /** The wall clock in ms since the epoch (default `Date.now`): push skew, staleness, retention. */
  readonly clock?: (() => number) | undefined;
  /** `POST /alerts`: the executor, the log stream and the shutdown bound (for tests). */
  readonly alerts?: AlertsDeps | undefined;
}

/**
 * The app with what its handlers share, for tests and embedders.
 *
 * @since 0.1.0
 * @category models
 */
export interface ExporterApp {
  readonly app: Express;
  readonly limiter: Limiter;
  readonly registry: Registry;
  readonly licence: LicenceSources;
  /** Agent pushes, when `ingest.agents` is not empty. */
  readonly ingest: Ingest | null;
  /** Alert webhooks into remedy, when `alerts:` is configured. */
  readonly alerts: Alerts | null;
  /** Stops the retention timer and closes the ingest database. */
  close(): void;
}

/** prom-client default metrics that are gauges named `_total` (not valid Prometheus style). */
const LINT_FAILING_DEFAULTS = [
  "nodejs_active_handles_total",
  "nodejs_active_requests_total",
  "nodejs_active_resources_total",
] as const;

/** The extra ms a probe that ignores its abort signal gets before it is cut off. */
const GRACE_MS = 200;

const text = (res: Response, status: number, body: string): void => {
  res
    .status(status)
    .type("text/plain; charset=utf-8")
    .send(body.endsWith("\n") ? body : `${body}\n`);
};

/**
 * Builds the Express app for `config` (see the package README for the routes). The app holds the
 * licence sources' state between scrapes and, with ingest agents configured, the open ingest
 * database: build one per server, and `close()` it when done.
 *
 * @since 0.1.0
 * @category constructors
 */
export const createExporter = (config: ExporterConfig, deps: AppDeps = {}): ExporterApp => {
  const prober: Prober = deps.prober ?? runModule;
  const now = deps.now ?? (() => performance.now());
  const limiter = new Limiter(config.probe.maxConcurrency, config.probe.maxQueue);
  const licence = new LicenceSources(config.licence);
  const registry = new Registry();
  if (deps.processMetrics ?? true) {
    collectDefaultMetrics({ register: registry });
    // Gauges whose names end in _total: promtool check metrics rejects them (the per-type
    // nodejs_active_handles, nodejs_active_requests and nodejs_active_resources gauges stay).
    for (const name of LINT_FAILING_DEFAULTS) registry.removeSingleMetric(name);
  }
  const probes = new Counter({
    name: "fleetlens_exporter_probes_total",
    help: "Probes answered by /probe, by module and result (success or failure).",
    labelNames: ["module", "result"] as const,
    registers: [registry],
  });
  const rejected = new Counter({
    name: "fleetlens_exporter_probes_rejected_total",
    help: "Probe requests answered 503 because maxConcurrency probes ran and maxQueue waited.",
    registers: [registry],
  });
  const duration = new Histogram({
    name: "fleetlens_exporter_probe_duration_seconds",
    help: "How long probes answered by /probe took, by module.",
    labelNames: ["module"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });

  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);

  app.get("/healthz", (_req, res) => text(res, 200, "ok"));

  app.get("/probe", async (req: Request, res: Response) => {
    const start = now();
    const params = new URL(req.originalUrl, "http://localhost").searchParams;
    const target = params.get("target") ?? "";
    if (target === "") return text(res, 400, "Target parameter is missing");
    if (target.length > config.limits.maxTargetLength)
      return text(
        res,
        400,
        `Target parameter is longer than ${config.limits.maxTargetLength} characters (limits.maxTargetLength)`,
      );
    const moduleName = params.get("module") || "http_2xx";
    const resolved = resolveModule(moduleName, { modules: config.modules });
    if (Result.isFailure(resolved)) {
      const e = resolved.failure;
      return text(res, 400, e.message);
    }
    const module = resolved.success;
    const scrape = scrapeTimeoutSeconds(req.get("X-Prometheus-Scrape-Timeout-Seconds"));
    if (scrape instanceof Error) return text(res, 400, scrape.message);
    const budgetMs = probeBudgetMs(
      module.timeoutMs ?? config.probe.defaultTimeoutMs,
      scrape,
      config.probe.timeoutOffsetSeconds,
    );
    const debug = params.get("debug") === "true";

    // A probe never outlives its request: the client going away aborts it (or its wait).
    const ac = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) ac.abort(new Error("client closed the connection"));
    });
    const slot = limiter.acquire(ac.signal);
    if (slot === null) {
      rejected.inc();
      res.set("Retry-After", "1");
      return text(
        res,
        503,
        `Too many probes: ${limiter.max} running and ${limiter.maxQueue} waiting (probe.maxConcurrency, probe.maxQueue)`,
      );
    }
    let release: () => void;
    try {
      release = await slot;
    } catch {
      return; // the client went away while waiting
    }
    let result: ProbeResult;
    try {
      const left = budgetMs - (now() - start);
      result =
        left <= 0
          ? {
              module: module.name,
              target,
              success: false,
              durationSeconds: 0,
              failureReason: "timeout",
              message: `the ${(budgetMs / 1000).toFixed(3)} s budget ran out while waiting for a probe slot`,
              metrics: [
                { name: "probe_success", labels: {}, value: 0 },
                { name: "probe_duration_seconds", labels: {}, value: 0 },
              ],
            }
          : await prober(module, target, { timeoutMs: left, signal: ac.signal, graceMs: GRACE_MS });
    } finally {
      release();
    }
    if (ac.signal.aborted) return;
    probes.inc({ module: module.name, result: result.success ? "success" : "failure" });
    duration.observe({ module: module.name }, result.durationSeconds);
    if (debug) return text(res, 200, probeDebugText(result, module, budgetMs));
    res.status(200).type(EXPOSITION_CONTENT_TYPE).send(probeExposition(result));
  });

  const ingest =
    config.ingest.agents.length === 0
      ? null
      : mountIngest(app, config.ingest, registry, deps.clock ?? (() => Date.now()));

  const alerts =
    config.alerts === null
      ? null
      : mountAlerts(
          app,
          config.alerts,
          config.ingest.readToken,
          registry,
          deps.clock ?? (() => Date.now()),
          deps.alerts,
        );

  mountDashboard(app, { config, licence, ingest, clock: deps.clock ?? (() => Date.now()) });

  app.get("/metrics", async (_req: Request, res: Response) => {
    const own = await registry.metrics();
    const samples = await licence.collect();
    const body = `${own.endsWith("\n") || own === "" ? own : `${own}\n`}${exposition(samples)}${ingest?.exposition() ?? ""}`;
    res.status(200).type(EXPOSITION_CONTENT_TYPE).send(body);
  });

  app.use((req: Request, res: Response) => text(res, 404, `Not found: ${req.method} ${req.path}`));
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return;
    text(res, 500, `Internal error: ${err instanceof Error ? err.message : String(err)}`);
  });

  return {
    app,
    limiter,
    registry,
    licence,
    ingest,
    alerts,
    close: () => {
      void alerts?.close();
      ingest?.close();
    },
  };
};

/**
 * The Express app for `config`: `GET /probe`, `GET /metrics`, `GET /healthz`; anything else 404.
 *
 * @since 0.1.0
 * @category constructors
 */
export const createApp = (config: ExporterConfig, deps: AppDeps = {}): Express =>
  createExporter(config, deps).app;

/**
 * A running exporter: its base URL, the bound address, and `close` (stops listening, ends open
 * connections and so their probes, closes the ingest database).
 *
 * @since 0.1.0
 * @category models
 */
export interface Serving {
  readonly url: string;
  readonly address: AddressInfo;
  readonly server: Server;
  readonly exporter: ExporterApp;
  close(): Promise<void>;
}

/**
 * Listens on `config.listen` (127.0.0.1:9464 unless configured; port 0 picks a free one) and
 * resolves once listening; rejects when the address cannot be bound (EADDRINUSE, EACCES).
 *
 * @example
 * ```ts
 * const s = await serve(decodeExporterConfig({ listen: { port: 0 } }));
 * await fetch(`${s.url}/healthz`); // 200 "ok"
 * await s.close();
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const serve = (config: ExporterConfig, deps: AppDeps = {}): Promise<Serving> => {
  const exporter = createExporter(config, deps);
  const server = createServer(exporter.app);
  return new Promise<Serving>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.listen.port, config.listen.host, () => {
      server.off("error", reject);
      const address = server.address() as AddressInfo;
      const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${host}:${address.port}`,
        address,
        server,
        exporter,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => {
              // queued alerts are dropped, running plans get alerts.close()'s bound
              void (exporter.alerts?.close() ?? Promise.resolve()).then(() => {
                exporter.close();
                done();
              });
            });
            server.closeAllConnections();
          }),
      });
    });
  });
};
