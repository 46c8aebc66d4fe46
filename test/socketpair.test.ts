import { beforeEach, describe, expect, it } from 'vitest';
import {
  zsock_accept,
  zsock_bind,
  zsock_close,
  zsock_connect,
  zsock_fcntl,
  zsock_getpeername,
  zsock_getsockname,
  zsock_getsockopt,
  zsock_ioctl,
  zsock_listen,
  zsock_recv,
  zsock_recvfrom,
  zsock_send,
  zsock_sendto,
  zsock_setsockopt,
  zsock_shutdown,
} from '../lib/api';
import { zsock_recvmsg, zsock_sendmsg, type msghdr } from '../lib/msg';
import {
  AF_INET,
  AF_UNIX,
  F_DUPFD,
  F_GETFL,
  F_SETFL,
  FIONBIO,
  FIONREAD,
  O_NONBLOCK,
  SO_REUSEADDR,
  SOCK_DGRAM,
  SOCK_STREAM,
  SOL_SOCKET,
  ZSOCK_MSG_DONTWAIT,
  ZSOCK_MSG_PEEK,
  ZSOCK_MSG_WAITALL,
  ZSOCK_POLLHUP,
  ZSOCK_POLLIN,
  ZSOCK_POLLOUT,
  ZSOCK_SHUT_RD,
  ZSOCK_SHUT_RDWR,
  ZSOCK_SHUT_WR,
} from '../lib/constants';
import {
  EAFNOSUPPORT,
  EAGAIN,
  EMSGSIZE,
  EBADF,
  EFAULT,
  EINTR,
  EINVAL,
  EISCONN,
  ENFILE,
  ENOPROTOOPT,
  EOPNOTSUPP,
  EPIPE,
  EPROTONOSUPPORT,
  EPROTOTYPE,
  errno,
  set_errno,
} from '../lib/errno';
import { zsock_poll, type zsock_pollfd } from '../lib/poll';
import { sockaddr } from '../lib/sockaddr';
import { zsock_set_socketpair_buffer_size, zsock_socketpair } from '../lib/socketpair';
import { zsock_init } from '../lib/stack';
import { createMockNetwork, type MockNetwork, type MockPort } from '../ports/node-mock';

// A pair needs no network; the simulated one gives the stack its clock and
// the turns in which failures settle.
let net: MockNetwork;
let port: MockPort;

beforeEach(() => {
  net = createMockNetwork();
  port = net.port(net.host('device', { ipv4: ['10.0.0.1'] }));
  zsock_set_socketpair_buffer_size(64);
  zsock_init(port, []);
  set_errno(0);
});

/** Lets every pending event run (settled failures, woken waiters). */
function settle(): Promise<boolean> {
  return net.runUntilIdle();
}

function pair(): [number, number] {
  const sv = [-1, -1];
  expect(zsock_socketpair(AF_UNIX, SOCK_STREAM, 0, sv)).toBe(0);
  return [sv[0]!, sv[1]!];
}

function bytes(n: number, start = 0): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (start + i) & 0xff;
  return out;
}

/** Drives the network until a blocking call settles; its result and the errno read right after. */
async function call(p: Promise<number>): Promise<[number, number]> {
  const r = await net.runUntil(p);
  return [r, r < 0 ? errno : 0];
}

/** Tracks whether a promise has settled yet. */
function track<T>(p: Promise<T>): { done: boolean; value: T | undefined; promise: Promise<T> } {
  const t = { done: false, value: undefined as T | undefined, promise: p };
  void p.then((v) => {
    t.done = true;
    t.value = v;
  });
  return t;
}

async function recvAll(fd: number, len: number): Promise<Uint8Array> {
  const into = new Uint8Array(len);
  const n = await zsock_recv(fd, into, len, 0);
  return into.subarray(0, Math.max(n, 0));
}

function pollOne(fd: number, events: number): zsock_pollfd[] {
  return [{ fd, events, revents: 0 }];
}

