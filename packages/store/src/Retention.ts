/**
 * Retention: drop actions older than a number of days (the exporter runs it periodically).
 *
 * @since 0.1.0
 * @module
 */
import type { Store } from "./Store.js";

const DAY_MS = 86_400_000;

/**
 * Deletes the target table's rows whose `ts` is more than `days` days before `now` (epoch ms,
 * default the current time); returns how many were deleted. `days` must be a non-negative number.
 *
 * @since 0.1.0
 * @category retention
 */
export const deleteOlderThan = (store: Store, days: number, now: number = Date.now()): Promise<number> => {
  if (!(Number.isFinite(days) && days >= 0)) {
    return Promise.reject(new RangeError(`retention days must be a non-negative number, got ${days}`));
  }
  return store.deleteBefore(now - days * DAY_MS);
};
