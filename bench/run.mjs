#!/usr/bin/env node
// npm run bench [-- --quick] [-- --only wtmp,pcap,tcpdump] [-- --runs N]
// Generates inputs once (bench/data, git-ignored), then times fleetlens and the real tool on the
// same input, each as a fresh process writing nothing, best of N runs, and prints a table of
// ratios with fleetlens's peak RSS. Timing lives here, never in tests.
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { flexlmLog, openstack, pcap, tcpdump, wtmp } from "@fleetlens/parsers";

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

// 4. FlexLM debug log: OUT/IN/DENIED over 60 features and 800 user@hosts, with TIMESTAMP anchors.
function* flexlmEvents(n) {
  let ts = Date.parse("2026-01-05T00:00:00Z");
  const open = [];
  for (let i = 0; i < n; i++) {
    ts += Math.floor(rand() * 400);
    const f = `feature${Math.floor(rand() * 60)}`;
    const u = Math.floor(rand() * 800);
    if (open.length > 0 && rand() < 0.48) {
      const k = Math.floor(rand() * open.length);
      const o = open[k];
      open[k] = open[open.length - 1];
      open.pop();
      yield {
        ts,
        daemon: "MLM",
        event: "IN",
        feature: o.f,
        user: `user${o.u}`,
        host: `pc${o.u}`,
        count: 1,
        reason: null,
      };
    } else if (rand() < 0.03) {
      yield {
        ts,
        daemon: "MLM",
        event: "DENIED",
        feature: f,
        user: `user${u}`,
        host: `pc${u}`,
        count: 1,
        reason: "Licensed number of users already reached.",
        code: "-4,342",
      };
    } else {
      open.push({ f, u });
      yield {
        ts,
        daemon: "MLM",
        event: "OUT",
        feature: f,
        user: `user${u}`,
        host: `pc${u}`,
        count: 1,
        reason: null,
      };
    }
  }
}

