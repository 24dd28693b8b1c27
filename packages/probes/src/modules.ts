/**
 * Named probe modules, as blackbox_exporter's `modules:`: a module is a prober kind, an optional
 * timeout and that prober's settings under a key named after it,
 * `{ prober: "tcp", tcp: { queryResponse: [{ expect: "^SSH-2.0-" }] } }`. The built-in
 * {@link BUILTIN_MODULES} carry blackbox's well-known names where the meaning matches
 * (`http_2xx`, `http_post_2xx`, `tcp_connect`, `ssh_banner`, `icmp`) and ours (`snmp_ucd`,
 * `snmp_if`, `host`). {@link resolveModule} looks a name up in the user's modules first, then
 * in the built-ins, and returns the module with checked settings, or a typed error.
 * {@link decodeModules} reads a configuration's `modules:` map (YAML shape, durations as text,
 * blackbox's snake_case keys accepted), naming the path of the first problem.
 *
 * The CLI (`fleetlens probe TARGET --module M`) and the exporter's `/probe?module=M` resolve
 * modules here; {@link runModule} runs one through {@link runProbe} with the module's name in
 * the result's `module` field. Pure apart from running the probe.
 *
 * @since 0.1.0
 * @module
 */
import { type ProbeResult, Time } from "@fleetlens/core/lite";
import { Data, Result, Schema } from "effect";
import { BUILTIN_MODULE_NAMES, PROBE_KINDS } from "./kinds.js";
import { type RunProbeOptions, runProbe } from "./registry.js";
import { decodeSettings, formatSettingsPath, type ModuleSettings } from "./settings.js";

type Kind = (typeof PROBE_KINDS)[number];

/**
 * A module of one kind: `prober`, an optional time budget, and the prober's settings under its
 * own key (`http: {…}` for an http module), as blackbox_exporter lays a module out.
 *
 * @since 0.1.0
 * @category models
 */
export type ProbeModuleOf<K extends Kind> = {
  readonly prober: K;
  /** The module's time budget in ms; without it the caller's (`--timeout`, the scrape's) applies. */
  readonly timeoutMs?: number | undefined;
} & { readonly [P in K]?: ModuleSettings<P> | undefined };

/**
 * A module of any kind.
 *
 * @since 0.1.0
 * @category models
 */
export type ProbeModule = { readonly [K in Kind]: ProbeModuleOf<K> }[Kind];

/**
 * The name of a built-in module.
 *
 * @since 0.1.0
 * @category models
 */
export type BuiltinModuleName = (typeof BUILTIN_MODULE_NAMES)[number];

/**
 * The built-in modules. Without a timeout of their own, the caller's applies.
 *
 * - `http_2xx`: GET, any 2xx status (redirects followed).
 * - `http_post_2xx`: the same with POST.
 * - `tcp_connect`: the TCP connection alone.
 * - `ssh_banner`: TCP, then a line matching `^SSH-2.0-` (an SSH server's version line).
 * - `icmp`: echo requests (3, see the icmp probe's defaults), success on any reply.
 * - `snmp_ucd`: SNMP v2c, the thesis's UCD-SNMP-MIB metrics (CPU, memory, dskTable).
 * - `snmp_if`: SNMP v2c, the IF-MIB interface walk (ifName, ifHC*Octets, speed, status).
 * - `host`: host metrics from procfs.
 *
 * @since 0.1.0
 * @category registry
 */
export const BUILTIN_MODULES = {
  http_2xx: { prober: "http" },
  http_post_2xx: { prober: "http", http: { method: "POST" } },
  tcp_connect: { prober: "tcp" },
  ssh_banner: { prober: "tcp", tcp: { queryResponse: [{ expect: "^SSH-2.0-" }] } },
  icmp: { prober: "icmp" },
  snmp_ucd: { prober: "snmp", snmp: { groups: ["cpu", "memory", "disk"] } },
  snmp_if: { prober: "snmp", snmp: { groups: ["interfaces"] } },
  host: { prober: "host" },
} as const satisfies { readonly [N in BuiltinModuleName]: ProbeModule };

