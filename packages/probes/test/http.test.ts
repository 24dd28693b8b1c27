import { gzipSync } from "node:zlib";
import { fc, test } from "@fast-check/vitest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpModule, httpProbe, targetUrl } from "../src/http.js";
import {
  type Cert,
  closedPort,
  makeCert,
  metric,
  type Peer,
  readBody,
  startHttp,
  startHttps,
} from "./support/servers.js";

const ctx = (timeoutMs = 3000) => ({ signal: new AbortController().signal, timeoutMs });
const probe = (target: string, m: HttpModule = {}, timeoutMs = 3000) => httpProbe(target, m, ctx(timeoutMs));
const phase = (r: Parameters<typeof metric>[0], p: string) =>
  metric(r, "probe_http_duration_seconds", { phase: p });

const BODY = "hello from the fleetlens test server\n";
const DELAY_MS = 300;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let cert: Cert;
let web: Peer;
let tlsWeb: Peer;
let hanging: Peer;
let resetting: Peer;
const seen: Array<{ method: string; url: string; body: string; headers: Record<string, unknown> }> = [];

beforeAll(async () => {
  cert = makeCert(2);
  web = await startHttp(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const body = await readBody(req);
    seen.push({ method: req.method ?? "", url: url.pathname, body, headers: req.headers });
    const p = url.pathname;
    const status = /^\/status\/(\d{3})$/.exec(p);
    const redirect = /^\/r\/(\d+)$/.exec(p);
    const seeOther = /^\/see-other\/(30\d)$/.exec(p);
    if (p === "/ok") {
      res.setHeader("Content-Type", "text/plain; charset=utf-8");
      res.setHeader("X-Fleet", "lens-42");
      res.setHeader("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT");
      res.end(BODY);
    } else if (status !== null) {
      res.statusCode = Number(status[1]);
      res.end();
    } else if (redirect !== null) {
      const n = Number(redirect[1]);
      res.statusCode = 302;
      // alternate relative and absolute Locations
      res.setHeader(
        "Location",
        n <= 1 ? "/ok" : n % 2 === 0 ? `/r/${n - 1}` : `http://127.0.0.1:${web.port}/r/${n - 1}`,
      );
      res.end("moved");
    } else if (seeOther !== null) {
      res.statusCode = Number(seeOther[1]);
      res.setHeader("Location", "/echo");
      res.end();
    } else if (p === "/echo") {
      res.setHeader("Content-Type", "text/plain");
      res.end(`method=${req.method} x-probe=${req.headers["x-probe"] ?? ""} body=${body}`);
    } else if (p === "/slow-head") {
      setTimeout(() => res.end(BODY), DELAY_MS);
    } else if (p === "/slow-body") {
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.flushHeaders();
      res.write("first part\n");
      setTimeout(() => res.end("second part\n"), DELAY_MS);
    } else if (p === "/gzip") {
      const z = gzipSync(Buffer.from(BODY.repeat(20)));
      res.writeHead(200, { "Content-Encoding": "gzip", "Content-Length": String(z.length) });
      res.end(z);
    } else if (p === "/chunked") {
      res.write("a");
      res.end("bc");
    } else if (p === "/loop") {
      res.statusCode = 301;
      res.setHeader("Location", "/loop");
      res.end();
    } else {
      res.statusCode = 404;
      res.end("not found");
    }
  });
  tlsWeb = await startHttps((_req, res) => res.end(BODY), cert);
  hanging = await startHttp(() => {});
  resetting = await startHttp((req) => req.socket.resetAndDestroy());
});

afterAll(async () => {
  for (const p of [web, tlsWeb, hanging, resetting]) await p?.close();
});

