/**
 * Drivers that run the event queue. The async drivers let the host's
 * microtasks settle after every event that may have run outside code, so
 * Promises the core resolves from port events chain on before virtual time
 * moves. They use no Node API: a macrotask comes from setImmediate or
 * setTimeout when the host has one, else from a chain of resolved promises.
 */
import type { VirtualClock } from './clock';

interface HostTimers {
  setImmediate?: (callback: () => void) => unknown;
  setTimeout?: (callback: () => void, ms: number) => unknown;
}

/** Timer functions the real-time driver uses; the host's own by default. */
export interface RealtimeTimers {
  /** Runs `callback` after `ms` wall milliseconds. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Wall-clock milliseconds. */
  now(): number;
}

const PROMISE_TURNS = 64;

/** Resolves after pending microtasks (and those they queue) have run. */
export function yieldToHost(): Promise<void> {
  const host = globalThis as unknown as HostTimers;
  if (typeof host.setImmediate === 'function') {
    const setImmediate = host.setImmediate;
    return new Promise((resolve) => void setImmediate(resolve));
  }
  if (typeof host.setTimeout === 'function') {
    const setTimeout = host.setTimeout;
    return new Promise((resolve) => void setTimeout(resolve, 0));
  }
  return promiseTurns(PROMISE_TURNS);
}

async function promiseTurns(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await Promise.resolve();
}

/** A blocking call still waiting: which descriptor, which call, on which host, since when (virtual ms). */
export interface BlockedCall {
  host: string;
  fd: number;
  call: string;
  since: number;
}

/** A run that stopped with its promise pending; `blocked` names the calls still waiting. */
export class LimitError extends Error {
  constructor(
    message: string,
    readonly blocked: readonly BlockedCall[] = [],
  ) {
    super(blocked.length === 0 ? message : `${message}; blocked: ${blocked.map(describeBlocked).join(', ')}`);
  }
}

export function describeBlocked(call: BlockedCall): string {
  return `${call.call}() on fd ${call.fd} of host ${call.host} since ${call.since} ms`;
}

export class Drivers {
  constructor(
    private readonly clock: VirtualClock,
    /** Most events one driver call may run before it gives up: a guard against runaway simulations. */
    private readonly maxEvents: number,
    /** The blocking calls still waiting on every host, for the error of a run that stops. */
    private readonly blocked: () => Promise<BlockedCall[]> = () => Promise.resolve([]),
  ) {}

  /** Runs synchronously until no event is left or virtual time would pass `ms` more; returns true when idle. */
  runSync(ms = Infinity): boolean {
    const clock = this.clock;
    const limit = clock.now + ms;
    for (let i = 0; i < this.maxEvents; i++) {
      const next = clock.nextTime();
      if (next === Infinity) return true;
      if (next > limit) {
        clock.advanceTo(limit);
        return false;
      }
      clock.runNext();
    }
    throw new LimitError(`runSync: more than ${this.maxEvents} events`);
  }

  /**
   * Runs until no event is left (true) or virtual time would pass `limit`
   * ms from now (false, with time moved to that limit).
   */
  async runUntilIdle(limit = Infinity): Promise<boolean> {
    const clock = this.clock;
    const deadline = clock.now + limit;
    await yieldToHost();
    for (let i = 0; i < this.maxEvents; i++) {
      let next = clock.nextTime();
      if (next === Infinity) {
        await yieldToHost();
        next = clock.nextTime();
        if (next === Infinity) return true;
      }
      if (next > deadline) {
        clock.advanceTo(deadline);
        await yieldToHost();
        return false;
      }
      const event = clock.runNext();
      if (event && event.external) await yieldToHost();
    }
    throw new LimitError(`runUntilIdle: more than ${this.maxEvents} events`);
  }

  /** Runs every event due in the next `ms` of virtual time, then sets the clock to now + ms. */
  async advance(ms: number): Promise<void> {
    const clock = this.clock;
    const target = clock.now + Math.max(ms, 0);
    await yieldToHost();
    for (let i = 0; i < this.maxEvents; i++) {
      if (clock.nextTime() > target) {
        clock.advanceTo(target);
        await yieldToHost();
        // Microtasks may have scheduled more work due now.
        if (clock.nextTime() > target) return;
        continue;
      }
      const event = clock.runNext();
      if (event && event.external) await yieldToHost();
    }
    throw new LimitError(`advance: more than ${this.maxEvents} events`);
  }

  /**
   * Runs until `promise` settles and returns its value (or throws its
   * reason). Throws when `timeout` ms of virtual time pass first, or when
   * the network goes idle with the promise unsettled.
   */
  async runUntil<T>(promise: Promise<T>, timeout = Infinity): Promise<T> {
    const clock = this.clock;
    const deadline = clock.now + timeout;
    let settled = false;
    let failed = false;
    let value: T | undefined;
    let reason: unknown;
    promise.then(
      (v) => {
        settled = true;
        value = v;
      },
      (e: unknown) => {
        settled = failed = true;
        reason = e;
      },
    );
    await yieldToHost();
    for (let i = 0; i < this.maxEvents; i++) {
      if (settled) {
        if (failed) throw reason;
        return value as T;
      }
      let next = clock.nextTime();
      if (next === Infinity) {
        await yieldToHost();
        if (settled) continue;
        next = clock.nextTime();
        if (next === Infinity) throw new LimitError('runUntil: the network went idle and the promise is still pending', await this.blocked());
      }
      if (next > deadline) {
        clock.advanceTo(deadline);
        await yieldToHost();
        if (settled) continue;
        throw new LimitError(`runUntil: still pending after ${timeout} ms of virtual time`, await this.blocked());
      }
      const event = clock.runNext();
      if (event && event.external) await yieldToHost();
    }
    throw new LimitError(`runUntil: more than ${this.maxEvents} events`, await this.blocked());
  }

  /**
   * Paces the simulation against the wall clock (`speed` virtual ms per wall
   * ms) until stop() or until `duration` ms of virtual time have passed.
   */
  realtime(options: { speed?: number; duration?: number; timers?: RealtimeTimers } = {}): { stop(): void; done: Promise<void> } {
    const timers = options.timers || defaultTimers();
    const speed = options.speed && options.speed > 0 ? options.speed : 1;
    const clock = this.clock;
    const end = clock.now + (options.duration === undefined ? Infinity : options.duration);
    const state = { stopped: false };
    const sleep = (ms: number): Promise<void> => new Promise((resolve) => void timers.setTimeout(resolve, ms));
    const run = async (): Promise<void> => {
      const startWall = timers.now();
      const startVirtual = clock.now;
      for (let i = 0; i < this.maxEvents && !state.stopped; i++) {
        const target = Math.min(startVirtual + (timers.now() - startWall) * speed, end);
        const next = clock.nextTime();
        if (next <= target) {
          const event = clock.runNext();
          if (event && event.external) await yieldToHost();
          continue;
        }
        clock.advanceTo(target);
        if (target >= end) return;
        const wait = next === Infinity ? 20 : Math.min(20, (next - target) / speed);
        await sleep(Math.max(wait, 0));
      }
    };
    return {
      stop: () => {
        state.stopped = true;
      },
      done: run(),
    };
  }
}

function defaultTimers(): RealtimeTimers {
  const host = globalThis as unknown as HostTimers;
  const setTimeout = host.setTimeout;
  if (typeof setTimeout !== 'function') throw new TypeError('realtime: no setTimeout on this host; pass options.timers');
  return { setTimeout: (callback, ms) => setTimeout(callback, ms), now: () => Date.now() };
}
