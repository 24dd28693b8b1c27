/**
 * Start-up: the verbs' declarations load at start, each verb's implementation only when it runs.
 *
 * The command is one bundled file (DESIGN.md: "bundled to one file"); esbuild turns each dynamic
 * import() of an implementation into a lazily initialised module inside it, so what runs at start
 * is the static import graph from src/bin.ts. That graph is checked here from the sources: it must
 * not reach an implementation, effect, or any package entry point that loads every parser, prober
 * or sink.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { CheckFailed, ConfigError, EXIT_CODES, exitCodeOf, InputError, UsageError } from "@fleetlens/core";
import { describe, expect, it } from "vitest";
import { ArgvError } from "../src/framework.js";
import { cli } from "./helpers.js";

const SRC = join(__dirname, "..", "src");

/** What a module at start may import besides local files: Node's own modules and light entries. */
const LIGHT = new Set(["@fleetlens/core/lite", "@fleetlens/parsers/kinds", "@fleetlens/probes/kinds"]);

/** Static (not type-only, not dynamic) import and re-export specifiers of a TypeScript source. */
export const staticImports = (source: string): string[] => {
  const out: string[] = [];
  const re = /^\s*(import|export)\s+(type\s+)?([^;]*?\s+from\s+)?["']([^"']+)["'];?/gm;
  for (let m = re.exec(source); m !== null; m = re.exec(source)) {
    if (m[2] !== undefined) continue; // import type / export type: erased
    if (m[1] === "export" && m[3] === undefined) continue;
    out.push(m[4] as string);
  }
  return out;
};

/** The static import graph from `entry` over local sources: files reached and outside specifiers. */
const eagerGraph = (entry: string): { files: string[]; external: Map<string, string> } => {
  const seen = new Set<string>();
  const external = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of staticImports(readFileSync(file, "utf8"))) {
      if (spec.startsWith(".")) visit(resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
      else if (!external.has(spec)) external.set(spec, relative(SRC, file));
    }
  };
  visit(entry);
  return { files: [...seen].map((f) => relative(SRC, f)), external };
};

describe("start-up (declarations eager, implementations lazy)", () => {
  it("reads static imports, and skips type-only and dynamic ones", () => {
    const src = [
      'import { a } from "./a.js";',
      'import type { B } from "b";',
      'export { c } from "./c.js";',
      'export type { D } from "d";',
      'const e = await import("./e.impl.js");',
      'import "./side.js";',
    ].join("\n");
    expect(staticImports(src)).toEqual(["./a.js", "./c.js", "./side.js"]);
  });

  it("what runs at start reaches no implementation, no effect and no heavy package entry", () => {
    const { files, external } = eagerGraph(join(SRC, "bin.ts"));
    expect(files).toContain("commands/license.ts");
    expect(files.filter((f) => f.includes(".impl"))).toEqual([]);
    const heavy = [...external].filter(([spec]) => !spec.startsWith("node:") && !LIGHT.has(spec));
    expect(heavy, "imported at start (specifier, by)").toEqual([]);
  });

  it("every verb declaration loads an implementation of its own", () => {
    const commands = join(SRC, "commands");
    for (const f of readdirSync(commands).filter((n) => n.endsWith(".ts") && !n.includes(".impl"))) {
      const text = readFileSync(join(commands, f), "utf8");
      if (!text.includes("defineCommand(")) continue;
      expect(text, f).toMatch(new RegExp(`import\\("\\./${f.replace(/\.ts$/, "")}\\.impl\\.js"\\)`));
    }
  });

  it("an argument error is a usage error (exit 2) like core's", async () => {
    const errors = [
      new InputError({ file: "f", reason: "r" }),
      new ConfigError({ path: "p", expected: "e" }),
      new UsageError({ reason: "r" }),
      new CheckFailed({ reason: "r" }),
    ];
    expect(Object.keys(EXIT_CODES).sort()).toEqual(errors.map((e) => e._tag).sort());
    expect(errors.map(exitCodeOf)).toEqual([1, 2, 2, 3]);
    expect(exitCodeOf(new ArgvError({ reason: "r" }))).toBe(2);
    const r = await cli(["parse"]);
    expect(r).toMatchObject({ code: 2, stderr: "fleetlens: fleetlens parse: missing argument kind\n" });
  });
});
