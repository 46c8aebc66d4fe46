/**
 * Core behaviour that needs the simulated network's faults and peers:
 * connect timeouts, resets mid-stream, small windows, exhausted buffers,
 * keepalive, multicast and broadcast — all in virtual time.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AF_INET,
  EAGAIN,
  ECONNRESET,
  EINPROGRESS,
  ENOBUFS,
  ETIMEDOUT,
  F_SETFL,
  IP_ADD_MEMBERSHIP,
  IP_DROP_MEMBERSHIP,
  IPPROTO_IP,
  IPPROTO_TCP,
  O_NONBLOCK,
  SIZEOF_INT,
  SIZEOF_IP_MREQN,
  SO_BROADCAST,
  SO_ERROR,
  SO_KEEPALIVE,
  SOCK_DGRAM,
  SOCK_STREAM,
  SOL_SOCKET,
  TCP_KEEPCNT,
  TCP_KEEPIDLE,
  TCP_KEEPINTVL,
  ZSOCK_POLLERR,
  ZSOCK_POLLOUT,
  in_addr,
  zsock_connect,
  zsock_fcntl,
  zsock_getsockopt,
  zsock_poll,
  zsock_recv,
  zsock_recvfrom,
  zsock_send,
  zsock_sendto,
  zsock_setsockopt,
  zsock_socket,
  zsock_bind,
  sockaddr,
} from '../../lib/index';
import { tcpEchoServer, tcpResetAfter, tcpStaller, udpResponder } from '../../ports/node-mock/index';
import { addr, addrlen, bytes, call, pattern, text, udp_socket } from '../conformance/helpers';
import { send_all, recv_all } from '../conformance/data';
import { open_mock, type MockSession } from '../conformance/mock-target';

let s: MockSession;
beforeEach(() => {
  s = open_mock(3);
});
afterEach(async () => {
  await s.close();
});

function peer() {
  return s.net.hosts.find((h) => h.name === 'peer')!;
}
function device() {
  return s.net.hosts.find((h) => h.name === 'device')!;
}

async function connected(port: number): Promise<number> {
  const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
  const to = addr('192.0.2.20', port);
  expect(await s.run(zsock_connect(fd, to, addrlen(to)))).toBe(0);
  return fd;
}

describe('connect', () => {
  it('a blocking connect to an unreachable peer gives up with ETIMEDOUT after 3000 ms', async () => {
    s.net.partition(device(), peer());
    const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
    const to = addr('192.0.2.20', 80);
    const start = s.net.now;
    expect(await s.run(call(zsock_connect(fd, to, addrlen(to))))).toEqual([-1, ETIMEDOUT]);
    expect(s.net.now - start).toBe(3000);
  });

  it('a non-blocking connect that times out shows POLLERR and SO_ERROR ETIMEDOUT', async () => {
    s.net.partition(device(), peer());
    const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
    expect(zsock_fcntl(fd, F_SETFL, O_NONBLOCK)).toBe(0);
    const to = addr('192.0.2.20', 80);
    await s.run(zsock_connect(fd, to, addrlen(to)));
    const fds = [{ fd, events: ZSOCK_POLLOUT, revents: 0 }];
    expect(await s.run(zsock_poll(fds, 1, 10_000))).toBe(1);
    expect(fds[0]!.revents).toBe(ZSOCK_POLLERR);
    const err = { value: 0 };
    expect(zsock_getsockopt(fd, SOL_SOCKET, SO_ERROR, err, { value: SIZEOF_INT })).toBe(0);
    expect(err.value).toBe(ETIMEDOUT);
    // Reading SO_ERROR reported the failure and cleared it (POSIX): it reads 0 now,
    // POLLERR is gone, and the next connect() starts over.
    expect(zsock_getsockopt(fd, SOL_SOCKET, SO_ERROR, err, { value: SIZEOF_INT })).toBe(0);
    expect(err.value).toBe(0);
    expect(await s.run(zsock_poll(fds, 1, 0))).toBe(0);
    expect(await s.run(call(zsock_connect(fd, to, addrlen(to))))).toEqual([-1, EINPROGRESS]);
  });

  it('a timed-out non-blocking connect that nobody asked SO_ERROR about is reported by the next connect, once', async () => {
    s.net.partition(device(), peer());
    const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
    expect(zsock_fcntl(fd, F_SETFL, O_NONBLOCK)).toBe(0);
    const to = addr('192.0.2.20', 80);
    await s.run(zsock_connect(fd, to, addrlen(to)));
    await s.sleep(3100);
    expect(await s.run(call(zsock_connect(fd, to, addrlen(to))))).toEqual([-1, ETIMEDOUT]);
    const err = { value: -1 };
    expect(zsock_getsockopt(fd, SOL_SOCKET, SO_ERROR, err, { value: SIZEOF_INT })).toBe(0);
    expect(err.value).toBe(0);
  });

  it('a connect survives a lost SYN by retransmitting it', async () => {
    tcpEchoServer(peer(), 7);
    s.net.dropNext(1);
    const start = s.net.now;
    await connected(7);
    expect(s.net.now - start).toBeGreaterThanOrEqual(1000);
  });
});

describe('streams on a device-sized network', () => {
  it('a large write is accepted partially, and every byte arrives through the echo', async () => {
    tcpEchoServer(peer(), 7);
    const fd = await connected(7);
    const data = pattern(100_000, 3);
    const first = await s.run(zsock_send(fd, data, data.length, 0));
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(data.length);
    const [, back] = await Promise.all([send_all(s, fd, data.subarray(first)), recv_all(s, fd, data.length)]);
    expect(back).toEqual(data);
  });

  it('a peer that resets after N bytes reads as ECONNRESET', async () => {
    tcpResetAfter(peer(), 9, 1000);
    const fd = await connected(9);
    await send_all(s, fd, pattern(1500));
    expect(await s.run(call(zsock_recv(fd, new Uint8Array(64), 64, 0)))).toEqual([-1, ECONNRESET]);
  });

  it('a stalled peer fills the window: a non-blocking send meets EAGAIN', async () => {
    tcpStaller(peer(), 11);
    const fd = await connected(11);
    expect(zsock_fcntl(fd, F_SETFL, O_NONBLOCK)).toBe(0);
    const chunk = new Uint8Array(4096);
    let total = 0;
    let last: [number, number] = [0, 0];
    for (let i = 0; i < 100; i++) {
      last = await s.run(call(zsock_send(fd, chunk, chunk.length, 0)));
      if (last[0] < 0) break;
      total += last[0];
      await s.sleep(100);
    }
    expect(last).toEqual([-1, EAGAIN]);
    // The peer's receive window plus our send buffer: a few KB, as on lwIP.
    expect(total).toBeGreaterThan(4000);
    expect(total).toBeLessThan(20_000);
  });

  it('keepalive on a dead peer ends a blocked recv with ETIMEDOUT', async () => {
    tcpEchoServer(peer(), 7);
    const fd = await connected(7);
    const one = (n: number) => ({ value: n });
    expect(zsock_setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, one(1), SIZEOF_INT)).toBe(0);
    expect(zsock_setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, one(10), SIZEOF_INT)).toBe(0);
    expect(zsock_setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, one(2), SIZEOF_INT)).toBe(0);
    expect(zsock_setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, one(3), SIZEOF_INT)).toBe(0);
    s.net.partition(device(), peer());
    const start = s.net.now;
    expect(await s.run(call(zsock_recv(fd, new Uint8Array(4), 4, 0)))).toEqual([-1, ETIMEDOUT]);
    const took = s.net.now - start;
    expect(took).toBeGreaterThanOrEqual(10_000 + 3 * 2000 - 2000);
    expect(took).toBeLessThanOrEqual(10_000 + 4 * 2000);
  });
});

describe('datagrams', () => {
  it('exhausted buffers: a non-blocking send is EAGAIN, a blocking one waits and then ENOBUFS after 10 s', async () => {
    udpResponder(peer(), 5000, (data) => data);
    const u = udp_socket('0.0.0.0');
    const to = addr('192.0.2.20', 5000);
    device().exhaustBuffers(ENOBUFS);
    expect(await s.run(call(zsock_sendto(u.fd, bytes('x'), 1, 0x40, to, addrlen(to))))).toEqual([-1, EAGAIN]);
    const start = s.net.now;
    expect(await s.run(call(zsock_sendto(u.fd, bytes('x'), 1, 0, to, addrlen(to))))).toEqual([-1, ENOBUFS]);
    expect(s.net.now - start).toBe(10_000);
    // Restored buffers wake a waiting sender.
    const waiting = zsock_sendto(u.fd, bytes('y'), 1, 0, to, addrlen(to));
    await s.sleep(500);
    device().restoreBuffers();
    expect(await s.run(waiting)).toBe(1);
  });

  it('multicast: a joined group is received, a left one is not', async () => {
    const u = udp_socket('0.0.0.0');
    const mreq = { imr_multiaddr: new in_addr(new Uint8Array([239, 1, 2, 3])), imr_address: new in_addr(), imr_ifindex: 0 };
    expect(zsock_setsockopt(u.fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, mreq, SIZEOF_IP_MREQN)).toBe(0);
    const sender = udp_socket('0.0.0.0');
    const group = addr('239.1.2.3', u.port);
    expect(await s.run(zsock_sendto(sender.fd, bytes('to all'), 6, 0, group, addrlen(group)))).toBe(6);
    const buf = new Uint8Array(16);
    expect(await s.run(zsock_recv(u.fd, buf, 16, 0))).toBe(6);
    expect(text(buf, 6)).toBe('to all');
    expect(zsock_setsockopt(u.fd, IPPROTO_IP, IP_DROP_MEMBERSHIP, mreq, SIZEOF_IP_MREQN)).toBe(0);
    expect(await s.run(zsock_sendto(sender.fd, bytes('again'), 5, 0, group, addrlen(group)))).toBe(5);
    expect(await s.run(call(zsock_recv(u.fd, buf, 16, 0x40)))).toEqual([-1, EAGAIN]);
  });

  it('broadcast needs SO_BROADCAST, then reaches the peer', async () => {
    let heard = '';
    udpResponder(peer(), 6000, (data) => {
      heard = text(data);
      return null;
    });
    const u = zsock_socket(AF_INET, SOCK_DGRAM, 0);
    const bcast = addr('255.255.255.255', 6000);
    const [r, e] = await s.run(call(zsock_sendto(u, bytes('hello'), 5, 0, bcast, addrlen(bcast))));
    expect(r).toBe(-1);
    expect(e).toBe(13);
    expect(zsock_setsockopt(u, SOL_SOCKET, SO_BROADCAST, { value: 1 }, SIZEOF_INT)).toBe(0);
    expect(await s.run(zsock_sendto(u, bytes('hello'), 5, 0, bcast, addrlen(bcast)))).toBe(5);
    await s.sleep(50);
    expect(heard).toBe('hello');
  });

  it('a responder on another host answers; recvfrom names it', async () => {
    udpResponder(peer(), 7000, (data) => data.map((b) => b ^ 0xff));
    const u = zsock_socket(AF_INET, SOCK_DGRAM, 0);
    const any = addr('0.0.0.0', 0);
    expect(zsock_bind(u, any, addrlen(any))).toBe(0);
    const to = addr('192.0.2.20', 7000);
    expect(await s.run(zsock_sendto(u, new Uint8Array([1, 2, 3]), 3, 0, to, addrlen(to)))).toBe(3);
    const from = new sockaddr();
    const buf = new Uint8Array(8);
    expect(await s.run(zsock_recvfrom(u, buf, 8, 0, from, { value: 24 }))).toBe(3);
    expect(Array.from(buf.subarray(0, 3))).toEqual([254, 253, 252]);
    expect(Array.from(from.sin_addr.s4_addr)).toEqual([192, 0, 2, 20]);
  });
});
