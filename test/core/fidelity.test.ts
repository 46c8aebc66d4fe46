/**
 * Edges found by testing from outside: each case here failed before its
 * fix (bind's ephemeral port, SO_ERROR clearing, a second zsock_init,
 * recvmsg's msg_name, malformed option structs, poll and
 * select with non-integer arguments, buffers kept after a call finished).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AF_INET,
  AF_INET6,
  DNS_EAI_AGAIN,
  DNS_EAI_FAMILY,
  K_FOREVER,
  K_SECONDS,
  k_sleep,
  zsock_dns_set_servers,
  zsock_getaddrinfo,
  EFAULT,
  EINTR,
  EINVAL,
  ECONNREFUSED,
  ECONNRESET,
  FIONBIO,
  FIONREAD,
  F_GETFL,
  IP_ADD_MEMBERSHIP,
  IPPROTO_IP,
  IPPROTO_IPV6,
  IPV6_JOIN_GROUP,
  O_NONBLOCK,
  SIZEOF_INT,
  SIZEOF_IP_MREQN,
  SIZEOF_IPV6_MREQ,
  SIZEOF_TIMEVAL,
  SO_ERROR,
  SO_RCVTIMEO,
  SOCK_DGRAM,
  SOCK_STREAM,
  SOL_SOCKET,
  ZSOCK_POLLERR,
  ZSOCK_POLLIN,
  ZSOCK_POLLOUT,
  errno,
  inet_tcp,
  inet_udp,
  ntohs,
  sockaddr,
  zsock_accept,
  zsock_bind,
  zsock_close,
  zsock_connect,
  zsock_fcntl,
  zsock_fd_set,
  ZSOCK_FD_SET,
  zsock_getnameinfo,
  zsock_getpeername,
  zsock_getsockopt,
  zsock_init,
  dns_client,
  zsock_ioctl,
  zsock_listen,
  zsock_poll,
  zsock_recv,
  zsock_recvfrom,
  zsock_recvmsg,
  zsock_select,
  zsock_send,
  zsock_sendto,
  zsock_setsockopt,
  zsock_socket,
  type msghdr,
} from '../../lib/index';
import { createMockNetwork, tcpEchoServer, tcpResetAfter, udpEchoServer } from '../../ports/node-mock/index';
import { addr, addrlen, bytes, call, local_port, tcp_pair, text, udp_socket } from '../conformance/helpers';
import { open_mock, type MockSession } from '../conformance/mock-target';

let s: MockSession;
beforeEach(() => {
  s = open_mock(5);
});
afterEach(async () => {
  await s.close();
});

const peer = () => s.net.hosts.find((h) => h.name === 'peer')!;

describe('bind to port 0 on TCP', () => {
  for (const host of ['127.0.0.1', '::1', '192.0.2.10']) {
    it(`chooses the ephemeral port at once (${host}): getsockname reports it before listen, and listen keeps it`, () => {
      const fd = zsock_socket(host.indexOf(':') >= 0 ? AF_INET6 : AF_INET, SOCK_STREAM, 0);
      const a = addr(host, 0);
      expect(zsock_bind(fd, a, addrlen(a))).toBe(0);
      const port = local_port(fd);
      expect(port).toBeGreaterThanOrEqual(32768);
      expect(port).toBeLessThanOrEqual(65535);
      expect(zsock_listen(fd, 2)).toBe(0);
      expect(local_port(fd)).toBe(port);
    });
  }

  it('a client bound to port 0 connects from the port getsockname reported after bind', async () => {
    tcpEchoServer(peer(), 7);
    const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
    const a = addr('192.0.2.10', 0);
    expect(zsock_bind(fd, a, addrlen(a))).toBe(0);
    const port = local_port(fd);
    const to = addr('192.0.2.20', 7);
    expect(await s.run(zsock_connect(fd, to, addrlen(to)))).toBe(0);
    expect(local_port(fd)).toBe(port);
    const seen = peer().stats;
    expect(seen).toBeDefined();
    expect(await s.run(zsock_send(fd, bytes('hi'), 2, 0))).toBe(2);
    const buf = new Uint8Array(2);
    expect(await s.run(zsock_recv(fd, buf, 2, 0))).toBe(2);
    expect(text(buf)).toBe('hi');
  });

  it('two sockets bound to port 0 get different ports, and a port taken by this stack is never handed out', () => {
    const ports = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
      const a = addr('127.0.0.1', 0);
      expect(zsock_bind(fd, a, addrlen(a))).toBe(0);
      ports.add(local_port(fd));
    }
    expect(ports.size).toBe(20);
  });
});

describe('SO_ERROR', () => {
  const so_error = (fd: number): number => {
    const v = { value: -1 };
    expect(zsock_getsockopt(fd, SOL_SOCKET, SO_ERROR, v, { value: SIZEOF_INT })).toBe(0);
    return v.value;
  };

  it('reading it returns the pending error and clears it, POLLERR with it (UDP port unreachable)', async () => {
    const u = udp_socket('192.0.2.10');
    const to = addr('192.0.2.20', 9999);
    expect(await s.run(zsock_connect(u.fd, to, addrlen(to)))).toBe(0);
    expect(await s.run(zsock_send(u.fd, bytes('x'), 1, 0))).toBe(1);
    await s.sleep(50);
    const fds = [{ fd: u.fd, events: ZSOCK_POLLIN, revents: 0 }];
    expect(await s.run(zsock_poll(fds, 1, 0))).toBe(1);
    expect(fds[0]!.revents).toBe(ZSOCK_POLLERR);
    expect(so_error(u.fd)).toBe(ECONNREFUSED);
    expect(so_error(u.fd)).toBe(0);
    expect(await s.run(zsock_poll(fds, 1, 0))).toBe(0);
  });

  it('after a reset it reads ECONNRESET once; recv keeps answering ECONNRESET, as Zephyr', async () => {
    tcpResetAfter(peer(), 9, 1);
    const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
    const to = addr('192.0.2.20', 9);
    expect(await s.run(zsock_connect(fd, to, addrlen(to)))).toBe(0);
    expect(await s.run(zsock_send(fd, bytes('x'), 1, 0))).toBe(1);
    await s.sleep(50);
    expect(so_error(fd)).toBe(ECONNRESET);
    expect(so_error(fd)).toBe(0);
    const fds = [{ fd, events: ZSOCK_POLLIN, revents: 0 }];
    expect(await s.run(zsock_poll(fds, 1, 0))).toBe(1);
    expect(fds[0]!.revents & ZSOCK_POLLERR).toBe(0);
    expect(await s.run(call(zsock_recv(fd, new Uint8Array(4), 4, 0)))).toEqual([-1, ECONNRESET]);
  });
});

describe('a refused connect, once reported', () => {
  it('leaves a fresh socket: listen and accept answer as on any fresh socket (EAGAIN), not the old ECONNREFUSED', async () => {
    const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
    expect(zsock_fcntl(fd, 4, O_NONBLOCK)).toBe(0);
    const to = addr('127.0.0.1', 5999);
    expect(await s.run(call(zsock_connect(fd, to, addrlen(to))))).toEqual([-1, 68]);
    await s.sleep(10);
    expect(await s.run(call(zsock_connect(fd, to, addrlen(to))))).toEqual([-1, ECONNREFUSED]);
    expect(zsock_listen(fd, 2)).toBe(0);
    const fds = [{ fd, events: ZSOCK_POLLIN, revents: 0 }];
    expect(await s.run(zsock_poll(fds, 1, 0))).toBe(0);
    expect(await s.run(call(zsock_accept(fd, null, null)))).toEqual([-1, 11]);
  });
});

describe('zsock_init called again', () => {
  it('settles calls blocked on the old stack with EINTR, on the new port, even if the old network never runs again', async () => {
    const u = udp_socket('192.0.2.10');
    const pair = await tcp_pair(s);
    let recvAnswer: [number, number] | null = null;
    let acceptAnswer: [number, number] | null = null;
    void call(zsock_recvfrom(u.fd, new Uint8Array(8), 8, 0, null, null)).then((r) => (recvAnswer = r));
    void call(zsock_accept(pair.lfd, null, null)).then((r) => (acceptAnswer = r));
    await s.sleep(10);
    expect(recvAnswer).toBeNull();
    const next = createMockNetwork({ seed: 2 });
    const host = next.host('device', { ipv4: '192.0.2.10' });
    zsock_init(next.port(host), [inet_tcp, inet_udp]);
    await next.runUntilIdle({ limit: 1000 });
    expect(recvAnswer).toEqual([-1, EINTR]);
    expect(acceptAnswer).toEqual([-1, EINTR]);
    zsock_init(s.port, [inet_tcp, inet_udp]);
  });

  it('ends the waits no close reaches: a poll of no sockets (EINTR), sleeps (the time left), a DNS lookup (EAI_AGAIN)', async () => {
    // The DNS client is linked in only when registered.
    zsock_init(s.port, [inet_tcp, inet_udp], { resolver: dns_client });
    expect(zsock_dns_set_servers(['192.0.2.20'])).toBe(0);
    const results: unknown[] = [null, null, null, null];
    void call(zsock_poll(null, 0, 60_000)).then((r) => (results[0] = r));
    void k_sleep(K_SECONDS(60)).then((r) => (results[1] = r));
    void k_sleep(K_FOREVER).then((r) => (results[2] = r));
    void zsock_getaddrinfo('quiet.example', null, null, { value: null }).then((r) => (results[3] = r));
    await s.sleep(250);
    expect(results).toEqual([null, null, null, null]);
    const next = createMockNetwork({ seed: 4 });
    const host = next.host('device', { ipv4: '192.0.2.10' });
    zsock_init(next.port(host), [inet_tcp, inet_udp]);
    await next.runUntilIdle({ limit: 1000 });
    expect(results).toEqual([[-1, EINTR], 59_750, -1, DNS_EAI_AGAIN]);
    zsock_dns_set_servers(null);
    zsock_init(s.port, [inet_tcp, inet_udp]);
  });

  it("work the old port still has scheduled cannot deliver the new stack's failures", async () => {
    // A failure queued on the old port: its drain is scheduled there.
    void zsock_recv(99, new Uint8Array(1), 1, 0);
    const next = createMockNetwork({ seed: 3 });
    const host = next.host('device', { ipv4: '192.0.2.10' });
    zsock_init(next.port(host), [inet_tcp, inet_udp]);
    let settled = false;
    const pending = call(zsock_recv(98, new Uint8Array(1), 1, 0)).then((r) => {
      settled = true;
      return r;
    });
    // Running the old network must not settle the new stack's call.
    await s.net.runUntilIdle({ limit: 1000 });
    expect(settled).toBe(false);
    expect(await next.runUntil(pending)).toEqual([-1, 9]);
    zsock_init(s.port, [inet_tcp, inet_udp]);
  });
});

describe('recvmsg checks msg_name at the call', () => {
  it('a msg_name that is not a sockaddr is a TypeError thrown by the call itself, as recvfrom', () => {
    const u = udp_socket('192.0.2.10');
    const bad = { msg_name: {} as sockaddr, msg_namelen: 24, msg_iov: [{ iov_base: new Uint8Array(4), iov_len: 4 }], msg_iovlen: 1, msg_flags: 0 };
    expect(() => zsock_recvmsg(u.fd, bad, 0)).toThrow(TypeError);
    expect(() => zsock_recvfrom(u.fd, new Uint8Array(4), 4, 0, {} as sockaddr, { value: 24 })).toThrow(TypeError);
    const badLen = { msg_name: new sockaddr(), msg_namelen: '24' as unknown as number, msg_iov: [{ iov_base: new Uint8Array(4), iov_len: 4 }], msg_iovlen: 1, msg_flags: 0 };
    expect(() => zsock_recvmsg(u.fd, badLen, 0)).toThrow(TypeError);
  });

  it('a msg_namelen too short for the address is EINVAL, and a good msg_name is filled', async () => {
    udpEchoServer(peer(), 7);
    const u = udp_socket('192.0.2.10');
    const name = new sockaddr();
    const msg: msghdr = { msg_name: name, msg_namelen: 4, msg_iov: [{ iov_base: new Uint8Array(4), iov_len: 4 }], msg_iovlen: 1, msg_flags: 0 };
    expect(await s.run(call(zsock_recvmsg(u.fd, msg, 0)))).toEqual([-1, EINVAL]);
    const to = addr('192.0.2.20', 7);
    expect(await s.run(zsock_sendto(u.fd, bytes('ping'), 4, 0, to, addrlen(to)))).toBe(4);
    msg.msg_namelen = 24;
    expect(await s.run(zsock_recvmsg(u.fd, msg, 0))).toBe(4);
    expect(msg.msg_namelen).toBe(8);
    expect(ntohs(name.sin_port)).toBe(7);
  });
});

describe('malformed arguments answer with errno', () => {
  it('an option struct of the wrong class is EINVAL (IP_ADD_MEMBERSHIP, IPV6_JOIN_GROUP)', () => {
    const v4 = zsock_socket(AF_INET, SOCK_DGRAM, 0);
    const v6 = zsock_socket(AF_INET6, SOCK_DGRAM, 0);
    for (const bad of [{}, { imr_multiaddr: {} }, { imr_multiaddr: { s4_addr: [224, 0, 0, 1] } }, { imr_multiaddr: { s4_addr: new Uint8Array(2) } }, 5]) {
      expect(zsock_setsockopt(v4, IPPROTO_IP, IP_ADD_MEMBERSHIP, bad, SIZEOF_IP_MREQN)).toBe(-1);
      expect(errno).toBe(EINVAL);
    }
    for (const bad of [{}, { ipv6mr_multiaddr: 'ff02::1' }, { ipv6mr_multiaddr: { s6_addr: new Uint8Array(4) } }]) {
      expect(zsock_setsockopt(v6, IPPROTO_IPV6, IPV6_JOIN_GROUP, bad, SIZEOF_IPV6_MREQ)).toBe(-1);
      expect(errno).toBe(EINVAL);
    }
    expect(zsock_setsockopt(v4, SOL_SOCKET, SO_RCVTIMEO, { tv_sec: '1', tv_usec: 0 }, SIZEOF_TIMEVAL)).toBe(-1);
    expect(errno).toBe(EINVAL);
  });

  it('ioctl(fd, FIONBIO, 1) sets non-blocking and FIONBIO 0 clears it; FIONREAD into a number is EFAULT', () => {
    const fd = zsock_socket(AF_INET, SOCK_DGRAM, 0);
    expect(zsock_ioctl(fd, FIONBIO, 1)).toBe(0);
    expect(zsock_fcntl(fd, F_GETFL)).toBe(O_NONBLOCK);
    expect(zsock_ioctl(fd, FIONBIO, 0)).toBe(0);
    expect(zsock_fcntl(fd, F_GETFL)).toBe(0);
    expect(zsock_ioctl(fd, FIONREAD, 0)).toBe(-1);
    expect(errno).toBe(EFAULT);
  });

  it('getnameinfo(NULL, ...) is DNS_EAI_FAMILY, as glibc', () => {
    expect(zsock_getnameinfo(null, 0, { value: '' }, 64, null, 0, 0)).toBe(DNS_EAI_FAMILY);
  });
});

describe('poll and select with arguments that are no C ints', () => {
  it('poll with NaN, fractional or infinite nfds or timeout answers EINVAL at once', async () => {
    const fd = zsock_socket(AF_INET, SOCK_DGRAM, 0);
    const fds = [{ fd, events: ZSOCK_POLLIN, revents: 0 }];
    for (const [n, t] of [[NaN, 10], [0.5, 10], [1, NaN], [1, 1.5], [1, Infinity], [1, -Infinity]] as const) {
      expect(await s.run(call(zsock_poll(fds, n, t)))).toEqual([-1, EINVAL]);
    }
  });

  it('select with NaN or fractional nfds or timeval fields answers EINVAL at once', async () => {
    const fd = zsock_socket(AF_INET, SOCK_DGRAM, 0);
    const set = new zsock_fd_set();
    ZSOCK_FD_SET(fd, set);
    const cases: [number, { tv_sec: number; tv_usec: number } | null][] = [
      [NaN, null],
      [fd + 0.5, null],
      [fd + 1, { tv_sec: NaN, tv_usec: 0 }],
      [fd + 1, { tv_sec: 0, tv_usec: NaN }],
      [fd + 1, { tv_sec: 0.5, tv_usec: 0 }],
      [fd + 1, { tv_sec: Infinity, tv_usec: 0 }],
    ];
    for (const [n, tv] of cases) expect(await s.run(call(zsock_select(n, set, null, null, tv)))).toEqual([-1, EINVAL]);
  });
});

describe('a finished call keeps nothing of the caller', () => {
  it("a recv answered long before its SO_RCVTIMEO does not keep the caller's buffer alive", async () => {
    setFlagsFromString('--expose_gc');
    const gc = runInNewContext('gc') as () => void;
    udpEchoServer(peer(), 7);
    const u = udp_socket('192.0.2.10');
    const hour = { tv_sec: 3600, tv_usec: 0 };
    expect(zsock_setsockopt(u.fd, SOL_SOCKET, SO_RCVTIMEO, hour, SIZEOF_TIMEVAL)).toBe(0);
    // A live timer before the hour keeps the cancelled receive timer queued, as many calls would.
    s.port.setTimer(1_800_000, () => {});
    const to = addr('192.0.2.20', 7);
    let weak: WeakRef<Uint8Array> | null = null;
    await (async () => {
      const big = new Uint8Array(1 << 20);
      weak = new WeakRef(big);
      const waiting = zsock_recv(u.fd, big, big.length, 0);
      expect(await s.run(zsock_sendto(u.fd, bytes('x'), 1, 0, to, addrlen(to)))).toBe(1);
      expect(await s.run(waiting)).toBe(1);
    })();
    await new Promise((r) => setImmediate(r));
    gc();
    expect(weak!.deref()).toBeUndefined();
  });
});

describe('connected sockets still answer after these edges', () => {
  it('getpeername and echo work after all of the above on a fresh pair', async () => {
    const pair = await tcp_pair(s);
    const a = new sockaddr();
    expect(zsock_getpeername(pair.client, a, { value: 24 })).toBe(0);
    expect(await s.run(zsock_send(pair.client, bytes('ok'), 2, 0))).toBe(2);
    const buf = new Uint8Array(2);
    expect(await s.run(zsock_recv(pair.server, buf, 2, 0))).toBe(2);
    expect(zsock_close(pair.client)).toBe(0);
    const fds = [{ fd: pair.server, events: ZSOCK_POLLIN | ZSOCK_POLLOUT, revents: 0 }];
    expect(await s.run(zsock_poll(fds, 1, 1000))).toBe(1);
  });
});
