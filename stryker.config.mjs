// Mutation testing of lib/ (npm run mutation): each mutant is run against
// the in-process tests of vitest.mutation.config.ts. Incremental: only
// mutants in changed code, or covered by changed tests, run again; the
// rest are taken from reports/mutation/incremental.json.
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: ['lib/**/*.ts', '!lib/index.ts', '!lib/posix.ts', '!lib/port.ts', '!lib/ops.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 1,
  incremental: true,
  incrementalFile: 'reports/mutation/incremental.json',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: 80 },
  timeoutMS: 10000,
  // Static mutants (module-level values) re-run every test; most are constants tables.
  ignoreStatic: true,
  tempDirName: '.stryker-tmp',
};
