import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import {
  countingEmit,
  emptyStats,
  type HttpRequest,
  OsLogRecord,
  splitLines,
  UTC,
  type Zone,
  zone,
} from "@fleetlens/core";
import { describe, expect, it } from "vitest";
import {
  compareLoghubCsv,
  httpMessage,
  lifecycleMessage,
  loghubColumns,
  type OsContextStyle,
  type OsLogOptions,
  osLogParser,
  osTimestamp,
  parseHttpMessage,
  parseLifecycleMessage,
  parseOsLog,
  parser,
  type RenderOsLogOptions,
  readCsv,
  renderOsLog,
  sniff,
  splitDebugSuffix,
} from "../src/openstack/index.js";
import { describeFixtures, expectSplitAnywhere, optionsSidecar, testSniffRange } from "./support/contract.js";

const FIXTURES = join(import.meta.dirname, "fixtures", "openstack");
const enc = (s: string) => new TextEncoder().encode(s);
const fx = (n: string) => readFileSync(join(FIXTURES, `${n}.txt`), "utf8");

const accounted = (text: string, r: ReturnType<typeof parseOsLog>) => {
  expect(r.stats.lines).toBe(splitLines(text).length);
  expect(r.stats.records + r.stats.skipped + r.stats.ignored).toBe(r.stats.lines);
};

describeFixtures({
  title: "openstack fixtures",
  dir: FIXTURES,
  schema: OsLogRecord,
  minCases: 9,
  utf8: true,
  parse: parseOsLog,
  options: (name): OsLogOptions => {
    const raw = optionsSidecar(FIXTURES, name);
    return typeof raw.zone === "string" ? { ...raw, zone: zone(raw.zone) } : raw;
  },
  also: (_name, r, expected) => {
    const continuation = expected.reduce((n, x) => n + (x.traceback?.length ?? 0), 0);
    expect(r.stats.ignoredBy.traceback ?? 0).toBe(continuation);
  },
});

