/**
 * `fleetlens parse <kind> FILE...` (declared in parse.ts): read files, look the kind up in the
 * registry, write records. No parsing logic lives here. parseFile and sniffFile serve the other verbs.
 */
import {
  addStats,
  CheckFailed,
  DhcpHost,
  DhcpLease,
  emptyStats,
  InputError,
  InterfaceDescription,
  InventoryRow,
  LicenceEvent,
  LicenceFileLine,
  LicenceSnapshot,
  LmstatRecord,
  Login,
  MacTableEntry,
  OsLogRecord,
  Packet,
  type ParseOptions,
  type ParserFactory,
  type ParseStats,
  ProcfsSample,
  parseStream,
  SnmpVarbind,
  Socket,
  UsageError,
} from "@fleetlens/core";
import { isKind, KINDS, type Kind, type RecordName, registry, sniffKinds } from "@fleetlens/parsers";
import { Schema } from "effect";
import { flag, type Io, type Parsed, str } from "../framework.js";
import { openInput, readHead } from "../inputs.js";
import { RecordWriter, reportStats, resolveFormat, statsLine } from "../output.js";
import { parseOptionsFrom } from "./common.impl.js";

/** The schema that encodes each record type to its JSON form. */
const recordSchemas = {
  Login,
  Packet,
  Socket,
  LicenceEvent,
  LmstatRecord,
  LicenceFileLine,
  LicenceSnapshot,
  DhcpHost,
  DhcpLease,
  MacTableEntry,
  InterfaceDescription,
  InventoryRow,
  OsLogRecord,
  ProcfsSample,
  SnmpVarbind,
} satisfies Record<RecordName, Schema.Top>;

/** Pick the kind of a file by sniffing its head. */
export const sniffFile = async (file: string): Promise<Kind> => {
  if (file === "-") throw new UsageError({ reason: "parse auto cannot sniff stdin: name the kind" });
  const head = await readHead(file);
  const [best] = sniffKinds(head);
  if (!best || best.confidence < 0.3)
    throw new InputError({
      file,
      reason: `cannot tell its kind; name it (fleetlens parse <kind> ${file}; kinds: ${KINDS.join(", ")})`,
    });
  return best.kind;
};

export interface FileParse {
  readonly kind: Kind;
  readonly stats: ParseStats;
  readonly errors: { file: string; line: number; offset?: number; reason: string }[];
}

/**
 * Stream one file through a parser, handing each batch of records to `onBatch`.
 */
export const parseFile = async <R>(
  kind: Kind,
  file: string,
  io: Io,
  base: ParseOptions,
  onBatch: (records: R[]) => void | Promise<void>,
): Promise<FileParse> => {
  const input = await openInput(file, io);
  const stats = emptyStats();
  const errors: FileParse["errors"] = [];
  const options: ParseOptions = {
    ...base,
    file: input.name,
    ...(base.reference === undefined && input.mtimeMs !== undefined ? { reference: input.mtimeMs } : {}),
  };
  // The registry holds parsers of several record types; the caller names the one it expects.
  const create = registry[kind].create as unknown as ParserFactory<R, ParseOptions>;
  for await (const batch of parseStream(create, input.chunks, options, stats, (s) => {
    if (errors.length < 20) errors.push({ file: input.name, ...s });
  })) {
    await onBatch(batch as R[]);
  }
  return { kind, stats, errors };
};

/** `fleetlens parse` (declared in parse.ts). */
export const run = async (args: Parsed, io: Io): Promise<number> => {
  const [kindArg, ...files] = args.positionals as [string, ...string[]];
  if (kindArg !== "auto" && !isKind(kindArg))
    throw new UsageError({ reason: `parse: unknown kind "${kindArg}" (known: ${KINDS.join(", ")}, auto)` });
  const base = { ...parseOptionsFrom(args), ...(flag(args, "failed") ? { failed: true } : {}) };
  const format = resolveFormat(str(args, "format"), io);
  const kinds: Kind[] = [];
  for (const file of files) kinds.push(kindArg === "auto" ? await sniffFile(file) : kindArg);
  const kindsSeen = new Set<string>(kinds);
  // csv and table columns: every field of the record type (optional ones too), when there is one
  const only = kindsSeen.size === 1 ? recordSchemas[registry[kinds[0] as Kind].info.record] : undefined;
  const writer = new RecordWriter(
    io,
    format,
    only && "fields" in only ? Object.keys(only.fields) : undefined,
  );
  let total = emptyStats();
  const errors: FileParse["errors"] = [];
  for (const [i, file] of files.entries()) {
    const kind = kinds[i] as Kind;
    const encode = Schema.encodeSync(
      recordSchemas[registry[kind].info.record] as Schema.Codec<unknown, unknown>,
    );
    const r = await parseFile<unknown>(kind, file, io, base, async (batch) => {
      for (const rec of batch) writer.write(encode(rec) as Record<string, unknown>);
      await writer.maybeFlush();
    });
    total = addStats(total, r.stats);
    errors.push(...r.errors);
  }
  await writer.end();
  if (!flag(args, "strict") || total.skipped === 0)
    reportStats(io, str(args, "stats"), [...kindsSeen].join(","), files.length, total, errors);
  else if (str(args, "stats") === "json")
    io.stderr.write(statsLine([...kindsSeen].join(","), files.length, total, errors));
  if (flag(args, "strict") && total.skipped > 0) {
    const first = errors[0];
    throw new CheckFailed({
      reason: `${total.skipped} line(s) skipped${first ? `; first: ${first.file}:${first.line}: ${first.reason}` : ""}`,
    });
  }
  return 0;
};
