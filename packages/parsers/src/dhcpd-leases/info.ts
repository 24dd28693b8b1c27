/**
 * What the `dhcpd-leases` parser is, and how to recognise its input.
 *
 * @since 0.1.0
 * @module
 */
import type { ParserInfo } from "../types.js";

/**
 * The `dhcpd-leases` parser's self-description.
 *
 * @since 0.1.0
 * @category info
 */
export const info: ParserInfo = {
  kind: "dhcpd-leases",
  description:
    "ISC dhcpd.leases lease blocks (address, MAC, times, binding state, client hostname) and DHCPv6 IA addresses and prefixes as DhcpLease records",
  record: "DhcpLease",
  binary: false,
  variants: [
    "isc-dhcp 4.x dhcpd.leases(5): lease blocks appended at every change (all kept, in order)",
    "times `W YYYY/MM/DD HH:MM:SS` (UTC), `epoch N; # …` (db-time-format local), `never`",
    "uid as a quoted octal-escaped string or a hex list",
    "dhcpd -6: ia-na / ia-ta / ia-pd blocks, one record per iaaddr / iaprefix (start = the IA's cltt), IAID and DUID decoded (octal string or hex list, authoring-byte-order), MAC from a DUID-LLT / DUID-LL",
    "server-duid, authoring-byte-order, failover peer state blocks, OMAPI host blocks (ignored with reasons)",
  ],
  options: [],
};

const decoder = new TextDecoder("utf-8");

/**
 * Confidence that `head` is a dhcpd.leases file: 0.95 with a `lease IP {` block holding
 * `starts`/`binding state`, or a DHCPv6 `ia-na` / `ia-ta` / `ia-pd` block with an `iaaddr` /
 * `iaprefix`; 0.7 with dhcpd's leases header only; 0 for dhclient.leases (`lease {`).
 *
 * @since 0.1.0
 * @category info
 */
export const sniff = (head: Uint8Array): number => {
  const text = decoder.decode(head.subarray(0, 16384));
  const lease = /^\s*lease\s+[0-9a-fA-F.:]+\s*\{/m.test(text);
  if (lease && /^\s*(?:starts|binding state|ends)\s/m.test(text)) return 0.95;
  if (lease) return 0.7;
  if (
    /^\s*ia[-_](?:na|ta|pd)\s+(?:"|[0-9a-fA-F]{1,2}:)/m.test(text) &&
    /^\s*(?:iaaddr|iaprefix)\s/m.test(text)
  )
    return 0.95;
  if (/dhcpd\.leases\(5\)|^authoring-byte-order\s|^server-duid\s/m.test(text)) return 0.7;
  return 0;
};
