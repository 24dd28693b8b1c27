/**
 * The exporter's configuration: one YAML file, decoded with effect Schema (DESIGN.md §6). Every
 * problem is one `ConfigError` naming the path (`listen.port`, `licence[1].logs[0]`) and what was
 * expected; `${ENV}` references are filled in from the environment as core's `interpolateEnv`
 * does; unknown keys are errors (a typo is not silently ignored).
 *
 * ```yaml
 * listen: { host: 127.0.0.1, port: 9464 }
 * modules:                       # blackbox_exporter's shape; wins over a built-in of the same name
 *   http_fast: { prober: http, timeout: 2s, http: { valid_status_codes: [200, 204] } }
 * probe: { maxConcurrency: 16, maxQueue: 64, defaultTimeout: 10s, timeoutOffsetSeconds: 0.5 }
 * limits: { maxTargetLength: 2048 }
 * licence:
 *   - app: matlab
 *     logs: [/usr/local/flexlm/matlab.log]
 *     lmstat: /var/lib/fleetlens/lmstat-matlab.txt
 *     licenseFiles: [/usr/local/flexlm/license.dat]
 *     zone: "+01:00"
 * ingest:                        # agent pushes (POST /ingest); off without agents
 *   agents: [{ name: web1, token: "${WEB1_TOKEN}" }]
 *   retentionDays: 10
 * alerts:                        # POST /alerts (alert webhooks -> remedy); off without it
 *   tokens: [{ name: alertmanager, token: "${ALERT_TOKEN}" }]
 *   remedy: { ssh: { user: root, privateKey: /etc/fleetlens/id_ed25519, knownHosts: /etc/fleetlens/known_hosts } }
 *   dedupeWindow: 10m
 *   dedupeMax: 10000
 *   queue: { maxPending: 100, concurrency: 2 }
 * ```
 *
 * @since 0.1.0
 * @module
 */
import { dirname, isAbsolute, resolve } from "node:path";
import { ConfigError, decodeConfig, Time } from "@fleetlens/core";
import { decodeModules, formatSettingsPath, type ModuleMap } from "@fleetlens/probes";
import { decodeRemedyConfig, type RemedyConfig } from "@fleetlens/remedy";
import { Result, Schema } from "effect";
import { loadYamlFile } from "./YamlFile.js";

const Duration = Schema.String.check(
  Schema.makeFilter((s: string) => {
    const ms = Time.parseDuration(s);
    return (Number.isFinite(ms) && ms > 0) || "a duration like 5s or 1500ms";
  }),
);

const NonEmpty = Schema.String.check(
  Schema.makeFilter((s: string) => s.trim() !== "" || "a text that is not empty"),
);

const ZoneName = Schema.String.check(
  Schema.makeFilter((s: string) => {
    try {
      Time.zone(s);
      return true;
    } catch {
      return "a zone: UTC or an offset like +01:00";
    }
  }),
);

/** An agent's name: a label value kept to a safe alphabet (`-` alone marks a push with no agent). */
const AgentName = Schema.String.check(
  Schema.makeFilter(
    (s: string) =>
      /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/.test(s) || "a name of letters, digits, _ . - (up to 128)",
  ),
);

/**
 * A host name as agents push it: letters, digits, `_ . -` and `:`, up to 253 characters.
 *
 * @since 0.1.0
 * @category schemas
 */
export const HostName = Schema.String.check(
  Schema.makeFilter(
    (s: string) =>
      /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,252}$/.test(s) || "a host name of letters, digits, _ . : - (up to 253)",
  ),
);

const int = (minimum: number, maximum: number) => Schema.Int.check(Schema.isBetween({ minimum, maximum }));

