import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { LmstatRecord } from "@fleetlens/core";
import { describe, expect, it } from "vitest";
import { lmstatParser, parseLmstat, parser, renderLmstat, sniff } from "../src/lmstat/index.js";
import { countLines, describeFixtures, expectSplitAnywhere, testSniffRange } from "./support/contract.js";

const FIXTURES = join(import.meta.dirname, "fixtures", "lmstat");

describeFixtures({
  title: "lmstat fixtures",
  dir: FIXTURES,
  schema: LmstatRecord,
  minCases: 4,
  parse: parseLmstat,
});

describe("lmstat details", () => {
  const fx = (n: string) => readFileSync(join(FIXTURES, `${n}.txt`), "utf8");

  it("takes the year from the header, a year back for later dates, and checks the weekday", () => {
    const r = parseLmstat(fx("flexlm-exporter--features"));
    expect(r.stats.inferred.year).toMatch(/^2018 from the "status on" header/);
    expect(r.stats.inferred.weekday).toMatch(/earlier year/);
    const a = parseLmstat(fx("fnp-11.19--matlab-a"));
    expect(a.stats.inferred.weekday).toBeUndefined();
    expect(a.stats.ignoredBy).toEqual({
      banner: 2,
      header: 4,
      "license file": 1,
      blank: 9,
      "feature detail": 2,
    });
  });

  it("without a header uses options.year, else null starts (and says so)", () => {
    const line =
      "Users of f:  (Total of 2 licenses issued;  Total of 1 license in use)\n    u h d (v1) (s/1 2), start Fri 10/20 14:12\n";
    expect(parseLmstat(line, { year: 2023 }).records[1]).toMatchObject({
      start: Date.UTC(2023, 9, 20, 14, 12),
    });
    const n = parseLmstat(line);
    expect(n.records[1]).toMatchObject({ start: null });
    expect(n.stats.inferred.year).toMatch(/start times null/);
  });

  it("skips what it cannot read, with reasons", () => {
    const r = parseLmstat("garbage line\nUsers of nocolon\n");
    expect(r.skips).toEqual([
      { line: 1, reason: "unrecognised lmstat line" },
      { line: 2, reason: "Users of line without ':'" },
    ]);
  });

  it("sniffs lmstat output", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(sniff(enc(fx("fnp-11.19--matlab-a")))).toBeGreaterThan(0.9);
    expect(sniff(enc(fx("fnp-11--lmstat-i")))).toBeGreaterThan(0.6);
    expect(sniff(enc(" 9:49:41 (lmgrd) TIMESTAMP 6/23/2017\n"))).toBe(0);
    expect(parser.info.kind).toBe("lmstat");
    expect(parser.create).toBe(lmstatParser);
  });
});

// ---------------------------------------------------------------------------------------------

const tok = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,9}$/);
const AT = Date.UTC(2025, 1, 10, 11, 26);
const startArb = fc.integer({ min: 0, max: 300 * 24 * 60 }).map((m) => AT - m * 60_000);

const userFields = {
  user: tok,
  host: tok,
  display: fc.option(fc.constantFrom("/dev/tty", "/dev/pts/3", "disp1", "f2jf4_f2_ 2017.06"), { nil: null }),
  version: fc.option(fc.stringMatching(/^\d{1,4}(\.\d{1,2})?$/), { nil: null }),
};
const serverFields = fc.record({
  server: tok,
  port: fc.integer({ min: 1, max: 65535 }),
  handle: fc.stringMatching(/^\d{1,6}$/),
});

const childArb = (feature: string): fc.Arbitrary<LmstatRecord> =>
  fc.oneof(
    fc
      .tuple(
        fc.record({
          ...userFields,
          start: startArb,
          count: fc.integer({ min: 1, max: 30 }),
          linger: fc.option(fc.nat(900000), { nil: null }),
        }),
        serverFields,
      )
      .map(([u, s]) => ({ type: "checkout" as const, feature, ...u, ...s })),
    fc
      .tuple(fc.record({ ...userFields, count: fc.integer({ min: 1, max: 30 }) }), serverFields)
      .map(([u, s]) => ({ type: "queued" as const, feature, ...u, ...s })),
    fc
      .record({
        count: fc.integer({ min: 1, max: 20 }),
        kind: fc.constantFrom("USER", "HOST", "GROUP", "HOST_GROUP", "DISPLAY", "INTERNET", "PROJECT"),
        name: tok,
        srv: fc.option(fc.tuple(tok, fc.integer({ min: 1, max: 65535 })), { nil: null }),
      })
      .map(({ srv, ...r }) => ({
        type: "reservation" as const,
        feature,
        ...r,
        server: srv?.[0] ?? null,
        port: srv?.[1] ?? null,
      })),
  );

