/**
 * Sink URLs. Three kinds:
 * - `sqlite:PATH` (also `sqlite://PATH`, `sqlite:///ABS/PATH`, `sqlite::memory:`): an embedded
 *   SQLite file, created if missing. The default sink ({@link defaultSinkUrl}).
 * - `mysql://USER:PASSWORD@HOST:PORT/DATABASE` (also `mariadb://` and SQLAlchemy's
 *   `mysql+DRIVER://`, so the seed's `mysql+asyncmy://…?charset=utf8mb4` DSN works unchanged);
 *   port 3306 by default; user, password and database percent-decoded. Query parameters:
 *   `charset` (utf8mb4, utf8 or utf8mb3; rows are always written as utf8mb4) and
 *   `connect_timeout` (seconds).
 * - `stdout:jsonl`, `stdout:csv` (and `-`, which is `stdout:jsonl`): rows written to a stream for
 *   dry runs; nothing is stored, no checkpoints.
 *
 * A URL is never echoed with its password: {@link redactUrl}.
 *
 * @since 0.1.0
 * @module
 */
import { StoreError } from "./errors.js";

/**
 * A parsed sink URL.
 *
 * @since 0.1.0
 * @category models
 */
export type SinkUrl =
  | { readonly kind: "sqlite"; readonly path: string }
  | {
      readonly kind: "mysql";
      readonly host: string;
      readonly port: number;
      readonly user: string;
      readonly password: string;
      readonly database: string;
      readonly connectTimeoutMs: number;
    }
  | { readonly kind: "stream"; readonly format: "jsonl" | "csv" };

/**
 * The embedded default: `sqlite:fleetlens.db` in the working directory.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultSinkUrl = "sqlite:fleetlens.db";

/**
 * The URL with any password replaced by `***` (`mysql://ops:***@db:3306/ops`). Works on
 * malformed URLs too: whatever sits between `user:` and the last `@` of the authority is hidden.
 *
 * @since 0.1.0
 * @category constructors
 */
export const redactUrl = (url: string): string => {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/?#]*)@/.exec(url);
  if (m === null) return url;
  const auth = m[2]!;
  const colon = auth.indexOf(":");
  const user = colon < 0 ? auth : auth.slice(0, colon);
  const shown = colon < 0 ? user : `${user}:***`;
  return m[1] + shown + "@" + url.slice(m[0].length);
};

const bad = (url: string, detail: string): StoreError =>
  new StoreError({ sink: redactUrl(url), reason: { _tag: "BadUrl", detail } });

const decode = (s: string): string | null => {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
};

/**
 * Parses a sink URL. Returns a {@link StoreError} with reason `BadUrl` (as a value, not thrown) when
 * the URL cannot be used; its message names what is wrong and never the password.
 *
 * @example
 * ```ts
 * parseSinkUrl("mysql://ops:s3cret@db.example:3307/ops");
 * // { kind: "mysql", host: "db.example", port: 3307, user: "ops", password: "s3cret", database: "ops", … }
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const parseSinkUrl = (url: string): SinkUrl | StoreError => {
  const text = url.trim();
  if (text === "-" || text === "stdout:" || text === "stdout") return { kind: "stream", format: "jsonl" };
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined)
    return bad(text, "expected sqlite:PATH, mysql://USER:PASSWORD@HOST:PORT/DB or stdout:jsonl|csv");
  const rest = text.slice(scheme.length + 1);
  if (scheme === "stdout") {
    const format = rest.toLowerCase();
    if (format === "jsonl" || format === "ndjson" || format === "json")
      return { kind: "stream", format: "jsonl" };
    if (format === "csv") return { kind: "stream", format: "csv" };
    return bad(text, `unknown stdout format ${JSON.stringify(rest)} (jsonl or csv)`);
  }
  if (scheme === "sqlite" || scheme === "sqlite3" || scheme === "file") {
    const path = rest.startsWith("//") ? rest.slice(2) : rest;
    if (path === "") return bad(text, "sqlite: needs a file path (sqlite:actions.db) or :memory:");
    return { kind: "sqlite", path };
  }
  if (
    scheme === "mysql" ||
    scheme === "mariadb" ||
    scheme.startsWith("mysql+") ||
    scheme.startsWith("mariadb+")
  ) {
    return parseMysql(text);
  }
  return bad(text, `unknown scheme ${JSON.stringify(scheme)} (sqlite, mysql, mariadb or stdout)`);
};

const parseMysql = (text: string): SinkUrl | StoreError => {
  let u: URL;
  try {
    // URL parses any "special-less" scheme; normalise it so host/port rules are the same for all.
    u = new URL(`mysql://${text.slice(text.indexOf("://") + 3)}`);
  } catch {
    return bad(text, "not a URL of the form mysql://USER:PASSWORD@HOST:PORT/DATABASE (check host and port)");
  }
  if (!text.includes("://")) return bad(text, "expected mysql://USER:PASSWORD@HOST:PORT/DATABASE");
  const host = u.hostname.startsWith("[") ? u.hostname.slice(1, -1) : u.hostname;
  if (host === "") return bad(text, "no host");
  const port = u.port === "" ? 3306 : Number(u.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    return bad(text, `bad port ${JSON.stringify(u.port)}`);
  const user = decode(u.username);
  const password = decode(u.password);
  if (user === null || password === null) return bad(text, "bad percent-encoding in user or password");
  if (user === "") return bad(text, "no user (mysql://USER:PASSWORD@HOST/DB)");
  const dbPath = u.pathname.replace(/^\//, "");
  const database = decode(dbPath);
  if (database === null || database === "" || database.includes("/")) {
    return bad(text, "no database (mysql://USER:PASSWORD@HOST:PORT/DATABASE)");
  }
  let connectTimeoutMs = 10_000;
  for (const [key, value] of u.searchParams) {
    if (key === "charset") {
      if (!/^(utf8mb4|utf8|utf8mb3)$/i.test(value))
        return bad(text, `charset ${value}: only utf8mb4 is supported`);
    } else if (key === "connect_timeout" || key === "connectTimeout") {
      const s = Number(value);
      if (!Number.isFinite(s) || s <= 0) return bad(text, `bad ${key} ${JSON.stringify(value)} (seconds)`);
      connectTimeoutMs = Math.round(s * 1000);
    } else {
      return bad(text, `unknown parameter ${JSON.stringify(key)} (charset, connect_timeout)`);
    }
  }
  return { kind: "mysql", host, port, user, password, database, connectTimeoutMs };
};
