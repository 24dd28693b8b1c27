import { HostTraffic, judgeFleet, type Login } from "@fleetlens/core";

// Two VMs judged over the 14 days before 1 November 2026.
const at = Date.parse("2026-11-01T00:00:00Z");
const day = 86_400_000;

const logins: Login[] = [
  {
    kind: "user",
    user: "hana",
    line: "pts/0",
    host: "192.168.100.37",
    start: at - 2 * day,
    end: at - 2 * day + 3_600_000,
    endReason: "logout",
    durationSeconds: 3600,
  },
];

// Each VM's capture: the same DNS server, plus one peer only vm1 talks to.
const capture = (host: string, self: string, extra: string[]) => {
  const t = new HostTraffic(host, { self: [self] });
  for (const peer of ["192.168.100.53", ...extra]) {
    t.add({ ts: at - 60_000, proto: "udp", src: self, sport: 40000, dst: peer, dport: 53, length: 40 });
  }
  return t.summary();
};

export const verdicts = judgeFleet(
  [
    {
      host: "vm1",
      logins,
      loginsBegin: at - 30 * day,
      loginsCollectedAt: at,
      traffic: capture("vm1", "192.168.100.21", ["203.0.113.9"]),
    },
    {
      host: "vm2",
      logins: [],
      loginsBegin: at - 30 * day,
      loginsCollectedAt: at,
      traffic: capture("vm2", "192.168.100.22", []),
    },
  ],
  { at },
);

for (const v of verdicts) console.log(v.host, v.verdict, v.score.toFixed(2), v.reasons[0]);
