/**
 * C's NULL where a pointer goes, case by case as the README's deviation
 * row lists them: an errno (or EAI code) answer, never a throw.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  AF_INET,
  DNS_EAI_FAMILY,
  DNS_EAI_SYSTEM,
  EFAULT,
  errno,
  FIONREAD,
  zsock_gethostname,
  zsock_getaddrinfo,
  zsock_getnameinfo,
  zsock_inet_ntop,
  zsock_inet_pton,
  zsock_ioctl,
  zsock_poll,
  zsock_recv,
  zsock_recvmsg,
  zsock_send,
  zsock_sendmsg,
  zsock_sendto,
  type msghdr,
} from '../../lib/index';
import { addrlen, call, udp_socket } from '../conformance/helpers';
import { open_mock, type MockSession } from '../conformance/mock-target';

let s: MockSession;
beforeEach(() => {
  s = open_mock();
});
afterEach(async () => {
  await s.close();
});

function message(base: Uint8Array | null, len: number): msghdr {
  return { msg_name: null, msg_namelen: 0, msg_iov: [{ iov_base: base as Uint8Array, iov_len: len }], msg_iovlen: 1, msg_flags: 0 };
}

it('a null buffer: length 0 works, a longer one is EFAULT (send, sendto, recv)', async () => {
  const a = udp_socket();
  const b = udp_socket();
  expect(await s.run(zsock_sendto(a.fd, null as unknown as Uint8Array, 0, 0, b.addr, addrlen(b.addr)))).toBe(0);
  expect(await s.run(call(zsock_sendto(a.fd, null as unknown as Uint8Array, 4, 0, b.addr, addrlen(b.addr))))).toEqual([-1, EFAULT]);
  expect(await s.run(call(zsock_send(a.fd, null as unknown as Uint8Array, 1, 0)))).toEqual([-1, EFAULT]);
  expect(await s.run(call(zsock_recv(b.fd, null as unknown as Uint8Array, 8, 0)))).toEqual([-1, EFAULT]);
});

it('a null iov_base: length 0 works, a longer one is EFAULT (sendmsg, recvmsg)', async () => {
  const a = udp_socket();
  const b = udp_socket();
  const empty = message(null, 0);
  empty.msg_name = b.addr;
  empty.msg_namelen = addrlen(b.addr);
  expect(await s.run(zsock_sendmsg(a.fd, empty, 0))).toBe(0);
  const long = message(null, 3);
  long.msg_name = b.addr;
  long.msg_namelen = addrlen(b.addr);
  expect(await s.run(call(zsock_sendmsg(a.fd, long, 0)))).toEqual([-1, EFAULT]);
  expect(await s.run(call(zsock_recvmsg(b.fd, message(null, 8), 0)))).toEqual([-1, EFAULT]);
});

it('inet_pton with a null source or destination is -1 EFAULT; inet_ntop with a null source is null EFAULT', () => {
  expect(zsock_inet_pton(AF_INET, null, new Uint8Array(4))).toBe(-1);
  expect(errno).toBe(EFAULT);
  expect(zsock_inet_pton(AF_INET, '192.0.2.1', null)).toBe(-1);
  expect(errno).toBe(EFAULT);
  expect(zsock_inet_ntop(AF_INET, null, { value: '' }, 16)).toBeNull();
  expect(errno).toBe(EFAULT);
});

it('gethostname(NULL, len) is -1 EFAULT; FIONREAD into a number is -1 EFAULT', () => {
  expect(zsock_gethostname(null, 64)).toBe(-1);
  expect(errno).toBe(EFAULT);
  const u = udp_socket().fd;
  expect(zsock_ioctl(u, FIONREAD, 0)).toBe(-1);
  expect(errno).toBe(EFAULT);
});

it('getaddrinfo with a null res is DNS_EAI_SYSTEM with errno EFAULT; getnameinfo(NULL, …) is DNS_EAI_FAMILY', async () => {
  expect(await s.run(zsock_getaddrinfo('192.0.2.1', '80', null, null))).toBe(DNS_EAI_SYSTEM);
  expect(errno).toBe(EFAULT);
  expect(zsock_getnameinfo(null, 16, { value: '' }, 64, null, 0, 0)).toBe(DNS_EAI_FAMILY);
});

it('poll(NULL, n > 0, t) is -1 EFAULT at once; poll(NULL, 0, t) sleeps t ms and returns 0', async () => {
  expect(await s.run(call(zsock_poll(null, 1, 5000)))).toEqual([-1, EFAULT]);
  const start = s.port.now();
  expect(await s.run(zsock_poll(null, 0, 250))).toBe(0);
  expect(s.port.now() - start).toBe(250);
});
