/**
 * Module settings as configuration: one effect Schema per prober kind (the fields of
 * {@link HttpModule}, {@link TcpModule}, … with the ranges the probes themselves enforce), and
 * {@link decodeSettings}, which checks settings given as plain data (YAML, JSON, `--set`) and
 * names the first bad field by its path. An unknown key is an error listing the known ones.
 *
 * blackbox_exporter's snake_case keys are accepted where they mean the same as ours, each one
 * mapped explicitly ({@link SETTING_ALIASES}): `valid_status_codes` → `validStatusCodes`,
 * `tls_config.insecure_skip_verify` → `tlsConfig.insecureSkipVerify`, `query_response[].starttls`
 * → `queryResponse[].startTls`, … so a blackbox.yml module reads as is. Keys whose meaning
 * differs (`no_follow_redirects`, `ip_protocol_fallback`) are not aliased and are reported as
 * unknown. An error names the key as it was written.
 *
 * Pure: no I/O. Cross-field rules (an SNMPv3 user's keys for its security level) stay with the
 * probe, which reports them as a `config` failure.
 *
 * @since 0.1.0
 * @module
 */
import { Result, Schema } from "effect";
import type { HostModule } from "./host.js";
import type { HttpModule } from "./http.js";
import type { IcmpModule } from "./icmp.js";
import type { PROBE_KINDS } from "./kinds.js";
import type { SnmpModule } from "./snmp.js";
import type { TcpModule } from "./tcp.js";

type Kind = (typeof PROBE_KINDS)[number];

const optional = Schema.optionalKey;

/** A JavaScript regular expression that compiles. */
const Regex = Schema.String.check(
  Schema.makeFilter((s: string) => {
    try {
      new RegExp(s);
      return true;
    } catch (e) {
      return `a valid regular expression (${e instanceof Error ? e.message : String(e)})`;
    }
  }),
);

const IntBetween = (minimum: number, maximum: number) =>
  Schema.Int.check(Schema.isBetween({ minimum, maximum }));

const ipChoiceFields = {
  ipProtocol: optional(Schema.Literals(["ip4", "ip6", "auto"])),
  preferredIpProtocol: optional(Schema.Literals(["ip4", "ip6"])),
};

/**
 * TLS settings (`tlsConfig` of the tcp and http probes).
 *
 * @since 0.1.0
 * @category schemas
 */
export const TlsConfigSettings = Schema.Struct({
  insecureSkipVerify: optional(Schema.Boolean),
  serverName: optional(Schema.String),
  ca: optional(Schema.String),
  caFile: optional(Schema.String),
  cert: optional(Schema.String),
  certFile: optional(Schema.String),
  key: optional(Schema.String),
  keyFile: optional(Schema.String),
  minVersion: optional(Schema.Literals(["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"])),
});

/**
 * One header check of the http probe.
 *
 * @since 0.1.0
 * @category schemas
 */
export const HttpHeaderMatchSettings = Schema.Struct({
  header: Schema.NonEmptyString,
  regexp: Regex,
  allowMissing: optional(Schema.Boolean),
});

/**
 * Settings of the http probe.
 *
 * @since 0.1.0
 * @category schemas
 */
export const HttpSettings = Schema.Struct({
  ...ipChoiceFields,
  validStatusCodes: optional(Schema.Array(IntBetween(100, 599))),
  validHttpVersions: optional(Schema.Array(Schema.String.check(Schema.isPattern(/^HTTP\/\d(?:\.\d)?$/)))),
  method: optional(Schema.String.check(Schema.isPattern(/^[A-Za-z]+$/))),
  headers: optional(Schema.Record(Schema.String, Schema.String)),
  body: optional(Schema.String),
  followRedirects: optional(Schema.Boolean),
  maxRedirects: optional(IntBetween(0, 100)),
  failIfSsl: optional(Schema.Boolean),
  failIfNotSsl: optional(Schema.Boolean),
  failIfBodyMatchesRegexp: optional(Schema.Array(Regex)),
  failIfBodyNotMatchesRegexp: optional(Schema.Array(Regex)),
  failIfHeaderMatchesRegexp: optional(Schema.Array(HttpHeaderMatchSettings)),
  failIfHeaderNotMatchesRegexp: optional(Schema.Array(HttpHeaderMatchSettings)),
  tlsConfig: optional(TlsConfigSettings),
  compression: optional(Schema.Literals(["", "gzip", "deflate", "br"])),
  bodySizeLimit: optional(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))),
});