describe('zsock_socketpair: creation', () => {
  it('fills a number[] and an Int32Array with two distinct open descriptors', () => {
    const sv = [-1, -1];
    expect(zsock_socketpair(AF_UNIX, SOCK_STREAM, 0, sv)).toBe(0);
    expect(sv[0]).toBeGreaterThanOrEqual(0);
    expect(sv[1]).toBeGreaterThanOrEqual(0);
    expect(sv[0]).not.toBe(sv[1]);
    const iv = new Int32Array([-1, -1, 7]);
    expect(zsock_socketpair(AF_UNIX, SOCK_STREAM, 0, iv)).toBe(0);
    expect([iv[0], iv[1], iv[2]]).toEqual([2, 3, 7]);
    expect(zsock_close(iv[0]!)).toBe(0);
    expect(zsock_close(iv[0]!)).toBe(-1);
    expect(errno).toBe(EBADF);
  });

  it('answers Zephyr errnos for family, type, protocol and a null sv; sv is untouched', () => {
    const sv = [-1, -1];
    expect(zsock_socketpair(AF_INET, SOCK_STREAM, 0, sv)).toBe(-1);
    expect(errno).toBe(EAFNOSUPPORT);
    expect(zsock_socketpair(AF_UNIX, SOCK_DGRAM, 0, sv)).toBe(-1);
    expect(errno).toBe(EPROTOTYPE);
    expect(zsock_socketpair(AF_UNIX, SOCK_STREAM, 6, sv)).toBe(-1);
    expect(errno).toBe(EPROTONOSUPPORT);
    expect(sv).toEqual([-1, -1]);
    expect(zsock_socketpair(AF_UNIX, SOCK_STREAM, 0, null)).toBe(-1);
    expect(errno).toBe(EFAULT);
  });

  it('throws a TypeError for what C would not compile', () => {
    const bad: unknown[] = [undefined, 'ab', { 0: 1, 1: 2, length: 2 }, new Uint8Array(2)];
    for (const sv of bad) {
      expect(() => zsock_socketpair(AF_UNIX, SOCK_STREAM, 0, sv as number[])).toThrow(TypeError);
    }
    // An array with no room for both descriptors is C's bad pointer: EFAULT, nothing opened.
    for (const sv of [[], [7], new Int32Array(1)]) {
      expect(zsock_socketpair(AF_UNIX, SOCK_STREAM, 0, sv as number[])).toBe(-1);
      expect(errno).toBe(EFAULT);
    }
    expect(() => zsock_socketpair('6' as unknown as number, SOCK_STREAM, 0, [0, 0])).toThrow(TypeError);
  });

  it('answers ENFILE when the table cannot hold both ends, and frees the first again', () => {
    zsock_init(port, [], { maxDescriptors: 3 });
    const [a] = pair();
    const sv = [-1, -1];
    expect(zsock_socketpair(AF_UNIX, SOCK_STREAM, 0, sv)).toBe(-1);
    expect(errno).toBe(ENFILE);
    expect(sv).toEqual([-1, -1]);
    // Descriptor 2 was taken and given back: after freeing one more, a pair fits.
    expect(zsock_close(a)).toBe(0);
    expect(zsock_socketpair(AF_UNIX, SOCK_STREAM, 0, sv)).toBe(0);
    expect(sv).toEqual([0, 2]);
  });

  it('zsock_init closes the pairs of the previous stack', () => {
    const [a, b] = pair();
    zsock_init(net.port(net.host('other', { ipv4: ['10.0.0.2'] })), []);
    expect(zsock_close(a)).toBe(-1);
    expect(errno).toBe(EBADF);
    expect(zsock_close(b)).toBe(-1);
    expect(errno).toBe(EBADF);
  });
});

