import { badinput_suite } from './badinput';
import { blocking_suite } from './blocking';
import { data_suite } from './data';
import { lifecycle_suite } from './lifecycle';
import { mockTarget } from './mock-target';
import { options_suite } from './options';
import { readiness_suite } from './readiness';

lifecycle_suite(mockTarget);
data_suite(mockTarget);
blocking_suite(mockTarget);
readiness_suite(mockTarget);
options_suite(mockTarget);
badinput_suite(mockTarget);
