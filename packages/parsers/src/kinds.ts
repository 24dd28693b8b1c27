/**
 * The parser kinds alone, with nothing else loaded: what a command's help or argument check needs
 * (`@fleetlens/parsers/kinds`) without loading every parser.
 *
 * @since 0.1.0
 * @module
 */

/** Every kind, in the order help lists them. @since 0.1.0 @category registry */
export const KINDS = [
  "wtmp",
  "last",
  "tcpdump",
  "pcap",
  "ss",
  "proc-net-tcp",
  "flexlm-log",
  "lmstat",
  "flexlm-license",
  "logwatch",
  "dhcpd-conf",
  "dhcpd-leases",
  "cisco-mac-table",
  "cisco-int-desc",
  "inventory",
  "openstack",
  "snmpwalk",
  "procfs",
] as const;
/** @since 0.1.0 @category registry */
export type Kind = (typeof KINDS)[number];

/** Whether a string names a kind. @since 0.1.0 @category registry */
export const isKind = (k: string): k is Kind => (KINDS as readonly string[]).includes(k);
