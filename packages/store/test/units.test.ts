import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { test } from "@fast-check/vitest";
import { OpenStackAction } from "@fleetlens/core";
import { Schema } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BatchWriter,
  type Checkpoint,
  formatDateTime,
  open,
  parseDateTime,
  parseSinkUrl,
  readComplete,
  redactUrl,
  type Store,
  StoreError,
  toRow,
  validateTable,
} from "../src/index.js";
import { actionArb } from "./support/contract.js";

describe("sink URLs", () => {
  it("parses the documented forms", () => {
    expect(parseSinkUrl("sqlite:actions.db")).toEqual({ kind: "sqlite", path: "actions.db" });
    expect(parseSinkUrl("sqlite:///var/lib/a.db")).toEqual({ kind: "sqlite", path: "/var/lib/a.db" });
    expect(parseSinkUrl("sqlite::memory:")).toEqual({ kind: "sqlite", path: ":memory:" });
    expect(parseSinkUrl("-")).toEqual({ kind: "stream", format: "jsonl" });
    expect(parseSinkUrl("stdout:csv")).toEqual({ kind: "stream", format: "csv" });
    expect(parseSinkUrl("mysql+asyncmy://root:pass@host.docker.internal:3306/ops?charset=utf8mb4")).toEqual({
      kind: "mysql",
      host: "host.docker.internal",
      port: 3306,
      user: "root",
      password: "pass",
      database: "ops",
      connectTimeoutMs: 10_000,
    });
    expect(parseSinkUrl("mariadb://u:p%40ss@[::1]/d?connect_timeout=2")).toMatchObject({
      host: "::1",
      port: 3306,
      password: "p@ss",
      connectTimeoutMs: 2000,
    });
  });

  it.each([
    ["mysql://u:pw@h:70000/db", /port/],
    ["mysql://u:pw@h:x/db", /port/],
    ["mysql://u:pw@h:3306", /no database/],
    ["mysql://:pw@h/db", /no user/],
    ["mysql://u:pw@h/db?sslmode=x", /unknown parameter "sslmode"/],
    ["mysql://u:pw@h/db?charset=latin1", /only utf8mb4/],
    ["postgres://u:pw@h/db", /unknown scheme "postgres"/],
    ["stdout:xml", /unknown stdout format/],
    ["sqlite:", /needs a file path/],
    ["just-a-path.db", /expected sqlite:PATH/],
  ])("%s is a BadUrl: %s", (url, msg) => {
    const r = parseSinkUrl(url);
    expect(r).toBeInstanceOf(StoreError);
    expect((r as StoreError).reason._tag).toBe("BadUrl");
    expect((r as StoreError).message).toMatch(msg);
    expect((r as StoreError).message).not.toContain("pw@");
  });

  test.prop([
    fc.string({ minLength: 1, maxLength: 12 }).filter((u) => !/[:@/?#[\]%]/.test(u)),
    // `%` starts a percent-escape in a URL, so a literal one cannot appear unescaped in a password
    fc.string({ minLength: 4, maxLength: 20 }).filter((p) => !/[@/?#%]/.test(p)),
    fc.constantFrom("", ":3306", ":99999", ":x"),
  ])("a password never shows: not in redactUrl, not in any error message", (user, password, port) => {
    const url = `mysql://${user}:${password}@db.example${port}/ops`;
    expect(redactUrl(url)).not.toContain(password);
    const r = parseSinkUrl(url);
    if (r instanceof StoreError) expect(r.message).not.toContain(password);
    else expect(r).toMatchObject({ kind: "mysql", password });
  });
});

describe("rows", () => {
  test.prop([fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) })])(
    "formatDateTime agrees with Date#toISOString on whole milliseconds and parseDateTime inverts it",
    (ms) => {
      const s = formatDateTime(ms)!;
      expect(s).toBe(new Date(ms).toISOString().replace("T", " ").replace("Z", "000"));
      expect(parseDateTime(s)).toBe(ms);
    },
  );
  // doubles hold epoch milliseconds to better than half a microsecond while |ms| < 2^42 (1830-2109)
  test.prop([
    fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }),
    fc.integer({ min: 0, max: 999 }),
  ])("microseconds survive (1900-2100): format(parse(format(t))) = format(t)", (ms, us) => {
    const s = formatDateTime(ms + us / 1000)!;
    expect(s.slice(-3)).toBe(String(us).padStart(3, "0"));
    expect(formatDateTime(parseDateTime(s))).toBe(s);
  });
  it("times outside DATETIME's years 1000-9999 are rejected, not clamped", () => {
    const base = {
      instance: "i",
      action: "create",
      requestId: null,
      userId: null,
      projectId: null,
      status: 202,
      derivation: "request" as const,
    };
    expect(toRow({ ...base, ts: Date.UTC(999, 11, 31, 23, 59, 59, 999) })).toEqual({
      reject: expect.stringMatching(/outside/),
    });
    expect(toRow({ ...base, ts: Date.UTC(10000, 0, 1) })).toEqual({
      reject: expect.stringMatching(/outside/),
    });
    expect(toRow({ ...base, ts: Date.UTC(1000, 0, 1) })).toHaveProperty("row");
    expect(toRow({ ...base, ts: 0, status: 202.5 })).toEqual({ reject: expect.stringMatching(/status/) });
    expect(toRow({ ...base, ts: 0, instance: "x".repeat(256) })).toEqual({
      reject: expect.stringMatching(/instance/),
    });
    // a failed create, or a glance/neutron create: the new id is only in the response
    expect(toRow({ ...base, ts: 0, instance: "" })).toHaveProperty("row");
    expect(toRow({ ...base, ts: 0, instance: "\ud800" })).toEqual({
      reject: expect.stringMatching(/instance/),
    });
  });
  test.prop([actionArb])("every generated action converts to a row whose fields are the action's", (a) => {
    const r = toRow(a);
    expect(r).toHaveProperty("row");
    if ("row" in r) {
      expect(r.row[0]).toBe(a.instance);
      expect(r.row[8]).toBe(a.candidates === undefined ? null : JSON.stringify(a.candidates));
      // the generator's actions are valid records
      expect(() => Schema.encodeSync(OpenStackAction)(a)).not.toThrow();
    }
  });
  test.prop([fc.string({ maxLength: 70 })])(
    "validateTable accepts exactly plain identifiers up to 64 characters",
    (t) => {
      const ok = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(t) && t.toLowerCase() !== "fleetlens_checkpoints";
      expect(validateTable("s", t) === t).toBe(ok);
    },
  );
});

