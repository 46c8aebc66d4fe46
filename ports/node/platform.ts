/**
 * `zsockjs/platform` on a host with real sockets: the Node port, settings
 * from the environment (`ZSOCK_PEER` for the setting "peer").
 *
 * @module
 */

import type { Port } from '../../lib/port';
import { createNodePort } from './index';

let port: Port | null = null;

/**
 * This device's port: the Node port (real sockets), made on first call. The `zsockjs/platform` contract (docs/decisions/platform.md); no Zephyr counterpart. Synchronous.
 */
export function platform_port(): Port {
  if (!port) port = createNodePort();
  return port;
}

/**
 * Prints one line where the platform prints (console.log). zsockjs only. Synchronous.
 */
export function platform_print(line: string): void {
  console.log(line);
}

/**
 * A deployment setting by name, or undefined: the environment variable ZSOCK_<NAME> ("peer" reads ZSOCK_PEER). zsockjs only. Synchronous.
 */
export function platform_setting(name: string): string | undefined {
  return process.env['ZSOCK_' + name.toUpperCase()];
}
