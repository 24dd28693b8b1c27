import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { Result } from "effect";
import { describe, expect, it } from "vitest";
import { alertExpr, decodeAlerts, labelsFingerprint } from "../src/Alert.js";

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(join(__dirname, "fixtures", name), "utf8"));

const ok = (input: unknown) => {
  const r = decodeAlerts(input);
  if (Result.isFailure(r)) throw new Error(`expected alerts, got ${r.failure.message}`);
  return r.success;
};
const err = (input: unknown) => {
  const r = decodeAlerts(input);
  if (Result.isSuccess(r)) throw new Error("expected an error");
  return r.failure;
};

describe("intake", () => {
  it("reads an Alertmanager v4 webhook", () => {
    const [a, b] = ok(fixture("alertmanager-v4.json"));
    expect(a).toEqual({
      fingerprint: "5ad1e8f3c2b4a901",
      status: "firing",
      name: "ContainerDown",
      severity: "critical",
      labels: {
        alertname: "ContainerDown",
        severity: "critical",
        instance: "web1.example:9323",
        container: "nginx",
      },
      annotations: { runbook: "restart it", summary: "nginx is not running on web1" },
      startsAt: "2026-03-01T03:00:00.123Z",
      endsAt: null,
      instance: "web1.example:9323",
      host: "web1.example",
      generatorURL:
        "http://prometheus.example:9090/graph?g0.expr=container_up%7Bcontainer%3D%22nginx%22%7D+%3D%3D+0&g0.tab=1",
      source: "alertmanager",
    });
    expect(b).toMatchObject({ status: "resolved", host: "10.0.0.7", endsAt: "2026-03-01T09:30:00.000Z" });
    // no fingerprint sent: a stable hash of the labels
    expect(b!.fingerprint).toBe(labelsFingerprint(b!.labels));
    expect(b!.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(alertExpr(b!)).toBe("up == 0");
  });

  it("reads a Grafana unified-alerting webhook", () => {
    const [a] = ok(fixture("grafana-unified.json"));
    expect(a).toMatchObject({
      fingerprint: "c6eadffa33fcdf37",
      source: "grafana",
      name: "NginxServiceDown",
      host: "web2",
      labels: { name: "nginx.service" },
    });
  });

  it("reads a legacy Grafana webhook: one alert per evalMatch", () => {
    const alerts = ok(fixture("grafana-legacy.json"));
    expect(alerts.map((a) => [a.name, a.status, a.host, a.severity, a.source, a.annotations.value])).toEqual([
      ["High CPU", "firing", "db1", "warning", "grafana-legacy", "97.5"],
      ["High CPU", "firing", "db2", "warning", "grafana-legacy", "95"],
    ]);
    expect(new Set(alerts.map((a) => a.fingerprint)).size).toBe(2);
    const resolved = ok({ ...(fixture("grafana-legacy.json") as object), state: "ok" });
    expect(resolved.every((a) => a.status === "resolved")).toBe(true);
    expect(ok({ ruleName: "x", state: "pending" })).toEqual([]);
  });

  it.each([
    [[1, 2], "(root)"],
    [{ foo: 1 }, "(root)"],
    [{ alerts: "none" }, "alerts"],
    [{ alerts: [{ status: "on fire", labels: {} }] }, "alerts[0].status"],
    [{ alerts: [{ status: "firing", labels: { a: 1 } }] }, "alerts[0].labels.a"],
    [{ alerts: [{ status: "firing", labels: {}, startsAt: "yesterday" }] }, "alerts[0].startsAt"],
    [{ ruleName: "x", state: "exploded" }, "state"],
    [{ ruleName: "x", state: "alerting", evalMatches: [{ value: "high" }] }, "evalMatches[0].value"],
  ])("a bad payload names the field: %j -> %s", (input, path) => {
    expect(err(input).path).toBe(path);
    expect(err(input)._tag).toBe("AlertPayloadError");
  });

  test.prop([fc.jsonValue()])("arbitrary JSON never throws", (v) => {
    const r = decodeAlerts(v);
    expect(Result.isSuccess(r) || Result.isFailure(r)).toBe(true);
  });

  test.prop([
    fc.record({
      alerts: fc.array(
        fc.record({
          status: fc.constantFrom("firing", "resolved", "x"),
          labels: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer())),
        }),
      ),
    }),
  ])("arbitrary Alertmanager-like payloads never throw", (v) => {
    const r = decodeAlerts(v);
    if (Result.isSuccess(r)) expect(r.success).toHaveLength(v.alerts.length);
    else expect(r.failure.path).toMatch(/^alerts\[\d+\]/);
  });
});
