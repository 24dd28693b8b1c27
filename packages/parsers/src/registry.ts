/**
 * The one registry of parsers: kind -> `{ info, create, sniff }`. `fleetlens parse <kind>` looks
 * kinds up here; `auto` asks every `sniff` and takes the most confident.
 *
 * @since 0.1.0
 * @module
 */
import { parser as ciscoIntDesc } from "./cisco-int-desc/index.js";
import { parser as ciscoMacTable } from "./cisco-mac-table/index.js";
import { parser as dhcpdConf } from "./dhcpd-conf/index.js";
import { parser as dhcpdLeases } from "./dhcpd-leases/index.js";
import { parser as flexlmLicense } from "./flexlm-license/index.js";
import { parser as flexlmLog } from "./flexlm-log/index.js";
import { parser as inventory } from "./inventory/index.js";
import { KINDS, type Kind } from "./kinds.js";
import { parser as last } from "./last/index.js";
import { parser as lmstat } from "./lmstat/index.js";
import { parser as logwatch } from "./logwatch/index.js";
import { parser as openstack } from "./openstack/index.js";
import { parser as pcap } from "./pcap/index.js";
import { parser as procNetTcp } from "./proc-net-tcp/index.js";
import { parser as procfs } from "./procfs/index.js";
import { parser as snmpwalk } from "./snmpwalk/index.js";
import { parser as ss } from "./ss/index.js";
import { parser as tcpdump } from "./tcpdump/index.js";
import type { Parser } from "./types.js";
import { parser as wtmp } from "./wtmp/index.js";

export { isKind, KINDS, type Kind } from "./kinds.js";

// biome-ignore lint/suspicious/noExplicitAny: the registry holds parsers of different record types
type AnyParser = Parser<any, any>;

/** @since 0.1.0 @category registry */
export const registry = {
  wtmp,
  last,
  tcpdump,
  pcap,
  ss,
  "proc-net-tcp": procNetTcp,
  "flexlm-log": flexlmLog,
  lmstat,
  "flexlm-license": flexlmLicense,
  logwatch,
  "dhcpd-conf": dhcpdConf,
  "dhcpd-leases": dhcpdLeases,
  "cisco-mac-table": ciscoMacTable,
  "cisco-int-desc": ciscoIntDesc,
  inventory,
  openstack,
  snmpwalk,
  procfs,
} satisfies Record<Kind, AnyParser>;

/**
 * Rank every kind by its sniff confidence for the head of an input, best first.
 *
 * @since 0.1.0
 * @category registry
 */
export const sniffKinds = (head: Uint8Array): { kind: Kind; confidence: number }[] =>
  KINDS.map((kind) => {
    let confidence = 0;
    try {
      confidence = registry[kind].sniff(head);
    } catch {
      confidence = 0;
    }
    return { kind, confidence };
  }).sort((a, b) => b.confidence - a.confidence);
