/**
 * @fleetlens/core: records (effect Schema), typed errors, time, line streaming and the pure
 * analyses. Modules are exported as namespaces (`Time.formatIso`) and their main names directly.
 *
 * @since 0.1.0
 * @module
 */

export * from "./errors.js";
export * as Idle from "./Idle.js";
export {
  defaults as idleDefaults,
  type FleetOptions,
  type IdleInput,
  type IdleOptions,
  type IdleOptionsInput,
  judgeFleet,
  judgeIdle,
  seedInactivePrediction,
} from "./Idle.js";
export * as Lines from "./Lines.js";
export { LineSplitter, lines, splitLines } from "./Lines.js";
export * as Logins from "./Logins.js";
export { activity as loginActivity, type LoginActivity } from "./Logins.js";
export * as Net from "./Net.js";
export * as Parse from "./Parse.js";
export {
  addStats,
  countingEmit,
  type Emit,
  emptyStats,
  lineParser,
  type ParseOptions,
  type ParseResult,
  type ParserFactory,
  type ParseStats,
  parseAll,
  parseStream,
  parseStreamAll,
  type Skip,
  type StreamParser,
} from "./Parse.js";
export * as Peers from "./Peers.js";
export {
  analyse as analysePeers,
  HostTraffic,
  type PeerAnalysis,
  seedDiffIpVm,
  type TrafficSummary,
  uncommonPeers,
} from "./Peers.js";
export * from "./records/Idle.js";
export * from "./records/IsoTime.js";
export * from "./records/Login.js";
export * from "./records/Packet.js";
export * from "./records/Socket.js";
export * as Time from "./Time.js";
export { formatIso, parseIso, UTC, type Zone, zone } from "./Time.js";
