/**
 * Configuration at the edge: values from YAML, flags or the environment are decoded with an
 * effect Schema, and a failure becomes one {@link ConfigError} naming the field path
 * (`probes[3].timeout`) and what was expected. `${NAME}` references pull secrets from the
 * environment without them ever appearing in messages.
 *
 * @since 0.1.0
 * @module
 */
import { Schema } from "effect";
import { ConfigError } from "./errors.js";

/**
 * Render a Schema issue path (`["probes"][3]["timeout"]`) as `probes[3].timeout`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatPath = (segments: ReadonlyArray<string | number>): string => {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else out += out === "" ? s : `.${s}`;
  }
  return out === "" ? "(root)" : out;
};

const AT_RE = /^\s*at (.*)$/m;
const SEGMENT_RE = /\[(?:"((?:[^"\\]|\\.)*)"|(\d+))\]/g;

/** Path segments of a SchemaError's first issue, from its message. */
const issuePath = (message: string): (string | number)[] => {
  const at = AT_RE.exec(message);
  if (!at) return [];
  const out: (string | number)[] = [];
  for (const m of at[1]!.matchAll(SEGMENT_RE)) out.push(m[1] !== undefined ? m[1] : Number(m[2]));
  return out;
};

/**
 * Decode `input` with `schema`; on failure throw a {@link ConfigError} for the first problem,
 * e.g. `config.yaml: probes[3].timeout: expected a positive number`.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeConfig = <S extends Schema.Top>(schema: S, input: unknown, file?: string): S["Type"] => {
  try {
    return Schema.decodeUnknownSync(schema as never)(input) as S["Type"];
  } catch (e) {
    const message = (e as Error).message ?? String(e);
    const expected = (message.split("\n")[0] ?? "a valid value").replace(/^Expected /, "");
    const path = formatPath(issuePath(message));
    throw new ConfigError({ ...(file === undefined ? {} : { file }), path, expected });
  }
};

const REF_RE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Replace `${NAME}` in every string of a configuration value with the environment's value. A
 * missing variable is a {@link ConfigError} naming the field and the variable (never its value).
 *
 * @since 0.1.0
 * @category decoding
 */
export const interpolateEnv = (
  value: unknown,
  env: Readonly<Record<string, string | undefined>>,
  file?: string,
  path: (string | number)[] = [],
): unknown => {
  if (typeof value === "string")
    return value.replace(REF_RE, (_, name: string) => {
      const v = env[name];
      if (v === undefined)
        throw new ConfigError({
          ...(file === undefined ? {} : { file }),
          path: formatPath(path),
          expected: `environment variable ${name} to be set`,
        });
      return v;
    });
  if (Array.isArray(value)) return value.map((v, i) => interpolateEnv(v, env, file, [...path, i]));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = interpolateEnv(v, env, file, [...path, k]);
    return out;
  }
  return value;
};

/**
 * A DSN with its password replaced by `***`, for messages and logs.
 *
 * @since 0.1.0
 * @category formatting
 */
export const redactDsn = (dsn: string): string =>
  dsn.replace(/^([a-z0-9+.-]+:\/\/[^:/@]*:)[^@]*@/i, "$1***@");
