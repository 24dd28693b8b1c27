/**
 * The snmp probe against a real snmpd the test starts on 127.0.0.1 (test/support/snmpd.ts),
 * compared with what the net-snmp tools (`snmpget`, `snmpbulkwalk`) read from the same agent.
 * Values that move between two reads (octet counters, CPU ticks, free memory) are checked to lie
 * between two fleetlens reads or within bounds; static ones exactly.
 */
import { execFile } from "node:child_process";
import { createCipheriv } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { MetricSample, ProbeResult } from "@fleetlens/core/lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeSnmpProbe,
  pollSnmp,
  SNMP_OIDS,
  type SnmpModule,
  type SnmpPoll,
  snmpDefaults,
  snmpHistory,
  snmpSamples,
} from "../src/snmp.js";
import { type Snmpd, startSnmpd, type TestUser } from "./support/snmpd.js";

const here = dirname(fileURLToPath(import.meta.url));
let agent: Snmpd;
let target: string;
let v2c: SnmpModule;

beforeAll(async () => {
  agent = await startSnmpd();
  target = `127.0.0.1:${agent.port}`;
  v2c = { ...snmpDefaults, community: agent.community };
}, 60_000);

afterAll(async () => {
  await agent?.stop();
});

const ctx = (timeoutMs = 4000, signal: AbortSignal = new AbortController().signal) => ({ signal, timeoutMs });
const v3 = (u: TestUser): SnmpModule => ({ ...snmpDefaults, version: "3", user: u });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const sample = (
  r: ProbeResult,
  name: string,
  labels: Record<string, string> = {},
): MetricSample | undefined =>
  r.metrics.find((m) => m.name === name && Object.entries(labels).every(([k, v]) => m.labels[k] === v));

const toolInt = (v: { text: string } | null | undefined): number => {
  if (v == null) throw new Error("snmpget returned no value");
  return Number(v.text);
};

