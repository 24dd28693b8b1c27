/**
 * The part of @fleetlens/core that does not load effect: time, line streaming, the parser
 * contract, addresses and the analyses, plus the record types (types only). Hot paths (parsers,
 * benchmarks, embedders that read millions of lines) import from here and start fast;
 * `@fleetlens/core` re-exports all of it with the Schemas and errors.
 *
 * @since 0.1.0
 * @module
 */

export * as Attributions from "./Attribution.js";
export {
  type AttributionOptions,
  type AttributionReport,
  type AttributionRow,
  analyse as analyseAttribution,
  attribute,
  type HostAttribution,
} from "./Attribution.js";
export * as Enrich from "./Enrich.js";
export {
  Enricher,
  type EnrichRow,
  enrich,
  history as licenceHistory,
  isTrunkLike,
  type NetworkSources,
  portKey,
  type Resolution,
} from "./Enrich.js";
export { EXIT_CODES, exitCodeOfTagged } from "./exit.js";
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
export * as Licence from "./Licence.js";
export {
  type DenialSummary,
  daemonKey,
  type FeatureUsage,
  type IssuedCounts,
  issuedFromLicenceFile,
  issuedFromLmstat,
  LicenceUsage,
  mergeIssued,
  restartScope,
  type UsageOptions,
  type UsageReport,
  type UsageSession,
  type UsageStats,
  type UserUsage,
  usage as licenceUsage,
} from "./Licence.js";
export * as Lines from "./Lines.js";
export { LineSplitter, lines, splitLines } from "./Lines.js";
export * as Logins from "./Logins.js";
export { activity as loginActivity, type LoginActivity } from "./Logins.js";
export * as Metrics from "./Metrics.js";
export {
  exposition,
  formatValue,
  lmstatSamples,
  type MetricsOptions,
  type Sample,
  usageSamples,
} from "./Metrics.js";
export * as Net from "./Net.js";
export * as OpenStack from "./OpenStack.js";
export { ActionDeriver, type DeriveOptions, type DeriveStats, deriveActions } from "./OpenStack.js";
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
export type { IdleVerdict, PeerReport, UtilSample, Verdict } from "./records/Idle.js";
export type {
  Attribution,
  AttributionStatus,
  LicenceEvent,
  LicenceEventKind,
  LicenceFileLine,
  LicenceHistory,
  LicenceSession,
  LicenceSnapshot,
  LmstatRecord,
} from "./records/Licence.js";
export type { EndReason, Login, LoginKind } from "./records/Login.js";
export type {
  DhcpHost,
  DhcpLease,
  InterfaceDescription,
  InventoryRow,
  MacTableEntry,
} from "./records/Network.js";
export type { Derivation, HttpRequest, OpenStackAction, OsLogRecord } from "./records/OpenStack.js";
export type { Packet, Proto } from "./records/Packet.js";
export type { FailureReason, MetricSample, ProbeResult } from "./records/Probe.js";
export type { ProcfsFile, ProcfsSample } from "./records/Procfs.js";
export type { SnmpType, SnmpVarbind, SnmpVarbindJson } from "./records/Snmp.js";
export { SNMP_TYPES, SNMP_VALUE_TYPES } from "./records/SnmpTypes.js";
export type { Socket, SocketProcess } from "./records/Socket.js";
export * as Time from "./Time.js";
export { formatIso, parseIso, UTC, type Zone, zone } from "./Time.js";
