import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, expect, it, vi } from "vitest";

afterEach(() => vi.restoreAllMocks());

it("README embeds examples/plan.ts and shows its output", async () => {
  const root = join(__dirname, "..");
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const source = readFileSync(join(root, "examples", "plan.ts"), "utf8");
  expect(readme, "README out of date: copy examples/plan.ts into it").toContain(source);
  const printed: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    printed.push(args.map(String).join(" "));
  });
  await import(join(root, "examples", "plan.ts"));
  const shown = readme.split("prints\n\n```\n")[1]!.split("```")[0]!.trim().split("\n");
  expect(printed).toEqual(shown);
});
