/**
 * Running a plan (I/O through the executor and notifiers given): walk the steps from the first,
 * follow `onPass` / `onFail` by each step's result, print dry-run steps instead of running them,
 * and end with one notification of the outcome. A host that cannot be used ends the run with an
 * escalation and the {@link SshError}.
 *
 * @since 0.1.0
 * @module
 */
import { Effect } from "effect";
import type { Notification, Notifier } from "./Notify.js";
import type { Plan, PlanStep } from "./Plan.js";
import { type Executor, SshError } from "./Ssh.js";
import { OUTCOMES, type Outcome } from "./Tree.js";

/**
 * One step as it went: `passed` / `failed` (by its expectation), `dry-run` (printed, not run),
 * `not-reached`.
 *
 * @since 0.1.0
 * @category models
 */
export interface StepReport {
  readonly id: string;
  readonly kind: PlanStep["kind"];
  readonly host: string;
  readonly argv: readonly string[];
  readonly status: "passed" | "failed" | "dry-run" | "not-reached";
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly durationMs: number;
}

/**
 * The result of a run. `outcome` is the tree's (`healthy`, `recovered`, `escalate`, `notify`),
 * `dry-run` when a dry-run step ended the walk, or `unreachable`.
 *
 * @since 0.1.0
 * @category models
 */
export interface RunReport {
  readonly plan: Plan;
  readonly outcome: Outcome | "dry-run" | "unreachable";
  readonly steps: readonly StepReport[];
  /** True when an act step actually ran (for the cool-down state). */
  readonly acted: boolean;
  readonly sshError: SshError | null;
  /** Notifiers that failed, with their messages. */
  readonly notifyErrors: readonly string[];
}

/**
 * Dependencies of {@link runPlan}; `sleep` is replaceable for tests.
 *
 * @since 0.1.0
 * @category models
 */
export interface RunDeps {
  readonly executor: Executor;
  readonly notifiers: readonly Notifier[];
  readonly defaultTimeoutSeconds?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const passes = (s: PlanStep, exitCode: number | null, stdout: string): boolean =>
  exitCode === s.expect.exit && (s.expect.stdout === null || new RegExp(s.expect.stdout, "m").test(stdout));

const isOutcome = (x: string): x is Outcome => (OUTCOMES as readonly string[]).includes(x);

const summaryOf = (plan: Plan, outcome: RunReport["outcome"], sshError: SshError | null): string => {
  const what = `${plan.alert.name || "alert"} (${plan.alert.status}) on ${plan.host ?? plan.alert.host ?? "?"}: ${plan.classification.class}`;
  switch (outcome) {
    case "recovered":
      return `${what}: recovered (${plan.reason})`;
    case "healthy":
      return `${what}: the diagnosis found nothing to repair`;
    case "escalate":
      return `${what}: NOT repaired, a person must act (${plan.reason})`;
    case "dry-run":
      return `${what}: dry run, nothing changed (${plan.reason})`;
    case "unreachable":
      return `${what}: cannot reach the host (${sshError?.reason ?? "?"}), a person must act`;
    case "notify":
      return `${what}: ${plan.reason}`;
  }
};

/**
 * Run a plan and notify. Never rejects for a failing command or notifier (both are in the
 * report); rejects only on a bug.
 *
 * @since 0.1.0
 * @category running
 */
export const runPlan = async (plan: Plan, deps: RunDeps): Promise<RunReport> => {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const reports = new Map<string, StepReport>();
  let outcome: RunReport["outcome"] = "notify";
  let acted = false;
  let sshError: SshError | null = null;
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  let current = plan.steps[0];
  while (current !== undefined) {
    const s: PlanStep = current;
    if (s.mode === "dry-run") {
      outcome = "dry-run";
      break;
    }
    if (s.delaySeconds > 0) await sleep(s.delaySeconds * 1000);
    const timeoutMs = (s.timeoutSeconds ?? deps.defaultTimeoutSeconds ?? 60) * 1000;
    let result: Awaited<ReturnType<Executor["exec"]>>;
    try {
      result = await deps.executor.exec(s.host, s.argv, { timeoutMs });
    } catch (e) {
      if (!(e instanceof SshError)) throw e;
      sshError = e;
      outcome = "unreachable";
      break;
    }
    if (s.kind === "act") acted = true;
    const ok = passes(s, result.exitCode, result.stdout);
    reports.set(s.id, {
      id: s.id,
      kind: s.kind,
      host: s.host,
      argv: s.argv,
      status: ok ? "passed" : "failed",
      exitCode: result.exitCode,
      stdout: result.stdout,
      stderr: result.stderr,
      timedOut: result.timedOut,
      durationMs: result.durationMs,
    });
    const next = ok ? s.onPass : s.onFail;
    if (isOutcome(next)) {
      outcome = next;
      break;
    }
    current = byId.get(next);
    if (current === undefined) outcome = "escalate";
  }
  const steps: StepReport[] = plan.steps.map(
    (s) =>
      reports.get(s.id) ?? {
        id: s.id,
        kind: s.kind,
        host: s.host,
        argv: s.argv,
        status: s.mode === "dry-run" && outcome === "dry-run" ? "dry-run" : "not-reached",
        exitCode: null,
        stdout: "",
        stderr: "",
        timedOut: false,
        durationMs: 0,
      },
  );
  const notification: Notification = {
    kind: "fleetlens.remedy",
    outcome,
    summary: summaryOf(plan, outcome, sshError),
    alert: {
      fingerprint: plan.alert.fingerprint,
      name: plan.alert.name,
      status: plan.alert.status,
      host: plan.alert.host,
      severity: plan.alert.severity,
      source: plan.alert.source,
    },
    class: plan.classification.class,
    target: plan.target,
    steps: steps.map((s) => ({
      id: s.id,
      kind: s.kind,
      argv: s.argv,
      status: s.status,
      exitCode: s.exitCode,
      output: (s.stdout + s.stderr).slice(0, 2000),
    })),
  };
  const notifyErrors: string[] = [];
  for (const n of deps.notifiers) {
    try {
      await n.send(notification);
    } catch (e) {
      notifyErrors.push(e instanceof Error ? e.message : String(e));
    }
  }
  return { plan, outcome, steps, acted, sshError, notifyErrors };
};

/**
 * {@link runPlan} as an Effect.
 *
 * @since 0.1.0
 * @category running
 */
export const runPlanEffect = (plan: Plan, deps: RunDeps): Effect.Effect<RunReport> =>
  Effect.promise(() => runPlan(plan, deps));

/**
 * The exit code of a set of runs (DESIGN.md §2): 1 when a host could not be used or a notifier
 * failed, else 3 when one escalated (an act or verification failed), else 0.
 *
 * @since 0.1.0
 * @category running
 */
export const exitCodeOfRuns = (runs: readonly RunReport[]): 0 | 1 | 3 => {
  if (runs.some((r) => r.sshError !== null || r.notifyErrors.length > 0)) return 1;
  if (runs.some((r) => r.outcome === "escalate")) return 3;
  return 0;
};
