/**
 * The `dhcpd-leases` parser: ISC dhcpd.leases (v4 leases and `dhcpd -6` IA addresses and
 * prefixes) as {@link DhcpLease} records.
 *
 * @since 0.1.0
 * @module
 */
import type { DhcpLease } from "@fleetlens/core/lite";
import type { Parser } from "../types.js";
import { info, sniff } from "./info.js";
import { type DhcpdLeasesOptions, dhcpdLeasesParser } from "./parse.js";

export { info, sniff } from "./info.js";
export {
  type DhcpdLeasesOptions,
  dhcpdLeasesParser,
  iaIdentifier,
  leaseTime,
  parseDhcpdLeases,
  uidHex,
} from "./parse.js";
export { leaseTimeText, type RenderDhcpdLeasesOptions, renderDhcpdLeases } from "./render.js";

/**
 * The registry entry of the `dhcpd-leases` kind.
 *
 * @since 0.1.0
 * @category registry
 */
export const parser = { info, create: dhcpdLeasesParser, sniff } satisfies Parser<
  DhcpLease,
  DhcpdLeasesOptions
>;
