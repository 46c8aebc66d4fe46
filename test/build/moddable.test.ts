/**
 * The Moddable target's build: the root manifest.json names only files the
 * package carries, preloads every module it names, and no module body calls
 * into the runtime or keeps a buffer that preloading would make read-only;
 * scripts/moddable-build.mjs makes one module with only Moddable's
 * specifiers left external.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as { modules: Record<string, string>; preload: string[] };

/** The files a manifest entry names ("x/*" names every .js file of a folder). */
function filesOf(path: string): string[] {
  const rel = path.replace(/^\.\//, '');
  if (!rel.endsWith('/*')) return [rel + '.js'];
  const dir = rel.slice(0, -2);
  return readdirSync(join(root, dir))
    .filter((name) => name.endsWith('.js'))
    .map((name) => `${dir}/${name}`);
}

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'moddable', 'entries', 'zsockjs.js'))) {
    execFileSync(process.execPath, [join(root, 'node_modules', 'rollup', 'dist', 'bin', 'rollup'), '-c'], { cwd: root, stdio: 'ignore' });
  }
}, 120_000);

describe('the Moddable manifest', () => {
  it('names existing files by stable names and preloads each of them', () => {
    for (const [name, path] of Object.entries(manifest.modules)) {
      const files = filesOf(path);
      expect(files.length, name).toBeGreaterThan(0);
      for (const file of files) expect(existsSync(join(root, file)), file).toBe(true);
      expect(manifest.preload).toContain(name);
      expect(path).not.toMatch(/-[0-9a-f]{6,}/);
    }
  });

  it('everything it names is in the npm tarball', () => {
    const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' })) as {
      files: { path: string }[];
    }[];
    const inTarball = new Set(packed[0]!.files.map((f) => f.path));
    expect(inTarball.has('manifest.json')).toBe(true);
    for (const path of Object.values(manifest.modules)) for (const file of filesOf(path)) expect(inTarball.has(file), file).toBe(true);
  });

  it('no module body calls into the runtime at load (as preloading runs them)', async () => {
    const calls: string[] = [];
    const stub = (what: string) => `export default new Proxy(function () {}, {
      get(_t, key) { if (key === '__esModule') return undefined; globalThis.__calls.push('${what}.' + String(key)); return () => {}; },
      construct() { globalThis.__calls.push('new ${what}'); return {}; },
      apply() { globalThis.__calls.push('${what}()'); },
    });`;
    const code = (await build({
      stdin: {
        contents: ['zsockjs', 'posix', 'platform', 'ports-moddable'].map((e, i) => `import * as m${i} from './dist/moddable/entries/${e}.js'; globalThis.__m${i} = m${i};`).join('\n'),
        resolveDir: root,
      },
      bundle: true,
      format: 'iife',
      platform: 'neutral',
      write: false,
      logLevel: 'silent',
      plugins: [
        {
          name: 'runtime-stubs',
          setup(b) {
            b.onResolve({ filter: /^zsockjs\// }, (a) => ({ path: join(root, 'dist', 'moddable', a.path.slice('zsockjs/'.length) + '.js') }));
            b.onResolve({ filter: /^(embedded:|timer$|time$|net$|mc\/config$)/ }, (a) => ({ path: a.path, namespace: 'stub' }));
            b.onLoad({ filter: /.*/, namespace: 'stub' }, (a) => ({ contents: stub(a.path), loader: 'js' }));
          },
        },
      ],
    })).outputFiles[0]!.text;
    const context = { __calls: calls } as Record<string, unknown>;
    runInNewContext(code, context);
    expect(typeof (context['__m2'] as { platform_port?: unknown }).platform_port).toBe('function');
    expect(calls).toEqual([]);
  });

  it('no module keeps a buffer made at load (preloaded buffers are read-only in flash)', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
        const rel = `${dir}/${entry.name}`;
        if (entry.isDirectory()) walk(rel);
        else if (entry.name.endsWith('.js')) {
          readFileSync(join(root, rel), 'utf8')
            .split('\n')
            .forEach((line, i) => {
              if (/^(const|let|var) .*new (Uint8Array|Int8Array|Uint16Array|Int32Array|Uint32Array|ArrayBuffer|DataView)\((?!0\))/.test(line)) offenders.push(`${rel}:${i + 1}`);
            });
        }
      }
    };
    walk('dist/moddable');
    expect(offenders).toEqual([]);
  });
});

describe('scripts/moddable-build.mjs', () => {
  it('bundles an app with zsockjs into one module that imports only what Moddable supplies, and prints its sizes', () => {
    const work = mkdtempSync(join(tmpdir(), 'zsockjs-mb-'));
    try {
      const out = join(work, 'sntp.js');
      const printed = execFileSync(process.execPath, [join(root, 'scripts', 'moddable-build.mjs'), join(root, 'examples', 'apps', 'sntp_client.ts'), '--out', out, '--bundle'], {
        encoding: 'utf8',
      });
      expect(printed).toMatch(/^sntp\.js: \d+ bytes min, \d+ min\+gzip/);
      const code = readFileSync(out, 'utf8');
      // Import statements only (the bundle's strings may hold the word too).
      const imported = [...code.matchAll(/(?:^|;)\s*import\s*(?:[^;"']*?from\s*)?"([^"]+)"/g)].map((m) => m[1]);
      expect(imported.length).toBeGreaterThan(0);
      for (const specifier of imported) expect(specifier).toMatch(/^(embedded:|timer$|time$|net$|mc\/config$)/);
      const library = join(work, 'app.js');
      execFileSync(process.execPath, [join(root, 'scripts', 'moddable-build.mjs'), join(root, 'examples', 'apps', 'sntp_client.ts'), '--out', library], { encoding: 'utf8' });
      const names = [...new Set([...readFileSync(library, 'utf8').matchAll(/from "([^"]+)"/g)].map((m) => m[1]))].sort();
      expect(names).toEqual(['zsockjs', 'zsockjs/platform']);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 60_000);
});
