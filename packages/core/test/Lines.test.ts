import { fc, test } from "@fast-check/vitest";
import { LineSplitter, lines, splitLines } from "@fleetlens/core";
import { describe, expect, it } from "vitest";

const collect = (chunks: (string | Uint8Array)[], max?: number) => {
  const out: [string, number, boolean][] = [];
  const s = new LineSplitter((l, n, t) => out.push([l, n, t]), max);
  for (const c of chunks) s.push(c);
  s.end();
  return out;
};

const splitAt = (text: string, cuts: number[]): string[] => {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let prev = 0;
  for (const p of points) {
    out.push(text.slice(prev, p));
    prev = p;
  }
  out.push(text.slice(prev));
  return out;
};

describe("LineSplitter", () => {
  it("handles CRLF, LF and a missing final newline", () => {
    expect(splitLines("a\r\nb\nc")).toEqual(["a", "b", "c"]);
    expect(splitLines("a\n\nb\n")).toEqual(["a", "", "b"]);
    expect(splitLines("")).toEqual([]);
  });

  it("bounds long lines and reports them", () => {
    const out = collect(["x".repeat(10), "y".repeat(10), "\nok\n"], 8);
    expect(out).toEqual([
      ["x".repeat(8), 1, true],
      ["ok", 2, false],
    ]);
  });

  it("decodes UTF-8 split inside a character", () => {
    const bytes = new TextEncoder().encode("héllo\nwörld\n");
    expect(collect([bytes.slice(0, 2), bytes.slice(2, 9), bytes.slice(9)]).map((x) => x[0])).toEqual([
      "héllo",
      "wörld",
    ]);
  });

  test.prop([fc.string({ unit: fc.constantFrom("a", "b", "\n", "\r", "é") }), fc.array(fc.nat(200))])(
    "split-anywhere chunks give the same lines as the whole text",
    (text, cuts) => {
      expect(collect(splitAt(text, cuts), 16)).toEqual(collect([text], 16));
      const bytes = new TextEncoder().encode(text);
      const byteChunks = splitAt(text, cuts).map((c) => new TextEncoder().encode(c));
      expect(collect(byteChunks, 16)).toEqual(collect([bytes], 16));
    },
  );

  it("streams lines from an async iterable", async () => {
    async function* src() {
      yield "a\nb";
      yield "\nc";
    }
    const got: string[] = [];
    for await (const l of lines(src())) got.push(`${l.lineNo}:${l.text}`);
    expect(got).toEqual(["1:a", "2:b", "3:c"]);
  });
});
