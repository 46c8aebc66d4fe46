import { afterEach, describe, expect, it } from 'vitest';
import {
  AF_INET,
  AF_INET6,
  AF_UNSPEC,
  AI_ADDRCONFIG,
  AI_ALL,
  AI_CANONNAME,
  AI_NUMERICHOST,
  AI_NUMERICSERV,
  AI_PASSIVE,
  AI_V4MAPPED,
  DNS_EAI_ADDRFAMILY,
  DNS_EAI_AGAIN,
  DNS_EAI_BADFLAGS,
  DNS_EAI_FAIL,
  DNS_EAI_NODATA,
  DNS_EAI_NONAME,
  DNS_EAI_SERVICE,
  DNS_EAI_SOCKTYPE,
  DNS_EAI_SYSTEM,
  IPPROTO_TCP,
  IPPROTO_UDP,
  SOCK_DGRAM,
  SOCK_RAW,
  SOCK_STREAM,
} from '../../lib/constants';
import { EFAULT, EINVAL, EPROTONOSUPPORT, errno, set_errno } from '../../lib/errno';
import {
  zsock_dns_add_host,
  zsock_dns_flush_cache,
  zsock_dns_set_servers,
  zsock_dns_set_timeout,
} from '../../lib/dns/client';
import { zsock_freeaddrinfo, zsock_getaddrinfo, type zsock_addrinfo } from '../../lib/getaddrinfo';
import { inet_tcp, ntohs, zsock_gai_strerror } from '../../lib/index';
import type { Endpoint, Port, PortResolver, UdpSocket } from '../../lib/port';
import { SOCKADDR_IN6_SIZE, SOCKADDR_IN_SIZE } from '../../lib/sockaddr';
import { answerDnsQuery, parseAddress, parseQuestion } from '../../ports/node-mock/index';
import { A, AAAA, buildResponse, ipv4 } from './builder';
import { NS_V4, lookup, open_bed, type DnsBed } from './mock-dns';

const ZONE = {
  names: {
    'broker.example': ['192.0.2.80', '2001:db8::80'],
    'v4only.example': ['192.0.2.81', '192.0.2.82'],
    'v6only.example': ['2001:db8::83'],
    'host.example': ['198.51.100.7'],
  },
  cnames: { 'www.example': 'web.example', 'web.example': 'host.example', 'loop1.example': 'loop2.example', 'loop2.example': 'loop1.example' },
  ttl: 60,
};

let bed: DnsBed | null = null;
afterEach(async () => {
  if (bed) await bed.close();
  bed = null;
});

function open(options: Parameters<typeof open_bed>[0] = {}): DnsBed {
  bed = open_bed({ zone: ZONE, ...options });
  return bed;
}

