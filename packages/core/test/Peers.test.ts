import { fc, test } from "@fast-check/vitest";
import {
  HostTraffic,
  Net,
  type Packet,
  PeerReport,
  Peers,
  seedDiffIpVm,
  uncommonPeers,
} from "@fleetlens/core";
import { Schema } from "effect";
import { describe, expect, it } from "vitest";

const T0 = Date.UTC(2024, 10, 21, 16, 30);
const pkt = (
  src: string,
  dst: string,
  length: number,
  ts: number | null = T0,
  proto: Packet["proto"] = "tcp",
): Packet => ({
  ts,
  proto,
  src,
  sport: proto === "arp" ? null : 40000,
  dst,
  dport: proto === "arp" ? null : 22,
  length,
});

describe("HostTraffic", () => {
  it("keeps per-peer totals, the capture span and direction with explicit own addresses", () => {
    const t = new HostTraffic("vm1", { self: ["192.168.100.207"] });
    t.add(pkt("192.168.100.207", "192.168.100.101", 88, T0));
    t.add(pkt("192.168.100.101", "192.168.100.207", 0, T0 + 33));
    t.add(pkt("192.168.100.101", "192.168.100.207", 1112, T0 + 4910));
    t.add(pkt("192.168.100.207", "10.0.0.53", 40, T0 + 10_000, "udp"));
    const s = t.summary();
    expect(s.self).toEqual(["192.168.100.207"]);
    expect(s.peers.map((p) => p.ip)).toEqual(["10.0.0.53", "192.168.100.101"]);
    expect(s.peers[1]).toEqual({
      ip: "192.168.100.101",
      packets: 3,
      bytes: 1200,
      bytesFrom: 1112,
      bytesTo: 88,
      first: T0,
      last: T0 + 4910,
    });
    expect(s.rxBytes).toBe(1112);
    expect(s.txBytes).toBe(128);
    expect(s.packets).toBe(4);
    expect(s.bytes).toBe(1240);
    expect([s.first, s.last, s.spanMs]).toEqual([T0, T0 + 10_000, 10_000]);
  });

  it("uses wireLength when a record has it", () => {
    const t = new HostTraffic("vm1", { self: ["10.0.0.5"] });
    t.add({ ...pkt("10.0.0.5", "10.0.0.9", 0), wireLength: 66 });
    expect(t.summary().txBytes).toBe(66);
  });

  it("infers the own address from >= 90% of the packets and never lists it as a peer", () => {
    const t = new HostTraffic("vm1");
    for (let i = 0; i < 30; i++) t.add(pkt("10.0.0.5", `10.0.1.${i % 7}`, 100, T0 + i * 1000));
    t.add(pkt("10.0.0.77", "10.0.0.255", 50, T0)); // someone else's broadcast: 30/31 still >= 90%
    const s = t.summary();
    expect(s.selfInferred).toEqual(["10.0.0.5"]);
    expect(s.self).toEqual(["10.0.0.5"]);
    expect(s.peers.map((p) => p.ip)).not.toContain("10.0.0.5");
    expect(s.peers).toHaveLength(9);
    expect(s.txBytes).toBe(3000);
  });

  it("does not infer below selfMinPackets or when the share is under selfShare", () => {
    const small = new HostTraffic("vm1");
    for (let i = 0; i < 5; i++) small.add(pkt("10.0.0.5", `10.0.1.${i}`, 1));
    expect(small.summary().self).toEqual([]);
    expect(small.summary().rxBytes).toBeNull();
    const spread = new HostTraffic("vm1");
    for (let i = 0; i < 40; i++) spread.add(pkt(`10.0.0.${i % 2 === 0 ? 5 : 6}`, `10.0.1.${i}`, 1));
    expect(spread.summary().self).toEqual([]);
  });

  it("reports ambiguity when one conversation fills the capture", () => {
    const t = new HostTraffic("vm1");
    for (let i = 0; i < 25; i++)
      t.add(i % 2 ? pkt("10.0.0.5", "10.0.0.9", 10) : pkt("10.0.0.9", "10.0.0.5", 10));
    const s = t.summary();
    expect(s.self).toEqual([]);
    expect(s.selfAmbiguous).toEqual(["10.0.0.5", "10.0.0.9"]);
  });

  it("infers IPv4 and IPv6 own addresses separately and merges IPv6 spellings", () => {
    const t = new HostTraffic("vm1");
    for (let i = 0; i < 25; i++) {
      t.add(pkt("10.0.0.5", `10.0.1.${i}`, 1));
      t.add(pkt(`2001:db8::${(i + 16).toString(16)}`, i % 2 ? "2001:DB8:0:0::5" : "2001:db8::5", 1));
    }
    const s = t.summary();
    expect(s.self).toEqual(["10.0.0.5", "2001:db8::5"]);
    expect(s.peers.some((p) => p.ip.toLowerCase().includes("2001:db8:0:0"))).toBe(false);
    expect(s.peers).toHaveLength(50);
  });

  it("still infers the other family's own address when one family's is given", () => {
    const t = new HostTraffic("vm1", { self: ["10.0.0.5"] });
    for (let i = 0; i < 25; i++) t.add(pkt(`2001:db8::${(i + 16).toString(16)}`, "2001:db8::5", 1));
    for (let i = 0; i < 25; i++) t.add(pkt("10.0.0.9", "10.0.0.7", 1)); // 10.0.0.9/7 are not inferred
    const s = t.summary();
    expect([s.self, s.selfInferred]).toEqual([["10.0.0.5", "2001:db8::5"], ["2001:db8::5"]]);
    expect(s.peers.map((p) => p.ip)).toContain("10.0.0.9");
  });

  it("canonicalises explicit own addresses", () => {
    const t = new HostTraffic("vm1", { self: ["2001:DB8:0::1"] });
    t.add(pkt("2001:db8::1", "2001:db8::2", 5));
    expect(t.summary().peers.map((p) => p.ip)).toEqual(["2001:db8::2"]);
  });

  it("ignores ARP unless asked and counts it", () => {
    const t = new HostTraffic("vm1", { self: ["10.0.0.5"] });
    t.add(pkt("10.0.0.5", "10.0.0.1", 28, T0, "arp"));
    expect(t.summary().peers).toEqual([]);
    expect(t.summary().arpPackets).toBe(1);
    const u = new HostTraffic("vm1", { self: ["10.0.0.5"], includeArp: true });
    u.add(pkt("10.0.0.5", "10.0.0.1", 28, T0, "arp"));
    expect(u.summary().peers.map((p) => p.ip)).toEqual(["10.0.0.1"]);
  });

  it("handles untimed packets and non-address text", () => {
    const t = new HostTraffic("vm1", { self: ["10.0.0.5"] });
    t.add(pkt("10.0.0.5", "10.0.0.9", 5, null));
    t.add(pkt("aa:bb:cc:dd:ee:ff", "10.0.0.5", 5, null, "other"));
    const s = t.summary();
    expect([s.first, s.last, s.spanMs, s.untimedPackets]).toEqual([null, null, 0, 2]);
    expect(s.peers).toEqual([
      { ip: "10.0.0.9", packets: 1, bytes: 5, bytesFrom: 0, bytesTo: 5, first: null, last: null },
    ]);
    expect(s.nonIpAddresses).toBe(1);
  });

  it("bounds the number of tracked addresses", () => {
    const t = new HostTraffic("vm1", { self: ["10.0.0.5"], maxAddresses: 3 });
    for (let i = 0; i < 10; i++) t.add(pkt("10.0.0.5", `10.0.2.${i}`, 1));
    const s = t.summary();
    expect(s.peers).toHaveLength(2);
    expect(s.untracked).toBe(8);
  });
});

