import type { Socket } from "node:net";
import { fc, test } from "@fast-check/vitest";
import { Result } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BUILTIN_MODULE_NAMES,
  BUILTIN_MODULES,
  decodeModules,
  decodeSettings,
  InvalidModule,
  kindModule,
  ModuleKindMismatch,
  type ModuleMap,
  moduleNames,
  PROBE_KINDS,
  type ProbeModule,
  type ResolvedModule,
  resolveModule,
  runModule,
  SETTING_ALIASES,
  settingKeys,
  UnknownModule,
  withSettings,
} from "../src/index.js";
import { metric, type Peer, startHttp, startTcp } from "./support/servers.js";

type Kind = (typeof PROBE_KINDS)[number];

const ok = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(`expected success, got ${String(r.failure)}`);
  return r.success;
};
const err = <A, E>(r: Result.Result<A, E>): E => {
  if (Result.isSuccess(r)) throw new Error(`expected failure, got ${JSON.stringify(r.success)}`);
  return r.failure;
};

describe("built-in modules", () => {
  it("every listed name resolves, with blackbox's meaning", () => {
    expect(moduleNames()).toEqual(BUILTIN_MODULE_NAMES);
    expect(Object.keys(BUILTIN_MODULES)).toEqual([...BUILTIN_MODULE_NAMES]);
    const probers = Object.fromEntries(BUILTIN_MODULE_NAMES.map((n) => [n, ok(resolveModule(n)).prober]));
    expect(probers).toEqual({
      http_2xx: "http",
      http_post_2xx: "http",
      tcp_connect: "tcp",
      ssh_banner: "tcp",
      icmp: "icmp",
      snmp_ucd: "snmp",
      snmp_if: "snmp",
      host: "host",
    });
    expect(ok(resolveModule("http_2xx"))).toEqual({
      name: "http_2xx",
      prober: "http",
      timeoutMs: undefined,
      settings: {},
      builtin: true,
    });
    expect(ok(resolveModule("http_post_2xx")).settings).toEqual({ method: "POST" });
    expect(ok(resolveModule("ssh_banner")).settings).toEqual({ queryResponse: [{ expect: "^SSH-2.0-" }] });
    expect(ok(resolveModule("snmp_ucd")).settings).toEqual({ groups: ["cpu", "memory", "disk"] });
    expect(ok(resolveModule("snmp_if")).settings).toEqual({ groups: ["interfaces"] });
  });

  it("a kind alone is a module named after it with no settings", () => {
    expect(kindModule("tcp")).toEqual({
      name: "tcp",
      prober: "tcp",
      timeoutMs: undefined,
      settings: {},
      builtin: false,
    });
  });
});

