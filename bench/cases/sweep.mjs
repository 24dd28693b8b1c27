// 1,000 TCP and 1,000 HTTP targets on loopback, swept once with concurrency 256.
import { createServer as createHttp } from "node:http";
import { createServer as createTcp } from "node:net";
import { sweep } from "@fleetlens/probes";

const [kind, n0, conc0] = process.argv.slice(2);
const n = Number(n0 ?? 1000);
const servers = [];
for (let i = 0; i < 20; i++) {
  const s = kind === "http" ? createHttp((_, res) => res.end("ok\n")) : createTcp((c) => c.end());
  await new Promise((r) => s.listen(0, "127.0.0.1", r));
  servers.push(s);
}
const targets = Array.from({ length: n }, (_, i) => {
  const port = servers[i % servers.length].address().port;
  return {
    kind,
    target: kind === "http" ? `http://127.0.0.1:${port}/t${i}` : `127.0.0.1:${port}`,
    timeoutMs: 5000,
  };
});
let ok = 0;
const t0 = performance.now();
await sweep(targets, {
  concurrency: Number(conc0 ?? 256),
  onResult: (r) => {
    if (r.success) ok++;
  },
});
const seconds = (performance.now() - t0) / 1000;
for (const s of servers) s.close();
process.stdout.write(
  `${JSON.stringify({ seconds, records: n, ok, perSecond: Math.round(n / seconds), maxRssKb: process.resourceUsage().maxRSS })}\n`,
);
process.exit(0);
