import { describe, expect, it } from 'vitest';
import { EADDRINUSE, EADDRNOTAVAIL, ECONNREFUSED, ECONNRESET, EHOSTUNREACH, ENETUNREACH } from '../../lib/errno';
import { AF_INET, AF_INET6, createMockNetwork, tcpEchoServer, tcpRefuser, tcpResetAfter } from '../../ports/node-mock';
import { ANY4, collectingServer, drain, ep, open, pattern, str, TcpRecorder, text, twoHosts, writeAll } from './helpers';

describe('TCP handshake and connect errors', () => {
  it('connects after one round trip and reports final endpoints', () => {
    const { net, port, server } = twoHosts({}, { latency: 10 });
    const srv = collectingServer(net, server, 80);
    const events = new TcpRecorder(net);
    const c = open(port.tcpConnect(ep('10.0.0.1', 80), null, events));
    expect(events.log).toEqual([]); // never synchronously
    expect(c.room()).toBe(0);
    net.runSync(100);
    expect(events.connectedAt).toBe(20);
    expect(events.log.slice(0, 2)).toEqual(['connected', 'writable']);
    expect(c.local.port).toBeGreaterThanOrEqual(49152);
    expect(Array.from(c.local.addr)).toEqual([10, 0, 0, 2]);
    expect(c.room()).toBe(5840);
    expect(srv.accepted).toHaveLength(1);
    expect(srv.accepted[0]!.connection.remote.port).toBe(c.local.port);
  });

  it('a closed port answers RST: ECONNREFUSED after one round trip', () => {
    const { net, port } = twoHosts({}, { latency: 3 });
    const events = new TcpRecorder(net);
    open(port.tcpConnect(ep('10.0.0.1', 81), null, events));
    net.runSync();
    expect(events.log).toEqual([`error ${ECONNREFUSED}`]);
    expect(events.errorAt).toBe(6);
  });

  it('tcpRefuser holds the port and refuses like a closed one', () => {
    const { net, port, server } = twoHosts();
    tcpRefuser(server, 25);
    const events = new TcpRecorder(net);
    open(port.tcpConnect(ep('10.0.0.1', 25), null, events));
    net.runSync();
    expect(events.errno).toBe(ECONNREFUSED);
    expect(typeof net.port(server).tcpListen(ANY4(25), 1, { acceptable() {}, error() {} })).toBe('number');
  });

  it('no route: EHOSTUNREACH for an unknown address, ENETUNREACH without an address of the family', () => {
    const net = createMockNetwork();
    const v4only = net.host('a', { ipv4: '10.0.0.2' });
    const port = net.port(v4only);
    expect(port.tcpConnect(ep('10.9.9.9', 80), null, new TcpRecorder(net))).toBe(EHOSTUNREACH);
    expect(port.tcpConnect(ep('fd00::9', 80), null, new TcpRecorder(net))).toBe(ENETUNREACH);
  });

  it('bind before connect uses the chosen port; duplicates and foreign addresses are refused', () => {
    const { net, port, server } = twoHosts();
    collectingServer(net, server, 80);
    const c = open(port.tcpConnect(ep('10.0.0.1', 80), ep('10.0.0.2', 40000), new TcpRecorder(net)));
    expect(c.local.port).toBe(40000);
    expect(port.tcpConnect(ep('10.0.0.1', 80), ep('10.0.0.2', 40000), new TcpRecorder(net))).toBe(EADDRINUSE);
    expect(port.tcpConnect(ep('10.0.0.1', 80), ep('10.0.0.7', 0), new TcpRecorder(net))).toBe(EADDRNOTAVAIL);
    net.runSync(50);
    expect(port.tcpListen(ep('10.0.0.2', 7), 1, { acceptable() {}, error() {} })).not.toBeTypeOf('number');
    // A wildcard listener may sit beside a specific one.
    expect(port.tcpListen(ANY4(7), 1, { acceptable() {}, error() {} })).not.toBeTypeOf('number');
    // A scripted peer on the same host is another owner: the exact duplicate is refused.
    expect(() => tcpEchoServer(net.hosts[0]!, 7)).toThrow(/errno 48/);
    tcpEchoServer(net.hosts[0]!, 8);
    expect(port.tcpListen(ANY4(8), 1, { acceptable() {}, error() {} })).toBe(EADDRINUSE);
  });
});

