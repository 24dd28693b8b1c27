/**
 * The SSH executor (I/O): runs a step's argv on a host over SSH (ssh2), with key-based login, a
 * host key check that cannot be switched off (known_hosts or a `SHA256:` fingerprint), per-host
 * address, port, user and keys ({@link sshSettingsFor}), a connect timeout, a per-step timeout and bounded output. The command line is built by
 * {@link commandLine} alone.
 *
 * @since 0.1.0
 * @module
 */
import { readFile } from "node:fs/promises";
import { Effect, Schema } from "effect";
import { Client, type ClientChannel } from "ssh2";
import { type SshConfig, sshSettingsFor, sshTargetOf } from "./Config.js";
import { fingerprintOf, knownHostsAccepts } from "./KnownHosts.js";
import { commandLine } from "./Safety.js";

/**
 * A host could not be used: unreachable, login refused, unknown host key, no key configured.
 *
 * @since 0.1.0
 * @category errors
 */
export class SshError extends Schema.TaggedError<SshError>()("SshError", {
  host: Schema.String,
  reason: Schema.String,
}) {
  override get message(): string {
    return `ssh ${this.host}: ${this.reason}`;
  }
}

/**
 * What a command did. `exitCode` is null when it was killed by a signal or timed out.
 *
 * @since 0.1.0
 * @category models
 */
export interface ExecResult {
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly truncated: boolean;
  readonly durationMs: number;
}

/**
 * Runs argv on a host. `exec` rejects with an {@link SshError} when the host cannot be used; a
 * command that fails is a result, not an error.
 *
 * @since 0.1.0
 * @category models
 */
export interface Executor {
  exec(host: string, argv: readonly string[], options: { readonly timeoutMs: number }): Promise<ExecResult>;
  close(): Promise<void>;
}

/**
 * An SSH executor for `config` (one connection per host, reused by the steps of a run).
 *
 * @since 0.1.0
 * @category executors
 */
export const sshExecutor = (config: SshConfig): Executor => {
  const maxBytes = config.maxOutputBytes ?? 65536;
  const conns = new Map<string, Promise<Client>>();
  const files = new Map<string, Promise<Buffer>>();
  const load = (path: string): Promise<Buffer> => {
    let p = files.get(path);
    if (p === undefined) {
      p = readFile(path);
      files.set(path, p);
    }
    return p;
  };

  const connect = async (host: string): Promise<Client> => {
    const fail = (reason: string) => new SshError({ host, reason });
    const to = sshSettingsFor(host, config);
    const { address, port, user } = to;
    const where = sshTargetOf(to);
    if (to.knownHosts === null && to.fingerprints.length === 0)
      throw fail(
        "no known_hosts file or host key fingerprint configured for this host: refusing to trust any key",
      );
    if (to.privateKey === null) throw fail("no private key configured for this host");
    let s: { key: Buffer; knownHosts: string | null };
    try {
      s = {
        key: await load(to.privateKey),
        knownHosts:
          to.fingerprints.length > 0 || to.knownHosts === null
            ? null
            : (await load(to.knownHosts)).toString("utf8"),
      };
    } catch (e) {
      throw fail(
        `cannot read the key or known_hosts file (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
      );
    }
    return new Promise<Client>((resolve, reject) => {
      const c = new Client();
      let hostKeyProblem: string | null = null;
      c.once("ready", () => resolve(c));
      c.once("error", (e: Error & { level?: string }) =>
        reject(
          fail(
            hostKeyProblem ??
              (e.level === "client-authentication"
                ? `login refused as ${where} (${e.message})`
                : `cannot connect to ${where} (${e.message})`),
          ),
        ),
      );
      try {
        c.connect({
          host: address,
          port,
          username: user,
          privateKey: s.key,
          ...(config.passphrase === undefined ? {} : { passphrase: config.passphrase }),
          readyTimeout: Math.round((config.connectTimeoutSeconds ?? 10) * 1000),
          hostVerifier: (key: Buffer) => {
            const fp = fingerprintOf(key);
            const ok =
              to.fingerprints.length > 0
                ? to.fingerprints.some((want) => want.replace(/=$/, "") === fp)
                : knownHostsAccepts(s.knownHosts ?? "", address, port, key);
            if (!ok) hostKeyProblem = `host key ${fp} is not known for ${address}:${port}: refused`;
            return ok;
          },
        });
      } catch (e) {
        reject(fail(`cannot connect to ${where} (${e instanceof Error ? e.message : String(e)})`));
      }
    });
  };

  const conn = (host: string): Promise<Client> => {
    let p = conns.get(host);
    if (p === undefined) {
      p = connect(host);
      conns.set(host, p);
      p.catch(() => conns.delete(host));
    }
    return p;
  };

  return {
    exec: async (host, argv, options) => {
      const c = await conn(host);
      const started = Date.now();
      return new Promise<ExecResult>((resolve, reject) => {
        c.exec(commandLine(argv), (err: Error | undefined, stream: ClientChannel) => {
          if (err) return reject(new SshError({ host, reason: `cannot start the command (${err.message})` }));
          let stdout = "";
          let stderr = "";
          let truncated = false;
          let timedOut = false;
          const take = (have: string, chunk: Buffer): string => {
            if (have.length >= maxBytes) {
              truncated = true;
              return have;
            }
            const text = have + chunk.toString("utf8");
            if (text.length > maxBytes) truncated = true;
            return text.slice(0, maxBytes);
          };
          stream.on("data", (d: Buffer) => {
            stdout = take(stdout, d);
          });
          stream.stderr.on("data", (d: Buffer) => {
            stderr = take(stderr, d);
          });
          const timer = setTimeout(() => {
            timedOut = true;
            stream.signal("KILL");
            stream.close();
            // the channel may not close on a stuck host: drop the connection too
            setTimeout(() => {
              conns.delete(host);
              c.end();
            }, 1000).unref();
          }, options.timeoutMs);
          stream.once("close", (code: number | null | undefined, signal: string | undefined) => {
            clearTimeout(timer);
            resolve({
              exitCode: timedOut || typeof code !== "number" ? null : code,
              signal: signal ?? null,
              stdout,
              stderr,
              timedOut,
              truncated,
              durationMs: Date.now() - started,
            });
          });
        });
      });
    },
    close: async () => {
      const all = [...conns.values()];
      conns.clear();
      for (const p of all) (await p.catch(() => null))?.end();
    },
  };
};

/**
 * {@link Executor.exec} as an Effect, failing with the {@link SshError}.
 *
 * @since 0.1.0
 * @category executors
 */
export const execEffect = (
  executor: Executor,
  host: string,
  argv: readonly string[],
  timeoutMs: number,
): Effect.Effect<ExecResult, SshError> =>
  Effect.tryPromise({
    try: () => executor.exec(host, argv, { timeoutMs }),
    catch: (e) => (e instanceof SshError ? e : new SshError({ host, reason: String(e) })),
  });
