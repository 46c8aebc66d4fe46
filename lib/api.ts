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
} from './errno';
import { fail } from './fail';
import { as_bytes } from './bytes';
import { fd_get, type FdEntry } from './fdtable';
import type { OptionValue, SocketOps } from './ops';
import type { IntRef, sockaddr } from './sockaddr';
import { failed_call, settle_failure, stack_port, stack_providers } from './stack';
import type { SocketBase } from './wait';

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

/** Creates a socket; the lowest free descriptor, or -1 with errno. */
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

export function zsock_close(fd: number): number {
  const e = entry(fd);
  return e ? e.ops.close(e.obj) : -1;
}

export function zsock_shutdown(fd: number, how: number): number {
  need_int(how, 'how');
  const e = entry(fd);
  return e ? e.ops.shutdown(e.obj, how) : -1;
}

export function zsock_bind(fd: number, addr: sockaddr, addrlen: number): number {
  need_addr(addr);
  need_int(addrlen, 'addrlen');
  const e = entry(fd);
  if (!e) return -1;
  if (!addr) return fail(EINVAL);
  return e.ops.bind(e.obj, addr, addrlen);
}

export function zsock_connect(fd: number, addr: sockaddr, addrlen: number): Promise<number> {
  need_addr(addr);
  need_int(addrlen, 'addrlen');
  const e = entry(fd);
  if (!e) return failed_call(EBADF);
  if (!addr) return failed_call(EINVAL);
  return e.ops.connect(e.obj, addr, addrlen);
}

export function zsock_listen(fd: number, backlog: number): number {
  need_int(backlog, 'backlog');
  const e = entry(fd);
  return e ? e.ops.listen(e.obj, backlog) : -1;
}

export function zsock_accept(fd: number, addr: sockaddr | null, addrlen: IntRef | null): Promise<number> {
  need_addr(addr);
  need_ref(addrlen, 'addrlen');
  const e = entry(fd);
  if (!e) return failed_call(EBADF);
  return e.ops.accept(e.obj, addr, addrlen);
}

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
  return e.ops.sendto(e.obj, data, flags, dest, addrlen);
}

export function zsock_send(
  fd: number,
  buf: Uint8Array | ArrayBuffer | ArrayBufferView,
  len: number,
  flags: number,
): Promise<number> {
  return zsock_sendto(fd, buf, len, flags, null, 0);
}

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
  return e.ops.recvfrom(e.obj, into, flags, src, addrlen, null);
}

export function zsock_recv(
  fd: number,
  buf: Uint8Array | ArrayBuffer | ArrayBufferView,
  len: number,
  flags: number,
): Promise<number> {
  return zsock_recvfrom(fd, buf, len, flags, null, null);
}

/** struct iovec. */
export interface iovec {
  iov_base: Uint8Array | ArrayBuffer | ArrayBufferView;
  iov_len: number;
}

/** struct msghdr. Control messages are not supported: msg_control stays empty. */
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

/** Gathers msg_iov into one datagram or stream write (one copy), then sends it. */
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
  return e.ops.sendto(e.obj, data, flags, msg.msg_name || null, msg.msg_name ? msg.msg_namelen : 0, true);
}

/** Receives into one buffer, then scatters it over msg_iov; msg_flags gets MSG_TRUNC. */
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
  return e.ops.recvfrom(e.obj, into, flags, name, namelen, msgFlags).then((n) => {
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
}

export function zsock_getsockopt(fd: number, level: number, name: number, value: OptionValue, len: IntRef): number {
  need_int(level, 'level');
  need_int(name, 'option name');
  need_ref(len, 'optlen');
  const e = entry(fd);
  if (!e) return -1;
  if (!value || !len) return fail(EINVAL);
  return e.ops.getsockopt(e.obj, level, name, value, len);
}

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
  return e ? e.ops.setsockopt(e.obj, level, name, value, len) : -1;
}

export function zsock_getsockname(fd: number, addr: sockaddr, addrlen: IntRef): number {
  need_addr(addr);
  need_ref(addrlen, 'addrlen');
  const e = entry(fd);
  if (!e) return -1;
  if (!addr || !addrlen) return fail(EINVAL);
  return e.ops.getsockname(e.obj, addr, addrlen);
}

export function zsock_getpeername(fd: number, addr: sockaddr, addrlen: IntRef): number {
  need_addr(addr);
  need_ref(addrlen, 'addrlen');
  const e = entry(fd);
  if (!e) return -1;
  if (!addr || !addrlen) return fail(EINVAL);
  return e.ops.getpeername(e.obj, addr, addrlen);
}

/** fcntl(fd, F_GETFL) / fcntl(fd, F_SETFL, flags). */
export function zsock_fcntl(fd: number, cmd: number, flags?: number): number {
  need_int(cmd, 'command');
  const e = entry(fd);
  return e ? e.ops.ioctl(e.obj, cmd, flags === undefined ? 0 : flags) : -1;
}

/**
 * ioctl(fd, FIONBIO, &on) / ioctl(fd, FIONREAD, &count). FIONBIO also takes
 * the value itself (`ioctl(fd, FIONBIO, 1)`), as Zephyr's, which never
 * reads its argument, lets C code pass anything.
 */
export function zsock_ioctl(fd: number, request: number, arg: IntRef | number | null): number {
  need_int(request, 'request');
  if (typeof arg !== 'number') need_ref(arg, 'argument');
  const e = entry(fd);
  return e ? e.ops.ioctl(e.obj, request, arg) : -1;
}