describe("analyse / uncommonPeers", () => {
  const fleet = [
    { host: "a", peers: ["10.0.0.53", "10.0.0.123", "10.0.0.9"] },
    { host: "b", peers: ["10.0.0.53", "10.0.0.123"] },
    { host: "c", peers: ["10.0.0.53", "192.168.1.7", "10.0.0.9"] },
  ];

  it("follows the seed with quorum 1: common = seen by every host", () => {
    const r = uncommonPeers(fleet);
    expect(r).toEqual([
      { host: "a", uncommonPeers: ["10.0.0.9", "10.0.0.123"], commonPeers: 1 },
      { host: "b", uncommonPeers: ["10.0.0.123"], commonPeers: 1 },
      { host: "c", uncommonPeers: ["10.0.0.9", "192.168.1.7"], commonPeers: 1 },
    ]);
    for (const row of r)
      expect(Schema.decodeUnknownSync(PeerReport)(Schema.encodeSync(PeerReport)(row))).toEqual(row);
    expect(seedDiffIpVm(r)).toBe("a\nb\nc\n");
  });

  it("with quorum < 1 a peer seen by enough hosts is common", () => {
    const a = Peers.analyse(fleet, { quorum: 0.6 });
    expect(a.needed).toBe(2);
    expect(a.common).toEqual(["10.0.0.9", "10.0.0.53", "10.0.0.123"]);
    expect(a.reports.map((r) => r.uncommonPeers)).toEqual([[], [], ["192.168.1.7"]]);
    expect(seedDiffIpVm(a.reports)).toBe("c\n");
  });

  it("allow-listed CIDRs are never uncommon and count as common", () => {
    const r = uncommonPeers(fleet, { allow: ["10.0.0.0/28", "192.168.1.0/24"] });
    expect(r.map((x) => [x.uncommonPeers, x.commonPeers])).toEqual([
      [["10.0.0.123"], 2],
      [["10.0.0.123"], 1],
      [[], 3],
    ]);
    expect(() => uncommonPeers(fleet, { allow: ["10.0.0.0/33"] })).toThrow(/10\.0\.0\.0\/33/);
  });

  it("drops special addresses unless told otherwise", () => {
    const hosts = [
      {
        host: "a",
        peers: ["224.0.0.251", "ff02::fb", "fe80::1", "169.254.169.254", "255.255.255.255", "127.0.0.1"],
      },
      { host: "b", peers: [] },
    ];
    expect(uncommonPeers(hosts)).toEqual([
      { host: "a", uncommonPeers: [], commonPeers: 0 },
      { host: "b", uncommonPeers: [], commonPeers: 0 },
    ]);
    expect(uncommonPeers(hosts, { excludeSpecial: false })[0]!.uncommonPeers).toEqual([
      "127.0.0.1",
      "169.254.169.254",
      "224.0.0.251",
      "255.255.255.255",
      "fe80::1",
      "ff02::fb",
    ]);
  });

  it("compares IPv6 peers in canonical form", () => {
    const r = uncommonPeers([
      { host: "a", peers: ["2001:DB8:0:0:0:0:0:53", "2001:db8::9"] },
      { host: "b", peers: ["2001:db8::53"] },
    ]);
    expect(r).toEqual([
      { host: "a", uncommonPeers: ["2001:db8::9"], commonPeers: 1 },
      { host: "b", uncommonPeers: [], commonPeers: 1 },
    ]);
  });

  it("removes a host's own addresses and merges a host named twice", () => {
    const r = uncommonPeers([
      { host: "a", peers: ["10.0.0.5", "10.0.0.53"], self: ["10.0.0.5"] },
      { host: "b", peers: ["10.0.0.53"] },
      { host: "a", peers: [{ ip: "10.0.0.77" }] },
    ]);
    expect(r).toEqual([
      { host: "a", uncommonPeers: ["10.0.0.77"], commonPeers: 1 },
      { host: "b", uncommonPeers: [], commonPeers: 1 },
    ]);
  });

  it("says when the baseline cannot show anything (one host, quorum 1)", () => {
    const a = Peers.analyse([{ host: "solo", peers: ["10.0.0.9"] }]);
    expect(a.reports).toEqual([{ host: "solo", uncommonPeers: [], commonPeers: 1 }]);
    expect(a.notes.join(" ")).toMatch(/single host.*every peer.*common/);
    expect(Peers.analyse(fleet).notes).toEqual([]);
    expect(Peers.analyse(fleet, { quorum: 0.2 }).notes.join(" ")).toMatch(/needs only 1 host/);
    expect(Peers.analyse([]).reports).toEqual([]);
  });

  it("orders addresses: IPv4 numerically, then IPv6, then other text", () => {
    const xs = ["::1", "10.0.0.10", "zz", "10.0.0.9", "2001:db8::", "9.255.255.255"];
    expect([...xs].sort(Peers.compareIp)).toEqual([
      "9.255.255.255",
      "10.0.0.9",
      "10.0.0.10",
      "::1",
      "2001:db8::",
      "zz",
    ]);
  });
});

