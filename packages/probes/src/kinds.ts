/**
 * The probe kinds alone, with nothing else loaded: what a command's help or argument check needs
 * (`@fleetlens/probes/kinds`) without loading the probers. The registry is checked against it.
 *
 * @since 0.1.0
 * @module
 */

/** Every probe kind, in the order help lists them. @since 0.1.0 @category registry */
export const PROBE_KINDS = ["icmp", "tcp", "http", "snmp", "host"] as const;
