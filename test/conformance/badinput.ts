/** Bad input to every call: the documented errno, and a stack that still works. */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AF_INET,
  EBADF,
  EDESTADDRREQ,
  EFAULT,
  EINVAL,
  ENOTCONN,
  EOPNOTSUPP,
  errno,
  F_DUPFD,
  SIZEOF_INT,
  SO_TYPE,
  SOCK_DGRAM,
  SOCK_STREAM,
  SOL_SOCKET,
  sockaddr,
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
  zsock_recvmsg,
  zsock_send,
  zsock_sendmsg,
  zsock_sendto,
  zsock_setsockopt,
  zsock_shutdown,
  zsock_socket,
  FIONREAD,
} from '../../lib/index';
import { addr, addrlen, bytes, call, listener, tcp_pair, text } from './helpers';
import type { Session, Target } from './target';

export function badinput_suite(target: Target): void {
  describe(`${target.name}: bad input`, () => {
    let s: Session;
    beforeEach(async () => {
      s = await target.open();
    });
    afterEach(async () => {
      await s.close();
    });

    it('every call answers EBADF for a descriptor that is not open', async () => {
      const a = new sockaddr();
      const buf = new Uint8Array(4);
      for (const fd of [-1, 5, 63, 64, 1000, 1.5]) {
        const sync: (() => number)[] = [
          () => zsock_close(fd),
          () => zsock_shutdown(fd, 0),
          () => zsock_bind(fd, a, 8),
          () => zsock_listen(fd, 1),
          () => zsock_getsockopt(fd, SOL_SOCKET, SO_TYPE, { value: 0 }, { value: 4 }),
          () => zsock_setsockopt(fd, SOL_SOCKET, SO_TYPE, { value: 0 }, 4),
          () => zsock_getsockname(fd, a, { value: 24 }),
          () => zsock_getpeername(fd, a, { value: 24 }),
          () => zsock_fcntl(fd, 3),
          () => zsock_ioctl(fd, FIONREAD, { value: 0 }),
        ];
        for (const f of sync) {
          expect(f()).toBe(-1);
          expect(errno).toBe(EBADF);
        }
        const blocking: Promise<number>[] = [
          zsock_connect(fd, a, 8),
          zsock_accept(fd, null, null),
          zsock_send(fd, buf, 4, 0),
          zsock_sendto(fd, buf, 4, 0, null, 0),
          zsock_recv(fd, buf, 4, 0),
          zsock_recvfrom(fd, buf, 4, 0, null, null),
          zsock_sendmsg(fd, { msg_name: null, msg_namelen: 0, msg_iov: [], msg_iovlen: 0, msg_flags: 0 }, 0),
          zsock_recvmsg(fd, { msg_name: null, msg_namelen: 0, msg_iov: [], msg_iovlen: 0, msg_flags: 0 }, 0),
        ];
        for (const p of blocking) expect(await s.run(call(p))).toEqual([-1, EBADF]);
      }
    });

    it('what C would not compile is a TypeError', () => {
      const loose = (f: unknown) => f as (...args: unknown[]) => unknown;
      expect(() => loose(zsock_socket)('2', SOCK_STREAM, 0)).toThrow(TypeError);
      expect(() => loose(zsock_close)('0')).toThrow(TypeError);
      expect(() => loose(zsock_send)(0, 'text', 4, 0)).toThrow(TypeError);
      expect(() => loose(zsock_bind)(0, { port: 1 }, 8)).toThrow(TypeError);
      expect(() => loose(zsock_accept)(0, null, 8)).toThrow(TypeError);
    });

    it('a listening socket used for data answers as Zephyr', async () => {
      const l = listener();
      expect(await s.run(call(zsock_recv(l.fd, new Uint8Array(4), 4, 0)))).toEqual([-1, ENOTCONN]);
      expect(await s.run(call(zsock_send(l.fd, bytes('x'), 1, 0)))).toEqual([-1, EDESTADDRREQ]);
      const to = addr('127.0.0.1', 1);
      expect(await s.run(call(zsock_connect(l.fd, to, addrlen(to))))).toEqual([-1, EOPNOTSUPP]);
    });

    it('accept on a socket that is not listening is EINVAL; on UDP EOPNOTSUPP', async () => {
      const t = zsock_socket(AF_INET, SOCK_STREAM, 0);
      const u = zsock_socket(AF_INET, SOCK_DGRAM, 0);
      expect(await s.run(call(zsock_accept(t, null, null)))).toEqual([-1, EINVAL]);
      expect(await s.run(call(zsock_accept(u, null, null)))).toEqual([-1, EOPNOTSUPP]);
      expect(zsock_listen(u, 1)).toBe(-1);
      expect(errno).toBe(EOPNOTSUPP);
    });

    it('negative and oversized lengths, unknown flags, unknown requests', async () => {
      const { client } = await tcp_pair(s);
      const buf = new Uint8Array(4);
      expect(await s.run(call(zsock_send(client, buf, -1, 0)))).toEqual([-1, EINVAL]);
      expect(await s.run(call(zsock_send(client, buf, 5, 0)))).toEqual([-1, EFAULT]);
      expect(await s.run(call(zsock_recv(client, buf, 9, 0)))).toEqual([-1, EFAULT]);
      expect(await s.run(call(zsock_send(client, buf, 4, 0x8000)))).toEqual([-1, EINVAL]);
      expect(await s.run(call(zsock_recv(client, buf, 4, 0x1)))).toEqual([-1, EINVAL]);
      expect(zsock_fcntl(client, F_DUPFD)).toBe(-1);
      expect(errno).toBe(EOPNOTSUPP);
      expect(zsock_ioctl(client, 0x1234, { value: 0 })).toBe(-1);
      expect(errno).toBe(EOPNOTSUPP);
      expect(zsock_getsockopt(client, SOL_SOCKET, SO_TYPE, { value: 0 }, { value: SIZEOF_INT - 1 })).toBe(-1);
      expect(errno).toBe(EINVAL);
      expect(await s.run(call(zsock_sendto(client, buf, 4, 0, addr('0.0.0.0', 0), 8)))).toEqual([-1, EDESTADDRREQ]);
      expect(await s.run(call(zsock_recvmsg(client, { msg_name: null, msg_namelen: 0, msg_iov: [{ iov_base: buf, iov_len: 8 }], msg_iovlen: 1, msg_flags: 0 }, 0)))).toEqual([-1, EFAULT]);
    });

    it('after all of that the stack still carries bytes', async () => {
      for (let i = 0; i < 3; i++) expect(zsock_close(zsock_socket(AF_INET, SOCK_DGRAM, 0))).toBe(0);
      const { client, server } = await tcp_pair(s);
      expect(await s.run(zsock_send(client, bytes('still here'), 10, 0))).toBe(10);
      const buf = new Uint8Array(10);
      expect(await s.run(zsock_recv(server, buf, 10, 0))).toBe(10);
      expect(text(buf)).toBe('still here');
    });
  });
}
