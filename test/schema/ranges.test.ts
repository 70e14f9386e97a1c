// Where schema findings land: the exact key or value text, in multi-document files, in block and flow style,
// and through the engine's entry point validate() (which leaves non-MKS YAML alone).
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../server/src/engine/findings';
import { validateAgainstSchema } from '../../server/src/engine/schema/schemaValidation';
import { validate } from '../../server/src/engine/validate';
import { YamlFile } from '../../server/src/engine/yamlFile';
import { brief, canonicalCluster, cluster, schemaFindings } from './helpers';

/** The text a finding's range covers. */
function textAt(text: string, finding: Finding): string {
  const file = new YamlFile('file:///t.yaml', text);
  return text.slice(file.offsetAt(finding.range.start), file.offsetAt(finding.range.end));
}

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: three
  template:
    spec:
      containers: [{name: web, image: nginx, hostnme: x}]
`;

describe('ranges', () => {
  it('covers exactly the key for unknown keys and exactly the value for bad values, in block and flow style', () => {
    const text = cluster(`      - hostname: a
        privateIP: "10.0.0"
        arch: 'x86'
        operatingSystem: Ubuntu22.04
        roles: [ControlPlane]
        "sshh": {}
      - {hostname: b, privateIP: 10.0.0.2, arch: amd64, operatingSystem: Ubuntu22.04, roles: [Worker], labelz: {}}
`);
    const findings = schemaFindings(text);
    expect(findings.map((f) => [f.code, textAt(text, f)])).toEqual([
      ['schema/unknown-key', '"sshh"'],
      ['schema/unknown-key', 'labelz'],
      ['schema/format', '"10.0.0"'],
      ['schema/enum', "'x86'"],
    ]);
    // A quoted key is renamed with its quotes kept.
    expect(findings[0].fixes?.[0].edits[0]).toEqual({ range: findings[0].range, newText: '"ssh"' });
  });

  it('maps findings of the second document of a file to that document', () => {
    const text = `${deployment}---\n${cluster('      - {hostname: a, privateIP: 10.0.0.1, arch: amd64, operatingSystem: Ubuntu22.04, roles: [Workr]}\n')}`;
    const findings = schemaFindings(text);
    expect(findings.map(brief)).toEqual([
      '28:94-28:99 schema/enum Entry 1 of `roles` must be one of ControlPlane, Worker, Storage; got `Workr`. Did you mean `Worker`?',
    ]);
    expect(textAt(text, findings[0])).toBe('Workr');
  });

  it('handles keys with JSON-pointer characters (/ and ~) in free-form maps and in unknown keys', () => {
    const text = cluster(
      '      - {hostname: a, privateIP: 10.0.0.1, arch: amd64, operatingSystem: Ubuntu22.04, roles: [Worker], labels: {a/b~c: 1}, x/y: 1}\n',
    );
    const findings = schemaFindings(text);
    expect(findings.map((f) => [f.code, textAt(text, f)])).toEqual([
      ['schema/unknown-key', 'x/y'],
      ['schema/type', '1'],
    ]);
    expect(findings[1].message).toBe('`a/b~c` must be a string; got the number 1. Quote it.');
  });

  it('reports every bad node of a large spec, each on its own line', () => {
    const nodes = Array.from(
      { length: 500 },
      (_, i) => `      - {hostname: n${i}, privateIP: 10.0.${i >> 8}.${i & 255}, arch: ${i % 100 === 0 ? 'x64' : 'amd64'}, operatingSystem: Ubuntu22.04, roles: [Worker]}\n`,
    ).join('');
    const findings = schemaFindings(cluster(nodes));
    expect(findings.map((f) => f.range.start.line)).toEqual([18, 118, 218, 318, 418]);
    expect(findings[1].message).toBe('`arch` must be one of amd64, arm64; got `x64`.');
  });
});

describe('through validate()', () => {
  it('gives a Kubernetes Deployment nothing at all, even with odd values', () => {
    expect(validate(new YamlFile('file:///d.yaml', deployment))).toEqual([]);
    const file = new YamlFile('file:///d.yaml', deployment);
    expect(validateAgainstSchema(file, file.documents[0])).toEqual([]);
  });

  it('reports schema findings of an MKS document next to the rules, sorted by position', () => {
    const text = `${deployment}---\n${canonicalCluster.replace('arch: amd64, operatingSystem: Ubuntu22.04, roles: [ControlPlane]}', 'arch: amd46, operatingSystem: Ubuntu22.04, roles: [ControlPlane]}')}`;
    const schema = validate(new YamlFile('file:///c.yaml', text)).filter((f) => f.code.startsWith('schema/'));
    expect(schema.map(brief)).toEqual([
      '31:53-31:58 schema/enum `arch` must be one of amd64, arm64; got `amd46`. Did you mean `amd64`?',
    ]);
    expect(schema[0].severity).toBe('error');
  });

  it('applies a severity setting to a schema code, and `off` silences it', () => {
    const text = cluster('      - {hostname: a, privateIP: 10.0.0.1, arch: amd64, operatingSystem: Ubuntu22.04, roles: [Worker], extra: 1}\n');
    const schemaOnly = (severity: Record<string, 'off' | 'warning'>) =>
      validate(new YamlFile('file:///c.yaml', text), {
        settings: { kubernetesVersions: [], operatingSystems: [], severity },
      }).filter((f) => f.code.startsWith('schema/'));
    expect(schemaOnly({ 'schema/unknown-key': 'warning' }).map((f) => f.severity)).toEqual(['warning']);
    expect(schemaOnly({ 'schema/unknown-key': 'off' })).toEqual([]);
  });

  it('skips the schema for a document with YAML syntax errors (the syntax error is the finding)', () => {
    const text = `${cluster('      - {hostname: a, privateIP: 10.0.0.1, arch: amd64, operatingSystem: Ubuntu22.04, roles: [Worker]\n')}`;
    const findings = validate(new YamlFile('file:///c.yaml', text));
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.code === 'yaml-syntax')).toBe(true);
  });
});

describe('empty values', () => {
  it('shows an empty value on its key, and an empty list item on its line', () => {
    const text = cluster(`      - hostname: a
        privateIP: 10.0.0.1
        arch:
        operatingSystem: Ubuntu22.04
        roles: [Worker]
      - `);
    expect(schemaFindings(text).map(brief)).toEqual([
      '20:8-20:12 schema/type `arch` must be a string; got nothing.',
      '23:6-23:7 schema/type Entry 2 of `nodes` must be a map of keys; got nothing.',
    ]);
  });
});
