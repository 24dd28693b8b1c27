/**
 * The http probe: one request (and its redirects) to a URL, with blackbox_exporter's checks and
 * metrics. Each hop resolves the host itself (timed), then opens a fresh connection, so the
 * phases are real: `probe_http_duration_seconds{phase}` with `resolve` (DNS), `connect` (TCP),
 * `tls` (handshake), `processing` (request written → response head received, i.e. first byte)
 * and `transfer` (head → last body byte), each summed over the hops as blackbox does.
 *
 * Checks, in blackbox's order: the status code (`validStatusCodes`, default any 2xx; reason
 * `status`), header regexes and body regexes (reason `regex`, `probe_failed_due_to_regex` 1),
 * the HTTP version (`validHttpVersions`, reason `status`), `failIfSsl` / `failIfNotSsl` (reason
 * `tls`). Redirects (301, 302, 303, 307, 308 with a Location) are followed up to `maxRedirects`
 * (default 10, Go's); one more is a `status` failure. 301/302/303 turn a non-GET/HEAD request
 * into a GET without body; 307/308 repeat it. Authorization and Cookie headers are not sent to
 * another host. A target without a scheme gets `http://`; a malformed URL or another scheme is
 * a `config` failure.
 *
 * Metrics: `probe_success`, `probe_duration_seconds`, `probe_dns_lookup_time_seconds`,
 * `probe_ip_protocol`, `probe_http_duration_seconds{phase}`, `probe_http_status_code`,
 * `probe_http_content_length` (-1 when the response gives none), `probe_http_uncompressed_body_length`,
 * `probe_http_version`, `probe_http_redirects`, `probe_http_ssl`, `probe_failed_due_to_regex`,
 * `probe_http_last_modified_timestamp_seconds` (when given), and over TLS the certificate
 * metrics of {@link tlsMetrics}.
 *
 * @since 0.1.0
 * @module
 */
import type { ClientRequest, IncomingMessage, RequestOptions } from "node:http";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
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
import { type TlsConfig, tlsMetrics, tlsOptions } from "./tls.js";
import type { ProbeContext, Prober } from "./types.js";

/**
 * A header check: `header` (case-insensitive) and a `regexp` one of its values must (or must
 * not) match. `allowMissing` lets a must-match check pass when the header is absent.
 *
 * @since 0.1.0
 * @category models
 */
export interface HttpHeaderMatch {
  readonly header: string;
  readonly regexp: string;
  readonly allowMissing?: boolean | undefined;
}

/**
 * Settings of the http probe (blackbox's `http` module, camel-cased).
 *
 * @since 0.1.0
 * @category models
 */
export interface HttpModule extends IpChoice {
  /** Accepted status codes; empty means any 2xx. */
  readonly validStatusCodes?: ReadonlyArray<number> | undefined;
  /** Accepted versions as `HTTP/1.1`, `HTTP/1.0`; empty means any. */
  readonly validHttpVersions?: ReadonlyArray<string> | undefined;
  /** Default `GET`. */
  readonly method?: string | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly body?: string | undefined;
  /** Default true. */
  readonly followRedirects?: boolean | undefined;
  /** Default 10. */
  readonly maxRedirects?: number | undefined;
  readonly failIfSsl?: boolean | undefined;
  readonly failIfNotSsl?: boolean | undefined;
  readonly failIfBodyMatchesRegexp?: ReadonlyArray<string> | undefined;
  readonly failIfBodyNotMatchesRegexp?: ReadonlyArray<string> | undefined;
  readonly failIfHeaderMatchesRegexp?: ReadonlyArray<HttpHeaderMatch> | undefined;
  readonly failIfHeaderNotMatchesRegexp?: ReadonlyArray<HttpHeaderMatch> | undefined;
  readonly tlsConfig?: TlsConfig | undefined;
  /** Ask for and decode this content coding (`gzip`, `deflate`, `br`); default none (raw body). */
  readonly compression?: "" | "gzip" | "deflate" | "br" | undefined;
  /** Most body bytes read (after decoding); more is an `error` failure. 0 = no limit (default). */
  readonly bodySizeLimit?: number | undefined;
}

/**
 * Defaults of the http probe.
 *
 * @since 0.1.0
 * @category constructors
 */
