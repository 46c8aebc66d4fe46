/**
 * zsockjs on the Node port against the same work done with raw Node
 * net/dgram (and, for poll, against C's poll(2)), in one process, on
 * loopback. Each figure is a ratio of runs taken side by side: after a
 * warm-up of both, zsock and raw runs alternate (ABBA) and the medians are
 * compared.
 *
 *   npx tsx bench/node-port.ts      # prints the figures (tsx adds closure wrappers: npm run bench is the reference)
 */

import { execFile, spawnSync } from 'node:child_process';
import { createSocket, type Socket as DgramSocket } from 'node:dgram';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bound_port, loopback } from './core';
import {
  AF_INET,
  errno,
  inet_tcp,
  inet_udp,
  IPPROTO_TCP,
  SIZEOF_INT,
  SOCK_DGRAM,
  SOCK_STREAM,
  sockaddr,
  SOCKADDR_IN6_SIZE,
  SOCKADDR_IN_SIZE,
  TCP_NODELAY,
  ZSOCK_POLLIN,
  zsock_accept,
  zsock_bind,
  zsock_close,
  zsock_connect,
  zsock_init,
  zsock_listen,
  zsock_poll,
  zsock_recv,
  zsock_recvfrom,
  zsock_send,
  zsock_sendto,
  zsock_setsockopt,
  zsock_socket,
  type Port,
  type zsock_pollfd,
} from '../lib/index';
import { createNodePort } from '../ports/node/index';
import type { Figure } from './core';
import type { Section } from './run';

const KIB = 1024;
const MIB = 1024 * KIB;
const BULK_BYTES = 256 * MIB;
const BULK_WRITE = 64 * KIB;
const PING_BYTES = 64;
const PING_TRIPS = 20_000;
const UDP_BYTES = 512;
const UDP_TRIPS = 20_000;
const POLL_COUNT = 1024;
const POLL_CALLS = 20_000;
/** Measured runs of each side; the median is reported. */
const ROUNDS = 3;
/** A run that takes longer than this has hung: the benchmark fails instead of waiting. */
const RUN_LIMIT_MS = 20_000;

