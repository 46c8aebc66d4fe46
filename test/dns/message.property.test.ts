import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DNS_ANSWER_CNAME_LOOP,
  DNS_ANSWER_MALFORMED,
  DNS_ANSWER_NODATA,
  DNS_ANSWER_OK,
  DNS_QUERY_MAX,
  dns_encode_query,
  dns_parse_response,
  type DnsAnswer,
} from '../../lib/dns/message';
import { A, AAAA, CNAME, MX, TXT, buildQuery, buildResponse, type RecordSpec } from './builder';

const RUNS = 1000;
const ID = 0x2b2b;

function parse(msg: Uint8Array, qname: string, qtype: number, id = ID): { status: number; result: DnsAnswer } {
  const result: DnsAnswer = { addresses: [], ttl: 0, rcode: 0 };
  const status = dns_parse_response(msg, msg.length, id, qname, qtype, result);
  return { status, result };
}

// ---- names -------------------------------------------------------------------------------------

const labelChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_');
const label = fc.array(labelChar, { minLength: 1, maxLength: 12 }).map((cs) => cs.join(''));
const hostName = fc.array(label, { minLength: 1, maxLength: 4 }).map((ls) => ls.join('.'));

/** Flips the case of the letters of `name` where `mask` has a bit set. */
function recase(name: string, mask: number): string {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    out += (mask >>> i % 31) & 1 ? (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) : c;
  }
  return out;
}

/** Independent statement of which names a query may carry. */
function validQueryName(name: string): boolean {
  const text = name.endsWith('.') ? name.slice(0, -1) : name;
  if (text.length === 0 || text.length > 253) return false;
  return text
    .split('.')
    .every((l) => l.length >= 1 && l.length <= 63 && [...l].every((c) => c.charCodeAt(0) > 0x20 && c.charCodeAt(0) < 0x7f));
}

describe('dns_encode_query against the test builder', () => {
  const anyLabel = fc
    .array(fc.integer({ min: 0x21, max: 0x7e }).filter((c) => c !== 46), { minLength: 1, maxLength: 63 })
    .map((cs) => String.fromCharCode(...cs));
  const anyName = fc.array(anyLabel, { minLength: 1, maxLength: 6 }).map((ls) => ls.join('.')).filter((n) => n.length <= 253);

  it('writes what the builder writes for every valid name', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), anyName, fc.boolean(), fc.constantFrom(A, AAAA), (id, name, dot, qtype) => {
        const out = new Uint8Array(DNS_QUERY_MAX);
        const length = dns_encode_query(id, dot ? name + '.' : name, qtype, out);
        expect(Array.from(out.subarray(0, length))).toEqual(Array.from(buildQuery(id, name, qtype)));
      }),
      { numRuns: RUNS },
    );
  });

  it('rejects exactly the names that are not valid', () => {
    const piece = fc.constantFrom('a', 'b', '.', '-', ' ', 'é', 'x'.repeat(30), 'y'.repeat(63), '\u0000', '~');
    const mixed = fc.array(piece, { maxLength: 14 }).map((ps) => ps.join(''));
    fc.assert(
      fc.property(mixed, (name) => {
        const length = dns_encode_query(1, name, A, new Uint8Array(DNS_QUERY_MAX));
        expect(length >= 0).toBe(validQueryName(name));
      }),
      { numRuns: RUNS },
    );
  });

  it('a reply echoing the encoded question matches it, in any letter case', () => {
    fc.assert(
      fc.property(hostName, fc.nat(), fc.constantFrom(A, AAAA), (name, mask, qtype) => {
        const query = new Uint8Array(DNS_QUERY_MAX);
        const length = dns_encode_query(ID, name, qtype, query);
        const data = qtype === A ? [1, 2, 3, 4] : [...Array(15).fill(0), 1];
        const answer = buildResponse({ id: ID, questions: [{ name: recase(name, mask), type: qtype }], answers: [{ name, type: qtype, data }] });
        // The reply's question section is the query's, letters recased.
        const lower = (b: Uint8Array): number[] => Array.from(b, (c) => (c >= 65 && c <= 90 ? c | 32 : c));
        expect(lower(answer.subarray(12, length))).toEqual(lower(query.subarray(12, length)));
        expect(parse(answer, name, qtype).status).toBe(DNS_ANSWER_OK);
      }),
      { numRuns: RUNS },
    );
  });
});

// ---- random well-formed replies --------------------------------------------------------------------

