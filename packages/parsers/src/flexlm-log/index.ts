/**
 * The `flexlm-log` parser: FlexLM / FlexNet Publisher debug logs as {@link LicenceEvent} records.
 *
 * @since 0.1.0
 * @module
 */
import type { LicenceEvent } from "@fleetlens/core/lite";
import type { Parser } from "../types.js";
import { info, sniff } from "./info.js";
import { type FlexlmLogOptions, flexlmLogParser } from "./parse.js";

export { info, sniff } from "./info.js";
export {
  BACKWARDS_TOLERANCE_SECONDS,
  type FlexlmLine,
  type FlexlmLogOptions,
  flexlmLogParser,
  PENDING_MAX,
  parseFlexlmLog,
  readFlexlmLine,
} from "./parse.js";
export { eventMessage, type RenderFlexlmLogOptions, renderFlexlmLog } from "./render.js";

/**
 * The registry entry of the `flexlm-log` kind.
 *
 * @since 0.1.0
 * @category registry
 */
export const parser = { info, create: flexlmLogParser, sniff } satisfies Parser<
  LicenceEvent,
  FlexlmLogOptions
>;