describe('zsock_socketpair: data', () => {
  it('carries bytes both ways', async () => {
    const [a, b] = pair();
    expect(await zsock_send(a, bytes(10, 1), 10, 0)).toBe(10);
    expect(await zsock_send(b, bytes(5, 100), 5, 0)).toBe(5);
    expect(Array.from(await recvAll(b, 32))).toEqual(Array.from(bytes(10, 1)));
    expect(Array.from(await recvAll(a, 32))).toEqual(Array.from(bytes(5, 100)));
  });

  it('writes partially at the 64-byte pipe size; a full pipe answers EAGAIN without waiting', async () => {
    const [a, b] = pair();
    expect(await zsock_send(a, bytes(100), 100, 0)).toBe(64);
    const count = { value: -1 };
    expect(zsock_ioctl(b, FIONREAD, count)).toBe(0);
    expect(count.value).toBe(64);
    expect(await call(zsock_send(a, bytes(1), 1, ZSOCK_MSG_DONTWAIT))).toEqual([-1, EAGAIN]);
    expect(zsock_fcntl(a, F_SETFL, O_NONBLOCK)).toBe(0);
    expect(await call(zsock_send(a, bytes(1), 1, 0))).toEqual([-1, EAGAIN]);
    expect(Array.from(await recvAll(b, 100))).toEqual(Array.from(bytes(64)));
    // The other direction has its own pipe.
    expect(await zsock_send(b, bytes(70), 70, 0)).toBe(64);
  });

  it('keeps byte order across the ring boundary', async () => {
    const [a, b] = pair();
    expect(await zsock_send(a, bytes(50, 0), 50, 0)).toBe(50);
    expect(Array.from(await recvAll(b, 40))).toEqual(Array.from(bytes(40, 0)));
    expect(await zsock_send(a, bytes(54, 50), 54, 0)).toBe(54);
    expect(Array.from(await recvAll(b, 64))).toEqual(Array.from(bytes(64, 40)));
  });

  it('a blocking write waits for room and completes when the peer reads', async () => {
    const [a, b] = pair();
    expect(await zsock_send(a, bytes(64), 64, 0)).toBe(64);
    const w = track(zsock_send(a, bytes(30, 64), 30, 0));
    await settle();
    await settle();
    expect(w.done).toBe(false);
    expect(Array.from(await recvAll(b, 10))).toEqual(Array.from(bytes(10)));
    // Ten bytes of room: the write takes what fits and returns.
    expect(await w.promise).toBe(10);
    expect(Array.from(await recvAll(b, 100))).toEqual(Array.from(bytes(64, 10)));
  });

  it('a blocking read waits for data', async () => {
    const [a, b] = pair();
    const r = new Uint8Array(8);
    const t = track(zsock_recv(b, r, 8, 0));
    await settle();
    expect(t.done).toBe(false);
    expect(await zsock_send(a, bytes(3, 9), 3, 0)).toBe(3);
    expect(await t.promise).toBe(3);
    expect(Array.from(r.subarray(0, 3))).toEqual([9, 10, 11]);
  });

  it('the pipe size follows zsock_set_socketpair_buffer_size for new pairs', async () => {
    const [a0, b0] = pair();
    zsock_set_socketpair_buffer_size(16);
    const [a, b] = pair();
    expect(await zsock_send(a, bytes(100), 100, 0)).toBe(16);
    expect(await zsock_send(b, bytes(100), 100, 0)).toBe(16);
    expect(await zsock_send(a0, bytes(100), 100, 0)).toBe(64);
    expect(await zsock_send(b0, bytes(100), 100, 0)).toBe(64);
    zsock_set_socketpair_buffer_size(4096);
    const [c] = pair();
    expect(await zsock_send(c, bytes(5000), 5000, 0)).toBe(4096);
    for (const bad of [0, 4097, 1.5, -1]) {
      expect(() => zsock_set_socketpair_buffer_size(bad)).toThrow(TypeError);
    }
  });

  it('MSG_PEEK leaves the data; MSG_DONTWAIT and O_NONBLOCK answer EAGAIN when empty', async () => {
    const [a, b] = pair();
    expect(await call(zsock_recv(b, new Uint8Array(4), 4, ZSOCK_MSG_DONTWAIT))).toEqual([-1, EAGAIN]);
    expect(zsock_fcntl(b, F_SETFL, O_NONBLOCK)).toBe(0);
    expect(await call(zsock_recv(b, new Uint8Array(4), 4, 0))).toEqual([-1, EAGAIN]);
    expect(await zsock_send(a, bytes(6, 20), 6, 0)).toBe(6);
    const peek = new Uint8Array(4);
    expect(await zsock_recv(b, peek, 4, ZSOCK_MSG_PEEK)).toBe(4);
    expect(Array.from(peek)).toEqual([20, 21, 22, 23]);
    expect(Array.from(await recvAll(b, 10))).toEqual(Array.from(bytes(6, 20)));
  });

  it('MSG_WAITALL waits for the whole buffer, or returns what came before EOF', async () => {
    const [a, b] = pair();
    const into = new Uint8Array(100);
    const t = track(zsock_recv(b, into, 100, ZSOCK_MSG_WAITALL));
    expect(await zsock_send(a, bytes(64), 64, 0)).toBe(64);
    await settle();
    expect(t.done).toBe(false);
    expect(await zsock_send(a, bytes(36, 64), 36, 0)).toBe(36);
    expect(await t.promise).toBe(100);
    expect(Array.from(into)).toEqual(Array.from(bytes(100)));
    const short = track(zsock_recv(b, into, 100, ZSOCK_MSG_WAITALL));
    expect(await zsock_send(a, bytes(5), 5, 0)).toBe(5);
    await settle();
    expect(short.done).toBe(false);
    expect(zsock_close(a)).toBe(0);
    expect(await short.promise).toBe(5);
  });

  it('a zero-length send or receive is EINVAL; sendto with an address is EISCONN', async () => {
    const [a, b] = pair();
    expect(await call(zsock_send(a, new Uint8Array(4), 0, 0))).toEqual([-1, EINVAL]);
    expect(await call(zsock_recv(b, new Uint8Array(4), 0, 0))).toEqual([-1, EINVAL]);
    const to = new sockaddr();
    to.sa_family = AF_UNIX;
    expect(await call(zsock_sendto(a, bytes(4), 4, 0, to, 8))).toEqual([-1, EISCONN]);
    expect(await zsock_sendto(a, bytes(4), 4, 0, null, 0)).toBe(4);
  });

  it('recvfrom sets *addrlen to 0 and leaves the address alone', async () => {
    const [a, b] = pair();
    expect(await zsock_send(a, bytes(3), 3, 0)).toBe(3);
    const from = new sockaddr();
    from.sa_family = 77;
    const len = { value: 24 };
    expect(await zsock_recvfrom(b, new Uint8Array(8), 8, 0, from, len)).toBe(3);
    expect(len.value).toBe(0);
    expect(from.sa_family).toBe(77);
  });

  it('sendmsg gathers and recvmsg scatters; a non-blocking sendmsg goes whole or not at all', async () => {
    const [a, b] = pair();
    const out: msghdr = {
      msg_name: null,
      msg_namelen: 0,
      msg_iov: [
        { iov_base: bytes(3, 1), iov_len: 3 },
        { iov_base: bytes(4, 4), iov_len: 4 },
      ],
      msg_iovlen: 2,
      msg_flags: 0,
    };
    expect(await zsock_sendmsg(a, out, 0)).toBe(7);
    const p = new Uint8Array(2);
    const q = new Uint8Array(10);
    const inMsg: msghdr = {
      msg_name: null,
      msg_namelen: 0,
      msg_iov: [
        { iov_base: p, iov_len: 2 },
        { iov_base: q, iov_len: 10 },
      ],
      msg_iovlen: 2,
      msg_flags: -1,
    };
    expect(await zsock_recvmsg(b, inMsg, 0)).toBe(7);
    expect(Array.from(p)).toEqual([1, 2]);
    expect(Array.from(q.subarray(0, 5))).toEqual([3, 4, 5, 6, 7]);
    expect(inMsg.msg_flags).toBe(0);
    // Zephyr: a non-blocking sendmsg larger than the free space is EMSGSIZE, and sends nothing.
    const big: msghdr = {
      msg_name: null,
      msg_namelen: 0,
      msg_iov: [
        { iov_base: bytes(40), iov_len: 40 },
        { iov_base: bytes(40, 40), iov_len: 40 },
      ],
      msg_iovlen: 2,
      msg_flags: 0,
    };
    expect(await call(zsock_sendmsg(a, big, ZSOCK_MSG_DONTWAIT))).toEqual([-1, EMSGSIZE]);
    expect(await call(zsock_recv(b, new Uint8Array(1), 1, ZSOCK_MSG_DONTWAIT))).toEqual([-1, EAGAIN]);
    // A blocking one writes what fits, as any stream write does.
    expect(await zsock_sendmsg(a, big, 0)).toBe(64);
    // An empty message sends nothing and returns 0, as Zephyr's sendmsg.
    const empty: msghdr = { msg_name: null, msg_namelen: 0, msg_iov: [], msg_iovlen: 0, msg_flags: 0 };
    expect(await zsock_sendmsg(a, empty, 0)).toBe(0);
  });
});

