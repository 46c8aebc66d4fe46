/** Zephyr's kernel helpers on the port's clock: virtual time on the simulated network. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  K_FOREVER,
  K_MSEC,
  K_NO_WAIT,
  K_SECONDS,
  K_USEC,
  errno,
  set_errno,
  k_msleep,
  k_sleep,
  k_uptime_get,
  k_uptime_get_32,
  k_usleep,
  sys_rand32_get,
} from '../lib/index';
import { open_mock, type MockSession } from './conformance/mock-target';

let s: MockSession;
beforeEach(() => {
  s = open_mock(7);
});
afterEach(async () => {
  await s.close();
});

describe('k_sleep, k_msleep, k_usleep', () => {
  it('k_sleep(K_SECONDS(5)) resolves with 0 after exactly 5 s of virtual time', async () => {
    const start = s.net.now;
    expect(await s.run(k_sleep(K_SECONDS(5)))).toBe(0);
    expect(s.net.now - start).toBe(5000);
    expect(await s.run(k_sleep(K_MSEC(250)))).toBe(0);
    expect(s.net.now - start).toBe(5250);
  });

  it('k_msleep and k_usleep wait their time; microseconds round up to the clock millisecond', async () => {
    let start = s.net.now;
    expect(await s.run(k_msleep(30))).toBe(0);
    expect(s.net.now - start).toBe(30);
    start = s.net.now;
    expect(await s.run(k_usleep(1500))).toBe(0);
    expect(s.net.now - start).toBe(2);
    start = s.net.now;
    expect(await s.run(k_sleep(K_USEC(1)))).toBe(0);
    expect(s.net.now - start).toBe(1);
  });

  it('K_NO_WAIT and negative times do not wait but still yield to a later turn', async () => {
    const start = s.net.now;
    let after = false;
    const p = k_sleep(K_NO_WAIT).then((r) => {
      after = true;
      return r;
    });
    await Promise.resolve();
    expect(after).toBe(false);
    expect(await s.run(p)).toBe(0);
    expect(await s.run(k_msleep(-1))).toBe(0);
    expect(s.net.now).toBe(start);
  });

  it('K_FOREVER never settles; sleepers wake in the order of their deadlines', async () => {
    const order: number[] = [];
    let forever = false;
    void k_sleep(K_FOREVER).then(() => (forever = true));
    const a = k_msleep(300).then(() => order.push(300));
    const b = k_msleep(100).then(() => order.push(100));
    const c = k_msleep(200).then(() => order.push(200));
    await s.run(Promise.all([a, b, c]));
    expect(order).toEqual([100, 200, 300]);
    await s.sleep(60_000);
    expect(forever).toBe(false);
  });

  it('a non-number is a TypeError; errno is never touched', () => {
    set_errno(0);
    expect(() => k_msleep('5' as unknown as number)).toThrow(TypeError);
    expect(() => k_sleep(undefined as unknown as number)).toThrow(TypeError);
    expect(errno).toBe(0);
  });
});

describe('k_uptime_get, k_uptime_get_32, sys_rand32_get', () => {
  it('uptime follows the virtual clock in whole milliseconds', async () => {
    const t0 = k_uptime_get();
    await s.sleep(1234.5);
    expect(k_uptime_get() - t0).toBe(1234);
    expect(k_uptime_get_32()).toBe(k_uptime_get());
  });

  it('k_uptime_get_32 wraps after 2^32 ms', async () => {
    await s.sleep(2 ** 32 + 10);
    expect(k_uptime_get()).toBeGreaterThan(2 ** 32);
    expect(k_uptime_get_32()).toBe(k_uptime_get() - 2 ** 32);
  });

  it('sys_rand32_get gives unsigned 32-bit numbers, the same ones for the same seed', () => {
    const first: number[] = [];
    for (let i = 0; i < 64; i++) first.push(sys_rand32_get());
    for (const n of first) {
      expect(Number.isInteger(n)).toBe(true);
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThan(2 ** 32);
    }
    expect(new Set(first).size).toBeGreaterThan(60);
    expect(first.some((n) => n >= 2 ** 31)).toBe(true);
    // A fresh network with the same seed gives the same numbers; another seed others.
    open_mock(7);
    const second: number[] = [];
    for (let i = 0; i < 64; i++) second.push(sys_rand32_get());
    expect(second).toEqual(first);
    open_mock(8);
    expect(sys_rand32_get()).not.toBe(first[0]);
  });
});
