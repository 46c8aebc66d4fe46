/**
 * Memory budget: XS heap slots per idle socket of the core and the moddable
 * port, counted in the real XS engine (test/xs/memory-in-xs.mjs: live slots
 * after a full GC, xsnap's meter). The README quotes the numbers.
 */
import { buildSync } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

describe('XS heap per idle socket (core + moddable port)', () => {
  it('stays within its budget, and closing gives the slots back', () => {
    const code = buildSync({
      absWorkingDir: root,
      entryPoints: ['test/xs/memory-scenario.ts'],
      bundle: true,
      format: 'iife',
      platform: 'neutral',
      target: 'es2020',
      write: false,
      logLevel: 'silent',
    }).outputFiles[0]!.text;
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.NODE_OPTIONS;
    const child = spawnSync(process.execPath, [join(here, 'memory-in-xs.mjs')], { cwd: root, env, input: code, encoding: 'utf8', timeout: 30_000 });
    const result = JSON.parse(child.stdout.trim().split('\n').pop() || '{}') as { tcpSlots: number; udpSlots: number; bareSlots: number; leakedSlots: number };
    process.stdout.write(`XS slots per idle socket: ${JSON.stringify(result)}\n`);
    // Budgets (a slot is 16 bytes on a 32-bit device): measured 163 / 91 / 26.
    expect(result.tcpSlots).toBeGreaterThan(result.bareSlots);
    expect(result.tcpSlots).toBeLessThanOrEqual(175);
    expect(result.udpSlots).toBeLessThanOrEqual(100);
    expect(result.bareSlots).toBeLessThanOrEqual(30);
    expect(result.leakedSlots).toBeLessThanOrEqual(8);
  }, 40_000);
});
