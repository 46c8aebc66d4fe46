/**
 * Socket options on the Node port, read back from the kernel by another
 * process: Node cannot getsockopt, so a zsock setsockopt returning 0 says
 * nothing about whether the option took effect. The test finds the kernel
 * socket behind a zsock descriptor (its local port in /proc/net/*, the
 * inode among /proc/self/fd), hands that file descriptor to python3 and
 * lets python3 call getsockopt(2) on it.
 */

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AF_INET,
  IP_MULTICAST_LOOP,
  IP_MULTICAST_TTL,
  IP_TTL,
  IPPROTO_IP,
  IPPROTO_TCP,
  SIZEOF_INT,
  SO_BROADCAST,
  SO_KEEPALIVE,
  SOCK_STREAM,
  SOL_SOCKET,
  TCP_KEEPIDLE,
  TCP_NODELAY,
  zsock_connect,
  zsock_setsockopt,
  zsock_socket,
  zsock_accept,
} from '../../lib/index';
import { addr, addrlen, listener, local_port, tcp_pair, udp_socket } from '../conformance/helpers';
import type { Session } from '../conformance/target';
import { nodeTarget } from './conformance-target';
import { require_tools, skip_without } from '../tools';

/** Linux's numbers for the options python3 reads (socket.* names in python). */
const PY_OPTION: Record<string, string> = {
  TCP_NODELAY: 'socket.IPPROTO_TCP, socket.TCP_NODELAY',
  SO_KEEPALIVE: 'socket.SOL_SOCKET, socket.SO_KEEPALIVE',
  TCP_KEEPIDLE: 'socket.IPPROTO_TCP, socket.TCP_KEEPIDLE',
  IP_TTL: 'socket.IPPROTO_IP, socket.IP_TTL',
  IP_MULTICAST_TTL: 'socket.IPPROTO_IP, socket.IP_MULTICAST_TTL',
  IP_MULTICAST_LOOP: 'socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP',
  SO_BROADCAST: 'socket.SOL_SOCKET, socket.SO_BROADCAST',
};

/**
 * Inodes of the kernel sockets bound to `port` (TCP: not listening); other
 * processes' sockets and TIME_WAIT leftovers (inode 0) may share the port.
 */
function socket_inodes(proto: 'tcp' | 'udp', port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const lines = readFileSync(`/proc/net/${proto}`, 'utf8').split('\n').slice(1);
  const inodes: string[] = [];
  for (const line of lines) {
    const f = line.trim().split(/\s+/);
    // local_address is f[1] ("0100007F:1F90"), st is f[3] (0A: listening), inode f[9].
    if (f.length > 9 && f[1]!.endsWith(':' + hexPort) && !(proto === 'tcp' && f[3] === '0A') && f[9] !== '0') inodes.push(f[9]!);
  }
  return inodes;
}

/** The file descriptor of this process that is one of the sockets `inodes`. */
function fd_of(inodes: string[]): number {
  for (const name of readdirSync('/proc/self/fd')) {
    try {
      const link = readlinkSync(`/proc/self/fd/${name}`);
      if (inodes.some((inode) => link === `socket:[${inode}]`)) return Number(name);
    } catch {
      // A descriptor closed while we looked.
    }
  }
  throw new Error(`none of the sockets ${inodes.join(', ')} is ours`);
}

/** Reads options from the kernel in another process: python3 getsockopt on a copy of the descriptor. */
function kernel_options(proto: 'tcp' | 'udp', port: number, names: string[]): Record<string, number> {
  const fd = fd_of(socket_inodes(proto, port));
  const reads = names.map((n) => `${JSON.stringify(n)}: s.getsockopt(${PY_OPTION[n]!})`).join(', ');
  const script = `import socket, json\ns = socket.socket(fileno=3)\nprint(json.dumps({${reads}}))\ns.detach()`;
  const stdio: (string | number)[] = ['ignore', 'pipe', 'pipe', fd];
  const out = spawnSync('python3', ['-c', script], { stdio: stdio as ('ignore' | 'pipe' | number)[], encoding: 'utf8', timeout: 10_000 });
  if (out.status !== 0) throw new Error('python3 getsockopt failed: ' + out.stderr);
  return JSON.parse(out.stdout) as Record<string, number>;
}

const int = (value: number): { value: number } => ({ value });

