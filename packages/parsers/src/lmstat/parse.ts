/**
 * Streaming parser for `lmutil lmstat -a` / `lmstat -i` output (FlexLM / FlexNet Publisher).
 *
 * @since 0.1.0
 * @module
 */
import {
  type Emit,
  type LmstatRecord,
  lineParser,
  type ParseOptions,
  type ParseResult,
  type ParserFactory,
  parseAll,
  Time,
  UTC,
} from "@fleetlens/core/lite";

/**
 * Options of the `lmstat` parser: `zone` (of the printed times, default UTC), `year` and
 * `reference` (for checkout start times when no `status on` header gives the year).
 *
 * @since 0.1.0
 * @category models
 */
export interface LmstatOptions extends ParseOptions {}

type Rec<T extends LmstatRecord["type"]> = Extract<LmstatRecord, { type: T }>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const WS = /\s+/;

/** `(server/port handle)` at the end of `s`: [server, port, handle, index of "("] or undefined. */
const serverGroup = (s: string): [string, number | null, string | null, number] | undefined => {
  if (!s.endsWith(")")) return undefined;
  const o = s.lastIndexOf("(");
  if (o < 0) return undefined;
  const inner = s.slice(o + 1, -1).trim();
  const sl = inner.indexOf("/");
  if (sl <= 0) return undefined;
  const server = inner.slice(0, sl);
  const rest = inner.slice(sl + 1).split(WS);
  const port = /^\d+$/.test(rest[0] ?? "") ? Number(rest[0]) : null;
  return [server, port, rest[1] ?? null, o];
};

const MDY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const HM = /^(\d{1,2}):(\d{2})$/;

/**
 * The streaming `lmstat` parser (a {@link ParserFactory}). See {@link parseLmstat}.
 *
 * @since 0.1.0
 * @category parsers
 */
export const lmstatParser: ParserFactory<LmstatRecord, LmstatOptions> = lineParser<
  LmstatRecord,
  LmstatOptions
