import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { EACCES, EADDRINUSE, EAFNOSUPPORT, EAGAIN, EINVAL, EMSGSIZE, ENOPROTOOPT } from '../../lib/errno';
import type { Endpoint, UdpSocket } from '../../lib/port';
import { createNodePort, type NodeUdpSocket } from '../../ports/node';
import { IN_NETNS, NETNS_TOOLS, run_in_netns } from '../netns';
import { require_tools, skip_without } from '../tools';
import { AF_INET, AF_INET6, LOOPBACK4, LOOPBACK6, Recorder, pattern, pollUntil, sameBytes, tracked, turns, v4, v6 } from './helpers';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function opened(result: UdpSocket | number): UdpSocket {
  if (typeof result === 'number') throw new Error(`udpOpen failed: errno ${result}`);
  const socket = tracked(result);
  cleanups.push(() => socket.close());
  return socket;
}

/** The socket's port (known at once), after Node has bound it (a later turn). */
async function bound(socket: UdpSocket): Promise<number> {
  const port = socket.local.port;
  expect(port).toBeGreaterThan(0);
  expect(await pollUntil(() => (socket as unknown as NodeUdpSocket).listening, 100)).toBe(true);
  expect(socket.local.port).toBe(port);
  return port;
}

async function nodePeer(type: 'udp4' | 'udp6' = 'udp4', address = type === 'udp4' ? '127.0.0.1' : '::1') {
  const peer = createSocket(type);
  const received: Array<{ data: Buffer; from: RemoteInfo }> = [];
  peer.on('message', (data, from) => received.push({ data, from }));
  peer.bind(0, address);
  await once(peer, 'listening');
  cleanups.push(() => new Promise<void>((resolve) => peer.close(() => resolve())));
  return { peer, port: peer.address().port, received };
}

function send(peer: Socket, data: Uint8Array, port: number, address = '127.0.0.1'): Promise<void> {
  return new Promise((resolve, reject) => peer.send(data, port, address, (error) => (error ? reject(error) : resolve())));
}

/** Whether plain Node dgram sockets here can send to a group and hear it back: a host without a multicast route cannot. */
async function multicastLoopsBack(): Promise<boolean> {
  const group = '239.255.42.98';
  const receiver = createSocket('udp4');
  const sender = createSocket('udp4');
  receiver.on('error', () => {});
  sender.on('error', () => {});
  let heard = false;
  receiver.on('message', () => (heard = true));
  try {
    receiver.bind(0);
    await once(receiver, 'listening');
    receiver.addMembership(group);
    sender.send('probe', receiver.address().port, group);
    return await pollUntil(() => heard, 2000);
  } catch {
    return false;
  } finally {
    receiver.close();
    sender.close();
  }
}

const anyEndpoint = (): Endpoint => ({ family: 0, addr: new Uint8Array(0), port: 0 });

