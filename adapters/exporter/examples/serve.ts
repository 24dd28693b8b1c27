import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeExporterConfig, serve } from "@fleetlens/exporter";

// A FlexLM debug log with two MATLAB checkouts, and a local TCP service to probe.
const dir = mkdtempSync(join(tmpdir(), "fleetlens-example-"));
const log = join(dir, "matlab.log");
writeFileSync(
  log,
  ' 9:00:00 (lmgrd) TIMESTAMP 11/20/2026\n 9:01:00 (MLM) OUT: "MATLAB" alice@pc1\n 9:02:00 (MLM) OUT: "MATLAB" bob@pc2\n',
);
const service = createServer((s) => s.end());
await new Promise<void>((ready) => service.listen(0, "127.0.0.1", ready));
const target = `127.0.0.1:${(service.address() as { port: number }).port}`;

// The configuration as YAML would give it; port 0 picks a free port (the default is 9464).
const exporter = await serve(
  decodeExporterConfig({
    listen: { port: 0 },
    modules: { tcp_fast: { prober: "tcp", timeout: "2s" } },
    licence: [{ app: "matlab", logs: [log] }],
  }),
);
const get = async (path: string) => {
  const r = await fetch(`${exporter.url}${path}`);
  return { status: r.status, body: await r.text() };
};
const line = (text: string, start: string) => text.split("\n").find((l) => l.startsWith(start));

console.log("/healthz:", (await get("/healthz")).body.trim());
const ok = await get(`/probe?module=tcp_fast&target=${target}`);
console.log("/probe:", ok.status, line(ok.body, "probe_success"));
const unknown = await get(`/probe?module=tcp_slow&target=${target}`);
console.log("/probe:", unknown.status, unknown.body.trim());
const metrics = await get("/metrics");
console.log("/metrics:", line(metrics.body, "flexlm_feature_used{"));
console.log("/metrics:", line(metrics.body, "fleetlens_exporter_probes_total{"));

await exporter.close();
service.close();
rmSync(dir, { recursive: true, force: true });
