/**
 * A link tap that keeps every frame with when it was sent and when (if
 * ever) it arrived, and reads each one as a person reads a flow graph: which
 * host sent it to which, TCP flags, sequence numbers relative to the
 * connection's first, payload length, and whether it is a retransmission.
 * Uses no Node API.
 */
import type { FrameTap, Link } from '../ports/node-mock/link';
import { formatAddress } from '../ports/node-mock/ip';
import { type Packet, type Station, PROTO_TCP, PROTO_UDP, TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN } from '../ports/node-mock/packet';

export interface FrameRecord {
  /** Index in send order. */
  index: number;
  sent: number;
  /** Virtual time of arrival at the far end of the link, or -1: lost. */
  arrived: number;
  from: string;
  to: string;
  packet: Packet;
  /** TCP: a connection key shared by both directions; UDP: the flow's. */
  flow: string;
  /** Relative sequence and acknowledgement numbers (TCP). */
  seq: number;
  ack: number;
  retransmission: boolean;
}

const FLAG_NAMES: [number, string][] = [
  [TCP_SYN, 'SYN'],
  [TCP_FIN, 'FIN'],
  [TCP_RST, 'RST'],
  [TCP_PSH, 'PSH'],
  [TCP_ACK, 'ACK'],
];

export function tcpFlags(flags: number): string {
  return FLAG_NAMES.filter(([bit]) => flags & bit)
    .map(([, name]) => name)
    .join(', ');
}

export function endpointText(addr: Uint8Array, port: number): string {
  return addr.length === 16 ? `[${formatAddress(addr)}]:${port}` : `${formatAddress(addr)}:${port}`;
}

/** One direction of a TCP connection: its first sequence number and how far it has sent. */
interface Direction {
  isn: number;
  highest: number;
}

export class FrameRecorder implements FrameTap {
  readonly frames: FrameRecord[] = [];
  private readonly inFlight = new Map<Packet, FrameRecord>();
  private readonly directions = new Map<string, Direction>();
  /** Called for each frame as it is sent (a live trace). */
  onFrame: ((frame: FrameRecord) => void) | null = null;
  /** Leave out loopback frames (a device talking to itself). */
  constructor(private readonly loopback = false) {}

  record(time: number, packet: Packet, link: Link, from: Station): void {
    if (!this.loopback && link.a === link.b) return;
    const to = link.peer(from);
    const frame: FrameRecord = {
      index: this.frames.length,
      sent: time,
      arrived: -1,
      from: from.name,
      to: to.name,
      packet,
      flow: flowKey(packet),
      seq: 0,
      ack: 0,
      retransmission: false,
    };
    if (packet.protocol === PROTO_TCP) this.readTcp(frame, packet);
    this.frames.push(frame);
    this.inFlight.set(packet, frame);
    if (this.onFrame) this.onFrame(frame);
  }

  arrived(time: number, packet: Packet): void {
    const frame = this.inFlight.get(packet);
    if (!frame) return;
    this.inFlight.delete(packet);
    if (!packet.corrupt) frame.arrived = time;
  }

  private readTcp(frame: FrameRecord, p: Packet): void {
    const out = `${endpointText(p.src, p.srcPort)}>${endpointText(p.dst, p.dstPort)}`;
    const back = `${endpointText(p.dst, p.dstPort)}>${endpointText(p.src, p.srcPort)}`;
    let dir = this.directions.get(out);
    if (!dir || (p.flags & TCP_SYN && ((p.seq - dir.isn) | 0) !== 0)) {
      dir = { isn: p.seq, highest: 0 };
      this.directions.set(out, dir);
    }
    const seq = (p.seq - dir.isn) >>> 0;
    const length = p.payload.length + (p.flags & TCP_SYN ? 1 : 0) + (p.flags & TCP_FIN ? 1 : 0);
    frame.seq = seq;
    const peer = this.directions.get(back);
    frame.ack = p.flags & TCP_ACK && peer ? (p.ack - peer.isn) >>> 0 : 0;
    if (length > 0) {
      const end = seq + length;
      // Anything that starts below what this side has already sent is sent again.
      if (seq < dir.highest) frame.retransmission = true;
      if (end > dir.highest) dir.highest = end;
    }
  }
}

export function flowKey(p: Packet): string {
  const a = endpointText(p.src, p.srcPort);
  const b = endpointText(p.dst, p.dstPort);
  const proto = p.protocol === PROTO_TCP ? 'tcp' : p.protocol === PROTO_UDP ? 'udp' : 'icmp';
  return a < b ? `${proto} ${a} ${b}` : `${proto} ${b} ${a}`;
}

/** The text of a frame in a trace or on an arrow: "[SYN, ACK] seq=0 ack=1 len=0", "UDP len=24". */
export function frameLabel(frame: FrameRecord): string {
  const p = frame.packet;
  if (p.protocol === PROTO_TCP) {
    const parts = [`[${tcpFlags(p.flags)}]`, `seq=${frame.seq}`];
    if (p.flags & TCP_ACK) parts.push(`ack=${frame.ack}`);
    parts.push(`win=${p.window}`, `len=${p.payload.length}`);
    if (frame.retransmission) parts.unshift('retransmission');
    return parts.join(' ');
  }
  if (p.protocol === PROTO_UDP) return `UDP len=${p.payload.length}`;
  return 'ICMP port unreachable';
}
