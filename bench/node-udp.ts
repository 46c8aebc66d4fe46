/**
 * UDP on the Node port against raw Node dgram, on loopback, both ends in
 * this process, sockets kept across rounds.
 *
 * Stream form: the sender keeps at most `window` datagrams ahead of what
 * the receiver has counted; a round sends `count` datagrams and ends when
 * all have arrived or nothing arrived for LOSS_WAIT_MS (the rest are lost).
 * Loss is counted on both sides: send calls that failed (sender) and
 * datagrams sent but never received (receiver). A window that makes no
 * progress for LOSS_WAIT_MS is written off as lost, so a loss costs time
 * but never hangs the round.
 *
 * Request/response form: one datagram out, its echo back, `trips` times; a
 * 200 ms watchdog re-sends a lost request.
 */

import { createSocket, type Socket as DgramSocket } from 'node:dgram';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { bound_port, loopback } from './core';
import { check, type Session } from './node-tcp';
import {
  AF_INET,
  SOCK_DGRAM,
  sockaddr,
  SOCKADDR_IN6_SIZE,
  SOCKADDR_IN_SIZE,
  zsock_bind,
  zsock_close,
  zsock_recv,
  zsock_recvfrom,
  zsock_sendto,
  zsock_socket,
} from '../lib/index';

const LOSS_WAIT_MS = 100;

/** Counts of a stream side, summed over its rounds. */
export interface Loss {
  sent: number;
  sendFailed: number;
  lost: number;
}

/** The sender's window bookkeeping, shared by both sides. */
class Window {
  sent = 0;
  received = 0;
  writtenOff = 0;
  private wake: (() => void) | null = null;
  private lastProgress = 0;
  private watch: ReturnType<typeof setInterval> | null = null;

  constructor(readonly size: number) {}

  open(): boolean {
    return this.sent - this.received - this.writtenOff < this.size;
  }

  /** The receiver counted one more. */
  arrived(): void {
    this.received++;
    if (this.wake) {
      const w = this.wake;
      this.wake = null;
      w();
    }
  }

  /** Resolves at the next arrival, or when the watchdog writes the window off. */
  waitForRoom(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }

  /** Every LOSS_WAIT_MS without an arrival, the outstanding datagrams count as lost. */
  startWatch(): void {
    this.lastProgress = this.received;
    this.watch = setInterval(() => {
      if (this.received === this.lastProgress) {
        this.writtenOff = this.sent - this.received;
        if (this.wake) {
          const w = this.wake;
          this.wake = null;
          w();
        }
      }
      this.lastProgress = this.received;
    }, LOSS_WAIT_MS);
  }

  stopWatch(): void {
    if (this.watch) clearInterval(this.watch);
    this.watch = null;
  }

  /** Waits until everything sent has arrived, or nothing arrives for LOSS_WAIT_MS. */
  async drain(): Promise<void> {
    while (this.received < this.sent) {
      const before = this.received;
      await Promise.race([this.waitForRoom(), new Promise<void>((r) => setTimeout(r, LOSS_WAIT_MS))]);
      if (this.received === before) return;
    }
  }
}

/** One timed stream round; the sender calls `send` (false: the send call failed). */
async function streamRound(win: Window, count: number, loss: Loss, send: () => Promise<boolean> | boolean): Promise<number> {
  const firstReceived = win.received;
  const firstSent = win.sent;
  win.writtenOff = win.sent - win.received;
  win.startWatch();
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    while (!win.open()) await win.waitForRoom();
    if (await send()) win.sent++;
    else loss.sendFailed++;
  }
  await win.drain();
  const seconds = (performance.now() - start) / 1000;
  win.stopWatch();
  const got = win.received - firstReceived;
  loss.sent += win.sent - firstSent;
  loss.lost += win.sent - firstSent - got;
  return got / seconds;
}

export async function zsockUdpStream(count: number, window: number, size: number, loss: Loss): Promise<Session> {
  const server = check(zsock_socket(AF_INET, SOCK_DGRAM, 0), 'socket');
  check(zsock_bind(server, loopback(0), SOCKADDR_IN_SIZE), 'bind');
  const client = check(zsock_socket(AF_INET, SOCK_DGRAM, 0), 'socket');
  check(zsock_bind(client, loopback(0), SOCKADDR_IN_SIZE), 'bind');
  const to = loopback(bound_port(server));
  const payload = new Uint8Array(size).fill(3);
  const into = new Uint8Array(size);
  const win = new Window(window);
  const receiver = (async () => {
    for (;;) {
      if ((await zsock_recv(server, into, into.length, 0)) < 0) return; // closed: the benchmark is over
      win.arrived();
    }
  })();
  return {
    round: () => streamRound(win, count, loss, async () => (await zsock_sendto(client, payload, size, 0, to, SOCKADDR_IN_SIZE)) === size),
    async close() {
      zsock_close(client);
      zsock_close(server);
      await receiver;
    },
  };
}

