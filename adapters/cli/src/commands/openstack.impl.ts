/**
 * `fleetlens openstack actions` (declared in openstack.ts): who did what to which instance, from
 * nova-api and nova-compute logs (or glance-api / neutron-server logs), written idempotently to
 * SQLite or MySQL, or printed with --dry-run. Configuration comes from flags, a YAML file, or the
 * seed's environment variables (MODE, DSN, TABLE, API_LOG_PATTERN, …), in that order of precedence.
 *
 * Runs on growing logs (cron): each input file is read from its checkpoint, and a request whose
 * row later lines could still change (a `POST …/action` whose compute evidence is not logged yet)
 * is not written: the deriver's state at the end of the run (`ActionDeriver.suspend`: undecided
 * requests and what they may still need) goes to the store's carry table in the same transaction
 * as the checkpoints and the run's last rows, and the next run starts from it. So a run killed at
 * any point leaves either the old checkpoints with the old carried state or the new with the new,
 * and the table after any sequence of runs is the table of one run over the whole logs. Nothing
 * waits for ever: a log counts as having reached now − --log-lag-sec, and at most
 * {@link MAX_CARRIED} requests are carried. --dry-run and stream sinks keep no state and decide
 * everything at the end of the run, as before; --replace reads every file from its start and
 * clears the carried state with the table.
 */
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { resolve } from "node:path";
import {
  ActionDeriver,
  addStats,
  ConfigError,
  decodeConfig,
  emptyStats,
  InputError,
  OpenStackAction,
  type OsLogRecord,
  type ParseStats,
  parseStream,
  redactDsn,
  UsageError,
  zone,
} from "@fleetlens/core";
import { registry } from "@fleetlens/parsers";
import {
  BatchWriter,
  carryTable,
  type FileCursor,
  open,
  readComplete,
  resume,
  type Store,
} from "@fleetlens/store";
import { Schema } from "effect";
import { glob, isDynamicPattern } from "tinyglobby";
import { flag, type Io, type Parsed, str, strs } from "../framework.js";
import { RecordWriter, reportStats, resolveFormat, statsLine } from "../output.js";
import { loadYamlFile } from "../yaml.js";

const Identifier = Schema.String.check(
  Schema.makeFilter(
    (s: string) => /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(s) || "a table name (letters, digits, _)",
  ),
);
const Positive = Schema.Finite.check(Schema.isGreaterThan(0));
const NonNegative = Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0));

/** Most requests carried from one run to the next; the oldest beyond it are decided with what is known. */
export const MAX_CARRIED = 10_000;

/** The whole configuration, after defaults, YAML, environment and flags are merged. */
export const OpenStackConfig = Schema.Struct({
  mode: Schema.Literals(["vm", "glance", "neutron"]),
  dsn: Schema.String,
  table: Schema.NullOr(Identifier),
  includeDelete: Schema.Boolean,
  deriveWindowSec: Positive,
  api: Schema.Array(Schema.String),
  compute: Schema.Array(Schema.String),
  batchSize: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 100_000 })),
  replace: Schema.Boolean,
  tz: Schema.String,
  logLagSec: NonNegative,
});
export type OpenStackConfig = typeof OpenStackConfig.Type;

const DEFAULTS: Record<string, unknown> = {
  mode: "vm",
  dsn: "sqlite:fleetlens.db",
  table: null,
  includeDelete: false,
  deriveWindowSec: 60,
  api: [],
  compute: [],
  batchSize: 1000,
  replace: false,
  tz: "UTC",
  logLagSec: 300,
};

const truthy = (name: string, v: string): boolean => {
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off|)$/i.test(v)) return false;
  throw new ConfigError({ path: name, expected: "1/true/yes or 0/false/no" });
};

