import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { LicenceEvent, zone } from "@fleetlens/core";
import { describe, expect, it } from "vitest";
import {
  flexlmLogParser,
  PENDING_MAX,
  parseFlexlmLog,
  parser,
  readFlexlmLine,
  renderFlexlmLog,
  sniff,
} from "../src/flexlm-log/index.js";
import { countLines, describeFixtures, expectSplitAnywhere, testSniffRange } from "./support/contract.js";

const FIXTURES = join(import.meta.dirname, "fixtures", "flexlm-log");

describeFixtures({
  title: "flexlm-log fixtures",
  dir: FIXTURES,
  schema: LicenceEvent,
  minCases: 5,
  parse: parseFlexlmLog,
});

describe("flexlm-log details", () => {
  const fx = (n: string) => readFileSync(join(FIXTURES, `${n}.txt`), "utf8");

  it("counts ignored lines by reason and reports rollovers", () => {
    const a = parseFlexlmLog(fx("fnp-11--ansys-rollover"));
    expect(a.stats.ignoredBy).toEqual({ timestamp: 1 });
    expect(a.stats.inferred.rollover).toMatch(/^1 midnight rollover inferred/);
    expect(a.stats.inferred.date).toBe("6/23/2017 from line 1 (timestamp)");
    const m = parseFlexlmLog(fx("fnp-11.14--matlab-startup"));
    expect(m.stats.ignoredBy).toEqual({ continuation: 1, slog: 1, blank: 1 });
    const x = parseFlexlmLog(fx("mixed--unquoted-and-dated"));
    expect(x.stats.ignoredBy).toEqual({ timestamp: 1, slog: 1 });
  });

  it("dates lines before the first anchor backwards from it, across midnight", () => {
    const text = [
      '23:50:00 (v) OUT: "f" a@h',
      ' 0:05:00 (v) IN: "f" a@h',
      " 0:06:00 (lmgrd) TIMESTAMP 3/1/2024",
      ' 0:07:00 (v) OUT: "f" b@h',
    ].join("\n");
    const r = parseFlexlmLog(text);
    expect(r.records.map((e) => e.ts)).toEqual([
      Date.UTC(2024, 1, 29, 23, 50),
      Date.UTC(2024, 2, 1, 0, 5),
      Date.UTC(2024, 2, 1, 0, 7),
    ]);
    expect(r.stats.inferred.backdated).toBe("2 records before the first date anchor");
    expect(r.stats.inferred.rollover).toBeUndefined();
  });

  it("uses options.date, then options.reference, else null ts (and says so)", () => {
    const text = '10:00:00 (v) OUT: "f" a@h\n 9:00:00 (v) IN: "f" a@h\n';
    const d = parseFlexlmLog(text, { date: "2024-05-01" });
    expect(d.records.map((e) => e.ts)).toEqual([Date.UTC(2024, 4, 1, 10), Date.UTC(2024, 4, 2, 9)]);
    const ref = parseFlexlmLog(text, { reference: Date.UTC(2023, 0, 9, 12) });
    expect(ref.records.map((e) => e.ts)).toEqual([Date.UTC(2023, 0, 9, 10), Date.UTC(2023, 0, 10, 9)]);
    expect(ref.stats.inferred.date).toMatch(/^2023-01-09 from options.reference/);
    const none = parseFlexlmLog(text);
    expect(none.records.map((e) => e.ts)).toEqual([null, null]);
    expect(none.stats.inferred.ts).toMatch(/^null for 2 records/);
  });

  it("holds at most PENDING_MAX records before falling back", () => {
    const lines = Array.from({ length: PENDING_MAX + 5 }, () => ' 1:00:00 (v) OUT: "f" a@h');
    lines.push(" 2:00:00 (lmgrd) TIMESTAMP 1/2/2020", ' 3:00:00 (v) IN: "f" a@h');
    const r = parseFlexlmLog(lines.join("\n"));
    expect(r.records).toHaveLength(PENDING_MAX + 6);
    expect(r.records[0]?.ts).toBeNull();
    expect(r.records.at(-1)?.ts).toBe(Date.UTC(2020, 0, 2, 3));
  });

  it("reads wall clocks in the zone, across a DST change", () => {
    const text =
      ' 1:00:00 (lmgrd) TIMESTAMP 3/31/2024\n 1:30:00 (v) OUT: "f" a@h\n 3:30:00 (v) IN: "f" a@h\n';
    const r = parseFlexlmLog(text, { zone: zone("Europe/Paris") });
    expect(r.records.map((e) => e.ts)).toEqual([Date.UTC(2024, 2, 31, 0, 30), Date.UTC(2024, 2, 31, 1, 30)]);
    const f = parseFlexlmLog(text, { zone: zone("+09:00") });
    expect(f.records[0]?.ts).toBe(Date.UTC(2024, 2, 30, 16, 30));
  });

  it("takes -datestamp ISO lines with their offset", () => {
    const r = parseFlexlmLog(
      '2019-07-17T10:55:13-05:00 (lmgrd) OUT: "f" a@h\n2019-07-17T10:56:00Z (lmgrd) IN: "f" a@h\n',
    );
    expect(r.records.map((e) => e.ts)).toEqual([
      Date.UTC(2019, 6, 17, 15, 55, 13),
      Date.UTC(2019, 6, 17, 10, 56),
    ]);
  });

  it("skips lines that are not debug-log lines, with a reason", () => {
    const r = parseFlexlmLog(
      [
        "garbage",
        '25:00:00 (v) OUT: "f" a@h',
        "10:00:00 v OUT",
        '10:00:00 (v) OUT: "f a@h',
        "10:00:00 (v) TIMESTAMP 13/45/2020",
      ].join("\n"),
    );
    expect(r.skips).toEqual([
      { line: 1, reason: "no time prefix" },
      { line: 2, reason: "time out of range" },
      { line: 3, reason: "missing (daemon)" },
      { line: 4, reason: "unterminated feature quote" },
      { line: 5, reason: "bad TIMESTAMP date" },
    ]);
  });

  it("reads one line on its own", () => {
    const l = readFlexlmLine(' 9:05:01 (MLM) IN: "MATLAB" u@h  (3 licenses)  (INACTIVE)');
    expect(l).toMatchObject({ seconds: 9 * 3600 + 301, date: null, epoch: null, anchor: null, ignore: null });
    expect(typeof l !== "string" && l.event).toMatchObject({ event: "IN", count: 3, reason: "INACTIVE" });
    expect(readFlexlmLine("10:00:00 (lmgrd) TIMESTAMP 6/23/2017")).toMatchObject({
      anchor: { year: 2017, month0: 5, day: 23 },
      ignore: "timestamp",
      event: null,
    });
    expect(readFlexlmLine("nonsense")).toBe("no time prefix");
  });

  it("renders anchors at day changes and sniffs its own output", () => {
    const evs = parseFlexlmLog(fx("fnp-11--ansys-rollover")).records;
    const text = renderFlexlmLog(evs);
    expect(text.split("\n").filter((l) => l.includes("TIMESTAMP"))).toEqual([
      "21:06:15 (lmgrd) TIMESTAMP 6/23/2017",
      " 0:00:03 (lmgrd) TIMESTAMP 6/24/2017",
    ]);
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(sniff(enc(text))).toBeGreaterThan(0.9);
    expect(sniff(enc(fx("fnp-11.14--matlab-startup")))).toBeGreaterThan(0.8);
    expect(sniff(enc("Oct 12 10:00:01 host sshd[1]: Accepted password for x\n"))).toBe(0);
    expect(sniff(enc("State Recv-Q Send-Q Local Address:Port Peer Address:Port\n"))).toBe(0);
    expect(parser.info.kind).toBe("flexlm-log");
    expect(parser.create).toBe(flexlmLogParser);
  });
});

