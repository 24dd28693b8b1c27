/**
 * A real OpenSSH sshd on 127.0.0.1 for the executor's tests: host and client keys made in a temp
 * dir, password logins off, started with startDaemon on a free port. Skips (returns null) when not
 * root or when sshd is not installed.
 */
import { execFileSync, spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freeTcpPort, startDaemon, waitExit } from "../../../core/test/support/daemon.js";

export const SSHD = "/usr/sbin/sshd";
export const canRunSshd = (): boolean =>
  typeof process.getuid === "function" && process.getuid() === 0 && existsSync(SSHD);

export interface Sshd {
  readonly port: number;
  readonly dir: string;
  readonly clientKey: string;
  /** known_hosts text that accepts this server's key. */
  readonly knownHosts: string;
  readonly stop: () => Promise<void>;
}

const banner = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = connect(port, "127.0.0.1");
    s.setTimeout(1000, () => {
      s.destroy();
      resolve(false);
    });
    s.once("data", (d) => {
      s.destroy();
      resolve(d.toString().startsWith("SSH-2.0-"));
    });
    s.once("error", () => resolve(false));
  });

export const startSshd = async (): Promise<Sshd> => {
  const dir = await mkdtemp(join(tmpdir(), "fleetlens-sshd-"));
  mkdirSync("/run/sshd", { recursive: true, mode: 0o755 });
  for (const name of ["host_key", "client_key"])
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", join(dir, name)]);
  await writeFile(join(dir, "authorized_keys"), readFileSync(join(dir, "client_key.pub")));
  const logFile = join(dir, "sshd.log");
  const { proc, port } = await startDaemon({
    name: "sshd",
    freePort: freeTcpPort,
    spawn: (p) => {
      const conf = join(dir, "sshd_config");
      execFileSync("sh", ["-c", `cat > '${conf}'`], {
        input: [
          `Port ${p}`,
          "ListenAddress 127.0.0.1",
          `HostKey ${join(dir, "host_key")}`,
          `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
          "PasswordAuthentication no",
          "KbdInteractiveAuthentication no",
          "PubkeyAuthentication yes",
          "PermitRootLogin prohibit-password",
          "UsePAM no",
          "StrictModes no",
          `PidFile ${join(dir, "sshd.pid")}`,
          "",
        ].join("\n"),
      });
      const fd = openSync(logFile, "a");
      const child = spawn(SSHD, ["-D", "-e", "-f", conf], { stdio: ["ignore", fd, fd] });
      closeSync(fd);
      return child;
    },
    ready: banner,
    timeoutMs: 10_000,
    logFile,
    dir,
  });
  const hostPub = readFileSync(join(dir, "host_key.pub"), "utf8").trim().split(/\s+/);
  return {
    port,
    dir,
    clientKey: join(dir, "client_key"),
    knownHosts: `[127.0.0.1]:${port} ${hostPub[0]} ${hostPub[1]}\n`,
    stop: async () => {
      proc.kill("SIGTERM");
      await waitExit(proc, 5000);
      await rm(dir, { recursive: true, force: true });
    },
  };
};
