/**
 * The corpus tier's ntc-templates comparison, without the corpus: the helper on its own, then the
 * tier's own discovery and checks (support/corpus.ts, what corpus.test.ts runs) on a synthetic
 * corpus written to a temporary folder, once agreeing with its `.yml` files and once not.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { InterfaceDescription, MacTableEntry } from "@fleetlens/core";
import { afterAll, describe, expect, it } from "vitest";
import { parseInterfaceDescriptions } from "../src/cisco-int-desc/index.js";
import { parseMacTable } from "../src/cisco-mac-table/index.js";
import { checkCorpusSample, corpusSamples } from "./support/corpus.js";
import { checkNtcSample, compareNtc, ntcRows, ntcSibling } from "./support/ntc.js";

const tmp = mkdtempSync(join(tmpdir(), "fleetlens-ntc-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const dashes = "-".repeat(79);

// Samples written for this test in each command's layout (not taken from ntc-templates).
const IOS_MAC = [
  "          Mac Address Table",
  "-------------------------------------------",
  "",
  "Vlan    Mac Address       Type        Ports",
  "----    -----------       --------    -----",
  " All    0100.0ccc.cccc    STATIC      CPU",
  "  12    5254.0012.3456    DYNAMIC     Gi1/0/7",
  " 300    AABB.CC00.0102    DYNAMIC     Po2",
  "Total Mac Addresses for this criterion: 3",
  "",
].join("\n");
// newer ntc field names: vlan_id, destination_port as a list
const IOS_MAC_YML = `---
parsed_sample:
  - destination_address: "0100.0ccc.cccc"
    type: "STATIC"
    vlan_id: "All"
    destination_port:
      - "CPU"
  - destination_address: "5254.0012.3456"
    type: "DYNAMIC"
    vlan_id: "12"
    destination_port:
      - "Gi1/0/7"
  - destination_address: "aabb.cc00.0102"
    type: "DYNAMIC"
    vlan_id: 300
    destination_port:
      - "Po2"
`;

const IOS_DESC = [
  "Interface                      Status         Protocol Description",
  "Vl12                           up             up       users",
  "Gi1/0/7                        admin down     down     desk 4.12",
  "Gi1/0/8                        up             up",
  "",
].join("\n");
// older ntc field names: port, descrip
const IOS_DESC_YML = `---
parsed_sample:
  - port: "Vl12"
    status: "up"
    protocol: "up"
    descrip: "users"
  - port: "Gi1/0/7"
    status: "admin down"
    protocol: "down"
    descrip: "desk 4.12"
  - port: "Gi1/0/8"
    status: "up"
    protocol: "up"
    descrip: ""
`;

const NXOS_DESC = [
  "",
  dashes,
  "Interface                Description".padEnd(80),
  dashes,
  "mgmt0                    --",
  "",
  dashes,
  "Port          Type   Speed   Description",
  dashes,
  "Eth1/1        eth    10G     esx-14 vmnic0",
  "Eth1/2        eth    1000    --",
  "",
  dashes,
  "Interface                Description".padEnd(80),
  dashes,
  "Po10                     vPC peer-link",
  "",
].join("\n");
const NXOS_DESC_YML = `---
parsed_sample:
  - port: "mgmt0"
    type: ""
    speed: ""
    description: "--"
  - port: "Eth1/1"
    type: "eth"
    speed: "10G"
    description: "esx-14 vmnic0"
  - port: "Eth1/2"
    type: "eth"
    speed: "1000"
    description: "--"
  - port: "Po10"
    type: ""
    speed: ""
    description: "vPC peer-link"
`;

const NXOS_MAC = [
  "Legend: ",
  "        * - primary entry, G - Gateway MAC, (R) - Routed MAC, O - Overlay MAC",
  "   VLAN     MAC Address      Type      age     Secure NTFY Ports",
  "---------+-----------------+--------+---------+------+----+------------------",
  "*   10     0050.5689.aa01   dynamic  0         F      F    Eth1/1",
  "G    -     0022.bdf8.19ff   static   -         F      F    sup-eth1(R)",
  "",
].join("\n");
const NXOS_MAC_YML = `---
parsed_sample:
  - vlan: "10"
    mac: "0050.5689.aa01"
    type: "dynamic"
    age: "0"
    secure: "F"
    ntfy: "F"
    ports: "Eth1/1"
  - vlan: "-"
    mac: "0022.bdf8.19ff"
    type: "static"
    age: "-"
    secure: "F"
    ntfy: "F"
    ports: "sup-eth1(R)"
`;

/** Writes `files` under `<root>/dhcp_cisco/`. */
const corpusDir = (root: string, files: Record<string, string>): string => {
  mkdirSync(join(root, "dhcp_cisco"), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, "dhcp_cisco", name), text);
  return root;
};

