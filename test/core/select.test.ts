/** zsock_select's arguments, sets and timeout, on the simulated network (virtual time is exact). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  EBADF,
  EINVAL,
  SIZEOF_LINGER,
  SO_LINGER,
  SOL_SOCKET,
  strerror,
  ZSOCK_FD_CLR,
  ZSOCK_FD_ISSET,
  ZSOCK_FD_SET,
  zsock_fd_set,
  ZSOCK_FD_SETSIZE,
  zsock_close,
  zsock_poll,
  ZSOCK_POLLOUT,
  zsock_select,
  zsock_sendto,
  zsock_setsockopt,
  type timeval,
} from '../../lib/index';
import { addrlen, bytes, call, tcp_pair, udp_socket } from '../conformance/helpers';
import { open_mock, type MockSession } from '../conformance/mock-target';

let s: MockSession;
beforeEach(() => {
  s = open_mock();
});
afterEach(async () => {
  await s.close();
});

function set_of(...fds: number[]): zsock_fd_set {
  const set = new zsock_fd_set();
  for (const fd of fds) ZSOCK_FD_SET(fd, set);
  return set;
}

describe('zsock_select', () => {
  it('nfds is 0..ZSOCK_FD_SETSIZE, the timeval 0..999999 µs and not negative: else EINVAL', async () => {
    const zero: timeval = { tv_sec: 0, tv_usec: 0 };
    for (const nfds of [-1, ZSOCK_FD_SETSIZE + 1]) expect(await s.run(call(zsock_select(nfds, null, null, null, zero)))).toEqual([-1, EINVAL]);
    expect(await s.run(zsock_select(ZSOCK_FD_SETSIZE, new zsock_fd_set(), null, null, zero))).toBe(0);
    expect(await s.run(zsock_select(0, null, null, null, zero))).toBe(0);
    for (const bad of [{ tv_sec: -1, tv_usec: 0 }, { tv_sec: 0, tv_usec: -1 }, { tv_sec: 0, tv_usec: 1000000 }]) {
      expect(await s.run(call(zsock_select(1, null, null, null, bad)))).toEqual([-1, EINVAL]);
    }
    expect(() => zsock_select('1' as unknown as number, null, null, null, zero)).toThrow(TypeError);
  });

  it('waits the timeval exactly: seconds and microseconds, rounded up to a millisecond; clears what is not ready', async () => {
    const u = udp_socket();
    for (const [tv, ms] of [
      [{ tv_sec: 1, tv_usec: 500000 }, 1500],
      [{ tv_sec: 0, tv_usec: 1 }, 1],
      [{ tv_sec: 2, tv_usec: 0 }, 2000],
    ] as const) {
      const readfds = set_of(u.fd);
      const start = s.port.now();
      expect(await s.run(zsock_select(u.fd + 1, readfds, null, null, tv))).toBe(0);
      expect(s.port.now() - start).toBe(ms);
      expect(ZSOCK_FD_ISSET(u.fd, readfds)).toBe(0);
    }
  });

  it('asks each set only for its own event: a writable socket is not readable', async () => {
    const u = udp_socket();
    const readfds = set_of(u.fd);
    const writefds = set_of(u.fd);
    expect(await s.run(zsock_select(u.fd + 1, readfds, writefds, null, { tv_sec: 0, tv_usec: 0 }))).toBe(1);
    expect([ZSOCK_FD_ISSET(u.fd, readfds), ZSOCK_FD_ISSET(u.fd, writefds)]).toEqual([0, 1]);
    // Readable only: data queued, asked in readfds alone.
    const v = udp_socket();
    expect(await s.run(zsock_sendto(v.fd, bytes('x'), 1, 0, u.addr, addrlen(u.addr)))).toBe(1);
    await s.sleep(10);
    const only = set_of(u.fd);
    expect(await s.run(zsock_select(u.fd + 1, only, null, null, null))).toBe(1);
    expect(ZSOCK_FD_ISSET(u.fd, only)).toBe(1);
    // exceptfds of a healthy socket: nothing.
    const except = set_of(u.fd);
    expect(await s.run(zsock_select(u.fd + 1, null, null, except, { tv_sec: 0, tv_usec: 0 }))).toBe(0);
    expect(ZSOCK_FD_ISSET(u.fd, except)).toBe(0);
  });

  it('a null timeout waits as long as it takes', async () => {
    const u = udp_socket();
    const v = udp_socket();
    s.port.setTimer(5000, () => void zsock_sendto(v.fd, bytes('late'), 4, 0, u.addr, addrlen(u.addr)));
    const readfds = set_of(u.fd);
    const start = s.port.now();
    expect(await s.run(zsock_select(u.fd + 1, readfds, null, null, null))).toBe(1);
    expect(s.port.now() - start).toBeGreaterThanOrEqual(5000);
    expect(ZSOCK_FD_ISSET(u.fd, readfds)).toBe(1);
  });

  it('a reset socket is readable, writable and exceptional: each set counts it', async () => {
    const { client, server } = await tcp_pair(s);
    expect(zsock_setsockopt(server, SOL_SOCKET, SO_LINGER, { l_onoff: 1, l_linger: 0 }, SIZEOF_LINGER)).toBe(0);
    expect(zsock_close(server)).toBe(0);
    await s.sleep(50);
    const r = set_of(client);
    const w = set_of(client);
    const e = set_of(client);
    expect(await s.run(zsock_select(client + 1, r, w, e, { tv_sec: 0, tv_usec: 0 }))).toBe(3);
    expect([ZSOCK_FD_ISSET(client, r), ZSOCK_FD_ISSET(client, w), ZSOCK_FD_ISSET(client, e)]).toEqual([1, 1, 1]);
  });

  it('a closed descriptor in a set is EBADF; one in no set is not looked at', async () => {
    const u = udp_socket();
    const gone = udp_socket();
    expect(zsock_close(gone.fd)).toBe(0);
    const high = Math.max(u.fd, gone.fd) + 1;
    expect(await s.run(call(zsock_select(high, set_of(u.fd, gone.fd), null, null, { tv_sec: 0, tv_usec: 0 })))).toEqual([-1, EBADF]);
    expect(await s.run(zsock_select(high, null, set_of(u.fd), null, { tv_sec: 0, tv_usec: 0 }))).toBe(1);
  });
});

describe('zsock_poll arguments', () => {
  it('nfds 0..fds.length, else EINVAL; TypeError for what C would not compile', async () => {
    const u = udp_socket();
    const fds = [{ fd: u.fd, events: ZSOCK_POLLOUT, revents: 0 }];
    expect(await s.run(call(zsock_poll(fds, 2, 0)))).toEqual([-1, EINVAL]);
    expect(await s.run(call(zsock_poll(fds, -1, 0)))).toEqual([-1, EINVAL]);
    expect(await s.run(zsock_poll(fds, 1, 0))).toBe(1);
    expect(() => zsock_poll('x' as unknown as typeof fds, 1, 0)).toThrow('fds must be an array');
    expect(() => zsock_poll(fds, '1' as unknown as number, 0)).toThrow(TypeError);
    expect(() => zsock_poll(fds, 1, null as unknown as number)).toThrow(TypeError);
  });
});

describe('fd_set bounds', () => {
  it('non-integer descriptors and ZSOCK_FD_SETSIZE itself are outside the set', () => {
    const set = new zsock_fd_set();
    ZSOCK_FD_SET(1.5, set);
    ZSOCK_FD_SET(ZSOCK_FD_SETSIZE, set);
    expect(Array.from(set.bitset)).toEqual(new Array(ZSOCK_FD_SETSIZE / 32).fill(0));
    expect(ZSOCK_FD_ISSET(1.5, set)).toBe(0);
    ZSOCK_FD_SET(1, set);
    ZSOCK_FD_CLR(1.5, set);
    expect(ZSOCK_FD_ISSET(1, set)).toBe(1);
    expect(ZSOCK_FD_ISSET(ZSOCK_FD_SETSIZE + 1, set)).toBe(0);
  });
});

describe('strerror', () => {
  it('names errno values and says "Unknown error N" for others', () => {
    expect(strerror(EBADF)).toBe('Bad file descriptor');
    expect(strerror(EINVAL)).toBe('Invalid argument');
    expect(strerror(9999)).toBe('Unknown error 9999');
  });
});
