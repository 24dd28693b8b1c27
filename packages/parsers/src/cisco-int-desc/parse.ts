/**
 * Streaming parser for Cisco IOS `show interfaces description` and NX-OS `show interface
 * description`.
 *
 * @since 0.1.0
 * @module
 */
import {
  type Emit,
  type InterfaceDescription,
  lineParser,
  type ParseResult,
  type ParserFactory,
  parseAll,
} from "@fleetlens/core/lite";
import { type CiscoOptions, promptSwitch } from "../cisco-mac-table/parse.js";
import { nextToken, tok } from "../scan.js";

/** IOS's column starts: Interface 0, Status 31, Protocol 46, Description 55. */
const DEFAULT_COLUMNS = [31, 46, 55] as const;
/** NX-OS's `Port Type Speed Description` column starts: Port 0, Type 14, Speed 21, Description 29. */
const NXOS_PORT_COLUMNS = [14, 21, 29] as const;

/**
 * Which table the rows belong to, set by the last header: IOS's `Interface Status Protocol
 * Description`, NX-OS's `Interface Description` (mgmt0, port channels, loopbacks, VLANs) or
 * NX-OS's `Port Type Speed Description` (Ethernet ports).
 */
type Section = "ios" | "nxos-interface" | "nxos-port";

/** A line of dashes (NX-OS draws one above and below each section header). */
const isDashes = (t: string): boolean => {
  let dashes = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 45) dashes++;
    else if (c !== 32 && c !== 9) return false;
  }
  return dashes >= 3;
};

/** No space or tab in `s`. */
const oneWord = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9) return false;
  }
  return true;
};

/** NX-OS prints `--` for an empty field. */
const nxField = (s: string): string | null => (s === "" || s === "--" ? null : s);
/** NX-OS prints `--` for no description; the record keeps IOS's empty string for it. */
const nxDescription = (s: string): string => (s === "--" ? "" : s);

/** Status words IOS prints (the first word of two-word statuses). */
const STATUS_WORDS = new Set(["up", "down", "admin", "deleted", "reset", "testing", "dormant", "notPresent"]);
const PROTOCOL_WORDS = new Set([
  "up",
  "down",
  "testing",
  "dormant",
  "notPresent",
  "unknown",
  "lowerLayerDown",
]);

/** Index after a `(…)` suffix starting at the token at `i` (e.g. `(err-disabled)`), or -1. */
const parenSuffix = (t: string, i: number): number => {
  if (!nextToken(t, i) || t.charCodeAt(tok.s) !== 40) return -1;
  const close = t.indexOf(")", tok.s);
  return close < 0 ? -1 : close + 1;
};

/**
 * Reads one row by tokens (when it does not line up with the header's columns): interface,
 * status (`admin down` and a `(…)` suffix kept), protocol (one word), then the description to the end of
 * the line. Undefined when the status or protocol word is not one IOS prints.
 */
const byTokens = (
  t: string,
): { port: string; status: string; protocol: string; description: string } | undefined => {
  if (!nextToken(t, 0)) return undefined;
  const port = t.slice(tok.s, tok.e);
  if (!nextToken(t, tok.e)) return undefined;
  let w = t.slice(tok.s, tok.e);
  if (!STATUS_WORDS.has(w)) return undefined;
  const sS = tok.s;
  let sE = tok.e;
  if (w === "admin") {
    if (!nextToken(t, tok.e) || t.slice(tok.s, tok.e) !== "down") return undefined;
    sE = tok.e;
  }
  const ps = parenSuffix(t, sE);
  if (ps > 0) sE = ps;
  const status = t.slice(sS, sE);
  if (!nextToken(t, sE)) return undefined;
  w = t.slice(tok.s, tok.e);
  if (!PROTOCOL_WORDS.has(w)) return undefined;
  // (a `(…)` after the protocol is the description's: IOS puts suffixes on the status only)
  sE = tok.e;
  const protocol = w;
  const description = nextToken(t, sE) ? t.slice(tok.s).trimEnd() : "";
  return { port, status, protocol, description };
};

/**
 * The streaming `cisco-int-desc` parser (a {@link ParserFactory}). See
 * {@link parseInterfaceDescriptions}.
 *
 * @since 0.1.0
 * @category parsers
 */
export const interfaceDescriptionParser: ParserFactory<InterfaceDescription, CiscoOptions> = lineParser<
  InterfaceDescription,
  CiscoOptions
