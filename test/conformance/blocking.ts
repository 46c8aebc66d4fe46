/** Point 3: the blocking model, timeouts in the port's time, and the errno rule. */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FIONREAD,
  AF_INET,
  EAGAIN,
  ECONNREFUSED,
  ECONNRESET,
  EINPROGRESS,
  EINTR,
  errno,
  F_GETFL,
  F_SETFL,
  FIONBIO,
  O_NONBLOCK,
  SIZEOF_INT,
  SIZEOF_LINGER,
  SIZEOF_TIMEVAL,
  SO_ERROR,
  SO_LINGER,
  SO_RCVTIMEO,
  SO_SNDTIMEO,
  SOCK_STREAM,
  SOL_SOCKET,
  ZSOCK_MSG_DONTWAIT,
  ZSOCK_POLLERR,
  ZSOCK_POLLOUT,
  zsock_close,
  zsock_connect,
  zsock_fcntl,
  zsock_getsockopt,
  zsock_ioctl,
  zsock_poll,
  zsock_recv,
  zsock_send,
  zsock_setsockopt,
  zsock_socket,
} from '../../lib/index';
import { addr, addrlen, bytes, call, listener, tcp_pair, udp_socket } from './helpers';
import type { Session, Target } from './target';
import { expect_timeout } from './timeouts';