// BUILTIN_MODULE_NAMES (./kinds.ts, light enough for help text) lists exactly these names.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _namesMatch: Same<keyof typeof BUILTIN_MODULES, BuiltinModuleName> = true;
void _namesMatch;

/**
 * A module ready to run: its name, kind, time budget (undefined: the caller's) and checked
 * settings (laid over the prober's defaults when it runs).
 *
 * @since 0.1.0
 * @category models
 */
export type ResolvedModule = {
  readonly [K in Kind]: {
    readonly name: string;
    readonly prober: K;
    readonly timeoutMs: number | undefined;
    readonly settings: ModuleSettings<K>;
    /** True when the name was found among the built-ins (no user module of that name). */
    readonly builtin: boolean;
  };
}[Kind];

/**
 * No module of that name, in the user's modules or the built-ins.
 *
 * @since 0.1.0
 * @category errors
 */
export class UnknownModule extends Data.TaggedError("UnknownModule")<{
  readonly module: string;
  /** Every name that would have resolved: the user's, then the built-ins they do not shadow. */
  readonly known: ReadonlyArray<string>;
}> {
  override get message(): string {
    return `unknown module ${JSON.stringify(this.module)} (known: ${this.known.join(", ")})`;
  }
}

/**
 * The module exists but uses another prober than the kind asked for.
 *
 * @since 0.1.0
 * @category errors
 */
export class ModuleKindMismatch extends Data.TaggedError("ModuleKindMismatch")<{
  readonly module: string;
  readonly prober: Kind;
  readonly kind: string;
}> {
  override get message(): string {
    return `module ${JSON.stringify(this.module)} uses the ${this.prober} prober, not ${this.kind}`;
  }
}

/**
 * A module (or its settings) is not valid: the path of the first problem, from the modules
 * map's root (`http_2xx.http.validStatusCodes[0]`), as written, and what was expected there.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidModule extends Data.TaggedError("InvalidModule")<{
  readonly path: ReadonlyArray<string | number>;
  readonly expected: string;
}> {
  override get message(): string {
    return `${formatSettingsPath(this.path)}: expected ${this.expected}`;
  }
}

/**
 * What resolving a module can fail with.
 *
 * @since 0.1.0
 * @category errors
 */
export type ModuleError = UnknownModule | ModuleKindMismatch | InvalidModule;

/** User modules by name (from a configuration's `modules:`). */
export type ModuleMap = Readonly<Record<string, ProbeModule>>;

const isKind = (k: unknown): k is Kind =>
  typeof k === "string" && (PROBE_KINDS as ReadonlyArray<string>).includes(k);

const isPlainObject = (u: unknown): u is Record<string, unknown> =>
  typeof u === "object" && u !== null && !Array.isArray(u);

/**
 * Every module name that resolves: the user's, in their order, then the built-ins they do not
 * shadow.
 *
 * @since 0.1.0
 * @category registry
 */
export const moduleNames = (modules?: ModuleMap | undefined): ReadonlyArray<string> => {
  const user = modules === undefined ? [] : Object.keys(modules);
  return [...user, ...BUILTIN_MODULE_NAMES.filter((n) => !user.includes(n))];
};

/** Checks one module (its kind, timeout, settings) and makes it a {@link ResolvedModule}. */
const check = (
  name: string,
  m: ProbeModule,
  builtin: boolean,
): Result.Result<ResolvedModule, InvalidModule> => {
  const fail = (path: ReadonlyArray<string | number>, expected: string) =>
    Result.fail(new InvalidModule({ path: [name, ...path], expected }));
  const prober: unknown = m.prober;
  if (!isKind(prober)) return fail(["prober"], `one of ${PROBE_KINDS.join(", ")}`);
  const t = m.timeoutMs;
  if (t !== undefined && !(typeof t === "number" && Number.isFinite(t) && t > 0))
    return fail(["timeoutMs"], "a number of milliseconds greater than 0");
  for (const k of PROBE_KINDS)
    if (k !== prober && (m as Readonly<Record<string, unknown>>)[k] !== undefined)
      return fail([k], `no ${k} settings (the prober is ${prober}; its settings go under ${prober})`);
  const settings = decodeSettings(prober, (m as Readonly<Record<string, unknown>>)[prober]);
  if (Result.isFailure(settings)) return fail([prober, ...settings.failure.path], settings.failure.expected);
  return Result.succeed({
    name,
    prober,
    timeoutMs: t,
    settings: settings.success,
    builtin,
  } as ResolvedModule);
};

