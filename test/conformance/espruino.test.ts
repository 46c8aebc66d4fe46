/**
 * The conformance suite on the Espruino port, running the Espruino build's
 * output: every suite's `../../lib/index` is the built library here.
 */
import { vi } from 'vitest';
import { espruinoBoardTarget, espruinoTarget } from '../espruino/built-target';
import { badinput_suite } from './badinput';
import { blocking_suite } from './blocking';
import { data_suite } from './data';
import { lifecycle_suite } from './lifecycle';
import { options_suite } from './options';
import { readiness_suite } from './readiness';

vi.mock('../../lib/index', async () => (await import('../espruino/built-target')).espruino_library());

lifecycle_suite(espruinoTarget);
data_suite(espruinoTarget);
blocking_suite(espruinoTarget);
readiness_suite(espruinoTarget);
options_suite(espruinoTarget);
badinput_suite(espruinoTarget);
// The suites that connect to refused ports, once more with a board's way of refusing.
lifecycle_suite(espruinoBoardTarget);
blocking_suite(espruinoBoardTarget);
