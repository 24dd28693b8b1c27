/**
 * Alert intake (pure): an Alertmanager webhook (version 4), a Grafana unified-alerting webhook
 * (Alertmanager-shaped plus `orgId`, `title`, `state`, `message` and per-alert `values`,
 * `silenceURL`, …) or a legacy Grafana webhook (`ruleName`, `state`, `evalMatches`) becomes a list
 * of normalized {@link Alert} records. A payload that is none of these is an
 * {@link AlertPayloadError} naming the first bad field by its path (`alerts[0].labels`).
 *
 * @since 0.1.0
 * @module
 */
import { ConfigError, decodeConfig } from "@fleetlens/core";
import { Result, Schema } from "effect";

/**
 * A normalized alert. `fingerprint` is the sender's when given, else a stable hash of the labels;
 * `host` is the machine the alert is about (label `host`, `hostname` or `nodename`, else
 * `instance` without its port), or null.
 *
 * @since 0.1.0
 * @category models
 */
export interface Alert {
  readonly fingerprint: string;
  readonly status: "firing" | "resolved";
  readonly name: string;
  readonly severity: string | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly startsAt: string | null;
  readonly endsAt: string | null;
  readonly instance: string | null;
  readonly host: string | null;
  readonly generatorURL: string | null;
  readonly source: "alertmanager" | "grafana" | "grafana-legacy";
}

/**
 * A payload that is not an alert webhook: the path of the first bad field and what was expected.
 *
 * @since 0.1.0
 * @category errors
 */
export class AlertPayloadError extends Schema.TaggedError<AlertPayloadError>()("AlertPayloadError", {
  path: Schema.String,
  expected: Schema.String,
}) {
  override get message(): string {
    return `${this.path}: expected ${this.expected}`;
  }
}

const StringMap = Schema.Record(Schema.String, Schema.String);
const Status = Schema.Literals(["firing", "resolved"]);

const AmAlert = Schema.Struct({
  status: Status,
  labels: StringMap,
  annotations: Schema.optionalKey(StringMap),
  startsAt: Schema.optionalKey(Schema.String),
  endsAt: Schema.optionalKey(Schema.String),
  generatorURL: Schema.optionalKey(Schema.String),
  fingerprint: Schema.optionalKey(Schema.String),
});

const AmPayload = Schema.Struct({
  version: Schema.optionalKey(Schema.String),
  status: Schema.optionalKey(Status),
  alerts: Schema.Array(AmAlert),
  commonAnnotations: Schema.optionalKey(StringMap),
});

const LegacyPayload = Schema.Struct({
  ruleName: Schema.String,
  state: Schema.Literals(["alerting", "ok", "no_data", "paused", "pending"]),
  ruleId: Schema.optionalKey(Schema.Number),
  title: Schema.optionalKey(Schema.String),
  message: Schema.optionalKey(Schema.String),
  ruleUrl: Schema.optionalKey(Schema.String),
  tags: Schema.optionalKey(Schema.NullOr(StringMap)),
  evalMatches: Schema.optionalKey(
    Schema.NullOr(
      Schema.Array(
        Schema.Struct({
          metric: Schema.optionalKey(Schema.String),
          value: Schema.optionalKey(Schema.NullOr(Schema.Number)),
          tags: Schema.optionalKey(Schema.NullOr(StringMap)),
        }),
      ),
    ),
  ),
});

/** FNV-1a, 64 bits, as 16 hex digits: a stable fingerprint for senders that give none. */
const fnv64 = (text: string): string => {
  let h = 0xcbf29ce484222325n;
  const mask = 0xffffffffffffffffn;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & mask;
  }
  return h.toString(16).padStart(16, "0");
};

/**
 * A fingerprint of a label set (sorted `name=value` pairs, hashed): the same labels, the same
 * fingerprint, whoever sent them.
 *
 * @since 0.1.0
 * @category intake
 */
export const labelsFingerprint = (labels: Readonly<Record<string, string>>): string =>
  fnv64(
    Object.keys(labels)
      .sort()
      .map((k) => `${k}=${labels[k]}`)
      .join("\u0000"),
  );

/** Alertmanager's "no end" time and unparsable times become null; others are ISO-8601. */
const time = (text: string | undefined, path: string): string | null => {
  if (text === undefined || text === "" || text.startsWith("0001-01-01")) return null;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new AlertPayloadError({ path, expected: "an RFC 3339 time" });
  return new Date(ms).toISOString();
};

const hostOf = (
  labels: Readonly<Record<string, string>>,
): { instance: string | null; host: string | null } => {
  const instance = labels.instance ?? null;
  const named = labels.host ?? labels.hostname ?? labels.nodename;
  if (named !== undefined) return { instance, host: named };
  if (instance === null) return { instance, host: null };
  // host:port, [v6]:port, a URL (blackbox targets), or a bare name / address
  let text = instance;
  const url = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(text);
  if (url) text = url[1]!.replace(/^[^@]*@/, "");
  const v6 = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (v6) return { instance, host: v6[1]! };
  const hp = /^([^:]+):\d+$/.exec(text);
  return { instance, host: hp ? hp[1]! : text };
};

