import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc } from "@fast-check/vitest";
import { countingEmit, emptyStats, Login, type ParseStats, parseAll } from "@fleetlens/core";
import { Schema } from "effect";
import { afterAll, describe, expect, it } from "vitest";
import { parseLast } from "../src/last/index.js";
import {
  LAYOUTS,
  parser,
  parseUtmpEntries,
  parseWtmp,
  renderUtmp,
  renderUtmpdump,
  sniff,
  type UtmpEntry,
  type UtmpLayoutName,
  wtmpParser,
} from "../src/wtmp/index.js";

const FIXTURES = join(import.meta.dirname, "fixtures", "wtmp");
const decodeLogins = Schema.decodeUnknownSync(Schema.Array(Login));
const TMP = mkdtempSync(join(tmpdir(), "fleetlens-wtmp-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const order = (a: Login, b: Login): number =>
  a.start - b.start ||
  a.kind.localeCompare(b.kind) ||
  a.line.localeCompare(b.line) ||
  a.user.localeCompare(b.user);
const sorted = (xs: readonly Login[]): Login[] => [...xs].sort(order);
const accounted = (s: ParseStats): void => expect(s.lines).toBe(s.records + s.skipped + s.ignored);

const EX = { termination: 0, exit: 0 };
const entry = (p: Partial<UtmpEntry> & Pick<UtmpEntry, "type" | "tv">): UtmpEntry => ({
  pid: 0,
  line: "",
  id: "",
  user: "",
  host: "",
  addr: null,
  session: 0,
  exit: EX,
  ...p,
});
const T0 = Date.UTC(2024, 2, 1, 8);
const H = 3_600_000;

describe("wtmp fixtures (binary written by the real utmpdump -r, truth from the generator)", () => {
  const cases = readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".bin"))
    .map((f) => f.slice(0, -4));
  it("has fixture pairs", () => expect(cases.length).toBeGreaterThanOrEqual(2));
  for (const name of cases) {
    it(name, () => {
      const bin = new Uint8Array(readFileSync(join(FIXTURES, `${name}.bin`)));
      const expected = decodeLogins(JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), "utf8")));
      const r = parseWtmp(bin);
      expect(sorted(r.records)).toEqual(sorted(expected));
      expect(r.stats.skipped).toBe(0);
      expect(r.stats.lines).toBe(bin.length / 384);
      accounted(r.stats);
      expect(r.stats.inferred.layout).toMatch(new RegExp(`^${name.split("--")[0]}:`));
      expect(sniff(bin.subarray(0, 65536))).toBeGreaterThan(0.9);
    });
  }
});

