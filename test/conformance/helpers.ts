/** Small helpers the suites share: addresses, connected pairs, byte patterns. */

import {
  AF_INET,
  AF_INET6,
  errno,
  htons,
  ntohs,
  sockaddr,
  SOCK_DGRAM,
  SOCK_STREAM,
  SOCKADDR_IN6_SIZE,
  SOCKADDR_IN_SIZE,
  zsock_accept,
  zsock_bind,
  zsock_connect,
  zsock_getsockname,
  zsock_inet_pton,
  zsock_listen,
  zsock_socket,
} from '../../lib/index';
import type { Session } from './target';

export function addr(text: string, port: number): sockaddr {
  const a = new sockaddr();
  const v6 = text.indexOf(':') >= 0;
  a.sa_family = v6 ? AF_INET6 : AF_INET;
  a.sin_port = htons(port);
  const ok = zsock_inet_pton(a.sa_family, text, v6 ? a.sin6_addr : a.sin_addr);
  if (ok !== 1) throw new Error('bad address in test: ' + text);
  return a;
}

export function addrlen(a: sockaddr): number {
  return a.sa_family === AF_INET ? SOCKADDR_IN_SIZE : SOCKADDR_IN6_SIZE;
}

/** The port a socket is bound to, via getsockname. */
export function local_port(fd: number): number {
  const a = new sockaddr();
  const len = { value: SOCKADDR_IN6_SIZE };
  if (zsock_getsockname(fd, a, len) !== 0) throw new Error('getsockname failed: ' + errno);
  return ntohs(a.sin_port);
}

/** A listening TCP socket on `host` with an ephemeral port. */
export function listener(host = '127.0.0.1'): { fd: number; port: number } {
  const fd = zsock_socket(host.indexOf(':') >= 0 ? AF_INET6 : AF_INET, SOCK_STREAM, 0);
  const a = addr(host, 0);
  if (zsock_bind(fd, a, addrlen(a)) !== 0) throw new Error('bind failed: ' + errno);
  if (zsock_listen(fd, 4) !== 0) throw new Error('listen failed: ' + errno);
  return { fd, port: local_port(fd) };
}

/** A connected TCP pair on loopback: the client's and the accepted descriptors. */
export async function tcp_pair(s: Session, host = '127.0.0.1'): Promise<{ client: number; server: number; lfd: number }> {
  const l = listener(host);
  const client = zsock_socket(host.indexOf(':') >= 0 ? AF_INET6 : AF_INET, SOCK_STREAM, 0);
  const to = addr(host, l.port);
  const [c, server] = await s.run(Promise.all([zsock_connect(client, to, addrlen(to)), zsock_accept(l.fd, null, null)]));
  if (c !== 0 || server < 0) throw new Error('pair failed: ' + errno);
  return { client, server, lfd: l.fd };
}

/** A UDP socket bound to an ephemeral port on `host`. */
export function udp_socket(host = '127.0.0.1'): { fd: number; port: number; addr: sockaddr } {
  const fd = zsock_socket(host.indexOf(':') >= 0 ? AF_INET6 : AF_INET, SOCK_DGRAM, 0);
  const a = addr(host, 0);
  if (zsock_bind(fd, a, addrlen(a)) !== 0) throw new Error('bind failed: ' + errno);
  const port = local_port(fd);
  return { fd, port, addr: addr(host, port) };
}

/** Deterministic bytes: a pattern a shifted or truncated copy cannot match. */
export function pattern(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed * 2654435761;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

export function bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

export function text(data: Uint8Array, length = data.length): string {
  let s = '';
  for (let i = 0; i < length; i++) s += String.fromCharCode(data[i]!);
  return s;
}

/** Runs a call and returns [result, errno as read right after it settled]. */
export async function call(promise: Promise<number>): Promise<[number, number]> {
  const result = await promise;
  return [result, errno];
}
