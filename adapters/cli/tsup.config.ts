import { defineConfig } from "tsup";

// The command is one self-contained file: every dependency is bundled so `npm i -g fleetlens`
// (or copying dist/fleetlens.cjs to a VM) needs nothing else.
export default defineConfig([
  {
    entry: { fleetlens: "src/bin.ts" },
    format: ["cjs"],
    platform: "node",
    target: "node20",
    noExternal: [/.*/],
    sourcemap: true,
    clean: true,
    banner: { js: "#!/usr/bin/env node" },
    outExtension: () => ({ js: ".cjs" }),
  },
  {
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    platform: "node",
    target: "node20",
    dts: true,
    tsconfig: "tsconfig.build.json",
    noExternal: [/.*/],
    sourcemap: true,
  },
]);
