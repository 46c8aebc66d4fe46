/**
 * echo_server, ported: a TCP and a UDP echo service on port 4242, IPv4 and
 * IPv6, in the shape of Zephyr's samples/net/sockets/echo_server. Each C
 * thread is an async task; each blocking call has `await` in front.
 */

import {
  AF_INET,
  AF_INET6,
  errno,
  htons,
  INET6_ADDRSTRLEN,
  IPPROTO_TCP,
  IPPROTO_UDP,
  ntohs,
  SOCK_DGRAM,
  SOCK_STREAM,
  sockaddr,
  SOCKADDR_IN6_SIZE,
  SOCKADDR_IN_SIZE,
  zsock_accept,
  zsock_bind,
  zsock_close,
  zsock_inet_ntop,
  zsock_listen,
  zsock_recv,
  zsock_recvfrom,
  zsock_send,
  zsock_sendto,
  zsock_socket,
} from 'zsockjs';

export const MY_PORT = 4242;
const RECV_BUFFER_SIZE = 1280;

export interface ServerStats {
  tcpBytes: number;
  udpBytes: number;
  connections: number;
}

type Log = (line: string) => void;

function bind_any(family: number, type: number, proto: number): number {
  const sock = zsock_socket(family, type, proto);
  if (sock < 0) throw new Error(`Failed to create socket: ${errno}`);
  const addr = new sockaddr();
  addr.sa_family = family;
  addr.sin_port = htons(MY_PORT);
  // Both address fields stay zero: INADDR_ANY and in6addr_any.
  const len = family === AF_INET ? SOCKADDR_IN_SIZE : SOCKADDR_IN6_SIZE;
  if (zsock_bind(sock, addr, len) < 0) throw new Error(`Failed to bind: ${errno}`);
  return sock;
}

function peer_text(addr: sockaddr): string {
  const text = { value: '' };
  const src = addr.sa_family === AF_INET ? addr.sin_addr : addr.sin6_addr;
  zsock_inet_ntop(addr.sa_family, src, text, INET6_ADDRSTRLEN);
  const host = addr.sa_family === AF_INET6 ? `[${text.value}]` : text.value;
  return `${host}:${ntohs(addr.sin_port)}`;
}

/** Sends all of buf[0..len), as the sample's sendall() does. */
async function sendall(sock: number, buf: Uint8Array, len: number): Promise<number> {
  let offset = 0;
  while (offset < len) {
    const out = await zsock_send(sock, buf.subarray(offset), len - offset, 0);
    if (out < 0) return -1;
    offset += out;
  }
  return 0;
}

async function handle_tcp_client(client: sockaddr, sock: number, stats: ServerStats, log: Log): Promise<void> {
  const buf = new Uint8Array(RECV_BUFFER_SIZE);
  const name = peer_text(client);
  for (;;) {
    const received = await zsock_recv(sock, buf, buf.length, 0);
    if (received === 0) {
      log(`TCP (${name}): connection closed`);
      break;
    }
    if (received < 0) {
      log(`TCP (${name}): recv error ${errno}`);
      break;
    }
    if ((await sendall(sock, buf, received)) < 0) {
      log(`TCP (${name}): send error ${errno}`);
      break;
    }
    stats.tcpBytes += received;
  }
  zsock_close(sock);
}

async function process_tcp(listen_sock: number, stats: ServerStats, log: Log): Promise<void> {
  for (;;) {
    const client = new sockaddr();
    const client_len = { value: SOCKADDR_IN6_SIZE };
    const sock = await zsock_accept(listen_sock, client, client_len);
    if (sock < 0) {
      log(`TCP: accept ended (${errno})`);
      return;
    }
    stats.connections++;
    log(`TCP: accepted connection #${stats.connections} from ${peer_text(client)}`);
    void handle_tcp_client(client, sock, stats, log);
  }
}

async function process_udp(sock: number, stats: ServerStats, log: Log): Promise<void> {
  const buf = new Uint8Array(RECV_BUFFER_SIZE);
  for (;;) {
    const client = new sockaddr();
    const client_len = { value: SOCKADDR_IN6_SIZE };
    const received = await zsock_recvfrom(sock, buf, buf.length, 0, client, client_len);
    if (received < 0) {
      log(`UDP: recvfrom ended (${errno})`);
      return;
    }
    const sent = await zsock_sendto(sock, buf, received, 0, client, client_len.value);
    if (sent < 0) log(`UDP: sendto error ${errno}`);
    else stats.udpBytes += received;
  }
}

/** Starts the four services; returns the descriptors, to close them when done. */
export function start_echo_server(log: Log, stats: ServerStats, ipv6 = true): number[] {
  const families = ipv6 ? [AF_INET, AF_INET6] : [AF_INET];
  const socks: number[] = [];
  for (const family of families) {
    const tcp = bind_any(family, SOCK_STREAM, IPPROTO_TCP);
    if (zsock_listen(tcp, 5) < 0) throw new Error(`Failed to listen: ${errno}`);
    void process_tcp(tcp, stats, log);
    const udp = bind_any(family, SOCK_DGRAM, IPPROTO_UDP);
    void process_udp(udp, stats, log);
    socks.push(tcp, udp);
  }
  log(`Waiting for TCP and UDP on port ${MY_PORT} (${ipv6 ? 'IPv4 and IPv6' : 'IPv4'})`);
  return socks;
}
