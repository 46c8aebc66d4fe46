/**
 * The price of a failure (a MSG_DONTWAIT recv on an empty socket, answered
 * -1/EAGAIN) against an await of an already-settled promise: on the
 * simulated network and on the Node port in this process, and on the
 * simulated network inside XS (xsnap, via test/xs/run-in-xs.mjs in its own
 * Node process, since @endo/init locks down the process it runs in).
 */

import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { buildSync } from 'esbuild';
import { inet_tcp, inet_udp, zsock_close, zsock_init } from '../lib/index';
import { createMockNetwork } from '../ports/node-mock/index';
import { createNodePort } from '../ports/node/index';
import { emptyUdpSocket, failureRounds, type FailureRounds } from './failure-core';
import type { PairedFigure } from './pairs';

export interface FailureSizes {
  rounds: number;
  calls: number;
  awaits: number;
}

const now = (): number => performance.now();

function figure(name: string, r: FailureRounds, extra?: string): PairedFigure {
  return {
    name,
    unit: '/s',
    anchorName: 'settled await',
    zsock: r.zsock,
    anchor: r.anchor,
    ratios: r.zsock.map((z, i) => z / r.anchor[i]!),
    ratioName: 'failures / awaits',
    goal: null,
    extra,
  };
}

export async function failureOnMock(s: FailureSizes): Promise<PairedFigure> {
  const net = createMockNetwork({ seed: 5 });
  const device = net.host('device', { ipv4: '192.0.2.1' });
  zsock_init(net.port(device), [inet_tcp, inet_udp]);
  const fd = emptyUdpSocket();
  const r = await failureRounds(fd, s.rounds, s.calls, s.awaits, now, (p) => net.runUntil(p, { timeout: 1e12 }));
  zsock_close(fd);
  return figure('failed MSG_DONTWAIT recv, simulated network (Node)', r);
}

export async function failureOnNode(s: FailureSizes): Promise<PairedFigure> {
  zsock_init(createNodePort(), [inet_tcp, inet_udp]);
  const fd = emptyUdpSocket();
  const r = await failureRounds(fd, s.rounds, s.calls, s.awaits, now, (p) => p);
  zsock_close(fd);
  zsock_init(createNodePort(), []);
  return figure('failed MSG_DONTWAIT recv, Node port', r);
}

/** The same rounds on the simulated network inside XS; null with the reason when xsnap cannot run. */
export function failureInXs(s: FailureSizes): PairedFigure | string {
  const code = buildSync({
    entryPoints: ['bench/failure-xs.ts'],
    bundle: true,
    format: 'iife',
    platform: 'neutral',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  }).outputFiles[0]!.text;
  const env: NodeJS.ProcessEnv = { ...process.env, XS_MODES: 'xsnap', XS_RUN_LIMIT_MS: '120000', XS_METERING_LIMIT: '100000000000' };
  delete env.NODE_OPTIONS;
  const child = spawnSync(process.execPath, ['test/xs/run-in-xs.mjs'], {
    env,
    input: `globalThis.__failureBench = ${JSON.stringify(s)};\n${code}`,
    encoding: 'utf8',
    timeout: 150_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  let report: { ok: boolean; error?: string; xsnapVersion?: string; runs: { printed: string[] }[] };
  try {
    report = JSON.parse(child.stdout.trim().split('\n').pop() ?? '');
  } catch {
    return `xsnap did not run: exit ${child.status}, ${child.stderr.slice(0, 300)}`;
  }
  if (!report.ok) return `xsnap failed: ${report.error}`;
  const line = report.runs[0]?.printed.pop();
  const result = line ? (JSON.parse(line) as { ok: boolean; error?: string } & FailureRounds) : null;
  if (!result || !result.ok) return `the XS script failed: ${result ? result.error : 'printed nothing'}`;
  return figure(`failed MSG_DONTWAIT recv, simulated network inside XS (xsnap ${report.xsnapVersion})`, result, 'XS clock: Date.now (ms); rounds last tens of ms.');
}
