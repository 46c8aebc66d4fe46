/**
 * A device program as its target build makes it: the application bundled
 * with the core ('zsockjs') and the simulated network's platform module
 * ('zsockjs/platform' → ports/node-mock/platform), as one script that a
 * fresh realm evaluates. One bundle serves every device that runs it.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/** What the bundle gives the runner inside a realm. */
export interface DeviceExports {
  main: () => Promise<number>;
  mock_platform_install: (port: unknown, print: (line: string) => void, settings: Record<string, string>) => void;
}

const GLOBAL_NAME = '__zsockjs_device';

/** The core and the mock platform: sources in this repository, built files in the package. */
function packageModules(): { core: string; platform: string } {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    { core: resolve(here, '../lib/index.ts'), platform: resolve(here, '../ports/node-mock/platform.ts') },
    { core: resolve(here, 'index.js'), platform: resolve(here, 'ports/node-mock/platform.js') },
    { core: resolve(here, '../index.js'), platform: resolve(here, '../ports/node-mock/platform.js') },
  ];
  for (const c of candidates) if (existsSync(c.core) && existsSync(c.platform)) return c;
  throw new Error('zsockjs sim: cannot find the zsockjs core and the simulated platform module');
}

interface EsbuildLike {
  build(options: Record<string, unknown>): Promise<{ outputFiles?: { text: string }[] }>;
}

async function loadEsbuild(): Promise<EsbuildLike> {
  try {
    return (await import('esbuild')) as unknown as EsbuildLike;
  } catch {
    throw new Error('zsockjs sim bundles device programs with esbuild: npm install --save-dev esbuild');
  }
}

/** Bundles `program` (a file whose default export is `async main(): Promise<number>`). */
export async function bundleProgram(program: string): Promise<vm.Script> {
  const file = resolve(program);
  if (!existsSync(file)) throw new Error(`zsockjs sim: no such program: ${program}`);
  const { core, platform } = packageModules();
  const esbuild = await loadEsbuild();
  const entry = `export { default as main } from ${JSON.stringify(file)};\nexport { mock_platform_install } from 'zsockjs/platform';\n`;
  const result = await esbuild.build({
    stdin: { contents: entry, resolveDir: dirname(file), sourcefile: 'device-entry.js', loader: 'js' },
    bundle: true,
    write: false,
    format: 'iife',
    globalName: GLOBAL_NAME,
    platform: 'neutral',
    target: 'es2020',
    logLevel: 'silent',
    plugins: [
      {
        name: 'zsockjs-platform',
        setup(build: { onResolve(filter: { filter: RegExp }, cb: (args: { path: string }) => { path: string }): void }) {
          build.onResolve({ filter: /^zsockjs(\/platform)?$/ }, (args) => ({ path: args.path === 'zsockjs' ? core : platform }));
        },
      },
    ],
  });
  const text = result.outputFiles![0]!.text;
  return new vm.Script(text, { filename: `${program} (device bundle)` });
}

/** Evaluates the bundle in a new realm of its own: its own globals, so its own zsockjs stack. */
export function loadDevice(script: vm.Script): DeviceExports {
  const context = vm.createContext({});
  script.runInContext(context);
  const exports = (context as Record<string, unknown>)[GLOBAL_NAME] as DeviceExports | undefined;
  if (!exports || typeof exports.main !== 'function') throw new Error('zsockjs sim: the program has no default export main()');
  return exports;
}
