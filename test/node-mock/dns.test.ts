import { describe, expect, it } from 'vitest';
import { answerDnsQuery, buildQuery, dnsServer, DNS_TYPE_AAAA, DNS_TYPE_CNAME } from '../../ports/node-mock';
import { ANY4, ep, open, twoHosts, UdpRecorder } from './helpers';

// A query for broker.local, type A, class IN, id 0x1234, RD set — written out by hand.
const QUERY_A = new Uint8Array([
  0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  6, 0x62, 0x72, 0x6f, 0x6b, 0x65, 0x72, 5, 0x6c, 0x6f, 0x63, 0x61, 0x6c, 0,
  0x00, 0x01, 0x00, 0x01,
]);

const zone = {
  names: { 'broker.local': ['10.0.0.5', 'fd00::5'], 'Two.Example': ['192.0.2.1', '192.0.2.2'] },
  cnames: { 'mqtt.local': 'broker.local' },
  ttl: 60,
};

describe('scripted DNS server', () => {
  it('answers a hand-built A query over UDP, byte for byte', () => {
    const { net, port, server } = twoHosts();
    dnsServer(server, zone);
    const s = open(port.udpOpen(ANY4(0), new UdpRecorder()));
    expect(s.send(QUERY_A, ep('10.0.0.1', 53))).toBe(0);
    net.runSync();
    const reply = new Uint8Array(512);
    const n = s.receive(reply, null, false);
    expect(Array.from(reply.subarray(0, n))).toEqual([
      0x12, 0x34, 0x85, 0x80, 0, 1, 0, 1, 0, 0, 0, 0, // id, QR|AA|RD|RA, 1 question, 1 answer
      ...Array.from(QUERY_A.subarray(12)),
      6, 0x62, 0x72, 0x6f, 0x6b, 0x65, 0x72, 5, 0x6c, 0x6f, 0x63, 0x61, 0x6c, 0,
      0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 10, 0, 0, 5,
    ]);
  });

  it('AAAA answers carry the 16-byte address', () => {
    const reply = answerDnsQuery(buildQuery(7, 'broker.local', DNS_TYPE_AAAA), zone)!;
    expect(reply[7]).toBe(1);
    expect(Array.from(reply.subarray(reply.length - 18))).toEqual([0, 16, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5]);
  });

  it('follows CNAMEs and answers both records; names match case-insensitively', () => {
    const reply = answerDnsQuery(buildQuery(8, 'MQTT.local', 1), zone)!;
    expect((reply[6]! << 8) | reply[7]!).toBe(2);
    const cname = answerDnsQuery(buildQuery(9, 'mqtt.local', DNS_TYPE_CNAME), zone)!;
    expect((cname[6]! << 8) | cname[7]!).toBe(1);
    const two = answerDnsQuery(buildQuery(10, 'two.example', 1), zone)!;
    expect((two[6]! << 8) | two[7]!).toBe(2);
  });

  it('unknown names get NXDOMAIN; a known name without that type gets an empty answer', () => {
    const nx = answerDnsQuery(buildQuery(1, 'nope.local', 1), zone)!;
    expect(nx[3]! & 0x0f).toBe(3);
    expect(nx[7]).toBe(0);
    const empty = answerDnsQuery(buildQuery(2, 'two.example', DNS_TYPE_AAAA), zone)!;
    expect(empty[3]! & 0x0f).toBe(0);
    expect(empty[7]).toBe(0);
  });

  it('ignores responses and answers garbage with FORMERR', () => {
    const response = QUERY_A.slice();
    response[2] = 0x81;
    expect(answerDnsQuery(response, zone)).toBeNull();
    const bad = answerDnsQuery(new Uint8Array([1, 2, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 9, 0x61]), zone)!;
    expect(bad[3]! & 0x0f).toBe(1);
  });

  it('the host reports its configured DNS servers', () => {
    const { net } = twoHosts();
    const h = net.host('dhcp-client', { ipv4: '10.0.0.9', dns: ['10.0.0.1', '[fd00::1]:5353'] });
    const servers = net.port(h).dnsServers();
    expect(servers.map((s) => [s.family, Array.from(s.addr).length, s.port])).toEqual([
      [1, 4, 53],
      [2, 16, 5353],
    ]);
  });
});