interface Scenario {
  qname: string;
  qtype: number;
  message: Uint8Array;
  expected: number[][];
  expectedTtl: number;
}

const ttl = fc.integer({ min: 0, max: 0x7fffffff });

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    qname: hostName.map((n) => `q.${n}`),
    qtype: fc.constantFrom(A, AAAA),
    chain: fc.array(fc.tuple(hostName, ttl, fc.nat()), { maxLength: 8 }),
    addresses: fc.array(fc.tuple(fc.uint8Array({ minLength: 16, maxLength: 16 }), ttl, fc.nat()), { maxLength: 16 }),
    distractors: fc.array(
      fc.tuple(fc.constantFrom('other', 'chain', 'wrongtype'), hostName, fc.nat(), fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.constantFrom(A, AAAA, MX, TXT)),
      { maxLength: 8 },
    ),
    extra: fc.array(fc.tuple(hostName, fc.constantFrom(A, AAAA, TXT)), { maxLength: 4 }),
    order: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
    compress: fc.boolean(),
    id: fc.integer({ min: 0, max: 0xffff }),
  })
  .map(({ qname, qtype, chain, addresses, distractors, extra, order, compress, id }) => {
    const size = qtype === A ? 4 : 16;
    const other = qtype === A ? AAAA : A;
    // Chain names are distinct from each other, from the question and from distractors by their first label.
    const names = [qname, ...chain.map(([n], i) => `c${i}.${n}`)];
    const last = names[names.length - 1]!;
    const records: { spec: RecordSpec; address?: number[] }[] = [];
    let expectedTtl = Infinity;
    chain.forEach(([, t, mask], i) => {
      records.push({ spec: { name: recase(names[i]!, mask), type: CNAME, ttl: t, data: { target: recase(names[i + 1]!, mask >>> 3) } } });
      expectedTtl = Math.min(expectedTtl, t);
    });
    for (const [bytes, t, mask] of addresses) {
      const address = Array.from(bytes.subarray(0, size));
      records.push({ spec: { name: recase(last, mask), type: qtype, ttl: t, data: address }, address });
      expectedTtl = Math.min(expectedTtl, t);
    }
    distractors.forEach(([kind, n, mask, bytes, type], i) => {
      const dataFor = (t: number): number[] =>
        t === A ? Array.from(bytes.subarray(0, 4)) : t === AAAA ? Array.from(bytes) : t === MX ? [0, 5, 0] : [2, 104, 105];
      if (kind === 'other') records.push({ spec: { name: `d${i}.${n}`, type: qtype, data: dataFor(qtype) } });
      else if (kind === 'wrongtype') records.push({ spec: { name: recase(last, mask), type: other, data: dataFor(other) } });
      // A record owned by a name inside the chain (it has a CNAME, so its data is not the answer).
      else if (names.length > 1) records.push({ spec: { name: names[mask % (names.length - 1)]!, type, data: dataFor(type) } });
      else records.push({ spec: { name: `d${i}.${n}`, type, data: dataFor(type) } });
    });
    // Shuffle with the drawn keys; a stable sort keeps equal keys in place.
    const keyed = records.map((r, i) => ({ r, key: order[i % order.length]! }));
    keyed.sort((a, b) => a.key - b.key);
    const answers = keyed.map((k) => k.r);
    const extraRecords: RecordSpec[] = extra.map(([n, type]) => ({
      name: n,
      type,
      data: type === A ? [10, 0, 0, 1] : type === AAAA ? Array(16).fill(7) : [1, 120],
    }));
    const message = buildResponse({
      id,
      questions: [{ name: qname, type: qtype }],
      answers: answers.map((a) => a.spec),
      authority: extraRecords.slice(0, 2),
      additional: extraRecords.slice(2),
      compress,
    });
    return {
      qname,
      qtype,
      message,
      expected: answers.filter((a) => a.address).map((a) => a.address!),
      expectedTtl: expectedTtl === Infinity ? 0 : expectedTtl,
    };
  });

function idOf(message: Uint8Array): number {
  return (message[0]! << 8) | message[1]!;
}

describe('dns_parse_response on random well-formed replies', () => {
  it('yields exactly the addresses of the chain’s last name, in order, with the least TTL', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { status, result } = parse(s.message, s.qname, s.qtype, idOf(s.message));
        expect(result.addresses.map((a) => Array.from(a))).toEqual(s.expected);
        expect(status).toBe(s.expected.length > 0 ? DNS_ANSWER_OK : DNS_ANSWER_NODATA);
        if (status === DNS_ANSWER_OK) expect(result.ttl).toBe(s.expectedTtl);
      }),
      { numRuns: RUNS },
    );
  });
});

