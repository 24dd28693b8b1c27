#!/usr/bin/env node
// Regenerates the demo fleet in demo/fleet (run after `npm run build`). Deterministic: the same
// files every time. Five VMs with a known story, judged as of 2026-11-01T00:00:00Z over 14 days:
//   web01  no logins for six weeks, but a busy web server (many clients, ~15 kB/s)  -> active
//   dev02  logins every weekday from a workstation                                   -> active
//   old03  last login in early September; only gateway/DNS/NTP/monitoring traffic    -> idle
//   new04  created three days ago: its wtmp cannot cover two weeks                    -> insufficient-data
//   lab05  the seed's formats (lab05-LAST, lab05-TCPDUMP); last login 10 October      -> idle
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { flexlmLog, last, openstack, pcap, tcpdump, wtmp } from "@fleetlens/parsers";

const out = join(dirname(fileURLToPath(import.meta.url)), "..", "demo", "fleet");
mkdirSync(out, { recursive: true });

let seed = 42;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const T = (iso) => Date.parse(iso);
const KERNEL = "6.8.0-49-generic";
const NET = "192.168.100.";
const COMMON = { gw: `${NET}1`, dns: `${NET}53`, ntp: `${NET}123`, mon: `${NET}10` };

const boot = (iso) => ({
  type: 2,
  pid: 0,
  line: "~",
  id: "~~",
  user: "reboot",
  host: KERNEL,
  addr: null,
  tv: T(iso),
});
const session = (user, tty, from, startIso, minutes, pid) => [
  { type: 7, pid, line: tty, id: tty.replace("pts/", "ts/"), user, host: from, addr: from, tv: T(startIso) },
  {
    type: 8,
    pid,
    line: tty,
    id: tty.replace("pts/", "ts/"),
    user: "",
    host: "",
    addr: null,
    tv: T(startIso) + minutes * 60_000,
  },
];
const entry = (e) => ({ session: 0, exit: { termination: 0, exit: 0 }, ...e });

const writeWtmp = (host, entries) =>
  writeFileSync(join(out, `${host}.wtmp`), wtmp.renderUtmp(entries.map(entry).sort((a, b) => a.tv - b.tv)));

// Background every VM shares: DNS, NTP, monitoring scrapes, the gateway.
const background = (self, start, seconds) => {
  const ps = [];
  for (let t = 0; t < seconds; t += 5) {
    const ts = start + t * 1000 + Math.floor(rand() * 1000);
    const kind = t % 20;
    if (kind === 0) {
      const sport = 40000 + Math.floor(rand() * 20000);
      ps.push({ ts, proto: "udp", src: self, sport, dst: COMMON.dns, dport: 53, length: 40 });
      ps.push({ ts: ts + 1, proto: "udp", src: COMMON.dns, sport: 53, dst: self, dport: sport, length: 72 });
    } else if (kind === 5) {
      ps.push({ ts, proto: "udp", src: self, sport: 123, dst: COMMON.ntp, dport: 123, length: 48 });
      ps.push({ ts: ts + 1, proto: "udp", src: COMMON.ntp, sport: 123, dst: self, dport: 123, length: 48 });
    } else if (kind === 10) {
      const sport = 50000 + Math.floor(rand() * 10000);
      ps.push({ ts, proto: "tcp", src: COMMON.mon, sport, dst: self, dport: 9100, length: 120 });
      ps.push({
        ts: ts + 2,
        proto: "tcp",
        src: self,
        sport: 9100,
        dst: COMMON.mon,
        dport: sport,
        length: 900,
      });
    } else {
      ps.push({ ts, proto: "icmp", src: COMMON.gw, sport: null, dst: self, dport: null, length: 64 });
      ps.push({ ts: ts + 1, proto: "icmp", src: self, sport: null, dst: COMMON.gw, dport: null, length: 64 });
    }
  }
  return ps;
};
const CAPTURE_START = T("2026-10-31T23:50:00Z");
const CAPTURE_SECONDS = 600;
const byTime = (a, b) => a.ts - b.ts;

// web01: a busy web server nobody logs into.
{
  const self = `${NET}21`;
  writeWtmp("web01", [
    boot("2026-09-01T06:00:00Z"),
    ...session("admin", "pts/0", `${NET}37`, "2026-09-01T06:30:00Z", 45, 1201),
    ...session("admin", "pts/0", `${NET}37`, "2026-09-20T10:00:00Z", 20, 2301),
  ]);
  const ps = background(self, CAPTURE_START, CAPTURE_SECONDS);
  const clients = Array.from({ length: 40 }, (_, i) =>
    i % 2 ? `203.0.113.${10 + i}` : `198.51.100.${20 + i}`,
  );
  for (let i = 0; i < 6000; i++) {
    const ts = CAPTURE_START + Math.floor(rand() * CAPTURE_SECONDS * 1000);
    const c = pick(clients);
    const sport = 30000 + Math.floor(rand() * 30000);
    ps.push({ ts, proto: "tcp", src: c, sport, dst: self, dport: 443, length: 517 });
    ps.push({ ts: ts + 3, proto: "tcp", src: self, sport: 443, dst: c, dport: sport, length: 1448 });
  }
  writeFileSync(join(out, "web01.pcap"), pcap.renderPcap(ps.sort(byTime), { snaplen: 128 }));
}

