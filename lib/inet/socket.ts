/**
 * The state of an IP socket (TCP or UDP) and what both kinds share: the
 * bound-port rules, local and peer names, fcntl/ioctl.
 */

import {
  AF_INET,
  AF_INET6,
  F_GETFL,
  F_SETFL,
  FIONBIO,
  FIONREAD,
  O_NONBLOCK,
  SOCK_DGRAM,
  SOCK_STREAM,
  } from '../constants';
import { EADDRINUSE,
  EADDRNOTAVAIL,
  EFAULT,
  EINVAL,
  ENOTCONN,
  EOPNOTSUPP,
  EPFNOSUPPORT,
  EPROTONOSUPPORT,
} from '../errno';
import { fail } from '../fail';
import { fd_alloc, fd_free } from '../fdtable';
import type { SocketOps } from '../ops';
import type { Endpoint, PortOption, TcpConnection, TcpListener, UdpSocket } from '../port';
import type { IntRef, sockaddr } from '../sockaddr';
import { stack_port } from '../stack';
import { notify, type SocketBase } from '../wait';
import { endpoint_from, fill_sockaddr, is_multicast, is_unspecified, same_addr, wildcard } from './endpoint';

export const enum TcpState {
  Fresh,
  Connecting,
  Connected,
  Listening,
  /** A connect failed; SO_ERROR says why. */
  Failed,
}

/**
 * Bits of InetSocket.flags. One number instead of a field each keeps an
 * idle socket small (a field is 8 bytes on 64-bit V8, a slot on XS).
 */
export const enum SockFlag {
  RdShut = 1,
  WrShut = 2,
  ReuseAddr = 4,
  ReusePort = 8,
  /** SO_LINGER on (lingerSecs holds its time). */
  LingerOn = 16,
  /** The local port was chosen by the core for a bind to port 0 (another may replace it if the platform finds it taken). */
  Ephemeral = 32,
  /** The connect failure was not yet reported by a connect() call. */
  ErrorUnreported = 64,
}

export interface InetSocket extends SocketBase {
  fd: number;
  family: number;
  type: number;
  state: TcpState;
  /** The local name: from bind, or from the port once it opened the socket. */
  local: Endpoint | null;
  /** The peer: a connected TCP socket, or a UDP socket's default destination. */
  remote: Endpoint | null;
  /** The fault that broke the socket: send and recv keep answering it, as Zephyr's do. */
  error: number;
  /** SO_ERROR: the last asynchronous error not read yet. Reading it clears it, as POSIX (POLLERR goes with it). */
  pendingError: number;
  /** SockFlag bits: the socket's yes/no state in one number. */
  flags: number;
  conn: TcpConnection | null;
  listener: TcpListener | null;
  udp: UdpSocket | null;
  /** SO_RCVTIMEO / SO_SNDTIMEO in ms; -1 waits forever. */
  rcvTimeo: number;
  sndTimeo: number;
  lingerSecs: number;
  /** Option values as set, null while none is; applied to the port's socket when it opens. */
  options: { [option: string]: number } | null;
  /** Bytes MSG_PEEK took from the port and a later recv must return first. */
  stash: Uint8Array | null;
  stashLen: number;
  timer: unknown;
}

/** Every IP socket that holds a local port, for the bind rules. */
const bound: InetSocket[] = [];

/** A new IP socket object, or an errno for a family or protocol it cannot have. */
export function create_inet(family: number, type: number, proto: number): InetSocket | number {
  if (family === AF_INET6 && !stack_port().capabilities.ipv6) return EPFNOSUPPORT;
  const expected = type === SOCK_STREAM ? 6 : 17;
  if (proto !== 0 && proto !== expected) return EPROTONOSUPPORT;
  return {
    waiters: null,
    nonblock: false,
    closed: false,
    fd: -1,
    family,
    type,
    state: TcpState.Fresh,
    local: null,
    remote: null,
    error: 0,
    pendingError: 0,
    flags: 0,
    conn: null,
    listener: null,
    udp: null,
    rcvTimeo: -1,
    sndTimeo: -1,
    lingerSecs: 0,
    // IPv6 sockets do not take IPv4 traffic unless asked, as in Zephyr's
    // default build (CONFIG_NET_IPV4_MAPPING_TO_IPV6 off).
    options: family === AF_INET6 ? { v6only: 1 } : null,
    stash: null,
    stashLen: 0,
    timer: null,
  };
}

