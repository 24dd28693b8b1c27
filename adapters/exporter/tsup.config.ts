import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/YamlFile.ts"],
  format: ["esm", "cjs"],
  dts: true,
  tsconfig: "tsconfig.build.json",
  sourcemap: true,
  clean: true,
  target: "node20",
});
