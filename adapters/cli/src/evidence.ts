/**
 * Loading a fleet's evidence for `idle` and `peers`: which host each file belongs to (from its
 * name, as the seed named them), which kind it is (sniffed), and streaming it through the parsers
 * into per-host logins, traffic summaries and utilisation samples. No analysis here.
 */
import { readFile, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import {
  addStats,
  emptyStats,
  HostTraffic,
  InputError,
  type Login,
  type Packet,
  type ParseOptions,
  type ParseStats,
  parseAll,
  Time,
  type TrafficSummary,
  UsageError,
  UtilSample,
} from "@fleetlens/core";
import { type Kind, registry, sniffKinds } from "@fleetlens/parsers";
import { Schema } from "effect";
import { parseFile } from "./commands/parse.impl.js";
import type { Io } from "./framework.js";
import { readHead } from "./inputs.js";

const SUFFIXES = [
  "-VM-TCPDUMP",
  "-TCPDUMP",
  "-LAST",
  "-WTMP",
  ".tcpdump",
  ".pcapng",
  ".pcap",
  ".cap",
  ".wtmp",
  ".last",
  ".txt",
];

/** The host a file belongs to: its name without the seed's and fleetlens's suffixes. */
export const hostFromFile = (path: string): string => {
  let name = basename(path);
  for (let again = true; again; ) {
    again = false;
    for (const s of SUFFIXES) {
      if (name.length > s.length && name.toLowerCase().endsWith(s.toLowerCase())) {
        name = name.slice(0, -s.length);
        again = true;
        break;
      }
    }
  }
  return name;
};

/** Sniff a file among the allowed kinds; an InputError names it when it is none of them. */
export const sniffAmong = async (file: string, allowed: readonly Kind[], role: string): Promise<Kind> => {
  const head = await readHead(file);
  const best = sniffKinds(head).find((k) => allowed.includes(k.kind));
  if (!best || best.confidence < 0.3)
    throw new InputError({ file, reason: `not a ${role} file (expected ${allowed.join(" or ")})` });
  return best.kind;
};

export interface HostLogins {
  readonly host: string;
  readonly logins: Login[];
  /** When the login history starts (wtmp's first record / the "wtmp begins" trailer). */
  readonly begins: number | null;
  /** When the history was collected (the file's modification time, or --collected-at). */
  readonly collectedAt: number | null;
  readonly files: string[];
}

/** What loading read, across files: the parsers' counts and first errors. */
export interface LoadReport {
  stats: ParseStats;
  readonly errors: { file: string; line: number; reason: string }[];
}

export const emptyReport = (): LoadReport => ({ stats: emptyStats(), errors: [] });

const hostOf = (file: string, override: string | undefined): string => override ?? hostFromFile(file);

export const loadLogins = async (
  files: readonly string[],
  io: Io,
  base: ParseOptions,
  opts: { host?: string; collectedAt: "mtime" | number },
  report: LoadReport,
): Promise<Map<string, HostLogins>> => {
  const out = new Map<string, HostLogins>();
  for (const file of files) {
    const kind = await sniffAmong(file, ["wtmp", "last"], "login");
    const host = hostOf(file, opts.host);
    const entry = out.get(host) ?? { host, logins: [], begins: null, collectedAt: null, files: [] };
    const { stats, errors } = await parseFile<Login>(kind, file, io, base, (batch) => {
      for (const l of batch) entry.logins.push(l);
    });
    report.stats = addStats(report.stats, stats);
    report.errors.push(...errors);
    const beginsText = stats.inferred.begins;
    const begins = beginsText ? Time.parseIso(beginsText.split(" ")[0] ?? "") : Number.NaN;
    let earliest = Number.POSITIVE_INFINITY;
    for (const l of entry.logins) if (l.start < earliest) earliest = l.start;
    const b = Number.isFinite(begins) ? begins : Number.isFinite(earliest) ? earliest : null;
    const mtime = opts.collectedAt === "mtime" ? await fileMtime(file) : opts.collectedAt;
    out.set(host, {
      ...entry,
      begins: entry.begins === null ? b : b === null ? entry.begins : Math.min(entry.begins, b),
      collectedAt: entry.collectedAt === null ? mtime : Math.max(entry.collectedAt, mtime ?? 0),
      files: [...entry.files, file],
    });
  }
  return out;
};

const fileMtime = async (file: string): Promise<number | null> => {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return null;
  }
};

/**
 * The seed's capture files name the host's own address on their first line. The tcpdump parser
 * recognises that line (and reports it as `inferred.self`); run it over the first line alone so
 * the address is known before any packet is counted.
 */
const seedSelfLine = async (file: string): Promise<string[]> => {
  const head = new TextDecoder().decode(await readHead(file, 256));
  const nl = head.indexOf("\n");
  if (nl < 0) return [];
  const { stats } = parseAll(registry.tcpdump.create, head.slice(0, nl + 1), {});
  return stats.inferred.self ? [stats.inferred.self] : [];
};

