/** The core's checks of option values, on the simulated network (which carries out every option). */
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  AF_INET,
  AF_INET6,
  EINVAL,
  ENOPROTOOPT,
  errno,
  IP_MULTICAST_LOOP,
  IP_MULTICAST_TTL,
  IP_TOS,
  IP_TTL,
  IPPROTO_IP,
  IPPROTO_IPV6,
  IPPROTO_TCP,
  IPV6_MULTICAST_HOPS,
  IPV6_UNICAST_HOPS,
  IPV6_V6ONLY,
  SIZEOF_INT,
  SIZEOF_LINGER,
  SO_KEEPALIVE,
  SO_LINGER,
  SO_SNDBUF,
  SOCK_DGRAM,
  SOCK_STREAM,
  SOL_SOCKET,
  TCP_KEEPIDLE,
  TCP_NODELAY,
  zsock_bind,
  zsock_getsockopt,
  zsock_setsockopt,
  zsock_socket,
  type linger,
} from '../../lib/index';
import { addr, addrlen } from '../conformance/helpers';
import { open_mock, type MockSession } from '../conformance/mock-target';

let s: MockSession;
beforeEach(() => {
  s = open_mock();
});
afterEach(async () => {
  await s.close();
});

function set(fd: number, level: number, name: number, value: number, len = SIZEOF_INT): number {
  return zsock_setsockopt(fd, level, name, { value }, len) === 0 ? 0 : -errno;
}
function get(fd: number, level: number, name: number): number {
  const v = { value: -99 };
  return zsock_getsockopt(fd, level, name, v, { value: SIZEOF_INT }) === 0 ? v.value : -1000 - errno;
}

it('TTL and hop limits: ranges, -1 for the default', () => {
  const u = zsock_socket(AF_INET, SOCK_DGRAM, 0);
  expect(get(u, IPPROTO_IP, IP_TTL)).toBe(64);
  expect(set(u, IPPROTO_IP, IP_TTL, 0)).toBe(-EINVAL);
  expect(set(u, IPPROTO_IP, IP_TTL, 256)).toBe(-EINVAL);
  expect(set(u, IPPROTO_IP, IP_TTL, 5)).toBe(0);
  expect(get(u, IPPROTO_IP, IP_TTL)).toBe(5);
  expect(set(u, IPPROTO_IP, IP_TTL, -1)).toBe(0);
  expect(get(u, IPPROTO_IP, IP_TTL)).toBe(64);
  // IP_MULTICAST_TTL also takes a single byte, as Linux does.
  expect(zsock_setsockopt(u, IPPROTO_IP, IP_MULTICAST_TTL, new Uint8Array([9]), 1)).toBe(0);
  expect(get(u, IPPROTO_IP, IP_MULTICAST_TTL)).toBe(9);
  expect(set(u, IPPROTO_IP, IP_MULTICAST_LOOP, 0)).toBe(0);
  expect(get(u, IPPROTO_IP, IP_MULTICAST_LOOP)).toBe(0);
  const six = zsock_socket(AF_INET6, SOCK_DGRAM, 0);
  expect(set(six, IPPROTO_IPV6, IPV6_UNICAST_HOPS, 0)).toBe(0);
  expect(set(six, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, 256)).toBe(-EINVAL);
  expect(set(six, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, -1)).toBe(0);
  expect(get(six, IPPROTO_IPV6, IPV6_MULTICAST_HOPS)).toBe(1);
});

it('IP_TOS takes an int or a byte in 0..255', () => {
  const t = zsock_socket(AF_INET, SOCK_STREAM, 0);
  expect(zsock_setsockopt(t, IPPROTO_IP, IP_TOS, new Uint8Array([0xb8]), 1)).toBe(0);
  expect(get(t, IPPROTO_IP, IP_TOS)).toBe(0xb8);
  expect(set(t, IPPROTO_IP, IP_TOS, 300)).toBe(-EINVAL);
  expect(set(t, IPPROTO_IP, IP_TOS, 1, 2)).toBe(-EINVAL);
});

it('keepalive: 0 or 1, TCP only; keepalive times at least 1', () => {
  const t = zsock_socket(AF_INET, SOCK_STREAM, 0);
  expect(set(t, SOL_SOCKET, SO_KEEPALIVE, 2)).toBe(-EINVAL);
  expect(set(t, SOL_SOCKET, SO_KEEPALIVE, 1)).toBe(0);
  expect(get(t, SOL_SOCKET, SO_KEEPALIVE)).toBe(1);
  expect(set(t, IPPROTO_TCP, TCP_KEEPIDLE, 0)).toBe(-EINVAL);
  expect(set(t, IPPROTO_TCP, TCP_KEEPIDLE, 30)).toBe(0);
  expect(get(t, IPPROTO_TCP, TCP_KEEPIDLE)).toBe(30);
  expect(set(t, IPPROTO_TCP, TCP_NODELAY, 7)).toBe(0);
  expect(get(t, IPPROTO_TCP, TCP_NODELAY)).toBe(1);
});

it('SO_SNDBUF: 0..65535 as Zephyr\'s test pins', () => {
  const t = zsock_socket(AF_INET, SOCK_STREAM, 0);
  expect(set(t, SOL_SOCKET, SO_SNDBUF, 65536)).toBe(-EINVAL);
  expect(set(t, SOL_SOCKET, SO_SNDBUF, 2048)).toBe(0);
  expect(get(t, SOL_SOCKET, SO_SNDBUF)).toBe(2048);
});

it('IPV6_V6ONLY is on by default and settable only before bind', () => {
  const six = zsock_socket(AF_INET6, SOCK_DGRAM, 0);
  expect(get(six, IPPROTO_IPV6, IPV6_V6ONLY)).toBe(1);
  expect(set(six, IPPROTO_IPV6, IPV6_V6ONLY, 0)).toBe(0);
  expect(get(six, IPPROTO_IPV6, IPV6_V6ONLY)).toBe(0);
  const any = addr('::', 0);
  expect(zsock_bind(six, any, addrlen(any))).toBe(0);
  expect(set(six, IPPROTO_IPV6, IPV6_V6ONLY, 1)).toBe(-EINVAL);
  const four = zsock_socket(AF_INET, SOCK_DGRAM, 0);
  expect(get(four, IPPROTO_IPV6, IPV6_V6ONLY)).toBe(-1000 - ENOPROTOOPT);
});

it('SO_LINGER takes and gives a struct linger of its exact size', () => {
  const t = zsock_socket(AF_INET, SOCK_STREAM, 0);
  expect(zsock_setsockopt(t, SOL_SOCKET, SO_LINGER, { l_onoff: 1, l_linger: 5 }, 4)).toBe(-1);
  expect(errno).toBe(EINVAL);
  expect(zsock_setsockopt(t, SOL_SOCKET, SO_LINGER, { l_onoff: 1, l_linger: 5 }, SIZEOF_LINGER)).toBe(0);
  const lg: linger = { l_onoff: 0, l_linger: 0 };
  expect(zsock_getsockopt(t, SOL_SOCKET, SO_LINGER, lg, { value: SIZEOF_LINGER })).toBe(0);
  expect(lg).toEqual({ l_onoff: 1, l_linger: 5 });
});
