/**
 * The resolver's cache through getaddrinfo, on any port: a DNS server made
 * of zsock calls on loopback counts the queries that reach it. The cache
 * holds 8 answers (name and family each) and evicts the least recently used.
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AF_INET,
  dns_client,
  inet_tcp,
  inet_udp,
  SOCKADDR_IN6_SIZE,
  sockaddr,
  zsock_close,
  zsock_dns_flush_cache,
  zsock_dns_set_servers,
  zsock_getaddrinfo,
  zsock_inet_ntop,
  zsock_init,
  zsock_recvfrom,
  zsock_sendto,
  type zsock_addrinfo,
} from '../../lib/index';
import { answerDnsQuery, parseQuestion } from '../../ports/node-mock/dns-server';
import { udp_socket } from './helpers';
import type { Session, Target } from './target';

/** The cache's capacity (answers kept at once). */
export const DNS_CACHE_ENTRIES = 8;

interface Server {
  /** Names asked, in order. */
  asked: string[];
  stop(): void;
}

/** Answers every query on 127.0.0.1 from `names` until stopped; at most `limit` queries. */
function serve(names: Record<string, string[]>, limit: number): Server & { port: number } {
  const sock = udp_socket();
  const asked: string[] = [];
  let stopped = false;
  void (async () => {
    const buf = new Uint8Array(512);
    for (let i = 0; i < limit && !stopped; i++) {
      const from = new sockaddr();
      const len = { value: SOCKADDR_IN6_SIZE };
      const n = await zsock_recvfrom(sock.fd, buf, buf.length, 0, from, len);
      if (n < 0) return;
      const query = buf.slice(0, n);
      const question = parseQuestion(query);
      asked.push(question ? question.name : '?');
      const reply = answerDnsQuery(query, { names, ttl: 600 });
      if (reply) await zsock_sendto(sock.fd, reply, reply.length, 0, from, len.value);
    }
  })();
  return {
    asked,
    port: sock.port,
    stop: () => {
      stopped = true;
      zsock_close(sock.fd);
    },
  };
}

export function dns_cache_suite(target: Target): void {
  describe(`${target.name}: the DNS cache through getaddrinfo`, () => {
    let s: Session;
    let server: Server | null = null;
    beforeEach(async () => {
      s = await target.open();
      // The cache belongs to the built-in DNS client: register it, as a program that resolves names does.
      zsock_init(s.port, [inet_tcp, inet_udp], { resolver: dns_client });
      zsock_dns_flush_cache();
    });
    afterEach(async () => {
      server?.stop();
      server = null;
      zsock_dns_set_servers(null);
      zsock_dns_flush_cache();
      await s.close();
    });

    async function lookup(name: string): Promise<string> {
      const res: { value: zsock_addrinfo | null } = { value: null };
      const code = await s.run(zsock_getaddrinfo(name, null, { ai_family: AF_INET }, res));
      if (code !== 0 || !res.value) return 'error ' + code;
      return zsock_inet_ntop(AF_INET, res.value.ai_addr.sin_addr, null, 16) ?? 'unprintable';
    }

    it(`keeps ${DNS_CACHE_ENTRIES} answers and evicts the least recently used for a ninth`, async () => {
      const names: Record<string, string[]> = {};
      const all: string[] = [];
      for (let i = 0; i <= DNS_CACHE_ENTRIES; i++) {
        const name = `n${i}.example`;
        names[name] = [`192.0.2.${100 + i}`];
        all.push(name);
      }
      const srv = serve(names, 64);
      server = srv;
      expect(zsock_dns_set_servers([`127.0.0.1:${srv.port}`])).toBe(0);
      const first = all.slice(0, DNS_CACHE_ENTRIES);
      for (let i = 0; i < first.length; i++) expect(await lookup(first[i]!)).toBe(`192.0.2.${100 + i}`);
      expect(srv.asked).toEqual(first);
      // All eight again, from the cache, in the same order: n0 is then the least recently used.
      for (let i = 0; i < first.length; i++) expect(await lookup(first[i]!)).toBe(`192.0.2.${100 + i}`);
      expect(srv.asked.length).toBe(DNS_CACHE_ENTRIES);
      const ninth = all[DNS_CACHE_ENTRIES]!;
      expect(await lookup(ninth)).toBe(`192.0.2.${100 + DNS_CACHE_ENTRIES}`);
      expect(srv.asked).toEqual([...first, ninth]);
      // n1..n7 and the ninth are still cached; n0 was evicted and is asked again.
      for (let i = 1; i < first.length; i++) await lookup(first[i]!);
      await lookup(ninth);
      expect(srv.asked.length).toBe(DNS_CACHE_ENTRIES + 1);
      expect(await lookup(first[0]!)).toBe('192.0.2.100');
      expect(srv.asked).toEqual([...first, ninth, first[0]]);
    });

    it('zsock_dns_flush_cache forgets every answer', async () => {
      const srv = serve({ 'one.example': ['192.0.2.1'] }, 16);
      server = srv;
      expect(zsock_dns_set_servers([`127.0.0.1:${srv.port}`])).toBe(0);
      expect(await lookup('one.example')).toBe('192.0.2.1');
      expect(await lookup('one.example')).toBe('192.0.2.1');
      expect(srv.asked.length).toBe(1);
      zsock_dns_flush_cache();
      expect(await lookup('one.example')).toBe('192.0.2.1');
      expect(srv.asked.length).toBe(2);
    });
  });
}
