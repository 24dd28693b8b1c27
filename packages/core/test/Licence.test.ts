import { fc, test } from "@fast-check/vitest";
import { type LicenceEvent, LicenceSession, type LmstatRecord } from "@fleetlens/core";
import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import {
  issuedFromLicenceFile,
  issuedFromLmstat,
  LicenceUsage,
  mergeIssued,
  restartScope,
  type UsageSession,
  usage,
} from "../src/Licence.js";

// 2024-03-01 23:00 UTC: generated histories cross midnight.
const T0 = Date.UTC(2024, 2, 1, 23, 0, 0);
const s = (sec: number): number => T0 + sec * 1000;

const ev = (
  event: LicenceEvent["event"],
  sec: number | null,
  feature: string | null,
  who: string | null,
  extra: Partial<LicenceEvent> = {},
): LicenceEvent => {
  const [user, host] = who === null ? [null, null] : (who.split("@") as [string, string]);
  return {
    ts: sec === null ? null : s(sec),
    daemon: "MLM",
    event,
    feature,
    user,
    host,
    count: event === "OUT" || event === "IN" || event === "DENIED" ? 1 : 0,
    reason: null,
    ...extra,
  };
};
const server = (
  daemon: string,
  message: string,
  sec: number,
  kind: "SERVER" | "OTHER" = "SERVER",
): LicenceEvent => ({
  ...ev(kind, sec, null, null),
  daemon,
  message,
  reason: message,
});

describe("pairing", () => {
  it("pairs OUT and IN per feature and user@host, FIFO, with durations", () => {
    const r = usage([
      ev("OUT", 0, "MATLAB", "alice@pc1"),
      ev("OUT", 10, "MATLAB", "alice@pc1"),
      ev("OUT", 20, "MATLAB", "bob@pc2"),
      ev("IN", 30, "MATLAB", "alice@pc1"),
      ev("IN", 100, "MATLAB", "bob@pc2"),
      ev("IN", 130, "MATLAB", "alice@pc1"),
    ]);
    expect(r.sessions.map((x) => [x.user, x.start - T0, x.end! - T0, x.durationSeconds, x.open])).toEqual([
      ["alice", 0, 30_000, 30, false],
      ["alice", 10_000, 130_000, 120, false],
      ["bob", 20_000, 100_000, 80, false],
    ]);
    expect(r.stats.unmatchedIn).toBe(0);
  });

  it("matches by handle when the verbose form gives one, else by count, else oldest", () => {
    const r = usage([
      ev("OUT", 0, "f", "u@h", { handle: "101" }),
      ev("OUT", 5, "f", "u@h", { handle: "102" }),
      ev("IN", 8, "f", "u@h", { handle: "102" }),
      ev("IN", 9, "f", "u@h", { handle: "101" }),
      ev("OUT", 10, "g", "u@h", { count: 1 }),
      ev("OUT", 11, "g", "u@h", { count: 4 }),
      ev("IN", 12, "g", "u@h", { count: 4 }),
      ev("IN", 13, "g", "u@h", { count: 1 }),
    ]);
    expect(r.sessions.map((x) => [x.feature, x.start - T0, x.end! - T0, x.count])).toEqual([
      ["f", 0, 9000, 1],
      ["f", 5000, 8000, 1],
      ["g", 10_000, 13_000, 1],
      ["g", 11_000, 12_000, 4],
    ]);
    expect(r.stats.countMismatch).toBe(0);
    const m = usage([ev("OUT", 0, "g", "u@h", { count: 2 }), ev("IN", 1, "g", "u@h", { count: 3 })]);
    expect(m.stats.countMismatch).toBe(1);
    expect(m.sessions[0]!.open).toBe(false);
  });

  it("counts an IN without OUT and changes nothing else", () => {
    const r = usage([ev("IN", 0, "f", "u@h"), ev("OUT", 1, "f", "u@h"), ev("IN", 3, "f", "u@h")]);
    expect(r.stats.unmatchedIn).toBe(1);
    expect(r.users[0]!.unmatchedIn).toBe(1);
    expect(r.sessions).toHaveLength(1);
    expect(r.features[0]!.peak).toBe(1);
    expect(r.features[0]!.inUse).toBe(0);
  });

  it("reports open sessions at the end and counts them to the last event", () => {
    const r = usage([ev("OUT", 0, "f", "u@h"), ev("OUT", 50, "g", "v@k"), ev("IN", 60, "g", "v@k")]);
    const open = r.sessions.find((x) => x.open)!;
    expect([open.end, open.durationSeconds, open.feature]).toEqual([null, null, "f"]);
    const u = r.users.find((x) => x.user === "u")!;
    expect([u.seconds, u.unionSeconds, u.spanSeconds, u.openSessions, u.lastIn]).toEqual([
      60,
      60,
      60,
      1,
      null,
    ]);
    expect(new LicenceUsage().result().sessions).toEqual([]);
    const later = usage([ev("OUT", 0, "f", "u@h")], {}, s(100));
    expect(later.users[0]!.seconds).toBe(100);
    expect(later.features[0]!.licenceSeconds).toBe(100);
  });

  it("skips untimed events and counts them; times going backwards are counted", () => {
    const r = usage([ev("OUT", null, "f", "u@h"), ev("OUT", 10, "f", "u@h"), ev("IN", 5, "f", "u@h")]);
    expect(r.stats.untimed).toBe(1);
    expect(r.stats.outOfOrder).toBe(1);
    expect(r.sessions[0]!.durationSeconds).toBe(0);
  });

  it("sessions encode with the LicenceSession schema", () => {
    const r = usage([ev("OUT", 0, "f", "u@h"), ev("IN", 1.5, "f", "u@h"), ev("OUT", 2, "f", "u@h")]);
    for (const x of r.sessions) {
      const json = Schema.encodeSync(LicenceSession)(x);
      expect(Schema.decodeUnknownSync(LicenceSession)(json)).toMatchObject({ start: x.start, end: x.end });
    }
    expect(Schema.encodeSync(LicenceSession)(r.sessions[0]!).start).toBe("2024-03-01T23:00:00Z");
  });
});