const patterns = (v: string): string[] =>
  v
    .split(/[,:]?\s+|,/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The seed's container variables, mapped onto the configuration. */
export const fromEnv = (env: NodeJS.ProcessEnv): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  if (env.MODE) out.mode = env.MODE;
  if (env.DSN) out.dsn = env.DSN;
  if (env.TABLE) out.table = env.TABLE;
  if (env.INCLUDE_DELETE !== undefined) out.includeDelete = truthy("INCLUDE_DELETE", env.INCLUDE_DELETE);
  if (env.DERIVE_WINDOW_SEC !== undefined) {
    const n = Number(env.DERIVE_WINDOW_SEC);
    if (!Number.isFinite(n))
      throw new ConfigError({ path: "DERIVE_WINDOW_SEC", expected: "a number of seconds" });
    out.deriveWindowSec = n;
  }
  const mode = (out.mode as string | undefined) ?? "vm";
  const apiVar =
    mode === "glance"
      ? env.GLANCE_LOG_PATTERN
      : mode === "neutron"
        ? env.NEUTRON_LOG_PATTERN
        : env.API_LOG_PATTERN;
  if (apiVar) out.api = patterns(apiVar);
  if (env.COMPUTE_LOG_PATTERN && mode === "vm") out.compute = patterns(env.COMPUTE_LOG_PATTERN);
  return out;
};

const fromYaml = async (file: string, env: NodeJS.ProcessEnv): Promise<Record<string, unknown>> => {
  const doc = await loadYamlFile(file, env);
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== "object" || Array.isArray(doc))
    throw new ConfigError({ file, path: "(root)", expected: "a mapping" });
  const o = doc as Record<string, unknown>;
  // `patterns: {api, compute}` (the seed's config.yaml shape) or top-level api/compute.
  const p = o.patterns as Record<string, unknown> | undefined;
  const { patterns: _, ...rest } = o;
  return {
    ...rest,
    ...(p?.api !== undefined ? { api: p.api } : {}),
    ...(p?.compute !== undefined ? { compute: p.compute } : {}),
  };
};

/** defaults < YAML < environment < flags; validated once, errors name the field. */
export const resolveConfig = async (args: Parsed, env: NodeJS.ProcessEnv): Promise<OpenStackConfig> => {
  const file = str(args, "config");
  const yaml = file ? await fromYaml(file, env) : {};
  const flags: Record<string, unknown> = {};
  const s = (k: string, name = k) => {
    const v = str(args, k);
    if (v !== undefined) flags[name] = v;
  };
  s("mode");
  s("sink", "dsn");
  s("table");
  s("tz");
  if (flag(args, "include-delete")) flags.includeDelete = true;
  if (flag(args, "replace")) flags.replace = true;
  const num = (k: string, name: string) => {
    const v = str(args, k);
    if (v === undefined) return;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new UsageError({ reason: `--${k} must be a number (got "${v}")` });
    flags[name] = n;
  };
  num("derive-window-sec", "deriveWindowSec");
  num("batch-size", "batchSize");
  num("log-lag-sec", "logLagSec");
  if (strs(args, "api").length) flags.api = strs(args, "api");
  if (strs(args, "compute").length) flags.compute = strs(args, "compute");
  const merged = { ...DEFAULTS, ...yaml, ...fromEnv(env), ...flags };
  return decodeConfig(OpenStackConfig, merged, file);
};

const expand = async (globs: readonly string[], cwd: string): Promise<string[]> => {
  const out = new Set<string>();
  for (const g of globs) {
    // A plain path is kept even when missing, so the error names it (a pattern may match nothing).
    if (!isDynamicPattern(g)) {
      out.add(resolve(cwd, g));
      continue;
    }
    const found = await glob(g, { cwd, absolute: true, onlyFiles: true, expandDirectories: false });
    for (const f of found.sort()) out.add(f);
  }
  return [...out];
};

interface Source {
  readonly file: string;
  readonly cursor: FileCursor | undefined;
  end: number;
}

