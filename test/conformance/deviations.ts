/**
 * README deviation rows no other check proves, on every port: each is
 * where zsockjs answers as POSIX/Linux does instead of as Zephyr does.
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AF_INET,
  ENETUNREACH,
  FIONREAD,
  ntohs,
  SOCK_DGRAM,
  SOCK_STREAM,
  SOCKADDR_IN6_SIZE,
  sockaddr,
  zsock_accept,
  zsock_close,
  zsock_connect,
  zsock_fd_set,
  ZSOCK_FD_ISSET,
  ZSOCK_FD_SET,
  zsock_getsockname,
  zsock_inet_ntop,
  zsock_ioctl,
  zsock_recv,
  zsock_select,
  zsock_send,
  zsock_sendto,
  zsock_socket,
} from '../../lib/index';
import { addr, addrlen, bytes, call, listener, text, udp_socket } from './helpers';
import type { Session, Target } from './target';

export function deviations_suite(target: Target): void {
  describe(`${target.name}: deviations from Zephyr`, () => {
    let s: Session;
    beforeEach(async () => {
      s = await target.open();
    });
    afterEach(async () => {
      await s.close();
    });

    it('TCP connect to an IPv4 multicast address is ENETUNREACH', async () => {
      const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
      const to = addr('224.0.0.1', 80);
      expect(await s.run(call(zsock_connect(fd, to, addrlen(to))))).toEqual([-1, ENETUNREACH]);
    });

    it('select honours nfds: a ready descriptor at or above it is not looked at', async () => {
      const low = udp_socket();
      const high = udp_socket();
      expect(high.fd).toBeGreaterThan(low.fd);
      expect(await s.run(zsock_sendto(low.fd, bytes('x'), 1, 0, high.addr, addrlen(high.addr)))).toBe(1);
      await s.sleep(20);
      const both = (): zsock_fd_set => {
        const set = new zsock_fd_set();
        ZSOCK_FD_SET(low.fd, set);
        ZSOCK_FD_SET(high.fd, set);
        return set;
      };
      const below = both();
      expect(await s.run(zsock_select(high.fd, below, null, null, { tv_sec: 0, tv_usec: 0 }))).toBe(0);
      const all = both();
      expect(await s.run(zsock_select(high.fd + 1, all, null, null, { tv_sec: 0, tv_usec: 0 }))).toBe(1);
      expect(ZSOCK_FD_ISSET(high.fd, all)).toBe(1);
      expect(ZSOCK_FD_ISSET(low.fd, all)).toBe(0);
    });

    it('FIONREAD on UDP is the size of the next datagram, not all queued bytes', async () => {
      const a = udp_socket();
      const b = udp_socket();
      expect(await s.run(zsock_sendto(a.fd, bytes('one'), 3, 0, b.addr, addrlen(b.addr)))).toBe(3);
      expect(await s.run(zsock_sendto(a.fd, bytes('seventh'), 7, 0, b.addr, addrlen(b.addr)))).toBe(7);
      await s.sleep(20);
      const count = { value: -1 };
      expect(zsock_ioctl(b.fd, FIONREAD, count)).toBe(0);
      expect(count.value).toBe(3);
    });

    it('getsockname before bind is the wildcard address, port 0', () => {
      for (const type of [SOCK_STREAM, SOCK_DGRAM]) {
        const fd = zsock_socket(AF_INET, type, 0);
        const a = new sockaddr();
        const len = { value: SOCKADDR_IN6_SIZE };
        expect(zsock_getsockname(fd, a, len)).toBe(0);
        expect([a.sa_family, zsock_inet_ntop(AF_INET, a.sin_addr, null, 16), ntohs(a.sin_port)]).toEqual([AF_INET, '0.0.0.0', 0]);
      }
    });

    it('accept of a connection the peer already closed gives the socket: its data, then EOF', async () => {
      const l = listener();
      const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
      const to = addr('127.0.0.1', l.port);
      expect(await s.run(zsock_connect(fd, to, addrlen(to)))).toBe(0);
      expect(await s.run(zsock_send(fd, bytes('bye'), 3, 0))).toBe(3);
      expect(zsock_close(fd)).toBe(0);
      await s.sleep(50);
      const accepted = await s.run(zsock_accept(l.fd, null, null));
      expect(accepted).toBeGreaterThanOrEqual(0);
      const buf = new Uint8Array(8);
      expect(await s.run(zsock_recv(accepted, buf, 8, 0))).toBe(3);
      expect(text(buf, 3)).toBe('bye');
      expect(await s.run(zsock_recv(accepted, buf, 8, 0))).toBe(0);
    });
  });
}
