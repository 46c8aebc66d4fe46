/** Point 5: socket options and FIONREAD. */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AF_INET,
  EINVAL,
  ENOPROTOOPT,
  errno,
  FIONREAD,
  IP_ADD_MEMBERSHIP,
  IP_TTL,
  IPPROTO_IP,
  IPPROTO_IPV6,
  IPPROTO_TCP,
  IPV6_V6ONLY,
  SIZEOF_INT,
  SIZEOF_IP_MREQN,
  SIZEOF_TIMEVAL,
  SO_ACCEPTCONN,
  SO_DOMAIN,
  SO_KEEPALIVE,
  SO_PROTOCOL,
  SO_RCVBUF,
  SO_RCVTIMEO,
  SO_REUSEADDR,
  SO_TYPE,
  SOCK_DGRAM,
  SOCK_STREAM,
  SOL_SOCKET,
  TCP_NODELAY,
  in_addr,
  zsock_getsockopt,
  zsock_ioctl,
  zsock_setsockopt,
  zsock_socket,
  type timeval,
} from '../../lib/index';
import { bytes, listener, tcp_pair } from './helpers';
import { send_all } from './data';
import type { Session, Target } from './target';

function get_int(fd: number, level: number, name: number): number {
  const v = { value: -99 };
  const len = { value: SIZEOF_INT };
  return zsock_getsockopt(fd, level, name, v, len) === 0 ? v.value : -1000 - errno;
}

