import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freeTcpPort } from "../../core/test/support/daemon.js";
import type { Alert } from "../src/Alert.js";
import { decodeRemedyConfig, type RemedyConfig } from "../src/Config.js";
import { logNotifier, webhookNotifier } from "../src/Notify.js";
import { plan } from "../src/Plan.js";
import { exitCodeOfRuns, runPlan } from "../src/Run.js";
import { sshExecutor } from "../src/Ssh.js";
import { type HookReceiver, startHookReceiver } from "./support/hook.js";
import { canRunSshd, type Sshd, startSshd } from "./support/sshd.js";

const alert = (labels: Record<string, string>): Alert => ({
  fingerprint: `fp-${labels.thing}`,
  status: "firing",
  name: labels.alertname ?? "",
  severity: "critical",
  labels,
  annotations: {},
  startsAt: null,
  endsAt: null,
  instance: "127.0.0.1:9100",
  host: "127.0.0.1",
  generatorURL: null,
  source: "alertmanager",
});

describe.skipIf(!canRunSshd())("remedy run through a real sshd on 127.0.0.1", () => {
  let sshd: Sshd;
  let hook: HookReceiver;
  let hookUrl: string;
  let received: HookReceiver["received"];
  let knownHosts: string;

  beforeAll(async () => {
    sshd = await startSshd();
    knownHosts = join(sshd.dir, "known_hosts");
    await writeFile(knownHosts, sshd.knownHosts);
    hook = await startHookReceiver();
    hookUrl = hook.url;
    received = hook.received;
  });
  afterAll(async () => {
    await hook?.close();
    await sshd?.stop();
  });

  const config = (act: string[], over: Record<string, unknown> = {}): RemedyConfig =>
    decodeRemedyConfig({
      ssh: { user: "root", port: sshd.port, privateKey: sshd.clientKey, knownHosts, stepTimeoutSeconds: 10 },
      actions: { "test-restart": { restart: true } },
      rules: [{ class: "test-restart", labels: { alertname: "TestDown" }, target: ["thing"] }],
      trees: {
        "test-restart": {
          target: "container",
          steps: [
            { id: "diagnose", kind: "diagnose", argv: ["test", "-e", `${sshd.dir}/restarted-{target}`] },
            { id: "restart", kind: "act", action: "restart", argv: act },
            {
              id: "verify",
              kind: "verify",
              argv: ["test", "-e", `${sshd.dir}/restarted-{target}`],
              delaySeconds: 0.1,
            },
          ],
        },
      },
      notify: { webhook: { url: hookUrl, token: "s3cret-token", retries: 0 } },
      ...over,
    });

  const runOne = async (c: RemedyConfig, a: Alert) => {
    const p = plan(a, c, { now: new Date() });
    const executor = sshExecutor(c.ssh!);
    const out: string[] = [];
    try {
      const report = await runPlan(p, {
        executor,
        notifiers: [webhookNotifier(c.notify!.webhook!), logNotifier({ write: (t) => out.push(t) })],
      });
      return { p, report, log: out.join("") };
    } finally {
      await executor.close();
    }
  };

  it("diagnoses, acts, verifies over SSH and notifies: recovered, exit 0", async () => {
    const c = config(["touch", `${sshd.dir}/restarted-{target}`]);
    const { p, report } = await runOne(c, alert({ alertname: "TestDown", thing: "app1" }));
    expect(p.steps.map((s) => s.mode)).toEqual(["run", "run", "run"]);
    expect(report.steps.map((s) => [s.id, s.status, s.exitCode])).toEqual([
      ["diagnose", "failed", 1],
      ["restart", "passed", 0],
      ["verify", "passed", 0],
    ]);
    expect(report.outcome).toBe("recovered");
    expect(existsSync(join(sshd.dir, "restarted-app1"))).toBe(true);
    expect(exitCodeOfRuns([report])).toBe(0);
    // the second time the diagnosis passes: healthy, nothing run
    const again = await runOne(c, alert({ alertname: "TestDown", thing: "app1" }));
    expect(again.report.outcome).toBe("healthy");
    expect(again.report.steps.map((s) => s.status)).toEqual(["passed", "not-reached", "not-reached"]);
  });

  it("a failing act escalates (exit 3) and the webhook gets it with the bearer token", async () => {
    received.length = 0;
    const c = config(["sh", "-c", "echo no such container >&2; exit 7"]);
    const { report, log } = await runOne(c, alert({ alertname: "TestDown", thing: "app2" }));
    expect(report.steps.map((s) => [s.id, s.status, s.exitCode])).toEqual([
      ["diagnose", "failed", 1],
      ["restart", "failed", 7],
      ["verify", "not-reached", null],
    ]);
    expect(report.steps[1]!.stderr).toBe("no such container\n");
    expect(report.outcome).toBe("escalate");
    expect(exitCodeOfRuns([report])).toBe(3);
    expect(received).toHaveLength(1);
    expect(received[0]!.headers.authorization).toBe("Bearer s3cret-token");
    expect(received[0]!.body).toMatchObject({ outcome: "escalate", class: "test-restart", target: "app2" });
    expect(received[0]!.body.summary).toMatch(/NOT repaired/);
    expect(log).not.toContain("s3cret-token");
  });

  it("an unknown host key is refused: nothing runs, exit 1 naming the host", async () => {
    const other = join(sshd.dir, "other_known_hosts");
    await writeFile(
      other,
      `[127.0.0.1]:${sshd.port} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAbcdefghijklmnopqrstuvwxyz012345678901\n`,
    );
    const c = config(["touch", `${sshd.dir}/restarted-{target}`]);
    const { report } = await runOne(
      { ...c, ssh: { ...c.ssh!, knownHosts: other } },
      alert({ alertname: "TestDown", thing: "app3" }),
    );
    expect(report.outcome).toBe("unreachable");
    expect(report.sshError?.message).toMatch(
      /^ssh 127\.0\.0\.1: host key SHA256:\S+ is not known for 127\.0\.0\.1:\d+: refused$/,
    );
    expect(existsSync(join(sshd.dir, "restarted-app3"))).toBe(false);
    expect(exitCodeOfRuns([report])).toBe(1);
    const none = await runOne(
      { ...c, ssh: { port: sshd.port, privateKey: sshd.clientKey } },
      alert({ alertname: "TestDown", thing: "app4" }),
    );
    expect(none.report.sshError?.reason).toMatch(/refusing to trust any key/);
  });

  it("a host mapped by ssh.hosts (app-* -> 127.0.0.1:port) is repaired there", async () => {
    const c = config(["touch", `${sshd.dir}/restarted-{target}`], {});
    // no default port: only the entry's address and port can reach the sshd
    const ssh = {
      user: "root",
      privateKey: sshd.clientKey,
      knownHosts,
      stepTimeoutSeconds: 10,
      hosts: [
        { match: "db-*", address: "127.0.0.2", port: 1 },
        { match: "app-*", address: "127.0.0.1", port: sshd.port },
      ],
    };
    const mapped = decodeRemedyConfig({ ...c, ssh });
    const a = {
      ...alert({ alertname: "TestDown", thing: "app6" }),
      host: "app-host",
      instance: "app-host:9100",
    };
    const { p, report } = await runOne(mapped, a);
    expect(p.host).toBe("app-host");
    expect(report.steps.map((s) => [s.id, s.host, s.status])).toEqual([
      ["diagnose", "app-host", "failed"],
      ["restart", "app-host", "passed"],
      ["verify", "app-host", "passed"],
    ]);
    expect(report.outcome).toBe("recovered");
    expect(existsSync(join(sshd.dir, "restarted-app6"))).toBe(true);

    // the same entry with a port nothing listens on: unreachable, naming user@address:port
    const closed = await freeTcpPort();
    const wrong = decodeRemedyConfig({
      ...c,
      ssh: { ...ssh, hosts: [{ match: "app-*", address: "127.0.0.1", port: closed }] },
    });
    const bad = await runOne(wrong, { ...a, fingerprint: "fp-app7", labels: { ...a.labels, thing: "app7" } });
    expect(bad.report.outcome).toBe("unreachable");
    expect(bad.report.sshError?.message).toMatch(
      new RegExp(`^ssh app-host: cannot connect to root@127\\.0\\.0\\.1:${closed} \\(.*ECONNREFUSED`),
    );
    expect(bad.report.steps.map((s) => s.status)).toEqual(["not-reached", "not-reached", "not-reached"]);
    expect(exitCodeOfRuns([bad.report])).toBe(1);
  });

  it("a step that outlives its timeout is stopped and fails", async () => {
    const c = decodeRemedyConfig({
      ...config(["true"]),
      trees: {
        "test-restart": {
          target: "container",
          steps: [
            {
              id: "slow",
              kind: "diagnose",
              argv: ["sleep", "30"],
              timeoutSeconds: 0.5,
              onPass: "healthy",
              onFail: "escalate",
            },
          ],
        },
      },
      ssh: { port: sshd.port, privateKey: sshd.clientKey, knownHosts },
      notify: {},
    });
    const p = plan(alert({ alertname: "TestDown", thing: "app5" }), c, { now: new Date() });
    const executor = sshExecutor(c.ssh!);
    const started = Date.now();
    const report = await runPlan(p, { executor, notifiers: [] });
    await executor.close();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(report.steps[0]).toMatchObject({ status: "failed", timedOut: true, exitCode: null });
    expect(report.outcome).toBe("escalate");
  });
});
