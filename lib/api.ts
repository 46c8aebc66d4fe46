/**
 * The zsock_* calls: each checks what C's types would have checked, looks
 * the descriptor up and calls through its table of operations. Calls that
 * block in Zephyr return a Promise of the C return value.
 */

import {
  EAFNOSUPPORT,
  EBADF,
  EINVAL,
  EPROTONOSUPPORT,
  EPROTOTYPE,
  ENOPROTOOPT,
} from './errno';
import { entry, need_addr, need_int, need_ref, view } from './args';
import { fail } from './fail';
import type { OptionValue } from './ops';
import type { IntRef, sockaddr } from './sockaddr';
import { call_begin, call_end, failed_call, stack_port, stack_providers } from './stack';
import { inet_getsockopt, inet_setsockopt } from './inet/options';
import type { InetSocket } from './inet/socket';

const AF_INET = 1;
const AF_INET6 = 2;
const SOCK_STREAM = 1;
const SOCK_DGRAM = 2;
const SOCK_RAW = 3;


/**
 * Creates a socket of `family`, `type` and `proto` through the providers given to zsock_init, and returns the lowest free descriptor.
 * Mirrors `zsock_socket` of include/zephyr/net/socket.h (POSIX name `socket`). Synchronous.
 * errno: EAFNOSUPPORT (a family no provider serves), EPROTONOSUPPORT (an IP type no provider serves, or a protocol the type does not carry), EPROTOTYPE (an unknown type), ENFILE (the descriptor table is full).
 */
export function zsock_socket(family: number, type: number, proto: number): number {
  need_int(family, 'family');
  need_int(type, 'type');
  need_int(proto, 'protocol');
  // Before zsock_init there is no stack: a program error, not an errno case.
  stack_port();
  const providers = stack_providers();
  for (let i = 0; i < providers.length; i++) {
    if (providers[i]!.supports(family, type, proto)) return providers[i]!.create(family, type, proto);
  }
  if (family !== AF_INET && family !== AF_INET6) return fail(EAFNOSUPPORT);
  // An IP family whose type no registered provider serves: as Zephyr's
  // net_context_check answers for a type it does not know or did not build.
  if (type === SOCK_STREAM || type === SOCK_DGRAM || type === SOCK_RAW) return fail(EPROTONOSUPPORT);
  return fail(EPROTOTYPE);
}

/**
 * Closes `fd`. Every call waiting on it settles with EINTR (a waiting poll sees POLLNVAL); TCP sends what is queued, then FIN (with SO_LINGER {1, 0}: RST).
 * Mirrors `zsock_close` of include/zephyr/net/socket.h (POSIX name `close`). Synchronous: 0, or -1 with errno EBADF.
 */
export function zsock_close(fd: number): number {
  const e = entry(fd);
  return e ? e.ops.close(e.obj) : -1;
}

/**
 * Ends receiving (`ZSOCK_SHUT_RD`), sending (`ZSOCK_SHUT_WR`: TCP sends FIN, the peer reads EOF) or both (`ZSOCK_SHUT_RDWR`).
 * Mirrors `zsock_shutdown` of include/zephyr/net/socket.h (POSIX name `shutdown`). Synchronous: 0, or -1 with errno EBADF, EINVAL (an unknown `how`), ENOTCONN (not connected), ENOTSUP (a port without half-close).
 */
export function zsock_shutdown(fd: number, how: number): number {
  need_int(how, 'how');
  const e = entry(fd);
  return e ? e.ops.shutdown(e.obj, how) : -1;
}

/**
 * Gives `fd` the local address and port in `addr` (port 0: an ephemeral one).
 * Mirrors `zsock_bind` of include/zephyr/net/socket.h (POSIX name `bind`). Synchronous: 0, or -1 with errno EBADF, EINVAL (a null or short address, a family other than the socket's, a second bind), EADDRINUSE, EADDRNOTAVAIL (an address the host does not own).
 */