// ---------------------------------------------------------------------------------------------

const SERVER_MSGS = [
  "Started MLM (internet tcp_port 53200 pid 14120)",
  "Lost connection to lic2.example.com",
  "EXITING DUE TO SIGNAL 15",
  "Shutting down MLM",
  "SERVER shutdown requested.",
  "CONNECTED, master is lic1",
  "Connected to lic3.example.com",
];
const OTHER_MSGS = [
  "License verification completed successfully.",
  "TCP_NODELAY NOT enabled",
  "MLM using TCP-port 53200",
  "-----------------------------------------------",
  "Please Note:",
];
const REASONS = [
  "Licensed number of users already reached.",
  "Users are queued for this feature.",
  "No such feature exists.",
  "License server system does not support this feature.",
];
const CODES = [null, "-4,342", "-4,342:10054", "-24,332", '-18,327:104 "Connection reset by peer"'];

const word = (re: RegExp) => fc.stringMatching(re);
const userArb = fc.oneof(word(/^[a-z][a-z0-9._-]{0,9}$/), word(/^[A-Z][a-z]{1,6} [A-Z][a-z]{1,6}$/));
const hostArb = word(/^[a-z0-9][a-z0-9.-]{0,14}$/);
const featureArb = word(/^[A-Za-z][A-Za-z0-9_.-]{0,11}$/);
const daemonArb = fc.constantFrom("MLM", "adskflex", "ansyslmd", "cdslmd", "orglab");

