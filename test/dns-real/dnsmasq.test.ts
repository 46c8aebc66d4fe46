/**
 * The built-in DNS client against a real DNS server: dnsmasq on
 * 127.0.0.1:<free port>, started here with a hosts file and a CNAME of its
 * own, queried through the Node port (real UDP sockets). Setting the server
 * with zsock_dns_set_servers makes getaddrinfo use the client, not the
 * port's native resolver.
 *
 * dnsmasq comes from the Debian package (CI installs it). Without it the
 * suite is skipped locally and fails on CI.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AF_INET,
  AF_INET6,
  AF_UNSPEC,
  AI_CANONNAME,
  DNS_EAI_NODATA,
  DNS_EAI_NONAME,
} from '../../lib/constants';
import { zsock_dns_set_servers, zsock_dns_set_timeout } from '../../lib/dns/client';
import { zsock_freeaddrinfo, zsock_getaddrinfo, type zsock_addrinfo, type zsock_addrinfo_hints } from '../../lib/getaddrinfo';
import { dns_client, inet_tcp, inet_udp, ntohs, zsock_inet_ntop, zsock_init } from '../../lib/index';
import type { Port } from '../../lib/port';
import { createNodePort } from '../../ports/node/index';
import { A, buildQuery } from '../dns/builder';
import { reset_resolver } from '../dns/mock-dns';

function find_dnsmasq(): string | null {
  const dirs = (process.env.PATH ?? '').split(delimiter).concat(['/usr/sbin', '/sbin', '/usr/local/sbin']);
  for (const dir of dirs) {
    const candidate = join(dir, 'dnsmasq');
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

const DNSMASQ = find_dnsmasq();
const ON_CI = process.env.CI === 'true';

if (!DNSMASQ && !ON_CI) {
  console.warn('dns-real: dnsmasq is not installed (apt-get install dnsmasq); skipping the real-server tests');
}

const HOSTS = ['192.0.2.11 alpha.zsock.test', '2001:db8::11 alpha.zsock.test', '192.0.2.12 v4only.zsock.test', ''].join('\n');

/** A UDP port that was free a moment ago on 127.0.0.1. */
function free_port(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

/** Whether a server answers an A query on 127.0.0.1:`port` within `ms`. */
function answers(port: number, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const timer = setTimeout(() => finish(false), ms);
    function finish(ok: boolean): void {
      clearTimeout(timer);
      socket.close();
      resolve(ok);
    }
    socket.once('message', () => finish(true));
    socket.once('error', () => finish(false));
    socket.send(buildQuery(0x1234, 'alpha.zsock.test', A), port, '127.0.0.1');
  });
}

interface Dnsmasq {
  process: ChildProcess;
  port: number;
  dir: string;
  log: string[];
}

