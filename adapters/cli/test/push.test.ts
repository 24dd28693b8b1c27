/**
 * `fleetlens push` as a user runs it (the bundled dist/fleetlens.cjs, needs `npm run build`)
 * against an exporter served in this process on 127.0.0.1: --once lands this host's
 * fleetlens_host_* samples on the exporter's /metrics; a wrong token exits 2 without printing it;
 * an unreachable URL exits 1 naming it.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeExporterConfig, type Serving, serve } from "@fleetlens/exporter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freeTcpPort, waitExit } from "../../../packages/core/test/support/daemon.js";
import { BIN, binAsync, cli } from "./helpers.js";

const systemdAnalyze = spawnSync("sh", ["-c", "command -v systemd-analyze"], {
  encoding: "utf8",
}).stdout.trim();
const promtool = spawnSync("sh", ["-c", "command -v promtool"], { encoding: "utf8" }).stdout.trim();

const TOKEN = "push-test-token-0123456789";

let dir: string;
let exporter: Serving;
let tokenFile: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "fleetlens-push-"));
  tokenFile = join(dir, "push.token");
  writeFileSync(tokenFile, `${TOKEN}\n`);
  exporter = await serve(
    decodeExporterConfig({
      listen: { port: 0 },
      ingest: {
        agents: [{ name: "agent1", token: TOKEN, hosts: ["pushed-host"] }],
        db: join(dir, "ingest.db"),
      },
    }),
    { processMetrics: false },
  );
});

afterAll(async () => {
  await exporter.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("fleetlens push", () => {
  it("--help comes from the declaration", async () => {
    const r = await cli(["push", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchSnapshot();
  });

  it("--once pushes this host's metrics: the exporter then shows them for that host", {
    timeout: 30_000,
  }, async () => {
    const r = await binAsync([
      "push",
      "--url",
      exporter.url,
      "--token-file",
      tokenFile,
      "--host",
      "pushed-host",
      "--once",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const metrics = await (await fetch(`${exporter.url}/metrics`)).text();
    expect(metrics).toMatch(/^fleetlens_host_cpus\{host="pushed-host"\} [1-9]\d*$/m);
    expect(metrics).toMatch(/^fleetlens_host_memory_total_bytes\{host="pushed-host"\} \d+$/m);
    expect(metrics).toMatch(/^fleetlens_exporter_ingest_last_push_timestamp_seconds\{host="pushed-host"\} /m);
    expect(metrics).toMatch(
      /^fleetlens_exporter_ingest_pushes_total\{agent="agent1",result="accepted"\} 1$/m,
    );
    expect(metrics).not.toMatch(/^probe_success/m);
    if (promtool !== "") {
      // The real host metrics, as pushed, pass promtool's lint (skipped only without promtool).
      const lint = spawnSync(promtool, ["check", "metrics"], { input: metrics, encoding: "utf8" });
      expect(lint.stdout + lint.stderr).toBe("");
      expect(lint.status).toBe(0);
    }
    const hosts = (await (await fetch(`${exporter.url}/api/hosts`)).json()) as {
      hosts: Array<{ host: string }>;
    };
    expect(hosts.hosts.map((h) => h.host)).toEqual(["pushed-host"]);
  });

  it("a wrong token, or a host the agent may not push for, exits 2 without printing the token", {
    timeout: 30_000,
  }, async () => {
    const wrong = join(dir, "wrong.token");
    const secret = "wrong-secret-token-987654321";
    writeFileSync(wrong, secret);
    const r = await binAsync([
      "push",
      "--url",
      exporter.url,
      "--token-file",
      wrong,
      "--host",
      "pushed-host",
      "--once",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^fleetlens: push: http:\/\/127\.0\.0\.1:\d+\/ingest answered 403 for host pushed-host: /,
    );
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stdout + r.stderr).not.toContain(secret);
    const other = await binAsync([
      "push",
      "--url",
      exporter.url,
      "--token-file",
      tokenFile,
      "--host",
      "elsewhere",
      "--once",
    ]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain("agent agent1 may not push for host elsewhere");
    expect(other.stdout + other.stderr).not.toContain(TOKEN);
  });

  it("an unreachable exporter exits 1 with one line naming the URL", { timeout: 30_000 }, async () => {
    const port = await freeTcpPort();
    const r = await binAsync([
      "push",
      "--url",
      `http://127.0.0.1:${port}`,
      "--token-file",
      tokenFile,
      "--once",
      "--retries",
      "1",
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`fleetlens: push: cannot reach http://127.0.0.1:${port}/ingest: ECONNREFUSED\n`);
  });

  it("usage errors exit 2: no --url, no --token-file, an unreadable token file", async () => {
    expect(await cli(["push", "--token-file", tokenFile])).toMatchObject({
      code: 2,
      stderr: "fleetlens: push: --url URL is required\n",
    });
    expect(await cli(["push", "--url", exporter.url])).toMatchObject({
      code: 2,
      stderr: "fleetlens: push: --token-file FILE is required\n",
    });
    const missing = await cli(["push", "--url", exporter.url, "--token-file", join(dir, "none"), "--once"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read the token file");
    expect((await cli(["push", "--url", "ftp://x", "--token-file", tokenFile])).code).toBe(2);
    expect(
      (await cli(["push", "--url", exporter.url, "--token-file", tokenFile, "--interval", "soon"])).code,
    ).toBe(2);
  });
  it("without --once it pushes every --interval until SIGTERM, then exits 0", {
    timeout: 30_000,
  }, async () => {
    const p = spawn(
      process.execPath,
      [
        BIN,
        "push",
        "--url",
        exporter.url,
        "--token-file",
        tokenFile,
        "--host",
        "pushed-host",
        "--interval",
        "1s",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    p.stderr.on("data", (d) => {
      stderr += d;
    });
    const accepted = async () => {
      const m = await (await fetch(`${exporter.url}/metrics`)).text();
      const line = /^fleetlens_exporter_ingest_pushes_total\{agent="agent1",result="accepted"\} (\d+)$/m.exec(
        m,
      );
      return line ? Number(line[1]) : 0;
    };
    const before = await accepted();
    try {
      const deadline = Date.now() + 20_000;
      while ((await accepted()) < before + 2 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(await accepted()).toBeGreaterThanOrEqual(before + 2);
    } finally {
      p.kill("SIGTERM");
      expect(await waitExit(p, 10_000)).toBe(true);
    }
    expect(p.exitCode).toBe(0);
    expect(stderr).toBe("");
  });

  it.skipIf(systemdAnalyze === "")("every unit in deploy/systemd passes systemd-analyze verify", () => {
    const units = join(__dirname, "..", "..", "..", "deploy", "systemd");
    const out = mkdtempSync(join(dir, "units-"));
    const names = readdirSync(units).filter((f) => /\.(service|timer)$/.test(f));
    expect(names).toEqual(expect.arrayContaining(["fleetlens-push.service", "fleetlens-exporter.service"]));
    for (const name of names) {
      // verify checks that ExecStart's program exists: point it at the bundled command.
      const text = readFileSync(join(units, name), "utf8").replaceAll(
        "/usr/local/bin/fleetlens",
        `${process.execPath} ${BIN}`,
      );
      writeFileSync(join(out, name), text);
    }
    const r = spawnSync(systemdAnalyze, ["verify", ...names.map((n) => join(out, n))], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});