describe("openstack details", () => {
  it("counts continuation and blank lines", () => {
    expect(parseOsLog(fx("oslo--traceback-bare")).stats.ignoredBy).toEqual({ traceback: 8, blank: 2 });
    expect(parseOsLog(fx("oslo-old--short-context-trace")).stats.ignoredBy).toEqual({ traceback: 5 });
    expect(parseOsLog(fx("loghub--nova-api-compute")).stats.ignored).toBe(0);
  });

  it("skips what is not an oslo.log line, with its line number and a reason", () => {
    const ok = "2031-01-01 00:00:00.000 1 INFO a.b [-] ok";
    const text = [
      "  indented before any record",
      "Traceback (most recent call last):",
      "hello world",
      "2031-13-01 00:00:00.000 1 INFO a.b [-] month 13",
      "2031-02-29 00:00:00.000 1 INFO a.b [-] not a leap year",
      "2031-01-01 24:00:00.000 1 INFO a.b [-] hour 24",
      "2031-01-01 00:00:00.000 1 info a.b [-] lower-case level",
      "2031-01-01 00:00:00.000 1 INFO",
      "2031-01-01 00:00:00.000 1 INFO a.b [req-1 u p unterminated",
      "2031-01-01 00:00:00. 1 INFO a.b [-] empty fraction",
      "2031-01-01 00:00:00.000 12345678901 INFO a.b [-] pid too long",
      "INFO a.b no context and no time",
      ok,
      "",
    ].join("\n");
    const r = parseOsLog(text);
    expect(r.skips).toEqual([
      { line: 1, reason: "continuation line without a record" },
      { line: 2, reason: "not an oslo.log line" },
      { line: 3, reason: "not an oslo.log line" },
      { line: 4, reason: "bad timestamp" },
      { line: 5, reason: "bad timestamp" },
      { line: 6, reason: "bad timestamp" },
      { line: 7, reason: "missing level" },
      { line: 8, reason: "missing logger" },
      { line: 9, reason: "unterminated request context" },
      { line: 10, reason: "bad timestamp" },
      { line: 11, reason: "bad process id" },
      { line: 12, reason: "no timestamp and no request context" },
    ]);
    expect(r.records.map((x) => x.message)).toEqual(["ok"]);
    accounted(text, r);
  });

  it("attaches multi-line messages, keeps a continuation across a skipped line, skips a broken head", () => {
    const text = [
      "2031-01-01 00:00:00.000 1 ERROR a.b [-] failed",
      "Traceback (most recent call last):",
      "2031-01-01 broken",
      '  File "x.py", line 1, in <module>',
      "sqlalchemy.exc.OperationalError: (pymysql.err.OperationalError) (2013, 'Lost connection')",
      "[SQL: SELECT 1]",
      "(Background on this error at: https://sqlalche.me/e/14/e3q8)",
      '2031-01-01 00:00:01.000 1 DEBUG a.b [-] End _get_guest_xml xml=<domain type="kvm">',
      "  <name>instance-0000002a</name>",
      "</domain>",
      "2031-01-01 00:00:02.000 1 INFO a.b [-] next",
    ].join("\n");
    const r = parseOsLog(text);
    expect(r.skips).toEqual([{ line: 3, reason: "bad process id" }]);
    expect(r.records.map((x) => x.traceback)).toEqual([
      [
        "Traceback (most recent call last):",
        '  File "x.py", line 1, in <module>',
        "sqlalchemy.exc.OperationalError: (pymysql.err.OperationalError) (2013, 'Lost connection')",
        "[SQL: SELECT 1]",
        "(Background on this error at: https://sqlalche.me/e/14/e3q8)",
      ],
      ["  <name>instance-0000002a</name>", "</domain>"],
      undefined,
    ]);
    accounted(text, r);
  });

  it("an exception line is a continuation only with the record's time, pid and logger", () => {
    const head = "2031-01-01 00:00:00.000 7 ERROR a.b";
    const text = [
      `${head} [-] failed`,
      `${head} Traceback (most recent call last):`,
      "2031-01-01 00:00:00.001 7 ERROR a.b other millisecond",
      "2031-01-01 00:00:00.001 7 ERROR a.c other logger",
      "2031-01-01 00:00:00.001 7 INFO a.c other level",
    ].join("\n");
    const r = parseOsLog(text);
    expect(r.records.map((x) => [x.message, x.traceback ?? []])).toEqual([
      ["failed", ["Traceback (most recent call last):"]],
      ["other millisecond", []],
      ["other logger", []],
      ["other level", []],
    ]);
    expect(r.records[1]!.requestId).toBeNull();
  });

  it("bounds the kept traceback and counts the rest", () => {
    const head = "2031-01-01 00:00:00.000 7 ERROR a.b";
    const lines = [`${head} [-] failed`];
    for (let i = 0; i < 30; i++) lines.push(`${head}   frame ${i}`);
    const text = lines.join("\n");
    const byLines = parseOsLog(text, { maxTracebackLines: 10 });
    expect(byLines.records[0]!.traceback).toHaveLength(10);
    expect(byLines.records[0]!.traceback![9]).toBe("  frame 9");
    expect(byLines.records[0]!.tracebackOmitted).toBe(20);
    expect(byLines.stats.ignoredBy.traceback).toBe(30);
    const byChars = parseOsLog(text, { maxTracebackChars: 40 });
    // "  frame N" is 9 characters: four fit in 40
    expect(byChars.records[0]!.traceback).toHaveLength(4);
    expect(byChars.records[0]!.tracebackOmitted).toBe(26);
    expect(parseOsLog(text).records[0]!.tracebackOmitted).toBeUndefined();
  });

  it("reads the context variants", () => {
    const ctx = (c: string) => {
      const r = parseOsLog(`2031-01-01 00:00:00.000 1 INFO a.b ${c} m\n`).records[0]!;
      return [r.globalRequestId, r.requestId, r.userId, r.projectId, r.message];
    };
    expect(ctx("[-]")).toEqual([null, null, null, null, "m"]);
    expect(ctx("[req-a u p - - -]")).toEqual([null, "req-a", "u", "p", "m"]);
    expect(ctx("[req-a - - - - -]")).toEqual([null, "req-a", null, null, "m"]);
    expect(ctx("[req-g req-a u p d s ud pd]")).toEqual(["req-g", "req-a", "u", "p", "m"]);
    expect(ctx("[None req-a u p - None - -]")).toEqual([null, "req-a", "u", "p", "m"]);
    expect(ctx("[req-a u p]")).toEqual([null, "req-a", "u", "p", "m"]);
    expect(ctx("[None req-a proj user]")).toEqual([null, "req-a", "user", "proj", "m"]);
    expect(ctx("[req-a]")).toEqual([null, "req-a", null, null, "m"]);
    expect(ctx("[custom-id u p]")).toEqual([null, "custom-id", "u", "p", "m"]);
    expect(ctx("[]")).toEqual([null, null, null, null, "m"]);
    // the instance prefix is not a context
    const r = parseOsLog("2031-01-01 00:00:00.000 1 INFO a.b [instance: x] m\n").records[0]!;
    expect([r.requestId, r.instance, r.message]).toEqual([null, "x", "m"]);
  });

  it("reads access lines and leaves other messages alone", () => {
    expect(parseHttpMessage('::1 "HEAD / HTTP/1.1" status: 200 len: 0 time: 0.0000010')).toEqual({
      client: "::1",
      method: "HEAD",
      path: "/",
      version: "HTTP/1.1",
      status: 200,
      length: 0,
      seconds: 0.000001,
    });
    expect(parseHttpMessage('a "GET /x?y=1 HTTP/1.1" status: 200 len: - time: 1')).toMatchObject({
      path: "/x?y=1",
      length: null,
      seconds: 1,
    });
    for (const m of [
      "Took 1.25 seconds to build instance.",
      '10.0.0.1 "GET /x HTTP/1.1" status: 200 len: 1',
      '10.0.0.1 "GET /x HTTP/1.1" status: 200 len: 1 time: 0.1 trailing',
      '10.0.0.1 "GET /x HTTP/1.1" status: 20 len: 1 time: 0.1',
      '10.0.0.1 "get /x HTTP/1.1" status: 200 len: 1 time: 0.1',
      '10.0.0.1 "GET" status: 200 len: 1 time: 0.1',
      '10.0.0.1 - - [01/Jan/2031 00:00:00] "GET /x HTTP/1.1" 200',
      '10.0.0.1 - - [01/Jan/2031 00:00:00] "GET /x HTTP/1.1" 200 12 x',
      'a"b "GET /x HTTP/1.1" status: 200 len: 1 time: 0.1',
      "",
    ])
      expect(parseHttpMessage(m), m).toBeNull();
    expect(parseLifecycleMessage("VM Resumed (Lifecycle Event)")).toBe("Resumed");
    expect(parseLifecycleMessage("VM Postcopy started (Lifecycle Event)")).toBe("Postcopy started");
    expect(parseLifecycleMessage("VM  (Lifecycle Event)")).toBeNull();
    expect(parseLifecycleMessage("VM (Lifecycle Event)")).toBeNull();
    expect(parseLifecycleMessage("VM Started")).toBeNull();
    expect(lifecycleMessage("Suspended")).toBe("VM Suspended (Lifecycle Event)");
  });

  it("splits a DEBUG suffix off on request", () => {
    expect(
      splitDebugSuffix(
        "Lock acquired inner /usr/lib/python3/dist-packages/oslo_concurrency/lockutils.py:404",
      ),
    ).toEqual({
      message: "Lock acquired",
      func: "inner",
      path: "/usr/lib/python3/dist-packages/oslo_concurrency/lockutils.py",
      line: 404,
    });
    expect(
      splitDebugSuffix(
        "Checking state {{(pid=12345) _get_power_state /opt/stack/nova/nova/compute/manager.py:1590}}",
      ),
    ).toEqual({
      message: "Checking state",
      func: "_get_power_state",
      path: "/opt/stack/nova/nova/compute/manager.py",
      line: 1590,
    });
    expect(splitDebugSuffix("Instance spawned successfully.")).toBeUndefined();
    expect(splitDebugSuffix("x {{(pid=1) f a.py:3")).toEqual({
      message: "x {{(pid=1)",
      func: "f",
      path: "a.py",
      line: 3,
    });
    expect(splitDebugSuffix("f a.py:3")).toBeUndefined();
  });

  it("reads wall clocks in the given zone, whichever parser ran before", () => {
    const line = "2031-06-01 12:00:00.250 1 INFO a.b [-] m\n";
    const tokyo = zone("+09:00");
    for (let i = 0; i < 3; i++) {
      expect(parseOsLog(line).records[0]!.ts).toBe(Date.UTC(2031, 5, 1, 12, 0, 0, 250));
      expect(parseOsLog(line, { zone: tokyo }).records[0]!.ts).toBe(Date.UTC(2031, 5, 1, 3, 0, 0, 250));
    }
    const micro = parseOsLog("2031-06-01 12:00:00.123456 1 INFO a.b [-] m\n").records[0]!.ts;
    expect(micro).toBe(Date.UTC(2031, 5, 1, 12) + 123.456);
  });

  it("keeps the source file name and the bytes of non-ASCII messages", () => {
    const text = "svc.log.1 2031-01-01 00:00:00.000 1 INFO a.b [-] Größe überschritten ✓\n";
    const r = parseOsLog(enc(text));
    expect(r.records[0]).toMatchObject({ source: "svc.log.1", message: "Größe überschritten ✓" });
  });

  it("renders each context style, source, and traceback style", () => {
    const r = parseOsLog(fx("oslo-old--short-context-trace")).records[1]!;
    const withG = { ...r, globalRequestId: "req-g", source: "f.log" };
    const line = (o: RenderOsLogOptions) => renderOsLog([withG], o).split("\n");
    expect(line({})[0]).toBe(
      "f.log 2014-03-04 05:06:09.000 1999 ERROR nova.compute.manager [req-0a0b0c0d-1e1f-4a2b-8c3d-4e5f6a7b8c9d admin demo - - -] [instance: 11112222-3333-4444-8555-666677778888] Instance failed to spawn",
    );
    expect(line({ context: "global", source: false })[0]).toContain(
      "[req-g req-0a0b0c0d-1e1f-4a2b-8c3d-4e5f6a7b8c9d admin demo - - - -] [instance:",
    );
    expect(line({ context: "short", source: "x.log" })[0]).toMatch(
      /^x\.log 2014.* \[req-0a0b\S+ admin demo\] /,
    );
    expect(line({ context: "devstack" })[0]).toContain(
      "[req-g req-0a0b0c0d-1e1f-4a2b-8c3d-4e5f6a7b8c9d demo admin]",
    );
    expect(line({ source: false })[1]).toBe(
      "2014-03-04 05:06:09.000 1999 ERROR nova.compute.manager [instance: 11112222-3333-4444-8555-666677778888] Traceback (most recent call last):",
    );
    expect(line({ traceback: "trace" })[1]).toContain(" 1999 TRACE nova.compute.manager [instance: ");
    expect(line({ traceback: "bare" })[1]).toBe("Traceback (most recent call last):");
    expect(
      renderOsLog(parseOsLog(fx("oslo-old--short-context-trace")).records, {
        context: "short",
        traceback: "trace",
      }),
    ).toBe(fx("oslo-old--short-context-trace"));
    expect(renderOsLog(parseOsLog(fx("loghub--nova-api-compute")).records)).toBe(
      fx("loghub--nova-api-compute"),
    );
    expect(renderOsLog(parseOsLog(fx("devstack--names")).records, { context: "devstack" })).toBe(
      fx("devstack--names"),
    );
  });

  it("writes access messages in each server's form", () => {
    const h: HttpRequest = {
      client: "192.0.2.7",
      method: "PUT",
      path: "/v2/images/abc/file",
      version: "HTTP/1.1",
      status: 204,
      length: null,
      seconds: 1.25,
    };
    expect(httpMessage(h)).toBe(
      '192.0.2.7 "PUT /v2/images/abc/file HTTP/1.1" status: 204 len: - time: 1.2500000',
    );
    expect(httpMessage(h, "neutron")).toBe(
      '192.0.2.7 "PUT /v2/images/abc/file HTTP/1.1" status: 204  len: - time: 1.2500000',
    );
    expect(httpMessage(h, "eventlet", Date.UTC(2031, 2, 4, 5, 6, 7), zone("+01:00"))).toBe(
      '192.0.2.7 - - [04/Mar/2031 06:06:07] "PUT /v2/images/abc/file HTTP/1.1" 204 - 1.250000',
    );
    expect(osTimestamp(Date.UTC(2031, 2, 4, 5, 6, 7, 8))).toBe("2031-03-04 05:06:07.008");
  });

  it("sniffs oslo.log and not other logs", () => {
    expect(sniff(enc(fx("loghub--nova-api-compute")))).toBeGreaterThanOrEqual(0.9);
    expect(sniff(enc(fx("oslo--traceback-bare")))).toBeGreaterThanOrEqual(0.9);
    expect(sniff(enc(fx("oslo-zed--global-context")))).toBeGreaterThanOrEqual(0.9);
    expect(sniff(enc("2031-01-01 00:00:00,123 INFO root started\n"))).toBeLessThanOrEqual(0.4);
    expect(sniff(enc("Oct 12 10:00:01 host sshd[1]: Accepted password for x\n"))).toBe(0);
    expect(sniff(enc("12:00:01 (lmgrd) FlexNet Licensing started\n"))).toBe(0);
    expect(sniff(enc(""))).toBe(0);
    expect(parser.info.kind).toBe("openstack");
    expect(parser.create).toBe(osLogParser);
  });
});