>((emit: Emit<InterfaceDescription>, options: CiscoOptions) => {
  let sw: string | null = options.switch ?? null;
  let cols: readonly number[] = DEFAULT_COLUMNS;
  let section: Section = "ios";
  let nxCols: readonly number[] = NXOS_PORT_COLUMNS;

  /** The row read by the header's columns, when it lines up with them. */
  const byColumns = (t: string): InterfaceDescription | undefined => {
    const [cs, cp, cd] = cols as [number, number, number];
    if (t.length <= cs) return undefined;
    const before = t.charCodeAt(cs - 1);
    const at = t.charCodeAt(cs);
    if ((before !== 32 && before !== 9) || at === 32) return undefined;
    const port = t.slice(0, cs).trim();
    const status = t.slice(cs, cp).trim();
    if (port === "" || port.includes(" ") || !STATUS_WORDS.has(status.split(" ")[0]!)) return undefined;
    if (t.length > cp && t.charCodeAt(cp - 1) !== 32) return undefined;
    const protocol = t.slice(cp, cd).trim();
    if (!PROTOCOL_WORDS.has(protocol.split(" ")[0]!)) return undefined;
    if (t.length > cd && t.charCodeAt(cd - 1) !== 32) return undefined;
    const description = t.length > cd ? t.slice(cd).trim() : "";
    return { port, status, protocol, description, switch: sw };
  };

  /** An NX-OS `Interface Description` row: the interface, then the description to the end. */
  const nxInterface = (t: string): InterfaceDescription | undefined => {
    if (!nextToken(t, 0)) return undefined;
    const port = t.slice(tok.s, tok.e);
    const description = nextToken(t, tok.e) ? nxDescription(t.slice(tok.s).trimEnd()) : "";
    return { port, status: null, protocol: null, description, switch: sw };
  };

  /**
   * An NX-OS `Port Type Speed Description` row: by the header's columns when the row lines up
   * with them, else by words (port, type, speed, then the description to the end).
   */
  const nxPort = (t: string): InterfaceDescription | undefined => {
    const [ct, cs, cd] = nxCols as [number, number, number];
    const gap = (at: number): boolean => {
      if (t.length <= at) return true;
      const c = t.charCodeAt(at - 1);
      return c === 32 || c === 9;
    };
    if (t.length > ct && gap(ct) && gap(cs) && gap(cd)) {
      const port = t.slice(0, ct).trim();
      const type = t.slice(ct, cs).trim();
      const speed = t.slice(cs, cd).trim();
      if (port !== "" && oneWord(port) && oneWord(type) && oneWord(speed) && (type !== "" || speed !== "")) {
        return nxRow(port, type, speed, t.length > cd ? nxDescription(t.slice(cd).trim()) : "");
      }
    }
    if (!nextToken(t, 0)) return undefined;
    const port = t.slice(tok.s, tok.e);
    if (!nextToken(t, tok.e)) return undefined;
    const type = t.slice(tok.s, tok.e);
    if (!nextToken(t, tok.e)) return undefined;
    const speed = t.slice(tok.s, tok.e);
    return nxRow(port, type, speed, nextToken(t, tok.e) ? nxDescription(t.slice(tok.s).trimEnd()) : "");
  };

  /** An NX-OS `Port Type Speed Description` row (no status or protocol on NX-OS). */
  const nxRow = (port: string, type: string, speed: string, description: string) => ({
    port,
    status: null,
    protocol: null,
    description,
    switch: sw,
    type: nxField(type),
    speed: nxField(speed),
  });

  /** A header line: sets the section (and its columns) and returns true. */
  const header = (t: string): boolean => {
    const c0 = t.charCodeAt(0);
    if (c0 !== 73 /* I */ && c0 !== 80 /* P */) return false;
    if (t.startsWith("Interface") && t.includes("Status") && t.includes("Protocol")) {
      const cs = t.indexOf("Status");
      const cp = t.indexOf("Protocol", cs);
      const cd = t.indexOf("Description", cp);
      if (cs > 0 && cp > cs) cols = [cs, cp, cd > cp ? cd : Math.max(cp + 9, t.length + 1)];
      section = "ios";
      return true;
    }
    if (/^Interface[ \t]+Description\s*$/.test(t)) {
      section = "nxos-interface";
      return true;
    }
    if (/^Port[ \t]+Type[ \t]+Speed[ \t]+Description\s*$/.test(t)) {
      nxCols = [t.indexOf("Type"), t.indexOf("Speed"), t.indexOf("Description")];
      section = "nxos-port";
      return true;
    }
    return false;
  };

  /** Exec-timestamp banners and prompt lines (which give the switch): true when `t` is one. */
  const bannerOrPrompt = (t: string, no: number): boolean => {
    const trimmed = t.trim();
    const lower = trimmed.toLowerCase();
    if (lower.startsWith("load for ") || lower.startsWith("time source is")) {
      emit.ignore(no, "banner");
      return true;
    }
    const p = promptSwitch(trimmed);
    if (p === undefined) return false;
    if (options.switch === undefined && sw !== p) {
      sw = p;
      emit.infer("switch", `${p} from the prompt line`);
    }
    emit.ignore(no, "prompt");
    return true;
  };

  return {
    line(t, no) {
      if (!nextToken(t, 0)) return emit.ignore(no, "blank");
      if (header(t)) return emit.ignore(no, "header");
      if (isDashes(t)) return emit.ignore(no, "separator");
      if (section !== "ios") {
        // NX-OS rows are free-form after the interface: banners and prompts go first
        if (bannerOrPrompt(t, no)) return;
        const n = section === "nxos-port" ? nxPort(t) : nxInterface(t);
        if (n !== undefined) return emit.record(n);
        return emit.skip(no, "not an NX-OS interface row (port, type, speed, description)");
      }
      const r = byColumns(t);
      if (r !== undefined) return emit.record(r);
      const k = byTokens(t);
      if (k !== undefined) return emit.record({ ...k, switch: sw });
      if (bannerOrPrompt(t, no)) return;
      emit.skip(no, "not an interface row");
    },
  };
});

