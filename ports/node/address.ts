/**
 * Endpoints (Zephyr family numbers, address bytes) to and from the textual
 * addresses Node's net and dgram speak.
 */
import type { Endpoint } from '../../lib/port';

import { AF_INET, AF_INET6 } from '../../lib/constants';

/** Zephyr's family numbers (AF_INET 1, AF_INET6 2: not Linux's 2 and 10). */
export { AF_INET, AF_INET6, AF_UNSPEC } from '../../lib/constants';

/** Address length in bytes for a family, or 0 for a family this port does not know. */
export function addressLength(family: number): number {
  return family === AF_INET ? 4 : family === AF_INET6 ? 16 : 0;
}

/** True when `endpoint` has a known family and an address of its length. */
export function isValidEndpoint(endpoint: Endpoint): boolean {
  const length = addressLength(endpoint.family);
  return length !== 0 && endpoint.addr.length === length && isPort(endpoint.port);
}

function isPort(port: number): boolean {
  return Number.isInteger(port) && port >= 0 && port <= 65535;
}

/** The text Node accepts for `addr` (4 or 16 bytes). */
export function addressToText(addr: Uint8Array): string {
  if (addr.length === 4) return `${addr[0]}.${addr[1]}.${addr[2]}.${addr[3]}`;
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((addr[i]! << 8) | addr[i + 1]!);
  if (isV4Mapped(addr)) return `::ffff:${addr[12]}.${addr[13]}.${addr[14]}.${addr[15]}`;
  // RFC 5952: the longest run (two groups or more) of zero groups becomes "::".
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let end = i;
    while (end < 8 && groups[end] === 0) end++;
    if (end - i > bestLength) {
      bestStart = i;
      bestLength = end - i;
    }
    i = end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  const head = hex.slice(0, bestStart).join(':');
  const tail = hex.slice(bestStart + bestLength).join(':');
  return `${head}::${tail}`;
}

function isV4Mapped(addr: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (addr[i] !== 0) return false;
  return addr[10] === 0xff && addr[11] === 0xff;
}

function parseIPv4(text: string, into: Uint8Array, at: number): boolean {
  const parts = text.split('.');
  if (parts.length !== 4) return false;
  for (let i = 0; i < 4; i++) {
    const part = parts[i]!;
    if (!/^\d{1,3}$/.test(part)) return false;
    const value = Number(part);
    if (value > 255) return false;
    into[at + i] = value;
  }
  return true;
}

function parseIPv6(text: string): Uint8Array | null {
  const zone = text.indexOf('%');
  const bare = zone < 0 ? text : text.slice(0, zone);
  const halves = bare.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] === '' ? [] : halves[0]!.split(':');
  const tail = halves.length === 1 || halves[1] === '' ? [] : halves[1]!.split(':');
  const bytes = new Uint8Array(16);
  // A trailing dotted quad fills the last four bytes (e.g. ::ffff:127.0.0.1).
  const last = halves.length === 1 ? head : tail;
  let groupLimit = 8;
  if (last.length > 0 && last[last.length - 1]!.includes('.')) {
    if (!parseIPv4(last.pop()!, bytes, 12)) return null;
    groupLimit = 6;
  }
  const groupCount = head.length + tail.length;
  if (halves.length === 1 ? groupCount !== groupLimit : groupCount >= groupLimit) return null;
  const writeGroups = (groups: string[], start: number): boolean => {
    for (let i = 0; i < groups.length; i++) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(groups[i]!)) return false;
      const value = parseInt(groups[i]!, 16);
      bytes[(start + i) * 2] = value >> 8;
      bytes[(start + i) * 2 + 1] = value & 0xff;
    }
    return true;
  };
  if (!writeGroups(head, 0) || !writeGroups(tail, groupLimit - tail.length)) return null;
  return bytes;
}

/**
 * Parses Node's textual address into bytes of `family`: an IPv4 address
 * asked for as AF_INET6 becomes ::ffff:a.b.c.d, an IPv4-mapped address asked
 * for as AF_INET becomes its four bytes. Null when it cannot be expressed.
 */
export function textToAddress(text: string, family: number): Uint8Array | null {
  if (!text.includes(':')) {
    const v4 = new Uint8Array(4);
    if (!parseIPv4(text, v4, 0)) return null;
    if (family === AF_INET) return v4;
    if (family !== AF_INET6) return null;
    const mapped = new Uint8Array(16);
    mapped[10] = 0xff;
    mapped[11] = 0xff;
    mapped.set(v4, 12);
    return mapped;
  }
  const v6 = parseIPv6(text);
  if (!v6) return null;
  if (family === AF_INET6) return v6;
  if (family === AF_INET && isV4Mapped(v6)) return v6.slice(12);
  return null;
}

/** An Endpoint of `family` for Node's (address, port); the unspecified address when `text` is unusable. */
export function endpointFromText(text: string | undefined, port: number | undefined, family: number): Endpoint {
  const addr = (text !== undefined && textToAddress(text, family)) || new Uint8Array(addressLength(family));
  return { family, addr, port: port ?? 0 };
}

/** A copy of `endpoint`, so later changes by the caller do not reach the port. */
export function copyEndpoint(endpoint: Endpoint): Endpoint {
  return { family: endpoint.family, addr: endpoint.addr.slice(), port: endpoint.port };
}
