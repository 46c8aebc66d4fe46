/**
 * zsock_getaddrinfo / zsock_freeaddrinfo: names and services to socket
 * addresses, as Zephyr's sockets/getaddrinfo.c answers them.
 *
 * C's `getaddrinfo(host, service, &hints, &res)` becomes
 * `await zsock_getaddrinfo(host, service, hints, res)` with
 * `const res = { value: null }`; the Promise gives the C return value: 0, or
 * a DNS_EAI_* code (negative). `hints` may be null or an object with any of
 * ai_flags, ai_family, ai_socktype, ai_protocol (the others are ignored, as C
 * ignores them). On success res.value is the first of a linked list of
 * zsock_addrinfo; on failure res is left alone.
 *
 * Zephyr's answers, kept:
 * - a literal address is converted without any lookup; AI_NUMERICHOST with
 *   anything else is DNS_EAI_FAIL;
 * - a family other than AF_UNSPEC/AF_INET/AF_INET6 is DNS_EAI_ADDRFAMILY;
 * - host and service both NULL is DNS_EAI_SYSTEM with errno EINVAL;
 * - NULL host with AI_PASSIVE is one wildcard entry (0.0.0.0, or :: for
 *   AF_INET6);
 * - one entry per address: socktype and protocol come from the hints, by
 *   default SOCK_STREAM/IPPROTO_TCP (no STREAM+DGRAM pair);
 * - AF_UNSPEC asks AAAA and A, and IPv6 addresses come first;
 * - AI_ADDRCONFIG asks only for families the host has an address of
 *   (loopback aside);
 * - a numeric service above 65535 is DNS_EAI_NONAME;
 * - no answer within the DNS timeout is DNS_EAI_AGAIN.
 * Where Zephyr lacks a feature, POSIX (see the README's deviations table):
 * - NULL host without AI_PASSIVE gives the loopback address (Zephyr:
 *   DNS_EAI_FAIL);
 * - service names from a small built-in table (lib/services.ts); a service
 *   fixes the socket type when the hints do not (ntp: SOCK_DGRAM); an unknown
 *   name, or one not offered over the hinted type, is DNS_EAI_SERVICE;
 *   with AI_NUMERICSERV a name is DNS_EAI_NONAME;
 * - service "0" is port 0;
 * - unknown flag bits, or AI_CANONNAME without a host, are DNS_EAI_BADFLAGS;
 *   an unknown socket type, or a protocol that contradicts it, is
 *   DNS_EAI_SOCKTYPE;
 * - a literal of the other family than hinted is DNS_EAI_ADDRFAMILY (Zephyr
 *   sends the text to DNS), or with AI_V4MAPPED and AF_INET6 an IPv4 literal
 *   becomes ::ffff:a.b.c.d;
 * - AI_V4MAPPED (AF_INET6): A answers mapped when there is no AAAA answer,
 *   and with AI_ALL as well;
 * - AI_CANONNAME: the first entry's ai_canonname is the end of the CNAME
 *   chain, else the host as given.
 *
 * Names are looked up in the static host table first (zsock_dns_add_host),
 * then through the port's native resolver when it has one and no DNS server
 * was set, else through the resolver registered with zsock_init
 * (`{ resolver: dns_client }`, lib/dns/client.ts), which needs a UDP
 * provider (inet_udp): without one the answer is DNS_EAI_SYSTEM with errno
 * EPROTONOSUPPORT, as zsock_socket would say. With neither a registered
 * resolver nor a native one, a name is DNS_EAI_FAIL, as in a Zephyr build
 * without CONFIG_DNS_RESOLVER; a program that looks up only literals
 * carries no DNS client.
 */

