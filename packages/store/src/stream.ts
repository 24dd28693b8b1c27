/**
 * The dry-run sink: rows written to a stream as JSON Lines (the records' wire form, `ts` as ISO
 * text) or CSV (RFC 4180, one header line, `candidates` joined with `;`). Nothing is kept, no
 * duplicates are removed and there are no checkpoints and no carried state.
 *
 * @since 0.1.0
 * @module
 */
import type { OpenStackAction } from "@fleetlens/core/lite";
import { formatIso } from "@fleetlens/core/lite";
import type { Checkpoint } from "./Checkpoint.js";
import { StoreError } from "./errors.js";
import type { Store, WriteResult } from "./Store.js";
import { type ActionKind, defaultTables, validateTable } from "./Tables.js";

/**
 * CSV header of the stream sink.
 *
 * @since 0.1.0
 * @category constants
 */
export const csvHeader = [
  "instance",
  "action",
  "ts",
  "requestId",
  "userId",
  "projectId",
  "status",
  "derivation",
  "candidates",
  "resource",
] as const;

const csvField = (v: string | number | null | undefined): string => {
  if (v === null || v === undefined) return "";
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/**
 * One action as a CSV line (without line end), fields in {@link csvHeader} order.
 *
 * @since 0.1.0
 * @category conversions
 */
export const toCsvLine = (a: OpenStackAction): string =>
  [
    a.instance,
    a.action,
    formatIso(a.ts),
    a.requestId,
    a.userId,
    a.projectId,
    a.status,
    a.derivation,
    a.candidates?.join(";"),
    a.resource,
  ]
    .map(csvField)
    .join(",");

/**
 * One action as a JSON line (without line end): the encoded record, `ts` as ISO text.
 *
 * @since 0.1.0
 * @category conversions
 */
export const toJsonLine = (a: OpenStackAction): string => JSON.stringify({ ...a, ts: formatIso(a.ts) });

/** @internal */
export const openStream = async (
  sink: string,
  format: "jsonl" | "csv",
  out: NodeJS.WritableStream,
  kind: ActionKind,
  table: string | undefined,
): Promise<Store> => {
  let target = table ?? defaultTables[kind];
  let written = 0;
  let headerDone = false;
  const write = (text: string): Promise<void> =>
    new Promise((resolve, reject) => {
      if (out.write(text)) resolve();
      else {
        const onDrain = (): void => {
          out.off("error", onError);
          resolve();
        };
        const onError = (e: unknown): void => {
          out.off("drain", onDrain);
          reject(
            new StoreError({ sink, reason: { _tag: "Io", detail: String((e as Error)?.message ?? e) } }),
          );
        };
        out.once("drain", onDrain);
        out.once("error", onError);
      }
    });
  return {
    sink,
    backend: "stream",
    get table() {
      return target;
    },
    ensureSchema: async (name?: string, k?: ActionKind) => {
      const checked = validateTable(sink, name ?? defaultTables[k ?? kind]);
      if (checked instanceof StoreError) throw checked;
      target = checked;
    },
    writeBatch: async (
      actions: ReadonlyArray<OpenStackAction>,
      _checkpoints: ReadonlyArray<Checkpoint> = [],
    ): Promise<WriteResult> => {
      let text = "";
      if (format === "csv" && !headerDone) {
        text += csvHeader.join(",") + "\n";
        headerDone = true;
      }
      for (const a of actions) text += (format === "csv" ? toCsvLine(a) : toJsonLine(a)) + "\n";
      if (text !== "") await write(text);
      written += actions.length;
      return { inserted: actions.length, duplicates: 0, rejected: 0, rejections: [] };
    },
    checkpoint: async () => null,
    carried: async () => [],
    count: async () => written,
    rows: async () => {
      throw new StoreError({ sink, reason: { _tag: "Failed", detail: "a stream sink cannot be read back" } });
    },
    deleteBefore: async () => 0,
    close: async () => {
      if (format === "csv" && !headerDone) {
        headerDone = true;
        await write(csvHeader.join(",") + "\n");
      }
    },
  };
};
