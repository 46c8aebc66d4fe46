import * as net from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AF_INET, AF_INET6, AF_PACKET, AF_UNSPEC, INET6_ADDRSTRLEN, INET_ADDRSTRLEN } from '../lib/constants';
import { EAFNOSUPPORT, EFAULT, EINVAL, ENOSPC, errno, set_errno } from '../lib/errno';
import { zsock_inet_ntop, type StringRef } from '../lib/inet_ntop';
import { zsock_inet_pton } from '../lib/inet_pton';
import { in6_addr, in_addr, sockaddr } from '../lib/sockaddr';

function pton6(text: string): number[] | null {
  const out = new Uint8Array(16);
  return zsock_inet_pton(AF_INET6, text, out) === 1 ? Array.from(out) : null;
}

function pton4(text: string): number[] | null {
  const out = new Uint8Array(4);
  return zsock_inet_pton(AF_INET, text, out) === 1 ? Array.from(out) : null;
}

function ntop6(bytes: ArrayLike<number>): string | null {
  return zsock_inet_ntop(AF_INET6, Uint8Array.from(bytes), null, INET6_ADDRSTRLEN);
}

function ntop4(bytes: ArrayLike<number>): string | null {
  return zsock_inet_ntop(AF_INET, Uint8Array.from(bytes), null, INET_ADDRSTRLEN);
}

/** Text → canonical text through pton then ntop, or null if pton rejects. */
function canonical6(text: string): string | null {
  const bytes = pton6(text);
  return bytes ? ntop6(bytes) : null;
}

/** WHATWG URL host serialization: compresses like RFC 5952 but never prints a dotted tail. */
function whatwgCanonical(text: string): string {
  return new URL('http://[' + text + ']/').hostname.slice(1, -1);
}

function isMapped(bytes: number[]): boolean {
  return bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
}

describe('inet_pton / inet_ntop: IPv4', () => {
  it.each([
    ['0.0.0.0', [0, 0, 0, 0]],
    ['255.255.255.255', [255, 255, 255, 255]],
    ['127.0.0.1', [127, 0, 0, 1]],
    ['192.0.2.33', [192, 0, 2, 33]],
    ['10.100.200.9', [10, 100, 200, 9]],
  ])('%s round-trips', (text, bytes) => {
    expect(pton4(text)).toEqual(bytes);
    expect(ntop4(bytes)).toBe(text);
  });

  it.each([
    '', '1', '1.2', '1.2.3', '1.2.3.4.5', '256.1.1.1', '1.2.3.256', '999.0.0.0', '01.2.3.4', '1.2.3.04',
    '1.2.3.00', '00.0.0.0', '1..2.3', '.1.2.3', '1.2.3.', '1.2.3.4.', ' 1.2.3.4', '1.2.3.4 ', '1.2.3.4\n',
    '1.2.3.-4', '+1.2.3.4', '1.2.3.0x4', '0x7f.0.0.1', 'a.b.c.d', '1.2.3.4/24', '1,2,3,4', '１.2.3.4',
    '::1', '1.2.3.4:80', '4294967295', '1.2.3.4%eth0',
  ])('rejects %j with 0 and leaves dst alone', (text) => {
    const out = Uint8Array.from([9, 9, 9, 9]);
    expect(zsock_inet_pton(AF_INET, text, out)).toBe(0);
    expect(Array.from(out)).toEqual([9, 9, 9, 9]);
  });

  it('writes into in_addr and into a sockaddr view, as C writes through &addr.sin_addr', () => {
    const address = new sockaddr();
    expect(zsock_inet_pton(AF_INET, '192.0.2.1', address.sin_addr)).toBe(1);
    expect(Array.from(address.bytes.subarray(4, 8))).toEqual([192, 0, 2, 1]);
    const plain = new in_addr();
    expect(zsock_inet_pton(AF_INET, '10.0.0.7', plain)).toBe(1);
    expect(Array.from(plain.s4_addr)).toEqual([10, 0, 0, 7]);
    expect(zsock_inet_ntop(AF_INET, address.sin_addr, null, INET_ADDRSTRLEN)).toBe('192.0.2.1');
  });
});

