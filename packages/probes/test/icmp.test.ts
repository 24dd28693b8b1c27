import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { afterAll, describe, expect, it } from "vitest";
import { type IcmpModule, icmpProbe, parsePing, pingArgs, rttStats } from "../src/icmp.js";
import { hasIpv6Loopback, metric } from "./support/servers.js";

const ctx = (timeoutMs = 5000) => ({ signal: new AbortController().signal, timeoutMs });
const probe = (target: string, m: IcmpModule = {}, timeoutMs = 5000) => icmpProbe(target, m, ctx(timeoutMs));
const rtt = (r: Parameters<typeof metric>[0], stat: string) =>
  metric(r, "fleetlens_icmp_rtt_seconds", { stat });

describe("icmp to loopback (system ping)", () => {
  it("sends count packets to 127.0.0.1: no loss, positive RTTs in order, hop limit", async () => {
    const r = await probe("127.0.0.1", { count: 4, intervalSeconds: 0.05 });
    expect(r.message ?? null).toBeNull();
    expect(r).toMatchObject({ module: "icmp", success: true, failureReason: null });
    expect(metric(r, "fleetlens_icmp_packets_sent")).toBe(4);
    expect(metric(r, "fleetlens_icmp_packets_received")).toBe(4);
    expect(metric(r, "fleetlens_icmp_loss_ratio")).toBe(0);
    const [min, avg, max, mdev] = ["min", "avg", "max", "mdev"].map((s) => rtt(r, s)!);
    expect(min).toBeGreaterThan(0);
    expect(min).toBeLessThanOrEqual(avg!);
    expect(avg).toBeLessThanOrEqual(max!);
    expect(mdev).toBeGreaterThanOrEqual(0);
    expect(metric(r, "probe_icmp_duration_seconds", { phase: "rtt" })).toBe(avg);
    expect(metric(r, "probe_icmp_reply_hop_limit")).toBeGreaterThan(0);
    expect(metric(r, "probe_ip_protocol")).toBe(4);
    expect(metric(r, "probe_success")).toBe(1);
  });

  it("pings ::1 and localhost", async () => {
    if (await hasIpv6Loopback()) {
      const v6 = await probe("::1", { count: 2, intervalSeconds: 0.05 });
      expect(v6.message ?? null).toBeNull();
      expect(v6.success).toBe(true);
      expect(metric(v6, "probe_ip_protocol")).toBe(6);
      expect(metric(v6, "fleetlens_icmp_packets_received")).toBe(2);
    }
    const named = await probe("localhost", { count: 1, ipProtocol: "ip4" });
    expect(named.success).toBe(true);
  });

  it("agrees with ping's own summary when our statistics are recomputed from its reply lines", async () => {
    const out = execFileSync("ping", ["-n", "-c", "5", "-i", "0.02", "127.0.0.1"], {
      encoding: "utf8",
      env: { ...process.env, LC_ALL: "C" },
    });
    const p = parsePing(out);
    expect(p.sent).toBe(5);
    expect(p.received).toBe(5);
    expect(p.replies.map((x) => x.seq)).toEqual([1, 2, 3, 4, 5]);
    const mine = rttStats(p.replies.map((x) => x.rtt))!;
    // ping prints each reply and the summary rounded to 1 µs.
    expect(Math.abs(mine.min - p.summary!.min)).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(mine.max - p.summary!.max)).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(mine.avg - p.summary!.avg)).toBeLessThanOrEqual(1.5e-6);
    expect(Math.abs(mine.mdev - p.summary!.mdev!)).toBeLessThanOrEqual(2e-6);
  });

  it("fails cleanly: unknown host, missing ping, bad settings, too little time", async () => {
    const dns = await probe("no-such-host.fleetlens.invalid", { count: 1 });
    expect(dns).toMatchObject({ success: false, failureReason: "dns" });
    expect(metric(dns, "probe_success")).toBe(0);
    const noPing = await probe("127.0.0.1", { count: 1, pingPath: "/nonexistent/ping" });
    expect(noPing).toMatchObject({ success: false, failureReason: "config" });
    expect(noPing.message).toMatch(/iputils-ping/);
    for (const bad of [
      { count: 0 },
      { count: 1.5 },
      { intervalSeconds: 0 },
      { ttl: 0 },
      { maxLossRatio: 2 },
    ]) {
      const r = await probe("127.0.0.1", bad);
      expect(r.failureReason, JSON.stringify(bad)).toBe("config");
    }
    expect((await probe("::1", { ipProtocol: "ip4" })).failureReason).toBe("config");
    const slow = await probe("127.0.0.1", { count: 50, intervalSeconds: 0.1 }, 400);
    expect(slow).toMatchObject({ success: false, failureReason: "timeout" });
    expect(metric(slow, "probe_duration_seconds")).toBeGreaterThanOrEqual(0.39);
  });
});

