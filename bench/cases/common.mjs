// Shared by the bench cases: stream a file through a registry parser, report one JSON line.
import { open } from "node:fs/promises";
import { emptyStats, parseStream } from "@fleetlens/core/lite";
import { registry } from "@fleetlens/parsers";

// 64 KiB reads, as the CLI does: fewer records alive per batch keeps peak memory low.
export async function* chunks(path, size = 1 << 16) {
  const fh = await open(path, "r");
  try {
    for (;;) {
      const buf = Buffer.allocUnsafe(size);
      const { bytesRead } = await fh.read(buf, 0, size, null);
      if (bytesRead === 0) return;
      yield bytesRead === size ? buf : buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

export const run = async (kind, path, options, onBatch) => {
  const stats = emptyStats();
  const t0 = performance.now();
  for await (const batch of parseStream(registry[kind].create, chunks(path), options, stats)) onBatch(batch);
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, stats };
};

export const report = (o) => {
  process.stdout.write(`${JSON.stringify({ ...o, maxRssKb: process.resourceUsage().maxRSS })}\n`);
};
