/**
 * A throw-away net-snmp agent for integration tests: `snmpd -f -Lo -C -c CONF -p PIDFILE
 * udp:127.0.0.1:PORT` at a free high port, its own config and persistent directory in a fresh
 * directory under os.tmpdir() (nothing root-owned is read or written: `-C` skips the system
 * config, SNMP_PERSISTENT_DIR / `[snmp] persistentDir` keep the engine id and the v3 users in the
 * temp directory, MIBS/MIBDIRS point nowhere so no MIB files are parsed). It exposes everything
 * (UCD-SNMP-MIB, IF-MIB …) read-only to a v2c community bound to 127.0.0.1 and to two v3 users
 * (SHA+AES and MD5+DES, authPriv), with a `disk /` line for dskTable. `snmpget`/`snmpwalk` run
 * the net-snmp command-line tools against it with the same isolation. Needs the Debian packages
 * `snmpd` and `snmp`.
 */
import { execFile, spawn } from "node:child_process";
import { closeSync, existsSync, openSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freeUdpPort, startDaemon, waitExit } from "../../../core/test/support/daemon.js";

const run = promisify(execFile);

/** A v3 user of the test agent. */
export interface TestUser {
  readonly name: string;
  readonly authProtocol: "sha" | "md5";
  readonly authKey: string;
  readonly privProtocol: "aes" | "des";
  readonly privKey: string;
}

/** One value as the net-snmp tools print it (`-On -Ot`): its type word and text. */
export interface ToolValue {
  readonly type: string;
  readonly text: string;
}

export interface Snmpd {
  readonly host: "127.0.0.1";
  readonly port: number;
  readonly community: string;
  /** authPriv users: SHA+AES, MD5+AES, MD5+DES. */
  readonly users: { readonly sha: TestUser; readonly md5: TestUser; readonly md5des: TestUser };
  /** `snmpget` with v2c (default) or a v3 user; OID (no leading dot) → value, or null when missing. */
  snmpget(oids: readonly string[], user?: TestUser): Promise<Map<string, ToolValue | null>>;
  /** `snmpbulkwalk -v2c` of a subtree; OID → value. */
  snmpwalk(oid: string): Promise<Map<string, ToolValue>>;
  /** The agent's log so far. */
  log(): Promise<string>;
  stop(): Promise<void>;
}

const findBinary = (name: string, pkg: string): string => {
  for (const dir of ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"]) {
    if (existsSync(join(dir, name))) return join(dir, name);
  }
  throw new Error(`${name} not found: install ${pkg} (apt-get install -y ${pkg})`);
};

const LINE = /^\.?([\d.]+) = (?:([A-Za-z0-9-]+): )?(.*)$/;

/** Parses `-On -Ot` output lines: `.1.3.6… = TYPE: value` (`= 123` for timeticks, `= ""`). */
export const parseToolOutput = (stdout: string): Map<string, ToolValue | null> => {
  const out = new Map<string, ToolValue | null>();
  for (const line of stdout.split("\n")) {
    const m = LINE.exec(line.trim());
    if (m === null) continue;
    const oid = m[1] as string;
    const type = m[2] ?? "";
    let text = m[3] as string;
    if (type === "" && /^No Such (Instance|Object)|^No more variables/.test(text)) {
      out.set(oid, null);
      continue;
    }
    if (text.startsWith('"') && text.endsWith('"') && text.length >= 2) text = text.slice(1, -1);
    out.set(oid, { type: type === "" && /^\d+$/.test(text) ? "Timeticks" : type, text });
  }
  return out;
};

