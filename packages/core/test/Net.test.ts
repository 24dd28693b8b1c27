import { fc, test } from "@fast-check/vitest";
import { Net } from "@fleetlens/core";
import { describe, expect, it } from "vitest";

describe("Net", () => {
  it("formats IPv6 like inet_ntop", () => {
    const b = (s: string) => Net.parseIpv6(s)!;
    expect(Net.ipv6FromBytes(b("fe80:0:0:0:fc:ff:fe00:1"))).toBe("fe80::fc:ff:fe00:1");
    expect(Net.ipv6FromBytes(b("::1"))).toBe("::1");
    expect(Net.ipv6FromBytes(b("::"))).toBe("::");
    expect(Net.ipv6FromBytes(b("2001:db8:0:1:0:0:0:1"))).toBe("2001:db8:0:1::1");
    expect(Net.ipv6FromBytes(b("2001:db8:0:0:1:0:0:1"))).toBe("2001:db8::1:0:0:1");
    expect(Net.ipv6FromBytes(b("1:0:1:0:1:0:1:0"))).toBe("1:0:1:0:1:0:1:0");
    expect(Net.ipv6FromBytes(b("::ffff:127.0.0.1"))).toBe("::ffff:127.0.0.1");
    expect(Net.parseIpv6("fe80::1%eth0")).toEqual(b("fe80::1"));
    expect(Net.parseIpv6("1::2::3")).toBeUndefined();
    expect(Net.parseIpv6("12345::")).toBeUndefined();
  });

  test.prop([fc.ipV6()])("IPv6 text round-trips through bytes", (ip) => {
    const bytes = Net.parseIpv6(ip);
    expect(bytes).toBeDefined();
    expect(Net.parseIpv6(Net.ipv6FromBytes(bytes!))).toEqual(bytes);
  });

  test.prop([fc.ipV4()])("IPv4 parse and format agree", (ip) => {
    const v = Net.parseIpv4(ip);
    const bytes = new Uint8Array([(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255]);
    expect(Net.ipv4FromBytes(bytes)).toBe(ip);
  });

  it("matches CIDR blocks, including IPv4-mapped IPv6", () => {
    const c = Net.parseCidr("10.0.0.0/8")!;
    expect(Net.cidrContains(c, "10.200.3.4")).toBe(true);
    expect(Net.cidrContains(c, "11.0.0.1")).toBe(false);
    expect(Net.cidrContains(c, "::ffff:10.1.2.3")).toBe(true);
    const s = Net.parseCidr("192.168.100.0/23")!;
    expect(Net.cidrContains(s, "192.168.101.255")).toBe(true);
    expect(Net.cidrContains(s, "192.168.102.0")).toBe(false);
    const v6 = Net.parseCidr("fd00::/8")!;
    expect(Net.cidrContains(v6, "fd12::1")).toBe(true);
    expect(Net.cidrContains(v6, "fe80::1")).toBe(false);
    expect(Net.parseCidr("10.0.0.0/33")).toBeUndefined();
    expect(Net.parseCidr("nonsense")).toBeUndefined();
    expect(Net.cidrContains(Net.parseCidr("8.8.8.8")!, "8.8.8.8")).toBe(true);
  });
});
