/** Segments a connection receives: the handshake, resets, ACKs (windows, congestion, fast retransmit) and in-order or held data. */
import { ECONNREFUSED, ECONNRESET } from '../../lib/errno';
import type { Packet } from './packet';
import * as wire from './packet';
import { EV_CONNECTED, EV_READABLE, EV_WRITABLE, K_DELACK, MAX_SEGMENTS_PER_CALL, TcpState, type TcpStateValue } from './tcp-control';
import { TcpTimers } from './tcp-timers';

const TCP_ACK = wire.TCP_ACK;
const TCP_FIN = wire.TCP_FIN;
const TCP_RST = wire.TCP_RST;
const TCP_SYN = wire.TCP_SYN;

export abstract class TcpInput extends TcpTimers {
  protected learnPeer(syn: Packet): void {
    const defaultMss = this.v6 ? 1220 : 536;
    this.mss = Math.min(this.ownMss, syn.mss > 0 ? syn.mss : defaultMss);
    this.sndWnd = syn.window;
    this.cwnd = Math.min(4 * this.mss, Math.max(2 * this.mss, 4380));
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

  protected inputSynSent(packet: Packet): void {
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

  protected completeHandshake(packet: Packet): void {
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

  protected inputReset(packet: Packet): void {
    const position = this.receivePosition(packet.seq);
    // Only a reset inside the receive window counts (blind resets are ignored).
    if (position < this.rcvNxt - 1 || position > this.rcvNxt + Math.max(this.receiveWindow(), 1)) return;
    if (this.state === TcpState.TimeWait || this.detached) {
      this.destroy();
      return;
    }
    this.fail(ECONNRESET);
  }

  protected inputAck(packet: Packet): void {
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

  protected finAcknowledged(): void {
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

  protected inputData(packet: Packet): void {
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
    // Only a full-sized segment's ACK may wait (for a second one): a small
    // segment is ACKed at once, so a Nagle sender's next byte is not held.
    if (this.peerFin || filledGap || !accepted || this.options.delayedAck <= 0 || data.length < this.mss) {
      this.sendAck();
      return;
    }
    this.unackedSegments++;
    if (this.unackedSegments >= 2) this.sendAck();
    else if (!this.delackTimer) this.delackTimer = this.host.clock.schedule(this.options.delayedAck, this, K_DELACK, null);
  }

  /** Takes the part of a segment at rcvNxt that fits the window; true when anything was taken. */
  protected accept(position: number, data: Uint8Array, fin: boolean, window: number): boolean {
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

  protected peerFinished(): void {
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
}
