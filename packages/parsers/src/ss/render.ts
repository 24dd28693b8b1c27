/**
 * Renders {@link Socket} records as an `ss` table (for round-trip properties, tests and
 * benchmarks).
 *
 * @since 0.1.0
 * @module
 */
import type { Socket, SocketProcess } from "@fleetlens/core/lite";

/**
 * Options of {@link renderSs}.
 *
 * @since 0.1.0
 * @category models
 */
export interface RenderSsOptions {
  /** Add the Process column (`ss -p`). Default true when any socket has a process. */
  readonly process?: boolean;
  /** Print the header line (false = `ss -H`). Default true. */
  readonly header?: boolean;
  /** Add the Netid column (`ss -tu…`); sockets without `netid` print `tcp`. Default false. */
  readonly netid?: boolean;
  /** Omit the State column (as `ss … state X` does). Default false. */
  readonly noState?: boolean;
}

const proc = (p: SocketProcess): string =>
  p.fd === null ? `("${p.name}",pid=${p.pid})` : `("${p.name}",pid=${p.pid},fd=${p.fd})`;

/** The users:(…) field of a socket, or "". */
const usersField = (s: Socket): string => {
  const ps = s.processes ?? (s.process ? [s.process] : []);
  if (ps.length === 0) return "";
  return `users:(${ps.map(proc).join(",")})`;
};

const addrText = (a: string, scope: string | undefined): string => {
  const sc = scope ? `%${scope}` : "";
  if (a === "*") return `*${sc}`;
  return a.indexOf(":") >= 0 ? `[${a}]${sc}` : `${a}${sc}`;
};

const extras = (s: Socket): string => {
  let e = "";
  if (s.uid !== undefined && s.uid !== 0) e += ` uid:${s.uid}`;
  if (s.inode !== undefined) e += ` ino:${s.inode}`;
  return e;
};

/**
 * Renders sockets in ss's layout: columns sized to their content and separated by one space,
 * addresses right-aligned against the `:`, ports left-aligned, brackets around IPv6, `*` for a
 * null port, `%scope` after a local address, `users:((…))` with `-p`, `uid:`/`ino:` (as `-e`
 * prints them: `uid:` only when not 0) when the records carry them.
 *
 * @example
 * ```ts
 * renderSs([{ state: "LISTEN", local: "*", lport: 22, peer: "*", pport: null, recvQ: 0, sendQ: 128, process: null }]);
 * // State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process
 * // LISTEN 0      128                *:22              *:*
 * ```
 * @since 0.1.0
 * @category renderers
 */
export const renderSs = (sockets: readonly Socket[], options: RenderSsOptions = {}): string => {
  const showProc = options.process ?? sockets.some((s) => s.process !== null);
  const header = options.header ?? true;
  const netid = options.netid ?? false;
  const noState = options.noState ?? false;
  const rows = sockets.map((s) => ({
    netid: s.netid ?? "tcp",
    state: s.state,
    rq: String(s.recvQ),
    sq: String(s.sendQ),
    la: addrText(s.local, s.localScope),
    lp: s.lport === null ? "*" : String(s.lport),
    pa: addrText(s.peer, undefined),
    pp: s.pport === null ? "*" : String(s.pport),
    tail: `${showProc ? usersField(s) : ""}${extras(s)}`.trimStart(),
  }));
  const w = (f: (r: (typeof rows)[number]) => string, min: number) =>
    rows.reduce((m, r) => Math.max(m, f(r).length), min);
  const wNet = w((r) => r.netid, 5);
  const wState = w((r) => r.state, 5);
  const wRq = w((r) => r.rq, 6);
  const wSq = w((r) => r.sq, 6);
  // "Local Address:Port": address part right-aligned to wLa, then ":" then port left-aligned to wLp.
  const wLa = w((r) => r.la, "Local Address".length);
  const wLp = w((r) => r.lp, "Port".length);
  const wPa = w((r) => r.pa, "Peer Address".length);
  const wPp = w((r) => r.pp, "Port".length);
  let out = "";
  if (header) {
    let h = "";
    if (netid) h += `${"Netid".padEnd(wNet)} `;
    if (!noState) h += `${"State".padEnd(wState)} `;
    h += `${"Recv-Q".padEnd(wRq)} ${"Send-Q".padEnd(wSq)} `;
    h += `${"Local Address".padStart(wLa)}:${"Port".padEnd(wLp)} `;
    h += `${"Peer Address".padStart(wPa)}:${"Port".padEnd(wPp)} Process`;
    out += `${h}\n`;
  }
  for (const r of rows) {
    let l = "";
    if (netid) l += `${r.netid.padEnd(wNet)} `;
    if (!noState) l += `${r.state.padEnd(wState)} `;
    l += `${r.rq.padEnd(wRq)} ${r.sq.padEnd(wSq)} `;
    l += `${r.la.padStart(wLa)}:${r.lp.padEnd(wLp)} `;
    l += `${r.pa.padStart(wPa)}:${r.pp.padEnd(wPp)}`;
    if (r.tail) l += ` ${r.tail}`;
    out += `${l.trimEnd()}\n`;
  }
  return out;
};