describe("readComplete", () => {
  test.prop([
    fc.array(fc.oneof(fc.constant("\n"), fc.string({ maxLength: 30 }), fc.constant("é€😀")), {
      maxLength: 40,
    }),
    fc.integer({ min: 1, max: 64 }),
    fc.nat(),
  ])(
    "yields exactly the complete lines after start, each chunk ending at a newline",
    async (parts, chunk, s) => {
      const dir = mkdtempSync(join(tmpdir(), "fleetlens-rc-"));
      const f = join(dir, "x.log");
      const buf = Buffer.from(parts.join(""));
      writeFileSync(f, buf);
      // start at a line boundary (as checkpoints are)
      const starts = [0, ...[...buf.entries()].filter(([, b]) => b === 10).map(([i]) => i + 1)];
      const start = starts[s % starts.length]!;
      const lastNl = buf.lastIndexOf(10);
      for (const reuse of [false, true]) {
        const out: Buffer[] = [];
        let last = start;
        for await (const { chunk: c, end } of readComplete(f, start, chunk, { reuse })) {
          expect(c.at(-1)).toBe(10);
          expect(end).toBe(last + c.length);
          last = end;
          out.push(reuse ? Buffer.from(c) : c); // a reused chunk is only valid until the next
        }
        expect(Buffer.concat(out).equals(buf.subarray(start, Math.max(start, lastNl + 1)))).toBe(true);
      }
    },
  );
});

