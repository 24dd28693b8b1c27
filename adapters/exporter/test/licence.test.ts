/**
 * /metrics and the licence apps: FlexLM logs read incrementally between scrapes (appended OUT/IN
 * lines move the in-use and session counts), a truncated or rotated log restarts the app, lmstat
 * output stands for the flexlm_* series, and promtool accepts the whole exposition.
 */
import { spawnSync } from "node:child_process";
import {
  appendFileSync,
  copyFileSync,
  mkdtempSync,
  renameSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Serving } from "../src/index.js";
import { sampleValue, startExporter } from "./support/servers.js";

const promtool = spawnSync("sh", ["-c", "command -v promtool"], { encoding: "utf8" }).stdout.trim();
const LMSTAT = join(__dirname, "..", "..", "..", "packages", "parsers", "test", "fixtures", "lmstat");

let dir: string;
let exporter: Serving;
let log: string;
let other: string;
let lmstat: string;

const scrape = async (): Promise<string> => {
  const r = await fetch(`${exporter.url}/metrics`);
  expect(r.status).toBe(200);
  return r.text();
};

const used = (text: string, app: string, feature: string) =>
  sampleValue(text, `flexlm_feature_used{app="${app}",name="${feature}"}`);
const sessions = (text: string, app: string, feature: string) =>
  sampleValue(text, `fleetlens_licence_sessions_total{app="${app}",feature="${feature}"}`);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "fleetlens-exporter-licence-"));
  log = join(dir, "matlab.log");
  other = join(dir, "ansys.log");
  lmstat = join(dir, "lmstat.txt");
  writeFileSync(
    log,
    " 9:00:00 (lmgrd) TIMESTAMP 11/20/2026\n" +
      ' 9:01:00 (MLM) OUT: "MATLAB" alice@pc1\n' +
      ' 9:02:00 (MLM) OUT: "MATLAB" bob@pc2\n',
  );
  writeFileSync(other, " 8:00:00 (lmgrd) TIMESTAMP 11/20/2026\n");
  copyFileSync(join(LMSTAT, "flexlm-exporter--features.txt"), lmstat);
  exporter = await startExporter({
    licence: [
      { app: "matlab", logs: [log] },
      { app: "ansys", logs: [other], lmstat },
      { app: "gone", logs: [join(dir, "missing.log")] },
    ],
  });
});

afterAll(async () => {
  await exporter.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("licence usage on /metrics", () => {
  it("follows OUT and IN lines appended between scrapes", async () => {
    const first = await scrape();
    expect(used(first, "matlab", "MATLAB")).toBe(2);
    expect(sessions(first, "matlab", "MATLAB")).toBe(2);
    expect(first).toMatch(
      /^flexlm_feature_used_users\{app="matlab",name="MATLAB",user="alice",host="pc1",since="\d+"\} 1$/m,
    );

    appendFileSync(log, ' 9:10:00 (MLM) IN: "MATLAB" alice@pc1\n 9:11:00 (MLM) OUT: "MATLAB" carol@pc3\n');
    const second = await scrape();
    expect(used(second, "matlab", "MATLAB")).toBe(2);
    expect(sessions(second, "matlab", "MATLAB")).toBe(3);
    expect(second).not.toMatch(/^flexlm_feature_used_users\{[^}]*user="alice"/m);
    expect(second).toMatch(/^flexlm_feature_used_users\{[^}]*user="carol"/m);

    // A line still being written (no newline yet) waits for its end.
    appendFileSync(log, ' 9:12:00 (MLM) IN: "MATLAB" bob@p');
    expect(used(await scrape(), "matlab", "MATLAB")).toBe(2);
    appendFileSync(log, "c2\n");
    const third = await scrape();
    expect(used(third, "matlab", "MATLAB")).toBe(1);
    expect(sampleValue(third, 'fleetlens_exporter_licence_resets_total{app="matlab"}')).toBe(0);
  });

  it("a truncated log restarts the app's usage", async () => {
    writeFileSync(log, " 9:00:00 (lmgrd) TIMESTAMP 11/21/2026\n");
    const after = await scrape();
    expect(used(after, "matlab", "MATLAB")).toBeUndefined();
    expect(sampleValue(after, 'fleetlens_exporter_licence_resets_total{app="matlab"}')).toBe(1);
    appendFileSync(log, '10:00:00 (MLM) OUT: "MATLAB" dave@pc4\n');
    const again = await scrape();
    expect(used(again, "matlab", "MATLAB")).toBe(1);
    expect(sessions(again, "matlab", "MATLAB")).toBe(1);
  });

  it("a rotated log (a new file under the name) restarts it too", async () => {
    renameSync(log, `${log}.1`);
    writeFileSync(
      log,
      ' 9:00:00 (lmgrd) TIMESTAMP 11/22/2026\n 9:30:00 (MLM) OUT: "MATLAB" erin@pc5\n 9:31:00 (MLM) OUT: "MATLAB" frank@pc6\n 9:32:00 (MLM) OUT: "MATLAB" gina@pc7\n',
    );
    const after = await scrape();
    expect(used(after, "matlab", "MATLAB")).toBe(3);
    expect(sessions(after, "matlab", "MATLAB")).toBe(3);
    expect(sampleValue(after, 'fleetlens_exporter_licence_resets_total{app="matlab"}')).toBe(2);
  });

  it("lmstat output gives the flexlm_* series (no duplicates) and is re-read when it changes", async () => {
    const text = await scrape();
    expect(sampleValue(text, 'flexlm_feature_issued{app="ansys",name="feature1"}')).toBe(1814);
    expect(sampleValue(text, 'flexlm_feature_used{app="ansys",name="feature1"}')).toBe(1206);
    expect(text).toMatch(/^flexlm_server_status\{app="ansys",fqdn="host3.domain.net",master="true",/m);
    const series = text.split("\n").filter((l) => l !== "" && !l.startsWith("#"));
    const names = series.map((l) => l.slice(0, l.lastIndexOf(" ")));
    expect(new Set(names).size).toBe(names.length);

    writeFileSync(
      lmstat,
      "Users of feature1:  (Total of 2000 licenses issued;  Total of 7 licenses in use)\n",
    );
    utimesSync(lmstat, new Date(), new Date(Date.now() + 5000));
    const after = await scrape();
    expect(sampleValue(after, 'flexlm_feature_issued{app="ansys",name="feature1"}')).toBe(2000);
    expect(sampleValue(after, 'flexlm_feature_used{app="ansys",name="feature1"}')).toBe(7);
  });

  it("an app whose log is missing is up 0, the others up 1", async () => {
    const text = await scrape();
    expect(sampleValue(text, 'fleetlens_exporter_licence_up{app="gone"}')).toBe(0);
    expect(sampleValue(text, 'fleetlens_exporter_licence_up{app="matlab"}')).toBe(1);
    expect(sampleValue(text, 'fleetlens_exporter_licence_up{app="ansys"}')).toBe(1);
  });

  it.skipIf(promtool === "")("promtool check metrics accepts the whole /metrics", async () => {
    const r = spawnSync(promtool, ["check", "metrics"], { input: await scrape(), encoding: "utf8" });
    expect(`${r.status} ${r.stdout}${r.stderr}`).toBe("0 ");
  });
});
