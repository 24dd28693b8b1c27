/**
 * Licence usage as Prometheus samples, for the exporter to expose. Names follow
 * mjtrangoni/flexlm_exporter where they overlap (`flexlm_feature_issued`, `flexlm_feature_used`,
 * `flexlm_feature_used_users`, `flexlm_server_status`, `flexlm_vendor_status`, labels `app`,
 * `name`, `user`, `since`); the rest are `fleetlens_licence_*` in base units, counters ending in
 * `_total`. {@link exposition} renders samples in the Prometheus text format (HELP and TYPE once
 * per name, label values escaped), enough for tests and a simple `/metrics`.
 *
 * @since 0.1.0
 * @module
 */
import type { UsageReport, UsageSession } from "./Licence.js";
import type { LmstatRecord } from "./records/Licence.js";

/**
 * One sample: metric `name`, `labels`, `value`, the metric's `help` text and `type`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
  readonly help: string;
  readonly type: "gauge" | "counter";
}

/**
 * Options of the sample builders. `app` is flexlm_exporter's licence name label (default
 * `"default"`); `perUserDenials` adds `fleetlens_licence_user_denials_total` per user@host.
 *
 * @since 0.1.0
 * @category models
 */
export interface MetricsOptions {
  readonly app?: string | undefined;
  readonly perUserDenials?: boolean | undefined;
}

const H = {
  issued: "License feature issued labeled by app and feature name of the license.",
  used: "License feature used labeled by app and feature name of the license.",
  usedUsers:
    "License feature used by user labeled by app, feature name, username and host of the license, since (unix seconds of the earliest checkout held).",
  server: "License server status labeled by app, fqdn, master, port and version of the license.",
  vendor: "License vendor status labeled by app, name and version of the license.",
  peak: "Most licences of a feature in use at once in the analysed log.",
  peakAt: "When the peak was first reached (unix seconds).",
  denials: "DENIED checkout requests of a feature in the analysed log.",
  userDenials: "DENIED checkout requests of a feature by one user@host in the analysed log.",
  sessions: "Checkouts of a feature in the analysed log.",
  utilisation: "Peak licences in use divided by licences issued.",
  userSeconds:
    "Sum of a user@host's checkout durations in the analysed log (open checkouts to the end of the log).",
};

/**
 * Samples from a usage report: per feature `flexlm_feature_issued` (counted features only),
 * `flexlm_feature_used` (licences held at the end), `fleetlens_licence_peak_in_use`,
 * `fleetlens_licence_peak_timestamp_seconds`, `fleetlens_licence_denials_total`,
 * `fleetlens_licence_sessions_total`, `fleetlens_licence_utilisation_ratio` (when issued is
 * known); per user and feature `flexlm_feature_used_users` (licences held at the end, from the
 * open sessions); per user@host `fleetlens_licence_user_seconds_total`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const usageSamples = (report: UsageReport, options: MetricsOptions = {}): Sample[] => {
  const app = options.app ?? "default";
  const out: Sample[] = [];
  const per = (
    name: string,
    type: Sample["type"],
    help: string,
    rows: Array<[Record<string, string>, number]>,
  ) => {
    for (const [labels, value] of rows) out.push({ name, labels, value, help, type });
  };
  const fs = report.features;
  per(
    "flexlm_feature_issued",
    "gauge",
    H.issued,
    fs.filter((f) => f.issued !== null).map((f) => [{ app, name: f.feature }, f.issued!]),
  );
  per(
    "flexlm_feature_used",
    "gauge",
    H.used,
    fs.map((f) => [{ app, name: f.feature }, f.inUse]),
  );
  const held = new Map<string, { feature: string; user: string; host: string; n: number; since: number }>();
  for (const s of report.sessions as ReadonlyArray<UsageSession>) {
    if (!s.open) continue;
    const k = `${s.feature}\u0000${s.user}\u0000${s.host}`;
    const h = held.get(k);
    const n = s.count ?? 1;
    if (h === undefined) held.set(k, { feature: s.feature, user: s.user, host: s.host, n, since: s.start });
    else {
      h.n += n;
      if (s.start < h.since) h.since = s.start;
    }
  }
  per(
    "flexlm_feature_used_users",
    "gauge",
    H.usedUsers,
    [...held.values()].map((h) => [
      { app, name: h.feature, user: h.user, host: h.host, since: String(Math.floor(h.since / 1000)) },
      h.n,
    ]),
  );
  per(
    "fleetlens_licence_peak_in_use",
    "gauge",
    H.peak,
    fs.map((f) => [{ app, feature: f.feature }, f.peak]),
  );
  per(
    "fleetlens_licence_peak_timestamp_seconds",
    "gauge",
    H.peakAt,
    fs.filter((f) => f.peakAt !== null).map((f) => [{ app, feature: f.feature }, f.peakAt! / 1000]),
  );
  per(
    "fleetlens_licence_denials_total",
    "counter",
    H.denials,
    fs.map((f) => [{ app, feature: f.feature }, f.denials]),
  );
  if (options.perUserDenials)
    per(
      "fleetlens_licence_user_denials_total",
      "counter",
      H.userDenials,
      report.denialsByUser.map((d) => [{ app, feature: d.feature, user: d.user, host: d.host }, d.count]),
    );
  per(
    "fleetlens_licence_sessions_total",
    "counter",
    H.sessions,
    fs.map((f) => [{ app, feature: f.feature }, f.sessions]),
  );
  per(
    "fleetlens_licence_utilisation_ratio",
    "gauge",
    H.utilisation,
    fs.filter((f) => f.utilisation !== null).map((f) => [{ app, feature: f.feature }, f.utilisation!]),
  );
  per(
    "fleetlens_licence_user_seconds_total",
    "counter",
    H.userSeconds,
    report.users.map((u) => [{ app, user: u.user, host: u.host }, u.seconds]),
  );
  return out;
};

/**
 * Samples from `lmstat -a` records, as flexlm_exporter exposes them: `flexlm_server_status`
 * (1 up, 0 down), `flexlm_vendor_status`, `flexlm_feature_issued` and `flexlm_feature_used`
 * (counted features), `flexlm_feature_used_users` (licences per user, `since` the unix seconds of
 * the user's earliest checkout or empty).
 *
 * @since 0.1.0
 * @category constructors
 */