>((emit: Emit<LmstatRecord>, options: LmstatOptions) => {
  const zone = options.zone ?? UTC;
  let section: "top" | "server" | "vendor" | "features" | "table" = "top";
  let status: { y: number; m0: number; d: number } | undefined;
  let saidYear = false;
  let saidWeekday = false;
  let feature = "";
  const ports = new Map<string, number>();
  let firstServer = "";
  let tableExpiresFirst = false;

  const portOf = (host: string): number | null => {
    const h = host.toLowerCase();
    return ports.get(h) ?? ports.get(h.split(".")[0] ?? h) ?? null;
  };

  /** Epoch ms of `M/D H:MM` with the year from the status header. */
  const startOf = (dow: string, md: string, hm: string): number | null => {
    const a = /^(\d{1,2})\/(\d{1,2})$/.exec(md);
    const b = HM.exec(hm);
    if (!a || !b) return null;
    const m0 = Number(a[1]) - 1;
    const d = Number(a[2]);
    let y: number;
    if (status !== undefined) {
      y = status.y;
      if (m0 > status.m0 || (m0 === status.m0 && d > status.d)) y--;
    } else if (options.year !== undefined) y = options.year;
    else if (options.reference !== undefined) y = new Date(options.reference).getUTCFullYear();
    else {
      if (!saidYear) {
        saidYear = true;
        emit.infer("year", "no `status on` header and no options.year/reference: start times null");
      }
      return null;
    }
    if (m0 < 0 || m0 > 11 || d < 1 || d > 31) return null;
    const wd = Time.weekdayOf(dow);
    if (wd >= 0 && d <= Time.daysInMonth(y, m0) && Time.weekdayOfDate(y, m0, d) !== wd) {
      // the weekday disagrees with the header's year: an older checkout (up to 6 years back)
      const wy = Time.yearForWeekday(m0, d, wd, y - 1, 6);
      if (wy !== undefined) {
        y = wy;
        if (!saidWeekday) {
          saidWeekday = true;
          emit.infer("weekday", `a start's weekday put it in an earlier year than the header's (${wy})`);
        }
      }
    }
    if (d > Time.daysInMonth(y, m0)) return null;
    return zone.toEpoch(y, m0, d, Number(b[1]), Number(b[2]), 0);
  };

  /** A per-user line (checkout or queued), trimmed. */
  const userLine = (t: string): LmstatRecord | string => {
    let head: string;
    let tail = "";
    let queuedFor = -1;
    const q = / queued for (\d+) licenses?$/.exec(t);
    const st = t.lastIndexOf(", start ");
    if (q) {
      head = t.slice(0, q.index).trimEnd();
      queuedFor = Number(q[1]);
    } else if (st > 0) {
      head = t.slice(0, st);
      tail = t.slice(st + 8);
    } else return "user line without start or queued";
    const sg = serverGroup(head);
    let server: string | null = null;
    let port: number | null = null;
    let handle: string | null = null;
    if (sg) {
      [server, port, handle] = sg;
      head = head.slice(0, sg[3]).trimEnd();
    }
    let version: string | null = null;
    const vm = /\(v([^()\s]*)\)$/.exec(head);
    if (vm) {
      version = vm[1] ?? "";
      head = head.slice(0, vm.index).trimEnd();
    }
    const toks = head.split(WS);
    if (toks.length < 2) return "user line without host";
    const user = toks[0] as string;
    const host = toks[1] as string;
    const display = toks.length > 2 ? toks.slice(2).join(" ") : null;
    if (queuedFor >= 0) {
      const r: Rec<"queued"> = {
        type: "queued",
        feature,
        user,
        host,
        display,
        version,
        server,
        port,
        handle,
        count: queuedFor,
      };
      return r;
    }
    // tail: Dow M/D H:MM[, N licenses][ (linger: a[ / b])][, borrow-return …][, PID: n]
    const tt = tail.split(WS);
    const start = startOf(tt[0] ?? "", tt[1] ?? "", (tt[2] ?? "").replace(/,$/, ""));
    const cm = /, (\d+) licenses?/.exec(tail);
    const lm = /\(linger: (\d+)/.exec(tail);
    const r: Mutable<Rec<"checkout">> = {
      type: "checkout",
      feature,
      user,
      host,
      display,
      version,
      server,
      port,
      handle,
      start,
      count: cm ? Number(cm[1]) : 1,
      linger: lm ? Number(lm[1]) : null,
    };
    return r;
  };

  const usersOf = (t: string): LmstatRecord | string => {
    // Users of X:  (Total of N licenses issued;  Total of M licenses in use)
    const colon = t.indexOf(": ", 9);
    const c2 = colon < 0 && t.endsWith(":") ? t.length - 1 : colon;
    if (c2 < 0) return "Users of line without ':'";
    feature = t.slice(9, c2);
    const rest = t.slice(c2 + 1).trim();
    const r: Mutable<Rec<"feature">> = { type: "feature", feature, issued: null, inUse: null, error: null };
    const m = /^\(Total of (\d+) licenses? issued;\s+Total of (\d+) licenses? in use\)$/.exec(rest);
    if (m) {
      r.issued = Number(m[1]);
      r.inUse = Number(m[2]);
    } else if (rest.startsWith("(Uncounted")) {
      r.error = null;
    } else if (rest === "None") r.inUse = 0;
    else if (rest.startsWith("(Error: ") && rest.endsWith(")")) r.error = rest.slice(8, -1);
    else if (rest.length > 0) r.error = rest.replace(/^\((.*)\)$/, "$1");
    return r;
  };

  const line = (raw: string, no: number) => {
    const t = raw.trim();
    if (t.length === 0) return emit.ignore(no, "blank");
    const lead = raw.charCodeAt(0);
    if (t.startsWith("lmutil - ") || t.startsWith("lmstat - ") || t.startsWith("[Detecting"))
      return emit.ignore(no, "banner");
    if (t.startsWith("Flexible License Manager status on ")) {
      const p = t.slice(35).split(WS);
      const m = MDY.exec(p[1] ?? "");
      if (m) {
        status = { y: Number(m[3]), m0: Number(m[1]) - 1, d: Number(m[2]) };
        emit.infer(
          "year",
          `${m[3]} from the "status on" header (line ${no}); a start later in the year is the year before`,
        );
      }
      section = "top";
      return emit.ignore(no, "header");
    }
    if (t.startsWith("License server status: ")) {
      for (const pa of t.slice(23).split(",")) {
        const at = pa.indexOf("@");
        if (at > 0) {
          const h = pa
            .slice(at + 1)
            .trim()
            .toLowerCase();
          const port = Number(pa.slice(0, at));
          if (Number.isInteger(port)) {
            ports.set(h, port);
            ports.set(h.split(".")[0] ?? h, port);
            if (!firstServer) firstServer = pa.slice(at + 1).trim();
          }
        }
      }
      section = "server";
      return emit.ignore(no, "header");
    }
    if (t.startsWith("License file(s) on ")) return emit.ignore(no, "license file");
    if (t.startsWith("Vendor daemon status")) {
      section = "vendor";
      return emit.ignore(no, "header");
    }
    if (t === "Feature usage info:") {
      section = "features";
      return emit.ignore(no, "header");
    }
    if (t.startsWith("Error getting status: ")) {
      const r: Rec<"server"> = {
        type: "server",
        host: firstServer,
        port: portOf(firstServer),
        status: "DOWN",
        role: null,
        version: null,
        error: t.slice(22),
      };
      return emit.record(r);
    }
    if (t.startsWith("Users of ")) {
      section = "features";
      const r = usersOf(t);
      return typeof r === "string" ? emit.skip(no, r) : emit.record(r);
    }
    if (/^Feature\s+Version\s+#licenses\s+/.test(t)) {
      tableExpiresFirst = t.indexOf("Expires") < t.indexOf("Vendor");
      section = "table";
      return emit.ignore(no, "header");
    }
    if (/^_+(?:\s+_+)*$/.test(t)) return emit.ignore(no, "header");
    if (section === "table") {
      const f = t.split(WS);
      if (f.length < 5) return emit.skip(no, "short -i table row");
      const [feat, ver, cnt, a, b] = f as [string, string, string, string, string];
      const r: Rec<"expiry"> = {
        type: "expiry",
        feature: feat,
        version: ver,
        count: /^\d+$/.test(cnt) ? Number(cnt) : null,
        expires: (tableExpiresFirst ? a : b) || null,
        vendor: (tableExpiresFirst ? b : a) || null,
      };
      return emit.record(r);
    }
    if (lead === 9 && /^\d+ RESERVATIONs? for /.test(t)) {
      const m = /^(\d+) RESERVATIONs? for (\S+) (.*?)(?: \(([^()/]+)\/(\d+)\))?$/.exec(t);
      if (!m) return emit.skip(no, "bad reservation line");
      const r: Rec<"reservation"> = {
        type: "reservation",
        feature,
        count: Number(m[1]),
        kind: m[2] as string,
        name: m[3] as string,
        server: m[4] ?? null,
        port: m[5] === undefined ? null : Number(m[5]),
      };
      return emit.record(r);
    }
    if (t.charCodeAt(0) === 34 /* " */) {
      // "MATLAB" v52, vendor: MLM, expiry: 30-dec-2025
      const q = t.indexOf('"', 1);
      if (q > 0) {
        const rest = t.slice(q + 1);
        const v = /^ v([^,\s]*)/.exec(rest);
        const vd = /vendor: ([^,\s]+)/.exec(rest);
        const ex = /expiry: (\S+)/.exec(rest);
        const r: Rec<"expiry"> = {
          type: "expiry",
          feature: t.slice(1, q),
          version: v ? (v[1] ?? null) : null,
          count: null,
          expires: ex ? (ex[1] ?? null) : null,
          vendor: vd ? (vd[1] ?? null) : null,
        };
        return emit.record(r);
      }
    }
    if (section === "features" && (lead === 32 || lead === 9)) {
      if (/ queued for \d+ licenses?$/.test(t) || t.lastIndexOf(", start ") > 0) {
        const r = userLine(t);
        return typeof r === "string" ? emit.skip(no, r) : emit.record(r);
      }
      return emit.ignore(no, "feature detail");
    }
    const colon = t.indexOf(": ");
    if ((section === "server" || section === "top") && colon > 0) {
      const host = t.slice(0, colon);
      const rest = t.slice(colon + 2);
      const m = /^license server (UP|DOWN)(?: \(([^)]*)\))?(?: v(\S+))?$/.exec(rest);
      const r: Rec<"server"> = m
        ? {
            type: "server",
            host,
            port: portOf(host),
            status: m[1] as "UP" | "DOWN",
            role: m[2] ?? null,
            version: m[3] ?? null,
            error: null,
          }
        : {
            type: "server",
            host,
            port: portOf(host),
            status: "DOWN",
            role: null,
            version: null,
            error: rest,
          };
      section = "server";
      return emit.record(r);
    }
    if (section === "vendor" && colon > 0) {
      const vendor = t.slice(0, colon);
      const rest = t.slice(colon + 2);
      const m = /^(UP|DOWN)(?: v(\S+))?$/.exec(rest);
      const r: Rec<"vendor"> = m
        ? { type: "vendor", vendor, status: m[1] as "UP" | "DOWN", version: m[2] ?? null, error: null }
        : { type: "vendor", vendor, status: "DOWN", version: null, error: rest };
      return emit.record(r);
    }
    if (section === "features") return emit.ignore(no, "feature detail");
    emit.skip(no, "unrecognised lmstat line");
  };
  return { line };
});

