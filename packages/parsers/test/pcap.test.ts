import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import type { Emit, Packet, StreamParser } from "@fleetlens/core";
import { describe, expect, it } from "vitest";
import {
  frameLength,
  type PcapRenderOptions,
  parsePcap,
  parser,
  pcapParser,
  renderPcap,
  renderPcapng,
  sniff,
} from "../src/pcap/index.js";
import { parseTcpdump, tcpdumpParser } from "../src/tcpdump/index.js";
import { packetArb, samplePackets } from "./fixtures/pcap/packets.js";
import { parseChunks, splitAt } from "./support/contract.js";

const TMP = mkdtempSync(join(tmpdir(), "fleetlens-pcap-"));
let fileNo = 0;
const tmpFile = (bytes: Uint8Array, ext = "pcap"): string => {
  const f = join(TMP, `c${fileNo++}.${ext}`);
  writeFileSync(f, bytes);
  return f;
};

const hasTcpdump = spawnSync("tcpdump", ["--version"]).status === 0;
/** ifindex → name on this host (tcpdump prints Linux cooked v2 interfaces by local name). */
const ifNames = new Map<string, string>();
try {
  for (const n of readdirSync("/sys/class/net"))
    ifNames.set(readFileSync(`/sys/class/net/${n}/ifindex`, "utf8").trim(), n);
} catch {
  // not Linux: SLL2 names are compared as printed
}

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

/** A libpcap file around raw frames (little-endian, µs). */
const pcapOf = (frames: Uint8Array[], linktype: number, ts = 1795293828): Uint8Array => {
  const parts: Uint8Array[] = [];
  const h = new DataView(new ArrayBuffer(24));
  h.setUint32(0, 0xa1b2c3d4, true);
  h.setUint16(4, 2, true);
  h.setUint16(6, 4, true);
  h.setUint32(16, 262144, true);
  h.setUint32(20, linktype, true);
  parts.push(new Uint8Array(h.buffer));
  frames.forEach((f, i) => {
    const r = new DataView(new ArrayBuffer(16));
    r.setUint32(0, ts + i, true);
    r.setUint32(4, 5, true);
    r.setUint32(8, f.length, true);
    r.setUint32(12, f.length, true);
    parts.push(new Uint8Array(r.buffer), f);
  });
  return concat(...parts);
};

/** The frame bytes of one packet as the renderer writes them (from a one-packet pcap). */
const frameOf = (p: Packet, linktype = 1): Uint8Array => renderPcap([p], { linktype }).slice(40);

// ---------------------------------------------------------------------------------------------
// Oracle: the real tcpdump reads the same capture; its text, read by the tcpdump parser, must
// give the records the pcap parser gives, and every line it prints must be understood.

const runTcpdump = (file: string, flags: string[]): string => {
  const r = spawnSync("tcpdump", ["-r", file, ...flags], { env: { TZ: "UTC", PATH: process.env.PATH } });
  if (r.status !== 0) throw new Error(`tcpdump ${flags.join(" ")}: ${r.stderr}`);
  return r.stderr.toString() + r.stdout.toString();
};

const expectOracle = (bytes: Uint8Array, flags: string[], ext = "pcap") => {
  const file = tmpFile(bytes, ext);
  const text = runTcpdump(file, flags);
  const p = parsePcap(bytes);
  // plain HH:MM:SS output: the day of the first packet (TZ=UTC), as a user would pass --date
  const first = p.records.find((r) => r.ts !== null)?.ts ?? 0;
  const t = parseTcpdump(text, { date: new Date(first).toISOString().slice(0, 10) });
  // Unit by unit: a packet the capture reader skips (headers cut by the snapshot length before any
  // address) is one tcpdump prints as ` [|arp]`; every other printed line must be a record.
  const po = outcomes(pcapParser, bytes, {}).filter(
    (o) => o !== "file header" && o !== "section header" && o !== "interface description",
  );
  const to = outcomes(tcpdumpParser, text, { date: new Date(first).toISOString().slice(0, 10) }).filter(
    (o) => o !== "banner" && o !== "continuation" && o !== "verbose header",
  );
  expect(to, `${flags.join(" ")}\n${text}`).toEqual(po);
  const normal = p.records.map((r, i) => {
    const q = { ...r } as { -readonly [K in keyof Packet]: Packet[K] };
    const tr = t.records[i];
    if (tr?.wireLength === undefined) delete q.wireLength;
    if (tr?.iface === undefined) delete q.iface;
    else if (q.iface !== undefined) q.iface = ifNames.get(q.iface) ?? q.iface;
    if (tr?.proto === "arp" && tr.dst === "" && q.proto === "arp") q.dst = ""; // a reply's target is not printed
    if (tr && tr.ts === null) q.ts = null;
    return q;
  });
  expect(normal).toEqual(t.records);
  return p;
};

