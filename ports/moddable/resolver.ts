/**
 * Names through the platform's resolver (`Net.resolve` of Moddable's net
 * module: lwIP's DNS client on the device). It answers one IPv4 address per
 * name, or none.
 */
import { DNS_EAI_FAMILY, DNS_EAI_NONAME } from '../../lib/constants';
import type { PortResolver } from '../../lib/port';
import { ipv4Bytes, AF_INET } from './address';
import type { NetModule } from './host';

const AF_UNSPEC = 0;

export class NetResolver implements PortResolver {
  private readonly net: NetModule;
  private readonly defer: (callback: () => void) => void;

  constructor(net: NetModule, defer: (callback: () => void) => void) {
    this.net = net;
    this.defer = defer;
  }

  resolve(host: string, family: number, done: (result: Uint8Array[] | number) => void): void {
    if (family !== AF_INET && family !== AF_UNSPEC) {
      this.defer(() => done(DNS_EAI_FAMILY));
      return;
    }
    let answered = false;
    const answer = (_name: string, address: string | undefined): void => {
      if (answered) return;
      answered = true;
      const bytes = ipv4Bytes(address);
      done(bytes ? [bytes] : DNS_EAI_NONAME);
    };
    try {
      this.net.resolve(host, answer);
    } catch {
      // The resolver's queue is full, or the name is not one it takes.
      answered = true;
      this.defer(() => done(DNS_EAI_NONAME));
    }
  }
}