/**
 * Which lines the deriver can use: API access lines that change something (not GET/HEAD/OPTIONS),
 * and compute lines about an instance. The rest are counted as ignored without being parsed.
 */
const READS = ['"GET ', '"HEAD ', '"OPTIONS '];
export const relevantApi = (line: string): boolean =>
  line.includes(" HTTP/") && !READS.some((m) => line.includes(m));
export const relevantCompute = (line: string): boolean => line.includes("[instance: ");

// The same tests on a line's bytes (`bytes[start..end)`), so rejected lines are never decoded.
const HTTP_BYTES = Buffer.from(" HTTP/");
const INSTANCE_BYTES = Buffer.from("[instance: ");
const startsWith = (b: Uint8Array, at: number, end: number, w: Uint8Array): boolean => {
  if (at < 0 || at + w.length > end) return false;
  for (let k = 0; k < w.length; k++) if (b[at + k] !== w[k]) return false;
  return true;
};
const within = (i: number, end: number): boolean => i >= 0 && i < end;
export const relevantApiBytes = (b: Uint8Array, start: number, end: number): boolean => {
  // An access line's request starts at its first double quote: `"METHOD path HTTP/x"`.
  const q = b.indexOf(34, start);
  if (!within(q, end)) return false;
  const m = b[q + 1];
  if (m === 71 && b[q + 2] === 69 && b[q + 3] === 84 && b[q + 4] === 32) return false; // GET
  if (m === 72 && b[q + 2] === 69 && b[q + 3] === 65 && b[q + 4] === 68) return false; // HEAD
  if (m === 79 && b[q + 2] === 80 && b[q + 3] === 84) return false; // OPTIONS
  const h = Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf(HTTP_BYTES, q);
  return within(h, end);
};
export const relevantComputeBytes = (b: Uint8Array, start: number, end: number): boolean => {
  // `[instance: UUID]` follows the request context (`[req-… …] ` or `[-] `), or opens the message.
  const open = b.indexOf(91, start);
  if (!within(open, end)) return false;
  if (startsWith(b, open, end, INSTANCE_BYTES)) return true;
  const close = b.indexOf(93, open);
  return within(close, end) && startsWith(b, close + 2, end, INSTANCE_BYTES);
};

/**
 * The last line of each chunk is parsed whatever it says (a GET, a periodic task's line): its time
 * tells the deriver how far that log has been read, so requests are not held for lines that will
 * not come. (The parser hands the predicate the chunk it was given, and chunks end with a line.)
 */
const orLastOfChunk =
  (relevant: (b: Uint8Array, start: number, end: number) => boolean) =>
  (b: Uint8Array, start: number, end: number): boolean =>
    end + 2 >= b.length || relevant(b, start, end);

/** Records of a list of files, in order, from each file's checkpoint. */
async function* records(
  sources: Source[],
  options: {
    zone: ReturnType<typeof zone>;
    relevantBytes: (b: Uint8Array, start: number, end: number) => boolean;
  },
  stats: { value: ParseStats },
  errors: { file: string; line: number; reason: string }[],
): AsyncGenerator<OsLogRecord[]> {
  for (const src of sources) {
    const start = src.cursor?.start ?? 0;
    async function* chunks() {
      // The parser decodes each chunk before asking for the next, so one buffer can be reused.
      for await (const { chunk, end } of readComplete(src.file, start, 1 << 18, { reuse: true })) {
        src.end = end;
        yield chunk;
      }
    }
    const st = emptyStats();
    for await (const batch of parseStream(
      registry.openstack.create,
      chunks(),
      { file: src.file, zone: options.zone, relevantBytes: orLastOfChunk(options.relevantBytes) },
      st,
      (s) => {
        if (errors.length < 20) errors.push({ file: src.file, ...s });
      },
    ))
      yield batch;
    stats.value = addStats(stats.value, st);
  }
}

