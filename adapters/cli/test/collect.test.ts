import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { connect, createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseAll } from "@fleetlens/core";
import { registry } from "@fleetlens/parsers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "fleetlens-collect-"));
const wtmpText = [
  "[2] [00000] [~~  ] [reboot  ] [~           ] [6.1.0-18-amd64      ] [0.0.0.0        ] [2024-03-01T08:00:00,000000+00:00]",
  "[7] [01234] [ts/0] [alice   ] [pts/0       ] [192.168.1.50        ] [192.168.1.50   ] [2024-03-01T09:15:00,000000+00:00]",
  "[8] [01234] [ts/0] [        ] [pts/0       ] [                    ] [0.0.0.0        ] [2024-03-01T10:47:30,000000+00:00]",
].join("\n");
const wtmp = join(dir, "source.wtmp");

let server: Server;
let port = 0;

beforeAll(async () => {
  writeFileSync(
    wtmp,
    execFileSync("utmpdump", ["-r"], { input: `${wtmpText}\n`, stdio: ["pipe", "pipe", "ignore"] }),
  );
  server = createServer((s) => s.on("data", (d) => s.write(d)));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  port = (server.address() as { port: number }).port;
});
afterAll(() => server.close());

const chatter = async (n: number) => {
  for (let i = 0; i < n; i++) {
    await new Promise<void>((resolve) => {
      const c = connect(port, "127.0.0.1", () => {
        c.write("hello");
        c.once("data", () => {
          c.end();
          resolve();
        });
      });
      c.on("error", () => resolve());
    });
  }
};

describe("fleetlens collect", () => {
  it("writes a wtmp copy, own addresses and a bounded loopback capture, atomically", async () => {
    const out = join(dir, "out1");
    const run = cli([
      "collect",
      "--out",
      out,
      "--host",
      "vm-test",
      "--wtmp",
      wtmp,
      "--interface",
      "lo",
      "--seconds",
      "3",
      "--packets",
      "40",
      "--filter",
      `tcp port ${port}`,
    ]);
    await new Promise((r) => setTimeout(r, 700)); // let tcpdump open the device
    await chatter(5);
    const r = await run;
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["vm-test.addrs", "vm-test.pcap", "vm-test.wtmp"]);
    expect(readFileSync(join(out, "vm-test.wtmp"))).toEqual(readFileSync(wtmp));
    expect(readFileSync(join(out, "vm-test.addrs"), "utf8").split("\n")).toContain("127.0.0.1");
    const cap = parseAll(registry.pcap.create, readFileSync(join(out, "vm-test.pcap")), {});
    expect(cap.stats.skipped).toBe(0);
    expect(cap.records.length).toBeGreaterThan(0);
    expect(cap.records.length).toBeLessThanOrEqual(40);
    for (const p of cap.records) {
      expect(p.proto).toBe("tcp");
      expect([p.sport, p.dport]).toContain(port);
      expect(p.src).toBe("127.0.0.1");
    }
  });

  it("writes last's text with --logins last and skips the capture with --no-capture", async () => {
    const out = join(dir, "out2");
    const r = await cli([
      "collect",
      "--out",
      out,
      "--host",
      "vm2",
      "--wtmp",
      wtmp,
      "--logins",
      "last",
      "--no-capture",
    ]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["vm2-LAST", "vm2.addrs"]);
    const text = readFileSync(join(out, "vm2-LAST"), "utf8");
    expect(text).toMatch(/^alice\s+pts\/0\s+192\.168\.1\.50/m);
    const parsed = parseAll(registry.last.create, text, {});
    expect(parsed.stats.skipped).toBe(0);
    expect(parsed.records.some((l) => l.user === "alice" && l.durationSeconds === 5550)).toBe(true);
  });

  it("refuses unsafe or malformed arguments with exit 2 and writes nothing", async () => {
    const out = join(dir, "out3");
    for (const argv of [
      ["--host", "../etc"],
      ["--interface", "lo; rm -rf /"],
      ["--seconds", "0"],
      ["--filter", "-w /etc/passwd"],
    ]) {
      const r = await cli(["collect", "--out", out, ...argv]);
      expect(r.code, argv.join(" ")).toBe(2);
    }
    expect(existsSync(out)).toBe(false);
  });

  it("an unreadable wtmp exits 1 naming it and leaves no temporary file", async () => {
    const out = join(dir, "out4");
    const r = await cli(["collect", "--out", out, "--wtmp", join(dir, "missing.wtmp"), "--no-capture"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("missing.wtmp");
    expect(readdirSync(out)).toEqual([]);
  });
});
