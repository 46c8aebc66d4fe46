import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ECONNREFUSED,
  ECONNRESET,
  EADDRINUSE,
  EAFNOSUPPORT,
  EINVAL,
  ENOPROTOOPT,
} from '../../lib/errno';
import type { TcpConnection } from '../../lib/port';
import { createNodePort } from '../../ports/node';
import {
  AF_INET,
  AF_INET6,
  LOOPBACK4,
  LOOPBACK6,
  Recorder,
  closeServer,
  closedPort,
  nodeServer,
  pattern,
  pollUntil,
  sameBytes,
  tracked,
  turns,
  v4,
  v6,
} from './helpers';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function open(connection: TcpConnection | number): TcpConnection {
  if (typeof connection === 'number') throw new Error(`open failed: errno ${connection}`);
  const handle = tracked(connection);
  cleanups.push(() => handle.abort());
  return handle;
}

async function serve(onConnection: (socket: Socket) => void, host?: string, pauseOnConnect?: boolean) {
  const peers: Socket[] = [];
  const { server, port } = await nodeServer(
    (socket) => {
      peers.push(socket);
      socket.on('error', () => {});
      onConnection(socket);
    },
    host,
    pauseOnConnect,
  );
  cleanups.push(async () => {
    for (const peer of peers) peer.destroy();
    await closeServer(server);
  });
  return port;
}

/** Writes all of `data` as room allows, reusing and scribbling over one scratch buffer to prove the port copied. */
async function writeAll(connection: TcpConnection, events: Recorder, data: Uint8Array, piece = 10_000): Promise<void> {
  const scratch = new Uint8Array(piece);
  let sent = 0;
  while (sent < data.length) {
    const length = Math.min(piece, data.length - sent);
    scratch.set(data.subarray(sent, sent + length));
    const taken = connection.write(scratch.subarray(0, length));
    scratch.fill(0xee);
    sent += taken;
    if (taken < length) {
      const writes = events.count('writable');
      await events.until(() => events.count('writable') > writes || events.errors.length > 0);
      if (events.errors.length > 0) throw new Error(`errno ${events.errors[0]}`);
    }
  }
}

/** Reads until the peer's FIN, with a read buffer of `piece` bytes. */
async function readAll(connection: TcpConnection, events: Recorder, piece = 7_777): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const into = new Uint8Array(piece);
  for (;;) {
    const count = connection.read(into);
    if (count > 0) {
      parts.push(into.slice(0, count));
      continue;
    }
    if (connection.finished() || events.errors.length > 0) break;
    const reads = events.count('readable');
    await events.until(() => events.count('readable') > reads || events.errors.length > 0);
  }
  return Buffer.concat(parts);
}

async function connected(connection: TcpConnection, events: Recorder): Promise<void> {
  await events.until(() => events.count('connected') > 0 || events.errors.length > 0);
  expect(events.errors).toEqual([]);
  void connection;
}

