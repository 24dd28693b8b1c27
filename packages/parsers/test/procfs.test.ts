import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as os from "node:os";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { ProcfsSample } from "@fleetlens/core";
import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import {
  DISK_FIELDS,
  NET_DEV_HEADER,
  NET_FIELDS,
  type ProcfsCpu,
  type ProcfsDiskstats,
  type ProcfsMeminfo,
  type ProcfsNetDev,
  parseProcfs,
  parser,
  procfsParser,
  renderProcfs,
  SECTOR_BYTES,
  sniff,
} from "../src/procfs/index.js";
import { countLines, describeFixtures, expectSplitAnywhere, testSniffRange } from "./support/contract.js";

const FIXTURES = join(import.meta.dirname, "fixtures", "procfs");
const fx = (n: string) => readFileSync(join(FIXTURES, `${n}.txt`), "utf8");
const enc = (s: string) => new TextEncoder().encode(s);

describeFixtures({
  title: "procfs fixtures",
  dir: FIXTURES,
  schema: ProcfsSample,
  minCases: 12,
  parse: parseProcfs,
});

describe("procfs details", () => {
  it("converts kB to bytes and keeps unit-less meminfo values as counts", () => {
    const m = parseProcfs(fx("linux-6.1--meminfo")).records as ProcfsMeminfo[];
    const by = new Map(m.map((r) => [r.key, r]));
    expect(by.get("MemTotal")).toEqual({
      file: "meminfo",
      key: "MemTotal",
      value: 16318504 * 1024,
      unit: "bytes",
    });
    expect(by.get("Active(anon)")?.value).toBe(3716236 * 1024);
    expect(by.get("HugePages_Total")).toEqual({
      file: "meminfo",
      key: "HugePages_Total",
      value: 0,
      unit: "count",
    });
    expect(by.get("Hugepagesize")?.value).toBe(2 * 1024 * 1024);
  });

  it("reads cpu columns by kernel age, nulls for the ones not printed", () => {
    const c10 = parseProcfs(fx("linux-6.1--stat")).records[0] as ProcfsCpu;
    expect(c10).toMatchObject({ cpu: null, user: 2255, nice: 34, idle: 22625563, guest: 0, guestNice: 0 });
    const c8 = parseProcfs(fx("linux-2.6.18--stat-steal")).records[1] as ProcfsCpu;
    expect(c8).toMatchObject({ cpu: 0, steal: 406, guest: null, guestNice: null });
    const r4 = parseProcfs(fx("linux-2.4--stat-four-columns"));
    expect(r4.records[0]).toMatchObject({ idle: 187214, iowait: null, irq: null, steal: null });
    expect(r4.stats.ignoredBy).toEqual({ "kernel 2.4 stat line": 2 });
  });

  it("splits intr and softirq into total and counts, and reads one-number lines", () => {
    const r = parseProcfs(fx("linux-6.1--stat")).records;
    const intr = r.find((x) => x.file === "stat" && x.type === "counts" && x.key === "intr");
    expect(intr).toMatchObject({
      total: 114930548,
      counts: [113199788, 3, 0, 5, 263, 0, 4, 0, 1, 0, 0, 0, 0, 0, 0],
    });
    const values = r.filter((x) => x.file === "stat" && x.type === "value");
    expect(values.map((x) => [x.key, x.value])).toEqual([
      ["ctxt", 1990473],
      ["btime", 1062191376],
      ["processes", 2915],
      ["procs_running", 1],
      ["procs_blocked", 0],
    ]);
  });

  it("turns diskstats sectors into bytes for every layout", () => {
    const d17 = parseProcfs(fx("linux-6.1--diskstats")).records[1] as ProcfsDiskstats;
    expect(d17).toMatchObject({
      major: 259,
      minor: 0,
      device: "nvme0n1",
      readBytes: 17761746 * SECTOR_BYTES,
      writeBytes: 32225656 * SECTOR_BYTES,
      discardBytes: 17470184 * SECTOR_BYTES,
      flushes: 44100,
      flushMs: 977,
    });
    const d15 = parseProcfs(fx("linux-4.19--diskstats-discards")).records[2] as ProcfsDiskstats;
    expect(d15).toMatchObject({ discards: 17, discardBytes: 4194304 * 512, discardMs: 8, flushes: null });
    const d11 = parseProcfs(fx("linux-3.10--diskstats")).records[0] as ProcfsDiskstats;
    expect(d11).toMatchObject({ weightedIoMs: 613849, discards: null });
    const d4 = parseProcfs(fx("linux-2.6.18--diskstats-old-partitions")).records[1] as ProcfsDiskstats;
    expect(d4).toMatchObject({ reads: 35486, readBytes: 38030 * 512, writes: 38030, writeBytes: 4 * 512 });
    expect(d4.readsMerged).toBeNull();
  });

  it("reads net/dev with long names, and without the space after the colon", () => {
    const r = parseProcfs(fx("linux-6.1--net-dev"));
    expect(r.stats.ignoredBy).toEqual({ header: 2 });
    const w = r.records.find((x) => x.file === "net-dev" && x.interface === "wlp0s20f3") as ProcfsNetDev;
    expect(w).toMatchObject({ rxBytes: 8867124077, rxErrs: 3, rxDrop: 12, rxFrame: 2, rxMulticast: 13518 });
    expect(w.txBytes).toBe(403286545);
    const old = parseProcfs(fx("linux-2.6.9--net-dev-no-space")).records[1] as ProcfsNetDev;
    expect(old).toMatchObject({
      interface: "eth0",
      rxBytes: 2384912771,
      rxPackets: 32193581,
      txBytes: 3472934553,
    });
  });

  it("reads several files concatenated and says which it saw", () => {
    const r = parseProcfs(fx("linux-6.1--concatenated"));
    expect(r.records.map((x) => x.file)).toEqual([
      "stat",
      "stat",
      "meminfo",
      "meminfo",
      "loadavg",
      "net-dev",
      "diskstats",
      "uptime",
    ]);
    expect(r.stats.inferred.file).toBe(
      "stat, meminfo, loadavg, net-dev, diskstats, uptime (from the lines' shapes)",
    );
  });

  it("skips malformed lines with their line number and a reason", () => {
    const text = [
      "cpu  1 2 3",
      "cpu0 1 2 x 4",
      "MemTotal:  12x kB",
      "  eth0: 1 2 3",
      "   8 0 sda 1 2 3 4 5",
      "8 0 9 1 2 3 4",
      "ctxt 1 2",
      "Hello world",
      "btime 1062191376",
    ].join("\n");
    const r = parseProcfs(text);
    expect(r.skips).toEqual([
      { line: 1, reason: "stat cpu: 3 columns (expected 4 to 10)" },
      { line: 2, reason: 'stat cpu0: bad number "x"' },
      { line: 3, reason: 'meminfo MemTotal: bad number "12x"' },
      { line: 4, reason: 'unrecognised line: 3 values after "eth0:"' },
      { line: 5, reason: "diskstats sda: 5 fields (expected 4, 11, 15 or 17)" },
      { line: 6, reason: "unrecognised line" },
      { line: 7, reason: "stat ctxt: 2 numbers (expected 1)" },
      { line: 8, reason: "unrecognised line" },
    ]);
    expect(r.stats).toMatchObject({ lines: 9, records: 1, skipped: 8, ignored: 0 });
  });

  it("sniffs each file and not other parsers' inputs", () => {
    for (const name of ["linux-6.1--stat", "linux-6.1--meminfo", "linux-6.1--net-dev"])
      expect(sniff(enc(fx(name))), name).toBeGreaterThanOrEqual(0.9);
    expect(sniff(enc(fx("linux-6.1--loadavg")))).toBeGreaterThanOrEqual(0.85);
    expect(sniff(enc(fx("linux-6.1--diskstats")))).toBeGreaterThan(0.5);
    expect(sniff(enc(fx("linux-6.1--uptime")))).toBeGreaterThan(0.5);
    for (const other of [
      join("ss", "iproute2-6.1--tnp-formats-example.txt"),
      join("proc-net-tcp", "linux-6.1--tcp-formats-example.txt"),
    ])
      expect(sniff(readFileSync(join(import.meta.dirname, "fixtures", other))), other).toBe(0);
    expect(sniff(enc("Oct 12 10:00:01 host sshd[1]: Accepted password for x\n"))).toBe(0);
    expect(sniff(enc(""))).toBe(0);
    expect(parser.info.kind).toBe("procfs");
    expect(parser.info.record).toBe("ProcfsSample");
    expect(parser.create).toBe(procfsParser);
  });

  it("renders in the kernel's layouts", () => {
    const stat = parseProcfs(fx("linux-6.1--stat")).records;
    expect(renderProcfs(stat)).toBe(fx("linux-6.1--stat"));
    expect(renderProcfs(parseProcfs(fx("linux-6.1--loadavg")).records)).toBe(fx("linux-6.1--loadavg"));
    expect(renderProcfs(parseProcfs(fx("linux-6.1--uptime")).records)).toBe(fx("linux-6.1--uptime"));
    expect(renderProcfs(parseProcfs(fx("linux-6.1--diskstats")).records)).toBe(fx("linux-6.1--diskstats"));
    const net = renderProcfs(parseProcfs(fx("linux-6.1--net-dev")).records);
    expect(net.startsWith(NET_DEV_HEADER)).toBe(true);
    expect(net.split("\n")[2]).toBe(fx("linux-6.1--net-dev").split("\n")[2]);
    const mem = renderProcfs(parseProcfs(fx("linux-6.1--meminfo")).records).split("\n");
    expect(mem.slice(0, 3)).toEqual(fx("linux-6.1--meminfo").split("\n").slice(0, 3));
  });
});

