import type { Socket } from "node:net";
import { TLSSocket } from "node:tls";
import { fc, test } from "@fast-check/vitest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TcpModule, tcpProbe } from "../src/tcp.js";
import { parseCertTime } from "../src/tls.js";
import {
  type Cert,
  closedPort,
  hasIpv6Loopback,
  makeCert,
  metric,
  type Peer,
  startTcp,
} from "./support/servers.js";

const ctx = (timeoutMs = 3000) => ({ signal: new AbortController().signal, timeoutMs });
const probe = (target: string, m: TcpModule = {}, timeoutMs = 3000) => tcpProbe(target, m, ctx(timeoutMs));

/** Each line the client sends is handled by `reply`; a first line is sent on connect. */
const lineServer = (banner: string | null, reply: (line: string, s: Socket) => void) => (s: Socket) => {
  if (banner !== null) s.write(banner);
  let buf = "";
  s.on("data", (d) => {
    buf += d.toString();
    for (let i = buf.indexOf("\n"); i >= 0; i = buf.indexOf("\n")) {
      const line = buf.slice(0, i).replace(/\r$/, "");
      buf = buf.slice(i + 1);
      reply(line, s);
    }
  });
};

let cert: Cert;
let plain: Peer;
let smtp: Peer;
let closing: Peer;
let hanging: Peer;
let resetting: Peer;
let tlsPeer: Peer;
let startTls: Peer;

beforeAll(async () => {
  cert = makeCert(2);
  plain = await startTcp((s) => s.end());
  smtp = await startTcp(
    lineServer("220 mail.test ESMTP fleetlens\r\n", (line, s) => {
      const m = /^EHLO (\S+)$/.exec(line);
      if (m !== null) s.write(`250-mail.test greets ${m[1]}\r\n250 OK\r\n`);
      else if (line === "QUIT") s.end("221 bye\r\n");
      else s.write(`500 what: ${line}\r\n`);
    }),
  );
  closing = await startTcp((s) => s.end("SSH-2.0-OpenSSH_9.2\r\n"));
  hanging = await startTcp(() => {});
  resetting = await startTcp((s) => s.resetAndDestroy());
  tlsPeer = await startTcp((raw) => {
    const t = new TLSSocket(raw, { isServer: true, key: cert.key, cert: cert.cert });
    t.on("error", () => {});
    t.write("HELLO over tls\n");
  });
  startTls = await startTcp(
    lineServer("220 ready\r\n", (line, s) => {
      if (line !== "STARTTLS") return void s.write("500 plain\r\n");
      s.write("220 go ahead\r\n", () => {
        s.removeAllListeners("data");
        const t = new TLSSocket(s, { isServer: true, key: cert.key, cert: cert.cert });
        t.on("error", () => {});
        t.on("data", (d) => {
          if (d.toString().startsWith("PING")) t.write("PONG secure\n");
        });
      });
    }),
  );
});

afterAll(async () => {
  for (const p of [plain, smtp, closing, hanging, resetting, tlsPeer, startTls]) await p?.close();
});

