/** The option-value helpers (read_int, write_int, timeval_ms) and the option read-backs built on them. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AF_INET,
  AF_INET6,
  EINVAL,
  ENOPROTOOPT,
  errno,
  IPPROTO_IPV6,
  IPV6_JOIN_GROUP,
  IPV6_LEAVE_GROUP,
  IPV6_MULTICAST_LOOP,
  read_int,
  SIZEOF_INT,
  SIZEOF_IPV6_MREQ,
  SIZEOF_LINGER,
  SIZEOF_TIMEVAL,
  SO_ERROR,
  SO_LINGER,
  SO_REUSEADDR,
  SO_REUSEPORT,
  SO_SNDTIMEO,
  SOCK_DGRAM,
  SOCK_STREAM,
  SOL_SOCKET,
  timeval_ms,
  write_int,
  zsock_getsockopt,
  zsock_inet_pton,
  zsock_setsockopt,
  zsock_socket,
  type ipv6_mreq,
  type linger,
  type timeval,
} from '../../lib/index';
import { open_mock, type MockSession } from '../conformance/mock-target';

describe('read_int / write_int / timeval_ms', () => {
  it('read_int: a number (truncated to int32), an IntRef, 4 little-endian bytes, one byte, else null', () => {
    expect(read_int(7.9)).toBe(7);
    expect(read_int(2 ** 32 + 5)).toBe(5);
    expect(read_int({ value: -3.5 })).toBe(-3);
    expect(read_int(new Uint8Array([0x01, 0x02, 0x03, 0x84]))).toBe(0x84030201 | 0);
    expect(read_int(new Uint8Array([9, 1]))).toBe(9);
    expect(read_int(new Uint8Array(0))).toBeNull();
    expect(read_int(new Uint16Array([0x0201, 0x0403]))).toBe(0x04030201);
    for (const bad of [null, undefined, 'x', { value: '1' }, {}]) expect(read_int(bad), String(bad)).toBeNull();
  });

  it('write_int: into an IntRef or 4 little-endian bytes; false for anything that cannot hold an int', () => {
    const ref = { value: 0 };
    expect(write_int(ref, -2)).toBe(true);
    expect(ref.value).toBe(-2);
    const b = new Uint8Array(4);
    expect(write_int(b, 0x01020304)).toBe(true);
    expect(Array.from(b)).toEqual([4, 3, 2, 1]);
    const short = new Uint8Array([7, 7, 7]);
    expect(write_int(short, 1)).toBe(false);
    expect(Array.from(short)).toEqual([7, 7, 7]);
    for (const bad of [null, 5, 'x', { value: '1' }, {}]) expect(write_int(bad, 1), String(bad)).toBe(false);
  });

  it('timeval_ms: whole ms, {0, 0} forever (-1), under a ms rounds up to 1, malformed null', () => {
    expect(timeval_ms({ tv_sec: 2, tv_usec: 500_999 })).toBe(2500);
    expect(timeval_ms({ tv_sec: 0, tv_usec: 0 })).toBe(-1);
    expect(timeval_ms({ tv_sec: 0, tv_usec: 1 })).toBe(1);
    expect(timeval_ms({ tv_sec: 0, tv_usec: 999_999 })).toBe(999);
    for (const bad of [null, 5, {}, { tv_sec: 1 }, { tv_usec: 1 }, { tv_sec: '1', tv_usec: 0 }, { tv_sec: -1, tv_usec: 0 }, { tv_sec: 0, tv_usec: -1 }, { tv_sec: 0, tv_usec: 1_000_000 }]) {
      expect(timeval_ms(bad), JSON.stringify(bad)).toBeNull();
    }
  });
});

describe('options read back after set', () => {
  let s: MockSession;
  beforeEach(() => {
    s = open_mock();
  });
  afterEach(async () => {
    await s.close();
  });

  function get(fd: number, level: number, name: number): number {
    const v = { value: -99 };
    return zsock_getsockopt(fd, level, name, v, { value: SIZEOF_INT }) === 0 ? v.value : -1000 - errno;
  }

  it('SO_REUSEADDR and SO_REUSEPORT turn on and off again, each alone', () => {
    const u = zsock_socket(AF_INET, SOCK_DGRAM, 0);
    for (const name of [SO_REUSEADDR, SO_REUSEPORT]) {
      const other = name === SO_REUSEADDR ? SO_REUSEPORT : SO_REUSEADDR;
      expect(zsock_setsockopt(u, SOL_SOCKET, name, { value: 1 }, SIZEOF_INT)).toBe(0);
      expect([get(u, SOL_SOCKET, name), get(u, SOL_SOCKET, other)]).toEqual([1, 0]);
      expect(zsock_setsockopt(u, SOL_SOCKET, name, { value: 0 }, SIZEOF_INT)).toBe(0);
      expect(get(u, SOL_SOCKET, name)).toBe(0);
    }
  });

  it('SO_LINGER on then off reads back off; SO_SNDTIMEO reads back as set, rounded to ms', () => {
    const t = zsock_socket(AF_INET, SOCK_STREAM, 0);
    const lg: linger = { l_onoff: 1, l_linger: 3 };
    expect(zsock_setsockopt(t, SOL_SOCKET, SO_LINGER, lg, SIZEOF_LINGER)).toBe(0);
    const back: linger = { l_onoff: -1, l_linger: -1 };
    expect(zsock_getsockopt(t, SOL_SOCKET, SO_LINGER, back, { value: SIZEOF_LINGER })).toBe(0);
    expect(back).toEqual({ l_onoff: 1, l_linger: 3 });
    expect(zsock_setsockopt(t, SOL_SOCKET, SO_LINGER, { l_onoff: 0, l_linger: 0 }, SIZEOF_LINGER)).toBe(0);
    expect(zsock_getsockopt(t, SOL_SOCKET, SO_LINGER, back, { value: SIZEOF_LINGER })).toBe(0);
    expect(back.l_onoff).toBe(0);

    const tv: timeval = { tv_sec: -1, tv_usec: -1 };
    expect(zsock_getsockopt(t, SOL_SOCKET, SO_SNDTIMEO, tv, { value: SIZEOF_TIMEVAL })).toBe(0);
    expect(tv).toEqual({ tv_sec: 0, tv_usec: 0 });
    expect(zsock_setsockopt(t, SOL_SOCKET, SO_SNDTIMEO, { tv_sec: 1, tv_usec: 250_400 }, SIZEOF_TIMEVAL)).toBe(0);
    expect(zsock_getsockopt(t, SOL_SOCKET, SO_SNDTIMEO, tv, { value: SIZEOF_TIMEVAL })).toBe(0);
    expect(tv).toEqual({ tv_sec: 1, tv_usec: 250_000 });
    expect(zsock_getsockopt(t, SOL_SOCKET, SO_SNDTIMEO, tv, { value: SIZEOF_INT })).toBe(-1);
    expect(errno).toBe(EINVAL);
  });

  it('SO_ERROR with a length that is not an int is -1 with EINVAL', () => {
    const t = zsock_socket(AF_INET, SOCK_STREAM, 0);
    expect(zsock_getsockopt(t, SOL_SOCKET, SO_ERROR, { value: 0 }, { value: 2 })).toBe(-1);
    expect(errno).toBe(EINVAL);
  });

  it('IPv6 multicast: join and leave a group, IPV6_MULTICAST_LOOP on UDP only', () => {
    const u = zsock_socket(AF_INET6, SOCK_DGRAM, 0);
    const mreq: ipv6_mreq = { ipv6mr_multiaddr: { s6_addr: new Uint8Array(16) }, ipv6mr_ifindex: 0 };
    expect(zsock_inet_pton(AF_INET6, 'ff02::1:3', mreq.ipv6mr_multiaddr.s6_addr)).toBe(1);
    expect(zsock_setsockopt(u, IPPROTO_IPV6, IPV6_JOIN_GROUP, mreq, SIZEOF_IPV6_MREQ)).toBe(0);
    expect(zsock_setsockopt(u, IPPROTO_IPV6, IPV6_LEAVE_GROUP, mreq, SIZEOF_IPV6_MREQ)).toBe(0);
    expect(zsock_setsockopt(u, IPPROTO_IPV6, IPV6_JOIN_GROUP, mreq, SIZEOF_IPV6_MREQ - 1)).toBe(-1);
    expect(errno).toBe(EINVAL);
    expect(get(u, IPPROTO_IPV6, IPV6_MULTICAST_LOOP)).toBe(1);
    expect(zsock_setsockopt(u, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, { value: 0 }, SIZEOF_INT)).toBe(0);
    expect(get(u, IPPROTO_IPV6, IPV6_MULTICAST_LOOP)).toBe(0);
    const t = zsock_socket(AF_INET6, SOCK_STREAM, 0);
    expect(get(t, IPPROTO_IPV6, IPV6_MULTICAST_LOOP)).toBe(-1000 - ENOPROTOOPT);
    expect(zsock_setsockopt(t, IPPROTO_IPV6, IPV6_JOIN_GROUP, mreq, SIZEOF_IPV6_MREQ)).toBe(-1);
    expect(errno).toBe(ENOPROTOOPT);
  });
});
