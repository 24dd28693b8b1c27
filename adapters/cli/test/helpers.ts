import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { run } from "../src/main.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process with captured streams. */
export const cli = async (
  argv: string[],
  opts: { stdin?: string | Buffer; tty?: boolean; env?: Record<string, string> } = {},
): Promise<CliResult> => {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = "";
  let stderr = "";
  out.on("data", (d) => {
    stdout += d;
  });
  err.on("data", (d) => {
    stderr += d;
  });
  const stdout$ = Object.assign(out, { isTTY: opts.tty ?? false });
  const code = await run(argv, {
    stdout: stdout$,
    stderr: Object.assign(err, { isTTY: false }),
    stdin: Readable.from(opts.stdin === undefined ? [] : [Buffer.from(opts.stdin)]),
    env: { ...(opts.env ?? {}) },
    cwd: process.cwd(),
  });
  out.end();
  err.end();
  return { code, stdout, stderr };
};

export const BIN = join(__dirname, "..", "dist", "fleetlens.cjs");

/** Run the bundled command as a user would (needs `npm run build` first). */
export const bin = (argv: string[], input?: string | Buffer): CliResult => {
  if (!existsSync(BIN)) throw new Error(`${BIN} missing: run npm run build first`);
  const r = spawnSync(process.execPath, [BIN, ...argv], { input, encoding: "utf8", maxBuffer: 1 << 28 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};

/**
 * The bundled command without blocking this process: for tests whose servers (an exporter, a
 * webhook receiver) answer from this same process.
 */
export const binAsync = (argv: string[]): Promise<CliResult> =>
  new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...argv], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d) => {
      stdout += d;
    });
    p.stderr.on("data", (d) => {
      stderr += d;
    });
    p.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
