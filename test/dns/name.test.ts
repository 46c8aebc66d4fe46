import { describe, expect, it } from 'vitest';
import { dns_name_length, dns_name_same } from '../../lib/dns/name';

describe('dns_name_length', () => {
  it('measures valid names without one trailing dot', () => {
    expect(dns_name_length('a')).toBe(1);
    expect(dns_name_length('example.com.')).toBe(11);
    expect(dns_name_length('_sip._udp.x-y.example')).toBe(21);
  });
  it.each(['', '.', '..', 'a..', '.a', 'a..b', 'a b', 'ü', 'x'.repeat(64)])('rejects %j', (name) => {
    expect(dns_name_length(name)).toBe(-1);
  });
});

describe('dns_name_same', () => {
  it('ignores ASCII case and one trailing dot only', () => {
    expect(dns_name_same('Example.COM', 'example.com.')).toBe(true);
    expect(dns_name_same('example.com..', 'example.com')).toBe(false);
    expect(dns_name_same('example.com', 'example.co')).toBe(false);
    expect(dns_name_same('a@', 'a`')).toBe(false); // '@' | 32 is '`': not letters
    expect(dns_name_same('Ä', 'ä')).toBe(false);
  });
});