export function blocking_suite(target: Target): void {
  describe(`${target.name}: blocking model`, () => {
    let s: Session;
    beforeEach(async () => {
      s = await target.open();
    });
    afterEach(async () => {
      await s.close();
    });

    it('O_NONBLOCK through fcntl and FIONBIO through ioctl; MSG_DONTWAIT per call', async () => {
      const { client } = await tcp_pair(s);
      const buf = new Uint8Array(4);
      expect(zsock_fcntl(client, F_GETFL)).toBe(0);
      expect(await s.run(call(zsock_recv(client, buf, 4, ZSOCK_MSG_DONTWAIT)))).toEqual([-1, EAGAIN]);
      expect(zsock_fcntl(client, F_SETFL, O_NONBLOCK)).toBe(0);
      expect(zsock_fcntl(client, F_GETFL)).toBe(O_NONBLOCK);
      expect(await s.run(call(zsock_recv(client, buf, 4, 0)))).toEqual([-1, EAGAIN]);
      expect(zsock_ioctl(client, FIONBIO, { value: 0 })).toBe(0);
      expect(zsock_fcntl(client, F_GETFL)).toBe(0);
      expect(zsock_ioctl(client, FIONBIO, { value: 1 })).toBe(0);
      expect(zsock_fcntl(client, F_GETFL)).toBe(O_NONBLOCK);
    });

    it('SO_RCVTIMEO ends a wait with EAGAIN after the timeout, in the port\'s time', async () => {
      const u = udp_socket();
      const timeout = target.traits.virtualTime ? 30000 : 300;
      expect(
        zsock_setsockopt(u.fd, SOL_SOCKET, SO_RCVTIMEO, { tv_sec: Math.floor(timeout / 1000), tv_usec: (timeout % 1000) * 1000 }, SIZEOF_TIMEVAL),
      ).toBe(0);
      const start = s.port.now();
      expect(await s.run(call(zsock_recv(u.fd, new Uint8Array(4), 4, 0)))).toEqual([-1, EAGAIN]);
      expect_timeout(target, s.port.now() - start, timeout);
    });

    it('SO_SNDTIMEO ends a send blocked on a full window with EAGAIN', async () => {
      const { client, server } = await tcp_pair(s);
      if (!target.traits.receiveFlowControl) {
        // No window to fill: everything sent waits at the receiver, readable, none lost.
        let total = 0;
        for (let i = 0; i < 16; i++) total += await s.run(zsock_send(client, new Uint8Array(4096), 4096, 0));
        await s.sleep(1000);
        const waiting = { value: 0 };
        expect(zsock_ioctl(server, FIONREAD, waiting)).toBe(0);
        expect(waiting.value).toBe(total);
        expect(total).toBeGreaterThan(0);
        return;
      }
      expect(zsock_setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, { tv_sec: 0, tv_usec: 200000 }, SIZEOF_TIMEVAL)).toBe(0);
      const chunk = new Uint8Array(64 * 1024);
      let sent = 0;
      let last: [number, number] = [0, 0];
      // Bounded by bytes, not rounds: a port may take only a little per send (Espruino: its write budget).
      const rounds = target.traits.sendWindowFills ? 4000 : 20;
      for (let i = 0; i < rounds && sent < 16 * 1024 * 1024; i++) {
        last = await s.run(call(zsock_send(client, chunk, chunk.length, 0)));
        if (last[0] < 0) break;
        sent += last[0];
      }
      // Where the path cannot fill in the test's time, every send still moved bytes within the timeout.
      if (target.traits.sendWindowFills) expect(last).toEqual([-1, EAGAIN]);
      else expect(last[0]).toBeGreaterThan(0);
      expect(sent).toBeGreaterThan(0);
    });

    it('a non-blocking connect answers EINPROGRESS, then POLLOUT, and SO_ERROR is 0', async () => {
      const l = listener();
      const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
      expect(zsock_fcntl(fd, F_SETFL, O_NONBLOCK)).toBe(0);
      const to = addr('127.0.0.1', l.port);
      expect(await s.run(call(zsock_connect(fd, to, addrlen(to))))).toEqual([-1, EINPROGRESS]);
      const fds = [{ fd, events: ZSOCK_POLLOUT, revents: 0 }];
      expect(await s.run(zsock_poll(fds, 1, 5000))).toBe(1);
      expect(fds[0]!.revents).toBe(ZSOCK_POLLOUT);
      const err = { value: -1 };
      expect(zsock_getsockopt(fd, SOL_SOCKET, SO_ERROR, err, { value: SIZEOF_INT })).toBe(0);
      expect(err.value).toBe(0);
    });

    it('a refused non-blocking connect shows POLLERR and SO_ERROR ECONNREFUSED', async () => {
      const l = listener();
      expect(zsock_close(l.fd)).toBe(0);
      const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
      expect(zsock_fcntl(fd, F_SETFL, O_NONBLOCK)).toBe(0);
      const to = addr('127.0.0.1', l.port);
      expect(await s.run(call(zsock_connect(fd, to, addrlen(to))))).toEqual([-1, EINPROGRESS]);
      const fds = [{ fd, events: ZSOCK_POLLOUT, revents: 0 }];
      expect(await s.run(zsock_poll(fds, 1, 5000))).toBe(1);
      expect(fds[0]!.revents & ZSOCK_POLLERR).toBe(ZSOCK_POLLERR);
      const err = { value: 0 };
      expect(zsock_getsockopt(fd, SOL_SOCKET, SO_ERROR, err, { value: SIZEOF_INT })).toBe(0);
      expect(err.value).toBe(ECONNREFUSED);
    });

    it('errno rule: two tasks failing at the same moment each read their own errno after await', async () => {
      const pair = await tcp_pair(s);
      const u = udp_socket();
      expect(zsock_setsockopt(u.fd, SOL_SOCKET, SO_RCVTIMEO, { tv_sec: 0, tv_usec: 100000 }, SIZEOF_TIMEVAL)).toBe(0);
      // Task A's receive times out (EAGAIN) at t+100 ms; a timer of the
      // port closes task B's descriptor (EINTR) at the same instant.
      const taskA = (async () => {
        const r = await zsock_recv(u.fd, new Uint8Array(4), 4, 0);
        return [r, errno];
      })();
      const taskB = (async () => {
        const r = await zsock_recv(pair.client, new Uint8Array(4), 4, 0);
        return [r, errno];
      })();
      s.port.setTimer(100, () => zsock_close(pair.client));
      const [a, b] = await s.run(Promise.all([taskA, taskB]));
      expect(a).toEqual([-1, EAGAIN]);
      expect(b).toEqual([-1, EINTR]);
    });

    it('errno rule: a reset and a close delivered together keep their own errno', async () => {
      const one = await tcp_pair(s);
      const two = await tcp_pair(s);
      const taskA = (async () => {
        const r = await zsock_recv(one.client, new Uint8Array(4), 4, 0);
        return [r, errno];
      })();
      const taskB = (async () => {
        const r = await zsock_recv(two.client, new Uint8Array(4), 4, 0);
        return [r, errno];
      })();
      expect(zsock_setsockopt(two.server, SOL_SOCKET, SO_LINGER, { l_onoff: 1, l_linger: 0 }, SIZEOF_LINGER)).toBe(0);
      expect(zsock_close(two.server)).toBe(0);
      expect(zsock_close(one.client)).toBe(0);
      const [a, b] = await s.run(Promise.all([taskA, taskB]));
      expect(a).toEqual([-1, EINTR]);
      // A port that cannot send or see a reset (capabilities.resetDistinct) delivers an orderly EOF.
      if (s.port.capabilities.resetDistinct) expect(b).toEqual([-1, ECONNRESET]);
      else expect(b![0]).toBe(0);
    });

    it('errno rule: a synchronous failure between two settlements does not leak into them', async () => {
      const u = udp_socket();
      const v = udp_socket();
      expect(zsock_fcntl(u.fd, F_SETFL, O_NONBLOCK)).toBe(0);
      const results: number[] = [];
      const first = (async () => {
        const r = await zsock_recv(u.fd, new Uint8Array(1), 1, 0);
        results.push(r, errno);
      })();
      // A later synchronous failure sets errno to EBADF at once.
      expect(zsock_close(999)).toBe(-1);
      const second = (async () => {
        const r = await zsock_send(v.fd, bytes('x'), 1, 0);
        results.push(r, errno);
      })();
      await s.run(Promise.all([first, second]));
      expect(results).toEqual([-1, EAGAIN, -1, 40]);
    });
  });
}
