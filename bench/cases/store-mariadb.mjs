// Starts a throw-away MariaDB on 127.0.0.1 (its own data directory), runs store.mjs against it,
// prints store.mjs's line, and removes the server. Needs mariadb-server (mariadbd, mariadb-install-db).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import mysql from "mysql2/promise";

const find = (names) => {
  for (const d of ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"])
    for (const n of names) if (existsSync(join(d, n))) return join(d, n);
  return undefined;
};
const mariadbd = find(["mariadbd", "mysqld"]);
const installDb = find(["mariadb-install-db", "mysql_install_db"]);
if (!mariadbd || !installDb) {
  process.stdout.write(`${JSON.stringify({ error: "mariadb-server not installed" })}\n`);
  process.exit(0);
}
const dir = mkdtempSync(join(tmpdir(), "fleetlens-bench-mariadb-"));
const datadir = join(dir, "data");
const socket = join(dir, "mysqld.sock");
const asRoot = process.getuid?.() === 0 ? ["--user=root"] : [];
execFileSync(
  installDb,
  [
    "--no-defaults",
    `--datadir=${datadir}`,
    "--auth-root-authentication-method=normal",
    "--skip-test-db",
    ...asRoot,
  ],
  {
    stdio: "ignore",
  },
);
const port = await new Promise((r) => {
  const s = createServer().listen(0, "127.0.0.1", () => {
    const p = s.address().port;
    s.close(() => r(p));
  });
});
const server = spawn(
  mariadbd,
  [
    "--no-defaults",
    `--datadir=${datadir}`,
    `--socket=${socket}`,
    `--pid-file=${join(dir, "pid")}`,
    `--log-error=${join(dir, "err.log")}`,
    "--bind-address=127.0.0.1",
    `--port=${port}`,
    "--skip-name-resolve",
    "--innodb-buffer-pool-size=128M",
    ...asRoot,
  ],
  { stdio: "ignore" },
);
try {
  let c;
  for (let i = 0; i < 600 && !c; i++) {
    try {
      c = await mysql.createConnection({ socketPath: socket, user: "root", multipleStatements: true });
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await c.query(
    "CREATE DATABASE bench; CREATE USER 'bench'@'%' IDENTIFIED BY 'bench-pw'; GRANT ALL ON bench.* TO 'bench'@'%';",
  );
  await c.end();
  const here = dirname(fileURLToPath(import.meta.url));
  const r = spawnSync(
    process.execPath,
    [join(here, "store.mjs"), `mysql://bench:bench-pw@127.0.0.1:${port}/bench`, ...process.argv.slice(2)],
    {
      encoding: "utf8",
    },
  );
  process.stdout.write(r.stdout || `${JSON.stringify({ error: r.stderr.trim().split("\n").pop() })}\n`);
} finally {
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  rmSync(dir, { recursive: true, force: true });
}
