import { describe, expect, it } from 'vitest';
import { DNS_ANSWER_NODATA, DNS_ANSWER_OK, dns_parse_response, type DnsAnswer } from '../../lib/dns/message';
import { DnsCache } from '../../lib/dns/cache';
import { A, CNAME, buildResponse } from './builder';

const ID = 0x4242;

function parse(msg: Uint8Array, qname: string, withField: boolean): { status: number; result: DnsAnswer } {
  const result: DnsAnswer = withField ? { addresses: [], ttl: 0, rcode: 0, canonical: 'stale' } : { addresses: [], ttl: 0, rcode: 0 };
  return { status: dns_parse_response(msg, msg.length, ID, qname, A, result), result };
}

describe('dns_parse_response: the canonical name', () => {
  it('is the end of the CNAME chain, through compression pointers', () => {
    for (const compress of [false, true]) {
      const msg = buildResponse({
        id: ID,
        compress,
        questions: [{ name: 'www.Example.test', type: A }],
        answers: [
          { name: 'www.example.test', type: CNAME, data: { target: 'edge.example.test' } },
          { name: 'edge.example.test', type: CNAME, data: { target: 'Origin.Example.test' } },
          { name: 'origin.example.test', type: A, data: [192, 0, 2, 5] },
        ],
      });
      const r = parse(msg, 'www.example.test', true);
      expect(r.status).toBe(DNS_ANSWER_OK);
      expect(r.result.canonical).toBe('Origin.Example.test');
    }
  });

  it("is '' without a chain, is filled for NODATA, and is left out when the caller has no such field", () => {
    const direct = buildResponse({ id: ID, questions: [{ name: 'a.test', type: A }], answers: [{ name: 'a.test', type: A, data: [1, 2, 3, 4] }] });
    expect(parse(direct, 'a.test', true).result.canonical).toBe('');
    expect('canonical' in parse(direct, 'a.test', false).result).toBe(false);
    const nodata = buildResponse({ id: ID, questions: [{ name: 'a.test', type: A }], answers: [{ name: 'a.test', type: CNAME, data: { target: 'b.test' } }] });
    const r = parse(nodata, 'a.test', true);
    expect(r.status).toBe(DNS_ANSWER_NODATA);
    expect(r.result.canonical).toBe('b.test');
  });
});

describe('DnsCache keeps the canonical name with the entry', () => {
  it('until it expires or is replaced', () => {
    const cache = new DnsCache(2);
    cache.put('www.test', 1, [Uint8Array.from([1, 2, 3, 4])], 10, 0, 'origin.test');
    expect(cache.canonical('WWW.test.', 1)).toBe('origin.test');
    expect(cache.canonical('www.test', 2)).toBe('');
    cache.put('www.test', 1, [Uint8Array.from([1, 2, 3, 4])], 10, 0);
    expect(cache.canonical('www.test', 1)).toBe('');
    expect(cache.get('www.test', 1, 10_000)).toBeNull();
    expect(cache.canonical('www.test', 1)).toBe('');
  });
});
