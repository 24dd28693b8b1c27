import { defineConfig } from "tsup";

// The command: dist/fleetlens.cjs plus dist/fleetlens-chunks/. Every dependency but the native
// better-sqlite3 is bundled, so `npm i -g fleetlens` (or copying those two to a VM) needs nothing
// else. The entry holds the verbs' declarations (help, argument parsing); each verb's
// implementation, loaded by a dynamic import() when it runs, is a chunk of its own with the code
// only it needs (effect, parsers, store, probes…), shared code in common chunks. esbuild splits
// only ESM; tsup's splitting for CommonJS splits as ESM and turns each chunk's imports into
// require()s (a dynamic import() becomes a require() when the verb runs).
export default defineConfig([
  {
    entry: { fleetlens: "src/bin.ts" },
    format: ["cjs"],
    platform: "node",
    splitting: true,
    // import.meta.url in the CommonJS chunks (bundled ESM dependencies call createRequire with it)
    shims: true,
    target: "node20",
    noExternal: [/^(?!better-sqlite3$).*/],
    // A native addon cannot be bundled: it is the command's one runtime dependency.
    external: ["better-sqlite3"],
    sourcemap: true,
    clean: true,
    banner: { js: "#!/usr/bin/env node" },
    outExtension: () => ({ js: ".cjs" }),
    esbuildOptions: (options) => {
      options.chunkNames = "fleetlens-chunks/[name]-[hash]";
    },
  },
  {
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    platform: "node",
    // import.meta.url in the CommonJS bundle (bundled ESM dependencies call createRequire with it)
    shims: true,
    target: "node20",
    dts: true,
    tsconfig: "tsconfig.build.json",
    noExternal: [/^(?!better-sqlite3$).*/],
    external: ["better-sqlite3"],
    sourcemap: true,
  },
]);
