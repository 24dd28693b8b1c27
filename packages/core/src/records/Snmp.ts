/**
 * SNMP variable bindings as the net-snmp command-line tools print them (`snmpwalk`,
 * `snmpbulkwalk`, `snmpget`): one record per `OID = TYPE: value`.
 *
 * @since 0.1.0
 * @module
 */
import { Schema } from "effect";
import { SNMP_TYPES } from "./SnmpTypes.js";

/**
 * The type word net-snmp prints before a value (`INTEGER`, `STRING`, `Hex-STRING`, `OID`,
 * `IpAddress`, `Counter32`, `Counter64`, `Gauge32`, `UInteger32`, `Timeticks`, `Opaque`, `BITS`,
 * `Network Address`, `NULL`), `""` for the empty string as printed without MIBs (`= ""`), and
 * `NoSuchObject`, `NoSuchInstance`, `EndOfMibView` for the three exception lines.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SnmpType = Schema.Literals(SNMP_TYPES);
/** @since 0.1.0 @category models */
export type SnmpType = typeof SnmpType.Type;

/**
 * Fields:
 * - `oid`: the numeric OID with a leading dot (`.1.3.6.1.2.1.1.3.0`), or null when the line
 *   printed a symbolic name that cannot be turned into numbers without the MIB
 * - `name`: the OID as printed when it was symbolic (`UCD-SNMP-MIB::ssCpuRawUser.0`,
 *   `iso.3.6.1.2.1.1.3.0`, `.iso.org.dod…`), null when it was numeric
 * - `type`: see {@link SnmpType}
 * - `value`: integers (INTEGER, Counter32, Gauge32, UInteger32) as numbers; Counter64, and any
 *   integer past 2^53, as a decimal string; Timeticks as the tick count (hundredths of a second);
 *   STRING unescaped; Hex-STRING (and BITS) as lower-case hex without spaces; OID, IpAddress,
 *   Network Address as printed; an Opaque Float/Double as a number, other Opaque as printed;
 *   null for NULL and the exceptions. An INTEGER printed through a display hint (`12.34`) is kept
 *   as printed, a string.
 * - `label` (optional): the enumeration label of `up(1)` (`up`); for BITS, the named bits as
 *   printed (`b0(0) b3(3)`)
 * - `unit` (optional): the unit net-snmp prints after some values from the MIB's UNITS clause
 *   (`kB` of `INTEGER: 24684096 kB`)
 *
 * @since 0.1.0
 * @category schemas
 */
export const SnmpVarbind = Schema.Struct({
  oid: Schema.NullOr(Schema.String),
  name: Schema.NullOr(Schema.String),
  type: SnmpType,
  value: Schema.NullOr(Schema.Union([Schema.Finite, Schema.String])),
  label: Schema.optionalKey(Schema.String),
  unit: Schema.optionalKey(Schema.String),
});
/** @since 0.1.0 @category models */
export type SnmpVarbind = typeof SnmpVarbind.Type;
/** @since 0.1.0 @category models */
export type SnmpVarbindJson = typeof SnmpVarbind.Encoded;
