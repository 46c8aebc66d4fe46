/**
 * A network namespace the test makes (unshare -rn: a user and a network
 * namespace, no root needed) with what loopback cannot show: a host
 * address that is not loopback (10.9.0.1 on one end of a veth pair), an
 * address whose packets vanish (10.9.0.2: a fixed neighbour entry points it
 * at the other end, which drops them), and a multicast route. Node cannot
 * enter a namespace itself, so vitest runs again inside it, on the files
 * given, with ZSOCKJS_NETNS=1.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** True in the vitest run inside the namespace. */
export const IN_NETNS = process.env['ZSOCKJS_NETNS'] === '1';
export const NETNS_HOST = '10.9.0.1';
export const NETNS_UNREACHABLE = '10.9.0.2';
/** The tools a namespace needs. */
export const NETNS_TOOLS = ['unshare', 'ip'];

const SETUP = [
  'set -e',
  'ip link set lo up',
  'ip link add zs0 type veth peer name zs1',
  `ip addr add ${NETNS_HOST}/24 dev zs0`,
  'ip link set zs1 up',
  'ip link set zs0 up',
  `ip neigh add ${NETNS_UNREACHABLE} lladdr 02:00:00:00:00:02 dev zs0 nud permanent`,
  'ip route add 224.0.0.0/4 dev zs0',
].join('\n');

export interface NetnsRun {
  /** Names of the tests passed inside. */
  passed: string[];
  failed: string[];
  /** Names of the tests skipped inside (none expected). */
  skipped: string[];
  output: string;
}

/** Runs vitest on `files` (filtered by `name`, if given) inside a fresh namespace. */
export function run_in_netns(files: string[], name?: string): NetnsRun {
  const dir = mkdtempSync(join(tmpdir(), 'zsock-netns-'));
  const report = join(dir, 'report.json');
  const filter = name ? ` -t ${JSON.stringify(name)}` : '';
  const script = `${SETUP}\nexec npx vitest run ${files.join(' ')}${filter} --reporter=default --reporter=json --outputFile=${report}`;
  try {
    const out = spawnSync('unshare', ['-rn', 'sh', '-c', script], {
      env: { ...process.env, ZSOCKJS_NETNS: '1' },
      encoding: 'utf8',
      timeout: 240_000,
    });
    const output = (out.stdout ?? '') + (out.stderr ?? '');
    let r: { testResults: { assertionResults: { status: string; fullName: string }[] }[] };
    try {
      r = JSON.parse(readFileSync(report, 'utf8'));
    } catch {
      return { passed: [], failed: ['the namespace run did not report (exit ' + out.status + ')'], skipped: [], output };
    }
    const passed: string[] = [];
    const failed: string[] = [];
    const skipped: string[] = [];
    for (const file of r.testResults) {
      for (const t of file.assertionResults) {
        if (t.status === 'passed') passed.push(t.fullName);
        else if (t.status === 'failed') failed.push(t.fullName);
        else skipped.push(t.fullName);
      }
    }
    if (out.status !== 0 && failed.length === 0) failed.push('the namespace run exited ' + out.status);
    return { passed, failed, skipped, output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
