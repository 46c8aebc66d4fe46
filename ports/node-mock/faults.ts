/**
 * Network-wide faults a test turns on by hand: partitions between hosts,
 * held traffic, and one-shot drops or delays of the next N frames. The link
 * middleware consults them; TCP and UDP never see them.
 */
import type { Packet, Station } from './packet';
import { PROTO_TCP, PROTO_UDP } from './packet';

/** Which frames a one-shot fault applies to; every field is optional. */
export interface FrameFilter {
  from?: Station;
  to?: Station;
  protocol?: 'tcp' | 'udp';
}

interface OneShot {
  remaining: number;
  delay: number;
  filter: FrameFilter;
}

interface HeldFrame {
  packet: Packet;
  release: (packet: Packet) => void;
}

/**
 * The network-wide faults a test turns on by hand (net.partition, net.hold, net.dropNext, net.delayNext call into it).
 */
export class Faults {
  private readonly partitions = new Set<string>();
  private readonly isolated = new Set<Station>();
  private readonly holds = new Set<string>();
  private held: HeldFrame[] = [];
  private oneShots: OneShot[] = [];

  /** Cuts traffic between `a` and `b` (or between `a` and everyone). */
  partition(a: Station, b?: Station): void {
    if (b) this.partitions.add(pairKey(a, b));
    else this.isolated.add(a);
  }

  /** Ends a partition of `a` and `b` (or every partition of `a`). */
  heal(a: Station, b?: Station): void {
    if (b) this.partitions.delete(pairKey(a, b));
    else {
      this.isolated.delete(a);
      const prefix = `${a.id}-`;
      const suffix = `-${a.id}`;
      for (const key of Array.from(this.partitions)) {
        if (key.startsWith(prefix) || key.endsWith(suffix)) this.partitions.delete(key);
      }
    }
  }

  /** Whether a partition stops `packet`. */
  partitioned(packet: Packet): boolean {
    const origin = packet.origin;
    const target = packet.target;
    if (!origin || !target || origin === target) return false;
    if (this.isolated.has(origin) || this.isolated.has(target)) return true;
    return this.partitions.size > 0 && this.partitions.has(pairKey(origin, target));
  }

  /** Holds frames between `a` and `b` until release. */
  hold(a: Station, b: Station): void {
    this.holds.add(pairKey(a, b));
  }

  /** Stops holding a–b and sends every held frame on, in the order it was held. */
  release(a: Station, b: Station): void {
    const key = pairKey(a, b);
    this.holds.delete(key);
    const keep: HeldFrame[] = [];
    const go: HeldFrame[] = [];
    for (const frame of this.held) {
      const p = frame.packet;
      if (p.origin && p.target && pairKey(p.origin, p.target) === key) go.push(frame);
      else keep.push(frame);
    }
    this.held = keep;
    for (const frame of go) frame.release(frame.packet);
  }

  /** Takes a frame between held hosts; true when it was held. */
  holdIfHeld(packet: Packet, release: (packet: Packet) => void): boolean {
    if (this.holds.size === 0 || !packet.origin || !packet.target) return false;
    if (!this.holds.has(pairKey(packet.origin, packet.target))) return false;
    this.held.push({ packet, release });
    return true;
  }

  /** How many frames are held now. */
  heldCount(): number {
    return this.held.length;
  }

  /** Drops the next `count` frames matching `filter`. */
  dropNext(count: number, filter: FrameFilter): void {
    this.oneShots.push({ remaining: count, delay: -1, filter });
  }

  /** Delays the next `count` frames matching `filter` by `delay` ms more. */
  delayNext(count: number, delay: number, filter: FrameFilter): void {
    this.oneShots.push({ remaining: count, delay, filter });
  }

  /** For a frame on its first hop: -1 drop, otherwise the extra delay to add (0 for none). */
  oneShot(packet: Packet): number {
    if (this.oneShots.length === 0) return 0;
    for (let i = 0; i < this.oneShots.length; i++) {
      const shot = this.oneShots[i]!;
      if (!matches(shot.filter, packet)) continue;
      shot.remaining--;
      if (shot.remaining <= 0) this.oneShots.splice(i, 1);
      return shot.delay;
    }
    return 0;
  }
}

function matches(filter: FrameFilter, packet: Packet): boolean {
  if (filter.from && packet.origin !== filter.from) return false;
  if (filter.to && packet.target !== filter.to) return false;
  if (filter.protocol === 'tcp' && packet.protocol !== PROTO_TCP) return false;
  if (filter.protocol === 'udp' && packet.protocol !== PROTO_UDP) return false;
  return true;
}

function pairKey(a: Station, b: Station): string {
  return a.id < b.id ? `${a.id}-${b.id}` : `${b.id}-${a.id}`;
}