describe('getaddrinfo of names over the mock DNS server', () => {
  it('AF_INET asks A and gives each address with SOCK_STREAM/TCP and the port', async () => {
    const b = open();
    const r = await lookup(b, 'v4only.example', '8883', { ai_family: AF_INET });
    expect(r.code).toBe(0);
    expect(r.texts).toEqual(['192.0.2.81', '192.0.2.82']);
    for (const ai of r.list) {
      expect(ai.ai_family).toBe(AF_INET);
      expect(ai.ai_socktype).toBe(SOCK_STREAM);
      expect(ai.ai_protocol).toBe(IPPROTO_TCP);
      expect(ai.ai_addrlen).toBe(SOCKADDR_IN_SIZE);
      expect(ai.ai_addr.sa_family).toBe(AF_INET);
      expect(ntohs(ai.ai_addr.sin_port)).toBe(8883);
      expect(ai.ai_canonname).toBeNull();
    }
    expect(b.seen.map((q) => [q.name, q.type])).toEqual([['v4only.example', A]]);
  });

  it('AF_INET6 asks AAAA', async () => {
    const b = open();
    const r = await lookup(b, 'broker.example', null, { ai_family: AF_INET6, ai_socktype: SOCK_DGRAM });
    expect(r.code).toBe(0);
    expect(r.texts).toEqual(['2001:db8::80']);
    expect(r.list[0]!.ai_addrlen).toBe(SOCKADDR_IN6_SIZE);
    expect(r.list[0]!.ai_socktype).toBe(SOCK_DGRAM);
    expect(r.list[0]!.ai_protocol).toBe(IPPROTO_UDP);
    expect(b.seen.map((q) => q.type)).toEqual([AAAA]);
  });

  it('AF_UNSPEC (and no hints) asks AAAA before A and gives IPv6 first', async () => {
    const b = open();
    const r = await lookup(b, 'broker.example', '80', null);
    expect(r.code).toBe(0);
    expect(r.texts).toEqual(['2001:db8::80', '192.0.2.80']);
    expect(r.list.map((ai) => ai.ai_family)).toEqual([AF_INET6, AF_INET]);
    expect(b.seen.map((q) => q.type)).toEqual([AAAA, A]);
    // Two questions, two random IDs, one ephemeral source port.
    expect(b.seen[0]!.id).not.toBe(b.seen[1]!.id);
    expect(b.seen[0]!.from.port).toBe(b.seen[1]!.from.port);
    expect(b.seen[0]!.from.port).toBeGreaterThanOrEqual(49152);
  });

  it('AF_UNSPEC for a name with addresses of one family gives those', async () => {
    const b = open();
    expect((await lookup(b, 'v4only.example', null, { ai_family: AF_UNSPEC })).texts).toEqual(['192.0.2.81', '192.0.2.82']);
    expect((await lookup(b, 'v6only.example', null, { ai_family: AF_UNSPEC })).texts).toEqual(['2001:db8::83']);
  });

  it('each lookup uses a fresh source port and fresh IDs', async () => {
    const b = open({ zone: { ...ZONE, ttl: 0 } });
    await lookup(b, 'host.example', null, { ai_family: AF_INET });
    await lookup(b, 'host.example', null, { ai_family: AF_INET });
    expect(b.seen.length).toBe(2);
    expect(b.seen[0]!.from.port).not.toBe(b.seen[1]!.from.port);
  });

  it('NXDOMAIN is DNS_EAI_NONAME, and res is left alone', async () => {
    const b = open();
    const res: { value: zsock_addrinfo | null } = { value: null };
    const code = await b.run(zsock_getaddrinfo('nosuch.example', '80', null, res));
    expect(code).toBe(DNS_EAI_NONAME);
    expect(res.value).toBeNull();
    expect(zsock_gai_strerror(code)).toBe('EAI_NONAME');
  });

  it('a name without addresses of the family is DNS_EAI_NODATA; AI_V4MAPPED maps the A answers', async () => {
    const b = open();
    expect((await lookup(b, 'v4only.example', null, { ai_family: AF_INET6 })).code).toBe(DNS_EAI_NODATA);
    const mapped = await lookup(b, 'v4only.example', null, { ai_family: AF_INET6, ai_flags: AI_V4MAPPED });
    expect(mapped.code).toBe(0);
    expect(mapped.texts).toEqual(['::ffff:192.0.2.81', '::ffff:192.0.2.82']);
    expect(mapped.list[0]!.ai_family).toBe(AF_INET6);
    // With an AAAA answer, V4MAPPED alone gives only it; AI_ALL adds the mapped A answers.
    expect((await lookup(b, 'broker.example', null, { ai_family: AF_INET6, ai_flags: AI_V4MAPPED })).texts).toEqual(['2001:db8::80']);
    expect((await lookup(b, 'broker.example', null, { ai_family: AF_INET6, ai_flags: AI_V4MAPPED | AI_ALL })).texts).toEqual([
      '2001:db8::80',
      '::ffff:192.0.2.80',
    ]);
  });

  it('follows a CNAME chain; AI_CANONNAME gives its end on the first entry', async () => {
    const b = open();
    const r = await lookup(b, 'www.example', null, { ai_family: AF_INET, ai_flags: AI_CANONNAME });
    expect(r.code).toBe(0);
    expect(r.texts).toEqual(['198.51.100.7']);
    expect(r.list[0]!.ai_canonname).toBe('host.example');
    const plain = await lookup(b, 'host.example', null, { ai_family: AF_INET, ai_flags: AI_CANONNAME });
    expect(plain.list[0]!.ai_canonname).toBe('host.example');
    // From the cache the canonical name is the same.
    const again = await lookup(b, 'www.example', null, { ai_family: AF_INET, ai_flags: AI_CANONNAME });
    expect(again.list[0]!.ai_canonname).toBe('host.example');
    expect(b.seen.length).toBe(2);
  });

  it('a CNAME loop is DNS_EAI_FAIL, at once', async () => {
    const b = open();
    const start = b.net.now;
    expect((await lookup(b, 'loop1.example', null, { ai_family: AF_INET })).code).toBe(DNS_EAI_FAIL);
    expect(b.net.now - start).toBeLessThan(100);
    expect(b.seen.length).toBe(1);
  });

  it('caches answers for their TTL in the port clock, then asks again', async () => {
    const b = open();
    expect((await lookup(b, 'broker.example', null, null)).texts).toEqual(['2001:db8::80', '192.0.2.80']);
    expect(b.seen.length).toBe(2);
    await b.net.advance(30_000);
    expect((await lookup(b, 'broker.example', null, null)).texts).toEqual(['2001:db8::80', '192.0.2.80']);
    expect((await lookup(b, 'BROKER.example.', null, { ai_family: AF_INET })).texts).toEqual(['192.0.2.80']);
    expect(b.seen.length).toBe(2);
    await b.net.advance(31_000);
    expect((await lookup(b, 'broker.example', null, { ai_family: AF_INET })).texts).toEqual(['192.0.2.80']);
    expect(b.seen.length).toBe(3);
    zsock_dns_flush_cache();
    await lookup(b, 'broker.example', null, { ai_family: AF_INET });
    expect(b.seen.length).toBe(4);
  });

  it('a TTL of 0 is not cached', async () => {
    const b = open({ zone: { ...ZONE, ttl: 0 } });
    await lookup(b, 'host.example', null, { ai_family: AF_INET });
    await lookup(b, 'host.example', null, { ai_family: AF_INET });
    expect(b.seen.length).toBe(2);
  });

  it('the host table is asked first; localhost is built in', async () => {
    const b = open();
    expect(zsock_dns_add_host('broker.example', '203.0.113.9')).toBe(0);
    expect(zsock_dns_add_host('printer.lan', '2001:db8::99')).toBe(0);
    expect(zsock_dns_add_host('printer.lan', '203.0.113.99')).toBe(0);
    expect((await lookup(b, 'broker.example', null, { ai_family: AF_INET })).texts).toEqual(['203.0.113.9']);
    expect((await lookup(b, 'Printer.LAN', null, null)).texts).toEqual(['2001:db8::99', '203.0.113.99']);
    expect((await lookup(b, 'printer.lan', null, { ai_family: AF_INET })).texts).toEqual(['203.0.113.99']);
    expect((await lookup(b, 'localhost', null, { ai_family: AF_INET })).texts).toEqual(['127.0.0.1']);
    expect((await lookup(b, 'localhost', null, null)).texts).toEqual(['::1', '127.0.0.1']);
    expect(b.seen.length).toBe(0);
    // A family the table lacks for that name goes to DNS.
    expect((await lookup(b, 'broker.example', null, { ai_family: AF_INET6 })).texts).toEqual(['2001:db8::80']);
    expect(b.seen.length).toBe(1);
    expect(zsock_dns_add_host('bad name', '192.0.2.1')).toBe(-1);
    expect(errno).toBe(EINVAL);
    expect(zsock_dns_add_host('ok.name', '192.0.2.256')).toBe(-1);
    expect(errno).toBe(EINVAL);
  });

  it('AI_ADDRCONFIG asks only for families the device has an address of', async () => {
    const b = open({ deviceV6: false });
    const r = await lookup(b, 'broker.example', null, { ai_flags: AI_ADDRCONFIG });
    expect(r.texts).toEqual(['192.0.2.80']);
    expect(b.seen.map((q) => q.type)).toEqual([A]);
    expect((await lookup(b, 'broker.example', null, { ai_family: AF_INET6, ai_flags: AI_ADDRCONFIG })).code).toBe(DNS_EAI_NONAME);
    expect(b.seen.length).toBe(1);
  });

  it('a lookup that succeeds leaves errno alone', async () => {
    const b = open();
    set_errno(1234);
    expect((await lookup(b, 'broker.example', null, null)).code).toBe(0);
    expect(errno).toBe(1234);
    set_errno(0);
  });

  it('concurrent lookups each get their own answer', async () => {
    const b = open();
    const one = { value: null as zsock_addrinfo | null };
    const two = { value: null as zsock_addrinfo | null };
    const [a, c] = await b.run(
      Promise.all([
        zsock_getaddrinfo('v4only.example', null, { ai_family: AF_INET }, one),
        zsock_getaddrinfo('host.example', null, { ai_family: AF_INET }, two),
      ]),
    );
    expect([a, c]).toEqual([0, 0]);
    expect(one.value!.ai_addr.sin_addr.s4_addr).toEqual(Uint8Array.from([192, 0, 2, 81]));
    expect(two.value!.ai_addr.sin_addr.s4_addr).toEqual(Uint8Array.from([198, 51, 100, 7]));
  });
});

