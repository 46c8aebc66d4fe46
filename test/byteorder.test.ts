import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htonl, htons, ntohl, ntohs } from '../lib/byteorder';
import { AF_INET, AF_INET6, INADDR_ANY, INADDR_BROADCAST, INADDR_LOOPBACK } from '../lib/constants';
import { in_addr, sockaddr, SOCKADDR_IN6_SIZE, SOCKADDR_IN_SIZE, SOCKADDR_SIZE } from '../lib/sockaddr';

describe('byte order (little-endian device)', () => {
  it('swaps as C does on an ESP32', () => {
    expect(htons(0x1234)).toBe(0x3412);
    expect(ntohs(0x3412)).toBe(0x1234);
    expect(htons(80)).toBe(0x5000);
    expect(htonl(0x12345678)).toBe(0x78563412);
    expect(ntohl(0x78563412)).toBe(0x12345678);
    expect(htonl(0x7f000001)).toBe(0x0100007f);
    expect(htonl(0xff000000)).toBe(0x000000ff);
    expect(htonl(0x000000ff)).toBe(0xff000000); // unsigned, not -16777216
    expect(htonl(INADDR_BROADCAST)).toBe(0xffffffff);
  });

  it('round-trips and stays within the type, for every u16 and random u32', () => {
    for (let value = 0; value <= 0xffff; value++) {
      const swapped = htons(value);
      expect(swapped >= 0 && swapped <= 0xffff).toBe(true);
      if (ntohs(swapped) !== value) expect(ntohs(swapped)).toBe(value);
    }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (value) => {
        const swapped = htonl(value);
        expect(swapped).toBeGreaterThanOrEqual(0);
        expect(swapped).toBeLessThanOrEqual(0xffffffff);
        expect(ntohl(swapped)).toBe(value);
        // Swapping reverses the four bytes.
        const bytes = [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
        expect(swapped).toBe(((bytes[3]! << 24) | (bytes[2]! << 16) | (bytes[1]! << 8) | bytes[0]!) >>> 0);
      }),
    );
  });
});

describe('sockaddr layout', () => {
  it('has Zephyr sizes', () => {
    expect(SOCKADDR_IN_SIZE).toBe(8);
    expect(SOCKADDR_IN6_SIZE).toBe(24);
    expect(SOCKADDR_SIZE).toBe(24);
    expect(new sockaddr().bytes.length).toBe(24);
  });

  it('sin_family and sin_port = htons(port) put the port in network order at bytes 2..3', () => {
    const address = new sockaddr();
    address.sin_family = AF_INET;
    address.sin_port = htons(4242); // 0x1092
    expect(Array.from(address.bytes.subarray(0, 4))).toEqual([AF_INET, 0, 0x10, 0x92]);
    expect(ntohs(address.sin_port)).toBe(4242);
    expect(address.sin6_port).toBe(address.sin_port);
    address.sin6_family = AF_INET6;
    expect(address.sa_family).toBe(AF_INET6);
    expect(address.ss_family).toBe(AF_INET6);
  });

  it('s_addr = htonl(INADDR_LOOPBACK) gives the bytes 127.0.0.1', () => {
    const address = new sockaddr();
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    expect(Array.from(address.bytes.subarray(4, 8))).toEqual([127, 0, 0, 1]);
    expect(ntohl(address.sin_addr.s_addr)).toBe(INADDR_LOOPBACK);
    address.sin_addr.s_addr = htonl(INADDR_ANY);
    expect(Array.from(address.bytes.subarray(4, 8))).toEqual([0, 0, 0, 0]);
    const plain = new in_addr();
    plain.s_addr = htonl(0xc0000201);
    expect(Array.from(plain.s4_addr)).toEqual([192, 0, 2, 1]);
  });

  it('sin_addr and sin6_addr alias the same memory', () => {
    const address = new sockaddr();
    address.sin6_addr.s6_addr.set([0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(Array.from(address.sin_addr.s4_addr)).toEqual([0xfe, 0x80, 0, 0]);
    address.sin_addr.s4_addr[0] = 10;
    expect(address.sin6_addr.s6_addr[0]).toBe(10);
    expect(address.bytes[4]).toBe(10);
    expect(address.bytes[19]).toBe(1);
    address.sin6_scope_id = 3;
    expect(address.bytes[20]).toBe(3);
    expect(address.sin6_addr.s6_addr[15]).toBe(1); // scope id is after the address
  });
});
