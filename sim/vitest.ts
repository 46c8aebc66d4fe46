/**
 * For vitest: a test on the simulated network that fails leaves its pcap
 * and ladder diagram in a folder named after the test, and prints where.
 *
 *   const net = createMockNetwork();
 *   keepTraceOnFailure(net);            // or simulate(spec, { onNetwork: keepTraceOnFailure })
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, onTestFailed } from 'vitest';
import type { MockNetwork } from '../ports/node-mock/network';
import { ladderSvg } from './ladder';
import { FrameRecorder } from './recorder';

export interface TraceOnFailureOptions {
  /** Parent folder (default: sim-failures in the working directory). */
  dir?: string;
  /** Keep loopback frames too (a device talking to itself). */
  loopback?: boolean;
}

/** A folder name from a test's full name: letters, digits, '-', '_' and '.'. */
export function testFolderName(name: string): string {
  const slug = name
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);
  return slug || 'test';
}

/** Starts recording `net`; when the current test fails, writes capture.pcap and ladder.svg and prints the folder. */
export function keepTraceOnFailure(net: MockNetwork, options: TraceOnFailureOptions = {}): string {
  const name = expect.getState().currentTestName || 'test';
  const folder = resolve(options.dir || 'sim-failures', testFolderName(name));
  const capture = net.capture({ loopback: options.loopback === true });
  const recorder = new FrameRecorder(options.loopback === true);
  net.taps.push(recorder);
  onTestFailed(() => {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'capture.pcap'), capture.toBytes());
    writeFileSync(join(folder, 'ladder.svg'), ladderSvg(recorder.frames, { hosts: net.hosts.map((h) => h.name), title: name }));
    console.log(`simulated network of failing test "${name}": ${folder} (capture.pcap, ladder.svg)`);
  });
  return folder;
}
