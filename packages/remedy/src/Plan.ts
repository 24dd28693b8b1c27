/**
 * The planner (pure): an alert, the configuration, the cool-down state and the time become a
 * {@link Plan}: the tree's steps with the host, the argv (an array, never a shell string), why,
 * and whether each step will run or is a dry run, then a notification. Safe by default:
 *
 * - an act step is a dry run unless the config enables its action for the class
 *   (`actions: {container-down: {restart: true}}`);
 * - a value from the alert (the target label, the host) must pass its strict check
 *   ({@link checkArg}), or the plan is notify-only and says why;
 * - an alert acted on less than `cooldownSeconds` ago (by fingerprint) is notify-only;
 * - a resolved alert, or a class without a tree, is notify-only.
 *
 * @since 0.1.0
 * @module
 */
import type { Alert } from "./Alert.js";
import { type Classification, classify } from "./Classify.js";
import { DEFAULT_COOLDOWN_SECONDS, type RemedyConfig, rulesOf, treeOf } from "./Config.js";
import { checkArg } from "./Safety.js";
import { defaultNext, fillArgv, type Step } from "./Tree.js";

/**
 * A planned step. `onPass` / `onFail` are the id of the step to go to or an outcome.
 *
 * @since 0.1.0
 * @category models
 */
export interface PlanStep {
  readonly id: string;
  readonly kind: Step["kind"];
  readonly host: string;
  readonly argv: readonly string[];
  readonly why: string;
  readonly mode: "run" | "dry-run";
  readonly action: string | null;
  readonly expect: { readonly exit: number; readonly stdout: string | null };
  readonly delaySeconds: number;
  readonly timeoutSeconds: number | null;
  readonly onPass: string;
  readonly onFail: string;
}

/**
 * A plan for one alert.
 *
 * @since 0.1.0
 * @category models
 */
export interface Plan {
  readonly alert: Alert;
  readonly classification: Classification;
  /** The checked target (container name, unit with its suffix), or null. */
  readonly target: string | null;
  readonly host: string | null;
  /** True when nothing will run on a host: only the notification. */
  readonly notifyOnly: boolean;
  /** Why the plan is notify-only, or what it does. */
  readonly reason: string;
  readonly steps: readonly PlanStep[];
}

/**
 * When each fingerprint was last acted on (ISO-8601), for the cool-down.
 *
 * @since 0.1.0
 * @category models
 */
export type CooldownState = Readonly<Record<string, string>>;

/**
 * Options of {@link plan}: `now` for the cool-down, `dryRun` to make every step a dry run.
 *
 * @since 0.1.0
 * @category models
 */
export interface PlanOptions {
  readonly now: Date;
  readonly state?: CooldownState;
  readonly dryRun?: boolean;
}

const notifyOnly = (
  alert: Alert,
  classification: Classification,
  reason: string,
  host: string | null = null,
): Plan => ({
  alert,
  classification,
  target: null,
  host,
  notifyOnly: true,
  reason,
  steps: [],
});

/**
 * Plan the response to one alert.
 *
 * @example
 * ```ts
 * plan(alert, {}, { now: new Date() })
 * // container-down on web1 for "nginx": diagnose (run), restart (dry-run: not enabled), verify (dry-run)
 * ```
 * @since 0.1.0
 * @category planning
 */
