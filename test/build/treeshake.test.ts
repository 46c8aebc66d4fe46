import { describe, expect, it } from 'vitest';
import { rollup, type Plugin } from 'rollup';
import typescript from '@rollup/plugin-typescript';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Bundles `source` (an entry importing from 'zsockjs' or 'zsockjs/posix') as an application would. */
async function bundle(source: string): Promise<string> {
  const entry: Plugin = {
    name: 'entry',
    resolveId(id) {
      if (id === 'app') return id;
      if (id === 'zsockjs') return root + 'lib/index.ts';
      if (id === 'zsockjs/posix') return root + 'lib/posix.ts';
      return null;
    },
    load(id) {
      return id === 'app' ? source : null;
    },
  };
  const build = await rollup({
    input: 'app',
    plugins: [entry, typescript({ tsconfig: root + 'tsconfig.build.json', include: [root + 'lib/**/*.ts'] })],
    onwarn: () => {},
  });
  const { output } = await build.generate({ format: 'es' });
  await build.close();
  return output.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join('\n');
}

describe('tree-shaking', () => {
  it('a program using only zsock_inet_pton carries no descriptor table, sockets or errno strings', async () => {
    const code = await bundle(
      `import { zsock_inet_pton, AF_INET } from 'zsockjs';
       const out = new Uint8Array(4);
       export const ok = zsock_inet_pton(AF_INET, '192.0.2.1', out);`,
    );
    expect(code).toContain('zsock_inet_pton');
    for (const absent of ['fd_alloc', 'fd_get', 'zsock_socket', 'zsock_poll', 'Bad file descriptor', 'strerror', 'inet_tcp', 'settle_failure']) {
      expect(code, absent).not.toContain(absent);
    }
  }, 60_000);

  it('the POSIX name brings in the same single function', async () => {
    const code = await bundle(
      `import { inet_pton, AF_INET6 } from 'zsockjs/posix';
       export const ok = inet_pton(AF_INET6, '::1', new Uint8Array(16));`,
    );
    expect(code).toContain('zsock_inet_pton');
    for (const absent of ['fd_alloc', 'zsock_socket', 'Bad file descriptor']) expect(code, absent).not.toContain(absent);
  }, 60_000);

  it('a program that opens a UDP socket carries the UDP provider and not TCP', async () => {
    const code = await bundle(
      `import { zsock_socket, zsock_sendto, inet_udp, zsock_init, AF_INET, SOCK_DGRAM } from 'zsockjs';
       export function main(port) {
         zsock_init(port, [inet_udp]);
         const fd = zsock_socket(AF_INET, SOCK_DGRAM, 0);
         return zsock_sendto(fd, new Uint8Array(1), 1, 0, null, 0);
       }`,
    );
    // The names searched for survive bundling: this program needs the table.
    expect(code).toContain('udp_sendto');
    expect(code).toContain('fd_alloc');
    for (const absent of ['tcp_connect', 'tcp_listen', 'zsock_poll', 'zsock_select', 'Bad file descriptor']) {
      expect(code, absent).not.toContain(absent);
    }
  }, 60_000);

  it('the Zephyr helpers carry no sockets: k_msleep only the stack lookup, net_ipaddr_parse only address parsing', async () => {
    const sleep = await bundle(
      `import { k_msleep, k_uptime_get } from 'zsockjs';
       export const main = () => k_msleep(5).then(() => k_uptime_get());`,
    );
    expect(sleep).toContain('k_msleep');
    for (const absent of ['fd_alloc', 'zsock_socket', 'inet_tcp', 'net_ipaddr_parse', 'zsock_inet_pton', 'Bad file descriptor']) {
      expect(sleep, absent).not.toContain(absent);
    }
    const parse = await bundle(
      `import { net_ipaddr_parse, sockaddr } from 'zsockjs';
       export const ok = net_ipaddr_parse('192.0.2.1:80', 12, new sockaddr());`,
    );
    expect(parse).toContain('net_ipaddr_parse');
    for (const absent of ['fd_alloc', 'zsock_socket', 'stack_port', 'k_msleep', 'settle_failure']) {
      expect(parse, absent).not.toContain(absent);
    }
  }, 60_000);

  it('zsockjs/posix does not carry the Zephyr helpers', async () => {
    const code = await bundle(
      `import * as posix from 'zsockjs/posix';
       export const names = Object.keys(posix);`,
    );
    for (const absent of ['k_msleep', 'k_sleep', 'sys_rand32_get', 'net_ipaddr_parse', 'net_addr_pton']) expect(code, absent).not.toContain(absent);
  }, 60_000);
});

