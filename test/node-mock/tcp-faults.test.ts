import { describe, expect, it } from 'vitest';
import { EAGAIN, ECONNRESET, EIO, ENOBUFS, ETIMEDOUT } from '../../lib/errno';
import { createMockNetwork, tcpEchoServer, tcpStaller } from '../../ports/node-mock';
import { ANY4, collectingServer, drain, ep, open, pattern, TcpRecorder, twoHosts, writeAll } from './helpers';

describe('TCP timeouts', () => {
  it('connect to an unreachable peer times out after the SYN retries (1+2+4+...+64 s)', () => {
    const { net, port, device, server } = twoHosts();
    net.partition(device, server);
    const events = new TcpRecorder(net);
    open(port.tcpConnect(ep('10.0.0.1', 80), null, events));
    const capture = net.capture();
    net.runSync();
    expect(events.log).toEqual([`error ${ETIMEDOUT}`]);
    expect(events.errorAt).toBe(127_000);
    expect(capture.packets().map((p) => p.flags)).toEqual([2, 2, 2, 2, 2, 2]); // 6 retransmitted SYNs
  });

  it('SYN timings are options', () => {
    const { net, port, device, server } = twoHosts({ tcp: { initialRto: 200, synRetries: 2 } });
    net.partition(device, server);
    const events = new TcpRecorder(net);
    open(port.tcpConnect(ep('10.0.0.1', 80), null, events));
    net.runSync();
    expect(events.errorAt).toBe(200 + 400 + 800);
  });

  it('a full backlog drops SYNs: the client retries and gets in once there is room', () => {
    const { net, port, server } = twoHosts();
    const listener = open(net.port(server).tcpListen(ANY4(80), 1, { acceptable() {}, error() {} }));
    const first = new TcpRecorder(net);
    const second = new TcpRecorder(net);
    open(port.tcpConnect(ep('10.0.0.1', 80), null, first));
    open(port.tcpConnect(ep('10.0.0.1', 80), null, second));
    net.runSync(500);
    expect(first.connectedAt).toBe(2);
    expect(second.log).toEqual([]);
    expect(listener.pending()).toBe(1);
    listener.accept(new TcpRecorder(net));
    net.runSync(5000);
    // The SYN retransmitted at 1 s (then 3 s) finds room.
    expect(second.connectedAt).toBe(1002);
  });

  it('a full backlog that never drains ends in ETIMEDOUT', () => {
    const { net, port, server } = twoHosts();
    open(net.port(server).tcpListen(ANY4(80), 1, { acceptable() {}, error() {} }));
    open(port.tcpConnect(ep('10.0.0.1', 80), null, new TcpRecorder(net)));
    const late = new TcpRecorder(net);
    open(port.tcpConnect(ep('10.0.0.1', 80), null, late));
    net.runSync(200_000);
    expect(late.errno).toBe(ETIMEDOUT);
  });

  it('keepalive detects a dead peer: idle, then keepcnt probes at keepintvl, then ETIMEDOUT', () => {
    const { net, port, device, server } = twoHosts();
    collectingServer(net, server, 80);
    const events = new TcpRecorder(net);
    const c = open(port.tcpConnect(ep('10.0.0.1', 80), null, events));
    net.runSync(10);
    expect(c.setOption('keepidle', 60)).toBe(0);
    expect(c.setOption('keepintvl', 5)).toBe(0);
    expect(c.setOption('keepcnt', 3)).toBe(0);
    expect(c.setOption('keepalive', 1)).toBe(0);
    // A live peer answers probes: no error for a long while.
    net.runSync(600_000);
    expect(events.errno).toBe(0);
    const quietSince = net.now;
    net.partition(device, server);
    net.runSync(600_000);
    expect(events.errno).toBe(ETIMEDOUT);
    // At most idle + 3 probes × interval after the last answer.
    expect(events.errorAt - quietSince).toBeLessThanOrEqual(60_000 + 3 * 5_000);
  });

  it('data retransmissions give up with ETIMEDOUT when the peer vanishes', () => {
    const { net, port, device, server } = twoHosts({ tcp: { maxRetries: 4 } });
    collectingServer(net, server, 80);
    const events = new TcpRecorder(net);
    const c = open(port.tcpConnect(ep('10.0.0.1', 80), null, events));
    net.runSync(10);
    net.partition(device, server);
    c.write(pattern(100));
    net.runSync();
    expect(events.errno).toBe(ETIMEDOUT);
  });
});

