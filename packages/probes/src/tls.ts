/**
 * TLS settings shared by the tcp and http probes (blackbox's `tls_config`) and the certificate
 * metrics: `probe_ssl_earliest_cert_expiry` (the earliest `notAfter` among the certificates the
 * peer sent, as Unix seconds), `probe_ssl_last_chain_expiry_timestamp_seconds` (the peer's leaf
 * chain's earliest expiry, the same here since Node gives one chain) and `probe_tls_version_info`.
 *
 * @since 0.1.0
 * @module
 */
import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import {
  type ConnectionOptions,
  checkServerIdentity,
  type DetailedPeerCertificate,
  type TLSSocket,
} from "node:tls";
import { type MetricSample, Time } from "@fleetlens/core/lite";
import { ProbeFailure, sample } from "./metrics.js";

/**
 * TLS settings.
 *
 * @since 0.1.0
 * @category models
 */
export interface TlsConfig {
  /** Accept any certificate (still reports its expiry). Default false. */
  readonly insecureSkipVerify?: boolean | undefined;
  /** The name sent in SNI and checked against the certificate. Default: the target's host name. */
  readonly serverName?: string | undefined;
  /** Trusted CA certificates, PEM text (added to nothing: replaces Node's default roots). */
  readonly ca?: string | undefined;
  /** A file holding trusted CA certificates (PEM); read at each probe. */
  readonly caFile?: string | undefined;
  /** Client certificate and key, PEM text or files. */
  readonly cert?: string | undefined;
  readonly certFile?: string | undefined;
  readonly key?: string | undefined;
  readonly keyFile?: string | undefined;
  /** Lowest protocol version accepted, e.g. `TLSv1.2`. */
  readonly minVersion?: "TLSv1" | "TLSv1.1" | "TLSv1.2" | "TLSv1.3" | undefined;
}

const readPem = (text: string | undefined, file: string | undefined, what: string): string | undefined => {
  if (text !== undefined) return text;
  if (file === undefined) return undefined;
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new ProbeFailure(
      "config",
      `tls ${what} file ${file}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
};

/**
 * Node TLS connection options for a host (SNI only for names, never for address literals).
 * Rejects with `config` when a named file cannot be read.
 *
 * @since 0.1.0
 * @category utils
 */
export const tlsOptions = (cfg: TlsConfig | undefined, host: string): ConnectionOptions => {
  const c = cfg ?? {};
  const name = c.serverName ?? host;
  const o: ConnectionOptions = { rejectUnauthorized: c.insecureSkipVerify !== true };
  if (name !== "" && isIP(name) === 0) o.servername = name;
  // With a serverName given, check the certificate against it even when connecting to an address.
  if (c.serverName !== undefined) {
    const sn = c.serverName;
    o.checkServerIdentity = (_host, cert) => checkServerIdentity(sn, cert);
  }
  const ca = readPem(c.ca, c.caFile, "ca");
  if (ca !== undefined) o.ca = ca;
  const cert = readPem(c.cert, c.certFile, "cert");
  if (cert !== undefined) o.cert = cert;
  const key = readPem(c.key, c.keyFile, "key");
  if (key !== undefined) o.key = key;
  if (c.minVersion !== undefined) o.minVersion = c.minVersion;
  return o;
};

/**
 * Parses OpenSSL's certificate time (`Mar  5 12:00:00 2026 GMT`, as in `valid_to` and
 * `openssl x509 -enddate`) to Unix seconds; null when it is not that form.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parseCertTime = (s: string): number | null => {
  const m = /^([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4}) GMT$/.exec(s.trim());
  if (m === null) return null;
  const month = Time.monthOf(m[1]!);
  if (month < 0) return null;
  return Date.UTC(Number(m[6]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])) / 1000;
};

/**
 * The peer's certificates (leaf first), each once, following `issuerCertificate` until a
 * self-issued one.
 *
 * @since 0.1.0
 * @category utils
 */
export const peerChain = (socket: TLSSocket): ReadonlyArray<DetailedPeerCertificate> => {
  const out: DetailedPeerCertificate[] = [];
  const seen = new Set<string>();
  let c: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  while (c !== undefined && c !== null && Object.keys(c).length > 0 && !seen.has(c.fingerprint256)) {
    seen.add(c.fingerprint256);
    out.push(c);
    c = c.issuerCertificate;
  }
  return out;
};

/**
 * The TLS metrics of a connected socket: earliest expiry among the peer's certificates, the
 * chain's expiry, and the protocol version as an info metric.
 *
 * @since 0.1.0
 * @category utils
 */
export const tlsMetrics = (socket: TLSSocket): MetricSample[] => {
  const out: MetricSample[] = [];
  const expiries = peerChain(socket)
    .map((c) => parseCertTime(c.valid_to))
    .filter((x): x is number => x !== null);
  if (expiries.length > 0) {
    const earliest = Math.min(...expiries);
    out.push(sample("probe_ssl_earliest_cert_expiry", earliest));
    out.push(sample("probe_ssl_last_chain_expiry_timestamp_seconds", earliest));
  }
  const version = socket.getProtocol();
  if (version !== null) out.push(sample("probe_tls_version_info", 1, { version }));
  const cipher = socket.getCipher();
  if (cipher !== undefined && cipher !== null)
    out.push(sample("probe_tls_cipher_info", 1, { cipher: cipher.standardName ?? cipher.name }));
  return out;
};