describe("server restarts", () => {
  it("classifies restart messages", () => {
    expect(
      restartScope(
        server(
          "lmgrd",
          "FlexNet Licensing (v11.14.1.2 build 208719 x64_lsb) started on srv (linux) (7/17/2019)",
          0,
        ),
      ),
    ).toBe("*");
    expect(restartScope(server("lmgrd", "EXITING DUE TO SIGNAL 15", 0))).toBe("*");
    expect(restartScope(server("lmgrd", "Started MLM (internet tcp_port 53200 pid 14120)", 0))).toBe("mlm");
    expect(restartScope(server("lmgrd", "Shutting down MLM", 0, "OTHER"))).toBe("mlm");
    expect(restartScope(server("lmgrd", "Lost connection to srv2", 0, "OTHER"))).toBeNull();
    expect(restartScope(server("MLM_2", "Lost connection to srv", 0, "OTHER"))).toBe("mlm");
    expect(restartScope(server("MLM", "Server started on srv for:\tMATLAB", 0))).toBe("mlm");
    expect(restartScope(server("MLM", "TIMESTAMP 3/1/2024", 0, "OTHER"))).toBeNull();
    expect(restartScope(ev("OUT", 0, "f", "u@h"))).toBeNull();
  });

  it("ends the restarted daemon's open sessions at the restart time", () => {
    const events = [
      ev("OUT", 0, "MATLAB", "alice@pc1"),
      { ...ev("OUT", 5, "abaqus", "bob@pc2"), daemon: "ABAQUSLM" },
      server("MLM", "EXITING with code 0", 100),
      ev("IN", 150, "MATLAB", "alice@pc1"),
    ];
    const r = usage(events);
    expect(
      r.sessions.map((x) => [x.feature, x.open, x.end === null ? null : x.end - T0, x.endReason]),
    ).toEqual([
      ["MATLAB", false, 100_000, "server"],
      ["abaqus", true, null, undefined],
    ]);
    expect([r.stats.restarts, r.stats.closedByRestart, r.stats.unmatchedIn]).toEqual([1, 1, 1]);
    const all = usage([
      ...events.slice(0, 2),
      server("lmgrd", "FLEXlm (v9.2) started on srv (linux) (3/1/2024)", 50),
    ]);
    expect(all.sessions.every((x) => x.endReason === "server")).toBe(true);
    const kept = usage(events, { closeOnRestart: false });
    expect(kept.stats.closedByRestart).toBe(0);
    expect(kept.sessions[0]!.end! - T0).toBe(150_000);
  });
});

