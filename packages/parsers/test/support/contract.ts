/**
 * The contract every parser test checks, in one place: fixture pairs (`fixtures/<kind>/<name>.txt`
 * beside `<name>.json`) parse to exactly the expected records with every line accounted for, and a
 * parser fed its input in arbitrary chunks reports exactly what a whole-input parse reports.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import {
  countingEmit,
  emptyStats,
  type ParseResult,
  type ParserFactory,
  type ParseStats,
  type Skip,
  splitLines,
} from "@fleetlens/core";
import { Schema } from "effect";
import { describe, expect, it } from "vitest";

/** `packages/parsers/test/fixtures/<kind>`. */
export const fixtureDir = (kind: string): string => join(import.meta.dirname, "..", "fixtures", kind);

/** The fixture names in `dir`: files ending in `ext`, without it. */
export const fixtureCases = (dir: string, ext = ".txt"): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .map((f) => f.slice(0, -ext.length));

/** `<dir>/<name>.json`, parsed (not yet decoded). */
export const readFixtureJson = (dir: string, name: string): unknown =>
  JSON.parse(readFileSync(join(dir, `${name}.json`), "utf8"));

/** The `<dir>/<name>.options.json` sidecar, parsed, or `{}` when there is none. */
export const optionsSidecar = (dir: string, name: string): Record<string, unknown> => {
  const f = join(dir, `${name}.options.json`);
  return existsSync(f) ? JSON.parse(readFileSync(f, "utf8")) : {};
};

/** Text lines in `input` as the parsers count them (bytes are decoded as UTF-8). */
export const countLines = (input: string | Uint8Array): number =>
  splitLines(typeof input === "string" ? input : new TextDecoder().decode(input)).length;

/** Every unit is a record, a skip or an ignore; and, when given, there are `lines` of them. */
export const expectAccounted = (stats: ParseStats, lines?: number): void => {
  if (lines !== undefined) expect(stats.lines).toBe(lines);
  expect(stats.records + stats.skipped + stats.ignored).toBe(stats.lines);
};

/** Records survive a Schema encode -> decode round trip unchanged. */
export const expectSchemaRoundTrip = <R>(schema: Schema.Codec<R, unknown>, records: R[]): void => {
  const array = Schema.Array(schema);
  expect(Schema.decodeUnknownSync(array)(Schema.encodeSync(array)(records))).toEqual(records);
};

export interface FixtureSpec<R, O> {
  /** The `describe` title. */
  readonly title: string;
  /** The fixture directory (see {@link fixtureDir}). */
  readonly dir: string;
  /** The record schema the expected JSON is decoded with. */
  readonly schema: Schema.Codec<R, unknown>;
  /** At least this many fixture pairs must exist. */
  readonly minCases: number;
  /** Input file extension (default `.txt`). */
  readonly ext?: string;
  /** Read the input as UTF-8 text instead of bytes. */
  readonly utf8?: boolean;
  readonly parse: (input: string | Uint8Array, options?: O) => ParseResult<R>;
  /** Options per fixture; without this the parser is called with none. */
  readonly options?: (name: string, json: unknown) => O;
  /** The expected records inside the JSON file (default: the whole file). */
  readonly recordsOf?: (json: unknown) => unknown;
  /** Skip the Schema round trip (default: checked). */
  readonly noRoundTrip?: boolean;
  /** More assertions for one fixture, after the contract's. */
  readonly also?: (name: string, r: ParseResult<R>, expected: R[], input: string | Uint8Array) => void;
}

/**
 * Registers "has fixture pairs" and one `it` per fixture asserting: records equal the decoded
 * expected JSON, no skips, `lines` equals the input's line count, records + ignored === lines, and
 * the records round-trip through the Schema.
 */
export const describeFixtures = <R, O>(spec: FixtureSpec<R, O>): void => {
  const ext = spec.ext ?? ".txt";
  const decode = Schema.decodeUnknownSync(Schema.Array(spec.schema));
  describe(spec.title, () => {
    const cases = fixtureCases(spec.dir, ext);
    it("has fixture pairs", () => {
      expect(cases.length).toBeGreaterThanOrEqual(spec.minCases);
    });
    for (const name of cases) {
      it(name, () => {
        const file = join(spec.dir, `${name}${ext}`);
        const input = spec.utf8 ? readFileSync(file, "utf8") : readFileSync(file);
        const json = readFixtureJson(spec.dir, name);
        const expected = decode(spec.recordsOf ? spec.recordsOf(json) : json) as R[];
        const r = spec.options ? spec.parse(input, spec.options(name, json)) : spec.parse(input);
        expect(r.records).toEqual(expected);
        expect(r.skips).toEqual([]);
        expect(r.stats.skipped).toBe(0);
        expect(r.stats.lines).toBe(countLines(input));
        expect(r.stats.records + r.stats.ignored).toBe(r.stats.lines);
        if (!spec.noRoundTrip) expectSchemaRoundTrip(spec.schema, r.records);
        spec.also?.(name, r, expected, input);
      });
    }
  });
};

/** `data` cut at each of `cuts` (taken modulo `length + 1`, deduplicated, in order); pieces may be empty. */
export const splitAt = <T extends string | Uint8Array>(data: T, cuts: number[]): T[] => {
  const at = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
  const chunks: T[] = [];
  let prev = 0;
  for (const c of [...at, data.length]) {
    chunks.push(data.slice(prev, c) as T);
    prev = c;
  }
  return chunks;
};

/** Feed `chunks` to a fresh parser and collect what a whole parse collects. */
export const parseChunks = <R, O extends object>(
  factory: ParserFactory<R, O>,
  chunks: (string | Uint8Array)[],
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
  for (const c of chunks) p.push(c);
  p.end();
  return { records, skips, stats };
};

/**
 * Parsing `text` cut at `cuts` (as UTF-8 bytes when `bytes`) gives exactly what parsing it whole
 * gives: records, skips and stats.
 */
export const expectSplitAnywhere = <R, O extends object>(
  factory: ParserFactory<R, O>,
  text: string,
  cuts: number[],
  bytes: boolean,
  options: O,
): void => {
  const whole = parseChunks(factory, [text], options);
  const data: string | Uint8Array = bytes ? new TextEncoder().encode(text) : text;
  expect(parseChunks(factory, splitAt(data, cuts), options)).toEqual(whole);
};

/** Registers the property "sniff stays within 0..1" over arbitrary bytes. */
export const testSniffRange = (sniff: (b: Uint8Array) => number): void => {
  test.prop([fc.uint8Array({ maxLength: 300 })])("sniff stays within 0..1", (b) => {
    const c = sniff(b);
    expect(c).toBeGreaterThanOrEqual(0);
    expect(c).toBeLessThanOrEqual(1);
  });
};

/** Any byte. */
export const byteArb = fc.integer({ min: 0, max: 255 });

/** A MAC address in the canonical lower-case colon form (`00:1a:2b:3c:4d:5e`). */
export const macArb = fc
  .array(byteArb, { minLength: 6, maxLength: 6 })
  .map((b) => b.map((x) => x.toString(16).padStart(2, "0")).join(":"));
