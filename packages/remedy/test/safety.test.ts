import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { fingerprintOf, knownHostsAccepts } from "../src/KnownHosts.js";
import { checkArg, commandLine, shellQuote } from "../src/Safety.js";

/** What the real /bin/sh makes of a command line: its words, split at NUL. */
const shWords = (line: string): string[] => {
  const r = spawnSync("/bin/sh", ["-c", `printf '%s\\0' ${line}`], { encoding: "buffer" });
  expect(r.status).toBe(0);
  const out = r.stdout.toString("utf8");
  return out === "" ? [] : out.slice(0, -1).split("\0");
};

describe("quoting", () => {
  it("quotes single quotes and shell syntax", () => {
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote("")).toBe("''");
    expect(commandLine(["docker", "restart", "a b"])).toBe("'docker' 'restart' 'a b'");
    expect(() => shellQuote("a\0b")).toThrow(/NUL/);
    expect(shWords(commandLine(["$(id)", "`id`", "a;b", "'", "\n", "*", "-x", "$HOME"]))).toEqual([
      "$(id)",
      "`id`",
      "a;b",
      "'",
      "\n",
      "*",
      "-x",
      "$HOME",
    ]);
  });

  test.prop(
    [
      fc.array(
        fc.string({ unit: "binary" }).filter((s) => !s.includes("\0")),
        { minLength: 1, maxLength: 6 },
      ),
    ],
    {
      numRuns: 150,
    },
  )("quoting then /bin/sh gives back the same arguments", (args) => {
    expect(shWords(commandLine(args))).toEqual(args);
  });
});

describe("argument checks", () => {
  it.each([
    ["container", "nginx", "nginx"],
    ["container", "my_app.v2-1", "my_app.v2-1"],
    ["unit", "nginx", "nginx.service"],
    ["unit", "getty@tty1.service", "getty@tty1.service"],
    ["host", "web1.example.org", "web1.example.org"],
    ["host", "10.0.0.7", "10.0.0.7"],
    ["host", "fe80::1", "fe80::1"],
  ] as const)("%s %j is fine", (kind, value, out) => {
    expect(checkArg(kind, value)).toEqual({ ok: true, value: out });
  });
  it.each([
    ["container", "-rm"],
    ["container", ".hidden"],
    ["container", "a".repeat(129)],
    ["container", "ng inx"],
    ["unit", "-x.service"],
    ["unit", "nginx.socket"],
    ["unit", "a/b"],
    ["host", "-oProxyCommand=id"],
    ["host", "999.1.1.1"],
    ["host", "a_b"],
    ["host", ""],
  ] as const)("%s %j is refused", (kind, value) => {
    expect(checkArg(kind, value).ok).toBe(false);
  });
});

describe("known_hosts", () => {
  const blob = Buffer.from("AAAAC3NzaC1lZDI1NTE5AAAAIAbcdefghijklmnopqrstuvwxyz012345678901", "base64");
  const other = Buffer.from("AAAAC3NzaC1lZDI1NTE5AAAAIZbcdefghijklmnopqrstuvwxyz012345678901", "base64");
  const b64 = blob.toString("base64");
  it("matches names, ports, wildcards, negation and revocation", () => {
    expect(knownHostsAccepts(`web1 ssh-ed25519 ${b64}\n`, "web1", 22, blob)).toBe(true);
    expect(knownHostsAccepts(`web1 ssh-ed25519 ${b64}\n`, "web1", 22, other)).toBe(false);
    expect(knownHostsAccepts(`web1 ssh-ed25519 ${b64}\n`, "web1", 2222, blob)).toBe(false);
    expect(knownHostsAccepts(`[web1]:2222 ssh-ed25519 ${b64}\n`, "web1", 2222, blob)).toBe(true);
    expect(knownHostsAccepts(`*.example,!bad.example ssh-ed25519 ${b64}`, "a.example", 22, blob)).toBe(true);
    expect(knownHostsAccepts(`*.example,!bad.example ssh-ed25519 ${b64}`, "bad.example", 22, blob)).toBe(
      false,
    );
    expect(
      knownHostsAccepts(`web1 ssh-ed25519 ${b64}\n@revoked web1 ssh-ed25519 ${b64}`, "web1", 22, blob),
    ).toBe(false);
    expect(fingerprintOf(blob)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });
  it("matches hashed names as ssh-keygen -H writes them", () => {
    const file = join(mkdtempSync(join(tmpdir(), "fleetlens-kh-")), "known_hosts");
    writeFileSync(file, `[127.0.0.1]:2222 ssh-ed25519 ${b64}\n`);
    expect(spawnSync("ssh-keygen", ["-H", "-f", file]).status).toBe(0);
    const hashed = readFileSync(file, "utf8");
    expect(hashed).toMatch(/^\|1\|/);
    expect(knownHostsAccepts(hashed, "127.0.0.1", 2222, blob)).toBe(true);
    expect(knownHostsAccepts(hashed, "127.0.0.2", 2222, blob)).toBe(false);
  });
});
