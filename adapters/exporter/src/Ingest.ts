/**
 * Agent pushes: `POST /ingest` (a bearer token per agent), their SQLite store with retention, the
 * pushed hosts' latest samples for `/metrics`, and the read API (`GET /api/hosts`,
 * `GET /api/hosts/:host/history`). `fleetlens push` is the agent.
 *
 * @since 0.1.0
 * @module
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { ConfigError, decodeConfig, Time } from "@fleetlens/core";
import { exposition, type Sample } from "@fleetlens/core/lite";
import Database from "better-sqlite3";
import { Schema } from "effect";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import { Counter, type Registry } from "prom-client";
import { HostName, type IngestAgent, type IngestConfig } from "./Config.js";

/**
 * A push: the host it describes, when it was measured (unix seconds) and the samples, in a
 * probe result's metrics shape (`{name, labels, value}`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const PushPayload = Schema.Struct({
  host: HostName,
  ts: Schema.Finite.check(Schema.isGreaterThan(0)),
  samples: Schema.Array(
    Schema.Struct({
      name: Schema.String,
      labels: Schema.Record(Schema.String, Schema.String),
      value: Schema.Finite,
    }),
  ),
});

/**
 * A decoded push.
 *
 * @since 0.1.0
 * @category models
 */
export type PushPayload = typeof PushPayload.Type;

/**
 * One stored sample.
 *
 * @since 0.1.0
 * @category models
 */
export interface StoredSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/**
 * A host's last push.
 *
 * @since 0.1.0
 * @category models
 */
export interface HostPush {
  readonly host: string;
  readonly agent: string;
  /** The push's `ts`, in ms. */
  readonly tsMs: number;
  /** When the exporter received it, in ms. */
  readonly receivedMs: number;
}

/**
 * One point of a history answer.
 *
 * @since 0.1.0
 * @category models
 */
export interface HistoryRow {
  readonly tsMs: number;
  readonly labels: string;
  readonly value: number;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const DAY_MS = 86_400_000;
/** Prefixes of the series /metrics has of its own: a push may not shadow them. */
const RESERVED_PREFIXES = [
  "fleetlens_exporter_",
  "fleetlens_licence_",
  "flexlm_",
  "process_",
  "nodejs_",
] as const;

/** Labels as one canonical text (keys sorted), the identity of a series within a name. */
const labelsKey = (labels: Readonly<Record<string, string>>): string =>
  JSON.stringify(Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));

/**
 * The pushes' SQLite database (better-sqlite3, WAL): `ingest_samples` (one row per sample, keyed
 * by host, ts, name and labels; indexed by host, name, ts and by ts) and `ingest_pushes` (one row
 * per accepted push, keyed by host and ts: what makes a re-sent push a no-op).
 *
 * @since 0.1.0
 * @category models
 */