export function zsock_bind(fd: number, addr: sockaddr, addrlen: number): number {
  need_addr(addr);
  need_int(addrlen, 'addrlen');
  const e = entry(fd);
  if (!e) return -1;
  if (!addr) return fail(EINVAL);
  return e.ops.bind(e.obj, addr, addrlen);
}

/**
 * Connects `fd` to `addr`: TCP runs the handshake, UDP sets the default peer and filters what it receives.
 * Mirrors `zsock_connect` of include/zephyr/net/socket.h (POSIX name `connect`). Blocks: a Promise of 0, or of -1 with errno ECONNREFUSED, ETIMEDOUT (after the connect timeout, zsock_set_connect_timeout), ENETUNREACH, EHOSTUNREACH, EINTR (closed meanwhile), EOPNOTSUPP (a listening socket), EBADF, EINVAL; non-blocking, EINPROGRESS at once (POLLOUT and SO_ERROR tell the end) and EALREADY while it runs. Connecting a connected TCP socket again gives 0.
 */
export function zsock_connect(fd: number, addr: sockaddr, addrlen: number): Promise<number> {
  need_addr(addr);
  need_int(addrlen, 'addrlen');
  const e = entry(fd);
  if (!e) return failed_call(EBADF);
  if (!addr) return failed_call(EINVAL);
  call_begin(fd, 'connect');
  return call_end(e.ops.connect(e.obj, addr, addrlen));
}

/**
 * Makes the TCP socket `fd` accept connections, `backlog` of them queued (1..SOMAXCONN).
 * Mirrors `zsock_listen` of include/zephyr/net/socket.h (POSIX name `listen`). Synchronous: 0, or -1 with errno EBADF, EOPNOTSUPP (UDP), EINVAL, EADDRINUSE.
 */
export function zsock_listen(fd: number, backlog: number): number {
  need_int(backlog, 'backlog');
  const e = entry(fd);
  return e ? e.ops.listen(e.obj, backlog) : -1;
}

/**
 * Takes the next connection of the listening socket `fd` and returns its new descriptor; fills `addr` and `addrlen` with the peer's address when given. SO_RCVTIMEO does not apply, as in Zephyr.
 * Mirrors `zsock_accept` of include/zephyr/net/socket.h (POSIX name `accept`). Blocks: a Promise of the descriptor, or of -1 with errno EINVAL (not listening), EOPNOTSUPP (UDP), EAGAIN (non-blocking and none waiting), ENFILE, EINTR (closed meanwhile), EBADF.
 */
export function zsock_accept(fd: number, addr: sockaddr | null, addrlen: IntRef | null): Promise<number> {
  need_addr(addr);
  need_ref(addrlen, 'addrlen');
  const e = entry(fd);
  if (!e) return failed_call(EBADF);
  call_begin(fd, 'accept');
  return call_end(e.ops.accept(e.obj, addr, addrlen));
}

/**
 * Sends `len` bytes of `buf`, to `dest` on an unconnected UDP socket, else to the peer. TCP may take fewer bytes than given and returns how many; a UDP datagram goes whole. The caller may reuse `buf` at once.
 * Mirrors `zsock_sendto` of include/zephyr/net/socket.h (POSIX name `sendto`). Blocks until there is room (SO_SNDTIMEO bounds it): a Promise of the count, or of -1 with errno EAGAIN (non-blocking, ZSOCK_MSG_DONTWAIT or the timeout), EDESTADDRREQ, ENOTCONN, EPIPE (after shutdown or close of the stream), ECONNRESET, EMSGSIZE, EACCES (broadcast without SO_BROADCAST), ENOBUFS, EINTR, EBADF, EINVAL (unknown flags, a negative length), EFAULT (a length past the buffer).
 */
