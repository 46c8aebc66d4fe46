/** A capture: a link tap that records frames for a pcap file. */
import type { FrameTap, Link } from './link';
import type { Packet, Station } from './packet';
import { frameBytes, pcapFile, type PcapRecord } from './pcap';

/**
 * Which frames net.capture records: those of one host's links, with or without loopback.
 */
export interface CaptureOptions {
  /** Only frames sent on links of this host (its loopback included). */
  host?: Station;
  /** Leave out loopback frames. */
  loopback?: boolean;
}

interface Entry {
  time: number;
  packet: Packet;
  link: Link;
  from: Station;
}

const LOOPBACK_MAC = new Uint8Array(6);

export class Capture implements FrameTap {
  private readonly entries: Entry[] = [];
  private stopped = false;

  constructor(
    private readonly options: CaptureOptions,
    private readonly detach: () => void,
  ) {}

  /** Takes a frame as it enters a link (a FrameTap). */
  record(time: number, packet: Packet, link: Link, from: Station): void {
    if (this.stopped) return;
    const host = this.options.host;
    if (host && link.a !== host && link.b !== host) return;
    if (this.options.loopback === false && link.a === link.b) return;
    this.entries.push({ time, packet, link, from });
  }

  /** Frames recorded so far. */
  get length(): number {
    return this.entries.length;
  }

  /** Packets recorded so far, for tests that inspect fields rather than bytes. */
  packets(): Packet[] {
    return this.entries.map((e) => e.packet);
  }

  /** Stops recording; what was recorded stays. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.detach();
  }

  /** The Ethernet frames, each with its virtual time. */
  frames(): PcapRecord[] {
    return this.entries.map((e) => {
      const loop = e.link.a === e.link.b;
      const to = e.link.peer(e.from);
      return { time: e.time, frame: frameBytes(e.packet, loop ? LOOPBACK_MAC : e.from.mac, loop ? LOOPBACK_MAC : to.mac) };
    });
  }

  /** The capture as a pcap file. */
  toBytes(): Uint8Array {
    return pcapFile(this.frames());
  }
}
