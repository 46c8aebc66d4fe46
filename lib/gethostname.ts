/**
 * zsock_gethostname: this device's host name, Zephyr's net_hostname
 * (CONFIG_NET_HOSTNAME, "zephyr" by default), which zsock_sethostname
 * changes as Zephyr's net_hostname_set does.
 */

import { EFAULT, EINVAL, ENAMETOOLONG } from './errno';
import { fail } from './fail';
import type { StringRef } from './inet_ntop';

/**
 * The longest host name, 63 characters: it fits NI_MAXHOST with its NUL. Mirrors `NET_HOSTNAME_MAX_LEN` of include/zephyr/net/hostname.h.
 */
export const NET_HOSTNAME_MAX_LEN = 63;

let hostname = 'zephyr';

/**
 * Copies the host name ("zephyr" until zsock_sethostname) into `name.value`.
 * Mirrors `zsock_gethostname` of include/zephyr/net/socket.h (POSIX name `gethostname`). Synchronous: 0, or -1 with errno ENAMETOOLONG (`len` has no room for it and its NUL; Zephyr truncates), EINVAL.
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
 * Sets the host name to the first `len` characters of `name`.
 * Mirrors Zephyr's `net_hostname_set` of include/zephyr/net/hostname.h (POSIX name `sethostname`). Synchronous: 0, or -1 with errno EINVAL (`len` negative, beyond the text, or more than NET_HOSTNAME_MAX_LEN).
 */
export function zsock_sethostname(name: string | null, len: number): number {
  if (name === null) return fail(EFAULT);
  if (typeof name !== 'string') throw new TypeError('name must be a string');
  if (typeof len !== 'number') throw new TypeError('len must be a number');
  if (!(len >= 0 && len <= name.length && len <= NET_HOSTNAME_MAX_LEN) || len !== Math.floor(len)) return fail(EINVAL);
  hostname = name.slice(0, len);
  return 0;
}
