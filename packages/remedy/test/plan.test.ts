import { describe, expect, it } from "vitest";
import type { Alert } from "../src/Alert.js";
import { classify, DEFAULT_RULES } from "../src/Classify.js";
import { decodeRemedyConfig } from "../src/Config.js";
import { plan, planAll } from "../src/Plan.js";

const alert = (labels: Record<string, string>, over: Partial<Alert> = {}): Alert => ({
  fingerprint: "f1",
  status: "firing",
  name: labels.alertname ?? "",
  severity: null,
  labels,
  annotations: {},
  startsAt: null,
  endsAt: null,
  instance: labels.instance ?? null,
  host: labels.host ?? "web1",
  generatorURL: null,
  source: "alertmanager",
  ...over,
});
const expr = (e: string) => `http://p:9090/graph?g0.expr=${encodeURIComponent(e)}&g0.tab=1`;
const NOW = new Date("2026-03-01T12:00:00Z");

describe("classification", () => {
  it.each([
    [{ alertname: "ContainerDown", container: "nginx" }, null, "container-down", "nginx"],
    [{ alertname: "X", name: "redis" }, null, "container-down", "redis"],
    [{ alertname: "UnitFailed", name: "nginx.service" }, null, "service-down", "nginx.service"],
    [{ alertname: "X", unit: "sshd" }, null, "service-down", "sshd"],
    [{ alertname: "InstanceDown" }, null, "host-down", null],
    [{ alertname: "Whatever" }, "probe_success == 0", "host-down", null],
    [{ alertname: "Whatever" }, 'up{job="node"} == 0', "host-down", null],
    [{ alertname: "DiskFull" }, null, "disk-full", null],
    [
      { alertname: "Space" },
      "node_filesystem_avail_bytes / node_filesystem_size_bytes < 0.1",
      "disk-full",
      null,
    ],
    [{ alertname: "HighCPU", container: "x" }, null, "high-cpu", null],
    [{ alertname: "Something" }, null, "unclassified", null],
  ])("%j (expr %s) -> %s", (labels, e, cls, target) => {
    const c = classify(alert(labels, e === null ? {} : { generatorURL: expr(e) }), DEFAULT_RULES);
    expect([c.class, c.target]).toEqual([cls, target]);
  });

  it("user rules come first", () => {
    const config = decodeRemedyConfig({
      rules: [{ class: "my-app", labels: { job: "app" }, target: ["container"] }],
    });
    const p = plan(alert({ alertname: "ContainerDown", job: "app", container: "api" }), config, { now: NOW });
    expect(p.classification.class).toBe("my-app");
    expect(p.notifyOnly).toBe(true);
    expect(p.reason).toMatch(/no remedy for class my-app/);
  });
});

