/**
 * Streaming parser for the seed's logwatch capture file: repeated groups of a `date` line, the
 * `ss -n -t | grep PORT` lines, and the last debug-log line (`tail -n 1`).
 *
 * @since 0.1.0
 * @module
 */
import {
  type Emit,
  type LicenceEvent,
  type LicenceSnapshot,
  lineParser,
  type ParseOptions,
  type ParseResult,
  type ParserFactory,
  parseAll,
  type Socket,
  Time,
  UTC,
} from "@fleetlens/core/lite";
import { readFlexlmLine } from "../flexlm-log/parse.js";
import { ssParser } from "../ss/parse.js";

/**
 * Options of the `logwatch` parser. `port`: the licence (vendor daemon) port; when absent it is
 * inferred from the first snapshot with sockets as its most common local port (said in
 * `infer("port")`). `zone`: for `date` lines whose zone abbreviation is not in {@link ZONE_ABBREVIATIONS}
 * (default UTC).
 *
 * @since 0.1.0
 * @category models
 */
export interface LogwatchOptions extends ParseOptions {
  readonly port?: number;
}

/**
 * Zone abbreviations `date` prints, with their UTC offsets in minutes. Ambiguous ones (IST, CST
 * for China) take the commoner meaning; an abbreviation not here falls back to `options.zone`.
 *
 * @since 0.1.0
 * @category constants
 */
export const ZONE_ABBREVIATIONS: ReadonlyMap<string, number> = new Map<string, number>([
  ["UTC", 0],
  ["GMT", 0],
  ["Z", 0],
  ["WET", 0],
  ["WEST", 60],
  ["BST", 60],
  ["IST", 60],
  ["CET", 60],
  ["CEST", 120],
  ["MET", 60],
  ["MEST", 120],
  ["EET", 120],
  ["EEST", 180],
  ["MSK", 180],
  ["EST", -300],
  ["EDT", -240],
  ["CST", -360],
  ["CDT", -300],
  ["MST", -420],
  ["MDT", -360],
  ["PST", -480],
  ["PDT", -420],
  ["AKST", -540],
  ["AKDT", -480],
  ["HST", -600],
  ["JST", 540],
  ["KST", 540],
  ["HKT", 480],
  ["SGT", 480],
  ["AWST", 480],
  ["ACST", 570],
  ["ACDT", 630],
  ["AEST", 600],
  ["AEDT", 660],
  ["NZST", 720],
  ["NZDT", 780],
]);

/** `date`: `Mon Nov 22 10:01:02 CET 2021` (day space-padded; zone may be `+01` or absent). */
const DATE_C =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (?:([A-Za-z]+|[+-]\d{2}(?::?\d{2})?) )?(\d{4})$/;
/**
 * `date` in a French locale (glibc fr_FR `date_fmt` `%a %d %b %Y %T %Z`), as the seed's lab
 * wrote it: `lun. 22 nov. 2021 10:01:02 CET`, `mar. 03 août 2021 16:13:20 CEST`.
 */
const DATE_FR =
  /^(?:dim|lun|mar|mer|jeu|ven|sam)\. (\d{1,2}) (janv\.|févr\.|mars|avril|mai|juin|juil\.|août|sept\.|oct\.|nov\.|déc\.) (\d{4}) (\d{2}):(\d{2}):(\d{2})(?: ([A-Za-z]+|[+-]\d{2}(?::?\d{2})?))?$/;
const MOIS: Record<string, number> = {
  "janv.": 0,
  "févr.": 1,
  mars: 2,
  avril: 3,
  mai: 4,
  juin: 5,
  "juil.": 6,
  août: 7,
  "sept.": 8,
  "oct.": 9,
  "nov.": 10,
  "déc.": 11,
};
/** `date -R`: `Mon, 22 Nov 2021 10:01:02 +0100`. */
const DATE_R =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{4})$/;
/** `date -Iseconds` / `--rfc-3339=seconds`: `2021-11-22T10:01:02+01:00`. */
const DATE_ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,]\d+)?(Z|[+-]\d{2}:?\d{2})$/;

const offsetOf = (s: string): number => {
  const sign = s[0] === "-" ? -1 : 1;
  const d = s.slice(1).replace(":", "");
  return sign * (Number(d.slice(0, 2)) * 60 + (d.length >= 4 ? Number(d.slice(2, 4)) : 0));
};

/**
 * A `date` line read: the instant, the local wall clock (y, month0, d, seconds of day) and the
 * offset (minutes) it was printed in; undefined when the line is not a date line. `zoneName` is
 * set when the zone abbreviation was unknown and `fallback` was used.
 *
 * @since 0.1.0
 * @category parsing
 */