export function zsock_sendto(
  fd: number,
  buf: Uint8Array | ArrayBuffer | ArrayBufferView,
  len: number,
  flags: number,
  dest: sockaddr | null,
  addrlen: number,
): Promise<number> {
  need_int(flags, 'flags');
  need_addr(dest);
  need_int(addrlen, 'addrlen');
  const data = view(buf, len);
  const e = entry(fd);
  if (!e) return failed_call(EBADF);
  if (typeof data === 'number') return failed_call(data);
  call_begin(fd, dest ? 'sendto' : 'send');
  return call_end(e.ops.sendto(e.obj, data, flags, dest, addrlen));
}

/**
 * Sends `len` bytes of `buf` to the connected peer: zsock_sendto without an address.
 * Mirrors `zsock_send` of include/zephyr/net/socket.h (POSIX name `send`). Blocks as zsock_sendto does, with its errno values.
 */
export function zsock_send(
  fd: number,
  buf: Uint8Array | ArrayBuffer | ArrayBufferView,
  len: number,
  flags: number,
): Promise<number> {
  return zsock_sendto(fd, buf, len, flags, null, 0);
}

/**
 * Receives at most `len` bytes into `buf`, and the sender's address into `src` and `addrlen` when given. Returns the count; 0 is EOF on TCP. ZSOCK_MSG_PEEK leaves the data queued, ZSOCK_MSG_WAITALL waits for all of `len`, ZSOCK_MSG_TRUNC returns a datagram's full length.
 * Mirrors `zsock_recvfrom` of include/zephyr/net/socket.h (POSIX name `recvfrom`). Blocks until data, EOF or an error (SO_RCVTIMEO bounds it): a Promise of the count, or of -1 with errno EAGAIN (non-blocking, ZSOCK_MSG_DONTWAIT or the timeout), ENOTCONN, ECONNRESET, ECONNREFUSED (a connected UDP socket told port unreachable), EINTR, EBADF, EINVAL, EFAULT.
 */
export function zsock_recvfrom(
  fd: number,
  buf: Uint8Array | ArrayBuffer | ArrayBufferView,
  len: number,
  flags: number,
  src: sockaddr | null,
  addrlen: IntRef | null,
): Promise<number> {
  need_int(flags, 'flags');
  need_addr(src);
  need_ref(addrlen, 'addrlen');
  const into = view(buf, len);
  const e = entry(fd);
  if (!e) return failed_call(EBADF);
  if (typeof into === 'number') return failed_call(into);
  call_begin(fd, src ? 'recvfrom' : 'recv');
  return call_end(e.ops.recvfrom(e.obj, into, flags, src, addrlen, null));
}

/**
 * Receives at most `len` bytes into `buf` from the connected peer: zsock_recvfrom without an address.
 * Mirrors `zsock_recv` of include/zephyr/net/socket.h (POSIX name `recv`). Blocks as zsock_recvfrom does, with its errno values.
 */
export function zsock_recv(
  fd: number,
  buf: Uint8Array | ArrayBuffer | ArrayBufferView,
  len: number,
  flags: number,
): Promise<number> {
  return zsock_recvfrom(fd, buf, len, flags, null, null);
}


/**
 * Reads the option (`level`, `name`) into `value` (an IntRef, `timeval`, `linger`, …) and its size into `len`.
 * Mirrors `zsock_getsockopt` of include/zephyr/net/socket.h (POSIX name `getsockopt`). Synchronous: 0, or -1 with errno ENOPROTOOPT (an option this socket or port does not have), EINVAL (a value or length of the wrong kind), EBADF.
 */
export function zsock_getsockopt(fd: number, level: number, name: number, value: OptionValue, len: IntRef): number {
  need_int(level, 'level');
  need_int(name, 'option name');
  need_ref(len, 'optlen');
  const e = entry(fd);
  if (!e) return -1;
  if (!value || !len) return fail(EINVAL);
  return e.ops.inet ? inet_getsockopt(e.obj as InetSocket, level, name, value, len) : fail(ENOPROTOOPT);
}