describe("http success and metrics", () => {
  it("reports status, lengths, version, phases and Last-Modified", async () => {
    const r = await probe(`http://${web.hostPort}/ok`);
    expect(r.message ?? null).toBeNull();
    expect(r).toMatchObject({ module: "http", success: true, failureReason: null });
    expect(metric(r, "probe_http_status_code")).toBe(200);
    expect(metric(r, "probe_http_content_length")).toBe(Buffer.byteLength(BODY));
    expect(metric(r, "probe_http_uncompressed_body_length")).toBe(Buffer.byteLength(BODY));
    expect(metric(r, "probe_http_version")).toBe(1.1);
    expect(metric(r, "probe_http_ssl")).toBe(0);
    expect(metric(r, "probe_http_redirects")).toBe(0);
    expect(metric(r, "probe_ip_protocol")).toBe(4);
    expect(metric(r, "probe_http_last_modified_timestamp_seconds")).toBe(
      Date.UTC(2015, 9, 21, 7, 28, 0) / 1000,
    );
    let sum = 0;
    for (const p of ["resolve", "connect", "tls", "processing", "transfer"]) {
      const v = phase(r, p);
      expect(v, p).toBeGreaterThanOrEqual(0);
      sum += v!;
    }
    expect(phase(r, "tls")).toBe(0);
    expect(sum).toBeLessThanOrEqual(r.durationSeconds);
    expect(seen.at(-1)?.headers.host).toBe(web.hostPort);
  });

  it("a target without scheme is http://; chunked bodies have content length -1", async () => {
    const r = await probe(`${web.hostPort}/chunked`);
    expect(r.success).toBe(true);
    expect(metric(r, "probe_http_content_length")).toBe(-1);
    expect(metric(r, "probe_http_uncompressed_body_length")).toBe(3);
  });

  it("puts the server's delays in the right phase", async () => {
    const head = await probe(`http://${web.hostPort}/slow-head`);
    expect(head.success).toBe(true);
    expect(phase(head, "processing")).toBeGreaterThanOrEqual((DELAY_MS - 20) / 1000);
    expect(phase(head, "transfer")).toBeLessThan((DELAY_MS - 20) / 1000);
    const body = await probe(`http://${web.hostPort}/slow-body`);
    expect(body.success).toBe(true);
    expect(phase(body, "transfer")).toBeGreaterThanOrEqual((DELAY_MS - 20) / 1000);
    expect(phase(body, "processing")).toBeLessThan((DELAY_MS - 20) / 1000);
  });

  it("decodes gzip when asked: content length is the wire size, uncompressed length the decoded one", async () => {
    const r = await probe(`http://${web.hostPort}/gzip`, {
      compression: "gzip",
      failIfBodyNotMatchesRegexp: ["hello from the fleetlens"],
    });
    expect(r.success).toBe(true);
    expect(metric(r, "probe_http_uncompressed_body_length")).toBe(Buffer.byteLength(BODY) * 20);
    expect(metric(r, "probe_http_content_length")).toBe(gzipSync(Buffer.from(BODY.repeat(20))).length);
    expect(seen.at(-1)?.headers["accept-encoding"]).toBe("gzip");
    const raw = await probe(`http://${web.hostPort}/gzip`, { bodySizeLimit: 10 });
    expect(raw).toMatchObject({ success: false, failureReason: "error" });
  });

  it("sends the method, headers and body", async () => {
    const r = await probe(`http://${web.hostPort}/echo`, {
      method: "put",
      headers: { "X-Probe": "yes" },
      body: "payload=1",
      failIfBodyNotMatchesRegexp: ["^method=PUT x-probe=yes body=payload=1$"],
    });
    expect(r.message ?? null).toBeNull();
    expect(r.success).toBe(true);
  });
});

