import { appendFileSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { connect, createServer, type Socket as NetSocket, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseAll } from "@fleetlens/core";
import { ss } from "@fleetlens/parsers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "fleetlens-watch-"));
let server: Server;
let port = 0;
const clients: NetSocket[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  server = createServer(() => undefined);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  port = (server.address() as { port: number }).port;
  for (let i = 0; i < 3; i++) {
    const c = connect(port, "127.0.0.1");
    await new Promise<void>((r) => c.once("connect", () => r()));
    clients.push(c);
  }
});
afterAll(() => {
  for (const c of clients) c.destroy();
  server.close();
});

/** Split a logwatch file into groups: date line, socket lines, log line. */
const groups = (text: string) => {
  const out: { date: string; sockets: string[]; line: string }[] = [];
  let cur: string[] = [];
  for (const l of text.split("\n").filter(Boolean)) {
    if (/^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d UTC \d{4}$/.test(l) && cur.length !== 1) {
      if (cur.length) out.push({ date: cur[0]!, sockets: cur.slice(1, -1), line: cur[cur.length - 1]! });
      cur = [l];
    } else cur.push(l);
  }
  if (cur.length) out.push({ date: cur[0]!, sockets: cur.slice(1, -1), line: cur[cur.length - 1]! });
  return out;
};

/** Peer ports of the server side's sockets (local port = the licence port), from ss's text. */
const peersOf = (lines: string[]) =>
  parseAll(ss.ssParser, `${lines.join("\n")}\n`, {})
    .records.filter((s) => s.lport === port && s.state === "ESTAB")
    .map((s) => s.pport ?? -1)
    .sort((a, b) => a - b);

describe("fleetlens license watch (real sockets on 127.0.0.1, the machine's own ss)", () => {
  for (const source of ["ss", "proc"] as const) {
    it(`records exactly the connected peers at each new line, across rotation (--source ${source})`, async () => {
      const log = join(dir, `${source}-debug.log`);
      const out = join(dir, `${source}-logwatch`);
      writeFileSync(log, " 9:00:00 (lmgrd) TIMESTAMP 11/21/2026\n");
      const run = cli([
        "license",
        "watch",
        "--log",
        log,
        "--port",
        String(port),
        "--out",
        out,
        "--source",
        source,
        "--interval",
        "50",
        "--duration",
        "2.2",
      ]);
      await sleep(400);
      appendFileSync(log, '10:00:00 (MLM) OUT: "MATLAB" alice@pc1\n');
      await sleep(400);
      renameSync(log, `${log}.1`);
      writeFileSync(log, '10:05:00 (MLM) OUT: "MATLAB" bob@pc2\n');
      await sleep(400);
      const all = clients.map((c) => c.localPort!).sort((a, b) => a - b);
      const gone = clients.pop()!;
      gone.destroy();
      await sleep(200);
      appendFileSync(log, '10:06:00 (MLM) IN: "MATLAB" alice@pc1\n');
      const r = await run;
      expect(r.code).toBe(0);
      const gs = groups(readFileSync(out, "utf8"));
      expect(gs.map((g) => g.line)).toEqual([
        '10:00:00 (MLM) OUT: "MATLAB" alice@pc1',
        '10:05:00 (MLM) OUT: "MATLAB" bob@pc2',
        '10:06:00 (MLM) IN: "MATLAB" alice@pc1',
      ]);
      expect(peersOf(gs[0]!.sockets)).toEqual(all);
      expect(peersOf(gs[1]!.sockets)).toEqual(all);
      expect(peersOf(gs[2]!.sockets)).toEqual(clients.map((c) => c.localPort!).sort((a, b) => a - b));
      // put the closed client back for the next source
      const c = connect(port, "127.0.0.1");
      await new Promise<void>((res) => c.once("connect", () => res()));
      clients.push(c);
    });
  }

  it("refuses bad arguments with exit 2", async () => {
    expect((await cli(["license", "watch", "--log", "x", "--out", "y"])).code).toBe(2);
    expect((await cli(["license", "watch", "--log", "x", "--out", "y", "--port", "99999"])).code).toBe(2);
  });
});
