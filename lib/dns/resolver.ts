/**
 * What getaddrinfo asks of a name resolver registered with zsock_init
 * (`{ resolver: dns_client }`). Types only: the DNS client is linked into a
 * program only when the program names it, as a socket provider is.
 */

import type { Port } from '../port';

/** One question of a lookup and how it ended. */
export interface DnsQuestion {
  /** AF_INET (an A question) or AF_INET6 (AAAA). */
  family: number;
  /** 0 when answered with addresses, else a DNS_EAI_* code; 1 while pending. */
  status: number;
  addresses: Uint8Array[];
  /** The end of the answer's CNAME chain, '' when none. */
  canonical: string;
  /** Internal: the query ID, the best failure a server gave, which servers gave one. */
  id: number;
  failure: number;
  failedServers: number;
}

/**
 * A name resolver for getaddrinfo, registered as `zsock_init(port, providers, { resolver: dns_client })`, as Zephyr links its DNS resolver with CONFIG_DNS_RESOLVER. Without one, names go to the port's native resolver, or fail with DNS_EAI_FAIL; literals never need one.
 */
export interface NameResolver {
  /** Whether this resolver answers names on `port` (false: the port's native resolver does). */
  serves(port: Port): boolean;
  /**
   * Asks for `name` (families: AF_INET6 / AF_INET, in that order of results); `done` is called once, later.
   * Returns false, never calling `done`, when it has nobody to ask.
   */
  lookup(port: Port, name: string, families: number[], done: (questions: DnsQuestion[]) => void): boolean;
}
