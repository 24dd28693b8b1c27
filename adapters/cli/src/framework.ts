/**
 * A small command framework: commands declare their arguments once, and parsing, validation and
 * `--help` all come from that declaration (so help cannot drift from what is accepted).
 * Usage errors become {@link ArgvError} (exit 2).
 *
 * Declarations are loaded eagerly and are cheap; a verb's `run` imports its implementation (and
 * with it effect, the parsers, the store, the probes…) only when that verb runs. So nothing here
 * may import @fleetlens/core, whose errors load effect.
 */
import { parseArgs } from "node:util";

/**
 * A usage error found while resolving the verb and parsing its arguments. It has the tag of
 * @fleetlens/core's UsageError (so it exits 2 like one) without loading effect.
 */
export class ArgvError extends Error {
  readonly _tag = "UsageError";
  readonly reason: string;
  constructor({ reason }: { reason: string }) {
    super(reason);
    this.name = "UsageError";
    this.reason = reason;
  }
}

export interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly description: string;
  readonly multiple?: boolean;
  readonly short?: string;
  readonly default?: string | boolean;
  /** Shown in help: `--window DURATION`. */
  readonly valueName?: string;
  /** Allowed values for a string option. */
  readonly choices?: readonly string[];
  /** Takes every following argument up to the next option: `--logins a.wtmp b.wtmp`. Implies multiple. */
  readonly variadic?: boolean;
}

export interface PositionalSpec {
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
  readonly variadic?: boolean;
}

export interface Io {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

export interface Parsed {
  readonly values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  readonly positionals: string[];
}

/** A verb's implementation: parsed arguments in, exit code out. */
export type Run = (args: Parsed, io: Io) => Promise<number>;

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly description?: string;
  readonly positionals?: readonly PositionalSpec[];
  readonly options?: Readonly<Record<string, OptionSpec>>;
  readonly examples?: readonly string[];
  readonly subCommands?: Readonly<Record<string, Command>>;
  /** Usually `(args, io) => import("./x.impl.js").then((m) => m.run(args, io))`: loaded when run. */
  readonly run?: Run;
}

export const defineCommand = (c: Command): Command => c;