export const lmstatSamples = (records: Iterable<LmstatRecord>, options: MetricsOptions = {}): Sample[] => {
  const app = options.app ?? "default";
  const servers: Sample[] = [];
  const vendors: Sample[] = [];
  const issued: Sample[] = [];
  const used: Sample[] = [];
  const users = new Map<string, { labels: Record<string, string>; n: number; since: number | null }>();
  for (const r of records) {
    switch (r.type) {
      case "server":
        servers.push({
          name: "flexlm_server_status",
          labels: {
            app,
            fqdn: r.host,
            master: String(r.role === "MASTER"),
            port: r.port === null ? "" : String(r.port),
            version: r.version ?? "",
          },
          value: r.status === "UP" ? 1 : 0,
          help: H.server,
          type: "gauge",
        });
        break;
      case "vendor":
        vendors.push({
          name: "flexlm_vendor_status",
          labels: { app, name: r.vendor, version: r.version ?? "" },
          value: r.status === "UP" ? 1 : 0,
          help: H.vendor,
          type: "gauge",
        });
        break;
      case "feature":
        if (r.issued !== null)
          issued.push({
            name: "flexlm_feature_issued",
            labels: { app, name: r.feature },
            value: r.issued,
            help: H.issued,
            type: "gauge",
          });
        if (r.inUse !== null)
          used.push({
            name: "flexlm_feature_used",
            labels: { app, name: r.feature },
            value: r.inUse,
            help: H.used,
            type: "gauge",
          });
        break;
      case "checkout": {
        const k = `${r.feature}\u0000${r.user}\u0000${r.host}`;
        const u = users.get(k);
        if (u === undefined)
          users.set(k, {
            labels: { app, name: r.feature, user: r.user, host: r.host },
            n: r.count,
            since: r.start,
          });
        else {
          u.n += r.count;
          if (r.start !== null && (u.since === null || r.start < u.since)) u.since = r.start;
        }
        break;
      }
      default:
        break;
    }
  }
  const usedUsers: Sample[] = [...users.values()].map((u) => ({
    name: "flexlm_feature_used_users",
    labels: { ...u.labels, since: u.since === null ? "" : String(Math.floor(u.since / 1000)) },
    value: u.n,
    help: H.usedUsers,
    type: "gauge",
  }));
  return [...servers, ...vendors, ...issued, ...used, ...usedUsers];
};

const escapeLabel = (v: string): string =>
  v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
const escapeHelp = (v: string): string => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");

/**
 * A sample value in the exposition format: `NaN`, `+Inf`, `-Inf`, or the shortest decimal.
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatValue = (v: number): string =>
  Number.isNaN(v)
    ? "NaN"
    : v === Number.POSITIVE_INFINITY
      ? "+Inf"
      : v === Number.NEGATIVE_INFINITY
        ? "-Inf"
        : String(v);

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Render samples in the Prometheus text exposition format (0.0.4): samples of one name grouped
 * under one `# HELP` and `# TYPE` (first appearance order; the first sample's help and type),
 * label values escaped (`\\`, `\"`, `\n`), one line per sample, a final newline. A gauge whose
 * name ends in `_count`, `_sum` or `_bucket` is typed `untyped`: outside histograms and summaries
 * that is the one type `promtool check metrics` accepts those suffixes on. Invalid metric or label
 * names throw a `RangeError` (a programming error, not input).
 *
 * @example
 * ```ts
 * exposition([{ name: "flexlm_feature_used", labels: { app: "a", name: "MATLAB" }, value: 3, help: "Used.", type: "gauge" }])
 * // '# HELP flexlm_feature_used Used.\n# TYPE flexlm_feature_used gauge\nflexlm_feature_used{app="a",name="MATLAB"} 3\n'
 * ```
 * @since 0.1.0
 * @category formatting
 */
const RESERVED_SUFFIX = /_(count|sum|bucket)$/;

export const exposition = (samples: Iterable<Sample>): string => {
  const groups = new Map<string, Sample[]>();
  for (const s of samples) {
    if (!NAME.test(s.name)) throw new RangeError(`invalid metric name "${s.name}"`);
    const g = groups.get(s.name);
    if (g === undefined) groups.set(s.name, [s]);
    else g.push(s);
  }
  let out = "";
  for (const [name, g] of groups) {
    const first = g[0]!;
    const type = first.type === "gauge" && RESERVED_SUFFIX.test(name) ? "untyped" : first.type;
    out += `# HELP ${name} ${escapeHelp(first.help)}\n# TYPE ${name} ${type}\n`;
    for (const s of g) {
      const keys = Object.keys(s.labels);
      let labels = "";
      for (const k of keys) {
        if (!LABEL.test(k) || k.startsWith("__"))
          throw new RangeError(`invalid label name "${k}" on ${name}`);
        labels += `${labels === "" ? "" : ","}${k}="${escapeLabel(s.labels[k]!)}"`;
      }
      out += `${name}${labels === "" ? "" : `{${labels}}`} ${formatValue(s.value)}\n`;
    }
  }
  return out;
};
