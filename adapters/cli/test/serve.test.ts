/**
 * `fleetlens serve` as a user runs it: the bundled dist/fleetlens.cjs (needs `npm run build`).
 * A bad config exits 2 naming the field; a good one serves /healthz on the address it printed
 * and SIGTERM ends it with exit 0.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freeTcpPort, waitExit } from "../../../packages/core/test/support/daemon.js";
import { BIN, bin, cli } from "./helpers.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "fleetlens-serve-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("fleetlens serve", () => {
  it("--help comes from the declaration", async () => {
    const r = await cli(["serve", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchSnapshot();
  });

  it("a bad config exits 2 with one line naming the field", () => {
    const file = join(dir, "bad.yaml");
    writeFileSync(file, "listen: { host: 127.0.0.1, port: 99999 }\n");
    const r = bin(["serve", "--config", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^fleetlens: ${file}: listen\\.port: expected [^\\n]+\\n$`));
    writeFileSync(file, "modules:\n  m: { prober: tcp, tcp: { nope: 1 } }\n");
    const m = bin(["serve", "--config", file]);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain(`${file}: modules.m.tcp.nope: expected`);
  });

  it("usage errors exit 2: no --config, a bad --listen", async () => {
    expect(await cli(["serve"])).toMatchObject({
      code: 2,
      stderr: "fleetlens: serve: --config FILE is required\n",
    });
    const file = join(dir, "empty.yaml");
    writeFileSync(file, "");
    const r = await cli(["serve", "--config", file, "--listen", "nowhere"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--listen must be HOST:PORT");
  });

  it("serves /healthz, /probe and /metrics, and SIGTERM ends it with exit 0", async () => {
    const port = await freeTcpPort();
    const file = join(dir, "good.yaml");
    writeFileSync(file, `listen: { port: ${port} }\nprobe: { maxConcurrency: 2 }\n`);
    const p = spawn(process.execPath, [BIN, "serve", "--config", file], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    p.stderr.on("data", (d) => {
      stderr += d;
    });
    try {
      for (let i = 0; i < 100 && !stderr.includes("\n") && p.exitCode === null; i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(stderr).toBe(
        `fleetlens: serving on http://127.0.0.1:${port} (dashboard, probe, metrics, healthz)\n`,
      );
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect([health.status, await health.text()]).toEqual([200, "ok\n"]);
      const probe = await fetch(`http://127.0.0.1:${port}/probe?module=tcp_connect&target=127.0.0.1:${port}`);
      expect(await probe.text()).toMatch(/^probe_success 1$/m);
      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(await metrics.text()).toMatch(
        /^fleetlens_exporter_probes_total\{module="tcp_connect",result="success"\} 1$/m,
      );
    } finally {
      p.kill("SIGTERM");
      expect(await waitExit(p, 10_000)).toBe(true);
    }
    expect(p.exitCode).toBe(0);
    expect(stderr).toBe(
      `fleetlens: serving on http://127.0.0.1:${port} (dashboard, probe, metrics, healthz)\n`,
    );
  });

  it("--listen overrides the config's address", async () => {
    const port = await freeTcpPort();
    const file = join(dir, "listen.yaml");
    writeFileSync(file, "listen: { port: 1 }\n");
    const p = spawn(process.execPath, [BIN, "serve", "--config", file, "--listen", `127.0.0.1:${port}`], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    p.stderr.on("data", (d) => {
      stderr += d;
    });
    try {
      for (let i = 0; i < 100 && !stderr.includes("\n"); i++) await new Promise((r) => setTimeout(r, 50));
      expect(stderr).toContain(`serving on http://127.0.0.1:${port} `);
    } finally {
      p.kill("SIGINT");
      await waitExit(p, 10_000);
    }
    expect(p.exitCode).toBe(0);
  });

  it("with alerts: the start-up line names alerts, the token comes from the environment, POST /alerts checks it", async () => {
    const port = await freeTcpPort();
    const file = join(dir, "alerts.yaml");
    writeFileSync(
      file,
      `listen: { port: ${port} }\nalerts:\n  token: "\${ALERT_TOKEN}"\n  remedy: { notify: { log: true } }\n`,
    );
    const token = "env-alert-token-0123456789";
    const p = spawn(process.execPath, [BIN, "serve", "--config", file], {
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, ALERT_TOKEN: token },
    });
    let stderr = "";
    p.stderr.on("data", (d) => {
      stderr += d;
    });
    try {
      for (let i = 0; i < 100 && !stderr.includes("\n"); i++) await new Promise((r) => setTimeout(r, 50));
      expect(stderr).toBe(
        `fleetlens: serving on http://127.0.0.1:${port} (dashboard, probe, metrics, healthz, alerts)\n`,
      );
      const post = (t: string, body: unknown) =>
        fetch(`http://127.0.0.1:${port}/alerts`, {
          method: "POST",
          headers: { authorization: `Bearer ${t}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
      expect((await post("wrong-token-0123456789", {})).status).toBe(403);
      const ok = await post(token, { alerts: [{ status: "firing", labels: { alertname: "Anything" } }] });
      expect(ok.status).toBe(202);
      expect(await ok.json()).toEqual({ accepted: 1, duplicates: 0 });
      // the log notifier's line: notify-only (no host), after the answer
      for (let i = 0; i < 100 && !stderr.includes("fleetlens.remedy"); i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(stderr).toContain('"outcome":"notify"');
      expect(stderr).not.toContain(token);
    } finally {
      p.kill("SIGTERM");
      await waitExit(p, 10_000);
    }
    expect(p.exitCode).toBe(0);
  });
});
