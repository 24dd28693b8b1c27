// Attribution over N generated snapshots (in memory): the time of the analysis alone.
import { analyseAttribution } from "@fleetlens/core/lite";

const n = Number(process.argv[2] ?? 100000);
let seed = 3;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const hosts = Array.from({ length: 400 }, (_, i) => ({
  host: `pc${i}`,
  ip: `10.${(i >> 8) & 255}.${i & 255}.7`,
}));
const holding = new Map();
const snapshots = [];
let t = Date.parse("2026-01-05T08:00:00Z");
for (let i = 0; i < n; i++) {
  t += 1000 + Math.floor(rand() * 20000);
  const busy = [...holding.keys()];
  const returning = busy.length >= 30 || (busy.length > 0 && rand() < 0.5);
  const h = returning
    ? hosts[Number(busy[Math.floor(rand() * busy.length)].slice(2))]
    : hosts[Math.floor(rand() * hosts.length)];
  const held = holding.get(h.host) ?? 0;
  if (returning) {
    if (held === 1) holding.delete(h.host);
    else holding.set(h.host, held - 1);
  } else holding.set(h.host, held + 1);
  const clients = [...holding.keys()].map((k) => hosts[Number(k.slice(2))].ip);
  snapshots.push({
    ts: t,
    clients,
    sockets: clients.length,
    event: {
      ts: t,
      daemon: "orglab",
      event: returning ? "IN" : "OUT",
      feature: "Origin",
      user: `u${h.host}`,
      host: h.host,
      count: 1,
      reason: null,
    },
    line: null,
  });
}
const t0 = performance.now();
const r = analyseAttribution(snapshots);
const seconds = (performance.now() - t0) / 1000;
const unique = r.attributions.filter((a) => a.status === "unique" || a.status === "eliminated").length;
process.stdout.write(
  `${JSON.stringify({ seconds, records: n, attributions: r.attributions.length, certain: unique, maxRssKb: process.resourceUsage().maxRSS })}\n`,
);
