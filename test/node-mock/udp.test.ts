import { describe, expect, it } from 'vitest';
import { EACCES, EADDRINUSE, ECONNREFUSED, EHOSTUNREACH, EMSGSIZE, ENOBUFS } from '../../lib/errno';
import type { Endpoint } from '../../lib/port';
import { AF_INET, createMockNetwork, udpEchoServer, udpResponder } from '../../ports/node-mock';
import { ANY4, ANY6, ep, open, pattern, str, text, twoHosts, UdpRecorder } from './helpers';

const from = (): Endpoint => ({ family: 0, addr: new Uint8Array(0), port: 0 });

describe('UDP', () => {
  it('keeps datagram boundaries and reports the source', () => {
    const { net, port, serverPort } = twoHosts();
    const rx = new UdpRecorder();
    const server = open(serverPort.udpOpen(ANY4(5000), rx));
    const client = open(port.udpOpen(ANY4(0), new UdpRecorder()));
    expect(client.send(text('one'), ep('10.0.0.1', 5000))).toBe(0);
    expect(client.send(text('second'), ep('10.0.0.1', 5000))).toBe(0);
    expect(server.nextSize()).toBe(-1);
    net.runSync();
    expect(rx.log).toEqual(['readable']);
    expect(server.nextSize()).toBe(3);
    const buf = new Uint8Array(100);
    const source = from();
    expect(server.receive(buf, source, false)).toBe(3);
    expect(str(buf.subarray(0, 3))).toBe('one');
    expect(Array.from(source.addr)).toEqual([10, 0, 0, 2]);
    expect(source.port).toBe(client.local.port);
    expect(server.receive(buf, null, false)).toBe(6);
    expect(str(buf.subarray(0, 6))).toBe('second');
    expect(server.receive(buf, null, false)).toBe(-1);
  });

  it('peek leaves the datagram; a short buffer truncates but reports the full length', () => {
    const { net, port, serverPort } = twoHosts();
    const server = open(serverPort.udpOpen(ANY4(5000), new UdpRecorder()));
    const client = open(port.udpOpen(ANY4(0), new UdpRecorder()));
    client.send(text('abcdefgh'), ep('10.0.0.1', 5000));
    net.runSync();
    const small = new Uint8Array(3);
    expect(server.receive(small, null, true)).toBe(8);
    expect(str(small)).toBe('abc');
    expect(server.receive(small, null, false)).toBe(8);
    expect(server.nextSize()).toBe(-1);
  });

  it('EMSGSIZE above 65507 bytes, and above the link MTU (no fragmentation)', () => {
    const { port } = twoHosts({}, { mtu: 1500 });
    const client = open(port.udpOpen(ANY4(0), new UdpRecorder()));
    expect(client.send(new Uint8Array(65508), ep('127.0.0.1', 9))).toBe(EMSGSIZE);
    expect(client.send(new Uint8Array(1472), ep('10.0.0.1', 9))).toBe(0);
    expect(client.send(new Uint8Array(1473), ep('10.0.0.1', 9))).toBe(EMSGSIZE);
    // Loopback's MTU is 65535.
    expect(client.send(new Uint8Array(65507), ep('127.0.0.1', 9))).toBe(0);
  });

  it('a datagram to a closed port comes back as ICMP port unreachable: ECONNREFUSED', () => {
    const { net, port } = twoHosts();
    const events = new UdpRecorder();
    const client = open(port.udpOpen(ANY4(0), events));
    client.send(text('x'), ep('10.0.0.1', 9));
    net.runSync();
    expect(events.log).toEqual([`error ${ECONNREFUSED}`]);
  });

  it('an unknown destination is EHOSTUNREACH', () => {
    const { port } = twoHosts();
    const client = open(port.udpOpen(ANY4(0), new UdpRecorder()));
    expect(client.send(text('x'), ep('10.0.0.99', 9))).toBe(EHOSTUNREACH);
  });

  it('broadcast needs the option and reaches every host on the subnet', () => {
    const net = createMockNetwork();
    const a = net.host('a', { ipv4: '192.168.0.2' });
    const b = net.host('b', { ipv4: '192.168.0.3' });
    const c = net.host('c', { ipv4: '192.168.0.4' });
    const far = net.host('far', { ipv4: '10.0.0.1' });
    net.link(a, b);
    net.link(a, c);
    net.link(c, far);
    const heard: string[] = [];
    for (const h of [b, c, far]) udpResponder(h, 67, () => void heard.push(h.name));
    const s = open(net.port(a).udpOpen(ANY4(0), new UdpRecorder()));
    expect(s.send(text('discover'), ep('255.255.255.255', 67))).toBe(EACCES);
    expect(s.setOption('broadcast', 1)).toBe(0);
    expect(s.send(text('discover'), ep('255.255.255.255', 67))).toBe(0);
    expect(s.send(text('discover'), ep('192.168.0.255', 67))).toBe(0);
    net.runSync();
    expect(heard.sort()).toEqual(['b', 'b', 'c', 'c']);
  });

  it('multicast reaches members only, honours multicastLoop, and stops after leaving', () => {
    const net = createMockNetwork();
    const a = net.host('a', { ipv4: '10.0.0.1' });
    const b = net.host('b', { ipv4: '10.0.0.2' });
    const c = net.host('c', { ipv4: '10.0.0.3' });
    net.link(a, b);
    net.link(a, c);
    const group = ep('239.1.2.3', 5353);
    const rb = new UdpRecorder();
    const sb = open(net.port(b).udpOpen(ANY4(5353), rb));
    const sc = open(net.port(c).udpOpen(ANY4(5353), new UdpRecorder()));
    const sa = open(net.port(a).udpOpen(ANY4(5353), new UdpRecorder()));
    expect(sb.membership(group, true)).toBe(0);
    expect(sa.membership(group, true)).toBe(0);
    sa.send(text('hello group'), group);
    net.runSync();
    expect(sb.nextSize()).toBe(11);
    expect(sc.nextSize()).toBe(-1);
    expect(sa.nextSize()).toBe(11); // looped back
    sa.receive(new Uint8Array(20), null, false);
    sb.receive(new Uint8Array(20), null, false);
    sa.setOption('multicastLoop', 0);
    expect(sb.membership(group, false)).toBe(0);
    sa.send(text('again'), group);
    net.runSync();
    expect(sb.nextSize()).toBe(-1);
    expect(sa.nextSize()).toBe(-1);
  });

  it('multicast TTL limits hops', () => {
    const net = createMockNetwork();
    const a = net.host('a', { ipv4: '10.0.0.1' });
    const r = net.host('r', { ipv4: '10.0.0.2' });
    const far = net.host('far', { ipv4: '10.0.1.1' });
    net.link(a, r);
    net.link(r, far);
    const group = ep('239.9.9.9', 4000);
    const s = open(net.port(far).udpOpen(ANY4(4000), new UdpRecorder()));
    s.membership(group, true);
    const sender = open(net.port(a).udpOpen(ANY4(0), new UdpRecorder()));
    sender.send(text('ttl1'), group);
    net.runSync();
    expect(s.nextSize()).toBe(-1);
    sender.setOption('multicastTtl', 2);
    sender.send(text('ttl2'), group);
    net.runSync();
    expect(s.nextSize()).toBe(4);
  });

  it('drops datagrams beyond the receive buffer', () => {
    const { net, port, serverPort } = twoHosts({ udp: { rcvbuf: 3000 } });
    const server = open(serverPort.udpOpen(ANY4(5000), new UdpRecorder()));
    const client = open(port.udpOpen(ANY4(0), new UdpRecorder()));
    for (let i = 0; i < 5; i++) client.send(new Uint8Array(1000), ep('10.0.0.1', 5000));
    net.runSync();
    let count = 0;
    for (let i = 0; i < 10 && server.receive(new Uint8Array(2000), null, false) >= 0; i++) count++;
    expect(count).toBe(3);
  });

  it('exhausted buffers fail sends with the chosen errno; restore brings writable', () => {
    const { net, port, device } = twoHosts();
    const events = new UdpRecorder();
    const client = open(port.udpOpen(ANY4(0), events));
    device.exhaustBuffers(ENOBUFS);
    expect(client.send(text('x'), ep('10.0.0.1', 9))).toBe(ENOBUFS);
    device.restoreBuffers();
    net.runSync(1);
    expect(events.log).toEqual(['writable']);
  });

  it('an exact bind held by another owner is EADDRINUSE; the core may share its own, and wildcard and specific coexist', () => {
    const { port, device } = twoHosts();
    udpResponder(device, 6000, () => null);
    expect(port.udpOpen(ANY4(6000), new UdpRecorder())).toBe(EADDRINUSE);
    expect(() => udpResponder(device, 6000, () => null)).toThrow(/errno 48/);
    expect(port.udpOpen(ep('10.0.0.2', 6000), new UdpRecorder())).not.toBeTypeOf('number');
    expect(port.udpOpen(ANY6(6000), new UdpRecorder())).not.toBeTypeOf('number');
    // The core applies SO_REUSEPORT itself, so its own duplicate is allowed.
    expect(port.udpOpen(ep('10.0.0.2', 6000), new UdpRecorder())).not.toBeTypeOf('number');
  });

  it('the scripted UDP echo and responder answer over IPv6 too', () => {
    const { net, port, server } = twoHosts();
    udpEchoServer(server, 7, 2);
    const s = open(port.udpOpen(ANY6(0), new UdpRecorder()));
    s.send(pattern(100), ep('fd00::1', 7));
    net.runSync();
    const buf = new Uint8Array(200);
    expect(s.receive(buf, null, false)).toBe(100);
    expect(buf.subarray(0, 100)).toEqual(pattern(100));
    expect(AF_INET).toBe(1);
  });

  it('ephemeral ports come from 49152–65535', () => {
    const { port } = twoHosts();
    for (let i = 0; i < 50; i++) {
      const s = open(port.udpOpen(ANY4(0), new UdpRecorder()));
      expect(s.local.port).toBeGreaterThanOrEqual(49152);
      expect(s.local.port).toBeLessThanOrEqual(65535);
    }
  });
});
