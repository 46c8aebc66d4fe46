/** Segments a connection sends: data within the windows (Nagle, silly-window avoidance), ACKs, SYNs, resets, retransmissions. */
import * as wire from './packet';
import { Packet } from './packet';
import { EMPTY, MAX_SEGMENTS_PER_CALL, TcpControlBlock, TcpState } from './tcp-control';

// Local copies: some module loaders turn imported bindings into getters, which the per-segment path should not pay for.
const PROTO_TCP = wire.PROTO_TCP;
const TCP_ACK = wire.TCP_ACK;
const TCP_FIN = wire.TCP_FIN;
const TCP_PSH = wire.TCP_PSH;
const TCP_RST = wire.TCP_RST;
const TCP_SYN = wire.TCP_SYN;

export abstract class TcpOutput extends TcpControlBlock {
  protected abstract armRto(): void;
  protected abstract armPersist(): void;

  protected sendSyn(): void {
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

  /** Sends what the windows allow, honouring Nagle and avoiding silly windows. */
  protected output(): void {
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

  protected sendData(position: number, length: number, fin: boolean): void {
    const payload = length > 0 ? this.sendQueue.slice(position - 1, length) : EMPTY;
    const flags = TCP_ACK | (fin ? TCP_FIN : 0) | (length > 0 ? TCP_PSH : 0);
    this.host.sendPacket(this.segment(flags, position, payload, true));
  }

  protected segment(flags: number, position: number, payload: Uint8Array, withAck: boolean): Packet {
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

  protected sendAck(): void {
    if (this.state === TcpState.Closed) return;
    this.host.sendPacket(this.segment(TCP_ACK, this.nxt, EMPTY, true));
  }

  protected maybeWindowUpdate(): void {
    const state = this.state;
    if (state !== TcpState.Established && state !== TcpState.FinWait1 && state !== TcpState.FinWait2) return;
    const window = this.receiveWindow();
    const threshold = Math.min(this.mss, this.rcvbuf >> 1);
    if (window - this.lastAdvertised >= Math.max(threshold, 1)) this.sendAck();
  }

  protected fastRetransmit(): void {
    const flight = this.maxSent - this.una;
    this.ssthresh = Math.max(flight >> 1, 2 * this.mss);
    this.cwnd = this.ssthresh;
    this.rtt.cancel();
    this.retransmitFirst();
  }

  protected retransmitFirst(): void {
    const dataEnd = this.sendQueue.end + 1;
    const dataLeft = dataEnd - this.una;
    const length = Math.min(dataLeft, this.mss, this.maxSent - this.una);
    const fin = this.finQueued && this.una + length === dataEnd && this.maxSent > dataEnd;
    if (length > 0 || fin) this.sendData(this.una, length, fin);
  }

  protected sendReset(): void {
    const state = this.state;
    if (state === TcpState.Closed || state === TcpState.SynSent || state === TcpState.TimeWait) return;
    this.host.sendPacket(this.segment(TCP_RST | TCP_ACK, this.nxt, EMPTY, true));
  }

  /** A RST for a segment that does not belong here (its ACK names our next sequence number). */
  protected sendRawReset(ack: number): void {
    const p = this.segment(TCP_RST, 0, EMPTY, false);
    p.seq = ack;
    this.host.sendPacket(p);
  }

  protected abortConnection(): void {
    this.sendReset();
    this.destroy();
  }
}
