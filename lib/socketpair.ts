/**
 * zsock_socketpair: two connected AF_UNIX stream sockets in one realm, as
 * Zephyr's socketpair.c. Each end owns a receive pipe of
 * CONFIG_NET_SOCKETPAIR_BUFFER_SIZE bytes; a write goes into the peer's pipe.
 * No port is involved, so it works before any network exists (a port is
 * still needed for the timers and turns that blocking calls settle in).
 */

import {
  AF_UNIX,
  SOCK_STREAM,
  ZSOCK_MSG_DONTWAIT,
  ZSOCK_MSG_PEEK,
  ZSOCK_MSG_WAITALL,
  ZSOCK_POLLHUP,
  ZSOCK_POLLIN,
  ZSOCK_POLLOUT,
  ZSOCK_SHUT_RD,
  ZSOCK_SHUT_RDWR,
  ZSOCK_SHUT_WR,
} from './constants';
import {
  EAFNOSUPPORT,
  EFAULT,
  EINTR,
  EINVAL,
  EISCONN,
  EMSGSIZE,
  ENFILE,
  EOPNOTSUPP,
  EPIPE,
  EPROTONOSUPPORT,
  EPROTOTYPE,
} from './errno';
import { fail } from './fail';
import { fd_alloc, fd_free } from './fdtable';
import { inet_ioctl } from './inet/socket';
import type { SocketOps } from './ops';
import type { IntRef, sockaddr } from './sockaddr';
import { failed_call } from './stack';
import { block, notify, WOULD_BLOCK, type SocketBase } from './wait';

/** One end of a pair. */
interface SpairSocket extends SocketBase {
  fd: number;
  /** The other end; null once it is closed. */
  peer: SpairSocket | null;
  /** This end's receive pipe, a ring: `len` bytes from `head`. */
  buf: Uint8Array;
  head: number;
  len: number;
  /** shutdown(SHUT_RD): reads answer EOF, the peer's writes EPIPE. */
  rdShut: boolean;
  /** shutdown(SHUT_WR): writes answer EPIPE, the peer reads EOF. */
  wrShut: boolean;
}

/** CONFIG_NET_SOCKETPAIR_BUFFER_SIZE. */
let bufferSize = 64;

/**
 * Sets the pipe size of pairs made from now on (1..4096 bytes), as Kconfig's CONFIG_NET_SOCKETPAIR_BUFFER_SIZE does in Zephyr. zsockjs only; a value outside Kconfig's range would not build, so it throws a TypeError (small engines have no RangeError). Synchronous.
 */
export function zsock_set_socketpair_buffer_size(n: number): void {
  if (typeof n !== 'number' || n !== Math.floor(n) || n < 1 || n > 4096) {
    throw new TypeError('socketpair buffer size must be an integer in 1..4096');
  }
  bufferSize = n;
}

function create(): SpairSocket {
  return {
    waiters: null,
    nonblock: false,
    closed: false,
    fd: -1,
    peer: null,
    buf: new Uint8Array(bufferSize),
    head: 0,
    len: 0,
    rdShut: false,
    wrShut: false,
  };
}

/**
 * Makes two connected sockets (AF_UNIX or AF_LOCAL; SOCK_STREAM or SOCK_DGRAM) and writes their descriptors into `sv[0]` and `sv[1]`. Needs no provider.
 * Mirrors `zsock_socketpair` of include/zephyr/net/socket.h (POSIX name `socketpair`). Synchronous: 0, or -1 with errno EAFNOSUPPORT, EPROTOTYPE, EPROTONOSUPPORT, EFAULT (a null `sv` or one shorter than 2), ENFILE (no room for both).
 */