/** The sequence of outcomes: "record", "skip" or the ignore reason. */
const outcomes = <O>(
  factory: (e: Emit<Packet>, o: O) => StreamParser,
  input: string | Uint8Array,
  o: O,
): string[] => {
  const out: string[] = [];
  const p = factory(
    {
      record: () => out.push("record"),
      skip: () => out.push("skip"),
      ignore: (_n, why) => out.push(why),
      infer: () => undefined,
    },
    o,
  );
  p.push(input);
  p.end();
  return out;
};

const FLAGSETS = [
  ["-nn", "-tt"],
  ["-nn", "-q", "-tt"],
  ["-nn", "-e", "-tt"],
  ["-nn", "-v", "-tt"],
  ["-nn", "-q", "-v"],
  ["-nn", "-#", "-ttt"],
  ["-nn", "-tttt"],
  ["-nn", "-q", "-e", "-tt"],
];

describe.runIf(hasTcpdump)("pcap vs the real tcpdump (oracle)", () => {
  const mixed = samplePackets(60, 21, { arp: true, fragments: true });
  const v4only = samplePackets(30, 22, { v6: false, fragments: true });
  const v6only = samplePackets(30, 23, { v4: false });
  const ipOnly = samplePackets(40, 24, { fragments: true });

  const cases: [string, Packet[], PcapRenderOptions][] = [
    ["Ethernet LE µs", mixed, { linktype: 1 }],
    ["Ethernet BE ns", mixed, { linktype: 1, bigEndian: true, nanos: true }],
    ["802.1Q", mixed, { linktype: 1, vlan: [100] }],
    ["QinQ", mixed, { linktype: 1, vlan: [100, 200] }],
    ["Linux cooked v1", mixed, { linktype: 113 }],
    ["Linux cooked v2", mixed.map((p) => ({ ...p, iface: "1" })), { linktype: 276 }],
    ["RAW", ipOnly, { linktype: 101 }],
    ["NULL", ipOnly, { linktype: 0 }],
    ["LOOP", ipOnly, { linktype: 108, bigEndian: true }],
    ["IPV4", v4only, { linktype: 228 }],
    ["IPV6", v6only, { linktype: 229 }],
    ["snaplen 64", mixed, { linktype: 1, snaplen: 64 }],
    ["snaplen 40", mixed, { linktype: 1, snaplen: 40 }],
  ];
  for (const [name, packets, opts] of cases) {
    it(`libpcap ${name}`, () => {
      const bytes = renderPcap(packets, opts);
      for (const flags of FLAGSETS) {
        const p = expectOracle(bytes, flags);
        if (!opts.snaplen) expect(p.records).toHaveLength(packets.length);
      }
      if (opts.nanos) expectOracle(bytes, ["-nn", "-tt", "--time-stamp-precision=nano"]);
      if (!opts.snaplen) {
        // and the capture holds the generator's truth
        const lt = opts.linktype ?? 1;
        expect(parsePcap(bytes).records).toEqual(
          packets.map((p) => ({ ...p, wireLength: frameLength(p, lt, opts.vlan?.length ?? 0) })),
        );
      }
    });
  }

  it("pcapng: two sections of different byte order, several interfaces, ns resolution", () => {
    const a = mixed.slice(0, 30).map((p, i) => ({ ...p, iface: i % 3 === 0 ? "eth0" : "lo" }));
    const b = mixed.slice(30).map((p, i) => ({ ...p, iface: i % 2 === 0 ? "wlan0" : "eth1" }));
    // libpcap 1.10 refuses a section whose byte order differs from the first: the oracle gets two
    // sections of one order; mixed orders are checked against separate parses below.
    const bytes = concat(renderPcapng(a, { linktype: 1 }), renderPcapng(b, { linktype: 1, nanos: true }));
    for (const flags of FLAGSETS) expectOracle(bytes, flags, "pcapng");
    const beSecond = renderPcapng(b, { linktype: 1, bigEndian: true, nanos: true });
    expect(parsePcap(concat(renderPcapng(a, { linktype: 1 }), beSecond)).records).toEqual(
      parsePcap(bytes).records,
    );
    expect(parsePcap(beSecond).records).toEqual(
      parsePcap(renderPcapng(b, { linktype: 1, nanos: true })).records,
    );
    const r = parsePcap(bytes);
    expect(r.records.map((p) => p.iface)).toEqual([...a, ...b].map((p) => p.iface));
    expect(r.stats.ignoredBy).toEqual({ "section header": 2, "interface description": 4 });
  });

  it("IPv6 extension headers and fragments, ICMP errors, non-IP frames", () => {
    const v6 = (nh: number, ext: number[], l4: number[]) => {
      const payload = [...ext, ...l4];
      return new Uint8Array([
        0x60,
        0,
        0,
        0,
        payload.length >> 8,
        payload.length & 255,
        nh,
        64,
        0x20,
        0x01,
        0x0d,
        0xb8,
        ...Array(11).fill(0),
        1,
        0xfe,
        0x80,
        ...Array(13).fill(0),
        2,
        ...payload,
      ]);
    };
    const udp = [0x13, 0x88, 0x17, 0x70, 0, 18, 0, 0, ...Array(10).fill(0)];
    const frames = [
      v6(0, [60, 0, 1, 4, 0, 0, 0, 0, 17, 0, 1, 4, 0, 0, 0, 0], udp), // HBH + DSTOPT + UDP
      v6(44, [17, 0, 0, 1, 0, 0, 0, 7], udp), // first fragment
      v6(44, [17, 0, 0x01, 0x00, 0, 0, 0, 7], Array(50).fill(0)), // non-first fragment
      v6(
        43,
        [6, 0, 0, 0, 0, 0, 0, 0],
        [0x13, 0x88, 0x17, 0x70, 0, 0, 0, 1, 0, 0, 0, 2, 0x50, 0x18, 1, 0, 0, 0, 0, 0, 1, 2, 3],
      ),
    ];
    const raw = pcapOf(frames, 229);
    for (const flags of FLAGSETS) expectOracle(raw, flags);
    expect(parsePcap(raw).records.map((p) => [p.proto, p.sport, p.dport, p.length])).toEqual([
      ["udp", 5000, 6000, 10],
      ["udp", 5000, 6000, 10],
      ["other", null, null, 50],
      ["tcp", 5000, 6000, 3],
    ]);
    // an Ethernet LLDP frame is ignored as non-IP by both parsers
    const lldp = concat(
      frameOf(samplePackets(1, 3, { v6: false })[0]!).slice(0, 12),
      new Uint8Array([0x88, 0xcc]),
      new Uint8Array(46),
    );
    const eth = pcapOf([lldp, frameOf(mixed[0]!)], 1);
    expectOracle(eth, ["-nn", "-tt"]);
    expect(parsePcap(eth).stats.ignoredBy).toEqual({ "file header": 1, "non-IP frame": 1 });
  });
});

