/**
 * `POST /alerts`: the diagnostic and recovery service behind an alert webhook (Alertmanager v4,
 * Grafana unified and legacy). A bearer token from `alerts.tokens`, a body limit, the payload
 * through `@fleetlens/remedy`'s intake (a bad one is `400` naming the field), then `202` at once:
 * each alert is classified, planned, run over SSH (dry runs unless enabled, as remedy's planner
 * decides) and notified with remedy's notifiers, after the answer, in a bounded queue. Re-sends
 * (the same fingerprint, status and start within `alerts.dedupeWindow`) are acknowledged but not
 * planned again; remedy's cool-down (kept in memory) still applies to acts. `GET /api/alerts`
 * lists the alerts handled last.
 *
 * @since 0.1.0
 * @module
 */
import { createHash, timingSafeEqual } from "node:crypto";
import {
  type Alert,
  type CooldownState,
  decodeAlerts,
  type Executor,
  logNotifier,
  type Notifier,
  type Plan,
  plan,
  type RemedyConfig,
  type RunReport,
  runPlan,
  SshError,
  sshExecutor,
  webhookNotifier,
} from "@fleetlens/remedy";
import { Result } from "effect";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import { Counter, Gauge, type Registry } from "prom-client";
import type { AlertsConfig } from "./Config.js";

/**
 * What {@link mountAlerts} can be given besides the configuration; tests replace the executor
 * and the log stream.
 *
 * @since 0.1.0
 * @category models
 */
export interface AlertsDeps {
  /** Builds the executor of one run (default: remedy's `sshExecutor(alerts.remedy.ssh)`). */
  readonly executor?: ((ssh: RemedyConfig["ssh"]) => Executor) | undefined;
  /** Where log lines and the log notifier write (default `process.stderr`). */
  readonly log?: { write(text: string): unknown } | undefined;
  /** How long `close()` waits for running plans (default 10 s). */
  readonly shutdownTimeoutMs?: number | undefined;
}

/**
 * One handled alert as `GET /api/alerts` shows it.
 *
 * @since 0.1.0
 * @category models
 */
export interface HandledAlert {
  readonly id: number;
  readonly receivedAt: string;
  readonly token: string;
  readonly fingerprint: string;
  readonly name: string;
  readonly status: Alert["status"];
  readonly source: Alert["source"];
  readonly host: string | null;
  readonly startsAt: string | null;
  /** `queued`, `running`, `done` or `dropped` (at shutdown). */
  state: "queued" | "running" | "done" | "dropped";
  class: string | null;
  /** remedy's outcome (`healthy`, `recovered`, `escalate`, `notify`, `dry-run`, `unreachable`) or `error`. */
  outcome: string | null;
  reason: string | null;
  notifyOnly: boolean | null;
  steps: ReadonlyArray<{ id: string; kind: string; status: string; exitCode: number | null }>;
  notifyErrors: readonly string[];
  finishedAt: string | null;
}

/**
 * The alert side of the exporter.
 *
 * @since 0.1.0
 * @category models
 */
export interface Alerts {
  /** Alerts waiting for a worker. */
  pending(): number;
  /** Alerts being planned, run and notified. */
  running(): number;
  /** The last handled alerts, newest first. */
  recent(): readonly HandledAlert[];
  /** The in-memory cool-down state (fingerprint -> last act). */
  cooldown(): CooldownState;
  /** Resolves when nothing is queued or running. */
  idle(): Promise<void>;
  /** Stops taking alerts, drops the queued ones (one log line) and waits for running plans, bounded. */
  close(): Promise<void>;
}

const digest = (s: string): Buffer => createHash("sha256").update(s, "utf8").digest();

const bearer = (req: Request): string | null => {
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(req.get("authorization") ?? "");
  return m ? m[1]! : null;
};

const text = (res: Response, status: number, body: string): void => {
  res.status(status).type("text/plain; charset=utf-8").send(`${body}\n`);
};

/**
 * The name of the token that matches, or null: every token compared in constant time over
 * SHA-256 digests (lengths do not leak either).
 *
 * @since 0.1.0
 * @category auth
 */
export const alertTokenName = (
  tokens: ReadonlyArray<{ readonly name: string; readonly token: string }>,
  token: string,
): string | null => {
  const d = digest(token);
  let found: string | null = null;
  for (const t of tokens) if (timingSafeEqual(d, digest(t.token)) && found === null) found = t.name;
  return found;
};

/** The re-send key: Alertmanager re-sends the same group every group_interval. */
const dedupeKey = (a: Alert): string => `${a.fingerprint}\u0000${a.status}\u0000${a.startsAt ?? ""}`;

interface Job {
  readonly alert: Alert;
  readonly entry: HandledAlert;
}

const noSsh = (): Executor => ({
  exec: (host) => Promise.reject(new SshError({ host, reason: "no ssh settings (alerts.remedy.ssh)" })),
  close: async () => {},
});

