/**
 * The http_get sample as a device program: GETs `path` from `peer`:`port`
 * and prints the status line and the number of bytes received.
 */

import { errno, inet_tcp, zsock_init } from 'zsockjs';
import { platform_port, platform_print, platform_setting } from 'zsockjs/platform';
import { http_get } from '../http_get';

export default async function main(): Promise<number> {
  zsock_init(platform_port(), [inet_tcp]);
  const peer = platform_setting('peer') || '192.0.2.2';
  const port = Number(platform_setting('port') || '80');
  const path = platform_setting('path') || '/';
  let status = '';
  let statusDone = false;
  const total = await http_get(peer, port, path, (chunk) => {
    for (let i = 0; i < chunk.length && !statusDone; i++) {
      if (chunk[i] === 13 || chunk[i] === 10) statusDone = true;
      else status += String.fromCharCode(chunk[i]!);
    }
  });
  if (total < 0) {
    platform_print(`http_get: failed, errno ${errno}`);
    return 1;
  }
  platform_print(`http_get: ${status}`);
  platform_print(`http_get: ${total} bytes received`);
  return status.indexOf(' 200 ') > 0 ? 0 : 1;
}