// dev02: a developer's VM, used every weekday.
{
  const self = `${NET}22`;
  const es = [boot("2026-09-01T06:00:00Z")];
  let pid = 3000;
  for (let d = T("2026-09-01T00:00:00Z"); d < T("2026-10-31T00:00:00Z"); d += 86_400_000) {
    const wd = new Date(d).getUTCDay();
    if (wd === 0 || wd === 6) continue;
    const start = new Date(d + (8 + Math.floor(rand() * 2)) * 3_600_000).toISOString();
    es.push(...session("hana", "pts/0", `${NET}37`, start, 240 + Math.floor(rand() * 120), pid++));
  }
  writeWtmp("dev02", es);
  const ps = background(self, CAPTURE_START, CAPTURE_SECONDS);
  for (let i = 0; i < 300; i++) {
    const ts = CAPTURE_START + Math.floor(rand() * CAPTURE_SECONDS * 1000);
    ps.push({ ts, proto: "tcp", src: `${NET}37`, sport: 52344, dst: self, dport: 22, length: 36 });
    ps.push({ ts: ts + 1, proto: "tcp", src: self, sport: 22, dst: `${NET}37`, dport: 52344, length: 52 });
  }
  writeFileSync(join(out, "dev02.pcap"), pcap.renderPcap(ps.sort(byTime), { snaplen: 128 }));
}

// old03: forgotten since September.
{
  const self = `${NET}23`;
  writeWtmp("old03", [
    boot("2026-08-01T06:00:00Z"),
    ...session("kenji", "pts/0", `${NET}41`, "2026-08-03T09:00:00Z", 180, 4100),
    ...session("kenji", "pts/1", `${NET}41`, "2026-09-02T14:00:00Z", 30, 4200),
  ]);
  writeFileSync(
    join(out, "old03.pcap"),
    pcap.renderPcap(background(self, CAPTURE_START, CAPTURE_SECONDS).sort(byTime), { snaplen: 128 }),
  );
}

// new04: created on 29 October.
{
  const self = `${NET}24`;
  writeWtmp("new04", [boot("2026-10-29T12:00:00Z")]);
  writeFileSync(
    join(out, "new04.pcap"),
    pcap.renderPcap(background(self, CAPTURE_START, CAPTURE_SECONDS).sort(byTime), { snaplen: 128 }),
  );
}

