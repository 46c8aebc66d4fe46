// Builds the npm package: ESM entries with shared chunks, and one bundled
// .d.ts per entry; and dist/moddable/, the module tree the root manifest.json
// gives mcconfig (one file per source module under a stable name, so
// relative imports resolve by name in XS; docs/decisions/moddable-manifest.md).
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';
import { existsSync } from 'node:fs';

const entries = {
  index: 'lib/index.ts',
  posix: 'lib/posix.ts',
  platform: 'ports/node/platform.ts',
  'ports/node-mock': 'ports/node-mock/index.ts',
  'ports/node-mock/pcap-file': 'ports/node-mock/pcap-file.ts',
  'ports/node': 'ports/node/index.ts',
  'ports/node-mock/platform': 'ports/node-mock/platform.ts',
  'ports/moddable': 'ports/moddable/index.ts',
};

/** What dist/moddable/ carries: the core, the POSIX names, the moddable port and its platform module. */
const moddableInput = ['lib/index.ts', 'lib/posix.ts', 'ports/moddable/index.ts', 'ports/moddable/platform.ts'];
/** Modules the Moddable build supplies. */
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
const moddableExternal = (id) => id.startsWith('embedded:') || ['timer', 'time', 'net', 'mc/config'].includes(id);
const input = Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file)));

const tsOptions = { tsconfig: './tsconfig.build.json' };

export default [
  {
    input,
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
    },
    external: (id) => id.startsWith('node:'),
    plugins: [typescript(tsOptions)],
    treeshake: { moduleSideEffects: false },
  },
  {
    input: moddableInput,
    output: { dir: 'dist/moddable', format: 'es', preserveModules: true, entryFileNames: '[name].js' },
    external: moddableExternal,
    plugins: [typescript({ ...tsOptions, outDir: 'dist/moddable', declaration: false }), moddableEntryFiles],
    treeshake: { moduleSideEffects: false },
  },
  ...Object.entries(input).map(([name, file]) => ({
    input: file,
    output: { file: `dist/${name}.d.ts`, format: 'es' },
    external: (id) => id.startsWith('node:') || moddableExternal(id),
    plugins: [dts({ tsconfig: './tsconfig.build.json' })],
  })),
];
