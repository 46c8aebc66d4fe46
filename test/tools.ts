/**
 * Tests that need an outside tool (tshark, python3, unshare, ip): in CI a
 * missing tool fails the test; elsewhere the test is skipped and the reason
 * printed, never silently.
 */
import { spawnSync } from 'node:child_process';

/** CI as `.ci/run` sets it. */
export const IN_CI = process.env['CI'] === 'true';

/** Tools of `names` not on PATH (nor in /usr/sbin, where Debian puts ip). */
export function missing_tools(names: string[]): string[] {
  return names.filter(
    (name) => spawnSync('sh', ['-c', `command -v ${name} || test -x /usr/sbin/${name}`], { stdio: 'ignore' }).status !== 0,
  );
}

/**
 * Whether a test needing `names` is skipped: only outside CI, and then it
 * says why. In CI it runs, and `require_tools` in it fails.
 */
export function skip_without(names: string[], what: string): boolean {
  const missing = missing_tools(names);
  if (missing.length === 0 || IN_CI) return false;
  console.warn(`skipping ${what}: ${missing.join(', ')} not installed`);
  return true;
}

/** Throws unless every tool of `names` is installed. */
export function require_tools(names: string[]): void {
  const missing = missing_tools(names);
  if (missing.length > 0) throw new Error(`missing tools: ${missing.join(', ')} (.ci/run installs them)`);
}