/**
 * Parses `lmutil lmstat -a` (and `-i`) output into {@link LmstatRecord} records, tagged by `type`.
 *
 * Understood: the `status on Dow M/D/YYYY HH:MM` header (gives the year of start times; a start
 * later in the year than the header is the year before), `License server status: port@host,…`
 * (gives server ports), server lines (`UP (MASTER) v11.19.6`, `Cannot connect …`, `Error getting
 * status: …` = DOWN with the error), vendor daemon lines, `Users of X:` in every variant (singular
 * or plural `license`, `Uncounted`, `Error: …`, `Cannot get users …`, `None` = 0 in use), feature
 * detail lines `"X" v52, vendor: MLM, expiry: 30-dec-2025` (an `expiry` record with null count),
 * per-user checkout and queued lines, TAB-indented reservations, and the `-i` table (column order of
 * Expires/Vendor read from its header). Ignored: banners, headers, blanks, `vendor_string:` and
 * `floating license` details.
 *
 * Fields by `type` (jc-style):
 * - `server`: `host`, `port` (from the status line, or null), `status` UP|DOWN, `role`
 *   (MASTER|…|null), `version`, `error` (the message when down)
 * - `vendor`: `vendor`, `status`, `version`, `error`
 * - `feature`: `feature`, `issued` (null when uncounted or unknown), `inUse`, `error`
 * - `checkout`: `feature`, `user`, `host`, `display` (the rest before `(v…)`, or null), `version`,
 *   `server`, `port`, `handle`, `start` (epoch ms in options.zone, or null), `count` (default 1),
 *   `linger` (seconds; the first number of `a / b`)
 * - `queued`: as checkout without start and linger; `count` from `queued for N license[s]`
 * - `reservation`: `feature`, `count`, `kind` (HOST|USER|…), `name`, `server`, `port`
 * - `expiry`: `feature`, `version`, `count` (null from `-a` details), `expires`, `vendor`
 *
 * @example
 * ```ts
 * parseLmstat(
 *   "Flexible License Manager status on Mon 2/10/2025 11:26\n" +
 *   "Users of MATLAB:  (Total of 10 licenses issued;  Total of 1 license in use)\n" +
 *   "    u1 pc1 pc1 (v50) (lic.example.com/27004 401), start Mon 2/10 0:10\n",
 * ).records;
 * // [{ type: "feature", feature: "MATLAB", issued: 10, inUse: 1, error: null },
 * //  { type: "checkout", feature: "MATLAB", user: "u1", host: "pc1", display: "pc1", version: "50",
 * //    server: "lic.example.com", port: 27004, handle: "401", start: Date.UTC(2025, 1, 10, 0, 10),
 * //    count: 1, linger: null }]
 * ```
 * @since 0.1.0
 * @category parsers
 */
export const parseLmstat = (
  input: string | Uint8Array,
  options: LmstatOptions = {},
): ParseResult<LmstatRecord> => parseAll(lmstatParser, input, options);
