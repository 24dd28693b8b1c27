#!/usr/bin/env node
// `npm run demo`: the idle-VM checker on the bundled demo fleet (demo/fleet, made by
// scripts/make-demo.mjs), judged as of 2026-11-01 over 14 days. Prints each command, then its output.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
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
];
let status = 0;
for (const argv of runs) {
  process.stdout.write(`\n$ fleetlens ${argv.join(" ")}\n\n`);
  const r = spawnSync(process.execPath, [bin, ...argv], { stdio: "inherit" });
  status ||= r.status ?? 1;
}
process.stdout.write(`\nThe seed's files: demo/out/diff-ip-vm, demo/out/inactive-vm-prediction\n`);
process.exit(status);
