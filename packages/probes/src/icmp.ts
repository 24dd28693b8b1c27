/**
 * The icmp probe: round-trip times and loss over `count` echo requests, by running the system
 * `ping` (iputils; argv, no shell, `LC_ALL=C`) on the address the probe resolved itself:
 * `ping -n -c COUNT -i INTERVAL -W WAIT -w DEADLINE [-4|-6] [-t TTL] [-s SIZE] [-M do] ADDRESS`.
 * Node has no ICMP sockets (not even Linux's unprivileged datagram ones), so without a usable
 * `ping` the probe fails with `config` and a message naming the binary and the package
 * (`iputils-ping`).
 *
 * Success: at least one reply, and the loss ratio not above `maxLossRatio` (default 1, i.e. any
 * reply will do; blackbox's one-packet probe is `count: 1`). No reply is `timeout`, or
 * `unreachable` when ping reports ICMP errors (Destination Host Unreachable, …); a loss above
 * `maxLossRatio` is `unreachable` with the ratio in the message. An unknown name is `dns`.
 *
 * Metrics: `probe_success`, `probe_duration_seconds`, `probe_dns_lookup_time_seconds`,
 * `probe_ip_protocol`, `probe_icmp_duration_seconds{phase="resolve"|"rtt"}` (rtt: the mean of
 * the replies), `probe_icmp_reply_hop_limit` (the last reply's TTL), and the loss and jitter
 * blackbox lacks: `fleetlens_icmp_packets_sent`, `fleetlens_icmp_packets_received`,
 * `fleetlens_icmp_loss_ratio`, `fleetlens_icmp_rtt_seconds{stat="min"|"avg"|"max"|"mdev"}`
 * (ping's summary, computed from the replies when it prints none).
 *
 * @since 0.1.0
 * @module
 */
import { spawn } from "node:child_process";
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
} from "./metrics.js";
import type { ProbeContext, Prober } from "./types.js";

/**
 * Settings of the icmp probe.
 *
 * @since 0.1.0
 * @category models
 */
export interface IcmpModule extends IpChoice {
  /** Echo requests sent. Default 3. */
  readonly count?: number | undefined;
  /** Seconds between requests. Default 0.2 (iputils' smallest for non-root users before 2019). */
  readonly intervalSeconds?: number | undefined;
  /** Largest loss ratio (0..1) still a success, given at least one reply. Default 1. */
  readonly maxLossRatio?: number | undefined;
  /** IP TTL / hop limit of the requests (`-t`). */
  readonly ttl?: number | undefined;
  /** ICMP payload bytes (`-s`). Default ping's 56. */
  readonly payloadSize?: number | undefined;
  /** Set the don't-fragment bit (`-M do`). Default false. */
  readonly dontFragment?: boolean | undefined;
  /** Source address (`-I`). */
  readonly sourceIpAddress?: string | undefined;
  /** The ping binary. Default `ping` on PATH. */
  readonly pingPath?: string | undefined;
}

/**
 * Defaults of the icmp probe.
 *
 * @since 0.1.0
 * @category constructors
 */
export const icmpDefaults: IcmpModule = {
  ipProtocol: "auto",
  preferredIpProtocol: "ip4",
  count: 3,
  intervalSeconds: 0.2,
  maxLossRatio: 1,
  dontFragment: false,
  pingPath: "ping",
};

/**
 * One echo reply as ping printed it.
 *
 * @since 0.1.0
 * @category models
 */
export interface PingReply {
  readonly seq: number;
  readonly ttl: number | null;
  /** Seconds. */
  readonly rtt: number;
  readonly duplicate: boolean;
}

/**
 * What {@link parsePing} reads from ping's output. Times in seconds; `summary` is null when
 * ping printed no `rtt min/avg/max/mdev` line; `sent`/`received` null without the statistics
 * line (ping killed early).
 *
 * @since 0.1.0
 * @category models
 */
export interface PingOutput {
  readonly replies: ReadonlyArray<PingReply>;
  readonly sent: number | null;
  readonly received: number | null;
  readonly errors: number;
  readonly summary: {
    readonly min: number;
    readonly avg: number;
    readonly max: number;
    readonly mdev: number | null;
  } | null;
  /** ICMP error lines (`From 10.0.0.1 icmp_seq=1 Destination Host Unreachable`). */
  readonly icmpErrors: ReadonlyArray<string>;
}

const REPLY =
  /^\d+ bytes from \S+?:? (?:icmp_seq|seq)=(\d+)(?: ident=\d+)? (?:ttl|hlim)=(\d+) time[=<]([\d.]+) ms( \(DUP!\))?/;
const STATS =
  /^(\d+) packets transmitted, (\d+) (?:packets )?received(?:, \+(\d+) duplicates)?(?:, \+(\d+) errors)?/;
const RTT =
  /^(?:rtt|round-trip) min\/avg\/max(?:\/(?:mdev|stddev))? = ([\d.]+)\/([\d.]+)\/([\d.]+)(?:\/([\d.]+))? ms/;