export function zsock_socketpair(family: number, type: number, proto: number, sv: number[] | Int32Array | null): number {
  if (typeof family !== 'number' || typeof type !== 'number' || typeof proto !== 'number') {
    throw new TypeError('family, type and protocol must be numbers');
  }
  if (sv !== null && !(Array.isArray(sv) || sv instanceof Int32Array)) {
    throw new TypeError('sv must be an array (or Int32Array) of 2 numbers, or null');
  }
  if (family !== AF_UNIX) return fail(EAFNOSUPPORT);
  if (type !== SOCK_STREAM) return fail(EPROTOTYPE);
  if (proto !== 0) return fail(EPROTONOSUPPORT);
  // No room for both descriptors is C's bad pointer, as NULL is.
  if (sv === null || sv.length < 2) return fail(EFAULT);
  const a = create();
  const b = create();
  a.fd = fd_alloc(a, spair_ops);
  if (a.fd < 0) return -1;
  b.fd = fd_alloc(b, spair_ops);
  if (b.fd < 0) {
    fd_free(a.fd);
    return fail(ENFILE);
  }
  a.peer = b;
  b.peer = a;
  sv[0] = a.fd;
  sv[1] = b.fd;
  return 0;
}

/** Copies as much of `data` as fits into `to`'s pipe; returns the count. */
function pipe_put(to: SpairSocket, data: Uint8Array): number {
  const buf = to.buf;
  const size = buf.length;
  const n = Math.min(data.length, size - to.len);
  if (n === 0) return 0;
  const tail = (to.head + to.len) % size;
  const first = Math.min(n, size - tail);
  buf.set(first === data.length ? data : data.subarray(0, first), tail);
  if (n > first) buf.set(data.subarray(first, n), 0);
  to.len += n;
  return n;
}

/** Copies up to into.length queued bytes into `into`; removes them unless `peek`. */
function pipe_get(from: SpairSocket, into: Uint8Array, peek: boolean): number {
  const buf = from.buf;
  const size = buf.length;
  const n = Math.min(into.length, from.len);
  if (n === 0) return 0;
  const first = Math.min(n, size - from.head);
  into.set(buf.subarray(from.head, from.head + first));
  if (n > first) into.set(buf.subarray(0, n - first), first);
  if (!peek) {
    from.len -= n;
    from.head = from.len === 0 ? 0 : (from.head + n) % size;
  }
  return n;
}

/** Nothing more will arrive: the peer closed or shut its writing down, or we shut reading down. */
function at_eof(sock: SpairSocket): boolean {
  const peer = sock.peer;
  return sock.rdShut || !peer || peer.wrShut;
}

function spair_sendto(
  sock: SpairSocket,
  data: Uint8Array,
  flags: number,
  dest: sockaddr | null,
  _addrlen: number,
  message?: boolean,
): Promise<number> {
  // Zephyr: an empty sendmsg sends nothing and returns 0; an empty write is EINVAL.
  if (data.length === 0) return message ? Promise.resolve(0) : failed_call(EINVAL);
  // The pair is connected for good: an address is refused, as Linux does.
  if (dest) return failed_call(EISCONN);
  // Zephyr's non-blocking sendmsg takes a message whole or not at all.
  const nonblocking = sock.nonblock || (flags & ZSOCK_MSG_DONTWAIT) !== 0;
  if (message && nonblocking && sock.peer && data.length > sock.peer.buf.length - sock.peer.len) {
    return failed_call(EMSGSIZE);
  }
  return block(
    sock,
    () => {
      if (sock.closed) return -EINTR;
      const peer = sock.peer;
      if (!peer || sock.wrShut || peer.rdShut) return -EPIPE;
      // Partial writes: whatever fits now, waiting only while nothing fits.
      const n = pipe_put(peer, data);
      if (n === 0) return WOULD_BLOCK;
      notify(peer);
      return n;
    },
    !sock.nonblock && !(flags & ZSOCK_MSG_DONTWAIT),
    -1,
    null,
    data,
  );
}

