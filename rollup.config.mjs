// Builds the npm package: ESM entries with shared chunks, and one bundled
// .d.ts per entry. Targets (Moddable, Espruino) add their own outputs here.
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
  sim: 'sim/index.ts',
  'sim/vitest': 'sim/vitest.ts',
  cli: 'sim/cli.ts',
};
const input = Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file)));

// The runner's Node modules, the bundler it loads when it runs, and the test runner its helper hooks into.
const external = (id) => id.startsWith('node:') || id === 'esbuild' || id === 'vitest';

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
    external,
    plugins: [typescript(tsOptions)],
    treeshake: { moduleSideEffects: false },
  },
  ...Object.entries(input).map(([name, file]) => ({
    input: file,
    output: { file: `dist/${name}.d.ts`, format: 'es' },
    external,
    plugins: [dts({ tsconfig: './tsconfig.build.json' })],
  })),
];
