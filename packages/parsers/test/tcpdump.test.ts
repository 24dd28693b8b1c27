import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { type Packet, Packet as PacketSchema, splitLines, zone } from "@fleetlens/core";
import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import {
  parser,
  parseTcpdump,
  renderTcpdump,
  sniff,
  type TcpdumpOptions,
  tcpdumpParser,
} from "../src/tcpdump/index.js";
import { packetArb, tsArb } from "./fixtures/pcap/packets.js";
import { parseChunks, splitAt } from "./support/contract.js";

const FIXTURES = join(import.meta.dirname, "fixtures", "tcpdump");
const decodePackets = Schema.decodeUnknownSync(Schema.Array(PacketSchema));

const toOptions = (o: Record<string, unknown>): TcpdumpOptions =>
  ({ ...o, ...(typeof o.zone === "string" ? { zone: zone(o.zone) } : {}) }) as TcpdumpOptions;

describe("tcpdump fixtures (real tcpdump 4.99.3 output on generated captures, and the seed sample)", () => {
  const cases = readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".txt"))
    .map((f) => f.slice(0, -4));
  it("has fixture pairs", () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });
  for (const name of cases) {
    it(name, () => {
      const text = readFileSync(join(FIXTURES, `${name}.txt`));
      const fx = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), "utf8"));
      const expected = decodePackets(fx.records);
      const r = parseTcpdump(text, toOptions(fx.options));
      expect(r.skips).toEqual([]);
      expect(r.records).toEqual(expected);
      expect(r.stats.lines).toBe(splitLines(new TextDecoder().decode(text)).length);
      expect(r.stats.records + r.stats.ignored).toBe(r.stats.lines);
    });
  }

  it("seed sample: the own-address line is ignored and inferred as self, banners ignored", () => {
    const r = parseTcpdump(readFileSync(join(FIXTURES, "seed--sample.txt"), "utf8"), { date: "2024-03-01" });
    expect(r.stats.ignoredBy).toEqual({ "own address": 1, banner: 2 });
    expect(r.stats.inferred).toEqual({ self: "192.168.100.207", date: "2024-03-01 from options.date" });
  });

  it("ignores -v / -X detail lines as continuations, and -v IPv4 headers once their body is read", () => {
    const v = parseTcpdump(readFileSync(join(FIXTURES, "tcpdump-4.99-nn-v--ipv4.txt")), {
      date: "2026-11-21",
    });
    expect(v.stats.ignoredBy["verbose header"]).toBe(v.records.length);
    const x = parseTcpdump(readFileSync(join(FIXTURES, "tcpdump-4.99-nn-X--hex.txt")));
    expect(x.stats.ignoredBy.continuation).toBeGreaterThan(x.records.length);
  });
});

