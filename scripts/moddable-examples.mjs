#!/usr/bin/env node
/**
 * Builds the app module of each Moddable example folder: examples/apps/NAME.ts
 * becomes examples/moddable/NAME/app.js (importing zsockjs by name, for the
 * manifest that includes zsockjs's), and prints the size-conscious
 * alternative: NAME bundled with zsockjs into one tree-shaken module.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const builder = join(root, 'scripts', 'moddable-build.mjs');
const examples = readdirSync(join(root, 'examples', 'moddable')).filter((name) => statSync(join(root, 'examples', 'moddable', name)).isDirectory());
const scratch = mkdtempSync(join(tmpdir(), 'zsockjs-bundle-'));
try {
  for (const name of examples.sort()) {
    const app = join(root, 'examples', 'apps', `${name}.ts`);
    execFileSync(process.execPath, [builder, app, '--out', join(root, 'examples', 'moddable', name, 'app.js')], { stdio: 'inherit' });
    execFileSync(process.execPath, [builder, app, '--out', join(scratch, `${name}.js`), '--bundle'], { stdio: 'inherit' });
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
