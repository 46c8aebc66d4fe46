/**
 * The state of one TCP connection (its control block): RFC 793 states,
 * sequence positions, windows, timers, and the events it owes the core.
 * The layers above it (output, timers, input, the TcpConnection API) are
 * subclasses in their own files; the host is seen only through `TcpHost`.
 *
 * Positions count the connection's sequence space from the ISS: position 0
 * is the SYN, data byte i is at position i + 1, and the FIN follows the last
 * byte. Sequence numbers are positions plus the ISS, modulo 2^32.
 */
import type { EventSink, ScheduledEvent, VirtualClock } from './clock';
import type { Endpoint, TcpEvents } from '../../lib/port';
import type { TcpOptions } from './options';
import type { Packet, Station } from './packet';
import { IPV4_HEADER, IPV6_HEADER, TCP_HEADER } from './packet';
import { ReceiveQueue, ReorderBuffer, SendQueue } from './tcp-buffers';
import { RttEstimator } from './tcp-rtt';

/** Connection states (RFC 793 names). */
export const TcpState = {
  Closed: 0,
  SynSent: 1,
  SynReceived: 2,
  Established: 3,
  FinWait1: 4,
  FinWait2: 5,
  CloseWait: 6,
  Closing: 7,
  LastAck: 8,
  TimeWait: 9,
} as const;
export type TcpStateValue = (typeof TcpState)[keyof typeof TcpState];

/** What a connection needs from its host (a station frames come from): time, randomness, routing facts, a way out, and its table. */
export interface TcpHost extends Station {
  readonly clock: VirtualClock;
  now(): number;
  random32(): number;
  /** The MTU of the path to `peer`. */
  pathMtu(peer: Station): number;
  /** Sends a frame toward `packet.target`; 0 or an errno. */
  sendPacket(packet: Packet): number;
  /** Non-zero while a test has exhausted the host's buffers. */
  buffersExhausted(): number;
  /** Takes a connection out of the host's demultiplexing table. */
  removeConnection(connection: TcpControlBlock): void;
}

/** Whoever holds a connection that has not been accepted yet. */
export interface AcceptQueue {
  established(connection: TcpControlBlock): void;
  forget(connection: TcpControlBlock): void;
}

/** Event bits a connection owes the core, delivered together on the clock. */
export const EV_CONNECTED = 1;
export const EV_READABLE = 2;
export const EV_WRITABLE = 4;
export const EV_ERROR = 8;

/** Kinds of the connection's scheduled events. */
export const K_NOTIFY = 1;
export const K_RTO = 2;
export const K_PERSIST = 3;
export const K_DELACK = 4;
export const K_KEEPALIVE = 5;
export const K_LINGER = 6;

/** A bound on loops that emit segments, far above any window's segment count. */
export const MAX_SEGMENTS_PER_CALL = 1 << 20;

export const EMPTY = new Uint8Array(0);

export abstract class TcpControlBlock implements EventSink {
  state: TcpStateValue = TcpState.Closed;
  protected events: TcpEvents | null = null;
  protected pendingEvents = 0;
  protected notifyEvent: ScheduledEvent | null = null;
  protected errno = 0;
  /** close() or abort() was called: no more events, and the host may drop it. */
  protected detached = false;
  /** A listener holds it until accept(). */
  acceptQueue: AcceptQueue | null = null;

  // Options.
  protected nodelay = false;
  protected keepalive = false;
  protected keepIdle: number;
  protected keepIntvl: number;
  protected keepCnt: number;
  protected sndbuf: number;
  protected rcvbuf: number;
  protected ttl = 64;
  protected tos = 0;

  // Send side (positions).
  protected iss = 0;
  protected una = 0;
  protected nxt = 0;
  protected maxSent = 0;
  protected readonly sendQueue: SendQueue;
  protected finQueued = false;
  protected sndWnd = 0;
  protected cwnd = 0;
  protected ssthresh = 0x3fffffff;
  protected ownMss: number;
  protected mss: number;
  protected dupAcks = 0;
  protected retries = 0;
  protected rto: number;
  protected readonly rtt: RttEstimator;
  /** The retransmission timer: the event may fire before the deadline, and then re-arms itself (cheap restarts on every ACK). */
  protected rtoTimer: ScheduledEvent | null = null;
  protected rtoDeadline = -1;
  protected persistTimer: ScheduledEvent | null = null;
  protected persistBackoff = 0;
  protected wantWritable = false;

