/**
 * The moddable port's own answers over the emulated classes on the
 * simulated network: what it tells apart by state, what it keeps from the
 * class, what it answers where ECMA-419 has nothing.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  AF_INET,
  ECONNREFUSED,
  ENOPROTOOPT,
  ENOTCONN,
  ENOTSUP,
  errno,
  IPPROTO_TCP,
  SIZEOF_INT,
  SOCK_STREAM,
  TCP_NODELAY,
  ZSOCK_SHUT_WR,
  sockaddr,
  zsock_close,
  zsock_connect,
  zsock_getaddrinfo,
  zsock_getsockname,
  zsock_recv,
  zsock_send,
  zsock_setsockopt,
  zsock_shutdown,
  zsock_socket,
  type AddrinfoRef,
} from '../../lib/index';
import { createMockNetwork, tcpEchoServer, tcpResetAfter, tcpServer } from '../../ports/node-mock/index';
import { inet_tcp, inet_udp, zsock_init } from '../../lib/index';
import { createModdablePort } from '../../ports/moddable/index';
import type { TcpClassOptions } from '../../ports/moddable/host';
import { addr, addrlen, bytes, call, listener, pattern } from '../conformance/helpers';
import { emulateModdable } from './emulation';

function setup(options: { spill?: number } = {}) {
  const net = createMockNetwork({ seed: 5 });
  const device = net.host('device', { ipv4: '192.0.2.10' });
  const peer = net.host('peer', { ipv4: '192.0.2.20' });
  net.link(device, peer, { latency: 2 });
  const emulation = emulateModdable(net.port(device), { names: { 'peer.example': '192.0.2.20' }, ip: '192.0.2.10' });
  const constructed: TcpClassOptions[] = [];
  const Emulated = emulation.host.TCP;
  emulation.host.TCP = class extends (Emulated as unknown as new (o: TcpClassOptions) => object) {
    constructor(o: TcpClassOptions) {
      constructed.push(o);
      super(o);
    }
  } as unknown as typeof Emulated;
  const port = createModdablePort(emulation.host, options.spill ? { tcpSpill: options.spill } : {});
  zsock_init(port, [inet_tcp, inet_udp]);
  const run = <T>(p: Promise<T>) => net.runUntil(p, { timeout: 600_000 });
  return { net, peer, port, emulation, constructed, run };
}


async function connectTo(run: <T>(p: Promise<T>) => Promise<T>, port: number): Promise<number> {
  const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
  const to = addr('192.0.2.20', port);
  const [r, e] = await run(call(zsock_connect(fd, to, addrlen(to))));
  return r === 0 ? fd : -e;
}

describe('moddable port', () => {
  it('refused, EOF and reset told apart by state: ECONNREFUSED, then 0, and a reset reads as EOF', async () => {
    const { peer, run } = setup();
    expect(await connectTo(run, 9)).toBe(-ECONNREFUSED);
    tcpServer(peer, 80, {
      onConnect: (c) => {
        c.send('last');
        c.end();
      },
    });
    const fd = await connectTo(run, 80);
    const buf = new Uint8Array(8);
    expect(await run(zsock_recv(fd, buf, 8, 0))).toBe(4);
    expect(await run(zsock_recv(fd, buf, 8, 0))).toBe(0);
    tcpResetAfter(peer, 81, 1);
    const r = await connectTo(run, 81);
    expect(await run(zsock_send(r, bytes('x'), 1, 0))).toBe(1);
    // The class says onError() for the reset too: it reads as EOF, and a send after it fails.
    expect(await run(zsock_recv(r, buf, 8, 0))).toBe(0);
    expect(await run(call(zsock_send(r, bytes('y'), 1, 0)))).toEqual([-1, ENOTCONN]);
  });

  it('an unreachable network reads as refused too: the class says onError() alike, so ECONNREFUSED, not EHOSTUNREACH', async () => {
    // Beneath the class the simulated network answers EHOSTUNREACH for these (test/node-mock/tcp-basic.test.ts, "no route").
    const { run } = setup();
    for (const host of ['203.0.113.9', '198.51.100.77']) {
      const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
      const to = addr(host, 80);
      expect(await run(call(zsock_connect(fd, to, addrlen(to)))), host).toEqual([-1, ECONNREFUSED]);
      expect(zsock_close(fd)).toBe(0);
    }
  });

  it('writes never exceed the room last reported: 200 KiB through an echo, nothing lost', async () => {
    const { peer, run, emulation } = setup();
    tcpEchoServer(peer, 7);
    const fd = await connectTo(run, 7);
    const data = pattern(200 * 1024, 3);
    const back = new Uint8Array(data.length);
    const sender = (async () => {
      for (let at = 0; at < data.length; ) {
        const n = await zsock_send(fd, data.subarray(at), data.length - at, 0);
        expect(n).toBeGreaterThan(0);
        expect(n).toBeLessThanOrEqual(1536);
        at += n;
      }
    })();
    const receiver = (async () => {
      for (let at = 0; at < back.length; ) {
        const n = await zsock_recv(fd, back.subarray(at), back.length - at, 0);
        expect(n).toBeGreaterThan(0);
        at += n;
      }
    })();
    await run(Promise.all([sender, receiver]));
    expect(back).toEqual(data);
    expect(emulation.stats.lostBytes).toBe(0);
  });

  it("small reads after the peer's close still end in EOF (the spill empties the class within its tick)", async () => {
    const { net, peer, run } = setup();
    const sent = pattern(1000, 4);
    tcpServer(peer, 80, {
      onConnect: (c) => {
        c.send(sent);
        c.end();
      },
    });
    const fd = await connectTo(run, 80);
    await net.advance(300);
    const got: number[] = [];
    const buf = new Uint8Array(10);
    for (let i = 0; i < 200; i++) {
      const n = await run(zsock_recv(fd, buf, 10, 0));
      if (n <= 0) break;
      for (let j = 0; j < n; j++) got.push(buf[j]!);
    }
    expect(got).toEqual(Array.from(sent));
  });

  it('TCP_NODELAY goes to the class at construction; later it is ENOPROTOOPT', async () => {
    const { peer, run, constructed } = setup();
    tcpEchoServer(peer, 7);
    const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
    expect(zsock_setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, { value: 1 }, SIZEOF_INT)).toBe(0);
    const to = addr('192.0.2.20', 7);
    expect(await run(zsock_connect(fd, to, addrlen(to)))).toBe(0);
    expect(constructed.map((o) => o.nodelay)).toEqual([true]);
    expect(zsock_setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, { value: 0 }, SIZEOF_INT)).toBe(-1);
    expect(errno).toBe(ENOPROTOOPT);
    expect(zsock_shutdown(fd, ZSOCK_SHUT_WR)).toBe(-1);
    expect(errno).toBe(ENOTSUP);
    expect(zsock_close(fd)).toBe(0);
  });

  it('a listener on a specific address listens on every address and says so', async () => {
    setup();
    const l = listener('192.0.2.10');
    const name = new sockaddr();
    expect(zsock_getsockname(l.fd, name, { value: 16 })).toBe(0);
    expect(Array.from(name.sin_addr.s4_addr)).toEqual([0, 0, 0, 0]);
    expect(l.port).toBeGreaterThan(0);
  });

  it('names resolve through the platform resolver (Net.resolve)', async () => {
    const { run } = setup();
    const res: AddrinfoRef = { value: null };
    expect(await run(zsock_getaddrinfo('peer.example', '80', { ai_family: AF_INET }, res))).toBe(0);
    expect(Array.from(res.value!.ai_addr.sin_addr.s4_addr)).toEqual([192, 0, 2, 20]);
    expect(await run(zsock_getaddrinfo('nosuch.example', '80', { ai_family: AF_INET }, res))).toBeLessThan(0);
  });

  it('random32 differs between runs even where Math.random repeats (the Linux host seeds no rand())', () => {
    const spy = vi.spyOn(Math, 'random').mockReturnValue(0.25);
    try {
      const draws = (start: number): number[] => {
        const { host } = emulateModdable(createMockNetwork({ seed: 1 }).port(createMockNetwork({ seed: 1 }).host('d', { ipv4: '192.0.2.1' })));
        const port = createModdablePort({ ...host, ticks: () => start });
        return [port.random32(), port.random32(), port.random32()];
      };
      const a = draws(1796417855000);
      const b = draws(1796417856000);
      expect(new Set(a).size).toBe(3);
      expect(a).not.toEqual(b);
    } finally {
      spy.mockRestore();
    }
  });

  it('closing everything leaves no class socket or timer behind', async () => {
    const { net, peer, run, emulation } = setup();
    tcpEchoServer(peer, 7);
    const fd = await connectTo(run, 7);
    expect(await run(zsock_send(fd, bytes('hi'), 2, 0))).toBe(2);
    const l = listener();
    expect(zsock_close(fd)).toBe(0);
    expect(zsock_close(l.fd)).toBe(0);
    await net.advance(100);
    expect(emulation.stats.live.size).toBe(0);
  });
});
