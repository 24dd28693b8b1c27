import { fc, test } from "@fast-check/vitest";
import {
  Idle,
  type IdleInput,
  IdleVerdict,
  idleDefaults,
  judgeFleet,
  judgeIdle,
  type Login,
  type Packet,
  Peers,
  seedInactivePrediction,
  type UtilSample,
} from "@fleetlens/core";
import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import { boot, user } from "./support/logins.js";

const H = 3_600_000;
const D = 24 * H;
const AT = Date.UTC(2024, 11, 5); // window 2024-11-21 .. 2024-12-05
const WS = AT - 14 * D;

const pkt = (src: string, dst: string, length: number, ts: number): Packet => ({
  ts,
  proto: "tcp",
  src,
  sport: 443,
  dst,
  dport: 51000,
  length,
});
/** Hourly samples over the window (336), each `f(i)` for sample i. */
const hourly = (host: string, f: (i: number) => Partial<UtilSample>): UtilSample[] =>
  Array.from({ length: 336 }, (_, i) => ({ host, ts: WS + (i + 1) * H, intervalSeconds: 3600, ...f(i) }));

/** An old history: begins a month before the window, read at `AT`, last login long ago. */
const quietHistory = (): Pick<IdleInput, "logins" | "loginsBegin" | "loginsCollectedAt"> => ({
  logins: [boot(AT - 40 * D), user("alice", AT - 30 * D, AT - 30 * D + H)],
  loginsBegin: AT - 40 * D,
  loginsCollectedAt: AT,
});
const encode = Schema.encodeSync(IdleVerdict);

