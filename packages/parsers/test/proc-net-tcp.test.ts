import { execFileSync } from "node:child_process";
import * as dgram from "node:dgram";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import * as net from "node:net";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { Net, Socket } from "@fleetlens/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  PROC_STATES,
  parseProcNetTcp,
  parser,
  procNetTcpParser,
  renderProcNetTcp,
  sniff,
} from "../src/proc-net-tcp/index.js";
import { parseSs } from "../src/ss/index.js";
import { countLines, describeFixtures, expectSplitAnywhere, testSniffRange } from "./support/contract.js";

const FIXTURES = join(import.meta.dirname, "fixtures", "proc-net-tcp");

describeFixtures({
  title: "proc-net-tcp fixtures",
  dir: FIXTURES,
  schema: Socket,
  minCases: 5,
  parse: parseProcNetTcp,
  options: (name) => ({ bigEndian: name.startsWith("big-endian") }),
});

describe("proc-net-tcp details", () => {
  it("skips malformed lines with their line number and a reason", () => {
    const good =
      "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0";
    const text = [
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
      good,
      "   1: 0100007G:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1",
      "   2: 0100007F:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1",
      "   3: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0",
      "   4: 0100007F:1F90 00000000:0000 0A 0000000:00000000 00:00000000 00000000     0        0 1",
      "x: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1",
      "   5: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000    -1        0 1",
      "",
    ].join("\n");
    const r = parseProcNetTcp(text);
    expect(r.skips).toEqual([
      { line: 3, reason: "bad local_address" },
      { line: 4, reason: "bad rem_address" },
      { line: 5, reason: "missing timeout" },
      { line: 6, reason: "bad tx_queue:rx_queue" },
      { line: 7, reason: "bad sl field" },
      { line: 8, reason: "bad uid" },
    ]);
    expect(r.stats).toMatchObject({ lines: 8, records: 1, skipped: 6, ignored: 1 });
  });

  it("names states as ss does and takes the protocol from the header or options", () => {
    const line = (st: string) =>
      `   0: 0100007F:1F90 0100007F:0050 ${st} 00000000:00000000 00:00000000 00000000     0        0 1 1 0`;
    const states = parseProcNetTcp(
      ["01", "02", "03", "04", "05", "06", "07", "08", "09", "0A", "0B", "0C", "0d"].map(line).join("\n"),
    ).records.map((r) => r.state);
    expect(states).toEqual([
      "ESTAB",
      "SYN-SENT",
      "SYN-RECV",
      "FIN-WAIT-1",
      "FIN-WAIT-2",
      "TIME-WAIT",
      "UNCONN",
      "CLOSE-WAIT",
      "LAST-ACK",
      "LISTEN",
      "CLOSING",
      "SYN-RECV",
      "UNKNOWN",
    ]);
    expect(parseProcNetTcp(line("01")).records[0]!.netid).toBeUndefined();
    expect(parseProcNetTcp(line("01"), { protocol: "udp" }).records[0]!.netid).toBe("udp");
  });

  it("renders the kernel's layout", () => {
    const recs = parseProcNetTcp(readFileSync(join(FIXTURES, "linux-6.1--tcp-formats-example.txt"))).records;
    const text = renderProcNetTcp(recs);
    const lines = text.split("\n");
    expect(lines[0]!.length).toBe(149);
    expect(lines[1]!.startsWith("   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 ")).toBe(true);
    expect(lines[3]!.trim().split(/\s+/)).toHaveLength(12); // TIME-WAIT: up to refcnt pointer
    const six = renderProcNetTcp(recs.slice(0, 1), { v6: true }).split("\n")[1]!;
    expect(six.startsWith("   0: 0000000000000000FFFF00000100007F:1F90 ")).toBe(true);
    expect(() => renderProcNetTcp([{ ...recs[0]!, local: "::1" }])).toThrow(RangeError);
  });

  it("sniffs /proc/net/tcp and not ss output", () => {
    const f = (n: string) => readFileSync(join(FIXTURES, `${n}.txt`));
    expect(sniff(f("linux-6.1--tcp-formats-example"))).toBeGreaterThanOrEqual(0.95);
    expect(sniff(f("linux-6.1--udp6"))).toBeGreaterThanOrEqual(0.95);
    expect(sniff(f("big-endian--tcp-mixed"))).toBeGreaterThan(0.8);
    const ss = readFileSync(
      join(import.meta.dirname, "fixtures", "ss", "iproute2-6.1--tnp-formats-example.txt"),
    );
    expect(sniff(ss)).toBe(0);
    expect(parser.info.kind).toBe("proc-net-tcp");
    expect(parser.create).toBe(procNetTcpParser);
  });
});

