/**
 * `fleetlens probe`: the declaration (arguments, help). The implementation is in probe.impl.ts,
 * loaded only when the verb runs.
 */
import { BUILTIN_MODULE_NAMES, PROBE_KINDS } from "@fleetlens/probes/kinds";
import { defineCommand } from "../framework.js";
import { FORMATS } from "../output.js";

export const probeCommand = defineCommand({
  name: "probe",
  summary: "Probe a target (icmp, tcp, http, snmp, host) and print the result with its metrics.",
  description:
    "Runs one probe, blackbox_exporter style: success, duration, a failure reason (timeout, refused, dns, tls, status, regex, banner, snmp, …) and metrics (probe_* names as blackbox, fleetlens_snmp_* and fleetlens_host_* in base units). A named module (--module M) gives the kind and its settings, as blackbox's modules do: a built-in, or one from the --config file's modules: (blackbox.yml's shape, {prober, timeout, <prober>: settings}, which wins over a built-in of the same name); with KIND too, the module's prober must be KIND. The result's module is the module's name (else the kind). --set KEY=VALUE lays single settings over the module (JSON values allowed; a wrong key lists the known ones). With --config FILE alone, probes every target listed there once. Exit 3 when a probe fails.",
  positionals: [
    { name: "kind", description: `One of: ${PROBE_KINDS.join(", ")}. Optional with --module.` },
    { name: "TARGET", description: "127.0.0.1, host:port, a URL, or (host) /." },
  ],
  options: {
    module: {
      type: "string",
      valueName: "NAME",
      description: `A named module. Built-in: ${BUILTIN_MODULE_NAMES.join(", ")}; or one of the --config file's modules.`,
    },
    set: {
      type: "string",
      multiple: true,
      valueName: "KEY=VALUE",
      description: "A module setting, e.g. count=5, tls=true, validStatusCodes=[200,204].",
    },
    timeout: {
      type: "string",
      valueName: "DURATION",
      description: "Time budget per probe [default: the module's timeout, else 10s].",
    },
    config: {
      type: "string",
      valueName: "FILE",
      description:
        "YAML: {timeout, concurrency, modules: {NAME: {prober, timeout, <prober>: settings}}, targets: [{kind or module: NAME, target, module: settings, timeout}]}.",
    },
    format: {
      type: "string",
      choices: FORMATS,
      description: "Output format (table on a terminal, ndjson otherwise).",
    },
  },
  examples: [
    "fleetlens probe icmp 127.0.0.1 --set count=5",
    "fleetlens probe 127.0.0.1:22 --module ssh_banner",
    "fleetlens probe http http://127.0.0.1:8080/health --module http_2xx --set validStatusCodes=[200,204]",
    "fleetlens probe http https://127.0.0.1:8443/health --set 'tlsConfig={\"insecureSkipVerify\":true}' --format json",
    "fleetlens probe snmp 127.0.0.1 --set port=1161 --set community=public",
    "fleetlens probe 127.0.0.1 --module snmp_ucd --set port=1161",
    "fleetlens probe --config blackbox.yaml --module http_internal http://127.0.0.1:8080/",
    "fleetlens probe --config targets.yaml --format ndjson",
  ],
  run: (args, io) => import("./probe.impl.js").then((m) => m.run(args, io)),
});
