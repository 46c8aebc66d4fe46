/** A connection's timers: retransmission, zero-window persist, delayed ACK, keepalive, and the linger of FIN_WAIT_2 and TIME_WAIT. */
import { ETIMEDOUT } from '../../lib/errno';
import * as wire from './packet';
import { EMPTY, K_DELACK, K_KEEPALIVE, K_LINGER, K_NOTIFY, K_PERSIST, K_RTO, TcpState } from './tcp-control';
import { TcpOutput } from './tcp-output';

const TCP_ACK = wire.TCP_ACK;

export abstract class TcpTimers extends TcpOutput {
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

  protected armRto(): void {
    const clock = this.host.clock;
    this.rtoDeadline = clock.now + this.rto;
    if (this.rtoTimer && this.rtoTimer.time <= this.rtoDeadline) return;
    clock.cancel(this.rtoTimer);
    this.rtoTimer = clock.schedule(this.rto, this, K_RTO, null);
  }

  protected stopRto(): void {
    this.host.clock.cancel(this.rtoTimer);
    this.rtoTimer = null;
    this.rtoDeadline = -1;
  }

  protected onRto(): void {
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

  protected armPersist(): void {
    if (this.persistTimer || this.sndWnd > 0 || this.una < this.nxt) return;
    const delay = Math.min(Math.max(this.rtt.rto(), this.options.minRto) * (1 << Math.min(this.persistBackoff, 16)), this.options.maxRto);
    this.persistTimer = this.host.clock.schedule(delay, this, K_PERSIST, null);
  }

  /** Zero-window probe: one byte past the window, so the peer answers with its current window. */
  protected onPersist(): void {
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

  protected armKeepalive(delay: number): void {
    this.host.clock.cancel(this.keepTimer);
    this.keepTimer = this.host.clock.schedule(Math.max(delay, 0), this, K_KEEPALIVE, null);
  }

  protected onKeepalive(): void {
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

  protected armLinger(delay: number): void {
    this.host.clock.cancel(this.lingerTimer);
    this.lingerTimer = this.host.clock.schedule(delay, this, K_LINGER, null);
  }

  protected enterTimeWait(): void {
    this.state = TcpState.TimeWait;
    this.stopTimers();
    this.armLinger(this.options.timeWait);
  }
}
