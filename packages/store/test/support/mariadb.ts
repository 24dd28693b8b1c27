/**
 * A throw-away MariaDB server for integration tests: `mariadb-install-db` into a fresh directory
 * under os.tmpdir(), `mariadbd` on 127.0.0.1 at a free high port (root connects through the
 * unix socket in that directory), a database and a password user created, and everything
 * removed by `stop()`. Needs the `mariadb-server` package (mariadbd, mariadb-install-db).
 * Running as root, the server runs with `--user=root`.
 */
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import mysql from "mysql2/promise";
import { freeTcpPort, startDaemon, waitExit } from "../../../core/test/support/daemon.js";

const run = promisify(execFile);

export interface MariaDb {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string;
  /** `mysql://user:password@127.0.0.1:port/database` */
  readonly url: string;
  /** A root connection over the unix socket (for checks the test user cannot make). */
  root(): Promise<mysql.Connection>;
  /** Creates another database the test user may use; returns its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

const findBinary = (names: string[]): string => {
  for (const dir of ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/usr/libexec"]) {
    for (const n of names) if (existsSync(join(dir, n))) return join(dir, n);
  }
  throw new Error(
    `${names.join(" / ")} not found: install mariadb-server (apt-get install -y mariadb-server)`,
  );
};

/** Starts a server; rejects with the server's error log when it does not come up within 60 s. */
export const startMariaDb = async (): Promise<MariaDb> => {
  const mariadbd = findBinary(["mariadbd", "mysqld"]);
  const installDb = findBinary(["mariadb-install-db", "mysql_install_db"]);
  const dir = await mkdtemp(join(tmpdir(), "fleetlens-mariadb-"));
  const datadir = join(dir, "data");
  const socket = join(dir, "mysqld.sock");
  const asRoot = process.getuid?.() === 0 ? ["--user=root"] : [];
  await run(installDb, [
    "--no-defaults",
    `--datadir=${datadir}`,
    "--auth-root-authentication-method=normal",
    "--skip-test-db",
    ...asRoot,
  ]);
  const log = join(dir, "error.log");
  const { proc: server, port } = await startDaemon({
    name: "mariadbd",
    dir,
    logFile: log,
    timeoutMs: 60_000,
    freePort: freeTcpPort,
    spawn: (port) =>
      spawn(
        mariadbd,
        [
          "--no-defaults",
          `--datadir=${datadir}`,
          `--socket=${socket}`,
          `--pid-file=${join(dir, "mysqld.pid")}`,
          `--log-error=${log}`,
          "--bind-address=127.0.0.1",
          `--port=${port}`,
          "--skip-name-resolve",
          "--innodb-buffer-pool-size=64M",
          "--innodb-log-file-size=48M",
          ...asRoot,
        ],
        { stdio: "ignore" },
      ),
    ready: async () => {
      const c = await mysql.createConnection({ socketPath: socket, user: "root" });
      await c.end();
      return true;
    },
  });
  const root = () => mysql.createConnection({ socketPath: socket, user: "root", multipleStatements: true });
  const user = "fleetlens";
  const password = "pw-Zx9!q";
  const database = "fleetlens_test";
  const c = await root();
  await c.query(
    `CREATE DATABASE ${database} CHARACTER SET utf8mb4;
     CREATE USER '${user}'@'%' IDENTIFIED BY '${password}';
     GRANT ALL ON \`fleetlens\\_%\`.* TO '${user}'@'%';`,
  );
  await c.end();
  const urlOf = (db: string) => `mysql://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;
  return {
    host: "127.0.0.1",
    port,
    user,
    password,
    database,
    url: urlOf(database),
    root,
    createDatabase: async (name: string) => {
      const r = await root();
      await r.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4`);
      await r.end();
      return urlOf(name);
    },
    stop: async () => {
      server.kill("SIGTERM");
      if (!(await waitExit(server, 30_000))) {
        server.kill("SIGKILL");
        await waitExit(server, 5000);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
};
