/** The Node port's timers: delays beyond Node's 2^31-1 ms limit wait in long steps, not 1 ms wake-ups. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNodePort } from '../../ports/node/index';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('node port timers', () => {
  it('a timer of 2^31 ms and more schedules at most 2^31-1 ms at a time and does not wake every millisecond', async () => {
    const port = createNodePort();
    const spy = vi.spyOn(globalThis, 'setTimeout');
    let fired = false;
    const timer = port.setTimer(2 ** 31 + 5000, () => {
      fired = true;
    });
    await new Promise((r) => setImmediate(r));
    const before = spy.mock.calls.length;
    await new Promise((r) => setTimeout(r, 30));
    port.clearTimer(timer);
    const ours = spy.mock.calls.filter((c) => c[1] !== 30);
    expect(ours.length).toBeGreaterThanOrEqual(1);
    for (const c of ours) expect(c[1]).toBeLessThanOrEqual(0x7fffffff);
    // Only our own 30 ms wait was added while waiting: no re-arming every millisecond.
    expect(spy.mock.calls.length - before).toBe(1);
    expect(fired).toBe(false);
  });

  it('an ordinary timer still fires, never early', async () => {
    const port = createNodePort();
    const start = performance.now();
    const at = await new Promise<number>((resolve) => port.setTimer(20, () => resolve(performance.now())));
    expect(at - start).toBeGreaterThanOrEqual(20);
  });
});
