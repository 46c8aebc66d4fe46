/**
 * Faults, each answered the way the README says: resets in the middle of a
 * send and of a recv, partitions during connect and during a transfer,
 * a close from another task during every blocking call, DNS servers that
 * stay silent, lie or are spoofed, and exhausted buffers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  AF_INET,
  DNS_EAI_AGAIN,
  EBADF,
  IPPROTO_TCP,
  TCP_KEEPCNT,
  TCP_KEEPIDLE,
  TCP_KEEPINTVL,
  EINTR,
  ENOBUFS,
  ECONNRESET,
  ENOTCONN,
  ETIMEDOUT,
  SIZEOF_INT,
  SO_KEEPALIVE,
  SOCK_DGRAM,
  SOCK_STREAM,
  SOL_SOCKET,
  ZSOCK_MSG_DONTWAIT,
  ZSOCK_POLLIN,
  ZSOCK_POLLNVAL,
  errno,
  zsock_accept,
  zsock_close,
  zsock_connect,
  zsock_fd_set,
  ZSOCK_FD_SET,
  zsock_getaddrinfo,
  zsock_poll,
  zsock_recv,
  zsock_recvfrom,
  zsock_recvmsg,
  zsock_select,
  zsock_send,
  zsock_sendmsg,
  zsock_sendto,
  zsock_setsockopt,
  zsock_socket,
  type msghdr,
} from '../../lib/index';
import { tcpEchoServer, tcpStaller } from '../../ports/node-mock/index';
import { A, buildResponse, ipv4 } from '../dns/builder';
import { open_bed, type DnsBed } from '../dns/mock-dns';
import { addr, addrlen, call, listener, pattern, tcp_pair, udp_socket } from '../conformance/helpers';
import { open_mock, type MockSession } from '../conformance/mock-target';
import { first_difference, figure } from './harness';

const answered: string[] = [];
const errno_name = (e: number): string => ({ 4: 'EINTR', 9: 'EBADF' } as Record<number, string>)[e] || `errno ${e}`;
function note(what: string, result: string): void {
  answered.push(`${what}: ${result}`);
}

let s: MockSession | null = null;
let bed: DnsBed | null = null;
afterEach(async () => {
  if (s) await s.close();
  if (bed) await bed.close();
  s = bed = null;
});

function session(): MockSession {
  s = open_mock(21);
  return s;
}
const host = (name: string) => s!.net.hosts.find((h) => h.name === name)!;

async function connected_to(port: number): Promise<number> {
  const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
  const to = addr('192.0.2.20', port);
  expect(await s!.run(zsock_connect(fd, to, addrlen(to)))).toBe(0);
  return fd;
}

/** Fills the send path to a peer that never reads, so the next send waits. */
async function stalled_sender(): Promise<number> {
  tcpStaller(host('peer'), 9);
  const fd = await connected_to(9);
  const chunk = new Uint8Array(8192);
  for (let i = 0; i < 100; i++) {
    if ((await s!.run(zsock_send(fd, chunk, chunk.length, ZSOCK_MSG_DONTWAIT))) < 0) break;
  }
  await s!.sleep(2000);
  while ((await s!.run(zsock_send(fd, chunk, chunk.length, ZSOCK_MSG_DONTWAIT))) > 0);
  return fd;
}

describe('resets', () => {
  it('a reset while a send waits for room answers ENOTCONN (Zephyr), and the socket stays answerable', async () => {
    session();
    const fd = await stalled_sender();
    const waiting = call(zsock_send(fd, new Uint8Array(100), 100, 0));
    await s!.sleep(10);
    expect(s!.net.resetConnections(host('device'), host('peer'))).toBeGreaterThan(0);
    expect(await s!.run(waiting)).toEqual([-1, ENOTCONN]);
    expect(await s!.run(call(zsock_recv(fd, new Uint8Array(4), 4, 0)))).toEqual([-1, ECONNRESET]);
    note('reset during a blocked send', 'ENOTCONN, then recv ECONNRESET');
  });

  it('a reset while a recv waits answers ECONNRESET', async () => {
    session();
    tcpEchoServer(host('peer'), 7);
    const fd = await connected_to(7);
    const waiting = call(zsock_recv(fd, new Uint8Array(16), 16, 0));
    await s!.sleep(10);
    s!.net.resetConnections(host('device'), host('peer'));
    expect(await s!.run(waiting)).toEqual([-1, ECONNRESET]);
    note('reset during a blocked recv', 'ECONNRESET');
  });
});

