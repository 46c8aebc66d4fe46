/** IP address helpers for the simulation: parsing, formatting, classes of address. */

/**
 * The simulation's number for IPv4 addresses: 1, as zsockjs's AF_INET.
 */
export const AF_INET = 1;
/**
 * The simulation's number for IPv6 addresses: 2, as zsockjs's AF_INET6.
 */
export const AF_INET6 = 2;

export const IPV4_ANY = new Uint8Array(4);
export const IPV6_ANY = new Uint8Array(16);
export const IPV4_LOOPBACK = new Uint8Array([127, 0, 0, 1]);
export const IPV6_LOOPBACK = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
export const IPV4_BROADCAST = new Uint8Array([255, 255, 255, 255]);

/** Parses dotted IPv4 or IPv6 text (with `::` and an embedded IPv4 tail); null when malformed. */
export function parseAddress(text: string): Uint8Array | null {
  return text.indexOf(':') >= 0 ? parseIpv6(text) : parseIpv4(text);
}

export function parseIpv4(text: string): Uint8Array | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = parts[i]!;
    if (!/^\d{1,3}$/.test(part)) return null;
    const value = Number(part);
    if (value > 255) return null;
    out[i] = value;
  }
  return out;
}

export function parseIpv6(text: string): Uint8Array | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = parseWords(halves[0]!, halves.length === 1);
  const tail = halves.length === 2 ? parseWords(halves[1]!, true) : [];
  if (!head || !tail) return null;
  if (halves.length === 1 ? head.length !== 8 : head.length + tail.length > 7) return null;
  const out = new Uint8Array(16);
  const put = (slot: number, word: number): void => {
    out[slot * 2] = word >> 8;
    out[slot * 2 + 1] = word & 0xff;
  };
  for (let i = 0; i < head.length; i++) put(i, head[i]!);
  for (let i = 0; i < tail.length; i++) put(8 - tail.length + i, tail[i]!);
  return out;
}

/** Colon-separated 16-bit groups; the last may be dotted IPv4 when `v4Tail` allows. */
function parseWords(text: string, v4Tail: boolean): number[] | null {
  if (text === '') return [];
  const groups = text.split(':');
  const words: number[] = [];
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i]!;
    if (v4Tail && i === groups.length - 1 && group.indexOf('.') >= 0) {
      const v4 = parseIpv4(group);
      if (!v4) return null;
      words.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
    } else {
      if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return null;
      words.push(parseInt(group, 16));
    }
  }
  return words;
}

/** Parses or throws: for addresses a test writes by hand. */
export function address(text: string): Uint8Array {
  const parsed = parseAddress(text);
  if (!parsed) throw new TypeError(`not an IP address: ${text}`);
  return parsed;
}

/**
 * The text of a 4- or 16-byte address ("192.0.2.1", "2001:db8::1").
 */
export function formatAddress(addr: Uint8Array): string {
  if (addr.length === 4) return `${addr[0]}.${addr[1]}.${addr[2]}.${addr[3]}`;
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push((addr[i]! << 8) | addr[i + 1]!);
  // Longest run of zero words (length ≥ 2) becomes "::".
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number): string =>
    words
      .slice(from, to)
      .map((w) => w.toString(16))
      .join(':');
  if (bestStart < 0) return hex(0, 8);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLength, 8)}`;
}

export function familyOf(addr: Uint8Array): number {
  return addr.length === 4 ? AF_INET : AF_INET6;
}

export function sameAddress(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A string key for maps keyed by address. */
export function addressKey(addr: Uint8Array): string {
  return formatAddress(addr);
}

export function isUnspecified(addr: Uint8Array): boolean {
  for (let i = 0; i < addr.length; i++) if (addr[i] !== 0) return false;
  return true;
}

export function isLoopback(addr: Uint8Array): boolean {
  return addr.length === 4 ? addr[0] === 127 : sameAddress(addr, IPV6_LOOPBACK);
}

export function isMulticast(addr: Uint8Array): boolean {
  return addr.length === 4 ? (addr[0]! & 0xf0) === 0xe0 : addr[0] === 0xff;
}

/** Limited broadcast, or a /24 directed broadcast (x.y.z.255): the simulation's hosts have no netmask, so /24 is assumed. */
export function isBroadcast(addr: Uint8Array): boolean {
  return addr.length === 4 && addr[3] === 255;
}

export function copyAddress(addr: Uint8Array): Uint8Array {
  return new Uint8Array(addr);
}
