/**
 * Reading a YAML configuration file: its text, parsed, with `${ENV}` references filled in. Every
 * failure is one ConfigError naming the file (and the line for a YAML syntax error).
 */
import { readFile } from "node:fs/promises";
import { ConfigError, interpolateEnv } from "@fleetlens/core";
import { parse as parseYaml } from "yaml";

export const loadYamlFile = async (file: string, env: NodeJS.ProcessEnv): Promise<unknown> => {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new ConfigError({
      file,
      path: "(file)",
      expected: `a readable file (${(e as NodeJS.ErrnoException).code})`,
    });
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    const line = (e as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw new ConfigError({
      file,
      path: line === undefined ? "(yaml)" : `line ${line}`,
      expected: "valid YAML",
    });
  }
  return interpolateEnv(doc, env, file);
};
