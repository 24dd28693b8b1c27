/**
 * A throw-away net-snmp agent for the `snmpwalk` parser's oracle tests, started like the probes'
 * one (packages/probes/test/support/snmpd.ts) through the shared startDaemon: `snmpd -f -C -c
 * CONF udp:127.0.0.1:PORT`, its config and persistent directory in a fresh temp directory. On top
 * of a read-only v2c community and a `disk /` line it serves values whose bytes the test knows:
 * sysDescr/sysContact/sysName/sysLocation from the config, and `extend` entries that `cat` files
 * written here (a string with newlines, quotes and a backslash, one whose lines look like
 * varbinds, binary bytes of 16, 32 and 87 bytes, UTF-8, an empty one).
 *
 * `tool()` runs snmpwalk / snmpbulkwalk / snmpget against it either without MIBs (MIBS and
 * MIBDIRS point at an empty directory) or with a MIB directory made of ./snmp-mibs (stand-ins for
 * the IETF modules Debian does not ship) and the real UCD-SNMP-MIB and NET-SNMP-*-MIB files from
 * /usr/share/snmp/mibs. Needs the Debian packages `snmpd` and `snmp`.
 */
import { execFile, spawn } from "node:child_process";
import { closeSync, copyFileSync, existsSync, openSync, readdirSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freeUdpPort, startDaemon, waitExit } from "../../../core/test/support/daemon.js";

const run = promisify(execFile);

const findBinary = (name: string): string | undefined =>
  ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"]
    .map((d) => join(d, name))
    .find((p) => existsSync(p));

/** Whether snmpd and the net-snmp tools are installed (the oracle tests skip without them). */
export const hasNetSnmp = ["snmpd", "snmpwalk", "snmpbulkwalk", "snmpget"].every(
  (b) => findBinary(b) !== undefined,
);

/** The net-snmp MIB files the MIB-loaded runs use (shipped by Debian's libsnmp-base). */
const NET_SNMP_MIBS = [
  "UCD-SNMP-MIB",
  "NET-SNMP-MIB",
  "NET-SNMP-AGENT-MIB",
  "NET-SNMP-EXTEND-MIB",
  "NET-SNMP-TC",
];
const SYSTEM_MIB_DIR = "/usr/share/snmp/mibs";
/** Whether the net-snmp MIB files are there (the MIB-loaded runs skip without them). */
export const hasNetSnmpMibs = NET_SNMP_MIBS.every((m) => existsSync(join(SYSTEM_MIB_DIR, `${m}.txt`)));

/** What the agent's configuration says, byte for byte. */
export const SYSTEM = {
  sysDescr: "fleetlens test agent",
  sysContact: "ops@example.com",
  sysName: "fleetlens-snmpwalk",
  // snmpd.conf reads the rest of the line as is: quotes and the backslash are part of the value
  sysLocation: 'Lab "room" 4\\ back',
} as const;

/**
 * The extend entries: token -> the exact bytes their command prints (`nsExtendOutputFull."token"`
 * carries them; net-snmp drops one trailing newline, so none has one).
 */
export const EXTENDS: Readonly<Record<string, Buffer>> = {
  multi: Buffer.from('line one\nline "two" \\ back\n\n  indented = INTEGER: 5\nlast line'),
  tricky: Buffer.from(
    'ends with quote"\nnext = STRING: "fake"\n.1.3.6.1.2.1.1.5.0 = STRING: "not a varbind"\n"',
  ),
  bin: Buffer.concat([
    Buffer.from([1, 2, 3, 0x61, 0x62, 0x63, 0xff, 0xfe]),
    Buffer.from("hello world binary data here 0123456789 and some more bytes to wrap several lines"),
  ]),
  // no NUL: extend reads its command's output as a C string
  bin16: Buffer.from(Array.from({ length: 16 }, (_, i) => 0x80 + i)),
  bin32: Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 1) & 0xff)),
  utf8: Buffer.from("héllo wörld — ünïcode"),
  empty: Buffer.alloc(0),
};

export interface Agent {
  readonly port: number;
  readonly community: string;
  /** Runs a tool with `-v2c -c COMMUNITY` and the agent's address before `args`; stdout. */
  tool(bin: "snmpwalk" | "snmpbulkwalk" | "snmpget", args: readonly string[], mibs: boolean): Promise<string>;
  stop(): Promise<void>;
}