/**
 * One step of the tcp probe's conversation.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TcpQueryStepSettings = Schema.Struct({
  expect: optional(Regex),
  send: optional(Schema.String),
  startTls: optional(Schema.Boolean),
});

/**
 * Settings of the tcp probe.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TcpSettings = Schema.Struct({
  ...ipChoiceFields,
  tls: optional(Schema.Boolean),
  tlsConfig: optional(TlsConfigSettings),
  queryResponse: optional(Schema.Array(TcpQueryStepSettings)),
  sourceIpAddress: optional(Schema.NonEmptyString),
  maxLineBytes: optional(IntBetween(1, 16 * 1024 * 1024)),
});

/**
 * Settings of the icmp probe (the ranges its own check enforces).
 *
 * @since 0.1.0
 * @category schemas
 */
export const IcmpSettings = Schema.Struct({
  ...ipChoiceFields,
  count: optional(IntBetween(1, 10_000)),
  intervalSeconds: optional(Schema.Finite.check(Schema.isBetween({ minimum: 0.002, maximum: 3600 }))),
  maxLossRatio: optional(Schema.Finite.check(Schema.isBetween({ minimum: 0, maximum: 1 }))),
  ttl: optional(IntBetween(1, 255)),
  payloadSize: optional(IntBetween(0, 65_507)),
  dontFragment: optional(Schema.Boolean),
  sourceIpAddress: optional(Schema.NonEmptyString),
  pingPath: optional(Schema.NonEmptyString),
});

/**
 * An SNMPv3 user.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SnmpUserSettings = Schema.Struct({
  name: Schema.NonEmptyString,
  level: optional(Schema.Literals(["noAuthNoPriv", "authNoPriv", "authPriv"])),
  authProtocol: optional(Schema.Literals(["md5", "sha", "sha224", "sha256", "sha384", "sha512"])),
  authKey: optional(Schema.String),
  privProtocol: optional(Schema.Literals(["des", "aes", "aes256b", "aes256r"])),
  privKey: optional(Schema.String),
});

/**
 * Settings of the snmp probe.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SnmpSettings = Schema.Struct({
  version: optional(Schema.Literals(["2c", "3"])),
  community: optional(Schema.NonEmptyString),
  user: optional(Schema.NullOr(SnmpUserSettings)),
  port: optional(IntBetween(1, 65_535)),
  retries: optional(IntBetween(0, 10)),
  maxRepetitions: optional(IntBetween(1, 200)),
  groups: optional(Schema.Array(Schema.Literals(["cpu", "memory", "disk", "interfaces"]))),
});

/**
 * Settings of the host prober.
 *
 * @since 0.1.0
 * @category schemas
 */
export const HostSettings = Schema.Struct({
  root: optional(Schema.NonEmptyString),
  intervalMs: optional(IntBetween(0, 3_600_000)),
  topN: optional(IntBetween(0, 1000)),
});

/**
 * The settings schema of each kind.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SETTINGS = {
  icmp: IcmpSettings,
  tcp: TcpSettings,
  http: HttpSettings,
  snmp: SnmpSettings,
  host: HostSettings,
} as const satisfies { readonly [K in Kind]: Schema.Top };

interface Modules {
  readonly icmp: IcmpModule;
  readonly tcp: TcpModule;
  readonly http: HttpModule;
  readonly snmp: SnmpModule;
  readonly host: HostModule;
}

/**
 * The settings a module of kind `K` may give: any part of the prober's module type.
 *
 * @since 0.1.0
 * @category models
 */
export type ModuleSettings<K extends Kind> = Partial<Modules[K]>;

// Each schema has exactly the keys of its prober's module type, and decodes to a part of it.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Checked = {
  readonly [K in Kind]: Same<keyof (typeof SETTINGS)[K]["Type"], keyof Modules[K]> extends true
    ? (typeof SETTINGS)[K]["Type"] extends ModuleSettings<K>
      ? true
      : false
    : false;
};
const _settingsMatch: Checked = { icmp: true, tcp: true, http: true, snmp: true, host: true };
void _settingsMatch;

// ---------------------------------------------------------------------------------------------
// Shapes: field names, blackbox aliases and nested structs, for renaming and for messages
// ---------------------------------------------------------------------------------------------

/** One struct of the settings: what to call it, its fields, its aliases, and its nested structs. */
interface Shape {
  readonly label: string;
  readonly fields: ReadonlyArray<string>;
  readonly aliases: Readonly<Record<string, string>>;
  /** camelCase key → the struct it holds (`one`) or a list of (`each`). */
  readonly nested: Readonly<Record<string, { readonly one?: Shape; readonly each?: Shape }>>;
}

const IP_ALIASES = { preferred_ip_protocol: "preferredIpProtocol" } as const;

const TLS_SHAPE: Shape = {
  label: "tlsConfig",
  fields: Object.keys(TlsConfigSettings.fields),
  aliases: {
    insecure_skip_verify: "insecureSkipVerify",
    server_name: "serverName",
    ca_file: "caFile",
    cert_file: "certFile",
    key_file: "keyFile",
    min_version: "minVersion",
  },
  nested: {},
};

