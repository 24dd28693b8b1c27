/**
 * Login activity of a host in a window, from its login history (wtmp or `last` records): the
 * user sessions that touched the window, the calendar days with a login, the last login, the
 * users seen, and how much of the window the history covers at all (so a three-day-old wtmp
 * cannot claim fourteen days of idleness).
 *
 * What counts as a **user login**: a record of kind `user`, not `failed` (btmp), whose user is not
 * a pseudo-user ({@link PSEUDO_USERS}: `LOGIN`, `reboot`, …) and matches none of the
 * `serviceAccounts` patterns (default none: `root` logging in is real use).
 *
 * @since 0.1.0
 * @module
 */
import type { Login } from "./records/Login.js";
import { dayKey, UTC, type Zone } from "./Time.js";

/**
 * User names that are never people: getty's `LOGIN` process entries, the pseudo-records' names,
 * and `last`'s placeholders for empty names.
 *
 * @since 0.1.0
 * @category constants
 */
export const PSEUDO_USERS: ReadonlyArray<string> = [
  "",
  "LOGIN",
  "reboot",
  "shutdown",
  "runlevel",
  "(unknown)",
];

/**
 * A half-open interval `[start, end)` of epoch milliseconds.
 *
 * @since 0.1.0
 * @category models
 */
export interface Window {
  readonly start: number;
  readonly end: number;
}

/**
 * Options of {@link activity}.
 *
 * @since 0.1.0
 * @category models
 */
export interface ActivityOptions {
  /** The window judged, `[start, end)`. */
  readonly window: Window;
  /** Zone of the calendar days counted. Default UTC. */
  readonly zone?: Zone | undefined;
  /**
   * Accounts whose logins are not use: exact names, globs (`svc-*`, `backup?`) or regular
   * expressions. Default none.
   */
  readonly serviceAccounts?: ReadonlyArray<string | RegExp> | undefined;
  /** When the history begins (the `wtmp begins` trailer); the earliest record when earlier or absent. */
  readonly begins?: number | null | undefined;
  /**
   * When the history was read (the file's modification time, or the time `last` ran): the
   * history covers up to here. Default the latest instant in the records, which for a quiet host
   * is long ago: pass it.
   */
  readonly collectedAt?: number | null | undefined;
}

/**
 * Login activity in a window.
 * - `sessions`: user sessions overlapping the window (a session open at the window start counts;
 *   an open session, `end` null, lasts until the history's end)
 * - `loginDays` / `days`: calendar days (in the zone) on which such a session started, plus the
 *   window's first day for a session already running at its start
 * - `lastLogin`: the latest user login starting before the window end (may be before the window)
 * - `lastUser`: who logged in at `lastLogin`
 * - `users`: distinct users of the `sessions`, sorted
 * - `excluded`: records left out, by cause
 * - `coverage`: the span the history covers (`start` null when there are no records and no
 *   `begins`), and the fraction of the window inside it
 *
 * @since 0.1.0
 * @category models
 */
export interface LoginActivity {
  readonly window: Window;
  readonly sessions: number;
  readonly loginDays: number;
  readonly days: ReadonlyArray<string>;
  readonly lastLogin: number | null;
  readonly lastUser: string | null;
  readonly users: ReadonlyArray<string>;
  readonly excluded: {
    readonly service: number;
    readonly pseudo: number;
    readonly failed: number;
    readonly serviceUsers: ReadonlyArray<string>;
  };
  readonly coverage: {
    readonly start: number | null;
    readonly end: number | null;
    readonly fraction: number;
  };
}

