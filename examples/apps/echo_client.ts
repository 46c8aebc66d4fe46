/**
 * The echo_client sample as a device program: the same file runs on the
 * simulated network, on real sockets, on Moddable and on Espruino; its
 * target's build supplies `zsockjs/platform`. Settings: `peer` (an IP
 * literal of the echo server), `rounds`.
 */

import { inet_tcp, inet_udp, zsock_init } from 'zsockjs';
import { platform_port, platform_print, platform_setting } from 'zsockjs/platform';
import { run_echo_client } from '../echo_client';

export default async function main(): Promise<number> {
  zsock_init(platform_port(), [inet_tcp, inet_udp]);
  const peer = platform_setting('peer') || '192.0.2.2';
  const rounds = Number(platform_setting('rounds') || '4');
  const results = await run_echo_client(peer, rounds, platform_print);
  for (let i = 0; i < results.length; i++) {
    if (results[i]!.verified !== results[i]!.sent) return 1;
  }
  return 0;
}
