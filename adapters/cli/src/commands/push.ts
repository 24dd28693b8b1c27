/**
 * `fleetlens push`: the declaration (arguments, help). The implementation is in push.impl.ts,
 * loaded only when the verb runs (the probes are not loaded at start).
 */
import { defineCommand } from "../framework.js";

export const pushCommand = defineCommand({
  name: "push",
  summary: "Send this host's metrics to an exporter's POST /ingest, every --interval or --once.",
  description:
    "Runs the host prober (CPU, memory, load, network, disks, filesystems from /proc) and POSTs its fleetlens_host_* samples as {host, ts, samples} to URL/ingest with the agent's bearer token. 5xx answers and network errors are retried with backoff. With --once: exit 0 when the push was accepted, 1 when the exporter cannot be reached (or refused the push as invalid), 2 on 401/403 (a token or host that the exporter's ingest.agents does not allow). Without --once it pushes until SIGINT or SIGTERM (exit 0), and exits 2 on 401/403. The token is never printed.",
  options: {
    url: {
      type: "string",
      valueName: "URL",
      description: "The exporter, e.g. http://10.0.0.5:9464 (/ingest is added unless the URL ends in it).",
    },
    "token-file": {
      type: "string",
      valueName: "FILE",
      description:
        "A file holding this agent's token (ingest.agents[].token); surrounding whitespace is ignored.",
    },
    host: {
      type: "string",
      valueName: "NAME",
      description: "The host name to push as (default: this machine's hostname).",
    },
    interval: {
      type: "string",
      valueName: "DURATION",
      description: "Time between pushes, e.g. 60s or 5m.",
      default: "60s",
    },
    once: { type: "boolean", description: "Push once and exit." },
    retries: {
      type: "string",
      valueName: "N",
      description: "Retries of one push after a 5xx or network error (backoff 1 s, 2 s, 4 s…, at most 30 s).",
      default: "3",
    },
  },
  examples: [
    "fleetlens push --url http://127.0.0.1:9464 --token-file /etc/fleetlens/push.token --once",
    "fleetlens push --url http://monitor.example:9464 --token-file /etc/fleetlens/push.token --interval 60s",
  ],
  run: (args, io) => import("./push.impl.js").then((m) => m.run(args, io)),
});