const notifiersOf = (config: RemedyConfig, log: { write(text: string): unknown }): Notifier[] => {
  const out: Notifier[] = [];
  if (config.notify?.webhook !== undefined) out.push(webhookNotifier(config.notify.webhook));
  if (config.notify?.log === true || out.length === 0) out.push(logNotifier(log));
  return out;
};

/**
 * Mounts `POST /alerts` and `GET /api/alerts` on `app` and registers the alert metrics in
 * `registry`. `readToken` protects `/api/alerts` as it does `/api/hosts` (null: no token). `clock`
 * is the wall clock in ms.
 *
 * @since 0.1.0
 * @category constructors
 */
export const mountAlerts = (
  app: Express,
  config: AlertsConfig,
  readToken: string | null,
  registry: Registry,
  clock: () => number,
  deps: AlertsDeps = {},
): Alerts => {
  const log = deps.log ?? process.stderr;
  const makeExecutor =
    deps.executor ?? ((ssh: RemedyConfig["ssh"]) => (ssh === undefined ? noSsh() : sshExecutor(ssh)));
  const notifiers = notifiersOf(config.remedy, log);
  const received = new Counter({
    name: "fleetlens_exporter_alerts_received_total",
    help: "Alerts received by POST /alerts (duplicates included), by source (alertmanager, grafana, grafana-legacy) and status (firing, resolved).",
    labelNames: ["source", "status"] as const,
    registers: [registry],
  });
  const duplicates = new Counter({
    name: "fleetlens_exporter_alerts_duplicates_total",
    help: "Alerts acknowledged but not planned again: the same fingerprint, status and start within alerts.dedupeWindow.",
    registers: [registry],
  });
  const plans = new Counter({
    name: "fleetlens_exporter_remedy_plans_total",
    help: "Alerts planned, run and notified, by class and remedy's outcome (healthy, recovered, escalate, notify, dry-run, unreachable, error).",
    labelNames: ["class", "outcome"] as const,
    registers: [registry],
  });
  const queue: Job[] = [];
  const runningFingerprints = new Set<string>();
  let runningCount = 0;
  new Gauge({
    name: "fleetlens_exporter_alerts_queue_length",
    help: "Alerts waiting for a remedy worker (alerts.queue.maxPending at most).",
    registers: [registry],
    collect() {
      this.set(queue.length);
    },
  });

  const seen = new Map<string, number>();
  const ring: HandledAlert[] = [];
  const state: Record<string, string> = {};
  let nextId = 1;
  let closed = false;
  let idleWaiters: Array<() => void> = [];

  const prune = (now: number) => {
    for (const [k, t] of seen) if (now - t >= config.dedupeWindowMs) seen.delete(k);
  };

  const settle = () => {
    if (queue.length === 0 && runningCount === 0) {
      const w = idleWaiters;
      idleWaiters = [];
      for (const f of w) f();
    }
  };

  const work = async (job: Job): Promise<void> => {
    const { alert, entry } = job;
    entry.state = "running";
    let report: RunReport | null = null;
    let p: Plan | null = null;
    try {
      p = plan(alert, config.remedy, { now: new Date(clock()), state });
      entry.class = p.classification.class;
      entry.reason = p.reason;
      entry.notifyOnly = p.notifyOnly;
      const executor = p.steps.some((s) => s.mode === "run") ? makeExecutor(config.remedy.ssh) : noSsh();
      try {
        report = await runPlan(p, {
          executor,
          notifiers,
          ...(config.remedy.ssh?.stepTimeoutSeconds === undefined
            ? {}
            : { defaultTimeoutSeconds: config.remedy.ssh.stepTimeoutSeconds }),
        });
      } finally {
        await executor.close().catch(() => undefined);
      }
      if (report.acted) state[alert.fingerprint] = new Date(clock()).toISOString();
      entry.outcome = report.outcome;
      entry.steps = report.steps.map((s) => ({
        id: s.id,
        kind: s.kind,
        status: s.status,
        exitCode: s.exitCode,
      }));
      entry.notifyErrors = report.notifyErrors;
      if (report.sshError !== null) log.write(`fleetlens: alerts: ${report.sshError.message}\n`);
      for (const m of report.notifyErrors) log.write(`fleetlens: alerts: notify: ${m}\n`);
    } catch (e) {
      entry.outcome = "error";
      entry.reason = e instanceof Error ? e.message : String(e);
      log.write(`fleetlens: alerts: ${alert.name || "alert"} ${alert.fingerprint}: ${entry.reason}\n`);
    }
    entry.state = "done";
    entry.finishedAt = new Date(clock()).toISOString();
    plans.inc({ class: entry.class ?? "unknown", outcome: entry.outcome ?? "error" });
  };

  // Take the first queued alert whose fingerprint is not being worked on (the cool-down state of
  // one fingerprint is then read after its previous run wrote it).
  const pump = () => {
    while (!closed && runningCount < config.concurrency) {
      const i = queue.findIndex((j) => !runningFingerprints.has(j.alert.fingerprint));
      if (i < 0) break;
      const job = queue.splice(i, 1)[0]!;
      runningCount++;
      runningFingerprints.add(job.alert.fingerprint);
      void work(job).finally(() => {
        runningCount--;
        runningFingerprints.delete(job.alert.fingerprint);
        pump();
        settle();
      });
    }
  };

  const raw = express.raw({ type: () => true, limit: config.maxBodyBytes });

  app.post("/alerts", (req: Request, res: Response, next: NextFunction) => {
    const token = bearer(req);
    if (token === null) {
      res.set("WWW-Authenticate", 'Bearer realm="fleetlens"');
      return text(res, 401, "Authorization: Bearer <alert token> is required (alerts.tokens)");
    }
    const tokenName = alertTokenName(config.tokens, token);
    if (tokenName === null) return text(res, 403, "the token is not an alert token (alerts.tokens)");
    raw(req, res, (err?: unknown) => {
      if (err !== undefined && err !== null) {
        const e = err as { type?: string; status?: number };
        if (e.type === "entity.too.large" || e.status === 413)
          return text(res, 413, `the body is larger than ${config.maxBodyBytes} bytes (alerts.maxBodyBytes)`);
        return next(err);
      }
      if (closed) {
        res.set("Retry-After", "5");
        return text(res, 503, "the exporter is shutting down");
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "");
      } catch {
        return text(res, 400, "(body): expected JSON");
      }
      const decoded = decodeAlerts(parsed);
      if (Result.isFailure(decoded)) return text(res, 400, decoded.failure.message);
      const alerts = decoded.success;
      const now = clock();
      prune(now);
      const fresh: Alert[] = [];
      const keys = new Set<string>();
      let dupes = 0;
      for (const a of alerts) {
        const k = dedupeKey(a);
        if (seen.has(k) || keys.has(k)) dupes++;
        else {
          keys.add(k);
          fresh.push(a);
        }
      }
      if (queue.length + fresh.length > config.maxPending) {
        res.set("Retry-After", "10");
        return text(
          res,
          503,
          `Too many alerts waiting: ${queue.length} queued, ${fresh.length} more would pass alerts.queue.maxPending (${config.maxPending})`,
        );
      }
      for (const a of alerts) received.inc({ source: a.source, status: a.status });
      if (dupes > 0) duplicates.inc(dupes);
      const receivedAt = new Date(now).toISOString();
      for (const a of fresh) {
        seen.set(dedupeKey(a), now);
        // bounded: a flood of distinct alerts forgets the oldest first (a Map keeps insertion order)
        if (seen.size > config.dedupeMax) seen.delete(seen.keys().next().value as string);
        const entry: HandledAlert = {
          id: nextId++,
          receivedAt,
          token: tokenName,
          fingerprint: a.fingerprint,
          name: a.name,
          status: a.status,
          source: a.source,
          host: a.host,
          startsAt: a.startsAt,
          state: "queued",
          class: null,
          outcome: null,
          reason: null,
          notifyOnly: null,
          steps: [],
          notifyErrors: [],
          finishedAt: null,
        };
        ring.unshift(entry);
        if (ring.length > config.recent) ring.length = config.recent;
        queue.push({ alert: a, entry });
      }
      res.status(202).json({ accepted: fresh.length, duplicates: dupes });
      pump();
    });
  });

  app.get("/api/alerts", (req: Request, res: Response) => {
    if (readToken !== null) {
      const t = bearer(req);
      if (t === null) {
        res.set("WWW-Authenticate", 'Bearer realm="fleetlens"');
        return text(res, 401, "Authorization: Bearer <read token> is required (ingest.readToken)");
      }
      if (!timingSafeEqual(digest(t), digest(readToken)))
        return text(res, 403, "the token is not the read token (ingest.readToken)");
    }
    res.status(200).json({ pending: queue.length, running: runningCount, alerts: ring });
  });

  let closing: Promise<void> | null = null;
  return {
    pending: () => queue.length,
    running: () => runningCount,
    recent: () => ring,
    cooldown: () => state,
    idle: () =>
      queue.length === 0 && runningCount === 0
        ? Promise.resolve()
        : new Promise<void>((r) => {
            idleWaiters.push(r);
          }),
    close: () => {
      closing ??= (async () => {
        closed = true;
        const dropped = queue.splice(0, queue.length);
        for (const j of dropped) j.entry.state = "dropped";
        if (dropped.length > 0)
          log.write(`fleetlens: alerts: shutting down, dropped ${dropped.length} queued alert(s)\n`);
        if (runningCount === 0) return;
        const timeoutMs = deps.shutdownTimeoutMs ?? 10_000;
        let timer: NodeJS.Timeout | undefined;
        const timedOut = await Promise.race([
          new Promise<false>((r) => {
            idleWaiters.push(() => r(false));
          }),
          new Promise<true>((r) => {
            timer = setTimeout(() => r(true), timeoutMs);
          }),
        ]);
        clearTimeout(timer);
        if (timedOut)
          log.write(
            `fleetlens: alerts: shutting down, ${runningCount} running plan(s) did not end within ${timeoutMs} ms\n`,
          );
      })();
      return closing;
    },
  };
};
