/**
 * `zsockjs/platform` on the simulated network: the harness that builds the
 * network names the port and settings of the device this realm plays.
 *
 * @module
 */

import type { Port } from '../../lib/port';

let devicePort: Port | null = null;
let deviceSettings: Record<string, string> = {};
let devicePrint: ((line: string) => void) | null = null;

/**
 * Makes `port` (a simulated host's) the platform of this realm; `print`
 * takes the program's lines (the simulated network uses no host global).
 */
export function mock_platform_install(
  port: Port,
  print: (line: string) => void,
  settings: Record<string, string> = {},
): void {
  devicePort = port;
  devicePrint = print;
  deviceSettings = settings;
}

/**
 * This device's port: the simulated host installed by mock_platform_install; throws a TypeError before one is. The `zsockjs/platform` contract (docs/decisions/platform.md); no Zephyr counterpart. Synchronous.
 */
export function platform_port(): Port {
  if (!devicePort) throw new TypeError('zsockjs/platform: no simulated device installed (mock_platform_install)');
  return devicePort;
}

/**
 * Prints one line where the platform prints (the print function given to mock_platform_install). zsockjs only. Synchronous.
 */
export function platform_print(line: string): void {
  if (!devicePrint) throw new TypeError('zsockjs/platform: no simulated device installed (mock_platform_install)');
  devicePrint(line);
}

/**
 * A deployment setting by name, or undefined: from the settings given to mock_platform_install. zsockjs only. Synchronous.
 */
export function platform_setting(name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(deviceSettings, name) ? deviceSettings[name] : undefined;
}