const HEADER_SHAPE: Shape = {
  label: "header check",
  fields: Object.keys(HttpHeaderMatchSettings.fields),
  aliases: { allow_missing: "allowMissing" },
  nested: {},
};

const STEP_SHAPE: Shape = {
  label: "queryResponse step",
  fields: Object.keys(TcpQueryStepSettings.fields),
  aliases: { starttls: "startTls" },
  nested: {},
};

const SNMP_USER_SHAPE: Shape = {
  label: "snmp user",
  fields: Object.keys(SnmpUserSettings.fields),
  aliases: {},
  nested: {},
};

const SHAPES: { readonly [K in Kind]: Shape } = {
  http: {
    label: "http",
    fields: Object.keys(HttpSettings.fields),
    aliases: {
      ...IP_ALIASES,
      valid_status_codes: "validStatusCodes",
      valid_http_versions: "validHttpVersions",
      follow_redirects: "followRedirects",
      fail_if_ssl: "failIfSsl",
      fail_if_not_ssl: "failIfNotSsl",
      fail_if_body_matches_regexp: "failIfBodyMatchesRegexp",
      fail_if_body_not_matches_regexp: "failIfBodyNotMatchesRegexp",
      // blackbox's older names for the body checks
      fail_if_matches_regexp: "failIfBodyMatchesRegexp",
      fail_if_not_matches_regexp: "failIfBodyNotMatchesRegexp",
      fail_if_header_matches: "failIfHeaderMatchesRegexp",
      fail_if_header_not_matches: "failIfHeaderNotMatchesRegexp",
      tls_config: "tlsConfig",
      body_size_limit: "bodySizeLimit",
    },
    nested: {
      tlsConfig: { one: TLS_SHAPE },
      failIfHeaderMatchesRegexp: { each: HEADER_SHAPE },
      failIfHeaderNotMatchesRegexp: { each: HEADER_SHAPE },
    },
  },
  tcp: {
    label: "tcp",
    fields: Object.keys(TcpSettings.fields),
    aliases: {
      ...IP_ALIASES,
      query_response: "queryResponse",
      tls_config: "tlsConfig",
      source_ip_address: "sourceIpAddress",
    },
    nested: { tlsConfig: { one: TLS_SHAPE }, queryResponse: { each: STEP_SHAPE } },
  },
  icmp: {
    label: "icmp",
    fields: Object.keys(IcmpSettings.fields),
    aliases: {
      ...IP_ALIASES,
      source_ip_address: "sourceIpAddress",
      payload_size: "payloadSize",
      dont_fragment: "dontFragment",
    },
    nested: {},
  },
  snmp: {
    label: "snmp",
    fields: Object.keys(SnmpSettings.fields),
    aliases: {},
    nested: { user: { one: SNMP_USER_SHAPE } },
  },
  host: { label: "host", fields: Object.keys(HostSettings.fields), aliases: {}, nested: {} },
};

/**
 * blackbox_exporter's snake_case keys accepted for ours, per kind (top level; nested ones such
 * as `tls_config.insecure_skip_verify` and `query_response[].starttls` are mapped too).
 *
 * @since 0.1.0
 * @category constants
 */
export const SETTING_ALIASES: { readonly [K in Kind]: Readonly<Record<string, string>> } = {
  icmp: SHAPES.icmp.aliases,
  tcp: SHAPES.tcp.aliases,
  http: SHAPES.http.aliases,
  snmp: SHAPES.snmp.aliases,
  host: SHAPES.host.aliases,
};

/**
 * The setting names of a kind (camelCase), in declaration order.
 *
 * @since 0.1.0
 * @category utils
 */
export const settingKeys = (kind: Kind): ReadonlyArray<string> => SHAPES[kind].fields;

// ---------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------

/**
 * Why settings were rejected: the path of the first bad field (as written, from the settings'
 * root) and what was expected there.
 *
 * @since 0.1.0
 * @category models
 */
export interface SettingsIssue {
  readonly path: ReadonlyArray<string | number>;
  readonly expected: string;
}

const isPlainObject = (u: unknown): u is Record<string, unknown> =>
  typeof u === "object" && u !== null && !Array.isArray(u);

/** Renames aliases to our keys throughout; a key given twice (alias and ours) is an issue. */
const rename = (
  input: unknown,
  shape: Shape,
  path: ReadonlyArray<string | number>,
): Result.Result<unknown, SettingsIssue> => {
  if (!isPlainObject(input)) return Result.succeed(input);
  const out: Record<string, unknown> = {};
  const from: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    const ours = Object.hasOwn(shape.aliases, key) ? shape.aliases[key]! : key;
    if (Object.hasOwn(out, ours))
      return Result.fail({
        path: [...path, key],
        expected: `only one of ${from[ours]} and ${key} (both set ${ours})`,
      });
    from[ours] = key;
    const inner = Object.hasOwn(shape.nested, ours) ? shape.nested[ours] : undefined;
    let renamed: unknown = value;
    if (inner?.one !== undefined) {
      const r = rename(value, inner.one, [...path, key]);
      if (Result.isFailure(r)) return r;
      renamed = r.success;
    } else if (inner?.each !== undefined && Array.isArray(value)) {
      const items: unknown[] = [];
      for (let i = 0; i < value.length; i++) {
        const r = rename(value[i], inner.each, [...path, key, i]);
        if (Result.isFailure(r)) return r;
        items.push(r.success);
      }
      renamed = items;
    }
    out[ours] = renamed;
  }
  return Result.succeed(out);
};

