/** shutdown() on UDP sockets: what each direction stops, and what poll then reports. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  EINVAL,
  ENOTCONN,
  EPIPE,
  errno,
  ZSOCK_POLLIN,
  ZSOCK_POLLOUT,
  ZSOCK_SHUT_RD,
  ZSOCK_SHUT_RDWR,
  ZSOCK_SHUT_WR,
  zsock_connect,
  zsock_poll,
  zsock_recv,
  zsock_send,
  zsock_shutdown,
  type zsock_pollfd,
} from '../../lib/index';
import { addrlen, bytes, call, udp_socket } from '../conformance/helpers';
import { open_mock, type MockSession } from '../conformance/mock-target';

let s: MockSession;
beforeEach(() => {
  s = open_mock();
});
afterEach(async () => {
  await s.close();
});

async function revents(fd: number): Promise<number> {
  const fds: zsock_pollfd[] = [{ fd, events: ZSOCK_POLLIN | ZSOCK_POLLOUT, revents: 0 }];
  expect(await s.run(zsock_poll(fds, 1, 0))).toBeGreaterThanOrEqual(0);
  return fds[0]!.revents;
}

async function connected_pair(): Promise<{ a: number; b: number }> {
  const a = udp_socket();
  const b = udp_socket();
  expect(await s.run(zsock_connect(a.fd, b.addr, addrlen(b.addr)))).toBe(0);
  expect(await s.run(zsock_connect(b.fd, a.addr, addrlen(a.addr)))).toBe(0);
  return { a: a.fd, b: b.fd };
}

it('an unknown how is EINVAL; SHUT_WR and SHUT_RDWR need a connected peer (ENOTCONN), SHUT_RD does not', () => {
  const u = udp_socket().fd;
  for (const how of [3, -1, 9]) {
    expect(zsock_shutdown(u, how)).toBe(-1);
    expect(errno).toBe(EINVAL);
  }
  for (const how of [ZSOCK_SHUT_WR, ZSOCK_SHUT_RDWR]) {
    expect(zsock_shutdown(u, how)).toBe(-1);
    expect(errno).toBe(ENOTCONN);
  }
  expect(zsock_shutdown(u, ZSOCK_SHUT_RD)).toBe(0);
});

it('SHUT_WR: send answers EPIPE and POLLOUT goes; receiving goes on', async () => {
  const { a, b } = await connected_pair();
  expect(await revents(a)).toBe(ZSOCK_POLLOUT);
  expect(zsock_shutdown(a, ZSOCK_SHUT_WR)).toBe(0);
  expect(await s.run(call(zsock_send(a, bytes('x'), 1, 0)))).toEqual([-1, EPIPE]);
  expect(await revents(a)).toBe(0);
  expect(await s.run(zsock_send(b, bytes('hi'), 2, 0))).toBe(2);
  const into = new Uint8Array(8);
  expect(await s.run(zsock_recv(a, into, 8, 0))).toBe(2);
});

it('SHUT_RD: recv answers 0 at once, even with a datagram queued, and POLLIN is set; sending goes on', async () => {
  const { a, b } = await connected_pair();
  expect(await s.run(zsock_send(b, bytes('queued'), 6, 0))).toBe(6);
  await s.sleep(50);
  expect(zsock_shutdown(a, ZSOCK_SHUT_RD)).toBe(0);
  expect(await s.run(zsock_recv(a, new Uint8Array(8), 8, 0))).toBe(0);
  expect(await revents(a)).toBe(ZSOCK_POLLIN | ZSOCK_POLLOUT);
  expect(await s.run(zsock_send(a, bytes('ok'), 2, 0))).toBe(2);
});

it('SHUT_RD wakes a recv already waiting: it settles with 0', async () => {
  const { a } = await connected_pair();
  const waiting = zsock_recv(a, new Uint8Array(8), 8, 0);
  await s.sleep(10);
  expect(zsock_shutdown(a, ZSOCK_SHUT_RD)).toBe(0);
  expect(await s.run(waiting)).toBe(0);
});

it('SHUT_RDWR stops both directions', async () => {
  const { a } = await connected_pair();
  expect(zsock_shutdown(a, ZSOCK_SHUT_RDWR)).toBe(0);
  expect(await s.run(call(zsock_send(a, bytes('x'), 1, 0)))).toEqual([-1, EPIPE]);
  expect(await s.run(zsock_recv(a, new Uint8Array(8), 8, 0))).toBe(0);
  expect(await revents(a)).toBe(ZSOCK_POLLIN);
});
