/**
 * Local peers for the exporter's tests, all on 127.0.0.1: the exporter itself on a free port, a
 * TCP listener (silent, so a banner probe hangs), an HTTP server answering by path, a closed port.
 */
import { createServer as createHttpServer } from "node:http";
import { createServer, type Server, type Socket } from "node:net";
import { type AppDeps, decodeExporterConfig, type Serving, serve } from "../../src/index.js";

export { freeTcpPort } from "../../../../packages/core/test/support/daemon.js";

/** The exporter on 127.0.0.1 at a free port, with `input` as its (YAML-shaped) configuration. */
export const startExporter = (input: Record<string, unknown> = {}, deps: AppDeps = {}): Promise<Serving> => {
  const listen = { port: 0, ...((input.listen as object | undefined) ?? {}) };
  return serve(decodeExporterConfig({ ...input, listen }), deps);
};

export interface Peer {
  readonly port: number;
  close(): Promise<void>;
}

const listening = async (server: Server | ReturnType<typeof createHttpServer>, sockets: Set<Socket>) => {
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("error", () => {});
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    close: () =>
      new Promise<void>((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
  };
};

/** A TCP listener that accepts connections and never writes (a banner probe waits on it). */
export const silentTcp = (): Promise<Peer> => listening(createServer(), new Set());

/** An HTTP server: `/status/NNN` answers NNN, anything else 200. */
export const httpPeer = (): Promise<Peer> =>
  listening(
    createHttpServer((req, res) => {
      const m = /^\/status\/(\d{3})$/.exec(req.url ?? "");
      res.writeHead(m ? Number(m[1]) : 200, { "content-type": "text/plain" });
      res.end("hello\n");
    }),
    new Set(),
  );

/** The value of one sample line (`name{labels} value`, labels exactly as written), or undefined. */
export const sampleValue = (text: string, series: string): number | undefined => {
  for (const line of text.split("\n")) {
    if (line.startsWith(`${series} `)) return Number(line.slice(series.length + 1));
  }
  return undefined;
};
