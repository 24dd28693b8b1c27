/**
 * The net-snmp type words as plain data (no effect), for the snmpwalk parser and the
 * {@link SnmpType} schema alike.
 *
 * @since 0.1.0
 * @module
 */

/**
 * The type words net-snmp prints before `: value` (`Counter32: 5`).
 *
 * @since 0.1.0
 * @category constants
 */
export const SNMP_VALUE_TYPES = [
  "INTEGER",
  "STRING",
  "Hex-STRING",
  "OID",
  "IpAddress",
  "Counter32",
  "Counter64",
  "Gauge32",
  "UInteger32",
  "Timeticks",
  "Opaque",
  "BITS",
  "Network Address",
] as const;

/**
 * Every `type` a varbind may have: the value types, `NULL`, `""` for the empty string as printed
 * without MIBs (`= ""`), and the three exceptions.
 *
 * @since 0.1.0
 * @category constants
 */
export const SNMP_TYPES = [
  ...SNMP_VALUE_TYPES,
  "NULL",
  "",
  "NoSuchObject",
  "NoSuchInstance",
  "EndOfMibView",
] as const;
