/**
 * The one registry of parsers: kind -> `{ info, create, sniff }`. `fleetlens parse <kind>` looks
 * kinds up here; `auto` asks every `sniff` and takes the most confident.
 *
 * @since 0.1.0
 * @module
 */
import { parser as last } from "./last/index.js";
import { parser as pcap } from "./pcap/index.js";
import { parser as procNetTcp } from "./proc-net-tcp/index.js";
import { parser as ss } from "./ss/index.js";
import { parser as tcpdump } from "./tcpdump/index.js";
import type { Parser } from "./types.js";
import { parser as wtmp } from "./wtmp/index.js";

/** Every kind, in the order help lists them. @since 0.1.0 @category registry */
export const KINDS = ["wtmp", "last", "tcpdump", "pcap", "ss", "proc-net-tcp"] as const;
/** @since 0.1.0 @category registry */
export type Kind = (typeof KINDS)[number];

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
} satisfies Record<Kind, AnyParser>;

/** Whether a string names a kind. @since 0.1.0 @category registry */
export const isKind = (k: string): k is Kind => (KINDS as readonly string[]).includes(k);

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