// ---------------------------------------------------------------------------------------------
// A live capture on loopback (needs capture rights; only 127.0.0.1 traffic is generated).

const canCapture = (() => {
  if (!hasTcpdump) return false;
  // -d opens the interface (so needs capture rights), prints the compiled filter and exits
  const r = spawnSync("tcpdump", ["-i", "lo", "-d", "udp"], { timeout: 4000 });
  return r.error === undefined && r.status === 0;
})();

const capture = async (iface: string, port: number, file: string): Promise<ChildProcess> => {
  const cp = spawn(
    "tcpdump",
    ["-i", iface, "-U", "-w", file, "-c", "10", `tcp port ${port} and host 127.0.0.1`],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("tcpdump did not start")), 8000);
    cp.stderr!.on("data", (d: Buffer) => {
      if (d.toString().includes("listening on")) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return cp;
};

describe.runIf(canCapture)("live loopback capture", () => {
  for (const iface of ["lo", "any"]) {
    it(`tcpdump -i ${iface}: pcap records equal tcpdump's own reading`, async () => {
      const server = net.createServer((s) => s.on("data", (d) => s.end(Buffer.concat([d, d]))));
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      const port = (server.address() as net.AddressInfo).port;
      const file = join(TMP, `live-${iface}.pcap`);
      const cp = await capture(iface, port, file);
      const exited = new Promise<void>((r) => cp.on("exit", () => r()));
      await new Promise<void>((resolve, reject) => {
        const c = net.connect(port, "127.0.0.1", () => c.write("hello fleetlens"));
        c.on("data", () => undefined);
        c.on("close", () => resolve());
        c.on("error", reject);
      });
      const timer = setTimeout(() => cp.kill("SIGINT"), 3000);
      await exited;
      clearTimeout(timer);
      server.close();
      const bytes = readFileSync(file);
      const p = expectOracle(bytes, ["-nn", "-tt"]);
      expectOracle(bytes, ["-nn", "-q", "-e", "-tt"]);
      expect(p.records.length).toBeGreaterThanOrEqual(6);
      expect(p.records.some((r) => r.proto === "tcp" && r.length === 15 && r.dport === port)).toBe(true);
      expect(p.records.some((r) => r.proto === "tcp" && r.length === 30 && r.sport === port)).toBe(true);
      if (iface === "any") expect(p.records.every((r) => r.iface !== undefined)).toBe(true);
    });
  }
});

// ---------------------------------------------------------------------------------------------

describe("pcap details", () => {
  const ps = samplePackets(6, 31, { arp: true });

  it("accounts for every unit of a valid capture", () => {
    const r = parsePcap(renderPcap(ps));
    expect(r.stats).toMatchObject({ lines: 7, records: 6, skipped: 0, ignored: 1 });
    const ng = parsePcap(renderPcapng(ps.map((p, i) => ({ ...p, iface: i % 2 ? "a" : "b" }))));
    expect(ng.stats).toMatchObject({ lines: 9, records: 6, skipped: 0, ignored: 3 });
  });

  it("resynchronises after a corrupt record header and says where", () => {
    const bytes = renderPcap(ps);
    let off = 24;
    for (let i = 0; i < 3; i++) off += 16 + new DataView(bytes.buffer).getUint32(off + 8, true);
    const bad = bytes.slice();
    new DataView(bad.buffer).setUint32(off + 8, 0x7fffffff, true);
    const r = parsePcap(bad);
    expect(r.records).toEqual(parsePcap(bytes).records.filter((_, i) => i !== 3));
    expect(r.skips).toHaveLength(1);
    expect(r.skips[0]!.offset).toBe(off);
    expect(r.skips[0]!.reason).toMatch(
      /^corrupt record header \(captured length 2147483647 > 262144\); skipped \d+ bytes/,
    );
  });

  it("reports a truncated last record, a truncated header, a foreign file, empty input", () => {
    const bytes = renderPcap(ps);
    const r = parsePcap(bytes.slice(0, bytes.length - 5));
    expect(r.records).toHaveLength(5);
    expect(r.skips[0]!.reason).toMatch(/^truncated record: only \d+ bytes at end of input$/);
    expect(parsePcap(bytes.slice(0, 10)).skips[0]!.reason).toMatch(/^truncated file header/);
    expect(parsePcap(new TextEncoder().encode("hello, world")).skips).toEqual([
      { line: 1, offset: 0, reason: "not a pcap or pcapng file (magic 0x6c6c6568)" },
    ]);
    expect(parsePcap(new Uint8Array(0)).stats.lines).toBe(0);
  });

  it("keeps what a cut transport header gives", () => {
    const tcp: Packet = {
      ts: 1795293828000,
      proto: "tcp",
      src: "10.0.0.5",
      sport: 51514,
      dst: "10.0.0.6",
      dport: 443,
      length: 88,
    };
    const cut = (snaplen: number) => parsePcap(renderPcap([tcp], { snaplen })).records[0];
    expect(cut(44)).toMatchObject({ sport: 51514, dport: 443, length: 0, wireLength: 142 });
    expect(cut(35)).toMatchObject({ sport: null, dport: null, length: 0 });
    expect(parsePcap(renderPcap([tcp], { snaplen: 20 })).skips[0]!.reason).toBe("truncated IPv4 header");
  });

  it("pcapng: SPB, obsolete PB, tsresol 2^-n, tsoffset, unknown/statistics blocks, undeclared interface, damaged block", () => {
    const le = (n: number, size = 4) => {
      const b = new Uint8Array(size);
      const dv = new DataView(b.buffer);
      if (size === 2) dv.setUint16(0, n, true);
      else dv.setUint32(0, n, true);
      return b;
    };
    const block = (type: number, body: Uint8Array) => {
      const pad = new Uint8Array((4 - (body.length % 4)) % 4);
      const len = 12 + body.length + pad.length;
      return concat(le(type), le(len), body, pad, le(len));
    };
    const frame = frameOf(ps[1]!);
    const shb = block(0x0a0d0d0a, concat(le(0x1a2b3c4d), le(1, 2), le(0, 2), new Uint8Array(8).fill(255)));
    // IDB: Ethernet, tsresol 2^-10 (0x8a), tsoffset +100 s
    const opts = concat(
      le(9, 2),
      le(1, 2),
      new Uint8Array([0x8a, 0, 0, 0]),
      le(14, 2),
      le(8, 2),
      le(100),
      le(0),
      le(0),
    );
    const idb = block(1, concat(le(1, 2), le(0, 2), le(262144), opts));
    const units = 1024 * 1_700_000_000 + 512; // 1.7e9 s + 0.5 s
    const epb = block(
      6,
      concat(
        le(0),
        le(Math.floor(units / 2 ** 32)),
        le(units % 2 ** 32),
        le(frame.length),
        le(frame.length),
        frame,
      ),
    );
    const pb = block(
      2,
      concat(
        le(0, 2),
        le(0, 2),
        le(Math.floor(units / 2 ** 32)),
        le(units % 2 ** 32),
        le(frame.length),
        le(frame.length),
        frame,
      ),
    );
    const spb = block(3, concat(le(frame.length), frame));
    const isb = block(5, concat(le(0), le(0), le(0)));
    const custom = block(0xbad, new Uint8Array(8));
    const stray = block(6, concat(le(7), le(0), le(0), le(frame.length), le(frame.length), frame));
    const broken = concat(le(6), le(13), new Uint8Array(20));
    const bytes = concat(shb, idb, epb, pb, spb, isb, custom, stray, broken, shb, idb, epb);
    const r = parsePcap(bytes);
    const want = { ...ps[1]!, wireLength: frame.length };
    expect(r.records).toEqual([
      { ...want, ts: (1_700_000_000 + 100) * 1000 + 500 },
      { ...want, ts: (1_700_000_000 + 100) * 1000 + 500 },
      { ...want, ts: null },
      { ...want, ts: (1_700_000_000 + 100) * 1000 + 500 },
    ]);
    expect(r.stats.ignoredBy).toEqual({
      "section header": 2,
      "interface description": 2,
      "interface statistics": 1,
      "other block": 1,
    });
    expect(r.skips.map((s) => s.reason)).toEqual([
      "packet for undeclared interface 7",
      "corrupt block header (type 0x00000006, length 13); skipped 28 bytes to resynchronise",
    ]);
    expect(r.skips[1]!.offset).toBe(bytes.length - shb.length - idb.length - epb.length - broken.length);
  });

  it("reads NULL in either byte order, LOOP, and DLT 12/14 as raw IP", () => {
    const p = ps.find((x) => x.proto !== "arp")!;
    const ip = frameOf(p, 101);
    const af = (b: number[]) => concat(new Uint8Array(b), ip);
    const v6 = p.src.includes(":");
    const nullLe = af(v6 ? [30, 0, 0, 0] : [2, 0, 0, 0]);
    const nullBe = af(v6 ? [0, 0, 0, 24] : [0, 0, 0, 2]);
    for (const [lt, f] of [
      [0, nullLe],
      [0, nullBe],
      [108, nullBe],
      [12, ip],
      [14, ip],
    ] as const)
      expect(parsePcap(pcapOf([f], lt)).records[0]).toMatchObject({
        proto: p.proto,
        src: p.src,
        dst: p.dst,
        length: p.length,
      });
    expect(parsePcap(pcapOf([ip], 147)).skips[0]!.reason).toBe("unsupported link type 147");
  });

  it("sniffs captures", () => {
    expect(sniff(renderPcap(ps))).toBe(1);
    expect(sniff(renderPcap(ps, { bigEndian: true, nanos: true }))).toBe(1);
    expect(sniff(renderPcapng(ps, { bigEndian: true }))).toBe(1);
    expect(sniff(new TextEncoder().encode("20:43:48.099948 IP 10.0.0.5.1 > 10.0.0.6.2: tcp 1\n"))).toBe(0);
    expect(parser.info.kind).toBe("pcap");
  });
});

describe("pcap properties", () => {
  const cfg = fc.constantFrom<[number, { arp?: boolean; v4?: boolean; v6?: boolean; fragments?: boolean }]>(
    [1, { arp: true, fragments: true }],
    [113, { arp: true, fragments: true }],
    [276, { arp: true }],
    [101, { fragments: true }],
    [0, {}],
    [108, {}],
    [228, { v6: false, fragments: true }],
    [229, { v4: false }],
  );
  const capture = cfg.chain(([lt, o]) =>
    fc.record({
      lt: fc.constant(lt),
      packets: fc.array(packetArb(o), { maxLength: 25 }),
      bigEndian: fc.boolean(),
      nanos: fc.boolean(),
      vlan: lt === 1 ? fc.array(fc.nat(4095), { maxLength: 2 }) : fc.constant([]),
    }),
  );
  const truth = (p: Packet, lt: number, vlans: number) => ({
    ...p,
    ...(lt === 276 ? { iface: "1" } : {}),
    wireLength: frameLength(p, lt, vlans),
  });

  test.prop([capture])("render -> parse round trip (libpcap)", ({ lt, packets, bigEndian, nanos, vlan }) => {
    const r = parsePcap(renderPcap(packets, { linktype: lt, bigEndian, nanos, vlan }));
    expect(r.skips).toEqual([]);
    expect(r.records).toEqual(packets.map((p) => truth(p, lt, vlan.length)));
    expect(r.stats.lines).toBe(packets.length + 1);
  });

  test.prop([capture, fc.constantFrom("eth0", "lo", "wlp3s0")])(
    "render -> parse round trip (pcapng)",
    ({ lt, packets, bigEndian, nanos, vlan }, name) => {
      const named = packets.map((p, i) => ({ ...p, iface: i % 2 ? name : "x0" }));
      const r = parsePcap(renderPcapng(named, { linktype: lt, bigEndian, nanos, vlan }));
      expect(r.skips).toEqual([]);
      expect(r.records).toEqual(named.map((p) => ({ ...p, wireLength: frameLength(p, lt, vlan.length) })));
    },
  );

  test.prop([capture, fc.array(fc.nat(), { maxLength: 10 }), fc.boolean(), fc.uint8Array({ maxLength: 64 })])(
    "split anywhere equals whole (with trailing damage)",
    ({ lt, packets, bigEndian, nanos, vlan }, cuts, ng, tail) => {
      const bytes = concat(
        (ng ? renderPcapng : renderPcap)(packets, { linktype: lt, bigEndian, nanos, vlan }),
        tail,
      );
      const whole = parsePcap(bytes);
      const parts = parseChunks(pcapParser, splitAt(bytes, cuts), {});
      expect(parts.records).toEqual(whole.records);
      expect(parts.skips).toEqual(whole.skips);
      expect(parts.stats).toEqual(whole.stats);
    },
  );

  test.prop([fc.uint8Array({ maxLength: 2000 })])("arbitrary bytes never throw", (b) => {
    const r = parsePcap(b);
    expect(r.stats.records + r.stats.skipped + r.stats.ignored).toBe(r.stats.lines);
    if (b.length > 0) expect(r.stats.lines).toBeGreaterThan(0);
  });

  test.prop([
    capture,
    fc.boolean(),
    fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 12 }),
    fc.nat(),
  ])(
    "damaged captures never throw, and every record before the damage survives",
    ({ lt, packets, vlan }, ng, flips, cut) => {
      const good = (ng ? renderPcapng : renderPcap)(packets, { linktype: lt, vlan });
      const bad = good.slice(0, Math.max(ng ? 28 : 24, cut % (good.length + 1)));
      for (const [at, v] of flips) bad[at % bad.length] = v;
      const first = Math.min(...flips.map(([at]) => at % bad.length), bad.length);
      const r = parsePcap(bad);
      expect(r.stats.records + r.stats.skipped + r.stats.ignored).toBe(r.stats.lines);
      // records wholly before the first damaged byte are read unchanged
      const clean = parsePcap(good.slice(0, first));
      expect(r.records.slice(0, clean.records.length)).toEqual(clean.records);
    },
  );

  test.prop([capture, fc.nat()])(
    "a capture cut anywhere: the complete records, then one skip",
    ({ lt, packets }, cut) => {
      const bytes = renderPcap(packets, { linktype: lt });
      const at = cut % (bytes.length + 1);
      const r = parsePcap(bytes.slice(0, at));
      const ends = [24];
      for (const p of packets) ends.push(ends.at(-1)! + 16 + frameLength(p, lt));
      const complete = ends.filter((e) => e <= at).length - 1;
      expect(r.records).toHaveLength(Math.max(0, complete));
      expect(r.stats.skipped).toBe(at === 0 || ends.includes(at) ? 0 : 1);
    },
  );
});
