/** Point 2: moving data, flags and the errors of the data calls. */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AF_INET,
  ECONNRESET,
  EDESTADDRREQ,
  EMSGSIZE,
  ENOTCONN,
  SO_LINGER,
  SOCK_STREAM,
  SOL_SOCKET,
  SIZEOF_LINGER,
  sockaddr,
  ZSOCK_MSG_PEEK,
  ZSOCK_MSG_TRUNC,
  ZSOCK_MSG_WAITALL,
  zsock_close,
  zsock_recv,
  zsock_recvfrom,
  zsock_recvmsg,
  zsock_send,
  zsock_sendmsg,
  zsock_sendto,
  zsock_setsockopt,
  zsock_socket,
  type msghdr,
} from '../../lib/index';
import { addr, addrlen, bytes, call, pattern, tcp_pair, text, udp_socket } from './helpers';
import type { Session, Target } from './target';

/** Sends all of `data`, looping over partial sends as C code does. */
export async function send_all(s: Session, fd: number, data: Uint8Array): Promise<void> {
  let at = 0;
  while (at < data.length) {
    const n = await s.run(zsock_send(fd, data.subarray(at), data.length - at, 0));
    if (n <= 0) throw new Error('send failed');
    at += n;
  }
}

/** Receives until `length` bytes arrived or EOF. */
export async function recv_all(s: Session, fd: number, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  let at = 0;
  while (at < length) {
    const n = await s.run(zsock_recv(fd, out.subarray(at), length - at, 0));
    if (n <= 0) break;
    at += n;
  }
  return out.subarray(0, at);
}

