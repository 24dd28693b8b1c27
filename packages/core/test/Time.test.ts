import { fc, test } from "@fast-check/vitest";
import { formatIso, parseIso, Time, UTC, zone } from "@fleetlens/core";
import { describe, expect, it } from "vitest";

describe("Time", () => {
  it("formats whole seconds without a fraction and microseconds with six digits", () => {
    expect(formatIso(Date.UTC(2024, 2, 1, 9, 15))).toBe("2024-03-01T09:15:00Z");
    expect(formatIso(1795293828099.948)).toBe("2026-11-21T20:43:48.099948Z");
    expect(formatIso(Date.UTC(2024, 2, 1, 9, 15), 540)).toBe("2024-03-01T18:15:00+09:00");
    expect(formatIso(Date.UTC(2024, 2, 1, 9, 15), -330)).toBe("2024-03-01T03:45:00-05:30");
  });

  test.prop([fc.integer({ min: 0, max: 4102444800 }), fc.integer({ min: 0, max: 999_999 })])(
    "ISO round trip keeps microseconds",
    (sec, micros) => {
      const ms = sec * 1000 + micros / 1000;
      const back = parseIso(formatIso(ms));
      expect(Math.round(back * 1000)).toBe(Math.round(ms * 1000));
    },
  );

  it("parses offsets, Z, comma fractions and zone-less text in a given zone", () => {
    expect(parseIso("2024-03-01T09:15:00+02:00")).toBe(Date.UTC(2024, 2, 1, 7, 15));
    expect(parseIso("2024-03-01T09:15:00,000500+00:00")).toBeCloseTo(Date.UTC(2024, 2, 1, 9, 15) + 0.5, 6);
    expect(parseIso("2024-03-01 09:15:00", zone("+09:00"))).toBe(Date.UTC(2024, 2, 1, 0, 15));
    expect(parseIso("2024-02-30T00:00:00Z")).toBeNaN();
    expect(parseIso("yesterday")).toBeNaN();
  });

  it("converts wall-clock times in IANA zones across DST", () => {
    const berlin = zone("Europe/Berlin");
    expect(berlin.toEpoch(2024, 0, 15, 12, 0, 0)).toBe(Date.UTC(2024, 0, 15, 11, 0, 0));
    expect(berlin.toEpoch(2024, 6, 15, 12, 0, 0)).toBe(Date.UTC(2024, 6, 15, 10, 0, 0));
    // 02:30 on 2024-03-31 does not exist in Berlin: moves forward past the gap
    expect(berlin.toEpoch(2024, 2, 31, 2, 30, 0)).toBe(Date.UTC(2024, 2, 31, 1, 30, 0));
    // 02:30 on 2024-10-27 happens twice: the earlier instant
    expect(berlin.toEpoch(2024, 9, 27, 2, 30, 0)).toBe(Date.UTC(2024, 9, 27, 0, 30, 0));
    expect(berlin.offsetAt(Date.UTC(2024, 6, 1))).toBe(120);
    expect(UTC.offsetAt(0)).toBe(0);
  });

  it("rejects unknown zones with a message naming the value", () => {
    expect(() => zone("Mars/Olympus")).toThrow(/Mars\/Olympus/);
    expect(() => zone("+25:00")).toThrow(/\+25:00/);
  });

  it("finds the year in which a date falls on a weekday", () => {
    // Tue Nov 19: 2024
    expect(Time.yearForWeekday(10, 19, 2, 2026)).toBe(2024);
    // Thu Feb 29: 2024, searching back from 2030
    expect(Time.yearForWeekday(1, 29, 4, 2030)).toBe(2024);
    expect(Time.yearForWeekday(1, 30, 4, 2030)).toBeUndefined();
  });

  it("parses durations", () => {
    expect(Time.parseDuration("14d")).toBe(14 * 86_400_000);
    expect(Time.parseDuration("90")).toBe(90_000);
    expect(Time.parseDuration("1.5h")).toBe(5_400_000);
    expect(Time.parseDuration("soon")).toBeNaN();
  });
});