describe('inet_pton / inet_ntop: IPv6 canonical forms', () => {
  it.each([
    // RFC 5952 section 4 examples and the shapes around "::".
    ['2001:db8:0:0:0:0:2:1', '2001:db8::2:1'],
    ['2001:0db8:0000:0000:0000:0000:0002:0001', '2001:db8::2:1'],
    ['2001:db8::0:1', '2001:db8::1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // a single zero group stays "0"
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // equal runs: the first is compressed
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'], // the longest run wins
    ['2001:DB8::AAAA:1', '2001:db8::aaaa:1'], // lower case
    ['2001:db8::1:0:0:0:0', '2001:db8:0:1::'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['::', '::'],
    ['::1', '::1'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['1::', '1::'],
    ['1:0:0:0:0:0:0:0', '1::'],
    ['0:0:0:0:0:0:0:7', '::7'],
    ['0:1:2:3:4:5:6:7', '0:1:2:3:4:5:6:7'],
    ['1:2:3:4:5:6:7:0', '1:2:3:4:5:6:7:0'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['::2:3:4:5:6:7:8', '0:2:3:4:5:6:7:8'],
    ['1:0:1:0:1:0:1:0', '1:0:1:0:1:0:1:0'],
    ['fe80::1', 'fe80::1'],
    ['FE80:0000:0000:0000:0202:B3FF:FE1E:8329', 'fe80::202:b3ff:fe1e:8329'],
    ['ff02::1:ff00:1', 'ff02::1:ff00:1'],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
    // IPv4-mapped: dotted tail, in either input form.
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1'],
    ['::FFFF:c000:0201', '::ffff:192.0.2.1'],
    ['0:0:0:0:0:ffff:0.0.0.0', '::ffff:0.0.0.0'],
    ['::ffff:255.255.255.255', '::ffff:255.255.255.255'],
    // IPv4-compatible and other embedded forms print in hex (Zephyr, RFC 5952 section 5).
    ['::192.0.2.1', '::c000:201'],
    ['::0.0.0.2', '::2'],
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
    ['1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:102:304'],
    ['1::1.2.3.4', '1::102:304'],
    ['::ffff:0:1.2.3.4', '::ffff:0:102:304'],
  ])('%s is printed %s', (text, expected) => {
    expect(canonical6(text)).toBe(expected);
    // The canonical text is itself valid and a fixed point.
    expect(canonical6(expected)).toBe(expected);
  });

  it('stores the bytes in network order, and into an in6_addr view of a sockaddr', () => {
    expect(pton6('2001:db8::2:1')).toEqual([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1]);
    expect(pton6('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4]);
    const address = new sockaddr();
    expect(zsock_inet_pton(AF_INET6, 'fe80::1', address.sin6_addr)).toBe(1);
    expect(address.bytes[4]).toBe(0xfe);
    expect(address.bytes[19]).toBe(1);
    const plain = new in6_addr();
    expect(zsock_inet_pton(AF_INET6, '::1', plain)).toBe(1);
    expect(zsock_inet_ntop(AF_INET6, plain, null, INET6_ADDRSTRLEN)).toBe('::1');
  });

  it.each([
    '', ':', ':::', '::::', '1', '1:2', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7:8::',
    '::1:2:3:4:5:6:7:8', '1::2::3', '1:::2', ':1::2', '1::2:', ':1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:',
    '12345::', '::12345', '1:2:3:4:5:6:7:00000', 'g::1', '::g', '1:2:3:4:5:6:7:8 ', ' ::1', '::1\t',
    'fe80::1%eth0', 'fe80::1%1', '[::1]', '[::1]:80', '::1/128', '1.2.3.4', '::1.2.3', '::1.2.3.4.5',
    '::256.1.1.1', '::01.2.3.4', '::1.2.3.4:5', '::1.2.3.4::', '1:2:3:4:5:6:7:1.2.3.4',
    '1:2:3:4:5:6::1.2.3.4', '1:2:3:4:5:6:7::1.2.3.4', '::ffff:1.2.3.4.', '1.2.3.4::', '::ffff:1.2..4', '-1::', '0x1::', '::1 ',
    '２００１:db8::1', ':ffff::1',
  ])('rejects %j with 0 and leaves dst alone', (text) => {
    const out = new Uint8Array(16).fill(7);
    expect(zsock_inet_pton(AF_INET6, text, out)).toBe(0);
    expect(Array.from(out)).toEqual(new Array(16).fill(7));
  });
});

describe('inet_pton / inet_ntop: errors', () => {
  it('pton: an unsupported family gives -1 with EAFNOSUPPORT', () => {
    for (const family of [AF_UNSPEC, AF_PACKET, 99, -1]) {
      set_errno(0);
      expect(zsock_inet_pton(family, '1.2.3.4', new Uint8Array(16))).toBe(-1);
      expect(errno).toBe(EAFNOSUPPORT);
    }
  });

  it('pton: a malformed address returns 0 and leaves errno alone', () => {
    set_errno(0);
    expect(zsock_inet_pton(AF_INET, '1.2.3', new Uint8Array(4))).toBe(0);
    expect(errno).toBe(0);
  });

  it('ntop: an unsupported family gives null with EAFNOSUPPORT', () => {
    set_errno(0);
    const out: StringRef = { value: 'untouched' };
    expect(zsock_inet_ntop(AF_UNSPEC, new Uint8Array(16), out, 64)).toBeNull();
    expect(errno).toBe(EAFNOSUPPORT);
    expect(out.value).toBe('untouched');
  });

  it('ntop: a size too small for the text and its NUL gives null with ENOSPC', () => {
    const longest4 = [255, 255, 255, 255];
    set_errno(0);
    expect(zsock_inet_ntop(AF_INET, Uint8Array.from(longest4), null, 15)).toBeNull();
    expect(errno).toBe(ENOSPC);
    expect(zsock_inet_ntop(AF_INET, Uint8Array.from(longest4), null, 16)).toBe('255.255.255.255');
    const out: StringRef = { value: 'untouched' };
    set_errno(0);
    expect(zsock_inet_ntop(AF_INET6, new Uint8Array(16), out, 2)).toBeNull();
    expect(errno).toBe(ENOSPC);
    expect(out.value).toBe('untouched');
    expect(zsock_inet_ntop(AF_INET6, new Uint8Array(16), out, 3)).toBe('::');
    expect(out.value).toBe('::');
    // The longest IPv6 text fits INET6_ADDRSTRLEN exactly with its NUL.
    const longest6 = pton6('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')!;
    expect(zsock_inet_ntop(AF_INET6, Uint8Array.from(longest6), null, 40)).toHaveLength(39);
    expect(zsock_inet_ntop(AF_INET6, Uint8Array.from(longest6), null, 39)).toBeNull();
    const mapped = pton6('::ffff:255.255.255.255')!;
    expect(zsock_inet_ntop(AF_INET6, Uint8Array.from(mapped), null, INET6_ADDRSTRLEN)).toBe('::ffff:255.255.255.255');
  });

  it('ntop fills the output box and returns the same text', () => {
    const out: StringRef = { value: '' };
    expect(zsock_inet_ntop(AF_INET, Uint8Array.from([192, 0, 2, 1]), out, INET_ADDRSTRLEN)).toBe('192.0.2.1');
    expect(out.value).toBe('192.0.2.1');
  });

  it('throws TypeError for what C would not compile; a short buffer is an errno (ENOSPC, EINVAL)', () => {
    const pton = zsock_inet_pton as unknown as (f: number, s: unknown, d: unknown) => number;
    const ntop = zsock_inet_ntop as unknown as (f: number, s: unknown, d: unknown, n: unknown) => unknown;
    expect(() => pton(AF_INET, 0x01020304, new Uint8Array(4))).toThrow(TypeError);
    // C's NULL compiles: EFAULT, not a throw.
    expect(pton(AF_INET, null, new Uint8Array(4))).toBe(-1);
    expect(errno).toBe(EFAULT);
    expect(pton(AF_INET, '1.2.3.4', null)).toBe(-1);
    expect(errno).toBe(EFAULT);
    expect(ntop(AF_INET, null, null, 16)).toBe(null);
    expect(errno).toBe(EFAULT);
    expect(() => pton(AF_INET, '1.2.3.4', [0, 0, 0, 0])).toThrow(TypeError);
    expect(() => pton(AF_INET, '1.2.3.4', new sockaddr())).toThrow(TypeError);
    const dst = new Uint8Array([9, 9, 9]);
    expect(pton(AF_INET6, '::1', new in_addr())).toBe(-1);
    expect(errno).toBe(ENOSPC);
    expect(pton(AF_INET, '1.2.3.4', dst)).toBe(-1);
    expect(errno).toBe(ENOSPC);
    expect(Array.from(dst)).toEqual([9, 9, 9]);
    expect(() => ntop(AF_INET, 'x', null, 16)).toThrow(TypeError);
    expect(() => ntop(AF_INET, new Uint8Array(4), 'buffer', 16)).toThrow(TypeError);
    expect(() => ntop(AF_INET, new Uint8Array(4), null, '16')).toThrow(TypeError);
    set_errno(0);
    expect(ntop(AF_INET6, new Uint8Array(4), null, 46)).toBe(null);
    expect(errno).toBe(EINVAL);
    expect(ntop(AF_INET, new Uint8Array(3), null, 16)).toBe(null);
    expect(errno).toBe(EINVAL);
  });
});

describe('inet_pton / inet_ntop: properties', () => {
  const bytes16 = fc.uint8Array({ minLength: 16, maxLength: 16 });
  // Addresses with many zero groups, where compression decisions happen.
  const sparse16 = fc
    .array(fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff })), { minLength: 8, maxLength: 8 })
    .map((groups) => Uint8Array.from(groups.flatMap((g) => [g >> 8, g & 0xff])));
  const mapped16 = fc
    .uint8Array({ minLength: 4, maxLength: 4 })
    .map((v4) => Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4]));
  const anyAddress6 = fc.oneof(bytes16, sparse16, mapped16);

  it('IPv4: bytes → ntop → pton gives the bytes back, text matches the obvious form', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4, maxLength: 4 }), (bytes) => {
        const text = ntop4(bytes)!;
        expect(text).toBe(Array.from(bytes).join('.'));
        expect(net.isIPv4(text)).toBe(true);
        expect(pton4(text)).toEqual(Array.from(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('IPv6: bytes → ntop → pton gives the bytes back; the text is canonical RFC 5952', () => {
    fc.assert(
      fc.property(anyAddress6, (bytes) => {
        const text = ntop6(bytes)!;
        expect(text.length).toBeLessThan(INET6_ADDRSTRLEN);
        expect(pton6(text)).toEqual(Array.from(bytes));
        expect(net.isIPv6(text)).toBe(true);
        expect(text).toBe(text.toLowerCase());
        expect(text).not.toMatch(/(^|:)0[0-9a-f]/); // no leading zeros
        expect(text.split('::').length).toBeLessThanOrEqual(2);
        if (isMapped(Array.from(bytes))) {
          expect(text).toBe('::ffff:' + Array.from(bytes.subarray(12)).join('.'));
        } else {
          // WHATWG's serializer follows the same compression rules.
          expect(text).toBe(whatwgCanonical(text));
          expect(text).toBe(whatwgCanonical(Array.from({ length: 8 }, (_, i) => ((bytes[2 * i]! << 8) | bytes[2 * i + 1]!).toString(16)).join(':')));
        }
      }),
      { numRuns: 3000 },
    );
  });

  /** Valid non-canonical spellings of an address: full, upper case, zero-padded, dotted tail. */
  function spellings(bytes: Uint8Array): string[] {
    const groups = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i]! << 8) | bytes[2 * i + 1]!).toString(16));
    const v4 = Array.from(bytes.subarray(12)).join('.');
    const forms = [
      groups.join(':'),
      groups.join(':').toUpperCase(),
      groups.map((g) => g.padStart(4, '0')).join(':'),
      groups.slice(0, 6).join(':') + ':' + v4,
    ];
    // Every "::" that stands for one or more zero groups.
    for (let start = 0; start < 8; start++) {
      for (let end = start + 1; end <= 8 && groups[end - 1] === '0'; end++) {
        const left = groups.slice(0, start).join(':');
        const right = groups.slice(end).join(':');
        forms.push(left + '::' + right);
        if (end <= 6) {
          forms.push(left + '::' + (groups.slice(end, 6).concat([v4]).join(':')));
        }
      }
    }
    return forms;
  }

  it('every valid spelling of an address parses to the same bytes and prints the canonical text', () => {
    fc.assert(
      fc.property(anyAddress6, (bytes) => {
        const canonicalText = ntop6(bytes);
        for (const form of spellings(bytes)) {
          expect({ form, bytes: pton6(form) }).toEqual({ form, bytes: Array.from(bytes) });
          expect(canonical6(form)).toBe(canonicalText);
          expect(net.isIPv6(form)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  /** Accepting pton's text must round-trip: parse, print, parse again gives the same bytes. */
  function checkNeverThrowsAndStable(text: string): void {
    const out6 = new Uint8Array(16);
    const result6 = zsock_inet_pton(AF_INET6, text, out6);
    expect([0, 1]).toContain(result6);
    if (result6 === 1) {
      expect(pton6(ntop6(out6)!)).toEqual(Array.from(out6));
    }
    const out4 = new Uint8Array(4);
    const result4 = zsock_inet_pton(AF_INET, text, out4);
    expect([0, 1]).toContain(result4);
    if (result4 === 1) {
      expect(ntop4(out4)).toBe(text); // with no leading zeros, IPv4 text is already canonical
    }
    // Node agrees on what is an address, except that it accepts IPv6 zone ids.
    expect(result4 === 1).toBe(net.isIPv4(text));
    if (!text.includes('%')) {
      expect({ text, accepted: result6 === 1 }).toEqual({ text, accepted: net.isIPv6(text) });
    }
  }

  it('arbitrary strings never throw, and what parses re-parses identically (Node as oracle)', () => {
    const alphabet = fc.constantFrom(...'0123456789abcdefABCDEF:.:%'.split(''), ' ', 'g', '::', '1.2.3.4', 'ffff');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 50 }),
          fc.string({ unit: 'binary', maxLength: 50 }),
          fc.array(alphabet, { maxLength: 24 }).map((parts) => parts.join('')),
        ),
        checkNeverThrowsAndStable,
      ),
      { numRuns: 5000 },
    );
  });

  it('mutated valid addresses never throw and agree with Node on acceptance', () => {
    const mutation = fc.record({
      at: fc.nat(),
      kind: fc.constantFrom('delete', 'insert', 'replace', 'duplicate'),
      char: fc.constantFrom(...'0123456789abcdefAF:.%g /'.split('')),
    });
    const validText = fc.oneof(
      anyAddress6.chain((bytes) => fc.constantFrom(...spellings(bytes), ntop6(bytes)!)),
      fc.uint8Array({ minLength: 4, maxLength: 4 }).map((bytes) => ntop4(bytes)!),
    );
    fc.assert(
      fc.property(validText, fc.array(mutation, { minLength: 1, maxLength: 3 }), (text, mutations) => {
        let mutated = text;
        for (const { at, kind, char } of mutations) {
          const i = mutated.length === 0 ? 0 : at % (mutated.length + 1);
          if (kind === 'delete') mutated = mutated.slice(0, i) + mutated.slice(i + 1);
          else if (kind === 'insert') mutated = mutated.slice(0, i) + char + mutated.slice(i);
          else if (kind === 'replace') mutated = mutated.slice(0, i) + char + mutated.slice(i + 1);
          else mutated = mutated.slice(0, i) + mutated.slice(i, i + 2) + mutated.slice(i);
        }
        checkNeverThrowsAndStable(mutated);
      }),
      { numRuns: 5000 },
    );
  });
});
