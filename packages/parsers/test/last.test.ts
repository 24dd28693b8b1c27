import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fc } from "@fast-check/vitest";
import { countingEmit, emptyStats, Login, Net, splitLines, zone } from "@fleetlens/core";
import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import {
  type LastOptions,
  lastLength,
  lastParser,
  parseLast,
  parser,
  type RenderLastOptions,
  renderLast,
  sniff,
} from "../src/last/index.js";

const FIXTURES = join(import.meta.dirname, "fixtures", "last");
const decodeLogins = Schema.decodeUnknownSync(Schema.Array(Login));
const enc = new TextEncoder();

describe("last fixtures (real util-linux 2.38 output; expected records from the generated truth)", () => {
  const cases = readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".txt"))
    .map((f) => f.slice(0, -4));
  it("has fixture pairs", () => expect(cases.length).toBeGreaterThanOrEqual(8));
  for (const name of cases) {
    it(name, () => {
      const text = readFileSync(join(FIXTURES, `${name}.txt`), "utf8");
      const expected = decodeLogins(JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), "utf8")));
      const optFile = join(FIXTURES, `${name}.options.json`);
      const options: LastOptions = existsSync(optFile) ? JSON.parse(readFileSync(optFile, "utf8")) : {};
      const r = parseLast(text, options);
      expect(r.records).toEqual(expected);
      expect(r.stats.lines).toBe(splitLines(text).length);
      expect(r.stats.lines).toBe(r.stats.records + r.stats.skipped + r.stats.ignored);
      if (name.includes("notime")) {
        expect(r.stats.skipped).toBe(splitLines(text).filter((l) => l.trim() !== "").length);
        expect(r.skips[0]?.reason).toMatch(/notime/);
      } else {
        expect(r.skips).toEqual([]);
        expect(sniff(enc.encode(text))).toBeGreaterThan(0.8);
      }
      if (/--(x|ax|Rx)$|seed/.test(name)) expect(r.stats.inferred.year).toMatch(/trailer/);
    });
  }
});

const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number =>
  Date.UTC(y, mo - 1, d, h, mi, s);

