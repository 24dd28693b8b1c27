/**
 * The remedy configuration (one YAML file, DESIGN.md §6): SSH access, which actions are enabled
 * for which class (none by default: every act is a dry run), the cool-down, classification rules
 * and trees laid over the built-in ones, and the notifiers. Decoding names the first bad field by
 * its path.
 *
 * @since 0.1.0
 * @module
 */
import { decodeConfig } from "@fleetlens/core";
import { Schema } from "effect";
import { DEFAULT_RULES, Rule } from "./Classify.js";
import { checkTree, DEFAULT_TREES, Tree } from "./Tree.js";

const Seconds = (max: number) => Schema.Finite.check(Schema.isBetween({ minimum: 0.1, maximum: max }));

/**
 * SSH access. Host keys must be known: `knownHosts` (an OpenSSH known_hosts file) or
 * `hostKeys` (host → `SHA256:…` fingerprint, as `ssh-keygen -lf` prints it); without either, no
 * command runs.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SshConfig = Schema.Struct({
  user: Schema.optionalKey(Schema.String.check(Schema.isPattern(/^[a-z_][a-z0-9_.-]{0,31}$/i))),
  port: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 65535 }))),
  privateKey: Schema.String,
  passphrase: Schema.optionalKey(Schema.String),
  knownHosts: Schema.optionalKey(Schema.String),
  hostKeys: Schema.optionalKey(
    Schema.Record(Schema.String, Schema.String.check(Schema.isPattern(/^SHA256:[A-Za-z0-9+/]{43}=?$/))),
  ),
  connectTimeoutSeconds: Schema.optionalKey(Seconds(300)),
  stepTimeoutSeconds: Schema.optionalKey(Seconds(3600)),
  maxOutputBytes: Schema.optionalKey(
    Schema.Int.check(Schema.isBetween({ minimum: 256, maximum: 16 * 1024 * 1024 })),
  ),
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
  return config;
};

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