describe('getaddrinfo: timeouts, retries and lost datagrams (virtual time)', () => {
  it('a silent server: 3 sends in the 2000 ms budget (0, 500, 1500), then DNS_EAI_AGAIN at 2000 ms', async () => {
    const b = open({ respond: () => null });
    const start = b.net.now;
    const r = await lookup(b, 'broker.example', null, { ai_family: AF_INET });
    expect(r.code).toBe(DNS_EAI_AGAIN);
    expect(b.net.now - start).toBe(2000);
    expect(b.seen.map((q) => q.at - start)).toEqual([10, 510, 1510]);
    // Retransmissions repeat the question and its ID from the same port.
    expect(new Set(b.seen.map((q) => q.id)).size).toBe(1);
    expect(new Set(b.seen.map((q) => q.from.port)).size).toBe(1);
  });

  it('the budget is settable: 5000 ms sends at 0, 1000, 3000; 30000 ms adds 7000 and 15000', async () => {
    const b = open({ respond: () => null });
    expect(zsock_dns_set_timeout(5000)).toBe(0);
    let start = b.net.now;
    expect((await lookup(b, 'host.example', null, { ai_family: AF_INET })).code).toBe(DNS_EAI_AGAIN);
    expect(b.net.now - start).toBe(5000);
    expect(b.seen.map((q) => q.at - start)).toEqual([10, 1010, 3010]);
    expect(zsock_dns_set_timeout(30_000)).toBe(0);
    b.seen.length = 0;
    start = b.net.now;
    expect((await lookup(b, 'host.example', null, { ai_family: AF_INET })).code).toBe(DNS_EAI_AGAIN);
    expect(b.net.now - start).toBe(30_000);
    expect(b.seen.map((q) => q.at - start)).toEqual([10, 1010, 3010, 7010, 15010]);
  });

  it('rejects a budget outside 1..300000 ms', () => {
    open();
    for (const bad of [0, -1, 300_001, 1.5, NaN]) {
      set_errno(0);
      expect(zsock_dns_set_timeout(bad)).toBe(-1);
      expect(errno).toBe(EINVAL);
    }
  });

  it('a partitioned server: DNS_EAI_AGAIN after the budget; healed, the name resolves', async () => {
    const b = open();
    b.net.partition(b.device, b.ns);
    const start = b.net.now;
    expect((await lookup(b, 'broker.example', null, null)).code).toBe(DNS_EAI_AGAIN);
    expect(b.net.now - start).toBe(2000);
    expect(b.seen.length).toBe(0);
    b.net.heal(b.device, b.ns);
    expect((await lookup(b, 'broker.example', null, null)).code).toBe(0);
  });

  it('a lost answer is made good by the retransmission', async () => {
    const b = open();
    b.net.dropNext(1, { from: b.ns, protocol: 'udp' });
    const start = b.net.now;
    const r = await lookup(b, 'host.example', null, { ai_family: AF_INET });
    expect(r.code).toBe(0);
    expect(r.texts).toEqual(['198.51.100.7']);
    expect(b.seen.length).toBe(2);
    expect(b.net.now - start).toBe(520);
  });

  it('a lost query is made good too, and AF_UNSPEC resends only the unanswered question', async () => {
    const b = open();
    b.net.dropNext(1, { from: b.device, protocol: 'udp' });
    const r = await lookup(b, 'broker.example', null, null);
    expect(r.texts).toEqual(['2001:db8::80', '192.0.2.80']);
    // The AAAA query was lost; A was answered; only AAAA went again.
    expect(b.seen.map((q) => q.type)).toEqual([A, AAAA]);
  });

  it('rotates through the servers: a dead first server, an answering second', async () => {
    const b = open();
    expect(zsock_dns_set_servers(['192.0.2.99', NS_V4])).toBe(0);
    const start = b.net.now;
    const r = await lookup(b, 'host.example', null, { ai_family: AF_INET });
    expect(r.code).toBe(0);
    expect(b.net.now - start).toBe(520);
  });

  it('a server over IPv6, on another port', async () => {
    const b = open();
    const alt = (await import('../../ports/node-mock/index')).dnsServer(b.ns, { ...ZONE, port: 5353, family: AF_INET6 });
    expect(zsock_dns_set_servers(['[2001:db8::53]:5353'])).toBe(0);
    const r = await lookup(b, 'broker.example', null, null);
    expect(r.texts).toEqual(['2001:db8::80', '192.0.2.80']);
    expect(alt.received).toBe(2);
    expect(b.seen.length).toBe(0);
    alt.close();
  });

  it('SERVFAIL from every server is DNS_EAI_AGAIN, REFUSED is DNS_EAI_FAIL, at once; another server may still answer', async () => {
    let rcode = 2;
    const b = open({
      respond: (query) => {
        const q = parseQuestion(query)!;
        return buildResponse({ id: q.id, rcode, questions: [{ name: q.name, type: q.type }] });
      },
    });
    let start = b.net.now;
    expect((await lookup(b, 'host.example', null, { ai_family: AF_INET })).code).toBe(DNS_EAI_AGAIN);
    expect(b.net.now - start).toBe(20);
    rcode = 5;
    start = b.net.now;
    expect((await lookup(b, 'host.example', null, { ai_family: AF_INET })).code).toBe(DNS_EAI_FAIL);
    expect(b.net.now - start).toBe(20);
    // First server refuses; the retransmission goes to the second, which answers.
    const { dnsServer } = await import('../../ports/node-mock/index');
    const good = dnsServer(b.ns, { ...ZONE, port: 5300 });
    expect(zsock_dns_set_servers([NS_V4, `${NS_V4}:5300`])).toBe(0);
    expect((await lookup(b, 'host.example', null, { ai_family: AF_INET })).texts).toEqual(['198.51.100.7']);
    good.close();
  });
});

