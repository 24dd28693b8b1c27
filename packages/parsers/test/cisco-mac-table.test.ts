import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { MacTableEntry } from "@fleetlens/core";
import { describe, expect, it } from "vitest";
import {
  ciscoMac,
  dottedMac,
  macTableParser,
  parseMacTable,
  parser,
  promptSwitch,
  renderMacTable,
  sniff,
} from "../src/cisco-mac-table/index.js";
import {
  byteArb,
  countLines,
  describeFixtures,
  expectSplitAnywhere,
  macArb,
  testSniffRange,
} from "./support/contract.js";

const FIXTURES = join(import.meta.dirname, "fixtures", "cisco-mac-table");

describeFixtures({
  title: "cisco-mac-table fixtures",
  dir: FIXTURES,
  schema: MacTableEntry,
  minCases: 6,
  parse: parseMacTable,
});

describe("cisco-mac-table details", () => {
  const fx = (n: string) => readFileSync(join(FIXTURES, `${n}.txt`), "utf8");

  it("counts ignored lines by reason", () => {
    expect(parseMacTable(fx("ntc-ios--catalyst-type4")).stats.ignoredBy).toEqual({
      banner: 1,
      separator: 2,
      blank: 1,
      header: 1,
      total: 1,
    });
    expect(parseMacTable(fx("nxos--legend-vpc")).stats.ignoredBy).toEqual({
      legend: 4,
      header: 1,
      separator: 1,
    });
    expect(parseMacTable(fx("ntc-ios--cat6500-type2")).stats.ignoredBy).toEqual({
      legend: 3,
      blank: 1,
      header: 1,
      separator: 1,
      continuation: 1,
    });
  });

  it("takes the switch from options, else from the prompt", () => {
    const text = fx("seed--prompt-crlf");
    expect(parseMacTable(text).stats.inferred.switch).toBe("Balard-PAC-2 from the prompt line");
    expect(parseMacTable(text, { switch: "sw9" }).records.every((e) => e.switch === "sw9")).toBe(true);
    expect(parseMacTable(fx("ntc-ios--catalyst-type4"), { switch: "sw9" }).records[0]!.switch).toBe("sw9");
    expect(promptSwitch("sw-1#show mac address-table")).toBe("sw-1");
    expect(promptSwitch("sw-1>sh mac address-table")).toBe("sw-1");
    expect(promptSwitch("Total Mac Addresses for this criterion: 2")).toBeUndefined();
  });

  it("reads rows without a header by their shape", () => {
    const r = parseMacTable(
      [
        "   1    30a3.30a3.a1c3    DYNAMIC     Po1",
        "*   10     0050.5689.1234   dynamic  0         F      F    Eth1/1",
        "   666  30a3.30a3.a1c4   dynamic  Yes       1200   Te1/30",
        "  46      0000.0c07.ac04   dynamic ip,ipx,assigned,other TenGigabitEthernet5/1",
        "0010.0de0.e289       Dynamic          1  FastEthernet0/1",
      ].join("\n"),
    );
    expect(r.records.map((e) => [e.vlan, e.port])).toEqual([
      ["1", "Po1"],
      ["10", "Eth1/1"],
      ["666", "Te1/30"],
      ["46", "TenGigabitEthernet5/1"],
      ["1", "FastEthernet0/1"],
    ]);
  });

  it("skips rows it cannot read, with a reason", () => {
    const r = parseMacTable(
      [
        "Vlan    Mac Address       Type        Ports",
        "   1    30a3.30a3.a1c3",
        "30a3.30a3.a1c3 DYNAMIC Gi1/0/1",
        "% Invalid input detected at '^' marker.",
      ].join("\n"),
    );
    expect(r.skips).toEqual([
      { line: 2, reason: "row without a port" },
      { line: 3, reason: "row without a VLAN" },
      { line: 4, reason: "not a MAC table row" },
    ]);
  });

  it("converts between Cisco's dotted MACs and the canonical form", () => {
    expect(ciscoMac("0050.56B4.1234")).toBe("00:50:56:b4:12:34");
    expect(ciscoMac("0050.56b4.123")).toBeUndefined();
    expect(ciscoMac("0050-56b4-1234")).toBeUndefined();
    expect(dottedMac("00:50:56:b4:12:34")).toBe("0050.56b4.1234");
  });

  it("sniffs MAC tables", () => {
    expect(sniff(readFileSync(join(FIXTURES, "ntc-ios--catalyst-type4.txt")))).toBeGreaterThanOrEqual(0.9);
    expect(sniff(readFileSync(join(FIXTURES, "nxos--legend-vpc.txt")))).toBeGreaterThanOrEqual(0.9);
    expect(sniff(new TextEncoder().encode("Interface Status Protocol Description\nGi0/1 up up x\n"))).toBe(0);
    expect(parser.info.kind).toBe("cisco-mac-table");
    expect(parser.create).toBe(macTableParser);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const _byte = byteArb;
const mac = macArb;
const entry = (layout: "ios" | "nxos") =>
  fc.record({
    vlan: fc.option(fc.oneof(fc.integer({ min: 1, max: 4094 }).map(String), fc.constant("All")), {
      nil: null,
    }),
    mac,
    type: fc.constantFrom(...(layout === "ios" ? ["DYNAMIC", "STATIC", "SECURE"] : ["dynamic", "static"])),
    port: fc.constantFrom(
      "Gi1/0/7",
      "Te1/1/3",
      "Po6",
      "Vl99",
      "CPU",
      "Router",
      "Eth1/1",
      "sup-eth1(R)",
      "vPC Peer-Link",
    ),
    switch: fc.option(fc.constantFrom("sw1", "Balard-PAC-2"), { nil: null }),
  }) as fc.Arbitrary<MacTableEntry>;
const layout = fc.constantFrom("ios" as const, "nxos" as const);
const table = layout.chain((l) =>
  fc.tuple(fc.constant(l), fc.array(entry(l), { maxLength: 12 }), fc.boolean()),
);

const fragments = fc.constantFrom(
  "Vlan",
  "Mac Address",
  "Type",
  "Ports",
  " ",
  "    ",
  "\n",
  "\r\n",
  "0050.5689.1234",
  "DYNAMIC",
  "Gi1/0/1",
  "1",
  "All",
  "----",
  "+",
  "*",
  "Legend:",
  "Total Mac Addresses for this criterion: 3",
  "sw#show mac address-table",
  ",",
  "                         Gi1/2",
  "Yes",
  "F",
);
const junk = fc.array(fragments, { maxLength: 60 }).map((a) => a.join(""));

describe("cisco-mac-table properties", () => {
  test.prop([table])(
    "render -> parse round trip (IOS and NX-OS layouts, with and without header)",
    ([l, es, header]) => {
      const r = parseMacTable(renderMacTable(es, { layout: l, header }), { switch: "sw1" });
      expect(r.skips).toEqual([]);
      expect(r.records).toEqual(es.map((e) => ({ ...e, switch: "sw1" })));
    },
  );

  test.prop([fc.oneof(junk, fc.string(), fc.string({ unit: "binary" }))])(
    "arbitrary text never throws and accounts for every line",
    (text) => {
      const r = parseMacTable(text);
      expect(r.stats.lines).toBe(countLines(text));
      expect(r.stats.records + r.stats.skipped + r.stats.ignored).toBe(r.stats.lines);
    },
  );

  test.prop([table, junk, fc.array(fc.nat(), { maxLength: 10 }), fc.boolean()])(
    "split anywhere (strings or bytes) equals the whole-input parse",
    ([l, es, header], j, cuts, bytes) => {
      const text = `${renderMacTable(es, { layout: l, header })}${j}\n${renderMacTable(es).replace(/\n/g, "\r\n")}`;
      expectSplitAnywhere(macTableParser, text, cuts, bytes, { switch: "x" });
    },
  );

  testSniffRange(sniff);
});
