/**
 * Line streaming over chunks: strings or bytes in any split, CRLF or LF, a missing final newline,
 * and lines longer than a bound (dropped and reported, never buffered without limit). Splitting a
 * text anywhere gives the same lines as reading it whole.
 *
 * @since 0.1.0
 * @module
 */

/** Default bound on one line, in characters (1 MiB). @since 0.1.0 @category constants */
export const DEFAULT_MAX_LINE = 1 << 20;

/**
 * Receives each line (without its terminator) with its 1-based number. A line over the bound
 * arrives as `tooLong` with the text cut to the bound.
 *
 * @since 0.1.0
 * @category models
 */
export type LineHandler = (line: string, lineNo: number, tooLong: boolean) => void;

/**
 * Push-based splitter. `push` any number of chunks, then `end()` once.
 *
 * @example
 * ```ts
 * const out: string[] = [];
 * const s = new LineSplitter((l) => out.push(l));
 * s.push("a\r\nb"); s.push("c\n"); s.end();   // out = ["a", "bc"]
 * ```
 * @since 0.1.0
 * @category constructors
 */
export class LineSplitter {
  private partial = "";
  private overflow = false;
  private decoder: InstanceType<typeof TextDecoder> | undefined;
  /** Lines delivered so far. */
  lineNo = 0;
  constructor(
    private readonly onLine: LineHandler,
    private readonly maxLine: number = DEFAULT_MAX_LINE,
  ) {}

  push(chunk: string | Uint8Array): void {
    let text: string;
    if (typeof chunk === "string") text = chunk;
    else {
      this.decoder ??= new TextDecoder("utf-8");
      text = this.decoder.decode(chunk, { stream: true });
    }
    this.feed(text);
  }

  private feed(text: string): void {
    let start = 0;
    const n = text.length;
    while (start < n) {
      const nl = text.indexOf("\n", start);
      if (nl === -1) {
        this.append(text.slice(start));
        return;
      }
      let line: string;
      if (this.partial.length === 0 && !this.overflow) line = text.slice(start, nl);
      else {
        this.append(text.slice(start, nl));
        line = this.partial;
        this.partial = "";
      }
      start = nl + 1;
      this.deliver(line);
    }
  }

  private append(piece: string): void {
    if (this.overflow) return;
    if (this.partial.length + piece.length > this.maxLine + 1) {
      this.partial = (this.partial + piece).slice(0, this.maxLine + 1);
      this.overflow = true;
      return;
    }
    this.partial += piece;
  }

  private deliver(raw: string): void {
    let line = raw;
    if (line.length > 0 && line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    const tooLong = this.overflow || line.length > this.maxLine;
    this.overflow = false;
    this.lineNo++;
    this.onLine(tooLong ? line.slice(0, this.maxLine) : line, this.lineNo, tooLong);
  }

  /** Flush the last line when the input did not end with a newline. */
  end(): void {
    if (this.decoder) {
      const rest = this.decoder.decode();
      if (rest) this.feed(rest);
    }
    if (this.partial.length > 0 || this.overflow) {
      const line = this.partial;
      this.partial = "";
      this.deliver(line);
    }
  }
}

/**
 * Lines of an async (or sync) iterable of chunks, such as a `fs.ReadStream` or `process.stdin`.
 *
 * @since 0.1.0
 * @category constructors
 */
export async function* lines(
  input: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  maxLine: number = DEFAULT_MAX_LINE,
): AsyncGenerator<{ readonly text: string; readonly lineNo: number; readonly tooLong: boolean }> {
  let buf: { text: string; lineNo: number; tooLong: boolean }[] = [];
  const s = new LineSplitter((text, lineNo, tooLong) => buf.push({ text, lineNo, tooLong }), maxLine);
  for await (const chunk of input) {
    s.push(chunk);
    if (buf.length) {
      const out = buf;
      buf = [];
      yield* out;
    }
  }
  s.end();
  yield* buf;
}

/** Split a whole text into lines with the same rules as {@link LineSplitter}. @since 0.1.0 @category constructors */
export const splitLines = (text: string): string[] => {
  const out: string[] = [];
  const s = new LineSplitter((l) => out.push(l));
  s.push(text);
  s.end();
  return out;
};
