/**
 * @fleetlens/exporter: the Express app behind `fleetlens serve --config FILE`. `GET /probe`
 * answers blackbox_exporter's contract with `@fleetlens/probes`' modules; `GET /metrics` exposes
 * the exporter's own metrics, Node's process metrics and, per configured licence app, the usage
 * samples core computes from FlexLM logs read incrementally (and from `lmstat -a` output);
 * `POST /ingest` takes agents' pushes (`fleetlens push`, a bearer token per agent) into SQLite,
 * exposed on `/metrics` and `GET /api/hosts`; `POST /alerts` takes Alertmanager and Grafana
 * webhooks into `@fleetlens/remedy` (classify, plan, repair over SSH, notify) after answering 202,
 * listed on `GET /api/alerts`; `GET /healthz` answers `ok`. Binds 127.0.0.1 unless configured otherwise.
 *
 * @since 0.1.0
 * @module
 */

export { type Alerts, type AlertsDeps, alertTokenName, type HandledAlert, mountAlerts } from "./Alerts.js";
export {
  type AppDeps,
  createApp,
  createExporter,
  EXPOSITION_CONTENT_TYPE,
  type ExporterApp,
  type Prober,
  type Serving,
  serve,
} from "./App.js";
export {
  type AlertsConfig,
  type DashboardConfig,
  DEFAULTS,
  decodeExporterConfig,
  type ExporterConfig,
  ExporterConfigInput,
  HostName,
  type IngestAgent,
  type IngestConfig,
  type LicenceAppConfig,
  loadExporterConfig,
} from "./Config.js";
export {
  DASHBOARD_CSP,
  type DashboardDeps,
  escapeHtml,
  formatAge,
  type HostSummary,
  hostSummary,
  type LicenceAppView,
  type LicenceFeatureView,
  licenceView,
  mountDashboard,
} from "./Dashboard.js";
export {
  agentOfToken,
  checkPush,
  type HistoryRow,
  type HostPush,
  type Ingest,
  IngestStore,
  mountIngest,
  PushPayload,
  type StoredSample,
} from "./Ingest.js";
export { LicenceSource, LicenceSources } from "./LicenceSource.js";
export {
  Limiter,
  probeBudgetMs,
  probeDebugText,
  probeExposition,
  probeSamples,
  type Release,
  scrapeTimeoutSeconds,
} from "./Probe.js";
export { loadYamlFile } from "./YamlFile.js";