/**
 * The configuration as written (YAML read into plain data), every key optional.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ExporterConfigInput = Schema.Struct({
  listen: Schema.optionalKey(
    Schema.Struct({
      host: Schema.optionalKey(NonEmpty),
      port: Schema.optionalKey(int(0, 65535)),
    }),
  ),
  modules: Schema.optionalKey(Schema.Unknown),
  probe: Schema.optionalKey(
    Schema.Struct({
      maxConcurrency: Schema.optionalKey(int(1, 4096)),
      maxQueue: Schema.optionalKey(int(0, 1_000_000)),
      defaultTimeout: Schema.optionalKey(Duration),
      timeoutOffsetSeconds: Schema.optionalKey(
        Schema.Finite.check(Schema.isBetween({ minimum: 0, maximum: 60 })),
      ),
    }),
  ),
  limits: Schema.optionalKey(
    Schema.Struct({
      maxTargetLength: Schema.optionalKey(int(1, 65_536)),
    }),
  ),
  licence: Schema.optionalKey(
    Schema.Array(
      Schema.Struct({
        app: NonEmpty,
        logs: Schema.Array(NonEmpty),
        lmstat: Schema.optionalKey(NonEmpty),
        licenseFiles: Schema.optionalKey(Schema.Array(NonEmpty)),
        zone: Schema.optionalKey(ZoneName),
      }),
    ),
  ),
  ingest: Schema.optionalKey(
    Schema.Struct({
      // Tokens are plain strings here: their length is checked apart, so no message shows one.
      agents: Schema.optionalKey(
        Schema.Array(
          Schema.Struct({
            name: AgentName,
            token: Schema.String,
            hosts: Schema.optionalKey(Schema.Array(HostName)),
          }),
        ),
      ),
      readToken: Schema.optionalKey(Schema.String),
      db: Schema.optionalKey(NonEmpty),
      retentionDays: Schema.optionalKey(
        Schema.Finite.check(Schema.isBetween({ minimum: 0.001, maximum: 36_500 })),
      ),
      pruneInterval: Schema.optionalKey(Duration),
      maxBodyBytes: Schema.optionalKey(int(256, 1 << 30)),
      maxSamplesPerPush: Schema.optionalKey(int(1, 1_000_000)),
      maxClockSkewSeconds: Schema.optionalKey(
        Schema.Finite.check(Schema.isBetween({ minimum: 0, maximum: 86_400 })),
      ),
      interval: Schema.optionalKey(Duration),
      staleAfterIntervals: Schema.optionalKey(
        Schema.Finite.check(Schema.isBetween({ minimum: 1, maximum: 1000 })),
      ),
      maxHistoryRows: Schema.optionalKey(int(1, 10_000_000)),
    }),
  ),
  dashboard: Schema.optionalKey(
    Schema.Struct({
      enabled: Schema.optionalKey(Schema.Boolean),
      refreshSeconds: Schema.optionalKey(int(1, 86_400)),
    }),
  ),
  alerts: Schema.optionalKey(
    Schema.Struct({
      // Tokens are plain strings here: their length is checked apart, so no message shows one.
      token: Schema.optionalKey(Schema.String),
      tokens: Schema.optionalKey(Schema.Array(Schema.Struct({ name: AgentName, token: Schema.String }))),
      // Decoded by @fleetlens/remedy's own decoder (the shape `fleetlens remedy --config` takes).
      remedy: Schema.optionalKey(Schema.Unknown),
      maxBodyBytes: Schema.optionalKey(int(256, 1 << 30)),
      dedupeWindow: Schema.optionalKey(Duration),
      dedupeMax: Schema.optionalKey(int(1, 10_000_000)),
      recent: Schema.optionalKey(int(1, 100_000)),
      queue: Schema.optionalKey(
        Schema.Struct({
          maxPending: Schema.optionalKey(int(1, 1_000_000)),
          concurrency: Schema.optionalKey(int(1, 256)),
        }),
      ),
    }),
  ),
});

/**
 * The configuration as written.
 *
 * @since 0.1.0
 * @category models
 */
export type ExporterConfigInput = typeof ExporterConfigInput.Type;

/**
 * One licence server to expose: its FlexLM debug logs (read incrementally), an optional
 * `lmstat -a` output file (re-read when it changes) and licence files (issued counts).
 *
 * @since 0.1.0
 * @category models
 */
export interface LicenceAppConfig {
  /** flexlm_exporter's `app` label. */
  readonly app: string;
  readonly logs: ReadonlyArray<string>;
  readonly lmstat: string | null;
  readonly licenseFiles: ReadonlyArray<string>;
  /** Zone of the logs' wall clock (default UTC). */
  readonly zone: string | null;
}