// ---------------------------------------------------------------------------------------------
// Real oracle: the real oslo.log (Debian's python3-oslo.log) writes a log in a zone with a
// UTC offset; its own records say what each line must read as.

interface OracleRecord {
  ts: number;
  pid: number;
  level: string;
  logger: string;
  message: string;
  continuation: string[];
  requestId: string | null;
  globalRequestId: string | null;
  userId: string | null;
  projectId: string | null;
  instance: string | null;
  http: HttpRequest | null;
  lifecycle: string | null;
}

describe("openstack against the real oslo.log", () => {
  it("reads every record oslo.log writes, in the zone it writes", () => {
    const dir = mkdtempSync(join(tmpdir(), "fleetlens-oslo-"));
    try {
      let out: string;
      try {
        const env: Record<string, string | undefined> = { ...process.env, TZ: "Asia/Kolkata" };
        delete env.PYTHONPATH;
        delete env.PYTHONHOME;
        out = execFileSync("/usr/bin/python3", [join(FIXTURES, "oslo-log-oracle.py"), dir], {
          env,
          encoding: "utf8",
        });
      } catch (e) {
        throw new Error(
          `the oracle needs the real oslo.log: apt-get install python3-oslo.log (${String(e)})`,
        );
      }
      const truth = JSON.parse(out) as OracleRecord[];
      const text = readFileSync(join(dir, "oracle.log"), "utf8");
      const r = parseOsLog(text, { zone: zone("Asia/Kolkata") });
      expect(r.skips).toEqual([]);
      accounted(text, r);
      expect(truth.length).toBe(60);
      expect(r.records).toHaveLength(truth.length);
      const got = r.records.map((x) => ({ ...x, traceback: x.traceback ?? [] }));
      const want = truth.map(({ continuation, ...t }) => ({ ...t, source: null, traceback: continuation }));
      expect(got).toEqual(want);
      // what the log holds: every context form oslo.log 5 writes, tracebacks, a multi-line message
      expect(text).toContain(" [None req-");
      expect(text).toMatch(/ \[req-\S+ req-\S+ /);
      expect(text).toContain(" [-] ");
      expect(r.stats.ignoredBy.traceback).toBeGreaterThan(20);
      expect(r.records.filter((x) => x.http !== null)).toHaveLength(6);
      expect(r.records.filter((x) => x.lifecycle !== null)).toHaveLength(6);
      expect(
        r.records
          .filter((x) => x.level === "DEBUG")
          .every((x) => splitDebugSuffix(x.traceback?.at(-1) ?? x.message)),
      ).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Loghub structured CSV: a log and its CSV generated from the same synthetic records, the CSV
// written here the way Loghub's pandas writes it (independently of the parser and renderer).

const pandasCsv = (rows: string[][]): string =>
  `${rows
    .map((r) => r.map((f) => (/[",\n\r]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(","))
    .join("\n")}\n`;

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** The Loghub row of a synthetic record, computed from its fields (not from a parse). */
const loghubRow = (id: number, r: OsLogRecord, z: Zone): string[] => {
  const d = new Date(r.ts! + z.offsetAt(r.ts!) * 60_000);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
  const addr = r.requestId === null ? "-" : `${r.requestId} ${r.userId ?? "-"} ${r.projectId ?? "-"} - - -`;
  const content = `${r.instance ? `[instance: ${r.instance}] ` : ""}${r.message}`;
  return [
    String(id),
    r.source ?? "",
    date,
    time,
    String(r.pid),
    r.level,
    r.logger,
    addr,
    content,
    "E1",
    "<*>",
  ];
};
const HEADER = [
  "LineId",
  "Logrecord",
  "Date",
  "Time",
  "Pid",
  "Level",
  "Component",
  "ADDR",
  "Content",
  "EventId",
  "EventTemplate",
];

const hexId = fc.stringMatching(/^[0-9a-f]{32}$/);
const uuid = fc.uuid({ version: 4 });
const plain = fc
  .string({
    minLength: 0,
    maxLength: 60,
    unit: fc.constantFrom(..."abcXYZ 019.,:;-_/=[]{}'é✓\t"),
  })
  .filter((s) => !s.startsWith("[instance: ") && !/^VM .*\(Lifecycle Event\)$/.test(s));
const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((b) => b.join("."));
const client = fc.oneof(
  ipv4,
  fc.tuple(ipv4, ipv4).map(([a, b]) => `${a},${b}`),
  fc.constantFrom("::1", "2001:db8::7", "fe80::1"),
);
const httpArb: fc.Arbitrary<HttpRequest> = fc.record({
  client,
  method: fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"),
  path: fc.stringMatching(/^\/[a-z0-9._\-/?=&%]{0,40}$/),
  version: fc.option(fc.constantFrom("HTTP/1.1", "HTTP/1.0"), { nil: null }),
  status: fc.integer({ min: 100, max: 599 }),
  length: fc.option(fc.nat(1e9), { nil: null }),
  seconds: fc.nat(1e9).map((n) => n / 1e6),
});
type HttpStyle = "nova" | "neutron" | "eventlet";
const message = fc.oneof(
  { weight: 3, arbitrary: plain.map((m) => ({ message: m, http: null, lifecycle: null, style: null })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(httpArb, fc.constantFrom<HttpStyle>("nova", "neutron", "eventlet"))
      .map(([h, style]) => ({ message: "", http: h, lifecycle: null, style })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        "Started",
        "Stopped",
        "Paused",
        "Resumed",
        "Suspended",
        "Postcopy started",
        "Migration completed",
      )
      .map((s) => ({ message: lifecycleMessage(s), http: null, lifecycle: s, style: null })),
  },
);
const frame = fc
  .tuple(fc.stringMatching(/^[a-z_/]{1,20}\.py$/), fc.nat(9999), fc.stringMatching(/^[a-z_]{1,12}$/))
  .chain(([f, n, fn]) =>
    fc.constantFrom(`  File "/usr/lib/${f}", line ${n}, in ${fn}`, `    ${fn}(x, y=${n})`),
  );
const exceptionLine = fc
  .tuple(fc.stringMatching(/^[a-z_]{1,8}(\.[a-z_]{1,8}){0,2}\.[A-Z][A-Za-z]{0,15}$/), plain)
  .map(([n, m]) => `${n}: ${m}`);
const traceback = fc
  .tuple(
    fc.array(frame, { maxLength: 4 }),
    exceptionLine,
    fc.boolean(),
    fc.array(frame, { maxLength: 2 }),
    exceptionLine,
  )
  .map(([f1, e1, chained, f2, e2]) => {
    const t = ["Traceback (most recent call last):", ...f1, e1];
    if (chained)
      t.push(
        "",
        "During handling of the above exception, another exception occurred:",
        "",
        "Traceback (most recent call last):",
        ...f2,
        e2,
      );
    return t;
  });

interface Spec {
  record: OsLogRecord;
  style: HttpStyle | null;
}
const specArb: fc.Arbitrary<Spec> = fc
  .record({
    ts: fc.option(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }), {
      freq: 8,
      nil: null,
    }),
    pid: fc.option(fc.nat(4194304), { freq: 8, nil: null }),
    level: fc.constantFrom("INFO", "DEBUG", "WARNING", "ERROR", "CRITICAL", "TRACE", "AUDIT", "NOTICE"),
    logger: fc.stringMatching(/^[a-z][a-z_]{0,10}(\.[a-z_]{1,10}){0,3}$/),
    requestId: fc.option(
      uuid.map((u) => `req-${u}`),
      { freq: 4, nil: null },
    ),
    globalRequestId: fc.option(
      uuid.map((u) => `req-${u}`),
      { nil: null },
    ),
    userId: fc.option(fc.oneof(hexId, fc.stringMatching(/^[a-z][a-z_]{0,9}$/)), { nil: null }),
    projectId: fc.option(hexId, { nil: null }),
    instance: fc.option(uuid, { nil: null }),
    msg: message,
    source: fc.option(fc.stringMatching(/^[a-z][a-z0-9._:-]{0,24}$/), { nil: null }),
    traceback: fc.option(traceback, { freq: 4, nil: undefined }),
  })
  .map(({ msg, traceback: tb, ...r }) => {
    const rec: Record<string, unknown> = {
      ...r,
      globalRequestId: r.requestId === null ? null : r.globalRequestId,
      userId: r.requestId === null ? null : r.userId,
      projectId: r.requestId === null ? null : r.projectId,
      message: msg.message,
      http: msg.http,
      lifecycle: msg.lifecycle,
    };
    if (tb) rec.traceback = tb;
    return { record: rec as unknown as OsLogRecord, style: msg.style };
  });

const ZONES: Zone[] = [UTC, zone("+09:00"), zone("-03:30")];

/** Records with their access messages written (in the zone the log is written in). */
const materialise = (specs: readonly Spec[], z: Zone): OsLogRecord[] =>
  specs.map(({ record, style }) =>
    record.http && style ? { ...record, message: httpMessage(record.http, style, record.ts, z) } : record,
  );

/** What a parse of renderOsLog(records, o) must give back. */
const expectedBack = (r: OsLogRecord, o: RenderOsLogOptions): OsLogRecord => {
  const style = o.context ?? "classic";
  const out: Record<string, unknown> = {
    ...r,
    globalRequestId: style === "global" || style === "devstack" ? r.globalRequestId : null,
    source: r.ts === null || o.source === false ? null : typeof o.source === "string" ? o.source : r.source,
  };
  delete out.traceback;
  const tb = o.traceback === "bare" ? r.traceback?.filter((l) => l !== "") : r.traceback;
  if (tb && tb.length > 0) out.traceback = tb;
  return out as unknown as OsLogRecord;
};

const renderOpts: fc.Arbitrary<RenderOsLogOptions> = fc.record({
  context: fc.constantFrom<OsContextStyle>("classic", "global", "short", "devstack"),
  source: fc.oneof(fc.boolean(), fc.constantFrom("nova-compute.log.2", "glance-api.log")),
  traceback: fc.constantFrom<"prefixed" | "trace" | "bare">("prefixed", "trace", "bare"),
});

describe("Loghub structured CSV", () => {
  const specs = fc.sample(specArb, { seed: 4242, numRuns: 300 });
  const z = zone("+02:00");
  const records = materialise(specs, z)
    .filter((r) => r.ts !== null && r.pid !== null)
    .map((r, i) => {
      const { traceback: _t, ...rest } = r;
      return {
        ...rest,
        source: i % 2 === 0 ? "nova-api.log.7" : "nova-compute.log.7",
        globalRequestId: null,
      };
    });
  const log = renderOsLog(records, { zone: z });
  const csv = pandasCsv([HEADER, ...records.map((r, i) => loghubRow(i + 1, r, z))]);
  const parsed = parseOsLog(log, { zone: z }).records;

  it("agrees with the CSV generated from the same records", () => {
    expect(records.length).toBeGreaterThan(100);
    expect(records.some((r) => r.message.includes(",") || r.message.includes('"'))).toBe(true);
    const c = compareLoghubCsv(parsed, csv, { zone: z });
    expect(c.mismatches).toEqual([]);
    expect(c).toMatchObject({ rows: records.length, records: records.length, mismatchCount: 0 });
    expect(c.columns).toEqual(["Logrecord", "Date", "Time", "Pid", "Level", "Component", "ADDR", "Content"]);
  });

  it("reports each changed cell, a missing column and a missing row", () => {
    const rows = readCsv(csv);
    expect(rows).toHaveLength(records.length + 1);
    const edited = rows.map((r) => [...r]);
    edited[5]![4] = "1"; // Pid of LineId 5
    edited[9]![8] = `${edited[9]![8]} changed`; // Content of LineId 9
    edited[12]![3] = "23:59:59.999"; // Time of LineId 12
    const c = compareLoghubCsv(parsed, pandasCsv(edited), { zone: z });
    expect(c.mismatches.map((m) => [m.row, m.column])).toEqual([
      [5, "Pid"],
      [9, "Content"],
      [12, "Time"],
    ]);
    expect(c.mismatches[0]!.parsed).toBe(String(records[4]!.pid));
    const noPid = compareLoghubCsv(parsed, pandasCsv(rows.map((r) => r.filter((_, i) => i !== 4))), {
      zone: z,
    });
    expect(noPid.mismatches[0]).toMatchObject({ row: 0, column: "Pid" });
    const short = compareLoghubCsv(parsed, pandasCsv(rows.slice(0, -1)), { zone: z });
    expect(short.mismatches).toEqual([
      { row: 0, column: "(rows)", csv: String(records.length - 1), parsed: String(records.length) },
    ]);
    // a different zone moves every Date/Time
    expect(compareLoghubCsv(parsed, csv).mismatchCount).toBeGreaterThanOrEqual(records.length);
  });

  it("reads quoted fields with doubled quotes, commas and line breaks", () => {
    expect(readCsv('a,b\r\n"x,""y""","1\n2"\n,\n')).toEqual([
      ["a", "b"],
      ['x,"y"', "1\n2"],
      ["", ""],
    ]);
    expect(loghubColumns(parsed[0]!, z).Content).toBe(
      `${records[0]!.instance ? `[instance: ${records[0]!.instance}] ` : ""}${records[0]!.message}`.trim(),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const fragments = fc.constantFrom(
  "2031-01-01 00:00:00.000 ",
  "2031-02-30 25:61:61.9 ",
  "nova-api.log.1 ",
  "123 ",
  "INFO ",
  "ERROR ",
  "TRACE ",
  "nova.compute.manager ",
  "[-] ",
  "[req-1 u p - - -] ",
  "[None req-2 a b] ",
  "[instance: abc] ",
  "[",
  "]",
  '"GET /x HTTP/1.1" ',
  "status: 200 len: 1 time: 0.1",
  " - - [01/Jan/2031 00:00:00] ",
  "VM Started (Lifecycle Event)",
  "Traceback (most recent call last):",
  '  File "x.py", line 1',
  "ValueError: x",
  "During handling of the above exception",
  " ",
  "\t",
  "\n",
  "\r\n",
  "x",
  "é",
  "{{(pid=1) f a.py:2}}",
);
const junkyText = fc.array(fragments, { maxLength: 80 }).map((a) => a.join(""));

describe("openstack properties", () => {
  test.prop([fc.array(specArb, { maxLength: 10 }), renderOpts, fc.constantFrom(...ZONES)])(
    "render -> parse round trip",
    (specs, o, z) => {
      const records = materialise(specs, z);
      const text = renderOsLog(records, { ...o, zone: z });
      const r = parseOsLog(text, { zone: z });
      expect(r.skips).toEqual([]);
      expect(r.records).toEqual(records.map((x) => expectedBack(x, o)));
      accounted(text, r);
    },
  );

  test.prop([fc.oneof(fc.string({ unit: "binary" }), junkyText, fc.string())])(
    "arbitrary text never throws and accounts for every line",
    (text) => {
      const r = parseOsLog(text);
      accounted(text, r);
      expect(r.skips.every((s) => s.line >= 1 && s.line <= r.stats.lines && s.reason.length > 0)).toBe(true);
      const tb = r.records.reduce((n, x) => n + (x.traceback?.length ?? 0) + (x.tracebackOmitted ?? 0), 0);
      expect(tb).toBe(r.stats.ignoredBy.traceback ?? 0);
    },
  );

  test.prop([fc.uint8Array({ maxLength: 400 })])(
    "arbitrary bytes never throw and account for every line",
    (b) => {
      const r = parseOsLog(b);
      expect(r.stats.lines).toBe(splitLines(new TextDecoder().decode(b)).length);
      expect(r.stats.records + r.stats.skipped + r.stats.ignored).toBe(r.stats.lines);
    },
  );

  test.prop([
    fc.array(specArb, { maxLength: 6 }),
    renderOpts,
    junkyText,
    fc.array(fc.nat(), { maxLength: 12 }),
    fc.boolean(),
    fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  ])(
    "split anywhere (strings or bytes) equals the whole-input parse",
    (specs, o, junk, cuts, bytes, maxTb) => {
      const recs = materialise(specs, UTC);
      const text = `${renderOsLog(recs, o)}${junk}\n${renderOsLog(recs, { ...o, traceback: "prefixed" }).replace(/\n/g, "\r\n")}`;
      const options: OsLogOptions = maxTb === undefined ? {} : { maxTracebackLines: maxTb };
      expectSplitAnywhere(osLogParser, text, cuts, bytes, options);
    },
  );

  test.prop([httpArb, fc.constantFrom<HttpStyle>("nova", "neutron", "eventlet")])(
    "access messages read back as written",
    (h, style) => {
      expect(parseHttpMessage(httpMessage(h, style, 0))).toEqual(h);
    },
  );

  testSniffRange(sniff);
});

describe("openstack relevant-line filter", () => {
  it("ignores rejected lines unparsed (counted), ends a pending record first, and keeps the rest identical", () => {
    const text = [
      '2026-01-05 00:00:00.007 2931 INFO nova.osapi_compute.wsgi.server [req-1 u p - - -] 10.0.0.1 "GET /v2.1/servers HTTP/1.1" status: 200 len: 10 time: 0.1000000',
      '2026-01-05 00:00:01.007 2931 INFO nova.osapi_compute.wsgi.server [req-2 u p - - -] 10.0.0.1 "POST /v2.1/servers HTTP/1.1" status: 202 len: 10 time: 0.1000000',
      "2026-01-05 00:00:02.007 2931 ERROR nova.api [req-3 u p - - -] boom",
      "Traceback (most recent call last):",
      '2026-01-05 00:00:03.007 2931 INFO nova.osapi_compute.wsgi.server [req-4 u p - - -] 10.0.0.1 "GET /v2.1/flavors HTTP/1.1" status: 200 len: 10 time: 0.1000000',
      "",
    ].join("\n");
    const all = parseOsLog(text);
    const some = parseOsLog(text, { relevant: (l) => !l.includes('"GET ') });
    expect(some.stats.ignoredBy["not relevant"]).toBe(2);
    expect(some.stats.lines).toBe(all.stats.lines);
    expect(some.records).toEqual(all.records.filter((r) => r.http?.method !== "GET"));
    expect(some.records.find((r) => r.requestId === "req-3")?.traceback).toEqual([
      "Traceback (most recent call last):",
    ]);
  });
});

describe("openstack byte-level filter", () => {
  const enc = new TextEncoder();
  const hasGet = (l: string) => l.includes('"GET ');
  const bytesHasGet = (b: Uint8Array, s: number, e: number) => {
    const needle = enc.encode('"GET ');
    outer: for (let i = s; i + needle.length <= e; i++) {
      for (let k = 0; k < needle.length; k++) if (b[i + k] !== needle[k]) continue outer;
      return true;
    }
    return false;
  };
  const line = fc.oneof(
    fc.constantFrom(
      '2026-01-05 00:00:00.007 2931 INFO nova.osapi_compute.wsgi.server [req-1 u p - - -] 10.0.0.1 "GET /v2.1/servers HTTP/1.1" status: 200 len: 10 time: 0.1000000',
      '2026-01-05 00:00:01.007 2931 INFO nova.osapi_compute.wsgi.server [req-2 u p - - -] 10.0.0.1 "POST /v2.1/servers HTTP/1.1" status: 202 len: 10 time: 0.1000000',
      "2026-01-05 00:00:02.007 2931 ERROR nova.api [req-3 u p - - -] boom",
      "Traceback (most recent call last):",
      '  File "x.py", line 1, in <module>',
      "",
      "2026-01-05 00:00:03.007 2931 INFO nova.compute.manager [-] [instance: 5f2d9c1a-7e3b-4a6d-8c0f-1b2e3d4c5a6b] VM Paused (Lifecycle Event)",
      "not a log line at all",
      "2026-13-45 99:99:99.000 1 INFO x [-] bad date",
    ),
    fc.string({ maxLength: 40 }),
  );
  test.prop([fc.array(line, { maxLength: 30 }), fc.array(fc.nat(2000), { maxLength: 6 }), fc.boolean()])(
    "bytes filtered before decoding give exactly what the string filter gives, however the input is chunked",
    (lines, cuts, crlf) => {
      const text = lines.join(crlf ? "\r\n" : "\n");
      const whole = parseOsLog(text, { relevant: (l) => !hasGet(l) });
      const bytes = enc.encode(text);
      const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
      const chunks: Uint8Array[] = [];
      let prev = 0;
      for (const p of points) {
        chunks.push(bytes.slice(prev, p));
        prev = p;
      }
      chunks.push(bytes.slice(prev));
      const records: unknown[] = [];
      const stats = emptyStats();
      const p = osLogParser(
        countingEmit(stats, (r) => records.push(r)),
        { relevantBytes: (b, s, e) => !bytesHasGet(b, s, e) },
      );
      for (const c of chunks) p.push(c);
      p.end();
      expect(records).toEqual(whole.records);
      expect(stats).toEqual(whole.stats);
    },
  );
});
