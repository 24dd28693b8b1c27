/**
 * Corpus tier: real samples written by others, in ../shared/corpus/<kind>/ (see its README for
 * provenance). Every file must parse with every line accounted for; where expectations ship beside
 * a sample (jc's JSON, Loghub's structured CSV, ntc-templates' `.yml` for the Cisco outputs),
 * fleetlens must agree with them on the fields both have. The corpus lives outside the repository
 * (its licences differ); when it is absent this tier does not run. The checks themselves are in
 * support/corpus.ts, and corpus-ntc.test.ts runs them on a synthetic corpus.
 */
import { join } from "node:path";
import { describe, it } from "vitest";
import { checkCorpusSample, corpusSamples } from "./support/corpus.js";

// FLEETLENS_CORPUS points the tier at another copy of the corpus.
const corpus = process.env.FLEETLENS_CORPUS ?? join(__dirname, "..", "..", "..", "..", "shared", "corpus");
const found = corpusSamples(corpus);

describe.skipIf(found.length === 0)("corpus (../shared/corpus)", () => {
  for (const { kind, file } of found) {
    it(`${kind}: ${file.slice(corpus.length + 1)}`, () => checkCorpusSample(kind, file));
  }
});
