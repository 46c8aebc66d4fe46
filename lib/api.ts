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
import { call_begin, call_end, failed_call, stack_providers } from './stack';
import type { SocketBase } from './wait';

type Entry = FdEntry<SocketBase, SocketOps>;

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
  const bytes = as_bytes(buf);
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
  call_begin(fd, 'connect');
  return call_end(e.ops.connect(e.obj, addr, addrlen));
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
  call_begin(fd, 'accept');
  return call_end(e.ops.accept(e.obj, addr, addrlen));
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
  call_begin(fd, dest ? 'sendto' : 'send');
  return call_end(e.ops.sendto(e.obj, data, flags, dest, addrlen));
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
  call_begin(fd, src ? 'recvfrom' : 'recv');
  return call_end(e.ops.recvfrom(e.obj, into, flags, src, addrlen, null));
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
  iov_base: Uint8Array;
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

function iov_total(msg: msghdr): number {
  let total = 0;
  const iov = msg.msg_iov!;
  if (msg.msg_iovlen < 0 || msg.msg_iovlen > iov.length) return -EINVAL;
  for (let i = 0; i < msg.msg_iovlen; i++) {
    const v = iov[i]!;
    if (!(v.iov_base instanceof Uint8Array)) throw new TypeError('iov_base must be a Uint8Array');
    if (v.iov_len < 0 || v.iov_len > v.iov_base.length) return -EFAULT;
    total += v.iov_len;
  }
  return total;
}

function need_msg(msg: unknown): void {
  if (msg !== null && !(msg && typeof msg === 'object' && 'msg_iov' in msg)) {
    throw new TypeError('message must be a msghdr');
  }
}

/** Gathers msg_iov into one datagram or stream write (one copy), then sends it. */
export function zsock_sendmsg(fd: number, msg: msghdr, flags: number): Promise<number> {
  need_msg(msg);
  need_int(flags, 'flags');
  const e = entry(fd);
  if (!e) return failed_call(EBADF);
  if (!msg || !msg.msg_iov) return failed_call(EINVAL);
  const total = iov_total(msg);
  if (total < 0) return failed_call(-total);
  let data: Uint8Array;
  if (msg.msg_iovlen === 1) data = msg.msg_iov[0]!.iov_base.subarray(0, total);
  else {
    data = new Uint8Array(total);
    for (let i = 0, at = 0; i < msg.msg_iovlen; i++) {
      const v = msg.msg_iov[i]!;
      data.set(v.iov_base.subarray(0, v.iov_len), at);
      at += v.iov_len;
    }
  }
  call_begin(fd, 'sendmsg');
  return call_end(e.ops.sendto(e.obj, data, flags, msg.msg_name, msg.msg_name ? msg.msg_namelen : 0, true));
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
  const total = iov_total(msg);
  if (total < 0) return failed_call(-total);
  const single = msg.msg_iovlen === 1;
  const into = single ? msg.msg_iov[0]!.iov_base.subarray(0, total) : new Uint8Array(total);
  const namelen: IntRef | null = msg.msg_name ? { value: msg.msg_namelen } : null;
  const msgFlags: IntRef = { value: 0 };
  call_begin(fd, 'recvmsg');
  const result = call_end(e.ops.recvfrom(e.obj, into, flags, msg.msg_name, namelen, msgFlags)).then((n) => {
    if (n < 0) return n;
    if (!single) {
      let left = Math.min(n, total);
      for (let i = 0, at = 0; i < msg.msg_iovlen && left > 0; i++) {
        const v = msg.msg_iov![i]!;
        const take = Math.min(left, v.iov_len);
        v.iov_base.set(into.subarray(at, at + take));
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

/** ioctl(fd, FIONBIO, &on) / ioctl(fd, FIONREAD, &count). */
export function zsock_ioctl(fd: number, request: number, arg: IntRef | null): number {
  need_int(request, 'request');
  need_ref(arg, 'argument');
  const e = entry(fd);
  return e ? e.ops.ioctl(e.obj, request, arg) : -1;
}