export const readDateLine = (
  text: string,
  fallback = UTC,
):
  | { ts: number; y: number; m0: number; d: number; sec: number; offset: number; unknownZone?: string }
  | undefined => {
  const t = text.trim();
  let y: number;
  let m0: number;
  let d: number;
  let h: number;
  let mi: number;
  let s: number;
  let offset: number | undefined;
  let unknownZone: string | undefined;
  const mc = DATE_C.exec(t);
  const mr = mc ? null : DATE_R.exec(t);
  const mi8 = mc || mr ? null : DATE_ISO.exec(t);
  const mfr = mc || mr || mi8 ? null : DATE_FR.exec(t);
  if (mc) {
    const m = mc;
    const mo = Time.monthOf(m[1] as string);
    if (mo < 0) return undefined;
    m0 = mo;
    d = Number(m[2]);
    h = Number(m[3]);
    mi = Number(m[4]);
    s = Number(m[5]);
    y = Number(m[7]);
    const z = m[6];
    if (z === undefined) offset = undefined;
    else if (z[0] === "+" || z[0] === "-") offset = offsetOf(z);
    else {
      offset = ZONE_ABBREVIATIONS.get(z);
      if (offset === undefined) unknownZone = z;
    }
  } else if (mr) {
    const m = mr;
    const mo = Time.monthOf(m[2] as string);
    if (mo < 0) return undefined;
    m0 = mo;
    d = Number(m[1]);
    y = Number(m[3]);
    h = Number(m[4]);
    mi = Number(m[5]);
    s = Number(m[6]);
    offset = offsetOf(m[7] as string);
  } else if (mi8) {
    const m = mi8;
    y = Number(m[1]);
    m0 = Number(m[2]) - 1;
    d = Number(m[3]);
    h = Number(m[4]);
    mi = Number(m[5]);
    s = Number(m[6]);
    offset = m[7] === "Z" ? 0 : offsetOf(m[7] as string);
  } else if (mfr) {
    const m = mfr;
    m0 = MOIS[m[2] as string]!;
    d = Number(m[1]);
    y = Number(m[3]);
    h = Number(m[4]);
    mi = Number(m[5]);
    s = Number(m[6]);
    const z = m[7];
    if (z === undefined) offset = undefined;
    else if (z[0] === "+" || z[0] === "-") offset = offsetOf(z);
    else {
      offset = ZONE_ABBREVIATIONS.get(z);
      if (offset === undefined) unknownZone = z;
    }
  } else return undefined;
  if (m0 > 11 || d < 1 || d > new Date(Date.UTC(y, m0 + 1, 0)).getUTCDate() || h > 23 || mi > 59 || s > 60)
    return undefined;
  let ts: number;
  if (offset === undefined) {
    ts = fallback.toEpoch(y, m0, d, h, mi, s);
    offset = fallback.offsetAt(ts);
  } else ts = Date.UTC(y, m0, d, h, mi, s) - offset * 60_000;
  const r = { ts, y, m0, d, sec: h * 3600 + mi * 60 + s, offset };
  return unknownZone === undefined ? r : { ...r, unknownZone };
};

interface Group {
  line: number;
  ts: number;
  y: number;
  m0: number;
  d: number;
  sec: number;
  offset: number;
  sockets: Socket[];
  logLine: string | null;
}

/**
 * The streaming `logwatch` parser (a {@link ParserFactory}). See {@link parseLogwatch}.
 *
 * @since 0.1.0
 * @category parsers
 */
export const logwatchParser: ParserFactory<LicenceSnapshot, LogwatchOptions> = lineParser<
  LicenceSnapshot,
  LogwatchOptions