describe("icmp with a stand-in ping (loss and errors loopback cannot produce)", () => {
  const dir = mkdtempSync(join(tmpdir(), "fleetlens-fake-ping-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  /** A ping that prints `stdout` / `stderr`, exits with `code`, and records its argv. */
  const fakePing = (stdout: string, code: number, stderr = "") => {
    const bin = join(dir, `ping${n++}`);
    writeFileSync(
      bin,
      `#!/bin/sh\nprintf '%s\\n' "$@" > "$0.argv"\ncat <<'EOF'\n${stdout}\nEOF\n${stderr ? `echo '${stderr}' >&2\n` : ""}exit ${code}\n`,
    );
    chmodSync(bin, 0o755);
    return bin;
  };
  const lossy = [
    "PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.",
    "64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.100 ms",
    "64 bytes from 127.0.0.1: icmp_seq=3 ttl=61 time=0.300 ms",
    "",
    "--- 127.0.0.1 ping statistics ---",
    "4 packets transmitted, 2 received, 50% packet loss, time 3004ms",
    "rtt min/avg/max/mdev = 0.100/0.200/0.300/0.100 ms",
  ].join("\n");

  it("reports loss and jitter from ping's statistics and passes the settings as argv", async () => {
    const bin = fakePing(lossy, 1);
    const r = await probe("127.0.0.1", { count: 4, intervalSeconds: 0.5, ttl: 7, pingPath: bin });
    expect(r.success).toBe(true);
    expect(metric(r, "fleetlens_icmp_packets_sent")).toBe(4);
    expect(metric(r, "fleetlens_icmp_packets_received")).toBe(2);
    expect(metric(r, "fleetlens_icmp_loss_ratio")).toBe(0.5);
    expect(rtt(r, "mdev")).toBeCloseTo(0.0001, 12);
    expect(metric(r, "probe_icmp_reply_hop_limit")).toBe(61);
    const argv = readFileSync(`${bin}.argv`, "utf8").trim().split("\n");
    expect(argv).toEqual(pingArgs("127.0.0.1", 4, { count: 4, intervalSeconds: 0.5, ttl: 7 }, 5000));
    const strict = await probe("127.0.0.1", { count: 4, maxLossRatio: 0.25, pingPath: bin });
    expect(strict).toMatchObject({ success: false, failureReason: "unreachable" });
    expect(strict.message).toMatch(/loss 0\.500/);
  });

  it("no reply is a timeout, ICMP errors make it unreachable, ping's own complaints are config", async () => {
    const silent = fakePing(
      "PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.\n\n--- 127.0.0.1 ping statistics ---\n3 packets transmitted, 0 received, 100% packet loss, time 2030ms",
      1,
    );
    const none = await probe("127.0.0.1", { pingPath: silent });
    expect(none).toMatchObject({ success: false, failureReason: "timeout" });
    expect(metric(none, "fleetlens_icmp_loss_ratio")).toBe(1);
    const unreachable = fakePing(
      "PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.\nFrom 127.0.0.1 icmp_seq=1 Destination Host Unreachable\n\n--- 127.0.0.1 ping statistics ---\n1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms",
      1,
    );
    expect((await probe("127.0.0.1", { count: 1, pingPath: unreachable })).failureReason).toBe("unreachable");
    const denied = fakePing("", 2, "ping: socket: Operation not permitted");
    const d = await probe("127.0.0.1", { pingPath: denied });
    expect(d).toMatchObject({ success: false, failureReason: "config" });
    expect(d.message).toMatch(/Operation not permitted/);
  });
});

describe("parsePing", () => {
  it("reads loss, duplicates and ICMP errors", () => {
    const text = [
      "PING 127.0.0.9 (127.0.0.9) 56(84) bytes of data.",
      "64 bytes from 127.0.0.9: icmp_seq=1 ttl=63 time=1.250 ms",
      "64 bytes from 127.0.0.9: icmp_seq=1 ttl=63 time=1.500 ms (DUP!)",
      "From 127.0.0.1 icmp_seq=2 Destination Host Unreachable",
      "64 bytes from 127.0.0.9: icmp_seq=3 ttl=63 time=0.750 ms",
      "",
      "--- 127.0.0.9 ping statistics ---",
      "4 packets transmitted, 2 received, +1 duplicates, +1 errors, 50% packet loss, time 3004ms",
      "rtt min/avg/max/mdev = 0.750/1.000/1.250/0.250 ms",
    ].join("\n");
    const p = parsePing(text);
    expect(p.sent).toBe(4);
    expect(p.received).toBe(2);
    expect(p.errors).toBe(1);
    expect(p.replies.filter((r) => r.duplicate)).toHaveLength(1);
    expect(p.icmpErrors).toEqual(["From 127.0.0.1 icmp_seq=2 Destination Host Unreachable"]);
    expect(p.summary).toEqual({ min: 0.00075, avg: 0.001, max: 0.00125, mdev: 0.00025 });
  });

  it("reads BusyBox's format (seq=, round-trip, no mdev)", () => {
    const p = parsePing(
      [
        "PING 127.0.0.1 (127.0.0.1): 56 data bytes",
        "64 bytes from 127.0.0.1: seq=0 ttl=64 time=0.084 ms",
        "64 bytes from 127.0.0.1: seq=1 ttl=64 time=0.100 ms",
        "",
        "--- 127.0.0.1 ping statistics ---",
        "2 packets transmitted, 2 packets received, 0% packet loss",
        "round-trip min/avg/max = 0.084/0.092/0.100 ms",
      ].join("\n"),
    );
    expect(p).toMatchObject({ sent: 2, received: 2, summary: { mdev: null } });
    expect(p.summary!.min).toBeCloseTo(0.000084, 12);
    expect(p.summary!.avg).toBeCloseTo(0.000092, 12);
    expect(p.summary!.max).toBeCloseTo(0.0001, 12);
    expect(p.replies.map((r) => r.seq)).toEqual([0, 1]);
  });

  const reply = fc.record({
    seq: fc.integer({ min: 1, max: 65535 }),
    ttl: fc.integer({ min: 1, max: 255 }),
    us: fc.integer({ min: 1, max: 10_000_000 }),
    dup: fc.boolean(),
  });
  test.prop([fc.array(reply, { maxLength: 30 }), fc.integer({ min: 0, max: 40 })])(
    "iputils-style output renders back to the replies and counts it was made from",
    (replies, lost) => {
      const ms = (us: number) => (us / 1000).toFixed(3);
      const lines = ["PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data."];
      for (const r of replies)
        lines.push(
          `64 bytes from 127.0.0.1: icmp_seq=${r.seq} ttl=${r.ttl} time=${ms(r.us)} ms${r.dup ? " (DUP!)" : ""}`,
        );
      const good = replies.filter((r) => !r.dup);
      lines.push("", "--- 127.0.0.1 ping statistics ---");
      lines.push(
        `${good.length + lost} packets transmitted, ${good.length} received, 0% packet loss, time 1ms`,
      );
      const p = parsePing(lines.join("\n"));
      expect(p.replies.map((r) => [r.seq, r.ttl, Math.round(r.rtt * 1e6), r.duplicate])).toEqual(
        replies.map((r) => [r.seq, r.ttl, r.us, r.dup]),
      );
      expect(p.sent).toBe(good.length + lost);
      expect(p.received).toBe(good.length);
      expect(p.summary).toBeNull();
    },
  );

  test.prop([fc.array(fc.double({ min: 1e-6, max: 10, noNaN: true }), { minLength: 1, maxLength: 50 })])(
    "rttStats: min ≤ avg ≤ max and 0 ≤ mdev ≤ (max − min)",
    (xs) => {
      const s = rttStats(xs)!;
      expect(s.min).toBeLessThanOrEqual(s.avg + 1e-12);
      expect(s.avg).toBeLessThanOrEqual(s.max + 1e-12);
      expect(s.mdev).toBeGreaterThanOrEqual(0);
      expect(s.mdev).toBeLessThanOrEqual(s.max - s.min + 1e-9);
    },
  );

  it("builds ping's argv within the budget", () => {
    const a = pingArgs("127.0.0.1", 4, { count: 3, intervalSeconds: 0.5, ttl: 9, dontFragment: true }, 3000);
    expect(a).toEqual([
      "-n",
      "-c",
      "3",
      "-i",
      "0.5",
      "-W",
      "1.8",
      "-w",
      "2",
      "-4",
      "-t",
      "9",
      "-M",
      "do",
      "127.0.0.1",
    ]);
    expect(pingArgs("::1", 6, { count: 1 }, 500)).toEqual([
      "-n",
      "-c",
      "1",
      "-i",
      "0.2",
      "-W",
      "0.3",
      "-6",
      "::1",
    ]);
  });
});
