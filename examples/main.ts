/**
 * The main job: the echo_server and echo_client samples, ported to
 * zsockjs, talking to each other on the simulated network in virtual time.
 * The device runs both (one realm is one stack, as one device is); the
 * client reaches the server through the device's own IPv4 and IPv6
 * addresses and through loopback.
 */

import { inet_tcp, inet_udp, zsock_close, zsock_init } from '../lib/index';
import { createMockNetwork } from '../ports/node-mock/index';
import { run_echo_client } from './echo_client';
import { start_echo_server, type ServerStats } from './echo_server';

async function main(): Promise<number> {
  const net = createMockNetwork({ seed: 4242 });
  const device = net.host('device', { ipv4: '192.0.2.1', ipv6: '2001:db8::1' });
  const router = net.host('router', { ipv4: '192.0.2.254' });
  net.link(device, router, { latency: 5 });
  const port = net.port(device);
  zsock_init(port, [inet_tcp, inet_udp]);

  const log = (line: string): void => {
    console.log(`[${String(net.now).padStart(6)} ms] ${line}`);
  };
  const stats: ServerStats = { tcpBytes: 0, udpBytes: 0, connections: 0 };
  const server = start_echo_server(log, stats);

  const work = (async () => {
    for (const peer of ['192.0.2.1', '2001:db8::1', '127.0.0.1']) {
      await run_echo_client(peer, 24, log);
    }
  })();
  await net.runUntil(work, { timeout: 600_000 });
  for (const fd of server) zsock_close(fd);
  await net.advance(1);
  log(`server echoed ${stats.tcpBytes} TCP bytes over ${stats.connections} connections and ${stats.udpBytes} UDP bytes`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
