/**
 * The simulated network: hosts, links, routing, faults, capture and the
 * drivers that run it in virtual (or paced real) time.
 */
import { ECONNRESET } from '../../lib/errno';
import { VirtualClock } from './clock';
import { type BlockedCall, Drivers, type RealtimeTimers } from './drivers';
import { Faults, type FrameFilter } from './faults';
import { Host, type NetworkCore } from './host';
import type { HostTables } from './host-tables';
import { AF_INET, AF_INET6, addressKey, parseAddress } from './ip';
import { Link, type FrameTap } from './link';
import { DEFAULT_LINK, DEFAULT_TCP, DEFAULT_UDP, type LinkOptions, type TcpOptions, type UdpOptions } from './options';
import type { Station } from './packet';
import { MockPort } from './port';
import { SeededRandom } from './random';
import { Capture, type CaptureOptions } from './capture';

/**
 * Options of createMockNetwork: the seed, and the TCP, UDP and link defaults of every host and link.
 */
export interface NetworkOptions {
  /** Seed of every random choice (ISNs, ephemeral ports, loss, jitter). */
  seed?: number;
  /** TCP defaults for every host. */
  tcp?: Partial<TcpOptions>;
  udp?: Partial<UdpOptions>;
  /** Defaults for every link. */
  link?: Partial<LinkOptions>;
  /** Most events one driver call runs before it throws. */
  maxEvents?: number;
}

/**
 * Options of MockNetwork.host: the host's IPv4 and IPv6 addresses, the DNS servers its port reports, its TCP and UDP options.
 */
export interface HostOptions {
  ipv4?: string | string[];
  ipv6?: string | string[];
  /** DNS servers the host's port reports, as "addr" or "addr:port" ("[v6]:port" for IPv6); port 53 by default. */
  dns?: string[];
  /** TCP options for this host, over the network's. */
  tcp?: Partial<TcpOptions>;
  udp?: Partial<UdpOptions>;
}

/**
 * A simulated network in one process, in virtual time, from a seeded random source: hosts, links, faults, capture and the drivers that run it (docs/mock-network.md). Made by createMockNetwork. zsockjs only.
 */
export class MockNetwork implements NetworkCore {
  readonly clock = new VirtualClock();
  readonly random: SeededRandom;
  readonly faults = new Faults();
  readonly taps: FrameTap[] = [];
  readonly hosts: Host[] = [];
  readonly links: Link<Host>[] = [];
  private readonly tcpDefaults: TcpOptions;
  private readonly udpDefaults: UdpOptions;
  private readonly linkDefaults: LinkOptions;
  private readonly byAddress = new Map<string, Host>();
  private routes = new Map<HostTables, Map<Station, { link: Link<HostTables>; hops: number }>>();
  private readonly drivers: Drivers;
  private readonly ports = new Map<Host, MockPort>();

  constructor(options: NetworkOptions = {}) {
    this.random = new SeededRandom(options.seed === undefined ? 1 : options.seed);
    this.tcpDefaults = { ...DEFAULT_TCP, ...options.tcp };
    this.udpDefaults = { ...DEFAULT_UDP, ...options.udp };
    this.linkDefaults = { ...DEFAULT_LINK, ...options.link };
    this.drivers = new Drivers(this.clock, options.maxEvents || 50_000_000, () => this.blockedCalls());
  }

  /** Virtual milliseconds since the network was made. */
  get now(): number {
    return this.clock.now;
  }

  // ---- Building ----------------------------------------------------------

