import { defineConfig } from "tsup";

// The command is one self-contained file: every dependency is bundled so `npm i -g fleetlens`
// (or copying dist/fleetlens.cjs to a VM) needs nothing else.
export default defineConfig([
  {
    entry: { fleetlens: "src/bin.ts" },
    format: ["cjs"],
    platform: "node",
    // import.meta.url in the CommonJS bundle (bundled ESM dependencies call createRequire with it)
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
