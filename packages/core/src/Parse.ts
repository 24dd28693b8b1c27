/**
 * The shape every fleetlens parser shares. A parser is a push-based state machine built by a
 * {@link ParserFactory}: feed it chunks (strings or bytes, split anywhere), call `end()`, and it
 * reports through an {@link Emit}. Every unit of input (a text line, a binary record, a packet)
 * ends as exactly one of: a record, a counted skip with its line (or byte offset) and reason, or
 * an ignored unit (blank, banner, header, continuation) counted under a reason. Nothing is lost
 * silently and nothing throws on bad input.
 *
 * @since 0.1.0
 * @module
 */
import { DEFAULT_MAX_LINE, LineSplitter } from "./Lines.js";
import type { Zone } from "./Time.js";

/**
 * A unit of input that did not become a record.
 *
 * @since 0.1.0
 * @category models
 */
export interface Skip {
  /** 1-based line number for text; for binary input, the 1-based record or packet number. */
  readonly line: number;
  /** Byte offset of the unit, for binary input. */
  readonly offset?: number;
  readonly reason: string;
}

/**
 * Where a parser reports. Exactly one call per unit of input.
 *
 * @since 0.1.0
 * @category models
 */
export interface Emit<R> {
  record(r: R): void;
  skip(line: number, reason: string, offset?: number): void;
  /** A unit that carries no record by design (blank, banner, header, continuation, a logout paired into a session). */
  ignore(line: number, why: string): void;
  /** Say what was inferred (`year`: `2024 from the "wtmp begins" trailer`). Last value per key wins. */
  infer(key: string, value: string): void;
}

/**
 * Options every parser understands; each parser documents which it uses.
 *
 * @since 0.1.0
 * @category models
 */
export interface ParseOptions {
  /** Name of the input, for messages. */
  readonly file?: string;
  /** Year for inputs that print none. */
  readonly year?: number;
  /** Zone of wall-clock times in the input (default UTC). */
  readonly zone?: Zone;
  /** Date (`YYYY-MM-DD`) for inputs that print only a time of day. */
  readonly date?: string;
  /** A reference instant (epoch ms), e.g. the file's modification time, for year inference. */
  readonly reference?: number;
  /** Bound on one text line. */
  readonly maxLineLength?: number;
}

/**
 * A running parser.
 *
 * @since 0.1.0
 * @category models
 */
export interface StreamParser {
  push(chunk: string | Uint8Array): void;
  end(): void;
}

/**
 * Builds a parser that reports to `emit`.
 *
 * @since 0.1.0
 * @category models
 */
export type ParserFactory<R, O extends ParseOptions = ParseOptions> = (
  emit: Emit<R>,
  options: O,
) => StreamParser;

/**
 * What a parse accounted for. `lines === records + skipped + ignored` always holds.
 *
 * @since 0.1.0
 * @category models
 */
export interface ParseStats {
  lines: number;
  records: number;
  skipped: number;
  ignored: number;
  /** Ignored units per reason. */
  ignoredBy: Record<string, number>;
  /** What was inferred and from what. */
  inferred: Record<string, string>;
  /** The first {@link MAX_ERRORS} skips. */
  errors: Skip[];
}

/** How many skips a {@link ParseStats} keeps in `errors`. @since 0.1.0 @category constants */
export const MAX_ERRORS = 20;

/** A fresh, empty {@link ParseStats}. @since 0.1.0 @category constructors */
export const emptyStats = (): ParseStats => ({
  lines: 0,
  records: 0,
  skipped: 0,
  ignored: 0,
  ignoredBy: {},
  inferred: {},
  errors: [],
});

/**
 * An {@link Emit} that counts into `stats` and hands records and skips on.
 *
 * @since 0.1.0
 * @category constructors
 */
export const countingEmit = <R>(
  stats: ParseStats,
  onRecord: (r: R) => void,
  onSkip?: (s: Skip) => void,
): Emit<R> => ({
  record(r) {
    stats.lines++;
    stats.records++;
    onRecord(r);
  },
  skip(line, reason, offset) {
    stats.lines++;
    stats.skipped++;
    const s: Skip = offset === undefined ? { line, reason } : { line, offset, reason };
    if (stats.errors.length < MAX_ERRORS) stats.errors.push(s);
    onSkip?.(s);
  },
  ignore(_line, why) {
    stats.lines++;
    stats.ignored++;
    stats.ignoredBy[why] = (stats.ignoredBy[why] ?? 0) + 1;
  },
  infer(key, value) {
    stats.inferred[key] = value;
  },
});