describe.skipIf(skip_without(['python3'], 'kernel option checks'))('node port: options take effect in the kernel (read by another process)', () => {
  let s: Session;
  beforeEach(async () => {
    require_tools(['python3']);
    s = await nodeTarget.open();
  });
  afterEach(async () => {
    await s.close();
  });

  it('TCP_NODELAY on and off on a connected socket', async () => {
    const { client } = await tcp_pair(s);
    const port = local_port(client);
    expect(kernel_options('tcp', port, ['TCP_NODELAY']).TCP_NODELAY).toBe(0);
    expect(zsock_setsockopt(client, IPPROTO_TCP, TCP_NODELAY, int(1), SIZEOF_INT)).toBe(0);
    expect(kernel_options('tcp', port, ['TCP_NODELAY']).TCP_NODELAY).not.toBe(0);
    expect(zsock_setsockopt(client, IPPROTO_TCP, TCP_NODELAY, int(0), SIZEOF_INT)).toBe(0);
    expect(kernel_options('tcp', port, ['TCP_NODELAY']).TCP_NODELAY).toBe(0);
  });

  it('TCP_NODELAY, SO_KEEPALIVE and TCP_KEEPIDLE set before connect apply to the connection', async () => {
    const l = listener();
    const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
    expect(zsock_setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, int(1), SIZEOF_INT)).toBe(0);
    expect(zsock_setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, int(1), SIZEOF_INT)).toBe(0);
    expect(zsock_setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, int(77), SIZEOF_INT)).toBe(0);
    const to = addr('127.0.0.1', l.port);
    const [c] = await s.run(Promise.all([zsock_connect(fd, to, addrlen(to)), zsock_accept(l.fd, null, null)]));
    expect(c).toBe(0);
    const k = kernel_options('tcp', local_port(fd), ['TCP_NODELAY', 'SO_KEEPALIVE', 'TCP_KEEPIDLE']);
    expect(k.TCP_NODELAY).not.toBe(0);
    expect(k.SO_KEEPALIVE).not.toBe(0);
    expect(k.TCP_KEEPIDLE).toBe(77);
  });

  it('SO_KEEPALIVE and TCP_KEEPIDLE on a connected socket; keepalive off again', async () => {
    const { client } = await tcp_pair(s);
    const port = local_port(client);
    expect(kernel_options('tcp', port, ['SO_KEEPALIVE']).SO_KEEPALIVE).toBe(0);
    expect(zsock_setsockopt(client, IPPROTO_TCP, TCP_KEEPIDLE, int(33), SIZEOF_INT)).toBe(0);
    expect(zsock_setsockopt(client, SOL_SOCKET, SO_KEEPALIVE, int(1), SIZEOF_INT)).toBe(0);
    expect(kernel_options('tcp', port, ['SO_KEEPALIVE', 'TCP_KEEPIDLE'])).toEqual({ SO_KEEPALIVE: 1, TCP_KEEPIDLE: 33 });
    expect(zsock_setsockopt(client, SOL_SOCKET, SO_KEEPALIVE, int(0), SIZEOF_INT)).toBe(0);
    expect(kernel_options('tcp', port, ['SO_KEEPALIVE']).SO_KEEPALIVE).toBe(0);
  });

  it('UDP: IP_TTL, IP_MULTICAST_TTL, IP_MULTICAST_LOOP and SO_BROADCAST', async () => {
    const u = udp_socket();
    await s.sleep(20); // the Node socket binds asynchronously; options wait for it
    expect(zsock_setsockopt(u.fd, IPPROTO_IP, IP_TTL, int(33), SIZEOF_INT)).toBe(0);
    expect(zsock_setsockopt(u.fd, IPPROTO_IP, IP_MULTICAST_TTL, int(7), SIZEOF_INT)).toBe(0);
    expect(zsock_setsockopt(u.fd, IPPROTO_IP, IP_MULTICAST_LOOP, int(0), SIZEOF_INT)).toBe(0);
    expect(zsock_setsockopt(u.fd, SOL_SOCKET, SO_BROADCAST, int(1), SIZEOF_INT)).toBe(0);
    await s.sleep(20);
    expect(kernel_options('udp', u.port, ['IP_TTL', 'IP_MULTICAST_TTL', 'IP_MULTICAST_LOOP', 'SO_BROADCAST'])).toEqual({
      IP_TTL: 33,
      IP_MULTICAST_TTL: 7,
      IP_MULTICAST_LOOP: 0,
      SO_BROADCAST: 1,
    });
  });
});
