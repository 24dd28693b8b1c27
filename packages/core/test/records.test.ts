import {
  Attribution,
  DhcpLease,
  LicenceEvent,
  LicenceFileLine,
  LicenceSession,
  LmstatRecord,
  Login,
  Net,
  Packet,
} from "@fleetlens/core";
import { Schema } from "effect";
import { describe, expect, it } from "vitest";

const roundTrip = <S extends Schema.Top>(schema: S, json: unknown) => {
  const decoded = Schema.decodeUnknownSync(schema as never)(json);
  expect(Schema.encodeSync(schema as never)(decoded)).toEqual(json);
  return decoded;
};

describe("record schemas", () => {
  it("encode times as ISO text and decode them back to epoch ms", () => {
    const l = roundTrip(Login, {
      kind: "user",
      user: "alice",
      line: "pts/0",
      host: "192.168.1.50",
      start: "2024-03-01T09:15:00Z",
      end: "2024-03-01T10:47:30Z",
      endReason: "logout",
      durationSeconds: 5550,
    }) as Login;
    expect(l.start).toBe(Date.UTC(2024, 2, 1, 9, 15));
    roundTrip(Packet, {
      ts: "2026-11-21T20:43:48.099948Z",
      proto: "tcp",
      src: "::1",
      sport: 43860,
      dst: "::1",
      dport: 8443,
      length: 18,
    });
  });

  it("decode the licence records and reject bad values naming the field", () => {
    roundTrip(LicenceEvent, {
      ts: "2017-06-23T21:06:15Z",
      daemon: "ansyslmd",
      event: "OUT",
      feature: "hfsshpc",
      user: "manikafa",
      host: "nyx7005.arc-ts.umich.edu",
      count: 20,
      reason: null,
    });
    roundTrip(LicenceSession, {
      feature: "MATLAB",
      user: "u1",
      host: "h1",
      start: "2025-02-10T00:10:00Z",
      end: null,
      durationSeconds: null,
      open: true,
    });
    roundTrip(LmstatRecord, { type: "feature", feature: "MATLAB", issued: 10000, inUse: 61, error: null });
    roundTrip(LicenceFileLine, { type: "use-server" });
    roundTrip(Attribution, {
      user: "u",
      host: "h",
      ip: null,
      status: "ambiguous",
      confidence: 0.5,
      candidates: ["10.0.0.1", "10.0.0.2"],
      evidence: 3,
    });
    roundTrip(DhcpLease, {
      ip: "10.0.0.5",
      mac: "00:1a:2b:3c:4d:5e",
      start: "2024-03-01T09:15:00Z",
      end: null,
      state: "active",
      hostname: null,
    });
    expect(() =>
      Schema.decodeUnknownSync(LicenceEvent)({
        ts: null,
        daemon: "x",
        event: "BORROWED",
        feature: null,
        user: null,
        host: null,
        count: 0,
        reason: null,
      }),
    ).toThrow(/\["event"\]/);
  });
});

describe("canonicalMac", () => {
  it("accepts the common spellings and rejects the rest", () => {
    for (const s of [
      "001a.2b3c.4d5e",
      "00-1A-2B-3C-4D-5E",
      "0:1a:2b:3c:4d:5e",
      "001A2B3C4D5E",
      " 00:1a:2b:3c:4d:5e ",
    ])
      expect(Net.canonicalMac(s), s).toBe("00:1a:2b:3c:4d:5e");
    for (const s of ["001a.2b3c", "00:1a:2b:3c:4d", "gg:1a:2b:3c:4d:5e", "00:1a:2b:3c:4d:5e:6f", ""])
      expect(Net.canonicalMac(s), s).toBeUndefined();
  });
});
