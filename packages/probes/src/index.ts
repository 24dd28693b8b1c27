/**
 * @fleetlens/probes: ICMP, TCP, HTTP and SNMP probes with blackbox-style metrics, host metrics,
 * and the SNMP metric math (the thesis's formulas and the correct versions).
 *
 * @since 0.1.0
 * @module
 */

export {
  type CpuUse,
  collectHost,
  cpuUse,
  type DiskUse,
  type FilesystemUse,
  type HostCollection,
  type HostModule,
  type HostOptions,
  type HostSample,
  type HostSnapshot,
  type HostStatics,
  hostMetrics,
  hostProber,
  hostSnapshot,
  isPseudoFilesystem,
  type NetworkUse,
  type ProcessSample,
  type ProcessUse,
  PSEUDO_FILESYSTEMS,
  readHostSample,
  type UserSession,
} from "./host.js";
export {
  type HttpHeaderMatch,
  type HttpModule,
  httpDefaults,
  httpProbe,
  httpProber,
  targetUrl,
} from "./http.js";
export {
  type IcmpModule,
  icmpDefaults,
  icmpProbe,
  icmpProber,
  type PingOutput,
  type PingReply,
  parsePing,
  pingArgs,
  rttStats,
} from "./icmp.js";
export { BUILTIN_MODULE_NAMES, PROBE_KINDS } from "./kinds.js";
export {
  classifyError,
  describeError,
  finish,
  type IpChoice,
  ProbeFailure,
  resolveHost,
  sample,
  splitHostPort,
} from "./metrics.js";
export {
  BUILTIN_MODULES,
  type BuiltinModuleName,
  decodeModules,
  InvalidModule,
  kindModule,
  type ModuleError,
  ModuleKindMismatch,
  type ModuleMap,
  moduleNames,
  type ProbeModule,
  type ProbeModuleOf,
  type ResolvedModule,
  resolveModule,
  runModule,
  UnknownModule,
  withSettings,
} from "./modules.js";
export {
  type AnyProber,
  DEFAULT_TIMEOUT_MS,
  isProbeKind,
  type ModuleOf,
  type ProbeKind,
  probeEffect,
  probers,
  type RegisteredKind,
  type RunProbeOptions,
  runProbe,
} from "./registry.js";
export {
  type RunFn,
  type Runner,
  type RunnerClock,
  type RunnerOptions,
  type RunnerResult,
  type RunnerStats,
  type RunnerTarget,
  type SweepOptions,
  spreadOffset,
  startRunner,
  sweep,
  sweepEffect,
  targetId,
} from "./runner.js";
export * as SnmpMath from "./SnmpMath.js";
export {
  counter64ToBigInt,
  counterRate,
  cpuUsage,
  diskUsage,
  interfaceBitRate,
  type Measured,
  memoryUsage,
  type Rejection,
} from "./SnmpMath.js";
export {
  decodeSettings,
  formatSettingsPath,
  HostSettings,
  HttpHeaderMatchSettings,
  HttpSettings,
  IcmpSettings,
  type ModuleSettings,
  SETTING_ALIASES,
  SETTINGS,
  type SettingsIssue,
  SnmpSettings,
  SnmpUserSettings,
  settingKeys,
  TcpQueryStepSettings,
  TcpSettings,
  TlsConfigSettings,
} from "./settings.js";
export {
  makeSnmpProbe,
  pollSnmp,
  probeSnmp,
  SNMP_OIDS,
  type SnmpGroup,
  type SnmpHistory,
  type SnmpModule,
  type SnmpPoll,
  SnmpPollError,
  type SnmpUser,
  snmpDefaults,
  snmpHistory,
  snmpProber,
  snmpSamples,
  THESIS_OIDS,
} from "./snmp.js";
export { parseCertTime, peerChain, type TlsConfig, tlsMetrics, tlsOptions } from "./tls.js";
export type { ProbeContext, ProbeFn, Prober } from "./types.js";
