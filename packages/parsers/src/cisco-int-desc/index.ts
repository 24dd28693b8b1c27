/**
 * The `cisco-int-desc` parser: Cisco IOS `show interfaces description` and NX-OS `show interface
 * description` as {@link InterfaceDescription} records.
 *
 * @since 0.1.0
 * @module
 */
import type { InterfaceDescription } from "@fleetlens/core/lite";
import type { CiscoOptions } from "../cisco-mac-table/parse.js";
import type { Parser } from "../types.js";
import { info, sniff } from "./info.js";
import { interfaceDescriptionParser } from "./parse.js";

export { info, sniff } from "./info.js";
export { interfaceDescriptionParser, parseInterfaceDescriptions } from "./parse.js";
export { type RenderInterfaceDescriptionsOptions, renderInterfaceDescriptions } from "./render.js";

/**
 * The registry entry of the `cisco-int-desc` kind.
 *
 * @since 0.1.0
 * @category registry
 */
export const parser = {
  info,
  create: interfaceDescriptionParser,
  sniff,
} satisfies Parser<InterfaceDescription, CiscoOptions>;
