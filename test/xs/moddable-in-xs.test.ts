/**
 * The conformance suite on the moddable port (emulated ECMA-419 classes on
 * the simulated network) inside the real XS engine: test/xs/moddable-conformance.ts
 * is bundled with 'vitest' mapped to a small shim and run by run-in-xs.mjs
 * in each of its modes (xsnap's globals; no setImmediate; SES-frozen
 * intrinsics without setImmediate). Every check must pass in each.
 */
import { buildSync } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

interface SuiteResult {
  ok: boolean;
  passed: number;
  failed: { name: string; error: string }[];
}

describe('the conformance suite on the moddable port inside XS', () => {
  it('passes every check in each XS mode', () => {
    const code = buildSync({
      absWorkingDir: root,
      entryPoints: ['test/xs/moddable-conformance.ts'],
      bundle: true,
      format: 'iife',
      platform: 'neutral',
      target: 'es2020',
      write: false,
      logLevel: 'silent',
      alias: { vitest: './test/xs/vitest-shim.ts' },
    }).outputFiles[0]!.text;
    const env: NodeJS.ProcessEnv = { ...process.env, XS_METERING_LIMIT: '20000000000', XS_RUN_LIMIT_MS: '60000' };
    delete env.NODE_OPTIONS;
    const child = spawnSync(process.execPath, [join(here, 'run-in-xs.mjs')], {
      cwd: root,
      env,
      input: code,
      encoding: 'utf8',
      timeout: 70_000,
      killSignal: 'SIGKILL',
      maxBuffer: 16 * 1024 * 1024,
    });
    const lines = child.stdout.split('\n').filter((line) => line.length > 0);
    const report = JSON.parse(lines[lines.length - 1] || '{}') as { ok: boolean; error: string | null; runs: { mode: string; printed: string[] }[] };
    expect(report.error).toBe(null);
    expect(report.runs.map((run) => run.mode)).toEqual(['xsnap', 'no-timers', 'frozen-no-timers']);
    for (const run of report.runs) {
      const result = JSON.parse(run.printed[run.printed.length - 1] || '{}') as SuiteResult;
      expect({ mode: run.mode, failed: result.failed }).toEqual({ mode: run.mode, failed: [] });
      expect(result.passed).toBeGreaterThanOrEqual(50);
    }
  }, 80_000);
});
