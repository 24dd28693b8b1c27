#!/usr/bin/env node
// Copies each package's example file into its README (the block after "`examples/NAME.ts`"),
// so the README shows exactly what the test suite runs. Run after editing an example.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

for (const pkg of ["packages/core", "packages/parsers"]) {
  const readmePath = join(pkg, "README.md");
  let readme = readFileSync(readmePath, "utf8");
  for (const name of readdirSync(join(pkg, "examples"))) {
    const source = readFileSync(join(pkg, "examples", name), "utf8");
    const marker = `\`examples/${name}\``;
    const at = readme.indexOf(marker);
    if (at < 0) continue;
    const open = readme.indexOf("```ts\n", at);
    const close = readme.indexOf("```", open + 6);
    readme = `${readme.slice(0, open + 6)}${source}${readme.slice(close)}`;
  }
  writeFileSync(readmePath, readme);
}
