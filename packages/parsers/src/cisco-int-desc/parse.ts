/**
 * Streaming parser for Cisco IOS `show interfaces description`.
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

  return {
    line(t, no) {
      if (!nextToken(t, 0)) return emit.ignore(no, "blank");
      if (t.startsWith("Interface") && t.includes("Status") && t.includes("Protocol")) {
        const cs = t.indexOf("Status");
        const cp = t.indexOf("Protocol", cs);
        const cd = t.indexOf("Description", cp);
        if (cs > 0 && cp > cs) cols = [cs, cp, cd > cp ? cd : Math.max(cp + 9, t.length + 1)];
        return emit.ignore(no, "header");
      }
      const r = byColumns(t);
      if (r !== undefined) return emit.record(r);
      const k = byTokens(t);
      if (k !== undefined) return emit.record({ ...k, switch: sw });
      const lower = t.trim().toLowerCase();
      if (lower.startsWith("load for ") || lower.startsWith("time source is"))
        return emit.ignore(no, "banner");
      const p = promptSwitch(t.trim());
      if (p !== undefined) {
        if (options.switch === undefined && sw !== p) {
          sw = p;
          emit.infer("switch", `${p} from the prompt line`);
        }
        return emit.ignore(no, "prompt");
      }
      emit.skip(no, "not an interface row");
    },
  };
});

/**
 * Parses Cisco IOS `show interfaces description` into {@link InterfaceDescription} records. The
 * header's positions give the columns (IOS: Interface 31 wide, Status 15, Protocol 9,
 * Description the rest); a row that does not line up (a long interface name pushing the columns)
 * is read by words instead: status `up | down | admin down | deleted | reset | …` with an
 * optional `(…)` suffix, protocol, then the description to the end of the line. Descriptions keep
 * their inner spaces and may be empty.
 *
 * Accounting: one record per row; ignored: `header`, `blank`, `banner` (`Load for …`, `Time
 * source is …`), `prompt` (gives the switch when options name none). Other lines are skips.
 *
 * Fields (jc-style):
 * - `port` (string): the interface as printed (`Gi0/1`, `Vl99`, `Gi0/10.10`)
 * - `status` (string): `up`, `down`, `admin down`, `deleted`, `reset`, …
 * - `protocol` (string): `up`, `down`, …
 * - `description` (string): may contain spaces; `""` when absent
 * - `switch` (string|null): options.switch, else the prompt's host name, else null
 *
 * @example
 * ```ts
 * const { records } = parseInterfaceDescriptions(
 *   "Interface                      Status         Protocol Description\n" +
 *   "Gi0/1                          admin down     down     D3 USER\n",
 * );
 * // records[0] = { port: "Gi0/1", status: "admin down", protocol: "down", description: "D3 USER", switch: null }
 * ```
 * @since 0.1.0
 * @category parsers
 */
export const parseInterfaceDescriptions = (
  input: string | Uint8Array,
  options: CiscoOptions = {},
): ParseResult<InterfaceDescription> => parseAll(interfaceDescriptionParser, input, options);
