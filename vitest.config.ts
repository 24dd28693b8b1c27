import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["fleetlens-source"] },
  ssr: { resolve: { conditions: ["fleetlens-source"] } },
  test: {
    include: ["packages/*/test/**/*.test.ts", "adapters/*/test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    reporters: ["default", "./scripts/summary-reporter.ts"],
  },
});