const globToRegExp = (g: string): RegExp => {
  let src = "";
  for (const ch of g) {
    if (ch === "*") src += ".*";
    else if (ch === "?") src += ".";
    else src += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${src}$`);
};

/**
 * A predicate for service-account names from exact names, globs and regular expressions.
 *
 * @since 0.1.0
 * @category constructors
 */
export const serviceAccountMatcher = (
  patterns: ReadonlyArray<string | RegExp>,
): ((user: string) => boolean) => {
  const exact = new Set<string>();
  const res: RegExp[] = [];
  for (const p of patterns) {
    if (typeof p !== "string") res.push(p);
    else if (p.includes("*") || p.includes("?")) res.push(globToRegExp(p));
    else exact.add(p);
  }
  return (user) => exact.has(user) || res.some((r) => r.test(user));
};

/**
 * The fraction of `w` inside `[start, end)` (0 when either is empty or unknown).
 *
 * @since 0.1.0
 * @category utils
 */
export const overlapFraction = (w: Window, start: number | null, end: number | null): number => {
  if (start === null || end === null || !(w.end > w.start)) return 0;
  const o = Math.min(end, w.end) - Math.max(start, w.start);
  return o > 0 ? Math.min(1, o / (w.end - w.start)) : 0;
};

/**
 * Summarise login activity in a window. Pure; one pass over the records (in any order).
 *
 * @example
 * ```ts
 * const day = 86_400_000, at = Date.UTC(2024, 11, 5);
 * activity(logins, { window: { start: at - 14 * day, end: at }, begins: Date.UTC(2024, 10, 1), collectedAt: at })
 * // { sessions: 0, loginDays: 0, lastLogin: <2024-11-19T08:46Z>, coverage: { fraction: 1, ... }, ... }
 * ```
 * @since 0.1.0
 * @category analyses
 */
export const activity = (logins: Iterable<Login>, options: ActivityOptions): LoginActivity => {
  const w = options.window;
  const z = options.zone ?? UTC;
  const isService = serviceAccountMatcher(options.serviceAccounts ?? []);
  const pseudo = new Set(PSEUDO_USERS);
  let earliest = Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  let nPseudo = 0;
  let nFailed = 0;
  let nService = 0;
  const serviceUsers = new Set<string>();
  const open: Login[] = [];
  const closed: Login[] = [];
  let lastLogin = Number.NEGATIVE_INFINITY;
  let lastUser: string | null = null;
  for (const r of logins) {
    if (r.start < earliest) earliest = r.start;
    if (r.start > latest) latest = r.start;
    if (r.end !== null && r.end > latest) latest = r.end;
    if (r.failed === true) {
      nFailed++;
      continue;
    }
    if (r.kind !== "user" || pseudo.has(r.user)) {
      nPseudo++;
      continue;
    }
    if (isService(r.user)) {
      nService++;
      serviceUsers.add(r.user);
      continue;
    }
    if (
      r.start < w.end &&
      (r.start > lastLogin || (r.start === lastLogin && lastUser !== null && r.user < lastUser))
    ) {
      lastLogin = r.start;
      lastUser = r.user;
    }
    (r.end === null ? open : closed).push(r);
  }
  const first = earliest === Number.POSITIVE_INFINITY ? null : earliest;
  const begins = options.begins ?? null;
  const covStart = begins === null ? first : first === null ? begins : Math.min(begins, first);
  const last = latest === Number.NEGATIVE_INFINITY ? null : latest;
  const read = options.collectedAt ?? null;
  const covEnd = read === null ? last : last === null ? read : Math.max(read, last);
  const days = new Set<string>();
  const users = new Set<string>();
  let sessions = 0;
  const consider = (r: Login, end: number): void => {
    if (!(r.start < w.end && end > w.start) && !(r.start >= w.start && r.start < w.end)) return;
    sessions++;
    users.add(r.user);
    days.add(dayKey(Math.max(r.start, w.start), z));
  };
  for (const r of closed) consider(r, r.end!);
  // An open session lasts until the history ends (it was open when the history was read).
  for (const r of open) consider(r, Math.max(r.start, covEnd ?? r.start));
  const daysSorted = [...days].sort();
  return {
    window: w,
    sessions,
    loginDays: daysSorted.length,
    days: daysSorted,
    lastLogin: lastLogin === Number.NEGATIVE_INFINITY ? null : lastLogin,
    lastUser,
    users: [...users].sort(),
    excluded: { service: nService, pseudo: nPseudo, failed: nFailed, serviceUsers: [...serviceUsers].sort() },
    coverage: { start: covStart, end: covEnd, fraction: overlapFraction(w, covStart, covEnd) },
  };
};
