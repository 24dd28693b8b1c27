/**
 * Checkpoints: how far an input file has been read, so a re-run on a growing log reads only its new
 * lines. A checkpoint holds the file's identity (path, device, inode), the byte offset just past
 * the last fully processed line, and a SHA-256 of the file's first `headLength` bytes
 * (`headLength = min(offset, 4096)`: bytes already read, so unchanged in an append-only file).
 *
 * {@link resume} compares a stored checkpoint with the file as it is now and starts over from 0
 * when the file was rotated (another device/inode at the path), truncated (shorter than the
 * offset) or replaced in place (the head no longer matches: copytruncate followed by new writes,
 * an editor's rewrite). Stores write checkpoints in the same transaction as the rows they cover.
 *
 * @since 0.1.0
 * @module
 */
import { createHash } from "node:crypto";
import { open as openFile, stat } from "node:fs/promises";
import { resolve } from "node:path";

/**
 * One input file's progress.
 *
 * @since 0.1.0
 * @category models
 */
export interface Checkpoint {
  /** Absolute path. */
  readonly path: string;
  /** Device and inode numbers (decimal strings: they can exceed 2^53). */
  readonly dev: string;
  readonly ino: string;
  /** Byte offset just past the last fully processed line. */
  readonly offset: number;
  /** How many leading bytes {@link Checkpoint.headHash} covers: `min(offset, 4096)`. */
  readonly headLength: number;
  /** SHA-256 (hex) of the first `headLength` bytes. */
  readonly headHash: string;
}

/**
 * Why reading starts where it does: `new` (no checkpoint), `resume` (from the checkpoint's
 * offset), `rotated`, `truncated`, `replaced` (from 0).
 *
 * @since 0.1.0
 * @category models
 */
export type ResumeReason = "new" | "resume" | "rotated" | "truncated" | "replaced";

/**
 * Most bytes a head hash covers.
 *
 * @since 0.1.0
 * @category constants
 */
export const HEAD_BYTES = 4096;

const sha256 = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");

/**
 * An open input file positioned for reading: `start` is where to begin (0 or the checkpoint's
 * offset), `reason` why. {@link FileCursor.at} makes the checkpoint for a later offset without
 * touching the disk again (the head was read when the cursor was made).
 *
 * @since 0.1.0
 * @category models
 */
export interface FileCursor {
  readonly path: string;
  readonly dev: string;
  readonly ino: string;
  /** Size when the cursor was made. */
  readonly size: number;
  readonly start: number;
  readonly reason: ResumeReason;
  /** The checkpoint for `offset` (the end of a fully processed line, at least `start`). */
  at(offset: number): Checkpoint;
}

/**
 * Reads the head of `path` and decides where to resume, given the stored checkpoint (or null).
 * Rejects (with the fs error) only when the file cannot be opened.
 *
 * @since 0.1.0
 * @category constructors
 */
export const resume = async (path: string, saved: Checkpoint | null): Promise<FileCursor> => {
  const abs = resolve(path);
  const fh = await openFile(abs, "r");
  try {
    const st = await fh.stat({ bigint: true });
    const head = Buffer.alloc(HEAD_BYTES);
    let got = 0;
    while (got < HEAD_BYTES) {
      const { bytesRead } = await fh.read(head, got, HEAD_BYTES - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    const headBytes = head.subarray(0, got);
    const dev = String(st.dev);
    const ino = String(st.ino);
    const size = Number(st.size);
    const decide = (): [number, ResumeReason] => {
      if (saved === null) return [0, "new"];
      if (saved.dev !== dev || saved.ino !== ino) return [0, "rotated"];
      if (size < saved.offset) return [0, "truncated"];
      if (saved.headLength > got || sha256(headBytes.subarray(0, saved.headLength)) !== saved.headHash) {
        return [0, "replaced"];
      }
      return [saved.offset, "resume"];
    };
    const [start, reason] = decide();
    const at = (offset: number): Checkpoint => {
      const headLength = Math.min(offset, got);
      return { path: abs, dev, ino, offset, headLength, headHash: sha256(headBytes.subarray(0, headLength)) };
    };
    return { path: abs, dev, ino, size, start, reason, at };
  } finally {
    await fh.close();
  }
};

/**
 * The identity of a file now (device and inode), for callers that only need to compare.
 *
 * @since 0.1.0
 * @category constructors
 */
export const identify = async (path: string): Promise<{ dev: string; ino: string; size: number }> => {
  const st = await stat(resolve(path), { bigint: true });
  return { dev: String(st.dev), ino: String(st.ino), size: Number(st.size) };
};

/**
 * The sha256 of a path made absolute (so `logs/a.log` and `/srv/logs/a.log` are one file), the
 * checkpoint table's key column.
 *
 * @since 0.1.0
 * @category constructors
 */
export const pathKey = (path: string): string => createHash("sha256").update(resolve(path)).digest("hex");

/**
 * Complete lines of `path` from byte `start`, as chunks that each end with `\n`, with the offset
 * just past each chunk. A trailing line without `\n` (still being written) is left for the next
 * run. Memory stays bounded by `chunkSize` plus the longest line. Each chunk is a fresh copy; with
 * `reuse: true` it is a view into one buffer, valid only until the next chunk is asked for (for
 * consumers that decode each chunk at once, such as the parsers).
 *
 * @since 0.1.0
 * @category constructors
 */
export async function* readComplete(
  path: string,
  start: number,
  chunkSize = 64 * 1024,
  options: { readonly reuse?: boolean } = {},
): AsyncGenerator<{ readonly chunk: Buffer; readonly end: number }> {
  const fh = await openFile(path, "r");
  try {
    let pos = start;
    if (options.reuse === true) {
      // One buffer for the whole file: each chunk is a view into it, valid until the next one is
      // asked for. No allocation per chunk, so memory stays flat however large the file.
      let buf = Buffer.allocUnsafe(chunkSize);
      let have = 0; // bytes of an incomplete line carried at the front of buf
      for (;;) {
        if (have === buf.length) {
          const bigger = Buffer.allocUnsafe(buf.length * 2);
          buf.copy(bigger, 0, 0, have);
          buf = bigger;
        }
        const { bytesRead } = await fh.read(buf, have, buf.length - have, pos + have);
        if (bytesRead === 0) return;
        const total = have + bytesRead;
        const nl = buf.lastIndexOf(10, total - 1);
        if (nl < 0) {
          have = total;
          continue;
        }
        pos += nl + 1;
        yield { chunk: buf.subarray(0, nl + 1), end: pos };
        have = total - (nl + 1);
        buf.copy(buf, 0, nl + 1, total);
      }
    }
    let carry: Buffer = Buffer.alloc(0);
    const buf = Buffer.alloc(chunkSize);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, chunkSize, pos + carry.length);
      if (bytesRead === 0) return;
      const data =
        carry.length === 0 ? buf.subarray(0, bytesRead) : Buffer.concat([carry, buf.subarray(0, bytesRead)]);
      const nl = data.lastIndexOf(10);
      if (nl < 0) {
        carry = Buffer.from(data);
        continue;
      }
      const chunk = Buffer.from(data.subarray(0, nl + 1));
      carry = Buffer.from(data.subarray(nl + 1));
      pos += chunk.length;
      yield { chunk, end: pos };
    }
  } finally {
    await fh.close();
  }
}