/**
 * Feed two time-ordered record streams to the deriver, merged by time. `closeAtEnd`: tell the
 * deriver when a stream ends (its time then holds nothing back); not when the run will be continued,
 * since the log goes on growing.
 */
const merge = async (
  api: AsyncGenerator<OsLogRecord[]>,
  compute: AsyncGenerator<OsLogRecord[]>,
  d: ActionDeriver,
  closeAtEnd: boolean,
): Promise<void> => {
  const streams = [
    {
      it: api,
      buf: [] as OsLogRecord[],
      i: 0,
      done: false,
      feed: (r: OsLogRecord) => d.api(r),
      name: "api" as const,
    },
    {
      it: compute,
      buf: [] as OsLogRecord[],
      i: 0,
      done: false,
      feed: (r: OsLogRecord) => d.compute(r),
      name: "compute" as const,
    },
  ];
  const fill = async (s: (typeof streams)[number]) => {
    while (!s.done && s.i >= s.buf.length) {
      const n = await s.it.next();
      if (n.done) {
        s.done = true;
        if (closeAtEnd) d.close(s.name);
      } else {
        s.buf = n.value;
        s.i = 0;
      }
    }
  };
  for (;;) {
    await fill(streams[0]!);
    await fill(streams[1]!);
    const live = streams.filter((s) => s.i < s.buf.length);
    if (live.length === 0) return;
    let pick = live[0]!;
    if (live.length === 2) {
      const a = live[0]!.buf[live[0]!.i]!.ts;
      const b = live[1]!.buf[live[1]!.i]!.ts;
      if (a !== null && b !== null && b < a) pick = live[1]!;
    }
    pick.feed(pick.buf[pick.i++]!);
  }
};