describe("judgeIdle", () => {
  it("defaults follow Google's idle rule and live in one constant", () => {
    expect(idleDefaults).toBe(Idle.defaults);
    expect(idleDefaults).toMatchObject({
      windowMs: 14 * D,
      cpuVcpus: 0.03,
      cpuShare: 0.97,
      rxBytesPerSecond: 2000,
      txBytesPerSecond: 1000,
      netShare: 0.95,
    });
  });

  it("no logins and a quiet history -> idle, with reasons naming the evidence", () => {
    const v = judgeIdle({ host: "vm1", ...quietHistory() }, { at: AT });
    expect(v.verdict).toBe("idle");
    expect(v.score).toBeCloseTo(0.7, 10);
    expect(v.lastLogin).toBe(AT - 30 * D);
    expect(v.loginDays).toBe(0);
    expect(v.reasons[0]).toMatch(/^idle: .*login history covers 100\.0% of the window/);
    expect(v.reasons).toContain(
      "no user login since 2024-11-05 (30 days); login history covers 2024-10-26..2024-12-05 (100.0% of the window)",
    );
    expect(v.window).toEqual({ start: WS, end: AT });
    expect(v.coverage).toEqual({ logins: 1, traffic: 0, utilisation: null });
    expect(encode(v).window).toEqual({ start: "2024-11-21T00:00:00Z", end: "2024-12-05T00:00:00Z" });
    expect(seedInactivePrediction([v])).toBe("vm1\n");
  });

  it("a login in the window -> active", () => {
    const h = quietHistory();
    const v = judgeIdle(
      { host: "vm1", ...h, logins: [...h.logins!, user("bob", AT - 2 * D, AT - 2 * D + H)] },
      { at: AT },
    );
    expect(v.verdict).toBe("active");
    expect(v.loginDays).toBe(1);
    expect(v.reasons[0]).toBe("active: user logins in the window");
    expect(v.reasons).toContain("1 user session on 1 day in the window (bob); last login 2024-12-03");
    expect(v.score).toBeLessThanOrEqual(0.5);
    expect(seedInactivePrediction([v])).toBe("");
  });

  it("a busy server nobody logs into is active (CPU samples)", () => {
    const util = hourly("web1", (i) => ({
      cpuVcpus: i % 10 === 0 ? 0.01 : 0.8,
      rxBytesPerSecond: 50_000,
      txBytesPerSecond: 200_000,
    }));
    const v = judgeIdle({ host: "web1", ...quietHistory(), util }, { at: AT });
    expect(v.verdict).toBe("active");
    expect(v.reasons[0]).toBe("active: utilisation above the idle rule");
    expect(v.reasons).toContain(
      "CPU under 0.03 vCPU for 10.1% of the sampled time (336 samples; rule: 97.0%): busy",
    );
    expect(v.coverage?.utilisation).toBe(1);
  });

  it("a busy server nobody logs into is active (capture volume)", () => {
    const t = new Peers.HostTraffic("web1", { self: ["10.0.0.5"] });
    for (let i = 0; i <= 600; i++) t.add(pkt("10.0.0.5", "10.0.0.53", 5000, AT - D + i * 1000)); // 5000 B/s sent
    const v = judgeIdle(
      {
        host: "web1",
        ...quietHistory(),
        traffic: t.summary(),
        peers: { host: "web1", uncommonPeers: [], commonPeers: 1 },
      },
      { at: AT },
    );
    expect(v.verdict).toBe("active");
    expect(v.reasons[0]).toBe("active: heavy capture traffic");
    expect(
      v.reasons.some((r) =>
        /^heavy traffic: capture .*: 0 B\/s received, 5008 B\/s sent \(rule: under 2000 and 1000 B\/s\)$/.test(
          r,
        ),
      ),
    ).toBe(true);
  });

  it("a quiet capture is weak evidence: it raises the score but the verdict needs coverage", () => {
    const t = new Peers.HostTraffic("vm1", { self: ["10.0.0.5"] });
    for (let i = 0; i <= 100; i++) t.add(pkt("10.0.0.53", "10.0.0.5", 60, WS + i * 3 * H));
    const peers = { host: "vm1", uncommonPeers: [], commonPeers: 1 };
    const capOnly = judgeIdle({ host: "vm1", traffic: t.summary(), peers }, { at: AT });
    expect(capOnly.verdict).toBe("insufficient-data");
    expect(capOnly.coverage?.traffic).toBeGreaterThan(0.85);
    const withLogins = judgeIdle({ host: "vm1", ...quietHistory(), traffic: t.summary(), peers }, { at: AT });
    const without = judgeIdle({ host: "vm1", ...quietHistory() }, { at: AT });
    expect(withLogins.verdict).toBe("idle");
    expect(withLogins.score).toBeGreaterThan(without.score);
  });

  it("uncommon peers make a host active even without logins", () => {
    const v = judgeIdle(
      {
        host: "vm1",
        ...quietHistory(),
        peers: { host: "vm1", uncommonPeers: ["10.0.0.9", "2001:db8::9"], commonPeers: 2 },
      },
      { at: AT },
    );
    expect(v.verdict).toBe("active");
    expect(v.uncommonPeers).toEqual(["10.0.0.9", "2001:db8::9"]);
    expect(v.reasons).toContain("talks to 2 uncommon peers: 10.0.0.9, 2001:db8::9");
  });

  it("a short wtmp -> insufficient-data; util samples covering the window settle it", () => {
    const short = { logins: [boot(AT - 3 * D)], loginsCollectedAt: AT };
    const v = judgeIdle({ host: "vm1", ...short }, { at: AT });
    expect(v.verdict).toBe("insufficient-data");
    expect(v.coverage?.logins).toBeCloseTo(3 / 14, 10);
    expect(v.reasons).toContain("login history covers only 21.4% of the window (need 90.0%)");
    const util = hourly("vm1", () => ({ cpuVcpus: 0.004, rxBytesPerSecond: 120, txBytesPerSecond: 80 }));
    const u = judgeIdle({ host: "vm1", ...short, util }, { at: AT });
    expect(u.verdict).toBe("idle");
    expect(u.reasons).toContain(
      "CPU under 0.03 vCPU for 100.0% of the sampled time (336 samples; rule: 97.0%)",
    );
    expect(u.reasons).toContain("utilisation samples cover 100.0% of the window");
    // A gap in the samples is a gap in the evidence.
    const half = util.filter((s) => s.ts > AT - 7 * D);
    expect(judgeIdle({ host: "vm1", ...short, util: half }, { at: AT }).verdict).toBe("insufficient-data");
    // ... unless the minimum coverage is lowered.
    expect(judgeIdle({ host: "vm1", ...short, util: half }, { at: AT, minCoverage: 0.5 }).verdict).toBe(
      "idle",
    );
  });

  it("no evidence at all -> insufficient-data with score 0", () => {
    const v = judgeIdle({ host: "vm1" }, { at: AT });
    expect([v.verdict, v.score, v.lastLogin]).toEqual(["insufficient-data", 0, null]);
    expect(v.reasons).toContain("no login history given");
  });

  it("service-account logins do not count as use; root logins do", () => {
    const h = quietHistory();
    const svc = { host: "vm1", ...h, logins: [...h.logins!, user("backup", AT - D, AT - D + H)] };
    const v = judgeIdle(svc, { at: AT, serviceAccounts: ["backup"] });
    expect(v.verdict).toBe("idle");
    expect(v.reasons).toContain("ignored 1 service-account login (backup)");
    expect(judgeIdle(svc, { at: AT }).verdict).toBe("active");
    const root = { ...svc, logins: [...h.logins!, user("root", AT - D, AT - D + H)] };
    expect(judgeIdle(root, { at: AT, serviceAccounts: ["backup"] }).verdict).toBe("active");
  });

  it("thresholds, shares and the window are configurable", () => {
    const util = hourly("vm1", (i) => ({ cpuVcpus: i < 20 ? 0.5 : 0.01 })); // quiet 94% of the time
    expect(judgeIdle({ host: "vm1", util }, { at: AT }).verdict).toBe("active");
    expect(judgeIdle({ host: "vm1", util }, { at: AT, cpuShare: 0.9 }).verdict).toBe("idle");
    expect(judgeIdle({ host: "vm1", util }, { at: AT, cpuVcpus: 1 }).verdict).toBe("idle");
    const v = judgeIdle({ host: "vm1", util }, { at: AT, windowMs: 7 * D });
    expect(v.window).toEqual({ start: AT - 7 * D, end: AT });
    expect(v.verdict).toBe("idle"); // the busy first 20 hours fall outside a 7-day window
  });

  it("judgeFleet compares peers across the fleet and notes a one-host baseline", () => {
    const cap = (self: string, peers: string[]) => {
      const t = new Peers.HostTraffic("x", { self: [self] });
      for (const [i, p] of peers.entries()) t.add(pkt(p, self, 10, AT - H + i * 1000));
      return t.summary();
    };
    const h = quietHistory();
    const vs = judgeFleet(
      [
        { host: "a", ...h, traffic: cap("10.0.0.1", ["10.0.0.53", "10.0.0.9"]) },
        { host: "b", ...h, traffic: cap("10.0.0.2", ["10.0.0.53"]) },
        { host: "c", ...h },
      ],
      { at: AT },
    );
    expect(vs.map((v) => [v.host, v.verdict, v.uncommonPeers])).toEqual([
      ["a", "active", ["10.0.0.9"]],
      ["b", "idle", []],
      ["c", "idle", []],
    ]);
    expect(seedInactivePrediction(vs)).toBe("b\nc\n");
    const solo = judgeFleet([{ host: "a", ...h, traffic: cap("10.0.0.1", ["10.0.0.9"]) }], { at: AT });
    expect(solo[0]!.verdict).toBe("idle");
    expect(solo[0]!.reasons.join("\n")).toMatch(
      /single host: with quorum 1 every peer it sees counts as common/,
    );
    const allowed = judgeFleet(
      [
        { host: "a", ...h, traffic: cap("10.0.0.1", ["10.0.0.53", "10.0.0.9"]) },
        { host: "b", ...h, traffic: cap("10.0.0.2", ["10.0.0.53"]) },
      ],
      { at: AT, peers: { allow: ["10.0.0.8/29"] } },
    );
    expect(allowed.map((v) => v.verdict)).toEqual(["idle", "idle"]);
  });

  it("verdicts encode with the IdleVerdict schema", () => {
    const v = judgeIdle(
      { host: "vm1", ...quietHistory(), util: hourly("vm1", () => ({ cpuVcpus: 0 })) },
      { at: AT },
    );
    expect(Schema.decodeUnknownSync(IdleVerdict)(encode(v))).toEqual(v);
  });
});

