/** The descriptor table: lowest free number first, reuse, EBADF, ENFILE when full. */
import { expect, it } from 'vitest';
import { AF_INET, EBADF, ENFILE, errno, inet_udp, SOCK_DGRAM, zsock_close, zsock_init, zsock_socket } from '../../lib/index';
import { createMockNetwork } from '../../ports/node-mock/index';

it('hands out the lowest free number, answers EBADF for freed ones and ENFILE when full', () => {
  const net = createMockNetwork({ seed: 1 });
  zsock_init(net.port(net.host('device', { ipv4: '192.0.2.1' })), [inet_udp], { maxDescriptors: 3 });
  expect([0, 1, 2].map(() => zsock_socket(AF_INET, SOCK_DGRAM, 0))).toEqual([0, 1, 2]);
  expect(zsock_socket(AF_INET, SOCK_DGRAM, 0)).toBe(-1);
  expect(errno).toBe(ENFILE);
  expect(zsock_close(1)).toBe(0);
  expect(zsock_close(1)).toBe(-1);
  expect(errno).toBe(EBADF);
  expect(zsock_socket(AF_INET, SOCK_DGRAM, 0)).toBe(1);
  // Installing the stack again closes every descriptor of the previous one.
  zsock_init(net.port(net.host('other', { ipv4: '192.0.2.2' })), [inet_udp]);
  expect(zsock_close(0)).toBe(-1);
  expect(errno).toBe(EBADF);
  expect(zsock_socket(AF_INET, SOCK_DGRAM, 0)).toBe(0);
});
