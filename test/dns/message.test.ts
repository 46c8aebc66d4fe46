import { describe, expect, it } from 'vitest';
import {
  DNS_ANSWER_CNAME_LOOP,
  DNS_ANSWER_MALFORMED,
  DNS_ANSWER_MISMATCH,
  DNS_ANSWER_NODATA,
  DNS_ANSWER_NXDOMAIN,
  DNS_ANSWER_OK,
  DNS_ANSWER_SERVFAIL,
  DNS_ANSWER_TRUNCATED,
  DNS_MAX_ADDRESSES,
  DNS_QUERY_MAX,
  dns_encode_query,
  dns_parse_response,
  type DnsAnswer,
} from '../../lib/dns/message';
import { A, AAAA, CNAME, MX, TXT, buildQuery, buildResponse, ipv4, ipv6, type QuestionSpec, type RecordSpec } from './builder';

const ID = 0x4242;
const QNAME = 'example.com';

function parse(msg: Uint8Array, qname = QNAME, qtype = A, id = ID, length = msg.length) {
  const result: DnsAnswer = { addresses: [], ttl: -1, rcode: -1 };
  const status = dns_parse_response(msg, length, id, qname, qtype, result);
  return { status, addresses: result.addresses.map((a) => Array.from(a)), ttl: result.ttl, rcode: result.rcode, result };
}

function reply(answers: RecordSpec[], extra: Partial<Parameters<typeof buildResponse>[0]> = {}, qtype = A): Uint8Array {
  return buildResponse({ id: ID, questions: [{ name: QNAME, type: qtype }], answers, ...extra });
}

function bytes(...parts: (number | string | number[])[]): Uint8Array {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'number') out.push(p);
    else if (typeof p === 'string') for (const c of p) out.push(c.charCodeAt(0));
    else out.push(...p);
  }
  return Uint8Array.from(out);
}

/** Header of a reply to ID with one question and `an` answers, then the question for example.com/A. */
function head(an: number, ns = 0, ar = 0): number[] {
  return [0x42, 0x42, 0x81, 0x80, 0, 1, 0, an, 0, ns, 0, ar, 7, ...'example'.split('').map((c) => c.charCodeAt(0)), 3, 99, 111, 109, 0, 0, 1, 0, 1];
}

describe('dns_encode_query', () => {
  it('writes the RFC 1035 layout with RD set', () => {
    const out = new Uint8Array(DNS_QUERY_MAX);
    const length = dns_encode_query(0x1234, 'example.com', A, out);
    expect(Array.from(out.subarray(0, length))).toEqual(
      Array.from(bytes(0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 7, 'example', 3, 'com', 0, 0, 1, 0, 1)),
    );
  });

  it('writes AAAA, keeps case, ignores one trailing dot and takes the ID modulo 65536', () => {
    const out = new Uint8Array(DNS_QUERY_MAX);
    const length = dns_encode_query(0x1fffe, 'Host.Example.', AAAA, out);
    expect(Array.from(out.subarray(0, length))).toEqual(
      Array.from(bytes(0xff, 0xfe, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 4, 'Host', 7, 'Example', 0, 0, 28, 0, 1)),
    );
  });

  it('clears a reused buffer header', () => {
    const out = new Uint8Array(DNS_QUERY_MAX).fill(0xff);
    const length = dns_encode_query(1, 'a', A, out);
    expect(Array.from(out.subarray(0, length))).toEqual(Array.from(buildQuery(1, 'a', A)));
  });

  it('accepts the longest name and label', () => {
    const label63 = 'x'.repeat(63);
    const name253 = [label63, label63, label63, 'y'.repeat(61)].join('.');
    expect(name253.length).toBe(253);
    const out = new Uint8Array(DNS_QUERY_MAX);
    expect(dns_encode_query(7, name253, A, out)).toBe(12 + 255 + 4);
    expect(Array.from(out.subarray(0, 271))).toEqual(Array.from(buildQuery(7, name253, A)));
    expect(dns_encode_query(7, name253 + '.', A, out)).toBe(271);
    expect(dns_encode_query(7, label63, A, out)).toBe(12 + 65 + 4);
  });

  it.each([
    ['empty', ''],
    ['root', '.'],
    ['empty label', 'a..b'],
    ['leading dot', '.a'],
    ['two trailing dots', 'a..'],
    ['label of 64', 'x'.repeat(64) + '.com'],
    ['254 characters', ['x'.repeat(63), 'x'.repeat(63), 'x'.repeat(63), 'y'.repeat(62)].join('.')],
    ['non-ASCII', 'bücher.de'],
    ['space', 'a b.com'],
    ['control character', 'a\n.com'],
    ['DEL', 'a\x7f.com'],
  ])('rejects a name with %s', (_why, name) => {
    const out = new Uint8Array(DNS_QUERY_MAX);
    expect(dns_encode_query(1, name, A, out)).toBe(-1);
  });

  it('returns -1 when the buffer is one byte short and succeeds when it is exact', () => {
    expect(dns_encode_query(1, 'example.com', A, new Uint8Array(28))).toBe(-1);
    expect(dns_encode_query(1, 'example.com', A, new Uint8Array(29))).toBe(29);
  });
});

