/**
 * The stub resolver: A and AAAA questions over UDP to the configured
 * servers, as Zephyr's dns_resolve does for getaddrinfo.
 *
 * - Servers: those the application set (zsock_dns_set_servers), else the
 *   port's dnsServers(). Setting servers also means "ask these": the
 *   built-in client is then used even on a port with a native resolver.
 * - One lookup opens its own UDP socket on an ephemeral port (one per
 *   server family) and gives each question a random ID (port.random32), so
 *   a blind spoofer must guess both (RFC 5452).
 * - A reply counts only when it comes from a server this lookup asked
 *   (address and port) and the parser finds it answers the question (ID,
 *   name, type). Anything else is dropped and the wait goes on.
 * - The budget (CONFIG_NET_SOCKETS_DNS_TIMEOUT, 2000 ms, settable) is total:
 *   a question is sent at once, and again after an interval that starts at a
 *   quarter of the budget (at most 1 s) and doubles, rotating through the
 *   servers, while the budget lasts. A question still unanswered when it
 *   runs out is DNS_EAI_AGAIN.
 * - Answers with addresses are cached for their TTL (DnsCache, port clock).
 *
 * Buffers for the query and the reply are allocated once, on first use, and
 * shared: every send encodes and every receive parses synchronously.
 */

import { DnsCache } from './cache';
import {
  DNS_ANSWER_CNAME_LOOP,
  DNS_ANSWER_MALFORMED,
  DNS_ANSWER_MISMATCH,
  DNS_ANSWER_NODATA,
  DNS_ANSWER_NXDOMAIN,
  DNS_ANSWER_OK,
  DNS_ANSWER_SERVFAIL,
  DNS_QUERY_MAX,
  DNS_TYPE_A,
  DNS_TYPE_AAAA,
  dns_encode_query,
  dns_parse_response,
  type DnsAnswer,
} from './message';
import { dns_add_host, dns_clear_hosts } from './hosts';
import { EINVAL } from '../errno';
import { fail } from '../fail';
import { same_endpoint } from '../inet/endpoint';
import { zsock_inet_pton } from '../inet_pton';
import type { Endpoint, Port, TimerId, UdpSocket } from '../port';
import { stack_wait_add, stack_wait_remove, type StackWait } from '../stack';
import type { DnsQuestion, NameResolver } from './resolver';

const AF_INET = 1;
const AF_INET6 = 2;

/** DNS_EAI_* codes the client answers with (lib/constants.ts holds them all). */
const EAI_NONAME = -2;
const EAI_AGAIN = -3;
const EAI_FAIL = -4;
const EAI_NODATA = -5;

/** CONFIG_NET_SOCKETS_DNS_TIMEOUT's default and range (ms). */
const DEFAULT_TIMEOUT_MS = 2000;
const MAX_TIMEOUT_MS = 300000;
/** The first retransmission interval is at most this (RFC 1536 advises about a second or more). */
const MAX_FIRST_INTERVAL_MS = 1000;
/** A reply without EDNS fits 512 bytes (RFC 1035 section 4.2.1); larger ones come with TC set. */
const REPLY_MAX = 512;
/** Datagrams read per readable event: more than any honest exchange needs, a bound against floods. */
const MAX_READS = 64;
const DNS_PORT = 53;

let configured: Endpoint[] | null = null;
let timeoutMs = DEFAULT_TIMEOUT_MS;
let cache: DnsCache | null = null;
let cachePort: Port | null = null;
let queryBuffer: Uint8Array | null = null;
let replyBuffer: Uint8Array | null = null;
let parsed: DnsAnswer | null = null;

/**
 * Parses a server as Zephyr's CONFIG_DNS_SERVER1.. are written:
 * "192.0.2.53", "192.0.2.53:5353", "2001:db8::53", "[2001:db8::53]:5353".
 */