/**
 * Sets the option (`level`, `name`) from `value`, `len` bytes of it (SIZEOF_INT, SIZEOF_TIMEVAL, …).
 * Mirrors `zsock_setsockopt` of include/zephyr/net/socket.h (POSIX name `setsockopt`). Synchronous: 0, or -1 with errno ENOPROTOOPT (an option this socket or its port cannot carry out; see the README's capability table), EINVAL (a value out of range or too short), EBADF.
 */
export function zsock_setsockopt(
  fd: number,
  level: number,
  name: number,
  value: OptionValue | null,
  len: number,
): number {
  need_int(level, 'level');
  need_int(name, 'option name');
  need_int(len, 'optlen');
  const e = entry(fd);
  if (!e) return -1;
  return e.ops.inet ? inet_setsockopt(e.obj as InetSocket, level, name, value, len) : fail(ENOPROTOOPT);
}

/**
 * Writes the socket's local address into `addr` and its size into `addrlen` (the wildcard address, port 0, before bind, listen, connect or the first send).
 * Mirrors `zsock_getsockname` of include/zephyr/net/socket.h (POSIX name `getsockname`). Synchronous: 0, or -1 with errno EBADF, EINVAL.
 */
export function zsock_getsockname(fd: number, addr: sockaddr, addrlen: IntRef): number {
  need_addr(addr);
  need_ref(addrlen, 'addrlen');
  const e = entry(fd);
  if (!e) return -1;
  if (!addr || !addrlen) return fail(EINVAL);
  return e.ops.getsockname(e.obj, addr, addrlen);
}

/**
 * Writes the connected peer's address into `addr` and its size into `addrlen`.
 * Mirrors `zsock_getpeername` of include/zephyr/net/socket.h (POSIX name `getpeername`). Synchronous: 0, or -1 with errno ENOTCONN, EBADF, EINVAL.
 */
export function zsock_getpeername(fd: number, addr: sockaddr, addrlen: IntRef): number {
  need_addr(addr);
  need_ref(addrlen, 'addrlen');
  const e = entry(fd);
  if (!e) return -1;
  if (!addr || !addrlen) return fail(EINVAL);
  return e.ops.getpeername(e.obj, addr, addrlen);
}

/**
 * `fcntl(fd, F_GETFL)` returns the status flags; `fcntl(fd, F_SETFL, flags)` sets them (O_NONBLOCK).
 * Mirrors `zsock_fcntl` of include/zephyr/net/socket.h (POSIX name `fcntl`; commands from include/zephyr/posix/fcntl.h). Synchronous: the flags or 0, or -1 with errno EBADF, EINVAL or EOPNOTSUPP (another command).
 */
export function zsock_fcntl(fd: number, cmd: number, flags?: number): number {
  need_int(cmd, 'command');
  const e = entry(fd);
  return e ? e.ops.ioctl(e.obj, cmd, flags === undefined ? 0 : flags) : -1;
}

/**
 * `ioctl(fd, FIONBIO, { value: 1 })` sets (1) or clears (0) non-blocking mode (the value itself, `ioctl(fd, FIONBIO, 1)`, works too: Zephyr never reads the argument, so C code passes anything); `ioctl(fd, FIONREAD, count)` writes the bytes ready to read (on UDP, the next datagram's size) into `count.value`.
 * Mirrors `zsock_ioctl` of include/zephyr/net/socket.h (POSIX name `ioctl`; requests ZFD_IOCTL_* of include/zephyr/sys/fdtable.h). Synchronous: 0, or -1 with errno EBADF, EINVAL or EOPNOTSUPP (another request).
 */
export function zsock_ioctl(fd: number, request: number, arg: IntRef | number | null): number {
  need_int(request, 'request');
  if (typeof arg !== 'number') need_ref(arg, 'argument');
  const e = entry(fd);
  return e ? e.ops.ioctl(e.obj, request, arg) : -1;
}


