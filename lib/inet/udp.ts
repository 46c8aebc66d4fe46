/**
 * UDP sockets: the operations table behind a SOCK_DGRAM descriptor, and the
 * provider that zsock_init registers for them.
 */

import {
  AF_UNSPEC,
  SOCK_DGRAM,
  ZSOCK_MSG_DONTWAIT,
  ZSOCK_MSG_PEEK,
  ZSOCK_MSG_TRUNC,
  ZSOCK_MSG_WAITALL,
  ZSOCK_POLLERR,
  ZSOCK_POLLIN,
  ZSOCK_POLLOUT,
  ZSOCK_SHUT_RD,
  ZSOCK_SHUT_RDWR,
  ZSOCK_SHUT_WR,
  } from '../constants';
import {
  EADDRINUSE,
  EAGAIN,
  EDESTADDRREQ,
  EINTR,
  EINVAL,
  ENOBUFS,
  ENOTCONN,
  EOPNOTSUPP,
  EPIPE,
} from '../errno';
import { fail } from '../fail';
import type { SocketOps } from '../ops';
import type { Endpoint, UdpEvents } from '../port';
import type { IntRef, sockaddr } from '../sockaddr';
import { failed_call, stack_port, type SocketProvider } from '../stack';
import { block, notify, WOULD_BLOCK, type Call } from '../wait';
import { endpoint_from, fill_sockaddr, is_unspecified, sockaddr_size, wildcard } from './endpoint';
import {
  SockFlag,
  apply_options,
  inet_close,
  inet_bind,
  inet_getpeername,
  inet_getsockname,
  inet_ioctl,
  is_inet,
  local_in_use,
  new_inet_socket,
  release_local,
  set_local,
  type InetSocket,
} from './socket';

/** CONFIG_NET_SOCKET_MAX_SEND_WAIT: how long a send waits for buffers (ms). */
const MAX_SEND_WAIT_MS = 10000;

const RECV_FLAGS = ZSOCK_MSG_PEEK | ZSOCK_MSG_DONTWAIT | ZSOCK_MSG_TRUNC | ZSOCK_MSG_WAITALL;

function udp_events(sock: InetSocket): UdpEvents {
  return {
    readable(): void {
      notify(sock);
    },
    writable(): void {
      notify(sock);
    },
    error(errno: number): void {
      sock.error = errno;
      sock.pendingError = errno;
      notify(sock);
    },
  };
}

/** Opens the port's socket on first use, as Zephyr binds a UDP context when it is first needed. */
function ensure_open(sock: InetSocket): number {
  if (sock.udp) return 0;
  const udp = stack_port().udpOpen(sock.local || wildcard(sock.family), udp_events(sock), (sock.flags & SockFlag.ReuseAddr) !== 0 || (sock.flags & SockFlag.ReusePort) !== 0);
  if (typeof udp === 'number') return udp;
  if (!sock.local && local_in_use(sock, udp.local)) {
    udp.close();
    return EADDRINUSE;
  }
  sock.udp = udp;
  apply_options(sock, udp);
  set_local(sock, udp.local);
  return 0;
}

function udp_bind(sock: InetSocket, addr: sockaddr, addrlen: number): number {
  if (sock.udp) return fail(EINVAL);
  if (inet_bind(sock, addr, addrlen) < 0) return -1;
  const err = ensure_open(sock);
  if (err) {
    release_local(sock);
    sock.local = null;
    return fail(err);
  }
  return 0;
}

function udp_connect(sock: InetSocket, addr: sockaddr, addrlen: number): Promise<number> {
  if (addr.sa_family === AF_UNSPEC) {
    // Zephyr's udp tests: connect(AF_UNSPEC) forgets the peer.
    sock.remote = null;
    if (sock.udp) sock.udp.connect(null);
    return Promise.resolve(0);
  }
  const remote = endpoint_from(addr, addrlen, sock.family);
  if (typeof remote === 'number') return failed_call(remote);
  const err = ensure_open(sock);
  if (err) return failed_call(err);
  sock.remote = remote;
  sock.udp!.connect(remote);
  notify(sock);
  return Promise.resolve(0);
}

/** Made on first use: a buffer made at module load is read-only once preloaded into flash (Moddable). */
let scratchDest: Endpoint | null = null;

function udp_sendto(
  sock: InetSocket,
  data: Uint8Array,
  flags: number,
  dest: sockaddr | null,
  addrlen: number,
): Promise<number> {
  if (flags & ~ZSOCK_MSG_DONTWAIT) return failed_call(EINVAL);
  let to: Endpoint;
  if (dest) {
    if (!scratchDest) scratchDest = { family: 0, addr: new Uint8Array(16), port: 0 };
    const ep = endpoint_from(dest, addrlen, sock.family, scratchDest);
    if (typeof ep === 'number') return failed_call(ep);
    if (is_unspecified(ep.addr) || ep.port === 0) return failed_call(EDESTADDRREQ);
    to = ep;
  } else if (sock.remote) to = sock.remote;
  else return failed_call(EDESTADDRREQ);
  if ((sock.flags & SockFlag.WrShut) !== 0) return failed_call(EPIPE);
  const err = ensure_open(sock);
  if (err) return failed_call(err);
  // Without SO_SNDTIMEO a send waits for buffers CONFIG_NET_SOCKET_MAX_SEND_WAIT, then ENOBUFS.
  const waitForBuffers = sock.sndTimeo >= 0 ? sock.sndTimeo : MAX_SEND_WAIT_MS;
  const wait = !sock.nonblock && !(flags & ZSOCK_MSG_DONTWAIT);
  const onTimeout = sock.sndTimeo >= 0 ? null : no_buffers;
  return block(sock, send_attempt, wait, waitForBuffers, onTimeout, data, 0, to);
}

