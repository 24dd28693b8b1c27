/**
 * What the `ss` parser is, and how to recognise its input.
 *
 * @since 0.1.0
 * @module
 */
import type { ParserInfo } from "../types.js";

/**
 * The `ss` parser's self-description.
 *
 * @since 0.1.0
 * @category info
 */
export const info: ParserInfo = {
  kind: "ss",
  description: "iproute2 `ss` socket tables (TCP/UDP/inet) as Socket records",
  record: "Socket",
  binary: false,
  variants: [
    "iproute2 6.x: ss -tn, -tan, -tanp, -tunap (Netid), -H, -e (uid:, ino:), -o (timer:), -i (continuation lines)",
    "ss -tn state X (no State column: state from options.state, default UNKNOWN)",
    "narrow-column header glitch `Peer Address:PortProcess`",
    "IPv6 brackets, v4-mapped, `*` dual-stack wildcard, scoped `[fe80::1]%eth0:9090`, `127.0.0.53%lo:53`",
    'iproute2 3.x/4.x: `:::22`, `::1:25`, `*:22`, users:(("sshd",1197,4)) and users:(("sshd",pid=7411,fd=4))',
    "resolved ports without -n (`:ssh`, `:http`) through a built-in service table",
    "ss -s summary (ignored)",
  ],
  options: [],
};

const decoder = new TextDecoder("utf-8");

const HEADER = /^(?:Netid\s+)?(?:State\s+)?Recv-Q\s+Send-Q\s+Local Address:Port\s+Peer Address:Port/m;
const ROW =
  /^(?:[a-z_0-9]+\s+)?(?:ESTAB|LISTEN|TIME-WAIT|SYN-SENT|SYN-RECV|FIN-WAIT-[12]|CLOSE-WAIT|LAST-ACK|CLOSING|UNCONN|CLOSE)\s+\d+\s+\d+\s+\S+:(?:\d+|\*|[a-z][\w.-]*)\s+\S+:(?:\d+|\*|[a-z][\w.-]*)(?:\s|$)/;

/**
 * Confidence that `head` is `ss` output: 0.95 with ss's header, else the share of socket rows
 * among the first lines (up to 0.8), 0.5 for an `ss -s` summary.
 *
 * @since 0.1.0
 * @category info
 */
export const sniff = (head: Uint8Array): number => {
  const text = decoder.decode(head.subarray(0, 8192));
  if (HEADER.test(text)) return 0.95;
  const lines = text.split("\n", 20).filter((l) => l.trim().length > 0 && !/^\s/.test(l));
  if (lines.length > 0) {
    const rows = lines.filter((l) => ROW.test(l)).length;
    if (rows > 0) return 0.8 * (rows / lines.length);
  }
  if (/^Total: \d+/.test(text) && /^Transport Total/m.test(text)) return 0.5;
  return 0;
};
