import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EADDRINUSE, EADDRNOTAVAIL, EAFNOSUPPORT, EINVAL } from '../../lib/errno';
import type { TcpConnection, TcpListener } from '../../lib/port';
import { createNodePort } from '../../ports/node';
import { AF_INET, AF_INET6, LOOPBACK4, LOOPBACK6, Recorder, closedPort, pollUntil, tracked, turns, v4, v6 } from './helpers';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function listening(result: TcpListener | number): TcpListener {
  if (typeof result === 'number') throw new Error(`listen failed: errno ${result}`);
  const listener = tracked(result);
  cleanups.push(() => listener.close());
  return listener;
}

function accepted(connection: TcpConnection | null): TcpConnection {
  if (!connection) throw new Error('nothing to accept');
  cleanups.push(() => connection.abort());
  return connection;
}

function client(port: number, host = '127.0.0.1'): Socket {
  const socket = connect({ port, host, allowHalfOpen: true });
  socket.on('error', () => {});
  cleanups.push(() => socket.destroy());
  return socket;
}

/** The listener's port, known at once; then a turn, in which Node binds it. */
async function bound(listener: TcpListener): Promise<number> {
  const port = listener.local.port;
  expect(port).toBeGreaterThan(0);
  await turns(1);
  return port;
}

describe('node port: TCP listener', () => {
  it('knows its ephemeral port as soon as tcpListen returns, and accepts on it', async () => {
    const events = new Recorder();
    const listener = listening(createNodePort().tcpListen(v4(0), 4, events, false));
    const port = listener.local.port;
    expect(port).toBeGreaterThan(0);
    expect(listener.local).toEqual({ family: AF_INET, addr: LOOPBACK4, port });
    expect(listener.pending()).toBe(0);
    expect(listener.accept(new Recorder())).toBeNull();

    const peer = client(port);
    await once(peer, 'connect');
    await events.until(() => events.count('acceptable') === 1);
    expect(listener.pending()).toBe(1);
    const connectionEvents = new Recorder();
    const connection = accepted(listener.accept(connectionEvents));
    expect(listener.pending()).toBe(0);
    expect(connection.remote).toEqual({ family: AF_INET, addr: LOOPBACK4, port: peer.localPort });
    expect(connection.local).toEqual({ family: AF_INET, addr: LOOPBACK4, port });
    await connectionEvents.until(() => connectionEvents.count('writable') > 0);
    expect(connection.write(Buffer.from('hi'))).toBe(2);
    const [chunk] = (await once(peer, 'data')) as [Buffer];
    expect(chunk.toString()).toBe('hi');
    peer.end('bye');
    await connectionEvents.until(() => connection.finished() || connection.available() === 3);
    const into = new Uint8Array(8);
    expect(Buffer.from(into.subarray(0, connection.read(into))).toString()).toBe('bye');
    await connectionEvents.until(() => connection.finished());
    expect(events.syncEvents + connectionEvents.syncEvents).toBe(0);
  });

  it('hands out waiting connections oldest first', async () => {
    const events = new Recorder();
    const listener = listening(createNodePort().tcpListen(v4(0, new Uint8Array(4)), 2, events, false));
    const port = await bound(listener);
    expect(listener.local.addr).toEqual(new Uint8Array(4));
    const peers: Socket[] = [];
    for (let i = 0; i < 3; i++) {
      const peer = client(port);
      await once(peer, 'connect');
      peer.write(Uint8Array.of(i));
      peers.push(peer);
      await events.until(() => events.count('acceptable') === i + 1);
    }
    expect(listener.pending()).toBe(3);
    for (let i = 0; i < 3; i++) {
      const connectionEvents = new Recorder();
      const connection = accepted(listener.accept(connectionEvents));
      expect(connection.remote.port).toBe(peers[i]!.localPort);
      await connectionEvents.until(() => connection.available() > 0);
      const into = new Uint8Array(4);
      expect(connection.read(into)).toBe(1);
      expect(into[0]).toBe(i);
    }
    expect(listener.accept(new Recorder())).toBeNull();
  });

  it('reports EADDRINUSE (48) through error when the port is taken', async () => {
    const node = createNodePort();
    const first = listening(node.tcpListen(v4(0), 1, new Recorder(), false));
    const port = await bound(first);
    const events = new Recorder();
    const second = listening(node.tcpListen(v4(port), 1, events, false));
    expect(typeof second).toBe('object');
    await events.until(() => events.errors.length > 0);
    await turns(5);
    expect(events.errors).toEqual([EADDRINUSE]);
    expect(events.syncEvents).toBe(0);
  });

  it('reports EADDRNOTAVAIL (49) for an address this host does not own', async () => {
    const events = new Recorder();
    listening(createNodePort().tcpListen(v4(0, new Uint8Array([192, 0, 2, 254])), 1, events, false));
    await events.until(() => events.errors.length > 0);
    expect(events.errors).toEqual([EADDRNOTAVAIL]);
  });

  it('listens on ::1, and AF_INET and AF_INET6 listeners can share a port (v6-only, as Zephyr)', async () => {
    const node = createNodePort();
    const events6 = new Recorder();
    const listener6 = listening(node.tcpListen(v6(0), 1, events6, false));
    const port = await bound(listener6);
    expect(listener6.local).toEqual({ family: AF_INET6, addr: LOOPBACK6, port });
    const events4 = new Recorder();
    const listener4 = listening(node.tcpListen(v4(port), 1, events4, false));
    await bound(listener4);

    const peer = client(port, '::1');
    await once(peer, 'connect');
    await events6.until(() => events6.count('acceptable') === 1);
    const connection = accepted(listener6.accept(new Recorder()));
    expect(connection.remote).toEqual({ family: AF_INET6, addr: LOOPBACK6, port: peer.localPort });
    expect(connection.local.family).toBe(AF_INET6);

    const peer4 = client(port);
    await once(peer4, 'connect');
    await events4.until(() => events4.count('acceptable') === 1);
    expect(listener6.pending()).toBe(0);
    expect(events4.errors).toEqual([]);
    expect(events6.errors).toEqual([]);
  });

  it('close() resets connections nobody accepted', async () => {
    const events = new Recorder();
    const listener = listening(createNodePort().tcpListen(v4(0), 1, events, false));
    const port = await bound(listener);
    const peer = client(port);
    let peerError = '';
    peer.on('error', (error: NodeJS.ErrnoException) => (peerError = error.code ?? ''));
    await once(peer, 'connect');
    await events.until(() => events.count('acceptable') === 1);
    listener.close();
    expect(await pollUntil(() => peerError !== '')).toBe(true);
    expect(peerError).toBe('ECONNRESET');
    const refused = client(port);
    const [error] = (await once(refused, 'error')) as [NodeJS.ErrnoException];
    expect(error.code).toBe('ECONNREFUSED');
  });

  it('close() before Node has bound leaves nothing listening', async () => {
    const port = await closedPort();
    const listener = listening(createNodePort().tcpListen(v4(port), 1, new Recorder(), false));
    listener.close();
    await turns(5);
    expect(listener.local.port).toBe(port);
    const refused = client(port);
    const [error] = (await once(refused, 'error')) as [NodeJS.ErrnoException];
    expect(error.code).toBe('ECONNREFUSED');
  });

  it('an accepted connection reset while waiting reports ECONNRESET (54) once accepted', async () => {
    const events = new Recorder();
    const listener = listening(createNodePort().tcpListen(v4(0), 1, events, false));
    const port = await bound(listener);
    const peer = client(port);
    await once(peer, 'connect');
    await events.until(() => events.count('acceptable') === 1);
    peer.resetAndDestroy();
    await once(peer, 'close');
    const connectionEvents = new Recorder();
    accepted(listener.accept(connectionEvents));
    await connectionEvents.until(() => connectionEvents.errors.length > 0);
    expect(connectionEvents.errors).toEqual([54]);
  });

  it('rejects what it cannot open without waiting', () => {
    const node = createNodePort();
    expect(node.tcpListen({ family: 3, addr: LOOPBACK4, port: 0 }, 1, new Recorder(), false)).toBe(EAFNOSUPPORT);
    expect(node.tcpListen({ family: AF_INET6, addr: LOOPBACK4, port: 0 }, 1, new Recorder(), false)).toBe(EINVAL);
    expect(node.tcpListen(v4(-1), 1, new Recorder(), false)).toBe(EINVAL);
  });
});