const normalize = (
  a: typeof AmAlert.Type,
  i: number,
  source: Alert["source"],
  common: Readonly<Record<string, string>>,
): Alert => ({
  fingerprint:
    a.fingerprint !== undefined && a.fingerprint !== "" ? a.fingerprint : labelsFingerprint(a.labels),
  status: a.status,
  name: a.labels.alertname ?? "",
  severity: a.labels.severity ?? null,
  labels: a.labels,
  annotations: { ...common, ...(a.annotations ?? {}) },
  startsAt: time(a.startsAt, `alerts[${i}].startsAt`),
  endsAt: time(a.endsAt, `alerts[${i}].endsAt`),
  ...hostOf(a.labels),
  generatorURL: a.generatorURL ?? null,
  source,
});

const GRAFANA_ALERT_KEYS = ["silenceURL", "dashboardURL", "panelURL", "values", "valueString"];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const decodeWith = <S extends Schema.Top>(schema: S, input: unknown): S["Type"] => {
  try {
    return decodeConfig(schema, input);
  } catch (e) {
    if (e instanceof ConfigError) throw new AlertPayloadError({ path: e.path, expected: e.expected });
    throw e;
  }
};

const intake = (input: unknown): Alert[] => {
  if (!isObject(input))
    throw new AlertPayloadError({ path: "(root)", expected: "a JSON object (an alert webhook payload)" });
  if ("alerts" in input) {
    const p = decodeWith(AmPayload, input);
    const grafana =
      "orgId" in input ||
      "state" in input ||
      (Array.isArray(input.alerts) &&
        input.alerts.some((a) => isObject(a) && GRAFANA_ALERT_KEYS.some((k) => k in a)));
    const source = grafana ? "grafana" : "alertmanager";
    return p.alerts.map((a, i) => normalize(a, i, source, p.commonAnnotations ?? {}));
  }
  if ("ruleName" in input || "evalMatches" in input) {
    const p = decodeWith(LegacyPayload, input);
    // pending and paused rules have nothing to act on; no_data is a firing rule without data
    if (p.state === "pending" || p.state === "paused") return [];
    const status = p.state === "ok" ? "resolved" : "firing";
    const base: Record<string, string> = { alertname: p.ruleName, ...(p.tags ?? {}) };
    const annotations: Record<string, string> = {};
    if (p.title !== undefined) annotations.summary = p.title;
    if (p.message !== undefined && p.message !== "") annotations.description = p.message;
    const matches = p.evalMatches ?? [];
    const each = matches.length === 0 ? [undefined] : matches;
    return each.map((m) => {
      const labels: Record<string, string> = { ...base, ...(m?.tags ?? {}) };
      if (m?.metric !== undefined && m.metric !== "" && labels.metric === undefined) labels.metric = m.metric;
      const valued: Record<string, string> =
        m?.value === undefined || m.value === null ? {} : { value: String(m.value) };
      return {
        fingerprint: labelsFingerprint({ ...labels, ruleId: String(p.ruleId ?? "") }),
        status,
        name: p.ruleName,
        severity: labels.severity ?? null,
        labels,
        annotations: { ...annotations, ...valued },
        startsAt: null,
        endsAt: null,
        ...hostOf(labels),
        generatorURL: p.ruleUrl ?? null,
        source: "grafana-legacy",
      } satisfies Alert;
    });
  }
  throw new AlertPayloadError({
    path: "(root)",
    expected: "an Alertmanager or Grafana webhook (alerts: [...]) or a legacy Grafana one (ruleName, state)",
  });
};

/**
 * Normalize a webhook payload (already parsed JSON). Never throws: the alerts, or the typed error
 * naming the first bad field.
 *
 * @example
 * ```ts
 * decodeAlerts({ version: "4", status: "firing", alerts: [{ status: "firing", labels: { alertname: "X" } }] })
 * // Result.succeed([{ name: "X", status: "firing", source: "alertmanager", … }])
 * decodeAlerts({ alerts: [{ status: "on fire", labels: {} }] })
 * // Result.fail(AlertPayloadError { path: "alerts[0].status", … })
 * ```
 * @since 0.1.0
 * @category intake
 */
export const decodeAlerts = (input: unknown): Result.Result<Alert[], AlertPayloadError> => {
  try {
    return Result.succeed(intake(input));
  } catch (e) {
    if (e instanceof AlertPayloadError) return Result.fail(e);
    return Result.fail(
      new AlertPayloadError({ path: "(root)", expected: `a webhook payload (${String(e)})` }),
    );
  }
};

/**
 * The expression behind an alert, from Prometheus's `generatorURL` (`…/graph?g0.expr=…`), or null.
 *
 * @since 0.1.0
 * @category intake
 */
export const alertExpr = (alert: Alert): string | null => {
  if (alert.generatorURL === null) return null;
  const q = alert.generatorURL.indexOf("?");
  if (q < 0) return null;
  try {
    return new URLSearchParams(alert.generatorURL.slice(q + 1)).get("g0.expr");
  } catch {
    return null;
  }
};