describe("last units", () => {
  it("year inference walks up from the trailer across New Year and checks weekdays", () => {
    const text = [
      "bob      pts/1        10.0.0.2         Tue Jan  2 08:00 - 09:00  (01:00)",
      "alice    pts/0        10.0.0.1         Sun Dec 31 23:30 - 00:30  (01:00)",
      "",
      "wtmp begins Sat Dec 30 10:00:00 2023",
    ].join("\n");
    const r = parseLast(text);
    expect(r.records.map((x) => [x.user, x.start, x.end])).toEqual([
      ["bob", at(2024, 1, 2, 8), at(2024, 1, 2, 9)],
      ["alice", at(2023, 12, 31, 23, 30), at(2024, 1, 1, 0, 30)],
    ]);
    expect(r.stats.inferred.year).toBe('2023..2024 from the "wtmp begins" trailer');
    expect(r.stats.inferred.begins).toBe("2023-12-30T10:00:00Z");
  });

  it("a gap of more than a year is resolved by the weekday", () => {
    // Fri Mar  1 is 2024; the trailer says 2022 — the plain walk would give 2022.
    const text =
      "alice    pts/0        h                Fri Mar  1 09:15 - 10:47  (01:32)\n\nwtmp begins Tue Feb  1 00:00:00 2022\n";
    const r = parseLast(text);
    expect(r.records[0]!.start).toBe(at(2024, 3, 1, 9, 15));
    expect(r.stats.inferred.year).toMatch(/1 row\(s\) moved to the year their weekday fits/);
  });

  it("without a trailer: options.year, options.reference", () => {
    const rows =
      "a        pts/0        h                Mon Jan  1 10:00 - 11:00  (01:00)\nb        pts/0        h                Fri Dec 29 10:00 - 11:00  (01:00)\n";
    expect(parseLast(rows, { year: 2024 }).records.map((x) => x.start)).toEqual([
      at(2024, 1, 1, 10),
      at(2023, 12, 29, 10),
    ]);
    expect(parseLast(rows, { reference: at(2024, 6, 1) }).records.map((x) => x.start)).toEqual([
      at(2024, 1, 1, 10),
      at(2023, 12, 29, 10),
    ]);
    expect(parseLast(rows, { reference: at(2024, 6, 1) }).stats.inferred.year).toMatch(/options.reference/);
  });

  it("reads times in options.zone", () => {
    const text =
      "alice    pts/0        h                Fri Mar  1 09:15:00 2024 - Fri Mar  1 10:47:30 2024  (01:32)\n";
    const r = parseLast(text, { zone: zone("+09:00") });
    expect(r.records[0]).toMatchObject({
      start: at(2024, 3, 1, 0, 15),
      end: at(2024, 3, 1, 1, 47, 30),
      durationSeconds: 5550,
    });
  });

  it("-w, -a, -R, -i rows and open sessions", () => {
    const text = [
      "averyveryverylongusername pts/2        a-very-long-hostname.subdomain.example.org Mon Mar  4 08:00 - 09:30 (2+01:30)",
      "dave     pts/0        Sun Mar  3 13:00    gone - no logout  h.example.org",
      "carol    tty1         Sun Mar  3 11:00   still logged in",
      "erin     pts/4        0.0.0.0          Sun Mar  3 10:00:00 2024   still logged in",
      "reboot   system boot  Sun Mar  3 09:00   still running      6.1.0",
    ].join("\n");
    const r = parseLast(text, { year: 2024 });
    expect(r.skips).toEqual([]);
    expect(r.records.map((x) => [x.user, x.line, x.host, x.endReason, x.end, x.addr])).toEqual([
      [
        "averyveryverylongusername",
        "pts/2",
        "a-very-long-hostname.subdomain.example.org",
        "logout",
        at(2024, 3, 6, 9, 30),
        undefined,
      ],
      ["dave", "pts/0", "h.example.org", "gone", null, undefined],
      ["carol", "tty1", "", "still-logged-in", null, undefined],
      ["erin", "pts/4", "0.0.0.0", "still-logged-in", null, null],
      ["reboot", "system boot", "6.1.0", "running", null, undefined],
    ]);
  });

  it("a shutdown with no later boot (last prints the epoch) is open", () => {
    const text =
      "shutdown system down  6.1.0            Mon Mar  4 12:00:10 2024 - Thu Jan  1 00:00:00 1970 (-19786+12:00)\n";
    expect(parseLast(text).records[0]).toMatchObject({ kind: "shutdown", end: null, endReason: "running" });
  });

  it("lastb output with options.failed", () => {
    const text =
      "root     ssh:notty    203.0.113.5      Fri Mar  1 09:15 - 09:15  (00:00)\n\nbtmp begins Fri Mar  1 09:15:02 2024\n";
    const r = parseLast(text, { failed: true });
    expect(r.records[0]).toMatchObject({ user: "root", line: "ssh:notty", failed: true, durationSeconds: 0 });
  });

  it("foreign and malformed lines are skips with reasons", () => {
    const r = parseLast(
      "last: cannot open /var/log/wtmp: No such file\nalice pts/0 Fri Mar  1 09:15 - xx:yy\n\n",
    );
    expect(r.skips.map((s) => [s.line, s.reason])).toEqual([
      [1, "not a last row: no login time found"],
      [2, 'unrecognised logout column "xx:yy"'],
    ]);
    expect(r.stats.ignoredBy).toEqual({ blank: 1 });
  });

  it("LENGTH like last prints it", () => {
    expect([0, 59, 60, 5400, 86_400 + 5400, -60, -19_800, -93_780].map(lastLength)).toEqual([
      " (00:00)",
      " (00:00)",
      " (00:01)",
      " (01:30)",
      "(1+01:30)",
      " (-00:01)",
      " (-5:30)",
      "(-1+02:03)",
    ]);
  });

  it("parser entry and sniff", () => {
    expect(parser.info.kind).toBe("last");
    expect(sniff(enc.encode("hello world\nthis is not last\n"))).toBe(0);
    expect(sniff(new Uint8Array([7, 0, 0, 0, 1, 2]))).toBe(0);
  });
});

// ---- properties ----------------------------------------------------------------------------

type Fmt = "short" | "full" | "iso";
const NAMES = [
  "alice",
  "bob",
  "c0a22100",
  "root",
  "x",
  "averyveryverylongusername",
  "u_32_chars_long_user_name_abcdef",
];
const HOSTS = [
  "",
  "192.168.1.50",
  "fe80::1",
  "h.example.org",
  "a-very-long-hostname.subdomain.example.org",
  ":0",
];