// ---------------------------------------------------------------------------------------------
// Real oracle: sockets opened here on loopback, read back from the real /proc/net/{tcp,tcp6,udp}.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const listen = (srv: net.Server, host: string): Promise<number> =>
  new Promise((res, rej) => {
    srv.once("error", rej);
    srv.listen(0, host, () => res((srv.address() as net.AddressInfo).port));
  });
const connect = (port: number, host: string): Promise<net.Socket> =>
  new Promise((res, rej) => {
    const c = net.connect(port, host, () => res(c));
    c.once("error", rej);
  });

describe("proc-net-tcp against the real kernel tables (loopback)", () => {
  const servers: net.Server[] = [];
  const sockets: net.Socket[] = [];
  const pairs: { host: string; serverPort: number; clientPort: number; unread: number }[] = [];
  const ports: { host: string; port: number }[] = [];
  let udp: dgram.Socket | undefined;
  let udpPort = 0;
  const text: Record<string, string> = {};
  let ssUdp = "";
  let ssTcp = "";

  beforeAll(async () => {
    for (const host of ["127.0.0.1", "::1"]) {
      const s = net.createServer({ pauseOnConnect: true }, (sock) => sockets.push(sock));
      servers.push(s);
      let port: number;
      try {
        port = await listen(s, host);
      } catch {
        continue;
      }
      ports.push({ host, port });
      for (const unread of [0, 700, 2500]) {
        const c = await connect(port, host);
        sockets.push(c);
        if (unread > 0) await new Promise<void>((res) => c.write(Buffer.alloc(unread, 97), () => res()));
        pairs.push({ host, serverPort: port, clientPort: c.localPort!, unread });
      }
    }
    udp = dgram.createSocket("udp4");
    await new Promise<void>((res) => udp!.bind(0, "127.0.0.1", () => res()));
    udpPort = udp.address().port;
    for (let i = 0; i < 100; i++) {
      text.tcp = readFileSync("/proc/net/tcp", "utf8");
      text.tcp6 = readFileSync("/proc/net/tcp6", "utf8");
      const all = [...parseProcNetTcp(text.tcp).records, ...parseProcNetTcp(text.tcp6).records];
      if (pairs.every((p) => all.some((r) => r.pport === p.clientPort && r.recvQ === p.unread))) break;
      await sleep(20);
    }
    text.udp = readFileSync("/proc/net/udp", "utf8");
    text.udp6 = readFileSync("/proc/net/udp6", "utf8");
    ssTcp = execFileSync("ss", ["-tane"], { encoding: "utf8" });
    ssUdp = execFileSync("ss", ["-uane"], { encoding: "utf8" });
  });

  afterAll(() => {
    for (const s of sockets) s.destroy();
    for (const s of servers) s.close();
    udp?.close();
  });

  it("accounts for every line of the real tables without a skip", () => {
    for (const [k, t] of Object.entries(text)) {
      const r = parseProcNetTcp(t);
      expect(r.skips, k).toEqual([]);
      expect(r.stats.ignoredBy, k).toEqual({ header: 1 });
      expect(r.stats.lines, k).toBe(countLines(t));
      expect(r.records.every((x) => x.netid === (k.startsWith("udp") ? "udp" : "tcp"))).toBe(true);
    }
  });

  it("finds the connections opened here with the right addresses, ports, states and queues", () => {
    const all = [...parseProcNetTcp(text.tcp!).records, ...parseProcNetTcp(text.tcp6!).records];
    expect(pairs.length).toBeGreaterThanOrEqual(3);
    for (const { host, port } of ports) {
      const l = all.filter((r) => r.local === host && r.lport === port && r.state === "LISTEN");
      expect(l).toHaveLength(1);
      expect(l[0]).toMatchObject({ peer: host === "::1" ? "::" : "0.0.0.0", pport: null, recvQ: 0 });
    }
    for (const p of pairs) {
      const server = all.filter(
        (r) => r.local === p.host && r.lport === p.serverPort && r.pport === p.clientPort,
      );
      const client = all.filter(
        (r) => r.local === p.host && r.lport === p.clientPort && r.pport === p.serverPort,
      );
      expect(server).toHaveLength(1);
      expect(client).toHaveLength(1);
      expect(server[0]).toMatchObject({
        state: "ESTAB",
        peer: p.host,
        recvQ: p.unread,
        uid: process.getuid!(),
      });
      expect(client[0]).toMatchObject({ state: "ESTAB", peer: p.host, recvQ: 0 });
      // the inode is the one behind one of this process's descriptors
      for (const s of [server[0]!, client[0]!]) expect(s.inode).toBeGreaterThan(0);
    }
    const fdInodes = new Set(
      readdirSync("/proc/self/fd").map((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`);
        } catch {
          return "";
        }
      }),
    );
    // Match the whole 4-tuple: other tests running at the same time may use the same port numbers.
    const mine = all.filter((r) =>
      pairs.some(
        (p) =>
          (r.local === p.host && r.lport === p.clientPort && r.peer === p.host && r.pport === p.serverPort) ||
          (r.local === p.host && r.lport === p.serverPort && r.peer === p.host && r.pport === p.clientPort),
      ),
    );
    expect(mine).toHaveLength(pairs.length * 2);
    for (const r of mine) expect(fdInodes.has(`socket:[${r.inode}]`)).toBe(true);
  });

  it("reads the UDP socket bound here as UNCONN and agrees with ss -uane", () => {
    const recs = parseProcNetTcp(text.udp!).records.filter((r) => r.lport === udpPort);
    expect(recs).toEqual([
      expect.objectContaining({
        state: "UNCONN",
        local: "127.0.0.1",
        peer: "0.0.0.0",
        pport: null,
        netid: "udp",
      }),
    ]);
    const ss = parseSs(ssUdp).records.filter((r) => r.lport === udpPort);
    expect(ss).toHaveLength(1);
    expect(ss[0]).toMatchObject({ state: "UNCONN", local: "127.0.0.1", inode: recs[0]!.inode });
  });

  it("agrees with ss -tane on state, queues and inode for every socket opened here", () => {
    const proc = [...parseProcNetTcp(text.tcp!).records, ...parseProcNetTcp(text.tcp6!).records];
    const ss = parseSs(ssTcp).records;
    // Whole 4-tuples and listeners by address: other tests running at the same time (or their
    // TIME_WAIT leftovers) may use the same port numbers.
    const mine = proc.filter(
      (r) =>
        ports.some((p) => r.local === p.host && r.lport === p.port && r.state === "LISTEN") ||
        pairs.some(
          (p) =>
            r.local === p.host &&
            r.peer === p.host &&
            ((r.lport === p.clientPort && r.pport === p.serverPort) ||
              (r.lport === p.serverPort && r.pport === p.clientPort)),
        ),
    );
    expect(mine.length).toBe(pairs.length * 2 + ports.length);
    for (const p of mine) {
      const s = ss.filter((x) => x.inode === p.inode);
      expect(s).toHaveLength(1);
      expect(s[0]).toMatchObject({
        state: p.state,
        local: p.local,
        lport: p.lport,
        recvQ: p.recvQ,
        uid: p.uid,
      });
      expect(s[0]!.peer === p.peer || (s[0]!.peer === "*" && p.peer === "::")).toBe(true);
      if (p.state !== "LISTEN") expect(s[0]!.sendQ).toBe(p.sendQ);
    }
  });

  it("sniffs the real tables", () => {
    for (const t of Object.values(text))
      expect(sniff(new TextEncoder().encode(t))).toBeGreaterThanOrEqual(0.95);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((b) => b.join("."));
const v6 = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => Net.ipv6FromBytes(b));
const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: null });

const sockArb = (addr: fc.Arbitrary<string>): fc.Arbitrary<Socket> =>
  fc.record({
    state: fc.constantFrom(...PROC_STATES.slice(0, 12)),
    local: addr,
    lport: port,
    peer: addr,
    pport: port,
    recvQ: fc.nat(),
    sendQ: fc.nat(),
    process: fc.constant(null),
    uid: fc.nat(),
    inode: fc.nat(),
  });

const fragments = fc.constantFrom(
  "   0: ",
  "0100007F:1F90",
  "00000000000000000000000001000000:0016",
  " ",
  "\n",
  "\r\n",
  "0A",
  "00000000:00000000",
  "00:00000000",
  "   0",
  "12345",
  ":",
  "  sl  local_address",
  "ZZ",
);
const junkyText = fc.array(fragments, { maxLength: 80 }).map((a) => a.join(""));

describe("proc-net-tcp properties", () => {
  test.prop([
    fc.oneof(
      fc.record({ v6: fc.constant(false), socks: fc.array(sockArb(v4), { maxLength: 10 }) }),
      fc.record({ v6: fc.constant(true), socks: fc.array(sockArb(fc.oneof(v6, v4)), { maxLength: 10 }) }),
    ),
    fc.boolean(),
    fc.boolean(),
  ])(
    "render -> parse round trip (tcp/udp, v4/v6, both byte orders)",
    ({ v6: six, socks }, udp, bigEndian) => {
      const text = renderProcNetTcp(socks, { v6: six, udp, bigEndian });
      const r = parseProcNetTcp(text, { bigEndian });
      expect(r.skips).toEqual([]);
      const mapped = (a: string) => (six && Net.parseIpv4(a) >= 0 ? `::ffff:${a}` : a);
      expect(r.records).toEqual(
        socks.map((s) => ({
          ...s,
          local: mapped(s.local),
          peer: mapped(s.peer),
          netid: udp ? "udp" : "tcp",
        })),
      );
    },
  );

  test.prop([fc.oneof(fc.string({ unit: "binary" }), junkyText, fc.string())])(
    "arbitrary text never throws and accounts for every line",
    (t) => {
      const r = parseProcNetTcp(t);
      expect(r.stats.lines).toBe(countLines(t));
      expect(r.stats.records + r.stats.skipped + r.stats.ignored).toBe(r.stats.lines);
      expect(r.skips.every((s) => s.line >= 1 && s.line <= r.stats.lines)).toBe(true);
    },
  );

  test.prop([fc.uint8Array({ maxLength: 400 })])(
    "arbitrary bytes never throw and account for every line",
    (b) => {
      const r = parseProcNetTcp(b);
      expect(r.stats.lines).toBe(countLines(b));
      expect(r.stats.records + r.stats.skipped + r.stats.ignored).toBe(r.stats.lines);
    },
  );

  test.prop([
    fc.array(sockArb(fc.oneof(v6, v4)), { maxLength: 8 }),
    junkyText,
    fc.array(fc.nat(), { maxLength: 12 }),
    fc.boolean(),
  ])("split anywhere (strings or bytes) equals the whole-input parse", (socks, junk, cuts, bytes) => {
    const text = `${renderProcNetTcp(socks, { v6: true })}${junk}\n${renderProcNetTcp(
      socks.filter((s) => Net.parseIpv4(s.local) >= 0 && Net.parseIpv4(s.peer) >= 0),
      { udp: true },
    ).replace(/\n/g, "\r\n")}`;
    expectSplitAnywhere(procNetTcpParser, text, cuts, bytes, {});
  });

  testSniffRange(sniff);
});
