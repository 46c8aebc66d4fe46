/**
 * The code in README.md and docs/, run as written: each ```ts block marked
 * below is extracted, its 'zsockjs' imports pointed at the sources, and run.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, expect, it, vi } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scratch = root + 'test/docs/.generated/';

function first_block(file: string, containing: string): string {
  const text = readFileSync(root + file, 'utf8');
  const blocks = text.split('```ts\n').slice(1).map((b) => b.slice(0, b.indexOf('```')));
  const block = blocks.find((b) => b.includes(containing));
  if (!block) throw new Error(`no ts block with ${containing} in ${file}`);
  return block
    .replace(/from 'zsockjs\/ports\/node-mock\/pcap-file'/g, `from '${root}ports/node-mock/pcap-file'`)
    .replace(/from 'zsockjs\/ports\/node-mock'/g, `from '${root}ports/node-mock/index'`)
    .replace(/from 'zsockjs\/ports\/node'/g, `from '${root}ports/node/index'`)
    .replace(/from 'zsockjs\/posix'/g, `from '${root}lib/posix'`)
    .replace(/from 'zsockjs'/g, `from '${root}lib/index'`);
}

async function run(name: string, code: string): Promise<string[]> {
  mkdirSync(scratch, { recursive: true });
  const file = scratch + name + '.ts';
  writeFileSync(file, code);
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(args.join(' '));
  });
  try {
    await import(pathToFileURL(file).href);
  } finally {
    log.mockRestore();
  }
  return lines;
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it('README: the first program runs and prints what the comment says', async () => {
  const lines = await run('readme-first', first_block('README.md', 'tcpEchoServer'));
  expect(lines).toEqual(['2 bytes back after 80 ms of virtual time']);
});