describe('zsock_socketpair: close and shutdown', () => {
  it('after the peer closes, reads drain the queued data, then answer 0 every time', async () => {
    const [a, b] = pair();
    expect(await zsock_send(a, bytes(5, 42), 5, 0)).toBe(5);
    expect(zsock_close(a)).toBe(0);
    expect(Array.from(await recvAll(b, 3))).toEqual([42, 43, 44]);
    expect(Array.from(await recvAll(b, 10))).toEqual([45, 46]);
    expect(await zsock_recv(b, new Uint8Array(4), 4, 0)).toBe(0);
    expect(await zsock_recv(b, new Uint8Array(4), 4, ZSOCK_MSG_DONTWAIT)).toBe(0);
  });

  it('a reader blocked when the peer closes reads EOF (0)', async () => {
    const [a, b] = pair();
    const t = track(zsock_recv(b, new Uint8Array(4), 4, 0));
    await settle();
    expect(t.done).toBe(false);
    expect(zsock_close(a)).toBe(0);
    expect(await t.promise).toBe(0);
  });

  it('writing to a closed peer is EPIPE, also for a writer that was waiting', async () => {
    const [a, b] = pair();
    const [c, d] = pair();
    expect(await zsock_send(a, bytes(64), 64, 0)).toBe(64);
    const blocked = track(zsock_send(a, bytes(1), 1, 0));
    await settle();
    expect(blocked.done).toBe(false);
    expect(zsock_close(b)).toBe(0);
    expect(await call(blocked.promise)).toEqual([-1, EPIPE]);
    expect(await call(zsock_send(a, bytes(1), 1, 0))).toEqual([-1, EPIPE]);
    expect(zsock_close(d)).toBe(0);
    expect(await call(zsock_send(c, bytes(1), 1, ZSOCK_MSG_DONTWAIT))).toEqual([-1, EPIPE]);
  });

  it('closing a descriptor wakes its own blocked reader and writer with EINTR', async () => {
    const [a, b] = pair();
    expect(await zsock_send(a, bytes(64), 64, 0)).toBe(64);
    const reader = track(zsock_recv(a, new Uint8Array(4), 4, 0));
    const writer = track(zsock_send(a, bytes(4), 4, 0));
    await settle();
    expect(reader.done || writer.done).toBe(false);
    expect(zsock_close(a)).toBe(0);
    expect(await call(reader.promise)).toEqual([-1, EINTR]);
    expect(await call(writer.promise)).toEqual([-1, EINTR]);
    // The peer sees the close as EOF.
    expect(await zsock_recv(b, new Uint8Array(100), 100, 0)).toBe(64);
    expect(await zsock_recv(b, new Uint8Array(100), 100, 0)).toBe(0);
    expect(await call(zsock_recv(a, new Uint8Array(4), 4, 0))).toEqual([-1, EBADF]);
  });

  it('SHUT_WR: the peer reads the rest then EOF, our writes are EPIPE, we still read', async () => {
    const [a, b] = pair();
    expect(await zsock_send(a, bytes(4, 7), 4, 0)).toBe(4);
    expect(await zsock_recv(b, new Uint8Array(8), 8, ZSOCK_MSG_PEEK)).toBe(4);
    expect(zsock_shutdown(a, ZSOCK_SHUT_WR)).toBe(0);
    expect(Array.from(await recvAll(b, 8))).toEqual([7, 8, 9, 10]);
    expect(await zsock_recv(b, new Uint8Array(8), 8, 0)).toBe(0);
    expect(await call(zsock_send(a, bytes(1), 1, 0))).toEqual([-1, EPIPE]);
    expect(await zsock_send(b, bytes(2, 30), 2, 0)).toBe(2);
    expect(Array.from(await recvAll(a, 8))).toEqual([30, 31]);
  });

  it('SHUT_WR wakes a reader blocked on the peer with EOF', async () => {
    const [a, b] = pair();
    const t = track(zsock_recv(b, new Uint8Array(8), 8, 0));
    await settle();
    expect(t.done).toBe(false);
    expect(zsock_shutdown(a, ZSOCK_SHUT_WR)).toBe(0);
    expect(await t.promise).toBe(0);
  });

  it('SHUT_RD: queued data is dropped, reads are EOF, the peer writes EPIPE (also a waiting one)', async () => {
    const [a, b] = pair();
    expect(await zsock_send(a, bytes(64), 64, 0)).toBe(64);
    const writer = track(zsock_send(a, bytes(1), 1, 0));
    await settle();
    expect(writer.done).toBe(false);
    expect(zsock_shutdown(b, ZSOCK_SHUT_RD)).toBe(0);
    expect(await call(writer.promise)).toEqual([-1, EPIPE]);
    const count = { value: -1 };
    expect(zsock_ioctl(b, FIONREAD, count)).toBe(0);
    expect(count.value).toBe(0);
    expect(await zsock_recv(b, new Uint8Array(8), 8, 0)).toBe(0);
    // b can still write to a.
    expect(await zsock_send(b, bytes(2), 2, 0)).toBe(2);
    expect(await recvAll(a, 8)).toHaveLength(2);
  });

  it('SHUT_RD wakes our own blocked reader with EOF; SHUT_RDWR does both; other values are EINVAL', async () => {
    const [a, b] = pair();
    const t = track(zsock_recv(a, new Uint8Array(8), 8, 0));
    await settle();
    expect(zsock_shutdown(a, ZSOCK_SHUT_RD)).toBe(0);
    expect(await t.promise).toBe(0);
    expect(zsock_shutdown(b, ZSOCK_SHUT_RDWR)).toBe(0);
    expect(await call(zsock_send(b, bytes(1), 1, 0))).toEqual([-1, EPIPE]);
    expect(await zsock_recv(b, new Uint8Array(8), 8, 0)).toBe(0);
    expect(zsock_shutdown(a, 3)).toBe(-1);
    expect(errno).toBe(EINVAL);
  });
});

