/**
 * `zsockjs sim`: device programs on simulated hosts, a live trace, and at
 * the end a pcap, a ladder diagram (SVG) and a summary.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { errnoText } from './errno-names';
import { ladderSvg } from './ladder';
import { simulate, type SimulationResult } from './simulation';
import { summaryText } from './summary';
import { parseArgs, USAGE } from './topology';

export interface CliIo {
  out: (line: string) => void;
  err: (text: string) => void;
  isTerminal: boolean;
}

const defaultIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (text) => process.stderr.write(text),
  isTerminal: Boolean(process.stderr.isTTY),
};

/** Writes capture.pcap, ladder.svg and summary.txt into `dir`; returns their paths. */
export function writeArtifacts(dir: string, result: SimulationResult, title: string): { pcap: string; svg: string; summary: string } {
  mkdirSync(dir, { recursive: true });
  const pcap = join(dir, 'capture.pcap');
  const svg = join(dir, 'ladder.svg');
  const summary = join(dir, 'summary.txt');
  writeFileSync(pcap, result.capture.toBytes());
  writeFileSync(svg, ladderSvg(result.frames, { hosts: result.hosts, title }));
  writeFileSync(summary, `${summaryLines(result).join('\n')}\n`);
  return { pcap, svg, summary };
}

export function summaryLines(result: SimulationResult): string[] {
  const lines = summaryText(result.flows);
  for (const exit of result.exits) {
    if (exit.error !== null) lines.push(`${exit.host}: failed at ${exit.at.toFixed(3)} ms: ${exit.error}`);
    else if (exit.code === null) lines.push(`${exit.host}: still running when the run stopped`);
    else lines.push(`${exit.host}: main() returned ${exit.code < 0 ? errnoText(exit.code) : exit.code} at ${exit.at.toFixed(3)} ms`);
  }
  return lines;
}

/** Runs `zsockjs sim ARGS`; resolves to the process exit code. */
export async function runSim(args: readonly string[], io: CliIo = defaultIo): Promise<number> {
  if (args.indexOf('--help') >= 0 || args.indexOf('-h') >= 0) {
    io.out(USAGE);
    return 0;
  }
  let options;
  try {
    options = parseArgs(args, io.isTerminal);
  } catch (error) {
    io.err(`${(error as Error).message}\n`);
    return 2;
  }
  const progress = options.progress
    ? (p: { virtual: number; frames: number; wallMs: number }) =>
        io.err(`${io.isTerminal ? '\r' : ''}… virtual ${(p.virtual / 1000).toFixed(1)} s, ${p.frames} frames, wall ${(p.wallMs / 1000).toFixed(1)} s${io.isTerminal ? '' : '\n'}`)
    : undefined;
  let result: SimulationResult;
  try {
    result = await simulate(options.spec, {
      onLine: io.out,
      trace: options.trace,
      paced: options.paced,
      onProgress: progress,
    });
  } catch (error) {
    // A program that does not build, a topology that does not hold together.
    const message = error instanceof Error ? error.message : String(error);
    io.err(`${message.startsWith('zsockjs sim') ? '' : 'zsockjs sim: '}${message}\n`);
    return 2;
  }
  if (progress && io.isTerminal) io.err('\n');
  const seed = options.spec.seed === undefined ? 1 : options.spec.seed;
  const files = writeArtifacts(resolve(options.out), result, `zsockjs sim, seed ${seed}`);
  io.out('');
  for (const line of summaryLines(result)) io.out(line);
  io.out(`pcap: ${files.pcap}`);
  io.out(`ladder diagram: ${files.svg}`);
  const ok = !result.stopped && result.exits.every((e) => e.code === 0);
  return ok ? 0 : 1;
}

/** The `zsockjs` command: `zsockjs sim ...`. */
export async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] !== 'sim') {
    process.stderr.write(`${USAGE}\n`);
    return argv[0] === '--help' || argv[0] === '-h' ? 0 : 2;
  }
  return runSim(argv.slice(1));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
