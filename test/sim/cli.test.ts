/** `zsockjs sim`: flags and a topology file, the live trace, errno names, and files that tshark opens. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseLink, runSim, type CliIo } from '../../sim/index';
import { skip_without } from '../tools';

const noTshark = skip_without(['tshark'], 'the zsockjs sim tests that open captures in tshark');

const app = (name: string): string => fileURLToPath(new URL(`../../examples/apps/${name}`, import.meta.url));

function io(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (t) => stderr.push(t), isTerminal: false };
}

function tshark(file: string, fields: string[]): string[][] {
  const args = ['-r', file, '-T', 'fields', ...fields.flatMap((f) => ['-e', f])];
  return execFileSync('tshark', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    .trim()
    .split('\n')
    .map((line) => line.split('\t'));
}

describe('zsockjs sim', () => {
  it.skipIf(noTshark)('runs two programs from flags; the pcap opens in tshark with the frames the trace showed', async () => {
    const out = mkdtempSync(join(tmpdir(), 'zsock-sim-'));
    const term = io();
    const code = await runSim(
      [
        '--seed', '2',
        '--host', 'server=192.0.2.2',
        '--host', 'client=192.0.2.1',
        '--run', `server=${app('echo_server.ts')}`,
        '--run', `client=${app('echo_client.ts')}`,
        '--set', 'client.peer=192.0.2.2',
        '--set', 'client.rounds=6',
        '--link', 'client-server,latency=30,jitter=4,loss=0.08',
        '--trace', 'frames',
        '--out', out,
      ],
      term,
    );
    expect(code).toBe(0);
    const frames = term.stdout.filter((l) => / -> /.test(l) && /\[[A-Z, ]+\]|UDP len/.test(l) && !/^(TCP|UDP) /.test(l));
    expect(frames[0]).toMatch(/^\[ +0\.000 ms\] client -> server  \[SYN\] seq=0 win=5840 len=0$/);
    expect(term.stdout).toContain('server: main() returned 0 at 0.000 ms');
    expect(term.stdout.some((l) => /^ {2}RTT min [\d.]+ \/ avg [\d.]+ \/ max [\d.]+ ms over \d+ samples$/.test(l))).toBe(true);
    const pcap = join(out, 'capture.pcap');
    const rows = tshark(pcap, ['frame.time_relative', 'ip.src', 'tcp.flags.str', 'tcp.len', 'udp.length']);
    expect(rows).toHaveLength(frames.length);
    expect(rows[0]!.slice(1, 3)).toEqual(['192.0.2.1', '··········S·']);
    // The trace's virtual times are the capture's timestamps.
    const traced = Number(/\[ *([\d.]+) ms\]/.exec(frames[1]!)![1]);
    expect(Number(rows[1]![0]) * 1000).toBeCloseTo(traced, 3);
    expect(readFileSync(join(out, 'ladder.svg'), 'utf8')).toMatch(/^<svg /);
    expect(readFileSync(join(out, 'summary.txt'), 'utf8')).toContain('client: main() returned 0');
  });

  it('takes a topology file; a refused connect is printed by errno name and number, exit code 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zsock-topo-'));
    const file = join(dir, 'net.json');
    writeFileSync(
      file,
      JSON.stringify({
        seed: 4,
        hosts: [
          { name: 'gateway', ipv4: '10.0.0.1' },
          { name: 'sensor', ipv4: '10.0.0.2', program: app('echo_client.ts'), settings: { peer: '10.0.0.1' } },
        ],
        links: [{ between: ['sensor', 'gateway'], latency: 12, mtu: 576 }],
      }),
    );
    const term = io();
    expect(await runSim(['--topology', file, '--out', join(dir, 'out')], term)).toBe(1);
    expect(term.stdout).toContain('sensor: failed at 24.000 ms: TCP connect to 10.0.0.1 failed: ECONNREFUSED (61)');
    expect(term.stdout.some((l) => /\] gateway -> sensor {2}\[RST, ACK\] seq=0 ack=1 win=0 len=0$/.test(l))).toBe(true);
    expect(existsSync(join(dir, 'out', 'capture.pcap'))).toBe(true);
  });

  it.skipIf(noTshark)('is the package\'s bin: node bin/zsockjs.mjs sim --topology examples/echo-over-wifi.json', () => {
    const out = mkdtempSync(join(tmpdir(), 'zsock-bin-'));
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const stdout = execFileSync(process.execPath, [join(root, 'bin/zsockjs.mjs'), 'sim', '--topology', join(root, 'examples/echo-over-wifi.json'), '--out', out], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(stdout).toMatch(/\[ +586\.450 ms\] client \| TCP\/IPv4: sent 99 bytes in 2 chunks, all echoed back intact/);
    expect(stdout).toContain('client: main() returned 0 at 715.790 ms');
    expect(tshark(join(out, 'capture.pcap'), ['ip.src']).length).toBeGreaterThan(20);
  });

  it('paced against the wall clock: the same trace as in virtual time, with a progress line', async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const args = ['--topology', join(root, 'examples/echo-over-wifi.json'), '--out', mkdtempSync(join(tmpdir(), 'zsock-paced-'))];
    const fast = io();
    const paced = io();
    expect(await runSim(args, fast)).toBe(0);
    // Half speed: about 1.4 s of wall time for 0.7 s of virtual time, so at least one progress line.
    expect(await runSim([...args, '--paced', '0.5', '--progress'], paced)).toBe(0);
    expect(paced.stdout).toEqual(fast.stdout);
    expect(paced.stderr.length).toBeGreaterThan(0);
    expect(paced.stderr[0]).toMatch(/^… virtual \d+\.\d s, \d+ frames, wall \d+\.\d s\n$/);
    expect(fast.stderr).toEqual([]);
  });

  it('refuses bad flags with the usage (exit 2) and parses link options', async () => {
    const term = io();
    expect(await runSim(['--host', 'a=10.0.0.1', '--run', 'a=x.ts', '--link', 'a-b,speed=3'], term)).toBe(2);
    expect(term.stderr.join('')).toMatch(/--link: unknown key speed\nusage: zsockjs sim/);
    const missing = io();
    expect(await runSim(['--host', 'a=10.0.0.1', '--run', 'a=no-such-program.ts'], missing)).toBe(2);
    expect(missing.stderr.join('')).toMatch(/^zsockjs sim: no such program: .*no-such-program\.ts\n$/);
    expect(parseLink('a-b,latency=40,jitter=5,bandwidth=1000000,loss=0.1,reorder=0.2,mtu=1280')).toEqual({
      between: ['a', 'b'],
      latency: 40,
      jitter: 5,
      bandwidth: 1_000_000,
      loss: 0.1,
      reorder: 0.2,
      mtu: 1280,
    });
  });
});
