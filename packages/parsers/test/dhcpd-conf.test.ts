import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { DhcpHost } from "@fleetlens/core";
import { afterAll, describe, expect, it } from "vitest";
import {
  dhcpdConfParser,
  parseDhcpdConf,
  parser,
  renderDhcpdConf,
  sniff,
  vlanFromFileName,
} from "../src/dhcpd-conf/index.js";
import {
  byteArb,
  countLines,
  describeFixtures,
  expectSplitAnywhere,
  fixtureCases,
  macArb,
  optionsSidecar,
  testSniffRange,
} from "./support/contract.js";

const FIXTURES = join(import.meta.dirname, "fixtures", "dhcpd-conf");
const overflow = (inferred: Record<string, string>) =>
  Number(/^(\d+)/.exec(inferred.overflow ?? "0")?.[1] ?? 0);
const tmp = mkdtempSync(join(tmpdir(), "fleetlens-dhcpd-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `dhcpd -t` (syntax check, no daemon) on a config text: its exit status and error lines. */
const dhcpdCheck = (text: string, v6 = false): { ok: boolean; errors: string } => {
  const f = join(tmp, `t${Math.random().toString(36).slice(2)}.conf`);
  writeFileSync(f, text);
  const r = spawnSync("dhcpd", [v6 ? "-6" : "-4", "-t", "-cf", f], { encoding: "utf8" });
  return {
    ok: r.status === 0,
    errors: `${r.stderr}`
      .split("\n")
      .filter((l) => / line \d+:/.test(l))
      .join("\n"),
  };
};
const haveDhcpd = spawnSync("dhcpd", ["--version"]).status === 0 || existsSync("/usr/sbin/dhcpd");

describeFixtures({
  title: "dhcpd-conf fixtures",
  dir: FIXTURES,
  schema: DhcpHost,
  minCases: 3,
  parse: parseDhcpdConf,
  options: (name) => optionsSidecar(FIXTURES, name),
});

describe("dhcpd-conf fixtures against dhcpd", () => {
  for (const name of fixtureCases(FIXTURES)) {
    it(`${name} is a valid dhcpd.conf (dhcpd -t)`, () => {
      expect(haveDhcpd, "isc-dhcp-server must be installed (apt-get install isc-dhcp-server)").toBe(true);
      const c = dhcpdCheck(readFileSync(join(FIXTURES, `${name}.txt`), "utf8"), name.includes("v6"));
      expect(c.errors).toBe("");
      expect(c.ok).toBe(true);
    });
  }
});

describe("dhcpd-conf details", () => {
  it("counts ignored lines by reason and reads the VLAN from the file name", () => {
    const text = readFileSync(join(FIXTURES, "seed--vlan-513.txt"), "utf8");
    const r = parseDhcpdConf(text, { file: "/etc/dhcp/dhcpd-513.conf" });
    expect(r.stats.ignoredBy).toEqual({ comment: 3, blank: 1, declaration: 26 });
    expect(r.stats.inferred.vlan).toBe("513 from the file name /etc/dhcp/dhcpd-513.conf");
    expect(parseDhcpdConf(text, { vlan: "77", file: "dhcpd-513.conf" }).records[0]!.options.vlan).toBe("77");
    expect(parseDhcpdConf(text).records[0]!.options.vlan).toBeUndefined();
    expect(vlanFromFileName("dhcpd-vlan_512.conf")).toBe("512");
    expect(vlanFromFileName("vlan530.conf")).toBe("530");
    expect(vlanFromFileName("dhcpd.conf")).toBeUndefined();
    expect(vlanFromFileName("other-513.conf")).toBeUndefined();
  });

  it("does not follow include lines and says so", () => {
    const r = parseDhcpdConf('include "/etc/dhcp/dhcpd-501.conf";\ninclude "/etc/dhcp/dhcpd-510.conf";\n');
    expect(r.stats.ignoredBy).toEqual({ include: 2 });
    expect(r.stats.inferred.include).toBe(
      "not followed (no file I/O): /etc/dhcp/dhcpd-501.conf, /etc/dhcp/dhcpd-510.conf",
    );
  });

  it("skips hosts dhcpd rejects, on their closing line, and keeps going", () => {
    const text = [
      'host "ws-7" { hardware ethernet 00:11:22:33:44:55; }',
      "host a {",
      "  hardware ethernet aa-bb-cc-00-11-22;",
      "}",
      "host b { hardware ethernet aabb.cc00.1122; }",
      "}",
      "host c { hardware ethernet 00:11:22:33:44:56; fixed-address 10.0.0.3; }",
    ].join("\n");
    const r = parseDhcpdConf(text);
    expect(r.skips).toEqual([
      { line: 1, reason: 'host ws-7: quoted host name "ws-7" (dhcpd expects a name)' },
      { line: 4, reason: 'host a: bad hardware address "aa-bb-cc-00-11-22"' },
      { line: 5, reason: 'host b: bad hardware address "aabb.cc00.1122"' },
      { line: 6, reason: "unbalanced }" },
    ]);
    expect(r.records.map((h) => h.name)).toEqual(["c"]);
    expect(r.stats).toMatchObject({ lines: 7, records: 1, skipped: 4, ignored: 2 });
    // the same hosts are rejected by dhcpd itself
    expect(dhcpdCheck(text.split("\n").slice(0, 1).join("\n")).ok).toBe(false);
    expect(dhcpdCheck(text.split("\n").slice(1, 4).join("\n")).ok).toBe(false);
  });

  it("makes the last line a skip when the input ends inside a host, string or block", () => {
    expect(parseDhcpdConf("host a {\n  hardware ethernet 0:1:2:3:4:5;\n").skips).toEqual([
      { line: 2, reason: "end of input inside host a (opened on line 1)" },
    ]);
    expect(parseDhcpdConf('group {\n  option domain-name "x\n\n').skips).toEqual([
      { line: 3, reason: "end of input inside a quoted string" },
    ]);
    expect(parseDhcpdConf("subnet 10.0.0.0 netmask 255.0.0.0 {\n").skips).toEqual([
      { line: 1, reason: "end of input inside subnet 10.0.0.0/8 (missing })" },
    ]);
  });

  it("emits every host when several close on one line and reports the extra count", () => {
    const text = "host a { hardware ethernet 0:1:2:3:4:5; } host b { fixed-address 10.0.0.2; }\n";
    const r = parseDhcpdConf(text);
    expect(r.records.map((h) => h.name)).toEqual(["a", "b"]);
    expect(r.stats.lines).toBe(2);
    expect(overflow(r.stats.inferred)).toBe(1);
  });

  it("renders the fixtures back to configs that parse to the same hosts", () => {
    for (const name of ["formats-doc--example", "seed--vlan-513"]) {
      const hosts = parseDhcpdConf(readFileSync(join(FIXTURES, `${name}.txt`), "utf8")).records;
      const text = renderDhcpdConf(hosts);
      expect(parseDhcpdConf(text).records).toEqual(hosts);
      expect(dhcpdCheck(text).errors).toBe("");
    }
  });

  it("sniffs dhcpd.conf and not leases or other text", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(sniff(readFileSync(join(FIXTURES, "seed--vlan-513.txt")))).toBeGreaterThanOrEqual(0.9);
    expect(sniff(enc("lease 10.0.0.1 {\n  starts 1 2024/01/01 00:00:00;\n}\n"))).toBe(0);
    expect(sniff(enc("ESTAB 0 0 10.0.0.1:22 10.0.0.2:5000\n"))).toBe(0);
    expect(parser.info.kind).toBe("dhcpd-conf");
    expect(parser.create).toBe(dhcpdConfParser);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const byte = byteArb;
const mac = macArb;
const v4 = fc
  .tuple(fc.integer({ min: 1, max: 223 }), byte, byte, fc.integer({ min: 1, max: 254 }))
  .map((b) => b.join("."));
const scope = fc.constantFrom(
  "",
  "group",
  "shared-network lab > subnet 10.5.0.0/24",
  "shared-network lab > subnet 10.5.0.0/24 > group",
  "subnet 10.6.0.0/16 > group",
  "group > group",
);
const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
const options = fc.record(
  {
    "option host-name": word,
    "ddns-hostname": fc.constantFrom("a;b", "x{y}", 'q"uote', "sp ace", "tab\there"),
    "option routers": v4,
    deny: fc.constant("booting"),
    vlan: fc.constantFrom("513", "10"),
  },
  { requiredKeys: [] },
);
const hosts = fc
  .uniqueArray(
    fc.record({
      name: word,
      mac: fc.option(mac, { nil: null }),
      ip: fc.option(v4, { nil: null }),
      scope,
      options,
    }),
    { selector: (h) => h.name, maxLength: 10 },
  )
  .map((hs) => hs as DhcpHost[]);

/** What parsing the rendering gives: `vlan` is not a dhcpd statement, so it is not rendered. */
const expectedOf = (h: DhcpHost): DhcpHost => {
  const { vlan: _vlan, ...o } = h.options;
  return { ...h, options: o };
};

const fragments = fc.constantFrom(
  "host ",
  "a ",
  "group",
  "subnet 10.0.0.0 netmask 255.0.0.0",
  "{",
  "}",
  ";",
  "\n",
  "\r\n",
  " ",
  "#",
  '"',
  "\\",
  "hardware ethernet ",
  "0:1:2:3:4:5",
  "fixed-address ",
  "10.0.0.1",
  ",",
  "=",
  "option host-name ",
  "include ",
);
const junk = fc.array(fragments, { maxLength: 60 }).map((a) => a.join(""));

describe("dhcpd-conf properties", () => {
  test.prop([hosts, fc.boolean()])("render -> parse round trip", (hs, oneLine) => {
    const r = parseDhcpdConf(renderDhcpdConf(hs, { oneLine }));
    expect(r.skips).toEqual([]);
    expect(r.records).toEqual(hs.map(expectedOf));
  });

  test.prop([hosts], { numRuns: 15 })("rendered configs pass dhcpd -t", (hs) => {
    const c = dhcpdCheck(renderDhcpdConf(hs));
    expect(c.errors).toBe("");
    expect(c.ok).toBe(true);
  });

  test.prop([fc.oneof(junk, fc.string(), fc.string({ unit: "binary" }))])(
    "arbitrary text never throws and accounts for every line",
    (text) => {
      const r = parseDhcpdConf(text);
      expect(r.stats.lines).toBe(countLines(text) + overflow(r.stats.inferred));
      expect(r.stats.records + r.stats.skipped + r.stats.ignored).toBe(r.stats.lines);
      expect(r.skips.every((s) => s.line >= 1 && s.line <= countLines(text) && s.reason.length > 0)).toBe(
        true,
      );
    },
  );

  test.prop([hosts, junk, fc.array(fc.nat(), { maxLength: 10 }), fc.boolean()])(
    "split anywhere (strings or bytes) equals the whole-input parse",
    (hs, j, cuts, bytes) => {
      const text = `${renderDhcpdConf(hs)}${j}\n${renderDhcpdConf(hs, { oneLine: true }).replace(/\n/g, "\r\n")}`;
      expectSplitAnywhere(dhcpdConfParser, text, cuts, bytes, {});
    },
  );

  testSniffRange(sniff);
});
