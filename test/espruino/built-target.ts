/**
 * The conformance Target for the Espruino port, running the Espruino
 * library build (tools/espruino-build.mjs --library), not the TypeScript
 * source, over the emulated net/dgram on the simulated network.
 */
import { join } from 'node:path';
import type { Port } from '../../lib/port';
import { createMockNetwork } from '../../ports/node-mock/index';
import type { Session, Target } from '../conformance/target';
import { build_espruino, run_built } from './built';
import { EspruinoEmulation, type EmulationOptions } from './emulation';

let current: EspruinoEmulation | null = null;
let library: Record<string, unknown> | null = null;

/** The library build's exports (built once per test file). */
export async function espruino_library(): Promise<Record<string, unknown>> {
  if (!library) {
    const built = await build_espruino(join(__dirname, '../../ports/espruino/library.ts'), 'module');
    library = run_built(built.code, () => current);
  }
  return library;
}

export interface EspruinoSession extends Session {
  emulation: EspruinoEmulation;
}

export async function open_espruino(options?: EmulationOptions): Promise<EspruinoSession> {
  const lib = await espruino_library();
  const net = createMockNetwork({ seed: 1 });
  const device = net.host('device', { ipv4: '192.0.2.10' });
  const peer = net.host('peer', { ipv4: '192.0.2.20' });
  net.link(device, peer);
  const emulation = new EspruinoEmulation(net, device, options);
  current = emulation;
  const port = (lib['createEspruinoPort'] as (o: object) => Port)({ addresses: ['192.0.2.10'] });
  const init = lib['zsock_init'] as (port: Port, providers: unknown[]) => void;
  init(port, [lib['inet_tcp'], lib['inet_udp']]);
  return {
    port,
    emulation,
    run: <T>(promise: Promise<T>) => net.runUntil(promise, { timeout: 600_000 }),
    sleep: (ms: number) => net.advance(ms),
    close: async () => {
      init(port, []);
      await net.runUntilIdle({ limit: 600_000 });
    },
  };
}

const ESPRUINO_TRAITS: Target['traits'] = {
  ipv6: false,
  hostAddress: '192.0.2.10',
  unreachable: null,
  multicastLoop: false,
  virtualTime: true,
  receiveFlowControl: false,
  clientLocalName: true,
  emptyDatagrams: true,
  sharedPorts: true,
  sendWindowFills: true,
};

/** Linux's interpreter: a refused connect throws inside net.connect. */
export const espruinoTarget: Target = {
  name: 'espruino (built, emulated net/dgram)',
  open: () => open_espruino(),
  traits: ESPRUINO_TRAITS,
};

/** A board's interpreter: a refused connect fires `error` later. */
export const espruinoBoardTarget: Target = {
  name: 'espruino (built, emulated net/dgram, refusal as an error event)',
  open: () => open_espruino({ refusedConnect: 'error' }),
  traits: ESPRUINO_TRAITS,
};