export class IngestStore {
  readonly db: Database.Database;
  private readonly insertPush: Database.Statement;
  private readonly insertSample: Database.Statement;
  private readonly store: (agent: string, p: PushPayload, receivedMs: number) => boolean;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("busy_timeout = 5000");
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS ingest_samples (
        host TEXT NOT NULL, ts_ms INTEGER NOT NULL, name TEXT NOT NULL, labels TEXT NOT NULL,
        value REAL NOT NULL, PRIMARY KEY (host, ts_ms, name, labels)) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS ingest_samples_host_name_ts ON ingest_samples (host, name, ts_ms);
      CREATE INDEX IF NOT EXISTS ingest_samples_ts ON ingest_samples (ts_ms);
      CREATE TABLE IF NOT EXISTS ingest_pushes (
        host TEXT NOT NULL, ts_ms INTEGER NOT NULL, agent TEXT NOT NULL, received_ms INTEGER NOT NULL,
        samples INTEGER NOT NULL, PRIMARY KEY (host, ts_ms)) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS ingest_pushes_ts ON ingest_pushes (ts_ms);
    `);
    this.insertPush = this.db.prepare(
      "INSERT INTO ingest_pushes (host, ts_ms, agent, received_ms, samples) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
    );
    this.insertSample = this.db.prepare(
      "INSERT INTO ingest_samples (host, ts_ms, name, labels, value) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
    );
    this.store = this.db.transaction((agent: string, p: PushPayload, receivedMs: number): boolean => {
      const tsMs = Math.round(p.ts * 1000);
      if (this.insertPush.run(p.host, tsMs, agent, receivedMs, p.samples.length).changes === 0) return false;
      for (const s of p.samples) this.insertSample.run(p.host, tsMs, s.name, labelsKey(s.labels), s.value);
      return true;
    });
  }

  /** Stores a push in one transaction; false when the same host and ts were stored before. */
  push(agent: string, payload: PushPayload, receivedMs: number): boolean {
    return this.store(agent, payload, receivedMs);
  }

  /** Deletes the pushes and samples measured before `cutoffMs`; returns the sample rows deleted. */
  prune(cutoffMs: number): number {
    return this.db.transaction(() => {
      this.db.prepare("DELETE FROM ingest_pushes WHERE ts_ms < ?").run(cutoffMs);
      return this.db.prepare("DELETE FROM ingest_samples WHERE ts_ms < ?").run(cutoffMs).changes;
    })();
  }

  /** Each host's latest push, by host name. */
  hosts(): HostPush[] {
    const rows = this.db
      .prepare(
        "SELECT host, MAX(ts_ms) AS ts_ms, agent, received_ms FROM ingest_pushes GROUP BY host ORDER BY host",
      )
      .all() as Array<{ host: string; ts_ms: number; agent: string; received_ms: number }>;
    return rows.map((r) => ({ host: r.host, agent: r.agent, tsMs: r.ts_ms, receivedMs: r.received_ms }));
  }

  /** The samples of one push. */
  samples(host: string, tsMs: number): StoredSample[] {
    const rows = this.db
      .prepare(
        "SELECT name, labels, value FROM ingest_samples WHERE host = ? AND ts_ms = ? ORDER BY name, labels",
      )
      .all(host, tsMs) as Array<{ name: string; labels: string; value: number }>;
    return rows.map((r) => ({
      name: r.name,
      labels: JSON.parse(r.labels) as Record<string, string>,
      value: r.value,
    }));
  }

  /** Up to `limit` points of `name` for `host` from `sinceMs` on, oldest first. */
  history(host: string, name: string, sinceMs: number, limit: number): HistoryRow[] {
    const rows = this.db
      .prepare(
        "SELECT ts_ms, labels, value FROM ingest_samples WHERE host = ? AND name = ? AND ts_ms >= ? ORDER BY ts_ms, labels LIMIT ?",
      )
      .all(host, name, sinceMs, limit) as Array<{ ts_ms: number; labels: string; value: number }>;
    return rows.map((r) => ({ tsMs: r.ts_ms, labels: r.labels, value: r.value }));
  }

  /** Rows in the samples table (for tests and operators). */
  count(): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM ingest_samples").get() as { n: number }).n;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

const digest = (s: string): Buffer => createHash("sha256").update(s, "utf8").digest();

/**
 * The agent owning `token`, or null. Every agent's token is compared, each in constant time (over
 * SHA-256 digests, so lengths do not leak either).
 *
 * @since 0.1.0
 * @category auth
 */
export const agentOfToken = (agents: ReadonlyArray<IngestAgent>, token: string): IngestAgent | null => {
  const d = digest(token);
  let found: IngestAgent | null = null;
  for (const a of agents) if (timingSafeEqual(d, digest(a.token)) && found === null) found = a;
  return found;
};

/** The token of an `Authorization: Bearer T` header, or null. */
const bearer = (req: Request): string | null => {
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(req.get("authorization") ?? "");
  return m ? m[1]! : null;
};

/**
 * Checks a decoded push beyond its shape: sample count, metric and label names, the reserved
 * `host` label, the exporter's own prefixes (`fleetlens_exporter_`, `fleetlens_licence_`,
 * `flexlm_`, `process_`, `nodejs_`), one sample per series. Returns the problem's
 * status and text, or null.
 *
 * @since 0.1.0
 * @category validation
 */
export const checkPush = (p: PushPayload, maxSamples: number): { status: number; message: string } | null => {
  if (p.samples.length > maxSamples)
    return {
      status: 413,
      message: `samples: expected at most ${maxSamples} samples a push (ingest.maxSamplesPerPush), got ${p.samples.length}`,
    };
  const seen = new Set<string>();
  for (const [i, s] of p.samples.entries()) {
    if (!METRIC_NAME.test(s.name))
      return { status: 400, message: `samples[${i}].name: expected a Prometheus metric name` };
    const reserved = RESERVED_PREFIXES.find((p) => s.name.startsWith(p));
    if (reserved !== undefined)
      return {
        status: 400,
        message: `samples[${i}].name: expected a name outside ${reserved} (the exporter's own series)`,
      };
    for (const k of Object.keys(s.labels)) {
      if (!LABEL_NAME.test(k) || k.startsWith("__"))
        return { status: 400, message: `samples[${i}].labels.${k}: expected a Prometheus label name` };
      if (k === "host")
        return {
          status: 400,
          message: `samples[${i}].labels.host: expected no host label (the exporter adds it)`,
        };
    }
    const key = `${s.name}\u0000${labelsKey(s.labels)}`;
    if (seen.has(key))
      return {
        status: 400,
        message: `samples[${i}]: expected one sample per series (name and labels) a push`,
      };
    seen.add(key);
  }
  return null;
};

