import { describe, expect, it } from 'vitest';
import { DnsCache } from '../../lib/dns/cache';
import { dns_parse_response, type DnsAnswer } from '../../lib/dns/message';
import { A, buildResponse } from './builder';

const AF_INET = 1;
const AF_INET6 = 2;
const v4 = (...b: number[]): Uint8Array => Uint8Array.from(b);

describe('DnsCache', () => {
  it('answers until the TTL runs out, then forgets', () => {
    const cache = new DnsCache();
    const list = [v4(1, 2, 3, 4), v4(1, 2, 3, 5)];
    cache.put('example.com', AF_INET, list, 30, 1000);
    expect(cache.get('example.com', AF_INET, 1000)).toEqual(list);
    expect(cache.get('example.com', AF_INET, 30_999)).toEqual(list);
    expect(cache.get('example.com', AF_INET, 31_000)).toBeNull();
    // Expired stays gone, even if the clock were read earlier again.
    expect(cache.get('example.com', AF_INET, 1000)).toBeNull();
  });

  it('keys on name and family; names ignore ASCII case and a trailing dot', () => {
    const cache = new DnsCache();
    cache.put('Example.COM.', AF_INET, [v4(1, 1, 1, 1)], 60, 0);
    expect(cache.get('example.com', AF_INET, 0)).toEqual([v4(1, 1, 1, 1)]);
    expect(cache.get('EXAMPLE.com.', AF_INET, 0)).toEqual([v4(1, 1, 1, 1)]);
    expect(cache.get('example.com', AF_INET6, 0)).toBeNull();
    expect(cache.get('example.co', AF_INET, 0)).toBeNull();
    expect(cache.get('www.example.com', AF_INET, 0)).toBeNull();
  });

  it('does not cache a TTL of 0 or an empty list, and either drops the old entry', () => {
    const cache = new DnsCache();
    cache.put('a.example', AF_INET, [v4(1, 1, 1, 1)], 0, 0);
    expect(cache.get('a.example', AF_INET, 0)).toBeNull();
    cache.put('a.example', AF_INET, [v4(1, 1, 1, 1)], 60, 0);
    cache.put('a.example', AF_INET, [v4(2, 2, 2, 2)], 0, 1);
    expect(cache.get('a.example', AF_INET, 1)).toBeNull();
    cache.put('a.example', AF_INET, [v4(1, 1, 1, 1)], 60, 0);
    cache.put('a.example', AF_INET, [], 60, 1);
    expect(cache.get('a.example', AF_INET, 1)).toBeNull();
  });

  it('replaces an entry for the same name and family', () => {
    const cache = new DnsCache(2);
    cache.put('a.example', AF_INET, [v4(1, 1, 1, 1)], 60, 0);
    cache.put('A.example', AF_INET, [v4(2, 2, 2, 2)], 10, 5);
    cache.put('b.example', AF_INET, [v4(3, 3, 3, 3)], 60, 5);
    expect(cache.get('a.example', AF_INET, 6)).toEqual([v4(2, 2, 2, 2)]);
    expect(cache.get('b.example', AF_INET, 6)).toEqual([v4(3, 3, 3, 3)]);
    expect(cache.get('a.example', AF_INET, 15_000)).toBeNull();
  });

  it('evicts the least recently used entry when full', () => {
    const cache = new DnsCache(3);
    cache.put('a', AF_INET, [v4(1, 0, 0, 0)], 60, 0);
    cache.put('b', AF_INET, [v4(2, 0, 0, 0)], 60, 0);
    cache.put('c', AF_INET, [v4(3, 0, 0, 0)], 60, 0);
    expect(cache.get('a', AF_INET, 1)).not.toBeNull(); // b is now the least recently used
    cache.put('d', AF_INET, [v4(4, 0, 0, 0)], 60, 2);
    expect(cache.get('b', AF_INET, 3)).toBeNull();
    expect(cache.get('a', AF_INET, 3)).toEqual([v4(1, 0, 0, 0)]);
    expect(cache.get('c', AF_INET, 3)).toEqual([v4(3, 0, 0, 0)]);
    expect(cache.get('d', AF_INET, 3)).toEqual([v4(4, 0, 0, 0)]);
  });

  it('uses an expired slot before evicting a live one', () => {
    const cache = new DnsCache(2);
    cache.put('short', AF_INET, [v4(1, 0, 0, 0)], 1, 0);
    cache.put('long', AF_INET, [v4(2, 0, 0, 0)], 600, 0);
    expect(cache.get('long', AF_INET, 10)).not.toBeNull();
    expect(cache.get('short', AF_INET, 0)).not.toBeNull(); // most recently used, but it expires at 1000
    cache.put('new', AF_INET, [v4(3, 0, 0, 0)], 60, 2000);
    expect(cache.get('long', AF_INET, 2000)).toEqual([v4(2, 0, 0, 0)]);
    expect(cache.get('new', AF_INET, 2000)).toEqual([v4(3, 0, 0, 0)]);
  });

  it('keeps its own list: a parser result reused afterwards does not change it', () => {
    const cache = new DnsCache();
    const result: DnsAnswer = { addresses: [], ttl: 0, rcode: 0 };
    const reply = (bytes: number[]): Uint8Array =>
      buildResponse({ id: 1, questions: [{ name: 'x.example', type: A }], answers: [{ name: 'x.example', type: A, ttl: 60, data: bytes }] });
    const one = reply([1, 2, 3, 4]);
    dns_parse_response(one, one.length, 1, 'x.example', A, result);
    cache.put('x.example', AF_INET, result.addresses, result.ttl, 0);
    const two = reply([5, 6, 7, 8]);
    dns_parse_response(two, two.length, 1, 'x.example', A, result);
    expect(cache.get('x.example', AF_INET, 0)).toEqual([v4(1, 2, 3, 4)]);
  });

  it('clear forgets everything; capacity 0 caches nothing', () => {
    const cache = new DnsCache();
    cache.put('a', AF_INET, [v4(1, 0, 0, 0)], 60, 0);
    cache.clear();
    expect(cache.get('a', AF_INET, 0)).toBeNull();
    const none = new DnsCache(0);
    none.put('a', AF_INET, [v4(1, 0, 0, 0)], 60, 0);
    expect(none.get('a', AF_INET, 0)).toBeNull();
  });

  it('holds up to its capacity of distinct names', () => {
    const cache = new DnsCache(16);
    for (let i = 0; i < 16; i++) cache.put(`h${i}`, AF_INET6, [new Uint8Array(16).fill(i)], 100, i);
    for (let i = 0; i < 16; i++) expect(cache.get(`h${i}`, AF_INET6, 50)).toEqual([new Uint8Array(16).fill(i)]);
    cache.put('h16', AF_INET6, [new Uint8Array(16)], 100, 60);
    expect(cache.get('h0', AF_INET6, 60)).toBeNull();
  });
});