describe('getaddrinfo: forged and stray replies are ignored', () => {
  /** Opens a socket on `host` that sends what it is told, from its own address. */
  function sender(host: DnsBed['ns'], port: number): UdpSocket {
    const local: Endpoint = { family: AF_INET, addr: new Uint8Array(4), port };
    const socket = host.udpOpen(local, { readable() {}, writable() {}, error() {} }, {});
    if (typeof socket === 'number') throw new Error(`udpOpen: ${socket}`);
    return socket;
  }

  it('replies with a wrong ID, a wrong question, garbage, or from another host or port do not count', async () => {
    let rogueSocket: UdpSocket | null = null;
    let sidePort: UdpSocket | null = null;
    const forged = (id: number, name: string, type: number, address: number[]): Uint8Array =>
      buildResponse({ id, questions: [{ name, type }], answers: [{ name, type, ttl: 60, data: address }] });
    const b = open({
      latency: 20,
      respond: (query, from) => {
        const q = parseQuestion(query)!;
        // The rogue sits closer to the device and answers first, with the right ID and question.
        rogueSocket!.send(forged(q.id, q.name, q.type, ipv4('6.6.6.6')), from);
        // From the server's address but another port.
        sidePort!.send(forged(q.id, q.name, q.type, ipv4('6.6.6.7')), from);
        return [
          forged(q.id ^ 1, q.name, q.type, ipv4('6.6.6.8')),
          forged(q.id, 'other.example', q.type, ipv4('6.6.6.9')),
          Uint8Array.from([1, 2, 3]),
          Uint8Array.from([q.id >> 8, q.id & 255, 0x81, 0x80, 0, 1, 0, 5]),
          answerDnsQuery(query, ZONE)!,
        ];
      },
    });
    const rogue = b.net.host('rogue', { ipv4: '192.0.2.66' });
    b.net.link(rogue, b.device, { latency: 1 });
    rogueSocket = sender(rogue, 0);
    sidePort = sender(b.ns, 5301);
    const r = await lookup(b, 'host.example', null, { ai_family: AF_INET });
    expect(r.code).toBe(0);
    expect(r.texts).toEqual(['198.51.100.7']);
    rogueSocket.close();
    sidePort.close();
  });

  it('a forged reply alone never answers: the lookup times out', async () => {
    let rogueSocket: UdpSocket | null = null;
    const b = open({
      respond: (query, from) => {
        const q = parseQuestion(query)!;
        rogueSocket!.send(buildResponse({ id: q.id, questions: [{ name: q.name, type: q.type }], answers: [{ name: q.name, type: q.type, data: ipv4('6.6.6.6') }] }), from);
        return null;
      },
    });
    const rogue = b.net.host('rogue', { ipv4: '192.0.2.66' });
    b.net.link(rogue, b.device, { latency: 1 });
    rogueSocket = sender(rogue, 0);
    expect((await lookup(b, 'host.example', null, { ai_family: AF_INET })).code).toBe(DNS_EAI_AGAIN);
    rogueSocket.close();
  });
});

