/**
 * Classification (pure, data-driven): ordered rules match an alert's labels, annotations and
 * expression to a fault class (`container-down`, `service-down`, `host-down`, `disk-full`,
 * `high-cpu`, or a class of your own); the first rule that matches wins, and an alert no rule
 * matches is `unclassified` (notify only). Rules are plain data (YAML-able), checked by
 * {@link Rule}.
 *
 * @since 0.1.0
 * @module
 */
import { Schema } from "effect";
import { type Alert, alertExpr } from "./Alert.js";

/**
 * A regular expression given as text (checked when decoded).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Regex = Schema.String.check(
  Schema.makeFilter((s: string) => {
    try {
      new RegExp(s);
      return true;
    } catch (e) {
      return `a valid regular expression (${e instanceof Error ? e.message : String(e)})`;
    }
  }),
);

/**
 * A class name: kebab-case (`container-down`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const ClassName = Schema.String.check(Schema.isPattern(/^[a-z][a-z0-9-]{0,63}$/));

/**
 * One classification rule. `labels` and `annotations` map a name to a pattern the value must match
 * in full (case-insensitive, `.` matching newlines too); `expr` is searched in the alert's expression (from Prometheus's
 * `generatorURL`); every condition given must hold. `target` names the labels, first present
 * first, whose value the class's tree acts on (`{target}` in its commands).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Rule = Schema.Struct({
  class: ClassName,
  labels: Schema.optionalKey(Schema.Record(Schema.String, Regex)),
  annotations: Schema.optionalKey(Schema.Record(Schema.String, Regex)),
  expr: Schema.optionalKey(Regex),
  target: Schema.optionalKey(Schema.Array(Schema.String)),
});

/** @since 0.1.0 @category models */
export type Rule = typeof Rule.Type;

/**
 * The built-in rules, in order: disk and CPU alerts by name or expression, dead targets by
 * expression (`probe_success == 0`, `up == 0`) or name, systemd units (node_exporter's
 * `name="x.service"`, or `unit` / `service` labels), then containers (`container`, cAdvisor's
 * `name`).
 *
 * @since 0.1.0
 * @category rules
 */
export const DEFAULT_RULES: readonly Rule[] = [
  { class: "disk-full", labels: { alertname: ".*(disk|filesystem|fs).*(full|space|usage|fill).*" } },
  { class: "disk-full", expr: "node_filesystem_(avail|free)_bytes" },
  { class: "high-cpu", labels: { alertname: ".*cpu.*" } },
  { class: "high-cpu", expr: "node_cpu_seconds_total" },
  { class: "host-down", expr: "^\\s*(probe_success|up)\\s*(\\{[^}]*\\})?\\s*==\\s*0\\s*$" },
  { class: "host-down", labels: { alertname: "(instance|host|target|node)_?down|probe_?fail(ure|ed)?" } },
  { class: "service-down", labels: { name: ".+\\.service" }, target: ["name"] },
  { class: "service-down", labels: { unit: ".+" }, target: ["unit"] },
  { class: "service-down", labels: { service: ".+" }, target: ["service"] },
  { class: "container-down", labels: { container: ".+" }, target: ["container"] },
  { class: "container-down", labels: { container_name: ".+" }, target: ["container_name"] },
  { class: "container-down", labels: { name: ".+" }, target: ["name"] },
];

/**
 * What classification found: the class, the target label's value (unchecked: the planner checks
 * it), and why.
 *
 * @since 0.1.0
 * @category models
 */
export interface Classification {
  readonly class: string;
  readonly target: string | null;
  readonly targetLabel: string | null;
  readonly why: string;
}

const full = (pattern: string) => new RegExp(`^(?:${pattern})$`, "is");

const matchMap = (
  want: Readonly<Record<string, string>> | undefined,
  have: Readonly<Record<string, string>>,
): boolean =>
  want === undefined ||
  Object.entries(want).every(([k, re]) => {
    const v = have[k];
    return v !== undefined && full(re).test(v);
  });

const describe = (rule: Rule): string => {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(rule.labels ?? {})) parts.push(`label ${k}=~${v}`);
  for (const [k, v] of Object.entries(rule.annotations ?? {})) parts.push(`annotation ${k}=~${v}`);
  if (rule.expr !== undefined) parts.push(`expr =~ ${rule.expr}`);
  return parts.join(", ");
};

/**
 * Classify an alert with `rules` (first match wins).
 *
 * @example
 * ```ts
 * classify(alert, DEFAULT_RULES) // { class: "container-down", target: "nginx", targetLabel: "container", why: "…" }
 * ```
 * @since 0.1.0
 * @category classification
 */
export const classify = (alert: Alert, rules: readonly Rule[]): Classification => {
  const expr = alertExpr(alert);
  for (const [i, rule] of rules.entries()) {
    if (!matchMap(rule.labels, alert.labels) || !matchMap(rule.annotations, alert.annotations)) continue;
    if (rule.expr !== undefined && (expr === null || !new RegExp(rule.expr, "i").test(expr))) continue;
    const targetLabel = (rule.target ?? []).find((l) => alert.labels[l] !== undefined) ?? null;
    return {
      class: rule.class,
      target: targetLabel === null ? null : alert.labels[targetLabel]!,
      targetLabel,
      why: `rule ${i} (${describe(rule) || "always"})`,
    };
  }
  return { class: "unclassified", target: null, targetLabel: null, why: "no rule matched" };
};