export async function rawUdpStream(count: number, window: number, size: number, loss: Loss): Promise<Session> {
  const server = createSocket('udp4');
  const client = createSocket('udp4');
  server.bind(0, '127.0.0.1');
  client.bind(0, '127.0.0.1');
  await Promise.all([once(server, 'listening'), once(client, 'listening')]);
  const port = server.address().port;
  const payload = Buffer.alloc(size, 3);
  const win = new Window(window);
  server.on('message', () => win.arrived());
  // A send that fails without a callback is reported here.
  client.on('error', () => {
    loss.sendFailed++;
    win.sent--;
  });
  return {
    round: () =>
      streamRound(win, count, loss, () => {
        client.send(payload, port, '127.0.0.1');
        return true;
      }),
    close: () => Promise.all([closeDgram(server), closeDgram(client)]).then(() => undefined),
  };
}

function watchdog(progress: () => number, resend: () => void): () => void {
  let last = -1;
  const timer = setInterval(() => {
    const now = progress();
    if (now === last) resend();
    last = now;
  }, 200);
  return () => clearInterval(timer);
}

export async function zsockUdpEcho(trips: number, size: number): Promise<Session> {
  const server = check(zsock_socket(AF_INET, SOCK_DGRAM, 0), 'socket');
  check(zsock_bind(server, loopback(0), SOCKADDR_IN_SIZE), 'bind');
  const client = check(zsock_socket(AF_INET, SOCK_DGRAM, 0), 'socket');
  check(zsock_bind(client, loopback(0), SOCKADDR_IN_SIZE), 'bind');
  const to = loopback(bound_port(server));
  const request = new Uint8Array(size).fill(2);
  const reply = new Uint8Array(size);
  const serverBuf = new Uint8Array(size);
  const echo = (async () => {
    const from = new sockaddr();
    const fromlen = { value: SOCKADDR_IN6_SIZE };
    for (;;) {
      fromlen.value = SOCKADDR_IN6_SIZE;
      const n = await zsock_recvfrom(server, serverBuf, serverBuf.length, 0, from, fromlen);
      if (n < 0) return; // closed: the benchmark is over
      await zsock_sendto(server, serverBuf, n, 0, from, fromlen.value);
    }
  })();
  return {
    async round() {
      let done = 0;
      const stop = watchdog(
        () => done,
        () => void zsock_sendto(client, request, size, 0, to, SOCKADDR_IN_SIZE),
      );
      const start = performance.now();
      for (; done < trips; done++) {
        check(await zsock_sendto(client, request, size, 0, to, SOCKADDR_IN_SIZE), 'sendto');
        check(await zsock_recv(client, reply, reply.length, 0), 'recv');
      }
      const seconds = (performance.now() - start) / 1000;
      stop();
      return trips / seconds;
    },
    async close() {
      zsock_close(server);
      zsock_close(client);
      await echo;
    },
  };
}

export async function rawUdpEcho(trips: number, size: number): Promise<Session> {
  const server = createSocket('udp4');
  const client = createSocket('udp4');
  server.bind(0, '127.0.0.1');
  client.bind(0, '127.0.0.1');
  await Promise.all([once(server, 'listening'), once(client, 'listening')]);
  const port = server.address().port;
  const request = Buffer.alloc(size, 2);
  server.on('message', (msg: Buffer, from) => server.send(msg, from.port, from.address));
  let done = 0;
  let finish: (() => void) | null = null;
  client.on('message', () => {
    if (++done === trips && finish) finish();
    else if (done < trips) client.send(request, port, '127.0.0.1');
  });
  return {
    async round() {
      done = 0;
      const stop = watchdog(
        () => done,
        () => client.send(request, port, '127.0.0.1'),
      );
      const start = performance.now();
      await new Promise<void>((resolve) => {
        finish = resolve;
        client.send(request, port, '127.0.0.1');
      });
      finish = null;
      const seconds = (performance.now() - start) / 1000;
      stop();
      return trips / seconds;
    },
    close: () => Promise.all([closeDgram(server), closeDgram(client)]).then(() => undefined),
  };
}

function closeDgram(socket: DgramSocket): Promise<void> {
  return new Promise((resolve) => socket.close(() => resolve()));
}
