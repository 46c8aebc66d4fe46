/**
 * A program against the portable core on the simulated network, bundled
 * into one script that runs where only ECMAScript's own globals and `print`
 * exist: inside the XS engine (xsnap) and in a bare Node `vm` realm. It
 * prints one JSON line of results; the same seed gives the same line on
 * every engine.
 *
 * Imports only lib/ and ports/node-mock/index.ts (not pcap-file.ts, which
 * needs node:fs).
 */
import {
  AF_INET,
  AF_INET6,
  errno,
  htons,
  IPPROTO_TCP,
  IPPROTO_UDP,
  inet_tcp,
  inet_udp,
  ntohs,
  ZSOCK_SHUT_WR,
  SIZEOF_TIMEVAL,
  SO_RCVTIMEO,
  SOCK_DGRAM,
  SOCK_STREAM,
  sockaddr,
  SOCKADDR_IN_SIZE,
  SOL_SOCKET,
  ZSOCK_POLLIN,
  ZSOCK_POLLOUT,
  zsock_bind,
  zsock_close,
  zsock_connect,
  zsock_init,
  zsock_inet_ntop,
  zsock_inet_pton,
  zsock_poll,
  zsock_recv,
  zsock_recvfrom,
  zsock_send,
  zsock_sendto,
  zsock_setsockopt,
  zsock_shutdown,
  zsock_socket,
  k_msleep,
  k_uptime_get,
  net_addr_ntop,
  net_addr_pton,
  net_ipaddr_parse,
  sys_rand32_get,
  type zsock_pollfd,
} from '../../lib/index';
import { createMockNetwork, tcpEchoServer, udpResponder } from '../../ports/node-mock/index';

/** Everything the program measured, as printed. */
export interface ScenarioResult {
  ok: true;
  seed: number;
  tcp: {
    connect: number;
    /** Bytes sent, the send calls it took, how many of them sent less than asked. */
    sent: number;
    sendCalls: number;
    partialSends: number;
    received: number;
    recvCalls: number;
    /** The echo equals what was sent, byte for byte. */
    identical: boolean;
    firstDifference: number;
    /** FNV-1a of the received bytes, as 8 hex digits. */
    digest: string;
    /** recv after the echo server closed its side: 0 (end of stream). */
    eof: number;
    doneAt: number;
  };
  udp: {
    sendto: number;
    recvfrom: number;
    reply: string;
    from: string;
    fromPort: number;
  };
  rcvtimeo: { setsockopt: number; result: number; errno: number; waited: number };
  poll: {
    /** A connected TCP socket, nothing received: POLLOUT only. */
    connected: { n: number; revents: number };
    /** A UDP socket with a datagram queued, asked for POLLIN|POLLOUT. */
    udpReadable: { n: number; revents: number };
    /** A UDP socket with nothing queued, asked for POLLIN, 40 ms timeout: 0 after 40 ms. */
    udpIdle: { n: number; revents: number; waited: number };
    /** After the peer's FIN: POLLIN (a read would return 0). */
    afterFin: { n: number; revents: number };
  };
  addresses: { text: string; pton: number; ntop: string | null }[];
  zephyr: { sleepResult: number; slept: number; parsed: boolean; parsedText: string | null; parsedPort: number; badPton: number; randIsU32: boolean };
  link: { sent: number; delivered: number; dropped: number };
  virtualTime: number;
}

export interface ScenarioFailure {
  ok: false;
  error: string;
  stack: string;
}

const SEED = 7;
const TOTAL = 20 * 1024;
/** Largest chunk one send call offers; the window is smaller, so sends come back short. */
const SEND_CHUNK = 7000;
const RECV_CHUNK = 1500;
const ECHO_PORT = 7;
const UDP_PORT = 9000;
const RCVTIMEO_MS = 250;

interface PrintHost {
  print?: (line: string) => void;
}

function output(line: string): void {
  const host = globalThis as unknown as PrintHost;
  if (typeof host.print !== 'function') throw new TypeError('scenario: this host has no global print');
  host.print(line);
}

function pattern(length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = 0x9e3779b9;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

function fnv1a(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193) >>> 0;
  return ('0000000' + h.toString(16)).slice(-8);
}

function addr(text: string, port: number): sockaddr {
  const a = new sockaddr();
  a.sa_family = AF_INET;
  a.sin_port = htons(port);
  if (zsock_inet_pton(AF_INET, text, a.sin_addr) !== 1) throw new Error('bad address ' + text);
  return a;
}

