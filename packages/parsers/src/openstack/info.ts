/**
 * What the `openstack` parser is, and how to recognise its input.
 *
 * @since 0.1.0
 * @module
 */
import type { ParserInfo } from "../types.js";

/**
 * The `openstack` parser's self-description.
 *
 * @since 0.1.0
 * @category info
 */
export const info: ParserInfo = {
  kind: "openstack",
  description:
    "oslo.log service logs (nova-api, nova-compute, glance-api, neutron-server, …) as OsLogRecord records",
  record: "OsLogRecord",
  binary: false,
  variants: [
    "oslo.log `YYYY-MM-DD HH:MM:SS.mmm PID LEVEL logger [CONTEXT] [instance: UUID] message`",
    "context `[-]`, `[req-ID user project - - -]` (oslo.log < 4.8), `[GLOBAL req-ID user project domain system_scope user_domain project_domain]` (Zed and later, `None`), `[req-ID user project]` (old), devstack `[GLOBAL req-ID project_name user_name]`",
    "Loghub-style leading source-file name (`<file> <line>`)",
    "tracebacks: oslo.log exception-prefix lines (`ERROR`, old `TRACE`) and bare Python traceback lines, attached to their record",
    "multi-line messages (XML dumps, SQL errors): the further lines attached like a traceback",
    "DEBUG suffix ` funcName path:lineno` kept in the message (splitDebugSuffix)",
    'API access messages: nova `client "request" status: N len: N time: S`, neutron (two spaces before len:), eventlet `client - - [date] "request" status len seconds` (glance, old neutron)',
    "nova-compute `VM <State> (Lifecycle Event)`",
    "custom formats without pid, with `,` milliseconds, without a context (then a timestamp is required)",
  ],
  options: ["zone"],
};

const decoder = new TextDecoder("utf-8");
const LINE =
  /^(?:\S+ )?\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}[.,]\d+ (?:\d+ )?[A-Z]+ \S+(?: (\[(?:-|(?:\S+ )?req-[^\]]*)\]))?/;

/** Lines that continue a record (tracebacks) rather than start one. */
const CONTINUATION = /^(?:[ \t]|Traceback \(|During handling|The above exception|[\w.]+(?::|$))/;

/**
 * Confidence that `head` is an oslo.log service log: the share of oslo.log lines among the first
 * non-blank lines that are not continuation lines, up to 0.95 when some carry a request context
 * (`[-]` or `[req-…]`), up to 0.4 without one (a plain Python log has the same head).
 *
 * @since 0.1.0
 * @category info
 */
export const sniff = (head: Uint8Array): number => {
  const text = decoder.decode(head.subarray(0, 16384));
  const lines = text.split("\n", 60).filter((l) => l.trim().length > 0 && !CONTINUATION.test(l));
  if (lines.length === 0) return 0;
  let hits = 0;
  let ctx = 0;
  for (const l of lines) {
    const m = LINE.exec(l);
    if (m) {
      hits++;
      if (m[1] !== undefined) ctx++;
    }
  }
  if (hits === 0) return 0;
  return (ctx > 0 ? 0.95 : 0.4) * (hits / lines.length);
};