/** Own addresses written by `fleetlens collect` beside a capture: `{host}.addrs`. */
const readAddrsFile = async (trafficFile: string, host: string): Promise<string[]> => {
  try {
    const text = await readFile(join(dirname(trafficFile), `${host}.addrs`), "utf8");
    return text
      .split("\n")
      .map((s) => s.trim())
      .filter((s) => s && !s.startsWith("#"));
  } catch {
    return [];
  }
};

export const loadTraffic = async (
  files: readonly string[],
  io: Io,
  base: ParseOptions,
  opts: { host?: string; self: Map<string, string[]> },
  report: LoadReport,
): Promise<Map<string, TrafficSummary>> => {
  const acc = new Map<string, HostTraffic>();
  const pending: { file: string; kind: Kind; host: string }[] = [];
  for (const file of files) {
    const kind = await sniffAmong(file, ["pcap", "tcpdump"], "traffic");
    pending.push({ file, kind, host: hostOf(file, opts.host) });
  }
  // Own addresses must be known before packets are added: collect them first.
  const selfByHost = new Map<string, Set<string>>();
  for (const { file, kind, host } of pending) {
    const set = selfByHost.get(host) ?? new Set<string>();
    for (const a of opts.self.get(host) ?? []) set.add(a);
    for (const a of await readAddrsFile(file, host)) set.add(a);
    if (kind === "tcpdump") for (const a of await seedSelfLine(file)) set.add(a);
    selfByHost.set(host, set);
  }
  for (const { file, kind, host } of pending) {
    let entry = acc.get(host);
    if (!entry) {
      entry = new HostTraffic(host, { self: [...(selfByHost.get(host) ?? [])] });
      acc.set(host, entry);
    }
    const t = entry;
    const { stats, errors } = await parseFile<Packet>(kind, file, io, base, (batch) => {
      for (const p of batch) t.add(p);
    });
    report.stats = addStats(report.stats, stats);
    report.errors.push(...errors);
  }
  return new Map([...acc].map(([h, t]) => [h, t.summary()]));
};

const decodeSample = Schema.decodeUnknownSync(UtilSample);

const oneLine = (e: unknown): string => {
  const msg = (e as Error).message ?? String(e);
  const [what, ...where] = msg.split("\n").map((s) => s.trim());
  const path = where.find((w) => w.startsWith("at "));
  return path
    ? `field ${path
        .slice(3)
        .replace(/\["?([^"\]]+)"?\]/g, ".$1")
        .replace(/^\./, "")}: ${what}`
    : (what ?? msg);
};

const NUMERIC = new Set(["intervalSeconds", "cpuVcpus", "rxBytesPerSecond", "txBytesPerSecond"]);

/**
 * Utilisation samples from NDJSON (one UtilSample per line) or CSV with a header naming the same
 * fields. A bad line stops the run with an InputError naming file, line and field.
 */
export const loadMetrics = async (files: readonly string[]): Promise<Map<string, UtilSample[]>> => {
  const out = new Map<string, UtilSample[]>();
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (e) {
      throw new InputError({ file, reason: `cannot open: ${(e as NodeJS.ErrnoException).code ?? e}` });
    }
    const lines = text.split(/\r?\n/);
    const first = lines.findIndex((l) => l.trim() !== "");
    const isCsv = first >= 0 && !lines[first]!.trimStart().startsWith("{");
    const header = isCsv ? lines[first]!.split(",").map((h) => h.trim()) : [];
    if (isCsv && !header.includes("host"))
      throw new InputError({
        file,
        line: first + 1,
        reason: "CSV header must name host, ts, intervalSeconds, …",
      });
    for (let i = isCsv ? first + 1 : 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.trim() === "" || line.startsWith("#")) continue;
      let raw: unknown;
      if (isCsv) {
        const cells = line.split(",");
        const o: Record<string, unknown> = {};
        header.forEach((h, j) => {
          const c = cells[j]?.trim();
          if (c === undefined || c === "") return;
          o[h] = NUMERIC.has(h) ? Number(c) : c;
        });
        raw = o;
      } else {
        try {
          raw = JSON.parse(line);
        } catch {
          throw new InputError({ file, line: i + 1, reason: "not a JSON object" });
        }
      }
      let s: UtilSample;
      try {
        s = decodeSample(raw);
      } catch (e) {
        throw new InputError({ file, line: i + 1, reason: oneLine(e) });
      }
      const list = out.get(s.host) ?? [];
      list.push(s);
      out.set(s.host, list);
    }
  }
  return out;
};

/** `--self HOST=IP[,IP]` (or a bare IP when one host is analysed). */
export const parseSelf = (
  values: readonly string[],
  singleHost: string | undefined,
): Map<string, string[]> => {
  const out = new Map<string, string[]>();
  for (const v of values) {
    const eq = v.indexOf("=");
    const host = eq >= 0 ? v.slice(0, eq) : singleHost;
    if (!host) throw new UsageError({ reason: `--self "${v}": use HOST=IP[,IP] (or --host with a bare IP)` });
    const ips = (eq >= 0 ? v.slice(eq + 1) : v).split(",").filter(Boolean);
    out.set(host, [...(out.get(host) ?? []), ...ips]);
  }
  return out;
};