function send_attempt(call: Call): number {
  const sock = call.sock as InetSocket;
  if (sock.closed) return -EINTR;
  const sent = sock.udp!.send(call.data, call.dest!);
  if (sent === 0) return call.data.length;
  return sent === EAGAIN || sent === ENOBUFS ? WOULD_BLOCK : -sent;
}

function no_buffers(): number {
  return -ENOBUFS;
}

let scratchFrom: Endpoint | null = null;

function udp_recvfrom(
  sock: InetSocket,
  into: Uint8Array,
  flags: number,
  src: sockaddr | null,
  addrlen: IntRef | null,
  msgFlags: IntRef | null,
): Promise<number> {
  if (into.length === 0 && !msgFlags) return Promise.resolve(0);
  if (flags & ~RECV_FLAGS) return failed_call(EINVAL);
  if (src && addrlen && addrlen.value < sockaddr_size(sock.family)) return failed_call(EINVAL);
  if ((sock.flags & SockFlag.RdShut) !== 0) return Promise.resolve(0);
  const err = ensure_open(sock);
  if (err) return failed_call(err);
  const wait = !sock.nonblock && !(flags & ZSOCK_MSG_DONTWAIT);
  return block(sock, recv_attempt, wait, sock.rcvTimeo, null, into, flags, null, src, addrlen, msgFlags);
}

function recv_attempt(call: Call): number {
  const sock = call.sock as InetSocket;
  if (sock.closed) return -EINTR;
  if ((sock.flags & SockFlag.RdShut) !== 0) return 0;
  const udp = sock.udp!;
  if (udp.nextSize() < 0) return WOULD_BLOCK;
  const into = call.data;
  const from = scratchFrom || (scratchFrom = { family: 0, addr: new Uint8Array(16), port: 0 });
  const size = udp.receive(into, from, (call.flags & ZSOCK_MSG_PEEK) !== 0);
  if (call.src && call.srclen) fill_sockaddr(from, call.src, call.srclen);
  if (size > into.length) {
    if (call.msgFlags) call.msgFlags.value |= ZSOCK_MSG_TRUNC;
    return call.flags & ZSOCK_MSG_TRUNC ? size : into.length;
  }
  return size;
}

function udp_shutdown(sock: InetSocket, how: number): number {
  if (how !== ZSOCK_SHUT_RD && how !== ZSOCK_SHUT_WR && how !== ZSOCK_SHUT_RDWR) return fail(EINVAL);
  if (how !== ZSOCK_SHUT_RD) {
    if (!sock.remote) return fail(ENOTCONN);
    sock.flags |= SockFlag.WrShut;
  }
  if (how !== ZSOCK_SHUT_WR) sock.flags |= SockFlag.RdShut;
  notify(sock);
  return 0;
}

function release_udp(sock: InetSocket): void {
  if (sock.udp) {
    sock.udp.close();
    sock.udp = null;
  }
}

function udp_close(sock: InetSocket): number {
  return inet_close(sock, release_udp);
}

function udp_ready(sock: InetSocket): number {
  let bits = (sock.flags & SockFlag.WrShut) !== 0 ? 0 : ZSOCK_POLLOUT;
  if ((sock.flags & SockFlag.RdShut) !== 0 || (sock.udp && sock.udp.nextSize() >= 0)) bits |= ZSOCK_POLLIN;
  if (sock.pendingError) bits |= ZSOCK_POLLERR;
  return bits;
}

/** Joins or leaves a multicast group (IP_ADD_MEMBERSHIP and the like), opening the port's socket first. */
export function udp_membership(sock: InetSocket, group: Endpoint, join: boolean): number {
  const err = ensure_open(sock);
  return err || sock.udp!.membership(group, join);
}

function udp_unsupported(): Promise<number> {
  return failed_call(EOPNOTSUPP);
}

export const udp_ops: SocketOps<InetSocket> = {
  close: udp_close,
  shutdown: udp_shutdown,
  bind: udp_bind,
  connect: udp_connect,
  listen: () => fail(EOPNOTSUPP),
  accept: udp_unsupported,
  sendto: udp_sendto,
  recvfrom: udp_recvfrom,
  inet: true,
  getsockname: inet_getsockname,
  getpeername: inet_getpeername,
  ioctl: (sock, request, arg) =>
    inet_ioctl(sock, request, arg, () => (sock.udp ? Math.max(0, sock.udp.nextSize()) : 0)),
  ready: udp_ready,
};

/**
 * The provider of SOCK_DGRAM sockets over AF_INET and AF_INET6 (UDP): register it with zsock_init to use UDP (the built-in DNS client needs it). Mirrors the UDP half of Zephyr's INET socket family (subsys/net/lib/sockets/sockets_inet.c).
 */
export const inet_udp: SocketProvider = {
  supports(family: number, type: number): boolean {
    return is_inet(family) && type === SOCK_DGRAM;
  },
  create(family: number, type: number, proto: number): number {
    return new_inet_socket(family, type, proto, udp_ops);
  },
};
