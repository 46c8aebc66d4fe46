/**
 * What a simulated host holds: its addresses, loopback, links, and the
 * tables of TCP connections, listeners and UDP sockets, with the rules for
 * opening them (ports, addresses, owners). Host (host.ts) adds the frames:
 * sending, forwarding and demultiplexing what arrives.
 */
import type { VirtualClock } from './clock';
import type { Endpoint, ListenerEvents, TcpEvents, UdpEvents } from '../../lib/port';
import { EADDRINUSE, EADDRNOTAVAIL, EAFNOSUPPORT, EHOSTUNREACH, EINVAL, ENETUNREACH } from '../../lib/errno';
import { AF_INET, AF_INET6, IPV4_LOOPBACK, IPV6_LOOPBACK, isLoopback, isMulticast, isUnspecified, sameAddress } from './ip';
import { Link, type LinkContext } from './link';
import { LOOPBACK_LINK, type TcpOptions, type UdpOptions } from './options';
import type { Packet, Station } from './packet';
import { TcpConnectionImpl } from './tcp';
import { type ListenerHost, TcpListenerImpl } from './tcp-listener';
import { type UdpHost, UdpSocketImpl } from './udp';

/** What a host needs from the network it belongs to. */
export interface NetworkCore extends LinkContext {
  readonly hosts: readonly HostTables[];
  hostFor(addr: Uint8Array): HostTables | null;
  nextLink(from: HostTables, to: Station): Link<HostTables> | null;
  hops(from: HostTables, to: Station): number;
}

/** Counters a test can read. */
export interface HostStats {
  /** Frames dropped on arrival because their checksum failed. */
  corrupted: number;
  /** TCP segments for no connection (answered with RST). */
  unmatched: number;
  /** Frames that could not be routed on. */
  unroutable: number;
}

const EPHEMERAL_FIRST = 49152;
const EPHEMERAL_COUNT = 65536 - EPHEMERAL_FIRST;

export abstract class HostTables implements Station, ListenerHost, UdpHost {
  readonly mac: Uint8Array;
  readonly links: Link<HostTables>[] = [];
  readonly loopback: Link<HostTables>;
  readonly stats: HostStats = { corrupted: 0, unmatched: 0, unroutable: 0 };
  /** DNS servers the port reports (dnsServers()). */
  dnsServers: Endpoint[] = [];
  private exhausted = 0;
  private nextIpIdValue = 0;
  private failNextOpenErrno = 0;
  protected readonly connections = new Map<number, TcpConnectionImpl[]>();
  protected readonly listeners = new Map<number, TcpListenerImpl[]>();
  protected readonly udpSockets = new Map<number, UdpSocketImpl[]>();

  constructor(
    readonly net: NetworkCore,
    readonly id: number,
    readonly name: string,
    readonly ipv4: Uint8Array[],
    readonly ipv6: Uint8Array[],
    readonly tcpOptions: TcpOptions,
    readonly udpOptions: UdpOptions,
  ) {
    this.mac = new Uint8Array([0x02, 0, 0, 0, (id >> 8) & 0xff, id & 0xff]);
    this.loopback = new Link<HostTables>(net, this, this, LOOPBACK_LINK);
  }

  get clock(): VirtualClock {
    return this.net.clock;
  }

  now(): number {
    return this.net.clock.now;
  }

  random32(): number {
    return this.net.random.next32();
  }

  /** Addresses of `family`, loopback last. */
  addresses(family: number): Uint8Array[] {
    if (family === AF_INET) return this.ipv4.concat([IPV4_LOOPBACK]);
    if (family === AF_INET6) return this.ipv6.concat([IPV6_LOOPBACK]);
    return [];
  }

  owns(addr: Uint8Array): boolean {
    if (isLoopback(addr)) return true;
    const list = addr.length === 4 ? this.ipv4 : this.ipv6;
    for (const own of list) if (sameAddress(own, addr)) return true;
    return false;
  }

