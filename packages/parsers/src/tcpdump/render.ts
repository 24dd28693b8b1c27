/**
 * Renders {@link Packet} records as `tcpdump -nn` prints them (used by round-trip properties,
 * fixtures and benchmarks).
 *
 * @since 0.1.0
 * @module
 */
import type { Packet, Zone } from "@fleetlens/core/lite";
import { UTC } from "@fleetlens/core/lite";

/**
 * Layout of the rendered text.
 *
 * @since 0.1.0
 * @category models
 */
export interface TcpdumpRenderOptions {
  /** `default` = local `HH:MM:SS.ffffff`, `tt` = epoch, `tttt` = local date and time, `none` = `-t`. */
  readonly timestamps?: "default" | "tt" | "tttt" | "none";
  /** `-q` layout (`tcp 88`). */
  readonly q?: boolean;
  /** Zone of local times (default UTC). */
  readonly zone?: Zone;
  /** Nine fractional digits (`--time-stamp-precision=nano`). */
  readonly nanos?: boolean;
}

const p2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Timestamp prefix (without the trailing space) of an instant. @since 0.1.0 @category rendering */
export const renderTs = (
  ms: number,
  mode: "default" | "tt" | "tttt",
  zone: Zone = UTC,
  nanos = false,
): string => {
  // A double of epoch ms carries microseconds: round to µs (nano layout prints them × 1000).
  let sec = Math.floor(ms / 1000);
  let us = Math.round((ms - sec * 1000) * 1000);
  if (us >= 1e6) {
    sec += 1;
    us -= 1e6;
  }
  const f = nanos ? `${String(us).padStart(6, "0")}000` : String(us).padStart(6, "0");
  if (mode === "tt") return `${sec}.${f}`;
  const d = new Date((sec + zone.offsetAt(sec * 1000) * 60) * 1000);
  const hms = `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${f}`;
  if (mode === "default") return hms;
  return `${String(d.getUTCFullYear()).padStart(4, "0")}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${hms}`;
};

/**
 * One packet's line (no newline).
 *
 * @since 0.1.0
 * @category rendering
 */
export const renderTcpdumpLine = (p: Packet, opts: TcpdumpRenderOptions = {}): string => {
  const mode = opts.timestamps ?? "default";
  const ts = mode === "none" || p.ts === null ? "" : `${renderTs(p.ts, mode, opts.zone, opts.nanos)} `;
  const pre = p.iface === undefined ? "" : `${p.iface.padEnd(5)} ${"In".padEnd(3)} `;
  const v6 = p.src.includes(":");
  const ip = v6 ? "IP6" : "IP";
  const L = p.length;
  let body: string;
  switch (p.proto) {
    case "arp":
      body = `ARP, Request who-has ${p.dst} tell ${p.src}, length ${L}`;
      break;
    case "tcp":
    case "udp": {
      if (p.sport === null || p.dport === null) {
        body = v6
          ? `${ip} ${p.src} > ${p.dst}: frag (1480|${L})`
          : `${ip} ${p.src} > ${p.dst}: ip-proto-${p.proto === "tcp" ? 6 : 17}`;
        break;
      }
      const ends = `${ip} ${p.src}.${p.sport} > ${p.dst}.${p.dport}: `;
      if (p.proto === "udp") body = `${ends}UDP, length ${L}`;
      else if (opts.q) body = `${ends}tcp ${L}`;
      else if (L > 0) body = `${ends}Flags [P.], seq 1:${1 + L}, ack 1, win 502, length ${L}`;
      else body = `${ends}Flags [.], ack 1, win 502, length 0`;
      break;
    }
    case "icmp":
      body = `${ip} ${p.src} > ${p.dst}: ICMP echo request, id 7, seq 1, length ${L}`;
      break;
    case "icmp6":
      body = `${ip} ${p.src} > ${p.dst}: ICMP6, echo request, id 7, seq 1, length ${L}`;
      break;
    default:
      body = `${ip} ${p.src} > ${p.dst}:  ip-proto-253 ${L}`;
  }
  return ts + pre + body;
};

/**
 * `tcpdump -nn` text for packets, one line each, newline-terminated.
 *
 * @example
 * ```ts
 * renderTcpdump([{ ts: 1795293828099.948, proto: "tcp", src: "10.0.0.5", sport: 51514,
 *   dst: "93.184.216.34", dport: 443, length: 88 }], { timestamps: "tt", q: true });
 * // "1795293828.099948 IP 10.0.0.5.51514 > 93.184.216.34.443: tcp 88\n"
 * ```
 * @since 0.1.0
 * @category rendering
 */
export const renderTcpdump = (packets: Iterable<Packet>, opts: TcpdumpRenderOptions = {}): string => {
  const out: string[] = [];
  for (const p of packets) out.push(renderTcpdumpLine(p, opts));
  return out.length === 0 ? "" : `${out.join("\n")}\n`;
};
