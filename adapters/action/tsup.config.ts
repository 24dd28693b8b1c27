import { defineConfig } from "tsup";

// The action runs dist/index.cjs straight from the repository (GitHub does not install anything),
// so the bundle holds everything and is committed; test/dist.test.ts checks it is current.
export default defineConfig({
  entry: { index: "src/main.ts" },
  format: ["cjs"],
  platform: "node",
  target: "node20",
  noExternal: [/.*/],
  // the inventory parser's spreadsheet library is loaded at run time only for workbooks: not here
  external: ["@e965/xlsx"],
  shims: true,
  sourcemap: false,
  // minified: it is generated code, committed only because GitHub runs it from the repository
  minify: true,
  clean: true,
  outExtension: () => ({ js: ".cjs" }),
});