const featureArb: fc.Arbitrary<LmstatRecord[]> = fc
  .tuple(
    tok,
    fc.oneof(
      fc.tuple(fc.nat(5000), fc.nat(5000)).map(([i, u]) => ({ issued: i, inUse: u, error: null })),
      fc.constant({ issued: null, inUse: null, error: null }),
      fc.constant({ issued: null, inUse: 0, error: null }),
      fc
        .constantFrom(
          "21 licenses, unsupported by licensed server",
          "Cannot get users of X: No such feature exists.",
        )
        .map((e) => ({ issued: null, inUse: null, error: e })),
    ),
    fc.option(
      fc.record({
        version: fc.stringMatching(/^\d{1,3}$/),
        vendor: tok,
        expires: fc.option(fc.constantFrom("30-dec-2025", "permanent"), { nil: null }),
      }),
      { nil: null },
    ),
  )
  .chain(([feature, counts, detail]) =>
    fc
      .array(childArb(feature), { maxLength: 5 })
      .map((children) => [
        { type: "feature" as const, feature, ...counts },
        ...(detail === null ? [] : [{ type: "expiry" as const, feature, count: null, ...detail }]),
        ...children,
      ]),
  );

const docArb: fc.Arbitrary<LmstatRecord[]> = fc
  .tuple(
    fc.array(
      fc.oneof(
        fc
          .record({
            host: tok,
            port: fc.integer({ min: 1, max: 65535 }),
            role: fc.option(fc.constantFrom("MASTER"), { nil: null }),
            version: fc.option(fc.constantFrom("11.19.6", "11.14.1"), { nil: null }),
          })
          .map((s) => ({ type: "server" as const, status: "UP" as const, error: null, ...s })),
        fc.record({ host: tok, port: fc.integer({ min: 1, max: 65535 }) }).map((s) => ({
          type: "server" as const,
          ...s,
          status: "DOWN" as const,
          role: null,
          version: null,
          error: "Cannot connect to license server system. (-15,570:115)",
        })),
      ),
      { minLength: 1, maxLength: 3 },
    ),
    fc.array(
      fc.oneof(
        fc
          .record({ vendor: tok, version: fc.option(fc.constantFrom("11.19.6"), { nil: null }) })
          .map((v) => ({ type: "vendor" as const, ...v, status: "UP" as const, error: null })),
        tok.map((vendor) => ({
          type: "vendor" as const,
          vendor,
          status: "DOWN" as const,
          version: null,
          error: "The desired vendor daemon is down. (-97,121)",
        })),
      ),
      { maxLength: 3 },
    ),
    fc.array(featureArb, { maxLength: 5 }),
  )
  .map(([servers, vendors, features]) => {
    const seen = new Set<string>();
    const uniq = servers.filter(
      (s) =>
        !seen.has(s.host.toLowerCase().split(".")[0] ?? "") &&
        seen.add(s.host.toLowerCase().split(".")[0] ?? ""),
    );
    return [...uniq, ...vendors, ...features.flat()];
  });

describe("lmstat properties", () => {
  test.prop([docArb])("render -> parse round trip", (recs) => {
    const r = parseLmstat(renderLmstat(recs, { at: AT }));
    expect(r.skips).toEqual([]);
    expect(r.records).toEqual(recs);
  });

  test.prop([
    fc.array(
      fc.record({
        feature: tok,
        version: fc.stringMatching(/^\d{1,3}$/),
        count: fc.nat(9999),
        expires: fc.constantFrom("30-dec-2025", "permanent"),
        vendor: tok,
      }),
      { maxLength: 6 },
    ),
  ])("-i table round trip", (rows) => {
    const recs = rows.map((r) => ({ type: "expiry" as const, ...r }));
    expect(parseLmstat(renderLmstat(recs, { at: AT })).records).toEqual(recs);
  });

  test.prop([
    fc.oneof(
      fc.string({ unit: "binary" }),
      fc.string(),
      fc
        .array(
          fc.constantFrom(
            "Users of ",
            "X:",
            "  (Total of 3 licenses issued;  Total of 1 license in use)",
            "\n",
            "    u h d (v1) (s/1 2)",
            ", start Mon 2/10 0:10",
            " queued for 1 license",
            "\t1 RESERVATION for HOST h (s/1)",
            "Vendor daemon status (on h):",
            "a: UP",
            "Feature  Version  #licenses  Expires  Vendor",
            '"',
          ),
          { maxLength: 40 },
        )
        .map((a) => a.join("")),
    ),
  ])("arbitrary text never throws and accounts for every line", (text) => {
    const r = parseLmstat(text);
    expect(r.stats.lines).toBe(countLines(text));
    expect(r.stats.records + r.stats.skipped + r.stats.ignored).toBe(r.stats.lines);
  });

  test.prop([docArb, fc.array(fc.nat(), { maxLength: 12 }), fc.boolean()])(
    "split anywhere equals the whole-input parse",
    (recs, cuts, bytes) => {
      const text = renderLmstat(recs, { at: AT });
      expectSplitAnywhere(lmstatParser, text, cuts, bytes, {});
    },
  );

  testSniffRange(sniff);
});
