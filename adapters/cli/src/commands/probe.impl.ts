/**
 * `fleetlens probe` (declared in probe.ts): one target (`probe http http://127.0.0.1:8080`, or
 * `probe 127.0.0.1:22 --module ssh_banner`) or a list from a YAML file (`probe --config
 * targets.yaml`), through the same module resolution, registry and `runProbe` the exporter's
 * /probe uses. Exit 3 when any probe failed (a check failed).
 */
import { CheckFailed, ConfigError, decodeConfig, ProbeResult, Time, UsageError } from "@fleetlens/core";
import {
  decodeModules,
  decodeSettings,
  formatSettingsPath,
  isProbeKind,
  kindModule,
  type ModuleError,
  type ModuleMap,
  type RegisteredKind,
  type ResolvedModule,
  resolveModule,
  runModule,
  settingKeys,
  withSettings,
} from "@fleetlens/probes";
import { PROBE_KINDS } from "@fleetlens/probes/kinds";
import { Effect, Result, Schema } from "effect";
import { type Io, type Parsed, str, strs } from "../framework.js";
import { type Format, RecordWriter, resolveFormat } from "../output.js";
import { loadYamlFile } from "../yaml.js";

/**
 * `--set key=value`: the key must be a setting of the kind; the value is JSON when it parses and
 * the setting takes it (numbers, booleans, lists, maps), else the text itself (`community=123`).
 */
const parseSet = (kind: RegisteredKind, sets: readonly string[]): Record<string, unknown> => {
  const known = settingKeys(kind);
  const out: Record<string, unknown> = {};
  for (const s of sets) {
    const eq = s.indexOf("=");
    if (eq <= 0) throw new UsageError({ reason: `--set "${s}": use KEY=VALUE` });
    const key = s.slice(0, eq);
    const raw = s.slice(eq + 1);
    if (!known.includes(key))
      throw new UsageError({ reason: `--set ${key}: not a ${kind} setting (known: ${known.join(", ")})` });
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw;
    }
    if (
      value !== raw &&
      Result.isFailure(decodeSettings(kind, { [key]: value })) &&
      Result.isSuccess(decodeSettings(kind, { [key]: raw }))
    )
      value = raw;
    out[key] = value;
  }
  return out;
};

/** `--set` values over a module's settings; a bad value is a usage error naming its key. */
const applySets = (module: ResolvedModule, sets: readonly string[]): ResolvedModule => {
  const r = withSettings(module, parseSet(module.prober, sets));
  if (Result.isSuccess(r)) return r.success;
  const path = formatSettingsPath(r.failure.path.slice(2));
  throw new UsageError({ reason: `--set ${path}: expected ${r.failure.expected}` });
};

const Duration = Schema.String.check(
  Schema.makeFilter((s: string) => {
    const ms = Time.parseDuration(s);
    return (Number.isFinite(ms) && ms > 0) || "a duration like 5s or 1500ms";
  }),
);

/**
 * The `--config` file: named modules in blackbox_exporter's shape (checked by the probes'
 * decodeModules), and targets to probe once, each naming a module or a kind (with optional
 * inline settings, as before modules existed).
 */
export const ProbeConfig = Schema.Struct({
  timeout: Schema.optionalKey(Duration),
  concurrency: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 1024 }))),
  modules: Schema.optionalKey(Schema.Unknown),
  targets: Schema.optionalKey(
    Schema.Array(
      Schema.Struct({
        kind: Schema.optionalKey(Schema.Literals(PROBE_KINDS)),
        target: Schema.String,
        module: Schema.optionalKey(
          Schema.Union([Schema.String, Schema.Record(Schema.String, Schema.Unknown)]),
        ),
        timeout: Schema.optionalKey(Duration),
      }),
    ),
  ),
});
type ProbeConfig = typeof ProbeConfig.Type;
type ConfigTarget = NonNullable<ProbeConfig["targets"]>[number];

/** Reads and checks the `--config` file, its modules included. */
const loadConfig = async (
  file: string,
  io: Io,
): Promise<{ readonly cfg: ProbeConfig; readonly modules: ModuleMap }> => {
  const cfg = decodeConfig(ProbeConfig, await loadYamlFile(file, io.env), file);
  const modules = decodeModules(cfg.modules);
  if (Result.isFailure(modules))
    throw new ConfigError({
      file,
      path: formatSettingsPath(["modules", ...modules.failure.path]),
      expected: modules.failure.expected,
    });
  return { cfg, modules: modules.success };
};

/** One `targets[i]` of the file as a module to run: a named module, or a kind with inline settings. */
const targetModule = (t: ConfigTarget, i: number, modules: ModuleMap, file: string): ResolvedModule => {
  const at = (path: ReadonlyArray<string | number>, expected: string) =>
    new ConfigError({ file, path: formatSettingsPath(["targets", i, ...path]), expected });
  if (typeof t.module === "string") {
    const r = resolveModule(t.module, { modules, kind: t.kind });
    if (Result.isSuccess(r)) return r.success;
    const e: ModuleError = r.failure;
    switch (e._tag) {
      case "UnknownModule":
        throw at(["module"], `a module name (known: ${e.known.join(", ")})`);
      case "ModuleKindMismatch":
        throw at(["kind"], `${e.prober} (module ${e.module} uses the ${e.prober} prober)`);
      case "InvalidModule":
        throw new ConfigError({
          file,
          path: formatSettingsPath(["modules", ...e.path]),
          expected: e.expected,
        });
    }
  }
  if (t.kind === undefined) throw at(["kind"], `a probe kind (${PROBE_KINDS.join(", ")}) or module: NAME`);
  const r = withSettings(kindModule(t.kind), t.module ?? {});
  if (Result.isFailure(r)) throw at(["module", ...r.failure.path.slice(2)], r.failure.expected);
  return r.success;
};