  // ---- Faults a test applies to this host ------------------------------

  /** Makes sends fail with `errno` (ENOBUFS or EAGAIN) and TCP room read 0 until restored. */
  exhaustBuffers(errno: number): void {
    this.exhausted = errno;
  }

  restoreBuffers(): void {
    this.exhausted = 0;
    this.connections.forEach((list) => list.forEach((c) => c.buffersRestored()));
    this.udpSockets.forEach((list) => list.forEach((s) => s.buffersRestored()));
  }

  buffersExhausted(): number {
    return this.exhausted;
  }

  /** The next tcpConnect/tcpListen/udpOpen on this host returns `errno`. */
  failNextOpen(errno: number): void {
    this.failNextOpenErrno = errno;
  }

  /** Reports `errno` on every open socket bound to `port` (0: all): TCP connections fail and reset their peer. */
  injectError(errno: number, port = 0): number {
    let count = 0;
    const tcp: TcpConnectionImpl[] = [];
    this.connections.forEach((list) => list.forEach((c) => (port === 0 || c.local.port === port) && tcp.push(c)));
    for (const c of tcp) {
      c.injectError(errno);
      count++;
    }
    this.udpSockets.forEach((list) =>
      list.forEach((s) => {
        if (port === 0 || s.local.port === port) {
          s.reportError(errno);
          count++;
        }
      }),
    );
    this.listeners.forEach((list) =>
      list.forEach((l) => {
        if (port === 0 || l.local.port === port) {
          l.injectError(errno);
          count++;
        }
      }),
    );
    return count;
  }

  /** Open TCP connections (any state but closed), for tests that reset them. */
  tcpConnections(): TcpConnectionImpl[] {
    const all: TcpConnectionImpl[] = [];
    this.connections.forEach((list) => all.push(...list));
    return all;
  }

  // ---- Opening sockets ---------------------------------------------------

  private takeFailure(): number {
    const errno = this.failNextOpenErrno;
    this.failNextOpenErrno = 0;
    return errno;
  }

  private checkLocal(local: Endpoint): number {
    if (local.family !== AF_INET && local.family !== AF_INET6) return EAFNOSUPPORT;
    if (local.addr.length !== (local.family === AF_INET ? 4 : 16)) return EINVAL;
    if (local.port < 0 || local.port > 65535) return EINVAL;
    if (!isUnspecified(local.addr) && !this.owns(local.addr) && !isMulticast(local.addr)) return EADDRNOTAVAIL;
    return 0;
  }

  tcpConnect(remote: Endpoint, local: Endpoint | null, events: TcpEvents): TcpConnectionImpl | number {
    const failure = this.takeFailure();
    if (failure) return failure;
    if (remote.family !== AF_INET && remote.family !== AF_INET6) return EAFNOSUPPORT;
    if (remote.addr.length !== (remote.family === AF_INET ? 4 : 16)) return EINVAL;
    if (local && local.family !== remote.family) return EAFNOSUPPORT;
    if (local) {
      const bad = this.checkLocal(local);
      if (bad) return bad;
    }
    if (remote.port <= 0 || remote.port > 65535 || isUnspecified(remote.addr) || isMulticast(remote.addr)) return EINVAL;
    const source = local && !isUnspecified(local.addr) ? local.addr : this.sourceFor(remote.addr);
    if (!source) return ENETUNREACH;
    const target = this.targetFor(remote.addr);
    if (!target) return EHOSTUNREACH;
    let port = local ? local.port : 0;
    if (port === 0) {
      port = this.ephemeralPort(true, (p) => this.connectionExists(source, p, remote));
      if (port === 0) return EADDRINUSE;
    } else if (this.connectionExists(source, port, remote)) return EADDRINUSE;
    const localEnd: Endpoint = { family: remote.family, addr: new Uint8Array(source), port };
    const remoteEnd: Endpoint = { family: remote.family, addr: new Uint8Array(remote.addr), port: remote.port };
    const connection = new TcpConnectionImpl(this, localEnd, remoteEnd, target, this.tcpOptions);
    this.addConnection(connection);
    connection.openActive(events);
    return connection;
  }