/**
 * The configuration with every default filled in: what {@link createApp} and {@link serve} take.
 *
 * @since 0.1.0
 * @category models
 */
export interface ExporterConfig {
  readonly listen: { readonly host: string; readonly port: number };
  /** User modules (blackbox's `modules:`), looked up before the built-ins. */
  readonly modules: ModuleMap;
  readonly probe: {
    /** Probes running at once. */
    readonly maxConcurrency: number;
    /** Probes waiting for a slot; past it /probe answers 503. */
    readonly maxQueue: number;
    /** Budget of a module without a timeout of its own. */
    readonly defaultTimeoutMs: number;
    /** Taken off `X-Prometheus-Scrape-Timeout-Seconds`, as blackbox's `--timeout-offset`. */
    readonly timeoutOffsetSeconds: number;
  };
  readonly limits: { readonly maxTargetLength: number };
  readonly licence: ReadonlyArray<LicenceAppConfig>;
  /** Agent pushes; `agents` empty means `POST /ingest` and `/api/*` answer 404. */
  readonly ingest: IngestConfig;
  /** `GET /` (the dashboard); `enabled: false` makes it 404. */
  readonly dashboard: DashboardConfig;
  /** Alert webhooks into remedy; null (no `alerts:`) means `POST /alerts` and `/api/alerts` answer 404. */
  readonly alerts: AlertsConfig | null;
}

/**
 * `POST /alerts` with every default filled in: the bearer tokens (`token:` alone is one named
 * `default`), remedy's configuration, the body limit, the re-send window, the queue and how many
 * handled alerts `GET /api/alerts` keeps.
 *
 * @since 0.1.0
 * @category models
 */
export interface AlertsConfig {
  readonly tokens: ReadonlyArray<{ readonly name: string; readonly token: string }>;
  readonly remedy: RemedyConfig;
  readonly maxBodyBytes: number;
  readonly dedupeWindowMs: number;
  /** Alerts remembered for de-duplication at the most (the oldest are forgotten first). */
  readonly dedupeMax: number;
  /** Alerts waiting for a worker; past it `POST /alerts` answers 503. */
  readonly maxPending: number;
  /** Alerts planned and run at once. */
  readonly concurrency: number;
  /** Handled alerts kept for `GET /api/alerts`. */
  readonly recent: number;
}

/**
 * One pushing agent: its name (the `agent` label), its bearer token, and the host names it may
 * push for (default: its own name).
 *
 * @since 0.1.0
 * @category models
 */
export interface IngestAgent {
  readonly name: string;
  readonly token: string;
  readonly hosts: ReadonlyArray<string>;
}

/**
 * The dashboard (`GET /`): on unless `enabled: false`; its script refreshes the tables every
 * `refreshSeconds`.
 *
 * @since 0.1.0
 * @category models
 */
export interface DashboardConfig {
  readonly enabled: boolean;
  readonly refreshSeconds: number;
}

/**
 * `POST /ingest` and the read API with every default filled in.
 *
 * @since 0.1.0
 * @category models
 */
export interface IngestConfig {
  readonly agents: ReadonlyArray<IngestAgent>;
  /** A bearer token `/api/*` then requires; null: no token (the loopback bind protects it, as /metrics). */
  readonly readToken: string | null;
  /** The SQLite file (resolved against the config's directory). */
  readonly db: string;
  readonly retentionDays: number;
  /** How often old rows are deleted (also once at start). */
  readonly pruneIntervalMs: number;
  readonly maxBodyBytes: number;
  readonly maxSamplesPerPush: number;
  readonly maxClockSkewSeconds: number;
  /** The agents' push interval. */
  readonly intervalMs: number;
  /** A host with no push for this many intervals is stale: /metrics drops its samples. */
  readonly staleAfterIntervals: number;
  /** Rows a history answer holds at most. */
  readonly maxHistoryRows: number;
}

