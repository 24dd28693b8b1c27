/**
 * Peers for the probe tests, all on loopback (127.0.0.1, or ::1 where asked) at a free port the
 * kernel picks: HTTP(S) servers from a handler, raw TCP servers from a connection handler, a
 * port nothing listens on, and a throw-away self-signed certificate made with the `openssl` CLI
 * (whose `notAfter`, read back with `openssl x509 -enddate`, is the oracle for the probes'
 * certificate expiry). Every server tracks its sockets so `close()` ends hanging ones too.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import {
  createServer as createHttp,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createHttps } from "node:https";
import { createServer as createNet, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Peer {
  readonly host: string;
  readonly port: number;
  /** `host:port` (IPv6 in brackets). */
  readonly hostPort: string;
  /** Connections accepted so far. */
  readonly connections: () => number;
  close(): Promise<void>;
}

const track = (server: Server | ReturnType<typeof createNet>, host: string): Promise<Peer> =>
  new Promise((resolve, reject) => {
    const sockets = new Set<Socket>();
    let count = 0;
    server.on("connection", (s: Socket) => {
      count++;
      sockets.add(s);
      s.on("error", () => {});
      s.on("close", () => sockets.delete(s));
    });
    server.once("error", reject);
    server.listen(0, host, () => {
      const a = server.address();
      const port = typeof a === "object" && a !== null ? a.port : 0;
      resolve({
        host,
        port,
        hostPort: host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`,
        connections: () => count,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** An HTTP server on 127.0.0.1 (or `host`). */
export const startHttp = (handler: Handler, host = "127.0.0.1"): Promise<Peer> =>
  track(createHttp(handler), host);

/** An HTTPS server with the given key and certificate. */
export const startHttps = (handler: Handler, cert: Cert, host = "127.0.0.1"): Promise<Peer> =>
  track(createHttps({ key: cert.key, cert: cert.cert }, handler), host);

/** A raw TCP server. */
export const startTcp = (onConnection: (s: Socket) => void, host = "127.0.0.1"): Promise<Peer> =>
  track(createNet(onConnection), host);

/** A loopback port nothing listens on (bound, then released). */
export const closedPort = async (): Promise<number> => {
  const p = await startTcp(() => {});
  await p.close();
  return p.port;
};

/** Reads a request's body. */
export const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let b = "";
    req.setEncoding("utf8");
    req.on("data", (d: string) => {
      b += d;
    });
    req.on("end", () => resolve(b));
  });

export interface Cert {
  readonly key: string;
  readonly cert: string;
  /** notAfter in Unix seconds, as `openssl x509 -enddate` prints it. */
  readonly notAfter: number;
  /** The raw `notAfter=` text. */
  readonly notAfterText: string;
}

/** A self-signed certificate for CN=localhost (SAN localhost and 127.0.0.1), valid `days` days. */
export const makeCert = (days = 2): Cert => {
  const dir = mkdtempSync(join(tmpdir(), "fleetlens-probes-cert-"));
  try {
    const key = join(dir, "key.pem");
    const crt = join(dir, "cert.pem");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        String(days),
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=DNS:localhost,IP:127.0.0.1",
        "-keyout",
        key,
        "-out",
        crt,
      ],
      { stdio: "pipe" },
    );
    // ISO form (notAfter=2026-03-07 10:11:12Z), parsed by Date.parse: independent of the probes'
    // own parser of OpenSSL's default "Mar  7 10:11:12 2026 GMT" form.
    const text = execFileSync("openssl", ["x509", "-enddate", "-noout", "-dateopt", "iso_8601", "-in", crt], {
      encoding: "utf8",
    }).trim();
    const m = /^notAfter=(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})Z$/.exec(text);
    if (m === null) throw new Error(`unexpected openssl output: ${text}`);
    const notAfter = Date.parse(`${m[1]}T${m[2]}Z`) / 1000;
    return { key: readFileSync(key, "utf8"), cert: readFileSync(crt, "utf8"), notAfter, notAfterText: text };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** Does this machine have a usable ::1? */
export const hasIpv6Loopback = async (): Promise<boolean> => {
  try {
    const p = await startTcp(() => {}, "::1");
    await p.close();
    return true;
  } catch {
    return false;
  }
};

/** The value of the first sample named `name` whose labels include `labels`. */
export const metric = (
  r: { readonly metrics: ReadonlyArray<{ name: string; labels: Record<string, string>; value: number }> },
  name: string,
  labels: Record<string, string> = {},
): number | undefined =>
  r.metrics.find((m) => m.name === name && Object.entries(labels).every(([k, v]) => m.labels[k] === v))
    ?.value;
