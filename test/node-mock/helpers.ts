/** Shared helpers for the mock network's tests: event recorders and connection plumbing. */
import type { Endpoint, TcpConnection, TcpEvents, TcpListener, UdpEvents, UdpSocket } from '../../lib/port';
import { AF_INET, AF_INET6, address, createMockNetwork, type Host, type MockNetwork, type NetworkOptions } from '../../ports/node-mock';

export function ep(text: string, port: number): Endpoint {
  const addr = address(text);
  return { family: addr.length === 4 ? AF_INET : AF_INET6, addr, port };
}

export const ANY4 = (port: number): Endpoint => ({ family: AF_INET, addr: new Uint8Array(4), port });
export const ANY6 = (port: number): Endpoint => ({ family: AF_INET6, addr: new Uint8Array(16), port });

/** Records TCP events with the virtual time each fired. */
export class TcpRecorder implements TcpEvents {
  readonly log: string[] = [];
  errno = 0;
  connectedAt = -1;
  errorAt = -1;
  onReadable: (() => void) | null = null;
  onWritable: (() => void) | null = null;
  constructor(private readonly net: MockNetwork) {}
  connected(): void {
    this.connectedAt = this.net.now;
    this.log.push('connected');
  }
  readable(): void {
    this.log.push('readable');
    if (this.onReadable) this.onReadable();
  }
  writable(): void {
    this.log.push('writable');
    if (this.onWritable) this.onWritable();
  }
  error(errno: number): void {
    this.errno = errno;
    this.errorAt = this.net.now;
    this.log.push(`error ${errno}`);
  }
}

export class UdpRecorder implements UdpEvents {
  readonly log: string[] = [];
  errno = 0;
  readable(): void {
    this.log.push('readable');
  }
  writable(): void {
    this.log.push('writable');
  }
  error(errno: number): void {
    this.errno = errno;
    this.log.push(`error ${errno}`);
  }
}

/** Two hosts on one link: the device under test and a server. */
export function twoHosts(options: NetworkOptions = {}, link: Parameters<MockNetwork['link']>[2] = {}) {
  const net = createMockNetwork({ seed: 42, ...options });
  const device = net.host('device', { ipv4: '10.0.0.2', ipv6: 'fd00::2' });
  const server = net.host('server', { ipv4: '10.0.0.1', ipv6: 'fd00::1' });
  const wire = net.link(device, server, link);
  return { net, device, server, wire, port: net.port(device), serverPort: net.port(server) };
}

export function open<T>(result: T | number): T {
  if (typeof result === 'number') throw new Error(`open failed with errno ${result}`);
  return result;
}

/** Reads everything available now. */
export function drain(connection: TcpConnection, limit = 1 << 24): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  const buffer = new Uint8Array(65536);
  for (let i = 0; i < 4096 && total < limit; i++) {
    const n = connection.read(buffer.subarray(0, Math.min(buffer.length, limit - total)));
    if (n === 0) break;
    parts.push(buffer.slice(0, n));
    total += n;
  }
  return concat(parts);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function pattern(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export const text = (s: string): Uint8Array => new Uint8Array(Array.from(s, (c) => c.charCodeAt(0)));
export const str = (b: Uint8Array): string => String.fromCharCode(...b);

/** A server listener on `host` that accepts into recorders and collects every byte received per connection. */
export function collectingServer(net: MockNetwork, host: Host, port: number, backlog = 4, family = AF_INET) {
  const accepted: { connection: TcpConnection; events: TcpRecorder; received: Uint8Array[] }[] = [];
  let listener: TcpListener | null = null;
  const acceptAll = (): void => {
    for (let i = 0; i < 64 && listener && listener.pending() > 0; i++) {
      const events = new TcpRecorder(net);
      const entry = { connection: null as unknown as TcpConnection, events, received: [] as Uint8Array[] };
      events.onReadable = () => {
        const data = drain(entry.connection);
        if (data.length) entry.received.push(data);
      };
      entry.connection = listener.accept(events)!;
      accepted.push(entry);
    }
  };
  listener = open(
    net.port(host).tcpListen(family === AF_INET ? ANY4(port) : ANY6(port), backlog, {
      acceptable: acceptAll,
      error() {},
    }),
  );
  return { listener, accepted, acceptAll };
}

/** Writes all of `data` through `connection` as room allows, resuming on writable; calls `done` after the last byte. */
export function writeAll(connection: TcpConnection, events: TcpRecorder, data: Uint8Array, done?: () => void): { sent: () => number } {
  let sent = 0;
  const pump = (): void => {
    for (let i = 0; i < 1 << 20 && sent < data.length; i++) {
      const n = connection.write(data.subarray(sent));
      if (n === 0) return;
      sent += n;
    }
    if (sent === data.length && done) {
      const d = done;
      done = undefined;
      d();
    }
  };
  events.onWritable = pump;
  pump();
  return { sent: () => sent };
}

export type { Host, MockNetwork, TcpConnection, UdpSocket };
