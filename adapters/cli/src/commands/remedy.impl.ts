/**
 * `fleetlens remedy plan|run` (declared in remedy.ts): read the payload and the config, plan with
 * @fleetlens/remedy, print; `run` executes over SSH, notifies and picks the exit code.
 */
import { readFile, writeFile } from "node:fs/promises";
import { ConfigError, InputError, UsageError } from "@fleetlens/core";
import {
  type Alert,
  type CooldownState,
  decodeAlerts,
  decodeRemedyConfig,
  exitCodeOfRuns,
  logNotifier,
  type Notifier,
  type Plan,
  planAll,
  type RemedyConfig,
  type RunReport,
  runPlan,
  sshExecutor,
  sshSettingsFor,
  sshTargetOf,
  webhookNotifier,
} from "@fleetlens/remedy";
import { Result } from "effect";
import { flag, type Io, type Parsed, str } from "../framework.js";
import { type Format, RecordWriter, resolveFormat } from "../output.js";
import { loadYamlFile } from "../yaml.js";

const readAlerts = async (file: string, io: Io): Promise<Alert[]> => {
  let text: string;
  try {
    if (file === "-") {
      const chunks: Buffer[] = [];
      for await (const c of io.stdin as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(c));
      text = Buffer.concat(chunks).toString("utf8");
    } else text = await readFile(file, "utf8");
  } catch (e) {
    throw new InputError({ file, reason: `cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})` });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError({ file, path: "(file)", expected: `JSON (${(e as Error).message})` });
  }
  const r = decodeAlerts(json);
  if (Result.isFailure(r))
    throw new ConfigError({ file, path: r.failure.path, expected: r.failure.expected });
  return r.success;
};

const loadConfig = async (file: string | undefined, io: Io): Promise<RemedyConfig> =>
  file === undefined ? {} : decodeRemedyConfig(await loadYamlFile(file, io.env), file);

const readState = async (file: string | undefined): Promise<Record<string, string>> => {
  if (file === undefined) return {};
  try {
    const v = JSON.parse(await readFile(file, "utf8")) as unknown;
    if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error("not an object");
    return Object.fromEntries(
      Object.entries(v).filter((e): e is [string, string] => typeof e[1] === "string"),
    );
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new ConfigError({
      file,
      path: "(file)",
      expected: `a JSON object of fingerprint -> time (${(e as Error).message})`,
    });
  }
};

const setup = async (args: Parsed, io: Io, verb: string, state: CooldownState = {}) => {
  const alertFile = str(args, "alert");
  if (alertFile === undefined) throw new UsageError({ reason: `remedy ${verb}: --alert FILE is required` });
  const config = await loadConfig(str(args, "config"), io);
  const alerts = await readAlerts(alertFile, io);
  const plans = planAll(alerts, config, { now: new Date(), state, dryRun: flag(args, "dry-run") });
  return { config, plans, format: resolveFormat(str(args, "format"), io) };
};

/** Where a step on `host` would connect: `user@address:port` after `ssh.hosts`. */
const connectOf = (config: RemedyConfig, host: string): string =>
  sshTargetOf(sshSettingsFor(host, config.ssh));

const planJson = (p: Plan, config: RemedyConfig) => ({
  alert: {
    fingerprint: p.alert.fingerprint,
    name: p.alert.name,
    status: p.alert.status,
    host: p.alert.host,
    source: p.alert.source,
  },
  class: p.classification.class,
  classifiedBy: p.classification.why,
  target: p.target,
  host: p.host,
  notifyOnly: p.notifyOnly,
  reason: p.reason,
  steps: p.steps.map((s) => ({ ...s, connect: connectOf(config, s.host) })),
});