describe('TCP data', () => {
  it('echoes bytes exactly through a scripted echo server', () => {
    const { net, port, server } = twoHosts();
    tcpEchoServer(server, 7);
    const events = new TcpRecorder(net);
    const c = open(port.tcpConnect(ep('10.0.0.1', 7), null, events));
    const got: number[] = [];
    events.onReadable = () => got.push(...drain(c));
    events.onWritable = () => {
      if (c.write(text('hello, device')) !== 13) throw new Error('short write');
      events.onWritable = null;
    };
    net.runSync(1000);
    expect(str(new Uint8Array(got))).toBe('hello, device');
  });

  it('accepts only send-buffer room and delivers a large stream whole', () => {
    const { net, port, server } = twoHosts();
    const srv = collectingServer(net, server, 80);
    const events = new TcpRecorder(net);
    const c = open(port.tcpConnect(ep('10.0.0.1', 80), null, events));
    net.runSync(10);
    const data = pattern(100_000);
    expect(c.write(data)).toBe(5840); // TCP_SND_BUF
    expect(c.room()).toBe(0);
    expect(c.write(data.subarray(5840))).toBe(0);
    writeAll(c, events, data.subarray(5840));
    net.runSync(10_000);
    const received = Buffer.concat(srv.accepted[0]!.received);
    expect(received.length).toBe(100_000);
    expect(Buffer.compare(received, Buffer.from(data))).toBe(0);
  });

  it('read returns what has arrived so far (partial reads)', () => {
    const { net, port, server } = twoHosts({}, { latency: 5, bandwidth: 1_000_000 });
    tcpEchoServer(server, 7);
    const events = new TcpRecorder(net);
    const c = open(port.tcpConnect(ep('10.0.0.1', 7), null, events));
    net.runSync(20);
    c.write(pattern(4000));
    const sizes: number[] = [];
    events.onReadable = () => sizes.push(drain(c).length);
    net.runSync(1000);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(4000);
    expect(sizes.length).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1460);
  });

  it('a small receive window stalls the sender until the reader catches up', () => {
    const { net, port, server } = twoHosts();
    const listener = open(net.port(server).tcpListen(ANY4(80), 1, { acceptable() {}, error() {} }));
    const events = new TcpRecorder(net);
    const c = open(port.tcpConnect(ep('10.0.0.1', 80), null, events));
    const data = pattern(20_000);
    const writer = writeAll(c, events, data);
    net.runSync(5_000);
    const peer = listener.accept(new TcpRecorder(net))!;
    // Window (5840) plus send buffer (5840) is all that can be in the system.
    expect(peer.available()).toBe(5840);
    expect(writer.sent()).toBe(5840 * 2);
    const got: Uint8Array[] = [drain(peer)];
    for (let i = 0; i < 100 && got.reduce((a, b) => a + b.length, 0) < data.length; i++) {
      net.runSync(2_000); // zero-window probes or window updates resume it
      got.push(drain(peer));
    }
    expect(Buffer.compare(Buffer.concat(got), Buffer.from(data))).toBe(0);
  });

  it('half-close: FIN after data, the other side keeps sending', () => {
    const { net, port, server } = twoHosts();
    const srv = collectingServer(net, server, 80);
    const events = new TcpRecorder(net);
    const c = open(port.tcpConnect(ep('10.0.0.1', 80), null, events));
    net.runSync(10);
    c.write(text('request'));
    c.shutdownWrite();
    expect(c.room()).toBe(0);
    net.runSync(500);
    const s = srv.accepted[0]!;
    expect(str(Buffer.concat(s.received))).toBe('request');
    expect(s.connection.finished()).toBe(true);
    expect(s.connection.write(text('response'))).toBe(8);
    s.connection.close();
    const got: number[] = [];
    events.onReadable = () => got.push(...drain(c));
    net.runSync(500);
    expect(str(new Uint8Array(got))).toBe('response');
    expect(c.finished()).toBe(true);
    expect(events.errno).toBe(0);
  });

  it('RST mid-stream gives ECONNRESET; bytes received before stay readable', () => {
    const { net, port, server } = twoHosts();
    tcpResetAfter(server, 9, 3000, { echo: true });
    const events = new TcpRecorder(net);
    const c = open(port.tcpConnect(ep('10.0.0.1', 9), null, events));
    net.runSync(10);
    c.write(pattern(1000));
    net.runSync(100);
    expect(c.available()).toBe(1000);
    c.write(pattern(2500));
    net.runSync(500);
    expect(events.errno).toBe(ECONNRESET);
    expect(c.available()).toBeGreaterThanOrEqual(1000);
    expect(c.room()).toBe(0);
  });

  it('abort sends RST: the peer sees ECONNRESET, the aborter no event', () => {
    const { net, port, server } = twoHosts();
    const srv = collectingServer(net, server, 80);
    const events = new TcpRecorder(net);
    const c = open(port.tcpConnect(ep('10.0.0.1', 80), null, events));
    net.runSync(10);
    c.abort();
    net.runSync(100);
    expect(srv.accepted[0]!.events.errno).toBe(ECONNRESET);
    expect(events.log).toEqual(['connected', 'writable']);
  });

  it('close with unread data resets the peer', () => {
    const { net, port, server } = twoHosts();
    const srv = collectingServer(net, server, 80);
    const events = new TcpRecorder(net);
    const c = open(port.tcpConnect(ep('10.0.0.1', 80), null, events));
    net.runSync(10);
    srv.accepted[0]!.connection.write(text('unread'));
    net.runSync(10);
    expect(c.available()).toBe(6);
    c.close();
    net.runSync(100);
    expect(srv.accepted[0]!.events.errno).toBe(ECONNRESET);
  });

  it('works over loopback on IPv4 and IPv6', () => {
    for (const [host, family] of [
      ['127.0.0.1', AF_INET],
      ['::1', AF_INET6],
    ] as const) {
      const net = createMockNetwork({ seed: 3 });
      const h = net.host('solo', { ipv4: '10.0.0.2', ipv6: 'fd00::2' });
      tcpEchoServer(h, 7, family);
      const events = new TcpRecorder(net);
      const c = open(net.port(h).tcpConnect(ep(host, 7), null, events));
      net.runSync(10);
      expect(events.connectedAt).toBe(0);
      c.write(text('loop'));
      net.runSync(300);
      expect(str(drain(c))).toBe('loop');
      expect(c.local.addr).toEqual(ep(host, 0).addr);
    }
  });

  it('IPv6 between hosts', () => {
    const { net, port, server } = twoHosts();
    tcpEchoServer(server, 7, 2);
    const events = new TcpRecorder(net);
    const c = open(port.tcpConnect(ep('fd00::1', 7), null, events));
    net.runSync(10);
    c.write(pattern(3000));
    net.runSync(1000);
    expect(Buffer.compare(drain(c), pattern(3000))).toBe(0);
  });

  it('TIME_WAIT holds the closer for 2 MSL, then the connection is gone', () => {
    const { net, port, server } = twoHosts();
    const srv = collectingServer(net, server, 80);
    const events = new TcpRecorder(net);
    const c = open(port.tcpConnect(ep('10.0.0.1', 80), null, events));
    net.runSync(10);
    c.close();
    net.runSync(50);
    srv.accepted[0]!.connection.close();
    net.runSync(50);
    expect(net.hosts[0]!.tcpConnections()).toHaveLength(1);
    expect(net.runSync()).toBe(true);
    expect(net.now).toBeGreaterThanOrEqual(120_000);
    expect(net.hosts[0]!.tcpConnections()).toHaveLength(0);
    expect(net.hosts[1]!.tcpConnections()).toHaveLength(0);
  });

  it('a connection to one of the host addresses goes over loopback', () => {
    const { net, port, device } = twoHosts();
    tcpEchoServer(device, 7);
    const events = new TcpRecorder(net);
    const c = open(port.tcpConnect(ep('10.0.0.2', 7), null, events));
    net.runSync(10);
    c.write(text('self'));
    net.runSync(300);
    expect(str(drain(c))).toBe('self');
    expect(net.links[0]!.stats.sent).toBe(0);
  });

  it('bytes and FIN that arrive before accept are there after it', () => {
    const { net, port, server } = twoHosts();
    const listener = open(net.port(server).tcpListen(ANY4(80), 4, { acceptable() {}, error() {} }));
    const c = open(port.tcpConnect(ep('10.0.0.1', 80), null, new TcpRecorder(net)));
    net.runSync(10);
    c.write(text('early'));
    c.shutdownWrite();
    net.runSync(300);
    const events = new TcpRecorder(net);
    const s = listener.accept(events)!;
    expect(events.log).toEqual([]);
    net.runSync(1);
    expect(events.log).toEqual(['readable']);
    expect(str(drain(s))).toBe('early');
    expect(s.finished()).toBe(true);
  });

  it('closing a listener resets the connections waiting in its backlog', () => {
    const { net, port, server } = twoHosts();
    const listener = open(net.port(server).tcpListen(ANY4(80), 4, { acceptable() {}, error() {} }));
    const events = new TcpRecorder(net);
    open(port.tcpConnect(ep('10.0.0.1', 80), null, events));
    net.runSync(10);
    expect(listener.pending()).toBe(1);
    listener.close();
    net.runSync(10);
    expect(events.errno).toBe(ECONNRESET);
  });
});
