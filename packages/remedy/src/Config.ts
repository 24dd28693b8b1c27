/**
 * The remedy configuration (one YAML file, DESIGN.md §6): SSH access, which actions are enabled
 * for which class (none by default: every act is a dry run), the cool-down, classification rules
 * and trees laid over the built-in ones, and the notifiers. Decoding names the first bad field by
 * its path.
 *
 * @since 0.1.0
 * @module
 */
import { BlockList, isIP } from "node:net";
import { ConfigError, decodeConfig } from "@fleetlens/core";
import { Schema } from "effect";
import { DEFAULT_RULES, Rule } from "./Classify.js";
import { hostGlob } from "./KnownHosts.js";
import { isHost } from "./Safety.js";
import { checkTree, DEFAULT_TREES, Tree } from "./Tree.js";

const Seconds = (max: number) => Schema.Finite.check(Schema.isBetween({ minimum: 0.1, maximum: max }));
const User = Schema.String.check(Schema.isPattern(/^[a-z_][a-z0-9_.-]{0,31}$/i));
const Port = Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 65535 }));
const Fingerprint = Schema.String.check(Schema.isPattern(/^SHA256:[A-Za-z0-9+/]{43}=?$/));

/**
 * Settings for the hosts an entry matches, laid over the `ssh:` defaults. `match` is an exact host
 * name, a glob (`web*`, `*.lab.example`; `*` and `?`, case-insensitive) or a CIDR block
 * (`10.0.0.0/24`, `fd00::/8`) for hosts named by IP address. `address` is where to connect
 * instead of the alert's host name (host keys are then checked for the address, as OpenSSH's
 * known_hosts does: `address`, or `[address]:port` off port 22). `hostKeyFingerprints` pins the
 * keys accepted for these hosts.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SshHostConfig = Schema.Struct({
  match: Schema.String,
  address: Schema.optionalKey(Schema.String),
  port: Schema.optionalKey(Port),
  user: Schema.optionalKey(User),
  privateKey: Schema.optionalKey(Schema.String),
  knownHosts: Schema.optionalKey(Schema.String),
  hostKeyFingerprints: Schema.optionalKey(Schema.Array(Fingerprint)),
});

/** @since 0.1.0 @category models */
export type SshHostConfig = typeof SshHostConfig.Type;

/**
 * SSH access. Host keys must be known: `knownHosts` (an OpenSSH known_hosts file) or
 * `hostKeys` (host → `SHA256:…` fingerprint, as `ssh-keygen -lf` prints it); without either, no
 * command runs.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SshConfig = Schema.Struct({
  user: Schema.optionalKey(User),
  port: Schema.optionalKey(Port),
  privateKey: Schema.String,
  passphrase: Schema.optionalKey(Schema.String),
  knownHosts: Schema.optionalKey(Schema.String),
  hostKeys: Schema.optionalKey(Schema.Record(Schema.String, Fingerprint)),
  connectTimeoutSeconds: Schema.optionalKey(Seconds(300)),
  stepTimeoutSeconds: Schema.optionalKey(Seconds(3600)),
  maxOutputBytes: Schema.optionalKey(
    Schema.Int.check(Schema.isBetween({ minimum: 256, maximum: 16 * 1024 * 1024 })),
  ),
  /** Per-host settings: the first entry whose `match` fits the host overrides the fields above. */
  hosts: Schema.optionalKey(Schema.Array(SshHostConfig)),
});

/** @since 0.1.0 @category models */
export type SshConfig = typeof SshConfig.Type;

/**
 * A generic webhook: POST JSON to `url`, `Authorization: Bearer token` when a token is set.
 *
 * @since 0.1.0
 * @category schemas
 */
export const WebhookConfig = Schema.Struct({
  url: Schema.String.check(Schema.isPattern(/^https?:\/\/\S+$/)),
  token: Schema.optionalKey(Schema.String),
  timeoutSeconds: Schema.optionalKey(Seconds(300)),
  retries: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 10 }))),
});

/** @since 0.1.0 @category models */
export type WebhookConfig = typeof WebhookConfig.Type;

/**
 * The whole configuration.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RemedyConfig = Schema.Struct({
  ssh: Schema.optionalKey(SshConfig),
  /** class → action → enabled. Anything not enabled is a dry run. */
  actions: Schema.optionalKey(Schema.Record(Schema.String, Schema.Record(Schema.String, Schema.Boolean))),
  cooldownSeconds: Schema.optionalKey(
    Schema.Finite.check(Schema.isBetween({ minimum: 0, maximum: 30 * 86400 })),
  ),
  /** Tried before the built-in rules. */
  rules: Schema.optionalKey(Schema.Array(Rule)),
  /** Replace the built-in tree of a class, or add one. */
  trees: Schema.optionalKey(Schema.Record(Schema.String, Tree)),
  notify: Schema.optionalKey(
    Schema.Struct({
      webhook: Schema.optionalKey(WebhookConfig),
      log: Schema.optionalKey(Schema.Boolean),
    }),
  ),
});

/** @since 0.1.0 @category models */
export type RemedyConfig = typeof RemedyConfig.Type;