/** Starts an agent; rejects with its log when it does not answer within 20 s. */
export const startSnmpd = async (): Promise<Snmpd> => {
  const snmpd = findBinary("snmpd", "snmpd");
  const snmpgetBin = findBinary("snmpget", "snmp");
  const snmpwalkBin = findBinary("snmpbulkwalk", "snmp");
  const dir = await mkdtemp(join(tmpdir(), "fleetlens-snmpd-"));
  const persist = join(dir, "persist");
  const client = join(dir, "client");
  await mkdir(persist);
  await mkdir(client);
  const community = "fleetlens-ro-7q";
  const users = {
    sha: {
      name: "flsha",
      authProtocol: "sha",
      authKey: "auth-sha-8472",
      privProtocol: "aes",
      privKey: "priv-aes-1936",
    },
    md5: {
      name: "flmd5",
      authProtocol: "md5",
      authKey: "auth-md5-5521",
      privProtocol: "aes",
      privKey: "priv-aes-7702",
    },
    md5des: {
      name: "flmd5des",
      authProtocol: "md5",
      authKey: "auth-md5-3318",
      privProtocol: "des",
      privKey: "priv-des-4410",
    },
  } as const satisfies Record<string, TestUser>;
  const conf = join(dir, "snmpd.conf");
  await writeFile(
    conf,
    [
      `[snmp] persistentDir ${persist}`,
      `rocommunity ${community} 127.0.0.1`,
      ...Object.values(users).map(
        (u) =>
          `createUser ${u.name} ${u.authProtocol.toUpperCase()} "${u.authKey}" ${u.privProtocol.toUpperCase()} "${u.privKey}"`,
      ),
      ...Object.values(users).map((u) => `rouser ${u.name} priv`),
      "disk /",
      "",
    ].join("\n"),
  );
  const agentEnv = {
    ...process.env,
    SNMP_PERSISTENT_DIR: persist,
    SNMPCONFPATH: dir,
    MIBS: "",
    MIBDIRS: dir,
  };
  const clientEnv = {
    ...process.env,
    SNMP_PERSISTENT_DIR: client,
    SNMPCONFPATH: client,
    MIBS: "",
    MIBDIRS: client,
  };
  const logFile = join(dir, "snmpd.log");
  const tool = async (bin: string, args: string[]) =>
    (await run(bin, args, { env: clientEnv, maxBuffer: 16 << 20 })).stdout;
  const v3args = (u: TestUser) => [
    "-v3",
    "-l",
    "authPriv",
    "-u",
    u.name,
    "-a",
    u.authProtocol.toUpperCase(),
    "-A",
    u.authKey,
    "-x",
    u.privProtocol.toUpperCase(),
    "-X",
    u.privKey,
  ];
  const { proc: agent, port } = await startDaemon({
    name: "snmpd",
    dir,
    logFile,
    timeoutMs: 20_000,
    freePort: freeUdpPort,
    spawn: (port) => {
      const fd = openSync(logFile, "a");
      const p = spawn(
        snmpd,
        ["-f", "-Lo", "-C", "-c", conf, "-p", join(dir, "snmpd.pid"), `udp:127.0.0.1:${port}`],
        { cwd: dir, env: agentEnv, stdio: ["ignore", fd, fd] },
      );
      closeSync(fd);
      return p;
    },
    ready: async (port) => {
      const o = await tool(snmpgetBin, [
        "-v2c",
        "-c",
        community,
        "-On",
        "-t",
        "0.3",
        "-r",
        "0",
        `127.0.0.1:${port}`,
        "1.3.6.1.2.1.1.3.0",
      ]);
      return o.includes("1.3.6.1.2.1.1.3.0");
    },
  });
  const addr = `127.0.0.1:${port}`;
  return {
    host: "127.0.0.1",
    port,
    community,
    users,
    snmpget: async (oids, user) =>
      parseToolOutput(
        await tool(snmpgetBin, [
          ...(user ? v3args(user) : ["-v2c", "-c", community]),
          "-On",
          "-Ot",
          "-t",
          "2",
          "-r",
          "1",
          addr,
          ...oids,
        ]),
      ),
    snmpwalk: async (oid) => {
      const m = parseToolOutput(await tool(snmpwalkBin, ["-v2c", "-c", community, "-On", "-Ot", addr, oid]));
      const out = new Map<string, ToolValue>();
      for (const [k, v] of m) if (v !== null) out.set(k, v);
      return out;
    },
    log: () => readFile(logFile, "utf8").catch(() => ""),
    stop: async () => {
      agent.kill("SIGTERM");
      if (!(await waitExit(agent, 10_000))) {
        agent.kill("SIGKILL");
        await waitExit(agent, 5000);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
};
