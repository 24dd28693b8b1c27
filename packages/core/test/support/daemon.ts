/**
 * Starting a real server for a test (snmpd, mariadbd, …) on 127.0.0.1: pick a free port, spawn,
 * poll until it answers, and on failure kill it and try another port; after the last attempt,
 * throw with the tail of the server's log. Shared by the packages' integration-test supports.
 */
import type { ChildProcess } from "node:child_process";
import { createSocket } from "node:dgram";
import { readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves true when the process has exited (or already had), false after `ms`. */
export const waitExit = (p: ChildProcess, ms: number): Promise<boolean> =>
  new Promise((resolve) => {
    if (p.exitCode !== null || p.signalCode !== null) return resolve(true);
    const t = setTimeout(() => resolve(false), ms);
    p.once("exit", () => {
      clearTimeout(t);
      resolve(true);
    });
  });

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export const freeTcpPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const a = srv.address();
      const port = typeof a === "object" && a !== null ? a.port : 0;
      srv.close(() => resolve(port));
    });
  });

/** A UDP port on 127.0.0.1 that was free a moment ago. */
export const freeUdpPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createSocket("udp4");
    s.once("error", reject);
    s.bind(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

export interface DaemonSpec {
  /** For the error message: `snmpd`, `mariadbd`. */
  readonly name: string;
  readonly freePort: () => Promise<number>;
  readonly spawn: (port: number) => ChildProcess;
  /** One readiness check; true when the server answers. */
  readonly ready: (port: number) => Promise<boolean>;
  readonly timeoutMs: number;
  /** The server's log, quoted when it never comes up. */
  readonly logFile: string;
  /** Removed when the server never comes up. */
  readonly dir: string;
  readonly attempts?: number;
}

/** Spawns until one attempt answers; rejects with the log's tail after the last attempt. */
export const startDaemon = async (spec: DaemonSpec): Promise<{ proc: ChildProcess; port: number }> => {
  for (let attempt = 0; attempt < (spec.attempts ?? 5); attempt++) {
    const port = await spec.freePort();
    const p = spec.spawn(port);
    const deadline = Date.now() + spec.timeoutMs;
    while (Date.now() < deadline && p.exitCode === null) {
      if (await spec.ready(port).catch(() => false)) return { proc: p, port };
      await sleep(100);
    }
    p.kill("SIGKILL");
    await waitExit(p, 5000);
  }
  const text = await readFile(spec.logFile, "utf8").catch(() => "");
  await rm(spec.dir, { recursive: true, force: true });
  throw new Error(`${spec.name} did not start:\n${text.slice(-2000)}`);
};