  /**
   * Listens on `local`. An exact (address, port) already held by another
   * `owner` is EADDRINUSE; one owner (the core, which applies SO_REUSEADDR
   * and SO_REUSEPORT itself) may hold it twice.
   */
  tcpListen(local: Endpoint, backlog: number, events: ListenerEvents, owner: unknown, refuse = false): TcpListenerImpl | number {
    const port = this.claimPort(local, owner, this.listeners, true);
    if (port < 0) return -port;
    const endpoint: Endpoint = { family: local.family, addr: new Uint8Array(local.addr), port };
    const listener = new TcpListenerImpl(this, endpoint, backlog, events, owner, refuse);
    const list = this.listeners.get(port);
    if (list) list.push(listener);
    else this.listeners.set(port, [listener]);
    return listener;
  }

  /**
   * The port `local` may have in `table` (an ephemeral one for port 0), or a
   * negated errno: an injected failure, a foreign address, or an exact
   * (address, port) another owner holds.
   */
  private claimPort(
    local: Endpoint,
    owner: unknown,
    table: Map<number, { owner: unknown; local: Endpoint }[]>,
    tcp: boolean,
  ): number {
    const failure = this.takeFailure() || this.checkLocal(local);
    if (failure) return -failure;
    if (local.port === 0) {
      const port = this.ephemeralPort(tcp, (p) => table.has(p));
      return port === 0 ? -EADDRINUSE : port;
    }
    for (const other of table.get(local.port) || []) {
      if (other.owner !== owner && sameAddress(other.local.addr, local.addr)) return -EADDRINUSE;
    }
    return local.port;
  }

  /** Opens a UDP socket on `local`; exact duplicates are refused between different owners only (see tcpListen). */
  udpOpen(local: Endpoint, events: UdpEvents, owner: unknown): UdpSocketImpl | number {
    const port = this.claimPort(local, owner, this.udpSockets, false);
    if (port < 0) return -port;
    const endpoint: Endpoint = { family: local.family, addr: new Uint8Array(local.addr), port };
    const socket = new UdpSocketImpl(this, endpoint, events, owner);
    const list = this.udpSockets.get(port);
    if (list) list.push(socket);
    else this.udpSockets.set(port, [socket]);
    return socket;
  }

  /** A free port in 49152–65535, starting at a seeded random point; 0 when all are taken. */
  private ephemeralPort(tcp: boolean, taken: (port: number) => boolean): number {
    const start = this.net.random.below(EPHEMERAL_COUNT);
    for (let i = 0; i < EPHEMERAL_COUNT; i++) {
      const port = EPHEMERAL_FIRST + ((start + i) % EPHEMERAL_COUNT);
      if (taken(port)) continue;
      if (tcp && (this.listeners.has(port) || this.portHasConnections(port))) continue;
      if (!tcp && this.udpSockets.has(port)) continue;
      return port;
    }
    return 0;
  }

  private portHasConnections(port: number): boolean {
    let found = false;
    this.connections.forEach((list) => {
      if (!found) for (const c of list) if (c.local.port === port) found = true;
    });
    return found;
  }

  private connectionExists(source: Uint8Array, port: number, remote: Endpoint): boolean {
    const list = this.connections.get(port * 65536 + remote.port);
    if (!list) return false;
    for (const c of list) if (sameAddress(c.local.addr, source) && sameAddress(c.remote.addr, remote.addr)) return true;
    return false;
  }