describe('dns_parse_response: answers', () => {
  it('reads one A record', () => {
    const r = parse(reply([{ name: QNAME, type: A, ttl: 300, data: ipv4('93.184.216.34') }]));
    expect(r).toMatchObject({ status: DNS_ANSWER_OK, addresses: [[93, 184, 216, 34]], ttl: 300, rcode: 0 });
  });

  it('reads one AAAA record', () => {
    const address = ipv6('2001:db8::1');
    const r = parse(reply([{ name: QNAME, type: AAAA, ttl: 60, data: address }], {}, AAAA), QNAME, AAAA);
    expect(r).toMatchObject({ status: DNS_ANSWER_OK, addresses: [address], ttl: 60 });
  });

  it('reads several records in order with the least TTL', () => {
    const r = parse(
      reply([
        { name: QNAME, type: A, ttl: 300, data: [10, 0, 0, 1] },
        { name: QNAME, type: A, ttl: 20, data: [10, 0, 0, 2] },
        { name: QNAME, type: A, ttl: 100, data: [10, 0, 0, 3] },
      ]),
    );
    expect(r).toMatchObject({ status: DNS_ANSWER_OK, addresses: [[10, 0, 0, 1], [10, 0, 0, 2], [10, 0, 0, 3]], ttl: 20 });
  });

  it('follows a CNAME chain and counts the CNAME TTLs', () => {
    const r = parse(
      reply([
        { name: QNAME, type: CNAME, ttl: 50, data: { target: 'www.cdn.net' } },
        { name: 'www.cdn.net', type: CNAME, ttl: 400, data: { target: 'edge.cdn.net' } },
        { name: 'edge.cdn.net', type: A, ttl: 90, data: [1, 2, 3, 4] },
        { name: 'edge.cdn.net', type: A, ttl: 90, data: [1, 2, 3, 5] },
      ]),
    );
    expect(r).toMatchObject({ status: DNS_ANSWER_OK, addresses: [[1, 2, 3, 4], [1, 2, 3, 5]], ttl: 50 });
  });

  it('follows a chain given in any order and keeps only the last name’s addresses', () => {
    const r = parse(
      reply([
        { name: 'other.org', type: A, data: [9, 9, 9, 9] },
        { name: 'edge.cdn.net', type: A, ttl: 30, data: [1, 2, 3, 4] },
        { name: 'www.cdn.net', type: CNAME, data: { target: 'edge.cdn.net' } },
        { name: 'www.cdn.net', type: A, data: [8, 8, 8, 8] },
        { name: QNAME, type: A, data: [7, 7, 7, 7] },
        { name: QNAME, type: CNAME, data: { target: 'www.cdn.net' } },
      ]),
    );
    expect(r).toMatchObject({ status: DNS_ANSWER_OK, addresses: [[1, 2, 3, 4]], ttl: 30 });
  });

  it('follows 8 links and calls 9 a loop', () => {
    const chain = (links: number): RecordSpec[] => {
      const records: RecordSpec[] = [];
      let name = QNAME;
      for (let i = 0; i < links; i++) {
        records.push({ name, type: CNAME, data: { target: `n${i}.example.net` } });
        name = `n${i}.example.net`;
      }
      records.push({ name, type: A, data: [5, 5, 5, 5] });
      return records;
    };
    expect(parse(reply(chain(8)))).toMatchObject({ status: DNS_ANSWER_OK, addresses: [[5, 5, 5, 5]] });
    expect(parse(reply(chain(9))).status).toBe(DNS_ANSWER_CNAME_LOOP);
  });

  it('follows the first of two CNAMEs for one name', () => {
    const r = parse(
      reply([
        { name: QNAME, type: CNAME, ttl: 100, data: { target: 'first.example' } },
        { name: QNAME, type: CNAME, ttl: 5, data: { target: 'second.example' } },
        { name: 'second.example', type: A, data: [2, 2, 2, 2] },
        { name: 'first.example', type: A, data: [1, 1, 1, 1] },
      ]),
    );
    expect(r).toMatchObject({ status: DNS_ANSWER_OK, addresses: [[1, 1, 1, 1]], ttl: 100 });
  });

  it('detects CNAME loops', () => {
    const twoNames = reply([
      { name: QNAME, type: CNAME, data: { target: 'b.example' } },
      { name: 'b.example', type: CNAME, data: { target: 'EXAMPLE.com' } },
      { name: QNAME, type: A, data: [1, 1, 1, 1] },
    ]);
    expect(parse(twoNames)).toMatchObject({ status: DNS_ANSWER_CNAME_LOOP, addresses: [] });
    const itself = reply([{ name: QNAME, type: CNAME, data: { target: QNAME } }], { compress: true });
    expect(parse(itself).status).toBe(DNS_ANSWER_CNAME_LOOP);
  });

  it('ignores other types, other classes and other names', () => {
    const r = parse(
      reply([
        { name: QNAME, type: AAAA, data: ipv6('::1') },
        { name: QNAME, type: MX, data: [0, 10, 0] },
        { name: QNAME, type: TXT, data: [3, 97, 98, 99] },
        { name: QNAME, type: A, class: 3, data: [1, 2, 3, 4, 5, 6] },
        { name: QNAME, type: CNAME, class: 3, data: { target: 'chaos.example' } },
        { name: 'www.example.com', type: A, data: [6, 6, 6, 6] },
        { name: 'example.co', type: A, data: [6, 6, 6, 7] },
        { name: QNAME, type: A, data: [4, 4, 4, 4] },
      ]),
    );
    expect(r).toMatchObject({ status: DNS_ANSWER_OK, addresses: [[4, 4, 4, 4]] });
  });

  it('compares names ignoring ASCII case', () => {
    const msg = buildResponse({
      id: ID,
      questions: [{ name: 'ExAmPlE.CoM', type: A }],
      answers: [
        { name: 'EXAMPLE.com', type: CNAME, data: { target: 'Target.Example.NET' } },
        { name: 'target.example.net', type: A, data: [3, 3, 3, 3] },
      ],
    });
    expect(parse(msg, 'example.COM.')).toMatchObject({ status: DNS_ANSWER_OK, addresses: [[3, 3, 3, 3]] });
  });

  it('reads compressed names', () => {
    const records: RecordSpec[] = [
      { name: QNAME, type: CNAME, data: { target: 'www.example.com' } },
      { name: 'www.example.com', type: A, data: [2, 2, 2, 2] },
      { name: 'www.example.com', type: A, data: [2, 2, 2, 3] },
    ];
    const plain = reply(records);
    const compressed = reply(records, { compress: true });
    expect(compressed.length).toBeLessThan(plain.length);
    expect(parse(compressed)).toEqual({ ...parse(plain), result: expect.anything() });
    expect(parse(compressed).addresses).toEqual([[2, 2, 2, 2], [2, 2, 2, 3]]);
  });

  it('reads a hand-compressed owner that points at the question and a pointer to a pointer', () => {
    const msg = bytes(
      head(2),
      [0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 10, 0, 4, 1, 2, 3, 4], // owner -> question name
      [0xc0, 29, 0, 1, 0, 1, 0, 0, 0, 10, 0, 4, 5, 6, 7, 8], // owner -> the pointer above
    );
    expect(parse(msg)).toMatchObject({ status: DNS_ANSWER_OK, addresses: [[1, 2, 3, 4], [5, 6, 7, 8]] });
  });

  it('returns copies, not views of the message', () => {
    const msg = reply([{ name: QNAME, type: A, data: [1, 2, 3, 4] }]);
    const r = parse(msg);
    const address = r.result.addresses[0]!;
    expect(address.buffer).not.toBe(msg.buffer);
    expect(address.length).toBe(4);
    msg.fill(0);
    expect(Array.from(address)).toEqual([1, 2, 3, 4]);
  });

  it('clears the result it reuses', () => {
    const result: DnsAnswer = { addresses: [], ttl: 0, rcode: 0 };
    dns_parse_response(reply([{ name: QNAME, type: A, data: [1, 2, 3, 4] }]), 1000, ID, QNAME, A, result);
    expect(result.addresses.length).toBe(1);
    const status = dns_parse_response(reply([]), 1000, ID, QNAME, A, result);
    expect(status).toBe(DNS_ANSWER_NODATA);
    expect(result).toEqual({ addresses: [], ttl: 0, rcode: 0 });
  });

  it('keeps at most DNS_MAX_ADDRESSES addresses', () => {
    const records: RecordSpec[] = [];
    for (let i = 0; i < 20; i++) records.push({ name: QNAME, type: A, data: [10, 0, 0, i] });
    const r = parse(reply(records, { compress: true }));
    expect(r.status).toBe(DNS_ANSWER_OK);
    expect(r.addresses).toEqual(records.slice(0, DNS_MAX_ADDRESSES).map((x) => x.data));
  });

  it('reads a TTL with the top bit set as 0', () => {
    const r = parse(reply([{ name: QNAME, type: A, ttl: 0x80000000, data: [1, 2, 3, 4] }]));
    expect(r).toMatchObject({ status: DNS_ANSWER_OK, ttl: 0 });
    expect(parse(reply([{ name: QNAME, type: A, ttl: 0x7fffffff, data: [1, 2, 3, 4] }])).ttl).toBe(0x7fffffff);
  });

  it('ignores bytes after the last record and honours the length argument', () => {
    const msg = reply([{ name: QNAME, type: A, data: [1, 2, 3, 4] }]);
    const padded = new Uint8Array(msg.length + 40).fill(0xc0);
    padded.set(msg);
    expect(parse(padded).status).toBe(DNS_ANSWER_OK);
    expect(parse(padded, QNAME, A, ID, msg.length).status).toBe(DNS_ANSWER_OK);
    expect(parse(padded, QNAME, A, ID, msg.length - 1).status).toBe(DNS_ANSWER_MALFORMED);
  });

  it('checks authority and additional records and ignores them otherwise', () => {
    const r = parse(
      reply([{ name: QNAME, type: A, data: [1, 2, 3, 4] }], {
        authority: [{ name: 'com', type: 2, data: { target: 'ns.example.org' } }],
        additional: [
          { name: '', type: 41, class: 1232, ttl: 0, data: [] },
          { name: QNAME, type: A, data: [9, 9, 9, 9] },
        ],
      }),
    );
    expect(r).toMatchObject({ status: DNS_ANSWER_OK, addresses: [[1, 2, 3, 4]] });
    const bad = reply([{ name: QNAME, type: A, data: [1, 2, 3, 4] }], {
      additional: [{ name: QNAME, type: A, data: [9, 9, 9] }],
    });
    expect(parse(bad).status).toBe(DNS_ANSWER_MALFORMED);
  });
});