const encode = Schema.encodeSync(ProbeResult);

const labelText = (labels: Readonly<Record<string, string>>): string => {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  return parts.length ? `{${parts.join(",")}}` : "";
};

const writeResults = async (io: Io, format: Format, results: readonly ProbeResult[], single: boolean) => {
  if (format === "table") {
    const out: string[] = [];
    for (const r of results) {
      out.push(
        `${r.module} ${r.target}: ${r.success ? "success" : `FAILED (${r.failureReason}${r.message ? `: ${r.message}` : ""})`} in ${r.durationSeconds.toFixed(3)} s`,
      );
      for (const m of r.metrics) out.push(`  ${m.name}${labelText(m.labels)} ${m.value}`);
    }
    io.stdout.write(`${out.join("\n")}\n`);
    return;
  }
  if (format === "json" && single) {
    io.stdout.write(`${JSON.stringify(encode(results[0]!), null, 2)}\n`);
    return;
  }
  const w = new RecordWriter(io, format);
  for (const r of results) w.write(encode(r) as Record<string, unknown>);
  await w.end();
};

const timeoutOf = (text: string | undefined, fallbackMs: number, name: string): number => {
  if (text === undefined) return fallbackMs;
  const ms = Time.parseDuration(text);
  if (!Number.isFinite(ms) || ms <= 0)
    throw new UsageError({ reason: `${name} must be a duration like 5s or 1500ms (got "${text}")` });
  return ms;
};

/** The usage error for a module that does not resolve (one line naming it and the known ones). */
const moduleUsage = (e: ModuleError): Error =>
  e._tag === "InvalidModule"
    ? new ConfigError({ path: formatSettingsPath(["modules", ...e.path]), expected: e.expected })
    : new UsageError({ reason: `probe: ${e.message}` });

/** `fleetlens probe` (declared in probe.ts). */
export const run = async (args: Parsed, io: Io): Promise<number> => {
  const format = resolveFormat(str(args, "format"), io);
  const timeoutText = str(args, "timeout");
  const cliTimeout = timeoutText === undefined ? undefined : timeoutOf(timeoutText, 10_000, "--timeout");
  const file = str(args, "config");
  const moduleName = str(args, "module");
  const positionals = args.positionals;
  let results: ProbeResult[];
  let single = false;
  if (file !== undefined && moduleName === undefined) {
    if (positionals.length > 0)
      throw new UsageError({
        reason:
          "probe: give either KIND TARGET or --config FILE (add --module M to probe TARGET with the file's modules)",
      });
    if (strs(args, "set").length > 0)
      throw new UsageError({
        reason: "probe: --set applies to one target (KIND TARGET or --module M TARGET)",
      });
    const { cfg, modules } = await loadConfig(file, io);
    if (cfg.targets === undefined)
      throw new ConfigError({
        file,
        path: "targets",
        expected: "a list of targets (or give --module M TARGET to probe one with the file's modules)",
      });
    const fileTimeout = timeoutOf(cfg.timeout, cliTimeout ?? 10_000, "timeout");
    const jobs = cfg.targets.map((t, i) => {
      const module = targetModule(t, i, modules, file);
      const timeoutMs =
        t.timeout === undefined ? (module.timeoutMs ?? fileTimeout) : Time.parseDuration(t.timeout);
      return { module, target: t.target, timeoutMs };
    });
    // Bounded concurrency, results kept in the file's order.
    results = await Effect.runPromise(
      Effect.forEach(
        jobs,
        (j) => Effect.promise(() => runModule(j.module, j.target, { timeoutMs: j.timeoutMs })),
        { concurrency: cfg.concurrency ?? 16 },
      ),
    );
  } else {
    if (
      positionals.length > 2 ||
      positionals.length === 0 ||
      (positionals.length === 1 && moduleName === undefined)
    )
      throw new UsageError({ reason: "probe: give KIND TARGET, TARGET --module M, or --config FILE" });
    const [kind, target] = positionals.length === 2 ? positionals : [undefined, positionals[0]!];
    if (kind !== undefined && !isProbeKind(kind))
      throw new UsageError({ reason: `probe: unknown kind "${kind}" (known: ${PROBE_KINDS.join(", ")})` });
    const loaded = file === undefined ? undefined : await loadConfig(file, io);
    let module: ResolvedModule;
    if (moduleName !== undefined) {
      const r = resolveModule(moduleName, { modules: loaded?.modules, kind });
      if (Result.isFailure(r)) throw moduleUsage(r.failure);
      module = r.success;
    } else module = kindModule(kind as RegisteredKind);
    module = applySets(module, strs(args, "set"));
    const fileTimeout =
      loaded?.cfg.timeout === undefined ? undefined : Time.parseDuration(loaded.cfg.timeout);
    const timeoutMs = cliTimeout ?? module.timeoutMs ?? fileTimeout ?? 10_000;
    results = [await runModule(module, target!, { timeoutMs })];
    single = true;
  }
  await writeResults(io, format, results, single);
  const failed = results.filter((r) => !r.success);
  if (failed.length > 0)
    throw new CheckFailed({
      reason: `${failed.length} probe(s) failed: ${failed.map((r) => `${r.module} ${r.target} (${r.failureReason})`).join(", ")}`,
    });
  return 0;
};
