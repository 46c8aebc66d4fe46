/**
 * A UDP socket over Node's dgram. Node binds asynchronously: the socket is
 * returned at once (port 0 already resolved, see bindSocket), a failed bind arrives as `events.error`, and options or
 * memberships set before the bind completes are applied when it does.
 * Incoming datagrams wait in a bounded queue; past it they are dropped, as a
 * device drops what its buffers cannot hold.
 */
import { randomInt } from 'node:crypto';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { EACCES, EADDRINUSE, EAFNOSUPPORT, EAGAIN, EBADF, EINVAL, EMSGSIZE, ENOPROTOOPT } from '../../lib/errno';
import type { Endpoint, PortOption, UdpEvents, UdpSocket } from '../../lib/port';
import { addressLength, addressToText, copyEndpoint, endpointFromText, isValidEndpoint, AF_INET, AF_INET6 } from './address';
import { errnoFromNodeError } from './errors';
import { same_addr } from '../../lib/inet/endpoint';

export interface UdpSettings {
  /** Bytes of datagrams queued before new ones are dropped (SO_RCVBUF). */
  receiveBytes: number;
  /** Datagrams queued before new ones are dropped. */
  receiveDatagrams: number;
  /** Bytes handed to Node and not yet sent before send() returns EAGAIN (SO_SNDBUF). */
  send: number;
  /** IPv4 broadcast addresses of this host's interfaces, as text, for EACCES without SO_BROADCAST. */
  broadcastAddresses: ReadonlySet<string>;
}

/** Largest UDP payloads: 65535 less the IPv4 and UDP headers; less the UDP header over IPv6. */
const MAX_PAYLOAD_IPV4 = 65507;
const MAX_PAYLOAD_IPV6 = 65527;
const MIN_BUDGET = 512;
const LIMITED_BROADCAST = '255.255.255.255';
/** IANA's dynamic port range, where an ephemeral port is chosen. */
const EPHEMERAL_FIRST = 49152;
const EPHEMERAL_COUNT = 65536 - EPHEMERAL_FIRST;
/** Fresh choices after a chosen ephemeral port turned out taken. */
const EPHEMERAL_RETRIES = 16;

interface Datagram {
  data: Buffer;
  address: string;
  port: number;
}

function isMulticast(addr: Uint8Array): boolean {
  return addr.length === 4 ? (addr[0]! & 0xf0) === 0xe0 : addr[0] === 0xff;
}

function isByte(value: number, min: number): boolean {
  return Number.isInteger(value) && value >= min && value <= 255;
}

/**
 * A UDP socket of the Node port (a `dgram` socket), as the core's UdpSocket interface sees it.
 */
export class NodeUdpSocket implements UdpSocket {
  private socket: Socket;
  private readonly family: number;
  private readonly events: UdpEvents;
  private readonly settings: UdpSettings;
  private localEndpoint: Endpoint;
  private readonly queue: Datagram[] = [];
  /** The last source and destination converted between bytes and text. */
  private lastSourceText = '';
  private lastSource: Uint8Array | null = null;
  private lastDest: Uint8Array = new Uint8Array(0);
  private lastDestText = '';
  /** The connected peer, as Node reports sources. */
  private peer: { address: string; port: number } | null = null;
  private queuedBytes = 0;
  private receiveBytes: number;
  private sendBudget: number;
  /** Bytes given to Node's send whose callback has not come yet. */
  private inFlightBytes = 0;
  private readonly inFlightLengths: number[] = [];
  private wantsWritable = false;
  private bound = false;
  /** The bind's errno once it failed: the socket cannot send. */
  private bindErrno = 0;
  private closed = false;
  private broadcast = false;
  /** Retries left when the port was chosen here (port 0) and turns out taken. */
  private ephemeralRetries: number;
  /** Options and memberships waiting for the bind (Node has no descriptor before it). */
  private readonly whenBound: Array<() => void> = [];
  private droppedCount = 0;

  constructor(
    local: Endpoint,
    events: UdpEvents,
    settings: UdpSettings,
    private readonly shared: boolean,
  ) {
    this.family = local.family;
    this.events = events;
    this.settings = settings;
    this.receiveBytes = settings.receiveBytes;
    this.sendBudget = settings.send;
    this.localEndpoint = copyEndpoint(local);
    this.ephemeralRetries = local.port === 0 ? EPHEMERAL_RETRIES : 0;
    this.socket = this.bindSocket();
  }

