/**
 * zsock_gethostname: this device's host name, Zephyr's net_hostname
 * (CONFIG_NET_HOSTNAME, "zephyr" by default), which zsock_sethostname
 * changes as Zephyr's net_hostname_set does.
 */

import { EFAULT, EINVAL, ENAMETOOLONG } from './errno';
import { fail } from './fail';
import type { StringRef } from './inet_ntop';

/** Longest host name: it fits NI_MAXHOST (64) with its NUL. */
export const NET_HOSTNAME_MAX_LEN = 63;

let hostname = 'zephyr';

/**
 * Copies the host name into name.value. Returns 0, or -1 with errno
 * ENAMETOOLONG when `len` has no room for it and its NUL (POSIX, as Linux
 * answers; Zephyr truncates silently).
 */
export function zsock_gethostname(name: StringRef | null, len: number): number {
  // NULL compiles in C: a bad pointer.
  if (name === null) return fail(EFAULT);
  if (!name || typeof name !== 'object') throw new TypeError('name must be an object with a value field');
  if (typeof len !== 'number') throw new TypeError('len must be a number');
  if (len < hostname.length + 1) return fail(ENAMETOOLONG);
  name.value = hostname;
  return 0;
}

/**
 * Sets the host name to the first `len` characters of `name`. Returns 0, or
 * -1 with errno EINVAL when `len` is negative, beyond the text, or more than
 * NET_HOSTNAME_MAX_LEN.
 */
export function zsock_sethostname(name: string | null, len: number): number {
  if (name === null) return fail(EFAULT);
  if (typeof name !== 'string') throw new TypeError('name must be a string');
  if (typeof len !== 'number') throw new TypeError('len must be a number');
  if (!(len >= 0 && len <= name.length && len <= NET_HOSTNAME_MAX_LEN) || len !== Math.floor(len)) return fail(EINVAL);
  hostname = name.slice(0, len);
  return 0;
}