// Properties.
const loginArb = fc
  .record({
    kind: fc.constantFrom("user", "user", "reboot" as const),
    user: fc.constantFrom("alice", "root", "LOGIN", "svc"),
    start: fc.integer({ min: AT - 40 * D, max: AT + D }),
    dur: fc.option(fc.integer({ min: 0, max: 5 * D }), { nil: null }),
  })
  .map((r) =>
    r.kind === "reboot" ? boot(r.start) : user(r.user, r.start, r.dur === null ? null : r.start + r.dur),
  );
const sampleArb = fc.record({
  host: fc.constantFrom("vm1", "vm1", "vm1", "other"),
  ts: fc.integer({ min: AT - 16 * D, max: AT + D }),
  intervalSeconds: fc.integer({ min: 60, max: 86_400 }),
  cpuVcpus: fc.option(fc.double({ min: 0, max: 0.1, noNaN: true }), { nil: null }),
  rxBytesPerSecond: fc.option(fc.double({ min: 0, max: 4000, noNaN: true }), { nil: undefined }),
  txBytesPerSecond: fc.option(fc.double({ min: 0, max: 2000, noNaN: true }), { nil: undefined }),
});
const ipArb = fc.integer({ min: 1, max: 40 }).map((n) => (n > 30 ? `2001:db8::${n}` : `10.0.0.${n}`));
const packetArb = fc.record({
  a: ipArb,
  b: ipArb,
  out: fc.boolean(),
  len: fc.integer({ min: 0, max: 3000 }),
  ts: fc.integer({ min: AT - 2 * D, max: AT }),
});
const inputArb = fc.record({
  logins: fc.option(fc.array(loginArb, { maxLength: 12 }), { nil: undefined }),
  begins: fc.option(fc.integer({ min: AT - 30 * D, max: AT }), { nil: null }),
  collected: fc.option(fc.constant(AT), { nil: null }),
  util: fc.option(fc.array(sampleArb, { maxLength: 40 }), { nil: undefined }),
  uncommon: fc.option(fc.uniqueArray(ipArb, { maxLength: 4 }), { nil: undefined }),
  packets: fc.option(fc.array(packetArb, { maxLength: 40 }), { nil: undefined }),
});
type Gen = typeof inputArb extends fc.Arbitrary<infer T> ? T : never;
const toInput = (g: Gen): IdleInput => ({
  host: "vm1",
  logins: g.logins,
  loginsBegin: g.begins,
  loginsCollectedAt: g.collected,
  util: g.util,
  peers: g.uncommon === undefined ? undefined : { host: "vm1", uncommonPeers: g.uncommon, commonPeers: 0 },
  traffic:
    g.packets === undefined
      ? undefined
      : Peers.summarise(
          "vm1",
          g.packets.map((p) =>
            p.out ? pkt("10.0.0.100", p.a, p.len, p.ts) : pkt(p.b, "10.0.0.100", p.len, p.ts),
          ),
          { self: ["10.0.0.100"] },
        ),
});
const rank = { active: 0, "insufficient-data": 1, idle: 2 } as const;
const optsArb = fc.record({ minCoverage: fc.double({ min: 0, max: 1, noNaN: true }) });

