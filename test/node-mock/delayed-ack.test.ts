/**
 * Delayed ACKs as docs/mock-network.md says: only a lone full-sized segment
 * waits. Zephyr's test_v4_msg_waitall: 1-byte writes 10 ms apart (Nagle on)
 * reach a MSG_WAITALL reader on the same device within its 100 ms SO_RCVTIMEO.
 */
import { expect, it } from 'vitest';
import {
  AF_INET,
  htons,
  inet_tcp,
  inet_udp,
  IPPROTO_TCP,
  SIZEOF_TIMEVAL,
  SO_RCVTIMEO,
  SOCK_STREAM,
  SOL_SOCKET,
  sockaddr,
  SOCKADDR_IN_SIZE,
  ZSOCK_MSG_WAITALL,
  zsock_accept,
  zsock_bind,
  zsock_close,
  zsock_connect,
  zsock_inet_pton,
  zsock_init,
  zsock_listen,
  zsock_recv,
  zsock_send,
  zsock_setsockopt,
  zsock_socket,
} from '../../lib/index';
import { createMockNetwork } from '../../ports/node-mock/index';

async function waitall(retries: number): Promise<{ got: number; at: number }> {
  const net = createMockNetwork({ seed: 11 });
  const device = net.host('device', { ipv4: '192.0.2.1' });
  zsock_init(net.port(device), [inet_tcp, inet_udp]);
  const addr = new sockaddr();
  addr.sin_family = AF_INET;
  addr.sin_port = htons(4242);
  zsock_inet_pton(AF_INET, '127.0.0.1', addr.sin_addr);
  const s = zsock_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
  const c = zsock_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
  expect(zsock_bind(s, addr, SOCKADDR_IN_SIZE)).toBe(0);
  expect(zsock_listen(s, 1)).toBe(0);
  const work = (async () => {
    expect(await zsock_connect(c, addr, SOCKADDR_IN_SIZE)).toBe(0);
    const n = await zsock_accept(s, null, null);
    expect(n).toBeGreaterThan(0);
    expect(zsock_setsockopt(n, SOL_SOCKET, SO_RCVTIMEO, { tv_sec: 0, tv_usec: 100_000 }, SIZEOF_TIMEVAL)).toBe(0);
    const text = new Uint8Array([0x61, 0x62, 0x63]);
    let offset = 0;
    const sendNext = (): void => {
      if (offset >= retries) return;
      void zsock_send(c, text.subarray(offset, offset + 1), 1, 0);
      offset++;
      net.port(device).setTimer(10, sendNext);
    };
    sendNext();
    const start = net.now;
    const got = await zsock_recv(n, new Uint8Array(3), 3, ZSOCK_MSG_WAITALL);
    const at = net.now - start;
    zsock_close(n);
    return { got, at };
  })();
  const { got, at } = await net.runUntil(work, { timeout: 10_000 });
  zsock_close(c);
  zsock_close(s);
  return { got, at };
}

it('1-byte writes 10 ms apart reach a MSG_WAITALL reader before its 100 ms timeout (recv returns 3)', async () => {
  const { got, at } = await waitall(3);
  expect(got).toBe(3);
  expect(at).toBeLessThan(100);
});

it('with only 2 of 3 bytes sent, MSG_WAITALL returns the 2 after SO_RCVTIMEO', async () => {
  const { got, at } = await waitall(2);
  expect(got).toBe(2);
  expect(at).toBe(100);
});
