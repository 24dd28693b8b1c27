import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import * as net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { LicenceSnapshot } from "@fleetlens/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderFlexlmLog } from "../src/flexlm-log/index.js";
import {
  logwatchParser,
  parseLogwatch,
  parser,
  readDateLine,
  renderLogwatch,
  sniff,
  ZONE_ABBREVIATIONS,
} from "../src/logwatch/index.js";
import { countLines, describeFixtures, expectSplitAnywhere, testSniffRange } from "./support/contract.js";

const FIXTURES = join(import.meta.dirname, "fixtures", "logwatch");

describeFixtures({
  title: "logwatch fixtures",
  dir: FIXTURES,
  schema: LicenceSnapshot,
  minCases: 1,
  parse: parseLogwatch,
});

describe("logwatch details", () => {
  const fx = () => readFileSync(join(FIXTURES, "seed--origin.txt"), "utf8");

  it("accounts for the lines of each group and infers the port", () => {
    const r = parseLogwatch(fx());
    expect(r.stats.ignoredBy).toEqual({ "snapshot socket": 7, "snapshot log line": 4 });
    expect(r.stats.inferred.port).toMatch(/^60213: the most common local port of the snapshot at line 1/);
    // with another port given, no socket is on it
    const o = parseLogwatch(fx(), { port: 27000 });
    expect(o.records.every((s) => s.clients.length === 0)).toBe(true);
    expect(o.stats.inferred.sockets).toMatch(/^7 socket lines with a local port other than 27000/);
  });

  it("reads date lines in the forms date prints", () => {
    expect(readDateLine("Mon Nov  1 10:01:02 CET 2021")?.ts).toBe(Date.UTC(2021, 10, 1, 9, 1, 2));
    expect(readDateLine("Sun Jul 17 10:55:13 +05 2022")?.ts).toBe(Date.UTC(2022, 6, 17, 5, 55, 13));
    expect(readDateLine("Tue, 23 Nov 2021 00:10:00 -0130")?.ts).toBe(Date.UTC(2021, 10, 23, 1, 40));
    expect(readDateLine("2021-11-23 00:20:00+01:00")?.ts).toBe(Date.UTC(2021, 10, 22, 23, 20));
    expect(readDateLine("Mon Nov 22 10:01:02 XYZT 2021")).toMatchObject({
      unknownZone: "XYZT",
      ts: Date.UTC(2021, 10, 22, 10, 1, 2),
    });
    expect(readDateLine("Mon Nov 31 10:01:02 UTC 2021")).toBeUndefined();
    expect(readDateLine("ESTAB 0 0 1.2.3.4:1 5.6.7.8:2")).toBeUndefined();
    expect(ZONE_ABBREVIATIONS.get("CEST")).toBe(120);
  });

  it("skips lines before the first date line and a second log line", () => {
    const r = parseLogwatch(
      'stray\nMon Nov 22 10:01:02 UTC 2021\n10:01:02 (o) OUT: "f" a@h\n10:01:03 (o) IN: "f" a@h\n',
    );
    expect(r.skips).toEqual([
      { line: 1, reason: "before the first date line" },
      { line: 4, reason: "a second log line in the snapshot of line 2" },
    ]);
    expect(r.records).toHaveLength(1);
  });

  it("sniffs logwatch files", () => {
    expect(sniff(readFileSync(join(FIXTURES, "seed--origin.txt")))).toBeGreaterThan(0.8);
    expect(sniff(new TextEncoder().encode(" 9:49:41 (lmgrd) TIMESTAMP 6/23/2017\n"))).toBe(0);
    expect(parser.info.kind).toBe("logwatch");
    expect(parser.create).toBe(logwatchParser);
  });
});

// ---------------------------------------------------------------------------------------------
// Real oracle: the seed's capture script run here against connections to a loopback listener.

describe("logwatch against the real date and ss (loopback)", () => {
  const server = net.createServer(() => {});
  const clients: net.Socket[] = [];
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((res) => server.listen(0, "127.0.0.1", () => res()));
    port = (server.address() as net.AddressInfo).port;
    for (const local of ["127.0.0.2", "127.0.0.3", "127.0.0.3"]) {
      await new Promise<void>((res, rej) => {
        const c = net.connect({ port, host: "127.0.0.1", localAddress: local }, () => res());
        c.once("error", rej);
        clients.push(c);
      });
    }
  });
  afterAll(() => {
    for (const c of clients) c.destroy();
    server.close();
  });

  it("records exactly the connected peers", () => {
    const line = `10:00:00 (orglab) OUT: "Origin" u@h`;
    const script = `date; ss -n -t | grep ${port}; echo '${line}'`;
    const text = execFileSync("sh", ["-c", `${script}; ${script}`], {
      encoding: "utf8",
      env: { ...process.env, TZ: "UTC", LC_ALL: "C" },
    });
    const before = Date.now();
    const r = parseLogwatch(text);
    expect(r.stats.skipped).toBe(0);
    expect(r.records).toHaveLength(2);
    for (const s of r.records) {
      expect([...s.clients].sort()).toEqual(["127.0.0.2", "127.0.0.3"]);
      expect(s.sockets).toBeGreaterThanOrEqual(6);
      expect(Math.abs((s.ts ?? 0) - before)).toBeLessThan(60_000);
      expect(s.event).toMatchObject({ event: "OUT", user: "u", host: "h" });
    }
    expect(r.stats.inferred.port).toMatch(new RegExp(`^${port}:`));
  });
});

// ---------------------------------------------------------------------------------------------