function parse_server(text: string): Endpoint | null {
  let host = text;
  let port = DNS_PORT;
  let portText = '';
  if (text.charCodeAt(0) === 91 /* [ */) {
    const close = text.indexOf(']');
    if (close < 0) return null;
    host = text.slice(1, close);
    const rest = text.slice(close + 1);
    if (rest !== '') {
      if (rest.charCodeAt(0) !== 58 /* : */) return null;
      portText = rest.slice(1);
      if (portText === '') return null;
    }
  } else {
    const colon = text.indexOf(':');
    if (colon >= 0 && text.indexOf(':', colon + 1) < 0) {
      host = text.slice(0, colon);
      portText = text.slice(colon + 1);
      if (portText === '') return null;
    }
  }
  if (portText !== '') {
    if (portText.length > 5) return null;
    port = 0;
    for (let i = 0; i < portText.length; i++) {
      const c = portText.charCodeAt(i);
      if (c < 48 || c > 57) return null;
      port = port * 10 + (c - 48);
    }
    if (port < 1 || port > 65535) return null;
  }
  const v4 = new Uint8Array(4);
  if (zsock_inet_pton(AF_INET, host, v4) === 1) return { family: AF_INET, addr: v4, port };
  const v6 = new Uint8Array(16);
  if (zsock_inet_pton(AF_INET6, host, v6) === 1) return { family: AF_INET6, addr: v6, port };
  return null;
}

/**
 * Sets the DNS servers getaddrinfo asks, in order of preference, as text ("192.0.2.53", "192.0.2.53:5353", "2001:db8::53", "[2001:db8::53]:5353"; port 53 by default). Given servers are used even on a port that has a native resolver; `null` goes back to the default (the port's resolver, or the port's servers).
 * zsockjs only: Zephyr sets them through Kconfig or `dns_resolve_reconfigure` (include/zephyr/net/dns_resolve.h). Synchronous: 0, or -1 with errno EINVAL (an entry that is not a server address; nothing changes).
 */
export function zsock_dns_set_servers(servers: string[] | null): number {
  if (servers === null) {
    configured = null;
    return 0;
  }
  if (!servers || typeof servers.length !== 'number') throw new TypeError('dns servers must be an array of strings or null');
  const list: Endpoint[] = [];
  for (let i = 0; i < servers.length; i++) {
    const text = servers[i];
    if (typeof text !== 'string') throw new TypeError('dns servers must be strings');
    const server = parse_server(text);
    if (!server) return fail(EINVAL);
    list.push(server);
  }
  configured = list;
  return 0;
}

/**
 * Sets the total time getaddrinfo waits for DNS answers, in milliseconds (2000 by default, 1..300000), as Kconfig's CONFIG_NET_SOCKETS_DNS_TIMEOUT does in Zephyr. zsockjs only. Synchronous: 0, or -1 with errno EINVAL.
 */
export function zsock_dns_set_timeout(ms: number): number {
  if (typeof ms !== 'number') throw new TypeError('timeout must be a number');
  if (!(ms >= 1 && ms <= MAX_TIMEOUT_MS) || ms !== Math.floor(ms)) return fail(EINVAL);
  timeoutMs = ms;
  return 0;
}

/**
 * Adds a static host entry, consulted before DNS as /etc/hosts is: `name` gets `address` ("192.0.2.7" or "2001:db8::7") besides the ones it has.
 * zsockjs only (Zephyr has no host table). Synchronous: 0, or -1 with errno EINVAL (a name that cannot be looked up, text that is not an address, a null name or address).
 */
export function zsock_dns_add_host(name: string | null, address: string | null): number {
  // NULL compiles in C: no name or no address to add.
  if (name === null || address === null) return fail(EINVAL);
  if (typeof name !== 'string' || typeof address !== 'string') throw new TypeError('name and address must be strings');
  const v4 = new Uint8Array(4);
  if (zsock_inet_pton(AF_INET, address, v4) === 1) return dns_add_host(name, v4);
  const v6 = new Uint8Array(16);
  if (zsock_inet_pton(AF_INET6, address, v6) === 1) return dns_add_host(name, v6);
  return fail(EINVAL);
}

/**
 * Removes every static host entry added; the built-in localhost stays. zsockjs only. Synchronous; no errno.
 */
export function zsock_dns_clear_hosts(): void {
  dns_clear_hosts();
}

/**
 * Forgets every cached DNS answer. zsockjs only (Zephyr's cache is internal). Synchronous; no errno.
 */
export function zsock_dns_flush_cache(): void {
  if (cache) cache.clear();
}

/** Whether names go to the built-in client (true) or the port's own resolver. */
export function dns_use_client(port: Port): boolean {
  return configured !== null || !port.resolver;
}

/** The cache for `port`; a new stack (another port, another clock) starts with an empty one. */
function dns_cache(port: Port): DnsCache {
  if (!cache) cache = new DnsCache(8);
  if (cachePort !== port) {
    cache.clear();
    cachePort = port;
  }
  return cache;
}

