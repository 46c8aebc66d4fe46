/**
 * TCP receiving: recv/recvfrom/recvmsg on a stream socket, with MSG_PEEK's
 * stash, MSG_WAITALL and the order of answers Zephyr gives (a reset before
 * queued data, EOF after it).
 */

import { ZSOCK_MSG_DONTWAIT, ZSOCK_MSG_PEEK, ZSOCK_MSG_TRUNC, ZSOCK_MSG_WAITALL } from '../constants';
import { EAGAIN, EINTR, EINVAL, ENOTCONN } from '../errno';
import type { IntRef, sockaddr } from '../sockaddr';
import { failed_call } from '../stack';
import { block, WOULD_BLOCK, type Call } from '../wait';
import { SockFlag, TcpState, type InetSocket } from './socket';

const RECV_FLAGS = ZSOCK_MSG_PEEK | ZSOCK_MSG_DONTWAIT | ZSOCK_MSG_WAITALL | ZSOCK_MSG_TRUNC;

/** Bytes queued for the reader: peeked ones first, then the port's. */
export function queued(sock: InetSocket): number {
  return sock.stashLen + (sock.conn && (sock.flags & SockFlag.RdShut) === 0 ? sock.conn.available() : 0);
}

/** Moves everything the port holds into the peek stash. */
function fill_stash(sock: InetSocket): void {
  const conn = sock.conn!;
  const more = conn.available();
  if (more === 0) return;
  const need = sock.stashLen + more;
  if (!sock.stash || sock.stash.length < need) {
    const grown = new Uint8Array(need);
    if (sock.stash) grown.set(sock.stash.subarray(0, sock.stashLen));
    sock.stash = grown;
  }
  sock.stashLen += conn.read(sock.stash.subarray(sock.stashLen, need));
}

/** Takes up to into.length bytes (stash first); returns the count. */
function take(sock: InetSocket, into: Uint8Array, peek: boolean): number {
  if (peek) {
    fill_stash(sock);
    const n = Math.min(into.length, sock.stashLen);
    if (n > 0) into.set(sock.stash!.subarray(0, n));
    return n;
  }
  let n = 0;
  if (sock.stashLen > 0) {
    n = Math.min(into.length, sock.stashLen);
    into.set(sock.stash!.subarray(0, n));
    sock.stash!.set(sock.stash!.subarray(n, sock.stashLen));
    sock.stashLen -= n;
  }
  if (n < into.length) n += sock.conn!.read(n === 0 ? into : into.subarray(n));
  return n;
}

export function tcp_recvfrom(
  sock: InetSocket,
  into: Uint8Array,
  flags: number,
  _src: sockaddr | null,
  _addrlen: IntRef | null,
  _msgFlags: IntRef | null,
): Promise<number> {
  if (into.length === 0) return Promise.resolve(0);
  if (flags & ~RECV_FLAGS) return failed_call(EINVAL);
  if (sock.state !== TcpState.Connected && (sock.flags & SockFlag.RdShut) === 0) return failed_call(ENOTCONN);
  return block(
    sock,
    recv_attempt,
    !sock.nonblock && !(flags & ZSOCK_MSG_DONTWAIT),
    sock.rcvTimeo,
    recv_timeout,
    into,
    flags,
  );
}

function recv_attempt(call: Call): number {
  const sock = call.sock as InetSocket;
  if (sock.closed) return -EINTR;
  if ((sock.flags & SockFlag.RdShut) !== 0) return call.got;
  // Zephyr reports a reset before any data still queued.
  if (sock.error) return call.got > 0 ? call.got : -sock.error;
  const into = call.data;
  const peek = (call.flags & ZSOCK_MSG_PEEK) !== 0;
  const got = (call.got += take(sock, call.got === 0 ? into : into.subarray(call.got), peek));
  if (got === into.length || (got > 0 && (peek || !(call.flags & ZSOCK_MSG_WAITALL)))) return got;
  if (sock.conn!.finished() && sock.stashLen === 0) return got;
  return WOULD_BLOCK;
}

/** MSG_WAITALL returns what it has when the time runs out. */
function recv_timeout(call: Call): number {
  return call.got > 0 ? call.got : -EAGAIN;
}