describe("per-user time, peaks, denials", () => {
  it("gives the seed's span, the exact sum and the union", () => {
    // alice: f 0-100, g 50-150 (overlap 50), f 300-400
    const r = usage([
      ev("OUT", 0, "f", "alice@pc1"),
      ev("OUT", 50, "g", "alice@pc1"),
      ev("IN", 100, "f", "alice@pc1"),
      ev("IN", 150, "g", "alice@pc1"),
      ev("OUT", 300, "f", "alice@pc1"),
      ev("IN", 400, "f", "alice@pc1"),
    ]);
    expect(r.users).toEqual([
      {
        user: "alice",
        host: "pc1",
        seconds: 300,
        sessions: 3,
        openSessions: 0,
        unionSeconds: 250,
        spanSeconds: 400,
        firstOut: s(0),
        lastIn: s(400),
        denials: 0,
        unmatchedIn: 0,
      },
    ]);
  });

  it("peak counts licences and says when it was first reached", () => {
    const r = usage(
      [
        ev("OUT", 0, "f", "a@h1", { count: 2 }),
        ev("OUT", 10, "f", "b@h2"),
        ev("IN", 20, "f", "b@h2"),
        ev("OUT", 30, "f", "c@h3"),
        ev("IN", 40, "f", "a@h1", { count: 2 }),
      ],
      { issued: { f: 4, unused: 7 } },
    );
    const f = r.features.find((x) => x.feature === "f")!;
    expect([f.peak, f.peakAt, f.sessions, f.inUse, f.licenceSeconds, f.utilisation]).toEqual([
      3,
      s(10),
      3,
      1,
      2 * 40 + 10 + 10,
      0.75,
    ]);
    expect(r.features.find((x) => x.feature === "unused")).toMatchObject({
      issued: 7,
      peak: 0,
      peakAt: null,
    });
  });

  it("counts denials per feature and per user with reasons; UNSUPPORTED and QUEUED apart", () => {
    const reason = "Licensed number of users already reached.";
    const r = usage([
      ev("DENIED", 0, "f", "a@h", { reason, code: "-4,342" }),
      ev("DENIED", 1, "f", "a@h", { reason }),
      ev("DENIED", 2, "f", "a@h", { reason: "No such feature exists." }),
      ev("DENIED", 3, "f", "b@h", { reason }),
      ev("UNSUPPORTED", 4, "f", "b@h"),
      ev("QUEUED", 5, "f", "b@h"),
    ]);
    expect(r.denials).toHaveLength(4);
    expect(r.features[0]).toMatchObject({ denials: 4, unsupported: 1, queued: 1, sessions: 0 });
    expect(r.denialsByUser).toEqual([
      {
        feature: "f",
        user: "a",
        host: "h",
        count: 3,
        reasons: [
          { reason, count: 2 },
          { reason: "No such feature exists.", count: 1 },
        ],
      },
      { feature: "f", user: "b", host: "h", count: 1, reasons: [{ reason, count: 1 }] },
    ]);
    expect(r.users.map((u) => [u.user, u.denials])).toEqual([
      ["a", 3],
      ["b", 1],
    ]);
  });

  it("bounds memory on request: no session or denial lists, sessions through a callback", () => {
    const seen: UsageSession[] = [];
    const u = new LicenceUsage({ keepSessions: false, keepDenials: false, onSession: (x) => seen.push(x) });
    for (let i = 0; i < 1000; i++) {
      u.add(ev("OUT", i, "f", "a@h"));
      u.add(ev("IN", i + 0.5, "f", "a@h"));
      u.add(ev("DENIED", i, "f", "b@h"));
    }
    const r = u.result();
    expect([r.sessions.length, r.denials.length, seen.length, r.features[0]!.denials]).toEqual([
      0, 0, 1000, 1000,
    ]);
    expect(u.openSessions).toBe(0);
  });
});

