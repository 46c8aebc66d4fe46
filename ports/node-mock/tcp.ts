/**
 * One TCP connection as a plain state machine: it turns segments and timer
 * expiries into segments and port events. It knows nothing of links or
 * faults; the host hands it segments addressed to it.
 *
 * Positions count the connection's sequence space from the ISS: position 0
 * is the SYN, data byte i is at position i + 1, and the FIN follows the last
 * byte. Sequence numbers are positions plus the ISS, modulo 2^32.
 */
import type { EventSink, ScheduledEvent } from './clock';
import type { Endpoint, PortOption, TcpConnection, TcpEvents } from '../../lib/port';
import { ECONNREFUSED, ECONNRESET, EINVAL, ENOPROTOOPT, ETIMEDOUT } from '../../lib/errno';
import type { Host } from './host';
import type { TcpOptions } from './options';
import * as wire from './packet';
import { Packet } from './packet';
import { ReceiveQueue, ReorderBuffer, SendQueue } from './tcp-buffers';
import { RttEstimator } from './tcp-rtt';
import { sameAddress } from './ip';

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

/** Whoever holds a connection that has not been accepted yet. */
export interface AcceptQueue {
  established(connection: TcpConnectionImpl): void;
  forget(connection: TcpConnectionImpl): void;
}

// Local copies: some module loaders turn imported bindings into getters, which the per-segment path should not pay for.
const PROTO_TCP = wire.PROTO_TCP;
const TCP_ACK = wire.TCP_ACK;
const TCP_FIN = wire.TCP_FIN;
const TCP_PSH = wire.TCP_PSH;
const TCP_RST = wire.TCP_RST;
const TCP_SYN = wire.TCP_SYN;
const IPV4_HEADER = wire.IPV4_HEADER;
const IPV6_HEADER = wire.IPV6_HEADER;
const TCP_HEADER = wire.TCP_HEADER;

const EV_CONNECTED = 1;
const EV_READABLE = 2;
const EV_WRITABLE = 4;
const EV_ERROR = 8;

const K_NOTIFY = 1;
const K_RTO = 2;
const K_PERSIST = 3;
const K_DELACK = 4;
const K_KEEPALIVE = 5;
const K_LINGER = 6;

/** A bound on loops that emit segments, far above any window's segment count. */
const MAX_SEGMENTS_PER_CALL = 1 << 20;

export class TcpConnectionImpl implements TcpConnection, EventSink {
  state: TcpStateValue = TcpState.Closed;
  private events: TcpEvents | null = null;
  private pendingEvents = 0;
  private notifyEvent: ScheduledEvent | null = null;
  private errno = 0;
  /** close() or abort() was called: no more events, and the host may drop it. */
  private detached = false;
  /** A listener holds it until accept(). */
  acceptQueue: AcceptQueue | null = null;

  // Options.
  private nodelay = false;
  private keepalive = false;
  private keepIdle: number;
  private keepIntvl: number;
  private keepCnt: number;
  private sndbuf: number;
  private rcvbuf: number;
  private ttl = 64;
  private tos = 0;

  // Send side (positions).
  private iss = 0;
  private una = 0;
  private nxt = 0;
  private maxSent = 0;
  private readonly sendQueue: SendQueue;
  private finQueued = false;
  private sndWnd = 0;
  private cwnd = 0;
  private ssthresh = 0x3fffffff;
  private ownMss: number;
  private mss: number;
  private dupAcks = 0;
  private retries = 0;
  private rto: number;
  private readonly rtt: RttEstimator;
  /** The retransmission timer: the event may fire before the deadline, and then re-arms itself (cheap restarts on every ACK). */
  private rtoTimer: ScheduledEvent | null = null;
  private rtoDeadline = -1;
  private persistTimer: ScheduledEvent | null = null;
  private persistBackoff = 0;
  private wantWritable = false;

