/**
 * A real Prometheus (Debian's `prometheus`, installed by scripts/ensure-tools.mjs) scrapes the
 * exporter on 127.0.0.1: /metrics directly, and /probe as blackbox_exporter's documentation sets
 * it up (the target in __param_target, the exporter as __address__). Its query API must then
 * return our probe_success series.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freeTcpPort, sleep, startDaemon, waitExit } from "../../../packages/core/test/support/daemon.js";
import { silentTcp, startExporter } from "./support/servers.js";

const prometheus = spawnSync("sh", ["-c", "command -v prometheus"], { encoding: "utf8" }).stdout.trim();

interface QueryResult {
  readonly status: string;
  readonly data: {
    readonly result: ReadonlyArray<{ metric: Record<string, string>; value: [number, string] }>;
  };
}

describe.skipIf(prometheus === "")("a real Prometheus scrapes the exporter", () => {
  it("gets probe_success from /probe and up from /metrics", { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "fleetlens-prometheus-"));
    const exporter = await startExporter();
    const peer = await silentTcp();
    const target = `127.0.0.1:${peer.port}`;
    const exporterAddress = `127.0.0.1:${exporter.address.port}`;
    writeFileSync(
      join(dir, "p.yml"),
      [
        "global:",
        "  scrape_interval: 1s",
        "  scrape_timeout: 1s",
        "scrape_configs:",
        "  - job_name: exporter",
        `    static_configs: [{ targets: ["${exporterAddress}"] }]`,
        "  - job_name: blackbox",
        "    metrics_path: /probe",
        "    params: { module: [tcp_connect] }",
        `    static_configs: [{ targets: ["${target}"] }]`,
        "    relabel_configs:",
        "      - { source_labels: [__address__], target_label: __param_target }",
        "      - { source_labels: [__param_target], target_label: instance }",
        `      - { target_label: __address__, replacement: "${exporterAddress}" }`,
        "",
      ].join("\n"),
    );
    const logFile = join(dir, "prometheus.log");
    const { proc, port } = await startDaemon({
      name: "prometheus",
      freePort: freeTcpPort,
      spawn: (p) => {
        const out = openSync(logFile, "a");
        return spawn(
          prometheus,
          [
            `--web.listen-address=127.0.0.1:${p}`,
            `--storage.tsdb.path=${join(dir, "data")}`,
            `--config.file=${join(dir, "p.yml")}`,
          ],
          { stdio: ["ignore", out, out] },
        );
      },
      ready: async (p) => (await fetch(`http://127.0.0.1:${p}/-/ready`)).status === 200,
      timeoutMs: 20_000,
      logFile,
      dir,
    });
    const query = async (q: string): Promise<QueryResult["data"]["result"]> => {
      const r = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(q)}`);
      const body = (await r.json()) as QueryResult;
      return body.status === "success" ? body.data.result : [];
    };
    try {
      // Both jobs scraped, and /metrics scraped after a /probe (the exporter's own counter).
      const ownQuery = 'fleetlens_exporter_probes_total{module="tcp_connect",result="success"} >= 1';
      const deadline = Date.now() + 20_000;
      let probe: QueryResult["data"]["result"] = [];
      let up: QueryResult["data"]["result"] = [];
      let own: QueryResult["data"]["result"] = [];
      const done = () => probe.length > 0 && up.length > 0 && own.length > 0;
      while (Date.now() < deadline && !done()) {
        probe = await query('probe_success{job="blackbox"}');
        up = await query('up{job="exporter"} == 1');
        own = await query(ownQuery);
        if (!done()) await sleep(500);
      }
      expect(probe.map((r) => [r.metric.instance, r.value[1]])).toEqual([[target, "1"]]);
      expect(up.length).toBe(1);
      expect(own.length).toBe(1);
    } finally {
      proc.kill("SIGTERM");
      if (!(await waitExit(proc, 10_000))) proc.kill("SIGKILL");
      await exporter.close();
      await peer.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
