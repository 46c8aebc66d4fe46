/** Point 1: lifecycle and addressing. */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AF_INET,
  AF_INET6,
  AF_UNIX,
  EADDRINUSE,
  EADDRNOTAVAIL,
  EAFNOSUPPORT,
  EAGAIN,
  EBADF,
  ECONNREFUSED,
  EDESTADDRREQ,
  EINTR,
  EINVAL,
  ENOTCONN,
  ENOTSUP,
  EPROTONOSUPPORT,
  EPROTOTYPE,
  errno,
  IPPROTO_TCP,
  IPPROTO_UDP,
  ntohs,
  O_NONBLOCK,
  SO_REUSEADDR,
  SO_REUSEPORT,
  SOCK_DGRAM,
  SOCK_STREAM,
  sockaddr,
  SOCKADDR_IN6_SIZE,
  SOL_SOCKET,
  F_SETFL,
  AF_UNSPEC,
  ZSOCK_SHUT_RD,
  ZSOCK_SHUT_RDWR,
  ZSOCK_SHUT_WR,
  zsock_accept,
  zsock_bind,
  zsock_close,
  zsock_connect,
  zsock_fcntl,
  zsock_getpeername,
  zsock_getsockname,
  zsock_recv,
  zsock_recvfrom,
  zsock_send,
  zsock_sendto,
  zsock_setsockopt,
  zsock_shutdown,
  zsock_socket,
} from '../../lib/index';
import { addr, addrlen, bytes, call, listener, local_port, tcp_pair, text, udp_socket } from './helpers';
import type { Session, Target } from './target';

