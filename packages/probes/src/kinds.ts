/**
 * The probe kinds alone, with nothing else loaded: what a command's help or argument check needs
 * (`@fleetlens/probes/kinds`) without loading the probers. The registry is checked against it.
 *
 * @since 0.1.0
 * @module
 */

/** Every probe kind, in the order help lists them. @since 0.1.0 @category registry */
export const PROBE_KINDS = ["icmp", "tcp", "http", "snmp", "host"] as const;

/**
 * The built-in module names (`fleetlens probe TARGET --module NAME`, `/probe?module=NAME`), in
 * the order help lists them: blackbox_exporter's well-known names where the meaning matches,
 * plus `snmp_ucd`, `snmp_if` and `host`. The catalogue itself is `BUILTIN_MODULES` in
 * `@fleetlens/probes`, checked against this list.
 *
 * @since 0.1.0
 * @category registry
 */
export const BUILTIN_MODULE_NAMES = [
  "http_2xx",
  "http_post_2xx",
  "tcp_connect",
  "ssh_banner",
  "icmp",
  "snmp_ucd",
  "snmp_if",
  "host",
] as const;
