import { describe, expect, it } from 'vitest';
import { rollup, type Plugin } from 'rollup';
import typescript from '@rollup/plugin-typescript';
import { fileURLToPath } from 'node:url';

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
