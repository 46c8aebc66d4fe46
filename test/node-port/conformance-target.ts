/** The conformance Target for the Node port: real sockets on loopback. */
import { networkInterfaces } from 'node:os';
import { inet_tcp, inet_udp, zsock_init } from '../../lib/index';
import type { Target } from '../conformance/target';
import { createNodePort } from '../../ports/node';
import { turns } from './helpers';

function hostAddress(): string | null {
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) if (entry.family === 'IPv4' && !entry.internal) return entry.address;
  }
  return null;
}

export const nodeTarget: Target = {
  name: 'node',
  open: async () => {
    const port = createNodePort();
    zsock_init(port, [inet_tcp, inet_udp]);
    return {
      port,
      run: <T>(promise: Promise<T>) => promise,
      sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
      close: async () => {
        zsock_init(port, []);
        await turns(5);
      },
    };
  },
  traits: {
    ipv6: true,
    hostAddress: hostAddress(),
    // Loopback has no address that drops packets, and whether multicast
    // loops back depends on the host's routes: node-netns.test.ts runs
    // those checks in a namespace that has both.
    unreachable: null,
    multicastLoop: false,
    clientLocalName: true,
    emptyDatagrams: true,
    sendWindowFills: true,
    sharedPorts: true,
    virtualTime: false,
    receiveFlowControl: true,
  },
};
