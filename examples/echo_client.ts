/**
 * echo_client, ported: sends chunks of a text to the echo server over TCP
 * and UDP and checks every byte that comes back, in the shape of Zephyr's
 * samples/net/sockets/echo_client.
 */

import {
  AF_INET,
  AF_INET6,
  errno,
  htons,
  IPPROTO_TCP,
  IPPROTO_UDP,
  SOCK_DGRAM,
  SOCK_STREAM,
  sockaddr,
  SOCKADDR_IN6_SIZE,
  SOCKADDR_IN_SIZE,
  ZSOCK_POLLIN,
  zsock_close,
  zsock_connect,
  zsock_inet_pton,
  zsock_poll,
  zsock_recv,
  zsock_send,
  zsock_socket,
} from 'zsockjs';
import { MY_PORT } from './echo_server';

const LOREM =
  'Lorem ipsum dolor sit amet, consectetur adipiscing elit. Nullam congue ' +
  'hendrerit elit, sed ultricies ante facilisis eu. Sed sit amet justo a ' +
  'massa tempus efficitur. Morbi ac nibh nec quam mollis vehicula. Fusce ' +
  'ut libero id urna feugiat interdum a vitae enim. Vivamus et lectus sit ' +
  'amet eros maximus pharetra. Curabitur scelerisque suscipit sapien ut. ';

const TEXT = new Uint8Array(LOREM.length);
for (let i = 0; i < LOREM.length; i++) TEXT[i] = LOREM.charCodeAt(i);

/** UDP waits this long for an echo before it counts the datagram lost. */
const UDP_WAIT_MS = 2000;

export interface ClientResult {
  protocol: string;
  sent: number;
  verified: number;
}

type Log = (line: string) => void;

function connect_to(family: number, type: number, proto: number, peer: string): Promise<number> {
  const sock = zsock_socket(family, type, proto);
  if (sock < 0) return Promise.resolve(-1);
  const addr = new sockaddr();
  addr.sa_family = family;
  addr.sin_port = htons(MY_PORT);
  zsock_inet_pton(family, peer, family === AF_INET ? addr.sin_addr : addr.sin6_addr);
  const len = family === AF_INET ? SOCKADDR_IN_SIZE : SOCKADDR_IN6_SIZE;
  return zsock_connect(sock, addr, len).then((r) => (r < 0 ? -1 : sock));
}

/** A chunk length that walks through sizes from 1 byte to the whole text. */
function chunk_length(round: number): number {
  return 1 + ((round * 97) % TEXT.length);
}

async function tcp_rounds(sock: number, rounds: number, log: Log, tag: string): Promise<ClientResult> {
  const result: ClientResult = { protocol: tag, sent: 0, verified: 0 };
  const buf = new Uint8Array(TEXT.length);
  for (let round = 0; round < rounds; round++) {
    const len = chunk_length(round);
    let offset = 0;
    while (offset < len) {
      const out = await zsock_send(sock, TEXT.subarray(offset), len - offset, 0);
      if (out < 0) throw new Error(`${tag}: send failed: ${errno}`);
      offset += out;
    }
    result.sent += len;
    let got = 0;
    while (got < len) {
      const n = await zsock_recv(sock, buf.subarray(got), len - got, 0);
      if (n <= 0) throw new Error(`${tag}: recv failed: ${n < 0 ? errno : 'EOF'}`);
      got += n;
    }
    for (let i = 0; i < len; i++) {
      if (buf[i] !== TEXT[i]) throw new Error(`${tag}: byte ${i} of round ${round} differs`);
    }
    result.verified += len;
  }
  log(`${tag}: sent ${result.sent} bytes in ${rounds} chunks, all echoed back intact`);
  return result;
}

async function udp_rounds(sock: number, rounds: number, log: Log, tag: string): Promise<ClientResult> {
  const result: ClientResult = { protocol: tag, sent: 0, verified: 0 };
  const buf = new Uint8Array(TEXT.length);
  for (let round = 0; round < rounds; round++) {
    const len = chunk_length(round);
    if ((await zsock_send(sock, TEXT, len, 0)) < 0) throw new Error(`${tag}: send failed: ${errno}`);
    result.sent += len;
    const fds = [{ fd: sock, events: ZSOCK_POLLIN, revents: 0 }];
    if ((await zsock_poll(fds, 1, UDP_WAIT_MS)) === 0) {
      log(`${tag}: no echo for round ${round}`);
      continue;
    }
    const n = await zsock_recv(sock, buf, buf.length, 0);
    if (n !== len) throw new Error(`${tag}: echo of ${n} bytes, expected ${len}`);
    for (let i = 0; i < len; i++) {
      if (buf[i] !== TEXT[i]) throw new Error(`${tag}: byte ${i} of round ${round} differs`);
    }
    result.verified += len;
  }
  log(`${tag}: sent ${rounds} datagrams (${result.sent} bytes), ${result.verified} bytes echoed back intact`);
  return result;
}

/** Runs the client against `peer` (an IPv4 or IPv6 literal) over TCP then UDP. */
export async function run_echo_client(peer: string, rounds: number, log: Log): Promise<ClientResult[]> {
  const family = peer.indexOf(':') >= 0 ? AF_INET6 : AF_INET;
  const ip = family === AF_INET ? 'IPv4' : 'IPv6';
  const results: ClientResult[] = [];
  const tcp = await connect_to(family, SOCK_STREAM, IPPROTO_TCP, peer);
  if (tcp < 0) throw new Error(`TCP connect to ${peer} failed: ${errno}`);
  results.push(await tcp_rounds(tcp, rounds, log, `TCP/${ip}`));
  zsock_close(tcp);
  const udp = await connect_to(family, SOCK_DGRAM, IPPROTO_UDP, peer);
  if (udp < 0) throw new Error(`UDP connect to ${peer} failed: ${errno}`);
  results.push(await udp_rounds(udp, rounds, log, `UDP/${ip}`));
  zsock_close(udp);
  return results;
}