/** min+gzip of `source` bundled by esbuild as an application would be: all of it is zsockjs code but a few bytes of the app. */
async function min_gzip(source: string): Promise<{ min: number; gzip: number }> {
  const result = await build({
    stdin: { contents: source, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    alias: { zsockjs: root + 'lib/index.ts' },
    logLevel: 'error',
  });
  const code = result.outputFiles[0]!.contents;
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

/** Every name lib/index.ts exports (values only; types leave nothing). */
async function every_export(): Promise<string[]> {
  const result = await build({ entryPoints: [root + 'lib/index.ts'], bundle: true, format: 'esm', write: false, metafile: true, outdir: root + '.size', logLevel: 'error' });
  return Object.values(result.metafile!.outputs)[0]!.exports;
}

/*
 * Size budgets, min+gzip bytes of an esbuild-bundled app. The targets are
 * 2.5 KB (UDP), 4 KB (TCP client) and 12 KB (every export); the budgets
 * below are what the code reaches today, so a change that grows an app
 * fails here. The gap: every operation of a socket's table (connect,
 * shutdown, listen, accept, ioctl, getsockname, ready) is reachable from
 * socket(), and the whole API is mostly the constants and the DNS client.
 */
const BUDGETS = { udp: 5_200, tcp: 8_200, all: 20_100 };

describe('size budgets (min+gzip, esbuild)', () => {
  it('a UDP-only app (socket, bind, sendto, recvfrom, close, inet_pton)', async () => {
    const size = await min_gzip(
      `import { zsock_socket, zsock_bind, zsock_sendto, zsock_recvfrom, zsock_close, zsock_inet_pton, zsock_init, inet_udp, sockaddr_in, AF_INET, SOCK_DGRAM } from 'zsockjs';
       export async function main(port) {
         zsock_init(port, [inet_udp]);
         const fd = zsock_socket(AF_INET, SOCK_DGRAM, 0);
         const a = new sockaddr_in();
         zsock_inet_pton(AF_INET, '127.0.0.1', a.sin_addr);
         zsock_bind(fd, a, 16);
         await zsock_sendto(fd, new Uint8Array(1), 1, 0, a, 16);
         await zsock_recvfrom(fd, new Uint8Array(4), 4, 0, null, null);
         zsock_close(fd);
       }`,
    );
    console.log(`[size] UDP-only app: ${size.min} B min, ${size.gzip} B min+gzip (budget ${BUDGETS.udp}, target 2560)`);
    expect(size.gzip).toBeLessThanOrEqual(BUDGETS.udp);
  }, 60_000);

  it('a TCP client (numeric getaddrinfo, socket, connect, send, recv, close)', async () => {
    const size = await min_gzip(
      `import { zsock_socket, zsock_connect, zsock_send, zsock_recv, zsock_close, zsock_getaddrinfo, zsock_init, inet_tcp, AI_NUMERICHOST, SOCK_STREAM } from 'zsockjs';
       export async function main(port) {
         zsock_init(port, [inet_tcp]);
         const res = { value: null };
         await zsock_getaddrinfo('192.0.2.1', '80', { ai_flags: AI_NUMERICHOST, ai_socktype: SOCK_STREAM }, res);
         const ai = res.value;
         const fd = zsock_socket(ai.ai_family, ai.ai_socktype, ai.ai_protocol);
         await zsock_connect(fd, ai.ai_addr, ai.ai_addrlen);
         await zsock_send(fd, new Uint8Array(1), 1, 0);
         await zsock_recv(fd, new Uint8Array(4), 4, 0);
         zsock_close(fd);
       }`,
    );
    console.log(`[size] TCP client: ${size.min} B min, ${size.gzip} B min+gzip (budget ${BUDGETS.tcp}, target 4096)`);
    expect(size.gzip).toBeLessThanOrEqual(BUDGETS.tcp);
  }, 60_000);

  it('an app that uses every export', async () => {
    const names = await every_export();
    expect(names.length).toBeGreaterThan(300);
    const size = await min_gzip(`import { ${names.join(', ')} } from 'zsockjs'; export const used = [${names.join(', ')}];`);
    console.log(`[size] every export (${names.length}): ${size.min} B min, ${size.gzip} B min+gzip (budget ${BUDGETS.all}, target 12288)`);
    expect(size.gzip).toBeLessThanOrEqual(BUDGETS.all);
  }, 60_000);

  it('a numeric getaddrinfo carries no DNS client, and socket() carries no options', async () => {
    const result = await build({
      stdin: {
        contents: `import { zsock_getaddrinfo, zsock_socket } from 'zsockjs'; export const f = [zsock_getaddrinfo, zsock_socket];`,
        resolveDir: root,
        loader: 'js',
      },
      bundle: true,
      format: 'esm',
      write: false,
      metafile: true,
      alias: { zsockjs: root + 'lib/index.ts' },
      logLevel: 'error',
    });
    const used = Object.entries(Object.values(result.metafile!.outputs)[0]!.inputs);
    const inputs = used.filter(([, input]) => input.bytesInOutput > 0).map(([file]) => file);
    expect(inputs).toContain('lib/getaddrinfo.ts');
    for (const absent of ['lib/dns/client.ts', 'lib/dns/message.ts', 'lib/dns/cache.ts', 'lib/inet/options.ts', 'lib/optval.ts', 'lib/strerror.ts']) {
      expect(inputs, absent).not.toContain(absent);
    }
  }, 60_000);
});
