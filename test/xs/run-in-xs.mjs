/**
 * Runs a script inside the XS engine (the xsnap-worker that @agoric/xsnap
 * builds from the XS sources) and reports what it printed.
 *
 *   node test/xs/run-in-xs.mjs < bundle.js
 *
 * Reads the script from stdin and runs it in three fresh XS machines:
 * - "xsnap": the worker's globals as they are (xsnap adds print,
 *   setImmediate, TextEncoder/TextDecoder, harden, issueCommand);
 * - "no-timers": the same with setImmediate deleted first, as on a Moddable
 *   device, where no global timer function exists;
 * - "frozen-no-timers": SES lockdown first (@agoric/xsnap-lockdown's
 *   bundle: every intrinsic frozen, as a Moddable device's are once
 *   preloaded into flash; it adds a `console`), then no setImmediate.
 * XS_MODES (e.g. "frozen-no-timers") runs only the modes named; XS_METERING_LIMIT
 * raises the computron limit for a long script.
 * Writes one JSON object to stdout:
 *   { ok, xsnapVersion, runs: [{ mode, globals, printed, compute, stderr }] }
 * where `printed` holds the lines the script wrote with print(), read from
 * the worker's own stdout. Exits 0 when every run finished, 1 when one
 * failed (the reason is in `error`), 2 on the overall time limit.
 *
 * @endo/init locks down this whole process (SES), which is why this runs as
 * its own Node process and never inside a test runner's worker.
 */
import '@endo/init';
import { spawn as nodeSpawn } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import os from 'node:os';
import { createRequire } from 'node:module';
import { xsnap } from '@agoric/xsnap';
import { getLockdownBundle } from '@agoric/xsnap-lockdown';
import tmp from 'tmp';

/** Whole-run wall-clock limit; the test's own limit on this process is longer. */
const LIMIT_MS = Number(process.env.XS_RUN_LIMIT_MS || 20_000);
/**
 * Computrons one evaluate may use: a runaway loop in XS ends with a metering
 * error instead of a hang. The scenario needs well under 1% of this.
 */
const METERING_LIMIT = Number(process.env.XS_METERING_LIMIT || 500_000_000);

const require = createRequire(import.meta.url);
const xsnapVersion = JSON.parse(readFileSync(require.resolve('@agoric/xsnap/package.json'), 'utf8')).version;

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

const PROBE = `
  const g = globalThis;
  const globals = {};
  for (const name of ['print', 'setImmediate', 'setTimeout', 'queueMicrotask', 'console', 'process', 'Buffer', 'TextEncoder', 'harden']) {
    globals[name] = typeof g[name];
  }
  globals.frozenIntrinsics = Object.isFrozen(Array.prototype) && Object.isFrozen(Uint8Array.prototype) && Object.isFrozen(Promise);
  new TextEncoder().encode(JSON.stringify(globals)).buffer;
`;

const workers = new Set();

/** Runs `code` in a fresh XS machine; `prelude` runs first, in the same machine. */
async function runInXs(mode, prelude, code) {
  /** @type {import('node:child_process').ChildProcess | null} */
  let child = null;
  const spawn = (command, args, options) => {
    child = nodeSpawn(command, args, options);
    return child;
  };
  const worker = await xsnap({
    name: `zsockjs-${mode}`,
    os: os.type(),
    spawn,
    fs: { ...fsPromises, createReadStream, tmpName: tmp.tmpName },
    stdout: 'pipe',
    stderr: 'pipe',
    meteringLimit: METERING_LIMIT,
    handleCommand: async () => new Uint8Array(0),
  });
  workers.add(worker);
  if (!child || !child.stdout || !child.stderr) throw new Error('xsnap did not spawn a worker with piped stdout');
  const out = [];
  const err = [];
  const outDone = new Promise((resolve) => child.stdout.on('end', resolve));
  const errDone = new Promise((resolve) => child.stderr.on('end', resolve));
  child.stdout.on('data', (chunk) => out.push(chunk));
  child.stderr.on('data', (chunk) => err.push(chunk));

  let globals = null;
  let compute = null;
  let error = null;
  try {
    if (prelude) await worker.evaluate(prelude);
    const probe = await worker.evaluate(PROBE);
    globals = JSON.parse(new TextDecoder().decode(probe.reply));
    const result = await worker.evaluate(code);
    compute = result.meterUsage ? result.meterUsage.compute : null;
  } catch (e) {
    error = String(e && e.message ? e.message : e);
  }
  try {
    await worker.close();
  } catch (e) {
    error = error || `close: ${String(e && e.message ? e.message : e)}`;
  }
  workers.delete(worker);
  await Promise.all([outDone, errDone]);
  const printed = Buffer.concat(out)
    .toString('utf8')
    .split('\n')
    .filter((line) => line.length > 0);
  return { mode, globals, printed, compute, stderr: Buffer.concat(err).toString('utf8'), error };
}

async function main() {
  const code = await readStdin();
  if (!code) throw new Error('run-in-xs: no script on stdin');
  const runs = [];
  const noTimers = 'delete globalThis.setImmediate;';
  // XS_MODES (comma-separated) picks some of the three; all by default.
  const modes = (process.env.XS_MODES || 'xsnap,no-timers,frozen-no-timers').split(',');
  if (modes.includes('xsnap')) runs.push(await runInXs('xsnap', null, code));
  if (modes.includes('no-timers')) runs.push(await runInXs('no-timers', noTimers, code));
  if (modes.includes('frozen-no-timers')) {
    const lockdown = await getLockdownBundle();
    runs.push(await runInXs('frozen-no-timers', `(${lockdown.source}\n)();\n${noTimers}`, code));
  }
  const failed = runs.find((run) => run.error);
  return { ok: !failed, error: failed ? `${failed.mode}: ${failed.error}` : null, xsnapVersion, runs };
}

const timer = setTimeout(() => {
  for (const worker of workers) void worker.terminate();
  process.stdout.write(JSON.stringify({ ok: false, error: `run-in-xs: still running after ${LIMIT_MS} ms`, runs: [] }) + '\n');
  process.exit(2);
}, LIMIT_MS);

main().then(
  (report) => {
    clearTimeout(timer);
    process.stdout.write(JSON.stringify(report) + '\n', () => process.exit(report.ok ? 0 : 1));
  },
  (e) => {
    clearTimeout(timer);
    for (const worker of workers) void worker.terminate();
    const message = String(e && e.stack ? e.stack : e);
    process.stdout.write(JSON.stringify({ ok: false, error: message, runs: [] }) + '\n', () => process.exit(1));
  },
);
