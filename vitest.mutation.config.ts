// The tests StrykerJS runs against each mutant of lib/: everything that
// exercises the core in-process and in virtual time. Left out: real
// sockets and outside tools (node port, interop, dnsmasq, namespaces),
// the packed package and the XS engine, which run a built copy, not the
// mutated sources. The include list replaces the base one (mergeConfig
// would append to it and bring the whole suite back).
import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/*.test.ts', 'test/core/**/*.test.ts', 'test/dns/**/*.test.ts', 'test/node-mock/**/*.test.ts', 'test/conformance/node-mock.test.ts', 'test/examples/**/*.test.ts', 'test/reliability/badinput.test.ts', 'test/reliability/faults.test.ts'],
    exclude: ['test/node-mock/pcap.test.ts'],
  },
});
