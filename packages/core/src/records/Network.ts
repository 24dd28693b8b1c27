/**
 * Network inventory records: ISC dhcpd host declarations and leases, Cisco MAC address tables and
 * interface descriptions, and the site's inventory (hostname, MAC, VLAN, department). MAC
 * addresses are lower-case and colon-separated (`00:1a:2b:3c:4d:5e`) whatever the input wrote.
 *
 * @since 0.1.0
 * @module
 */
import { Schema } from "effect";
import { IsoTime } from "./IsoTime.js";

/**
 * A `host` declaration of dhcpd.conf: `name`, `mac` (hardware ethernet), `ip` (fixed-address, the
 * first when several; a name when not numeric), `scope` (the enclosing shared-network / subnet /
 * group path, e.g. `subnet 10.5.0.0/24`), `options` (other statements, `key value` text).
 *
 * @since 0.1.0
 * @category schemas
 */
export const DhcpHost = Schema.Struct({
  name: Schema.String,
  mac: Schema.NullOr(Schema.String),
  ip: Schema.NullOr(Schema.String),
  scope: Schema.String,
  options: Schema.Record(Schema.String, Schema.String),
});
/** @since 0.1.0 @category models */
export type DhcpHost = typeof DhcpHost.Type;

/**
 * A lease of dhcpd.leases: `ip`, `mac`, `start`, `end` (null for `never`), `state`
 * (binding state: active, free, backup, expired, …), `hostname` (client-hostname), `uid`.
 * DHCPv6 leases (an `iaaddr` or `iaprefix` of an `ia-na` / `ia-ta` / `ia-pd` block) also carry
 * `ia` (`na`, `ta` or `pd`), `iaid` (8 hex digits) and `duid` (colon hex); their `ip` is the
 * address, or the prefix as `2001:db8:1::/64`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DhcpLease = Schema.Struct({
  ip: Schema.String,
  mac: Schema.NullOr(Schema.String),
  start: Schema.NullOr(IsoTime),
  end: Schema.NullOr(IsoTime),
  state: Schema.NullOr(Schema.String),
  hostname: Schema.NullOr(Schema.String),
  uid: Schema.optionalKey(Schema.NullOr(Schema.String)),
  ia: Schema.optionalKey(Schema.Literals(["na", "ta", "pd"])),
  iaid: Schema.optionalKey(Schema.String),
  duid: Schema.optionalKey(Schema.String),
});
/** @since 0.1.0 @category models */
export type DhcpLease = typeof DhcpLease.Type;

/**
 * A row of `show mac address-table` (IOS, NX-OS): `vlan`, `mac`, `type` (DYNAMIC, STATIC, …),
 * `port` (as printed: `Gi1/0/12`, `Po1`, `CPU`), `switch` (from options, or null).
 *
 * @since 0.1.0
 * @category schemas
 */
export const MacTableEntry = Schema.Struct({
  vlan: Schema.NullOr(Schema.String),
  mac: Schema.String,
  type: Schema.NullOr(Schema.String),
  port: Schema.String,
  switch: Schema.NullOr(Schema.String),
});
/** @since 0.1.0 @category models */
export type MacTableEntry = typeof MacTableEntry.Type;

/**
 * A row of `show interfaces description` (IOS) or `show interface description` (NX-OS): `port`,
 * `status` (up, down, admin down; null on NX-OS, which prints none), `protocol` (null on
 * NX-OS), `description` (empty when none), `switch` (from options, or null). NX-OS rows of a
 * `Port Type Speed Description` section also carry `type` and `speed` as printed (null for `--`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const InterfaceDescription = Schema.Struct({
  port: Schema.String,
  status: Schema.NullOr(Schema.String),
  protocol: Schema.NullOr(Schema.String),
  description: Schema.String,
  switch: Schema.NullOr(Schema.String),
  type: Schema.optionalKey(Schema.NullOr(Schema.String)),
  speed: Schema.optionalKey(Schema.NullOr(Schema.String)),
});
/** @since 0.1.0 @category models */
export type InterfaceDescription = typeof InterfaceDescription.Type;

/**
 * A row of the site inventory (the seed's spreadsheet): `hostname`, `mac`, `vlan`, `department`,
 * `notes`, and any other columns in `extra`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const InventoryRow = Schema.Struct({
  hostname: Schema.NullOr(Schema.String),
  mac: Schema.NullOr(Schema.String),
  vlan: Schema.NullOr(Schema.String),
  department: Schema.NullOr(Schema.String),
  notes: Schema.NullOr(Schema.String),
  extra: Schema.Record(Schema.String, Schema.String),
});
/** @since 0.1.0 @category models */
export type InventoryRow = typeof InventoryRow.Type;
