/**
 * The Node port: real OS sockets through Node's net and dgram, the system
 * resolver, a monotonic clock and Node's timers.
 *
 * @module
 */
// The module object, not a named import: dns.setServers() rebinds its getServers.
import dns from 'node:dns';
import { randomFillSync } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Endpoint, Port, PortCapabilities, TimerId } from '../../lib/port';
import { addressToText, textToAddress, AF_INET, AF_INET6 } from './address';
import { freePort, tcpListen } from './listener';
import { NodeResolver } from './resolver';
import { tcpConnect, type TcpBudgets } from './tcp';
import { udpOpen, type UdpSettings } from './udp';

export { NodeTcpConnection } from './tcp';
export { NodeTcpListener } from './listener';
export { NodeUdpSocket } from './udp';
export { NodeResolver } from './resolver';

/**
 * Memory budgets of createNodePort, per socket; each bounds what a peer can make this process queue.
 */
export interface NodePortOptions {
  /** Received TCP bytes queued per connection before it stops reading. Default 64 KiB. */
  tcpReceiveBuffer?: number;
  /** Unflushed TCP bytes per connection before room() is 0. Default 64 KiB. */
  tcpSendBuffer?: number;
  /** Queued UDP bytes per socket before datagrams are dropped. Default 64 KiB. */
  udpReceiveBuffer?: number;
  /** Queued UDP datagrams per socket before datagrams are dropped. Default 64. */
  udpReceiveDatagrams?: number;
  /** UDP bytes in flight per socket before send() returns EAGAIN. Default 64 KiB. */
  udpSendBuffer?: number;
}

const KIB = 1024;
const DNS_PORT = 53;

/**
 * What the Node port can do (IPv6, half-close, multicast, the options it carries out); the README's capability table says the same.
 */
export const NODE_CAPABILITIES: PortCapabilities = Object.freeze({
  ipv6: true,
  halfClose: true,
  bindBeforeConnect: true,
  listenAddress: true,
  resetDistinct: true,
  multicast: true,
  broadcast: true,
  // keepintvl, keepcnt, tos and v6only cannot be set through Node 20's API.
  options: Object.freeze([
    'nodelay',
    'keepalive',
    'keepidle',
    'rcvbuf',
    'sndbuf',
    'ttl',
    'multicastTtl',
    'multicastLoop',
    'broadcast',
  ] as const),
  // Node's net.Socket has no TTL setter (dgram has setTTL).
  udpOnlyOptions: Object.freeze(['ttl'] as const),
  resolver: true,
});

function familyName(family: number): 'IPv4' | 'IPv6' | null {
  return family === AF_INET ? 'IPv4' : family === AF_INET6 ? 'IPv6' : null;
}

/** This host's addresses of `family`, loopback first and always present. */
function localAddresses(family: number): Uint8Array[] {
  const name = familyName(family);
  if (!name) return [];
  const texts = [family === AF_INET ? '127.0.0.1' : '::1'];
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (entry.family === name && !texts.includes(entry.address)) texts.push(entry.address);
    }
  }
  const result: Uint8Array[] = [];
  for (const text of texts) {
    const bytes = textToAddress(text, family);
    if (bytes) result.push(bytes);
  }
  return result;
}

/** Directed broadcast addresses of this host's IPv4 networks (none for /31 and /32). */
function broadcastAddresses(): Set<string> {
  const result = new Set<string>();
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (entry.family !== 'IPv4') continue;
      const address = textToAddress(entry.address, AF_INET);
      const mask = textToAddress(entry.netmask, AF_INET);
      if (!address || !mask || mask[3]! >= 254) continue;
      const broadcast = address.map((byte, i) => byte | (~mask[i]! & 0xff));
      result.add(addressToText(broadcast));
    }
  }
  return result;
}

/** dns.getServers() entries ("1.2.3.4", "1.2.3.4:5353", "::1", "[::1]:5353") as Endpoints. */
function parseDnsServer(text: string): Endpoint | null {
  let host = text;
  let port = DNS_PORT;
  const bracketed = /^\[(.+)\]:(\d+)$/.exec(text);
  const v4WithPort = /^([\d.]+):(\d+)$/.exec(text);
  if (bracketed) {
    host = bracketed[1]!;
    port = Number(bracketed[2]);
  } else if (v4WithPort) {
    host = v4WithPort[1]!;
    port = Number(v4WithPort[2]);
  }
  const family = host.includes(':') ? AF_INET6 : AF_INET;
  const addr = textToAddress(host, family);
  return addr && port <= 65535 ? { family, addr, port } : null;
}

/**
 * A timer that never fires before `ms` have passed on now()'s clock: Node's
 * timers run on the event loop's cached millisecond time and may fire a
 * fraction of a millisecond early by performance.now().
 */
class PortTimer {
  private readonly due: number;
  private readonly callback: () => void;
  private timeout: ReturnType<typeof setTimeout>;

  constructor(ms: number, callback: () => void) {
    this.due = performance.now() + ms;
    this.callback = callback;
    this.timeout = setTimeout(this.fire, timer_step(ms));
  }

  cancel(): void {
    clearTimeout(this.timeout);
  }

  private readonly fire = (): void => {
    const remaining = this.due - performance.now();
    if (remaining > 0) this.timeout = setTimeout(this.fire, timer_step(Math.ceil(remaining)));
    else this.callback();
  };
}

/** Node's longest timer: a longer delay would fire after 1 ms, so longer ones wait in steps of it. */
const LONGEST_TIMEOUT = 0x7fffffff;

function timer_step(ms: number): number {
  return ms > LONGEST_TIMEOUT ? LONGEST_TIMEOUT : ms;
}

/**
 * Makes a Port on real sockets through Node's `net` and `dgram`, with timers on Node's clock and names resolved by `dns.lookup` (unless zsock_dns_set_servers was called). Install it with `zsock_init(createNodePort(), [inet_tcp, inet_udp])`. zsockjs only; no Zephyr counterpart.
 */
export function createNodePort(options: NodePortOptions = {}): Port {
  const tcpBudgets: TcpBudgets = {
    receive: options.tcpReceiveBuffer ?? 64 * KIB,
    send: options.tcpSendBuffer ?? 64 * KIB,
  };
  const udpSettings: UdpSettings = {
    receiveBytes: options.udpReceiveBuffer ?? 64 * KIB,
    receiveDatagrams: options.udpReceiveDatagrams ?? 64,
    send: options.udpSendBuffer ?? 64 * KIB,
    broadcastAddresses: broadcastAddresses(),
  };
  const randomWord = new Uint32Array(1);
  return {
    name: 'node',
    capabilities: NODE_CAPABILITIES,
    now: () => performance.now(),
    setTimer: (ms: number, callback: () => void): TimerId => new PortTimer(ms, callback),
    clearTimer: (timer: TimerId): void => {
      if (timer instanceof PortTimer) timer.cancel();
    },
    defer: (callback: () => void): void => {
      setImmediate(callback);
    },
    random32: (): number => randomFillSync(randomWord)[0]!,
    localAddresses,
    dnsServers: (): Endpoint[] =>
      dns
        .getServers()
        .map(parseDnsServer)
        .filter((server): server is Endpoint => server !== null),
    tcpConnect: (remote, local, events) => tcpConnect(remote, local, events, tcpBudgets),
    tcpListen: (local, backlog, events) => tcpListen(local, backlog, events, tcpBudgets),
    udpOpen: (local, events, shared) => udpOpen(local, events, udpSettings, shared),
    resolver: new NodeResolver(),
    // Other programs share this host: take a port the kernel says is free.
    tcpFreePort: freePort,
  };
}