const ipArb = fc
  .tuple(fc.integer({ min: 1, max: 223 }), fc.nat(255), fc.nat(255), fc.integer({ min: 1, max: 254 }))
  .map((a) => a.join("."));
const evArb = fc.record({
  event: fc.constantFrom("OUT" as const, "IN" as const),
  feature: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,8}$/),
  user: fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/),
  host: fc.stringMatching(/^[a-z][a-z0-9-]{0,9}$/),
  delta: fc.integer({ min: -5, max: 0 }),
});

const snapshotsArb = (abbr: string) =>
  fc
    .tuple(
      fc.integer({ min: Date.UTC(2019, 0, 1) / 1000, max: Date.UTC(2029, 0, 1) / 1000 }),
      fc.array(
        fc.tuple(
          fc.integer({ min: 1, max: 40_000 }),
          fc.uniqueArray(ipArb, { maxLength: 5 }),
          fc.nat(3),
          fc.option(evArb, { nil: null }),
        ),
        { maxLength: 12 },
      ),
    )
    .map(([start, xs]) => {
      let t = start;
      const off = ZONE_ABBREVIATIONS.get(abbr) ?? 0;
      return xs.map(([gap, clients, extra, e]): LicenceSnapshot => {
        t += gap;
        const ts = t * 1000;
        if (e === null)
          return {
            ts,
            clients,
            sockets: clients.length + (clients.length > 0 ? extra : 0),
            event: null,
            line: null,
          };
        const event = {
          ts: ts + e.delta * 1000,
          daemon: "orglab",
          event: e.event,
          feature: e.feature,
          user: e.user,
          host: e.host,
          count: 1,
          reason: null,
        };
        const zoneOf = { name: abbr, offsetAt: () => off, toEpoch: () => 0 };
        const line = renderFlexlmLog([event], { timestamps: "none", zone: zoneOf }).trimEnd();
        return { ts, clients, sockets: clients.length + extra, event, line };
      });
    });

const caseArb = fc
  .tuple(
    fc.constantFrom("UTC", "CET", "CEST", "EST", "JST"),
    fc.constantFrom("date" as const, "rfc" as const, "iso" as const),
  )
  .chain(([abbr, dateFormat]) => snapshotsArb(abbr).map((snaps) => ({ abbr, dateFormat, snaps })));

describe("logwatch properties", () => {
  test.prop([caseArb])("render -> parse round trip", ({ abbr, dateFormat, snaps }) => {
    const text = renderLogwatch(snaps, { zone: abbr, dateFormat, port: 60213 });
    const r = parseLogwatch(text, { port: 60213 });
    expect(r.skips).toEqual([]);
    expect(r.records).toEqual(snaps);
    expect(r.stats.lines).toBe(countLines(text));
  });

  test.prop([
    fc.oneof(
      fc.string({ unit: "binary" }),
      fc.string(),
      fc
        .array(
          fc.constantFrom(
            "Mon Nov 22 10:01:02 CET 2021",
            "ESTAB 0 0 10.0.0.1:60213 10.0.0.9:4000",
            '10:01:02 (o) OUT: "f" a@h',
            "\n",
            " ",
            ":",
            "[",
            "State Recv-Q Send-Q Local Address:Port Peer Address:Port",
          ),
          { maxLength: 40 },
        )
        .map((a) => a.join("")),
    ),
  ])("arbitrary text never throws and accounts for every line", (text) => {
    const r = parseLogwatch(text);
    expect(r.stats.lines).toBe(countLines(text));
    expect(r.stats.records + r.stats.skipped + r.stats.ignored).toBe(r.stats.lines);
  });

  test.prop([caseArb, fc.array(fc.nat(), { maxLength: 12 }), fc.boolean()])(
    "split anywhere equals the whole-input parse",
    ({ abbr, snaps }, cuts, bytes) => {
      const text = renderLogwatch(snaps, { zone: abbr, port: 60213 }).replace(/\n/g, "\r\n");
      expectSplitAnywhere(logwatchParser, text, cuts, bytes, { port: 60213 });
    },
  );

  testSniffRange(sniff);
});

describe("logwatch: French date lines (the seed's lab), against the real `date` in fr_FR", () => {
  it("reads what `LC_ALL=fr_FR.UTF-8 date` prints, in both CET and CEST", () => {
    const loc = mkdtempSync(join(tmpdir(), "fleetlens-locale-"));
    execFileSync("localedef", ["-i", "fr_FR", "-f", "UTF-8", join(loc, "fr_FR.UTF-8")], { stdio: "ignore" });
    for (const ts of [1637571662, 1628000000, 1613000000, 1640995199]) {
      const line = execFileSync("date", ["-d", `@${ts}`], {
        env: { ...process.env, LOCPATH: loc, LC_ALL: "fr_FR.UTF-8", TZ: "Europe/Paris" },
        encoding: "utf8",
      }).trim();
      expect(line).toMatch(/^(dim|lun|mar|mer|jeu|ven|sam)\. /);
      const text = `${line}\nESTAB 0 0 10.0.0.1:60213 10.14.18.145:40000\n10:00:00 (orglab) OUT: "Origin" u@h\n`;
      const r = parseLogwatch(text, { port: 60213 });
      expect(r.stats.skipped, line).toBe(0);
      expect(r.records[0]!.ts, line).toBe(ts * 1000);
      expect(r.records[0]!.clients).toEqual(["10.14.18.145"]);
      expect(sniff(new TextEncoder().encode(text))).toBeGreaterThan(0.5);
    }
  });
});
