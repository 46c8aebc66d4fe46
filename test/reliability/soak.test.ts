/**
 * Soak: open/close, refused connects and receive timeouts by the tens of
 * thousands on the simulated network and by the thousands on the Node port.
 * Afterwards the descriptor table, the port's handles, the timers (the
 * cancelled ones included) and the heap after GC are back where they
 * started.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  AF_INET,
  EAGAIN,
  ECONNREFUSED,
  SIZEOF_TIMEVAL,
  SO_RCVTIMEO,
  SOCK_DGRAM,
  SOCK_STREAM,
  SOL_SOCKET,
  errno,
  inet_tcp,
  inet_udp,
  zsock_bind,
  zsock_close,
  zsock_connect,
  zsock_init,
  zsock_listen,
  zsock_recv,
  zsock_sendto,
  zsock_setsockopt,
  zsock_socket,
} from '../../lib/index';
import { fd_open_list } from '../../lib/fdtable';
import { createNodePort } from '../../ports/node/index';
import { udpEchoServer, type Host } from '../../ports/node-mock/index';
import { addr, addrlen } from '../conformance/helpers';
import { open_mock } from '../conformance/mock-target';
import { figure } from './harness';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

async function heap_after_gc(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setImmediate(r));
    gc();
  }
  return process.memoryUsage().heapUsed;
}

/** The simulated host's open handles: connections, listeners, UDP sockets. */
function handles(host: Host): number {
  const h = host as unknown as { connections: Map<number, unknown[]>; listeners: Map<number, unknown[]>; udpSockets: Map<number, unknown[]> };
  let n = 0;
  for (const table of [h.connections, h.listeners, h.udpSockets]) for (const list of table.values()) n += list.length;
  return n;
}

/** Events queued on the virtual clock, cancelled ones included. */
function queued_events(host: Host): number {
  return (host.clock as unknown as { heap: unknown[] }).heap.length;
}

function set_rcvtimeo(fd: number, ms: number): void {
  const tv = { tv_sec: Math.floor(ms / 1000), tv_usec: (ms % 1000) * 1000 };
  if (zsock_setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, tv, SIZEOF_TIMEVAL) !== 0) throw new Error('SO_RCVTIMEO: ' + errno);
}

/** Runs `count` tasks, `batch` at a time. */
async function batches(count: number, batch: number, run: (p: Promise<unknown>) => Promise<unknown>, task: (i: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < count; i += batch) {
    const group: Promise<void>[] = [];
    for (let j = i; j < Math.min(count, i + batch); j++) group.push(task(j));
    await run(Promise.all(group));
  }
}

