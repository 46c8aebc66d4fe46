import { describe, expect, it } from 'vitest';
import type { Endpoint } from '../../lib/port';
import { createMockNetwork, tcpClient, tcpEchoServer } from '../../ports/node-mock';
import { ANY4, drain, ep, open, pattern, str, TcpRecorder, text, UdpRecorder } from './helpers';

describe('link model', () => {
  it('bandwidth adds serialization delay: (IP packet + 14 bytes Ethernet) × 8 / bit rate', () => {
    const net = createMockNetwork();
    const a = net.host('a', { ipv4: '10.0.0.1' });
    const b = net.host('b', { ipv4: '10.0.0.2' });
    net.link(a, b, { latency: 10, bandwidth: 1_000_000 });
    let arrived = -1;
    const rx = open(net.port(b).udpOpen(ANY4(9), { readable: () => void (arrived = net.now), writable() {}, error() {} }));
    const tx = open(net.port(a).udpOpen(ANY4(0), new UdpRecorder()));
    tx.send(new Uint8Array(1000), ep('10.0.0.2', 9));
    net.runSync();
    expect(rx.nextSize()).toBe(1000);
    expect(arrived).toBeCloseTo(10 + ((20 + 8 + 1000 + 14) * 8) / 1000, 9);
  });

  it('frames queue behind each other on a slow link, and a queue limit tail-drops', () => {
    const net = createMockNetwork();
    const a = net.host('a', { ipv4: '10.0.0.1' });
    const b = net.host('b', { ipv4: '10.0.0.2' });
    const wire = net.link(a, b, { latency: 0, bandwidth: 8_000_000, queueBytes: 3000 });
    const times: number[] = [];
    const rx = open(net.port(b).udpOpen(ANY4(9), { readable: () => void times.push(net.now), writable() {}, error() {} }));
    rx.setOption('rcvbuf', 1 << 20);
    const tx = open(net.port(a).udpOpen(ANY4(0), new UdpRecorder()));
    for (let i = 0; i < 10; i++) tx.send(new Uint8Array(958), ep('10.0.0.2', 9)); // 1000-byte frames: 1 ms each
    net.runSync();
    let count = 0;
    for (let i = 0; i < 20 && rx.receive(new Uint8Array(2000), null, false) >= 0; i++) count++;
    expect(count).toBe(3);
    expect(wire.stats.dropped).toBe(7);
    expect(times).toEqual([1, 2, 3]); // each waits for the one ahead of it: 1 ms per frame
  });

  it('TCP takes its MSS from the smallest MTU on the path', () => {
    const net = createMockNetwork();
    const dev = net.host('dev', { ipv4: '192.168.1.2' });
    const router = net.host('router', { ipv4: '192.168.1.1' });
    const far = net.host('far', { ipv4: '198.51.100.7' });
    net.link(dev, router);
    net.link(router, far, { mtu: 576 });
    tcpEchoServer(far, 7);
    const capture = net.capture({ host: dev });
    const events = new TcpRecorder(net);
    const c = open(net.port(dev).tcpConnect(ep('198.51.100.7', 7), null, events));
    net.runSync(20);
    c.write(pattern(5000));
    net.runSync(5000);
    expect(drain(c)).toEqual(pattern(5000));
    const sizes = capture.packets().map((p) => p.payload.length);
    expect(Math.max(...sizes)).toBe(536);
    expect(net.links[1]!.stats.oversize).toBe(0);
  });

  it('a scripted client talks to a listener of the device', () => {
    const net = createMockNetwork();
    const dev = net.host('dev', { ipv4: '10.0.0.2' });
    const peer = net.host('peer', { ipv4: '10.0.0.3' });
    net.link(dev, peer);
    const listener = open(net.port(dev).tcpListen(ANY4(1883), 2, { acceptable() {}, error() {} }));
    const replies: string[] = [];
    let ended = false;
    tcpClient(peer, { addr: '10.0.0.2', port: 1883 }, {
      onConnect: (c) => c.send('CONNECT'),
      onData: (_c, data) => replies.push(str(data)),
      onEnd: (c) => {
        ended = true;
        c.end();
      },
    });
    net.runSync(10);
    const events = new TcpRecorder(net);
    const conn = listener.accept(events)!;
    expect(conn).not.toBeNull();
    net.runSync(10);
    expect(str(drain(conn))).toBe('CONNECT');
    conn.write(text('CONNACK'));
    conn.shutdownWrite();
    net.runSync(300);
    expect(replies.join('')).toBe('CONNACK');
    expect(ended).toBe(true);
    expect(conn.finished()).toBe(true);
    const from: Endpoint = conn.remote;
    expect(Array.from(from.addr)).toEqual([10, 0, 0, 3]);
  });

  it('corrupted frames are dropped by the receiver and recovered by TCP', () => {
    const net = createMockNetwork({ seed: 8 });
    const a = net.host('a', { ipv4: '10.0.0.1' });
    const b = net.host('b', { ipv4: '10.0.0.2' });
    const wire = net.link(a, b, { corrupt: 0.2 });
    tcpEchoServer(b, 7);
    const events = new TcpRecorder(net);
    const c = open(net.port(a).tcpConnect(ep('10.0.0.2', 7), null, events));
    const got: Uint8Array[] = [];
    events.onReadable = () => got.push(drain(c));
    events.onWritable = () => {
      events.onWritable = null;
      c.write(pattern(4000));
    };
    net.runSync(120_000);
    expect(Buffer.concat(got)).toEqual(Buffer.from(pattern(4000)));
    expect(wire.stats.corrupted).toBeGreaterThan(0);
    expect(a.stats.corrupted + b.stats.corrupted).toBe(wire.stats.corrupted);
  });
});