/**
 * Decode and check a configuration (YAML already parsed, `${ENV}` already filled in). Throws a
 * ConfigError naming the path of the first problem.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decodeRemedyConfig = (input: unknown, file?: string): RemedyConfig => {
  const config = decodeConfig(RemedyConfig, input ?? {}, file);
  for (const [cls, tree] of Object.entries(config.trees ?? {})) checkTree(tree, `trees.${cls}`, file);
  (config.ssh?.hosts ?? []).forEach((h, i) => {
    const fail = (field: string, expected: string) =>
      new ConfigError({
        ...(file === undefined ? {} : { file }),
        path: `ssh.hosts[${i}].${field}`,
        expected,
      });
    const bad = matchProblem(h.match);
    if (bad !== null) throw fail("match", bad);
    if (h.address !== undefined && !isHost(h.address))
      throw fail("address", `a host name or IP address, got ${JSON.stringify(h.address)}`);
  });
  return config;
};

/**
 * Where and how to reach one host: the result of {@link sshSettingsFor}. `match` is the index of
 * the `ssh.hosts` entry used, or null for the defaults. `fingerprints`, when not empty, are the
 * only host keys accepted; otherwise the `knownHosts` file decides (neither: nothing runs).
 *
 * @since 0.1.0
 * @category models
 */
export interface SshSettings {
  readonly host: string;
  readonly match: number | null;
  readonly address: string;
  readonly port: number;
  readonly user: string;
  readonly privateKey: string | null;
  readonly knownHosts: string | null;
  readonly fingerprints: readonly string[];
}

const CIDR_RE = /^([^/]+)\/(\d{1,3})$/;
const GLOB_RE = /^[A-Za-z0-9_.:*?-]+$/;

/** Why a `match` pattern is unusable, or null when it is fine. */
const matchProblem = (m: string): string | null => {
  const cidr = CIDR_RE.exec(m);
  if (cidr !== null) {
    const v = isIP(cidr[1]!);
    if (v === 0) return `a CIDR block with an IP address before the /, got ${JSON.stringify(m)}`;
    if (Number(cidr[2]) > (v === 4 ? 32 : 128))
      return `a CIDR prefix length of at most ${v === 4 ? 32 : 128}, got ${JSON.stringify(m)}`;
    return null;
  }
  return GLOB_RE.test(m)
    ? null
    : `a host name, a glob (*, ?) or a CIDR block (10.0.0.0/24), got ${JSON.stringify(m)}`;
};

/**
 * Whether a `ssh.hosts[].match` pattern fits a host: a CIDR block fits an IP address inside it,
 * anything else is a case-insensitive glob (`*`, `?`) over the whole name; a name without
 * wildcards is an exact match.
 *
 * @since 0.1.0
 * @category ssh
 */
export const hostMatches = (pattern: string, host: string): boolean => {
  const cidr = CIDR_RE.exec(pattern);
  if (cidr !== null) {
    const net = cidr[1]!;
    const v = isIP(net);
    const hv = isIP(host);
    if (v === 0 || hv !== v) return false;
    const family = v === 4 ? "ipv4" : "ipv6";
    const prefix = Number(cidr[2]);
    if (prefix > (v === 4 ? 32 : 128)) return false;
    const block = new BlockList();
    block.addSubnet(net, prefix, family);
    return block.check(host, family);
  }
  return hostGlob(pattern).test(host);
};

/**
 * The SSH settings for `host` (pure): the first `ssh.hosts` entry whose `match` fits the host
 * overrides the defaults field by field; no entry fits: the defaults. The address defaults to the
 * host itself, the port to 22, the user to root. Host keys: the entry's `hostKeyFingerprints`,
 * else the entry's `knownHosts` file, else the default `hostKeys` fingerprint of the address,
 * else the default `knownHosts` file.
 *
 * @since 0.1.0
 * @category ssh
 */
export const sshSettingsFor = (host: string, config: Partial<SshConfig> | undefined): SshSettings => {
  const hosts = config?.hosts ?? [];
  const i = hosts.findIndex((h) => hostMatches(h.match, host));
  const e: Partial<SshHostConfig> = i === -1 ? {} : hosts[i]!;
  const address = e.address ?? host;
  const fromDefaults = config?.hostKeys?.[address];
  const fingerprints =
    e.hostKeyFingerprints ?? (e.knownHosts === undefined && fromDefaults !== undefined ? [fromDefaults] : []);
  return {
    host,
    match: i === -1 ? null : i,
    address,
    port: e.port ?? config?.port ?? 22,
    user: e.user ?? config?.user ?? "root",
    privateKey: e.privateKey ?? config?.privateKey ?? null,
    knownHosts: e.knownHosts ?? config?.knownHosts ?? null,
    fingerprints,
  };
};

/**
 * `user@address:port` (`[address]` for IPv6), as the plan shows where a step would connect.
 *
 * @since 0.1.0
 * @category ssh
 */
export const sshTargetOf = (s: SshSettings): string =>
  `${s.user}@${s.address.includes(":") ? `[${s.address}]` : s.address}:${s.port}`;

/**
 * Rules in effect: the config's, then the built-in ones.
 *
 * @since 0.1.0
 * @category decoding
 */
export const rulesOf = (config: RemedyConfig): readonly Rule[] => [...(config.rules ?? []), ...DEFAULT_RULES];

/**
 * The tree for a class: the config's, else the built-in one, else none (notify only).
 *
 * @since 0.1.0
 * @category decoding
 */
export const treeOf = (config: RemedyConfig, cls: string): Tree | undefined =>
  config.trees?.[cls] ?? DEFAULT_TREES[cls];

/** The default cool-down: 15 minutes. @since 0.1.0 @category decoding */
export const DEFAULT_COOLDOWN_SECONDS = 900;