describe("issued counts", () => {
  it("from lmstat feature records (uncounted is null, the largest of repeats)", () => {
    const recs: LmstatRecord[] = [
      { type: "feature", feature: "MATLAB", issued: 10, inUse: 3, error: null },
      { type: "feature", feature: "MATLAB", issued: 12, inUse: 3, error: null },
      { type: "feature", feature: "node", issued: null, inUse: null, error: null },
      { type: "vendor", vendor: "MLM", status: "UP", version: "v11", error: null },
    ];
    expect([...issuedFromLmstat(recs)]).toEqual([
      ["MATLAB", 12],
      ["node", null],
    ]);
  });

  it("from the licence file: first FEATURE wins, INCREMENTs add, uncounted, expiry, UPGRADE ignored", () => {
    const f = (
      kind: "FEATURE" | "INCREMENT" | "UPGRADE",
      feature: string,
      count: number | null,
      expires: string | null = null,
    ) =>
      ({ type: "feature", kind, feature, vendor: "v", version: "1", expires, count, keywords: {} }) as const;
    const lines = [
      { type: "use-server" } as const,
      f("FEATURE", "a", 5),
      f("FEATURE", "a", 50),
      f("INCREMENT", "a", 3),
      f("INCREMENT", "a", 2, "2020-01-01"),
      f("UPGRADE", "a", 100),
      f("INCREMENT", "b", 4),
      f("INCREMENT", "b", null),
      f("INCREMENT", "b", 4),
    ];
    expect([...issuedFromLicenceFile(lines)]).toEqual([
      ["a", 10],
      ["b", null],
    ]);
    expect(issuedFromLicenceFile(lines, Date.UTC(2024, 0, 1)).get("a")).toBe(8);
    expect([
      ...mergeIssued(
        new Map([["a", 1]]),
        new Map([
          ["a", 2],
          ["c", 3],
        ]),
      ),
    ]).toEqual([
      ["a", 1],
      ["c", 3],
    ]);
    const r = usage([ev("OUT", 0, "b", "u@h")], { issued: issuedFromLicenceFile(lines) });
    expect(r.features.find((x) => x.feature === "b")).toMatchObject({
      issued: null,
      uncounted: true,
      utilisation: null,
    });
  });
});

// ---- generated histories with known truth -------------------------------------------------------

interface TruthSession {
  feature: string;
  user: string;
  host: string;
  start: number; // seconds from T0
  end: number | null;
  count: number;
  handle: string;
}

const FEATURES = ["MATLAB", "Simulink", "abaqus"];
const WHO = ["alice@pc1", "bob@pc1", "carol@pc2", "dave@lab-3.example.org", "eve@pc4"];

/** Sessions per key that never overlap (so FIFO pairing is the truth), some left open. */
const historyArb = fc
  .array(
    fc.record({
      key: fc.nat(FEATURES.length * WHO.length - 1),
      gap: fc.nat(7200),
      dur: fc.integer({ min: 1, max: 7200 }),
      count: fc.integer({ min: 1, max: 4 }),
      open: fc.boolean(),
    }),
    { maxLength: 60 },
  )
  .map((specs) => {
    const nextFree = new Map<number, number>();
    const sessions: TruthSession[] = [];
    let h = 0;
    for (const sp of specs) {
      const free = nextFree.get(sp.key) ?? 0;
      if (free === Number.POSITIVE_INFINITY) continue;
      const start = free + sp.gap;
      const end = sp.open ? null : start + sp.dur;
      nextFree.set(sp.key, end === null ? Number.POSITIVE_INFINITY : end + 1);
      const [user, host] = WHO[sp.key % WHO.length]!.split("@") as [string, string];
      sessions.push({
        feature: FEATURES[Math.floor(sp.key / WHO.length)]!,
        user,
        host,
        start,
        end,
        count: sp.count,
        handle: String(++h),
      });
    }
    return sessions;
  });

