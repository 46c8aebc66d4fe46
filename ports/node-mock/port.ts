/** The Port interface for one simulated host: what the core sees of the network. */
import type {
  Endpoint,
  ListenerEvents,
  Port,
  PortCapabilities,
  TcpConnection,
  TcpEvents,
  TcpListener,
  TimerId,
  UdpEvents,
  UdpSocket,
} from '../../lib/port';
import { ScheduledEvent } from './clock';
import type { BlockedCall } from './drivers';
import type { Host } from './host';

const CAPABILITIES: PortCapabilities = {
  ipv6: true,
  halfClose: true,
  bindBeforeConnect: true,
  listenAddress: true,
  resetDistinct: true,
  multicast: true,
  broadcast: true,
  options: [
    'nodelay',
    'keepalive',
    'keepidle',
    'keepintvl',
    'keepcnt',
    'rcvbuf',
    'sndbuf',
    'ttl',
    'tos',
    'multicastTtl',
    'multicastLoop',
    'broadcast',
    'v6only',
  ],
  resolver: false,
};

/**
 * The Port of one simulated host: install it with `zsock_init(net.port(host), providers)` to make that host the device under test.
 */
export class MockPort implements Port {
  readonly name = 'node-mock';
  readonly capabilities = CAPABILITIES;

  /**
   * The latest waiting call per (descriptor, call name) with its promise:
   * no reaction is attached (that would cost every waiting call a
   * microtask); which ones are still pending is asked only when a run stops.
   */
  private readonly waiting = new Map<string, { record: BlockedCall; result: Promise<number> }>();

  constructor(readonly host: Host) {}

  watchCall(fd: number, call: string, result: Promise<number>): void {
    this.waiting.set(`${fd} ${call}`, { record: { host: this.host.name, fd, call, since: this.host.clock.now }, result });
  }

  /** The calls still waiting (their promises unsettled), oldest first. */
  async blockedCalls(): Promise<BlockedCall[]> {
    const entries = Array.from(this.waiting.values());
    const settled = entries.map(() => false);
    // A settled promise runs its reaction in the next microtask, before this function resumes.
    entries.forEach((e, i) => void e.result.then(() => (settled[i] = true)));
    await Promise.resolve();
    await Promise.resolve();
    return entries.filter((_, i) => !settled[i]).map((e) => ({ ...e.record }));
  }

  now(): number {
    return this.host.clock.now;
  }

  setTimer(ms: number, callback: () => void): TimerId {
    return this.host.clock.callback(ms > 0 ? ms : 0, callback);
  }

  /** Cancels a timer from setTimer that has not run yet. */
  clearTimer(timer: TimerId): void {
    if (timer instanceof ScheduledEvent) this.host.clock.cancel(timer);
  }

  defer(callback: () => void): void {
    this.host.clock.callback(0, callback);
  }

  random32(): number {
    return this.host.random32();
  }

  localAddresses(family: number): Uint8Array[] {
    return this.host.addresses(family).map((a) => new Uint8Array(a));
  }

  dnsServers(): Endpoint[] {
    return this.host.dnsServers.map((s) => ({ family: s.family, addr: new Uint8Array(s.addr), port: s.port }));
  }

  tcpConnect(remote: Endpoint, local: Endpoint | null, events: TcpEvents): TcpConnection | number {
    return this.host.tcpConnect(remote, local, events);
  }

  tcpListen(local: Endpoint, backlog: number, events: ListenerEvents): TcpListener | number {
    return this.host.tcpListen(local, backlog, events, this);
  }

  udpOpen(local: Endpoint, events: UdpEvents): UdpSocket | number {
    return this.host.udpOpen(local, events, this);
  }
}
