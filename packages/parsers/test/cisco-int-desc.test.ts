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
import { sniffKinds } from "../src/registry.js";
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

  it("reads NX-OS sections: no status or protocol, `--` for none, type and speed on port rows", () => {
    const r = parseInterfaceDescriptions(fx("nxos--sections-prompt"));
    expect(r.stats.ignoredBy).toEqual({ prompt: 2, blank: 4, separator: 8, header: 4 });
    expect(r.records.every((d) => d.status === null && d.protocol === null)).toBe(true);
    const byPort = new Map(r.records.map((d) => [d.port, d]));
    expect(byPort.get("mgmt0")).toEqual({
      port: "mgmt0",
      status: null,
      protocol: null,
      description: "oob-mgmt sw-oob-01 Gi1/0/12",
      switch: "dc1-leaf-07",
    });
    expect(byPort.get("Eth1/2")).toMatchObject({ description: "", type: "eth", speed: "10G" });
    expect(byPort.get("Ethernet101/1/11.4000")).toMatchObject({
      description: "long name pushes the columns",
      type: "eth",
      speed: "1000",
    });
    expect(byPort.get("Po20")).not.toHaveProperty("type");
    expect(byPort.get("Vlan120")?.description).toBe("users   VLAN  120");
  });

  it("switches between IOS and NX-OS layouts at each header", () => {
    const r = parseInterfaceDescriptions(fx("nxos--port-first-crlf-then-ios"));
    expect(
      r.records.map((d) => [d.port, d.status, "type" in d ? d.type : "-", "speed" in d ? d.speed : "-"]),
    ).toEqual([
      ["Eth4/1", null, "eth", "10G"],
      ["Eth4/2", null, "eth", "1000"],
      ["Eth4/3", null, "eth", null],
      ["Vlan99", null, "-", "-"],
      ["Gi0/1", "up", "-", "-"],
      ["Vl99", "admin down", "-", "-"],
    ]);
  });

  it("skips NX-OS port rows without type and speed, with the line number; blank columns are null", () => {
    const dashes = "-".repeat(79);
    const r = parseInterfaceDescriptions(
      [
        dashes,
        "Port          Type   Speed   Description",
        dashes,
        "Eth1/1",
        "Eth1/2        eth",
        "Eth1/3  eth  10G",
      ].join("\n"),
    );
    expect(r.skips).toEqual([
      { line: 4, reason: "not an NX-OS interface row (port, type, speed, description)" },
    ]);
    expect(r.records).toEqual([
      {
        port: "Eth1/2",
        status: null,
        protocol: null,
        description: "",
        switch: null,
        type: "eth",
        speed: null,
      },
      {
        port: "Eth1/3",
        status: null,
        protocol: null,
        description: "",
        switch: null,
        type: "eth",
        speed: "10G",
      },
    ]);
  });

  it("sniffs interface descriptions and not MAC tables", () => {
    expect(sniff(readFileSync(join(FIXTURES, "ntc-ios--example.txt")))).toBeGreaterThanOrEqual(0.9);
    expect(sniff(readFileSync(join(FIXTURES, "nxos--sections-prompt.txt")))).toBeGreaterThanOrEqual(0.9);
    expect(sniff(readFileSync(join(FIXTURES, "nxos--port-first-crlf-then-ios.txt")))).toBeGreaterThanOrEqual(
      0.9,
    );
    const mgmtOnly = `\n${"-".repeat(79)}\nInterface                Description   \n${"-".repeat(79)}\nmgmt0   --\n`;
    expect(sniff(new TextEncoder().encode(mgmtOnly))).toBe(0.9);
    expect(sniffKinds(new TextEncoder().encode(mgmtOnly))[0]!.kind).toBe("cisco-int-desc");
    expect(sniffKinds(readFileSync(join(FIXTURES, "nxos--sections-prompt.txt")))[0]!.kind).toBe(
      "cisco-int-desc",
    );
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

// NX-OS: `--` stands for an empty field, so a description of exactly `--` cannot round-trip
const nxDescription = description.filter((d) => d !== "--");
const nxInterfaceRow = fc.record({
  port,
  status: fc.constant(null),
  protocol: fc.constant(null),
  description: nxDescription,
  switch: fc.constant("sw"),
}) as fc.Arbitrary<InterfaceDescription>;
const nxPortRow = fc.record({
  port,
  status: fc.constant(null),
  protocol: fc.constant(null),
  description: nxDescription,
  switch: fc.constant("sw"),
  type: fc.option(fc.constantFrom("eth", "fc", "10Gbase-LR"), { nil: null }),
  speed: fc.option(fc.constantFrom("10G", "1000", "100G", "auto", "a-10G", "inherit"), { nil: null }),
}) as fc.Arbitrary<InterfaceDescription>;
const nxRow = fc.oneof(nxInterfaceRow, nxPortRow);

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
  "Port",
  "Type",
  "Speed",
  "--",
  "-------------",
  "Eth1/1",
  "eth",
  "10G",
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

  test.prop([fc.array(nxRow, { maxLength: 12 })])("render (nxos) -> parse round trip", (rows) => {
    const r = parseInterfaceDescriptions(renderInterfaceDescriptions(rows, { layout: "nxos" }), {
      switch: "sw",
    });
    expect(r.skips).toEqual([]);
    expect(r.records).toEqual(rows);
  });

  test.prop([fc.array(row, { maxLength: 6 }), fc.array(nxRow, { maxLength: 6 })])(
    "IOS and NX-OS outputs one after the other parse as both",
    (ios, nx) => {
      const text = `${renderInterfaceDescriptions(nx, { layout: "nxos" })}${renderInterfaceDescriptions(ios)}`;
      const r = parseInterfaceDescriptions(text, { switch: "sw" });
      expect(r.skips).toEqual([]);
      expect(r.records).toEqual([...nx, ...ios]);
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

  test.prop([
    fc.array(row, { maxLength: 8 }),
    fc.array(nxRow, { maxLength: 8 }),
    junk,
    fc.array(fc.nat(), { maxLength: 10 }),
    fc.boolean(),
  ])("split anywhere (strings or bytes) equals the whole-input parse", (rows, nx, j, cuts, bytes) => {
    const nxos = renderInterfaceDescriptions(nx, { layout: "nxos" });
    const text = `${renderInterfaceDescriptions(rows)}${j}\n${nxos}${j}\n${renderInterfaceDescriptions(rows).replace(/\n/g, "\r\n")}${nxos.replace(/\n/g, "\r\n")}`;
    expectSplitAnywhere(interfaceDescriptionParser, text, cuts, bytes, {});
  });

  testSniffRange(sniff);
});
