import { Config, ConfigError, decodeConfig, interpolateEnv, redactDsn } from "@fleetlens/core";
import { Schema } from "effect";
import { describe, expect, it } from "vitest";

const Probe = Schema.Struct({
  target: Schema.String,
  timeout: Schema.Finite.check(Schema.isGreaterThan(0)),
});
const Conf = Schema.Struct({
  probes: Schema.Array(Probe),
  mode: Schema.Literals(["vm", "glance", "neutron"]),
});

describe("Config", () => {
  it("decodes a valid value", () => {
    expect(decodeConfig(Conf, { probes: [{ target: "a", timeout: 1 }], mode: "vm" })).toEqual({
      probes: [{ target: "a", timeout: 1 }],
      mode: "vm",
    });
  });

  it("names the field path and what was expected", () => {
    const bad = {
      probes: [{ target: "a", timeout: 1 }, { target: "b", timeout: 2 }, {}, { target: "d", timeout: -1 }],
      mode: "vm",
    };
    try {
      decodeConfig(Conf, { ...bad, probes: bad.probes.filter((p) => "target" in p) }, "fleet.yaml");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).message).toBe(
        "fleet.yaml: probes[2].timeout: expected a value greater than 0",
      );
    }
    expect(() => decodeConfig(Conf, { probes: [], mode: "nova" })).toThrow(
      /^mode: expected "vm" \| "glance" \| "neutron"$/,
    );
    expect(() => decodeConfig(Conf, { probes: [{ target: 3, timeout: 1 }], mode: "vm" })).toThrow(
      /^probes\[0\]\.target: expected string/,
    );
  });

  it("interpolates ${NAME} from the environment and names a missing one without a value", () => {
    expect(
      interpolateEnv({ dsn: "mysql://u:${DB_PASS}@h/db", list: ["${A}"] }, { DB_PASS: "s3cret", A: "x" }),
    ).toEqual({
      dsn: "mysql://u:s3cret@h/db",
      list: ["x"],
    });
    expect(() => interpolateEnv({ store: { dsn: "${NOPE}" } }, {}, "c.yaml")).toThrow(
      "c.yaml: store.dsn: expected environment variable NOPE to be set",
    );
  });

  it("redacts passwords in DSNs", () => {
    expect(redactDsn("mysql://root:pa:ss@127.0.0.1:3306/ops")).toBe("mysql://root:***@127.0.0.1:3306/ops");
    expect(redactDsn("sqlite:/var/lib/x.db")).toBe("sqlite:/var/lib/x.db");
    expect(Config.formatPath(["a", 0, "b"])).toBe("a[0].b");
  });
});
