/**
 * Times in records: epoch milliseconds in memory, ISO-8601 strings on the wire.
 *
 * @since 0.1.0
 * @module
 */
import { Schema, SchemaTransformation } from "effect";
import { formatIso, parseIso } from "../Time.js";

/**
 * An instant: a number of epoch milliseconds (`Type`) encoded as an ISO-8601 string with an offset
 * (`Encoded`), e.g. `2024-03-01T09:15:00Z` or `2026-11-21T20:43:48.099948Z`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const IsoTime = Schema.String.pipe(
  Schema.decodeTo(
    Schema.Finite,
    SchemaTransformation.transform({
      decode: (s: string) => parseIso(s),
      encode: (ms: number) => formatIso(ms),
    }),
  ),
);
