/**
 * `fleetlens openstack actions`: the declaration (arguments, help). The implementation is in
 * openstack.impl.ts, loaded only when the verb runs.
 */
import { defineCommand } from "../framework.js";
import { FORMATS } from "../output.js";
import { statsOption } from "./common.js";

const actionsCommand = defineCommand({
  name: "actions",
  summary:
    "Derive instance actions from nova-api and nova-compute logs (or glance / neutron) into SQLite or MySQL.",
  description:
    "create = POST /servers; delete = DELETE /servers/{id} (with --include-delete); console = remote-consoles and the console actions; POST /servers/{id}/action is named from compute-side events with the same request id, else the nearest event for the instance within --derive-window-sec, else `unknown` with its candidates. Failed requests are recorded with their status. Rows are inserted idempotently (unique instance, action, ts) in batched transactions; a checkpoint per input file makes re-runs read only new lines (rotation and truncation are detected). A request later lines could still change (its compute evidence not logged yet) is carried to the next run instead of being written (in the fleetlens_carry table, in the transaction of the checkpoints), so runs from cron give the rows one run over the whole logs would; it waits until both logs have passed it by 2 x (window + 5) + 5 s, each log counting as having reached now - --log-lag-sec, and at most 10,000 are carried (the oldest beyond are written with what is known). Settings: flags > environment (MODE, DSN, TABLE, API_LOG_PATTERN, COMPUTE_LOG_PATTERN, GLANCE_LOG_PATTERN, NEUTRON_LOG_PATTERN, INCLUDE_DELETE, DERIVE_WINDOW_SEC) > --config YAML > defaults.",
  options: {
    api: {
      type: "string",
      variadic: true,
      valueName: "GLOB",
      description: "API logs (nova-api; glance-api or neutron-server in those modes).",
    },
    compute: {
      type: "string",
      variadic: true,
      valueName: "GLOB",
      description: "nova-compute logs (vm mode).",
    },
    mode: {
      type: "string",
      choices: ["vm", "glance", "neutron"],
      description: "What to audit [default: vm].",
    },
    "include-delete": { type: "boolean", description: "Record deletes (vm mode), as the seed's flag." },
    "derive-window-sec": {
      type: "string",
      valueName: "N",
      description: "Window for naming /action requests [default: 60].",
    },
    sink: {
      type: "string",
      valueName: "URL",
      description: "sqlite:PATH or mysql://user:pass@host:port/db [default: sqlite:fleetlens.db].",
    },
    table: {
      type: "string",
      valueName: "T",
      description: "Table [default: nova_compute_action_log, glance_image_action_log or neutron_action_log].",
    },
    replace: {
      type: "boolean",
      description:
        "Start over (the seed's behaviour): read every file from its start and empty the table, its checkpoints and its carried requests in the first batch's transaction.",
    },
    "log-lag-sec": {
      type: "string",
      valueName: "N",
      description:
        "How late a line may reach the logs, by this machine's clock: a carried request waits at most this long past its time plus 2 x (window + 5) + 5 s [default: 300].",
    },
    "batch-size": { type: "string", valueName: "N", description: "Rows per transaction [default: 1000]." },
    "dry-run": {
      type: "boolean",
      description:
        "Print the actions instead of writing them (ignores checkpoints and carried requests, decides everything).",
    },
    config: {
      type: "string",
      valueName: "FILE",
      description:
        "YAML with the same settings (mode, dsn, table, patterns: {api, compute}, …); ${ENV} allowed.",
    },
    tz: { type: "string", valueName: "ZONE", description: "Zone of the logs' timestamps [default: UTC]." },
    format: { type: "string", choices: FORMATS, description: "Output format for --dry-run." },
    ...statsOption,
  },
  examples: [
    'fleetlens openstack actions --api "/var/log/nova/*nova-api*.log" --compute "/var/log/nova/*nova-compute*.log" --include-delete',
    'fleetlens openstack actions --mode glance --api "/var/log/glance/*api*.log" --sink mysql://ops:${PASS}@127.0.0.1:3306/ops',
    "MODE=vm API_LOG_PATTERN='/logs/*nova-api*.log' COMPUTE_LOG_PATTERN='/logs/*nova-compute*.log' fleetlens openstack actions --dry-run",
  ],
  run: (args, io) => import("./openstack.impl.js").then((m) => m.actions(args, io)),
});

export const openstackCommand = defineCommand({
  name: "openstack",
  summary: "OpenStack audit: actions on instances, images and networks from service logs.",
  subCommands: { actions: actionsCommand },
});
