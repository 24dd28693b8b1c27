import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canRunSshd, type Sshd, startSshd } from "../../../packages/remedy/test/support/sshd.js";
import { bin, binAsync, cli } from "./helpers.js";

const FIXTURES = join(__dirname, "..", "..", "..", "packages", "remedy", "test", "fixtures");
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fleetlens-remedy-cli-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("fleetlens remedy help", () => {
  it.each([["remedy"], ["remedy", "plan"], ["remedy", "run"]])("%s --help", async (...words) => {
    const r = await cli([...words, "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchSnapshot();
  });
});

describe("fleetlens remedy (the bundled command)", () => {
  it("plan prints the steps, the act a dry run unless enabled, and exits 0", async () => {
    const r = bin(["remedy", "plan", "--alert", join(FIXTURES, "alertmanager-v4.json"), "--format", "json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const plans = JSON.parse(r.stdout) as {
      class: string;
      notifyOnly: boolean;
      steps: { id: string; mode: string; argv: string[] }[];
    }[];
    expect(plans.map((p) => [p.class, p.notifyOnly])).toEqual([
      ["container-down", false],
      ["host-down", true],
    ]);
    expect(plans[0]!.steps.map((s) => [s.id, s.mode, s.argv.join(" ")])).toEqual([
      ["diagnose", "run", "docker inspect -f {{.State.Status}} nginx"],
      ["restart", "dry-run", "docker restart nginx"],
      ["verify", "dry-run", "docker inspect -f {{.State.Status}} nginx"],
    ]);
    const config = join(dir, "enable.yaml");
    await writeFile(config, "actions:\n  container-down:\n    restart: true\n");
    const enabled = bin([
      "remedy",
      "plan",
      "--alert",
      join(FIXTURES, "alertmanager-v4.json"),
      "--config",
      config,
    ]);
    expect(enabled.stdout.split("\n")[1]).toContain('"mode":"run"');
  });

  it("plan shows where each step would connect, after ssh.hosts", async () => {
    const config = join(dir, "hosts.yaml");
    await writeFile(
      config,
      [
        "ssh:",
        "  user: ops",
        "  port: 2222",
        "  privateKey: /k",
        "  knownHosts: /kh",
        "  hosts:",
        "    - {match: 'db*', user: dba}",
        "    - {match: 'web*', address: 10.0.0.11, port: 22}",
        "",
      ].join("\n"),
    );
    const args = ["remedy", "plan", "--alert", join(FIXTURES, "alertmanager-v4.json"), "--config", config];
    const r = bin([...args, "--format", "json"]);
    expect(r.stderr).toBe("");
    const plans = JSON.parse(r.stdout) as { host: string; steps: { id: string; connect: string }[] }[];
    expect(plans[0]!.host).toBe("web1.example");
    expect(plans[0]!.steps.map((s) => [s.id, s.connect])).toEqual([
      ["diagnose", "ops@10.0.0.11:22"],
      ["restart", "ops@10.0.0.11:22"],
      ["verify", "ops@10.0.0.11:22"],
    ]);
    const rows = bin([...args, "--format", "ndjson"])
      .stdout.trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((x) => [x.step, x.connect])).toEqual([
      ["diagnose", "ops@10.0.0.11:22"],
      ["restart", "ops@10.0.0.11:22"],
      ["verify", "ops@10.0.0.11:22"],
      ["notify", null],
      ["notify", null],
    ]);
    // no config: the defaults, root on port 22 of the host itself
    const plain = JSON.parse(bin(args.slice(0, 4).concat(["--format", "json"])).stdout) as {
      steps: { connect: string }[];
    }[];
    expect(plain[0]!.steps[0]!.connect).toBe("root@web1.example:22");
    const bad = join(dir, "badhosts.yaml");
    await writeFile(bad, "ssh: {privateKey: /k, hosts: [{match: a}, {match: '10.0.0.0/40'}]}\n");
    const b = bin(["remedy", "plan", "--alert", join(FIXTURES, "alertmanager-v4.json"), "--config", bad]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/: ssh\.hosts\[1\]\.match: expected a CIDR prefix length of at most 32/);
  });

  it("a bad payload or config exits 2 with a path-named line", async () => {
    const bad = join(dir, "bad.json");
    await writeFile(bad, JSON.stringify({ alerts: [{ status: "firing", labels: { a: 1 } }] }));
    expect(bin(["remedy", "plan", "--alert", bad])).toMatchObject({
      code: 2,
      stderr: `fleetlens: ${bad}: alerts[0].labels.a: expected string\n`,
    });
    const config = join(dir, "bad.yaml");
    await writeFile(config, "cooldownSeconds: -1\n");
    const r = bin(["remedy", "run", "--alert", join(FIXTURES, "alertmanager-v4.json"), "--config", config]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^fleetlens: .*bad\.yaml: cooldownSeconds: expected .*\n$/);
    // steps to run but no ssh settings
    const none = bin(["remedy", "run", "--alert", join(FIXTURES, "alertmanager-v4.json")]);
    expect(none).toMatchObject({ code: 2 });
    expect(none.stderr).toMatch(/^fleetlens: ssh: expected ssh settings/);
  });

  it("run --dry-run prints, runs nothing, notifies (log) and exits 0", () => {
    const r = bin([
      "remedy",
      "run",
      "--alert",
      join(FIXTURES, "grafana-unified.json"),
      "--dry-run",
      "--format",
      "ndjson",
    ]);
    expect(r.code).toBe(0);
    const rows = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((x) => [x.step, x.status, x.outcome])).toEqual([
      ["diagnose", "dry-run", "dry-run"],
      ["restart", "dry-run", "dry-run"],
      ["verify", "dry-run", "dry-run"],
      ["notify", "sent", "dry-run"],
    ]);
    expect(JSON.parse(r.stderr.trim())).toMatchObject({
      kind: "fleetlens.remedy",
      outcome: "dry-run",
      class: "service-down",
    });
  });

  describe.skipIf(!canRunSshd())("through a real sshd", () => {
    let sshd: Sshd;
    let hook: Server;
    const bodies: string[] = [];
    beforeAll(async () => {
      sshd = await startSshd();
      await writeFile(join(sshd.dir, "known_hosts"), sshd.knownHosts);
      hook = createServer((req, res) => {
        let b = `${req.headers.authorization} `;
        req.on("data", (d) => {
          b += d;
        });
        req.on("end", () => {
          bodies.push(b);
          res.writeHead(200).end();
        });
      });
      await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
    });
    afterAll(async () => {
      await new Promise((r) => hook?.close(r));
      await sshd?.stop();
    });

    it("recovers (exit 0, state written), then a failing act escalates (exit 3) to the webhook", async () => {
      const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/`;
      const config = (act: string) => `
ssh: {port: ${sshd.port}, privateKey: ${sshd.clientKey}, knownHosts: ${join(sshd.dir, "known_hosts")}}
actions: {test-restart: {restart: true}}
rules: [{class: test-restart, labels: {alertname: TestDown}, target: [thing]}]
trees:
  test-restart:
    target: container
    steps:
      - {id: diagnose, kind: diagnose, argv: [test, -e, "${sshd.dir}/restarted-{target}"]}
      - {id: restart, kind: act, action: restart, argv: ${act}}
      - {id: verify, kind: verify, argv: [test, -e, "${sshd.dir}/restarted-{target}"]}
notify: {webhook: {url: "${url}", token: "\${HOOK_TOKEN}", retries: 0}}
`;
      const alert = (thing: string) =>
        JSON.stringify({
          version: "4",
          status: "firing",
          alerts: [
            { status: "firing", labels: { alertname: "TestDown", thing, instance: "127.0.0.1:9100" } },
          ],
        });
      await writeFile(join(dir, "ok.yaml"), config(`[touch, "${sshd.dir}/restarted-{target}"]`));
      await writeFile(join(dir, "fail.yaml"), config("[sh, -c, 'exit 5']"));
      await writeFile(join(dir, "a1.json"), alert("app1"));
      await writeFile(join(dir, "a2.json"), alert("app2"));
      process.env.HOOK_TOKEN = "tok-123";
      const state = join(dir, "state.json");
      const ok = await binAsync([
        "remedy",
        "run",
        "--alert",
        join(dir, "a1.json"),
        "--config",
        join(dir, "ok.yaml"),
        "--state",
        state,
      ]);
      expect(ok.stderr).toBe("");
      expect(ok.code).toBe(0);
      expect(existsSync(join(sshd.dir, "restarted-app1"))).toBe(true);
      expect(Object.keys(JSON.parse(await readFile(state, "utf8")) as object)).toHaveLength(1);
      const failed = await binAsync([
        "remedy",
        "run",
        "--alert",
        join(dir, "a2.json"),
        "--config",
        join(dir, "fail.yaml"),
      ]);
      expect(failed.code).toBe(3);
      expect(bodies).toHaveLength(2);
      expect(bodies[1]).toMatch(/^Bearer tok-123 \{.*"outcome":"escalate"/);
      expect(failed.stdout + failed.stderr).not.toContain("tok-123");
    });
  });
});