describe("wtmp units", () => {
  it("a two-record file is read as 384-byte records, not as one 400-byte record (found by the oracle property)", () => {
    const entries = [
      entry({ type: 8, pid: 1000, line: "pts/0", id: "ts/0", tv: 1704067201000.001 }),
      entry({ type: 0, tv: 0 }),
    ];
    const r = parseUtmpEntries(renderUtmp(entries));
    expect(r.stats.inferred.layout).toMatch(/^glibc-le-384/);
    expect(r.records).toEqual(entries);
    expect(parseWtmp(renderUtmp(entries)).stats.inferred.begins).toBe("2024-01-01T00:00:01.000001Z");
  });

  const login = (line: string, user: string, tv: number, host = ""): UtmpEntry =>
    entry({ type: 7, pid: 100, line, id: line.slice(-4), user, host, tv });
  const logout = (line: string, tv: number): UtmpEntry => entry({ type: 8, pid: 100, line, tv });
  const boot = (tv: number): UtmpEntry =>
    entry({ type: 2, line: "~", id: "~~", user: "reboot", host: "6.1.0", tv });

  it("pairs a login with its logout and accounts each raw record once", () => {
    const bin = renderUtmp([
      boot(T0),
      login("pts/0", "alice", T0 + H, "10.0.0.1"),
      logout("pts/0", T0 + 2 * H),
    ]);
    const r = parseWtmp(bin);
    expect(r.stats).toMatchObject({ lines: 3, records: 2, ignored: 1, ignoredBy: { "logout paired": 1 } });
    const alice = r.records.find((x) => x.kind === "user")!;
    expect(alice).toMatchObject({
      user: "alice",
      end: T0 + 2 * H,
      endReason: "logout",
      durationSeconds: 3600,
    });
    expect(alice.addr).toBeNull();
  });

  it("a truncated tail and a corrupt record are skips with byte offsets", () => {
    const good = renderUtmp([boot(T0), login("pts/0", "alice", T0 + H)]);
    const bad = new Uint8Array(384 * 3 + 100);
    bad.set(good, 0);
    bad.set(good.subarray(384, 768), 768);
    bad[768] = 0x63; // ut_type 99
    const r = parseWtmp(bad);
    expect(r.skips).toEqual([
      { line: 3, offset: 768, reason: "ut_type 99 out of range" },
      { line: 4, offset: 1152, reason: "truncated record: 100 of 384 bytes at end of input" },
    ]);
    expect(r.stats.lines).toBe(4);
    accounted(r.stats);
  });

  it("btmp mode: every record is a failed zero-length session", () => {
    const bin = renderUtmp([
      entry({ type: 6, line: "ssh:notty", user: "root", host: "203.0.113.5", addr: "203.0.113.5", tv: T0 }),
      entry({ type: 6, line: "ssh:notty", user: "admin", host: "203.0.113.5", tv: T0 + 1000 }),
    ]);
    const r = parseWtmp(bin, { failed: true });
    expect(r.records.map((x) => [x.user, x.failed, x.durationSeconds, x.endReason, x.addr])).toEqual([
      ["root", true, 0, "logout", "203.0.113.5"],
      ["admin", true, 0, "logout", null],
    ]);
  });

  it.each(["glibc-be-384", "glibc-le-400", "glibc-be-400"] as const)("detects the %s layout", (layout) => {
    const es = [boot(T0), login("pts/1", "bob", T0 + H, "fe80::1"), logout("pts/1", T0 + 3 * H)];
    const r = parseWtmp(renderUtmp(es, { layout }));
    expect(r.stats.inferred.layout).toMatch(new RegExp(`^${layout}:`));
    expect(sorted(r.records)).toEqual(sorted(parseWtmp(renderUtmp(es)).records));
    expect(r.stats.skipped).toBe(0);
  });

  it("crash, down, tty reuse and still-logged-in follow last", () => {
    const es = [
      boot(T0),
      login("pts/0", "a", T0 + H),
      login("pts/0", "b", T0 + 2 * H), // ends a
      login("pts/1", "c", T0 + 3 * H),
      boot(T0 + 4 * H), // crash: b, c
      login("pts/1", "d", T0 + 5 * H),
      entry({ type: 1, line: "~", id: "~~", user: "shutdown", tv: T0 + 6 * H }), // down: d
      boot(T0 + 7 * H),
      login("tty1", "e", T0 + 8 * H),
    ];
    const got = sorted(parseWtmp(renderUtmp(es)).records).map((x) => [x.kind, x.user, x.endReason, x.end]);
    expect(got).toEqual([
      ["reboot", "reboot", "logout", T0 + 6 * H],
      ["user", "a", "logout", T0 + 2 * H],
      ["user", "b", "crash", T0 + 4 * H],
      ["user", "c", "crash", T0 + 4 * H],
      ["reboot", "reboot", "logout", T0 + 6 * H], // crashed boot runs to the next shutdown, as in last
      ["user", "d", "down", T0 + 6 * H],
      ["shutdown", "shutdown", "logout", T0 + 7 * H],
      ["reboot", "reboot", "running", null],
      ["user", "e", "still-logged-in", null],
    ]);
  });

  it("parser entry and sniff", () => {
    expect(parser.info.kind).toBe("wtmp");
    expect(
      sniff(new TextEncoder().encode("alice    pts/0   Fri Mar  1 09:15 - 10:47  (01:32)\n".repeat(20))),
    ).toBe(0);
    expect(sniff(new Uint8Array(10))).toBe(0);
  });
});

