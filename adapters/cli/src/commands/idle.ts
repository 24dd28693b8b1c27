/**
 * `fleetlens idle`: the declaration (arguments, help). The implementation is in idle.impl.ts,
 * loaded only when the verb runs.
 */
import { defineCommand } from "../framework.js";
import { formatOption, peerOptions, statsOption, timeOptions } from "./common.js";

export const idleCommand = defineCommand({
  name: "idle",
  summary: "Judge which hosts are idle from logins, traffic and utilisation.",
  description:
    "Judge each host active, idle or insufficient-data, with reasons. Host names come from the file names ({host}.wtmp, {host}-LAST, {host}.pcap, {host}-TCPDUMP) unless --host is given. A host is active when it has user logins in the window, talks to uncommon peers, or (with --metrics) exceeds Google's idle rule (0.03 vCPU for 97% of the window; 2000 B/s in, 1000 B/s out for 95%); idle when none of that holds and the evidence covers the window.",
  options: {
    logins: {
      type: "string",
      variadic: true,
      valueName: "FILE",
      description: "wtmp files or `last` output.",
    },
    traffic: {
      type: "string",
      variadic: true,
      valueName: "FILE",
      description: "pcap/pcapng files or tcpdump text.",
    },
    metrics: {
      type: "string",
      variadic: true,
      valueName: "FILE",
      description:
        "Utilisation samples: NDJSON or CSV with host, ts, intervalSeconds, cpuVcpus, rxBytesPerSecond, txBytesPerSecond.",
    },
    at: {
      type: "string",
      valueName: "TIME",
      default: "now",
      description: "End of the window (ISO-8601 or now).",
    },
    window: {
      type: "string",
      valueName: "DURATION",
      default: "14d",
      description: "Window length (14d, 36h, 2w).",
    },
    "collected-at": {
      type: "string",
      valueName: "TIME",
      default: "mtime",
      description: "When login files were collected: mtime (each file's), now, or an ISO time.",
    },
    "service-accounts": {
      type: "string",
      multiple: true,
      valueName: "NAME",
      description: "Accounts whose logins are not use (globs allowed: 'svc-*').",
    },
    ...peerOptions,
    "seed-files": {
      type: "string",
      valueName: "DIR",
      description: "Also write the seed's diff-ip-vm and inactive-vm-prediction files into DIR.",
    },
    "fail-on": {
      type: "string",
      choices: ["idle", "insufficient-data"],
      description: "Exit 3 when any host gets this verdict (idle also fails on idle).",
    },
    ...timeOptions,
    ...formatOption,
    ...statsOption,
    strict: { type: "boolean", description: "Exit 3 when any input line was skipped." },
  },
  examples: [
    "fleetlens idle --logins evidence/*.wtmp --traffic evidence/*.pcap",
    "fleetlens idle --logins vm1-LAST vm2-LAST --traffic vm1-TCPDUMP vm2-TCPDUMP --year 2024 --seed-files out/",
    "fleetlens idle --logins vm1.wtmp --metrics util.ndjson --at 2026-11-01T00:00:00Z --window 14d --format json",
  ],
  run: (args, io) => import("./idle.impl.js").then((m) => m.run(args, io)),
});
