/**
 * Option values as C passes them: `const void *optval` plus `optlen`.
 * An int is an `{ value }` reference, a plain number, or a typed array of
 * at least four bytes (read little-endian, as the device stores it); a
 * struct is an object with its C field names. Lengths are checked as Zephyr
 * checks them, against the C sizes below.
 */

import { as_bytes } from './bytes';
import type { in6_addr, in_addr, IntRef } from './sockaddr';

/**
 * `sizeof(int)`, the `optlen` of int options: 4.
 */
export const SIZEOF_INT = 4;
/**
 * `sizeof(struct timeval)` with a 64-bit time_t, as current Zephyr C libraries have: 16; the `optlen` of SO_RCVTIMEO and SO_SNDTIMEO.
 */
export const SIZEOF_TIMEVAL = 16;
/**
 * `sizeof(struct linger)`: 8; the `optlen` of SO_LINGER.
 */
export const SIZEOF_LINGER = 8;
/**
 * `sizeof(struct ip_mreqn)` (group, local address, interface index): 12; the `optlen` of IP_ADD_MEMBERSHIP.
 */
export const SIZEOF_IP_MREQN = 12;
/**
 * `sizeof(struct ipv6_mreq)` (group, interface index): 20; the `optlen` of IPV6_ADD_MEMBERSHIP.
 */
export const SIZEOF_IPV6_MREQ = 20;

/**
 * struct timeval: `tv_sec` and `tv_usec`, the value of SO_RCVTIMEO and SO_SNDTIMEO ({0, 0}: wait forever). Mirrors C's sys/time.h.
 */
export interface timeval {
  tv_sec: number;
  tv_usec: number;
}

/**
 * struct linger: `l_onoff` and `l_linger` (seconds), the value of SO_LINGER. Mirrors struct `linger` of include/zephyr/net/socket.h.
 */
export interface linger {
  l_onoff: number;
  l_linger: number;
}

/**
 * struct ip_mreqn: the multicast group, the local address and the interface index, the value of IP_ADD_MEMBERSHIP and IP_DROP_MEMBERSHIP. Mirrors struct `ip_mreqn` of include/zephyr/net/socket.h.
 */
export interface ip_mreqn {
  imr_multiaddr: in_addr;
  imr_address: in_addr;
  imr_ifindex: number;
}

/**
 * struct ipv6_mreq: the multicast group and the interface index, the value of IPV6_ADD_MEMBERSHIP and IPV6_DROP_MEMBERSHIP. Mirrors struct `ipv6_mreq` of include/zephyr/net/socket.h.
 */
export interface ipv6_mreq {
  ipv6mr_multiaddr: in6_addr;
  ipv6mr_ifindex: number;
}

/**
 * The int an option value holds (an IntRef's `value`, a number, or the first 4 bytes of a byte view), or null when it holds none. zsockjs only; synchronous.
 */
export function read_int(value: unknown): number | null {
  if (typeof value === 'number') return value | 0;
  if (value && typeof value === 'object') {
    const b = as_bytes(value);
    if (b) {
      if (b.length < 4) return b.length ? b[0]! : null;
      return b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24);
    }
    if (typeof (value as IntRef).value === 'number') return (value as IntRef).value | 0;
  }
  return null;
}

/**
 * Stores `n` into the caller's int (an IntRef or a byte view); false when `value` cannot hold one. zsockjs only; synchronous.
 */
export function write_int(value: unknown, n: number): boolean {
  if (value && typeof value === 'object') {
    const b = as_bytes(value);
    if (b) {
      if (b.length < 4) return false;
      b[0] = n;
      b[1] = n >>> 8;
      b[2] = n >>> 16;
      b[3] = n >>> 24;
      return true;
    }
    if (typeof (value as IntRef).value === 'number') {
      (value as IntRef).value = n;
      return true;
    }
  }
  return false;
}

/**
 * Milliseconds from a struct timeval: -1 (forever) for {0, 0}, null when malformed. zsockjs only; synchronous.
 */
export function timeval_ms(value: unknown): number | null {
  const tv = value as timeval | null;
  if (!tv || typeof tv !== 'object' || typeof tv.tv_sec !== 'number' || typeof tv.tv_usec !== 'number') return null;
  if (tv.tv_sec < 0 || tv.tv_usec < 0 || tv.tv_usec >= 1000000) return null;
  const ms = tv.tv_sec * 1000 + Math.floor(tv.tv_usec / 1000);
  if (ms === 0) return tv.tv_usec > 0 ? 1 : -1;
  return ms;
}
