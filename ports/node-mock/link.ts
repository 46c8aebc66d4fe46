/**
 * A point-to-point link between two hosts (or a host and itself: loopback).
 *
 * A frame passes a chain of middleware before the wire: a capture tap, then
 * the fault stage (partition, one-shot drops and delays, holds, loss,
 * corruption, jitter, reordering, duplication), then the wire, which models
 * MTU, bandwidth, queueing and latency. Each stage only hands frames on, so
 * the protocols above never know which faults exist.
 */
import type { EventSink, VirtualClock } from './clock';
import type { Faults } from './faults';
import type { LinkOptions } from './options';
import type { Packet, Station } from './packet';
import type { SeededRandom } from './random';

/** Something that records frames as links send them (a capture). */
export interface FrameTap {
  /** Takes a frame as it enters a link (the capture's tap). */
  record(time: number, packet: Packet, link: Link, from: Station): void;
  /** A frame reached the far end of `link` (lost frames never do; a corrupted or duplicated one is a copy). */
  arrived?(time: number, packet: Packet, link: Link): void;
}

export interface LinkContext {
  readonly clock: VirtualClock;
  readonly random: SeededRandom;
  readonly faults: Faults;
  readonly taps: FrameTap[];
}

export interface LinkStage {
  send(packet: Packet, from: Station): void;
}

/**
 * Frame counters of a link a test can read.
 */
export interface LinkStats {
  /** Frames offered to the link. */
  sent: number;
  delivered: number;
  /** Frames lost to loss, partition, a down link, one-shot drops or queue overflow. */
  dropped: number;
  /** Frames larger than the MTU. */
  oversize: number;
  duplicated: number;
  corrupted: number;
}

const DELIVER = 1;
/** Bytes of Ethernet header counted against bandwidth. */
const ETHERNET_HEADER = 14;

/** A link between two stations; `H` is what its ends are (the network's hosts). */
export class Link<H extends Station = Station> implements EventSink {
  readonly options: LinkOptions;
  readonly stats: LinkStats = { sent: 0, delivered: 0, dropped: 0, oversize: 0, duplicated: 0, corrupted: 0 };
  /** Per direction (a→b, b→a): when the wire is free again. */
  private readonly busyUntil = [0, 0];
  private readonly head: LinkStage;

  constructor(
    private readonly context: LinkContext,
    readonly a: H,
    readonly b: H,
    options: LinkOptions,
  ) {
    this.options = { ...options };
    const wire = new WireStage(this, context.clock, this.busyUntil);
    const faults = new FaultStage(this, context, wire);
    this.head = new CaptureStage(this, context, faults);
  }

  /** Changes options mid-test; frames already on the wire keep their timing. */
  set(options: Partial<LinkOptions>): this {
    Object.assign(this.options, options);
    return this;
  }

  /** The other end as seen from `host`. */
  peer(host: H): H {
    return host === this.a ? this.b : this.a;
  }

  /** Sends `packet` from `from` across the link, subject to its faults and taps. */
  transmit(packet: Packet, from: Station): void {
    this.stats.sent++;
    this.head.send(packet, from);
  }

  /** Delivers a frame whose time on the wire is over (the virtual clock calls it). */
  handleEvent(_kind: number, data: unknown): void {
    const packet = data as Packet;
    this.stats.delivered++;
    const taps = this.context.taps;
    for (let i = 0; i < taps.length; i++) {
      const tap = taps[i]!;
      if (tap.arrived) tap.arrived(this.context.clock.now, packet, this);
    }
    packet.hop!.receive(packet);
  }
}

class CaptureStage implements LinkStage {
  constructor(
    private readonly link: Link,
    private readonly context: LinkContext,
    private readonly next: LinkStage,
  ) {}

  send(packet: Packet, from: Station): void {
    const taps = this.context.taps;
    for (let i = 0; i < taps.length; i++) taps[i]!.record(this.context.clock.now, packet, this.link, from);
    this.next.send(packet, from);
  }
}

class FaultStage implements LinkStage {
  constructor(
    private readonly link: Link,
    private readonly context: LinkContext,
    private readonly next: LinkStage,
  ) {}

  send(packet: Packet, from: Station): void {
    const options = this.link.options;
    const stats = this.link.stats;
    const faults = this.context.faults;
    if (!options.up || faults.partitioned(packet)) {
      stats.dropped++;
      return;
    }
    let extra = 0;
    if (!packet.counted) {
      packet.counted = true;
      const shot = faults.oneShot(packet);
      if (shot < 0) {
        stats.dropped++;
        return;
      }
      extra = shot;
    }
    if (faults.holdIfHeld(packet, (held) => this.next.send(held, from))) return;
    const random = this.context.random;
    if (random.chance(options.loss)) {
      stats.dropped++;
      return;
    }
    let frame = packet;
    if (random.chance(options.corrupt)) {
      frame = packet.clone();
      frame.corrupt = true;
      stats.corrupted++;
    }
    if (options.jitter > 0) extra += random.float() * options.jitter;
    if (random.chance(options.reorder)) extra += options.reorderDelay;
    frame.extraDelay = extra;
    this.next.send(frame, from);
    if (random.chance(options.duplicate)) {
      const copy = frame.clone();
      copy.extraDelay = extra;
      stats.duplicated++;
      this.next.send(copy, from);
    }
  }
}

class WireStage implements LinkStage {
  constructor(
    private readonly link: Link,
    private readonly clock: VirtualClock,
    private readonly busyUntil: number[],
  ) {}

  send(packet: Packet, from: Station): void {
    const link = this.link;
    const options = link.options;
    const size = packet.ipLength();
    if (size > options.mtu) {
      link.stats.oversize++;
      return;
    }
    const now = this.clock.now;
    let departure = now;
    if (options.bandwidth > 0) {
      const direction = from === link.a ? 0 : 1;
      const start = this.busyUntil[direction]! > now ? this.busyUntil[direction]! : now;
      const frameBytes = size + ETHERNET_HEADER;
      // Bytes still ahead of this frame (the one on the wire included), rounded against float noise.
      const ahead = Math.round(((start - now) * options.bandwidth) / 8000);
      if (options.queueBytes > 0 && ahead + frameBytes > options.queueBytes) {
        link.stats.dropped++;
        return;
      }
      departure = start + (frameBytes * 8000) / options.bandwidth;
      this.busyUntil[direction] = departure;
    }
    packet.hop = link.peer(from);
    this.clock.schedule(departure - now + options.latency + packet.extraDelay, link, DELIVER, packet);
  }
}