/**
 * The defaults: 127.0.0.1:9464, 16 probes at once with 64 waiting, 10 s per probe, a 0.5 s
 * offset, targets up to 2048 characters, no licence apps; for ingest `fleetlens-ingest.db`, 10 days
 * kept (pruned hourly), 256 KiB bodies, 10000 samples a push, 300 s of clock skew, a 60 s
 * interval with hosts stale after 3, 10000 history rows.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULTS = {
  host: "127.0.0.1",
  port: 9464,
  maxConcurrency: 16,
  maxQueue: 64,
  defaultTimeoutMs: 10_000,
  timeoutOffsetSeconds: 0.5,
  maxTargetLength: 2048,
  ingestDb: "fleetlens-ingest.db",
  retentionDays: 10,
  pruneIntervalMs: 3_600_000,
  maxBodyBytes: 256 * 1024,
  maxSamplesPerPush: 10_000,
  maxClockSkewSeconds: 300,
  ingestIntervalMs: 60_000,
  staleAfterIntervals: 3,
  maxHistoryRows: 10_000,
  dashboardRefreshSeconds: 30,
  alertsMaxBodyBytes: 1024 * 1024,
  dedupeWindowMs: 600_000,
  alertsMaxPending: 100,
  alertsConcurrency: 2,
  alertsRecent: 200,
  alertsDedupeMax: 10_000,
} as const;

/** Tokens shorter than this are refused: a bearer token is a password. */
const MIN_TOKEN_LENGTH = 16;

const KEYS: Readonly<Record<string, ReadonlyArray<string>>> = {
  "": ["listen", "modules", "probe", "limits", "licence", "ingest", "dashboard", "alerts"],
  ingest: [
    "agents",
    "readToken",
    "db",
    "retentionDays",
    "pruneInterval",
    "maxBodyBytes",
    "maxSamplesPerPush",
    "maxClockSkewSeconds",
    "interval",
    "staleAfterIntervals",
    "maxHistoryRows",
  ],
  agents: ["name", "token", "hosts"],
  dashboard: ["enabled", "refreshSeconds"],
  alerts: ["token", "tokens", "remedy", "maxBodyBytes", "dedupeWindow", "dedupeMax", "recent", "queue"],
  alertTokens: ["name", "token"],
  alertQueue: ["maxPending", "concurrency"],
  listen: ["host", "port"],
  probe: ["maxConcurrency", "maxQueue", "defaultTimeout", "timeoutOffsetSeconds"],
  limits: ["maxTargetLength"],
  licence: ["app", "logs", "lmstat", "licenseFiles", "zone"],
};

const isObject = (u: unknown): u is Record<string, unknown> =>
  typeof u === "object" && u !== null && !Array.isArray(u);

/** The first key that the schema does not know, as a ConfigError. */
const checkKeys = (input: unknown, file: string | undefined): void => {
  const at = (path: ReadonlyArray<string | number>, key: string, known: ReadonlyArray<string>) =>
    new ConfigError({
      ...(file === undefined ? {} : { file }),
      path: formatSettingsPath([...path, key]),
      expected: `one of the keys ${known.join(", ")}`,
    });
  const check = (value: unknown, path: ReadonlyArray<string | number>, known: ReadonlyArray<string>) => {
    if (!isObject(value)) return;
    for (const k of Object.keys(value)) if (!known.includes(k)) throw at(path, k, known);
  };
  check(input, [], KEYS[""]!);
  if (!isObject(input)) return;
  check(input.dashboard, ["dashboard"], KEYS.dashboard!);
  for (const k of ["listen", "probe", "limits", "ingest"]) check(input[k], [k], KEYS[k]!);
  const alerts = input.alerts;
  check(alerts, ["alerts"], KEYS.alerts!);
  if (isObject(alerts)) {
    check(alerts.queue, ["alerts", "queue"], KEYS.alertQueue!);
    if (Array.isArray(alerts.tokens))
      for (const [i, t] of alerts.tokens.entries()) check(t, ["alerts", "tokens", i], KEYS.alertTokens!);
  }
  const ingest = input.ingest;
  if (isObject(ingest) && Array.isArray(ingest.agents))
    for (const [i, a] of ingest.agents.entries()) check(a, ["ingest", "agents", i], KEYS.agents!);
  if (Array.isArray(input.licence))
    for (const [i, l] of input.licence.entries()) check(l, ["licence", i], KEYS.licence!);
};

