/**
 * `fleetlens probe` (declared in probe.ts): one target (`probe http http://127.0.0.1:8080`) or a list from a YAML file
 * (`probe --config targets.yaml`), through the same registry and `runProbe` the exporter's /probe
 * uses. Exit 3 when any probe failed (a check failed).
 */
import { CheckFailed, decodeConfig, ProbeResult, Time, UsageError } from "@fleetlens/core";
import { isProbeKind, probers, runProbe } from "@fleetlens/probes";
import { PROBE_KINDS } from "@fleetlens/probes/kinds";
import { Effect, Schema } from "effect";
import { type Io, type Parsed, str, strs } from "../framework.js";
import { type Format, RecordWriter, resolveFormat } from "../output.js";
import { loadYamlFile } from "../yaml.js";

/** `--set key=value`: the value is JSON when it parses (numbers, booleans, lists), else text. */
const parseSet = (kind: string, sets: readonly string[]): Record<string, unknown> => {
  const defaults = (probers as Record<string, { defaults: unknown }>)[kind]!.defaults as Record<
    string,
    unknown
  >;
  const out: Record<string, unknown> = {};
  for (const s of sets) {
    const eq = s.indexOf("=");
    if (eq <= 0) throw new UsageError({ reason: `--set "${s}": use KEY=VALUE` });
    const key = s.slice(0, eq);
    const raw = s.slice(eq + 1);
    if (!Object.hasOwn(defaults, key))
      throw new UsageError({
        reason: `--set ${key}: not a ${kind} setting (known: ${Object.keys(defaults).join(", ")})`,
      });
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw;
    }
    out[key] = value;
  }
  return out;
};

const Duration = Schema.String.check(
  Schema.makeFilter((s: string) => Number.isFinite(Time.parseDuration(s)) || "a duration like 5s or 1500ms"),
);

/** The `--config` file: targets to probe once, each with its kind and module settings. */
export const ProbeConfig = Schema.Struct({
  timeout: Schema.optionalKey(Duration),
  concurrency: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 1024 }))),
  targets: Schema.Array(
    Schema.Struct({
      kind: Schema.Literals(PROBE_KINDS),
      target: Schema.String,
      module: Schema.optionalKey(Schema.Record(Schema.String, Schema.Unknown)),
      timeout: Schema.optionalKey(Duration),
    }),
  ),
});

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

/** `fleetlens probe` (declared in probe.ts). */
export const run = async (args: Parsed, io: Io): Promise<number> => {
  const format = resolveFormat(str(args, "format"), io);
  const defaultTimeout = timeoutOf(str(args, "timeout"), 10_000, "--timeout");
  let results: ProbeResult[];
  let single = false;
  const file = str(args, "config");
  if (file) {
    if (args.positionals.length > 0)
      throw new UsageError({ reason: "probe: give either KIND TARGET or --config FILE" });
    const cfg = decodeConfig(ProbeConfig, await loadYamlFile(file, io.env), file);
    const fileTimeout = timeoutOf(cfg.timeout, defaultTimeout, "timeout");
    // Bounded concurrency, results kept in the file's order.
    results = await Effect.runPromise(
      Effect.forEach(
        cfg.targets,
        (t) =>
          Effect.promise(() =>
            runProbe(t.kind, t.target, t.module ?? {}, {
              timeoutMs: t.timeout === undefined ? fileTimeout : Time.parseDuration(t.timeout),
            }),
          ),
        { concurrency: cfg.concurrency ?? 16 },
      ),
    );
  } else {
    const [kind, target] = args.positionals;
    if (kind === undefined || target === undefined)
      throw new UsageError({ reason: "probe: give KIND TARGET (or --config FILE)" });
    if (!isProbeKind(kind))
      throw new UsageError({ reason: `probe: unknown kind "${kind}" (known: ${PROBE_KINDS.join(", ")})` });
    const module = parseSet(kind, strs(args, "set"));
    results = [await runProbe(kind, target, module, { timeoutMs: defaultTimeout })];
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
