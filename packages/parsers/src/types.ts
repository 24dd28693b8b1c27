/**
 * The one shape every parser module has (the registry is built from it).
 *
 * @since 0.1.0
 * @module
 */
import type { ParseOptions, ParserFactory } from "@fleetlens/core/lite";

/**
 * The record types parsers produce: schema names in @fleetlens/core.
 *
 * @since 0.1.0
 * @category models
 */
export type RecordName =
  | "Login"
  | "Packet"
  | "Socket"
  | "LicenceEvent"
  | "LmstatRecord"
  | "LicenceFileLine"
  | "LicenceSnapshot"
  | "DhcpHost"
  | "DhcpLease"
  | "MacTableEntry"
  | "InterfaceDescription"
  | "InventoryRow"
  | "OsLogRecord"
  | "ProcfsSample"
  | "SnmpVarbind";

/**
 * What a parser module says about itself, as jc's `info` block does: the CLI's help, the docs and
 * `auto` are generated from it.
 *
 * @since 0.1.0
 * @category models
 */
export interface ParserInfo {
  /** The kebab-case kind: registry key, folder name and CLI word. */
  readonly kind: string;
  readonly description: string;
  /** The record type produced (a schema name in @fleetlens/core). */
  readonly record: RecordName;
  /** Whether the input is binary (read as bytes) rather than text. */
  readonly binary: boolean;
  /** The variants understood (tool versions, flags, layouts). */
  readonly variants: readonly string[];
  /** Which of {@link ParseOptions} the parser uses (`year`, `zone`, `date`, `reference`). */
  readonly options: readonly (keyof ParseOptions)[];
}

/**
 * A registry entry.
 *
 * @since 0.1.0
 * @category models
 */
export interface Parser<R = unknown, O extends ParseOptions = ParseOptions> {
  readonly info: ParserInfo;
  readonly create: ParserFactory<R, O>;
  /** Confidence 0..1 that `head` (the first bytes of an input, up to 64 KiB) is this kind. */
  readonly sniff: (head: Uint8Array) => number;
}
