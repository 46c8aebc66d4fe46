/**
 * The sntp_client sample as a device program: one query to `peer`:`port`
 * (123 unless set), printing the status and the time as the C sample does.
 */

import { AF_INET, AF_INET6, htons, inet_udp, sockaddr, SOCKADDR_IN6_SIZE, SOCKADDR_IN_SIZE, zsock_inet_pton, zsock_init } from 'zsockjs';
import { platform_port, platform_print, platform_setting } from 'zsockjs/platform';
import { sntp_close, sntp_ctx_new, sntp_init, sntp_query, type sntp_time } from '../sntp_client';

/** The C sample waits four seconds for an answer. */
const QUERY_TIMEOUT_MS = 4000;

export default async function main(): Promise<number> {
  zsock_init(platform_port(), [inet_udp]);
  const peer = platform_setting('peer') || '192.0.2.2';
  const family = peer.indexOf(':') >= 0 ? AF_INET6 : AF_INET;
  const addr = new sockaddr();
  addr.sa_family = family;
  addr.sin_port = htons(Number(platform_setting('port') || '123'));
  zsock_inet_pton(family, peer, family === AF_INET ? addr.sin_addr : addr.sin6_addr);
  const ctx = sntp_ctx_new();
  let status = await sntp_init(ctx, addr, family === AF_INET ? SOCKADDR_IN_SIZE : SOCKADDR_IN6_SIZE);
  if (status < 0) {
    platform_print(`Failed to init SNTP ctx: ${status}`);
    return 1;
  }
  const time: sntp_time = { seconds: 0, fraction: 0 };
  status = await sntp_query(ctx, QUERY_TIMEOUT_MS, time);
  platform_print(`SNTP status: ${status}`);
  if (status === 0) platform_print(`time since Epoch: ${time.seconds} s, fraction ${time.fraction}`);
  sntp_close(ctx);
  return status === 0 ? 0 : 1;
}
