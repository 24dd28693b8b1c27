/**
 * Licence usage for `/metrics`, read incrementally: per configured app, one core `LicenceUsage`
 * fed by a `flexlm-log` stream parser per log file that is kept between scrapes, and the byte
 * offset reached in each file. Each {@link LicenceSource.refresh} reads only the bytes added since
 * the last one. A log whose size fell below the offset (truncated) or whose inode changed
 * (rotated) restarts that app: a new `LicenceUsage`, every log of the app read again from its
 * start. The `lmstat -a` file and the licence files are re-read when their mtime or size change;
 * they give the issued counts, and lmstat's own samples.
 *
 * @since 0.1.0
 * @module
 */
import { open, readFile, stat } from "node:fs/promises";
import {
  countingEmit,
  emptyStats,
  issuedFromLicenceFile,
  issuedFromLmstat,
  type LicenceEvent,
  type LicenceFileLine,
  LicenceUsage,
  type LmstatRecord,
  lmstatSamples,
  mergeIssued,
  type Sample,
  type StreamParser,
  Time,
  usageSamples,
} from "@fleetlens/core/lite";
import { flexlmLicense, flexlmLog, lmstat } from "@fleetlens/parsers";
import type { LicenceAppConfig } from "./Config.js";

const CHUNK = 1 << 20;

interface LogState {
  readonly path: string;
  offset: number;
  ino: number | null;
  dev: number | null;
  parser: StreamParser | null;
}

interface Stamp {
  readonly mtimeMs: number;
  readonly size: number;
}

const same = (a: Stamp | null, b: Stamp): boolean =>
  a !== null && a.mtimeMs === b.mtimeMs && a.size === b.size;

