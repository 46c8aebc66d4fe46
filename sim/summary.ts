/** What a run carried, per connection and per UDP flow: bytes each way, retransmissions, losses, round-trip times. Uses no Node API. */
import { PROTO_TCP, PROTO_UDP, TCP_ACK, TCP_FIN, TCP_SYN } from '../ports/node-mock/packet';
import { endpointText, type FrameRecord } from './recorder';

export interface DirectionSummary {
  from: string;
  to: string;
  /** Payload bytes, each counted once however often it was sent. */
  bytes: number;
  frames: number;
  retransmissions: number;
  lost: number;
}

export interface FlowSummary {
  protocol: 'tcp' | 'udp';
  /** "host addr:port" of the side that spoke first (the client). */
  client: string;
  server: string;
  directions: DirectionSummary[];
  /** Round-trip times (ms) from data or SYN to the ACK that covered it, measured by the sender (Karn: never a resent one). */
  rtt: number[];
}

interface Pending {
  end: number;
  sent: number;
  valid: boolean;
}

export function summarize(frames: readonly FrameRecord[]): FlowSummary[] {
  const flows = new Map<string, FlowSummary>();
  const pending = new Map<string, Pending[]>();
  const highest = new Map<string, number>();
  for (const frame of frames) {
    const p = frame.packet;
    if (p.protocol !== PROTO_TCP && p.protocol !== PROTO_UDP) continue;
    const src = `${frame.from} ${endpointText(p.src, p.srcPort)}`;
    const dst = `${frame.to} ${endpointText(p.dst, p.dstPort)}`;
    let flow = flows.get(frame.flow);
    if (!flow) {
      flow = { protocol: p.protocol === PROTO_TCP ? 'tcp' : 'udp', client: src, server: dst, directions: [], rtt: [] };
      flows.set(frame.flow, flow);
    }
    let dir = flow.directions.find((d) => d.from === src);
    if (!dir) {
      dir = { from: src, to: dst, bytes: 0, frames: 0, retransmissions: 0, lost: 0 };
      flow.directions.push(dir);
    }
    dir.frames++;
    if (frame.arrived < 0) dir.lost++;
    if (p.protocol === PROTO_UDP) {
      dir.bytes += p.payload.length;
      continue;
    }
    const key = `${frame.flow}|${src}`;
    const length = p.payload.length + (p.flags & TCP_SYN ? 1 : 0) + (p.flags & TCP_FIN ? 1 : 0);
    const end = frame.seq + length;
    const top = highest.get(key) || 0;
    if (end > top) {
      dir.bytes += Math.min(p.payload.length, end - top);
      highest.set(key, end);
    }
    let mine = pending.get(key);
    if (!mine) pending.set(key, (mine = []));
    if (frame.retransmission) {
      dir.retransmissions++;
      for (const sample of mine) if (sample.end > frame.seq) sample.valid = false;
    } else if (length > 0) mine.push({ end, sent: frame.sent, valid: true });
    // This frame's ACK answers the other direction's samples, when it arrives.
    if (p.flags & TCP_ACK && frame.arrived >= 0) {
      const theirs = pending.get(`${frame.flow}|${dst}`);
      while (theirs && theirs.length > 0 && theirs[0]!.end <= frame.ack) {
        const sample = theirs.shift()!;
        if (sample.valid) flow.rtt.push(frame.arrived - sample.sent);
      }
    }
  }
  return Array.from(flows.values());
}

function ms(value: number): string {
  return Number.isInteger(value) ? `${value}` : value.toFixed(1);
}

export function summaryText(flows: readonly FlowSummary[]): string[] {
  const lines: string[] = [];
  for (const flow of flows) {
    lines.push(`${flow.protocol.toUpperCase()} ${flow.client} -> ${flow.server}`);
    for (const d of flow.directions) {
      const unit = flow.protocol === 'tcp' ? 'segments' : 'datagrams';
      const extra = flow.protocol === 'tcp' ? `, ${d.retransmissions} retransmitted` : '';
      lines.push(`  ${d.from.split(' ')[0]} -> ${d.to.split(' ')[0]}: ${d.bytes} bytes in ${d.frames} ${unit}${extra}, ${d.lost} lost`);
    }
    if (flow.rtt.length > 0) {
      const min = Math.min(...flow.rtt);
      const max = Math.max(...flow.rtt);
      const avg = flow.rtt.reduce((a, b) => a + b, 0) / flow.rtt.length;
      lines.push(`  RTT min ${ms(min)} / avg ${ms(avg)} / max ${ms(max)} ms over ${flow.rtt.length} samples`);
    }
  }
  return lines;
}