async function start_dnsmasq(binary: string): Promise<Dnsmasq> {
  const dir = mkdtempSync(join(tmpdir(), 'zsock-dnsmasq-'));
  writeFileSync(join(dir, 'hosts'), HOSTS);
  const log: string[] = [];
  // A port can be taken between free_port and dnsmasq's bind: try a few.
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await free_port();
    const child = spawn(
      binary,
      [
        '--keep-in-foreground',
        '--log-facility=-',
        '--conf-file=/dev/null',
        `--port=${port}`,
        '--listen-address=127.0.0.1',
        '--bind-interfaces',
        '--no-resolv',
        '--no-hosts',
        `--addn-hosts=${join(dir, 'hosts')}`,
        // Answer for the test zone from local data only: NXDOMAIN for unknown names.
        '--local=/zsock.test/',
        '--cname=www.zsock.test,alpha.zsock.test',
        '--cname=deep.zsock.test,www.zsock.test',
        `--pid-file=${join(dir, 'pid')}`,
        '--user=root',
        '--group=root',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout!.on('data', (d: Buffer) => log.push(d.toString()));
    child.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    for (let i = 0; i < 50 && !exited; i++) {
      if (await answers(port, 100)) return { process: child, port, dir, log };
    }
    if (!exited) child.kill('SIGKILL');
  }
  rmSync(dir, { recursive: true, force: true });
  throw new Error(`dnsmasq did not start:\n${log.join('')}`);
}

async function stop_dnsmasq(server: Dnsmasq): Promise<void> {
  if (server.process.exitCode === null && server.process.signalCode === null) {
    const exited = new Promise<void>((resolve) => server.process.once('exit', () => resolve()));
    server.process.kill('SIGTERM');
    await exited;
  }
  rmSync(server.dir, { recursive: true, force: true });
}

async function lookup(host: string, hints: zsock_addrinfo_hints | null, service: string | null = null) {
  const res: { value: zsock_addrinfo | null } = { value: null };
  const code = await zsock_getaddrinfo(host, service, hints, res);
  const list: zsock_addrinfo[] = [];
  for (let ai = res.value; ai; ai = ai.ai_next) list.push(ai);
  const texts = list.map((ai) =>
    zsock_inet_ntop(ai.ai_family, ai.ai_family === AF_INET ? ai.ai_addr.sin_addr : ai.ai_addr.sin6_addr, null, 64),
  );
  return { code, list, texts, first: res.value };
}

describe.skipIf(!DNSMASQ && !ON_CI)('getaddrinfo against dnsmasq over real UDP (Node port)', () => {
  let server: Dnsmasq | null = null;
  let port: Port | null = null;

  beforeAll(async () => {
    if (!DNSMASQ) throw new Error('CI=true but dnsmasq is not installed: the real DNS tests need it (apt-get install dnsmasq)');
    server = await start_dnsmasq(DNSMASQ);
    port = createNodePort();
    zsock_init(port, [inet_tcp, inet_udp], { resolver: dns_client });
    reset_resolver();
    expect(zsock_dns_set_servers([`127.0.0.1:${server.port}`])).toBe(0);
    expect(zsock_dns_set_timeout(5000)).toBe(0);
  }, 30_000);

  afterAll(async () => {
    if (port) zsock_init(port, []);
    reset_resolver();
    if (server) await stop_dnsmasq(server);
  });

  it('A', async () => {
    const r = await lookup('alpha.zsock.test', { ai_family: AF_INET }, '1883');
    expect(r.code).toBe(0);
    expect(r.texts).toEqual(['192.0.2.11']);
    expect(ntohs(r.list[0]!.ai_addr.sin_port)).toBe(1883);
    zsock_freeaddrinfo(r.first);
  });

  it('AAAA', async () => {
    const r = await lookup('alpha.zsock.test', { ai_family: AF_INET6 });
    expect(r.code).toBe(0);
    expect(r.texts).toEqual(['2001:db8::11']);
  });

  it('AF_UNSPEC: IPv6 first', async () => {
    const r = await lookup('ALPHA.zsock.test', { ai_family: AF_UNSPEC });
    expect(r.code).toBe(0);
    expect(r.texts).toEqual(['2001:db8::11', '192.0.2.11']);
  });

  it('CNAME chains, with the canonical name', async () => {
    const r = await lookup('deep.zsock.test', { ai_family: AF_INET, ai_flags: AI_CANONNAME });
    expect(r.code).toBe(0);
    expect(r.texts).toEqual(['192.0.2.11']);
    expect(r.list[0]!.ai_canonname).toBe('alpha.zsock.test');
    const six = await lookup('www.zsock.test', { ai_family: AF_INET6 });
    expect(six.texts).toEqual(['2001:db8::11']);
  });

  it('NXDOMAIN is DNS_EAI_NONAME', async () => {
    expect((await lookup('nosuch.zsock.test', null)).code).toBe(DNS_EAI_NONAME);
  });

  it('a name without an address of the family is DNS_EAI_NODATA', async () => {
    expect((await lookup('v4only.zsock.test', { ai_family: AF_INET6 })).code).toBe(DNS_EAI_NODATA);
    expect((await lookup('v4only.zsock.test', null)).texts).toEqual(['192.0.2.12']);
  });
});
