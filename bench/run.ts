/**
 * npm run bench [-- --quick]: every figure as pairs, zsock and its anchor
 * alternating in one process over many short rounds, printed and written
 * to bench/results/latest.md with the machine they ran on. A figure is the
 * min/median/max of its pair ratios, with both sides' medians beside them;
 * the machine is shared, so only ratios taken in one run mean anything.
 * --quick runs fewer pairs (under a minute); the full run is the reference.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';
import { failureInXs, failureOnMock, failureOnNode, type FailureSizes } from './failure';
import { node_benchmarks, type NodeSizes } from './node-port';
import { measurePairs, pairedTable, type PairedFigure } from './pairs';
import { portLevelBulk, simBulk } from './sim-zsock';

function machine(): string {
  const cpu = cpus()[0];
  return `${osType()} ${release()}, ${cpus().length} × ${cpu ? cpu.model : 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

/** Simulated bulk TCP rounds; the anchor is the target, so the ratio is value / target. */
async function simFigure(name: string, target: number, rounds: number, roundBytes: number, tcp: { sndbuf?: number; rcvbuf?: number }): Promise<PairedFigure> {
  const session = await simBulk(roundBytes, 64 * 1024, tcp);
  const values: number[] = [];
  try {
    await session.round();
    for (let i = 0; i < rounds; i++) values.push(await session.round());
  } finally {
    await session.close();
  }
  return {
    name,
    unit: 'GB/s',
    anchorName: 'target',
    zsock: values,
    anchor: values.map(() => target),
    ratios: values.map((v) => v / target),
    ratioName: 'value / target',
    goal: { target: 1, better: 'higher' },
    extra: `${roundBytes / 2 ** 20} MiB per round through zsock_send on host "sender" to a sink on host "receiver" that reads at the port level into one reused buffer; one 1 ms link.`,
  };
}

/** The zsock API against the simulator driven at the port level, paired: what the API costs on top of the simulation. */
async function simApiCost(name: string, pairs: number, roundBytes: number, tcp: { sndbuf?: number; rcvbuf?: number }): Promise<PairedFigure> {
  const api = await simBulk(roundBytes, 64 * 1024, tcp);
  const port = await portLevelBulk(roundBytes, tcp);
  try {
    const r = await measurePairs(pairs, () => api.round(), () => port.round());
    return {
      name,
      unit: 'GB/s',
      anchorName: 'port level',
      ...r,
      ratioName: 'zsock API / port level',
      goal: null,
      extra: 'port level: bench/mock-network.ts bulkTransfer (TcpConnection.write/read on both hosts), a fresh network per round.',
    };
  } finally {
    await api.close();
    await port.close();
  }
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const pairs = quick ? 7 : 31;
  const node: NodeSizes = { pairs, bulkRoundBytes: 32 * 2 ** 20, pingTrips: 2000, udpStreamCount: 4000, udpEchoTrips: 2000, pollCalls: 2000 };
  const failure: FailureSizes = { rounds: quick ? 5 : 15, calls: 20_000, awaits: 1_000_000 };
  const failureXs: FailureSizes = { rounds: quick ? 3 : 9, calls: 20_000, awaits: 400_000 };
  const started = Date.now();
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');

  const real = await node_benchmarks(node);
  const simRounds = quick ? 5 : 15;
  const sim = [
    await simFigure('simulated bulk TCP, 64 KiB windows (zsock API)', 1, simRounds, 16 * 2 ** 20, { sndbuf: 65535, rcvbuf: 65535 }),
    await simFigure('simulated bulk TCP, default windows 5840 B (zsock API)', 0.5, simRounds, 16 * 2 ** 20, {}),
    await simApiCost('simulated bulk TCP, 64 KiB windows: zsock API against port level', simRounds, 16 * 2 ** 20, { sndbuf: 65535, rcvbuf: 65535 }),
    await simApiCost('simulated bulk TCP, default windows: zsock API against port level', simRounds, 16 * 2 ** 20, {}),
  ];
  const fail = [...(await failureOnMock(failure)), ...(await failureOnNode(failure))];
  const xs = failureInXs(failureXs);
  const xsNote: string[] = [];
  if (typeof xs === 'string') xsNote.push(`Inside XS: not measured (${xs}).`);
  else fail.push(...xs);

  const text = [
    '# Benchmark results',
    '',
    `Machine: ${machine()}; load average at start ${load} (shared with other work).`,
    `Date: ${new Date().toISOString()}; ${quick ? 'quick run (--quick)' : 'full run'}, ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    '',
    'Method: each figure is measured as pairs, zsock and its anchor alternating in this one process (the first of each pair alternates too), after one warm-up round of each; ' +
      'the ratio column is the min / median / max over the pairs, the raw columns the medians. A verdict is "met" when every pair meets the target, "met at the median" when only the median does.',
    '',
    '## Real sockets (Node port, loopback, both ends in this process) and poll',
    '',
    ...pairedTable(real),
    '',
    '## Simulated network through the zsock API',
    '',
    ...pairedTable(sim),
    '',
    '## The price of a failure',
    '',
    'A MSG_DONTWAIT recv on an empty socket (a bound UDP socket; a connected TCP socket with nothing sent), answering -1 with errno EAGAIN, against an await of an already-settled promise: answers per second, ratio failures per await. No target: measured only.',
    '',
    ...pairedTable(fail),
    ...(xsNote.length ? ['', ...xsNote] : []),
  ].join('\n');
  console.log(text);
  // Run from the repository root (npm run bench): bench/ is relative to it.
  if (!quick) {
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/latest.md', text + '\n');
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