describe("v2c against snmpd, compared with snmpget", () => {
  it("static values equal snmpget exactly: CPU count, memory total, the disk row, interface names", async () => {
    const p = await pollSnmp(target, v2c, ctx());
    const tool = await agent.snmpget([
      SNMP_OIDS.ssCpuNumCpus,
      SNMP_OIDS.memTotalReal,
      `${SNMP_OIDS.dskPath}.1`,
      `${SNMP_OIDS.dskDevice}.1`,
      `${SNMP_OIDS.dskTotal}.1`,
      `${SNMP_OIDS.dskTotalLow}.1`,
      `${SNMP_OIDS.dskTotalHigh}.1`,
    ]);
    expect(p.cpu?.count).toBe(toolInt(tool.get(SNMP_OIDS.ssCpuNumCpus)));
    expect(p.memory?.memTotalReal).toBe(toolInt(tool.get(SNMP_OIDS.memTotalReal)));
    expect(p.disks.length).toBeGreaterThanOrEqual(1);
    const d = p.disks[0];
    expect(d?.path).toBe(tool.get(`${SNMP_OIDS.dskPath}.1`)?.text);
    expect(d?.path).toBe("/");
    expect(d?.device).toBe(tool.get(`${SNMP_OIDS.dskDevice}.1`)?.text);
    expect(d?.kb.dskTotal).toBe(toolInt(tool.get(`${SNMP_OIDS.dskTotal}.1`)));
    expect(d?.kb.dskTotalLow).toBe(toolInt(tool.get(`${SNMP_OIDS.dskTotalLow}.1`)));
    expect(d?.kb.dskTotalHigh).toBe(toolInt(tool.get(`${SNMP_OIDS.dskTotalHigh}.1`)));

    const names = await agent.snmpwalk(SNMP_OIDS.ifName);
    const oper = await agent.snmpwalk(SNMP_OIDS.ifOperStatus);
    expect(p.interfaces.map((i) => [i.index, i.name])).toEqual(
      [...names].map(([oid, v]) => [oid.slice(SNMP_OIDS.ifName.length + 1), v.text]),
    );
    for (const i of p.interfaces)
      expect(i.operStatus).toBe(toolInt(oper.get(`${SNMP_OIDS.ifOperStatus}.${i.index}`)));
    expect(p.interfaces.some((i) => i.name === "lo" && i.operStatus === 1)).toBe(true);
  });

  it("Counter64 octets are exact bigints: snmpget's value lies between two fleetlens reads", async () => {
    const first = await pollSnmp(target, v2c, ctx());
    const lo = first.interfaces.find((i) => i.name === "lo");
    expect(lo).toBeDefined();
    const idx = lo?.index as string;
    const tool = await agent.snmpget([
      `${SNMP_OIDS.ifHCInOctets}.${idx}`,
      `${SNMP_OIDS.ifHCOutOctets}.${idx}`,
    ]);
    const second = await pollSnmp(target, v2c, ctx());
    const lo2 = second.interfaces.find((i) => i.index === idx);
    for (const [col, a, b] of [
      [SNMP_OIDS.ifHCInOctets, lo?.inOctets, lo2?.inOctets],
      [SNMP_OIDS.ifHCOutOctets, lo?.outOctets, lo2?.outOctets],
    ] as const) {
      const v = tool.get(`${col}.${idx}`);
      expect(v?.type).toBe("Counter64");
      expect(typeof a).toBe("bigint");
      const t = BigInt(v?.text as string);
      expect(a as bigint).toBeLessThanOrEqual(t);
      expect(t).toBeLessThanOrEqual(b as bigint);
    }
    // Our own SNMP traffic crosses lo: the counter has moved since the agent started.
    expect((lo?.inOctets as bigint) > 0n).toBe(true);
  });

  it("memory and disk metrics are the agent's kB x 1024, the used percentages in [0, 100]", async () => {
    const probe = makeSnmpProbe(snmpHistory());
    const r = await probe(target, v2c, ctx());
    expect(r.success).toBe(true);
    expect(r.failureReason).toBeNull();
    expect(r.module).toBe("snmp");
    for (const m of r.metrics) expect(m.name).toMatch(/^fleetlens_snmp_[a-z_]+$/);
    const tool = await agent.snmpget([
      SNMP_OIDS.memTotalReal,
      SNMP_OIDS.memAvailReal,
      `${SNMP_OIDS.dskTotal}.1`,
    ]);
    expect(sample(r, "fleetlens_snmp_memory_total_bytes")?.value).toBe(
      toolInt(tool.get(SNMP_OIDS.memTotalReal)) * 1024,
    );
    expect(sample(r, "fleetlens_snmp_disk_total_bytes", { path: "/" })?.value).toBe(
      toolInt(tool.get(`${SNMP_OIDS.dskTotal}.1`)) * 1024,
    );
    // Free memory moves: within 10 % of the total between the two reads.
    const total = toolInt(tool.get(SNMP_OIDS.memTotalReal)) * 1024;
    const free = sample(r, "fleetlens_snmp_memory_free_bytes")?.value as number;
    expect(Math.abs(free - toolInt(tool.get(SNMP_OIDS.memAvailReal)) * 1024)).toBeLessThan(total * 0.1);
    for (const name of ["fleetlens_snmp_memory_used_percent", "fleetlens_snmp_disk_used_percent"]) {
      const v = sample(r, name)?.value as number;
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(100);
    }
    expect(sample(r, "fleetlens_snmp_interface_receive_bytes_total", { interface: "lo" })).toBeDefined();
    expect(sample(r, "fleetlens_snmp_uptime_seconds")?.value).toBeGreaterThan(0);
  });

  it("CPU: raw ticks match snmpget, and the second probe gives percentages from the deltas", async () => {
    // The agent samples /proc/stat every 5 s and reports 0 before its first sample.
    const started = Date.now();
    let p: SnmpPoll = await pollSnmp(target, v2c, ctx());
    while ((p.cpu?.ticks.idle ?? 0) === 0 && Date.now() - started < 15_000) {
      await sleep(250);
      p = await pollSnmp(target, v2c, ctx());
    }
    expect(p.cpu?.ticks.idle).toBeGreaterThan(0);
    const rawOids = [SNMP_OIDS.ssCpuRawUser, SNMP_OIDS.ssCpuRawSystem, SNMP_OIDS.ssCpuRawIdle];
    const tool = await agent.snmpget(rawOids);
    const after = await pollSnmp(target, v2c, ctx());
    for (const [k, oid] of [
      ["user", SNMP_OIDS.ssCpuRawUser],
      ["system", SNMP_OIDS.ssCpuRawSystem],
      ["idle", SNMP_OIDS.ssCpuRawIdle],
    ] as const) {
      expect(tool.get(oid)?.type).toBe("Counter32");
      const t = toolInt(tool.get(oid));
      expect(p.cpu?.ticks[k]).toBeLessThanOrEqual(t);
      expect(t).toBeLessThanOrEqual(after.cpu?.ticks[k] as number);
    }

    const history = snmpHistory();
    const probe = makeSnmpProbe(history);
    const r1 = await probe(target, v2c, ctx());
    expect(sample(r1, "fleetlens_snmp_cpu_busy_percent")).toBeUndefined();
    // Wait for the agent's next /proc/stat sample, then probe again.
    const idle0 = (await pollSnmp(target, v2c, ctx())).cpu?.ticks.idle;
    let r2 = await probe(target, v2c, ctx());
    const until = Date.now() + 15_000;
    while (sample(r2, "fleetlens_snmp_cpu_busy_percent") === undefined && Date.now() < until) {
      await sleep(500);
      const now = (await pollSnmp(target, v2c, ctx())).cpu?.ticks.idle;
      if (now !== idle0) r2 = await probe(target, v2c, ctx());
    }
    const busy = sample(r2, "fleetlens_snmp_cpu_busy_percent")?.value;
    expect(busy).toBeGreaterThanOrEqual(0);
    expect(busy).toBeLessThanOrEqual(100);
    const modes = r2.metrics.filter((m) => m.name === "fleetlens_snmp_cpu_mode_percent");
    expect(modes.map((m) => m.labels.mode).sort()).toEqual(
      ["idle", "interrupt", "nice", "softirq", "steal", "system", "user", "wait"].sort(),
    );
    expect(modes.reduce((s, m) => s + m.value, 0)).toBeCloseTo(100, 6);
    expect(r2.metrics.some((m) => m.name === "fleetlens_snmp_delta_rejected")).toBe(false);
    expect(
      sample(r2, "fleetlens_snmp_interface_receive_bits_per_second", { interface: "lo" })?.value,
    ).toBeGreaterThan(0);
  }, 45_000);

  it("an agent restart between polls is reported as a rejected delta, never as a rate", async () => {
    const now = await pollSnmp(target, v2c, ctx());
    // The previous poll as it would have been before a restart: a longer uptime, bigger counters.
    const before: SnmpPoll = {
      ...now,
      atMs: now.atMs - 10_000,
      uptimeTicks: (now.uptimeTicks ?? 0) + 360_000,
      interfaces: now.interfaces.map((i) => ({
        ...i,
        inOctets: (i.inOctets ?? 0n) + 10n ** 15n,
        outOctets: (i.outOctets ?? 0n) + 10n ** 15n,
      })),
    };
    const samples = snmpSamples(now, before);
    expect(samples.some((s) => s.name.endsWith("_bits_per_second") && s.name.includes("receive"))).toBe(
      false,
    );
    const rejected = samples.filter((s) => s.name === "fleetlens_snmp_delta_rejected");
    expect(rejected.length).toBeGreaterThan(0);
    for (const s of rejected) expect(s.labels.reason).toBe("reset");
  });
});

