#!/usr/bin/env node
// `npm run demo`: the idle-VM checker on the bundled demo fleet (demo/fleet, made by
// scripts/make-demo.mjs), judged as of 2026-11-01 over 14 days; a licence server's day; an
// OpenStack day written to the embedded SQLite store twice (idempotent). Prints each command, then
// its output.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const dir = join("demo", "fleet");
const files = readdirSync(dir).sort();
const pick = (re) => files.filter((f) => re.test(f)).map((f) => join(dir, f));
const bin = join("adapters", "cli", "dist", "fleetlens.cjs");
const common = ["--date", "2026-10-31", "--format", "table"];
const runs = [
  [
    "idle",
    "--logins",
    ...pick(/\.wtmp$|-LAST$/),
    "--traffic",
    ...pick(/\.pcap$|-TCPDUMP$/),
    "--at",
    "2026-11-01T00:00:00Z",
    "--collected-at",
    "2026-11-01T00:00:00Z",
    "--seed-files",
    join("demo", "out"),
    ...common,
  ],
  ["peers", "uncommon", "--traffic", ...pick(/\.pcap$|-TCPDUMP$/), ...common],
  ["license", "usage", join("demo", "licence", "orglabdebug.log"), "--format", "table"],
  // OpenStack actions into the embedded default store (SQLite); the second run finds no new lines.
  ...[1, 2].map(() => [
    "openstack",
    "actions",
    "--api",
    join("demo", "openstack", "nova-api.log"),
    "--compute",
    join("demo", "openstack", "nova-compute.log"),
    "--include-delete",
    "--sink",
    `sqlite:${join("demo", "out", "fleetlens.db")}`,
  ]),
  [
    "openstack",
    "actions",
    "--api",
    join("demo", "openstack", "nova-api.log"),
    "--compute",
    join("demo", "openstack", "nova-compute.log"),
    "--include-delete",
    "--dry-run",
    "--format",
    "table",
  ],
];
mkdirSync(join("demo", "out"), { recursive: true });
rmSync(join("demo", "out", "fleetlens.db"), { force: true });
let status = 0;
for (const argv of runs) {
  process.stdout.write(`\n$ fleetlens ${argv.join(" ")}\n\n`);
  const r = spawnSync(process.execPath, [bin, ...argv], { stdio: "inherit" });
  status ||= r.status ?? 1;
}
process.stdout.write(
  "\nWritten: demo/out/diff-ip-vm and demo/out/inactive-vm-prediction (the seed's files), demo/out/fleetlens.db (SQLite)\n",
);
process.exit(status);