/** Events of the sessions in time order; at equal times INs first (half-open intervals). */
const eventsOf = (
  sessions: TruthSession[],
  handles = false,
  denials: Array<[number, number]> = [],
): LicenceEvent[] => {
  const out: Array<{ t: number; o: number; e: LicenceEvent }> = [];
  for (const x of sessions) {
    const extra = { count: x.count, ...(handles ? { handle: x.handle } : {}) };
    out.push({ t: x.start, o: 1, e: ev("OUT", x.start, x.feature, `${x.user}@${x.host}`, extra) });
    if (x.end !== null)
      out.push({ t: x.end, o: 0, e: ev("IN", x.end, x.feature, `${x.user}@${x.host}`, extra) });
  }
  for (const [t, k] of denials)
    out.push({
      t,
      o: 2,
      e: ev("DENIED", t, FEATURES[k % FEATURES.length]!, WHO[k % WHO.length]!, { reason: `r${k % 2}` }),
    });
  return out.sort((a, b) => a.t - b.t || a.o - b.o).map((x) => x.e);
};

const useAt = (sessions: TruthSession[], feature: string, t: number): number =>
  sessions
    .filter((x) => x.feature === feature && x.start <= t && (x.end === null || t < x.end))
    .reduce((a, x) => a + x.count, 0);

const unionLength = (iv: Array<[number, number]>): number => {
  const v = [...iv].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let cs = Number.NEGATIVE_INFINITY;
  let ce = Number.NEGATIVE_INFINITY;
  for (const [a, b] of v) {
    if (a > ce) {
      if (ce > cs) total += ce - cs;
      cs = a;
      ce = b;
    } else if (b > ce) ce = b;
  }
  if (ce > cs) total += ce - cs;
  return total;
};

