/**
 * Decision trees as data: per fault class, ordered steps (`diagnose`, `act`, `verify`), each a
 * command (argv, with `{target}` and `{host}` filled in from the checked alert) and what to do when
 * it passes or fails: go on (`next`), jump forward to a step id, or end with an outcome
 * (`healthy`, `recovered`, `escalate`, `notify`). Every path ends in a notification. The built-in
 * trees follow the thesis's flow (look, restart, look again, tell a person); user trees replace
 * them class by class.
 *
 * @since 0.1.0
 * @module
 */
import { ConfigError } from "@fleetlens/core";
import { Schema } from "effect";
import { Regex } from "./Classify.js";

/**
 * How a tree ends: `healthy` (the diagnosis found nothing to repair), `recovered` (acted and the
 * verification passed), `escalate` (an act or verification failed: a person must act), `notify`
 * (information only).
 *
 * @since 0.1.0
 * @category models
 */
export const OUTCOMES = ["healthy", "recovered", "escalate", "notify"] as const;

/** @since 0.1.0 @category models */
export type Outcome = (typeof OUTCOMES)[number];

/**
 * A step's pass condition: the exit status (default 0) and, if given, a pattern its stdout must
 * contain (searched, case-sensitive).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Expect = Schema.Struct({
  exit: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 255 }))),
  stdout: Schema.optionalKey(Regex),
});

/**
 * One step of a tree.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Step = Schema.Struct({
  id: Schema.String.check(Schema.isPattern(/^[a-z][a-z0-9-]{0,63}$/)),
  kind: Schema.Literals(["diagnose", "act", "verify"]),
  argv: Schema.Array(Schema.String).check(Schema.isMinLength(1)),
  /** For `act`: the action's name, which the config must enable for the class (`restart`). */
  action: Schema.optionalKey(Schema.String.check(Schema.isPattern(/^[a-z][a-z0-9-]{0,63}$/))),
  expect: Schema.optionalKey(Expect),
  why: Schema.optionalKey(Schema.String),
  delaySeconds: Schema.optionalKey(Schema.Finite.check(Schema.isBetween({ minimum: 0, maximum: 3600 }))),
  timeoutSeconds: Schema.optionalKey(Schema.Finite.check(Schema.isBetween({ minimum: 0.1, maximum: 3600 }))),
  onPass: Schema.optionalKey(Schema.String),
  onFail: Schema.optionalKey(Schema.String),
});

/** @since 0.1.0 @category models */
export type Step = typeof Step.Type;

/**
 * A tree: what `{target}` is (a container name, a systemd unit, the host itself, or nothing) and
 * its steps. No steps: notify only.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Tree = Schema.Struct({
  target: Schema.Literals(["container", "unit", "host", "none"]),
  summary: Schema.optionalKey(Schema.String),
  steps: Schema.Array(Step),
});

/** @since 0.1.0 @category models */
export type Tree = typeof Tree.Type;

/** Where a step goes by default when it passes / fails. */
export const defaultNext = (kind: Step["kind"]): { onPass: string; onFail: string } =>
  kind === "diagnose"
    ? { onPass: "healthy", onFail: "next" }
    : kind === "act"
      ? { onPass: "next", onFail: "escalate" }
      : { onPass: "recovered", onFail: "escalate" };

const running = (argv: string[], why: string, stdout: string, delaySeconds?: number): Step[] => [
  {
    id: "diagnose",
    kind: "diagnose",
    argv,
    expect: { exit: 0, stdout },
    why: `${why}?`,
  },
  {
    id: "restart",
    kind: "act",
    action: "restart",
    argv: [],
    why: "restart it",
  },
  {
    id: "verify",
    kind: "verify",
    argv,
    expect: { exit: 0, stdout },
    why: `${why} again after the restart?`,
    delaySeconds: delaySeconds ?? 10,
  },
];

const withAct = (steps: Step[], act: string[]): Step[] =>
  steps.map((s) => (s.kind === "act" ? { ...s, argv: act } : s));

