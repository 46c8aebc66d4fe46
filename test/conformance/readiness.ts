/** Point 4: poll and select. */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AF_INET,
  EBADF,
  SIZEOF_LINGER,
  SO_LINGER,
  SOCK_STREAM,
  SOL_SOCKET,
  ZSOCK_FD_ISSET,
  ZSOCK_FD_SET,
  ZSOCK_FD_ZERO,
  ZSOCK_POLLERR,
  ZSOCK_POLLHUP,
  ZSOCK_POLLIN,
  ZSOCK_POLLNVAL,
  ZSOCK_POLLOUT,
  zsock_close,
  zsock_connect,
  zsock_fd_set,
  zsock_poll,
  zsock_select,
  zsock_sendto,
  zsock_setsockopt,
  zsock_socket,
  zsock_shutdown,
  ZSOCK_SHUT_WR,
  type zsock_pollfd,
} from '../../lib/index';
import { addr, addrlen, bytes, call, listener, tcp_pair, udp_socket } from './helpers';
import { send_all } from './data';
import type { Session, Target } from './target';
import { expect_timeout } from './timeouts';

export function readiness_suite(target: Target): void {
  describe(`${target.name}: poll and select`, () => {
    let s: Session;
    beforeEach(async () => {
      s = await target.open();
    });
    afterEach(async () => {
      await s.close();
    });

    it('POLLOUT on a connected socket, POLLIN when data arrives, nothing before', async () => {
      const { client, server } = await tcp_pair(s);
      const fds: zsock_pollfd[] = [
        { fd: server, events: ZSOCK_POLLIN, revents: 0 },
        { fd: client, events: ZSOCK_POLLOUT, revents: 0 },
      ];
      expect(await s.run(zsock_poll(fds, 2, 0))).toBe(1);
      expect(fds[0]!.revents).toBe(0);
      expect(fds[1]!.revents).toBe(ZSOCK_POLLOUT);
      const waiting = zsock_poll([fds[0]!], 1, -1);
      await send_all(s, client, bytes('x'));
      expect(await s.run(waiting)).toBe(1);
      expect(fds[0]!.revents).toBe(ZSOCK_POLLIN);
    });

    it('POLLIN for a pending connection on a listening socket', async () => {
      const l = listener();
      const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
      const to = addr('127.0.0.1', l.port);
      const fds = [{ fd: l.fd, events: ZSOCK_POLLIN, revents: 0 }];
      const waiting = zsock_poll(fds, 1, 5000);
      expect(await s.run(zsock_connect(fd, to, addrlen(to)))).toBe(0);
      expect(await s.run(waiting)).toBe(1);
      expect(fds[0]!.revents).toBe(ZSOCK_POLLIN);
    });

    it('the peer\'s FIN reads as POLLIN | POLLHUP; a reset as POLLERR | POLLHUP even unasked', async () => {
      const one = await tcp_pair(s);
      // Without half-close (capabilities.halfClose) the FIN comes from a close.
      if (s.port.capabilities.halfClose) expect(zsock_shutdown(one.client, ZSOCK_SHUT_WR)).toBe(0);
      else expect(zsock_close(one.client)).toBe(0);
      const fin = [{ fd: one.server, events: ZSOCK_POLLIN, revents: 0 }];
      expect(await s.run(zsock_poll(fin, 1, 5000))).toBe(1);
      expect(fin[0]!.revents).toBe(ZSOCK_POLLIN | ZSOCK_POLLHUP);
      const two = await tcp_pair(s);
      expect(zsock_setsockopt(two.client, SOL_SOCKET, SO_LINGER, { l_onoff: 1, l_linger: 0 }, SIZEOF_LINGER)).toBe(0);
      expect(zsock_close(two.client)).toBe(0);
      const rst = [{ fd: two.server, events: 0, revents: 0 }];
      expect(await s.run(zsock_poll(rst, 1, 5000))).toBe(1);
      // A port that cannot reset (capabilities.resetDistinct) shows the orderly close: POLLHUP alone, unasked.
      expect(rst[0]!.revents).toBe(s.port.capabilities.resetDistinct ? ZSOCK_POLLERR | ZSOCK_POLLHUP : ZSOCK_POLLHUP);
    });

    it('POLLNVAL for a closed descriptor, negative descriptors ignored', async () => {
      const u = udp_socket();
      const fds = [
        { fd: u.fd, events: ZSOCK_POLLIN, revents: 0 },
        { fd: -1, events: ZSOCK_POLLIN, revents: 77 },
        { fd: 60, events: ZSOCK_POLLIN, revents: 0 },
      ];
      expect(await s.run(zsock_poll(fds, 3, 0))).toBe(1);
      expect(fds.map((p) => p.revents)).toEqual([0, 0, ZSOCK_POLLNVAL]);
    });

    it('a poll timeout of N ms returns 0 after N ms of the port\'s time', async () => {
      const u = udp_socket();
      const start = s.port.now();
      // Longer than REAL_SLACK_MS on real sockets, so a doubled timeout shows.
      const ms = target.traits.virtualTime ? 10000 : 300;
      expect(await s.run(zsock_poll([{ fd: u.fd, events: ZSOCK_POLLIN, revents: 0 }], 1, ms))).toBe(0);
      expect_timeout(target, s.port.now() - start, ms);
    });

    it('closing a polled descriptor ends the wait with POLLNVAL', async () => {
      const u = udp_socket();
      const fds = [{ fd: u.fd, events: ZSOCK_POLLIN, revents: 0 }];
      const waiting = zsock_poll(fds, 1, -1);
      await s.sleep(5);
      expect(zsock_close(u.fd)).toBe(0);
      expect(await s.run(waiting)).toBe(1);
      expect(fds[0]!.revents).toBe(ZSOCK_POLLNVAL);
    });

    it('a poll over many descriptors reports exactly the ready one', async () => {
      const socks = [];
      for (let i = 0; i < 40; i++) socks.push(udp_socket());
      const fds = socks.map((u) => ({ fd: u.fd, events: ZSOCK_POLLIN, revents: 0 }));
      const waiting = zsock_poll(fds, fds.length, -1);
      const sender = udp_socket();
      const target17 = socks[17]!;
      await s.run(call(zsock_sendto_bytes(sender.fd, target17.addr)));
      expect(await s.run(waiting)).toBe(1);
      expect(fds.filter((p) => p.revents).map((p) => p.fd)).toEqual([target17.fd]);
    });

    it('select marks readable and writable descriptors and honours its timeval', async () => {
      const { client, server } = await tcp_pair(s);
      const read = new zsock_fd_set();
      const write = new zsock_fd_set();
      ZSOCK_FD_ZERO(read);
      ZSOCK_FD_ZERO(write);
      ZSOCK_FD_SET(server, read);
      ZSOCK_FD_SET(client, write);
      expect(await s.run(zsock_select(Math.max(client, server) + 1, read, write, null, { tv_sec: 0, tv_usec: 0 }))).toBe(1);
      expect(ZSOCK_FD_ISSET(server, read)).toBe(0);
      expect(ZSOCK_FD_ISSET(client, write)).toBe(1);
      ZSOCK_FD_SET(server, read);
      const waiting = zsock_select(server + 1, read, null, null, { tv_sec: 5, tv_usec: 0 });
      await send_all(s, client, bytes('go'));
      expect(await s.run(waiting)).toBe(1);
      expect(ZSOCK_FD_ISSET(server, read)).toBe(1);
      ZSOCK_FD_ZERO(read);
      ZSOCK_FD_SET(30, read);
      expect(await s.run(call(zsock_select(31, read, null, null, { tv_sec: 0, tv_usec: 0 })))).toEqual([-1, EBADF]);
    });
  });
}

function zsock_sendto_bytes(fd: number, to: ReturnType<typeof addr>): Promise<number> {
  return zsock_sendto(fd, bytes('!'), 1, 0, to, addrlen(to));
}
