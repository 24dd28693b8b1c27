/**
 * Corpus tier: real samples written by others, in ../shared/corpus/<kind>/ (see its README for
 * provenance). Every file must parse with every line accounted for; where jc's expected JSON ships
 * beside a sample, fleetlens must agree with it on the fields both have. The corpus lives outside
 * the repository (its licences differ); when it is absent this tier does not run.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { type OsLogRecord, parseAll } from "@fleetlens/core";
import { isKind, type Kind, openstack, registry, sniffKinds } from "@fleetlens/parsers";
import { describe, expect, it } from "vitest";

// FLEETLENS_CORPUS points the tier at another copy of the corpus.
const corpus = process.env.FLEETLENS_CORPUS ?? join(__dirname, "..", "..", "..", "..", "shared", "corpus");
const DIRS: Record<string, Kind | "auto"> = {
  last: "last",
  tcpdump: "tcpdump",
  ss: "ss",
  wtmp: "wtmp",
  pcap: "pcap",
  proc: "procfs",
  "proc-net-tcp": "proc-net-tcp",
  // mixed folders: each file's kind is sniffed (debug logs, lmstat, licence files; dhcpd, Cisco)
  flexlm: "auto",
  dhcp_cisco: "auto",
  openstack: "openstack",
};
const EXPECTED = /\.(json|out|yml|yaml|md|csv|txt\.json)$/i;

const samples = (): { kind: Kind; file: string }[] => {
  if (!existsSync(corpus)) return [];
  const out: { kind: Kind; file: string }[] = [];
  for (const [dir, kind] of Object.entries(DIRS)) {
    const d = join(corpus, dir);
    if (!existsSync(d)) continue;
    const walk = (p: string) => {
      for (const name of readdirSync(p)) {
        const f = join(p, name);
        if (statSync(f).isDirectory()) walk(f);
        else if (!EXPECTED.test(name) && !/readme/i.test(name)) {
          let k: Kind;
          if (kind === "auto") k = sniffKinds(readFileSync(f).subarray(0, 65536))[0]!.kind;
          // /proc samples: socket tables go to proc-net-tcp, the rest (stat, meminfo, …) to procfs
          else if (dir === "proc" && /(^|[/_-])(tcp|udp)6?$/.test(f)) k = "proc-net-tcp";
          else k = kind;
          if (isKind(k)) out.push({ kind: k, file: f });
        }
      }
    };
    walk(d);
  }
  return out;
};

const countLines = (b: Uint8Array): number => {
  let n = 0;
  for (const x of b) if (x === 10) n++;
  return b.length > 0 && b[b.length - 1] !== 10 ? n + 1 : n;
};

const found = samples();

describe.skipIf(found.length === 0)("corpus (../shared/corpus)", () => {
  for (const { kind, file } of found) {
    it(`${kind}: ${file.slice(corpus.length + 1)}`, () => {
      const bytes = readFileSync(file);
      const { records, stats } = parseAll(registry[kind].create as never, bytes, { year: 2024 });
      expect(stats.lines).toBe(stats.records + stats.skipped + stats.ignored);
      if (!registry[kind].info.binary) expect(stats.lines).toBe(countLines(bytes));
      expect(stats.skipped, JSON.stringify(stats.errors.slice(0, 3))).toBe(0);
      // Loghub ships each sample with a structured CSV (Date, Time, Pid, Level, Component, Content).
      const structured = `${file}_structured.csv`;
      if (kind === "openstack" && existsSync(structured)) {
        const cmp = openstack.compareLoghubCsv(
          records as OsLogRecord[],
          readFileSync(structured, "utf8"),
          {},
        );
        expect(cmp.mismatchCount, JSON.stringify(cmp.mismatches.slice(0, 3))).toBe(0);
        expect(cmp.rows).toBe(cmp.records);
      }
      const jc = `${file.replace(/\.(out|txt)$/, "")}.json`;
      if (existsSync(jc) && jc !== file) {
        const expected = JSON.parse(readFileSync(jc, "utf8")) as Record<string, unknown>[];
        if (kind === "last") {
          const ours = (records as { user: string; line: string }[]).map((r) => [r.user, r.line]);
          const theirs = expected.map((e) => [e.user, e.tty]);
          expect(ours).toEqual(theirs);
        } else if (kind === "ss") {
          const ours = (records as { state: string; lport: number | null; pport: number | null }[]).map(
            (r) => [r.state, r.lport, r.pport],
          );
          const theirs = expected.map((e) => [
            e.state,
            e.local_port === undefined || e.local_port === "*" ? null : Number(e.local_port),
            e.peer_port === undefined || e.peer_port === "*" ? null : Number(e.peer_port),
          ]);
          expect(ours).toEqual(theirs);
        }
      }
    });
  }
});
