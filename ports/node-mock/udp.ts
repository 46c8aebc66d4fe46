/** A UDP socket of a simulated host: datagram queue, options, multicast membership. */
import type { EventSink, VirtualClock } from './clock';
import type { Endpoint, PortOption, UdpEvents, UdpSocket } from '../../lib/port';
import { EAFNOSUPPORT, EBADF, EINVAL, EMSGSIZE, ENOPROTOOPT } from '../../lib/errno';
import { isMulticast, sameAddress } from './ip';
import type { UdpOptions } from './options';

/** What a UDP socket needs from its host: the clock, its defaults, a way out, and its table. */
export interface UdpHost {
  readonly clock: VirtualClock;
  readonly udpOptions: UdpOptions;
  /** Non-zero while a test has exhausted the host's buffers. */
  buffersExhausted(): number;
  /** Sends `data` from `socket` to `to` (unicast, broadcast or multicast); 0 or an errno. */
  sendDatagram(socket: UdpSocketImpl, data: Uint8Array, to: Endpoint): number;
  removeUdp(socket: UdpSocketImpl): void;
}

const EV_READABLE = 1;
const EV_WRITABLE = 2;
const EV_ERROR = 4;

/** Largest UDP payload: 65535 less the IPv4 and UDP headers; IPv6 counts its payload length without its own header. */
export const UDP_MAX_PAYLOAD_V4 = 65507;
export const UDP_MAX_PAYLOAD_V6 = 65527;

interface Datagram {
  data: Uint8Array;
  from: Endpoint;
}

export class UdpSocketImpl implements UdpSocket, EventSink {
  private readonly queue: Datagram[] = [];
  private queuedBytes = 0;
  readonly groups: Uint8Array[] = [];
  private closed = false;
  private pendingEvents = 0;
  private notifyScheduled = false;
  private errno = 0;
  private wantWritable = false;
  /** The connected peer: only its datagrams are queued. */
  private peer: Endpoint | null = null;
  /** Datagrams dropped because the receive queue was full. */
  dropped = 0;

  broadcast = false;
  multicastTtl = 1;
  multicastLoop = true;
  ttl = 64;
  tos = 0;
  private rcvbuf: number;

  constructor(
    private readonly host: UdpHost,
    readonly local: Endpoint,
    private readonly events: UdpEvents,
    /** Who opened it: exact duplicate binds are refused only between different owners. */
    readonly owner: unknown,
  ) {
    this.rcvbuf = host.udpOptions.rcvbuf;
  }

  nextSize(): number {
    const first = this.queue[0];
    return first ? first.data.length : -1;
  }

  receive(into: Uint8Array, from: Endpoint | null, peek: boolean): number {
    const first = this.queue[0];
    if (!first) return -1;
    const data = first.data;
    into.set(data.length <= into.length ? data : data.subarray(0, into.length));
    if (from) {
      from.family = first.from.family;
      from.addr = new Uint8Array(first.from.addr);
      from.port = first.from.port;
    }
    if (!peek) {
      this.queue.shift();
      this.queuedBytes -= data.length;
    }
    return data.length;
  }

  send(data: Uint8Array, to: Endpoint): number {
    if (this.closed) return EBADF;
    if (to.family !== this.local.family || to.addr.length !== this.local.addr.length) return EAFNOSUPPORT;
    if (to.port <= 0 || to.port > 65535) return EINVAL;
    const limit = this.local.addr.length === 4 ? UDP_MAX_PAYLOAD_V4 : UDP_MAX_PAYLOAD_V6;
    if (data.length > limit) return EMSGSIZE;
    const exhausted = this.host.buffersExhausted();
    if (exhausted !== 0) {
      this.wantWritable = true;
      return exhausted;
    }
    return this.host.sendDatagram(this, data, to);
  }

  membership(group: Endpoint, join: boolean): number {
    if (this.closed) return EBADF;
    if (!isMulticast(group.addr)) return EINVAL;
    const index = this.groups.findIndex((g) => sameAddress(g, group.addr));
    if (join) {
      if (index < 0) this.groups.push(new Uint8Array(group.addr));
    } else {
      if (index < 0) return EINVAL;
      this.groups.splice(index, 1);
    }
    return 0;
  }

  setOption(option: PortOption, value: number): number {
    switch (option) {
      case 'broadcast':
        this.broadcast = value !== 0;
        return 0;
      case 'multicastTtl':
        if (!(value >= 0 && value <= 255)) return EINVAL;
        this.multicastTtl = value;
        return 0;
      case 'multicastLoop':
        this.multicastLoop = value !== 0;
        return 0;
      case 'ttl':
        if (!(value >= 1 && value <= 255)) return EINVAL;
        this.ttl = value;
        return 0;
      case 'tos':
        this.tos = value & 0xff;
        return 0;
      case 'rcvbuf':
        if (!(value >= 1)) return EINVAL;
        this.rcvbuf = value;
        return 0;
      case 'sndbuf':
        return value >= 1 ? 0 : EINVAL;
      case 'v6only':
        // Sockets of the simulation never see IPv4-mapped traffic, so every IPv6 socket is v6-only.
        return 0;
      default:
        return ENOPROTOOPT;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.host.removeUdp(this);
  }

  /** Joined `group`? */
  joined(group: Uint8Array): boolean {
    for (const g of this.groups) if (sameAddress(g, group)) return true;
    return false;
  }

  connect(remote: Endpoint | null): void {
    this.peer = remote ? { family: remote.family, addr: remote.addr.slice(), port: remote.port } : null;
    if (!this.peer) return;
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const d = this.queue[i]!;
      if (!this.fromPeer(d.from)) {
        this.queue.splice(i, 1);
        this.queuedBytes -= d.data.length;
      }
    }
  }

  private fromPeer(from: Endpoint): boolean {
    const peer = this.peer;
    return !peer || (peer.port === from.port && sameAddress(peer.addr, from.addr));
  }

  /** A datagram for this socket arrived. */
  deliver(data: Uint8Array, from: Endpoint): void {
    if (this.closed || !this.fromPeer(from)) return;
    if (this.queuedBytes + data.length > this.rcvbuf) {
      this.dropped++;
      return;
    }
    this.queue.push({ data, from });
    this.queuedBytes += data.length;
    this.notify(EV_READABLE);
  }

  /** An asynchronous error (ICMP, or one a test injects). */
  reportError(errno: number): void {
    this.errno = errno;
    this.notify(EV_ERROR);
  }

  buffersRestored(): void {
    if (!this.wantWritable) return;
    this.wantWritable = false;
    this.notify(EV_WRITABLE);
  }

  private notify(bits: number): void {
    if (this.closed) return;
    this.pendingEvents |= bits;
    if (!this.notifyScheduled) {
      this.notifyScheduled = true;
      this.host.clock.schedule(0, this, 0, null, true);
    }
  }

  handleEvent(): void {
    this.notifyScheduled = false;
    if (this.closed) return;
    const bits = this.pendingEvents;
    this.pendingEvents = 0;
    if (bits & EV_READABLE) this.events.readable();
    if (bits & EV_WRITABLE && !this.closed) this.events.writable();
    if (bits & EV_ERROR && !this.closed) this.events.error(this.errno);
  }
}