// ---- hostile input -----------------------------------------------------------------------------

/** Whether `address` sits in `msg` as the data of a class-IN record of `qtype` with the right RDLENGTH. */
function presentAsRecordData(msg: Uint8Array, address: Uint8Array, qtype: number): boolean {
  for (let p = 10; p + address.length <= msg.length; p++) {
    const head = msg.subarray(p - 10, p);
    if (
      head[0] === qtype >> 8 &&
      head[1] === (qtype & 0xff) &&
      head[2] === 0 &&
      head[3] === 1 &&
      head[8] === 0 &&
      head[9] === address.length &&
      address.every((b, i) => msg[p + i] === b)
    ) {
      return true;
    }
  }
  return false;
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), value: fc.constant(0) }),
  fc.record({ kind: fc.constant('count' as const), at: fc.integer({ min: 0, max: 3 }), value: fc.integer({ min: 0, max: 0xffff }) }),
  fc.record({ kind: fc.constant('pointer' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 0x3fff }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(message: Uint8Array, mutations: Mutation[]): Uint8Array {
  const bytes = Array.from(message);
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % bytes.length;
    if (m.kind === 'flip') bytes[at] = bytes[at]! ^ m.value;
    else if (m.kind === 'insert') bytes.splice(at, 0, m.value);
    else if (m.kind === 'delete') bytes.splice(at, 1);
    else if (m.kind === 'pointer') bytes.splice(at, 2, 0xc0 | (m.value >> 8), m.value & 0xff);
    else if (bytes.length >= 12) {
      bytes[4 + 2 * m.at] = m.value >> 8;
      bytes[5 + 2 * m.at] = m.value & 0xff;
    }
  }
  return Uint8Array.from(bytes);
}

describe('dns_parse_response on hostile input', () => {
  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), hostName, fc.constantFrom(A, AAAA), (msg, qname, qtype) => {
        const { status } = parse(msg, qname, qtype, msg.length >= 2 ? idOf(msg) : 0);
        expect(status).toBeGreaterThanOrEqual(0);
        expect(status).toBeLessThanOrEqual(DNS_ANSWER_CNAME_LOOP);
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on random records after a matching header and question', () => {
    fc.assert(
      fc.property(
        hostName,
        fc.constantFrom(A, AAAA),
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 3, maxLength: 3 }),
        fc.uint8Array({ maxLength: 400 }),
        (qname, qtype, counts, tail) => {
          const head = buildResponse({ id: ID, questions: [{ name: qname, type: qtype }], counts: { an: counts[0], ns: counts[1], ar: counts[2] } });
          const msg = new Uint8Array(head.length + tail.length);
          msg.set(head);
          msg.set(tail, head.length);
          const { status, result } = parse(msg, qname, qtype);
          if (status === DNS_ANSWER_OK) {
            for (const a of result.addresses) expect(presentAsRecordData(msg, a, qtype)).toBe(true);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('never throws on mutated replies, and every address it yields is record data in the mutated reply', () => {
    fc.assert(
      fc.property(scenario, fc.array(mutation, { minLength: 1, maxLength: 4 }), (s, mutations) => {
        const msg = mutate(s.message, mutations);
        const { status, result } = parse(msg, s.qname, s.qtype, idOf(s.message));
        expect(status).toBeGreaterThanOrEqual(0);
        expect(status).toBeLessThanOrEqual(DNS_ANSWER_CNAME_LOOP);
        if (status !== DNS_ANSWER_OK) expect(result.addresses).toEqual([]);
        for (const a of result.addresses) {
          expect(a.length).toBe(s.qtype === A ? 4 : 16);
          expect(presentAsRecordData(msg, a, s.qtype)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('reports a cut reply as malformed, never as an answer', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), (s, cut) => {
        if (s.message.length <= 12 + 4) return;
        const length = cut % s.message.length;
        const result: DnsAnswer = { addresses: [], ttl: 0, rcode: 0 };
        const status = dns_parse_response(s.message, length, idOf(s.message), s.qname, s.qtype, result);
        expect(status).toBe(DNS_ANSWER_MALFORMED);
      }),
      { numRuns: RUNS },
    );
  });
});
