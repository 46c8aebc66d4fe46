/** The conformance Target for the simulated network: a device host and a peer on one link. */

import { inet_tcp, inet_udp, zsock_init } from '../../lib/index';
import { createMockNetwork, type MockNetwork } from '../../ports/node-mock/index';
import type { Port } from '../../lib/port';
import type { Session, Target } from './target';

export interface MockSession extends Session {
  net: MockNetwork;
}

export function open_mock(seed = 1): MockSession {
  const net = createMockNetwork({ seed });
  const device = net.host('device', { ipv4: '192.0.2.10', ipv6: '2001:db8::10' });
  const peer = net.host('peer', { ipv4: '192.0.2.20', ipv6: '2001:db8::20' });
  net.link(device, peer);
  // A host whose every packet is lost: connects to it can only time out.
  const silent = net.host('silent', { ipv4: '192.0.2.30' });
  net.link(device, silent);
  net.partition(silent);
  return simulated_session(net, net.port(device));
}

/** Installs a stack on `port` (a host of `net`) and runs the session's time on `net`. */
export function simulated_session(net: MockNetwork, port: Port): MockSession {
  zsock_init(port, [inet_tcp, inet_udp]);
  return {
    net,
    port,
    run: <T>(promise: Promise<T>) => net.runUntil(promise, { timeout: 600_000 }),
    sleep: (ms: number) => net.advance(ms),
    close: async () => {
      zsock_init(port, []);
      await net.runUntilIdle({ limit: 600_000 });
    },
  };
}

export const mockTarget: Target = {
  name: 'node-mock',
  open: async () => open_mock(),
  traits: {
    ipv6: true,
    hostAddress: '192.0.2.10',
    unreachable: '192.0.2.30',
    multicastLoop: true,
    clientLocalName: true,
    emptyDatagrams: true,
    sendWindowFills: true,
    sharedPorts: true,
    virtualTime: true,
    receiveFlowControl: true,
  },
};
