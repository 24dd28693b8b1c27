#!/usr/bin/env node
// npm run bench [-- --quick] [-- --only wtmp,pcap,tcpdump] [-- --runs N]
// Generates inputs once (bench/data, git-ignored), then times fleetlens and the real tool on the
// same input, each as a fresh process writing nothing, best of N runs, and prints a table of
// ratios with fleetlens's peak RSS. Timing lives here, never in tests.
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { pcap, tcpdump, wtmp } from "@fleetlens/parsers";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const onlyArg = args[args.indexOf("--only") + 1];
const only = args.includes("--only") && onlyArg ? new Set(onlyArg.split(",")) : undefined;
const runs = Number(args[args.indexOf("--runs") + 1]) || (quick ? 3 : 2);
const scale = quick ? 0.1 : 1;
const dataDir = join(here, "data");
mkdirSync(dataDir, { recursive: true });

let seed = 7;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

const writeChunks = async (path, gen) => {
  const tmp = `${path}.tmp`;
  const ws = createWriteStream(tmp);
  for (const chunk of gen) {
    if (!ws.write(chunk)) await new Promise((r) => ws.once("drain", r));
  }
  await new Promise((r, j) => ws.end((e) => (e ? j(e) : r())));
  renameSync(tmp, path);
};

const cached = async (name, make) => {
  const path = join(dataDir, name);
  if (!existsSync(path)) {
    process.stderr.write(`bench: generating ${name} ...\n`);
    await make(path);
  }
  return path;
};

// 1. wtmp: logins and logouts on 50 ttys, a boot (and sometimes a shutdown) every ~5000 records.
function* wtmpEntries(n) {
  let t = Date.parse("2020-01-01T00:00:00Z");
  const open = new Map();
  const users = Array.from({ length: 200 }, (_, i) => `user${i}`);
  let pid = 1000;
  for (let i = 0; i < n; i++) {
    t += 1000 + Math.floor(rand() * 60_000);
    const base = { session: 0, exit: { termination: 0, exit: 0 }, tv: t };
    if (i % 5000 === 0) {
      if (rand() < 0.5 && i > 0) {
        yield {
          ...base,
          type: 1,
          pid: 0,
          line: "~",
          id: "~~",
          user: "shutdown",
          host: "6.1.0-18-amd64",
          addr: null,
        };
        i++;
        base.tv = t += 30_000;
      }
      open.clear();
      yield {
        ...base,
        type: 2,
        pid: 0,
        line: "~",
        id: "~~",
        user: "reboot",
        host: "6.1.0-18-amd64",
        addr: null,
      };
      continue;
    }
    const tty = `pts/${Math.floor(rand() * 50)}`;
    const o = open.get(tty);
    if (o && rand() < 0.8) {
      open.delete(tty);
      yield { ...base, type: 8, pid: o, line: tty, id: tty.slice(1), user: "", host: "", addr: null };
    } else {
      const ip = `10.${Math.floor(rand() * 4)}.${Math.floor(rand() * 256)}.${1 + Math.floor(rand() * 254)}`;
      open.set(tty, ++pid);
      const user = users[Math.floor(rand() * users.length)];
      yield { ...base, type: 7, pid, line: tty, id: tty.slice(1), user, host: ip, addr: ip };
    }
  }
}
function* batched(iter, size, render) {
  let batch = [];
  for (const x of iter) {
    batch.push(x);
    if (batch.length === size) {
      yield render(batch);
      batch = [];
    }
  }
  if (batch.length) yield render(batch);
}

