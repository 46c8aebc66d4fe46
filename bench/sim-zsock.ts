/**
 * Bulk TCP through the zsock API on the simulated network: the core runs on
 * host "sender" (zsock_socket, zsock_connect, zsock_send in 64 KiB writes)
 * and a sink on host "receiver" reads them at the port level (the core is
 * one instance per realm, so only one of the two hosts can speak zsock).
 * Payload bytes per wall second; the anchor is the target itself.
 */

import { performance } from 'node:perf_hooks';
import { check, type Session } from './node-tcp';
import { AF_INET, htons, inet_tcp, inet_udp, SOCK_STREAM, sockaddr, SOCKADDR_IN_SIZE, zsock_close, zsock_connect, zsock_init, zsock_send, zsock_socket } from '../lib/index';
import type { TcpConnection, TcpEvents } from '../lib/port';
import { AF_INET as MOCK_AF_INET, createMockNetwork, type TcpOptions } from '../ports/node-mock/index';
import { bulkTransfer } from './mock-network';

export async function simBulk(roundBytes: number, write: number, tcp: Partial<TcpOptions>): Promise<Session> {
  const net = createMockNetwork({ seed: 11, tcp });
  const sender = net.host('sender', { ipv4: '10.0.0.2' });
  const receiver = net.host('receiver', { ipv4: '10.0.0.1' });
  net.link(sender, receiver, {});
  let got = 0;
  let wanted = 0;
  let done: (() => void) | null = null;
  // The sink reads at the port level into one reused buffer, as bench/mock-network.ts does, so the receiver costs little.
  const readBuffer = new Uint8Array(256 * 1024);
  let conn: TcpConnection | null = null;
  const sinkEvents: TcpEvents = {
    connected() {},
    readable() {
      for (let i = 0; i < 1 << 20 && conn; i++) {
        const n = conn.read(readBuffer);
        if (n === 0) break;
        got += n;
      }
      if (got >= wanted && done) {
        const d = done;
        done = null;
        d();
      }
    },
    writable() {},
    error(code) {
      throw new Error(`sink error ${code}`);
    },
  };
  const listenerOrErrno = net.port(receiver).tcpListen({ family: MOCK_AF_INET, addr: new Uint8Array(4), port: 5001 }, 1, {
    acceptable() {
      conn = listener.accept(sinkEvents);
    },
    error() {},
  });
  if (typeof listenerOrErrno === 'number') throw new Error(`sink listen: errno ${listenerOrErrno}`);
  const listener = listenerOrErrno;
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
      listener.close();
    },
  };
}

/** The same transfer driven at the port level (bench/mock-network.ts), a fresh network per round: the simulator's own speed. */
export async function portLevelBulk(roundBytes: number, tcp: Partial<TcpOptions>): Promise<Session> {
  return {
    round: async () => bulkTransfer('port level', roundBytes, tcp, {}).bytesPerSecond / 1e9,
    close: async () => undefined,
  };
}