describe("BatchWriter", () => {
  const recording = () => {
    const batches: Array<{ rows: number; cps: Checkpoint[]; replace: boolean; carry?: readonly unknown[] }> =
      [];
    const store: Store = {
      sink: "test",
      backend: "stream",
      table: "t",
      ensureSchema: async () => {},
      writeBatch: async (rows, cps = [], o = {}) => {
        batches.push({
          rows: rows.length,
          cps: [...cps],
          replace: o.replace === true,
          ...(o.carry === undefined ? {} : { carry: o.carry }),
        });
        return { inserted: rows.length, duplicates: 0, rejected: 0, rejections: [] };
      },
      checkpoint: async () => null,
      carried: async () => [],
      count: async () => 0,
      rows: async () => [],
      deleteBefore: async () => 0,
      close: async () => {},
    };
    return { store, batches };
  };
  const cp = (path: string, offset: number): Checkpoint => ({
    path,
    dev: "1",
    ino: "1",
    offset,
    headLength: 0,
    headHash: "",
  });

  test.prop([
    fc.array(
      fc.oneof(
        fc.nat({ max: 30 }).map((n) => ({ add: n })),
        fc.constantFrom("a", "b").map((p) => ({ mark: p })),
      ),
      {
        maxLength: 40,
      },
    ),
    fc.integer({ min: 1, max: 12 }),
    fc.boolean(),
    fc.option(fc.record({ rows: fc.nat({ max: 30 }), carry: fc.nat({ max: 3 }) }), { nil: undefined }),
  ])(
    "batches hold batchSize rows; each checkpoint is written with the first batch that contains every row added before it, never earlier; end's last rows and carried state go in the last batch",
    async (ops, size, replace, last) => {
      const { store, batches } = recording();
      const w = new BatchWriter(store, { batchSize: size, replace });
      let added = 0;
      const markedAt = new Map<number, number>(); // offset -> rows added before the mark
      let offset = 0;
      for (const op of ops) {
        if ("add" in op) {
          await w.add(
            Array.from({ length: op.add }, () => ({
              instance: "i",
              action: "a",
              ts: 0,
              requestId: null,
              userId: null,
              projectId: null,
              status: null,
              derivation: "request" as const,
            })),
          );
          added += op.add;
        } else {
          offset++;
          markedAt.set(offset, added);
          w.mark(cp(op.mark, offset));
        }
      }
      const row = {
        instance: "i",
        action: "a",
        ts: 0,
        requestId: null,
        userId: null,
        projectId: null,
        status: null,
        derivation: "request" as const,
      };
      const carry = Array.from({ length: last?.carry ?? 0 }, (_, i) => ({
        kind: "request",
        ts: i,
        instance: null,
        requestId: null,
        body: "{}",
      }));
      const t = await w.end(
        last === undefined ? undefined : { rows: Array.from({ length: last.rows }, () => row), carry },
      );
      expect(t.inserted).toBe(added + (last?.rows ?? 0));
      expect(batches.slice(0, -1).every((b) => b.rows === size)).toBe(true);
      expect(batches.slice(0, -1).every((b) => b.carry === undefined)).toBe(true);
      if (last !== undefined) {
        expect(batches.at(-1)!.carry).toEqual(carry);
        expect(batches.at(-1)!.rows).toBeGreaterThanOrEqual(last.rows);
      }
      expect(batches.filter((b) => b.replace).length).toBe(replace && batches.length > 0 ? 1 : 0);
      if (replace) expect(batches[0]?.replace).toBe(true);
      let committed = 0;
      const lastSeen = new Map<string, number>();
      for (const b of batches) {
        committed += b.rows;
        for (const c of b.cps) {
          expect(markedAt.get(c.offset)!).toBeLessThanOrEqual(committed);
          expect(c.offset).toBeGreaterThan(lastSeen.get(c.path) ?? 0);
          lastSeen.set(c.path, c.offset);
        }
      }
      // at the end the latest mark of each file is written
      for (const p of ["a", "b"]) {
        const marks = ops.flatMap((o, i) => ("mark" in o && o.mark === p ? [i] : []));
        if (marks.length > 0) expect(lastSeen.has(p)).toBe(true);
      }
    },
  );
});

describe("stream sink", () => {
  const collect = () => {
    let text = "";
    const out = new Writable({
      write(chunk, _enc, cb) {
        text += chunk;
        cb();
      },
    });
    return { out, text: () => text };
  };
  test.prop([fc.array(actionArb, { maxLength: 20 })])(
    "JSONL lines decode back to the actions (Schema)",
    async (actions) => {
      const c = collect();
      const s = await open("stdout:jsonl", { out: c.out });
      await s.writeBatch(actions);
      await s.close();
      const lines = c
        .text()
        .split("\n")
        .filter((l) => l !== "");
      expect(lines.map((l) => Schema.decodeUnknownSync(OpenStackAction)(JSON.parse(l)))).toEqual(actions);
      expect(await s.count()).toBe(actions.length);
    },
  );
  it("CSV has one header and RFC 4180 quoting", async () => {
    const c = collect();
    const s = await open("stdout:csv", { out: c.out });
    await s.writeBatch([
      {
        instance: 'a,"b"',
        action: "unknown",
        ts: Date.UTC(2024, 0, 2, 3, 4, 5, 6),
        requestId: null,
        userId: "u",
        projectId: null,
        status: 500,
        derivation: "time-window",
        candidates: ["pause", "suspend"],
      },
    ]);
    await s.writeBatch([]);
    await s.close();
    expect(c.text()).toBe(
      "instance,action,ts,requestId,userId,projectId,status,derivation,candidates,resource\n" +
        '"a,""b""",unknown,2024-01-02T03:04:05.006000Z,,u,,500,time-window,pause;suspend,\n',
    );
    await expect(s.rows()).rejects.toBeInstanceOf(StoreError);
  });
});

describe("pathKey", () => {
  it("keys a file the same whether named relatively or absolutely", async () => {
    const { pathKey } = await import("../src/index.js");
    const { resolve } = await import("node:path");
    expect(pathKey("some/dir/../file.log")).toBe(pathKey(resolve("some/file.log")));
    expect(pathKey("a.log")).not.toBe(pathKey("b.log"));
  });
});
