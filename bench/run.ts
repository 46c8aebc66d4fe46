/**
 * npm run bench: every benchmark, printed and written to
 * bench/results/latest.md with the machine they ran on. Figures are
 * wall-clock measurements of a shared machine: compare ratios taken in one
 * run, not figures across runs.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { core_benchmarks, type Figure } from './core';
import { runMockNetworkBench } from './mock-network';

export type Section = { title: string; rows: Figure[]; notes?: string[] };

function machine(): string {
  const cpu = cpus()[0];
  return `${osType()} ${release()}, ${cpus().length} × ${cpu ? cpu.model : 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

function table(section: Section): string {
  const lines = [`## ${section.title}`, '', '| measurement | value | unit |', '|---|---:|---|'];
  for (const r of section.rows) lines.push(`| ${r.name} | ${r.value >= 100 ? Math.round(r.value).toLocaleString('en') : r.value.toFixed(2)} | ${r.unit} |`);
  if (section.notes) lines.push('', ...section.notes);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const sections: Section[] = [];
  const only = process.argv[2];

  if (!only || only === 'mock') {
    const mock = runMockNetworkBench();
    sections.push({
      title: 'Simulated network (port level)',
      rows: [
        ...mock.bulk.map((b) => ({ name: b.name, value: b.bytesPerSecond / 1e9, unit: 'GB/s simulated payload' })),
        ...mock.bulk.map((b) => ({ name: b.name + ' — frames', value: b.framesPerSecond, unit: 'frames/s' })),
        { name: 'UDP request/reply', value: mock.udpFramesPerSecond, unit: 'frames/s' },
      ],
    });
  }
  if (!only || only === 'core') {
    sections.push({ title: 'Core on the simulated network', rows: await core_benchmarks() });
  }
  if (!only || only === 'node') {
    const node = await import('./node-port').catch(() => null);
    if (node) sections.push(...(await node.node_benchmarks()));
  }

  const text = [`# Benchmark results`, '', `Machine: ${machine()}`, `Date: ${new Date().toISOString()}`, '', ...sections.map(table)].join('\n\n');
  console.log(text);
  // Run from the repository root (npm run bench): bench/ is relative to it.
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/latest.md', text + '\n');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
