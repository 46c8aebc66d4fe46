/** IPv4 text and bytes for Espruino's string addresses, and its error codes as errno. */
import { ECONNREFUSED, ECONNRESET, EHOSTUNREACH, ENOMEM, ETIMEDOUT } from '../../lib/errno';
import type { Endpoint } from '../../lib/port';
import type { EspruinoError } from './runtime';

export const AF_INET = 1;

export function ipv4_text(addr: Uint8Array): string {
  return addr[0] + '.' + addr[1] + '.' + addr[2] + '.' + addr[3];
}

/** "a.b.c.d" as 4 bytes, or null when it is not a dotted quad. */
export function ipv4_bytes(text: string): Uint8Array | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = parts[i]!;
    if (part.length === 0 || part.length > 3) return null;
    let value = 0;
    for (let j = 0; j < part.length; j++) {
      const digit = part.charCodeAt(j) - 48;
      if (digit < 0 || digit > 9) return null;
      value = value * 10 + digit;
    }
    if (value > 255) return null;
    out[i] = value;
  }
  return out;
}

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
