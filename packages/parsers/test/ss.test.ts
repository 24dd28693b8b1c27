import { execFileSync } from "node:child_process";
import { readFileSync, readlinkSync } from "node:fs";
import * as net from "node:net";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { Net, Socket } from "@fleetlens/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseProcNetTcp } from "../src/proc-net-tcp/index.js";
import { parser, parseSs, renderSs, SERVICE_PORTS, SS_STATES, sniff, ssParser } from "../src/ss/index.js";
import { countLines, describeFixtures, expectSplitAnywhere, testSniffRange } from "./support/contract.js";

const FIXTURES = join(import.meta.dirname, "fixtures", "ss");

describeFixtures({
  title: "ss fixtures",
  dir: FIXTURES,
  schema: Socket,
  minCases: 8,
  parse: parseSs,
});

describe("ss details", () => {
  const fx = (n: string) => readFileSync(join(FIXTURES, `${n}.txt`), "utf8");

  it("counts ignored units by reason", () => {
    expect(parseSs(fx("iproute2-6.1--tani-continuation")).stats.ignoredBy).toEqual({
      header: 1,
      continuation: 3,
    });
    expect(parseSs(fx("iproute2-6.1--summary")).stats.ignoredBy).toEqual({ summary: 8, blank: 2 });
    expect(parseSs(fx("iproute2-3.12--summary")).stats.ignoredBy).toEqual({ summary: 9, blank: 1 });
    expect(parseSs(fx("iproute2-6.1--tunap-netid")).stats.ignoredBy).toEqual({
      header: 1,
      "non-inet socket": 2,
    });
    expect(parseSs(fx("iproute2-6.1--tnpH-odd-process-names")).stats.ignored).toBe(0);
  });

  it("takes the state of a State-less table from options and says so", () => {
    const text = fx("iproute2-6.1--state-filter-no-state-column");
    const d = parseSs(text);
    expect(d.stats.inferred.state).toMatch(/^UNKNOWN: no State column/);
    const e = parseSs(text, { state: "ESTAB" });
    expect(e.records.map((r) => r.state)).toEqual(["ESTAB", "ESTAB", "ESTAB"]);
    expect(e.stats.inferred.state).toMatch(/^ESTAB: .*options\.state/);
    // a Netid column without State (ss -tuan state established)
    const n = parseSs("tcp 0 0 10.0.0.1:22 10.0.0.2:5000\n", { state: "ESTAB" });
    expect(n.records[0]).toMatchObject({ netid: "tcp", state: "ESTAB", lport: 22, pport: 5000 });
  });

  it("maps service names through the table and reports unknown ones", () => {
    const r = parseSs(fx("iproute2-6.1--tap-resolved"));
    expect(r.stats.inferred.service).toContain("fleetlens-agent");
    expect(SERVICE_PORTS.get("ssh")).toBe(22);
  });

  it("skips malformed lines with their line number and a reason", () => {
    const text = [
      "State Recv-Q Send-Q Local Address:Port Peer Address:Port Process",
      "ESTAB x 0 1.2.3.4:1 5.6.7.8:2",
      "BOGUS 0 0 1.2.3.4:1 5.6.7.8:2",
      "ESTAB 0 0 1.2.3.4:1",
      "ESTAB 0 0 1.2.3.4:1 5.6.7.8:99999",
      'ESTAB 0 0 1.2.3.4:1 5.6.7.8:2 users:(("x",pid=))',
      "ESTAB 0 0 [::1:1 5.6.7.8:2",
      "ESTAB 0 0 1.2.3.4 5.6.7.8:2",
      "ESTAB 0 0 1.2.3.4:1 5.6.7.8:2",
    ].join("\n");
    const r = parseSs(text);
    expect(r.skips).toEqual([
      { line: 2, reason: "bad Recv-Q" },
      { line: 3, reason: 'unknown state "BOGUS"' },
      { line: 4, reason: "missing peer address" },
      { line: 5, reason: "peer address: port out of range" },
      { line: 6, reason: "bad users:(...) field" },
      { line: 7, reason: "local address: unbalanced [ in address" },
      { line: 8, reason: "local address: missing :port" },
    ]);
    expect(r.records).toHaveLength(1);
    expect(r.stats).toMatchObject({ lines: 9, records: 1, skipped: 7, ignored: 1 });
  });

  it("reads a process without fd and keeps a peer scope out of the address", () => {
    const r = parseSs('ESTAB 0 0 [fe80::1]%eth0:22 [fe80::2]%eth0:4000 users:(("kworker",pid=7))\n');
    expect(r.records).toEqual([
      {
        state: "ESTAB",
        local: "fe80::1",
        lport: 22,
        peer: "fe80::2",
        pport: 4000,
        recvQ: 0,
        sendQ: 0,
        process: { name: "kworker", pid: 7, fd: null },
        localScope: "eth0",
      },
    ]);
  });

  it("canonicalises IPv6 text", () => {
    const r = parseSs("ESTAB 0 0 [2001:DB8:0:0:0:0:0:1]:443 [0:0:0:0:0:ffff:7f00:1]:5000\n");
    expect(r.records[0]).toMatchObject({ local: "2001:db8::1", peer: "::ffff:127.0.0.1" });
  });

  it("renders in ss's layout", () => {
    const recs = parseSs(fx("iproute2-6.1--tnp-formats-example")).records;
    const text = renderSs(recs);
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^State\s+Recv-Q Send-Q\s+Local Address:Port\s+Peer Address:Port\s+Process$/);
    // addresses right-aligned against the ":" (all colons before the port in one column)
    const col = lines[1]!.indexOf(":8080");
    expect(lines[2]!.indexOf("]:47158") + 1).toBe(col);
    expect(lines[3]).toContain("[fe80::fc:ff:fe00:1]%eth0:36600");
    expect(lines[5]).toContain('users:(("python3",pid=13383,fd=5),("python3",pid=13340,fd=5))');
    expect(renderSs(recs, { header: false, netid: true, process: false }).split("\n")[0]).toMatch(
      /^tcp\s+ESTAB\s+1000\s+0\s+127\.0\.0\.1:8080\s+127\.0\.0\.1:56992$/,
    );
  });

  it("sniffs ss output and not /proc/net/tcp", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(sniff(enc(fx("iproute2-6.1--tnp-formats-example")))).toBeGreaterThanOrEqual(0.9);
    expect(sniff(enc(fx("iproute2-6.1--tnpH-odd-process-names")))).toBeGreaterThan(0.5);
    expect(sniff(enc(fx("iproute2-6.1--summary")))).toBeGreaterThan(0.3);
    const proc = readFileSync(
      join(import.meta.dirname, "fixtures", "proc-net-tcp", "linux-6.1--tcp-formats-example.txt"),
    );
    expect(sniff(proc)).toBe(0);
    expect(sniff(enc("Oct 12 10:00:01 host sshd[1]: Accepted password for x\n"))).toBe(0);
    expect(parser.info.kind).toBe("ss");
    expect(parser.create).toBe(ssParser);
  });
});

