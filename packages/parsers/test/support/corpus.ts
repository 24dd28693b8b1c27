/**
 * The corpus tier's discovery and per-sample checks (used by corpus.test.ts on ../shared/corpus
 * or $FLEETLENS_CORPUS, and by corpus-ntc.test.ts on a synthetic corpus, so both run the same
 * code).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { type OsLogRecord, parseAll } from "@fleetlens/core";
import { isKind, type Kind, openstack, registry, sniffKinds } from "@fleetlens/parsers";
import { expect } from "vitest";
import { checkNtcSample } from "./ntc.js";

/** Corpus folders and their kind; `auto` folders are mixed and each file's kind is sniffed. */
export const CORPUS_DIRS: Record<string, Kind | "auto"> = {
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

/** Expectation files that ship beside samples (not samples themselves). */
const EXPECTED = /\.(json|out|yml|yaml|md|csv|txt\.json)$/i;

/** The samples of a corpus directory and the kind each is parsed as; none when it is absent. */
export const corpusSamples = (corpus: string): { kind: Kind; file: string }[] => {
  if (!existsSync(corpus)) return [];
  const out: { kind: Kind; file: string }[] = [];
  for (const [dir, kind] of Object.entries(CORPUS_DIRS)) {
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

/**
 * Asserts what the corpus tier requires of one sample: every line accounted for, no skips, and
 * agreement with the expectations shipped beside it (Loghub's structured CSV, jc's JSON,
 * ntc-templates' `.yml`).
 */
export const checkCorpusSample = (kind: Kind, file: string): void => {
  const bytes = readFileSync(file);
  const { records, stats } = parseAll(registry[kind].create as never, bytes, { year: 2024 });
  expect(stats.lines).toBe(stats.records + stats.skipped + stats.ignored);
  if (!registry[kind].info.binary) expect(stats.lines).toBe(countLines(bytes));
  expect(stats.skipped, JSON.stringify(stats.errors.slice(0, 3))).toBe(0);
  // Loghub ships each sample with a structured CSV (Date, Time, Pid, Level, Component, Content).
  const structured = `${file}_structured.csv`;
  if (kind === "openstack" && existsSync(structured)) {
    const cmp = openstack.compareLoghubCsv(records as OsLogRecord[], readFileSync(structured, "utf8"), {});
    expect(cmp.mismatchCount, JSON.stringify(cmp.mismatches.slice(0, 3))).toBe(0);
    expect(cmp.rows).toBe(cmp.records);
  }
  // ntc-templates ships each Cisco `.raw` with a `.yml` of what its template extracts.
  const ntc = checkNtcSample(kind, file, records);
  if (ntc !== undefined) {
    expect(ntc.mismatches, `${file} vs ntc-templates`).toEqual([]);
    expect(ntc.records).toBe(ntc.rows);
  }
  const jc = `${file.replace(/\.(out|txt)$/, "")}.json`;
  if (existsSync(jc) && jc !== file) {
    const expected = JSON.parse(readFileSync(jc, "utf8")) as Record<string, unknown>[];
    if (kind === "last") {
      const ours = (records as { user: string; line: string }[]).map((r) => [r.user, r.line]);
      const theirs = expected.map((e) => [e.user, e.tty]);
      expect(ours).toEqual(theirs);
    } else if (kind === "ss") {
      const ours = (records as { state: string; lport: number | null; pport: number | null }[]).map((r) => [
        r.state,
        r.lport,
        r.pport,
      ]);
      const theirs = expected.map((e) => [
        e.state,
        e.local_port === undefined || e.local_port === "*" ? null : Number(e.local_port),
        e.peer_port === undefined || e.peer_port === "*" ? null : Number(e.peer_port),
      ]);
      expect(ours).toEqual(theirs);
    }
  }
};
