import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The examples import the core as 'zsockjs' and their target as
// 'zsockjs/platform', as an application does (docs/decisions/platform.md).
const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^zsockjs$/, replacement: here('./lib/index.ts') },
      { find: /^zsockjs\/platform$/, replacement: here('./ports/node-mock/platform.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
