/**
 * The contract of the `zsockjs/platform` module: what an application asks of
 * the target it runs on. Every target's build resolves that one specifier to
 * its own module (docs/decisions/platform.md), so an application's source
 * does not change between the host, the simulated network and a device.
 */

import type { Port } from './port';

export interface PlatformModule {
  /** This device's port, made on first call (never at module load). */
  platform_port(): Port;
  /** Prints one line where the platform prints (console, trace, …). */
  platform_print(line: string): void;
  /** A deployment setting (peer address, …) by name, or undefined. */
  platform_setting(name: string): string | undefined;
}
