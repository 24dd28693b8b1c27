/**
 * @fleetlens/probes: ICMP, TCP, HTTP and SNMP probes with blackbox-style metrics, host metrics,
 * and the SNMP metric math (the thesis's formulas and the correct versions).
 *
 * @since 0.1.0
 * @module
 */
export type { ProbeContext, ProbeFn, Prober } from "./types.js";