export const plan = (alert: Alert, config: RemedyConfig, options: PlanOptions): Plan => {
  const classification = classify(alert, rulesOf(config));
  const cls = classification.class;
  if (alert.status === "resolved")
    return notifyOnly(alert, classification, "the alert is resolved: notify only");
  const tree = treeOf(config, cls);
  if (tree === undefined || tree.steps.length === 0)
    return notifyOnly(alert, classification, `no remedy for class ${cls}: notify only`);
  if (alert.host === null) return notifyOnly(alert, classification, "the alert names no host: notify only");
  const host = checkArg("host", alert.host);
  if (!host.ok) return notifyOnly(alert, classification, `unsafe host label: ${host.reason}: notify only`);
  let target: string | null = null;
  if (tree.target === "host") target = host.value;
  else if (tree.target !== "none") {
    if (classification.target === null)
      return notifyOnly(alert, classification, `no target label for class ${cls}: notify only`, host.value);
    const t = checkArg(tree.target, classification.target);
    if (!t.ok)
      return notifyOnly(
        alert,
        classification,
        `unsafe ${classification.targetLabel} label: ${t.reason}: notify only`,
        host.value,
      );
    target = t.value;
  }
  const enabled = config.actions?.[cls] ?? {};
  const last = options.state?.[alert.fingerprint];
  const cooldown = config.cooldownSeconds ?? DEFAULT_COOLDOWN_SECONDS;
  const hasAct = tree.steps.some((s) => s.kind === "act");
  if (hasAct && last !== undefined) {
    const ago = (options.now.getTime() - Date.parse(last)) / 1000;
    if (ago >= 0 && ago < cooldown)
      return notifyOnly(
        alert,
        classification,
        `acted on at ${last}, ${Math.round(ago)} s ago, within the cool-down of ${cooldown} s: notify only`,
        host.value,
      );
  }
  const ids = tree.steps.map((s) => s.id);
  // the first act that is not enabled is a dry run, and so is everything after it (a verification
  // of an action that did not happen means nothing); with --dry-run, every step is
  const cut = options.dryRun === true ? 0 : firstDryAct(tree.steps, enabled);
  const steps = tree.steps.map((s, i): PlanStep => {
    const d = defaultNext(s.kind);
    const resolve = (next: string) => (next === "next" ? (ids[i + 1] ?? "escalate") : next);
    const action = s.kind === "act" ? (s.action ?? "restart") : null;
    const mode = i >= cut ? "dry-run" : "run";
    let why = s.why ?? s.kind;
    if (options.dryRun === true) why += " (dry run: --dry-run)";
    else if (action !== null && enabled[action] !== true)
      why += ` (dry run: actions.${cls}.${action} is not enabled)`;
    else if (mode === "dry-run") why += " (dry run: after a dry-run act)";
    return {
      id: s.id,
      kind: s.kind,
      host: host.value,
      argv: fillArgv(s.argv, { target, host: host.value }),
      why,
      mode,
      action,
      expect: { exit: s.expect?.exit ?? 0, stdout: s.expect?.stdout ?? null },
      delaySeconds: s.delaySeconds ?? 0,
      timeoutSeconds: s.timeoutSeconds ?? null,
      onPass: resolve(s.onPass ?? d.onPass),
      onFail: resolve(s.onFail ?? d.onFail),
    };
  });
  const acts = steps.filter((s) => s.kind === "act");
  const reason =
    acts.length === 0
      ? `${cls}: diagnose and notify`
      : acts.every((s) => s.mode === "run")
        ? `${cls}: ${acts.map((s) => s.action).join(", ")} ${target ?? host.value} on ${host.value}`
        : `${cls}: ${acts.map((s) => s.action).join(", ")} ${target ?? host.value} on ${host.value} as a dry run`;
  return { alert, classification, target, host: host.value, notifyOnly: false, reason, steps };
};

/** Index of the first act step that is a dry run (enabled-wise), or Infinity. */
const firstDryAct = (steps: readonly Step[], enabled: Readonly<Record<string, boolean>>): number => {
  const i = steps.findIndex((s) => s.kind === "act" && enabled[s.action ?? "restart"] !== true);
  return i < 0 ? Number.POSITIVE_INFINITY : i;
};

/**
 * Plan every alert of a payload; a fingerprint seen earlier in the same payload is notify-only.
 *
 * @since 0.1.0
 * @category planning
 */
export const planAll = (alerts: readonly Alert[], config: RemedyConfig, options: PlanOptions): Plan[] => {
  const seen = new Set<string>();
  return alerts.map((a) => {
    if (seen.has(a.fingerprint))
      return notifyOnly(a, classify(a, rulesOf(config)), "the same alert twice in one payload: notify only");
    seen.add(a.fingerprint);
    return plan(a, config, options);
  });
};
