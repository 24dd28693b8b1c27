/**
 * Reading a YAML configuration file: its text, parsed, with `${ENV}` references filled in. Every
 * failure is one ConfigError naming the file (and the line for a YAML syntax error). The one
 * loader is the exporter's, so `serve`, `probe --config` and `openstack actions --config` read
 * files the same way.
 */
export { loadYamlFile } from "@fleetlens/exporter/yaml";
