/**
 * The conformance suite on the moddable port over the runtime's own
 * classes: built for a Moddable host (esbuild with 'vitest' mapped to
 * test/xs/vitest-shim.ts and zsockjs/platform to the moddable platform),
 * run on the Linux command-line host against loopback. Prints one JSON line
 * { ok, passed, failed } and returns the number of failed checks.
 */
import { inet_tcp, inet_udp, zsock_init } from '../../lib/index';
import { platform_port, platform_print } from '../../ports/moddable/platform';
import { badinput_suite } from '../conformance/badinput';
import { blocking_suite } from '../conformance/blocking';
import { data_suite } from '../conformance/data';
import { lifecycle_suite } from '../conformance/lifecycle';
import { options_suite } from '../conformance/options';
import { readiness_suite } from '../conformance/readiness';
import type { Target } from '../conformance/target';
import { run_registered } from '../xs/vitest-shim';
import { moddableTraits } from './mock-target';

const deviceTarget: Target = {
  name: 'moddable (the runtime classes)',
  open: async () => {
    const port = platform_port();
    zsock_init(port, [inet_tcp, inet_udp]);
    const sleep = (ms: number) => new Promise<void>((resolve) => port.setTimer(ms, resolve));
    return {
      port,
      run: <T>(promise: Promise<T>) => promise,
      sleep,
      close: async () => {
        zsock_init(port, []);
        await sleep(50);
      },
    };
  },
  traits: { ...moddableTraits, hostAddress: null, unreachable: null, virtualTime: false, sendWindowFills: false },
};

export default async function main(): Promise<number> {
  lifecycle_suite(deviceTarget);
  data_suite(deviceTarget);
  blocking_suite(deviceTarget);
  readiness_suite(deviceTarget);
  options_suite(deviceTarget);
  badinput_suite(deviceTarget);
  const reports = await run_registered();
  const failed = reports.filter((r) => !r.ok);
  for (const f of failed) platform_print(`FAIL ${f.name}: ${f.error}`);
  platform_print(JSON.stringify({ ok: failed.length === 0, passed: reports.length - failed.length, failed: failed.length }));
  return failed.length;
}