// lab05: collected the seed's way: `last` text and `tcpdump -q` text with the host's address first.
{
  const self = `${NET}25`;
  const logins = [
    {
      kind: "reboot",
      user: "reboot",
      line: "system boot",
      host: KERNEL,
      start: T("2026-09-01T04:42:00Z"),
      end: null,
      endReason: "running",
      durationSeconds: null,
    },
  ];
  for (const [start, minutes] of [
    ["2026-09-03T08:46:00Z", 75],
    ["2026-09-24T04:47:00Z", 2],
    ["2026-10-10T13:05:00Z", 50],
  ]) {
    const s = T(start);
    logins.push({
      kind: "user",
      user: "c0a22100",
      line: "pts/0",
      host: `${NET}117`,
      start: s,
      end: s + minutes * 60_000,
      endReason: "logout",
      durationSeconds: minutes * 60,
    });
  }
  logins.sort((a, b) => b.start - a.start);
  const text = last.renderLast(logins, { format: "short", trailer: { begins: T("2026-09-01T04:42:50Z") } });
  writeFileSync(join(out, "lab05-LAST"), text);
  const ps = background(self, CAPTURE_START, CAPTURE_SECONDS);
  writeFileSync(
    join(out, "lab05-TCPDUMP"),
    `${self} \ntcpdump: verbose output suppressed, use -v[v]... for full protocol decode\nlistening on ens34, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n${tcpdump.renderTcpdump(ps.sort(byTime), { q: true })}`,
  );
}
// An OpenStack day: nova-api access lines and nova-compute lines for two servers.
{
  const osDir = join(out, "..", "openstack");
  mkdirSync(osDir, { recursive: true });
  const user = "6a1e2f0c9b8d4e7fa1b2c3d4e5f60718";
  const project = "0f9e8d7c6b5a49382716a5b4c3d2e1f0";
  const A = "3b9d2c1e-7f4a-4c6b-9e8d-1a2b3c4d5e6f";
  const B = "8e7d6c5b-4a39-4281-b7c6-d5e4f3a2b1c0";
  const base = {
    pid: 2931,
    globalRequestId: null,
    source: null,
    http: null,
    lifecycle: null,
    instance: null,
  };
  const req = (n) => `req-5d1c7a3e-2b4f-4e6a-9c8d-${String(n).padStart(12, "0")}`;
  const api = (iso, n, method, path, status) => {
    const http = {
      client: "192.168.100.37",
      method,
      path,
      version: "HTTP/1.1",
      status,
      length: 421,
      seconds: 0.1831,
    };
    return {
      ...base,
      ts: T(iso),
      pid: 1187,
      level: "INFO",
      logger: "nova.osapi_compute.wsgi.server",
      requestId: req(n),
      userId: user,
      projectId: project,
      message: openstack.httpMessage(http, "nova"),
      http,
    };
  };
  const compute = (iso, n, instance, message, lifecycle = null) => ({
    ...base,
    ts: T(iso),
    level: "INFO",
    logger: "nova.compute.manager",
    requestId: n === null ? null : req(n),
    userId: null,
    projectId: null,
    instance,
    message,
    lifecycle,
  });
  const apiLog = [
    api("2026-10-31T08:00:00.120Z", 1, "POST", `/v2.1/${project}/servers`, 202),
    api("2026-10-31T08:10:00.000Z", 2, "GET", `/v2.1/${project}/servers/detail`, 200),
    api("2026-10-31T09:00:00.310Z", 3, "POST", `/v2.1/${project}/servers/${A}/action`, 202),
    api("2026-10-31T09:05:00.450Z", 4, "POST", `/v2.1/${project}/servers/${A}/action`, 202),
    api("2026-10-31T10:00:00.200Z", 5, "POST", `/v2.1/${project}/servers/${A}/action`, 202),
    api("2026-10-31T10:30:00.800Z", 6, "POST", `/v2.1/${project}/servers/${A}/remote-consoles`, 200),
    api("2026-10-31T11:00:00.050Z", 7, "POST", `/v2.1/${project}/servers/${B}/action`, 409),
    api("2026-10-31T11:30:00.640Z", 8, "DELETE", `/v2.1/${project}/servers/${A}`, 204),
  ];
  const computeLog = [
    compute("2026-10-31T08:00:02.000Z", 1, A, "Claim successful on node compute-01"),
    compute("2026-10-31T08:00:09.000Z", 1, A, "VM Started (Lifecycle Event)", "Started"),
    compute("2026-10-31T08:00:09.500Z", 1, A, "VM Paused (Lifecycle Event)", "Paused"),
    compute("2026-10-31T08:00:10.000Z", 1, A, "VM Resumed (Lifecycle Event)", "Resumed"),
    compute("2026-10-31T08:00:10.200Z", 1, A, "Instance spawned successfully."),
    compute("2026-10-31T09:00:01.100Z", 3, A, "VM Paused (Lifecycle Event)", "Paused"),
    compute("2026-10-31T09:05:01.300Z", 4, A, "VM Resumed (Lifecycle Event)", "Resumed"),
    compute("2026-10-31T10:00:01.900Z", null, A, "Rebooting instance"),
    compute("2026-10-31T11:30:01.200Z", 8, A, "Terminating instance"),
  ];
  writeFileSync(join(osDir, "nova-api.log"), openstack.renderOsLog(apiLog, { source: false }));
  writeFileSync(join(osDir, "nova-compute.log"), openstack.renderOsLog(computeLog, { source: false }));
}

// A licence server's day (FlexLM debug log of the Origin vendor daemon).
{
  const lic = join(out, "..", "licence");
  mkdirSync(lic, { recursive: true });
  const ev = (iso, event, feature, user, host, extra = {}) => ({
    ts: T(iso),
    daemon: "ORGLAB",
    event,
    feature,
    user,
    host,
    count: 1,
    reason: null,
    ...extra,
  });
  writeFileSync(
    join(lic, "orglabdebug.log"),
    flexlmLog.renderFlexlmLog(
      [
        ev("2026-10-30T08:55:00Z", "OUT", "Origin", "hana", "lab-pc-12"),
        ev("2026-10-30T09:10:00Z", "OUT", "Origin", "kenji", "lab-pc-03"),
        ev("2026-10-30T09:40:00Z", "OUT", "OriginPro", "mei", "lab-pc-07"),
        ev("2026-10-30T10:05:00Z", "DENIED", "OriginPro", "sora", "lab-pc-09", {
          reason: "Licensed number of users already reached.",
          code: "-4,342",
        }),
        ev("2026-10-30T11:30:00Z", "IN", "Origin", "kenji", "lab-pc-03"),
        ev("2026-10-30T12:15:00Z", "IN", "OriginPro", "mei", "lab-pc-07"),
        ev("2026-10-30T17:45:00Z", "IN", "Origin", "hana", "lab-pc-12"),
      ],
      { daemon: "ORGLAB" },
    ),
  );
}
console.log(`demo fleet written to ${out}`);