describe('soak', () => {
  it('simulated network: tens of thousands of open/close, refused connects and timeouts leave nothing behind', async () => {
    const scale = Number(process.env['REL_SOAK_SCALE'] || 1);
    const OPEN_CLOSE = 20_000 * scale;
    const REFUSED = 10_000 * scale;
    const TIMEOUTS = 10_000 * scale;
    const ANSWERED = 5_000 * scale;
    const s = open_mock(31);
    const device = s.net.hosts.find((h) => h.name === 'device')!;
    const peer = s.net.hosts.find((h) => h.name === 'peer')!;
    udpEchoServer(peer, 7);
    const run = (p: Promise<unknown>) => s.run(p);
    const started = performance.now();
    const cycle = async (i: number): Promise<void> => {
      const fd = zsock_socket(AF_INET, i & 1 ? SOCK_DGRAM : SOCK_STREAM, 0);
      if (fd < 0) throw new Error('socket: ' + errno);
      if (i % 4 === 0) {
        const a = addr('192.0.2.10', 0);
        if (zsock_bind(fd, a, addrlen(a)) !== 0 || zsock_listen(fd, 2) !== 0) throw new Error('bind/listen: ' + errno);
      }
      if (zsock_close(fd) !== 0) throw new Error('close: ' + errno);
    };
    const refused = async (): Promise<void> => {
      const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
      const to = addr('192.0.2.20', 9);
      const r = await zsock_connect(fd, to, addrlen(to));
      if (r !== -1 || errno !== ECONNREFUSED) throw new Error(`connect: ${r} errno ${errno}`);
      zsock_close(fd);
    };
    const timeout = async (): Promise<void> => {
      const fd = zsock_socket(AF_INET, SOCK_DGRAM, 0);
      set_rcvtimeo(fd, 1);
      const r = await zsock_recv(fd, new Uint8Array(16), 16, 0);
      if (r !== -1 || errno !== EAGAIN) throw new Error(`recv: ${r} errno ${errno}`);
      zsock_close(fd);
    };
    const answered = async (): Promise<void> => {
      // Answered long before its one-hour SO_RCVTIMEO: the cancelled timer must not keep anything.
      const fd = zsock_socket(AF_INET, SOCK_DGRAM, 0);
      set_rcvtimeo(fd, 3_600_000);
      const buf = new Uint8Array(1024);
      const waiting = zsock_recv(fd, buf, buf.length, 0);
      const to = addr('192.0.2.20', 7);
      if ((await zsock_sendto(fd, buf, 64, 0, to, addrlen(to))) !== 64) throw new Error('sendto: ' + errno);
      if ((await waiting) !== 64) throw new Error('recv: ' + errno);
      zsock_close(fd);
    };
    // A tenth of the work first, so what is allocated once (scratch buffers, compiled code, the
    // clock's array at its high-water mark) is in the baseline and only a leak would show.
    for (let i = 0; i < OPEN_CLOSE / 10; i++) await cycle(i);
    await batches(REFUSED / 10, 50, run, refused);
    await batches(TIMEOUTS / 10, 50, run, timeout);
    await batches(ANSWERED / 10, 50, run, answered);
    await s.net.runUntilIdle({ limit: 7_200_000 });
    const base = { fds: fd_open_list().length, device: handles(device), peer: handles(peer), events: queued_events(device), heap: await heap_after_gc() };
    for (let i = 0; i < OPEN_CLOSE; i++) await cycle(i);
    await batches(REFUSED, 50, run, refused);
    await batches(TIMEOUTS, 50, run, timeout);
    await batches(ANSWERED, 50, run, answered);
    const pendingEvents = queued_events(device);
    await s.net.runUntilIdle({ limit: 7_200_000 });
    const end = { fds: fd_open_list().length, device: handles(device), peer: handles(peer), events: queued_events(device), heap: await heap_after_gc() };
    const growth = (end.heap - base.heap) / 1024;
    figure(
      `soak (simulated): ${OPEN_CLOSE} open/close (a quarter bound and listening), ${REFUSED} refused connects, ${TIMEOUTS} receive timeouts, ` +
        `${ANSWERED} receives answered before a 1-hour SO_RCVTIMEO, in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
        `descriptors ${base.fds} -> ${end.fds}, port handles ${base.device + base.peer} -> ${end.device + end.peer}, ` +
        `queued timers ${base.events} -> ${end.events} (${pendingEvents} before the clock ran out the cancelled ones), heap after GC ${growth >= 0 ? '+' : ''}${growth.toFixed(0)} KiB`,
    );
    expect(end.fds).toBe(base.fds);
    expect(end.device).toBe(base.device);
    expect(end.peer).toBe(base.peer);
    expect(end.events).toBe(base.events);
    expect(growth).toBeLessThan(2048);
    await s.close();
  }, 120_000);

  it('Node port: thousands of open/close, refused connects and timeouts leave no descriptor, handle or timer behind', async () => {
    const OPEN_CLOSE = 3_000;
    const REFUSED = 1_000;
    const TIMEOUTS = 1_000;
    const port = createNodePort();
    zsock_init(port, [inet_tcp, inet_udp]);
    // A port on loopback that nobody listens on: held once, then closed.
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const a = server.address();
        server.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
      });
    });
    const settle = async (): Promise<void> => {
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      await new Promise((r) => setTimeout(r, 20));
    };
    const resources = (): number => process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap').length;
    const run = (p: Promise<unknown>) => p;
    const refused = async (): Promise<void> => {
      const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
      const to = addr('127.0.0.1', closedPort);
      const r = await zsock_connect(fd, to, addrlen(to));
      if (r !== -1 || errno !== ECONNREFUSED) throw new Error(`connect: ${r} errno ${errno}`);
      zsock_close(fd);
    };
    const timeout = async (): Promise<void> => {
      const fd = zsock_socket(AF_INET, SOCK_DGRAM, 0);
      const any = addr('127.0.0.1', 0);
      if (zsock_bind(fd, any, addrlen(any)) !== 0) throw new Error('bind: ' + errno);
      set_rcvtimeo(fd, 1);
      const r = await zsock_recv(fd, new Uint8Array(16), 16, 0);
      if (r !== -1 || errno !== EAGAIN) throw new Error(`recv: ${r} errno ${errno}`);
      zsock_close(fd);
    };
    await batches(REFUSED / 10, 50, run, refused);
    await batches(TIMEOUTS / 10, 50, run, timeout);
    await settle();
    const base = { fds: fd_open_list().length, resources: resources(), heap: await heap_after_gc() };
    const started = performance.now();
    for (let i = 0; i < OPEN_CLOSE; i++) {
      const fd = zsock_socket(AF_INET, i & 1 ? SOCK_DGRAM : SOCK_STREAM, 0);
      if (fd < 0 || zsock_close(fd) !== 0) throw new Error('open/close: ' + errno);
    }
    await batches(REFUSED, 50, run, refused);
    await batches(TIMEOUTS, 50, run, timeout);
    await settle();
    const end = { fds: fd_open_list().length, resources: resources(), heap: await heap_after_gc() };
    const growth = (end.heap - base.heap) / 1024;
    figure(
      `soak (Node port): ${OPEN_CLOSE} open/close, ${REFUSED} refused connects on loopback, ${TIMEOUTS} receive timeouts, ` +
        `in ${((performance.now() - started) / 1000).toFixed(1)} s: descriptors ${base.fds} -> ${end.fds}, ` +
        `Node handles and timers ${base.resources} -> ${end.resources}, heap after GC ${growth >= 0 ? '+' : ''}${growth.toFixed(0)} KiB`,
    );
    expect(end.fds).toBe(base.fds);
    expect(end.resources).toBeLessThanOrEqual(base.resources);
    expect(growth).toBeLessThan(2048);
    zsock_init(port, []);
  }, 60_000);
});
