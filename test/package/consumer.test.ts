/**
 * The package as a user meets it: the packed tarball installed into a fresh
 * project, every example of README.md and docs/ type-checked there (strict,
 * NodeNext, skipLibCheck false) and run with Node, and every type that two
 * entries export declared once. The tarball is packed once per run (`npm
 * pack`, which builds through prepack), or taken from ZSOCKJS_TARBALL when CI
 * packed it already; it installs offline (zsockjs has no dependencies).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageEntries } from '../../scripts/entries.mjs';
import { docExamples, markdownPages } from './examples';

const root = fileURLToPath(new URL('../..', import.meta.url));
const examples = docExamples(root);
const entries = packageEntries();
let scratch = '';
let consumer = '';
let typeErrors = '';

function pack(into: string): string {
  const given = process.env['ZSOCKJS_TARBALL'];
  if (given) return given;
  execFileSync('npm', ['pack', '--pack-destination', into, '--silent'], { cwd: root, stdio: 'pipe' });
  const tarball = readdirSync(into).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack wrote no tarball');
  return join(into, tarball);
}

const tsconfig = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    skipLibCheck: false,
    types: ['node'],
    outDir: 'out',
    rootDir: 'src',
  },
  include: ['src'],
};

/** A file that imports every entry, so the checker can compare what they export. */
function allEntriesSource(): string {
  return entries.map((entry, i) => `import * as entry${i} from '${entry.specifier}';`).join('\n') +
    `\nexport { ${entries.map((_, i) => `entry${i}`).join(', ')} };\n`;
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'zsockjs-consumer-'));
  const tarball = pack(scratch);
  consumer = join(scratch, 'app');
  mkdirSync(join(consumer, 'src'), { recursive: true });
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--no-save', '--ignore-scripts', tarball], {
    cwd: consumer,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // The compiler and Node's typings come from this repository's install (after npm install, which
  // would prune it).
  mkdirSync(join(consumer, 'node_modules', '@types'), { recursive: true });
  symlinkSync(join(root, 'node_modules', '@types', 'node'), join(consumer, 'node_modules', '@types', 'node'));
  for (const example of examples) writeFileSync(join(consumer, 'src', example.file), example.code);
  writeFileSync(join(consumer, 'src', 'all-entries.ts'), allEntriesSource());
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], {
    cwd: consumer,
    encoding: 'utf8',
  });
  typeErrors = tsc.status === 0 ? '' : tsc.stdout + tsc.stderr;
}, 120_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the packed package in a fresh project', () => {
  it('finds every ts block of the README', () => {
    const fences = readFileSync(join(root, 'README.md'), 'utf8').match(/^```ts$/gm) ?? [];
    expect(fences.length).toBeGreaterThan(0);
    expect(examples.filter((e) => e.where.startsWith('README.md:')).length).toBe(fences.length);
  });

  it('ships every file the README and docs/ link to, the LICENSE and the API reference', () => {
    const installed = join(consumer, 'node_modules', 'zsockjs');
    const missing: string[] = [];
    for (const page of ['README.md', ...markdownPages(join(root, 'docs'))]) {
      const text = readFileSync(join(root, page), 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        const file = join(dirname(join(installed, page)), target!);
        if (!existsSync(file)) missing.push(`${page} → ${target}`);
      }
    }
    expect(missing).toEqual([]);
    expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toContain('Apache License');
    expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toContain('Version 2.0, January 2004');
    for (const entry of entries) expect(existsSync(join(installed, 'dist', entry.name + '.js')), entry.name).toBe(true);
    expect(readFileSync(join(installed, 'docs', 'api', 'README.md'), 'utf8')).toContain('zsockjs/posix');
  });

  it('type-checks every example (strict, NodeNext, skipLibCheck false)', () => {
    expect(typeErrors).toBe('');
  });

  it('declares each type once: a type exported by two entries is the same declaration', () => {
    const program = ts.createProgram([join(consumer, 'src', 'all-entries.ts')], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      types: [],
      noEmit: true,
    });
    const checker = program.getTypeChecker();
    const file = program.getSourceFile(join(consumer, 'src', 'all-entries.ts'))!;
    const byName = new Map<string, Map<ts.Declaration, string[]>>();
    const typeLike = ts.SymbolFlags.Class | ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Enum;
    let seen = 0;
    for (const statement of file.statements) {
      if (!ts.isImportDeclaration(statement)) continue;
      const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
      const moduleSymbol = checker.getSymbolAtLocation(statement.moduleSpecifier);
      expect(moduleSymbol, specifier).toBeDefined();
      for (const exported of checker.getExportsOfModule(moduleSymbol!)) {
        const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
        if (!(target.flags & typeLike) || !target.declarations?.length) continue;
        seen++;
        const declarations = byName.get(exported.name) ?? new Map<ts.Declaration, string[]>();
        const where = declarations.get(target.declarations[0]!) ?? [];
        where.push(specifier);
        declarations.set(target.declarations[0]!, where);
        byName.set(exported.name, declarations);
      }
    }
    expect(seen).toBeGreaterThan(20);
    const duplicated = [...byName].filter(([, declarations]) => declarations.size > 1)
      .map(([name, declarations]) => `${name}: ${[...declarations.values()].map((w) => w.join('+')).join(' vs ')}`);
    expect(duplicated).toEqual([]);
  });

  it.each(examples.map((example) => [example.where, example] as const))('runs %s', (_where, example) => {
    const run = spawnSync(process.execPath, [join(consumer, 'out', example.file.replace(/\.ts$/, '.js'))], {
      cwd: consumer,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    if (example.prints) expect(run.stdout.trimEnd().split('\n')).toEqual(example.prints);
  });
});