// ---------------------------------------------------------------------------------------------
// Real oracle: sockets opened here on loopback, read back by the real `ss` and /proc/net/tcp{,6}.

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
const write = (c: net.Socket, n: number): Promise<void> =>
  n === 0 ? Promise.resolve() : new Promise((res) => c.write(Buffer.alloc(n, 120), () => res()));

interface Pair {
  host: string;
  serverPort: number;
  clientPort: number;
  unread: number;
}

describe("ss against the real ss and /proc/net/tcp (loopback)", () => {
  const servers: net.Server[] = [];
  const sockets: net.Socket[] = [];
  const pairs: Pair[] = [];
  let v4Port = 0;
  let v6Port = 0;
  let dualPort = 0;
  let tw: { clientPort: number; serverPort: number } | undefined;
  const out: Record<string, string> = {};
  let procTcp = "";
  let procTcp6 = "";

  beforeAll(async () => {
    const paused = (host: string) => {
      const s = net.createServer({ pauseOnConnect: true }, (sock) => sockets.push(sock));
      servers.push(s);
      return listen(s, host);
    };
    v4Port = await paused("127.0.0.1");
    try {
      v6Port = await paused("::1");
    } catch {
      v6Port = 0;
    }
    try {
      const d = net.createServer(() => {});
      servers.push(d);
      dualPort = await listen(d, "::");
    } catch {
      dualPort = 0;
    }
    for (const [host, port] of [
      ["127.0.0.1", v4Port],
      ["::1", v6Port],
    ] as const) {
      if (port === 0) continue;
      for (const unread of [0, 1000, 3000]) {
        const c = await connect(port, host);
        sockets.push(c);
        await write(c, unread);
        pairs.push({ host, serverPort: port, clientPort: c.localPort!, unread });
      }
    }
    // a TIME-WAIT socket: the client closes first and the server answers with its FIN
    const closer = net.createServer((s) => {
      s.on("end", () => s.end());
      s.resume();
    });
    servers.push(closer);
    const twPort = await listen(closer, "127.0.0.1");
    const c = await connect(twPort, "127.0.0.1");
    const clientPort = c.localPort!;
    await new Promise<void>((res) => {
      c.on("close", () => res());
      c.end();
    });
    tw = { clientPort, serverPort: twPort };
    // wait until the kernel shows every unread byte queued on the server side
    for (let i = 0; i < 100; i++) {
      const recs = [
        ...parseProcNetTcp(readFileSync("/proc/net/tcp")).records,
        ...parseProcNetTcp(readFileSync("/proc/net/tcp6")).records,
      ];
      const ok = pairs.every((p) =>
        recs.some((r) => r.lport === p.serverPort && r.pport === p.clientPort && r.recvQ === p.unread),
      );
      if (ok) break;
      await sleep(20);
    }
    const ss = (...args: string[]) => execFileSync("ss", args, { encoding: "utf8" });
    out.tanpe = ss("-tanpe");
    out.tanp = ss("-tanp");
    out.tn = ss("-tn");
    out.tnH = ss("-tnH");
    out.state = ss("-tan", "state", "established");
    out.tunap = ss("-tunap");
    out.tanoi = ss("-tanoi");
    procTcp = readFileSync("/proc/net/tcp", "utf8");
    procTcp6 = readFileSync("/proc/net/tcp6", "utf8");
  });

  afterAll(() => {
    for (const s of sockets) s.destroy();
    for (const s of servers) s.close();
  });

  const ours = (recs: readonly Socket[]) => {
    const ports = new Set([v4Port, v6Port, dualPort, tw?.serverPort ?? -1].filter((p) => p > 0));
    return recs.filter((r) => ports.has(r.lport ?? -1) || ports.has(r.pport ?? -1));
  };
  const find = (recs: readonly Socket[], local: string, lport: number, peer: string, pport: number | null) =>
    recs.filter((r) => r.local === local && r.lport === lport && r.peer === peer && r.pport === pport);

  it("accounts for every line of every real output without a skip", () => {
    for (const [k, text] of Object.entries(out)) {
      const r = parseSs(text);
      expect(r.skips, k).toEqual([]);
      expect(r.stats.lines, k).toBe(countLines(text));
      expect(r.stats.records + r.stats.ignored, k).toBe(r.stats.lines);
    }
    expect(parseSs(out.tnH!).stats.ignored).toBe(0);
    expect(parseSs(out.tanp!).stats.ignoredBy).toEqual({ header: 1 });
    expect(parseSs(out.tanoi!).stats.ignoredBy.continuation).toBeGreaterThan(0);
  });

  it("finds the connections opened here, with addresses, ports, states and queues (ss -tanp)", () => {
    const recs = parseSs(out.tanp!).records;
    const comm = readFileSync("/proc/self/comm", "utf8").replace(/\n$/, "");
    expect(pairs.length).toBeGreaterThanOrEqual(3);
    for (const p of pairs) {
      const server = find(recs, p.host, p.serverPort, p.host, p.clientPort);
      const client = find(recs, p.host, p.clientPort, p.host, p.serverPort);
      expect(server, JSON.stringify(p)).toHaveLength(1);
      expect(client).toHaveLength(1);
      expect(server[0]).toMatchObject({ state: "ESTAB", recvQ: p.unread, sendQ: 0 });
      expect(client[0]).toMatchObject({ state: "ESTAB", recvQ: 0 });
      expect(server[0]!.process).toMatchObject({ name: comm, pid: process.pid });
      expect(client[0]!.process).toMatchObject({ name: comm, pid: process.pid });
    }
    const l4 = find(recs, "127.0.0.1", v4Port, "0.0.0.0", null);
    expect(l4).toHaveLength(1);
    // node listens with backlog 511, which the kernel caps at somaxconn
    const somaxconn = Number(readFileSync("/proc/sys/net/core/somaxconn", "utf8"));
    expect(l4[0]).toMatchObject({ state: "LISTEN", recvQ: 0, sendQ: Math.min(511, somaxconn) });
    if (v6Port) expect(find(recs, "::1", v6Port, "::", null)[0]?.state).toBe("LISTEN");
    if (dualPort) expect(find(recs, "*", dualPort, "*", null)[0]?.state).toBe("LISTEN");
    expect(find(recs, "127.0.0.1", tw!.clientPort, "127.0.0.1", tw!.serverPort)).toMatchObject([
      { state: "TIME-WAIT", process: null },
    ]);
  });

  it("reads fd and inode that the kernel confirms (ss -tanpe, /proc/self/fd)", () => {
    const recs = ours(parseSs(out.tanpe!).records).filter((r) => r.process?.pid === process.pid);
    expect(recs.length).toBeGreaterThanOrEqual(pairs.length * 2);
    for (const r of recs) {
      expect(readlinkSync(`/proc/self/fd/${r.process!.fd}`)).toBe(`socket:[${r.inode}]`);
      expect(r.uid).toBe(process.getuid!());
    }
  });

  it("agrees with /proc/net/tcp{,6} on the sockets opened here", () => {
    const ss = ours(parseSs(out.tanpe!).records);
    const proc = [...parseProcNetTcp(procTcp).records, ...parseProcNetTcp(procTcp6).records];
    // ss prints a dual-stack wildcard as "*"; /proc has the all-zero IPv6 address
    const norm = (a: string) => (a === "*" ? "::" : a);
    const key = (r: Socket) => `${norm(r.local)}|${r.lport}|${norm(r.peer)}|${r.pport}`;
    const byKey = new Map(proc.map((r) => [key(r), r]));
    expect(ss.length).toBeGreaterThanOrEqual(pairs.length * 2 + 2);
    for (const s of ss) {
      const p = byKey.get(key(s));
      expect(p, key(s)).toBeDefined();
      expect(p!.state).toBe(s.state);
      expect(p!.recvQ).toBe(s.recvQ);
      expect(p!.inode).toBe(s.inode);
      expect(p!.uid).toBe(s.uid);
      // for LISTEN, ss's Send-Q is the backlog limit while tx_queue is 0
      if (s.state !== "LISTEN") expect(p!.sendQ).toBe(s.sendQ);
    }
  });

  it("reads -tn, -tnH, a state filter and -tunap consistently", () => {
    const key = (r: Socket) => `${r.local}|${r.lport}|${r.peer}|${r.pport}`;
    const tn = ours(parseSs(out.tn!).records);
    const tnH = ours(parseSs(out.tnH!).records);
    expect(tn.every((r) => r.state === "ESTAB")).toBe(true);
    expect(tn.map(key).sort()).toEqual(tnH.map(key).sort());
    expect(tn.map(key).sort()).toEqual(
      ours(parseSs(out.tanp!).records)
        .filter((r) => r.state === "ESTAB")
        .map(key)
        .sort(),
    );
    const st = parseSs(out.state!, { state: "ESTAB" });
    expect(ours(st.records).map(key).sort()).toEqual(tn.map(key).sort());
    expect(parseSs(out.state!).records.every((r) => r.state === "UNKNOWN")).toBe(true);
    const tu = ours(parseSs(out.tunap!).records);
    expect(tu.length).toBeGreaterThan(0);
    expect(tu.every((r) => r.netid === "tcp")).toBe(true);
  });

  it("sniffs the real outputs as ss", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(sniff(enc(out.tanp!))).toBeGreaterThanOrEqual(0.9);
    expect(sniff(enc(out.tnH!))).toBeGreaterThan(0.5);
    expect(sniff(enc(procTcp))).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((b) => b.join("."));
const v6 = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => Net.ipv6FromBytes(b));
const addr = fc.oneof(
  v4,
  v6,
  fc.constantFrom("*", "0.0.0.0", "::", "localhost", "ip6-localhost", "db-1.example.com"),
);
const port = fc.option(fc.nat(65535), { nil: null });
const procName = fc
  .string({
    minLength: 1,
    maxLength: 15,
    unit: fc.constantFrom(..."abcXYZ019 \"'()_,-:=./\\é日\t"),
  })
  .filter((n) => !/",(?:pid=|\d)/.test(n));
const proc = fc.record({ name: procName, pid: fc.nat(4194304), fd: fc.option(fc.nat(65535), { nil: null }) });

const socketArb: fc.Arbitrary<Socket> = fc
  .record({
    state: fc.constantFrom(...SS_STATES),
    local: addr,
    lport: port,
    peer: addr,
    pport: port,
    recvQ: fc.nat(),
    sendQ: fc.nat(),
    procs: fc.array(proc, { maxLength: 3 }),
    localScope: fc.option(fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/), { nil: undefined }),
    netid: fc.constantFrom("tcp", "udp", "mptcp", "raw"),
    ids: fc.option(fc.record({ uid: fc.nat(), inode: fc.nat() }), { nil: undefined }),
  })
  .map(({ procs, ids, localScope, ...s }) => {
    const r: Record<string, unknown> = { ...s, process: procs[0] ?? null };
    if (procs.length > 1) r.processes = procs;
    if (localScope !== undefined) r.localScope = localScope;
    if (ids) Object.assign(r, ids);
    return r as unknown as Socket;
  });

interface RenderOpts {
  process: boolean;
  header: boolean;
  netid: boolean;
  noState: boolean;
}
const renderOpts: fc.Arbitrary<RenderOpts> = fc.record({
  process: fc.boolean(),
  header: fc.boolean(),
  netid: fc.boolean(),
  noState: fc.boolean(),
});

const expected = (s: Socket, o: RenderOpts, state: string): Socket => {
  const r: Record<string, unknown> = {
    state: o.noState ? state : s.state,
    local: s.local,
    lport: s.lport,
    peer: s.peer,
    pport: s.pport,
    recvQ: s.recvQ,
    sendQ: s.sendQ,
    process: o.process ? s.process : null,
  };
  if (o.process && s.processes) r.processes = s.processes;
  if (s.localScope !== undefined) r.localScope = s.localScope;
  if (o.netid) r.netid = s.netid;
  if (s.inode !== undefined) {
    r.uid = s.uid;
    r.inode = s.inode;
  }
  return r as unknown as Socket;
};

const fragments = fc.constantFrom(
  "ESTAB",
  "LISTEN",
  "tcp",
  "u_str",
  " ",
  "   ",
  "\t",
  "\n",
  "\r\n",
  "0",
  "1000",
  "127.0.0.1:80",
  "[::1]:22",
  "[fe80::1]%eth0:9",
  "*:*",
  ":::22",
  ":ssh",
  "%",
  "[",
  "]",
  ":",
  'users:(("',
  '",pid=',
  ",fd=",
  "))",
  ")",
  "(",
  '"',
  ",",
  "ino:",
  "uid:",
  "State Recv-Q Send-Q Local Address:Port Peer Address:Port",
  "Total: 3",
  "Transport Total",
);
const junkyText = fc.array(fragments, { maxLength: 80 }).map((a) => a.join(""));

describe("ss properties", () => {
  test.prop([fc.array(socketArb, { maxLength: 12 }), renderOpts, fc.constantFrom(...SS_STATES)])(
    "render -> parse round trip",
    (sockets, o, state) => {
      const text = renderSs(sockets, o);
      const r = parseSs(text, { state });
      expect(r.skips).toEqual([]);
      expect(r.records).toEqual(sockets.map((s) => expected(s, o, state)));
      expect(r.stats.ignored).toBe(o.header ? 1 : 0);
    },
  );

  test.prop([fc.oneof(fc.string({ unit: "binary" }), junkyText, fc.string())])(
    "arbitrary text never throws and accounts for every line",
    (text) => {
      const r = parseSs(text);
      expect(r.stats.lines).toBe(countLines(text));
      expect(r.stats.records + r.stats.skipped + r.stats.ignored).toBe(r.stats.lines);
      expect(r.skips.every((s) => s.line >= 1 && s.line <= r.stats.lines && s.reason.length > 0)).toBe(true);
    },
  );

  test.prop([fc.uint8Array({ maxLength: 400 })])(
    "arbitrary bytes never throw and account for every line",
    (b) => {
      const r = parseSs(b);
      expect(r.stats.lines).toBe(countLines(b));
      expect(r.stats.records + r.stats.skipped + r.stats.ignored).toBe(r.stats.lines);
    },
  );

  test.prop([
    fc.array(socketArb, { maxLength: 8 }),
    renderOpts,
    junkyText,
    fc.array(fc.nat(), { maxLength: 12 }),
    fc.boolean(),
  ])("split anywhere (strings or bytes) equals the whole-input parse", (sockets, o, junk, cuts, bytes) => {
    const text = `${renderSs(sockets, o)}${junk}\n${renderSs(sockets, { ...o, header: true }).replace(/\n/g, "\r\n")}`;
    expectSplitAnywhere(ssParser, text, cuts, bytes, { state: "ESTAB" });
  });

  testSniffRange(sniff);
});
