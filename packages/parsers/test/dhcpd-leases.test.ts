import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { DhcpLease, Net } from "@fleetlens/core";
import { afterAll, describe, expect, it } from "vitest";
import {
  dhcpdLeasesParser,
  iaIdentifier,
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

const hasDhcpd = spawnSync("dhcpd", ["--version"], { encoding: "utf8" }).error === undefined;

/**
 * `dhcpd -6 -T` (lease file test, no daemon, no traffic): reads DHCPv6 leases with a config serving
 * 2001:db8:0:1::/64 (addresses ::100-::1ff, temporary addresses anywhere in it) and delegating
 * /56 prefixes of 2001:db8:1::/48; gives how many NA, TA and PD leases it wrote back, or the
 * errors it met.
 */
const dhcpd6LeaseCheck = (leases: string): { na: number; ta: number; pd: number; errors: string } => {
  const id = Math.random().toString(36).slice(2);
  const conf = join(tmp, `${id}.conf`);
  const lf = join(tmp, `${id}.leases`);
  writeFileSync(
    conf,
    "default-lease-time 2592000;\npreferred-lifetime 604800;\n" +
      "subnet6 2001:db8:0:1::/64 {\n  range6 2001:db8:0:1::100 2001:db8:0:1::1ff;\n" +
      "  range6 2001:db8:0:1::/64 temporary;\n  prefix6 2001:db8:1:: 2001:db8:1:ff00:: /56;\n}\n",
  );
  writeFileSync(lf, leases);
  const r = spawnSync("dhcpd", ["-6", "-T", "-cf", conf, "-lf", lf, "-pf", join(tmp, `${id}.pid`)], {
    encoding: "utf8",
  });
  const out = `${r.stdout}${r.stderr}`;
  const m = /Wrote (\d+) NA, (\d+) TA, (\d+) PD leases/.exec(out);
  return {
    na: Number(m?.[1] ?? -1),
    ta: Number(m?.[2] ?? -1),
    pd: Number(m?.[3] ?? -1),
    errors: out
      .split("\n")
      .filter((l) => / line \d+:|corrupt|Corrupt/.test(l))
      .join("\n"),
  };
};

/** What dhcpd -6 keeps of parsed v6 records: one IA per type, IAID and DUID, in active or abandoned state. */
const keptIas = (records: readonly DhcpLease[]): { na: number; ta: number; pd: number } => {
  const ias = new Set(
    records
      .filter((l) => l.ia !== undefined && (l.state === "active" || l.state === "abandoned"))
      .map((l) => `${l.ia} ${l.iaid} ${l.duid}`),
  );
  const count = (k: string) => [...ias].filter((x) => x.startsWith(`${k} `)).length;
  return { na: count("na"), ta: count("ta"), pd: count("pd") };
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

  it("ignores failover and OMAPI host blocks with their reasons", () => {
    const r = parseDhcpdLeases(fx("isc-4.4--epoch-uid-failover-v6"));
    expect(r.stats.ignoredBy).toEqual({ declaration: 26, blank: 2, failover: 4, host: 5 });
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

  it("reads DHCPv6 IAs: one record per iaaddr / iaprefix, IAID and DUID decoded, MAC from the DUID", () => {
    // the example of parseDhcpdLeases's documentation
    const { records, stats } = parseDhcpdLeases(
      'ia-na "\\001\\000\\000\\000\\000\\001\\000\\001\\034\\221\\2130\\000\\032+<M^" {\n' +
        "  cltt 5 2024/03/01 09:00:00;\n  iaaddr 2001:db8:0:1::150 {\n    binding state active;\n" +
        "    preferred-life 604800;\n    max-life 2592000;\n    ends 0 2024/03/31 09:00:00;\n  }\n}\n",
    );
    expect(records).toEqual([
      {
        ip: "2001:db8:0:1::150",
        mac: "00:1a:2b:3c:4d:5e",
        start: 1709283600000,
        end: 1711875600000,
        state: "active",
        hostname: null,
        ia: "na",
        iaid: "00000001",
        duid: "00:01:00:01:1c:91:8b:30:00:1a:2b:3c:4d:5e",
      },
    ]);
    // the record is the line of the iaaddr's closing brace; the rest are declarations
    expect(stats).toMatchObject({ lines: 9, records: 1, ignored: 8, ignoredBy: { declaration: 8 } });
  });

  it("decodes IA identifiers: IAID in the writer's byte order, MAC only from Ethernet DUID-LLT / DUID-LL", () => {
    const b = (h: string) => h.split(":").map((x) => Number.parseInt(x, 16));
    const mac = "52:54:00:12:34:56";
    expect(iaIdentifier(b(`0c:87:1a:9e:00:01:00:01:1c:91:8b:30:${mac}`))).toEqual({
      iaid: "9e1a870c",
      duid: `00:01:00:01:1c:91:8b:30:${mac}`,
      mac,
    });
    expect(iaIdentifier(b(`0c:87:1a:9e:00:03:00:01:${mac}`), true)).toEqual({
      iaid: "0c871a9e",
      duid: `00:03:00:01:${mac}`,
      mac,
    });
    // not Ethernet (hardware type 6), not link-layer DUIDs (EN, UUID), a link-layer address of 8 bytes
    for (const duid of [
      `00:03:00:06:${mac}`,
      "00:02:00:00:09:37:61:63:6d:65",
      `00:04:${mac}:${mac}:11:22:33:44`,
      `00:03:00:01:${mac}:00:00`,
    ])
      expect(iaIdentifier(b(`01:00:00:00:${duid}`))?.mac).toBeNull();
    expect(iaIdentifier(b("01:00:00:00"))).toBeUndefined();
  });

  it("agrees with itself across dhcpd's byte orders and identifier formats", () => {
    // dhcpd -6 -T read the big-endian file and wrote it back little-endian with lease-id-format hex
    const key = (l: DhcpLease) =>
      `${l.ip} ${l.ia} ${l.iaid} ${l.duid} ${l.mac} ${l.state} ${l.start} ${l.end}`;
    const be = parseDhcpdLeases(fx("isc-4.4-dhcpd6--big-endian-author"));
    const hex = parseDhcpdLeases(fx("isc-4.4-dhcpd6--lease-id-format-hex"));
    expect(be.stats.inferred["byte-order"]).toMatch(/big-endian/);
    expect(be.records.map(key).sort()).toEqual(hex.records.map(key).sort());
    const octal = parseDhcpdLeases(fx("isc-4.4-dhcpd6--written-by-dhcpd"));
    expect(octal.records.map((l) => l.iaid)).toEqual([
      "00000001",
      "00000001",
      "0c871a9e",
      "00000004",
      "00000002",
      "00000003",
    ]);
  });

  it("accepts ia_na spellings and iaprefix, and skips nested blocks inside an address", () => {
    const r = parseDhcpdLeases(
      [
        'ia_pd "\\003\\000\\000\\000\\000\\003\\000\\001RT\\000\\0224V" {',
        "  cltt epoch 1709287200; # Fri Mar 01 10:00:00 2024",
        "  iaprefix 2001:0db8:0001:4200:0000::/56 {",
        "    binding state expired;",
        "    ends never;",
        '    on expiry { set x = "y"; }',
        "  }",
        "}",
      ].join("\n"),
    );
    expect(r.skips).toEqual([]);
    expect(r.records).toEqual([
      {
        ip: "2001:db8:1:4200::/56",
        mac: "52:54:00:12:34:56",
        start: 1709287200000,
        end: null,
        state: "expired",
        hostname: null,
        ia: "pd",
        iaid: "00000003",
        duid: "00:03:00:01:52:54:00:12:34:56",
      },
    ]);
  });

  it("keeps every block of an IA in file order (dhcpd's last block wins downstream)", () => {
    const block = (cltt: string, state: string, addrs: string[]) =>
      `ia-na 01:00:00:00:00:03:00:01:52:54:00:12:34:56 {\n  cltt ${cltt};\n${addrs
        .map((a) => `  iaaddr ${a} {\n    binding state ${state};\n    ends never;\n  }\n`)
        .join("")}}\n`;
    const text =
      block("5 2024/03/01 09:00:00", "active", ["2001:db8:0:1::150", "2001:db8:0:1::151"]) +
      block("6 2024/03/02 09:00:00", "released", ["2001:db8:0:1::150"]);
    const r = parseDhcpdLeases(text);
    expect(
      r.records.map((l) => `${l.ip} ${l.state} ${new Date(l.start ?? 0).toISOString().slice(0, 10)}`),
    ).toEqual([
      "2001:db8:0:1::150 active 2024-03-01",
      "2001:db8:0:1::151 active 2024-03-01",
      "2001:db8:0:1::150 released 2024-03-02",
    ]);
  });

  it("skips malformed DHCPv6 leases on their closing line with a reason", () => {
    const ia = 'ia-na "\\001\\000\\000\\000\\000\\003\\000\\001RT\\000\\0224V" {';
    const text = [
      ia,
      "  iaaddr 10.0.0.1 { ends never; }",
      "  iaaddr 2001:db8::1 { ends 1 2024/02/30 00:00:00; }",
      "  iaprefix 2001:db8::/129 { ends never; }",
      "}",
      'ia-ta "\\001\\000" {',
      "  iaaddr 2001:db8::2 { ends never; }",
      "}",
      `${ia} cltt 7 2024/13/01 00:00:00;`,
      "  iaaddr 2001:db8::3 { ends never; }",
      "}",
      ia,
      "  iaaddr 2001:db8::4 {",
    ].join("\n");
    const r = parseDhcpdLeases(text);
    expect(r.skips).toEqual([
      { line: 2, reason: 'ia-na ?: bad iaaddr address "10.0.0.1"' },
      { line: 3, reason: "ia-na 2001:db8::1: bad ends time" },
      { line: 4, reason: 'ia-na ?: bad iaprefix "2001:db8::/129"' },
      { line: 7, reason: "ia-ta 2001:db8::2: ia-ta identifier of 2 bytes (IAID and DUID need at least 5)" },
      { line: 10, reason: "ia-na 2001:db8::3: bad cltt time" },
      { line: 13, reason: "end of input inside iaaddr 2001:db8::4 (opened on line 13)" },
    ]);
    expect(r.records).toEqual([]);
    expect(r.stats).toMatchObject({ lines: 13, records: 0, skipped: 6, ignored: 7 });
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

  it.skipIf(!hasDhcpd)(
    "agrees with dhcpd -6 -T on the DHCPv6 fixtures (same IAs of each type, no errors)",
    () => {
      for (const n of [
        "isc-4.4-dhcpd6--written-by-dhcpd",
        "isc-4.4-dhcpd6--lease-id-format-hex",
        "isc-4.4-dhcpd6--big-endian-author",
      ]) {
        const text = fx(n);
        const c = dhcpd6LeaseCheck(text);
        expect(c.errors).toBe("");
        expect({ na: c.na, ta: c.ta, pd: c.pd }).toEqual(keptIas(parseDhcpdLeases(text).records));
        expect(c.na + c.ta + c.pd).toBeGreaterThan(0);
      }
    },
  );

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
    expect(sniff(enc(fx("isc-4.4-dhcpd6--written-by-dhcpd")))).toBeGreaterThanOrEqual(0.9);
    expect(sniff(enc(fx("isc-4.4-dhcpd6--lease-id-format-hex")))).toBeGreaterThanOrEqual(0.9);
    expect(sniff(enc('ia-na "\\001\\000\\000\\000\\000\\003" {\n  iaaddr 2001:db8::1 {\n  }\n}\n'))).toBe(
      0.95,
    );
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

const hexOf = (b: readonly number[]) => b.map((x) => x.toString(16).padStart(2, "0")).join(":");
/** A DUID and the MAC dhcpd's DUID gives (Ethernet DUID-LLT / DUID-LL), or null. */
const duidArb: fc.Arbitrary<{ duid: string; mac: string | null }> = fc.oneof(
  fc.tuple(fc.array(byte, { minLength: 4, maxLength: 4 }), mac).map(([t, m]) => ({
    duid: `00:01:00:01:${hexOf(t)}:${m}`,
    mac: m,
  })),
  mac.map((m) => ({ duid: `00:03:00:01:${m}`, mac: m })),
  mac.map((m) => ({ duid: `00:03:00:06:${m}`, mac: null })),
  fc.array(byte, { minLength: 1, maxLength: 20 }).map((b) => ({ duid: `00:02:${hexOf(b)}`, mac: null })),
  fc.array(byte, { minLength: 16, maxLength: 16 }).map((b) => ({ duid: `00:04:${hexOf(b)}`, mac: null })),
);
const iaidArb = fc.integer({ min: 0, max: 0xffffffff }).map((v) => v.toString(16).padStart(8, "0"));
const v6Arb = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => Net.ipv6FromBytes(b));
const lease6 = fc
  .record({
    kind: fc.constantFrom("na" as const, "ta" as const, "pd" as const),
    addr: v6Arb,
    len: fc.integer({ min: 0, max: 128 }),
    id: duidArb,
    iaid: iaidArb,
    start: fc.option(second, { nil: null }),
    end: fc.option(second, { nil: null }),
    state: fc.option(fc.constantFrom("active", "expired", "released", "abandoned", "free"), { nil: null }),
  })
  .map(
    (x): DhcpLease => ({
      ip: x.kind === "pd" ? `${x.addr}/${x.len}` : x.addr,
      mac: x.id.mac,
      start: x.start,
      end: x.end,
      state: x.state,
      hostname: null,
      ia: x.kind,
      iaid: x.iaid,
      duid: x.id.duid,
    }),
  );
/** Runs of DHCPv6 leases of one IA (same type, IAID, DUID, start), as dhcpd groups an IA's addresses. */
const iaRun = fc
  .tuple(lease6, fc.array(v6Arb, { maxLength: 3 }))
  .map(([l, more]) => [l, ...more.map((a) => ({ ...l, ip: l.ia === "pd" ? `${a}/64` : a }))]);
const anyLeases = fc
  .array(
    fc.oneof(
      lease.map((l) => [l]),
      iaRun,
    ),
    { maxLength: 8 },
  )
  .map((runs) => runs.flat());

const fragments = fc.constantFrom(
  "ia-na ",
  "ia_pd ",
  "iaaddr ",
  "iaprefix ",
  "2001:db8::1 ",
  "2001:db8::/56 ",
  "cltt ",
  "authoring-byte-order big-endian;",
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
  test.prop([anyLeases, fc.boolean(), fc.boolean(), fc.constantFrom("octal" as const, "hex" as const)])(
    "render -> parse round trip (v4 and DHCPv6, octal or hex identifiers)",
    (ls, epoch, header, idFormat) => {
      const r = parseDhcpdLeases(renderDhcpdLeases(ls, { epoch, header, idFormat }));
      expect(r.skips).toEqual([]);
      expect(r.records).toEqual(ls);
    },
  );

  // one address per IA, in the ranges the check's config serves; dhcpd -6 keeps active and
  // abandoned leases (it drops expired, released and free ones when it rewrites the file)
  const servable6 = fc
    .record({
      kind: fc.constantFrom("na" as const, "ta" as const, "pd" as const),
      n: fc.integer({ min: 0x100, max: 0x1ff }),
      t: fc.integer({ min: 1, max: 0xffff }),
      id: duidArb,
      iaid: iaidArb,
      start: second,
      end: fc.option(second, { nil: null }),
      state: fc.constantFrom("active", "abandoned"),
    })
    .map(
      (x): DhcpLease => ({
        ip:
          x.kind === "na"
            ? `2001:db8:0:1::${x.n.toString(16)}`
            : x.kind === "ta"
              ? `2001:db8:0:1:${x.t.toString(16)}::${x.n.toString(16)}`
              : `2001:db8:1:${(x.n & 0xff).toString(16)}00::/56`,
        mac: x.id.mac,
        start: x.start,
        end: x.end,
        state: x.state,
        hostname: null,
        ia: x.kind,
        iaid: x.iaid,
        duid: x.id.duid,
      }),
    );
  describe.skipIf(!hasDhcpd)("with dhcpd -6", () => {
    const iaKey = (l: DhcpLease) => `${l.ia} ${l.iaid} ${l.duid}`;
    const files = fc
      .uniqueArray(servable6, { selector: (l) => l.ip, minLength: 1, maxLength: 8 })
      .filter((ls) => new Set(ls.map(iaKey)).size === ls.length);
    test.prop([files, fc.constantFrom("octal" as const, "hex" as const)], { numRuns: 10 })(
      "dhcpd -6 -T reads rendered DHCPv6 lease files without errors and keeps every IA",
      (ls, idFormat) => {
        const c = dhcpd6LeaseCheck(renderDhcpdLeases(ls, { idFormat }));
        expect(c.errors).toBe("");
        expect({ na: c.na, ta: c.ta, pd: c.pd }).toEqual(keptIas(ls));
      },
    );
  });

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

  test.prop([anyLeases, junk, fc.array(fc.nat(), { maxLength: 10 }), fc.boolean()])(
    "split anywhere (strings or bytes) equals the whole-input parse",
    (ls, j, cuts, bytes) => {
      const text = `${renderDhcpdLeases(ls)}${j}\n}\n${renderDhcpdLeases(ls, { epoch: true, idFormat: "hex" }).replace(/\n/g, "\r\n")}`;
      expectSplitAnywhere(dhcpdLeasesParser, text, cuts, bytes, {});
    },
  );

  testSniffRange(sniff);
});