describe('node port: TCP connections', () => {
  it('echoes 1 MiB of random bytes exactly, then sees the echo server FIN', async () => {
    const port = await serve((socket) => socket.pipe(socket));
    const node = createNodePort();
    const events = new Recorder();
    const connection = open(node.tcpConnect(v4(port), null, events));
    expect(connection.room()).toBe(0);
    await connected(connection, events);
    expect(events.count('connected')).toBe(1);
    expect(connection.local.family).toBe(AF_INET);
    expect(Array.from(connection.local.addr)).toEqual([127, 0, 0, 1]);
    expect(connection.local.port).toBeGreaterThan(0);
    expect(connection.remote).toEqual({ family: AF_INET, addr: LOOPBACK4, port });

    const data = new Uint8Array(randomBytes(1 << 20));
    const received = readAll(connection, events);
    await writeAll(connection, events, data);
    connection.shutdownWrite();
    expect(sameBytes(await received, data)).toBe(true);
    expect(connection.finished()).toBe(true);
    expect(connection.available()).toBe(0);
    expect(events.errors).toEqual([]);
    expect(events.count('connected')).toBe(1);
    expect(events.syncEvents).toBe(0);
  });

  it('reports ECONNREFUSED (61) once for a closed port', async () => {
    const port = await closedPort();
    const events = new Recorder();
    const connection = open(createNodePort().tcpConnect(v4(port), null, events));
    await events.until(() => events.errors.length > 0);
    await turns(5);
    expect(events.errors).toEqual([ECONNREFUSED]);
    expect(events.count('connected')).toBe(0);
    expect(connection.room()).toBe(0);
    expect(connection.write(new Uint8Array(4))).toBe(0);
    expect(events.syncEvents).toBe(0);
  });

  it('reports ECONNRESET (54) when the peer resets, keeping what arrived before', async () => {
    const port = await serve((socket) => {
      socket.write('before', () => socket.once('data', () => socket.resetAndDestroy()));
    });
    const events = new Recorder();
    const connection = open(createNodePort().tcpConnect(v4(port), null, events));
    await connected(connection, events);
    await events.until(() => connection.available() >= 6);
    expect(connection.write(new Uint8Array([1]))).toBe(1);
    await events.until(() => events.errors.length > 0);
    expect(events.errors).toEqual([ECONNRESET]);
    expect(connection.finished()).toBe(false);
    const into = new Uint8Array(16);
    expect(Buffer.from(into.subarray(0, connection.read(into))).toString()).toBe('before');
    expect(connection.room()).toBe(0);
  });

  it('reports EOF through finished() after the peer ends, and keeps sending (half-close by the peer)', async () => {
    let fromClient = '';
    let clientEnded = false;
    const port = await serve((socket) => {
      socket.end('bye');
      socket.on('data', (chunk: Buffer) => (fromClient += chunk.toString()));
      socket.on('end', () => (clientEnded = true));
    });
    const events = new Recorder();
    const connection = open(createNodePort().tcpConnect(v4(port), null, events));
    await connected(connection, events);
    await events.until(() => connection.available() === 3);
    const into = new Uint8Array(2);
    expect(connection.read(into)).toBe(2);
    expect(connection.finished()).toBe(false);
    expect(connection.read(into)).toBe(1);
    expect(Buffer.from(into.subarray(0, 1)).toString()).toBe('e');
    await events.until(() => connection.finished());
    expect(connection.read(into)).toBe(0);

    expect(connection.room()).toBeGreaterThan(0);
    expect(connection.write(Buffer.from('still here'))).toBe(10);
    connection.shutdownWrite();
    expect(await pollUntil(() => clientEnded)).toBe(true);
    expect(fromClient).toBe('still here');
    expect(events.errors).toEqual([]);
  });

  it('half-closes its own side: the peer reads to EOF, then answers', async () => {
    const port = await serve((socket) => {
      const parts: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => parts.push(chunk));
      socket.on('end', () => socket.end(`got ${Buffer.concat(parts).length}`));
    });
    const events = new Recorder();
    const connection = open(createNodePort().tcpConnect(v4(port), null, events));
    await connected(connection, events);
    await writeAll(connection, events, pattern(200_000, 7));
    connection.shutdownWrite();
    expect(connection.room()).toBe(0);
    expect(connection.write(new Uint8Array(1))).toBe(0);
    const answer = await readAll(connection, events);
    expect(Buffer.from(answer).toString()).toBe('got 200000');
    expect(connection.finished()).toBe(true);
  });

  it('applies send backpressure: room() falls to 0 against a peer that does not read, then writable fires', async () => {
    // Stream byte i is streamByte(i): the peer checks every byte without storing megabytes.
    const streamByte = (i: number): number => (i * 7 + (i >>> 9)) & 0xff;
    let peer: Socket | undefined;
    let arrived = 0;
    let mismatches = 0;
    let peerEnded = false;
    const port = await serve((socket) => {
      peer = socket; // paused on connect: nothing is read yet
      socket.on('data', (chunk: Buffer) => {
        for (let i = 0; i < chunk.length; i++) if (chunk[i] !== streamByte(arrived + i)) mismatches++;
        arrived += chunk.length;
      });
      socket.on('end', () => (peerEnded = true));
    }, '127.0.0.1', true);
    const budget = 32 * 1024;
    const events = new Recorder();
    const connection = open(createNodePort({ tcpSendBuffer: budget }).tcpConnect(v4(port), null, events));
    await connected(connection, events);

    // One scratch buffer, overwritten after every write: what Node still holds must be the port's copy.
    const scratch = new Uint8Array(16 * 1024);
    let accepted = 0;
    const writeNext = (): number => {
      for (let i = 0; i < scratch.length; i++) scratch[i] = streamByte(accepted + i);
      const taken = connection.write(scratch);
      scratch.fill(0xee);
      accepted += taken;
      return taken;
    };
    // The kernel's buffers take some megabytes first; bounded at 64 MiB.
    for (let i = 0; i < 4096 && connection.room() > 0; i++) {
      writeNext();
      if (i % 64 === 63) await turns(1);
    }
    expect(connection.room()).toBe(0);
    expect(writeNext()).toBe(0);
    await turns(20);
    expect(connection.room()).toBe(0);
    expect(writeNext()).toBe(0);

    expect(await pollUntil(() => peer !== undefined)).toBe(true);
    const target = accepted + 300_000;
    peer!.resume();
    while (accepted < target) {
      const writables = events.count('writable');
      if (writeNext() === 0) await events.until(() => events.count('writable') > writables || events.errors.length > 0);
      expect(events.errors).toEqual([]);
    }
    connection.shutdownWrite();
    expect(await pollUntil(() => peerEnded, 100_000)).toBe(true);
    expect(arrived).toBe(accepted);
    expect(mismatches).toBe(0);
    expect(events.syncEvents).toBe(0);
  });

  it('stops reading past its receive budget and resumes as the reader drains, losing nothing', async () => {
    const total = 32 * 1024 * 1024;
    const content = pattern(total, 11);
    const port = await serve((socket) => socket.end(content));
    const budget = 64 * 1024;
    const events = new Recorder();
    const connection = open(createNodePort({ tcpReceiveBuffer: budget }).tcpConnect(v4(port), null, events));
    await connected(connection, events);
    await events.until(() => connection.available() >= budget);
    // Many I/O turns: a port that kept reading would queue megabytes here.
    await turns(300);
    // The pause lands after the chunk that crossed the budget (Node reads at most 64 KiB at once).
    expect(connection.available()).toBeLessThanOrEqual(budget + 64 * 1024);
    expect(connection.finished()).toBe(false);
    const received = await readAll(connection, events, 1_000);
    expect(received.length).toBe(total);
    expect(sameBytes(received, content)).toBe(true);
    expect(connection.finished()).toBe(true);
  });

  it('setOption rcvbuf moves the receive budget', async () => {
    const content = pattern(4 * 1024 * 1024, 5);
    const port = await serve((socket) => socket.end(content));
    const events = new Recorder();
    const connection = open(createNodePort().tcpConnect(v4(port), null, events));
    expect(connection.setOption('rcvbuf', 8 * 1024)).toBe(0);
    await connected(connection, events);
    await events.until(() => connection.available() >= 8 * 1024);
    await turns(300);
    expect(connection.available()).toBeLessThanOrEqual(8 * 1024 + 64 * 1024);
    expect(connection.setOption('rcvbuf', -1)).toBe(EINVAL);
    const received = await readAll(connection, events, 4_096);
    expect(sameBytes(received, content)).toBe(true);
  });

  it('abort() resets: the peer sees ECONNRESET', async () => {
    let peerError = '';
    let peerRead = 0;
    const port = await serve((socket) => {
      socket.on('error', (error: NodeJS.ErrnoException) => (peerError = error.code ?? ''));
      socket.on('data', (chunk: Buffer) => (peerRead += chunk.length));
    });
    const events = new Recorder();
    const connection = open(createNodePort().tcpConnect(v4(port), null, events));
    await connected(connection, events);
    connection.write(Buffer.from('x'));
    // Linux reports a reset that lands with unread data as EOF; let the byte be read first.
    expect(await pollUntil(() => peerRead === 1)).toBe(true);
    connection.abort();
    expect(await pollUntil(() => peerError !== '')).toBe(true);
    expect(peerError).toBe('ECONNRESET');
    const logged = events.log.length;
    await turns(10);
    expect(events.log.length).toBe(logged);
  });

  it('close() flushes what write() took, sends FIN, and fires no more events', async () => {
    let arrived = Buffer.alloc(0);
    let peerEnded = false;
    const port = await serve((socket) => {
      socket.on('data', (chunk: Buffer) => (arrived = Buffer.concat([arrived, chunk])));
      socket.on('end', () => {
        peerEnded = true;
        socket.end('late reply');
      });
    });
    const events = new Recorder();
    const connection = open(createNodePort().tcpConnect(v4(port), null, events));
    await connected(connection, events);
    const data = pattern(60_000, 9);
    expect(connection.write(data)).toBe(data.length);
    connection.close();
    const logged = events.log.length;
    expect(await pollUntil(() => peerEnded)).toBe(true);
    expect(sameBytes(arrived, data)).toBe(true);
    await turns(10);
    expect(events.log.length).toBe(logged);
  });

  it('close() with unread bytes resets the connection, as a BSD stack does', async () => {
    let peerError = '';
    const port = await serve((socket) => {
      socket.on('error', (error: NodeJS.ErrnoException) => (peerError = error.code ?? ''));
      socket.write('unread');
    });
    const events = new Recorder();
    const connection = open(createNodePort().tcpConnect(v4(port), null, events));
    await connected(connection, events);
    await events.until(() => connection.available() === 6);
    connection.close();
    expect(await pollUntil(() => peerError !== '')).toBe(true);
    expect(peerError).toBe('ECONNRESET');
  });

  it('binds the given local address and port before connecting', async () => {
    let peerPort = -1;
    const port = await serve((socket) => (peerPort = socket.remotePort ?? -1));
    const localPort = await closedPort();
    const events = new Recorder();
    const connection = open(createNodePort().tcpConnect(v4(port), v4(localPort), events));
    expect(connection.local.port).toBe(localPort);
    await connected(connection, events);
    expect(connection.local).toEqual({ family: AF_INET, addr: LOOPBACK4, port: localPort });
    expect(await pollUntil(() => peerPort !== -1)).toBe(true);
    expect(peerPort).toBe(localPort);
  });

  it('reports EADDRINUSE (48) when the local port is taken', async () => {
    const port = await serve(() => {});
    const events = new Recorder();
    open(createNodePort().tcpConnect(v4(port), v4(port), events));
    await events.until(() => events.errors.length > 0);
    expect(events.errors).toEqual([EADDRINUSE]);
    expect(events.count('connected')).toBe(0);
  });

  it('connects over IPv6 loopback', async () => {
    const port = await serve((socket) => socket.pipe(socket), '::1');
    const events = new Recorder();
    const connection = open(createNodePort().tcpConnect(v6(port), null, events));
    await connected(connection, events);
    expect(connection.local.family).toBe(AF_INET6);
    expect(connection.local.addr).toEqual(LOOPBACK6);
    expect(connection.remote).toEqual({ family: AF_INET6, addr: LOOPBACK6, port });
    const data = pattern(100_000, 2);
    const received = readAll(connection, events);
    await writeAll(connection, events, data);
    connection.shutdownWrite();
    expect(sameBytes(await received, data)).toBe(true);
  });

  it('honours nodelay, keepalive and keepidle; refuses what Node cannot set', async () => {
    const port = await serve(() => {});
    const events = new Recorder();
    const connection = open(createNodePort().tcpConnect(v4(port), null, events));
    expect(connection.setOption('nodelay', 1)).toBe(0);
    expect(connection.setOption('keepidle', 30)).toBe(0);
    expect(connection.setOption('keepalive', 1)).toBe(0);
    await connected(connection, events);
    expect(connection.setOption('nodelay', 0)).toBe(0);
    expect(connection.setOption('keepidle', 0)).toBe(EINVAL);
    expect(connection.setOption('keepintvl', 5)).toBe(ENOPROTOOPT);
    expect(connection.setOption('keepcnt', 5)).toBe(ENOPROTOOPT);
    expect(connection.setOption('tos', 16)).toBe(ENOPROTOOPT);
    expect(connection.setOption('v6only', 1)).toBe(ENOPROTOOPT);
  });

  it('rejects what it cannot open without waiting', () => {
    const node = createNodePort();
    const events = new Recorder();
    expect(node.tcpConnect({ family: 9, addr: LOOPBACK4, port: 1 }, null, events)).toBe(EAFNOSUPPORT);
    expect(node.tcpConnect({ family: AF_INET, addr: LOOPBACK6, port: 1 }, null, events)).toBe(EINVAL);
    expect(node.tcpConnect(v4(70000), null, events)).toBe(EINVAL);
    expect(node.tcpConnect(v4(1), v6(0), events)).toBe(EINVAL);
  });

  it('a Node client and the port agree on bytes written before a FIN (sanity of the peer helper)', async () => {
    const port = await serve((socket) => socket.end(Buffer.from('hello')));
    const client = connect(port, '127.0.0.1');
    cleanups.push(() => client.destroy());
    const [chunk] = (await once(client, 'data')) as [Buffer];
    expect(chunk.toString()).toBe('hello');
  });
});