  // Receive side (positions relative to the peer's ISS).
  protected irs = 0;
  protected rcvNxt = 0;
  protected readonly receiveQueue = new ReceiveQueue();
  protected readonly reorder = new ReorderBuffer();
  protected peerFin = false;
  protected lastAdvertised = 0;
  protected rcvShift = 0;
  protected unackedSegments = 0;
  protected delackTimer: ScheduledEvent | null = null;

  // Keepalive and closing timers.
  protected lastReceived = 0;
  protected keepProbes = 0;
  protected keepTimer: ScheduledEvent | null = null;
  protected lingerTimer: ScheduledEvent | null = null;

  protected readonly v6: boolean;

  constructor(
    readonly host: TcpHost,
    readonly local: Endpoint,
    readonly remote: Endpoint,
    protected readonly peerHost: Station,
    protected readonly options: TcpOptions,
  ) {
    this.v6 = local.addr.length === 16;
    this.keepIdle = options.keepIdle;
    this.keepIntvl = options.keepIntvl;
    this.keepCnt = options.keepCnt;
    this.sndbuf = options.sndbuf;
    this.rcvbuf = options.rcvbuf;
    this.rtt = new RttEstimator(options);
    this.rto = options.initialRto;
    const mtu = host.pathMtu(peerHost);
    this.ownMss = Math.max(1, Math.min(options.mss, mtu - (this.v6 ? IPV6_HEADER : IPV4_HEADER) - TCP_HEADER));
    this.mss = this.ownMss;
    this.sendQueue = new SendQueue(this.ownMss);
  }

  protected canWrite(): boolean {
    return (this.state === TcpState.Established || this.state === TcpState.CloseWait) && !this.finQueued && this.errno === 0;
  }

  protected unacknowledgedBytes(): number {
    return this.sendQueue.end - Math.max(this.una - 1, 0);
  }

  protected receiveWindow(): number {
    const window = this.rcvbuf - this.receiveQueue.size;
    return window > 0 ? window : 0;
  }

  protected stopTimers(): void {
    const clock = this.host.clock;
    this.rtoDeadline = -1;
    clock.cancel(this.rtoTimer);
    clock.cancel(this.persistTimer);
    clock.cancel(this.delackTimer);
    clock.cancel(this.keepTimer);
    clock.cancel(this.lingerTimer);
    this.rtoTimer = this.persistTimer = this.delackTimer = this.keepTimer = this.lingerTimer = null;
  }

  protected fail(errno: number): void {
    this.errno = errno;
    this.destroy();
    this.notify(EV_ERROR);
  }

  /** Leaves the host's tables; received bytes stay readable. */
  protected destroy(): void {
    this.state = TcpState.Closed;
    this.stopTimers();
    this.host.removeConnection(this);
    // A half-open connection leaves its listener; an established one that failed stays to be accepted.
    if (this.acceptQueue && this.errno === 0) this.acceptQueue.forget(this);
  }

  protected notifyWritable(): void {
    this.wantWritable = false;
    this.notify(EV_WRITABLE);
  }

  protected notify(bits: number): void {
    if (this.detached || bits === 0) return;
    this.pendingEvents |= bits;
    if (!this.notifyEvent && this.events) this.notifyEvent = this.host.clock.schedule(0, this, K_NOTIFY, null, true);
  }

  protected dispatch(): void {
    this.notifyEvent = null;
    const events = this.events;
    if (!events || this.detached) return;
    const bits = this.pendingEvents;
    this.pendingEvents = 0;
    if (bits & EV_CONNECTED) events.connected();
    if (bits & EV_READABLE && !this.detached) events.readable();
    if (bits & EV_WRITABLE && !this.detached) events.writable();
    if (bits & EV_ERROR && !this.detached) {
      events.error(this.errno);
    }
  }

  protected ackPosition(ack: number): number {
    return this.una + ((ack - (this.iss + this.una)) | 0);
  }

  protected receivePosition(seq: number): number {
    return this.rcvNxt + ((seq - (this.irs + this.rcvNxt)) | 0);
  }

  abstract handleEvent(kind: number, data: unknown): void;
}
