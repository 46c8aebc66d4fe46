/** What the reliability suites share: a seeded random source, call accounting, the printed figures. */

import { appendFileSync } from 'node:fs';

/** mulberry32: small, seeded, good enough to pick sizes and flags. */
export function rng(seed: number): { next(): number; int(lo: number, hi: number): number; pick<T>(items: readonly T[]): T; chance(p: number): boolean } {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

/** Counts the blocking calls a scenario issues and settles: every one must settle exactly once. */
export class Calls {
  issued = 0;
  settled = 0;
  track(promise: Promise<number>): Promise<number> {
    this.issued++;
    let done = false;
    return promise.then((value) => {
      if (done) throw new Error('a call settled twice');
      done = true;
      this.settled++;
      if (typeof value !== 'number' || value !== Math.floor(value) || value < -1) throw new Error('a call answered ' + String(value));
      return value;
    });
  }
}

/**
 * Prints one figure line of the reliability suite (the README quotes them),
 * and appends it to $RELIABILITY_REPORT when that names a file.
 */
export function figure(line: string): void {
  const text = '[reliability] ' + line;
  console.log(text);
  const file = process.env['RELIABILITY_REPORT'];
  if (file) appendFileSync(file, text + '\n');
}

/** Equal bytes, or the first index where they differ. */
export function first_difference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}