const ICMP_ERROR = /^From \S+ (?:icmp_seq|seq)=\d+ (.+)$/;

/**
 * Reads iputils (and BusyBox / BSD) ping output: per-reply lines, ICMP error lines, the
 * statistics line and the rtt summary. Lines it does not know are ignored.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parsePing = (text: string): PingOutput => {
  const replies: PingReply[] = [];
  const icmpErrors: string[] = [];
  let sent: number | null = null;
  let received: number | null = null;
  let errors = 0;
  let summary: PingOutput["summary"] = null;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    let m = REPLY.exec(line);
    if (m !== null) {
      replies.push({
        seq: Number(m[1]),
        ttl: Number(m[2]),
        rtt: Number(m[3]) / 1000,
        duplicate: m[4] !== undefined,
      });
      continue;
    }
    m = ICMP_ERROR.exec(line);
    if (m !== null) {
      icmpErrors.push(line);
      continue;
    }
    m = STATS.exec(line);
    if (m !== null) {
      sent = Number(m[1]);
      received = Number(m[2]);
      errors = m[4] !== undefined ? Number(m[4]) : 0;
      continue;
    }
    m = RTT.exec(line);
    if (m !== null)
      summary = {
        min: Number(m[1]) / 1000,
        avg: Number(m[2]) / 1000,
        max: Number(m[3]) / 1000,
        mdev: m[4] !== undefined ? Number(m[4]) / 1000 : null,
      };
  }
  return { replies, sent, received, errors, summary, icmpErrors };
};

/**
 * min/avg/max and mdev (iputils' definition: the population standard deviation,
 * √(mean(x²) − mean(x)²)) of round-trip times; null for none.
 *
 * @since 0.1.0
 * @category utils
 */
export const rttStats = (
  rtts: ReadonlyArray<number>,
): { readonly min: number; readonly avg: number; readonly max: number; readonly mdev: number } | null => {
  if (rtts.length === 0) return null;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  for (const r of rtts) {
    min = Math.min(min, r);
    max = Math.max(max, r);
    sum += r;
  }
  const avg = sum / rtts.length;
  let sq = 0;
  for (const r of rtts) sq += (r - avg) * (r - avg);
  return { min, avg, max, mdev: Math.sqrt(sq / rtts.length) };
};

/**
 * The argv given to ping (without the binary). Exposed for tests and `--debug` output.
 *
 * @since 0.1.0
 * @category utils
 */
export const pingArgs = (address: string, family: 4 | 6, m: IcmpModule, timeoutMs: number): string[] => {
  const count = m.count ?? 3;
  const interval = m.intervalSeconds ?? 0.2;
  // ping should end on its own inside the budget (leaving 0.2 s to exit and be read), so a lost
  // packet shows as loss with every metric rather than as the probe's timeout.
  const budget = timeoutMs / 1000 - 0.2;
  const wait = Math.max(0.1, budget - (count - 1) * interval);
  const args = ["-n", "-c", String(count), "-i", fmt(interval), "-W", fmt(wait)];
  if (Math.floor(budget) >= 1) args.push("-w", String(Math.floor(budget)));
  args.push(family === 6 ? "-6" : "-4");
  if (m.ttl !== undefined) args.push("-t", String(m.ttl));
  if (m.payloadSize !== undefined) args.push("-s", String(m.payloadSize));
  if (m.dontFragment === true) args.push("-M", "do");
  if (m.sourceIpAddress !== undefined) args.push("-I", m.sourceIpAddress);
  args.push(address);
  return args;
};

const fmt = (x: number): string => String(Math.round(x * 1000) / 1000);

const checkModule = (m: IcmpModule): void => {
  const count = m.count ?? 3;
  if (!Number.isInteger(count) || count < 1 || count > 10_000)
    throw new ProbeFailure("config", `count ${count} must be an integer in 1..10000`);
  const iv = m.intervalSeconds ?? 0.2;
  if (!(iv >= 0.002 && iv <= 3600))
    throw new ProbeFailure("config", `intervalSeconds ${iv} must be in 0.002..3600`);
  const loss = m.maxLossRatio ?? 1;
  if (!(loss >= 0 && loss <= 1)) throw new ProbeFailure("config", `maxLossRatio ${loss} must be in 0..1`);
  if (m.ttl !== undefined && !(Number.isInteger(m.ttl) && m.ttl >= 1 && m.ttl <= 255))
    throw new ProbeFailure("config", `ttl ${m.ttl} must be an integer in 1..255`);
  if (
    m.payloadSize !== undefined &&
    !(Number.isInteger(m.payloadSize) && m.payloadSize >= 0 && m.payloadSize <= 65_507)
  )
    throw new ProbeFailure("config", `payloadSize ${m.payloadSize} must be an integer in 0..65507`);
};

const abortReason = (s: AbortSignal): unknown => s.reason ?? new ProbeFailure("timeout", "aborted");

