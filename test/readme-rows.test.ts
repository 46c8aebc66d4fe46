/**
 * Every row of the README's capability, deviation and speed tables has its
 * proof (test/readme-rows.ts): a test that exists, or a measurement of
 * bench/results/latest.md whose value the row quotes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CAPABILITY_ROWS, DEVIATION_ROWS, SPEED_ROWS } from './readme-rows';

const readme = readFileSync('README.md', 'utf8');

/** The cells of each body row of the first table after `heading`. */
function table(heading: string): string[][] {
  const lines = readme.slice(readme.indexOf(heading)).split('\n');
  const rows: string[][] = [];
  let seen = false;
  for (const line of lines.slice(1)) {
    if (!line.startsWith('|')) {
      if (seen) break;
      continue;
    }
    seen = true;
    // Split on | not escaped as \|.
    const cells = line.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim());
    rows.push(cells);
  }
  return rows.slice(2); // header and rule
}

function check_tests(heading: string, proofs: Record<string, string[]>): void {
  const rows = table(heading).map((cells) => cells[0]!);
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.filter((row) => !(row in proofs)), 'rows without proof').toEqual([]);
  expect(Object.keys(proofs).filter((row) => rows.indexOf(row) < 0), 'proof for no row').toEqual([]);
  const gone: string[] = [];
  for (const row of rows) {
    const list = proofs[row]!;
    if (list.length === 0) gone.push(`${row}: nothing`);
    for (const proof of list) {
      const [file, what] = proof.split(' :: ') as [string, string];
      if (!existsSync(file) || readFileSync(file, 'utf8').indexOf(what) < 0) gone.push(`${row}: ${proof}`);
    }
  }
  expect(gone, 'proof that is not there').toEqual([]);
}

describe('README tables', () => {
  it('every capability row names tests that exist', () => {
    check_tests('### Capabilities', CAPABILITY_ROWS);
  });

  it('every deviation row names tests that exist', () => {
    check_tests('## Deviations from Zephyr', DEVIATION_ROWS);
  });

  it('every speed row quotes the measurements of bench/results/latest.md', () => {
    const latest = readFileSync('bench/results/latest.md', 'utf8');
    // Each figure of latest.md: every number of its zsock, anchor and ratio cells.
    const measured: Record<string, number[]> = {};
    const numbersOf = (text: string): number[] => (text.match(/\d[\d,]*(\.\d+)?/g) ?? []).map((t) => Number(t.replace(/,/g, '')));
    for (const line of latest.split('\n')) {
      if (!line.startsWith('| ') || line.startsWith('|---')) continue;
      const cells = line.slice(2, -2).split(' | ');
      if (cells.length < 4) continue;
      measured[cells[0]!] = numbersOf(cells.slice(1, 4).join(' '));
    }
    const rows = table('## Speed');
    expect(rows.map((r) => r[0]).filter((row) => !(row! in SPEED_ROWS)), 'rows without a benchmark').toEqual([]);
    const wrong: string[] = [];
    for (const cells of rows) {
      const names = SPEED_ROWS[cells[0]!]!;
      if (names.some((name) => !(name in measured))) {
        wrong.push(`${cells[0]}: a measurement is missing from latest.md`);
        continue;
      }
      const numbers: number[] = [];
      for (const name of names) numbers.push(...measured[name]!);
      // The zsockjs, anchor and ratio cells: each number is one latest.md
      // prints for that figure, or it rounded to the digits shown.
      for (const cell of cells.slice(1, 4)) {
        for (const token of cell.match(/\d[\d,]*(\.\d+)?/g) ?? []) {
          const n = Number(token.replace(/,/g, ''));
          const decimals = (token.split('.')[1] ?? '').length;
          const ok = numbers.some((v) => Number(v.toFixed(decimals)) === n);
          if (!ok) wrong.push(`${cells[0]}: ${token} is not in latest.md`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