// ---- properties ----------------------------------------------------------------------------

const USERS = [
  "alice",
  "bob",
  "carol",
  "root",
  "x",
  "averyveryverylongusernamexx",
  "u_32_chars_long_user_name_abcdef",
];
const HOSTS: [string, string | null][] = [
  ["", null],
  ["192.168.1.50", "192.168.1.50"],
  ["10.0.0.7", "10.0.0.7"],
  ["fe80::1%eth0", "fe80::1"],
  ["2001:db8::7", "2001:db8::7"],
  ["workstation.example.org", null],
  ["a-very-long-hostname.subdomain.example.org", "203.0.113.9"],
  [":0", null],
];
const LINES = ["pts/0", "pts/1", "pts/2", "pts/10", "tty1", "tty2"];

type Step =
  | { k: "login"; line: number; user: number; host: number }
  | { k: "logout"; line: number; keepUser: boolean }
  | { k: "boot" }
  | { k: "shutdown"; type254: boolean }
  | { k: "runlevel"; to: string; from: string }
  | { k: "loginproc"; line: number }
  | { k: "empty" };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constant("login" as const),
      line: fc.nat(5),
      user: fc.nat(6),
      host: fc.nat(7),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({ k: fc.constant("logout" as const), line: fc.nat(5), keepUser: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant("boot" as const) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant("shutdown" as const), type254: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant("runlevel" as const),
      to: fc.constantFrom("0", "1", "3", "5", "6", "S"),
      from: fc.constantFrom("N", "3", "5"),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant("loginproc" as const), line: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant("empty" as const) }) },
);

const historyArb: fc.Arbitrary<UtmpEntry[]> = fc
  .array(fc.tuple(stepArb, fc.integer({ min: 1, max: 3 * 86_400 }), fc.nat(999_999)), {
    minLength: 1,
    maxLength: 60,
  })
  .map((steps) => {
    let sec = Date.UTC(2024, 0, 1) / 1000;
    const out: UtmpEntry[] = [];
    const userOn = new Map<number, number>();
    for (const [s, dt, usec] of steps) {
      sec += dt;
      const tv = sec * 1000 + usec / 1000;
      const kernel = "6.1.0-18-amd64";
      switch (s.k) {
        case "login": {
          const [host, addr] = HOSTS[s.host]!;
          userOn.set(s.line, s.user);
          const line = LINES[s.line]!;
          out.push(
            entry({
              type: 7,
              pid: 1000 + s.line,
              line,
              id: line.slice(-4),
              user: USERS[s.user]!,
              host,
              addr,
              tv,
            }),
          );
          break;
        }
        case "logout": {
          const line = LINES[s.line]!;
          const user = s.keepUser ? (USERS[userOn.get(s.line) ?? 0] ?? "") : "";
          out.push(entry({ type: 8, pid: 1000 + s.line, line, id: line.slice(-4), user, tv }));
          break;
        }
        case "boot":
          out.push(entry({ type: 2, line: "~", id: "~~", user: "reboot", host: kernel, tv }));
          break;
        case "shutdown":
          out.push(
            entry({ type: s.type254 ? 254 : 1, line: "~", id: "~~", user: "shutdown", host: kernel, tv }),
          );
          break;
        case "runlevel":
          out.push(
            entry({
              type: 1,
              pid: s.to.charCodeAt(0) + 256 * s.from.charCodeAt(0),
              line: "~",
              id: "~~",
              user: "runlevel",
              host: kernel,
              tv,
            }),
          );
          break;
        case "loginproc": {
          const line = LINES[s.line]!;
          out.push(entry({ type: 6, pid: 900, line, id: line.slice(-4), user: "LOGIN", tv }));
          break;
        }
        case "empty":
          out.push(entry({ type: 0, tv: out.length === 0 ? tv : 0 }));
      }
    }
    return out;
  });

