/**
 * Reading a YAML configuration file, on its own entry point (`@fleetlens/exporter/yaml`) so that a
 * command reading a config loads neither Express nor the exporter.
 *
 * @since 0.1.0
 * @module
 */
import { readFile } from "node:fs/promises";
import { ConfigError, interpolateEnv } from "@fleetlens/core";
import { parse as parseYaml } from "yaml";

/**
 * Reads a YAML file, parses it and fills in `${ENV}` references from `env`: what every fleetlens
 * configuration file goes through before its Schema (the CLI's probe and openstack configs use it
 * too). Every failure, an unreadable file or bad YAML (with its line), is one `ConfigError` naming
 * the file.
 *
 * @since 0.1.0
 * @category decoding
 */
export const loadYamlFile = async (
  file: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<unknown> => {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new ConfigError({
      file,
      path: "(file)",
      expected: `a readable file (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
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
