import type { Login } from "@fleetlens/core";

/** A user session on pts/0 from 192.168.100.37 (open when `end` is null). */
export const user = (name: string, start: number, end: number | null, extra: Partial<Login> = {}): Login => ({
  kind: "user",
  user: name,
  line: "pts/0",
  host: "192.168.100.37",
  start,
  end,
  endReason: end === null ? "still-logged-in" : "logout",
  durationSeconds: end === null ? null : (end - start) / 1000,
  ...extra,
});

/** A boot record still running. */
export const boot = (start: number): Login => ({
  kind: "reboot",
  user: "reboot",
  line: "system boot",
  host: "6.8.0-49-generic",
  start,
  end: null,
  endReason: "running",
  durationSeconds: null,
});
