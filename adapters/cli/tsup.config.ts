import { defineConfig } from "tsup";

// The command: one file, dist/fleetlens.cjs (DESIGN.md: "bundled to one file"), so copying it to a
// VM is all an install needs. Every dependency is bundled but two, both package dependencies
// loaded only when used: better-sqlite3 (a native addon: the SQLite sink) and @e965/xlsx (required
// at run time by the inventory parser for ODS/XLSX/XLS; CSV needs nothing). Without
// splitting, esbuild compiles each dynamic import() of a verb's implementation into a module that is
// initialised when first imported: at start only the verbs' declarations run (src/bin.ts's static
// imports, checked by test/lazy.test.ts). Measured against code-split chunks: --help 0.09 s / 57 MB
// against 0.065 s / 42 MB (V8 still reads the whole file), a verb 0.14 s against 0.12 s.
export default defineConfig([
  {
    entry: { fleetlens: "src/bin.ts" },
    format: ["cjs"],
    platform: "node",
    splitting: false,
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