/**
 * The built-in trees by class. `unclassified` has none: notify only.
 *
 * @since 0.1.0
 * @category trees
 */
export const DEFAULT_TREES: Readonly<Record<string, Tree>> = {
  "container-down": {
    target: "container",
    summary: "docker: inspect, restart, inspect again",
    steps: withAct(
      running(
        ["docker", "inspect", "-f", "{{.State.Status}}", "{target}"],
        "is the container running",
        "^running\\s*$",
      ),
      ["docker", "restart", "{target}"],
    ),
  },
  "service-down": {
    target: "unit",
    summary: "systemd: is-active, restart, is-active again",
    steps: withAct(running(["systemctl", "is-active", "{target}"], "is the unit active", "^active\\s*$"), [
      "systemctl",
      "restart",
      "{target}",
    ]),
  },
  "host-down": { target: "none", summary: "the host does not answer: tell a person", steps: [] },
  "disk-full": {
    target: "none",
    summary: "report file system use",
    steps: [
      {
        id: "df",
        kind: "diagnose",
        argv: ["df", "-P", "-k"],
        why: "file system use",
        onPass: "notify",
        onFail: "notify",
      },
    ],
  },
  "high-cpu": {
    target: "none",
    summary: "report the busiest processes",
    steps: [
      {
        id: "top",
        kind: "diagnose",
        argv: ["ps", "-eo", "pid,user,pcpu,comm", "--sort=-pcpu"],
        why: "the busiest processes",
        onPass: "notify",
        onFail: "notify",
      },
    ],
  },
};

const PLACEHOLDER = /\{(target|host)\}/g;

/**
 * Check a tree beyond its shape: unique ids, jumps only forward to existing steps or outcomes (so
 * every run ends), an `action` on every act step, `{target}` only when the tree has one. Throws a
 * ConfigError naming the path (`trees.container-down.steps[1].onFail`).
 *
 * @since 0.1.0
 * @category trees
 */
export const checkTree = (tree: Tree, path: string, file?: string): void => {
  const fail = (where: string, expected: string): never => {
    throw new ConfigError({ ...(file === undefined ? {} : { file }), path: `${path}.${where}`, expected });
  };
  const ids = tree.steps.map((s) => s.id);
  tree.steps.forEach((s, i) => {
    if (ids.indexOf(s.id) !== i) fail(`steps[${i}].id`, `an id not used before (${s.id})`);
    if (s.kind === "act" && s.action === undefined)
      fail(`steps[${i}].action`, "an action name for an act step");
    s.argv.forEach((a, j) => {
      for (const m of a.matchAll(PLACEHOLDER))
        if (m[1] === "target" && tree.target === "none")
          fail(`steps[${i}].argv[${j}]`, "no {target}: the tree's target is none");
    });
    for (const key of ["onPass", "onFail"] as const) {
      const next = s[key];
      if (next === undefined || next === "next" || (OUTCOMES as readonly string[]).includes(next)) continue;
      const at = ids.indexOf(next);
      if (at <= i) fail(`steps[${i}].${key}`, `next, ${OUTCOMES.join(", ")} or the id of a later step`);
    }
    const last = i === tree.steps.length - 1;
    const d = defaultNext(s.kind);
    if (last && (s.onPass ?? d.onPass) === "next") fail(`steps[${i}].onPass`, "an outcome (the last step)");
    if (last && (s.onFail ?? d.onFail) === "next") fail(`steps[${i}].onFail`, "an outcome (the last step)");
  });
};

/**
 * Fill `{target}` and `{host}` into a step's argv (values already checked).
 *
 * @since 0.1.0
 * @category trees
 */
export const fillArgv = (
  argv: readonly string[],
  values: { target: string | null; host: string },
): string[] =>
  argv.map((a) =>
    a.replace(PLACEHOLDER, (_, name: string) => (name === "host" ? values.host : (values.target ?? ""))),
  );
