import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { ProbeResult, type ProcfsSample } from "@fleetlens/core";
import { procfs, wtmp } from "@fleetlens/parsers";
import { Schema } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  collectHost,
  cpuUse,
  type HostSample,
  type HostStatics,
  hostProber,
  hostSnapshot,
  isPseudoFilesystem,
  readHostSample,
} from "../src/host.js";

type Cpu = procfs.ProcfsCpu;
const decodeResult = Schema.decodeUnknownSync(ProbeResult);
const metric = (r: ProbeResult, name: string, labels: Record<string, string> = {}) =>
  r.metrics.find((m) => m.name === name && Object.entries(labels).every(([k, v]) => m.labels[k] === v))
    ?.value;

const cpuLine = (cpu: number | null, user: number, system: number, idle: number, iowait = 0): Cpu => ({
  file: "stat",
  type: "cpu",
  cpu,
  user,
  nice: 0,
  system,
  idle,
  iowait,
  irq: 0,
  softirq: 0,
  steal: 0,
  guest: 0,
  guestNice: 0,
});
const netLine = (name: string, rx: number, tx: number): ProcfsSample => ({
  file: "net-dev",
  interface: name,
  rxBytes: rx,
  rxPackets: Math.floor(rx / 100),
  rxErrs: 1,
  rxDrop: 2,
  rxFifo: 0,
  rxFrame: 0,
  rxCompressed: 0,
  rxMulticast: 0,
  txBytes: tx,
  txPackets: Math.floor(tx / 100),
  txErrs: 3,
  txDrop: 4,
  txFifo: 0,
  txColls: 0,
  txCarrier: 0,
  txCompressed: 0,
});
const diskLine = (
  device: string,
  reads: number,
  readSectors: number,
  ioMs: number,
  writes = 7,
): ProcfsSample => ({
  file: "diskstats",
  major: 8,
  minor: 0,
  device,
  reads,
  readsMerged: 0,
  readBytes: readSectors * 512,
  readMs: 10,
  writes,
  writesMerged: 0,
  writeBytes: writes > 0 ? 4096 : 0,
  writeMs: 5,
  inFlight: 0,
  ioMs,
  weightedIoMs: 15,
  discards: null,
  discardsMerged: null,
  discardBytes: null,
  discardMs: null,
  flushes: null,
  flushMs: null,
});
const kb = (key: string, v: number): ProcfsSample => ({
  file: "meminfo",
  key,
  value: v * 1024,
  unit: "bytes",
});

