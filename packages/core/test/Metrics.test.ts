import { spawnSync } from "node:child_process";
import { fc, test } from "@fast-check/vitest";
import type { LicenceEvent, LmstatRecord } from "@fleetlens/core";
import { describe, expect, it } from "vitest";
import { usage } from "../src/Licence.js";
import { exposition, formatValue, lmstatSamples, type Sample, usageSamples } from "../src/Metrics.js";

const T0 = Date.UTC(2024, 2, 1, 9, 0);
const ev = (
  event: LicenceEvent["event"],
  sec: number,
  feature: string,
  who: string,
  extra: Partial<LicenceEvent> = {},
): LicenceEvent => {
  const [user, host] = who.split("@") as [string, string];
  return { ts: T0 + sec * 1000, daemon: "MLM", event, feature, user, host, count: 1, reason: null, ...extra };
};

/** A minimal reader of the text format, to check what the renderer writes. */
const parseExposition = (text: string) => {
  const meta = new Map<string, { help: string; type: string }>();
  const samples: Array<{ name: string; labels: Record<string, string>; value: number }> = [];
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const m = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
    if (m) {
      const cur = meta.get(m[2]!) ?? { help: "", type: "" };
      if (m[1] === "HELP") cur.help = m[3]!.replace(/\\(\\|n)/g, (_, c) => (c === "n" ? "\n" : "\\"));
      else cur.type = m[3]!;
      meta.set(m[2]!, cur);
      continue;
    }
    const s = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!s) throw new Error(`bad line: ${line}`);
    const labels: Record<string, string> = {};
    const body = s[2] ?? "";
    const re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/gy;
    let consumed = 0;
    for (let lm = re.exec(body); lm !== null; lm = re.exec(body)) {
      labels[lm[1]!] = lm[2]!.replace(/\\(["\\n])/g, (_, c) => (c === "n" ? "\n" : c));
      consumed = re.lastIndex;
    }
    if (consumed !== body.length) throw new Error(`bad labels: ${body}`);
    const v = s[3]!;
    samples.push({
      name: s[1]!,
      labels,
      value: v === "+Inf" ? Infinity : v === "-Inf" ? -Infinity : Number(v),
    });
  }
  return { meta, samples };
};

describe("usageSamples", () => {
  const report = usage(
    [
      ev("OUT", 0, "MATLAB", "alice@pc1", { count: 2 }),
      ev("OUT", 10, "MATLAB", "bob@pc2"),
      ev("IN", 20, "MATLAB", "bob@pc2"),
      ev("DENIED", 30, "MATLAB", "carol@pc3", { reason: "Licensed number of users already reached." }),
      ev("OUT", 40, "Simulink", "alice@pc1"),
    ],
    { issued: { MATLAB: 4 } },
  );

  it("names overlap flexlm_exporter's and values follow the report", () => {
    const s = usageSamples(report, { app: "matlab", perUserDenials: true });
    const get = (name: string, labels: Record<string, string>) =>
      s
        .filter((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v))
        .map((x) => x.value);
    expect(get("flexlm_feature_issued", { name: "MATLAB" })).toEqual([4]);
    expect(get("flexlm_feature_issued", { name: "Simulink" })).toEqual([]);
    expect(get("flexlm_feature_used", { app: "matlab", name: "MATLAB" })).toEqual([2]);
    expect(
      s
        .filter((x) => x.name === "flexlm_feature_used_users")
        .map((x) => [x.labels.name, x.labels.user, x.labels.since, x.value]),
    ).toEqual([
      ["MATLAB", "alice", String(T0 / 1000), 2],
      ["Simulink", "alice", String(T0 / 1000 + 40), 1],
    ]);
    expect(get("fleetlens_licence_peak_in_use", { feature: "MATLAB" })).toEqual([3]);
    expect(get("fleetlens_licence_peak_timestamp_seconds", { feature: "MATLAB" })).toEqual([T0 / 1000 + 10]);
    expect(get("fleetlens_licence_denials_total", { feature: "MATLAB" })).toEqual([1]);
    expect(get("fleetlens_licence_user_denials_total", { user: "carol", host: "pc3" })).toEqual([1]);
    expect(get("fleetlens_licence_utilisation_ratio", { feature: "MATLAB" })).toEqual([0.75]);
    expect(get("fleetlens_licence_sessions_total", { feature: "MATLAB" })).toEqual([2]);
    expect(get("fleetlens_licence_user_seconds_total", { user: "bob" })).toEqual([10]);
    for (const x of s) if (x.type === "counter") expect(x.name.endsWith("_total")).toBe(true);
    expect(usageSamples(report).some((x) => x.name === "fleetlens_licence_user_denials_total")).toBe(false);
  });

  it("renders to a text exposition that reads back to the same samples", () => {
    const s = usageSamples(report, { app: "matlab" });
    const text = exposition(s);
    const back = parseExposition(text);
    expect(back.samples).toEqual(s.map(({ name, labels, value }) => ({ name, labels, value })));
    for (const x of s) expect(back.meta.get(x.name)).toEqual({ help: x.help, type: x.type });
    expect(text.match(/^# TYPE /gm)!.length).toBe(new Set(s.map((x) => x.name)).size);
  });
});

/** lmstat -a records of two servers, a vendor daemon, a counted and an uncounted feature, checkouts. */
const recs: LmstatRecord[] = [
  {
    type: "server",
    host: "lic1.example.com",
    port: 27000,
    status: "UP",
    role: "MASTER",
    version: "v11.19.6",
    error: null,
  },
  {
    type: "server",
    host: "lic2",
    port: null,
    status: "DOWN",
    role: null,
    version: null,
    error: "Cannot connect",
  },
  { type: "vendor", vendor: "MLM", status: "UP", version: "v11.19.6", error: null },
  { type: "feature", feature: "MATLAB", issued: 10, inUse: 3, error: null },
  { type: "feature", feature: "node", issued: null, inUse: null, error: null },
  ...[2, 1].map(
    (n, i): LmstatRecord => ({
      type: "checkout",
      feature: "MATLAB",
      user: "u1",
      host: "h",
      display: null,
      version: "v52",
      server: "lic1",
      port: 27000,
      handle: String(401 + i),
      start: T0 + i * 60_000,
      count: n,
      linger: null,
    }),
  ),
];

describe("lmstatSamples", () => {
  it("maps server, vendor, feature and checkout records like flexlm_exporter", () => {
    const s = lmstatSamples(recs, { app: "matlab" });
    expect(s.map((x) => [x.name, x.labels, x.value])).toEqual([
      [
        "flexlm_server_status",
        { app: "matlab", fqdn: "lic1.example.com", master: "true", port: "27000", version: "v11.19.6" },
        1,
      ],
      ["flexlm_server_status", { app: "matlab", fqdn: "lic2", master: "false", port: "", version: "" }, 0],
      ["flexlm_vendor_status", { app: "matlab", name: "MLM", version: "v11.19.6" }, 1],
      ["flexlm_feature_issued", { app: "matlab", name: "MATLAB" }, 10],
      ["flexlm_feature_used", { app: "matlab", name: "MATLAB" }, 3],
      [
        "flexlm_feature_used_users",
        { app: "matlab", name: "MATLAB", user: "u1", host: "h", since: String(T0 / 1000) },
        3,
      ],
    ]);
  });
});

describe("exposition", () => {
  it("escapes label values and help text, formats special values", () => {
    const text = exposition([
      { name: "m", labels: { a: 'q"b\\s\nn' }, value: Number.NaN, help: "line1\nback\\slash", type: "gauge" },
      { name: "m", labels: {}, value: Number.POSITIVE_INFINITY, help: "ignored", type: "gauge" },
      { name: "c_total", labels: { x: "" }, value: -0.5, help: "h", type: "counter" },
    ]);
    expect(text).toBe(
      '# HELP m line1\\nback\\\\slash\n# TYPE m gauge\nm{a="q\\"b\\\\s\\nn"} NaN\nm +Inf\n# HELP c_total h\n# TYPE c_total counter\nc_total{x=""} -0.5\n',
    );
    expect(formatValue(Number.NEGATIVE_INFINITY)).toBe("-Inf");
    expect(() => exposition([{ name: "bad-name", labels: {}, value: 1, help: "", type: "gauge" }])).toThrow(
      RangeError,
    );
    expect(() =>
      exposition([{ name: "m", labels: { __x: "1" }, value: 1, help: "", type: "gauge" }]),
    ).toThrow(/__x/);
  });

  test.prop([
    fc.array(
      fc.record({
        name: fc.constantFrom("flexlm_feature_used", "fleetlens_licence_denials_total", "a_b"),
        labels: fc.dictionary(
          fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/),
          fc.string({ unit: fc.constantFrom("a", '"', "\\", "\n", "é", "}", ",", "=") }),
        ),
        value: fc.oneof(fc.double(), fc.integer()),
      }),
      { maxLength: 20 },
    ),
  ])("any label values read back exactly", (rows) => {
    const samples: Sample[] = rows.map((r) => ({
      ...r,
      help: `help of ${r.name}`,
      type: r.name.endsWith("_total") ? "counter" : "gauge",
    }));
    const back = parseExposition(exposition(samples));
    // Grouped by name in first-appearance order.
    const order = [...new Set(samples.map((s) => s.name))];
    const want = order
      .flatMap((n) => samples.filter((s) => s.name === n))
      .map(({ name, labels, value }) => ({
        name,
        labels: { ...labels },
        value: Object.is(value, -0) ? 0 : value,
      }));
    expect(back.samples.map((s) => ({ ...s, value: Object.is(s.value, -0) ? 0 : s.value }))).toEqual(want);
  });
});

// The real oracle: Prometheus' own linter (Debian package prometheus; scripts/ensure-tools.mjs).
const promtool = spawnSync("sh", ["-c", "command -v promtool"], { encoding: "utf8" }).stdout.trim();

describe.skipIf(promtool === "")("promtool check metrics", () => {
  const check = (text: string) =>
    spawnSync(promtool, ["check", "metrics"], { input: text, encoding: "utf8" });

  it("accepts the licence usage and lmstat expositions", () => {
    const report = usage([
      ev("OUT", 0, "MATLAB", "alice@pc1", { count: 2 }),
      ev("OUT", 5, "Simulink", 'odd "user"@pc\\2'),
      ev("OUT", 10, "MATLAB", "bob@pc2"),
      ev("IN", 20, "MATLAB", "bob@pc2"),
      ev("DENIED", 30, "MATLAB", "carol@pc3", { reason: "Licensed number of users already reached." }),
      ev("UNSUPPORTED", 40, "Toolbox_X", "dave@pc4"),
      ev("QUEUED", 50, "MATLAB", "erin@pc5"),
    ]);
    for (const samples of [usageSamples(report, { app: "matlab" }), lmstatSamples(recs, { app: "matlab" })]) {
      const text = exposition(samples);
      const r = check(text);
      expect(`${r.status} ${r.stdout}${r.stderr}`).toBe("0 ");
    }
  });

  it("types a gauge named like a histogram or summary part untyped, which promtool accepts", () => {
    const text = exposition([
      { name: "agent_cpu_count", labels: {}, value: 2, help: "CPUs.", type: "gauge" },
      { name: "agent_load", labels: {}, value: 0.5, help: "Load.", type: "gauge" },
    ]);
    expect(text).toContain("# TYPE agent_cpu_count untyped\n");
    expect(text).toContain("# TYPE agent_load gauge\n");
    const r = check(text);
    expect(`${r.status} ${r.stdout}${r.stderr}`).toBe("0 ");
  });

  it("rejects what Prometheus rejects (the oracle can fail)", () => {
    const r = check("# TYPE m counter\nm 1\n");
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/_total/);
  });
});