describe('dns_parse_response: outcomes without addresses', () => {
  it('NODATA when nothing answers the question', () => {
    expect(parse(reply([]))).toMatchObject({ status: DNS_ANSWER_NODATA, addresses: [], ttl: 0 });
    const aaaaOnly = reply([{ name: QNAME, type: AAAA, data: ipv6('::2') }]);
    expect(parse(aaaaOnly).status).toBe(DNS_ANSWER_NODATA);
    const chainOnly = reply([{ name: QNAME, type: CNAME, data: { target: 'elsewhere.example' } }]);
    expect(parse(chainOnly).status).toBe(DNS_ANSWER_NODATA);
  });

  it('NXDOMAIN for RCODE 3', () => {
    expect(parse(reply([], { rcode: 3 }))).toMatchObject({ status: DNS_ANSWER_NXDOMAIN, rcode: 3, addresses: [] });
  });

  it.each([
    [1, 'FORMERR'],
    [2, 'SERVFAIL'],
    [4, 'NOTIMP'],
    [5, 'REFUSED'],
    [15, 'unassigned'],
  ])('SERVFAIL outcome for RCODE %i (%s), even with answers', (rcode) => {
    const r = parse(reply([{ name: QNAME, type: A, data: [1, 2, 3, 4] }], { rcode }));
    expect(r).toMatchObject({ status: DNS_ANSWER_SERVFAIL, rcode, addresses: [] });
  });

  it('TRUNCATED when TC is set, even with answers', () => {
    const r = parse(reply([{ name: QNAME, type: A, data: [1, 2, 3, 4] }], { tc: true }));
    expect(r).toMatchObject({ status: DNS_ANSWER_TRUNCATED, addresses: [] });
  });
});