describe("tcpdump lines", () => {
  const one = (line: string, o: TcpdumpOptions = {}) => {
    const r = parseTcpdump(`${line}\n`, o);
    expect(r.skips).toEqual([]);
    expect(r.records).toHaveLength(1);
    return r.records[0]!;
  };

  it("reads the FORMATS.md examples", () => {
    expect(
      one(
        "20:43:48.099966 IP 127.0.0.1.8080 > 127.0.0.1.43958: Flags [S.], seq 3784575663, ack 3832260039, win 65483, options [mss 65495,sackOK,TS val 3033762433 ecr 3525573988,nop,wscale 10], length 0",
        { date: "2026-11-21" },
      ),
    ).toEqual({
      ts: Date.UTC(2026, 10, 21, 20, 43, 48) + 99.966,
      proto: "tcp",
      src: "127.0.0.1",
      sport: 8080,
      dst: "127.0.0.1",
      dport: 43958,
      length: 0,
    });
    expect(
      one(
        "1795293828.300656 IP6 ::1.43860 > ::1.8443: Flags [P.], seq 1:19, ack 1, win 64, options [nop,nop,TS val 578323625 ecr 4137648486], length 18",
      ),
    ).toEqual({
      ts: 1795293828300.656,
      proto: "tcp",
      src: "::1",
      sport: 43860,
      dst: "::1",
      dport: 8443,
      length: 18,
    });
    expect(
      one("2026-11-21 20:43:48.300908 IP 127.0.0.1 > 127.0.0.1: ICMP echo request, id 4660, seq 1, length 64")
        .ts,
    ).toBe(Date.UTC(2026, 10, 21, 20, 43, 48) + 300.908);
    expect(
      one("22:13:31.134456 IP6 fe80::1 > ff02::1: ICMP6, echo request, id 7, seq 1, length 16"),
    ).toMatchObject({ proto: "icmp6", src: "fe80::1", dst: "ff02::1", sport: null, length: 16 });
    expect(one("22:13:33.136456 ARP, Reply 10.0.0.1 is-at 00:1a:2b:3c:4d:5e, length 28")).toMatchObject({
      proto: "arp",
      src: "10.0.0.1",
      dst: "",
      length: 28,
    });
    expect(
      one("IP 127.0.0.1 > 127.0.0.1: ICMP 127.0.0.1 udp port 9999 unreachable, length 68"),
    ).toMatchObject({ proto: "icmp", ts: null, length: 68 });
    expect(
      one(
        "20:43:59.840165 lo    In  IP 127.0.0.1.50068 > 127.0.0.1.8080: Flags [S], seq 1244272900, win 65495, length 0",
      ),
    ).toMatchObject({ iface: "lo", sport: 50068 });
    expect(one(" 00:00:00.000018 IP 10.0.0.5.5000 > 192.0.2.10.6000: UDP, length 100")).toMatchObject({
      ts: null,
      proto: "udp",
      length: 100,
    });
    expect(one("-00:00:01.000018 IP 10.0.0.5.5000 > 192.0.2.10.6000: UDP, length 100").ts).toBeNull();
    expect(one("    7  22:13:23.126456 IP 10.0.0.5.51514 > 93.184.216.34.443: tcp 88")).toMatchObject({
      sport: 51514,
      length: 88,
    });
  });

  it("keeps addresses and lengths through application decoders and cut headers", () => {
    expect(one("IP 10.0.0.5.43981 > 10.0.0.53.53: 43981+ A? example.com. (29)")).toMatchObject({
      proto: "udp",
      dport: 53,
      length: 29,
    });
    expect(one("IP 10.0.0.5.5000 > 10.0.0.6.161:  [P/U/U-0][!init SEQ]")).toMatchObject({
      proto: "udp",
      dport: 161,
      length: 0,
    });
    expect(one("IP 10.0.0.5.51514 > 93.184.216.34.443:  [|tcp]")).toMatchObject({
      proto: "tcp",
      sport: 51514,
      dport: 443,
      length: 0,
    });
    expect(one("IP 10.0.0.5 > 10.0.0.6: [|tcp]")).toMatchObject({
      proto: "tcp",
      src: "10.0.0.5",
      sport: null,
      length: 0,
    });
    expect(one("IP 10.0.0.5 > 10.0.0.6: ip-proto-17")).toMatchObject({
      proto: "udp",
      sport: null,
      length: 0,
    });
    expect(one("IP6 2001:db8::1 > fe80::2: HBH DSTOPT 5000 > 6000: UDP, length 10")).toMatchObject({
      proto: "udp",
      src: "2001:db8::1",
      sport: 5000,
      dport: 6000,
      length: 10,
    });
    expect(one("IP6 2001:db8::1 > fe80::2: frag (256|50)")).toMatchObject({
      proto: "other",
      sport: null,
      length: 50,
    });
    expect(one("IP truncated-ip - 112 bytes missing! 10.0.0.5.51514 > 10.0.0.6.443: tcp 200")).toMatchObject({
      sport: 51514,
      length: 200,
    });
    expect(one("IP 10.0.0.5 > 10.0.0.6: GREv0, length 100: gre-proto-0x0")).toMatchObject({
      proto: "other",
      length: 100,
    });
  });

  it("maps service names without -n and keeps host names", () => {
    expect(
      one("IP localhost.http-alt > web.example.com.43958: Flags [.], ack 1, win 512, length 0"),
    ).toMatchObject({
      src: "localhost",
      sport: 8080,
      dst: "web.example.com",
      dport: 43958,
    });
    expect(one("IP host.example.com.unknown-svc > localhost.https: tcp 5")).toMatchObject({
      src: "host.example.com",
      sport: null,
      dport: 443,
    });
    expect(one("IP host.example.com > localhost: ICMP echo reply, id 1, seq 2, length 64")).toMatchObject({
      src: "host.example.com",
      dst: "localhost",
    });
  });

  it("places plain times on the given day, rolls over at midnight and says so", () => {
    const r = parseTcpdump(
      "23:59:59.900000 IP 10.0.0.1.1 > 10.0.0.2.2: tcp 1\n00:00:00.100000 IP 10.0.0.1.1 > 10.0.0.2.2: tcp 1\n",
      { date: "2026-12-31" },
    );
    expect(r.records.map((p) => p.ts)).toEqual([
      Date.UTC(2026, 11, 31, 23, 59, 59, 900),
      Date.UTC(2027, 0, 1, 0, 0, 0, 100),
    ]);
    expect(r.stats.inferred.date).toBe("2027-01-01 from options.date, after 1 day rollover(s)");
    const ref = parseTcpdump("10:00:00.000001 IP 10.0.0.1.1 > 10.0.0.2.2: tcp 1\n", {
      reference: Date.UTC(2025, 5, 30, 23, 0),
      zone: zone("+09:00"),
    });
    expect(ref.records[0]!.ts).toBe(Date.UTC(2025, 6, 1, 1, 0, 0) + 0.001);
    expect(ref.stats.inferred.date).toBe("2025-07-01 from the reference time");
    expect(parseTcpdump("10:00:00.000001 IP 10.0.0.1.1 > 10.0.0.2.2: tcp 1\n").stats.inferred.date).toMatch(
      /^1970-01-01 from nothing/,
    );
  });

  it("reads -tttt in the given zone, across a DST change", () => {
    const r = parseTcpdump(
      "2026-03-29 01:59:59.000000 IP 10.0.0.1.1 > 10.0.0.2.2: tcp 1\n2026-03-29 03:00:00.000000 IP 10.0.0.1.1 > 10.0.0.2.2: tcp 1\n",
      { zone: zone("Europe/Berlin") },
    );
    expect(r.records.map((p) => p.ts)).toEqual([
      Date.UTC(2026, 2, 29, 0, 59, 59),
      Date.UTC(2026, 2, 29, 1, 0, 0),
    ]);
  });

  it("skips garbled lines with a reason and line number, ignores banners and blanks", () => {
    const text = [
      "tcpdump: listening on lo, link-type EN10MB (Ethernet), snapshot length 262144 bytes",
      "12:00:00.000000 IP 10.0.0.1.1 > 10.0.0.2.2: tcp 1",
      "12:00:0x.000000 IP 10.0.0.1.1 > 10.0.0.2.2: tcp 1",
      "12:00:01.000000 IP 10.0.0.1.1 10.0.0.2.2: tcp 1",
      "hello world",
      "",
      "12:00:02.000000 IP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 60)",
      "12:00:03.000000 LLDP, length 46",
      "3 packets captured",
      "5 packets received by filter",
      "0 packets dropped by kernel",
    ].join("\r\n");
    const r = parseTcpdump(text, { date: "2026-01-01" });
    expect(r.records).toHaveLength(1);
    expect(r.skips.map((s) => s.line)).toEqual([3, 4, 5, 7]);
    expect(r.skips[0]!.reason).toBe("bad timestamp");
    expect(r.skips[3]!.reason).toMatch(/verbose IP header without/);
    expect(r.stats.ignoredBy).toEqual({ banner: 4, blank: 1, "non-IP frame": 1 });
    expect(r.stats.lines).toBe(11);
  });

  it("bounds line length", () => {
    const r = parseTcpdump(`${"x".repeat(300)}\n12:00:00.000000 IP 10.0.0.1.1 > 10.0.0.2.2: tcp 1\n`, {
      maxLineLength: 100,
    });
    expect(r.skips).toEqual([{ line: 1, reason: "line longer than 100 bytes" }]);
    expect(r.records).toHaveLength(1);
  });

  it("sniffs tcpdump text, not other text or binary", () => {
    const enc = new TextEncoder();
    expect(sniff(readFileSync(join(FIXTURES, "seed--sample.txt")))).toBeGreaterThan(0.8);
    expect(sniff(readFileSync(join(FIXTURES, "tcpdump-4.99-nn-e--qinq.txt")))).toBe(0);
    expect(sniff(readFileSync(join(FIXTURES, "tcpdump-4.99-nn--sll2.txt")))).toBeGreaterThan(0.8);
    expect(sniff(enc.encode("State Recv-Q Send-Q Local Address:Port Peer Address:Port\n"))).toBe(0);
    expect(sniff(new Uint8Array([0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0]))).toBe(0);
    expect(parser.info.kind).toBe("tcpdump");
  });
});