import {
  AF_INET,
  AF_INET6,
  AF_UNSPEC,
  AI_ADDRCONFIG,
  AI_ALL,
  AI_CANONNAME,
  AI_NUMERICHOST,
  AI_NUMERICSERV,
  AI_PASSIVE,
  AI_V4MAPPED,
  DNS_EAI_ADDRFAMILY,
  DNS_EAI_AGAIN,
  DNS_EAI_BADFLAGS,
  DNS_EAI_FAIL,
  DNS_EAI_NODATA,
  DNS_EAI_NONAME,
  DNS_EAI_SERVICE,
  DNS_EAI_SOCKTYPE,
  DNS_EAI_SYSTEM,
  IPPROTO_TCP,
  IPPROTO_UDP,
  SOCK_DGRAM,
  SOCK_RAW,
  SOCK_STREAM,
} from './constants';
import { EFAULT, EINVAL, EPROTONOSUPPORT } from './errno';
import type { DnsQuestion } from './dns/resolver';
import { dns_hosts_lookup } from './dns/hosts';
import { dns_name_length } from './dns/name';
import { zsock_inet_pton } from './inet_pton';
import type { Port } from './port';
import { SERVICE_TCP, SERVICE_UDP, service_by_name } from './services';
import { SOCKADDR_IN6_SIZE, SOCKADDR_IN_SIZE, sockaddr } from './sockaddr';
import { settle_failure, stack_port, stack_providers, stack_resolver } from './stack';

/**
 * One answer of getaddrinfo, linked by `ai_next`: family, socket type, protocol and the address (`ai_addr`, `ai_addrlen`), the canonical name on the first one when asked.
 * Mirrors struct `zsock_addrinfo` of include/zephyr/net/socket.h (POSIX name `addrinfo`).
 */
export class zsock_addrinfo {
  ai_next: zsock_addrinfo | null = null;
  ai_flags = 0;
  ai_family = 0;
  ai_socktype = 0;
  ai_protocol = 0;
  ai_addrlen = 0;
  ai_addr: sockaddr = new sockaddr();
  ai_canonname: string | null = null;
}

/**
 * What getaddrinfo reads of its hints: a zsock_addrinfo, or a plain object with some of these fields (`ai_flags` AI_*, `ai_family`, `ai_socktype`, `ai_protocol`).
 */
export interface zsock_addrinfo_hints {
  ai_flags?: number;
  ai_family?: number;
  ai_socktype?: number;
  ai_protocol?: number;
}

/**
 * `struct zsock_addrinfo **res`: getaddrinfo stores the first answer in `value`.
 */
export interface AddrinfoRef {
  value: zsock_addrinfo | null;
}

const KNOWN_FLAGS = AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | AI_V4MAPPED | AI_ALL | AI_ADDRCONFIG | AI_NUMERICSERV;
/** Links freeaddrinfo follows at most: more than any answer has, a bound against a list made circular. */
const MAX_ENTRIES = 4096;

/** What the checks decided: the entries' type, protocol and port. */
interface Request {
  flags: number;
  family: number;
  socktype: number;
  protocol: number;
  port: number;
  host: string | null;
  res: AddrinfoRef;
}

function hint(hints: zsock_addrinfo_hints | null, value: number | undefined): number {
  if (!hints || value === undefined) return 0;
  if (typeof value !== 'number') throw new TypeError('hints fields must be numbers');
  return value;
}

/** Resolves with DNS_EAI_SYSTEM and errno `code`, by the errno rule of blocking calls. */
function system_error(code: number): Promise<number> {
  return new Promise<number>((resolve) => settle_failure(() => resolve(DNS_EAI_SYSTEM), code));
}

/**
 * The port of `service` for `request` (socktype may be filled in from the
 * service), or a DNS_EAI_* code.
 */
function service_port(service: string, request: Request): number {
  let numeric = service.length > 0;
  for (let i = 0; i < service.length && numeric; i++) {
    const c = service.charCodeAt(i);
    numeric = c >= 48 && c <= 57;
  }
  if (numeric) {
    const port = service.length > 5 ? 65536 : Number(service);
    return port > 65535 ? DNS_EAI_NONAME : port;
  }
  if (request.flags & AI_NUMERICSERV) return DNS_EAI_NONAME;
  if (request.socktype === SOCK_RAW) return DNS_EAI_SERVICE;
  const found = service_by_name(service);
  if (found < 0) return DNS_EAI_SERVICE;
  const protocols = found & 3;
  if (request.socktype === 0) {
    if (request.protocol === IPPROTO_UDP || !(protocols & SERVICE_TCP)) request.socktype = SOCK_DGRAM;
  }
  const wanted = request.socktype === SOCK_DGRAM ? SERVICE_UDP : SERVICE_TCP;
  if (!(protocols & wanted)) return DNS_EAI_SERVICE;
  return found >>> 2;
}

