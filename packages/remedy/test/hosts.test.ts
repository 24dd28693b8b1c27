import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  decodeRemedyConfig,
  hostMatches,
  type SshConfig,
  sshSettingsFor,
  sshTargetOf,
} from "../src/Config.js";

const FP = `SHA256:${"A".repeat(43)}`;
const FP2 = `SHA256:${"B".repeat(43)}`;
const base: SshConfig = {
  user: "ops",
  port: 2222,
  privateKey: "/k/default",
  knownHosts: "/k/known_hosts",
};

describe("hostMatches", () => {
  it.each([
    ["web1", "web1", true],
    ["web1", "WEB1", true],
    ["web1", "web10", false],
    ["web*", "web10", true],
    ["web*", "db1", false],
    ["*.lab.example", "a.lab.example", true],
    ["*.lab.example", "lab.example", false],
    ["web?", "web7", true],
    ["web?", "web77", false],
    ["10.0.0.0/24", "10.0.0.11", true],
    ["10.0.0.0/24", "10.0.1.11", false],
    ["10.0.0.0/24", "web1", false],
    ["10.0.0.5/32", "10.0.0.5", true],
    ["0.0.0.0/0", "192.0.2.1", true],
    ["fd00::/8", "fd12::1", true],
    ["fd00::/8", "10.0.0.1", false],
    ["10.0.0.11", "10.0.0.11", true],
    ["10.0.0.1", "10.0.0.11", false],
  ])("%s fits %s: %s", (pattern, host, want) => {
    expect(hostMatches(pattern, host)).toBe(want);
  });
});

describe("sshSettingsFor", () => {
  it("no entry matches: the defaults, as before", () => {
    expect(sshSettingsFor("web1", { ...base, hosts: [{ match: "db*", port: 22 }] })).toEqual({
      host: "web1",
      match: null,
      address: "web1",
      port: 2222,
      user: "ops",
      privateKey: "/k/default",
      knownHosts: "/k/known_hosts",
      fingerprints: [],
    });
    expect(sshSettingsFor("web1", undefined)).toMatchObject({
      address: "web1",
      port: 22,
      user: "root",
      privateKey: null,
      knownHosts: null,
    });
  });

  it("the first matching entry overrides field by field", () => {
    const c: SshConfig = {
      ...base,
      hosts: [
        { match: "db*", user: "dba" },
        { match: "web*", address: "10.0.0.11", user: "deploy" },
        { match: "web1", port: 22 },
      ],
    };
    const s = sshSettingsFor("web1", c);
    expect(s).toMatchObject({ match: 1, address: "10.0.0.11", port: 2222, user: "deploy" });
    expect(s.privateKey).toBe("/k/default");
    expect(sshTargetOf(s)).toBe("deploy@10.0.0.11:2222");
    expect(sshTargetOf({ ...s, address: "fd00::1" })).toBe("deploy@[fd00::1]:2222");
  });

  it("host keys: entry fingerprints, else entry known_hosts, else default fingerprint of the address", () => {
    const c: SshConfig = {
      ...base,
      hostKeys: { "10.0.0.11": FP2, web2: FP2 },
      hosts: [
        { match: "pinned", hostKeyFingerprints: [FP] },
        { match: "own", knownHosts: "/k/own" },
        { match: "web1", address: "10.0.0.11" },
      ],
    };
    expect(sshSettingsFor("pinned", c).fingerprints).toEqual([FP]);
    expect(sshSettingsFor("own", c)).toMatchObject({ fingerprints: [], knownHosts: "/k/own" });
    expect(sshSettingsFor("web1", c).fingerprints).toEqual([FP2]);
    expect(sshSettingsFor("web2", c).fingerprints).toEqual([FP2]);
    expect(sshSettingsFor("web3", c).fingerprints).toEqual([]);
  });

  const name = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);
  const entry = fc.record(
    {
      match: fc.oneof(
        name,
        name.map((n) => `${n.slice(0, 2)}*`),
      ),
      port: fc.integer({ min: 1, max: 65535 }),
      user: name,
      address: fc.ipV4(),
    },
    { requiredKeys: ["match"] },
  );

  test.prop([name, fc.array(entry, { maxLength: 6 })])(
    "the first matching entry wins; defaults when none matches",
    (host, hosts) => {
      const s = sshSettingsFor(host, { ...base, hosts });
      const first = hosts.find((h) => hostMatches(h.match, host));
      expect(s.match).toBe(first === undefined ? null : hosts.indexOf(first));
      expect(s.address).toBe(first?.address ?? host);
      expect(s.port).toBe(first?.port ?? base.port);
      expect(s.user).toBe(first?.user ?? base.user);
      if (first === undefined) expect(s).toEqual(sshSettingsFor(host, base));
    },
  );
});

describe("ssh.hosts validation", () => {
  const decode = (hosts: unknown[]) => () =>
    decodeRemedyConfig({ ssh: { privateKey: "/k", knownHosts: "/kh", hosts } }, "r.yaml");

  it("accepts names, globs and CIDR blocks", () => {
    expect(
      decode([
        { match: "web1", address: "127.0.0.1", port: 2222 },
        { match: "*.lab.example", user: "ops", hostKeyFingerprints: [FP] },
        { match: "10.0.0.0/8" },
        { match: "fd00::/8", address: "fd00::1" },
      ])().ssh?.hosts,
    ).toHaveLength(4);
  });

  it.each([
    [
      [{ match: "a" }, { match: "b" }, { match: "web 1" }],
      /^r\.yaml: ssh\.hosts\[2\]\.match: expected a host name, a glob/,
    ],
    [
      [{ match: "10.0.0.0/33" }],
      /^r\.yaml: ssh\.hosts\[0\]\.match: expected a CIDR prefix length of at most 32/,
    ],
    [[{ match: "web/24" }], /^r\.yaml: ssh\.hosts\[0\]\.match: expected a CIDR block with an IP address/],
    [
      [{ match: "a", address: "x;rm" }],
      /^r\.yaml: ssh\.hosts\[0\]\.address: expected a host name or IP address/,
    ],
    [[{ match: "a" }, { match: "b", port: 0 }], /^r\.yaml: ssh\.hosts\[1\]\.port: expected/],
    [
      [{ match: "a", hostKeyFingerprints: ["MD5:x"] }],
      /^r\.yaml: ssh\.hosts\[0\]\.hostKeyFingerprints\[0\]: expected/,
    ],
    [[{ port: 22 }], /^r\.yaml: ssh\.hosts\[0\]\.match: expected/],
  ])("%j is refused with its path", (hosts, message) => {
    expect(decode(hosts)).toThrow(message);
  });
});
