/**
 * zsock_inet_pton(family, src, dst): text address to network-order bytes.
 *
 * C's `inet_pton(AF_INET, "192.0.2.1", &addr.sin_addr)` becomes
 * `zsock_inet_pton(AF_INET, '192.0.2.1', addr.sin_addr)`. dst may be an
 * in_addr, an in6_addr or a Uint8Array; the first 4 (AF_INET) or 16
 * (AF_INET6) bytes are written, and only when the text is valid.
 *
 * Returns 1 when parsed, 0 when the text is not a valid address, and -1 with
 * errno EAFNOSUPPORT for another family (POSIX). The rules are glibc's, not
 * Zephyr's parser (which has no range checks and reads past short IPv4 text):
 * - IPv4: exactly four decimal parts of 0..255, no leading zeros ("010"),
 *   nothing but digits and dots;
 * - IPv6: up to eight groups of 1..4 hex digits, at most one "::" standing for
 *   at least one zero group, an optional dotted IPv4 tail as the last 32 bits;
 *   no zone id ("fe80::1%eth0": a zone is not part of an in6_addr; it belongs
 *   in sin6_scope_id), no brackets, no whitespace.
 * A src that is not a string, or a dst that is not an address, throws a
 * TypeError (C would not compile it); a Uint8Array shorter than the address
 * answers -1 with ENOSPC: there is no room for the result, and nothing is
 * written. A null src or dst (C's NULL) answers -1 with EFAULT.
 */

import { AF_INET, AF_INET6 } from './constants';
import { EAFNOSUPPORT, EFAULT, ENOSPC } from './errno';
import { fail } from './fail';
import type { in6_addr, in_addr } from './sockaddr';

/** Parse buffer for IPv6, so a failed parse leaves dst untouched. */
let scratch: Uint8Array | undefined;

/**
 * Converts the text address `src` ("192.0.2.1", "2001:db8::1") to its bytes in `dst`, strictly (no octal, no parts past 255, no short forms of IPv4).
 * Mirrors `zsock_inet_pton` of include/zephyr/net/socket.h (POSIX name `inet_pton`). Synchronous: 1, 0 for text that is not an address of `family`, or -1 with errno EAFNOSUPPORT, EFAULT (a null `src` or `dst`) or ENOSPC (a `dst` too short for the family).
 */
export function zsock_inet_pton(family: number, src: string | null, dst: in_addr | in6_addr | Uint8Array | null): number {
  // NULL compiles in C: a bad pointer.
  if (src === null || dst === null) return fail(EFAULT);
  if (typeof src !== 'string') {
    throw new TypeError('inet_pton: src must be a string');
  }
  const bytes = addressBytes(dst);
  if (family === AF_INET) {
    if (bytes.length < 4) return fail(ENOSPC);
    const value = parseIPv4(src, 0);
    if (value < 0) {
      return 0;
    }
    bytes[0] = value >>> 24;
    bytes[1] = value >>> 16;
    bytes[2] = value >>> 8;
    bytes[3] = value;
    return 1;
  }
  if (family === AF_INET6) {
    if (bytes.length < 16) return fail(ENOSPC);
    const parsed = scratch || (scratch = new Uint8Array(16));
    if (!parseIPv6(src, parsed)) {
      return 0;
    }
    bytes.set(parsed);
    return 1;
  }
  return fail(EAFNOSUPPORT);
}

function addressBytes(dst: in_addr | in6_addr | Uint8Array): Uint8Array {
  if (dst instanceof Uint8Array) {
    return dst;
  }
  if (dst && typeof dst === 'object') {
    const view = (dst as in6_addr).s6_addr || (dst as in_addr).s4_addr;
    if (view instanceof Uint8Array) {
      return view;
    }
  }
  throw new TypeError('inet_pton: dst must be an in_addr, an in6_addr or a Uint8Array');
}

/** The IPv4 address in src[start..] as a u32, or -1 when it is not one. */
function parseIPv4(src: string, start: number): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let parts = 0;
  for (let i = start; i <= src.length; i++) {
    const c = i < src.length ? src.charCodeAt(i) : 46; // the end closes the last part like a '.'
    if (c >= 48 && c <= 57) {
      if (digits > 0 && part === 0) {
        return -1; // leading zero
      }
      part = part * 10 + (c - 48);
      if (part > 255) {
        return -1;
      }
      digits++;
    } else if (c === 46) {
      if (digits === 0 || ++parts > 4) {
        return -1;
      }
      value = value * 256 + part;
      part = 0;
      digits = 0;
    } else {
      return -1;
    }
  }
  return parts === 4 ? value : -1;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Parses an IPv6 text address into out (16 bytes); false when invalid. */
function parseIPv6(src: string, out: Uint8Array): boolean {
  const end = src.length;
  let i = 0;
  if (src.charCodeAt(0) === 58) {
    if (src.charCodeAt(1) !== 58) {
      return false; // a single leading ':'
    }
    i = 1;
  }
  let filled = 0; // bytes written
  let gap = -1; // where "::" stands, in bytes
  let group = 0;
  let digits = 0;
  let tokenStart = i;
  for (; i < end; i++) {
    const c = src.charCodeAt(i);
    const hex = hexValue(c);
    if (hex >= 0) {
      if (++digits > 4) {
        return false;
      }
      group = (group << 4) | hex;
    } else if (c === 58) {
      tokenStart = i + 1;
      if (digits === 0) {
        if (gap >= 0) {
          return false; // a second "::", or ":::"
        }
        gap = filled;
      } else {
        if (i + 1 === end || filled === 16) {
          return false; // a trailing single ':', or more than eight groups
        }
        out[filled++] = group >>> 8;
        out[filled++] = group;
        group = 0;
        digits = 0;
      }
    } else if (c === 46) {
      // A dotted IPv4 tail: the rest of the text, in the last 32 bits.
      const value = filled <= 12 ? parseIPv4(src, tokenStart) : -1;
      if (value < 0) {
        return false;
      }
      out[filled++] = value >>> 24;
      out[filled++] = value >>> 16;
      out[filled++] = value >>> 8;
      out[filled++] = value;
      digits = 0;
      break;
    } else {
      return false;
    }
  }
  if (digits > 0) {
    if (filled === 16) {
      return false;
    }
    out[filled++] = group >>> 8;
    out[filled++] = group;
  }
  if (gap >= 0) {
    if (filled === 16) {
      return false; // "::" must stand for at least one group
    }
    // Move the groups after "::" to the end (backwards, as they may overlap), zero the gap.
    const shift = 16 - filled;
    for (let i = filled - 1; i >= gap; i--) {
      out[i + shift] = out[i]!;
    }
    for (let i = gap; i < gap + shift; i++) {
      out[i] = 0;
    }
    filled = 16;
  }
  return filled === 16;
}
