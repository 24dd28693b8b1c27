import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { InterfaceDescription } from "@fleetlens/core";
import { describe, expect, it } from "vitest";
import {
  interfaceDescriptionParser,
  parseInterfaceDescriptions,
  parser,
  renderInterfaceDescriptions,
  sniff,
} from "../src/cisco-int-desc/index.js";
import { countLines, describeFixtures, expectSplitAnywhere, testSniffRange } from "./support/contract.js";

const FIXTURES = join(import.meta.dirname, "fixtures", "cisco-int-desc");

describeFixtures({
  title: "cisco-int-desc fixtures",
  dir: FIXTURES,
  schema: InterfaceDescription,
  minCases: 2,
  parse: parseInterfaceDescriptions,
});

describe("cisco-int-desc details", () => {
  const fx = (n: string) => readFileSync(join(FIXTURES, `${n}.txt`), "utf8");

  it("counts ignored lines by reason and takes the switch from the prompt or options", () => {
    const r = parseInterfaceDescriptions(fx("seed--prompt-banners-long"));
    expect(r.stats.ignoredBy).toEqual({ prompt: 2, banner: 2, blank: 1, header: 1 });
    expect(r.stats.inferred.switch).toBe("Balard-PAC-2 from the prompt line");
    const o = parseInterfaceDescriptions(fx("ntc-ios--example"), { switch: "sw2" });
    expect(o.records.every((d) => d.switch === "sw2")).toBe(true);
  });

  it("follows the header's columns when they differ from IOS's widths", () => {
    const r = parseInterfaceDescriptions(
      [
        "Interface  Status      Protocol Description",
        "Gi0/1      admin down  down     to  desk 4",
        "Gi0/2      up          up",
      ].join("\n"),
    );
    expect(r.records.map((d) => [d.port, d.status, d.protocol, d.description])).toEqual([
      ["Gi0/1", "admin down", "down", "to  desk 4"],
      ["Gi0/2", "up", "up", ""],
    ]);
  });

  it("skips lines that are not rows", () => {
    const r = parseInterfaceDescriptions(
      "Interface                      Status         Protocol Description\nGi0/1 sideways up x\n% Invalid input\n",
    );
    expect(r.skips).toEqual([
      { line: 2, reason: "not an interface row" },
      { line: 3, reason: "not an interface row" },
    ]);
  });

  it("sniffs interface descriptions and not MAC tables", () => {
    expect(sniff(readFileSync(join(FIXTURES, "ntc-ios--example.txt")))).toBeGreaterThanOrEqual(0.9);
    const mac = readFileSync(
      join(import.meta.dirname, "fixtures", "cisco-mac-table", "ntc-ios--catalyst-type4.txt"),
    );
    expect(sniff(mac)).toBe(0);
    expect(parser.info.kind).toBe("cisco-int-desc");
    expect(parser.create).toBe(interfaceDescriptionParser);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const port = fc.oneof(
  fc.constantFrom("Vl1", "Vl99", "Gi0/1", "Gi1/0/36", "Te1/1/3", "Po6", "Gi0/10.10", "Lo0", "Tu12"),
  fc.constantFrom("TwentyFiveGigE1/0/2", "FortyGigabitEthernet1/0/1.100-sub-interface"),
  fc.stringMatching(/^[A-Z][a-z]{1,30}\d\/\d{1,2}$/),
);
const description = fc.oneof(
  fc.constant(""),
  fc
    .string({
      minLength: 1,
      maxLength: 30,
      unit: fc.constantFrom(..."ab RJLG07-_.()/:#é", "(x)", "up ", "admin down"),
    })
    .map((s) => s.trim()),
);
const row = fc.record({
  port,
  status: fc.constantFrom("up", "down", "admin down", "deleted", "reset"),
  protocol: fc.constantFrom("up", "down"),
  description,
  switch: fc.constant("sw"),
}) as fc.Arbitrary<InterfaceDescription>;

const fragments = fc.constantFrom(
  "Interface",
  "Status",
  "Protocol",
  "Description",
  " ",
  "       ",
  "\n",
  "\r\n",
  "Gi0/1",
  "admin",
  "down",
  "up",
  "(err-disabled)",
  "x#show int desc",
  "Load for five secs",
  "(",
  ")",
);
const junk = fc.array(fragments, { maxLength: 60 }).map((a) => a.join(""));

describe("cisco-int-desc properties", () => {
  test.prop([fc.array(row, { maxLength: 12 }), fc.boolean()])(
    "render -> parse round trip",
    (rows, header) => {
      const r = parseInterfaceDescriptions(renderInterfaceDescriptions(rows, { header }), { switch: "sw" });
      expect(r.skips).toEqual([]);
      expect(r.records).toEqual(rows);
    },
  );

  test.prop([fc.oneof(junk, fc.string(), fc.string({ unit: "binary" }))])(
    "arbitrary text never throws and accounts for every line",
    (text) => {
      const r = parseInterfaceDescriptions(text);
      expect(r.stats.lines).toBe(countLines(text));
      expect(r.stats.records + r.stats.skipped + r.stats.ignored).toBe(r.stats.lines);
    },
  );

  test.prop([fc.array(row, { maxLength: 8 }), junk, fc.array(fc.nat(), { maxLength: 10 }), fc.boolean()])(
    "split anywhere (strings or bytes) equals the whole-input parse",
    (rows, j, cuts, bytes) => {
      const text = `${renderInterfaceDescriptions(rows)}${j}\n${renderInterfaceDescriptions(rows).replace(/\n/g, "\r\n")}`;
      expectSplitAnywhere(interfaceDescriptionParser, text, cuts, bytes, {});
    },
  );

  testSniffRange(sniff);
});
