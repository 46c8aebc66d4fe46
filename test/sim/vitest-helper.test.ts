/** keepTraceOnFailure: a failing test leaves capture.pcap and ladder.svg in a folder named after it, and says where. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { testFolderName } from '../../sim/vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

it('names folders after tests', () => {
  expect(testFolderName('tcp > echo answers "pong"?')).toBe('tcp-echo-answers-pong');
});

it('leaves the failing test its pcap and ladder diagram, and prints the folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zsock-failures-'));
  const run = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'test/sim/fixtures/vitest.config.ts'], {
    cwd: root,
    env: { ...process.env, SIM_FAILURES_DIR: dir, CI: '1', FORCE_COLOR: '0' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.status).toBe(1);
  expect(readdirSync(dir)).toEqual(['echo-answers-pong']);
  const folder = join(dir, 'echo-answers-pong');
  expect(run.stdout).toContain(`simulated network of failing test "echo answers pong": ${folder}`);
  expect(existsSync(join(folder, 'capture.pcap'))).toBe(true);
  const svg = readFileSync(join(folder, 'ladder.svg'), 'utf8');
  expect(svg).toContain('>device</text>');
  expect(svg).toContain('[SYN] seq=0 win=5840 len=0');
  expect(svg).toContain('[PSH, ACK] seq=1 ack=1 win=5840 len=4');
});