describe("tcpdump properties", () => {
  const pkts = (o = {}) => fc.array(packetArb({ arp: true, fragments: true, ...o }), { maxLength: 30 });

  test.prop([pkts(), fc.boolean()])("render -> parse round trip (-tt, -q or not)", (ps, q) => {
    const r = parseTcpdump(renderTcpdump(ps, { timestamps: "tt", q }));
    expect(r.skips).toEqual([]);
    expect(r.records).toEqual(ps);
  });

  test.prop([pkts({ ts: fc.constant(null) })])("render -> parse round trip (-t)", (ps) => {
    expect(parseTcpdump(renderTcpdump(ps, { timestamps: "none" })).records).toEqual(ps);
  });

  test.prop([pkts({ ts: tsArb() }), fc.constantFrom("UTC", "+05:30", "America/New_York")])(
    "render -> parse round trip (-tttt in a zone, nanosecond digits)",
    (ps, zn) => {
      const z = zone(zn);
      const r = parseTcpdump(renderTcpdump(ps, { timestamps: "tttt", zone: z, nanos: true }), { zone: z });
      // wall times in a DST fall-back hour are ambiguous: compare the wall clock there
      expect(r.records.map((p) => ({ ...p, ts: null }))).toEqual(ps.map((p) => ({ ...p, ts: null })));
      r.records.forEach((p, i) => {
        expect(renderTcpdump([p], { timestamps: "tttt", zone: z })).toBe(
          renderTcpdump([ps[i]!], { timestamps: "tttt", zone: z }),
        );
      });
    },
  );

  test.prop([
    fc
      .array(fc.integer({ min: 0, max: 86_399_999_999 }), { maxLength: 30 })
      .map((a) => a.sort((x, y) => x - y)),
  ])("render -> parse round trip (plain HH:MM:SS within a day)", (micros) => {
    const day = Date.UTC(2026, 10, 21);
    const ps: Packet[] = micros.map((u) => ({
      ts: day + Math.floor(u / 1e6) * 1000 + (u % 1e6) / 1000,
      proto: "udp",
      src: "10.0.0.1",
      sport: 1,
      dst: "10.0.0.2",
      dport: 2,
      length: 3,
    }));
    // a backwards step of more than an hour never happens in sorted input
    expect(parseTcpdump(renderTcpdump(ps), { date: "2026-11-21" }).records).toEqual(ps);
  });

  test.prop([fc.string({ unit: "binary", maxLength: 400 })])(
    "arbitrary text never throws and accounts for every line",
    (s) => {
      const r = parseTcpdump(s);
      expect(r.stats.lines).toBe(splitLines(s).length);
      expect(r.stats.records + r.stats.skipped + r.stats.ignored).toBe(r.stats.lines);
    },
  );

  test.prop([
    fc
      .array(
        fc.oneof(
          fc.constantFrom(
            "IP ",
            "IP6 ",
            "ARP, ",
            " > ",
            ": ",
            "tcp ",
            "UDP, length ",
            "Flags [P.], ",
            ", length ",
            "12:00:00.",
            "1795293828.",
            "[|tcp]",
            "frag (",
            "|",
            ")",
            "(",
            "\n",
            "    ",
            "\t",
            "lo    In  ",
            "ethertype IPv4 (0x0800), length 60: ",
            "vlan 1, p 0, ",
            "who-has ",
            " tell ",
            "Reply ",
          ),
          fc.stringMatching(/^[0-9.:a-f]{1,12}$/),
        ),
        { maxLength: 40 },
      )
      .map((a) => a.join("")),
  ])("tcpdump-like noise never throws and accounts for every line", (s) => {
    const r = parseTcpdump(s, { date: "2026-01-01" });
    expect(r.stats.lines).toBe(splitLines(s).length);
  });

  test.prop([fc.uint8Array({ maxLength: 400 })])("arbitrary bytes never throw", (b) => {
    const r = parseTcpdump(b);
    expect(r.stats.records + r.stats.skipped + r.stats.ignored).toBe(r.stats.lines);
  });

  test.prop([pkts(), fc.array(fc.nat(), { maxLength: 8 }), fc.boolean()])(
    "split anywhere (bytes or text) equals whole input",
    (ps, cuts, asBytes) => {
      const text = `tcpdump: x\n${renderTcpdump(ps, { timestamps: "default" })}\u00e9\u{1F600} garbage\r\n  cont\n`;
      const whole = parseTcpdump(text, { date: "2026-01-01" });
      const input = asBytes ? new TextEncoder().encode(text) : text;
      const parts = parseChunks(tcpdumpParser, splitAt(input, cuts), { date: "2026-01-01" });
      expect(parts.records).toEqual(whole.records);
      expect(parts.skips).toEqual(whole.skips);
      expect(parts.stats).toEqual(whole.stats);
    },
  );
});
