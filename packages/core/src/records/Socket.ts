/**
 * One socket, from `ss` or /proc/net/tcp{,6}.
 *
 * @since 0.1.0
 * @module
 */
import { Schema } from "effect";

/** A process holding a socket (`ss -p`). @since 0.1.0 @category schemas */
export const SocketProcess = Schema.Struct({
  name: Schema.String,
  pid: Schema.Finite,
  fd: Schema.NullOr(Schema.Finite),
});
/** @since 0.1.0 @category models */
export type SocketProcess = typeof SocketProcess.Type;

/**
 * Fields:
 * - `state`: `ss` state names (ESTAB, LISTEN, TIME-WAIT, SYN-SENT, SYN-RECV, FIN-WAIT-1,
 *   FIN-WAIT-2, CLOSE-WAIT, LAST-ACK, CLOSING, CLOSE, UNCONN); /proc states map to the same names
 * - `local`, `peer`: addresses without brackets or scope (`*` for a wildcard)
 * - `lport`, `pport`: ports, null for `*`
 * - `recvQ`, `sendQ`: queue sizes in bytes (for LISTEN: accept queue and backlog)
 * - `process`: the first process holding it, or null
 * - `processes` (optional): every process when several share it
 * - `localScope` (optional): interface of a scoped local address (`%eth0`)
 * - `netid` (optional): tcp, udp, … when the input says
 * - `uid`, `inode` (optional): from /proc/net/tcp
 *
 * @since 0.1.0
 * @category schemas
 */
export const Socket = Schema.Struct({
  state: Schema.String,
  local: Schema.String,
  lport: Schema.NullOr(Schema.Finite),
  peer: Schema.String,
  pport: Schema.NullOr(Schema.Finite),
  recvQ: Schema.Finite,
  sendQ: Schema.Finite,
  process: Schema.NullOr(SocketProcess),
  processes: Schema.optionalKey(Schema.Array(SocketProcess)),
  localScope: Schema.optionalKey(Schema.String),
  netid: Schema.optionalKey(Schema.String),
  uid: Schema.optionalKey(Schema.Finite),
  inode: Schema.optionalKey(Schema.Finite),
});
/** @since 0.1.0 @category models */
export type Socket = typeof Socket.Type;
/** @since 0.1.0 @category models */
export type SocketJson = typeof Socket.Encoded;
