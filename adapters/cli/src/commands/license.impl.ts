/**
 * `fleetlens license …` (declared in license.ts): licence-server verbs. `watch` is the seed's
 * inotify + `ss` capture done properly: it follows the debug log across rotation and, for each new
 * line, appends the date, the socket snapshot for the licence port and the line to a logwatch file.
 */
import { execFile } from "node:child_process";
import { appendFile, readFile } from "node:fs/promises";
import { basename } from "node:path";
import {
  Attribution,
  addStats,
  analyseAttribution,
  type DhcpHost,
  type DhcpLease,
  emptyStats,
  type InterfaceDescription,
  type InventoryRow,
  issuedFromLicenceFile,
  issuedFromLmstat,
  LicenceEvent,
  type LicenceFileLine,
  LicenceHistory,
  LicenceSession,
  type LicenceSnapshot,
  LicenceUsage,
  type LmstatRecord,
  licenceHistory,
  type MacTableEntry,
  mergeIssued,
  type ParseStats,
  parseAll,
  type Socket,
  Time,
  UsageError,
  type UsageReport,
} from "@fleetlens/core";
import { type Kind, procNetTcp, ss } from "@fleetlens/parsers";
import { Schema } from "effect";
import { sniffAmong } from "../evidence.js";
import { Follower } from "../follow.js";
import { flag, type Io, type Parsed, str, strs } from "../framework.js";
import { type Format, RecordWriter, reportStats, resolveFormat, writeValue } from "../output.js";
import { parseOptionsFrom } from "./common.impl.js";
import { type FileParse, parseFile } from "./parse.impl.js";

const execText = (cmd: string, argv: string[]): Promise<string> =>
  new Promise((resolve, reject) => {
    execFile(cmd, argv, { encoding: "utf8", maxBuffer: 64 << 20 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    );
  });

const onPort = (s: Socket, port: number): boolean => s.lport === port || s.pport === port;

/** The lines of `ss -n -t` for sockets on `port`, as ss printed them. */
export const ssSnapshot = async (port: number): Promise<string[]> => {
  const text = await execText("ss", ["-n", "-t"]);
  const out: string[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const { records } = parseAll(ss.ssParser, `${line}\n`, {});
    const s = records[0];
    if (s && onPort(s, port)) out.push(line);
  }
  return out;
};

/** The same from /proc/net/tcp{,6} (no `ss` needed), written in ss's layout. */
export const procSnapshot = async (port: number): Promise<string[]> => {
  const sockets: Socket[] = [];
  for (const f of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = await readFile(f, "utf8");
    } catch {
      continue;
    }
    for (const s of parseAll(procNetTcp.procNetTcpParser, text, {}).records)
      if (onPort(s, port) && s.state !== "LISTEN") sockets.push(s);
  }
  if (sockets.length === 0) return [];
  return ss
    .renderSs(sockets, { header: false })
    .split("\n")
    .filter((l) => l.trim() !== "");
};