const wrap = (text: string, indent: number, width = 100): string => {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let cur = "";
  for (const w of words) {
    if (cur.length + w.length + 1 > width - indent && cur) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  return lines.join(`\n${" ".repeat(indent)}`);
};

/** Help text rendered from the declaration. */
export const renderHelp = (cmd: Command, path: readonly string[]): string => {
  const out: string[] = [];
  const full = path.join(" ");
  const pos = (cmd.positionals ?? [])
    .map((p) => {
      const n = `${p.name}${p.variadic ? "..." : ""}`;
      return p.required ? n : `[${n}]`;
    })
    .join(" ");
  if (cmd.subCommands) {
    out.push(
      `Usage: ${full} <command> [options]`,
      "",
      wrap(cmd.description ?? cmd.summary, 0),
      "",
      "Commands:",
    );
    const names = Object.keys(cmd.subCommands);
    const w = Math.max(...names.map((n) => n.length));
    for (const n of names) out.push(`  ${n.padEnd(w)}  ${wrap(cmd.subCommands[n]!.summary, w + 4)}`);
    out.push("", `Run '${full} <command> --help' for a command's options.`);
  } else {
    out.push(`Usage: ${full}${pos ? ` ${pos}` : ""} [options]`, "", wrap(cmd.description ?? cmd.summary, 0));
    if (cmd.positionals?.length) {
      out.push("", "Arguments:");
      const w = Math.max(...cmd.positionals.map((p) => p.name.length));
      for (const p of cmd.positionals) out.push(`  ${p.name.padEnd(w)}  ${wrap(p.description, w + 4)}`);
    }
  }
  const opts = Object.entries(cmd.options ?? {});
  const rows = opts.map(([name, o]) => {
    const value = o.valueName ?? (o.choices ? o.choices.join("|") : "VALUE");
    const flag = `${o.short ? `-${o.short}, ` : "    "}--${name}${o.type === "string" ? ` ${value}${o.variadic ? "..." : ""}` : ""}`;
    let desc = o.description;
    if (o.variadic) desc += " (one or more)";
    else if (o.multiple) desc += " (repeatable)";
    if (o.default !== undefined && o.default !== false) desc += ` [default: ${String(o.default)}]`;
    return [flag, desc] as const;
  });
  rows.push(["-h, --help", "Show this help."]);
  const w = Math.max(...rows.map((r) => r[0].length));
  out.push("", "Options:");
  for (const [f, d] of rows) out.push(`  ${f.padEnd(w)}  ${wrap(d, w + 4)}`);
  if (cmd.examples?.length) {
    out.push("", "Examples:");
    for (const e of cmd.examples) out.push(`  ${e}`);
  }
  return `${out.join("\n")}\n`;
};

/** Parse argv for one (leaf) command; throws ArgvError naming the problem. */
export const parseCommandArgs = (cmd: Command, argv: readonly string[], path: readonly string[]): Parsed => {
  const options: Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }> = {
    help: { type: "boolean", short: "h" },
  };
  for (const [name, o] of Object.entries(cmd.options ?? {})) {
    options[name] = {
      type: o.type,
      ...(o.multiple || o.variadic ? { multiple: true } : {}),
      ...(o.short ? { short: o.short } : {}),
    };
  }
  // Variadic options (`--logins a b c`) become repeated ones (`--logins a --logins b --logins c`).
  const expanded: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    expanded.push(a);
    const name = a.startsWith("--") ? a.slice(2) : undefined;
    if (name === undefined || !cmd.options?.[name]?.variadic) continue;
    if (i + 1 < argv.length) expanded.push(argv[++i]!);
    while (i + 1 < argv.length && (argv[i + 1] === "-" || !argv[i + 1]!.startsWith("-"))) {
      expanded.push(a, argv[++i]!);
    }
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: expanded, options, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/s, "");
    throw new ArgvError({ reason: `${path.join(" ")}: ${msg}` });
  }
  const values = parsed.values as Parsed["values"];
  if (values.help) return { values, positionals: parsed.positionals };
  for (const [name, o] of Object.entries(cmd.options ?? {})) {
    const v = values[name];
    if (v === undefined && o.default !== undefined) values[name] = o.default;
    if (o.choices && typeof v === "string" && !o.choices.includes(v))
      throw new ArgvError({
        reason: `${path.join(" ")}: --${name} must be one of ${o.choices.join(", ")} (got "${v}")`,
      });
    if (o.choices && Array.isArray(v))
      for (const x of v)
        if (typeof x === "string" && !o.choices.includes(x))
          throw new ArgvError({
            reason: `${path.join(" ")}: --${name} must be one of ${o.choices.join(", ")} (got "${x}")`,
          });
  }
  const specs = cmd.positionals ?? [];
  const required = specs.filter((p) => p.required).length;
  const variadic = specs.some((p) => p.variadic);
  if (parsed.positionals.length < required) {
    const missing = specs.filter((p) => p.required)[parsed.positionals.length];
    throw new ArgvError({ reason: `${path.join(" ")}: missing argument ${missing?.name ?? ""}`.trimEnd() });
  }
  if (!variadic && parsed.positionals.length > specs.length)
    throw new ArgvError({
      reason: `${path.join(" ")}: unexpected argument "${parsed.positionals[specs.length]}"`,
    });
  return { values, positionals: parsed.positionals };
};

/** Resolve subcommands and run; returns the exit code. Errors propagate to the caller. */
export const dispatch = async (
  cmd: Command,
  argv: readonly string[],
  path: readonly string[],
  io: Io,
): Promise<number> => {
  if (cmd.subCommands) {
    const [first, ...rest] = argv;
    if (first === undefined || first === "--help" || first === "-h" || first === "help") {
      const stream = first === undefined ? io.stderr : io.stdout;
      stream.write(renderHelp(cmd, path));
      return first === undefined ? 2 : 0;
    }
    const sub = cmd.subCommands[first];
    if (!sub) {
      throw new ArgvError({
        reason: `${path.join(" ")}: unknown command "${first}" (known: ${Object.keys(cmd.subCommands).join(", ")})`,
      });
    }
    return dispatch(sub, rest, [...path, first], io);
  }
  const args = parseCommandArgs(cmd, argv, path);
  if (args.values.help) {
    io.stdout.write(renderHelp(cmd, path));
    return 0;
  }
  if (!cmd.run) throw new ArgvError({ reason: `${path.join(" ")}: nothing to run` });
  return cmd.run(args, io);
};

/** Typed accessors over parsed values. */
export const str = (a: Parsed, name: string): string | undefined => {
  const v = a.values[name];
  return typeof v === "string" ? v : undefined;
};
export const strs = (a: Parsed, name: string): string[] => {
  const v = a.values[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
  return typeof v === "string" ? [v] : [];
};
export const flag = (a: Parsed, name: string): boolean => a.values[name] === true;