describe('dns_parse_response: not our reply', () => {
  const answer: RecordSpec[] = [{ name: QNAME, type: A, data: [1, 2, 3, 4] }];

  it('MISMATCH for another ID, a query, or another opcode', () => {
    expect(parse(reply(answer), QNAME, A, ID + 1).status).toBe(DNS_ANSWER_MISMATCH);
    expect(parse(reply(answer), QNAME, A, ID + 0x10000).status).toBe(DNS_ANSWER_OK);
    expect(parse(reply(answer, { qr: false })).status).toBe(DNS_ANSWER_MISMATCH);
    expect(parse(reply(answer, { opcode: 1 })).status).toBe(DNS_ANSWER_MISMATCH);
    expect(parse(reply(answer, { opcode: 2, rcode: 3 })).status).toBe(DNS_ANSWER_MISMATCH);
  });

  it.each([
    ['another name', [{ name: 'example.org', type: A }]],
    ['a shorter name', [{ name: 'example', type: A }]],
    ['a longer name', [{ name: 'www.example.com', type: A }]],
    ['a name that is a prefix', [{ name: 'example.co', type: A }]],
    ['one label holding a dot', [{ name: ['example.com'], type: A }]],
    ['another type', [{ name: QNAME, type: AAAA }]],
    ['another class', [{ name: QNAME, type: A, class: 3 }]],
    ['no question', []],
    ['two questions', [{ name: QNAME, type: A }, { name: QNAME, type: A }]],
  ] as [string, QuestionSpec[]][])('MISMATCH for a question with %s', (_why, questions) => {
    expect(parse(buildResponse({ id: ID, questions, answers: answer })).status).toBe(DNS_ANSWER_MISMATCH);
  });

  it('MISMATCH when asked for a type other than A or AAAA', () => {
    const msg = buildResponse({ id: ID, questions: [{ name: QNAME, type: TXT }], answers: [{ name: QNAME, type: TXT, data: [1, 65] }] });
    expect(parse(msg, QNAME, TXT).status).toBe(DNS_ANSWER_MISMATCH);
  });
});