describe('getaddrinfo without a lookup', () => {
  it('numeric hosts and services resolve without sending anything', async () => {
    const b = open();
    const capture = b.net.capture();
    const v4 = await lookup(b, '192.0.2.1', '8080', { ai_socktype: SOCK_DGRAM });
    expect(v4.texts).toEqual(['192.0.2.1']);
    expect(ntohs(v4.list[0]!.ai_addr.sin_port)).toBe(8080);
    expect(v4.list[0]!.ai_protocol).toBe(IPPROTO_UDP);
    const v6 = await lookup(b, '2001:db8::1', '0', { ai_flags: AI_NUMERICHOST | AI_NUMERICSERV, ai_family: AF_INET6 });
    expect(v6.texts).toEqual(['2001:db8::1']);
    expect(v6.list[0]!.ai_addr.sin6_port).toBe(0);
    expect(v6.list[0]!.ai_flags).toBe(AI_NUMERICHOST | AI_NUMERICSERV);
    const canon = await lookup(b, '192.0.2.1', null, { ai_flags: AI_CANONNAME });
    expect(canon.list[0]!.ai_canonname).toBe('192.0.2.1');
    expect(capture.frames().length).toBe(0);
    expect(b.seen.length).toBe(0);
  });

  it('AI_NUMERICHOST with a name is DNS_EAI_FAIL (Zephyr) and asks nothing', async () => {
    const b = open();
    expect((await lookup(b, 'broker.example', null, { ai_flags: AI_NUMERICHOST })).code).toBe(DNS_EAI_FAIL);
    expect(b.seen.length).toBe(0);
  });

  it('a literal of the other family is DNS_EAI_ADDRFAMILY; AI_V4MAPPED maps an IPv4 one', async () => {
    const b = open();
    expect((await lookup(b, '192.0.2.1', null, { ai_family: AF_INET6 })).code).toBe(DNS_EAI_ADDRFAMILY);
    expect((await lookup(b, '2001:db8::1', null, { ai_family: AF_INET })).code).toBe(DNS_EAI_ADDRFAMILY);
    expect((await lookup(b, '192.0.2.1', null, { ai_family: AF_INET6, ai_flags: AI_V4MAPPED })).texts).toEqual(['::ffff:192.0.2.1']);
    expect(b.seen.length).toBe(0);
  });

  it('NULL host: AI_PASSIVE gives the wildcard, otherwise loopback; one entry', async () => {
    const b = open();
    expect((await lookup(b, null, '80', { ai_flags: AI_PASSIVE })).texts).toEqual(['0.0.0.0']);
    expect((await lookup(b, null, '80', { ai_flags: AI_PASSIVE, ai_family: AF_INET6 })).texts).toEqual(['::']);
    const loop = await lookup(b, null, 'http', null);
    expect(loop.texts).toEqual(['127.0.0.1']);
    expect(ntohs(loop.list[0]!.ai_addr.sin_port)).toBe(80);
    expect((await lookup(b, null, '80', { ai_family: AF_INET6 })).texts).toEqual(['::1']);
  });

  it('service names from the built-in table choose the port and, without hints, the socket type', async () => {
    const b = open();
    const cases: [string, number, number, number][] = [
      ['http', 80, SOCK_STREAM, IPPROTO_TCP],
      ['https', 443, SOCK_STREAM, IPPROTO_TCP],
      ['mqtt', 1883, SOCK_STREAM, IPPROTO_TCP],
      ['secure-mqtt', 8883, SOCK_STREAM, IPPROTO_TCP],
      ['coap', 5683, SOCK_DGRAM, IPPROTO_UDP],
      ['coaps', 5684, SOCK_DGRAM, IPPROTO_UDP],
      ['ntp', 123, SOCK_DGRAM, IPPROTO_UDP],
      ['domain', 53, SOCK_STREAM, IPPROTO_TCP],
      ['HTTP', 80, SOCK_STREAM, IPPROTO_TCP],
    ];
    for (const [name, port, type, proto] of cases) {
      const r = await lookup(b, '192.0.2.1', name, null);
      expect(r.code, name).toBe(0);
      expect(ntohs(r.list[0]!.ai_addr.sin_port), name).toBe(port);
      expect(r.list[0]!.ai_socktype, name).toBe(type);
      expect(r.list[0]!.ai_protocol, name).toBe(proto);
    }
    const dgram = await lookup(b, '192.0.2.1', 'domain', { ai_socktype: SOCK_DGRAM });
    expect(dgram.list[0]!.ai_protocol).toBe(IPPROTO_UDP);
    const byProto = await lookup(b, '192.0.2.1', 'domain', { ai_protocol: IPPROTO_UDP });
    expect(byProto.list[0]!.ai_socktype).toBe(SOCK_DGRAM);
    expect((await lookup(b, '192.0.2.1', 'ntp', { ai_socktype: SOCK_STREAM })).code).toBe(DNS_EAI_SERVICE);
    expect((await lookup(b, '192.0.2.1', 'gopher-plus', null)).code).toBe(DNS_EAI_SERVICE);
    expect((await lookup(b, '192.0.2.1', '', null)).code).toBe(DNS_EAI_SERVICE);
    expect((await lookup(b, '192.0.2.1', 'http', { ai_flags: AI_NUMERICSERV })).code).toBe(DNS_EAI_NONAME);
    expect((await lookup(b, '192.0.2.1', 'http', { ai_socktype: SOCK_RAW })).code).toBe(DNS_EAI_SERVICE);
    expect((await lookup(b, '192.0.2.1', '65535', null)).code).toBe(0);
    expect((await lookup(b, '192.0.2.1', '65536', null)).code).toBe(DNS_EAI_NONAME);
    expect((await lookup(b, '192.0.2.1', '000000080', null)).code).toBe(DNS_EAI_NONAME);
    expect((await lookup(b, '192.0.2.1', '0', null)).code).toBe(0);
  });

  it('bad hints', async () => {
    const b = open();
    expect((await lookup(b, '192.0.2.1', null, { ai_family: 3 })).code).toBe(DNS_EAI_ADDRFAMILY);
    expect((await lookup(b, '192.0.2.1', null, { ai_family: 99 })).code).toBe(DNS_EAI_ADDRFAMILY);
    expect((await lookup(b, '192.0.2.1', null, { ai_flags: 0x8000 })).code).toBe(DNS_EAI_BADFLAGS);
    expect((await lookup(b, null, '80', { ai_flags: AI_CANONNAME })).code).toBe(DNS_EAI_BADFLAGS);
    expect((await lookup(b, '192.0.2.1', null, { ai_socktype: 42 })).code).toBe(DNS_EAI_SOCKTYPE);
    expect((await lookup(b, '192.0.2.1', null, { ai_socktype: SOCK_STREAM, ai_protocol: IPPROTO_UDP })).code).toBe(DNS_EAI_SOCKTYPE);
    expect((await lookup(b, '192.0.2.1', null, { ai_socktype: SOCK_DGRAM, ai_protocol: IPPROTO_TCP })).code).toBe(DNS_EAI_SOCKTYPE);
    expect((await lookup(b, '', null, null)).code).toBe(DNS_EAI_NONAME);
    expect((await lookup(b, 'a..b', null, null)).code).toBe(DNS_EAI_NONAME);
    expect(b.seen.length).toBe(0);
    expect(() => zsock_getaddrinfo(42 as unknown as string, null, null, { value: null })).toThrow(TypeError);
    // A NULL res compiles in C: EAI_SYSTEM with errno EFAULT, not a throw.
    expect(await b.run(zsock_getaddrinfo('x', null, null, null))).toBe(DNS_EAI_SYSTEM);
    expect(errno).toBe(EFAULT);
    expect(() => zsock_getaddrinfo('x', null, null, 5 as unknown as { value: null })).toThrow(TypeError);
    expect(() => zsock_getaddrinfo('x', null, { ai_family: 'inet' as unknown as number }, { value: null })).toThrow(TypeError);
  });

  it('NULL host and NULL service: DNS_EAI_SYSTEM with errno EINVAL (Zephyr\'s test)', async () => {
    const b = open();
    const res = { value: null as zsock_addrinfo | null };
    set_errno(0);
    const code = await b.run(zsock_getaddrinfo(null, null, null, res));
    expect(code).toBe(DNS_EAI_SYSTEM);
    expect(errno).toBe(EINVAL);
    expect(res.value).toBeNull();
    zsock_freeaddrinfo(res.value);
  });

  it('freeaddrinfo unlinks the list', async () => {
    const b = open();
    const r = await lookup(b, 'broker.example', null, null);
    expect(r.list.length).toBe(2);
    zsock_freeaddrinfo(r.list[0]!);
    expect(r.list[0]!.ai_next).toBeNull();
    zsock_freeaddrinfo(null);
  });
});