const PENDING = 1;

function question(family: number): DnsQuestion {
  return { family, status: PENDING, addresses: [], canonical: '', id: 0, failure: 0, failedServers: 0 };
}

/** The retransmission interval before attempt `attempt` (>= 1) for `budget`. */
function interval(budget: number, attempt: number): number {
  let first = Math.floor(budget / 4);
  if (first > MAX_FIRST_INTERVAL_MS) first = MAX_FIRST_INTERVAL_MS;
  if (first < 1) first = 1;
  return first * Math.pow(2, attempt - 1);
}

/**
 * Asks the DNS for `name`: families is a list of AF_INET6 / AF_INET (the
 * questions, in that order of results). Cached answers are used without a
 * query. `done` is called once, later, with the questions filled in.
 * Returns false (and never calls `done`) when no server is known.
 */
export function dns_lookup(port: Port, name: string, families: number[], done: (questions: DnsQuestion[]) => void): boolean {
  const questions: DnsQuestion[] = [];
  const store = dns_cache(port);
  const now = port.now();
  let pending = 0;
  for (let i = 0; i < families.length; i++) {
    const q = question(families[i]!);
    const cached = store.get(name, q.family, now);
    if (cached) {
      q.status = 0;
      q.addresses = cached.slice();
      q.canonical = store.canonical(name, q.family);
    } else pending++;
    questions.push(q);
  }
  if (pending === 0) {
    port.defer(() => done(questions));
    return true;
  }
  const servers = configured || port.dnsServers();
  if (servers.length === 0) return false;
  new Lookup(port, name, servers.slice(), questions, timeoutMs, store, done).start();
  return true;
}

class Lookup {
  /** One socket per family, opened on first send to a server of that family. */
  private readonly sockets: (UdpSocket | null)[] = [null, null];
  /** Servers sent to so far, by index: replies are accepted from these only. */
  private asked = 0;
  private attempt = 0;
  private retryTimer: TimerId | null = null;
  private deadlineTimer: TimerId | null = null;
  private finished = false;
  private readonly from: Endpoint = { family: 0, addr: new Uint8Array(16), port: 0 };

  constructor(
    private readonly port: Port,
    private readonly name: string,
    private readonly servers: Endpoint[],
    private readonly questions: DnsQuestion[],
    private readonly budget: number,
    private readonly store: DnsCache,
    private readonly done: (questions: DnsQuestion[]) => void,
  ) {}

  /** A second zsock_init ends the lookup at once: its questions answer EAI_AGAIN. */
  private readonly interruptible: StackWait = { interrupt: () => this.finish() };

  start(): void {
    stack_wait_add(this.interruptible);
    for (let i = 0; i < this.questions.length; i++) this.questions[i]!.id = this.port.random32() & 0xffff;
    this.deadlineTimer = this.port.setTimer(this.budget, () => {
      this.deadlineTimer = null;
      this.finish();
    });
    this.send_attempt();
  }

  private send_attempt(): void {
    this.retryTimer = null;
    if (this.finished) return;
    const index = this.attempt % this.servers.length;
    if (this.asked < this.servers.length && index >= this.asked) this.asked = index + 1;
    const server = this.servers[index]!;
    const socket = this.socket(server.family);
    if (socket) {
      const out = queryBuffer || (queryBuffer = new Uint8Array(DNS_QUERY_MAX));
      for (let i = 0; i < this.questions.length; i++) {
        const q = this.questions[i]!;
        if (q.status !== PENDING) continue;
        const length = dns_encode_query(q.id, this.name, q.family === AF_INET6 ? DNS_TYPE_AAAA : DNS_TYPE_A, out);
        // A send error (no route, no buffers) is a lost datagram: the next attempt goes on schedule.
        if (length > 0) socket.send(out.subarray(0, length), server);
      }
    }
    this.attempt++;
    const wait = interval(this.budget, this.attempt);
    this.retryTimer = this.port.setTimer(wait, () => this.send_attempt());
  }

  private socket(family: number): UdpSocket | null {
    const slot = family === AF_INET6 ? 1 : 0;
    const open = this.sockets[slot];
    if (open) return open;
    const local: Endpoint = { family, addr: new Uint8Array(family === AF_INET6 ? 16 : 4), port: 0 };
    const opened = this.port.udpOpen(
      local,
      {
        readable: () => this.readable(slot),
        writable: () => {},
        // An ICMP error or the like: the retries and the deadline decide.
        error: () => {},
      },
      false,
    );
    if (typeof opened === 'number') return null;
    this.sockets[slot] = opened;
    return opened;
  }

