/**
 * `fleetlens peers uncommon`: the declaration (arguments, help). The implementation is in
 * peers.impl.ts, loaded only when the verb runs.
 */
import { defineCommand } from "../framework.js";
import { formatOption, peerOptions, statsOption, timeOptions } from "./common.js";

const uncommonCommand = defineCommand({
  name: "uncommon",
  summary: "Hosts that talk to peers the rest of the fleet does not.",
  description:
    "For each host's capture, list the peers not common to the fleet: a peer is common when at least --quorum of the hosts saw it (1 = every host, the seed's rule) or it is allow-listed. A host's own addresses are never its peers. Host names come from the file names ({host}.pcap, {host}-TCPDUMP).",
  options: {
    traffic: {
      type: "string",
      variadic: true,
      valueName: "FILE",
      description: "pcap/pcapng files or tcpdump text.",
    },
    ...peerOptions,
    ...timeOptions,
    ...formatOption,
    ...statsOption,
  },
  examples: [
    "fleetlens peers uncommon --traffic evidence/*.pcap",
    "fleetlens peers uncommon --traffic *-TCPDUMP --quorum 0.8 --allow 192.168.100.1/32 --format json",
  ],
  run: (args, io) => import("./peers.impl.js").then((m) => m.uncommon(args, io)),
});

export const peersCommand = defineCommand({
  name: "peers",
  summary: "Compare hosts' traffic peers across the fleet.",
  subCommands: { uncommon: uncommonCommand },
});