describe("tcp connect", () => {
  it("connects, times the connect and reports the address family", async () => {
    const r = await probe(plain.hostPort);
    expect(r).toMatchObject({ module: "tcp", target: plain.hostPort, success: true, failureReason: null });
    expect(metric(r, "probe_success")).toBe(1);
    expect(metric(r, "probe_ip_protocol")).toBe(4);
    const connect = metric(r, "fleetlens_tcp_connect_seconds")!;
    expect(connect).toBeGreaterThanOrEqual(0);
    expect(connect).toBeLessThanOrEqual(r.durationSeconds);
    expect(metric(r, "probe_duration_seconds")).toBe(r.durationSeconds);
    expect(plain.connections()).toBeGreaterThan(0);
  });

  it("connects over ::1 and names localhost", async () => {
    if (await hasIpv6Loopback()) {
      const v6 = await startTcp((s) => s.end(), "::1");
      try {
        const r = await probe(v6.hostPort);
        expect(r.success).toBe(true);
        expect(metric(r, "probe_ip_protocol")).toBe(6);
      } finally {
        await v6.close();
      }
    }
    const byName = await probe(`localhost:${plain.port}`, { ipProtocol: "ip4" });
    expect(byName.success).toBe(true);
    expect(metric(byName, "probe_dns_lookup_time_seconds")).toBeGreaterThanOrEqual(0);
  });

  it("fails cleanly: closed port, unknown host, bad target, hanging peer, reset, pre-aborted", async () => {
    const closed = await probe(`127.0.0.1:${await closedPort()}`);
    expect(closed).toMatchObject({ success: false, failureReason: "refused" });
    expect(closed.message).toMatch(/ECONNREFUSED/);
    expect(metric(closed, "probe_success")).toBe(0);
    expect(metric(closed, "fleetlens_probe_failure_reason", { reason: "refused" })).toBe(1);

    const dns = await probe("no-such-host.fleetlens.invalid:80");
    expect(dns).toMatchObject({ success: false, failureReason: "dns" });

    for (const t of ["127.0.0.1", "127.0.0.1:0", "127.0.0.1:70000", "::1:80", ""]) {
      const r = await probe(t);
      expect(r.failureReason, t).toBe("config");
      expect(metric(r, "probe_duration_seconds"), t).toBeGreaterThanOrEqual(0);
    }

    const hang = await probe(hanging.hostPort, { queryResponse: [{ expect: "^220" }] }, 300);
    expect(hang).toMatchObject({ success: false, failureReason: "timeout" });
    expect(hang.durationSeconds).toBeGreaterThanOrEqual(0.29);

    const reset = await probe(resetting.hostPort, { queryResponse: [{ expect: "^220" }] });
    expect(reset).toMatchObject({ success: false, failureReason: "reset" });

    const ac = new AbortController();
    ac.abort();
    const aborted = await tcpProbe(plain.hostPort, {}, { signal: ac.signal, timeoutMs: 1000 });
    expect(aborted.failureReason).toBe("timeout");
  });
});

describe("tcp banner (query_response)", () => {
  it("holds a send/expect conversation, substituting the expect's groups", async () => {
    const r = await probe(smtp.hostPort, {
      queryResponse: [
        { expect: "^220 (\\S+) ESMTP" },
        // biome-ignore lint/suspicious/noTemplateCurlyInString: blackbox's group reference, not a template
        { send: "EHLO ${1}" },
        { expect: "^250-mail\\.test greets mail\\.test$" },
        { expect: "^250 OK" },
        { send: "QUIT" },
        { expect: "^221" },
      ],
    });
    expect(r.message ?? null).toBeNull();
    expect(r.success).toBe(true);
    expect(metric(r, "probe_failed_due_to_regex")).toBe(0);
  });

  it("fails with banner when the peer ends before a line matches", async () => {
    const r = await probe(closing.hostPort, { queryResponse: [{ expect: "^220" }] });
    expect(r).toMatchObject({ success: false, failureReason: "banner" });
    expect(metric(r, "probe_failed_due_to_regex")).toBe(1);
    const ok = await probe(closing.hostPort, { queryResponse: [{ expect: "^SSH-2\\.0-" }] });
    expect(ok.success).toBe(true);
  });

  it("rejects a bad regex as config", async () => {
    const r = await probe(smtp.hostPort, { queryResponse: [{ expect: "([" }] });
    expect(r.failureReason).toBe("config");
  });

  test.prop([fc.stringMatching(/^[A-Za-z0-9]{1,20}$/)], { numRuns: 15 })(
    "the substituted group reaches the peer unchanged",
    async (name) => {
      const echo = await startTcp(lineServer(`HELLO ${name}\n`, (line, s) => s.write(`ECHO ${line}\n`)));
      try {
        const r = await probe(echo.hostPort, {
          // biome-ignore lint/suspicious/noTemplateCurlyInString: blackbox's group reference, not a template
          queryResponse: [{ expect: "^HELLO (\\w+)$", send: "${1}" }, { expect: `^ECHO ${name}$` }],
        });
        expect(r.success).toBe(true);
      } finally {
        await echo.close();
      }
    },
  );
});

