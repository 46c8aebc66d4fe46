/**
 * TCP sockets: the operations table behind a SOCK_STREAM descriptor, and
 * the provider that zsock_init registers for them.
 */

import {
  AF_INET,
  SOCK_STREAM,
  SOMAXCONN,
  ZSOCK_MSG_DONTWAIT,
  ZSOCK_POLLERR,
  ZSOCK_POLLHUP,
  ZSOCK_POLLIN,
  ZSOCK_POLLOUT,
  ZSOCK_SHUT_RD,
  ZSOCK_SHUT_RDWR,
  ZSOCK_SHUT_WR,
  } from '../constants';
import {
  EADDRINUSE,
  EADDRNOTAVAIL,
  EALREADY,
  EDESTADDRREQ,
  EINPROGRESS,
  EINTR,
  EINVAL,
  ENETUNREACH,
  ENFILE,
  ENOTCONN,
  ENOTSUP,
  EOPNOTSUPP,
  EPIPE,
  ETIMEDOUT,
} from '../errno';
import { fail } from '../fail';
import { fd_free } from '../fdtable';
import type { SocketOps } from '../ops';
import type { ListenerEvents, TcpEvents } from '../port';
import type { IntRef, sockaddr } from '../sockaddr';
import { failed_call, stack_port, type SocketProvider } from '../stack';
import { block, notify, WOULD_BLOCK, type Call } from '../wait';
import { copy_endpoint, endpoint_from, fill_sockaddr, is_multicast, is_unspecified } from './endpoint';
import { queued, tcp_recvfrom } from './tcp-recv';
import {
  SockFlag,
  apply_options,
  choose_ephemeral,
  inet_close,
  attach_fd,
  create_inet,
  inet_bind,
  inet_getpeername,
  inet_getsockname,
  inet_ioctl,
  is_inet,
  local_in_use,
  local_or_wildcard,
  new_inet_socket,
  set_local,
  TcpState,
  type InetSocket,
} from './socket';

/** CONFIG_NET_SOCKETS_CONNECT_TIMEOUT: how long a connect may take (ms). */
let connectTimeoutMs = 3000;

/** Kconfig's range for CONFIG_NET_SOCKETS_CONNECT_TIMEOUT. */
const MAX_CONNECT_TIMEOUT_MS = 60000;

/**
 * Sets how long a connect waits before ETIMEDOUT (0..60000 ms, whole milliseconds; 3000 by default), as Kconfig's CONFIG_NET_SOCKETS_CONNECT_TIMEOUT does in Zephyr. zsockjs only. Synchronous: 0, or -1 with errno EINVAL (out of range; the timeout stays as it was).
 */
export function zsock_set_connect_timeout(ms: number): number {
  if (typeof ms !== 'number') throw new TypeError('timeout must be a number');
  if (!(ms >= 0 && ms <= MAX_CONNECT_TIMEOUT_MS) || ms !== Math.floor(ms)) return fail(EINVAL);
  connectTimeoutMs = ms;
  return 0;
}

function tcp_events(sock: InetSocket): TcpEvents {
  return {
    connected(): void {
      if (sock.state !== TcpState.Connecting) return;
      clear_timer(sock);
      sock.state = TcpState.Connected;
      const conn = sock.conn!;
      set_local(sock, conn.local);
      notify(sock);
    },
    readable(): void {
      notify(sock);
    },
    writable(): void {
      notify(sock);
    },
    error(errno: number): void {
      clear_timer(sock);
      sock.error = errno;
      sock.pendingError = errno;
      if (sock.state === TcpState.Connecting) connect_failed(sock, errno);
      notify(sock);
    },
  };
}

function clear_timer(sock: InetSocket): void {
  if (sock.timer !== null) {
    stack_port().clearTimer(sock.timer);
    sock.timer = null;
  }
}

