import { describe, expect, it } from 'vitest';
import { AF_INET, AF_INET6, createMockNetwork, LimitError } from '../../ports/node-mock';
import { SeededRandom } from '../../ports/node-mock/random';
import { VirtualClock } from '../../ports/node-mock/clock';

describe('virtual clock', () => {
  it('runs events by time, and same-time events in scheduling order', () => {
    const clock = new VirtualClock();
    const order: string[] = [];
    clock.callback(5, () => order.push('b'));
    clock.callback(1, () => order.push('a'));
    for (let i = 0; i < 20; i++) clock.callback(5, () => order.push(`c${i}`));
    const cancelled = clock.callback(3, () => order.push('never'));
    clock.cancel(cancelled);
    for (let i = 0; i < 100 && clock.runNext(); i++);
    expect(order).toEqual(['a', 'b', ...Array.from({ length: 20 }, (_, i) => `c${i}`)]);
    expect(clock.now).toBe(5);
  });
});

describe('seeded random', () => {
  it('repeats for a seed and differs across seeds', () => {
    const a = new SeededRandom(1);
    const b = new SeededRandom(1);
    const c = new SeededRandom(2);
    const seqA = Array.from({ length: 8 }, () => a.next32());
    expect(Array.from({ length: 8 }, () => b.next32())).toEqual(seqA);
    expect(Array.from({ length: 8 }, () => c.next32())).not.toEqual(seqA);
    for (const v of seqA) expect(v).toBeGreaterThanOrEqual(0);
  });
});

describe('the Port of a host', () => {
  const net = createMockNetwork({ seed: 11 });
  const host = net.host('dev', { ipv4: ['10.0.0.2', '10.0.1.2'], ipv6: 'fd00::2' });
  const port = net.port(host);

  it('declares its capabilities', () => {
    expect(port.name).toBe('node-mock');
    expect(port.capabilities).toMatchObject({ ipv6: true, halfClose: true, bindBeforeConnect: true, listenAddress: true, resetDistinct: true, multicast: true, broadcast: true, resolver: false });
    expect(port.capabilities.options).toContain('keepalive');
    expect(net.port(host)).toBe(port);
  });

  it('lists its addresses with loopback last', () => {
    expect(port.localAddresses(AF_INET).map((a) => Array.from(a).join('.'))).toEqual(['10.0.0.2', '10.0.1.2', '127.0.0.1']);
    expect(port.localAddresses(AF_INET6)).toHaveLength(2);
  });

  it('timers run in virtual time; clearTimer cancels', () => {
    const fired: number[] = [];
    const start = port.now();
    port.setTimer(30_000, () => fired.push(port.now() - start));
    const t = port.setTimer(10, () => fired.push(-1));
    port.clearTimer(t);
    net.runSync();
    expect(fired).toEqual([30_000]);
  });

  it('random32 is seeded', () => {
    const a = createMockNetwork({ seed: 5 });
    const b = createMockNetwork({ seed: 5 });
    const pa = a.port(a.host('x'));
    const pb = b.port(b.host('x'));
    expect([pa.random32(), pa.random32()]).toEqual([pb.random32(), pb.random32()]);
  });
});

describe('async drivers', () => {
  it('defer runs after pending microtasks', async () => {
    const net = createMockNetwork();
    const port = net.port(net.host('a'));
    const order: string[] = [];
    port.defer(() => order.push('deferred'));
    void Promise.resolve().then(() => order.push('microtask'));
    await net.runUntilIdle();
    expect(order).toEqual(['microtask', 'deferred']);
  });

  it('lets promise chains settle between events at the same instant', async () => {
    const net = createMockNetwork();
    const port = net.port(net.host('a'));
    const order: string[] = [];
    const sleep = (ms: number): Promise<void> => new Promise((r) => port.setTimer(ms, r));
    const task = async (): Promise<number> => {
      await sleep(100);
      order.push('woke');
      await null;
      await null;
      order.push('chained');
      port.defer(() => order.push('deferred'));
      await sleep(0);
      return port.now();
    };
    const running = task();
    port.setTimer(100, () => order.push('timer at 100'));
    expect(await net.runUntil(running)).toBe(100);
    expect(order).toEqual(['woke', 'chained', 'timer at 100', 'deferred']);
  });

  it('runUntil throws when virtual time passes the timeout, and when the network goes idle', async () => {
    const net = createMockNetwork();
    const port = net.port(net.host('a'));
    const late = new Promise<void>((r) => port.setTimer(30_000, r));
    await expect(net.runUntil(late, { timeout: 1000 })).rejects.toBeInstanceOf(LimitError);
    expect(net.now).toBe(1000);
    await expect(net.runUntil(new Promise<void>(() => {}))).rejects.toThrow(/idle/);
    expect(await net.runUntil(late)).toBeUndefined();
    expect(net.now).toBe(30_000);
  });

  it('advance runs what is due and stops the clock at the target', async () => {
    const net = createMockNetwork();
    const port = net.port(net.host('a'));
    const fired: number[] = [];
    port.setTimer(50, () => fired.push(50));
    port.setTimer(150, () => fired.push(150));
    await net.advance(100);
    expect(fired).toEqual([50]);
    expect(net.now).toBe(100);
    expect(await net.runUntilIdle({ limit: 10 })).toBe(false);
    expect(net.now).toBe(110);
    expect(await net.runUntilIdle()).toBe(true);
    expect(fired).toEqual([50, 150]);
  });

  it('the real-time driver paces virtual time with injected timers', async () => {
    const net = createMockNetwork();
    const port = net.port(net.host('a'));
    let wall = 0;
    const pending: (() => void)[] = [];
    const timers = {
      now: () => wall,
      setTimeout: (callback: () => void, ms: number) => {
        pending.push(() => {
          wall += ms;
          callback();
        });
      },
    };
    const fired: number[] = [];
    port.setTimer(100, () => fired.push(port.now()));
    const run = net.realtime({ speed: 2, duration: 400, timers });
    let finished = false;
    void run.done.then(() => (finished = true));
    for (let i = 0; i < 1000 && !finished; i++) {
      const next = pending.shift();
      if (next) next();
      await new Promise((r) => setImmediate(r));
    }
    expect(finished).toBe(true);
    // 400 virtual ms at speed 2 need at least 200 ms of the (fake) wall clock.
    expect(wall).toBeGreaterThanOrEqual(200);
    expect(wall).toBeLessThan(260);
    expect(fired).toEqual([100]);
    expect(net.now).toBe(400);
  });

  it('runSync guards against runaway simulations', () => {
    const net = createMockNetwork({ maxEvents: 1000 });
    const port = net.port(net.host('a'));
    const tick = (): void => void port.setTimer(1, tick);
    tick();
    expect(() => net.runSync()).toThrow(LimitError);
  });
});
