/**
 * TCP on the Node port against raw Node net, on loopback, both ends in this
 * process. Each side opens one connection and keeps it; a round moves a
 * fixed amount through it, so pairs of rounds alternate without connection
 * set-up in the timed part.
 */

import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { bound_port, loopback } from './core';
import {
  AF_INET,
  errno,
  IPPROTO_TCP,
  SIZEOF_INT,
  SOCK_STREAM,
  SOCKADDR_IN_SIZE,
  TCP_NODELAY,
  zsock_accept,
  zsock_bind,
  zsock_close,
  zsock_connect,
  zsock_listen,
  zsock_recv,
  zsock_send,
  zsock_setsockopt,
  zsock_socket,
} from '../lib/index';

/** A side of a paired benchmark: one round per call, then close. */
export interface Session {
  round(): Promise<number>;
  close(): Promise<void>;
}

export function check(result: number, what: string): number {
  if (result < 0) throw new Error(`${what} failed: errno ${errno}`);
  return result;
}

/** A connected zsock TCP pair on loopback: [client, accepted, listener]. */
async function zsockPair(nodelay: boolean): Promise<[number, number, number]> {
  const lfd = check(zsock_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), 'socket');
  check(zsock_bind(lfd, loopback(0), SOCKADDR_IN_SIZE), 'bind');
  check(zsock_listen(lfd, 1), 'listen');
  const cfd = check(zsock_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), 'socket');
  const [c, sfd] = await Promise.all([zsock_connect(cfd, loopback(bound_port(lfd)), SOCKADDR_IN_SIZE), zsock_accept(lfd, null, null)]);
  check(c, 'connect');
  check(sfd, 'accept');
  if (nodelay) {
    for (const fd of [cfd, sfd]) check(zsock_setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, { value: 1 }, SIZEOF_INT), 'TCP_NODELAY');
  }
  return [cfd, sfd, lfd];
}

/** A connected raw net pair on loopback: [client, accepted, close]. */
async function rawPair(nodelay: boolean): Promise<[Socket, Socket, () => Promise<void>]> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const accepted = once(server, 'connection') as Promise<[Socket]>;
  const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
  await once(client, 'connect');
  const [peer] = await accepted;
  if (nodelay) {
    client.setNoDelay(true);
    peer.setNoDelay(true);
  }
  const close = async (): Promise<void> => {
    client.destroy();
    peer.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return [client, peer, close];
}

/* Bulk: `roundBytes` per round in 64 KiB writes; MB/s when the receiver has them all. */

export async function zsockBulk(roundBytes: number, write: number): Promise<Session> {
  const [cfd, sfd, lfd] = await zsockPair(false);
  const out = new Uint8Array(write).fill(0x5a);
  const into = new Uint8Array(write);
  return {
    async round() {
      const start = performance.now();
      const sender = (async () => {
        for (let sent = 0; sent < roundBytes; sent += write) {
          // One 64 KiB write; the loop finishes it when the socket takes part of it.
          for (let off = 0; off < write; ) off += check(await zsock_send(cfd, off === 0 ? out : out.subarray(off), write - off, 0), 'send');
        }
      })();
      let got = 0;
      while (got < roundBytes) {
        const n = await zsock_recv(sfd, into, into.length, 0);
        if (n <= 0) throw new Error(`bulk recv: ${n}, errno ${errno}`);
        got += n;
      }
      const seconds = (performance.now() - start) / 1000;
      await sender;
      return roundBytes / seconds / 1e6;
    },
    async close() {
      zsock_close(cfd);
      zsock_close(sfd);
      zsock_close(lfd);
    },
  };
}

export async function rawBulk(roundBytes: number, write: number): Promise<Session> {
  const [client, peer, close] = await rawPair(false);
  const out = Buffer.alloc(write, 0x5a);
  let got = 0;
  let wanted = 0;
  let done: (() => void) | null = null;
  peer.on('data', (chunk: Buffer) => {
    got += chunk.length;
    if (got >= wanted && done) {
      const d = done;
      done = null;
      d();
    }
  });
  return {
    async round() {
      const start = performance.now();
      wanted = got + roundBytes;
      const received = new Promise<void>((resolve) => (done = resolve));
      for (let sent = 0; sent < roundBytes; sent += write) {
        // Node's own backpressure: wait for 'drain' when write() says the buffer is full.
        if (!client.write(out)) await once(client, 'drain');
      }
      await received;
      return roundBytes / ((performance.now() - start) / 1000) / 1e6;
    },
    close,
  };
}

/* Ping-pong: `trips` 64-byte round trips per round, TCP_NODELAY on all four sockets. */

export async function zsockPing(trips: number, size: number): Promise<Session> {
  const [cfd, sfd, lfd] = await zsockPair(true);
  const request = new Uint8Array(size).fill(1);
  const reply = new Uint8Array(size);
  const serverBuf = new Uint8Array(size);
  return {
    async round() {
      const server = (async () => {
        for (let trip = 0; trip < trips; trip++) {
          for (let got = 0; got < size; ) got += check(await zsock_recv(sfd, got === 0 ? serverBuf : serverBuf.subarray(got), size - got, 0), 'recv');
          for (let off = 0; off < size; ) off += check(await zsock_send(sfd, off === 0 ? serverBuf : serverBuf.subarray(off), size - off, 0), 'send');
        }
      })();
      const start = performance.now();
      for (let trip = 0; trip < trips; trip++) {
        for (let off = 0; off < size; ) off += check(await zsock_send(cfd, off === 0 ? request : request.subarray(off), size - off, 0), 'send');
        for (let got = 0; got < size; ) {
          const n = await zsock_recv(cfd, got === 0 ? reply : reply.subarray(got), size - got, 0);
          if (n <= 0) throw new Error(`ping recv: ${n}, errno ${errno}`);
          got += n;
        }
      }
      const seconds = (performance.now() - start) / 1000;
      await server;
      return trips / seconds;
    },
    async close() {
      zsock_close(cfd);
      zsock_close(sfd);
      zsock_close(lfd);
    },
  };
}

export async function rawPing(trips: number, size: number): Promise<Session> {
  const [client, peer, close] = await rawPair(true);
  const request = Buffer.alloc(size, 1);
  // The server answers every complete request with one of the same size.
  let serverHeld = 0;
  peer.on('data', (chunk: Buffer) => {
    serverHeld += chunk.length;
    while (serverHeld >= size) {
      serverHeld -= size;
      peer.write(chunk.length === size ? chunk : request);
    }
  });
  let held = 0;
  let count = 0;
  let done: (() => void) | null = null;
  client.on('data', (chunk: Buffer) => {
    held += chunk.length;
    while (held >= size) {
      held -= size;
      if (++count === trips && done) done();
      else client.write(request);
    }
  });
  return {
    async round() {
      count = 0;
      const start = performance.now();
      await new Promise<void>((resolve) => {
        done = resolve;
        client.write(request);
      });
      done = null;
      return trips / ((performance.now() - start) / 1000);
    },
    close,
  };
}