  /**
   * Node's dgram binds only in a later turn, so for port 0 the port is chosen
   * here and reported by `local` at once (getsockname() right after bind()
   * works as in C); should it be taken, another is chosen.
   */
  private bindSocket(): Socket {
    if (this.ephemeralRetries > 0) {
      this.localEndpoint.port = EPHEMERAL_FIRST + randomInt(EPHEMERAL_COUNT);
    }
    const socket = createSocket({
      type: this.family === AF_INET ? 'udp4' : 'udp6',
      // Only when the core's SO_REUSEADDR/SO_REUSEPORT rules allowed sharing.
      reuseAddr: this.shared,
      // As Zephyr's AF_INET6 sockets, no IPv4 traffic; 0.0.0.0 and :: can share a port.
      ipv6Only: this.family === AF_INET6,
    });
    socket.on('message', this.onMessage);
    socket.on('error', this.onError);
    socket.once('listening', this.onListening);
    socket.bind({ port: this.localEndpoint.port, address: addressToText(this.localEndpoint.addr), exclusive: true });
    return socket;
  }

  /** Filters at arrival, as the kernel filters for a connected socket. */
  connect(remote: Endpoint | null): void {
    this.peer = remote ? { address: addressToText(remote.addr), port: remote.port } : null;
    const peer = this.peer;
    if (!peer) return;
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const d = this.queue[i]!;
      if (d.port !== peer.port || d.address !== peer.address) {
        this.queue.splice(i, 1);
        this.queuedBytes -= d.data.length;
      }
    }
  }

  /** The bound endpoint once Node has bound it; the requested one before. */
  get local(): Endpoint {
    return this.localEndpoint;
  }

  /** Node has bound the socket (options and memberships now apply at once). */
  get listening(): boolean {
    return this.bound;
  }

  /** Datagrams dropped because the queue was full. */
  get dropped(): number {
    return this.droppedCount;
  }

  nextSize(): number {
    const next = this.queue[0];
    return next ? next.data.length : -1;
  }

  receive(into: Uint8Array, from: Endpoint | null, peek: boolean): number {
    const next = this.queue[0];
    if (!next) return -1;
    into.set(next.data.subarray(0, Math.min(into.length, next.data.length)));
    if (from) {
      // Peers repeat: convert a source's text once, not per datagram.
      if (next.address !== this.lastSourceText) {
        this.lastSourceText = next.address;
        this.lastSource = endpointFromText(next.address, next.port, this.family).addr;
      }
      from.family = this.family;
      from.addr = this.lastSource!;
      from.port = next.port;
    }
    if (!peek) {
      this.queue.shift();
      this.queuedBytes -= next.data.length;
    }
    return next.data.length;
  }

  send(data: Uint8Array, to: Endpoint): number {
    if (this.closed) return EBADF;
    if (this.bindErrno !== 0) return this.bindErrno;
    if (to.family !== this.family) return EAFNOSUPPORT;
    if (!isValidEndpoint(to) || to.port === 0) return EINVAL;
    if (data.length > (this.family === AF_INET ? MAX_PAYLOAD_IPV4 : MAX_PAYLOAD_IPV6)) return EMSGSIZE;
    if (!same_addr(to.addr, this.lastDest)) {
      this.lastDest = to.addr.slice();
      this.lastDestText = addressToText(to.addr);
    }
    const address = this.lastDestText;
    if (!this.broadcast && this.isBroadcast(address)) return EACCES;
    // One datagram may always go when nothing is in flight, whatever the budget.
    if (this.inFlightBytes > 0 && this.inFlightBytes + data.length > this.sendBudget) {
      this.wantsWritable = true;
      return EAGAIN;
    }
    // Node keeps a reference to the buffer until the datagram is sent: copy, so the caller may reuse `data`.
    const copy = Buffer.from(data);
    const length = copy.length;
    this.inFlightBytes += length;
    try {
      this.socket.send(copy, to.port, address, this.onSentNext);
      this.inFlightLengths.push(length);
    } catch (error) {
      this.inFlightBytes -= length;
      return errnoFromNodeError(error);
    }
    return 0;
  }

  membership(group: Endpoint, join: boolean): number {
    if (group.family !== this.family || group.addr.length !== addressLength(this.family)) return EINVAL;
    if (!isMulticast(group.addr)) return EINVAL;
    const address = addressToText(group.addr);
    return this.onceBound(() => {
      if (join) this.socket.addMembership(address);
      else this.socket.dropMembership(address);
    });
  }

  /** Sets a port option (TTL, multicast TTL and loop, broadcast); returns 0 or an errno. */
  setOption(option: PortOption, value: number): number {
    switch (option) {
      case 'ttl':
        if (!isByte(value, 1)) return EINVAL;
        return this.onceBound(() => this.socket.setTTL(value));
      case 'multicastTtl':
        if (!isByte(value, 0)) return EINVAL;
        return this.onceBound(() => this.socket.setMulticastTTL(value));
      case 'multicastLoop':
        return this.onceBound(() => this.socket.setMulticastLoopback(value !== 0));
      case 'broadcast':
        this.broadcast = value !== 0;
        return this.onceBound(() => this.socket.setBroadcast(value !== 0));
      case 'rcvbuf':
        if (!(value >= 0)) return EINVAL;
        this.receiveBytes = Math.max(MIN_BUDGET, value);
        return this.onceBound(() => this.socket.setRecvBufferSize(Math.max(MIN_BUDGET, value)));
      case 'sndbuf':
        if (!(value >= 0)) return EINVAL;
        this.sendBudget = Math.max(MIN_BUDGET, value);
        return this.onceBound(() => this.socket.setSendBufferSize(Math.max(MIN_BUDGET, value)));
      default:
        return ENOPROTOOPT;
    }
  }

  /** Closes the socket and releases its port. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.whenBound.length = 0;
    try {
      this.socket.close();
    } catch {
      // Already closed by Node after a failure: nothing left to release.
    }
  }

  private isBroadcast(address: string): boolean {
    return this.family === AF_INET && (address === LIMITED_BROADCAST || this.settings.broadcastAddresses.has(address));
  }

  /** Runs `apply` now if bound (returning its errno), or when the bind completes (reporting a failure as an event). */
  private onceBound(apply: () => void): number {
    if (this.closed) return EBADF;
    if (this.bindErrno !== 0) return this.bindErrno;
    if (!this.bound) {
      this.whenBound.push(apply);
      return 0;
    }
    try {
      apply();
      return 0;
    } catch (error) {
      return errnoFromNodeError(error);
    }
  }

  private readonly onListening = (): void => {
    if (this.closed) return;
    this.bound = true;
    const address = this.socket.address();
    this.localEndpoint = endpointFromText(address.address, address.port, this.family);
    for (const apply of this.whenBound.splice(0)) {
      try {
        apply();
      } catch (error) {
        this.events.error(errnoFromNodeError(error));
        if (this.closed) return;
      }
    }
  };

  private readonly onMessage = (data: Buffer, source: RemoteInfo): void => {
    if (this.closed) return;
    const peer = this.peer;
    if (peer && (peer.port !== source.port || peer.address !== source.address)) return;
    const full =
      this.queue.length >= this.settings.receiveDatagrams ||
      (this.queue.length > 0 && this.queuedBytes + data.length > this.receiveBytes);
    if (full) {
      this.droppedCount++;
      return;
    }
    this.queue.push({ data, address: source.address, port: source.port });
    this.queuedBytes += data.length;
    this.events.readable();
  };

  private readonly onError = (error: Error): void => {
    if (this.closed) return;
    const errno = errnoFromNodeError(error);
    if (!this.bound && errno === EADDRINUSE && this.ephemeralRetries > 0) {
      this.ephemeralRetries--;
      this.socket.close();
      // Datagrams Node held for the failed bind are lost, as UDP may lose them.
      this.inFlightBytes = 0;
      this.inFlightLengths.length = 0;
      this.socket = this.bindSocket();
      if (this.wantsWritable) process.nextTick(() => this.onSent(null, 0));
      return;
    }
    if (!this.bound && this.bindErrno === 0) {
      this.bindErrno = errno;
      this.whenBound.length = 0;
    }
    this.events.error(errno);
  };

  /** Node completes sends in order: each callback is the oldest length's. */
  private readonly onSentNext = (error: Error | null): void => {
    const length = this.inFlightLengths.shift();
    this.onSent(error, length === undefined ? 0 : length);
  };

  private onSent(error: Error | null, length: number): void {
    this.inFlightBytes = Math.max(0, this.inFlightBytes - length);
    if (this.closed) return;
    if (error) this.events.error(errnoFromNodeError(error));
    if (this.wantsWritable && this.inFlightBytes < this.sendBudget && !this.closed) {
      this.wantsWritable = false;
      this.events.writable();
    }
  }
}

/** Opens a UDP socket bound to `local`; returns it or an errno found without waiting. */
export function udpOpen(local: Endpoint, events: UdpEvents, settings: UdpSettings, shared: boolean): NodeUdpSocket | number {
  if (addressLength(local.family) === 0) return EAFNOSUPPORT;
  if (!isValidEndpoint(local)) return EINVAL;
  return new NodeUdpSocket(local, events, settings, shared);
}
