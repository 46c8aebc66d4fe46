/**
 * `zsockjs/platform` on Moddable: the moddable port on the device's
 * runtime, `trace` for printing, settings from the app manifest's `config`
 * (mc/config). The root manifest.json maps the specifier here.
 */
import config from 'mc/config';
import type { Port } from '../../lib/port';
import { deviceHost } from './device';
import { createModdablePort } from './index';

declare function trace(text: string): void;

let port: Port | null = null;

export function platform_port(): Port {
  if (!port) port = createModdablePort(deviceHost());
  return port;
}

export function platform_print(line: string): void {
  trace(line + '\n');
}

export function platform_setting(name: string): string | undefined {
  const value = (config as Record<string, unknown>)[name];
  return value === undefined || value === null ? undefined : String(value);
}