  /** Adds a host with the given addresses (`ipv4`, `ipv6`), DNS servers (`dns`) and TCP/UDP options; throws a TypeError for an address that is not one or is taken. */
  host(name: string, options: HostOptions = {}): Host {
    const ipv4 = parseList(options.ipv4, 4);
    const ipv6 = parseList(options.ipv6, 16);
    for (const addr of ipv4.concat(ipv6)) {
      const key = addressKey(addr);
      if (this.byAddress.has(key)) throw new TypeError(`address ${key} already belongs to a host`);
    }
    const host = new Host(
      this,
      this.hosts.length + 1,
      name,
      ipv4,
      ipv6,
      { ...this.tcpDefaults, ...options.tcp },
      { ...this.udpDefaults, ...options.udp },
    );
    for (const addr of ipv4.concat(ipv6)) this.byAddress.set(addressKey(addr), host);
    host.dnsServers = (options.dns || []).map(parseServer);
    this.hosts.push(host);
    return host;
  }

  /** Joins hosts `a` and `b` with a link of the given latency, jitter, bandwidth, MTU, loss, reordering and duplication (the network's link defaults otherwise). */
  link(a: Host, b: Host, options: Partial<LinkOptions> = {}): Link<Host> {
    if (a === b) throw new TypeError('a host reaches itself through loopback; link two different hosts');
    const link = new Link<Host>(this, a, b, { ...this.linkDefaults, ...options });
    a.links.push(link);
    b.links.push(link);
    this.links.push(link);
    this.routes = new Map();
    return link;
  }

  /** The Port for `host`: install it in the core to make `host` the device under test. */
  port(host: Host): MockPort {
    let port = this.ports.get(host);
    if (!port) {
      port = new MockPort(host);
      this.ports.set(host, port);
    }
    return port;
  }

  /** Blocking calls still waiting on every host's port, oldest first. */
  async blockedCalls(): Promise<BlockedCall[]> {
    const all: BlockedCall[] = [];
    for (const port of Array.from(this.ports.values())) all.push(...(await port.blockedCalls()));
    return all.sort((a, b) => a.since - b.since);
  }

  // ---- Routing ---------------------------------------------------------

  /** The host that owns address `addr`, or null. */
  hostFor(addr: Uint8Array): Host | null {
    return this.byAddress.get(addressKey(addr)) || null;
  }

  /** The first link on the shortest path from `from` to `to`, or null when none reaches it. */
  nextLink(from: HostTables, to: Station): Link<HostTables> | null {
    const route = this.routeTable(from).get(to);
    return route ? route.link : null;
  }

  /** The number of links on the shortest path from `from` to `to`. */
  hops(from: HostTables, to: Station): number {
    if (from === to) return 0;
    const route = this.routeTable(from).get(to);
    return route ? route.hops : Infinity;
  }

  /** Shortest paths from `from` by breadth-first search, in link creation order (so ties break the same way every run). */
  private routeTable(from: HostTables): Map<Station, { link: Link<HostTables>; hops: number }> {
    let table = this.routes.get(from);
    if (table) return table;
    table = new Map();
    const queue: HostTables[] = [from];
    for (let head = 0; head < queue.length; head++) {
      const at = queue[head]!;
      const via = at === from ? null : table.get(at)!;
      for (const link of at.links) {
        const next = link.peer(at);
        if (next === from || table.has(next)) continue;
        table.set(next, { link: via ? via.link : link, hops: via ? via.hops + 1 : 1 });
        queue.push(next);
      }
    }
    this.routes.set(from, table);
    return table;
  }

  // ---- Faults --------------------------------------------------------

  /** Cuts traffic between `a` and `b` (or between `a` and everyone). */
  partition(a: Host, b?: Host): void {
    this.faults.partition(a, b);
  }

  /** Ends a partition(a, b) (or every partition of `a`). */
  heal(a: Host, b?: Host): void {
    this.faults.heal(a, b);
  }

  /** Holds frames between `a` and `b` until release(a, b). */
  hold(a: Host, b: Host): void {
    this.faults.hold(a, b);
  }

  /** Sends on, in order, the frames hold(a, b) kept, and stops holding. */
  release(a: Host, b: Host): void {
    this.faults.release(a, b);
  }

  /** Drops the next `count` frames matching `filter` (loopback frames included). */
  dropNext(count: number, filter: FrameFilter = {}): void {
    this.faults.dropNext(count, filter);
  }