const planRows = (p: Plan, config: RemedyConfig): Record<string, unknown>[] => {
  const base = { alert: p.alert.name, class: p.classification.class, host: p.host ?? p.alert.host };
  const notify = { ...base, step: "notify", mode: "run", connect: null, argv: [], why: p.reason };
  if (p.steps.length === 0) return [notify];
  return [
    ...p.steps.map((s) => ({
      ...base,
      step: s.id,
      mode: s.mode,
      connect: connectOf(config, s.host),
      argv: s.argv,
      why: s.why,
    })),
    notify,
  ];
};

const write = async (io: Io, format: Format, json: unknown[], rows: Record<string, unknown>[]) => {
  if (format === "json") {
    io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return;
  }
  const w = new RecordWriter(io, format);
  for (const r of rows) w.write(r);
  await w.end();
};

/** `fleetlens remedy plan`. */
export const plan = async (args: Parsed, io: Io): Promise<number> => {
  const { config, plans, format } = await setup(args, io, "plan");
  await write(
    io,
    format,
    plans.map((p) => planJson(p, config)),
    plans.flatMap((p) => planRows(p, config)),
  );
  return 0;
};

const notifiersOf = (config: RemedyConfig, io: Io): Notifier[] => {
  const out: Notifier[] = [];
  if (config.notify?.webhook !== undefined) out.push(webhookNotifier(config.notify.webhook));
  if (config.notify?.log === true || out.length === 0) out.push(logNotifier(io.stderr));
  return out;
};

/** `fleetlens remedy run`. */
export const run = async (args: Parsed, io: Io): Promise<number> => {
  const stateFile = str(args, "state");
  const state = await readState(stateFile);
  const { config, plans, format } = await setup(args, io, "run", state);
  const needsSsh = plans.some((p) => p.steps.some((s) => s.mode === "run"));
  if (needsSsh && config.ssh === undefined)
    throw new ConfigError({
      ...(str(args, "config") === undefined ? {} : { file: str(args, "config")! }),
      path: "ssh",
      expected: "ssh settings (privateKey, knownHosts or hostKeys) to run steps, or --dry-run",
    });
  const executor = config.ssh === undefined ? null : sshExecutor(config.ssh);
  const notifiers = notifiersOf(config, io);
  const reports: RunReport[] = [];
  try {
    for (const p of plans)
      reports.push(
        await runPlan(p, {
          executor: executor ?? {
            exec: () => Promise.reject(new Error("no ssh settings")),
            close: async () => {},
          },
          notifiers,
          ...(config.ssh?.stepTimeoutSeconds === undefined
            ? {}
            : { defaultTimeoutSeconds: config.ssh.stepTimeoutSeconds }),
        }),
      );
  } finally {
    await executor?.close();
  }
  if (stateFile !== undefined) {
    const next = { ...state };
    for (const r of reports) if (r.acted) next[r.plan.alert.fingerprint] = new Date().toISOString();
    await writeFile(stateFile, `${JSON.stringify(next, null, 2)}\n`);
  }
  for (const r of reports) {
    if (r.sshError !== null) io.stderr.write(`fleetlens: ${r.sshError.message}\n`);
    for (const m of r.notifyErrors) io.stderr.write(`fleetlens: notify: ${m}\n`);
  }
  await write(
    io,
    format,
    reports.map((r) => ({ ...planJson(r.plan, config), outcome: r.outcome, steps: r.steps })),
    reports.flatMap((r) => [
      ...r.steps.map((s) => ({
        alert: r.plan.alert.name,
        class: r.plan.classification.class,
        host: s.host,
        step: s.id,
        status: s.status,
        exitCode: s.exitCode,
        argv: s.argv,
        outcome: r.outcome,
      })),
      {
        alert: r.plan.alert.name,
        class: r.plan.classification.class,
        host: r.plan.host ?? r.plan.alert.host,
        step: "notify",
        status: r.notifyErrors.length === 0 ? "sent" : "failed",
        exitCode: null,
        argv: [],
        outcome: r.outcome,
      },
    ]),
  );
  return exitCodeOfRuns(reports);
};