  // Receive side (positions relative to the peer's ISS).
  private irs = 0;
  private rcvNxt = 0;
  private readonly receiveQueue = new ReceiveQueue();
  private readonly reorder = new ReorderBuffer();
  private peerFin = false;
  private lastAdvertised = 0;
  private rcvShift = 0;
  private unackedSegments = 0;
  private delackTimer: ScheduledEvent | null = null;

  // Keepalive and closing timers.
  private lastReceived = 0;
  private keepProbes = 0;
  private keepTimer: ScheduledEvent | null = null;
  private lingerTimer: ScheduledEvent | null = null;

  private readonly v6: boolean;

  constructor(
    readonly host: Host,
    readonly local: Endpoint,
    readonly remote: Endpoint,
    private readonly peerHost: Host,
    private readonly options: TcpOptions,
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

  // ---- Opening -------------------------------------------------------

  /** Active open: sends the SYN. */
  openActive(events: TcpEvents): void {
    this.events = events;
    this.iss = this.host.random32();
    this.state = TcpState.SynSent;
    this.sendSyn();
  }

  /** Passive open from a listener's SYN. */
  openPassive(syn: Packet, queue: AcceptQueue): void {
    this.acceptQueue = queue;
    this.iss = this.host.random32();
    this.irs = syn.seq;
    this.rcvNxt = 1;
    this.learnPeer(syn);
    this.state = TcpState.SynReceived;
    this.lastReceived = this.host.now();
    this.sendSyn();
  }

  /** Hands an accepted connection its events; replays what happened before accept. */
  adopt(events: TcpEvents): void {
    this.events = events;
    this.acceptQueue = null;
    let bits = 0;
    if (this.receiveQueue.size > 0 || this.peerFin) bits |= EV_READABLE;
    if (this.errno !== 0) bits |= EV_ERROR;
    this.notify(bits | this.pendingEvents);
  }

  private learnPeer(syn: Packet): void {
    const defaultMss = this.v6 ? 1220 : 536;
    this.mss = Math.min(this.ownMss, syn.mss > 0 ? syn.mss : defaultMss);
    this.sndWnd = syn.window;
    this.cwnd = Math.min(4 * this.mss, Math.max(2 * this.mss, 4380));
  }

  private sendSyn(): void {
    let shift = 0;
    while (shift < 14 && this.rcvbuf >> shift > 0xffff) shift++;
    this.rcvShift = shift;
    const synAck = this.state === TcpState.SynReceived;
    const packet = this.segment(TCP_SYN | (synAck ? TCP_ACK : 0), 0, EMPTY, synAck);
    packet.mss = this.ownMss;
    packet.wscale = shift;
    if (this.maxSent < 1) this.maxSent = 1;
    this.nxt = 1;
    if (this.retries === 0) this.rtt.start(1, this.host.now());
    else this.rtt.cancel();
    this.host.sendPacket(packet);
    this.armRto();
  }

  // ---- TcpConnection ---------------------------------------------------

  available(): number {
    return this.receiveQueue.size;
  }

  finished(): boolean {
    return this.peerFin && this.receiveQueue.size === 0;
  }

  read(into: Uint8Array): number {
    const count = this.receiveQueue.read(into);
    if (count > 0) this.maybeWindowUpdate();
    return count;
  }

  room(): number {
    if (!this.canWrite()) return 0;
    if (this.host.buffersExhausted() !== 0) {
      this.wantWritable = true;
      return 0;
    }
    const room = this.sndbuf - this.unacknowledgedBytes();
    if (room <= 0) {
      this.wantWritable = true;
      return 0;
    }
    return room;
  }

  write(data: Uint8Array): number {
    const room = this.room();
    const count = data.length < room ? data.length : room;
    if (count < data.length) this.wantWritable = true;
    if (count === 0) return 0;
    this.sendQueue.append(count === data.length ? data : data.subarray(0, count));
    this.output();
    return count;
  }

  shutdownWrite(): void {
    if (this.finQueued) return;
    if (this.state === TcpState.Established) this.state = TcpState.FinWait1;
    else if (this.state === TcpState.CloseWait) this.state = TcpState.LastAck;
    else if (this.state === TcpState.SynSent || this.state === TcpState.SynReceived) {
      // No FIN can go before the handshake; closing now drops the attempt.
      this.destroy();
      return;
    } else return;
    this.finQueued = true;
    this.output();
  }

  close(): void {
    if (this.detached) return;
    this.detached = true;
    this.events = null;
    // Unread data on close means the application lost bytes: tell the peer with RST.
    if (this.receiveQueue.size > 0) {
      this.abortConnection();
      return;
    }
    if (this.state === TcpState.Closed) return;
    if (this.state === TcpState.SynSent) {
      this.destroy();
      return;
    }
    this.shutdownWrite();
    if (this.state === TcpState.FinWait2) this.armLinger(this.options.finWait2Timeout);
  }

  abort(): void {
    if (this.detached) return;
    this.detached = true;
    this.events = null;
    this.abortConnection();
  }

  setOption(option: PortOption, value: number): number {
    switch (option) {
      case 'nodelay':
        this.nodelay = value !== 0;
        if (this.nodelay) this.output();
        return 0;
      case 'keepalive':
        this.keepalive = value !== 0;
        this.keepProbes = 0;
        this.host.clock.cancel(this.keepTimer);
        this.keepTimer = null;
        if (this.keepalive) this.armKeepalive(this.keepIdle * 1000);
        return 0;
      case 'keepidle':
      case 'keepintvl':
      case 'keepcnt':
        if (!(value >= 1)) return EINVAL;
        if (option === 'keepidle') this.keepIdle = value;
        else if (option === 'keepintvl') this.keepIntvl = value;
        else this.keepCnt = value;
        // A new idle time counts from the last segment received, not from when keepalive was enabled.
        if (option === 'keepidle' && this.keepalive && this.keepProbes === 0) this.armKeepalive(0);
        return 0;
      case 'rcvbuf':
        if (!(value >= 1)) return EINVAL;
        this.rcvbuf = value;
        this.maybeWindowUpdate();
        return 0;
      case 'sndbuf':
        if (!(value >= 1)) return EINVAL;
        this.sndbuf = value;
        if (this.sndbuf > this.unacknowledgedBytes()) this.notifyWritable();
        return 0;
      case 'ttl':
        if (!(value >= 1 && value <= 255)) return EINVAL;
        this.ttl = value;
        return 0;
      case 'tos':
        this.tos = value & 0xff;
        return 0;
      default:
        return ENOPROTOOPT;
    }
  }

  // ---- Host-facing ---------------------------------------------------

  /** True when this connection owns the 4-tuple of `packet`. */
  matches(packet: Packet): boolean {
    return sameAddress(this.local.addr, packet.dst) && sameAddress(this.remote.addr, packet.src);
  }

  /** Fails the connection with `errno` as if the network reported it, sending RST to the peer. */
  injectError(errno: number): void {
    if (this.state === TcpState.Closed) return;
    this.sendReset();
    this.fail(errno);
  }

  /** Called when the host's buffers come back after exhaustion. */
  buffersRestored(): void {
    if (this.wantWritable && this.room() > 0) this.notifyWritable();
  }

  input(packet: Packet): void {
    this.lastReceived = this.host.now();
    this.keepProbes = 0;
    const flags = packet.flags;
    switch (this.state) {
      case TcpState.Closed:
        return;
      case TcpState.SynSent:
        this.inputSynSent(packet);
        return;
      case TcpState.SynReceived:
        if (flags & TCP_RST) {
          this.destroy();
          return;
        }
        if (flags & TCP_SYN && !(flags & TCP_ACK)) {
          // The client missed our SYN-ACK.
          this.sendSyn();
          return;
        }
        if (!(flags & TCP_ACK)) return;
        if (this.ackPosition(packet.ack) !== 1) {
          this.sendRawReset(packet.ack);
          return;
        }
        this.completeHandshake(packet);
        if (this.acceptQueue) this.acceptQueue.established(this);
        break;
      default:
        break;
    }
    if (flags & TCP_RST) {
      this.inputReset(packet);
      return;
    }
    if (flags & TCP_SYN) {
      // A retransmitted SYN-ACK: our ACK was lost.
      this.sendAck();
      return;
    }
    if (flags & TCP_ACK) this.inputAck(packet);
    // inputAck may have closed the connection.
    if ((this.state as TcpStateValue) !== TcpState.Closed) this.inputData(packet);
  }

  private inputSynSent(packet: Packet): void {
    const flags = packet.flags;
    const ackOk = (flags & TCP_ACK) !== 0 && this.ackPosition(packet.ack) === 1;
    if (flags & TCP_ACK && !ackOk) {
      if (!(flags & TCP_RST)) this.sendRawReset(packet.ack);
      return;
    }
    if (flags & TCP_RST) {
      if (ackOk) this.fail(ECONNREFUSED);
      return;
    }
    if (!(flags & TCP_SYN) || !ackOk) return;
    this.irs = packet.seq;
    this.rcvNxt = 1;
    this.learnPeer(packet);
    this.completeHandshake(packet);
    this.sendAck();
    this.notify(EV_CONNECTED | EV_WRITABLE);
  }

  private completeHandshake(packet: Packet): void {
    this.state = TcpState.Established;
    this.una = 1;
    if (this.nxt < 1) this.nxt = 1;
    this.sndWnd = packet.window;
    this.rtt.acknowledged(1, this.host.now());
    this.retries = 0;
    this.rto = this.rtt.rto();
    this.stopRto();
    if (this.keepalive) this.armKeepalive(this.keepIdle * 1000);
  }

  private inputReset(packet: Packet): void {
    const position = this.receivePosition(packet.seq);
    // Only a reset inside the receive window counts (blind resets are ignored).
    if (position < this.rcvNxt - 1 || position > this.rcvNxt + Math.max(this.receiveWindow(), 1)) return;
    if (this.state === TcpState.TimeWait || this.detached) {
      this.destroy();
      return;
    }
    this.fail(ECONNRESET);
  }

  private inputAck(packet: Packet): void {
    const position = this.ackPosition(packet.ack);
    if (position > this.maxSent) {
      this.sendAck();
      return;
    }
    if (position < this.una) return;
    const finPosition = this.sendQueue.end + 1;
    if (position > this.una) {
      const acked = position - this.una;
      this.una = position;
      if (this.nxt < position) this.nxt = position;
      this.sendQueue.release(Math.min(position, finPosition) - 1);
      this.dupAcks = 0;
      this.retries = 0;
      this.rtt.acknowledged(position, this.host.now());
      this.rto = this.rtt.rto();
      this.cwnd += this.cwnd < this.ssthresh ? Math.min(acked, this.mss) : Math.max(1, Math.floor((this.mss * this.mss) / this.cwnd));
      if (this.una < this.maxSent) this.armRto();
      else this.stopRto();
      if (this.wantWritable && this.canWrite()) this.notifyWritable();
      if (this.finQueued && position > finPosition) this.finAcknowledged();
    } else if (packet.payload.length === 0 && !(packet.flags & TCP_FIN) && packet.window > 0 && packet.window === this.sndWnd && this.una < this.maxSent) {
      this.dupAcks++;
      if (this.dupAcks === 3) this.fastRetransmit();
    }
    this.sndWnd = packet.window;
    // Any answer while the window is closed shows the peer is alive.
    if (this.sndWnd === 0) this.retries = 0;
    if (this.sndWnd > 0 && this.persistTimer) {
      this.host.clock.cancel(this.persistTimer);
      this.persistTimer = null;
      this.persistBackoff = 0;
    }
    this.output();
  }

  private finAcknowledged(): void {
    switch (this.state) {
      case TcpState.FinWait1:
        this.state = TcpState.FinWait2;
        if (this.detached) this.armLinger(this.options.finWait2Timeout);
        break;
      case TcpState.Closing:
        this.enterTimeWait();
        break;
      case TcpState.LastAck:
        this.destroy();
        break;
      default:
        break;
    }
  }

  private inputData(packet: Packet): void {
    const data = packet.payload;
    const fin = (packet.flags & TCP_FIN) !== 0;
    const position = this.receivePosition(packet.seq);
    if (data.length === 0 && !fin) {
      // An old sequence number with no data is a keepalive probe: answer it.
      if (position < this.rcvNxt) this.sendAck();
      return;
    }
    const receiving = this.state === TcpState.Established || this.state === TcpState.FinWait1 || this.state === TcpState.FinWait2;
    if (!receiving || position + data.length + (fin ? 1 : 0) <= this.rcvNxt) {
      // Everything in it has been seen (or no more is expected): a duplicate.
      this.sendAck();
      if (this.state === TcpState.TimeWait) this.armLinger(this.options.timeWait);
      return;
    }
    const window = this.receiveWindow();
    if (position > this.rcvNxt) {
      const offset = position - this.rcvNxt;
      if (offset < window) {
        const fits = Math.min(data.length, window - offset);
        this.reorder.insert({ position, data: data.subarray(0, fits), fin: fin && fits === data.length });
      }
      this.sendAck();
      return;
    }
    if (this.detached && data.length > 0) {
      // Data for a socket the application closed: nobody will read it.
      this.abortConnection();
      return;
    }
    const accepted = this.accept(position, data, fin, window);
    let filledGap = false;
    for (let i = 0; i < MAX_SEGMENTS_PER_CALL && !this.peerFin; i++) {
      const held = this.reorder.takeReady(this.rcvNxt);
      if (!held) break;
      filledGap = true;
      this.accept(held.position, held.data, held.fin, this.receiveWindow());
    }
    if (this.peerFin) this.reorder.clear();
    if (accepted || filledGap) this.notify(EV_READABLE);
    if (this.peerFin || filledGap || !accepted || this.options.delayedAck <= 0) {
      this.sendAck();
      return;
    }
    this.unackedSegments++;
    if (this.unackedSegments >= 2) this.sendAck();
    else if (!this.delackTimer) this.delackTimer = this.host.clock.schedule(this.options.delayedAck, this, K_DELACK, null);
  }

  /** Takes the part of a segment at rcvNxt that fits the window; true when anything was taken. */
  private accept(position: number, data: Uint8Array, fin: boolean, window: number): boolean {
    const skip = this.rcvNxt - position;
    let view = skip > 0 ? data.subarray(skip) : data;
    let finTaken = fin;
    if (view.length > window) {
      view = view.subarray(0, window > 0 ? window : 0);
      finTaken = false;
    }
    if (view.length === 0 && !finTaken) return false;
    this.receiveQueue.push(view);
    this.rcvNxt += view.length;
    if (finTaken) {
      this.rcvNxt += 1;
      this.peerFin = true;
      this.peerFinished();
    }
    return true;
  }

  private peerFinished(): void {
    switch (this.state) {
      case TcpState.Established:
        this.state = TcpState.CloseWait;
        break;
      case TcpState.FinWait1:
        this.state = TcpState.Closing;
        break;
      case TcpState.FinWait2:
        this.enterTimeWait();
        break;
      default:
        break;
    }
  }

  // ---- Output -----------------------------------------------------------

  private canWrite(): boolean {
    return (this.state === TcpState.Established || this.state === TcpState.CloseWait) && !this.finQueued && this.errno === 0;
  }

  private unacknowledgedBytes(): number {
    return this.sendQueue.end - Math.max(this.una - 1, 0);
  }

  /** Sends what the windows allow, honouring Nagle and avoiding silly windows. */
  private output(): void {
    const state = this.state;
    if (state === TcpState.Closed || state === TcpState.SynSent || state === TcpState.SynReceived || state === TcpState.TimeWait) return;
    const dataEnd = this.sendQueue.end + 1;
    const end = this.finQueued ? dataEnd + 1 : dataEnd;
    for (let i = 0; i < MAX_SEGMENTS_PER_CALL && this.nxt < end; i++) {
      const dataLeft = dataEnd - this.nxt;
      const usable = this.una + Math.min(this.sndWnd, this.cwnd) - this.nxt;
      let length = dataLeft < this.mss ? dataLeft : this.mss;
      if (length > usable) length = usable > 0 ? usable : 0;
      if (length < 0) length = 0;
      const fin = this.finQueued && this.nxt + length === dataEnd;
      if (length === 0 && !fin) {
        if (dataLeft > 0) this.armPersist();
        return;
      }
      if (!fin && length < this.mss && this.nxt > this.una && (!this.nodelay || length < dataLeft)) return;
      this.sendData(this.nxt, length, fin);
      const newData = this.nxt === this.maxSent;
      this.nxt += length + (fin ? 1 : 0);
      if (this.nxt > this.maxSent) this.maxSent = this.nxt;
      if (newData) this.rtt.start(this.nxt, this.host.now());
      if (this.rtoDeadline < 0) this.armRto();
    }
  }

  private sendData(position: number, length: number, fin: boolean): void {
    const payload = length > 0 ? this.sendQueue.slice(position - 1, length) : EMPTY;
    const flags = TCP_ACK | (fin ? TCP_FIN : 0) | (length > 0 ? TCP_PSH : 0);
    this.host.sendPacket(this.segment(flags, position, payload, true));
  }

  private segment(flags: number, position: number, payload: Uint8Array, withAck: boolean): Packet {
    const p = new Packet();
    p.v6 = this.v6;
    p.src = this.local.addr;
    p.dst = this.remote.addr;
    p.protocol = PROTO_TCP;
    p.ttl = this.ttl;
    p.tos = this.tos;
    p.srcPort = this.local.port;
    p.dstPort = this.remote.port;
    p.seq = (this.iss + position) >>> 0;
    p.flags = flags;
    p.payload = payload;
    p.origin = this.host;
    p.target = this.peerHost;
    if (withAck) {
      p.ack = (this.irs + this.rcvNxt) >>> 0;
      const window = this.receiveWindow();
      p.window = window;
      p.windowShift = flags & TCP_SYN ? 0 : this.rcvShift;
      this.lastAdvertised = window;
      this.unackedSegments = 0;
      if (this.delackTimer) {
        this.host.clock.cancel(this.delackTimer);
        this.delackTimer = null;
      }
    } else if (flags & TCP_SYN) {
      p.window = this.lastAdvertised = this.receiveWindow();
    }
    return p;
  }

  private sendAck(): void {
    if (this.state === TcpState.Closed) return;
    this.host.sendPacket(this.segment(TCP_ACK, this.nxt, EMPTY, true));
  }

  private maybeWindowUpdate(): void {
    const state = this.state;
    if (state !== TcpState.Established && state !== TcpState.FinWait1 && state !== TcpState.FinWait2) return;
    const window = this.receiveWindow();
    const threshold = Math.min(this.mss, this.rcvbuf >> 1);
    if (window - this.lastAdvertised >= Math.max(threshold, 1)) this.sendAck();
  }

  private receiveWindow(): number {
    const window = this.rcvbuf - this.receiveQueue.size;
    return window > 0 ? window : 0;
  }

  private fastRetransmit(): void {
    const flight = this.maxSent - this.una;
    this.ssthresh = Math.max(flight >> 1, 2 * this.mss);
    this.cwnd = this.ssthresh;
    this.rtt.cancel();
    this.retransmitFirst();
  }

  private retransmitFirst(): void {
    const dataEnd = this.sendQueue.end + 1;
    const dataLeft = dataEnd - this.una;
    const length = Math.min(dataLeft, this.mss, this.maxSent - this.una);
    const fin = this.finQueued && this.una + length === dataEnd && this.maxSent > dataEnd;
    if (length > 0 || fin) this.sendData(this.una, length, fin);
  }

  private sendReset(): void {
    const state = this.state;
    if (state === TcpState.Closed || state === TcpState.SynSent || state === TcpState.TimeWait) return;
    this.host.sendPacket(this.segment(TCP_RST | TCP_ACK, this.nxt, EMPTY, true));
  }

  /** A RST for a segment that does not belong here (its ACK names our next sequence number). */
  private sendRawReset(ack: number): void {
    const p = this.segment(TCP_RST, 0, EMPTY, false);
    p.seq = ack;
    this.host.sendPacket(p);
  }

  private abortConnection(): void {
    this.sendReset();
    this.destroy();
  }

  // ---- Timers ---------------------------------------------------------

  handleEvent(kind: number): void {
    switch (kind) {
      case K_NOTIFY:
        this.dispatch();
        return;
      case K_RTO:
        this.rtoTimer = null;
        if (this.rtoDeadline < 0) return;
        if (this.host.now() < this.rtoDeadline) {
          this.rtoTimer = this.host.clock.schedule(this.rtoDeadline - this.host.now(), this, K_RTO, null);
          return;
        }
        this.rtoDeadline = -1;
        this.onRto();
        return;
      case K_PERSIST:
        this.persistTimer = null;
        this.onPersist();
        return;
      case K_DELACK:
        this.delackTimer = null;
        if (this.unackedSegments > 0) this.sendAck();
        return;
      case K_KEEPALIVE:
        this.keepTimer = null;
        this.onKeepalive();
        return;
      case K_LINGER:
        this.lingerTimer = null;
        this.destroy();
        return;
      default:
        return;
    }
  }

  private armRto(): void {
    const clock = this.host.clock;
    this.rtoDeadline = clock.now + this.rto;
    if (this.rtoTimer && this.rtoTimer.time <= this.rtoDeadline) return;
    clock.cancel(this.rtoTimer);
    this.rtoTimer = clock.schedule(this.rto, this, K_RTO, null);
  }

  private stopRto(): void {
    this.host.clock.cancel(this.rtoTimer);
    this.rtoTimer = null;
    this.rtoDeadline = -1;
  }

  private onRto(): void {
    this.rtt.cancel();
    this.rto = Math.min(this.rto * 2, this.options.maxRto);
    if (this.state === TcpState.SynSent || this.state === TcpState.SynReceived) {
      if (++this.retries > this.options.synRetries) {
        if (this.state === TcpState.SynSent) this.fail(ETIMEDOUT);
        else this.destroy();
        return;
      }
      this.sendSyn();
      return;
    }
    if (this.una >= this.maxSent || this.state === TcpState.Closed || this.state === TcpState.TimeWait) return;
    if (++this.retries > this.options.maxRetries) {
      this.sendReset();
      this.fail(ETIMEDOUT);
      return;
    }
    if (this.sndWnd === 0) {
      // The peer's window is closed: resend one byte as a probe instead of a window's worth.
      this.sendData(this.una, 1, false);
      this.armRto();
      return;
    }
    this.ssthresh = Math.max((this.maxSent - this.una) >> 1, 2 * this.mss);
    this.cwnd = this.mss;
    this.dupAcks = 0;
    this.nxt = this.una;
    this.output();
    if (this.rtoDeadline < 0 && this.una < this.maxSent) this.armRto();
  }

  private armPersist(): void {
    if (this.persistTimer || this.sndWnd > 0 || this.una < this.nxt) return;
    const delay = Math.min(Math.max(this.rtt.rto(), this.options.minRto) * (1 << Math.min(this.persistBackoff, 16)), this.options.maxRto);
    this.persistTimer = this.host.clock.schedule(delay, this, K_PERSIST, null);
  }

  /** Zero-window probe: one byte past the window, so the peer answers with its current window. */
  private onPersist(): void {
    if (this.state === TcpState.Closed) return;
    if (this.sndWnd > 0) {
      this.persistBackoff = 0;
      this.output();
      return;
    }
    if (++this.retries > this.options.maxRetries) {
      this.sendReset();
      this.fail(ETIMEDOUT);
      return;
    }
    const dataEnd = this.sendQueue.end + 1;
    if (this.nxt < dataEnd) {
      this.sendData(this.nxt, 1, false);
      if (this.nxt + 1 > this.maxSent) this.maxSent = this.nxt + 1;
    }
    this.persistBackoff++;
    this.armPersist();
  }

  private armKeepalive(delay: number): void {
    this.host.clock.cancel(this.keepTimer);
    this.keepTimer = this.host.clock.schedule(Math.max(delay, 0), this, K_KEEPALIVE, null);
  }

  private onKeepalive(): void {
    const state = this.state;
    if (!this.keepalive || (state !== TcpState.Established && state !== TcpState.CloseWait && state !== TcpState.FinWait2)) return;
    const idleMs = this.keepIdle * 1000;
    const quiet = this.host.now() - this.lastReceived;
    if (this.keepProbes === 0 && quiet < idleMs) {
      this.armKeepalive(idleMs - quiet);
      return;
    }
    if (this.keepProbes >= this.keepCnt) {
      this.sendReset();
      this.fail(ETIMEDOUT);
      return;
    }
    // Probe with the sequence number just before the next: the peer must answer with an ACK.
    this.host.sendPacket(this.segment(TCP_ACK, this.una - 1, EMPTY, true));
    this.keepProbes++;
    this.armKeepalive(this.keepIntvl * 1000);
  }

  private armLinger(delay: number): void {
    this.host.clock.cancel(this.lingerTimer);
    this.lingerTimer = this.host.clock.schedule(delay, this, K_LINGER, null);
  }

  private enterTimeWait(): void {
    this.state = TcpState.TimeWait;
    this.stopTimers();
    this.armLinger(this.options.timeWait);
  }

  // ---- Ending and events ------------------------------------------------

  private stopTimers(): void {
    const clock = this.host.clock;
    this.rtoDeadline = -1;
    clock.cancel(this.rtoTimer);
    clock.cancel(this.persistTimer);
    clock.cancel(this.delackTimer);
    clock.cancel(this.keepTimer);
    clock.cancel(this.lingerTimer);
    this.rtoTimer = this.persistTimer = this.delackTimer = this.keepTimer = this.lingerTimer = null;
  }

  private fail(errno: number): void {
    this.errno = errno;
    this.destroy();
    this.notify(EV_ERROR);
  }

  /** Leaves the host's tables; received bytes stay readable. */
  private destroy(): void {
    this.state = TcpState.Closed;
    this.stopTimers();
    this.host.removeConnection(this);
    // A half-open connection leaves its listener; an established one that failed stays to be accepted.
    if (this.acceptQueue && this.errno === 0) this.acceptQueue.forget(this);
  }

  private notifyWritable(): void {
    this.wantWritable = false;
    this.notify(EV_WRITABLE);
  }

  private notify(bits: number): void {
    if (this.detached || bits === 0) return;
    this.pendingEvents |= bits;
    if (!this.notifyEvent && this.events) this.notifyEvent = this.host.clock.schedule(0, this, K_NOTIFY, null, true);
  }

  private dispatch(): void {
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

  private ackPosition(ack: number): number {
    return this.una + ((ack - (this.iss + this.una)) | 0);
  }

  private receivePosition(seq: number): number {
    return this.rcvNxt + ((seq - (this.irs + this.rcvNxt)) | 0);
  }
}

const EMPTY = new Uint8Array(0);

