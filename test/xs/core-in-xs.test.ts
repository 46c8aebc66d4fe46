/**
 * The portable core and the simulated network inside the real XS engine.
 *
 * test/xs/scenario.ts (lib/ + ports/node-mock) is bundled by esbuild into
 * one script and run three ways:
 * - in XS with xsnap's globals (print, setImmediate, no setTimeout);
 * - in XS with setImmediate deleted, as on a Moddable device, so the async
 *   driver yields to the host through its chain of resolved promises;
 * - in XS after SES lockdown (every intrinsic frozen, as on a device once
 *   they live in flash), again without setImmediate;
 * - in a bare Node `vm` realm with only `print` added.
 * XS is driven by test/xs/run-in-xs.mjs in a separate Node process:
 * @endo/init, which xsnap's Node API needs, locks down the whole process.
 * The three must print the same JSON line, and that line must hold the
 * byte-exact echo, the datagram, EAGAIN after SO_RCVTIMEO in virtual time,
 * the poll bits and the address strings.
 */
import { buildSync } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ZSOCK_POLLHUP, ZSOCK_POLLIN, ZSOCK_POLLOUT } from '../../lib/constants';
import { EAGAIN } from '../../lib/errno';
import type { ScenarioFailure, ScenarioResult } from './scenario';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
/** Bound on the XS driver process; the driver stops itself after 20 s. */
const CHILD_TIMEOUT_MS = 25_000;

interface XsRun {
  mode: 'xsnap' | 'no-timers' | 'frozen-no-timers';
  globals: Record<string, string | boolean> | null;
  printed: string[];
  compute: number | null;
  stderr: string;
  error: string | null;
}

interface XsReport {
  ok: boolean;
  error: string | null;
  xsnapVersion?: string;
  runs: XsRun[];
}

