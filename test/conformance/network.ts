/**
 * What loopback cannot show: an address of the host that is not loopback,
 * and multicast looped back to our own group (IP_MULTICAST_LOOP on and
 * off). Each check runs where the target names the address or the loop;
 * the Node port gets both inside a network namespace the test makes
 * (node-netns.test.ts).
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AF_INET,
  EAGAIN,
  in_addr,
  IP_ADD_MEMBERSHIP,
  IP_DROP_MEMBERSHIP,
  IP_MULTICAST_LOOP,
  IPPROTO_IP,
  ntohs,
  SIZEOF_INT,
  SIZEOF_IP_MREQN,
  SIZEOF_TIMEVAL,
  SO_RCVTIMEO,
  SOCK_DGRAM,
  SOCKADDR_IN6_SIZE,
  SOL_SOCKET,
  sockaddr,
  zsock_getpeername,
  zsock_getsockname,
  zsock_inet_ntop,
  zsock_recv,
  zsock_recvfrom,
  zsock_send,
  zsock_sendto,
  zsock_setsockopt,
  zsock_socket,
  zsock_bind,
} from '../../lib/index';
import { addr, addrlen, bytes, call, tcp_pair, text, udp_socket } from './helpers';
import type { Session, Target } from './target';

const GROUP = '239.255.42.99';

function name_of(fd: number, peer: boolean): string {
  const a = new sockaddr();
  const len = { value: SOCKADDR_IN6_SIZE };
  expect((peer ? zsock_getpeername : zsock_getsockname)(fd, a, len)).toBe(0);
  return zsock_inet_ntop(a.sa_family, a.sa_family === AF_INET ? a.sin_addr : a.sin6_addr, null, 64) + ':' + ntohs(a.sin_port);
}

function mreq(group: string): { imr_multiaddr: in_addr; imr_address: in_addr; imr_ifindex: number } {
  return { imr_multiaddr: addr(group, 0).sin_addr, imr_address: new in_addr(), imr_ifindex: 0 };
}

export function network_suite(target: Target): void {
  const host = target.traits.hostAddress;
  const loop = target.traits.multicastLoop;
  if (host === null && !loop) return;

  describe(`${target.name}: beyond loopback`, () => {
    let s: Session;
    beforeEach(async () => {
      s = await target.open();
    });
    afterEach(async () => {
      await s.close();
    });

    if (host !== null) {
      it(`TCP over the host's own address ${host}: both ends see it, bytes pass`, async () => {
        const { client, server } = await tcp_pair(s, host);
        expect(name_of(client, true)).toBe(name_of(server, false));
        expect(name_of(server, false).startsWith(host + ':')).toBe(true);
        expect(name_of(client, false).startsWith(host + ':')).toBe(true);
        expect(await s.run(zsock_send(client, bytes('via host'), 8, 0))).toBe(8);
        const buf = new Uint8Array(16);
        expect(await s.run(zsock_recv(server, buf, 16, 0))).toBe(8);
        expect(text(buf, 8)).toBe('via host');
      });

      it(`UDP to ${host} from a socket bound there: the source is ${host}`, async () => {
        const a = udp_socket(host);
        const b = udp_socket(host);
        expect(await s.run(zsock_sendto(a.fd, bytes('dgram'), 5, 0, b.addr, addrlen(b.addr)))).toBe(5);
        const from = new sockaddr();
        const len = { value: SOCKADDR_IN6_SIZE };
        const buf = new Uint8Array(8);
        expect(await s.run(zsock_recvfrom(b.fd, buf, 8, 0, from, len))).toBe(5);
        expect(zsock_inet_ntop(AF_INET, from.sin_addr, null, 16)).toBe(host);
        expect(ntohs(from.sin_port)).toBe(a.port);
      });
    }

    if (loop) {
      it(`multicast to ${GROUP} loops back to our member; with IP_MULTICAST_LOOP 0 it does not; after leaving, nothing`, async () => {
        const member = zsock_socket(AF_INET, SOCK_DGRAM, 0);
        const any = addr('0.0.0.0', 0);
        expect(zsock_bind(member, any, addrlen(any))).toBe(0);
        expect(zsock_setsockopt(member, IPPROTO_IP, IP_ADD_MEMBERSHIP, mreq(GROUP), SIZEOF_IP_MREQN)).toBe(0);
        const wait = target.traits.virtualTime ? 1000 : 300;
        expect(zsock_setsockopt(member, SOL_SOCKET, SO_RCVTIMEO, { tv_sec: Math.floor(wait / 1000), tv_usec: (wait % 1000) * 1000 }, SIZEOF_TIMEVAL)).toBe(0);
        const a = new sockaddr();
        const len = { value: SOCKADDR_IN6_SIZE };
        expect(zsock_getsockname(member, a, len)).toBe(0);
        const to = addr(GROUP, ntohs(a.sin_port));
        const sender = zsock_socket(AF_INET, SOCK_DGRAM, 0);
        await s.sleep(20);
        expect(await s.run(zsock_sendto(sender, bytes('group'), 5, 0, to, addrlen(to)))).toBe(5);
        const buf = new Uint8Array(8);
        expect(await s.run(zsock_recv(member, buf, 8, 0))).toBe(5);
        expect(text(buf, 5)).toBe('group');

        expect(zsock_setsockopt(sender, IPPROTO_IP, IP_MULTICAST_LOOP, { value: 0 }, SIZEOF_INT)).toBe(0);
        await s.sleep(20);
        expect(await s.run(zsock_sendto(sender, bytes('quiet'), 5, 0, to, addrlen(to)))).toBe(5);
        expect(await s.run(call(zsock_recv(member, buf, 8, 0)))).toEqual([-1, EAGAIN]);

        expect(zsock_setsockopt(sender, IPPROTO_IP, IP_MULTICAST_LOOP, { value: 1 }, SIZEOF_INT)).toBe(0);
        expect(zsock_setsockopt(member, IPPROTO_IP, IP_DROP_MEMBERSHIP, mreq(GROUP), SIZEOF_IP_MREQN)).toBe(0);
        await s.sleep(20);
        expect(await s.run(zsock_sendto(sender, bytes('gone!'), 5, 0, to, addrlen(to)))).toBe(5);
        expect(await s.run(call(zsock_recv(member, buf, 8, 0)))).toEqual([-1, EAGAIN]);
      });
    }
  });
}
