import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  tsconfig: "tsconfig.build.json",
  sourcemap: true,
  clean: true,
  target: "node20",
  // ssh2 stays a runtime dependency (optional native speed-ups it loads itself).
  external: ["ssh2"],
});
