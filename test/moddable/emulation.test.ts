/**
 * The emulated ECMA-419 classes reproduce what the Moddable SDK's Linux
 * classes were measured to do (reference/moddable.md), over the simulated
 * network: the tick, the fixed room, "would block", the argument-less
 * onError, the UDP queue.
 */
import { describe, expect, it } from 'vitest';
import { createMockNetwork, tcpEchoServer, tcpServer, udpResponder } from '../../ports/node-mock/index';
import type { Datagram, TcpSocket } from '../../ports/moddable/host';
import { emulateModdable } from './emulation';
import { TCP_BUFFER, TICK_MS } from './emulated-tcp';
import { UDP_QUEUE } from './emulated-udp';

function setup() {
  const net = createMockNetwork({ seed: 3 });
  const device = net.host('device', { ipv4: '192.0.2.10' });
  const peer = net.host('peer', { ipv4: '192.0.2.20' });
  net.link(device, peer, { latency: 1 });
  const { host, stats } = emulateModdable(net.port(device));
  return { net, peer, host, stats };
}

const bytes = (text: string) => new Uint8Array(Array.from(text, (c) => c.charCodeAt(0)));

describe('emulated embedded:io/socket/tcp', () => {
  it('onWritable(1536) on a tick after connect and after each write; "would block" before and past the room', async () => {
    const { net, peer, host } = setup();
    tcpEchoServer(peer, 7);
    const log: string[] = [];
    const tcp: TcpSocket = new host.TCP({
      address: '192.0.2.20',
      port: 7,
      onWritable: (n) => log.push(`w${n}@${net.now}`),
      onReadable: (n) => log.push(`r${n}@${net.now}`),
      onError: (...args: unknown[]) => log.push(`e${args.length}`),
    });
    expect(() => tcp.write(bytes('x'))).toThrow('would block');
    await net.advance(TICK_MS);
    expect(log).toEqual([`w${TCP_BUFFER}@${TICK_MS}`]);
    expect(tcp.write(bytes('123456789'))).toBe(TCP_BUFFER - 9);
    expect(() => tcp.write(new Uint8Array(TCP_BUFFER))).toThrow('would block');
    await net.advance(3 * TICK_MS);
    expect(log).toEqual([`w1536@20`, `w1536@40`, `r9@40`]);
    const whole = tcp.read(undefined as unknown as Uint8Array) as unknown as ArrayBuffer;
    expect(Array.from(new Uint8Array(whole))).toEqual(Array.from(bytes('123456789')));
    expect(tcp.read(new Uint8Array(1))).toBeUndefined();
    tcp.close();
    tcp.close();
    expect(() => tcp.read(new Uint8Array(1))).toThrow();
  });

  it('a refused connect is one onError() with no arguments, and never onWritable', async () => {
    const { net, host } = setup();
    const log: string[] = [];
    new host.TCP({
      address: '192.0.2.20',
      port: 9,
      onWritable: () => log.push('w'),
      onError: (...args: unknown[]) => log.push(`e${args.length}@${net.now % TICK_MS}`),
    });
    await net.advance(10 * TICK_MS);
    expect(log).toEqual(['e0@0']);
  });

  it("the peer's close: the last bytes first, then onError(); a write after it is still taken", async () => {
    const { net, peer, host } = setup();
    tcpServer(peer, 80, {
      onConnect: (c) => {
        c.send('bye');
        c.end();
      },
    });
    const log: string[] = [];
    let tcp: TcpSocket | null = null;
    tcp = new host.TCP({
      address: '192.0.2.20',
      port: 80,
      onReadable: (n) => {
        log.push(`r${n}`);
        tcp!.read(new Uint8Array(n));
      },
      onError: (...args: unknown[]) => {
        log.push(`e${args.length}`);
        log.push(`left ${tcp!.write(bytes('x'))}`);
      },
    });
    await net.advance(10 * TICK_MS);
    expect(log).toEqual(['r3', 'e0', 'left 1535']);
  });

  it('read(n) past what is held throws "invalid"; read(buffer) fills it and answers the count', async () => {
    const { net, peer, host } = setup();
    tcpServer(peer, 80, { onConnect: (c) => c.send('abcdef') });
    const tcp = new host.TCP({ address: '192.0.2.20', port: 80, onReadable: () => {} });
    await net.advance(5 * TICK_MS);
    expect(() => tcp.read(new Uint8Array(7))).toThrow('invalid');
    const into = new Uint8Array(8);
    expect(tcp.read(into.subarray(2, 6))).toBe(4);
    expect(Array.from(into)).toEqual([0, 0, 97, 98, 99, 100, 0, 0]);
  });

  it('an error found while bytes are held is never announced (tcp.c stops its tick)', async () => {
    const { net, peer, host } = setup();
    tcpServer(peer, 80, {
      onConnect: (c) => {
        c.send('12345');
        c.end();
      },
    });
    const log: string[] = [];
    const tcp = new host.TCP({ address: '192.0.2.20', port: 80, onReadable: (n) => log.push(`r${n}`), onError: () => log.push('e') });
    await net.advance(10 * TICK_MS);
    expect(tcp.read(new Uint8Array(5))).toBe(5);
    await net.advance(10 * TICK_MS);
    expect(log).toEqual(['r5']);
  });
});

describe('emulated embedded:io/socket/udp', () => {
  it('write answers undefined; read() carries .address and .port; one datagram per tick', async () => {
    const { net, peer, host } = setup();
    udpResponder(peer, 5000, (data) => [data, data, data]);
    const counts: number[] = [];
    const udp = new host.UDP({ port: 40000, onReadable: (n) => counts.push(n) });
    expect(udp.write(bytes('hi'), '192.0.2.20', 5000)).toBeUndefined();
    await net.advance(TICK_MS * 5);
    expect(counts).toEqual([1, 2, 3]);
    const first = udp.read() as Datagram;
    expect(first.byteLength).toBe(2);
    expect([first.address, first.port]).toEqual(['192.0.2.20', 5000]);
  });

  it(`keeps at most ${UDP_QUEUE} datagrams, dropping the oldest`, async () => {
    const { net, peer, host } = setup();
    let n = 0;
    udpResponder(peer, 5000, () => {
      const out: Uint8Array[] = [];
      for (let i = 0; i < 150; i++) out.push(new Uint8Array([n++ & 0xff, (n >> 8) & 0xff]));
      return out;
    });
    const udp = new host.UDP({ port: 40001, onReadable: () => {} });
    udp.write(bytes('go'), '192.0.2.20', 5000);
    await net.advance(TICK_MS * 200);
    let count = 0;
    let firstValue = -1;
    for (let d = udp.read(); d; d = udp.read()) {
      if (count === 0) firstValue = new Uint8Array(d)[0]!;
      count++;
    }
    expect(count).toBe(UDP_QUEUE);
    expect(firstValue).toBe(50);
  });
});