describe('partitions', () => {
  it('during connect: ETIMEDOUT after the 3000 ms connect timeout', async () => {
    session();
    s!.net.partition(host('device'), host('peer'));
    const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
    const to = addr('192.0.2.20', 7);
    const start = s!.net.now;
    expect(await s!.run(call(zsock_connect(fd, to, addrlen(to))))).toEqual([-1, ETIMEDOUT]);
    expect(s!.net.now - start).toBe(3000);
    note('partition during connect', 'ETIMEDOUT at 3000 ms');
  });

  it('during a transfer, healed after 20 s: every byte arrives once and in order', async () => {
    session();
    tcpEchoServer(host('peer'), 7);
    const fd = await connected_to(7);
    const data = pattern(200_000, 3);
    const sender = (async () => {
      for (let at = 0; at < data.length; ) {
        const n = await zsock_send(fd, data.subarray(at), data.length - at, 0);
        if (n <= 0) throw new Error('send ' + errno);
        at += n;
      }
    })();
    const got = new Uint8Array(data.length);
    const reader = (async () => {
      for (let at = 0; at < data.length; ) {
        const n = await zsock_recv(fd, got.subarray(at), data.length - at, 0);
        if (n <= 0) throw new Error('recv ' + errno);
        at += n;
      }
    })();
    await s!.sleep(30);
    s!.net.partition(host('device'), host('peer'));
    await s!.sleep(20_000);
    s!.net.heal(host('device'), host('peer'));
    await s!.run(Promise.all([sender, reader]));
    expect(first_difference(got, data)).toBe(-1);
    note('partition for 20 s during a 200 kB echo', 'every byte once, in order, after healing');
  });

  it('during a transfer, never healed: the retransmissions give up and the calls answer ETIMEDOUT / ENOTCONN', async () => {
    session();
    tcpEchoServer(host('peer'), 7);
    const fd = await connected_to(7);
    s!.net.partition(host('device'), host('peer'));
    expect(await s!.run(zsock_send(fd, new Uint8Array(1000), 1000, 0))).toBe(1000);
    const start = s!.net.now;
    expect(await s!.run(call(zsock_recv(fd, new Uint8Array(16), 16, 0)))).toEqual([-1, ETIMEDOUT]);
    expect(await s!.run(call(zsock_send(fd, new Uint8Array(1), 1, 0)))).toEqual([-1, ENOTCONN]);
    note('partition for good during a transfer', `recv ETIMEDOUT after ${Math.round((s!.net.now - start) / 1000)} s, then send ENOTCONN`);
  });

  it('of an idle connection with keepalive: the keepalive probes give up with ETIMEDOUT', async () => {
    session();
    tcpEchoServer(host('peer'), 7);
    const fd = await connected_to(7);
    expect(zsock_setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, { value: 1 }, SIZEOF_INT)).toBe(0);
    expect(zsock_setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, { value: 10 }, SIZEOF_INT)).toBe(0);
    expect(zsock_setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, { value: 5 }, SIZEOF_INT)).toBe(0);
    expect(zsock_setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, { value: 3 }, SIZEOF_INT)).toBe(0);
    s!.net.partition(host('device'), host('peer'));
    expect(await s!.run(call(zsock_recv(fd, new Uint8Array(16), 16, 0)))).toEqual([-1, ETIMEDOUT]);
    note('partition of an idle keepalive connection', 'recv ETIMEDOUT');
  });
});