/**
 * Parses Cisco IOS `show interfaces description` and NX-OS `show interface description` into
 * {@link InterfaceDescription} records.
 *
 * IOS: the header's positions give the columns (Interface 31 wide, Status 15, Protocol 9,
 * Description the rest); a row that does not line up (a long interface name pushing the columns)
 * is read by words instead: status `up | down | admin down | deleted | reset | …` with an
 * optional `(…)` suffix, protocol, then the description to the end of the line. Descriptions keep
 * their inner spaces and may be empty.
 *
 * NX-OS: sections, each under its own header between two lines of dashes: `Interface
 * Description` (mgmt0, port channels, loopbacks, VLAN interfaces: the interface, then the
 * description) and `Port Type Speed Description` (Ethernet ports: by the header's columns, or by
 * words when a long name pushes them). NX-OS prints no status or protocol (both null) and `--`
 * for an empty field: an empty description, a null `type` or `speed`. A header switches the
 * layout, so IOS and NX-OS outputs may follow each other in one input.
 *
 * Accounting: one record per row; ignored: `header`, `separator` (a line of dashes), `blank`,
 * `banner` (`Load for …`, `Time source is …`), `prompt` (gives the switch when options name
 * none). Other lines are skips with the line number and a reason.
 *
 * Fields (jc-style):
 * - `port` (string): the interface as printed (`Gi0/1`, `Vl99`, `Gi0/10.10`, `Eth1/1`, `mgmt0`)
 * - `status` (string|null): `up`, `down`, `admin down`, `deleted`, `reset`, …; null on NX-OS
 * - `protocol` (string|null): `up`, `down`, …; null on NX-OS
 * - `description` (string): may contain spaces; `""` when absent (NX-OS `--`)
 * - `switch` (string|null): options.switch, else the prompt's host name, else null
 * - `type`, `speed` (string|null, NX-OS `Port Type Speed Description` rows only): as printed
 *   (`eth`, `10G`, `1000`), null for `--`; absent on other rows
 *
 * @example
 * ```ts
 * const { records } = parseInterfaceDescriptions(
 *   "Interface                      Status         Protocol Description\n" +
 *   "Gi0/1                          admin down     down     D3 USER\n",
 * );
 * // records[0] = { port: "Gi0/1", status: "admin down", protocol: "down", description: "D3 USER", switch: null }
 * ```
 *
 * @example
 * ```ts
 * // NX-OS
 * const dashes = "-".repeat(79);
 * const { records } = parseInterfaceDescriptions(
 *   `${dashes}\nInterface                Description\n${dashes}\nmgmt0                    --\n\n` +
 *   `${dashes}\nPort          Type   Speed   Description\n${dashes}\n` +
 *   "Eth1/1        eth    10G     server-01 eth0\n",
 * );
 * // records[0] = { port: "mgmt0", status: null, protocol: null, description: "", switch: null }
 * // records[1] = { port: "Eth1/1", status: null, protocol: null, description: "server-01 eth0",
 * //   switch: null, type: "eth", speed: "10G" }
 * ```
 * @since 0.1.0
 * @category parsers
 */
export const parseInterfaceDescriptions = (
  input: string | Uint8Array,
  options: CiscoOptions = {},
): ParseResult<InterfaceDescription> => parseAll(interfaceDescriptionParser, input, options);
