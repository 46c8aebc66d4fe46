/** The conformance Target for the moddable port over the emulated classes on Node's sockets. */
import { inet_tcp, inet_udp, zsock_init } from '../../lib/index';
import { createNodePort } from '../../ports/node';
import { createModdablePort } from '../../ports/moddable/index';
import type { Target } from '../conformance/target';
import { emulateModdable } from './emulation';
import { moddableTraits, type ModdableSession } from './mock-target';

export { moddableMockTarget } from './mock-target';

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
