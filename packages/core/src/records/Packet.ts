/**
 * One packet, from tcpdump text or a pcap/pcapng capture.
 *
 * @since 0.1.0
 * @module
 */
import { Schema } from "effect";
import { IsoTime } from "./IsoTime.js";

/** @since 0.1.0 @category schemas */
export const Proto = Schema.Literals(["tcp", "udp", "icmp", "icmp6", "arp", "other"]);
/** @since 0.1.0 @category models */
export type Proto = typeof Proto.Type;

/**
 * Fields:
 * - `ts`: instant, null when the input has none (`tcpdump -t`) or only deltas (`-ttt`, `-ttttt`)
 * - `proto`: tcp | udp | icmp | icmp6 | arp | other
 * - `src`, `dst`: addresses as text (IPv4 dotted, IPv6 compressed; for ARP the protocol addresses)
 * - `sport`, `dport`: ports, null where the protocol has none
 * - `length`: what tcpdump prints as `length`: TCP/UDP payload bytes, ICMP/ARP length
 * - `iface` (optional): interface name or index where the capture says (pcapng, Linux cooked v2)
 * - `wireLength` (optional): bytes on the wire (pcap original length)
 *
 * @since 0.1.0
 * @category schemas
 */
export const Packet = Schema.Struct({
  ts: Schema.NullOr(IsoTime),
  proto: Proto,
  src: Schema.String,
  sport: Schema.NullOr(Schema.Finite),
  dst: Schema.String,
  dport: Schema.NullOr(Schema.Finite),
  length: Schema.Finite,
  iface: Schema.optionalKey(Schema.String),
  wireLength: Schema.optionalKey(Schema.Finite),
});
/** @since 0.1.0 @category models */
export type Packet = typeof Packet.Type;
/** @since 0.1.0 @category models */
export type PacketJson = typeof Packet.Encoded;