describe("planner", () => {
  it("dry-runs the act (and what follows) unless enabled", () => {
    const p = plan(alert({ alertname: "ContainerDown", container: "nginx" }), {}, { now: NOW });
    expect(p.steps.map((s) => [s.id, s.kind, s.mode, s.host, s.argv])).toEqual([
      ["diagnose", "diagnose", "run", "web1", ["docker", "inspect", "-f", "{{.State.Status}}", "nginx"]],
      ["restart", "act", "dry-run", "web1", ["docker", "restart", "nginx"]],
      ["verify", "verify", "dry-run", "web1", ["docker", "inspect", "-f", "{{.State.Status}}", "nginx"]],
    ]);
    expect(p.steps[1]!.why).toMatch(/actions\.container-down\.restart is not enabled/);
    expect(p.steps.map((s) => [s.onPass, s.onFail])).toEqual([
      ["healthy", "restart"],
      ["verify", "escalate"],
      ["recovered", "escalate"],
    ]);
  });

  it("runs the act when enabled; --dry-run wins", () => {
    const config = decodeRemedyConfig({ actions: { "service-down": { restart: true } } });
    const a = alert({ alertname: "UnitDown", unit: "nginx" });
    const p = plan(a, config, { now: NOW });
    expect(p.steps.map((s) => s.mode)).toEqual(["run", "run", "run"]);
    expect(p.steps[1]!.argv).toEqual(["systemctl", "restart", "nginx.service"]);
    expect(p.target).toBe("nginx.service");
    expect(plan(a, config, { now: NOW, dryRun: true }).steps.map((s) => s.mode)).toEqual([
      "dry-run",
      "dry-run",
      "dry-run",
    ]);
  });

  it.each([
    ["container", "nginx; rm -rf /"],
    ["container", "$(id)"],
    ["container", "a\nb"],
    ["container", "-rm"],
    ["container", "`id`"],
    ["unit", "--force"],
    ["unit", "nginx.service; reboot"],
    ["unit", "a b.service"],
    ["name", "x|y"],
  ])("an injection attempt in label %s (%j) ends notify-only with the reason", (label, value) => {
    const config = decodeRemedyConfig({
      actions: { "container-down": { restart: true }, "service-down": { restart: true } },
    });
    const p = plan(alert({ alertname: "Down", [label]: value }), config, { now: NOW });
    expect(p.notifyOnly).toBe(true);
    expect(p.steps).toEqual([]);
    expect(p.reason).toMatch(new RegExp(`unsafe ${label} label: .* notify only`));
  });

  it.each(["web1; id", "-oProxyCommand=x", "a b", "$(id)", "[::1]"])(
    "an unsafe host (%j) ends notify-only",
    (host) => {
      const p = plan(alert({ alertname: "Down", container: "nginx" }, { host }), {}, { now: NOW });
      expect(p.notifyOnly).toBe(true);
      expect(p.reason).toMatch(/unsafe host label/);
    },
  );

  it("resolved alerts, unclassified alerts and host-down only notify", () => {
    expect(
      plan(alert({ alertname: "X", container: "nginx" }, { status: "resolved" }), {}, { now: NOW }).reason,
    ).toBe("the alert is resolved: notify only");
    expect(plan(alert({ alertname: "Odd" }), {}, { now: NOW }).reason).toMatch(/class unclassified/);
    expect(plan(alert({ alertname: "InstanceDown" }), {}, { now: NOW }).notifyOnly).toBe(true);
  });

  it("cool-down: the same fingerprint is not acted on again within it", () => {
    const config = decodeRemedyConfig({
      actions: { "container-down": { restart: true } },
      cooldownSeconds: 600,
    });
    const a = alert({ alertname: "ContainerDown", container: "nginx" });
    const recent = plan(a, config, { now: NOW, state: { f1: "2026-03-01T11:55:00Z" } });
    expect(recent.notifyOnly).toBe(true);
    expect(recent.reason).toMatch(/300 s ago, within the cool-down of 600 s/);
    expect(plan(a, config, { now: NOW, state: { f1: "2026-03-01T11:49:00Z" } }).notifyOnly).toBe(false);
    expect(plan(a, config, { now: NOW, state: { other: "2026-03-01T11:59:00Z" } }).notifyOnly).toBe(false);
    const twice = planAll([a, a], config, { now: NOW });
    expect(twice.map((p) => p.notifyOnly)).toEqual([false, true]);
  });
});

describe("config", () => {
  it.each([
    [{ actions: { "container-down": { restart: "yes" } } }, "actions.container-down.restart"],
    [{ ssh: { privateKey: "k", port: 0 } }, "ssh.port"],
    [{ ssh: { privateKey: "k", hostKeys: { web1: "MD5:aa" } } }, "ssh.hostKeys.web1"],
    [{ rules: [{ class: "x", labels: { a: "(" } }] }, "rules[0].labels.a"],
    [
      { trees: { x: { target: "none", steps: [{ id: "a", kind: "act", argv: ["true"] }] } } },
      "trees.x.steps[0].action",
    ],
    [
      {
        trees: {
          x: { target: "none", steps: [{ id: "a", kind: "diagnose", argv: ["{target}"], onFail: "notify" }] },
        },
      },
      "trees.x.steps[0].argv[0]",
    ],
    [
      {
        trees: {
          x: { target: "container", steps: [{ id: "a", kind: "diagnose", argv: ["true"], onFail: "a" }] },
        },
      },
      "trees.x.steps[0].onFail",
    ],
    [{ notify: { webhook: { url: "ftp://x" } } }, "notify.webhook.url"],
  ])("a bad config names the path: %j -> %s", (input, path) => {
    expect(() => decodeRemedyConfig(input, "remedy.yaml")).toThrow(`remedy.yaml: ${path}: expected`);
  });
});