/**
 * Resolves a module name: the user's `modules` first, then {@link BUILTIN_MODULES}. With `kind`,
 * the module's prober must be that kind. The settings are checked (an invalid user module is an
 * {@link InvalidModule} naming the field).
 *
 * @example
 * ```ts
 * const r = resolveModule("ssh_banner");
 * if (Result.isSuccess(r)) await runModule(r.success, "127.0.0.1:22");
 * resolveModule("nope");                      // Failure UnknownModule, known: http_2xx, …
 * resolveModule("http_2xx", { kind: "tcp" }); // Failure ModuleKindMismatch
 * ```
 *
 * @since 0.1.0
 * @category resolving
 */
export const resolveModule = (
  name: string,
  options: { readonly modules?: ModuleMap | undefined; readonly kind?: string | undefined } = {},
): Result.Result<ResolvedModule, ModuleError> => {
  const user = options.modules;
  const found: { readonly module: ProbeModule; readonly builtin: boolean } | null =
    user !== undefined && Object.hasOwn(user, name)
      ? { module: user[name]!, builtin: false }
      : Object.hasOwn(BUILTIN_MODULES, name)
        ? { module: BUILTIN_MODULES[name as BuiltinModuleName], builtin: true }
        : null;
  if (found === null) return Result.fail(new UnknownModule({ module: name, known: moduleNames(user) }));
  if (options.kind !== undefined && isKind(found.module.prober) && found.module.prober !== options.kind)
    return Result.fail(
      new ModuleKindMismatch({ module: name, prober: found.module.prober, kind: options.kind }),
    );
  return check(name, found.module, found.builtin);
};

/**
 * The module a bare kind stands for (`fleetlens probe tcp HOST:PORT`): named after the kind, no
 * settings of its own, no timeout.
 *
 * @since 0.1.0
 * @category resolving
 */
export const kindModule = (kind: Kind): ResolvedModule =>
  ({ name: kind, prober: kind, timeoutMs: undefined, settings: {}, builtin: false }) as ResolvedModule;

/**
 * Lays `overrides` (single settings, e.g. from `--set`; blackbox aliases allowed) over a
 * module's settings. Each override is checked; a bad one is an {@link InvalidModule} whose path
 * is `[module name, prober, key, …]`.
 *
 * @since 0.1.0
 * @category resolving
 */
export const withSettings = (
  module: ResolvedModule,
  overrides: Readonly<Record<string, unknown>>,
): Result.Result<ResolvedModule, InvalidModule> => {
  const decoded = decodeSettings(module.prober, overrides);
  if (Result.isFailure(decoded))
    return Result.fail(
      new InvalidModule({
        path: [module.name, module.prober, ...decoded.failure.path],
        expected: decoded.failure.expected,
      }),
    );
  return Result.succeed({
    ...module,
    settings: { ...module.settings, ...decoded.success },
  } as ResolvedModule);
};

/**
 * Runs a resolved module against `target` through {@link runProbe}: the result's `module` is the
 * module's name; the time budget is `options.timeoutMs`, else the module's, else the default.
 *
 * @since 0.1.0
 * @category running
 */
export const runModule = (
  module: ResolvedModule,
  target: string,
  options: Omit<RunProbeOptions, "moduleName"> = {},
): Promise<ProbeResult> =>
  runProbe(module.prober, target, module.settings as Readonly<Record<string, unknown>>, {
    ...options,
    timeoutMs: options.timeoutMs ?? module.timeoutMs,
    moduleName: module.name,
  });

