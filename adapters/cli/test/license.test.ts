/**
 * `license usage` and `license attribute` end to end on a generated history whose truth is known
 * by construction: who held what when, which host had which address, MAC, switch port, outlet
 * and inventory row. The inputs are written with the parsers' renderers in the real formats.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type {
  DhcpHost,
  InterfaceDescription,
  InventoryRow,
  LicenceEvent,
  LicenceSnapshot,
  MacTableEntry,
} from "@fleetlens/core";
import { ciscoIntDesc, ciscoMacTable, dhcpdConf, flexlmLog, inventory, logwatch } from "@fleetlens/parsers";
import { describe, expect, it } from "vitest";
import { cli } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "fleetlens-licence-"));
const T = (hhmm: string) => Date.parse(`2026-03-02T${hhmm}:00Z`);
const hosts = {
  pc1: {
    ip: "10.5.0.11",
    mac: "00:1a:2b:00:00:11",
    port: "Gi1/0/11",
    outlet: "Office 101",
    name: "chem-pc-11",
    dept: "Chemistry",
  },
  pc2: {
    ip: "10.5.0.12",
    mac: "00:1a:2b:00:00:12",
    port: "Gi1/0/12",
    outlet: "Office 102",
    name: "phys-pc-12",
    dept: "Physics",
  },
  pc3: {
    ip: "10.5.0.13",
    mac: "00:1a:2b:00:00:13",
    port: "Gi1/0/13",
    outlet: "Office 103",
    name: null,
    dept: null,
  },
} as const;
type Host = keyof typeof hosts;

const ev = (
  hhmm: string,
  event: LicenceEvent["event"],
  feature: string,
  user: string,
  host: Host,
  reason: string | null = null,
): LicenceEvent => ({
  ts: T(hhmm),
  daemon: "orglab",
  event,
  feature,
  user,
  host,
  count: 1,
  reason,
  ...(event === "DENIED" ? { code: "-4,342" } : {}),
});
// The story, and who is connected to the licence port after each line.
const story: [LicenceEvent, Host[]][] = [
  [ev("09:00", "OUT", "Origin", "alice", "pc1"), ["pc1"]],
  [ev("09:10", "OUT", "Origin", "bob", "pc2"), ["pc1", "pc2"]],
  [ev("09:20", "OUT", "OriginPro", "carol", "pc3"), ["pc1", "pc2", "pc3"]],
  [ev("09:30", "IN", "Origin", "alice", "pc1"), ["pc2", "pc3"]],
  [ev("10:00", "IN", "Origin", "bob", "pc2"), ["pc3"]],
  [ev("10:30", "DENIED", "OriginPro", "dave", "pc1", "Licensed number of users already reached."), ["pc3"]],
  [ev("11:00", "IN", "OriginPro", "carol", "pc3"), []],
];

const write = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
const debugLog = write(
  "orglabdebug.log",
  flexlmLog.renderFlexlmLog(
    story.map(([e]) => e),
    { daemon: "orglab" },
  ),
);
const snapshots: LicenceSnapshot[] = story.map(([e, on]) => ({
  ts: e.ts,
  clients: on.map((h) => hosts[h].ip),
  sockets: on.length,
  event: e,
  line: null,
}));
const logwatchFile = write(
  "logwatch",
  logwatch.renderLogwatch(snapshots, { port: 60213, server: "10.5.0.2" }),
);
const dhcp = write(
  "dhcpd-510.conf",
  dhcpdConf.renderDhcpdConf(
    (Object.keys(hosts) as Host[]).map(
      (h): DhcpHost => ({ name: h, mac: hosts[h].mac, ip: hosts[h].ip, scope: "", options: {} }),
    ),
  ),
);
const macTable = write(
  "sw-a.txt",
  ciscoMacTable.renderMacTable([
    ...(Object.keys(hosts) as Host[]).map(
      (h): MacTableEntry => ({
        vlan: "510",
        mac: hosts[h].mac,
        type: "DYNAMIC",
        port: hosts[h].port,
        switch: null,
      }),
    ),
    // the uplink sees every MAC too: the edge port must win
    ...(Object.keys(hosts) as Host[]).map(
      (h): MacTableEntry => ({ vlan: "510", mac: hosts[h].mac, type: "DYNAMIC", port: "Po1", switch: null }),
    ),
  ]),
);
// One file per switch, named after it: the interface descriptions of sw-a live in their own folder.
mkdirSync(join(dir, "desc"));
const intDesc = join("desc", "sw-a.txt");
write(
  intDesc,
  ciscoIntDesc.renderInterfaceDescriptions(
    (Object.keys(hosts) as Host[]).map(
      (h): InterfaceDescription => ({
        port: hosts[h].port.replace("Gi", "GigabitEthernet"),
        status: "up",
        protocol: "up",
        description: hosts[h].outlet,
        switch: null,
      }),
    ),
  ),
);
const inv = write(
  "inventory.csv",
  inventory.renderInventoryCsv(
    (["pc1", "pc2"] as Host[]).map(
      (h): InventoryRow => ({
        hostname: hosts[h].name,
        mac: hosts[h].mac,
        vlan: "510",
        department: hosts[h].dept,
        notes: null,
        extra: {},
      }),
    ),
  ),
);

describe("fleetlens license usage", () => {
  it("sessions, per-user time, peaks and denials equal the story", async () => {
    const r = await cli(["license", "usage", debugLog, "--format", "json", "--stats", "json"]);
    expect(r.code, r.stderr).toBe(0);
    const u = JSON.parse(r.stdout);
    const f = Object.fromEntries(u.features.map((x: { feature: string }) => [x.feature, x]));
    expect(f.Origin).toMatchObject({ sessions: 2, peak: 2, peakAt: "2026-03-02T09:10:00Z", denials: 0 });
    expect(f.OriginPro).toMatchObject({ sessions: 1, peak: 1, peakAt: "2026-03-02T09:20:00Z", denials: 1 });
    const users = Object.fromEntries(
      u.users.map((x: { user: string; seconds: number }) => [x.user, x.seconds]),
    );
    expect(users).toMatchObject({ alice: 1800, bob: 3000, carol: 6000 });
    expect(u.denials).toEqual([
      expect.objectContaining({ user: "dave", host: "pc1", feature: "OriginPro", event: "DENIED" }),
    ]);
    expect(u.sessions).toHaveLength(3);
    const stats = JSON.parse(r.stderr.trim());
    expect(stats.skipped).toBe(0);
  });

  it("the same from the logwatch file, and a table for people", async () => {
    const r = await cli(["license", "usage", logwatchFile, "--format", "json"]);
    expect(
      JSON.parse(r.stdout)
        .users.map((x: { seconds: number }) => x.seconds)
        .sort((p: number, q: number) => p - q),
    ).toEqual([0, 1800, 3000, 6000]); // dave was only denied
    const t = await cli(["license", "usage", debugLog], { tty: true });
    expect(t.stdout).toMatch(/^Features\nFEATURE\s+ISSUED\s+PEAK/);
    expect(t.stdout).toContain("alice");
  });
});

describe("fleetlens license attribute", () => {
  it("attributes each user's host to its address and enriches it down to the outlet", async () => {
    const r = await cli([
      "license",
      "attribute",
      logwatchFile,
      "--dhcp",
      dhcp,
      "--mac-table",
      macTable,
      join(dir, intDesc),
      "--inventory",
      inv,
      "--format",
      "json",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    const a = Object.fromEntries(out.attributions.map((x: { user: string }) => [x.user, x]));
    for (const [user, host] of [
      ["alice", "pc1"],
      ["bob", "pc2"],
      ["carol", "pc3"],
      ["dave", "pc1"],
    ] as const) {
      expect(a[user], user).toMatchObject({ host, ip: hosts[host].ip, status: "unique", confidence: 1 });
    }
    const h = Object.fromEntries(out.history.map((x: { user: string }) => [x.user, x]));
    expect(h.alice).toMatchObject({
      ip: "10.5.0.11",
      mac: "00:1a:2b:00:00:11",
      switch: "sw-a",
      port: "Gi1/0/11",
      description: "Office 101",
      hostname: "pc1", // dhcpd's host name first; the inventory matched by MAC gives the rest
      department: "Chemistry",
      vlan: "510",
      connectionSeconds: 1800,
    });
    expect(h.bob).toMatchObject({ port: "Gi1/0/12", description: "Office 102", department: "Physics" });
    expect(h.carol).toMatchObject({
      ip: "10.5.0.13",
      mac: "00:1a:2b:00:00:13",
      port: "Gi1/0/13",
      department: null,
    });
    expect(h.carol.missing.join(" ")).toMatch(/inventory/);
  });
});
