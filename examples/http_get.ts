/**
 * http_get, ported: Zephyr's samples/net/sockets/http_get. It connects,
 * sends "GET <path> HTTP/1.0", and receives until the server closes,
 * handing each chunk to `out` (the C sample prints it). The host is an IPv4
 * or IPv6 literal: the C sample's getaddrinfo() is left out.
 *
 *   npx tsx examples/http_get.ts <host> <port> [path]   # on real sockets (the Node port)
 */

import {
  AF_INET,
  AF_INET6,
  errno,
  htons,
  inet_tcp,
  IPPROTO_TCP,
  SOCK_STREAM,
  sockaddr,
  SOCKADDR_IN6_SIZE,
  SOCKADDR_IN_SIZE,
  zsock_close,
  zsock_connect,
  zsock_inet_pton,
  zsock_init,
  zsock_recv,
  zsock_send,
  zsock_socket,
} from 'zsockjs';

/** The sample's receive buffer. */
const RECV_BUF_SIZE = 1024;

function ascii(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

/**
 * GETs `path` from host:port and passes every received chunk to `out` (a
 * view of a reused buffer: copy what you keep). Resolves to the number of
 * bytes received, or -1 with errno.
 */
export async function http_get(
  host: string,
  port: number,
  path: string,
  out: (chunk: Uint8Array) => void,
): Promise<number> {
  const family = host.indexOf(':') >= 0 ? AF_INET6 : AF_INET;
  const addr = new sockaddr();
  addr.sa_family = family;
  addr.sin_port = htons(port);
  if (zsock_inet_pton(family, host, family === AF_INET ? addr.sin_addr : addr.sin6_addr) !== 1) {
    throw new Error(`not an IP address: ${host}`);
  }
  const sock = zsock_socket(family, SOCK_STREAM, IPPROTO_TCP);
  if (sock < 0) return -1;
  const host_header = family === AF_INET6 ? `[${host}]` : host;
  const request = ascii(`GET ${path} HTTP/1.0\r\nHost: ${host_header}:${port}\r\n\r\n`);
  try {
    if ((await zsock_connect(sock, addr, family === AF_INET ? SOCKADDR_IN_SIZE : SOCKADDR_IN6_SIZE)) < 0) return -1;
    let sent = 0;
    while (sent < request.length) {
      const n = await zsock_send(sock, request.subarray(sent), request.length - sent, 0);
      if (n < 0) return -1;
      sent += n;
    }
    const response = new Uint8Array(RECV_BUF_SIZE);
    let total = 0;
    for (;;) {
      const len = await zsock_recv(sock, response, response.length - 1, 0);
      if (len < 0) return -1;
      if (len === 0) break;
      out(response.subarray(0, len));
      total += len;
    }
    return total;
  } finally {
    zsock_close(sock);
  }
}

async function main(argv: string[]): Promise<number> {
  const { createNodePort } = await import('../ports/node/index');
  const [host, portText, path = '/'] = argv;
  const port = Number(portText);
  if (!host || !Number.isInteger(port) || port < 1 || port > 65535) {
    console.error('usage: http_get.ts <host> <port> [path]');
    return 2;
  }
  zsock_init(createNodePort(), [inet_tcp]);
  const total = await http_get(host, port, path, (chunk) => {
    // A copy: stdout may write later, and the sample reuses its buffer.
    process.stdout.write(Buffer.from(chunk));
  });
  if (total < 0) {
    console.error(`http_get failed: errno ${errno}`);
    return 1;
  }
  console.error(`\nReceived ${total} bytes`);
  return 0;
}

// Run as a program (npx tsx examples/http_get.ts), not when a test or a device app imports it.
if (typeof process !== 'undefined' && /http_get\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