/**
 * Adds two stats (for several files of one kind). Errors keep the first {@link MAX_ERRORS}.
 *
 * @since 0.1.0
 * @category combinators
 */
export const addStats = (a: ParseStats, b: ParseStats): ParseStats => {
  const ignoredBy = { ...a.ignoredBy };
  for (const [k, v] of Object.entries(b.ignoredBy)) ignoredBy[k] = (ignoredBy[k] ?? 0) + v;
  return {
    lines: a.lines + b.lines,
    records: a.records + b.records,
    skipped: a.skipped + b.skipped,
    ignored: a.ignored + b.ignored,
    ignoredBy,
    inferred: { ...a.inferred, ...b.inferred },
    errors: [...a.errors, ...b.errors].slice(0, MAX_ERRORS),
  };
};

/**
 * Builds a text parser from a per-line handler: chunking, CRLF, the final line and the length
 * bound are handled here (an over-long line is a skip). `end` runs once after the last line, for
 * parsers that hold state (pairing, pending multi-line records).
 *
 * @since 0.1.0
 * @category constructors
 */
export const lineParser = <R, O extends ParseOptions = ParseOptions>(
  make: (
    emit: Emit<R>,
    options: O,
  ) => { line(text: string, lineNo: number): void; end?(lastLineNo: number): void },
): ParserFactory<R, O> => {
  return (emit, options) => {
    const handler = make(emit, options);
    const max = options.maxLineLength ?? DEFAULT_MAX_LINE;
    const splitter = new LineSplitter((text, no, tooLong) => {
      if (tooLong) emit.skip(no, `line longer than ${max} characters`);
      else handler.line(text, no);
    }, max);
    return {
      push: (chunk) => splitter.push(chunk),
      end: () => {
        splitter.end();
        handler.end?.(splitter.lineNo);
      },
    };
  };
};

/**
 * The result of parsing a whole input.
 *
 * @since 0.1.0
 * @category models
 */
export interface ParseResult<R> {
  readonly records: R[];
  readonly skips: Skip[];
  readonly stats: ParseStats;
}

/**
 * Parse a whole input held in memory.
 *
 * @since 0.1.0
 * @category runners
 */
export const parseAll = <R, O extends ParseOptions>(
  factory: ParserFactory<R, O>,
  input: string | Uint8Array,
  options: O,
): ParseResult<R> => {
  const records: R[] = [];
  const skips: Skip[] = [];
  const stats = emptyStats();
  const p = factory(
    countingEmit<R>(
      stats,
      (r) => records.push(r),
      (s) => skips.push(s),
    ),
    options,
  );
  p.push(input);
  p.end();
  return { records, skips, stats };
};

/**
 * Parse a stream of chunks (a file stream, stdin, a socket), yielding records in batches as they
 * complete, so memory stays bounded by the batch rather than the input. `stats` is filled in as
 * the stream is read and complete when the generator finishes.
 *
 * @since 0.1.0
 * @category runners
 */
export async function* parseStream<R, O extends ParseOptions>(
  factory: ParserFactory<R, O>,
  input: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: O,
  stats: ParseStats = emptyStats(),
  onSkip?: (s: Skip) => void,
): AsyncGenerator<R[]> {
  let batch: R[] = [];
  const p = factory(
    countingEmit<R>(stats, (r) => batch.push(r), onSkip),
    options,
  );
  for await (const chunk of input) {
    p.push(chunk);
    if (batch.length > 0) {
      const out = batch;
      batch = [];
      yield out;
    }
  }
  p.end();
  if (batch.length > 0) yield batch;
}

/** Parse a stream and collect everything (for inputs known to be small). @since 0.1.0 @category runners */
export const parseStreamAll = async <R, O extends ParseOptions>(
  factory: ParserFactory<R, O>,
  input: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: O,
): Promise<ParseResult<R>> => {
  const records: R[] = [];
  const skips: Skip[] = [];
  const stats = emptyStats();
  for await (const batch of parseStream(factory, input, options, stats, (s) => skips.push(s))) {
    for (const r of batch) records.push(r);
  }
  return { records, skips, stats };
};
