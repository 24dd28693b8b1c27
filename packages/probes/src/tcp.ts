/**
 * The tcp probe: connect to `host:port` (timing it), optionally over TLS (certificate expiry,
 * server name, skip-verify), optionally a conversation of `send`/`expect` steps (blackbox's
 * `query_response`: each `expect` regex is tried against each received line until one matches;
 * each `send` is written followed by a newline, `${1}` … replaced by the last match's groups;
 * `startTls` upgrades the connection at that point).
 *
 * Failure reasons: `dns` (no address), `refused`, `unreachable`, `reset` (the peer reset the
 * connection), `tls` (handshake or verification), `banner` (the connection ended before an
 * `expect` matched), `timeout` (the deadline passed), `config` (bad target or settings).
 *
 * Metrics: `probe_success`, `probe_duration_seconds`, `probe_dns_lookup_time_seconds`,
 * `probe_ip_protocol`, `fleetlens_tcp_connect_seconds`, with TLS `probe_ssl_earliest_cert_expiry`,
 * `probe_ssl_last_chain_expiry_timestamp_seconds`, `probe_tls_version_info`, and with
 * expectations `probe_failed_due_to_regex`.
 *
 * @since 0.1.0
 * @module
 */
import { connect as netConnect, type Socket } from "node:net";
import { type TLSSocket, connect as tlsConnect } from "node:tls";
import type { FailureReason, MetricSample, ProbeResult } from "@fleetlens/core/lite";
import {
  classifyError,
  deadline,
  describeError,
  finish,
  finishWithError,
  type IpChoice,
  ProbeFailure,
  resolveHost,
  sample,
  secondsSince,
  splitHostPort,
} from "./metrics.js";
import { type TlsConfig, tlsMetrics, tlsOptions } from "./tls.js";
import type { ProbeContext, Prober } from "./types.js";

/**
 * One step of a conversation: wait for a line matching `expect`, then write `send` (plus a
 * newline), then upgrade to TLS when `startTls`.
 *
 * @since 0.1.0
 * @category models
 */
export interface TcpQueryStep {
  /** A regular expression (JavaScript syntax) a received line must match. */
  readonly expect?: string | undefined;
  /** Text to write; `${1}`, `${2}` … are the groups of the last `expect` match. */
  readonly send?: string | undefined;
  /** Upgrade the connection to TLS after this step's send (SMTP/IMAP STARTTLS). */
  readonly startTls?: boolean | undefined;
}

/**
 * Settings of the tcp probe.
 *
 * @since 0.1.0
 * @category models
 */
export interface TcpModule extends IpChoice {
  /** Speak TLS from the start. Default false. */
  readonly tls?: boolean | undefined;
  readonly tlsConfig?: TlsConfig | undefined;
  /** The conversation; default none (connecting is the whole probe). */
  readonly queryResponse?: ReadonlyArray<TcpQueryStep> | undefined;
  /** Local address to connect from. */
  readonly sourceIpAddress?: string | undefined;
  /** Longest line kept while waiting for a match, in bytes. Default 65,536. */
  readonly maxLineBytes?: number | undefined;
}

/**
 * Defaults of the tcp probe: plain connect, IPv4 preferred.
 *
 * @since 0.1.0
 * @category constructors
 */
export const tcpDefaults: TcpModule = {
  ipProtocol: "auto",
  preferredIpProtocol: "ip4",
  tls: false,
  queryResponse: [],
  maxLineBytes: 65_536,
};

/** Waits for `event` on a socket, rejecting on `error`, on close before it, and on abort. */
const waitFor = (s: Socket, event: "connect" | "secureConnect", signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const cleanup = () => {
      s.off(event, ok);
      s.off("error", bad);
      s.off("close", closed);
      signal.removeEventListener("abort", aborted);
    };
    const ok = () => {
      cleanup();
      resolve();
    };
    const bad = (e: Error) => {
      cleanup();
      reject(e);
    };
    const closed = () => {
      cleanup();
      reject(new ProbeFailure("reset", `connection closed before ${event}`));
    };
    const aborted = () => {
      cleanup();
      reject(signal.reason);
    };
    if (signal.aborted) return aborted();
    s.once(event, ok);
    s.once("error", bad);
    s.once("close", closed);
    signal.addEventListener("abort", aborted, { once: true });
  });

