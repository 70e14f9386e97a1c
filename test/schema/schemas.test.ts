// The schema files themselves: valid draft-07 under ajv's strict mode, every field documented for hover,
// every enum value described for completion, and the combined schema routing documents by kind.
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import clusterSchema from '../../schemas/mks-cluster.schema.json';
import credentialsSchema from '../../schemas/mks-credentials.schema.json';
import combinedSchema from '../../schemas/mks.schema.json';
import { validatorFor } from '../../server/src/engine/schema/validators';
import { canonicalCluster } from './helpers';
import { parse } from 'yaml';

type Json = Record<string, unknown>;

/** Every property schema of a schema, with its JSON path, through properties, items and definitions. */
function fields(schema: Json, path = '#'): { path: string; schema: Json }[] {
  const out: { path: string; schema: Json }[] = [];
  const visit = (s: unknown, p: string) => {
    if (!s || typeof s !== 'object') return;
    const node = s as Json;
    for (const [name, child] of Object.entries((node.properties as Json) ?? {})) {
      out.push({ path: `${p}/${name}`, schema: child as Json });
      visit(child, `${p}/${name}`);
    }
    if (node.items) visit(node.items, `${p}/items`);
    for (const [name, child] of Object.entries((node.definitions as Json) ?? {})) visit(child, `${p}/definitions/${name}`);
  };
  visit(schema, path);
  return out;
}

describe('schema files', () => {
  it('compile under ajv strict mode (the engine compiles them on first use)', () => {
    expect(() => validatorFor('Cluster')).not.toThrow();
    expect(() => validatorFor('Credentials')).not.toThrow();
  });

  it.each([
    ['mks-cluster', clusterSchema],
    ['mks-credentials', credentialsSchema],
  ])('%s documents every field in plain and in markdown words', (_name, schema) => {
    const undocumented = fields(schema as Json)
      // A bare $ref is documented where it points (the definition).
      .filter(({ schema: s }) => !(typeof s.$ref === 'string' && Object.keys(s).length === 1))
      .filter(({ schema: s }) => !(typeof s.description === 'string' && typeof s.markdownDescription === 'string'))
      .map(({ path }) => path);
    expect(undocumented).toEqual([]);
  });

  it.each([
    ['mks-cluster', clusterSchema],
    ['mks-credentials', credentialsSchema],
  ])('%s describes every enum value', (_name, schema) => {
    const enums: Json[] = [];
    const visit = (s: unknown) => {
      if (!s || typeof s !== 'object') return;
      if (Array.isArray((s as Json).enum)) enums.push(s as Json);
      Object.values(s as Json).forEach(visit);
    };
    visit(schema);
    expect(enums.length).toBeGreaterThan(0);
    for (const e of enums) {
      expect((e.enumDescriptions as unknown[]).length).toBe((e.enum as unknown[]).length);
      expect((e.markdownEnumDescriptions as unknown[]).length).toBe((e.enum as unknown[]).length);
    }
  });

  it.each([
    ['mks-cluster', clusterSchema],
    ['mks-credentials', credentialsSchema],
  ])('%s uses no anyOf/oneOf/if, so ajv never reports branch cascades', (_name, schema) => {
    expect(JSON.stringify(schema)).not.toMatch(/"(anyOf|oneOf|if)":/);
  });

  it('routes by kind in the combined schema: Cluster and Credentials checked, anything else accepted', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addSchema(clusterSchema).addSchema(credentialsSchema);
    const validate = ajv.compile(combinedSchema);
    expect(validate(parse(canonicalCluster))).toBe(true);
    expect(validate({ apiVersion: 'infra.k8smgmt.io/v3', kind: 'Cluster', spec: { type: 'mks' } })).toBe(false);
    expect(validate({ apiVersion: 'infra.k8smgmt.io/v3', kind: 'Credentials', spec: { provider: 'mks' } })).toBe(false);
    expect(validate({ apiVersion: 'infra.k8smgmt.io/v3', kind: 'Credentials', spec: { provider: 'aws' } })).toBe(true);
    expect(validate({ apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: 'x' } })).toBe(true);
    expect(validate(['a list document'])).toBe(true);
  });
});
