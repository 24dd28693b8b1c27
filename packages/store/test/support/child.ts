/**
 * Bundles ingest-child.ts with esbuild into node_modules/.cache (so that better-sqlite3 and
 * mysql2, left external, resolve from the workspace) and runs it as a real child process.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../../../..");
let bundled: Promise<string> | null = null;

export const childScript = (): Promise<string> => {
  bundled ??= (async () => {
    const dir = join(root, "node_modules", ".cache", "fleetlens-store-test");
    mkdirSync(dir, { recursive: true });
    const outfile = join(dir, `ingest-child-${process.pid}.mjs`);
    await build({
      entryPoints: [join(here, "ingest-child.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      outfile,
      conditions: ["fleetlens-source"],
      external: ["better-sqlite3", "mysql2", "mysql2/*"],
      banner: {
        js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
      logLevel: "silent",
    });
    return outfile;
  })();
  return bundled;
};

export interface Child {
  readonly proc: ChildProcess;
  /** Lines printed so far. */
  readonly events: string[];
  /** Resolves when a printed line satisfies `pred`. */
  waitFor(pred: (events: string[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code (or signal) when the child ends. */
  readonly exited: Promise<{ code: number | null; signal: string | null; stderr: string }>;
  /** With `gated`, let the child start `n` more batches. */
  go(n?: number): void;
}

export const startChild = async (args: string[], options: { gated?: boolean } = {}): Promise<Child> => {
  const script = await childScript();
  const proc = spawn(process.execPath, [script, ...args], {
    stdio: [options.gated ? "pipe" : "ignore", "pipe", "pipe"],
    env: { ...process.env, FLEETLENS_GATED: options.gated ? "1" : "0" },
  });
  const go = (n = 1): void => {
    proc.stdin?.write("go\n".repeat(n));
  };
  const events: string[] = [];
  let stderr = "";
  let buf = "";
  const waiters: Array<() => void> = [];
  proc.stdout!.setEncoding("utf8").on("data", (d: string) => {
    buf += d;
    const parts = buf.split("\n");
    buf = parts.pop()!;
    events.push(...parts);
    for (const w of waiters.splice(0)) w();
  });
  proc.stderr!.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
  });
  const exited = new Promise<{ code: number | null; signal: string | null; stderr: string }>((res) =>
    proc.once("exit", (code, signal) => {
      for (const w of waiters.splice(0)) w();
      res({ code, signal, stderr });
    }),
  );
  const waitFor = (pred: (e: string[]) => boolean, timeoutMs = 30_000): Promise<void> =>
    new Promise((res, rej) => {
      const deadline = setTimeout(
        () => rej(new Error(`child: timed out; events ${events.slice(-5).join(" | ")} ${stderr}`)),
        timeoutMs,
      );
      const check = (): void => {
        if (pred(events)) {
          clearTimeout(deadline);
          res();
        } else if (proc.exitCode !== null || proc.signalCode !== null) {
          clearTimeout(deadline);
          rej(new Error(`child exited early (${proc.exitCode}): ${stderr}`));
        } else waiters.push(check);
      };
      check();
    });
  return { proc, events, waitFor, exited, go };
};