describe("ntc-templates comparison (helper)", () => {
  const mac = parseMacTable(IOS_MAC).records;
  const desc = parseInterfaceDescriptions(IOS_DESC).records;
  const nxDesc = parseInterfaceDescriptions(NXOS_DESC).records;

  it("agrees on MAC tables (dotted MACs any case, vlan_id or vlan, port lists) and descriptions (old and new names)", () => {
    expect(compareNtc("cisco-mac-table", mac, IOS_MAC_YML)).toEqual({ rows: 3, records: 3, mismatches: [] });
    expect(compareNtc("cisco-mac-table", parseMacTable(NXOS_MAC).records, NXOS_MAC_YML).mismatches).toEqual(
      [],
    );
    expect(compareNtc("cisco-int-desc", desc, IOS_DESC_YML)).toEqual({ rows: 3, records: 3, mismatches: [] });
    const renamed = IOS_DESC_YML.replaceAll("port:", "interface:").replaceAll("descrip:", "description:");
    expect(compareNtc("cisco-int-desc", desc, renamed).mismatches).toEqual([]);
    expect(compareNtc("cisco-int-desc", nxDesc, NXOS_DESC_YML).mismatches).toEqual([]);
  });

  it("reports each differing field, missing rows and unreadable expectations", () => {
    const wrong = IOS_MAC_YML.replace('"Gi1/0/7"', '"Gi1/0/8"').replace("5254.0012.3456", "5254.0012.3457");
    expect(compareNtc("cisco-mac-table", mac, wrong).mismatches).toEqual([
      'row 2 mac: ours "52:54:00:12:34:56", ntc "52:54:00:12:34:57"',
      'row 2 port: ours "Gi1/0/7", ntc "Gi1/0/8"',
    ]);
    const list = IOS_MAC_YML.replace('      - "Po2"', '      - "Po2"\n      - "Po3"');
    expect(compareNtc("cisco-mac-table", mac, list).mismatches).toEqual([
      'row 3 port: ours "Po2", ntc "Po2,Po3"',
    ]);
    const nx = NXOS_DESC_YML.replace('speed: "10G"', 'speed: "25G"').replace(
      'description: "--"\n  - port: "Po10"',
      'description: "x"\n  - port: "Po10"',
    );
    expect(compareNtc("cisco-int-desc", nxDesc, nx).mismatches).toEqual([
      'row 2 speed: ours "10G", ntc "25G"',
      'row 3 description: ours "", ntc "x"',
    ]);
    const short = IOS_DESC_YML.slice(0, IOS_DESC_YML.indexOf('  - port: "Gi1/0/8"'));
    expect(compareNtc("cisco-int-desc", desc, short)).toEqual({
      rows: 2,
      records: 3,
      mismatches: ["3 records, ntc expects 2 rows"],
    });
    expect(compareNtc("cisco-int-desc", desc, "---\nother: 1\n").mismatches).toEqual([
      "no parsed_sample list",
    ]);
    expect(typeof ntcRows("parsed_sample: [\n")).toBe("string");
  });

  it("takes status and protocol as words (runs of spaces are one)", () => {
    const rows: InterfaceDescription[] = [
      { port: "Gi0/1", status: "admin down", protocol: "down", description: "", switch: null },
    ];
    const yml =
      'parsed_sample:\n  - port: "Gi0/1"\n    status: "admin  down"\n    protocol: "down"\n    descrip: ""\n';
    expect(compareNtc("cisco-int-desc", rows, yml).mismatches).toEqual([]);
    const none: MacTableEntry[] = [
      { vlan: null, mac: "00:22:bd:f8:19:ff", type: "static", port: "Router", switch: null },
    ];
    const yml2 =
      'parsed_sample:\n  - destination_address: "0022.BDF8.19FF"\n    vlan: "N/A"\n    type: "STATIC"\n    destination_port: "Router"\n';
    expect(compareNtc("cisco-mac-table", none, yml2).mismatches).toEqual([]);
  });

  it("finds the .yml beside a sample and checks only the Cisco kinds", () => {
    const d = corpusDir(join(tmp, "sibling"), {
      "a.raw": IOS_DESC,
      "a.yml": IOS_DESC_YML,
      "b.raw": IOS_DESC,
    });
    expect(ntcSibling(join(d, "dhcp_cisco", "a.raw"))).toBe(join(d, "dhcp_cisco", "a.yml"));
    expect(ntcSibling(join(d, "dhcp_cisco", "b.raw"))).toBeUndefined();
    expect(checkNtcSample("dhcpd-leases", join(d, "dhcp_cisco", "a.raw"), [])).toBeUndefined();
    expect(checkNtcSample("cisco-int-desc", join(d, "dhcp_cisco", "a.raw"), desc)?.mismatches).toEqual([]);
  });
});