describe('dns_parse_response: malformed replies', () => {
  it('every cut of a valid reply is MALFORMED', () => {
    const msg = reply(
      [
        { name: QNAME, type: CNAME, data: { target: 'www.example.com' } },
        { name: 'www.example.com', type: A, data: [1, 2, 3, 4] },
      ],
      { compress: true },
    );
    expect(parse(msg).status).toBe(DNS_ANSWER_OK);
    for (let length = 0; length < msg.length; length++) {
      expect(parse(msg.slice(0, length)).status, `length ${length}`).toBe(DNS_ANSWER_MALFORMED);
    }
  });

  it('counts that claim more records than the message holds', () => {
    const answers: RecordSpec[] = [
      { name: QNAME, type: A, data: [1, 2, 3, 4] },
      { name: QNAME, type: A, data: [1, 2, 3, 5] },
    ];
    expect(parse(reply(answers, { counts: { an: 3 } })).status).toBe(DNS_ANSWER_MALFORMED);
    expect(parse(reply(answers, { counts: { ns: 1 } })).status).toBe(DNS_ANSWER_MALFORMED);
    expect(parse(reply(answers, { counts: { ar: 65535 } })).status).toBe(DNS_ANSWER_MALFORMED);
    expect(parse(reply(answers, { counts: { an: 65535, ns: 65535, ar: 65535 } })).status).toBe(DNS_ANSWER_MALFORMED);
    // Fewer claimed than present: the rest is trailing data.
    expect(parse(reply(answers, { counts: { an: 1 } }))).toMatchObject({ status: DNS_ANSWER_OK, addresses: [[1, 2, 3, 4]] });
  });

  it.each([
    ['A with 3 bytes', A, [1, 2, 3]],
    ['A with 5 bytes', A, [1, 2, 3, 4, 5]],
    ['A with 16 bytes', A, ipv6('::1')],
    ['AAAA with 4 bytes', AAAA, [1, 2, 3, 4]],
    ['AAAA with 15 bytes', AAAA, ipv6('::1').slice(1)],
    ['CNAME with a byte after the name', CNAME, [1, 97, 0, 0]],
    ['CNAME with a cut name', CNAME, [3, 97, 98]],
    ['CNAME with no data', CNAME, []],
  ])('RDLENGTH that does not fit the type: %s', (_why, type, data) => {
    expect(parse(reply([{ name: QNAME, type, data }])).status).toBe(DNS_ANSWER_MALFORMED);
    expect(parse(reply([{ name: 'unrelated.example', type, data }])).status).toBe(DNS_ANSWER_MALFORMED);
  });

  it('RDLENGTH that runs past the end', () => {
    const msg = reply([{ name: QNAME, type: TXT, data: [3, 97, 98, 99] }]);
    expect(parse(msg).status).toBe(DNS_ANSWER_NODATA);
    msg[msg.length - 5] = 5; // RDLENGTH low byte: 4 -> 5
    expect(parse(msg).status).toBe(DNS_ANSWER_MALFORMED);
    msg[msg.length - 6] = 0xff;
    expect(parse(msg).status).toBe(DNS_ANSWER_MALFORMED);
  });

  it('a pointer forward, to itself, into its own name, or into the header', () => {
    const record = [0, 1, 0, 1, 0, 0, 0, 10, 0, 4, 1, 2, 3, 4];
    // Owner at 29 pointing forward to a name at 45.
    const forward = bytes(head(2), [0xc0, 45], record, [0xc0, 12], record);
    expect(parse(forward).status).toBe(DNS_ANSWER_MALFORMED);
    const itself = bytes(head(1), [0xc0, 29], record);
    expect(parse(itself).status).toBe(DNS_ANSWER_MALFORMED);
    // Owner "a" then a pointer back to its own first label: backwards, but a loop.
    const ownName = bytes(head(1), [1, 97, 0xc0, 29], record);
    expect(parse(ownName).status).toBe(DNS_ANSWER_MALFORMED);
    const intoHeader = bytes(head(1), [0xc0, 4], record);
    expect(parse(intoHeader).status).toBe(DNS_ANSWER_MALFORMED);
    // The question name itself pointing at its own start.
    const question = bytes([0x42, 0x42, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0], [1, 97, 0xc0, 12, 0, 1, 0, 1]);
    expect(parse(question, 'a').status).toBe(DNS_ANSWER_MALFORMED);
  });

  it('a loop of two pointers', () => {
    const record = [0, 1, 0, 1, 0, 0, 0, 10, 0, 4, 1, 2, 3, 4];
    // 29: pointer to 45; 45: pointer to 29.
    const loop = bytes(head(2), [0xc0, 45], record, [0xc0, 29], record);
    expect(parse(loop).status).toBe(DNS_ANSWER_MALFORMED);
  });

  it('a pointer cut in half and a CNAME pointing forward', () => {
    expect(parse(bytes(head(1), [0xc0])).status).toBe(DNS_ANSWER_MALFORMED);
    const forwardTarget = bytes(head(2), [0xc0, 12, 0, 5, 0, 1, 0, 0, 0, 10, 0, 2, 0xc0, 43], [1, 98, 0, 0, 1, 0, 1, 0, 0, 0, 10, 0, 4, 1, 2, 3, 4]);
    expect(parse(forwardTarget).status).toBe(DNS_ANSWER_MALFORMED);
    const backwardTarget = bytes(head(2), [1, 98, 0, 0, 1, 0, 1, 0, 0, 0, 10, 0, 4, 1, 2, 3, 4], [0xc0, 12, 0, 5, 0, 1, 0, 0, 0, 10, 0, 2, 0xc0, 29]);
    expect(parse(backwardTarget)).toMatchObject({ status: DNS_ANSWER_OK, addresses: [[1, 2, 3, 4]] });
  });

  it('at most 32 jumps within one name', () => {
    // Record k's owner points at record k-1's owner; record 0's at the question: k+1 jumps.
    const chained = (records: number): Uint8Array => {
      const parts: number[] = head(records);
      let previous = 12;
      for (let k = 0; k < records; k++) {
        const at = parts.length;
        parts.push(0xc0 | (previous >> 8), previous & 0xff, 0, TXT, 0, 1, 0, 0, 0, 10, 0, 0);
        previous = at;
      }
      return Uint8Array.from(parts);
    };
    expect(parse(chained(32)).status).toBe(DNS_ANSWER_NODATA);
    expect(parse(chained(33)).status).toBe(DNS_ANSWER_MALFORMED);
  });

  it('a length that cuts the message inside a larger buffer is honoured at every byte', () => {
    const msg = reply(
      [
        { name: QNAME, type: CNAME, data: { target: 'www.example.com' } },
        { name: 'www.example.com', type: A, data: [1, 2, 3, 4] },
      ],
      { compress: true },
    );
    for (let length = 0; length < msg.length; length++) {
      expect(parse(msg, QNAME, A, ID, length).status, `length ${length}`).toBe(DNS_ANSWER_MALFORMED);
    }
  });

  it('labels of 64 bytes and the reserved label types', () => {
    expect(parse(reply([{ name: 'x'.repeat(64) + '.example', type: TXT, data: [0] }])).status).toBe(DNS_ANSWER_MALFORMED);
    expect(parse(reply([{ name: 'x'.repeat(63) + '.example', type: TXT, data: [0] }])).status).toBe(DNS_ANSWER_NODATA);
    const record = [0, 1, 0, 1, 0, 0, 0, 10, 0, 4, 1, 2, 3, 4];
    expect(parse(bytes(head(1), [0x41, 0], record)).status).toBe(DNS_ANSWER_MALFORMED);
    expect(parse(bytes(head(1), [0x80, 0], record)).status).toBe(DNS_ANSWER_MALFORMED);
    const q64 = buildResponse({ id: ID, questions: [{ name: 'x'.repeat(64), type: A }] });
    expect(parse(q64, 'x'.repeat(64)).status).toBe(DNS_ANSWER_MALFORMED);
  });

  it('names of 255 wire bytes pass and of 256 do not, compressed or not', () => {
    const l63 = 'x'.repeat(63);
    const name255 = [l63, l63, l63, 'y'.repeat(61)].join('.');
    const name256 = [l63, l63, l63, 'y'.repeat(62)].join('.');
    expect(parse(reply([{ name: name255, type: TXT, data: [0] }])).status).toBe(DNS_ANSWER_NODATA);
    expect(parse(reply([{ name: name256, type: TXT, data: [0] }])).status).toBe(DNS_ANSWER_MALFORMED);
    // The owner is a new label in front of a compressed 254-byte suffix: 256 in all.
    const suffix254 = [l63, l63, l63, 'y'.repeat(60)].join('.');
    const compressed = reply(
      [
        { name: suffix254, type: TXT, data: [0] },
        { name: 'z.' + suffix254, type: TXT, data: [0] },
      ],
      { compress: true },
    );
    expect(compressed.length).toBeLessThan(600);
    expect(parse(compressed).status).toBe(DNS_ANSWER_MALFORMED);
    const fits = reply([{ name: suffix254, type: TXT, data: [0] }, { name: suffix254, type: TXT, data: [0] }], { compress: true });
    expect(parse(fits).status).toBe(DNS_ANSWER_NODATA);
  });

  it('a header shorter than 12 bytes or a cut question', () => {
    expect(parse(new Uint8Array(0)).status).toBe(DNS_ANSWER_MALFORMED);
    expect(parse(bytes(0x42, 0x42, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0)).status).toBe(DNS_ANSWER_MALFORMED);
    expect(parse(bytes(head(0).slice(0, -1))).status).toBe(DNS_ANSWER_MALFORMED);
  });
});
