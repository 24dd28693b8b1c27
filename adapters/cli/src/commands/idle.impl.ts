/**
 * `fleetlens idle` (declared in idle.ts): load each host's logins, traffic and utilisation samples,
 * ask core for verdicts, write them (and, with --seed-files, the seed's two files).
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  CheckFailed,
  type IdleInput,
  IdleVerdict,
  idleDefaults,
  judgeFleet,
  seedDiffIpVm,
  seedInactivePrediction,
  Time,
  UsageError,
} from "@fleetlens/core";
import { Schema } from "effect";
import { emptyReport, loadLogins, loadMetrics, loadTraffic, parseSelf } from "../evidence.js";
import { flag, type Io, type Parsed, str, strs } from "../framework.js";
import { RecordWriter, reportStats, resolveFormat } from "../output.js";
import { parseOptionsFrom } from "./common.impl.js";

const num = (name: string, v: string | undefined, min: number, max: number): number => {
  const n = Number(v);
  if (v === undefined || !Number.isFinite(n) || n < min || n > max)
    throw new UsageError({ reason: `--${name} must be a number from ${min} to ${max} (got "${v}")` });
  return n;
};

export const parseAt = (v: string | undefined, name = "at"): number => {
  if (v === undefined || v === "now") return Date.now();
  const ms = Time.parseIso(v);
  if (!Number.isFinite(ms))
    throw new UsageError({ reason: `--${name} must be an ISO date-time or "now" (got "${v}")` });
  return ms;
};

const writeAtomic = async (path: string, text: string) => {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
};

const renderVerdictTable = (io: Io, verdicts: readonly IdleVerdict[]): string => {
  const color = io.stdout.isTTY === true && !io.env.NO_COLOR;
  const paint = (v: string) =>
    !color
      ? v
      : v === "idle"
        ? `\x1b[33m${v}\x1b[0m`
        : v === "active"
          ? `\x1b[32m${v}\x1b[0m`
          : `\x1b[2m${v}\x1b[0m`;
  const rows = verdicts.map((v) => [
    v.host,
    v.verdict,
    v.score.toFixed(2),
    v.lastLogin === null ? "-" : Time.formatIso(v.lastLogin).replace(/:\d\d(\.\d+)?Z$/, "Z"),
    String(v.loginDays),
    v.uncommonPeers.length === 0 ? "-" : String(v.uncommonPeers.length),
  ]);
  const head = ["HOST", "VERDICT", "SCORE", "LAST LOGIN", "LOGIN DAYS", "UNCOMMON PEERS"];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[], paintVerdict: boolean) =>
    r
      .map((c, i) => {
        const padded = c.padEnd(w[i]!);
        return paintVerdict && i === 1 ? padded.replace(c, paint(c)) : padded;
      })
      .join("  ")
      .trimEnd();
  const out = [line(head, false), ...rows.map((r) => line(r, true)), ""];
  for (const v of verdicts) {
    out.push(`${v.host}:`);
    for (const r of v.reasons) out.push(`  - ${r}`);
  }
  return `${out.join("\n")}\n`;
};

/** `fleetlens idle` (declared in idle.ts). */
export const run = async (args: Parsed, io: Io): Promise<number> => {
  const loginFiles = strs(args, "logins");
  const trafficFiles = strs(args, "traffic");
  const metricFiles = strs(args, "metrics");
  if (loginFiles.length + trafficFiles.length + metricFiles.length === 0)
    throw new UsageError({
      reason: "idle: give evidence: --logins FILE..., --traffic FILE... and/or --metrics FILE...",
    });
  const at = parseAt(str(args, "at"));
  const windowMs = Time.parseDuration(str(args, "window") ?? "14d");
  if (!Number.isFinite(windowMs) || windowMs <= 0)
    throw new UsageError({
      reason: `--window must be a duration like 14d or 36h (got "${str(args, "window")}")`,
    });
  const quorum = num("quorum", str(args, "quorum"), 0, 1);
  const collectedArg = str(args, "collected-at") ?? "mtime";
  const collectedAt = collectedArg === "mtime" ? "mtime" : parseAt(collectedArg, "collected-at");
  const host = str(args, "host");
  const self = parseSelf(strs(args, "self"), host);
  const base = parseOptionsFrom(args);
  const format = resolveFormat(str(args, "format"), io);
  const serviceAccounts = strs(args, "service-accounts");

  const report = emptyReport();
  const logins = await loadLogins(loginFiles, io, base, { ...(host ? { host } : {}), collectedAt }, report);
  const traffic = await loadTraffic(trafficFiles, io, base, { ...(host ? { host } : {}), self }, report);
  const metrics = await loadMetrics(metricFiles);

  const hosts = [...new Set([...logins.keys(), ...traffic.keys(), ...metrics.keys()])].sort();
  const inputs: IdleInput[] = hosts.map((h) => {
    const l = logins.get(h);
    return {
      host: h,
      ...(l ? { logins: l.logins, loginsBegin: l.begins, loginsCollectedAt: l.collectedAt } : {}),
      ...(traffic.has(h) ? { traffic: traffic.get(h) } : {}),
      ...(metrics.has(h) ? { util: metrics.get(h) } : {}),
    };
  });
  const allow = strs(args, "allow");
  let verdicts: readonly IdleVerdict[];
  try {
    verdicts = judgeFleet(inputs, {
      at,
      windowMs,
      zone: base.zone ?? idleDefaults.zone,
      ...(serviceAccounts.length ? { serviceAccounts } : {}),
      peers: { quorum, allow },
    });
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError({ reason: `idle: ${e.message}` });
    throw e;
  }

  const seedDir = str(args, "seed-files");
  if (seedDir) {
    await mkdir(seedDir, { recursive: true });
    const reports = verdicts
      .filter((v) => traffic.has(v.host))
      .map((v) => ({ host: v.host, uncommonPeers: v.uncommonPeers, commonPeers: 0 }));
    await writeAtomic(join(seedDir, "diff-ip-vm"), seedDiffIpVm(reports));
    await writeAtomic(join(seedDir, "inactive-vm-prediction"), seedInactivePrediction(verdicts));
  }

  if (format === "table") io.stdout.write(renderVerdictTable(io, verdicts));
  else {
    const encode = Schema.encodeSync(IdleVerdict);
    const w = new RecordWriter(io, format);
    for (const v of verdicts) w.write(encode(v) as Record<string, unknown>);
    await w.end();
  }
  reportStats(
    io,
    str(args, "stats"),
    "idle",
    loginFiles.length + trafficFiles.length + metricFiles.length,
    report.stats,
    report.errors,
  );
  const failOn = str(args, "fail-on");
  if (failOn) {
    const bad = verdicts.filter((v) => v.verdict === failOn);
    if (bad.length > 0)
      throw new CheckFailed({
        reason: `${bad.length} host(s) ${failOn}: ${bad.map((v) => v.host).join(", ")}`,
      });
  }
  if (flag(args, "strict") && report.stats.skipped > 0)
    throw new CheckFailed({ reason: `${report.stats.skipped} input line(s) skipped` });
  return 0;
};
