/**
 * Host key checks (pure computation): OpenSSH known_hosts lines (plain, wildcard, negated,
 * `[host]:port` and hashed `|1|salt|hash` names; `@revoked` keys refused, `@cert-authority` lines
 * ignored) and `SHA256:` fingerprints as `ssh-keygen -lf` prints them. There is no "accept any
 * key" mode.
 *
 * @since 0.1.0
 * @module
 */
import { createHash, createHmac } from "node:crypto";

/**
 * The `SHA256:…` fingerprint of a public key blob (the SSH wire encoding).
 *
 * @since 0.1.0
 * @category host keys
 */
export const fingerprintOf = (blob: Uint8Array): string =>
  `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;

/** A known_hosts / ssh.hosts glob (`*`, `?`, case-insensitive) as a regular expression. */
export const hostGlob = (pattern: string): RegExp =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replaceAll("*", ".*")
      .replaceAll("?", ".")}$`,
    "i",
  );

const nameMatches = (field: string, name: string): boolean => {
  if (field.startsWith("|1|")) {
    const [, , salt, hash] = field.split("|");
    if (salt === undefined || hash === undefined) return false;
    const h = createHmac("sha1", Buffer.from(salt, "base64")).update(name).digest("base64");
    return h === hash;
  }
  let hit = false;
  for (const p of field.split(",")) {
    if (p.startsWith("!")) {
      if (hostGlob(p.slice(1)).test(name)) return false;
    } else if (hostGlob(p).test(name)) hit = true;
  }
  return hit;
};

/**
 * Whether `known_hosts` text accepts `blob` as the key of `host` on `port`: true when a line for
 * that name holds this key and no `@revoked` line does.
 *
 * @since 0.1.0
 * @category host keys
 */
export const knownHostsAccepts = (text: string, host: string, port: number, blob: Uint8Array): boolean => {
  const name = port === 22 ? host : `[${host}]:${port}`;
  const key = Buffer.from(blob).toString("base64");
  let ok = false;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const fields = line.split(/\s+/);
    const marker = fields[0]!.startsWith("@") ? fields.shift()! : null;
    const [names, , b64] = fields;
    if (names === undefined || b64 === undefined || !nameMatches(names, name)) continue;
    if (b64 !== key) continue;
    if (marker === "@revoked") return false;
    if (marker === null) ok = true;
  }
  return ok;
};