describe("ntc-templates comparison in the corpus tier (synthetic corpus)", () => {
  const samples = {
    "sw1_show_mac-address-table.raw": IOS_MAC,
    "sw1_show_mac-address-table.yml": IOS_MAC_YML,
    "sw1_show_interfaces_description.raw": IOS_DESC,
    "sw1_show_interfaces_description.yml": IOS_DESC_YML,
    "n9k_show_interface_description.raw": NXOS_DESC,
    "n9k_show_interface_description.yml": NXOS_DESC_YML,
    "n9k_show_mac_address-table.raw": NXOS_MAC,
    "n9k_show_mac_address-table.yml": NXOS_MAC_YML,
  };

  it("sniffs each .raw, skips the .yml files, and passes when fleetlens agrees", () => {
    const root = corpusDir(join(tmp, "agree"), samples);
    const found = corpusSamples(root).map((s) => ({ ...s, file: s.file.slice(root.length + 1) }));
    expect(found.sort((a, b) => a.file.localeCompare(b.file))).toEqual([
      { kind: "cisco-int-desc", file: "dhcp_cisco/n9k_show_interface_description.raw" },
      { kind: "cisco-mac-table", file: "dhcp_cisco/n9k_show_mac_address-table.raw" },
      { kind: "cisco-int-desc", file: "dhcp_cisco/sw1_show_interfaces_description.raw" },
      { kind: "cisco-mac-table", file: "dhcp_cisco/sw1_show_mac-address-table.raw" },
    ]);
    for (const { kind, file } of corpusSamples(root)) checkCorpusSample(kind, file);
  });

  it("fails a sample whose .yml disagrees, naming the row and field", () => {
    const root = corpusDir(join(tmp, "disagree"), {
      ...samples,
      "sw1_show_interfaces_description.yml": IOS_DESC_YML.replace(
        'descrip: "desk 4.12"',
        'descrip: "desk 4.13"',
      ),
    });
    const results = corpusSamples(root).map(({ kind, file }) => {
      try {
        checkCorpusSample(kind, file);
        return `${file.slice(root.length + 1)}: ok`;
      } catch (e) {
        return `${file.slice(root.length + 1)}: ${(e as Error).message.split("\n")[0]}`;
      }
    });
    const failed = results.filter((r) => !r.endsWith(": ok"));
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(/^dhcp_cisco\/sw1_show_interfaces_description\.raw: .*vs ntc-templates/);
    const file = join(root, "dhcp_cisco", "sw1_show_interfaces_description.raw");
    const cmp = checkNtcSample("cisco-int-desc", file, parseInterfaceDescriptions(IOS_DESC).records);
    expect(cmp?.mismatches).toEqual(['row 2 description: ours "desk 4.12", ntc "desk 4.13"']);
  });
});
