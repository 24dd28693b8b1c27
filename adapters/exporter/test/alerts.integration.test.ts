/**
 * POST /alerts end to end: the exporter on 127.0.0.1 with remedy's SSH executor against a real
 * OpenSSH sshd on 127.0.0.1 (remedy's test support), a local webhook receiving the notifications.
 * An Alertmanager payload of a test class whose tree touches a file through sshd: the file appears
 * and the webhook gets "recovered" with its bearer token; a failing act escalates. Skipped when
 * sshd is missing or not root.
 */
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HookReceiver, startHookReceiver } from "../../../packages/remedy/test/support/hook.js";
import { canRunSshd, type Sshd, startSshd } from "../../../packages/remedy/test/support/sshd.js";
import type { HandledAlert, Serving } from "../src/index.js";
import { startExporter } from "./support/servers.js";

const TOKEN = "alertmanager-token-0123456789";
const HOOK_TOKEN = "hook-token-0123456789";

describe.skipIf(!canRunSshd())("POST /alerts through a real sshd on 127.0.0.1", () => {
  let sshd: Sshd;
  let hook: HookReceiver;
  let exporter: Serving;
  let received: HookReceiver["received"] = [];
  const log: string[] = [];

  beforeAll(async () => {
    sshd = await startSshd();
    const knownHosts = join(sshd.dir, "known_hosts");
    await writeFile(knownHosts, sshd.knownHosts);
    hook = await startHookReceiver();
    received = hook.received;
    const hookUrl = hook.url;
    exporter = await startExporter(
      {
        alerts: {
          token: TOKEN,
          remedy: {
            ssh: {
              user: "root",
              port: sshd.port,
              privateKey: sshd.clientKey,
              knownHosts,
              stepTimeoutSeconds: 10,
            },
            actions: { "test-touch": { restart: true } },
            rules: [{ class: "test-touch", labels: { alertname: "TestDown" }, target: ["thing"] }],
            trees: {
              "test-touch": {
                target: "container",
                steps: [
                  { id: "diagnose", kind: "diagnose", argv: ["test", "-e", `${sshd.dir}/touched-{target}`] },
                  {
                    id: "restart",
                    kind: "act",
                    action: "restart",
                    // "fail-*" targets stand for an act that fails
                    argv: [
                      "sh",
                      "-c",
                      `case "$1" in fail-*) echo cannot >&2; exit 7;; esac; touch "${sshd.dir}/touched-$1"`,
                      "sh",
                      "{target}",
                    ],
                  },
                  { id: "verify", kind: "verify", argv: ["test", "-e", `${sshd.dir}/touched-{target}`] },
                ],
              },
            },
            notify: { webhook: { url: hookUrl, token: HOOK_TOKEN, retries: 0 } },
          },
        },
      },
      { processMetrics: false, alerts: { log: { write: (t: string) => log.push(t) } } },
    );
  });

  afterAll(async () => {
    await exporter?.close();
    await hook?.close();
    await sshd?.stop();
  });

  const send = async (thing: string) => {
    const r = await fetch(`${exporter.url}/alerts`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({
        version: "4",
        status: "firing",
        receiver: "fleetlens",
        groupLabels: { alertname: "TestDown" },
        alerts: [
          {
            status: "firing",
            labels: { alertname: "TestDown", instance: "127.0.0.1:9100", thing },
            startsAt: "2026-11-20T12:00:00Z",
            fingerprint: `fp-${thing}`,
          },
        ],
      }),
    });
    expect(r.status).toBe(202);
    await exporter.exporter.alerts?.idle();
    const list = (await (await fetch(`${exporter.url}/api/alerts`)).json()) as { alerts: HandledAlert[] };
    return list.alerts.find((a) => a.fingerprint === `fp-${thing}`)!;
  };

  it("repairs over SSH: the file appears and the webhook gets recovered with its bearer token", async () => {
    received.length = 0;
    const a = await send("app1");
    expect(a).toMatchObject({ state: "done", class: "test-touch", outcome: "recovered", host: "127.0.0.1" });
    expect(a.steps.map((s) => [s.id, s.status, s.exitCode])).toEqual([
      ["diagnose", "failed", 1],
      ["restart", "passed", 0],
      ["verify", "passed", 0],
    ]);
    expect(existsSync(join(sshd.dir, "touched-app1"))).toBe(true);
    expect(received).toHaveLength(1);
    expect(received[0]!.headers.authorization).toBe(`Bearer ${HOOK_TOKEN}`);
    expect(received[0]!.body).toMatchObject({
      kind: "fleetlens.remedy",
      outcome: "recovered",
      target: "app1",
    });
    const m = await (await fetch(`${exporter.url}/metrics`)).text();
    expect(m).toContain('fleetlens_exporter_remedy_plans_total{class="test-touch",outcome="recovered"} 1');
  });

  it("a failing act escalates, and the webhook gets the escalation", async () => {
    received.length = 0;
    const a = await send("fail-app2");
    expect(a.outcome).toBe("escalate");
    expect(a.steps.map((s) => [s.id, s.status, s.exitCode])).toEqual([
      ["diagnose", "failed", 1],
      ["restart", "failed", 7],
      ["verify", "not-reached", null],
    ]);
    expect(existsSync(join(sshd.dir, "touched-fail-app2"))).toBe(false);
    expect(received).toHaveLength(1);
    expect(received[0]!.body).toMatchObject({ outcome: "escalate", class: "test-touch" });
    expect(received[0]!.body.summary).toMatch(/NOT repaired/);
    expect(log.join("")).not.toContain(HOOK_TOKEN);
  });
});