export const httpDefaults: HttpModule = {
  ipProtocol: "auto",
  preferredIpProtocol: "ip4",
  validStatusCodes: [],
  validHttpVersions: [],
  method: "GET",
  headers: {},
  followRedirects: true,
  maxRedirects: 10,
  failIfSsl: false,
  failIfNotSsl: false,
  failIfBodyMatchesRegexp: [],
  failIfBodyNotMatchesRegexp: [],
  failIfHeaderMatchesRegexp: [],
  failIfHeaderNotMatchesRegexp: [],
  compression: "",
  bodySizeLimit: 0,
};

/**
 * The URL a target names: `http://` is assumed without a scheme; anything but http/https, or
 * text that is no URL, rejects with `config`.
 *
 * @since 0.1.0
 * @category utils
 */
export const targetUrl = (target: string): URL => {
  const text = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(target) ? target : `http://${target}`;
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new ProbeFailure("config", `malformed URL ${JSON.stringify(target)}`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:")
    throw new ProbeFailure("config", `unsupported scheme ${u.protocol} in ${JSON.stringify(target)}`);
  if (u.hostname === "") throw new ProbeFailure("config", `no host in ${JSON.stringify(target)}`);
  return u;
};

const PHASES = ["resolve", "connect", "tls", "processing", "transfer"] as const;
type Phase = (typeof PHASES)[number];

interface Hop {
  readonly res: IncomingMessage;
  readonly body: Buffer;
  readonly bodyBytes: number;
  /** The TLS metrics of the connection (taken before it closes); null over plain HTTP. */
  readonly tls: MetricSample[] | null;
}

const compileAll = (list: ReadonlyArray<string> | undefined, field: string): RegExp[] =>
  (list ?? []).map((s, i) => {
    try {
      return new RegExp(s);
    } catch (e) {
      throw new ProbeFailure("config", `${field}[${i}]: ${describeError(e)}`);
    }
  });

const compileHeaders = (
  list: ReadonlyArray<HttpHeaderMatch> | undefined,
  field: string,
): Array<{ header: string; re: RegExp; allowMissing: boolean; text: string }> =>
  (list ?? []).map((h, i) => {
    try {
      return {
        header: h.header.toLowerCase(),
        re: new RegExp(h.regexp),
        allowMissing: h.allowMissing === true,
        text: h.regexp,
      };
    } catch (e) {
      throw new ProbeFailure("config", `${field}[${i}].regexp: ${describeError(e)}`);
    }
  });

const decoder = (coding: string) =>
  coding === "gzip" || coding === "x-gzip"
    ? createGunzip()
    : coding === "deflate"
      ? createInflate()
      : coding === "br"
        ? createBrotliDecompress()
        : null;

/** Sends one request on a fresh connection and reads the whole response, timing the phases. */
const oneHop = (
  url: URL,
  address: string,
  family: 4 | 6,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  m: HttpModule,
  keepBody: boolean,
  phases: Record<Phase, number>,
  signal: AbortSignal,
): Promise<Hop> =>
  new Promise<Hop>((resolve, reject) => {
    const https = url.protocol === "https:";
    const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
    const opts: RequestOptions = {
      hostname: host,
      port: url.port === "" ? (https ? 443 : 80) : Number(url.port),
      path: `${url.pathname}${url.search}`,
      method,
      headers,
      agent: false,
      family,
      lookup: ((_h: string, o: { all?: boolean }, cb: (...a: unknown[]) => void) => {
        if (o?.all === true) cb(null, [{ address, family }]);
        else cb(null, address, family);
      }) as unknown as RequestOptions["lookup"],
      ...(https ? tlsOptions(m.tlsConfig, host) : {}),
    };
    const t0 = performance.now();
    let connected = t0;
    let secured = t0;
    let tlsSamples: MetricSample[] | null = null;
    let settled = false;
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      req.destroy();
      reject(e);
    };
    const onAbort = () => fail(signal.reason);
    let req: ClientRequest;
    try {
      req = (https ? httpsRequest : httpRequest)(opts);
    } catch (e) {
      reject(classifyError(e) === "config" ? new ProbeFailure("config", describeError(e)) : e);
      return;
    }
    if (signal.aborted) return fail(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    req.on("error", fail);
    req.on("socket", (s: Socket) => {
      s.once("connect", () => {
        connected = performance.now();
        secured = connected;
      });
      if (https)
        s.once("secureConnect", () => {
          secured = performance.now();
          tlsSamples = tlsMetrics(s as TLSSocket);
        });
    });
    req.on("response", (res: IncomingMessage) => {
      const head = performance.now();
      phases.connect += (connected - t0) / 1000;
      phases.tls += (secured - connected) / 1000;
      phases.processing += (head - secured) / 1000;
      const coding = m.compression ? (res.headers["content-encoding"] ?? "").toLowerCase().trim() : "";
      const dec = decoder(coding);
      const chunks: Buffer[] = [];
      let bytes = 0;
      const limit = m.bodySizeLimit ?? 0;
      const onChunk = (c: Buffer) => {
        bytes += c.length;
        if (limit > 0 && bytes > limit)
          return fail(new ProbeFailure("error", `body larger than bodySizeLimit ${limit} bytes`));
        if (keepBody) chunks.push(c);
      };
      const onEnd = () => {
        if (settled) return;
        settled = true;
        signal.removeEventListener("abort", onAbort);
        phases.transfer += (performance.now() - head) / 1000;
        const hop: Hop = { res, body: Buffer.concat(chunks), bodyBytes: bytes, tls: tlsSamples };
        resolve(hop);
        req.destroy();
      };
      res.on("error", fail);
      res.on("aborted", () => fail(new ProbeFailure("reset", "response aborted by the server")));
      if (dec === null) {
        res.on("data", onChunk);
        res.on("end", onEnd);
      } else {
        dec.on("data", onChunk);
        dec.on("end", onEnd);
        dec.on("error", (e) => fail(new ProbeFailure("error", `decoding ${coding}: ${e.message}`)));
        res.pipe(dec);
      }
    });
    req.end(body);
  });

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const probeHttp = async (target: string, module: HttpModule, ctx: ProbeContext): Promise<ProbeResult> => {
  const start = performance.now();
  const m: HttpModule = { ...httpDefaults, ...module };
  const metrics: MetricSample[] = [];
  const phases: Record<Phase, number> = { resolve: 0, connect: 0, tls: 0, processing: 0, transfer: 0 };
  const dl = deadline(ctx);
  let failure: { reason: FailureReason; message: string } | null = null;
  let hops = 0;
  let resolved = false;
  const fail = (reason: FailureReason, message: string) => {
    failure ??= { reason, message };
  };
  try {
    const bodyMust = compileAll(m.failIfBodyNotMatchesRegexp, "failIfBodyNotMatchesRegexp");
    const bodyMustNot = compileAll(m.failIfBodyMatchesRegexp, "failIfBodyMatchesRegexp");
    const headMust = compileHeaders(m.failIfHeaderNotMatchesRegexp, "failIfHeaderNotMatchesRegexp");
    const headMustNot = compileHeaders(m.failIfHeaderMatchesRegexp, "failIfHeaderMatchesRegexp");
    let url = targetUrl(target);
    let method = (m.method ?? "GET").toUpperCase();
    let body = m.body;
    const userHeaders: Record<string, string> = { ...(m.headers ?? {}) };
    const has = (h: Record<string, string>, name: string) =>
      Object.keys(h).some((k) => k.toLowerCase() === name);
    if (m.compression && !has(userHeaders, "accept-encoding")) userHeaders["Accept-Encoding"] = m.compression;
    if (!has(userHeaders, "user-agent")) userHeaders["User-Agent"] = "fleetlens-probe/0.1";
    const firstHost = url.host;
    let hop: Hop;
    for (;;) {
      const r = await resolveHost(url.hostname, m, dl.signal);
      phases.resolve += r.seconds;
      if (!resolved) {
        metrics.push(
          sample("probe_dns_lookup_time_seconds", r.seconds),
          sample("probe_ip_protocol", r.family),
        );
        resolved = true;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(userHeaders)) {
        const lk = k.toLowerCase();
        if (url.host !== firstHost && (lk === "authorization" || lk === "cookie")) continue;
        headers[k] = v;
      }
      if (!has(headers, "host")) headers.Host = url.host;
      hop = await oneHop(url, r.address, r.family, method, headers, body, m, true, phases, dl.signal);
      const code = hop.res.statusCode ?? 0;
      const location = hop.res.headers.location;
      if (!(m.followRedirects ?? true) || !REDIRECTS.has(code) || location === undefined) break;
      if (hops >= (m.maxRedirects ?? 10)) {
        fail("status", `stopped after ${hops} redirects (last ${code} to ${location})`);
        break;
      }
      hops++;
      try {
        url = new URL(location, url);
      } catch {
        fail("status", `redirect to a malformed Location ${JSON.stringify(location)}`);
        break;
      }
      if (url.protocol !== "http:" && url.protocol !== "https:") {
        fail("status", `redirect to unsupported scheme ${url.protocol}`);
        break;
      }
      if (code !== 307 && code !== 308 && method !== "GET" && method !== "HEAD") {
        method = "GET";
        body = undefined;
      }
    }
    const res = hop.res;
    const code = res.statusCode ?? 0;
    const cl = res.headers["content-length"];
    const version = Number.parseFloat(res.httpVersion);
    metrics.push(
      sample("probe_http_status_code", code),
      sample("probe_http_content_length", cl !== undefined && /^\d+$/.test(cl) ? Number(cl) : -1),
      sample("probe_http_uncompressed_body_length", hop.bodyBytes),
      sample("probe_http_version", Number.isFinite(version) ? version : 0),
      sample("probe_http_redirects", hops),
      sample("probe_http_ssl", hop.tls !== null ? 1 : 0),
    );
    if (hop.tls !== null) metrics.push(...hop.tls);
    const lm = res.headers["last-modified"];
    if (lm !== undefined && Number.isFinite(Date.parse(lm)))
      metrics.push(sample("probe_http_last_modified_timestamp_seconds", Date.parse(lm) / 1000));

    const valid = m.validStatusCodes ?? [];
    if (failure === null && !(valid.length > 0 ? valid.includes(code) : code >= 200 && code < 300))
      fail("status", `status ${code} not in ${valid.length > 0 ? valid.join(",") : "2xx"}`);
    const regexChecked =
      headMust.length + headMustNot.length + bodyMust.length + bodyMustNot.length > 0 && failure === null;
    if (failure === null) {
      const values = (name: string): string[] => {
        const v = res.headersDistinct[name];
        return v === undefined ? [] : v;
      };
      for (const h of headMustNot) {
        if (values(h.header).some((v) => h.re.test(v))) {
          fail("regex", `header ${h.header} matched /${h.text}/`);
          break;
        }
      }
      if (failure === null)
        for (const h of headMust) {
          const vs = values(h.header);
          if (vs.length === 0 ? !h.allowMissing : !vs.some((v) => h.re.test(v))) {
            fail(
              "regex",
              vs.length === 0 ? `header ${h.header} missing` : `header ${h.header} did not match /${h.text}/`,
            );
            break;
          }
        }
    }
    if (failure === null && bodyMust.length + bodyMustNot.length > 0) {
      const text = hop.body.toString("utf8");
      const bad = bodyMustNot.find((re) => re.test(text));
      if (bad !== undefined) fail("regex", `body matched /${bad.source}/`);
      else {
        const missing = bodyMust.find((re) => !re.test(text));
        if (missing !== undefined) fail("regex", `body did not match /${missing.source}/`);
      }
    }
    if (regexChecked) {
      const f = failure as { reason: FailureReason } | null;
      metrics.push(sample("probe_failed_due_to_regex", f?.reason === "regex" ? 1 : 0));
    }
    const versions = m.validHttpVersions ?? [];
    if (failure === null && versions.length > 0 && !versions.includes(`HTTP/${res.httpVersion}`))
      fail("status", `HTTP/${res.httpVersion} not in ${versions.join(",")}`);
    if (failure === null && m.failIfSsl === true && hop.tls !== null)
      fail("tls", "response came over TLS (failIfSsl)");
    if (failure === null && m.failIfNotSsl === true && hop.tls === null)
      fail("tls", "response did not come over TLS (failIfNotSsl)");
  } catch (e) {
    const reason = dl.signal.aborted ? "timeout" : classifyError(e);
    failure = { reason, message: dl.signal.aborted ? describeError(dl.signal.reason) : describeError(e) };
  } finally {
    dl.dispose();
  }
  for (const p of PHASES) metrics.push(sample("probe_http_duration_seconds", phases[p], { phase: p }));
  return finish("http", target, start, metrics, failure);
};

/**
 * The http probe as a function of the one probe signature.
 *
 * @since 0.1.0
 * @category probes
 */
export const httpProbe = (target: string, module: HttpModule, ctx: ProbeContext): Promise<ProbeResult> =>
  probeHttp(target, module, ctx).catch((e: unknown) => finishWithError("http", target, performance.now(), e));

/**
 * The http prober (registry entry).
 *
 * @since 0.1.0
 * @category probes
 */
export const httpProber: Prober<HttpModule> & { readonly kind: "http" } = {
  kind: "http",
  description:
    "HTTP(S) status, per-phase timings, redirects, body and header regex checks, certificate expiry",
  defaults: httpDefaults,
  probe: httpProbe,
};