/** Puts `sock` behind the lowest free descriptor; -1 with ENFILE when none is free. */
export function attach_fd(sock: InetSocket, ops: SocketOps<InetSocket>): number {
  sock.fd = fd_alloc(sock, ops);
  return sock.fd;
}

/** socket() for an IP family: the descriptor, or -1 with errno. */
export function new_inet_socket(family: number, type: number, proto: number, ops: SocketOps<InetSocket>): number {
  const sock = create_inet(family, type, proto);
  return typeof sock === 'number' ? fail(sock) : attach_fd(sock, ops);
}

function overlaps(other: InetSocket, otherEp: Endpoint, sock: InetSocket, ep: Endpoint): boolean {
  if (other.family === ep.family) {
    return is_unspecified(otherEp.addr) || is_unspecified(ep.addr) || same_addr(otherEp.addr, ep.addr);
  }
  // Across families only a dual-stack IPv6 wildcard reaches IPv4 addresses.
  const six = other.family === AF_INET6 ? other : sock;
  const sixEp = six === other ? otherEp : ep;
  return is_unspecified(sixEp.addr) && !(six.options && six.options['v6only']);
}

/**
 * Zephyr's bind rules for a port already held by another socket of the
 * same protocol (check_used_port): SO_REUSEPORT on both sides shares it;
 * SO_REUSEADDR on the newcomer lets a specific address share with a
 * wildcard one unless that one is listening; anything else that overlaps
 * is EADDRINUSE.
 */
function conflict(sock: InetSocket, ep: Endpoint): boolean {
  for (let i = 0; i < bound.length; i++) {
    const other = bound[i]!;
    const otherEp = other.local;
    if (other === sock || other.type !== sock.type || !otherEp || otherEp.port !== ep.port) continue;
    if (!overlaps(other, otherEp, sock, ep)) continue;
    if ((sock.flags & SockFlag.ReusePort) !== 0 && (other.flags & SockFlag.ReusePort) !== 0) continue;
    const oneWildcard = is_unspecified(otherEp.addr) !== is_unspecified(ep.addr);
    if (oneWildcard && (sock.flags & SockFlag.ReuseAddr) !== 0 && other.state !== TcpState.Listening) continue;
    return true;
  }
  return false;
}

function owns_address(ep: Endpoint): boolean {
  if (is_unspecified(ep.addr)) return true;
  if (ep.family === AF_INET && ep.addr[0] === 127) return true;
  const mine = stack_port().localAddresses(ep.family);
  for (let i = 0; i < mine.length; i++) if (same_addr(mine[i]!, ep.addr)) return true;
  return false;
}

/** Records the socket's local name and takes its place in the bound table. */
export function set_local(sock: InetSocket, ep: Endpoint): void {
  sock.local = ep;
  if (ep.port !== 0 && bound.indexOf(sock) < 0) bound.push(sock);
}

export function release_local(sock: InetSocket): void {
  const at = bound.indexOf(sock);
  if (at >= 0) bound.splice(at, 1);
}

/** bind(): checks the address and the rules; the port opens the socket later (or now, for UDP). */
export function inet_bind(sock: InetSocket, addr: sockaddr, addrlen: number): number {
  const ep = endpoint_from(addr, addrlen, sock.family);
  if (typeof ep === 'number') return fail(ep);
  if (sock.local || sock.conn || sock.listener || sock.state !== TcpState.Fresh) return fail(EINVAL);
  if (!owns_address(ep) && !(sock.type === SOCK_DGRAM && is_multicast(ep))) return fail(EADDRNOTAVAIL);
  if (ep.port !== 0 && conflict(sock, ep)) return fail(EADDRINUSE);
  set_local(sock, ep);
  return 0;
}

