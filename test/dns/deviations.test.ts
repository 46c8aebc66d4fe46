/** getaddrinfo where zsockjs and Zephyr differ, over the mock DNS server. */
import { afterEach, describe, expect, it } from 'vitest';
import { AF_INET, AF_UNSPEC, DNS_EAI_FAIL } from '../../lib/constants';
import { parseQuestion } from '../../ports/node-mock/index';
import { buildResponse } from './builder';
import { lookup, open_bed, type DnsBed } from './mock-dns';

let bed: DnsBed | null = null;
afterEach(async () => {
  if (bed) await bed.close();
  bed = null;
});

const A = 1;
const AAAA = 28;

describe('getaddrinfo deviations', () => {
  it('a reply with TC set is DNS_EAI_FAIL at once, with no retry over TCP', async () => {
    const b = (bed = open_bed({
      respond: (query) => {
        const q = parseQuestion(query)!;
        return buildResponse({ id: q.id, tc: true, questions: [{ name: q.name, type: q.type }], answers: [{ name: q.name, type: A, data: [192, 0, 2, 1] }] });
      },
    }));
    const start = b.net.now;
    expect((await lookup(b, 'big.example', null, { ai_family: AF_INET })).code).toBe(DNS_EAI_FAIL);
    expect(b.net.now - start).toBe(20);
    expect(b.seen.length).toBe(1);
  });

  it('IPv6 then IPv4, each in reply order, at most 16 per family', async () => {
    const b = (bed = open_bed({
      respond: (query) => {
        const q = parseQuestion(query)!;
        const answers = [];
        // 17 AAAA records (compressed) still fit a 512-byte reply.
        for (let i = 0; i < (q.type === A ? 20 : 17); i++) {
          const data = q.type === A ? [192, 0, 2, 200 - i] : [0x20, 1, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 200 - i];
          answers.push({ name: q.name, type: q.type, data });
        }
        return buildResponse({ id: q.id, compress: true, questions: [{ name: q.name, type: q.type }], answers });
      },
    }));
    const r = await lookup(b, 'many.example', null, { ai_family: AF_UNSPEC });
    expect(r.code).toBe(0);
    const six = [];
    const four = [];
    for (let i = 0; i < 16; i++) {
      six.push(`2001:db8::${(200 - i).toString(16)}`);
      four.push(`192.0.2.${200 - i}`);
    }
    expect(r.texts).toEqual([...six, ...four]);
    expect(b.seen.map((q) => q.type).sort()).toEqual([A, AAAA]);
  });

  it('"a.b.c.d:port" and "[v6]:port" are names, not literals: they go to DNS', async () => {
    const b = (bed = open_bed({ zone: { names: {} } }));
    await lookup(b, '192.0.2.1:80', null, { ai_family: AF_INET });
    await lookup(b, '[2001:db8::1]:80', null, { ai_family: AF_INET });
    expect(b.seen.map((q) => q.name)).toEqual(['192.0.2.1:80', '[2001:db8::1]:80']);
  });
});
