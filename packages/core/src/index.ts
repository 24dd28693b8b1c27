/**
 * @fleetlens/core: records (effect Schema), typed errors, time, line streaming and the pure
 * analyses. Modules are exported as namespaces (`Time.formatIso`) and their main names directly.
 * Everything but the Schemas and errors is also in `@fleetlens/core/lite`, which does not load
 * effect.
 *
 * @since 0.1.0
 * @module
 */
export * as Config from "./Config.js";
export { decodeConfig, interpolateEnv, redactDsn } from "./Config.js";
export * from "./errors.js";
export * from "./lite.js";
// Named (not star) exports: they take precedence over the type-only names of ./lite.js.
export { IdleVerdict, type IdleVerdictJson, PeerReport, UtilSample, Verdict } from "./records/Idle.js";
export { IsoTime } from "./records/IsoTime.js";
export {
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
export { EndReason, Login, type LoginJson, LoginKind } from "./records/Login.js";
export { DhcpHost, DhcpLease, InterfaceDescription, InventoryRow, MacTableEntry } from "./records/Network.js";
export { Derivation, HttpRequest, OpenStackAction, OsLogRecord } from "./records/OpenStack.js";
export { Packet, type PacketJson, Proto } from "./records/Packet.js";
export { FailureReason, MetricSample, ProbeResult } from "./records/Probe.js";
export { ProcfsFile, ProcfsSample } from "./records/Procfs.js";
export { SnmpType, SnmpVarbind, type SnmpVarbindJson } from "./records/Snmp.js";
export { Socket, type SocketJson, SocketProcess } from "./records/Socket.js";
