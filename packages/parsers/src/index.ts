/**
 * @fleetlens/parsers: one streaming parser per input format, each producing @fleetlens/core
 * records, and the registry that names them. Each format is also exported as a namespace
 * (`ss.parseSs`, `pcap.renderPcap`).
 *
 * @example
 * ```ts
 * import { parseAll } from "@fleetlens/core/lite";
 * import { registry } from "@fleetlens/parsers";
 * const { records, stats } = parseAll(registry.ss.create, "ESTAB 0 0 10.0.0.5:22 10.0.0.9:51000\n", {});
 * ```
 * @since 0.1.0
 * @module
 */
export * as ciscoIntDesc from "./cisco-int-desc/index.js";
export * as ciscoMacTable from "./cisco-mac-table/index.js";
export * as dhcpdConf from "./dhcpd-conf/index.js";
export * as dhcpdLeases from "./dhcpd-leases/index.js";
export * as flexlmLicense from "./flexlm-license/index.js";
export * as flexlmLog from "./flexlm-log/index.js";
export * as inventory from "./inventory/index.js";
export * as last from "./last/index.js";
export * as lmstat from "./lmstat/index.js";
export * as logwatch from "./logwatch/index.js";
export * as openstack from "./openstack/index.js";
export * as pcap from "./pcap/index.js";
export * as procNetTcp from "./proc-net-tcp/index.js";
export * as procfs from "./procfs/index.js";
export { isKind, KINDS, type Kind, registry, sniffKinds } from "./registry.js";
export * as snmpwalk from "./snmpwalk/index.js";
export * as ss from "./ss/index.js";
export * as tcpdump from "./tcpdump/index.js";
export type { Parser, ParserInfo, RecordName } from "./types.js";
export * as wtmp from "./wtmp/index.js";
