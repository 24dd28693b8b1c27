import { decodeAlerts, decodeRemedyConfig, plan } from "@fleetlens/remedy";
import { Result } from "effect";

const payload = {
  version: "4",
  status: "firing",
  alerts: [
    {
      status: "firing",
      labels: { alertname: "ContainerDown", container: "nginx", instance: "web1:9323" },
      fingerprint: "5ad1e8f3c2b4a901",
    },
    {
      status: "firing",
      labels: { alertname: "ContainerDown", container: "nginx; rm -rf /", instance: "web2:9323" },
    },
  ],
};
const config = decodeRemedyConfig({ actions: { "container-down": { restart: true } } });
const alerts = Result.getOrThrow(decodeAlerts(payload));
for (const alert of alerts) {
  const p = plan(alert, config, { now: new Date("2026-03-01T12:00:00Z") });
  console.log(`${p.classification.class} on ${p.host}: ${p.reason}`);
  for (const s of p.steps)
    console.log(`  ${s.id} [${s.mode}] ${s.argv.join(" ")} -> pass: ${s.onPass}, fail: ${s.onFail}`);
}
