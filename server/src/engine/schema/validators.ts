// The JSON Schema validators, made once per process on first use (compiling costs far more than validating,
// and every keystroke validates). In the bundles `./compileValidators` is the standalone code generated at
// build time (scripts/build.mjs), so nothing is compiled at start-up there.
import type { ValidateFunction } from 'ajv';
import type { SpecKind } from '../yamlFile';
import { compileValidators, type Validators } from './compileValidators';

let compiled: Validators | undefined;

export function validatorFor(kind: SpecKind): ValidateFunction {
  compiled ??= compileValidators();
  return compiled[kind];
}
