/**
 * The echo_server sample as a device program: TCP and UDP echo on port
 * 4242 until the device stops. Settings: `ipv6` ("0" serves IPv4 only, for
 * platforms without IPv6).
 */

import { inet_tcp, inet_udp, zsock_init } from 'zsockjs';
import { platform_port, platform_print, platform_setting } from 'zsockjs/platform';
import { start_echo_server, type ServerStats } from '../echo_server';

export default async function main(): Promise<number> {
  zsock_init(platform_port(), [inet_tcp, inet_udp]);
  const stats: ServerStats = { tcpBytes: 0, udpBytes: 0, connections: 0 };
  start_echo_server(platform_print, stats, platform_setting('ipv6') !== '0');
  return 0;
}
