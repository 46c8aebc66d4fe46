// Builds the npm package: ESM entries with shared chunks, and declarations
// built the same way, so a type used by several entries (Capture, sockaddr,
// Port, …) is declared once in a shared chunk that every entry imports
// (docs/decisions/package.md). The entries come from package.json `exports`.
// Targets (Moddable, Espruino) add their own outputs here.
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';
import { packageEntries } from './scripts/entries.mjs';

const input = Object.fromEntries(packageEntries().map(({ name, source }) => [name, source]));
// The simulator's command line (package.json `bin`), built beside the entries.
input.cli = 'sim/cli.ts';
// Host modules (node:fs, a device SDK's embedded:io/…) stay imports, and so do
// the bundler the simulator loads when it runs and the test runner its helper hooks into.
const external = (id) => /^[a-z][a-z0-9+.-]*:/.test(id) || id === 'esbuild' || id === 'vitest';

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
];
