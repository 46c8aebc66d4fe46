import { moddableMockTarget, moddableNodeTarget } from '../moddable/conformance-target';
import { badinput_suite } from './badinput';
import { blocking_suite } from './blocking';
import { data_suite } from './data';
import { lifecycle_suite } from './lifecycle';
import { options_suite } from './options';
import { readiness_suite } from './readiness';

for (const target of [moddableMockTarget, moddableNodeTarget]) {
  lifecycle_suite(target);
  data_suite(target);
  blocking_suite(target);
  readiness_suite(target);
  options_suite(target);
  badinput_suite(target);
}