function spair_recvfrom(
  sock: SpairSocket,
  into: Uint8Array,
  flags: number,
  _src: sockaddr | null,
  addrlen: IntRef | null,
  _msgFlags: IntRef | null,
): Promise<number> {
  // A pair has no addresses; Zephyr reports an empty one, as Linux does.
  if (addrlen) addrlen.value = 0;
  if (into.length === 0) return failed_call(EINVAL);
  const peek = (flags & ZSOCK_MSG_PEEK) !== 0;
  const wait = !sock.nonblock && !(flags & ZSOCK_MSG_DONTWAIT);
  const waitAll = (flags & ZSOCK_MSG_WAITALL) !== 0 && !peek && wait;
  let got = 0;
  return block(
    sock,
    () => {
      if (sock.closed) return -EINTR;
      if (peek) {
        const n = pipe_get(sock, into, true);
        return n > 0 || at_eof(sock) ? n : WOULD_BLOCK;
      }
      const n = pipe_get(sock, got === 0 ? into : into.subarray(got), false);
      if (n > 0) {
        got += n;
        // Room opened in our pipe: the peer's writers may go on.
        if (sock.peer) notify(sock.peer);
      }
      if (got === into.length || (got > 0 && !waitAll) || at_eof(sock)) return got;
      return WOULD_BLOCK;
    },
    wait,
    -1,
    null,
    into,
  );
}

/**
 * Zephyr's socketpair has no shutdown (ENOTSUP); zsockjs gives POSIX's:
 * SHUT_WR makes the peer read EOF after the queued data and our writes
 * EPIPE; SHUT_RD drops what is queued (as Zephyr's TCP SHUT_RD does), makes
 * our reads EOF and the peer's writes EPIPE.
 */
function spair_shutdown(sock: SpairSocket, how: number): number {
  if (how !== ZSOCK_SHUT_RD && how !== ZSOCK_SHUT_WR && how !== ZSOCK_SHUT_RDWR) return fail(EINVAL);
  if (how !== ZSOCK_SHUT_RD) sock.wrShut = true;
  if (how !== ZSOCK_SHUT_WR) {
    sock.rdShut = true;
    sock.len = 0;
    sock.head = 0;
  }
  notify(sock);
  if (sock.peer) notify(sock.peer);
  return 0;
}

function spair_close(sock: SpairSocket): number {
  sock.closed = true;
  fd_free(sock.fd);
  const peer = sock.peer;
  sock.peer = null;
  sock.len = 0;
  if (peer) {
    // The peer's readers drain what is queued, then read EOF; its writers get EPIPE.
    peer.peer = null;
    notify(peer);
  }
  // Calls blocked on this descriptor wake with EINTR.
  notify(sock);
  return 0;
}

/**
 * POLLIN: data queued or EOF. POLLOUT: a write would not wait (room in the
 * peer's pipe, or a shutdown that makes it fail at once). POLLHUP: the peer
 * is closed. The requested events are not visible here, so POLLHUP comes
 * whether POLLOUT was asked for (Zephyr's case) or not (Linux also sets it).
 */
function spair_ready(sock: SpairSocket): number {
  const peer = sock.peer;
  let bits = sock.len > 0 || at_eof(sock) ? ZSOCK_POLLIN : 0;
  if (!peer) bits |= ZSOCK_POLLHUP;
  else if (sock.wrShut || peer.rdShut || peer.len < peer.buf.length) bits |= ZSOCK_POLLOUT;
  return bits;
}

function already_connected(): Promise<number> {
  return failed_call(EISCONN);
}

const spair_ops: SocketOps<SpairSocket> = {
  close: spair_close,
  shutdown: spair_shutdown,
  bind: () => fail(EISCONN),
  connect: already_connected,
  listen: () => fail(EINVAL),
  accept: () => failed_call(EOPNOTSUPP),
  sendto: spair_sendto,
  recvfrom: spair_recvfrom,
  inet: false,
  getsockname: () => fail(EOPNOTSUPP),
  getpeername: () => fail(EOPNOTSUPP),
  ioctl: (sock, request, arg) => inet_ioctl(sock, request, arg, () => sock.len),
  ready: spair_ready,
};
