/**
 * @fleetlens/exporter: the Express app behind `fleetlens serve --config FILE`. `GET /probe`
 * answers blackbox_exporter's contract with `@fleetlens/probes`' modules; `GET /metrics` exposes
 * the exporter's own metrics, Node's process metrics and, per configured licence app, the usage
 * samples core computes from FlexLM logs read incrementally (and from `lmstat -a` output);
 * `GET /healthz` answers `ok`. Binds 127.0.0.1 unless configured otherwise.
 *
 * @since 0.1.0
 * @module
 */
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
  DEFAULTS,
  decodeExporterConfig,
  type ExporterConfig,
  ExporterConfigInput,
  type LicenceAppConfig,
  loadExporterConfig,
} from "./Config.js";
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
