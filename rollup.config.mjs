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
  'ports/espruino': 'ports/espruino/index.ts',
};
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
  ...Object.entries(input).map(([name, file]) => ({
    input: file,
    output: { file: `dist/${name}.d.ts`, format: 'es' },
    external: (id) => id.startsWith('node:'),
    plugins: [dts({ tsconfig: './tsconfig.build.json' })],
  })),
];