/**
 * Reads a socket line by line (LF, a CR before it dropped), for the expect steps.
 */
class LineReader {
  private buf = "";
  private lines: string[] = [];
  private ended = false;
  private failed: Error | null = null;
  private wake: (() => void) | null = null;
  private readonly onData = (d: Buffer) => {
    this.buf += d.toString("latin1");
    let i = this.buf.indexOf("\n");
    while (i >= 0) {
      this.lines.push(this.buf.slice(0, i).replace(/\r$/, ""));
      this.buf = this.buf.slice(i + 1);
      i = this.buf.indexOf("\n");
    }
    if (this.buf.length > this.maxLine) {
      this.lines.push(this.buf);
      this.buf = "";
    }
    this.notify();
  };
  private readonly onEnd = () => {
    if (this.buf !== "") this.lines.push(this.buf);
    this.buf = "";
    this.ended = true;
    this.notify();
  };
  private readonly onError = (e: Error) => {
    this.failed = e;
    this.notify();
  };
  constructor(
    private socket: Socket,
    private readonly maxLine: number,
  ) {
    this.attach();
  }
  private attach() {
    this.socket.on("data", this.onData);
    this.socket.on("end", this.onEnd);
    this.socket.on("close", this.onEnd);
    this.socket.on("error", this.onError);
  }
  /** Stops reading (before a TLS upgrade takes the socket over). */
  detach() {
    this.socket.off("data", this.onData);
    this.socket.off("end", this.onEnd);
    this.socket.off("close", this.onEnd);
    this.socket.off("error", this.onError);
  }
  /** Continues on another socket (after a TLS upgrade); unread bytes are dropped. */
  reattach(s: Socket) {
    this.socket = s;
    this.buf = "";
    this.lines = [];
    this.ended = false;
    this.attach();
  }
  private notify() {
    const w = this.wake;
    this.wake = null;
    w?.();
  }
  /** The first line matching `re`; null when the stream ends first. Rejects on socket errors and abort. */
  async match(re: RegExp, signal: AbortSignal): Promise<RegExpExecArray | null> {
    for (;;) {
      for (let line = this.lines.shift(); line !== undefined; line = this.lines.shift()) {
        const m = re.exec(line);
        if (m !== null) return m;
      }
      if (this.failed !== null) throw this.failed;
      if (this.ended) return null;
      if (signal.aborted) throw signal.reason;
      await new Promise<void>((resolve) => {
        const done = () => {
          signal.removeEventListener("abort", done);
          resolve();
        };
        this.wake = done;
        signal.addEventListener("abort", done, { once: true });
      });
    }
  }
}

const write = (s: Socket, text: string, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    s.write(text, "latin1", (e) => (e ? reject(e) : resolve()));
  });

const substitute = (template: string, m: RegExpExecArray | null): string =>
  template.replace(/\$\{(\d+)\}|\$(\d+)/g, (_all, a: string | undefined, b: string | undefined) => {
    const g = m?.[Number(a ?? b)];
    return g ?? "";
  });

const compile = (steps: ReadonlyArray<TcpQueryStep>): Array<RegExp | null> =>
  steps.map((s, i) => {
    if (s.expect === undefined) return null;
    try {
      return new RegExp(s.expect);
    } catch (e) {
      throw new ProbeFailure("config", `queryResponse[${i}].expect: ${describeError(e)}`);
    }
  });

/**
 * Upgrades a connected socket to TLS, resolving once the handshake (and verification) is done.
 *
 * @since 0.1.0
 * @category utils
 */