/**
 * The ingest side of the exporter: the store, the routes and the samples `/metrics` adds.
 *
 * @since 0.1.0
 * @category models
 */
export interface Ingest {
  readonly store: IngestStore;
  /** Deletes what is older than `retentionDays` now; returns the sample rows deleted. */
  prune(): number;
  /** `fleetlens_exporter_ingest_*` gauges and, per host that is not stale, its latest samples. */
  samples(): Sample[];
  /** The text exposition of `samples()`: what `/metrics` appends. */
  exposition(): string;
  close(): void;
}

const text = (res: Response, status: number, body: string): void => {
  res.status(status).type("text/plain; charset=utf-8").send(`${body}\n`);
};

const help = (name: string): string => `${name.replace(/_/g, " ")} (pushed by fleetlens push).`;

/**
 * Opens the store (pruning once), mounts `POST /ingest` and the read API on `app`, registers
 * `fleetlens_exporter_ingest_pushes_total{agent,result}` in `registry` and starts the retention
 * timer. `clock` is the wall clock in ms.
 *
 * @since 0.1.0
 * @category constructors
 */
export const mountIngest = (
  app: Express,
  config: IngestConfig,
  registry: Registry,
  clock: () => number,
): Ingest => {
  const store = new IngestStore(config.db);
  const pushes = new Counter({
    name: "fleetlens_exporter_ingest_pushes_total",
    help: "Pushes answered by POST /ingest, by agent (- when no token matched) and result (accepted, duplicate, unauthorized, forbidden, too_large, invalid, skew).",
    labelNames: ["agent", "result"] as const,
    registers: [registry],
  });
  const staleMs = config.intervalMs * config.staleAfterIntervals;
  const prune = () => store.prune(clock() - config.retentionDays * DAY_MS);
  prune();
  const timer = setInterval(() => {
    try {
      prune();
    } catch {
      // A busy or closed database: the next tick tries again.
    }
  }, config.pruneIntervalMs);
  timer.unref();

  const raw = express.raw({ type: () => true, limit: config.maxBodyBytes });

  app.post("/ingest", (req: Request, res: Response, next: NextFunction) => {
    const token = bearer(req);
    if (token === null) {
      pushes.inc({ agent: "-", result: "unauthorized" });
      res.set("WWW-Authenticate", 'Bearer realm="fleetlens"');
      return text(res, 401, "Authorization: Bearer <agent token> is required");
    }
    const agent = agentOfToken(config.agents, token);
    if (agent === null) {
      pushes.inc({ agent: "-", result: "forbidden" });
      return text(res, 403, "the token is not an agent's (ingest.agents)");
    }
    raw(req, res, (err?: unknown) => {
      if (err !== undefined && err !== null) {
        const e = err as { type?: string; status?: number };
        if (e.type === "entity.too.large" || e.status === 413) {
          pushes.inc({ agent: agent.name, result: "too_large" });
          return text(res, 413, `the body is larger than ${config.maxBodyBytes} bytes (ingest.maxBodyBytes)`);
        }
        return next(err);
      }
      const fail = (status: number, result: string, message: string) => {
        pushes.inc({ agent: agent.name, result });
        text(res, status, message);
      };
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "");
      } catch {
        return fail(400, "invalid", "(body): expected JSON");
      }
      let payload: PushPayload;
      try {
        payload = decodeConfig(PushPayload, parsed);
      } catch (e) {
        return fail(400, "invalid", e instanceof ConfigError ? e.message : String(e));
      }
      const problem = checkPush(payload, config.maxSamplesPerPush);
      if (problem !== null)
        return fail(problem.status, problem.status === 413 ? "too_large" : "invalid", problem.message);
      if (!agent.hosts.includes(payload.host)) {
        pushes.inc({ agent: agent.name, result: "forbidden" });
        return text(
          res,
          403,
          `agent ${agent.name} may not push for host ${payload.host} (ingest.agents[].hosts)`,
        );
      }
      const now = clock();
      const skew = Math.abs(payload.ts * 1000 - now) / 1000;
      if (skew > config.maxClockSkewSeconds)
        return fail(
          400,
          "skew",
          `ts: expected within ${config.maxClockSkewSeconds} s of the exporter's clock (ingest.maxClockSkewSeconds), off by ${skew.toFixed(0)} s`,
        );
      const stored = store.push(agent.name, payload, now);
      pushes.inc({ agent: agent.name, result: stored ? "accepted" : "duplicate" });
      res
        .status(202)
        .json({ host: payload.host, ts: payload.ts, samples: payload.samples.length, duplicate: !stored });
    });
  });

  const readable = (req: Request, res: Response, next: NextFunction) => {
    if (config.readToken === null) return next();
    const token = bearer(req);
    if (token === null) {
      res.set("WWW-Authenticate", 'Bearer realm="fleetlens"');
      return text(res, 401, "Authorization: Bearer <read token> is required (ingest.readToken)");
    }
    if (!timingSafeEqual(digest(token), digest(config.readToken)))
      return text(res, 403, "the token is not the read token (ingest.readToken)");
    next();
  };

  const isStale = (h: HostPush, now: number) => now - h.tsMs > staleMs;

  app.get("/api/hosts", readable, (_req: Request, res: Response) => {
    const now = clock();
    res.status(200).json({
      hosts: store.hosts().map((h) => ({
        host: h.host,
        agent: h.agent,
        lastPush: new Date(h.tsMs).toISOString(),
        lastPushSeconds: h.tsMs / 1000,
        stale: isStale(h, now),
        samples: store.samples(h.host, h.tsMs),
      })),
    });
  });

  app.get("/api/hosts/:host/history", readable, (req: Request, res: Response) => {
    const host = String(req.params.host);
    const params = new URL(req.originalUrl, "http://localhost").searchParams;
    const name = params.get("name") ?? "";
    if (name === "") return text(res, 400, "name: expected a metric name (?name=fleetlens_host_load1)");
    const sinceText = params.get("since");
    const now = clock();
    let sinceMs = now - config.retentionDays * DAY_MS;
    if (sinceText !== null && sinceText !== "") {
      const asNumber = Number(sinceText);
      const duration = Time.parseDuration(sinceText);
      if (/^\d+(\.\d+)?$/.test(sinceText) && Number.isFinite(asNumber)) sinceMs = Math.round(asNumber * 1000);
      else if (Number.isFinite(duration) && duration > 0) sinceMs = now - duration;
      else return text(res, 400, "since: expected unix seconds or a duration like 1h");
    }
    if (!store.hosts().some((h) => h.host === host)) return text(res, 404, `no pushes from host ${host}`);
    const limit = config.maxHistoryRows;
    let rows = store.history(host, name, sinceMs, limit + 1);
    const truncated = rows.length > limit;
    if (truncated) {
      // Cut at a whole push, so `next` neither repeats nor skips a point: when the first row left
      // out shares its ts with the last one kept, that push's rows go to the next page.
      const cut = rows[limit]!.tsMs;
      rows = rows.slice(0, limit);
      if (rows[limit - 1]!.tsMs === cut) {
        const whole = rows.filter((r) => r.tsMs !== cut);
        if (whole.length > 0) rows = whole;
      }
    }
    const series = new Map<string, Array<[number, number]>>();
    for (const r of rows) {
      const points = series.get(r.labels);
      if (points === undefined) series.set(r.labels, [[r.tsMs / 1000, r.value]]);
      else points.push([r.tsMs / 1000, r.value]);
    }
    res.status(200).json({
      host,
      name,
      since: sinceMs / 1000,
      series: [...series].map(([labels, points]) => ({
        labels: JSON.parse(labels) as Record<string, string>,
        points,
      })),
      truncated,
      ...(truncated ? { next: (rows[rows.length - 1]!.tsMs + 1) / 1000 } : {}),
    });
  });

  const samples = (): Sample[] => {
    const now = clock();

    const out: Sample[] = [];
    const hosts = store.hosts();
    for (const h of hosts)
      out.push({
        name: "fleetlens_exporter_ingest_last_push_timestamp_seconds",
        labels: { host: h.host },
        value: h.tsMs / 1000,
        help: "When the host's latest push was measured (its ts, unix seconds).",
        type: "gauge",
      });
    for (const h of hosts)
      out.push({
        name: "fleetlens_exporter_ingest_host_stale",
        labels: { host: h.host },
        value: isStale(h, now) ? 1 : 0,
        help: "1 when the host has not pushed for ingest.staleAfterIntervals intervals (its samples are then left out).",
        type: "gauge",
      });
    for (const h of hosts) {
      if (isStale(h, now)) continue;
      for (const s of store.samples(h.host, h.tsMs))
        out.push({
          name: s.name,
          labels: { ...s.labels, host: h.host },
          value: s.value,
          help: help(s.name),
          type: s.name.endsWith("_total") ? "counter" : "gauge",
        });
    }
    return out;
  };

  return {
    store,
    prune,
    samples,
    exposition: () => exposition(samples()),
    close: () => {
      clearInterval(timer);
      store.close();
    },
  };
};
