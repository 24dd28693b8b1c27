/**
 * `fleetlens peers uncommon`: the seed's diff-ip-vm, generalised (quorum, allow-list, own
 * addresses never peers).
 */
import { analysePeers, PeerReport, UsageError } from "@fleetlens/core";
import { Schema } from "effect";
import { emptyReport, loadTraffic, parseSelf } from "../evidence.js";
import { defineCommand, type Io, type Parsed, str, strs } from "../framework.js";
import { RecordWriter, resolveFormat, statsLine } from "../output.js";
import { parseOptionsFrom, timeOptions } from "./common.js";
import { peerOptions } from "./idle.js";
import { formatOption, statsOption } from "./parse.js";

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
  run: async (args: Parsed, io: Io) => {
    const files = strs(args, "traffic");
    if (files.length === 0) throw new UsageError({ reason: "peers uncommon: give --traffic FILE..." });
    const quorum = Number(str(args, "quorum") ?? "1");
    if (!Number.isFinite(quorum) || quorum < 0 || quorum > 1)
      throw new UsageError({
        reason: `--quorum must be a number from 0 to 1 (got "${str(args, "quorum")}")`,
      });
    const host = str(args, "host");
    const report = emptyReport();
    const traffic = await loadTraffic(
      files,
      io,
      parseOptionsFrom(args),
      { ...(host ? { host } : {}), self: parseSelf(strs(args, "self"), host) },
      report,
    );
    let analysis: ReturnType<typeof analysePeers>;
    try {
      analysis = analysePeers(
        [...traffic.values()].map((t) => ({ host: t.host, peers: t.peers, self: t.self })),
        { quorum, allow: strs(args, "allow") },
      );
    } catch (e) {
      if (e instanceof RangeError) throw new UsageError({ reason: `peers uncommon: ${e.message}` });
      throw e;
    }
    const encode = Schema.encodeSync(PeerReport);
    const w = new RecordWriter(io, resolveFormat(str(args, "format"), io), [
      "host",
      "uncommonPeers",
      "commonPeers",
    ]);
    for (const r of analysis.reports) w.write(encode(r) as Record<string, unknown>);
    await w.end();
    for (const n of analysis.notes) io.stderr.write(`fleetlens: note: ${n}\n`);
    if (str(args, "stats") === "json")
      io.stderr.write(statsLine("peers", files.length, report.stats, report.errors));
    return 0;
  },
});

export const peersCommand = defineCommand({
  name: "peers",
  summary: "Compare hosts' traffic peers across the fleet.",
  subCommands: { uncommon: uncommonCommand },
});