describe('zsock_socketpair: poll, ioctl, fcntl', () => {
  it('POLLOUT while there is room, POLLIN once data is queued', async () => {
    const [a, b] = pair();
    const fds: zsock_pollfd[] = [
      { fd: a, events: ZSOCK_POLLIN | ZSOCK_POLLOUT, revents: 0 },
      { fd: b, events: ZSOCK_POLLIN, revents: 0 },
    ];
    expect(await zsock_poll(fds, 2, 0)).toBe(1);
    expect(fds[0]!.revents).toBe(ZSOCK_POLLOUT);
    expect(fds[1]!.revents).toBe(0);
    expect(await zsock_send(a, bytes(64), 64, 0)).toBe(64);
    expect(await zsock_poll(fds, 2, 0)).toBe(1);
    expect(fds[0]!.revents).toBe(0);
    expect(fds[1]!.revents).toBe(ZSOCK_POLLIN);
  });

  it('a waiting poll wakes for data and for room', async () => {
    const [a, b] = pair();
    const forIn = pollOne(b, ZSOCK_POLLIN);
    const p = track(zsock_poll(forIn, 1, -1));
    await settle();
    expect(p.done).toBe(false);
    expect(await zsock_send(a, bytes(64), 64, 0)).toBe(64);
    expect(await p.promise).toBe(1);
    expect(forIn[0]!.revents).toBe(ZSOCK_POLLIN);
    const forOut = pollOne(a, ZSOCK_POLLOUT);
    const q = track(zsock_poll(forOut, 1, -1));
    await settle();
    expect(q.done).toBe(false);
    expect(await recvAll(b, 1)).toHaveLength(1);
    expect(await q.promise).toBe(1);
    expect(forOut[0]!.revents).toBe(ZSOCK_POLLOUT);
  });

  it('the peer closing: POLLHUP for a POLLOUT poll, POLLIN for a reader, no POLLOUT', async () => {
    const [a, b] = pair();
    expect(await zsock_send(a, bytes(64), 64, 0)).toBe(64);
    const forOut = pollOne(a, ZSOCK_POLLOUT);
    const p = track(zsock_poll(forOut, 1, -1));
    await settle();
    expect(p.done).toBe(false);
    expect(zsock_close(b)).toBe(0);
    expect(await p.promise).toBe(1);
    expect(forOut[0]!.revents).toBe(ZSOCK_POLLHUP);
    const forIn = pollOne(a, ZSOCK_POLLIN);
    expect(await zsock_poll(forIn, 1, 0)).toBe(1);
    expect(forIn[0]!.revents & ZSOCK_POLLIN).toBe(ZSOCK_POLLIN);
    expect(await zsock_recv(a, new Uint8Array(1), 1, 0)).toBe(0);
  });

  it('EOF from SHUT_WR is POLLIN without POLLHUP', async () => {
    const [a, b] = pair();
    expect(zsock_shutdown(a, ZSOCK_SHUT_WR)).toBe(0);
    const fds = pollOne(b, ZSOCK_POLLIN | ZSOCK_POLLOUT);
    expect(await zsock_poll(fds, 1, 0)).toBe(1);
    expect(fds[0]!.revents).toBe(ZSOCK_POLLIN | ZSOCK_POLLOUT);
  });

  it('FIONREAD counts queued bytes; F_GETFL/F_SETFL/FIONBIO switch O_NONBLOCK', async () => {
    const [a, b] = pair();
    const count = { value: -1 };
    expect(zsock_ioctl(b, FIONREAD, count)).toBe(0);
    expect(count.value).toBe(0);
    expect(await zsock_send(a, bytes(12), 12, 0)).toBe(12);
    expect(zsock_ioctl(b, FIONREAD, count)).toBe(0);
    expect(count.value).toBe(12);
    expect(await recvAll(b, 5)).toHaveLength(5);
    expect(zsock_ioctl(b, FIONREAD, count)).toBe(0);
    expect(count.value).toBe(7);

    expect(zsock_fcntl(a, F_GETFL)).toBe(0);
    expect(zsock_fcntl(a, F_SETFL, O_NONBLOCK)).toBe(0);
    expect(zsock_fcntl(a, F_GETFL)).toBe(O_NONBLOCK);
    expect(zsock_fcntl(b, F_GETFL)).toBe(0);
    expect(zsock_fcntl(a, F_SETFL, 0)).toBe(0);
    expect(zsock_fcntl(a, F_GETFL)).toBe(0);
    expect(zsock_ioctl(a, FIONBIO, { value: 1 })).toBe(0);
    expect(zsock_fcntl(a, F_GETFL)).toBe(O_NONBLOCK);
    expect(await call(zsock_recv(a, new Uint8Array(1), 1, 0))).toEqual([-1, EAGAIN]);
    expect(zsock_fcntl(a, F_DUPFD, 0)).toBe(-1);
    expect(errno).toBe(EOPNOTSUPP);
  });
});

