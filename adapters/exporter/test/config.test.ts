/**
 * The configuration: defaults, one path-named error per rule, ${ENV} references, relative paths.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  DEFAULTS,
  decodeExporterConfig,
  loadExporterConfig,
  probeBudgetMs,
  scrapeTimeoutSeconds,
} from "../src/index.js";

const errorOf = (input: unknown): string => {
  try {
    decodeExporterConfig(input, "x.yaml");
  } catch (e) {
    return (e as Error).message;
  }
  return "(no error)";
};

describe("exporter configuration", () => {
  it("fills in the defaults (127.0.0.1:9464, blackbox's 0.5 s offset)", () => {
    const c = decodeExporterConfig(null);
    expect(c.listen).toEqual({ host: "127.0.0.1", port: 9464 });
    expect(c.probe).toEqual({
      maxConcurrency: DEFAULTS.maxConcurrency,
      maxQueue: DEFAULTS.maxQueue,
      defaultTimeoutMs: 10_000,
      timeoutOffsetSeconds: 0.5,
    });
    expect(c.licence).toEqual([]);
    expect(c.modules).toEqual({});
  });

  it("names the path of each problem", () => {
    expect(errorOf({ listen: { port: "x" } })).toMatch(/^x\.yaml: listen\.port: expected /);
    expect(errorOf({ listen: { port: 70000 } })).toMatch(/^x\.yaml: listen\.port: expected /);
    expect(errorOf({ listen: { hots: "a" } })).toBe(
      "x.yaml: listen.hots: expected one of the keys host, port",
    );
    expect(errorOf({ lisen: {} })).toMatch(/^x\.yaml: lisen: expected one of the keys listen, modules/);
    expect(errorOf({ probe: { maxConcurrency: 0 } })).toMatch(/^x\.yaml: probe\.maxConcurrency: expected /);
    expect(errorOf({ probe: { defaultTimeout: "soon" } })).toMatch(
      /^x\.yaml: probe\.defaultTimeout: expected a duration like 5s or 1500ms/,
    );
    expect(errorOf({ modules: { m: { prober: "ftp" } } })).toMatch(/^x\.yaml: modules\.m\.prober: expected /);
    expect(errorOf({ modules: { m: { prober: "http", http: { bogus: 1 } } } })).toMatch(
      /^x\.yaml: modules\.m\.http\.bogus: expected /,
    );
    expect(errorOf({ licence: [{ app: "a" }] })).toMatch(/^x\.yaml: licence\[0\]\.logs: expected /);
    expect(errorOf({ licence: [{ app: "a", logs: ["l"], lmstatt: "x" }] })).toMatch(
      /^x\.yaml: licence\[0\]\.lmstatt: expected one of the keys/,
    );
    expect(
      errorOf({
        licence: [
          { app: "a", logs: ["l"] },
          { app: "a", logs: ["m"] },
        ],
      }),
    ).toMatch(/^x\.yaml: licence\[1\]\.app: expected an app name not used/);
    expect(errorOf({ licence: [{ app: "a", logs: ["l"], zone: "Mars/Olympus" }] })).toMatch(
      /^x\.yaml: licence\[0\]\.zone: expected /,
    );
  });

  it("reads a file: environment references, paths relative to the file, bad YAML named", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fleetlens-exporter-config-"));
    try {
      const file = join(dir, "exporter.yaml");
      writeFileSync(
        file,
        `listen: { host: 127.0.0.1, port: 9999 }\nlicence:\n  - app: ${"$"}{APP}\n    logs: [logs/a.log, /abs/b.log]\n`,
      );
      const c = await loadExporterConfig(file, { APP: "matlab" });
      expect(c.listen.port).toBe(9999);
      expect(c.licence[0]).toEqual({
        app: "matlab",
        logs: [join(dir, "logs", "a.log"), "/abs/b.log"],
        lmstat: null,
        licenseFiles: [],
        zone: null,
      });
      await expect(loadExporterConfig(file, {})).rejects.toThrow(
        `${file}: licence[0].app: expected environment variable APP to be set`,
      );
      writeFileSync(file, "listen: [\n");
      await expect(loadExporterConfig(file, {})).rejects.toThrow(/: line \d+: expected valid YAML/);
      await expect(loadExporterConfig(join(dir, "none.yaml"), {})).rejects.toThrow(
        /none\.yaml: \(file\): expected a readable file \(ENOENT\)/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the probe budget (blackbox_exporter's rule)", () => {
  it("is min(module timeout, scrape timeout - offset); the module's without the header", () => {
    expect(probeBudgetMs(10_000, 1.5, 0.5)).toBe(1000);
    expect(probeBudgetMs(2_000, 15, 0.5)).toBe(2000);
    expect(probeBudgetMs(2_000, null, 0.5)).toBe(2000);
    expect(probeBudgetMs(10_000, 0.4, 0.5)).toBe(400);
    expect(scrapeTimeoutSeconds(undefined)).toBeNull();
    expect(scrapeTimeoutSeconds("9.5")).toBe(9.5);
    expect(scrapeTimeoutSeconds("-1")).toBeInstanceOf(Error);
  });
});
