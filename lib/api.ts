/**
 * The zsock_* calls: each checks what C's types would have checked, looks
 * the descriptor up and calls through its table of operations. Calls that
 * block in Zephyr return a Promise of the C return value.
 */

import {
  EAFNOSUPPORT,
  EBADF,
  EFAULT,
  EINVAL,
  ENOMEM,
  EPROTONOSUPPORT,
  EPROTOTYPE,
  ENOPROTOOPT,
} from './errno';
import { fail } from './fail';
import { as_bytes } from './bytes';
import { fd_get, type FdEntry } from './fdtable';
import type { OptionValue, SocketOps } from './ops';
import type { IntRef, sockaddr } from './sockaddr';
import { call_begin, call_end, failed_call, settle_failure, stack_port, stack_providers } from './stack';
import type { SocketBase } from './wait';
import { inet_getsockopt, inet_setsockopt } from './inet/options';
import type { InetSocket } from './inet/socket';

type Entry = FdEntry<SocketBase, SocketOps>;

const NO_BYTES = new Uint8Array(0);

const AF_INET = 1;
const AF_INET6 = 2;
const SOCK_STREAM = 1;
const SOCK_DGRAM = 2;
const SOCK_RAW = 3;

function entry(fd: number): Entry | null {
  if (typeof fd !== 'number') throw new TypeError('descriptor must be a number');
  return fd_get(fd) as Entry | null;
}

function need_int(value: unknown, what: string): void {
  if (typeof value !== 'number') throw new TypeError(what + ' must be a number');
}

function need_addr(addr: unknown): void {
  if (addr !== null && !(addr && typeof addr === 'object' && 'sa_family' in addr)) {
    throw new TypeError('address must be a sockaddr');
  }
}

function need_ref(ref: unknown, what: string): void {
  if (ref !== null && !(ref && typeof ref === 'object' && typeof (ref as IntRef).value === 'number')) {
    throw new TypeError(what + ' must be an { value: number } reference or null');
  }
}

/**
 * The caller's buffer as a Uint8Array of exactly `len` bytes: -1 (errno
 * EINVAL for a negative length, EFAULT for one past the buffer's end).
 */
function view(buf: unknown, len: number): Uint8Array | number {
  need_int(len, 'length');
  // NULL compiles in C: a buffer with no bytes, so any length past 0 is EFAULT.
  const bytes = buf === null ? NO_BYTES : as_bytes(buf);
  if (!bytes) throw new TypeError('buffer must be a Uint8Array, an ArrayBuffer or a view');
  if (len < 0 || len !== Math.floor(len)) return EINVAL;
  if (len > bytes.length) return EFAULT;
  return len === bytes.length ? bytes : bytes.subarray(0, len);
}

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
 * One buffer of a gather/scatter list: struct iovec of include/zephyr/net/net_ip.h.
 */
export interface iovec {
  iov_base: Uint8Array | ArrayBuffer | ArrayBufferView;
  iov_len: number;
}

/**
 * The message of sendmsg and recvmsg: struct msghdr of include/zephyr/net/net_ip.h. Control messages are not supported: msg_control stays empty.
 */
export interface msghdr {
  msg_name: sockaddr | null;
  msg_namelen: number;
  msg_iov: iovec[] | null;
  msg_iovlen: number;
  msg_control?: Uint8Array | null;
  msg_controllen?: number;
  msg_flags: number;
}

/**
 * The bytes of msg_iov's first msg_iovlen entries, each exactly iov_len
 * long (any typed array or DataView counts in bytes, as C's void *), or
 * an errno: EINVAL for a bad msg_iovlen, EFAULT for a length past a
 * buffer's end (a detached buffer has none).
 */
function iov_bytes(msg: msghdr): Uint8Array[] | number {
  const iov = msg.msg_iov!;
  need_int(msg.msg_iovlen, 'msg_iovlen');
  if (!Array.isArray(iov)) throw new TypeError('msg_iov must be an array of iovec');
  if (msg.msg_iovlen < 0 || msg.msg_iovlen > iov.length || msg.msg_iovlen !== Math.floor(msg.msg_iovlen)) return EINVAL;
  const out: Uint8Array[] = [];
  for (let i = 0; i < msg.msg_iovlen; i++) {
    const v = iov[i];
    if (!v || typeof v !== 'object') throw new TypeError('msg_iov entries must be iovec');
    need_int(v.iov_len, 'iov_len');
    const bytes = v.iov_base === null ? NO_BYTES : as_bytes(v.iov_base);
    if (!bytes) throw new TypeError('iov_base must be a Uint8Array, an ArrayBuffer or a view');
    if (v.iov_len < 0 || v.iov_len !== Math.floor(v.iov_len)) return EINVAL;
    if (v.iov_len > bytes.length) return EFAULT;
    out.push(v.iov_len === bytes.length ? bytes : bytes.subarray(0, v.iov_len));
  }
  return out;
}

