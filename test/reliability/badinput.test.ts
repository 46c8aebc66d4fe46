/**
 * The bad-input sweep: every exported call, with each of its arguments in
 * turn replaced by a value of each bad-input class (descriptors, buffers
 * including detached ones, lengths, flags, option values and lengths,
 * sockaddrs and their lengths, strings, structs), counted. A value C would
 * compile (a wrong number, NULL, a short or detached buffer, a struct of
 * the wrong contents) must be answered, never thrown: -1 (or NULL, or a
 * DNS_EAI_* code) with an errno of lib/errno.ts, or success. Only a value C
 * would reject (a string where an int goes, a plain object where a
 * sockaddr goes) may throw, and only a TypeError. Nothing may hang (every
 * blocking call settles within a minute of virtual time), and the stack
 * still echoes afterwards.
 */
import { describe, expect, it } from 'vitest';
import * as api from '../../lib/index';
import {
  AF_INET,
  AF_INET6,
  AF_UNIX,
  F_GETFL,
  F_SETFL,
  FIONREAD,
  O_NONBLOCK,
  SIZEOF_INT,
  SO_REUSEADDR,
  SO_TYPE,
  SOCK_DGRAM,
  SOCK_STREAM,
  SOL_SOCKET,
  ZSOCK_POLLIN,
  ZSOCK_SHUT_RD,
  errno,
  sockaddr,
  zsock_close,
  zsock_fcntl,
  zsock_fd_set,
  ZSOCK_FD_SET,
  zsock_freeaddrinfo,
  zsock_recv,
  zsock_send,
  zsock_socket,
  type zsock_addrinfo,
} from '../../lib/index';
import { tcpEchoServer, udpEchoServer } from '../../ports/node-mock/index';
import { addr, addrlen, bytes, tcp_pair, text } from '../conformance/helpers';
import { open_mock } from '../conformance/mock-target';
import { figure } from './harness';
import {
  type Bad,
  known_errnos,
  INT,
  TIMEOUT,
  SMALL_TIME,
  closed,
  FD,
  BUF,
  LEN,
  SOCKADDR,
  ADDRLEN,
  LENREF,
  OPTVAL,
  msg,
  MSG,
  STR,
  STRREF,
  ADDRBYTES,
  FDSET,
  TIMEVAL,
  POLLFDS,
  HINTS,
  RES,
  SV,
  SERVERS,
} from './bad-values';

type Answer = 'int' | 'addrinfo' | 'eai' | 'text' | 'bool' | 'void' | 'neg';
interface Spec {
  name: string;
  fn: (...args: unknown[]) => unknown;
  answer: Answer;
  good: () => unknown[];
  bad: (Bad[] | null)[];
}