describe('close from another task during every blocking call', () => {
  type Blocked = { name: string; start: () => Promise<{ fd: number; promise: Promise<number> }>; want: (r: number, e: number) => void };
  const eintr = (r: number, e: number) => expect([r, e]).toEqual([-1, EINTR]);
  const cases: Blocked[] = [
    {
      name: 'connect',
      start: async () => {
        s!.net.partition(host('device'), host('peer'));
        const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
        const to = addr('192.0.2.20', 7);
        return { fd, promise: zsock_connect(fd, to, addrlen(to)) };
      },
      want: eintr,
    },
    { name: 'accept', start: async () => { const l = listener('127.0.0.1'); return { fd: l.fd, promise: zsock_accept(l.fd, null, null) }; }, want: eintr },
    { name: 'send', start: async () => { const fd = await stalled_sender(); return { fd, promise: zsock_send(fd, new Uint8Array(10), 10, 0) }; }, want: eintr },
    {
      name: 'sendmsg',
      start: async () => {
        const fd = await stalled_sender();
        const m: msghdr = { msg_name: null, msg_namelen: 0, msg_iov: [{ iov_base: new Uint8Array(10), iov_len: 10 }], msg_iovlen: 1, msg_flags: 0 };
        return { fd, promise: zsock_sendmsg(fd, m, 0) };
      },
      want: eintr,
    },
    {
      name: 'sendto (UDP, waiting for buffers)',
      start: async () => {
        const u = udp_socket('192.0.2.10');
        host('device').exhaustBuffers(ENOBUFS);
        const to = addr('192.0.2.20', 7);
        return { fd: u.fd, promise: zsock_sendto(u.fd, new Uint8Array(4), 4, 0, to, addrlen(to)) };
      },
      want: eintr,
    },
    { name: 'recv', start: async () => { const p = await tcp_pair(s!); return { fd: p.client, promise: zsock_recv(p.client, new Uint8Array(4), 4, 0) }; }, want: eintr },
    { name: 'recvfrom', start: async () => { const u = udp_socket(); return { fd: u.fd, promise: zsock_recvfrom(u.fd, new Uint8Array(4), 4, 0, null, null) }; }, want: eintr },
    {
      name: 'recvmsg',
      start: async () => {
        const u = udp_socket();
        const m: msghdr = { msg_name: null, msg_namelen: 0, msg_iov: [{ iov_base: new Uint8Array(4), iov_len: 4 }], msg_iovlen: 1, msg_flags: 0 };
        return { fd: u.fd, promise: zsock_recvmsg(u.fd, m, 0) };
      },
      want: eintr,
    },
    {
      name: 'poll',
      start: async () => {
        const u = udp_socket();
        const fds = [{ fd: u.fd, events: ZSOCK_POLLIN, revents: 0 }];
        return { fd: u.fd, promise: zsock_poll(fds, 1, -1).then((n) => (n === 1 && fds[0]!.revents === ZSOCK_POLLNVAL ? 1 : -2)) };
      },
      want: (r) => expect(r).toBe(1),
    },
    {
      name: 'select',
      start: async () => {
        const u = udp_socket();
        const set = new zsock_fd_set();
        ZSOCK_FD_SET(u.fd, set);
        return { fd: u.fd, promise: zsock_select(u.fd + 1, set, null, null, null) };
      },
      want: (r, e) => expect([r, e]).toEqual([-1, EBADF]),
    },
  ];
  for (const c of cases) {
    it(`${c.name}: settles at once, as documented (EINTR; poll reports POLLNVAL; select EBADF)`, async () => {
      session();
      const { fd, promise } = await c.start();
      let settled = false;
      const tracked = call(promise).then((r) => {
        settled = true;
        return r;
      });
      await s!.sleep(10);
      expect(settled).toBe(false);
      expect(zsock_close(fd)).toBe(0);
      const [r, e] = await s!.run(tracked);
      c.want(r, e);
      note(`close during ${c.name}`, r === -1 ? errno_name(e) : c.name === 'poll' ? 'POLLNVAL' : `${r}`);
      host('device').restoreBuffers();
    });
  }
});

