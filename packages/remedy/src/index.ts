/**
 * @fleetlens/remedy: from an alert to a safe repair. Intake (Alertmanager and Grafana webhooks),
 * data-driven classification, decision trees as data, a pure planner that is safe by default
 * (dry runs unless enabled, strict argument checks, a cool-down), an SSH executor that checks host
 * keys, and notifiers.
 *
 * @since 0.1.0
 * @module
 */
export * from "./Alert.js";
export * from "./Classify.js";
export * from "./Config.js";
export * from "./KnownHosts.js";
export * from "./Notify.js";
export * from "./Plan.js";
export * from "./Run.js";
export * from "./Safety.js";
export * from "./Ssh.js";
export * from "./Tree.js";