/** `fleetlens openstack actions` (declared in openstack.ts). */
export const actions = async (args: Parsed, io: Io): Promise<number> => {
  const cfg = await resolveConfig(args, io.env);
  let z: ReturnType<typeof zone>;
  try {
    z = zone(cfg.tz);
  } catch (e) {
    throw new ConfigError({ path: "tz", expected: (e as Error).message });
  }
  const apiFiles = await expand(cfg.api, io.cwd);
  const computeFiles = cfg.mode === "vm" ? await expand(cfg.compute, io.cwd) : [];
  if (apiFiles.length === 0)
    throw new UsageError({
      reason: `openstack actions: no API log matches ${cfg.api.length ? cfg.api.join(", ") : "(give --api GLOB)"}`,
    });
  const dryRun = flag(args, "dry-run");
  let store: Store | undefined;
  if (!dryRun) store = await open(cfg.dsn, { ...(cfg.table ? { table: cfg.table } : {}), kind: cfg.mode });
  try {
    // A store that keeps checkpoints keeps the carried state too (a stream sink keeps neither).
    const carrying = store !== undefined && store.backend !== "stream";
    const cursorOf = async (file: string): Promise<Source> => {
      try {
        await access(file, constants.R_OK);
      } catch (e) {
        throw new InputError({ file, reason: `cannot read: ${(e as NodeJS.ErrnoException).code ?? e}` });
      }
      // --replace starts over: the table, its checkpoints and its carried state are emptied.
      const saved = store && !cfg.replace ? await store.checkpoint(file) : null;
      return { file, cursor: store ? await resume(file, saved) : undefined, end: 0 };
    };
    const apiSources = await Promise.all(apiFiles.map(cursorOf));
    const computeSources = await Promise.all(computeFiles.map(cursorOf));
    const stats = { value: emptyStats() };
    const errors: { file: string; line: number; reason: string }[] = [];
    const actions: OpenStackAction[] = [];
    const writer = store
      ? new BatchWriter(store, { batchSize: cfg.batchSize, replace: cfg.replace })
      : undefined;
    const out = dryRun ? new RecordWriter(io, resolveFormat(str(args, "format"), io)) : undefined;
    const encode = Schema.encodeSync(OpenStackAction);
    let pendingAdd: Promise<void> = Promise.resolve();
    let derived = 0;
    const carried = store && carrying && !cfg.replace ? await store.carried() : [];
    let deriver: ActionDeriver;
    try {
      deriver = new ActionDeriver(
        {
          mode: cfg.mode,
          includeDelete: cfg.includeDelete,
          deriveWindowSec: cfg.deriveWindowSec,
          expectCompute: cfg.mode === "vm" && computeFiles.length > 0,
        },
        (a) => {
          derived++;
          if (out) out.write(encode(a) as Record<string, unknown>);
          else actions.push(a);
        },
        carried,
      );
    } catch (e) {
      throw new InputError({
        file: `${redactDsn(cfg.dsn)} ${carryTable}`,
        reason: `${(e as Error).message} (--replace starts over without it)`,
      });
    }
    const flushActions = async () => {
      if (writer && actions.length >= cfg.batchSize) {
        const batch = actions.splice(0);
        await writer.add(batch);
      }
      if (out) await out.maybeFlush();
    };
    const wrap = async function* (g: AsyncGenerator<OsLogRecord[]>) {
      for await (const b of g) {
        yield b;
        await pendingAdd;
        pendingAdd = flushActions();
      }
    };
    await merge(
      wrap(records(apiSources, { zone: z, relevantBytes: relevantApiBytes }, stats, errors)),
      wrap(records(computeSources, { zone: z, relevantBytes: relevantComputeBytes }, stats, errors)),
      deriver,
      !carrying,
    );
    await pendingAdd;
    let totals = { inserted: 0, duplicates: 0, rejected: 0, rejections: [] as readonly string[] };
    if (writer) {
      // What the streams' times decided cannot change: it may go in any batch.
      await writer.add(actions.splice(0));
      let carry: ReturnType<ActionDeriver["suspend"]> | undefined;
      if (carrying)
        carry = deriver.suspend({ now: Date.now(), lagMs: cfg.logLagSec * 1000, maxCarried: MAX_CARRIED });
      else deriver.end();
      // Checkpoints go with the last batch: every action derived from the lines read is in it or
      // before it, so a run killed earlier re-reads those lines and duplicates are ignored. The
      // rows decided at the end of the run and the state carried to the next go in that same
      // transaction: they depend on where this run stopped reading.
      for (const s of [...apiSources, ...computeSources])
        if (s.cursor) writer.mark(s.cursor.at(Math.max(s.end, s.cursor.start)));
      const t = await writer.end({ rows: actions.splice(0), carry });
      totals = {
        inserted: t.inserted,
        duplicates: t.duplicates,
        rejected: t.rejected,
        rejections: t.rejections,
      };
    } else deriver.end();
    if (out) await out.end();
    const d = deriver.stats();
    if (store)
      io.stderr.write(
        `fleetlens: openstack actions: ${derived} action(s) derived, ${totals.inserted} inserted, ${totals.duplicates} already present${totals.rejected ? `, ${totals.rejected} rejected (first: ${totals.rejections[0]})` : ""}${carrying ? `, ${d.carried} request(s) carried to the next run${d.overflow ? ` (${d.overflow} more decided early: at most ${MAX_CARRIED} are carried)` : ""}` : ""}, into ${redactDsn(cfg.dsn)} ${store.table}\n`,
      );
    const files = apiFiles.length + computeFiles.length;
    if (str(args, "stats") === "json") {
      // The common stats line, plus what was carried between runs (DESIGN §2: more fields welcome).
      const line = JSON.parse(statsLine("openstack", files, stats.value, errors)) as Record<string, unknown>;
      line.carry = { resumed: d.resumed, carried: d.carried, overflow: d.overflow };
      io.stderr.write(`${JSON.stringify(line)}\n`);
    } else reportStats(io, str(args, "stats"), "openstack", files, stats.value, errors);
    return 0;
  } finally {
    await store?.close();
  }
};
