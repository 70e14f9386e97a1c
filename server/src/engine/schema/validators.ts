// The compiled JSON Schema validators, built once per process on first use (compiling costs far more
// than validating, and every keystroke validates).
import Ajv, { type ValidateFunction } from 'ajv';
import clusterSchema from '../../../../schemas/mks-cluster.schema.json';
import credentialsSchema from '../../../../schemas/mks-credentials.schema.json';
import type { SpecKind } from '../yamlFile';
import { addressFormats } from './formats';

/** Keywords the schemas carry for editors (yaml-language-server) and for our messages; ajv only needs to accept them. */
const editorKeywords = [
  'markdownDescription',
  'defaultSnippets',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'patternErrorMessage',
  'x-severity',
];

let compiled: Record<SpecKind, ValidateFunction> | undefined;

export function validatorFor(kind: SpecKind): ValidateFunction {
  compiled ??= compile();
  return compiled[kind];
}

function compile(): Record<SpecKind, ValidateFunction> {
  // verbose: errors carry their data and parent schema, which the messages and did-you-mean need.
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
  ajv.addVocabulary(editorKeywords);
  for (const [name, check] of Object.entries(addressFormats)) ajv.addFormat(name, { type: 'string', validate: check });
  return { Cluster: ajv.compile(clusterSchema), Credentials: ajv.compile(credentialsSchema) };
}
