import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { DhcpLease } from "@fleetlens/core";
import { afterAll, describe, expect, it } from "vitest";
import {
  dhcpdLeasesParser,
  leaseTimeText,
  parseDhcpdLeases,
  parser,
  renderDhcpdLeases,
  sniff,
} from "../src/dhcpd-leases/index.js";
import {
  byteArb,
  countLines,
  describeFixtures,
  expectSplitAnywhere,
  macArb,
  testSniffRange,
} from "./support/contract.js";

const FIXTURES = join(import.meta.dirname, "fixtures", "dhcpd-leases");
const overflow = (inferred: Record<string, string>) =>
  Number(/^(\d+)/.exec(inferred.overflow ?? "0")?.[1] ?? 0);
const tmp = mkdtempSync(join(tmpdir(), "fleetlens-leases-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * `dhcpd -T` (lease file test, no daemon): reads the leases with a config serving 10.0.0.0/16 and 10.77.0.0/24 and
 * reports how many leases it wrote back, or the errors it met.
 */
const dhcpdLeaseCheck = (leases: string): { written: number; errors: string } => {
  const id = Math.random().toString(36).slice(2);
  const conf = join(tmp, `${id}.conf`);
  const lf = join(tmp, `${id}.leases`);
  writeFileSync(
    conf,
    "subnet 10.0.0.0 netmask 255.255.0.0 { range 10.0.0.1 10.0.255.254; }\n" +
      "subnet 10.77.0.0 netmask 255.255.255.0 { range 10.77.0.100 10.77.0.200; }\n",
  );
  writeFileSync(lf, leases);
  const r = spawnSync("dhcpd", ["-4", "-T", "-cf", conf, "-lf", lf], { encoding: "utf8" });
  const out = `${r.stdout}${r.stderr}`;
  return {
    written: Number(/Wrote (\d+) leases/.exec(out)?.[1] ?? -1),
    errors: out
      .split("\n")
      .filter((l) => / line \d+:|corrupt/.test(l))
      .join("\n"),
  };
};

describeFixtures({
  title: "dhcpd-leases fixtures",
  dir: FIXTURES,
  schema: DhcpLease,
  minCases: 2,
  parse: parseDhcpdLeases,
});

describe("dhcpd-leases details", () => {
  const fx = (n: string) => readFileSync(join(FIXTURES, `${n}.txt`), "utf8");

  it("ignores failover, DHCPv6 and OMAPI host blocks with their reasons", () => {
    const r = parseDhcpdLeases(fx("isc-4.4--epoch-uid-failover-v6"));
    expect(r.stats.ignoredBy).toEqual({ declaration: 18, blank: 2, failover: 4, host: 5, dhcpv6: 9 });
    expect(r.stats.inferred.dhcpv6).toMatch(/ignored/);
    expect(parseDhcpdLeases(fx("formats-doc--example")).stats.ignoredBy).toEqual({
      comment: 3,
      blank: 3,
      declaration: 19,
    });
  });

  it("keeps every block of an address (the log's last one wins downstream)", () => {
    const text = `${fx("formats-doc--example")}lease 10.77.0.100 {\n  starts 6 2026/11/21 21:02:03;\n  ends never;\n  binding state free;\n}\n`;
    const ips = parseDhcpdLeases(text).records.map((l) => `${l.ip} ${l.state}`);
    expect(ips).toEqual(["10.77.0.100 active", "10.77.0.101 free", "10.77.0.100 free"]);
  });

  it("skips malformed leases on their closing line with a reason", () => {
    const text = [
      "lease 10.0.0.300 {",
      "}",
      "lease 10.0.0.1 { starts 1 2024/02/30 00:00:00; }",
      "lease 10.0.0.2 { hardware ethernet zz:11:22:33:44:55; }",
      "lease 10.0.0.3 { uid 1:2:xyz; }",
      'lease { interface "eth0"; }',
      "lease 10.0.0.4 { ends never; }",
      "lease 10.0.0.5 {",
    ].join("\n");
    const r = parseDhcpdLeases(text);
    expect(r.skips).toEqual([
      { line: 2, reason: 'lease ?: bad lease address "10.0.0.300"' },
      { line: 3, reason: "lease 10.0.0.1: bad starts time" },
      { line: 4, reason: 'lease 10.0.0.2: bad hardware address "zz:11:22:33:44:55"' },
      { line: 5, reason: 'lease 10.0.0.3: bad uid "1:2:xyz"' },
      { line: 6, reason: "lease ?: lease without an address" },
      { line: 8, reason: "end of input inside lease 10.0.0.5 (opened on line 8)" },
    ]);
    expect(r.records).toEqual([
      { ip: "10.0.0.4", mac: null, start: null, end: null, state: null, hostname: null },
    ]);
    expect(r.stats).toMatchObject({ lines: 8, records: 1, skipped: 6, ignored: 1 });
  });

  it("writes times as dhcpd does", () => {
    expect(leaseTimeText(Date.UTC(2026, 10, 21, 20, 52, 3))).toBe("6 2026/11/21 20:52:03");
    expect(leaseTimeText(Date.UTC(2024, 2, 1, 10), true)).toBe("epoch 1709287200");
    expect(leaseTimeText(null)).toBe("never");
  });

  it("agrees with dhcpd -T on the fixtures (same number of distinct leases, no errors)", () => {
    for (const n of ["formats-doc--example"]) {
      const text = fx(n);
      const c = dhcpdLeaseCheck(text);
      expect(c.errors).toBe("");
      expect(c.written).toBe(new Set(parseDhcpdLeases(text).records.map((l) => l.ip)).size);
    }
  });

  it("sniffs dhcpd.leases and not dhclient.leases or dhcpd.conf", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(sniff(enc(fx("formats-doc--example")))).toBeGreaterThanOrEqual(0.9);
    expect(sniff(enc('lease {\n  interface "dv1";\n  fixed-address 10.77.0.101;\n}\n'))).toBe(0);
    expect(sniff(enc("host a { hardware ethernet 0:1:2:3:4:5; }\n"))).toBe(0);
    expect(parser.info.kind).toBe("dhcpd-leases");
    expect(parser.create).toBe(dhcpdLeasesParser);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const byte = byteArb;
const mac = macArb;
const ip = fc.tuple(byte, fc.integer({ min: 1, max: 254 })).map((b) => `10.0.${b.join(".")}`);
const second = fc.integer({ min: 946684800, max: 4102444799 }).map((s) => s * 1000);
const lease = fc.record(
  {
    ip,
    mac: fc.option(mac, { nil: null }),
    start: fc.option(second, { nil: null }),
    end: fc.option(second, { nil: null }),
    state: fc.option(fc.constantFrom("active", "free", "backup", "expired", "released", "abandoned"), {
      nil: null,
    }),
    hostname: fc.option(
      fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom(...'ab-_ Z"\\;{}#é日\t') }),
      {
        nil: null,
      },
    ),
    uid: fc
      .array(byte, { minLength: 1, maxLength: 9 })
      .map((b) => b.map((x) => x.toString(16).padStart(2, "0")).join(":")),
  },
  { requiredKeys: ["ip", "mac", "start", "end", "state", "hostname"] },
) as fc.Arbitrary<DhcpLease>;

const fragments = fc.constantFrom(
  "lease ",
  "10.0.0.1 ",
  "{",
  "}",
  ";",
  "\n",
  "\r\n",
  " ",
  "#",
  '"',
  "\\",
  "\\001",
  "starts ",
  "6 2026/11/21 20:52:03",
  "epoch 5",
  "never",
  "binding state active",
  "hardware ethernet ",
  "0:1:2:3:4:5",
  "uid ",
  "ia_na ",
  "failover peer",
);
const junk = fc.array(fragments, { maxLength: 60 }).map((a) => a.join(""));

describe("dhcpd-leases properties", () => {
  test.prop([fc.array(lease, { maxLength: 10 }), fc.boolean(), fc.boolean()])(
    "render -> parse round trip",
    (ls, epoch, header) => {
      const r = parseDhcpdLeases(renderDhcpdLeases(ls, { epoch, header }));
      expect(r.skips).toEqual([]);
      expect(r.records).toEqual(ls);
    },
  );

  // dhcpd keeps every lease in these states when it rewrites the file (free and backup ones may be
  // dropped without a failover peer), so the count it writes is the count rendered
  const kept = fc.constantFrom("active", "expired", "released", "abandoned");
  test.prop(
    [
      fc.uniqueArray(
        fc.tuple(lease, kept).map(([l, state]) => ({ ...l, state })),
        { selector: (l) => l.ip, minLength: 1, maxLength: 8 },
      ),
    ],
    { numRuns: 10 },
  )("dhcpd -T reads rendered lease files without errors and keeps every lease", (ls) => {
    const c = dhcpdLeaseCheck(renderDhcpdLeases(ls));
    expect(c.errors).toBe("");
    expect(c.written).toBe(ls.length);
  });

  test.prop([fc.oneof(junk, fc.string(), fc.string({ unit: "binary" }))])(
    "arbitrary text never throws and accounts for every line",
    (text) => {
      const r = parseDhcpdLeases(text);
      expect(r.stats.lines).toBe(countLines(text) + overflow(r.stats.inferred));
      expect(r.stats.records + r.stats.skipped + r.stats.ignored).toBe(r.stats.lines);
    },
  );

  test.prop([fc.array(lease, { maxLength: 6 }), junk, fc.array(fc.nat(), { maxLength: 10 }), fc.boolean()])(
    "split anywhere (strings or bytes) equals the whole-input parse",
    (ls, j, cuts, bytes) => {
      const text = `${renderDhcpdLeases(ls)}${j}\n}\n${renderDhcpdLeases(ls, { epoch: true }).replace(/\n/g, "\r\n")}`;
      expectSplitAnywhere(dhcpdLeasesParser, text, cuts, bytes, {});
    },
  );

  testSniffRange(sniff);
});