/** The xsnap-worker binary @agoric/xsnap builds at install, or why it is not there. */
function findXsnap(): { worker: string; version: string } | { missing: string } {
  const require = createRequire(import.meta.url);
  let pkg: string;
  try {
    pkg = require.resolve('@agoric/xsnap/package.json');
  } catch {
    return { missing: '@agoric/xsnap is not installed (it is a devDependency: run `npm ci`)' };
  }
  const platform = type() === 'Darwin' ? 'mac' : 'lin';
  const worker = join(dirname(pkg), 'xsnap-native', 'xsnap', 'build', 'bin', platform, 'release', 'xsnap-worker');
  if (!existsSync(worker)) {
    return {
      missing:
        `${worker} was not built. @agoric/xsnap compiles XS in its postinstall script, which npm runs only ` +
        'when package.json "allowScripts" lists it (and a C compiler and make are present): run `npm rebuild @agoric/xsnap`.',
    };
  }
  return { worker, version: (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version };
}

function bundle(): string {
  const result = buildSync({
    absWorkingDir: root,
    entryPoints: ['test/xs/scenario.ts'],
    bundle: true,
    format: 'iife',
    platform: 'neutral',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

function runInXs(code: string): XsReport {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const child = spawnSync(process.execPath, [join(here, 'run-in-xs.mjs')], {
    cwd: root,
    env,
    input: code,
    encoding: 'utf8',
    timeout: CHILD_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    maxBuffer: 16 * 1024 * 1024,
  });
  const detail = `exit ${child.status} signal ${child.signal}\nstdout: ${child.stdout}\nstderr: ${child.stderr}`;
  if (child.error) throw new Error(`run-in-xs.mjs did not finish: ${child.error.message}\n${detail}`);
  const lines = child.stdout.split('\n').filter((line) => line.length > 0);
  let report: XsReport;
  try {
    report = JSON.parse(lines[lines.length - 1] || '') as XsReport;
  } catch {
    throw new Error(`run-in-xs.mjs printed no report\n${detail}`);
  }
  if (!report.ok || child.status !== 0) throw new Error(`running in XS failed: ${report.error}\n${detail}`);
  return report;
}

/** Runs the bundle in a fresh Node realm whose only addition is `print`. */
async function runInVm(code: string): Promise<{ printed: string[]; globals: string }> {
  const printed: string[] = [];
  const context = { print: (line: unknown) => void printed.push(String(line)) };
  // V8 gives every context a console; the timers, process and Buffer are Node's and absent here.
  const globals = runInNewContext(
    `${code}\n;[typeof setImmediate, typeof setTimeout, typeof queueMicrotask, typeof process, typeof Buffer].join(' ')`,
    context,
  ) as string;
  // With no timer in the realm the whole run is promise jobs; give it a bounded number of host turns.
  for (let i = 0; i < 1000 && printed.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 1));
  return { printed, globals };
}

function parse(line: string | undefined, where: string): ScenarioResult {
  if (line === undefined) throw new Error(`${where}: the scenario printed nothing`);
  const result = JSON.parse(line) as ScenarioResult | ScenarioFailure;
  if (!result.ok) throw new Error(`${where}: the scenario failed: ${result.error}\n${result.stack}`);
  return result;
}

/** The scenario's bytes and digest, computed here independently of the bundle. */
function pattern(length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = 0x9e3779b9;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

function fnv1a(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193) >>> 0;
  return ('0000000' + h.toString(16)).slice(-8);
}

function expectScenario(r: ScenarioResult): void {
  expect(r.tcp.connect).toBe(0);
  expect(r.tcp.sent).toBe(20480);
  expect(r.tcp.received).toBe(20480);
  expect(r.tcp.firstDifference).toBe(-1);
  expect(r.tcp.identical).toBe(true);
  expect(r.tcp.digest).toBe(fnv1a(pattern(20480)));
  // Sends of 7000 bytes against a 5840-byte send buffer come back short.
  expect(r.tcp.partialSends).toBeGreaterThan(0);
  expect(r.tcp.sendCalls).toBeGreaterThan(3);
  expect(r.tcp.eof).toBe(0);
  // The link lost frames, so TCP retransmitted and the echo is still exact.
  expect(r.link.dropped).toBeGreaterThan(0);

  expect(r.udp).toEqual({ sendto: 20, recvfrom: 25, reply: 'echo:PING FROM THE DEVICE', from: '192.0.2.20', fromPort: 9000 });

  expect(r.rcvtimeo.setsockopt).toBe(0);
  expect(r.rcvtimeo.result).toBe(-1);
  expect(r.rcvtimeo.errno).toBe(EAGAIN);
  expect(r.rcvtimeo.waited).toBeCloseTo(250, 6);

  expect(r.poll.connected).toEqual({ n: 1, revents: ZSOCK_POLLOUT });
  expect(r.poll.udpReadable).toEqual({ n: 1, revents: ZSOCK_POLLIN | ZSOCK_POLLOUT });
  expect(r.poll.udpIdle.n).toBe(0);
  expect(r.poll.udpIdle.revents).toBe(0);
  expect(r.poll.udpIdle.waited).toBeCloseTo(40, 6);
  expect(r.poll.afterFin).toEqual({ n: 1, revents: ZSOCK_POLLIN | ZSOCK_POLLHUP });

  expect(r.addresses).toEqual([
    { text: '192.0.2.1', pton: 1, ntop: '192.0.2.1' },
    { text: '255.255.255.255', pton: 1, ntop: '255.255.255.255' },
    { text: '2001:0db8:0000:0000:0000:ff00:0042:8329', pton: 1, ntop: '2001:db8::ff00:42:8329' },
    { text: '::ffff:192.0.2.128', pton: 1, ntop: '::ffff:192.0.2.128' },
    { text: 'fe80::1', pton: 1, ntop: 'fe80::1' },
    { text: '::', pton: 1, ntop: '::' },
    { text: '1.2.3', pton: 0, ntop: null },
    { text: '2001:db8::g', pton: 0, ntop: null },
  ]);
  expect(r.zephyr).toEqual({ sleepResult: 0, slept: 120, parsed: true, parsedText: '2001:db8::1', parsedPort: 8080, badPton: -22, randIsU32: true });
  expect(r.virtualTime).toBeGreaterThan(r.tcp.doneAt);
}

describe('the core and the simulated network inside XS', () => {
  let code = '';
  let xs: XsReport | null = null;

  beforeAll(() => {
    code = bundle();
  });

  it('xsnap is installed and built (never skipped: a missing engine fails here)', () => {
    const found = findXsnap();
    if ('missing' in found) throw new Error(found.missing);
    expect(existsSync(found.worker)).toBe(true);
  });

  it('the bundle is one script that imports nothing', () => {
    expect(code).not.toMatch(/\brequire\(|\bimport\(|\bfrom ?['"]/);
    expect(code).not.toMatch(/node:fs|pcap-file/);
  });

  it('runs in XS: with xsnap\'s setImmediate, with no timer global, and with frozen intrinsics', () => {
    const found = findXsnap();
    if ('missing' in found) throw new Error(found.missing);
    xs = runInXs(code);
    expect(xs.xsnapVersion).toBe(found.version);
    expect(xs.runs.map((run) => run.mode)).toEqual(['xsnap', 'no-timers', 'frozen-no-timers']);
    const [withImmediate, noTimers, frozen] = xs.runs;
    // The engine really is XS without Node's or a browser's globals.
    for (const run of xs.runs) {
      expect(run.error).toBeNull();
      expect(run.globals).toMatchObject({ print: 'function', setTimeout: 'undefined', queueMicrotask: 'undefined', process: 'undefined', Buffer: 'undefined' });
      expect(run.printed).toHaveLength(1);
      expect(run.stderr).toBe('');
      expectScenario(parse(run.printed[0], `XS (${run.mode})`));
    }
    expect(withImmediate!.globals).toMatchObject({ setImmediate: 'function', console: 'undefined', frozenIntrinsics: false });
    expect(noTimers!.globals).toMatchObject({ setImmediate: 'undefined', console: 'undefined', frozenIntrinsics: false });
    // Lockdown's bundle brings its own console; the scenario prints with print either way.
    expect(frozen!.globals).toMatchObject({ setImmediate: 'undefined', frozenIntrinsics: true });
  });

  it('XS and a bare Node realm print the same line (same seed, same results)', async () => {
    const vm = await runInVm(code);
    expect(vm.globals).toBe('undefined undefined undefined undefined undefined');
    expect(vm.printed).toHaveLength(1);
    expectScenario(parse(vm.printed[0], 'Node vm'));
    const found = findXsnap();
    if ('missing' in found) throw new Error(found.missing);
    const report = xs || runInXs(code);
    for (const run of report.runs) expect(run.printed[0], `XS (${run.mode}) and Node vm`).toBe(vm.printed[0]);
  });
});