describe("resolveModule", () => {
  const user: ModuleMap = {
    http_2xx: { prober: "http", timeoutMs: 2000, http: { validStatusCodes: [200, 204] } },
    smtp_banner: { prober: "tcp", tcp: { queryResponse: [{ expect: "^220 " }] } },
  };

  it("a user module shadows the built-in of the same name", () => {
    expect(ok(resolveModule("http_2xx", { modules: user }))).toEqual({
      name: "http_2xx",
      prober: "http",
      timeoutMs: 2000,
      settings: { validStatusCodes: [200, 204] },
      builtin: false,
    });
    expect(ok(resolveModule("tcp_connect", { modules: user })).builtin).toBe(true);
    expect(moduleNames(user)).toEqual([
      "http_2xx",
      "smtp_banner",
      ...BUILTIN_MODULE_NAMES.filter((n) => n !== "http_2xx"),
    ]);
  });

  it("an unknown name is an UnknownModule listing every name that resolves", () => {
    const e = err(resolveModule("gopher_2xx", { modules: user }));
    expect(e).toBeInstanceOf(UnknownModule);
    expect(e._tag).toBe("UnknownModule");
    expect(e.message).toBe(
      'unknown module "gopher_2xx" (known: http_2xx, smtp_banner, http_post_2xx, tcp_connect, ssh_banner, icmp, snmp_ucd, snmp_if, host)',
    );
    // Inherited object keys are no modules.
    expect(err(resolveModule("toString"))._tag).toBe("UnknownModule");
    expect(err(resolveModule("__proto__"))._tag).toBe("UnknownModule");
  });

  it("with a kind, the module's prober must be that kind", () => {
    const e = err(resolveModule("http_2xx", { kind: "tcp" }));
    expect(e).toBeInstanceOf(ModuleKindMismatch);
    expect(e.message).toBe('module "http_2xx" uses the http prober, not tcp');
    expect(err(resolveModule("smtp_banner", { modules: user, kind: "http" }))._tag).toBe(
      "ModuleKindMismatch",
    );
    expect(ok(resolveModule("ssh_banner", { kind: "tcp" })).prober).toBe("tcp");
  });

  it("a user module given as data is checked, naming the path from the map", () => {
    const bad = { m: { prober: "http", http: { validStatusCodes: [200, 42] } } } as unknown as ModuleMap;
    const e = err(resolveModule("m", { modules: bad }));
    expect(e).toBeInstanceOf(InvalidModule);
    expect(e.message).toBe("m.http.validStatusCodes[1]: expected a value between 100 and 599");
    const other = { m: { prober: "http", tcp: { tls: true } } } as unknown as ModuleMap;
    expect(err(resolveModule("m", { modules: other })).message).toBe(
      "m.tcp: expected no tcp settings (the prober is http; its settings go under http)",
    );
    const t = { m: { prober: "icmp", timeoutMs: -1 } } as ModuleMap;
    expect(err(resolveModule("m", { modules: t })).message).toBe(
      "m.timeoutMs: expected a number of milliseconds greater than 0",
    );
  });

  it("withSettings lays checked overrides over the module's settings", () => {
    const m = ok(resolveModule("ssh_banner"));
    expect(ok(withSettings(m, { tls: true })).settings).toEqual({
      queryResponse: [{ expect: "^SSH-2.0-" }],
      tls: true,
    });
    expect(ok(withSettings(m, { query_response: [] })).settings).toEqual({ queryResponse: [] });
    expect(err(withSettings(m, { maxLineBytes: 0 })).message).toBe(
      "ssh_banner.tcp.maxLineBytes: expected a value between 1 and 16777216",
    );
    expect(err(withSettings(kindModule("icmp"), { packets: 2 })).path).toEqual(["icmp", "icmp", "packets"]);
  });
});