export const upgradeTls = async (
  socket: Socket,
  host: string,
  cfg: TlsConfig | undefined,
  signal: AbortSignal,
): Promise<TLSSocket> => {
  const t = tlsConnect({ ...tlsOptions(cfg, host), socket });
  const onAbort = () => t.destroy();
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    await waitFor(t, "secureConnect", signal);
  } catch (e) {
    t.destroy();
    if (e instanceof ProbeFailure) throw e;
    const r = classifyError(e);
    // A handshake that fails for any non-socket reason is a TLS failure.
    throw new ProbeFailure(r === "error" ? "tls" : r, `TLS: ${describeError(e)}`);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
  return t;
};

const probeTcp = async (target: string, module: TcpModule, ctx: ProbeContext): Promise<ProbeResult> => {
  const start = performance.now();
  const m: TcpModule = { ...tcpDefaults, ...module };
  const metrics: MetricSample[] = [];
  const dl = deadline(ctx);
  let socket: Socket | null = null;
  let failure: { reason: FailureReason; message: string } | null = null;
  try {
    const steps = m.queryResponse ?? [];
    const regexes = compile(steps);
    const { host, port } = splitHostPort(target);
    const r = await resolveHost(host, m, dl.signal);
    metrics.push(sample("probe_dns_lookup_time_seconds", r.seconds), sample("probe_ip_protocol", r.family));
    const connectStart = performance.now();
    const raw = netConnect({
      host: r.address,
      port,
      family: r.family,
      ...(m.sourceIpAddress !== undefined ? { localAddress: m.sourceIpAddress } : {}),
    });
    socket = raw;
    dl.signal.addEventListener("abort", () => raw.destroy(), { once: true });
    await waitFor(raw, "connect", dl.signal);
    metrics.push(sample("fleetlens_tcp_connect_seconds", secondsSince(connectStart)));
    if (m.tls === true) {
      socket = await upgradeTls(raw, host, m.tlsConfig, dl.signal);
      metrics.push(...tlsMetrics(socket as TLSSocket));
    }
    if (steps.length > 0) {
      const reader = new LineReader(socket, m.maxLineBytes ?? 65_536);
      let last: RegExpExecArray | null = null;
      let regexFailed = 0;
      for (let i = 0; i < steps.length; i++) {
        const step = steps[i]!;
        const re = regexes[i];
        if (re !== null && re !== undefined) {
          last = await reader.match(re, dl.signal);
          if (last === null) {
            regexFailed = 1;
            metrics.push(sample("probe_failed_due_to_regex", 1));
            throw new ProbeFailure(
              "banner",
              `step ${i}: connection ended before a line matched /${step.expect}/`,
            );
          }
        }
        if (step.send !== undefined) await write(socket, `${substitute(step.send, last)}\n`, dl.signal);
        if (step.startTls === true) {
          reader.detach();
          const up = await upgradeTls(socket, host, m.tlsConfig, dl.signal);
          socket = up;
          metrics.push(...tlsMetrics(up));
          reader.reattach(up);
        }
      }
      metrics.push(sample("probe_failed_due_to_regex", regexFailed));
    }
  } catch (e) {
    const reason = dl.signal.aborted ? "timeout" : classifyError(e);
    failure = {
      reason,
      message: reason === "timeout" && dl.signal.aborted ? describeError(dl.signal.reason) : describeError(e),
    };
  } finally {
    dl.dispose();
    socket?.destroy();
  }
  return finish("tcp", target, start, metrics, failure);
};

/**
 * The tcp probe as a function of the one probe signature.
 *
 * @since 0.1.0
 * @category probes
 */
export const tcpProbe = (target: string, module: TcpModule, ctx: ProbeContext): Promise<ProbeResult> =>
  probeTcp(target, module, ctx).catch((e: unknown) => finishWithError("tcp", target, performance.now(), e));

/**
 * The tcp prober (registry entry).
 *
 * @since 0.1.0
 * @category probes
 */
export const tcpProber: Prober<TcpModule> & { readonly kind: "tcp" } = {
  kind: "tcp",
  description: "TCP connect time, optional TLS (certificate expiry) and send/expect banner checks",
  defaults: tcpDefaults,
  probe: tcpProbe,
};
