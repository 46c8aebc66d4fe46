#!/usr/bin/env node
/**
 * Builds an application for the Moddable target with esbuild.
 *
 *   node scripts/moddable-build.mjs <app.ts|js> --out <file.js> [--bundle]
 *
 * Without --bundle: the app's own modules become one ES module that still
 * imports `zsockjs`, `zsockjs/platform`, … by name, for an app whose manifest
 * includes zsockjs's manifest.json (the preloaded module tree).
 * With --bundle: the app and zsockjs become one tree-shaken, minified
 * module (`zsockjs/platform` is the moddable port's); only what the
 * Moddable build supplies (`embedded:*`, `timer`, `time`, `net`, `mc/config`)
 * stays external. Prints the module's size minified and minified+gzip, and
 * its XS byte-code size when `xsc` (Moddable SDK) is on PATH.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const MODDABLE_MODULES = ['embedded:*', 'timer', 'time', 'net', 'mc/config'];

function usage(message) {
  process.stderr.write(`${message}\nusage: node scripts/moddable-build.mjs <app.ts|js> --out <file.js> [--bundle]\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let entry = null;
let out = null;
let bundleAll = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--out') out = args[++i];
  else if (args[i] === '--bundle') bundleAll = true;
  else if (!entry) entry = args[i];
  else usage(`unexpected argument ${args[i]}`);
}
if (!entry || !out) usage('an app and --out are required');

// The package root: TypeScript sources in the repository, dist/moddable in an installed copy.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fromSource = existsSync(join(root, 'lib', 'index.ts'));
const tree = fromSource
  ? { zsockjs: 'lib/index.ts', 'zsockjs/posix': 'lib/posix.ts', 'zsockjs/platform': 'ports/moddable/platform.ts', 'zsockjs/ports/moddable': 'ports/moddable/index.ts' }
  : {
      zsockjs: 'dist/moddable/lib/index.js',
      'zsockjs/posix': 'dist/moddable/lib/posix.js',
      'zsockjs/platform': 'dist/moddable/ports/moddable/platform.js',
      'zsockjs/ports/moddable': 'dist/moddable/ports/moddable/index.js',
    };

/** Maps the zsockjs specifiers to the moddable tree, or keeps them external. */
const zsockjsSpecifiers = {
  name: 'zsockjs-moddable',
  setup(b) {
    // A host-only code path (a CLI's dynamic import of the Node port) never runs on the device.
    b.onResolve({ filter: /ports\/node(\/index)?$/ }, (a) => (a.kind === 'dynamic-import' ? { path: a.path, external: true } : undefined));
    b.onResolve({ filter: /^zsockjs(\/.*)?$/ }, (a) => {
      if (!bundleAll) return { path: a.path, external: true };
      const file = tree[a.path];
      if (!file) return { errors: [{ text: `${a.path} is not a zsockjs module for Moddable` }] };
      return { path: join(root, file) };
    });
  },
};

const result = await build({
  entryPoints: [entry],
  outfile: out,
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2020',
  minify: bundleAll,
  treeShaking: true,
  external: MODDABLE_MODULES,
  plugins: [zsockjsSpecifiers],
  tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
  logLevel: 'warning',
  metafile: true,
});
if (result.errors.length > 0) process.exit(1);

const code = readFileSync(out);
const sizes = [`${basename(out)}: ${code.length} bytes${bundleAll ? ' min' : ''}`, `${gzipSync(code, { level: 9 }).length} ${bundleAll ? 'min+gzip' : 'gzip'}`];
const xsb = xsByteCode(out);
if (xsb !== null) sizes.push(`${xsb} XS byte code`);
process.stdout.write(sizes.join(', ') + '\n');

/** Compiles `file` with xsc into a temporary folder and returns the .xsb size, or null without xsc. */
function xsByteCode(file) {
  const work = mkdtempSync(join(tmpdir(), 'zsockjs-xsc-'));
  try {
    execFileSync('xsc', ['-e', resolve(file), '-o', work], { stdio: 'ignore' });
    const xsbFile = readdirSync(work).find((name) => name.endsWith('.xsb'));
    return xsbFile ? statSync(join(work, xsbFile)).size : null;
  } catch {
    return null;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
