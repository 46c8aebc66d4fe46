/**
 * One TCP connection as a plain state machine: it turns segments and timer
 * expiries into segments and port events. It knows nothing of links or
 * faults; the host hands it segments addressed to it. This file is what the
 * core sees (TcpConnection); the machine beneath is split by seam:
 * tcp-control (state), tcp-output and tcp-input (segments), tcp-timers,
 * tcp-buffers and tcp-rtt.
 */
import type { PortOption, TcpConnection, TcpEvents } from '../../lib/port';
import { EINVAL, ENOPROTOOPT } from '../../lib/errno';
import { sameAddress } from './ip';
import type { Packet } from './packet';
import { type AcceptQueue, EV_ERROR, EV_READABLE, TcpState } from './tcp-control';
import { TcpInput } from './tcp-input';

export { TcpState, type TcpStateValue, type TcpHost, type AcceptQueue } from './tcp-control';

export class TcpConnectionImpl extends TcpInput implements TcpConnection {
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
}