describe("http status codes and redirects", () => {
  test.prop([fc.integer({ min: 200, max: 599 }).filter((c) => ![301, 302, 303, 307, 308].includes(c))], {
    numRuns: 25,
  })("reports any status; success iff 2xx by default, iff listed otherwise", async (code) => {
    const r = await probe(`http://${web.hostPort}/status/${code}`);
    expect(metric(r, "probe_http_status_code")).toBe(code);
    expect(r.success).toBe(code >= 200 && code < 300);
    if (!r.success) expect(r.failureReason).toBe("status");
    const listed = await probe(`http://${web.hostPort}/status/${code}`, { validStatusCodes: [code] });
    expect(listed.success).toBe(true);
  });

  it("follows redirects, counting them, up to maxRedirects", async () => {
    const r = await probe(`http://${web.hostPort}/r/4`);
    expect(r.success).toBe(true);
    expect(metric(r, "probe_http_redirects")).toBe(4);
    expect(metric(r, "probe_http_status_code")).toBe(200);
    const limited = await probe(`http://${web.hostPort}/r/4`, { maxRedirects: 3 });
    expect(limited).toMatchObject({ success: false, failureReason: "status" });
    expect(limited.message).toMatch(/stopped after 3 redirects/);
    const loop = await probe(`http://${web.hostPort}/loop`);
    expect(loop.failureReason).toBe("status");
    expect(metric(loop, "probe_http_redirects")).toBe(10);
    const unfollowed = await probe(`http://${web.hostPort}/r/2`, { followRedirects: false });
    expect(unfollowed).toMatchObject({ success: false, failureReason: "status" });
    expect(metric(unfollowed, "probe_http_status_code")).toBe(302);
    const accepted = await probe(`http://${web.hostPort}/r/2`, {
      followRedirects: false,
      validStatusCodes: [302],
    });
    expect(accepted.success).toBe(true);
  });

  it("303 turns a POST into a GET; 307 repeats it", async () => {
    const see = await probe(`http://${web.hostPort}/see-other/303`, {
      method: "POST",
      body: "x=1",
      failIfBodyNotMatchesRegexp: ["^method=GET x-probe= body=$"],
    });
    expect(see.success).toBe(true);
    const temp = await probe(`http://${web.hostPort}/see-other/307`, {
      method: "POST",
      body: "x=1",
      failIfBodyNotMatchesRegexp: ["^method=POST x-probe= body=x=1$"],
    });
    expect(temp.success).toBe(true);
  });
});

describe("http regex checks", () => {
  it("body must match / must not match", async () => {
    const ok = await probe(`http://${web.hostPort}/ok`, { failIfBodyNotMatchesRegexp: ["fleetlens test"] });
    expect(ok.success).toBe(true);
    expect(metric(ok, "probe_failed_due_to_regex")).toBe(0);
    const missing = await probe(`http://${web.hostPort}/ok`, {
      failIfBodyNotMatchesRegexp: ["^nothing like this$"],
    });
    expect(missing).toMatchObject({ success: false, failureReason: "regex" });
    expect(metric(missing, "probe_failed_due_to_regex")).toBe(1);
    const present = await probe(`http://${web.hostPort}/ok`, { failIfBodyMatchesRegexp: ["hello"] });
    expect(present).toMatchObject({ success: false, failureReason: "regex" });
    const bad = await probe(`http://${web.hostPort}/ok`, { failIfBodyMatchesRegexp: ["(unclosed"] });
    expect(bad.failureReason).toBe("config");
  });

  it("header must match / must not match, with allowMissing", async () => {
    const url = `http://${web.hostPort}/ok`;
    expect(
      (
        await probe(url, {
          failIfHeaderNotMatchesRegexp: [{ header: "content-type", regexp: "^text/plain" }],
        })
      ).success,
    ).toBe(true);
    expect(
      (await probe(url, { failIfHeaderNotMatchesRegexp: [{ header: "X-Fleet", regexp: "^lens-\\d+$" }] }))
        .success,
    ).toBe(true);
    const wrong = await probe(url, {
      failIfHeaderNotMatchesRegexp: [{ header: "X-Fleet", regexp: "^other$" }],
    });
    expect(wrong.failureReason).toBe("regex");
    const absent = await probe(url, { failIfHeaderNotMatchesRegexp: [{ header: "X-Absent", regexp: "." }] });
    expect(absent.failureReason).toBe("regex");
    const allowed = await probe(url, {
      failIfHeaderNotMatchesRegexp: [{ header: "X-Absent", regexp: ".", allowMissing: true }],
    });
    expect(allowed.success).toBe(true);
    const forbidden = await probe(url, {
      failIfHeaderMatchesRegexp: [{ header: "x-fleet", regexp: "lens" }],
    });
    expect(forbidden).toMatchObject({ success: false, failureReason: "regex" });
    expect(metric(forbidden, "probe_failed_due_to_regex")).toBe(1);
  });

  it("HTTP version and TLS requirements", async () => {
    const url = `http://${web.hostPort}/ok`;
    expect((await probe(url, { validHttpVersions: ["HTTP/1.1"] })).success).toBe(true);
    expect((await probe(url, { validHttpVersions: ["HTTP/2.0"] })).failureReason).toBe("status");
    expect((await probe(url, { failIfNotSsl: true })).failureReason).toBe("tls");
  });
});