  private readable(slot: number): void {
    const reply = replyBuffer || (replyBuffer = new Uint8Array(REPLY_MAX));
    for (let n = 0; n < MAX_READS && !this.finished; n++) {
      const socket = this.sockets[slot];
      if (!socket || socket.nextSize() < 0) return;
      const size = socket.receive(reply, this.from, false);
      if (size < 0) return;
      if (!this.from_asked_server()) continue;
      this.answer(reply, size < REPLY_MAX ? size : REPLY_MAX);
    }
  }

  private from_asked_server(): boolean {
    for (let i = 0; i < this.asked; i++) if (same_endpoint(this.servers[i]!, this.from)) return true;
    return false;
  }

  private answer(reply: Uint8Array, length: number): void {
    const result = parsed || (parsed = { addresses: [], ttl: 0, rcode: 0, canonical: '' });
    for (let i = 0; i < this.questions.length; i++) {
      const q = this.questions[i]!;
      if (q.status !== PENDING) continue;
      const outcome = dns_parse_response(reply, length, q.id, this.name, q.family === AF_INET6 ? DNS_TYPE_AAAA : DNS_TYPE_A, result);
      // Not an answer to this question, or garbage: it may be spoofed; keep waiting.
      if (outcome === DNS_ANSWER_MISMATCH || outcome === DNS_ANSWER_MALFORMED) continue;
      if (outcome === DNS_ANSWER_OK) {
        q.status = 0;
        q.addresses = result.addresses.slice();
        q.canonical = result.canonical || '';
        this.store.put(this.name, q.family, q.addresses, result.ttl, this.port.now(), q.canonical);
      } else if (outcome === DNS_ANSWER_NXDOMAIN) {
        q.status = EAI_NONAME;
      } else if (outcome === DNS_ANSWER_NODATA) {
        q.status = EAI_NODATA;
      } else if (outcome === DNS_ANSWER_CNAME_LOOP) {
        q.status = EAI_FAIL;
      } else {
        // SERVFAIL is temporary (EAI_AGAIN); REFUSED, NOTIMP, FORMERR or a
        // truncated reply (no TCP fallback) are not (EAI_FAIL). Another server
        // may still answer: the question ends early only when every one failed.
        const code = outcome === DNS_ANSWER_SERVFAIL && result.rcode === 2 ? EAI_AGAIN : EAI_FAIL;
        if (q.failure !== EAI_AGAIN) q.failure = code;
        const bit = this.server_index();
        if (bit >= 0 && bit < 30) q.failedServers |= 1 << bit;
        if (q.failedServers === (1 << Math.min(this.servers.length, 30)) - 1) q.status = q.failure;
      }
    }
    for (let i = 0; i < this.questions.length; i++) if (this.questions[i]!.status === PENDING) return;
    this.finish();
  }

  private server_index(): number {
    for (let i = 0; i < this.asked; i++) if (same_endpoint(this.servers[i]!, this.from)) return i;
    return -1;
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    stack_wait_remove(this.interruptible);
    if (this.retryTimer !== null) this.port.clearTimer(this.retryTimer);
    if (this.deadlineTimer !== null) this.port.clearTimer(this.deadlineTimer);
    this.retryTimer = this.deadlineTimer = null;
    for (let i = 0; i < 2; i++) {
      const socket = this.sockets[i];
      if (socket) socket.close();
      this.sockets[i] = null;
    }
    for (let i = 0; i < this.questions.length; i++) {
      const q = this.questions[i]!;
      if (q.status === PENDING) q.status = q.failure || EAI_AGAIN;
    }
    this.done(this.questions);
  }
}

/**
 * The built-in DNS client (A and AAAA questions over UDP, with a cache), registered as a name resolver: `zsock_init(port, [inet_tcp, inet_udp], { resolver: dns_client })`. It needs a UDP provider. A program that does not register it carries none of it.
 * zsockjs only: Zephyr links its resolver with CONFIG_DNS_RESOLVER (subsys/net/lib/dns/resolve.c).
 */
export const dns_client: NameResolver = {
  serves: dns_use_client,
  lookup: dns_lookup,
};
