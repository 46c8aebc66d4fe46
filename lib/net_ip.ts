/**
 * The address helpers of Zephyr's include/zephyr/net/net_ip.h that samples
 * call: net_addr_pton, net_addr_ntop and net_ipaddr_parse. They answer as
 * Zephyr's do (a negative errno return, NULL, or false) and never touch
 * errno. The text is read by zsock_inet_pton's rules (four decimal parts of
 * 0..255, RFC 4291 groups), not Zephyr's unchecked parser, which net_ip.h
 * itself calls unfit for untrusted strings (the README's deviations table).
 * Not POSIX names: `zsockjs/posix` does not carry them.
 */

import { AF_INET, AF_INET6 } from './constants';
import { EINVAL } from './errno';
import { zsock_inet_ntop, type StringRef } from './inet_ntop';
import { zsock_inet_pton } from './inet_pton';
import type { in6_addr, in_addr, sockaddr } from './sockaddr';

/** Longer than any address text: inet_ntop's size check is net_addr_ntop's own below. */
const TEXT_ROOM = 64;

function address_bytes(value: unknown, what: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value && typeof value === 'object') {
    const bytes = (value as in6_addr).s6_addr || (value as in_addr).s4_addr;
    if (bytes instanceof Uint8Array) return bytes;
  }
  throw new TypeError(what + ' must be an in_addr, an in6_addr or a Uint8Array');
}

function address_size(family: number): number {
  return family === AF_INET ? 4 : family === AF_INET6 ? 16 : 0;
}

/**
 * net_addr_pton (net_ip.h: `int net_addr_pton(sa_family_t family, const
 * char *src, void *dst)`): text to a network-order address in `dst` (an
 * in_addr, in6_addr or Uint8Array). 0 when parsed; -EINVAL (-22) for text
 * that is no address, a family other than AF_INET/AF_INET6, a dst too
 * small, or a null src or dst. dst is written only on success. Synchronous; errno untouched.
 */
export function net_addr_pton(family: number, src: string | null, dst: in_addr | in6_addr | Uint8Array | null): number {
  if (typeof family !== 'number') throw new TypeError('family must be a number');
  if (src === null || dst === null) return -EINVAL;
  if (typeof src !== 'string') throw new TypeError('src must be a string');
  const bytes = address_bytes(dst, 'dst');
  const size = address_size(family);
  if (size === 0 || bytes.length < size) return -EINVAL;
  return zsock_inet_pton(family, src, bytes) === 1 ? 0 : -EINVAL;
}

/**
 * net_addr_ntop (net_ip.h: `char *net_addr_ntop(sa_family_t family, const
 * void *src, char *dst, size_t size)`): an address to text, stored in
 * dst.value (dst may be null) and returned; null (C's NULL) for another
 * family, a null or too short src, or text that with its NUL does not fit `size`.
 * Synchronous; errno untouched.
 */
export function net_addr_ntop(
  family: number,
  src: in_addr | in6_addr | Uint8Array | null,
  dst: StringRef | null,
  size: number,
): string | null {
  if (typeof family !== 'number' || typeof size !== 'number') throw new TypeError('family and size must be numbers');
  if (src === null) return null;
  if (dst !== null && (!dst || typeof dst !== 'object')) throw new TypeError('dst must be an object with a value field, or null');
  const bytes = address_bytes(src, 'src');
  const need = address_size(family);
  if (need === 0 || bytes.length < need) return null;
  const text = zsock_inet_ntop(family, bytes, null, TEXT_ROOM);
  if (text === null || text.length + 1 > size) return null;
  if (dst) dst.value = text;
  return text;
}

/** A decimal port 0..65535 with nothing else, or -1 (Zephyr's convert_port, without strtoul's sign and spaces). */
function parse_port(text: string): number {
  if (text.length === 0 || text.length > 5) return -1;
  let port = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    port = port * 10 + c;
  }
  return port <= 65535 ? port : -1;
}

/** Made at first use: a buffer made at module load is read-only once preloaded into flash (Moddable). */
let scratch: Uint8Array | null = null;

/** Stores family, address and (when `port` >= 0) the port into `addr`. */
function store(addr: sockaddr, family: number, port: number, parsed: Uint8Array): true {
  addr.sa_family = family;
  if (family === AF_INET) addr.sin_addr.s4_addr.set(parsed.subarray(0, 4));
  else addr.sin6_addr.s6_addr.set(parsed);
  if (port >= 0) addr.sin_port = ((port & 0xff) << 8) | (port >>> 8);
  return true;
}

/**
 * net_ipaddr_parse (net_ip.h: `bool net_ipaddr_parse(const char *str,
 * size_t str_len, struct sockaddr *addr)`): reads the first `str_len`
 * characters of `str` (up to a NUL) as "192.0.2.1", "192.0.2.1:80",
 * "2001:db8::1", "[2001:db8::1]" or "[2001:db8::1]:80" into `addr`:
 * sa_family, the address, and the port in network order when the text has
 * one (otherwise the port is left as it was). true when parsed; false for
 * a null or empty string, a null addr, a bad address or port, or anything
 * after "]" but ":port" — and then `addr` is untouched. Synchronous; errno untouched.
 */
export function net_ipaddr_parse(str: string | null, str_len: number, addr: sockaddr | null): boolean {
  // As Zephyr's: a NULL string is false; a NULL struct is nowhere to put the answer.
  if (str === null || addr === null) return false;
  if (typeof str !== 'string') throw new TypeError('str must be a string');
  if (typeof str_len !== 'number') throw new TypeError('str_len must be a number');
  if (!(addr && typeof addr === 'object' && 'sa_family' in addr && addr.bytes instanceof Uint8Array)) {
    throw new TypeError('addr must be a sockaddr');
  }
  let text = str_len >= str.length ? str : str.substring(0, str_len > 0 ? str_len : 0);
  const nul = text.indexOf('\0');
  if (nul >= 0) text = text.substring(0, nul);
  if (text.length === 0) return false;
  const parsed = scratch || (scratch = new Uint8Array(16));
  if (text.charAt(0) === '[') {
    const close = text.indexOf(']');
    if (close < 0) return false;
    const rest = text.substring(close + 1);
    let port = -1;
    if (rest.length > 0) {
      if (rest.charAt(0) !== ':') return false;
      port = parse_port(rest.substring(1));
      if (port < 0) return false;
    }
    if (zsock_inet_pton(AF_INET6, text.substring(1, close), parsed) !== 1) return false;
    return store(addr, AF_INET6, port, parsed);
  }
  const colon = text.indexOf(':');
  if (colon >= 0 && text.indexOf(':', colon + 1) < 0) {
    // One colon: an IPv4 address and a port.
    const port = parse_port(text.substring(colon + 1));
    if (port < 0 || zsock_inet_pton(AF_INET, text.substring(0, colon), parsed) !== 1) return false;
    return store(addr, AF_INET, port, parsed);
  }
  if (zsock_inet_pton(AF_INET, text, parsed) === 1) return store(addr, AF_INET, -1, parsed);
  if (zsock_inet_pton(AF_INET6, text, parsed) === 1) return store(addr, AF_INET6, -1, parsed);
  return false;
}
