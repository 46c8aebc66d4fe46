/** Test helpers for driving the Node port with hand-written events objects. */
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { Endpoint, ListenerEvents, TcpEvents, UdpEvents } from '../../lib/port';

export const AF_INET = 1;
export const AF_INET6 = 2;
export const LOOPBACK4 = new Uint8Array([127, 0, 0, 1]);
export const LOOPBACK6 = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);

export function v4(port: number, addr: Uint8Array = LOOPBACK4): Endpoint {
  return { family: AF_INET, addr, port };
}
export function v6(port: number, addr: Uint8Array = LOOPBACK6): Endpoint {
  return { family: AF_INET6, addr, port };
}

/** Depth of port calls in progress: an event seen while it is above 0 fired synchronously. */
let portCallDepth = 0;

/** Wraps a port object so every method call is tracked for synchronous-event checks. */
export function tracked<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, key) {
      const value: unknown = Reflect.get(object, key, object);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        portCallDepth++;
        try {
          return (value as (...a: unknown[]) => unknown).apply(object, args);
        } finally {
          portCallDepth--;
        }
      };
    },
  });
}

type EventName = 'connected' | 'readable' | 'writable' | 'error' | 'acceptable';

/** Records every event, whether any fired synchronously, and wakes waiters. */
export class Recorder implements TcpEvents, ListenerEvents, UdpEvents {
  readonly log: EventName[] = [];
  readonly errors: number[] = [];
  syncEvents = 0;
  private waiters: Array<() => void> = [];

  count(name: EventName): number {
    return this.log.filter((entry) => entry === name).length;
  }

  connected(): void {
    this.note('connected');
  }
  readable(): void {
    this.note('readable');
  }
  writable(): void {
    this.note('writable');
  }
  acceptable(): void {
    this.note('acceptable');
  }
  error(errno: number): void {
    this.errors.push(errno);
    this.note('error');
  }

  /** Resolves once `condition` holds, re-checking after each event. The test timeout bounds it. */
  until(condition: () => boolean): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = (): void => {
        if (condition()) resolve();
        else this.waiters.push(check);
      };
      this.waiters.push(check);
    });
  }

  private note(name: EventName): void {
    if (portCallDepth > 0) this.syncEvents++;
    this.log.push(name);
    const waiting = this.waiters;
    this.waiters = [];
    for (const check of waiting) check();
  }
}

/** Turns of the event loop (each includes an I/O poll phase). */
export async function turns(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Polls `condition` once per event-loop turn, at most `limit` turns; returns whether it came true. */
export async function pollUntil(condition: () => boolean, limit = 10_000): Promise<boolean> {
  for (let i = 0; i < limit; i++) {
    if (condition()) return true;
    await turns(1);
  }
  return condition();
}

/** A Node TCP server on loopback; resolves once listening. */
export async function nodeServer(
  onConnection: (socket: Socket) => void,
  host = '127.0.0.1',
  pauseOnConnect = false,
): Promise<{ server: Server; port: number }> {
  const server = createServer({ allowHalfOpen: true, pauseOnConnect }, onConnection);
  server.listen(0, host);
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port };
}

export async function closeServer(server: Server): Promise<void> {
  if (!server.listening) return;
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** A port number nothing listens on right now (bound, then released). */
export async function closedPort(host = '127.0.0.1'): Promise<number> {
  const { server, port } = await nodeServer(() => {}, host);
  await closeServer(server);
  return port;
}

/** Deterministic bytes for content checks. */
export function pattern(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.length), Buffer.from(b.buffer, b.byteOffset, b.length)) === 0;
}
