// Every cross-field rule, registered once. Add a rule: one file in this folder, one line here, one test file.
import type { Rule } from './rule';

export const rules: readonly Rule[] = [];
