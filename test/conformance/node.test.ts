import { nodeTarget } from '../node-port/conformance-target';
import { badinput_suite } from './badinput';
import { blocking_suite } from './blocking';
import { data_suite } from './data';
import { lifecycle_suite } from './lifecycle';
import { options_suite } from './options';
import { readiness_suite } from './readiness';

lifecycle_suite(nodeTarget);
data_suite(nodeTarget);
blocking_suite(nodeTarget);
readiness_suite(nodeTarget);
options_suite(nodeTarget);
badinput_suite(nodeTarget);
