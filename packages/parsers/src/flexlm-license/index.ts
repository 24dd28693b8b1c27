/**
 * The `flexlm-license` parser: FlexLM licence files as {@link LicenceFileLine} records.
 *
 * @since 0.1.0
 * @module
 */
import type { LicenceFileLine } from "@fleetlens/core/lite";
import type { Parser } from "../types.js";
import { info, sniff } from "./info.js";
import { type FlexlmLicenseOptions, flexlmLicenseParser } from "./parse.js";

export { info, sniff } from "./info.js";
export {
  DROPPED_KEYWORDS,
  type FlexlmLicenseOptions,
  flexlmLicenseParser,
  licenceExpiry,
  parseFlexlmLicense,
} from "./parse.js";
export { type RenderFlexlmLicenseOptions, renderFlexlmLicense } from "./render.js";

/**
 * The registry entry of the `flexlm-license` kind.
 *
 * @since 0.1.0
 * @category registry
 */
export const parser = { info, create: flexlmLicenseParser, sniff } satisfies Parser<
  LicenceFileLine,
  FlexlmLicenseOptions
>;
