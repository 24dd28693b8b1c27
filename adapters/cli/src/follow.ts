/**
 * Following a growing log file across rotation, like `tail -F`: new complete lines are handed on
 * in order; when the file is renamed away (a new inode at the path) or truncated, the rest of the
 * old file is read and the new one is followed from its start.
 */
import { type FileHandle, open, stat } from "node:fs/promises";

export interface FollowOptions {
  /** Start at the beginning of the file instead of its end. */
  readonly fromStart?: boolean;
  /** How often to look for new data, in ms. */
  readonly intervalMs?: number;
}

export class Follower {
  private fh: FileHandle | undefined;
  private ino = -1;
  private pos = 0;
  private partial = "";
  private readonly decoder = new TextDecoder();
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private stopped = false;

  constructor(
    private readonly path: string,
    private readonly onLine: (line: string) => Promise<void>,
    private readonly options: FollowOptions = {},
  ) {}

  /** Open the file (it may not exist yet) and start polling. */
  async start(): Promise<void> {
    await this.reopen(this.options.fromStart === true);
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs ?? 200);
    await this.tick();
  }

  private async reopen(fromStart: boolean): Promise<void> {
    await this.fh?.close().catch(() => undefined);
    this.fh = undefined;
    try {
      this.fh = await open(this.path, "r");
      const st = await this.fh.stat();
      this.ino = st.ino;
      this.pos = fromStart ? 0 : st.size;
    } catch {
      this.ino = -1;
      this.pos = 0;
    }
    this.partial = "";
  }

  private async drain(): Promise<void> {
    if (!this.fh) return;
    const buf = Buffer.allocUnsafe(1 << 16);
    for (;;) {
      const { bytesRead } = await this.fh.read(buf, 0, buf.length, this.pos);
      if (bytesRead === 0) return;
      this.pos += bytesRead;
      const text = this.partial + this.decoder.decode(buf.subarray(0, bytesRead), { stream: true });
      const parts = text.split("\n");
      this.partial = parts.pop() ?? "";
      for (const p of parts) await this.onLine(p.endsWith("\r") ? p.slice(0, -1) : p);
    }
  }

  /** One poll: read what is new, then check for rotation or truncation. */
  async tick(): Promise<void> {
    if (this.busy || this.stopped) return;
    this.busy = true;
    try {
      await this.drain();
      let st: Awaited<ReturnType<typeof stat>> | undefined;
      try {
        st = await stat(this.path);
      } catch {
        st = undefined; // renamed away and not yet recreated: keep the old handle
      }
      if (st && (st.ino !== this.ino || st.size < this.pos)) {
        // Rotated (new file at the path) or truncated: finish the old, follow the new from its start.
        await this.drain();
        await this.reopen(true);
        await this.drain();
      }
    } finally {
      this.busy = false;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    while (this.busy) await new Promise((r) => setTimeout(r, 10));
    this.stopped = false;
    await this.tick(); // a last read so nothing written before stop is lost
    this.stopped = true;
    await this.fh?.close().catch(() => undefined);
  }
}