function connect_failed(sock: InetSocket, errno: number): void {
  sock.state = TcpState.Failed;
  sock.error = errno;
  sock.pendingError = errno;
  sock.flags |= SockFlag.ErrorUnreported;
  if (sock.conn) sock.conn.close();
  sock.conn = null;
}

function tcp_connect(sock: InetSocket, addr: sockaddr, addrlen: number): Promise<number> {
  switch (sock.state) {
    case TcpState.Listening:
      return failed_call(EOPNOTSUPP);
    case TcpState.Connected:
      return Promise.resolve(0);
    case TcpState.Connecting:
      return failed_call(EALREADY);
    case TcpState.Failed:
      if ((sock.flags & SockFlag.ErrorUnreported) !== 0) {
        // A non-blocking connect failed: the next connect() reports it, once.
        const reported = sock.error;
        sock.flags &= ~SockFlag.ErrorUnreported;
        sock.error = sock.pendingError = 0;
        sock.state = TcpState.Fresh;
        return failed_call(reported);
      }
  }
  const remote = endpoint_from(addr, addrlen, sock.family);
  if (typeof remote === 'number') return failed_call(remote);
  if (is_multicast(remote)) return failed_call(sock.family === AF_INET ? ENETUNREACH : EADDRNOTAVAIL);
  const port = stack_port();
  const local = sock.local && port.capabilities.bindBeforeConnect ? sock.local : null;
  let conn = port.tcpConnect(remote, local, tcp_events(sock));
  for (let i = 0; conn === EADDRINUSE && local && (sock.flags & SockFlag.Ephemeral) !== 0 && i < EPHEMERAL_RETRIES; i++) {
    if (choose_ephemeral(sock)) break;
    conn = port.tcpConnect(remote, sock.local, tcp_events(sock));
  }
  if (typeof conn === 'number') return failed_call(conn);
  sock.conn = conn;
  sock.remote = remote;
  sock.state = TcpState.Connecting;
  sock.error = 0;
  sock.pendingError = 0;
  sock.flags &= ~SockFlag.ErrorUnreported;
  apply_options(sock, conn);
  sock.timer = port.setTimer(connectTimeoutMs, () => {
    sock.timer = null;
    if (sock.state !== TcpState.Connecting) return;
    sock.conn!.abort();
    sock.conn = null;
    connect_failed(sock, ETIMEDOUT);
    notify(sock);
  });
  if (sock.nonblock) return failed_call(EINPROGRESS);
  return block(
    sock,
    () => {
      if (sock.closed) return -EINTR;
      if (sock.state === TcpState.Connected) return 0;
      if (sock.state === TcpState.Failed) {
        // Reported now: the socket is fresh again (a listen or connect may follow).
        const reported = sock.error;
        sock.flags &= ~SockFlag.ErrorUnreported;
        sock.error = sock.pendingError = 0;
        sock.state = TcpState.Fresh;
        return -reported;
      }
      return WOULD_BLOCK;
    },
    true,
    -1,
  );
}

/**
 * bind(): as for every IP socket, and a port 0 becomes an ephemeral port
 * at once, so getsockname() right after bind() reports it, as C programs
 * that pick a free port this way expect.
 */
function tcp_bind(sock: InetSocket, addr: sockaddr, addrlen: number): number {
  if (inet_bind(sock, addr, addrlen) < 0) return -1;
  if (sock.local!.port !== 0) return 0;
  const err = choose_ephemeral(sock);
  if (err) {
    sock.local = null;
    return fail(err);
  }
  return 0;
}

/** Tries of another ephemeral port when the platform finds the chosen one taken (by something outside this stack). */
const EPHEMERAL_RETRIES = 8;

function listener_events(sock: InetSocket): ListenerEvents {
  return {
    acceptable(): void {
      notify(sock);
    },
    error(errno: number): void {
      sock.error = errno;
      sock.pendingError = errno;
      notify(sock);
    },
  };
}

