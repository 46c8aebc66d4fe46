/** Converting between the caller's sockaddr and the port's Endpoint. */

import { AF_INET, AF_INET6 } from '../constants';
import { EINVAL } from '../errno';
import type { Endpoint } from '../port';
import { SOCKADDR_IN6_SIZE, SOCKADDR_IN_SIZE, type IntRef, type sockaddr } from '../sockaddr';

export function sockaddr_size(family: number): number {
  return family === AF_INET ? SOCKADDR_IN_SIZE : SOCKADDR_IN6_SIZE;
}

export function addr_length(family: number): number {
  return family === AF_INET ? 4 : 16;
}

/**
 * Reads `addr` for a socket of `family` into `out` (or a new Endpoint):
 * the Endpoint, or an errno (EINVAL for a short length, a foreign family or
 * a family other than the socket's).
 */
export function endpoint_from(addr: sockaddr, addrlen: number, family: number, out?: Endpoint): Endpoint | number {
  const af = addr.sa_family;
  if (af !== AF_INET && af !== AF_INET6) return EINVAL;
  if (addrlen < sockaddr_size(af) || af !== family) return EINVAL;
  const bytes = af === AF_INET ? addr.sin_addr.s4_addr : addr.sin6_addr.s6_addr;
  const port = addr.sin_port;
  const ep: Endpoint = out || { family: af, addr: new Uint8Array(bytes.length), port: 0 };
  ep.family = af;
  if (ep.addr.length !== bytes.length) ep.addr = new Uint8Array(bytes.length);
  ep.addr.set(bytes);
  ep.port = ((port & 0xff) << 8) | (port >>> 8);
  return ep;
}

/** A fresh endpoint: the family's wildcard address and port 0. */
export function wildcard(family: number): Endpoint {
  return { family, addr: new Uint8Array(addr_length(family)), port: 0 };
}

export function is_unspecified(addr: Uint8Array): boolean {
  for (let i = 0; i < addr.length; i++) if (addr[i] !== 0) return false;
  return true;
}

export function is_multicast(ep: Endpoint): boolean {
  return ep.family === AF_INET ? (ep.addr[0]! & 0xf0) === 0xe0 : ep.addr[0] === 0xff;
}

export function same_addr(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function same_endpoint(a: Endpoint, b: Endpoint): boolean {
  return a.port === b.port && same_addr(a.addr, b.addr);
}

export function copy_endpoint(ep: Endpoint): Endpoint {
  return { family: ep.family, addr: new Uint8Array(ep.addr), port: ep.port };
}

/**
 * Made on first use, never at module load: a buffer made while the module
 * is preloaded into flash (Moddable) is read-only at run time.
 */
let scratch: Uint8Array | null = null;

/**
 * Writes `ep` into the caller's struct as C does: at most *addrlen bytes
 * are copied, and *addrlen becomes the address's real size.
 */
export function fill_sockaddr(ep: Endpoint, addr: sockaddr, addrlen: IntRef): void {
  const size = sockaddr_size(ep.family);
  if (!scratch) scratch = new Uint8Array(SOCKADDR_IN6_SIZE);
  scratch.fill(0);
  scratch[0] = ep.family;
  scratch[2] = ep.port >>> 8;
  scratch[3] = ep.port & 0xff;
  scratch.set(ep.addr, 4);
  const n = Math.max(0, Math.min(addrlen.value, size));
  addr.bytes.set(scratch.subarray(0, n));
  addrlen.value = size;
}