/** A file that is not there is no error (a log may be created later): null. */
const statOrNull = async (path: string) => {
  try {
    return await stat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
};

/**
 * One licence app's state between scrapes.
 *
 * @since 0.1.0
 * @category sources
 */
export class LicenceSource {
  private usage: LicenceUsage;
  private readonly logs: LogState[];
  private lmstatStamp: Stamp | null = null;
  private lmstatRecords: LmstatRecord[] | null = null;
  private lmIssued: Map<string, number | null> = new Map();
  private fileStamps: Array<Stamp | null>;
  private fileIssued: Array<Map<string, number | null>>;
  private readonly zone: Time.Zone;
  /** Times this app's usage restarted because a log was truncated or rotated. */
  resets = 0;
  /** The last refresh's problem per file (unreadable), none when all was read. */
  problems: string[] = [];

  constructor(readonly config: LicenceAppConfig) {
    this.zone = config.zone === null ? Time.UTC : Time.zone(config.zone);
    this.logs = config.logs.map((path) => ({ path, offset: 0, ino: null, dev: null, parser: null }));
    this.fileStamps = config.licenseFiles.map(() => null);
    this.fileIssued = config.licenseFiles.map(() => new Map());
    this.usage = this.newUsage();
  }

  private issued(): Map<string, number | null> {
    return mergeIssued(this.lmIssued, ...this.fileIssued);
  }

  private newUsage(): LicenceUsage {
    return new LicenceUsage({ issued: this.issued(), keepSessions: false, keepDenials: false });
  }

  private restart(): void {
    this.usage = this.newUsage();
    for (const l of this.logs) {
      l.offset = 0;
      l.ino = null;
      l.dev = null;
      l.parser = null;
    }
    this.resets++;
  }

  private parserFor(l: LogState): StreamParser {
    if (l.parser === null) {
      const usage = this.usage;
      l.parser = flexlmLog.flexlmLogParser(
        countingEmit<LicenceEvent>(emptyStats(), (e) => usage.add(e)),
        { file: l.path, zone: this.zone },
      );
    }
    return l.parser;
  }

  /** Reads the lmstat file and the licence files when they changed; updates issued counts. */
  private async refreshIssued(): Promise<void> {
    let changed = false;
    const lm = this.config.lmstat;
    if (lm !== null) {
      const st = await statOrNull(lm);
      if (st === null) {
        if (this.lmstatRecords !== null) changed = true;
        this.lmstatStamp = null;
        this.lmstatRecords = null;
        this.lmIssued = new Map();
        this.problems.push(`${lm}: missing`);
      } else if (!same(this.lmstatStamp, st)) {
        const text = await readFile(lm);
        this.lmstatRecords = lmstat.parseLmstat(text, { file: lm }).records;
        this.lmIssued = issuedFromLmstat(this.lmstatRecords);
        this.lmstatStamp = { mtimeMs: st.mtimeMs, size: st.size };
        changed = true;
      }
    }
    for (const [i, path] of this.config.licenseFiles.entries()) {
      const st = await statOrNull(path);
      if (st === null) {
        this.problems.push(`${path}: missing`);
        continue;
      }
      if (same(this.fileStamps[i] ?? null, st)) continue;
      const lines: LicenceFileLine[] = flexlmLicense.parseFlexlmLicense(await readFile(path), {
        file: path,
      }).records;
      this.fileIssued[i] = issuedFromLicenceFile(lines, Date.now());
      this.fileStamps[i] = { mtimeMs: st.mtimeMs, size: st.size };
      changed = true;
    }
    if (changed) this.usage.setIssued(this.issued());
  }

  /** Reads what was added to one log since the last refresh; false when the app must restart. */
  private async readLog(l: LogState): Promise<boolean> {
    let fh: Awaited<ReturnType<typeof open>>;
    try {
      fh = await open(l.path, "r");
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      this.problems.push(`${l.path}: ${code === "ENOENT" ? "missing" : `unreadable (${code})`}`);
      return true;
    }
    try {
      const st = await fh.stat();
      if (l.ino !== null && (st.ino !== l.ino || st.dev !== l.dev)) return false;
      if (st.size < l.offset) return false;
      l.ino = st.ino;
      l.dev = st.dev;
      const parser = this.parserFor(l);
      const buf = Buffer.allocUnsafe(CHUNK);
      while (l.offset < st.size) {
        const { bytesRead } = await fh.read(buf, 0, Math.min(CHUNK, st.size - l.offset), l.offset);
        if (bytesRead === 0) break;
        parser.push(buf.subarray(0, bytesRead));
        l.offset += bytesRead;
      }
      return true;
    } finally {
      await fh.close();
    }
  }

  /**
   * Brings the app's usage up to date with its files. Never rejects for a missing or unreadable
   * file: that is listed in {@link LicenceSource.problems} (and `fleetlens_exporter_licence_up` is 0).
   *
   * @since 0.1.0
   */
  async refresh(): Promise<void> {
    this.problems = [];
    try {
      await this.refreshIssued();
    } catch (e) {
      this.problems.push(`issued counts: ${(e as Error).message}`);
    }
    for (let attempt = 0; attempt < 2; attempt++) {
      let restarted = false;
      for (const l of this.logs) {
        if (!(await this.readLog(l))) {
          this.restart();
          restarted = true;
          break;
        }
      }
      if (!restarted) return;
    }
  }

  /**
   * The app's samples: core's `usageSamples` of the logs, and when an lmstat file was read,
   * `lmstatSamples` of it, which then stand for the `flexlm_*` series (the server's own view;
   * the log-derived `flexlm_*` series would repeat them), the `fleetlens_licence_*` ones staying.
   *
   * @since 0.1.0
   */
  samples(): Sample[] {
    const app = this.config.app;
    const fromLog = usageSamples(this.usage.result(), { app });
    if (this.lmstatRecords === null) return fromLog;
    return [
      ...lmstatSamples(this.lmstatRecords, { app }),
      ...fromLog.filter((s) => !s.name.startsWith("flexlm_")),
    ];
  }
}

const HELP = {
  up: "Whether every file of a licence app (logs, lmstat, licence files) could be read at the last scrape.",
  resets:
    "Times a licence app's usage restarted from the start of its logs because one was truncated or rotated.",
};

/**
 * Every configured app's samples after a refresh, plus `fleetlens_exporter_licence_up{app}` and
 * `fleetlens_exporter_licence_resets_total{app}`. Refreshes run one at a time (two scrapes at
 * once do not read the same bytes twice).
 *
 * @since 0.1.0
 * @category sources
 */
export class LicenceSources {
  readonly sources: ReadonlyArray<LicenceSource>;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(apps: ReadonlyArray<LicenceAppConfig>) {
    this.sources = apps.map((a) => new LicenceSource(a));
  }

  /** Refresh every app, then collect their samples. @since 0.1.0 */
  collect(): Promise<Sample[]> {
    const run = this.chain.then(async () => {
      const out: Sample[] = [];
      const up: Sample[] = [];
      const resets: Sample[] = [];
      for (const s of this.sources) {
        await s.refresh();
        out.push(...s.samples());
        const labels = { app: s.config.app };
        up.push({
          name: "fleetlens_exporter_licence_up",
          labels,
          value: s.problems.length === 0 ? 1 : 0,
          help: HELP.up,
          type: "gauge",
        });
        resets.push({
          name: "fleetlens_exporter_licence_resets_total",
          labels,
          value: s.resets,
          help: HELP.resets,
          type: "counter",
        });
      }
      return [...out, ...up, ...resets];
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}
