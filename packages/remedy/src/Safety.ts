/**
 * The argument checks and the one quoting function (pure). Every value that comes from an alert's
 * labels is checked against a strict pattern before it may appear in a command; a command sent to
 * a host is its argv, each argument POSIX single-quoted by {@link shellQuote} (the only place a
 * command string is built).
 *
 * @since 0.1.0
 * @module
 */

/**
 * Container names: as Docker allows them, without a leading `-` or dot.
 *
 * @since 0.1.0
 * @category validation
 */
export const CONTAINER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/**
 * systemd service names (with the `.service` suffix), starting with a letter, digit or `@_.:`
 * never with `-` (which a command would read as an option).
 *
 * @since 0.1.0
 * @category validation
 */
export const UNIT_NAME = /^(?!-)[A-Za-z0-9@_.:-]{1,128}\.service$/;

const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6 = /^[0-9A-Fa-f:.]{2,45}$/;

/**
 * What a label value must be to be used as an argument.
 *
 * @since 0.1.0
 * @category validation
 */
export type ArgKind = "container" | "unit" | "host";

/**
 * Check a label value for use as an argument of kind `kind`: the value to use (a unit name gets
 * `.service` appended when it has no suffix), or the reason it may not be used.
 *
 * @example
 * ```ts
 * checkArg("container", "nginx")         // { ok: true, value: "nginx" }
 * checkArg("unit", "nginx")              // { ok: true, value: "nginx.service" }
 * checkArg("container", "nginx; rm -rf /") // { ok: false, reason: "…" }
 * ```
 * @since 0.1.0
 * @category validation
 */
export const checkArg = (
  kind: ArgKind,
  value: string,
): { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: string } => {
  const shown = JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  switch (kind) {
    case "container":
      return CONTAINER_NAME.test(value)
        ? { ok: true, value }
        : { ok: false, reason: `container name ${shown} does not match ${CONTAINER_NAME.source}` };
    case "unit": {
      const unit = /\.[A-Za-z]+$/.test(value) ? value : `${value}.service`;
      return UNIT_NAME.test(unit)
        ? { ok: true, value: unit }
        : { ok: false, reason: `unit name ${shown} is not a service unit matching ${UNIT_NAME.source}` };
    }
    case "host":
      return isHost(value)
        ? { ok: true, value }
        : { ok: false, reason: `host ${shown} is not a host name or IP address` };
  }
};

/**
 * True for a DNS host name, a dotted IPv4 address or an IPv6 address (no brackets, no zone).
 *
 * @since 0.1.0
 * @category validation
 */
export const isHost = (value: string): boolean =>
  IPV4.test(value) ||
  (HOSTNAME.test(value) && !/^[\d.]+$/.test(value)) ||
  (value.includes(":") && IPV6.test(value));

/**
 * POSIX shell single-quoting of one argument: `'…'`, with each `'` written as `'\''`. The result is
 * one word for any POSIX shell, whatever the text; a NUL (which no argument can hold) is refused.
 *
 * @example
 * ```ts
 * shellQuote("it's")   // "'it'\\''s'"
 * shellQuote("$(id)")  // "'$(id)'"
 * ```
 * @since 0.1.0
 * @category quoting
 */
export const shellQuote = (arg: string): string => {
  if (arg.includes("\u0000")) throw new Error("an argument cannot contain NUL");
  return `'${arg.replaceAll("'", `'\\''`)}'`;
};

/**
 * The command line sent to a host for `argv`: each argument quoted by {@link shellQuote}, joined
 * by spaces.
 *
 * @since 0.1.0
 * @category quoting
 */
export const commandLine = (argv: readonly string[]): string => argv.map(shellQuote).join(" ");
