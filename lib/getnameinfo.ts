/**
 * zsock_getnameinfo: a socket address to host and service text.
 *
 * C's `getnameinfo(sa, len, host, sizeof(host), serv, sizeof(serv), flags)`
 * becomes `zsock_getnameinfo(sa, len, host, NI_MAXHOST, serv, NI_MAXSERV,
 * flags)` with `const host = { value: '' }` (either may be null). It is
 * synchronous and returns 0 or a DNS_EAI_* code.
 *
 * As Zephyr, the host is always numeric (inet_ntop's text): there is no
 * reverse DNS. Zephyr ignores flags and addrlen; here they are read as
 * POSIX reads them:
 * - NI_NAMEREQD without NI_NUMERICHOST: no name can be found without a
 *   reverse lookup, so DNS_EAI_NONAME (POSIX);
 * - the service is a name from the built-in table (lib/services.ts; TCP's,
 *   or UDP's with NI_DGRAM) unless NI_NUMERICSERV or the port has none;
 * - a null addr, a family other than AF_INET/AF_INET6, or addrlen shorter
 *   than its sockaddr, is DNS_EAI_FAMILY (Zephyr: DNS_EAI_SYSTEM from inet_ntop);
 * - text that does not fit hostlen/servlen (with its NUL) is
 *   DNS_EAI_OVERFLOW (Zephyr truncates or overruns);
 * - unknown flag bits are DNS_EAI_BADFLAGS; host and serv both null is
 *   DNS_EAI_NONAME.
 * Nothing is written unless the call succeeds.
 */

import {
  AF_INET,
  AF_INET6,
  DNS_EAI_BADFLAGS,
  DNS_EAI_FAMILY,
  DNS_EAI_NONAME,
  DNS_EAI_OVERFLOW,
  NI_DGRAM,
  NI_NAMEREQD,
  NI_NOFQDN,
  NI_NUMERICHOST,
  NI_NUMERICSERV,
} from './constants';
import { zsock_inet_ntop, type StringRef } from './inet_ntop';
import { SERVICE_TCP, SERVICE_UDP, service_by_port } from './services';
import { SOCKADDR_IN6_SIZE, SOCKADDR_IN_SIZE, type sockaddr } from './sockaddr';

const KNOWN_FLAGS = NI_NUMERICHOST | NI_NUMERICSERV | NI_NOFQDN | NI_NAMEREQD | NI_DGRAM;
/** Longest text inet_ntop writes, NUL included: no size check there, ours comes after. */
const NTOP_ROOM = 64;

function need_ref(ref: unknown, what: string): void {
  if (ref !== null && !(ref && typeof ref === 'object')) throw new TypeError(what + ' must be an object with a value field, or null');
}

/**
 * Writes the numeric host of `addr` into `host.value` and its service (a name such as "http" unless NI_NUMERICSERV) into `serv.value`, within `hostlen` and `servlen`. There is no reverse lookup: NI_NAMEREQD without NI_NUMERICHOST answers DNS_EAI_NONAME.
 * Mirrors `zsock_getnameinfo` of include/zephyr/net/socket.h (POSIX name `getnameinfo`). Synchronous: 0 or a DNS_EAI_* code (DNS_EAI_FAMILY, DNS_EAI_OVERFLOW, DNS_EAI_NONAME, DNS_EAI_BADFLAGS).
 */
export function zsock_getnameinfo(
  addr: sockaddr | null,
  addrlen: number,
  host: StringRef | null,
  hostlen: number,
  serv: StringRef | null,
  servlen: number,
  flags: number,
): number {
  // NULL compiles in C; POSIX (glibc) answers it as a bad family.
  if (addr === null) return DNS_EAI_FAMILY;
  if (!(addr && typeof addr === 'object' && 'sa_family' in addr && addr.bytes)) throw new TypeError('address must be a sockaddr');
  if (typeof addrlen !== 'number' || typeof hostlen !== 'number' || typeof servlen !== 'number' || typeof flags !== 'number') {
    throw new TypeError('lengths and flags must be numbers');
  }
  need_ref(host, 'host');
  need_ref(serv, 'serv');
  if (flags & ~KNOWN_FLAGS) return DNS_EAI_BADFLAGS;
  const family = addr.sa_family;
  if (family === AF_INET ? addrlen < SOCKADDR_IN_SIZE : family !== AF_INET6 || addrlen < SOCKADDR_IN6_SIZE) {
    return DNS_EAI_FAMILY;
  }
  if (!host && !serv) return DNS_EAI_NONAME;
  let hostText = '';
  if (host) {
    if (flags & NI_NAMEREQD && !(flags & NI_NUMERICHOST)) return DNS_EAI_NONAME;
    hostText = zsock_inet_ntop(family, family === AF_INET ? addr.sin_addr : addr.sin6_addr, null, NTOP_ROOM)!;
    if (hostText.length + 1 > hostlen) return DNS_EAI_OVERFLOW;
  }
  let servText = '';
  if (serv) {
    const port = (addr.bytes[2]! << 8) | addr.bytes[3]!;
    const name = flags & NI_NUMERICSERV ? null : service_by_port(port, flags & NI_DGRAM ? SERVICE_UDP : SERVICE_TCP);
    servText = name || String(port);
    if (servText.length + 1 > servlen) return DNS_EAI_OVERFLOW;
  }
  if (host) host.value = hostText;
  if (serv) serv.value = servText;
  return 0;
}