function entry(request: Request, family: number, address: Uint8Array): zsock_addrinfo {
  const ai = new zsock_addrinfo();
  ai.ai_flags = request.flags;
  ai.ai_family = family;
  ai.ai_socktype = request.socktype;
  ai.ai_protocol = request.protocol;
  ai.ai_addrlen = family === AF_INET ? SOCKADDR_IN_SIZE : SOCKADDR_IN6_SIZE;
  const sa = ai.ai_addr;
  sa.sa_family = family;
  // sin_port holds network order, as htons() gives it.
  sa.bytes[2] = request.port >>> 8;
  sa.bytes[3] = request.port & 0xff;
  sa.bytes.set(address, 4);
  return ai;
}

function mapped(v4: Uint8Array): Uint8Array {
  const v6 = new Uint8Array(16);
  v6[10] = 0xff;
  v6[11] = 0xff;
  v6.set(v4, 12);
  return v6;
}

/** Links entries for `addresses` (4 or 16 bytes each) into res; canonname on the first when asked. */
function answer(request: Request, addresses: Uint8Array[], canonical: string): number {
  let first: zsock_addrinfo | null = null;
  let last: zsock_addrinfo | null = null;
  for (let i = 0; i < addresses.length; i++) {
    const address = addresses[i]!;
    const ai = entry(request, address.length === 4 ? AF_INET : AF_INET6, address);
    if (last) last.ai_next = ai;
    else first = ai;
    last = ai;
  }
  if (!first) return DNS_EAI_NONAME;
  if (request.flags & AI_CANONNAME) first.ai_canonname = canonical || request.host;
  request.res.value = first;
  return 0;
}

/** Whether the host has an address of `family` other than loopback (AI_ADDRCONFIG). */
function configured(port: Port, family: number): boolean {
  const list = port.localAddresses(family);
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    if (a.length === 4 ? a[0] !== 127 : !is_loopback6(a)) return true;
  }
  return false;
}

function is_loopback6(a: Uint8Array): boolean {
  for (let i = 0; i < 15; i++) if (a[i] !== 0) return false;
  return a[15] === 1;
}

/**
 * The addresses to give for `request` from lists of IPv6 and IPv4 answers:
 * IPv6 first; for AF_INET6 with AI_V4MAPPED, IPv4 ones mapped when there is
 * no IPv6 one (or always, with AI_ALL).
 */
function select(request: Request, v6: Uint8Array[], v4: Uint8Array[]): Uint8Array[] {
  if (request.family === AF_INET) return v4;
  if (request.family === AF_INET6) {
    if (!(request.flags & AI_V4MAPPED) || (v6.length > 0 && !(request.flags & AI_ALL))) return v6;
    const out = v6.slice();
    for (let i = 0; i < v4.length; i++) out.push(mapped(v4[i]!));
    return out;
  }
  return v6.concat(v4);
}

function split(addresses: Uint8Array[], v6: Uint8Array[], v4: Uint8Array[]): void {
  for (let i = 0; i < addresses.length; i++) {
    const a = addresses[i]!;
    if (a.length === 16) v6.push(a);
    else if (a.length === 4) v4.push(a);
  }
}

/** The families to ask for, IPv6 first. */
function families(request: Request, port: Port): number[] {
  const out: number[] = [];
  const v4mapped = request.family === AF_INET6 && request.flags & AI_V4MAPPED;
  if (request.family !== AF_INET) out.push(AF_INET6);
  if (request.family !== AF_INET6 || v4mapped) out.push(AF_INET);
  if (!(request.flags & AI_ADDRCONFIG)) return out;
  const kept: number[] = [];
  for (let i = 0; i < out.length; i++) if (configured(port, out[i]!)) kept.push(out[i]!);
  return kept;
}

/** The code for a lookup without addresses: a temporary failure wins, then a hard one, then "no such name". */
function failure(questions: DnsQuestion[]): number {
  let code = DNS_EAI_NODATA;
  for (let i = 0; i < questions.length; i++) {
    const status = questions[i]!.status;
    if (status === DNS_EAI_AGAIN) return DNS_EAI_AGAIN;
    if (status === DNS_EAI_FAIL) code = DNS_EAI_FAIL;
    else if (status === DNS_EAI_NONAME && code !== DNS_EAI_FAIL) code = DNS_EAI_NONAME;
  }
  return code;
}

