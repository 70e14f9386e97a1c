// How the JSON Schemas become validators: one ajv configuration for both ways of getting them.
// - compileValidators(): compiled in this process on first use (the engine's unit tests run this way).
// - standaloneValidatorsSource(): the same validators as standalone code, which scripts/build.mjs generates at
//   build time; the bundles (server, CLI) use that generated module instead of this one, so they neither ship
//   ajv's compiler nor spend start-up time compiling (see the build's schema-validators step).
import Ajv, { _, type ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import clusterSchema from '../../../../schemas/mks-cluster.schema.json';
import credentialsSchema from '../../../../schemas/mks-credentials.schema.json';
import type { SpecKind } from '../yamlFile';
import { ajvFormats } from './formats';

/** Keywords the schemas carry for editors (yaml-language-server) and for our messages; ajv only needs to accept them. */
const editorKeywords = [
  'markdownDescription',
  'defaultSnippets',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'patternErrorMessage',
  'x-severity',
];

export type Validators = Record<SpecKind, ValidateFunction>;

/** The name the standalone code calls the formats by (formats.ts exports them under it). */
export const FORMATS_IDENTIFIER = 'ajvFormats';

function configuredAjv(standalone: boolean): Ajv {
  // verbose: errors carry their data and parent schema, which the messages and did-you-mean need.
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    strict: true,
    allowUnionTypes: true,
    ...(standalone ? { code: { source: true, esm: true, formats: _`ajvFormats` } } : {}),
  });
  ajv.addVocabulary(editorKeywords);
  for (const [name, format] of Object.entries(ajvFormats)) ajv.addFormat(name, format);
  return ajv;
}

export function compileValidators(): Validators {
  const ajv = configuredAjv(false);
  return { Cluster: ajv.compile(clusterSchema), Credentials: ajv.compile(credentialsSchema) };
}

/** ES module source exporting `Cluster` and `Credentials` validators; it refers to the formats as `ajvFormats`. */
export function standaloneValidatorsSource(): string {
  const ajv = configuredAjv(true);
  ajv.addSchema(clusterSchema, 'Cluster');
  ajv.addSchema(credentialsSchema, 'Credentials');
  return standaloneCode(ajv, { Cluster: 'Cluster', Credentials: 'Credentials' });
}
