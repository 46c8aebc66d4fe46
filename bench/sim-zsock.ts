/**
 * Bulk TCP through the zsock API on the simulated network: the core runs on
 * host "sender" (zsock_socket, zsock_connect, zsock_send in 64 KiB writes)
 * and a port-level sink on host "receiver" counts the bytes (the core is
 * one instance per realm, so only one of the two hosts can speak zsock).
 * Payload bytes per wall second; the anchor is the target itself.
 */

import { performance } from 'node:perf_hooks';
import { check, type Session } from './node-tcp';
import { AF_INET, htons, inet_tcp, inet_udp, SOCK_STREAM, sockaddr, SOCKADDR_IN_SIZE, zsock_close, zsock_connect, zsock_init, zsock_send, zsock_socket } from '../lib/index';
import { createMockNetwork, tcpServer, type TcpOptions } from '../ports/node-mock/index';

export async function simBulk(roundBytes: number, write: number, tcp: Partial<TcpOptions>): Promise<Session> {
  const net = createMockNetwork({ seed: 11, tcp });
  const sender = net.host('sender', { ipv4: '10.0.0.2' });
  const receiver = net.host('receiver', { ipv4: '10.0.0.1' });
  net.link(sender, receiver, {});
  let got = 0;
  let wanted = 0;
  let done: (() => void) | null = null;
  const sink = tcpServer(receiver, 5001, {
    onData(_c, data) {
      got += data.length;
      if (got >= wanted && done) {
        const d = done;
        done = null;
        d();
      }
    },
  });
  zsock_init(net.port(sender), [inet_tcp, inet_udp]);
  const fd = check(zsock_socket(AF_INET, SOCK_STREAM, 0), 'socket');
  const to = new sockaddr();
  to.sin_family = AF_INET;
  to.sin_port = htons(5001);
  to.sin_addr.s4_addr.set([10, 0, 0, 1]);
  check(await net.runUntil(zsock_connect(fd, to, SOCKADDR_IN_SIZE)), 'connect');
  const out = new Uint8Array(write).fill(0x6b);
  return {
    async round() {
      wanted = got + roundBytes;
      const start = performance.now();
      const work = (async () => {
        const received = new Promise<void>((r) => (done = r));
        for (let sent = 0; sent < roundBytes; sent += write) {
          for (let off = 0; off < write; ) off += check(await zsock_send(fd, off === 0 ? out : out.subarray(off), write - off, 0), 'send');
        }
        await received;
      })();
      await net.runUntil(work, { timeout: 1e12 });
      return roundBytes / ((performance.now() - start) / 1000) / 1e9;
    },
    async close() {
      zsock_close(fd);
      await net.runUntilIdle();
      sink.close();
    },
  };
}