function has_udp(): boolean {
  const providers = stack_providers();
  for (let i = 0; i < providers.length; i++) {
    if (providers[i]!.supports(AF_INET, SOCK_DGRAM, IPPROTO_UDP) || providers[i]!.supports(AF_INET6, SOCK_DGRAM, IPPROTO_UDP)) {
      return true;
    }
  }
  return false;
}

function lookup_name(request: Request, name: string): Promise<number> {
  const port = stack_port();
  const wanted = families(request, port);
  if (wanted.length === 0) return Promise.resolve(DNS_EAI_NONAME);
  const v6: Uint8Array[] = [];
  const v4: Uint8Array[] = [];
  const fromTable: Uint8Array[] = [];
  if (dns_hosts_lookup(name, wanted.length === 2 ? AF_UNSPEC : wanted[0]!, fromTable) > 0) {
    split(fromTable, v6, v4);
    return Promise.resolve(answer(request, select(request, v6, v4), ''));
  }
  const client = stack_resolver();
  if (!client || !client.serves(port)) {
    // No resolver linked in, and none on the port: nothing can look a name up.
    if (!port.resolver) return Promise.resolve(DNS_EAI_FAIL);
    const resolver = port.resolver;
    return new Promise<number>((resolve) => {
      resolver.resolve(name, wanted.length === 2 ? AF_UNSPEC : wanted[0]!, (result) => {
        if (typeof result === 'number') {
          resolve(result < 0 ? result : DNS_EAI_FAIL);
          return;
        }
        split(result, v6, v4);
        const chosen = select(request, wanted.indexOf(AF_INET6) >= 0 ? v6 : [], wanted.indexOf(AF_INET) >= 0 ? v4 : []);
        resolve(chosen.length > 0 ? answer(request, chosen, '') : DNS_EAI_NONAME);
      });
    });
  }
  if (!has_udp()) return system_error(EPROTONOSUPPORT);
  return new Promise<number>((resolve) => {
    const started = client.lookup(port, name, wanted, (questions) => {
      let canonical = '';
      for (let i = 0; i < questions.length; i++) {
        const q = questions[i]!;
        if (q.status !== 0) continue;
        split(q.addresses, v6, v4);
        if (!canonical) canonical = q.canonical;
      }
      const chosen = select(request, v6, v4);
      resolve(chosen.length > 0 ? answer(request, chosen, canonical) : failure(questions));
    });
    // No DNS server known: nothing to ask.
    if (!started) resolve(DNS_EAI_FAIL);
  });
}

/**
 * Resolves `host` (a name or a literal; null with AI_PASSIVE: the wildcard address) and `service` (a port number or a name such as "http", "mqtt") into a list of answers in `res.value`, IPv6 first. A name is looked up in the static host table, then by the port's own resolver or the DNS client registered with `zsock_init(port, providers, { resolver: dns_client })` (which needs inet_udp), else DNS_EAI_FAIL; literals and numeric services never cause a lookup.
 * Mirrors `zsock_getaddrinfo` of include/zephyr/net/socket.h (POSIX name `getaddrinfo`). Blocks: a Promise of 0 or of a DNS_EAI_* code (not errno; zsock_gai_strerror names it): DNS_EAI_NONAME, DNS_EAI_AGAIN (no answer within zsock_dns_set_timeout), DNS_EAI_FAIL, DNS_EAI_NODATA, DNS_EAI_SERVICE, DNS_EAI_SOCKTYPE, DNS_EAI_FAMILY, DNS_EAI_ADDRFAMILY, DNS_EAI_BADFLAGS; DNS_EAI_SYSTEM with errno set.
 */
