/**
 * `fleetlens probe`: the declaration (arguments, help). The implementation is in probe.impl.ts,
 * loaded only when the verb runs.
 */
import { PROBE_KINDS } from "@fleetlens/probes/kinds";
import { defineCommand } from "../framework.js";
import { FORMATS } from "../output.js";

export const probeCommand = defineCommand({
  name: "probe",
  summary: "Probe a target (icmp, tcp, http, snmp, host) and print the result with its metrics.",
  description:
    "Runs one probe, blackbox_exporter style: success, duration, a failure reason (timeout, refused, dns, tls, status, regex, banner, snmp, …) and metrics (probe_* names as blackbox, fleetlens_snmp_* and fleetlens_host_* in base units). Module settings: --set KEY=VALUE (JSON values allowed; --help lists the kinds, a wrong key lists the known ones). With --config FILE, probes every target listed there once. Exit 3 when a probe fails.",
  positionals: [
    { name: "kind", description: `One of: ${PROBE_KINDS.join(", ")}.` },
    { name: "TARGET", description: "127.0.0.1, host:port, a URL, or (host) /." },
  ],
  options: {
    set: {
      type: "string",
      multiple: true,
      valueName: "KEY=VALUE",
      description: "A module setting, e.g. count=5, tls=true, validStatusCodes=[200,204].",
    },
    timeout: { type: "string", valueName: "DURATION", default: "10s", description: "Time budget per probe." },
    config: {
      type: "string",
      valueName: "FILE",
      description: "YAML: {timeout, concurrency, targets: [{kind, target, module, timeout}]}.",
    },
    format: {
      type: "string",
      choices: FORMATS,
      description: "Output format (table on a terminal, ndjson otherwise).",
    },
  },
  examples: [
    "fleetlens probe icmp 127.0.0.1 --set count=5",
    "fleetlens probe http https://127.0.0.1:8443/health --set insecureSkipVerify=true --format json",
    "fleetlens probe snmp 127.0.0.1 --set port=1161 --set community=public",
    "fleetlens probe --config targets.yaml --format ndjson",
  ],
  run: (args, io) => import("./probe.impl.js").then((m) => m.run(args, io)),
});
