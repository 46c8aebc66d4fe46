/**
 * Test-only Moddable runtime over a zsockjs Port (the simulated network or
 * Node's sockets as the "operating system"): the ECMA-419 classes as
 * emulated-tcp.ts / emulated-udp.ts describe, Moddable's timer module on
 * the backend's timers, the tick clock on its clock, and the net module's
 * resolver on a name table (or the backend's resolver).
 */
import { AF_INET } from '../../lib/constants';
import type { Port } from '../../lib/port';
import type { ListenerClass, ModdableHost, NetModule, TcpClass, TimerModule, UdpClass } from '../../ports/moddable/host';
import { ipv4Bytes, ipv4Text } from '../../ports/moddable/address';
import { emulatedTcpClasses, type EmulationStats } from './emulated-tcp';
import { emulatedUdpClass } from './emulated-udp';

export interface EmulationOptions {
  /** Names Net.resolve answers; others go to the backend's resolver, if any. */
  names?: Record<string, string>;
  /** What Net.get('IP') answers. */
  ip?: string;
  dns?: string[];
}

export interface Emulation {
  host: ModdableHost;
  stats: EmulationStats;
}

export function emulateModdable(backend: Port, options: EmulationOptions = {}): Emulation {
  const stats: EmulationStats = { lostBytes: 0, live: new Set() };
  const { TCP, Listener } = emulatedTcpClasses(backend, stats);
  const UDP = emulatedUdpClass(backend, stats);
  const Timer: TimerModule = {
    set(callback: () => void, interval = 0): unknown {
      const handle: { id: unknown } = { id: null };
      handle.id = backend.setTimer(interval, () => {
        stats.live.delete(handle);
        callback();
      });
      stats.live.add(handle);
      return handle;
    },
    clear(timer: unknown): void {
      const handle = timer as { id: unknown } | null;
      if (!handle || !stats.live.has(handle)) return;
      stats.live.delete(handle);
      backend.clearTimer(handle.id);
    },
  };
  const names = options.names || {};
  const Net = {
    resolve(host: string, callback: (name: string, address: string | undefined) => void): void {
      const known = Object.prototype.hasOwnProperty.call(names, host) ? names[host] : undefined;
      const literal = ipv4Bytes(host) ? host : undefined;
      if (known || literal || !backend.resolver) {
        backend.setTimer(0, () => callback(host, known || literal));
        return;
      }
      backend.resolver.resolve(host, AF_INET, (result) => {
        callback(host, typeof result === 'number' || result.length === 0 ? undefined : ipv4Text(result[0]!));
      });
    },
    get(what: string): string | string[] | undefined {
      if (what === 'IP') return options.ip;
      if (what === 'DNS') return options.dns;
      return undefined;
    },
  } as NetModule;
  return {
    stats,
    host: {
      TCP: TCP as unknown as TcpClass,
      Listener: Listener as unknown as ListenerClass,
      UDP: UDP as unknown as UdpClass,
      Timer,
      ticks: () => backend.now(),
      Net,
    },
  };
}
