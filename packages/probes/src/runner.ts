/**
 * Running many probes: {@link sweep} probes a list of targets once with bounded concurrency
 * (`fleetlens probe --config`, the bench), and {@link startRunner} probes each target every
 * `intervalMs` until stopped (the exporter's background poller).
 *
 * Rules of {@link startRunner}:
 * - **Fixed rate.** A target is due at `start + offset + k × intervalMs`; a timer that fires late
 *   does not shift later runs, and ticks missed entirely (a blocked event loop) are skipped, not
 *   run in a burst.
 * - **Bounded concurrency.** At most `concurrency` (default 256) probes run at once; due probes
 *   beyond that wait in a first-in, first-out queue. A probe's timeout starts when it runs.
 * - **No overlap.** A target whose previous run is still queued or running when it falls due
 *   again is skipped for that tick: counted per target in {@link RunnerStats} and reported
 *   through `onSkip`.
 * - **Structured results.** `onResult` gets each {@link RunnerResult} (the target's id, the
 *   {@link ProbeResult}, when it was due, started and finished). A throwing callback does not
 *   stop the runner (the error goes to `onError`).
 * - **stop()** cancels the timers, drops queued runs, aborts running probes and resolves once
 *   they have settled; nothing is delivered after `stop()` is called.
 *
 * @since 0.1.0
 * @module
 */
import { setMaxListeners } from "node:events";
import type { ProbeResult } from "@fleetlens/core/lite";
import { Effect } from "effect";
import { DEFAULT_TIMEOUT_MS, probeEffect, type RunProbeOptions, runProbe } from "./registry.js";

/**
 * One target of a runner or a sweep.
 *
 * @since 0.1.0
 * @category models
 */
export interface RunnerTarget {
  /** Unique id; default `kind/moduleName/target`. */
  readonly id?: string | undefined;
  readonly kind: string;
  readonly target: string;
  readonly module?: Readonly<Record<string, unknown>> | undefined;
  /** The configured module's name carried in results. Default the kind. */
  readonly moduleName?: string | undefined;
  /** Period in ms (runner only). */
  readonly intervalMs?: number | undefined;
  /** Budget in ms. Default the interval (runner) capped at {@link DEFAULT_TIMEOUT_MS}, or that default. */
  readonly timeoutMs?: number | undefined;
}

/**
 * One delivered result.
 *
 * @since 0.1.0
 * @category models
 */
export interface RunnerResult {
  readonly id: string;
  readonly result: ProbeResult;
  /** Epoch ms per the runner's clock. */
  readonly dueAt: number;
  readonly startedAt: number;
  readonly finishedAt: number;
}

/**
 * Counters of a runner.
 *
 * @since 0.1.0
 * @category models
 */
export interface RunnerStats {
  readonly started: number;
  readonly completed: number;
  readonly skipped: number;
  readonly running: number;
  readonly queued: number;
  /** Skips per target id. */
  readonly skippedBy: Readonly<Record<string, number>>;
}

/**
 * The probe function a runner calls: {@link runProbe} by default (injectable for tests).
 *
 * @since 0.1.0
 * @category models
 */
export type RunFn = (
  kind: string,
  target: string,
  module: Readonly<Record<string, unknown>> | undefined,
  options: RunProbeOptions,
) => Promise<ProbeResult>;

/**
 * Timers and time for the runner (the global ones by default).
 *
 * @since 0.1.0
 * @category models
 */
