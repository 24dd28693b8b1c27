/**
 * `fleetlens license …`: licence-server verbs. `watch` is the seed's inotify + `ss` capture done
 * properly: it follows the debug log across rotation and, for each new line, appends the date, the
 * socket snapshot for the licence port and the line to a logwatch file.
 */
import { execFile } from "node:child_process";
import { appendFile, readFile } from "node:fs/promises";
import { parseAll, type Socket, Time, UsageError } from "@fleetlens/core";
import { procNetTcp, ss } from "@fleetlens/parsers";
import { Follower } from "../follow.js";
import { defineCommand, flag, type Io, type Parsed, str } from "../framework.js";

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

const watchCommand = defineCommand({
  name: "watch",
  summary: "Follow a licence debug log and record who was connected at each line (the seed's logwatch).",
  description:
    "Follows the debug log (across rotation and truncation, like tail -F) and, for each new line, appends to --out: a `date` line, the `ss -n -t` lines of sockets on the licence port, and the log line. `license attribute` reads the result. Runs until interrupted, or for --duration seconds.",
  options: {
    log: { type: "string", valueName: "FILE", description: "The vendor daemon's debug log to follow." },
    port: { type: "string", valueName: "PORT", description: "The vendor daemon's TCP port." },
    out: { type: "string", valueName: "FILE", description: "The logwatch file to append to." },
    source: {
      type: "string",
      choices: ["ss", "proc"],
      default: "ss",
      description: "Where snapshots come from: the ss command, or /proc/net/tcp directly.",
    },
    "from-start": { type: "boolean", description: "Also record the lines already in the log." },
    duration: { type: "string", valueName: "SECONDS", description: "Stop after this long." },
    interval: { type: "string", valueName: "MS", default: "200", description: "Polling interval." },
  },
  examples: [
    "fleetlens license watch --log /usr/local/flexlm/orglabdebug.log --port 60213 --out /var/lib/fleetlens/logwatch",
  ],
  run: async (args: Parsed, io: Io) => {
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
  },
});

export const licenseCommand = defineCommand({
  name: "license",
  summary: "Licence-server usage, attribution and capture (FlexLM/FlexNet).",
  subCommands: { watch: watchCommand },
});
