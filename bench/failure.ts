/**
 * The price of a failure (a MSG_DONTWAIT recv on an empty socket, answered
 * -1/EAGAIN) against an await of an already-settled promise, on a UDP
 * socket and on a connected TCP socket: on the simulated network and on the
 * Node port in this process, and on the simulated network inside XS
 * (xsnap, via test/xs/run-in-xs.mjs in its own Node process, since
 * @endo/init locks down the process it runs in).
 */

import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { buildSync } from 'esbuild';
import { inet_tcp, inet_udp, zsock_close, zsock_init } from '../lib/index';
import { createMockNetwork } from '../ports/node-mock/index';
import { createNodePort } from '../ports/node/index';
import { emptyTcpPair, emptyUdpSocket, failureRounds, type FailureRounds } from './failure-core';
import type { PairedFigure } from './pairs';

export interface FailureSizes {
  rounds: number;
  calls: number;
  awaits: number;
}

type Drive = <T>(p: Promise<T>) => Promise<T>;

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

/** UDP then TCP rounds on the current zsock_init port. */
async function both(where: string, s: FailureSizes, drive: Drive): Promise<PairedFigure[]> {
  const udp = emptyUdpSocket();
  const u = await failureRounds(udp, s.rounds, s.calls, s.awaits, now, drive);
  zsock_close(udp);
  const tcp = await emptyTcpPair(drive);
  const t = await failureRounds(tcp[0]!, s.rounds, s.calls, s.awaits, now, drive);
  for (const fd of tcp) zsock_close(fd);
  return [figure(`failed MSG_DONTWAIT recv, UDP, ${where}`, u), figure(`failed MSG_DONTWAIT recv, TCP, ${where}`, t)];
}

export async function failureOnMock(s: FailureSizes): Promise<PairedFigure[]> {
  const net = createMockNetwork({ seed: 5 });
  const device = net.host('device', { ipv4: '192.0.2.1' });
  zsock_init(net.port(device), [inet_tcp, inet_udp]);
  return both('simulated network (Node)', s, (p) => net.runUntil(p, { timeout: 1e12 }));
}

export async function failureOnNode(s: FailureSizes): Promise<PairedFigure[]> {
  zsock_init(createNodePort(), [inet_tcp, inet_udp]);
  const figures = await both('Node port', s, (p) => p);
  zsock_init(createNodePort(), []);
  return figures;
}

/** The same rounds on the simulated network inside XS, or why xsnap could not run them. */
export function failureInXs(s: FailureSizes): PairedFigure[] | string {
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
  const result = line ? (JSON.parse(line) as { ok: boolean; error?: string; udp: FailureRounds; tcp: FailureRounds }) : null;
  if (!result || !result.ok) return `the XS script failed: ${result ? result.error : 'printed nothing'}`;
  const where = `simulated network inside XS (xsnap ${report.xsnapVersion})`;
  const clock = 'XS clock: Date.now (ms), so its rounds are longer.';
  return [figure(`failed MSG_DONTWAIT recv, UDP, ${where}`, result.udp, clock), figure(`failed MSG_DONTWAIT recv, TCP, ${where}`, result.tcp, clock)];
}
