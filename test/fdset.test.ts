import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZSOCK_FD_SETSIZE } from '../lib/constants';
import { ZSOCK_FD_CLR, ZSOCK_FD_ISSET, ZSOCK_FD_SET, ZSOCK_FD_ZERO, zsock_fd_set } from '../lib/fdset';

function members(set: zsock_fd_set): number[] {
  const found: number[] = [];
  for (let fd = 0; fd < ZSOCK_FD_SETSIZE; fd++) {
    if (ZSOCK_FD_ISSET(fd, set)) found.push(fd);
  }
  return found;
}

describe('zsock_fd_set', () => {
  it('is ZSOCK_FD_SETSIZE bits in 32-bit words, empty when created', () => {
    const set = new zsock_fd_set();
    expect(set.bitset).toBeInstanceOf(Uint32Array);
    expect(set.bitset.length * 32).toBe(ZSOCK_FD_SETSIZE);
    expect(members(set)).toEqual([]);
  });

  it('SET, ISSET, CLR and ZERO, with descriptor n at bit n % 32 of word n / 32', () => {
    const set = new zsock_fd_set();
    ZSOCK_FD_SET(0, set);
    ZSOCK_FD_SET(31, set);
    ZSOCK_FD_SET(32, set);
    ZSOCK_FD_SET(ZSOCK_FD_SETSIZE - 1, set);
    expect(members(set)).toEqual([0, 31, 32, ZSOCK_FD_SETSIZE - 1]);
    expect(set.bitset[0]).toBe(0x80000001);
    expect(set.bitset[1]! & 1).toBe(1);
    expect(ZSOCK_FD_ISSET(31, set)).toBe(1);
    expect(ZSOCK_FD_ISSET(30, set)).toBe(0);
    ZSOCK_FD_SET(31, set); // setting twice changes nothing
    ZSOCK_FD_CLR(31, set);
    ZSOCK_FD_CLR(5, set); // clearing a non-member changes nothing
    expect(members(set)).toEqual([0, 32, ZSOCK_FD_SETSIZE - 1]);
    ZSOCK_FD_ZERO(set);
    expect(members(set)).toEqual([]);
    expect(Array.from(set.bitset).every((word) => word === 0)).toBe(true);
  });

  it('ignores descriptors outside 0..ZSOCK_FD_SETSIZE-1, as Zephyr does', () => {
    const set = new zsock_fd_set();
    for (const fd of [-1, -32, ZSOCK_FD_SETSIZE, ZSOCK_FD_SETSIZE + 1, 1e9, 2 ** 32, 1.5, NaN, Infinity]) {
      ZSOCK_FD_SET(fd, set);
      expect(ZSOCK_FD_ISSET(fd, set)).toBe(0);
    }
    expect(Array.from(set.bitset).every((word) => word === 0)).toBe(true);
    ZSOCK_FD_SET(0, set);
    ZSOCK_FD_CLR(-32, set);
    ZSOCK_FD_CLR(ZSOCK_FD_SETSIZE, set); // would alias fd 0 if the index wrapped
    expect(members(set)).toEqual([0]);
    expect(ZSOCK_FD_ISSET(ZSOCK_FD_SETSIZE, set)).toBe(0);
  });

  it('behaves as a set of numbers (model check)', () => {
    const op = fc.record({
      kind: fc.constantFrom('set', 'clr', 'zero'),
      fd: fc.integer({ min: -4, max: ZSOCK_FD_SETSIZE + 4 }),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const set = new zsock_fd_set();
        const model = new Set<number>();
        for (const { kind, fd } of ops) {
          if (kind === 'zero') {
            ZSOCK_FD_ZERO(set);
            model.clear();
          } else if (kind === 'set') {
            ZSOCK_FD_SET(fd, set);
            if (fd >= 0 && fd < ZSOCK_FD_SETSIZE) model.add(fd);
          } else {
            ZSOCK_FD_CLR(fd, set);
            model.delete(fd);
          }
        }
        expect(members(set)).toEqual([...model].sort((a, b) => a - b));
      }),
    );
  });
});