/** Starts the agent; rejects with its log when it does not answer within 20 s. */
export const startAgent = async (): Promise<Agent> => {
  const snmpd = findBinary("snmpd");
  if (snmpd === undefined) throw new Error("snmpd not found: apt-get install -y snmpd snmp");
  const dir = await mkdtemp(join(tmpdir(), "fleetlens-snmpwalk-"));
  const persist = join(dir, "persist");
  const client = join(dir, "client");
  const noMibs = join(dir, "no-mibs");
  const mibDir = join(dir, "mibs");
  const outDir = join(dir, "out");
  for (const d of [persist, client, noMibs, mibDir, outDir]) await mkdir(d);
  const stubs = join(import.meta.dirname, "snmp-mibs");
  for (const f of readdirSync(stubs).filter((f) => f.endsWith(".txt")))
    copyFileSync(join(stubs, f), join(mibDir, f));
  if (hasNetSnmpMibs)
    for (const m of NET_SNMP_MIBS) copyFileSync(join(SYSTEM_MIB_DIR, `${m}.txt`), join(mibDir, `${m}.txt`));
  const extendLines: string[] = [];
  for (const [token, bytes] of Object.entries(EXTENDS)) {
    const file = join(outDir, token);
    await writeFile(file, bytes);
    await chmod(file, 0o644);
    extendLines.push(`extend ${token} /bin/cat ${file}`);
  }
  const community = "fleetlens-walk-3k";
  const conf = join(dir, "snmpd.conf");
  await writeFile(
    conf,
    [
      `[snmp] persistentDir ${persist}`,
      `rocommunity ${community} 127.0.0.1`,
      `sysDescr ${SYSTEM.sysDescr}`,
      `sysContact ${SYSTEM.sysContact}`,
      `sysName ${SYSTEM.sysName}`,
      `sysLocation ${SYSTEM.sysLocation}`,
      "disk /",
      ...extendLines,
      "",
    ].join("\n"),
  );
  const agentEnv = {
    ...process.env,
    SNMP_PERSISTENT_DIR: persist,
    SNMPCONFPATH: dir,
    MIBS: "",
    MIBDIRS: noMibs,
  };
  const clientEnv = (mibs: boolean) => ({
    ...process.env,
    SNMP_PERSISTENT_DIR: client,
    SNMPCONFPATH: client,
    MIBS: mibs ? "ALL" : "",
    MIBDIRS: mibs ? mibDir : noMibs,
  });
  const logFile = join(dir, "snmpd.log");
  const toolRun = async (bin: string, args: readonly string[], mibs: boolean): Promise<string> => {
    const path = findBinary(bin);
    if (path === undefined) throw new Error(`${bin} not found: apt-get install -y snmp`);
    return (await run(path, [...args], { env: clientEnv(mibs), maxBuffer: 64 << 20 })).stdout;
  };
  const { proc, port } = await startDaemon({
    name: "snmpd",
    dir,
    logFile,
    timeoutMs: 20_000,
    freePort: freeUdpPort,
    spawn: (p) => {
      const fd = openSync(logFile, "a");
      const child = spawn(
        snmpd,
        ["-f", "-Lo", "-C", "-c", conf, "-p", join(dir, "snmpd.pid"), `udp:127.0.0.1:${p}`],
        {
          cwd: dir,
          env: agentEnv,
          stdio: ["ignore", fd, fd],
        },
      );
      closeSync(fd);
      return child;
    },
    ready: async (p) =>
      (
        await toolRun(
          "snmpget",
          ["-v2c", "-c", community, "-On", "-t", "0.3", "-r", "0", `127.0.0.1:${p}`, "1.3.6.1.2.1.1.3.0"],
          false,
        )
      ).includes("1.3.6.1.2.1.1.3.0"),
  });
  return {
    port,
    community,
    tool: (bin, args, mibs) =>
      toolRun(bin, ["-v2c", "-c", community, "-t", "3", "-r", "1", `127.0.0.1:${port}`, ...args], mibs),
    stop: async () => {
      proc.kill("SIGTERM");
      if (!(await waitExit(proc, 10_000))) {
        proc.kill("SIGKILL");
        await waitExit(proc, 5000);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
};
