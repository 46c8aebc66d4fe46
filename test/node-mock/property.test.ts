import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMockNetwork } from '../../ports/node-mock';
import { ep, open, pattern, TcpRecorder } from './helpers';

describe('TCP over a faulty link (property)', () => {
  it('random byte streams arrive whole and in order despite loss, reordering and duplication', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: 1, max: 0x7fffffff }),
          length: fc.integer({ min: 0, max: 64 * 1024 }),
          streamSeed: fc.integer({ min: 1, max: 1000 }),
          loss: fc.double({ min: 0, max: 0.25, noNaN: true }),
          reorder: fc.double({ min: 0, max: 0.3, noNaN: true }),
          duplicate: fc.double({ min: 0, max: 0.2, noNaN: true }),
          corrupt: fc.double({ min: 0, max: 0.05, noNaN: true }),
          latency: fc.integer({ min: 0, max: 20 }),
          jitter: fc.integer({ min: 0, max: 10 }),
          writeSize: fc.integer({ min: 1, max: 9000 }),
          readSize: fc.integer({ min: 1, max: 9000 }),
        }),
        (p) => {
          // Generous retry limits: the property is about order and integrity, not about giving up.
          const net = createMockNetwork({ seed: p.seed, tcp: { synRetries: 40, maxRetries: 40 } });
          const a = net.host('a', { ipv4: '10.0.0.2' });
          const b = net.host('b', { ipv4: '10.0.0.1' });
          net.link(a, b, { latency: p.latency, jitter: p.jitter, loss: p.loss, reorder: p.reorder, duplicate: p.duplicate, corrupt: p.corrupt });
          const listener = open(net.port(b).tcpListen(ep('0.0.0.0', 80), 1, { acceptable() {}, error() {} }));
          const data = pattern(p.length, p.streamSeed);
          const received = new Uint8Array(p.length + 1);
          let got = 0;
          let finished = false;
          const serverEvents = new TcpRecorder(net);
          const readBuffer = new Uint8Array(p.readSize);
          serverEvents.onReadable = () => {
            const s = server!;
            for (let i = 0; i < 100_000; i++) {
              const n = s.read(readBuffer);
              if (n === 0) break;
              if (got + n > p.length) throw new Error('more bytes than were sent');
              received.set(readBuffer.subarray(0, n), got);
              got += n;
            }
            if (s.finished()) finished = true;
          };
          let server: ReturnType<typeof listener.accept> = null;
          const events = new TcpRecorder(net);
          const c = open(net.port(a).tcpConnect(ep('10.0.0.1', 80), null, events));
          let sent = 0;
          events.onWritable = () => {
            for (let i = 0; i < 100_000 && sent < p.length; i++) {
              const n = c.write(data.subarray(sent, Math.min(p.length, sent + p.writeSize)));
              if (n === 0) return;
              sent += n;
            }
            if (sent === p.length) c.shutdownWrite();
          };
          for (let round = 0; round < 1000 && !finished; round++) {
            net.runSync(60_000);
            if (!server && listener.pending() > 0) {
              server = listener.accept(serverEvents);
              serverEvents.onReadable!();
            }
          }
          expect(events.errno).toBe(0);
          expect(finished).toBe(true);
          expect(got).toBe(p.length);
          expect(Buffer.compare(Buffer.from(received.subarray(0, got)), Buffer.from(data))).toBe(0);
        },
      ),
      { numRuns: 30 },
    );
  });
});
