/**
 * A zsock UDP client on the Node port against socat's UDP echo: each
 * datagram comes back as one datagram of the same bytes, from the port it
 * was sent to.
 */
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AF_INET,
  errno,
  inet_tcp,
  inet_udp,
  IPPROTO_UDP,
  ntohs,
  SIZEOF_TIMEVAL,
  SO_RCVTIMEO,
  SOCK_DGRAM,
  sockaddr,
  SOCKADDR_IN6_SIZE,
  SOL_SOCKET,
  zsock_close,
  zsock_connect,
  zsock_init,
  zsock_inet_ntop,
  zsock_recv,
  zsock_recvfrom,
  zsock_send,
  zsock_sendto,
  zsock_setsockopt,
  zsock_socket,
  type Port,
} from '../../lib/index';
import { createNodePort } from '../../ports/node/index';
import { addr, addrlen, local_port, pattern } from '../conformance/helpers';
import { freePort, requireTools, skipWithout, startPeer, waitForUdpEcho, type Peer } from './peers';

const TOOLS = ['socat'];
/** 1 byte up to the largest IPv4 UDP payload. */
const SIZES = [1, 17, 512, 1472, 9000, 32768, 65507];

describe.skipIf(skipWithout(TOOLS))('zsock UDP client against socat echo', () => {
  let peer: Peer | null = null;
  let echoPort = 0;
  let port: Port;

  beforeAll(async () => {
    requireTools(TOOLS);
    port = createNodePort();
    zsock_init(port, [inet_tcp, inet_udp]);
    echoPort = await freePort('udp');
    // UDP-RECVFROM with fork: each datagram is answered by its own process,
    // from the listening port, back to its sender. PIPE echoes it whole (-b:
    // up to 64 KiB in one read).
    peer = startPeer('socat', ['-b', '65536', `UDP4-RECVFROM:${echoPort},bind=127.0.0.1,fork`, 'PIPE']);
    await waitForUdpEcho(peer, echoPort);
  });

  afterAll(async () => {
    zsock_init(port, []);
    await peer?.stop();
  });

  /** A UDP socket whose receives give up after 5 s, so a lost datagram fails the test instead of hanging it. */
  function udp(): number {
    const fd = zsock_socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    expect(fd).toBeGreaterThanOrEqual(0);
    expect(zsock_setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, { tv_sec: 5, tv_usec: 0 }, SIZEOF_TIMEVAL)).toBe(0);
    return fd;
  }

  it('echoes datagrams of 1 byte to 65507 bytes whole, from the address they went to', async () => {
    const fd = udp();
    const to = addr('127.0.0.1', echoPort);
    const buf = new Uint8Array(65536);
    for (const size of SIZES) {
      const data = pattern(size, size);
      expect(await zsock_sendto(fd, data, size, 0, to, addrlen(to))).toBe(size);
      const from = new sockaddr();
      const fromlen = { value: SOCKADDR_IN6_SIZE };
      const n = await zsock_recvfrom(fd, buf, buf.length, 0, from, fromlen);
      if (n < 0) throw new Error(`no echo of ${size} bytes: errno ${errno}`);
      expect(n).toBe(size);
      expect(Buffer.compare(buf.subarray(0, n), data)).toBe(0);
      const text = { value: '' };
      zsock_inet_ntop(AF_INET, from.sin_addr, text, 16);
      expect([text.value, ntohs(from.sin_port)]).toEqual(['127.0.0.1', echoPort]);
    }
    expect(zsock_close(fd)).toBe(0);
  });

  it('keeps datagram boundaries when several are in flight at once', async () => {
    const fd = udp();
    const to = addr('127.0.0.1', echoPort);
    // Distinct sizes, so each echo names its datagram; forked echoes may come back in any order.
    const sizes = [10, 200, 33, 1000, 7, 4000, 64, 2048];
    for (const size of sizes) expect(await zsock_sendto(fd, pattern(size, size), size, 0, to, addrlen(to))).toBe(size);
    const buf = new Uint8Array(8192);
    const seen: number[] = [];
    for (let i = 0; i < sizes.length; i++) {
      const n = await zsock_recv(fd, buf, buf.length, 0);
      if (n < 0) throw new Error(`echo ${i} missing: errno ${errno}`);
      expect(sizes).toContain(n);
      expect(Buffer.compare(buf.subarray(0, n), pattern(n, n))).toBe(0);
      seen.push(n);
    }
    expect(seen.sort((a, b) => a - b)).toEqual(sizes.slice().sort((a, b) => a - b));
    expect(zsock_close(fd)).toBe(0);
  });

  it('connect() then send/recv; a short buffer truncates; a stranger is filtered out', async () => {
    const fd = udp();
    const to = addr('127.0.0.1', echoPort);
    expect(await zsock_connect(fd, to, addrlen(to))).toBe(0);
    const buf = new Uint8Array(2048);
    for (const size of [1, 300, 1400]) {
      const data = pattern(size, 7 * size);
      expect(await zsock_send(fd, data, size, 0)).toBe(size);
      expect(await zsock_recv(fd, buf, buf.length, 0)).toBe(size);
      expect(Buffer.compare(buf.subarray(0, size), data)).toBe(0);
    }

    // A 1000-byte echo into 100 bytes: the first 100, the rest of that datagram dropped.
    const long = pattern(1000, 99);
    expect(await zsock_send(fd, long, 1000, 0)).toBe(1000);
    expect(await zsock_recv(fd, buf, 100, 0)).toBe(100);
    expect(Buffer.compare(buf.subarray(0, 100), long.subarray(0, 100))).toBe(0);

    // A datagram from another port reaches our port but not the connected socket.
    const stranger = createSocket('udp4');
    stranger.bind(0, '127.0.0.1');
    await once(stranger, 'listening');
    stranger.send(Buffer.from('not from the peer'), local_port(fd), '127.0.0.1');
    await new Promise((resolve) => setTimeout(resolve, 50));
    stranger.close();
    const last = pattern(64, 64);
    expect(await zsock_send(fd, last, 64, 0)).toBe(64);
    expect(await zsock_recv(fd, buf, buf.length, 0)).toBe(64);
    expect(Buffer.compare(buf.subarray(0, 64), last)).toBe(0);
    expect(zsock_close(fd)).toBe(0);
  });
});