describe("generated histories", () => {
  test.prop([historyArb, fc.array(fc.tuple(fc.nat(20_000), fc.nat(100)), { maxLength: 20 }), fc.boolean()])(
    "sessions, per-user times, peaks and denials equal the truth",
    (truth, denials, handles) => {
      const events = eventsOf(truth, handles, denials);
      const r = usage(events);
      const endAt = r.to === null ? 0 : (r.to - T0) / 1000;
      const key = (x: { feature: string; user: string; host: string; start: number }) =>
        `${x.feature}|${x.user}|${x.host}|${x.start}`;
      const got = r.sessions.map((x) => [
        key({ ...x, start: (x.start - T0) / 1000 }),
        x.end === null ? null : (x.end - T0) / 1000,
        x.count,
      ]);
      const want = truth.map((x) => [key(x), x.end, x.count]);
      const sortRows = (a: unknown[][]) => a.map((x) => JSON.stringify(x)).sort();
      expect(sortRows(got)).toEqual(sortRows(want));
      // Peaks: the truth's maximum over instants (use only changes at session starts).
      for (const f of FEATURES) {
        const fs = truth.filter((x) => x.feature === f);
        let peak = 0;
        let peakAt: number | null = null;
        for (const t of [...new Set(fs.map((x) => x.start))].sort((a, b) => a - b)) {
          const u = useAt(truth, f, t);
          if (u > peak) {
            peak = u;
            peakAt = t;
          }
        }
        const got = r.features.find((x) => x.feature === f);
        expect(got?.peak ?? 0).toBe(peak);
        expect(got?.peakAt ?? null).toBe(peakAt === null ? null : s(peakAt));
        expect(got?.sessions ?? 0).toBe(fs.length);
        expect(got?.denials ?? 0).toBe(denials.filter(([, k]) => FEATURES[k % FEATURES.length] === f).length);
      }
      // Per user: exact sum, union and the seed's span (open sessions to the last event).
      for (const u of r.users) {
        const mine = truth.filter((x) => x.user === u.user && x.host === u.host);
        const iv = mine.map((x): [number, number] => [x.start, x.end ?? Math.max(endAt, x.start)]);
        expect(u.sessions).toBe(mine.length);
        expect(u.seconds).toBeCloseTo(
          iv.reduce((a, [b, e]) => a + e - b, 0),
          6,
        );
        expect(u.unionSeconds).toBeCloseTo(unionLength(iv), 6);
        if (mine.length > 0) {
          expect(u.spanSeconds).toBeCloseTo(
            Math.max(...iv.map((x) => x[1])) - Math.min(...mine.map((x) => x.start)),
            6,
          );
          expect(u.unionSeconds).toBeLessThanOrEqual(u.spanSeconds! + 1e-9);
          expect(u.unionSeconds).toBeLessThanOrEqual(u.seconds + 1e-9);
        }
      }
      expect(r.stats.unmatchedIn).toBe(0);
    },
  );

  test.prop([historyArb, fc.infiniteStream(fc.nat(1000))])(
    "peak is never below the use at any instant, whatever the order of simultaneous events",
    (truth, rnd) => {
      // Shuffle events that share a timestamp (keeping each key's OUT before its IN).
      const events = eventsOf(truth);
      const it = rnd[Symbol.iterator]();
      const tagged = events.map((e, i) => ({ e, i, r: it.next().value as number }));
      tagged.sort((a, b) => a.e.ts! - b.e.ts! || (sameKey(a.e, b.e) ? a.i - b.i : a.r - b.r));
      const r = usage(tagged.map((x) => x.e));
      for (const f of r.features)
        for (const x of truth.filter((y) => y.feature === f.feature)) {
          expect(f.peak).toBeGreaterThanOrEqual(useAt(truth, f.feature, x.start));
          if (x.end !== null) expect(f.peak).toBeGreaterThanOrEqual(useAt(truth, f.feature, x.end));
        }
    },
  );

  test.prop([historyArb, fc.infiniteStream(fc.nat(1000))])(
    "sessions and per-user sums do not depend on how different keys' events interleave",
    (truth, rnd) => {
      const events = eventsOf(truth);
      const it = rnd[Symbol.iterator]();
      // A random merge that keeps each key's own order (times may then go backwards).
      const queues = new Map<string, LicenceEvent[]>();
      for (const e of events) {
        const k = `${e.feature}|${e.user}|${e.host}`;
        queues.set(k, [...(queues.get(k) ?? []), e]);
      }
      const merged: LicenceEvent[] = [];
      const qs = [...queues.values()];
      while (qs.some((q) => q.length > 0)) {
        const live = qs.filter((q) => q.length > 0);
        merged.push(live[(it.next().value as number) % live.length]!.shift()!);
      }
      const a = usage(events);
      const b = usage(merged, {}, a.to ?? undefined);
      const norm = (x: readonly UsageSession[]) => x.map((y) => JSON.stringify(y)).sort();
      expect(norm(b.sessions)).toEqual(norm(a.sessions));
      expect(b.users.map((u) => [u.user, u.host, u.sessions, u.seconds, u.openSessions])).toEqual(
        a.users.map((u) => [u.user, u.host, u.sessions, u.seconds, u.openSessions]),
      );
    },
  );

  test.prop([
    fc.array(
      fc.record({
        k: fc.constantFrom("OUT", "IN", "DENIED", "SERVER", "OTHER", "QUEUED"),
        t: fc.option(fc.nat(100)),
        w: fc.nat(5),
        c: fc.integer({ min: -1, max: 3 }),
        m: fc.constantFrom("EXITING", "Lost connection to x", "hello", ""),
      }),
      { maxLength: 80 },
    ),
  ])("arbitrary event sequences never throw and keep the books balanced", (specs) => {
    const u = new LicenceUsage();
    for (const x of specs)
      u.add({
        ...ev(x.k as LicenceEvent["event"], x.t, x.w % 2 ? "f" : "g", WHO[x.w % WHO.length]!),
        count: x.c,
        message: x.m,
      });
    const r = u.result();
    const opened = r.features.reduce((a, f) => a + f.sessions, 0);
    expect(r.sessions).toHaveLength(opened);
    expect(r.stats.events).toBe(specs.length);
    for (const f of r.features) {
      expect(f.inUse).toBeGreaterThanOrEqual(0);
      expect(f.peak).toBeGreaterThanOrEqual(f.inUse);
    }
    for (const x of r.users) expect(x.unionSeconds).toBeLessThanOrEqual(x.seconds + 1e-9);
  });
});

const sameKey = (a: LicenceEvent, b: LicenceEvent): boolean =>
  a.feature === b.feature && a.user === b.user && a.host === b.host;
