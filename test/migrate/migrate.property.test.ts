// Any 2021-format document, whatever shapes its values take: validation never throws and always reports it (one
// legacy-format finding, nothing else); when the fix is offered it gives YAML that parses, is v3, holds none of the
// legacy keys where the 2021 format had them, and has nothing left to migrate.
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { clusterOs, drops, renames, sshMoves } from '../../server/src/engine/migrate/legacyMapping';
import { LEGACY_FORMAT } from '../../server/src/engine/migrate/legacyFormat';
import { migrateFile } from '../../server/src/engine/migrate/migrateFile';
import { validate } from '../../server/src/engine/validate';
import { YamlFile } from '../../server/src/engine/yamlFile';
import { applyEdits } from '../rules/helpers';

const SEED = 20261203;
const leaf = fc.oneof(fc.constant(null), fc.integer({ min: -5, max: 70000 }), fc.boolean(), fc.constantFrom('', 'eth0', 'Master', 'v1.20.8', 'a b', '22', 'x: y', '#'));
const value = fc.oneof({ maxDepth: 2 }, leaf, fc.array(leaf, { maxLength: 3 }), fc.dictionary(fc.constantFrom('name', 'storagePath', 'k'), leaf, { maxKeys: 2 }));
const pick = (keys: readonly string[]) => fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: keys.length });

const nodeKeys = ['hostname', 'roles', 'ssh', 'operatingSystem', ...sshMoves.map((m) => m.legacy), ...renames.filter((r) => r.parent.includes('nodes')).map((r) => r.legacy), ...drops.filter((d) => d.parent.includes('nodes')).map((d) => d.legacy)];
const configKeys = ['location', 'kubernetesVersion', clusterOs.legacy, ...renames.filter((r) => r.parent.join('.') === 'spec.config').map((r) => r.legacy), ...drops.filter((d) => d.parent.join('.') === 'spec.config').map((d) => d.legacy)];
const node = fc.oneof(
  { weight: 4, arbitrary: fc.record({ base: pick(nodeKeys), roles: fc.array(fc.constantFrom('Master', 'Worker', 'Storage'), { maxLength: 3 }) }).map(({ base, roles }) => ({ ...base, roles })) },
  { weight: 1, arbitrary: leaf },
);
const legacyDocument = fc
  .record({
    config: pick(configKeys),
    nodes: fc.oneof(fc.array(node, { maxLength: 3 }), leaf),
    blueprint: value,
    proxySettings: fc.option(pick(['enabled', 'httpProxy', 'rootCA', 'tlsTermination', 'noProxy']), { nil: undefined }),
  })
  .map(({ config, nodes, blueprint, proxySettings }) => ({
    kind: 'Cluster',
    metadata: { name: 'c' },
    spec: { type: 'mks', blueprint, config: { ...config, nodes }, ...(proxySettings ? { proxySettings } : {}) },
  }));

/** Keys of the 2021 format still at the place the 2021 format had them. */
function legacyKeysLeft(v3: Record<string, any>): string[] {
  const left: string[] = [];
  const config = v3?.spec?.config;
  const has = (map: unknown, key: string) => map !== null && typeof map === 'object' && !Array.isArray(map) && key in (map as object);
  for (const key of configKeys.filter((k) => k !== 'location' && k !== 'kubernetesVersion')) if (has(config, key)) left.push(`config.${key}`);
  if (has(v3?.spec, 'proxySettings')) left.push('proxySettings');
  const nodes = Array.isArray(config?.nodes) ? config.nodes : [];
  for (const n of nodes) for (const key of nodeKeys.filter((k) => !['hostname', 'roles', 'ssh', 'operatingSystem'].includes(k))) if (has(n, key)) left.push(`node.${key}`);
  for (const n of nodes) if (Array.isArray(n?.roles) && n.roles.includes('Master')) left.push('role Master');
  return left;
}

describe('migration of any 2021-format document', () => {
  it('always reports it once and, when it offers the fix, gives clean v3 YAML with nothing left to migrate', () => {
    fc.assert(
      fc.property(legacyDocument, fc.boolean(), (doc, withComment) => {
        let text = stringify(doc);
        if (withComment) text = `# top\n${text.replace('spec:\n', 'spec: # the spec\n')}`;
        const findings = validate(new YamlFile('file:///p.yaml', text));
        expect(findings.map((f) => f.code)).toEqual([LEGACY_FORMAT]);
        const fix = findings[0].fixes?.[0];
        if (!fix) return; // then the message says why (covered in legacyFormat.test.ts)
        const migrated = applyEdits(text, fix.edits);
        const v3 = parse(migrated);
        expect(v3.apiVersion).toBe('infra.k8smgmt.io/v3');
        expect(legacyKeysLeft(v3)).toEqual([]);
        expect(migrateFile(new YamlFile('file:///p.yaml', migrated)).documents).toEqual([]);
        if (withComment) expect(migrated).toContain('# the spec');
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