let fileNo = 0;
const undump = (text: string): Uint8Array =>
  new Uint8Array(execFileSync("utmpdump", ["-r"], { input: text, stdio: ["pipe", "pipe", "ignore"] }));
const runLast = (bin: Uint8Array, flags: string[]): string => {
  const f = join(TMP, `w${fileNo++}`);
  writeFileSync(f, bin);
  return execFileSync("last", ["-f", f, ...flags], {
    env: { ...process.env, TZ: "UTC", LC_ALL: "C" },
  }).toString("utf8");
};

/** Compare keys: times at the precision the text shows; "gone" and "still logged in" both mean open. */
const key = (r: Login, unit: number, useAddr: boolean) => {
  const s = Math.floor(r.start / 1000);
  let end: number | null = null;
  if (r.end !== null) {
    if (r.endReason === "crash" || r.endReason === "down")
      end =
        Math.floor((Math.floor(r.start / unit) * unit) / 1000) +
        Math.trunc((Math.floor(r.end / 1000) - s) / 60) * 60;
    else end = Math.floor(Math.floor(r.end / unit) * unit) / 1000;
  }
  return {
    kind: r.kind,
    user: r.user,
    line: r.line,
    host: useAddr ? (r.addr ?? "0.0.0.0") : r.host,
    start: Math.floor(Math.floor(r.start / unit) * unit) / 1000,
    end,
    why: r.endReason === "gone" ? "still-logged-in" : r.endReason,
  };
};
/** A total order on every field, so equal multisets sort identically despite ties at the printed precision. */
const keyOrder = (a: ReturnType<typeof key>, b: ReturnType<typeof key>): number =>
  a.start - b.start ||
  a.kind.localeCompare(b.kind) ||
  a.line.localeCompare(b.line) ||
  a.user.localeCompare(b.user) ||
  (a.end ?? -1) - (b.end ?? -1) ||
  a.why.localeCompare(b.why) ||
  a.host.localeCompare(b.host);