describe('node port: UDP', () => {
  it('sends and receives datagrams with their source, and may reuse its buffer at once', async () => {
    const node = createNodePort();
    const events = new Recorder();
    const socket = opened(node.udpOpen(v4(0, new Uint8Array(4)), events, false));
    // Port 0 is resolved at once, so getsockname() right after bind() has the real port.
    const chosen = socket.local.port;
    expect(chosen).toBeGreaterThanOrEqual(49152);
    const port = await bound(socket);
    expect(port).toBe(chosen);
    expect(socket.local).toEqual({ family: AF_INET, addr: new Uint8Array(4), port });
    const { peer, port: peerPort, received } = await nodePeer();

    const data = pattern(1000, 4);
    const buffer = data.slice();
    expect(socket.send(buffer, v4(peerPort))).toBe(0);
    buffer.fill(0);
    expect(await pollUntil(() => received.length === 1)).toBe(true);
    expect(sameBytes(received[0]!.data, data)).toBe(true);
    expect(received[0]!.from.port).toBe(port);

    expect(socket.nextSize()).toBe(-1);
    await send(peer, Buffer.from('reply'), port);
    await events.until(() => socket.nextSize() >= 0);
    expect(socket.nextSize()).toBe(5);
    const into = new Uint8Array(64);
    const from = anyEndpoint();
    expect(socket.receive(into, from, false)).toBe(5);
    expect(Buffer.from(into.subarray(0, 5)).toString()).toBe('reply');
    expect(from).toEqual({ family: AF_INET, addr: LOOPBACK4, port: peerPort });
    expect(socket.nextSize()).toBe(-1);
    expect(socket.receive(into, null, false)).toBe(-1);
    expect(events.count('readable')).toBe(1);
    expect(events.syncEvents).toBe(0);
  });

  it('truncates into a short buffer and returns the full length; peek leaves the datagram queued', async () => {
    const socket = opened(createNodePort().udpOpen(v4(0, LOOPBACK4), new Recorder(), false));
    const port = await bound(socket);
    const { peer } = await nodePeer();
    const data = pattern(100, 8);
    await send(peer, data, port);
    await send(peer, new Uint8Array(0), port);
    expect(await pollUntil(() => socket.nextSize() === 100)).toBe(true);

    const small = new Uint8Array(10);
    expect(socket.receive(small, null, true)).toBe(100);
    expect(small).toEqual(data.subarray(0, 10));
    expect(socket.nextSize()).toBe(100);
    const whole = new Uint8Array(200);
    expect(socket.receive(whole, null, true)).toBe(100);
    expect(whole.subarray(0, 100)).toEqual(data);

    small.fill(0);
    expect(socket.receive(small, null, false)).toBe(100);
    expect(small).toEqual(data.subarray(0, 10));
    // The rest of a truncated datagram is gone; an empty datagram is a datagram.
    expect(await pollUntil(() => socket.nextSize() === 0)).toBe(true);
    expect(socket.receive(small, null, false)).toBe(0);
    expect(socket.nextSize()).toBe(-1);
  });

  it('refuses oversized datagrams with EMSGSIZE (36) and sends the largest', async () => {
    const socket4 = opened(createNodePort().udpOpen(v4(0), new Recorder(), false));
    const { port, received } = await nodePeer();
    expect(socket4.send(new Uint8Array(65508), v4(port))).toBe(EMSGSIZE);
    expect(socket4.send(new Uint8Array(65507), v4(port))).toBe(0);
    expect(await pollUntil(() => received.length === 1)).toBe(true);
    expect(received[0]!.data.length).toBe(65507);

    const socket6 = opened(createNodePort().udpOpen(v6(0), new Recorder(), false));
    expect(socket6.send(new Uint8Array(65528), v6(9))).toBe(EMSGSIZE);
  });

  it('validates destinations without waiting', async () => {
    const socket = opened(createNodePort().udpOpen(v4(0), new Recorder(), false));
    expect(socket.send(new Uint8Array(1), v6(9))).toBe(EAFNOSUPPORT);
    expect(socket.send(new Uint8Array(1), v4(0))).toBe(EINVAL);
    expect(socket.send(new Uint8Array(1), { family: AF_INET, addr: LOOPBACK6, port: 9 })).toBe(EINVAL);
    const node = createNodePort();
    expect(node.udpOpen({ family: 5, addr: LOOPBACK4, port: 0 }, new Recorder(), false)).toBe(EAFNOSUPPORT);
    expect(node.udpOpen(v4(65536), new Recorder(), false)).toBe(EINVAL);
  });

  it('holds at most its queue and drops the rest, as a device does', async () => {
    const socket = opened(createNodePort({ udpReceiveDatagrams: 16 }).udpOpen(v4(0), new Recorder(), false));
    const port = await bound(socket);
    const { peer } = await nodePeer();
    for (let i = 0; i < 40; i++) await send(peer, Uint8Array.of(i), port);
    const udp = socket as unknown as NodeUdpSocket;
    let queued = 0;
    expect(await pollUntil(() => udp.dropped === 24)).toBe(true);
    const into = new Uint8Array(4);
    while (socket.receive(into, null, false) >= 0 && queued < 100) {
      expect(into[0]).toBe(queued);
      queued++;
    }
    expect(queued).toBe(16);
  });

  it('pushes back with EAGAIN (11) past its send budget, then fires writable', async () => {
    const events = new Recorder();
    const socket = opened(createNodePort({ udpSendBuffer: 1000 }).udpOpen(v4(0), events, false));
    const { port, received } = await nodePeer();
    expect(socket.send(new Uint8Array(600), v4(port))).toBe(0);
    expect(socket.send(new Uint8Array(600), v4(port))).toBe(EAGAIN);
    await events.until(() => events.count('writable') === 1);
    expect(socket.send(new Uint8Array(600), v4(port))).toBe(0);
    // A datagram larger than the budget still goes when nothing is in flight.
    await turns(10);
    expect(socket.send(new Uint8Array(2000), v4(port))).toBe(0);
    expect(await pollUntil(() => received.length === 3)).toBe(true);
    expect(events.syncEvents).toBe(0);
  });

  it('reports a failed bind, EADDRINUSE (48), through error and refuses to send after it', async () => {
    const { port } = await nodePeer();
    const events = new Recorder();
    const socket = opened(createNodePort().udpOpen(v4(port, LOOPBACK4), events, false));
    await events.until(() => events.errors.length > 0);
    expect(events.errors).toEqual([EADDRINUSE]);
    expect(socket.send(new Uint8Array(1), v4(port))).toBe(EADDRINUSE);
  });

  it('works over IPv6 loopback', async () => {
    const socket = opened(createNodePort().udpOpen(v6(0, LOOPBACK6), new Recorder(), false));
    const port = await bound(socket);
    expect(socket.local).toEqual({ family: AF_INET6, addr: LOOPBACK6, port });
    const { peer, port: peerPort, received } = await nodePeer('udp6');
    expect(socket.send(Buffer.from('six'), v6(peerPort))).toBe(0);
    expect(await pollUntil(() => received.length === 1)).toBe(true);
    await send(peer, Buffer.from('back'), port, '::1');
    expect(await pollUntil(() => socket.nextSize() === 4)).toBe(true);
    const from = anyEndpoint();
    expect(socket.receive(new Uint8Array(4), from, false)).toBe(4);
    expect(from).toEqual({ family: AF_INET6, addr: LOOPBACK6, port: peerPort });
  });

  it('needs the broadcast option to send to a broadcast address: EACCES (13) without it', async () => {
    const socket = opened(createNodePort().udpOpen(v4(0), new Recorder(), false));
    const { port, received } = await nodePeer('udp4', '0.0.0.0');
    const broadcast = v4(port, new Uint8Array([255, 255, 255, 255]));
    expect(socket.send(Buffer.from('all'), broadcast)).toBe(EACCES);
    expect(socket.setOption('broadcast', 1)).toBe(0);
    expect(socket.send(Buffer.from('all'), broadcast)).toBe(0);
    // Delivery of a broadcast needs a route for it; this host loops it back.
    expect(await pollUntil(() => received.length === 1)).toBe(true);
    expect(received[0]!.data.toString()).toBe('all');
    expect(socket.setOption('broadcast', 0)).toBe(0);
    expect(socket.send(Buffer.from('all'), broadcast)).toBe(EACCES);
  });

  it('joins a multicast group (before the bind completes) and receives looped-back datagrams', async (context) => {
    if (!(await multicastLoopsBack())) {
      // This host has no route that loops multicast back (plain Node dgram
      // cannot either): the same test runs in a namespace that has one.
      expect(IN_NETNS, 'the namespace has a multicast route').toBe(false);
      if (skip_without(NETNS_TOOLS, 'the multicast test (no multicast route here)')) context.skip('unshare or ip missing');
      require_tools(NETNS_TOOLS);
      const run = run_in_netns(['test/node-port/udp.test.ts'], 'joins a multicast group');
      expect(run.failed, run.output).toEqual([]);
      expect(run.passed).toEqual(['node port: UDP joins a multicast group (before the bind completes) and receives looped-back datagrams']);
      return;
    }
    const group = new Uint8Array([239, 255, 42, 99]);
    const events = new Recorder();
    // Bound to the wildcard: a socket bound to 127.0.0.1 does not match the group's address.
    const receiver = opened(createNodePort().udpOpen(v4(0, new Uint8Array(4)), events, false));
    expect(receiver.membership(v4(0, group), true)).toBe(0);
    expect(receiver.membership(v4(0, LOOPBACK4), true)).toBe(EINVAL);
    expect(receiver.membership(v6(0, LOOPBACK6), true)).toBe(EINVAL);
    const port = await bound(receiver);
    expect(events.errors).toEqual([]);
    // Joining twice is the kernel's EADDRINUSE.
    expect(receiver.membership(v4(0, group), true)).toBe(EADDRINUSE);

    const sender = opened(createNodePort().udpOpen(v4(0, new Uint8Array(4)), new Recorder(), false));
    expect(sender.setOption('multicastLoop', 1)).toBe(0);
    expect(sender.setOption('multicastTtl', 1)).toBe(0);
    expect(sender.send(Buffer.from('group'), v4(port, group))).toBe(0);
    expect(await pollUntil(() => receiver.nextSize() >= 0)).toBe(true);
    const into = new Uint8Array(8);
    expect(receiver.receive(into, null, false)).toBe(5);
    expect(Buffer.from(into.subarray(0, 5)).toString()).toBe('group');
    expect(receiver.membership(v4(0, group), false)).toBe(0);
  });

  it('sets ttl, buffers and loop options; refuses tos and what Node cannot set', async () => {
    const socket = opened(createNodePort().udpOpen(v4(0), new Recorder(), false));
    expect(socket.setOption('ttl', 0)).toBe(EINVAL);
    expect(socket.setOption('ttl', 64)).toBe(0);
    expect(socket.setOption('multicastTtl', 256)).toBe(EINVAL);
    expect(socket.setOption('rcvbuf', 8192)).toBe(0);
    await bound(socket);
    expect(socket.setOption('ttl', 1)).toBe(0);
    expect(socket.setOption('sndbuf', 8192)).toBe(0);
    expect(socket.setOption('rcvbuf', -1)).toBe(EINVAL);
    expect(socket.setOption('tos', 0x10)).toBe(ENOPROTOOPT);
    expect(socket.setOption('v6only', 1)).toBe(ENOPROTOOPT);
    expect(socket.setOption('nodelay', 1)).toBe(ENOPROTOOPT);
  });
});