// ---------------------------------------------------------------------------------------------
// Real oracle: this machine's own /proc, checked against free(1), /sys and node's os module.

const proc = (f: string) => readFileSync(join("/proc", f));

describe("procfs against this machine's /proc", () => {
  it("accounts for every line of every real file without a skip", () => {
    for (const f of ["stat", "meminfo", "loadavg", "net/dev", "diskstats", "uptime"]) {
      const b = proc(f);
      const r = parseProcfs(b);
      expect(r.skips, f).toEqual([]);
      expect(r.stats.lines, f).toBe(countLines(b));
      expect(r.stats.records + r.stats.ignored, f).toBe(r.stats.lines);
      expect(r.records.length, f).toBeGreaterThan(0);
      expect(sniff(b), f).toBeGreaterThan(0.5);
    }
  });

  it("MemTotal and SwapTotal equal free -b's totals", () => {
    const free = execFileSync("free", ["-b"], { encoding: "utf8" }).split("\n");
    const col = (label: string) => Number(free.find((l) => l.startsWith(label))!.split(/\s+/)[1]);
    const m = new Map(
      (parseProcfs(proc("meminfo")).records as ProcfsMeminfo[]).map((r) => [r.key, r.value] as const),
    );
    expect(m.get("MemTotal")).toBe(col("Mem:"));
    expect(m.get("SwapTotal")).toBe(col("Swap:"));
    expect(m.get("MemTotal")).toBe(os.totalmem());
    expect(m.get("MemAvailable")!).toBeLessThanOrEqual(m.get("MemTotal")!);
  });

  it("has one cpuN line per CPU and an aggregate equal to their sum", () => {
    const cpus = parseProcfs(proc("stat")).records.filter(
      (r): r is ProcfsCpu => r.file === "stat" && r.type === "cpu",
    );
    const per = cpus.filter((c) => c.cpu !== null);
    expect(per.map((c) => c.cpu)).toEqual(os.cpus().map((_, i) => i));
    const all = cpus.find((c) => c.cpu === null)!;
    // the aggregate is summed from the same counters; a tick may land between the two reads
    const sum = per.reduce((a, c) => a + c.user + c.system + c.idle, 0);
    expect(Math.abs(all.user + all.system + all.idle - sum)).toBeLessThan(per.length * 10);
  });

  it("btime + uptime is now, and uptime agrees with os.uptime()", () => {
    const btime = parseProcfs(proc("stat")).records.find(
      (r) => r.file === "stat" && r.type === "value" && r.key === "btime",
    );
    const up = parseProcfs(proc("uptime")).records[0];
    if (btime?.file !== "stat" || btime.type !== "value" || up?.file !== "uptime")
      throw new Error("missing lines");
    expect(Math.abs(btime.value + up.uptimeSeconds - Date.now() / 1000)).toBeLessThan(3);
    expect(Math.abs(up.uptimeSeconds - os.uptime())).toBeLessThan(3);
  });

  it("loadavg agrees with os.loadavg() read before or after", () => {
    const before = os.loadavg();
    const r = parseProcfs(proc("loadavg")).records[0];
    const after = os.loadavg();
    if (r?.file !== "loadavg") throw new Error("no loadavg line");
    const near = (x: number, i: number) =>
      Math.abs(x - before[i]!) < 0.006 || Math.abs(x - after[i]!) < 0.006;
    expect(near(r.load1, 0) && near(r.load5, 1) && near(r.load15, 2)).toBe(true);
    expect(r.running).toBeGreaterThanOrEqual(1);
    expect(r.running).toBeLessThanOrEqual(r.total);
  });

  it("lists exactly the interfaces of /sys/class/net", () => {
    const names = (parseProcfs(proc("net/dev")).records as ProcfsNetDev[]).map((r) => r.interface).sort();
    expect(names).toEqual(readdirSync("/sys/class/net").sort());
    expect(names).toContain("lo");
  });

  it("diskstats agrees with /sys/block/*/stat read around it", () => {
    const blocks = readdirSync("/sys/block").filter((b) => existsSync(`/sys/block/${b}/stat`));
    const sys = () =>
      new Map(
        blocks.map((b) => [b, readFileSync(`/sys/block/${b}/stat`, "utf8").trim().split(/\s+/).map(Number)]),
      );
    const before = sys();
    const disks = parseProcfs(proc("diskstats")).records as ProcfsDiskstats[];
    const after = sys();
    expect(blocks.length).toBeGreaterThan(0);
    for (const b of blocks) {
      const d = disks.find((x) => x.device === b);
      expect(d, b).toBeDefined();
      // /sys/block/X/stat: reads merged sectors ms writes merged sectors ms …
      for (const [field, i, scale] of [
        ["reads", 0, 1],
        ["readBytes", 2, SECTOR_BYTES],
        ["writes", 4, 1],
        ["writeBytes", 6, SECTOR_BYTES],
      ] as const) {
        expect(d![field], `${b} ${field}`).toBeGreaterThanOrEqual(before.get(b)![i]! * scale);
        expect(d![field], `${b} ${field}`).toBeLessThanOrEqual(after.get(b)![i]! * scale);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const n = fc.nat({ max: 2 ** 40 });
const cpuArb: fc.Arbitrary<ProcfsSample> = fc
  .record({ cpu: fc.option(fc.nat(255), { nil: null }), cols: fc.array(n, { minLength: 10, maxLength: 10 }) })
  .chain(({ cpu, cols }) =>
    fc.integer({ min: 4, max: 10 }).map((k) => {
      const f = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal", "guest", "guestNice"];
      const r: Record<string, unknown> = { file: "stat", type: "cpu", cpu };
      f.forEach((name, i) => {
        r[name] = i < k ? cols[i] : null;
      });
      return r as ProcfsSample;
    }),
  );
const statValue = fc
  .record({ key: fc.constantFrom("ctxt", "btime", "processes", "procs_running", "procs_blocked"), value: n })
  .map((x) => ({ file: "stat" as const, type: "value" as const, ...x }));
const statCounts = fc
  .record({ key: fc.constantFrom("intr", "softirq"), total: n, counts: fc.array(n, { maxLength: 20 }) })
  .map((x) => ({ file: "stat" as const, type: "counts" as const, ...x }));
const meminfo = fc.oneof(
  fc
    .record({
      key: fc.stringMatching(/^[A-Z][A-Za-z]{1,12}(\((?:anon|file)\))?$/),
      kb: fc.nat({ max: 2 ** 42 }),
    })
    .map(({ key, kb }) => ({ file: "meminfo" as const, key, value: kb * 1024, unit: "bytes" as const })),
  fc
    .record({ key: fc.constantFrom("HugePages_Total", "HugePages_Free", "HugePages_Rsvd"), value: n })
    .map((x) => ({ file: "meminfo" as const, ...x, unit: "count" as const })),
);
const hundredths = fc.nat({ max: 10 ** 9 }).map((x) => x / 100);
const loadavg = fc
  .record({
    load1: hundredths,
    load5: hundredths,
    load15: hundredths,
    running: fc.nat(10000),
    total: fc.nat(100000),
    lastPid: fc.nat(4194304),
  })
  .map((x) => ({ file: "loadavg" as const, ...x }));
const uptime = fc
  .record({ uptimeSeconds: hundredths, idleSeconds: hundredths })
  .map((x) => ({ file: "uptime" as const, ...x }));
const netDev = fc
  .record({
    interface: fc.stringMatching(/^[a-z][a-z0-9_.-]{0,14}$/),
    v: fc.array(n, { minLength: 16, maxLength: 16 }),
  })
  .map(({ interface: name, v }) => {
    const f = NET_FIELDS;
    const r: Record<string, unknown> = { file: "net-dev", interface: name };
    f.forEach((k, i) => {
      r[k] = v[i];
    });
    return r as ProcfsSample;
  });
const diskArb: fc.Arbitrary<ProcfsSample> = fc
  .record({
    major: fc.nat(4095),
    minor: fc.nat(1048575),
    device: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
    v: fc.array(fc.nat({ max: 2 ** 32 }), { minLength: 17, maxLength: 17 }),
    layout: fc.constantFrom(4, 11, 15, 17),
  })
  .map(({ major, minor, device, v, layout }) => {
    const f = DISK_FIELDS;
    const r: Record<string, unknown> = { file: "diskstats", major, minor, device };
    f.forEach((k, i) => {
      r[k] = layout === 4 ? null : i < layout ? (k.endsWith("Bytes") ? v[i]! * 512 : v[i]) : null;
    });
    if (layout === 4) {
      r.reads = v[0];
      r.readBytes = v[1]! * 512;
      r.writes = v[2];
      r.writeBytes = v[3]! * 512;
    }
    return r as ProcfsSample;
  });
const sampleArb: fc.Arbitrary<ProcfsSample> = fc.oneof(
  cpuArb,
  statValue,
  statCounts,
  meminfo,
  loadavg,
  uptime,
  netDev,
  diskArb,
);

const fragments = fc.constantFrom(
  "cpu",
  "cpu0",
  "  ",
  " ",
  "\t",
  "\n",
  "\r\n",
  "0",
  "123",
  "1.25",
  "/",
  ":",
  " kB",
  "MemTotal:",
  "Inter-|",
  " face |",
  "eth0:",
  "intr",
  "sda",
  "x",
  "-1",
  "99999999999999999999999",
);
const junkyText = fc.array(fragments, { maxLength: 80 }).map((a) => a.join(""));

describe("procfs properties", () => {
  test.prop([fc.array(sampleArb, { maxLength: 20 })])("render -> parse round trip", (records) => {
    const text = renderProcfs(records);
    const r = parseProcfs(text);
    expect(r.skips).toEqual([]);
    expect(r.records).toEqual(records);
    expect(r.stats.lines).toBe(countLines(text));
  });

  test.prop([fc.oneof(fc.string({ unit: "binary" }), junkyText, fc.string())])(
    "arbitrary text never throws and accounts for every line",
    (text) => {
      const r = parseProcfs(text);
      expect(r.stats.lines).toBe(countLines(text));
      expect(r.stats.records + r.stats.skipped + r.stats.ignored).toBe(r.stats.lines);
      expect(r.skips.every((s) => s.line >= 1 && s.line <= r.stats.lines && s.reason.length > 0)).toBe(true);
      for (const rec of r.records) expect(() => Schema.decodeUnknownSync(ProcfsSample)(rec)).not.toThrow();
    },
  );

  test.prop([fc.uint8Array({ maxLength: 400 })])(
    "arbitrary bytes never throw and account for every line",
    (b) => {
      const r = parseProcfs(b);
      expect(r.stats.lines).toBe(countLines(b));
      expect(r.stats.records + r.stats.skipped + r.stats.ignored).toBe(r.stats.lines);
    },
  );

  test.prop([
    fc.array(sampleArb, { maxLength: 10 }),
    junkyText,
    fc.array(fc.nat(), { maxLength: 12 }),
    fc.boolean(),
  ])("split anywhere (strings or bytes) equals the whole-input parse", (records, junk, cuts, bytes) => {
    const text = `${renderProcfs(records)}${junk}\n${renderProcfs(records).replace(/\n/g, "\r\n")}`;
    expectSplitAnywhere(procfsParser, text, cuts, bytes, {});
  });

  testSniffRange(sniff);
});