// Properties.
const v4 = fc
  .tuple(fc.constantFrom(10, 192, 8), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 9 }))
  .map(([a, b, c]) => `${a}.0.${b}.${c}`);
const v6 = fc.integer({ min: 0, max: 20 }).map((n) => `2001:db8::${n.toString(16)}`);
const addr = fc.oneof(v4, v6);
const packetArb = fc
  .record({
    src: addr,
    dst: addr,
    length: fc.integer({ min: 0, max: 1500 }),
    ts: fc.option(fc.integer({ min: T0, max: T0 + 3_600_000 }), { nil: null }),
    proto: fc.constantFrom("tcp", "udp", "icmp", "arp" as const),
  })
  .map((r) => pkt(r.src, r.dst, r.length, r.ts, r.proto as Packet["proto"]));
const hostsArb = fc.array(
  fc.record({ host: fc.constantFrom("a", "b", "c", "d", "e"), peers: fc.array(addr, { maxLength: 12 }) }),
  { maxLength: 6 },
);

describe("properties", () => {
  test.prop([
    hostsArb,
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: 0, max: 1, noNaN: true }),
  ])("a higher quorum never makes more peers common (q=1 common ⊆ q=0.5 common)", (hosts, x, y) => {
    const [lo, hi] = x <= y ? [x, y] : [y, x];
    const cHi = new Set(Peers.analyse(hosts, { quorum: hi }).common);
    const cLo = new Set(Peers.analyse(hosts, { quorum: lo }).common);
    for (const ip of cHi) expect(cLo.has(ip)).toBe(true);
    const c1 = Peers.analyse(hosts, { quorum: 1 }).common;
    const cHalf = new Set(Peers.analyse(hosts, { quorum: 0.5 }).common);
    for (const ip of c1) expect(cHalf.has(ip)).toBe(true);
  });

  test.prop([fc.array(packetArb, { maxLength: 120 }), fc.array(addr, { maxLength: 2 }), fc.boolean()])(
    "own addresses never appear as peers",
    (packets, self, includeArp) => {
      const s = Peers.summarise("h", packets, { self, includeArp });
      const own = new Set(s.self);
      for (const p of s.peers) expect(own.has(p.ip)).toBe(false);
      const rows = uncommonPeers([s, { host: "other", peers: [] }], { quorum: 0.5 });
      for (const ip of rows[0]!.uncommonPeers) expect(own.has(ip)).toBe(false);
      for (const x of self) expect(s.self).toContain(Net.canonicalIp(x));
    },
  );

  test.prop([fc.array(packetArb, { maxLength: 120 }), fc.func(fc.integer())])(
    "the summary does not depend on packet order",
    (packets, key) => {
      const shuffled = packets
        .map((p, i) => [key(i), i, p] as const)
        .sort((a, b) => a[0] - b[0] || a[1] - b[1])
        .map((x) => x[2]);
      expect(Peers.summarise("h", shuffled)).toEqual(Peers.summarise("h", packets));
    },
  );

  test.prop([
    fc.array(
      fc.record({
        src: fc.string(),
        dst: fc.string(),
        length: fc.double(),
        ts: fc.option(fc.double(), { nil: null }),
      }),
      { maxLength: 50 },
    ),
  ])("arbitrary packet fields never throw and every packet is counted", (rows) => {
    const t = new HostTraffic("h");
    for (const r of rows) t.addFlow(r.src, r.dst, r.length, r.ts);
    const s = t.summary();
    expect(s.packets).toBe(rows.length);
    expect(s.bytes >= 0).toBe(true); // never NaN or negative
    expect(() => uncommonPeers([s])).not.toThrow();
  });
});
