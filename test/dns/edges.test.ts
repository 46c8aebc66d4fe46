/** Edges of the resolver's small parts that the end-to-end tests pass by: name lengths, cache slots, getnameinfo's argument types. */
import { describe, expect, it } from 'vitest';
import { AF_INET } from '../../lib/constants';
import { DnsCache } from '../../lib/dns/cache';
import { dns_hosts_lookup } from '../../lib/dns/hosts';
import { dns_name_length, dns_name_same } from '../../lib/dns/name';
import { zsock_getnameinfo } from '../../lib/getnameinfo';
import { zsock_getaddrinfo } from '../../lib/getaddrinfo';
import { zsock_gethostname, zsock_sethostname } from '../../lib/gethostname';
import { sockaddr } from '../../lib/sockaddr';

const v4 = (...b: number[]): Uint8Array => Uint8Array.from(b);

describe('dns_name_length', () => {
  it('is 1..253 characters without the trailing dot; empty or longer is -1', () => {
    expect(dns_name_length('')).toBe(-1);
    expect(dns_name_length('.')).toBe(-1);
    expect(dns_name_length('a.')).toBe(1);
    const label = 'a'.repeat(63);
    const name253 = [label, label, label, 'a'.repeat(61)].join('.');
    expect(name253.length).toBe(253);
    expect(dns_name_length(name253)).toBe(253);
    expect(dns_name_length(name253 + '.')).toBe(253);
    expect(dns_name_length(name253 + 'a')).toBe(-1);
    expect(dns_name_same('Example.', 'example')).toBe(true);
    expect(dns_name_same('example', 'example.com')).toBe(false);
  });
});

describe('DnsCache slots', () => {
  it('an entry expiring exactly now is a free slot before the least recently used live one', () => {
    const cache = new DnsCache(2);
    cache.put('long', AF_INET, [v4(1, 0, 0, 0)], 600, 0);
    cache.put('short', AF_INET, [v4(2, 0, 0, 0)], 1, 0);
    expect(cache.get('short', AF_INET, 999)).not.toBeNull(); // long is now the least recently used
    cache.put('new', AF_INET, [v4(3, 0, 0, 0)], 60, 1000);
    expect(cache.get('long', AF_INET, 1000)).toEqual([v4(1, 0, 0, 0)]);
    expect(cache.get('new', AF_INET, 1000)).toEqual([v4(3, 0, 0, 0)]);
  });

  it('a TTL of 0 keeps nothing, not even the canonical name', () => {
    const cache = new DnsCache(2);
    cache.put('alias.example', AF_INET, [v4(1, 1, 1, 1)], 0, 0, 'host.example');
    expect(cache.canonical('alias.example', AF_INET)).toBe('');
    cache.put('alias.example', AF_INET, [v4(1, 1, 1, 1)], 1, 0, 'host.example');
    expect(cache.canonical('alias.example', AF_INET)).toBe('host.example');
  });
});

describe('dns_hosts_lookup', () => {
  it('an unknown family finds nothing', () => {
    const found: Uint8Array[] = [];
    expect(dns_hosts_lookup('localhost', 99, found)).toBe(0);
    expect(found).toEqual([]);
  });
});

// null is C's NULL for these pointers, answered with an errno or EAI code
// (docs/decisions/bad-pointers.md; test/core/fidelity.test.ts), not a TypeError.
describe('zsock_getnameinfo argument types', () => {
  const a = new sockaddr();
  a.sa_family = AF_INET;
  it('each length and the flags must be numbers; host and serv objects or null; addr a sockaddr', () => {
    const n = 'x' as unknown as number;
    const lengths = 'lengths and flags must be numbers';
    expect(() => zsock_getnameinfo(a, n, null, 0, null, 0, 0)).toThrow(lengths);
    expect(() => zsock_getnameinfo(a, 16, null, n, null, 0, 0)).toThrow(lengths);
    expect(() => zsock_getnameinfo(a, 16, null, 0, null, n, 0)).toThrow(lengths);
    expect(() => zsock_getnameinfo(a, 16, null, 0, null, 0, n)).toThrow(lengths);
    const bad = 'text' as unknown as { value: string };
    expect(() => zsock_getnameinfo(a, 16, bad, 64, null, 0, 0)).toThrow('host must be an object with a value field, or null');
    expect(() => zsock_getnameinfo(a, 16, null, 0, bad, 64, 0)).toThrow('serv must be an object with a value field, or null');
    expect(() => zsock_getnameinfo(a, 16, { value: '' }, 64, 0 as unknown as null, 0, 0)).toThrow('serv must be');
    expect(() => zsock_getnameinfo({ sa_family: AF_INET } as unknown as sockaddr, 16, null, 0, null, 0, 0)).toThrow('address must be a sockaddr');
    expect(() => zsock_getnameinfo({ bytes: new Uint8Array(24) } as unknown as sockaddr, 16, null, 0, null, 0, 0)).toThrow('address must be a sockaddr');
    // Valid: both outputs filled.
    const host = { value: 'x' };
    const serv = { value: 'x' };
    expect(zsock_getnameinfo(a, 16, host, 64, serv, 32, 0)).toBe(0);
    expect([host.value, serv.value]).toEqual(['0.0.0.0', '0']);
  });
});

describe('zsock_gethostname / zsock_sethostname argument types', () => {
  it('TypeError for what C would not compile; a length of 0 sets the empty name', () => {
    expect(() => zsock_gethostname('x' as unknown as { value: string }, 64)).toThrow('name must be an object with a value field');
    expect(() => zsock_gethostname({ value: '' }, '64' as unknown as number)).toThrow('len must be a number');
    expect(() => zsock_sethostname(5 as unknown as string, 1)).toThrow('name must be a string');
    expect(() => zsock_sethostname('abc', '3' as unknown as number)).toThrow('len must be a number');
    const out = { value: 'x' };
    expect(zsock_sethostname('abc', 0)).toBe(0);
    expect(zsock_gethostname(out, 64)).toBe(0);
    expect(out.value).toBe('');
    expect(zsock_sethostname('zephyr', 6)).toBe(0);
  });
});

describe('zsock_getaddrinfo argument types', () => {
  it('TypeError for a host, service, hints or res C would not compile', () => {
    const res = { value: null };
    expect(() => zsock_getaddrinfo(5 as unknown as string, null, null, res)).toThrow('host must be');
    expect(() => zsock_getaddrinfo('a', 80 as unknown as string, null, res)).toThrow('service must be');
    expect(() => zsock_getaddrinfo('a', null, 'x' as unknown as null, res)).toThrow('hints must be');
    expect(() => zsock_getaddrinfo('a', null, { ai_family: '1' as unknown as number }, res)).toThrow('hints fields must be numbers');
  });
});