// 6. OpenStack: nova-api access lines (mostly GETs, one action in 50) and nova-compute lines.
function* osRecords(targetBytes, role) {
  let ts = Date.parse("2026-01-05T00:00:00Z");
  let bytes = 0;
  let i = 0;
  const inst = (k) => `6f1c2d3e-0000-4000-8000-${String(k % 2000).padStart(12, "0")}`;
  const base = {
    pid: 2931,
    userId: "113d3a99c3da401fbd62cc2caa5b96d2",
    projectId: "54fadb412c4e40cdbaed9335e4c35a9e",
    globalRequestId: null,
    source: null,
    lifecycle: null,
    http: null,
  };
  while (bytes < targetBytes) {
    ts += 7;
    i++;
    const req = `req-00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
    let r;
    if (role === "api") {
      const action = i % 50 === 0;
      const path = action ? `/v2.1/servers/${inst(i)}/action` : "/v2.1/servers/detail";
      const http = {
        client: "10.11.10.1",
        method: action ? "POST" : "GET",
        path,
        version: "HTTP/1.1",
        status: action ? 202 : 200,
        length: 1893,
        seconds: 0.2477829,
      };
      r = {
        ...base,
        ts,
        level: "INFO",
        logger: "nova.osapi_compute.wsgi.server",
        requestId: req,
        instance: null,
        message: openstack.httpMessage(http, "nova"),
        http,
      };
    } else if (i % 50 === 0) {
      r = {
        ...base,
        ts: ts + 300,
        level: "INFO",
        logger: "nova.compute.manager",
        requestId: req,
        userId: null,
        projectId: null,
        instance: inst(i),
        message: "VM Paused (Lifecycle Event)",
        lifecycle: "Paused",
      };
    } else {
      r = {
        ...base,
        ts,
        level: "DEBUG",
        logger: "oslo_concurrency.lockutils",
        requestId: req,
        userId: null,
        projectId: null,
        instance: null,
        message:
          'Lock "compute_resources" acquired by "nova.compute.resource_tracker.ResourceTracker._update_available_resource" :: waited 0.000s',
      };
    }
    bytes += 230;
    yield r;
  }
}
const textChunks = (records, size, render) => batched(records, size, (b) => Buffer.from(render(b)));
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

if (!only || only.has("flexlm")) {
  const n = Math.round(1_000_000 * scale);
  const path = await cached(`flexlm-${n}.log`, (p) =>
    writeChunks(
      p,
      textChunks(flexlmEvents(n), 20_000, (b) => flexlmLog.renderFlexlmLog(b, { daemon: "MLM" })),
    ),
  );
  // Counting OUT and IN per feature: the least an awk script answering "how used" must do.
  const COUNT = '$3 == "OUT:" || $3 == "IN:" { c[$3 " " $4]++ } END { for (k in c) print k, c[k] }';
  const tool = timeCmd(AWK, [COUNT, path]);
  const fl = timeNode("flexlm.mjs", [path]);
  rows.push({
    case: `FlexLM log, ${n.toLocaleString("en")} lines (${mb(path)})`,
    tool: `${AWK}: OUT/IN per feature`,
    target: 0.5,
    t: tool,
    f: fl,
  });
  // GNU awk, when installed, for reference (Debian's default awk is mawk, the faster one).
  if (AWK === "mawk" && spawnSync("sh", ["-c", "command -v gawk"]).status === 0)
    rows.push({
      case: "  same, against GNU awk",
      tool: "gawk: OUT/IN per feature",
      info: "reference",
      t: timeCmd("gawk", [COUNT, path]),
      f: fl,
    });
}

if (!only || only.has("attribution")) {
  const n = Math.round(100_000 * scale);
  const fl = timeNode("attribution.mjs", [String(n)]);
  rows.push({
    case: `attribution, ${n.toLocaleString("en")} snapshots (analysis only)`,
    tool: "-",
    absolute: { max: 1, unit: "s" },
    inMemory: true,
    t: {},
    f: fl,
  });
}

if (!only || only.has("openstack")) {
  const bytes = Math.round(1e9 * scale);
  const render = (b) => openstack.renderOsLog(b, { source: false });
  const api = await cached(`nova-api-${bytes}.log`, (p) =>
    writeChunks(p, textChunks(osRecords(bytes / 2, "api"), 20_000, render)),
  );
  const compute = await cached(`nova-compute-${bytes}.log`, (p) =>
    writeChunks(p, textChunks(osRecords(bytes / 2, "compute"), 20_000, render)),
  );
  const total = statSync(api).size + statSync(compute).size;
  // awk pulling method, path and status out of the access lines (what the seed's regexes did).
  const tool = timeCmd(AWK, [
    '-F"',
    'NF > 2 { split($2, r, " "); s = $3; sub(/^ status: /, "", s); print r[1], r[2], s + 0 }',
    api,
    compute,
  ]);
  const bin = join(here, "..", "adapters", "cli", "dist", "fleetlens.cjs");
  const argv = [
    bin,
    "openstack",
    "actions",
    "--api",
    api,
    "--compute",
    compute,
    "--dry-run",
    "--format",
    "ndjson",
  ];
  const fl = timeCmd(process.execPath, argv);
  const rss =
    spawnSync("sh", ["-c", "test -x /usr/bin/time"]).status === 0
      ? Number(
          spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, ...argv], {
            encoding: "utf8",
            stdio: ["ignore", "ignore", "pipe"],
          })
            .stderr.trim()
            .split("\n")
            .pop(),
        )
      : undefined;
  rows.push({
    case: `OpenStack logs to actions, end to end (${(total / 1e6).toFixed(0)} MB)`,
    tool: `${AWK}: method, path, status`,
    target: 1,
    minRate: { mbps: 100, bytes: total },
    // the whole command: its own start-up is about 57 MB (node, the declarations, then this verb's
    // code); the parse and derivation keep a flat ~18 MB live heap (checked with forced GCs), the
    // rest is GC slack
    rssLimitMb: 160,
    t: tool,
    f: { ...fl, maxRssKb: rss },
  });
}

if (!only || only.has("store")) {
  const n = Math.round(200_000 * Math.max(scale, 0.25));
  // SQLite (the embedded default), MariaDB started here on 127.0.0.1, and any --mysql URL given.
  const cases = [
    ["sqlite", "store.mjs", ["sqlite"]],
    ["mariadb, started here", "store-mariadb.mjs", []],
    ...(args.includes("--mysql") ? [["mysql", "store.mjs", [args[args.indexOf("--mysql") + 1]]]] : []),
  ];
  for (const [label, script, pre] of cases) {
    const fl = timeNode(script, [...pre, String(n), "1000"]);
    rows.push({
      case: `store insert, ${n.toLocaleString("en")} rows, batches of 1000 (${label})`,
      tool: "-",
      inMemory: true,
      info: fl.rowsPerSecond
        ? `${fl.rowsPerSecond.toLocaleString("en")} rows/s (re-run, all duplicates: ${fl.rerunRowsPerSecond.toLocaleString("en")} rows/s)`
        : fl.error,
      t: {},
      f: fl,
    });
  }
}

if (!only || only.has("probes")) {
  for (const kind of ["tcp", "http"]) {
    const fl = timeNode("sweep.mjs", [kind, "1000", "256"]);
    rows.push({
      case: `${kind} probes, 1,000 loopback targets, concurrency 256`,
      tool: "-",
      inMemory: true,
      info: fl.perSecond ? `${fl.perSecond.toLocaleString("en")} probes/s, ${fl.ok} ok` : undefined,
      t: {},
      f: fl,
    });
  }
  const snmp = timeNode("snmp.mjs", ["5"]);
  rows.push({
    case: "SNMP: the thesis's 13 OIDs from a local snmpd",
    tool: "snmpget, one process per OID",
    target: 1,
    inMemory: true,
    t: { seconds: snmp.toolSeconds },
    f: snmp,
  });
  rows.push({
    case: "SNMP: the same 13 OIDs",
    tool: "prometheus-snmp-exporter",
    target: 1,
    inMemory: true,
    t: snmp.exporterSeconds
      ? { seconds: snmp.exporterSeconds }
      : { error: "not installed (apt-get install prometheus-snmp-exporter)" },
    f: snmp,
  });
}

const fmt = (x) => (x === undefined ? "-" : x < 0.1 ? x.toFixed(4) : x.toFixed(2));
const table = [
  ["case", "real tool", "tool s", "fleetlens s", "ratio", "target", "fleetlens peak RSS", "records", "ok"],
];
let allOk = true;
for (const r of rows) {
  const ratio = r.t.seconds && r.f.seconds ? r.f.seconds / r.t.seconds : undefined;
  const rssMb = r.f.maxRssKb ? r.f.maxRssKb / 1024 : undefined;
  let target;
  let ok;
  if (r.absolute) {
    target = `< ${r.absolute.max} ${r.absolute.unit}`;
    ok = r.f.seconds !== undefined && r.f.seconds < r.absolute.max;
  } else if (r.target === undefined) {
    target = r.info ?? "-";
    ok = r.f.seconds !== undefined;
  } else {
    target = `<= ${r.target}x`;
    ok = ratio !== undefined && ratio <= r.target;
    if (r.minRate && r.f.seconds) {
      const rate = r.minRate.bytes / 1e6 / r.f.seconds;
      target += `, >= ${r.minRate.mbps} MB/s (got ${rate.toFixed(0)})`;
      ok &&= rate >= r.minRate.mbps;
    }
  }
  // Rows whose inputs are built in memory by the case itself are not held to the streaming bound.
  ok &&= r.inMemory === true || rssMb === undefined || rssMb < (r.rssLimitMb ?? 100);
  allOk &&= ok;
  table.push([
    r.case,
    r.tool + (r.t.error ? ` (${r.t.error})` : ""),
    fmt(r.t.seconds),
    r.f.error ? `error: ${r.f.error}` : fmt(r.f.seconds),
    ratio === undefined ? "-" : `${ratio.toFixed(2)}x`,
    target,
    rssMb === undefined ? "-" : `${rssMb.toFixed(0)} MB${r.rssLimitMb ? ` (< ${r.rssLimitMb})` : ""}`,
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
  `\nbest of ${runs} runs each; node ${process.version}; ${quick ? "quick (1/10 sizes)" : "full sizes"}; peak RSS must stay under 100 MB for streamed inputs.`,
);
writeFileSync(join(dataDir, "last-results.json"), JSON.stringify(rows, null, 2));
process.exitCode = allOk ? 0 : 1;