  /** The source address for reaching `dst`, or null when this host has none of that family. */
  sourceFor(dst: Uint8Array): Uint8Array | null {
    if (isLoopback(dst)) return dst.length === 4 ? IPV4_LOOPBACK : IPV6_LOOPBACK;
    if (this.owns(dst)) return dst;
    const list = dst.length === 4 ? this.ipv4 : this.ipv6;
    return list.length > 0 ? list[0]! : null;
  }

  /** The host that owns `dst` and can be reached, or null. */
  targetFor(dst: Uint8Array): HostTables | null {
    if (this.owns(dst)) return this;
    const target = this.net.hostFor(dst);
    if (!target) return null;
    return this.net.nextLink(this, target) ? target : null;
  }

  /** MTU of the path to `peer`: the smallest on the route. */
  pathMtu(peer: Station): number {
    if (peer === this) return this.loopback.options.mtu;
    let mtu = 65535;
    let at: HostTables = this;
    for (let i = 0; i < this.net.hosts.length && at !== peer; i++) {
      const link = this.net.nextLink(at, peer);
      if (!link) break;
      if (link.options.mtu < mtu) mtu = link.options.mtu;
      at = link.peer(at);
    }
    return mtu;
  }

  nextIpId(): number {
    this.nextIpIdValue = (this.nextIpIdValue + 1) & 0xffff;
    return this.nextIpIdValue;
  }

  // ---- Tables ----------------------------------------------------------

  addConnection(connection: TcpConnectionImpl): void {
    const key = connection.local.port * 65536 + connection.remote.port;
    const list = this.connections.get(key);
    if (list) list.push(connection);
    else this.connections.set(key, [connection]);
  }

  removeConnection(connection: TcpConnectionImpl): void {
    const key = connection.local.port * 65536 + connection.remote.port;
    const list = this.connections.get(key);
    if (!list) return;
    const index = list.indexOf(connection);
    if (index < 0) return;
    list.splice(index, 1);
    if (list.length === 0) this.connections.delete(key);
  }

  removeListener(listener: TcpListenerImpl): void {
    const list = this.listeners.get(listener.local.port);
    if (!list) return;
    const index = list.indexOf(listener);
    if (index >= 0) list.splice(index, 1);
    if (list.length === 0) this.listeners.delete(listener.local.port);
  }

  removeUdp(socket: UdpSocketImpl): void {
    const list = this.udpSockets.get(socket.local.port);
    if (!list) return;
    const index = list.indexOf(socket);
    if (index >= 0) list.splice(index, 1);
    if (list.length === 0) this.udpSockets.delete(socket.local.port);
  }

  /** Does any UDP socket here listen on `port` for `group`? */
  joinedAny(group: Uint8Array, port: number): boolean {
    for (const socket of this.udpSockets.get(port) || []) if (socket.joined(group)) return true;
    return false;
  }

  /** Does one of this host's IPv4 addresses fall in the /24 that `broadcast` addresses (or is it 255.255.255.255)? */
  onSubnet(broadcast: Uint8Array): boolean {
    if (broadcast[0] === 255 && broadcast[1] === 255 && broadcast[2] === 255) return this.ipv4.length > 0;
    for (const own of this.ipv4) if (own[0] === broadcast[0] && own[1] === broadcast[1] && own[2] === broadcast[2]) return true;
    return false;
  }


  protected findListener(addr: Uint8Array, port: number): TcpListenerImpl | null {
    const list = this.listeners.get(port);
    if (!list) return null;
    let wildcard: TcpListenerImpl | null = null;
    for (const listener of list) {
      if (listener.local.addr.length !== addr.length) continue;
      if (sameAddress(listener.local.addr, addr)) return listener;
      if (isUnspecified(listener.local.addr)) wildcard = listener;
    }
    return wildcard;
  }

  abstract receive(packet: Packet): void;
  abstract sendPacket(packet: Packet): number;
  abstract sendDatagram(socket: UdpSocketImpl, data: Uint8Array, to: Endpoint): number;
  abstract refuseSegment(packet: Packet): void;
}