/** How many random ports an ephemeral choice tries before EADDRINUSE. */
const EPHEMERAL_TRIES = 64;

/**
 * Gives `sock` (bound to port 0) a port of its own now, as Zephyr's
 * net_context does (sys_rand16 | 0x8000: 32768..65535) or as the platform
 * suggests (a port free on a shared host), skipping ports the bind rules
 * refuse. 0 or EADDRINUSE when no try found one.
 */
export function choose_ephemeral(sock: InetSocket): number {
  const ep = sock.local!;
  release_local(sock);
  const port = stack_port();
  for (let i = 0; i < EPHEMERAL_TRIES; i++) {
    const free = port.tcpFreePort ? port.tcpFreePort() : 0;
    ep.port = free > 0 ? free : 0x8000 | (port.random32() & 0x7fff);
    if (!conflict(sock, ep)) {
      sock.flags |= SockFlag.Ephemeral;
      set_local(sock, ep);
      return 0;
    }
  }
  ep.port = 0;
  return EADDRINUSE;
}

/** Rules for a port handed out by the port (ephemeral) or taken without bind(). */
export function local_in_use(sock: InetSocket, ep: Endpoint): boolean {
  return ep.port !== 0 && conflict(sock, ep);
}

export function local_or_wildcard(sock: InetSocket): Endpoint {
  return sock.local || wildcard(sock.family);
}

export function inet_getsockname(sock: InetSocket, addr: sockaddr, addrlen: IntRef): number {
  const live = sock.conn || sock.listener || sock.udp;
  fill_sockaddr(live ? live.local : local_or_wildcard(sock), addr, addrlen);
  return 0;
}

export function inet_getpeername(sock: InetSocket, addr: sockaddr, addrlen: IntRef): number {
  const connected = sock.type === SOCK_STREAM ? sock.state === TcpState.Connected : sock.remote !== null;
  if (!connected || !sock.remote) return fail(ENOTCONN);
  fill_sockaddr(sock.remote, addr, addrlen);
  return 0;
}

/** fcntl F_GETFL/F_SETFL and ioctl FIONBIO/FIONREAD. */
export function inet_ioctl(sock: SocketBase, request: number, arg: IntRef | number | null, queued: () => number): number {
  switch (request) {
    case F_GETFL:
      return sock.nonblock ? O_NONBLOCK : 0;
    case F_SETFL:
      sock.nonblock = ((typeof arg === 'number' ? arg : arg ? arg.value : 0) & O_NONBLOCK) !== 0;
      return 0;
    case FIONBIO:
      // The value itself, or a pointer to it.
      if (arg === null) return fail(EINVAL);
      sock.nonblock = (typeof arg === 'number' ? arg : arg.value) !== 0;
      return 0;
    case FIONREAD:
      // A number is not somewhere the count can be written.
      if (typeof arg === 'number') return fail(EFAULT);
      if (!arg) return fail(EINVAL);
      arg.value = queued();
      return 0;
    default:
      return fail(EOPNOTSUPP);
  }
}

/** Applies every option set before the port's socket existed. */
export function apply_options(sock: InetSocket, target: { setOption(o: PortOption, v: number): number }): void {
  const options = sock.options;
  if (!options) return;
  const names = Object.keys(options);
  for (let i = 0; i < names.length; i++) {
    target.setOption(names[i] as PortOption, options[names[i]!]!);
  }
}

export function is_inet(family: number): boolean {
  return family === AF_INET || family === AF_INET6;
}

/**
 * What closing any IP socket does: calls blocked on it wake (EINTR), its
 * port is released, the descriptor is freed; `release` closes the port's
 * handles.
 */
export function inet_close(sock: InetSocket, release: (sock: InetSocket) => void): number {
  sock.closed = true;
  release_local(sock);
  release(sock);
  fd_free(sock.fd);
  notify(sock);
  return 0;
}