type Body = Omit<LicenceEvent, "ts">;
const bodyArb: fc.Arbitrary<Body> = fc.oneof(
  fc
    .record({
      daemon: daemonArb,
      event: fc.constantFrom("OUT" as const, "QUEUED" as const, "DEQUEUED" as const),
      feature: featureArb,
      user: userArb,
      host: hostArb,
      count: fc.integer({ min: 1, max: 40 }),
    })
    .map((b) => ({ ...b, reason: null })),
  fc.record({
    daemon: daemonArb,
    event: fc.constant("IN" as const),
    feature: featureArb,
    user: userArb,
    host: hostArb,
    count: fc.integer({ min: 1, max: 40 }),
    reason: fc.constantFrom(null, "INACTIVE", "SHUTDOWN"),
  }),
  fc.record({
    daemon: daemonArb,
    event: fc.constantFrom("DENIED" as const, "UNSUPPORTED" as const),
    feature: featureArb,
    user: userArb,
    host: hostArb,
    count: fc.integer({ min: 1, max: 40 }),
    reason: fc.constantFrom(...REASONS),
    code: fc.constantFrom(...CODES),
  }),
  fc.record({ daemon: daemonArb, feature: featureArb }).map((b) => ({
    ...b,
    event: "EXPIRED" as const,
    user: null,
    host: null,
    count: 0,
    reason: null,
  })),
  fc
    .record({ daemon: fc.constantFrom("lmgrd", "MLM"), reason: fc.constantFrom(...SERVER_MSGS) })
    .map((b) => ({ ...b, event: "SERVER" as const, feature: null, user: null, host: null, count: 0 })),
  fc
    .record({ daemon: fc.constantFrom("lmgrd", "MLM"), reason: fc.constantFrom(...OTHER_MSGS) })
    .map((b) => ({ ...b, event: "OTHER" as const, feature: null, user: null, host: null, count: 0 })),
);

/** Events at increasing whole seconds, consecutive ones at most `maxGap` seconds apart. */
const eventsArb = (maxGap: number) =>
  fc
    .tuple(
      fc.integer({ min: Date.UTC(2015, 0, 1) / 1000, max: Date.UTC(2030, 0, 1) / 1000 }),
      fc.array(fc.tuple(fc.integer({ min: 0, max: maxGap }), bodyArb), { maxLength: 25 }),
    )
    .map(([start, xs]) => {
      let t = start;
      return xs.map(([gap, b]) => {
        t += gap;
        return { ts: t * 1000, ...b } as LicenceEvent;
      });
    });

const junk = fc
  .array(
    fc.constantFrom(
      " 9:49:41",
      "10:00:00",
      " (lmgrd) ",
      "(MLM)",
      "OUT: ",
      "IN: ",
      "DENIED: ",
      '"',
      "@",
      " (",
      ")",
      "[",
      "]",
      "^^^",
      "TIMESTAMP 6/23/2017",
      "2024-01-02 03:04:05",
      "03/02 ",
      "\n",
      "\r\n",
      "\t",
      " ",
      "(-4,342:10054 )",
      "(3 licenses)",
    ),
    { maxLength: 60 },
  )
  .map((a) => a.join(""));

describe("flexlm-log properties", () => {
  const zones = fc.constantFrom("UTC", "+05:30", "-08:00");

  test.prop([
    eventsArb(3 * 86_400),
    zones,
    fc.constantFrom("anchors" as const, "leading-date" as const, "datestamp" as const),
  ])("render -> parse round trip (dated forms)", (events, z, timestamps) => {
    const tz = zone(z);
    const text = renderFlexlmLog(events, { timestamps, zone: tz });
    const r = parseFlexlmLog(text, { zone: tz });
    expect(r.skips).toEqual([]);
    expect(r.records).toEqual(events);
  });

  test.prop([eventsArb(20 * 3600), zones])(
    "render with one anchor -> parse recovers later days from rollovers",
    (events, z) => {
      const tz = zone(z);
      const text = renderFlexlmLog(events, { timestamps: "first", zone: tz });
      const r = parseFlexlmLog(text, { zone: tz });
      expect(r.records).toEqual(events);
    },
  );

  test.prop([fc.oneof(fc.string({ unit: "binary" }), junk, fc.string())])(
    "arbitrary text never throws and accounts for every line",
    (text) => {
      const r = parseFlexlmLog(text);
      expect(r.stats.lines).toBe(countLines(text));
      expect(r.stats.records + r.stats.skipped + r.stats.ignored).toBe(r.stats.lines);
      expect(r.skips.every((s) => s.line >= 1 && s.line <= r.stats.lines && s.reason.length > 0)).toBe(true);
    },
  );

  test.prop([fc.uint8Array({ maxLength: 400 })])(
    "arbitrary bytes never throw and account for every line",
    (b) => {
      const r = parseFlexlmLog(b);
      expect(r.stats.lines).toBe(countLines(b));
      expect(r.stats.records + r.stats.skipped + r.stats.ignored).toBe(r.stats.lines);
    },
  );

  test.prop([eventsArb(7200), junk, fc.array(fc.nat(), { maxLength: 12 }), fc.boolean()])(
    "split anywhere (strings or bytes) equals the whole-input parse",
    (events, j, cuts, bytes) => {
      const text = `${renderFlexlmLog(events, { timestamps: "first" })}${j}\n${renderFlexlmLog(events).replace(/\n/g, "\r\n")}`;
      expectSplitAnywhere(flexlmLogParser, text, cuts, bytes, { date: "2020-01-01" });
    },
  );

  testSniffRange(sniff);
});
