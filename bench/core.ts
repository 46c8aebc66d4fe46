/**
 * Benchmarks of the core on the simulated network: zsock_poll cost by
 * descriptor count, and 64-byte request/response round trips over the
 * device's loopback.
 */

import {
  AF_INET,
  htons,
  inet_tcp,
  inet_udp,
  SOCK_DGRAM,
  sockaddr,
  SOCKADDR_IN6_SIZE,
  SOCKADDR_IN_SIZE,
  ZSOCK_POLLIN,
  zsock_accept,
  zsock_bind,
  zsock_connect,
  zsock_getsockname,
  zsock_init,
  zsock_listen,
  zsock_poll,
  zsock_recv,
  zsock_send,
  zsock_sendto,
  zsock_socket,
  SOCK_STREAM,
  ntohs,
  type zsock_pollfd,
} from '../lib/index';
import { createMockNetwork, type MockNetwork } from '../ports/node-mock/index';

export interface Figure {
  name: string;
  value: number;
  unit: string;
}

function fresh(maxDescriptors: number): MockNetwork {
  const net = createMockNetwork({ seed: 7 });
  const device = net.host('device', { ipv4: '192.0.2.1' });
  zsock_init(net.port(device), [inet_tcp, inet_udp], { maxDescriptors });
  return net;
}

/** 127.0.0.1:`port` as a sockaddr (the benchmarks' address). */
export function loopback(port: number): sockaddr {
  const a = new sockaddr();
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s4_addr.set([127, 0, 0, 1]);
  return a;
}

/** The port a socket is bound to, via getsockname. */
export function bound_port(fd: number): number {
  const a = new sockaddr();
  zsock_getsockname(fd, a, { value: SOCKADDR_IN6_SIZE });
  return ntohs(a.sin_port);
}

/** ns per zsock_poll call over `count` UDP descriptors of which one is readable. */
async function poll_cost(count: number, net: MockNetwork): Promise<number> {
  const fds: zsock_pollfd[] = [];
  for (let i = 0; i < count; i++) {
    const fd = zsock_socket(AF_INET, SOCK_DGRAM, 0);
    zsock_bind(fd, loopback(0), SOCKADDR_IN_SIZE);
    fds.push({ fd, events: ZSOCK_POLLIN, revents: 0 });
  }
  const ready = fds[count >> 1]!.fd;
  const to = loopback(bound_port(ready));
  await net.runUntil(zsock_sendto(fds[0]!.fd, new Uint8Array(1), 1, 0, to, SOCKADDR_IN_SIZE));
  await net.advance(1);
  const iterations = Math.max(2000, Math.floor(4_000_000 / count));
  let found = 0;
  for (let i = 0; i < 200; i++) found += await zsock_poll(fds, count, 0);
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    const result = zsock_poll(fds, count, 0);
    if ((i & 1023) === 0) found += await result;
  }
  const ns = Number(process.hrtime.bigint() - start) / iterations;
  if (found === 0) throw new Error('poll saw nothing ready');
  return ns;
}

/** Round trips per wall second of a 64-byte request and reply over loopback TCP. */
async function ping_pong(net: MockNetwork, seconds: number): Promise<number> {
  const lfd = zsock_socket(AF_INET, SOCK_STREAM, 0);
  zsock_bind(lfd, loopback(0), SOCKADDR_IN_SIZE);
  zsock_listen(lfd, 1);
  const client = zsock_socket(AF_INET, SOCK_STREAM, 0);
  const [, server] = await net.runUntil(
    Promise.all([zsock_connect(client, loopback(bound_port(lfd)), SOCKADDR_IN_SIZE), zsock_accept(lfd, null, null)]),
  );
  const request = new Uint8Array(64);
  const reply = new Uint8Array(64);
  const serverBuf = new Uint8Array(64);
  let trips = 0;
  const deadline = Date.now() + seconds * 1000;
  const loop = (async () => {
    while (Date.now() < deadline) {
      for (let i = 0; i < 100; i++) {
        await zsock_send(client, request, 64, 0);
        let got = 0;
        while (got < 64) got += await zsock_recv(server, serverBuf.subarray(got), 64 - got, 0);
        await zsock_send(server, serverBuf, 64, 0);
        got = 0;
        while (got < 64) got += await zsock_recv(client, reply.subarray(got), 64 - got, 0);
        trips++;
      }
    }
  })();
  const start = Date.now();
  await net.runUntil(loop, { timeout: 1e12 });
  return trips / ((Date.now() - start) / 1000);
}

export async function core_benchmarks(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const count of [1, 64, 1024]) {
    const net = fresh(1100);
    figures.push({ name: `zsock_poll, ${count} descriptor(s), one ready`, value: await poll_cost(count, net), unit: 'ns/call' });
  }
  const net = fresh(64);
  figures.push({ name: '64-byte request/response over mock loopback TCP', value: await ping_pong(net, 2), unit: 'round trips/s' });
  return figures;
}

if (/bench\/core\.ts$/.test(process.argv[1] ?? '')) {
  core_benchmarks().then((figures) => {
    for (const f of figures) console.log(`${f.name}: ${f.value.toFixed(1)} ${f.unit}`);
  });
}
