/**
 * The GitHub Action's entry point (dist/index.cjs): runs the check in the workspace and sets the
 * exit code (non-zero fails the step).
 */
import { run } from "./check.js";

run({
  env: process.env,
  cwd: process.env.GITHUB_WORKSPACE ?? process.cwd(),
  write: (s) => process.stdout.write(s),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stdout.write(
      `::error title=fleetlens check::internal error: ${String((e as Error)?.message ?? e)}\n`,
    );
    process.exitCode = 1;
  },
);
