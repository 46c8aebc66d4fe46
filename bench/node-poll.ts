/**
 * zsock_poll over COUNT socketpair descriptors (COUNT/2 pairs), one
 * readable, timeout 0, against C's poll(2) over as many Unix socketpair
 * descriptors (bench/poll.c), which stays running and answers one round per
 * line on its stdin, so rounds of both alternate.
 */

import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { check, type Session } from './node-tcp';
import { AF_UNIX, SOCK_STREAM, ZSOCK_POLLIN, zsock_close, zsock_poll, zsock_send, zsock_socketpair, type zsock_pollfd } from '../lib/index';

/** The hard descriptor limit (Node raises its soft limit to it at start-up). */
export function descriptorLimit(): number {
  const out = spawnSync('sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' });
  const text = (out.stdout || '').trim();
  return text === 'unlimited' ? Infinity : Number(text) || 0;
}

export async function zsockPoll(count: number, calls: number): Promise<Session> {
  const fds: zsock_pollfd[] = [];
  const sv = [0, 0];
  for (let i = 0; i < count; i += 2) {
    check(zsock_socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 'socketpair');
    fds.push({ fd: sv[0]!, events: ZSOCK_POLLIN, revents: 0 }, { fd: sv[1]!, events: ZSOCK_POLLIN, revents: 0 });
  }
  const mid = count >> 1;
  check(await zsock_send(fds[mid + 1]!.fd, new Uint8Array(1), 1, 0), 'send');
  if ((await zsock_poll(fds, count, 0)) !== 1) throw new Error('poll: the byte did not arrive');
  return {
    async round() {
      const start = performance.now();
      for (let i = 0; i < calls; i++) {
        if ((await zsock_poll(fds, count, 0)) !== 1) throw new Error('poll: expected one ready descriptor');
      }
      return ((performance.now() - start) * 1e6) / calls;
    },
    async close() {
      for (const p of fds) zsock_close(p.fd);
    },
  };
}

/** Builds bench/poll.c with cc -O2 and keeps it running; a round is one line to it. */
export async function cPoll(count: number, calls: number): Promise<Session> {
  const dir = mkdtempSync(join(tmpdir(), 'zsock-poll-'));
  const binary = join(dir, 'poll');
  const cc = spawnSync('cc', ['-O2', '-o', binary, resolve('bench/poll.c')], { encoding: 'utf8' });
  if (cc.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`cc -O2 bench/poll.c failed: ${cc.stderr || cc.error}`);
  }
  const child: ChildProcessWithoutNullStreams = spawn(binary, [String(count)]);
  let buffered = '';
  let errors = '';
  let waiting: ((line: string) => void) | null = null;
  child.stderr.on('data', (d: Buffer) => (errors += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    buffered += d.toString();
    const nl = buffered.indexOf('\n');
    if (nl >= 0 && waiting) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      const w = waiting;
      waiting = null;
      w(line);
    }
  });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  return {
    async round() {
      const line = await Promise.race([
        new Promise<string>((r) => {
          waiting = r;
          child.stdin.write(`${calls}\n`);
        }),
        exited.then(() => {
          throw new Error(`poll.c ended: ${errors}`);
        }),
      ]);
      return Number(line);
    },
    async close() {
      child.stdin.end();
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
