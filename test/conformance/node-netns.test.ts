/**
 * The conformance suites that need more than loopback, on the Node port,
 * inside a network namespace the test makes (test/netns.ts): a host
 * address, an unreachable address for the connect timeout, multicast.
 */
import { describe, expect, it } from 'vitest';
import { IN_NETNS, NETNS_HOST, NETNS_TOOLS, NETNS_UNREACHABLE, run_in_netns } from '../netns';
import { nodeTarget } from '../node-port/conformance-target';
import { require_tools, skip_without } from '../tools';
import type { Target } from './target';
import { network_suite } from './network';
import { timeouts_suite } from './timeouts';

if (IN_NETNS) {
  const netnsTarget: Target = {
    ...nodeTarget,
    name: 'node in a network namespace',
    traits: { ...nodeTarget.traits, hostAddress: NETNS_HOST, unreachable: NETNS_UNREACHABLE, multicastLoop: true },
  };
  timeouts_suite(netnsTarget);
  network_suite(netnsTarget);
} else {
  describe.skipIf(skip_without(NETNS_TOOLS, 'the network-namespace run'))('node port in a network namespace', () => {
    it('runs the timeout and beyond-loopback checks there, every one passing, none skipped', () => {
      require_tools(NETNS_TOOLS);
      const run = run_in_netns(['test/conformance/node-netns.test.ts']);
      expect(run.failed, run.output).toEqual([]);
      expect(run.skipped).toEqual([]);
      // The checks the namespace's traits turn on ran there.
      const ran = (part: string): boolean => run.passed.some((name) => name.includes(part));
      expect(ran('unreachable address fails with ETIMEDOUT')).toBe(true);
      expect(ran(`host's own address ${NETNS_HOST}`)).toBe(true);
      expect(ran(`UDP to ${NETNS_HOST}`)).toBe(true);
      expect(ran('multicast to')).toBe(true);
      expect(ran('SO_RCVTIMEO ends a TCP recv')).toBe(true);
    });
  });
}