describe('bad-input sweep', () => {
  it('every exported call answers every class of bad input with errno (or TypeError where C would not compile), and the stack still echoes', async () => {
    const s = open_mock(11);
    const peer = s.net.hosts.find((h) => h.name === 'peer')!;
    tcpEchoServer(peer, 7);
    udpEchoServer(peer, 7);
    const pair = await tcp_pair(s);
    const udp = zsock_socket(AF_INET, SOCK_DGRAM, 0);
    const listener = zsock_socket(AF_INET, SOCK_STREAM, 0);
    const here = addr('127.0.0.1', 4444);
    expect(api.zsock_bind(listener, here, addrlen(here))).toBe(0);
    expect(api.zsock_listen(listener, 2)).toBe(0);
    for (const fd of [pair.client, pair.server, udp, listener]) expect(zsock_fcntl(fd, F_SETFL, O_NONBLOCK)).toBe(0);
    closed.fd = zsock_socket(AF_INET, SOCK_DGRAM, 0);
    zsock_close(closed.fd);
    /** Sockets made for one case (a call that changes its socket's state), closed after it. */
    let made: number[] = [];
    const fresh = (type: number): number => {
      const fd = zsock_socket(AF_INET, type, 0);
      zsock_fcntl(fd, F_SETFL, O_NONBLOCK);
      made.push(fd);
      return fd;
    };
    const set = (fd: number): zsock_fd_set => {
      const x = new zsock_fd_set();
      ZSOCK_FD_SET(fd, x);
      return x;
    };
    const F = api as unknown as Record<string, (...args: unknown[]) => unknown>;
    const specs: Spec[] = [
      { name: 'zsock_socket', fn: F.zsock_socket!, answer: 'int', good: () => [AF_INET, SOCK_STREAM, 0], bad: [INT, INT, INT] },
      { name: 'zsock_close', fn: F.zsock_close!, answer: 'int', good: () => [fresh(SOCK_DGRAM)], bad: [FD] },
      { name: 'zsock_shutdown', fn: F.zsock_shutdown!, answer: 'int', good: () => [fresh(SOCK_STREAM), ZSOCK_SHUT_RD], bad: [FD, INT] },
      { name: 'zsock_bind', fn: F.zsock_bind!, answer: 'int', good: () => [fresh(SOCK_DGRAM), addr('192.0.2.10', 0), 8], bad: [FD, SOCKADDR, ADDRLEN] },
      { name: 'zsock_listen', fn: F.zsock_listen!, answer: 'int', good: () => [fresh(SOCK_STREAM), 2], bad: [FD, INT] },
      { name: 'zsock_connect', fn: F.zsock_connect!, answer: 'int', good: () => [fresh(SOCK_STREAM), addr('192.0.2.20', 7), 8], bad: [FD, SOCKADDR, ADDRLEN] },
      { name: 'zsock_accept', fn: F.zsock_accept!, answer: 'int', good: () => [listener, new sockaddr(), { value: 24 }], bad: [FD, SOCKADDR, LENREF] },
      { name: 'zsock_send', fn: F.zsock_send!, answer: 'int', good: () => [pair.client, new Uint8Array(16), 16, 0], bad: [FD, BUF, LEN, INT] },
      { name: 'zsock_sendto', fn: F.zsock_sendto!, answer: 'int', good: () => [udp, new Uint8Array(16), 16, 0, addr('192.0.2.20', 7), 8], bad: [FD, BUF, LEN, INT, SOCKADDR, ADDRLEN] },
      { name: 'zsock_recv', fn: F.zsock_recv!, answer: 'int', good: () => [pair.server, new Uint8Array(16), 16, 0], bad: [FD, BUF, LEN, INT] },
      { name: 'zsock_recvfrom', fn: F.zsock_recvfrom!, answer: 'int', good: () => [udp, new Uint8Array(16), 16, 0, new sockaddr(), { value: 24 }], bad: [FD, BUF, LEN, INT, SOCKADDR, LENREF] },
      { name: 'zsock_sendmsg', fn: F.zsock_sendmsg!, answer: 'int', good: () => [udp, msg({ msg_name: addr('192.0.2.20', 7), msg_namelen: 8 }), 0], bad: [FD, MSG, INT] },
      { name: 'zsock_recvmsg', fn: F.zsock_recvmsg!, answer: 'int', good: () => [udp, msg({}), 0], bad: [FD, MSG, INT] },
      { name: 'zsock_getsockopt', fn: F.zsock_getsockopt!, answer: 'int', good: () => [udp, SOL_SOCKET, SO_TYPE, { value: 0 }, { value: SIZEOF_INT }], bad: [FD, INT, INT, OPTVAL, LENREF] },
      { name: 'zsock_setsockopt', fn: F.zsock_setsockopt!, answer: 'int', good: () => [fresh(SOCK_DGRAM), SOL_SOCKET, SO_REUSEADDR, { value: 1 }, SIZEOF_INT], bad: [FD, INT, INT, OPTVAL, LEN] },
      { name: 'zsock_getsockname', fn: F.zsock_getsockname!, answer: 'int', good: () => [pair.client, new sockaddr(), { value: 24 }], bad: [FD, SOCKADDR, LENREF] },
      { name: 'zsock_getpeername', fn: F.zsock_getpeername!, answer: 'int', good: () => [pair.client, new sockaddr(), { value: 24 }], bad: [FD, SOCKADDR, LENREF] },
      { name: 'zsock_fcntl', fn: F.zsock_fcntl!, answer: 'int', good: () => [udp, F_GETFL, 0], bad: [FD, INT, INT] },
      { name: 'zsock_ioctl', fn: F.zsock_ioctl!, answer: 'int', good: () => [udp, FIONREAD, { value: 0 }], bad: [FD, INT, LENREF] },
      { name: 'zsock_poll', fn: F.zsock_poll!, answer: 'int', good: () => [[{ fd: udp, events: ZSOCK_POLLIN, revents: 0 }], 1, 0], bad: [POLLFDS, INT, TIMEOUT] },
      { name: 'zsock_select', fn: F.zsock_select!, answer: 'int', good: () => [udp + 1, set(udp), null, null, { tv_sec: 0, tv_usec: 0 }], bad: [INT, FDSET, FDSET, FDSET, TIMEVAL] },
      { name: 'zsock_socketpair', fn: F.zsock_socketpair!, answer: 'int', good: () => [AF_UNIX, SOCK_STREAM, 0, [-1, -1]], bad: [INT, INT, INT, SV] },
      { name: 'zsock_getaddrinfo', fn: F.zsock_getaddrinfo!, answer: 'addrinfo', good: () => ['192.0.2.20', '80', null, { value: null }], bad: [STR, STR, HINTS, RES] },
      { name: 'zsock_getnameinfo', fn: F.zsock_getnameinfo!, answer: 'eai', good: () => [addr('192.0.2.20', 80), 8, { value: '' }, 64, { value: '' }, 32, 0], bad: [SOCKADDR, ADDRLEN, STRREF, INT, STRREF, INT, INT] },
      { name: 'zsock_gethostname', fn: F.zsock_gethostname!, answer: 'int', good: () => [{ value: '' }, 64], bad: [STRREF, INT] },
      { name: 'zsock_sethostname', fn: F.zsock_sethostname!, answer: 'int', good: () => ['zephyr', 6], bad: [STR, INT] },
      { name: 'zsock_inet_pton', fn: F.zsock_inet_pton!, answer: 'int', good: () => [AF_INET, '192.0.2.1', new Uint8Array(4)], bad: [INT, STR, ADDRBYTES] },
      { name: 'zsock_inet_ntop', fn: F.zsock_inet_ntop!, answer: 'text', good: () => [AF_INET, new Uint8Array(4), { value: '' }, 16], bad: [INT, ADDRBYTES, STRREF, INT] },
      { name: 'net_addr_pton', fn: F.net_addr_pton!, answer: 'neg', good: () => [AF_INET, '192.0.2.1', new Uint8Array(4)], bad: [INT, STR, ADDRBYTES] },
      { name: 'net_addr_ntop', fn: F.net_addr_ntop!, answer: 'text', good: () => [AF_INET, new Uint8Array(4), { value: '' }, 16], bad: [INT, ADDRBYTES, STRREF, INT] },
      { name: 'net_ipaddr_parse', fn: F.net_ipaddr_parse!, answer: 'bool', good: () => ['192.0.2.1:80', 12, new sockaddr()], bad: [STR, INT, SOCKADDR] },
      { name: 'k_sleep', fn: F.k_sleep!, answer: 'int', good: () => [1], bad: [SMALL_TIME] },
      { name: 'k_msleep', fn: F.k_msleep!, answer: 'int', good: () => [1], bad: [SMALL_TIME] },
      { name: 'k_usleep', fn: F.k_usleep!, answer: 'int', good: () => [1], bad: [SMALL_TIME] },
      { name: 'ZSOCK_FD_SET', fn: F.ZSOCK_FD_SET!, answer: 'void', good: () => [1, new zsock_fd_set()], bad: [FD, FDSET] },
      { name: 'ZSOCK_FD_CLR', fn: F.ZSOCK_FD_CLR!, answer: 'void', good: () => [1, new zsock_fd_set()], bad: [FD, FDSET] },
      { name: 'ZSOCK_FD_ISSET', fn: F.ZSOCK_FD_ISSET!, answer: 'int', good: () => [1, new zsock_fd_set()], bad: [FD, FDSET] },
      { name: 'ZSOCK_FD_ZERO', fn: F.ZSOCK_FD_ZERO!, answer: 'void', good: () => [new zsock_fd_set()], bad: [FDSET] },
      { name: 'zsock_freeaddrinfo', fn: F.zsock_freeaddrinfo!, answer: 'void', good: () => [null], bad: [[[() => 5, 'type', 'number']]] },
      { name: 'strerror', fn: F.strerror!, answer: 'void', good: () => [9], bad: [INT] },
      { name: 'zsock_gai_strerror', fn: F.zsock_gai_strerror!, answer: 'void', good: () => [-2], bad: [INT] },
      { name: 'zsock_dns_set_servers', fn: F.zsock_dns_set_servers!, answer: 'int', good: () => [null], bad: [SERVERS] },
      { name: 'zsock_dns_set_timeout', fn: F.zsock_dns_set_timeout!, answer: 'int', good: () => [2000], bad: [INT] },
      { name: 'zsock_dns_add_host', fn: F.zsock_dns_add_host!, answer: 'int', good: () => ['x.local', '192.0.2.7'], bad: [STR, STR] },
    ];
    // Every option the core knows, with each bad value and length, on the kind of socket it belongs to.
    const v6udp = zsock_socket(AF_INET6, SOCK_DGRAM, 0);
    const options: [string, number, number, number][] = [
      ['SO_RCVTIMEO', SOL_SOCKET, api.SO_RCVTIMEO, udp],
      ['SO_SNDTIMEO', SOL_SOCKET, api.SO_SNDTIMEO, udp],
      ['SO_LINGER', SOL_SOCKET, api.SO_LINGER, pair.client],
      ['SO_KEEPALIVE', SOL_SOCKET, api.SO_KEEPALIVE, pair.client],
      ['SO_RCVBUF', SOL_SOCKET, api.SO_RCVBUF, udp],
      ['SO_BROADCAST', SOL_SOCKET, api.SO_BROADCAST, udp],
      ['SO_ERROR', SOL_SOCKET, api.SO_ERROR, udp],
      ['TCP_NODELAY', api.IPPROTO_TCP, api.TCP_NODELAY, pair.client],
      ['TCP_KEEPIDLE', api.IPPROTO_TCP, api.TCP_KEEPIDLE, pair.client],
      ['IP_TTL', api.IPPROTO_IP, api.IP_TTL, udp],
      ['IP_TOS', api.IPPROTO_IP, api.IP_TOS, udp],
      ['IP_MULTICAST_LOOP', api.IPPROTO_IP, api.IP_MULTICAST_LOOP, udp],
      ['IP_ADD_MEMBERSHIP', api.IPPROTO_IP, api.IP_ADD_MEMBERSHIP, udp],
      ['IP_DROP_MEMBERSHIP', api.IPPROTO_IP, api.IP_DROP_MEMBERSHIP, udp],
      ['IPV6_JOIN_GROUP', api.IPPROTO_IPV6, api.IPV6_JOIN_GROUP, v6udp],
      ['IPV6_V6ONLY', api.IPPROTO_IPV6, api.IPV6_V6ONLY, v6udp],
      ['IPV6_MULTICAST_HOPS', api.IPPROTO_IPV6, api.IPV6_MULTICAST_HOPS, v6udp],
    ];
    for (const [label, level, name, fd] of options) {
      specs.push({ name: `zsock_setsockopt ${label}`, fn: F.zsock_setsockopt!, answer: 'int', good: () => [fd, level, name, { value: 1 }, SIZEOF_INT], bad: [null, null, null, OPTVAL, LEN] });
      specs.push({ name: `zsock_getsockopt ${label}`, fn: F.zsock_getsockopt!, answer: 'int', good: () => [fd, level, name, { value: 0 }, { value: SIZEOF_INT }], bad: [null, null, null, OPTVAL, LENREF] });
    }
    let cases = 0;
    let answered = 0;
    let succeeded = 0;
    let typeErrors = 0;
    const problems: string[] = [];
    const check = (spec: Spec, label: string, cls: 'c' | 'type', value: unknown, setErrno: number): void => {
      const fail = (why: string): void => {
        problems.push(`${spec.name}(${label}): ${why}`);
      };
      switch (spec.answer) {
        case 'int':
        case 'neg':
          if (typeof value !== 'number' || value !== Math.floor(value)) return fail('answered ' + String(value));
          if (spec.answer === 'neg' ? value < 0 : value === -1) {
            const code = spec.answer === 'neg' ? -value : setErrno;
            if (!known_errnos.has(code) || code === 0) return fail('errno ' + code);
            answered++;
          } else if (value < -1 && spec.answer === 'int') return fail('answered ' + value);
          else succeeded++;
          return;
        case 'eai':
        case 'addrinfo':
          if (typeof value !== 'number' || value > 0) return fail('answered ' + String(value));
          if (value < 0) answered++;
          else succeeded++;
          return;
        case 'text':
          if (value === null) {
            if (spec.name === 'zsock_inet_ntop' && !known_errnos.has(setErrno)) return fail('null with errno ' + setErrno);
            answered++;
          } else if (typeof value === 'string') succeeded++;
          else fail('answered ' + String(value));
          return;
        case 'bool':
          if (typeof value !== 'boolean') return fail('answered ' + String(value));
          if (value) succeeded++;
          else answered++;
          return;
        case 'void':
          succeeded++;
      }
      void cls;
    };
    for (const spec of specs) {
      for (let i = 0; i < spec.bad.length; i++) {
        for (const [make, cls, label] of spec.bad[i] || []) {
          cases++;
          made = [];
          const args = spec.good();
          args[i] = make();
          const what = `${spec.name} arg ${i + 1} = ${label}`;
          api.set_errno(0);
          let value: unknown;
          try {
            value = spec.fn(...args);
          } catch (error) {
            if (cls === 'type' && error instanceof TypeError) typeErrors++;
            else problems.push(`${what}: threw ${(error as Error).constructor.name}: ${(error as Error).message}`);
            for (const fd of made) zsock_close(fd);
            continue;
          }
          if (value instanceof Promise) {
            try {
              value = await s.net.runUntil(value, { timeout: 60_000 });
            } catch (error) {
              problems.push(`${what}: ${(error as Error).message}`);
              continue;
            }
          }
          check(spec, `arg ${i + 1} = ${label}`, cls, value, errno);
          // Whatever a case opened is closed again.
          if (spec.answer === 'int' && typeof value === 'number' && value >= 0 && (spec.name === 'zsock_socket' || spec.name === 'zsock_accept')) zsock_close(value);
          if (spec.name === 'zsock_socketpair' && value === 0) for (const fd of args[3] as number[]) zsock_close(fd);
          if (spec.name === 'zsock_getaddrinfo' && value === 0) zsock_freeaddrinfo((args[3] as { value: zsock_addrinfo | null }).value);
          for (const fd of made) zsock_close(fd);
        }
      }
    }
    zsock_close(v6udp);
    api.zsock_sethostname('zephyr', 6);
    api.zsock_dns_set_servers(null);
    api.zsock_dns_clear_hosts();
    expect(problems, problems.join('\n')).toEqual([]);
    // The stack still echoes: the connected pair, and a new connection to the peer.
    await s.net.advance(1000);
    const drain = new Uint8Array(4096);
    while ((await s.run(zsock_recv(pair.server, drain, drain.length, 0x40))) > 0);
    expect(await s.run(zsock_send(pair.client, bytes('still'), 5, 0))).toBe(5);
    const back = new Uint8Array(5);
    await s.sleep(10);
    expect(await s.run(zsock_recv(pair.server, back, 5, 0))).toBe(5);
    expect(text(back)).toBe('still');
    const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
    const to = addr('192.0.2.20', 7);
    expect(await s.run(api.zsock_connect(fd, to, addrlen(to)))).toBe(0);
    expect(await s.run(zsock_send(fd, bytes('echo'), 4, 0))).toBe(4);
    const echo = new Uint8Array(4);
    expect(await s.run(zsock_recv(fd, echo, 4, 0))).toBe(4);
    expect(text(echo)).toBe('echo');
    const calls = new Set(specs.map((spec) => spec.name.split(' ')[0])).size;
    figure(
      `bad-input sweep: ${calls} exported calls (${specs.length} with each socket option), ${cases} cases: ${answered} answered with an errno (or NULL/false/EAI code), ` +
        `${succeeded} harmless successes, ${typeErrors} TypeErrors where C would not compile; none threw otherwise or hung; the stack echoed afterwards`,
    );
    await s.close();
  }, 60_000);
});