/**
 * Decodes a configuration (YAML read into plain data; `null` or `undefined` is all defaults) and
 * fills in the defaults. Relative licence paths (and the ingest database) are resolved against `baseDir` (the config
 * file's directory) when given. Throws a `ConfigError` naming the path of the first problem.
 *
 * @example
 * ```ts
 * const config = decodeExporterConfig({ listen: { port: 0 }, probe: { maxConcurrency: 4 } });
 * config.listen.host; // "127.0.0.1"
 * decodeExporterConfig({ listen: { port: "x" } }); // throws ConfigError "listen.port: expected …"
 * ```
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeExporterConfig = (input: unknown, file?: string, baseDir?: string): ExporterConfig => {
  const raw = input === null || input === undefined ? {} : input;
  checkKeys(raw, file);
  const c = decodeConfig(ExporterConfigInput, raw, file);
  const modules = decodeModules(c.modules);
  if (Result.isFailure(modules))
    throw new ConfigError({
      ...(file === undefined ? {} : { file }),
      path: formatSettingsPath(["modules", ...modules.failure.path]),
      expected: modules.failure.expected,
    });
  const path = (p: string) => (baseDir === undefined || isAbsolute(p) ? p : resolve(baseDir, p));
  const apps = c.licence ?? [];
  apps.forEach((a, i) => {
    if (apps.findIndex((b) => b.app === a.app) !== i)
      throw new ConfigError({
        ...(file === undefined ? {} : { file }),
        path: formatSettingsPath(["licence", i, "app"]),
        expected: `an app name not used by another licence entry (${JSON.stringify(a.app)} is)`,
      });
  });
  const err = (p: ReadonlyArray<string | number>, expected: string) =>
    new ConfigError({ ...(file === undefined ? {} : { file }), path: formatSettingsPath(p), expected });
  const agents = c.ingest?.agents ?? [];
  agents.forEach((a, i) => {
    if (a.token.length < MIN_TOKEN_LENGTH)
      throw err(["ingest", "agents", i, "token"], `a token of at least ${MIN_TOKEN_LENGTH} characters`);
    if (agents.findIndex((b) => b.name === a.name) !== i)
      throw err(
        ["ingest", "agents", i, "name"],
        `a name not used by another agent (${JSON.stringify(a.name)} is)`,
      );
    if (agents.findIndex((b) => b.token === a.token) !== i)
      throw err(["ingest", "agents", i, "token"], "a token not used by another agent");
  });
  const readToken = c.ingest?.readToken;
  if (readToken !== undefined && readToken.length < MIN_TOKEN_LENGTH)
    throw err(["ingest", "readToken"], `a token of at least ${MIN_TOKEN_LENGTH} characters`);
  if (readToken !== undefined && agents.some((a) => a.token === readToken))
    throw err(["ingest", "readToken"], "a token no agent uses");
  const ms = (d: string | undefined, fallback: number) =>
    d === undefined ? fallback : Time.parseDuration(d);
  const alerts = c.alerts === undefined ? null : decodeAlerts(c.alerts, err, file);
  return {
    listen: { host: c.listen?.host ?? DEFAULTS.host, port: c.listen?.port ?? DEFAULTS.port },
    modules: modules.success,
    probe: {
      maxConcurrency: c.probe?.maxConcurrency ?? DEFAULTS.maxConcurrency,
      maxQueue: c.probe?.maxQueue ?? DEFAULTS.maxQueue,
      defaultTimeoutMs:
        c.probe?.defaultTimeout === undefined
          ? DEFAULTS.defaultTimeoutMs
          : Time.parseDuration(c.probe.defaultTimeout),
      timeoutOffsetSeconds: c.probe?.timeoutOffsetSeconds ?? DEFAULTS.timeoutOffsetSeconds,
    },
    limits: { maxTargetLength: c.limits?.maxTargetLength ?? DEFAULTS.maxTargetLength },
    licence: apps.map((a) => ({
      app: a.app,
      logs: a.logs.map(path),
      lmstat: a.lmstat === undefined ? null : path(a.lmstat),
      licenseFiles: (a.licenseFiles ?? []).map(path),
      zone: a.zone ?? null,
    })),
    ingest: {
      agents: agents.map((a) => ({ name: a.name, token: a.token, hosts: a.hosts ?? [a.name] })),
      readToken: readToken ?? null,
      db: c.ingest?.db === ":memory:" ? ":memory:" : path(c.ingest?.db ?? DEFAULTS.ingestDb),
      retentionDays: c.ingest?.retentionDays ?? DEFAULTS.retentionDays,
      pruneIntervalMs: ms(c.ingest?.pruneInterval, DEFAULTS.pruneIntervalMs),
      maxBodyBytes: c.ingest?.maxBodyBytes ?? DEFAULTS.maxBodyBytes,
      maxSamplesPerPush: c.ingest?.maxSamplesPerPush ?? DEFAULTS.maxSamplesPerPush,
      maxClockSkewSeconds: c.ingest?.maxClockSkewSeconds ?? DEFAULTS.maxClockSkewSeconds,
      intervalMs: ms(c.ingest?.interval, DEFAULTS.ingestIntervalMs),
      staleAfterIntervals: c.ingest?.staleAfterIntervals ?? DEFAULTS.staleAfterIntervals,
      maxHistoryRows: c.ingest?.maxHistoryRows ?? DEFAULTS.maxHistoryRows,
    },
    dashboard: {
      enabled: c.dashboard?.enabled ?? true,
      refreshSeconds: c.dashboard?.refreshSeconds ?? DEFAULTS.dashboardRefreshSeconds,
    },
    alerts,
  };
};

/** The `alerts:` section: tokens checked (never shown), remedy's config by remedy's decoder. */
const decodeAlerts = (
  a: NonNullable<ExporterConfigInput["alerts"]>,
  err: (p: ReadonlyArray<string | number>, expected: string) => ConfigError,
  file: string | undefined,
): AlertsConfig => {
  if (a.token !== undefined && a.tokens !== undefined)
    throw err(["alerts", "token"], "either token or tokens, not both");
  const tokens = a.tokens ?? (a.token === undefined ? [] : [{ name: "default", token: a.token }]);
  if (tokens.length === 0)
    throw err(["alerts", "tokens"], "at least one token (tokens: [{name, token}] or token)");
  tokens.forEach((t, i) => {
    const at = a.tokens === undefined ? ["alerts", "token"] : ["alerts", "tokens", i, "token"];
    if (t.token.length < MIN_TOKEN_LENGTH)
      throw err(at, `a token of at least ${MIN_TOKEN_LENGTH} characters`);
    if (tokens.findIndex((u) => u.token === t.token) !== i)
      throw err(at, "a token not used by another alert token");
    if (tokens.findIndex((u) => u.name === t.name) !== i)
      throw err(
        ["alerts", "tokens", i, "name"],
        `a name not used by another token (${JSON.stringify(t.name)} is)`,
      );
  });
  let remedy: RemedyConfig;
  try {
    remedy = decodeRemedyConfig(a.remedy ?? {}, file);
  } catch (e) {
    if (e instanceof ConfigError)
      throw new ConfigError({
        ...(file === undefined ? {} : { file }),
        path: e.path === "" || e.path.startsWith("(") ? "alerts.remedy" : `alerts.remedy.${e.path}`,
        expected: e.expected,
      });
    throw e;
  }
  return {
    tokens,
    remedy,
    maxBodyBytes: a.maxBodyBytes ?? DEFAULTS.alertsMaxBodyBytes,
    dedupeWindowMs:
      a.dedupeWindow === undefined ? DEFAULTS.dedupeWindowMs : Time.parseDuration(a.dedupeWindow),
    dedupeMax: a.dedupeMax ?? DEFAULTS.alertsDedupeMax,
    maxPending: a.queue?.maxPending ?? DEFAULTS.alertsMaxPending,
    concurrency: a.queue?.concurrency ?? DEFAULTS.alertsConcurrency,
    recent: a.recent ?? DEFAULTS.alertsRecent,
  };
};

/**
 * Reads a YAML configuration file ({@link loadYamlFile}) and decodes it with
 * {@link decodeExporterConfig} (relative licence paths are relative to the file's directory).
 *
 * @since 0.1.0
 * @category decoding
 */
export const loadExporterConfig = async (
  file: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<ExporterConfig> =>
  decodeExporterConfig(await loadYamlFile(file, env), file, dirname(resolve(file)));
