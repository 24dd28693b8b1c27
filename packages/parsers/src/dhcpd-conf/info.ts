/**
 * What the `dhcpd-conf` parser is, and how to recognise its input.
 *
 * @since 0.1.0
 * @module
 */
import type { ParserInfo } from "../types.js";

/**
 * The `dhcpd-conf` parser's self-description.
 *
 * @since 0.1.0
 * @category info
 */
export const info: ParserInfo = {
  kind: "dhcpd-conf",
  description:
    "ISC dhcpd.conf host declarations (hardware ethernet, fixed-address, options) as DhcpHost records",
  record: "DhcpHost",
  binary: false,
  variants: [
    "isc-dhcp 4.x dhcpd.conf(5): host blocks at top level or nested in shared-network / subnet / subnet6 / group / pool / class / if blocks",
    "one file per VLAN (dhcpd-513.conf): the VLAN from options or the file name",
    "statements spanning lines, several on a line, # comments, quoted strings with escapes, braces and semicolons",
    "fixed-address lists and DNS names, fixed-address6, hardware token-ring / fddi",
    "include lines (not followed: reported)",
  ],
  options: ["file"],
};

const decoder = new TextDecoder("utf-8");
const HOST = /(?:^|[\s;{}])host\s+[A-Za-z0-9_.-]+\s*\{/;
const HARDWARE = /hardware\s+ethernet\s+[0-9a-fA-F]{1,2}(?::[0-9a-fA-F]{1,2}){5}\s*;/;
const SCOPE =
  /^\s*(?:subnet\s+\d+\.\d+\.\d+\.\d+\s+netmask|shared-network\s|option\s+domain-name|ddns-update-style|authoritative;|default-lease-time)/m;

/**
 * Confidence that `head` is a dhcpd.conf: 0.9 with a host block holding `hardware ethernet`, 0.6
 * with dhcpd's scope declarations or global statements only; 0 for a leases file (`lease IP {`).
 *
 * @since 0.1.0
 * @category info
 */
export const sniff = (head: Uint8Array): number => {
  const text = decoder.decode(head.subarray(0, 16384));
  if (/^\s*lease\s+[0-9a-fA-F.:]+\s*\{/m.test(text)) return 0;
  if (HOST.test(text) && HARDWARE.test(text)) return 0.9;
  if (SCOPE.test(text)) return 0.6;
  return 0;
};