describe('TCP under loss', () => {
  it('retransmission delivers the stream whole and in order over a lossy link', () => {
    const { net, port, server } = twoHosts({ seed: 9 }, { loss: 0.1, latency: 2 });
    const srv = collectingServer(net, server, 80);
    const events = new TcpRecorder(net);
    const c = open(port.tcpConnect(ep('10.0.0.1', 80), null, events));
    const data = pattern(200_000, 5);
    let done = false;
    writeAll(c, events, data, () => {
      c.shutdownWrite();
      done = true;
    });
    net.runSync(600_000);
    expect(done).toBe(true);
    const s = srv.accepted[0]!;
    expect(Buffer.compare(Buffer.concat(s.received), Buffer.from(data))).toBe(0);
    expect(s.connection.finished()).toBe(true);
    expect(net.links[0]!.stats.dropped).toBeGreaterThan(10);
  });
});

describe('faults on demand', () => {
  it('partition and heal: traffic stops, then the retransmission gets through', () => {
    const { net, port, device, server } = twoHosts();
    const srv = collectingServer(net, server, 80);
    const events = new TcpRecorder(net);
    const c = open(port.tcpConnect(ep('10.0.0.1', 80), null, events));
    net.runSync(10);
    net.partition(device, server);
    c.write(pattern(10));
    net.runSync(2000);
    expect(srv.accepted[0]!.received).toHaveLength(0);
    net.heal(device, server);
    net.runSync(10_000);
    expect(Buffer.concat(srv.accepted[0]!.received)).toEqual(Buffer.from(pattern(10)));
  });

  it('dropNext(n) drops exactly the next n frames', () => {
    const { net, port } = twoHosts();
    net.dropNext(1, { protocol: 'tcp' });
    const events = new TcpRecorder(net);
    open(port.tcpConnect(ep('10.0.0.1', 80), null, events));
    net.runSync();
    // The first SYN vanished; the retransmission at 1 s met the closed port.
    expect(events.errorAt).toBe(1002);
  });

  it('delayNext(n, ms) delays the next n frames', () => {
    const { net, port, server } = twoHosts();
    collectingServer(net, server, 80);
    net.delayNext(1, 300);
    const events = new TcpRecorder(net);
    open(port.tcpConnect(ep('10.0.0.1', 80), null, events));
    net.runSync(5000);
    expect(events.connectedAt).toBe(302);
  });

  it('hold and release: frames wait, then arrive in order', () => {
    const { net, port, device, server } = twoHosts();
    const srv = collectingServer(net, server, 80);
    const events = new TcpRecorder(net);
    const c = open(port.tcpConnect(ep('10.0.0.1', 80), null, events));
    net.runSync(10);
    net.hold(device, server);
    c.setOption('nodelay', 1);
    c.write(pattern(100));
    c.write(pattern(50, 3));
    net.runSync(100);
    expect(net.faults.heldCount()).toBe(2);
    net.release(device, server);
    net.runSync(100);
    expect(Buffer.concat(srv.accepted[0]!.received)).toEqual(Buffer.concat([pattern(100), pattern(50, 3)]));
  });

  it('resetConnections: both ends see ECONNRESET', () => {
    const { net, port, device, server } = twoHosts();
    const srv = collectingServer(net, server, 80);
    const events = new TcpRecorder(net);
    open(port.tcpConnect(ep('10.0.0.1', 80), null, events));
    net.runSync(10);
    expect(net.resetConnections(device, server)).toBe(2);
    net.runSync(100);
    expect(events.errno).toBe(ECONNRESET);
    expect(srv.accepted[0]!.events.errno).toBe(ECONNRESET);
  });

  it('injectError makes the port report any errno', () => {
    const { net, port, device, server } = twoHosts();
    collectingServer(net, server, 80);
    const events = new TcpRecorder(net);
    const c = open(port.tcpConnect(ep('10.0.0.1', 80), null, events));
    net.runSync(10);
    expect(device.injectError(EIO, c.local.port)).toBe(1);
    expect(events.log).not.toContain(`error ${EIO}`); // asynchronous
    net.runSync(10);
    expect(events.errno).toBe(EIO);
  });

  it('failNextOpen makes the next open return an errno', () => {
    const { net, port, device } = twoHosts();
    device.failNextOpen(ENOBUFS);
    expect(port.tcpConnect(ep('10.0.0.1', 80), null, new TcpRecorder(net))).toBe(ENOBUFS);
    expect(port.tcpConnect(ep('10.0.0.1', 80), null, new TcpRecorder(net))).not.toBeTypeOf('number');
  });

  it('exhausted buffers: TCP room is 0 until restored, then writable fires', () => {
    const { net, port, device, server } = twoHosts();
    collectingServer(net, server, 80);
    const events = new TcpRecorder(net);
    const c = open(port.tcpConnect(ep('10.0.0.1', 80), null, events));
    net.runSync(10);
    device.exhaustBuffers(ENOBUFS);
    expect(c.room()).toBe(0);
    expect(c.write(pattern(10))).toBe(0);
    const before = events.log.length;
    device.restoreBuffers();
    net.runSync(10);
    expect(events.log.slice(before)).toEqual(['writable']);
    expect(c.write(pattern(10))).toBe(10);
  });

  it('link.set changes loss and latency mid-test', () => {
    const { net, port, server, wire } = twoHosts({}, { latency: 1 });
    tcpEchoServer(server, 7);
    const events = new TcpRecorder(net);
    const c = open(port.tcpConnect(ep('10.0.0.1', 7), null, events));
    net.runSync(10);
    wire.set({ latency: 50 });
    const start = net.now;
    c.write(pattern(10));
    let at = -1;
    events.onReadable = () => {
      if (at < 0 && drain(c).length) at = net.now;
    };
    net.runSync(1000);
    expect(at - start).toBe(100);
    wire.set({ up: false });
    c.write(pattern(10));
    net.runSync(1000);
    expect(wire.stats.dropped).toBeGreaterThan(0);
  });

  it('a stalled server fills its window; the client sees room() 0 but no error', () => {
    const net = createMockNetwork({ seed: 2 });
    const a = net.host('a', { ipv4: '10.1.0.1' });
    const b = net.host('b', { ipv4: '10.1.0.2' });
    net.link(a, b);
    tcpStaller(b, 80);
    const events = new TcpRecorder(net);
    const c = open(net.port(a).tcpConnect(ep('10.1.0.2', 80), null, events));
    const writer = writeAll(c, events, pattern(100_000));
    net.runSync(60_000);
    expect(writer.sent()).toBe(5840 * 2);
    expect(c.room()).toBe(0);
    expect(events.errno).toBe(0);
  });

  it('multi-hop routing through a router host', () => {
    const net = createMockNetwork();
    const dev = net.host('dev', { ipv4: '192.168.1.2' });
    const router = net.host('router', { ipv4: '192.168.1.1' });
    const cloud = net.host('cloud', { ipv4: '203.0.113.5' });
    net.link(dev, router, { latency: 2 });
    net.link(router, cloud, { latency: 20 });
    tcpEchoServer(cloud, 7);
    const events = new TcpRecorder(net);
    const c = open(net.port(dev).tcpConnect(ep('203.0.113.5', 7), null, events));
    net.runSync(100);
    expect(events.connectedAt).toBe(44);
    c.write(pattern(5000));
    net.runSync(2000);
    expect(drain(c)).toEqual(pattern(5000));
  });

  it('ENOBUFS or EAGAIN is the errno sends meet', () => {
    const { device } = twoHosts();
    device.exhaustBuffers(EAGAIN);
    expect(device.buffersExhausted()).toBe(EAGAIN);
  });
});
