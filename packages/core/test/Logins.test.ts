import { fc, test } from "@fast-check/vitest";
import { Login, type LoginJson, Logins, loginActivity, Time } from "@fleetlens/core";
import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import { boot, user } from "./support/logins.js";

const H = 3_600_000;
const D = 24 * H;
const AT = Date.UTC(2024, 11, 5); // 2024-12-05T00:00Z
const W = { start: AT - 14 * D, end: AT }; // 2024-11-21 .. 2024-12-05

describe("Logins.activity", () => {
  it("reads the seed's `last` records (JSON form, decoded with the Schema)", () => {
    const json: LoginJson[] = [
      {
        kind: "user",
        user: "c0a22100",
        line: "pts/0",
        host: "192.168.100.37",
        start: "2024-11-19T08:46:00Z",
        end: "2024-11-19T10:02:00Z",
        endReason: "logout",
        durationSeconds: 4560,
      },
      {
        kind: "user",
        user: "c0a22100",
        line: "pts/1",
        host: "192.168.100.117",
        start: "2024-11-19T04:59:00Z",
        end: "2024-11-19T04:59:00Z",
        endReason: "logout",
        durationSeconds: 0,
      },
      {
        kind: "reboot",
        user: "reboot",
        line: "system boot",
        host: "6.8.0-49-generic",
        start: "2024-11-19T04:42:00Z",
        end: null,
        endReason: "running",
        durationSeconds: null,
      },
    ];
    const logins = json.map((j) => Schema.decodeUnknownSync(Login)(j));
    const begins = Time.parseIso("2024-11-19T04:42:50Z");
    const a = loginActivity(logins, { window: W, begins, collectedAt: AT });
    expect(a.sessions).toBe(0);
    expect(a.loginDays).toBe(0);
    expect(a.lastLogin).toBe(Time.parseIso("2024-11-19T08:46:00Z"));
    expect(a.lastUser).toBe("c0a22100");
    expect(a.excluded.pseudo).toBe(1);
    expect(a.coverage).toEqual({ start: Time.parseIso("2024-11-19T04:42:00Z"), end: AT, fraction: 1 });
    // A window containing 2024-11-19 sees both sessions on one day.
    const b = loginActivity(logins, { window: { start: AT - 20 * D, end: AT }, begins, collectedAt: AT });
    expect([b.sessions, b.loginDays, b.days, b.users]).toEqual([2, 1, ["2024-11-19"], ["c0a22100"]]);
  });

  it("counts a session spanning the window start on the window's first day", () => {
    const a = loginActivity([user("alice", W.start - 2 * H, W.start + H)], { window: W });
    expect([a.sessions, a.days]).toEqual([1, ["2024-11-21"]]);
    const b = loginActivity([user("alice", W.start - 2 * H, W.start - H)], { window: W });
    expect(b.sessions).toBe(0);
    expect(b.lastLogin).toBe(W.start - 2 * H);
  });

  it("an open session lasts until the history was read", () => {
    const open = user("alice", W.start - 5 * D, null);
    expect(loginActivity([open], { window: W, collectedAt: AT }).sessions).toBe(1);
    // Without the collection time the history ends at its latest instant: before the window.
    expect(loginActivity([open], { window: W }).sessions).toBe(0);
  });

  it("ignores logins after the window end", () => {
    const a = loginActivity([user("alice", AT + H, AT + 2 * H)], { window: W });
    expect([a.sessions, a.lastLogin]).toEqual([0, null]);
  });

  it("excludes pseudo-records, failed attempts and service accounts, but not root", () => {
    const t = W.start + D;
    const a = loginActivity(
      [
        user("LOGIN", t, t + 1, { line: "tty1" }),
        boot(t),
        user("mallory", t, t + 1, { failed: true }),
        user("svc-backup", t, t + H),
        user("nagios", t, t + H),
        user("ci7", t, t + H),
      ],
      { window: W, serviceAccounts: ["svc-*", "nagios", /^ci\d+$/] },
    );
    expect(a.sessions).toBe(0);
    expect(a.excluded).toEqual({
      service: 3,
      pseudo: 2,
      failed: 1,
      serviceUsers: ["ci7", "nagios", "svc-backup"],
    });
    const r = loginActivity([user("root", t, t + H)], { window: W });
    expect([r.sessions, r.users]).toEqual([1, ["root"]]);
  });

  it("counts calendar days in the given zone", () => {
    const late = Date.UTC(2024, 10, 25, 23, 30); // 2024-11-26 08:30 in Tokyo
    const early = Date.UTC(2024, 10, 26, 1, 0);
    const logins = [user("a", late, late + H), user("b", early, early + H)];
    expect(loginActivity(logins, { window: W }).days).toEqual(["2024-11-25", "2024-11-26"]);
    expect(loginActivity(logins, { window: W, zone: Time.zone("Asia/Tokyo") }).days).toEqual(["2024-11-26"]);
  });

  it("coverage: a 3-day history covers 3/14 of the window; begins extends it back", () => {
    const a = loginActivity([boot(AT - 3 * D)], { window: W, collectedAt: AT });
    expect(a.coverage.fraction).toBeCloseTo(3 / 14, 10);
    const b = loginActivity([boot(AT - 3 * D)], { window: W, begins: AT - 30 * D, collectedAt: AT });
    expect(b.coverage.fraction).toBe(1);
    const none = loginActivity([], { window: W });
    expect(none.coverage).toEqual({ start: null, end: null, fraction: 0 });
    const onlyBounds = loginActivity([], { window: W, begins: W.start, collectedAt: AT });
    expect(onlyBounds.coverage.fraction).toBe(1);
  });

  it("matches service-account globs exactly", () => {
    const m = Logins.serviceAccountMatcher(["svc-*", "b?ckup", "a.b"]);
    expect(["svc-x", "svc-", "backup", "bickup", "a.b"].map(m)).toEqual([true, true, true, true, true]);
    expect(["xsvc-x", "bckup", "axb", "root"].map(m)).toEqual([false, false, false, false]);
  });
});

const loginArb = fc
  .record({
    kind: fc.constantFrom("user", "user", "user", "reboot" as const),
    user: fc.constantFrom("alice", "bob", "root", "LOGIN", "svc-x"),
    start: fc.integer({ min: AT - 40 * D, max: AT + D }),
    dur: fc.option(fc.integer({ min: 0, max: 5 * D }), { nil: null }),
    failed: fc.boolean(),
  })
  .map((r) =>
    r.kind === "reboot"
      ? boot(r.start)
      : user(r.user, r.start, r.dur === null ? null : r.start + r.dur, r.failed ? { failed: true } : {}),
  );

describe("properties", () => {
  test.prop([fc.array(loginArb, { maxLength: 30 }), fc.func(fc.integer())])(
    "order does not matter; counts stay consistent",
    (logins, key) => {
      const opts = { window: W, serviceAccounts: ["svc-*"], collectedAt: AT };
      const shuffled = logins
        .map((l, i) => [key(i), i, l] as const)
        .sort((a, b) => a[0] - b[0] || a[1] - b[1])
        .map((x) => x[2]);
      const a = loginActivity(logins, opts);
      expect(loginActivity(shuffled, opts)).toEqual(a);
      expect(a.loginDays).toBeLessThanOrEqual(Math.min(a.sessions, 15));
      expect(a.coverage.fraction).toBeGreaterThanOrEqual(0);
      expect(a.coverage.fraction).toBeLessThanOrEqual(1);
      if (a.lastLogin !== null) expect(a.lastLogin).toBeLessThan(AT);
    },
  );
});