export function options_suite(target: Target): void {
  describe(`${target.name}: socket options`, () => {
    let s: Session;
    beforeEach(async () => {
      s = await target.open();
    });
    afterEach(async () => {
      await s.close();
    });

    it('SO_TYPE, SO_DOMAIN, SO_PROTOCOL, SO_ACCEPTCONN describe the socket', () => {
      const u = zsock_socket(AF_INET, SOCK_DGRAM, 0);
      expect([get_int(u, SOL_SOCKET, SO_TYPE), get_int(u, SOL_SOCKET, SO_DOMAIN), get_int(u, SOL_SOCKET, SO_PROTOCOL)]).toEqual([
        SOCK_DGRAM,
        AF_INET,
        17,
      ]);
      const l = listener();
      expect(get_int(l.fd, SOL_SOCKET, SO_ACCEPTCONN)).toBe(1);
      expect(get_int(u, SOL_SOCKET, SO_ACCEPTCONN)).toBe(0);
      expect(zsock_setsockopt(u, SOL_SOCKET, SO_TYPE, { value: 1 }, SIZEOF_INT)).toBe(-1);
      expect(errno).toBe(ENOPROTOOPT);
      // A wrong length is EINVAL.
      expect(zsock_getsockopt(u, SOL_SOCKET, SO_TYPE, { value: 0 }, { value: 2 })).toBe(-1);
      expect(errno).toBe(EINVAL);
    });

    it('int options check their length; values read back', () => {
      const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
      expect(zsock_setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, { value: 5 }, 2)).toBe(-1);
      expect(errno).toBe(EINVAL);
      expect(zsock_setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, new Int32Array([5]), 4)).toBe(0);
      expect(get_int(fd, SOL_SOCKET, SO_REUSEADDR)).toBe(1);
      const raw = new Uint8Array(4);
      expect(zsock_getsockopt(fd, SOL_SOCKET, SO_REUSEADDR, raw, { value: 4 })).toBe(0);
      expect(Array.from(raw)).toEqual([1, 0, 0, 0]);
    });

    it('SO_RCVTIMEO takes a struct timeval of its exact size and reads back', () => {
      const fd = zsock_socket(AF_INET, SOCK_DGRAM, 0);
      expect(zsock_setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, { tv_sec: 1, tv_usec: 500000 }, 8)).toBe(-1);
      expect(errno).toBe(EINVAL);
      expect(zsock_setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, { tv_sec: 1, tv_usec: 2000000 }, SIZEOF_TIMEVAL)).toBe(-1);
      expect(errno).toBe(EINVAL);
      expect(zsock_setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, { tv_sec: 1, tv_usec: 500000 }, SIZEOF_TIMEVAL)).toBe(0);
      const tv: timeval = { tv_sec: 0, tv_usec: 0 };
      expect(zsock_getsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, tv, { value: SIZEOF_TIMEVAL })).toBe(0);
      expect(tv).toEqual({ tv_sec: 1, tv_usec: 500000 });
    });

    it('options of the wrong protocol or an unknown level are ENOPROTOOPT', () => {
      const u = zsock_socket(AF_INET, SOCK_DGRAM, 0);
      expect(zsock_setsockopt(u, IPPROTO_TCP, TCP_NODELAY, { value: 1 }, SIZEOF_INT)).toBe(-1);
      expect(errno).toBe(ENOPROTOOPT);
      expect(zsock_setsockopt(u, SOL_SOCKET, SO_KEEPALIVE, { value: 1 }, SIZEOF_INT)).toBe(-1);
      expect(errno).toBe(ENOPROTOOPT);
      expect(zsock_setsockopt(u, 999, 1, { value: 1 }, SIZEOF_INT)).toBe(-1);
      expect(errno).toBe(ENOPROTOOPT);
      expect(zsock_setsockopt(u, SOL_SOCKET, 999, { value: 1 }, SIZEOF_INT)).toBe(-1);
      expect(errno).toBe(ENOPROTOOPT);
      expect(zsock_setsockopt(u, IPPROTO_IPV6, IPV6_V6ONLY, { value: 1 }, SIZEOF_INT)).toBe(-1);
      expect(errno).toBe(ENOPROTOOPT);
    });

    it('port-backed options are honoured or answered ENOPROTOOPT by the capability table', () => {
      const caps = s.port.capabilities.options;
      const t = zsock_socket(AF_INET, SOCK_STREAM, 0);
      const nodelay = zsock_setsockopt(t, IPPROTO_TCP, TCP_NODELAY, { value: 1 }, SIZEOF_INT);
      if (caps.indexOf('nodelay') >= 0) {
        expect(nodelay).toBe(0);
        expect(get_int(t, IPPROTO_TCP, TCP_NODELAY)).toBe(1);
      } else {
        expect([nodelay, errno]).toEqual([-1, ENOPROTOOPT]);
      }
      const rcvbuf = zsock_setsockopt(t, SOL_SOCKET, SO_RCVBUF, { value: 4096 }, SIZEOF_INT);
      if (caps.indexOf('rcvbuf') >= 0) {
        expect(rcvbuf).toBe(0);
        expect(get_int(t, SOL_SOCKET, SO_RCVBUF)).toBe(4096);
        // Zephyr's range: 0..65535.
        expect(zsock_setsockopt(t, SOL_SOCKET, SO_RCVBUF, { value: 65536 }, SIZEOF_INT)).toBe(-1);
        expect(errno).toBe(EINVAL);
        expect(zsock_setsockopt(t, SOL_SOCKET, SO_RCVBUF, { value: -1 }, SIZEOF_INT)).toBe(-1);
        expect(errno).toBe(EINVAL);
      } else {
        expect([rcvbuf, errno]).toEqual([-1, ENOPROTOOPT]);
      }
      const ttl = zsock_setsockopt(t, IPPROTO_IP, IP_TTL, { value: 300 }, SIZEOF_INT);
      const tcpTtl = caps.indexOf('ttl') >= 0 && (s.port.capabilities.udpOnlyOptions ?? []).indexOf('ttl') < 0;
      expect([ttl, errno]).toEqual([-1, tcpTtl ? EINVAL : ENOPROTOOPT]);
    });

    it('IP_ADD_MEMBERSHIP wants a whole ip_mreqn and a multicast group', () => {
      const u = zsock_socket(AF_INET, SOCK_DGRAM, 0);
      const mreq = { imr_multiaddr: new in_addr(new Uint8Array([224, 0, 0, 251])), imr_address: new in_addr(), imr_ifindex: 0 };
      const expected = s.port.capabilities.multicast ? EINVAL : ENOPROTOOPT;
      expect(zsock_setsockopt(u, IPPROTO_IP, IP_ADD_MEMBERSHIP, mreq, 8)).toBe(-1);
      expect(errno).toBe(expected);
      const unicast = { imr_multiaddr: new in_addr(new Uint8Array([10, 0, 0, 1])), imr_address: new in_addr(), imr_ifindex: 0 };
      expect(zsock_setsockopt(u, IPPROTO_IP, IP_ADD_MEMBERSHIP, unicast, SIZEOF_IP_MREQN)).toBe(-1);
      expect(errno).toBe(expected);
    });

    it('FIONREAD counts the bytes waiting, peeked ones included', async () => {
      const { client, server } = await tcp_pair(s);
      await send_all(s, client, bytes('twelve bytes'));
      await s.sleep(50);
      const count = { value: -1 };
      expect(zsock_ioctl(server, FIONREAD, count)).toBe(0);
      expect(count.value).toBe(12);
    });
  });
}