describe("wtmp against the real utmpdump and last (oracle)", () => {
  it("random histories: utmpdump -r, then last -F -x -w [-i] and last -x -w agree with fleetlens", () => {
    fc.assert(
      fc.property(historyArb, (entries) => {
        const bin = undump(renderUtmpdump(entries));
        // utmpdump -r is an oracle for both renderers (it keeps the id's padding spaces).
        const back = parseUtmpEntries(bin).records.map((e) => ({ ...e, id: e.id.trimEnd() }));
        expect(back).toEqual(entries);
        const mine = parseWtmp(bin);
        expect(mine.stats.lines).toBe(entries.length);
        expect(mine.stats.skipped).toBe(0);
        accounted(mine.stats);
        for (const [flags, unit, useAddr] of [
          [["-F", "-x", "-w"], 1000, false],
          [["-F", "-x", "-w", "-i"], 1000, true],
          [["-x", "-w"], 60_000, false],
        ] as const) {
          const text = runLast(bin, [...flags]);
          const theirs = parseLast(text);
          expect(theirs.stats.skipped).toBe(0);
          const a = theirs.records.map((r) => key(r, unit, false)).sort(keyOrder);
          const b = mine.records.map((r) => key(r, unit, useAddr)).sort(keyOrder);
          expect(a).toEqual(b);
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe("wtmp properties", () => {
  const entryArb: fc.Arbitrary<UtmpEntry> = fc.record({
    type: fc.constantFrom(0, 1, 2, 5, 6, 7, 8, 9, 254),
    pid: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
    line: fc.stringMatching(/^[!-~]{0,32}$/),
    id: fc.stringMatching(/^[!-~]{0,4}$/),
    user: fc.stringMatching(/^[!-~]{0,32}$/),
    host: fc.stringMatching(/^[ -~]{0,256}$/).map((s) => s.replace(/ +$/, "")),
    addr: fc.option(
      fc.constantFrom("10.1.2.3", "2001:db8::7", "fe80::1:2", "::ffff:10.0.0.1", "255.255.255.255"),
    ),
    session: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    exit: fc.record({
      termination: fc.integer({ min: -32768, max: 32767 }),
      exit: fc.integer({ min: -32768, max: 32767 }),
    }),
    tv: fc
      .tuple(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.nat(999_999))
      .map(([s, u]) => s * 1000 + u / 1000),
  });

  it("renderUtmp -> parseUtmpEntries round trip, every layout", () => {
    fc.assert(
      fc.property(
        fc.array(entryArb, { maxLength: 30 }),
        fc.constantFrom<UtmpLayoutName>("glibc-le-384", "glibc-be-384", "glibc-le-400", "glibc-be-400"),
        (es, layout) => {
          const r = parseUtmpEntries(renderUtmp(es, { layout }), { layout });
          expect(r.records).toEqual(es);
          expect(r.stats.lines).toBe(es.length);
        },
      ),
    );
  });

  it("arbitrary bytes never throw and every record-sized unit is accounted", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), fc.boolean(), (bytes, failed) => {
        const r = parseWtmp(bytes, { failed });
        const layout = Object.values(LAYOUTS).find((l) => r.stats.inferred.layout?.startsWith(`${l.name}:`))!;
        expect(r.stats.lines).toBe(Math.ceil(bytes.length / layout.size));
        accounted(r.stats);
        for (const s of r.skips) expect(s.offset).toBe((s.line - 1) * layout.size);
      }),
    );
  });

  it("arbitrary strings never throw", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (s) => {
        accounted(parseWtmp(s).stats);
        accounted(parseUtmpEntries(s).stats);
      }),
    );
  });

  it("split-anywhere chunking equals the whole parse", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          historyArb.map((h) => renderUtmp(h)),
          fc.uint8Array({ maxLength: 12000 }),
        ),
        fc.array(fc.nat(), { maxLength: 12 }),
        (bin, cuts) => {
          const whole = parseWtmp(bin);
          const at = [...new Set(cuts.map((c) => c % (bin.length + 1)))].sort((a, b) => a - b);
          const recs: Login[] = [];
          const stats = emptyStats();
          const p = wtmpParser(
            countingEmit(stats, (r: Login) => recs.push(r)),
            {},
          );
          let prev = 0;
          for (const c of [...at, bin.length]) {
            p.push(bin.subarray(prev, c));
            prev = c;
          }
          p.end();
          expect(recs).toEqual(whole.records);
          expect(stats).toEqual(whole.stats);
        },
      ),
    );
  });

  it("a large stream stays within bounded state (200k records through 64 KiB chunks)", () => {
    const es: UtmpEntry[] = [];
    for (let i = 0; i < 100_000; i++) {
      const line = `pts/${i % 50}`;
      es.push(
        entry({ type: 7, line, user: "u", tv: T0 + i * 2000 }),
        entry({ type: 8, line, tv: T0 + i * 2000 + 1000 }),
      );
    }
    const bin = renderUtmp(es);
    let n = 0;
    const stats = emptyStats();
    const p = wtmpParser(
      countingEmit(stats, () => {
        n++;
      }),
      {},
    );
    for (let o = 0; o < bin.length; o += 65536) p.push(bin.subarray(o, o + 65536));
    p.end();
    expect(n).toBe(100_000);
    expect(stats.ignoredBy).toEqual({ "logout paired": 100_000 });
    expect(parseAll(wtmpParser, bin, {}).records.length).toBe(100_000);
  });
});
