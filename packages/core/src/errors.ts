/**
 * Typed errors. Every error a user can see names where the problem is: the file and line (or byte
 * offset) for input, the path (`probes[3].timeout`) for configuration. Adapters map tags to exit
 * codes in one place: InputError 1, ConfigError and UsageError 2, CheckFailed 3.
 *
 * @since 0.1.0
 * @module
 */
import { Schema } from "effect";
import { exitCodeOfTagged } from "./exit.js";

/**
 * Unreadable or unusable input: a file that cannot be opened, a stream that fails, input of the
 * wrong kind as a whole. (A bad line inside a readable input is a counted skip, not an error.)
 *
 * @since 0.1.0
 * @category errors
 */
export class InputError extends Schema.TaggedError<InputError>()("InputError", {
  file: Schema.String,
  line: Schema.optionalKey(Schema.Finite),
  offset: Schema.optionalKey(Schema.Finite),
  reason: Schema.String,
}) {
  override get message(): string {
    const where =
      this.line !== undefined ? `:${this.line}` : this.offset !== undefined ? ` at byte ${this.offset}` : "";
    return `${this.file}${where}: ${this.reason}`;
  }
}

/**
 * Bad configuration: `path` names the field (`probes[3].timeout`), `expected` what was wanted.
 *
 * @since 0.1.0
 * @category errors
 */
export class ConfigError extends Schema.TaggedError<ConfigError>()("ConfigError", {
  file: Schema.optionalKey(Schema.String),
  path: Schema.String,
  expected: Schema.String,
}) {
  override get message(): string {
    return `${this.file ? `${this.file}: ` : ""}${this.path}: expected ${this.expected}`;
  }
}

/**
 * Bad command-line use: an unknown verb or kind, a missing argument, a malformed flag value.
 *
 * @since 0.1.0
 * @category errors
 */
export class UsageError extends Schema.TaggedError<UsageError>()("UsageError", {
  reason: Schema.String,
}) {
  override get message(): string {
    return this.reason;
  }
}

/**
 * A check the user asked for failed (`--strict` with a skipped line, a `--fail-on` threshold).
 *
 * @since 0.1.0
 * @category errors
 */
export class CheckFailed extends Schema.TaggedError<CheckFailed>()("CheckFailed", {
  reason: Schema.String,
}) {
  override get message(): string {
    return this.reason;
  }
}

/** Any fleetlens error. @since 0.1.0 @category errors */
export type FleetlensError = InputError | ConfigError | UsageError | CheckFailed;

/**
 * The exit code for an error, per DESIGN.md §2: 1 input/runtime, 2 usage/config, 3 check failed.
 *
 * @since 0.1.0
 * @category errors
 */
export const exitCodeOf = (e: unknown): 1 | 2 | 3 => exitCodeOfTagged(e) ?? 1;