describe('zsock_socketpair: calls a pair does not support', () => {
  it('answers Zephyr errnos', async () => {
    const [a] = pair();
    const addr = new sockaddr();
    addr.sa_family = AF_UNIX;
    const len = { value: 24 };
    expect(zsock_bind(a, addr, 8)).toBe(-1);
    expect(errno).toBe(EISCONN);
    expect(await call(zsock_connect(a, addr, 8))).toEqual([-1, EISCONN]);
    expect(zsock_listen(a, 1)).toBe(-1);
    expect(errno).toBe(EINVAL);
    expect(await call(zsock_accept(a, null, null))).toEqual([-1, EOPNOTSUPP]);
    expect(zsock_getsockopt(a, SOL_SOCKET, SO_REUSEADDR, { value: 0 }, { value: 4 })).toBe(-1);
    expect(errno).toBe(ENOPROTOOPT);
    expect(zsock_setsockopt(a, SOL_SOCKET, SO_REUSEADDR, { value: 1 }, 4)).toBe(-1);
    expect(errno).toBe(ENOPROTOOPT);
    expect(zsock_getsockname(a, addr, len)).toBe(-1);
    expect(errno).toBe(EOPNOTSUPP);
    expect(zsock_getpeername(a, addr, len)).toBe(-1);
    expect(errno).toBe(EOPNOTSUPP);
  });
});

