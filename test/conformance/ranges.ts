/**
 * Option ranges on every port: what the port carries out is range-checked
 * as Zephyr (or Linux) checks it and reads back; what the capability table
 * says the port cannot do answers ENOPROTOOPT, whatever the value.
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
  SO_KEEPALIVE,
  SO_SNDBUF,
  SOCK_DGRAM,
  SOCK_STREAM,
  SOL_SOCKET,
  TCP_KEEPCNT,
  TCP_KEEPIDLE,
  TCP_KEEPINTVL,
  TCP_NODELAY,
  zsock_getsockopt,
  zsock_setsockopt,
  zsock_socket,
} from '../../lib/index';
import type { PortOption } from '../../lib/port';
import type { Session, Target } from './target';

function set(fd: number, level: number, name: number, value: number | Uint8Array, len = SIZEOF_INT): number {
  const v = typeof value === 'number' ? { value } : value;
  return zsock_setsockopt(fd, level, name, v, len) === 0 ? 0 : -errno;
}
function get(fd: number, level: number, name: number): number {
  const v = { value: -99 };
  return zsock_getsockopt(fd, level, name, v, { value: SIZEOF_INT }) === 0 ? v.value : -1000 - errno;
}

export function ranges_suite(target: Target): void {
  describe(`${target.name}: option ranges, per the capability table`, () => {
    let s: Session;
    beforeEach(async () => {
      s = await target.open();
    });
    afterEach(async () => {
      await s.close();
    });

    /** Whether the port carries out `option` on a socket of `type`. */
    function can(option: PortOption, type: number): boolean {
      const caps = s.port.capabilities;
      if (caps.options.indexOf(option) < 0) return false;
      return !(type === SOCK_STREAM && (caps.udpOnlyOptions ?? []).indexOf(option) >= 0);
    }

    /** `results` if the port can, else ENOPROTOOPT for every one of them. */
    function expect_or_enoprotoopt(option: PortOption, type: number, results: number[], wanted: number[]): void {
      expect(results).toEqual(can(option, type) ? wanted : wanted.map(() => -ENOPROTOOPT));
    }

    it('IP_TTL on UDP and TCP: 1..255, -1 for the default 64', () => {
      for (const type of [SOCK_DGRAM, SOCK_STREAM]) {
        const fd = zsock_socket(AF_INET, type, 0);
        const results = [
          set(fd, IPPROTO_IP, IP_TTL, 0),
          set(fd, IPPROTO_IP, IP_TTL, 256),
          set(fd, IPPROTO_IP, IP_TTL, 5),
          get(fd, IPPROTO_IP, IP_TTL),
          set(fd, IPPROTO_IP, IP_TTL, -1),
          get(fd, IPPROTO_IP, IP_TTL),
        ];
        const refused = -1000 - ENOPROTOOPT;
        const wanted = can('ttl', type) ? [-EINVAL, -EINVAL, 0, 5, 0, 64] : [-ENOPROTOOPT, -ENOPROTOOPT, -ENOPROTOOPT, refused, -ENOPROTOOPT, refused];
        expect(results).toEqual(wanted);
      }
    });

    it('IP_MULTICAST_TTL and IP_MULTICAST_LOOP take an int or one byte', () => {
      const u = zsock_socket(AF_INET, SOCK_DGRAM, 0);
      expect_or_enoprotoopt('multicastTtl', SOCK_DGRAM, [set(u, IPPROTO_IP, IP_MULTICAST_TTL, new Uint8Array([9]), 1), set(u, IPPROTO_IP, IP_MULTICAST_TTL, 256)], [0, -EINVAL]);
      if (can('multicastTtl', SOCK_DGRAM)) expect(get(u, IPPROTO_IP, IP_MULTICAST_TTL)).toBe(9);
      expect_or_enoprotoopt('multicastLoop', SOCK_DGRAM, [set(u, IPPROTO_IP, IP_MULTICAST_LOOP, 0)], [0]);
      if (can('multicastLoop', SOCK_DGRAM)) expect(get(u, IPPROTO_IP, IP_MULTICAST_LOOP)).toBe(0);
    });

    it('IPv6 hop limits: 0..255, -1 for the default', () => {
      if (!s.port.capabilities.ipv6) {
        expect(zsock_socket(AF_INET6, SOCK_DGRAM, 0)).toBe(-1);
        return;
      }
      const six = zsock_socket(AF_INET6, SOCK_DGRAM, 0);
      expect_or_enoprotoopt('ttl', SOCK_DGRAM, [set(six, IPPROTO_IPV6, IPV6_UNICAST_HOPS, 0), set(six, IPPROTO_IPV6, IPV6_UNICAST_HOPS, 256)], [0, -EINVAL]);
      expect_or_enoprotoopt(
        'multicastTtl',
        SOCK_DGRAM,
        [set(six, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, 256), set(six, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, -1), get(six, IPPROTO_IPV6, IPV6_MULTICAST_HOPS)],
        [-EINVAL, 0, 1],
      );
    });

    it('IP_TOS: 0..255 as an int or a byte, else EINVAL', () => {
      const t = zsock_socket(AF_INET, SOCK_STREAM, 0);
      expect_or_enoprotoopt('tos', SOCK_STREAM, [set(t, IPPROTO_IP, IP_TOS, new Uint8Array([0xb8]), 1), set(t, IPPROTO_IP, IP_TOS, 300), set(t, IPPROTO_IP, IP_TOS, 1, 2)], [0, -EINVAL, -EINVAL]);
      if (can('tos', SOCK_STREAM)) expect(get(t, IPPROTO_IP, IP_TOS)).toBe(0xb8);
    });

    it('keepalive 0 or 1; TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT at least 1; TCP_NODELAY any nonzero is on', () => {
      const t = zsock_socket(AF_INET, SOCK_STREAM, 0);
      expect_or_enoprotoopt('keepalive', SOCK_STREAM, [set(t, SOL_SOCKET, SO_KEEPALIVE, 2), set(t, SOL_SOCKET, SO_KEEPALIVE, 1), get(t, SOL_SOCKET, SO_KEEPALIVE)], [-EINVAL, 0, 1]);
      expect_or_enoprotoopt('keepidle', SOCK_STREAM, [set(t, IPPROTO_TCP, TCP_KEEPIDLE, 0), set(t, IPPROTO_TCP, TCP_KEEPIDLE, 30), get(t, IPPROTO_TCP, TCP_KEEPIDLE)], [-EINVAL, 0, 30]);
      expect_or_enoprotoopt('keepintvl', SOCK_STREAM, [set(t, IPPROTO_TCP, TCP_KEEPINTVL, 0), set(t, IPPROTO_TCP, TCP_KEEPINTVL, 5)], [-EINVAL, 0]);
      expect_or_enoprotoopt('keepcnt', SOCK_STREAM, [set(t, IPPROTO_TCP, TCP_KEEPCNT, 0), set(t, IPPROTO_TCP, TCP_KEEPCNT, 3)], [-EINVAL, 0]);
      expect_or_enoprotoopt('nodelay', SOCK_STREAM, [set(t, IPPROTO_TCP, TCP_NODELAY, 7), get(t, IPPROTO_TCP, TCP_NODELAY)], [0, 1]);
      // On UDP the TCP options are not options at all.
      const u = zsock_socket(AF_INET, SOCK_DGRAM, 0);
      expect([set(u, IPPROTO_TCP, TCP_NODELAY, 1), set(u, SOL_SOCKET, SO_KEEPALIVE, 1)]).toEqual([-ENOPROTOOPT, -ENOPROTOOPT]);
    });

    it('SO_SNDBUF: 0..65535 as Zephyr\'s test pins', () => {
      const t = zsock_socket(AF_INET, SOCK_STREAM, 0);
      expect_or_enoprotoopt('sndbuf', SOCK_STREAM, [set(t, SOL_SOCKET, SO_SNDBUF, 65536), set(t, SOL_SOCKET, SO_SNDBUF, 2048), get(t, SOL_SOCKET, SO_SNDBUF)], [-EINVAL, 0, 2048]);
    });

    it('IPV6_V6ONLY reads 1; settable where the port can, ENOPROTOOPT where it is always on', () => {
      if (!s.port.capabilities.ipv6) return expect(zsock_socket(AF_INET6, SOCK_DGRAM, 0)).toBe(-1);
      const six = zsock_socket(AF_INET6, SOCK_DGRAM, 0);
      expect(get(six, IPPROTO_IPV6, IPV6_V6ONLY)).toBe(can('v6only', SOCK_DGRAM) ? 1 : -1000 - ENOPROTOOPT);
      expect_or_enoprotoopt('v6only', SOCK_DGRAM, [set(six, IPPROTO_IPV6, IPV6_V6ONLY, 0)], [0]);
      const four = zsock_socket(AF_INET, SOCK_DGRAM, 0);
      expect(get(four, IPPROTO_IPV6, IPV6_V6ONLY)).toBe(-1000 - ENOPROTOOPT);
    });
  });
}
