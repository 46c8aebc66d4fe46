/**
 * Random and mutated replies, sent by the server that was asked and carrying
 * the query's ID, never make getaddrinfo throw or hang, and never give an
 * address the replies did not hold.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AF_INET,
  AF_INET6,
  AF_UNSPEC,
  DNS_EAI_AGAIN,
  DNS_EAI_FAIL,
  DNS_EAI_NODATA,
  DNS_EAI_NONAME,
} from '../../lib/constants';
import { zsock_getaddrinfo, type zsock_addrinfo } from '../../lib/getaddrinfo';
import { parseQuestion } from '../../ports/node-mock/index';
import { A, AAAA, CNAME, MX, buildResponse, type RecordSpec } from './builder';
import { open_bed } from './mock-dns';

const RUNS = 300;
const BUDGET = 2000;
const QNAME = 'device.example';

const byte = fc.integer({ min: 0, max: 255 });
const names = fc.constantFrom(QNAME, 'alias.example', 'other.example', 'DEVICE.example', 'a.alias.example');

const record: fc.Arbitrary<RecordSpec> = fc.oneof(
  fc.record({ name: names, type: fc.constant(A), ttl: fc.nat(100), data: fc.array(byte, { minLength: 4, maxLength: 4 }) }),
  fc.record({ name: names, type: fc.constant(AAAA), ttl: fc.nat(100), data: fc.array(byte, { minLength: 16, maxLength: 16 }) }),
  fc.record({ name: names, type: fc.constant(CNAME), ttl: fc.nat(100), data: names.map((target) => ({ target })) }),
  fc.record({ name: names, type: fc.constant(MX), ttl: fc.nat(100), data: fc.array(byte, { maxLength: 8 }) }),
);

/** How to make one reply from the query it answers. */
type Recipe =
  | { kind: 'random'; bytes: number[] }
  | {
      kind: 'built';
      rcode: number;
      tc: boolean;
      answers: RecordSpec[];
      /** Address records for the question's own name and type, placed among the answers at `at`. */
      own: { ttl: number; v4: number[]; v6: number[] }[];
      at: number;
      additional: RecordSpec[];
      compress: boolean;
      flips: readonly { at: number; value: number }[];
      cut: number;
    };

const recipe: fc.Arbitrary<Recipe> = fc.oneof(
  fc.record({ kind: fc.constant('random' as const), bytes: fc.array(byte, { maxLength: 80 }) }),
  fc.record({
    kind: fc.constant('built' as const),
    rcode: fc.constantFrom(0, 0, 0, 2, 3, 5),
    tc: fc.constantFrom(false, false, false, false, true),
    answers: fc.array(record, { maxLength: 6 }),
    own: fc.array(
      fc.record({ ttl: fc.nat(100), v4: fc.array(byte, { minLength: 4, maxLength: 4 }), v6: fc.array(byte, { minLength: 16, maxLength: 16 }) }),
      { maxLength: 3 },
    ),
    at: fc.nat(6),
    additional: fc.array(record, { maxLength: 2 }),
    compress: fc.boolean(),
    flips: fc.array(fc.record({ at: fc.nat(600), value: byte }), { maxLength: 3 }).chain((f) => fc.constantFrom(f, f.slice(0, 0))),
    cut: fc.nat(600),
  }),
);

function make(recipe: Recipe, query: Uint8Array): Uint8Array {
  const q = parseQuestion(query)!;
  let bytes: Uint8Array;
  if (recipe.kind === 'random') {
    bytes = Uint8Array.from(recipe.bytes.length >= 2 ? recipe.bytes : [0, 0]);
  } else {
    bytes = buildResponse({
      id: q.id,
      rcode: recipe.rcode,
      tc: recipe.tc,
      questions: [{ name: q.name, type: q.type }],
      answers: recipe.answers
        .slice(0, recipe.at)
        .concat(recipe.own.map((o) => ({ name: q.name, type: q.type, ttl: o.ttl, data: q.type === A ? o.v4 : o.v6 })))
        .concat(recipe.answers.slice(recipe.at)),
      additional: recipe.additional,
      compress: recipe.compress,
    });
    for (const flip of recipe.flips) if (flip.at < bytes.length) bytes[flip.at] = flip.value;
    if (recipe.cut > 2 && recipe.cut < bytes.length) bytes = bytes.slice(0, recipe.cut);
  }
  // Always the query's ID: the reply must get past that check to test the rest.
  bytes[0] = q.id >> 8;
  bytes[1] = q.id & 0xff;
  return bytes;
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let k = 0; k < needle.length; k++) if (haystack[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

describe('the DNS client against hostile replies (property)', () => {
  it('never throws, settles within the budget, and gives only addresses that were in a reply', async () => {
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(recipe, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(AF_INET, AF_INET6, AF_UNSPEC),
        fc.integer({ min: 1, max: 1000 }),
        async (script, family, seed) => {
          const sent: Uint8Array[] = [];
          let count = 0;
          const bed = open_bed({
            seed,
            respond: (query) => {
              const replies = script[count++ % script.length]!.map((r) => make(r, query));
              sent.push(...replies);
              return replies;
            },
          });
          try {
            const res: { value: zsock_addrinfo | null } = { value: null };
            const start = bed.net.now;
            const code = await bed.run(zsock_getaddrinfo(QNAME, '80', { ai_family: family }, res));
            expect(bed.net.now - start).toBeLessThanOrEqual(BUDGET);
            expect([0, DNS_EAI_AGAIN, DNS_EAI_FAIL, DNS_EAI_NODATA, DNS_EAI_NONAME]).toContain(code);
            if (code !== 0) {
              expect(res.value).toBeNull();
              return;
            }
            expect(res.value).not.toBeNull();
            answered++;
            for (let ai = res.value; ai; ai = ai.ai_next) {
              const address = ai.ai_family === AF_INET ? ai.ai_addr.sin_addr.s4_addr : ai.ai_addr.sin6_addr.s6_addr;
              expect(family === AF_UNSPEC || ai.ai_family === family).toBe(true);
              expect(sent.some((reply) => contains(reply, address))).toBe(true);
            }
          } finally {
            await bed.close();
          }
        },
      ),
      { numRuns: RUNS },
    );
    // Not vacuous: a good share of the runs got addresses through the mutations.
    expect(answered).toBeGreaterThan(RUNS / 20);
  });
});
