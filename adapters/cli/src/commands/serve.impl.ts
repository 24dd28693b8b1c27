/**
 * `fleetlens serve` (declared in serve.ts): loads the exporter's configuration (a bad one is a
 * ConfigError naming the field: exit 2), listens, prints one line on stderr, and stops cleanly on
 * SIGINT or SIGTERM (exit 0).
 */
import { UsageError } from "@fleetlens/core";
import { loadExporterConfig, serve } from "@fleetlens/exporter";
import { type Io, type Parsed, str } from "../framework.js";

/** `HOST:PORT` or `[IPV6]:PORT`. */
const parseListen = (text: string): { host: string; port: number } => {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(text);
  const port = m ? Number(m[3]) : Number.NaN;
  if (!m || !(port >= 0 && port <= 65535))
    throw new UsageError({
      reason: `serve: --listen must be HOST:PORT, e.g. 127.0.0.1:9464 (got "${text}")`,
    });
  return { host: (m[1] ?? m[2])!, port };
};

/** `fleetlens serve` (declared in serve.ts). */
export const run = async (args: Parsed, io: Io): Promise<number> => {
  const file = str(args, "config");
  if (file === undefined) throw new UsageError({ reason: "serve: --config FILE is required" });
  const listenText = str(args, "listen");
  const listen = listenText === undefined ? undefined : parseListen(listenText);
  const loaded = await loadExporterConfig(file, io.env);
  const config = listen === undefined ? loaded : { ...loaded, listen };
  let serving: Awaited<ReturnType<typeof serve>>;
  try {
    serving = await serve(config);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    io.stderr.write(
      `fleetlens: cannot listen on ${config.listen.host}:${config.listen.port}: ${err.code ?? err.message}\n`,
    );
    return 1;
  }
  const routes = [
    ...(config.dashboard.enabled ? ["dashboard"] : []),
    "probe, metrics, healthz",
    ...(config.ingest.agents.length > 0 ? ["ingest, api"] : []),
    ...(config.alerts !== null ? ["alerts"] : []),
  ].join(", ");
  io.stderr.write(`fleetlens: serving on ${serving.url} (${routes})\n`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  await serving.close();
  return 0;
};