describe('DNS faults', () => {
  it('a silent server: EAI_AGAIN when the 2000 ms budget is spent', async () => {
    bed = open_bed({ respond: () => null });
    const start = bed.net.now;
    expect(await bed.run(zsock_getaddrinfo('quiet.example', null, null, { value: null }))).toBe(DNS_EAI_AGAIN);
    expect(bed.net.now - start).toBeLessThanOrEqual(2100);
    expect(bed.seen.length).toBeGreaterThan(1);
    note('DNS server silent', `EAI_AGAIN after ${bed.net.now - start} ms, ${bed.seen.length} queries`);
  });

  it('a lying server (wrong ID, wrong question, garbage): nothing it says is taken, EAI_AGAIN', async () => {
    let turn = 0;
    bed = open_bed({
      respond: (_q, _from, seen) => {
        turn++;
        if (turn % 3 === 0) return new Uint8Array([1, 2, 3]);
        if (turn % 3 === 1) return buildResponse({ id: (seen.id + 1) & 0xffff, questions: [{ name: seen.name, type: seen.type }], answers: [{ name: seen.name, type: A, data: ipv4('203.0.113.66') }] });
        return buildResponse({ id: seen.id, questions: [{ name: 'other.example', type: seen.type }], answers: [{ name: 'other.example', type: A, data: ipv4('203.0.113.66') }] });
      },
    });
    const res = { value: null };
    expect(await bed.run(zsock_getaddrinfo('victim.example', null, { ai_family: AF_INET }, res))).toBe(DNS_EAI_AGAIN);
    expect(res.value).toBe(null);
    note('DNS server lying', `EAI_AGAIN, ${bed.seen.length} queries, no forged address taken`);
  });

  it('a spoofer answering from another address with the right ID: ignored, EAI_AGAIN', async () => {
    let spoofed = 0;
    bed = open_bed({
      respond: (_q, from, seen) => {
        // The real server stays silent; a third host answers the query perfectly, from its own address.
        const port = bed!.net.port(spoofer);
        const sock = port.udpOpen({ family: AF_INET, addr: new Uint8Array(4), port: 53 }, { readable() {}, writable() {}, error() {} });
        if (typeof sock !== 'number') {
          sock.send(buildResponse({ id: seen.id, questions: [{ name: seen.name, type: seen.type }], answers: [{ name: seen.name, type: A, data: ipv4('203.0.113.66') }] }), from);
          sock.close();
          spoofed++;
        }
        return null;
      },
    });
    const spoofer = bed.net.host('spoofer', { ipv4: '192.0.2.66' });
    bed.net.link(spoofer, bed.device, { latency: 1 });
    const res = { value: null };
    expect(await bed.run(zsock_getaddrinfo('victim.example', null, { ai_family: AF_INET }, res))).toBe(DNS_EAI_AGAIN);
    expect(spoofed).toBeGreaterThan(0);
    expect(res.value).toBe(null);
    note('DNS spoofed from another host', `EAI_AGAIN, ${spoofed} forged answers ignored`);
  });
});

describe('exhausted buffers', () => {
  it('a UDP send waits CONFIG_NET_SOCKET_MAX_SEND_WAIT (10 s), then ENOBUFS; a TCP send waits and completes intact once buffers return', async () => {
    session();
    tcpEchoServer(host('peer'), 7);
    const fd = await connected_to(7);
    const u = zsock_socket(AF_INET, SOCK_DGRAM, 0);
    host('device').exhaustBuffers(ENOBUFS);
    const to = addr('192.0.2.20', 7);
    const start = s!.net.now;
    expect(await s!.run(call(zsock_sendto(u, new Uint8Array(8), 8, 0, to, addrlen(to))))).toEqual([-1, ENOBUFS]);
    expect(s!.net.now - start).toBe(10_000);
    const data = pattern(30_000, 9);
    const sending = (async () => {
      for (let at = 0; at < data.length; ) {
        const n = await zsock_send(fd, data.subarray(at), data.length - at, 0);
        if (n <= 0) throw new Error('send ' + errno);
        at += n;
      }
    })();
    await s!.sleep(5000);
    host('device').restoreBuffers();
    await s!.run(sending);
    const got = new Uint8Array(data.length);
    for (let at = 0; at < data.length; ) at += await s!.run(zsock_recv(fd, got.subarray(at), data.length - at, 0));
    expect(first_difference(got, data)).toBe(-1);
    note('buffers exhausted', 'UDP ENOBUFS after 10 s; TCP send resumed intact after restore');
  });
});

describe('the fault figures', () => {
  it('prints what each fault was answered with', () => {
    figure(`faults: ${answered.length} scenarios answered as documented: ${answered.join('; ')}`);
    expect(answered.length).toBeGreaterThan(10);
  });
});
