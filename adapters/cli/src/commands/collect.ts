/**
 * `fleetlens collect`: the declaration (arguments, help). The implementation is in collect.impl.ts,
 * loaded only when the verb runs.
 */
import { defineCommand } from "../framework.js";

export const collectCommand = defineCommand({
  name: "collect",
  summary: "Write this host's login record and a bounded capture for a central host to gather.",
  description:
    "Writes {host}.wtmp (a copy of wtmp) or {host}-LAST (the text of `last -F -x -w -i`), a bounded capture {host}.pcap (stops at --seconds or --packets) and {host}.addrs (this host's own addresses) into --out. Files appear atomically. Commands run without a shell. Needs read access to wtmp and, for the capture, CAP_NET_RAW (root).",
  options: {
    out: { type: "string", valueName: "DIR", description: "Directory to write into (created if missing)." },
    host: {
      type: "string",
      valueName: "NAME",
      description: "Host name used in file names [default: hostname].",
    },
    logins: {
      type: "string",
      choices: ["wtmp", "last", "none"],
      default: "wtmp",
      description: "How to record logins: a binary copy (wtmp), last's text (last), or not at all.",
    },
    wtmp: {
      type: "string",
      valueName: "PATH",
      default: "/var/log/wtmp",
      description: "The wtmp file to read.",
    },
    "no-capture": { type: "boolean", description: "Do not capture traffic." },
    interface: {
      type: "string",
      valueName: "IFACE",
      default: "any",
      description: "Interface to capture on.",
    },
    seconds: { type: "string", valueName: "N", default: "60", description: "Capture duration in seconds." },
    packets: { type: "string", valueName: "N", default: "100000", description: "Stop after N packets." },
    snaplen: {
      type: "string",
      valueName: "BYTES",
      default: "128",
      description: "Bytes kept per packet (headers).",
    },
    filter: { type: "string", valueName: "BPF", description: "Capture filter, e.g. 'not port 22'." },
    tcpdump: { type: "string", valueName: "PATH", default: "tcpdump", description: "The tcpdump binary." },
  },
  examples: [
    "fleetlens collect --out /var/lib/fleetlens/collect",
    "fleetlens collect --out /srv/evidence --host vm17 --seconds 300 --filter 'not port 22'",
  ],
  run: (args, io) => import("./collect.impl.js").then((m) => m.collect(args, io)),
});
