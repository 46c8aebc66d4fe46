import { describe, expect, it } from 'vitest';
import { createMockNetwork, tcpEchoServer } from '../../ports/node-mock';
import { drain, ep, open, pattern, TcpRecorder, writeAll } from './helpers';

/** A lossy, reordering, duplicating echo exchange; returns its pcap bytes and what came back. */
function lossyExchange(seed: number): { trace: Uint8Array; echoed: Uint8Array; time: number } {
  const net = createMockNetwork({ seed });
  const a = net.host('a', { ipv4: '10.0.0.2' });
  const b = net.host('b', { ipv4: '10.0.0.1' });
  net.link(a, b, { latency: 3, jitter: 2, loss: 0.05, reorder: 0.05, duplicate: 0.05 });
  tcpEchoServer(b, 7);
  const capture = net.capture();
  const events = new TcpRecorder(net);
  const c = open(net.port(a).tcpConnect(ep('10.0.0.1', 7), null, events));
  const parts: Uint8Array[] = [];
  events.onReadable = () => parts.push(drain(c));
  writeAll(c, events, pattern(30_000), () => c.shutdownWrite());
  net.runSync(600_000);
  return { trace: capture.toBytes(), echoed: Buffer.concat(parts), time: net.now };
}

describe('determinism', () => {
  it('the same seed gives the same packet trace, byte for byte', () => {
    const first = lossyExchange(1234);
    const second = lossyExchange(1234);
    expect(first.echoed).toEqual(Buffer.from(pattern(30_000)));
    expect(second.trace.length).toBe(first.trace.length);
    expect(Buffer.compare(Buffer.from(first.trace), Buffer.from(second.trace))).toBe(0);
    expect(second.time).toBe(first.time);
  });

  it('a different seed gives a different trace under loss, and the same bytes arrive', () => {
    const first = lossyExchange(1);
    const other = lossyExchange(2);
    expect(Buffer.compare(Buffer.from(first.trace), Buffer.from(other.trace))).not.toBe(0);
    expect(other.echoed).toEqual(first.echoed);
  });
});
