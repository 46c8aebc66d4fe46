/**
 * `zsockjs/platform` on Espruino: the Espruino port, print() for output, and
 * the settings the Espruino build was given (`--setting peer=...`), which it
 * writes into the bundle as ZSOCK_SETTINGS.
 */
import type { Port } from '../../lib/port';
import { createEspruinoPort } from './index';

declare const ZSOCK_SETTINGS: Record<string, string> | undefined;
declare function print(line: string): void;

let port: Port | null = null;

function settings(): Record<string, string> {
  return typeof ZSOCK_SETTINGS === 'object' && ZSOCK_SETTINGS ? ZSOCK_SETTINGS : {};
}

export function platform_port(): Port {
  if (!port) {
    const all = settings();
    port = createEspruinoPort({
      addresses: all['address'] ? [all['address']] : undefined,
      dnsServers: all['dns'] ? [all['dns']] : undefined,
    });
  }
  return port;
}

export function platform_print(line: string): void {
  print(line);
}

export function platform_setting(name: string): string | undefined {
  const all = settings();
  return Object.prototype.hasOwnProperty.call(all, name) ? all[name] : undefined;
}