/**
 * Maps a path in the renamed settings back to the keys as written, and finds the struct the
 * path's last key belongs to (for an unknown key's message).
 */
const asWritten = (
  input: unknown,
  path: ReadonlyArray<PropertyKey>,
  root: Shape,
): { readonly path: Array<string | number>; readonly shape: Shape | null } => {
  const out: Array<string | number> = [];
  let value: unknown = input;
  let shape: Shape | null = root;
  let each: Shape | null = null;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if (typeof seg === "number") {
      out.push(seg);
      value = Array.isArray(value) ? value[seg] : undefined;
      shape = each;
      each = null;
      continue;
    }
    const key = String(seg);
    let written = key;
    if (isPlainObject(value) && !Object.hasOwn(value, key) && shape !== null) {
      const alias = Object.keys(value).find((k) => shape?.aliases[k] === key);
      if (alias !== undefined) written = alias;
    }
    out.push(written);
    if (i === path.length - 1) break;
    const inner: { readonly one?: Shape; readonly each?: Shape } | undefined =
      shape !== null && Object.hasOwn(shape.nested, key) ? shape.nested[key] : undefined;
    value = isPlainObject(value) ? value[written] : undefined;
    shape = inner?.one ?? null;
    each = inner?.each ?? null;
  }
  return { path: out, shape };
};

const lowerFirst = (s: string) => (s === "" ? s : `${s[0]!.toLowerCase()}${s.slice(1)}`);

const validators = new Map<Kind, (input: unknown) => unknown>();
const validatorOf = (kind: Kind) => {
  let v = validators.get(kind);
  if (v === undefined) {
    const std = Schema.toStandardSchemaV1(SETTINGS[kind] as Schema.Top & Schema.Codec<unknown, unknown>, {
      parseOptions: { onExcessProperty: "error" },
    });
    v = (input: unknown) => std["~standard"].validate(input);
    validators.set(kind, v);
  }
  return v;
};

interface StandardResult {
  readonly value?: unknown;
  readonly issues?: ReadonlyArray<{
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
  }>;
}

/**
 * Checks the settings of a `kind` given as plain data (blackbox aliases allowed) and returns
 * them with our keys, or the first issue with its path as written. Keys absent stay absent (the
 * prober's defaults apply when it runs).
 *
 * @example
 * ```ts
 * decodeSettings("http", { valid_status_codes: [200, 204] }); // Success { validStatusCodes: [200, 204] }
 * decodeSettings("http", { bogus: 1 });                      // Failure { path: ["bogus"], expected: "one of the http settings: …" }
 * ```
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeSettings = <K extends Kind>(
  kind: K,
  input: unknown,
): Result.Result<ModuleSettings<K>, SettingsIssue> => {
  const shape = SHAPES[kind];
  if (input === undefined || input === null) return Result.succeed({});
  if (!isPlainObject(input)) return Result.fail({ path: [], expected: `a map of ${kind} settings` });
  const renamed = rename(input, shape, []);
  if (Result.isFailure(renamed)) return Result.fail(renamed.failure);
  const r = validatorOf(kind)(renamed.success) as StandardResult | Promise<unknown>;
  if (r instanceof Promise) throw new Error("settings schemas are synchronous");
  const issue = r.issues?.[0];
  if (issue === undefined) return Result.succeed(r.value as ModuleSettings<K>);
  const segments = (issue.path ?? []).map((p) => (typeof p === "object" ? p.key : p));
  const at = asWritten(input, segments, shape);
  const expected =
    issue.message === "Expected no excess property"
      ? `one of the ${at.shape?.label ?? kind} settings: ${(at.shape?.fields ?? []).join(", ")}`
      : lowerFirst(issue.message.replace(/^Expected /, ""));
  return Result.fail({ path: at.path, expected });
};

/**
 * A settings path as text: `tlsConfig.insecureSkipVerify`, `queryResponse[0].expect`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatSettingsPath = (segments: ReadonlyArray<string | number>): string => {
  let out = "";
  for (const s of segments) out += typeof s === "number" ? `[${s}]` : out === "" ? s : `.${s}`;
  return out === "" ? "(root)" : out;
};