export function data_suite(target: Target): void {
  describe(`${target.name}: data`, () => {
    let s: Session;
    beforeEach(async () => {
      s = await target.open();
    });
    afterEach(async () => {
      await s.close();
    });

    it('a stream carries 256 KiB whole and in order, both ways at once', async () => {
      const { client, server } = await tcp_pair(s);
      const up = pattern(256 * 1024, 7);
      const down = pattern(256 * 1024, 9);
      const [, , got, back] = await Promise.all([
        send_all(s, client, up),
        send_all(s, server, down),
        recv_all(s, server, up.length),
        recv_all(s, client, down.length),
      ]);
      expect(got).toEqual(up);
      expect(back).toEqual(down);
    });

    it('recv returns 0 at orderly EOF, on every later call too', async () => {
      const { client, server } = await tcp_pair(s);
      await send_all(s, client, bytes('bye'));
      expect(zsock_close(client)).toBe(0);
      const buf = new Uint8Array(8);
      expect(await s.run(zsock_recv(server, buf, 8, 0))).toBe(3);
      expect(await s.run(zsock_recv(server, buf, 8, 0))).toBe(0);
      expect(await s.run(zsock_recv(server, buf, 8, 0))).toBe(0);
    });

    it('MSG_PEEK leaves the bytes for the next recv', async () => {
      const { client, server } = await tcp_pair(s);
      await send_all(s, client, bytes('hello world'));
      await s.sleep(20);
      const buf = new Uint8Array(5);
      expect(await s.run(zsock_recv(server, buf, 5, ZSOCK_MSG_PEEK))).toBe(5);
      expect(text(buf)).toBe('hello');
      const all = new Uint8Array(32);
      expect(await s.run(zsock_recv(server, all, 32, ZSOCK_MSG_PEEK))).toBe(11);
      expect(await s.run(zsock_recv(server, all, 3, 0))).toBe(3);
      expect(text(all, 3)).toBe('hel');
      expect(await s.run(zsock_recv(server, all, 32, 0))).toBe(8);
      expect(text(all, 8)).toBe('lo world');
    });

    it('MSG_WAITALL waits for the whole buffer, and returns what came before EOF', async () => {
      const { client, server } = await tcp_pair(s);
      const buf = new Uint8Array(10);
      const whole = zsock_recv(server, buf, 10, ZSOCK_MSG_WAITALL);
      await send_all(s, client, bytes('01234'));
      await s.sleep(20);
      await send_all(s, client, bytes('56789'));
      expect(await s.run(whole)).toBe(10);
      expect(text(buf)).toBe('0123456789');
      const partial = zsock_recv(server, buf, 10, ZSOCK_MSG_WAITALL);
      await send_all(s, client, bytes('abc'));
      expect(zsock_close(client)).toBe(0);
      expect(await s.run(partial)).toBe(3);
    });

    it('datagrams keep their boundaries; MSG_TRUNC returns the real length', async () => {
      const a = udp_socket();
      const b = udp_socket();
      for (const msg of ['one', 'two!', 'three']) {
        expect(await s.run(zsock_sendto(a.fd, bytes(msg), msg.length, 0, b.addr, addrlen(b.addr)))).toBe(msg.length);
      }
      const buf = new Uint8Array(16);
      expect(await s.run(zsock_recv(b.fd, buf, 16, 0))).toBe(3);
      expect(await s.run(zsock_recv(b.fd, buf, 2, 0))).toBe(2);
      expect(text(buf, 2)).toBe('tw');
      expect(await s.run(zsock_recv(b.fd, buf, 2, ZSOCK_MSG_TRUNC))).toBe(5);
      expect(text(buf, 2)).toBe('th');
      // An empty datagram is a datagram, where the platform delivers one.
      expect(await s.run(zsock_sendto(a.fd, buf, 0, 0, b.addr, addrlen(b.addr)))).toBe(0);
      if (!target.traits.emptyDatagrams) {
        expect(await s.run(zsock_sendto(a.fd, bytes('x'), 1, 0, b.addr, addrlen(b.addr)))).toBe(1);
        expect(await s.run(zsock_recv(b.fd, buf, 16, 0))).toBe(1);
        return;
      }
      expect(await s.run(zsock_recv(b.fd, buf, 16, 0))).toBe(0);
    });

    it('sendmsg gathers and recvmsg scatters, with MSG_TRUNC in msg_flags', async () => {
      const a = udp_socket();
      const b = udp_socket();
      const out: msghdr = {
        msg_name: b.addr,
        msg_namelen: addrlen(b.addr),
        msg_iov: [
          { iov_base: bytes('head-'), iov_len: 5 },
          { iov_base: bytes('body-xx'), iov_len: 5 },
          { iov_base: bytes('tail'), iov_len: 4 },
        ],
        msg_iovlen: 3,
        msg_flags: 0,
      };
      expect(await s.run(zsock_sendmsg(a.fd, out, 0))).toBe(14);
      const first = new Uint8Array(4);
      const second = new Uint8Array(6);
      const from = new sockaddr();
      const inMsg: msghdr = {
        msg_name: from,
        msg_namelen: 24,
        msg_iov: [
          { iov_base: first, iov_len: 4 },
          { iov_base: second, iov_len: 6 },
        ],
        msg_iovlen: 2,
        msg_flags: 0,
      };
      expect(await s.run(zsock_recvmsg(b.fd, inMsg, 0))).toBe(10);
      expect(text(first) + text(second)).toBe('head-body-');
      expect(inMsg.msg_flags & ZSOCK_MSG_TRUNC).toBe(ZSOCK_MSG_TRUNC);
      expect(inMsg.msg_namelen).toBe(8);
      expect(from.sin_port).toBe(a.addr.sin_port);
    });

    it('send on an unconnected stream socket is EDESTADDRREQ; sendto with an address is ENOTCONN', async () => {
      const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
      expect(await s.run(call(zsock_send(fd, bytes('x'), 1, 0)))).toEqual([-1, EDESTADDRREQ]);
      const to = addr('127.0.0.1', 9);
      expect(await s.run(call(zsock_sendto(fd, bytes('x'), 1, 0, to, addrlen(to))))).toEqual([-1, ENOTCONN]);
      expect(await s.run(call(zsock_recv(fd, new Uint8Array(1), 1, 0)))).toEqual([-1, ENOTCONN]);
      // A zero-length buffer returns 0 before any other check, as in Zephyr.
      expect(await s.run(zsock_recv(fd, new Uint8Array(0), 0, 0))).toBe(0);
    });

    it('a reset reads as ECONNRESET; send then answers ENOTCONN, as Zephyr', async () => {
      const { client, server } = await tcp_pair(s);
      expect(zsock_setsockopt(client, SOL_SOCKET, SO_LINGER, { l_onoff: 1, l_linger: 0 }, SIZEOF_LINGER)).toBe(0);
      expect(zsock_close(client)).toBe(0);
      await s.sleep(50);
      if (!s.port.capabilities.resetDistinct) {
        // The port cannot reset (capabilities.resetDistinct): the close arrives as an orderly EOF.
        expect((await s.run(call(zsock_recv(server, new Uint8Array(4), 4, 0))))[0]).toBe(0);
        return;
      }
      expect(await s.run(call(zsock_recv(server, new Uint8Array(4), 4, 0)))).toEqual([-1, ECONNRESET]);
      expect(await s.run(call(zsock_send(server, bytes('x'), 1, 0)))).toEqual([-1, ENOTCONN]);
    });

    it('a datagram too large for UDP is EMSGSIZE', async () => {
      const a = udp_socket();
      const big = new Uint8Array(70000);
      expect(await s.run(call(zsock_sendto(a.fd, big, big.length, 0, a.addr, addrlen(a.addr))))).toEqual([-1, EMSGSIZE]);
    });

    it('recvfrom reports the sender of each datagram', async () => {
      const a = udp_socket();
      const b = udp_socket();
      expect(await s.run(zsock_sendto(a.fd, bytes('hi'), 2, 0, b.addr, addrlen(b.addr)))).toBe(2);
      const from = new sockaddr();
      const len = { value: 24 };
      expect(await s.run(zsock_recvfrom(b.fd, new Uint8Array(4), 4, 0, from, len))).toBe(2);
      expect(len.value).toBe(8);
      expect(from.sin_port).toBe(a.addr.sin_port);
      expect(Array.from(from.sin_addr.s4_addr)).toEqual([127, 0, 0, 1]);
    });
  });
}