function tcp_listen(sock: InetSocket, backlog: number): number {
  if (sock.state === TcpState.Listening) return 0;
  if (sock.state !== TcpState.Fresh) return fail(EINVAL);
  const depth = backlog < 1 ? 1 : backlog > SOMAXCONN ? SOMAXCONN : backlog;
  const shared = (sock.flags & SockFlag.ReuseAddr) !== 0 || (sock.flags & SockFlag.ReusePort) !== 0;
  const port = stack_port();
  let listener = port.tcpListen(local_or_wildcard(sock), depth, listener_events(sock), shared);
  for (let i = 0; listener === EADDRINUSE && (sock.flags & SockFlag.Ephemeral) !== 0 && i < EPHEMERAL_RETRIES; i++) {
    if (choose_ephemeral(sock)) break;
    listener = port.tcpListen(sock.local!, depth, listener_events(sock), shared);
  }
  if (typeof listener === 'number') return fail(listener);
  if (local_in_use(sock, listener.local)) {
    listener.close();
    return fail(EADDRINUSE);
  }
  sock.listener = listener;
  sock.state = TcpState.Listening;
  set_local(sock, listener.local);
  return 0;
}

function tcp_accept(sock: InetSocket, addr: sockaddr | null, addrlen: IntRef | null): Promise<number> {
  if (sock.state !== TcpState.Listening) return failed_call(EINVAL);
  // Zephyr's accept ignores SO_RCVTIMEO: it waits until a peer arrives.
  return block(
    sock,
    () => {
      if (sock.closed) return -EINTR;
      if (sock.error) return -sock.error;
      const listener = sock.listener!;
      if (listener.pending() === 0) return WOULD_BLOCK;
      const child = create_inet(sock.family, SOCK_STREAM, 0) as InetSocket;
      const fd = attach_fd(child, tcp_ops);
      if (fd < 0) return -ENFILE;
      const conn = listener.accept(tcp_events(child));
      if (!conn) {
        fd_free(fd);
        return WOULD_BLOCK;
      }
      child.conn = conn;
      child.state = TcpState.Connected;
      child.remote = copy_endpoint(conn.remote);
      child.options = sock.options ? Object.assign({}, sock.options) : null;
      child.local = conn.local;
      apply_options(child, conn);
      if (addr && addrlen) fill_sockaddr(conn.remote, addr, addrlen);
      return fd;
    },
    !sock.nonblock,
    -1,
  );
}

function writable_error(sock: InetSocket): number {
  if (sock.closed) return EINTR;
  if (sock.state !== TcpState.Connected) return ENOTCONN;
  // After a reset or a timeout Zephyr's send answers ENOTCONN.
  if (sock.error) return ENOTCONN;
  if ((sock.flags & SockFlag.WrShut) !== 0) return EPIPE;
  return 0;
}

function tcp_sendto(
  sock: InetSocket,
  data: Uint8Array,
  flags: number,
  dest: sockaddr | null,
  addrlen: number,
): Promise<number> {
  if (flags & ~ZSOCK_MSG_DONTWAIT) return failed_call(EINVAL);
  if (sock.state !== TcpState.Connected && !sock.error) {
    // Zephyr checks for a peer address first (EDESTADDRREQ), then the TCP state.
    return failed_call(dest || sock.remote ? ENOTCONN : EDESTADDRREQ);
  }
  if (dest) {
    const check = endpoint_from(dest, addrlen, sock.family);
    if (typeof check === 'number') return failed_call(check);
    if (is_unspecified(check.addr)) return failed_call(EDESTADDRREQ);
  }
  const now = writable_error(sock);
  if (now) return failed_call(now);
  if (data.length === 0) return Promise.resolve(0);
  return block(sock, send_attempt, !sock.nonblock && !(flags & ZSOCK_MSG_DONTWAIT), sock.sndTimeo, null, data);
}

function send_attempt(call: Call): number {
  const sock = call.sock as InetSocket;
  const err = writable_error(sock);
  if (err) return -err;
  const n = sock.conn!.write(call.data);
  return n > 0 ? n : WOULD_BLOCK;
}

