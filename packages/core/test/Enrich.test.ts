import { fc, test } from "@fast-check/vitest";
import {
  type DhcpHost,
  type DhcpLease,
  type InterfaceDescription,
  type InventoryRow,
  LicenceHistory,
  type MacTableEntry,
} from "@fleetlens/core";
import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import { Enricher, enrich, history, isTrunkLike, portKey } from "../src/Enrich.js";

const T = Date.UTC(2024, 2, 1, 9, 0);
const host = (name: string, mac: string | null, ip: string | null): DhcpHost => ({
  name,
  mac,
  ip,
  scope: "subnet 10.14.18.0/24",
  options: {},
});
const lease = (
  ip: string,
  mac: string,
  start: number,
  end: number | null,
  state = "active",
  hostname: string | null = null,
): DhcpLease => ({
  ip,
  mac,
  start,
  end,
  state,
  hostname,
});
const mt = (
  mac: string,
  port: string,
  sw: string | null = "Balard-PAC-2",
  vlan: string | null = "513",
): MacTableEntry => ({
  vlan,
  mac,
  type: "DYNAMIC",
  port,
  switch: sw,
});
const desc = (
  port: string,
  description: string,
  sw: string | null = "Balard-PAC-2",
): InterfaceDescription => ({
  port,
  status: "up",
  protocol: "up",
  description,
  switch: sw,
});
const inv = (
  hostname: string | null,
  mac: string | null,
  department: string | null,
  vlan: string | null = "513",
): InventoryRow => ({
  hostname,
  mac,
  vlan,
  department,
  notes: null,
  extra: {},
});

