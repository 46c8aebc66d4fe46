/**
 * zsock_sendmsg and zsock_recvmsg: gather and scatter lists over the same
 * table of operations as sendto and recvfrom.
 */

import { EBADF, EFAULT, EINVAL, ENOMEM } from './errno';
import { as_bytes } from './bytes';
import { entry, need_addr, need_int, NO_BYTES } from './args';
import type { IntRef, sockaddr } from './sockaddr';
import { call_begin, call_end, failed_call, settle_failure } from './stack';

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