function latin1(bytes: Uint8Array, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

function bytesOf(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

async function run(): Promise<ScenarioResult> {
  const net = createMockNetwork({ seed: SEED });
  const device = net.host('device', { ipv4: '192.0.2.10' });
  const peer = net.host('peer', { ipv4: '192.0.2.20' });
  const link = net.link(device, peer, { latency: 3, jitter: 2, loss: 0.03 });
  const port = net.port(device);
  zsock_init(port, [inet_tcp, inet_udp]);
  tcpEchoServer(peer, ECHO_PORT);
  udpResponder(peer, UDP_PORT, (data) => bytesOf('echo:' + latin1(data, data.length).toUpperCase()));

  const program = async (): Promise<ScenarioResult> => {
    // ---- TCP: connect, send 20 KB in short sends, read the echo back ----
    const fd = zsock_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    const to = addr('192.0.2.20', ECHO_PORT);
    const connect = await zsock_connect(fd, to, SOCKADDR_IN_SIZE);
    if (connect !== 0) throw new Error('connect: ' + connect + ' errno ' + errno);
    const connectedPoll: zsock_pollfd[] = [{ fd, events: ZSOCK_POLLIN | ZSOCK_POLLOUT, revents: 0 }];
    const connectedN = await zsock_poll(connectedPoll, 1, 0);

    const data = pattern(TOTAL);
    const got = new Uint8Array(TOTAL);
    let sendCalls = 0;
    let partialSends = 0;
    let recvCalls = 0;
    const sender = async (): Promise<number> => {
      let off = 0;
      while (off < TOTAL) {
        const want = Math.min(SEND_CHUNK, TOTAL - off);
        const n = await zsock_send(fd, data.subarray(off), want, 0);
        sendCalls++;
        if (n < 0) throw new Error('send: errno ' + errno);
        if (n < want) partialSends++;
        off += n;
      }
      return off;
    };
    const receiver = async (): Promise<number> => {
      let off = 0;
      while (off < TOTAL) {
        const n = await zsock_recv(fd, got.subarray(off), Math.min(RECV_CHUNK, TOTAL - off), 0);
        recvCalls++;
        if (n < 0) throw new Error('recv: errno ' + errno);
        if (n === 0) break;
        off += n;
      }
      return off;
    };
    const [sent, received] = await Promise.all([sender(), receiver()]);
    let firstDifference = -1;
    for (let i = 0; i < TOTAL; i++) {
      if (got[i] !== data[i]) {
        firstDifference = i;
        break;
      }
    }
    // Half-close: the echo server closes its side when the client does.
    if (zsock_shutdown(fd, ZSOCK_SHUT_WR) !== 0) throw new Error('shutdown: errno ' + errno);
    const finPoll: zsock_pollfd[] = [{ fd, events: ZSOCK_POLLIN, revents: 0 }];
    const finN = await zsock_poll(finPoll, 1, 5000);
    const eof = await zsock_recv(fd, new Uint8Array(16), 16, 0);
    const tcpDoneAt = port.now();
    zsock_close(fd);

    // ---- UDP: sendto / recvfrom with a responder, poll bits ----
    const u = zsock_socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    const any = addr('0.0.0.0', 0);
    if (zsock_bind(u, any, SOCKADDR_IN_SIZE) !== 0) throw new Error('bind: errno ' + errno);
    const idlePoll: zsock_pollfd[] = [{ fd: u, events: ZSOCK_POLLIN, revents: 0 }];
    const idleStart = port.now();
    const idleN = await zsock_poll(idlePoll, 1, 40);
    const idleWaited = port.now() - idleStart;

    const question = bytesOf('ping from the device');
    const server = addr('192.0.2.20', UDP_PORT);
    // Datagrams can be lost on this link: ask again until an answer comes.
    let sendto = -1;
    let answered = 0;
    for (let attempt = 0; attempt < 10 && answered === 0; attempt++) {
      sendto = await zsock_sendto(u, question, question.length, 0, server, SOCKADDR_IN_SIZE);
      if (sendto < 0) throw new Error('sendto: errno ' + errno);
      answered = await zsock_poll([{ fd: u, events: ZSOCK_POLLIN, revents: 0 }], 1, 200);
    }
    // A datagram is queued now: readable and (as UDP always is) writable, without waiting.
    const readPoll: zsock_pollfd[] = [{ fd: u, events: ZSOCK_POLLIN | ZSOCK_POLLOUT, revents: 0 }];
    const readN = await zsock_poll(readPoll, 1, 0);
    const reply = new Uint8Array(64);
    const from = new sockaddr();
    const fromLen = { value: SOCKADDR_IN_SIZE };
    const recvfrom = await zsock_recvfrom(u, reply, reply.length, 0, from, fromLen);
    if (recvfrom < 0) throw new Error('recvfrom: errno ' + errno);
    const fromText = { value: '' };
    zsock_inet_ntop(AF_INET, from.sin_addr, fromText, 16);

    // ---- SO_RCVTIMEO: a receive that times out with EAGAIN in virtual time ----
    const setsockopt = zsock_setsockopt(
      u,
      SOL_SOCKET,
      SO_RCVTIMEO,
      { tv_sec: 0, tv_usec: RCVTIMEO_MS * 1000 },
      SIZEOF_TIMEVAL,
    );
    const timeoStart = port.now();
    const timeoResult = await zsock_recv(u, new Uint8Array(8), 8, 0);
    const timeoErrno = errno;
    const waited = port.now() - timeoStart;
    zsock_close(u);

    // ---- Address conversion ----
    const texts = [
      '192.0.2.1',
      '255.255.255.255',
      '2001:0db8:0000:0000:0000:ff00:0042:8329',
      '::ffff:192.0.2.128',
      'fe80::1',
      '::',
      '1.2.3',
      '2001:db8::g',
    ];
    const addresses = texts.map((text) => {
      const family = text.indexOf(':') >= 0 ? AF_INET6 : AF_INET;
      const bytes = new Uint8Array(family === AF_INET ? 4 : 16);
      const pton = zsock_inet_pton(family, text, bytes);
      const ntop = pton === 1 ? zsock_inet_ntop(family, bytes, { value: '' }, 46) : null;
      return { text, pton, ntop };
    });

    // Zephyr's helpers on the same virtual clock and seeded source.
    const uptime0 = k_uptime_get();
    const sleepResult = await k_msleep(120);
    const slept = k_uptime_get() - uptime0;
    const target = new sockaddr();
    const parsed = net_ipaddr_parse('[2001:db8::1]:8080', 18, target);
    const parsedText = net_addr_ntop(AF_INET6, target.sin6_addr, null, 46);
    const rand = sys_rand32_get();

    return {
      ok: true,
      seed: SEED,
      tcp: {
        connect,
        sent,
        sendCalls,
        partialSends,
        received,
        recvCalls,
        identical: received === TOTAL && firstDifference < 0,
        firstDifference,
        digest: fnv1a(got),
        eof,
        doneAt: tcpDoneAt,
      },
      udp: {
        sendto,
        recvfrom,
        reply: latin1(reply, Math.max(recvfrom, 0)),
        from: fromText.value,
        fromPort: ntohs(from.sin_port),
      },
      rcvtimeo: { setsockopt, result: timeoResult, errno: timeoErrno, waited },
      poll: {
        connected: { n: connectedN, revents: connectedPoll[0]!.revents },
        udpReadable: { n: readN, revents: readPoll[0]!.revents },
        udpIdle: { n: idleN, revents: idlePoll[0]!.revents, waited: idleWaited },
        afterFin: { n: finN, revents: finPoll[0]!.revents },
      },
      addresses,
      zephyr: {
        sleepResult,
        slept,
        parsed,
        parsedText,
        parsedPort: ntohs(target.sin6_port),
        badPton: net_addr_pton(AF_INET, '256.1.1.1', new Uint8Array(4)),
        randIsU32: rand >= 0 && rand <= 0xffffffff && rand === Math.floor(rand),
      },
      link: { sent: link.stats.sent, delivered: link.stats.delivered, dropped: link.stats.dropped },
      virtualTime: net.now,
    };
  };

  return net.runUntil(program(), { timeout: 600_000 });
}

run().then(
  (result) => output(JSON.stringify(result)),
  (e: unknown) => {
    const failure: ScenarioFailure = {
      ok: false,
      error: String(e),
      stack: e instanceof Error && typeof e.stack === 'string' ? e.stack : '',
    };
    output(JSON.stringify(failure));
  },
);
