/**
 * Timeouts bounded from both sides, and the behaviours a one-line break
 * would otherwise hide: TCP SO_RCVTIMEO, accept ignoring SO_RCVTIMEO (as
 * Zephyr does), UDP MSG_PEEK, the connect timeout and its range.
 *
 * In virtual time a timeout is exact. On real sockets it ends no earlier
 * than asked and at most REAL_SLACK_MS later (timer and scheduling delay on
 * a loaded machine).
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AF_INET,
  EAGAIN,
  EINVAL,
  errno,
  ETIMEDOUT,
  SIZEOF_TIMEVAL,
  SO_RCVTIMEO,
  SOCK_STREAM,
  SOCKADDR_IN6_SIZE,
  SOL_SOCKET,
  sockaddr,
  ZSOCK_MSG_DONTWAIT,
  ZSOCK_MSG_PEEK,
  zsock_accept,
  zsock_connect,
  zsock_getsockopt,
  zsock_recv,
  zsock_recvfrom,
  zsock_send,
  zsock_sendto,
  zsock_set_connect_timeout,
  zsock_setsockopt,
  zsock_socket,
  ntohs,
} from '../../lib/index';
import { addr, addrlen, bytes, call, listener, tcp_pair, text, udp_socket } from './helpers';
import type { Session, Target } from './target';

/** How late a real-socket timeout may end (ms). */
export const REAL_SLACK_MS = 250;
/** The default connect timeout (CONFIG_NET_SOCKETS_CONNECT_TIMEOUT). */
const DEFAULT_CONNECT_TIMEOUT_MS = 3000;

function timeval(ms: number): { tv_sec: number; tv_usec: number } {
  return { tv_sec: Math.floor(ms / 1000), tv_usec: (ms % 1000) * 1000 };
}

/** Asserts `waited` ends a `timeout`: exact in virtual time, within the slack on real sockets. */
export function expect_timeout(target: Target, waited: number, timeout: number): void {
  if (target.traits.virtualTime) {
    expect(waited).toBe(timeout);
  } else {
    expect(waited).toBeGreaterThanOrEqual(timeout);
    expect(waited).toBeLessThanOrEqual(timeout + REAL_SLACK_MS);
  }
}