describe('zsock_socketpair: errno after await', () => {
  it('two tasks failing at the same moment each read their own errno', async () => {
    const [a, b] = pair();
    const [c, d] = pair();
    expect(await zsock_send(c, bytes(64), 64, 0)).toBe(64);
    const seen: string[] = [];
    const reader = (async (): Promise<[number, number]> => {
      const r = await zsock_recv(a, new Uint8Array(4), 4, 0);
      const e = errno;
      seen.push('reader');
      return [r, e];
    })();
    const writer = (async (): Promise<[number, number]> => {
      const r = await zsock_send(c, bytes(4), 4, 0);
      const e = errno;
      seen.push('writer');
      return [r, e];
    })();
    await settle();
    // Both fail in the same synchronous step: the reader's own close (EINTR)
    // and the writer's peer closing (EPIPE).
    expect(zsock_close(a)).toBe(0);
    expect(zsock_close(d)).toBe(0);
    // Each failure settles in its own turn; each task reads errno right after its await.
    await settle();
    expect(await reader).toEqual([-1, EINTR]);
    expect(await writer).toEqual([-1, EPIPE]);
    expect(seen).toEqual(['reader', 'writer']);
    expect(zsock_close(b)).toBe(0);
    expect(zsock_close(c)).toBe(0);
  });
});
