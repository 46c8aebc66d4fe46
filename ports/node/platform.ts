/**
 * `zsockjs/platform` on a host with real sockets: the Node port, settings
 * from the environment (`ZSOCK_PEER` for the setting "peer").
 */

import type { Port } from '../../lib/port';
import { createNodePort } from './index';

let port: Port | null = null;

export function platform_port(): Port {
  if (!port) port = createNodePort();
  return port;
}

export function platform_print(line: string): void {
  console.log(line);
}

export function platform_setting(name: string): string | undefined {
  return process.env['ZSOCK_' + name.toUpperCase()];
}
