/**
 * A device and a DNS server on the simulated network, with the device's
 * stack installed and the resolver's settings back at their defaults.
 */

import { dns_client, inet_tcp, inet_udp, zsock_init, type SocketProvider } from '../../lib/index';
import { zsock_dns_clear_hosts, zsock_dns_set_servers, zsock_dns_set_timeout } from '../../lib/dns/client';
import { zsock_getaddrinfo, type zsock_addrinfo, type zsock_addrinfo_hints } from '../../lib/getaddrinfo';
import { zsock_inet_ntop } from '../../lib/inet_ntop';
import type { Endpoint } from '../../lib/port';
import {
  answerDnsQuery,
  createMockNetwork,
  parseQuestion,
  udpResponder,
  type DatagramPeer,
  type DnsZone,
  type Host,
  type MockNetwork,
  type MockPort,
} from '../../ports/node-mock/index';

export const DEVICE_V4 = '192.0.2.10';
export const DEVICE_V6 = '2001:db8::10';
export const NS_V4 = '192.0.2.53';
export const NS_V6 = '2001:db8::53';

export interface SeenQuery {
  id: number;
  name: string;
  type: number;
  from: Endpoint;
  at: number;
}

export interface DnsBed {
  net: MockNetwork;
  device: Host;
  ns: Host;
  port: MockPort;
  /** Queries the scripted server received, in order. */
  seen: SeenQuery[];
  server: DatagramPeer;
  run<T>(promise: Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface BedOptions {
  zone?: DnsZone;
  /** Replaces the zone server: answers each query (null: stays silent). */
  respond?: (query: Uint8Array, from: Endpoint, seen: SeenQuery) => Uint8Array | Uint8Array[] | null;
  deviceV6?: boolean;
  dns?: string[];
  providers?: SocketProvider[];
  latency?: number;
  seed?: number;
}

/** Resets what the resolver keeps between stacks (servers, timeout, host table). */
export function reset_resolver(): void {
  zsock_dns_set_servers(null);
  zsock_dns_set_timeout(2000);
  zsock_dns_clear_hosts();
}

export function open_bed(options: BedOptions = {}): DnsBed {
  reset_resolver();
  const net = createMockNetwork({ seed: options.seed ?? 1 });
  const device = net.host('device', {
    ipv4: DEVICE_V4,
    ...(options.deviceV6 === false ? {} : { ipv6: DEVICE_V6 }),
    dns: options.dns ?? [NS_V4],
  });
  const ns = net.host('ns', { ipv4: NS_V4, ipv6: NS_V6 });
  net.link(device, ns, { latency: options.latency ?? 10 });
  const seen: SeenQuery[] = [];
  const zone = options.zone ?? {};
  const record = (query: Uint8Array, from: Endpoint): SeenQuery => {
    const q = parseQuestion(query);
    const entry: SeenQuery = { id: q ? q.id : -1, name: q ? q.name : '', type: q ? q.type : -1, from: { ...from, addr: from.addr.slice() }, at: net.now };
    seen.push(entry);
    return entry;
  };
  const server = udpResponder(ns, 53, (query, from) => {
    const entry = record(query, from);
    return options.respond ? options.respond(query, from, entry) : answerDnsQuery(query, zone);
  });
  const port = net.port(device);
  zsock_init(port, options.providers ?? [inet_tcp, inet_udp], { resolver: dns_client });
  return {
    net,
    device,
    ns,
    port,
    seen,
    server,
    run: <T>(promise: Promise<T>) => net.runUntil(promise, { timeout: 600_000 }),
    close: async () => {
      zsock_init(port, []);
      server.close();
      reset_resolver();
      await net.runUntilIdle({ limit: 600_000 });
    },
  };
}

export interface Lookup {
  code: number;
  list: zsock_addrinfo[];
  /** The addresses as text, in order. */
  texts: string[];
}

/** Runs getaddrinfo to its end on the bed's network. */
export async function lookup(
  bed: DnsBed,
  host: string | null,
  service: string | null,
  hints: zsock_addrinfo_hints | null,
): Promise<Lookup> {
  const res: { value: zsock_addrinfo | null } = { value: null };
  const code = await bed.run(zsock_getaddrinfo(host, service, hints, res));
  const list: zsock_addrinfo[] = [];
  for (let ai = res.value; ai; ai = ai.ai_next) list.push(ai);
  return { code, list, texts: list.map(address_text) };
}

export function address_text(ai: zsock_addrinfo): string {
  const sa = ai.ai_addr;
  return zsock_inet_ntop(ai.ai_family, ai.ai_family === 1 ? sa.sin_addr : sa.sin6_addr, null, 64) ?? '?';
}