function need_msg(msg: unknown): void {
  if (msg !== null && !(msg && typeof msg === 'object' && 'msg_iov' in msg)) {
    throw new TypeError('message must be a msghdr');
  }
  // msg_name is checked as recvfrom/sendto check their address, at the call.
  if (msg) {
    const m = msg as msghdr;
    need_addr(m.msg_name === undefined ? null : m.msg_name);
    if (m.msg_name) need_int(m.msg_namelen, 'msg_namelen');
  }
}

/**
 * Sends the buffers of `msg.msg_iov` as one write (one datagram on UDP), to `msg.msg_name` when set.
 * Mirrors `zsock_sendmsg` of include/zephyr/net/socket.h (POSIX name `sendmsg`). Blocks as zsock_sendto does, with its errno values; EINVAL as well for a message without msg_iov or with a bad msg_iovlen.
 */
export function zsock_sendmsg(fd: number, msg: msghdr, flags: number): Promise<number> {
  need_msg(msg);
  need_int(flags, 'flags');
  const e = entry(fd);
  if (!e) return failed_call(EBADF);
  if (!msg || !msg.msg_iov) return failed_call(EINVAL);
  const parts = iov_bytes(msg);
  if (typeof parts === 'number') return failed_call(parts);
  let data: Uint8Array;
  if (parts.length === 1) data = parts[0]!;
  else {
    let total = 0;
    for (let i = 0; i < parts.length; i++) total += parts[i]!.length;
    data = new Uint8Array(total);
    for (let i = 0, at = 0; i < parts.length; i++) {
      data.set(parts[i]!, at);
      at += parts[i]!.length;
    }
  }
  call_begin(fd, 'sendmsg');
  return call_end(e.ops.sendto(e.obj, data, flags, msg.msg_name || null, msg.msg_name ? msg.msg_namelen : 0, true));
}

/**
 * Receives into the buffers of `msg.msg_iov` in order, and the sender into `msg.msg_name`; `msg.msg_flags` gets ZSOCK_MSG_TRUNC when a datagram did not fit.
 * Mirrors `zsock_recvmsg` of include/zephyr/net/socket.h (POSIX name `recvmsg`). Blocks as zsock_recvfrom does, with its errno values; ENOMEM as well for a message without msg_iov, as Zephyr answers.
 */
export function zsock_recvmsg(fd: number, msg: msghdr, flags: number): Promise<number> {
  need_msg(msg);
  need_int(flags, 'flags');
  const e = entry(fd);
  if (!e) return failed_call(EBADF);
  if (!msg) return failed_call(EINVAL);
  // Zephyr answers a NULL msg_iov with ENOMEM.
  if (!msg.msg_iov) return failed_call(ENOMEM);
  const parts = iov_bytes(msg);
  if (typeof parts === 'number') return failed_call(parts);
  let total = 0;
  const lengths: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    lengths.push(parts[i]!.length);
    total += parts[i]!.length;
  }
  const single = parts.length === 1;
  const into = single ? parts[0]! : new Uint8Array(total);
  const name = msg.msg_name || null;
  const namelen: IntRef | null = name ? { value: msg.msg_namelen } : null;
  const msgFlags: IntRef = { value: 0 };
  call_begin(fd, 'recvmsg');
  const result = call_end(e.ops.recvfrom(e.obj, into, flags, name, namelen, msgFlags)).then((n) => {
    if (n < 0) return n;
    if (!single) {
      // A part transferred away while the call waited cannot take its bytes.
      for (let i = 0; i < parts.length; i++) {
        if (parts[i]!.length !== lengths[i]) return new Promise<number>((resolve) => settle_failure(resolve, EFAULT));
      }
      let left = Math.min(n, total);
      for (let i = 0, at = 0; i < parts.length && left > 0; i++) {
        const part = parts[i]!;
        const take = Math.min(left, part.length);
        part.set(into.subarray(at, at + take));
        at += take;
        left -= take;
      }
    }
    if (namelen) msg.msg_namelen = namelen.value;
    msg.msg_flags = msgFlags.value;
    msg.msg_controllen = 0;
    return n;
  });
  return result;
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


