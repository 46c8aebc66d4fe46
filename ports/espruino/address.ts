/** IPv4 text and bytes for Espruino's string addresses, and its error codes as errno. */
import { ECONNREFUSED, ECONNRESET, EHOSTUNREACH, ENOMEM, ETIMEDOUT } from '../../lib/errno';
import type { Endpoint } from '../../lib/port';
import type { EspruinoError } from './runtime';

export { ipv4_bytes, ipv4_text } from '../../lib/ipv4_text';

export const AF_INET = 1;

export function endpoint(addr: Uint8Array, port: number): Endpoint {
  return { family: AF_INET, addr: new Uint8Array(addr), port };
}

/** Espruino's SOCKET_ERR_* codes (negative) that are not a refusal or reset. */
const SOCKET_ERR_MEM = -2;
const SOCKET_ERR_TIMEOUT = -3;
const SOCKET_ERR_NO_ROUTE = -4;
const SOCKET_ERR_NOT_FOUND = -6;

/** The errno of an `error` event: before the connection was up, a failure to reach the peer. */
export function errno_of(error: EspruinoError | undefined, connected: boolean): number {
  const code = error && typeof error.code === 'number' ? error.code : 0;
  if (code === SOCKET_ERR_TIMEOUT) return ETIMEDOUT;
  if (code === SOCKET_ERR_NO_ROUTE || code === SOCKET_ERR_NOT_FOUND) return EHOSTUNREACH;
  if (code === SOCKET_ERR_MEM) return ENOMEM;
  return connected ? ECONNRESET : ECONNREFUSED;
}