/** `date`'s default output in UTC: `Sat Nov 21 21:04:05 UTC 2026`. */
export const dateLine = (ms: number): string => {
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, "0");
  return `${Time.WEEKDAYS[d.getUTCDay()]} ${Time.MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
};

/** `fleetlens license watch` (declared in license.ts). */
export const watch = async (args: Parsed, io: Io): Promise<number> => {
  const log = str(args, "log");
  const out = str(args, "out");
  const portText = str(args, "port");
  if (!log || !out || !portText)
    throw new UsageError({ reason: "license watch: --log, --port and --out are required" });
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new UsageError({ reason: `license watch: --port must be 1..65535 (got "${portText}")` });
  const interval = Number(str(args, "interval") ?? "200");
  if (!Number.isInteger(interval) || interval < 10 || interval > 60_000)
    throw new UsageError({ reason: "license watch: --interval must be 10..60000 ms" });
  const durationText = str(args, "duration");
  const duration = durationText === undefined ? undefined : Number(durationText);
  if (duration !== undefined && !(duration > 0))
    throw new UsageError({
      reason: `license watch: --duration must be a positive number (got "${durationText}")`,
    });
  const snapshot = str(args, "source") === "proc" ? procSnapshot : ssSnapshot;
  let lines = 0;
  const follower = new Follower(
    log,
    async (line) => {
      if (line.trim() === "") return;
      const sockets = await snapshot(port);
      // One append per group: a reader never sees a group cut in half by another writer.
      await appendFile(out, `${[dateLine(Date.now()), ...sockets, line].join("\n")}\n`);
      lines++;
    },
    { fromStart: flag(args, "from-start"), intervalMs: interval },
  );
  await follower.start();
  await new Promise<void>((resolve) => {
    const timer = duration === undefined ? undefined : setTimeout(() => done(), duration * 1000);
    const done = () => {
      process.off("SIGINT", done);
      process.off("SIGTERM", done);
      if (timer) clearTimeout(timer);
      resolve();
    };
    process.once("SIGINT", done);
    process.once("SIGTERM", done);
  });
  await follower.stop();
  io.stderr.write(`fleetlens: license watch: recorded ${lines} line(s) into ${out}\n`);
  return 0;
};

/** Parse files whose kind is one of `allowed` (sniffed), collecting records and stats. */
const loadAll = async <R>(
  files: readonly string[],
  allowed: readonly Kind[],
  role: string,
  io: Io,
  args: Parsed,
  acc: { stats: ParseStats; errors: FileParse["errors"] },
  extra: Record<string, unknown> = {},
): Promise<{ kind: Kind; file: string; records: R[] }[]> => {
  const out: { kind: Kind; file: string; records: R[] }[] = [];
  const base = { ...parseOptionsFrom(args), ...extra };
  for (const file of files) {
    const kind = allowed.length === 1 ? allowed[0]! : await sniffAmong(file, allowed, role);
    const records: R[] = [];
    const r = await parseFile<R>(kind, file, io, base, (batch) => {
      for (const x of batch) records.push(x);
    });
    acc.stats = addStats(acc.stats, r.stats);
    acc.errors.push(...r.errors);
    out.push({ kind, file, records });
  }
  return out;
};

const iso = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined ? null : Time.formatIso(ms);
const encodeSession = Schema.encodeSync(LicenceSession);
const encodeEvent = Schema.encodeSync(LicenceEvent);

/** The `license usage` JSON (DESIGN.md §3), times as ISO text. */
export const usageJson = (r: UsageReport) => ({
  features: r.features.map((f) => ({ ...f, peakAt: iso(f.peakAt) })),
  users: r.users.map((u) => ({ ...u, firstOut: iso(u.firstOut), lastIn: iso(u.lastIn) })),
  sessions: r.sessions.map((x) => ({ ...encodeSession(x), endReason: x.endReason })),
  denials: r.denials.map((d) => encodeEvent(d)),
  denialsByUser: r.denialsByUser,
  from: iso(r.from),
  to: iso(r.to),
});

const table = (rows: Record<string, unknown>[], cols: string[]): string => {
  if (rows.length === 0) return "(none)\n";
  const cell = (v: unknown) => (v === null || v === undefined ? "-" : String(v));
  const w = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (xs: string[]) =>
    xs
      .map((x, i) => x.padEnd(w[i]!))
      .join("  ")
      .trimEnd();
  return `${[line(cols.map((c) => c.toUpperCase())), ...rows.map((r) => line(cols.map((c) => cell(r[c]))))].join("\n")}\n`;
};

const writeSections = async (
  io: Io,
  format: Format,
  json: Record<string, unknown>,
  tables: { title: string; key: string; cols: string[] }[],
  csvKey: string,
) => {
  if (format === "json") return writeValue(io, "json", json);
  if (format === "table") {
    io.stdout.write(
      tables.map((t) => `${t.title}\n${table(json[t.key] as Record<string, unknown>[], t.cols)}`).join("\n"),
    );
    return;
  }
  const w = new RecordWriter(io, format);
  if (format === "csv") for (const row of json[csvKey] as Record<string, unknown>[]) w.write(row);
  else
    for (const t of tables)
      for (const row of json[t.key] as Record<string, unknown>[]) w.write({ type: t.key, ...row });
  await w.end();
};

/** `fleetlens license usage` (declared in license.ts). */
export const usage = async (args: Parsed, io: Io): Promise<number> => {
  const acc = { stats: emptyStats(), errors: [] as FileParse["errors"] };
  const logs = await loadAll<LicenceEvent | LicenceSnapshot>(
    args.positionals,
    ["flexlm-log", "logwatch"],
    "licence log",
    io,
    args,
    acc,
  );
  const lm = await loadAll<LmstatRecord>(strs(args, "lmstat"), ["lmstat"], "lmstat", io, args, acc);
  const lf = await loadAll<LicenceFileLine>(
    strs(args, "license-file"),
    ["flexlm-license"],
    "licence",
    io,
    args,
    acc,
  );
  const at = str(args, "at");
  const atMs = at === undefined ? undefined : Time.parseIso(at);
  if (atMs !== undefined && !Number.isFinite(atMs))
    throw new UsageError({ reason: `--at must be an ISO date-time (got "${at}")` });
  const issued = mergeIssued(
    issuedFromLmstat(lm.flatMap((x) => x.records)),
    issuedFromLicenceFile(
      lf.flatMap((x) => x.records),
      atMs,
    ),
  );
  const u = new LicenceUsage({ issued });
  for (const f of logs)
    for (const r of f.records) {
      const e = f.kind === "logwatch" ? (r as LicenceSnapshot).event : (r as LicenceEvent);
      if (e) u.add(e);
    }
  const json = usageJson(u.result(atMs));
  await writeSections(
    io,
    resolveFormat(str(args, "format"), io),
    json,
    [
      {
        title: "Features",
        key: "features",
        cols: ["feature", "issued", "peak", "peakAt", "sessions", "denials", "utilisation"],
      },
      {
        title: "Users",
        key: "users",
        cols: ["user", "host", "seconds", "unionSeconds", "spanSeconds", "sessions", "denials"],
      },
    ],
    "users",
  );
  reportStats(io, str(args, "stats"), "license-usage", args.positionals.length, acc.stats, acc.errors);
  return 0;
};

const stemOf = (file: string): string => basename(file).replace(/\.[^.]*$/, "");

/** `fleetlens license attribute` (declared in license.ts). */
export const attribute = async (args: Parsed, io: Io): Promise<number> => {
  const acc = { stats: emptyStats(), errors: [] as FileParse["errors"] };
  const portText = str(args, "port");
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536))
    throw new UsageError({ reason: `--port must be 1..65535 (got "${portText}")` });
  const snaps = await loadAll<LicenceSnapshot>(args.positionals, ["logwatch"], "logwatch", io, args, acc, {
    ...(port === undefined ? {} : { port }),
  });
  const dhcp = await loadAll<DhcpHost | DhcpLease>(
    strs(args, "dhcp"),
    ["dhcpd-conf", "dhcpd-leases"],
    "dhcpd",
    io,
    args,
    acc,
  );
  const cisco = await loadAll<MacTableEntry | InterfaceDescription>(
    strs(args, "mac-table"),
    ["cisco-mac-table", "cisco-int-desc"],
    "Cisco",
    io,
    args,
    acc,
  );
  const inv = await loadAll<InventoryRow>(strs(args, "inventory"), ["inventory"], "inventory", io, args, acc);
  const withSwitch = <T extends { switch: string | null }>(file: string, rows: T[]): T[] =>
    rows.map((r) => (r.switch === null ? { ...r, switch: stemOf(file) } : r));

  const snapshots = snaps.flatMap((s) => s.records);
  const report = analyseAttribution(snapshots);
  const u = new LicenceUsage({ keepSessions: false, keepDenials: false });
  for (const s of snapshots) if (s.event) u.add(s.event);
  const users = u.result().users;
  const history = licenceHistory(report.attributions, users, {
    dhcpHosts: dhcp.filter((d) => d.kind === "dhcpd-conf").flatMap((d) => d.records as DhcpHost[]),
    leases: dhcp.filter((d) => d.kind === "dhcpd-leases").flatMap((d) => d.records as DhcpLease[]),
    macTable: cisco
      .filter((c) => c.kind === "cisco-mac-table")
      .flatMap((c) => withSwitch(c.file, c.records as MacTableEntry[])),
    interfaces: cisco
      .filter((c) => c.kind === "cisco-int-desc")
      .flatMap((c) => withSwitch(c.file, c.records as InterfaceDescription[])),
    inventory: inv.flatMap((i) => i.records),
  });
  const encodeA = Schema.encodeSync(Attribution);
  const encodeH = Schema.encodeSync(LicenceHistory);
  const json = {
    attributions: report.attributions.map((a) => ({ ...encodeA(a), reason: a.reason })),
    history: history.map((h) => encodeH(h)),
  };
  await writeSections(
    io,
    resolveFormat(str(args, "format"), io),
    json,
    [
      {
        title: "Attributions",
        key: "attributions",
        cols: ["user", "host", "ip", "status", "confidence", "candidates", "evidence"],
      },
      {
        title: "History",
        key: "history",
        cols: [
          "user",
          "host",
          "ip",
          "mac",
          "hostname",
          "department",
          "vlan",
          "switch",
          "port",
          "description",
          "connectionSeconds",
        ],
      },
    ],
    "history",
  );
  reportStats(io, str(args, "stats"), "license-attribute", args.positionals.length, acc.stats, acc.errors);
  return 0;
};
