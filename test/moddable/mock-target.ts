/**
 * The conformance Target for the moddable port over the emulated classes on
 * the simulated network. No Node module here: test/xs bundles it for XS.
 */
import { createMockNetwork } from '../../ports/node-mock/index';
import { createModdablePort } from '../../ports/moddable/index';
import { simulated_session } from '../conformance/mock-target';
import type { Session, Target } from '../conformance/target';
import { emulateModdable, type Emulation } from './emulation';

export interface ModdableSession extends Session {
  emulation: Emulation;
}

/** What ECMA-419 cannot do, declared for every moddable target. */
export const moddableTraits = {
  ipv6: false,
  multicastLoop: false,
  clientLocalName: false,
  emptyDatagrams: false,
  receiveFlowControl: true,
  sharedPorts: false,
};

export function open_moddable_mock(seed = 1): ModdableSession {
  const net = createMockNetwork({ seed });
  const device = net.host('device', { ipv4: '192.0.2.10' });
  const peer = net.host('peer', { ipv4: '192.0.2.20' });
  net.link(device, peer);
  const emulation = emulateModdable(net.port(device), { ip: '192.0.2.10' });
  return { ...simulated_session(net, createModdablePort(emulation.host)), emulation };
}

export const moddableMockTarget: Target = {
  name: 'moddable (emulated, simulated network)',
  open: async () => open_moddable_mock(),
  traits: { ...moddableTraits, hostAddress: '192.0.2.10', unreachable: '198.51.100.1', virtualTime: true, sendWindowFills: true },
};
