/**
 * The argument checks every zsock_* call shares: what C's types would have
 * checked (a TypeError), and the caller's buffer as the bytes it names.
 */

import { EFAULT, EINVAL } from './errno';
import { as_bytes } from './bytes';
import { fd_get, type FdEntry } from './fdtable';
import type { SocketOps } from './ops';
import type { IntRef } from './sockaddr';
import type { SocketBase } from './wait';

export type Entry = FdEntry<SocketBase, SocketOps>;

export const NO_BYTES = new Uint8Array(0);

export function entry(fd: number): Entry | null {
  if (typeof fd !== 'number') throw new TypeError('descriptor must be a number');
  return fd_get(fd) as Entry | null;
}

export function need_int(value: unknown, what: string): void {
  if (typeof value !== 'number') throw new TypeError(what + ' must be a number');
}

export function need_addr(addr: unknown): void {
  if (addr !== null && !(addr && typeof addr === 'object' && 'sa_family' in addr)) {
    throw new TypeError('address must be a sockaddr');
  }
}

export function need_ref(ref: unknown, what: string): void {
  if (ref !== null && !(ref && typeof ref === 'object' && typeof (ref as IntRef).value === 'number')) {
    throw new TypeError(what + ' must be an { value: number } reference or null');
  }
}

/**
 * The caller's buffer as a Uint8Array of exactly `len` bytes: -1 (errno
 * EINVAL for a negative length, EFAULT for one past the buffer's end).
 */
export function view(buf: unknown, len: number): Uint8Array | number {
  need_int(len, 'length');
  // NULL compiles in C: a buffer with no bytes, so any length past 0 is EFAULT.
  const bytes = buf === null ? NO_BYTES : as_bytes(buf);
  if (!bytes) throw new TypeError('buffer must be a Uint8Array, an ArrayBuffer or a view');
  if (len < 0 || len !== Math.floor(len)) return EINVAL;
  if (len > bytes.length) return EFAULT;
  return len === bytes.length ? bytes : bytes.subarray(0, len);
}