// 2./3. traffic: a host talking to 300 peers, TCP and UDP, payloads averaging ~530 bytes.
function* packets(n) {
  const self = "192.168.100.207";
  const peers = Array.from({ length: 300 }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.${7 + (i % 200)}`);
  let ts = Date.parse("2026-10-31T10:00:00Z");
  for (let i = 0; i < n; i++) {
    ts += rand() * 2;
    const peer = peers[Math.floor(rand() * peers.length)];
    const out = rand() < 0.5;
    const udp = rand() < 0.1;
    const length = udp ? 40 + Math.floor(rand() * 200) : Math.floor(rand() * 1070) + 7;
    const [src, dst] = out ? [self, peer] : [peer, self];
    yield {
      ts: Math.round(ts * 1000) / 1000,
      proto: udp ? "udp" : "tcp",
      src,
      sport: out ? 40000 + (i % 20000) : 443,
      dst,
      dport: out ? 443 : 40000 + (i % 20000),
      length,
    };
  }
}

const AWK_ADDRS = '{ s = $3; d = $5; sub(/\\.[^.]*$/, "", s); sub(/\\.[^.]*:$/, "", d); print s, d }';

// Debian's default awk is mawk; prefer it when several are installed, and say which ran.
const AWK = spawnSync("sh", ["-c", "command -v mawk"]).status === 0 ? "mawk" : "awk";

const timeCmd = (cmd, argv, env) => {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, argv, {
      stdio: ["ignore", "ignore", "ignore"],
      env: { ...process.env, ...env },
    });
    const s = (performance.now() - t0) / 1000;
    if (r.error || r.status !== 0) return { error: r.error?.message ?? `exit ${r.status}` };
    best = Math.min(best, s);
  }
  return { seconds: best };
};

const timeNode = (script, argv) => {
  let best = Number.POSITIVE_INFINITY;
  let out;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(here, "cases", script), ...argv], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    });
    const s = (performance.now() - t0) / 1000;
    if (r.status !== 0) return { error: r.stderr.trim().split("\n").pop() };
    if (s < best) {
      best = s;
      out = JSON.parse(r.stdout.trim().split("\n").pop());
    }
  }
  return { seconds: best, ...out };
};

const rows = [];
const mb = (p) => `${(statSync(p).size / 1e6).toFixed(0)} MB`;

if (!only || only.has("wtmp")) {
  const n = Math.round(1_000_000 * scale);
  const path = await cached(`wtmp-${n}.bin`, (p) =>
    writeChunks(
      p,
      batched(wtmpEntries(n), 10_000, (b) => wtmp.renderUtmp(b)),
    ),
  );
  const tool = timeCmd("last", ["-f", path, "-F", "-i", "-x", "-w"], { TZ: "UTC" });
  const fl = timeNode("wtmp.mjs", [path]);
  rows.push({
    case: `wtmp, ${n.toLocaleString("en")} records (${mb(path)})`,
    tool: "last -F -i -x -w",
    target: 1,
    t: tool,
    f: fl,
  });
}

if (!only || only.has("pcap")) {
  const n = Math.round(3_000_000 * scale);
  const path = await cached(`traffic-v2-${n}.pcap`, (p) =>
    writeChunks(p, pcap.pcapChunks(packets(n), { chunkSize: 4 << 20 })),
  );
  const tool = timeCmd("tcpdump", ["-r", path, "-nn", "-q"]);
  const fl = timeNode("traffic.mjs", ["pcap", path]);
  rows.push({
    case: `pcap, ${n.toLocaleString("en")} packets (${mb(path)})`,
    tool: "tcpdump -r -nn -q",
    target: 0.5,
    t: tool,
    f: fl,
  });
}

if (!only || only.has("tcpdump")) {
  const n = Math.round(3_000_000 * scale);
  const path = await cached(`traffic-v2-${n}.q.txt`, (p) =>
    writeChunks(
      p,
      batched(packets(n), 20_000, (b) => Buffer.from(tcpdump.renderTcpdump(b, { q: true }))),
    ),
  );
  // The two addresses without their ports, as the seed's scripts needed them.
  const tool = timeCmd(AWK, [AWK_ADDRS, path]);
  const fl = timeNode("traffic.mjs", ["tcpdump", path]);
  rows.push({
    case: `tcpdump -q text, ${n.toLocaleString("en")} lines (${mb(path)})`,
    tool: `${AWK}: $3, $5 without ports`,
    target: 0.5,
    t: tool,
    f: fl,
  });
}

const fmt = (x) => (x === undefined ? "-" : x.toFixed(2));
const table = [
  ["case", "real tool", "tool s", "fleetlens s", "ratio", "target", "fleetlens peak RSS", "records", "ok"],
];
let allOk = true;
for (const r of rows) {
  const ratio = r.t.seconds && r.f.seconds ? r.f.seconds / r.t.seconds : undefined;
  const rssMb = r.f.maxRssKb ? r.f.maxRssKb / 1024 : undefined;
  const ok = ratio !== undefined && ratio <= r.target && rssMb !== undefined && rssMb < 100;
  allOk &&= ok;
  table.push([
    r.case,
    r.tool + (r.t.error ? ` (${r.t.error})` : ""),
    fmt(r.t.seconds),
    r.f.error ? `error: ${r.f.error}` : fmt(r.f.seconds),
    ratio === undefined ? "-" : `${ratio.toFixed(2)}x`,
    `<= ${r.target}x`,
    rssMb === undefined ? "-" : `${rssMb.toFixed(0)} MB`,
    String(r.f.records ?? "-"),
    ok ? "yes" : "NO",
  ]);
}
const w = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
const line = (row) => `| ${row.map((c, i) => c.padEnd(w[i])).join(" | ")} |`;
console.log(line(table[0]));
console.log(`|${w.map((x) => "-".repeat(x + 2)).join("|")}|`);
for (const row of table.slice(1)) console.log(line(row));
console.log(
  `\nbest of ${runs} runs each; node ${process.version}; ${quick ? "quick (1/10 sizes)" : "full sizes"}; peak RSS must stay under 100 MB.`,
);
writeFileSync(join(dataDir, "last-results.json"), JSON.stringify(rows, null, 2));
process.exitCode = allOk ? 0 : 1;
