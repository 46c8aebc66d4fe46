/**
 * Round-trip time estimation (RFC 6298): one segment timed at a time, never
 * a retransmitted one (Karn), smoothed into the retransmission timeout.
 */
import type { TcpOptions } from './options';

export class RttEstimator {
  private srtt = -1;
  private rttvar = 0;
  /** Sequence position whose acknowledgment ends the timing (-1: nothing timed). */
  private timedPosition = -1;
  private timedAt = 0;

  constructor(private readonly options: TcpOptions) {}

  /** Starts timing until `position` is acknowledged, unless a timing runs. */
  start(position: number, now: number): void {
    if (this.timedPosition >= 0) return;
    this.timedPosition = position;
    this.timedAt = now;
  }

  /** Forgets the running timing (a retransmission makes it ambiguous). */
  cancel(): void {
    this.timedPosition = -1;
  }

  /** An acknowledgment up to `position` arrived at `now`. */
  acknowledged(position: number, now: number): void {
    if (this.timedPosition < 0 || position < this.timedPosition) return;
    const sample = now - this.timedAt;
    this.timedPosition = -1;
    if (this.srtt < 0) {
      this.srtt = sample;
      this.rttvar = sample / 2;
    } else {
      this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - sample);
      this.srtt = 0.875 * this.srtt + 0.125 * sample;
    }
  }

  /** The retransmission timeout before backoff, ms. */
  rto(): number {
    if (this.srtt < 0) return this.options.initialRto;
    return Math.min(Math.max(this.srtt + 4 * this.rttvar, this.options.minRto), this.options.maxRto);
  }
}
