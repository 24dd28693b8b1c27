/**
 * `fleetlens serve`: the declaration (arguments, help). The implementation is in serve.impl.ts,
 * loaded only when the verb runs (the exporter, Express and prom-client are not loaded at start).
 */
import { defineCommand } from "../framework.js";

export const serveCommand = defineCommand({
  name: "serve",
  summary: "Run the exporter: a dashboard, /probe (blackbox style), /metrics, /ingest, /alerts, /healthz.",
  description:
    "Serves, until SIGINT or SIGTERM, GET / (a dashboard: pushing hosts with sparklines, licence use, a probe form; `dashboard: {enabled: false}` turns it off) and GET /api/licence, GET /probe?target=T&module=M (blackbox_exporter's contract: the built-in modules and the config's modules:, the budget from X-Prometheus-Scrape-Timeout-Seconds), GET /metrics (the exporter's own metrics, process metrics, and per configured licence app the usage from its FlexLM logs, read incrementally, and lmstat output; with ingest agents configured, each pushing host's latest samples), GET /healthz, and with `ingest: {agents: [{name, token}]}` POST /ingest (agent pushes from `fleetlens push`, a bearer token per agent, kept in SQLite with retention) and GET /api/hosts[/:host/history], and with `alerts: {tokens: [{name, token}], remedy: {...}}` POST /alerts (Alertmanager v4 and Grafana webhooks, a bearer token; answered 202 at once, then each alert is classified, planned, repaired over SSH as `fleetlens remedy run` would, dry runs unless enabled, and notified; re-sends within alerts.dedupeWindow are not planned again) and GET /api/alerts. Binds 127.0.0.1:9464 unless the config or --listen says otherwise. A bad config exits 2 naming the field.",
  options: {
    config: {
      type: "string",
      valueName: "FILE",
      description:
        "YAML: {listen: {host, port}, modules: {NAME: {prober, timeout, <prober>: settings}}, probe: {maxConcurrency, maxQueue, defaultTimeout, timeoutOffsetSeconds}, limits: {maxTargetLength}, licence: [{app, logs, lmstat, licenseFiles, zone}], ingest: {agents, readToken, ...}, alerts: {token | tokens: [{name, token}], remedy: (remedy's config), maxBodyBytes, dedupeWindow, queue: {maxPending, concurrency}, recent}}.",
    },
    listen: {
      type: "string",
      valueName: "HOST:PORT",
      description: "Address to listen on, over the config's listen: (e.g. 127.0.0.1:9464, [::1]:9464).",
    },
  },
  examples: [
    "fleetlens serve --config exporter.yaml",
    "fleetlens serve --config exporter.yaml --listen 127.0.0.1:9115",
  ],
  run: (args, io) => import("./serve.impl.js").then((m) => m.run(args, io)),
});