export function timeouts_suite(target: Target): void {
  const timeout = target.traits.virtualTime ? 30000 : 300;

  describe(`${target.name}: timeouts and peeking`, () => {
    let s: Session;
    beforeEach(async () => {
      s = await target.open();
    });
    afterEach(async () => {
      zsock_set_connect_timeout(DEFAULT_CONNECT_TIMEOUT_MS);
      await s.close();
    });

    it('SO_RCVTIMEO ends a TCP recv with EAGAIN at the timeout; data sent later still arrives whole', async () => {
      const { client, server } = await tcp_pair(s);
      expect(zsock_setsockopt(server, SOL_SOCKET, SO_RCVTIMEO, timeval(timeout), SIZEOF_TIMEVAL)).toBe(0);
      const start = s.port.now();
      expect(await s.run(call(zsock_recv(server, new Uint8Array(8), 8, 0)))).toEqual([-1, EAGAIN]);
      expect_timeout(target, s.port.now() - start, timeout);
      expect(await s.run(zsock_send(client, bytes('late'), 4, 0))).toBe(4);
      const buf = new Uint8Array(8);
      expect(await s.run(zsock_recv(server, buf, 8, 0))).toBe(4);
      expect(text(buf, 4)).toBe('late');
    });

    it('SO_RCVTIMEO on a UDP socket is exact too (bounded from both sides)', async () => {
      const u = udp_socket();
      expect(zsock_setsockopt(u.fd, SOL_SOCKET, SO_RCVTIMEO, timeval(timeout), SIZEOF_TIMEVAL)).toBe(0);
      const start = s.port.now();
      expect(await s.run(call(zsock_recv(u.fd, new Uint8Array(4), 4, 0)))).toEqual([-1, EAGAIN]);
      expect_timeout(target, s.port.now() - start, timeout);
    });

    it('accept ignores SO_RCVTIMEO (as Zephyr does) but keeps it readable', async () => {
      const l = listener();
      expect(zsock_setsockopt(l.fd, SOL_SOCKET, SO_RCVTIMEO, timeval(100), SIZEOF_TIMEVAL)).toBe(0);
      const tv = { tv_sec: -1, tv_usec: -1 };
      expect(zsock_getsockopt(l.fd, SOL_SOCKET, SO_RCVTIMEO, tv, { value: SIZEOF_TIMEVAL })).toBe(0);
      expect(tv).toEqual({ tv_sec: 0, tv_usec: 100000 });
      let settled: number | null = null;
      const accepted = zsock_accept(l.fd, null, null).then((fd) => {
        settled = fd;
        return fd;
      });
      await s.sleep(400);
      expect(settled).toBeNull();
      const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
      const to = addr('127.0.0.1', l.port);
      const [c, a] = await s.run(Promise.all([zsock_connect(fd, to, addrlen(to)), accepted]));
      expect(c).toBe(0);
      expect(a).toBeGreaterThanOrEqual(0);
    });

    it('MSG_PEEK on UDP leaves the datagram, and its source, for the next recv', async () => {
      const a = udp_socket();
      const b = udp_socket();
      expect(await s.run(zsock_sendto(a.fd, bytes('hello'), 5, 0, b.addr, addrlen(b.addr)))).toBe(5);
      await s.sleep(20);
      const small = new Uint8Array(2);
      expect(await s.run(zsock_recv(b.fd, small, 2, ZSOCK_MSG_PEEK))).toBe(2);
      expect(text(small)).toBe('he');
      const from = new sockaddr();
      const len = { value: SOCKADDR_IN6_SIZE };
      const buf = new Uint8Array(16);
      expect(await s.run(zsock_recvfrom(b.fd, buf, 16, ZSOCK_MSG_PEEK, from, len))).toBe(5);
      expect(text(buf, 5)).toBe('hello');
      expect(ntohs(from.sin_port)).toBe(a.port);
      buf.fill(0);
      expect(await s.run(zsock_recv(b.fd, buf, 16, 0))).toBe(5);
      expect(text(buf, 5)).toBe('hello');
      expect(await s.run(call(zsock_recv(b.fd, buf, 16, ZSOCK_MSG_DONTWAIT)))).toEqual([-1, EAGAIN]);
    });

    it('zsock_set_connect_timeout takes 0..60000 whole ms and refuses the rest with EINVAL', () => {
      for (const bad of [-1, 60001, 1.5, NaN, Infinity]) {
        expect([zsock_set_connect_timeout(bad), errno]).toEqual([-1, EINVAL]);
      }
      expect(zsock_set_connect_timeout(0)).toBe(0);
      expect(zsock_set_connect_timeout(60000)).toBe(0);
      expect(zsock_set_connect_timeout(DEFAULT_CONNECT_TIMEOUT_MS)).toBe(0);
    });

    it('a refused setting keeps the old timeout; the timeout does not cut a connect that is answered', async () => {
      expect(zsock_set_connect_timeout(target.traits.virtualTime ? 5000 : 1000)).toBe(0);
      expect(zsock_set_connect_timeout(-5)).toBe(-1);
      const l = listener();
      const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
      const to = addr('127.0.0.1', l.port);
      const [c, a] = await s.run(Promise.all([zsock_connect(fd, to, addrlen(to)), zsock_accept(l.fd, null, null)]));
      expect(c).toBe(0);
      expect(a).toBeGreaterThanOrEqual(0);
    });

    const unreachable = target.traits.unreachable;
    if (unreachable !== null) {
      it('a connect to an unreachable address fails with ETIMEDOUT after the connect timeout, set or default', async () => {
        const set = target.traits.virtualTime ? 7000 : 300;
        for (const wanted of [set, DEFAULT_CONNECT_TIMEOUT_MS]) {
          expect(zsock_set_connect_timeout(wanted)).toBe(0);
          const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
          const to = addr(unreachable, 80);
          const start = s.port.now();
          expect(await s.run(call(zsock_connect(fd, to, addrlen(to))))).toEqual([-1, ETIMEDOUT]);
          expect_timeout(target, s.port.now() - start, wanted);
        }
      });
    }
  });
}
