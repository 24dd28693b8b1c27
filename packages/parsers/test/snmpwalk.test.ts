import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { SnmpVarbind } from "@fleetlens/core";
import { describe, expect, it } from "vitest";
import { sniffKinds } from "../src/registry.js";
import {
  knownNames,
  knownOid,
  MAX_VALUE_CHARS,
  numericOid,
  parser,
  parseSnmpwalk,
  renderSnmpwalk,
  sniff,
  snmpwalkParser,
  timeticksText,
} from "../src/snmpwalk/index.js";
import { countLines, describeFixtures, expectSplitAnywhere, testSniffRange } from "./support/contract.js";

const FIXTURES = join(import.meta.dirname, "fixtures", "snmpwalk");
const fx = (n: string) => readFileSync(join(FIXTURES, `${n}.txt`));
const enc = (s: string) => new TextEncoder().encode(s);

describeFixtures({
  title: "snmpwalk fixtures",
  dir: FIXTURES,
  schema: SnmpVarbind,
  minCases: 11,
  parse: parseSnmpwalk,
});

const VALUE_ONLY = "a value without its OID (-Ov / -Oqv output cannot be attributed)";
const TYPELESS = "value without a type word (-OQ output is not supported)";

describe("snmpwalk details", () => {
  it("counts continuation and summary lines and keeps a multi-line value on its first line", () => {
    const r = parseSnmpwalk(fx("net-snmp-5.9.3--no-mibs-extend-bulkwalk"));
    expect(r.stats.ignoredBy).toEqual({ continuation: 28 });
    const multi = r.records.find((x) => x.oid === ".1.3.6.1.4.1.8072.1.3.2.3.1.2.5.109.117.108.116.105");
    expect(multi).toEqual({
      oid: ".1.3.6.1.4.1.8072.1.3.2.3.1.2.5.109.117.108.116.105",
      name: "iso.3.6.1.4.1.8072.1.3.2.3.1.2.5.109.117.108.116.105",
      type: "STRING",
      value: 'line one\nline "two" \\ back\n\n  indented = INTEGER: 5\nlast line',
    });
    expect(parseSnmpwalk(fx("net-snmp-5.9.3--no-mibs-Cp-end-of-view")).stats.ignoredBy).toEqual({
      summary: 2,
    });
  });

  it("reads the same varbind the same way in every OID form", () => {
    const forms = [
      ".1.3.6.1.4.1.2021.4.5.0",
      "iso.3.6.1.4.1.2021.4.5.0",
      "UCD-SNMP-MIB::memTotalReal.0",
      "memTotalReal.0",
      ".iso.org.dod.internet.private.enterprises.ucdavis.memory.memTotalReal.0",
      "SNMPv2-SMI::enterprises.2021.4.5.0",
      "1.3.6.1.4.1.2021.4.5.0",
    ];
    for (const f of forms) {
      const [r] = parseSnmpwalk(`${f} = INTEGER: 24684096 kB\n`).records;
      expect(r, f).toMatchObject({
        oid: ".1.3.6.1.4.1.2021.4.5.0",
        type: "INTEGER",
        value: 24684096,
        unit: "kB",
      });
      expect(r!.name).toBe(/^\.?1\./.test(f) ? null : f);
    }
    // a name from another module, or one the table does not hold, gives no numbers
    expect(parseSnmpwalk("IF-MIB::memTotalReal.0 = INTEGER: 1\n").records[0]!.oid).toBeNull();
    expect(
      parseSnmpwalk("HOST-RESOURCES-MIB::hrSystemUptime.0 = Timeticks: (5) 0:00:00.05\n").records[0],
    ).toEqual({
      oid: null,
      name: "HOST-RESOURCES-MIB::hrSystemUptime.0",
      type: "Timeticks",
      value: 5,
    });
  });

  it("turns names and indexes into numbers", () => {
    expect(knownOid("ifHCInOctets")).toBe(".1.3.6.1.2.1.31.1.1.1.6");
    expect(knownOid("sysUpTime", "SNMPv2-MIB")).toBe(".1.3.6.1.2.1.1.3");
    expect(knownOid("sysUpTime", "RFC1213-MIB")).toBe(".1.3.6.1.2.1.1.3");
    expect(knownOid("sysUpTime", "IF-MIB")).toBeUndefined();
    expect(knownOid("iso")).toBe(".1");
    expect(knownOid("ssCpuRawSoftIRQ")).toBe(".1.3.6.1.4.1.2021.11.61");
    expect(knownOid("dskUsedHigh")).toBe(".1.3.6.1.4.1.2021.9.1.16");
    expect(knownOid("nsExtendOutLine")).toBe(".1.3.6.1.4.1.8072.1.3.2.4.1.2");
    expect(numericOid('NET-SNMP-EXTEND-MIB::nsExtendOutLine."ab".3')).toBe(
      ".1.3.6.1.4.1.8072.1.3.2.4.1.2.2.97.98.3",
    );
    expect(numericOid("NET-SNMP-EXTEND-MIB::nsExtendResult.'ab'")).toBe(
      ".1.3.6.1.4.1.8072.1.3.2.3.1.4.97.98",
    );
    expect(numericOid('nsExtendResult."a.b"')).toBe(".1.3.6.1.4.1.8072.1.3.2.3.1.4.3.97.46.98");
    expect(numericOid("IF-MIB::ifDescr[3]")).toBe(".1.3.6.1.2.1.2.2.1.2.3");
    expect(numericOid("ifDescr[STRING: x]")).toBeNull();
    expect(numericOid("mib-2.1.3.0")).toBe(".1.3.6.1.2.1.1.3.0");
    expect(numericOid('ipAddressIfIndex.ipv4."127.0.0.1"')).toBeNull();
    expect(numericOid('nsExtendResult."unterminated')).toBeNull();
    expect(numericOid("ifDescr..1")).toBeNull();
    expect(numericOid("")).toBeNull();
    // every table entry resolves (a parent defined after its children would drop them)
    const names = knownNames();
    expect(names.size).toBeGreaterThan(290);
    for (const [n, oid] of names) {
      expect(oid, n).toMatch(/^(\.\d+)+$/);
      expect(numericOid(`${n}.0`), n).toBe(`${oid}.0`);
    }
  });

  it("reads enum labels, units, Counter64 and big integers", () => {
    const r = parseSnmpwalk(
      [
        "IF-MIB::ifOperStatus.2 = INTEGER: lowerLayerDown(7)",
        "UCD-SNMP-MIB::memTotalRealX.0 = Counter64: 24684096 kB",
        "UCD-SNMP-MIB::laLoadFloat.1 = Opaque: Float: 0.672363",
        "UCD-SNMP-MIB::ssCpuRawUser.0 = Counter32: 4294967295",
        ".1.3.6.1.4.1.99.1.0 = INTEGER: 9007199254740993",
        "",
      ].join("\n"),
    ).records;
    expect(r[0]).toMatchObject({ type: "INTEGER", value: 7, label: "lowerLayerDown" });
    expect(r[1]).toMatchObject({ type: "Counter64", value: "24684096", unit: "kB" });
    expect(r[2]).toMatchObject({ type: "Opaque", value: 0.672363 });
    expect(r[3]).toMatchObject({ type: "Counter32", value: 4294967295 });
    expect(r[4]).toMatchObject({ type: "INTEGER", value: "9007199254740993" });
  });

  it("joins Hex-STRING lines only while each holds 16 bytes", () => {
    const h16 = "00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF ";
    const r = parseSnmpwalk(
      [
        `.1.1 = Hex-STRING: ${h16}`,
        ".1.2 = INTEGER: 1",
        `.1.3 = Hex-STRING: ${h16}`,
        h16,
        "01 ",
        ".1.4 = INTEGER: 2",
      ].join("\n"),
    );
    expect(r.records.map((x) => x.value)).toEqual([
      "00112233445566778899aabbccddeeff",
      1,
      "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff01",
      2,
    ]);
    expect(r.stats).toMatchObject({ lines: 6, records: 4, ignored: 2, skipped: 0 });
  });

  it("keeps blank lines out of a display-hinted string unless text follows them", () => {
    const r = parseSnmpwalk(
      "SNMPv2-MIB::sysDescr.0 = STRING: one\n\ntwo\n\n\nSNMPv2-MIB::sysName.0 = STRING: host\n\n",
    );
    expect(r.records.map((x) => x.value)).toEqual(["one\n\ntwo", "host"]);
    expect(r.stats.ignoredBy).toEqual({ continuation: 2, blank: 3 });
  });

  it("reads a value opening with a quote that never closes as display-hinted text", () => {
    const r = parseSnmpwalk(
      [
        'SNMPv2-MIB::sysContact.0 = STRING: "Ops team',
        "SNMPv2-MIB::sysName.0 = STRING: host",
        'SNMPv2-MIB::sysLocation.0 = STRING: "Main" building',
        'SNMPv2-MIB::sysDescr.0 = STRING: "',
      ].join("\n"),
    );
    expect(r.skips).toEqual([]);
    expect(r.records.map((x) => x.value)).toEqual(['"Ops team', "host", '"Main" building', '"']);
  });

  it("cuts a runaway string at the bound with a skip and reads on", () => {
    const body = Array.from({ length: 40 }, (_, i) => `text line ${i} without a closing quote`);
    const text = ['.1.1 = STRING: "opens here', ...body, ".1.2 = INTEGER: 5", ""].join("\n");
    // without a bound the quoted reading fails at the end and the varbind after it ends the text
    const whole = parseSnmpwalk(text);
    expect(whole.records.map((x) => x.oid)).toEqual([".1.1", ".1.2"]);
    expect(whole.records[0]!.value).toBe(`"opens here\n${body.join("\n")}`);
    const cut = parseSnmpwalk(text, { maxValueLength: 200 });
    expect(cut.skips[0]).toEqual({ line: 1, reason: "value longer than 200 characters" });
    expect(cut.records.map((x) => x.oid)).toEqual([".1.2"]);
    expect(cut.stats.lines).toBe(countLines(text));
    expect(cut.stats.records + cut.stats.skipped + cut.stats.ignored).toBe(cut.stats.lines);
    expect(MAX_VALUE_CHARS).toBe(1 << 18);
  });

  it("skips value-only, -Oq and -OQ lines with a reason, and junk", () => {
    const r = parseSnmpwalk(
      [
        "INTEGER: 5", // -Ov
        '"swap"', // -Oqv
        "24684096", // -Oqv
        ".1.3.6.1.2.1.1.5.0 myhost", // -Oq
        ".1.3.6.1.2.1.1.3.0 = 12345", // -Ot: a bare number is Timeticks…
        'iso.3.6.1.2.1.1.5.0 = "myhost"', // -OQ
        "iso.3.6.1.2.1.1.7.0 = 72", // …until the input shows it is -OQ output
        ".1.3.6.1.2.1.1.5.0 = Float64: 1", // unknown type
        ".1.3.6.1.2.1.1.5.0 = Hex-STRING: 0G", // bad hex
        ".1.3.6.1.2.1.1.5.0 = INTEGER: ", // empty
        ".1.3.6.1.2.1.1.5.0 = Counter32: -1",
        ".1.3.6.1.2.1.1.5.0 = Timeticks: (x) 0:00:00.00",
        "Timeout: No Response from 127.0.0.1.",
      ].join("\n"),
    );
    expect(r.skips).toEqual([
      { line: 1, reason: VALUE_ONLY },
      { line: 2, reason: VALUE_ONLY },
      { line: 3, reason: VALUE_ONLY },
      { line: 4, reason: "no ` = ` after the OID (-Oq output is not supported)" },
      { line: 6, reason: TYPELESS },
      { line: 7, reason: TYPELESS },
      { line: 8, reason: 'unknown type "Float64"' },
      { line: 9, reason: "bad Hex-STRING value" },
      { line: 10, reason: "empty INTEGER value" },
      { line: 11, reason: 'bad Counter32 value "-1"' },
      { line: 12, reason: 'bad Timeticks value "(x) 0:00:00.00"' },
      { line: 13, reason: "not an `OID = value` line" },
    ]);
    expect(r.records).toEqual([{ oid: ".1.3.6.1.2.1.1.3.0", name: null, type: "Timeticks", value: 12345 }]);
    expect(r.stats.inferred.Timeticks).toMatch(/-Ot/);
  });

  it("renders Timeticks as net-snmp does", () => {
    expect(timeticksText(683)).toBe("(683) 0:00:06.83");
    expect(timeticksText(8640000)).toBe("(8640000) 1 day, 0:00:00.00");
    expect(timeticksText(1234567890)).toBe("(1234567890) 142 days, 21:21:18.90");
    const text = fx("handwritten--forms").toString("utf8");
    const r = parseSnmpwalk(text).records;
    expect(parseSnmpwalk(renderSnmpwalk(r)).records).toEqual(r);
  });

  it("sniffs net-snmp output and nothing else", () => {
    for (const f of readdirSync(FIXTURES).filter((f) => f.endsWith(".txt"))) {
      const head = readFileSync(join(FIXTURES, f));
      expect(sniff(head), f).toBeGreaterThanOrEqual(0.9);
      expect(sniffKinds(head)[0]!.kind, f).toBe("snmpwalk");
    }
    // every other kind's fixtures stay below what `auto` accepts
    const root = join(import.meta.dirname, "fixtures");
    for (const kind of readdirSync(root).filter((k) => k !== "snmpwalk")) {
      for (const f of readdirSync(join(root, kind)).filter((f) => !f.endsWith(".json"))) {
        const head = readFileSync(join(root, kind, f)).subarray(0, 65536);
        expect(sniff(head), `${kind}/${f}`).toBeLessThan(0.3);
      }
    }
    expect(sniff(enc("net.ipv4.ip_forward = 1\nkernel.pid_max = 4194304\n"))).toBe(0);
    expect(sniff(enc("INTEGER: 5\nINTEGER: 6\n"))).toBe(0);
    expect(parser.info.kind).toBe("snmpwalk");
    expect(parser.create).toBe(snmpwalkParser);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const arcs = fc.array(fc.nat(4294967295), { minLength: 1, maxLength: 10 });
const NAMES = [...knownNames().keys()];

/** An OID in one of the printed forms, with the record fields it must parse to. */
const oidArb: fc.Arbitrary<{ oid: string | null; name: string | null }> = fc.oneof(
  arcs.map((a) => ({ oid: `.1.3.6.${a.join(".")}`, name: null })),
  arcs.map((a) => ({ oid: `.1.3.6.${a.join(".")}`, name: `iso.3.6.${a.join(".")}` })),
  fc.tuple(fc.constantFrom(...NAMES), arcs).map(([n, a]) => ({
    oid: `${knownOid(n)}.${a.join(".")}`,
    name: `${n}.${a.join(".")}`,
  })),
  fc.tuple(fc.stringMatching(/^[A-Z][A-Z0-9-]{0,10}::zz[a-zA-Z]{0,8}$/), arcs).map(([n, a]) => ({
    oid: null,
    name: `${n}.${a.join(".")}`,
  })),
);

const text = fc.string({
  maxLength: 40,
  unit: fc.constantFrom(...'abcXYZ 019\t\n"\\=.:-_()é日', '"', "\\", " = ", "STRING: "),
});
const hex = (min: number, max: number) =>
  fc.uint8Array({ minLength: min, maxLength: max }).map((b) => Buffer.from(b).toString("hex"));
const unit = fc.option(fc.constantFrom("kB", "%", "Mb/s", "blocks/s", "milli seconds"), { nil: undefined });
const label = fc.stringMatching(/^[a-z][a-zA-Z0-9-]{0,12}$/);

type Value = Pick<SnmpVarbind, "type" | "value" | "label" | "unit">;
const withOpt = (v: Value): Value => {
  const out: Record<string, unknown> = { type: v.type, value: v.value };
  if (v.label !== undefined) out.label = v.label;
  if (v.unit !== undefined) out.unit = v.unit;
  return out as unknown as Value;
};
const valueArb: fc.Arbitrary<Value> = fc
  .oneof(
    fc.record({
      type: fc.constant("INTEGER" as const),
      value: fc.integer({ min: -2147483648, max: 2147483647 }),
      unit,
    }),
    fc.record({ type: fc.constant("INTEGER" as const), value: fc.nat(100), label }),
    fc.record({
      type: fc.constantFrom("Counter32" as const, "Gauge32" as const, "UInteger32" as const),
      value: fc.nat(4294967295),
      unit,
    }),
    fc.record({
      type: fc.constant("Counter64" as const),
      value: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String),
      unit,
    }),
    fc.record({ type: fc.constant("Timeticks" as const), value: fc.nat(4294967295) }),
    fc.record({ type: fc.constant("STRING" as const), value: text }),
    fc.record({ type: fc.constant("" as const), value: fc.constant("") }),
    fc.record({ type: fc.constant("Hex-STRING" as const), value: hex(0, 60) }),
    fc.record({
      type: fc.constant("BITS" as const),
      value: hex(1, 8),
      label: fc.option(fc.constantFrom("up(0)", "b1(1) b9(9)"), { nil: undefined }),
    }),
    fc.record({
      type: fc.constant("OID" as const),
      value: fc.constantFrom(".1.3.6.1.4.1.8072.3.2.10", "NET-SNMP-TC::linux", "iso.3.6.1.6.3.1", ".0.0"),
    }),
    fc.record({
      type: fc.constant("IpAddress" as const),
      value: fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((b) => b.join(".")),
    }),
    fc.record({ type: fc.constant("Network Address" as const), value: fc.constant("0A:00:00:01") }),
    fc.record({
      type: fc.constant("Opaque" as const),
      value: fc.oneof(
        fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
        fc.constant("9F 78 04 3F"),
      ),
    }),
    fc.record({
      type: fc.constantFrom(
        "NULL" as const,
        "NoSuchObject" as const,
        "NoSuchInstance" as const,
        "EndOfMibView" as const,
      ),
      value: fc.constant(null),
    }),
  )
  .map((v) => withOpt(v as Value));

const varbindArb: fc.Arbitrary<SnmpVarbind> = fc
  .tuple(oidArb, valueArb)
  .map(([o, v]) => ({ oid: o.oid, name: o.name, ...v }) as SnmpVarbind);

const renderOpts = fc.record({ numeric: fc.boolean(), rawTimeticks: fc.boolean() });

/** What a record reads back as when rendered with `numeric` (the name is not printed). */
const expected = (r: SnmpVarbind, numeric: boolean): SnmpVarbind =>
  numeric && r.oid !== null ? { ...r, name: null } : r;

const fragments = fc.constantFrom(
  ".1.3.6.1.2.1.1.1.0 = ",
  "iso.3.6.1 = ",
  "IF-MIB::ifDescr.1 = ",
  'nsExtendOutLine."a b".1 = ',
  "ifDescr[STRING: x] = ",
  "STRING: ",
  "Hex-STRING: ",
  "INTEGER: ",
  "Timeticks: (",
  "Counter64: ",
  '"',
  '\\"',
  "\\",
  "00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF ",
  "0A ",
  "up(1)",
  " kB",
  '""',
  "No Such Object available on this agent at this OID",
  "Variables found: 3",
  "End of MIB",
  " ",
  "\n",
  "\r\n",
  "\n\n",
  "x",
);
const junkyText = fc.array(fragments, { maxLength: 80 }).map((a) => a.join(""));

describe("snmpwalk properties", () => {
  test.prop([fc.array(varbindArb, { maxLength: 12 }), renderOpts])(
    "render -> parse round trip",
    (records, o) => {
      const r = parseSnmpwalk(renderSnmpwalk(records, o));
      expect(r.skips).toEqual([]);
      expect(r.records).toEqual(records.map((x) => expected(x, o.numeric)));
      expect(r.stats.records + r.stats.ignored).toBe(r.stats.lines);
    },
  );

  test.prop([fc.oneof(fc.string({ unit: "binary" }), junkyText, fc.string())])(
    "arbitrary text never throws and accounts for every line",
    (t) => {
      const r = parseSnmpwalk(t);
      expect(r.stats.lines).toBe(countLines(t));
      expect(r.stats.records + r.stats.skipped + r.stats.ignored).toBe(r.stats.lines);
      expect(r.skips.every((s) => s.line >= 1 && s.line <= r.stats.lines && s.reason.length > 0)).toBe(true);
    },
  );

  test.prop([fc.uint8Array({ maxLength: 400 })])(
    "arbitrary bytes never throw and account for every line",
    (b) => {
      const r = parseSnmpwalk(b);
      expect(r.stats.lines).toBe(countLines(b));
      expect(r.stats.records + r.stats.skipped + r.stats.ignored).toBe(r.stats.lines);
    },
  );

  test.prop([
    fc.array(varbindArb, { maxLength: 8 }),
    renderOpts,
    junkyText,
    fc.array(fc.nat(), { maxLength: 12 }),
    fc.boolean(),
    fc.constantFrom(40, 200, MAX_VALUE_CHARS),
  ])(
    "split anywhere (strings or bytes) equals the whole-input parse",
    (records, o, junk, cuts, bytes, max) => {
      const t = `${renderSnmpwalk(records, o)}${junk}\n${renderSnmpwalk(records).replace(/\n/g, "\r\n")}`;
      expectSplitAnywhere(snmpwalkParser, t, cuts, bytes, { maxValueLength: max });
    },
  );

  testSniffRange(sniff);
});

describe("snmpwalk docs", () => {
  it("the parseSnmpwalk example holds", () => {
    const { records } = parseSnmpwalk(
      ".1.3.6.1.2.1.1.3.0 = Timeticks: (12345) 0:02:03.45\n" +
        "IF-MIB::ifOperStatus.2 = INTEGER: up(1)\n" +
        "UCD-SNMP-MIB::memTotalReal.0 = INTEGER: 24684096 kB\n" +
        'iso.3.6.1.2.1.1.1.0 = STRING: "two\nlines"\n',
    );
    expect(records).toEqual([
      { oid: ".1.3.6.1.2.1.1.3.0", name: null, type: "Timeticks", value: 12345 },
      {
        oid: ".1.3.6.1.2.1.2.2.1.8.2",
        name: "IF-MIB::ifOperStatus.2",
        type: "INTEGER",
        value: 1,
        label: "up",
      },
      {
        oid: ".1.3.6.1.4.1.2021.4.5.0",
        name: "UCD-SNMP-MIB::memTotalReal.0",
        type: "INTEGER",
        value: 24684096,
        unit: "kB",
      },
      { oid: ".1.3.6.1.2.1.1.1.0", name: "iso.3.6.1.2.1.1.1.0", type: "STRING", value: "two\nlines" },
    ]);
    expect(renderSnmpwalk([records[0]!])).toBe(".1.3.6.1.2.1.1.3.0 = Timeticks: (12345) 0:02:03.45\n");
    expect(numericOid('NET-SNMP-EXTEND-MIB::nsExtendResult."ab"')).toBe(
      ".1.3.6.1.4.1.8072.1.3.2.3.1.4.2.97.98",
    );
    expect(knownOid("memTotalReal", "IF-MIB")).toBeUndefined();
  });
});
