/**
 * zsock_inet_ntop(family, src, dst, size): network-order bytes to text.
 *
 * C's `inet_ntop(AF_INET6, &addr.sin6_addr, buf, sizeof(buf))` becomes
 * `zsock_inet_ntop(AF_INET6, addr.sin6_addr, buf, INET6_ADDRSTRLEN)` with
 * `const buf = { value: '' }`. src may be an in_addr, an in6_addr or a
 * Uint8Array. The text is stored in dst.value (dst may be null) and returned;
 * where C returns NULL this returns null with errno set:
 * - size too small for the text and its NUL: ENOSPC (POSIX; Zephyr ignores
 *   size and overruns the buffer);
 * - a family other than AF_INET/AF_INET6: EAFNOSUPPORT (POSIX; Zephyr
 *   returns NULL without errno).
 *
 * IPv6 text is RFC 5952's canonical form, as Zephyr prints it: lower-case
 * hex without leading zeros; the longest run of two or more zero groups
 * (the first of equal runs) becomes "::"; a single zero group stays "0".
 * Only IPv4-mapped addresses (::ffff:0:0/96) are printed with a dotted tail,
 * "::ffff:192.0.2.1"; the deprecated IPv4-compatible form and other prefixes
 * print in hex ("::c000:201"), as Zephyr does and RFC 5952 section 5 advises.
 *
 * - a src Uint8Array shorter than the address: EINVAL (it holds no
 *   address of that family); a null src (C's NULL): EFAULT.
 *
 * A src that is not an address, or a dst that is not an object, throws a
 * TypeError (C would not compile it).
 */

import { AF_INET, AF_INET6 } from './constants';
import { EAFNOSUPPORT, EFAULT, EINVAL, ENOSPC, set_errno } from './errno';
import type { in6_addr, in_addr } from './sockaddr';

/**
 * `char *`: a text output parameter, filled as C fills a char buffer (`dst.value`).
 */
export interface StringRef {
  value: string;
}

/**
 * Writes the text of the address `src` (4 bytes for AF_INET, 16 for AF_INET6) into `dst.value` and returns it; `size` is the buffer size C would pass (INET_ADDRSTRLEN, INET6_ADDRSTRLEN).
 * Mirrors `zsock_inet_ntop` of include/zephyr/net/socket.h (POSIX name `inet_ntop`). Synchronous: the text, or null with errno ENOSPC (`size` too small for it and its NUL), EAFNOSUPPORT.
 */
export function zsock_inet_ntop(
  family: number,
  src: in_addr | in6_addr | Uint8Array | null,
  dst: StringRef | null | undefined,
  size: number,
): string | null {
  // NULL compiles in C: a bad pointer.
  if (src === null) return no_text(EFAULT);
  const bytes = addressBytes(src);
  if (dst != null && typeof dst !== 'object') {
    throw new TypeError('inet_ntop: dst must be an object with a value field, or null');
  }
  if (typeof size !== 'number') {
    throw new TypeError('inet_ntop: size must be a number');
  }
  let text: string;
  if (family === AF_INET) {
    if (bytes.length < 4) return no_text(EINVAL);
    text = dotted(bytes, 0);
  } else if (family === AF_INET6) {
    if (bytes.length < 16) return no_text(EINVAL);
    text = ipv6Text(bytes);
  } else {
    set_errno(EAFNOSUPPORT);
    return null;
  }
  if (text.length + 1 > size) {
    set_errno(ENOSPC);
    return null;
  }
  if (dst) {
    dst.value = text;
  }
  return text;
}

function addressBytes(src: in_addr | in6_addr | Uint8Array): Uint8Array {
  if (src instanceof Uint8Array) {
    return src;
  }
  if (src && typeof src === 'object') {
    const view = (src as in6_addr).s6_addr || (src as in_addr).s4_addr;
    if (view instanceof Uint8Array) {
      return view;
    }
  }
  throw new TypeError('inet_ntop: src must be an in_addr, an in6_addr or a Uint8Array');
}

function no_text(code: number): null {
  set_errno(code);
  return null;
}

function dotted(bytes: Uint8Array, at: number): string {
  return bytes[at] + '.' + bytes[at + 1] + '.' + bytes[at + 2] + '.' + bytes[at + 3];
}

function group(bytes: Uint8Array, index: number): number {
  return (bytes[2 * index]! << 8) | bytes[2 * index + 1]!;
}

function ipv6Text(bytes: Uint8Array): string {
  let mapped = bytes[10] === 0xff && bytes[11] === 0xff;
  for (let i = 0; i < 10 && mapped; i++) {
    mapped = bytes[i] === 0;
  }
  if (mapped) {
    return '::ffff:' + dotted(bytes, 12);
  }
  // The first longest run of zero groups; runs of one are not compressed.
  let bestStart = -1;
  let bestLength = 1;
  let runStart = -1;
  for (let i = 0; i < 8; i++) {
    if (group(bytes, i) !== 0) {
      runStart = -1;
    } else {
      if (runStart < 0) {
        runStart = i;
      }
      if (i - runStart + 1 > bestLength) {
        bestStart = runStart;
        bestLength = i - runStart + 1;
      }
    }
  }
  let text = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      text += '::';
      i += bestLength - 1;
    } else {
      // A group follows another group, not the "::".
      text += (text && i !== bestStart + bestLength ? ':' : '') + group(bytes, i).toString(16);
    }
  }
  return text;
}
