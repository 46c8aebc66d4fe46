/**
 * Test-only Moddable runtime over a zsockjs Port (the simulated network or
 * Node's sockets as the "operating system"): the ECMA-419 classes as
 * emulated-tcp.ts / emulated-udp.ts describe, Moddable's timer module and
 * the sockets' tasks on one timer service as emulated-timers.ts describes, the tick clock on its clock, and the net module's
 * resolver on a name table (or the backend's resolver).
 */
import { AF_INET } from '../../lib/constants';
import type { Port } from '../../lib/port';
import type { ListenerClass, ModdableHost, NetModule, TcpClass, TimerModule, UdpClass } from '../../ports/moddable/host';
import { ipv4Bytes, ipv4Text } from '../../ports/moddable/address';
import { emulatedTcpClasses, type EmulationStats } from './emulated-tcp';
import { emulatedUdpClass } from './emulated-udp';
import { TimerService } from './emulated-timers';

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
  const timers = new TimerService(backend);
  const { TCP, Listener } = emulatedTcpClasses(backend, timers, stats);
  const UDP = emulatedUdpClass(backend, timers, stats);
  const Timer: TimerModule = {
    set(callback: () => void, interval = 0): unknown {
      const entry = timers.add(interval, () => {
        stats.live.delete(entry);
        callback();
      });
      stats.live.add(entry);
      return entry;
    },
    clear(timer: unknown): void {
      if (!timers.has(timer)) return;
      stats.live.delete(timer);
      timers.remove(timer);
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