export function lifecycle_suite(target: Target): void {
  describe(`${target.name}: lifecycle and addressing`, () => {
    let s: Session;
    beforeEach(async () => {
      s = await target.open();
    });
    afterEach(async () => {
      await s.close();
    });

    it('socket() hands out the lowest free descriptor and reuses closed ones', () => {
      const a = zsock_socket(AF_INET, SOCK_STREAM, 0);
      const b = zsock_socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
      const c = zsock_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
      expect([a, b, c]).toEqual([0, 1, 2]);
      expect(zsock_close(b)).toBe(0);
      expect(zsock_close(b)).toBe(-1);
      expect(errno).toBe(EBADF);
      expect(zsock_socket(AF_INET, SOCK_DGRAM, 0)).toBe(1);
    });

    it('socket() answers unknown families, types and protocols as Zephyr does', () => {
      expect(zsock_socket(99, SOCK_STREAM, 0)).toBe(-1);
      expect(errno).toBe(EAFNOSUPPORT);
      expect(zsock_socket(AF_UNIX, SOCK_STREAM, 0)).toBe(-1);
      expect(errno).toBe(EAFNOSUPPORT);
      expect(zsock_socket(AF_INET, 7, 0)).toBe(-1);
      expect(errno).toBe(EPROTOTYPE);
      expect(zsock_socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP)).toBe(-1);
      expect(errno).toBe(EPROTONOSUPPORT);
      expect(zsock_socket(AF_INET, SOCK_STREAM, IPPROTO_UDP)).toBe(-1);
      expect(errno).toBe(EPROTONOSUPPORT);
    });

    it('bind with port 0 picks an ephemeral port that getsockname reports', () => {
      const u = udp_socket();
      expect(u.port).toBeGreaterThan(0);
      const l = listener();
      expect(l.port).toBeGreaterThan(0);
    });

    it('bind refuses a port in use, and SO_REUSEADDR / SO_REUSEPORT share it by Zephyr\'s rules', () => {
      const first = zsock_socket(AF_INET, SOCK_DGRAM, 0);
      const any = addr('0.0.0.0', 0);
      expect(zsock_bind(first, any, addrlen(any))).toBe(0);
      const port = local_port(first);
      const second = zsock_socket(AF_INET, SOCK_DGRAM, 0);
      const same = addr('0.0.0.0', port);
      expect(zsock_bind(second, same, addrlen(same))).toBe(-1);
      expect(errno).toBe(EADDRINUSE);
      // Wildcard held, specific address wanted: SO_REUSEADDR on the newcomer allows it.
      const specific = addr('127.0.0.1', port);
      const third = zsock_socket(AF_INET, SOCK_DGRAM, 0);
      expect(zsock_bind(third, specific, addrlen(specific))).toBe(-1);
      expect(errno).toBe(EADDRINUSE);
      expect(zsock_setsockopt(third, SOL_SOCKET, SO_REUSEADDR, { value: 1 }, 4)).toBe(0);
      // Zephyr's rules allow it; a platform whose bind is exclusive answers EADDRINUSE.
      expect(zsock_bind(third, specific, addrlen(specific))).toBe(target.traits.sharedPorts ? 0 : -1);
      if (!target.traits.sharedPorts) expect(errno).toBe(EADDRINUSE);
      // Wildcard against wildcard: only SO_REUSEPORT on both sides shares.
      const a = zsock_socket(AF_INET, SOCK_DGRAM, 0);
      const b = zsock_socket(AF_INET, SOCK_DGRAM, 0);
      expect(zsock_setsockopt(a, SOL_SOCKET, SO_REUSEPORT, { value: 1 }, 4)).toBe(0);
      expect(zsock_bind(a, any, addrlen(any))).toBe(0);
      const shared = addr('0.0.0.0', local_port(a));
      expect(zsock_bind(b, shared, addrlen(shared))).toBe(-1);
      expect(errno).toBe(EADDRINUSE);
      expect(zsock_setsockopt(b, SOL_SOCKET, SO_REUSEPORT, { value: 1 }, 4)).toBe(0);
      expect(zsock_bind(b, shared, addrlen(shared))).toBe(target.traits.sharedPorts ? 0 : -1);
    });

    it('bind to a TCP port held by a listener fails even with SO_REUSEADDR', () => {
      const l = listener('0.0.0.0');
      const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
      expect(zsock_setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, { value: 1 }, 4)).toBe(0);
      const specific = addr('127.0.0.1', l.port);
      expect(zsock_bind(fd, specific, addrlen(specific))).toBe(-1);
      expect(errno).toBe(EADDRINUSE);
    });

    it('bind rejects foreign addresses, short lengths, other families and a second bind', () => {
      const fd = zsock_socket(AF_INET, SOCK_DGRAM, 0);
      const foreign = addr('203.0.113.77', 0);
      expect(zsock_bind(fd, foreign, addrlen(foreign))).toBe(-1);
      expect(errno).toBe(EADDRNOTAVAIL);
      const ok = addr('127.0.0.1', 0);
      expect(zsock_bind(fd, ok, 7)).toBe(-1);
      expect(errno).toBe(EINVAL);
      if (target.traits.ipv6) {
        const six = addr('::1', 0);
        expect(zsock_bind(fd, six, addrlen(six))).toBe(-1);
        expect(errno).toBe(EINVAL);
      }
      expect(zsock_bind(fd, ok, addrlen(ok))).toBe(0);
      expect(zsock_bind(fd, ok, addrlen(ok))).toBe(-1);
      expect(errno).toBe(EINVAL);
    });

    it('connect, accept and the names each side sees', async () => {
      const { client, server } = await tcp_pair(s);
      const peer = new sockaddr();
      const len = { value: SOCKADDR_IN6_SIZE };
      expect(zsock_getpeername(server, peer, len)).toBe(0);
      expect(len.value).toBe(8);
      expect(peer.sin_family).toBe(AF_INET);
      if (target.traits.clientLocalName) expect(ntohs(peer.sin_port)).toBe(local_port(client));
      else {
        // ECMA-419 gives a client no local name: getsockname says port 0.
        expect(ntohs(peer.sin_port)).toBeGreaterThan(0);
        expect(local_port(client)).toBe(0);
      }
      expect(zsock_getpeername(client, peer, len)).toBe(0);
      expect(ntohs(peer.sin_port)).toBe(local_port(server));
      // Connecting again when connected answers 0, as Zephyr does.
      expect(await s.run(zsock_connect(client, peer, 8))).toBe(0);
    });

    it('accept fills the peer address and truncates it to the caller\'s length', async () => {
      const l = listener();
      const client = zsock_socket(AF_INET, SOCK_STREAM, 0);
      const to = addr('127.0.0.1', l.port);
      const peer = new sockaddr();
      peer.bytes.fill(0xee);
      const len = { value: 4 };
      const [c, fd] = await s.run(Promise.all([zsock_connect(client, to, addrlen(to)), zsock_accept(l.fd, peer, len)]));
      expect(c).toBe(0);
      expect(fd).toBeGreaterThan(l.fd);
      expect(len.value).toBe(8);
      expect(peer.sin_family).toBe(AF_INET);
      if (target.traits.clientLocalName) expect(ntohs(peer.sin_port)).toBe(local_port(client));
      else {
        expect(ntohs(peer.sin_port)).toBeGreaterThan(0);
        expect(local_port(client)).toBe(0);
      }
      expect(peer.bytes[4]).toBe(0xee);
    });

    it('connect to a closed port is refused', async () => {
      const l = listener();
      expect(zsock_close(l.fd)).toBe(0);
      const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
      const to = addr('127.0.0.1', l.port);
      expect(await s.run(call(zsock_connect(fd, to, addrlen(to))))).toEqual([-1, ECONNREFUSED]);
    });

    it('getpeername on an unconnected socket is ENOTCONN', () => {
      const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
      expect(zsock_getpeername(fd, new sockaddr(), { value: 24 })).toBe(-1);
      expect(errno).toBe(ENOTCONN);
    });

    it('close wakes a blocked recv and a blocked accept with EINTR', async () => {
      const { client } = await tcp_pair(s);
      const l = listener();
      const recv = call(zsock_recv(client, new Uint8Array(8), 8, 0));
      const acc = call(zsock_accept(l.fd, null, null));
      await s.sleep(10);
      expect(zsock_close(client)).toBe(0);
      expect(zsock_close(l.fd)).toBe(0);
      expect(await s.run(recv)).toEqual([-1, EINTR]);
      expect(await s.run(acc)).toEqual([-1, EINTR]);
    });

    it('shutdown(SHUT_WR) half-closes: the peer reads EOF and can still answer', async () => {
      const { client, server } = await tcp_pair(s);
      expect(await s.run(zsock_send(client, bytes('ping'), 4, 0))).toBe(4);
      if (!s.port.capabilities.halfClose) {
        // Without half-close on the platform, SHUT_WR answers as Zephyr does for an unsupported operation.
        expect(zsock_shutdown(client, ZSOCK_SHUT_WR)).toBe(-1);
        expect(errno).toBe(ENOTSUP);
        return;
      }
      expect(zsock_shutdown(client, ZSOCK_SHUT_WR)).toBe(0);
      const buf = new Uint8Array(16);
      expect(await s.run(zsock_recv(server, buf, 16, 0))).toBe(4);
      expect(text(buf, 4)).toBe('ping');
      expect(await s.run(zsock_recv(server, buf, 16, 0))).toBe(0);
      expect(await s.run(zsock_send(server, bytes('pong'), 4, 0))).toBe(4);
      expect(await s.run(zsock_recv(client, buf, 16, 0))).toBe(4);
      expect(text(buf, 4)).toBe('pong');
      expect(await s.run(call(zsock_send(client, bytes('x'), 1, 0)))).toEqual([-1, 32]);
    });

    it('shutdown(SHUT_RD) makes recv return 0, waking a blocked reader', async () => {
      const { client } = await tcp_pair(s);
      const pending = zsock_recv(client, new Uint8Array(4), 4, 0);
      await s.sleep(5);
      expect(zsock_shutdown(client, ZSOCK_SHUT_RD)).toBe(0);
      expect(await s.run(pending)).toBe(0);
      // Zephyr allows SHUT_RD on any socket; SHUT_WR needs a connection.
      const fresh = zsock_socket(AF_INET, SOCK_STREAM, 0);
      expect(zsock_shutdown(fresh, ZSOCK_SHUT_RD)).toBe(0);
      expect(zsock_shutdown(fresh, ZSOCK_SHUT_WR)).toBe(-1);
      expect(errno).toBe(ENOTCONN);
      expect(zsock_shutdown(fresh, 7)).toBe(-1);
      expect(errno).toBe(EINVAL);
      const { server } = await tcp_pair(s);
      expect(zsock_shutdown(server, ZSOCK_SHUT_RDWR)).toBe(s.port.capabilities.halfClose ? 0 : -1);
    });

    it('connected UDP filters other senders; connect(AF_UNSPEC) forgets the peer', async () => {
      const me = udp_socket();
      const peer = udp_socket();
      const other = udp_socket();
      expect(await s.run(zsock_connect(me.fd, peer.addr, addrlen(peer.addr)))).toBe(0);
      expect(await s.run(zsock_sendto(other.fd, bytes('other'), 5, 0, me.addr, addrlen(me.addr)))).toBe(5);
      expect(await s.run(zsock_sendto(peer.fd, bytes('peer'), 4, 0, me.addr, addrlen(me.addr)))).toBe(4);
      const buf = new Uint8Array(16);
      const from = new sockaddr();
      const len = { value: SOCKADDR_IN6_SIZE };
      expect(await s.run(zsock_recvfrom(me.fd, buf, 16, 0, from, len))).toBe(4);
      expect(text(buf, 4)).toBe('peer');
      expect(ntohs(from.sin_port)).toBe(peer.port);
      // send() goes to the connected peer.
      expect(await s.run(zsock_send(me.fd, bytes('back'), 4, 0))).toBe(4);
      expect(await s.run(zsock_recv(peer.fd, buf, 16, 0))).toBe(4);
      const unspec = new sockaddr();
      unspec.sa_family = AF_UNSPEC;
      expect(await s.run(zsock_connect(me.fd, unspec, 8))).toBe(0);
      expect(await s.run(call(zsock_send(me.fd, bytes('x'), 1, 0)))).toEqual([-1, EDESTADDRREQ]);
      expect(await s.run(zsock_sendto(other.fd, bytes('again'), 5, 0, me.addr, addrlen(me.addr)))).toBe(5);
      expect(await s.run(zsock_recv(me.fd, buf, 16, 0))).toBe(5);
      expect(text(buf, 5)).toBe('again');
    });

    it('a non-blocking accept with nothing pending is EAGAIN', async () => {
      const l = listener();
      expect(zsock_fcntl(l.fd, F_SETFL, O_NONBLOCK)).toBe(0);
      expect(await s.run(call(zsock_accept(l.fd, null, null)))).toEqual([-1, EAGAIN]);
    });

    it('IPv6 sockets connect over ::1', async () => {
      if (!target.traits.ipv6) {
        // A port without IPv6 refuses the family at socket().
        expect(zsock_socket(AF_INET6, SOCK_STREAM, 0)).toBe(-1);
        return;
      }
      const { client, server } = await tcp_pair(s, '::1');
      const name = new sockaddr();
      const len = { value: SOCKADDR_IN6_SIZE };
      expect(zsock_getsockname(client, name, len)).toBe(0);
      expect(len.value).toBe(24);
      expect(name.sin6_family).toBe(AF_INET6);
      expect(name.sin6_addr.s6_addr[15]).toBe(1);
      expect(await s.run(zsock_send(client, bytes('six'), 3, 0))).toBe(3);
      const buf = new Uint8Array(3);
      expect(await s.run(zsock_recv(server, buf, 3, 0))).toBe(3);
      expect(text(buf)).toBe('six');
    });
  });
}
