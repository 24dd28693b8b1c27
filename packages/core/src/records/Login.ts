/**
 * A login-history record, from binary wtmp or the text of `last`. Pseudo-records (reboot,
 * shutdown, runlevel) follow `last -x`.
 *
 * @since 0.1.0
 * @module
 */
import { Schema } from "effect";
import { IsoTime } from "./IsoTime.js";

/** @since 0.1.0 @category schemas */
export const LoginKind = Schema.Literals(["user", "reboot", "shutdown", "runlevel"]);
/** @since 0.1.0 @category models */
export type LoginKind = typeof LoginKind.Type;

/**
 * How a session ended: `logout`; `crash` (the next event was a boot); `down` (a shutdown);
 * `still-logged-in` (open at the end of the file); `gone` (`last`'s "gone - no logout");
 * `running` (a boot with no later shutdown).
 *
 * @since 0.1.0
 * @category schemas
 */
export const EndReason = Schema.Literals(["logout", "crash", "down", "still-logged-in", "gone", "running"]);
/** @since 0.1.0 @category models */
export type EndReason = typeof EndReason.Type;

/**
 * Fields:
 * - `kind`: user | reboot | shutdown | runlevel
 * - `user`: login name (`reboot`, `shutdown`, `runlevel` for pseudo-records)
 * - `line`: tty (`pts/0`, `tty1`; `system boot`, `system down`, `(to lvl 5)` for pseudo-records)
 * - `host`: remote host text (kernel release for pseudo-records); `""` when none
 * - `start`, `end`: instants (`end` null while open)
 * - `endReason`: see {@link EndReason}
 * - `durationSeconds`: `end - start` in seconds, null while open
 * - `addr` (optional): the numeric address (`ut_addr_v6`, or `last -i`)
 * - `failed` (optional): true for `lastb`/btmp records (failed login attempts)
 *
 * @since 0.1.0
 * @category schemas
 */
export const Login = Schema.Struct({
  kind: LoginKind,
  user: Schema.String,
  line: Schema.String,
  host: Schema.String,
  start: IsoTime,
  end: Schema.NullOr(IsoTime),
  endReason: EndReason,
  durationSeconds: Schema.NullOr(Schema.Finite),
  addr: Schema.optionalKey(Schema.NullOr(Schema.String)),
  failed: Schema.optionalKey(Schema.Boolean),
});
/** @since 0.1.0 @category models */
export type Login = typeof Login.Type;
/** The JSON form of a {@link Login}. @since 0.1.0 @category models */
export type LoginJson = typeof Login.Encoded;
