/**
 * zsockjs/ports/moddable: the port for the Moddable SDK on the ECMA-419
 * socket classes (`embedded:io/socket/tcp`, `udp`, `listener`), Moddable's
 * timer module, the tick clock and the net module's resolver.
 *
 * `createModdablePort(host)` takes those from the caller (./device.ts gives
 * the device's), so the same port runs over an emulation in tests. IPv4 only;
 * what ECMA-419 cannot do is declared in the capabilities (README table).
 *
 * @module
 */
import { EAFNOSUPPORT } from '../../lib/errno';
import type { Endpoint, Port, PortCapabilities, PortOption, TimerId } from '../../lib/port';
import { ipv4Bytes, AF_INET } from './address';
import type { ModdableContext } from './context';
import type { ModdableHost } from './host';
import { tcpListen } from './listener';
import { NetResolver } from './resolver';
import { ModdableTcpConnection } from './tcp';
import { udpOpen } from './udp';

export type { ModdableHost, TcpClass, ListenerClass, UdpClass, TimerModule, NetModule, TcpSocket, TcpClassOptions, ListenerSocket, UdpSocketInstance, Datagram, IoBuffer } from './host';
export { ModdableTcpConnection } from './tcp';
export { ModdableTcpListener } from './listener';
export { ModdableUdpSocket } from './udp';
export { NetResolver } from './resolver';

/** Settings of createModdablePort. */
export interface ModdablePortOptions {
  /** Bytes a TCP connection may hold back from its class between ticks. Default 1536 (the Linux class's buffer). */
  tcpSpill?: number;
}

const DNS_PORT = 53;
// Frozen: a preloaded table costs no RAM pointer.
const OPTIONS: readonly PortOption[] = Object.freeze(['nodelay'] as PortOption[]);

/** The capabilities on `host`: multicast where the UDP class has add/remove. */
export function moddableCapabilities(host: ModdableHost): PortCapabilities {
  const proto = host.UDP.prototype;
  return {
    ipv6: false,
    halfClose: false,
    bindBeforeConnect: false,
    listenAddress: false,
    resetDistinct: false,
    multicast: typeof proto.add === 'function' && typeof proto.remove === 'function',
    broadcast: false,
    options: OPTIONS,
    resolver: !!host.Net,
  };
}

/**
 * Runs callbacks one per turn, each after the promise jobs of the one before.
 * Moddable runs every due timer in one pass and promise jobs only after it,
 * so two immediate timers would run back to back: the errno rule needs the
 * code awaiting one failure to run before the next is delivered. The next
 * timer is therefore set from a promise job, which runs after the jobs the
 * last callback queued.
 */
function deferral(Timer: ModdableHost['Timer']): (callback: () => void) => void {
  const queue: (() => void)[] = [];
  let scheduled = false;
  const arm = (): void => {
    Timer.set(run, 0);
  };
  const run = (): void => {
    const next = queue.shift();
    try {
      if (next) next();
    } finally {
      if (queue.length > 0) void Promise.resolve().then(arm);
      else scheduled = false;
    }
  };
  return (callback: () => void): void => {
    queue.push(callback);
    if (scheduled) return;
    scheduled = true;
    void Promise.resolve().then(arm);
  };
}

/** The moddable port on `host`'s classes, timer, clock and resolver (./device.ts gives a device's). */
export function createModdablePort(host: ModdableHost, options: ModdablePortOptions = {}): Port {
  const Timer = host.Timer;
  const defer = deferral(Timer);
  const context: ModdableContext = { host, defer, spillBytes: options.tcpSpill || 1536 };
  // XS's Math.random is the C library's rand(): the hardware generator on an
  // ESP32, but unseeded (the same sequence every run) on the Linux host. A
  // xorshift seeded from the clock at start-up is mixed in, so ephemeral
  // ports and DNS query ids differ between runs there too.
  let mix = (host.ticks() ^ 0x9e3779b9) >>> 0 || 1;
  const random32 = (): number => {
    mix ^= mix << 13;
    mix ^= mix >>> 17;
    mix ^= mix << 5;
    mix >>>= 0;
    return (((Math.random() * 0x100000000) >>> 0) ^ mix) >>> 0;
  };
  const net = host.Net;
  const port: Port = {
    name: 'moddable',
    capabilities: moddableCapabilities(host),
    now: () => host.ticks(),
    setTimer: (ms: number, callback: () => void): TimerId => Timer.set(() => callback(), ms),
    clearTimer: (timer: TimerId): void => Timer.clear(timer),
    defer,
    random32,
    localAddresses: (family: number): Uint8Array[] => {
      if (family !== AF_INET) return [];
      const result: Uint8Array[] = [new Uint8Array([127, 0, 0, 1])];
      const own = net ? ipv4Bytes(net.get('IP')) : null;
      if (own && own[0] !== 127) result.push(own);
      return result;
    },
    dnsServers: (): Endpoint[] => {
      const servers = net ? net.get('DNS') : undefined;
      const result: Endpoint[] = [];
      if (!servers) return result;
      for (let i = 0; i < servers.length; i++) {
        const addr = ipv4Bytes(servers[i]);
        if (addr) result.push({ family: AF_INET, addr, port: DNS_PORT });
      }
      return result;
    },
    tcpConnect: (remote, _local, events) => {
      if (remote.family !== AF_INET) return EAFNOSUPPORT;
      const connection = new ModdableTcpConnection(
        context,
        events,
        { family: AF_INET, addr: new Uint8Array(4), port: 0 },
        { family: AF_INET, addr: remote.addr.slice(0, 4), port: remote.port },
        false,
      );
      connection.startConnect();
      return connection;
    },
    tcpListen: (local, backlog, events) => tcpListen(context, local, backlog, events),
    udpOpen: (local, events) => udpOpen(context, local, events, random32),
    ...(net ? { resolver: new NetResolver(net, defer) } : {}),
  };
  return port;
}
