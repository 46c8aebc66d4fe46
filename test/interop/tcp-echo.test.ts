/**
 * A zsock TCP client on the Node port against socat's TCP echo server: a
 * real, independent peer on loopback. Bytes must come back exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AF_INET,
  errno,
  inet_tcp,
  inet_udp,
  IPPROTO_TCP,
  SOCK_STREAM,
  ZSOCK_SHUT_WR,
  zsock_close,
  zsock_connect,
  zsock_init,
  zsock_recv,
  zsock_send,
  zsock_shutdown,
  zsock_socket,
  type Port,
} from '../../lib/index';
import { createNodePort } from '../../ports/node/index';
import { addr, addrlen, pattern } from '../conformance/helpers';
import { freePort, requireTools, skipWithout, startPeer, waitForTcp, type Peer } from './peers';

const TOOLS = ['socat'];
const MIB = 1024 * 1024;

describe.skipIf(skipWithout(TOOLS))('zsock TCP client against socat echo', () => {
  let peer: Peer | null = null;
  let echoPort = 0;
  let port: Port;

  beforeAll(async () => {
    requireTools(TOOLS);
    port = createNodePort();
    zsock_init(port, [inet_tcp, inet_udp]);
    echoPort = await freePort('tcp');
    // fork: a process per connection. cat, not socat's PIPE: with PIPE a
    // socat process both fills and drains one pipe and can block on it.
    peer = startPeer('socat', [`TCP4-LISTEN:${echoPort},bind=127.0.0.1,reuseaddr,fork`, 'EXEC:cat']);
    await waitForTcp(peer, echoPort);
  });

  afterAll(async () => {
    // Closes every descriptor a failed test left open.
    zsock_init(port, []);
    await peer?.stop();
  });

  async function connected(): Promise<number> {
    const fd = zsock_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    expect(fd).toBeGreaterThanOrEqual(0);
    const to = addr('127.0.0.1', echoPort);
    const r = await zsock_connect(fd, to, addrlen(to));
    if (r !== 0) throw new Error(`connect to socat failed: errno ${errno}`);
    return fd;
  }

  /**
   * Sends all of `data` in pieces of varying size (each send may take less
   * than asked), while a second task reads the echo; returns the echo and
   * how many sends were partial.
   */
  async function echo(fd: number, data: Uint8Array): Promise<{ back: Uint8Array; partial: number }> {
    let partial = 0;
    const sender = (async () => {
      let offset = 0;
      for (let i = 0; offset < data.length; i++) {
        // 1 byte up to 256 KiB: far more than the port takes at once.
        const want = Math.min(data.length - offset, i % 7 === 0 ? 1 : (i * 37_493) % (256 * 1024) + 1);
        const n = await zsock_send(fd, data.subarray(offset), want, 0);
        if (n <= 0) throw new Error(`send returned ${n}, errno ${errno}`);
        if (n < want) partial++;
        offset += n;
      }
    })();
    const back = new Uint8Array(data.length);
    const receiver = (async () => {
      let got = 0;
      while (got < back.length) {
        const n = await zsock_recv(fd, back.subarray(got), back.length - got, 0);
        if (n <= 0) throw new Error(`recv returned ${n} after ${got} bytes, errno ${errno}`);
        got += n;
      }
    })();
    await Promise.all([sender, receiver]);
    return { back, partial };
  }

  it('echoes 1 MiB of patterned bytes byte-exact, with partial sends', async () => {
    const fd = await connected();
    const data = pattern(MIB, 11);
    const { back, partial } = await echo(fd, data);
    expect(Buffer.compare(back, data)).toBe(0);
    // The loop above was really exercised: the port never takes 256 KiB at once.
    expect(partial).toBeGreaterThan(0);
    // Half-close: socat sees EOF, flushes, closes; we read EOF and nothing else.
    expect(zsock_shutdown(fd, ZSOCK_SHUT_WR)).toBe(0);
    const tail = new Uint8Array(16);
    expect(await zsock_recv(fd, tail, tail.length, 0)).toBe(0);
    expect(zsock_close(fd)).toBe(0);
  });

  it('keeps four concurrent connections apart', async () => {
    const fds = await Promise.all([0, 1, 2, 3].map(() => connected()));
    const datas = fds.map((_, i) => pattern(256 * 1024 + i * 4099, 100 + i));
    const results = await Promise.all(fds.map((fd, i) => echo(fd, datas[i]!)));
    results.forEach((result, i) => expect(Buffer.compare(result.back, datas[i]!)).toBe(0));
    for (const fd of fds) expect(zsock_close(fd)).toBe(0);
  });
});
