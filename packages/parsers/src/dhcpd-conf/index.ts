/**
 * The `dhcpd-conf` parser: ISC dhcpd.conf host declarations as {@link DhcpHost} records.
 *
 * @since 0.1.0
 * @module
 */
import type { DhcpHost } from "@fleetlens/core/lite";
import type { Parser } from "../types.js";
import { info, sniff } from "./info.js";
import { type DhcpdConfOptions, dhcpdConfParser } from "./parse.js";

export { info, sniff } from "./info.js";
export { dhcpdMac, Lexer, LineAccount } from "./lexer.js";
export {
  type DhcpdConfOptions,
  dhcpdConfParser,
  parseDhcpdConf,
  SCOPE_SEPARATOR,
  scopeLabel,
  vlanFromFileName,
} from "./parse.js";
export { quoteDhcpd, type RenderDhcpdConfOptions, renderDhcpdConf, scopeHeader } from "./render.js";

/**
 * The registry entry of the `dhcpd-conf` kind.
 *
 * @since 0.1.0
 * @category registry
 */
export const parser = { info, create: dhcpdConfParser, sniff } satisfies Parser<DhcpHost, DhcpdConfOptions>;