describe("v3 against snmpd, compared with snmpget -v3", () => {
  it.each(["sha", "md5"] as const)("authPriv user %s (AES) reads what snmpget -v3 reads", async (which) => {
    const u = agent.users[which];
    const p = await pollSnmp(target, v3(u), ctx());
    const tool = await agent.snmpget(
      [SNMP_OIDS.memTotalReal, `${SNMP_OIDS.dskPath}.1`, SNMP_OIDS.ssCpuNumCpus],
      u,
    );
    expect(p.memory?.memTotalReal).toBe(toolInt(tool.get(SNMP_OIDS.memTotalReal)));
    expect(p.disks[0]?.path).toBe(tool.get(`${SNMP_OIDS.dskPath}.1`)?.text);
    expect(p.cpu?.count).toBe(toolInt(tool.get(SNMP_OIDS.ssCpuNumCpus)));
    expect(p.interfaces.length).toBeGreaterThan(0);
  });

  const desInProcess = (() => {
    try {
      createCipheriv("des-cbc", Buffer.alloc(8), Buffer.alloc(8));
      return true;
    } catch {
      return false;
    }
  })();

  it("MD5+DES: a clean config failure where OpenSSL lacks DES, a poll where it has it", async () => {
    const u = agent.users.md5des;
    const r = await makeSnmpProbe(snmpHistory())(target, v3(u), ctx());
    if (desInProcess) {
      expect(r.success).toBe(true);
    } else {
      expect(r.success).toBe(false);
      expect(r.failureReason).toBe("config");
      expect(r.message).toMatch(/legacy provider/);
    }
    // In a Node with OpenSSL's legacy provider, the same probe works and matches snmpget.
    const dir = await mkdtemp(join(tmpdir(), "fleetlens-snmp-des-"));
    try {
      const { build } = await import("esbuild");
      const entry = join(dir, "entry.ts");
      await writeFile(
        entry,
        `import { pollSnmp } from ${JSON.stringify(join(here, "../src/snmp.ts"))};
         (async () => {
           const p = await pollSnmp(process.argv[2], JSON.parse(process.argv[3]), { signal: new AbortController().signal, timeoutMs: 4000 });
           console.log(JSON.stringify({ total: p.memory?.memTotalReal, path: p.disks[0]?.path }));
         })().catch((e) => { console.log(JSON.stringify({ error: e.reason ?? e.message })); });`,
      );
      const out = join(dir, "des.cjs");
      await build({
        entryPoints: [entry],
        bundle: true,
        platform: "node",
        format: "cjs",
        outfile: out,
        logLevel: "silent",
      });
      const { stdout } = await promisify(execFile)(process.execPath, [
        "--openssl-legacy-provider",
        out,
        target,
        JSON.stringify(v3(u)),
      ]);
      const got = JSON.parse(stdout.trim()) as { total?: number; path?: string; error?: string };
      const tool = await agent.snmpget([SNMP_OIDS.memTotalReal, `${SNMP_OIDS.dskPath}.1`], u);
      expect(got.error).toBeUndefined();
      expect(got.total).toBe(toolInt(tool.get(SNMP_OIDS.memTotalReal)));
      expect(got.path).toBe(tool.get(`${SNMP_OIDS.dskPath}.1`)?.text);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe("failures are clean results with their reason", () => {
  const probe = makeSnmpProbe(snmpHistory());

  it("a wrong community gets no answer: timeout", async () => {
    const r = await probe(target, { ...v2c, community: "not-the-community", retries: 0 }, ctx(600));
    expect(r.success).toBe(false);
    expect(r.failureReason).toBe("timeout");
    expect(r.metrics).toEqual([]);
  });

  it("an unknown v3 user and a wrong authentication key: snmp (or timeout)", async () => {
    const unknown = await probe(target, v3({ ...agent.users.sha, name: "nobody" }), ctx(1500));
    expect(unknown.success).toBe(false);
    expect(unknown.failureReason).toBe("snmp");
    expect(unknown.message).toMatch(/unknown user/i);
    const wrong = await probe(target, v3({ ...agent.users.sha, authKey: "not-the-key-123" }), ctx(1500));
    expect(wrong.success).toBe(false);
    expect(["snmp", "timeout"]).toContain(wrong.failureReason);
  });

  it("no agent answering at the port: timeout", async () => {
    const { createSocket } = await import("node:dgram");
    const s = createSocket("udp4");
    await new Promise<void>((r) => s.bind(0, "127.0.0.1", () => r()));
    const port = s.address().port;
    // A bound socket that never answers.
    try {
      const r = await probe(`127.0.0.1:${port}`, { ...v2c, retries: 0 }, ctx(500));
      expect(r.success).toBe(false);
      expect(r.failureReason).toBe("timeout");
    } finally {
      s.close();
    }
  });

  it("an abort stops the probe with timeout", async () => {
    const ac = new AbortController();
    const pending = probe(target, { ...v2c, community: "silent-drop" }, ctx(30_000, ac.signal));
    setTimeout(() => ac.abort(), 50);
    const r = await pending;
    expect(r.failureReason).toBe("timeout");
    expect(r.message).toMatch(/abort/);
  });

  it.each(["", "127.0.0.1:99999", "[::1", "127.0.0.1 161", "host:port:x"])(
    "malformed target %j: config",
    async (t) => {
      const r = await probe(t, v2cOf(), ctx());
      expect(r.success).toBe(false);
      expect(r.failureReason).toBe("config");
    },
  );

  it("bad modules: config", async () => {
    for (const m of [
      { ...v2cOf(), version: "3" as const, user: null },
      { ...v2cOf(), community: "" },
      {
        ...v2cOf(),
        version: "3" as const,
        user: { name: "x", level: "authPriv" as const, authKey: "abcdefgh" },
      },
      { ...v2cOf(), port: 0 },
      { ...v2cOf(), version: "1" as unknown as "2c" },
    ]) {
      const r = await probe(target, m, ctx());
      expect(r.failureReason).toBe("config");
    }
  });
});

function v2cOf(): SnmpModule {
  return v2c;
}
