/**
 * The GitHub Action's work, apart from GitHub: read the inputs, expand the globs, parse every file
 * with the fleetlens parser of its kind, report each skipped line as an error annotation on that
 * file and line, write the outputs and a job summary, and say whether the check passed.
 *
 * GitHub's conventions used here: inputs arrive as `INPUT_<NAME>` environment variables (name
 * upper-cased, spaces to underscores, hyphens kept); `::error file=F,line=N,title=T::message` on
 * stdout makes an annotation (`%`, CR and LF escaped in messages, and `:` and `,` too in
 * properties); outputs are `name=value` lines appended to the file named by `GITHUB_OUTPUT`; the
 * job summary is Markdown appended to `GITHUB_STEP_SUMMARY`; a non-zero exit fails the step.
 */
import { createReadStream } from "node:fs";
import { appendFile, readdir, stat } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import {
  emptyStats,
  type ParseOptions,
  type ParseStats,
  parseStream,
  type Skip,
  zone,
} from "@fleetlens/core/lite";
import { isKind, KINDS, type Kind, registry, sniffKinds } from "@fleetlens/parsers";

/** Annotations written per file at the most (GitHub shows only the first few per step anyway). */
export const MAX_ANNOTATIONS_PER_FILE = 20;

export interface Inputs {
  readonly patterns: readonly string[];
  readonly kind: Kind | "auto";
  readonly maxSkipped: number;
  readonly options: ParseOptions;
}

/** A problem with the inputs: the step fails with this one line. */
export class InputProblem extends Error {}

const input = (env: Readonly<Record<string, string | undefined>>, name: string): string =>
  (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();

/** The action's inputs from the environment, checked. Throws {@link InputProblem}. */
export const readInputs = (env: Readonly<Record<string, string | undefined>>): Inputs => {
  const patterns = input(env, "files")
    .split(/\s+/)
    .filter((p) => p !== "");
  if (patterns.length === 0) throw new InputProblem("input files: give at least one file or glob");
  const kindText = input(env, "kind") || "auto";
  if (kindText !== "auto" && !isKind(kindText))
    throw new InputProblem(`input kind: "${kindText}" is not one of ${KINDS.join(", ")}, auto`);
  const maxText = input(env, "max-skipped") || "0";
  if (!/^\d+$/.test(maxText)) throw new InputProblem(`input max-skipped: "${maxText}" is not a whole number`);
  const options: { year?: number; date?: string; zone?: ReturnType<typeof zone> } = {};
  const year = input(env, "year");
  if (year !== "") {
    if (!/^\d{4}$/.test(year)) throw new InputProblem(`input year: "${year}" is not a four-digit year`);
    options.year = Number(year);
  }
  const date = input(env, "date");
  if (date !== "") {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))
      throw new InputProblem(`input date: "${date}" is not YYYY-MM-DD`);
    options.date = date;
  }
  const tz = input(env, "tz");
  if (tz !== "") {
    try {
      options.zone = zone(tz);
    } catch (e) {
      throw new InputProblem(`input tz: ${(e as Error).message}`);
    }
  }
  return { patterns, kind: kindText as Kind | "auto", maxSkipped: Number(maxText), options };
};

const escapeRegex = (s: string): string => s.replace(/[.+^${}()|[\]\\]/g, "\\$&");

/** A glob (`*`, `**`, `?`; `/` separated) as a regular expression over relative paths. */
export const globRegex = (glob: string): RegExp => {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === "*") {
      if (glob[i + 1] === "*") {
        const slash = glob[i + 2] === "/";
        out += slash ? "(?:[^/]*/)*" : ".*";
        i += slash ? 2 : 1;
      } else out += "[^/]*";
    } else if (c === "?") out += "[^/]";
    else out += escapeRegex(c);
  }
  return new RegExp(`^${out}$`);
};

const walk = async (dir: string, out: string[]): Promise<void> => {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.name === ".git" || e.name === "node_modules") continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile()) out.push(p);
  }
};

/**
 * Files named by the patterns, relative to `cwd`, sorted, without repeats. A pattern without
 * wildcards names one file (which must exist); a pattern with wildcards must match at least one.
 * Throws {@link InputProblem}.
 */
export const expandGlobs = async (patterns: readonly string[], cwd: string): Promise<string[]> => {
  const found = new Set<string>();
  for (const pattern of patterns) {
    if (!/[*?]/.test(pattern)) {
      const s = await stat(resolve(cwd, pattern)).catch(() => null);
      if (s === null || !s.isFile()) throw new InputProblem(`input files: ${pattern}: no such file`);
      found.add(relative(cwd, resolve(cwd, pattern)).split(sep).join("/"));
      continue;
    }
    const parts = pattern.split("/");
    const fixed: string[] = [];
    while (parts.length > 1 && !/[*?]/.test(parts[0] as string)) fixed.push(parts.shift() as string);
    const base = resolve(cwd, fixed.join("/") || ".");
    const re = globRegex(parts.join("/"));
    const files: string[] = [];
    await walk(base, files);
    let n = 0;
    for (const f of files) {
      if (!re.test(relative(base, f).split(sep).join("/"))) continue;
      found.add(relative(cwd, f).split(sep).join("/"));
      n++;
    }
    if (n === 0) throw new InputProblem(`input files: ${pattern}: matched no file`);
  }
  return [...found].sort();
};