const recordsArb = (fmt: Fmt, wide: boolean) => {
  const unit = fmt === "short" ? 60_000 : 1000;
  const one = fc.record({
    gap: fc.integer({ min: 1, max: (300 * 86_400_000) / unit }),
    kind: fc.constantFrom("user", "user", "user", "reboot", "shutdown", "runlevel"),
    name: fc.nat(NAMES.length - 1),
    host: fc.nat(HOSTS.length - 1),
    tty: fc.constantFrom("pts/0", "pts/12", "tty1", "ssh:notty"),
    ending: fc.constantFrom("logout", "logout", "crash", "down", "open", "gone"),
    dur: fc.integer({ min: -2 * 86_400, max: 40 * 86_400 }),
  });
  return fc
    .tuple(
      fc.integer({ min: Date.UTC(2000, 0, 1) / unit, max: Date.UTC(2030, 0, 1) / unit }),
      fc.array(one, { maxLength: 25 }),
    )
    .map(([t0, xs]) => {
      let t = t0 * unit;
      const out: Login[] = [];
      for (const x of xs) {
        t += x.gap * unit;
        const kind = x.kind as Login["kind"];
        const user = kind === "user" ? NAMES[x.name]!.slice(0, wide ? 32 : 8) : kind;
        const line =
          kind === "user"
            ? x.tty
            : kind === "reboot"
              ? "system boot"
              : kind === "shutdown"
                ? "system down"
                : "(to lvl 3)";
        const host = HOSTS[x.host]!.slice(0, wide ? 255 : 16);
        let endReason: Login["endReason"] = x.ending as Login["endReason"];
        if (kind !== "user" && (endReason === ("open" as never) || endReason === "gone"))
          endReason = "running";
        if ((x.ending as string) === "open") endReason = kind === "user" ? "still-logged-in" : "running";
        let end: number | null = null;
        if (endReason === "logout" || endReason === "crash" || endReason === "down") {
          // crash/down ends are login + LENGTH (whole minutes) in every format.
          const d = endReason === "logout" && kind !== "shutdown" ? x.dur : Math.abs(x.dur);
          const step = endReason === "logout" ? unit : 60_000;
          end = t + Math.round((d * 1000) / step) * step;
        }
        const r: Login = {
          kind,
          user,
          line,
          host,
          start: t,
          end,
          endReason,
          durationSeconds: end === null ? null : (end - t) / 1000,
          ...(Net.isIp(host) ? { addr: host } : {}),
        };
        out.push(r);
      }
      return out.reverse(); // newest first, as last prints
    });
};

describe("last properties", () => {
  it("renderLast -> parseLast round trip (short at minute precision, full/iso at seconds)", () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom<Fmt>("short", "full", "iso")
          .chain((fmt) =>
            fc.tuple(
              fc.constant(fmt),
              fc.record({
                wide: fc.boolean(),
                hostLast: fc.boolean(),
                noHost: fc.boolean(),
                tz: fc.constantFrom("UTC", "+05:30", "-08:00"),
              }),
            ),
          )
          .chain(([fmt, o]) => fc.tuple(fc.constant(fmt), fc.constant(o), recordsArb(fmt, o.wide))),
        ([fmt, o, recs]) => {
          const z = zone(o.tz);
          const ropts: RenderLastOptions = {
            format: fmt,
            wide: o.wide,
            hostLast: o.hostLast && !o.noHost,
            noHost: o.noHost,
            zone: z,
          };
          const text = renderLast(recs, ropts);
          const r = parseLast(text, { zone: z });
          const expected = o.noHost ? recs.map(({ addr: _a, ...x }) => ({ ...x, host: "" })) : recs;
          expect(r.skips).toEqual([]);
          expect(r.records).toEqual(expected);
          expect(renderLast(r.records, ropts)).toBe(text);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("arbitrary text never throws and accounts for every line", () => {
    const lineArb = fc.oneof(
      fc.string({ maxLength: 120 }),
      fc.constantFrom(
        "alice    pts/0        192.168.1.50     Fri Mar  1 09:15 - 10:47  (01:32)",
        "wtmp begins Fri Mar  1 08:00:00 2024",
        "reboot   system boot  6.1.0            Fri Mar  1 08:00   still running",
        "x Fri Mar 99 09:15 - (",
        "a b 2024-13-45T99:99:99+00:00 - 2024-03-01T10:47:30+00:00  (01:32)",
      ),
    );
    fc.assert(
      fc.property(
        fc.array(lineArb, { maxLength: 30 }),
        fc.integer({ min: 1990, max: 2030 }),
        (lines, year) => {
          const text = lines.join("\n");
          const r = parseLast(text, { year });
          expect(r.stats.lines).toBe(splitLines(text).length);
          expect(r.stats.lines).toBe(r.stats.records + r.stats.skipped + r.stats.ignored);
          for (const x of r.records) expect(Number.isFinite(x.start)).toBe(true);
          expect(() => sniff(enc.encode(text))).not.toThrow();
        },
      ),
    );
  });

  it("split-anywhere chunking equals the whole parse", () => {
    fc.assert(
      fc.property(recordsArb("short", false), fc.array(fc.nat(), { maxLength: 10 }), (recs, cuts) => {
        const bytes = enc.encode(renderLast(recs));
        const whole = parseLast(bytes, { year: 2020 });
        const stats = emptyStats();
        const got: Login[] = [];
        const p = lastParser(
          countingEmit(stats, (r: Login) => got.push(r)),
          { year: 2020 },
        );
        let prev = 0;
        for (const c of [...new Set(cuts.map((c) => c % (bytes.length + 1)))]
          .sort((a, b) => a - b)
          .concat(bytes.length)) {
          p.push(bytes.subarray(prev, c));
          prev = c;
        }
        p.end();
        expect(got).toEqual(whole.records);
        expect(stats).toEqual(whole.stats);
      }),
    );
  });
});
