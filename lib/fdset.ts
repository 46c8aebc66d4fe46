/**
 * zsock_fd_set and its macros, as Zephyr's zvfs_fd_set: a bit array of
 * ZSOCK_FD_SETSIZE bits in 32-bit words (descriptor n is bit n % 32 of word
 * n / 32). `zsock_fd_set readfds; ZSOCK_FD_ZERO(&readfds);` becomes
 * `const readfds = new zsock_fd_set(); ZSOCK_FD_ZERO(readfds);`.
 *
 * As in Zephyr, a descriptor outside 0..ZSOCK_FD_SETSIZE-1 is ignored by
 * ZSOCK_FD_SET and ZSOCK_FD_CLR and is never a member for ZSOCK_FD_ISSET;
 * zsockjs treats a non-integer the same way, and a null set (C's NULL)
 * as an empty one that cannot change.
 */

import { ZSOCK_FD_SETSIZE } from './constants';

/**
 * A set of descriptors for zsock_select, ZSOCK_FD_SETSIZE bits.
 * Mirrors `zsock_fd_set` of include/zephyr/net/socket_select.h (POSIX name `fd_set`).
 */
export class zsock_fd_set {
  /** The words of the set, as Zephyr's `bitset` field. */
  readonly bitset: Uint32Array = new Uint32Array(ZSOCK_FD_SETSIZE / 32);
}

function inRange(fd: number): boolean {
  return fd === (fd | 0) && fd >= 0 && fd < ZSOCK_FD_SETSIZE;
}

/**
 * Empties `set` (a null set is ignored).
 * Mirrors `ZSOCK_FD_ZERO` of include/zephyr/net/socket_select.h (POSIX name `FD_ZERO`). Synchronous; no errno.
 */
export function ZSOCK_FD_ZERO(set: zsock_fd_set | null): void {
  if (set) set.bitset.fill(0);
}

/**
 * Adds `fd` to `set` (a descriptor outside 0..ZSOCK_FD_SETSIZE-1, or a null set, is ignored).
 * Mirrors `ZSOCK_FD_SET` of include/zephyr/net/socket_select.h (POSIX name `FD_SET`). Synchronous; no errno.
 */
export function ZSOCK_FD_SET(fd: number, set: zsock_fd_set | null): void {
  if (set && inRange(fd)) {
    set.bitset[fd >>> 5] = set.bitset[fd >>> 5]! | (1 << (fd & 31));
  }
}

/**
 * Removes `fd` from `set` (a null set is ignored).
 * Mirrors `ZSOCK_FD_CLR` of include/zephyr/net/socket_select.h (POSIX name `FD_CLR`). Synchronous; no errno.
 */
export function ZSOCK_FD_CLR(fd: number, set: zsock_fd_set | null): void {
  if (set && inRange(fd)) {
    set.bitset[fd >>> 5] = set.bitset[fd >>> 5]! & ~(1 << (fd & 31));
  }
}

/**
 * 1 when `fd` is in `set`, else 0 (an int, as the C macro gives; 0 for a null set).
 * Mirrors `ZSOCK_FD_ISSET` of include/zephyr/net/socket_select.h (POSIX name `FD_ISSET`). Synchronous; no errno.
 */
export function ZSOCK_FD_ISSET(fd: number, set: zsock_fd_set | null): number {
  return !!set && inRange(fd) && (set.bitset[fd >>> 5]! & (1 << (fd & 31))) !== 0 ? 1 : 0;
}