describe("https", () => {
  it("reports TLS, its phase, and the certificate's notAfter", async () => {
    const r = await probe(`https://${tlsWeb.hostPort}/`, { tlsConfig: { insecureSkipVerify: true } });
    expect(r.message ?? null).toBeNull();
    expect(r.success).toBe(true);
    expect(metric(r, "probe_http_ssl")).toBe(1);
    expect(metric(r, "probe_ssl_earliest_cert_expiry")).toBe(cert.notAfter);
    expect(phase(r, "tls")).toBeGreaterThan(0);
    const failIfSsl = await probe(`https://${tlsWeb.hostPort}/`, {
      tlsConfig: { insecureSkipVerify: true },
      failIfSsl: true,
    });
    expect(failIfSsl.failureReason).toBe("tls");
  });

  it("verifies the certificate unless told not to", async () => {
    const r = await probe(`https://${tlsWeb.hostPort}/`);
    expect(r).toMatchObject({ success: false, failureReason: "tls" });
    const trusted = await probe(`https://localhost:${tlsWeb.port}/`, { tlsConfig: { ca: cert.cert } });
    expect(trusted.message ?? null).toBeNull();
    expect(trusted.success).toBe(true);
    const mismatch = await probe(`https://${tlsWeb.hostPort}/`, {
      tlsConfig: { ca: cert.cert, serverName: "www.fleetlens.invalid" },
    });
    expect(mismatch.failureReason).toBe("tls");
  });
});

describe("http failures", () => {
  it("closed port, unknown host, malformed URL, other scheme", async () => {
    const closed = await probe(`http://127.0.0.1:${await closedPort()}/`);
    expect(closed).toMatchObject({ success: false, failureReason: "refused" });
    expect(metric(closed, "probe_success")).toBe(0);
    expect(metric(closed, "probe_duration_seconds")).toBe(closed.durationSeconds);
    const dns = await probe("http://no-such-host.fleetlens.invalid/");
    expect(dns).toMatchObject({ success: false, failureReason: "dns" });
    for (const t of ["http://[::1", "http://exa mple.com/", "ftp://127.0.0.1/", "http://", "https://:443/"]) {
      const r = await probe(t);
      expect(r.failureReason, t).toBe("config");
      expect(metric(r, "probe_success"), t).toBe(0);
    }
    expect(() => targetUrl("http://a b")).toThrow(/malformed URL/);
  });

  it("a hanging server is a timeout within the budget; a resetting one a reset", async () => {
    const hang = await probe(`http://${hanging.hostPort}/`, {}, 300);
    expect(hang).toMatchObject({ success: false, failureReason: "timeout" });
    expect(hang.durationSeconds).toBeGreaterThanOrEqual(0.29);
    expect(phase(hang, "processing")).toBe(0);
    const reset = await probe(`http://${resetting.hostPort}/`);
    expect(reset).toMatchObject({ success: false, failureReason: "reset" });
  });

  it("a slow body beyond the budget is a timeout", async () => {
    const r = await probe(`http://${web.hostPort}/slow-body`, {}, DELAY_MS / 2);
    expect(r.failureReason).toBe("timeout");
  });

  it("aborting the context's signal stops the request", async () => {
    const ac = new AbortController();
    const p = httpProbe(`http://${hanging.hostPort}/`, {}, { signal: ac.signal, timeoutMs: 10_000 });
    await sleep(50);
    ac.abort();
    const r = await p;
    expect(r.failureReason).toBe("timeout");
    expect(r.durationSeconds).toBeLessThan(10);
  });
});