describe("tcp with TLS", () => {
  it("reports the certificate's notAfter as probe_ssl_earliest_cert_expiry", async () => {
    const r = await probe(tlsPeer.hostPort, {
      tls: true,
      tlsConfig: { insecureSkipVerify: true },
      queryResponse: [{ expect: "^HELLO over tls$" }],
    });
    expect(r.message ?? null).toBeNull();
    expect(r.success).toBe(true);
    expect(metric(r, "probe_ssl_earliest_cert_expiry")).toBe(cert.notAfter);
    expect(r.metrics.find((m) => m.name === "probe_tls_version_info")?.labels.version).toMatch(
      /^TLSv1\.[23]$/,
    );
  });

  it("verifies: an untrusted self-signed certificate and a wrong server name are tls failures", async () => {
    const untrusted = await probe(tlsPeer.hostPort, { tls: true });
    expect(untrusted).toMatchObject({ success: false, failureReason: "tls" });
    const trusted = await probe(`localhost:${tlsPeer.port}`, { tls: true, tlsConfig: { ca: cert.cert } });
    expect(trusted.success).toBe(true);
    const named = await probe(tlsPeer.hostPort, {
      tls: true,
      tlsConfig: { ca: cert.cert, serverName: "localhost" },
    });
    expect(named.success).toBe(true);
    const wrong = await probe(tlsPeer.hostPort, {
      tls: true,
      tlsConfig: { ca: cert.cert, serverName: "other.fleetlens.invalid" },
    });
    expect(wrong).toMatchObject({ success: false, failureReason: "tls" });
    const noFile = await probe(tlsPeer.hostPort, { tls: true, tlsConfig: { caFile: "/nonexistent/ca.pem" } });
    expect(noFile.failureReason).toBe("config");
  });

  it("TLS to a plain-text peer is a tls failure", async () => {
    const r = await probe(smtp.hostPort, { tls: true, tlsConfig: { insecureSkipVerify: true } });
    expect(r).toMatchObject({ success: false });
    expect(["tls", "reset"]).toContain(r.failureReason);
  });

  it("upgrades with STARTTLS and goes on talking over TLS", async () => {
    const r = await probe(startTls.hostPort, {
      tlsConfig: { insecureSkipVerify: true },
      queryResponse: [
        { expect: "^220 ready", send: "STARTTLS" },
        { expect: "^220 go ahead", startTls: true },
        { send: "PING" },
        { expect: "^PONG secure$" },
      ],
    });
    expect(r.message ?? null).toBeNull();
    expect(r.success).toBe(true);
    expect(metric(r, "probe_ssl_earliest_cert_expiry")).toBe(cert.notAfter);
  });
});

describe("parseCertTime", () => {
  test.prop([
    fc.date({
      min: new Date("1970-01-01T00:00:00Z"),
      max: new Date("9999-12-31T23:59:59Z"),
      noInvalidDate: true,
    }),
  ])("reads OpenSSL's time form back to the same second", (d) => {
    const s = Math.floor(d.getTime() / 1000);
    const x = new Date(s * 1000);
    const mon = x.toUTCString().slice(8, 11);
    const text = `${mon} ${String(x.getUTCDate()).padStart(2, " ")} ${x.toISOString().slice(11, 19)} ${x.getUTCFullYear()} GMT`;
    expect(parseCertTime(text)).toBe(s);
  });
  it("rejects other forms", () => {
    expect(parseCertTime("2026-03-07T10:11:12Z")).toBeNull();
    expect(parseCertTime("Foo  7 10:11:12 2026 GMT")).toBeNull();
  });
});
