/**
 * http_server, ported: Zephyr's samples/net/sockets/dumb_http_server (accept,
 * read the request up to the blank line, send a fixed response, close), made
 * a little more useful: it answers GET / with a given body and a
 * Content-Length, 404 for other paths, 405 for other methods, and serves
 * connections one after another until its listening socket is closed.
 *
 *   npx tsx examples/http_server.ts <port>     # on real sockets (the Node port)
 */

import {
  AF_INET,
  errno,
  htons,
  IPPROTO_TCP,
  ntohs,
  SO_RCVTIMEO,
  SOCK_STREAM,
  sockaddr,
  SOCKADDR_IN6_SIZE,
  SOCKADDR_IN_SIZE,
  SOL_SOCKET,
  SIZEOF_TIMEVAL,
  inet_tcp,
  type timeval,
  zsock_accept,
  zsock_bind,
  zsock_close,
  zsock_getsockname,
  zsock_init,
  zsock_inet_pton,
  zsock_listen,
  zsock_recv,
  zsock_send,
  zsock_setsockopt,
  zsock_socket,
} from 'zsockjs';

/** The request head must fit here (the sample's buffer is 1 KiB; curl's fits in 2). */
const REQUEST_MAX = 2048;
/** A client that stops sending mid-request is dropped after this, so the next one is served. */
const RECV_TIMEOUT_S = 5;

type Log = (line: string) => void;

export interface HttpServer {
  /** The TCP port it listens on (the chosen one when asked for port 0). */
  port: number;
  /** Connections answered so far. */
  served: number;
  /** Settles when the accept loop ends (after stop()). */
  done: Promise<void>;
  /** Closes the listening socket: the accept in progress ends with EINTR. */
  stop(): void;
}

function ascii(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

/** Sends all of buf, as the sample's sendall() does; 0, or -1 with errno. */
async function sendall(sock: number, buf: Uint8Array): Promise<number> {
  let offset = 0;
  while (offset < buf.length) {
    const out = await zsock_send(sock, buf.subarray(offset), buf.length - offset, 0);
    if (out < 0) return -1;
    offset += out;
  }
  return 0;
}

/** Index just past "\r\n\r\n" in buf[0..len), or -1. */
function head_end(buf: Uint8Array, len: number): number {
  for (let i = 3; i < len; i++) {
    if (buf[i] === 10 && buf[i - 1] === 13 && buf[i - 2] === 10 && buf[i - 3] === 13) return i + 1;
  }
  return -1;
}

function response_head(status: string, length: number, type: string): Uint8Array {
  return ascii(
    `HTTP/1.1 ${status}\r\n` +
      `Server: zsockjs http_server\r\n` +
      `Content-Type: ${type}\r\n` +
      `Content-Length: ${length}\r\n` +
      (status.startsWith('405') ? 'Allow: GET\r\n' : '') +
      `Connection: close\r\n\r\n`,
  );
}

/** Reads one request head and answers it; returns false when the client broke off. */
async function serve_client(client: number, body: Uint8Array, type: string, log: Log): Promise<boolean> {
  const tv: timeval = { tv_sec: RECV_TIMEOUT_S, tv_usec: 0 };
  zsock_setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, tv, SIZEOF_TIMEVAL);
  const req = new Uint8Array(REQUEST_MAX);
  let len = 0;
  let end = -1;
  while (end < 0) {
    if (len === req.length) {
      await sendall(client, ascii('HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'));
      return false;
    }
    const r = await zsock_recv(client, req.subarray(len), req.length - len, 0);
    if (r < 0) {
      log(`recv error ${errno}`);
      return false;
    }
    if (r === 0) {
      log('client closed before the end of its request');
      return false;
    }
    len += r;
    end = head_end(req, len);
  }
  let line = '';
  for (let i = 0; i < end && req[i] !== 13; i++) line += String.fromCharCode(req[i]!);
  const [method, target] = line.split(' ');
  let head: Uint8Array;
  let content: Uint8Array;
  if (method !== 'GET') {
    content = ascii('Method Not Allowed\n');
    head = response_head('405 Method Not Allowed', content.length, 'text/plain');
  } else if (target !== '/') {
    content = ascii('Not Found\n');
    head = response_head('404 Not Found', content.length, 'text/plain');
  } else {
    content = body;
    head = response_head('200 OK', body.length, type);
  }
  log(`${line} -> ${ascii_status(head)}`);
  if ((await sendall(client, head)) < 0 || (await sendall(client, content)) < 0) {
    log(`send error ${errno}`);
    return false;
  }
  return true;
}

function ascii_status(head: Uint8Array): string {
  let s = '';
  for (let i = 9; i < 12; i++) s += String.fromCharCode(head[i]!);
  return s;
}

/**
 * Listens on `address`:`port` (0: any free port) and serves `body` at /,
 * one connection after another.
 */
export function start_http_server(
  port: number,
  body: Uint8Array,
  options: { address?: string; contentType?: string; log?: Log } = {},
): HttpServer {
  const log = options.log || ((): void => {});
  const type = options.contentType || 'application/octet-stream';
  const serv = zsock_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
  if (serv < 0) throw new Error(`socket: ${errno}`);
  const bind_addr = new sockaddr();
  bind_addr.sin_family = AF_INET;
  bind_addr.sin_port = htons(port);
  if (zsock_inet_pton(AF_INET, options.address || '0.0.0.0', bind_addr.sin_addr) !== 1) throw new Error('bad address');
  if (zsock_bind(serv, bind_addr, SOCKADDR_IN_SIZE) < 0) throw new Error(`bind: ${errno}`);
  if (zsock_listen(serv, 5) < 0) throw new Error(`listen: ${errno}`);
  const bound = new sockaddr();
  zsock_getsockname(serv, bound, { value: SOCKADDR_IN6_SIZE });

  const server: HttpServer = {
    port: ntohs(bound.sin_port),
    served: 0,
    done: Promise.resolve(),
    stop: () => {
      zsock_close(serv);
    },
  };
  log(`Single-threaded dumb HTTP server waits for a connection on port ${server.port}...`);
  server.done = (async () => {
    for (;;) {
      const client_addr = new sockaddr();
      const client_addr_len = { value: SOCKADDR_IN6_SIZE };
      const client = await zsock_accept(serv, client_addr, client_addr_len);
      if (client < 0) {
        log(`accept ended (${errno})`);
        return;
      }
      log(`Connection #${server.served + 1} from port ${ntohs(client_addr.sin_port)}`);
      if (await serve_client(client, body, type, log)) server.served++;
      zsock_close(client);
    }
  })();
  return server;
}

async function main(argv: string[]): Promise<void> {
  const { createNodePort } = await import('../ports/node/index');
  const port = Number(argv[0] ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('usage: http_server.ts <port>');
  zsock_init(createNodePort(), [inet_tcp]);
  const body = ascii('<html><body><h1>Hello from zsockjs</h1></body></html>\n');
  const server = start_http_server(port, body, { contentType: 'text/html; charset=utf-8', log: (line) => console.log(line) });
  process.once('SIGINT', () => server.stop());
  await server.done;
}

// Run as a program (npx tsx examples/http_server.ts), not when a test imports it.
if (/http_server\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