/** `%`, CR, LF escaped for a workflow command's message; `:` and `,` too for a property. */
export const escapeData = (s: string): string =>
  s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
export const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

export interface FileResult {
  readonly file: string;
  readonly kind: Kind;
  readonly stats: ParseStats;
}

const HEAD = 65536;

const headOf = async (path: string): Promise<Uint8Array> => {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of createReadStream(path, { end: HEAD - 1 })) {
    chunks.push(c as Buffer);
    n += (c as Buffer).length;
  }
  return Buffer.concat(chunks, n);
};

/** Parses one file (streamed), calling `onSkip` for every skipped line. */
export const checkFile = async (
  file: string,
  cwd: string,
  kindInput: Kind | "auto",
  options: ParseOptions,
  onSkip: (s: Skip) => void,
): Promise<FileResult | { readonly file: string; readonly error: string }> => {
  const path = resolve(cwd, file);
  let kind: Kind;
  if (kindInput === "auto") {
    const [best] = sniffKinds(await headOf(path));
    if (best === undefined || best.confidence < 0.3)
      return { file, error: "cannot tell its kind: name it with the kind input" };
    kind = best.kind;
  } else kind = kindInput;
  const stats = emptyStats();
  const chunks = createReadStream(path, { highWaterMark: 1 << 16 }) as AsyncIterable<Uint8Array>;
  for await (const _batch of parseStream(registry[kind].create as never, chunks, options, stats, onSkip)) {
    // records are counted in stats; the check keeps none
  }
  return { file, kind, stats };
};

export interface Io {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly write: (s: string) => void;
}

/** Runs the check; returns the exit code (0 passed, 1 failed). Never throws. */
export const run = async (io: Io): Promise<number> => {
  let inputs: Inputs;
  let files: string[];
  try {
    inputs = readInputs(io.env);
    files = await expandGlobs(inputs.patterns, io.cwd);
  } catch (e) {
    io.write(`::error title=fleetlens check::${escapeData((e as Error).message)}\n`);
    return 1;
  }
  const rows: string[] = [];
  let records = 0;
  let skipped = 0;
  let broken = 0;
  for (const file of files) {
    let shown = 0;
    const r = await checkFile(file, io.cwd, inputs.kind, inputs.options, (s) => {
      if (shown++ >= MAX_ANNOTATIONS_PER_FILE) return;
      const at = s.offset === undefined ? "" : ` (byte ${s.offset})`;
      io.write(
        `::error file=${escapeProperty(file)},line=${s.line},title=${escapeProperty("fleetlens: line skipped")}::${escapeData(`${s.reason}${at}`)}\n`,
      );
    });
    if ("error" in r) {
      broken++;
      io.write(`::error file=${escapeProperty(file)},title=fleetlens check::${escapeData(r.error)}\n`);
      rows.push(`| ${file} | unknown | - | - | - | - |`);
      continue;
    }
    records += r.stats.records;
    skipped += r.stats.skipped;
    if (shown > MAX_ANNOTATIONS_PER_FILE)
      io.write(
        `::warning file=${escapeProperty(file)},title=fleetlens check::${shown - MAX_ANNOTATIONS_PER_FILE} more skipped lines not annotated\n`,
      );
    rows.push(
      `| ${file} | ${r.kind} | ${r.stats.lines} | ${r.stats.records} | ${r.stats.skipped} | ${r.stats.ignored} |`,
    );
  }
  const passed = broken === 0 && skipped <= inputs.maxSkipped;
  const verdict = passed
    ? `fleetlens check passed: ${files.length} file(s), ${records} record(s), ${skipped} line(s) skipped (allowed ${inputs.maxSkipped})`
    : `fleetlens check failed: ${skipped} line(s) skipped (allowed ${inputs.maxSkipped})${broken > 0 ? `, ${broken} file(s) of unknown kind` : ""}`;
  io.write(passed ? `${verdict}\n` : `::error title=fleetlens check::${escapeData(verdict)}\n`);
  const outputFile = io.env.GITHUB_OUTPUT;
  if (outputFile)
    await appendFile(outputFile, `files=${files.length}\nrecords=${records}\nskipped=${skipped}\n`);
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (summaryFile)
    await appendFile(
      summaryFile,
      [
        `### ${verdict}`,
        "",
        "| file | kind | lines | records | skipped | ignored |",
        "|---|---|---|---|---|---|",
        ...rows,
        "",
      ].join("\n"),
    );
  return passed ? 0 : 1;
};