  /** Delays the next `count` frames matching `filter` by `ms` more. */
  delayNext(count: number, ms: number, filter: FrameFilter = {}): void {
    this.faults.delayNext(count, ms, filter);
  }

  /** Resets every TCP connection between `a` and `b` (both ends see ECONNRESET); returns how many ends were reset. */
  resetConnections(a: Host, b?: Host): number {
    let count = 0;
    for (const host of b ? [a, b] : [a]) {
      for (const connection of host.tcpConnections()) {
        const peer = this.hostFor(connection.remote.addr) || (host.owns(connection.remote.addr) ? host : null);
        if (b && peer !== (host === a ? b : a)) continue;
        connection.injectError(ECONNRESET);
        count++;
      }
    }
    return count;
  }

  // ---- Capture -------------------------------------------------------

  /** Starts recording every frame links send (or only those of `options.host`). */
  capture(options: CaptureOptions = {}): Capture {
    const capture = new Capture(options, () => {
      const index = this.taps.indexOf(capture);
      if (index >= 0) this.taps.splice(index, 1);
    });
    this.taps.push(capture);
    return capture;
  }

  // ---- Drivers -------------------------------------------------------

  /** Runs events synchronously until none is left or `ms` of virtual time passed; true when idle. For port-level tests and benchmarks: no microtasks run in between. */
  runSync(ms?: number): boolean {
    return this.drivers.runSync(ms);
  }

  /** Runs until no event is left (true) or `limit` ms of virtual time passed (false), letting microtasks settle after each event. */
  runUntilIdle(options: { limit?: number } = {}): Promise<boolean> {
    return this.drivers.runUntilIdle(options.limit);
  }

  /** Runs every event due in the next `ms`, then sets the clock to now + `ms`. */
  advance(ms: number): Promise<void> {
    return this.drivers.advance(ms);
  }

  /** Runs until `promise` settles and returns its value; rejects with LimitError when `timeout` ms of virtual time pass first or the network goes idle with the promise pending. */
  runUntil<T>(promise: Promise<T>, options: { timeout?: number } = {}): Promise<T> {
    return this.drivers.runUntil(promise, options.timeout);
  }

  /** Paces the simulation against the wall clock (`speed` virtual ms per wall ms) for demos; `timers` defaults to the host's setTimeout and clock. */
  realtime(options: { speed?: number; duration?: number; timers?: RealtimeTimers } = {}): {
    /** Stops pacing; `done` settles. */
    stop(): void;
    done: Promise<void>;
  } {
    return this.drivers.realtime(options);
  }
}

/**
 * Makes an empty simulated network (docs/mock-network.md): add hosts with `net.host`, join them with `net.link`, and install `net.port(host)` with zsock_init. zsockjs only; no Zephyr counterpart.
 */
export function createMockNetwork(options: NetworkOptions = {}): MockNetwork {
  return new MockNetwork(options);
}

function parseList(value: string | string[] | undefined, length: number): Uint8Array[] {
  const list = value === undefined ? [] : typeof value === 'string' ? [value] : value;
  return list.map((text) => {
    const addr = parseAddress(text);
    if (!addr || addr.length !== length) throw new TypeError(`not an IPv${length === 4 ? 4 : 6} address: ${text}`);
    return addr;
  });
}

function parseServer(text: string): { family: number; addr: Uint8Array; port: number } {
  let host = text;
  let port = 53;
  const bracket = /^\[(.+)\](?::(\d+))?$/.exec(text);
  if (bracket) {
    host = bracket[1]!;
    if (bracket[2]) port = Number(bracket[2]);
  } else if (text.indexOf(':') === text.lastIndexOf(':') && text.indexOf(':') > 0) {
    host = text.slice(0, text.indexOf(':'));
    port = Number(text.slice(text.indexOf(':') + 1));
  }
  const addr = parseAddress(host);
  if (!addr) throw new TypeError(`not a DNS server address: ${text}`);
  return { family: addr.length === 4 ? AF_INET : AF_INET6, addr, port };
}