>((emit: Emit<LicenceSnapshot>, options: LogwatchOptions) => {
  const zone = options.zone ?? UTC;
  let port: number | undefined = options.port;
  let otherPort = 0;
  const unknownZones = new Set<string>();
  let group: Group | undefined;

  // the ss parser reads the socket lines, one at a time
  let ssRec: Socket | undefined;
  let ssIgnored: string | undefined;
  const ss = ssParser(
    {
      record: (r) => {
        ssRec = r;
      },
      skip: () => {},
      ignore: (_l, why) => {
        ssIgnored = why;
      },
      infer: () => {},
    },
    { state: "ESTAB" },
  );
  const readSocket = (t: string): void => {
    ssRec = undefined;
    ssIgnored = undefined;
    ss.push(`${t}\n`);
  };

  const close = (): void => {
    const g = group;
    if (g === undefined) return;
    group = undefined;
    if (port === undefined && g.sockets.length > 0) {
      const freq = new Map<number, number>();
      for (const s of g.sockets) if (s.lport !== null) freq.set(s.lport, (freq.get(s.lport) ?? 0) + 1);
      let best = -1;
      let bestN = 0;
      for (const [p, n] of freq) if (n > bestN || (n === bestN && p < best)) [best, bestN] = [p, n];
      if (best >= 0) {
        port = best;
        emit.infer(
          "port",
          `${best}: the most common local port of the snapshot at line ${g.line} (give options.port)`,
        );
      }
    }
    const clients: string[] = [];
    const seen = new Set<string>();
    for (const s of g.sockets) {
      if (s.lport !== port) {
        otherPort++;
        continue;
      }
      if (s.state !== "ESTAB" || seen.has(s.peer)) continue;
      seen.add(s.peer);
      clients.push(s.peer);
    }
    let event: LicenceEvent | null = null;
    if (g.logLine !== null) {
      const r = readFlexlmLine(g.logLine);
      if (typeof r !== "string" && r.event !== null) {
        const ev = { ...r.event };
        if (r.epoch !== null) ev.ts = r.epoch;
        else if (r.seconds >= 0) {
          // the log line's wall clock, on the day (of the date line's) nearest the date line
          let day = 0;
          const delta = r.seconds - g.sec;
          if (delta > 43_200) day = -1;
          else if (delta < -43_200) day = 1;
          ev.ts = Date.UTC(g.y, g.m0, g.d + day) + r.seconds * 1000 - g.offset * 60_000;
        }
        event = ev;
      }
    }
    emit.record({ ts: g.ts, clients, sockets: g.sockets.length, event, line: g.logLine });
  };

  return {
    line(t, no) {
      const c0 = t.charCodeAt(0);
      if (c0 >= 65 /* A */ || (c0 >= 48 && c0 <= 57)) {
        const d = readDateLine(t, zone);
        if (d !== undefined) {
          close();
          if (d.unknownZone !== undefined) unknownZones.add(d.unknownZone);
          group = {
            line: no,
            ts: d.ts,
            y: d.y,
            m0: d.m0,
            d: d.d,
            sec: d.sec,
            offset: d.offset,
            sockets: [],
            logLine: null,
          };
          return;
        }
      }
      if (t.trim().length === 0) return emit.ignore(no, "blank");
      if (group === undefined) return emit.skip(no, "before the first date line");
      if (group.logLine === null) {
        readSocket(t);
        if (ssRec !== undefined) {
          group.sockets.push(ssRec);
          return emit.ignore(no, "snapshot socket");
        }
        if (ssIgnored === "header") return emit.ignore(no, "snapshot socket");
        group.logLine = t;
        return emit.ignore(no, "snapshot log line");
      }
      emit.skip(no, `a second log line in the snapshot of line ${group.line}`);
    },
    end() {
      close();
      if (unknownZones.size > 0)
        emit.infer(
          "zone",
          `${[...unknownZones].join(", ")} not in the abbreviation table: read in ${zone.name}`,
        );
      if (otherPort > 0)
        emit.infer(
          "sockets",
          `${otherPort} socket lines with a local port other than ${port} not counted as clients`,
        );
    },
  };
});

/**
 * Parses the seed's logwatch file (written by `date >> logwatch; ss -n -t | grep PORT >> logwatch;
 * tail -n 1 debug.log >> logwatch` on every change of the debug log) into one
 * {@link LicenceSnapshot} per `date` line.
 *
 * Accounting: the `date` line is the record; the socket lines of its group are ignored as
 * `snapshot socket` and its debug-log line as `snapshot log line` (lines before the first date
 * line, and a second non-socket line in a group, are skips). Dates: `date` (`Mon Nov 22 10:01:02
 * CET 2021`, zone abbreviations through {@link ZONE_ABBREVIATIONS}, numeric `+01`, unknown ones in
 * `options.zone`), `date -R` and ISO (`date -Iseconds`, `--rfc-3339`). Socket lines are read by the
 * `ss` parser (any generation; a missing State column reads as ESTAB).
 *
 * Fields (jc-style):
 * - `ts` (number): the `date` line's instant
 * - `clients` ([string]): distinct peer addresses of ESTAB sockets whose local port is the licence
 *   port (`options.port`, else inferred), in order of first appearance
 * - `sockets` (number): how many socket lines the group had
 * - `event` (LicenceEvent|null): the debug-log line parsed; its `ts` is the line's time of day on
 *   the date line's day (the day before or after when more than 12 h away), in the date line's offset
 * - `line` (string|null): that line's text
 *
 * @example
 * ```ts
 * parseLogwatch(
 *   "Mon Nov 22 10:01:02 CET 2021\n" +
 *   "ESTAB 0 0 10.14.0.2:60213 10.14.18.145:50312\n" +
 *   '10:01:02 (orglab) OUT: "Origin" c2mstud@c2mstud3-pc\n',
 * ).records[0];
 * // { ts: Date.UTC(2021, 10, 22, 9, 1, 2), clients: ["10.14.18.145"], sockets: 1,
 * //   event: { ts: Date.UTC(2021, 10, 22, 9, 1, 2), daemon: "orglab", event: "OUT", … }, line: "10:01:02 (orglab) …" }
 * ```
 * @since 0.1.0
 * @category parsers
 */
export const parseLogwatch = (
  input: string | Uint8Array,
  options: LogwatchOptions = {},
): ParseResult<LicenceSnapshot> => parseAll(logwatchParser, input, options);