const TARGETS = { bulk: 0.9, ping: 0.8, udp: 0.8 };

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function bounded<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result after ${RUN_LIMIT_MS} ms`)), RUN_LIMIT_MS);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/** One warm-up of each, then ROUNDS of each in ABBA order; medians of the measured values. */
async function sideBySide(
  what: string,
  zsock: () => Promise<number>,
  raw: () => Promise<number>,
): Promise<{ zsock: number; raw: number; zsockRuns: number[]; rawRuns: number[] }> {
  await bounded(zsock(), `${what} (zsock warm-up)`);
  await bounded(raw(), `${what} (raw warm-up)`);
  const z: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    if (i % 2 === 0) {
      z.push(await bounded(zsock(), `${what} (zsock)`));
      r.push(await bounded(raw(), `${what} (raw)`));
    } else {
      r.push(await bounded(raw(), `${what} (raw)`));
      z.push(await bounded(zsock(), `${what} (zsock)`));
    }
  }
  return { zsock: median(z), raw: median(r), zsockRuns: z, rawRuns: r };
}

function check(result: number, what: string): number {
  if (result < 0) throw new Error(`${what} failed: errno ${errno}`);
  return result;
}

/** A connected zsock TCP pair on loopback: [client, accepted, listener]. */
async function zsockPair(nodelay: boolean): Promise<[number, number, number]> {
  const lfd = check(zsock_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), 'socket');
  check(zsock_bind(lfd, loopback(0), SOCKADDR_IN_SIZE), 'bind');
  check(zsock_listen(lfd, 1), 'listen');
  const cfd = check(zsock_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), 'socket');
  const [c, sfd] = await Promise.all([
    zsock_connect(cfd, loopback(bound_port(lfd)), SOCKADDR_IN_SIZE),
    zsock_accept(lfd, null, null),
  ]);
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

/* Bulk TCP: 64 KiB writes, 256 MiB through one connection; MB/s at the receiver. */

async function zsockBulk(): Promise<number> {
  const [cfd, sfd, lfd] = await zsockPair(false);
  const out = new Uint8Array(BULK_WRITE).fill(0x5a);
  const into = new Uint8Array(BULK_WRITE);
  const start = performance.now();
  const sender = (async () => {
    for (let sent = 0; sent < BULK_BYTES; sent += BULK_WRITE) {
      // One 64 KiB write; the loop finishes it when the socket takes part of it.
      for (let off = 0; off < BULK_WRITE; ) off += check(await zsock_send(cfd, out.subarray(off), BULK_WRITE - off, 0), 'send');
    }
  })();
  let got = 0;
  while (got < BULK_BYTES) {
    const n = await zsock_recv(sfd, into, into.length, 0);
    if (n <= 0) throw new Error(`bulk recv: ${n}, errno ${errno}`);
    got += n;
  }
  const seconds = (performance.now() - start) / 1000;
  await sender;
  zsock_close(cfd);
  zsock_close(sfd);
  zsock_close(lfd);
  return BULK_BYTES / seconds / 1e6;
}

async function rawBulk(): Promise<number> {
  const [client, peer, close] = await rawPair(false);
  const out = Buffer.alloc(BULK_WRITE, 0x5a);
  const start = performance.now();
  const received = new Promise<void>((resolve) => {
    let got = 0;
    peer.on('data', (chunk: Buffer) => {
      got += chunk.length;
      if (got >= BULK_BYTES) resolve();
    });
  });
  for (let sent = 0; sent < BULK_BYTES; sent += BULK_WRITE) {
    // Node's own backpressure: wait for 'drain' when write() says the buffer is full.
    if (!client.write(out)) await once(client, 'drain');
  }
  await received;
  const seconds = (performance.now() - start) / 1000;
  await close();
  return BULK_BYTES / seconds / 1e6;
}

/* 64-byte TCP ping-pong: round trips per second, TCP_NODELAY on both sides of both. */

async function zsockPing(): Promise<number> {
  const [cfd, sfd, lfd] = await zsockPair(true);
  const request = new Uint8Array(PING_BYTES).fill(1);
  const reply = new Uint8Array(PING_BYTES);
  const serverBuf = new Uint8Array(PING_BYTES);
  const server = (async () => {
    for (let trip = 0; trip < PING_TRIPS; trip++) {
      for (let got = 0; got < PING_BYTES; ) got += check(await zsock_recv(sfd, serverBuf.subarray(got), PING_BYTES - got, 0), 'recv');
      for (let off = 0; off < PING_BYTES; ) off += check(await zsock_send(sfd, serverBuf.subarray(off), PING_BYTES - off, 0), 'send');
    }
  })();
  const start = performance.now();
  for (let trip = 0; trip < PING_TRIPS; trip++) {
    for (let off = 0; off < PING_BYTES; ) off += check(await zsock_send(cfd, request.subarray(off), PING_BYTES - off, 0), 'send');
    for (let got = 0; got < PING_BYTES; ) {
      const n = await zsock_recv(cfd, reply.subarray(got), PING_BYTES - got, 0);
      if (n <= 0) throw new Error(`ping recv: ${n}, errno ${errno}`);
      got += n;
    }
  }
  const seconds = (performance.now() - start) / 1000;
  await server;
  zsock_close(cfd);
  zsock_close(sfd);
  zsock_close(lfd);
  return PING_TRIPS / seconds;
}

async function rawPing(): Promise<number> {
  const [client, peer, close] = await rawPair(true);
  const request = Buffer.alloc(PING_BYTES, 1);
  // The server answers every complete 64 bytes with 64 bytes.
  let serverHeld = 0;
  peer.on('data', (chunk: Buffer) => {
    serverHeld += chunk.length;
    while (serverHeld >= PING_BYTES) {
      serverHeld -= PING_BYTES;
      peer.write(chunk.length === PING_BYTES ? chunk : request);
    }
  });
  const start = performance.now();
  await new Promise<void>((resolve) => {
    let trips = 0;
    let held = 0;
    client.on('data', (chunk: Buffer) => {
      held += chunk.length;
      while (held >= PING_BYTES) {
        held -= PING_BYTES;
        if (++trips === PING_TRIPS) resolve();
        else client.write(request);
      }
    });
    client.write(request);
  });
  const seconds = (performance.now() - start) / 1000;
  await close();
  return PING_TRIPS / seconds;
}

/*
 * UDP 512-byte request/response: datagrams answered per second. A watchdog
 * re-sends the request when no answer came for 200 ms, so a lost datagram
 * costs time instead of hanging the run (the same for both sides).
 */

function watchdog(progress: () => number, resend: () => void): () => void {
  let last = -1;
  const timer = setInterval(() => {
    const now = progress();
    if (now === last) resend();
    last = now;
  }, 200);
  return () => clearInterval(timer);
}

async function zsockUdp(): Promise<number> {
  const server = check(zsock_socket(AF_INET, SOCK_DGRAM, 0), 'socket');
  check(zsock_bind(server, loopback(0), SOCKADDR_IN_SIZE), 'bind');
  const client = check(zsock_socket(AF_INET, SOCK_DGRAM, 0), 'socket');
  check(zsock_bind(client, loopback(0), SOCKADDR_IN_SIZE), 'bind');
  const to = loopback(bound_port(server));
  const request = new Uint8Array(UDP_BYTES).fill(2);
  const reply = new Uint8Array(UDP_BYTES);
  const serverBuf = new Uint8Array(UDP_BYTES);
  let serving = true;
  const echo = (async () => {
    const from = new sockaddr();
    const fromlen = { value: SOCKADDR_IN6_SIZE };
    while (serving) {
      fromlen.value = SOCKADDR_IN6_SIZE;
      const n = await zsock_recvfrom(server, serverBuf, serverBuf.length, 0, from, fromlen);
      if (n < 0) return; // closed: the run is over
      await zsock_sendto(server, serverBuf, n, 0, from, fromlen.value);
    }
  })();
  let trips = 0;
  const stop = watchdog(
    () => trips,
    () => void zsock_sendto(client, request, UDP_BYTES, 0, to, SOCKADDR_IN_SIZE),
  );
  const start = performance.now();
  for (; trips < UDP_TRIPS; trips++) {
    check(await zsock_sendto(client, request, UDP_BYTES, 0, to, SOCKADDR_IN_SIZE), 'sendto');
    check(await zsock_recv(client, reply, reply.length, 0), 'recv');
  }
  const seconds = (performance.now() - start) / 1000;
  stop();
  serving = false;
  zsock_close(server);
  zsock_close(client);
  await echo;
  return UDP_TRIPS / seconds;
}

async function rawUdp(): Promise<number> {
  const server = createSocket('udp4');
  const client = createSocket('udp4');
  server.bind(0, '127.0.0.1');
  client.bind(0, '127.0.0.1');
  await Promise.all([once(server, 'listening'), once(client, 'listening')]);
  const port = server.address().port;
  const request = Buffer.alloc(UDP_BYTES, 2);
  server.on('message', (msg: Buffer, from) => server.send(msg, from.port, from.address));
  let trips = 0;
  const stop = watchdog(
    () => trips,
    () => client.send(request, port, '127.0.0.1'),
  );
  const start = performance.now();
  await new Promise<void>((resolve) => {
    client.on('message', () => {
      if (++trips === UDP_TRIPS) resolve();
      else client.send(request, port, '127.0.0.1');
    });
    client.send(request, port, '127.0.0.1');
  });
  const seconds = (performance.now() - start) / 1000;
  stop();
  await Promise.all([closeDgram(server), closeDgram(client)]);
  return UDP_TRIPS / seconds;
}

function closeDgram(socket: DgramSocket): Promise<void> {
  return new Promise((resolve) => socket.close(() => resolve()));
}

/* zsock_poll over 1024 UDP descriptors, one readable, timeout 0, against C's poll(2). */

/** The hard descriptor limit (Node raises its soft limit to it at start-up). */
function descriptorLimit(): number {
  const out = spawnSync('sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' });
  const text = (out.stdout || '').trim();
  return text === 'unlimited' ? Infinity : Number(text) || 0;
}

async function zsockPollSetup(): Promise<{ fds: zsock_pollfd[]; close: () => void }> {
  const fds: zsock_pollfd[] = [];
  for (let i = 0; i < POLL_COUNT; i++) {
    const fd = check(zsock_socket(AF_INET, SOCK_DGRAM, 0), 'socket');
    check(zsock_bind(fd, loopback(0), SOCKADDR_IN_SIZE), 'bind');
    fds.push({ fd, events: ZSOCK_POLLIN, revents: 0 });
  }
  const close = (): void => {
    for (const p of fds) zsock_close(p.fd);
  };
  const ready = fds[POLL_COUNT >> 1]!.fd;
  check(await zsock_sendto(fds[0]!.fd, new Uint8Array(1), 1, 0, loopback(bound_port(ready)), SOCKADDR_IN_SIZE), 'sendto');
  if ((await zsock_poll(fds, POLL_COUNT, 2000)) !== 1) {
    close();
    throw new Error('poll: the datagram did not arrive');
  }
  return { fds, close };
}

async function zsockPollCost(fds: zsock_pollfd[]): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < POLL_CALLS; i++) {
    if ((await zsock_poll(fds, POLL_COUNT, 0)) !== 1) throw new Error('poll: expected one ready descriptor');
  }
  return ((performance.now() - start) * 1e6) / POLL_CALLS;
}

function runC(binary: string): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile(binary, [String(POLL_COUNT), String(POLL_CALLS)], { timeout: RUN_LIMIT_MS }, (error, stdout, stderr) => {
      if (error) reject(new Error(`poll.c: ${stderr || error.message}`));
      else resolve(Number(stdout.trim()));
    });
  });
}

function fmt(value: number, digits = 1): string {
  return value.toFixed(digits);
}

function ratioRow(name: string, ratio: number): Figure {
  return { name, value: ratio, unit: '×' };
}

export async function node_benchmarks(): Promise<Section[]> {
  const port: Port = createNodePort();
  zsock_init(port, [inet_tcp, inet_udp], { maxDescriptors: POLL_COUNT + 76 });
  const sections: Section[] = [];
  const verdict = (ratio: number, target: number): string => (ratio >= target ? `meets the ${target}× target` : `below the ${target}× target`);

  const bulk = await sideBySide('bulk TCP', zsockBulk, rawBulk);
  const bulkRatio = bulk.zsock / bulk.raw;
  const ping = await sideBySide('TCP ping-pong', zsockPing, rawPing);
  const pingRatio = ping.zsock / ping.raw;
  const udp = await sideBySide('UDP ping-pong', zsockUdp, rawUdp);
  const udpRatio = udp.zsock / udp.raw;
  sections.push({
    title: 'Node port against raw Node net/dgram (loopback, one process)',
    rows: [
      { name: 'bulk TCP, 64 KiB writes, 256 MiB — zsock', value: bulk.zsock, unit: 'MB/s' },
      { name: 'bulk TCP, 64 KiB writes, 256 MiB — raw net', value: bulk.raw, unit: 'MB/s' },
      ratioRow('bulk TCP zsock / raw', bulkRatio),
      { name: '64-byte TCP ping-pong — zsock', value: ping.zsock, unit: 'round trips/s' },
      { name: '64-byte TCP ping-pong — raw net', value: ping.raw, unit: 'round trips/s' },
      ratioRow('TCP ping-pong zsock / raw', pingRatio),
      { name: '512-byte UDP request/response — zsock', value: udp.zsock, unit: 'round trips/s' },
      { name: '512-byte UDP request/response — raw dgram', value: udp.raw, unit: 'round trips/s' },
      ratioRow('UDP request/response zsock / raw', udpRatio),
    ],
    notes: [
      `Each side: one warm-up run, then ${ROUNDS} runs alternating zsock and raw (ABBA); medians. Runs (zsock | raw):`,
      `bulk MB/s ${bulk.zsockRuns.map((v) => fmt(v)).join(', ')} | ${bulk.rawRuns.map((v) => fmt(v)).join(', ')} — ${verdict(bulkRatio, TARGETS.bulk)}.`,
      `ping-pong/s ${ping.zsockRuns.map((v) => fmt(v, 0)).join(', ')} | ${ping.rawRuns.map((v) => fmt(v, 0)).join(', ')} — ${verdict(pingRatio, TARGETS.ping)}.`,
      `UDP/s ${udp.zsockRuns.map((v) => fmt(v, 0)).join(', ')} | ${udp.rawRuns.map((v) => fmt(v, 0)).join(', ')} — ${verdict(udpRatio, TARGETS.udp)}.`,
      'Both ends of every connection run in this process. Bulk: the sender writes 64 KiB at a time (zsock: zsock_send, finishing partial sends; raw: socket.write, waiting for drain); MB/s is taken when the receiver has all bytes (zsock: zsock_recv into a 64 KiB buffer; raw: counting data chunks). No side verifies content.',
      `Ping-pong: ${PING_TRIPS} round trips of 64 bytes, TCP_NODELAY on all four sockets. UDP: ${UDP_TRIPS} request/response pairs of 512 bytes (request/response, so a loss shows as time: a 200 ms watchdog re-sends).`,
      'What the BSD contract costs here: zsock copies every byte twice in user space (send: the port copies, since the caller may reuse its buffer at once; recv: into the caller\'s buffer), and every call is a Promise; raw Node hands its own buffers around.',
      'npm run bench runs an esbuild bundle of the sources (as an application ships), not tsx, whose keepNames wrapping of closures would tax the zsock side.',
    ],
  });

  const limit = descriptorLimit();
  const dir = mkdtempSync(join(tmpdir(), 'zsock-poll-'));
  try {
    if (limit < POLL_COUNT + 64) {
      sections.push({ title: 'zsock_poll against poll(2)', rows: [], notes: [`Not measured: the descriptor limit (${limit}) does not allow ${POLL_COUNT} sockets.`] });
    } else {
      const binary = join(dir, 'poll');
      const source = resolve('bench/poll.c');
      const cc = spawnSync('cc', ['-O2', '-o', binary, source], { encoding: 'utf8' });
      if (cc.status !== 0) throw new Error(`cc -O2 bench/poll.c failed: ${cc.stderr || cc.error}`);
      const { fds, close } = await zsockPollSetup();
      try {
        const poll = await sideBySide('poll', () => zsockPollCost(fds), () => runC(binary));
        sections.push({
          title: `zsock_poll against poll(2): ${POLL_COUNT} UDP sockets on loopback, one readable, timeout 0`,
          rows: [
            { name: `zsock_poll, ${POLL_COUNT} descriptors (awaited)`, value: poll.zsock, unit: 'ns/call' },
            { name: `C poll(2), ${POLL_COUNT} descriptors (cc -O2)`, value: poll.raw, unit: 'ns/call' },
            ratioRow('C ns / zsock ns (above 1: zsock_poll is faster)', poll.raw / poll.zsock),
          ],
          notes: [
            `${POLL_CALLS} calls per run; runs (zsock | C): ${poll.zsockRuns.map((v) => fmt(v, 0)).join(', ')} | ${poll.rawRuns.map((v) => fmt(v, 0)).join(', ')} ns.`,
            'zsock_poll asks the port what it already knows (a queued datagram), with no system call; poll(2) asks the kernel about every descriptor.',
          ],
        });
      } finally {
        close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  zsock_init(port, []);
  return sections;
}

// Run alone: npx tsx bench/node-port.ts
if (/bench\/node-port\.ts$/.test(process.argv[1] ?? '')) {
  node_benchmarks().then(
    (sections) => {
      for (const section of sections) {
        console.log(`\n## ${section.title}\n`);
        for (const row of section.rows) console.log(`${row.name}: ${row.value >= 100 ? Math.round(row.value) : row.value.toFixed(2)} ${row.unit}`);
        for (const note of section.notes ?? []) console.log(`  ${note}`);
      }
      process.exit(0);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