describe("properties", () => {
  test.prop([inputArb, optsArb])("score is in [0, 1] and active scores at most 0.5", (g, o) => {
    const v = judgeIdle(toInput(g), { at: AT, ...o });
    expect(v.score).toBeGreaterThanOrEqual(0);
    expect(v.score).toBeLessThanOrEqual(1);
    if (v.verdict === "active") expect(v.score).toBeLessThanOrEqual(0.5);
    expect(v.reasons.length).toBeGreaterThan(0);
    expect(() => encode(v)).not.toThrow();
  });

  test.prop([
    inputArb,
    optsArb,
    fc.integer({ min: 0, max: 14 * D - 1 }),
    fc.integer({ min: 0, max: 3 * D }),
    fc.constantFrom("alice", "root"),
  ])("adding a login in the window never makes a host more idle", (g, o, offset, dur, name) => {
    const base = toInput(g);
    const more = { ...base, logins: [...(base.logins ?? []), user(name, WS + offset, WS + offset + dur)] };
    const a = judgeIdle(base, { at: AT, ...o });
    const b = judgeIdle(more, { at: AT, ...o });
    expect(b.score).toBeLessThanOrEqual(a.score);
    expect(rank[b.verdict]).toBeLessThanOrEqual(rank[a.verdict]);
    expect(b.verdict).toBe("active");
  });

  test.prop([inputArb, optsArb, fc.uniqueArray(ipArb, { minLength: 1, maxLength: 3 })])(
    "adding uncommon peers never makes a host more idle",
    (g, o, extra) => {
      const base = toInput(g);
      const prev = base.peers?.uncommonPeers ?? [];
      const more: IdleInput = {
        ...base,
        peers: { host: "vm1", uncommonPeers: [...new Set([...prev, ...extra])], commonPeers: 0 },
      };
      const a = judgeIdle(base, { at: AT, ...o });
      const b = judgeIdle(more, { at: AT, ...o });
      expect(b.score).toBeLessThanOrEqual(a.score);
      expect(rank[b.verdict]).toBeLessThanOrEqual(rank[a.verdict]);
    },
  );

  test.prop([inputArb, fc.func(fc.integer())])(
    "the verdict does not depend on packet or login order",
    (g, key) => {
      const shuffle = <T>(xs: readonly T[]): T[] =>
        xs
          .map((x, i) => [key(i), i, x] as const)
          .sort((a, b) => a[0] - b[0] || a[1] - b[1])
          .map((x) => x[2]);
      const h: Gen = {
        ...g,
        logins: g.logins && shuffle(g.logins),
        packets: g.packets && shuffle(g.packets),
        util: g.util && shuffle(g.util),
      };
      expect(judgeIdle(toInput(h), { at: AT })).toEqual(judgeIdle(toInput(g), { at: AT }));
    },
  );
});