describe("port names", () => {
  it("normalise abbreviations and spacing", () => {
    expect(portKey("GigabitEthernet1/0/36")).toBe("gi1/0/36");
    expect(portKey("Gi1/0/36")).toBe(portKey("gig 1/0/36"));
    expect(portKey("Te1/1/3")).toBe(portKey("TenGigabitEthernet1/1/3"));
    expect(portKey("Po6")).toBe(portKey("Port-channel6"));
    expect(portKey("Eth1/5")).toBe(portKey("Ethernet1/5"));
    expect(portKey("Twe1/0/1")).not.toBe(portKey("Tw1/0/1"));
    expect(portKey("1/0/36")).toBe("1/0/36");
    expect([isTrunkLike("Po1"), isTrunkLike("CPU"), isTrunkLike("Vl99"), isTrunkLike("Gi1/0/7")]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });
});

describe("the chain", () => {
  const sources = {
    dhcpHosts: [host("BBBAACCC", "90:b1:1c:a3:35:75", "10.14.18.145")],
    leases: [
      lease("10.14.18.200", "00:00:00:00:00:01", T - 3600_000, T - 60_000),
      lease("10.14.18.200", "00:00:00:00:00:02", T - 60_000, T + 3600_000, "active", "laptop-2"),
      lease("10.14.18.200", "00:00:00:00:00:03", T + 3600_000, T + 7200_000, "free"),
    ],
    macTable: [
      mt("90:b1:1c:a3:35:75", "Po1", "Balard-PAC-1"),
      mt("90:b1:1c:a3:35:75", "Gi1/0/36"),
      mt("00:00:00:00:00:09", "Po1", "Balard-PAC-1"),
      mt("00:00:00:00:00:02", "Gi1/0/5"),
      mt("00:00:00:00:00:02", "Gi1/0/48"),
      mt("00:00:00:00:00:07", "Gi1/0/48"),
      mt("00:00:00:00:00:08", "Gi1/0/48"),
    ],
    interfaces: [desc("GigabitEthernet1/0/36", "RJLG07-01"), desc("GigabitEthernet1/0/5", "")],
    inventory: [inv('"BBBAACCC"', null, "DPT4"), inv("laptop-9", "00:00:00:00:00:02", null, null)],
  };

  it("follows IP -> MAC -> edge port -> outlet -> inventory (the seed's record)", () => {
    const [h] = enrich(
      [{ user: "c2mstud", host: "c2mstud3-pc", ip: "10.14.18.145", at: T, connectionSeconds: 11898.5 }],
      sources,
    );
    expect(h).toEqual({
      user: "c2mstud",
      host: "c2mstud3-pc",
      ip: "10.14.18.145",
      mac: "90:b1:1c:a3:35:75",
      hostname: "BBBAACCC",
      department: "DPT4",
      vlan: "513",
      switch: "Balard-PAC-2",
      port: "Gi1/0/36",
      description: "RJLG07-01",
      connectionSeconds: 11898.5,
      missing: [],
    });
    const json = Schema.encodeSync(LicenceHistory)(h!);
    expect(Schema.decodeUnknownSync(LicenceHistory)(json)).toEqual(h);
  });

  it("takes the lease active at the session time; the access port over a busier one; reasons for gaps", () => {
    const en = new Enricher(sources);
    const r = en.resolve("10.14.18.200", T);
    expect([r.mac, r.macSource, r.hostname, r.port, r.description, r.department, r.vlan]).toEqual([
      "00:00:00:00:00:02",
      "dhcpd-lease",
      "laptop-2",
      "Gi1/0/5",
      null,
      null,
      "513",
    ]);
    expect(r.missing).toEqual([
      "description: port Gi1/0/5 has an empty description",
      "department: the inventory row has no department",
    ]);
    expect(en.resolve("10.14.18.200", T - 120_000).mac).toBe("00:00:00:00:00:01");
    expect(en.resolve("10.14.18.200", T + 3600_000).mac).toBe("00:00:00:00:00:03");
    expect(en.resolve("10.14.18.200").mac).toBe("00:00:00:00:00:02"); // no time: the latest active
    expect(en.resolve("10.14.18.200", T + 9e6).missing[0]).toMatch(
      /^mac: no dhcpd host with fixed-address 10\.14\.18\.200 and no lease of it active at 2024-03-01T11:30/,
    );
  });

  it("never throws on missing links and gives one reason per missing field", () => {
    const r = new Enricher({}).resolve(null);
    expect(r.missing.map((m) => m.split(":")[0])).toEqual([
      "ip",
      "port",
      "switch",
      "description",
      "hostname",
      "department",
      "vlan",
    ]);
    const nothing = enrich([{ user: "u", host: "h", ip: "10.0.0.1", connectionSeconds: Number.NaN }], {});
    expect(nothing[0]!.connectionSeconds).toBe(0);
    expect(nothing[0]!.missing![0]).toBe("mac: no dhcpd configuration or leases given");
    const noTable = new Enricher({ dhcpHosts: sources.dhcpHosts }).resolve("10.14.18.145");
    expect(noTable.missing).toContain("port: no MAC address table given");
    expect(noTable.missing).toContain("department: no inventory given");
  });

  it("history joins attributions with per-user seconds and first checkout", () => {
    const rows = history(
      [
        {
          user: "alice",
          host: "pc1",
          ip: "10.14.18.200",
          status: "unique",
          confidence: 1,
          candidates: ["10.14.18.200"],
          evidence: 3,
        },
        {
          user: "bob",
          host: "pc2",
          ip: null,
          status: "ambiguous",
          confidence: 0.5,
          candidates: ["a", "b"],
          evidence: 2,
        },
      ],
      [{ user: "alice", host: "pc1", seconds: 600, firstOut: T - 120_000 }],
      sources,
    );
    expect(rows.map((r) => [r.user, r.mac, r.connectionSeconds])).toEqual([
      ["alice", "00:00:00:00:00:01", 600],
      ["bob", null, 0],
    ]);
  });
});

describe("generated sites", () => {
  const siteArb = fc
    .uniqueArray(fc.integer({ min: 1, max: 250 }), { minLength: 1, maxLength: 12 })
    .chain((ids) =>
      fc.record({
        ids: fc.constant(ids),
        viaLease: fc.array(fc.boolean(), { minLength: ids.length, maxLength: ids.length }),
        longNames: fc.array(fc.boolean(), { minLength: ids.length, maxLength: ids.length }),
        drop: fc.array(fc.constantFrom("none", "dhcp", "mac", "desc", "inv"), {
          minLength: ids.length,
          maxLength: ids.length,
        }),
      }),
    );

  test.prop([siteArb])(
    "the chain recovers the truth; each dropped link is null with a reason",
    ({ ids, viaLease, longNames, drop }) => {
      const hex = (n: number) => n.toString(16).padStart(2, "0");
      const truth = ids.map((id, i) => ({
        ip: `10.5.${i}.${id}`,
        mac: `02:00:00:00:${hex(i)}:${hex(id)}`,
        sw: `sw${id % 3}`,
        port: `Gi1/0/${id}`,
        outlet: `R${id}-01`,
        name: `PC-${id}`,
        dept: `D${id % 5}`,
        vlan: String(500 + (id % 4)),
      }));
      const dhcpHosts: DhcpHost[] = [];
      const leases: DhcpLease[] = [];
      const macTable: MacTableEntry[] = [mt("02:ff:ff:ff:ff:ff", "Po1", "sw0")];
      const interfaces: InterfaceDescription[] = [];
      const inventory: InventoryRow[] = [];
      truth.forEach((t, i) => {
        if (drop[i] !== "dhcp") {
          if (viaLease[i]) leases.push(lease(t.ip, t.mac, T - 1000, T + 1000, "active", t.name));
          else dhcpHosts.push(host(t.name, t.mac, t.ip));
        }
        if (drop[i] !== "mac") {
          macTable.push(mt(t.mac, `Po${i + 2}`, t.sw, t.vlan)); // an uplink also learned it
          macTable.push(mt(t.mac, t.port, t.sw, t.vlan));
        }
        if (drop[i] !== "desc")
          interfaces.push(
            desc(longNames[i] ? t.port.replace("Gi", "GigabitEthernet") : t.port, t.outlet, t.sw),
          );
        if (drop[i] !== "inv")
          inventory.push(inv(t.name.toLowerCase(), i % 2 ? t.mac : null, t.dept, t.vlan));
      });
      const out = enrich(
        truth.map((t) => ({ user: "u", host: t.name, ip: t.ip, at: T, connectionSeconds: 1 })),
        { dhcpHosts, leases, macTable, interfaces, inventory },
      );
      out.forEach((h, i) => {
        const t = truth[i]!;
        const d = drop[i];
        expect(h.mac).toBe(d === "dhcp" ? null : t.mac);
        expect(h.port).toBe(d === "dhcp" || d === "mac" ? null : t.port);
        expect(h.switch).toBe(d === "dhcp" || d === "mac" ? null : t.sw);
        expect(h.description).toBe(d === "none" || d === "inv" ? t.outlet : null);
        expect(h.department).toBe(d === "dhcp" || d === "inv" ? null : t.dept);
        for (const f of ["mac", "switch", "port", "description", "hostname", "department", "vlan"] as const)
          if (h[f] === null) expect(h.missing!.some((m) => m.startsWith(`${f}:`))).toBe(true);
          else expect(h.missing!.some((m) => m.startsWith(`${f}:`))).toBe(false);
      });
    },
  );

  test.prop([
    fc.array(fc.record({ ip: fc.option(fc.string()), at: fc.option(fc.integer()) }), { maxLength: 10 }),
    fc.array(
      fc.record({
        mac: fc.option(fc.string()),
        ip: fc.option(fc.string()),
        port: fc.string(),
        name: fc.string(),
      }),
      { maxLength: 10 },
    ),
  ])("arbitrary records never throw", (rows, junk) => {
    const en = new Enricher({
      dhcpHosts: junk.map((j) => host(j.name, j.mac, j.ip)),
      leases: junk.map((j) => lease(j.ip ?? "", j.mac ?? "", 0, null)),
      macTable: junk.map((j) => mt(j.mac ?? "", j.port)),
      interfaces: junk.map((j) => desc(j.port, j.name)),
      inventory: junk.map((j) => inv(j.name, j.mac, null)),
    });
    for (const r of rows) expect(() => en.resolve(r.ip, r.at)).not.toThrow();
  });
});
