import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  bigIntToCounter64,
  CPU_MODES,
  type CpuTicks,
  counter64ToBigInt,
  counterDelta,
  counterRate,
  cpuUsage,
  diskUsage,
  elapsedSeconds,
  highLow,
  interfaceBitRate,
  kbToBytes,
  memoryUsage,
  thesisBits,
  thesisCpuPercent,
  thesisDiskPercent,
  thesisDiskTotal,
  thesisMemPercent,
  thesisMemUsed,
} from "../src/SnmpMath.js";

const U64 = (1n << 64n) - 1n;
const u64 = fc.bigInt({ min: 0n, max: U64 });

const ticks = (t: Partial<CpuTicks>): CpuTicks => ({
  user: null,
  nice: null,
  system: null,
  idle: null,
  wait: null,
  kernel: null,
  interrupt: null,
  softirq: null,
  steal: null,
  guest: null,
  guestNice: null,
  ...t,
});

describe("Counter64 as exact bigints", () => {
  it("reads big-endian content bytes, with or without the sign byte", () => {
    expect(counter64ToBigInt(Buffer.from([0]))).toBe(0n);
    expect(counter64ToBigInt(Buffer.from([0x01, 0x00]))).toBe(256n);
    expect(counter64ToBigInt(Buffer.from([0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))).toBe(U64);
    // 2^53 + 1 is not a double: Number would give 2^53.
    const bytes = Buffer.from([0x00, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01]);
    expect(counter64ToBigInt(bytes)).toBe(2n ** 53n + 1n);
    expect(Number(counter64ToBigInt(bytes))).toBe(2 ** 53);
  });

  it("refuses empty input and values above 2^64 - 1", () => {
    expect(() => counter64ToBigInt(Buffer.alloc(0))).toThrow(RangeError);
    expect(() => counter64ToBigInt(Buffer.from([1, 0, 0, 0, 0, 0, 0, 0, 0]))).toThrow(RangeError);
    expect(() => bigIntToCounter64(-1n)).toThrow(RangeError);
    expect(() => bigIntToCounter64(U64 + 1n)).toThrow(RangeError);
  });

  test.prop([u64])("round-trips every 64-bit value exactly", (n) => {
    const bytes = bigIntToCounter64(n);
    expect(bytes.length).toBeLessThanOrEqual(9);
    expect((bytes[0] as number) & 0x80).toBe(0);
    expect(counter64ToBigInt(bytes)).toBe(n);
  });

  test.prop([fc.bigInt({ min: 2n ** 53n, max: U64 }), fc.integer({ min: 0, max: 2 })])(
    "is exact across 2^53 and ignores leading zero bytes",
    (n, pad) => {
      const bytes = Uint8Array.from([...new Array(pad).fill(0), ...bigIntToCounter64(n)]);
      if (bytes.length <= 9) expect(counter64ToBigInt(bytes)).toBe(n);
      // Neighbours stay distinct, which Number cannot promise above 2^53.
      if (n < U64) expect(counter64ToBigInt(bigIntToCounter64(n + 1n)) - counter64ToBigInt(bytes)).toBe(1n);
    },
  );
});

describe("the thesis's formulas, as written", () => {
  // FORMATS.md §7.2 / §7.3 observed values.
  const mem = { memTotalReal: 24684096, memAvailReal: 22412784, memBuffer: 34824, memCached: 2115204 };

  it("cpu_percent = 100 - ssCpuIdle", () => {
    expect(thesisCpuPercent(84)).toBe(16);
    expect(thesisCpuPercent(100)).toBe(0);
  });

  it("mem_used and mem_percent in the agent's kB", () => {
    expect(thesisMemUsed(mem)).toBe(24684096 - (22412784 + 34824 + 2115204));
    expect(thesisMemUsed(mem)).toBe(121284);
    expect(thesisMemPercent(mem)).toBeCloseTo((121284 / 24684096) * 100, 12);
    expect(thesisMemPercent({ ...mem, memTotalReal: 0 })).toBeNull();
  });

  it("disk_total = avail + used and disk_percent = used / (avail + used)", () => {
    expect(thesisDiskTotal(80723828, 25667084)).toBe(106390912);
    expect(thesisDiskPercent(80723828, 25667084)).toBeCloseTo((25667084 / 106390912) * 100, 12);
    expect(thesisDiskPercent(0, 0)).toBeNull();
  });

  test.prop([u64])("bits = octets x 8, exactly", (o) => {
    expect(thesisBits(o)).toBe(o * 8n);
    expect(thesisBits(o) / 8n).toBe(o);
  });
});

describe("units", () => {
  it("kB are KiB", () => {
    expect(kbToBytes(24684096)).toBe(24684096 * 1024);
    expect(kbToBytes(2n ** 60n)).toBe(2n ** 70n);
  });

  it("High/Low halves make one 64-bit value", () => {
    expect(highLow(0, 264212084)).toBe(264212084n);
    expect(highLow(1, 5)).toBe(2n ** 32n + 5n);
  });

  it("disk totals come from dskTotal (reserved blocks included), percent as df", () => {
    const u = diskUsage({ dskTotal: 264212084, dskAvail: 80723828, dskUsed: 25667084 });
    expect(u.totalBytes).toBe(264212084 * 1024);
    expect(u.reservedBytes).toBe((264212084 - 80723828 - 25667084) * 1024);
    expect(u.usedPercent).toBeCloseTo((25667084 / (25667084 + 80723828)) * 100, 12);
  });

  it("disk sizes above 2 TB come from the High/Low columns, not the latched Integer32", () => {
    const u = diskUsage({
      dskTotal: 2147483647,
      dskAvail: 2147483647,
      dskUsed: 1000,
      dskTotalHigh: 2,
      dskTotalLow: 7,
      dskAvailHigh: 1,
      dskAvailLow: 0,
      dskUsedHigh: 0,
      dskUsedLow: 1000,
    });
    expect(u.totalBytes).toBe((2 * 2 ** 32 + 7) * 1024);
    expect(u.availableBytes).toBe(2 ** 32 * 1024);
  });

  it("memory prefers memSysAvail (MemAvailable), else free + buffers + cached", () => {
    const base = { memTotalReal: 24684096, memAvailReal: 22412784, memBuffer: 34824, memCached: 2115204 };
    const a = memoryUsage({ ...base, memSysAvail: 24253480 });
    expect(a.method).toBe("memSysAvail");
    expect(a.usedBytes).toBe((24684096 - 24253480) * 1024);
    const b = memoryUsage({ ...base, memSysAvail: null });
    expect(b.method).toBe("free+buffers+cached");
    expect(b.usedBytes).toBe(thesisMemUsed(base) * 1024);
    expect(b.usedPercent).toBeCloseTo(thesisMemPercent(base) as number, 10);
  });

  const kb = fc.integer({ min: 0, max: 2147483647 });
  test.prop([kb, kb, fc.option(kb), fc.option(kb), fc.option(kb)])(
    "memory percent stays in [0, 100] and used in [0, total]",
    (memTotalReal, memAvailReal, memBuffer, memCached, memSysAvail) => {
      const m = memoryUsage({ memTotalReal, memAvailReal, memBuffer, memCached, memSysAvail });
      expect(m.usedBytes).toBeGreaterThanOrEqual(0);
      expect(m.usedBytes).toBeLessThanOrEqual(m.totalBytes);
      if (m.usedPercent !== null) {
        expect(m.usedPercent).toBeGreaterThanOrEqual(0);
        expect(m.usedPercent).toBeLessThanOrEqual(100);
      } else expect(memTotalReal).toBe(0);
    },
  );

  test.prop([kb, kb, kb])("disk percent stays in [0, 100]", (dskTotal, dskAvail, dskUsed) => {
    const u = diskUsage({ dskTotal, dskAvail, dskUsed });
    if (u.usedPercent !== null) {
      expect(u.usedPercent).toBeGreaterThanOrEqual(0);
      expect(u.usedPercent).toBeLessThanOrEqual(100);
    }
    expect(u.reservedBytes).toBeGreaterThanOrEqual(0);
  });
});

describe("counter deltas and rates", () => {
  it("corrects one wrap of a 32- and a 64-bit counter", () => {
    expect(counterDelta(2n ** 32n - 100n, 50n, 32)).toBe(150n);
    expect(counterDelta(U64 - 9n, 5n, 64)).toBe(15n);
    expect(counterDelta(10n, 10n, 64)).toBe(0n);
  });

  test.prop([fc.constantFrom(32 as const, 64 as const), u64, u64])(
    "the delta inverts addition modulo 2^N and is never negative",
    (bits, prev, d) => {
      const mod = 1n << BigInt(bits);
      const p = prev % mod;
      const dd = d % mod;
      const cur = (p + dd) % mod;
      const delta = counterDelta(p, cur, bits);
      expect(delta).toBe(dd);
      expect(delta >= 0n).toBe(true);
    },
  );

  it("reads a rate over sysUpTime", () => {
    const r = counterRate(
      { value: 1000n, uptimeTicks: 10_000 },
      { value: 11_000n, uptimeTicks: 11_000 },
      { bits: 64 },
    );
    expect(r.reason).toBeNull();
    expect(r.value?.perSecond).toBe(1000);
    expect(r.value?.seconds).toBe(10);
  });

  it("refuses a rate across an agent restart (sysUpTime went back)", () => {
    const r = counterRate(
      { value: 5_000_000n, uptimeTicks: 900_000 },
      { value: 100n, uptimeTicks: 300 },
      { bits: 64 },
    );
    expect(r.value).toBeNull();
    expect(r.reason).toBe("reset");
  });

  it("refuses when sysUpTime grew less than the wall clock (restart in between)", () => {
    const r = elapsedSeconds({ uptimeTicks: 1_000, atMs: 0 }, { uptimeTicks: 5_000, atMs: 300_000 });
    expect(r.reason).toBe("reset");
  });

  it("accepts a sysUpTime wrap the wall clock confirms", () => {
    const r = elapsedSeconds({ uptimeTicks: 2 ** 32 - 500, atMs: 0 }, { uptimeTicks: 500, atMs: 10_000 });
    expect(r.reason).toBeNull();
    expect(r.value).toBeCloseTo(10, 9);
  });

  it("refuses a discontinuity and a missing clock", () => {
    expect(
      counterRate(
        { value: 1n, atMs: 0, discontinuity: 5 },
        { value: 2n, atMs: 1000, discontinuity: 9 },
        { bits: 64 },
      ).reason,
    ).toBe("discontinuity");
    expect(counterRate({ value: 1n }, { value: 2n }, { bits: 64 }).reason).toBe("no-time");
  });

  it("a wrap beyond the interface speed is a reset, not a rate", () => {
    // 1 Gb/s link, 10 s apart, counter went from 4e9 to 1e3: one wrap would be ~29 MB/s, fine;
    // a 64-bit counter going back means ~1.8e18 bytes: refused.
    const ok = interfaceBitRate(
      { value: 4_000_000_000n, atMs: 0, speedBitsPerSecond: 1e9 },
      { value: 1000n, atMs: 10_000, speedBitsPerSecond: 1e9 },
      32,
    );
    expect(ok.reason).toBeNull();
    expect(ok.value).toBeCloseTo(((2 ** 32 - 4_000_000_000 + 1000) / 10) * 8, 6);
    const bad = interfaceBitRate(
      { value: 4_000_000_000n, atMs: 0, speedBitsPerSecond: 1e9 },
      { value: 1000n, atMs: 10_000, speedBitsPerSecond: 1e9 },
      64,
    );
    expect(bad.value).toBeNull();
    expect(bad.reason).toBe("implausible");
  });

  const time = fc.record({
    u0: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    u1: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    wall: fc.option(fc.integer({ min: -1000, max: 10_000_000 })),
  });

  test.prop([
    fc.constantFrom(32 as const, 64 as const),
    u64,
    u64,
    time,
    fc.option(fc.integer({ min: 1, max: 4e11 })),
  ])(
    "never a negative rate; a wrapped delta never above the speed; no rate above the ceiling",
    (bits, a, b, t, speed) => {
      const prev = {
        value: a,
        uptimeTicks: t.u0,
        atMs: t.wall === null ? null : 0,
        speedBitsPerSecond: speed,
      };
      const cur = { value: b, uptimeTicks: t.u1, atMs: t.wall, speedBitsPerSecond: speed };
      const r = interfaceBitRate(prev, cur, bits);
      if (r.reason === null) {
        expect(r.value).toBeGreaterThanOrEqual(0);
        expect(r.value).toBeLessThanOrEqual(400e9);
        const mod = 1n << BigInt(bits);
        if (b % mod < a % mod && speed !== null)
          expect(r.value).toBeLessThanOrEqual(speed * 1.1 * (1 + 1e-12));
      }
    },
  );

  test.prop([u64, u64, fc.integer({ min: 1, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 2 ** 32 - 1 })])(
    "a reset (sysUpTime went back, no wall clock) is never read as a rate",
    (a, b, u0, back) => {
      const u1 = Math.max(0, u0 - 1 - back);
      const r = counterRate({ value: a, uptimeTicks: u0 }, { value: b, uptimeTicks: u1 }, { bits: 64 });
      expect(r.value).toBeNull();
      expect(r.reason).toBe("reset");
    },
  );

  test.prop([u64, fc.bigInt({ min: 0n, max: 2n ** 40n }), fc.integer({ min: 1, max: 3600 })])(
    "a counter restarting from 0 between polls is refused, not read as ~2^64 bytes",
    (prev, after, seconds) => {
      fc.pre(after < prev);
      const r = counterRate({ value: prev, atMs: 0 }, { value: after, atMs: seconds * 1000 }, { bits: 64 });
      if (r.reason === null) {
        // Only a prev so close to 2^64 that one wrap is plausible can pass.
        expect(r.value.perSecond).toBeLessThanOrEqual(400e9 / 8);
        expect(U64 - prev).toBeLessThan(BigInt(seconds) * 50_000_000_000n);
      } else expect(r.reason).toBe("implausible");
    },
  );
});

describe("CPU from the raw counters", () => {
  it("deltas of the counters, over user..steal, idle and wait not busy", () => {
    const u = cpuUsage(
      { ticks: ticks({ user: 100, nice: 0, system: 50, idle: 800, wait: 50 }), uptimeTicks: 0, cpus: 1 },
      {
        ticks: ticks({ user: 200, nice: 0, system: 100, idle: 1600, wait: 100 }),
        uptimeTicks: 1000,
        cpus: 1,
      },
    );
    expect(u.reason).toBeNull();
    expect(u.value?.busyPercent).toBeCloseTo(15, 12);
    expect(u.value?.modes.idle).toBeCloseTo(80, 12);
    expect(u.value?.modes.wait).toBeCloseTo(5, 12);
    expect(u.value?.totalTicks).toBe(1000);
  });

  it("corrects a Counter32 wrap of a tick counter", () => {
    const u = cpuUsage(
      { ticks: ticks({ user: 2 ** 32 - 10, system: 5, idle: 1000 }) },
      { ticks: ticks({ user: 10, system: 5, idle: 1080 }) },
    );
    expect(u.value?.busyPercent).toBeCloseTo(20, 12);
  });

  it("refuses an agent's first seconds (all counters 0), no movement, and a restart", () => {
    const zero = ticks({ user: 0, nice: 0, system: 0, idle: 0, wait: 0 });
    const later = ticks({ user: 411807, nice: 0, system: 38044, idle: 523802, wait: 2107 });
    expect(
      cpuUsage({ ticks: zero, uptimeTicks: 30, cpus: 2 }, { ticks: later, uptimeTicks: 530, cpus: 2 }).reason,
    ).toBe("missing");
    expect(cpuUsage({ ticks: later }, { ticks: later }).reason).toBe("no-change");
    // Counters restarted (reboot) and were read as a wrap: far more ticks than 2 CPUs have in 10 s.
    const small = ticks({ user: 50, nice: 0, system: 10, idle: 900, wait: 1 });
    expect(
      cpuUsage({ ticks: later, uptimeTicks: 0, cpus: 2 }, { ticks: small, uptimeTicks: 1000, cpus: 2 })
        .reason,
    ).toBe("implausible");
  });

  const counter = fc.integer({ min: 0, max: 2 ** 32 - 1 });
  const raw = fc.record({
    user: counter,
    nice: fc.option(counter),
    system: counter,
    idle: counter,
    wait: fc.option(counter),
    interrupt: fc.option(counter),
    softirq: fc.option(counter),
    steal: fc.option(counter),
  });
  test.prop([raw, raw])("every percentage stays in [0, 100] and the modes add up to 100", (a, b) => {
    const u = cpuUsage({ ticks: ticks(a) }, { ticks: ticks(b) });
    if (u.reason !== null) return;
    const parts = CPU_MODES.map((m) => u.value.modes[m]);
    for (const p of [u.value.busyPercent, ...parts]) {
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(100);
    }
    expect(parts.reduce((x, y) => x + y, 0)).toBeCloseTo(100, 6);
    expect(u.value.busyPercent + u.value.modes.idle + u.value.modes.wait).toBeCloseTo(100, 6);
  });
});