describe('getaddrinfo: where names go', () => {
  it('without a UDP provider a name is DNS_EAI_SYSTEM with errno EPROTONOSUPPORT; literals still work', async () => {
    const b = open({ providers: [inet_tcp] });
    set_errno(0);
    expect((await lookup(b, 'broker.example', null, null)).code).toBe(DNS_EAI_SYSTEM);
    expect(errno).toBe(EPROTONOSUPPORT);
    expect((await lookup(b, '192.0.2.1', '80', null)).code).toBe(0);
    expect(b.seen.length).toBe(0);
  });

  it('without any DNS server a name is DNS_EAI_FAIL at once', async () => {
    const b = open({ dns: [] });
    expect((await lookup(b, 'broker.example', null, null)).code).toBe(DNS_EAI_FAIL);
  });

  it('without a registered resolver a name is DNS_EAI_FAIL and nothing is asked; literals and the host table still answer', async () => {
    const b = open();
    const { zsock_init, inet_udp } = await import('../../lib/index');
    zsock_init(b.port, [inet_tcp, inet_udp]);
    expect((await lookup(b, 'broker.example', null, null)).code).toBe(DNS_EAI_FAIL);
    expect((await lookup(b, '192.0.2.9', '80', null)).texts).toEqual(['192.0.2.9']);
    expect(zsock_dns_add_host('fixed.example', '192.0.2.44')).toBe(0);
    expect((await lookup(b, 'fixed.example', null, { ai_family: AF_INET })).texts).toEqual(['192.0.2.44']);
    expect(b.seen.length).toBe(0);
  });

  it('zsock_dns_set_servers checks its entries and changes nothing on error', () => {
    open();
    for (const bad of ['', 'ns.example', '192.0.2.1:', '192.0.2.1:0', '192.0.2.1:65536', '[2001:db8::1', '[2001:db8::1]x', '192.0.2.1:53x']) {
      set_errno(0);
      expect(zsock_dns_set_servers(['192.0.2.1', bad]), bad).toBe(-1);
      expect(errno).toBe(EINVAL);
    }
    expect(zsock_dns_set_servers(['192.0.2.1', '192.0.2.1:5353', '2001:db8::1', '[2001:db8::1]:53', '[2001:db8::1]'])).toBe(0);
    expect(zsock_dns_set_servers(null)).toBe(0);
  });

  it('a port with a native resolver is asked instead, unless servers were set', async () => {
    const b = open();
    const asked: [string, number][] = [];
    const resolver: PortResolver = {
      resolve(host, family, done) {
        asked.push([host, family]);
        b.port.setTimer(5, () => done(host === 'gone.example' ? DNS_EAI_NONAME : [parseAddress('192.0.2.200')!, parseAddress('2001:db8::200')!]));
      },
    };
    const native = Object.create(b.port) as Port;
    Object.defineProperty(native, 'resolver', { value: resolver });
    Object.defineProperty(native, 'capabilities', { value: { ...b.port.capabilities, resolver: true } });
    const { zsock_init, inet_udp, dns_client } = await import('../../lib/index');
    zsock_init(native, [inet_tcp, inet_udp], { resolver: dns_client });
    expect((await lookup(b, 'broker.example', null, null)).texts).toEqual(['2001:db8::200', '192.0.2.200']);
    expect((await lookup(b, 'broker.example', null, { ai_family: AF_INET })).texts).toEqual(['192.0.2.200']);
    expect((await lookup(b, 'gone.example', null, null)).code).toBe(DNS_EAI_NONAME);
    expect(asked).toEqual([
      ['broker.example', AF_UNSPEC],
      ['broker.example', AF_INET],
      ['gone.example', AF_UNSPEC],
    ]);
    expect(b.seen.length).toBe(0);
    expect(zsock_dns_set_servers([NS_V4])).toBe(0);
    expect((await lookup(b, 'broker.example', null, null)).texts).toEqual(['2001:db8::80', '192.0.2.80']);
    expect(asked.length).toBe(3);
    expect(b.seen.length).toBe(2);
    // Without dns_client registered the native resolver answers even with servers set.
    zsock_init(native, [inet_tcp, inet_udp]);
    expect((await lookup(b, 'broker.example', null, { ai_family: AF_INET })).texts).toEqual(['192.0.2.200']);
    expect(asked.length).toBe(4);
    expect(b.seen.length).toBe(2);
  });
});

describe('gai_strerror of the codes getaddrinfo gives', () => {
  it('names each', () => {
    const codes: [number, string][] = [
      [DNS_EAI_BADFLAGS, 'EAI_BADFLAGS'],
      [DNS_EAI_NONAME, 'EAI_NONAME'],
      [DNS_EAI_AGAIN, 'EAI_AGAIN'],
      [DNS_EAI_FAIL, 'EAI_FAIL'],
      [DNS_EAI_NODATA, 'EAI_NODATA'],
      [DNS_EAI_SOCKTYPE, 'EAI_SOCKTYPE'],
      [DNS_EAI_SERVICE, 'EAI_SERVICE'],
      [DNS_EAI_ADDRFAMILY, 'EAI_ADDRFAMILY'],
      [DNS_EAI_SYSTEM, 'EAI_SYSTEM'],
    ];
    for (const [code, name] of codes) expect(zsock_gai_strerror(code)).toBe(name);
  });
});

