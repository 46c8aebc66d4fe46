/** Host names resolved through the system's resolver (getaddrinfo, via dns.lookup). */
import { lookup, type LookupAddress } from 'node:dns';
import type { PortResolver } from '../../lib/port';
import { AF_INET, AF_INET6, AF_UNSPEC, textToAddress } from './address';

import {
  DNS_EAI_AGAIN,
  DNS_EAI_BADFLAGS,
  DNS_EAI_FAIL,
  DNS_EAI_FAMILY,
  DNS_EAI_MEMORY,
  DNS_EAI_NODATA,
  DNS_EAI_NONAME,
  DNS_EAI_SYSTEM,
} from '../../lib/constants';

export { DNS_EAI_AGAIN, DNS_EAI_FAIL, DNS_EAI_FAMILY, DNS_EAI_MEMORY, DNS_EAI_NODATA, DNS_EAI_NONAME, DNS_EAI_SYSTEM };

/**
 * The DNS_EAI_* code for a dns.lookup error. Node reports both EAI_NONAME
 * and EAI_NODATA as 'ENOTFOUND', so those come back as DNS_EAI_NONAME.
 */
export function eaiFromNodeError(error: unknown): number {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_NONAME':
      return DNS_EAI_NONAME;
    case 'EAI_NODATA':
      return DNS_EAI_NODATA;
    case 'EAI_AGAIN':
      return DNS_EAI_AGAIN;
    case 'EAI_FAIL':
      return DNS_EAI_FAIL;
    case 'EAI_FAMILY':
    case 'EAI_ADDRFAMILY':
      return DNS_EAI_FAMILY;
    case 'EAI_BADFLAGS':
      return DNS_EAI_BADFLAGS;
    case 'EAI_MEMORY':
      return DNS_EAI_MEMORY;
    case 'EAI_SYSTEM':
      return DNS_EAI_SYSTEM;
    default:
      return DNS_EAI_FAIL;
  }
}

function lookupFamily(family: number): 0 | 4 | 6 | -1 {
  return family === AF_UNSPEC ? 0 : family === AF_INET ? 4 : family === AF_INET6 ? 6 : -1;
}

export class NodeResolver implements PortResolver {
  resolve(host: string, family: number, done: (result: Uint8Array[] | number) => void): void {
    const nodeFamily = lookupFamily(family);
    if (nodeFamily < 0) {
      process.nextTick(done, DNS_EAI_FAMILY);
      return;
    }
    if (host === '') {
      // dns.lookup answers '' with no addresses; getaddrinfo calls it EAI_NONAME.
      process.nextTick(done, DNS_EAI_NONAME);
      return;
    }
    try {
      lookup(host, { all: true, family: nodeFamily, order: 'verbatim' }, (error, addresses: LookupAddress[]) => {
        if (error) {
          done(eaiFromNodeError(error));
          return;
        }
        const result: Uint8Array[] = [];
        for (const { address, family: found } of addresses) {
          const bytes = textToAddress(address, found === 4 ? AF_INET : AF_INET6);
          if (bytes) result.push(bytes);
        }
        done(result.length > 0 ? result : DNS_EAI_NONAME);
      });
    } catch {
      // dns.lookup throws only for arguments getaddrinfo would reject.
      process.nextTick(done, DNS_EAI_NONAME);
    }
  }
}