describe("decodeModules (a configuration's modules: map)", () => {
  it("reads blackbox's shape: prober, timeout as a duration, settings under the prober's name", () => {
    const m = ok(
      decodeModules({
        http_2xx: {
          prober: "http",
          timeout: "5s",
          http: {
            valid_status_codes: [200],
            valid_http_versions: ["HTTP/1.1"],
            method: "GET",
            headers: { Host: "vhost.example.com" },
            follow_redirects: false,
            fail_if_ssl: false,
            fail_if_not_ssl: true,
            fail_if_matches_regexp: ["Could not connect"],
            fail_if_body_not_matches_regexp: ["Download"],
            fail_if_header_matches: [{ header: "Set-Cookie", regexp: "x", allow_missing: true }],
            preferred_ip_protocol: "ip4",
            tls_config: { insecure_skip_verify: true, server_name: "a.example", ca_file: "/ca.pem" },
            body_size_limit: 1024,
          },
        },
        irc_banner: {
          prober: "tcp",
          timeout: "1500ms",
          tcp: {
            query_response: [
              { send: "NICK prober" },
              { expect: "PING :([^ ]+)", send: "PONG $1" },
              { expect: "^STARTTLS", starttls: true },
            ],
            source_ip_address: "127.0.0.1",
          },
        },
        icmp_df: { prober: "icmp", icmp: { dont_fragment: true, payload_size: 1400, ttl: 5 } },
        plain: { prober: "tcp" },
      }),
    );
    expect(m).toEqual({
      http_2xx: {
        prober: "http",
        timeoutMs: 5000,
        http: {
          validStatusCodes: [200],
          validHttpVersions: ["HTTP/1.1"],
          method: "GET",
          headers: { Host: "vhost.example.com" },
          followRedirects: false,
          failIfSsl: false,
          failIfNotSsl: true,
          failIfBodyMatchesRegexp: ["Could not connect"],
          failIfBodyNotMatchesRegexp: ["Download"],
          failIfHeaderMatchesRegexp: [{ header: "Set-Cookie", regexp: "x", allowMissing: true }],
          preferredIpProtocol: "ip4",
          tlsConfig: { insecureSkipVerify: true, serverName: "a.example", caFile: "/ca.pem" },
          bodySizeLimit: 1024,
        },
      },
      irc_banner: {
        prober: "tcp",
        timeoutMs: 1500,
        tcp: {
          queryResponse: [
            { send: "NICK prober" },
            { expect: "PING :([^ ]+)", send: "PONG $1" },
            { expect: "^STARTTLS", startTls: true },
          ],
          sourceIpAddress: "127.0.0.1",
        },
      },
      icmp_df: { prober: "icmp", icmp: { dontFragment: true, payloadSize: 1400, ttl: 5 } },
      plain: { prober: "tcp" },
    });
    expect(ok(decodeModules(undefined))).toEqual({});
    expect(ok(decodeModules(null))).toEqual({});
  });

  it("every alias names an existing setting of its kind", () => {
    for (const kind of PROBE_KINDS)
      for (const [alias, ours] of Object.entries(SETTING_ALIASES[kind])) {
        expect(settingKeys(kind), `${kind}.${alias}`).toContain(ours);
        expect(alias).toMatch(/^[a-z]+(?:_[a-z]+)+$/);
      }
  });

  // One case per rule, as blackbox's config/testdata/invalid-*.yml: the input and its one-line error.
  const invalid: ReadonlyArray<readonly [string, unknown, string]> = [
    ["not a map", ["http_2xx"], "(root): expected a map of module names to modules"],
    ["a module that is no map", { m: "http" }, "m: expected a module: {prober, timeout, <prober>: settings}"],
    [
      "no prober",
      { m: { timeout: "5s" } },
      "m.prober: expected a prober: one of icmp, tcp, http, snmp, host",
    ],
    [
      "unknown prober",
      { m: { prober: "dns" } },
      "m.prober: expected a prober: one of icmp, tcp, http, snmp, host",
    ],
    [
      "bad timeout",
      { m: { prober: "tcp", timeout: "soon" } },
      "m.timeout: expected a duration like 5s or 1500ms",
    ],
    [
      "zero timeout",
      { m: { prober: "tcp", timeout: "0s" } },
      "m.timeout: expected a duration like 5s or 1500ms",
    ],
    [
      "unknown module key",
      { m: { prober: "tcp", retries: 3 } },
      "m.retries: expected prober, timeout or tcp",
    ],
    [
      "settings under another prober",
      { m: { prober: "http", tcp: { tls: true } } },
      "m.tcp: expected no tcp settings (the prober is http; its settings go under http)",
    ],
    [
      "unknown setting",
      { http_2xx: { prober: "http", http: { bogus: 1 } } },
      "http_2xx.http.bogus: expected one of the http settings: ipProtocol, preferredIpProtocol, validStatusCodes, validHttpVersions, method, headers, body, followRedirects, maxRedirects, failIfSsl, failIfNotSsl, failIfBodyMatchesRegexp, failIfBodyNotMatchesRegexp, failIfHeaderMatchesRegexp, failIfHeaderNotMatchesRegexp, tlsConfig, compression, bodySizeLimit",
    ],
    [
      "blackbox key with another meaning",
      { m: { prober: "http", http: { no_follow_redirects: true } } },
      "m.http.no_follow_redirects: expected one of the http settings:",
    ],
    [
      "unknown nested setting, named as written",
      { m: { prober: "http", http: { tls_config: { insecure_skip_verifY: true } } } },
      "m.http.tls_config.insecure_skip_verifY: expected one of the tlsConfig settings: insecureSkipVerify, serverName, ca, caFile, cert, certFile, key, keyFile, minVersion",
    ],
    [
      "a bad value under an alias is named by the alias",
      { m: { prober: "http", http: { valid_status_codes: [200, 700] } } },
      "m.http.valid_status_codes[1]: expected a value between 100 and 599",
    ],
    [
      "alias and our key both given",
      { m: { prober: "http", http: { followRedirects: true, follow_redirects: false } } },
      "m.http.follow_redirects: expected only one of followRedirects and follow_redirects (both set followRedirects)",
    ],
    [
      "a regex that does not compile",
      { m: { prober: "tcp", tcp: { query_response: [{ expect: "^OK" }, { expect: "(" }] } } },
      "m.tcp.query_response[1].expect: expected a valid regular expression",
    ],
    [
      "an unknown key in a step",
      { m: { prober: "tcp", tcp: { query_response: [{ expect: "^OK", sned: "x" }] } } },
      "m.tcp.query_response[0].sned: expected one of the queryResponse step settings: expect, send, startTls",
    ],
    [
      "a header check without its header",
      { m: { prober: "http", http: { fail_if_header_not_matches: [{ regexp: "x" }] } } },
      "m.http.fail_if_header_not_matches[0].header: expected",
    ],
    [
      "icmp count out of range",
      { m: { prober: "icmp", icmp: { count: 0 } } },
      "m.icmp.count: expected a value between 1 and 10000",
    ],
    [
      "icmp ttl not an integer",
      { m: { prober: "icmp", icmp: { ttl: 1.5 } } },
      "m.icmp.ttl: expected an integer",
    ],
    ["snmp group", { m: { prober: "snmp", snmp: { groups: ["cpu", "gpu"] } } }, "m.snmp.groups[1]: expected"],
    [
      "snmp port",
      { m: { prober: "snmp", snmp: { port: 70000 } } },
      "m.snmp.port: expected a value between 1 and 65535",
    ],
    [
      "snmp user key",
      { m: { prober: "snmp", snmp: { user: { name: "u", pass: "x" } } } },
      "m.snmp.user.pass: expected one of the snmp user settings:",
    ],
    [
      "settings that are no map",
      { m: { prober: "host", host: [1] } },
      "m.host: expected a map of host settings",
    ],
    ["host topN", { m: { prober: "host", host: { topN: "5" } } }, "m.host.topN: expected number"],
  ];
  it.each(invalid)("%s", (_name, input, message) => {
    const e = err(decodeModules(input));
    expect(e).toBeInstanceOf(InvalidModule);
    expect(e.message.startsWith(message), e.message).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: a module built from valid settings resolves to exactly those settings
// ---------------------------------------------------------------------------------------------

const opt = { requiredKeys: [] as [] };
const text = fc.string({ maxLength: 12 });
const nonEmpty = fc.string({ minLength: 1, maxLength: 12 });
const regex = fc.oneof(
  fc.constantFrom("^SSH-2.0-", "a+b", "[0-9]{3}", "(x|y)$", "", "^\\+OK"),
  fc.string({ maxLength: 8 }).filter((s) => {
    try {
      new RegExp(s);
      return true;
    } catch {
      return false;
    }
  }),
);
const ip = {
  ipProtocol: fc.constantFrom("ip4" as const, "ip6" as const, "auto" as const),
  preferredIpProtocol: fc.constantFrom("ip4" as const, "ip6" as const),
};
const tls = fc.record(
  {
    insecureSkipVerify: fc.boolean(),
    serverName: text,
    ca: text,
    caFile: text,
    cert: text,
    certFile: text,
    key: text,
    keyFile: text,
    minVersion: fc.constantFrom("TLSv1" as const, "TLSv1.1" as const, "TLSv1.2" as const, "TLSv1.3" as const),
  },
  opt,
);
const headerMatch = fc.record(
  { header: nonEmpty, regexp: regex, allowMissing: fc.boolean() },
  { requiredKeys: ["header", "regexp"] as ["header", "regexp"] },
);

const SETTINGS_ARB: { readonly [K in Kind]: fc.Arbitrary<Readonly<Record<string, unknown>>> } = {
  http: fc.record(
    {
      ...ip,
      validStatusCodes: fc.array(fc.integer({ min: 100, max: 599 }), { maxLength: 4 }),
      validHttpVersions: fc.array(fc.constantFrom("HTTP/1.0", "HTTP/1.1", "HTTP/2", "HTTP/2.0"), {
        maxLength: 3,
      }),
      method: fc.constantFrom("GET", "POST", "HEAD", "put"),
      headers: fc.dictionary(fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,11}$/), text, { maxKeys: 3 }),
      body: text,
      followRedirects: fc.boolean(),
      maxRedirects: fc.integer({ min: 0, max: 100 }),
      failIfSsl: fc.boolean(),
      failIfNotSsl: fc.boolean(),
      failIfBodyMatchesRegexp: fc.array(regex, { maxLength: 3 }),
      failIfBodyNotMatchesRegexp: fc.array(regex, { maxLength: 3 }),
      failIfHeaderMatchesRegexp: fc.array(headerMatch, { maxLength: 2 }),
      failIfHeaderNotMatchesRegexp: fc.array(headerMatch, { maxLength: 2 }),
      tlsConfig: tls,
      compression: fc.constantFrom("" as const, "gzip" as const, "deflate" as const, "br" as const),
      bodySizeLimit: fc.nat(),
    },
    opt,
  ),
  tcp: fc.record(
    {
      ...ip,
      tls: fc.boolean(),
      tlsConfig: tls,
      queryResponse: fc.array(fc.record({ expect: regex, send: text, startTls: fc.boolean() }, opt), {
        maxLength: 4,
      }),
      sourceIpAddress: nonEmpty,
      maxLineBytes: fc.integer({ min: 1, max: 16 * 1024 * 1024 }),
    },
    opt,
  ),
  icmp: fc.record(
    {
      ...ip,
      count: fc.integer({ min: 1, max: 10_000 }),
      intervalSeconds: fc.double({ min: 0.002, max: 3600, noNaN: true }),
      maxLossRatio: fc.double({ min: 0, max: 1, noNaN: true }),
      ttl: fc.integer({ min: 1, max: 255 }),
      payloadSize: fc.integer({ min: 0, max: 65_507 }),
      dontFragment: fc.boolean(),
      sourceIpAddress: nonEmpty,
      pingPath: nonEmpty,
    },
    opt,
  ),
  snmp: fc.record(
    {
      version: fc.constantFrom("2c" as const, "3" as const),
      community: nonEmpty,
      user: fc.option(
        fc.record(
          {
            name: nonEmpty,
            level: fc.constantFrom("noAuthNoPriv" as const, "authNoPriv" as const, "authPriv" as const),
            authProtocol: fc.constantFrom("md5", "sha", "sha224", "sha256", "sha384", "sha512"),
            authKey: text,
            privProtocol: fc.constantFrom("des", "aes", "aes256b", "aes256r"),
            privKey: text,
          },
          { requiredKeys: ["name"] as ["name"] },
        ),
        { nil: null },
      ),
      port: fc.integer({ min: 1, max: 65_535 }),
      retries: fc.integer({ min: 0, max: 10 }),
      maxRepetitions: fc.integer({ min: 1, max: 200 }),
      groups: fc.subarray(["cpu", "memory", "disk", "interfaces"]),
    },
    opt,
  ),
  host: fc.record(
    {
      root: nonEmpty,
      intervalMs: fc.integer({ min: 0, max: 3_600_000 }),
      topN: fc.integer({ min: 0, max: 1000 }),
    },
    opt,
  ),
};

const kindAndSettings = fc
  .constantFrom(...PROBE_KINDS)
  .chain((kind) => SETTINGS_ARB[kind].map((settings) => ({ kind, settings })));
const moduleName = fc.oneof(
  fc.constantFrom(...BUILTIN_MODULE_NAMES),
  fc.string({ minLength: 1, maxLength: 10 }),
);

/** Our keys → blackbox's (the first alias of each), top level only. */
const toBlackbox = (kind: Kind, settings: Readonly<Record<string, unknown>>): Record<string, unknown> => {
  const back = new Map<string, string>();
  for (const [alias, ours] of Object.entries(SETTING_ALIASES[kind]))
    if (!back.has(ours)) back.set(ours, alias);
  return Object.fromEntries(Object.entries(settings).map(([k, v]) => [back.get(k) ?? k, v]));
};

describe("properties", () => {
  test.prop([
    kindAndSettings,
    moduleName,
    fc.option(fc.integer({ min: 1, max: 600_000 }), { nil: undefined }),
  ])(
    "a module built from valid settings resolves to exactly those settings (over any built-in of its name)",
    ({ kind, settings }, name, timeoutMs) => {
      const module = { prober: kind, timeoutMs, [kind]: settings } as ProbeModule;
      const modules: ModuleMap = { [name]: module };
      const r: ResolvedModule = ok(resolveModule(name, { modules, kind }));
      expect(r).toEqual({ name, prober: kind, timeoutMs, settings, builtin: false });
      expect(ok(decodeSettings(kind, settings))).toEqual(settings);
    },
  );

  test.prop([kindAndSettings, fc.boolean(), fc.integer({ min: 1, max: 600_000 })])(
    "the same settings read from a modules: map (blackbox keys or ours) resolve to the same",
    ({ kind, settings }, blackboxKeys, ms) => {
      const written = blackboxKeys ? toBlackbox(kind, settings) : settings;
      const modules = ok(decodeModules({ m: { prober: kind, timeout: `${ms}ms`, [kind]: written } }));
      const r = ok(resolveModule("m", { modules }));
      expect(r.settings).toEqual(settings);
      expect(r.timeoutMs).toBe(ms);
    },
  );

  test.prop([kindAndSettings, fc.constantFrom(...PROBE_KINDS)])(
    "a module resolves for its own kind and only for it",
    ({ kind, settings }, asked) => {
      const r = resolveModule("m", {
        modules: { m: { prober: kind, [kind]: settings } as ProbeModule },
        kind: asked,
      });
      expect(Result.isSuccess(r)).toBe(asked === kind);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// Running: the module's name is the result's `module`
// ---------------------------------------------------------------------------------------------

describe("runModule", () => {
  let http: Peer;
  let ssh: Peer;
  let garbage: Peer;
  beforeAll(async () => {
    http = await startHttp((req, res) => {
      res.statusCode = req.method === "POST" ? 201 : 200;
      res.end("ok");
    });
    ssh = await startTcp((s: Socket) => s.end("SSH-2.0-test\r\n"));
    garbage = await startTcp((s: Socket) => s.end("220 smtp.example ESMTP\r\n"));
  });
  afterAll(async () => {
    await Promise.all([http.close(), ssh.close(), garbage.close()]);
  });

  it("http_2xx and http_post_2xx", async () => {
    const get = await runModule(ok(resolveModule("http_2xx")), `http://${http.hostPort}/`, {
      timeoutMs: 3000,
    });
    expect(get).toMatchObject({ module: "http_2xx", success: true, failureReason: null });
    const post = await runModule(ok(resolveModule("http_post_2xx")), `http://${http.hostPort}/`);
    expect(post.success).toBe(true);
    expect(metric(post, "probe_http_status_code")).toBe(201);
  });

  it("ssh_banner passes on an SSH version line and fails with banner on anything else", async () => {
    const m = ok(resolveModule("ssh_banner"));
    const good = await runModule(m, ssh.hostPort, { timeoutMs: 3000 });
    expect(good).toMatchObject({ module: "ssh_banner", success: true });
    expect(metric(good, "probe_failed_due_to_regex")).toBe(0);
    const bad = await runModule(m, garbage.hostPort, { timeoutMs: 3000 });
    expect(bad).toMatchObject({ module: "ssh_banner", success: false, failureReason: "banner" });
    expect(bad.message).toContain("/^SSH-2.0-/");
    expect(metric(bad, "probe_failed_due_to_regex")).toBe(1);
  });

  it("the module's timeout applies unless the caller gives one", async () => {
    const slow = await startTcp(() => {});
    try {
      const m: ResolvedModule = { ...ok(resolveModule("ssh_banner")), timeoutMs: 150 };
      const t0 = performance.now();
      const r = await runModule(m, slow.hostPort);
      expect(r.failureReason).toBe("timeout");
      expect(performance.now() - t0).toBeLessThan(2000);
    } finally {
      await slow.close();
    }
  });
});
