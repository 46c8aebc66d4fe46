/**
 * Conformance Targets for the moddable port over the emulated ECMA-419
 * classes: on the simulated network (virtual time) and on Node's sockets.
 */
import { inet_tcp, inet_udp, zsock_init } from '../../lib/index';
import { createMockNetwork } from '../../ports/node-mock/index';
import { createNodePort } from '../../ports/node';
import { createModdablePort } from '../../ports/moddable/index';
import type { Session, Target } from '../conformance/target';
import { emulateModdable, type Emulation } from './emulation';

export interface ModdableSession extends Session {
  emulation: Emulation;
}

/** What ECMA-419 cannot do, declared once for both backends. */
const moddableTraits = {
  ipv6: false,
  multicastLoop: false,
  clientLocalName: false,
  emptyDatagrams: false,
  abortiveClose: false,
};

export function open_moddable_mock(seed = 1): ModdableSession {
  const net = createMockNetwork({ seed });
  const device = net.host('device', { ipv4: '192.0.2.10' });
  const peer = net.host('peer', { ipv4: '192.0.2.20' });
  net.link(device, peer);
  const emulation = emulateModdable(net.port(device), { ip: '192.0.2.10' });
  const port = createModdablePort(emulation.host);
  zsock_init(port, [inet_tcp, inet_udp]);
  return {
    emulation,
    port,
    run: <T>(promise: Promise<T>) => net.runUntil(promise, { timeout: 600_000 }),
    sleep: (ms: number) => net.advance(ms),
    close: async () => {
      zsock_init(port, []);
      await net.runUntilIdle({ limit: 600_000 });
    },
  };
}

export const moddableMockTarget: Target = {
  name: 'moddable (emulated, simulated network)',
  open: async () => open_moddable_mock(),
  traits: { ...moddableTraits, hostAddress: '192.0.2.10', unreachable: '198.51.100.1', virtualTime: true, sendWindowFills: true },
};

export const moddableNodeTarget: Target = {
  name: 'moddable (emulated, Node sockets)',
  open: async () => {
    // Small buffers under the classes, as a device has, so a full window shows soon.
    const emulation = emulateModdable(createNodePort({ tcpReceiveBuffer: 4096, tcpSendBuffer: 4096 }));
    const port = createModdablePort(emulation.host);
    zsock_init(port, [inet_tcp, inet_udp]);
    const session: ModdableSession = {
      emulation,
      port,
      run: <T>(promise: Promise<T>) => promise,
      sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
      close: async () => {
        zsock_init(port, []);
        await new Promise<void>((resolve) => setTimeout(resolve, 50));
      },
    };
    return session;
  },
  // 1536 bytes a tick do not fill Linux's loopback buffers within the test's 200 sends.
  traits: { ...moddableTraits, hostAddress: null, unreachable: null, virtualTime: false, sendWindowFills: false },
};
