/**
 * A webhook receiver on 127.0.0.1 for notifier tests: it keeps every notification it gets (headers
 * and JSON body) and answers 204.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import type { Notification } from "../../src/Notify.js";

export interface HookReceiver {
  /** `http://127.0.0.1:PORT/hook` */
  readonly url: string;
  /** What arrived, in order (empty it between tests with `received.length = 0`). */
  readonly received: { headers: IncomingHttpHeaders; body: Notification }[];
  close(): Promise<void>;
}

export const startHookReceiver = async (): Promise<HookReceiver> => {
  const received: HookReceiver["received"] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => {
      body += d;
    });
    req.on("end", () => {
      received.push({ headers: req.headers, body: JSON.parse(body) as Notification });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () => new Promise((r) => server.close(() => r())),
  };
};
