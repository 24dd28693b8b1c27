/**
 * `fleetlens remedy …`: from an alert (an Alertmanager or Grafana webhook payload) to a plan, and
 * to its safe execution over SSH. Declared here (arguments, help); the implementation is in
 * remedy.impl.ts, loaded only when a verb runs.
 */
import { defineCommand } from "../framework.js";
import { formatOption } from "./common.js";

const configOption = {
  type: "string",
  valueName: "FILE",
  description:
    "YAML: {ssh: {user, port, privateKey, knownHosts | hostKeys, stepTimeoutSeconds, hosts: [{match: NAME | GLOB | CIDR, address, port, user, privateKey, knownHosts, hostKeyFingerprints}]}, actions: {CLASS: {restart: true}}, cooldownSeconds, rules: [...], trees: {CLASS: {target, steps}}, notify: {webhook: {url, token}, log}}.",
} as const;

const planCommand = defineCommand({
  name: "plan",
  summary: "Print the plan for an alert: classification, steps (host, argv, why), run or dry run.",
  description:
    "Reads the webhook payload (Alertmanager v4, Grafana unified alerting or legacy Grafana), classifies each alert and prints its plan, one row per step with where it would connect (user@address:port, after ssh.hosts), or one notify-only row with the reason. Nothing runs. Every act step is a dry run unless the config enables that action for the class; a label that fails its check makes the plan notify-only. A bad payload or config exits 2 naming the field.",
  options: {
    alert: { type: "string", valueName: "FILE", description: "The webhook payload (JSON), or - for stdin." },
    config: configOption,
    format: formatOption.format,
  },
  examples: [
    "fleetlens remedy plan --alert alert.json",
    "fleetlens remedy plan --alert alert.json --config remedy.yaml --format json",
  ],
  run: (args, io) => import("./remedy.impl.js").then((m) => m.plan(args, io)),
});

const runCommand = defineCommand({
  name: "run",
  summary: "Run the plan for an alert over SSH and notify; exit 3 when a repair failed.",
  description:
    "Plans as `remedy plan` does, then runs each step on its host over SSH (the host key must be in known_hosts or hostKeys), following the tree by each step's result, and sends one notification per alert. Dry-run steps are printed, not run. Exit 0 when every run step passed its tree, 3 when an act or verification failed (escalated), 2 for a bad payload or config, 1 when a host could not be used or a notifier failed. --state FILE keeps when each alert was last acted on, for the cool-down.",
  options: {
    alert: { type: "string", valueName: "FILE", description: "The webhook payload (JSON), or - for stdin." },
    config: configOption,
    "dry-run": { type: "boolean", description: "Print every step, run none (notifications are still sent)." },
    state: {
      type: "string",
      valueName: "FILE",
      description: "JSON file of fingerprint -> last action time.",
    },
    format: formatOption.format,
  },
  examples: [
    "fleetlens remedy run --alert alert.json --config remedy.yaml",
    "fleetlens remedy run --alert alert.json --config remedy.yaml --dry-run",
  ],
  run: (args, io) => import("./remedy.impl.js").then((m) => m.run(args, io)),
});

export const remedyCommand = defineCommand({
  name: "remedy",
  summary: "From an alert to a safe repair: plan, or run over SSH, and notify.",
  subCommands: { plan: planCommand, run: runCommand },
});