// ---------------------------------------------------------------------------------------------
// The configuration's `modules:` map
// ---------------------------------------------------------------------------------------------

const Duration = Schema.String.check(
  Schema.makeFilter((s: string) => {
    const ms = Time.parseDuration(s);
    return (Number.isFinite(ms) && ms > 0) || "a duration like 5s or 1500ms";
  }),
);

/** A module as a configuration file writes it: blackbox's envelope, settings checked apart. */
const ModuleEnvelope = Schema.Struct({
  prober: Schema.Literals(PROBE_KINDS),
  timeout: Schema.optionalKey(Duration),
  icmp: Schema.optionalKey(Schema.Unknown),
  tcp: Schema.optionalKey(Schema.Unknown),
  http: Schema.optionalKey(Schema.Unknown),
  snmp: Schema.optionalKey(Schema.Unknown),
  host: Schema.optionalKey(Schema.Unknown),
});

const envelope = Schema.toStandardSchemaV1(ModuleEnvelope, { parseOptions: { onExcessProperty: "error" } });

/**
 * Reads a configuration's `modules:` map, blackbox_exporter's shape:
 *
 * ```yaml
 * modules:
 *   http_2xx_fast: { prober: http, timeout: 2s, http: { valid_status_codes: [200, 204] } }
 *   smtp_banner:   { prober: tcp, tcp: { query_response: [{ expect: "^220 " }] } }
 * ```
 *
 * `timeout` is a duration (`5s`, `1500ms`); the settings sit under the prober's name and may use
 * our keys or blackbox's snake_case ones. The first problem is an {@link InvalidModule} whose
 * path starts at the map (`http_2xx_fast.http.bogus`); null or absent is no modules.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeModules = (input: unknown): Result.Result<ModuleMap, InvalidModule> => {
  const fail = (path: ReadonlyArray<string | number>, expected: string) =>
    Result.fail(new InvalidModule({ path, expected }));
  if (input === undefined || input === null) return Result.succeed({});
  if (!isPlainObject(input)) return fail([], "a map of module names to modules");
  const out: Record<string, ProbeModule> = {};
  for (const [name, value] of Object.entries(input)) {
    if (name.trim() === "") return fail([name], "a module name that is not empty");
    if (!isPlainObject(value)) return fail([name], "a module: {prober, timeout, <prober>: settings}");
    const prober = value.prober;
    for (const key of Object.keys(value)) {
      if (key === "prober" || key === "timeout" || key === prober) continue;
      if (isKind(key) && isKind(prober))
        return fail(
          [name, key],
          `no ${key} settings (the prober is ${prober}; its settings go under ${prober})`,
        );
      if (!isKind(key))
        return fail([name, key], `prober, timeout or ${isKind(prober) ? prober : "the prober's name"}`);
    }
    const r = envelope["~standard"].validate(value);
    if (r instanceof Promise) throw new Error("the module schema is synchronous");
    if (r.issues !== undefined) {
      const issue = r.issues[0];
      const seg = issue?.path?.[0];
      const key = typeof seg === "object" ? seg.key : seg;
      return fail(
        key === undefined ? [name] : [name, String(key)],
        key === "prober"
          ? `a prober: one of ${PROBE_KINDS.join(", ")}`
          : (issue?.message ?? "a module").replace(/^Expected /, ""),
      );
    }
    const env = r.value;
    const settings = decodeSettings(env.prober, env[env.prober]);
    if (Result.isFailure(settings))
      return fail([name, env.prober, ...settings.failure.path], settings.failure.expected);
    const module = {
      prober: env.prober,
      ...(env.timeout === undefined ? {} : { timeoutMs: Time.parseDuration(env.timeout) }),
      ...(Object.keys(settings.success).length > 0 || env[env.prober] !== undefined
        ? { [env.prober]: settings.success }
        : {}),
    } as ProbeModule;
    Object.defineProperty(out, name, { value: module, enumerable: true, writable: true, configurable: true });
  }
  return Result.succeed(out);
};
