/**
 * The code examples of README.md and docs/: every ```ts block is a program a
 * user could paste. A ```text block right after one is what it prints.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface DocExample {
  /** Where the block is, "docs/mock-network.md:23". */
  where: string;
  /** A file name for the block, "docs-mock-network-md-23.ts". */
  file: string;
  code: string;
  /** The lines of the ```text block that follows, or null. */
  prints: string[] | null;
}

/** The Markdown pages under `dir`, relative to the repository root; the generated API reference is not one. */
export function markdownPages(dir: string): string[] {
  const files: string[] = [];
  const root = join(dir, '..');
  const walk = (at: string): void => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      if (path === join(dir, 'api')) continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.md')) files.push(relative(root, path));
    }
  };
  walk(dir);
  return files;
}

function markdownFiles(root: string): string[] {
  return [join(root, 'README.md'), ...markdownPages(join(root, 'docs')).map((page) => join(root, page))];
}

/** Splits a Markdown text into its fenced blocks, in order. */
function fencedBlocks(text: string): { lang: string; body: string; line: number; after: number }[] {
  const lines = text.split('\n');
  const blocks: { lang: string; body: string; line: number; after: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    let end = i + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end]!)) end++;
    blocks.push({ lang: open[1]!, body: lines.slice(start + 1, end).join('\n') + '\n', line: start + 1, after: end + 1 });
    i = end;
  }
  return blocks;
}

export function docExamples(root: string): DocExample[] {
  const examples: DocExample[] = [];
  for (const path of markdownFiles(root)) {
    const name = relative(root, path);
    const text = readFileSync(path, 'utf8');
    const lines = text.split('\n');
    const blocks = fencedBlocks(text);
    blocks.forEach((block, index) => {
      if (block.lang !== 'ts' && block.lang !== 'typescript') return;
      const next = blocks[index + 1];
      const between = next ? lines.slice(block.after, next.line - 1).join('').trim() : 'x';
      const prints = next && next.lang === 'text' && between === '' ? next.body.trimEnd().split('\n') : null;
      examples.push({
        where: `${name}:${block.line}`,
        file: `${name.replace(/[^A-Za-z0-9]+/g, '-')}-${block.line}.ts`,
        code: block.body,
        prints,
      });
    });
  }
  return examples;
}