interface PingRun {
  readonly aborted: boolean;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const runPing = (bin: string, args: string[], signal: AbortSignal): Promise<PingRun> =>
  new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      env: { ...process.env, LC_ALL: "C", LANG: "C" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    let aborted = false;
    const onAbort = () => {
      aborted = true;
      // SIGINT makes ping print its statistics before exiting.
      child.kill("SIGINT");
      setTimeout(() => child.kill("SIGKILL"), 200).unref();
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    child.once("error", (e) => {
      signal.removeEventListener("abort", onAbort);
      const code = (e as NodeJS.ErrnoException).code;
      reject(
        code === "ENOENT" || code === "EACCES"
          ? new ProbeFailure("config", `cannot run ${bin} (${code}): install iputils-ping or set pingPath`)
          : e,
      );
    });
    child.once("close", (code) => {
      signal.removeEventListener("abort", onAbort);
      resolve({ aborted, code, stdout, stderr });
    });
  });

const probeIcmp = async (target: string, module: IcmpModule, ctx: ProbeContext): Promise<ProbeResult> => {
  const start = performance.now();
  const m: IcmpModule = { ...icmpDefaults, ...module };
  const metrics: MetricSample[] = [];
  const dl = deadline(ctx);
  let failure: { reason: FailureReason; message: string } | null = null;
  try {
    checkModule(m);
    const r = await resolveHost(target, m, dl.signal);
    metrics.push(
      sample("probe_dns_lookup_time_seconds", r.seconds),
      sample("probe_ip_protocol", r.family),
      sample("probe_icmp_duration_seconds", r.seconds, { phase: "resolve" }),
    );
    const run = await runPing(
      m.pingPath ?? "ping",
      pingArgs(r.address, r.family, m, ctx.timeoutMs),
      dl.signal,
    );
    const out = parsePing(run.stdout);
    const good = out.replies.filter((x) => !x.duplicate);
    const sent = out.sent ?? Math.max(m.count ?? 3, good.length);
    const received = out.received ?? good.length;
    if (run.aborted && received === 0) throw abortReason(dl.signal);
    if (out.sent === null && received === 0) {
      // ping said nothing useful: its stderr says why (permission, bad option, name).
      const why = run.stderr.trim() || `exit code ${run.code}`;
      throw new ProbeFailure(/name|service|resolv/i.test(why) ? "dns" : "config", `ping: ${why}`);
    }
    const stats = out.summary ?? rttStats(good.map((x) => x.rtt));
    const loss = sent > 0 ? (sent - received) / sent : 1;
    metrics.push(
      sample("fleetlens_icmp_packets_sent", sent),
      sample("fleetlens_icmp_packets_received", received),
      sample("fleetlens_icmp_loss_ratio", loss),
    );
    if (stats !== null) {
      metrics.push(sample("probe_icmp_duration_seconds", stats.avg, { phase: "rtt" }));
      const mdev = stats.mdev ?? rttStats(good.map((x) => x.rtt))?.mdev ?? 0;
      for (const [stat, v] of [
        ["min", stats.min],
        ["avg", stats.avg],
        ["max", stats.max],
        ["mdev", mdev],
      ] as const)
        metrics.push(sample("fleetlens_icmp_rtt_seconds", v, { stat }));
    }
    const lastTtl = good.at(-1)?.ttl;
    if (lastTtl !== undefined && lastTtl !== null)
      metrics.push(sample("probe_icmp_reply_hop_limit", lastTtl));
    if (run.aborted) throw abortReason(dl.signal);
    if (received === 0)
      throw out.icmpErrors.length > 0
        ? new ProbeFailure("unreachable", `no reply: ${out.icmpErrors[0]}`)
        : new ProbeFailure("timeout", `no reply to ${sent} echo requests`);
    if (loss > (m.maxLossRatio ?? 1))
      throw new ProbeFailure("unreachable", `loss ${loss.toFixed(3)} above maxLossRatio ${m.maxLossRatio}`);
  } catch (e) {
    const reason = dl.signal.aborted ? "timeout" : classifyError(e);
    failure = { reason, message: dl.signal.aborted ? describeError(dl.signal.reason) : describeError(e) };
  } finally {
    dl.dispose();
  }
  return finish("icmp", target, start, metrics, failure);
};

/**
 * The icmp probe as a function of the one probe signature.
 *
 * @since 0.1.0
 * @category probes
 */
export const icmpProbe = (target: string, module: IcmpModule, ctx: ProbeContext): Promise<ProbeResult> =>
  probeIcmp(target, module, ctx).catch((e: unknown) => finishWithError("icmp", target, performance.now(), e));

/**
 * The icmp prober (registry entry).
 *
 * @since 0.1.0
 * @category probes
 */
export const icmpProber: Prober<IcmpModule> & { readonly kind: "icmp" } = {
  kind: "icmp",
  description: "ICMP echo round-trip time, loss and jitter over N packets (system ping)",
  defaults: icmpDefaults,
  probe: icmpProbe,
};
