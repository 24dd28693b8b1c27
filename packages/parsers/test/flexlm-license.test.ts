import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { LicenceFileLine } from "@fleetlens/core";
import { describe, expect, it } from "vitest";
import {
  flexlmLicenseParser,
  licenceExpiry,
  parseFlexlmLicense,
  parser,
  renderFlexlmLicense,
  sniff,
} from "../src/flexlm-license/index.js";
import { countLines, describeFixtures, expectSplitAnywhere, testSniffRange } from "./support/contract.js";

const FIXTURES = join(import.meta.dirname, "fixtures", "flexlm-license");

describeFixtures({
  title: "flexlm-license fixtures",
  dir: FIXTURES,
  schema: LicenceFileLine,
  minCases: 2,
  parse: parseFlexlmLicense,
});

describe("flexlm-license details", () => {
  it("counts continuation lines and attributes a logical line to its first physical line", () => {
    const r = parseFlexlmLicense(readFileSync(join(FIXTURES, "vendors--continuations.txt")));
    expect(r.stats.ignoredBy).toEqual({ continuation: 5 });
    const s = parseFlexlmLicense("# c\nFEATURE f v 1 bad-date 1 \\\n  X=1\nFEATURE g v 1 permanent lots\n");
    expect(s.skips).toEqual([
      { line: 2, reason: 'bad expiry date "bad-date"' },
      { line: 4, reason: 'bad licence count "lots"' },
    ]);
    expect(s.stats).toMatchObject({ lines: 4, records: 0, skipped: 2, ignored: 2 });
  });

  it("reads expiry dates and count rules", () => {
    expect(licenceExpiry("31-dec-2025")).toBe("2025-12-31");
    expect(licenceExpiry("1-JAN-2030")).toBe("2030-01-01");
    expect(licenceExpiry("permanent")).toBeNull();
    expect(licenceExpiry("01-jan-0000")).toBeNull();
    expect(licenceExpiry("31-feb-2025")).toBeUndefined();
    expect(licenceExpiry("2025-12-31")).toBeUndefined();
  });

  it("skips unknown lines, unterminated quotes and short FEATURE lines; a file ending mid-continuation still counts", () => {
    const r = parseFlexlmLicense(
      'BOGUS x\nFEATURE f v 1\nFEATURE f v 1 permanent 1 VENDOR_STRING="open\nUSE_SERVER \\',
    );
    expect(r.skips.map((s) => s.line)).toEqual([1, 2, 3]);
    expect(r.records).toEqual([{ type: "use-server" }]);
  });

  it("sniffs licence files", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(sniff(readFileSync(join(FIXTURES, "revenera--sample.txt")))).toBeGreaterThan(0.9);
    expect(sniff(enc("SERVER lic1 ANY 27000\nVENDOR MLM\n"))).toBeGreaterThan(0.7);
    expect(sniff(enc(" 9:49:41 (lmgrd) TIMESTAMP 6/23/2017\n"))).toBe(0);
    expect(parser.info.kind).toBe("flexlm-license");
    expect(parser.create).toBe(flexlmLicenseParser);
  });
});

// ---------------------------------------------------------------------------------------------

const tok = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,9}$/);
const keyArb = fc
  .stringMatching(/^[A-Z][A-Z_]{1,11}$/)
  .filter((k) => !/^[0-9A-F]{12,20}$/.test(k))
  .filter((k) => !["SIGN", "SIGN2", "AUTH", "FROM_VERSION", "OPTIONS", "PORT", "COMPONENTS"].includes(k));
const valArb = fc.oneof(
  fc.constant(""),
  tok,
  fc.array(tok, { minLength: 2, maxLength: 5 }).map((a) => a.join(" ")),
);
const kwArb = fc.dictionary(keyArb, valArb, { maxKeys: 5 });
// VENDOR's positionals are optional, so a bare flag there would read as the daemon path: values only
const vendorKwArb = fc.dictionary(keyArb, tok, { maxKeys: 3 });
const dateArb = fc.option(
  fc
    .date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  { nil: null },
);

const recArb: fc.Arbitrary<LicenceFileLine> = fc.oneof(
  fc
    .record({
      host: tok,
      hostid: tok,
      port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: null }),
      keywords: kwArb,
    })
    .map((r) => ({ type: "server" as const, ...r })),
  fc
    .record({
      vendor: tok,
      path: fc.option(fc.stringMatching(/^\/[a-z/]{1,12}$/), { nil: null }),
      options: fc.option(fc.stringMatching(/^\/[a-z/.]{1,12}$/), { nil: null }),
      port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: null }),
      keywords: vendorKwArb,
    })
    .map((r) => ({ type: "vendor" as const, ...r })),
  fc.constant({ type: "use-server" as const }),
  fc
    .record({
      kind: fc.constantFrom("FEATURE" as const, "INCREMENT" as const, "UPGRADE" as const),
      feature: tok,
      vendor: tok,
      version: fc.stringMatching(/^\d{1,4}(\.\d{1,4})?$/),
      from: fc.stringMatching(/^\d{1,2}\.\d$/),
      expires: dateArb,
      count: fc.option(fc.integer({ min: 1, max: 9999 }), { nil: null }),
      keywords: kwArb,
    })
    .map(({ from, ...r }) => ({
      type: "feature" as const,
      ...r,
      keywords: r.kind === "UPGRADE" ? { ...r.keywords, FROM_VERSION: from } : r.keywords,
    })),
  fc
    .record({
      package: tok,
      vendor: tok,
      version: fc.option(fc.stringMatching(/^\d{1,3}\.\d$/), { nil: null }),
      components: fc.array(tok, { maxLength: 4 }),
      keywords: kwArb,
    })
    .map((r) => ({ type: "package" as const, ...r })),
);

describe("flexlm-license properties", () => {
  test.prop([fc.array(recArb, { maxLength: 10 }), fc.constantFrom(0, 30, 60, 80)])(
    "render -> parse round trip (wrapped or not)",
    (recs, width) => {
      const text = renderFlexlmLicense(recs, { width });
      const r = parseFlexlmLicense(text);
      expect(r.skips).toEqual([]);
      expect(r.records).toEqual(recs);
      expect(r.stats.records + r.stats.ignored).toBe(countLines(text));
    },
  );

  test.prop([
    fc.oneof(
      fc.string({ unit: "binary" }),
      fc.string(),
      fc
        .array(
          fc.constantFrom(
            "FEATURE ",
            "f v 1 ",
            "permanent ",
            "uncounted ",
            "\\",
            "\n",
            '"',
            "=",
            " ",
            "#",
            "SERVER h 1 2",
            "SIGN=",
          ),
          { maxLength: 50 },
        )
        .map((a) => a.join("")),
    ),
  ])("arbitrary text never throws and accounts for every line", (text) => {
    const r = parseFlexlmLicense(text);
    expect(r.stats.lines).toBe(countLines(text));
    expect(r.stats.records + r.stats.skipped + r.stats.ignored).toBe(r.stats.lines);
  });

  test.prop([fc.array(recArb, { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 12 }), fc.boolean()])(
    "split anywhere equals the whole-input parse",
    (recs, cuts, bytes) => {
      const text = renderFlexlmLicense(recs, { width: 40 }).replace(/\n/g, "\r\n");
      expectSplitAnywhere(flexlmLicenseParser, text, cuts, bytes, {});
    },
  );

  testSniffRange(sniff);
});