/** Writes a fake root: /proc files rendered from records, mounts, utmp, os-release, two processes. */
const writeTree = (
  root: string,
  p: { cpus: Cpu[]; lo: number; disk: number; ticks: number; dataDir: string; utmp: Uint8Array },
) => {
  const w = (rel: string, text: string | Uint8Array) => {
    mkdirSync(join(root, rel, ".."), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  w(
    "proc/stat",
    procfs.renderProcfs([
      ...p.cpus,
      { file: "stat", type: "value", key: "ctxt", value: 5000 },
      { file: "stat", type: "value", key: "btime", value: 1700000000 },
      { file: "stat", type: "value", key: "processes", value: 99 },
      { file: "stat", type: "value", key: "procs_running", value: 2 },
      { file: "stat", type: "value", key: "procs_blocked", value: 1 },
    ]),
  );
  w(
    "proc/meminfo",
    procfs.renderProcfs([
      kb("MemTotal", 8000000),
      kb("MemFree", 1000000),
      kb("MemAvailable", 6000000),
      kb("Buffers", 100000),
      kb("Cached", 2000000),
      kb("SReclaimable", 50000),
      kb("SwapTotal", 1000000),
      kb("SwapFree", 750000),
    ]),
  );
  w("proc/loadavg", "0.50 0.40 0.30 2/300 4242\n");
  w("proc/uptime", "1234.56 2000.00\n");
  w("proc/net/dev", procfs.renderProcfs([netLine("lo", p.lo, p.lo), netLine("eth0", 5000, 6000)]));
  w(
    "proc/diskstats",
    procfs.renderProcfs([diskLine("sda", 100, p.disk, 200), diskLine("loop0", 0, 0, 0, 0)]),
  );
  w("proc/sys/kernel/hostname", "fakehost\n");
  w("proc/sys/kernel/osrelease", "6.1.0-fake-amd64\n");
  w(
    "proc/self/mounts",
    [
      "/dev/vda1 / ext4 rw,relatime 0 0",
      "proc /proc proc rw 0 0",
      "sysfs /sys sysfs rw 0 0",
      `tmpfs /${p.dataDir.replace(/ /g, "\\040")} tmpfs rw 0 0`,
      "devpts /dev/pts devpts rw 0 0",
      "",
    ].join("\n"),
  );
  mkdirSync(join(root, p.dataDir), { recursive: true });
  w(
    "etc/os-release",
    'PRETTY_NAME="Fake GNU/Linux 12 (test)"\nNAME="Fake GNU/Linux"\nVERSION_ID="12"\nID=fake\n# comment\n',
  );
  w("var/run/utmp", p.utmp);
  // pid 100: "my (odd) proc", ticks given; pid 200: bigger resident set
  w(
    "proc/100/stat",
    `100 (my (odd) proc) S 1 100 100 0 -1 4194560 1 0 0 0 ${p.ticks} 10 0 0 20 0 1 0 5 1000 50`,
  );
  w("proc/100/statm", "1000 50 10 1 0 40 0\n");
  w("proc/200/stat", "200 (big) R 1 200 200 0 -1 4194560 1 0 0 0 7 3 0 0 20 0 1 0 6 9000 900");
  w("proc/200/statm", "9000 900 10 1 0 800 0\n");
};

const utmpEntry = (type: number, user: string, line: string, tv: number): wtmp.UtmpEntry => ({
  type,
  pid: 4000 + line.length,
  line,
  id: line.slice(-4),
  user,
  host: user === "alice" ? "192.0.2.7" : "",
  addr: null,
  session: 0,
  exit: { termination: 0, exit: 0 },
  tv,
});

describe("collectHost on a fake /proc tree", () => {
  let root = "";
  const login = Date.UTC(2024, 2, 1, 9, 15);
  beforeAll(() => {
    root = mkdtempSync(join(os.tmpdir(), "fleetlens-host-"));
    const utmp = wtmp.renderUtmp([
      utmpEntry(2, "reboot", "~", login - 60000),
      utmpEntry(7, "alice", "pts/0", login),
      utmpEntry(7, "bob", "tty1", login + 1000),
      utmpEntry(7, "alice", "pts/1", login + 2000),
      utmpEntry(8, "", "pts/2", login + 3000),
      utmpEntry(6, "LOGIN", "tty2", login + 4000),
    ]);
    writeTree(root, {
      cpus: [cpuLine(null, 100, 50, 1000), cpuLine(0, 50, 25, 500), cpuLine(1, 50, 25, 500)],
      lo: 10000,
      disk: 800,
      ticks: 90,
      dataDir: "data dir",
      utmp,
    });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("reads every part of the snapshot from the tree", async () => {
    const { result, snapshot } = await collectHost({ root, intervalMs: 0, pageSize: 4096, topN: 1 });
    expect(decodeResult(result)).toEqual(result);
    expect(result).toMatchObject({ module: "host", target: "fakehost", success: true, failureReason: null });
    const s = snapshot!;
    expect(s.hostname).toBe("fakehost");
    expect(s.os).toEqual({
      name: "Fake GNU/Linux",
      version: "12",
      id: "fake",
      prettyName: "Fake GNU/Linux 12 (test)",
      kernel: "6.1.0-fake-amd64",
      arch: os.arch(),
    });
    expect(s.bootTime).toBe(1700000000);
    expect(s.uptimeSeconds).toBe(1234.56);
    expect(s.cpuCount).toBe(2);
    // same file twice: no tick passed, so no CPU figure rather than a made-up one
    expect(s.cpu).toEqual([]);
    expect(s.memory).toEqual({
      totalBytes: 8000000 * 1024,
      availableBytes: 6000000 * 1024,
      usedBytes: 2000000 * 1024,
      freeBytes: 1000000 * 1024,
      buffersBytes: 100000 * 1024,
      cachedBytes: 2050000 * 1024,
      usedRatio: 0.25,
    });
    expect(s.swap).toEqual({
      totalBytes: 1000000 * 1024,
      freeBytes: 750000 * 1024,
      usedBytes: 250000 * 1024,
      usedRatio: 0.25,
    });
    expect(s.load).toEqual({ load1: 0.5, load5: 0.4, load15: 0.3 });
    expect(s.network.map((n) => [n.interface, n.rxBytes, n.rxBytesPerSecond])).toEqual([
      ["lo", 10000, 0],
      ["eth0", 5000, 0],
    ]);
    // loop0 never did any I/O: left out
    expect(s.disks.map((d) => [d.device, d.readBytes, d.writeBytes])).toEqual([["sda", 800 * 512, 4096]]);
    expect(s.users).toEqual([
      { user: "alice", line: "pts/0", host: "192.0.2.7", pid: 4005, started: "2024-03-01T09:15:00.000Z" },
      { user: "bob", line: "tty1", host: "", pid: 4004, started: "2024-03-01T09:15:01.000Z" },
      { user: "alice", line: "pts/1", host: "192.0.2.7", pid: 4005, started: "2024-03-01T09:15:02.000Z" },
    ]);
    expect(s.processes).toMatchObject({ count: 2, running: 2, blocked: 1 });
    expect(s.processes.topMemory).toEqual([
      {
        pid: 200,
        name: "big",
        cpuRatio: null,
        residentBytes: 900 * 4096,
        memoryRatio: (900 * 4096) / (8000000 * 1024),
      },
    ]);
    expect(s.processes.topCpu).toEqual([]);

    // filesystems: the pseudo ones are left out; sizes are statfs's of the directories in the tree
    expect(s.filesystems.map((f) => [f.mountpoint, f.device, f.fstype])).toEqual([
      ["/", "/dev/vda1", "ext4"],
      ["/data dir", "tmpfs", "tmpfs"],
    ]);
    const st = statfsSync(root);
    expect(s.filesystems[0]!.sizeBytes).toBe(st.blocks * st.bsize);
    expect(s.filesystems[0]!.usedBytes).toBe(s.filesystems[0]!.sizeBytes - s.filesystems[0]!.freeBytes);

    expect(metric(result, "fleetlens_host_memory_total_bytes")).toBe(8000000 * 1024);
    expect(metric(result, "fleetlens_host_memory_used_ratio")).toBe(0.25);
    expect(metric(result, "fleetlens_host_swap_used_bytes")).toBe(250000 * 1024);
    expect(metric(result, "fleetlens_host_load15")).toBe(0.3);
    expect(metric(result, "fleetlens_host_users")).toBe(3);
    expect(metric(result, "fleetlens_host_user_sessions", { user: "alice" })).toBe(2);
    expect(metric(result, "fleetlens_host_network_transmit_errors_total", { device: "eth0" })).toBe(3);
    expect(metric(result, "fleetlens_host_disk_read_bytes_total", { device: "sda" })).toBe(800 * 512);
    expect(
      metric(result, "fleetlens_host_filesystem_size_bytes", { mountpoint: "/data dir" }),
    ).toBeGreaterThan(0);
    expect(metric(result, "fleetlens_host_process_resident_bytes", { pid: "200", name: "big" })).toBe(
      900 * 4096,
    );
    expect(metric(result, "fleetlens_host_info", { hostname: "fakehost", kernel: "6.1.0-fake-amd64" })).toBe(
      1,
    );
    expect(metric(result, "fleetlens_host_cpu_busy_ratio")).toBeUndefined();
    expect(
      result.metrics.every((m) => m.name.startsWith("fleetlens_host_") && Number.isFinite(m.value)),
    ).toBe(true);
  });

  it("computes CPU, rates and process CPU from two samples exactly", async () => {
    const a = await readHostSample(root);
    const r2 = mkdtempSync(join(os.tmpdir(), "fleetlens-host-b-"));
    try {
      writeTree(r2, {
        // +30 user, +70 idle in total; cpu0 all busy (+20 user, +10 system), cpu1 all idle
        cpus: [cpuLine(null, 130, 50, 1070), cpuLine(0, 70, 35, 500), cpuLine(1, 50, 25, 570)],
        lo: 11000,
        disk: 900,
        ticks: 140, // pid 100: +50 ticks
        dataDir: "data dir",
        utmp: new Uint8Array(0),
      });
      const b = await readHostSample(r2);
      const statics: HostStatics = {
        hostname: "h",
        osRelease: {},
        kernel: "k",
        arch: "x64",
        filesystems: [],
        users: [],
        pageSize: 4096,
        topN: 5,
      };
      const s = hostSnapshot({ ...a, at: 0 }, { ...b, at: 2000 }, statics);
      expect(s.intervalSeconds).toBe(2);
      expect(s.cpu.map((c) => [c.cpu, c.busyRatio])).toEqual([
        ["all", 0.3],
        ["0", 1],
        ["1", 0],
      ]);
      expect(s.cpu[0]!.modes).toMatchObject({ user: 0.3, idle: 0.7, system: 0 });
      const lo = s.network.find((n) => n.interface === "lo")!;
      expect([lo.rxBytesPerSecond, lo.txBytesPerSecond, lo.rxPacketsPerSecond]).toEqual([500, 500, 5]);
      const sda = s.disks.find((d) => d.device === "sda")!;
      expect(sda.readBytesPerSecond).toBe((100 * 512) / 2);
      expect(sda.busyRatio).toBe(0);
      // 50 ticks of one process while 100 ticks passed over 2 CPUs (50 per CPU): one full core
      expect(s.processes.topCpu[0]).toMatchObject({ pid: 100, name: "my (odd) proc", cpuRatio: 1 });
      expect(s.processes.topCpu[1]).toMatchObject({ pid: 200, cpuRatio: 0 });
      // a counter that went backwards (interface re-created) gives no rate, never a negative one
      const back = hostSnapshot({ ...b, at: 0 }, { ...a, at: 1000 }, statics);
      expect(back.network.find((n) => n.interface === "lo")!.rxBytesPerSecond).toBeNull();
      expect(back.cpu).toEqual([]);
      expect(back.processes.topCpu).toEqual([]);
    } finally {
      rmSync(r2, { recursive: true, force: true });
    }
  });

  it("fails cleanly without /proc/stat, and with timeout when aborted", async () => {
    const missing = await collectHost({ root: join(root, "nowhere"), intervalMs: 0, target: "x" });
    expect(missing.snapshot).toBeNull();
    expect(missing.result).toMatchObject({
      module: "host",
      target: "x",
      success: false,
      failureReason: "error",
    });
    expect(missing.result.message).toContain("proc/stat");
    const ac = new AbortController();
    const pending = collectHost({ root, intervalMs: 60_000, signal: ac.signal });
    ac.abort(new Error("stop"));
    const stopped = await pending;
    expect(stopped.result).toMatchObject({ success: false, failureReason: "timeout" });
    expect(decodeResult(stopped.result)).toEqual(stopped.result);
  });

  it("knows the pseudo filesystems", () => {
    for (const t of ["proc", "sysfs", "cgroup2", "devpts", "tracefs"])
      expect(isPseudoFilesystem(t)).toBe(true);
    for (const t of ["ext4", "xfs", "tmpfs", "overlay", "nfs4", "btrfs"])
      expect(isPseudoFilesystem(t)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties of the arithmetic

const cpuArb = (cpu: number | null) =>
  fc
    .array(fc.nat({ max: 2 ** 40 }), { minLength: 8, maxLength: 8 })
    .map(([user, nice, system, idle, iowait, irq, softirq, steal]) => ({
      ...cpuLine(cpu, user!, system!, idle!, iowait!),
      nice: nice!,
      irq: irq!,
      softirq: softirq!,
      steal: steal!,
    }));

const sampleArb = fc
  .record({
    at: fc.double({ min: 0, max: 1e9, noNaN: true }),
    all: cpuArb(null),
    lo: fc.array(fc.nat({ max: 2 ** 50 }), { minLength: 2, maxLength: 2 }),
    mem: fc.array(fc.nat({ max: 2 ** 44 }), { minLength: 6, maxLength: 6 }),
    ticks: fc.nat({ max: 2 ** 40 }),
    pages: fc.nat({ max: 2 ** 30 }),
    io: fc.nat({ max: 2 ** 40 }),
  })
  .map(
    (x): HostSample => ({
      at: x.at,
      cpus: [x.all],
      stat: {},
      meminfo: {
        MemTotal: x.mem[0]!,
        MemFree: x.mem[1]!,
        MemAvailable: x.mem[2]!,
        Cached: x.mem[3]!,
        SwapTotal: x.mem[4]!,
        SwapFree: x.mem[5]!,
      },
      loadavg: null,
      uptime: null,
      net: [netLine("lo", x.lo[0]!, x.lo[1]!) as procfs.ProcfsNetDev],
      disks: [diskLine("sda", 1 + x.io, x.io, x.io) as procfs.ProcfsDiskstats],
      processes: [{ pid: 1, name: "init", state: "S", ticks: x.ticks, residentPages: x.pages }],
    }),
  );
const statics: HostStatics = {
  hostname: "h",
  osRelease: {},
  kernel: "k",
  arch: "x64",
  filesystems: [],
  users: [],
  pageSize: 4096,
  topN: 3,
};
const inUnit = (x: number | null) => x === null || (x >= 0 && x <= 1);

describe("host arithmetic properties", () => {
  test.prop([cpuArb(0), cpuArb(0)])("CPU shares stay in 0..1 and add up to 1", (a, b) => {
    const u = cpuUse(a, b);
    if (u === null) return;
    expect(inUnit(u.busyRatio)).toBe(true);
    const sum = Object.values(u.modes).reduce((s, v) => s + v, 0);
    expect(Math.abs(sum - 1)).toBeLessThan(1e-9);
    for (const v of Object.values(u.modes)) expect(inUnit(v)).toBe(true);
  });

  test.prop([sampleArb, sampleArb])("rates are never negative and ratios stay in 0..1", (a, b) => {
    const s = hostSnapshot(a, b, statics);
    for (const n of s.network)
      for (const r of [n.rxBytesPerSecond, n.txBytesPerSecond, n.rxPacketsPerSecond, n.txPacketsPerSecond])
        expect(r === null || r >= 0).toBe(true);
    for (const d of s.disks) {
      for (const r of [d.readBytesPerSecond, d.writeBytesPerSecond, d.readsPerSecond, d.writesPerSecond])
        expect(r === null || r >= 0).toBe(true);
      expect(inUnit(d.busyRatio)).toBe(true);
    }
    expect(inUnit(s.memory.usedRatio)).toBe(true);
    expect(inUnit(s.swap.usedRatio)).toBe(true);
    expect(s.memory.usedBytes).toBeGreaterThanOrEqual(0);
    for (const c of s.cpu) expect(inUnit(c.busyRatio)).toBe(true);
    for (const p of [...s.processes.topCpu, ...s.processes.topMemory]) {
      expect(p.cpuRatio === null || p.cpuRatio >= 0).toBe(true);
      expect(inUnit(p.memoryRatio)).toBe(true);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Real oracle: this machine's /proc while a busy child, a memory-holding child and a loopback
// stream run; checked against free(1), df(1), uname(1), who(1), ps(1) and counters read around.

describe("collectHost on this machine", () => {
  const children: ChildProcess[] = [];
  let server: net.Server | undefined;
  let client: net.Socket | undefined;
  let busyPid = 0;
  let holderPid = 0;
  let pumpTimer: NodeJS.Timeout | undefined;

  beforeAll(async () => {
    const node = process.execPath;
    const busy = spawn(node, ["-e", "process.stdout.write('go');for(;;){}"], {
      stdio: ["ignore", "pipe", "ignore"],
    });
    const holder = spawn(
      node,
      ["-e", "const b=Buffer.alloc(256*1024*1024,1);process.stdout.write('ok');setInterval(()=>b[0]++,1000)"],
      { stdio: ["ignore", "pipe", "ignore"] },
    );
    children.push(busy, holder);
    busyPid = busy.pid!;
    holderPid = holder.pid!;
    await Promise.all(
      [busy, holder].map((c) => new Promise<void>((res) => c.stdout!.once("data", () => res()))),
    );
    // a loopback stream that keeps flowing for the whole test
    server = net.createServer((s) => s.resume());
    await new Promise<void>((res) => server!.listen(0, "127.0.0.1", () => res()));
    const port = (server.address() as net.AddressInfo).port;
    client = net.connect(port, "127.0.0.1");
    await new Promise<void>((res) => client!.once("connect", () => res()));
    // a steady trickle (64 KiB every 10 ms), not a flood that would take a core from the busy child
    const chunk = Buffer.alloc(64 * 1024, 7);
    pumpTimer = setInterval(() => client?.write(chunk), 10);
  });

  afterAll(() => {
    clearInterval(pumpTimer);
    client?.destroy();
    client = undefined;
    server?.close();
    for (const c of children) c.kill("SIGKILL");
  });

  const netDev = () =>
    (procfs.parseProcfs(readFileSync("/proc/net/dev")).records as procfs.ProcfsNetDev[]).find(
      (r) => r.interface === "lo",
    )!;

  it("agrees with the system's own tools", async () => {
    const loBefore = netDev();
    const { result, snapshot } = await collectHost({ intervalMs: 700, topN: 50 });
    const loAfter = netDev();
    expect(result.success, result.message ?? "").toBe(true);
    expect(decodeResult(result)).toEqual(result);
    const s = snapshot!;

    const free = execFileSync("free", ["-b"], { encoding: "utf8" }).split("\n");
    const row = (label: string) =>
      free
        .find((l) => l.startsWith(label))!
        .split(/\s+/)
        .slice(1)
        .map(Number);
    const [memTotal, memUsed] = row("Mem:");
    expect(s.memory.totalBytes).toBe(memTotal);
    expect(s.swap.totalBytes).toBe(row("Swap:")[0]);
    // used = total - available, as procps-ng 4 prints it; memory moves a little between the reads
    expect(Math.abs(s.memory.usedBytes - memUsed!)).toBeLessThan(memTotal! * 0.05);

    expect(s.os.kernel).toBe(execFileSync("uname", ["-r"], { encoding: "utf8" }).trim());
    expect(s.hostname).toBe(os.hostname());
    expect(s.cpuCount).toBe(os.cpus().length);
    expect(Math.abs(s.uptimeSeconds! - os.uptime())).toBeLessThan(5);

    // the busy child spins on one core for the whole interval
    const all = s.cpu.find((c) => c.cpu === "all")!;
    expect(all.busyRatio).toBeGreaterThan(0.8 / s.cpuCount / 2);
    const busy = s.processes.topCpu.find((p) => p.pid === busyPid);
    expect(busy, JSON.stringify(s.processes.topCpu.slice(0, 5))).toBeDefined();
    // it spins on at most one core; under load from parallel tests it may get less than all of it
    expect(busy!.cpuRatio!).toBeGreaterThan(0.05);
    expect(busy!.cpuRatio!).toBeLessThan(1.3);
    const idleHolder = s.processes.topCpu.find((p) => p.pid === holderPid);
    if (idleHolder) expect(idleHolder.cpuRatio!).toBeLessThan(busy!.cpuRatio!);

    // the holder's resident set is what ps reports (kB), within what it touched meanwhile
    const holder = s.processes.topMemory.find((p) => p.pid === holderPid);
    expect(holder).toBeDefined();
    expect(holder!.residentBytes).toBeGreaterThanOrEqual(256 * 1024 * 1024);
    const psRss =
      Number(execFileSync("ps", ["-o", "rss=", "-p", String(holderPid)], { encoding: "utf8" })) * 1024;
    expect(Math.abs(holder!.residentBytes - psRss)).toBeLessThan(16 * 1024 * 1024);
    expect(s.processes.count).toBeGreaterThan(3);

    // loopback counters lie between the reads around the collection, and the stream shows as a rate
    const lo = s.network.find((n) => n.interface === "lo")!;
    expect(lo.rxBytes).toBeGreaterThanOrEqual(loBefore.rxBytes);
    expect(lo.rxBytes).toBeLessThanOrEqual(loAfter.rxBytes);
    expect(lo.rxBytesPerSecond!).toBeGreaterThan(0);

    // "/" as df sees it
    const root = s.filesystems.find((f) => f.mountpoint === "/");
    expect(root).toBeDefined();
    const dfSize = Number(
      execFileSync("df", ["-B1", "--output=size", "/"], { encoding: "utf8" }).split("\n")[1],
    );
    expect(root!.sizeBytes).toBe(dfSize);
    expect(s.filesystems.every((f) => !isPseudoFilesystem(f.fstype))).toBe(true);

    // logged-in users: who(1) reads the same utmp (none in a container without one)
    const who = execFileSync("who", { encoding: "utf8" })
      .split("\n")
      .filter((l) => l.trim().length > 0);
    expect(s.users.length).toBe(who.length);

    const osRelease = readFileSync("/etc/os-release", "utf8");
    expect(osRelease).toContain(`PRETTY_NAME="${s.os.prettyName}"`);
    expect(metric(result, "fleetlens_host_cpu_busy_ratio", { cpu: "all" })).toBe(all.busyRatio);
    expect(metric(result, "fleetlens_host_memory_total_bytes")).toBe(memTotal);
  });

  it("runs as the host prober within its time budget", async () => {
    const ac = new AbortController();
    const r = await hostProber.probe(
      "this-host",
      { ...hostProber.defaults, intervalMs: 5000 },
      {
        signal: ac.signal,
        timeoutMs: 400,
      },
    );
    expect(r).toMatchObject({ module: "host", target: "this-host", success: true, failureReason: null });
    expect(r.metrics.some((m) => m.name === "fleetlens_host_cpu_busy_ratio")).toBe(true);
    expect(hostProber.kind).toBe("host");
  });
});
