/** The worked example of docs/mock-network.md, run as written (imports made relative). */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import {
  AF_INET,
  ETIMEDOUT,
  errno,
  htons,
  inet_tcp,
  inet_udp,
  IPPROTO_TCP,
  SOCK_STREAM,
  sockaddr,
  SOCKADDR_IN_SIZE,
  zsock_close,
  zsock_connect,
  zsock_init,
  zsock_inet_pton,
  zsock_recv,
  zsock_send,
  zsock_socket,
} from '../../lib/index';
import { createMockNetwork, tcpEchoServer } from '../../ports/node-mock';
import { writePcapFile } from '../../ports/node-mock/pcap-file';

it('runs the documented example', async () => {
  // --- example starts ---
  const net = createMockNetwork({ seed: 7 });
  const device = net.host('device', { ipv4: '192.168.1.50' });
  const broker = net.host('broker', { ipv4: '192.168.1.10' });
  const wifi = net.link(device, broker, { latency: 15, jitter: 5, loss: 0.02, bandwidth: 2_000_000 });
  tcpEchoServer(broker, 7);
  zsock_init(net.port(device), [inet_tcp, inet_udp]);
  const capture = net.capture();

  async function echo(message: Uint8Array): Promise<Uint8Array> {
    const fd = zsock_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    const to = new sockaddr();
    to.sin_family = AF_INET;
    to.sin_port = htons(7);
    zsock_inet_pton(AF_INET, '192.168.1.10', to.sin_addr);
    if ((await zsock_connect(fd, to, SOCKADDR_IN_SIZE)) < 0) throw new Error(`connect: errno ${errno}`);
    for (let sent = 0; sent < message.length; ) {
      const n = await zsock_send(fd, message.subarray(sent), message.length - sent, 0);
      if (n < 0) throw new Error(`send: errno ${errno}`);
      sent += n;
    }
    const reply = new Uint8Array(message.length);
    for (let got = 0; got < reply.length; ) {
      const n = await zsock_recv(fd, reply.subarray(got), reply.length - got, 0);
      if (n <= 0) throw new Error(`recv: ${n < 0 ? `errno ${errno}` : 'EOF'}`);
      got += n;
    }
    zsock_close(fd);
    return reply;
  }

  const message = new Uint8Array(20_000).map((_, i) => i % 251);
  // 20 KB over a lossy 2 Mbit/s link: retransmissions included, still whole.
  const reply = await net.runUntil(echo(message), { timeout: 60_000 });
  expect(reply).toEqual(message);

  // Worse Wi-Fi mid-test, then no Wi-Fi at all: the connect gives up.
  wifi.set({ loss: 0.3 });
  expect(await net.runUntil(echo(message.subarray(0, 1000)), { timeout: 600_000 })).toEqual(message.subarray(0, 1000));
  net.partition(device, broker);
  await expect(net.runUntil(echo(message), { timeout: 600_000 })).rejects.toThrow(`connect: errno ${ETIMEDOUT}`);

  const dir = mkdtempSync(join(tmpdir(), 'zsock-example-'));
  await writePcapFile(join(dir, 'example.pcap'), capture); // open it in Wireshark
  // --- example ends ---
  expect(readFileSync(join(dir, 'example.pcap')).length).toBe(capture.toBytes().length);
  rmSync(dir, { recursive: true, force: true });
  zsock_init(net.port(device), []);
});
