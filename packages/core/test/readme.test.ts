import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

// Each package README embeds an example file verbatim; the example must run and print what the
// README says it prints.
const cases = [
  { pkg: "core", example: "idle.ts" },
  { pkg: "parsers", example: "parse.ts" },
];

afterEach(() => vi.restoreAllMocks());

describe("package README examples", () => {
  for (const { pkg, example } of cases) {
    it(`${pkg}: README embeds examples/${example} and shows its output`, async () => {
      const root = join(__dirname, "..", "..", pkg);
      const readme = readFileSync(join(root, "README.md"), "utf8");
      const source = readFileSync(join(root, "examples", example), "utf8");
      expect(readme, "README out of date: run node scripts/readme-examples.mjs").toContain(source);
      const printed: string[] = [];
      vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
        printed.push(args.map(String).join(" "));
      });
      await import(join(root, "examples", example));
      const shown = readme.split("prints\n\n```\n")[1]!.split("```")[0]!.trim().split("\n");
      expect(printed).toEqual(shown);
    });
  }
});
