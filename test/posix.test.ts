/** zsockjs/posix: every POSIX name is the zsock function or constant itself. */
import { describe, expect, it } from 'vitest';
import * as kernel from '../lib/kernel';
import * as net_ip from '../lib/net_ip';
import * as posix from '../lib/posix';
import * as z from '../lib/index';

const functions: [keyof typeof posix, unknown][] = [
  ['socket', z.zsock_socket],
  ['socketpair', z.zsock_socketpair],
  ['close', z.zsock_close],
  ['shutdown', z.zsock_shutdown],
  ['bind', z.zsock_bind],
  ['connect', z.zsock_connect],
  ['listen', z.zsock_listen],
  ['accept', z.zsock_accept],
  ['send', z.zsock_send],
  ['recv', z.zsock_recv],
  ['sendto', z.zsock_sendto],
  ['recvfrom', z.zsock_recvfrom],
  ['sendmsg', z.zsock_sendmsg],
  ['recvmsg', z.zsock_recvmsg],
  ['fcntl', z.zsock_fcntl],
  ['ioctl', z.zsock_ioctl],
  ['poll', z.zsock_poll],
  ['select', z.zsock_select],
  ['getsockopt', z.zsock_getsockopt],
  ['setsockopt', z.zsock_setsockopt],
  ['getpeername', z.zsock_getpeername],
  ['getsockname', z.zsock_getsockname],
  ['getaddrinfo', z.zsock_getaddrinfo],
  ['freeaddrinfo', z.zsock_freeaddrinfo],
  ['gai_strerror', z.zsock_gai_strerror],
  ['getnameinfo', z.zsock_getnameinfo],
  ['gethostname', z.zsock_gethostname],
  ['inet_pton', z.zsock_inet_pton],
  ['inet_ntop', z.zsock_inet_ntop],
  ['fd_set', z.zsock_fd_set],
  ['FD_ZERO', z.ZSOCK_FD_ZERO],
  ['FD_SET', z.ZSOCK_FD_SET],
  ['FD_CLR', z.ZSOCK_FD_CLR],
  ['FD_ISSET', z.ZSOCK_FD_ISSET],
];

const constants: [keyof typeof posix, number][] = [
  ['POLLIN', z.ZSOCK_POLLIN],
  ['POLLPRI', z.ZSOCK_POLLPRI],
  ['POLLOUT', z.ZSOCK_POLLOUT],
  ['POLLERR', z.ZSOCK_POLLERR],
  ['POLLHUP', z.ZSOCK_POLLHUP],
  ['POLLNVAL', z.ZSOCK_POLLNVAL],
  ['MSG_PEEK', z.ZSOCK_MSG_PEEK],
  ['MSG_CTRUNC', z.ZSOCK_MSG_CTRUNC],
  ['MSG_TRUNC', z.ZSOCK_MSG_TRUNC],
  ['MSG_DONTWAIT', z.ZSOCK_MSG_DONTWAIT],
  ['MSG_WAITALL', z.ZSOCK_MSG_WAITALL],
  ['SHUT_RD', z.ZSOCK_SHUT_RD],
  ['SHUT_WR', z.ZSOCK_SHUT_WR],
  ['SHUT_RDWR', z.ZSOCK_SHUT_RDWR],
  ['FD_SETSIZE', z.ZSOCK_FD_SETSIZE],
  ['EAI_NONAME', z.DNS_EAI_NONAME],
  ['AF_INET', 1],
  ['SOL_SOCKET', 1],
];

describe('zsockjs/posix', () => {
  it.each(functions)('%s is the zsock function itself', (name, fn) => {
    expect(typeof fn).toBe('function');
    expect(posix[name]).toBe(fn);
  });
  it.each(constants)('%s has Zephyr\'s value', (name, value) => {
    expect(posix[name]).toBe(value);
  });
});

describe('a program written with POSIX names needs no other entry of the core', () => {
  const posixValues = new Set<unknown>(Object.values(posix));
  // Zephyr's kernel and net_ip.h helpers have no POSIX name; a program that
  // imports the whole POSIX module must not carry them (test/build/treeshake).
  const zephyrOnly = new Set<string>([...Object.keys(kernel), ...Object.keys(net_ip)]);
  it.each(Object.keys(z).filter((name) => !zephyrOnly.has(name)))('%s is in zsockjs/posix, under its own name or its POSIX one', (name) => {
    const value = (z as Record<string, unknown>)[name];
    // A number must be there by name: another constant may share its value.
    const found = name in posix ? (posix as Record<string, unknown>)[name] === value : typeof value !== 'number' && posixValues.has(value);
    expect(found).toBe(true);
  });
  it('the start-up calls are there: zsock_init and the providers', () => {
    expect(posix.zsock_init).toBe(z.zsock_init);
    expect(posix.inet_tcp).toBe(z.inet_tcp);
    expect(posix.inet_udp).toBe(z.inet_udp);
  });
});