export interface RunnerClock {
  now(): number;
  setTimeout(f: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Options of {@link startRunner}.
 *
 * @since 0.1.0
 * @category models
 */
export interface RunnerOptions {
  /** Most probes running at once. Default 256. */
  readonly concurrency?: number | undefined;
  readonly onResult: (r: RunnerResult) => void;
  readonly onSkip?: ((id: string, dueAt: number) => void) | undefined;
  readonly onError?: ((e: unknown) => void) | undefined;
  /** Offset of a target's first run in ms. Default 0 for all (all due at start). */
  readonly firstRunOffsetMs?: ((id: string, intervalMs: number) => number) | undefined;
  readonly run?: RunFn | undefined;
  readonly clock?: RunnerClock | undefined;
}

/**
 * A running runner.
 *
 * @since 0.1.0
 * @category models
 */
export interface Runner {
  stats(): RunnerStats;
  stop(): Promise<void>;
}

/**
 * The id of a target: its own, or `kind/moduleName/target`.
 *
 * @since 0.1.0
 * @category utils
 */
export const targetId = (t: RunnerTarget): string =>
  t.id ?? `${t.kind}/${t.moduleName ?? t.kind}/${t.target}`;

/**
 * A stable offset in [0, intervalMs) from the id (FNV-1a), as Prometheus spreads scrapes.
 *
 * @since 0.1.0
 * @category utils
 */
export const spreadOffset = (id: string, intervalMs: number): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return intervalMs > 0 ? h % Math.floor(intervalMs) : 0;
};

const systemClock: RunnerClock = {
  now: () => Date.now(),
  setTimeout: (f, ms) => setTimeout(f, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

interface Slot {
  readonly t: RunnerTarget;
  readonly id: string;
  readonly interval: number;
  readonly timeout: number;
  nextDue: number;
  timer: unknown;
  busy: boolean;
}

/**
 * Starts probing each target every `intervalMs`. Throws (synchronously, before anything runs)
 * on duplicate ids or an interval that is not a positive number: configuration errors.
 *
 * @since 0.1.0
 * @category running
 */
export const startRunner = (targets: ReadonlyArray<RunnerTarget>, options: RunnerOptions): Runner => {
  const clock = options.clock ?? systemClock;
  const run = options.run ?? (runProbe as RunFn);
  const concurrency = options.concurrency ?? 256;
  if (!(Number.isInteger(concurrency) && concurrency >= 1))
    throw new RangeError(`concurrency ${concurrency} must be an integer >= 1`);
  const slots: Slot[] = [];
  const ids = new Set<string>();
  for (const [i, t] of targets.entries()) {
    const id = targetId(t);
    if (ids.has(id)) throw new RangeError(`targets[${i}]: duplicate id ${JSON.stringify(id)}`);
    ids.add(id);
    const interval = t.intervalMs ?? Number.NaN;
    if (!(Number.isFinite(interval) && interval > 0))
      throw new RangeError(`targets[${i}] (${id}): intervalMs ${t.intervalMs} must be > 0`);
    const timeout = t.timeoutMs ?? Math.min(interval, DEFAULT_TIMEOUT_MS);
    slots.push({ t, id, interval, timeout, nextDue: 0, timer: undefined, busy: false });
  }
  let stopped = false;
  let started = 0;
  let completed = 0;
  let skipped = 0;
  const skippedBy: Record<string, number> = {};
  const queue: Array<{ slot: Slot; dueAt: number }> = [];
  const inFlight = new Set<Promise<void>>();
  const abort = new AbortController();
  // Every running probe listens on this one signal.
  setMaxListeners(concurrency + 16, abort.signal);

  const report = (f: () => void) => {
    try {
      f();
    } catch (e) {
      options.onError?.(e);
    }
  };

  const pump = () => {
    while (!stopped && inFlight.size < concurrency && queue.length > 0) {
      const { slot, dueAt } = queue.shift()!;
      const startedAt = clock.now();
      started++;
      const p = run(slot.t.kind, slot.t.target, slot.t.module, {
        timeoutMs: slot.timeout,
        signal: abort.signal,
        moduleName: slot.t.moduleName,
      })
        .then(
          (result) => {
            if (stopped) return;
            completed++;
            const finishedAt = clock.now();
            report(() => options.onResult({ id: slot.id, result, dueAt, startedAt, finishedAt }));
          },
          (e: unknown) => {
            if (!stopped) report(() => options.onError?.(e));
          },
        )
        .finally(() => {
          slot.busy = false;
          inFlight.delete(p);
          pump();
        });
      inFlight.add(p);
    }
  };

  const schedule = (slot: Slot) => {
    if (stopped) return;
    slot.timer = clock.setTimeout(() => tick(slot), Math.max(0, slot.nextDue - clock.now()));
  };

  const tick = (slot: Slot) => {
    if (stopped) return;
    const dueAt = slot.nextDue;
    if (slot.busy) {
      skipped++;
      skippedBy[slot.id] = (skippedBy[slot.id] ?? 0) + 1;
      report(() => options.onSkip?.(slot.id, dueAt));
    } else {
      slot.busy = true;
      queue.push({ slot, dueAt });
    }
    // Next due time on the fixed grid, after now (ticks missed entirely are not run in a burst).
    const now = clock.now();
    slot.nextDue += slot.interval;
    if (slot.nextDue <= now)
      slot.nextDue += Math.ceil((now - slot.nextDue + 1) / slot.interval) * slot.interval;
    schedule(slot);
    pump();
  };

  const t0 = clock.now();
  for (const slot of slots) {
    const off = options.firstRunOffsetMs?.(slot.id, slot.interval) ?? 0;
    slot.nextDue = t0 + Math.max(0, off);
    schedule(slot);
  }

  return {
    stats: () => ({
      started,
      completed,
      skipped,
      running: inFlight.size,
      queued: queue.length,
      skippedBy: { ...skippedBy },
    }),
    stop: async () => {
      if (!stopped) {
        stopped = true;
        for (const s of slots) if (s.timer !== undefined) clock.clearTimeout(s.timer);
        queue.length = 0;
        abort.abort();
      }
      await Promise.allSettled([...inFlight]);
    },
  };
};

/**
 * Options of {@link sweep}.
 *
 * @since 0.1.0
 * @category models
 */
export interface SweepOptions {
  /** Most probes at once. Default 256. */
  readonly concurrency?: number | undefined;
  /** Called as each result arrives (in completion order). */
  readonly onResult?: ((r: ProbeResult, index: number) => void) | undefined;
  /** Stops the sweep: running probes are aborted, unstarted ones never start. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Probes every target once, at most `concurrency` at a time, as an Effect (interruption aborts
 * the running probes). Results are in the targets' order.
 *
 * @since 0.1.0
 * @category running
 */
export const sweepEffect = (
  targets: ReadonlyArray<RunnerTarget>,
  options: Omit<SweepOptions, "signal"> = {},
): Effect.Effect<ProbeResult[]> =>
  Effect.forEach(
    targets,
    (t, i) =>
      probeEffect(t.kind, t.target, t.module, {
        timeoutMs: t.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        moduleName: t.moduleName,
      }).pipe(Effect.tap((r) => Effect.sync(() => options.onResult?.(r, i)))),
    { concurrency: options.concurrency ?? 256 },
  );

/**
 * {@link sweepEffect} as a Promise. With `signal` aborted it rejects (an interrupted sweep has
 * no complete result list; `onResult` has seen what finished).
 *
 * @since 0.1.0
 * @category running
 */
export const sweep = (
  targets: ReadonlyArray<RunnerTarget>,
  options: SweepOptions = {},
): Promise<ProbeResult[]> =>
  Effect.runPromise(sweepEffect(targets, options), options.signal ? { signal: options.signal } : undefined);
