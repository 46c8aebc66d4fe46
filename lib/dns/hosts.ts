/**
 * Static host entries, consulted before DNS as /etc/hosts is. "localhost"
 * is built in (127.0.0.1 and ::1) unless the table gives that name an
 * address of the family asked for. One table per realm, as a device has one.
 */

import { EINVAL } from '../errno';
import { fail } from '../fail';
import { dns_name_length, dns_name_same } from './name';

const AF_UNSPEC = 0;
const AF_INET = 1;
const AF_INET6 = 2;

const names: string[] = [];
const addresses: Uint8Array[] = [];

/**
 * Adds `address` (4 bytes for IPv4, 16 for IPv6, network order; copied) to
 * the addresses of `name`. A name may have several addresses; lookups give
 * them in the order they were added. Returns 0, or -1 with errno EINVAL for a
 * name that could not be queried (see dns_name_length) or an address of
 * another length.
 */
export function dns_add_host(name: string, address: Uint8Array): number {
  if (dns_name_length(name) < 0 || (address.length !== 4 && address.length !== 16)) return fail(EINVAL);
  names.push(name);
  addresses.push(copy(address));
  return 0;
}

function copy(address: Uint8Array): Uint8Array {
  const out = new Uint8Array(address.length);
  out.set(address);
  return out;
}

/** Removes every added entry; the built-in localhost stays. */
export function dns_clear_hosts(): void {
  names.splice(0);
  addresses.splice(0);
}

/**
 * Appends to `found` copies of the addresses of `name` (ASCII case and a
 * trailing dot ignored) of `family`: AF_INET, AF_INET6, or AF_UNSPEC for
 * both. Returns how many were appended; 0 means DNS should be asked.
 */
export function dns_hosts_lookup(name: string, family: number, found: Uint8Array[]): number {
  const wanted = family === AF_INET ? 4 : family === AF_INET6 ? 16 : family === AF_UNSPEC ? 0 : -1;
  if (wanted < 0) return 0;
  let count = 0;
  for (let i = 0; i < names.length; i++) {
    const address = addresses[i]!;
    if ((wanted === 0 || address.length === wanted) && dns_name_same(names[i]!, name)) {
      found.push(copy(address));
      count++;
    }
  }
  if (count === 0 && dns_name_same(name, 'localhost')) {
    if (wanted !== 16) {
      found.push(new Uint8Array([127, 0, 0, 1]));
      count++;
    }
    if (wanted !== 4) {
      const loopback6 = new Uint8Array(16);
      loopback6[15] = 1;
      found.push(loopback6);
      count++;
    }
  }
  return count;
}