function tcp_shutdown(sock: InetSocket, how: number): number {
  if (how !== ZSOCK_SHUT_RD && how !== ZSOCK_SHUT_WR && how !== ZSOCK_SHUT_RDWR) return fail(EINVAL);
  if (how !== ZSOCK_SHUT_RD) {
    if (sock.state !== TcpState.Connected) return fail(ENOTCONN);
    if (!stack_port().capabilities.halfClose) return fail(ENOTSUP);
    if ((sock.flags & SockFlag.WrShut) === 0 && !sock.error) sock.conn!.shutdownWrite();
    sock.flags |= SockFlag.WrShut;
  }
  if (how !== ZSOCK_SHUT_WR) {
    // Zephyr: receiving stops, queued data is dropped, readers see EOF.
    sock.flags |= SockFlag.RdShut;
    sock.stashLen = 0;
    sock.stash = null;
  }
  notify(sock);
  return 0;
}

function release_tcp(sock: InetSocket): void {
  clear_timer(sock);
  if (sock.conn) {
    // SO_LINGER {1, 0}: close aborts with RST.
    if ((sock.flags & SockFlag.LingerOn) !== 0 && sock.lingerSecs === 0) sock.conn.abort();
    else sock.conn.close();
    sock.conn = null;
  }
  if (sock.listener) {
    sock.listener.close();
    sock.listener = null;
  }
}

function tcp_close(sock: InetSocket): number {
  return inet_close(sock, release_tcp);
}

function tcp_ready(sock: InetSocket): number {
  switch (sock.state) {
    case TcpState.Listening:
      return (sock.listener!.pending() > 0 ? ZSOCK_POLLIN : 0) | (sock.pendingError ? ZSOCK_POLLERR : 0);
    case TcpState.Failed:
      return ZSOCK_POLLERR;
    case TcpState.Connected:
      break;
    default:
      return (sock.flags & SockFlag.RdShut) !== 0 ? ZSOCK_POLLIN : 0;
  }
  if (sock.error) return (sock.pendingError ? ZSOCK_POLLERR : 0) | ZSOCK_POLLHUP | ZSOCK_POLLIN;
  const conn = sock.conn!;
  let bits = 0;
  const eof = conn.finished() && sock.stashLen === 0;
  if ((sock.flags & SockFlag.RdShut) !== 0 || queued(sock) > 0 || eof) bits |= ZSOCK_POLLIN;
  // As in Zephyr, the peer's FIN reads as POLLIN | POLLHUP.
  if (eof) bits |= ZSOCK_POLLHUP;
  if ((sock.flags & SockFlag.WrShut) === 0 && conn.room() > 0) bits |= ZSOCK_POLLOUT;
  return bits;
}

export const tcp_ops: SocketOps<InetSocket> = {
  close: tcp_close,
  shutdown: tcp_shutdown,
  bind: tcp_bind,
  connect: tcp_connect,
  listen: tcp_listen,
  accept: tcp_accept,
  sendto: tcp_sendto,
  recvfrom: tcp_recvfrom,
  inet: true,
  getsockname: inet_getsockname,
  getpeername: inet_getpeername,
  ioctl: (sock, request, arg) => inet_ioctl(sock, request, arg, () => queued(sock)),
  ready: tcp_ready,
};

/**
 * The provider of SOCK_STREAM sockets over AF_INET and AF_INET6 (TCP): register it with zsock_init to use TCP. Mirrors the TCP half of Zephyr's INET socket family (subsys/net/lib/sockets/sockets_inet.c).
 */
export const inet_tcp: SocketProvider = {
  supports(family: number, type: number): boolean {
    return is_inet(family) && type === SOCK_STREAM;
  },
  create(family: number, type: number, proto: number): number {
    return new_inet_socket(family, type, proto, tcp_ops);
  },
};

