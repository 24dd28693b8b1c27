/**
 * The parse options of the shared time flags (see common.ts).
 */
import { type ParseOptions, UsageError, zone } from "@fleetlens/core";
import { type Parsed, str } from "../framework.js";

export const parseOptionsFrom = (args: Parsed): ParseOptions => {
  const out: { year?: number; date?: string; zone?: ReturnType<typeof zone> } = {};
  const y = str(args, "year");
  if (y !== undefined) {
    if (!/^\d{4}$/.test(y)) throw new UsageError({ reason: `--year must be a four-digit year (got "${y}")` });
    out.year = Number(y);
  }
  const d = str(args, "date");
  if (d !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)))
      throw new UsageError({ reason: `--date must be YYYY-MM-DD (got "${d}")` });
    out.date = d;
  }
  const tz = str(args, "tz");
  if (tz !== undefined) {
    try {
      out.zone = zone(tz);
    } catch (e) {
      throw new UsageError({ reason: `--tz: ${(e as Error).message}` });
    }
  }
  return out;
};
