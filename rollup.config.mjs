// Builds the npm package: ESM entries with shared chunks, and declarations
// built the same way, so a type used by several entries (Capture, sockaddr,
// Port, …) is declared once in a shared chunk that every entry imports
// (docs/decisions/package.md). The entries come from package.json `exports`.
// Targets add their own outputs here: dist/moddable/ is the module tree the
// root manifest.json gives mcconfig (one file per source module under a
// stable name, so relative imports resolve by name in XS;
// docs/decisions/moddable-manifest.md).
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';
import { packageEntries } from './scripts/entries.mjs';

const input = Object.fromEntries(packageEntries().map(({ name, source }) => [name, source]));
// The simulator's command line (package.json `bin`), built beside the entries.
input.cli = 'sim/cli.ts';
// Host modules (node:fs, a device SDK's embedded:io/…) stay imports, and so do
// the bundler the simulator loads when it runs and the test runner its helper hooks into.
const external = (id) => /^[a-z][a-z0-9+.-]*:/.test(id) || id === 'esbuild' || id === 'vitest';

/** What dist/moddable/ carries: the core, the POSIX names, the moddable port and its platform module. */
const moddableInput = ['lib/index.ts', 'lib/posix.ts', 'ports/moddable/index.ts', 'ports/moddable/platform.ts'];
/** Modules the Moddable build supplies. */
const moddableExternal = (id) => id.startsWith('embedded:') || ['timer', 'time', 'net', 'mc/config'].includes(id);
/** The stable names an app imports, each a one-line module re-exporting the tree's file. */
const moddableEntries = {
  zsockjs: 'zsockjs/lib/index',
  posix: 'zsockjs/lib/posix',
  platform: 'zsockjs/ports/moddable/platform',
  'ports-moddable': 'zsockjs/ports/moddable/index',
};
const moddableEntryFiles = {
  name: 'moddable-entries',
  generateBundle() {
    for (const [file, target] of Object.entries(moddableEntries)) {
      this.emitFile({ type: 'asset', fileName: `entries/${file}.js`, source: `export * from "${target}";\n` });
    }
  },
};

export default [
  {
    input,
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
    },
    external,
    plugins: [typescript({ tsconfig: './tsconfig.build.json' })],
    treeshake: { moduleSideEffects: false },
  },
  {
    input,
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: '[name].d.ts',
      chunkFileNames: 'chunks/[name]-[hash].d.ts',
    },
    external,
    plugins: [dts({ tsconfig: './tsconfig.build.json' })],
  },
  {
    input: moddableInput,
    output: { dir: 'dist/moddable', format: 'es', preserveModules: true, entryFileNames: '[name].js' },
    external: moddableExternal,
    plugins: [typescript({ tsconfig: './tsconfig.build.json', outDir: 'dist/moddable', declaration: false }), moddableEntryFiles],
    treeshake: { moduleSideEffects: false },
  },
];
