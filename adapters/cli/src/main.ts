/**
 * The root command: a name -> command map, and the one place that maps errors to exit codes
 * (DESIGN.md §2: 0 ok, 1 input/runtime, 2 usage/config, 3 check failed).
 *
 * Only the verbs' declarations are imported here; each verb loads its implementation when it runs
 * (see framework.ts), so `--help`, usage errors and a verb's start do not load the others' code.
 */
import { exitCodeOfTagged } from "@fleetlens/core/lite";
import { collectCommand } from "./commands/collect.js";
import { idleCommand } from "./commands/idle.js";
import { licenseCommand } from "./commands/license.js";
import { openstackCommand } from "./commands/openstack.js";
import { parseCommand } from "./commands/parse.js";
import { peersCommand } from "./commands/peers.js";
import { probeCommand } from "./commands/probe.js";
import { pushCommand } from "./commands/push.js";
import { remedyCommand } from "./commands/remedy.js";
import { serveCommand } from "./commands/serve.js";
import { defineCommand, dispatch, type Io } from "./framework.js";

export const VERSION = "0.1.0";

export const rootCommand = defineCommand({
  name: "fleetlens",
  summary: "Answers from the evidence a fleet already has.",
  description:
    "fleetlens turns login records, packet captures and socket tables into answers: which VMs are unused, who talks to whom. Output is a table on a terminal and NDJSON otherwise (--format table|json|ndjson|csv).",
  subCommands: {
    parse: parseCommand,
    idle: idleCommand,
    peers: peersCommand,
    collect: collectCommand,
    license: licenseCommand,
    openstack: openstackCommand,
    probe: probeCommand,
    serve: serveCommand,
    remedy: remedyCommand,
    push: pushCommand,
  },
});

/** Run the CLI with argv (without node and script); returns the exit code. Never throws. */
export const run = async (argv: readonly string[], io: Io): Promise<number> => {
  if (argv[0] === "--version" || argv[0] === "-V") {
    io.stdout.write(`fleetlens ${VERSION}\n`);
    return 0;
  }
  try {
    return await dispatch(rootCommand, argv, ["fleetlens"], io);
  } catch (e) {
    const code = exitCodeOfTagged(e);
    if (code !== undefined) {
      io.stderr.write(`fleetlens: ${(e as Error).message}\n`);
      return code;
    }
    const err = e as NodeJS.ErrnoException;
    if (err?.code === "EPIPE") return 0;
    io.stderr.write(`fleetlens: internal error: ${err?.message ?? String(e)}\n`);
    if (io.env.FLEETLENS_DEBUG) io.stderr.write(`${err?.stack ?? ""}\n`);
    return 1;
  }
};
