/**
 * `fleetlens peers uncommon` (declared in peers.ts): the seed's diff-ip-vm, generalised (quorum,
 * allow-list, own addresses never peers).
 */
import { analysePeers, PeerReport, UsageError } from "@fleetlens/core";
import { Schema } from "effect";
import { emptyReport, loadTraffic, parseSelf } from "../evidence.js";
import { type Io, type Parsed, str, strs } from "../framework.js";
import { RecordWriter, reportStats, resolveFormat } from "../output.js";
import { parseOptionsFrom } from "./common.impl.js";

/** `fleetlens peers uncommon` (declared in peers.ts). */
export const uncommon = async (args: Parsed, io: Io): Promise<number> => {
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
  reportStats(io, str(args, "stats"), "peers", files.length, report.stats, report.errors);
  return 0;
};