export function zsock_getaddrinfo(
  host: string | null,
  service: string | null,
  hints: zsock_addrinfo_hints | null,
  res: AddrinfoRef | null,
): Promise<number> {
  if (host !== null && typeof host !== 'string') throw new TypeError('host must be a string or null');
  if (service !== null && typeof service !== 'string') throw new TypeError('service must be a string or null');
  if (hints !== null && (typeof hints !== 'object' || !hints)) throw new TypeError('hints must be an object or null');
  // NULL compiles in C: there is nowhere to put the answer.
  if (res === null) return system_error(EFAULT);
  if (!res || typeof res !== 'object') throw new TypeError('res must be an object with a value field');
  const request: Request = {
    flags: hint(hints, hints ? hints.ai_flags : undefined),
    family: hint(hints, hints ? hints.ai_family : undefined),
    socktype: hint(hints, hints ? hints.ai_socktype : undefined),
    protocol: hint(hints, hints ? hints.ai_protocol : undefined),
    port: 0,
    host,
    res,
  };
  // Zephyr's test pins this one: EAI_SYSTEM with errno EINVAL.
  if (host === null && service === null) return system_error(EINVAL);
  if (request.family !== AF_UNSPEC && request.family !== AF_INET && request.family !== AF_INET6) {
    return Promise.resolve(DNS_EAI_ADDRFAMILY);
  }
  if (request.flags & ~KNOWN_FLAGS || (request.flags & AI_CANONNAME && host === null)) {
    return Promise.resolve(DNS_EAI_BADFLAGS);
  }
  const type = request.socktype;
  const proto = request.protocol;
  if (type !== 0 && type !== SOCK_STREAM && type !== SOCK_DGRAM && type !== SOCK_RAW) {
    return Promise.resolve(DNS_EAI_SOCKTYPE);
  }
  if ((type === SOCK_STREAM && proto === IPPROTO_UDP) || (type === SOCK_DGRAM && proto === IPPROTO_TCP)) {
    return Promise.resolve(DNS_EAI_SOCKTYPE);
  }
  if (type === 0 && proto === IPPROTO_UDP) request.socktype = SOCK_DGRAM;
  if (service !== null) {
    const port = service_port(service, request);
    if (port < 0) return Promise.resolve(port);
    request.port = port;
  }
  if (request.socktype === 0) request.socktype = SOCK_STREAM;
  if (proto === 0) {
    request.protocol = request.socktype === SOCK_STREAM ? IPPROTO_TCP : request.socktype === SOCK_DGRAM ? IPPROTO_UDP : 0;
  }

  if (host === null) {
    // One entry, as Zephyr gives: the wildcard for a server, else loopback.
    const v6 = request.family === AF_INET6;
    const address = new Uint8Array(v6 ? 16 : 4);
    if (!(request.flags & AI_PASSIVE)) {
      if (v6) address[15] = 1;
      else {
        address[0] = 127;
        address[3] = 1;
      }
    }
    return Promise.resolve(answer(request, [address], ''));
  }

  const v4 = new Uint8Array(4);
  if (zsock_inet_pton(AF_INET, host, v4) === 1) {
    if (request.family === AF_INET6) {
      if (!(request.flags & AI_V4MAPPED)) return Promise.resolve(DNS_EAI_ADDRFAMILY);
      return Promise.resolve(answer(request, [mapped(v4)], ''));
    }
    return Promise.resolve(answer(request, [v4], ''));
  }
  const v6 = new Uint8Array(16);
  if (zsock_inet_pton(AF_INET6, host, v6) === 1) {
    if (request.family === AF_INET) return Promise.resolve(DNS_EAI_ADDRFAMILY);
    return Promise.resolve(answer(request, [v6], ''));
  }
  if (request.flags & AI_NUMERICHOST) return Promise.resolve(DNS_EAI_FAIL);
  if (dns_name_length(host) < 0) return Promise.resolve(DNS_EAI_NONAME);
  return lookup_name(request, host);
}

/**
 * Releases a list getaddrinfo returned (a no-op for null).
 * Mirrors `zsock_freeaddrinfo` of include/zephyr/net/socket.h (POSIX name `freeaddrinfo`). Synchronous; no errno.
 */
export function zsock_freeaddrinfo(ai: zsock_addrinfo | null): void {
  for (let i = 0; ai && i < MAX_ENTRIES; i++) {
    const next: zsock_addrinfo | null = ai.ai_next;
    ai.ai_next = null;
    ai = next;
  }
}
