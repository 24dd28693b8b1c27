/**
 * Batching with checkpoints. A {@link BatchWriter} collects actions and writes them
 * `batchSize` at a time, each batch in one transaction together with the checkpoints that batch
 * completes. `mark(checkpoint)` says "every action derived from this file up to this offset has
 * been added"; a checkpoint is written with the first batch that contains all actions added
 * before its mark, never earlier. So a run killed at any moment leaves checkpoints that only
 * cover committed rows, and a re-run from them gives exactly the rows of one clean run.
 * `end({ rows, carry })` puts the run's last rows, its last checkpoints and the state it carries
 * to the next run (see `Store.carried`) in one final transaction.
 *
 * @since 0.1.0
 * @module
 */
import type { OpenStackAction } from "@fleetlens/core/lite";
import type { Checkpoint } from "./Checkpoint.js";
import type { Store, WriteResult } from "./Store.js";
import type { CarryItem } from "./Tables.js";

/**
 * Options of {@link BatchWriter}.
 *
 * @since 0.1.0
 * @category models
 */
export interface BatchOptions {
  /** Actions per transaction. Default 1000. */
  readonly batchSize?: number | undefined;
  /** Empty the table (and its checkpoints) in the first transaction. Default false. */
  readonly replace?: boolean | undefined;
}

/**
 * Totals over all batches written, plus the number of transactions.
 *
 * @since 0.1.0
 * @category models
 */
export interface WriteTotals {
  readonly inserted: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly rejections: ReadonlyArray<string>;
  readonly batches: number;
}

/**
 * Collects actions and checkpoints and writes them in batches. Not re-entrant: await each call.
 *
 * @since 0.1.0
 * @category constructors
 */
export class BatchWriter {
  readonly #store: Store;
  readonly #size: number;
  #replace: boolean;
  #pending: OpenStackAction[] = [];
  /** Marks in order, each with the number of pending actions when it was made. */
  #marks: Array<{ pos: number; cp: Checkpoint }> = [];
  #totals = { inserted: 0, duplicates: 0, rejected: 0, batches: 0 };
  #rejections: string[] = [];

  constructor(store: Store, options: BatchOptions = {}) {
    this.#store = store;
    this.#size = Math.max(1, Math.floor(options.batchSize ?? 1000));
    this.#replace = options.replace === true;
  }

  /** Adds actions; writes every full batch. */
  async add(actions: Iterable<OpenStackAction>): Promise<void> {
    for (const a of actions) {
      this.#pending.push(a);
      if (this.#pending.length >= this.#size) await this.#flush(this.#size);
    }
  }

  /** Records that everything added so far covers `checkpoint`. */
  mark(checkpoint: Checkpoint): void {
    this.#marks.push({ pos: this.#pending.length, cp: checkpoint });
  }

  /**
   * Writes what is left (and, with `replace`, empties the table even when nothing was added).
   * `last.rows` go into that last transaction whatever the batch size, and `last.carry` replaces
   * the stored carried state in it: so the rows decided at the end of a run, the checkpoints and
   * the state carried to the next run are committed together or not at all.
   */
  async end(
    last: {
      readonly rows?: Iterable<OpenStackAction> | undefined;
      readonly carry?: ReadonlyArray<CarryItem> | undefined;
    } = {},
  ): Promise<WriteTotals> {
    if (last.rows !== undefined) for (const a of last.rows) this.#pending.push(a);
    if (this.#pending.length > 0 || this.#marks.length > 0 || this.#replace || last.carry !== undefined)
      await this.#flush(this.#pending.length, last.carry);
    return { ...this.#totals, rejections: this.#rejections };
  }

  async #flush(n: number, carry?: ReadonlyArray<CarryItem>): Promise<void> {
    const rows = this.#pending.slice(0, n);
    const byPath = new Map<string, Checkpoint>();
    const rest: Array<{ pos: number; cp: Checkpoint }> = [];
    for (const m of this.#marks) {
      if (m.pos <= n) byPath.set(m.cp.path, m.cp);
      else rest.push({ pos: m.pos - n, cp: m.cp });
    }
    const r: WriteResult = await this.#store.writeBatch(rows, [...byPath.values()], {
      replace: this.#replace,
      ...(carry === undefined ? {} : { carry }),
    });
    this.#replace = false;
    this.#pending = this.#pending.slice(n);
    this.#marks = rest;
    this.#totals.inserted += r.inserted;
    this.#totals.duplicates += r.duplicates;
    this.#totals.rejected += r.rejected;
    this.#totals.batches += 1;
    for (const x of r.rejections) if (this.#rejections.length < 10) this.#rejections.push(x);
  }
}
