/**
 * The conformance suite on the moddable port over the emulated classes on
 * the simulated network, as one script for XS: the suites register with
 * the vitest shim, run in order, and the script prints one JSON line
 * { ok, passed, failed: [{ name, error }] }.
 */
import { badinput_suite } from '../conformance/badinput';
import { blocking_suite } from '../conformance/blocking';
import { data_suite } from '../conformance/data';
import { lifecycle_suite } from '../conformance/lifecycle';
import { options_suite } from '../conformance/options';
import { readiness_suite } from '../conformance/readiness';
import { moddableMockTarget } from '../moddable/mock-target';
import { run_registered } from './vitest-shim';

declare const print: (line: string) => void;

lifecycle_suite(moddableMockTarget);
data_suite(moddableMockTarget);
blocking_suite(moddableMockTarget);
readiness_suite(moddableMockTarget);
options_suite(moddableMockTarget);
badinput_suite(moddableMockTarget);

run_registered().then(
  (reports) => {
    const failed = reports.filter((r) => !r.ok);
    print(JSON.stringify({ ok: failed.length === 0, passed: reports.length - failed.length, failed }));
  },
  (e: unknown) => print(JSON.stringify({ ok: false, passed: 0, failed: [{ name: 'runner', error: String(e) }] })),
);
